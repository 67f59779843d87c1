/**
 * Valid args for the node-group tests: a cluster as NodeClusterArgs with plain values (what another
 * program passes from its own cluster), two private subnets. Each call returns a fresh object.
 */
import type { FargateProfileArgs, ManagedNodeGroupArgs, NodeClusterArgs, SelfManagedNodeGroupArgs } from "../../../components/eks-node-groups";

export const CLUSTER_NAME = "platform";

export function cluster(): NodeClusterArgs {
    return {
        name: CLUSTER_NAME,
        version: "1.33",
        endpoint: "https://0123456789ABCDEF0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com",
        certificateAuthority:
            "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=",
        serviceIpv4Cidr: "172.20.0.0/16",
        securityGroupId: "sg-0123456789abcdef0",
    };
}

export const SUBNETS = ["subnet-0aaa0000000000001", "subnet-0bbb0000000000002"];

export function managedArgs(extra: Partial<ManagedNodeGroupArgs> = {}): ManagedNodeGroupArgs {
    return { cluster: cluster(), subnetIds: [...SUBNETS], instanceTypes: ["m7i.large", "m6i.large"], ...extra };
}

export function selfManagedArgs(extra: Partial<SelfManagedNodeGroupArgs> = {}): SelfManagedNodeGroupArgs {
    return { cluster: cluster(), subnetIds: [...SUBNETS], instanceTypes: ["m7i.large", "m6i.large", "m5.large"], ...extra };
}

export function fargateArgs(extra: Partial<FargateProfileArgs> = {}): FargateProfileArgs {
    return { clusterName: CLUSTER_NAME, subnetIds: [...SUBNETS], selectors: [{ namespace: "batch" }], ...extra };
}

/** Resource types the tests look up. */
export const T = {
    managed: "aws-platform:eks:ManagedNodeGroup",
    selfManaged: "aws-platform:eks:SelfManagedNodeGroup",
    fargate: "aws-platform:eks:FargateProfile",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    fargateProfile: "aws:eks/fargateProfile:FargateProfile",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    asg: "aws:autoscaling/group:Group",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
} as const;
