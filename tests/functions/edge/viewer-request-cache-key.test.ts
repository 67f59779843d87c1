import * as assert from "node:assert";
import fc from "fast-check";
import { edgeFileBytes, loadEdge, queryObject, viewerRequest } from "./events";

const FILE = "viewer-request-cache-key.js";
const CONFIG = JSON.stringify({ lowercasePaths: ["/products/", "/Blog/"], queryAllowList: ["page", "q", "sort", "a"] });

function normalize(f: ReturnType<typeof loadEdge>, uri: string, pairs: [string, string][]) {
    return f.handler(viewerRequest({ uri, querystring: queryObject(pairs) }));
}

/** Splits the function's query string back into pairs, as CloudFront parses it on the next request. */
function pairsOf(query: string): [string, string][] {
    return query === "" ? [] : query.split("&").map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)] as [string, string]);
}

describe("functions/edge/viewer-request-cache-key.js (in the CloudFront Functions sandbox)", () => {
    const f = loadEdge(FILE, { kvs: { "cache-key": CONFIG } });

    it("loads within 6 KB (well under CloudFront's 10 KB limit), sized as the file's bytes", () => {
        assert.strictEqual(f.bytes, edgeFileBytes(FILE));
        assert.ok(f.bytes <= 6 * 1024, `${f.bytes} bytes`);
    });

    it("lower-cases the whole URI under a configured prefix, matched in any case", async () => {
        assert.strictEqual((await normalize(f, "/Products/Red-Shoe", [])).uri, "/products/red-shoe");
        assert.strictEqual((await normalize(f, "/PRODUCTS/X/Y.HTML", [])).uri, "/products/x/y.html");
    });

    it("lower-cases under a prefix configured in upper case", async () => {
        assert.strictEqual((await normalize(f, "/blog/2026/Post", [])).uri, "/blog/2026/post");
    });

    it("keeps the case of a URI outside every prefix (S3 keys are case-sensitive)", async () => {
        assert.strictEqual((await normalize(f, "/Assets/App.JS", [])).uri, "/Assets/App.JS");
        assert.strictEqual((await normalize(f, "/productsX/A", [])).uri, "/productsX/A");
    });

    it("keeps only allow-listed keys and sorts them", async () => {
        const out = await normalize(f, "/", [
            ["sort", "price"],
            ["utm_source", "mail"],
            ["q", "shoe"],
            ["fbclid", "x"],
            ["page", "2"],
        ]);
        assert.strictEqual(out.querystring, "page=2&q=shoe&sort=price");
    });

    it("matches allow-listed keys case-sensitively", async () => {
        assert.strictEqual(
            (
                await normalize(f, "/", [
                    ["Page", "2"],
                    ["page", "3"],
                ])
            ).querystring,
            "page=3",
        );
    });

    it("keeps every value of a multi-value key, sorted", async () => {
        const out = await normalize(f, "/", [
            ["a", "2"],
            ["q", "z"],
            ["a", "1"],
            ["a", "10"],
        ]);
        assert.strictEqual(out.querystring, "a=1&a=10&a=2&q=z");
    });

    it("keeps repeated identical values (normalization does not change what the origin counts)", async () => {
        assert.strictEqual(
            (
                await normalize(f, "/", [
                    ["a", "1"],
                    ["a", "1"],
                ])
            ).querystring,
            "a=1&a=1",
        );
    });

    it("keeps empty values as key=", async () => {
        assert.strictEqual((await normalize(f, "/", [["q", ""]])).querystring, "q=");
    });

    it("keeps values as the viewer encoded them", async () => {
        assert.strictEqual((await normalize(f, "/", [["q", "a%26b%3Dc"]])).querystring, "q=a%26b%3Dc");
    });

    it("passes percent-encoded values through as sent (CloudFront does not decode them; a space would be refused)", async () => {
        const out = await f.handler(viewerRequest({ uri: "/", query: "utm_source=a%26b&q=red%20shoe&page=2&q=caf%C3%A9" }));
        assert.strictEqual(out.querystring, "page=2&q=caf%C3%A9&q=red%20shoe");
    });

    it("answers an empty query string when nothing is allowed through", async () => {
        assert.strictEqual((await normalize(f, "/", [["utm_source", "x"]])).querystring, "");
        assert.strictEqual((await normalize(f, "/", [])).querystring, "");
    });

    it("does not treat inherited object keys as allow-listed", async () => {
        assert.strictEqual(
            (
                await normalize(f, "/", [
                    ["constructor", "1"],
                    ["toString", "2"],
                    ["__proto__", "3"],
                ])
            ).querystring,
            "",
        );
    });

    it("keeps a key named like an Object.prototype member when it is allow-listed", async () => {
        const odd = loadEdge(FILE, { kvs: { "cache-key": JSON.stringify({ queryAllowList: ["__proto__", "constructor"] }) } });
        assert.strictEqual(
            (
                await normalize(odd, "/", [
                    ["constructor", "1"],
                    ["__proto__", "2"],
                    ["x", "3"],
                ])
            ).querystring,
            "__proto__=2&constructor=1",
        );
    });

    it("keeps the method, headers and cookies of the request", async () => {
        const out = await f.handler(viewerRequest({ uri: "/Products/A", headers: { "accept-language": "fr" }, cookies: { s: "1" } }));
        assert.strictEqual(out.method, "GET");
        assert.deepStrictEqual(out.headers["accept-language"], { value: "fr" });
        assert.deepStrictEqual(out.cookies, { s: { value: "1" } });
    });

    it("drops every query key with an empty allow-list", async () => {
        const none = loadEdge(FILE, { kvs: { "cache-key": JSON.stringify({ queryAllowList: [] }) } });
        assert.strictEqual((await normalize(none, "/Products/A", [["page", "1"]])).querystring, "");
        assert.strictEqual((await normalize(none, "/Products/A", [])).uri, "/Products/A");
    });

    it("keeps every key, sorted, when the config has no allow-list", async () => {
        const all = loadEdge(FILE, { kvs: { "cache-key": JSON.stringify({ lowercasePaths: ["/a/"] }) } });
        const out = await normalize(all, "/A/B", [
            ["z", "1"],
            ["utm", "2"],
        ]);
        assert.deepStrictEqual([out.uri, out.querystring], ["/a/b", "utm=2&z=1"]);
    });

    const DEFAULT_CASES: [string, Record<string, string>][] = [
        ["the key is missing", {}],
        ["the value is not JSON", { "cache-key": "{lowercasePaths" }],
        ["the value is an array", { "cache-key": "[]" }],
        ["the value is a string", { "cache-key": '"x"' }],
        ["lowercasePaths is not an array", { "cache-key": JSON.stringify({ lowercasePaths: "/products/" }) }],
        ["a prefix does not start with /", { "cache-key": JSON.stringify({ lowercasePaths: ["products/"] }) }],
        ["a prefix is not a string", { "cache-key": JSON.stringify({ lowercasePaths: [1] }) }],
        ["there are more than 50 prefixes", { "cache-key": JSON.stringify({ lowercasePaths: Array.from({ length: 51 }, (_, i) => `/p${i}/`) }) }],
        ["the allow-list holds an empty key", { "cache-key": JSON.stringify({ lowercasePaths: ["/products/"], queryAllowList: [""] }) }],
        ["the allow-list is an object", { "cache-key": JSON.stringify({ queryAllowList: { page: true } }) }],
        ["the allow-list has more than 100 keys", { "cache-key": JSON.stringify({ queryAllowList: Array.from({ length: 101 }, (_, i) => `k${i}`) }) }],
    ];
    for (const [title, kvs] of DEFAULT_CASES) {
        it(`falls back to the default (no lower-casing, every key kept, sorted) when ${title}`, async () => {
            const d = loadEdge(FILE, { kvs });
            const out = await normalize(d, "/Products/A", [
                ["utm_source", "x"],
                ["page", "2"],
            ]);
            assert.deepStrictEqual([out.uri, out.querystring], ["/Products/A", "page=2&utm_source=x"]);
        });
    }

    describe("properties (fast-check, seed 1515)", () => {
        const key = fc.constantFrom("a", "b", "page", "q", "sort", "utm_source", "Q", "10", "2", "x-y");
        const value = fc.stringMatching(/^[A-Za-z0-9%._-]{0,6}$/);
        const segment = fc.stringMatching(/^[A-Za-z0-9._-]{1,6}$/);
        const uri = fc
            .tuple(fc.constantFrom("/products/", "/PRODUCTS/", "/Blog/", "/assets/", "/"), fc.array(segment, { maxLength: 3 }))
            .map(([p, s]) => p + s.join("/"));
        const request = fc.record({ uri, pairs: fc.array(fc.tuple(key, value), { maxLength: 8 }) });

        it("is idempotent: normalizing a normalized request changes nothing (300 runs)", async () => {
            await fc.assert(
                fc.asyncProperty(request, async ({ uri, pairs }) => {
                    const once = await normalize(f, uri, pairs);
                    const twice = await normalize(f, once.uri, pairsOf(once.querystring));
                    assert.deepStrictEqual([twice.uri, twice.querystring], [once.uri, once.querystring]);
                }),
                { seed: 1515, numRuns: 300 },
            );
        });

        it("is order-independent: any permutation of the pairs gives the same result (300 runs)", async () => {
            await fc.assert(
                fc.asyncProperty(
                    request.chain((r) => fc.tuple(fc.constant(r), fc.shuffledSubarray(r.pairs, { minLength: r.pairs.length, maxLength: r.pairs.length }))),
                    async ([{ uri, pairs }, shuffled]) => {
                        const a = await normalize(f, uri, pairs);
                        const b = await normalize(f, uri, shuffled);
                        assert.strictEqual(b.querystring, a.querystring);
                    },
                ),
                { seed: 1515, numRuns: 300 },
            );
        });

        it("keeps exactly the allow-listed pairs, as a multiset (300 runs)", async () => {
            const allowed = new Set(["page", "q", "sort", "a"]);
            await fc.assert(
                fc.asyncProperty(request, async ({ uri, pairs }) => {
                    const out = await normalize(f, uri, pairs);
                    const expected = pairs
                        .filter(([k]) => allowed.has(k))
                        .map(([k, v]) => `${k}=${v}`)
                        .sort();
                    assert.deepStrictEqual(
                        pairsOf(out.querystring)
                            .map(([k, v]) => `${k}=${v}`)
                            .sort(),
                        expected,
                    );
                }),
                { seed: 1515, numRuns: 300 },
            );
        });
    });
});
