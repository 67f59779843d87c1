import { Issues, isPlain } from "./errors";

/** RFC 1123 host name limits: labels of 1–63 letters, digits and '-' (not first or last), 253 characters in all. */
export const MAX_DOMAIN_LENGTH = 253;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A DNS host name (RFC 1123), lower case (API Gateway and ACM store names in lower case, so another
 * spelling shows a change on every update), two labels or more, the last not all digits. With
 * `wildcard`, the leftmost label may be exactly `*` (API Gateway's wildcard custom domain names:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html#http-wildcard-custom-domain-names).
 * An Output is skipped.
 */
export function checkDomainName(issues: Issues, path: string, name: unknown, o: { wildcard?: boolean } = {}): boolean {
    if (!isPlain(name)) return true;
    const allowed = `a lower-case host name such as "api.example.com" (labels of 1–63 letters, digits and '-', ${MAX_DOMAIN_LENGTH} characters at most${o.wildcard ? '; "*" only as the whole leftmost label' : ""})`;
    if (typeof name !== "string" || name === "") return issues.add(path, name, "is not a host name", allowed);
    if (name.length > MAX_DOMAIN_LENGTH) return issues.add(path, name, `is ${name.length} characters long`, allowed);
    if (name !== name.toLowerCase()) return issues.add(path, name, "has upper-case letters", allowed);
    if (name.endsWith(".")) return issues.add(path, name, "ends with a dot", `${allowed}, with no trailing dot`);
    const labels = name.split(".");
    if (labels.length < 2) return issues.add(path, name, "has a single label", allowed);
    for (const [i, label] of labels.entries()) {
        if (label === "*" && i === 0) {
            if (!o.wildcard) return issues.add(path, name, "is a wildcard", "a host name without '*'");
            continue;
        }
        if (!LABEL.test(label)) return issues.add(path, name, `has the label "${label}"`, allowed);
    }
    if (/^\d+$/.test(labels[labels.length - 1])) return issues.add(path, name, "ends with an all-digit label (an IP address?)", allowed);
    return true;
}

/**
 * ACM's limit on a requested certificate's domain name: it becomes the Common Name, which "cannot exceed 64 octets
 * (characters), including periods" (RFC 5280; https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html).
 * The provider checks only for a trailing dot, so a longer name fails at RequestCertificate.
 */
export const MAX_CERTIFICATE_NAME_LENGTH = 64;

/** A name the component requests an ACM certificate for (no `certificateArn` given): at most 64 characters. An Output is skipped. */
export function checkCertificateName(issues: Issues, path: string, name: unknown): boolean {
    if (typeof name !== "string" || name.length <= MAX_CERTIFICATE_NAME_LENGTH) return true;
    return issues.add(
        path,
        name,
        `is ${name.length} characters long, and ACM refuses a certificate whose domain name exceeds ${MAX_CERTIFICATE_NAME_LENGTH}`,
        `certificateArn (a certificate listing the name as a subject alternative name), or a name of ${MAX_CERTIFICATE_NAME_LENGTH} characters at most`,
    );
}
