/**
 * Arguments of the Kubernetes workloads (`StatelessApp`, `StatefulApp`) and the `KubernetesTarget` they
 * run on. EksCluster builds the target (`cluster.kubernetes`); any other cluster can build one by hand.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { FargateSelectorArgs } from "../eks-node-groups/args";
import type { Transform } from "../shared/transform";

/** A StorageClass a cluster offers. */
export interface StorageClassInfo {
    /** CSI provisioner: `ebs.csi.aws.com`, `efs.csi.aws.com`, `fsx.csi.aws.com`, `csi.trident.netapp.io`. */
    provisioner: string;
}

/**
 * One selector of an EKS Fargate profile (the FargateProfile's own `FargateSelectorArgs`): a pod in a
 * matching namespace that carries every label of the selector runs on Fargate, and only there.
 * Namespaces, label keys and label values may use the wildcards `*` and `?`
 * (https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html#fargate-profile-wildcards).
 * Kept under this name for compatibility.
 */
export type FargateSelector = FargateSelectorArgs;

/**
 * Where workloads go: the cluster's Kubernetes provider and what the workloads are checked against
 * before any object is created.
 *
 * @example
 * const target: KubernetesTarget = {
 *     provider: new k8s.Provider("prod", { kubeconfig }),
 *     storageClasses: { gp3: { provisioner: "ebs.csi.aws.com" } },
 *     namespaces: { data: dataNamespace },
 *     fargateSelectors: [{ namespace: "batch" }],
 * };
 */
export interface KubernetesTarget {
    provider: k8s.Provider;
    /** StorageClasses by name: a claim naming another class is refused. */
    storageClasses: Record<string, StorageClassInfo>;
    /** Namespaces the cluster created, by name (workloads in them wait for them); `default` always exists. */
    namespaces: Record<string, k8s.core.v1.Namespace>;
    /**
     * Fargate profile selectors: pods matching one run on Fargate, where no class of the EBS, EFS
     * (dynamic), FSx for Lustre or Trident provisioners can give them a volume.
     */
    fargateSelectors: FargateSelector[];
    /**
     * Whether the cluster has EC2 nodes (managed or self-managed). Without them every pod runs on
     * Fargate or not at all, so a claim on those classes is refused in any namespace.
     * @default true
     */
    hasEc2Nodes?: boolean;
}

/** One named port of the container, published by the Service under the same name. */
export interface PortArgs {
    /** The port the process listens on (1–65535). */
    containerPort: number;
    /**
     * The Service's port for it.
     * @default - the container port
     */
    port?: number;
    /** @default "TCP" */
    protocol?: "TCP" | "UDP" | "SCTP";
}

/** CPU (cores: `"250m"`, `"1"`) and memory (bytes: `"256Mi"`, `"1Gi"`) as Kubernetes quantities. */
export interface ResourceQuantities {
    /** @default - see ResourcesArgs */
    cpu?: string;
    /** @default - see ResourcesArgs */
    memory?: string;
}

/**
 * What the container asks for and may use. Every container gets requests and a memory limit: without
 * requests the scheduler packs pods blind, and on Fargate they decide the pod's size
 * (https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html).
 */
export interface ResourcesArgs {
    /**
     * Reserved for the container on its node; a field not given keeps its default.
     * @default {"cpu":"100m","memory":"128Mi"}
     */
    requests?: ResourceQuantities;
    /**
     * The most it may use (each at least its request, or the API server refuses the pod). Memory above
     * the limit gets the container OOM-killed, so a memory limit equal to the request makes the
     * scheduler's view the truth. No CPU limit: it throttles a container even on an idle node.
     * @default - memory: the memory request; no CPU limit
     * @example { cpu: "1", memory: "512Mi" }
     */
    limits?: ResourceQuantities;
}

/** An HTTP GET probe: healthy on a 2xx or 3xx answer. */
export interface HttpGetProbe {
    /** Path, starting with `/`. */
    path: string;
    /** A port number or the key of one of `ports`. */
    port: number | string;
}

/** A TCP probe: healthy when a connection opens. */
export interface TcpSocketProbe {
    /** A port number or the key of one of `ports`. */
    port: number | string;
}

/** A command run in the container: healthy when it exits 0. */
export interface ExecProbe {
    command: string[];
}

/** A probe: exactly one of `httpGet`, `tcpSocket` and `exec`, with its timing. */
export interface ProbeArgs {
    /**
     * @default - none
     * @example { path: "/healthz", port: "http" }
     */
    httpGet?: HttpGetProbe;
    /**
     * @default - none
     * @example { port: "redis" }
     */
    tcpSocket?: TcpSocketProbe;
    /**
     * @default - none
     * @example { command: ["redis-cli", "ping"] }
     */
    exec?: ExecProbe;
    /** @default 0 */
    initialDelaySeconds?: number;
    /** @default 10 */
    periodSeconds?: number;
    /** @default 1 */
    timeoutSeconds?: number;
    /** Consecutive failures before the probe counts as failed. @default 3 */
    failureThreshold?: number;
}

/** The container's probes. */
export interface ProbesArgs {
    /**
     * Gates traffic: a pod that is not ready gets no Service traffic and holds rollouts.
     * @default - none
     * @example { httpGet: { path: "/ready", port: "http" } }
     */
    readiness?: ProbeArgs;
    /**
     * Restarts the container when it fails.
     * @default - none
     * @example { tcpSocket: { port: "redis" }, periodSeconds: 20 }
     */
    liveness?: ProbeArgs;
    /**
     * Holds the other probes until it succeeds once, for slow starts.
     * @default - none
     * @example { httpGet: { path: "/healthz", port: "http" }, failureThreshold: 30 }
     */
    startup?: ProbeArgs;
}

/**
 * Who the container runs as. The component always sets `allowPrivilegeEscalation: false`, drops every
 * Linux capability and uses the `RuntimeDefault` seccomp profile (the Kubernetes "restricted" Pod
 * Security Standard, https://kubernetes.io/docs/concepts/security/pod-security-standards/); a
 * `transform` can change them.
 */
export interface SecurityArgs {
    /**
     * The kubelet refuses to start a container that would run as uid 0. An image whose `USER` is
     * root or unset (most official images: redis, postgres, nginx) or a user *name* (the kubelet cannot
     * verify a name) needs `runAsUser` with a numeric non-root id, e.g. 999 for redis, 101 for
     * nginx-unprivileged; set `false` only for images that truly need root.
     * @default true
     */
    runAsNonRoot?: boolean;
    /**
     * @default - the image's `USER`
     * @example 999
     */
    runAsUser?: number;
    /** @default - the image's group */
    runAsGroup?: number;
    /**
     * Group that owns mounted volumes, so a non-root process can write its data volume.
     * @default - none: volumes keep their owner (root on a fresh EBS file system)
     */
    fsGroup?: number;
    /**
     * Mounts the image read-only: a compromised process cannot change its own binaries. Give writable
     * paths through `emptyDirs` or volume claims.
     * @default true
     */
    readOnlyRootFilesystem?: boolean;
}

/** Lets pods run on nodes with a matching taint (https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/). */
export interface Toleration {
    /** @default - every taint key (only with `operator: "Exists"`) */
    key?: string;
    /** @default - `Equal` (Kubernetes' default) */
    operator?: "Equal" | "Exists";
    /** @default - empty */
    value?: string;
    /** @default - every effect */
    effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

/** A PodDisruptionBudget: how many pods voluntary evictions (node drains, upgrades) may take down at once. */
export interface DisruptionBudgetArgs {
    /**
     * At least 1: with 0 no node holding a pod can ever be drained, and managed node group upgrades stall.
     * @default 1
     */
    maxUnavailable?: number;
}

/** What both workloads take. */
export interface WorkloadArgs {
    /** The cluster to run on: its provider, StorageClasses, namespaces and Fargate selectors. */
    cluster: KubernetesTarget;
    /** Container image, e.g. `public.ecr.aws/docker/library/redis:7.4`. */
    image: string;
    /**
     * Name of the Kubernetes objects (Deployment or StatefulSet, Service, PodDisruptionBudget, container):
     * an RFC 1035 label (lower-case letters, digits, `-`, starting with a letter), since the Service
     * becomes a DNS name.
     * @default - the component's name
     */
    name?: string;
    /**
     * `default` or one of the target's namespaces.
     * @default "default"
     */
    namespace?: string;
    /**
     * Replaces the image's `ENTRYPOINT`.
     * @default - the image's ENTRYPOINT
     * @example ["sh", "-c", "exec redis-server"]
     */
    command?: string[];
    /**
     * Replaces the image's `CMD`.
     * @default - the image's CMD
     * @example ["--appendonly", "yes"]
     */
    args?: string[];
    /**
     * Container ports by name (an IANA service name: at most 15 of `a-z`, `0-9`, `-`); the Service
     * publishes each under the same name.
     * @default {}
     * @example { http: { containerPort: 8080, port: 80 } }
     */
    ports?: Record<string, PortArgs>;
    /**
     * Requests and limits; see `ResourcesArgs`.
     * @default - requests 100m CPU and 128Mi memory, memory limit = memory request
     * @example { requests: { cpu: "500m", memory: "1Gi" } }
     */
    resources?: ResourcesArgs;
    /**
     * Environment variables by name (plain values; use a `transform` for `valueFrom` secrets).
     * @default {}
     * @example { LOG_LEVEL: "info" }
     */
    env?: Record<string, string>;
    /**
     * Readiness, liveness and startup probes.
     * @default {}
     * @example { readiness: { tcpSocket: { port: "redis" } } }
     */
    probes?: ProbesArgs;
    /**
     * Who the container runs as; see `SecurityArgs`.
     * @default - non-root, read-only root file system, no privilege escalation, no capabilities, RuntimeDefault seccomp
     * @example { runAsUser: 999, runAsGroup: 999, fsGroup: 999 }
     */
    securityContext?: SecurityArgs;
    /**
     * Writable scratch volumes (`emptyDir`, gone with the pod) by volume name → mount path, for images
     * that write outside their data volume when the root file system is read-only.
     * @default {}
     * @example { tmp: "/tmp" }
     */
    emptyDirs?: Record<string, string>;
    /**
     * Labels added to every object and to the pods (they also decide which Fargate selector matches).
     * `app.kubernetes.io/name` and `app.kubernetes.io/instance` are the component's: they select its pods.
     * @default {}
     * @example { team: "payments" }
     */
    labels?: Record<string, string>;
    /**
     * Node labels a pod's node must have.
     * @default {}
     * @example { "kubernetes.io/arch": "arm64" }
     */
    nodeSelector?: Record<string, string>;
    /**
     * Taints the pods tolerate.
     * @default []
     * @example [{ key: "dedicated", operator: "Equal", value: "data", effect: "NoSchedule" }]
     */
    tolerations?: Toleration[];
    /**
     * Mounts a Kubernetes API token in the pods. Off: most applications never call the API, and a
     * mounted token is what an attacker in the pod would use first.
     * @default false
     */
    automountServiceAccountToken?: boolean;
}

/** A claim per pod from a named StorageClass, mounted in the container. */
export interface VolumeClaimArgs {
    /** One of the target's StorageClasses, e.g. `gp3`. */
    storageClass: string;
    /** Requested size as a Kubernetes quantity, e.g. `"10Gi"`. */
    size: string;
    /** Where the container sees it, an absolute path. */
    mountPath: string;
    /**
     * EBS volumes attach to one node: `ReadWriteOnce` or `ReadWriteOncePod` only; EFS also serves `ReadWriteMany`.
     * @default ["ReadWriteOnce"]
     */
    accessModes?: Array<"ReadWriteOnce" | "ReadWriteOncePod" | "ReadOnlyMany" | "ReadWriteMany">;
}

/** Child roles of a StatelessApp a `transform` can change. */
export interface StatelessAppTransforms {
    /** @default - unchanged */
    deployment?: Transform<k8s.apps.v1.DeploymentArgs>;
    /** @default - unchanged */
    service?: Transform<k8s.core.v1.ServiceArgs>;
    /** Reaches the PodDisruptionBudget when `disruptionBudget` is given. @default - unchanged */
    podDisruptionBudget?: Transform<k8s.policy.v1.PodDisruptionBudgetArgs>;
}

export interface StatelessAppArgs extends WorkloadArgs {
    /**
     * Pods of the Deployment (0 stops them all).
     * @default 2
     */
    replicas?: number;
    /**
     * How the Service is reached. `ClusterIP` stays inside the cluster; `LoadBalancer` on EKS needs the
     * AWS Load Balancer Controller to get a Network Load Balancer.
     * @default "ClusterIP"
     */
    serviceType?: "ClusterIP" | "NodePort" | "LoadBalancer";
    /**
     * A PodDisruptionBudget for the Deployment.
     * @default - none: drains may evict every pod at once
     * @example { maxUnavailable: 1 }
     */
    disruptionBudget?: DisruptionBudgetArgs;
    /**
     * Change a child's args (see `Transform`): `deployment`, `service`, `podDisruptionBudget`.
     * @default {}
     */
    transform?: StatelessAppTransforms;
}

/** Child roles of a StatefulApp a `transform` can change. */
export interface StatefulAppTransforms {
    /** @default - unchanged */
    statefulSet?: Transform<k8s.apps.v1.StatefulSetArgs>;
    /** The headless Service. @default - unchanged */
    service?: Transform<k8s.core.v1.ServiceArgs>;
    /** @default - unchanged */
    podDisruptionBudget?: Transform<k8s.policy.v1.PodDisruptionBudgetArgs>;
}

export interface StatefulAppArgs extends WorkloadArgs {
    /**
     * Pods `<name>-0` … `<name>-<replicas-1>`, started in order (each once the previous is ready) and
     * removed in reverse order.
     * @default 1
     */
    replicas?: number;
    /**
     * One claim per pod and key, from a named StorageClass; the key names the volume, and the claims
     * `<key>-<name>-<ordinal>` outlive the pods.
     * @default {}
     * @example { data: { storageClass: "gp3", size: "10Gi", mountPath: "/data" } }
     */
    volumeClaims?: Record<string, VolumeClaimArgs>;
    /**
     * The headless Service publishes pods' DNS records before they are ready, so members of a cluster
     * find each other while they start (the peer-discovery pattern of the Kubernetes StatefulSet
     * examples). Clients that must reach only ready pods need a Service of their own.
     * @default true
     */
    publishNotReadyAddresses?: boolean;
    /**
     * The PodDisruptionBudget every StatefulApp gets.
     * @default {"maxUnavailable":1}
     */
    disruptionBudget?: DisruptionBudgetArgs;
    /**
     * Change a child's args (see `Transform`): `statefulSet`, `service` (the headless one), `podDisruptionBudget`.
     * @default {}
     */
    transform?: StatefulAppTransforms;
}
