import type {
    Ec2NodeGroupArgs,
    FargateProfileArgs,
    FargateSelectorArgs,
    ManagedNodeGroupArgs,
    NodeClusterArgs,
    SelfManagedNodeGroupArgs,
    TaintArgs,
    TaintEffect,
} from "./args";

/**
 * The one source of the node groups' and the Fargate profile's defaults, one section per args
 * interface (the `@default` tags in args.ts agree with these; a test checks).
 */
export const DEFAULTS = {
    TaintArgs: { value: "" },
    Ec2NodeGroupArgs: {
        architecture: "x86_64" as const,
        minSize: 1,
        maxSize: 3,
        diskSizeGiB: 20,
        taints: {},
        labels: {},
        attachCniPolicy: false,
        tags: {},
    },
    ManagedNodeGroupArgs: {
        capacityType: "ON_DEMAND" as const,
        amiFamily: "al2023" as const,
        maxUnavailable: 1 as number | `${number}%`,
        transform: {} as NonNullable<ManagedNodeGroupArgs["transform"]>,
    },
    SelfManagedNodeGroupArgs: {
        onDemandBaseCapacity: 1,
        onDemandPercentageAboveBaseCapacity: 0,
        minHealthyPercentage: 90,
        transform: {} as NonNullable<SelfManagedNodeGroupArgs["transform"]>,
    },
    FargateSelectorArgs: { labels: {} },
    FargateProfileArgs: {
        tags: {},
        transform: {} as NonNullable<FargateProfileArgs["transform"]>,
    },
};

export interface ResolvedTaint {
    value: string;
    effect: TaintEffect;
}

/** What both EC2 node kinds resolve to: every optional filled in. */
export interface ResolvedEc2NodeGroup {
    cluster: NodeClusterArgs;
    subnetIds: Ec2NodeGroupArgs["subnetIds"];
    instanceTypes: string[];
    architecture: "x86_64" | "arm64";
    minSize: number;
    desiredSize: number;
    maxSize: number;
    diskSizeGiB: number;
    /** By taint key. */
    taints: Record<string, ResolvedTaint>;
    labels: Record<string, string>;
    attachCniPolicy: boolean;
    tags: Record<string, string>;
}

export interface ResolvedManagedNodeGroup extends ResolvedEc2NodeGroup {
    capacityType: "ON_DEMAND" | "SPOT";
    amiFamily: "al2023" | "bottlerocket";
    maxUnavailable: number | `${number}%`;
    transform: NonNullable<ManagedNodeGroupArgs["transform"]>;
}

export interface ResolvedSelfManagedNodeGroup extends ResolvedEc2NodeGroup {
    /** A pinned AMI; undefined = the SSM parameter's recommended AMI. */
    amiId?: SelfManagedNodeGroupArgs["amiId"];
    onDemandBaseCapacity: number;
    onDemandPercentageAboveBaseCapacity: number;
    minHealthyPercentage: number;
    transform: NonNullable<SelfManagedNodeGroupArgs["transform"]>;
}

export interface ResolvedFargateProfile {
    clusterName: FargateProfileArgs["clusterName"];
    subnetIds: FargateProfileArgs["subnetIds"];
    selectors: Array<Required<FargateSelectorArgs>>;
    tags: Record<string, string>;
    transform: NonNullable<FargateProfileArgs["transform"]>;
}

/** The desired size a group is created with: `desiredSize`, else `minSize`, else its default. */
export function resolvedDesiredSize(args: Pick<Ec2NodeGroupArgs, "minSize" | "desiredSize">): number {
    return args.desiredSize ?? args.minSize ?? DEFAULTS.Ec2NodeGroupArgs.minSize;
}

function normalizeEc2(args: Ec2NodeGroupArgs): ResolvedEc2NodeGroup {
    const d = DEFAULTS.Ec2NodeGroupArgs;
    const minSize = args.minSize ?? d.minSize;
    return {
        cluster: args.cluster,
        subnetIds: args.subnetIds,
        instanceTypes: args.instanceTypes,
        architecture: args.architecture ?? d.architecture,
        minSize,
        desiredSize: resolvedDesiredSize(args),
        maxSize: args.maxSize ?? d.maxSize,
        diskSizeGiB: args.diskSizeGiB ?? d.diskSizeGiB,
        taints: Object.fromEntries(
            Object.entries(args.taints ?? (d.taints as Record<string, TaintArgs>)).map(([key, t]) => [
                key,
                { value: t.value ?? DEFAULTS.TaintArgs.value, effect: t.effect },
            ]),
        ),
        labels: args.labels ?? d.labels,
        attachCniPolicy: args.attachCniPolicy ?? d.attachCniPolicy,
        tags: args.tags ?? d.tags,
    };
}

/** Fills every default of a managed node group. Call on shape-valid args. */
export function normalizeManaged(args: ManagedNodeGroupArgs): ResolvedManagedNodeGroup {
    const d = DEFAULTS.ManagedNodeGroupArgs;
    return {
        ...normalizeEc2(args),
        capacityType: args.capacityType ?? d.capacityType,
        amiFamily: args.amiFamily ?? d.amiFamily,
        maxUnavailable: args.maxUnavailable ?? d.maxUnavailable,
        transform: args.transform ?? d.transform,
    };
}

/** Fills every default of a self-managed node group. Call on shape-valid args. */
export function normalizeSelfManaged(args: SelfManagedNodeGroupArgs): ResolvedSelfManagedNodeGroup {
    const d = DEFAULTS.SelfManagedNodeGroupArgs;
    return {
        ...normalizeEc2(args),
        amiId: args.amiId,
        onDemandBaseCapacity: args.onDemandBaseCapacity ?? d.onDemandBaseCapacity,
        onDemandPercentageAboveBaseCapacity: args.onDemandPercentageAboveBaseCapacity ?? d.onDemandPercentageAboveBaseCapacity,
        minHealthyPercentage: args.minHealthyPercentage ?? d.minHealthyPercentage,
        transform: args.transform ?? d.transform,
    };
}

/** Fills every default of a Fargate profile. Call on shape-valid args. */
export function normalizeFargate(args: FargateProfileArgs): ResolvedFargateProfile {
    const d = DEFAULTS.FargateProfileArgs;
    return {
        clusterName: args.clusterName,
        subnetIds: args.subnetIds,
        selectors: args.selectors.map((s) => ({ namespace: s.namespace, labels: s.labels ?? DEFAULTS.FargateSelectorArgs.labels })),
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
