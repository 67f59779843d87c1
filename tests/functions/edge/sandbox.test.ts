import * as assert from "node:assert";
import { CLOUDFRONT_FUNCTION_MAX_BYTES, loadCloudFrontFunction } from "../../../components/testing/cloudfront";
import { viewerRequest } from "./events";

/** Runs `body` inside an async handler and returns what it returns. */
async function run(body: string, options = {}) {
    return loadCloudFrontFunction(`async function handler(event) { ${body} }`, options).handler(viewerRequest());
}

describe("CloudFront Functions sandbox (cloudfront-js-2.0)", () => {
    it("serves crypto's createHash and createHmac through require", async () => {
        const out = await run(
            `const c = require("crypto"); return [c.createHash("sha256").update("abc").digest("hex"), c.createHmac("sha256", "k").update("x").digest("base64url")];`,
        );
        assert.deepStrictEqual(out, ["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "w47ciBXISJ9kc4l49EAI-FljRVRfC6po72_PXFPlcYk"]);
    });

    it("returns a Buffer from digest() without an encoding, as runtime 2.0 does", async () => {
        assert.strictEqual(await run(`return require("crypto").createHash("sha256").update("abc").digest().length;`), 32);
    });

    it("refuses a hash CloudFront does not offer", async () => {
        await assert.rejects(run(`return require("crypto").createHash("sha512");`), /unsupported hash sha512/);
    });

    it("fails require of any module but crypto and cloudfront", async () => {
        for (const name of ["fs", "http", "child_process", "node:crypto"]) {
            await assert.rejects(run(`return require(${JSON.stringify(name)});`), /Cannot find module/);
        }
    });

    it("refuses to load an import of another module", () => {
        assert.throws(() => loadCloudFrontFunction(`import fs from "fs";\nasync function handler(e) { return e.request; }`), /only 'crypto' and 'cloudfront'/);
    });

    it("rewrites import cf from 'cloudfront' to the sandbox's module", async () => {
        const f = loadCloudFrontFunction(`import cf from 'cloudfront';\nasync function handler(e) { return cf.kvs().get("k"); }`, { kvs: { k: "v" } });
        assert.strictEqual(await f.handler(viewerRequest()), "v");
    });

    it("makes eval throw (no code generation from strings)", async () => {
        await assert.rejects(run(`return eval("1 + 1");`), { name: "EvalError" });
    });

    it("makes new Function throw (no code generation from strings)", async () => {
        await assert.rejects(run(`return new Function("return 1")();`), { name: "EvalError" });
    });

    it("has no timers, process, fetch, WebAssembly or host require", async () => {
        const out = await run(
            `return [typeof setTimeout, typeof setInterval, typeof setImmediate, typeof queueMicrotask, typeof process, typeof fetch, typeof WebAssembly, typeof module];`,
        );
        assert.deepStrictEqual(out, Array(8).fill("undefined"));
    });

    it("refuses a source over 10 KB before running it", () => {
        const padded = `async function handler(e) { return e.request; }\n//${"x".repeat(CLOUDFRONT_FUNCTION_MAX_BYTES)}`;
        assert.throws(() => loadCloudFrontFunction(padded), /at most 10240/);
    });

    it("accepts a source of exactly 10 KB", () => {
        const head = "async function handler(e) { return e.request; }\n//";
        const f = loadCloudFrontFunction(head + "x".repeat(CLOUDFRONT_FUNCTION_MAX_BYTES - head.length));
        assert.strictEqual(f.bytes, CLOUDFRONT_FUNCTION_MAX_BYTES);
    });

    it("counts the size in UTF-8 bytes, not characters", () => {
        const head = "async function handler(e) { return e.request; }\n//";
        const chars = CLOUDFRONT_FUNCTION_MAX_BYTES - head.length;
        assert.throws(() => loadCloudFrontFunction(head + "é".repeat(chars / 2 + 1)), /CloudFront allows at most/);
    });

    it("stops an infinite synchronous loop in the handler", async () => {
        await assert.rejects(run("while (true) {}", { timeoutMs: 50 }), /timed out/);
    });

    it("stops an infinite loop after an await (promise continuations run inside the bound)", async () => {
        await assert.rejects(run("await 0; for (;;) {}", { timeoutMs: 50 }), /timed out/);
    });

    it("stops an infinite loop at load time", () => {
        assert.throws(() => loadCloudFrontFunction("for (;;) {}\nasync function handler(e) {}", { timeoutMs: 50 }), /timed out/);
    });

    it("reports a handler awaiting a promise nothing settles", async () => {
        await assert.rejects(run("await new Promise(() => {});"), /did not settle/);
    });

    it("refuses a source with no handler", () => {
        assert.throws(() => loadCloudFrontFunction("var x = 1;"), /defines no `function handler/);
    });

    it("fixes the clock for Date.now() and new Date()", async () => {
        const now = new Date("2011-03-22T18:00:00Z");
        const out = await run("return [Date.now(), new Date().toISOString(), new Date(0).getTime()];", { now });
        assert.deepStrictEqual(out, [now.getTime(), now.toISOString(), 0]);
    });

    it("reads the KeyValueStore as string, json and bytes, and answers exists", async () => {
        const out = await run(
            `const cf = require("cloudfront"); const s = cf.kvs("kvs-id");
             return [await s.get("a"), await s.get("a", { format: "string" }), await s.get("j", { format: "json" }), (await s.get("a", { format: "bytes" })).length, await s.exists("a"), await s.exists("zz")];`,
            { kvs: { a: "hé", j: '{"x":[1]}' } },
        );
        assert.deepStrictEqual(out, ["hé", "hé", { x: [1] }, 3, true, false]);
    });

    it("throws on a missing KeyValueStore key, as CloudFront does", async () => {
        await assert.rejects(run(`return require("cloudfront").kvs().get("missing");`), /key not found: missing/);
    });

    it("refuses KeyValueStore values over 1024 characters and keys over 512, as CloudFront does", () => {
        const src = "async function handler(e) { return e.request; }";
        assert.doesNotThrow(() => loadCloudFrontFunction(src, { kvs: { ["k".repeat(512)]: "v".repeat(1024) } }));
        assert.throws(() => loadCloudFrontFunction(src, { kvs: { k: "v".repeat(1025) } }), /1025 characters; at most 1024/);
        assert.throws(() => loadCloudFrontFunction(src, { kvs: { ["k".repeat(513)]: "v" } }), /1 to 512 characters/);
    });

    it("captures console.log lines", async () => {
        const f = loadCloudFrontFunction(`async function handler(e) { console.log("uri", e.request.uri); return e.request; }`);
        await f.handler(viewerRequest({ uri: "/a" }));
        assert.deepStrictEqual(f.logs, ["uri /a"]);
    });
});
