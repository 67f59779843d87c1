import type * as autoscaling from "@pulumi/aws/autoscaling";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as eks from "@pulumi/aws/eks";
import type * as iam from "@pulumi/aws/iam";
import type * as pulumi from "@pulumi/pulumi";
import type { Transform } from "../shared/transform";

/**
 * What a node group needs to know about its cluster. EksCluster passes it; another program builds it
 * from its own cluster (`aws.eks.Cluster` outputs, or `eks.Cluster.eksCluster`).
 *
 * @example
 * const cluster: NodeClusterArgs = {
 *     name: c.name,
 *     version: "1.33",
 *     endpoint: c.endpoint,
 *     certificateAuthority: c.certificateAuthority.data,
 *     serviceIpv4Cidr: c.kubernetesNetworkConfig.serviceIpv4Cidr,
 *     securityGroupId: c.vpcConfig.clusterSecurityGroupId,
 * };
 */
export interface NodeClusterArgs {
    /** The EKS cluster's name. */
    name: pulumi.Input<string>;
    /** Kubernetes version (`"1.33"`), plain: it picks the AMI's SSM parameter and the managed group's version. */
    version: string;
    /** API server endpoint (`https://...eks.amazonaws.com`). */
    endpoint: pulumi.Input<string>;
    /** Base64 certificate authority data of the cluster. */
    certificateAuthority: pulumi.Input<string>;
    /**
     * The cluster's service IPv4 CIDR (`kubernetesNetworkConfig.serviceIpv4Cidr`): nodeadm needs it to
     * set the kubelet's cluster DNS address; without it self-managed nodes never join.
     */
    serviceIpv4Cidr: pulumi.Input<string>;
    /**
     * The cluster security group EKS creates (`vpcConfig.clusterSecurityGroupId`): nodes, pods and the
     * control plane talk through it. Self-managed nodes get it from their launch template; managed
     * node groups get it from EKS (their launch template names no security group).
     */
    securityGroupId: pulumi.Input<string>;
}

/** Kubernetes taint effects, as `kubectl taint` and the kubelet write them. */
export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

/** A node taint; the key is the record key of `taints`. */
export interface TaintArgs {
    /** The taint's value (a Kubernetes label value: at most 63 characters). @default "" */
    value?: string;
    effect: TaintEffect;
}

/** Options every EC2 node group takes (managed and self-managed). */
export interface Ec2NodeGroupArgs {
    /** The cluster the nodes join. */
    cluster: NodeClusterArgs;
    /** Private subnets the nodes go in, one or more per Availability Zone. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * EC2 instance types, most preferred first. Several types of the same size spread Spot capacity
     * across pools. They must match `architecture` (Graviton types, whose family has a `g` after the
     * generation such as `m7g` or `c7gn`, are arm64).
     * @example ["m7i.large", "m6i.large", "m5.large"]
     */
    instanceTypes: string[];
    /** CPU architecture of the nodes and their AMI. @default "x86_64" */
    architecture?: "x86_64" | "arm64";
    /** Fewest nodes. @default 1 */
    minSize?: number;
    /**
     * Nodes at creation; afterwards the cluster autoscaler (or you) own it, so later changes here are
     * ignored (`ignoreChanges`).
     * @default - minSize
     */
    desiredSize?: number;
    /** Most nodes. @default 3 */
    maxSize?: number;
    /** Size of each node's data volume (gp3, encrypted), GiB: the image, containers and logs live there. @default 20 */
    diskSizeGiB?: number;
    /**
     * Node taints keyed by taint key (a Kubernetes qualified name).
     * @default {}
     * @example { "dedicated": { value: "batch", effect: "NoSchedule" } }
     */
    taints?: Record<string, TaintArgs>;
    /**
     * Node labels (Kubernetes qualified names and label values). The kubelet refuses labels under
     * `kubernetes.io`/`k8s.io` other than `node.kubernetes.io/…`, `kubelet.kubernetes.io/…` and a few
     * well-known ones, and the node then never registers: such labels are refused here. A managed
     * node group's values must be 1 to 63 characters (the EKS API); a self-managed group may use "".
     * @default {}
     * @example { "workload": "general" }
     */
    labels?: Record<string, string>;
    /**
     * Attach `AmazonEKS_CNI_Policy` to the node role. AWS recommends giving the VPC CNI its permissions
     * through IRSA or EKS Pod Identity instead, and needs it on the node role only when neither is used
     * ("If you don't use IRSA or EKS Pod Identity to give permissions to the VPC CNI pods, then you must
     * provide permissions for the VPC CNI on the instance role":
     * https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html). EksCluster gives the
     * vpc-cni add-on a Pod Identity role, so the default keeps the node role narrow; set `true` for a
     * cluster whose vpc-cni has no role of its own, or its nodes stay NotReady.
     * @default false
     */
    attachCniPolicy?: boolean;
    /** Tags for every resource of the component, and for the instances, volumes and ENIs it launches. @default {} */
    tags?: Record<string, string>;
}

/**
 * An EKS managed node group (`aws.eks.NodeGroup`) on our launch template.
 */
export interface ManagedNodeGroupArgs extends Ec2NodeGroupArgs {
    /** On-demand or Spot instances (EKS's `capacityType`). @default "ON_DEMAND" */
    capacityType?: "ON_DEMAND" | "SPOT";
    /**
     * The node OS: EKS-optimized Amazon Linux 2023 or Bottlerocket. With `architecture` it gives the
     * EKS `amiType`: `AL2023_x86_64_STANDARD`, `AL2023_ARM_64_STANDARD`, `BOTTLEROCKET_x86_64`,
     * `BOTTLEROCKET_ARM_64`.
     * @default "al2023"
     */
    amiFamily?: "al2023" | "bottlerocket";
    /**
     * How many nodes an update (new AMI, new launch template version) may take down at once: a count
     * (`1`) or a percentage of the group (`"33%"`), 1 to 100.
     * @default 1
     */
    maxUnavailable?: number | `${number}%`;
    /**
     * Change a child's args (see `Transform`): `nodeRole` (the node IAM role), `launchTemplate`,
     * `nodeGroup` (the `aws.eks.NodeGroup`).
     * @default {}
     */
    transform?: {
        nodeRole?: Transform<iam.RoleArgs>;
        launchTemplate?: Transform<ec2.LaunchTemplateArgs>;
        nodeGroup?: Transform<eks.NodeGroupArgs>;
    };
}

/**
 * Self-managed nodes: an Auto Scaling group on the EKS-optimized AL2023 AMI, on-demand up to
 * `onDemandBaseCapacity` and Spot above it by default.
 *
 * Nodes are terminated without a cordon or drain: a Spot interruption, a capacity rebalance and an
 * instance refresh end the instance while its pods still run, unless the AWS Node Termination
 * Handler (queue-processor mode, with its SQS queue and EventBridge rules) is installed in the
 * cluster; this component does not install it. Keep stateful pods off these nodes with a taint
 * (e.g. `taints: { lifecycle: { value: "spot", effect: "NoSchedule" } }`, tolerated only by
 * workloads that may lose a pod at any time).
 */
export interface SelfManagedNodeGroupArgs extends Ec2NodeGroupArgs {
    /**
     * The AMI the nodes boot: an EKS-optimized Amazon Linux 2023 AMI (or one built from it) for the
     * cluster's Kubernetes version and the group's `architecture`, as the user data is nodeadm's
     * `NodeConfig`. Without it the AMI is the one the public SSM parameter
     * `/aws/service/eks/optimized-ami/<version>/amazon-linux-2023/<arch>/standard/recommended/image_id`
     * names, read again at every `pulumi up`: each AMI release then changes the launch template, and the
     * instance refresh replaces every node (without draining them, see above). A pinned `amiId` makes
     * refreshes happen only when you change it; you then upgrade the AMI yourself.
     * @default - the EKS-optimized AL2023 AMI the SSM parameter recommends, read at every update
     * @example "ami-0123456789abcdef0"
     */
    amiId?: pulumi.Input<string>;
    /** Nodes that are always on-demand, before any Spot. @default 1 */
    onDemandBaseCapacity?: number;
    /** Percentage of the nodes above the base that are on-demand (the rest is Spot), 0 to 100. @default 0 */
    onDemandPercentageAboveBaseCapacity?: number;
    /**
     * During an instance refresh (a new AMI or launch template version), the percentage of the group
     * that must stay in service, 0 to 100 (AWS's own default).
     * @default 90
     */
    minHealthyPercentage?: number;
    /**
     * Change a child's args (see `Transform`): `nodeRole`, `instanceProfile`, `launchTemplate`,
     * `autoScalingGroup`, `accessEntry` (the `EC2_LINUX` access entry of the node role).
     * @default {}
     */
    transform?: {
        nodeRole?: Transform<iam.RoleArgs>;
        instanceProfile?: Transform<iam.InstanceProfileArgs>;
        launchTemplate?: Transform<ec2.LaunchTemplateArgs>;
        autoScalingGroup?: Transform<autoscaling.GroupArgs>;
        accessEntry?: Transform<eks.AccessEntryArgs>;
    };
}

/** Pods that run on Fargate: a namespace, and optionally labels they must all carry. */
export interface FargateSelectorArgs {
    /** The Kubernetes namespace (required by EKS for every selector). */
    namespace: string;
    /**
     * Labels a pod must carry (all of them), at most 5 pairs.
     * @default {}
     * @example { "compute": "fargate" }
     */
    labels?: Record<string, string>;
}

/** An EKS Fargate profile with its pod execution role. */
export interface FargateProfileArgs {
    /** The EKS cluster's name. */
    clusterName: pulumi.Input<string>;
    /** Private subnets only: Fargate pods get no public IP, and EKS refuses subnets routed to an internet gateway. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Which pods run on Fargate: a pod matching any selector does. 1 to 5 selectors.
     * @example [{ namespace: "batch" }, { namespace: "web", labels: { compute: "fargate" } }]
     */
    selectors: FargateSelectorArgs[];
    /** Tags for the profile and its role. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `podExecutionRole`, `profile` (the `aws.eks.FargateProfile`).
     * @default {}
     */
    transform?: {
        podExecutionRole?: Transform<iam.RoleArgs>;
        profile?: Transform<eks.FargateProfileArgs>;
    };
}

/** The `transform` keys of each component, by child role. */
export type ManagedNodeGroupTransforms = NonNullable<ManagedNodeGroupArgs["transform"]>;
export type SelfManagedNodeGroupTransforms = NonNullable<SelfManagedNodeGroupArgs["transform"]>;
export type FargateProfileTransforms = NonNullable<FargateProfileArgs["transform"]>;
