/**
 * CONTRACT STUB (integrator): the node-group helper owns this file and completes it (docs, @default,
 * @example, transforms, more fields). Keep the names below: EksCluster composes these components.
 */
import type * as pulumi from "@pulumi/pulumi";

/** What a node group needs to know about its cluster. EksCluster passes it; another program builds it from its own cluster. */
export interface NodeClusterArgs {
    /** The EKS cluster's name. */
    name: pulumi.Input<string>;
    /** Kubernetes version (`"1.33"`), plain: it picks the AMI's SSM parameter. */
    version: string;
    /** API server endpoint (`https://...eks.amazonaws.com`). */
    endpoint: pulumi.Input<string>;
    /** Base64 certificate authority data of the cluster. */
    certificateAuthority: pulumi.Input<string>;
    /** The cluster's service IPv4 CIDR (`kubernetesNetworkConfig.serviceIpv4Cidr`): nodeadm needs it. */
    serviceIpv4Cidr: pulumi.Input<string>;
    /** The cluster security group EKS creates (`vpcConfig.clusterSecurityGroupId`): nodes, pods and the control plane talk through it. */
    securityGroupId: pulumi.Input<string>;
}

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export interface TaintArgs {
    value?: string;
    effect: TaintEffect;
}

export interface ManagedNodeGroupArgs {
    cluster: NodeClusterArgs;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    instanceTypes: string[];
    capacityType?: "ON_DEMAND" | "SPOT";
    amiFamily?: "al2023" | "bottlerocket";
    architecture?: "x86_64" | "arm64";
    minSize?: number;
    desiredSize?: number;
    maxSize?: number;
    /** Keyed by taint key. */
    taints?: Record<string, TaintArgs>;
    labels?: Record<string, string>;
    tags?: Record<string, string>;
}

export interface SelfManagedNodeGroupArgs {
    cluster: NodeClusterArgs;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    instanceTypes: string[];
    architecture?: "x86_64" | "arm64";
    minSize?: number;
    desiredSize?: number;
    maxSize?: number;
    onDemandBaseCapacity?: number;
    onDemandPercentageAboveBaseCapacity?: number;
    taints?: Record<string, TaintArgs>;
    labels?: Record<string, string>;
    tags?: Record<string, string>;
}

export interface FargateSelectorArgs {
    namespace: string;
    labels?: Record<string, string>;
}

export interface FargateProfileArgs {
    clusterName: pulumi.Input<string>;
    /** Private subnets only: Fargate pods get no public IP. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    selectors: FargateSelectorArgs[];
    tags?: Record<string, string>;
}
