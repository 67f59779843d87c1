import * as pulumi from "@pulumi/pulumi";
import { FARGATE_SELECTOR_SHAPE } from "../eks-node-groups/shape";
import { FieldsOf, array, boolean, custom, int, object, oneOf, opaque, optional, record, string, transform, union } from "../shared/shape";
import type {
    DisruptionBudgetArgs,
    KubernetesTarget,
    StorageClassInfo,
    ExecProbe,
    HttpGetProbe,
    PortArgs,
    ProbeArgs,
    ProbesArgs,
    ResourceQuantities,
    ResourcesArgs,
    SecurityArgs,
    StatefulAppArgs,
    StatefulAppTransforms,
    StatelessAppArgs,
    StatelessAppTransforms,
    TcpSocketProbe,
    Toleration,
    VolumeClaimArgs,
    WorkloadArgs,
} from "./args";

/** A `k8s.Provider`: `isInstance` works across copies of the SDK; a provider of another package (aws) would be refused by the engine. */
const kubernetesProvider = custom("other", "a k8s.Provider for the cluster", (issues, path, value) => {
    const provider = value as { getPackage?: () => string };
    if (!pulumi.CustomResource.isInstance(provider) || provider.getPackage?.() !== "kubernetes")
        issues.add(path, undefined, "is not a Kubernetes provider", "a k8s.Provider for the cluster");
});

/**
 * The target is built by another component (EksCluster) or by hand, and may carry more than the
 * workloads read (a StorageClass resource next to its provisioner): only what they read is checked,
 * and extra keys pass (`open`).
 */
export const KUBERNETES_TARGET_SHAPE = object<KubernetesTarget>({
    open: true,
    doc: "a KubernetesTarget { provider, storageClasses, namespaces, fargateSelectors }",
})({
    provider: kubernetesProvider,
    storageClasses: record(object<StorageClassInfo>({ open: true })({ provisioner: string({ allowed: 'a CSI provisioner, e.g. "ebs.csi.aws.com"' }) })),
    // Namespace resources (or anything standing for them): workloads only wait on them.
    namespaces: record(
        union(
            "a k8s.core.v1.Namespace",
            custom("other", "a k8s.core.v1.Namespace", () => undefined),
            opaque(),
        ),
    ),
    fargateSelectors: array(FARGATE_SELECTOR_SHAPE),
    hasEc2Nodes: optional(boolean()),
});

const port = union("a port number or the key of a port", int(), string({ nonEmpty: true }));

const probe = object<ProbeArgs>()({
    httpGet: optional(object<HttpGetProbe>()({ path: string(), port })),
    tcpSocket: optional(object<TcpSocketProbe>()({ port })),
    exec: optional(object<ExecProbe>()({ command: array(string(), { nonEmpty: true }) })),
    initialDelaySeconds: optional(int()),
    periodSeconds: optional(int()),
    timeoutSeconds: optional(int()),
    failureThreshold: optional(int()),
});

const quantities = object<ResourceQuantities>()({ cpu: optional(string()), memory: optional(string()) });

const disruptionBudget = object<DisruptionBudgetArgs>()({ maxUnavailable: optional(int()) });

/** The fields of WorkloadArgs, shared by both workloads' shapes. */
const WORKLOAD_FIELDS: FieldsOf<WorkloadArgs> = {
    cluster: KUBERNETES_TARGET_SHAPE,
    image: string({ nonEmpty: true, allowed: 'an image reference, e.g. "public.ecr.aws/docker/library/redis:7.4"' }),
    name: optional(string()),
    namespace: optional(string()),
    command: optional(array(string())),
    args: optional(array(string())),
    ports: optional(
        record(
            object<PortArgs>()({
                containerPort: int(),
                port: optional(int()),
                protocol: optional(oneOf(["TCP", "UDP", "SCTP"])),
            }),
        ),
    ),
    resources: optional(object<ResourcesArgs>()({ requests: optional(quantities), limits: optional(quantities) })),
    env: optional(record(string())),
    probes: optional(object<ProbesArgs>()({ readiness: optional(probe), liveness: optional(probe), startup: optional(probe) })),
    securityContext: optional(
        object<SecurityArgs>()({
            runAsNonRoot: optional(boolean()),
            runAsUser: optional(int()),
            runAsGroup: optional(int()),
            fsGroup: optional(int()),
            readOnlyRootFilesystem: optional(boolean()),
        }),
    ),
    emptyDirs: optional(record(string())),
    labels: optional(record(string())),
    nodeSelector: optional(record(string())),
    tolerations: optional(
        array(
            object<Toleration>()({
                key: optional(string()),
                operator: optional(oneOf(["Equal", "Exists"])),
                value: optional(string()),
                effect: optional(oneOf(["NoSchedule", "PreferNoSchedule", "NoExecute"])),
            }),
        ),
    ),
    automountServiceAccountToken: optional(boolean()),
};

export const STATELESS_APP_SHAPE = object<StatelessAppArgs>()({
    ...WORKLOAD_FIELDS,
    replicas: optional(int()),
    serviceType: optional(oneOf(["ClusterIP", "NodePort", "LoadBalancer"])),
    disruptionBudget: optional(disruptionBudget),
    transform: optional(
        object<StatelessAppTransforms>()({
            deployment: optional(transform()),
            service: optional(transform()),
            podDisruptionBudget: optional(transform()),
        }),
    ),
});

export const STATEFUL_APP_SHAPE = object<StatefulAppArgs>()({
    ...WORKLOAD_FIELDS,
    replicas: optional(int()),
    volumeClaims: optional(
        record(
            object<VolumeClaimArgs>()({
                storageClass: string({ nonEmpty: true }),
                size: string(),
                mountPath: string(),
                accessModes: optional(array(oneOf(["ReadWriteOnce", "ReadWriteOncePod", "ReadOnlyMany", "ReadWriteMany"]), { nonEmpty: true })),
            }),
        ),
    ),
    publishNotReadyAddresses: optional(boolean()),
    disruptionBudget: optional(disruptionBudget),
    transform: optional(
        object<StatefulAppTransforms>()({
            statefulSet: optional(transform()),
            service: optional(transform()),
            podDisruptionBudget: optional(transform()),
        }),
    ),
});
