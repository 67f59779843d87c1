import * as assert from "node:assert";
import { edgeFileBytes, loadEdge, viewerRequest } from "./events";

const FILE = "viewer-request-rewrite.js";
const REDIRECTS = JSON.stringify({
    "/old/about": "/about/",
    "/blog/2019/launch.html": "https://blog.example.com/launch",
    "/docs": "/guide/",
    "/promo": "/shop/?campaign=spring",
});

describe("functions/edge/viewer-request-rewrite.js (in the CloudFront Functions sandbox)", () => {
    const f = loadEdge(FILE, { kvs: { redirects: REDIRECTS } });

    it("loads within CloudFront's 10 KB limit, sized as the file's bytes", () => {
        assert.strictEqual(f.bytes, edgeFileBytes(FILE));
        assert.ok(f.bytes <= 10240, `${f.bytes} bytes`);
    });

    for (const [from, to] of [
        ["/", "/index.html"],
        ["/about/", "/about/index.html"],
        ["/a/b/c/", "/a/b/c/index.html"],
        ["/about", "/about/index.html"],
        ["/v1.2/notes", "/v1.2/notes/index.html"],
    ] as const) {
        it(`rewrites the directory path ${from} to ${to}`, async () => {
            assert.strictEqual((await f.handler(viewerRequest({ uri: from }))).uri, to);
        });
    }

    for (const uri of ["/index.html", "/assets/app.3f2a.js", "/favicon.ico", "/a/b.tar.gz"]) {
        it(`leaves the file path ${uri} alone`, async () => {
            assert.strictEqual((await f.handler(viewerRequest({ uri }))).uri, uri);
        });
    }

    it("keeps the request's headers and query when rewriting", async () => {
        const out = await f.handler(viewerRequest({ uri: "/about/", query: "a=1", headers: { "accept-language": "fr" } }));
        assert.deepStrictEqual(out.querystring, { a: { value: "1" } });
        assert.deepStrictEqual(out.headers["accept-language"], { value: "fr" });
    });

    it("answers 301 with Location for a legacy path in the KeyValueStore map", async () => {
        const out = await f.handler(viewerRequest({ uri: "/old/about" }));
        assert.strictEqual(out.statusCode, 301);
        assert.strictEqual(out.statusDescription, "Moved Permanently");
        assert.deepStrictEqual(out.headers.location, { value: "/about/" });
    });

    it("redirects to another host when the map says so", async () => {
        const out = await f.handler(viewerRequest({ uri: "/blog/2019/launch.html" }));
        assert.strictEqual(out.headers.location.value, "https://blog.example.com/launch");
    });

    it("carries the query string over to the redirect target", async () => {
        const out = await f.handler(viewerRequest({ uri: "/old/about", query: "utm_source=x&b=2" }));
        assert.strictEqual(out.headers.location.value, "/about/?utm_source=x&b=2");
    });

    it("appends the viewer's query after & when the target has a query of its own", async () => {
        const out = await f.handler(viewerRequest({ uri: "/promo", query: "utm_source=x" }));
        assert.strictEqual(out.headers.location.value, "/shop/?campaign=spring&utm_source=x");
        assert.strictEqual((await f.handler(viewerRequest({ uri: "/promo" }))).headers.location.value, "/shop/?campaign=spring");
    });

    it("adds no ? for an empty query string", async () => {
        const out = await f.handler(viewerRequest({ uri: "/old/about", query: "" }));
        assert.strictEqual(out.headers.location.value, "/about/");
    });

    it("redirects before the index.html rewrite (a mapped directory-like path)", async () => {
        const out = await f.handler(viewerRequest({ uri: "/docs" }));
        assert.strictEqual(out.statusCode, 301);
        assert.strictEqual(out.headers.location.value, "/guide/");
    });

    it("matches the map on the exact URI only", async () => {
        const out = await f.handler(viewerRequest({ uri: "/old/about/" }));
        assert.strictEqual(out.statusCode, undefined);
        assert.strictEqual(out.uri, "/old/about/index.html");
    });

    it("does not treat inherited object keys as map entries", async () => {
        const out = await f.handler(viewerRequest({ uri: "/constructor" }));
        assert.strictEqual(out.uri, "/constructor/index.html");
    });

    it("still rewrites when the KeyValueStore has no redirects key", async () => {
        const bare = loadEdge(FILE, { kvs: {} });
        assert.strictEqual((await bare.handler(viewerRequest({ uri: "/old/about" }))).uri, "/old/about/index.html");
    });

    it("still rewrites when the redirects value is not a JSON object", async () => {
        for (const value of ["{broken", "[1,2]", '"x"']) {
            const bad = loadEdge(FILE, { kvs: { redirects: value } });
            assert.strictEqual((await bad.handler(viewerRequest({ uri: "/x/" }))).uri, "/x/index.html", value);
        }
    });

    it("ignores a map entry whose target is not a non-empty string", async () => {
        const odd = loadEdge(FILE, { kvs: { redirects: JSON.stringify({ "/a": 1, "/b": "" }) } });
        assert.strictEqual((await odd.handler(viewerRequest({ uri: "/a" }))).uri, "/a/index.html");
        assert.strictEqual((await odd.handler(viewerRequest({ uri: "/b" }))).uri, "/b/index.html");
    });
});
