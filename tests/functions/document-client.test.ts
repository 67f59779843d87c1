/**
 * The function-side switch between DynamoDB and DAX (functions/shared/document-client.ts). No DAX emulator exists, so:
 * the switch is tested with fake makers; the DynamoDB path against dynalite; and the DAX path with the real
 * `DaxDocument` (its marshalling, its errors, its refusal of `send`) over a fake cluster whose nodes forward each
 * low-level call to dynalite, answering a failed condition as a DAX node does (a DaxServiceError with the code sequence
 * of ConditionalCheckFailedException).
 */
import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DaxDocument } from "@amazon-dax-sdk/lib-dax";
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { early } from "../harness/early";
import { freshBundle } from "../harness/fresh-bundle";
import { createHandler } from "../../functions/items/api";
import { type DocumentClient, createDocumentClient } from "../../functions/shared/document-client";
import { isConditionFailure } from "../../functions/shared/dynamo";
import { createLogger } from "../../functions/shared/log";
import { type LocalDynamo, httpEvent, useDynamo } from "./items-harness";

// The DAX client's error classes are not exported from its entry point.
const DaxServiceError = require("@amazon-dax-sdk/client-dax/src/DaxServiceError");
const DaxClientError = require("@amazon-dax-sdk/client-dax/src/DaxClientError");

const TABLE = "dax-items";
const ENDPOINT = "daxs://items-dax-1a2b3c4.abc123.dax-clusters.eu-west-1.amazonaws.com";
/** What a DAX node answers for a false condition: code sequence 4.37.*.39.43 (client-dax DaxServiceError._pickError). */
const CONDITION_FAILED_SEQ = [4, 37, 38, 39, 43];

/** Records which maker the environment selected, and with what. */
function fakeMakers() {
    const calls: string[] = [];
    const configs: unknown[] = [];
    const client = {} as DocumentClient;
    return {
        calls,
        configs,
        make: {
            dax: (config: unknown) => {
                calls.push("dax");
                configs.push(config);
                return client;
            },
            dynamodb: () => {
                calls.push("dynamodb");
                return client;
            },
        },
    };
}

/** A DAX cluster stand-in: every node forwards the low-level request to dynalite, failures shaped as DAX's. */
function daxOverDynalite(raw: DynamoDBClient): DaxDocument {
    const forward =
        <I>(Command: new (input: I) => any) =>
        async (input: I) => {
            try {
                return await raw.send(new Command(input));
            } catch (e) {
                if ((e as { name?: string }).name !== "ConditionalCheckFailedException") throw e;
                throw new DaxServiceError((e as Error).message, undefined, undefined, "request-1", 400, CONDITION_FAILED_SEQ);
            }
        };
    const node = {
        getItem: forward(GetItemCommand),
        putItem: forward(PutItemCommand),
        updateItem: forward(UpdateItemCommand),
        deleteItem: forward(DeleteItemCommand),
        scan: forward(ScanCommand),
        query: forward(QueryCommand),
    };
    const cluster = {
        startup: () => {},
        startupComplete: () => true,
        readClient: () => node,
        leaderClient: () => node,
        close: () => {},
    };
    return new (DaxDocument as any)({ endpoint: ENDPOINT, region: "us-east-1" }, cluster);
}

describe("functions/shared/document-client", () => {
    describe("the switch", () => {
        it("makes a DynamoDB client when DAX_ENDPOINT is not set", () => {
            const f = fakeMakers();
            createDocumentClient({ AWS_REGION: "eu-west-1" }, f.make);
            assert.deepEqual(f.calls, ["dynamodb"]);
        });

        it("makes a DynamoDB client when DAX_ENDPOINT is empty (a stack that turned DAX off)", () => {
            const f = fakeMakers();
            createDocumentClient({ DAX_ENDPOINT: "", AWS_REGION: "eu-west-1" }, f.make);
            assert.deepEqual(f.calls, ["dynamodb"]);
        });

        it("makes a DAX client for the endpoint in DAX_ENDPOINT, in Lambda's region", () => {
            const f = fakeMakers();
            createDocumentClient({ DAX_ENDPOINT: ENDPOINT, AWS_REGION: "eu-west-1" }, f.make);
            assert.deepEqual(f.calls, ["dax"]);
            assert.deepEqual(f.configs, [{ endpoint: ENDPOINT, region: "eu-west-1", connectTimeout: 1000, requestTimeout: 3000, maxRetryDelay: 2000 }]);
        });

        it("makes a real DaxDocument, a full document client that refuses send(command)", () => {
            const client = daxOverDynalite(new DynamoDBClient({ region: "us-east-1" }));
            assert.equal(typeof client.get, "function");
            assert.throws(() => (client as any).send({}), /send operation is not supported for DAX/);
        });
    });

    it("recognises a failed condition from DynamoDB (error name) and from DAX (error code)", () => {
        assert.ok(isConditionFailure(Object.assign(new Error("x"), { name: "ConditionalCheckFailedException" })));
        const fromDax = new DaxServiceError("The conditional request failed", undefined, undefined, "r", 400, CONDITION_FAILED_SEQ);
        assert.equal(fromDax.name, "Error");
        assert.ok(isConditionFailure(fromDax));
        assert.ok(!isConditionFailure(new DaxClientError("throttled", "ThrottlingException", true)));
        assert.ok(!isConditionFailure(null));
    });

    describe("the items API through each client", () => {
        let dynamo: LocalDynamo;
        let raw: DynamoDBClient;
        before(async () => {
            dynamo = await useDynamo([TABLE]);
            raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
        });
        after(() => dynamo?.release());

        const silent = createLogger(() => {}, "error");
        for (const [title, client] of [
            ["DynamoDB (DAX_ENDPOINT unset), against dynalite", () => createDocumentClient({ AWS_REGION: "us-east-1" })],
            ["a real DaxDocument over a cluster that forwards to dynalite", () => daxOverDynalite(raw)],
        ] as const) {
            it(`creates, retries, reads, lists, refuses a stale update and deletes: ${title}`, async () => {
                const h = createHandler({ db: client(), tableName: TABLE, log: silent });
                const body = JSON.stringify({ name: "lamp", price: 12.5, tags: ["home"], clientToken: `t-${title.length}` });
                const created = await h(httpEvent("POST", "/items", { body }));
                assert.equal(created.statusCode, 201, created.body);
                const item = JSON.parse(created.body);
                // The same request again: the put's condition fails, and the API answers with the stored item.
                const retried = await h(httpEvent("POST", "/items", { body }));
                assert.equal(retried.statusCode, 200, retried.body);
                assert.deepEqual(JSON.parse(retried.body), item);
                const read = await h(httpEvent("GET", `/items/${item.id}`));
                assert.deepEqual(JSON.parse(read.body), item);
                const listed = await h(httpEvent("GET", "/items", { query: { limit: "50" } }));
                assert.ok(JSON.parse(listed.body).items.some((i: { id: string }) => i.id === item.id));
                const stale = await h(httpEvent("PUT", `/items/${item.id}`, { body: JSON.stringify({ name: "lamp 2", version: 7 }) }));
                assert.equal(stale.statusCode, 409, stale.body);
                const updated = await h(httpEvent("PUT", `/items/${item.id}`, { body: JSON.stringify({ name: "lamp 2", version: 1 }) }));
                assert.equal(updated.statusCode, 200, updated.body);
                assert.equal(JSON.parse(updated.body).price, undefined, "PUT removes absent optional fields");
                const deleted = await h(httpEvent("DELETE", `/items/${item.id}`));
                assert.equal(deleted.statusCode, 204, deleted.body);
                assert.equal((await h(httpEvent("GET", `/items/${item.id}`))).statusCode, 404);
            });
        }
    });

    describe("the bundled items function", function () {
        this.timeout(30_000);
        let dir: string;
        let file: string;
        let code: string;
        before(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "items-dax-"));
            file = path.join(dir, "index.js");
            code = freshBundle(path.join(__dirname, "../../functions/items/index.ts")).code;
            fs.writeFileSync(file, code);
        });
        after(() => {
            if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
        });
        /** Runs `script` in a fresh Node with the bundle's path in FILE and only the given environment; its last line. */
        const run = (script: string, env: Record<string, string>) =>
            execFileSync(process.execPath, ["-e", script], {
                env: { PATH: process.env.PATH ?? "", FILE: file, AWS_REGION: "us-east-1", TABLE_NAME: "items", ...env },
                encoding: "utf8",
                timeout: 25_000,
                // The DAX client reports its failed connections on stderr: not the test's output.
                stdio: ["ignore", "pipe", "pipe"],
            })
                .trim()
                .split("\n")
                .pop();

        it("holds the DAX client, loaded on first use, not required from node_modules", () => {
            assert.doesNotMatch(code, /require\("@amazon-dax-sdk\//);
            assert.match(code, /send operation is not supported for DAX/);
        });

        it("leaves the process's warning listeners alone when DAX is off (the DAX client's module removes them when it loads)", () => {
            const script = `const ours = () => {}; process.on("warning", ours); require(process.env.FILE); console.log(process.listeners("warning").includes(ours))`;
            assert.equal(run(script, {}), "true");
        });

        it("answers a logged 500 within 5 seconds, inside the function's 10-second timeout, when the DAX cluster is unreachable", async () => {
            // Port 1 on the loopback: refused at once. With the DAX client's own defaults this took 14 s (two waits of
            // maxRetryDelay 7 s for routes), past LambdaFunction's default timeout. Run in a fresh Node on the bundle
            // (tests/harness/early.ts: started with the run, since it is 4 s of waiting).
            const out = await early("daxUnreachable");
            assert.equal(out.status, 500);
            assert.ok(out.ms < 5000, `${out.ms} ms`);
        });
    });
});
