/**
 * Operations services: CloudWatch (logs, metrics, alarms, dashboards), CloudTrail, CodePipeline, CodeBuild, KMS,
 * Secrets Manager, S3 storage and requests, AWS Backup (EFS backups) and Systems Manager parameters: us-east-1
 * on-demand list prices. EFS and ECR storage are in prices/compute.ts; DynamoDB backups in prices/serverless.ts.
 */
import type { Price } from "../types";

const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";
const CLOUDTRAIL = "https://aws.amazon.com/cloudtrail/pricing/";
const CODEPIPELINE = "https://aws.amazon.com/codepipeline/pricing/";
const CODEBUILD = "https://aws.amazon.com/codebuild/pricing/";
const KMS = "https://aws.amazon.com/kms/pricing/";
const SECRETS = "https://aws.amazon.com/secrets-manager/pricing/";
const S3 = "https://aws.amazon.com/s3/pricing/";
const BACKUP = "https://aws.amazon.com/backup/pricing/";
const SSM = "https://aws.amazon.com/systems-manager/pricing/";

export const OPS_PRICES: Record<string, Price> = {
    "cloudwatch.logs.ingestGB": {
        usd: 0.5,
        unit: "GB",
        source: CLOUDWATCH,
        note: "CloudWatch Logs Standard class ingestion; the Infrequent Access class is $0.25/GB",
    },
    "cloudwatch.logs.vendedIngestGB": {
        usd: 0.5,
        unit: "GB",
        source: CLOUDWATCH,
        note: "vended logs (VPC flow logs, CloudFront standard logs v2, …) delivered to CloudWatch Logs, first 10 TB/month; then $0.25 (next 20 TB), $0.10 (next 20 TB), $0.05 (over 50 TB); only the first tier is applied",
    },
    "cloudwatch.logs.storageGBMonth": { usd: 0.03, unit: "GB-month", source: CLOUDWATCH, note: "archived (stored) log data, compressed" },
    "cloudwatch.metric.month": {
        usd: 0.3,
        unit: "metric-month",
        source: CLOUDWATCH,
        note: "custom metrics, first 10,000; then $0.10 (next 240,000), $0.05 (next 750,000), $0.02 (over 1M); prorated by the hour a metric is reported",
    },
    "cloudwatch.containerInsights.eksObservations": {
        usd: 0.21,
        unit: "1M observations",
        source: CLOUDWATCH,
        // Not read on the page itself here: two dated copies state $0.21 per million, one "verified on 2026-10-02 against
        // the … CloudWatch pricing page", one (2026-06-02) as the page's example unit price. The page bills enhanced
        // observability "per observation instead of … per metric stored or log ingested", with tiers this table lacks.
        note: "Container Insights with enhanced observability for Amazon EKS, per million observations; the page's tiers are not modelled (this is the rate dated copies of the page quote, 2026-06 and 2026-10): verify",
    },
    "cloudwatch.alarm.standard": {
        usd: 0.1,
        unit: "alarm metric-month",
        source: CLOUDWATCH,
        note: "standard resolution (60 s) alarm, per metric it evaluates",
    },
    "cloudwatch.alarm.highResolution": {
        usd: 0.3,
        unit: "alarm metric-month",
        source: CLOUDWATCH,
        note: "high resolution (10 s or 30 s period) alarm, per metric it evaluates",
    },
    "cloudwatch.alarm.composite": { usd: 0.5, unit: "alarm-month", source: CLOUDWATCH },
    "cloudwatch.dashboard.month": { usd: 3, unit: "dashboard-month", source: CLOUDWATCH, note: "the first 3 dashboards (up to 50 metrics each) are free" },
    "cloudwatch.logsInsights.gbScanned": { usd: 0.005, unit: "GB scanned", source: CLOUDWATCH, note: "CloudWatch Logs Insights queries" },
    "cloudtrail.management.100k": {
        usd: 2,
        unit: "100k events",
        source: CLOUDTRAIL,
        note: "management events of a second or later trail copy; the first copy of management events in each Region is free",
    },
    "cloudtrail.data.100k": {
        usd: 0.1,
        unit: "100k events",
        source: CLOUDTRAIL,
        note: "data events (S3 object, Lambda invoke, DynamoDB item, …) delivered by a trail",
    },
    "cloudtrail.insights.100k": { usd: 0.35, unit: "100k events analyzed", source: CLOUDTRAIL, note: "CloudTrail Insights, per insight type" },
    "codepipeline.v1.pipelineMonth": {
        usd: 1,
        unit: "active pipeline-month",
        source: CODEPIPELINE,
        note: "V1 pipeline type; a pipeline is active in a month when it exists for more than 30 days and has at least one code change running through it",
    },
    "codepipeline.v2.actionMinute": { usd: 0.002, unit: "action execution minute", source: CODEPIPELINE, note: "V2 pipeline type, rounded up to the minute" },
    "codebuild.linux.small.minute": {
        usd: 0.005,
        unit: "build minute",
        source: CODEBUILD,
        note: "general1.small (LINUX_CONTAINER, 3 GB, 2 vCPUs), on-demand EC2 compute",
    },
    "codebuild.linux.medium.minute": { usd: 0.01, unit: "build minute", source: CODEBUILD, note: "general1.medium (LINUX_CONTAINER, 7 GB, 4 vCPUs)" },
    "codebuild.linux.large.minute": { usd: 0.02, unit: "build minute", source: CODEBUILD, note: "general1.large (LINUX_CONTAINER, 15 GB, 8 vCPUs)" },
    "codebuild.arm.small.minute": {
        usd: 0.0034,
        unit: "build minute",
        source: CODEBUILD,
        note: "arm1.small (ARM_CONTAINER BUILD_GENERAL1_SMALL, 4 GB, 2 vCPUs); corroborated: TheCandidStartup/TheCandidStartup.github.io _posts/2023-01-23-free-or-not.md ('$0.0034 for linux arm1.small', 'All costs … based on AWS US East region'; commit c79e8ca, 2023-01-23)",
    },
    "codebuild.arm.large.minute": {
        usd: 0.015,
        unit: "build minute",
        source: CODEBUILD,
        note: "arm1.large (ARM_CONTAINER BUILD_GENERAL1_LARGE, 16 GB, 8 vCPUs); corroborated: eduardorestrepo89/factored-hackathon-2026-ledgerlens docs/superpowers/specs/2026-10-02-data-pipeline-design.md ('Unit prices (verified 2026-10-02, AWS Price List API, us-east-1)': 'CodeBuild `arm1.large` | $0.015 per build-minute'; its measured 54 pipeline minutes cost $0.81, commit 12849ee)",
    },
    "kms.key.month": {
        usd: 1,
        unit: "key-month",
        source: KMS,
        note: "customer managed key (multi-Region primary and each replica alike), prorated by the hour; automatic rotation adds $1/month for each of the first two rotations (at most $3/month); AWS managed keys are free",
    },
    "kms.requests.10k": {
        usd: 0.03,
        unit: "10k requests",
        source: KMS,
        note: "requests to symmetric keys (Encrypt, Decrypt, GenerateDataKey, …); requests to asymmetric keys are priced higher and not modelled here; 20,000 requests a month are free",
    },
    "secretsmanager.secret.month": { usd: 0.4, unit: "secret-month", source: SECRETS, note: "prorated by the hour; replica secrets are billed as secrets" },
    "secretsmanager.api.10k": {
        usd: 0.05,
        unit: "10k API calls",
        source: SECRETS,
        note: "every API call (GetSecretValue, DescribeSecret, …); no always-free allowance",
    },
    "s3.standard.gbMonth": {
        usd: 0.023,
        unit: "GB-month",
        source: S3,
        note: "S3 Standard, first 50 TB/month; then $0.022 (next 450 TB), $0.021 (over 500 TB)",
    },
    // The S3 page's "Requests & data retrievals" tab (rendered with script); the same figures in dated third-party
    // copies read on 2026-11-26 (c3x.dev's "S3 request fees explained", awsi.click's S3 request pricing article).
    "s3.standard.put.1k": {
        usd: 0.005,
        unit: "1k requests",
        source: S3,
        note: "S3 Standard PUT, COPY, POST and LIST requests, per 1,000",
    },
    "s3.standard.get.1k": {
        usd: 0.0004,
        unit: "1k requests",
        source: S3,
        note: "S3 Standard GET, SELECT and all other requests, per 1,000 (DELETE and CANCEL are free)",
    },
    "backup.efs.warm.gbMonth": {
        usd: 0.05,
        unit: "GB-month",
        source: BACKUP,
        note: "AWS Backup warm storage of Amazon EFS backups; cold storage $0.01/GB-month",
    },
    "ssm.parameter.advanced.month": {
        usd: 0.05,
        unit: "parameter-month",
        source: SSM,
        note: "Parameter Store advanced parameter, prorated by the hour; standard parameters are free (higher throughput API interactions $0.05 per 10k are not estimated)",
    },
};

/**
 * Always-free allowances per account and month, in each price's unit. CloudWatch's 5 GB of log data covers ingestion,
 * storage and Logs Insights scans together: it is credited here on Standard ingestion only (a conservative reading).
 * S3 has no free tier beyond the first 12 months of a new account, so none is applied; Secrets Manager's 30-day trial
 * per secret is not applied either.
 */
export const OPS_FREE_TIER: Record<string, { allowance: number; note: string }> = {
    "cloudwatch.metric.month": { allowance: 10, note: "CloudWatch always-free tier: 10 custom metrics" },
    "cloudwatch.alarm.standard": { allowance: 10, note: "CloudWatch always-free tier: 10 alarm metrics (standard resolution only)" },
    "cloudwatch.dashboard.month": { allowance: 3, note: "CloudWatch always-free tier: 3 dashboards of up to 50 metrics each" },
    "cloudwatch.logs.ingestGB": {
        allowance: 5,
        note: "CloudWatch always-free tier: 5 GB of log data (ingestion, storage and Logs Insights scans together; credited on Standard ingestion only)",
    },
    "kms.requests.10k": { allowance: 2, note: "KMS always-free tier: 20,000 requests a month (2 × 10k)" },
    "codebuild.linux.small.minute": { allowance: 100, note: "CodeBuild always-free tier: 100 build minutes of general1.small a month" },
    "codepipeline.v1.pipelineMonth": { allowance: 1, note: "CodePipeline always-free tier: 1 active V1 pipeline a month" },
    "codepipeline.v2.actionMinute": { allowance: 100, note: "CodePipeline always-free tier: 100 V2 action execution minutes a month" },
};

/**
 * Operations resources that cost nothing by themselves. Log deliveries and flow logs are billed as the destination log
 * group's vended-log ingestion (pricers/ops.ts prices that on the log group); query definitions cost nothing until a
 * query runs (Logs Insights scans are usage); EventBridge rules on AWS service events and their targets are free;
 * notification rules bill through SNS; CodeDeploy is free for Lambda and ECS deployments (and EC2, not on-premises);
 * S3 bucket sub-resources are configuration of the bucket; Backup selections are priced through the vault and plan.
 */
export const OPS_FREE_TYPES: string[] = [
    "aws:cloudwatch/queryDefinition:QueryDefinition",
    "aws:cloudwatch/eventRule:EventRule",
    "aws:cloudwatch/eventTarget:EventTarget",
    "aws:cloudwatch/logDelivery:LogDelivery",
    "aws:cloudwatch/logDeliverySource:LogDeliverySource",
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",
    "aws:cloudwatch/logDeliveryDestinationPolicy:LogDeliveryDestinationPolicy",
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
    "aws:ec2/flowLog:FlowLog",
    "aws:kms/alias:Alias",
    "aws:kms/grant:Grant",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketVersioningV2:BucketVersioningV2",
    "aws:s3/bucketNotification:BucketNotification",
    "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:backup/selection:Selection",
    "aws:secretsmanager/secretVersion:SecretVersion",
    "aws:secretsmanager/secretPolicy:SecretPolicy",
    "aws:ssm/document:Document",
    "aws:codedeploy/application:Application",
    "aws:codedeploy/deploymentGroup:DeploymentGroup",
    "aws:codedeploy/deploymentConfig:DeploymentConfig",
    "aws:codeconnections/connection:Connection",
    "aws:codestarconnections/connection:Connection",
    "aws:codestarnotifications/notificationRule:NotificationRule",
];
