/**
 * Lambda entry point of the S3-triggered thumbnail function. Only the decisions are implemented: resizing needs an image
 * library with native code (e.g. sharp, built for linux-arm64 and shipped in a layer) and reading/writing the objects
 * needs @aws-sdk/client-s3; neither is installed in this repository, so the resize step is the explicit TODO below and
 * fails loudly rather than pretending to succeed (an asynchronous invocation then goes to the function's on-failure
 * destination after Lambda's retries).
 */
import { createLogger } from "../shared/log";
import { type Resize, createHandler } from "./api";
import { type S3Event, readConfig } from "./core";

/** TODO(resize): GetObject the source, resize to `width` with sharp (keep the format), PutObject the target. */
export const resizeTodo: Resize = async (job) => {
    throw new Error(`resize not implemented (needs an image library, e.g. sharp in a layer): ${job.source.bucket}/${job.source.key}`);
};

const handle = createHandler({ config: readConfig(process.env), resize: resizeTodo, log: createLogger() });

export const handler = (event: S3Event): Promise<{ resized: number; skipped: number }> => handle(event);

export { createHandler } from "./api";
export * from "./core";
