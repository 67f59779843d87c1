import * as assert from "node:assert";
import { LambdaFunction } from "../../../components/lambda-function";
import type { LambdaFunctionArgs } from "../../../components/lambda-function/args";
import { functionName } from "../../../components/lambda-function/lambda-function";
import { bundle } from "../../../components/shared/bundle";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { ENTRY, IMAGE, QUEUE_ARN, SUBNETS, VPC_ID } from "./fixtures";

const FUNCTION = "aws:lambda/function:Function";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "aws:iam/role:Role";
const ALIAS = "aws:lambda/alias:Alias";
const PROVISIONED = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
const EVENT_INVOKE = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/items";

async function built(args: LambdaFunctionArgs): Promise<{ registry: Registry; result: LambdaFunction }> {
    return build(() => new LambdaFunction("api", args));
}

describe("LambdaFunction", () => {
    describe("from an entry file, with defaults", () => {
        let registry: Registry;
        let result: LambdaFunction;
        const policy = (name: string) => registry.policiesOf("api-role").find((p) => p.name === name)?.policy;
        before(async () => {
            ({ registry, result } = await built({ entry: ENTRY, statements: [{ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: TABLE_ARN }] }));
        });

        it("runs the bundled index.js on Node.js 22, arm64, with the handler export", () => {
            const fn = registry.hasInputs(FUNCTION, "api-function", {
                packageType: "Zip",
                runtime: "nodejs22.x",
                handler: "index.handler",
                architectures: ["arm64"],
                memorySize: 256,
                timeout: 10,
                ephemeralStorage: { size: 512 },
            });
            assert.equal(fn.inputs.code.assets["index.js"].text, bundle(ENTRY).code);
        });

        it("names the function explicitly, unique per stack and within Lambda's 64 characters", () => {
            const name = registry.one(FUNCTION).inputs.name;
            assert.match(name, /^api-[0-9a-f]{7}$/);
            assert.equal(name, functionName("api"));
            assert.ok(functionName("x".repeat(80)).length <= 64);
        });

        it("deletes the function before creating its replacement, which reuses the fixed name (packageType forces a replacement)", () => {
            assert.equal(registry.one(FUNCTION).deleteBeforeReplace, true);
        });

        it("creates its log group /aws/lambda/<name> with a 30-day retention before the function, and logs there in JSON", () => {
            const fn = registry.one(FUNCTION);
            const logs = registry.hasInputs(LOG_GROUP, "api-logs", { name: `/aws/lambda/${fn.inputs.name}`, retentionInDays: 30 });
            assert.ok(logs.index < fn.index);
            assert.ok(fn.dependencies.includes(logs.urn));
            assert.deepEqual(fn.inputs.loggingConfig, { logFormat: "JSON", logGroup: logs.inputs.name });
        });

        it("lets only Lambda assume its role, with no condition", () => {
            assert.deepEqual(json(registry.one(ROLE, "api-role").inputs.assumeRolePolicy).Statement, [
                { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]);
        });

        it("may write to its own log group only, with no managed policy", () => {
            const logsArn = registry.one(LOG_GROUP).outputs.arn;
            assert.deepEqual(
                registry
                    .policiesOf("api-role")
                    .map((p) => p.name)
                    .sort(),
                ["logs", "own"],
            );
            assert.deepEqual(json(policy("logs")).Statement, [
                { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logsArn}:*` },
            ]);
            assert.deepEqual(registry.managedPoliciesOf("api-role"), []);
        });

        it("adds the given statements as the role's own policy", () => {
            assert.deepEqual(json(policy("own")).Statement, [{ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: TABLE_ARN }]);
        });

        it("creates the function once its role's policies exist", () => {
            const fn = registry.one(FUNCTION);
            for (const p of registry.ofType("aws:iam/rolePolicy:RolePolicy")) assert.ok(fn.dependencies.includes(p.urn), p.name);
        });

        it("sets no tracing, concurrency, VPC, alias or asynchronous settings unless asked", () => {
            registry.hasInputs(FUNCTION, "api-function", {
                tracingConfig: undefined,
                reservedConcurrentExecutions: undefined,
                vpcConfig: undefined,
                publish: undefined,
            });
            assert.equal(registry.ofType(ALIAS).length + registry.ofType(EVENT_INVOKE).length + registry.ofType(SECURITY_GROUP).length, 0);
        });

        it("outputs the function's name and ARNs, and the role's ARN", async () => {
            const fn = registry.one(FUNCTION).outputs;
            assert.equal(await unwrap(result.functionName), fn.name);
            assert.equal(await unwrap(result.functionArn), fn.arn);
            assert.match(await unwrap(result.functionArn), /^arn:aws:lambda:us-east-1:123456789012:function:api-[0-9a-f]{7}$/);
            assert.equal(await unwrap(result.invokeArn), fn.invokeArn);
            assert.equal(await unwrap(result.roleArn), registry.one(ROLE).outputs.arn);
            assert.equal(result.aliasArn, undefined);
        });

        it("reports the bundle's digest and size", () => {
            assert.deepEqual(result.bundle, { sha256: bundle(ENTRY).sha256, bytes: bundle(ENTRY).bytes });
        });

        it("parents every child to the component and tags it", () => {
            const root = registry.one(LambdaFunction.type, "api");
            for (const r of registry.all().filter((x) => x !== root)) assert.equal(r.parent, root.urn, r.name);
            assert.equal(registry.one(FUNCTION).inputs.tags["aws-platform:component"], "LambdaFunction/api");
        });
    });

    it("runs a container image with no runtime or handler", async () => {
        const { registry } = await built({ imageUri: IMAGE, architecture: "x86_64" });
        registry.hasInputs(FUNCTION, "api-function", {
            packageType: "Image",
            imageUri: IMAGE,
            runtime: undefined,
            handler: undefined,
            code: undefined,
            architectures: ["x86_64"],
        });
    });

    it("turns on active X-Ray tracing and lets the role write traces", async () => {
        const { registry } = await built({ entry: ENTRY, tracing: true });
        registry.hasInputs(FUNCTION, "api-function", { tracingConfig: { mode: "Active" } });
        assert.deepEqual(registry.managedPoliciesOf("api-role"), ["arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"]);
    });

    it("reserves concurrency, 0 included (which stops every invocation)", async () => {
        for (const reserved of [0, 25]) {
            const { registry } = await built({ entry: ENTRY, reservedConcurrency: reserved });
            registry.hasInputs(FUNCTION, "api-function", { reservedConcurrentExecutions: reserved });
        }
    });

    describe("with an alias and provisioned concurrency", () => {
        let registry: Registry;
        let result: LambdaFunction;
        before(async () => {
            ({ registry, result } = await built({ entry: ENTRY, alias: { provisionedConcurrency: 3 } }));
        });

        it('publishes a version and points the alias "live" at it', () => {
            const fn = registry.hasInputs(FUNCTION, "api-function", { publish: true });
            registry.hasInputs(ALIAS, "api-alias", { name: "live", functionName: fn.outputs.name, functionVersion: "1" });
        });

        it("provisions concurrency on the alias", () => {
            registry.hasInputs(PROVISIONED, "api-provisioned-concurrency", {
                functionName: registry.one(FUNCTION).outputs.name,
                qualifier: "live",
                provisionedConcurrentExecutions: 3,
            });
        });

        it("hands out the alias's invoke ARN, once provisioned concurrency is ready", async () => {
            const alias = registry.one(ALIAS).outputs;
            assert.equal(await unwrap(result.invokeArn), alias.invokeArn);
            assert.match(alias.invokeArn, /function:api-[0-9a-f]{7}:live\/invocations$/);
            assert.equal(await unwrap(result.aliasArn!), alias.arn);
        });
    });

    it("makes an alias without provisioned concurrency when none is asked", async () => {
        const { registry } = await built({ entry: ENTRY, alias: { name: "prod" } });
        registry.hasInputs(ALIAS, "api-alias", { name: "prod" });
        assert.equal(registry.ofType(PROVISIONED).length, 0);
    });

    describe("in a VPC", () => {
        it("places its ENIs in the subnets with an egress-only security group it creates", async () => {
            const { registry } = await built({ entry: ENTRY, vpc: { vpcId: VPC_ID, subnetIds: SUBNETS } });
            const sg = registry.hasInputs(SECURITY_GROUP, undefined, {
                vpcId: VPC_ID,
                ingress: undefined,
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
            });
            registry.hasInputs(FUNCTION, "api-function", { vpcConfig: { subnetIds: SUBNETS, securityGroupIds: [sg.id] } });
        });

        it("describes its security group and rule in the characters EC2 accepts (CreateSecurityGroup refuses others, an apostrophe included)", async () => {
            const { registry } = await built({ entry: ENTRY, vpc: { vpcId: VPC_ID, subnetIds: SUBNETS } });
            // CreateSecurityGroup GroupDescription and rule descriptions: up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*
            const EC2_DESCRIPTION = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{0,255}$/;
            const sg = registry.one(SECURITY_GROUP);
            for (const text of [sg.inputs.description, ...sg.inputs.egress.map((r: { description: string }) => r.description)])
                assert.match(text, EC2_DESCRIPTION);
        });

        it("uses the given security groups and creates none", async () => {
            const { registry } = await built({ entry: ENTRY, vpc: { subnetIds: SUBNETS, securityGroupIds: ["sg-0123456789abcdef0"] } });
            assert.equal(registry.ofType(SECURITY_GROUP).length, 0);
            registry.hasInputs(FUNCTION, "api-function", { vpcConfig: { securityGroupIds: ["sg-0123456789abcdef0"] } });
        });

        it("attaches AWSLambdaVPCAccessExecutionRole before the function exists (Lambda checks the ENI permissions at creation)", async () => {
            const { registry } = await built({ entry: ENTRY, vpc: { vpcId: VPC_ID, subnetIds: SUBNETS } });
            assert.deepEqual(registry.managedPoliciesOf("api-role"), ["arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"]);
            const attachment = registry.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
            assert.ok(registry.one(FUNCTION).dependencies.includes(attachment.urn));
        });
    });

    describe("with a failure destination for asynchronous invocations", () => {
        const destinations: Array<{ type: "sqs" | "sns" | "lambda" | "eventbridge" | "s3"; arn: string; statements: unknown[] }> = [
            { type: "sqs", arn: QUEUE_ARN, statements: [{ Sid: "SendFailureRecords", Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE_ARN }] },
            {
                type: "sns",
                arn: "arn:aws:sns:us-east-1:123456789012:failures",
                statements: [{ Sid: "PublishFailureRecords", Effect: "Allow", Action: "sns:Publish", Resource: "arn:aws:sns:us-east-1:123456789012:failures" }],
            },
            {
                type: "lambda",
                arn: "arn:aws:lambda:us-east-1:123456789012:function:on-failure",
                statements: [
                    {
                        Sid: "InvokeWithFailureRecords",
                        Effect: "Allow",
                        Action: "lambda:InvokeFunction",
                        Resource: "arn:aws:lambda:us-east-1:123456789012:function:on-failure",
                    },
                ],
            },
            {
                type: "eventbridge",
                arn: "arn:aws:events:us-east-1:123456789012:event-bus/default",
                statements: [
                    {
                        Sid: "PutFailureRecords",
                        Effect: "Allow",
                        Action: "events:PutEvents",
                        Resource: "arn:aws:events:us-east-1:123456789012:event-bus/default",
                    },
                ],
            },
            {
                type: "s3",
                arn: "arn:aws:s3:::failed-events",
                statements: [
                    { Sid: "ListFailureBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::failed-events" },
                    { Sid: "WriteFailureRecords", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::failed-events/*" },
                ],
            },
        ];
        for (const d of destinations) {
            it(`lets the role send to a ${d.type} destination and nothing else`, async () => {
                const { registry } = await built({ entry: ENTRY, async: { onFailure: { type: d.type, arn: d.arn } } });
                const policy = registry.policiesOf("api-role").find((p) => p.name === "destination");
                assert.deepEqual(json(policy?.policy).Statement, d.statements);
            });
        }

        it("sets retries, event age and the destination on the function, once the role may send there", async () => {
            const { registry } = await built({
                entry: ENTRY,
                async: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 3600, onFailure: { type: "sqs", arn: QUEUE_ARN } },
            });
            const config = registry.hasInputs(EVENT_INVOKE, "api-async", {
                functionName: registry.one(FUNCTION).outputs.name,
                qualifier: undefined,
                maximumRetryAttempts: 0,
                maximumEventAgeInSeconds: 3600,
                destinationConfig: { onFailure: { destination: QUEUE_ARN } },
            });
            const policy = registry.one("aws:iam/rolePolicy:RolePolicy", "api-role-destination");
            assert.ok(config.dependencies.includes(policy.urn));
        });

        it("keeps Lambda's defaults (2 retries, 6 hours) when only a destination is given", async () => {
            const { registry } = await built({ entry: ENTRY, async: { onFailure: { type: "sqs", arn: QUEUE_ARN } } });
            registry.hasInputs(EVENT_INVOKE, "api-async", { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21600 });
        });

        it("applies the settings to the alias when there is one", async () => {
            const { registry } = await built({ entry: ENTRY, alias: {}, async: { maximumRetryAttempts: 1 } });
            registry.hasInputs(EVENT_INVOKE, "api-async", { qualifier: "live", destinationConfig: undefined });
        });
    });

    it("sets plain environment variables as given", async () => {
        const { registry } = await built({ entry: ENTRY, environment: { TABLE_NAME: "items" } });
        registry.hasInputs(FUNCTION, "api-function", { environment: { variables: { TABLE_NAME: "items" } } });
    });

    it("lets a transform change one child without touching the others", async () => {
        const { registry } = await built({
            entry: ENTRY,
            transform: {
                logGroup: { retentionInDays: 365 },
                function: (_a, opts) => {
                    opts.protect = true;
                },
            },
        });
        registry.hasInputs(LOG_GROUP, "api-logs", { retentionInDays: 365 });
        assert.deepEqual(
            registry
                .all()
                .filter((r) => r.protect)
                .map((r) => r.name),
            ["api-function"],
        );
    });
});
