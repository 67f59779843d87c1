/**
 * The thumbnail function's pure core: reads S3 event notifications, decides which objects to shrink, and names the
 * output. Its first duty is never to process its own output: a function that writes into the bucket (and prefix) that
 * triggers it invokes itself in a loop, which AWS calls out as a recursive invocation pattern.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html (the "avoid recursive invocations" warning)
 */

/** The parts of an S3 event notification record the function reads (event version 2.x). */
export interface S3EventRecord {
    eventVersion?: string;
    eventSource?: string;
    eventName?: string;
    s3?: {
        bucket?: { name?: string; arn?: string };
        /** `key` is URL-encoded as in a form (spaces arrive as `+`, `+` as `%2B`). */
        object?: { key?: string; size?: number; eTag?: string; sequencer?: string };
    };
}

export interface S3Event {
    Records: S3EventRecord[];
}

export interface ThumbnailConfig {
    outputBucket: string;
    /** Prefix of every thumbnail key. @default "thumbnails/" */
    outputPrefix: string;
    /** Width of the thumbnail in pixels. @default 200 */
    width: number;
    /** Larger sources are skipped (a 15-minute, memory-bound function should not decode them). @default 25 MiB */
    maxSourceBytes: number;
}

export const DEFAULTS = { outputPrefix: "thumbnails/", width: 200, maxSourceBytes: 25 * 1024 * 1024 } as const;

/** Formats an image library such as sharp reads and writes; the thumbnail keeps the source's format. */
export const IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif", "avif", "tif", "tiff"] as const;

/** S3 object keys are at most 1024 bytes of UTF-8. https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html */
export const MAX_KEY_BYTES = 1024;

export type Decision =
    | { action: "resize"; source: { bucket: string; key: string }; target: { bucket: string; key: string }; width: number }
    | { action: "skip"; reason: string; bucket?: string; key?: string };

/** The configuration from the environment, or every problem with it: an empty prefix on the source bucket would loop. */
export function readConfig(env: Record<string, string | undefined>): ThumbnailConfig | { errors: string[] } {
    const errors: string[] = [];
    const outputBucket = env.OUTPUT_BUCKET ?? "";
    if (outputBucket.length === 0) errors.push("OUTPUT_BUCKET is required");
    const outputPrefix = env.OUTPUT_PREFIX ?? DEFAULTS.outputPrefix;
    if (outputPrefix.length === 0 || !outputPrefix.endsWith("/"))
        errors.push(`OUTPUT_PREFIX ${JSON.stringify(outputPrefix)} must be non-empty and end with "/"`);
    const width = Number(env.THUMBNAIL_WIDTH ?? DEFAULTS.width);
    if (!Number.isInteger(width) || width < 16 || width > 2048)
        errors.push(`THUMBNAIL_WIDTH ${JSON.stringify(env.THUMBNAIL_WIDTH)} must be an integer in 16..2048`);
    if (errors.length > 0) return { errors };
    return { outputBucket, outputPrefix, width, maxSourceBytes: DEFAULTS.maxSourceBytes };
}

/** The object key as stored: S3 form-encodes keys in notifications (`+` is a space, `%2B` a plus). */
export function decodeKey(encoded: string): string | undefined {
    try {
        return decodeURIComponent(encoded.replace(/\+/g, " "));
    } catch {
        return undefined;
    }
}

/** `photos/cat.JPG` → `thumbnails/photos/cat-200w.jpg`: the source path kept under the prefix, the width in the name. */
export function thumbnailKey(sourceKey: string, config: Pick<ThumbnailConfig, "outputPrefix" | "width">): string {
    const dot = sourceKey.lastIndexOf(".");
    const slash = sourceKey.lastIndexOf("/");
    const hasExt = dot > slash + 1;
    const stem = hasExt ? sourceKey.slice(0, dot) : sourceKey;
    const ext = hasExt ? sourceKey.slice(dot + 1).toLowerCase() : "";
    return `${config.outputPrefix}${stem}-${config.width}w${ext === "" ? "" : `.${ext}`}`;
}

/** Whether an object is this function's own output: in the output bucket, under the output prefix. */
export function isOwnOutput(bucket: string, key: string, config: Pick<ThumbnailConfig, "outputBucket" | "outputPrefix">): boolean {
    return bucket === config.outputBucket && key.startsWith(config.outputPrefix);
}

export function decide(record: S3EventRecord, config: ThumbnailConfig): Decision {
    if (record.eventSource !== "aws:s3" || !record.eventName?.startsWith("ObjectCreated:"))
        return { action: "skip", reason: `not an object creation (${record.eventName})` };
    const bucket = record.s3?.bucket?.name;
    const encoded = record.s3?.object?.key;
    if (bucket === undefined || encoded === undefined) return { action: "skip", reason: "bucket or key missing" };
    const key = decodeKey(encoded);
    if (key === undefined) return { action: "skip", reason: "key is not valid URL encoding", bucket };
    // First: whatever else is true of the object, the function's own output is never processed again.
    if (isOwnOutput(bucket, key, config)) return { action: "skip", reason: "own output (no self-trigger)", bucket, key };
    const ext = key.slice(key.lastIndexOf(".") + 1).toLowerCase();
    if (key.lastIndexOf(".") <= key.lastIndexOf("/") || !(IMAGE_EXTENSIONS as readonly string[]).includes(ext))
        return { action: "skip", reason: "not an image extension", bucket, key };
    const size = record.s3?.object?.size;
    if (size !== undefined && (size === 0 || size > config.maxSourceBytes))
        return { action: "skip", reason: `size ${size} outside 1..${config.maxSourceBytes}`, bucket, key };
    const target = thumbnailKey(key, config);
    if (Buffer.byteLength(target, "utf8") > MAX_KEY_BYTES) return { action: "skip", reason: "thumbnail key longer than 1024 bytes", bucket, key };
    return { action: "resize", source: { bucket, key }, target: { bucket: config.outputBucket, key: target }, width: config.width };
}
