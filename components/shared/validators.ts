import { Issues, isPlain } from "./errors";

/** KMS key ids: a UUID, or `mrk-` and 32 hex digits (multi-Region). */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$|^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/mrk-[0-9a-f]{32}$/;
/** An IAM role or user ARN: what an access entry's principal may be (not an STS assumed-role session). */
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
/**
 * A standard (not FIFO) SNS topic ARN: names are 1 to 256 letters, digits, hyphens and underscores, and a
 * FIFO topic's ends in `.fifo` (https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html).
 */
export const SNS_STANDARD_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
/** An S3 bucket ARN: no region or account, arn:aws:s3:::<bucket> (no key or '/'). */
export const S3_BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** An unqualified Lambda function ARN (no version or alias): function names are 1 to 64 of [A-Za-z0-9_-]. */
export const LAMBDA_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}$/;
/** AWS Region names: `us-east-1`, `eu-central-2`, `ap-southeast-5`, `us-gov-west-1`, `cn-north-1`. */
export const AWS_REGION_NAME = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/** An IAM role ARN, path included: role names and paths of [\w+=,.@/-], at most 512 characters after `role/`. */
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** An IPv4 CIDR as octets and prefix length; undefined when `cidr` is not one. */
export function parseCidr(cidr: unknown): { octets: number[]; bits: number } | undefined {
    const m = typeof cidr === "string" ? IPV4_CIDR.exec(cidr) : null;
    if (!m) return undefined;
    const [a, b, c, d, bits] = m.slice(1).map(Number);
    if ([a, b, c, d].some((o) => o > 255) || bits > 32) return undefined;
    return { octets: [a, b, c, d], bits };
}

/** Whether an IPv4 address (its four octets) is in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918). */
export function isPrivate1918(octets: number[]): boolean {
    const [a, b] = octets;
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** A VPC CIDR: private (RFC 1918), /16 to /24, no host bits. */
export function checkVpcCidr(issues: Issues, path: string, cidr: unknown): boolean {
    const allowed = 'an RFC 1918 IPv4 CIDR from /16 to /24, e.g. "10.0.0.0/16"';
    if (typeof cidr !== "string" || !IPV4_CIDR.test(cidr)) return issues.add(path, cidr, "is not an IPv4 CIDR", allowed);
    const parsed = parseCidr(cidr);
    if (!parsed || parsed.bits < 16 || parsed.bits > 24) return issues.add(path, cidr, "is out of range", allowed);
    const [a, b, c, d] = parsed.octets;
    const ip = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    if (ip % 2 ** (32 - parsed.bits) !== 0) return issues.add(path, cidr, "has host bits set", `the network address, e.g. "${a}.${b}.0.0/${parsed.bits}"`);
    if (!isPrivate1918(parsed.octets)) return issues.add(path, cidr, "is not a private range", allowed);
    return true;
}

/** A VPC id (`vpc-` and 8 or 17 hex digits); an Output is skipped. */
export function checkVpcId(issues: Issues, path: string, id: unknown): boolean {
    if (!isPlain(id)) return true;
    return issues.match(path, id, /^vpc-[0-9a-f]{8,17}$/, 'a VPC id such as "vpc-0123456789abcdef0"');
}

/** A subnet id (`subnet-` and 8 or 17 hex digits); an Output is skipped. */
export function checkSubnetId(issues: Issues, path: string, id: unknown): boolean {
    if (!isPlain(id)) return true;
    return issues.match(path, id, /^subnet-[0-9a-f]{8,17}$/, 'a subnet id such as "subnet-0123456789abcdef0"');
}

/** A security group id (`sg-` and 8 or 17 hex digits); an Output is skipped. */
export function checkSecurityGroupId(issues: Issues, path: string, id: unknown): boolean {
    if (!isPlain(id)) return true;
    return issues.match(path, id, /^sg-[0-9a-f]{8,17}$/, 'a security group id such as "sg-0123456789abcdef0"');
}

/**
 * Client security groups, each admitted by an ingress rule of its own: every id checked, and each once, because
 * a second rule with the same peer, protocol and port is refused by EC2
 * (`InvalidPermission.Duplicate: the specified rule "peer: sg-…, TCP, from port: …" already exists`).
 */
export function checkClientSecurityGroups(issues: Issues, path: string, ids: readonly unknown[]): void {
    const seen = new Set<unknown>();
    ids.forEach((id, i) => {
        checkSecurityGroupId(issues, `${path}[${i}]`, id);
        if (isPlain(id) && seen.has(id)) issues.add(`${path}[${i}]`, id, "is listed twice", "each client security group once");
        seen.add(id);
    });
}

/** Route 53 hosted zone ids: `Z` and upper-case letters or digits. */
export const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/** A Route 53 hosted zone id (an Output is skipped). */
export function checkHostedZoneId(issues: Issues, path: string, id: unknown): boolean {
    if (!isPlain(id)) return true;
    return issues.match(path, id, HOSTED_ZONE_ID, 'a Route 53 hosted zone id, e.g. "Z0123456789ABCDEFGHIJ"');
}

/** An HTTP header name: an RFC 9110 token (section 5.1), the form API Gateway and CloudFront accept. */
export const HTTP_HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** ACM certificate ARNs: the certificate id is a UUID. The Region is the first group. */
export const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An ACM certificate ARN (an Output is skipped). */
export function checkCertificateArn(issues: Issues, path: string, arn: unknown): boolean {
    if (!isPlain(arn)) return true;
    return issues.match(path, arn, ACM_CERTIFICATE_ARN, "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)");
}

/**
 * A KMS key ARN: key ids are UUIDs, or `mrk-` and 32 hex digits for multi-Region keys
 * (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-id). Not an alias:
 * grants and key policies name keys. An Output is skipped.
 */
export function checkKmsKeyArn(issues: Issues, path: string, arn: unknown): boolean {
    if (!isPlain(arn)) return true;
    return issues.match(path, arn, KMS_KEY_ARN, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias");
}

/** An IAM role or user ARN (an access entry's principal); an STS session ARN is named as such. An Output is skipped. */
export function checkPrincipalArn(issues: Issues, path: string, arn: unknown): boolean {
    if (!isPlain(arn) || (typeof arn === "string" && PRINCIPAL_ARN.test(arn))) return true;
    const session = typeof arn === "string" && /:sts::\d{12}:assumed-role\//.test(arn) ? " (an STS session, not the role)" : "";
    return issues.add(path, arn, `is not an IAM role or user ARN${session}`, '"arn:aws:iam::<account>:role/<name>" or ":user/<name>"');
}

/** A list of IPv4 CIDRs (security group sources). */
export function checkCidrList(issues: Issues, path: string, cidrs: unknown): boolean {
    if (!Array.isArray(cidrs) || cidrs.length === 0) return issues.add(path, cidrs, "is empty", 'one or more IPv4 CIDRs, e.g. ["10.0.0.0/16"]');
    let ok = true;
    cidrs.forEach((c, i) => {
        if (!parseCidr(c)) ok = issues.add(`${path}[${i}]`, c, "is not an IPv4 CIDR", 'e.g. "203.0.113.0/24"');
    });
    return ok;
}

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const AT = /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/;
const CRON = /^cron\(([^)]*)\)$/;

/**
 * EventBridge Scheduler / Application Auto Scaling schedule expressions:
 * `rate(5 minutes)`, `cron(0 3 * * ? *)` (six fields, `?` in day-of-month or day-of-week), `at(2026-01-01T00:00:00)`.
 */
export function checkScheduleExpression(issues: Issues, path: string, expr: unknown): boolean {
    if (expr === undefined) return true;
    const allowed = '"rate(5 minutes)", "cron(0 3 * * ? *)" (minutes hours day-of-month month day-of-week year) or "at(2026-01-01T00:00:00)"';
    if (typeof expr !== "string") return issues.add(path, expr, "is not a schedule expression", allowed);
    const rate = RATE.exec(expr);
    if (rate) {
        const n = Number(rate[1]);
        if (n < 1) return issues.add(path, expr, "has a rate below 1", allowed);
        if ((n === 1) !== !rate[2].endsWith("s"))
            return issues.add(path, expr, "uses the wrong unit form (1 takes the singular, more the plural)", 'e.g. "rate(1 hour)" or "rate(2 hours)"');
        return true;
    }
    if (AT.test(expr)) {
        // A real calendar time: Scheduler refuses at(2026-02-30T00:00:00) or an hour of 24.
        const [y, mo, d, h, mi, se] = (expr.match(/\d+/g) ?? []).map(Number);
        const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
        if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || se > 59)
            return issues.add(path, expr, "is not a calendar date and time", 'e.g. "at(2026-01-01T00:00:00)"');
        return true;
    }
    const cron = CRON.exec(expr);
    if (cron) {
        const fields = cron[1].trim().split(/\s+/);
        if (fields.length !== 6) return issues.add(path, expr, `has ${fields.length} cron fields, not 6`, allowed);
        const [, , dom, , dow] = fields;
        if ((dom === "?") === (dow === "?"))
            return issues.add(path, expr, "needs '?' in exactly one of day-of-month and day-of-week", 'e.g. "cron(0 3 * * ? *)"');
        const bad = fields.map((f, i) => (cronFieldOk(i, f) ? undefined : `${CRON_FIELDS[i].name} "${f}"`)).filter((x) => x !== undefined);
        if (bad.length)
            return issues.add(
                path,
                expr,
                `has ${bad.join(", ")} out of range`,
                "minutes 0-59, hours 0-23, day-of-month 1-31 (L, W), month 1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT (L, #), year 1970-2199; with , - * / ?",
            );
        return true;
    }
    return issues.add(path, expr, "is not a schedule expression", allowed);
}

/**
 * The six cron fields' ranges and special characters, as EventBridge (rules and Scheduler) and
 * Application Auto Scaling read them: AWS refuses the schedule otherwise
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based).
 */
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const CRON_FIELDS = [
    { name: "minutes", min: 0, max: 59 },
    { name: "hours", min: 0, max: 23 },
    { name: "day-of-month", min: 1, max: 31 },
    { name: "month", min: 1, max: 12, names: MONTHS },
    { name: "day-of-week", min: 1, max: 7, names: DAYS },
    { name: "year", min: 1970, max: 2199 },
];

function cronFieldOk(index: number, field: string): boolean {
    const spec = CRON_FIELDS[index];
    const value = (v: string) => {
        const named = spec.names?.indexOf(v.toUpperCase()) ?? -1;
        if (named >= 0) return true;
        return /^\d+$/.test(v) && Number(v) >= spec.min && Number(v) <= spec.max;
    };
    return field.split(",").every((item) => {
        if (item === "*" || (item === "?" && (index === 2 || index === 4))) return true;
        if (index === 2 && (item === "L" || item === "LW" || (/^\d+W$/.test(item) && value(item.slice(0, -1))))) return true;
        if (index === 4 && (item === "L" || (/^\w+L$/.test(item) && value(item.slice(0, -1))))) return true;
        if (index === 4 && /^\w+#[1-5]$/.test(item)) return value(item.split("#")[0]);
        const [base, step, ...more] = item.split("/");
        if (more.length || (step !== undefined && !/^[1-9]\d*$/.test(step))) return false;
        if (base === "*") return step !== undefined;
        const [from, to, ...rest] = base.split("-");
        return rest.length === 0 && value(from) && (to === undefined || value(to));
    });
}

const TIME_ZONES = new Set<string>([...(Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf("timeZone"), "UTC"]);

/** An IANA time zone name, as EventBridge Scheduler and Application Auto Scaling take it. */
export function checkTimeZone(issues: Issues, path: string, tz: unknown): boolean {
    if (tz === undefined) return true;
    if (typeof tz !== "string" || !TIME_ZONES.has(tz))
        return issues.add(path, tz, "is not an IANA time zone", 'e.g. "UTC", "Europe/Paris", "America/New_York"');
    return true;
}

/** Tags AWS allows on one resource (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html). */
export const MAX_TAGS = 50;

/** AWS tag rules: at most 50 tags, keys 1–128 and values 0–256 characters, no `aws:` prefix. */
export function checkTags(issues: Issues, path: string, tags: unknown): boolean {
    if (tags === undefined) return true;
    if (typeof tags !== "object" || tags === null || Array.isArray(tags)) return issues.add(path, tags, "is not a map of tags", '{ key: "value" }');
    let ok = true;
    const entries = Object.entries(tags);
    // The components add one tag of their own (aws-platform:component).
    if (entries.length > MAX_TAGS - 1)
        ok = issues.add(path, entries.length, "has too many tags", `at most ${MAX_TAGS - 1} (AWS allows ${MAX_TAGS}; the component adds one)`);
    for (const [k, v] of entries) {
        if (k.length === 0 || k.length > 128 || /^aws:/i.test(k))
            ok = issues.add(`${path}.${k}`, k, "is not a valid tag key", '1 to 128 characters, not starting with "aws:"');
        if (typeof v !== "string" || v.length > 256) ok = issues.add(`${path}.${k}`, v, "is not a valid tag value", "a string of at most 256 characters");
    }
    return ok;
}
