import * as assert from "node:assert";
import { LambdaFunction } from "../../../components/lambda-function";
import { REST_ACCESS_LOG_FORMAT, RestApi, RestApiArgs } from "../../../components/rest-api";
import { KMS_READ, KMS_WRITE } from "../../../components/table/table";
import { Registry, build, unwrap } from "../../../components/testing";
import { FULL, KEY_ARN, MINIMAL, POOL_ARN, QUEUE_ARN, TABLE_ARN } from "./fixtures";

const API = "aws:apigateway/restApi:RestApi";
const RESOURCE = "aws:apigateway/resource:Resource";
const METHOD = "aws:apigateway/method:Method";
const INTEGRATION = "aws:apigateway/integration:Integration";
const INTEGRATION_RESPONSE = "aws:apigateway/integrationResponse:IntegrationResponse";
const METHOD_RESPONSE = "aws:apigateway/methodResponse:MethodResponse";
const AUTHORIZER = "aws:apigateway/authorizer:Authorizer";
const MODEL = "aws:apigateway/model:Model";
const VALIDATOR = "aws:apigateway/requestValidator:RequestValidator";
const DEPLOYMENT = "aws:apigateway/deployment:Deployment";
const STAGE = "aws:apigateway/stage:Stage";
const SETTINGS = "aws:apigateway/methodSettings:MethodSettings";
const PLAN = "aws:apigateway/usagePlan:UsagePlan";
const KEY = "aws:apigateway/apiKey:ApiKey";
const PLAN_KEY = "aws:apigateway/usagePlanKey:UsagePlanKey";
const ACCOUNT = "aws:apigateway/account:Account";
const PERMISSION = "aws:lambda/permission:Permission";
const ROLE = "aws:iam/role:Role";
const FUNCTION = "aws:lambda/function:Function";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

const proxy = (key: string): RestApiArgs => ({ routes: { [key]: { integration: { type: "sqs", queueArn: QUEUE_ARN }, authorizer: "none" } } });

/** Java's StringEscapeUtils.escapeJavaScript, which `$util.escapeJavaScript` is: `'` too becomes `\'`. */
const escapeJavaScript = (s: string) =>
    s
        .replace(/[\\'"/]/g, (c) => `\\${c}`)
        .replace(/\n/g, "\\n")
        .replace(/\t/g, "\\t")
        .replace(/\r/g, "\\r");

/** Substitutes what API Gateway would: `$util.escapeJavaScript(x)` and its `.replaceAll("\\'","'")`, then plain variables. */
function render(template: string, values: Record<string, string>): string {
    let out = template;
    for (const [expression, value] of Object.entries(values)) {
        const escaped = `$util.escapeJavaScript(${expression})`;
        out = out.split(`${escaped}.replaceAll("\\\\'","'")`).join(escapeJavaScript(value).replace(/\\'/g, "'"));
        out = out.split(escaped).join(escapeJavaScript(value));
        out = out.split(expression).join(value);
    }
    return out;
}

describe("RestApi", () => {
    describe("with Lambda, DynamoDB and SQS routes, both authorizer kinds, a cache and a usage plan", () => {
        let registry: Registry;
        let result: RestApi;
        before(async () => {
            ({ registry, result } = await build(() => new RestApi("shop", FULL)));
        });
        const api = () => registry.one(API);
        const resourceId = (name: string) => registry.one(RESOURCE, name).id;

        it("creates a Regional REST API with TLS 1.2 as the floor and the x-api-key header as key source", () => {
            registry.hasInputs(API, "shop-api", {
                endpointConfiguration: { types: "REGIONAL" },
                securityPolicy: "TLS_1_2",
                endpointAccessMode: undefined,
                disableExecuteApiEndpoint: false,
                apiKeySource: "HEADER",
            });
        });

        it("builds one resource per distinct path prefix, shared prefixes once, under their parents", () => {
            assert.deepEqual(
                registry
                    .ofType(RESOURCE)
                    .map((r) => r.name)
                    .sort(),
                ["shop-resource-events", "shop-resource-items", "shop-resource-items-id"],
            );
            registry.hasInputs(RESOURCE, "shop-resource-items", { restApi: api().id, parentId: api().outputs.rootResourceId, pathPart: "items" });
            registry.hasInputs(RESOURCE, "shop-resource-items-id", { parentId: resourceId("shop-resource-items"), pathPart: "{id}" });
            registry.hasInputs(RESOURCE, "shop-resource-events", { parentId: api().outputs.rootResourceId, pathPart: "events" });
        });

        it("puts each method on its path's resource, public only where the route says none, with API keys where required", () => {
            registry.hasInputs(METHOD, "shop-method-get-items", {
                resourceId: resourceId("shop-resource-items"),
                httpMethod: "GET",
                authorization: "COGNITO_USER_POOLS",
                authorizerId: registry.one(AUTHORIZER, "shop-authorizer-users").id,
                authorizationScopes: ["items/read"],
                apiKeyRequired: false,
                requestParameters: { "method.request.querystring.cursor": false },
            });
            registry.hasInputs(METHOD, "shop-method-get-items-id", {
                resourceId: resourceId("shop-resource-items-id"),
                authorization: "NONE",
                authorizerId: undefined,
                apiKeyRequired: true,
                requestParameters: { "method.request.path.id": true },
            });
            registry.hasInputs(METHOD, "shop-method-post-items", {
                authorization: "CUSTOM",
                authorizerId: registry.one(AUTHORIZER, "shop-authorizer-header").id,
            });
            assert.equal(registry.ofType(METHOD).length, 5);
        });

        it("validates bodies against a draft-04 model and required headers with the matching validator", () => {
            const model = registry.hasInputs(MODEL, "shop-model-post-events", { restApi: api().id, name: "PostEventsBody", contentType: "application/json" });
            assert.deepEqual(JSON.parse(model.inputs.schema), {
                $schema: "http://json-schema.org/draft-04/schema#",
                type: "object",
                required: ["type"],
                properties: { type: { type: "string" } },
            });
            const both = registry.hasInputs(VALIDATOR, "shop-validator-body-and-parameters", { validateRequestBody: true, validateRequestParameters: true });
            const body = registry.hasInputs(VALIDATOR, "shop-validator-body", { validateRequestBody: true, validateRequestParameters: false });
            registry.hasInputs(METHOD, "shop-method-post-events", {
                requestModels: { "application/json": "PostEventsBody" },
                requestValidatorId: both.id,
                requestParameters: { "method.request.header.Idempotency-Key": true },
            });
            registry.hasInputs(METHOD, "shop-method-post-items", { requestValidatorId: body.id });
            registry.hasInputs(METHOD, "shop-method-get-items", { requestValidatorId: undefined, requestModels: undefined });
            assert.equal(registry.ofType(VALIDATOR).length, 2);
        });

        it("integrates Lambda routes as proxies (POST to the invoke ARN), keyed in the cache by the path parameter", () => {
            registry.hasInputs(INTEGRATION, "shop-integration-get-items-id", {
                resourceId: resourceId("shop-resource-items-id"),
                httpMethod: "GET",
                type: "AWS_PROXY",
                integrationHttpMethod: "POST",
                uri: registry.one(FUNCTION, "shop-items-function").outputs.invokeArn,
                cacheKeyParameters: ["method.request.path.id"],
                cacheNamespace: resourceId("shop-resource-items-id"),
            });
            registry.hasInputs(INTEGRATION, "shop-integration-get-items", { cacheKeyParameters: undefined });
        });

        it("lets API Gateway invoke a route's function for that method and path only, parameters as *", () => {
            const executionArn = api().outputs.executionArn;
            assert.match(executionArn, /^arn:aws:execute-api:us-east-1:123456789012:[0-9a-f]{10}$/);
            registry.hasInputs(PERMISSION, "shop-permission-get-items-id", {
                action: "lambda:InvokeFunction",
                principal: "apigateway.amazonaws.com",
                function: registry.one(FUNCTION, "shop-items-function").outputs.name,
                sourceArn: `${executionArn}/*/GET/items/*`,
            });
            registry.hasInputs(PERMISSION, "shop-permission-get-items", { sourceArn: `${executionArn}/*/GET/items` });
            const integration = registry.one(INTEGRATION, "shop-integration-get-items-id");
            assert.ok(integration.dependencies.includes(registry.one(PERMISSION, "shop-permission-get-items-id").urn));
        });

        it("lets the Lambda authorizer be invoked by its own authorizer only, as a REQUEST authorizer reading the header", () => {
            const authorizer = registry.hasInputs(AUTHORIZER, "shop-authorizer-header", {
                type: "REQUEST",
                authorizerUri: registry.one(FUNCTION, "shop-auth-function").outputs.invokeArn,
                identitySource: "method.request.header.Authorization",
                authorizerResultTtlInSeconds: 60,
            });
            registry.hasInputs(PERMISSION, "shop-permission-authorizer-header", {
                function: registry.one(FUNCTION, "shop-auth-function").outputs.name,
                sourceArn: `${api().outputs.executionArn}/authorizers/${authorizer.id}`,
            });
            assert.equal(registry.ofType(PERMISSION).length, 3);
        });

        it("checks Cognito tokens against the given user pools", () => {
            registry.hasInputs(AUTHORIZER, "shop-authorizer-users", {
                type: "COGNITO_USER_POOLS",
                providerArns: [POOL_ARN],
                identitySource: "method.request.header.Authorization",
            });
        });

        it("calls DynamoDB as an AWS integration on the table's Region action URI, with the proxy role as credentials", () => {
            const role = registry.one(ROLE, "shop-proxy-role-post-items");
            registry.hasInputs(INTEGRATION, "shop-integration-post-items", {
                type: "AWS",
                integrationHttpMethod: "POST",
                uri: "arn:aws:apigateway:us-east-1:dynamodb:action/PutItem",
                credentials: role.outputs.arn,
                passthroughBehavior: "NEVER",
            });
            registry.hasInputs(INTEGRATION, "shop-integration-delete-items-id", { uri: "arn:aws:apigateway:us-east-1:dynamodb:action/DeleteItem" });
        });

        it("allows each DynamoDB proxy role exactly its one action on exactly the table ARN, assumed by API Gateway only", () => {
            for (const [route, action] of [
                ["post-items", "dynamodb:PutItem"],
                ["delete-items-id", "dynamodb:DeleteItem"],
            ]) {
                const role = registry.one(ROLE, `shop-proxy-role-${route}`);
                assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement, [
                    { Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" },
                ]);
                assert.deepEqual(registry.statementsOf(role), [{ Effect: "Allow", Action: [action], Resource: TABLE_ARN }]);
            }
        });

        it("sends SQS messages by the queue's path URI as a form body, with a role allowed SendMessage on that queue and its key through SQS only", () => {
            const role = registry.one(ROLE, "shop-proxy-role-post-events");
            registry.hasInputs(INTEGRATION, "shop-integration-post-events", {
                type: "AWS",
                integrationHttpMethod: "POST",
                uri: "arn:aws:apigateway:eu-west-1:sqs:path/123456789012/events",
                credentials: role.outputs.arn,
                requestParameters: { "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'" },
                requestTemplates: { "application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)" },
                passthroughBehavior: "NEVER",
            });
            assert.deepEqual(registry.statementsOf(role), [
                { Sid: "SendMessages", Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE_ARN },
                {
                    Sid: "EncryptMessages",
                    Effect: "Allow",
                    Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                    Resource: KEY_ARN,
                    Condition: { StringLike: { "kms:ViaService": "sqs.*.amazonaws.com" } },
                },
            ]);
        });

        it("maps a service proxy's answer to 200, 4xx to 400 and 5xx to 500, each after its method response", () => {
            const r200 = registry.hasInputs(INTEGRATION_RESPONSE, "shop-integration-response-post-events-200", {
                statusCode: "200",
                selectionPattern: undefined,
                responseTemplates: { "application/json": '{"requestId": "$context.requestId"}' },
            });
            registry.hasInputs(INTEGRATION_RESPONSE, "shop-integration-response-post-events-400", { statusCode: "400", selectionPattern: "4\\d{2}" });
            registry.hasInputs(INTEGRATION_RESPONSE, "shop-integration-response-post-events-500", { statusCode: "500", selectionPattern: "5\\d{2}" });
            assert.ok(r200.dependencies.includes(registry.one(METHOD_RESPONSE, "shop-method-response-post-events-200").urn));
            assert.ok(r200.dependencies.includes(registry.one(INTEGRATION, "shop-integration-post-events").urn));
            assert.equal(registry.ofType(INTEGRATION_RESPONSE).length, 9);
        });

        it("deploys after every method and integration, with a trigger hashing the API's shape", () => {
            const deployment = registry.hasInputs(DEPLOYMENT, "shop-deployment", { restApi: api().id });
            assert.match(deployment.inputs.triggers.redeployment, /^[0-9a-f]{64}$/);
            for (const t of [METHOD, INTEGRATION, INTEGRATION_RESPONSE])
                for (const r of registry.ofType(t)) assert.ok(deployment.dependencies.includes(r.urn), r.name);
        });

        it("serves the deployment on stage v1 with a 0.5 GB cache cluster and JSON access logs kept 30 days", () => {
            const logs = registry.hasInputs(LOG_GROUP, "shop-access-logs", { retentionInDays: 30 });
            const stage = registry.hasInputs(STAGE, "shop-stage", {
                restApi: api().id,
                deployment: registry.one(DEPLOYMENT).id,
                stageName: "v1",
                xrayTracingEnabled: false,
                cacheClusterEnabled: true,
                cacheClusterSize: "0.5",
                accessLogSettings: { destinationArn: logs.outputs.arn },
            });
            assert.deepEqual(JSON.parse(stage.inputs.accessLogSettings.format), REST_ACCESS_LOG_FORMAT);
            for (const v of Object.values(REST_ACCESS_LOG_FORMAT)) assert.match(v, /^\$context\.[A-Za-z.]+$/);
        });

        it("throttles the whole stage, logs execution errors and caches nothing by default", () => {
            registry.hasInputs(SETTINGS, "shop-method-settings-all", {
                stageName: "v1",
                methodPath: "*/*",
                settings: {
                    throttlingBurstLimit: 50,
                    throttlingRateLimit: 25,
                    cachingEnabled: false,
                    metricsEnabled: false,
                    loggingLevel: "ERROR",
                    dataTraceEnabled: false,
                },
            });
        });

        it("caches and throttles a route by its ~1-escaped method path, encrypted, for its TTL", () => {
            registry.hasInputs(SETTINGS, "shop-method-settings-get-items-id", {
                methodPath: "~1items~1{id}/GET",
                settings: {
                    throttlingBurstLimit: 20,
                    throttlingRateLimit: 10,
                    cachingEnabled: true,
                    cacheTtlInSeconds: 60,
                    cacheDataEncrypted: true,
                    requireAuthorizationForCacheControl: true,
                },
            });
            assert.equal(registry.ofType(SETTINGS).length, 2);
        });

        it("puts the API key in the usage plan on this stage, with the plan's throttle and daily quota", () => {
            const plan = registry.hasInputs(PLAN, "shop-usage-plan-partners", {
                apiStages: [{ apiId: api().id, stage: "v1" }],
                throttleSettings: { burstLimit: 10, rateLimit: 5 },
                quotaSettings: { limit: 10000, period: "DAY", offset: 0 },
            });
            const key = registry.hasInputs(KEY, "shop-api-key-acme", { enabled: true, description: "ACME Corp", value: undefined });
            registry.hasInputs(PLAN_KEY, "shop-usage-plan-key-partners-acme", { keyId: key.id, keyType: "API_KEY", usagePlanId: plan.id });
        });

        it("outputs the stage URL, ids, stage name and API key ids by key, and creates no account setting unless asked", async () => {
            assert.equal(await unwrap(result.url), `https://${api().id}.execute-api.us-east-1.amazonaws.com/v1`);
            assert.equal(await unwrap(result.restApiId), api().id);
            assert.equal(await unwrap(result.executionArn), api().outputs.executionArn);
            assert.equal(await unwrap(result.stageName), "v1");
            assert.deepEqual(Object.keys(result.apiKeyIds), ["acme"]);
            assert.equal(await unwrap(result.apiKeyIds.acme), registry.one(KEY).id);
            assert.equal(registry.ofType(ACCOUNT).length, 0);
            assert.equal(result.resources.account, undefined);
        });

        it("parents every resource to the component, the functions as LambdaFunction children", () => {
            const root = registry.one(RestApi.type, "shop");
            for (const r of registry.childrenOf(root)) assert.equal(r.parent, root.urn);
            assert.deepEqual(
                registry
                    .ofType(LambdaFunction.type)
                    .map((f) => f.name)
                    .sort(),
                ["shop-auth", "shop-items"],
            );
            for (const t of [API, STAGE, LOG_GROUP, PLAN, KEY])
                for (const r of registry.ofType(t).filter((x) => x.parent === root.urn))
                    assert.equal(r.inputs.tags["aws-platform:component"], "RestApi/shop", r.name);
        });
    });

    it("stores a DynamoDB PutItem body under a new request id with the documented template", async () => {
        const { registry } = await build(() => new RestApi("shop", FULL));
        const template = registry.one(INTEGRATION, "shop-integration-post-items").inputs.requestTemplates["application/json"];
        assert.equal(
            template,
            [
                "{",
                '  "TableName": "items",',
                '  "Item": {',
                '    "id": {"S": "$context.requestId"},',
                `    "body": {"S": "$util.escapeJavaScript($input.body).replaceAll("\\\\'","'")"},`,
                '    "receivedAt": {"S": "$context.requestTime"}',
                "  },",
                '  "ConditionExpression": "attribute_not_exists(#k)",',
                '  "ExpressionAttributeNames": {"#k": "id"}',
                "}",
            ].join("\n"),
        );
        const body = '{"n": 1, "note": "tab\there"}';
        const item = JSON.parse(render(template, { "$input.body": body, "$context.requestId": "abc", "$context.requestTime": "t" })).Item;
        assert.deepEqual(item, { id: { S: "abc" }, body: { S: body }, receivedAt: { S: "t" } });
        registry.hasInputs(INTEGRATION_RESPONSE, "shop-integration-response-post-items-200", {
            responseTemplates: { "application/json": '{"id": "$context.requestId"}' },
        });
    });

    it("renders valid DynamoDB JSON for a body or a path parameter with an apostrophe (escapeJavaScript's \\' undone)", async () => {
        const { registry } = await build(() => new RestApi("shop", FULL));
        const template = (name: string) => registry.one(INTEGRATION, name).inputs.requestTemplates["application/json"];
        const body = '{"name": "O\'Brien"}';
        const put = JSON.parse(
            render(template("shop-integration-post-items"), { "$input.body": body, "$context.requestId": "abc", "$context.requestTime": "t" }),
        );
        assert.equal(put.Item.body.S, body);
        const del = JSON.parse(render(template("shop-integration-delete-items-id"), { "$input.params('id')": "o'brien" }));
        assert.deepEqual(del, { TableName: "items", Key: { id: { S: "o'brien" } } });
    });

    it("names PutItem's key attribute in the condition through ExpressionAttributeNames, so a reserved word works", async () => {
        const args: RestApiArgs = {
            routes: {
                "POST /items": {
                    integration: { type: "dynamodb", action: "PutItem", tableArn: TABLE_ARN, tableName: "items", keyAttribute: "key" },
                    authorizer: "none",
                },
            },
        };
        const { registry } = await build(() => new RestApi("shop", args));
        const template = registry.one(INTEGRATION, "shop-integration-post-items").inputs.requestTemplates["application/json"];
        const put = JSON.parse(render(template, { "$input.body": "{}", "$context.requestId": "abc", "$context.requestTime": "t" }));
        // KEY is a DynamoDB reserved word: "attribute_not_exists(key)" is a ValidationException.
        assert.equal(put.ConditionExpression, "attribute_not_exists(#k)");
        assert.deepEqual(put.ExpressionAttributeNames, { "#k": "key" });
        assert.deepEqual(put.Item.key, { S: "abc" });
    });

    it("uses the user's request template for other DynamoDB actions, a Query's role reaching the table's indexes too", async () => {
        const args: RestApiArgs = {
            routes: {
                "GET /items/{id}": {
                    integration: { type: "dynamodb", action: "Query", tableArn: TABLE_ARN, tableName: "items", requestTemplate: '{"TableName": "items"}' },
                    authorizer: "none",
                },
            },
        };
        const { registry } = await build(() => new RestApi("shop", args));
        registry.hasInputs(INTEGRATION, "shop-integration-get-items-id", { requestTemplates: { "application/json": '{"TableName": "items"}' } });
        // A Query may name an index: its ARN is allowed beside the table's, and nothing else.
        assert.deepEqual(registry.statementsOf("shop-proxy-role-get-items-id"), [
            { Effect: "Allow", Action: ["dynamodb:Query"], Resource: [TABLE_ARN, `${TABLE_ARN}/index/*`] },
        ]);
        assert.equal(registry.ofType(FUNCTION).length, 0);
    });

    it("lets a DynamoDB proxy role use the table's customer key through DynamoDB only: decrypt to read, encrypt too to write", async () => {
        const table = { tableArn: TABLE_ARN, tableName: "items", kmsKeyArn: KEY_ARN };
        const { registry } = await build(
            () =>
                new RestApi("shop", {
                    routes: {
                        "GET /items/{id}": { integration: { type: "dynamodb", action: "GetItem", ...table }, authorizer: "none" },
                        "POST /items": { integration: { type: "dynamodb", action: "PutItem", ...table }, authorizer: "none" },
                    },
                }),
        );
        const via = { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } };
        assert.deepEqual(registry.statementsOf("shop-proxy-role-get-items-id")[1], { Effect: "Allow", Action: KMS_READ, Resource: KEY_ARN, Condition: via });
        assert.deepEqual(registry.statementsOf("shop-proxy-role-post-items")[1], { Effect: "Allow", Action: KMS_WRITE, Resource: KEY_ARN, Condition: via });
        assert.deepEqual(KMS_READ, ["kms:Decrypt", "kms:DescribeKey"]);
    });

    it("redeploys when a route changes: the deployment's trigger differs", async () => {
        const trigger = async (args: RestApiArgs) => (await build(() => new RestApi("shop", args))).registry.one(DEPLOYMENT).inputs.triggers.redeployment;
        const before = await trigger(MINIMAL);
        assert.equal(await trigger(MINIMAL), before);
        const added = await trigger({
            ...MINIMAL,
            routes: { ...MINIMAL.routes, "POST /items": { integration: { type: "lambda", function: "items" }, authorizer: "none" } },
        });
        assert.notEqual(added, before);
        const schema = await trigger({
            ...MINIMAL,
            routes: { "GET /items": { ...MINIMAL.routes["GET /items"], parameters: { querystring: { cursor: true } } } },
        });
        assert.notEqual(schema, before);
    });

    it("redeploys when a function gains an alias: the integration URI, part of the snapshot, changes", async () => {
        const trigger = async (args: RestApiArgs) => (await build(() => new RestApi("shop", args))).registry.one(DEPLOYMENT).inputs.triggers.redeployment;
        const before = await trigger(MINIMAL);
        // The permission moves to the alias: a stage left on the old snapshot would call $LATEST without one.
        const aliased = await trigger({ ...MINIMAL, functions: { items: { ...MINIMAL.functions!.items, alias: { name: "live" } } } });
        assert.notEqual(aliased, before);
    });

    it("redeploys when a transform changes an integration's template or an authorizer's function", async () => {
        const trigger = async (args: RestApiArgs) => (await build(() => new RestApi("shop", args))).registry.one(DEPLOYMENT).inputs.triggers.redeployment;
        const args: RestApiArgs = {
            functions: { items: { entry: MINIMAL.functions!.items.entry }, auth: { entry: MINIMAL.functions!.items.entry } },
            routes: {
                "POST /items": { integration: { type: "dynamodb", action: "PutItem", tableArn: TABLE_ARN, tableName: "items" }, authorizer: "header" },
                "GET /items": { integration: { type: "lambda", function: "items" }, authorizer: "header" },
            },
            authorizers: { header: { type: "lambda", function: "auth" } },
        };
        const before = await trigger(args);
        assert.equal(await trigger(args), before);
        const template = await trigger({
            ...args,
            transform: { integration: (a) => (a.type === "AWS" ? { ...a, requestTemplates: { "application/json": '{"TableName": "other"}' } } : a) },
        });
        assert.notEqual(template, before);
        const authorizer = await trigger({
            ...args,
            functions: { ...args.functions, auth: { entry: MINIMAL.functions!.items.entry, alias: { name: "live" } } },
        });
        assert.notEqual(authorizer, before);
    });

    it("throttles an ANY route per request method, leaving a method with its own route to it, never with a * key", async () => {
        const lambda = { type: "lambda", function: "items" } as const;
        const { registry } = await build(
            () =>
                new RestApi("shop", {
                    functions: MINIMAL.functions,
                    routes: {
                        "ANY /items/{proxy+}": { integration: lambda, authorizer: "none", throttle: { burstLimit: 10, rateLimit: 5 } },
                        "GET /items/{proxy+}": { integration: lambda, authorizer: "none" },
                    },
                }),
        );
        const paths = registry
            .ofType(SETTINGS)
            .map((s) => s.inputs.methodPath)
            .sort();
        assert.deepEqual(paths, [
            "*/*",
            "~1items~1{proxy+}/DELETE",
            "~1items~1{proxy+}/HEAD",
            "~1items~1{proxy+}/OPTIONS",
            "~1items~1{proxy+}/PATCH",
            "~1items~1{proxy+}/POST",
            "~1items~1{proxy+}/PUT",
        ]);
        registry.hasInputs(SETTINGS, "shop-method-settings-post-items-proxy", { settings: { throttlingBurstLimit: 10, throttlingRateLimit: 5 } });
    });

    it("fits a long route's proxy role name to IAM's 64 characters", async () => {
        const key = "POST /partners/{partner}/shipments/{shipment}/tracking-events/notifications";
        const { registry } = await build(() => new RestApi("partners-gateway", proxy(key)));
        const role = registry.one(ROLE);
        assert.ok(role.outputs.name.length <= 64, role.outputs.name);
        assert.match(role.name, /^partners-.*-notifications-[0-9a-f]{6}$/);
    });

    it("creates the account's CloudWatch role and setting when asked, before the stage, retained on delete", async () => {
        const { registry } = await build(() => new RestApi("shop", { ...MINIMAL, accountCloudWatchRole: true }));
        const role = registry.one(ROLE, "shop-account-role");
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal, { Service: "apigateway.amazonaws.com" });
        assert.deepEqual(registry.managedPoliciesOf(role), ["arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"]);
        const account = registry.hasInputs(ACCOUNT, "shop-account", { cloudwatchRoleArn: role.outputs.arn });
        assert.ok(registry.one(STAGE).dependencies.includes(account.urn));
        // Kept when the stack is destroyed: other stacks' APIs log through the setting.
        for (const r of [role, account, registry.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment")]) assert.equal(r.retainOnDelete, true, r.name);
    });

    it("sets an enhanced TLS policy with endpoint access mode STRICT, and X-Ray and logging when asked", async () => {
        const { registry } = await build(
            () =>
                new RestApi("shop", {
                    ...MINIMAL,
                    securityPolicy: "SecurityPolicy_TLS13_1_2_2021_06",
                    tracing: true,
                    loggingLevel: "INFO",
                    metricsEnabled: true,
                    stageName: "prod",
                }),
        );
        registry.hasInputs(API, "shop-api", { securityPolicy: "SecurityPolicy_TLS13_1_2_2021_06", endpointAccessMode: "STRICT" });
        registry.hasInputs(STAGE, "shop-stage", { xrayTracingEnabled: true, stageName: "prod", cacheClusterEnabled: false, cacheClusterSize: undefined });
        registry.hasInputs(SETTINGS, "shop-method-settings-all", { stageName: "prod", settings: { loggingLevel: "INFO", metricsEnabled: true } });
    });

    it("creates API Gateway's execution log group first, with the access logs' retention, before logging is on", async () => {
        const { registry } = await build(() => new RestApi("shop", { ...MINIMAL, accessLogRetentionDays: 14 }));
        const logs = registry.hasInputs(LOG_GROUP, "shop-execution-logs", { retentionInDays: 14 });
        // The name API Gateway writes to; created by API Gateway itself, it would keep the logs forever.
        assert.equal(logs.inputs.name, `API-Gateway-Execution-Logs_${registry.one(API).id}/v1`);
        for (const s of registry.ofType(SETTINGS)) assert.ok(s.dependencies.includes(logs.urn), s.name);
    });

    it("creates no execution log group with loggingLevel OFF", async () => {
        const { registry } = await build(() => new RestApi("shop", { ...MINIMAL, loggingLevel: "OFF" }));
        assert.equal(registry.ofType(LOG_GROUP).filter((g) => g.name === "shop-execution-logs").length, 0);
        registry.hasInputs(SETTINGS, "shop-method-settings-all", { settings: { loggingLevel: "OFF" } });
    });

    it("grants API Gateway the function's own alias, as its transform names it", async () => {
        const items = { entry: MINIMAL.functions!.items.entry, alias: { name: "live" }, transform: { alias: { name: "blue" } } };
        const { registry } = await build(
            () =>
                new RestApi("shop", {
                    functions: { items },
                    routes: { "GET /items": { integration: { type: "lambda", function: "items" }, authorizer: "none" } },
                }),
        );
        registry.hasInputs("aws:lambda/alias:Alias", undefined, { name: "blue" });
        registry.hasInputs(PERMISSION, "shop-permission-get-items", { qualifier: "blue" });
    });

    it("grants API Gateway the alias when the function has one, and maps ANY and the root path", async () => {
        const { registry } = await build(
            () =>
                new RestApi("shop", {
                    functions: { items: { entry: MINIMAL.functions!.items.entry, alias: { name: "live" } } },
                    routes: {
                        "ANY /{proxy+}": { integration: { type: "lambda", function: "items" }, authorizer: "none" },
                        "GET /": { integration: { type: "lambda", function: "items" }, authorizer: "none", throttle: { rateLimit: 1 } },
                    },
                }),
        );
        const executionArn = registry.one(API).outputs.executionArn;
        registry.hasInputs(PERMISSION, "shop-permission-any-proxy", { qualifier: "live", sourceArn: `${executionArn}/*/*/*` });
        registry.hasInputs(PERMISSION, "shop-permission-get", { sourceArn: `${executionArn}/*/GET/` });
        registry.hasInputs(METHOD, "shop-method-get", { resourceId: registry.one(API).outputs.rootResourceId });
        registry.hasInputs(SETTINGS, "shop-method-settings-get", { methodPath: "~1/GET", settings: { throttlingRateLimit: 1, throttlingBurstLimit: 200 } });
        registry.hasInputs(RESOURCE, "shop-resource-proxy", { pathPart: "{proxy+}" });
    });
});
