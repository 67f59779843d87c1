/**
 * FSx for NetApp ONTAP (opt-in): a file system and a storage virtual machine (SVM), the SVM's
 * `vsadmin` credentials in Secrets Manager, NetApp Trident as the `netapp_trident-operator` EKS add-on
 * (AWS Marketplace: the account subscribes once), its Pod Identity role, a `TridentBackendConfig`
 * that names the secret by ARN (`type: awsarn`, never the password itself), and an NFS class.
 *
 * Sources: NetApp Trident docs, "Use Trident with Amazon FSx for NetApp ONTAP": trident-fsx-install-trident
 * (the EKS add-on; Pod Identity from 25.02 on), trident-fsx-iam-role (the policy and the secret),
 * trident-fsx-storage-backend (the backend).
 */
import * as fsx from "@pulumi/aws/fsx";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../shared/iam";
import { childName } from "../shared/naming";
import { create } from "../shared/transform";
import { createAddon } from "./addon";
import type { ControlPlane, Ctx } from "./context";
import type { ReclaimPolicy, StorageTransforms } from "./storage-args";
import { type BackendResources, type PortRule, createFileSystemSecurityGroup, createStorageClass } from "./storage-common";
import type { ResolvedOntap } from "./storage-defaults";
import { CSI_PROVISIONERS } from "../shared/limits/csi";

export const TRIDENT_PROVISIONER = CSI_PROVISIONERS.ontap;
/** Trident's controller, which calls FSx and Secrets Manager (trident-fsx-iam-role: `trident:trident-controller`). */
export const TRIDENT_SERVICE_ACCOUNT = "trident/trident-controller";
const TRIDENT_NAMESPACE = "trident";

/**
 * NFS v3/v4 to the SVM's data endpoint and HTTPS to its management endpoint (Trident's ONTAP REST
 * calls), from the cluster security group
 * (https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/limit-access-security-groups.html).
 */
export const ONTAP_PORTS: PortRule[] = [
    { protocol: "tcp", fromPort: 443, toPort: 443, purpose: "ONTAP REST API (Trident)" },
    ...(["tcp", "udp"] as const).flatMap((protocol) => [
        { protocol, fromPort: 111, toPort: 111, purpose: "NFS portmapper" },
        { protocol, fromPort: 635, toPort: 635, purpose: "NFS mountd" },
        { protocol, fromPort: 2049, toPort: 2049, purpose: "NFS" },
        { protocol, fromPort: 4045, toPort: 4046, purpose: "NFS lock manager and status monitor" },
    ]),
];

/**
 * The SVM's name: at most 47 letters, digits and `_` (FSx refuses `-`), starting with a letter,
 * derived from the component's name so two clusters never share one.
 */
export function ontapSvmName(componentName: string): string {
    return `svm_${componentName.replace(/[^A-Za-z0-9_]/g, "_")}`.slice(0, 47);
}

/** Trident's AWS permissions, as its guide lists them (trident-fsx-iam-role), with the secret narrowed to ours. */
export function tridentStatements(secretArn: pulumi.Input<string>): Statement[] {
    return [
        {
            Sid: "ManageOntapVolumes",
            Effect: "Allow",
            Action: [
                "fsx:DescribeFileSystems",
                "fsx:DescribeVolumes",
                "fsx:CreateVolume",
                "fsx:RestoreVolumeFromSnapshot",
                "fsx:DescribeStorageVirtualMachines",
                "fsx:UntagResource",
                "fsx:UpdateVolume",
                "fsx:TagResource",
                "fsx:DeleteVolume",
            ],
            // The Describe actions take no resource, and the volumes Trident creates have ids unknown here.
            Resource: "*",
        },
        { Sid: "ReadSvmCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretArn },
    ];
}

export function createOntapStorage(
    ctx: Ctx,
    plane: ControlPlane,
    cfg: ResolvedOntap,
    reclaimPolicy: ReclaimPolicy,
    nodes: pulumi.Resource[],
    t: StorageTransforms = {},
): BackendResources {
    const base = childName(ctx.name, "ontap");
    const subnets = ctx.vpc.privateSubnetIds;
    const multiAz = cfg.deploymentType.startsWith("MULTI_AZ");
    const sg = createFileSystemSecurityGroup(ctx, plane, "ontap", "FSx for ONTAP endpoints", ONTAP_PORTS, {
        // NFSv3 lock-manager (NLM/NSM) and NFSv4.0 delegation callbacks: the SVM connects back to the
        // node's lockd/callback port, which the node's kernel picks at random, hence all traffic, and
        // only from this group (the SVM's interfaces).
        toClients: { all: "NFS lock-manager and callback traffic" },
        transform: t.ontapSecurityGroup,
    });
    const fileSystem = create(
        fsx.OntapFileSystem,
        base,
        {
            deploymentType: cfg.deploymentType,
            storageCapacity: cfg.storageCapacityGiB,
            // One HA pair: the limits validateStorage checks are those of one pair.
            haPairs: 1,
            throughputCapacityPerHaPair: cfg.throughputMBps,
            // Multi-AZ: an active and a standby file server in the first two AZs.
            subnetIds: multiAz ? [subnets[0], subnets[1]] : [subnets[0]],
            preferredSubnetId: subnets[0],
            securityGroupIds: [sg.securityGroup.id],
            routeTableIds: multiAz ? cfg.routeTableIds : undefined,
            // A week of daily automatic backups (0 would turn them off).
            automaticBackupRetentionDays: 7,
            tags: { ...ctx.tags, Name: base },
        },
        ctx.dataOpts,
        t.ontapFileSystem,
    );
    const password = pulumi.secret(cfg.svmAdminPassword as pulumi.Input<string>);
    const svm = create(
        fsx.OntapStorageVirtualMachine,
        childName(base, "svm"),
        { fileSystemId: fileSystem.id, name: ontapSvmName(ctx.name), rootVolumeSecurityStyle: "UNIX", svmAdminPassword: password, tags: ctx.tags },
        ctx.dataOpts,
        t.ontapSvm,
    );
    const secret = new secretsmanager.Secret(
        childName(base, "svm-credentials"),
        { description: `vsadmin credentials of the FSx for ONTAP SVM of ${ctx.name}, read by NetApp Trident`, tags: ctx.tags },
        ctx.opts,
    );
    const secretVersion = new secretsmanager.SecretVersion(
        childName(base, "svm-credentials"),
        { secretId: secret.id, secretString: pulumi.secret(pulumi.jsonStringify({ username: "vsadmin", password })) },
        ctx.opts,
    );

    const trident = createAddon(ctx, plane, "trident", {
        addonName: "netapp_trident-operator",
        version: cfg.addonVersion,
        identities: [{ serviceAccount: TRIDENT_SERVICE_ACCOUNT, statements: tridentStatements(secret.arn), association: "standalone" }],
        dependsOn: nodes,
        transform: t.tridentAddon,
    });
    const backendName = childName(ctx.name, "ontap-nas");
    const backend = create(
        k8s.apiextensions.CustomResource,
        childName(base, "backend"),
        {
            apiVersion: "trident.netapp.io/v1",
            kind: "TridentBackendConfig",
            metadata: { name: backendName, namespace: TRIDENT_NAMESPACE },
            spec: {
                version: 1,
                storageDriverName: "ontap-nas",
                backendName,
                svm: svm.name,
                aws: { fsxFilesystemID: fileSystem.id },
                credentials: { name: secret.arn, type: "awsarn" },
            },
        },
        // The CRD comes with the add-on; the credentials must be readable when Trident first connects.
        // Trident's operator installs the CRD only after the add-on is ACTIVE, and the Kubernetes
        // provider retries an unknown kind only briefly (no timeout option lengthens that): a first
        // `pulumi up` may have to be run twice, as OntapStorageArgs says.
        { ...ctx.opts, provider: plane.provider, dependsOn: [...plane.ready, trident.addon, ...Object.values(trident.associations), secretVersion] },
        t.tridentBackend,
    );
    const entry = createStorageClass(
        ctx,
        plane,
        {
            name: cfg.className,
            provisioner: TRIDENT_PROVISIONER,
            parameters: { backendType: "ontap-nas" },
            reclaimPolicy,
            // The SVM serves every AZ of the VPC.
            volumeBindingMode: "Immediate",
            allowVolumeExpansion: true,
        },
        [backend],
        t.ontapClass,
    );
    return {
        class: entry,
        children: {
            ontapFileSystem: fileSystem,
            ontapSvm: svm,
            ontapSecurityGroup: sg.securityGroup,
            ontapSecurityGroupRules: sg.rules,
            ontapCredentials: secret,
            ontapCredentialsVersion: secretVersion,
            tridentAddon: trident.addon,
            tridentRoles: trident.roles,
            tridentAssociations: trident.associations,
            tridentBackend: backend,
        },
    };
}
