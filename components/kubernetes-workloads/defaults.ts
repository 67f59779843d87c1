import { withDefaults } from "../shared/defaults";
import type {
    DisruptionBudgetArgs,
    KubernetesTarget,
    PortArgs,
    ProbeArgs,
    ProbesArgs,
    SecurityArgs,
    StatefulAppArgs,
    StatefulAppTransforms,
    StatelessAppArgs,
    StatelessAppTransforms,
    Toleration,
    VolumeClaimArgs,
    WorkloadArgs,
} from "./args";

/**
 * The one source of the workloads' defaults, one section per args interface (the `@default` tags in
 * args.ts agree with these; a test checks).
 */
export const DEFAULTS = {
    KubernetesTarget: { hasEc2Nodes: true },
    WorkloadArgs: {
        namespace: "default",
        ports: {} as Record<string, PortArgs>,
        env: {} as Record<string, string>,
        probes: {} as ProbesArgs,
        emptyDirs: {} as Record<string, string>,
        labels: {} as Record<string, string>,
        nodeSelector: {} as Record<string, string>,
        tolerations: [] as Toleration[],
        automountServiceAccountToken: false,
    },
    PortArgs: { protocol: "TCP" as const },
    ResourcesArgs: { requests: { cpu: "100m", memory: "128Mi" } },
    ProbeArgs: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
    SecurityArgs: { runAsNonRoot: true, readOnlyRootFilesystem: true },
    DisruptionBudgetArgs: { maxUnavailable: 1 },
    VolumeClaimArgs: { accessModes: ["ReadWriteOnce"] as NonNullable<VolumeClaimArgs["accessModes"]> },
    StatelessAppArgs: {
        replicas: 2,
        serviceType: "ClusterIP" as const,
        transform: {} as StatelessAppTransforms,
    },
    StatefulAppArgs: {
        replicas: 1,
        volumeClaims: {} as Record<string, VolumeClaimArgs>,
        publishNotReadyAddresses: true,
        disruptionBudget: { maxUnavailable: 1 },
        transform: {} as StatefulAppTransforms,
    },
};

export type ResolvedPort = Required<PortArgs>;
export type ResolvedProbe = ProbeArgs & Required<Pick<ProbeArgs, "initialDelaySeconds" | "periodSeconds" | "timeoutSeconds" | "failureThreshold">>;
export type ResolvedSecurity = SecurityArgs & Required<Pick<SecurityArgs, "runAsNonRoot" | "readOnlyRootFilesystem">>;

/** Every field of WorkloadArgs with its default; `command`/`args` stay absent to keep the image's. */
export interface ResolvedWorkload {
    name: string;
    namespace: string;
    image: string;
    command: string[] | undefined;
    args: string[] | undefined;
    ports: Record<string, ResolvedPort>;
    resources: { requests: { cpu: string; memory: string }; limits: { cpu?: string; memory: string } };
    env: Record<string, string>;
    probes: { readiness?: ResolvedProbe; liveness?: ResolvedProbe; startup?: ResolvedProbe };
    securityContext: ResolvedSecurity;
    emptyDirs: Record<string, string>;
    labels: Record<string, string>;
    nodeSelector: Record<string, string>;
    tolerations: Toleration[];
    automountServiceAccountToken: boolean;
    replicas: number;
    /** Whether the target has EC2 nodes. */
    hasEc2Nodes: boolean;
}

export interface ResolvedStateless extends ResolvedWorkload {
    serviceType: NonNullable<StatelessAppArgs["serviceType"]>;
    /** Undefined: no PodDisruptionBudget. */
    disruptionBudget: Required<DisruptionBudgetArgs> | undefined;
    transform: StatelessAppTransforms;
}

export interface ResolvedStateful extends ResolvedWorkload {
    volumeClaims: Record<string, Required<VolumeClaimArgs>>;
    publishNotReadyAddresses: boolean;
    disruptionBudget: Required<DisruptionBudgetArgs>;
    transform: StatefulAppTransforms;
}

function probe(p: ProbeArgs | undefined): ResolvedProbe | undefined {
    return p === undefined ? undefined : withDefaults(DEFAULTS.ProbeArgs, p);
}

function workload(component: string, args: WorkloadArgs, replicas: number): ResolvedWorkload {
    const w = DEFAULTS.WorkloadArgs;
    const requests = withDefaults(DEFAULTS.ResourcesArgs.requests, args.resources?.requests);
    const limits = args.resources?.limits;
    return {
        name: args.name ?? component,
        namespace: args.namespace ?? w.namespace,
        image: args.image,
        command: args.command,
        args: args.args,
        ports: Object.fromEntries(
            Object.entries(args.ports ?? w.ports).map(([k, p]) => [
                k,
                { containerPort: p.containerPort, port: p.port ?? p.containerPort, protocol: p.protocol ?? DEFAULTS.PortArgs.protocol },
            ]),
        ),
        resources: {
            requests,
            limits: { ...(limits?.cpu !== undefined ? { cpu: limits.cpu } : {}), memory: limits?.memory ?? requests.memory },
        },
        env: args.env ?? w.env,
        probes: {
            readiness: probe(args.probes?.readiness),
            liveness: probe(args.probes?.liveness),
            startup: probe(args.probes?.startup),
        },
        securityContext: withDefaults(DEFAULTS.SecurityArgs, args.securityContext),
        emptyDirs: args.emptyDirs ?? w.emptyDirs,
        labels: args.labels ?? w.labels,
        nodeSelector: args.nodeSelector ?? w.nodeSelector,
        tolerations: args.tolerations ?? w.tolerations,
        automountServiceAccountToken: args.automountServiceAccountToken ?? w.automountServiceAccountToken,
        replicas,
        hasEc2Nodes: targetHasEc2Nodes(args.cluster),
    };
}

export function targetHasEc2Nodes(target: KubernetesTarget): boolean {
    return target.hasEc2Nodes ?? DEFAULTS.KubernetesTarget.hasEc2Nodes;
}

/** Fills every default of a StatelessApp. Call after the shape check. */
export function normalizeStateless(component: string, args: StatelessAppArgs): ResolvedStateless {
    const d = DEFAULTS.StatelessAppArgs;
    return {
        ...workload(component, args, args.replicas ?? d.replicas),
        serviceType: args.serviceType ?? d.serviceType,
        disruptionBudget: args.disruptionBudget === undefined ? undefined : withDefaults(DEFAULTS.DisruptionBudgetArgs, args.disruptionBudget),
        transform: args.transform ?? d.transform,
    };
}

/** Fills every default of a StatefulApp. Call after the shape check. */
export function normalizeStateful(component: string, args: StatefulAppArgs): ResolvedStateful {
    const d = DEFAULTS.StatefulAppArgs;
    return {
        ...workload(component, args, args.replicas ?? d.replicas),
        volumeClaims: Object.fromEntries(
            Object.entries(args.volumeClaims ?? d.volumeClaims).map(([k, c]) => [
                k,
                { ...c, accessModes: c.accessModes ?? DEFAULTS.VolumeClaimArgs.accessModes },
            ]),
        ),
        publishNotReadyAddresses: args.publishNotReadyAddresses ?? d.publishNotReadyAddresses,
        disruptionBudget: withDefaults(d.disruptionBudget, args.disruptionBudget),
        transform: args.transform ?? d.transform,
    };
}
