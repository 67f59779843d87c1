/** Args of a small EksCluster, shared by the cluster tests. */
import type { EksClusterArgs } from "../../../components/eks-cluster/args";

export const VPC = {
    vpcId: "vpc-0a1b2c3d4e5f60718",
    privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
    publicSubnetIds: ["subnet-0ccccccccccccccc3", "subnet-0ddddddddddddddd4"],
};

export const ADMIN = "arn:aws:iam::123456789012:role/platform-admins";

/** One managed node group, nothing else. */
export const SMALL: EksClusterArgs = {
    vpc: VPC,
    version: "1.35",
    nodeGroups: { general: { instanceTypes: ["m7i.large"] } },
};

/** Fargate only: CoreDNS must go to Fargate. */
export const FARGATE_ONLY: EksClusterArgs = {
    vpc: VPC,
    version: "1.35",
    fargateProfiles: { apps: { selectors: [{ namespace: "apps" }] } },
    // EBS volumes cannot attach to Fargate pods.
    storage: { ebs: { enabled: false } },
};

/** Everything EksCluster itself offers. */
export const FULL: EksClusterArgs = {
    vpc: VPC,
    version: "1.35",
    endpoint: { publicAccessCidrs: ["203.0.113.0/24"] },
    admins: { platform: ADMIN },
    nodeGroups: { general: { instanceTypes: ["m7i.large"] } },
    selfManagedNodeGroups: { spot: { instanceTypes: ["m7i.large", "m6i.large"] } },
    fargateProfiles: { jobs: { selectors: [{ namespace: "jobs" }] } },
    containerInsights: true,
    namespaces: { shop: { labels: { team: "shop" } }, jobs: {} },
    tags: { team: "platform" },
};
