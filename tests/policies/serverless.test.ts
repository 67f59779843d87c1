import * as assert from "node:assert";
import { LambdaFunction } from "../../components/lambda-function";
import { type PolicyInput, type Rule, checkPolicies, policyResource } from "../../components/policies";
import { LAMBDA_RUNTIME_DEPRECATION, SERVERLESS_RULES, functionNameOf } from "../../components/policies/rules/serverless";
import { RestApi } from "../../components/rest-api";
import { Table } from "../../components/table/table";
import { build } from "../../components/testing";
import { ENTRY } from "../components/lambda-function/fixtures";
import { MINIMAL } from "../components/rest-api/fixtures";
import { base } from "../components/table/fixtures";

const FUNCTION = "aws:lambda/function:Function";
const ACCOUNT = "123456789012";
const fnArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

const rule = (name: string): Rule => {
    const r = SERVERLESS_RULES.find((x) => x.name === name);
    assert.ok(r, `no rule ${name}`);
    return r;
};

async function run(name: string, resources: PolicyInput[]) {
    const result = await checkPolicies(resources, { rules: [rule(name)] });
    return { result, violations: result.violations, evaluated: result.policies[0].evaluated };
}

/** Asserts exactly the given `[resource, message fragment]` findings, all of `policy`. */
async function expectFindings(policy: string, resources: PolicyInput[], expected: Array<[string, string]>): Promise<void> {
    const violations = [...(await run(policy, resources)).violations].sort((a, b) => a.name.localeCompare(b.name));
    expected = [...expected].sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepStrictEqual(
        violations.map((v) => [v.policy, v.name]),
        expected.map(([name]) => [policy, name]),
        violations.map((v) => v.message).join("\n"),
    );
    for (const [i, [, fragment]] of expected.entries()) assert.ok(violations[i].message.includes(fragment), `${violations[i].message} lacks "${fragment}"`);
}

/** A function as the stack sees it: inputs, and outputs with its name and function ARN. */
const fn = (name: string, inputs: Record<string, any> = {}, stack = "dev") => {
    const all = { runtime: "nodejs22.x", memorySize: 256, timeout: 10, name, loggingConfig: { logFormat: "JSON", logGroup: `/aws/lambda/${name}` }, ...inputs };
    return policyResource(FUNCTION, `${name}-function`, all, { outputs: { ...all, arn: fnArn(name) }, stack });
};
const logGroup = (name: string, retentionInDays?: number) =>
    res("aws:cloudwatch/logGroup:LogGroup", `${name.split("/").pop()}-logs`, { name, ...(retentionInDays === undefined ? {} : { retentionInDays }) });
/** A resource whose outputs are its inputs (policyResource would replace an `arn` input with a made-up ARN). */
const res = (type: string, name: string, inputs: Record<string, any>) => policyResource(type, name, inputs, { outputs: inputs });
const queue = (name: string, inputs: Record<string, any> = {}) =>
    policyResource(
        "aws:sqs/queue:Queue",
        name,
        { sqsManagedSseEnabled: true, ...inputs },
        {
            outputs: { sqsManagedSseEnabled: true, ...inputs, arn: queueArn(name), url: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`, name },
        },
    );

describe("serverless policy rules", () => {
    it("names every rule <service>-<check> with a control URL and a one-sentence description", () => {
        for (const r of SERVERLESS_RULES) {
            assert.match(r.name, /^(lambda|apigw|sqs|sns|dynamodb)-[a-z0-9-]+$/);
            assert.match(r.control.url, /^https:\/\//);
            assert.ok(r.description.endsWith("."), r.name);
        }
    });

    describe("functionNameOf", () => {
        for (const [ref, name] of [
            ["items", "items"],
            [fnArn("items"), "items"],
            [`${fnArn("items")}:live`, "items"],
            [`${ACCOUNT}:function:items`, "items"],
            ["items:live", "items"],
        ])
            it(`reads ${name} from ${ref}`, () => assert.strictEqual(functionNameOf(ref), name));
    });

    describe("lambda-2-supported-runtime", () => {
        it("fails a runtime past its deprecation date and one not in the list, naming the supported ones", () =>
            expectFindings(
                "lambda-2-supported-runtime",
                [fn("old", { runtime: "nodejs18.x" }), fn("gone", { runtime: "go1.x" })],
                [
                    ["old-function", 'runtime is "nodejs18.x", not a supported runtime; use one of'],
                    ["gone-function", 'runtime is "go1.x", not a supported runtime'],
                ],
            ));
        it("fails a listed runtime whose deprecation date has passed", async () => {
            const past = Object.entries(LAMBDA_RUNTIME_DEPRECATION).find(([, d]) => d <= new Date().toISOString().slice(0, 10));
            assert.ok(past, "the list keeps recently deprecated runtimes");
            await expectFindings("lambda-2-supported-runtime", [fn("f", { runtime: past[0] })], [["f-function", `deprecated since ${past[1]}`]]);
        });
        it("passes nodejs24.x and is not applicable to container images", async () => {
            const { violations, evaluated } = await run("lambda-2-supported-runtime", [
                fn("ok", { runtime: "nodejs24.x" }),
                fn("img", { packageType: "Image", runtime: undefined }),
            ]);
            assert.deepStrictEqual(violations, []);
            assert.strictEqual(evaluated, 1);
        });
    });

    describe("lambda-explicit-memory-timeout", () => {
        it("fails a function that leaves memorySize or timeout to Lambda's defaults", () =>
            expectFindings(
                "lambda-explicit-memory-timeout",
                [fn("a", { memorySize: undefined }), fn("b", { memorySize: undefined, timeout: undefined }), fn("c")],
                [
                    ["a-function", "memorySize is absent"],
                    ["b-function", "memorySize and timeout are absent"],
                ],
            ));
        it("is not applicable to other types", async () => assert.strictEqual((await run("lambda-explicit-memory-timeout", [queue("q")])).evaluated, 0));
    });

    describe("lambda-async-failure-destination", () => {
        const scheduled = (target: string) =>
            policyResource("aws:scheduler/schedule:Schedule", "nightly", {
                scheduleExpression: "rate(1 day)",
                target: { arn: fnArn(target), roleArn: "arn:aws:iam::1:role/r" },
            });
        it("fails a function a schedule invokes with neither a DLQ nor an on-failure destination", () =>
            expectFindings("lambda-async-failure-destination", [fn("sweeper"), scheduled("sweeper")], [["sweeper-function", "Scheduler schedule nightly"]]));
        it("recognises S3, SNS, EventBridge and service permissions as async sources", async () => {
            const sources = [
                policyResource("aws:s3/bucketNotification:BucketNotification", "n", { bucket: "b", lambdaFunctions: [{ lambdaFunctionArn: fnArn("s3fn") }] }),
                policyResource("aws:sns/topicSubscription:TopicSubscription", "sub", { protocol: "lambda", endpoint: `${fnArn("snsfn")}:live`, topic: "t" }),
                res("aws:cloudwatch/eventTarget:EventTarget", "target", { rule: "r", arn: fnArn("evfn") }),
                policyResource("aws:lambda/permission:Permission", "perm", { function: "permfn", principal: "scheduler.amazonaws.com", sourceArn: "x" }),
            ];
            const { violations } = await run("lambda-async-failure-destination", [fn("s3fn"), fn("snsfn"), fn("evfn"), fn("permfn"), ...sources]);
            assert.deepStrictEqual(violations.map((v) => v.name).sort(), ["evfn-function", "permfn-function", "s3fn-function", "snsfn-function"]);
        });
        it("passes with an invoke config's onFailure or a deadLetterConfig, and ignores sync-only functions", async () => {
            const config = policyResource("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "a-async", {
                functionName: "a",
                destinationConfig: { onFailure: { destination: queueArn("f") } },
            });
            const api = policyResource("aws:lambda/permission:Permission", "api", { function: "sync", principal: "apigateway.amazonaws.com", sourceArn: "x" });
            const { violations, evaluated } = await run("lambda-async-failure-destination", [
                fn("a"),
                scheduled("a"),
                config,
                fn("b", { deadLetterConfig: { targetArn: queueArn("d") } }),
                res("aws:cloudwatch/eventTarget:EventTarget", "t", { rule: "r", arn: fnArn("b") }),
                fn("sync"),
                api,
            ]);
            assert.deepStrictEqual(violations, []);
            assert.strictEqual(evaluated, 1);
        });
        it("fails a stream mapping without an on-failure destination, not an SQS one", () =>
            expectFindings(
                "lambda-async-failure-destination",
                [
                    policyResource("aws:lambda/eventSourceMapping:EventSourceMapping", "kinesis", {
                        functionName: "f",
                        eventSourceArn: "arn:aws:kinesis:us-east-1:1:stream/s",
                    }),
                    policyResource("aws:lambda/eventSourceMapping:EventSourceMapping", "ddb", {
                        functionName: "f",
                        eventSourceArn: "arn:aws:dynamodb:us-east-1:1:table/t/stream/2026",
                        destinationConfig: { onFailure: { destinationArn: queueArn("f") } },
                    }),
                    policyResource("aws:lambda/eventSourceMapping:EventSourceMapping", "sqs", { functionName: "f", eventSourceArn: queueArn("in") }),
                ],
                [["kinesis", "without destinationConfig.onFailure.destinationArn"]],
            ));
        it("is not applicable to a stack without functions or mappings", async () =>
            assert.strictEqual((await run("lambda-async-failure-destination", [queue("q")])).evaluated, 0));
    });

    describe("lambda-1-permission-source", () => {
        const perm = (name: string, inputs: Record<string, any>) =>
            policyResource("aws:lambda/permission:Permission", name, { action: "lambda:InvokeFunction", function: "f", ...inputs });
        it("fails a * principal, a service without sourceArn and S3 without sourceAccount", () =>
            expectFindings(
                "lambda-1-permission-source",
                [
                    perm("star", { principal: "*" }),
                    perm("events", { principal: "events.amazonaws.com" }),
                    perm("s3", { principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::b" }),
                ],
                [
                    ["events", "events.amazonaws.com without sourceArn"],
                    ["s3", "without sourceAccount"],
                    ["star", 'principal is "*"'],
                ],
            ));
        it("passes sourced service grants and account principals", async () =>
            assert.deepStrictEqual(
                (
                    await run("lambda-1-permission-source", [
                        perm("s3", { principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::b", sourceAccount: ACCOUNT }),
                        perm("api", { principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:us-east-1:1:a/*" }),
                        perm("acct", { principal: ACCOUNT }),
                        perm("org", { principal: "*", principalOrgId: "o-abc123" }),
                    ])
                ).violations,
                [],
            ));
    });

    describe("lambda-log-retention", () => {
        it("fails a function whose log group the stack lacks, and a group kept forever", () =>
            expectFindings(
                "lambda-log-retention",
                [fn("a"), fn("b"), logGroup("/aws/lambda/b")],
                [
                    ["a-function", "writes to the log group /aws/lambda/a, which the stack does not create"],
                    ["b-logs", "retentionInDays absent"],
                ],
            ));
        it("passes the default group with retention and Lambda@Edge's regional group", async () => {
            const edge = fn("edge", { loggingConfig: { logFormat: "JSON" } });
            const { violations } = await run("lambda-log-retention", [
                fn("a"),
                logGroup("/aws/lambda/a", 14),
                edge,
                logGroup("/aws/lambda/us-east-1.edge", 30),
            ]);
            assert.deepStrictEqual(violations, []);
        });
    });

    describe("lambda-7-tracing", () => {
        it("fails configured tracing that is not Active", () =>
            expectFindings("lambda-7-tracing", [fn("p", { tracingConfig: { mode: "PassThrough" } })], [["p-function", 'tracingConfig.mode is "PassThrough"']]));
        it("passes Active and is not applicable without tracingConfig", async () => {
            const { violations, evaluated } = await run("lambda-7-tracing", [fn("a", { tracingConfig: { mode: "Active" } }), fn("none")]);
            assert.deepStrictEqual(violations, []);
            assert.strictEqual(evaluated, 1);
        });
    });

    describe("API Gateway", () => {
        const restStage = (inputs: Record<string, any> = {}) =>
            policyResource("aws:apigateway/stage:Stage", "stage", {
                restApi: "api1",
                stageName: "v1",
                accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:1:log-group:a", format: "{}" },
                ...inputs,
            });
        const settings = (name: string, methodPath: string, s: Record<string, any>) =>
            policyResource("aws:apigateway/methodSettings:MethodSettings", name, { restApi: "api1", stageName: "v1", methodPath, settings: s });
        const v2Stage = (inputs: Record<string, any> = {}) =>
            policyResource("aws:apigatewayv2/stage:Stage", "v2-stage", { apiId: "a", name: "$default", ...inputs });

        it("apigw-access-logging fails stages without a destination or format", () =>
            expectFindings(
                "apigw-access-logging",
                [restStage({ accessLogSettings: undefined }), v2Stage({ accessLogSettings: { destinationArn: "arn:aws:logs:x" } }), restStage()],
                [
                    ["stage", "accessLogSettings is absent"],
                    ["v2-stage", "set destinationArn (a log group) and format"],
                ],
            ));
        it("apigw-1-execution-logging fails OFF for */*, a missing */*, and an OFF override", async () => {
            await expectFindings(
                "apigw-1-execution-logging",
                [restStage(), settings("all", "*/*", { loggingLevel: "OFF" })],
                [["all", 'settings.loggingLevel is "OFF" for "*/*"']],
            );
            await expectFindings("apigw-1-execution-logging", [restStage()], [["stage", 'no method settings for "*/*"']]);
            await expectFindings(
                "apigw-1-execution-logging",
                [
                    restStage(),
                    settings("all", "*/*", { loggingLevel: "ERROR" }),
                    settings("get", "~1items/GET", { loggingLevel: "OFF" }),
                    settings("put", "~1items/PUT", {}),
                ],
                [["get", 'settings.loggingLevel is "OFF" for "~1items/GET"']],
            );
        });
        it("apigw-1-execution-logging passes ERROR and INFO and ignores another stage's settings", async () => {
            const other = policyResource("aws:apigateway/methodSettings:MethodSettings", "other", {
                restApi: "api2",
                stageName: "v1",
                methodPath: "*/*",
                settings: { loggingLevel: "OFF" },
            });
            assert.deepStrictEqual(
                (await run("apigw-1-execution-logging", [restStage(), settings("all", "*/*", { loggingLevel: "INFO" }), other])).violations,
                [],
            );
        });
        it("apigw-throttling fails the provider's -1 and an absent v2 default, passes set limits", async () => {
            await expectFindings(
                "apigw-throttling",
                [restStage(), settings("all", "*/*", { throttlingRateLimit: 100, throttlingBurstLimit: -1 }), v2Stage()],
                [
                    ["all", "throttlingBurstLimit -1"],
                    ["v2-stage", "defaultRouteSettings.throttlingRateLimit absent"],
                ],
            );
            const ok = [
                restStage(),
                settings("all", "*/*", { throttlingRateLimit: 100, throttlingBurstLimit: 200 }),
                v2Stage({ defaultRouteSettings: { throttlingRateLimit: 10, throttlingBurstLimit: 20 } }),
            ];
            assert.deepStrictEqual((await run("apigw-throttling", ok)).violations, []);
        });
        it("apigw-8-route-authorization fails NONE routes and API-key-only methods, not CORS preflights or authorized ones", () =>
            expectFindings(
                "apigw-8-route-authorization",
                [
                    policyResource("aws:apigatewayv2/route:Route", "open", { apiId: "a", routeKey: "GET /items" }),
                    policyResource("aws:apigatewayv2/route:Route", "jwt", { apiId: "a", routeKey: "POST /items", authorizationType: "JWT", authorizerId: "x" }),
                    policyResource("aws:apigatewayv2/route:Route", "preflight", { apiId: "a", routeKey: "OPTIONS /items" }),
                    policyResource("aws:apigatewayv2/route:Route", "ws-message", { apiId: "a", routeKey: "sendmessage" }),
                    policyResource("aws:apigateway/method:Method", "keyed", {
                        restApi: "r",
                        resourceId: "x",
                        httpMethod: "POST",
                        authorization: "NONE",
                        apiKeyRequired: true,
                    }),
                    policyResource("aws:apigateway/method:Method", "iam", { restApi: "r", resourceId: "x", httpMethod: "GET", authorization: "AWS_IAM" }),
                ],
                [
                    ["keyed", "API keys identify clients for usage plans, they do not authorize"],
                    ["open", 'authorizationType is "NONE" on "GET /items"'],
                ],
            ));
        it("apigw-tls12 fails TLS 1.0, an absent policy and an unknown name, passes TLS_1_2 and the enhanced TLS 1.2 and 1.3 policies", () =>
            expectFindings(
                "apigw-tls12",
                [
                    policyResource("aws:apigateway/domainName:DomainName", "old", { domainName: "a.example.com", securityPolicy: "TLS_1_0" }),
                    policyResource("aws:apigatewayv2/domainName:DomainName", "v2", {
                        domainName: "b.example.com",
                        domainNameConfiguration: { endpointType: "REGIONAL" },
                    }),
                    policyResource("aws:apigateway/restApi:RestApi", "api", { securityPolicy: "TLS_1_2" }),
                    policyResource("aws:apigateway/restApi:RestApi", "api13", { securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09" }),
                    policyResource("aws:apigateway/domainName:DomainName", "edge12", {
                        domainName: "c.example.com",
                        securityPolicy: "SecurityPolicy_TLS12_PFS_2025_EDGE",
                        endpointAccessMode: "STRICT",
                    }),
                    policyResource("aws:apigateway/restApi:RestApi", "bogus", { securityPolicy: "TLS13_NOT_A_POLICY" }),
                ],
                [
                    ["old", 'securityPolicy is "TLS_1_0"'],
                    ["v2", "domainNameConfiguration.securityPolicy is absent"],
                    ["bogus", 'securityPolicy is "TLS13_NOT_A_POLICY"'],
                ],
            ));
        it("apigw-5-cache-encrypted fails an unencrypted cache and skips settings without caching", async () => {
            await expectFindings(
                "apigw-5-cache-encrypted",
                [settings("cached", "~1items/GET", { cachingEnabled: true }), settings("enc", "~1a/GET", { cachingEnabled: true, cacheDataEncrypted: true })],
                [["cached", "cacheDataEncrypted is absent"]],
            );
            assert.strictEqual((await run("apigw-5-cache-encrypted", [settings("all", "*/*", { cachingEnabled: false })])).evaluated, 0);
        });
    });

    describe("SQS and SNS", () => {
        it("sqs-1-encrypted fails SSE turned off without a key, passes the default and a KMS key", () =>
            expectFindings(
                "sqs-1-encrypted",
                [queue("plain", { sqsManagedSseEnabled: false }), queue("kms", { sqsManagedSseEnabled: false, kmsMasterKeyId: "alias/q" }), queue("default")],
                [["plain", "sqsManagedSseEnabled is false and kmsMasterKeyId is absent"]],
            ));
        it("sqs-redrive fails a work queue without redrive, not the DLQs others point at", () =>
            expectFindings(
                "sqs-redrive",
                [
                    queue("work", { redrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn("work-dlq"), maxReceiveCount: 5 }) }),
                    queue("work-dlq"),
                    queue("failures"),
                    fn("f", { deadLetterConfig: { targetArn: queueArn("failures") } }),
                    queue("orphan"),
                ],
                [["orphan", "redrivePolicy is absent"]],
            ));
        it("sqs-ssl-only fails a queue without a TLS-only deny, passes one whose policy has it", () =>
            expectFindings(
                "sqs-ssl-only",
                [
                    queue("open"),
                    queue("tls"),
                    policyResource("aws:sqs/queuePolicy:QueuePolicy", "tls-policy", {
                        queueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/tls`,
                        policy: JSON.stringify({
                            Version: "2012-10-17",
                            Statement: [
                                {
                                    Effect: "Deny",
                                    Principal: "*",
                                    Action: "sqs:*",
                                    Resource: queueArn("tls"),
                                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                                },
                            ],
                        }),
                    }),
                ],
                [["open", "no queue policy denies all actions (sqs:*) to everyone when aws:SecureTransport"]],
            ));
        it('sqs-ssl-only reads the deny as s3-5 does: { AWS: "*" } and BoolIfExists pass, a deny of some actions only fails', () => {
            const policy = (queueName: string, statement: Record<string, unknown>) =>
                policyResource("aws:sqs/queuePolicy:QueuePolicy", `${queueName}-policy`, {
                    queueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${queueName}`,
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Resource: queueArn(queueName), ...statement }] }),
                });
            return expectFindings(
                "sqs-ssl-only",
                [
                    queue("aws-star"),
                    policy("aws-star", { Principal: { AWS: "*" }, Action: "sqs:*", Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }),
                    queue("send-only"),
                    policy("send-only", { Principal: "*", Action: "sqs:SendMessage", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
                ],
                [["send-only", "no queue policy denies all actions (sqs:*)"]],
            );
        });
        it("sns-1-encrypted fails a topic without a key", () =>
            expectFindings(
                "sns-1-encrypted",
                [policyResource("aws:sns/topic:Topic", "plain", {}), policyResource("aws:sns/topic:Topic", "kms", { kmsMasterKeyId: "alias/mine" })],
                [["plain", "kmsMasterKeyId is absent"]],
            ));
        it("sns-alarm-topic-cmk fails a topic on alias/aws/sns that an alarm targets, not an unused one or a CMK", () => {
            const topic = (name: string, key: string) =>
                policyResource(
                    "aws:sns/topic:Topic",
                    name,
                    { kmsMasterKeyId: key },
                    { outputs: { kmsMasterKeyId: key, name, arn: `arn:aws:sns:us-east-1:${ACCOUNT}:${name}` } },
                );
            const alarm = (target: string) =>
                policyResource("aws:cloudwatch/metricAlarm:MetricAlarm", `${target}-alarm`, { alarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:${target}`] });
            return expectFindings(
                "sns-alarm-topic-cmk",
                [
                    topic("managed", "alias/aws/sns"),
                    alarm("managed"),
                    topic("unused", "alias/aws/sns"),
                    topic("cmk", "arn:aws:kms:us-east-1:1:key/k"),
                    alarm("cmk"),
                ],
                [["managed", "alarm managed-alarm publish to it"]],
            );
        });
    });

    describe("DynamoDB", () => {
        const table = (name: string, inputs: Record<string, any>, stack = "dev") =>
            policyResource("aws:dynamodb/table:Table", name, { hashKey: "pk", ...inputs }, { stack, outputs: { ...inputs, name: `${name}-1234567` } });
        it("dynamodb-2-pitr fails a table without point-in-time recovery", () =>
            expectFindings(
                "dynamodb-2-pitr",
                [table("off", { pointInTimeRecovery: { enabled: false } }), table("absent", {}), table("on", { pointInTimeRecovery: { enabled: true } })],
                [
                    ["absent", "pointInTimeRecovery.enabled is absent"],
                    ["off", "pointInTimeRecovery.enabled is false"],
                ],
            ));
        it("dynamodb-6-deletion-protection applies in prod only", async () => {
            await expectFindings(
                "dynamodb-6-deletion-protection",
                [table("t", { deletionProtectionEnabled: false }, "prod")],
                [["t", "deletionProtectionEnabled is false"]],
            );
            assert.strictEqual((await run("dynamodb-6-deletion-protection", [table("t", { deletionProtectionEnabled: false }, "dev")])).evaluated, 0);
        });
        it("dynamodb-kms-encryption fails the AWS owned key, passes a KMS key", () =>
            expectFindings(
                "dynamodb-kms-encryption",
                [table("owned", { serverSideEncryption: { enabled: false } }), table("kms", { serverSideEncryption: { enabled: true } })],
                [["owned", "serverSideEncryption.enabled is false (AWS owned key)"]],
            ));
        it("dynamodb-1-capacity fails provisioned capacity without auto scaling of the table and its index", () => {
            const target = (id: string, dim: string) =>
                policyResource("aws:appautoscaling/target:Target", `${id}-${dim}`, {
                    serviceNamespace: "dynamodb",
                    resourceId: id,
                    scalableDimension: dim,
                    minCapacity: 1,
                    maxCapacity: 5,
                });
            return expectFindings(
                "dynamodb-1-capacity",
                [
                    table("prov", { billingMode: "PROVISIONED", globalSecondaryIndexes: [{ name: "byA" }] }),
                    target("table/prov-1234567", "dynamodb:table:ReadCapacityUnits"),
                    target("table/prov-1234567", "dynamodb:table:WriteCapacityUnits"),
                    table("ondemand", { billingMode: "PAY_PER_REQUEST" }),
                ],
                [["prov", "table/prov-1234567/index/byA ReadCapacityUnits, table/prov-1234567/index/byA WriteCapacityUnits"]],
            );
        });
    });

    describe("the components' defaults pass the rules", () => {
        it("a LambdaFunction with defaults", async () => {
            const { registry } = await build(() => new LambdaFunction("api", { entry: ENTRY }));
            assert.deepStrictEqual((await checkPolicies(registry.all(), { rules: SERVERLESS_RULES })).violations, []);
        });
        it("a Table with defaults (the AWS managed key since issue 19); only the AWS owned key fails dynamodb-kms-encryption", async () => {
            const { registry } = await build(() => new Table("items", base()));
            assert.deepStrictEqual((await checkPolicies(registry.all(), { rules: SERVERLESS_RULES })).violations, []);
            const owned = await build(() => new Table("items", base({ encryption: "aws-owned" })));
            assert.deepStrictEqual(
                (await checkPolicies(owned.registry.all(), { rules: SERVERLESS_RULES })).violations.map((v) => v.policy),
                ["dynamodb-kms-encryption"],
            );
        });
        it("a Table with protectData passes in prod (deletion protection follows)", async () => {
            const { registry } = await build(() => new Table("items", base({ protectData: true, encryption: "aws-managed" })), { stack: "prod" });
            assert.deepStrictEqual((await checkPolicies(registry.all(), { rules: SERVERLESS_RULES })).violations, []);
        });
        it("a RestApi with defaults, except its public route (apigw-8-route-authorization)", async () => {
            const { registry } = await build(() => new RestApi("shop", MINIMAL));
            const { violations } = await checkPolicies(registry.all(), { rules: SERVERLESS_RULES });
            assert.deepStrictEqual(
                violations.map((v) => [v.policy, v.name]),
                [["apigw-8-route-authorization", "shop-method-get-items"]],
            );
        });
    });
});
