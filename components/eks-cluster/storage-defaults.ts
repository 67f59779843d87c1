/**
 * The one source of storage defaults, and `normalizeStorage`: complete values, so the value rules and
 * the builders never test for undefined.
 */
import { withDefaults } from "../shared/defaults";
import type { EbsStorageArgs, EfsStorageArgs, FsxLustreStorageArgs, OntapStorageArgs, ReclaimPolicy, StorageArgs, StorageTransforms } from "./storage-args";

/** Defaults of `StorageArgs`, one section per interface (what the `@default` tags document). */
export const STORAGE_DEFAULTS = {
    reclaimPolicy: "Delete" as ReclaimPolicy,
    transform: {} as StorageTransforms,
    EbsStorageArgs: { enabled: true, className: "gp3", defaultClass: true },
    EfsStorageArgs: {
        enabled: false,
        className: "efs",
        transitionToIA: "AFTER_30_DAYS" as NonNullable<EfsStorageArgs["transitionToIA"]>,
        backup: true,
        directoryPerms: "700",
        // The driver's own defaults (aws-efs-csi-driver examples/kubernetes/dynamic_provisioning).
        gidRangeStart: 50000,
        gidRangeEnd: 7000000,
        basePath: "/dynamic",
    },
    FsxLustreStorageArgs: {
        enabled: false,
        className: "fsx-lustre",
        deploymentType: "SCRATCH_2" as NonNullable<FsxLustreStorageArgs["deploymentType"]>,
        perUnitStorageThroughput: 125 as NonNullable<FsxLustreStorageArgs["perUnitStorageThroughput"]>,
        subnetIndex: 0,
    },
    OntapStorageArgs: {
        enabled: false,
        className: "fsx-ontap",
        deploymentType: "MULTI_AZ_1" as NonNullable<OntapStorageArgs["deploymentType"]>,
        storageCapacityGiB: 1024,
        throughputMBps: 128,
    },
};

type Filled<T, Optional extends keyof T> = Required<Omit<T, Optional>> & Pick<T, Optional>;

export type ResolvedEbs = Filled<EbsStorageArgs, "kmsKeyArn" | "addonVersion">;
export type ResolvedEfs = Filled<EfsStorageArgs, "addonVersion">;
export type ResolvedFsxLustre = Filled<FsxLustreStorageArgs, "addonVersion">;
export type ResolvedOntap = Filled<OntapStorageArgs, "svmAdminPassword" | "routeTableIds" | "addonVersion">;

export interface ResolvedStorage {
    reclaimPolicy: ReclaimPolicy;
    ebs: ResolvedEbs;
    efs: ResolvedEfs;
    fsxLustre: ResolvedFsxLustre;
    ontap: ResolvedOntap;
    transform: StorageTransforms;
}

/** `args.storage` with every default filled in (shape-checked input assumed). */
export function normalizeStorage(given: StorageArgs | undefined): ResolvedStorage {
    const d = STORAGE_DEFAULTS;
    return {
        reclaimPolicy: given?.reclaimPolicy ?? d.reclaimPolicy,
        ebs: withDefaults(d.EbsStorageArgs, given?.ebs) as ResolvedEbs,
        efs: withDefaults(d.EfsStorageArgs, given?.efs) as ResolvedEfs,
        fsxLustre: withDefaults(d.FsxLustreStorageArgs, given?.fsxLustre) as ResolvedFsxLustre,
        ontap: withDefaults(d.OntapStorageArgs, given?.ontap) as ResolvedOntap,
        transform: given?.transform ?? d.transform,
    };
}
