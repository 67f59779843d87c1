/**
 * The thumbnail handler: the decisions (core.ts) and the resize step, which reads the source from S3, resizes it
 * (image.ts) and writes the thumbnail. The step is injected so that the decisions and the self-trigger guard can be
 * tested alone.
 *
 * What is retried and what is not: Lambda retries a failed asynchronous invocation (twice by default) and then sends it
 * to the on-failure destination. A failure that a retry can cure (throttling, a network error, S3 unavailable, a denied
 * PutObject after a policy fix) is thrown. One that no retry can cure (the object is gone, too large, not a JPEG or PNG,
 * corrupt) is a skip with its reason in the log and in the result, never an error that is retried for nothing.
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { GetObjectCommand, type GetObjectCommandOutput, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Logger } from "../shared/log";
import { type Decision, type S3Event, type ThumbnailConfig, decide, imageInfo, isOwnOutput, sourceMetadata } from "./core";
import { resizeImage } from "./image";

export type ResizeJob = Extract<Decision, { action: "resize" }>;

export type Outcome =
    | { action: "resized"; bucket: string; key: string; target: string; width: number; height: number; contentType: string; bytes: number }
    | { action: "skipped"; reason: string; bucket?: string; key?: string };

export type Resize = (job: ResizeJob) => Promise<Outcome>;

export interface Deps {
    config: ThumbnailConfig | { errors: string[] };
    resize: Resize;
    log: Logger;
}

/** The invocation's result (an asynchronous invocation's on-success destination receives it): counts and one outcome per record. */
export interface Result {
    resized: number;
    skipped: number;
    outcomes: Outcome[];
}

export function createHandler({ config, resize, log }: Deps): (event: S3Event) => Promise<Result> {
    return async (event) => {
        // A configuration that could loop is refused before any record is looked at.
        if ("errors" in config) throw new Error(`thumbnail configuration: ${config.errors.join("; ")}`);
        const outcomes: Outcome[] = [];
        for (const record of event.Records ?? []) {
            const d = decide(record, config);
            const outcome: Outcome = d.action === "skip" ? { action: "skipped", reason: d.reason, bucket: d.bucket, key: d.key } : await resize(d);
            outcomes.push(outcome);
            if (outcome.action === "skipped") log.log("info", "skipped", { reason: outcome.reason, bucket: outcome.bucket, key: outcome.key });
            else
                log.log("info", "resized", {
                    bucket: outcome.bucket,
                    key: outcome.key,
                    target: outcome.target,
                    width: outcome.width,
                    height: outcome.height,
                    bytes: outcome.bytes,
                });
        }
        const resized = outcomes.filter((o) => o.action === "resized").length;
        return { resized, skipped: outcomes.length - resized, outcomes };
    };
}

const NOT_FOUND = new Set(["NoSuchKey", "NotFound", "NoSuchVersion"]);

/** The resize step over S3: GetObject (refused on its Content-Length before the body is read), resize, PutObject. */
export function createResizer({
    s3,
    config,
}: {
    s3: S3Client;
    config: Pick<ThumbnailConfig, "outputBucket" | "outputPrefix" | "maxSourceBytes" | "maxPixels">;
}): Resize {
    return async (job) => {
        const { bucket, key } = job.source;
        const skip = (reason: string): Outcome => ({ action: "skipped", reason, bucket, key });
        // The guard again, where the write happens: whatever decided this job, nothing is written outside the output prefix.
        if (!isOwnOutput(job.target.bucket, job.target.key, config) || isOwnOutput(bucket, key, config))
            throw new Error(`refusing to write ${job.target.bucket}/${job.target.key} for ${bucket}/${key}: outside the output prefix or from it`);

        let got: GetObjectCommandOutput;
        try {
            // The current object, not the event's version: a deleted one (a delete marker) is not thumbnailed, an
            // overwritten one is read as it is now (its own event follows), and s3:GetObjectVersion is not needed.
            got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        } catch (e) {
            const name = (e as { name?: string } | null)?.name ?? "";
            // Deleted between the event and now (S3 answers 404 only to a role with s3:ListBucket, else 403).
            if (NOT_FOUND.has(name)) return skip(`source not found (${name}): deleted before the function read it`);
            throw e;
        }
        const body = got.Body as Readable | undefined;
        if (got.ContentLength !== undefined && got.ContentLength > config.maxSourceBytes) {
            // Only the response headers were read: dropping the stream closes the connection without downloading the body.
            body?.destroy();
            return skip(`size ${got.ContentLength} over ${config.maxSourceBytes} bytes (Content-Length)`);
        }
        const bytes = await readCapped(body, config.maxSourceBytes);
        if (bytes === undefined) return skip(`body longer than ${config.maxSourceBytes} bytes`);

        const info = imageInfo(bytes);
        if (!info.ok) return skip(info.reason);
        if (info.width * info.height > config.maxPixels)
            return skip(`${info.width} × ${info.height} pixels over ${config.maxPixels} (the bitmap would not fit the function's memory)`);
        let out: Awaited<ReturnType<typeof resizeImage>>;
        try {
            out = await resizeImage(bytes, info.mime, job.width, config.maxPixels);
        } catch (e) {
            return skip(`cannot decode ${info.mime}: ${(e as Error).message}`.slice(0, 300));
        }
        await s3.send(
            new PutObjectCommand({
                Bucket: job.target.bucket,
                Key: job.target.key,
                Body: out.body,
                ContentType: out.mime,
                Metadata: sourceMetadata({ bucket, key, etag: got.ETag, versionId: got.VersionId }, createHash("sha256").update(key).digest("hex")),
            }),
        );
        return {
            action: "resized",
            bucket,
            key,
            target: job.target.key,
            width: out.width,
            height: out.height,
            contentType: out.mime,
            bytes: out.body.length,
        };
    };
}

/** The whole body, or undefined as soon as it passes `max` bytes (a missing or wrong Content-Length is no way around the cap). */
async function readCapped(body: Readable | undefined, max: number): Promise<Buffer | undefined> {
    if (body === undefined) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of body) {
        total += (chunk as Buffer).length;
        if (total > max) {
            body.destroy();
            return undefined;
        }
        chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks, total);
}
