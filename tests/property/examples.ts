/**
 * Valid examples each bad-input generator starts from: the README's and the tests', plus one
 * ContainerService with one of everything (the child-name table is checked against it).
 */
import type { AlarmTopicArgs } from "../../components/alarm-topic/args";
import type { ContainerServiceArgs } from "../../components/container-service/args";
import type { NetworkArgs } from "../../components/network/args";
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
        alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
        protectData: true,
        tags: { team: "shop" },
        loadBalancers: {
            public: { type: "application", certificateArn: CERT },
            inner: { type: "network", internal: true },
        },
        repositories: { app: { keepImages: 10 } },
        fileSystems: { data: {} },
        services: {
            web: {
                containers: {
                    web: { image: IMAGE, portMappings: [{ containerPort: 80 }] },
                    side: { image: { build: { repository: "app", context: "./app" } } },
                },
                cpu: 512,
                memoryMiB: 1024,
                volumes: { files: { fileSystem: "data", containerPath: "/data" } },
                loadBalancer: { name: "public", containerPort: 80 },
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
                loadBalancer: { name: "public", containerPort: 8080, rule: { priority: 10, pathPatterns: ["/api/*"] } },
            },
            tcp: {
                containers: { tcp: { image: IMAGE, portMappings: [{ containerPort: 9000 }] } },
                loadBalancer: { name: "inner", containerPort: 9000, listenerPort: 9000 },
            },
            bridge: {
                capacity: "ec2",
                networkMode: "bridge",
                containers: { b: { image: IMAGE, portMappings: [{ containerPort: 80 }] } },
                loadBalancer: { name: "public", containerPort: 80, rule: { priority: 20, pathPatterns: ["/b/*"] } },
                volumes: { files: { fileSystem: "data", containerPath: "/data" } },
            },
            worker: {
                containers: { worker: { image: IMAGE } },
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
            onupload: { containers: { job: { image: IMAGE } }, eventPattern: { source: ["aws.s3"] } },
        },
        expressServices: { site: { image: IMAGE } },
    };
}

export function readmeShop(): ContainerServiceArgs {
    return shopArgs({ ...VPC, privateSubnetIds: [...VPC.privateSubnetIds], publicSubnetIds: [...VPC.publicSubnetIds] });
}

export function minimal(): ContainerServiceArgs {
    return {
        vpc: { ...VPC, privateSubnetIds: [...VPC.privateSubnetIds], publicSubnetIds: [...VPC.publicSubnetIds] },
        loadBalancers: { public: { type: "application" } },
        services: {
            web: { containers: { web: { image: IMAGE, portMappings: [{ containerPort: 80 }] } }, loadBalancer: { name: "public", containerPort: 80 } },
        },
    };
}

export const CONTAINER_SERVICE_EXAMPLES: Array<() => ContainerServiceArgs> = [minimal, readmeShop, everything];
