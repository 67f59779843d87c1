import * as assert from "node:assert";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { BuildError, build, unwrap } from "../../components/testing";

const clusterArgs: eks.ClusterArgs = { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-a", "subnet-b"], skipDefaultNodeGroup: true };

describe("remote-component method calls", function () {
    this.timeout(20000);

    it("answers eks.Cluster.getKubeconfig() with the kubeconfig @pulumi/eks 4.3 returns, as a JSON string", async () => {
        const { result } = await build(() => {
            const cluster = new eks.Cluster("k8s", clusterArgs);
            return { kubeconfig: cluster.getKubeconfig(), name: cluster.eksCluster.name, endpoint: cluster.eksCluster.endpoint };
        });
        const { result: text } = await unwrap(result.kubeconfig);
        assert.equal(typeof text, "string");
        const kc = JSON.parse(text);
        const name = await unwrap(result.name);
        assert.equal(kc.kind, "Config");
        assert.equal(kc.clusters[0].cluster.server, await unwrap(result.endpoint));
        assert.equal(kc["current-context"], "aws");
        assert.deepEqual(kc.users[0].user.exec.args, ["--region", "us-east-1", "eks", "get-token", "--cluster-name", name, "--output", "json"]);
    });

    it("returns the same document as the Cluster's kubeconfig output when given no options", async () => {
        const { result } = await build(() => {
            const cluster = new eks.Cluster("k8s", clusterArgs);
            return { fromCall: cluster.getKubeconfig(), output: cluster.kubeconfig };
        });
        assert.deepEqual(JSON.parse((await unwrap(result.fromCall)).result), await unwrap(result.output));
    });

    it("passes a role and a profile to aws eks get-token as the provider does (--role, --profile)", async () => {
        const { result } = await build(() =>
            new eks.Cluster("k8s", clusterArgs).getKubeconfig({ roleArn: "arn:aws:iam::123456789012:role/admin", profileName: "ops" }),
        );
        const args: string[] = JSON.parse((await unwrap(result)).result).users[0].user.exec.args;
        assert.deepEqual(args.slice(-4), ["--role", "arn:aws:iam::123456789012:role/admin", "--profile", "ops"]);
    });

    it("records each call with its component and arguments", async () => {
        const { registry } = await build(() => new eks.Cluster("k8s", clusterArgs).getKubeconfig({ profileName: "ops" }));
        assert.deepEqual(registry.methodCalls(), [
            { token: "eks:index:Cluster/getKubeconfig", self: registry.one("eks:index:Cluster").urn, args: { profileName: "ops" } },
        ]);
    });

    it("fails the build on a method without a fixture, naming its token", async () => {
        const failed = await build(() => {
            const cluster = new eks.Cluster("k8s", clusterArgs);
            return pulumi.runtime.call("eks:index:Cluster/getSomethingElse", { __self__: cluster }, cluster);
        }).catch((e: BuildError) => e);
        assert.ok(failed instanceof BuildError);
        assert.match(
            failed.message,
            /no fixture for method eks:index:Cluster\/getSomethingElse \(called on urn:pulumi:test::aws-platform::eks:index:Cluster::k8s\)/,
        );
    });

    it("answers from a consumer's own call fixture first", async () => {
        const { result } = await build(() => new eks.Cluster("k8s", clusterArgs).getKubeconfig(), {
            fixtures: { calls: { "eks:index:Cluster/getKubeconfig": (_args, self) => ({ result: `kubeconfig of ${self.name}` }) } },
        });
        assert.equal((await unwrap(result)).result, "kubeconfig of k8s");
    });
});
