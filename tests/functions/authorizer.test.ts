/**
 * The Lambda authorizer (functions/authorizer): HS256 verification with node:crypto, claim checks against a clock the
 * test owns, the HTTP API's simple responses, the REST API's TOKEN and REQUEST forms (IAM policies), and a property that
 * no tampered token is ever authorized in either form.
 *
 * The property's seed is fixed and printed (override with AUTH_SEED); AUTH_RUNS sets the runs (default 1000).
 */
import * as assert from "node:assert";
import fc from "fast-check";
import {
    type AuthorizerEvent,
    type RequestAuthorizerEvent,
    type TokenAuthorizerEvent,
    type VerifyOptions,
    authorize,
    authorizeRest,
    bearerToken,
    hs256,
    isRestEvent,
    stageResource,
    verifyJwt,
} from "../../functions/authorizer/core";

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

const METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/prod/GET/items";
const STAGE = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/prod/*/*";

/** A REST API TOKEN authorizer event, as the docs' "Input to an API Gateway Lambda authorizer" shows it. */
function tokenEvent(authorizationToken?: string, methodArn = METHOD_ARN): TokenAuthorizerEvent {
    return { type: "TOKEN", methodArn, ...(authorizationToken === undefined ? {} : { authorizationToken }) };
}

/** A REST API REQUEST authorizer event, from the same docs page's example (`GET /request`), with our header added. */
function requestEvent(headers: Record<string, string>, multiValueHeaders?: Record<string, string[]>): RequestAuthorizerEvent {
    return {
        type: "REQUEST",
        methodArn: "arn:aws:execute-api:us-east-1:123456789012:s4x3opwd6i/test/GET/request",
        resource: "/request",
        path: "/request",
        httpMethod: "GET",
        headers: { Accept: "*/*", Host: "s4x3opwd6i.execute-api.us-east-1.amazonaws.com", "X-Forwarded-Proto": "https", ...headers },
        multiValueHeaders:
            multiValueHeaders ?? Object.fromEntries(Object.entries({ Accept: "*/*", "X-Forwarded-Proto": "https", ...headers }).map(([k, v]) => [k, [v]])),
        requestContext: { requestId: "req-rest-1", stage: "test", apiId: "s4x3opwd6i" },
    };
}

/** IAM's match of a policy Resource against a methodArn: `*` matches any run of characters, `/` included. */
const covers = (resource: string, arn: string) =>
    new RegExp(
        `^${resource
            .split("*")
            .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*")}$`,
    ).test(arn);

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

    describe("REST API forms (TOKEN and REQUEST authorizers, IAM policy answers)", () => {
        it("a TOKEN event with a valid token gets an Allow policy on the whole stage, principalId sub and context", () => {
            assert.deepStrictEqual(authorizeRest(tokenEvent(`Bearer ${VALID}`), OPTS), {
                allowed: true,
                response: {
                    principalId: "user-1",
                    policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: STAGE }] },
                    context: { sub: "user-1", scope: "items:read items:write" },
                },
            });
        });

        it("the policy cached for a token's first request also allows its next requests to other routes of the stage", () => {
            // API Gateway caches the policy per token for the TTL and checks the next methodArn against it.
            const decision = authorizeRest(tokenEvent(`Bearer ${VALID}`, METHOD_ARN), OPTS);
            assert.ok(decision.allowed);
            const [statement] = decision.response.policyDocument.Statement;
            const base = "arn:aws:execute-api:us-east-1:123456789012:abcdef123";
            for (const next of [`${base}/prod/DELETE/items/0f8fad5b-d9cb-469f-a165-70867728950e`, `${base}/prod/POST/items`, `${base}/prod/GET/`])
                assert.ok(covers(statement.Resource, next), `${statement.Resource} covers ${next}`);
            for (const other of [`${base}/dev/GET/items`, "arn:aws:execute-api:us-east-1:123456789012:otherapi1/prod/GET/items"])
                assert.ok(!covers(statement.Resource, other), `${statement.Resource} does not cover ${other}`);
        });

        it("context values are strings, numbers or booleans only (API Gateway refuses objects and arrays)", () => {
            const decision = authorizeRest(tokenEvent(`Bearer ${sign({ ...CLAIMS, aud: ["a", "items-api"] })}`), OPTS);
            assert.ok(decision.allowed);
            for (const v of Object.values(decision.response.context)) assert.ok(["string", "number", "boolean"].includes(typeof v), `${typeof v}`);
        });

        it("a test invocation's methodArn (stage *) gets the same API's every stage", () => {
            assert.strictEqual(
                stageResource("arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/*/GET/"),
                "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/*/*/*",
            );
        });

        const refusedRest: { title: string; event: () => TokenAuthorizerEvent | RequestAuthorizerEvent; reason: RegExp }[] = [
            { title: "a TOKEN event without a token", event: () => tokenEvent(), reason: /no bearer token/ },
            { title: "a TOKEN event whose token has no Bearer scheme", event: () => tokenEvent(VALID), reason: /no bearer token/ },
            { title: "a TOKEN event with an expired token", event: () => tokenEvent(`Bearer ${sign({ ...CLAIMS, exp: NOW - 31 })}`), reason: /expired/ },
            {
                title: "a TOKEN event with a token signed with another secret",
                event: () => tokenEvent(`Bearer ${sign(CLAIMS, undefined, "another-secret")}`),
                reason: /bad signature/,
            },
            { title: "a TOKEN event with alg none", event: () => tokenEvent(`Bearer ${sign(CLAIMS, { alg: "none" })}`), reason: /algorithm "none" refused/ },
            { title: "a REQUEST event without an Authorization header", event: () => requestEvent({}), reason: /no bearer token/ },
            {
                title: "a REQUEST event with two Authorization headers (multiValueHeaders)",
                event: () => requestEvent({ Authorization: `Bearer ${VALID}` }, { Authorization: [`Bearer ${VALID}`, `Bearer ${VALID}`] }),
                reason: /no bearer token/,
            },
            {
                title: "an event whose methodArn is not an execute-api method ARN",
                event: () => tokenEvent(`Bearer ${VALID}`, "arn:aws:lambda:us-east-1:123456789012:function:x"),
                reason: /methodArn/,
            },
        ];
        for (const r of refusedRest)
            it(`refuses ${r.title} (no policy: the handler fails with "Unauthorized", a 401)`, () => {
                const decision = authorizeRest(r.event(), OPTS);
                assert.strictEqual(decision.allowed, false);
                assert.match((decision as { reason: string }).reason, r.reason);
            });

        for (const name of ["Authorization", "authorization", "AUTHORIZATION"])
            it(`a REQUEST event (payload 1.0, headers in the client's case) reads the token from ${name}`, () => {
                const decision = authorizeRest(requestEvent({ [name]: `Bearer ${VALID}` }), OPTS);
                assert.ok(decision.allowed);
                assert.strictEqual(decision.response.policyDocument.Statement[0].Resource, "arn:aws:execute-api:us-east-1:123456789012:s4x3opwd6i/test/*/*");
            });

        it("tells the forms apart: TOKEN and payload 1.0 REQUEST events are REST, a payload 2.0 REQUEST event is not", () => {
            assert.deepStrictEqual(
                [
                    isRestEvent(tokenEvent("x")),
                    isRestEvent(requestEvent({})),
                    isRestEvent({ ...requestEvent({}), version: "1.0" as const }),
                    isRestEvent(event("x")),
                ],
                [true, true, true, false],
            );
        });

        describe("the handler", () => {
            let handler: typeof import("../../functions/authorizer").handler;
            const saved = { secret: process.env.JWT_SECRET, issuer: process.env.JWT_ISSUER, audience: process.env.JWT_AUDIENCE, level: process.env.LOG_LEVEL };
            const realNow = Date.now;
            before(async () => {
                // The module reads its configuration at import; no other test file imports it.
                Object.assign(process.env, { JWT_SECRET: SECRET, JWT_ISSUER: OPTS.issuer, JWT_AUDIENCE: OPTS.audience, LOG_LEVEL: "error" });
                Date.now = () => NOW * 1000;
                ({ handler } = await import("../../functions/authorizer"));
            });
            after(() => {
                Date.now = realNow;
                for (const [k, v] of [
                    ["JWT_SECRET", saved.secret],
                    ["JWT_ISSUER", saved.issuer],
                    ["JWT_AUDIENCE", saved.audience],
                    ["LOG_LEVEL", saved.level],
                ] as const)
                    if (v === undefined) delete process.env[k];
                    else process.env[k] = v;
            });

            it("answers a TOKEN event with a valid token with the Allow policy", async () => {
                const r = await handler(tokenEvent(`Bearer ${VALID}`));
                assert.strictEqual("policyDocument" in r && r.policyDocument.Statement[0].Effect, "Allow");
            });

            it('fails a TOKEN or REQUEST event with a bad token with exactly Error("Unauthorized"), which API Gateway answers with 401', async () => {
                for (const e of [tokenEvent("Bearer x.y.z"), requestEvent({ Authorization: "Basic dXNlcjpwYXNz" })])
                    await assert.rejects(
                        () => handler(e),
                        (err: Error) => err.message === "Unauthorized",
                    );
            });

            it("still answers a payload 2.0 event with a simple response", async () => {
                assert.deepStrictEqual(await handler(event("Bearer nope")), { isAuthorized: false });
            });
        });
    });

    it(`never authorizes a tampered token, as an HTTP API or a REST TOKEN authorizer (fast-check, ${RUNS} runs, seed ${SEED})`, () => {
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
                return authorize(event(`Bearer ${t}`), OPTS).response.isAuthorized === false && !authorizeRest(tokenEvent(`Bearer ${t}`), OPTS).allowed;
            }),
            { seed: SEED, numRuns: RUNS },
        );
    });
});
