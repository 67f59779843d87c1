/**
 * Size and median time per invocation of each CloudFront Function in the sandbox (not a test: timings vary by
 * machine). Run: node -r ./tools/register.js tests/functions/edge/measure.ts
 * The sandbox's times say how the code compares, not what CloudFront bills (its compute utilization metric).
 */
import { performance } from "node:perf_hooks";
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { bundle } from "../../../components/shared/bundle";
import { CLOUDFRONT_FUNCTION_MAX_BYTES, CloudFrontSandboxOptions, loadCloudFrontFunction } from "../../../components/testing/cloudfront";
import { createHandler } from "../../../functions/edge/origin-request-router/index";
import { loadEdge, queryObject, viewerRequest, viewerResponse } from "./events";
import { originRequest } from "./origin-events";
import { b64url, sign } from "./tokens";

const KEY = Buffer.from("edge-test-key-0123456789abcdef-edge-test-key");
const NOW = new Date("2026-01-01T00:00:00Z");
const ITERATIONS = 2000;
const EDGE_DIR = path.join(__dirname, "..", "..", "..", "functions", "edge");

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
    const cacheKey = JSON.stringify({ lowercasePaths: ["/products/"], queryAllowList: ["page", "q", "sort"] });
    const queryPairs: [string, string][] = [
        ["utm_source", "mail"],
        ["sort", "price"],
        ["q", "shoe"],
        ["fbclid", "x"],
        ["page", "2"],
        ["utm_medium", "email"],
        ["ref", "home"],
        ["gclid", "y"],
    ];
    const botRules = JSON.stringify({ block: ["badbot/"], allow: ["acme-probe/"] });
    const browser = {
        "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        accept: "text/html",
        "accept-language": "en-US,en;q=0.9",
    };
    const weights = JSON.stringify({ control: 70, beta: 20, gamma: 10 });
    let n = 0;
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
            event: () => viewerRequest({ uri: "/legacy/page-7", query: "a=1" }),
            note: "redirect, 30-entry map",
        },
        {
            file: "viewer-request-cache-key.js",
            options: { kvs: { "cache-key": cacheKey } },
            event: () => viewerRequest({ uri: "/Products/Red-Shoe", querystring: queryObject(queryPairs) }),
            note: "8 pairs in, 3 kept and sorted, path lower-cased",
        },
        {
            file: "viewer-request-bot.js",
            options: { kvs: { "bot-rules": botRules } },
            event: () => viewerRequest({ headers: browser }),
            note: "browser passes (every rule checked)",
        },
        { file: "viewer-request-bot.js", options: {}, event: () => viewerRequest({ headers: { "user-agent": "sqlmap/1.8.2#stable" } }), note: "sqlmap, 403" },
        {
            file: "viewer-ab-test.js",
            options: { kvs: { "ab-weights": weights } },
            event: () => viewerRequest({ requestId: `r${++n}` }),
            note: "viewer request, new viewer (MD5 draw)",
        },
        {
            file: "viewer-ab-test.js",
            options: { kvs: { "ab-weights": weights } },
            event: () => viewerRequest({ cookies: { "ab-variant": "beta" } }),
            note: "viewer request, sticky cookie",
        },
        {
            file: "viewer-ab-test.js",
            options: { kvs: { "ab-weights": weights } },
            event: () => viewerResponse({ requestId: `r${++n}` }),
            note: "viewer response, Set-Cookie",
        },
    ];
    // Every CloudFront Function in functions/edge must be measured: a new file without a case fails here.
    const files = readdirSync(EDGE_DIR).filter((f) => f.endsWith(".js"));
    const missing = files.filter((f) => !cases.some((c) => c.file === f));
    if (missing.length > 0) throw new Error(`no measurement case for ${missing.join(", ")}`);
    // The sandbox's own cost per call (vm timeout watchdog, event crossing, JSON copy of the result).
    const noop = loadCloudFrontFunction("async function handler(event) { return event.request; }");
    const base = await median(() => noop.handler(viewerRequest()));
    console.log(`(no-op baseline)\t${noop.bytes} bytes\tmedian ${(base * 1000).toFixed(1)} µs\tsandbox overhead`);
    for (const c of cases) {
        const f = loadEdge(c.file, c.options);
        // A case must take the path its note names: a "redirect" that misses the map would time a rewrite.
        if (c.note.startsWith("redirect") && (await f.handler(c.event())).statusCode !== 301) throw new Error(`${c.file}: "${c.note}" does not redirect`);
        const m = await median(() => f.handler(c.event()));
        const share = ((100 * f.bytes) / CLOUDFRONT_FUNCTION_MAX_BYTES).toFixed(0);
        console.log(`${c.file}\t${f.bytes} / ${CLOUDFRONT_FUNCTION_MAX_BYTES} bytes (${share}%)\tmedian ${(m * 1000).toFixed(1)} µs\t${c.note}`);
    }
    // Lambda@Edge: the bundle's size (viewer events allow 1 MB, origin events 50 MB, compressed) and the handler's
    // median in plain Node.js (no sandbox: Lambda runs Node.js itself).
    const router = bundle("functions/edge/origin-request-router/index.ts");
    const handler = createHandler(path.join(__dirname, "router-routes.json"));
    const routed = () => handler(originRequest({ "CloudFront-Viewer-Country": "DE" }));
    const m = await median(routed);
    console.log(`origin-request-router (Lambda@Edge)\t${router.bytes} bytes bundled\tmedian ${(m * 1000).toFixed(1)} µs\tcountry route, 3 routes`);
}

void main();
