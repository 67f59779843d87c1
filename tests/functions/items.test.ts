/**
 * The items API (functions/items) against a real DynamoDB API (dynalite on 127.0.0.1), driven by API Gateway HTTP API
 * v2 events through the exported `handler`, exactly as Lambda calls it.
 */
import * as assert from "node:assert";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { HttpApiEvent, HttpResponse } from "../../functions/shared/http";
import { ITEMS_TABLE, type LocalDynamo, httpEvent, useItemsApi } from "./items-harness";

const TABLE = ITEMS_TABLE;

type Items = typeof import("../../functions/items");
let items: Items;
let dynamo: LocalDynamo;
let call: (e: HttpApiEvent) => Promise<HttpResponse>;

const body = (r: HttpResponse) => JSON.parse(r.body);
const post = (b: unknown, headers?: Record<string, string>) => call(httpEvent("POST", "/items", { body: JSON.stringify(b), headers }));
const get = (id: string) => call(httpEvent("GET", `/items/${id}`));
const put = (id: string, b: unknown, headers?: Record<string, string>) => call(httpEvent("PUT", `/items/${id}`, { body: JSON.stringify(b), headers }));
const del = (id: string, headers?: Record<string, string>) => call(httpEvent("DELETE", `/items/${id}`, { headers }));

describe("functions/items: the items API over DynamoDB (dynalite)", function () {
    this.timeout(20_000);

    before(async () => {
        // The module creates its DynamoDB client at import: useItemsApi imports it once the environment points at dynalite.
        ({ dynamo, items } = await useItemsApi());
        call = items.handler;
    });
    after(() => dynamo?.release());

    describe("happy paths", () => {
        it("POST /items creates an item at version 1 and answers 201 with Location, ETag and JSON", async () => {
            const r = await post({ name: "lamp", price: 12.5, tags: ["home"] });
            assert.strictEqual(r.statusCode, 201);
            assert.match(r.headers["content-type"], /^application\/json/);
            const item = body(r);
            assert.strictEqual(item.version, 1);
            assert.deepStrictEqual({ name: item.name, price: item.price, tags: item.tags }, { name: "lamp", price: 12.5, tags: ["home"] });
            assert.strictEqual(r.headers.location, `/items/${item.id}`);
            assert.strictEqual(r.headers.etag, '"1"');
            assert.strictEqual(item.requestDigest, undefined, "internal attributes are not returned");
        });

        it("GET /items/{id} returns the stored item", async () => {
            const created = body(await post({ name: "chair", description: "oak" }));
            const r = await get(created.id);
            assert.strictEqual(r.statusCode, 200);
            assert.deepStrictEqual(body(r), created);
        });

        it("PUT /items/{id} with the current version (If-Match) replaces the fields and bumps the version", async () => {
            const created = body(await post({ name: "desk", description: "pine", price: 3 }));
            const r = await put(created.id, { name: "desk v2", price: 4 }, { "if-match": '"1"' });
            assert.strictEqual(r.statusCode, 200, r.body);
            const item = body(r);
            assert.strictEqual(item.version, 2);
            assert.strictEqual(item.name, "desk v2");
            assert.strictEqual(item.description, undefined, "PUT removes fields the body leaves out");
            assert.strictEqual(r.headers.etag, '"2"');
            assert.deepStrictEqual(body(await get(created.id)), item);
        });

        it("PUT /items/{id} accepts the version in the body instead of If-Match", async () => {
            const created = body(await post({ name: "shelf" }));
            const r = await put(created.id, { name: "shelf", version: 1, tags: ["a", "b"] });
            assert.strictEqual(r.statusCode, 200, r.body);
            assert.strictEqual(body(r).version, 2);
        });

        it("DELETE /items/{id} answers 204, and GET then answers 404", async () => {
            const created = body(await post({ name: "bin" }));
            const before = await dynamo.countLive(TABLE);
            const r = await del(created.id);
            assert.strictEqual(r.statusCode, 204);
            assert.strictEqual(await dynamo.countLive(TABLE), before - 1);
            const again = await get(created.id);
            assert.strictEqual(again.statusCode, 404);
            assert.match(body(again).message, /not found/);
        });

        it("routes GET /v1/items/{id} behind a custom domain's API mapping key v1 (routeKey GET /items/{id})", async () => {
            const created = body(await post({ name: "mapped" }));
            const r = await call({ ...httpEvent("GET", `/v1/items/${created.id}`), routeKey: "GET /items/{id}", pathParameters: { id: created.id } });
            assert.strictEqual(r.statusCode, 200, r.body);
            assert.strictEqual(body(r).name, "mapped");
        });

        it("routes a named stage's path (rawPath keeps the /stage prefix)", async () => {
            const r = await call(httpEvent("GET", "/prod/items", { stage: "prod", query: { limit: "1" } }));
            assert.strictEqual(r.statusCode, 200, r.body);
        });
    });

    describe("idempotent create", () => {
        it("the same Idempotency-Key and body twice create one item: 201, then 200 with the same item", async () => {
            const before = await dynamo.count(TABLE);
            const first = await post({ name: "kettle" }, { "idempotency-key": "order-1:kettle" });
            const second = await post({ name: "kettle" }, { "idempotency-key": "order-1:kettle" });
            assert.strictEqual(first.statusCode, 201);
            assert.strictEqual(second.statusCode, 200);
            assert.deepStrictEqual(body(second), body(first));
            assert.strictEqual(await dynamo.count(TABLE), before + 1);
        });

        it("body clientToken is the same token as the header: a retry through either finds the first item", async () => {
            const first = await post({ name: "mug", clientToken: "tok-mug" });
            const second = await post({ name: "mug" }, { "idempotency-key": "tok-mug" });
            assert.strictEqual(first.statusCode, 201);
            assert.strictEqual(second.statusCode, 200);
            assert.strictEqual(body(second).id, body(first).id);
        });

        it("a retry after an update returns the item as it is now, still without a second item", async () => {
            const first = body(await post({ name: "pan" }, { "idempotency-key": "tok-pan" }));
            await put(first.id, { name: "pan", price: 9 }, { "if-match": '"1"' });
            const before = await dynamo.count(TABLE);
            const retry = await post({ name: "pan" }, { "idempotency-key": "tok-pan" });
            assert.strictEqual(retry.statusCode, 200);
            assert.strictEqual(body(retry).version, 2);
            assert.strictEqual(await dynamo.count(TABLE), before);
        });

        it("the same token with a different body answers 409 and leaves the first item unchanged", async () => {
            const first = body(await post({ name: "cup", price: 1 }, { "idempotency-key": "tok-cup" }));
            const before = await dynamo.count(TABLE);
            const r = await post({ name: "cup", price: 2 }, { "idempotency-key": "tok-cup" });
            assert.strictEqual(r.statusCode, 409);
            assert.match(body(r).message, /clientToken/);
            assert.strictEqual(await dynamo.count(TABLE), before);
            assert.deepStrictEqual(body(await get(first.id)), first);
        });

        it("different header and body tokens answer 400 naming body.clientToken", async () => {
            const r = await post({ name: "x", clientToken: "a" }, { "idempotency-key": "b" });
            assert.strictEqual(r.statusCode, 400);
            assert.match(body(r).message, /body\.clientToken/);
        });
    });

    describe("tombstones (DELETE keeps the key: a client token cannot bring a deleted item back)", () => {
        const stored = async (id: string) => (await dynamo.db.send(new GetCommand({ TableName: TABLE, Key: { id }, ConsistentRead: true }))).Item;

        it("DELETE leaves a tombstone: the key, a bumped version, the dates and the digest, and no data", async () => {
            const created = body(await post({ name: "lamp", price: 3, tags: ["x"], description: "d" }, { "idempotency-key": "tok-tomb-1" }));
            assert.strictEqual((await del(created.id)).statusCode, 204);
            const t = await stored(created.id);
            assert.deepStrictEqual(Object.keys(t ?? {}).sort(), ["createdAt", "deletedAt", "id", "requestDigest", "updatedAt", "version"]);
            assert.strictEqual(t?.version, 2);
            assert.match(t?.deletedAt, /^\d{4}-\d\d-\d\dT/);
        });

        it("a create retried with the token of a deleted item answers 410 and does not recreate it", async () => {
            const created = body(await post({ name: "phoenix" }, { "idempotency-key": "tok-reuse" }));
            await del(created.id);
            const live = await dynamo.countLive(TABLE);
            const retry = await post({ name: "phoenix" }, { "idempotency-key": "tok-reuse" });
            assert.strictEqual(retry.statusCode, 410, retry.body);
            assert.match(body(retry).message, /deleted; use a new token/);
            assert.strictEqual(await dynamo.countLive(TABLE), live);
            assert.strictEqual((await get(created.id)).statusCode, 404);
        });

        it("the token of a deleted item with another body answers 409, like any reused token", async () => {
            const created = body(await post({ name: "one" }, { "idempotency-key": "tok-reuse-2" }));
            await del(created.id);
            const r = await post({ name: "another" }, { "idempotency-key": "tok-reuse-2" });
            assert.strictEqual(r.statusCode, 409);
            assert.strictEqual((await stored(created.id))?.deletedAt !== undefined, true);
        });

        it("PUT and DELETE on a tombstone answer 404 and leave it as it was", async () => {
            const created = body(await post({ name: "gone" }));
            await del(created.id);
            const before = await stored(created.id);
            assert.strictEqual((await put(created.id, { name: "back" }, { "if-match": '"2"' })).statusCode, 404);
            assert.strictEqual((await del(created.id)).statusCode, 404);
            assert.strictEqual((await del(created.id, { "if-match": '"2"' })).statusCode, 404);
            assert.deepStrictEqual(await stored(created.id), before);
        });

        it("a PUT and a DELETE racing on the same version: exactly one wins, and a deleted item is never revived", async () => {
            for (let i = 0; i < 5; i++) {
                const created = body(await post({ name: `contested ${i}` }));
                const [u, d] = await Promise.all([put(created.id, { name: "updated" }, { "if-match": '"1"' }), del(created.id, { "if-match": '"1"' })]);
                const codes = [u.statusCode, d.statusCode];
                assert.ok((codes[0] === 200 && codes[1] === 409) || (codes[0] === 404 && codes[1] === 204), JSON.stringify(codes));
                const after = await get(created.id);
                assert.strictEqual(after.statusCode, d.statusCode === 204 ? 404 : 200);
            }
        });

        it("GET /items never lists a tombstone", async () => {
            const created = body(await post({ name: "hidden" }));
            await del(created.id);
            const ids: string[] = [];
            let cursor: string | undefined;
            do {
                const page = body(await call(httpEvent("GET", "/items", { query: cursor === undefined ? { limit: "100" } : { limit: "100", cursor } })));
                ids.push(...page.items.map((i: { id: string; deletedAt?: string }) => i.id));
                assert.ok(page.items.every((i: { deletedAt?: string; name?: string }) => i.deletedAt === undefined && typeof i.name === "string"));
                cursor = page.cursor;
            } while (cursor !== undefined);
            assert.ok(!ids.includes(created.id));
            assert.strictEqual(ids.length, await dynamo.countLive(TABLE));
        });
    });

    describe("optimistic concurrency", () => {
        it("a stale version on PUT answers 409 with the current version and writes nothing", async () => {
            const created = body(await post({ name: "clock" }));
            assert.strictEqual((await put(created.id, { name: "clock 2" }, { "if-match": '"1"' })).statusCode, 200);
            const stale = await put(created.id, { name: "clock 3" }, { "if-match": '"1"' });
            assert.strictEqual(stale.statusCode, 409);
            assert.strictEqual(body(stale).currentVersion, 2);
            assert.strictEqual(stale.headers.etag, '"2"');
            const stored = await dynamo.db.send(new GetCommand({ TableName: TABLE, Key: { id: created.id } }));
            assert.strictEqual(stored.Item?.name, "clock 2");
        });

        it("two writers with the same version: exactly one wins", async () => {
            const created = body(await post({ name: "race" }));
            const rs = await Promise.all([put(created.id, { name: "a" }, { "if-match": "1" }), put(created.id, { name: "b" }, { "if-match": "1" })]);
            assert.deepStrictEqual(rs.map((r) => r.statusCode).sort(), [200, 409]);
            assert.strictEqual(body(await get(created.id)).version, 2);
        });

        it("PUT without If-Match or body version answers 428 naming header.if-match", async () => {
            const created = body(await post({ name: "vase" }));
            const r = await put(created.id, { name: "vase" });
            assert.strictEqual(r.statusCode, 428);
            assert.match(body(r).message, /if-match/);
        });

        it("PUT or DELETE on an absent item answers 404", async () => {
            const id = "00000000-0000-4000-8000-000000000000";
            assert.strictEqual((await put(id, { name: "ghost" }, { "if-match": "1" })).statusCode, 404);
            assert.strictEqual((await del(id)).statusCode, 404);
        });

        it("DELETE with a stale If-Match answers 409 and keeps the item", async () => {
            const created = body(await post({ name: "rug" }));
            await put(created.id, { name: "rug" }, { "if-match": "1" });
            const r = await del(created.id, { "if-match": '"1"' });
            assert.strictEqual(r.statusCode, 409);
            assert.strictEqual(body(r).currentVersion, 2);
            assert.strictEqual((await get(created.id)).statusCode, 200);
            assert.strictEqual((await del(created.id, { "if-match": '"2"' })).statusCode, 204);
        });
    });

    describe("list with pagination", () => {
        it("following cursors with limit=4 sees every item exactly once, and the last page has no cursor", async () => {
            for (let i = 0; i < 13; i++) await post({ name: `page item ${i}` });
            // Tombstones among them: the pages skip them, and every live item is still seen once.
            for (let i = 0; i < 3; i++) await del(body(await post({ name: `deleted page item ${i}` })).id);
            const total = await dynamo.countLive(TABLE);
            const seen: string[] = [];
            let cursor: string | undefined;
            let pages = 0;
            do {
                const query: Record<string, string> = cursor === undefined ? { limit: "4" } : { limit: "4", cursor };
                const r = await call(httpEvent("GET", "/items", { query }));
                assert.strictEqual(r.statusCode, 200, r.body);
                const page = body(r);
                assert.ok(page.items.length <= 4);
                seen.push(...page.items.map((i: { id: string }) => i.id));
                cursor = page.cursor;
                assert.ok(++pages < 100, "pagination ends");
            } while (cursor !== undefined);
            assert.strictEqual(seen.length, total);
            assert.strictEqual(new Set(seen).size, total);
            assert.ok(pages >= Math.ceil(total / 4));
        });

        it("a well-formed cursor for an id that does not exist starts the same Scan elsewhere: live items only, nothing else", async () => {
            // Why the cursor is not signed: a forged start key reaches nothing that paging cannot.
            const cursor = Buffer.from(JSON.stringify({ id: "00000000-0000-4000-8000-000000000000" })).toString("base64url");
            const r = await call(httpEvent("GET", "/items", { query: { limit: "5", cursor } }));
            assert.strictEqual(r.statusCode, 200, r.body);
            for (const item of body(r).items) assert.deepStrictEqual(body(await get(item.id)), item);
        });

        it("the cursor is opaque base64url, and a forged one (extra key) answers 400 naming query.cursor", async () => {
            const page = body(await call(httpEvent("GET", "/items", { query: { limit: "1" } })));
            assert.match(page.cursor, /^[A-Za-z0-9_-]+$/);
            const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(page.cursor, "base64url").toString()), admin: true })).toString("base64url");
            const r = await call(httpEvent("GET", "/items", { query: { cursor: forged } }));
            assert.strictEqual(r.statusCode, 400);
            assert.match(body(r).message, /query\.cursor/);
        });
    });

    describe("refusals", () => {
        const cases: { title: string; event: () => HttpApiEvent; status: number; names: RegExp }[] = [
            {
                title: "a body that is not JSON answers 400 naming body",
                event: () => httpEvent("POST", "/items", { body: "{name:" }),
                status: 400,
                names: /body/,
            },
            {
                title: "a wrong type answers 400 naming the field",
                event: () => httpEvent("POST", "/items", { body: '{"name":"a","price":"3"}' }),
                status: 400,
                names: /body\.price/,
            },
            {
                title: "an unknown field answers 400 naming it",
                event: () => httpEvent("POST", "/items", { body: '{"name":"a","owner":"me"}' }),
                status: 400,
                names: /body\.owner/,
            },
            {
                title: "a body over 16 KiB answers 413",
                event: () => httpEvent("POST", "/items", { body: JSON.stringify({ name: "a", description: "x".repeat(17_000) }) }),
                status: 413,
                names: /body/,
            },
            {
                title: "a non-JSON content-type answers 415",
                event: () => httpEvent("POST", "/items", { body: "name=a", headers: { "content-type": "application/x-www-form-urlencoded" } }),
                status: 415,
                names: /content-type/,
            },
            { title: "an id that is not a UUID answers 400 naming path.id", event: () => httpEvent("GET", "/items/abc"), status: 400, names: /path\.id/ },
            {
                title: "limit=0 answers 400 naming query.limit",
                event: () => httpEvent("GET", "/items", { query: { limit: "0" } }),
                status: 400,
                names: /query\.limit/,
            },
            {
                title: "limit=101 answers 400 naming query.limit",
                event: () => httpEvent("GET", "/items", { query: { limit: "101" } }),
                status: 400,
                names: /query\.limit/,
            },
            { title: "an unknown route answers 404", event: () => httpEvent("GET", "/orders"), status: 404, names: /route/ },
            {
                title: "PATCH /items/{id} answers 405",
                event: () => httpEvent("PATCH", "/items/00000000-0000-4000-8000-000000000000"),
                status: 405,
                names: /allowed/,
            },
        ];
        for (const c of cases)
            it(c.title, async () => {
                const r = await call(c.event());
                assert.strictEqual(r.statusCode, c.status, r.body);
                assert.match(r.headers["content-type"], /^application\/json/);
                assert.match(body(r).message, c.names);
            });

        it("405 answers carry an Allow header", async () => {
            const r = await call(httpEvent("DELETE", "/items"));
            assert.strictEqual(r.statusCode, 405);
            assert.strictEqual(r.headers.allow, "GET, POST");
        });
    });

    describe("logs", () => {
        it("writes one JSON line per request with level, message, requestId, route, status and durationMs, and no body", async () => {
            const lines: string[] = [];
            const { createLogger } = await import("../../functions/shared/log");
            const h = items.createHandler({ db: dynamo.db, tableName: TABLE, log: createLogger((l) => lines.push(l), "info") });
            const event = httpEvent("POST", "/items", { body: JSON.stringify({ name: "secret-name-4711" }), headers: { "idempotency-key": "tok-log" } });
            await h(event);
            assert.strictEqual(lines.length, 1);
            const line = JSON.parse(lines[0]);
            assert.deepStrictEqual(
                { level: line.level, message: line.message, requestId: line.requestId, route: line.route, status: line.status },
                { level: "info", message: "request", requestId: event.requestContext.requestId, route: "POST /items", status: 201 },
            );
            assert.strictEqual(typeof line.durationMs, "number");
            assert.doesNotMatch(lines[0], /secret-name-4711|tok-log/);
        });

        it("a missing TABLE_NAME answers 500 and logs the error at level error", async () => {
            const lines: string[] = [];
            const { createLogger } = await import("../../functions/shared/log");
            const h = items.createHandler({ db: dynamo.db, tableName: undefined, log: createLogger((l) => lines.push(l), "info") });
            const r = await h(httpEvent("GET", "/items"));
            assert.strictEqual(r.statusCode, 500);
            assert.strictEqual(JSON.parse(lines[0]).level, "error");
        });
    });
});
