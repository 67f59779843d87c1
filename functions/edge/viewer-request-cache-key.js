import cf from "cloudfront";

// CloudFront Function (cloudfront-js-2.0), viewer request: cache-key normalization. It runs before the cache
// lookup, so what it returns is both the cache key and what the origin receives: variants of one URL that the
// origin answers alike (`/Products/X` vs `/products/x`, `?b=2&a=1&utm_source=x` vs `?a=1&b=2`) share one entry.
//
// KeyValueStore key "cache-key" (JSON, optional):
//   { "lowercasePaths": ["/products/", "/blog/"], "queryAllowList": ["page", "q", "sort"] }
// - lowercasePaths: path prefixes (each starts with "/", at most 50) under which the whole URI is lower-cased;
//   matched case-insensitively. Default []: S3 keys are case-sensitive, so lower-casing is opt-in per prefix.
// - queryAllowList: the query-string keys kept (exact, case-sensitive match, at most 100); every other key is
//   dropped. Absent: every key is kept. [] drops the whole query string.
// Then the kept pairs are sorted by key, then value (multi-value keys included, so "a=2&a=1" becomes "a=1&a=2";
// an origin that gives meaning to the order of repeated values must not sit behind this function).
// Missing key or malformed value (bad JSON, a wrong type, an entry that breaks the rules above): the built-in
// default, i.e. no lower-casing and every key kept, sorted. This fails open on purpose: normalization only raises
// the hit ratio, so a broken config must cost hit ratio, never correctness (dropping a key the origin needs would
// serve one page for all its values) nor availability (a throw here is a 503 for every viewer).
// The cache policy should include all query strings: the filtering has already happened here.

const kvsHandle = cf.kvs();
const MAX_PREFIXES = 50;
const MAX_KEYS = 100;

function stringList(v, max, check) {
    if (!Array.isArray(v) || v.length > max) return undefined;
    const out = [];
    for (let i = 0; i < v.length; i++) {
        if (typeof v[i] !== "string" || !check(v[i])) return undefined;
        out.push(v[i]);
    }
    return out;
}

// The config, validated as a whole: a partly valid value is treated as malformed (all or nothing is easier to reason about).
function parseConfig(raw) {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
    let paths = [];
    if (raw.lowercasePaths !== undefined) {
        paths = stringList(raw.lowercasePaths, MAX_PREFIXES, (p) => p.length > 0 && p.charAt(0) === "/");
        if (paths === undefined) return undefined;
    }
    let allow = null;
    if (raw.queryAllowList !== undefined) {
        const keys = stringList(raw.queryAllowList, MAX_KEYS, (k) => k.length > 0);
        if (keys === undefined) return undefined;
        // No prototype: "constructor" or "__proto__" in a query string must not look allow-listed, and may be listed.
        allow = Object.create(null);
        for (let i = 0; i < keys.length; i++) allow[keys[i]] = true;
    }
    return { paths: paths.map((p) => p.toLowerCase()), allow: allow };
}

async function config() {
    try {
        const parsed = parseConfig(await kvsHandle.get("cache-key", { format: "json" }));
        if (parsed !== undefined) return parsed;
    } catch (e) {
        // Missing key or invalid JSON: the default below.
    }
    return { paths: [], allow: null };
}

// Code-unit order on (key, value): a total order, so the result does not depend on the engine's sort stability.
function comparePairs(a, b) {
    if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
    if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
    return 0;
}

function normalizedQuery(querystring, allow) {
    const pairs = [];
    const keys = Object.keys(querystring);
    for (let k = 0; k < keys.length; k++) {
        const key = keys[k];
        if (allow !== null && allow[key] !== true) continue;
        const entry = querystring[key];
        // CloudFront's shape: { value } for one value, plus multiValue: [{ value }, ...] (every value) when repeated.
        const values = Array.isArray(entry.multiValue) && entry.multiValue.length > 0 ? entry.multiValue : [entry];
        for (let i = 0; i < values.length; i++) pairs.push([key, values[i].value]);
    }
    pairs.sort(comparePairs);
    // Runtime 2.0 accepts the query string as a string, which fixes the order; values stay as the viewer encoded them.
    // AWS's example does the same: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/example-function-normalize-query-string.html
    // Not re-encoded: the event's names and values keep the viewer's percent-encoding, and a rewritten query may hold
    // no space, control character or "#" ("Restrictions on all edge functions", query strings). Verify with
    // `aws cloudfront test-function` (an event with "q": { "value": "a%20b" }) that the output keeps "a%20b".
    return pairs.map((p) => `${p[0]}=${p[1]}`).join("&");
}

async function handler(event) {
    const request = event.request;
    const cfg = await config();
    const lower = request.uri.toLowerCase();
    for (let i = 0; i < cfg.paths.length; i++) {
        if (lower.startsWith(cfg.paths[i])) {
            request.uri = lower;
            break;
        }
    }
    request.querystring = normalizedQuery(request.querystring, cfg.allow);
    return request;
}
