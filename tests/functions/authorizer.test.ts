/**
 * The HTTP API Lambda authorizer (functions/authorizer): HS256 verification with node:crypto, claim checks against a
 * clock the test owns, and a property that no tampered token is ever authorized.
 *
 * The property's seed is fixed and printed (override with AUTH_SEED); AUTH_RUNS sets the runs (default 1000).
 */
import * as assert from "node:assert";
import fc from "fast-check";
import { type AuthorizerEvent, type VerifyOptions, authorize, bearerToken, hs256, verifyJwt } from "../../functions/authorizer/core";

const SECRET = "test-secret-of-reasonable-length-0123456789";
const NOW = 1_800_000_000;
const OPTS: VerifyOptions = { secret: SECRET, issuer: "https://issuer.example", audience: "items-api", now: NOW };
const SEED = Number(process.env.AUTH_SEED ?? 14014);
const RUNS = Number(process.env.AUTH_RUNS ?? 1000);

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

function sign(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: "HS256", typ: "JWT" }, secret = SECRET): string {
    const input = `${b64(header)}.${b64(payload)}`;
    return `${input}.${hs256(input, secret)}`;
}

const CLAIMS = { sub: "user-1", scope: "items:read items:write", iss: "https://issuer.example", aud: "items-api", exp: NOW + 300, nbf: NOW - 10 };
const VALID = sign(CLAIMS);

function event(authorization?: string): AuthorizerEvent {
    return {
        version: "2.0",
        type: "REQUEST",
        routeArn: "arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/GET/items",
        routeKey: "GET /items",
        headers: authorization === undefined ? { host: "x" } : { host: "x", authorization },
        requestContext: { requestId: "r-1" },
    };
}

describe("functions/authorizer", () => {
    it("authorizes a valid token and passes sub and scope as context", () => {
        assert.deepStrictEqual(authorize(event(`Bearer ${VALID}`), OPTS).response, {
            isAuthorized: true,
            context: { sub: "user-1", scope: "items:read items:write" },
        });
    });

    it("accepts the scheme in any case", () => {
        assert.strictEqual(authorize(event(`bearer ${VALID}`), OPTS).response.isAuthorized, true);
    });

    it("accepts an audience array that contains the configured audience", () => {
        assert.strictEqual(verifyJwt(sign({ ...CLAIMS, aud: ["other", "items-api"] }), OPTS).ok, true);
    });

    const refused: { title: string; token: () => string; options?: Partial<VerifyOptions>; reason: RegExp }[] = [
        { title: "an expired token", token: () => sign({ ...CLAIMS, exp: NOW - 31 }), reason: /expired/ },
        {
            title: "a token expired within the leeway when leeway is 0",
            token: () => sign({ ...CLAIMS, exp: NOW - 1 }),
            options: { leewaySeconds: 0 },
            reason: /expired/,
        },
        { title: "a token without exp", token: () => sign({ ...CLAIMS, exp: undefined }), reason: /exp missing/ },
        { title: "a token not valid yet (nbf)", token: () => sign({ ...CLAIMS, nbf: NOW + 60 }), reason: /not yet valid/ },
        { title: "a token signed with another secret", token: () => sign(CLAIMS, undefined, "another-secret"), reason: /bad signature/ },
        {
            title: "a token whose payload was swapped",
            token: () => `${VALID.split(".")[0]}.${b64({ ...CLAIMS, sub: "admin" })}.${VALID.split(".")[2]}`,
            reason: /bad signature/,
        },
        { title: "a token with alg none and no signature", token: () => `${b64({ alg: "none" })}.${b64(CLAIMS)}.`, reason: /malformed token/ },
        { title: "a token with alg none and a signature", token: () => sign(CLAIMS, { alg: "none" }), reason: /algorithm "none" refused/ },
        {
            title: "a token announcing RS256 signed with the secret as HMAC key",
            token: () => sign(CLAIMS, { alg: "RS256", typ: "JWT" }),
            reason: /algorithm "RS256" refused/,
        },
        { title: "a token announcing HS512", token: () => sign(CLAIMS, { alg: "HS512" }), reason: /algorithm "HS512" refused/ },
        { title: "a token with a wrong issuer", token: () => sign({ ...CLAIMS, iss: "https://evil.example" }), reason: /wrong issuer/ },
        { title: "a token with a wrong audience", token: () => sign({ ...CLAIMS, aud: "other-api" }), reason: /wrong audience/ },
        { title: "a token without sub", token: () => sign({ ...CLAIMS, sub: undefined }), reason: /sub missing/ },
        { title: "a token with two segments", token: () => VALID.split(".").slice(0, 2).join("."), reason: /malformed token/ },
        {
            title: "a token whose header is not JSON",
            token: () => `${Buffer.from("{not json").toString("base64url")}.${VALID.split(".").slice(1).join(".")}`,
            reason: /malformed header/,
        },
        { title: "a token with padding characters", token: () => `${VALID}=`, reason: /malformed token/ },
        { title: "a token with critical header extensions", token: () => sign(CLAIMS, { alg: "HS256", crit: ["x"] }), reason: /critical/ },
        { title: "any token when no secret is configured", token: () => VALID, options: { secret: "" }, reason: /no secret/ },
    ];
    for (const r of refused)
        it(`refuses ${r.title}`, () => {
            const { response, reason } = authorize(event(`Bearer ${r.token()}`), { ...OPTS, ...r.options });
            assert.deepStrictEqual(response, { isAuthorized: false });
            assert.match(reason ?? "", r.reason);
        });

    it("refuses a request without an authorization header", () => {
        assert.deepStrictEqual(authorize(event(), OPTS), { response: { isAuthorized: false }, reason: "no bearer token" });
    });

    for (const header of ["Basic dXNlcjpwYXNz", VALID, `Bearer  ${VALID}`, `Bearer ${VALID} x`, "Bearer "])
        it(`reads no bearer token from ${JSON.stringify(header.slice(0, 20))}`, () => {
            assert.strictEqual(bearerToken({ authorization: header }), undefined);
        });

    it(`never authorizes a tampered token (fast-check, ${RUNS} runs, seed ${SEED})`, () => {
        console.log(`      authorizer property: seed ${SEED}, ${RUNS} runs`);
        const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        const char = fc.oneof(fc.constantFrom(...B64URL, ".", "=", "+", "/", " "), fc.string({ minLength: 1, maxLength: 1, unit: "binary" }));
        const edit = fc.oneof(
            fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), c: char }),
            fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), c: char }),
            fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), c: fc.constant("") }),
        );
        const tamper = (token: string, edits: { kind: "replace" | "insert" | "delete"; at: number; c: string }[]) => {
            let t = token;
            for (const e of edits) {
                const i = e.at % (t.length + 1);
                if (e.kind === "insert") t = t.slice(0, i) + e.c + t.slice(i);
                else if (e.kind === "delete") t = t.slice(0, i) + t.slice(i + 1);
                else t = t.slice(0, i) + e.c + t.slice(i + 1);
            }
            return t;
        };
        fc.assert(
            fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
                const t = tamper(VALID, edits);
                fc.pre(t !== VALID);
                return authorize(event(`Bearer ${t}`), OPTS).response.isAuthorized === false;
            }),
            { seed: SEED, numRuns: RUNS },
        );
    });
});
