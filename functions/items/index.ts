/**
 * Lambda entry point of the items API: API Gateway HTTP API (payload format 2.0) or REST API Lambda proxy integration
 * (payload format 1.0), told apart per event (shared/http.ts `requestOf`). The DynamoDB client is created once
 * per execution environment, at import, so warm invocations reuse its connections; the endpoint, region and credentials
 * come from the standard environment (`AWS_ENDPOINT_URL_DYNAMODB` lets tests point it at a local server).
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ApiEvent, HttpResponse } from "../shared/http";
import { createLogger } from "../shared/log";
import { createHandler } from "./api";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

const handle = createHandler({ db, tableName: process.env.TABLE_NAME, log: createLogger() });

export const handler = (event: ApiEvent): Promise<HttpResponse> => handle(event);

export { createHandler } from "./api";
export * from "./core";
