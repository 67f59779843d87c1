import * as pulumi from "@pulumi/pulumi";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { getOrganizationOutput } from "@pulumi/aws/organizations/getOrganization";
import * as kms from "@pulumi/aws/kms";
import { NONCURRENT_VERSION_DAYS, PrivateBucket, createPrivateBucket } from "../shared/bucket";
import { ArgsError } from "../shared/errors";
import { RoleResources, assumeRolePolicy, createRole, policyJson } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import { stackSuffix } from "../shared/unique";
import { AlertResources, createAlerts } from "./alerts";
import type { AuditTrailArgs } from "./args";
import { normalize } from "./defaults";
import { TrailScope, logRoleStatements, trailBucketStatements, trailKeyStatements } from "./policies";
import { advancedEventSelectors, insightSelectors } from "./selectors";
import { validate } from "./validate";

export interface AuditTrailResources {
    /** Encrypts the log and digest files; its policy admits CloudTrail and lets the account decrypt. */
    key: kms.Key;
    /** The log bucket and its companions; the bucket policy admits CloudTrail after the TLS-only deny. */
    bucket: PrivateBucket;
    /** The CloudWatch Logs copy of the events, for metric filters, alarms and Logs Insights. */
    logGroup: cloudwatch.LogGroup;
    /** The role CloudTrail assumes to write to `logGroup`, and its one inline policy. */
    logRole: RoleResources;
    trail: cloudtrail.Trail;
    /** With `alerts`: the rules, their targets and permissions, the function and its failure queue. */
    alerts?: AlertResources;
}

/**
 * A CloudTrail trail for the account: every region, global service events (IAM, STS, CloudFront),
 * log file validation (signed hourly digests), log files encrypted with a customer managed key,
 * delivered to a private S3 bucket that expires them after `retentionDays`, and to a CloudWatch log
 * group; optionally data events and Insights, other accounts or another organization writing to the
 * same bucket, an organization trail (from the management account), and the alert path: EventBridge
 * rules on chosen CloudTrail events → a function that formats them → an SNS topic.
 * Create it in the account's home region (a multi-region trail is managed there); with `alerts`, in
 * us-east-1, where IAM and console sign-in events reach EventBridge.
 *
 * @example
 * const audit = new AuditTrail("audit", {
 *     dataEvents: { s3Objects: [uploads.arn] },
 *     insights: ["ApiCallRateInsight"],
 *     alerts: { topicArn: securityTopic.topicArn, topicKeyArn: securityTopic.keyArn },
 *     protectData: true,
 * });
 *
 * **Cost** (us-east-1, defaults): the first copy of management events is free; the key $1/month
 * plus $0.03 per 10,000 requests (S3 Bucket Keys are not used by CloudTrail's own writes); S3
 * storage at $0.023/GB-month for a year of logs; CloudWatch Logs ingestion $0.50/GB and storage
 * $0.03/GB-month for 90 days. Data events add $0.10 per 100,000, Insights $0.35 per 100,000 events
 * analysed. Alerts: EventBridge rules on AWS service events are free; the function runs per matching
 * event (128 MiB, ~100 ms: 0.125 × 0.1 × $0.0000133334 ≈ $0.0000002 each plus $0.20 per million
 * requests); SNS $0.50 per million publishes (email deliveries $2 per 100,000); the failure queue
 * nearly nothing ($0.40 per million requests).
 */
export class AuditTrail extends pulumi.ComponentResource {
    static readonly type = typeToken("audit", "AuditTrail");

    readonly trailArn: pulumi.Output<string>;
    readonly bucketName: pulumi.Output<string>;
    readonly keyArn: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly resources: AuditTrailResources;

    constructor(name: string, args: AuditTrailArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("AuditTrail", name, issues);
        super(AuditTrail.type, name, args, opts);

        const cfg = normalize(args);
        const child = { parent: this };
        const kept = cfg.protectData ? { ...child, protect: true, retainOnDelete: true } : child;
        const tags = componentTags(AuditTrail.type, name, cfg.tags);
        const t = cfg.transform;
        // Known only once the provider has credentials: a writer account that is this account would admit
        // every trail of it, not just this one, so it is refused here as validation would.
        const accountId = getCallerIdentityOutput({}, child).accountId.apply((id) => {
            const i = cfg.writerAccountIds.indexOf(id);
            if (i >= 0) {
                throw new ArgsError("AuditTrail", name, [
                    { path: `writerAccountIds[${i}]`, value: id, message: "is this stack's own account", allowed: "other accounts only" },
                ]);
            }
            return id;
        });
        const partition = getPartitionOutput({}, child).partition;
        const region = getRegionOutput({}, child).region;
        // Known before the trail exists: the key and bucket policies must admit it by ARN, and CloudTrail
        // checks both when the trail is created.
        const physicalName = trailName(name);
        const organizationId = cfg.organization ? managedOrganizationId(name, accountId, child) : undefined;
        const scope: TrailScope = {
            partition,
            accountId,
            trailArn: pulumi.interpolate`arn:${partition}:cloudtrail:${region}:${accountId}:trail/${physicalName}`,
            writerAccountIds: cfg.writerAccountIds,
            organizationId,
            writerOrganizationId: cfg.writerOrganizationId,
        };

        const key = create(
            kms.Key,
            childName(name, "key"),
            {
                description: `Encrypts the CloudTrail logs of ${name}`,
                enableKeyRotation: true,
                deletionWindowInDays: cfg.keyDeletionWindowDays,
                policy: policyJson(trailKeyStatements(scope)),
                tags,
            },
            kept,
            t.key,
        );
        const bucket = createPrivateBucket(
            childName(name, "bucket"),
            {
                // SSE-S3 by default: CloudTrail encrypts its log files with the key itself, and a bucket default
                // of SSE-KMS would make every other writer (digest files, other accounts) need the key too.
                encryption: "sse-s3",
                // A log bucket is versioned (Security Hub S3.14): a deleted or overwritten log file stays restorable for
                // NONCURRENT_VERSION_DAYS, then goes, as do the versions the retention expiry leaves behind.
                versioning: true,
                lifecycle: { "expire-logs": { prefix: "", expireDays: cfg.retentionDays, noncurrentDays: NONCURRENT_VERSION_DAYS } },
                // Without protectData nothing is kept: destroy empties the bucket (S3 refuses a non-empty one).
                forceDestroy: !cfg.protectData,
                protect: cfg.protectData,
                retainOnDelete: cfg.protectData,
                tags,
                statements: (b) => trailBucketStatements(scope, b.arn),
            },
            child,
            t.bucket,
        );
        const logGroup = create(
            cloudwatch.LogGroup,
            fitName(childName(name, "logs"), cloudwatch.LogGroup),
            { retentionInDays: cfg.logRetentionDays, tags },
            child,
            t.logGroup,
        );
        const logRole = createRole(
            childName(name, "log-role"),
            {
                description: `CloudTrail delivers the events of ${name} to its log group`,
                assumeRolePolicy: assumeRolePolicy("cloudtrail.amazonaws.com"),
                policies: { logs: logRoleStatements(logGroup.arn, accountId, organizationId) },
                tags,
            },
            child,
            t.logRole,
        );
        const trail = create(
            cloudtrail.Trail,
            childName(name, "trail"),
            {
                name: physicalName,
                s3BucketName: bucket.bucket.id,
                kmsKeyId: key.arn,
                isMultiRegionTrail: true,
                isOrganizationTrail: cfg.organization,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                // CloudTrail wants the log group's ARN with its streams' wildcard.
                cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
                cloudWatchLogsRoleArn: logRole.arn,
                advancedEventSelectors: advancedEventSelectors(cfg.dataEvents, bucket.bucket.arn),
                insightSelectors: insightSelectors(cfg.insights),
                tags,
            },
            // CreateTrail checks the bucket policy (InsufficientS3BucketPolicyException) and the key policy.
            { ...child, dependsOn: [bucket.policy] },
            t.trail,
        );

        const alerts = cfg.alerts ? createAlerts({ name, region, tags, child, transform: t }, cfg.alerts) : undefined;

        this.trailArn = trail.arn;
        this.bucketName = bucket.bucket.bucket;
        this.keyArn = key.arn;
        this.logGroupName = logGroup.name;
        this.resources = { key, bucket, logGroup, logRole, trail, alerts };
        this.registerOutputs({ trailArn: this.trailArn, bucketName: this.bucketName, keyArn: this.keyArn, logGroupName: this.logGroupName });
    }
}

/**
 * The id (`o-…`) of the organization this account manages. CloudTrail creates organization trails only in the
 * management account (or its delegated administrator): anywhere else CreateTrail fails after the bucket and key exist,
 * so it is refused at preview with the same error as validation's. DescribeOrganization only (no account listing).
 */
function managedOrganizationId(name: string, accountId: pulumi.Output<string>, opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    const org = getOrganizationOutput({ returnOrganizationOnly: true }, opts);
    return pulumi.all([org.id, org.masterAccountId, accountId]).apply(([id, management, account]) => {
        if (management !== account) {
            throw new ArgsError("AuditTrail", name, [
                {
                    path: "organization",
                    value: true,
                    message: `needs the organization's management account (${management}); this stack runs in ${account}`,
                    allowed: "false here, or deploy the trail from the management account (member accounts write through writerOrganizationId there)",
                },
            ]);
        }
        return id;
    });
}

/**
 * The trail's physical name, `<name>-<7 hex>`: trail names are per account and region with no
 * auto-naming here (the ARN must be known first), so the per-stack suffix keeps dev and prod apart.
 * CloudTrail allows letters, digits, '.', '_' and '-' (no two in a row), 3–128 characters.
 */
export function trailName(name: string): string {
    return fitName(`${name.replace(/[^A-Za-z0-9]+/g, "-")}-${stackSuffix(name)}`, cloudtrail.Trail, { explicit: true });
}
