/**
 * A real DynamoDB API for the function tests: dynalite (pure JS, in memory) on 127.0.0.1 with an ephemeral port, and the
 * standard AWS SDK environment pointed at it, so handlers run unchanged (no test-only code path).
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { HttpApiEvent, RestApiEvent } from "../../functions/shared/http";

// dynalite ships no type declarations.
const dynalite = require("dynalite") as (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => http.Server;

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
    /** The full document client (it is also a DynamoDBDocumentClient): the items API calls its methods. */
    db: DynamoDBDocument;
    /** Number of items in the table, read with a full (paginated) Scan through the DynamoDB API. */
    count(table: string): Promise<number>;
    /** Number of items that are not tombstones (no `deletedAt`): what the items API can show. */
    countLive(table: string): Promise<number>;
    /** Restores the environment as it was before `useDynamo`; the server stays up for the next test file. */
    release(): void;
}

/**
 * One dynalite per test process, shared by the function test files: a handler module creates its client at its first
 * import and Node caches the module, so every later file must reach the same endpoint. The server is unref'd and never
 * blocks exit.
 */
let server: Promise<{ endpoint: string; raw: DynamoDBClient }> | undefined;

async function startServer(): Promise<{ endpoint: string; raw: DynamoDBClient }> {
    const s = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve, reject) => {
        s.once("error", reject);
        s.listen(0, "127.0.0.1", () => resolve());
    });
    s.unref();
    const endpoint = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    // Explicit settings: the tests' own client does not depend on the environment it sets for the handlers.
    const raw = new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    return { endpoint, raw };
}

const countAgent = new http.Agent({ keepAlive: true });

/**
 * One page of a `Scan` with `Select: COUNT`, sent as the DynamoDB API defines the request (JSON over HTTP, the target in
 * `X-Amz-Target`), without the SDK: the property tests count the table after each of some 2,000 requests, and the SDK's
 * middleware (endpoint rules, signing, retries, parsing) was two thirds of their CPU. dynalite checks that a request is
 * signed, not the signature.
 */
function scanCount(endpoint: string, input: Record<string, unknown>): Promise<{ Count: number; LastEvaluatedKey?: Record<string, unknown> }> {
    const body = JSON.stringify(input);
    const url = new URL(endpoint);
    return new Promise((resolve, reject) => {
        const req = http.request(
            {
                host: url.hostname,
                port: url.port,
                method: "POST",
                path: "/",
                agent: countAgent,
                headers: {
                    "content-type": "application/x-amz-json-1.0",
                    "x-amz-target": "DynamoDB_20120810.Scan",
                    "x-amz-date": "20260101T000000Z",
                    authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0",
                    "content-length": Buffer.byteLength(body),
                },
            },
            (res) => {
                let text = "";
                res.setEncoding("utf8");
                res.on("data", (chunk) => {
                    text += chunk;
                });
                res.on("end", () =>
                    res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`Scan of ${String(input.TableName)}: ${res.statusCode} ${text}`)),
                );
            },
        );
        req.on("error", reject);
        req.end(body);
    });
}

/** Sets the SDK environment to the shared dynalite (restored by `release`) and creates each table (partition key `id`) once. */
export async function useDynamo(tables: string[], env: Record<string, string> = {}): Promise<LocalDynamo> {
    server ??= startServer();
    const { endpoint, raw } = await server;
    const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
    Object.assign(process.env, {
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
        ...env,
    });
    delete process.env.AWS_SESSION_TOKEN;
    const db = DynamoDBDocument.from(raw);
    for (const TableName of tables) {
        try {
            await raw.send(
                new CreateTableCommand({
                    TableName,
                    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
                    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
                    BillingMode: "PAY_PER_REQUEST",
                }),
            );
        } catch (e) {
            if ((e as { name?: string }).name !== "ResourceInUseException") throw e;
        }
        for (let i = 0; i < 100; i++) {
            const t = await raw.send(new DescribeTableCommand({ TableName }));
            if (t.Table?.TableStatus === "ACTIVE") break;
            await new Promise((r) => setTimeout(r, 10));
        }
    }
    async function count(table: string, FilterExpression?: string): Promise<number> {
        let n = 0;
        let start: Record<string, unknown> | undefined;
        do {
            const out = await scanCount(endpoint, { TableName: table, Select: "COUNT", ExclusiveStartKey: start, FilterExpression });
            n += out.Count;
            start = out.LastEvaluatedKey;
        } while (start !== undefined);
        return n;
    }
    return {
        endpoint,
        db,
        count: (table) => count(table),
        countLive: (table) => count(table, "attribute_not_exists(deletedAt)"),
        release() {
            for (const k of ENV_KEYS) {
                if (saved[k] === undefined) delete process.env[k];
                else process.env[k] = saved[k];
            }
        },
    };
}

/** The table every items test file uses: the handler module reads TABLE_NAME once, at its first import. */
export const ITEMS_TABLE = "items-test";

/** The shared dynalite with the items table, and the items handler module imported only once the environment points at it. */
export async function useItemsApi(): Promise<{ dynamo: LocalDynamo; items: typeof import("../../functions/items") }> {
    const dynamo = await useDynamo([ITEMS_TABLE], { TABLE_NAME: ITEMS_TABLE, LOG_LEVEL: "error" });
    const items = await import("../../functions/items");
    return { dynamo, items };
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

/**
 * A REST API Lambda proxy event (payload format 1.0) as recorded in the AWS docs ("Input format of a Lambda function for
 * proxy integration", the `POST /testStage/hello/world?name=me` example, trimmed to one header of each kind):
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 * `restEvent` copies it and replaces the request's own parts.
 */
export const REST_EVENT_FIXTURE: RestApiEvent = {
    resource: "/{proxy+}",
    path: "/hello/world",
    httpMethod: "POST",
    headers: {
        Accept: "*/*",
        "cache-control": "no-cache",
        "CloudFront-Forwarded-Proto": "https",
        "Content-Type": "application/json",
        headerName: "headerValue",
        Host: "gy415nuibc.execute-api.us-east-1.amazonaws.com",
        "User-Agent": "PostmanRuntime/2.4.5",
        "X-Forwarded-For": "54.240.196.186, 54.182.214.83",
        "X-Forwarded-Port": "443",
        "X-Forwarded-Proto": "https",
    },
    multiValueHeaders: {
        Accept: ["*/*"],
        "cache-control": ["no-cache"],
        "CloudFront-Forwarded-Proto": ["https"],
        "Content-Type": ["application/json"],
        headerName: ["headerValue"],
        Host: ["gy415nuibc.execute-api.us-east-1.amazonaws.com"],
        "User-Agent": ["PostmanRuntime/2.4.5"],
        "X-Forwarded-For": ["54.240.196.186, 54.182.214.83"],
        "X-Forwarded-Port": ["443"],
        "X-Forwarded-Proto": ["https"],
    },
    queryStringParameters: { name: "me", multivalueName: "me" },
    multiValueQueryStringParameters: { name: ["me"], multivalueName: ["you", "me"] },
    pathParameters: { proxy: "hello/world" },
    stageVariables: { stageVariableName: "stageVariableValue" },
    requestContext: {
        accountId: "12345678912",
        resourceId: "roq9wj",
        stage: "testStage",
        requestId: "deef4878-7910-11e6-8f14-25afc3e9ae33",
        identity: { sourceIp: "192.168.196.186", userAgent: "PostmanRuntime/2.4.5" },
        resourcePath: "/{proxy+}",
        httpMethod: "POST",
        apiId: "gy415nuibc",
    } as RestApiEvent["requestContext"],
    body: '{\r\n\t"a": 1\r\n}',
    isBase64Encoded: false,
};

/** `if-match` → `If-Match`: clients send header names in any case, and payload 1.0 keeps the case they used. */
const titleCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

/**
 * A REST API (payload 1.0) event for the same request `httpEvent` describes, on the execute-api URL (`path` without the
 * stage). `resource`: `"routes"` matches the API's own resources (`/items`, `/items/{id}`), `"proxy"` (the default) a
 * greedy `/{proxy+}` resource, which reaches the function with any path. `basePath` is a custom domain's base path
 * mapping, which API Gateway keeps in `path` (not in `resource`). Null maps, as API Gateway sends them, when empty.
 */
export function restEvent(
    method: string,
    path: string,
    options: {
        body?: string;
        headers?: Record<string, string>;
        query?: Record<string, string>;
        stage?: string;
        resource?: "routes" | "proxy";
        basePath?: string;
        multiHeaders?: Record<string, string[]>;
        multiQuery?: Record<string, string[]>;
    } = {},
): RestApiEvent {
    const headers: Record<string, string> = { Host: "gy415nuibc.execute-api.us-east-1.amazonaws.com", "Content-Type": "application/json" };
    for (const [name, value] of Object.entries(options.headers ?? {})) {
        for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
        headers[titleCase(name)] = value;
    }
    const multiValueHeaders: Record<string, string[]> = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
    for (const [name, values] of Object.entries(options.multiHeaders ?? {})) {
        multiValueHeaders[name] = values;
        headers[name] = values[values.length - 1];
    }
    const multiQuery: Record<string, string[]> = Object.fromEntries(Object.entries(options.query ?? {}).map(([k, v]) => [k, [v]]));
    Object.assign(multiQuery, options.multiQuery);
    const empty = Object.keys(multiQuery).length === 0;
    const segments = path.split("/").slice(1);
    let resource = "/{proxy+}";
    let pathParameters: Record<string, string> | null = { proxy: segments.map(decodeOrKeep).join("/") };
    if (options.resource === "routes") {
        resource = segments.length > 1 ? "/items/{id}" : "/items";
        pathParameters = segments.length > 1 ? { id: decodeOrKeep(segments[1]) } : null;
    }
    const stage = options.stage ?? "prod";
    return {
        ...structuredClone(REST_EVENT_FIXTURE),
        resource,
        path: `${options.basePath ?? ""}${path}`,
        httpMethod: method,
        headers,
        multiValueHeaders,
        queryStringParameters: empty ? null : Object.fromEntries(Object.entries(multiQuery).map(([k, v]) => [k, v[v.length - 1]])),
        multiValueQueryStringParameters: empty ? null : multiQuery,
        pathParameters,
        body: options.body ?? null,
        isBase64Encoded: false,
        requestContext: {
            ...structuredClone(REST_EVENT_FIXTURE.requestContext),
            stage,
            requestId: `rest-${++requests}`,
            path: `/${stage}${path}`,
            resourcePath: resource,
            httpMethod: method,
        },
    };
}

/** Path parameter values as a decoded string (the function reads segments of `path`, so either spelling routes alike). */
function decodeOrKeep(segment: string): string {
    try {
        return decodeURIComponent(segment);
    } catch {
        return segment;
    }
}
