/**
 * Storage of an EksCluster, as the component calls it: shape → normalize → validate (before any
 * resource), then `createStorage` after the control plane and the node groups. Each backend is built
 * in its own file: storage-ebs.ts, storage-efs.ts, storage-fsx.ts, storage-ontap.ts.
 */
import type * as pulumi from "@pulumi/pulumi";
import { mapValues } from "../shared/defaults";
import type { ControlPlane, Ctx } from "./context";
import type { BackendResources, StorageClassEntry } from "./storage-common";
import type { ResolvedStorage } from "./storage-defaults";
import { createEbsStorage } from "./storage-ebs";
import { createEfsStorage } from "./storage-efs";
import { createFsxLustreStorage } from "./storage-fsx";
import { createOntapStorage } from "./storage-ontap";

export type { EbsStorageArgs, EfsStorageArgs, FsxLustreStorageArgs, OntapStorageArgs, ReclaimPolicy, StorageArgs, StorageTransforms } from "./storage-args";
export { STORAGE_DEFAULTS, normalizeStorage } from "./storage-defaults";
export type { ResolvedStorage } from "./storage-defaults";
export { STORAGE_SHAPE, lustreCapacityIssue, validateStorage, validateStorageSubnets } from "./storage-validate";
export type { StorageContext } from "./storage-validate";
export type { StorageClassEntry } from "./storage-common";

export interface StorageResources {
    /** By class name, for `KubernetesTarget.storageClasses`. */
    classes: Record<string, StorageClassEntry>;
    /** Everything else it made (add-ons, file systems, roles), for `resources`. */
    children: Record<string, pulumi.Resource | Record<string, pulumi.Resource>>;
}

/**
 * CSI add-ons with Pod Identity, file systems, and StorageClasses. `nodes`: what add-ons with
 * Deployments wait for (the node groups, and the pod identity agent add-on: the drivers' pods get
 * their credentials from it).
 */
export function createStorage(ctx: Ctx, plane: ControlPlane, s: ResolvedStorage, nodes: pulumi.Resource[]): StorageResources {
    // By class name (validateStorage keeps them unique).
    const backends: Record<string, BackendResources> = {};
    if (s.ebs.enabled) backends[s.ebs.className] = createEbsStorage(ctx, plane, s.ebs, s.reclaimPolicy, nodes, s.transform);
    if (s.efs.enabled) backends[s.efs.className] = createEfsStorage(ctx, plane, s.efs, s.reclaimPolicy, nodes, s.transform);
    if (s.fsxLustre.enabled) backends[s.fsxLustre.className] = createFsxLustreStorage(ctx, plane, s.fsxLustre, s.reclaimPolicy, nodes, s.transform);
    if (s.ontap.enabled) backends[s.ontap.className] = createOntapStorage(ctx, plane, s.ontap, s.reclaimPolicy, nodes, s.transform);
    return {
        classes: mapValues(backends, (b) => b.class),
        children: Object.assign({}, ...Object.values(backends).map((b) => b.children)),
    };
}
