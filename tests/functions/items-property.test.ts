/**
 * Generated malformed requests against the items handler and a real DynamoDB API (dynalite): bodies, paths, queries and
 * headers that are each broken in one way, sent once as HTTP API events (payload 2.0) and once as REST API Lambda proxy
 * events (payload 1.0, header names in the client's case, a `/{proxy+}` or `/items/{id}` resource), plus 1.0-only
 * shapes (values sent twice through the multi-value maps, base64 bodies). Every answer must be a 4xx JSON refusal (never a 2xx, a 5xx or a throw) and
 * nothing may be written: the table's item count and a seeded item stay as they were.
 *
 * The seed is fixed and printed (override with ITEMS_SEED); ITEMS_RUNS scales the runs per target.
 */
import * as assert from "node:assert";
import fc from "fast-check";
import { type ApiEvent, requestOf } from "../../functions/shared/http";
import { ITEMS_TABLE, type LocalDynamo, httpEvent, restEvent, useItemsApi } from "./items-harness";

const SEED = Number(process.env.ITEMS_SEED ?? 20261126);
const RUNS = Number(process.env.ITEMS_RUNS ?? 250);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;
const ITEM_FIELDS = ["name", "description", "price", "tags"];

const isPlainObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
const notJsonObject = (s: string) => {
    try {
        return !isPlainObject(JSON.parse(s));
    } catch {
        return true;
    }
};

/** A value that is not of the field's type, or breaks its bounds (JSON.stringify turns NaN/Infinity into null: also wrong). */
const wrongValue: Record<string, fc.Arbitrary<unknown>> = {
    name: fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string()),
        fc.constant(""),
        fc.constant("   "),
        fc.string({ minLength: 201, maxLength: 300 }),
        fc.constant("tab\there"),
    ),
    description: fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.dictionary(fc.string(), fc.string()),
        fc.string({ minLength: 2001, maxLength: 2100 }),
    ),
    price: fc.oneof(
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
        fc.double({ min: 1_000_000_001, noNaN: true }),
        fc.constant(Number.NaN),
    ),
    tags: fc.oneof(
        fc.string(),
        fc.integer(),
        fc.constant(null),
        fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.constant("")), { minLength: 1 }),
        fc.array(fc.constant("t"), { minLength: 2, maxLength: 3 }),
        fc.uniqueArray(
            fc.string({ minLength: 1, maxLength: 5 }).filter((s) => s.trim() !== ""),
            { minLength: 21, maxLength: 25 },
        ),
    ),
};

/** A request body broken in one way; `extra` is the non-item key the route accepts (clientToken or version). */
function badBody(extra: string): fc.Arbitrary<string> {
    const base = { name: "base" };
    return fc.oneof(
        fc.string().filter(notJsonObject),
        fc
            .jsonValue()
            .map((v) => JSON.stringify(v) ?? "")
            .filter(notJsonObject),
        fc.constantFrom(...ITEM_FIELDS).chain((field) => wrongValue[field].map((v) => JSON.stringify({ ...base, [field]: v }))),
        fc
            .tuple(
                fc.string().filter((k) => k !== "__proto__" && !ITEM_FIELDS.includes(k) && k !== extra),
                fc.jsonValue(),
            )
            .map(([k, v]) => JSON.stringify({ ...base, [k]: v })),
        fc.integer({ min: 16 * 1024, max: 20 * 1024 }).map((n) => JSON.stringify({ ...base, description: "x".repeat(n) })),
        // A well-formed body that lacks the required name.
        fc.constantFrom("{}", '{"description":"no name"}'),
    );
}

const badToken = fc.oneof(
    fc.string().filter((s) => !TOKEN.test(s)),
    fc.string({ minLength: 129, maxLength: 140, unit: fc.constantFrom("a", "1") }),
);
const badIfMatch = fc.oneof(
    fc.string().filter((s) => !/^\s*"?[1-9][0-9]{0,14}"?\s*$/.test(s)),
    fc.constantFrom("0", '"0"', "*", 'W/"1"', "-1", "1.5", "9999999999999999"),
);
const badContentType = fc.oneof(
    fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/jsonx"),
    fc.string().filter((s) => !/^application\/json\s*(;|$)/i.test(s)),
);

/** The same request as a REST API event: the API's own resources where they match, else the greedy `/{proxy+}`. */
const restFor = (method: string, path: string, options: Parameters<typeof restEvent>[2] = {}) =>
    restEvent(method, path, { ...options, resource: /^\/items(\/[^/]+)?$/.test(path) ? "routes" : "proxy" });

const FORMATS: { format: "2.0" | "1.0"; event: (method: string, path: string, options?: Parameters<typeof httpEvent>[2]) => ApiEvent }[] = [
    { format: "2.0", event: httpEvent },
    { format: "1.0", event: restFor },
];

for (const { format, event: httpEvent } of FORMATS)
    describe(`functions/items: generated malformed requests, payload ${format} (seed ${SEED}, ${RUNS} runs per target)`, function () {
        this.timeout(60_000);
        let dynamo: LocalDynamo;
        let call: (e: ApiEvent) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
        let seeded: { id: string; version: number };
        let seededText: string;
        /** The item count after the last request that passed every check; unknown after a failure (fast-check then shrinks). */
        let known: number | undefined;
        let total = 0;

        before(async () => {
            console.log(`      items property seed: ${SEED} (ITEMS_SEED), runs per target: ${RUNS} (ITEMS_RUNS)`);
            const api = await useItemsApi();
            dynamo = api.dynamo;
            call = api.items.handler;
            const created = await call(httpEvent("POST", "/items", { body: JSON.stringify({ name: "seeded", price: 1, tags: ["a"] }) }));
            assert.strictEqual(created.statusCode, 201);
            seeded = JSON.parse(created.body);
            seededText = created.body;
        });
        after(async () => {
            console.log(`      items property (payload ${format}): ${total} malformed requests, all refused with 4xx`);
            // The seeded item is exactly as created: no PUT or DELETE reached it.
            const now = await call(httpEvent("GET", `/items/${seeded.id}`));
            assert.strictEqual(now.body, seededText);
            dynamo?.release();
        });

        /**
         * Sends the event, asserts a 4xx JSON refusal with a message, and that the item count did not change. The count
         * before is the one after the previous request when that one passed (nothing runs in between): one Scan per
         * request instead of two.
         */
        async function refused(event: ApiEvent): Promise<void> {
            const before = known ?? (await dynamo.count(ITEMS_TABLE));
            known = undefined;
            const r = await call(event);
            total++;
            const { method, path } = requestOf(event);
            assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${method} ${path} (payload ${format}) answered ${r.statusCode}: ${r.body}`);
            assert.match(r.headers["content-type"], /^application\/json/);
            assert.strictEqual(typeof JSON.parse(r.body).message, "string");
            const after = await dynamo.count(ITEMS_TABLE);
            assert.strictEqual(after, before, "nothing written");
            known = after;
        }

        it("POST /items with a malformed body, token or content-type answers 4xx and creates nothing", async () => {
            const event = fc.oneof(
                badBody("clientToken").map((body) => httpEvent("POST", "/items", { body })),
                badToken.map((t) => httpEvent("POST", "/items", { body: '{"name":"ok"}', headers: { "idempotency-key": t } })),
                badToken.map((t) => httpEvent("POST", "/items", { body: JSON.stringify({ name: "ok", clientToken: t }) })),
                badContentType.map((ct) => httpEvent("POST", "/items", { body: '{"name":"ok"}', headers: { "content-type": ct } })),
            );
            await fc.assert(fc.asyncProperty(event, refused), { seed: SEED, numRuns: RUNS });
        });

        it("PUT /items/{id} of an existing item with a malformed body or If-Match answers 4xx and changes nothing", async () => {
            const path = () => `/items/${seeded.id}`;
            const event = fc.oneof(
                badBody("version").map((body) => httpEvent("PUT", path(), { body, headers: { "if-match": `"${seeded.version}"` } })),
                badIfMatch.map((m) => httpEvent("PUT", path(), { body: '{"name":"ok"}', headers: { "if-match": m } })),
                badIfMatch.map((m) => httpEvent("DELETE", path(), { headers: { "if-match": m } })),
                fc
                    .oneof(fc.string(), fc.integer({ max: 0 }), fc.double())
                    .map((v) => httpEvent("PUT", path(), { body: JSON.stringify({ name: "ok", version: v }) })),
            );
            await fc.assert(fc.asyncProperty(event, refused), { seed: SEED, numRuns: RUNS });
        });

        it("requests to malformed paths or with wrong methods answer 4xx and write nothing", async () => {
            const method = fc.constantFrom("GET", "PUT", "DELETE", "POST", "PATCH", "HEAD", "OPTIONS");
            const segment = fc.string({ minLength: 1 }).filter((s) => !s.includes("/") && s.trim() !== "");
            const path = fc.oneof(
                // /items/<not an id>: 400 for GET/PUT/DELETE, 405 otherwise.
                segment.filter((s) => !UUID.test(s)).map((s) => `/items/${s}`),
                // Another collection, or deeper paths: 404.
                segment.filter((s) => s !== "items").map((s) => `/${s}`),
                fc.tuple(segment, segment).map(([a, b]) => `/items/${a}/${b}`),
                fc.uuid().map((u) => `/items/${u}/history`),
            );
            const wrongMethodOnItems = fc
                .constantFrom("PATCH", "HEAD", "OPTIONS", "DELETE", "PUT")
                .map((m) => httpEvent(m, "/items", { body: '{"name":"ok"}' }));
            const wrongMethodOnItem = fc
                .constantFrom("PATCH", "POST", "HEAD", "OPTIONS")
                .map((m) => httpEvent(m, `/items/${seeded.id}`, { body: '{"name":"ok"}' }));
            const event = fc.oneof(
                fc.tuple(method, path).map(([m, p]) => httpEvent(m, p, { body: '{"name":"ok"}', headers: { "if-match": "1" } })),
                wrongMethodOnItems,
                wrongMethodOnItem,
            );
            await fc.assert(fc.asyncProperty(event, refused), { seed: SEED, numRuns: RUNS });
        });

        it("GET /items with a malformed limit, cursor or unknown parameter answers 4xx", async () => {
            const validLimit = (s: string) => /^[0-9]{1,3}$/.test(s) && Number(s) >= 1 && Number(s) <= 100;
            const forgedJson = fc
                .jsonValue()
                .filter((v) => !(isPlainObject(v) && Object.keys(v as object).length === 1 && UUID.test(String((v as { id?: unknown }).id))));
            const cursor = fc.oneof(
                fc.string({ minLength: 1 }),
                fc.base64String({ minLength: 1 }),
                forgedJson.map((v) => Buffer.from(JSON.stringify(v) ?? "").toString("base64url")),
                fc.tuple(fc.uuid(), fc.string(), fc.jsonValue()).map(([id, k, v]) => Buffer.from(JSON.stringify({ id, [`x${k}`]: v })).toString("base64url")),
                fc.string().map((id) => Buffer.from(JSON.stringify({ id: `not-a-uuid${id}` })).toString("base64url")),
            );
            const query = fc.oneof(
                fc
                    .string()
                    .filter((s) => !validLimit(s))
                    .map((limit) => ({ limit })),
                fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 101 })).map((n) => ({ limit: String(n) })),
                cursor.map((c) => ({ cursor: c, limit: "10" })),
                fc
                    .tuple(
                        fc.string().filter((k) => k !== "limit" && k !== "cursor" && k !== "__proto__"),
                        fc.string(),
                    )
                    .map(([k, v]) => ({ [k]: v })),
            );
            await fc.assert(
                fc.asyncProperty(query, (q) => refused(httpEvent("GET", "/items", { query: q }))),
                { seed: SEED, numRuns: RUNS },
            );
        });
        if (format === "1.0")
            it("REST-only shapes: a value sent twice (multi-value maps), a base64 body that is not JSON, answer 4xx and write nothing", async () => {
                const path = () => `/items/${seeded.id}`;
                const twice = <T>(a: fc.Arbitrary<T>) => fc.tuple(a, a).map(([x, y]) => [x, y]);
                const event = fc.oneof(
                    // Two If-Match values, even two equal ones, join to one value that is no version.
                    twice(fc.constantFrom('"1"', "1", `"${seeded.version}"`, "2")).map((v) =>
                        restFor("PUT", path(), { body: '{"name":"ok"}', multiHeaders: { "If-Match": v } }),
                    ),
                    twice(fc.constantFrom("1", "10", "100")).map((v) => restFor("GET", "/items", { multiQuery: { limit: v } })),
                    twice(fc.constantFrom("a", "tok-1")).map((v) =>
                        restFor("POST", "/items", { body: '{"name":"ok"}', multiHeaders: { "Idempotency-Key": v } }),
                    ),
                    twice(fc.constantFrom("application/json", "text/plain")).map((v) =>
                        restFor("POST", "/items", { body: '{"name":"ok"}', multiHeaders: { "Content-Type": v } }),
                    ),
                    fc
                        .string()
                        .filter(notJsonObject)
                        .map((text) => ({ ...restFor("POST", "/items", { body: Buffer.from(text).toString("base64") }), isBase64Encoded: true })),
                );
                await fc.assert(fc.asyncProperty(event, refused), { seed: SEED, numRuns: RUNS });
            });
    });
