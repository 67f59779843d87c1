/**
 * Kubernetes name and label syntax, as the API server checks it (k8s.io/apimachinery
 * `validation.IsQualifiedName`, `IsValidLabelValue`, `IsDNS1123Label`, `IsDNS1123Subdomain`;
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set).
 * The one place every component checks these: built on the regexes of limits/kubernetes.ts. Pure: no Pulumi.
 */
import type { Issues } from "./errors";
import { DNS1123_LABEL, DNS1123_LABEL_MAX, DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_MAX, LABEL_NAME, LABEL_NAME_MAX } from "./limits/kubernetes";

/** What a label or taint key may be, for an issue's `allowed`. */
export const QUALIFIED_NAME_ALLOWED = `an optional DNS subdomain prefix (at most ${DNS1123_SUBDOMAIN_MAX} characters) and '/', then 1 to ${LABEL_NAME_MAX} letters, digits, '-', '_' or '.', starting and ending with a letter or digit (e.g. "example.com/role")`;
/** What a label or taint value may be, for an issue's `allowed`. */
export const LABEL_VALUE_ALLOWED = `empty, or at most ${LABEL_NAME_MAX} letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;

/** An RFC 1123 label of at most 63 characters: namespaces, container and volume names. */
export function isDnsLabel(value: string): boolean {
    return value.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(value);
}

/** An RFC 1123 subdomain of at most 253 characters: most object names (StorageClasses, service accounts), label key prefixes. */
export function isDnsSubdomain(value: string): boolean {
    return value.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(value);
}

/** Kubernetes `IsQualifiedName`: label keys, taint keys. */
export function isQualifiedName(key: string): boolean {
    const parts = key.split("/");
    if (parts.length > 2) return false;
    const name = parts[parts.length - 1];
    if (name.length > LABEL_NAME_MAX || !LABEL_NAME.test(name)) return false;
    return parts.length === 1 || isDnsSubdomain(parts[0]);
}

/** Kubernetes `IsValidLabelValue`: label values, taint values. */
export function isLabelValue(value: string): boolean {
    return value === "" || (value.length <= LABEL_NAME_MAX && LABEL_NAME.test(value));
}

/** Reports `key` at `path` unless it is a label key. */
export function checkLabelKey(issues: Issues, path: string, key: string): boolean {
    return isQualifiedName(key) || issues.add(path, key, "is not a valid label key", QUALIFIED_NAME_ALLOWED);
}

/** Reports `value` at `path` unless it is a label value. */
export function checkLabelValue(issues: Issues, path: string, value: unknown): boolean {
    return (typeof value === "string" && isLabelValue(value)) || issues.add(path, value, "is not a valid label value", LABEL_VALUE_ALLOWED);
}

/** Checks every key and value of a label map, each at `${path}.${key}`. */
export function checkLabels(issues: Issues, path: string, labels: Record<string, string>): void {
    for (const [key, value] of Object.entries(labels)) {
        checkLabelKey(issues, `${path}.${key}`, key);
        checkLabelValue(issues, `${path}.${key}`, value);
    }
}
