/**
 * The items table's stream processor (functions/stream): DynamoDB Streams records as Lambda delivers them (INSERT,
 * MODIFY, REMOVE, TTL deletion, in DynamoDB JSON) applied to a tag index table on a real DynamoDB API (dynalite), with
 * partial batch failures for a malformed record and for a write that fails.
 */
import * as assert from "node:assert";
import { type AttributeValue, CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { WRITES_IN_FLIGHT, createProcessor } from "../../functions/stream/api";
import { type StreamRecord, plan } from "../../functions/stream/core";
import type { Level } from "../../functions/shared/log";
import { type LocalDynamo, useDynamo } from "./items-harness";

const ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/items/stream/2026-11-25T10:00:00.000";
const A = "0f8fad5b-d9cb-469f-a165-70867728950e";
const B = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

/** Shard sequence numbers are decimal strings of about 21 digits: beyond a double's precision, hence a bigint. */
let seq = 100000000000000000000n;

/** A stream record shaped like the ones Lambda delivers (event version 1.1, NEW_AND_OLD_IMAGES). */
function record(
    eventName: "INSERT" | "MODIFY" | "REMOVE",
    id: string,
    images: { NewImage?: Record<string, AttributeValue>; OldImage?: Record<string, AttributeValue> },
    extra: Partial<StreamRecord> = {},
): StreamRecord {
    seq += 100n;
    return {
        eventID: `e${seq}`,
        eventName,
        eventVersion: "1.1",
        eventSource: "aws:dynamodb",
        awsRegion: "us-east-1",
        dynamodb: {
            ApproximateCreationDateTime: 1795600000,
            Keys: { id: { S: id } },
            ...images,
            SequenceNumber: String(seq),
            SizeBytes: 120,
            StreamViewType: "NEW_AND_OLD_IMAGES",
        },
        eventSourceARN: ARN,
        ...extra,
    } as StreamRecord;
}

/** An items-table image in DynamoDB JSON, as the items API writes it. */
function image(id: string, version: number, tags: string[] | undefined, name = `item ${id.slice(0, 4)}`): Record<string, AttributeValue> {
    return {
        id: { S: id },
        name: { S: name },
        version: { N: String(version) },
        createdAt: { S: "2026-11-25T10:00:00.000Z" },
        updatedAt: { S: "2026-11-25T10:00:00.000Z" },
        requestDigest: { S: "abc" },
        ...(tags === undefined ? {} : { tags: { L: tags.map((t) => ({ S: t })) } }),
    };
}

describe("functions/stream core", () => {
    it("an INSERT puts one entry per tag, with the new version", () => {
        const p = plan(record("INSERT", A, { NewImage: image(A, 1, ["red", "red", "big"]) }));
        assert.ok(p.ok);
        assert.deepStrictEqual(
            p.change.put.map((x) => x.tag),
            ["red", "big"],
        );
        assert.deepStrictEqual(p.change.remove, []);
        assert.strictEqual(p.change.version, 1);
    });

    it("a MODIFY into a tombstone (the items API's DELETE) removes every tag of the old image, at the tombstone's version", () => {
        const tombstone = { id: { S: A }, version: { N: "3" }, createdAt: { S: "2026-11-25T10:00:00.000Z" }, deletedAt: { S: "2026-11-26T10:00:00.000Z" } };
        const p = plan(record("MODIFY", A, { OldImage: image(A, 2, ["red", "big"]), NewImage: tombstone }));
        assert.ok(p.ok, JSON.stringify(p));
        assert.deepStrictEqual([p.change.put, p.change.remove, p.change.version], [[], ["red", "big"], 3]);
    });

    it("the sweeper's purge of a tombstone (a REMOVE) changes nothing in the index", () => {
        const tombstone = { id: { S: A }, version: { N: "3" }, deletedAt: { S: "2026-11-26T10:00:00.000Z" } };
        const p = plan(record("REMOVE", A, { OldImage: tombstone }));
        assert.ok(p.ok, JSON.stringify(p));
        assert.deepStrictEqual([p.change.put, p.change.remove], [[], []]);
    });

    it("a MODIFY removes the tags the new image dropped", () => {
        const p = plan(record("MODIFY", A, { OldImage: image(A, 1, ["red", "big"]), NewImage: image(A, 2, ["big", "new"]) }));
        assert.ok(p.ok);
        assert.deepStrictEqual(p.change.remove, ["red"]);
    });

    it("a MODIFY that keeps the name puts only the tags the old image lacked", () => {
        const p = plan(record("MODIFY", A, { OldImage: image(A, 1, ["red", "big"], "apple"), NewImage: image(A, 2, ["big", "red", "new"], "apple") }));
        assert.ok(p.ok);
        assert.deepStrictEqual(
            p.change.put.map((x) => x.tag),
            ["new"],
        );
    });

    it("a MODIFY that changes only the price writes nothing", () => {
        const p = plan(record("MODIFY", A, { OldImage: image(A, 1, ["red", "big"], "apple"), NewImage: image(A, 2, ["red", "big"], "apple") }));
        assert.ok(p.ok);
        assert.deepStrictEqual([p.change.put, p.change.remove], [[], []]);
    });

    it("a MODIFY that renames the item puts every tag again, with the new name", () => {
        const p = plan(record("MODIFY", A, { OldImage: image(A, 1, ["red", "big"], "apple"), NewImage: image(A, 2, ["red", "big"], "pear") }));
        assert.ok(p.ok);
        assert.deepStrictEqual(p.change.put, [
            { tag: "red", name: "pear" },
            { tag: "big", name: "pear" },
        ]);
    });

    it("a REMOVE by TTL removes every tag at the old version and is marked expired", () => {
        const p = plan(
            record("REMOVE", A, { OldImage: image(A, 3, ["a", "b"]) }, { userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" } }),
        );
        assert.ok(p.ok);
        assert.deepStrictEqual(p.change.remove, ["a", "b"]);
        assert.strictEqual(p.change.version, 3);
        assert.strictEqual(p.change.expired, true);
    });

    const bad: [string, () => StreamRecord, RegExp][] = [
        [
            "an unknown attribute type",
            () => record("INSERT", A, { NewImage: { ...image(A, 1, []), x: { X: "?" } as unknown as AttributeValue } }),
            /not DynamoDB JSON/,
        ],
        ["a version that is not a number", () => record("INSERT", A, { NewImage: { ...image(A, 1, []), version: { N: "abc" } } }), /version/],
        ["tags that are not strings", () => record("INSERT", A, { NewImage: { ...image(A, 1, []), tags: { L: [{ N: "1" }] } } }), /tags/],
        ["a MODIFY without its old image (KEYS_ONLY or NEW_IMAGE view)", () => record("MODIFY", A, { NewImage: image(A, 2, []) }), /OldImage missing/],
        ["an unknown event name", () => ({ ...record("INSERT", A, { NewImage: image(A, 1, []) }), eventName: "UPSERT" }), /eventName/],
        ["images of two different items", () => record("MODIFY", A, { OldImage: image(B, 1, []), NewImage: image(A, 2, []) }), /differ/],
    ];
    for (const [title, make, reason] of bad)
        it(`refuses a record with ${title}`, () => {
            const p = plan(make());
            assert.ok(!p.ok);
            assert.match(p.reason, reason);
        });
});

describe("functions/stream against dynalite", () => {
    let dynamo: LocalDynamo;
    let db: DynamoDBDocumentClient;
    let table: string;
    const lines: { level: Level; message: string; fields?: Record<string, unknown> }[] = [];
    const log = { log: (level: Level, message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields }) };

    before(async () => {
        dynamo = await useDynamo([]);
        const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
        db = DynamoDBDocumentClient.from(raw);
        table = `tag-index-${process.pid}`;
        await raw.send(
            new CreateTableCommand({
                TableName: table,
                AttributeDefinitions: [
                    { AttributeName: "tag", AttributeType: "S" },
                    { AttributeName: "itemId", AttributeType: "S" },
                ],
                KeySchema: [
                    { AttributeName: "tag", KeyType: "HASH" },
                    { AttributeName: "itemId", KeyType: "RANGE" },
                ],
                BillingMode: "PAY_PER_REQUEST",
            }),
        );
    });
    after(() => dynamo.release());
    beforeEach(() => {
        lines.length = 0;
    });

    const entries = async () =>
        ((await db.send(new ScanCommand({ TableName: table }))).Items ?? []).map((i) => `${i.tag}/${(i.itemId as string).slice(0, 4)}@${i.version}`).sort();
    const byTag = async (tag: string) =>
        ((await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: "tag = :t", ExpressionAttributeValues: { ":t": tag } }))).Items ?? []).map(
            (i) => i.name,
        );

    it("applies INSERT, MODIFY and REMOVE in order and answers no failures", async () => {
        const run = createProcessor({ db, tableName: table, log });
        const out = await run({
            Records: [
                record("INSERT", A, { NewImage: image(A, 1, ["red", "big"], "apple") }),
                record("INSERT", B, { NewImage: image(B, 1, ["red"], "cherry") }),
                record("MODIFY", A, { OldImage: image(A, 1, ["red", "big"], "apple"), NewImage: image(A, 2, ["big", "green"], "green apple") }),
                record("REMOVE", B, { OldImage: image(B, 1, ["red"], "cherry") }),
            ],
        });
        assert.deepStrictEqual(out, { batchItemFailures: [] });
        assert.deepStrictEqual(await entries(), ["big/0f8f@2", "green/0f8f@2"]);
        assert.deepStrictEqual(await byTag("big"), ["green apple"]);
        assert.deepStrictEqual(
            lines.filter((l) => l.message === "change").map((l) => l.fields?.eventName),
            ["INSERT", "INSERT", "MODIFY", "REMOVE"],
        );
    });

    it("a replayed batch changes nothing and its writes are counted as replays", async () => {
        const run = createProcessor({ db, tableName: table, log });
        const before = await entries();
        const out = await run({
            Records: [record("MODIFY", A, { OldImage: image(A, 1, ["red", "big"], "apple"), NewImage: image(A, 2, ["big", "green"], "green apple") })],
        });
        assert.deepStrictEqual(out, { batchItemFailures: [] });
        assert.deepStrictEqual(await entries(), before);
        assert.strictEqual(lines.find((l) => l.message === "change")?.fields?.replayedWrites, 2);
    });

    it("an older record does not overwrite a newer entry", async () => {
        const run = createProcessor({ db, tableName: table, log });
        await run({ Records: [record("INSERT", A, { NewImage: image(A, 1, ["big"], "stale name") })] });
        assert.deepStrictEqual(await byTag("big"), ["green apple"]);
    });

    it("reports a malformed record by its SequenceNumber, keeps the records before it and leaves those after it for the retry", async () => {
        const run = createProcessor({ db, tableName: table, log });
        const ok = record("INSERT", B, { NewImage: image(B, 1, ["blue"], "berry") });
        const broken = record("INSERT", B, { NewImage: { ...image(B, 1, []), version: { S: "one" } } });
        const after = record("MODIFY", A, { OldImage: image(A, 2, ["big", "green"]), NewImage: image(A, 3, ["purple"]) });
        const out = await run({ Records: [ok, broken, after] });
        assert.notStrictEqual(broken.dynamodb?.SequenceNumber, ok.dynamodb?.SequenceNumber);
        assert.deepStrictEqual(out, { batchItemFailures: [{ itemIdentifier: broken.dynamodb?.SequenceNumber }] });
        assert.deepStrictEqual(await entries(), ["big/0f8f@2", "blue/7c9e@1", "green/0f8f@2"]);
        const refused = lines.find((l) => l.message === "record refused");
        assert.strictEqual(refused?.fields?.position, 1);
        assert.match(String(refused?.fields?.reason), /version/);
    });

    it("reports the record whose write fails (no such table) and nothing after it", async () => {
        const run = createProcessor({ db, tableName: "no-such-table", log });
        const first = record("INSERT", A, { NewImage: image(A, 9, ["x"]) });
        const out = await run({ Records: [first, record("INSERT", B, { NewImage: image(B, 9, ["y"]) })] });
        assert.deepStrictEqual(out, { batchItemFailures: [{ itemIdentifier: first.dynamodb?.SequenceNumber }] });
        assert.strictEqual(lines.filter((l) => l.message === "record failed").length, 1);
    });

    it("the Lambda entry point reads TABLE_NAME and the SDK environment", async () => {
        const saved = process.env.TABLE_NAME;
        process.env.TABLE_NAME = table;
        process.env.LOG_LEVEL = "error";
        try {
            const { handler } = await import("../../functions/stream");
            const out = await handler({ Records: [record("REMOVE", A, { OldImage: image(A, 2, ["big", "green"]) })] });
            assert.deepStrictEqual(out, { batchItemFailures: [] });
            assert.deepStrictEqual(await entries(), ["blue/7c9e@1"]);
        } finally {
            if (saved === undefined) delete process.env.TABLE_NAME;
            else process.env.TABLE_NAME = saved;
            delete process.env.LOG_LEVEL;
        }
    });

    /** The client, counting sends and the most in flight at once; each send waits `delayMs` first. */
    function counting(delayMs = 0) {
        const stats = { sends: 0, inFlight: 0, maxInFlight: 0, order: [] as string[] };
        const client = {
            send: async (command: { input: { Item?: { tag?: string }; Key?: { tag?: string } } }) => {
                stats.sends++;
                stats.inFlight++;
                stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
                try {
                    await new Promise((r) => setTimeout(r, delayMs));
                    const out = await db.send(command as never);
                    stats.order.push(`${command.input.Item === undefined ? "delete" : "put"} ${command.input.Item?.tag ?? command.input.Key?.tag}`);
                    return out;
                } finally {
                    stats.inFlight--;
                }
            },
        } as unknown as DynamoDBDocumentClient;
        return { client, stats };
    }

    it("a price edit (tags and name unchanged) sends no write and keeps the entries", async () => {
        const C = "11111111-2222-4333-8444-555555555555";
        await createProcessor({ db, tableName: table, log })({ Records: [record("INSERT", C, { NewImage: image(C, 1, ["p1", "p2"], "plum") })] });
        const { client, stats } = counting();
        const out = await createProcessor({ db: client, tableName: table, log })({
            Records: [record("MODIFY", C, { OldImage: image(C, 1, ["p1", "p2"], "plum"), NewImage: image(C, 2, ["p1", "p2"], "plum") })],
        });
        assert.deepStrictEqual([out, stats.sends], [{ batchItemFailures: [] }, 0]);
        assert.deepStrictEqual(await byTag("p2"), ["plum"]);
        // The entries stay at version 1; a later deletion at version 3 still removes them (`version <= :v`).
        await createProcessor({ db, tableName: table, log })({ Records: [record("REMOVE", C, { OldImage: image(C, 3, ["p1", "p2"], "plum") })] });
        assert.deepStrictEqual([await byTag("p1"), await byTag("p2")], [[], []]);
    });

    it("one record's writes are in flight together, never more than WRITES_IN_FLIGHT", async () => {
        const D = "21111111-2222-4333-8444-555555555555";
        const tags = Array.from({ length: 20 }, (_, i) => `w${i}`);
        const { client, stats } = counting(20);
        const run = createProcessor({ db: client, tableName: table, log });
        await run({ Records: [record("INSERT", D, { NewImage: image(D, 1, tags, "wide") })] });
        assert.strictEqual(stats.sends, 20);
        assert.ok(stats.maxInFlight > 1 && stats.maxInFlight <= WRITES_IN_FLIGHT, `max in flight ${stats.maxInFlight}`);
        const more = Array.from({ length: 40 }, (_, i) => `x${i}`);
        const many = counting(5);
        await createProcessor({ db: many.client, tableName: table, log })({
            Records: [record("MODIFY", D, { OldImage: image(D, 1, tags, "wide"), NewImage: image(D, 2, more, "wide") })],
        });
        assert.deepStrictEqual([many.stats.sends, many.stats.maxInFlight], [60, WRITES_IN_FLIGHT]);
    });

    it("records of the same item in one batch are applied in order: a tag removed then re-added ends present", async () => {
        const E = "31111111-2222-4333-8444-555555555555";
        const { client, stats } = counting(5);
        const out = await createProcessor({ db: client, tableName: table, log })({
            Records: [
                record("INSERT", E, { NewImage: image(E, 1, ["o1", "o2"], "olive") }),
                record("MODIFY", E, { OldImage: image(E, 1, ["o1", "o2"], "olive"), NewImage: image(E, 2, ["o2"], "olive") }),
                record("MODIFY", E, { OldImage: image(E, 2, ["o2"], "olive"), NewImage: image(E, 3, ["o2", "o1"], "olive") }),
            ],
        });
        assert.deepStrictEqual(out, { batchItemFailures: [] });
        assert.deepStrictEqual(stats.order.slice(2), ["delete o1", "put o1"]);
        assert.deepStrictEqual(await byTag("o1"), ["olive"]);
    });

    it("the info audit line counts the tags; their text is logged at debug only", async () => {
        const F = "41111111-2222-4333-8444-555555555555";
        await createProcessor({ db, tableName: table, log })({ Records: [record("INSERT", F, { NewImage: image(F, 1, ["secret-tag", "t2"], "fig") })] });
        const info = lines.filter((l) => l.level === "info");
        assert.deepStrictEqual(
            info.map((l) => [l.message, l.fields?.tagsPut, l.fields?.tagsRemoved]),
            [["change", 2, 0]],
        );
        assert.ok(!JSON.stringify(info).includes("secret-tag"));
        assert.ok(lines.some((l) => l.level === "debug" && JSON.stringify(l.fields).includes("secret-tag")));
    });

    it("without TABLE_NAME, the first record fails (the error logged) and nothing is written", async () => {
        const { client, stats } = counting();
        const first = record("INSERT", A, { NewImage: image(A, 20, ["z"]) });
        const out = await createProcessor({ db: client, tableName: undefined, log })({
            Records: [first, record("INSERT", B, { NewImage: image(B, 20, ["z"]) })],
        });
        assert.deepStrictEqual([out, stats.sends], [{ batchItemFailures: [{ itemIdentifier: first.dynamodb?.SequenceNumber }] }, 0]);
        assert.deepStrictEqual(
            lines.filter((l) => l.level === "error").map((l) => [l.message, l.fields?.error]),
            [["record failed", "Error"]],
        );
    });

    it("a write rejected with null (not an Error) fails its record instead of crashing the batch", async () => {
        const client = { send: () => Promise.reject(null) } as unknown as DynamoDBDocumentClient;
        const only = record("INSERT", A, { NewImage: image(A, 21, ["n"]) });
        const out = await createProcessor({ db: client, tableName: table, log })({ Records: [only] });
        assert.deepStrictEqual(out, { batchItemFailures: [{ itemIdentifier: only.dynamodb?.SequenceNumber }] });
        assert.strictEqual(lines.find((l) => l.message === "record failed")?.fields?.error, "Error");
    });
});
