/**
 * Lambda entry point of the items table's stream processor (DynamoDB Streams event source mapping with
 * `FunctionResponseTypes: ["ReportBatchItemFailures"]`, stream view type NEW_AND_OLD_IMAGES). The client is created
 * once per execution environment; `TABLE_NAME` names the tag index table.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createLogger } from "../shared/log";
import { createProcessor } from "./api";
import type { BatchResponse, StreamEvent } from "./core";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const process_ = createProcessor({ db, tableName: process.env.TABLE_NAME, log: createLogger() });

export const handler = (event: StreamEvent): Promise<BatchResponse> => process_(event);

export { createProcessor } from "./api";
export * from "./core";
