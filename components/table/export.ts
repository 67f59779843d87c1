import * as pulumi from "@pulumi/pulumi";
import type * as dynamodb from "@pulumi/aws/dynamodb";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as scheduler from "@pulumi/aws/scheduler";
import { PrivateBucket, createPrivateBucket, keptDataBucketSpec } from "../shared/bucket";
import { Issues, isPlain } from "../shared/errors";
import { RoleResources, Statement, assumeRolePolicy, createRole, keyThroughService } from "../shared/iam";
import { childName, fitName } from "../shared/naming";
import type { Tags } from "../shared/tags";
import { create } from "../shared/transform";
import { S3_BUCKET_ARN, checkKmsKeyArn, checkScheduleExpression } from "../shared/validators";
import type { ResolvedTable } from "./defaults";
import { S3_BUCKET_NAME } from "./import";

/** Point-in-time recovery keeps 1 to 35 days (API_PointInTimeRecoverySpecification RecoveryPeriodInDays). */
export const PITR_DAYS = { min: 1, max: 35 } as const;
export const EXPORT_FORMATS = ["DYNAMODB_JSON", "ION"] as const;
/** ExportTableToPointInTime S3Prefix: at most 1,024 characters. */
const MAX_PREFIX = 1024;
/** What the exporting principal needs on the bucket (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport_Requesting.html). */
export const EXPORT_S3_ACTIONS = ["s3:AbortMultipartUpload", "s3:PutObject", "s3:PutObjectAcl"];

/** The point-in-time recovery window and the export's rules: both need point-in-time recovery on. */
export function checkRecoveryAndExport(issues: Issues, cfg: ResolvedTable): void {
    const pitr = "pointInTimeRecovery: true (DynamoDB keeps and exports nothing without it)";
    if (cfg.pointInTimeRecoveryDays !== undefined) {
        issues.int("pointInTimeRecoveryDays", cfg.pointInTimeRecoveryDays, PITR_DAYS.min, PITR_DAYS.max, " days");
        if (!cfg.pointInTimeRecovery) issues.add("pointInTimeRecoveryDays", cfg.pointInTimeRecoveryDays, "needs point-in-time recovery", pitr);
    }
    const e = cfg.export;
    if (!e) return;
    if (!cfg.pointInTimeRecovery) issues.add("export", e, "needs point-in-time recovery: DynamoDB exports from it", pitr);
    if (e.prefix.length === 0 || e.prefix.length > MAX_PREFIX || e.prefix.startsWith("/") || e.prefix.endsWith("/"))
        issues.add("export.prefix", e.prefix, "is not a key prefix", `1 to ${MAX_PREFIX} characters, without a leading or trailing '/'`);
    issues.oneOf("export.format", e.format, EXPORT_FORMATS);
    if (e.schedule !== undefined) checkScheduleExpression(issues, "export.schedule", e.schedule);
    if (e.bucket) {
        if (isPlain(e.bucket.bucketName))
            issues.match("export.bucket.bucketName", e.bucket.bucketName, S3_BUCKET_NAME, "an S3 bucket name (3 to 63 of a-z, 0-9, '.' and '-')");
        if (isPlain(e.bucket.bucketArn)) issues.match("export.bucket.bucketArn", e.bucket.bucketArn, S3_BUCKET_ARN, "an S3 bucket ARN (arn:aws:s3:::<bucket>)");
        if (isPlain(e.bucket.bucketName) && isPlain(e.bucket.bucketArn) && !String(e.bucket.bucketArn).endsWith(`:::${e.bucket.bucketName}`))
            issues.add("export.bucket.bucketArn", e.bucket.bucketArn, `is not the ARN of bucket ${e.bucket.bucketName}`, `arn:aws:s3:::${e.bucket.bucketName}`);
        if (e.bucket.bucketOwner !== undefined) issues.match("export.bucket.bucketOwner", e.bucket.bucketOwner, /^\d{12}$/, "an AWS account ID (12 digits)");
        if (e.bucket.kmsKeyArn !== undefined) checkKmsKeyArn(issues, "export.bucket.kmsKeyArn", e.bucket.kmsKeyArn);
    }
}

export interface ExportResources {
    /** The bucket the component created (without `export.bucket`). */
    exportBucket?: PrivateBucket;
    /** The role Scheduler assumes for the scheduled export (with `export.schedule`). */
    exportRole?: RoleResources;
    exportSchedule?: scheduler.Schedule;
}

export interface CreatedExport {
    resources: ExportResources;
    bucketName: pulumi.Output<string>;
    command: pulumi.Output<string>;
}

/**
 * The export bucket (unless given), the `aws dynamodb export-table-to-point-in-time` command for it,
 * and the scheduled export when asked for.
 */
export function createExport(name: string, cfg: ResolvedTable, table: dynamodb.Table, tags: Tags, opts: pulumi.CustomResourceOptions): CreatedExport {
    const e = cfg.export!;
    const t = cfg.transform;
    const exportBucket = e.bucket
        ? undefined
        : // Exports are audit material: kept until someone deletes them (add a lifecycle rule with `transform` to expire them).
          createPrivateBucket(childName(name, "export-bucket"), keptDataBucketSpec(cfg.protectData, tags), opts, { bucket: t.exportBucket });
    const bucketName = pulumi.output(e.bucket ? e.bucket.bucketName : exportBucket!.bucket.bucket);
    const bucketArn = pulumi.output(e.bucket ? e.bucket.bucketArn : exportBucket!.bucket.arn);
    const kmsKeyArn = e.bucket?.kmsKeyArn;
    // Without a key the bucket's default encryption applies (SSE-S3 on the bucket created here).
    const sse = kmsKeyArn === undefined ? pulumi.output("") : pulumi.interpolate` --s3-sse-algorithm KMS --s3-sse-kms-key-id ${kmsKeyArn}`;
    // Another account's bucket must be named with its owner (ExportTableToPointInTime S3BucketOwner).
    const owner = e.bucket?.bucketOwner === undefined ? "" : ` --s3-bucket-owner ${e.bucket.bucketOwner}`;
    const command = pulumi.interpolate`aws dynamodb export-table-to-point-in-time --table-arn ${table.arn} --s3-bucket ${bucketName}${owner} --s3-prefix ${e.prefix} --export-format ${e.format} --export-type FULL_EXPORT${sse}`;

    const resources: ExportResources = { exportBucket };
    if (e.schedule !== undefined) Object.assign(resources, createExportSchedule(name, cfg, table, bucketName, bucketArn, tags, opts));
    return { resources, bucketName, command };
}

function createExportSchedule(
    name: string,
    cfg: ResolvedTable,
    table: dynamodb.Table,
    bucketName: pulumi.Output<string>,
    bucketArn: pulumi.Output<string>,
    tags: Tags,
    opts: pulumi.CustomResourceOptions,
): Required<Pick<ExportResources, "exportRole" | "exportSchedule">> {
    const e = cfg.export!;
    const account = getCallerIdentityOutput({}, opts).accountId;
    const region = getRegionOutput({}, opts).region;
    const partition = getPartitionOutput({}, opts).partition;
    const tableKey = typeof cfg.encryption === "object" ? cfg.encryption.kmsKeyArn : undefined;
    const statements: Statement[] = [
        { Sid: "ExportTable", Effect: "Allow", Action: "dynamodb:ExportTableToPointInTime", Resource: table.arn },
        // DynamoDB writes `<prefix>/AWSDynamoDB/<export id>/…` as the caller: nothing outside the prefix.
        { Sid: "WriteExport", Effect: "Allow", Action: EXPORT_S3_ACTIONS, Resource: pulumi.interpolate`${bucketArn}/${e.prefix}/*` },
        // DynamoDB reads the table's data under its key for the caller.
        ...keyThroughService("UseTableKeyThroughDynamoDB", tableKey, ["kms:Decrypt", "kms:DescribeKey"], "dynamodb"),
        // Multipart uploads to an SSE-KMS bucket need both.
        ...keyThroughService("UseBucketKeyThroughS3", cfg.export?.bucket?.kmsKeyArn, ["kms:Decrypt", "kms:GenerateDataKey"], "s3"),
    ];
    const exportRole = createRole(
        childName(name, "export-role"),
        {
            description: `Role EventBridge Scheduler assumes to export the table ${name} to S3`,
            // The default schedule group is what Scheduler presents (confused-deputy guidance:
            // https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html).
            assumeRolePolicy: assumeRolePolicy("scheduler.amazonaws.com", {
                sourceAccount: account,
                sourceArnLike: pulumi.interpolate`arn:${partition}:scheduler:${region}:${account}:schedule-group/default`,
            }),
            policies: { export: statements },
            tags,
        },
        opts,
        cfg.transform.exportRole,
    );
    // ExportTableToPointInTime's request, as Scheduler's universal target sends it
    // (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html).
    const input = pulumi.all([table.arn, bucketName, pulumi.output(cfg.export?.bucket?.kmsKeyArn)]).apply(([tableArn, bucket, key]) =>
        JSON.stringify({
            TableArn: tableArn,
            S3Bucket: bucket,
            ...(e.bucket?.bucketOwner !== undefined ? { S3BucketOwner: e.bucket.bucketOwner } : {}),
            S3Prefix: e.prefix,
            ExportFormat: e.format,
            ExportType: "FULL_EXPORT",
            ...(key !== undefined ? { S3SseAlgorithm: "KMS", S3SseKmsKeyId: key } : {}),
        }),
    );
    const exportSchedule = create(
        scheduler.Schedule,
        fitName(childName(name, "export-schedule"), scheduler.Schedule),
        {
            description: `Full export of the table ${name} to S3`,
            scheduleExpression: e.schedule!,
            flexibleTimeWindow: { mode: "OFF" },
            target: {
                arn: pulumi.interpolate`arn:${partition}:scheduler:::aws-sdk:dynamodb:exportTableToPointInTime`,
                // Resolved once the role's policy exists: the first export must find it.
                roleArn: exportRole.arn,
                input,
            },
        },
        opts,
        cfg.transform.exportSchedule,
    );
    return { exportRole, exportSchedule };
}
