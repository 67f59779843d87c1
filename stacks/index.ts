/**
 * The program: a network and the SaaS container platform on it — one ALB in front of a web service
 * and two path-routed apps, a queue worker and a scheduled report job. Settings come from
 * `Pulumi.<stack>.yaml` (see config.ts); nothing here branches on the stack's name.
 */
import * as sns from "@pulumi/aws/sns";
import { ContainerService, Network } from "../components";
import { loadConfig } from "./config";

const cfg = loadConfig();
const c = cfg.containers;

const network = new Network("main", {
    cidrBlock: cfg.network.cidrBlock,
    availabilityZones: cfg.network.availabilityZones,
    natGateways: cfg.network.natGateways,
    flowLogs: cfg.network.flowLogs,
});

const alarms = c.alarmEmail ? new sns.Topic("alarms", { kmsMasterKeyId: "alias/aws/sns" }) : undefined;
if (alarms && c.alarmEmail) {
    new sns.TopicSubscription("alarms-email", { topic: alarms.arn, protocol: "email", endpoint: c.alarmEmail });
}

const web = (image: string, port: number) => ({
    // The sample nginx image writes to /var/cache/nginx; images of your own keep the read-only default.
    [port === 80 ? "web" : "app"]: { image, portMappings: [{ containerPort: port }], readonlyRootFilesystem: false },
});
const spot = c.capacity === "fargate-spot" ? { spot: { onDemandBase: c.onDemandBase, onDemandWeight: 0, spotWeight: 1 } } : {};
const scaling = { minCount: c.minCount, maxCount: c.maxCount, cpuTargetPercent: 60, requestsPerTarget: 1000 };

const platform = new ContainerService("saas", {
    vpc: network.vpcArgs,
    ec2Capacity: c.ec2.enabled ? {
        instanceTypes: c.ec2.instanceTypes,
        minSize: c.ec2.minSize,
        maxSize: c.ec2.maxSize,
        onDemandBaseCapacity: c.ec2.onDemandBase,
        onDemandPercentageAboveBaseCapacity: c.ec2.onDemandPercentAboveBase,
    } : undefined,
    loadBalancers: {
        public: { type: "application", certificateArn: c.certificateArn, deletionProtection: c.protectData },
    },
    repositories: { app: {} },
    fileSystems: { shared: {} },
    services: {
        web: {
            containers: web(c.images.web, 80),
            capacity: c.capacity, ...spot,
            desiredCount: c.desiredCount,
            loadBalancer: { name: "public", containerPort: 80 },
            scaling,
        },
        app1: {
            containers: web(c.images.app1, 8080),
            capacity: c.capacity, ...spot,
            desiredCount: c.desiredCount,
            loadBalancer: { name: "public", containerPort: 8080, rule: { priority: 10, pathPatterns: ["/app1", "/app1/*"] }, healthCheck: { path: "/app1/health" } },
            volumes: { uploads: { fileSystem: "shared", containerPath: "/srv/uploads" } },
            scaling,
        },
        // With the EC2 capacity provider, app2 runs there in bridge mode (dynamic host ports).
        app2: c.ec2.enabled ? {
            containers: web(c.images.app2, 8080),
            capacity: "ec2",
            networkMode: "bridge",
            cpu: 512,
            memoryMiB: 1024,
            desiredCount: c.desiredCount,
            loadBalancer: { name: "public", containerPort: 8080, rule: { priority: 20, pathPatterns: ["/app2", "/app2/*"] }, healthCheck: { path: "/app2/health" } },
            scaling,
        } : {
            containers: web(c.images.app2, 8080),
            capacity: c.capacity, ...spot,
            desiredCount: c.desiredCount,
            loadBalancer: { name: "public", containerPort: 8080, rule: { priority: 20, pathPatterns: ["/app2", "/app2/*"] }, healthCheck: { path: "/app2/health" } },
            scaling,
        },
        worker: {
            containers: { worker: { image: c.images.worker, command: ["sh", "-c", "while true; do sleep 30; done"] } },
            capacity: "fargate-spot",
            desiredCount: 1,
            queue: { visibilityTimeoutSeconds: 300 },
            scaling: { minCount: 1, maxCount: c.maxCount, backlogPerTask: 100 },
        },
    },
    scheduledTasks: {
        report: {
            containers: { report: { image: c.images.report, command: ["sh", "-c", "echo report"] } },
            capacity: "fargate-spot",
            schedule: c.reportSchedule,
        },
    },
    logRetentionDays: c.logRetentionDays,
    alarmTopicArn: alarms?.arn,
    protectData: c.protectData,
});

export const vpcId = network.vpcId;
export const clusterName = platform.clusterName;
export const url = platform.urls.public;
export const serviceUrls = platform.serviceUrls;
export const queueUrls = platform.queueUrls;
export const repositoryUrls = platform.repositoryUrls;
