/** CONTRACT STUB (integrator): the storage helper owns this file and completes it. */
export interface StorageArgs {
    /** `Retain` (prod) or `Delete` (dev) for every class. */
    reclaimPolicy?: "Retain" | "Delete";
}
