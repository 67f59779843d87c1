import * as assert from "node:assert";
import { CLUSTER_SG, PRIVATE_SUBNETS, VPC_ID, buildStorage, storageClassSchemaIssues } from "./storage-ctx";

const SC = "kubernetes:storage.k8s.io/v1:StorageClass";
const FS = "aws:efs/fileSystem:FileSystem";
const MT = "aws:efs/mountTarget:MountTarget";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe("EFS storage", () => {
    it("creates an encrypted file system with elastic throughput and the lifecycle from the arguments", async () => {
        const { registry } = await buildStorage({ efs: { enabled: true, transitionToIA: "AFTER_7_DAYS" } });
        registry.hasInputs(FS, "main-efs", {
            encrypted: true,
            throughputMode: "elastic",
            performanceMode: "generalPurpose",
            lifecyclePolicies: [{ transitionToIa: "AFTER_7_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
        });
    });

    it("keeps everything in Standard with transitionToIA NONE", async () => {
        const { registry } = await buildStorage({ efs: { enabled: true, transitionToIA: "NONE" } });
        registry.hasInputs(FS, "main-efs", { lifecyclePolicies: [{ transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }] });
    });

    it("turns AWS Backup on by default, off when asked", async () => {
        const on = await buildStorage({ efs: { enabled: true } });
        on.registry.hasInputs("aws:efs/backupPolicy:BackupPolicy", "main-efs-backup", { backupPolicy: { status: "ENABLED" } });
        const off = await buildStorage({ efs: { enabled: true, backup: false } });
        off.registry.hasInputs("aws:efs/backupPolicy:BackupPolicy", "main-efs-backup", { backupPolicy: { status: "DISABLED" } });
    });

    it("protects the file system with the component's data options", async () => {
        const { registry } = await buildStorage({ efs: { enabled: true } }, { protect: true });
        const fs = registry.one(FS);
        assert.equal(fs.protect, true);
        assert.equal(registry.one(MT, "main-efs-mount-target-0").protect, false, "mount targets are replaceable");
    });

    it("creates one mount target per private subnet (one per AZ), each in the file system's security group", async () => {
        const { registry } = await buildStorage({ efs: { enabled: true } });
        const fs = registry.one(FS);
        const sg = registry.one(SG, "main-efs-sg");
        const targets = registry.ofType(MT);
        assert.deepEqual(
            targets.map((t) => t.inputs.subnetId),
            PRIVATE_SUBNETS,
        );
        for (const t of targets) {
            assert.equal(t.inputs.fileSystemId, fs.id);
            assert.deepEqual(t.inputs.securityGroups, [sg.id]);
        }
    });

    it("follows the VPC's AZ count: two subnets, two mount targets", async () => {
        const { registry } = await buildStorage({ efs: { enabled: true } }, { subnets: PRIVATE_SUBNETS.slice(0, 2) });
        assert.equal(registry.ofType(MT).length, 2);
    });

    it("admits NFS (TCP 2049) from the cluster security group, and nothing else", async () => {
        const { registry } = await buildStorage({ efs: { enabled: true } });
        const sg = registry.one(SG, "main-efs-sg");
        assert.equal(sg.inputs.vpcId, VPC_ID);
        assert.equal(sg.inputs.ingress, undefined);
        assert.equal(sg.inputs.egress, undefined);
        const rules = registry.ofType(INGRESS).filter((r) => r.inputs.securityGroupId === sg.id);
        assert.equal(rules.length, 1);
        registry.hasInputs(INGRESS, "main-efs-sg-tcp-2049", { ipProtocol: "tcp", fromPort: 2049, toPort: 2049, referencedSecurityGroupId: CLUSTER_SG });
    });

    it("creates a class on the EFS CSI provisioner that gives each claim an access point on the file system", async () => {
        const { registry } = await buildStorage({ reclaimPolicy: "Retain", efs: { enabled: true, gidRangeStart: 1000, gidRangeEnd: 2000 } });
        const fs = registry.one(FS);
        registry.hasInputs(SC, "main-storage-class-efs", {
            metadata: { name: "efs", annotations: undefined },
            provisioner: "efs.csi.aws.com",
            parameters: {
                provisioningMode: "efs-ap",
                fileSystemId: fs.id,
                directoryPerms: "700",
                gidRangeStart: "1000",
                gidRangeEnd: "2000",
                basePath: "/dynamic",
            },
            reclaimPolicy: "Retain",
            volumeBindingMode: "Immediate",
        });
    });

    it("makes the class wait for the add-on and every mount target", async () => {
        const { registry } = await buildStorage({ efs: { enabled: true } });
        const deps = registry.one(SC, "main-storage-class-efs").dependencies;
        for (const t of registry.ofType(MT)) assert.ok(deps.includes(t.urn), t.name);
        assert.ok(deps.includes(registry.one("aws:eks/addon:Addon", "main-efs-csi").urn));
    });

    it("gives the driver's controller a Pod Identity role with AmazonEFSCSIDriverPolicy", async () => {
        const { registry } = await buildStorage({ efs: { enabled: true } });
        const role = registry.one("aws:iam/role:Role", "main-efs-csi-efs-csi-controller-sa");
        registry.hasInputs("aws:eks/addon:Addon", "main-efs-csi", {
            addonName: "aws-efs-csi-driver",
            podIdentityAssociations: [{ roleArn: role.outputs.arn, serviceAccount: "efs-csi-controller-sa" }],
        });
        registry.hasInputs("aws:iam/role:Role", role.name, {
            assumeRolePolicy: { Statement: [{ Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }] },
        });
        assert.deepEqual(registry.managedPoliciesOf(role), ["arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy"]);
    });

    it("renders StorageClasses the Kubernetes API schema accepts", async () => {
        const { registry } = await buildStorage({ efs: { enabled: true } });
        assert.deepEqual(storageClassSchemaIssues(registry), []);
    });
});
