import * as assert from "node:assert";
import { createFileSystemSecurityGroup, createStorageClass } from "../../../components/eks-cluster/storage-common";
import { build } from "../../../components/testing";
import { CLUSTER_SG, VPC_ID, storageClassSchemaIssues, testPlane } from "./storage-ctx";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const NFS = { protocol: "tcp" as const, fromPort: 2049, toPort: 2049, purpose: "NFS" };

describe("storage building blocks", () => {
    it("makes a file system security group in the VPC with one ingress rule per port range from the cluster SG, nothing else", async () => {
        const { registry, result } = await build(() => {
            const { ctx, plane } = testPlane();
            return createFileSystemSecurityGroup(ctx, plane, "nfs", "NFS servers", [NFS, { protocol: "udp", fromPort: 4045, toPort: 4046, purpose: "NLM" }]);
        });
        registry.hasInputs(SG, "main-nfs-sg", { vpcId: VPC_ID, ingress: undefined, egress: undefined, tags: { Name: "main-nfs-sg" } });
        assert.deepEqual(Object.keys(result.rules), ["tcp-2049", "udp-4045-4046"]);
        registry.hasInputs(INGRESS, "main-nfs-sg-udp-4045-4046", { ipProtocol: "udp", fromPort: 4045, toPort: 4046, referencedSecurityGroupId: CLUSTER_SG });
        assert.equal(registry.ofType(EGRESS).length, 0);
    });

    it("adds ingress and egress among the group's own members with self", async () => {
        const { registry } = await build(() => {
            const { ctx, plane } = testPlane();
            return createFileSystemSecurityGroup(ctx, plane, "lustre", "Lustre servers", [NFS], { self: true });
        });
        const sg = registry.one(SG);
        registry.hasInputs(INGRESS, "main-lustre-sg-self-in-tcp-2049", { referencedSecurityGroupId: sg.id });
        registry.hasInputs(EGRESS, "main-lustre-sg-self-out-tcp-2049", { referencedSecurityGroupId: sg.id, fromPort: 2049 });
    });

    it("lets the file servers open connections to the clients with toClients: egress to the cluster SG and ingress on it from the group", async () => {
        const { registry, result } = await build(() => {
            const { ctx, plane } = testPlane();
            return createFileSystemSecurityGroup(ctx, plane, "lustre", "Lustre servers", [NFS], { toClients: [NFS] });
        });
        const sg = registry.one(SG);
        assert.deepEqual(Object.keys(result.rules).sort(), ["client-in-tcp-2049", "tcp-2049", "to-clients-tcp-2049"]);
        registry.hasInputs(EGRESS, "main-lustre-sg-to-clients-tcp-2049", {
            securityGroupId: sg.id,
            referencedSecurityGroupId: CLUSTER_SG,
            ipProtocol: "tcp",
            fromPort: 2049,
            toPort: 2049,
        });
        registry.hasInputs(INGRESS, "main-lustre-sg-client-in-tcp-2049", {
            securityGroupId: CLUSTER_SG,
            referencedSecurityGroupId: sg.id,
            ipProtocol: "tcp",
            fromPort: 2049,
            toPort: 2049,
        });
    });

    it("opens all traffic to the clients, without ports, when toClients is { all }", async () => {
        const { registry } = await build(() => {
            const { ctx, plane } = testPlane();
            return createFileSystemSecurityGroup(ctx, plane, "nfs", "NFS servers", [NFS], { toClients: { all: "NFS callbacks" } });
        });
        const sg = registry.one(SG);
        registry.hasInputs(EGRESS, "main-nfs-sg-to-clients-all", {
            securityGroupId: sg.id,
            referencedSecurityGroupId: CLUSTER_SG,
            ipProtocol: "-1",
            fromPort: undefined,
        });
        registry.hasInputs(INGRESS, "main-nfs-sg-client-in-all", {
            securityGroupId: CLUSTER_SG,
            referencedSecurityGroupId: sg.id,
            ipProtocol: "-1",
            toPort: undefined,
        });
    });

    it("makes a StorageClass on the cluster's provider, after what the plane says Kubernetes objects wait for", async () => {
        const { registry } = await build(() => {
            const { ctx, plane } = testPlane();
            const before = createFileSystemSecurityGroup(ctx, plane, "x", "x", []).securityGroup;
            plane.ready.push(before);
            return createStorageClass(
                ctx,
                plane,
                {
                    name: "standard",
                    provisioner: "ebs.csi.aws.com",
                    parameters: {},
                    reclaimPolicy: "Delete",
                    volumeBindingMode: "Immediate",
                    allowVolumeExpansion: false,
                },
                [],
            );
        });
        const sc = registry.hasInputs("kubernetes:storage.k8s.io/v1:StorageClass", "main-storage-class-standard", {
            metadata: { name: "standard", annotations: undefined, labels: { "app.kubernetes.io/managed-by": "pulumi" } },
            allowVolumeExpansion: false,
        });
        assert.ok(sc.dependencies.includes(registry.one(SG).urn));
        assert.deepEqual(storageClassSchemaIssues(registry), []);
    });
});
