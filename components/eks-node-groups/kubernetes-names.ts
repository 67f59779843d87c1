/**
 * Kubernetes name syntax, as the API server (k8s.io/apimachinery `validation`) and the kubelet check
 * it. Pure: no Pulumi. A node label or taint the kubelet refuses stops it from starting, so the node
 * never registers and the group waits until it times out: these checks run before any resource.
 */
import type { Issues } from "../shared/errors";
import { LABEL_VALUE_ALLOWED, QUALIFIED_NAME_ALLOWED, checkLabelKey, checkLabelValue, isLabelValue, isQualifiedName } from "../shared/kubernetes-names";

/**
 * Labels the kubelet accepts under `kubernetes.io` and `k8s.io`: the namespaces `kubelet.kubernetes.io`
 * and `node.kubernetes.io` (and their subdomains), and this set (k8s.io/kubelet `IsKubeletLabel`; the
 * kubelet exits with "unknown 'kubernetes.io' or 'k8s.io' labels specified with --node-labels"
 * otherwise, on managed node groups too).
 */
const KUBELET_LABELS = new Set([
    "beta.kubernetes.io/arch",
    "beta.kubernetes.io/instance-type",
    "beta.kubernetes.io/os",
    "failure-domain.beta.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone",
    "kubernetes.io/arch",
    "kubernetes.io/hostname",
    "kubernetes.io/os",
    "node.kubernetes.io/instance-type",
    "topology.kubernetes.io/region",
    "topology.kubernetes.io/zone",
]);
const KUBELET_NAMESPACES = ["kubelet.kubernetes.io", "node.kubernetes.io"];

function inNamespace(namespace: string, root: string): boolean {
    return namespace === root || namespace.endsWith(`.${root}`);
}

/** True when the kubelet refuses this key in `--node-labels`. */
export function isReservedNodeLabel(key: string): boolean {
    const namespace = key.includes("/") ? key.split("/")[0] : "";
    const reserved = inNamespace(namespace, "kubernetes.io") || inNamespace(namespace, "k8s.io");
    if (!reserved || KUBELET_LABELS.has(key)) return false;
    return !KUBELET_NAMESPACES.some((ns) => inNamespace(namespace, ns));
}

/** Checks node labels: keys and values, and the kubelet's reserved namespaces. `maxKey`: a service's tighter key limit. */
export function checkNodeLabels(issues: Issues, path: string, labels: Record<string, string>, maxKey?: { length: number; why: string }): void {
    for (const [key, value] of Object.entries(labels)) {
        const p = `${path}.${key}`;
        const keyOk = checkLabelKey(issues, p, key);
        if (keyOk && isReservedNodeLabel(key))
            issues.add(
                p,
                key,
                "is in a namespace the kubelet reserves: it refuses to start with it, and the node never registers",
                `a key outside kubernetes.io and k8s.io, or under node.kubernetes.io/ or kubelet.kubernetes.io/ (e.g. "node.kubernetes.io/role")`,
            );
        else if (keyOk && maxKey && key.length > maxKey.length)
            issues.add(p, key, `is longer than ${maxKey.length} characters (${maxKey.why})`, `a key of at most ${maxKey.length} characters`);
        checkLabelValue(issues, p, value);
    }
}

/** Checks a taint's key and value syntax. */
export function checkTaint(issues: Issues, path: string, key: string, value: string, maxKey?: { length: number; why: string }): void {
    if (!isQualifiedName(key)) issues.add(path, key, "is not a valid taint key", QUALIFIED_NAME_ALLOWED);
    else if (maxKey && key.length > maxKey.length)
        issues.add(path, key, `is longer than ${maxKey.length} characters (${maxKey.why})`, `a key of at most ${maxKey.length} characters`);
    if (!isLabelValue(value)) issues.add(`${path}.value`, value, "is not a valid taint value", LABEL_VALUE_ALLOWED);
}
