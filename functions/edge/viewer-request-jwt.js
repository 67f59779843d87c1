// CloudFront Function (cloudfront-js-2.0), viewer request: HS256 JWT check.
// The key is read from the associated KeyValueStore, key "jwt-secret", stored base64url-encoded
// (the raw key bytes, as a JWK "k"). Mirrors functions/authorizer/core.ts (no imports possible here).
// 401 for: no "authorization: Bearer <jwt>", malformed token, alg other than HS256 (none included),
// "crit", bad signature, exp missing or passed, nbf in the future (30 s leeway), a sub that is not a
// non-empty string without control characters. sub is optional (RFC 7519): without it no x-user-sub is set.
// On success: "x-user-sub" carries the "sub" claim (any client-sent x-user-sub is always removed first);
// the authorization header is kept so that the origin may check the token again.
import cf from "cloudfront";

const crypto = require("crypto");
const kvsHandle = cf.kvs();
const LEEWAY = 30;
const MAX_TOKEN = 8192;
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const BEARER = /^Bearer ([^ ]+)$/i;

function unauthorized() {
    return {
        statusCode: 401,
        statusDescription: "Unauthorized",
        headers: {
            "www-authenticate": { value: 'Bearer realm="edge"' },
            "cache-control": { value: "no-store" },
        },
    };
}

function decodeObject(segment) {
    try {
        const v = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
        return typeof v === "object" && v !== null && !Array.isArray(v) ? v : undefined;
    } catch (e) {
        return undefined;
    }
}

// Compares the encoded signatures character by character without an early exit.
function sameString(a, b) {
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
    return diff === 0;
}

function isNumber(v) {
    return typeof v === "number" && Number.isFinite(v);
}

function hasControl(s) {
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x20 || c === 0x7f) return true;
    }
    return false;
}

function verify(token, key, now) {
    if (token.length > MAX_TOKEN) return undefined;
    const parts = token.split(".");
    if (parts.length !== 3) return undefined;
    for (let i = 0; i < 3; i++) if (!SEGMENT.test(parts[i])) return undefined;
    const header = decodeObject(parts[0]);
    if (header === undefined || header.alg !== "HS256" || header.crit !== undefined) return undefined;
    if (header.typ !== undefined && header.typ !== "JWT") return undefined;
    const expected = crypto
        .createHmac("sha256", key)
        .update(`${parts[0]}.${parts[1]}`)
        .digest("base64url");
    if (!sameString(parts[2], expected)) return undefined;
    const claims = decodeObject(parts[1]);
    if (claims === undefined || !isNumber(claims.exp) || now >= claims.exp + LEEWAY) return undefined;
    if (claims.nbf !== undefined && (!isNumber(claims.nbf) || now < claims.nbf - LEEWAY)) return undefined;
    // sub becomes a header value: control characters would make CloudFront reject the function's result.
    if (claims.sub !== undefined && (typeof claims.sub !== "string" || claims.sub.length === 0 || hasControl(claims.sub))) return undefined;
    return claims;
}

async function handler(event) {
    const request = event.request;
    const auth = request.headers.authorization;
    const match = auth === undefined ? null : BEARER.exec(auth.value);
    delete request.headers["x-user-sub"];
    if (match === null) return unauthorized();
    // A missing key throws: CloudFront answers 503 and counts a function error (fails closed, and visibly).
    const key = Buffer.from(await kvsHandle.get("jwt-secret"), "base64url");
    const claims = verify(match[1], key, Math.floor(Date.now() / 1000));
    if (claims === undefined) return unauthorized();
    if (claims.sub !== undefined) request.headers["x-user-sub"] = { value: claims.sub };
    return request;
}
