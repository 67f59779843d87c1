/**
 * The node components on a plain `aws.eks.Cluster` (no EksCluster): the network, a cluster with API
 * authentication, a Graviton Spot managed node group, a self-managed on-demand+Spot group that joins
 * through nodeadm and its own access entry, and a Fargate profile for one namespace.
 */
import * as aws from "@pulumi/aws";
import { Network } from "../../components";
import { FargateProfile, ManagedNodeGroup, NodeClusterArgs, SelfManagedNodeGroup } from "../../components/eks-node-groups";

export function program() {
    const net = new Network("k8s", { availabilityZones: 2 });
    const role = new aws.iam.Role("k8s-cluster-role", {
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
        }),
    });
    new aws.iam.RolePolicyAttachment("k8s-cluster-policy", { role: role.name, policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" });
    const eks = new aws.eks.Cluster("k8s", {
        version: "1.33",
        roleArn: role.arn,
        accessConfig: { authenticationMode: "API" },
        vpcConfig: { subnetIds: net.privateSubnetIds, endpointPrivateAccess: true, endpointPublicAccess: false },
    });
    const cluster: NodeClusterArgs = {
        name: eks.name,
        version: "1.33",
        endpoint: eks.endpoint,
        certificateAuthority: eks.certificateAuthority.data,
        serviceIpv4Cidr: eks.kubernetesNetworkConfig.apply((c) => c.serviceIpv4Cidr),
        securityGroupId: eks.vpcConfig.clusterSecurityGroupId,
    };
    const general = new ManagedNodeGroup("general", {
        cluster,
        subnetIds: net.privateSubnetIds,
        instanceTypes: ["m7g.large", "m6g.large"],
        architecture: "arm64",
        capacityType: "SPOT",
        minSize: 2,
        maxSize: 6,
        maxUnavailable: "33%",
        labels: { workload: "general" },
    });
    const batch = new SelfManagedNodeGroup("batch", {
        cluster,
        subnetIds: net.privateSubnetIds,
        instanceTypes: ["c7i.xlarge", "c6i.xlarge", "c5.xlarge"],
        onDemandBaseCapacity: 1,
        maxSize: 10,
        taints: { batch: { value: "true", effect: "NoSchedule" } },
    });
    const jobs = new FargateProfile("jobs", { clusterName: eks.name, subnetIds: net.privateSubnetIds, selectors: [{ namespace: "jobs" }] });
    return { clusterName: eks.name, generalRoleArn: general.roleArn, batchRoleArn: batch.roleArn, jobsRoleArn: jobs.podExecutionRoleArn };
}

/** What `aws.eks.Cluster` returns once created (the built-in mock knows only its inputs). */
export const fixtures = {
    resources: {
        "aws:eks/cluster:Cluster": (r: { name: string }) => ({
            state: {
                endpoint: "https://0123456789ABCDEF0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com",
                certificateAuthority: { data: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==" },
                kubernetesNetworkConfig: { serviceIpv4Cidr: "172.20.0.0/16", ipFamily: "ipv4" },
                vpcConfig: { clusterSecurityGroupId: "sg-0c1a2b3c4d5e6f708", subnetIds: [], endpointPrivateAccess: true, endpointPublicAccess: false },
                name: `${r.name}-0a1b2c3`,
            },
        }),
    },
};
