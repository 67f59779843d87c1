import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import * as lambda from "@pulumi/aws/lambda";
import * as s3 from "@pulumi/aws/s3";
import { LambdaFunction } from "../lambda-function/lambda-function";
import { PrivateBucket, createPrivateBucket } from "../shared/bucket";
import { ArgsError } from "../shared/errors";
import { Statement, keyThroughService } from "../shared/iam";
import { childName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import type { ThumbnailsArgs } from "./args";
import { ResolvedThumbnails, normalize } from "./defaults";
import { validate } from "./validate";

export interface ThumbnailsResources {
    /** The bucket uploads go to, and its companions. */
    sourceBucket: PrivateBucket;
    /** The bucket thumbnails go to, and its companions. */
    thumbnailBucket: PrivateBucket;
    function: LambdaFunction;
    /** S3's permission to invoke the function, for the source bucket of this account only. */
    permission: lambda.Permission;
    /**
     * The source bucket's notification configuration. S3 keeps one per bucket and
     * PutBucketNotificationConfiguration replaces it whole: another `aws.s3.BucketNotification` on
     * the source bucket (in this program or elsewhere) silently removes this trigger, and this one
     * removes the other's. Add further destinations here, through `transform.notification`.
     */
    notification: s3.BucketNotification;
}

/**
 * The notes' S3 thumbnail pipeline: an upload under `sourcePrefix` in the source bucket invokes the
 * function (`functions/thumbnail`), which writes a `width`-pixel copy under `outputPrefix` in the
 * thumbnail bucket. Both buckets are private (ACLs disabled, every public access block on), encrypted
 * (SSE-S3 or SSE-KMS with a Bucket Key) and TLS-only. The function may read the source prefix and
 * write the output prefix, nothing else; it never triggers itself (another bucket, disjoint prefixes).
 * The component owns the source bucket's notification configuration (S3 keeps one per bucket): add
 * other destinations through `transform.notification`, never with a second `BucketNotification`.
 * Every bucket aborts incomplete multipart uploads after 7 days.
 *
 * @example
 * const thumbnails = new Thumbnails("photos", { sourcePrefix: "uploads/", width: 320, thumbnailExpireDays: 90 });
 * export const uploadBucket = thumbnails.sourceBucketName;
 *
 * **Cost** (us-east-1): S3 Standard $0.023 per GB-month, PUT $0.005 per 1,000, GET $0.0004 per 1,000; SSE-S3
 * is free, SSE-KMS $1 a month per key plus $0.03 per 10,000 requests, few with a Bucket Key. The
 * function at 1769 MiB on arm64: 1.728 GB × 1 s × $0.0000133334 ≈ $0.000023 per image of about 1 s,
 * plus $0.20 per million requests: 100,000 uploads ≈ $2.30 + $0.02 + $0.50 of PUTs and GETs.
 */
export class Thumbnails extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "Thumbnails");

    readonly sourceBucketName: pulumi.Output<string>;
    readonly sourceBucketArn: pulumi.Output<string>;
    readonly thumbnailBucketName: pulumi.Output<string>;
    readonly thumbnailBucketArn: pulumi.Output<string>;
    readonly functionName: pulumi.Output<string>;
    readonly resources: ThumbnailsResources;

    constructor(name: string, args: ThumbnailsArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("Thumbnails", name, issues);
        super(Thumbnails.type, name, args, opts);

        const cfg = normalize(args);
        const child = { parent: this };
        const tags = componentTags(Thumbnails.type, name, cfg.tags);
        const t = cfg.transform;
        const bucketSpec = (expire: Record<string, { prefix: string; expireDays?: number }>) => ({
            encryption: cfg.encryption,
            versioning: cfg.versioning,
            forceDestroy: cfg.forceDestroy,
            tags,
            lifecycle: {
                ...expire,
                ...(cfg.noncurrentVersionExpireDays !== undefined
                    ? { "noncurrent-versions": { prefix: "", noncurrentDays: cfg.noncurrentVersionExpireDays } }
                    : {}),
            },
        });
        const sourceBucket = createPrivateBucket(childName(name, "source"), bucketSpec({}), child, t.sourceBucket);
        const thumbnailBucket = createPrivateBucket(
            childName(name, "thumbnails"),
            bucketSpec(cfg.thumbnailExpireDays !== undefined ? { "expire-thumbnails": { prefix: cfg.outputPrefix, expireDays: cfg.thumbnailExpireDays } } : {}),
            child,
            t.thumbnailBucket,
        );

        const f = cfg.function;
        const fn = new LambdaFunction(
            childName(name, "function"),
            {
                ...f,
                environment: {
                    ...f.environment,
                    OUTPUT_BUCKET: thumbnailBucket.bucket.bucket,
                    OUTPUT_PREFIX: cfg.outputPrefix,
                    THUMBNAIL_WIDTH: String(cfg.width),
                },
                statements: [...(f.statements ?? []), ...objectStatements(cfg, sourceBucket, thumbnailBucket)],
                tags: cfg.tags,
            },
            child,
        );

        const account = getCallerIdentityOutput({}, child).accountId;
        const alias = fn.resources.alias;
        const permission = create(
            lambda.Permission,
            childName(name, "permission"),
            {
                action: "lambda:InvokeFunction",
                function: fn.functionName,
                qualifier: alias?.name,
                principal: "s3.amazonaws.com",
                sourceArn: sourceBucket.bucket.arn,
                // A bucket ARN names no account: without this, a bucket of that name in another account could invoke
                // (https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html).
                sourceAccount: account,
            },
            child,
            t.permission,
        );
        const notification = create(
            s3.BucketNotification,
            childName(name, "notification"),
            {
                bucket: sourceBucket.bucket.id,
                lambdaFunctions: [
                    {
                        lambdaFunctionArn: fn.aliasArn ?? fn.functionArn,
                        events: ["s3:ObjectCreated:*"],
                        filterPrefix: cfg.sourcePrefix,
                        filterSuffix: cfg.sourceSuffix,
                    },
                ],
            },
            // S3 sends a test event when the notification is set and refuses it unless it may invoke the function.
            { ...child, dependsOn: [permission] },
            t.notification,
        );

        this.sourceBucketName = sourceBucket.bucket.bucket;
        this.sourceBucketArn = sourceBucket.bucket.arn;
        this.thumbnailBucketName = thumbnailBucket.bucket.bucket;
        this.thumbnailBucketArn = thumbnailBucket.bucket.arn;
        this.functionName = fn.functionName;
        this.resources = { sourceBucket, thumbnailBucket, function: fn, permission, notification };
        this.registerOutputs({
            sourceBucketName: this.sourceBucketName,
            sourceBucketArn: this.sourceBucketArn,
            thumbnailBucketName: this.thumbnailBucketName,
            thumbnailBucketArn: this.thumbnailBucketArn,
            functionName: this.functionName,
        });
    }
}

/** Read the source prefix, write the output prefix; with a KMS key, its use through S3 only. */
function objectStatements(cfg: ResolvedThumbnails, source: PrivateBucket, thumbnails: PrivateBucket): Statement[] {
    const statements: Statement[] = [
        { Sid: "ReadSources", Effect: "Allow", Action: "s3:GetObject", Resource: pulumi.interpolate`${source.bucket.arn}/${cfg.sourcePrefix}*` },
        { Sid: "WriteThumbnails", Effect: "Allow", Action: "s3:PutObject", Resource: pulumi.interpolate`${thumbnails.bucket.arn}/${cfg.outputPrefix}*` },
        // Without ListBucket S3 answers a missing key with 403, not 404, and the function retries a
        // deleted upload instead of skipping it (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_Permissions).
        // No `s3:prefix` condition: a GetObject request carries no such key, so a conditioned grant
        // would not count for that check. It lists the source bucket, which holds only uploads.
        { Sid: "ListSources", Effect: "Allow", Action: "s3:ListBucket", Resource: source.bucket.arn },
    ];
    // GetObject decrypts; PutObject asks for a data key (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#require-sse-kms).
    if (typeof cfg.encryption === "object")
        statements.push(...keyThroughService("UseBucketKeyThroughS3", cfg.encryption.kmsKeyArn, ["kms:Decrypt", "kms:GenerateDataKey"], "s3"));
    return statements;
}
