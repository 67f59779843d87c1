import * as assert from "node:assert";
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { RFC7515_A1, RFC7519_UNSECURED, b64url, sign } from "./tokens";
import { edgeFileBytes, loadEdge, viewerRequest } from "./events";

const FILE = "viewer-request-jwt.js";
const KEY = Buffer.from("edge-test-key-0123456789abcdef-edge-test-key", "utf8");
const NOW = new Date("2026-01-01T00:00:00Z");
const NOW_S = NOW.getTime() / 1000;
const HEADER = { alg: "HS256", typ: "JWT" };

function jwtFunction(options: { now?: Date; key?: string } = {}) {
    return loadEdge(FILE, { kvs: { "jwt-secret": options.key ?? b64url(KEY) }, now: options.now ?? NOW });
}

function withAuth(value: string | undefined, extra: Record<string, string> = {}) {
    return viewerRequest({ uri: "/api/items", headers: { ...(value === undefined ? {} : { authorization: value }), ...extra } });
}

function valid(claims: object = {}) {
    return sign(HEADER, { sub: "user-1", exp: NOW_S + 600, ...claims }, KEY);
}

describe("functions/edge/viewer-request-jwt.js (in the CloudFront Functions sandbox)", () => {
    const f = jwtFunction();

    it("loads within CloudFront's 10 KB limit, sized as the file's bytes", () => {
        assert.strictEqual(f.bytes, edgeFileBytes(FILE));
        assert.ok(f.bytes <= 10240, `${f.bytes} bytes`);
    });

    it("passes a valid token on with its sub as x-user-sub", async () => {
        const out = await f.handler(withAuth(`Bearer ${valid()}`));
        assert.strictEqual(out.uri, "/api/items");
        assert.deepStrictEqual(out.headers["x-user-sub"], { value: "user-1" });
    });

    it("keeps the authorization header for the origin", async () => {
        const token = valid();
        const out = await f.handler(withAuth(`Bearer ${token}`));
        assert.deepStrictEqual(out.headers.authorization, { value: `Bearer ${token}` });
    });

    it("accepts the scheme in any case", async () => {
        const out = await f.handler(withAuth(`bEARER ${valid()}`));
        assert.strictEqual(out.headers["x-user-sub"].value, "user-1");
    });

    it("replaces a client-sent x-user-sub with the token's", async () => {
        const out = await f.handler(withAuth(`Bearer ${valid()}`, { "x-user-sub": "admin" }));
        assert.strictEqual(out.headers["x-user-sub"].value, "user-1");
    });

    it("answers 401 with WWW-Authenticate and no-store when the header is missing", async () => {
        const out = await f.handler(withAuth(undefined));
        assert.strictEqual(out.statusCode, 401);
        assert.strictEqual(out.headers["www-authenticate"].value, 'Bearer realm="edge"');
        assert.strictEqual(out.headers["cache-control"].value, "no-store");
    });

    for (const [title, value] of [
        ["another scheme", `Basic ${b64url("a:b")}`],
        ["no space after Bearer", `Bearer${valid()}`],
        ["two spaces after Bearer", `Bearer  ${valid()}`],
        ["an empty token", "Bearer "],
        ["two segments", `Bearer ${valid().split(".").slice(0, 2).join(".")}`],
        ["four segments", `Bearer ${valid()}.x`],
        ["a non-base64url character", `Bearer ${valid().replace(".", ".+")}`],
        ["a header that is not JSON", `Bearer ${b64url("{not json")}.${valid().split(".")[1]}.${valid().split(".")[2]}`],
        ["a token over 8 KiB", `Bearer ${valid({ pad: "x".repeat(8200) })}`],
    ] as const) {
        it(`answers 401 to ${title}`, async () => {
            assert.strictEqual((await f.handler(withAuth(value))).statusCode, 401);
        });
    }

    it("answers 401 to the RFC 7519 unsecured example (alg none, empty signature)", async () => {
        const at = jwtFunction({ key: RFC7515_A1.k, now: new Date("2011-03-22T18:00:00Z") });
        assert.strictEqual((await at.handler(withAuth(`Bearer ${RFC7519_UNSECURED}`))).statusCode, 401);
    });

    for (const alg of ["none", "HS384", "HS512", "RS256", "hs256", undefined]) {
        it(`answers 401 to alg ${JSON.stringify(alg)} even with a valid HMAC-SHA256 signature`, async () => {
            const token = sign({ typ: "JWT", ...(alg === undefined ? {} : { alg }) }, { sub: "u", exp: NOW_S + 600 }, KEY);
            assert.strictEqual((await f.handler(withAuth(`Bearer ${token}`))).statusCode, 401);
        });
    }

    it("answers 401 to a crit header and to a typ other than JWT", async () => {
        const claims = { sub: "u", exp: NOW_S + 600 };
        assert.strictEqual((await f.handler(withAuth(`Bearer ${sign({ ...HEADER, crit: ["x"] }, claims, KEY)}`))).statusCode, 401);
        assert.strictEqual((await f.handler(withAuth(`Bearer ${sign({ alg: "HS256", typ: "JOSE+JSON" }, claims, KEY)}`))).statusCode, 401);
    });

    it("answers 401 to a token signed with another key", async () => {
        const token = sign(HEADER, { sub: "u", exp: NOW_S + 600 }, Buffer.from("another key"));
        assert.strictEqual((await f.handler(withAuth(`Bearer ${token}`))).statusCode, 401);
    });

    it("answers 401 to a non-canonical spelling of the right signature bytes", async () => {
        const [h, p, s] = valid().split(".") as [string, string, string];
        // 32 bytes take 43 characters: the last one carries 2 unused bits, so 4 spellings decode to the same bytes.
        const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        const last = alphabet.indexOf(s.at(-1)!);
        const twin = `${s.slice(0, -1)}${alphabet[last ^ 1]}`;
        assert.ok(Buffer.from(twin, "base64url").equals(Buffer.from(s, "base64url")));
        assert.strictEqual((await f.handler(withAuth(`Bearer ${h}.${p}.${twin}`))).statusCode, 401);
    });

    it("answers 401 after exp plus 30 s leeway, and accepts within it", async () => {
        assert.strictEqual((await f.handler(withAuth(`Bearer ${valid({ exp: NOW_S - 30 })}`))).statusCode, 401);
        assert.strictEqual((await f.handler(withAuth(`Bearer ${valid({ exp: NOW_S - 29 })}`))).headers["x-user-sub"].value, "user-1");
    });

    it("answers 401 before nbf minus 30 s leeway, and accepts within it", async () => {
        assert.strictEqual((await f.handler(withAuth(`Bearer ${valid({ nbf: NOW_S + 31 })}`))).statusCode, 401);
        assert.strictEqual((await f.handler(withAuth(`Bearer ${valid({ nbf: NOW_S + 30 })}`))).headers["x-user-sub"].value, "user-1");
    });

    for (const [title, claims] of [
        ["no exp", { exp: undefined }],
        ["a string exp", { exp: String(NOW_S + 600) }],
        ["a string nbf", { nbf: String(NOW_S) }],
        ["an empty sub", { sub: "" }],
        ["a numeric sub", { sub: 42 }],
        ["a sub holding a line break (it would become a header value)", { sub: "u\r\nx-admin: 1" }],
    ] as const) {
        it(`answers 401 to a token with ${title}`, async () => {
            assert.strictEqual((await f.handler(withAuth(`Bearer ${valid(claims)}`))).statusCode, 401);
        });
    }

    it("answers 401 to a payload that is a JSON array", async () => {
        const input = `${b64url(JSON.stringify(HEADER))}.${b64url("[1]")}`;
        const token = `${input}.${createHmac("sha256", KEY).update(input).digest("base64url")}`;
        assert.strictEqual((await f.handler(withAuth(`Bearer ${token}`))).statusCode, 401);
    });

    it("fails (CloudFront answers 503) when the KeyValueStore has no jwt-secret", async () => {
        const none = loadEdge(FILE, { kvs: {}, now: NOW });
        await assert.rejects(none.handler(withAuth(`Bearer ${valid()}`)), /key not found: jwt-secret/);
    });

    // RFC 7518 section 3.2: an HS256 key is at least 256 bits. An empty value would be a zero-length HMAC key that
    // anyone can sign with, so a short key must fail closed rather than verify tokens.
    const SHORT_KEYS: [string, Buffer][] = [
        ["an empty jwt-secret", Buffer.alloc(0)],
        ["a jwt-secret of 31 bytes", Buffer.alloc(31, 7)],
    ];
    for (const [title, key] of SHORT_KEYS) {
        it(`fails (CloudFront answers 503) with ${title}, even for a token signed with that key`, async () => {
            const short = loadEdge(FILE, { kvs: { "jwt-secret": b64url(key) }, now: NOW });
            const token = sign(HEADER, { sub: "attacker", exp: NOW_S + 600 }, key);
            await assert.rejects(short.handler(withAuth(`Bearer ${token}`)), new RegExp(`jwt-secret decodes to ${key.length} bytes`));
        });
    }

    it("accepts a jwt-secret of exactly 32 bytes", async () => {
        const key = Buffer.alloc(32, 9);
        const fn = loadEdge(FILE, { kvs: { "jwt-secret": b64url(key) }, now: NOW });
        const out = await fn.handler(withAuth(`Bearer ${sign(HEADER, { sub: "u", exp: NOW_S + 600 }, key)}`));
        assert.deepStrictEqual(out.headers["x-user-sub"], { value: "u" });
    });

    describe("RFC 7515 appendix A.1 (HS256 example, exp 2011-03-22T18:43:00Z)", () => {
        it("the vector's signature is the HMAC-SHA256 of its signing input under its key", () => {
            const [h, p, s] = RFC7515_A1.token.split(".");
            assert.strictEqual(createHmac("sha256", Buffer.from(RFC7515_A1.k, "base64url")).update(`${h}.${p}`).digest("base64url"), s);
        });

        it("accepts the example token before its exp, with no x-user-sub (it has no sub)", async () => {
            const at = jwtFunction({ key: RFC7515_A1.k, now: new Date("2011-03-22T18:00:00Z") });
            const out = await at.handler(withAuth(`Bearer ${RFC7515_A1.token}`, { "x-user-sub": "forged" }));
            assert.strictEqual(out.uri, "/api/items");
            assert.strictEqual(out.headers["x-user-sub"], undefined);
        });

        it("answers 401 to the example token once exp plus leeway has passed", async () => {
            const at = jwtFunction({ key: RFC7515_A1.k, now: new Date((RFC7515_A1.exp + 30) * 1000) });
            assert.strictEqual((await at.handler(withAuth(`Bearer ${RFC7515_A1.token}`))).statusCode, 401);
        });

        it("answers 401 to the example token under another key", async () => {
            const at = jwtFunction({ key: b64url(KEY), now: new Date("2011-03-22T18:00:00Z") });
            assert.strictEqual((await at.handler(withAuth(`Bearer ${RFC7515_A1.token}`))).statusCode, 401);
        });
    });

    describe("property: any tampering with header, payload or signature gives 401", () => {
        const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("");
        const RUNS = 1000;

        type Edit = { kind: "replace" | "insert" | "delete"; at: number; char: string } | { kind: "swap"; with: string };
        const edit: fc.Arbitrary<Edit> = fc.oneof(
            fc.record({ kind: fc.constantFrom("replace" as const, "insert" as const, "delete" as const), at: fc.nat(), char: fc.constantFrom(...B64URL) }),
            fc.record({ kind: fc.constant("swap" as const), with: fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/) }),
        );

        function tamper(part: string, e: Edit): string {
            if (e.kind === "swap") return e.with;
            const i = e.at % (part.length + (e.kind === "insert" ? 1 : 0));
            if (e.kind === "insert") return part.slice(0, i) + e.char + part.slice(i);
            if (e.kind === "delete") return part.slice(0, i) + part.slice(i + 1);
            return part.slice(0, i) + e.char + part.slice(i + 1);
        }

        it(`answers 401 to ${RUNS} tampered tokens (seed 1515)`, async () => {
            let tried = 0;
            await fc.assert(
                fc.asyncProperty(
                    fc.record({
                        sub: fc.string({ minLength: 1, maxLength: 20 }),
                        ttl: fc.integer({ min: 60, max: 86400 }),
                        extra: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 }),
                    }),
                    fc.constantFrom(0, 1, 2),
                    edit,
                    async (claims, which, e) => {
                        const token = sign(HEADER, { ...claims.extra, sub: claims.sub, exp: NOW_S + claims.ttl }, KEY);
                        const parts = token.split(".");
                        parts[which] = tamper(parts[which]!, e);
                        const tampered = parts.join(".");
                        fc.pre(tampered !== token);
                        tried++;
                        const out = await f.handler(withAuth(`Bearer ${tampered}`));
                        return out.statusCode === 401;
                    },
                ),
                { seed: 1515, numRuns: RUNS },
            );
            // fc.pre skips do not count as runs: every one of the RUNS tokens was a real tampering.
            assert.strictEqual(tried, RUNS);
        });

        it("accepts the same tokens untampered (the property's 401s are not vacuous)", async () => {
            await fc.assert(
                fc.asyncProperty(fc.string({ minLength: 1, maxLength: 20 }), async (sub) => {
                    const out = await f.handler(withAuth(`Bearer ${valid({ sub })}`));
                    return out.headers?.["x-user-sub"]?.value === sub;
                }),
                { seed: 1515, numRuns: 200 },
            );
        });
    });
});
