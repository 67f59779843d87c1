import type * as lambda from "@pulumi/aws/lambda";
import type * as s3 from "@pulumi/aws/s3";
import type { LambdaFunctionArgs } from "../lambda-function/args";
import type { BucketEncryption, PrivateBucketTransforms } from "../shared/bucket";
import type { Transform } from "../shared/transform";

/**
 * The thumbnail function: LambdaFunction's args, with defaults sized for image work. The component
 * adds `OUTPUT_BUCKET`, `OUTPUT_PREFIX` and `THUMBNAIL_WIDTH` to `environment` (you may not set them)
 * and its S3 statements to `statements`.
 */
export interface ThumbnailFunctionArgs extends Omit<LambdaFunctionArgs, "tags"> {}

export interface ThumbnailsArgs {
    /**
     * The function's code and settings (LambdaFunction's args). `entry` defaults to this repository's
     * `functions/thumbnail/index.ts`; `memoryMiB` to 1769 (exactly one vCPU: the resize runs on one
     * thread, and the largest source the function accepts, 24 megapixels, takes about 600 MB while it
     * decodes and resizes, measured: functions/README.md); `timeoutSeconds` to 60 (about 7 s for that source on one vCPU).
     * @default { entry: "functions/thumbnail/index.ts", memoryMiB: 1769, timeoutSeconds: 60 }
     * @example { memoryMiB: 3008, async: { maximumRetryAttempts: 1, onFailure: { type: "sqs", arn: failures.arn } } }
     */
    function?: ThumbnailFunctionArgs;
    /**
     * Only objects created under this key prefix trigger the function. Not empty, and neither it nor
     * `outputPrefix` may start with the other: thumbnails go to the other bucket, and the keys keep
     * apart too, so no configuration can make a thumbnail trigger the function.
     * @default "uploads/"
     */
    sourcePrefix?: string;
    /**
     * Only keys ending with this trigger the function (case-sensitive: `.jpg` does not match `.JPG`).
     * @default - any key (the function skips what is not an image)
     */
    sourceSuffix?: string;
    /**
     * Key prefix of every thumbnail in the thumbnail bucket: non-empty, ending with `/`.
     * @default "thumbnails/"
     */
    outputPrefix?: string;
    /**
     * Thumbnail width in pixels (16–2048); the height keeps the aspect ratio.
     * @default 200
     */
    width?: number;
    /**
     * Encryption at rest of both buckets: `sse-s3` (S3-managed keys, free) or `{ kmsKeyArn }` (SSE-KMS
     * with an S3 Bucket Key; the function may use the key through S3 only).
     * @default "sse-s3"
     * @example { kmsKeyArn: key.arn }
     */
    encryption?: BucketEncryption;
    /**
     * Versioning on both buckets (overwritten and deleted objects are kept as noncurrent versions).
     * @default false
     */
    versioning?: boolean;
    /**
     * Days after which thumbnails are deleted (they can be made again from the sources).
     * @default - kept
     */
    thumbnailExpireDays?: number;
    /**
     * With `versioning`: days after which noncurrent versions are deleted, in both buckets.
     * @default - kept
     */
    noncurrentVersionExpireDays?: number;
    /**
     * Let `pulumi destroy` delete buckets that still hold objects.
     * @default false
     */
    forceDestroy?: boolean;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `sourceBucket` and `thumbnailBucket` (each by role:
     * `bucket`, `ownershipControls`, `publicAccessBlock`, `encryption`, `policy`, `versioning`,
     * `lifecycle`), `permission` (S3's permission to invoke), `notification` (the source bucket's one
     * notification configuration: add any other destination of that bucket here). The function's own
     * children through `function.transform`.
     * @default {}
     */
    transform?: {
        sourceBucket?: PrivateBucketTransforms;
        thumbnailBucket?: PrivateBucketTransforms;
        permission?: Transform<lambda.PermissionArgs>;
        notification?: Transform<s3.BucketNotificationArgs>;
    };
}
