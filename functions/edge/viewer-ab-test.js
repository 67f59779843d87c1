import cf from "cloudfront";
import crypto from "crypto";

// CloudFront Function (cloudfront-js-2.0), A/B testing with a sticky cookie. One source for two associations
// on the same behavior: viewer-request AND viewer-response (the handler tells them apart by event.context.eventType).
// The behavior then has no free function slot on either event (one function per event type): the JWT, rewrite,
// cache-key and bot functions cannot share it, and security headers come from the response-headers policy.
//
// viewer request: a cookie "ab-variant" naming a variant of the current weights keeps that variant (sticky, also
// for a variant whose weight is now 0: weight 0 only stops new assignments; remove a variant to move its viewers).
// Otherwise the variant is drawn by weight. Either way the request goes on with header "x-ab-variant: <variant>"
// (a client-sent one is replaced). The origin reads that header; the cache policy must include x-ab-variant in the
// cache key (a viewer-request function runs before the cache lookup), or variants would share cached pages.
// A header rather than a URI prefix: one origin (the app) renders both variants and URLs stay the same; a static
// site wanting a folder per variant would rewrite request.uri with the same variant instead.
// viewer response: when the request had no valid cookie, the same variant is recomputed and set with
// "Set-Cookie: ab-variant=<variant>; Path=/; Max-Age=2592000; Secure; SameSite=Lax" (30 days; not HttpOnly so that
// front-end analytics can tag events with it). The draw hashes context.requestId (MD5, first 32 bits), which both
// events of one request share, so no state passes between them and the two always agree (a KVS change between the
// two events could split one first response; the next request settles it).
//
// KeyValueStore key "ab-weights" (JSON): { "control": 90, "beta": 10 }: 1 to 10 variants, names of 1 to 32
// characters [a-z0-9_-] starting with a letter or digit, weights integers 0 to 10000, total above 0. Missing key or
// an invalid value: everyone gets "control" and no cookie is set (so viewers are assigned once the weights are fixed);
// an experiment that cannot be read is off, rather than a 503 for every viewer.
// crypto is loaded with import, as in AWS's KeyValueStore JWT example, rather than require next to an import.

const kvsHandle = cf.kvs();
const COOKIE = "ab-variant";
const HEADER = "x-ab-variant";
const CONTROL = "control";
const COOKIE_ATTRIBUTES = "Path=/; Max-Age=2592000; Secure; SameSite=Lax";
const NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const MAX_VARIANTS = 10;
const MAX_WEIGHT = 10000;

function parseWeights(raw) {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
    // Sorted, so that the draw does not depend on the order of the JSON's keys.
    const names = Object.keys(raw).sort();
    if (names.length === 0 || names.length > MAX_VARIANTS) return undefined;
    let total = 0;
    for (let i = 0; i < names.length; i++) {
        const w = raw[names[i]];
        if (!NAME.test(names[i]) || typeof w !== "number" || !Number.isInteger(w) || w < 0 || w > MAX_WEIGHT) return undefined;
        total += w;
    }
    return total > 0 ? { names: names, weights: raw, total: total } : undefined;
}

async function weights() {
    try {
        return parseWeights(await kvsHandle.get("ab-weights", { format: "json" }));
    } catch (e) {
        return undefined;
    }
}

// A number in [0, 1) from the request id: uniform because MD5's output is, the same in both events of a request.
function draw(requestId) {
    const hex = crypto.createHash("md5").update(String(requestId)).digest("hex");
    return parseInt(hex.slice(0, 8), 16) / 4294967296;
}

function pick(cfg, u) {
    const target = u * cfg.total;
    let sum = 0;
    for (let i = 0; i < cfg.names.length; i++) {
        sum += cfg.weights[cfg.names[i]];
        if (target < sum) return cfg.names[i];
    }
    return cfg.names[cfg.names.length - 1];
}

async function assignment(event) {
    const cfg = await weights();
    if (cfg === undefined) return { variant: CONTROL, fresh: false };
    const cookie = event.request.cookies[COOKIE];
    const current = cookie === undefined ? undefined : cookie.value;
    if (typeof current === "string" && Object.prototype.hasOwnProperty.call(cfg.weights, current)) return { variant: current, fresh: false };
    return { variant: pick(cfg, draw(event.context.requestId)), fresh: true };
}

async function handler(event) {
    const a = await assignment(event);
    if (event.context.eventType === "viewer-response") {
        const response = event.response;
        if (a.fresh) response.cookies[COOKIE] = { value: a.variant, attributes: COOKIE_ATTRIBUTES };
        return response;
    }
    const request = event.request;
    request.headers[HEADER] = { value: a.variant };
    return request;
}
