/**
 * Valid examples each bad-input generator starts from: the README's and the tests', plus one
 * ContainerService with one of everything (the child-name table is checked against it).
 */
import type { AlarmTopicArgs } from "../../components/alarm-topic/args";
import type { ContainerServiceArgs } from "../../components/container-service/args";
import type { EksClusterArgs } from "../../components/eks-cluster/args";
import type { FargateProfileArgs, ManagedNodeGroupArgs, NodeClusterArgs, SelfManagedNodeGroupArgs } from "../../components/eks-node-groups/args";
import type { NetworkArgs } from "../../components/network/args";
import type { TableArgs } from "../../components/table/args";
import { shopArgs } from "../scenarios/readme-shop";

const IMAGE = "public.ecr.aws/nginx/nginx:1.27";
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const VPC = {
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-a", "subnet-b"],
    publicSubnetIds: ["subnet-c", "subnet-d"],
    cidrBlock: "10.0.0.0/16",
};

export const NETWORK_EXAMPLES: NetworkArgs[] = [
    {},
    { availabilityZones: 3, natGateways: "one-per-az", flowLogs: true },
    { cidrBlock: "10.1.0.0/16", natGateways: "none", flowLogs: { retentionInDays: 365, trafficType: "REJECT" }, gatewayEndpoints: ["s3"], tags: { team: "x" } },
];

/** One of every keyed collection and every optional child. */
export const ALARM_TOPIC_EXAMPLES: AlarmTopicArgs[] = [
    {},
    { emails: { oncall: "platform-oncall@example.com", lead: "lead@example.com" }, keyDeletionWindowDays: 7, tags: { team: "platform" } },
];

export function everything(): ContainerServiceArgs {
    return {
        vpc: {
            ...VPC,
            privateSubnetIds: [...VPC.privateSubnetIds],
            publicSubnetIds: [...VPC.publicSubnetIds],
            privateSubnetIdsByAz: { "us-east-1a": VPC.privateSubnetIds[0], "us-east-1b": VPC.privateSubnetIds[1] },
        },
        cluster: { containerInsights: "enhanced" },
        ec2Capacity: { instanceTypes: ["m7i.large"], maxSize: 3, awsvpcTrunking: true },
        ec2CapacityProviders: { spot: { instanceTypes: ["m7i.large", "m6i.large"], onDemandBaseCapacity: 0, managedScaling: { targetCapacityPercent: 40 } } },
        alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
        protectData: true,
        tags: { team: "shop" },
        loadBalancers: {
            public: {
                type: "application",
                certificateArn: CERT,
                domain: { name: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" },
                accessLogs: true,
            },
            inner: { type: "network", internal: true, domain: { name: "inner.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } },
            shared: {
                type: "application",
                listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/0123456789abcdef/fedcba9876543210",
                securityGroupId: "sg-0123456789abcdef0",
            },
        },
        repositories: { app: { keepImages: 10 } },
        fileSystems: { data: {} },
        services: {
            web: {
                containers: {
                    web: { image: IMAGE, portMappings: [{ containerPort: 80, name: "http" }] },
                    side: { image: { build: { repository: "app", context: "./app" } } },
                },
                serviceConnect: { services: { http: {} }, allowFrom: ["api"], allowFromSecurityGroups: { partner: "sg-0123456789abcdef0" }, accessLogs: true },
                cpu: 512,
                memoryMiB: 1024,
                volumes: { files: { fileSystem: "data", containerPath: "/data" } },
                loadBalancer: { name: "public", containerPort: 80 },
                deployment: {
                    strategy: "canary",
                    canary: { percent: 10, bakeMinutes: 5 },
                    testListenerPort: 8444,
                    lifecycleHooks: { smoke: { lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:smoke", stages: ["POST_TEST_TRAFFIC_SHIFT"] } },
                    rollbackAlarms: { serviceAlarms: true },
                },
                scaling: {
                    minCount: 1,
                    maxCount: 4,
                    cpuTargetPercent: 60,
                    memoryTargetPercent: 70,
                    requestsPerTarget: 500,
                    steps: {
                        spike: { metric: { namespace: "AWS/ApplicationELB", metricName: "RequestCount" }, threshold: 100, steps: [{ lower: 0, change: 1 }] },
                    },
                    schedules: { night: { schedule: "cron(0 20 * * ? *)", minCount: 1, maxCount: 1 } },
                },
                taskRole: {
                    statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }],
                    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
                },
            },
            api: {
                containers: { api: { image: IMAGE, portMappings: [{ containerPort: 8080 }] } },
                loadBalancer: { name: "public", containerPort: 8080, listenerPort: 8443, rule: { priority: 10, pathPatterns: ["/api/*"] } },
                additionalLoadBalancers: [{ name: "shared", containerPort: 8080, rule: { priority: 100, hosts: ["api.example.com"] } }],
                serviceConnect: {},
            },
            tcp: {
                containers: { tcp: { image: IMAGE, portMappings: [{ containerPort: 9000 }] } },
                loadBalancer: { name: "inner", containerPort: 9000, listenerPort: 9000 },
                deployment: { strategy: "blue-green", bakeTimeMinutes: 10, testListenerPort: 9001 },
            },
            bridge: {
                capacity: "ec2",
                networkMode: "bridge",
                containers: { b: { image: IMAGE, portMappings: [{ containerPort: 80 }] } },
                loadBalancer: { name: "public", containerPort: 80, rule: { priority: 20, pathPatterns: ["/b/*"] } },
                deployment: { controller: "code-deploy", testListenerPort: 8445 },
                volumes: { files: { fileSystem: "data", containerPath: "/data" } },
            },
            worker: {
                containers: { worker: { image: IMAGE } },
                capacityProviderStrategy: [
                    { provider: "ec2", base: 1 },
                    { provider: "spot", weight: 2 },
                ],
                ebsVolume: { containerPath: "/scratch", sizeGiB: 50, kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789" },
                queue: {},
                scaling: { minCount: 0, maxCount: 5, backlogPerTask: 10 },
            },
        },
        scheduledTasks: {
            nightly: {
                containers: { job: { image: IMAGE } },
                schedule: "cron(0 3 * * ? *)",
                volumes: { files: { fileSystem: "data", containerPath: "/data" } },
            },
            onupload: { containers: { job: { image: IMAGE } }, eventPattern: { source: ["aws.s3"] }, taskCount: 3 },
        },
        tasks: {
            migrate: {
                containers: {
                    migrate: {
                        image: IMAGE,
                        command: ["migrate"],
                        logging: {
                            driver: "awsfirelens",
                            options: { Name: "cloudwatch_logs", region: "us-east-1", log_group_name: "migrations" },
                            secretOptions: { Header: "arn:aws:ssm:us-east-1:123456789012:parameter/logs/header" },
                        },
                    },
                },
                logRouter: {},
                bindMounts: { tmp: { containerPath: "/tmp" } },
                ephemeralStorageGiB: 40,
            },
        },
        expressServices: { site: { image: IMAGE } },
    };
}

export function readmeShop(): ContainerServiceArgs {
    return shopArgs({ ...VPC, privateSubnetIds: [...VPC.privateSubnetIds], publicSubnetIds: [...VPC.publicSubnetIds] });
}

export function minimal(): ContainerServiceArgs {
    return {
        vpc: eksVpc(),
        loadBalancers: { public: { type: "application" } },
        services: {
            web: { containers: { web: { image: IMAGE, portMappings: [{ containerPort: 80 }] } }, loadBalancer: { name: "public", containerPort: 80 } },
        },
    };
}

export const CONTAINER_SERVICE_EXAMPLES: Array<() => ContainerServiceArgs> = [minimal, readmeShop, everything];

/** Ids in the form EKS checks (ContainerService takes any string). */
const EKS_VPC = {
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
    publicSubnetIds: ["subnet-01234567890abcdef", "subnet-0fedcba9876543210"],
    cidrBlock: "10.0.0.0/16",
};
const eksVpc = () => ({ ...EKS_VPC, privateSubnetIds: [...EKS_VPC.privateSubnetIds], publicSubnetIds: [...EKS_VPC.publicSubnetIds] });

/** EksCluster: the smallest, one of every node kind and every storage backend but ONTAP, and a Fargate-only one. */
export const EKS_CLUSTER_EXAMPLES: Array<() => EksClusterArgs> = [
    () => ({ vpc: eksVpc(), version: "1.35", nodeGroups: { general: { instanceTypes: ["m7i.large"] } } }),
    () => ({
        vpc: eksVpc(),
        version: "1.34",
        endpoint: { publicAccessCidrs: ["203.0.113.0/24"] },
        admins: { platform: "arn:aws:iam::123456789012:role/platform-admins" },
        nodeGroups: { general: { instanceTypes: ["m7i.large"], capacityType: "SPOT", minSize: 1, maxSize: 3, labels: { tier: "web" } } },
        selfManagedNodeGroups: { batch: { instanceTypes: ["c7i.large", "c6i.large"], taints: { batch: { effect: "NoSchedule" } } } },
        fargateProfiles: { jobs: { selectors: [{ namespace: "jobs", labels: { run: "fargate" } }] } },
        namespaces: { jobs: {}, shop: { labels: { team: "shop" } } },
        containerInsights: true,
        storage: { reclaimPolicy: "Retain", efs: { enabled: true }, fsxLustre: { enabled: true } },
        protectData: true,
        tags: { team: "platform" },
    }),
    () => ({
        vpc: eksVpc(),
        version: "1.35",
        fargateProfiles: { apps: { selectors: [{ namespace: "apps" }] } },
        storage: { ebs: { enabled: false } },
    }),
];

const NODE_CLUSTER: NodeClusterArgs = {
    name: "platform",
    version: "1.35",
    endpoint: "https://0123456789ABCDEF0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com",
    certificateAuthority: "bW9jaw==",
    serviceIpv4Cidr: "172.20.0.0/16",
    securityGroupId: "sg-0123456789abcdef0",
};

export const MANAGED_NODE_GROUP_EXAMPLES: Array<() => ManagedNodeGroupArgs> = [
    () => ({ cluster: { ...NODE_CLUSTER }, subnetIds: [...EKS_VPC.privateSubnetIds], instanceTypes: ["m7i.large"] }),
    () => ({
        cluster: { ...NODE_CLUSTER },
        subnetIds: [...EKS_VPC.privateSubnetIds],
        instanceTypes: ["m7g.large", "m6g.large"],
        architecture: "arm64",
        amiFamily: "bottlerocket",
        capacityType: "SPOT",
        minSize: 2,
        desiredSize: 3,
        maxSize: 6,
        maxUnavailable: "33%",
        taints: { dedicated: { value: "web", effect: "NoSchedule" } },
        labels: { tier: "web" },
    }),
];

export const SELF_MANAGED_NODE_GROUP_EXAMPLES: Array<() => SelfManagedNodeGroupArgs> = [
    () => ({ cluster: { ...NODE_CLUSTER }, subnetIds: [...EKS_VPC.privateSubnetIds], instanceTypes: ["m7i.large", "m6i.large"] }),
    () => ({
        cluster: { ...NODE_CLUSTER },
        subnetIds: [...EKS_VPC.privateSubnetIds],
        instanceTypes: ["c7i.xlarge", "c6i.xlarge"],
        onDemandBaseCapacity: 1,
        onDemandPercentageAboveBaseCapacity: 25,
        minSize: 1,
        maxSize: 10,
        minHealthyPercentage: 90,
        taints: { batch: { value: "true", effect: "NoExecute" } },
        labels: { workload: "batch" },
    }),
];

export const FARGATE_PROFILE_EXAMPLES: Array<() => FargateProfileArgs> = [
    () => ({ clusterName: "platform", subnetIds: [...EKS_VPC.privateSubnetIds], selectors: [{ namespace: "jobs" }] }),
    () => ({
        clusterName: "platform",
        subnetIds: [...EKS_VPC.privateSubnetIds],
        selectors: [{ namespace: "jobs", labels: { run: "fargate" } }, { namespace: "batch" }],
    }),
];

/** A minimal table, and one with every option (provisioned with scaling, indexes, replicas, Kinesis). */
export const TABLE_EXAMPLES: Array<() => TableArgs> = [
    () => ({ attributes: { pk: "S" }, partitionKey: "pk" }),
    () => ({
        attributes: { pk: "S", sk: "S", status: "S", createdAt: "N" },
        partitionKey: "pk",
        sortKey: "sk",
        billingMode: "PROVISIONED",
        readCapacity: 5,
        writeCapacity: 5,
        autoScaling: { read: { minCapacity: 5, maxCapacity: 100 }, write: { minCapacity: 5, maxCapacity: 50, targetUtilizationPercent: 60 } },
        globalIndexes: {
            byStatus: { partitionKey: "status", sortKey: "createdAt", projection: "INCLUDE", nonKeyAttributes: ["total"], readCapacity: 5, writeCapacity: 5 },
        },
        localIndexes: { byCreatedAt: { sortKey: "createdAt", projection: "KEYS_ONLY" } },
        ttlAttribute: "expiresAt",
        pointInTimeRecovery: true,
        encryption: "aws-managed",
        deletionProtection: true,
        protectData: true,
        replicaRegions: ["eu-west-1"],
        kinesis: { retentionHours: 48 },
        tags: { team: "orders" },
    }),
];
