/**
 * The names workloads are reached by. Plain functions of plain names, so a program can compute an
 * address before the component exists (the Redis replicas' `--replicaof` is built from pod 0's name
 * and passed to the same StatefulApp).
 */
import { DEFAULTS } from "./defaults";

/** EKS clusters use the Kubernetes default cluster domain; it cannot be changed on EKS. */
export const CLUSTER_DOMAIN = "cluster.local";

/** The headless Service of a StatefulApp named `name`. */
export function headlessServiceName(name: string): string {
    return `${name}-headless`;
}

/** A Service's DNS name: `<service>.<namespace>.svc.cluster.local`. */
export function serviceDnsName(service: string, namespace: string): string {
    return `${service}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/**
 * The stable DNS name of a StatefulApp's pod `ordinal`: `<name>-<ordinal>.<name>-headless.<namespace>.svc.cluster.local`
 * (https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id). `name` and
 * `namespace` are the StatefulApp's Kubernetes name and namespace (its `name` argument, else the
 * component's name; its `namespace` argument, else `default`).
 *
 * @example
 * statefulPodDnsName({ name: "redis", namespace: "data" }, 0) // "redis-0.redis-headless.data.svc.cluster.local"
 */
export function statefulPodDnsName(app: { name: string; namespace?: string }, ordinal: number): string {
    if (!Number.isInteger(ordinal) || ordinal < 0) throw new RangeError(`a pod ordinal is an integer from 0, got ${ordinal}`);
    return `${app.name}-${ordinal}.${serviceDnsName(headlessServiceName(app.name), app.namespace ?? DEFAULTS.WorkloadArgs.namespace)}`;
}
