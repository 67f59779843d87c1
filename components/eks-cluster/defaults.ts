import type * as pulumi from "@pulumi/pulumi";
import { mapValues } from "../shared/defaults";
import { EKS_LOG_TYPES, EksLogType } from "../shared/limits/eks";
import type {
    AddonsArgs,
    EksClusterArgs,
    EksFargateProfileArgs,
    EksManagedNodeGroupArgs,
    EksSelfManagedNodeGroupArgs,
    EksVpcArgs,
    NamespaceArgs,
} from "./args";
import { resolvedDesiredSize } from "../eks-node-groups/defaults";
import { ResolvedStorage, STORAGE_DEFAULTS, normalizeStorage } from "./storage";

/**
 * The one source of EksCluster defaults, one section per args interface (the `@default` tags in
 * args.ts agree with these; a test checks).
 */
export const DEFAULTS = {
    EksVpcArgs: { publicSubnetIds: [] as pulumi.Input<string>[] },
    EndpointArgs: { publicAccessCidrs: [] as string[], privateAccess: true },
    AddonVersionArgs: {},
    AddonsArgs: { "vpc-cni": {}, "kube-proxy": {}, coredns: {}, "eks-pod-identity-agent": {}, "amazon-cloudwatch-observability": {} },
    NamespaceArgs: { labels: {} as Record<string, string> },
    EksClusterArgs: {
        admins: {} as Record<string, pulumi.Input<string>>,
        logTypes: [...EKS_LOG_TYPES] as EksLogType[],
        logRetentionDays: 30,
        nodeGroups: {},
        selfManagedNodeGroups: {},
        fargateProfiles: {},
        addons: {},
        containerInsights: false,
        namespaces: {},
        storage: {},
        protectData: false,
        tags: {},
        transform: {},
    },
    /** The storage section's own defaults (storage.ts). */
    StorageArgs: STORAGE_DEFAULTS,
};

/** The add-ons EksCluster installs itself, by EKS add-on name. */
export type AddonName = keyof AddonsArgs;
export const ADDON_NAMES: readonly AddonName[] = ["vpc-cni", "kube-proxy", "coredns", "eks-pod-identity-agent", "amazon-cloudwatch-observability"];

/** The Fargate profile the component adds for CoreDNS when the cluster has no EC2 nodes. */
export const COREDNS_PROFILE = "coredns";

/** The VPC with its subnet lists filled in; what `Network` also says of it is passed through. */
export type ResolvedVpc = Required<Pick<EksVpcArgs, "vpcId" | "privateSubnetIds" | "publicSubnetIds">> &
    Pick<EksVpcArgs, "cidrBlock" | "egress" | "interfaceEndpoints">;

export interface Resolved {
    vpc: ResolvedVpc;
    version: string;
    endpoint: { publicAccessCidrs: string[]; privateAccess: boolean };
    admins: Record<string, pulumi.Input<string>>;
    logTypes: EksLogType[];
    logRetentionDays: number;
    secretsKmsKeyArn?: pulumi.Input<string>;
    nodeGroups: Record<string, EksManagedNodeGroupArgs>;
    selfManagedNodeGroups: Record<string, EksSelfManagedNodeGroupArgs>;
    /** The user's profiles plus, on a cluster without EC2 nodes, the CoreDNS profile. */
    fargateProfiles: Record<string, EksFargateProfileArgs>;
    /** Some managed or self-managed node group exists: DaemonSets and EBS volumes have somewhere to run. */
    hasEc2Nodes: boolean;
    /**
     * The EC2 nodes the groups are created with: the sum of their desired sizes. With EC2 groups,
     * CoreDNS and the DaemonSets wait for these nodes.
     */
    ec2DesiredSize: number;
    /** CoreDNS runs on Fargate (no EC2 nodes). */
    corednsOnFargate: boolean;
    /** Version of each add-on; undefined = EKS's default. */
    addonVersions: Record<AddonName, string | undefined>;
    containerInsights: boolean;
    namespaces: Record<string, Required<NamespaceArgs>>;
    storage: ResolvedStorage;
    protectData: boolean;
    tags: Record<string, string>;
    transform: NonNullable<EksClusterArgs["transform"]>;
}

/** Fills every default: the builders work on complete, plain values. Call after the shape check. */
export function normalize(args: EksClusterArgs): Resolved {
    const d = DEFAULTS.EksClusterArgs;
    const nodeGroups: Record<string, EksManagedNodeGroupArgs> = args.nodeGroups ?? d.nodeGroups;
    const selfManagedNodeGroups: Record<string, EksSelfManagedNodeGroupArgs> = args.selfManagedNodeGroups ?? d.selfManagedNodeGroups;
    const userProfiles = args.fargateProfiles ?? d.fargateProfiles;
    const hasEc2Nodes = Object.keys(nodeGroups).length + Object.keys(selfManagedNodeGroups).length > 0;
    const ec2DesiredSize = [...Object.values(nodeGroups), ...Object.values(selfManagedNodeGroups)].reduce((n: number, g) => n + resolvedDesiredSize(g), 0);
    const corednsOnFargate = !hasEc2Nodes && Object.keys(userProfiles).length > 0;
    const fargateProfiles: Record<string, EksFargateProfileArgs> = corednsOnFargate
        ? {
              ...userProfiles,
              // CoreDNS pods carry `eks.amazonaws.com/compute-type: ec2` unless the add-on is told
              // `computeType: Fargate`; this profile then schedules them
              // (https://docs.aws.amazon.com/eks/latest/userguide/fargate-getting-started.html#fargate-gs-coredns).
              [COREDNS_PROFILE]: { selectors: [{ namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }] },
          }
        : userProfiles;
    const addons: AddonsArgs = args.addons ?? d.addons;
    return {
        vpc: {
            vpcId: args.vpc.vpcId,
            privateSubnetIds: args.vpc.privateSubnetIds,
            publicSubnetIds: args.vpc.publicSubnetIds ?? DEFAULTS.EksVpcArgs.publicSubnetIds,
            cidrBlock: args.vpc.cidrBlock,
            egress: args.vpc.egress,
            interfaceEndpoints: args.vpc.interfaceEndpoints,
        },
        version: args.version,
        endpoint: {
            publicAccessCidrs: args.endpoint?.publicAccessCidrs ?? DEFAULTS.EndpointArgs.publicAccessCidrs,
            privateAccess: args.endpoint?.privateAccess ?? DEFAULTS.EndpointArgs.privateAccess,
        },
        admins: args.admins ?? d.admins,
        logTypes: args.logTypes ?? d.logTypes,
        logRetentionDays: args.logRetentionDays ?? d.logRetentionDays,
        secretsKmsKeyArn: args.secretsKmsKeyArn,
        nodeGroups,
        selfManagedNodeGroups,
        fargateProfiles,
        hasEc2Nodes,
        ec2DesiredSize,
        corednsOnFargate,
        addonVersions: Object.fromEntries(ADDON_NAMES.map((n) => [n, addons[n]?.version])) as Record<AddonName, string | undefined>,
        containerInsights: args.containerInsights ?? d.containerInsights,
        namespaces: mapValues(args.namespaces, (n) => ({ labels: n.labels ?? DEFAULTS.NamespaceArgs.labels })),
        storage: normalizeStorage(args.storage),
        protectData: args.protectData ?? d.protectData,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
