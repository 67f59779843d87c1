/**
 * Kubernetes name and value rules, as the API server validates them
 * (k8s.io/apimachinery/pkg/util/validation/validation.go; https://kubernetes.io/docs/concepts/overview/working-with-objects/names/).
 */

/** RFC 1123 label: namespaces, container and volume names, StatefulSet pod host names. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_LABEL_MAX = 63;

/** RFC 1035 label: Service names (they become DNS names and must start with a letter). */
export const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1035_LABEL_MAX = 63;

/** RFC 1123 subdomain: most object names, label key prefixes. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS1123_SUBDOMAIN_MAX = 253;

/**
 * A StatefulSet's pods carry the label `controller-revision-hash: <statefulset>-<10-character hash>`, and a
 * label value is at most 63 characters: with a longer name the controller cannot create a single pod
 * (kubernetes/kubernetes#64023, open since 2018). 63 - 1 - 10 = 52.
 */
export const STATEFULSET_NAME_MAX = 52;

/** Label values and the name part of label keys: at most 63, alphanumeric at both ends, `-`, `_`, `.` inside. */
export const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
export const LABEL_NAME_MAX = 63;

/** IANA service name (container and Service port names): 1–15 of `[a-z0-9-]`, a letter somewhere, no `--`, no edge `-`. */
export const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
export const PORT_NAME_MAX = 15;

/**
 * Environment variable names as validated before Kubernetes 1.34 (C identifier plus `-` and `.`, not
 * starting with a digit); 1.34 relaxed it to any printable ASCII but `=`, and EKS still runs older versions.
 */
export const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** int32 fields (replicas, user and group ids). */
export const INT32_MAX = 2_147_483_647;

/**
 * A resource quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go): a decimal number and a suffix,
 * binary (`Ki` … `Ei`), decimal (`n`, `u`, `m`, ``, `k`, `M`, `G`, `T`, `P`, `E`) or an exponent (`e3`).
 */
export const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const SUFFIX: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    "": 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
};

/** The value of a quantity in base units (cores, bytes), or undefined when it is not a quantity. */
export function parseQuantity(q: unknown): number | undefined {
    if (typeof q !== "string") return undefined;
    const m = QUANTITY.exec(q);
    if (!m) return undefined;
    const suffix = m[2] ?? "";
    const factor = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
    return Number(m[1]) * factor;
}

/**
 * API versions Kubernetes no longer serves, with the release that removed them (every EKS version
 * in support is newer than the oldest ones): `kubernetes-models` still ships their schemas, the API
 * server answers 404. `kinds` narrows an entry where the same group/version came back for new kinds
 * (admissionregistration.k8s.io/v1beta1 for ValidatingAdmissionPolicy, networking.k8s.io/v1beta1 for
 * ServiceCIDR). Source: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 */
export const REMOVED_API_VERSIONS: ReadonlyArray<{ apiVersion: string; removedIn: string; kinds?: readonly string[] }> = [
    { apiVersion: "extensions/v1beta1", removedIn: "1.16", kinds: ["DaemonSet", "Deployment", "ReplicaSet", "NetworkPolicy", "PodSecurityPolicy"] },
    { apiVersion: "extensions/v1beta1", removedIn: "1.22", kinds: ["Ingress"] },
    { apiVersion: "apps/v1beta1", removedIn: "1.16" },
    { apiVersion: "apps/v1beta2", removedIn: "1.16" },
    { apiVersion: "admissionregistration.k8s.io/v1beta1", removedIn: "1.22", kinds: ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"] },
    { apiVersion: "apiextensions.k8s.io/v1beta1", removedIn: "1.22" },
    { apiVersion: "apiregistration.k8s.io/v1beta1", removedIn: "1.22" },
    { apiVersion: "certificates.k8s.io/v1beta1", removedIn: "1.22", kinds: ["CertificateSigningRequest"] },
    { apiVersion: "coordination.k8s.io/v1beta1", removedIn: "1.22", kinds: ["Lease"] },
    { apiVersion: "networking.k8s.io/v1beta1", removedIn: "1.22", kinds: ["Ingress", "IngressClass"] },
    { apiVersion: "rbac.authorization.k8s.io/v1beta1", removedIn: "1.22" },
    { apiVersion: "scheduling.k8s.io/v1beta1", removedIn: "1.22" },
    { apiVersion: "storage.k8s.io/v1beta1", removedIn: "1.22", kinds: ["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"] },
    { apiVersion: "storage.k8s.io/v1beta1", removedIn: "1.27", kinds: ["CSIStorageCapacity"] },
    { apiVersion: "batch/v1beta1", removedIn: "1.25" },
    { apiVersion: "discovery.k8s.io/v1beta1", removedIn: "1.25" },
    { apiVersion: "events.k8s.io/v1beta1", removedIn: "1.25" },
    { apiVersion: "autoscaling/v2beta1", removedIn: "1.25" },
    { apiVersion: "policy/v1beta1", removedIn: "1.25" },
    { apiVersion: "node.k8s.io/v1beta1", removedIn: "1.25" },
    { apiVersion: "autoscaling/v2beta2", removedIn: "1.26" },
    { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta1", removedIn: "1.26" },
    { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta2", removedIn: "1.29" },
    { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", removedIn: "1.32" },
];

/** The release that removed `apiVersion` for `kind`, if it was removed. */
export function removedIn(apiVersion: string, kind: string): string | undefined {
    return REMOVED_API_VERSIONS.find((r) => r.apiVersion === apiVersion && (r.kinds === undefined || r.kinds.includes(kind)))?.removedIn;
}
