/**
 * The nightly tombstone sweeper (functions/sweeper) against a real DynamoDB API (dynalite): tombstones made by the items
 * API's own DELETE at chosen dates, swept with Scheduler-style JSON inputs and a Lambda-style context.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { bundle } from "../../components/shared/bundle";
import { createHandler as createItemsApi } from "../../functions/items/api";
import type { HttpResponse } from "../../functions/shared/http";
import { createLogger } from "../../functions/shared/log";
import { type Context, createSweeper } from "../../functions/sweeper/api";
import { DEFAULTS, parseInput } from "../../functions/sweeper/core";
import { type LocalDynamo, httpEvent, useDynamo } from "./items-harness";

const ROOT = path.join(__dirname, "../..");
const NOW = new Date("2026-11-26T03:00:00.000Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const silent = { log: () => {} };
/** A context with plenty of time, as Lambda's is at the start of a 15-minute invocation. */
const ample: Context = { getRemainingTimeInMillis: () => 900_000, awsRequestId: "sweep-1" };

let tableCount = 0;

describe("functions/sweeper: purging tombstones (dynalite)", function () {
    this.timeout(30_000);
    let dynamo: LocalDynamo;
    let table: string;

    before(async () => {
        dynamo = await useDynamo([]);
    });
    after(() => dynamo?.release());

    /** A fresh table per test: counts are then exact. */
    beforeEach(async () => {
        table = `sweeper-test-${++tableCount}`;
        await useDynamo([table]).then((d) => d.release());
    });

    /** The items API writing to this test's table with its clock at `at`. */
    const api = (at: Date) => createItemsApi({ db: dynamo.db, tableName: table, log: silent, now: () => at });
    const body = (r: HttpResponse) => JSON.parse(r.body);

    async function createItem(name: string, token?: string): Promise<string> {
        const r = await api(daysAgo(100))(
            httpEvent("POST", "/items", { body: JSON.stringify({ name }), headers: token === undefined ? {} : { "idempotency-key": token } }),
        );
        assert.strictEqual(r.statusCode, 201, r.body);
        return body(r).id;
    }

    /** An item created, then deleted `days` ago through the API: a tombstone with that deletedAt. */
    async function tombstone(days: number, token?: string): Promise<string> {
        const id = await createItem(`deleted ${days}d ago`, token);
        assert.strictEqual((await api(daysAgo(days))(httpEvent("DELETE", `/items/${id}`))).statusCode, 204);
        return id;
    }

    const sweeper = (db: DynamoDBDocumentClient = dynamo.db, indexName?: string) =>
        createSweeper({ db, tableName: table, indexName, log: silent, now: () => NOW });
    const exists = async (id: string) => (await dynamo.db.send(new GetCommand({ TableName: table, Key: { id }, ConsistentRead: true }))).Item !== undefined;

    describe("input (the schedule's JSON)", () => {
        it("an empty or missing input is a run with the defaults and a cutoff 30 days back", () => {
            for (const input of [undefined, null, {}])
                assert.deepStrictEqual(parseInput(input, NOW), { retentionDays: 30, dryRun: false, pageSize: 500, cutoff: "2026-10-27T03:00:00.000Z" });
            assert.deepStrictEqual(DEFAULTS, { retentionDays: 30, dryRun: false, pageSize: 500 });
        });

        it("refuses unknown fields and values out of range, naming each", () => {
            const out = parseInput({ retentionDays: 0, dryRun: "yes", pageSize: 5000, startKey: { id: 3 }, retention: 7 }, NOW);
            assert.ok("errors" in out);
            assert.strictEqual(out.errors.length, 5, out.errors.join("\n"));
            for (const field of ["input.retention ", "input.retentionDays", "input.pageSize", "input.dryRun", "input.startKey"])
                assert.ok(
                    out.errors.some((e) => e.startsWith(field)),
                    field,
                );
            assert.deepStrictEqual(parseInput([1], NOW), { errors: ["input must be a JSON object, got [1]"] });
        });

        it("a bad input throws before any read or delete", async () => {
            const expired = await tombstone(40);
            await assert.rejects(sweeper()({ retentionDays: -1 }, ample), /input\.retentionDays=-1 must be an integer in 1\.\.3650/);
            assert.ok(await exists(expired));
        });
    });

    it("purges only tombstones older than the retention: live items and recent tombstones stay", async () => {
        const live = [await createItem("live a"), await createItem("live b")];
        const recent = [await tombstone(1), await tombstone(29)];
        const expired = [await tombstone(31), await tombstone(90), await tombstone(365)];
        const out = await sweeper()({}, ample);
        assert.deepStrictEqual(
            { scanned: out.scanned, expired: out.expired, purged: out.purged, skipped: out.skipped, complete: out.complete },
            { scanned: 7, expired: 3, purged: 3, skipped: 0, complete: true },
        );
        for (const id of [...live, ...recent]) assert.ok(await exists(id), id);
        for (const id of expired) assert.ok(!(await exists(id)), id);
    });

    it("honours retentionDays from the input", async () => {
        const tenDays = await tombstone(10);
        const out = await sweeper()({ retentionDays: 7 }, ample);
        assert.strictEqual(out.purged, 1);
        assert.ok(!(await exists(tenDays)));
    });

    it("after the purge a token is free again: the retention is how long a deleted item's token is refused", async () => {
        await tombstone(45, "tok-sweep");
        const refused = await api(NOW)(httpEvent("POST", "/items", { body: '{"name":"deleted 45d ago"}', headers: { "idempotency-key": "tok-sweep" } }));
        assert.strictEqual(refused.statusCode, 410);
        await sweeper()({}, ample);
        const again = await api(NOW)(httpEvent("POST", "/items", { body: '{"name":"deleted 45d ago"}', headers: { "idempotency-key": "tok-sweep" } }));
        assert.strictEqual(again.statusCode, 201);
    });

    it("a dry run counts the expired tombstones and deletes nothing", async () => {
        const expired = [await tombstone(40), await tombstone(50)];
        const out = await sweeper()({ dryRun: true }, ample);
        assert.deepStrictEqual([out.expired, out.purged, out.dryRun], [2, 0, true]);
        for (const id of expired) assert.ok(await exists(id));
    });

    it("never deletes a live item, even one written at a tombstone's key between the Scan and the delete", async () => {
        const raced = await tombstone(60);
        const other = await tombstone(60);
        // A writer (a restore, a migration) puts a live item at the key after the Scan saw the tombstone.
        const racing = {
            send: async (command: unknown) => {
                if (command instanceof DeleteCommand && command.input.Key?.id === raced)
                    await dynamo.db.send(
                        new PutCommand({ TableName: table, Item: { id: raced, name: "restored", version: 5, createdAt: "x", updatedAt: "x" } }),
                    );
                return dynamo.db.send(command as PutCommand);
            },
        } as unknown as DynamoDBDocumentClient;
        const out = await sweeper(racing)({}, ample);
        assert.deepStrictEqual([out.expired, out.purged, out.skipped], [2, 1, 1]);
        assert.strictEqual((await dynamo.db.send(new GetCommand({ TableName: table, Key: { id: raced } }))).Item?.name, "restored");
        assert.ok(!(await exists(other)));
    });

    it("stops on its time budget with a resumeKey, and a run from that key finishes the table", async () => {
        const expired = [];
        for (let i = 0; i < 7; i++) expired.push(await tombstone(40 + i));
        // Time for one page only: after the first Scan the remaining time falls under the reserve.
        let calls = 0;
        const short: Context = { getRemainingTimeInMillis: () => (calls++ === 0 ? 60_000 : 5_000) };
        const first = await sweeper()({ pageSize: 3 }, short);
        assert.deepStrictEqual([first.pages, first.complete, first.purged], [1, false, first.expired]);
        assert.ok(first.resumeKey !== undefined);
        const rest = await sweeper()({ pageSize: 3, startKey: first.resumeKey }, ample);
        assert.strictEqual(rest.complete, true);
        assert.strictEqual(first.purged + rest.purged, 7);
        for (const id of expired) assert.ok(!(await exists(id)));
    });

    it("does not start when less than the reserve is left", async () => {
        await tombstone(40);
        const out = await sweeper()({}, { getRemainingTimeInMillis: () => 9_000 });
        assert.deepStrictEqual([out.pages, out.purged, out.complete], [0, 0, false]);
    });

    it("logs a start line and a summary line with the counts, as JSON", async () => {
        await tombstone(40);
        const lines: string[] = [];
        await createSweeper({ db: dynamo.db, tableName: table, log: createLogger((l) => lines.push(l), "info"), now: () => NOW })({}, ample);
        const [start, summary] = lines.map((l) => JSON.parse(l));
        assert.deepStrictEqual([start.message, start.cutoff, start.requestId], ["sweep started", "2026-10-27T03:00:00.000Z", "sweep-1"]);
        assert.deepStrictEqual(
            { message: summary.message, purged: summary.purged, expired: summary.expired, complete: summary.complete },
            { message: "sweep complete", purged: 1, expired: 1, complete: true },
        );
        assert.strictEqual(typeof summary.durationMs, "number");
    });

    it("with a sparse index on deletedAt, scans only tombstones and resumes with the index's key", async () => {
        const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
        table = `sweeper-test-${++tableCount}-indexed`;
        await raw.send(
            new CreateTableCommand({
                TableName: table,
                AttributeDefinitions: [
                    { AttributeName: "id", AttributeType: "S" },
                    { AttributeName: "deletedAt", AttributeType: "S" },
                ],
                KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
                GlobalSecondaryIndexes: [
                    { IndexName: "tombstones", KeySchema: [{ AttributeName: "deletedAt", KeyType: "HASH" }], Projection: { ProjectionType: "KEYS_ONLY" } },
                ],
                BillingMode: "PAY_PER_REQUEST",
            }),
        );
        for (let i = 0; i < 5; i++) await createItem(`live ${i}`);
        const expired = [await tombstone(40), await tombstone(41), await tombstone(42)];
        const recent = await tombstone(2);
        let calls = 0;
        const short: Context = { getRemainingTimeInMillis: () => (calls++ === 0 ? 60_000 : 5_000) };
        const first = await sweeper(dynamo.db, "tombstones")({ pageSize: 2 }, short);
        assert.strictEqual(first.scanned, 2, "the index holds tombstones only");
        assert.deepStrictEqual(Object.keys(first.resumeKey ?? {}).sort(), ["deletedAt", "id"]);
        const rest = await sweeper(dynamo.db, "tombstones")({ pageSize: 2, startKey: first.resumeKey }, ample);
        assert.strictEqual(first.scanned + rest.scanned, 4);
        assert.strictEqual(first.purged + rest.purged, 3);
        for (const id of expired) assert.ok(!(await exists(id)));
        assert.ok(await exists(recent));
        raw.destroy();
    });

    describe("the Lambda bundle (components/shared/bundle.ts)", () => {
        let dir: string;
        after(() => dir !== undefined && fs.rmSync(dir, { recursive: true, force: true }));

        it("bundles to one file under 1 MiB and, loaded from a directory with no node_modules, sweeps the table in TABLE_NAME", async () => {
            const b = bundle(path.join(ROOT, "functions/sweeper/index.ts"), { cache: false });
            console.log(`      sweeper bundle: ${b.bytes} bytes`);
            assert.ok(b.bytes < 1024 * 1024, `${b.bytes} bytes`);
            const expired = await tombstone(400);
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "sweeper-bundle-"));
            fs.writeFileSync(path.join(dir, "index.js"), b.code);
            const saved = { TABLE_NAME: process.env.TABLE_NAME, LOG_LEVEL: process.env.LOG_LEVEL };
            Object.assign(process.env, { TABLE_NAME: table, LOG_LEVEL: "error" });
            try {
                const { handler } = require(path.join(dir, "index.js"));
                const out = await handler({ retentionDays: 365 }, ample);
                assert.deepStrictEqual([out.purged, out.complete], [1, true]);
                assert.ok(!(await exists(expired)));
            } finally {
                for (const [k, v] of Object.entries(saved)) {
                    if (v === undefined) delete process.env[k];
                    else process.env[k] = v;
                }
            }
        });
    });
});
