/**
 * Lambda entry point of the Kinesis ingest function. The configuration is read and the client of the chosen sink created
 * once per execution environment, at import, so warm invocations reuse its connections; endpoint, region and credentials
 * come from the standard environment (`AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_DYNAMODB` point tests at local servers).
 */
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createLogger } from "../shared/log";
import { CLIENT_SETTINGS, type Context, type Write, createHandler, dynamoWriter, s3Writer } from "./api";
import { type BatchResponse, type KinesisEvent, readConfig } from "./core";

const config = readConfig(process.env);

function writerOf(): Write {
    if ("errors" in config) return async () => Promise.reject(new Error("bad configuration"));
    if (config.sink === "s3") return s3Writer(new S3Client(CLIENT_SETTINGS), config.bucket, config.prefix, config.layout);
    return dynamoWriter(DynamoDBDocumentClient.from(new DynamoDBClient(CLIENT_SETTINGS)), config.table);
}

// With a bad configuration the handler throws before any record, so that writer is never called.
const handle = createHandler({ config, write: writerOf(), log: createLogger() });

// Lambda passes its context: the handler reads the time left from it.
export const handler = (event: KinesisEvent, context?: Context): Promise<BatchResponse> => handle(event, context);

export { CLIENT_SETTINGS, createHandler, dynamoWriter, s3Writer } from "./api";
export * from "./core";
