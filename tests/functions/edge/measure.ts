/**
 * Size and median time per invocation of each CloudFront Function in the sandbox (not a test: timings vary by
 * machine). Run: node -r ./tools/register.js tests/functions/edge/measure.ts
 * `npm run bench` runs it as `... measure.ts --json <iterations>` in a child process and reads the JSON it prints.
 * The sandbox's times say how the code compares, not what CloudFront bills (its compute utilization metric).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { bundle } from "../../../components/shared/bundle";
import { CLOUDFRONT_FUNCTION_MAX_BYTES, type CloudFrontSandboxOptions, loadCloudFrontFunction } from "../../../components/testing/cloudfront";
import { createHandler } from "../../../functions/edge/origin-request-router/index";
import type { CloudFrontTiming } from "../../../tools/bench/cloudfront";
import { loadEdge, queryObject, viewerRequest, viewerResponse } from "./events";
import { originRequest } from "./origin-events";
import { b64url, sign } from "./tokens";

const EDGE_DIR = path.join(__dirname, "..", "..", "..", "functions", "edge");

/** One measured call: a function file, its sandbox options (KeyValueStore content, clock) and the event it gets. */
export interface CloudFrontCase {
    file: string;
    options: CloudFrontSandboxOptions;
    event: () => unknown;
    /** The path the event takes through the function. */
    note: string;
}

const KEY = Buffer.from("edge-test-key-0123456789abcdef-edge-test-key");
const NOW = new Date("2026-01-01T00:00:00Z");

/** Realistic events for every CloudFront Function in functions/edge, with the KeyValueStore content the README documents. */
export function cloudFrontCases(): CloudFrontCase[] {
    const token = sign({ alg: "HS256", typ: "JWT" }, { sub: "user-1", exp: NOW.getTime() / 1000 + 600 }, KEY);
    const redirects = JSON.stringify(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`/legacy/page-${i}`, `/docs/p${i}/`])));
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
    return [
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
}

/** The median wall time of one call of `run`, in milliseconds, after `warmup` unmeasured calls. */
export async function medianCallMs(run: () => Promise<unknown>, iterations = 2000, warmup = 200): Promise<number> {
    for (let i = 0; i < warmup; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
}

/**
 * The sandbox's own cost per call (a no-op function: vm timeout watchdog, event crossing, JSON copy of the result) and
 * the median of every case. Every file in functions/edge must have a case: a new file without one fails here.
 */
export async function measureCloudFront(iterations = 2000): Promise<{ sandboxBaselineMs: number; cases: CloudFrontTiming[] }> {
    const cases = cloudFrontCases();
    const files = fs.readdirSync(EDGE_DIR).filter((f) => f.endsWith(".js"));
    const missing = files.filter((f) => !cases.some((c) => c.file === f));
    if (missing.length > 0) throw new Error(`no measurement case for ${missing.join(", ")}`);
    const noop = loadCloudFrontFunction("async function handler(event) { return event.request; }");
    const sandboxBaselineMs = await medianCallMs(() => noop.handler(viewerRequest()), iterations);
    const out: CloudFrontTiming[] = [];
    for (const c of cases) {
        const f = loadEdge(c.file, c.options);
        // A case must take the path its note names: a "redirect" that misses the map would time a rewrite.
        if (c.note.startsWith("redirect") && (await f.handler(c.event())).statusCode !== 301) throw new Error(`${c.file}: "${c.note}" does not redirect`);
        out.push({ file: c.file, bytes: f.bytes, note: c.note, medianMs: await medianCallMs(() => f.handler(c.event()), iterations) });
    }
    return { sandboxBaselineMs, cases: out };
}

async function main(argv: string[]) {
    if (argv[0] === "--json") {
        process.stdout.write(`${JSON.stringify(await measureCloudFront(Number(argv[1] ?? 2000)))}\n`);
        return;
    }
    const redirects = JSON.stringify(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`/legacy/page-${i}`, `/docs/p${i}/`])));
    console.log(`redirect map: ${redirects.length} characters (KeyValueStore values hold at most 1024)`);
    const { sandboxBaselineMs, cases } = await measureCloudFront();
    console.log(`(no-op baseline)\tmedian ${(sandboxBaselineMs * 1000).toFixed(1)} µs\tsandbox overhead`);
    for (const c of cases) {
        const share = ((100 * c.bytes) / CLOUDFRONT_FUNCTION_MAX_BYTES).toFixed(0);
        console.log(`${c.file}\t${c.bytes} / ${CLOUDFRONT_FUNCTION_MAX_BYTES} bytes (${share}%)\tmedian ${(c.medianMs * 1000).toFixed(1)} µs\t${c.note}`);
    }
    // Lambda@Edge: the bundle's size (viewer events allow 1 MB, origin events 50 MB, compressed) and the handler's
    // median in plain Node.js (no sandbox: Lambda runs Node.js itself).
    const router = bundle("functions/edge/origin-request-router/index.ts");
    const handler = createHandler(path.join(__dirname, "router-routes.json"));
    const m = await medianCallMs(() => handler(originRequest({ "CloudFront-Viewer-Country": "DE" })));
    console.log(`origin-request-router (Lambda@Edge)\t${router.bytes} bytes bundled\tmedian ${(m * 1000).toFixed(1)} µs\tcountry route, 3 routes`);
}

void main(process.argv.slice(2));
