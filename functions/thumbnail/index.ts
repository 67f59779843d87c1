/**
 * Lambda entry point of the S3-triggered thumbnail function. The S3 client is created once per execution environment, at
 * import, so warm invocations reuse its connections; endpoint, region and credentials come from the standard
 * environment (`AWS_ENDPOINT_URL_S3` lets tests point it at a local S3 server).
 */
import { S3Client } from "@aws-sdk/client-s3";
import { createLogger } from "../shared/log";
import { type Result, createHandler, createResizer } from "./api";
import { type S3Event, readConfig } from "./core";

const s3 = new S3Client({});
const config = readConfig(process.env);

const handle = createHandler({
    config,
    // With a bad configuration the handler throws before any record, so the resizer's configuration is never used.
    resize: "errors" in config ? async () => ({ action: "skipped", reason: "bad configuration" }) : createResizer({ s3, config }),
    log: createLogger(),
});

export const handler = (event: S3Event): Promise<Result> => handle(event);

export { createHandler, createResizer } from "./api";
export * from "./core";
