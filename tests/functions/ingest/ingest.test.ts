/**
 * The Kinesis ingest function (functions/ingest) on the event shape Lambda delivers from a Kinesis data stream (the AWS
 * docs' example event, fixtures/kinesis-example.json, copied with other payloads and sequence numbers), with malformed
 * records, writing to a real S3 API (s3rver) and a real DynamoDB API (dynalite), and partial batch failures.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { createHandler, dynamoWriter, s3Writer } from "../../../functions/ingest/api";
import { type KinesisEvent, type KinesisRecord, decodeRecord, objectKey, readConfig } from "../../../functions/ingest/core";
import type { Level } from "../../../functions/shared/log";
import { type LocalDynamo, useDynamo } from "../items-harness";
import { type LocalS3, startS3 } from "../s3-harness";

/** The AWS docs' example event ("Using Lambda with Kinesis", https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html). */
const EXAMPLE: KinesisEvent = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "kinesis-example.json"), "utf8"));
const TEMPLATE = EXAMPLE.Records[0];

/** Sequence numbers are ~56-digit decimal strings: beyond a double's precision, hence a bigint. */
let seq = BigInt(TEMPLATE.kinesis.sequenceNumber);

/** A copy of the docs' record with another payload (`data` as given: raw base64, or an object to encode) and the next sequence number. */
function record(data: string | object, arrival = 1795600000.123): KinesisRecord {
    seq += 1000n;
    const r = structuredClone(TEMPLATE);
    r.kinesis.sequenceNumber = String(seq);
    r.kinesis.data = typeof data === "string" ? data : Buffer.from(JSON.stringify(data)).toString("base64");
    r.kinesis.approximateArrivalTimestamp = arrival;
    r.eventID = `shardId-000000000006:${seq}`;
    return r;
}

const b64 = (text: string | Buffer) => Buffer.from(text).toString("base64");
const reading = (deviceId: string, timestamp = "2026-11-26T12:00:00Z", metrics: object = { temperature: 21.5, humidity: 40 }) => ({
    deviceId,
    timestamp,
    metrics,
});

function capture() {
    const lines: { level: Level; message: string; fields?: Record<string, unknown> }[] = [];
    const log = { log: (level: Level, message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields }) };
    return { lines, log };
}

const seqOf = (r: KinesisRecord) => r.kinesis.sequenceNumber;

describe("functions/ingest core", () => {
    it("the docs' example record (plain text, not JSON) is refused as not JSON", () => {
        assert.deepStrictEqual(decodeRecord(TEMPLATE), { ok: false, reason: "data is not JSON" });
    });

    it("decodes a valid reading and stores its timestamp normalised to UTC", () => {
        const d = decodeRecord(record(reading("sensor-1", "2026-11-26T13:30:00.5+01:00")));
        assert.ok(d.ok, JSON.stringify(d));
        assert.deepStrictEqual(d.reading, { deviceId: "sensor-1", timestamp: "2026-11-26T12:30:00.500Z", metrics: { temperature: 21.5, humidity: 40 } });
    });

    const malformed: [string, string | object, RegExp][] = [
        ["no data", "", /no data/],
        ["data that is not base64", "not base64!!", /not base64/],
        ["base64 without its padding", "eyJhIjoxfQ", /not base64/],
        ["bytes that are not UTF-8", b64(Buffer.from([0xff, 0xfe, 0x7b])), /not UTF-8/],
        ["truncated JSON", b64('{"deviceId":"a"'), /not JSON/],
        ["a JSON array", b64("[1,2]"), /not a JSON object/],
        ["a missing deviceId", { timestamp: "2026-11-26T12:00:00Z", metrics: { t: 1 } }, /deviceId/],
        ["a deviceId with a slash (it would change the S3 key's path)", reading("a/b"), /deviceId/],
        ["a date that does not exist (30 February)", reading("a", "2026-02-30T00:00:00Z"), /timestamp/],
        ["a timestamp without a time zone", reading("a", "2026-11-26T12:00:00"), /timestamp/],
        ["a timestamp as epoch milliseconds", { ...reading("a"), timestamp: 1795600000000 }, /timestamp/],
        ["a metric that is a string", reading("a", undefined, { t: "21.5" }), /metrics\.t must be a finite number/],
        ["no metrics", reading("a", undefined, {}), /1\.\.50 entries/],
        ["51 metrics", reading("a", undefined, Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`m${i}`, i]))), /1\.\.50 entries/],
        ["a metric named __proto__", b64('{"deviceId":"a","timestamp":"2026-11-26T12:00:00Z","metrics":{"__proto__":1}}'), /metrics name "__proto__"/],
        ["an unknown field", { ...reading("a"), firmware: "1.2" }, /unknown field "firmware"/],
    ];
    for (const [title, data, reason] of malformed)
        it(`refuses a record with ${title}`, () => {
            const d = decodeRecord(record(data));
            assert.ok(!d.ok, JSON.stringify(d));
            assert.match(d.reason, reason);
        });

    it("never throws on arbitrary data: whatever the bytes, a record is decoded or refused with a reason", () => {
        fc.assert(
            fc.property(
                fc.oneof(
                    fc.string(),
                    fc.base64String(),
                    fc.uint8Array().map((a) => b64(Buffer.from(a))),
                    fc.json().map(b64),
                ),
                (data) => {
                    const d = decodeRecord(record(data));
                    return d.ok || d.reason.length > 0;
                },
            ),
        );
    });

    it("every reading within the schema survives base64 and JSON unchanged but for the UTC timestamp", () => {
        const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/);
        const valid = fc.record({
            deviceId: fc.stringMatching(/^[A-Za-z0-9._-]{1,128}$/),
            timestamp: fc
                .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true })
                .map((t) => t.toISOString()),
            metrics: fc.dictionary(name, fc.double({ noNaN: true, noDefaultInfinity: true }), { minKeys: 1, maxKeys: 50 }),
        });
        fc.assert(
            fc.property(valid, (r) => {
                const d = decodeRecord(record(r));
                assert.ok(d.ok, JSON.stringify(d));
                assert.deepStrictEqual(d.reading, JSON.parse(JSON.stringify(r)));
            }),
        );
    });

    it("names every schema problem of a record at once", () => {
        const d = decodeRecord(record({ deviceId: "", timestamp: "yesterday", metrics: [] }));
        assert.ok(!d.ok);
        assert.deepStrictEqual(d.reason.split("; ").length, 3);
    });

    it("partitions the S3 key by the record's arrival hour in UTC, not the device's clock", () => {
        const r = record(reading("sensor-1", "1999-01-01T00:00:00Z"), TEMPLATE.kinesis.approximateArrivalTimestamp);
        const d = decodeRecord(r);
        assert.ok(d.ok);
        assert.strictEqual(objectKey("readings", r, d.reading), `readings/year=2018/month=12/day=17/hour=22/sensor-1-${seqOf(r)}.json`);
    });

    it("reads the sink from the environment and lists every configuration problem", () => {
        assert.deepStrictEqual(readConfig({ SINK: "s3", OUTPUT_BUCKET: "b" }), { sink: "s3", bucket: "b", prefix: "readings", layout: "record" });
        assert.deepStrictEqual(readConfig({ SINK: "s3", OUTPUT_BUCKET: "b", S3_LAYOUT: "batch" }), {
            sink: "s3",
            bucket: "b",
            prefix: "readings",
            layout: "batch",
        });
        assert.deepStrictEqual(readConfig({ SINK: "dynamodb", TABLE_NAME: "t" }), { sink: "dynamodb", table: "t" });
        assert.deepStrictEqual(readConfig({ SINK: "s3", OUTPUT_PREFIX: "raw/", S3_LAYOUT: "daily" }), {
            errors: [
                "OUTPUT_BUCKET is required with SINK=s3",
                'OUTPUT_PREFIX "raw/" must be non-empty, without a leading or trailing "/"',
                'S3_LAYOUT "daily" must be "record" or "batch"',
            ],
        });
        assert.deepStrictEqual(readConfig({ SINK: "dynamodb" }), { errors: ["TABLE_NAME is required with SINK=dynamodb"] });
        assert.deepStrictEqual(readConfig({}), { errors: ['SINK undefined must be "s3" or "dynamodb"'] });
    });

    it("a bad configuration fails the whole invocation before any write", async () => {
        let writes = 0;
        const { log } = capture();
        const run = createHandler({
            config: { errors: ["SINK x"] },
            write: async () => {
                writes++;
                return { target: "", duplicates: 0 };
            },
            log,
        });
        await assert.rejects(run({ Records: [record(reading("a"))] }), /ingest configuration: SINK x/);
        assert.strictEqual(writes, 0);
    });
});

describe("functions/ingest to S3 (s3rver)", () => {
    let s3: LocalS3;
    const BUCKET = "readings-raw";
    let bucketSeq = 0;

    before(async () => {
        s3 = await startS3();
    });
    after(() => s3.stop());

    /** A fresh bucket per test, so each test sees only its own objects. */
    async function bucket(): Promise<string> {
        const name = `${BUCKET}-${++bucketSeq}`;
        await s3.createBucket(name);
        return name;
    }

    it("writes valid records under partitioned keys, skips malformed ones with a warning and reports no failure", async () => {
        const name = await bucket();
        const { lines, log } = capture();
        const good1 = record(reading("sensor-1"));
        const bad = record("%%%");
        const good2 = record(reading("sensor-2"), 1795603600.5);
        const run = createHandler({
            config: { sink: "s3", bucket: name, prefix: "readings", layout: "record" },
            write: s3Writer(s3.s3, name, "readings"),
            log,
        });
        const out = await run({ Records: [TEMPLATE, good1, bad, good2] });
        assert.deepStrictEqual(out, { batchItemFailures: [] });
        assert.deepStrictEqual(await s3.keys(name), [
            `readings/year=2026/month=11/day=25/hour=09/sensor-1-${seqOf(good1)}.json`,
            `readings/year=2026/month=11/day=25/hour=10/sensor-2-${seqOf(good2)}.json`,
        ]);
        const stored = JSON.parse((await s3.get(name, (await s3.keys(name))[0])).body.toString());
        assert.deepStrictEqual(stored, {
            deviceId: "sensor-1",
            timestamp: "2026-11-26T12:00:00.000Z",
            metrics: { temperature: 21.5, humidity: 40 },
            sequenceNumber: seqOf(good1),
            shardId: "shardId-000000000006",
            arrivedAt: "2026-11-25T09:46:40.123Z",
        });
        const skipped = lines.filter((l) => l.message === "record skipped");
        assert.deepStrictEqual(
            skipped.map((l) => [l.level, l.fields?.sequenceNumber, l.fields?.reason]),
            [
                ["warn", seqOf(TEMPLATE), "data is not JSON"],
                ["warn", seqOf(bad), "data is not base64"],
            ],
        );
        assert.deepStrictEqual(lines.find((l) => l.message === "batch")?.fields, { records: 4, written: 2, skipped: 2, duplicates: 0, sink: "s3" });
    });

    const batchHandler = (name: string, client: Pick<S3Client, "send"> = s3.s3) =>
        createHandler({ config: { sink: "s3", bucket: name, prefix: "b", layout: "batch" }, write: s3Writer(client, name, "b", "batch"), log: capture().log });
    const lineCounts = async (name: string) =>
        Promise.all(
            (await s3.keys(name)).map(async (k) => [k.split("/").slice(1).join("/"), (await s3.get(name, k)).body.toString().trim().split("\n").length]),
        );

    it("the batch layout writes one NDJSON object per run of a partition, named after the run's first record", async () => {
        const name = await bucket();
        const h9 = [record(reading("a")), record(reading("b"))];
        const bad = record(b64("{}"));
        const h9b = record(reading("c"));
        const h10 = record(reading("d"), 1795603600);
        assert.deepStrictEqual(await batchHandler(name)({ Records: [...h9, bad, h9b, h10] }), { batchItemFailures: [] });
        assert.deepStrictEqual(await lineCounts(name), [
            [`year=2026/month=11/day=25/hour=09/shardId-000000000006-${seqOf(h9[0])}.ndjson`, 3],
            [`year=2026/month=11/day=25/hour=10/shardId-000000000006-${seqOf(h10)}.ndjson`, 1],
        ]);
        const first = JSON.parse((await s3.get(name, (await s3.keys(name))[0])).body.toString().split("\n")[0]);
        assert.deepStrictEqual([first.deviceId, first.sequenceNumber], ["a", seqOf(h9[0])]);
    });

    it("in the batch layout a failed run reports its first record, and the retry from it rewrites the same object", async () => {
        const name = await bucket();
        const h9 = record(reading("a"));
        const h10 = [record(reading("b"), 1795603600), record(reading("c"), 1795603601)];
        const h11 = record(reading("d"), 1795607200);
        let failNext = true;
        const flaky = {
            send: (command: { input: { Key?: string } }) => {
                if (failNext && command.input.Key?.includes("hour=10")) {
                    failNext = false;
                    return Promise.reject(Object.assign(new Error("internal error"), { name: "InternalError" }));
                }
                return s3.s3.send(command as never);
            },
        } as unknown as S3Client;
        const run = batchHandler(name, flaky);
        assert.deepStrictEqual(await run({ Records: [h9, ...h10, h11] }), { batchItemFailures: [{ itemIdentifier: seqOf(h10[0]) }] });
        assert.deepStrictEqual((await lineCounts(name)).length, 1);
        // Lambda's retry starts at the reported record.
        assert.deepStrictEqual(await run({ Records: [...h10, h11] }), { batchItemFailures: [] });
        assert.deepStrictEqual(
            (await lineCounts(name)).map(([k, n]) => [String(k).split("/")[3], n]),
            [
                ["hour=09", 1],
                ["hour=10", 2],
                ["hour=11", 1],
            ],
        );
    });

    it("a replayed batch overwrites the same objects instead of adding any", async () => {
        const name = await bucket();
        const { log } = capture();
        const run = createHandler({ config: { sink: "s3", bucket: name, prefix: "p", layout: "record" }, write: s3Writer(s3.s3, name, "p"), log });
        const batch = { Records: [record(reading("a")), record(reading("b"))] };
        await run(batch);
        const first = await s3.keys(name);
        assert.deepStrictEqual(await run(structuredClone(batch)), { batchItemFailures: [] });
        assert.deepStrictEqual([first.length, await s3.keys(name)], [2, first]);
    });

    it("a write forced to fail reports exactly that record's sequence number; records before it are written, none after it", async () => {
        const name = await bucket();
        const { lines, log } = capture();
        const before = record(reading("a"));
        const failing = record(reading("b"));
        const malformed = record(b64("{"));
        const later = record(reading("c"));
        const flaky = {
            send: (command: { input: { Key?: string } }) =>
                command.input.Key?.includes(seqOf(failing))
                    ? Promise.reject(Object.assign(new Error("Please reduce your request rate."), { name: "SlowDown" }))
                    : s3.s3.send(command as never),
        } as unknown as S3Client;
        const run = createHandler({ config: { sink: "s3", bucket: name, prefix: "p", layout: "record" }, write: s3Writer(flaky, name, "p"), log });
        const out = await run({ Records: [before, failing, malformed, later] });
        assert.deepStrictEqual(out, { batchItemFailures: [{ itemIdentifier: seqOf(failing) }] });
        assert.deepStrictEqual(
            (await s3.keys(name)).map((k) => k.split("/").pop()),
            [`a-${seqOf(before)}.json`],
        );
        const failed = lines.find((l) => l.message === "record failed");
        assert.deepStrictEqual([failed?.fields?.error, failed?.fields?.sequenceNumber], ["SlowDown", seqOf(failing)]);
    });

    it("a bucket that does not exist reports the first valid record, after skipping the malformed one before it", async () => {
        const { log } = capture();
        const malformed = record(b64("null"));
        const first = record(reading("a"));
        const run = createHandler({
            config: { sink: "s3", bucket: "no-such-bucket", prefix: "p", layout: "record" },
            write: s3Writer(s3.s3, "no-such-bucket", "p"),
            log,
        });
        assert.deepStrictEqual(await run({ Records: [malformed, first, record(reading("b"))] }), { batchItemFailures: [{ itemIdentifier: seqOf(first) }] });
    });
});

describe("functions/ingest to DynamoDB (dynalite)", () => {
    let dynamo: LocalDynamo;
    let db: DynamoDBDocumentClient;
    const table = `readings-${process.pid}`;

    before(async () => {
        dynamo = await useDynamo([]);
        const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
        db = DynamoDBDocumentClient.from(raw);
        await raw.send(
            new CreateTableCommand({
                TableName: table,
                AttributeDefinitions: [
                    { AttributeName: "deviceId", AttributeType: "S" },
                    { AttributeName: "timestamp", AttributeType: "S" },
                ],
                KeySchema: [
                    { AttributeName: "deviceId", KeyType: "HASH" },
                    { AttributeName: "timestamp", KeyType: "RANGE" },
                ],
                BillingMode: "PAY_PER_REQUEST",
            }),
        );
    });
    after(() => dynamo.release());

    const item = async (deviceId: string, timestamp: string) => (await db.send(new GetCommand({ TableName: table, Key: { deviceId, timestamp } }))).Item;
    const count = async () => (await db.send(new ScanCommand({ TableName: table, Select: "COUNT" }))).Count;
    const handlerOn = (client: Pick<DynamoDBDocumentClient, "send">, log = capture().log) =>
        createHandler({ config: { sink: "dynamodb", table }, write: dynamoWriter(client, table), log });

    it("puts each valid reading keyed by deviceId and timestamp and skips malformed records", async () => {
        const r = record(reading("d-1", "2026-11-26T12:00:00+02:00", { v: 1 }));
        const out = await handlerOn(db)({ Records: [r, record(b64("not json")), record(reading("d-2", undefined, { v: 2 }))] });
        assert.deepStrictEqual(out, { batchItemFailures: [] });
        assert.deepStrictEqual(await item("d-1", "2026-11-26T10:00:00.000Z"), {
            deviceId: "d-1",
            timestamp: "2026-11-26T10:00:00.000Z",
            metrics: { v: 1 },
            sequenceNumber: seqOf(r),
            shardId: "shardId-000000000006",
            arrivedAt: "2026-11-25T09:46:40.123Z",
        });
        assert.strictEqual(await count(), 2);
    });

    it("a replay and a producer's retried record (same reading, new sequence number) keep the first item and count as duplicates", async () => {
        const { lines, log } = capture();
        const first = record(reading("d-3", undefined, { v: 1 }));
        await handlerOn(db)({ Records: [first] });
        const retried = record(reading("d-3", undefined, { v: 1 }));
        const out = await handlerOn(db, log)({ Records: [first, retried] });
        assert.deepStrictEqual(out, { batchItemFailures: [] });
        assert.strictEqual((await item("d-3", "2026-11-26T12:00:00.000Z"))?.sequenceNumber, seqOf(first));
        assert.strictEqual(lines.find((l) => l.message === "batch")?.fields?.duplicates, 2);
    });

    it("a write forced to fail reports exactly that record's sequence number and writes nothing after it", async () => {
        const before = record(reading("d-4"));
        const failing = record(reading("d-5"));
        const later = record(reading("d-6"));
        const flaky = {
            send: (command: { input: { Item?: { deviceId?: string } } }) =>
                command.input.Item?.deviceId === "d-5"
                    ? Promise.reject(Object.assign(new Error("Throughput exceeds the current capacity"), { name: "ProvisionedThroughputExceededException" }))
                    : db.send(command as never),
        } as unknown as DynamoDBDocumentClient;
        const out = await handlerOn(flaky)({ Records: [before, failing, later] });
        assert.deepStrictEqual(out, { batchItemFailures: [{ itemIdentifier: seqOf(failing) }] });
        assert.deepStrictEqual(
            [
                !!(await item("d-4", "2026-11-26T12:00:00.000Z")),
                !!(await item("d-5", "2026-11-26T12:00:00.000Z")),
                !!(await item("d-6", "2026-11-26T12:00:00.000Z")),
            ],
            [true, false, false],
        );
    });

    it("a table that does not exist reports the first valid record", async () => {
        const first = record(reading("d-7"));
        const run = createHandler({ config: { sink: "dynamodb", table: "no-such-table" }, write: dynamoWriter(db, "no-such-table"), log: capture().log });
        assert.deepStrictEqual(await run({ Records: [record(""), first] }), { batchItemFailures: [{ itemIdentifier: seqOf(first) }] });
    });

    it("the Lambda entry point reads SINK and TABLE_NAME and the SDK environment", async () => {
        const saved = { SINK: process.env.SINK, TABLE_NAME: process.env.TABLE_NAME, LOG_LEVEL: process.env.LOG_LEVEL };
        Object.assign(process.env, { SINK: "dynamodb", TABLE_NAME: table, LOG_LEVEL: "error" });
        try {
            const { handler } = await import("../../../functions/ingest");
            const r = record(reading("d-8"));
            assert.deepStrictEqual(await handler({ Records: [r] }), { batchItemFailures: [] });
            assert.strictEqual((await item("d-8", "2026-11-26T12:00:00.000Z"))?.sequenceNumber, seqOf(r));
        } finally {
            for (const [k, v] of Object.entries(saved)) {
                if (v === undefined) delete process.env[k];
                else process.env[k] = v;
            }
        }
    });
});
