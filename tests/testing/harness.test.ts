import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as sqs from "@pulumi/aws/sqs";
import * as aws from "@pulumi/aws";
import { build, buildFails, unwrap } from "../../components/testing";

class Pair extends pulumi.ComponentResource {
    readonly queue: sqs.Queue;
    constructor(name: string, args: { size: string }, opts?: pulumi.ComponentResourceOptions) {
        super("aws-platform:test:Pair", name, args, opts);
        const dlq = new sqs.Queue(`${name}-dlq`, {}, { parent: this, protect: true });
        this.queue = new sqs.Queue(
            `${name}-queue`,
            {
                redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 3 })),
            },
            { parent: this, retainOnDelete: true },
        );
        this.registerOutputs({});
    }
}

describe("mock harness", () => {
    it("records parents, options, dependencies and realistic ARNs", async () => {
        const { registry, result } = await build(() => new Pair("p", { size: "small" }));
        const comp = registry.one("aws-platform:test:Pair");
        assert.deepEqual(comp.inputs, { size: "small" });
        assert.equal(comp.custom, false);
        const dlq = registry.one("aws:sqs/queue:Queue", "p-dlq");
        const queue = registry.one("aws:sqs/queue:Queue", "p-queue");
        assert.equal(dlq.parent, comp.urn);
        assert.equal(dlq.protect, true);
        assert.equal(queue.retainOnDelete, true);
        assert.deepEqual(queue.dependencies, [dlq.urn]);
        assert.deepEqual(queue.propertyDependencies.redrivePolicy, [dlq.urn]);
        assert.match(JSON.parse(queue.inputs.redrivePolicy).deadLetterTargetArn, /^arn:aws:sqs:us-east-1:123456789012:p-dlq-[0-9a-f]{7}$/);
        assert.match(await unwrap(result.queue.url), /^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/p-queue-/);
    });

    it("records an explicit dependsOn apart from the dependencies inputs explain", async () => {
        const { registry } = await build(() => {
            const a = new sqs.Queue("a", {});
            const b = new sqs.Queue("b", {});
            return new sqs.Queue(
                "c",
                { redrivePolicy: a.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 1 })) },
                { dependsOn: [b] },
            );
        });
        const [a, b, c] = ["a", "b", "c"].map((n) => registry.one("aws:sqs/queue:Queue", n));
        assert.deepEqual(c.dependsOn, [b.urn]);
        assert.deepEqual([...c.dependencies].sort(), [a.urn, b.urn].sort());
    });

    it("refuses a duplicate URN as the engine does, and registers the first resource only", async () => {
        const { error, registry } = await buildFails(() => {
            new sqs.Queue("dup", {});
            return new sqs.Queue("dup", {});
        });
        assert.match(error.message, /Duplicate resource URN 'urn:pulumi:test::aws-platform::aws:sqs\/queue:Queue::dup'/);
        assert.equal(registry.ofType("aws:sqs/queue:Queue").length, 1);
    });

    it("answers data sources with realistic values", async () => {
        const { result } = await build(() => aws.getAvailabilityZonesOutput({ state: "available" }));
        assert.deepEqual((await unwrap(result)).names.slice(0, 2), ["us-east-1a", "us-east-1b"]);
    });

    it("fails loudly on a data source without a fixture, naming its token", async () => {
        const { error } = await buildFails(() => aws.ec2.getVpcOutput({ default: true }));
        assert.match(error.message, /no fixture for data source aws:ec2\/getVpc:getVpc/);
    });

    it("gives the remote @pulumi/eks Cluster the outputs the real one returns", async function () {
        this.timeout(20000);
        const eks = await import("@pulumi/eks");
        const { registry, result } = await build(
            () => new eks.Cluster("k8s", { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-a", "subnet-b"], skipDefaultNodeGroup: true }),
        );
        const rec = registry.one("eks:index:Cluster");
        assert.equal(rec.remote, true);
        assert.deepEqual(rec.inputs.privateSubnetIds, ["subnet-a", "subnet-b"]);
        const kubeconfig = await unwrap(result.kubeconfig);
        assert.equal(kubeconfig.kind, "Config");
        assert.match(await unwrap(result.oidcProviderArn), /^arn:aws:iam::123456789012:oidc-provider\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
        assert.match(await unwrap(result.nodeSecurityGroupId), /^sg-[0-9a-f]{17}$/);
        assert.match(await unwrap(result.eksCluster.apply((c: any) => c.name as string)), /^k8s-eksCluster-[0-9a-f]{7}$/);
    });

    it("masks secrets in the plan's view of inputs", async () => {
        const { registry } = await build(() => new sqs.Queue("s", { name: pulumi.secret("hidden") }));
        const q = registry.one("aws:sqs/queue:Queue");
        assert.equal(q.inputs.name, "hidden");
        assert.equal(q.maskedInputs.name, "[secret]");
    });

    it("buildFails reports that nothing was registered", async () => {
        const { error, registry } = await buildFails(() => {
            throw new Error("bad");
        });
        assert.equal(error.message, "bad");
        assert.equal(registry.size, 0);
    });
});
