import type * as pulumi from "@pulumi/pulumi";
import type * as cloudtrail from "@pulumi/aws/cloudtrail";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as iam from "@pulumi/aws/iam";
import type * as kms from "@pulumi/aws/kms";
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
     * Data events to record besides management events, through advanced event selectors.
     * @default {}
     * @example { s3Objects: [uploads.arn], lambdaFunctions: "all" }
     */
    dataEvents?: DataEventsArgs;
    /**
     * Insights event types: CloudTrail learns the account's normal rate of write management API
     * calls (and errors) and records unusual activity. Billed per 100,000 events analysed ($0.35).
     * @default []
     * @example ["ApiCallRateInsight", "ApiErrorRateInsight"]
     */
    insights?: InsightType[];
    /**
     * Protect the bucket and the key: `protect` (a `pulumi destroy` or a replacement stops at them)
     * and `retainOnDelete` (removing them from the program leaves them in AWS). An audit trail's logs
     * usually must outlive the stack.
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
     * transforms), `logGroup`, `logRole`, `trail`.
     * @default {}
     */
    transform?: AuditTrailTransforms;
}
