/**
 * The Kubernetes side: the provider on the cluster's kubeconfig, the namespaces, and the
 * `KubernetesTarget` the workloads are checked against.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type * as eks from "@pulumi/eks";
import type { KubernetesTarget } from "../kubernetes-workloads/args";
import { childName } from "../shared/naming";
import { create } from "../shared/transform";
import type { Ctx } from "./context";
import type { Resolved } from "./defaults";
import type { StorageResources } from "./storage";

/**
 * The provider every Kubernetes object of the cluster uses. The kubeconfig authenticates with
 * `aws eks get-token` as the principal running Pulumi (the AWS CLI must be installed where it runs),
 * which EKS made cluster admin when it created the cluster.
 */
export function createProvider(ctx: Ctx, cfg: Resolved, cluster: eks.Cluster): k8s.Provider {
    return create(k8s.Provider, childName(ctx.name, "provider"), { kubeconfig: cluster.kubeconfigJson }, ctx.opts, cfg.transform.provider);
}

/**
 * One namespace per key of `namespaces`, named by its key. They wait for `ready` (the add-ons that
 * make pods run, the nodes, CoreDNS, the storage drivers), so a workload placed in one of them starts
 * on a cluster that can run it.
 */
export function createNamespaces(ctx: Ctx, cfg: Resolved, provider: k8s.Provider, ready: pulumi.Resource[]): Record<string, k8s.core.v1.Namespace> {
    return Object.fromEntries(
        Object.entries(cfg.namespaces).map(([name, ns]) => [
            name,
            create(
                k8s.core.v1.Namespace,
                childName(ctx.name, "ns", name),
                { metadata: { name, labels: ns.labels } },
                { ...ctx.opts, provider, dependsOn: ready },
                cfg.transform.namespace,
            ),
        ]),
    );
}

/** What the workloads need to know about the cluster. */
export function kubernetesTarget(
    cfg: Resolved,
    provider: k8s.Provider,
    namespaces: Record<string, k8s.core.v1.Namespace>,
    storage: StorageResources,
): KubernetesTarget {
    const target = {
        provider,
        storageClasses: Object.fromEntries(Object.entries(storage.classes).map(([name, c]) => [name, { provisioner: c.provisioner }])),
        namespaces,
        fargateSelectors: Object.values(cfg.fargateProfiles).flatMap((p) =>
            p.selectors.map((s) => ({ namespace: s.namespace, ...(s.labels ? { labels: s.labels } : {}) })),
        ),
        // Without EC2 nodes every pod runs on Fargate: the workloads then refuse EBS claims in any namespace.
        hasEc2Nodes: cfg.hasEc2Nodes,
    };
    return target;
}
