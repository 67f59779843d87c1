import { Issue, Issues, isPlain } from "../shared/errors";
import { nestedFunctionIssues } from "../lambda-function/validate";
import { PRIVATE_BUCKET_TRANSFORMS_SHAPE } from "../shared/bucket-shape";
import { boolean, checkShape, custom, input, int, object, optional, record, string, transform, union } from "../shared/shape";
import { checkKmsKeyArn, checkTags } from "../shared/validators";
import type { ThumbnailsArgs } from "./args";
import { ResolvedThumbnails, normalize } from "./defaults";

/** The environment the component sets for functions/thumbnail (read by its core's `readConfig`). */
export const THUMBNAIL_ENVIRONMENT_KEYS = ["OUTPUT_BUCKET", "OUTPUT_PREFIX", "THUMBNAIL_WIDTH"] as const;

export const THUMBNAIL_LIMITS = {
    /** functions/thumbnail/core.ts readConfig: THUMBNAIL_WIDTH in 16..2048. */
    width: [16, 2048],
    /** S3 object keys are at most 1024 bytes; a filter prefix or suffix is part of one. */
    filterBytes: 1024,
    /** Lifecycle expiration days: a positive integer (PutBucketLifecycleConfiguration). */
    days: [1, 36500],
} as const;

export const THUMBNAILS_SHAPE = object<ThumbnailsArgs>()({
    // Its fields are checked by LambdaFunction's own validation (below), with its path.
    function: optional(custom("object", "LambdaFunction args { entry | imageUri, memoryMiB?, ... }", () => undefined)),
    sourcePrefix: optional(string()),
    sourceSuffix: optional(string({ nonEmpty: true })),
    outputPrefix: optional(string()),
    width: optional(int()),
    encryption: optional(union('"sse-s3" or { kmsKeyArn }', string(), object<{ kmsKeyArn: string }>()({ kmsKeyArn: input(string()) }))),
    versioning: optional(boolean()),
    thumbnailExpireDays: optional(int()),
    noncurrentVersionExpireDays: optional(int()),
    forceDestroy: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<ThumbnailsArgs["transform"]>>()({
            sourceBucket: optional(PRIVATE_BUCKET_TRANSFORMS_SHAPE),
            thumbnailBucket: optional(PRIVATE_BUCKET_TRANSFORMS_SHAPE),
            permission: optional(transform()),
            notification: optional(transform()),
        }),
    ),
});

/** A Thumbnails' args: shape first, then `normalize`, then the value rules on the resolved values. */
export function validate(args: ThumbnailsArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, THUMBNAILS_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkFunction(issues, cfg);
    checkKeys(issues, cfg);
    issues.int("width", cfg.width, ...THUMBNAIL_LIMITS.width, " pixels");
    if (typeof cfg.encryption === "string") issues.oneOf("encryption", cfg.encryption, ["sse-s3"]);
    else checkKmsKeyArn(issues, "encryption.kmsKeyArn", cfg.encryption.kmsKeyArn);
    issues.int("thumbnailExpireDays", cfg.thumbnailExpireDays, ...THUMBNAIL_LIMITS.days, " days");
    issues.int("noncurrentVersionExpireDays", cfg.noncurrentVersionExpireDays, ...THUMBNAIL_LIMITS.days, " days");
    if (cfg.noncurrentVersionExpireDays !== undefined && !cfg.versioning)
        issues.add(
            "noncurrentVersionExpireDays",
            cfg.noncurrentVersionExpireDays,
            "needs versioning (without it there are no noncurrent versions)",
            "versioning: true, or no noncurrentVersionExpireDays",
        );
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}

function checkFunction(issues: Issues, cfg: ResolvedThumbnails): void {
    const f = cfg.function;
    for (const key of THUMBNAIL_ENVIRONMENT_KEYS)
        if (f.environment && Object.hasOwn(f.environment, key))
            issues.add(`function.environment.${key}`, f.environment[key], "is set by the component", `no ${key}: use the component's argument`);
    // Code that does not build, or lacks its handler, registers nothing.
    issues.list.push(...nestedFunctionIssues("function", f));
}

/**
 * The trigger's filters and the output prefix. Thumbnails go to the other bucket, so the function
 * never sees its own writes; the prefixes must not overlap either, so that no configuration (a
 * transform pointing both at one bucket) can make a thumbnail match the trigger: a function that
 * writes where it is triggered invokes itself in a loop
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html).
 */
function checkKeys(issues: Issues, cfg: ResolvedThumbnails): void {
    const bytes = (s: string) => Buffer.byteLength(s);
    if (cfg.outputPrefix.length === 0 || !cfg.outputPrefix.endsWith("/") || cfg.outputPrefix.startsWith("/"))
        issues.add("outputPrefix", cfg.outputPrefix, "must be non-empty, end with '/' and not start with '/'", 'e.g. "thumbnails/"');
    for (const [path, value] of [
        ["sourcePrefix", cfg.sourcePrefix],
        ["sourceSuffix", cfg.sourceSuffix],
        ["outputPrefix", cfg.outputPrefix],
    ] as const)
        if (value !== undefined && bytes(value) > THUMBNAIL_LIMITS.filterBytes)
            issues.add(path, `(${bytes(value)} bytes)`, "is longer than an S3 key may be", `at most ${THUMBNAIL_LIMITS.filterBytes} bytes`);
    // The prefixes end up in the role's policy ARNs, where '*' and '?' are wildcards.
    for (const [path, value] of [
        ["sourcePrefix", cfg.sourcePrefix],
        ["outputPrefix", cfg.outputPrefix],
    ] as const)
        if (/[*?]/.test(value)) issues.add(path, value, "contains '*' or '?' (wildcards in the function's policy)", "a literal key prefix");
    if (cfg.sourcePrefix.startsWith("/"))
        issues.add("sourcePrefix", cfg.sourcePrefix, "starts with '/' (S3 keys rarely do; nothing would match)", 'e.g. "uploads/"');
    const overlap = cfg.outputPrefix.startsWith(cfg.sourcePrefix) || cfg.sourcePrefix.startsWith(cfg.outputPrefix);
    if (cfg.sourcePrefix.length === 0)
        issues.add("sourcePrefix", cfg.sourcePrefix, "is empty: every key would trigger, thumbnails' keys included", 'a prefix such as "uploads/"');
    else if (overlap && cfg.outputPrefix.length > 0)
        issues.add(
            "sourcePrefix",
            cfg.sourcePrefix,
            `overlaps outputPrefix ${JSON.stringify(cfg.outputPrefix)}: a thumbnail's key could match the trigger`,
            'prefixes neither of which starts with the other, e.g. sourcePrefix "uploads/" and outputPrefix "thumbnails/"',
        );
    if (cfg.sourceSuffix !== undefined && isPlain(cfg.sourceSuffix) && cfg.sourceSuffix.includes("*"))
        issues.add("sourceSuffix", cfg.sourceSuffix, "contains '*' (S3 filters take no wildcards)", 'a literal ending, e.g. ".jpg"');
}
