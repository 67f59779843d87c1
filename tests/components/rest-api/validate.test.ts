import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { RestApi, RestApiArgs, RestRouteArgs } from "../../../components/rest-api";
import { DEFAULTS } from "../../../components/rest-api/defaults";
import { validate } from "../../../components/rest-api/validate";
import { ArgsError } from "../../../components/shared/errors";
import { buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { ENTRY, FULL, MINIMAL, QUEUE_ARN, TABLE_ARN } from "./fixtures";

const fn = { items: { entry: ENTRY } };
const lambda = { type: "lambda", function: "items" } as const;
const with_ = (extra: Partial<RestApiArgs>): RestApiArgs => ({ ...MINIMAL, ...extra });
const route = (key: string, r: Partial<RestRouteArgs> = {}): RestApiArgs => ({
    functions: fn,
    routes: { [key]: { integration: lambda, authorizer: "none", ...r } },
});
const proxy = (key: string, integration: RestRouteArgs["integration"], r: Partial<RestRouteArgs> = {}): RestApiArgs => ({
    routes: { [key]: { integration, authorizer: "none", ...r } },
});
const keyed = (usage: Partial<RestApiArgs>): RestApiArgs => ({ ...with_(usage) });

describe("RestApi validation", () => {
    const cases: Array<{ title: string; args: RestApiArgs; path: string; message: RegExp }> = [
        { title: "refuses a route key with no path", args: route("GET"), path: "routes.GET", message: /is not METHOD \/path/ },
        { title: "refuses the HTTP API's $default route", args: route("$default"), path: "routes.$default", message: /a REST API has none/ },
        {
            title: "refuses two path variables side by side under one resource",
            args: {
                functions: fn,
                routes: { "GET /items/{id}": { integration: lambda, authorizer: "none" }, "PUT /items/{name}": { integration: lambda, authorizer: "none" } },
            },
            path: "routes.PUT /items/{name}",
            message: /one variable child/,
        },
        { title: "refuses a greedy variable before the last segment", args: route("GET /{proxy+}/x"), path: "routes.GET /{proxy+}/x", message: /greedy/ },
        {
            title: "refuses a Lambda route naming an unknown function",
            args: { functions: fn, routes: { "GET /items": { integration: { type: "lambda", function: "item" }, authorizer: "none" } } },
            path: "routes.GET /items.integration.function",
            message: /is not a key of functions; allowed: items/,
        },
        {
            title: "refuses a route that does not say who may call it",
            args: { functions: fn, routes: { "GET /items": { integration: lambda } as RestRouteArgs } },
            path: "routes.GET /items.authorizer",
            message: /is required/,
        },
        {
            title: "refuses a route naming an unknown authorizer",
            args: route("GET /items", { authorizer: "users" }),
            path: "routes.GET /items.authorizer",
            message: /"none" \(a public route\)/,
        },
        {
            title: "refuses scopes without a cognito authorizer",
            args: route("GET /items", { scopes: ["read"] }),
            path: "routes.GET /items.scopes",
            message: /cognito authorizer/,
        },
        {
            title: "refuses a table ARN that is not one",
            args: proxy("POST /items", { type: "dynamodb", action: "PutItem", tableArn: "items", tableName: "items" }),
            path: "routes.POST /items.integration.tableArn",
            message: /DynamoDB table ARN/,
        },
        {
            title: "refuses a table key that is an alias",
            args: proxy("POST /items", { type: "dynamodb", action: "PutItem", tableArn: TABLE_ARN, tableName: "items", kmsKeyArn: "alias/items" }),
            path: "routes.POST /items.integration.kmsKeyArn",
            message: /KMS key ARN/,
        },
        {
            title: "refuses a FIFO queue, whose SendMessage needs a message group the route does not send",
            args: proxy("POST /events", { type: "sqs", queueArn: `${QUEUE_ARN}.fifo` }),
            path: "routes.POST /events.integration.queueArn",
            message: /is a FIFO queue/,
        },
        {
            title: "refuses a PutItem key attribute that the built-in template writes as the body",
            args: proxy("POST /items", { type: "dynamodb", action: "PutItem", tableArn: TABLE_ARN, tableName: "items", keyAttribute: "body" }),
            path: "routes.POST /items.integration.keyAttribute",
            message: /built-in PutItem template writes/,
        },
        {
            title: "refuses a DynamoDB action with no built-in template and none given",
            args: proxy("GET /items", { type: "dynamodb", action: "Query", tableArn: TABLE_ARN, tableName: "items" }),
            path: "routes.GET /items.integration.requestTemplate",
            message: /is required for Query/,
        },
        {
            title: "refuses GetItem's built-in template on a route with no path parameter",
            args: proxy("GET /items", { type: "dynamodb", action: "GetItem", tableArn: TABLE_ARN, tableName: "items" }),
            path: "routes.GET /items.integration.action",
            message: /the route has none/,
        },
        {
            title: "refuses a DynamoDB action the component does not proxy",
            args: proxy("GET /items", { type: "dynamodb", action: "BatchWriteItem" as never, tableArn: TABLE_ARN, tableName: "items" }),
            path: "routes.GET /items.integration.action",
            message: /is not supported/,
        },
        {
            title: "refuses a queue ARN that is not one",
            args: proxy("POST /events", { type: "sqs", queueArn: "https://sqs.us-east-1.amazonaws.com/123456789012/events" }),
            path: "routes.POST /events.integration.queueArn",
            message: /SQS queue ARN/,
        },
        {
            title: "refuses a queue key that is an alias",
            args: proxy("POST /events", { type: "sqs", queueArn: QUEUE_ARN, kmsKeyArn: "alias/events" }),
            path: "routes.POST /events.integration.kmsKeyArn",
            message: /KMS key ARN/,
        },
        {
            title: "refuses an integration type it does not build",
            args: proxy("GET /x", { type: "http" } as never),
            path: "routes.GET /x.integration.type",
            message: /"lambda", "dynamodb", "sqs"/,
        },
        {
            title: "refuses a cache size API Gateway does not offer",
            args: with_({ cache: { sizeGb: "0.6" as never } }),
            path: "cache.sizeGb",
            message: /"0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"/,
        },
        {
            title: "refuses a cache TTL above an hour",
            args: with_({ cache: { sizeGb: "0.5", ttlSeconds: 3601 } }),
            path: "cache.ttlSeconds",
            message: /0 to 3600/,
        },
        {
            title: "refuses a negative route cache TTL",
            args: { ...route("GET /items", { cache: { ttlSeconds: -1 } }), cache: { sizeGb: "0.5" } },
            path: "routes.GET /items.cache.ttlSeconds",
            message: /0 to 3600/,
        },
        {
            title: "refuses route caching without the API's cache cluster",
            args: route("GET /items", { cache: {} }),
            path: "routes.GET /items.cache",
            message: /cache cluster/,
        },
        {
            title: "refuses caching a POST route",
            args: { ...route("POST /items", { cache: {} }), cache: { sizeGb: "0.5" } },
            path: "routes.POST /items.cache",
            message: /other than GET/,
        },
        {
            title: "refuses a cache key parameter the route does not declare",
            args: { ...route("GET /items/{id}", { cache: { keyParameters: ["querystring.lang"] } }), cache: { sizeGb: "0.5" } },
            path: "routes.GET /items/{id}.cache.keyParameters[0]",
            message: /allowed: path.id/,
        },
        {
            title: "refuses a header name with a space",
            args: route("GET /items", { parameters: { header: { "X Id": true } } }),
            path: "routes.GET /items.parameters.header.X Id",
            message: /HTTP header name/,
        },
        {
            title: "refuses a body schema of another draft",
            args: route("POST /items", { bodySchema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object" } }),
            path: "routes.POST /items.bodySchema.$schema",
            message: /not draft-04/,
        },
        {
            title: "refuses a body schema that is not an object",
            args: route("POST /items", { bodySchema: [] as never }),
            path: "routes.POST /items.bodySchema",
            message: /JSON Schema object/,
        },
        {
            title: "refuses a stage burst above the account's 5000",
            args: with_({ throttle: { burstLimit: 5001 } }),
            path: "throttle.burstLimit",
            message: /0 to 5000/,
        },
        {
            title: "refuses a route rate above the account's 10000 per second",
            args: route("GET /items", { throttle: { rateLimit: 10001 } }),
            path: "routes.GET /items.throttle.rateLimit",
            message: /0 to 10000/,
        },
        {
            title: "refuses a usage plan naming an unknown API key",
            args: keyed({ apiKeys: { acme: {} }, usagePlans: { gold: { apiKeys: ["acme", "globex"] } } }),
            path: "usagePlans.gold.apiKeys[1]",
            message: /is not a key of apiKeys/,
        },
        {
            title: "refuses an API key in two plans of the stage",
            args: keyed({ apiKeys: { acme: {} }, usagePlans: { gold: { apiKeys: ["acme"] }, silver: { apiKeys: ["acme"] } } }),
            path: "usagePlans.silver.apiKeys[0]",
            message: /already in the usage plan "gold"/,
        },
        {
            title: "refuses a quota period API Gateway does not know",
            args: keyed({ apiKeys: { acme: {} }, usagePlans: { gold: { apiKeys: ["acme"], quota: { limit: 10, period: "YEAR" as never } } } }),
            path: "usagePlans.gold.quota.period",
            message: /"DAY", "WEEK", "MONTH"/,
        },
        {
            title: "refuses a weekly quota offset past the sixth day",
            args: keyed({ apiKeys: { acme: {} }, usagePlans: { gold: { apiKeys: ["acme"], quota: { limit: 10, period: "WEEK", offset: 7 } } } }),
            path: "usagePlans.gold.quota.offset",
            message: /0 to 6 days into a WEEK/,
        },
        {
            title: "refuses a quota of no requests",
            args: keyed({ apiKeys: { acme: {} }, usagePlans: { gold: { apiKeys: ["acme"], quota: { limit: 0, period: "DAY" } } } }),
            path: "usagePlans.gold.quota.limit",
            message: /out of range/,
        },
        {
            title: "refuses a usage plan throttle above the account's burst",
            args: keyed({ apiKeys: { acme: {} }, usagePlans: { gold: { apiKeys: ["acme"], throttle: { burstLimit: 6000 } } } }),
            path: "usagePlans.gold.throttle.burstLimit",
            message: /0 to 5000/,
        },
        { title: "refuses an API key in no usage plan", args: keyed({ apiKeys: { acme: {} } }), path: "apiKeys.acme", message: /in no usage plan/ },
        {
            title: "refuses a route requiring an API key with no usage plan to hold one",
            args: route("GET /items", { apiKeyRequired: true }),
            path: "routes.GET /items.apiKeyRequired",
            message: /needs a usage plan/,
        },
        {
            title: "refuses an authorizer keyed none",
            args: with_({ authorizers: { none: { type: "cognito", userPoolArns: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC"] } } }),
            path: "authorizers.none",
            message: /public route/,
        },
        {
            title: "refuses a Lambda authorizer cache longer than an hour",
            args: { ...route("GET /items", { authorizer: "header" }), authorizers: { header: { type: "lambda", function: "items", resultTtlSeconds: 3601 } } },
            path: "authorizers.header.resultTtlSeconds",
            message: /0 to 3600/,
        },
        {
            title: "refuses a Lambda authorizer naming an unknown function",
            args: with_({ authorizers: { header: { type: "lambda", function: "auth" } } }),
            path: "authorizers.header.function",
            message: /is not a key of functions/,
        },
        {
            title: "refuses a user pool ARN that is a pool id",
            args: with_({ authorizers: { users: { type: "cognito", userPoolArns: ["us-east-1_AbCdEf123"] } } }),
            path: "authorizers.users.userPoolArns[0]",
            message: /userpool/,
        },
        {
            title: "refuses a cognito authorizer with no pool",
            args: with_({ authorizers: { users: { type: "cognito", userPoolArns: [] } } }),
            path: "authorizers.users.userPoolArns",
            message: /is empty/,
        },
        { title: "refuses a stage name with a space", args: with_({ stageName: "v 1" }), path: "stageName", message: /letters, digits, '-' and '_'/ },
        {
            title: "refuses a function no route or authorizer uses",
            args: with_({ functions: { ...fn, spare: { entry: ENTRY } } }),
            path: "functions.spare",
            message: /used by no route/,
        },
        {
            title: "reports a function's own issue under its key",
            args: with_({ functions: { items: { entry: ENTRY, memoryMiB: 64 } } }),
            path: "functions.items.memoryMiB",
            message: /128 to 10240/,
        },
        {
            title: "refuses an access log retention CloudWatch does not offer",
            args: with_({ accessLogRetentionDays: 10 }),
            path: "accessLogRetentionDays",
            message: /not supported/,
        },
        { title: "refuses the TLS 1.0 security policy", args: with_({ securityPolicy: "TLS_1_0" as never }), path: "securityPolicy", message: /not supported/ },
        { title: "refuses no routes", args: { functions: {}, routes: {} }, path: "routes", message: /is empty/ },
        {
            title: "refuses /items/{id} beside /items/id, whose resources share one child name",
            args: {
                functions: fn,
                routes: { "GET /items/{id}": { integration: lambda, authorizer: "none" }, "PUT /items/id": { integration: lambda, authorizer: "none" } },
            },
            path: "routes.PUT /items/id",
            message: /resource \/items\/id, whose child name \(resource-items-id\) is that of \/items\/\{id\}/,
        },
        {
            title: "refuses /a-b beside /a/b/c, whose prefixes /a-b and /a/b share one child name",
            args: {
                functions: fn,
                routes: { "GET /a-b": { integration: lambda, authorizer: "none" }, "GET /a/b/c": { integration: lambda, authorizer: "none" } },
            },
            path: "routes.GET /a/b/c",
            message: /resource-a-b/,
        },
        {
            title: "refuses an ANY route whose per-method settings would share a name with another path's route",
            args: {
                functions: fn,
                routes: {
                    "ANY /a-b": { integration: lambda, authorizer: "none", throttle: { rateLimit: 5, burstLimit: 5 } },
                    "GET /a/b": { integration: lambda, authorizer: "none", throttle: { rateLimit: 5, burstLimit: 5 } },
                },
            },
            path: "routes.GET /a/b",
            message: /resource-a-b/,
        },
        { title: "refuses an unknown argument", args: with_({ stage: "prod" } as never), path: "stage", message: /is not a known argument/ },
    ];

    for (const c of cases) {
        it(`${c.title}, registering nothing`, async () => {
            const { error, registry } = await buildFails(() => new RestApi("shop", c.args));
            assert.ok(error instanceof ArgsError, String(error));
            const issue = error.issues.find((i) => i.path === c.path);
            assert.ok(issue, `no issue at ${c.path}: ${error.message}`);
            assert.match(error.message, c.message);
            assert.equal(registry.size, 0);
        });
    }

    it("refuses a name too long for its functions' names (<name>-<key>, 128 characters), registering nothing", async () => {
        const name = `shop-${"x".repeat(120)}`;
        const { error, registry } = await buildFails(() => new RestApi(name, route("GET /items")));
        assert.ok(error instanceof ArgsError, String(error));
        assert.ok(error.message.startsWith(`RestApi "${name}"`), error.message);
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
                new RestApi("shop", {
                    functions: fn,
                    routes: { "GET items": { integration: { type: "lambda", function: "nope" }, authorizer: "x" } },
                    cache: { sizeGb: "0.5", ttlSeconds: 4000 },
                    throttle: { burstLimit: -1 },
                }),
        );
        assert.ok(error instanceof ArgsError);
        assert.deepEqual(error.issues.map((i) => i.path).sort(), [
            "cache.ttlSeconds",
            "functions.items",
            "routes.GET items",
            "routes.GET items.authorizer",
            "routes.GET items.integration.function",
            "throttle.burstLimit",
        ]);
        assert.equal(registry.size, 0);
        assert.match(error.message, /^RestApi "shop": /);
    });

    it("accepts the full example, / and {proxy+} last, and Outputs where ARNs go", () => {
        assert.deepEqual(validate(FULL), []);
        assert.deepEqual(validate(proxy("POST /events", { type: "sqs", queueArn: pulumi.output("not checked until deployment") })), []);
        assert.deepEqual(
            validate({
                functions: fn,
                routes: { "GET /": { integration: lambda, authorizer: "none" }, "ANY /{proxy+}": { integration: lambda, authorizer: "none" } },
            }),
            [],
        );
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/rest-api/args.ts", DEFAULTS));
});
