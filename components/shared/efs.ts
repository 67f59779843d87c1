/**
 * The EFS file system both ContainerService and EksCluster build: encrypted, general purpose, with its
 * lifecycle, its backup policy and one mount target per AZ. Each caller keeps its own security group
 * (they admit NFS differently) and its own file system policy, if any.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as efs from "@pulumi/aws/efs";
import type { EfsTransition } from "./limits/efs";
import { childName, fitName } from "./naming";
import { Transform, create } from "./transform";

export interface EfsFileSystemSpec {
    /** The file system's logical name and `Name` tag; its children are `${name}-backup`, `${name}-mount-target-<key>`. */
    name: string;
    throughputMode: "elastic" | "bursting";
    transitionToIA: EfsTransition;
    /** AWS Backup's daily backups (the EFS backup policy). */
    backup: boolean;
    /** One subnet per AZ, as `[key, subnetId]`: the key names the mount target. */
    subnets: Array<[string, pulumi.Input<string>]>;
    /** The security group of the mount targets. */
    securityGroupId: pulumi.Input<string>;
    tags: Record<string, string>;
}

export interface EfsFileSystemResources {
    fileSystem: efs.FileSystem;
    backupPolicy: efs.BackupPolicy;
    /** In the order of `subnets`. */
    mountTargets: efs.MountTarget[];
}

/**
 * The file system (with `dataOpts`: the caller's options plus `protect`/`retainOnDelete` when the data
 * is protected) and `transform`, its backup policy and mount targets (with `opts`).
 */
export function createEfsFileSystem(
    spec: EfsFileSystemSpec,
    opts: pulumi.CustomResourceOptions,
    dataOpts: pulumi.CustomResourceOptions,
    transform?: Transform<efs.FileSystemArgs>,
    children: { backupPolicy?: Transform<efs.BackupPolicyArgs>; mountTarget?: Transform<efs.MountTargetArgs> } = {},
): EfsFileSystemResources {
    const fileSystem = create(
        efs.FileSystem,
        fitName(spec.name, efs.FileSystem),
        {
            encrypted: true,
            performanceMode: "generalPurpose",
            throughputMode: spec.throughputMode,
            lifecyclePolicies: [
                ...(spec.transitionToIA === "NONE" ? [] : [{ transitionToIa: spec.transitionToIA }]),
                // A file read from Infrequent Access moves back at once: the next read is not charged again.
                // (EFS takes each transition as its own policy object.)
                { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
            ],
            tags: { ...spec.tags, Name: spec.name },
        },
        dataOpts,
        transform,
    );
    const backupPolicy = create(
        efs.BackupPolicy,
        childName(spec.name, "backup"),
        { fileSystemId: fileSystem.id, backupPolicy: { status: spec.backup ? "ENABLED" : "DISABLED" } },
        opts,
        children.backupPolicy,
    );
    // One mount target per AZ: EFS refuses a second in the same AZ.
    const mountTargets = spec.subnets.map(([key, subnetId]) =>
        create(
            efs.MountTarget,
            childName(spec.name, "mount-target", key),
            { fileSystemId: fileSystem.id, subnetId, securityGroups: [spec.securityGroupId] },
            opts,
            children.mountTarget,
        ),
    );
    return { fileSystem, backupPolicy, mountTargets };
}
