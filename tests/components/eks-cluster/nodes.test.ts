/**
 * EksCluster's node groups and Fargate profiles (nodes.ts): the node components it composes, what it
 * tells them about the cluster, and what waits for them.
 */
import * as assert from "node:assert";
import { EksCluster } from "../../../components/eks-cluster";
import { clusterPhysicalName } from "../../../components/eks-cluster/control-plane";
import { Registry, build } from "../../../components/testing";
import { FARGATE_ONLY, FULL, SMALL, VPC } from "./cluster-fixture";

const MANAGED = "aws-platform:eks:ManagedNodeGroup";
const SELF_MANAGED = "aws-platform:eks:SelfManagedNodeGroup";
const FARGATE = "aws-platform:eks:FargateProfile";
const ADDON = "aws:eks/addon:Addon";

async function cluster(args = FULL) {
    return (await build(() => new EksCluster("k8s", args), { stack: "dev" })).registry;
}

describe("EksCluster: nodes", () => {
    let registry: Registry;
    before(async () => {
        registry = await cluster();
    });

    it("composes one component per key of each kind, named <name>-<key>, under the cluster", () => {
        const parent = registry.one("aws-platform:eks:EksCluster").urn;
        for (const [type, name] of [
            [MANAGED, "k8s-general"],
            [SELF_MANAGED, "k8s-spot"],
            [FARGATE, "k8s-jobs"],
        ]) {
            assert.equal(registry.one(type, name).parent, parent, name);
        }
    });

    it("tells the EC2 node groups the cluster's name, endpoint, CA, service CIDR and security group", () => {
        const eks = registry.one("eks:index:Cluster").outputs.eksCluster;
        for (const [type, name] of [
            [MANAGED, "k8s-general"],
            [SELF_MANAGED, "k8s-spot"],
        ]) {
            registry.hasInputs(type, name, {
                cluster: {
                    name: clusterPhysicalName("k8s"),
                    version: "1.35",
                    endpoint: eks.endpoint,
                    certificateAuthority: eks.certificateAuthority.data,
                    serviceIpv4Cidr: eks.kubernetesNetworkConfig.serviceIpv4Cidr,
                    securityGroupId: eks.vpcConfig.clusterSecurityGroupId,
                },
            });
        }
    });

    it("puts nodes and Fargate pods in the private subnets unless a group names its own", async () => {
        registry.hasInputs(MANAGED, "k8s-general", { subnetIds: VPC.privateSubnetIds });
        registry.hasInputs(FARGATE, "k8s-jobs", { clusterName: clusterPhysicalName("k8s"), subnetIds: VPC.privateSubnetIds });
        const own = await cluster({ ...SMALL, nodeGroups: { general: { instanceTypes: ["m7i.large"], subnetIds: [VPC.privateSubnetIds[0]] } } });
        own.hasInputs(MANAGED, "k8s-general", { subnetIds: [VPC.privateSubnetIds[0]] });
    });

    it("boots a self-managed group's pinned amiId, reading no SSM parameter", async () => {
        const { registry: pinned } = await build(
            () =>
                new EksCluster("k8s", {
                    ...SMALL,
                    selfManagedNodeGroups: { spot: { instanceTypes: ["m7i.large", "m6i.large"], amiId: "ami-0123456789abcdef0" } },
                }),
        );
        pinned.hasInputs("aws:ec2/launchTemplate:LaunchTemplate", "k8s-spot-launch-template", { imageId: "ami-0123456789abcdef0" });
        assert.deepEqual(pinned.invokes("aws:ssm/getParameter:getParameter"), []);
    });

    it("gives the node components the cluster's tags under their own", async () => {
        const tagged = await cluster({
            ...SMALL,
            tags: { team: "platform" },
            nodeGroups: { general: { instanceTypes: ["m7i.large"], tags: { pool: "general" } } },
        });
        tagged.hasInputs(MANAGED, "k8s-general", { tags: { "aws-platform:component": "EksCluster/k8s", team: "platform", pool: "general" } });
    });

    it("installs coredns and CloudWatch observability after the EC2 node groups", () => {
        const groups = [
            registry.one("aws:eks/nodeGroup:NodeGroup").urn,
            ...registry
                .descendantsOf("k8s-spot")
                .filter((r) => r.type === "aws:autoscaling/group:Group")
                .map((r) => r.urn),
        ];
        assert.equal(groups.length, 2);
        for (const addon of ["k8s-coredns", "k8s-amazon-cloudwatch-observability"]) {
            const deps = registry.one(ADDON, addon).dependencies;
            for (const g of groups) assert.ok(deps.includes(g), `${addon} waits for ${g}`);
        }
    });

    it("installs coredns after the Fargate profiles when it runs on Fargate", async () => {
        const fargate = await cluster(FARGATE_ONLY);
        const deps = fargate.one(ADDON, "k8s-coredns").dependencies;
        for (const p of fargate.ofType("aws:eks/fargateProfile:FargateProfile")) assert.ok(deps.includes(p.urn), `coredns waits for ${p.name}`);
        assert.equal(fargate.ofType("aws:eks/fargateProfile:FargateProfile").length, 2);
    });
});
