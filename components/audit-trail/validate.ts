import { Issue, Issues, isPlain } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { PRIVATE_BUCKET_TRANSFORMS_SHAPE } from "../shared/bucket-shape";
import { LAMBDA_FUNCTION_SHAPE, nestedFunctionIssues } from "../lambda-function/validate";
import { Optional, array, boolean, checkShape, input, int, object, oneOf, optional, record, string, transform, union } from "../shared/shape";
import { LAMBDA_FUNCTION_ARN, S3_BUCKET_ARN, SNS_STANDARD_TOPIC_ARN, checkKmsKeyArn, checkTags } from "../shared/validators";
import type { AlertRule, AlertsArgs, AuditTrailArgs, AuditTrailTransforms, DataEventsArgs, InsightType } from "./args";
import { ALERT_RULES } from "./alert-rules";
import { normalize } from "./defaults";
import { MAX_SELECTOR_VALUES, selectorValueCount } from "./selectors";

export const INSIGHT_TYPES: readonly InsightType[] = ["ApiCallRateInsight", "ApiErrorRateInsight"];

export const ALERT_RULE_IDS = Object.keys(ALERT_RULES) as readonly AlertRule[];

const DATA_EVENT_RESOURCES = union('"all" or a list of ARNs', oneOf(["all"]), array(input(string()), { nonEmpty: true }));

/** Every AuditTrailArgs key, once: a key added to the interface without a shape here fails `tsc`. */
export const AUDIT_TRAIL_SHAPE = object<AuditTrailArgs>()({
    retentionDays: optional(int()),
    logRetentionDays: optional(int()),
    writerAccountIds: optional(array(string())),
    organization: optional(boolean()),
    writerOrganizationId: optional(string()),
    alerts: optional(
        object<AlertsArgs>()({
            topicArn: input(string()),
            topicKeyArn: optional(input(string())),
            rules: optional(array(oneOf(ALERT_RULE_IDS), { nonEmpty: true })),
            entry: optional(string({ nonEmpty: true })),
            logRetentionDays: optional(int()),
            failureRetentionDays: optional(int()),
        }),
    ),
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
            alertRule: optional(transform()),
            alertTarget: optional(transform()),
            alertPermission: optional(transform()),
            alertFailures: optional(transform()),
            alertFailuresPolicy: optional(transform()),
            alertFunction: LAMBDA_FUNCTION_SHAPE.fields.transform as Optional,
        }),
    ),
});

/** ARN patterns of each data event type; an Output is checked by AWS, not here. */
const DATA_EVENT_ARNS: Record<keyof DataEventsArgs, { pattern: RegExp; allowed: string }> = {
    s3Objects: { pattern: S3_BUCKET_ARN, allowed: "a bucket ARN, arn:aws:s3:::<bucket> (no key or '/')" },
    dynamoDbTables: {
        pattern: /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/,
        allowed: "a table ARN, arn:aws:dynamodb:<region>:<account>:table/<name>",
    },
    lambdaFunctions: {
        pattern: LAMBDA_FUNCTION_ARN,
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
    if (cfg.writerOrganizationId !== undefined) {
        // Organizations: "o-" then 10 to 32 lowercase letters or digits (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html).
        issues.match(
            "writerOrganizationId",
            cfg.writerOrganizationId,
            /^o-[a-z0-9]{10,32}$/,
            "an organization id, o- and 10 to 32 lowercase letters or digits",
        );
        if (cfg.writerAccountIds.length === 0)
            issues.add(
                "writerOrganizationId",
                cfg.writerOrganizationId,
                "needs the organization's management account in writerAccountIds",
                "writerAccountIds listing the account whose organization trail writes here",
            );
    }
    if (cfg.alerts) {
        const a = cfg.alerts;
        if (isPlain(a.topicArn))
            issues.match(
                "alerts.topicArn",
                a.topicArn,
                SNS_STANDARD_TOPIC_ARN,
                "a standard SNS topic ARN, arn:aws:sns:<region>:<account>:<name> (not FIFO: the function sends no message group)",
            );
        // SNS encrypts with any symmetric customer managed key, multi-Region ones (key/mrk-…) included.
        if (a.topicKeyArn !== undefined) checkKmsKeyArn(issues, "alerts.topicKeyArn", a.topicKeyArn);
        if (new Set(a.rules).size !== a.rules.length) issues.add("alerts.rules", a.rules, "lists a rule twice", ALERT_RULE_IDS.join(", "));
        issues.oneOf("alerts.logRetentionDays", a.logRetentionDays, LOG_RETENTION_DAYS);
        // SQS MessageRetentionPeriod: 60 s to 1,209,600 s (14 days) (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html).
        issues.int("alerts.failureRetentionDays", a.failureRetentionDays, 1, 14, " days");
        // The entry is a file path resolved against the working directory: a program outside this repository must
        // name its copy, and a missing or broken one is refused here rather than by the function after the trail exists.
        issues.list.push(...nestedFunctionIssues("alerts", { entry: a.entry }));
    }
    for (const [field, { pattern, allowed }] of Object.entries(DATA_EVENT_ARNS) as [keyof DataEventsArgs, { pattern: RegExp; allowed: string }][]) {
        const resources = cfg.dataEvents[field];
        if (resources === undefined || resources === "all") continue;
        resources.forEach((arn, i) => {
            if (isPlain(arn)) issues.match(`dataEvents.${field}[${i}]`, arn, pattern, allowed);
        });
    }
    const values = selectorValueCount(cfg.dataEvents);
    if (values > MAX_SELECTOR_VALUES)
        issues.add(
            "dataEvents",
            `${values} condition values`,
            "needs more advanced event selector values than CloudTrail allows",
            `at most ${MAX_SELECTOR_VALUES} in all (use "all" for a kind)`,
        );
    if (new Set(cfg.insights).size !== cfg.insights.length) issues.add("insights", cfg.insights, "lists a type twice", INSIGHT_TYPES.join(", "));
    // KMS accepts a pending window of 7 to 30 days (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html).
    issues.int("keyDeletionWindowDays", cfg.keyDeletionWindowDays, 7, 30, " days");
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
