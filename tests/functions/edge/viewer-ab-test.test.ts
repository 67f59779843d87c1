import * as assert from "node:assert";
import { createHash } from "node:crypto";
import { edgeFileBytes, loadEdge, viewerRequest, viewerResponse } from "./events";

const FILE = "viewer-ab-test.js";
const WEIGHTS = JSON.stringify({ control: 70, beta: 20, gamma: 10 });

/** Request ids shaped like CloudFront's (56 characters of base64), distinct and reproducible. */
function requestId(i: number): string {
    return `${createHash("sha256").update(`request-${i}`).digest("base64").slice(0, 54)}==`;
}

function load(kvs: Record<string, string> = { "ab-weights": WEIGHTS }) {
    return loadEdge(FILE, { kvs });
}

async function variantOf(f: ReturnType<typeof load>, init: { requestId?: string; cookies?: Record<string, string>; headers?: Record<string, string> } = {}) {
    return (await f.handler(viewerRequest({ uri: "/checkout", ...init }))).headers["x-ab-variant"]?.value as string | undefined;
}

async function cookieSet(f: ReturnType<typeof load>, init: { requestId?: string; cookies?: Record<string, string> } = {}) {
    return (await f.handler(viewerResponse({ uri: "/checkout", ...init }))).cookies["ab-variant"] as { value: string; attributes: string } | undefined;
}

describe("functions/edge/viewer-ab-test.js (in the CloudFront Functions sandbox)", () => {
    const f = load();

    it("loads within 6 KB (well under CloudFront's 10 KB limit), sized as the file's bytes", () => {
        assert.strictEqual(f.bytes, edgeFileBytes(FILE));
        assert.ok(f.bytes <= 6 * 1024, `${f.bytes} bytes`);
    });

    describe("viewer request", () => {
        it("keeps the variant of a valid cookie and passes it as x-ab-variant", async () => {
            for (const v of ["control", "beta", "gamma"]) {
                for (let i = 0; i < 20; i++) assert.strictEqual(await variantOf(f, { requestId: requestId(i), cookies: { "ab-variant": v } }), v);
            }
        });

        it("replaces a client-sent x-ab-variant header", async () => {
            assert.strictEqual(await variantOf(f, { cookies: { "ab-variant": "beta" }, headers: { "x-ab-variant": "gamma" } }), "beta");
        });

        it("reassigns a viewer whose cookie names no current variant", async () => {
            const seen = new Set<string>();
            for (let i = 0; i < 200; i++) seen.add((await variantOf(f, { requestId: requestId(i), cookies: { "ab-variant": "old-test" } }))!);
            assert.deepStrictEqual([...seen].sort(), ["beta", "control", "gamma"]);
        });

        it("does not treat inherited object keys in the cookie as variants", async () => {
            for (const bogus of ["constructor", "__proto__", "toString"]) {
                const v = await variantOf(f, { requestId: requestId(1), cookies: { "ab-variant": bogus } });
                assert.ok(["control", "beta", "gamma"].includes(v!), `${bogus} -> ${v}`);
            }
        });

        it("assigns by weight: 70/20/10 over 2,500 new viewers, each share within 4 standard deviations", async () => {
            const counts: Record<string, number> = { control: 0, beta: 0, gamma: 0 };
            // 2,500 viewers (each a sandboxed invocation, about 0.2 ms with its watchdog) tell the faults below apart by
            // 12 deviations or more; the draw hashes the request id, so the counts are the same on every run.
            const N = 2500;
            for (let i = 0; i < N; i++) counts[(await variantOf(f, { requestId: requestId(i) }))!]! += 1;
            assert.deepStrictEqual(Object.keys(counts).sort(), ["beta", "control", "gamma"]);
            // Binomial spread of a fair draw: sqrt(p(1-p)/N), 0.92 points for 70%, 0.6 for 10%. A draw ignoring the
            // weights (33% each) misses by dozens of deviations; one pairing beta and gamma with each other's weight (a
            // 10-point error on shares with spreads of 0.8 and 0.6 points) by 12 or more.
            for (const [v, p] of Object.entries({ control: 0.7, beta: 0.2, gamma: 0.1 })) {
                const sigma = Math.sqrt((p * (1 - p)) / N);
                assert.ok(Math.abs(counts[v]! / N - p) < 4 * sigma, `${v}: ${counts[v]} of ${N}, expected ${p * N} ± ${Math.round(4 * sigma * N)}`);
            }
        });

        it("never assigns a variant of weight 0, but keeps viewers who already have it", async () => {
            const g = load({ "ab-weights": JSON.stringify({ control: 1, old: 0 }) });
            for (let i = 0; i < 500; i++) assert.strictEqual(await variantOf(g, { requestId: requestId(i) }), "control");
            assert.strictEqual(await variantOf(g, { cookies: { "ab-variant": "old" } }), "old");
        });

        it("draws the same variant for one request id whatever the JSON's key order", async () => {
            const reordered = load({ "ab-weights": JSON.stringify({ gamma: 10, control: 70, beta: 20 }) });
            for (let i = 0; i < 200; i++)
                assert.strictEqual(await variantOf(reordered, { requestId: requestId(i) }), await variantOf(f, { requestId: requestId(i) }));
        });
    });

    describe("viewer response", () => {
        it("sets the cookie on a new assignment with the variant the request was given", async () => {
            for (let i = 0; i < 300; i++) {
                const id = requestId(i);
                const cookie = await cookieSet(f, { requestId: id });
                assert.deepStrictEqual(cookie, { value: await variantOf(f, { requestId: id }), attributes: "Path=/; Max-Age=2592000; Secure; SameSite=Lax" });
            }
        });

        it("sets no cookie when the viewer's cookie is valid", async () => {
            assert.strictEqual(await cookieSet(f, { cookies: { "ab-variant": "gamma" } }), undefined);
        });

        it("replaces an invalid cookie", async () => {
            const cookie = await cookieSet(f, { requestId: requestId(3), cookies: { "ab-variant": "BETA" } });
            assert.strictEqual(cookie?.value, await variantOf(f, { requestId: requestId(3) }));
        });

        it("keeps the response's status, headers and other cookies", async () => {
            const out = await f.handler(
                viewerResponse({
                    status: 404,
                    responseHeaders: { "content-type": "text/html" },
                    responseCookies: { session: { value: "s1", attributes: "HttpOnly" } },
                }),
            );
            assert.strictEqual(out.statusCode, 404);
            assert.deepStrictEqual(out.headers["content-type"], { value: "text/html" });
            assert.deepStrictEqual(out.cookies.session, { value: "s1", attributes: "HttpOnly" });
            assert.ok(out.cookies["ab-variant"] !== undefined);
        });
    });

    const INVALID: Record<string, Record<string, string>> = {
        "the key is missing": {},
        "the value is not JSON": { "ab-weights": "{control: 1" },
        "the value is an array": { "ab-weights": "[1, 2]" },
        "there are no variants": { "ab-weights": "{}" },
        "a weight is negative": { "ab-weights": JSON.stringify({ control: 5, beta: -1 }) },
        "a weight is not an integer": { "ab-weights": JSON.stringify({ control: 0.5, beta: 0.5 }) },
        "a weight is a string": { "ab-weights": JSON.stringify({ control: "50", beta: 50 }) },
        "a weight is over 10000": { "ab-weights": JSON.stringify({ control: 10001 }) },
        "every weight is 0": { "ab-weights": JSON.stringify({ control: 0, beta: 0 }) },
        "a name has an upper-case letter": { "ab-weights": JSON.stringify({ control: 1, Beta: 1 }) },
        "a name has a ; (it would break the cookie)": { "ab-weights": JSON.stringify({ control: 1, "b;x": 1 }) },
        "there are 11 variants": { "ab-weights": JSON.stringify(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`v${i}`, 1]))) },
    };
    for (const [title, kvs] of Object.entries(INVALID)) {
        it(`sends everyone to control without a cookie when ${title}`, async () => {
            const g = load(kvs);
            assert.strictEqual(await variantOf(g, { requestId: requestId(1) }), "control");
            assert.strictEqual(await variantOf(g, { cookies: { "ab-variant": "beta" } }), "control");
            assert.strictEqual(await cookieSet(g, { requestId: requestId(1) }), undefined);
        });
    }
});
