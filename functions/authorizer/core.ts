/**
 * The Lambda authorizer's pure core: reads `authorization: Bearer <jwt>` from an HTTP API (payload format 2.0) request
 * and verifies an HS256 JWT with node:crypto, with the clock passed in. Only HS256 is accepted: a token announcing
 * `none`, RS256 or anything else is refused before any signature work, so a token cannot choose how it is checked.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The parts of the payload format 2.0 authorizer event the function reads (REQUEST type). */
export interface AuthorizerEvent {
    version?: string;
    type?: string;
    routeArn?: string;
    routeKey?: string;
    /** API Gateway lowercases header names in format 2.0. */
    headers?: Record<string, string | undefined>;
    requestContext?: { requestId?: string };
}

/** The "simple response" format (enableSimpleResponses): true lets the request through, false answers 403. */
export interface SimpleResponse {
    isAuthorized: boolean;
    /** Reaches the integration as `requestContext.authorizer.lambda`. */
    context?: { sub: string; scope: string };
}

export interface VerifyOptions {
    /** The HMAC key (HS256). */
    secret: string;
    /** When set, the `iss` claim must equal it. */
    issuer?: string;
    /** When set, the `aud` claim (a string or an array) must contain it. */
    audience?: string;
    /** The current time, seconds since the epoch (a parameter so that tests own the clock). */
    now: number;
    /** Tolerated clock difference on `exp` and `nbf`, in seconds. @default 30 */
    leewaySeconds?: number;
}

export interface Claims {
    sub: string;
    scope: string;
    exp: number;
    nbf?: number;
    iss?: string;
    aud?: string | string[];
}

export type Verdict = { ok: true; claims: Claims } | { ok: false; reason: string };

export const DEFAULT_LEEWAY_SECONDS = 30;
/** Longer headers are refused unread: no HMAC or JSON work for a megabyte of garbage. */
export const MAX_TOKEN_LENGTH = 8192;

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const BEARER = /^Bearer ([^ ]+)$/i;

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, exactly one space), or undefined. */
export function bearerToken(headers: Record<string, string | undefined> | undefined): string | undefined {
    const value = headers?.authorization;
    if (value === undefined) return undefined;
    return BEARER.exec(value)?.[1];
}

function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
    try {
        const v: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
        return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}

/** The base64url HMAC-SHA256 of `header.payload`: what an HS256 token's third segment must be, character for character. */
export function hs256(signingInput: string, secret: string): string {
    return createHmac("sha256", secret).update(signingInput).digest("base64url");
}

/**
 * Verifies a compact JWS (RFC 7515) with HS256 and the registered claims (RFC 7519): `exp` required, `nbf` if present,
 * `iss`/`aud` when configured, `sub` required. The signature is compared as its encoded string in constant time, so a
 * non-canonical base64url spelling of the right bytes is refused too.
 */
export function verifyJwt(token: string, options: VerifyOptions): Verdict {
    if (options.secret.length === 0) return { ok: false, reason: "no secret configured" };
    if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: "token too long" };
    const parts = token.split(".");
    if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return { ok: false, reason: "malformed token" };
    const [h, p, s] = parts as [string, string, string];
    const header = decodeJsonObject(h);
    if (header === undefined) return { ok: false, reason: "malformed header" };
    if (header.alg !== "HS256") return { ok: false, reason: `algorithm ${JSON.stringify(header.alg)} refused (only HS256)` };
    if (header.typ !== undefined && header.typ !== "JWT") return { ok: false, reason: "typ is not JWT" };
    if (header.crit !== undefined) return { ok: false, reason: "critical header extensions are not supported" };
    const expected = Buffer.from(hs256(`${h}.${p}`, options.secret));
    const given = Buffer.from(s);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad signature" };

    const payload = decodeJsonObject(p);
    if (payload === undefined) return { ok: false, reason: "malformed payload" };
    const leeway = options.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS;
    const { exp, nbf, iss, aud, sub, scope } = payload;
    if (typeof exp !== "number" || !Number.isFinite(exp)) return { ok: false, reason: "exp missing or not a number" };
    if (options.now >= exp + leeway) return { ok: false, reason: "expired" };
    if (nbf !== undefined && (typeof nbf !== "number" || !Number.isFinite(nbf))) return { ok: false, reason: "nbf not a number" };
    if (typeof nbf === "number" && options.now < nbf - leeway) return { ok: false, reason: "not yet valid" };
    if (options.issuer !== undefined && iss !== options.issuer) return { ok: false, reason: "wrong issuer" };
    if (options.audience !== undefined) {
        const auds = Array.isArray(aud) ? aud : [aud];
        if (!auds.includes(options.audience)) return { ok: false, reason: "wrong audience" };
    }
    if (typeof sub !== "string" || sub.length === 0) return { ok: false, reason: "sub missing" };
    if (scope !== undefined && typeof scope !== "string") return { ok: false, reason: "scope not a string" };
    return {
        ok: true,
        claims: {
            sub,
            scope: scope ?? "",
            exp,
            ...(typeof nbf === "number" ? { nbf } : {}),
            ...(typeof iss === "string" ? { iss } : {}),
            ...(typeof aud === "string" || Array.isArray(aud) ? { aud: aud as string | string[] } : {}),
        },
    };
}

/** The authorizer's decision for one request; `reason` is for the log only (API Gateway answers a bare 403). */
export function authorize(event: AuthorizerEvent, options: VerifyOptions): { response: SimpleResponse; reason?: string } {
    const token = bearerToken(event.headers);
    if (token === undefined) return { response: { isAuthorized: false }, reason: "no bearer token" };
    const verdict = verifyJwt(token, options);
    if (!verdict.ok) return { response: { isAuthorized: false }, reason: verdict.reason };
    return { response: { isAuthorized: true, context: { sub: verdict.claims.sub, scope: verdict.claims.scope } } };
}
