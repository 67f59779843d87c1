/**
 * CONTRACT STUB (integrator): the workloads helper owns this file and completes it. Keep
 * `KubernetesTarget`: EksCluster builds one (`cluster.kubernetes`), the workloads validate against it.
 */
import type * as k8s from "@pulumi/kubernetes";

/** The StorageClasses a cluster offers, by class name. */
export interface StorageClassInfo {
    /** CSI provisioner: `ebs.csi.aws.com`, `efs.csi.aws.com`, `fsx.csi.aws.com`, `csi.trident.netapp.io`. */
    provisioner: string;
}

/** Where workloads go: the cluster's Kubernetes provider and what the workloads are checked against. */
export interface KubernetesTarget {
    provider: k8s.Provider;
    /** StorageClasses by name: a claim naming another class is refused. */
    storageClasses: Record<string, StorageClassInfo>;
    /** Namespaces the cluster created, by name (workloads in them wait for them); `default` always exists. */
    namespaces: Record<string, k8s.core.v1.Namespace>;
    /** Fargate profile selectors: pods matching one run on Fargate, where EBS volumes are not supported. */
    fargateSelectors: Array<{ namespace: string; labels?: Record<string, string> }>;
}
