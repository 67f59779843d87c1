import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EdgeLambda } from "../../../components/edge-lambda";
import type { EdgeLambdaArgs } from "../../../components/edge-lambda/args";
import { functionName } from "../../../components/lambda-function/lambda-function";
import { bundle } from "../../../components/shared/bundle";
import { Registry, build, buildFails, json, unwrap } from "../../../components/testing";
import { ENTRY, ROUTES } from "./fixtures";

const PROVIDER = "pulumi:providers:aws";
const FUNCTION = "aws:lambda/function:Function";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
/** The stack lives in Europe: everything Lambda@Edge needs must still be in us-east-1. */
const EU = { config: { "aws:region": "eu-west-1" } };

async function built(args: EdgeLambdaArgs, name = "router"): Promise<{ registry: Registry; result: EdgeLambda }> {
    return build(() => new EdgeLambda(name, args), EU);
}

/** The URN part of a provider reference (`<urn>::<id>`). */
const providerUrn = (reference: string | undefined) => reference?.slice(0, reference.lastIndexOf("::"));

describe("EdgeLambda", () => {
    describe("with defaults, in a stack in eu-west-1", () => {
        let registry: Registry;
        let result: EdgeLambda;
        before(async () => {
            ({ registry, result } = await built({ entry: ENTRY, files: { "routes.json": ROUTES } }));
        });

        it("registers as aws-platform:edge:EdgeLambda", () => {
            assert.equal(registry.one("aws-platform:edge:EdgeLambda", "router").parent, undefined);
        });

        it("creates its own aws provider for us-east-1, router-us-east-1", () => {
            assert.deepEqual(registry.one(PROVIDER, "router-us-east-1").inputs.region, "us-east-1");
            assert.equal(result.resources.provider, result.provider);
        });

        it("creates the function, its role and its policy, and its log group through that provider", () => {
            const provider = registry.one(PROVIDER, "router-us-east-1").urn;
            for (const type of [FUNCTION, ROLE, ROLE_POLICY, LOG_GROUP]) assert.equal(providerUrn(registry.one(type).provider), provider, type);
        });

        it("puts the function in us-east-1 whatever the stack's Region", async () => {
            assert.match(await unwrap(result.functionArn), /^arn:aws:lambda:us-east-1:123456789012:function:router-[0-9a-f]{7}$/);
        });

        it("hands out a numbered version's ARN, never $LATEST", async () => {
            const qualified = await unwrap(result.qualifiedArn);
            assert.match(qualified, /:\d+$/);
            assert.doesNotMatch(qualified, /\$LATEST/);
            assert.equal(qualified, `${await unwrap(result.functionArn)}:${await unwrap(result.version)}`);
            assert.match(qualified, /^arn:aws:lambda:us-east-1:/);
        });

        it("publishes a version on every change, on x86_64, Node.js 22, 128 MiB and 5 seconds", () => {
            registry.hasInputs(FUNCTION, "router-function", {
                publish: true,
                packageType: "Zip",
                runtime: "nodejs22.x",
                handler: "index.handler",
                architectures: ["x86_64"],
                memorySize: 128,
                timeout: 5,
                loggingConfig: { logFormat: "JSON" },
            });
        });

        it("sets no environment, VPC or layers (Lambda@Edge refuses them)", () => {
            const inputs = registry.one(FUNCTION).inputs;
            for (const key of ["environment", "vpcConfig", "layers", "ephemeralStorage", "tracingConfig"]) assert.equal(inputs[key], undefined, key);
        });

        it("ships the bundled index.js and the extra files in the package", () => {
            const assets = registry.one(FUNCTION).inputs.code.assets;
            assert.deepEqual(Object.keys(assets).sort(), ["index.js", "routes.json"]);
            assert.equal(assets["index.js"].text, bundle(ENTRY).code);
            assert.equal(assets["routes.json"].text, ROUTES);
        });

        it("keeps the function on destroy (skipDestroy): CloudFront's replicas block its deletion for hours", () => {
            assert.equal(registry.one(FUNCTION).inputs.skipDestroy, true);
        });

        it("names the function explicitly, unique per stack, as LambdaFunction does", () => {
            assert.equal(registry.one(FUNCTION).inputs.name, functionName("router"));
        });

        it("creates /aws/lambda/us-east-1.<name> in us-east-1 with a 30-day retention, before the function", async () => {
            const fn = registry.one(FUNCTION);
            const logs = registry.hasInputs(LOG_GROUP, "router-logs-us-east-1", {
                name: `/aws/lambda/us-east-1.${fn.inputs.name}`,
                retentionInDays: 30,
                region: "us-east-1",
            });
            assert.ok(fn.dependencies.includes(logs.urn));
            assert.match(logs.outputs.arn, /^arn:aws:logs:us-east-1:/);
        });

        it("lets Lambda and Lambda@Edge assume its role (the trust policy AWS documents)", () => {
            assert.deepEqual(json(registry.one(ROLE, "router-role").inputs.assumeRolePolicy), {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] }, Action: "sts:AssumeRole" }],
            });
        });

        it("may create and write its own log group in every Region, and nothing else", () => {
            const expected = JSON.parse(
                fs.readFileSync(path.join(__dirname, "role-logs-policy.json"), "utf8").replaceAll("<function>", functionName("router")),
            );
            const policies = registry.policiesOf("router-role");
            assert.deepEqual(
                policies.map((p) => p.name),
                ["logs"],
            );
            assert.deepEqual(json(policies[0].policy), expected);
        });

        it("starts the function only once its role's policy exists", () => {
            const policy = registry.one(ROLE_POLICY);
            assert.ok(registry.one(FUNCTION).dependencies.includes(policy.urn));
        });

        it("reports the bundle's size and its zipped package's estimate", () => {
            assert.equal(result.bundle.bytes, bundle(ENTRY).bytes);
            assert.ok(result.bundle.zippedBytes > 0 && result.bundle.zippedBytes < result.bundle.bytes);
        });

        it("tags every taggable child with its component", () => {
            for (const type of [FUNCTION, ROLE, LOG_GROUP]) assert.equal(registry.one(type).inputs.tags["aws-platform:component"], "EdgeLambda/router", type);
        });

        it("exposes every child in resources", () => {
            const urns = new Set(registry.descendantsOf("router").map((r) => r.urn));
            const exposed = [result.resources.provider!, result.resources.role.role, result.resources.function, ...Object.values(result.resources.logGroups)];
            assert.equal(exposed.length, 4);
            return Promise.all(exposed.map((r) => unwrap(r.urn))).then((list) => {
                for (const urn of list) assert.ok(urns.has(urn), urn);
            });
        });
    });

    it("creates the function in us-east-1 through a given provider configured for another Region (its own region argument)", async () => {
        const { registry, result } = await build(() => {
            const stackProvider = new aws.Provider("stack", { region: "eu-west-1" });
            return new EdgeLambda("router", { entry: ENTRY, provider: stackProvider });
        }, EU);
        assert.equal(registry.one(FUNCTION).inputs.region, "us-east-1");
        assert.match(await unwrap(result.qualifiedArn), /^arn:aws:lambda:us-east-1:123456789012:function:router-[0-9a-f]{7}:\d+$/);
        assert.equal((await unwrap(registry.one(LOG_GROUP).outputs.arn)).split(":")[3], "us-east-1");
    });

    // The provider given in the args, or in the component's own options (the usual Pulumi way).
    for (const [form, args, opts] of [
        ["the args' provider", (p: aws.Provider) => ({ provider: p }), () => ({})],
        ["its options' { provider }", () => ({}), (p: aws.Provider) => ({ provider: p })],
        ["its options' { providers } as a map", () => ({}), (p: aws.Provider) => ({ providers: { aws: p } })],
        ["its options' { providers } as a list", () => ({}), (p: aws.Provider) => ({ providers: [p] })],
    ] as const) {
        it(`uses an aws provider given as ${form} for every child and creates none`, async () => {
            const { registry, result } = await build(() => {
                const east = new aws.Provider("edge", { region: "us-east-1" });
                return { east, fn: new EdgeLambda("router", { entry: ENTRY, ...args(east) }, opts(east)) };
            }, EU);
            assert.equal(result.fn.provider, result.east);
            assert.equal(result.fn.resources.provider, undefined);
            assert.deepEqual(
                registry.ofType(PROVIDER).map((p) => p.name),
                ["edge"],
            );
            for (const type of [FUNCTION, ROLE, ROLE_POLICY, LOG_GROUP])
                assert.equal(providerUrn(registry.one(type).provider), registry.one(PROVIDER).urn, type);
        });
    }

    it("pre-creates the log group in each of logRegions, in that Region, through the one provider", async () => {
        const { registry } = await built({ entry: ENTRY, logRegions: ["us-east-1", "eu-west-1", "ap-northeast-1"], logRetentionDays: 7 });
        const groups = registry.ofType(LOG_GROUP);
        assert.deepEqual(
            groups.map((g) => [g.name, g.inputs.region, g.inputs.retentionInDays, g.outputs.arn.split(":")[3]]),
            [
                ["router-logs-us-east-1", "us-east-1", 7, "us-east-1"],
                ["router-logs-eu-west-1", "eu-west-1", 7, "eu-west-1"],
                ["router-logs-ap-northeast-1", "ap-northeast-1", 7, "ap-northeast-1"],
            ],
        );
        assert.equal(new Set(groups.map((g) => g.inputs.name)).size, 1);
        assert.equal(registry.ofType(PROVIDER).length, 1);
    });

    it("creates no log group with logRegions: [] (Lambda@Edge then creates them, kept forever)", async () => {
        const { registry } = await built({ entry: ENTRY, logRegions: [] });
        assert.equal(registry.ofType(LOG_GROUP).length, 0);
    });

    it("deletes the function with the program when skipDestroy is false", async () => {
        const { registry } = await built({ entry: ENTRY, skipDestroy: false });
        assert.equal(registry.one(FUNCTION).inputs.skipDestroy, false);
    });

    it("takes memory and timeout up to the origin-event limits when attached to origin events", async () => {
        const { registry } = await built({ entry: ENTRY, events: ["origin-request"], memoryMiB: 1024, timeoutSeconds: 30 });
        registry.hasInputs(FUNCTION, "router-function", { memorySize: 1024, timeout: 30 });
    });

    it("ships a file given as an Output with its resolved text", async () => {
        const { registry } = await built({ entry: ENTRY, files: { "routes.json": pulumi.output(ROUTES) } });
        assert.equal(registry.one(FUNCTION).inputs.code.assets["routes.json"].text, ROUTES);
    });

    it("fails the deployment when a file known only as an Output makes the package too large for its events", async () => {
        const big = require("node:crypto")
            .randomBytes(1.2 * 1024 * 1024)
            .toString("base64");
        const { error } = await buildFails(
            () => new EdgeLambda("router", { entry: ENTRY, events: ["viewer-request"], files: { "blob.txt": pulumi.output(big) } }),
            EU,
        );
        assert.match(error.message, /EdgeLambda "router".*larger than Lambda@Edge allows for viewer events/s);
    });

    it("fails when a transform turns publishing off: CloudFront needs a numbered version", async () => {
        const { error } = await buildFails(() => new EdgeLambda("router", { entry: ENTRY, transform: { function: { publish: false } } }), EU);
        assert.match(error.message, /transform\.function.*\$LATEST.*publish: true/s);
    });

    it("applies transforms to the provider, role, log groups and function", async () => {
        const { registry } = await built({
            entry: ENTRY,
            transform: {
                provider: { maxRetries: 5 },
                role: { maxSessionDuration: 7200 },
                logGroup: (args) => ({ ...args, retentionInDays: 1 }),
                function: { description: "routes by country" },
            },
        });
        assert.equal(registry.one(PROVIDER).inputs.maxRetries, "5");
        assert.equal(registry.one(ROLE).inputs.maxSessionDuration, 7200);
        assert.equal(registry.one(LOG_GROUP).inputs.retentionInDays, 1);
        assert.equal(registry.one(FUNCTION).inputs.description, "routes by country");
    });

    it("builds in a preview, where the version is not known yet", async () => {
        const { registry } = await build(() => new EdgeLambda("router", { entry: ENTRY, files: { "routes.json": ROUTES } }), { ...EU, preview: true });
        assert.equal(registry.one(FUNCTION).inputs.publish, true);
    });

    it("fits the names of a long instance to Lambda's 64 and IAM's 64 characters", async () => {
        const name = `edge-${"x".repeat(90)}`;
        const { registry } = await built({ entry: ENTRY }, name);
        assert.ok(registry.one(FUNCTION).inputs.name.length <= 64);
        assert.ok(registry.one(ROLE).outputs.name.length <= 64);
    });
});
