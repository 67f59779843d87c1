/**
 * The pod template both workloads run, and the objects every workload has (metadata, Service ports,
 * PodDisruptionBudget args). Plain data in, typed `@pulumi/kubernetes` inputs out.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { KubernetesTarget } from "./args";
import type { ResolvedProbe, ResolvedWorkload } from "./defaults";

type PodTemplate = k8s.types.input.core.v1.PodTemplateSpec;
type Probe = k8s.types.input.core.v1.Probe;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;
type Volume = k8s.types.input.core.v1.Volume;

/** The labels that select a workload's pods; the component owns them. */
export function selectorLabels(name: string): Record<string, string> {
    return { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name };
}

/** Every label a workload's pods carry. */
export function podLabels(cfg: ResolvedWorkload): Record<string, string> {
    return { ...cfg.labels, ...selectorLabels(cfg.name) };
}

/** Labels of every object: the user's, the selector, and who manages it. */
export function objectLabels(cfg: ResolvedWorkload): Record<string, string> {
    return { ...podLabels(cfg), "app.kubernetes.io/managed-by": "pulumi" };
}

/** `metadata` of a workload's object. */
export function metadata(cfg: ResolvedWorkload, name = cfg.name): k8s.types.input.meta.v1.ObjectMeta {
    return { name, namespace: cfg.namespace, labels: objectLabels(cfg) };
}

function probe(p: ResolvedProbe | undefined): Probe | undefined {
    if (p === undefined) return undefined;
    return {
        ...(p.httpGet ? { httpGet: { path: p.httpGet.path, port: p.httpGet.port } } : {}),
        ...(p.tcpSocket ? { tcpSocket: { port: p.tcpSocket.port } } : {}),
        ...(p.exec ? { exec: { command: p.exec.command } } : {}),
        initialDelaySeconds: p.initialDelaySeconds,
        periodSeconds: p.periodSeconds,
        timeoutSeconds: p.timeoutSeconds,
        failureThreshold: p.failureThreshold,
    };
}

/**
 * The pod template: one container named after the workload, hardened to the "restricted" Pod Security
 * Standard (https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted), spread across
 * zones. `claims`: the StatefulSet's volume claim mounts (name → path).
 */
export function podTemplate(cfg: ResolvedWorkload, claims: Record<string, string> = {}): PodTemplate {
    const sc = cfg.securityContext;
    const mounts: VolumeMount[] = [...Object.entries(cfg.emptyDirs), ...Object.entries(claims)].map(([name, mountPath]) => ({ name, mountPath }));
    const volumes: Volume[] = Object.keys(cfg.emptyDirs).map((name) => ({ name, emptyDir: {} }));
    const env = Object.entries(cfg.env).map(([name, value]) => ({ name, value }));
    return {
        metadata: { labels: podLabels(cfg) },
        spec: {
            automountServiceAccountToken: cfg.automountServiceAccountToken,
            // Otherwise every Service of the namespace becomes `<NAME>_PORT=tcp://…` variables: a Service named
            // `redis` sets REDIS_PORT, which images that read REDIS_PORT as a number then misparse.
            enableServiceLinks: false,
            securityContext: {
                runAsNonRoot: sc.runAsNonRoot,
                ...(sc.runAsUser !== undefined ? { runAsUser: sc.runAsUser } : {}),
                ...(sc.runAsGroup !== undefined ? { runAsGroup: sc.runAsGroup } : {}),
                ...(sc.fsGroup !== undefined ? { fsGroup: sc.fsGroup } : {}),
                seccompProfile: { type: "RuntimeDefault" },
            },
            containers: [
                {
                    name: cfg.name,
                    image: cfg.image,
                    ...(cfg.command ? { command: cfg.command } : {}),
                    ...(cfg.args ? { args: cfg.args } : {}),
                    ports: Object.entries(cfg.ports).map(([name, p]) => ({ name, containerPort: p.containerPort, protocol: p.protocol })),
                    ...(env.length ? { env } : {}),
                    resources: { requests: cfg.resources.requests, limits: cfg.resources.limits },
                    readinessProbe: probe(cfg.probes.readiness),
                    livenessProbe: probe(cfg.probes.liveness),
                    startupProbe: probe(cfg.probes.startup),
                    securityContext: {
                        allowPrivilegeEscalation: false,
                        readOnlyRootFilesystem: sc.readOnlyRootFilesystem,
                        capabilities: { drop: ["ALL"] },
                    },
                    ...(mounts.length ? { volumeMounts: mounts } : {}),
                },
            ],
            ...(volumes.length ? { volumes } : {}),
            ...(Object.keys(cfg.nodeSelector).length ? { nodeSelector: cfg.nodeSelector } : {}),
            ...(cfg.tolerations.length ? { tolerations: cfg.tolerations } : {}),
            // Replicas in different zones survive a zone outage; ScheduleAnyway so a single-zone node group still runs them.
            topologySpreadConstraints: [
                {
                    maxSkew: 1,
                    topologyKey: "topology.kubernetes.io/zone",
                    whenUnsatisfiable: "ScheduleAnyway",
                    labelSelector: { matchLabels: selectorLabels(cfg.name) },
                },
            ],
        },
    };
}

/** The Service ports: one per container port, same name, targeting the port by name. */
export function servicePorts(cfg: ResolvedWorkload): k8s.types.input.core.v1.ServicePort[] {
    return Object.entries(cfg.ports).map(([name, p]) => ({ name, port: p.port, targetPort: name, protocol: p.protocol }));
}

/** A PodDisruptionBudget over the workload's pods. */
export function disruptionBudgetArgs(cfg: ResolvedWorkload, maxUnavailable: number): k8s.policy.v1.PodDisruptionBudgetArgs {
    return { metadata: metadata(cfg), spec: { maxUnavailable, selector: { matchLabels: selectorLabels(cfg.name) } } };
}

/**
 * Options of a workload's Kubernetes objects: on the cluster's provider, after the namespace when the
 * cluster created it (the API server refuses objects in a namespace that does not exist yet).
 */
export function workloadOptions(parent: pulumi.Resource, target: KubernetesTarget, cfg: ResolvedWorkload): pulumi.CustomResourceOptions {
    const namespace = Object.hasOwn(target.namespaces, cfg.namespace) ? target.namespaces[cfg.namespace] : undefined;
    return { parent, provider: target.provider, ...(namespace ? { dependsOn: [namespace] } : {}) };
}
