import * as assert from "node:assert";
import { CLUSTER_SG, PRIVATE_SUBNETS, buildStorage, storageClassSchemaIssues } from "./storage-ctx";

const SC = "kubernetes:storage.k8s.io/v1:StorageClass";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

describe("FSx for Lustre storage", () => {
    it("admits Lustre LNET (TCP 988 and 1018-1023) from the cluster security group", async () => {
        const { registry } = await buildStorage({ fsxLustre: { enabled: true } });
        const sg = registry.one(SG, "main-fsx-lustre-sg");
        const fromCluster = registry
            .ofType(INGRESS)
            .filter((r) => r.inputs.securityGroupId === sg.id && r.inputs.referencedSecurityGroupId === CLUSTER_SG)
            .map((r) => `${r.inputs.ipProtocol}/${r.inputs.fromPort}-${r.inputs.toPort}`);
        assert.deepEqual(fromCluster, ["tcp/988-988", "tcp/1018-1023"]);
    });

    it("lets the file servers reach each other on the same ports, in and out", async () => {
        const { registry } = await buildStorage({ fsxLustre: { enabled: true } });
        const sg = registry.one(SG, "main-fsx-lustre-sg");
        const self = (type: string) =>
            registry
                .ofType(type)
                .filter((r) => r.inputs.securityGroupId === sg.id && r.inputs.referencedSecurityGroupId === sg.id)
                .map((r) => `${r.inputs.fromPort}-${r.inputs.toPort}`);
        assert.deepEqual(self(INGRESS), ["988-988", "1018-1023"]);
        assert.deepEqual(self(EGRESS), ["988-988", "1018-1023"]);
    });

    it("lets the file servers reach the clients on LNET: egress to the cluster SG and ingress on the cluster SG from the Lustre SG", async () => {
        const { registry } = await buildStorage({ fsxLustre: { enabled: true } });
        const sg = registry.one(SG, "main-fsx-lustre-sg");
        const ports = (type: string, from: string | undefined, to: string | undefined) =>
            registry
                .ofType(type)
                .filter((r) => r.inputs.securityGroupId === from && r.inputs.referencedSecurityGroupId === to)
                .map((r) => `${r.inputs.ipProtocol}/${r.inputs.fromPort}-${r.inputs.toPort}`);
        assert.deepEqual(ports(EGRESS, sg.id, CLUSTER_SG), ["tcp/988-988", "tcp/1018-1023"]);
        assert.deepEqual(ports(INGRESS, CLUSTER_SG, sg.id), ["tcp/988-988", "tcp/1018-1023"]);
    });

    it("creates a SCRATCH_2 class on the FSx CSI provisioner in the first private subnet, with the security group", async () => {
        const { registry } = await buildStorage({ fsxLustre: { enabled: true } });
        const sg = registry.one(SG, "main-fsx-lustre-sg");
        registry.hasInputs(SC, "main-storage-class-fsx-lustre", {
            metadata: { name: "fsx-lustre" },
            provisioner: "fsx.csi.aws.com",
            parameters: { subnetId: PRIVATE_SUBNETS[0], securityGroupIds: sg.id, deploymentType: "SCRATCH_2", perUnitStorageThroughput: undefined },
            reclaimPolicy: "Delete",
            allowVolumeExpansion: true,
        });
    });

    it("passes the throughput of a PERSISTENT_2 class and the subnet the index names", async () => {
        const { registry } = await buildStorage({
            fsxLustre: { enabled: true, deploymentType: "PERSISTENT_2", perUnitStorageThroughput: 500, subnetIndex: 2 },
        });
        registry.hasInputs(SC, "main-storage-class-fsx-lustre", {
            parameters: { subnetId: PRIVATE_SUBNETS[2], deploymentType: "PERSISTENT_2", perUnitStorageThroughput: "500" },
        });
    });

    it("installs aws-fsx-csi-driver with a Pod Identity role (no IRSA) holding the policy AWS's guide attaches", async () => {
        const { registry } = await buildStorage({ fsxLustre: { enabled: true } });
        const role = registry.one("aws:iam/role:Role", "main-fsx-csi-fsx-csi-controller-sa");
        registry.hasInputs("aws:eks/addon:Addon", "main-fsx-csi", {
            addonName: "aws-fsx-csi-driver",
            serviceAccountRoleArn: undefined,
            podIdentityAssociations: [{ roleArn: role.outputs.arn, serviceAccount: "fsx-csi-controller-sa" }],
        });
        registry.hasInputs("aws:iam/role:Role", role.name, {
            assumeRolePolicy: { Statement: [{ Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }] },
        });
        assert.deepEqual(registry.managedPoliciesOf(role), ["arn:aws:iam::aws:policy/AmazonFSxFullAccess"]);
    });

    it("creates no file system itself: the driver makes one per claim", async () => {
        const { registry } = await buildStorage({ fsxLustre: { enabled: true } });
        assert.equal(registry.ofType("aws:fsx/lustreFileSystem:LustreFileSystem").length, 0);
    });

    it("renders StorageClasses the Kubernetes API schema accepts", async () => {
        const { registry } = await buildStorage({ fsxLustre: { enabled: true, deploymentType: "PERSISTENT_2" } });
        assert.deepEqual(storageClassSchemaIssues(registry), []);
    });
});
