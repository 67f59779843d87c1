/**
 * functions/ingest as it runs on Lambda: the invocation has a timeout, and a write can hang. A timed-out invocation
 * is a function error for the whole batch (Lambda replays what was written, and bisects); the handler instead stops
 * while it has time and reports the first record it did not write, and the SDK clients bound each attempt.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { CLIENT_SETTINGS, FINISH_MS, createHandler, dynamoWriter, s3Writer } from "../../../functions/ingest/api";
import { type KinesisEvent, type KinesisRecord, RESERVE_MS, readConfig } from "../../../functions/ingest/core";

const EXAMPLE: KinesisEvent = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "kinesis-example.json"), "utf8"));

function records(n: number): KinesisRecord[] {
    return Array.from({ length: n }, (_, i) => {
        const r = structuredClone(EXAMPLE.Records[0]);
        r.kinesis.sequenceNumber = `4959033827149025660855969253836157109592157598913658${String(8900 + i)}`;
        r.kinesis.data = Buffer.from(JSON.stringify({ deviceId: `d-${i}`, timestamp: "2026-11-26T12:00:00Z", metrics: { t: i } })).toString("base64");
        r.eventID = `shardId-000000000006:${r.kinesis.sequenceNumber}`;
        return r;
    });
}

const quiet = { log: () => undefined };

/** A fake clock shared by the writes (each takes `writeMs`) and Lambda's context (`timeoutMs` from the start). */
function clock(timeoutMs: number, writeMs: number) {
    let now = 0;
    const written: string[] = [];
    return {
        written,
        now: () => now,
        context: { getRemainingTimeInMillis: () => timeoutMs - now },
        write: async (unit: { record: KinesisRecord }[]) => {
            now += writeMs;
            written.push(unit[0].record.kinesis.sequenceNumber);
            return { target: "t", duplicates: 0 };
        },
    };
}

describe("functions/ingest: the invocation's time budget", () => {
    const config = readConfig({ SINK: "dynamodb", TABLE_NAME: "readings" });

    it("stops before Lambda's timeout and reports the first record not written, instead of starting a write it has no time for", async () => {
        // 10 writes of 2 s in a 15 s invocation: writing on would time out and fail the whole batch.
        const c = clock(15_000, 2_000);
        const batch = records(10);
        const out = await createHandler({ config, write: c.write, log: quiet, now: c.now })({ Records: batch }, c.context);
        // Starts while more than max(RESERVE_MS, 2 × slowest) is left: at 0, 2, 4, 6, 8 and 10 s (5 s left > 5 s is false at 10 s).
        assert.strictEqual(c.written.length, 5);
        assert.deepStrictEqual(out, { batchItemFailures: [{ itemIdentifier: batch[5].kinesis.sequenceNumber }] });
        assert.ok(c.context.getRemainingTimeInMillis() > 0, "returned before the timeout");
    });

    it("keeps twice the slowest write in reserve when that is more than RESERVE_MS", async () => {
        const c = clock(30_000, 6_000);
        const batch = records(10);
        const out = await createHandler({ config, write: c.write, log: quiet, now: c.now })({ Records: batch }, c.context);
        // 12 s reserve: writes start at 0, 6 and 12 s (18 s left > 12), not at 18 s (12 s left).
        assert.strictEqual(c.written.length, 3);
        assert.deepStrictEqual(out, { batchItemFailures: [{ itemIdentifier: batch[3].kinesis.sequenceNumber }] });
        assert.ok(RESERVE_MS < 12_000);
    });

    it("always writes the first record, so an invocation with little time still makes progress", async () => {
        const c = clock(1_000, 500);
        const batch = records(3);
        const out = await createHandler({ config, write: c.write, log: quiet, now: c.now })({ Records: batch }, c.context);
        assert.deepStrictEqual(c.written, [batch[0].kinesis.sequenceNumber]);
        assert.deepStrictEqual(out, { batchItemFailures: [{ itemIdentifier: batch[1].kinesis.sequenceNumber }] });
    });

    it("writes the whole batch when there is time", async () => {
        const c = clock(60_000, 100);
        const out = await createHandler({ config, write: c.write, log: quiet, now: c.now })({ Records: records(20) }, c.context);
        assert.strictEqual(c.written.length, 20);
        assert.deepStrictEqual(out, { batchItemFailures: [] });
    });
});

describe("functions/ingest: the SDK clients' request limits", function () {
    this.timeout(30_000);
    let server: net.Server;
    let port: number;
    const sockets: net.Socket[] = [];
    before(async () => {
        // Accepts connections and never answers: a hung endpoint.
        server = net.createServer((s) => void sockets.push(s));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        port = (server.address() as net.AddressInfo).port;
        writes = sinks.map(writeAgainstHung);
        attempt = attemptAgainstHung();
        // Each is awaited by its test; one that rejects must not be reported unhandled before then.
        for (const p of [...writes, attempt]) p.catch(() => undefined);
    });
    after(async () => {
        for (const s of sockets) s.destroy();
        await new Promise((resolve) => server.close(resolve));
    });

    const hung = () => ({
        ...CLIENT_SETTINGS,
        region: "us-east-1",
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: "k", secretAccessKey: "s" },
    });
    const sinks = [
        { sink: "S3", env: { SINK: "s3", OUTPUT_BUCKET: "b" }, writer: () => s3Writer(new S3Client({ ...hung(), forcePathStyle: true }), "b", "readings") },
        {
            sink: "DynamoDB",
            env: { SINK: "dynamodb", TABLE_NAME: "t" },
            writer: () => dynamoWriter(DynamoDBDocumentClient.from(new DynamoDBClient(hung())), "t"),
        },
    ];
    /** A batch of two written against the hung endpoint in an invocation of FINISH_MS + 1.5 s: what it returned, and the time left then. */
    async function writeAgainstHung({ env, writer }: (typeof sinks)[number]) {
        // One write is up to 3 attempts of 5 s plus backoff, far more than RESERVE_MS: bounded per attempt only, a write
        // started with just over the reserve left would run past Lambda's timeout and fail the whole batch. 1.5 s
        // before the deadline is shorter than one attempt's request timeout, so only the deadline's abort can end it.
        const timeoutMs = FINISH_MS + 1_500;
        const started = Date.now();
        const context = { getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started) };
        const batch = records(2);
        const out = await createHandler({ config: readConfig(env), write: writer(), log: quiet })({ Records: batch }, context);
        return { batch, out, remaining: context.getRemainingTimeInMillis() };
    }

    // CLIENT_SETTINGS with a shorter request timeout (the test waits for it): without `throwOnRequestTimeout` the
    // bundled handler only logs a warning when it passes and keeps waiting, and this attempt would never end.
    const requestHandler = { ...CLIENT_SETTINGS.requestHandler, requestTimeout: 500 };
    /** One S3 attempt against the hung endpoint: how it failed, and after how long. */
    async function attemptAgainstHung() {
        const s3 = new S3Client({
            ...CLIENT_SETTINGS,
            requestHandler,
            maxAttempts: 1,
            region: "us-east-1",
            endpoint: `http://127.0.0.1:${port}`,
            forcePathStyle: true,
            credentials: { accessKeyId: "k", secretAccessKey: "s" },
        });
        const started = Date.now();
        try {
            await s3.send(new PutObjectCommand({ Bucket: "b", Key: "k", Body: "x" }));
            return { error: undefined, elapsed: Date.now() - started };
        } catch (error) {
            return { error, elapsed: Date.now() - started };
        } finally {
            s3.destroy();
        }
    }

    // The three runs (below) are time spent waiting on the hung endpoint, not work, and independent: they start together
    // once it listens (each measures from its own start), and each test checks its own.
    let writes: Promise<Awaited<ReturnType<typeof writeAgainstHung>>>[];
    let attempt: Promise<Awaited<ReturnType<typeof attemptAgainstHung>>>;

    sinks.forEach(({ sink }, i) => {
        it(`a ${sink} write that retries against an endpoint that never answers ends before the invocation's deadline, reporting its record`, async () => {
            const { batch, out, remaining } = await writes[i];
            assert.deepStrictEqual(out, { batchItemFailures: [{ itemIdentifier: batch[0].kinesis.sequenceNumber }] });
            assert.ok(remaining > 0, `returned ${-remaining} ms after the timeout`);
        });
    });

    it("an attempt against an endpoint that never answers fails after the request timeout instead of holding the invocation", async () => {
        const { error, elapsed } = await attempt;
        assert.match(String(error), /timeout|timed out/i);
        assert.ok(elapsed >= requestHandler.requestTimeout - 100 && elapsed < requestHandler.requestTimeout + 3_000, `${elapsed} ms`);
    });
});
