import * as assert from "node:assert";
import { ServerlessApi } from "../../../components/serverless-api";
import type { ServerlessApiArgs } from "../../../components/serverless-api/args";
import { DEFAULTS, normalize } from "../../../components/serverless-api/defaults";
import { routeKeyProblem, validate } from "../../../components/serverless-api/validate";
import { ArgsError } from "../../../components/shared/errors";
import { buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { ENTRY, FULL, ISSUER, MINIMAL } from "./fixtures";

const fn = { items: { entry: ENTRY } };
const with_ = (extra: Partial<ServerlessApiArgs>): ServerlessApiArgs => ({ ...MINIMAL, ...extra });
const route = (key: string): ServerlessApiArgs => ({ functions: fn, routes: { [key]: { function: "items" } } });

describe("ServerlessApi validation", () => {
    const cases: Array<{ title: string; args: ServerlessApiArgs; path: string; message: RegExp }> = [
        { title: "refuses a route key with no path", args: route("GET"), path: "routes.GET", message: /is not METHOD \/path/ },
        {
            title: "refuses a handler a function's entry does not export",
            args: with_({ functions: { items: { ...MINIMAL.functions.items, handler: "main" } } }),
            path: "functions.items.handler",
            message: /is not exported by entry/,
        },
        { title: "refuses a method HTTP APIs do not route", args: route("TRACE /items"), path: "routes.TRACE /items", message: /method TRACE/ },
        { title: "refuses a lower-case method", args: route("get /items"), path: "routes.get /items", message: /is not METHOD \/path/ },
        { title: "refuses a greedy path variable before the last segment", args: route("GET /{proxy+}/x"), path: "routes.GET /{proxy+}/x", message: /greedy/ },
        { title: "refuses an empty path segment", args: route("GET /items//x"), path: "routes.GET /items//x", message: /segment ""/ },
        { title: "refuses a trailing slash", args: route("GET /items/"), path: "routes.GET /items/", message: /segment ""/ },
        { title: "refuses a half-open path variable", args: route("GET /items/{id"), path: "routes.GET /items/{id", message: /segment "\{id"/ },
        {
            title: "refuses a route naming an unknown function",
            args: { functions: fn, routes: { "GET /items": { function: "item" } } },
            path: "routes.GET /items.function",
            message: /is not a key of functions; allowed: items/,
        },
        {
            title: "refuses a route naming an unknown authorizer",
            args: with_({ routes: { "GET /items": { function: "items", authorizer: "users" } } }),
            path: "routes.GET /items.authorizer",
            message: /is not a key of authorizers/,
        },
        {
            title: "refuses scopes on a route with no JWT authorizer",
            args: with_({ routes: { "GET /items": { function: "items", scopes: ["read"] } } }),
            path: "routes.GET /items.scopes",
            message: /need a jwt authorizer/,
        },
        {
            title: "refuses a custom scope on a cognito route, which SRP-issued access tokens never carry",
            args: with_({
                authorizers: { users: { type: "cognito" } },
                routes: { "GET /items": { function: "items", authorizer: "users", scopes: ["aws.cognito.signin.user.admin", "items/read"] } },
            }),
            path: "routes.GET /items.scopes[1]",
            message: /"items\/read" is never in the tokens of the cognito authorizer's app client/,
        },
        {
            title: "refuses two route keys that would name the same child",
            args: with_({ routes: { "GET /items/{id}": { function: "items" }, "GET /items/id": { function: "items" } } }),
            path: "routes.GET /items/id",
            message: /names the same child as "GET \/items\/\{id\}"/,
        },
        {
            title: "refuses a stage burst above the account's 5000",
            args: with_({ throttle: { burstLimit: 5001 } }),
            path: "throttle.burstLimit",
            message: /from 0 to 5000/,
        },
        { title: "refuses a negative stage rate", args: with_({ throttle: { rateLimit: -1 } }), path: "throttle.rateLimit", message: /from 0 to 10000/ },
        { title: "refuses a fractional burst", args: with_({ throttle: { burstLimit: 1.5 } }), path: "throttle.burstLimit", message: /integer/ },
        {
            title: "refuses a route rate above the account's 10000 per second",
            args: with_({ routes: { "GET /items": { function: "items", throttle: { rateLimit: 10001 } } } }),
            path: "routes.GET /items.throttle.rateLimit",
            message: /from 0 to 10000/,
        },
        {
            title: "refuses a JWT issuer that is not https",
            args: with_({
                authorizers: { users: { type: "jwt", issuer: "http://issuer.example.com", audience: ["a"] } },
                routes: { "GET /items": { function: "items", authorizer: "users" } },
            }),
            path: "authorizers.users.issuer",
            message: /https URL/,
        },
        {
            title: "refuses a JWT authorizer with no audience",
            args: with_({ authorizers: { users: { type: "jwt", issuer: ISSUER, audience: [] } } }),
            path: "authorizers.users.audience",
            message: /is empty/,
        },
        {
            title: "refuses a Lambda authorizer naming an unknown function",
            args: with_({ authorizers: { header: { type: "lambda", function: "auth" } } }),
            path: "authorizers.header.function",
            message: /is not a key of functions/,
        },
        {
            title: "refuses an authorizer cache longer than an hour",
            args: { ...FULL, authorizers: { ...FULL.authorizers, header: { type: "lambda", function: "auth", resultTtlSeconds: 3601 } } },
            path: "authorizers.header.resultTtlSeconds",
            message: /from 0 to 3600/,
        },
        {
            title: "refuses a user pool id that is not <region>_<id>",
            args: with_({
                authorizers: { users: { type: "cognito", userPoolId: "AbCdEf123" } },
                routes: { "GET /items": { function: "items", authorizer: "users" } },
            }),
            path: "authorizers.users.userPoolId",
            message: /<region>_<id>/,
        },
        {
            title: "refuses an authorizer of unknown type",
            args: with_({ authorizers: { x: { type: "iam" } as never } }),
            path: "authorizers.x.type",
            message: /"jwt", "lambda", "cognito"/,
        },
        {
            title: "refuses a CORS origin with a path",
            args: with_({ cors: { allowOrigins: ["https://app.example.com/"] } }),
            path: "cors.allowOrigins[0]",
            message: /no path or trailing slash/,
        },
        {
            title: "refuses a CORS origin with no scheme",
            args: with_({ cors: { allowOrigins: ["app.example.com"] } }),
            path: "cors.allowOrigins[0]",
            message: /scheme/,
        },
        { title: "refuses no CORS origin at all", args: with_({ cors: { allowOrigins: [] } }), path: "cors.allowOrigins", message: /is empty/ },
        {
            title: "refuses credentials with the origin *",
            args: with_({ cors: { allowOrigins: ["*"], allowCredentials: true } }),
            path: "cors.allowCredentials",
            message: /not allowed with the origin "\*"/,
        },
        {
            title: "refuses a CORS exposed header that is not a header name",
            args: with_({ cors: { allowOrigins: ["*"], exposeHeaders: ["etag", "x total"] } }),
            path: "cors.exposeHeaders[1]",
            message: /an HTTP header name/,
        },
        {
            title: "refuses exposing * with credentials, which browsers read as a header named *",
            args: with_({ cors: { allowOrigins: ["https://app.example.com"], allowCredentials: true, exposeHeaders: ["*"] } }),
            path: "cors.exposeHeaders[0]",
            message: /exposes no header when credentials are allowed/,
        },
        {
            title: "refuses a CORS max age above a day",
            args: with_({ cors: { allowOrigins: ["*"], maxAgeSeconds: 86401 } }),
            path: "cors.maxAgeSeconds",
            message: /0 to 86400/,
        },
        {
            title: "refuses a function that no route or authorizer uses",
            args: with_({ functions: { ...fn, spare: { entry: ENTRY } } }),
            path: "functions.spare",
            message: /used by no route/,
        },
        {
            title: "refuses a function key that cannot name a child",
            args: { functions: { Items_1: { entry: ENTRY } }, routes: { "GET /items": { function: "Items_1" } } },
            path: "functions.Items_1",
            message: /lower-case letters/,
        },
        {
            title: "reports a function's own issue under its key",
            args: with_({ functions: { items: { entry: ENTRY, memoryMiB: 64 } } }),
            path: "functions.items.memoryMiB",
            message: /from 128 to 10240/,
        },
        { title: "refuses no routes", args: { functions: fn, routes: {} }, path: "routes", message: /is empty/ },
        {
            title: "refuses an access log retention CloudWatch does not offer",
            args: with_({ accessLogRetentionDays: 10 }),
            path: "accessLogRetentionDays",
            message: /not supported/,
        },
        { title: "refuses an unknown argument", args: with_({ stage: "prod" } as never), path: "stage", message: /stage="prod" is not a known argument/ },
    ];

    for (const c of cases) {
        it(`${c.title}, registering nothing`, async () => {
            const { error, registry } = await buildFails(() => new ServerlessApi("shop", c.args));
            assert.ok(error instanceof ArgsError, String(error));
            const issue = error.issues.find((i) => i.path === c.path);
            assert.ok(issue, `no issue at ${c.path}: ${error.message}`);
            assert.match(error.message, c.message);
            assert.equal(registry.size, 0);
        });
    }

    it("refuses a name too long for its functions' names (<name>-<key>, 128 characters), registering nothing", async () => {
        const name = `shop-${"x".repeat(120)}`;
        const { error, registry } = await buildFails(() => new ServerlessApi(name, MINIMAL));
        assert.ok(error instanceof ArgsError, String(error));
        assert.ok(error.message.startsWith(`ServerlessApi "${name}"`), error.message);
        assert.ok(
            error.issues.find((i) => i.path === "functions.items"),
            error.message,
        );
        assert.match(error.message, /LambdaFunction name "shop-x+-items" 131 characters long/);
        assert.equal(registry.size, 0);
    });

    it("reports every issue at once", async () => {
        const { error, registry } = await buildFails(
            () =>
                new ServerlessApi("shop", {
                    functions: fn,
                    routes: { "GET items": { function: "nope" } },
                    throttle: { burstLimit: -1 },
                    cors: { allowOrigins: ["ftp:/x"] },
                }),
        );
        assert.ok(error instanceof ArgsError);
        assert.deepEqual(error.issues.map((i) => i.path).sort(), [
            "cors.allowOrigins[0]",
            "functions.items",
            "routes.GET items",
            "routes.GET items.function",
            "throttle.burstLimit",
        ]);
        assert.equal(registry.size, 0);
        assert.match(error.message, /^ServerlessApi "shop": /);
    });

    it("accepts the full example, $default, / and {proxy+} last", () => {
        assert.deepEqual(validate(FULL), []);
        for (const key of ["$default", "GET /", "ANY /{proxy+}", "DELETE /items/{id}/tags/{tag}", "HEAD /a.b~c_d-e"])
            assert.equal(routeKeyProblem(key), undefined, key);
    });

    it("gives the same verdict on its normalized args", () => {
        const resolved = normalize(FULL);
        assert.deepEqual(validate({ ...FULL, ...resolved, cors: resolved.cors, routes: resolved.routes } as ServerlessApiArgs), []);
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/serverless-api/args.ts", DEFAULTS));
});
