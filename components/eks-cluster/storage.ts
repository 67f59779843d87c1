/**
 * CONTRACT STUB (integrator): the storage helper owns this file (and may split it). EksCluster-core calls
 * exactly these: shape → normalize → validate, then createStorage after the control plane and node groups.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Issues } from "../shared/errors";
import type { StorageClassInfo } from "../kubernetes-workloads/args";
import type { StorageArgs } from "./storage-args";
import type { ControlPlane, Ctx } from "./context";

export const STORAGE_DEFAULTS = { reclaimPolicy: "Delete" as const };

export interface ResolvedStorage {
    reclaimPolicy: "Retain" | "Delete";
}

/** Shape check of `args.storage` (JS types, unknown keys), reporting into `issues` at `path`. */
export function checkStorageShape(_issues: Issues, _path: string, _value: unknown): boolean {
    return true;
}
export function normalizeStorage(given: StorageArgs | undefined): ResolvedStorage {
    return { reclaimPolicy: given?.reclaimPolicy ?? STORAGE_DEFAULTS.reclaimPolicy };
}
/** Value rules on the resolved storage; `context` tells what else the cluster has (Fargate-only?). */
export function validateStorage(_issues: Issues, _path: string, _s: ResolvedStorage, _context: { hasEc2Nodes: boolean }): void {}

export interface StorageResources {
    /** By class name, for `KubernetesTarget.storageClasses`. */
    classes: Record<string, StorageClassInfo & { storageClass: k8s.storage.v1.StorageClass }>;
    /** Everything else it made (add-ons, file systems, roles), for `resources`. */
    children: Record<string, pulumi.Resource | Record<string, pulumi.Resource>>;
}

/** CSI add-ons with Pod Identity, file systems, and StorageClasses. `nodes`: what add-ons with Deployments wait for. */
export function createStorage(_ctx: Ctx, _plane: ControlPlane, _s: ResolvedStorage, _nodes: pulumi.Resource[]): StorageResources {
    return { classes: {}, children: {} };
}
