/** The items API's pure core (functions/items/core.ts): routing, cursors, token ids and version preconditions, without I/O. */
import * as assert from "node:assert";
import { decodeCursor, encodeCursor, idForToken, parseExpectedVersion, parseList, requestDigest, route } from "../../functions/items/core";
import { requestOf } from "../../functions/shared/http";
import { httpEvent } from "./items-harness";

/** The core reads the normalised request, as the handler passes it. */
const req = (...args: Parameters<typeof httpEvent>) => requestOf(httpEvent(...args));

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe("functions/items core", () => {
    const routes: { method: string; path: string; stage?: string; kind: string; route?: string }[] = [
        { method: "POST", path: "/items", kind: "create", route: "POST /items" },
        { method: "GET", path: "/items/", kind: "list", route: "GET /items" },
        { method: "GET", path: `/items/${ID}`, kind: "get", route: "GET /items/{id}" },
        { method: "put", path: `/items/${ID}`, kind: "update", route: "PUT /items/{id}" },
        { method: "DELETE", path: `/items/${ID}`, kind: "delete", route: "DELETE /items/{id}" },
        { method: "GET", path: `/v1/items/${ID}`, stage: "v1", kind: "get", route: "GET /items/{id}" },
        { method: "GET", path: "/items/ABC", kind: "bad-id" },
        { method: "GET", path: "/items/%E0%A4%A", kind: "bad-id" },
        { method: "PATCH", path: "/items", kind: "method-not-allowed" },
        { method: "GET", path: `/items/${ID}/x`, kind: "not-found" },
        { method: "GET", path: "/", kind: "not-found" },
    ];
    for (const r of routes)
        it(`routes ${r.method} ${r.path}${r.stage === undefined ? "" : ` (stage ${r.stage})`} to ${r.kind}`, () => {
            const got = route(req(r.method, r.path, { stage: r.stage }));
            assert.strictEqual(got.kind, r.kind);
            if (r.route !== undefined) assert.strictEqual(got.route, r.route);
        });

    it("a cursor round-trips a LastEvaluatedKey", () => {
        assert.deepStrictEqual(decodeCursor(encodeCursor({ id: ID })), { id: ID });
    });

    const forged: [string, string][] = [
        ["padded base64", `${encodeCursor({ id: ID })}=`],
        ["a character outside base64url", `${encodeCursor({ id: ID })}+`],
        ["an extra key", encodeCursor({ id: ID, admin: true })],
        ["a non-UUID id", encodeCursor({ id: "x" })],
        ["a numeric id", encodeCursor({ id: 1 })],
        ["a JSON array", Buffer.from("[1]").toString("base64url")],
        ["not JSON", Buffer.from("{id").toString("base64url")],
    ];
    for (const [what, cursor] of forged) it(`refuses a cursor with ${what}`, () => assert.strictEqual(decodeCursor(cursor), undefined));

    it("limit defaults to 25 and accepts 1 and 100", () => {
        assert.deepStrictEqual(parseList(req("GET", "/items")), { ok: true, value: { limit: 25 } });
        for (const limit of ["1", "100"]) assert.ok(parseList(req("GET", "/items", { query: { limit } })).ok);
    });

    it("a token always maps to the same UUID-shaped id, and two tokens to two ids", () => {
        assert.strictEqual(idForToken("a"), idForToken("a"));
        assert.notStrictEqual(idForToken("a"), idForToken("b"));
        assert.match(idForToken("a"), /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it("the request digest ignores key order but not values", () => {
        assert.strictEqual(requestDigest({ name: "a", price: 1 }), requestDigest({ price: 1, name: "a" } as never));
        assert.notStrictEqual(requestDigest({ name: "a", price: 1 }), requestDigest({ name: "a", price: 2 }));
    });

    it('If-Match accepts "3" and 3, and must agree with body version', () => {
        for (const m of ['"3"', "3"])
            assert.deepStrictEqual(parseExpectedVersion(req("PUT", "/", { headers: { "if-match": m } }), undefined, true), { ok: true, value: 3 });
        const r = parseExpectedVersion(req("PUT", "/", { headers: { "if-match": "3" } }), 4, true);
        assert.ok(!r.ok && r.issues[0].field === "body.version");
    });
});
