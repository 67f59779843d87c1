/**
 * Lambda entry point of the nightly tombstone sweeper, invoked by EventBridge Scheduler with the schedule's JSON input
 * as the event (e.g. `{}` or `{ "retentionDays": 30 }`). The DynamoDB client is created once per execution environment.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createLogger } from "../shared/log";
import { type Context, type SweepResult, createSweeper } from "./api";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

// An empty INDEX_NAME (a template's blank value) means none.
const indexName = process.env.INDEX_NAME === "" ? undefined : process.env.INDEX_NAME;

const sweep = createSweeper({ db, tableName: process.env.TABLE_NAME, indexName, log: createLogger() });

export const handler = (event: unknown, context: Context): Promise<SweepResult> => sweep(event, context);

export { createSweeper } from "./api";
export * from "./core";
