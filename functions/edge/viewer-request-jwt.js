import cf from "cloudfront";
import crypto from "crypto";

// CloudFront Function (cloudfront-js-2.0), viewer request: HS256 JWT check.
// The key is read from the associated KeyValueStore, key "jwt-secret", stored base64url-encoded
// (the raw key bytes, as a JWK "k"). Mirrors functions/authorizer/core.ts (no imports possible here).
// 401 for: no "authorization: Bearer <jwt>", malformed token, alg other than HS256 (none included),
// "crit", bad signature, exp missing or passed, nbf in the future (30 s leeway), a sub that is not a
// non-empty string without control characters. sub is optional (RFC 7519): without it no x-user-sub is set.
// On success: "x-user-sub" carries the "sub" claim (any client-sent x-user-sub is always removed first);
// the authorization header is kept so that the origin may check the token again.
// A missing "jwt-secret", or one that decodes to fewer than 32 bytes (RFC 7518 section 3.2: an HS256 key must be
// at least 256 bits; an empty value would make a zero-length HMAC key anyone can sign with), throws: CloudFront
// answers 503 and counts a function error, so the function fails closed and visibly.
// Only built-ins listed for runtime 2.0 (functions-javascript-runtime-20.html), loaded with import as in AWS's
// KeyValueStore JWT example (aws-samples/amazon-cloudfront-functions kvs-jwt-verify).
// Verify with `aws cloudfront test-function` before publishing: createHmac with a Buffer key (the page says only
// "secret key"; the RFC 7515 A.1 token is a ready test event), and a sub with non-ASCII characters as a header value.

const kvsHandle = cf.kvs();
const MIN_KEY_BYTES = 32;
const LEEWAY = 30;
const MAX_TOKEN = 8192;
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const BEARER = /^Bearer ([^ ]+)$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;

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

// Compares the encoded signatures character by character without an early exit. codePointAt, not charCodeAt:
// runtime 2.0 lists only the former (both give the code unit for the ASCII of base64url).
function sameString(a, b) {
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a.codePointAt(i) ^ b.codePointAt(i);
    return diff === 0;
}

function isNumber(v) {
    return typeof v === "number" && Number.isFinite(v);
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
    if (claims.sub !== undefined && (typeof claims.sub !== "string" || claims.sub.length === 0 || CONTROL.test(claims.sub))) return undefined;
    return claims;
}

async function handler(event) {
    const request = event.request;
    const auth = request.headers.authorization;
    const match = auth === undefined ? null : BEARER.exec(auth.value);
    delete request.headers["x-user-sub"];
    if (match === null) return unauthorized();
    // A missing key throws (kvsHandle.get rejects): 503, as for a short key below.
    const key = Buffer.from(await kvsHandle.get("jwt-secret"), "base64url");
    if (key.length < MIN_KEY_BYTES) throw new Error(`jwt-secret decodes to ${key.length} bytes; HS256 needs at least ${MIN_KEY_BYTES}`);
    const claims = verify(match[1], key, Math.floor(Date.now() / 1000));
    if (claims === undefined) return unauthorized();
    if (claims.sub !== undefined) request.headers["x-user-sub"] = { value: claims.sub };
    return request;
}
