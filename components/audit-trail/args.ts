import type * as pulumi from "@pulumi/pulumi";
import type * as cloudtrail from "@pulumi/aws/cloudtrail";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as iam from "@pulumi/aws/iam";
import type * as kms from "@pulumi/aws/kms";
import type * as lambda from "@pulumi/aws/lambda";
import type * as sqs from "@pulumi/aws/sqs";
import type { LambdaFunctionArgs } from "../lambda-function/args";
import type { AlertRule } from "./alert-rules";
import type { PrivateBucketTransforms } from "../shared/bucket";
import type { Transform } from "../shared/transform";

/** CloudTrail Insights types (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-insights-events-with-cloudtrail.html). */
export type InsightType = "ApiCallRateInsight" | "ApiErrorRateInsight";

/**
 * Resources whose data events (object-level and item-level API calls) the trail records: `"all"`
 * for every resource of the type in the account, or a list of ARNs. Data events are billed per
 * 100,000 events delivered ($0.10), and an `"all"` on busy buckets or tables adds up fast.
 */
export type DataEventResources = "all" | pulumi.Input<string>[];

export interface DataEventsArgs {
    /**
     * S3 object-level events (GetObject, PutObject, DeleteObject, …): `"all"` or bucket ARNs
     * (`arn:aws:s3:::<bucket>`), whose objects are then selected.
     * @default - no S3 data events
     * @example { s3Objects: [uploads.arn] }
     */
    s3Objects?: DataEventResources;
    /**
     * DynamoDB item-level events (GetItem, PutItem, Query, …): `"all"` or table ARNs.
     * @default - no DynamoDB data events
     * @example { dynamoDbTables: [orders.arn] }
     */
    dynamoDbTables?: DataEventResources;
    /**
     * Lambda `Invoke` events: `"all"` or function ARNs.
     * @default - no Lambda data events
     * @example { lambdaFunctions: "all" }
     */
    lambdaFunctions?: DataEventResources;
}

/**
 * What the alert path watches, each an EventBridge rule on CloudTrail's events:
 * - `root-sign-in`: a console sign-in (successful or not) as the account's root user.
 * - `iam-policy-changes`: policies created, changed, attached or detached (the CIS 4.4 list, plus SetDefaultPolicyVersion).
 * - `security-group-changes`: security groups created, deleted, or their rules changed (CIS 4.10, plus ModifySecurityGroupRules).
 * - `cloudtrail-changes`: a trail created, updated, deleted, stopped, or its selectors changed (CIS 4.5): someone blinding the audit.
 * - `kms-key-deletion`: a KMS key disabled or scheduled for deletion (CIS 4.7): data, and this trail's logs, become unreadable.
 */
export type { AlertRule } from "./alert-rules";

/** The alert path: EventBridge rules → a function that formats each event → an SNS topic. */
export interface AlertsArgs {
    /**
     * The SNS topic the alerts go to (e.g. an `AlertTopic`'s or `AlarmTopic`'s). The function publishes with its role,
     * which may publish to this topic only; a topic in another account must allow that role in its topic policy.
     */
    topicArn: pulumi.Input<string>;
    /**
     * The customer managed KMS key of the topic, when it is encrypted: the role may then use it through SNS only.
     * @default - none (an unencrypted topic, or one under `alias/aws/sns`, which needs no grant)
     * @example alarmTopic.keyArn
     */
    topicKeyArn?: pulumi.Input<string>;
    /**
     * The events to alert on (one EventBridge rule each, listed once).
     * @default ["root-sign-in","iam-policy-changes","security-group-changes","cloudtrail-changes","kms-key-deletion"]
     * @example ["root-sign-in", "iam-policy-changes"]
     */
    rules?: AlertRule[];
    /**
     * The alert function's entry file, bundled with esbuild like every `LambdaFunction` entry: a path relative to the
     * program's working directory (where `pulumi` runs), or absolute. The default is this repository's own copy, so it
     * resolves only in a program run from this repository. A program that installs the package points it at its copy
     * of the function: `functions/audit-alert/`, `functions/shared/` and `components/audit-trail/alert-rules.ts` in the
     * same relative layout, with `@aws-sdk/client-sns` installed where that copy resolves packages. (The npm package
     * ships `dist/components` only.) Checked before any resource: a file that bundles and exports `handler`.
     * @default "functions/audit-alert/index.ts"
     * @example path.join(__dirname, "vendor/aws-platform/functions/audit-alert/index.ts")
     */
    entry?: string;
    /**
     * Days CloudWatch keeps the function's logs (a CloudWatch Logs retention value).
     * @default 30
     */
    logRetentionDays?: number;
    /**
     * Days an event that could not be alerted on (Lambda's retries spent, or EventBridge unable to invoke) stays in the
     * failure queue (SQS: 1–14).
     * @default 14
     */
    failureRetentionDays?: number;
}

export interface AuditTrailTransforms {
    /** The KMS key that encrypts the log files. */
    key?: Transform<kms.KeyArgs>;
    /** The log bucket and its companions (`bucket`, `policy`, `lifecycle`, …). */
    bucket?: PrivateBucketTransforms;
    /** The CloudWatch log group the trail delivers to. */
    logGroup?: Transform<cloudwatch.LogGroupArgs>;
    /** The role CloudTrail assumes to write to the log group. */
    logRole?: Transform<iam.RoleArgs>;
    /**
     * The trail. Leave its `name` alone: the key and bucket policies name the trail's ARN, built from
     * the name the component chose, and CloudTrail refuses a trail they do not admit.
     */
    trail?: Transform<cloudtrail.TrailArgs>;
    /** With `alerts`: every EventBridge rule (one per alert rule). */
    alertRule?: Transform<cloudwatch.EventRuleArgs>;
    /** With `alerts`: every rule's target (the function). */
    alertTarget?: Transform<cloudwatch.EventTargetArgs>;
    /** With `alerts`: every rule's permission to invoke the function. */
    alertPermission?: Transform<lambda.PermissionArgs>;
    /** With `alerts`: the queue of events that could not be alerted on. */
    alertFailures?: Transform<sqs.QueueArgs>;
    /** With `alerts`: the failure queue's policy (EventBridge's dead letters). */
    alertFailuresPolicy?: Transform<sqs.QueuePolicyArgs>;
    /** With `alerts`: the function's own transforms (`role`, `logGroup`, `function`, `eventInvokeConfig`, …). */
    alertFunction?: LambdaFunctionArgs["transform"];
}

export interface AuditTrailArgs {
    /**
     * Days the log files stay in the bucket before S3's lifecycle deletes them. Log file
     * validation's digest files go with them.
     * @default 365
     */
    retentionDays?: number;
    /**
     * Days the CloudWatch log group keeps the events (one of CloudWatch Logs' retention values).
     * @default 90
     */
    logRetentionDays?: number;
    /**
     * Other AWS accounts whose trails may write to this bucket (each under `AWSLogs/<account>/`) and
     * encrypt with this key: several accounts, one bucket. Their trails name this bucket and key.
     * Not this stack's own account (its trail is admitted by ARN; listing it would admit all its trails).
     * @default []
     * @example ["111122223333", "444455556666"]
     */
    writerAccountIds?: string[];
    /**
     * Make this an organization trail: it records every account of the AWS Organization this account manages. Only from
     * the organization's **management account** (checked at preview; a delegated administrator's organization trail
     * belongs to the management account, so its ARN would not be the one the policies name), with trusted access for CloudTrail enabled in Organizations
     * (`aws organizations enable-aws-service-access --service-principal cloudtrail.amazonaws.com`). Member accounts' logs
     * go under `AWSLogs/<org id>/<account>/`; the bucket, key and log role admit them.
     * @default false
     */
    organization?: boolean;
    /**
     * Another organization (`o-…`) whose organization trail writes to this bucket (a central log archive account): its
     * members' logs arrive under `AWSLogs/<org id>/`, admitted with `aws:SourceOrgID`. Its management account, where that
     * trail lives, must be in `writerAccountIds` (its own logs, and the key's encryption context).
     * @default - none
     * @example "o-a1b2c3d4e5"
     */
    writerOrganizationId?: string;
    /**
     * The alert path: EventBridge rules for the chosen CloudTrail events → a Lambda function (code in
     * `functions/audit-alert/`, or your copy: `alerts.entry`) that keeps the matching events, formats who/what/where/when/source IP and a console link,
     * and publishes to `topicArn`. Failures go to an SQS queue. Rules are created in this component's region: IAM and
     * root sign-in events arrive in **us-east-1** only (global services), so create the component there, or those rules
     * never match (a warning says so at preview). The rules see this account's events only, also for an organization
     * trail: member accounts' events reach their own accounts' event buses, not this one.
     * @default - no alerts
     * @example { topicArn: alerts.topicArn, rules: ["root-sign-in", "iam-policy-changes", "security-group-changes"] }
     */
    alerts?: AlertsArgs;
    /**
     * Data events to record besides management events, through advanced event selectors.
     * @default {}
     * @example { s3Objects: [uploads.arn], lambdaFunctions: "all" }
     */
    dataEvents?: DataEventsArgs;
    /**
     * Insights event types: CloudTrail learns the account's normal rates and records unusual activity.
     * `ApiCallRateInsight` analyses write management API calls; `ApiErrorRateInsight` management API calls, read and
     * write, that end in an error (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-insights-events-with-cloudtrail.html).
     * Both have the management events they need: the trail records all of them. Billed per 100,000 events analysed ($0.35).
     * @default []
     * @example ["ApiCallRateInsight", "ApiErrorRateInsight"]
     */
    insights?: InsightType[];
    /**
     * Protect the bucket and the key: `protect` (a `pulumi destroy` or a replacement stops at them)
     * and `retainOnDelete` (removing them from the program leaves them in AWS). An audit trail's logs
     * usually must outlive the stack. Without it the bucket is force-destroyed: `pulumi destroy` deletes
     * its log files with it.
     * @default false
     */
    protectData?: boolean;
    /**
     * Days KMS waits, once the key is scheduled for deletion, before deleting it (7–30): log files
     * encrypted with it cannot be read after that.
     * @default 30
     */
    keyDeletionWindowDays?: number;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `key`, `bucket` (an object of the bucket's own
     * transforms), `logGroup`, `logRole`, `trail`; with `alerts`: `alertRule`, `alertTarget`, `alertPermission`,
     * `alertFailures`, `alertFailuresPolicy`, `alertFunction` (the function's own transforms).
     * @default {}
     */
    transform?: AuditTrailTransforms;
}
