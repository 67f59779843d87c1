import * as pulumi from "@pulumi/pulumi";
import type { Issues } from "../shared/errors";
import { FieldsOf, array, boolean, custom, int, object, oneOf, optional, record, string, transform, union } from "../shared/shape";
import type {
    DisruptionBudgetArgs,
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The target is built by another component (EksCluster) or by hand, and may carry more than the
 * workloads read (a StorageClass resource next to its provisioner): only what they read is checked,
 * and extra keys pass.
 */
function checkTarget(issues: Issues, path: string, value: unknown): void {
    const t = value as Record<string, unknown>;
    // `isInstance` works across copies of the SDK; a provider of another package (aws) would be refused by the engine.
    const provider = t.provider as { getPackage?: () => string } | undefined;
    if (!pulumi.CustomResource.isInstance(provider) || provider.getPackage?.() !== "kubernetes")
        issues.add(`${path}.provider`, undefined, "is not a Kubernetes provider", "a k8s.Provider for the cluster");
    if (!isObject(t.storageClasses)) issues.add(`${path}.storageClasses`, undefined, "is not an object", "StorageClasses by name: { gp3: { provisioner } }");
    else
        for (const [k, c] of Object.entries(t.storageClasses))
            if (!isObject(c) || typeof c.provisioner !== "string")
                issues.add(
                    `${path}.storageClasses.${k}.provisioner`,
                    isObject(c) ? c.provisioner : c,
                    "is not a string",
                    'a CSI provisioner, e.g. "ebs.csi.aws.com"',
                );
    if (!isObject(t.namespaces)) issues.add(`${path}.namespaces`, undefined, "is not an object", "Namespaces by name");
    if (!Array.isArray(t.fargateSelectors)) issues.add(`${path}.fargateSelectors`, undefined, "is not a list", "[{ namespace, labels? }]");
    else
        t.fargateSelectors.forEach((s, i) => {
            if (!isObject(s) || typeof s.namespace !== "string")
                issues.add(`${path}.fargateSelectors[${i}].namespace`, undefined, "is not a string", "a namespace (wildcards * and ?)");
            else if (s.labels !== undefined && (!isObject(s.labels) || !Object.values(s.labels).every((v) => typeof v === "string")))
                issues.add(`${path}.fargateSelectors[${i}].labels`, s.labels, "is not a map of strings", "{ key: value }");
        });
    if (t.hasEc2Nodes !== undefined && typeof t.hasEc2Nodes !== "boolean")
        issues.add(`${path}.hasEc2Nodes`, t.hasEc2Nodes, "is not a boolean", "true or false");
}

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
    cluster: custom("object", "a KubernetesTarget { provider, storageClasses, namespaces, fargateSelectors }", checkTarget),
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
