/**
 * FSx for Lustre: the `aws-fsx-csi-driver` add-on (Pod Identity: the add-on supports it, AWS's
 * guide says "requires the EKS Pod Identity agent", https://docs.aws.amazon.com/eks/latest/userguide/fsx-csi-create.html),
 * a security group for the file systems the driver creates, and a class that creates one file
 * system per claim in one private subnet.
 */
import * as pulumi from "@pulumi/pulumi";
import { createAddon } from "./addon";
import type { ControlPlane, Ctx } from "./context";
import type { ReclaimPolicy, StorageTransforms } from "./storage-args";
import { type BackendResources, type PortRule, createFileSystemSecurityGroup, createStorageClass } from "./storage-common";
import type { ResolvedFsxLustre } from "./storage-defaults";
import { CSI_PROVISIONERS } from "../shared/limits/csi";
import { awsManagedPolicyArn } from "../shared/iam";

export const FSX_PROVISIONER = CSI_PROVISIONERS.fsxLustre;
export const FSX_SERVICE_ACCOUNT = "kube-system/fsx-csi-controller-sa";

/**
 * Lustre's ports: LNET on TCP 988 and 1018-1023, between the clients and the file servers both ways,
 * and among the file servers themselves (https://docs.aws.amazon.com/fsx/latest/LustreGuide/limit-access-security-groups.html;
 * without them creation fails: "do not permit Lustre LNET network traffic on port 988").
 */
export const LUSTRE_PORTS: PortRule[] = [
    { protocol: "tcp", fromPort: 988, toPort: 988, purpose: "Lustre LNET" },
    { protocol: "tcp", fromPort: 1018, toPort: 1023, purpose: "Lustre LNET" },
];

export function createFsxLustreStorage(
    ctx: Ctx,
    plane: ControlPlane,
    cfg: ResolvedFsxLustre,
    reclaimPolicy: ReclaimPolicy,
    nodes: pulumi.Resource[],
    t: StorageTransforms = {},
): BackendResources {
    const sg = createFileSystemSecurityGroup(ctx, plane, "fsx-lustre", "FSx for Lustre file systems", LUSTRE_PORTS, {
        self: true,
        // Lustre servers open LNET connections to their clients too: the guide's file-system group has
        // outbound 988 and 1018-1023 to the clients' groups, and the clients' groups inbound from it.
        toClients: LUSTRE_PORTS,
        transform: t.fsxLustreSecurityGroup,
    });
    const { addon, roles } = createAddon(ctx, plane, "fsx-csi", {
        addonName: "aws-fsx-csi-driver",
        version: cfg.addonVersion,
        identities: [
            {
                serviceAccount: FSX_SERVICE_ACCOUNT,
                // The policy AWS's guide and the driver's install guide attach (kubernetes-sigs/aws-fsx-csi-driver
                // docs/install.md). AWS publishes no narrower one; it reaches every FSx file system of the account.
                managedPolicyArns: { fsx: awsManagedPolicyArn(ctx.partition, "AmazonFSxFullAccess") },
            },
        ],
        dependsOn: nodes,
        transform: t.fsxLustreAddon,
    });
    const parameters: Record<string, pulumi.Input<string>> = {
        subnetId: ctx.vpc.privateSubnetIds[cfg.subnetIndex],
        securityGroupIds: sg.securityGroup.id,
        deploymentType: cfg.deploymentType,
    };
    if (cfg.deploymentType === "PERSISTENT_2") parameters.perUnitStorageThroughput = String(cfg.perUnitStorageThroughput);
    const entry = createStorageClass(
        ctx,
        plane,
        {
            name: cfg.className,
            provisioner: FSX_PROVISIONER,
            parameters,
            reclaimPolicy,
            // The subnet fixes the AZ whatever pod claims it (pods in other AZs reach it across AZs), so
            // waiting for the pod would change nothing but the 5-10 minutes creation starts later.
            volumeBindingMode: "Immediate",
            // The driver resizes Lustre file systems in 2400 GiB steps (ControllerExpandVolume).
            allowVolumeExpansion: true,
        },
        [addon],
        t.fsxLustreClass,
    );
    return {
        class: entry,
        children: { fsxLustreSecurityGroup: sg.securityGroup, fsxLustreSecurityGroupRules: sg.rules, fsxLustreAddon: addon, fsxLustreRoles: roles },
    };
}
