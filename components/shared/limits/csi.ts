/**
 * The CSI provisioners of the StorageClasses EksCluster creates, and why none of them can give a
 * volume to a Fargate pod. One table for both checks: EksCluster's (a backend on a cluster without
 * EC2 nodes) and the workloads' (a claim for pods only Fargate would run).
 */
export const CSI_PROVISIONERS = {
    ebs: "ebs.csi.aws.com",
    efs: "efs.csi.aws.com",
    fsxLustre: "fsx.csi.aws.com",
    ontap: "csi.trident.netapp.io",
} as const;

export type CsiBackend = keyof typeof CSI_PROVISIONERS;

/**
 * Why a dynamically provisioned volume of each provisioner cannot serve a Fargate pod:
 * - EBS: "You can't mount Amazon EBS volumes to Fargate Pods" (https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html);
 * - EFS: "You can't use dynamic provisioning for persistent volumes with Fargate nodes, but you can use
 *   static provisioning" (https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html);
 * - FSx for Lustre: "The driver isn't supported on Fargate" (https://docs.aws.amazon.com/eks/latest/userguide/fsx-csi-create.html);
 * - Trident: its node plugin, which mounts the volumes, is a DaemonSet, and Fargate runs no DaemonSet
 *   (https://docs.aws.amazon.com/eks/latest/userguide/fargate.html, "Considerations").
 */
export const FARGATE_UNSUPPORTED_PROVISIONERS: Readonly<Record<string, string>> = {
    [CSI_PROVISIONERS.ebs]: "EBS volumes cannot be attached to Fargate pods",
    [CSI_PROVISIONERS.efs]: "EFS dynamic provisioning (access points) is not supported for Fargate pods, which mount EFS only through static PersistentVolumes",
    [CSI_PROVISIONERS.fsxLustre]: "the FSx for Lustre CSI driver is not supported on Fargate",
    [CSI_PROVISIONERS.ontap]: "Trident's node plugin is a DaemonSet, which Fargate does not run",
};

/** Why a class of `provisioner` cannot give Fargate pods a volume, or undefined if nothing is known against it. */
export function fargateStorageIssue(provisioner: string): string | undefined {
    return Object.hasOwn(FARGATE_UNSUPPORTED_PROVISIONERS, provisioner) ? FARGATE_UNSUPPORTED_PROVISIONERS[provisioner] : undefined;
}
