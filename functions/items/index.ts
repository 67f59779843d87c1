/**
 * Lambda entry point of the items API: API Gateway HTTP API (payload format 2.0) or REST API Lambda proxy integration
 * (payload format 1.0), told apart per event (shared/http.ts `requestOf`). The document client is created once
 * per execution environment, at import, so warm invocations reuse its connections: through DAX when `DAX_ENDPOINT` is
 * set, else DynamoDB from the standard environment (shared/document-client.ts).
 */
import { createDocumentClient } from "../shared/document-client";
import type { ApiEvent, HttpResponse } from "../shared/http";
import { createLogger } from "../shared/log";
import { createHandler } from "./api";

const db = createDocumentClient();

const handle = createHandler({ db, tableName: process.env.TABLE_NAME, log: createLogger() });

export const handler = (event: ApiEvent): Promise<HttpResponse> => handle(event);

export { createHandler } from "./api";
export * from "./core";
