/**
 * The Lambda authorizer's pure core: reads `Authorization: Bearer <jwt>` and verifies an HS256 JWT with node:crypto,
 * with the clock passed in. Only HS256 is accepted: a token announcing `none`, RS256 or anything else is refused before
 * any signature work, so a token cannot choose how it is checked. Two answers, by the event's form:
 * - HTTP API, payload format 2.0, simple responses (`{ isAuthorized, context }`):
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 * - REST API TOKEN and REQUEST authorizers (and HTTP API payload 1.0): an IAM policy, "Output from an API Gateway Lambda
 *   authorizer": https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { headersOf, isPayload1 } from "../shared/http";

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

/** The HTTP API's decision for one request; `reason` is for the log only (API Gateway answers a bare 403). */
export function authorize(event: AuthorizerEvent, options: VerifyOptions): { response: SimpleResponse; reason?: string } {
    const token = bearerToken(event.headers);
    if (token === undefined) return { response: { isAuthorized: false }, reason: "no bearer token" };
    const verdict = verifyJwt(token, options);
    if (!verdict.ok) return { response: { isAuthorized: false }, reason: verdict.reason };
    return { response: { isAuthorized: true, context: { sub: verdict.claims.sub, scope: verdict.claims.scope } } };
}

/**
 * A REST API TOKEN authorizer's event: `authorizationToken` is the whole value of the identity source header
 * (`Authorization: Bearer <jwt>`), `methodArn` the method requested.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
 */
export interface TokenAuthorizerEvent {
    type: "TOKEN";
    authorizationToken?: string;
    methodArn: string;
}

/** A REST API REQUEST authorizer's event (payload 1.0; an HTTP API configured for payload 1.0 sends `version: "1.0"`). */
export interface RequestAuthorizerEvent {
    version?: "1.0";
    type: "REQUEST";
    methodArn: string;
    resource?: string;
    path?: string;
    httpMethod?: string;
    /** Header names as the client sent them. */
    headers?: Record<string, string | undefined> | null;
    multiValueHeaders?: Record<string, string[] | undefined> | null;
    requestContext?: { requestId?: string; stage?: string; apiId?: string };
}

export type RestAuthorizerEvent = TokenAuthorizerEvent | RequestAuthorizerEvent;

/** API Gateway passes context values to the integration as `$context.authorizer.<key>`: strings, numbers or booleans only. */
export type AuthorizerContext = Record<string, string | number | boolean>;

/** The policy a REST (or payload 1.0) Lambda authorizer answers with. */
export interface PolicyResponse {
    principalId: string;
    policyDocument: {
        Version: "2012-10-17";
        Statement: { Action: "execute-api:Invoke"; Effect: "Allow" | "Deny"; Resource: string }[];
    };
    context: AuthorizerContext;
}

/** The message API Gateway maps to a 401 answer when the authorizer fails with it (any other error is a 500). */
export const UNAUTHORIZED = "Unauthorized";

export type RestDecision = { allowed: true; response: PolicyResponse } | { allowed: false; reason: string };

/** The REST form: a TOKEN event, or a REQUEST event that is not payload 2.0 (it carries `methodArn`, not `routeArn`). */
export function isRestEvent(event: AuthorizerEvent | RestAuthorizerEvent): event is RestAuthorizerEvent {
    return event.type === "TOKEN" || isPayload1(event, "methodArn");
}

const METHOD_ARN = /^(arn:aws[a-z-]*:execute-api:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9]+)\/([^/]+)\//;

/**
 * Every method of the methodArn's API stage: `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>` and two wildcard
 * segments (any method, any path).
 * API Gateway caches a decision per identity (the token) for the authorizer's TTL and applies the cached policy to any
 * method that authorizer guards: a policy naming only the first methodArn would then deny the token's next request to
 * another route (a 403 until the TTL ends). The whole stage is what a valid token grants here (no per-route scopes).
 */
export function stageResource(methodArn: string): string | undefined {
    const m = METHOD_ARN.exec(methodArn);
    return m === null ? undefined : `${m[1]}/${m[2]}/*/*`;
}

/**
 * The REST API's decision for one request. An absent or invalid token is refused the way AWS documents for a 401: the
 * function fails with `Error("Unauthorized")` (the handler throws; a Deny policy would answer 403, which says "known but
 * forbidden"). A valid token gets an Allow policy on the whole stage, `principalId` = `sub`, context `{ sub, scope }`.
 */
export function authorizeRest(event: RestAuthorizerEvent, options: VerifyOptions): RestDecision {
    const resource = stageResource(event.methodArn ?? "");
    if (resource === undefined) return { allowed: false, reason: "methodArn is not an execute-api method ARN" };
    const value = event.type === "TOKEN" ? event.authorizationToken : headersOf(event.headers, event.multiValueHeaders).authorization;
    // A header sent twice arrives joined with a comma, which no Bearer value matches: refused, never one of the two picked.
    const token = BEARER.exec(value ?? "")?.[1];
    if (token === undefined) return { allowed: false, reason: "no bearer token" };
    const verdict = verifyJwt(token, options);
    if (!verdict.ok) return { allowed: false, reason: verdict.reason };
    const { sub, scope } = verdict.claims;
    return {
        allowed: true,
        response: {
            principalId: sub,
            policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: resource }] },
            context: { sub, scope },
        },
    };
}
