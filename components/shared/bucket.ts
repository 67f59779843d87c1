import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import { Statement, policyJson } from "./iam";
import { childName, fitName } from "./naming";
import { Transform, create } from "./transform";

/** How a bucket encrypts objects at rest: S3-managed keys (SSE-S3) or a KMS key (SSE-KMS, with an S3 Bucket Key). */
export type BucketEncryption = "sse-s3" | { kmsKeyArn: pulumi.Input<string> };

/** Objects a lifecycle rule expires: current ones after `expireDays`, replaced versions after `noncurrentDays`. */
export interface BucketLifecycleRule {
    /** Key prefix the rule applies to; `""` is the whole bucket. */
    prefix: string;
    /** Days after creation when current objects are deleted. */
    expireDays?: number;
    /** Days after an object version is replaced or deleted when it is removed (versioned buckets). */
    noncurrentDays?: number;
}

export interface PrivateBucketSpec {
    encryption: BucketEncryption;
    versioning: boolean;
    /** Rules by id (the key names the rule). */
    lifecycle: Record<string, BucketLifecycleRule>;
    /** Let `pulumi destroy` delete a bucket that still holds objects. */
    forceDestroy: boolean;
    /** `protect` on the bucket itself (not its companions): a `pulumi destroy` or a replacement stops at it. */
    protect?: boolean;
    /** `retainOnDelete` on the bucket itself: removing it from the program leaves it (and its objects) in AWS. */
    retainOnDelete?: boolean;
    tags: Record<string, string>;
    /**
     * Further bucket policy statements, after the TLS-only deny (e.g. a CloudFront distribution's read access),
     * made from the bucket (whose ARN they name).
     */
    statements?: (bucket: s3.Bucket) => Statement[];
}

/**
 * Days S3 keeps an object version after it is overwritten or deleted, on the versioned buckets of logs, artifacts and
 * kept data: the window in which a mistaken overwrite or delete can be undone (restore the noncurrent version). Without
 * an expiry every replaced version is billed forever; with it, versioning costs at most this many days of the
 * replaced bytes (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html#lifecycle-config-conceptual-ex6).
 */
export const NONCURRENT_VERSION_DAYS = 30;

/** The lifecycle rule that removes replaced versions `NONCURRENT_VERSION_DAYS` after they stop being current. */
export const NONCURRENT_VERSIONS_RULE: Record<string, BucketLifecycleRule> = { "noncurrent-versions": { prefix: "", noncurrentDays: NONCURRENT_VERSION_DAYS } };

/**
 * A bucket of data its owner keeps (ingested readings, table exports): SSE-S3, no expiry of current
 * objects (retention is the data owner's decision: add a lifecycle rule through the bucket's
 * `transform`), never force-destroyed, and with `protectData` protected, retained and versioned
 * (an overwrite or delete can be undone for `NONCURRENT_VERSION_DAYS`; Security Hub S3.14).
 */
export function keptDataBucketSpec(protectData: boolean, tags: Record<string, string>): PrivateBucketSpec {
    return {
        encryption: "sse-s3",
        versioning: protectData,
        lifecycle: protectData ? NONCURRENT_VERSIONS_RULE : {},
        forceDestroy: !protectData,
        protect: protectData,
        retainOnDelete: protectData,
        tags,
    };
}

/** Transforms of a private bucket's resources, by role. */
export interface PrivateBucketTransforms {
    bucket?: Transform<s3.BucketArgs>;
    ownershipControls?: Transform<s3.BucketOwnershipControlsArgs>;
    publicAccessBlock?: Transform<s3.BucketPublicAccessBlockArgs>;
    encryption?: Transform<s3.BucketServerSideEncryptionConfigurationArgs>;
    policy?: Transform<s3.BucketPolicyArgs>;
    versioning?: Transform<s3.BucketVersioningArgs>;
    lifecycle?: Transform<s3.BucketLifecycleConfigurationArgs>;
}

/**
 * Days after which S3 aborts a multipart upload that was never completed, on every private bucket.
 * The parts of an abandoned upload are billed as storage yet listed by no ListObjects, so without this
 * rule they stay forever; AWS recommends the rule for every bucket
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html).
 * A week leaves any real upload (at most 10,000 parts) time to finish.
 */
export const ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS = 7;

export interface PrivateBucket {
    bucket: s3.Bucket;
    ownershipControls: s3.BucketOwnershipControls;
    publicAccessBlock: s3.BucketPublicAccessBlock;
    encryption: s3.BucketServerSideEncryptionConfiguration;
    /** Denies every request not made over TLS, then the spec's `statements`. */
    policy: s3.BucketPolicy;
    versioning?: s3.BucketVersioning;
    /** The spec's rules, after the platform's `abort-incomplete-multipart-uploads` rule. */
    lifecycle: s3.BucketLifecycleConfiguration;
}

/**
 * The bucket policy statement that refuses plain HTTP, for the bucket and its objects: AWS's
 * recommended `aws:SecureTransport` deny
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit).
 */
export function tlsOnlyStatement(bucketArn: pulumi.Input<string>): Statement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/**
 * A private S3 bucket and its companions, each a child named `<name>-<role>`: ACLs disabled
 * (`BucketOwnerEnforced`), every public access block on, default encryption (SSE-S3, or SSE-KMS with
 * an S3 Bucket Key, which cuts KMS requests by up to 99%), a TLS-only bucket policy, a lifecycle
 * rule that aborts incomplete multipart uploads after `ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS`, and
 * optional versioning and lifecycle rules of the spec's. The bucket is auto-named by pulumi-aws (`<name>-<7 hex>`, lower
 * case, at most 63 characters), the logical name fitted by `fitName`.
 */
export function createPrivateBucket(name: string, spec: PrivateBucketSpec, opts: pulumi.CustomResourceOptions, t: PrivateBucketTransforms = {}): PrivateBucket {
    // protect and retainOnDelete apply to the bucket alone; its companions keep opts.
    const bucketOpts: pulumi.CustomResourceOptions = { ...opts };
    if (spec.protect) bucketOpts.protect = true;
    if (spec.retainOnDelete) bucketOpts.retainOnDelete = true;
    const bucket = create(s3.Bucket, fitName(name, s3.Bucket), { forceDestroy: spec.forceDestroy, tags: spec.tags }, bucketOpts, t.bucket);
    const ownershipControls = create(
        s3.BucketOwnershipControls,
        childName(name, "ownership"),
        { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
        opts,
        t.ownershipControls,
    );
    const publicAccessBlock = create(
        s3.BucketPublicAccessBlock,
        childName(name, "public-access-block"),
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        opts,
        t.publicAccessBlock,
    );
    const kms = typeof spec.encryption === "object" ? spec.encryption.kmsKeyArn : undefined;
    const encryption = create(
        s3.BucketServerSideEncryptionConfiguration,
        childName(name, "encryption"),
        {
            bucket: bucket.id,
            rules: [
                kms === undefined
                    ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
                    : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kms }, bucketKeyEnabled: true },
            ],
        },
        opts,
        t.encryption,
    );
    const policy = create(
        s3.BucketPolicy,
        childName(name, "policy"),
        { bucket: bucket.id, policy: policyJson([tlsOnlyStatement(bucket.arn), ...(spec.statements?.(bucket) ?? [])]) },
        // S3 refuses concurrent changes to one bucket's configuration (OperationAborted): one after the other.
        { ...opts, dependsOn: [publicAccessBlock, ownershipControls] },
        t.policy,
    );
    const versioning = spec.versioning
        ? create(s3.BucketVersioning, childName(name, "versioning"), { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts, t.versioning)
        : undefined;
    const rules = Object.entries(spec.lifecycle);
    const lifecycle = create(
        s3.BucketLifecycleConfiguration,
        childName(name, "lifecycle"),
        {
            bucket: bucket.id,
            rules: [
                {
                    id: "abort-incomplete-multipart-uploads",
                    status: "Enabled",
                    // An empty prefix is the whole bucket; the provider wants a filter (or the deprecated prefix).
                    filter: { prefix: "" },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS },
                },
                ...rules.map(([id, r]) => ({
                    id,
                    status: "Enabled",
                    filter: { prefix: r.prefix },
                    expiration: r.expireDays === undefined ? undefined : { days: r.expireDays },
                    noncurrentVersionExpiration: r.noncurrentDays === undefined ? undefined : { noncurrentDays: r.noncurrentDays },
                })),
            ],
        },
        // Rules on noncurrent versions need versioning's state first.
        { ...opts, dependsOn: versioning ? [versioning] : [] },
        t.lifecycle,
    );
    return { bucket, ownershipControls, publicAccessBlock, encryption, policy, versioning, lifecycle };
}
