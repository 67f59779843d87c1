/**
 * Size and median time per invocation of each CloudFront Function in the sandbox (not a test: timings vary by
 * machine). Run: node -r ts-node/register/transpile-only tests/functions/edge/measure.ts
 * The sandbox's times say how the code compares, not what CloudFront bills (its compute utilization metric).
 */
import { performance } from "node:perf_hooks";
import { CloudFrontSandboxOptions, loadCloudFrontFunction } from "../../../components/testing/cloudfront";
import { loadEdge, viewerRequest, viewerResponse } from "./events";
import { b64url, sign } from "./tokens";

const KEY = Buffer.from("edge-test-key-0123456789abcdef-edge-test-key");
const NOW = new Date("2026-01-01T00:00:00Z");
const ITERATIONS = 2000;

async function median(run: () => Promise<unknown>): Promise<number> {
    for (let i = 0; i < 200; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
}

async function main() {
    const token = sign({ alg: "HS256", typ: "JWT" }, { sub: "user-1", exp: NOW.getTime() / 1000 + 600 }, KEY);
    const redirects = JSON.stringify(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`/legacy/page-${i}`, `/docs/p${i}/`])));
    console.log(`redirect map: ${redirects.length} characters (KeyValueStore values hold at most 1024)`);
    const cases: { file: string; options: CloudFrontSandboxOptions; event: () => unknown; note: string }[] = [
        {
            file: "viewer-request-jwt.js",
            options: { kvs: { "jwt-secret": b64url(KEY) }, now: NOW },
            event: () => viewerRequest({ headers: { authorization: `Bearer ${token}` } }),
            note: "valid token",
        },
        {
            file: "viewer-request-jwt.js",
            options: { kvs: { "jwt-secret": b64url(KEY) }, now: NOW },
            event: () => viewerRequest({ headers: { authorization: `Bearer ${token}x` } }),
            note: "bad signature",
        },
        { file: "viewer-response-security-headers.js", options: {}, event: () => viewerResponse(), note: "" },
        { file: "viewer-request-rewrite.js", options: { kvs: { redirects } }, event: () => viewerRequest({ uri: "/docs/" }), note: "rewrite, 30-entry map" },
        {
            file: "viewer-request-rewrite.js",
            options: { kvs: { redirects } },
            event: () => viewerRequest({ uri: "/old/7", query: "a=1" }),
            note: "redirect, 30-entry map",
        },
    ];
    // The sandbox's own cost per call (vm timeout watchdog, event crossing, JSON copy of the result).
    const noop = loadCloudFrontFunction("async function handler(event) { return event.request; }");
    const base = await median(() => noop.handler(viewerRequest()));
    console.log(`(no-op baseline)\t${noop.bytes} bytes\tmedian ${(base * 1000).toFixed(1)} µs\tsandbox overhead`);
    for (const c of cases) {
        const f = loadEdge(c.file, c.options);
        const m = await median(() => f.handler(c.event()));
        console.log(`${c.file}\t${f.bytes} bytes\tmedian ${(m * 1000).toFixed(1)} µs\t${c.note}`);
    }
}

void main();
