import * as assert from "node:assert";
import { ebsKmsStatements } from "../../../components/eks-cluster/storage-ebs";
import { CLUSTER_NAME, buildStorage, storageClassSchemaIssues } from "./storage-ctx";

const SC = "kubernetes:storage.k8s.io/v1:StorageClass";
const ADDON = "aws:eks/addon:Addon";
const ROLE = "main-ebs-csi-ebs-csi-controller-sa";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

describe("EBS storage", () => {
    it("creates a gp3 class on the EBS CSI provisioner: encrypted, default, WaitForFirstConsumer, expandable", async () => {
        const { registry } = await buildStorage({});
        registry.hasInputs(SC, "main-storage-class-gp3", {
            metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
            provisioner: "ebs.csi.aws.com",
            parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4", kmsKeyId: undefined },
            volumeBindingMode: "WaitForFirstConsumer",
            allowVolumeExpansion: true,
            reclaimPolicy: "Delete",
        });
    });

    it("takes the reclaim policy from the storage arguments", async () => {
        const { registry } = await buildStorage({ reclaimPolicy: "Retain" });
        registry.hasInputs(SC, "main-storage-class-gp3", { reclaimPolicy: "Retain" });
    });

    it("leaves the default-class annotation off when asked", async () => {
        const { registry } = await buildStorage({ ebs: { defaultClass: false, className: "ebs-gp3" } });
        registry.hasInputs(SC, "main-storage-class-ebs-gp3", { metadata: { name: "ebs-gp3", annotations: undefined } });
    });

    it("installs the aws-ebs-csi-driver add-on with its controller's Pod Identity role", async () => {
        const { registry } = await buildStorage({ ebs: { addonVersion: "v1.44.0-eksbuild.1" } });
        const role = registry.one("aws:iam/role:Role", ROLE);
        registry.hasInputs(ADDON, "main-ebs-csi", {
            addonName: "aws-ebs-csi-driver",
            addonVersion: "v1.44.0-eksbuild.1",
            clusterName: CLUSTER_NAME,
            podIdentityAssociations: [{ roleArn: role.outputs.arn, serviceAccount: "ebs-csi-controller-sa" }],
        });
        registry.hasInputs("aws:iam/role:Role", ROLE, {
            assumeRolePolicy: {
                Statement: [
                    {
                        Principal: { Service: "pods.eks.amazonaws.com" },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Condition: {
                            StringEquals: {
                                "aws:RequestTag/kubernetes-namespace": "kube-system",
                                "aws:RequestTag/kubernetes-service-account": "ebs-csi-controller-sa",
                            },
                        },
                    },
                ],
            },
        });
    });

    it("attaches the AWS-managed AmazonEBSCSIDriverPolicy and no inline policy with the AWS-managed key", async () => {
        const { registry } = await buildStorage({});
        assert.deepEqual(registry.managedPoliciesOf(ROLE), ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]);
        assert.deepEqual(registry.policiesOf(ROLE), []);
    });

    it("encrypts with a customer key and grants the driver the KMS permissions AWS documents, on that key only", async () => {
        const { registry } = await buildStorage({ ebs: { kmsKeyArn: KEY } });
        registry.hasInputs(SC, "main-storage-class-gp3", { parameters: { kmsKeyId: KEY } });
        const statements = registry.statementsOf(ROLE);
        assert.deepEqual(statements, JSON.parse(JSON.stringify(ebsKmsStatements(KEY))));
        assert.deepEqual(statements[0].Condition, { Bool: { "kms:GrantIsForAWSResource": "true" } });
        for (const s of statements) assert.equal(s.Resource, KEY);
    });

    it("makes the add-on wait for the nodes and the class wait for the add-on", async () => {
        const { registry } = await buildStorage({}, { nodes: true });
        const addon = registry.one(ADDON, "main-ebs-csi");
        assert.ok(addon.dependencies.includes(registry.named("main-nodes")!.urn), "add-on after the nodes");
        assert.ok(registry.one(SC).dependencies.includes(addon.urn), "class after the add-on");
    });

    it("puts the class on the cluster's Kubernetes provider", async () => {
        const { registry } = await buildStorage({});
        assert.match(registry.one(SC).provider ?? "", /pulumi:providers:kubernetes::main-k8s::/);
    });

    it("renders a StorageClass the Kubernetes API schema accepts", async () => {
        const { registry } = await buildStorage({ ebs: { kmsKeyArn: KEY } });
        assert.deepEqual(storageClassSchemaIssues(registry), []);
    });
});
