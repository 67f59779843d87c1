import { Issue, Issues, isPlain } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { PRIVATE_BUCKET_TRANSFORMS_SHAPE } from "../shared/bucket-shape";
import { array, boolean, checkShape, input, int, object, oneOf, optional, record, string, transform, union } from "../shared/shape";
import { checkTags } from "../shared/validators";
import type { AuditTrailArgs, AuditTrailTransforms, DataEventsArgs, InsightType } from "./args";
import { normalize } from "./defaults";

export const INSIGHT_TYPES: readonly InsightType[] = ["ApiCallRateInsight", "ApiErrorRateInsight"];

const DATA_EVENT_RESOURCES = union('"all" or a list of ARNs', oneOf(["all"]), array(input(string()), { nonEmpty: true }));

/** Every AuditTrailArgs key, once: a key added to the interface without a shape here fails `tsc`. */
export const AUDIT_TRAIL_SHAPE = object<AuditTrailArgs>()({
    retentionDays: optional(int()),
    logRetentionDays: optional(int()),
    writerAccountIds: optional(array(string())),
    dataEvents: optional(
        object<DataEventsArgs>()({
            s3Objects: optional(DATA_EVENT_RESOURCES),
            dynamoDbTables: optional(DATA_EVENT_RESOURCES),
            lambdaFunctions: optional(DATA_EVENT_RESOURCES),
        }),
    ),
    insights: optional(array(oneOf(INSIGHT_TYPES))),
    protectData: optional(boolean()),
    keyDeletionWindowDays: optional(int()),
    tags: optional(record(string())),
    transform: optional(
        object<AuditTrailTransforms>()({
            key: optional(transform()),
            bucket: optional(PRIVATE_BUCKET_TRANSFORMS_SHAPE),
            logGroup: optional(transform()),
            logRole: optional(transform()),
            trail: optional(transform()),
        }),
    ),
});

/** ARN patterns of each data event type; an Output is checked by AWS, not here. */
const DATA_EVENT_ARNS: Record<keyof DataEventsArgs, { pattern: RegExp; allowed: string }> = {
    s3Objects: { pattern: /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, allowed: "a bucket ARN, arn:aws:s3:::<bucket> (no key or '/')" },
    dynamoDbTables: {
        pattern: /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/,
        allowed: "a table ARN, arn:aws:dynamodb:<region>:<account>:table/<name>",
    },
    lambdaFunctions: {
        pattern: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}$/,
        allowed: "an unqualified function ARN, arn:aws:lambda:<region>:<account>:function:<name>",
    },
};

/**
 * An AuditTrail's args: shape first (types, unknown keys), then `normalize`, then the value rules on
 * the resolved values. Pure: no Pulumi, no resources.
 */
export function validate(args: AuditTrailArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, AUDIT_TRAIL_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    // S3 lifecycle expiration takes a positive number of days
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html); a century is plenty.
    issues.int("retentionDays", cfg.retentionDays, 1, 36_500, " days");
    issues.oneOf("logRetentionDays", cfg.logRetentionDays, LOG_RETENTION_DAYS);
    const seen = new Set<string>();
    cfg.writerAccountIds.forEach((id, i) => {
        const path = `writerAccountIds[${i}]`;
        if (issues.match(path, id, /^\d{12}$/, "a 12-digit AWS account id") && seen.has(id)) issues.add(path, id, "is listed twice", "each account once");
        seen.add(id);
    });
    for (const [field, { pattern, allowed }] of Object.entries(DATA_EVENT_ARNS) as [keyof DataEventsArgs, { pattern: RegExp; allowed: string }][]) {
        const resources = cfg.dataEvents[field];
        if (resources === undefined || resources === "all") continue;
        resources.forEach((arn, i) => {
            if (isPlain(arn)) issues.match(`dataEvents.${field}[${i}]`, arn, pattern, allowed);
        });
    }
    if (new Set(cfg.insights).size !== cfg.insights.length) issues.add("insights", cfg.insights, "lists a type twice", INSIGHT_TYPES.join(", "));
    // KMS accepts a pending window of 7 to 30 days (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html).
    issues.int("keyDeletionWindowDays", cfg.keyDeletionWindowDays, 7, 30, " days");
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
