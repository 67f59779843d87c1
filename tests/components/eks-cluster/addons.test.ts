/**
 * EksCluster's own add-ons (addons.ts): which exist, their versions, the order in which they and the
 * nodes come up, and the IAM their pods get through Pod Identity.
 */
import * as assert from "node:assert";
import { EksCluster } from "../../../components/eks-cluster";
import { clusterPhysicalName } from "../../../components/eks-cluster/control-plane";
import { Registry, build } from "../../../components/testing";
import { FARGATE_ONLY, FULL, SMALL } from "./cluster-fixture";

const ADDON = "aws:eks/addon:Addon";

async function cluster(args = SMALL) {
    return (await build(() => new EksCluster("k8s", args), { stack: "dev" })).registry;
}

const urn = (registry: Registry, type: string, name: string) => registry.one(type, name).urn;

describe("EksCluster: add-ons", () => {
    let registry: Registry;
    before(async () => {
        registry = await cluster(FULL);
    });

    it("installs vpc-cni, kube-proxy, coredns, the Pod Identity agent and, with containerInsights, CloudWatch observability", () => {
        const names = registry.ofType(ADDON).map((a) => a.inputs.addonName);
        for (const n of ["amazon-cloudwatch-observability", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]) {
            assert.equal(names.filter((x) => x === n).length, 1, n);
            assert.equal(registry.one(ADDON, `k8s-${n}`).inputs.clusterName, clusterPhysicalName("k8s"), n);
        }
    });

    it("leaves Container Insights out by default", async () => {
        const small = await cluster();
        assert.equal(small.ofType(ADDON).filter((a) => a.inputs.addonName === "amazon-cloudwatch-observability").length, 0);
    });

    it("lets EKS pick each add-on's version unless one is given", async () => {
        const pinned = await cluster({ ...SMALL, addons: { "vpc-cni": { version: "v1.19.5-eksbuild.1" } } });
        assert.equal(pinned.one(ADDON, "k8s-vpc-cni").inputs.addonVersion, "v1.19.5-eksbuild.1");
        assert.equal(pinned.one(ADDON, "k8s-kube-proxy").inputs.addonVersion, undefined);
    });

    it("gives vpc-cni's aws-node service account a Pod Identity role with AmazonEKS_CNI_Policy", () => {
        const role = registry.one("aws:iam/role:Role", "k8s-vpc-cni-aws-node");
        const trust = JSON.parse(role.inputs.assumeRolePolicy);
        assert.deepEqual(trust.Statement[0].Principal, { Service: "pods.eks.amazonaws.com" });
        assert.deepEqual(trust.Statement[0].Action, ["sts:AssumeRole", "sts:TagSession"]);
        assert.deepEqual(registry.managedPoliciesOf(role), ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]);
        registry.hasInputs(ADDON, "k8s-vpc-cni", { podIdentityAssociations: [{ serviceAccount: "aws-node", roleArn: role.outputs.arn }] });
    });

    it("gives the CloudWatch agent a Pod Identity role with CloudWatchAgentServerPolicy", () => {
        const role = registry.one("aws:iam/role:Role", "k8s-amazon-cloudwatch-observability-cloudwatch-agent");
        assert.deepEqual(registry.managedPoliciesOf(role), ["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"]);
        registry.hasInputs(ADDON, "k8s-amazon-cloudwatch-observability", {
            podIdentityAssociations: [{ serviceAccount: "cloudwatch-agent", roleArn: role.outputs.arn }],
        });
    });

    it("gives kube-proxy, coredns and the agent no IAM role", () => {
        for (const name of ["k8s-kube-proxy", "k8s-coredns", "k8s-eks-pod-identity-agent"]) {
            assert.equal(registry.one(ADDON, name).inputs.podIdentityAssociations, undefined, name);
        }
    });

    it("installs the Pod Identity agent before vpc-cni and CloudWatch observability, which use it", () => {
        const agent = urn(registry, ADDON, "k8s-eks-pod-identity-agent");
        assert.ok(registry.one(ADDON, "k8s-vpc-cni").dependsOn.includes(agent));
        assert.ok(registry.one(ADDON, "k8s-amazon-cloudwatch-observability").dependsOn.includes(agent));
    });

    it("installs coredns after vpc-cni and kube-proxy", () => {
        const coredns = registry.one(ADDON, "k8s-coredns");
        assert.ok(coredns.dependsOn.includes(urn(registry, ADDON, "k8s-vpc-cni")));
        assert.ok(coredns.dependsOn.includes(urn(registry, ADDON, "k8s-kube-proxy")));
    });

    it("starts the node groups only once vpc-cni, kube-proxy and the agent exist", () => {
        for (const [type, name] of [
            ["aws-platform:eks:ManagedNodeGroup", "k8s-general"],
            ["aws-platform:eks:SelfManagedNodeGroup", "k8s-spot"],
        ]) {
            const group = registry.one(type, name);
            for (const addon of ["k8s-vpc-cni", "k8s-kube-proxy", "k8s-eks-pod-identity-agent"]) {
                assert.ok(group.dependencies.includes(urn(registry, ADDON, addon)), `${name} waits for ${addon}`);
            }
        }
    });

    it("runs coredns on EC2 nodes when the cluster has some", () => {
        assert.equal(registry.one(ADDON, "k8s-coredns").inputs.configurationValues, undefined);
        assert.equal(registry.ofType("aws-platform:eks:FargateProfile").filter((p) => p.name === "k8s-coredns").length, 0);
    });

    it("runs coredns on Fargate, with a kube-system profile for k8s-app=kube-dns, when there are no EC2 nodes", async () => {
        const fargate = await cluster(FARGATE_ONLY);
        fargate.hasInputs(ADDON, "k8s-coredns", { configurationValues: { computeType: "Fargate" } });
        fargate.hasInputs("aws-platform:eks:FargateProfile", "k8s-coredns", {
            selectors: [{ namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }],
        });
    });

    it("lets a transform change every add-on it owns, by the add-on's name", async () => {
        const seen: string[] = [];
        const changed = await cluster({
            ...SMALL,
            transform: {
                addon: (args, _opts, name) => {
                    seen.push(name);
                    return { ...args, resolveConflictsOnUpdate: "OVERWRITE" };
                },
            },
        });
        assert.deepEqual(seen.sort(), ["k8s-coredns", "k8s-eks-pod-identity-agent", "k8s-kube-proxy", "k8s-vpc-cni"]);
        changed.hasInputs(ADDON, "k8s-coredns", { resolveConflictsOnUpdate: "OVERWRITE" });
    });
});
