import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as awsEks from "@pulumi/aws/eks";
import type * as kms from "@pulumi/aws/kms";
import type * as eks from "@pulumi/eks";
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { FargateProfileArgs, ManagedNodeGroupArgs, SelfManagedNodeGroupArgs } from "../eks-node-groups/args";
import type { EksLogType } from "../shared/limits/eks";
import type { Transform } from "../shared/transform";
import type { StorageArgs } from "./storage-args";

/** The VPC the cluster runs in: a `Network`'s `vpcArgs` fits as it is. */
export interface EksVpcArgs {
    vpcId: pulumi.Input<string>;
    /**
     * Private subnets, one per AZ, in at least two AZs (EKS refuses fewer): the control plane's network
     * interfaces, every node, Fargate pod and EFS mount target go here. A plain list, so that a child
     * per subnet can be created at plan time.
     */
    privateSubnetIds: pulumi.Input<string>[];
    /**
     * Public subnets, given to the control plane too so that internet-facing load balancers can be
     * placed there. No node or pod goes in them.
     * @default []
     */
    publicSubnetIds?: pulumi.Input<string>[];
    /** The VPC's CIDR (a `Network`'s `vpcArgs` has it; EksCluster does not use it). @default - not used */
    cidrBlock?: string;
    /**
     * How the private subnets reach AWS services (a `Network`'s `vpcArgs` sets it). Without NAT
     * (`"endpoints"`) nodes register through the private API endpoint, which must then be on, and need
     * the interface endpoints in `interfaceEndpoints`; `"none"` is refused (no image could be pulled).
     * @default - not checked (your own VPC: state it to have it checked)
     */
    egress?: "nat" | "endpoints" | "none";
    /**
     * The interface endpoints of the private subnets, checked when `egress` is `"endpoints"`: the
     * cluster needs `ecr.api`, `ecr.dkr`, `ec2`, `sts`, `eks-auth` (Pod Identity), and `logs` with
     * Container Insights.
     * @default - not checked
     * @example ["ecr.api", "ecr.dkr", "ec2", "sts", "eks-auth", "logs"]
     */
    interfaceEndpoints?: string[];
}

/**
 * Who reaches the Kubernetes API server. The default is the private endpoint only: `pulumi up` (and
 * kubectl) must then run from inside the VPC or a network connected to it. To reach it from outside,
 * open the public endpoint to your own CIDRs.
 */
export interface EndpointArgs {
    /**
     * CIDRs admitted to the public endpoint; empty keeps the public endpoint off. `0.0.0.0/0` opens
     * the API server to the internet (authentication still applies) and is reported with the warning
     * `[aws-platform:eks:public-endpoint]`. A CIDR inside the RFC 5737 documentation ranges
     * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) is a placeholder that admits nobody real: it is
     * reported with `[aws-platform:eks:placeholder-cidr]` (kubectl and `pulumi up`, which creates the
     * Kubernetes objects through the API, cannot reach the endpoint from there).
     * @default []
     * @example ["203.0.113.0/24"]
     */
    publicAccessCidrs?: string[];
    /**
     * The private endpoint, reached from the VPC. Nodes then talk to the API server inside the VPC
     * even when the public endpoint is on, so keep it on unless every node reaches the public one.
     * Without it, nodes in private subnets reach the public endpoint from the NAT gateways' public IPs,
     * which `publicAccessCidrs` must then list or the nodes never join
     * (https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html); the component cannot
     * know those addresses, so `privateAccess: false` with restricted CIDRs is reported with the warning
     * `[aws-platform:eks:public-only-endpoint]`.
     * @default true
     */
    privateAccess?: boolean;
}

/** A managed node group of the cluster: `ManagedNodeGroupArgs` without the cluster, which EksCluster fills in. */
export type EksManagedNodeGroupArgs = Omit<ManagedNodeGroupArgs, "cluster" | "subnetIds"> & {
    /** @default - the cluster's private subnets */
    subnetIds?: ManagedNodeGroupArgs["subnetIds"];
};

/** A self-managed node group of the cluster: `SelfManagedNodeGroupArgs` without the cluster. */
export type EksSelfManagedNodeGroupArgs = Omit<SelfManagedNodeGroupArgs, "cluster" | "subnetIds"> & {
    /** @default - the cluster's private subnets */
    subnetIds?: SelfManagedNodeGroupArgs["subnetIds"];
};

/** A Fargate profile of the cluster: `FargateProfileArgs` without the cluster. */
export type EksFargateProfileArgs = Omit<FargateProfileArgs, "clusterName" | "subnetIds"> & {
    /** @default - the cluster's private subnets */
    subnetIds?: FargateProfileArgs["subnetIds"];
};

/** One EKS add-on the cluster installs itself. */
export interface AddonVersionArgs {
    /**
     * The add-on version (`aws eks describe-addon-versions --addon-name <name> --kubernetes-version <v>`).
     * Pin it in production: the default changes when EKS publishes a new one, and the next update then
     * upgrades the add-on.
     * @default - EKS's default version for the cluster's Kubernetes version
     * @example "v1.19.5-eksbuild.1"
     */
    version?: string;
}

/** The add-ons EksCluster owns, by EKS add-on name (the CSI drivers are in `storage`). */
export interface AddonsArgs {
    /** Pod networking (the `aws-node` DaemonSet), with its IAM through Pod Identity. @default {} */
    "vpc-cni"?: AddonVersionArgs;
    /** Service routing on every node. @default {} */
    "kube-proxy"?: AddonVersionArgs;
    /** Cluster DNS; on Fargate when the cluster has no EC2 nodes. @default {} */
    coredns?: AddonVersionArgs;
    /** The node agent that hands Pod Identity credentials to pods. @default {} */
    "eks-pod-identity-agent"?: AddonVersionArgs;
    /** Container Insights (with `containerInsights: true`). @default {} */
    "amazon-cloudwatch-observability"?: AddonVersionArgs;
}

/** A namespace the cluster creates. */
export interface NamespaceArgs {
    /**
     * Labels of the namespace (Pod Security Admission levels, for one).
     * @default {}
     * @example { "pod-security.kubernetes.io/enforce": "restricted" }
     */
    labels?: Record<string, string>;
}

export interface EksClusterArgs {
    /** The VPC: a `Network`'s `vpcArgs`, or your own ids. */
    vpc: EksVpcArgs;
    /**
     * Kubernetes minor version of the control plane (`"1.35"`), one EKS still creates clusters on
     * (`components/shared/limits/eks.ts`). Required, so that upgrading this library never upgrades a
     * cluster. A version in extended support is accepted with the warning
     * `[aws-platform:eks:extended-support]` (it is billed $0.60 instead of $0.10 per cluster hour).
     */
    version: string;
    /**
     * API server endpoint access.
     * @default { publicAccessCidrs: [], privateAccess: true }
     * @example { publicAccessCidrs: ["203.0.113.0/24"] }
     */
    endpoint?: EndpointArgs;
    /**
     * Cluster administrators, by key: IAM role or user ARNs. Each gets an access entry with
     * `AmazonEKSClusterAdminPolicy` on the whole cluster. The principal that runs `pulumi up` is
     * admin already (EKS grants the cluster creator access): do not list it again, or creating its
     * entry fails with ResourceInUseException.
     * @default {}
     * @example { platform: "arn:aws:iam::123456789012:role/platform-admins" }
     */
    admins?: Record<string, pulumi.Input<string>>;
    /**
     * Control-plane log types sent to CloudWatch Logs (`/aws/eks/<cluster>/cluster`).
     * @default ["api","audit","authenticator","controllerManager","scheduler"]
     */
    logTypes?: EksLogType[];
    /**
     * Days the control-plane logs are kept. The log group is created before the cluster, so that EKS
     * never creates it without a retention.
     * @default 30
     */
    logRetentionDays?: number;
    /**
     * KMS key for envelope encryption of Kubernetes Secrets.
     * @default - a key of the component's, with yearly rotation
     */
    secretsKmsKeyArn?: pulumi.Input<string>;
    /**
     * Managed node groups, by key (the key names the group). With any EC2 node group, CoreDNS, the CSI
     * controllers and Container Insights run on EC2 nodes: the groups' desired sizes (`desiredSize`,
     * which defaults to `minSize`) across `nodeGroups` and `selfManagedNodeGroups` must sum to 1 or
     * more, or the coredns add-on would wait for a node until its create times out; a sum of 1 is
     * reported with the warning `[aws-platform:eks:coredns-capacity]` (CoreDNS's two replicas then share
     * one node). A cluster with no EC2 capacity at all leaves out the node groups: CoreDNS then runs on
     * Fargate.
     * @default {}
     * @example { general: { instanceTypes: ["m7i.large"], minSize: 2, maxSize: 6 } }
     */
    nodeGroups?: Record<string, EksManagedNodeGroupArgs>;
    /**
     * Self-managed node groups (Auto Scaling groups), by key; keys are shared with `nodeGroups` and
     * `fargateProfiles`. Their desired sizes count with `nodeGroups`' toward the EC2 capacity CoreDNS needs.
     * @default {}
     * @example { spot: { instanceTypes: ["m7i.large", "m6i.large"], onDemandBaseCapacity: 0 } }
     */
    selfManagedNodeGroups?: Record<string, EksSelfManagedNodeGroupArgs>;
    /**
     * Fargate profiles, by key. Without EC2 node groups CoreDNS runs on Fargate too, through a
     * profile `coredns` the component adds (so that key is taken).
     * @default {}
     * @example { jobs: { selectors: [{ namespace: "jobs" }] } }
     */
    fargateProfiles?: Record<string, EksFargateProfileArgs>;
    /**
     * Versions of the add-ons EksCluster installs.
     * @default {}
     * @example { "vpc-cni": { version: "v1.19.5-eksbuild.1" } }
     */
    addons?: AddonsArgs;
    /**
     * Container Insights: the `amazon-cloudwatch-observability` add-on (CloudWatch agent and Fluent
     * Bit DaemonSets on the EC2 nodes, IAM through Pod Identity with `CloudWatchAgentServerPolicy`).
     * Needs EC2 nodes. On Amazon Linux 2023 nodes (the node groups' default) only the metrics and the
     * application (container) logs arrive: the host and dataplane logs (`/aws/containerinsights/<cluster>/host`
     * and `/dataplane`) are not available by default, because AL2023 changed the system logging
     * mechanism (journald, no syslog files)
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-setup-EKS-addon.html).
     * No documented add-on setting turns them on; read node logs another way (SSM, or your own log agent).
     * @default false
     */
    containerInsights?: boolean;
    /**
     * Namespaces to create, by name.
     * @default {}
     * @example { shop: {}, jobs: { labels: { team: "data" } } }
     */
    namespaces?: Record<string, NamespaceArgs>;
    /**
     * StorageClasses and their CSI drivers.
     * @default {}
     * @example { reclaimPolicy: "Retain" }
     */
    storage?: StorageArgs;
    /**
     * Protect what holds data: the cluster gets EKS deletion protection, the secrets key and file
     * systems `protect` and `retainOnDelete`.
     * @default false
     */
    protectData?: boolean;
    /** Tags for every AWS resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `cluster` (the `eks.Cluster`), `logGroup` (the
     * control-plane log group), `key` (the secrets KMS key), `addon` (each of vpc-cni, kube-proxy,
     * coredns, eks-pod-identity-agent and amazon-cloudwatch-observability; the function form gets the
     * child's name, `<name>-<add-on>`), `provider` (the Kubernetes provider), `namespace` (every
     * namespace). The storage children have their own, in `storage.transform`.
     * @default {}
     */
    transform?: {
        cluster?: Transform<eks.ClusterArgs>;
        logGroup?: Transform<cloudwatch.LogGroupArgs>;
        key?: Transform<kms.KeyArgs>;
        addon?: Transform<awsEks.AddonArgs>;
        provider?: Transform<k8s.ProviderArgs>;
        namespace?: Transform<k8s.core.v1.NamespaceArgs>;
    };
}
