/**
 * The runner's preview mode (`runPolicies(..., { preview: true })`): the args of the first `pulumi preview` of a new
 * stack, where an input computed from a resource not yet created is unknown, and a stack policy sees every id and
 * computed output of a new resource as unknown (reading one makes the policy "can't run during preview").
 */
import * as assert from "node:assert";
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkPolicies, linksTo, type PolicyInput, policyResource, RULES, runPolicies, stackRule } from "../../components/policies";
import { build } from "../../components/testing";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

/** A bucket, its policy (`bucket` = the bucket's id), and a policy naming a literal bucket. */
async function bucketAndPolicies(): Promise<PolicyInput[]> {
    const { registry } = await build(() => {
        const b = new aws.s3.Bucket("b", { bucket: "b-data" });
        new aws.s3.BucketPolicy("bp", { bucket: b.id, policy: "{}" });
        new aws.s3.BucketPolicy("literal", { bucket: "someone-elses-bucket", policy: pulumi.output("{}") });
    });
    return registry.all();
}

/** A stack policy that reads `read(resource)` for every resource of `type` and records what it got. */
function reader(type: string, read: (r: PolicyResource) => unknown, seen: unknown[]): StackValidationPolicy {
    return {
        name: "s",
        description: "d",
        validateStack: (args) => {
            for (const r of args.resources.filter((x) => x.type === type)) seen.push(read(r));
        },
    };
}

describe("policy runner: preview mode", () => {
    it("a resource policy reading an input computed from a new resource can't run during preview, and can after up", async () => {
        const resources = await bucketAndPolicies();
        const policy: ResourceValidationPolicy = {
            name: "p",
            description: "d",
            enforcementLevel: "mandatory",
            validateResource: (args, report) => {
                if (args.type === BUCKET_POLICY && args.props.bucket === "nope") report("never");
            },
        };
        const preview = await runPolicies([policy], resources, { preview: true });
        assert.deepStrictEqual(
            preview.unknowns.map((u) => u.urn),
            ["urn:pulumi:test::aws-platform::aws:s3/bucketPolicy:BucketPolicy::bp"],
        );
        assert.match(preview.unknowns[0].message, /during preview: .*\.bucket/);
        assert.deepStrictEqual((await runPolicies([policy], resources)).unknowns, []);
    });

    it("inputs the program set (literals, values not from a resource) stay known in a resource policy", async () => {
        const resources = await bucketAndPolicies();
        const seen: unknown[] = [];
        const policy: ResourceValidationPolicy = {
            name: "p",
            description: "d",
            validateResource: (args) => {
                if (args.name === "literal") seen.push(args.props.bucket, args.props.policy);
                if (args.name === "bp") seen.push(args.props.policy);
                if (args.type === BUCKET) seen.push(args.props.bucket);
            },
        };
        const result = await runPolicies([policy], resources, { preview: true });
        assert.deepStrictEqual(result.unknowns, []);
        assert.deepStrictEqual([...seen].sort(), ["b-data", "someone-elses-bucket", "{}", "{}"].sort());
    });

    it("a stack policy sees a new resource's id and outputs the program did not set as unknown", async () => {
        const resources = await bucketAndPolicies();
        for (const read of [(r: PolicyResource) => r.props.id, (r: PolicyResource) => r.props.arn]) {
            const result = await runPolicies([reader(BUCKET, read, [])], resources, { preview: true });
            assert.equal(result.unknowns.length, 1);
            assert.equal(result.unknowns[0].urn, undefined);
        }
        const seen: unknown[] = [];
        await runPolicies([reader(BUCKET, (r) => [r.props.bucket, "arn" in r.props, "id" in r.props], seen)], resources, { preview: true });
        assert.deepStrictEqual(seen, [["b-data", true, true]]);
    });

    it("a stack policy sees a sibling's input computed from a new resource as unknown, and the link in propertyDependencies", async () => {
        const resources = await bucketAndPolicies();
        assert.equal((await runPolicies([reader(BUCKET_POLICY, (r) => r.props.bucket, [])], resources, { preview: true })).unknowns.length, 1);
        const seen: unknown[] = [];
        await runPolicies([reader(BUCKET_POLICY, (r) => `${r.name}: ${(r.propertyDependencies.bucket ?? []).map((d) => d.name)}`, seen)], resources, {
            preview: true,
        });
        assert.deepStrictEqual([...seen].sort(), ["bp: b", "literal: "]);
        const after: unknown[] = [];
        await runPolicies([reader(BUCKET, (r) => r.props.id, after)], resources);
        assert.equal(typeof after[0], "string");
    });

    it("providers and components are not created by up: what depends on them stays known", async () => {
        const component = policyResource("aws-platform:test:Thing", "thing", {}, { custom: false });
        const provider = policyResource("pulumi:providers:aws", "east", { region: "us-east-1" });
        const user = policyResource(
            BUCKET,
            "user",
            { bucket: "x", region: "us-east-1" },
            { propertyDependencies: { bucket: [component.urn], region: [provider.urn] } },
        );
        const seen: unknown[] = [];
        const result = await runPolicies([reader(BUCKET, (r) => [r.props.bucket, r.props.region], seen)], [component, provider, user], { preview: true });
        assert.deepStrictEqual(result.unknowns, []);
        assert.deepStrictEqual(seen, [["x", "us-east-1"]]);
    });

    it("checkPolicies passes preview through to the runner", async () => {
        const resources = await bucketAndPolicies();
        const rule = stackRule({
            name: "reads-ids",
            description: "d",
            enforcementLevel: "mandatory",
            severity: "low",
            control: { url: "https://example.com" },
            types: [BUCKET],
            validate: (rs, _args, report) => {
                for (const b of rs.filter((r) => r.type === BUCKET)) if (b.props.id === "") report("empty id", b.urn);
            },
        });
        assert.equal((await checkPolicies(resources, { rules: [rule], preview: true })).unknowns.length, 1);
        assert.equal((await checkPolicies(resources, { rules: [rule] })).unknowns.length, 0);
    });

    describe("stack rules join siblings through propertyDependencies (linksTo)", () => {
        const rule = (name: string) => RULES.filter((r) => r.name === name);

        it("s3-8-block-public-access runs at preview: the block's `bucket` depends on the bucket", async () => {
            const { registry } = await build(() => {
                const b = new aws.s3.Bucket("data", {});
                new aws.s3.BucketPublicAccessBlock("data-pab", {
                    bucket: b.id,
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                });
                new aws.s3.Bucket("bare", {});
            });
            const check = await checkPolicies(registry.all(), { rules: rule("s3-8-block-public-access"), preview: true });
            assert.deepStrictEqual(check.unknowns, []);
            assert.deepStrictEqual(
                check.violations.map((v) => v.name),
                ["bare"],
            );
        });

        it("a literal reference (no dependency) still joins by the name the program set", async () => {
            const { registry } = await build(() => {
                new aws.s3.Bucket("named", { bucket: "named-bucket" });
                new aws.s3.BucketPublicAccessBlock("named-pab", {
                    bucket: "named-bucket",
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                });
            });
            for (const preview of [true, false]) {
                const check = await checkPolicies(registry.all(), { rules: rule("s3-8-block-public-access"), preview });
                assert.deepStrictEqual([check.unknowns, check.violations], [[], []]);
            }
        });

        it("ec2-6-flow-logs finds a VPC's flow log through its vpcId dependency at preview, and misses a VPC without one", async () => {
            const { registry } = await build(
                () => {
                    const logged = new aws.ec2.Vpc("logged", { cidrBlock: "10.0.0.0/16" });
                    new aws.ec2.Vpc("unlogged", { cidrBlock: "10.1.0.0/16" });
                    new aws.ec2.FlowLog("logged-flows", {
                        vpcId: logged.id,
                        trafficType: "ALL",
                        logDestinationType: "s3",
                        logDestination: "arn:aws:s3:::logs",
                    });
                },
                { stack: "prod" },
            );
            const check = await checkPolicies(registry.all(), { rules: rule("ec2-6-flow-logs"), preview: true });
            assert.deepStrictEqual(check.unknowns, []);
            assert.deepStrictEqual(
                check.violations.map((v) => v.name),
                ["unlogged"],
            );
        });

        it("linksTo follows the dependency over the value: a dependency on another resource is no link, whatever the value", async () => {
            const target = policyResource("aws:s3/bucket:Bucket", "t", { bucket: "same" });
            const other = policyResource("aws:s3/bucket:Bucket", "o", { bucket: "other" });
            const viaOther = policyResource(BUCKET_POLICY, "p", { bucket: "same" }, { propertyDependencies: { bucket: [other.urn] } });
            const literal = policyResource(BUCKET_POLICY, "l", { bucket: "same" });
            const seen: unknown[] = [];
            const policy: StackValidationPolicy = {
                name: "s",
                description: "d",
                validateStack: (args) => {
                    const [t, , p, l] = args.resources;
                    seen.push(linksTo(p, "bucket", t), linksTo(l, "bucket", t));
                },
            };
            await runPolicies([policy], [target, other, viaOther, literal]);
            assert.deepStrictEqual(seen, [false, true]);
        });
    });
});
