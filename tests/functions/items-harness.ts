/**
 * A real DynamoDB API for the function tests: dynalite (pure JS, in memory) on 127.0.0.1 with an ephemeral port, and the
 * standard AWS SDK environment pointed at it, so handlers run unchanged (no test-only code path).
 */
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { Server } from "node:http";
import type { HttpApiEvent } from "../../functions/shared/http";

// dynalite ships no type declarations.
const dynalite = require("dynalite") as (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;

const ENV_KEYS = [
    "AWS_ENDPOINT_URL_DYNAMODB",
    "AWS_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "TABLE_NAME",
    "LOG_LEVEL",
] as const;

export interface LocalDynamo {
    endpoint: string;
    db: DynamoDBDocumentClient;
    /** Number of items in the table, read with a full (paginated) Scan. */
    count(table: string): Promise<number>;
    stop(): Promise<void>;
}

/** Starts dynalite, sets the SDK environment (restored by `stop`) and creates each table with partition key `id`. */
export async function startDynamo(tables: string[], env: Record<string, string> = {}): Promise<LocalDynamo> {
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const endpoint = `http://127.0.0.1:${port}`;
    const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
    Object.assign(process.env, {
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
        ...env,
    });
    delete process.env.AWS_SESSION_TOKEN;
    const raw = new DynamoDBClient({});
    const db = DynamoDBDocumentClient.from(raw);
    for (const TableName of tables) {
        await raw.send(
            new CreateTableCommand({
                TableName,
                AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
                KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
                BillingMode: "PAY_PER_REQUEST",
            }),
        );
        for (let i = 0; i < 100; i++) {
            const t = await raw.send(new DescribeTableCommand({ TableName }));
            if (t.Table?.TableStatus === "ACTIVE") break;
            await new Promise((r) => setTimeout(r, 10));
        }
    }
    return {
        endpoint,
        db,
        async count(table) {
            let n = 0;
            let start: Record<string, unknown> | undefined;
            do {
                const out = await db.send(new ScanCommand({ TableName: table, Select: "COUNT", ExclusiveStartKey: start }));
                n += out.Count ?? 0;
                start = out.LastEvaluatedKey;
            } while (start !== undefined);
            return n;
        },
        async stop() {
            raw.destroy();
            for (const k of ENV_KEYS) {
                if (saved[k] === undefined) delete process.env[k];
                else process.env[k] = saved[k];
            }
            await new Promise<void>((resolve) => server.close(() => resolve()));
        },
    };
}

let requests = 0;

/** An API Gateway HTTP API (payload 2.0) event, as the `$default` stage delivers it. */
export function httpEvent(
    method: string,
    path: string,
    options: { body?: string; headers?: Record<string, string>; query?: Record<string, string>; stage?: string } = {},
): HttpApiEvent {
    const query = options.query;
    return {
        version: "2.0",
        routeKey: "$default",
        rawPath: path,
        rawQueryString: query === undefined ? "" : new URLSearchParams(query).toString(),
        headers: { "content-type": "application/json", ...options.headers },
        queryStringParameters: query,
        body: options.body,
        isBase64Encoded: false,
        requestContext: { requestId: `req-${++requests}`, stage: options.stage ?? "$default", http: { method, path } },
    };
}
