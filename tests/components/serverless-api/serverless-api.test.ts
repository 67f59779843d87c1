import * as assert from "node:assert";
import { LambdaFunction } from "../../../components/lambda-function";
import { ACCESS_LOG_FORMAT, ServerlessApi } from "../../../components/serverless-api";
import { Registry, build, unwrap } from "../../../components/testing";
import { FULL, ISSUER, MINIMAL } from "./fixtures";

const API = "aws:apigatewayv2/api:Api";
const INTEGRATION = "aws:apigatewayv2/integration:Integration";
const ROUTE = "aws:apigatewayv2/route:Route";
const AUTHORIZER = "aws:apigatewayv2/authorizer:Authorizer";
const STAGE = "aws:apigatewayv2/stage:Stage";
const PERMISSION = "aws:lambda/permission:Permission";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const FUNCTION = "aws:lambda/function:Function";

describe("ServerlessApi", () => {
    describe("with two functions, JWT and Lambda authorizers, CORS and throttling", () => {
        let registry: Registry;
        let result: ServerlessApi;
        before(async () => {
            ({ registry, result } = await build(() => new ServerlessApi("shop", FULL)));
        });
        const api = () => registry.one(API);
        const integrationId = (key: string) =>
            registry.one(INTEGRATION, `shop-integration-${key}`).outputs.id ?? registry.one(INTEGRATION, `shop-integration-${key}`).id;

        it("creates an HTTP API, auto-named, with its execute-api endpoint on and the CORS answer", () => {
            registry.hasInputs(API, undefined, {
                protocolType: "HTTP",
                disableExecuteApiEndpoint: false,
                corsConfiguration: {
                    allowOrigins: ["https://app.example.com"],
                    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
                    allowHeaders: ["authorization", "content-type"],
                    exposeHeaders: [],
                    allowCredentials: false,
                    maxAge: 300,
                },
            });
            // Auto-named by the provider (<logical name>-<7 hex>), within CreateApi's 128 characters.
            assert.match(api().outputs.name, /^shop-api-[0-9a-f]{7}$/);
        });

        it("creates each function as a LambdaFunction child named <api>-<key>", () => {
            const root = registry.one(ServerlessApi.type, "shop");
            const fns = registry.ofType(LambdaFunction.type);
            assert.deepEqual(fns.map((f) => f.name).sort(), ["shop-auth", "shop-items"]);
            for (const f of fns) assert.equal(f.parent, root.urn);
            assert.equal(registry.ofType(FUNCTION).length, 2);
        });

        it("integrates each function that answers routes once, as a Lambda proxy with payload 2.0", () => {
            const integrations = registry.ofType(INTEGRATION);
            assert.deepEqual(
                integrations.map((i) => i.name),
                ["shop-integration-items"],
            );
            registry.hasInputs(INTEGRATION, "shop-integration-items", {
                apiId: api().id,
                integrationType: "AWS_PROXY",
                integrationMethod: "POST",
                payloadFormatVersion: "2.0",
                integrationUri: registry.one(FUNCTION, "shop-items-function").outputs.invokeArn,
            });
        });

        it("lets API Gateway invoke a route's function from this API's execution ARN, any stage, method and path", () => {
            const executionArn = api().outputs.executionArn;
            assert.match(executionArn, /^arn:aws:execute-api:us-east-1:123456789012:[0-9a-f]{10}$/);
            registry.hasInputs(PERMISSION, "shop-permission-items", {
                action: "lambda:InvokeFunction",
                principal: "apigateway.amazonaws.com",
                function: registry.one(FUNCTION, "shop-items-function").outputs.name,
                sourceArn: `${executionArn}/*/*`,
                qualifier: undefined,
            });
        });

        it("lets API Gateway invoke a Lambda authorizer's function as that authorizer only (<executionArn>/authorizers/<id>)", () => {
            const executionArn = api().outputs.executionArn;
            registry.hasInputs(PERMISSION, "shop-authorizer-permission-header", {
                action: "lambda:InvokeFunction",
                principal: "apigateway.amazonaws.com",
                function: registry.one(FUNCTION, "shop-auth-function").outputs.name,
                sourceArn: `${executionArn}/authorizers/${registry.one(AUTHORIZER, "shop-authorizer-header").id}`,
            });
            // The authorizer's function answers no route: no stage-wide permission for it.
            assert.deepEqual(
                registry
                    .ofType(PERMISSION)
                    .map((p) => p.name)
                    .sort(),
                ["shop-authorizer-permission-header", "shop-permission-items"],
            );
        });

        it("creates the integration once API Gateway may invoke the function", () => {
            const integration = registry.one(INTEGRATION, "shop-integration-items");
            assert.ok(integration.dependencies.includes(registry.one(PERMISSION, "shop-permission-items").urn));
        });

        it("routes each key to its function's integration, with its authorizer and scopes", () => {
            const target = `integrations/${integrationId("items")}`;
            const users = registry.one(AUTHORIZER, "shop-authorizer-users").id;
            const header = registry.one(AUTHORIZER, "shop-authorizer-header").id;
            registry.hasInputs(ROUTE, "shop-route-get-items", { routeKey: "GET /items", target, authorizationType: "NONE", authorizerId: undefined });
            registry.hasInputs(ROUTE, "shop-route-get-items-id", {
                routeKey: "GET /items/{id}",
                target,
                authorizationType: "JWT",
                authorizerId: users,
                authorizationScopes: ["items/read"],
            });
            registry.hasInputs(ROUTE, "shop-route-post-items", {
                routeKey: "POST /items",
                authorizationType: "CUSTOM",
                authorizerId: header,
                authorizationScopes: undefined,
            });
            registry.hasInputs(ROUTE, "shop-route-any-files-proxy", { routeKey: "ANY /files/{proxy+}", authorizationType: "JWT", authorizerId: users });
            assert.equal(registry.ofType(ROUTE).length, 4);
        });

        it("validates JWTs from the issuer for the audience, read from the Authorization header", () => {
            registry.hasInputs(AUTHORIZER, "shop-authorizer-users", {
                apiId: api().id,
                name: "users",
                authorizerType: "JWT",
                identitySources: ["$request.header.Authorization"],
                jwtConfiguration: { issuer: ISSUER, audiences: ["client-1"] },
            });
        });

        it("asks the Lambda authorizer with payload 2.0 and simple responses, caching its answer for the TTL", () => {
            registry.hasInputs(AUTHORIZER, "shop-authorizer-header", {
                authorizerType: "REQUEST",
                authorizerUri: registry.one(FUNCTION, "shop-auth-function").outputs.invokeArn,
                authorizerPayloadFormatVersion: "2.0",
                enableSimpleResponses: true,
                identitySources: ["$request.header.Authorization"],
                authorizerResultTtlInSeconds: 60,
            });
        });

        it("deploys a $default stage automatically with the stage throttle and the route's own", () => {
            registry.hasInputs(STAGE, "shop-stage", {
                apiId: api().id,
                name: "$default",
                autoDeploy: true,
                defaultRouteSettings: { throttlingBurstLimit: 50, throttlingRateLimit: 25.5 },
                routeSettings: [{ routeKey: "POST /items", throttlingBurstLimit: 20, throttlingRateLimit: 10 }],
            });
        });

        it("creates the stage after the routes its settings name", () => {
            const stage = registry.one(STAGE);
            for (const r of registry.ofType(ROUTE)) assert.ok(stage.dependencies.includes(r.urn), r.name);
        });

        it("writes access logs as one JSON object per request, with documented $context variables, to a log group kept 30 days", () => {
            const logs = registry.hasInputs(LOG_GROUP, "shop-access-logs", { retentionInDays: 30, namePrefix: "/aws/vendedlogs/apigateway/shop-access-logs-" });
            // Under /aws/vendedlogs/: CloudWatch Logs' delivery policy covers it with one wildcard, whatever the number of APIs.
            assert.match(logs.outputs.name, /^\/aws\/vendedlogs\/apigateway\/shop-access-logs-/);
            const settings = registry.one(STAGE).inputs.accessLogSettings;
            assert.equal(settings.destinationArn, logs.outputs.arn);
            const format = JSON.parse(settings.format);
            assert.deepEqual(format, ACCESS_LOG_FORMAT);
            for (const v of Object.values(format)) assert.match(String(v), /^\$context\.[A-Za-z.]+$/);
            assert.equal(format.requestId, "$context.requestId");
            assert.equal(format.status, "$context.status");
        });

        it("outputs the stage's invoke URL", async () => {
            const url = await unwrap(result.url);
            assert.equal(url, `https://${api().id}.execute-api.us-east-1.amazonaws.com/`);
            assert.equal(await unwrap(result.executionArn), api().outputs.executionArn);
        });

        it("parents every resource to the component and tags the API's own", () => {
            const root = registry.one(ServerlessApi.type, "shop");
            for (const r of registry.childrenOf(root)) assert.equal(r.parent, root.urn);
            for (const t of [API, STAGE, LOG_GROUP]) {
                const tagged = registry.ofType(t).filter((r) => r.parent === root.urn);
                for (const r of tagged) assert.equal(r.inputs.tags["aws-platform:component"], "ServerlessApi/shop", r.name);
            }
        });
    });

    it("grants API Gateway the alias when the function has one", async () => {
        const { registry } = await build(
            () => new ServerlessApi("shop", { ...MINIMAL, functions: { items: { ...MINIMAL.functions.items, alias: { name: "live" } } } }),
        );
        registry.hasInputs(PERMISSION, "shop-permission-items", { qualifier: "live" });
        registry.hasInputs(INTEGRATION, "shop-integration-items", { integrationUri: registry.one("aws:lambda/alias:Alias").outputs.invokeArn });
    });

    it("grants API Gateway the function's own alias, as its transform names it", async () => {
        const items = { ...MINIMAL.functions.items, alias: { name: "live" }, transform: { alias: { name: "blue" } } };
        const { registry } = await build(() => new ServerlessApi("shop", { ...MINIMAL, functions: { items } }));
        registry.hasInputs("aws:lambda/alias:Alias", undefined, { name: "blue" });
        registry.hasInputs(PERMISSION, "shop-permission-items", { qualifier: "blue" });
    });

    it("lets pages on other origins read the response headers in cors.exposeHeaders", async () => {
        const { registry } = await build(
            () => new ServerlessApi("shop", { ...MINIMAL, cors: { allowOrigins: ["https://app.example.com"], exposeHeaders: ["etag", "location"] } }),
        );
        registry.hasInputs(API, undefined, { corsConfiguration: { exposeHeaders: ["etag", "location"] } });
    });

    it("sets no CORS, authorizer or route throttling unless asked, and throttles the stage at 200 burst and 100 per second", async () => {
        const { registry } = await build(() => new ServerlessApi("shop", MINIMAL));
        registry.hasInputs(API, undefined, { corsConfiguration: undefined });
        registry.hasInputs(STAGE, "shop-stage", { defaultRouteSettings: { throttlingBurstLimit: 200, throttlingRateLimit: 100 }, routeSettings: [] });
        assert.equal(registry.ofType(AUTHORIZER).length, 0);
    });

    describe("with a cognito authorizer", () => {
        const cognitoApi = (userPoolId?: string) =>
            build(
                () =>
                    new ServerlessApi("shop", {
                        ...MINIMAL,
                        authorizers: { users: { type: "cognito", userPoolId } },
                        routes: { "GET /items": { function: "items", authorizer: "users", scopes: ["aws.cognito.signin.user.admin"] } },
                    }),
            );

        it("creates a user pool signing in by email and a public app client, and accepts that pool's tokens for that client", async () => {
            const { registry } = await cognitoApi();
            const pool = registry.hasInputs("aws:cognito/userPool:UserPool", "shop-user-pool-users", {
                usernameAttributes: ["email"],
                autoVerifiedAttributes: ["email"],
                passwordPolicy: { minimumLength: 12 },
            });
            const client = registry.hasInputs("aws:cognito/userPoolClient:UserPoolClient", "shop-user-pool-client-users", {
                userPoolId: pool.id,
                generateSecret: false,
                preventUserExistenceErrors: "ENABLED",
            });
            assert.match(pool.id ?? "", /^us-east-1_[0-9a-f]{9}$/);
            registry.hasInputs(AUTHORIZER, "shop-authorizer-users", {
                authorizerType: "JWT",
                jwtConfiguration: { issuer: `https://cognito-idp.us-east-1.amazonaws.com/${pool.id}`, audiences: [client.id] },
            });
            registry.hasInputs(ROUTE, "shop-route-get-items", { authorizationType: "JWT", authorizationScopes: ["aws.cognito.signin.user.admin"] });
        });

        it("uses a given user pool, its Region read from its id, and creates only the app client", async () => {
            const { registry } = await cognitoApi("eu-west-1_AbCdEf123");
            assert.equal(registry.ofType("aws:cognito/userPool:UserPool").length, 0);
            registry.hasInputs("aws:cognito/userPoolClient:UserPoolClient", undefined, { userPoolId: "eu-west-1_AbCdEf123" });
            registry.hasInputs(AUTHORIZER, "shop-authorizer-users", {
                jwtConfiguration: { issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123" },
            });
        });
    });

    it("applies the transforms to the children they name", async () => {
        const { registry } = await build(
            () => new ServerlessApi("shop", { ...MINIMAL, transform: { api: { description: "shop" }, stage: (a) => ({ ...a, description: "live" }) } }),
        );
        registry.hasInputs(API, undefined, { description: "shop" });
        registry.hasInputs(STAGE, undefined, { description: "live" });
    });
});
