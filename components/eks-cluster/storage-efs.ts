/**
 * EFS: an encrypted file system with one mount target per private subnet (one per AZ), a security
 * group admitting NFS from the cluster security group, the `aws-efs-csi-driver` add-on with its
 * controller's Pod Identity role (`AmazonEFSCSIDriverPolicy`), and a class that gives each claim its
 * own access point (`efs-ap`).
 */
import * as pulumi from "@pulumi/pulumi";
import { createEfsFileSystem } from "../shared/efs";
import { NFS_PORT } from "../shared/limits/efs";
import { childName } from "../shared/naming";
import { createAddon } from "./addon";
import type { ControlPlane, Ctx } from "./context";
import type { ReclaimPolicy, StorageTransforms } from "./storage-args";
import { type BackendResources, createFileSystemSecurityGroup, createStorageClass } from "./storage-common";
import type { ResolvedEfs } from "./storage-defaults";
import { CSI_PROVISIONERS } from "../shared/limits/csi";
import { awsManagedPolicyArn } from "../shared/iam";

export const EFS_PROVISIONER = CSI_PROVISIONERS.efs;
/**
 * Only the controller calls AWS (it creates and deletes access points): AWS's Pod Identity steps
 * associate this one service account (https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html).
 */
export const EFS_SERVICE_ACCOUNT = "kube-system/efs-csi-controller-sa";

export function createEfsStorage(
    ctx: Ctx,
    plane: ControlPlane,
    cfg: ResolvedEfs,
    reclaimPolicy: ReclaimPolicy,
    nodes: pulumi.Resource[],
    t: StorageTransforms = {},
): BackendResources {
    const base = childName(ctx.name, "efs");
    const sg = createFileSystemSecurityGroup(
        ctx,
        plane,
        "efs",
        "EFS mount targets",
        [{ protocol: "tcp", fromPort: NFS_PORT, toPort: NFS_PORT, purpose: "NFS" }],
        { transform: t.efsSecurityGroup },
    );
    // The VPC gives one private subnet per AZ, as a plain list so the count is known before deployment.
    // No file system policy: nodes mount without IAM, so any policy would have to allow anonymous
    // clients; the security group is the gate.
    const { fileSystem, backupPolicy, mountTargets } = createEfsFileSystem(
        {
            name: base,
            // Elastic: throughput follows the load and is billed per use; no burst credits to run out of.
            throughputMode: "elastic",
            transitionToIA: cfg.transitionToIA,
            backup: cfg.backup,
            subnets: ctx.vpc.privateSubnetIds.map((subnetId, i) => [String(i), subnetId]),
            securityGroupId: sg.securityGroup.id,
            tags: ctx.tags,
        },
        ctx.opts,
        ctx.dataOpts,
        t.efsFileSystem,
    );

    const { addon, roles } = createAddon(ctx, plane, "efs-csi", {
        addonName: "aws-efs-csi-driver",
        version: cfg.addonVersion,
        identities: [
            {
                serviceAccount: EFS_SERVICE_ACCOUNT,
                managedPolicyArns: { efs: awsManagedPolicyArn(ctx.partition, "service-role/AmazonEFSCSIDriverPolicy") },
            },
        ],
        dependsOn: nodes,
        transform: t.efsAddon,
    });
    // Parameters of dynamic provisioning (kubernetes-sigs/aws-efs-csi-driver, examples/kubernetes/dynamic_provisioning).
    const entry = createStorageClass(
        ctx,
        plane,
        {
            name: cfg.className,
            provisioner: EFS_PROVISIONER,
            parameters: {
                provisioningMode: "efs-ap",
                fileSystemId: fileSystem.id,
                directoryPerms: cfg.directoryPerms,
                gidRangeStart: String(cfg.gidRangeStart),
                gidRangeEnd: String(cfg.gidRangeEnd),
                basePath: cfg.basePath,
            },
            reclaimPolicy,
            // EFS is regional: a volume is reachable from every AZ, so bind at once.
            volumeBindingMode: "Immediate",
            // EFS has no size to grow: requests are not enforced.
            allowVolumeExpansion: false,
        },
        // Mounting needs a mount target in the pod's AZ.
        [addon, ...mountTargets],
        t.efsClass,
    );
    return {
        class: entry,
        children: {
            efsFileSystem: fileSystem,
            efsBackupPolicy: backupPolicy,
            efsSecurityGroup: sg.securityGroup,
            efsSecurityGroupRules: sg.rules,
            efsMountTargets: Object.fromEntries(mountTargets.map((m, i) => [String(i), m])),
            efsAddon: addon,
            efsRoles: roles,
        },
    };
}
