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

/** A sample HTTP container. The sample nginx image writes to /var/cache/nginx, so it cannot run read-only; your own images keep the read-only default. */
const http = (name: string, image: string, port: number) => ({
    [name]: { image, portMappings: [{ containerPort: port }], readonlyRootFilesystem: false },
});
/** Where the web tier runs: Fargate, or Fargate Spot above an on-demand base. */
const webCapacity =
    c.capacity === "fargate-spot"
        ? { capacity: "fargate-spot" as const, spot: { onDemandBase: c.onDemandBase, onDemandWeight: 0, spotWeight: 1 } }
        : { capacity: "fargate" as const };
const scaling = { minCount: c.minCount, maxCount: c.maxCount, cpuTargetPercent: 60, requestsPerTarget: 1000 };
/** A path-routed app on the shared ALB (the SaaS example: /app1, /app2). */
const routed = (app: "app1" | "app2", priority: number) => ({
    containers: http("app", c.images[app], 8080),
    desiredCount: c.desiredCount,
    loadBalancer: { name: "public", containerPort: 8080, rule: { priority, pathPatterns: [`/${app}`, `/${app}/*`] }, healthCheck: { path: `/${app}/health` } },
    scaling,
});

const platform = new ContainerService("saas", {
    vpc: network.vpcArgs,
    ec2Capacity: c.ec2.enabled
        ? {
              instanceTypes: c.ec2.instanceTypes,
              minSize: c.ec2.minSize,
              maxSize: c.ec2.maxSize,
              onDemandBaseCapacity: c.ec2.onDemandBase,
              onDemandPercentageAboveBaseCapacity: c.ec2.onDemandPercentAboveBase,
          }
        : undefined,
    loadBalancers: {
        public: { type: "application", certificateArn: c.certificateArn, deletionProtection: c.protectData },
    },
    repositories: { app: {} },
    fileSystems: { shared: {} },
    services: {
        web: {
            containers: http("web", c.images.web, 80),
            ...webCapacity,
            desiredCount: c.desiredCount,
            loadBalancer: { name: "public", containerPort: 80 },
            scaling,
        },
        app1: {
            ...routed("app1", 10),
            ...webCapacity,
            volumes: { uploads: { fileSystem: "shared", containerPath: "/srv/uploads" } },
        },
        // With the EC2 capacity provider, app2 runs there in bridge mode (dynamic host ports).
        app2: {
            ...routed("app2", 20),
            ...(c.ec2.enabled ? { capacity: "ec2" as const, networkMode: "bridge" as const, cpu: 512, memoryMiB: 1024 } : webCapacity),
        },
        worker: {
            containers: { worker: { image: c.images.worker, command: ["sh", "-c", "while true; do sleep 30; done"] } },
            capacity: "fargate-spot",
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
