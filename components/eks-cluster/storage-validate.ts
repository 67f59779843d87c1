/**
 * Storage argument checks: the shape (JS types, unknown keys) before anything reads a field, then
 * the value rules on the normalized values. Pure: no Pulumi resource is touched.
 */
import { type Issues, isPlain } from "../shared/errors";
import { isDnsSubdomain } from "../shared/kubernetes-names";
import { CSI_PROVISIONERS, type CsiBackend, FARGATE_UNSUPPORTED_PROVISIONERS } from "../shared/limits/csi";
import { array, boolean, input, int, object, optional, string, transform } from "../shared/shape";
import type { EbsStorageArgs, EfsStorageArgs, FsxLustreStorageArgs, OntapStorageArgs, StorageArgs, StorageTransforms } from "./storage-args";
import { type ResolvedStorage, STORAGE_DEFAULTS } from "./storage-defaults";
import { EFS_TRANSITIONS } from "../shared/limits/efs";

const inputString = () => input(string());

export const STORAGE_SHAPE = object<StorageArgs>({ noun: "storage argument" })({
    reclaimPolicy: optional(string()),
    ebs: optional(
        object<EbsStorageArgs>()({
            enabled: optional(boolean()),
            className: optional(string()),
            defaultClass: optional(boolean()),
            kmsKeyArn: optional(inputString()),
            addonVersion: optional(string()),
        }),
    ),
    efs: optional(
        object<EfsStorageArgs>()({
            enabled: optional(boolean()),
            className: optional(string()),
            transitionToIA: optional(string()),
            backup: optional(boolean()),
            directoryPerms: optional(string()),
            gidRangeStart: optional(int()),
            gidRangeEnd: optional(int()),
            basePath: optional(string()),
            addonVersion: optional(string()),
        }),
    ),
    fsxLustre: optional(
        object<FsxLustreStorageArgs>()({
            enabled: optional(boolean()),
            className: optional(string()),
            deploymentType: optional(string()),
            perUnitStorageThroughput: optional(int()),
            subnetIndex: optional(int()),
            addonVersion: optional(string()),
        }),
    ),
    ontap: optional(
        object<OntapStorageArgs>()({
            enabled: optional(boolean()),
            className: optional(string()),
            deploymentType: optional(string()),
            storageCapacityGiB: optional(int()),
            throughputMBps: optional(int()),
            svmAdminPassword: optional(inputString()),
            routeTableIds: optional(array(inputString())),
            addonVersion: optional(string()),
        }),
    ),
    transform: optional(
        object<StorageTransforms>({ noun: "storage transform key" })({
            ebsAddon: optional(transform()),
            efsAddon: optional(transform()),
            fsxLustreAddon: optional(transform()),
            tridentAddon: optional(transform()),
            efsFileSystem: optional(transform()),
            ontapFileSystem: optional(transform()),
            ontapSvm: optional(transform()),
            efsSecurityGroup: optional(transform()),
            fsxLustreSecurityGroup: optional(transform()),
            ontapSecurityGroup: optional(transform()),
            ebsClass: optional(transform()),
            efsClass: optional(transform()),
            fsxLustreClass: optional(transform()),
            ontapClass: optional(transform()),
            tridentBackend: optional(transform()),
        }),
    ),
});

/** What else the cluster has, for the rules that depend on it. */
export interface StorageContext {
    /** Whether any managed or self-managed node group exists (false: Fargate only). */
    hasEc2Nodes: boolean;
    /**
     * How many private subnets the VPC has (one per AZ): `vpc.privateSubnetIds.length` (a plain list
     * by shape), so the subnet rules run with the others, before any resource.
     */
    privateSubnetCount: number;
}

/** Lustre deployment types a class may create (`_1` types are previous generation). */
export const LUSTRE_DEPLOYMENT_TYPES = ["SCRATCH_2", "PERSISTENT_2"] as const;
/** MB/s per TiB of a PERSISTENT_2 file system (https://docs.aws.amazon.com/fsx/latest/LustreGuide/managing-throughput-capacity.html). */
export const LUSTRE_PER_UNIT_THROUGHPUT = [125, 250, 500, 1000] as const;
export const ONTAP_DEPLOYMENT_TYPES = ["SINGLE_AZ_1", "MULTI_AZ_1", "SINGLE_AZ_2", "MULTI_AZ_2"] as const;
/**
 * ONTAP limits for one HA pair, as pulumi-aws documents `OntapFileSystemArgs` (storageCapacity,
 * throughputCapacityPerHaPair) and the FSx for ONTAP user guide states them.
 */
export const ONTAP_LIMITS = {
    first: { maxCapacityGiB: 196608, throughputMBps: [128, 256, 512, 1024, 2048, 4096] },
    second: { maxCapacityGiB: 524288, throughputMBps: [384, 768, 1536, 3072, 6144] },
} as const;

/**
 * Whether a FSx for Lustre claim of `gib` is a size the file system takes: 1200 GiB or a multiple of
 * 2400 GiB for SCRATCH_2 and PERSISTENT_2
 * (https://docs.aws.amazon.com/eks/latest/userguide/fsx-csi-create.html). The driver rounds other
 * sizes up, so a claim of 1300 GiB is billed as 2400: workloads can check their claims with this.
 */
export function lustreCapacityIssue(gib: number): string | undefined {
    if (Number.isInteger(gib) && (gib === 1200 || (gib >= 2400 && gib % 2400 === 0))) return undefined;
    return "is not a FSx for Lustre size: 1200 GiB or a multiple of 2400 GiB (the driver rounds up to the next one)";
}

/** Value rules on the resolved storage; every issue is reported, none gated behind another. */
export function validateStorage(issues: Issues, path: string, s: ResolvedStorage, context: StorageContext): void {
    const at = (p: string) => (path ? `${path}.${p}` : p);
    issues.oneOf(at("reclaimPolicy"), s.reclaimPolicy, ["Retain", "Delete"]);

    const enabled: Array<[CsiBackend, string]> = [];
    if (s.ebs.enabled) enabled.push(["ebs", s.ebs.className]);
    if (s.efs.enabled) enabled.push(["efs", s.efs.className]);
    if (s.fsxLustre.enabled) enabled.push(["fsxLustre", s.fsxLustre.className]);
    if (s.ontap.enabled) enabled.push(["ontap", s.ontap.className]);
    for (const [section, name] of enabled) {
        // A StorageClass name is a DNS subdomain.
        if (!isDnsSubdomain(name))
            issues.add(at(`${section}.className`), name, "is malformed", "a DNS subdomain: lower-case letters, digits, '-' and '.', at most 253 characters");
    }
    const seen = new Map<string, string>();
    for (const [section, name] of enabled) {
        const first = seen.get(name);
        if (first) issues.add(at(`${section}.className`), name, `is also the class name of ${at(first)}`, "a name no other class uses");
        else seen.set(name, section);
    }

    if (!context.hasEc2Nodes) {
        // Each needs a node plugin (a DaemonSet) or, for EFS, dynamic provisioning: Fargate offers neither.
        for (const [section] of enabled) {
            const why = FARGATE_UNSUPPORTED_PROVISIONERS[CSI_PROVISIONERS[section]];
            issues.add(
                at(`${section}.enabled`),
                true,
                `is not possible: ${why}, and the cluster has no EC2 nodes`,
                `${at(`${section}.enabled`)}: false, or a node group`,
            );
        }
    }

    validateEfs(issues, at("efs"), s);
    validateLustre(issues, at("fsxLustre"), s);
    validateOntap(issues, at("ontap"), s);
    validateStorageSubnets(issues, path, s, context.privateSubnetCount);
}

/**
 * What the enabled file systems need of the VPC's private subnets (one per AZ): a mount target for
 * EFS, the Lustre subnet the index names, two AZs for a multi-AZ ONTAP file system.
 */
export function validateStorageSubnets(issues: Issues, path: string, s: ResolvedStorage, count: number): void {
    const at = (p: string) => (path ? `${path}.${p}` : p);
    if (s.efs.enabled && count === 0)
        issues.add(at("efs.enabled"), true, "needs a private subnet for a mount target, and the VPC has none", "a VPC with private subnets");
    if (s.fsxLustre.enabled && Number.isInteger(s.fsxLustre.subnetIndex) && s.fsxLustre.subnetIndex >= count) {
        issues.add(
            at("fsxLustre.subnetIndex"),
            s.fsxLustre.subnetIndex,
            `is past the VPC's ${count} private subnets`,
            count ? `0 to ${count - 1}` : "a VPC with private subnets",
        );
    }
    const ontapSubnets = s.ontap.deploymentType.startsWith("MULTI_AZ") ? 2 : 1;
    if (s.ontap.enabled && count < ontapSubnets) {
        issues.add(
            at("ontap.deploymentType"),
            s.ontap.deploymentType,
            `needs ${ontapSubnets} private subnet${ontapSubnets > 1 ? "s in as many AZs" : ""}, and the VPC has ${count}`,
            count === 1 ? '"SINGLE_AZ_1" or "SINGLE_AZ_2", or a VPC with two AZs' : "a VPC with private subnets",
        );
    }
}

function validateEfs(issues: Issues, path: string, s: ResolvedStorage): void {
    const efs = s.efs;
    issues.oneOf(`${path}.transitionToIA`, efs.transitionToIA, EFS_TRANSITIONS);
    issues.match(`${path}.directoryPerms`, efs.directoryPerms, /^[0-7]{3}$/, 'three octal digits, e.g. "700"');
    issues.match(`${path}.basePath`, efs.basePath, /^\/[A-Za-z0-9_./-]*$/, 'an absolute path, e.g. "/dynamic"');
    // POSIX ids as EFS access points take them (0 to 2^32-1); the driver wants start < end.
    const startOk = issues.int(`${path}.gidRangeStart`, efs.gidRangeStart, 1, 4294967295);
    const endOk = issues.int(`${path}.gidRangeEnd`, efs.gidRangeEnd, 1, 4294967295);
    if (startOk && endOk && efs.gidRangeStart >= efs.gidRangeEnd) {
        issues.add(`${path}.gidRangeEnd`, efs.gidRangeEnd, `is not above gidRangeStart (${efs.gidRangeStart})`, `an integer above ${efs.gidRangeStart}`);
    }
}

function validateLustre(issues: Issues, path: string, s: ResolvedStorage): void {
    const l = s.fsxLustre;
    const typeOk = issues.oneOf(`${path}.deploymentType`, l.deploymentType, LUSTRE_DEPLOYMENT_TYPES);
    const throughputOk = issues.oneOf(`${path}.perUnitStorageThroughput`, l.perUnitStorageThroughput, LUSTRE_PER_UNIT_THROUGHPUT);
    // Compared with the default, so leaving it unset (as SCRATCH_2 users do) is never an issue.
    if (
        typeOk &&
        throughputOk &&
        l.deploymentType === "SCRATCH_2" &&
        l.perUnitStorageThroughput !== STORAGE_DEFAULTS.FsxLustreStorageArgs.perUnitStorageThroughput
    ) {
        issues.add(
            `${path}.perUnitStorageThroughput`,
            l.perUnitStorageThroughput,
            "applies only to PERSISTENT_2 (SCRATCH_2 throughput follows its size)",
            'deploymentType: "PERSISTENT_2", or leave it unset',
        );
    }
    issues.int(`${path}.subnetIndex`, l.subnetIndex, 0, 1000);
}

function validateOntap(issues: Issues, path: string, s: ResolvedStorage): void {
    const o = s.ontap;
    const typeOk = issues.oneOf(`${path}.deploymentType`, o.deploymentType, ONTAP_DEPLOYMENT_TYPES);
    const limits = o.deploymentType.endsWith("_2") ? ONTAP_LIMITS.second : ONTAP_LIMITS.first;
    if (typeOk) {
        issues.int(`${path}.storageCapacityGiB`, o.storageCapacityGiB, 1024, limits.maxCapacityGiB, ` GiB for ${o.deploymentType}`);
        issues.oneOf(`${path}.throughputMBps`, o.throughputMBps, limits.throughputMBps);
    }
    if (!o.enabled) return;
    // FSx adds the routes to a multi-AZ file system's floating endpoints (management, NFS) only to the
    // route tables it is given, else to the VPC's main route table alone, which private subnets with
    // their own tables never use: the nodes could not reach the SVM
    // (https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemOntapConfiguration.html, RouteTableIds).
    if (o.deploymentType.startsWith("MULTI_AZ") && (o.routeTableIds === undefined || o.routeTableIds.length === 0)) {
        issues.add(
            `${path}.routeTableIds`,
            o.routeTableIds,
            `is required for ${o.deploymentType}: FSx routes to the file system's floating endpoints only in the route tables given (else only the VPC's main route table), so nodes in private subnets with their own route tables could not reach it`,
            'the route tables of the private subnets (e.g. network.privateRouteTableIds), or deploymentType "SINGLE_AZ_1" / "SINGLE_AZ_2"',
        );
    }
    if (o.svmAdminPassword === undefined) {
        issues.missing(`${path}.svmAdminPassword`, "the vsadmin password Trident uses, 8 to 50 characters, as a secret");
    } else if (isPlain(o.svmAdminPassword) && (o.svmAdminPassword.length < 8 || o.svmAdminPassword.length > 50)) {
        // Never echo a password: the length says enough.
        issues.add(`${path}.svmAdminPassword`, `(${o.svmAdminPassword.length} characters)`, "is not 8 to 50 characters long", "8 to 50 characters");
    }
}
