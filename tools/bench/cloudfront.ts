/**
 * The CloudFront Functions of the stacks: which files the EdgeFunctions component deploys, and the median time per
 * invocation of each in the project's vm sandbox (`loadCloudFrontFunction`, the tests' harness) over CloudFront's own
 * event shapes. Used by `npm run bench` (in a child process: `node -r ./tools/register.js tools/bench/cloudfront.ts`
 * prints JSON) and by tests/functions/edge/measure.ts.
 *
 * The sandbox's times compare the functions; CloudFront bills per invocation and reports its own compute utilization
 * against a budget of about 1 ms per invocation
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-functions.html).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { CLOUDFRONT_FUNCTION_MAX_BYTES, type CloudFrontSandboxOptions, loadCloudFrontFunction } from "../../components/testing/cloudfront";
import { loadEdge, queryObject, viewerRequest, viewerResponse } from "../../tests/functions/edge/events";
import { b64url, sign } from "../../tests/functions/edge/tokens";

const ROOT = path.resolve(__dirname, "..", "..");

/** One measured call: a function file, its sandbox options (KeyValueStore content, clock) and the event it gets. */
export interface CloudFrontCase {
    file: string;
    options: CloudFrontSandboxOptions;
    event: () => unknown;
    /** The path the event takes through the function. */
    note: string;
}

/** A CloudFront Function the stacks deploy: the key in the EdgeFunctions `functions` record and its source file. */
export interface DeployedCloudFrontFunction {
    key: string;
    /** Relative to the repository, e.g. `functions/edge/viewer-request-jwt.js`. */
    file: string;
    /** Where the stack names it (`stacks/cdn.ts:216`). */
    at: string;
}

/**
 * The CloudFront Functions the stacks give an EdgeFunctions component: its `functions` record's entries
 * `<key>: { code: <reader>("<file>") ... }`, where the reader reads `functions/edge/<file>` (stacks/cdn.ts's
 * `edgeCode`). The component takes the code as a string, so the files are found where the stacks read them.
 */
export function discoverCloudFrontFunctions(root: string = ROOT): DeployedCloudFrontFunction[] {
    const found = new Map<string, DeployedCloudFrontFunction>();
    const stacks = path.join(root, "stacks");
    for (const name of fs
        .readdirSync(stacks)
        .filter((f) => f.endsWith(".ts"))
        .sort()) {
        const text = fs.readFileSync(path.join(stacks, name), "utf8");
        // The reader: a function whose body reads a file under functions/edge.
        const readers = [...text.matchAll(/const (\w+) = \(\w+(?:: string)?\) => readFileSync\(path\.join\([^)]*"functions", "edge"/g)].map((m) => m[1]);
        for (const reader of readers) {
            const entry = new RegExp(`"?([\\w-]+)"?:\\s*\\{\\s*code:\\s*${reader}\\("([^"]+)"\\)`, "g");
            for (const m of text.matchAll(entry)) {
                const line = text.slice(0, m.index).split("\n").length;
                const file = `functions/edge/${m[2]}`;
                if (!found.has(m[1])) found.set(m[1], { key: m[1], file, at: `stacks/${name}:${line}` });
            }
        }
    }
    return [...found.values()].sort((a, b) => a.key.localeCompare(b.key));
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

/** One case's measurement. */
export interface CloudFrontTiming {
    file: string;
    bytes: number;
    note: string;
    medianMs: number;
}

/**
 * The sandbox's own cost per call (a no-op function: vm timeout watchdog, event crossing, JSON copy of the result) and
 * the median of every case. Every file in functions/edge must have a case: a new file without one fails here.
 */
export async function measureCloudFront(iterations = 2000): Promise<{ sandboxBaselineMs: number; cases: CloudFrontTiming[] }> {
    const cases = cloudFrontCases();
    const files = fs.readdirSync(path.join(ROOT, "functions", "edge")).filter((f) => f.endsWith(".js"));
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

export { CLOUDFRONT_FUNCTION_MAX_BYTES };

if (require.main === module) {
    measureCloudFront(Number(process.argv[2] ?? 2000)).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
