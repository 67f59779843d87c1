/**
 * EBS: the `aws-ebs-csi-driver` add-on, its controller's Pod Identity role with the AWS-managed
 * `AmazonEBSCSIDriverPolicy`, and an encrypted gp3 class.
 */
import * as pulumi from "@pulumi/pulumi";
import { type Statement, awsManagedPolicyArn } from "../shared/iam";
import { createAddon } from "./addon";
import type { ControlPlane, Ctx } from "./context";
import { type BackendResources, createStorageClass } from "./storage-common";
import type { ReclaimPolicy, StorageTransforms } from "./storage-args";
import type { ResolvedEbs } from "./storage-defaults";
import { CSI_PROVISIONERS } from "../shared/limits/csi";

export const EBS_PROVISIONER = CSI_PROVISIONERS.ebs;
/** The controller's service account in the add-on (https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html). */
export const EBS_SERVICE_ACCOUNT = "kube-system/ebs-csi-controller-sa";

/**
 * What the driver needs on a customer-managed key, as AWS documents it for the EBS CSI driver
 * (https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html, "custom KMS key"): grants for the
 * EC2 service only, and the data-key operations, on that one key.
 */
export function ebsKmsStatements(keyArn: pulumi.Input<string>): Statement[] {
    return [
        {
            Sid: "GrantsForEbsOnly",
            Effect: "Allow",
            Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            Resource: keyArn,
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
        {
            Sid: "VolumeDataKeys",
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resource: keyArn,
        },
    ];
}

export function createEbsStorage(
    ctx: Ctx,
    plane: ControlPlane,
    ebs: ResolvedEbs,
    reclaimPolicy: ReclaimPolicy,
    nodes: pulumi.Resource[],
    t: StorageTransforms = {},
): BackendResources {
    const { addon, roles } = createAddon(ctx, plane, "ebs-csi", {
        addonName: "aws-ebs-csi-driver",
        version: ebs.addonVersion,
        identities: [
            {
                serviceAccount: EBS_SERVICE_ACCOUNT,
                managedPolicyArns: { ebs: awsManagedPolicyArn(ctx.partition, "service-role/AmazonEBSCSIDriverPolicy") },
                statements: ebs.kmsKeyArn ? ebsKmsStatements(ebs.kmsKeyArn) : undefined,
            },
        ],
        // The controller is a Deployment: without nodes the add-on never becomes active.
        dependsOn: nodes,
        transform: t.ebsAddon,
    });
    const parameters: Record<string, pulumi.Input<string>> = { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" };
    if (ebs.kmsKeyArn) parameters.kmsKeyId = ebs.kmsKeyArn;
    const entry = createStorageClass(
        ctx,
        plane,
        {
            name: ebs.className,
            provisioner: EBS_PROVISIONER,
            parameters,
            reclaimPolicy,
            // An EBS volume lives in one AZ: create it where the pod was scheduled.
            volumeBindingMode: "WaitForFirstConsumer",
            allowVolumeExpansion: true,
            defaultClass: ebs.defaultClass,
        },
        [addon],
        t.ebsClass,
    );
    return { class: entry, children: { ebsAddon: addon, ebsRoles: roles } };
}
