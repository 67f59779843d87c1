import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { LambdaFunction } from "../../../components/lambda-function";
import type { LambdaFunctionArgs } from "../../../components/lambda-function/args";
import { DEFAULTS, normalize } from "../../../components/lambda-function/defaults";
import { environmentBytes, validate } from "../../../components/lambda-function/validate";
import { ArgsError } from "../../../components/shared/errors";
import { build, buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { ENTRY, IMAGE, QUEUE_ARN, SUBNETS, VPC_ID } from "./fixtures";

/** 4096 bytes of JSON exactly: `{"BIG":"…"}` is 10 bytes around the value. */
const AT_LIMIT = { BIG: "x".repeat(4096 - 10) };

describe("LambdaFunction validation", () => {
    const cases: Array<{ title: string; args: LambdaFunctionArgs; path: string; message: RegExp }> = [
        { title: "needs entry or imageUri", args: {}, path: "entry", message: /exactly one of entry/ },
        { title: "refuses entry and imageUri together", args: { entry: ENTRY, imageUri: IMAGE }, path: "entry", message: /is given with imageUri/ },
        { title: "refuses an entry that is not a file", args: { entry: "functions/no-such-file.ts" }, path: "entry", message: /is not a file/ },
        {
            title: "refuses a handler that is not an export name",
            args: { entry: ENTRY, handler: "index.handler" },
            path: "handler",
            message: /name of an export/,
        },
        { title: "refuses a handler for an image (its CMD names it)", args: { imageUri: IMAGE, handler: "main" }, path: "handler", message: /set CMD/ },
        {
            title: "refuses an image outside Amazon ECR",
            args: { imageUri: "docker.io/library/node:22" },
            path: "imageUri",
            message: /private Amazon ECR image/,
        },
        {
            title: "refuses an architecture Lambda does not run",
            args: { entry: ENTRY, architecture: "arm" as never },
            path: "architecture",
            message: /"arm64", "x86_64"/,
        },
        { title: "refuses memory below 128 MiB", args: { entry: ENTRY, memoryMiB: 64 }, path: "memoryMiB", message: /from 128 to 10240 MiB/ },
        { title: "refuses memory above 10240 MiB", args: { entry: ENTRY, memoryMiB: 10241 }, path: "memoryMiB", message: /from 128 to 10240 MiB/ },
        { title: "refuses a timeout above 15 minutes", args: { entry: ENTRY, timeoutSeconds: 901 }, path: "timeoutSeconds", message: /from 1 to 900 seconds/ },
        { title: "refuses a timeout of 0", args: { entry: ENTRY, timeoutSeconds: 0 }, path: "timeoutSeconds", message: /from 1 to 900 seconds/ },
        {
            title: "refuses /tmp below 512 MiB",
            args: { entry: ENTRY, ephemeralStorageMiB: 256 },
            path: "ephemeralStorageMiB",
            message: /from 512 to 10240 MiB/,
        },
        {
            title: "refuses /tmp above 10240 MiB",
            args: { entry: ENTRY, ephemeralStorageMiB: 10241 },
            path: "ephemeralStorageMiB",
            message: /from 512 to 10240 MiB/,
        },
        {
            title: "refuses environment variables over 4 KB, keys and values counted as JSON",
            args: { entry: ENTRY, environment: { BIG: `${AT_LIMIT.BIG}x` } },
            path: "environment",
            message: /4097 bytes.*at most 4096 bytes/,
        },
        {
            title: "refuses an environment key Lambda reserves",
            args: { entry: ENTRY, environment: { AWS_REGION: "x" } },
            path: "environment.AWS_REGION",
            message: /reserved/,
        },
        {
            title: "refuses an environment key with a hyphen",
            args: { entry: ENTRY, environment: { "TABLE-NAME": "x" } },
            path: "environment.TABLE-NAME",
            message: /letters, digits and '_'/,
        },
        {
            title: "refuses a log retention CloudWatch does not offer",
            args: { entry: ENTRY, logRetentionDays: 10 },
            path: "logRetentionDays",
            message: /is not supported/,
        },
        {
            title: "refuses negative reserved concurrency",
            args: { entry: ENTRY, reservedConcurrency: -1 },
            path: "reservedConcurrency",
            message: /out of range/,
        },
        {
            title: "refuses an alias name of digits only (a version)",
            args: { entry: ENTRY, alias: { name: "2" } },
            path: "alias.name",
            message: /not digits only/,
        },
        {
            title: "refuses provisioned concurrency of 0",
            args: { entry: ENTRY, alias: { provisionedConcurrency: 0 } },
            path: "alias.provisionedConcurrency",
            message: /out of range/,
        },
        {
            title: "refuses provisioned concurrency above the reserved concurrency",
            args: { entry: ENTRY, reservedConcurrency: 2, alias: { provisionedConcurrency: 3 } },
            path: "alias.provisionedConcurrency",
            message: /above reservedConcurrency \(2\)/,
        },
        {
            title: "refuses a VPC attachment without subnets",
            args: { entry: ENTRY, vpc: { vpcId: VPC_ID, subnetIds: [] } },
            path: "vpc.subnetIds",
            message: /is empty/,
        },
        {
            title: "refuses a malformed subnet id",
            args: { entry: ENTRY, vpc: { vpcId: VPC_ID, subnetIds: ["subnet-1"] } },
            path: "vpc.subnetIds[0]",
            message: /subnet id/,
        },
        {
            title: "needs vpcId when it must create the security group",
            args: { entry: ENTRY, vpc: { subnetIds: SUBNETS } },
            path: "vpc.vpcId",
            message: /is required/,
        },
        {
            title: "refuses vpcId with securityGroupIds (it would do nothing)",
            args: { entry: ENTRY, vpc: { vpcId: VPC_ID, subnetIds: SUBNETS, securityGroupIds: ["sg-0123456789abcdef0"] } },
            path: "vpc.vpcId",
            message: /unused/,
        },
        {
            title: "refuses a malformed security group id",
            args: { entry: ENTRY, vpc: { subnetIds: SUBNETS, securityGroupIds: ["default"] } },
            path: "vpc.securityGroupIds[0]",
            message: /security group id/,
        },
        {
            title: "refuses more than 2 asynchronous retries",
            args: { entry: ENTRY, async: { maximumRetryAttempts: 3 } },
            path: "async.maximumRetryAttempts",
            message: /from 0 to 2/,
        },
        {
            title: "refuses an event age under 60 seconds",
            args: { entry: ENTRY, async: { maximumEventAgeSeconds: 59 } },
            path: "async.maximumEventAgeSeconds",
            message: /from 60 to 21600 seconds/,
        },
        {
            title: "refuses a destination type Lambda does not send to",
            args: { entry: ENTRY, async: { onFailure: { type: "kinesis" as never, arn: QUEUE_ARN } } },
            path: "async.onFailure.type",
            message: /"sqs", "sns", "lambda", "eventbridge", "s3"/,
        },
        {
            title: "refuses a destination ARN of another service than its type",
            args: { entry: ENTRY, async: { onFailure: { type: "sns", arn: QUEUE_ARN } } },
            path: "async.onFailure.arn",
            message: /an ARN of sns/,
        },
        {
            title: "refuses a FIFO queue as a destination (Lambda drops records sent there)",
            args: { entry: ENTRY, async: { onFailure: { type: "sqs", arn: `${QUEUE_ARN}.fifo` } } },
            path: "async.onFailure.arn",
            message: /FIFO/,
        },
        {
            title: "refuses a statement allowing every action on every resource",
            args: { entry: ENTRY, statements: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
            path: "statements[0]",
            message: /every action on every resource/,
        },
        {
            title: "refuses an unknown argument, naming the nearest",
            args: { entry: ENTRY, memoryMb: 512 } as never,
            path: "memoryMb",
            message: /did you mean memoryMiB/,
        },
        {
            title: "refuses a tag key in the reserved aws: namespace",
            args: { entry: ENTRY, tags: { "aws:x": "y" } },
            path: "tags.aws:x",
            message: /not a valid tag key/,
        },
    ];
    for (const c of cases) {
        it(c.title, async () => {
            const issues = validate(c.args);
            assert.deepEqual(
                issues.map((i) => i.path),
                [c.path],
            );
            assert.match(
                `${issues[0].value === undefined ? "" : JSON.stringify(issues[0].value)} ${issues[0].message}; allowed: ${issues[0].allowed}`,
                c.message,
            );
            const { error, registry } = await buildFails(() => new LambdaFunction("api", c.args));
            assert.ok(error instanceof ArgsError);
            assert.match(error.message, /^LambdaFunction "api": /);
            assert.equal(registry.size, 0);
        });
    }

    it("reports every invalid field at once", () => {
        const issues = validate({ entry: ENTRY, memoryMiB: 1, timeoutSeconds: 0, ephemeralStorageMiB: 1 });
        assert.deepEqual(
            issues.map((i) => i.path),
            ["memoryMiB", "timeoutSeconds", "ephemeralStorageMiB"],
        );
    });

    it("accepts exactly 4 KB of environment", () => {
        assert.equal(environmentBytes(AT_LIMIT), 4096);
        assert.deepEqual(validate({ entry: ENTRY, environment: AT_LIMIT }), []);
    });

    it("counts an environment value's bytes, not its characters", () => {
        assert.equal(environmentBytes({ AB: "é" }), '{"AB":"é"}'.length + 1);
    });

    it("checks the 4 KB once Output values are known, with the same message, and registers no function", async () => {
        const { errors, registry } = await buildFails(
            () => new LambdaFunction("api", { entry: ENTRY, environment: { TABLE_NAME: "items", BIG: pulumi.output(`${AT_LIMIT.BIG}x`) } }),
        );
        // The SDK wraps what `apply` threw in its serialization error: the message is kept whole.
        const messages = errors.map((e) => String((e as Error).message));
        assert.ok(
            messages.some((m) => /LambdaFunction "api": environment="\(4118 bytes\)" is larger than Lambda allows .*at most 4096 bytes/.test(m)),
            messages.join("\n"),
        );
        assert.equal(registry.ofType("aws:lambda/function:Function").length, 0);
    });

    it("accepts an environment of Outputs within 4 KB", async () => {
        const { registry } = await build(() => new LambdaFunction("api", { entry: ENTRY, environment: { TABLE_NAME: pulumi.output("items") } }));
        assert.deepEqual(registry.one("aws:lambda/function:Function").inputs.environment, { variables: { TABLE_NAME: "items" } });
    });

    it("accepts a bundled function with nothing but its entry, and an image with nothing but its URI", () => {
        assert.deepEqual(validate({ entry: ENTRY }), []);
        assert.deepEqual(validate({ imageUri: IMAGE }), []);
    });

    it("gives the same verdict on its own normalized args", () => {
        const args: LambdaFunctionArgs = { entry: ENTRY, alias: {}, async: {} };
        assert.deepEqual(validate(args), []);
        const { imageUri: _none, ...resolved } = normalize(args);
        assert.deepEqual(validate(resolved as LambdaFunctionArgs), []);
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/lambda-function/args.ts", DEFAULTS));
});
