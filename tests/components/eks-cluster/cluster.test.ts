/**
 * EksCluster's control plane: the arguments it passes to `eks.Cluster` (a remote component: one opaque
 * resource under mocks, so its inputs are the contract), the log group, the Secrets key, the provider,
 * the namespaces and the outputs.
 */
import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { EksCluster } from "../../../components/eks-cluster";
import { Network } from "../../../components/network";
import { clusterPhysicalName } from "../../../components/eks-cluster/control-plane";
import { placeholderCidrs } from "../../../components/eks-cluster/validate";
import { Registry, build, unwrap } from "../../../components/testing";
import { ADMIN, FARGATE_ONLY, FULL, SMALL, VPC } from "./cluster-fixture";

const CLUSTER = "eks:index:Cluster";
const ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

const isEndpointWarning = (w: string) => w.startsWith("[aws-platform:eks:public-endpoint]");
/** A public CIDR outside the documentation ranges, as a real office's would be. */
const OFFICE = "52.10.0.0/24";
const isPlaceholderWarning = (w: string) => w.startsWith("[aws-platform:eks:placeholder-cidr]");
const isPublicOnlyWarning = (w: string) => w.startsWith("[aws-platform:eks:public-only-endpoint]");

async function cluster(args = SMALL, name = "k8s") {
    return build(() => new EksCluster(name, args), { stack: "dev" });
}

describe("EksCluster: control plane", () => {
    let registry: Registry;
    before(async () => {
        ({ registry } = await cluster());
    });

    it("looks up the region and the account only in Fargate profiles (their trust condition), once each", async () => {
        const { registry: full } = await cluster(FULL);
        assert.equal(full.invokes("aws:index/getRegion:getRegion").length, 1);
        assert.equal(full.invokes("aws:index/getCallerIdentity:getCallerIdentity").length, 1);
        assert.equal(registry.invokes("aws:index/getRegion:getRegion").length, 0);
        assert.equal(registry.invokes("aws:index/getCallerIdentity:getCallerIdentity").length, 0);
    });

    it("passes eks.Cluster API authentication, all five log types, the version and the VPC", () => {
        registry.hasInputs(CLUSTER, "k8s-cluster", {
            authenticationMode: "API",
            enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
            version: "1.35",
            vpcId: VPC.vpcId,
            privateSubnetIds: VPC.privateSubnetIds,
            publicSubnetIds: VPC.publicSubnetIds,
        });
    });

    it("turns off eks.Cluster's default node group, security groups and its own kube-proxy, CoreDNS and CNI handling", () => {
        registry.hasInputs(CLUSTER, "k8s-cluster", {
            skipDefaultNodeGroup: true,
            skipDefaultSecurityGroups: true,
            kubeProxyAddonOptions: { enabled: false },
            corednsAddonOptions: { enabled: false },
            useDefaultVpcCni: true,
            bootstrapSelfManagedAddons: false,
            createOidcProvider: false,
        });
    });

    it("keeps the API endpoint private by default", () => {
        registry.hasInputs(CLUSTER, "k8s-cluster", { endpointPrivateAccess: true, endpointPublicAccess: false, publicAccessCidrs: undefined });
    });

    it("names the cluster explicitly, per stack, so the log group can exist first", () => {
        const physical = clusterPhysicalName("k8s");
        assert.match(physical, /^k8s-[0-9a-f]{7}$/);
        registry.hasInputs(CLUSTER, "k8s-cluster", { name: physical });
    });

    it("creates /aws/eks/<cluster>/cluster with a 30-day retention before the cluster", () => {
        const logs = registry.hasInputs("aws:cloudwatch/logGroup:LogGroup", "k8s-cluster-logs", {
            name: `/aws/eks/${clusterPhysicalName("k8s")}/cluster`,
            retentionInDays: 30,
        });
        assert.ok(registry.one(CLUSTER).dependsOn.includes(logs.urn), "the cluster must wait for its log group");
    });

    it("encrypts Secrets with a key of its own, with rotation", () => {
        const key = registry.hasInputs("aws:kms/key:Key", "k8s-secrets-key", { enableKeyRotation: true, deletionWindowInDays: 30 });
        assert.equal(registry.one(CLUSTER).inputs.encryptionConfigKeyArn, key.outputs.arn);
        assert.equal(key.protect, false);
    });

    it("grants no one but the creator access when no admins are given", () => {
        assert.deepEqual(registry.one(CLUSTER).inputs.accessEntries, {});
    });

    it("builds the Kubernetes provider from the cluster's kubeconfig", () => {
        const provider = registry.one("pulumi:providers:kubernetes", "k8s-provider");
        assert.equal(provider.inputs.kubeconfig, registry.one(CLUSTER).outputs.kubeconfigJson);
    });

    it("tags the control plane with the component tag", () => {
        registry.hasInputs(CLUSTER, "k8s-cluster", { tags: { "aws-platform:component": "EksCluster/k8s" } });
    });
});

describe("EksCluster: options", () => {
    it("gives each admin an access entry with AmazonEKSClusterAdminPolicy on the whole cluster", async () => {
        const { registry } = await cluster({ ...SMALL, admins: { platform: ADMIN } });
        registry.hasInputs(CLUSTER, "k8s-cluster", {
            accessEntries: {
                platform: {
                    principalArn: ADMIN,
                    type: "STANDARD",
                    accessPolicies: { admin: { policyArn: ADMIN_POLICY, accessScope: { type: "cluster" } } },
                },
            },
        });
    });

    it("opens the public endpoint to the given CIDRs only, keeping the private one", async () => {
        const { registry, warnings } = await cluster({ ...SMALL, endpoint: { publicAccessCidrs: [OFFICE] } });
        registry.hasInputs(CLUSTER, "k8s-cluster", { endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: [OFFICE] });
        assert.deepEqual(warnings.filter(isEndpointWarning), []);
        assert.deepEqual(warnings.filter(isPlaceholderWarning), []);
        assert.deepEqual(warnings.filter(isPublicOnlyWarning), []);
    });

    for (const cidr of ["192.0.2.0/24", "198.51.100.7/32", "203.0.113.128/25"]) {
        it(`warns with a stable code that the documentation-range CIDR ${cidr} admits nobody real`, async () => {
            const { warnings } = await cluster({ ...SMALL, endpoint: { publicAccessCidrs: [OFFICE, cidr] } });
            const placeholder = warnings.filter(isPlaceholderWarning);
            assert.equal(placeholder.length, 1, warnings.join("\n"));
            assert.match(placeholder[0], /EksCluster "k8s": endpoint.publicAccessCidrs holds (\S+), inside the documentation ranges/);
            assert.ok(placeholder[0].includes(`holds ${cidr},`), placeholder[0]);
            assert.match(placeholder[0], /kubectl and `pulumi up`/);
        });
    }

    it("does not take a range that only contains a documentation range for a placeholder", () => {
        assert.deepEqual(placeholderCidrs(["203.0.112.0/23", "192.0.0.0/16", "198.51.101.0/24"]), []);
    });

    it("warns with a stable code that nodes need the NAT addresses when only a restricted public endpoint is on", async () => {
        const { warnings } = await cluster({ ...SMALL, endpoint: { publicAccessCidrs: [OFFICE], privateAccess: false } });
        const publicOnly = warnings.filter(isPublicOnlyWarning);
        assert.equal(publicOnly.length, 1, warnings.join("\n"));
        assert.match(publicOnly[0], /NAT gateways' public IPs.*the nodes never join/);
    });

    it("does not warn of a public-only endpoint when the private endpoint is on or the public one admits 0.0.0.0/0", async () => {
        for (const endpoint of [{ publicAccessCidrs: [OFFICE] }, { publicAccessCidrs: ["0.0.0.0/0"], privateAccess: false }]) {
            const { warnings } = await cluster({ ...SMALL, endpoint });
            assert.deepEqual(warnings.filter(isPublicOnlyWarning), []);
        }
    });

    it("warns with a stable code when the public endpoint admits 0.0.0.0/0", async () => {
        const { warnings } = await cluster({ ...SMALL, endpoint: { publicAccessCidrs: ["0.0.0.0/0"] } });
        const endpoint = warnings.filter(isEndpointWarning);
        assert.equal(endpoint.length, 1);
        assert.match(endpoint[0], /EksCluster "k8s": endpoint.publicAccessCidrs holds 0.0.0.0\/0/);
    });

    it("uses a given Secrets key and creates none", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
        const { registry } = await cluster({ ...SMALL, secretsKmsKeyArn: keyArn });
        assert.equal(registry.ofType("aws:kms/key:Key").length, 0);
        registry.hasInputs(CLUSTER, "k8s-cluster", { encryptionConfigKeyArn: keyArn });
    });

    it("sends only the chosen log types, with the chosen retention", async () => {
        const { registry } = await cluster({ ...SMALL, logTypes: ["audit"], logRetentionDays: 365 });
        registry.hasInputs(CLUSTER, "k8s-cluster", { enabledClusterLogTypes: ["audit"] });
        registry.hasInputs("aws:cloudwatch/logGroup:LogGroup", "k8s-cluster-logs", { retentionInDays: 365 });
    });

    it("creates no log group when every log type is off", async () => {
        const { registry } = await cluster({ ...SMALL, logTypes: [] });
        assert.equal(registry.ofType("aws:cloudwatch/logGroup:LogGroup").length, 0);
        assert.deepEqual(registry.one(CLUSTER).dependsOn, []);
    });

    it("with protectData, turns on deletion protection and protects the Secrets key", async () => {
        const { registry } = await cluster({ ...SMALL, protectData: true });
        registry.hasInputs(CLUSTER, "k8s-cluster", { deletionProtection: true });
        const key = registry.one("aws:kms/key:Key");
        assert.equal(key.protect, true);
        assert.equal(key.retainOnDelete, true);
    });

    it("fits a long component name into EKS's 100 characters", () => {
        const physical = clusterPhysicalName("a".repeat(120));
        assert.ok(physical.length <= 100, physical);
        assert.match(physical, /^[0-9A-Za-z][0-9A-Za-z_-]*$/);
    });

    it("creates each namespace, named by its key, on the cluster's provider", async () => {
        const { registry } = await cluster({ ...SMALL, namespaces: { shop: { labels: { team: "shop" } } } });
        const ns = registry.hasInputs("kubernetes:core/v1:Namespace", "k8s-ns-shop", { metadata: { name: "shop", labels: { team: "shop" } } });
        assert.match(ns.provider ?? "", /k8s-provider/);
    });

    it("creates namespaces the Kubernetes API schema accepts", async () => {
        const { registry } = await cluster({ ...SMALL, namespaces: { shop: { labels: { "pod-security.kubernetes.io/enforce": "restricted" } }, jobs: {} } });
        // CommonJS build of kubernetes-models 4.x (offline schema of the Kubernetes API).
        const { Namespace } = require("kubernetes-models/v1/Namespace");
        const namespaces = registry.ofType("kubernetes:core/v1:Namespace");
        assert.equal(namespaces.length, 2);
        for (const ns of namespaces) new Namespace({ apiVersion: "v1", kind: "Namespace", ...ns.inputs }).validate();
    });

    it("makes the namespaces wait for the nodes' add-ons and CoreDNS", async () => {
        const { registry } = await cluster({ ...SMALL, namespaces: { shop: {} } });
        const ns = registry.one("kubernetes:core/v1:Namespace");
        for (const addon of ["k8s-vpc-cni", "k8s-kube-proxy", "k8s-eks-pod-identity-agent", "k8s-coredns"]) {
            assert.ok(ns.dependsOn.includes(registry.one("aws:eks/addon:Addon", addon).urn), `namespace waits for ${addon}`);
        }
    });
});

describe("EksCluster: in a Network", () => {
    it("takes a Network's vpcArgs as they are", async () => {
        const { registry } = await build(
            () => {
                const net = new Network("main", { availabilityZones: 2 });
                return new EksCluster("k8s", { ...SMALL, vpc: net.vpcArgs });
            },
            { stack: "dev" },
        );
        assert.equal(registry.one(CLUSTER).inputs.privateSubnetIds.length, 2);
    });
});

describe("EksCluster: outputs", () => {
    it("exposes the cluster name, a secret kubeconfig and the cluster security group", async () => {
        const { result } = await cluster();
        assert.equal(await unwrap(result.clusterName), clusterPhysicalName("k8s"));
        assert.match(await unwrap(result.clusterSecurityGroupId), /^sg-[0-9a-f]{17}$/);
        assert.equal(JSON.parse(await unwrap(result.kubeconfig)).kind, "Config");
        assert.equal(await pulumi.isSecret(result.kubeconfig), true);
    });

    it("offers workloads its provider, namespaces and Fargate selectors", async () => {
        const { result } = await cluster(FULL);
        const k = result.kubernetes;
        assert.deepEqual(Object.keys(k.namespaces).sort(), ["jobs", "shop"]);
        assert.deepEqual(k.fargateSelectors, [{ namespace: "jobs" }]);
        assert.equal(k.provider, result.resources.provider);
    });

    it("offers workloads the StorageClasses its storage created, by name, with their provisioners", async () => {
        const { result, registry } = await cluster();
        assert.deepEqual(result.kubernetes.storageClasses, { gp3: { provisioner: "ebs.csi.aws.com" } });
        registry.hasInputs("kubernetes:storage.k8s.io/v1:StorageClass", undefined, { metadata: { name: "gp3" }, provisioner: "ebs.csi.aws.com" });
    });

    it("tells workloads whether any pod can run on EC2 nodes", async () => {
        assert.equal(((await cluster()).result.kubernetes as { hasEc2Nodes?: boolean }).hasEc2Nodes, true);
        assert.equal(((await cluster(FARGATE_ONLY)).result.kubernetes as { hasEc2Nodes?: boolean }).hasEc2Nodes, false);
    });

    it("counts the CoreDNS profile among the Fargate selectors of a Fargate-only cluster", async () => {
        const { result } = await cluster(FARGATE_ONLY);
        assert.deepEqual(result.kubernetes.fargateSelectors, [{ namespace: "apps" }, { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }]);
    });
});
