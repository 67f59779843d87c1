/**
 * The items API behind a REST API Lambda proxy integration (payload format 1.0), against dynalite: the same flows as
 * items.test.ts through 1.0 events built on the AWS docs' recorded event (items-harness `REST_EVENT_FIXTURE`), and the
 * normalisation (functions/shared/http.ts `requestOf`) that lets one handler read both formats.
 */
import * as assert from "node:assert";
import { type ApiEvent, type HttpResponse, type RestApiEvent, requestOf } from "../../functions/shared/http";
import { ITEMS_TABLE, type LocalDynamo, REST_EVENT_FIXTURE, httpEvent, restEvent, useItemsApi } from "./items-harness";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe("functions/shared/http requestOf: one request from payload 1.0 or 2.0", () => {
    it("reads the docs' recorded REST event: method, path without the stage, lowercased headers, multi-value query joined", () => {
        const r = requestOf(REST_EVENT_FIXTURE);
        assert.deepStrictEqual(
            { format: r.format, method: r.method, path: r.path, requestId: r.requestId, body: r.body },
            { format: "1.0", method: "POST", path: "/hello/world", requestId: "deef4878-7910-11e6-8f14-25afc3e9ae33", body: '{\r\n\t"a": 1\r\n}' },
        );
        assert.strictEqual(r.headers["content-type"], "application/json");
        assert.strictEqual(r.headers.headername, "headerValue");
        assert.deepStrictEqual(r.query, { name: "me", multivalueName: "you,me" });
    });

    it("joins a header sent twice (multiValueHeaders) and names that differ only in case, as format 2.0 does", () => {
        const e = restEvent("PUT", `/items/${ID}`, { multiHeaders: { "If-Match": ['"1"', '"2"'] } });
        e.headers = { ...e.headers, "x-trace": "a", "X-Trace": "b" };
        const r = requestOf(e);
        assert.strictEqual(r.headers["if-match"], '"1","2"');
        assert.strictEqual(r.headers["x-trace"], "a,b");
        assert.strictEqual(r.headers["If-Match"], undefined);
    });

    it("reads null maps and a null body (a GET with no query) as empty", () => {
        const r = requestOf({ ...restEvent("GET", "/items"), headers: null, multiValueHeaders: null, body: null });
        assert.deepStrictEqual({ headers: r.headers, query: r.query, body: r.body }, { headers: {}, query: {}, body: "" });
    });

    const paths: { title: string; event: () => RestApiEvent; path: string }[] = [
        { title: "an /items/{id} resource", event: () => restEvent("GET", `/items/${ID}`, { resource: "routes" }), path: `/items/${ID}` },
        { title: "a /{proxy+} resource", event: () => restEvent("GET", `/items/${ID}`), path: `/items/${ID}` },
        {
            title: "a custom domain's base path mapping (kept in path, not in resource)",
            event: () => restEvent("GET", `/items/${ID}`, { resource: "routes", basePath: "/v1" }),
            path: `/items/${ID}`,
        },
        {
            title: "a base path and a /{proxy+} resource",
            event: () => restEvent("GET", `/items/${ID}`, { basePath: "/shop/v2" }),
            path: `/items/${ID}`,
        },
        { title: "a trailing slash", event: () => ({ ...restEvent("GET", "/items", { resource: "routes" }), path: "/items/" }), path: "/items" },
        {
            title: "an HTTP API payload 1.0 event ($default route: path keeps the named stage)",
            event: () => ({ ...restEvent("GET", "/dev/items"), version: "1.0", resource: "$default", requestContext: { requestId: "x", stage: "dev" } }),
            path: "/items",
        },
    ];
    for (const p of paths)
        it(`finds the path within the API behind ${p.title}`, () => {
            assert.strictEqual(requestOf(p.event()).path, p.path);
        });

    /** A 2.0 event as a route other than `$default` delivers it: `routeKey` names the route, `pathParameters` its values. */
    const routed = (routeKey: string, rawPath: string, pathParameters?: Record<string, string>, stage = "$default") => ({
        ...httpEvent(routeKey.split(" ")[0], rawPath, { stage }),
        routeKey,
        pathParameters,
    });
    const http2: { title: string; event: () => ReturnType<typeof routed>; path: string }[] = [
        {
            title: "an API mapping key and a GET /items/{id} route",
            event: () => routed("GET /items/{id}", `/v1/items/${ID}`, { id: ID }),
            path: `/items/${ID}`,
        },
        { title: "an API mapping key and a GET /items route", event: () => routed("GET /items", "/v1/items"), path: "/items" },
        { title: "a two-segment API mapping key", event: () => routed("PUT /items/{id}", `/shop/v2/items/${ID}`, { id: ID }), path: `/items/${ID}` },
        {
            title: "an API mapping key and an ANY /{proxy+} route (the proxy value's segments)",
            event: () => routed("ANY /{proxy+}", `/v1/items/${ID}`, { proxy: `items/${ID}` }),
            path: `/items/${ID}`,
        },
        {
            title: "an API mapping key and an ANY /items/{proxy+} route",
            event: () => routed("ANY /items/{proxy+}", `/v1/items/${ID}`, { proxy: ID }),
            path: `/items/${ID}`,
        },
        {
            title: "a named stage and a GET /items/{id} route",
            event: () => routed("GET /items/{id}", `/prod/items/${ID}`, { id: ID }, "prod"),
            path: `/items/${ID}`,
        },
        { title: "the $default route (rawPath less the stage, as before)", event: () => routed("$default", "/prod/items", undefined, "prod"), path: "/items" },
        {
            title: "the $default route behind a mapping key (the key stays: $default says nothing of the path)",
            event: () => routed("$default", "/v1/items"),
            path: "/v1/items",
        },
        {
            title: "a greedy route without its parameter (rawPath less the stage)",
            event: () => routed("ANY /{proxy+}", "/prod/items", undefined, "prod"),
            path: "/items",
        },
    ];
    for (const p of http2)
        it(`finds a 2.0 event's path within the API behind ${p.title}`, () => {
            assert.strictEqual(requestOf(p.event()).path, p.path);
        });

    it("keeps a 2.0 event as it was read before: stage stripped from rawPath, headers as sent", () => {
        const r = requestOf(httpEvent("get", "/prod/items", { stage: "prod", headers: { "if-match": "1" }, query: { limit: "2" } }));
        assert.deepStrictEqual(
            { format: r.format, method: r.method, path: r.path, ifMatch: r.headers["if-match"], query: r.query },
            { format: "2.0", method: "GET", path: "/items", ifMatch: "1", query: { limit: "2" } },
        );
    });
});

describe("functions/items: the items API behind a REST API (payload 1.0, dynalite)", function () {
    this.timeout(20_000);
    let dynamo: LocalDynamo;
    let call: (e: ApiEvent) => Promise<HttpResponse>;
    const body = (r: HttpResponse) => JSON.parse(r.body);
    const post = (b: unknown, headers?: Record<string, string>) => call(restEvent("POST", "/items", { body: JSON.stringify(b), headers, resource: "routes" }));
    const get = (id: string) => call(restEvent("GET", `/items/${id}`, { resource: "routes" }));

    before(async () => {
        const api = await useItemsApi();
        dynamo = api.dynamo;
        call = api.items.handler;
    });
    after(() => dynamo?.release());

    it("answers in the proxy output format: statusCode, string headers, a string body, no cookies", async () => {
        const r = await post({ name: "format check" });
        assert.deepStrictEqual(Object.keys(r).sort(), ["body", "headers", "statusCode"]);
        assert.strictEqual(typeof r.body, "string");
        for (const v of Object.values(r.headers)) assert.strictEqual(typeof v, "string");
        const deleted = await call(restEvent("DELETE", `/items/${body(r).id}`, { resource: "routes" }));
        assert.deepStrictEqual(deleted, { statusCode: 204, headers: {}, body: "" });
    });

    it("POST /items with Content-Type and Idempotency-Key in the client's case creates once: 201, then 200 with the same item", async () => {
        const before = await dynamo.count(ITEMS_TABLE);
        const first = await post({ name: "rest kettle" }, { "Idempotency-Key": "rest-order-1" });
        const second = await post({ name: "rest kettle" }, { "IDEMPOTENCY-KEY": "rest-order-1" });
        assert.strictEqual(first.statusCode, 201, first.body);
        assert.strictEqual(second.statusCode, 200, second.body);
        assert.deepStrictEqual(body(second), body(first));
        assert.strictEqual(first.headers.location, `/items/${body(first).id}`);
        assert.strictEqual(await dynamo.count(ITEMS_TABLE), before + 1);
    });

    it("GET /items/{id} (resource /items/{id}) returns the stored item with its ETag", async () => {
        const created = body(await post({ name: "rest chair", price: 7 }));
        const r = await get(created.id);
        assert.strictEqual(r.statusCode, 200);
        assert.deepStrictEqual(body(r), created);
        assert.strictEqual(r.headers.etag, '"1"');
    });

    it("routes the same request through a /{proxy+} resource and behind a custom domain base path", async () => {
        const created = body(await post({ name: "rest lamp" }));
        for (const e of [restEvent("GET", `/items/${created.id}`), restEvent("GET", `/items/${created.id}`, { resource: "routes", basePath: "/v1" })]) {
            const r = await call(e);
            assert.strictEqual(r.statusCode, 200, `${e.path}: ${r.body}`);
            assert.strictEqual(body(r).id, created.id);
        }
    });

    it("PUT /items/{id} with If-Match (as sent: If-Match) updates; a stale If-Match answers 409 and writes nothing", async () => {
        const created = body(await post({ name: "rest desk" }));
        const ok = await call(
            restEvent("PUT", `/items/${created.id}`, { resource: "routes", body: '{"name":"rest desk v2"}', headers: { "If-Match": '"1"' } }),
        );
        assert.strictEqual(ok.statusCode, 200, ok.body);
        assert.strictEqual(body(ok).version, 2);
        const stale = await call(restEvent("PUT", `/items/${created.id}`, { resource: "routes", body: '{"name":"lost"}', headers: { "If-Match": '"1"' } }));
        assert.strictEqual(stale.statusCode, 409);
        assert.strictEqual(body(stale).currentVersion, 2);
        assert.strictEqual(body(await get(created.id)).name, "rest desk v2");
    });

    it("PUT without If-Match answers 428; two If-Match values (multiValueHeaders) answer 400 and write nothing", async () => {
        const created = body(await post({ name: "rest shelf" }));
        const none = await call(restEvent("PUT", `/items/${created.id}`, { resource: "routes", body: '{"name":"x"}' }));
        assert.strictEqual(none.statusCode, 428);
        const two = await call(
            restEvent("PUT", `/items/${created.id}`, { resource: "routes", body: '{"name":"x"}', multiHeaders: { "If-Match": ['"1"', '"1"'] } }),
        );
        assert.strictEqual(two.statusCode, 400, two.body);
        assert.match(body(two).message, /header\.if-match/);
        assert.strictEqual(body(await get(created.id)).version, 1);
    });

    it("DELETE /items/{id} answers 204, then GET answers 404", async () => {
        const created = body(await post({ name: "rest bin" }));
        const r = await call(restEvent("DELETE", `/items/${created.id}`, { resource: "routes", headers: { "If-Match": '"1"' } }));
        assert.strictEqual(r.statusCode, 204);
        assert.strictEqual((await get(created.id)).statusCode, 404);
    });

    it("GET /items follows cursors (queryStringParameters and multiValueQueryStringParameters) to every live item once", async () => {
        for (let i = 0; i < 7; i++) await post({ name: `rest page ${i}` });
        const total = await dynamo.countLive(ITEMS_TABLE);
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
            const r = await call(restEvent("GET", "/items", { resource: "routes", query: cursor === undefined ? { limit: "3" } : { limit: "3", cursor } }));
            assert.strictEqual(r.statusCode, 200, r.body);
            seen.push(...body(r).items.map((i: { id: string }) => i.id));
            cursor = body(r).cursor;
            assert.ok(++pages < 200, "pagination ends");
        } while (cursor !== undefined);
        assert.strictEqual(seen.length, total);
        assert.strictEqual(new Set(seen).size, total);
    });

    it("GET /items with limit given twice (multiValueQueryStringParameters) answers 400 naming query.limit", async () => {
        const r = await call(restEvent("GET", "/items", { resource: "routes", multiQuery: { limit: ["2", "3"] } }));
        assert.strictEqual(r.statusCode, 400, r.body);
        assert.match(body(r).message, /query\.limit/);
    });

    it("a base64 body (isBase64Encoded, binary media types) is decoded before it is read", async () => {
        const e = restEvent("POST", "/items", { resource: "routes", body: Buffer.from('{"name":"rest base64"}').toString("base64") });
        const r = await call({ ...e, isBase64Encoded: true });
        assert.strictEqual(r.statusCode, 201, r.body);
        assert.strictEqual(body(r).name, "rest base64");
    });

    it("a POST with a null body answers 400 naming body, and creates nothing", async () => {
        const before = await dynamo.count(ITEMS_TABLE);
        const r = await call(restEvent("POST", "/items", { resource: "routes" }));
        assert.strictEqual(r.statusCode, 400);
        assert.match(body(r).message, /body/);
        assert.strictEqual(await dynamo.count(ITEMS_TABLE), before);
    });
});
