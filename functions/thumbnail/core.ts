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
    awsRegion?: string;
    eventTime?: string;
    eventName?: string;
    userIdentity?: { principalId?: string };
    requestParameters?: { sourceIPAddress?: string };
    responseElements?: Record<string, string>;
    s3?: {
        s3SchemaVersion?: string;
        configurationId?: string;
        bucket?: { name?: string; ownerIdentity?: { principalId?: string }; arn?: string };
        /** `key` is URL-encoded as in a form (spaces arrive as `+`, `+` as `%2B`). */
        object?: { key?: string; size?: number; eTag?: string; versionId?: string; sequencer?: string };
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
    /** Larger images (width × height) are skipped before decoding: the decoded bitmap takes 4 bytes a pixel. @default 24 million */
    maxPixels: number;
}

/**
 * The limits, sized for a 1536 MB function. The source is held whole in memory (≤ 25 MiB). Decoding is the cost: jimp
 * (jpeg-js) holds the RGBA bitmap (4 bytes a pixel), its per-component planes, the EXIF-rotated copy and the resize
 * buffers; measured here, a 24 MP JPEG (6000 × 4000) raised the process's resident memory by ~600 MB (~25 bytes a pixel)
 * and took ~7 s of one core. 24 MP keeps that under 1536 MB with the runtime and a warm container's garbage; a larger
 * cap needs more memory (≈ 25 bytes a pixel). A compressed file says little about its bitmap (a 100 KB PNG can declare
 * 20000 × 20000 pixels), so the pixel count is read from the header and checked before anything is decoded.
 */
export const DEFAULTS = { outputPrefix: "thumbnails/", width: 200, maxSourceBytes: 25 * 1024 * 1024, maxPixels: 24_000_000 } as const;

/** The formats this function decodes and re-encodes (pure JavaScript: jpeg-js and pngjs through jimp); others are skipped. */
export const IMAGE_EXTENSIONS = ["jpg", "jpeg", "png"] as const;

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
    return { outputBucket, outputPrefix, width, maxSourceBytes: DEFAULTS.maxSourceBytes, maxPixels: DEFAULTS.maxPixels };
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

export type ImageMime = "image/jpeg" | "image/png";

/** What the file's own bytes say it is: the format from its signature and the dimensions from its header, read before decoding. */
export type ImageInfo = { ok: true; mime: ImageMime; width: number; height: number } | { ok: false; reason: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The format and size of a JPEG or PNG from its first bytes. The extension is a claim by whoever uploaded the file; the
 * signature is what the decoder will see. PNG: the IHDR chunk follows the signature (width, height: big-endian at 16
 * and 20). JPEG: the first start-of-frame marker (SOF0..SOF15 but DHT C4, JPG C8 and DAC CC) holds height and width.
 */
export function imageInfo(bytes: Uint8Array): ImageInfo {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (b.length >= 24 && b.subarray(0, 8).equals(PNG_SIGNATURE) && b.toString("latin1", 12, 16) === "IHDR")
        return sized("image/png", b.readUInt32BE(16), b.readUInt32BE(20));
    if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
        let at = 2;
        while (at + 4 <= b.length) {
            if (b[at] !== 0xff) return { ok: false, reason: "JPEG markers are corrupt" };
            const marker = b[at + 1];
            // Fill bytes, and markers without a length (TEM, RST0..7).
            if (marker === 0xff) {
                at++;
                continue;
            }
            if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                at += 2;
                continue;
            }
            if (marker === 0xd9 || marker === 0xda) break;
            const length = b.readUInt16BE(at + 2);
            if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
                if (at + 9 > b.length) break;
                return sized("image/jpeg", b.readUInt16BE(at + 7), b.readUInt16BE(at + 5));
            }
            at += 2 + length;
        }
        return { ok: false, reason: "JPEG has no frame header" };
    }
    return { ok: false, reason: "content is not a JPEG or PNG (by its signature)" };
}

function sized(mime: ImageMime, width: number, height: number): ImageInfo {
    return width > 0 && height > 0 ? { ok: true, mime, width, height } : { ok: false, reason: `${mime} declares ${width} × ${height} pixels` };
}

/** The thumbnail's size: `width` wide with the source's aspect ratio, never larger than the source (no upscaling). */
export function fitWidth(source: { width: number; height: number }, width: number): { width: number; height: number } {
    if (source.width <= width) return { width: source.width, height: source.height };
    return { width, height: Math.max(1, Math.round((source.height * width) / source.width)) };
}

/**
 * User metadata naming the source on the thumbnail. S3 sends metadata as HTTP headers, so values must be US-ASCII (the
 * key is percent-encoded), and all of it is limited to 2 KB: a key too long to fit is named by its SHA-256 instead.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html (user-defined object metadata)
 */
export const MAX_METADATA_BYTES = 2048;

export function sourceMetadata(source: { bucket: string; key: string; etag?: string; versionId?: string }, keySha256: string): Record<string, string> {
    const meta: Record<string, string> = { "source-bucket": source.bucket, "source-key": encodeURIComponent(source.key) };
    if (source.etag !== undefined) meta["source-etag"] = source.etag.replace(/"/g, "");
    if (source.versionId !== undefined && source.versionId !== "null") meta["source-version-id"] = source.versionId;
    const bytes = Object.entries(meta).reduce((n, [k, v]) => n + k.length + v.length, 0);
    if (bytes > MAX_METADATA_BYTES) {
        delete meta["source-key"];
        meta["source-key-sha256"] = keySha256;
    }
    return meta;
}
