/**
 * The program: a network and the SaaS container platform on it — one ALB in front of a web service
 * and two path-routed apps (web reaching app1 by name through Service Connect; app2 on EC2 groups when
 * containers.ec2 is on), a queue worker and a scheduled report job — and an EKS cluster beside it
 * with a stateless web sample and a Redis primary with replicas; and the serverless items API
 * (stacks/serverless.ts); a CloudFront CDN in front of a static site, the ALB and the API, with code at the edge
 * (stacks/cdn.ts); the audit trail and monitoring (stacks/observability.ts); the delivery pipeline that builds, tests and
 * releases the app (stacks/delivery.ts); the data paths — Kinesis ingestion, AWS Backup, the items table's export, the orders
 * database behind RDS Proxy (stacks/data.ts). Settings come from
 * `Pulumi.<stack>.yaml` (see config.ts); nothing here branches on the stack's name.
 */
import * as pulumi from "@pulumi/pulumi";
import { AlarmTopic, ContainerService, EksCluster, Network, ServiceScalingArgs, StatefulApp, StatelessApp, statefulPodDnsName } from "../components";
import { loadConfig } from "./config";
import { SAMPLE_IMAGES } from "./presets";
import { cdn, cloudFrontPrefixListId } from "./cdn";
import { serverless } from "./serverless";
import { audit, monitoring } from "./observability";
import { delivery } from "./delivery";
import { dataPaths, itemsTableOptions } from "./data";

const cfg = loadConfig();
const c = cfg.containers;

const network = new Network("main", {
    cidrBlock: cfg.network.cidrBlock,
    availabilityZones: cfg.network.availabilityZones,
    natGateways: cfg.network.natGateways,
    flowLogs: cfg.network.flowLogs,
});

/** Before AlarmTopic the stack made the topic and its subscription itself, under these names. */
const formerly =
    (name: string) =>
    (_args: unknown, opts: pulumi.CustomResourceOptions): void => {
        opts.aliases = [{ name, parent: pulumi.rootStackResource }];
    };
// Encrypted under a key of its own: CloudWatch cannot publish to a topic under alias/aws/sns. The
// aliases keep the deployed topic (updated in place) and the confirmed e-mail subscription. Monitoring's rules publish
// through EventBridge, the audit function with its own role, the pipeline's approvals through CodeStar Notifications: the
// topic exists whenever one of them is on, with or without an e-mail.
const notifiers = cfg.delivery.enabled || cfg.monitoring.enabled;
const alarms =
    c.alarmEmail || notifiers || cfg.audit.enabled
        ? new AlarmTopic("alarms", {
              emails: c.alarmEmail ? { oncall: c.alarmEmail } : {},
              publishers: [...(cfg.monitoring.enabled ? ["events" as const] : []), ...(cfg.delivery.enabled ? ["codestar-notifications" as const] : [])],
              // Kept whenever the stack keeps data anywhere: without its key every alarm and notification fails to publish.
              protectData: [c.protectData, cfg.serverless.protectData, cfg.audit.protectData, cfg.data.protectData].some(Boolean),
              transform: { topic: formerly("alarms"), subscription: formerly("alarms-email") },
          })
        : undefined;

/** nginx, the sample image, listens on 80; the port's name is what Service Connect serves (app1's). */
const HTTP_PORT = 80;
const HTTP_PORT_NAME = "http";
/**
 * A sample HTTP container, with the root file system read-only (Security Hub ECS.5) as every container of the
 * component: nginx writes only to /var/cache/nginx and its pid to /var/run, which get scratch bind mounts (the nginx
 * image's documented read-only setup); a sample page's command writes to its own mount. An image of your own that
 * writes elsewhere needs a mount there too. The mounts take space of the task's ephemeral storage and go with the task.
 */
const http = (name: string, image: string, command?: string[], page?: string) => ({
    containers: { [name]: { image, portMappings: [{ containerPort: HTTP_PORT, name: HTTP_PORT_NAME }], ...(command ? { command } : {}) } },
    bindMounts: {
        "nginx-cache": { containerPath: "/var/cache/nginx" },
        "nginx-run": { containerPath: "/var/run" },
        ...(command && page ? { page: { containerPath: `/usr/share/nginx/html/${page}` } } : {}),
    },
});
/**
 * The ALB forwards `/app1/*` unchanged, and nginx serves only `/` out of the box: with the sample
 * image, the app writes a page at `/app1/` first, so its URL answers 200 rather than 404. (The
 * docker-entrypoint script runs any command that is not `nginx` as given.) Your own image serves its
 * own paths and keeps its command. So does the service the pipeline releases: CodePipeline's ECS action and the
 * taskdef.json of CodeDeploy copy the running task definition with only the image replaced, so a sample command would
 * start the repository's image (its Dockerfile writes these pages itself).
 */
const samplePage = (app: "app1" | "app2") =>
    c.images[app] === SAMPLE_IMAGES[app] && released(app) === undefined
        ? ["sh", "-c", `mkdir -p /usr/share/nginx/html/${app} && echo ${app} > /usr/share/nginx/html/${app}/index.html && exec nginx -g 'daemon off;'`]
        : undefined;
/** Where the web tier runs: Fargate, or Fargate Spot above an on-demand base. */
const webCapacity =
    c.capacity === "fargate-spot"
        ? { capacity: "fargate-spot" as const, spot: { onDemandBase: c.onDemandBase, onDemandWeight: 0, spotWeight: 1 } }
        : { capacity: "fargate" as const };
const night = c.nightlyScaleDown;
const scaling: ServiceScalingArgs = {
    minCount: c.minCount,
    maxCount: c.maxCount,
    cpuTargetPercent: 60,
    requestsPerTarget: 1000,
    // Fewer tasks at night, the daytime bounds back in the morning.
    schedules: night.enabled
        ? {
              night: { schedule: night.scaleDownAt, timezone: night.timezone, minCount: night.minCount, maxCount: night.maxCount },
              day: { schedule: night.scaleUpAt, timezone: night.timezone, minCount: c.minCount, maxCount: c.maxCount },
          }
        : {},
};
/**
 * web's deployment. Blue/green: the new revision starts in the alternate target group, takes all traffic at once
 * once healthy (the ALB health check below gates it, and the circuit breaker rolls back tasks that never get
 * there), and the old revision runs on for the bake time, during which a rollback is instant. No test listener:
 * prod's ALB admits only CloudFront, on its main port (cdn.albFromCloudFrontOnly), so a test port would reach
 * nobody.
 */
const blueGreen = c.webDeployment === "blue-green";
const webDeployment = blueGreen
    ? {
          strategy: "blue-green" as const,
          bakeTimeMinutes: 10,
          // The service's own http-5xx and unhealthy-hosts alarms, which watch both target groups (the live revision
          // sits in either one) and notify the alarm topic, fail and roll back a deployment
          // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-alarm-failure.html).
          rollbackAlarms: { serviceAlarms: true },
      }
    : { strategy: "rolling" as const };
/**
 * A path-routed app on the shared ALB (the SaaS example: /app1, /app2). Its health check asks for
 * `/`, which nginx (and most images) answer with 200: health checks go to the target directly, not
 * through the path rule.
 */
const routed = (app: "app1" | "app2", priority: number) => ({
    ...http("app", c.images[app], samplePage(app), app),
    desiredCount: c.desiredCount,
    loadBalancer: { name: "public", containerPort: HTTP_PORT, rule: { priority, pathPatterns: [`/${app}`, `/${app}/*`] }, healthCheck: { path: "/" } },
    scaling,
});

/**
 * How the pipeline's service is released (delivery.service): `rolling` leaves the task definition to the pipeline's ECS
 * action (`releasedBy: "pipeline"`, so `pulumi up` does not roll its image back); `code-deploy` hands the service to
 * CodeDeploy (stacks/delivery.ts builds its deployment group). Request-count scaling follows `-tg` only, where CodeDeploy
 * alternates the live task set: CPU alone then, as web's blue/green.
 */
const d = cfg.delivery;
const released = (key: "web" | "app1" | "app2") => (d.enabled && d.service.name === key ? d.service.strategy : undefined);
const releasedApp = (key: "app1" | "app2") =>
    released(key) === "code-deploy"
        ? { deployment: { controller: "code-deploy" as const }, scaling: { ...scaling, requestsPerTarget: undefined } }
        : released(key) === "rolling"
          ? { deployment: { releasedBy: "pipeline" as const } }
          : {};

const legacy = cfg.serverless.legacy;
const platform = new ContainerService("saas", {
    vpc: network.vpcArgs,
    // Every group shares one instance role, profile and security group, so the ALB and EFS rules reach both.
    ec2CapacityProviders: c.ec2.enabled ? c.ec2.capacityProviders : undefined,
    loadBalancers: {
        public: {
            type: "application",
            certificateArn: c.certificateArn,
            deletionProtection: c.protectData,
            ...(c.accessLogs ? { accessLogs: true as const } : {}),
            // Only CloudFront on the main listener's port when the CDN fronts the ALB (cdn.albFromCloudFrontOnly).
            ...(cfg.cdn.enabled && cfg.cdn.albFromCloudFrontOnly ? { ingressPrefixListIds: [cloudFrontPrefixListId()] } : {}),
        },
        // Internal: reached only from the VPC, i.e. through the items API's VPC link (stacks/serverless.ts).
        ...(legacy.enabled
            ? {
                  legacy: {
                      type: "application" as const,
                      internal: true,
                      deletionProtection: c.protectData,
                      ...(c.accessLogs ? { accessLogs: true as const } : {}),
                  },
              }
            : {}),
    },
    repositories: { app: {} },
    fileSystems: { shared: {} },
    services: {
        web: {
            ...http("web", c.images.web),
            ...webCapacity,
            desiredCount: c.desiredCount,
            loadBalancer: { name: "public", containerPort: HTTP_PORT, healthCheck: { path: "/" } },
            // Blue/green alternates target groups, and request-count scaling follows `-tg` only: CPU alone then.
            scaling: blueGreen ? { ...scaling, requestsPerTarget: undefined } : scaling,
            deployment: released("web") === "rolling" ? { ...webDeployment, releasedBy: "pipeline" as const } : webDeployment,
            // A Service Connect client: reaches app1 by name (http://app1), served by nobody.
            serviceConnect: {},
        },
        // Served by name in the component's Cloud Map namespace (Service Connect): web calls http://app1 (port 80),
        // and only web's tasks are admitted on it besides the ALB.
        app1: {
            ...routed("app1", 10),
            ...webCapacity,
            volumes: { uploads: { fileSystem: "shared", containerPath: "/srv/uploads" } },
            serviceConnect: { services: { [HTTP_PORT_NAME]: {} }, allowFrom: ["web"] },
            ...releasedApp("app1"),
        },
        // With EC2 capacity, app2 runs on its groups (containers.ec2.strategy) in bridge mode (dynamic host ports).
        app2: {
            ...routed("app2", 20),
            ...(c.ec2.enabled ? { capacityProviderStrategy: c.ec2.strategy, networkMode: "bridge" as const, cpu: 512, memoryMiB: 1024 } : webCapacity),
            ...releasedApp("app2"),
        },
        worker: {
            containers: { worker: { image: c.images.worker, command: ["sh", "-c", "while true; do sleep 30; done"] } },
            capacity: "fargate-spot",
            queue: { visibilityTimeoutSeconds: 300 },
            scaling: { minCount: 1, maxCount: c.maxCount, backlogPerTask: 100 },
        },
        // The server behind /legacy/* of the items API, on the web tier's capacity (dev: Fargate Spot).
        ...(legacy.enabled
            ? {
                  legacy: {
                      ...http("legacy", legacy.image),
                      ...webCapacity,
                      desiredCount: legacy.desiredCount,
                      loadBalancer: { name: "legacy", containerPort: HTTP_PORT, healthCheck: { path: "/" } },
                  },
              }
            : {}),
    },
    scheduledTasks: {
        report: {
            containers: { report: { image: c.images.report, command: ["sh", "-c", "echo report"] } },
            capacity: "fargate-spot",
            schedule: c.reportSchedule,
        },
    },
    logRetentionDays: c.logRetentionDays,
    alarmTopicArn: alarms?.topicArn,
    protectData: c.protectData,
});

const k = cfg.kubernetes;
/** Namespaces of the sample workloads; the Fargate namespaces are created too. */
const APPS = "apps";
/**
 * The taint of the self-managed (Spot) groups: a Spot interruption, a capacity rebalance or an
 * instance refresh terminates their nodes without cordoning or draining them, so the stateful and
 * the disruption-budgeted samples stay off; batch pods that tolerate it may use them.
 */
const SPOT_TAINT = "aws-platform/spot";
const DATA = "data";
const eks = k.enabled
    ? new EksCluster("platform", {
          vpc: network.vpcArgs,
          version: k.version,
          endpoint: k.endpoint,
          admins: k.admins,
          logRetentionDays: k.logRetentionDays,
          nodeGroups: k.nodeGroups,
          // Spot nodes go without a drain (no Node Termination Handler): only pods that tolerate it land there.
          selfManagedNodeGroups: Object.fromEntries(
              Object.entries(k.selfManagedNodeGroups).map(([key, g]) => [
                  key,
                  { ...g, taints: { [SPOT_TAINT]: { value: "true", effect: "NoSchedule" as const } } },
              ]),
          ),
          fargateProfiles: k.fargateNamespaces.length ? { fargate: { selectors: k.fargateNamespaces.map((namespace) => ({ namespace })) } } : {},
          namespaces: Object.fromEntries([APPS, DATA, ...k.fargateNamespaces].map((n) => [n, {}])),
          containerInsights: k.containerInsights,
          storage: {
              reclaimPolicy: k.storage.reclaimPolicy,
              efs: { enabled: k.storage.efs },
              fsxLustre: { enabled: k.storage.fsxLustre },
              ontap: k.storage.ontap ? { enabled: true, svmAdminPassword: cfg.ontapSvmAdminPassword, routeTableIds: network.privateRouteTableIds } : undefined,
          },
          protectData: k.protectData,
      })
    : undefined;

/**
 * Redis's command: pod 0 is the primary; every other pod replicates from it at its stable DNS name.
 * One pod template serves all pods, so each reads its ordinal from its host name (`redis-<i>`).
 */
function redisCommand(primary: string, port: number): string[] {
    const script = [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion (strip through the last "-"), not a template
        'ordinal="$(cat /etc/hostname)"; ordinal="${ordinal##*-}"',
        'if [ "$ordinal" = "0" ]; then exec redis-server --appendonly yes; fi',
        `exec redis-server --appendonly yes --replicaof ${primary} ${port}`,
    ].join("\n");
    return ["sh", "-c", script];
}

const REDIS_PORT = 6379;
const redisName = { name: "redis", namespace: DATA };
const redis = eks
    ? new StatefulApp("redis", {
          cluster: eks.kubernetes,
          ...redisName,
          image: "public.ecr.aws/docker/library/redis:7.4",
          replicas: k.workloads.redisReplicas,
          command: redisCommand(statefulPodDnsName(redisName, 0), REDIS_PORT),
          ports: { redis: { containerPort: REDIS_PORT } },
          // gp3 is the EksCluster's default EBS class: one encrypted volume per pod, in the pod's zone.
          volumeClaims: { data: { storageClass: "gp3", size: `${k.workloads.redisStorageGiB}Gi`, mountPath: "/data" } },
          resources: { requests: { cpu: "250m", memory: "512Mi" } },
          // The image's `redis` user (uid and gid 999); its Dockerfile sets no USER, so runAsNonRoot needs the number.
          securityContext: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
          probes: { readiness: { exec: { command: ["redis-cli", "ping"] } }, liveness: { tcpSocket: { port: "redis" }, periodSeconds: 20 } },
      })
    : undefined;
const web = eks
    ? new StatelessApp("hello", {
          cluster: eks.kubernetes,
          namespace: APPS,
          // The unprivileged nginx build listens on 8080 as uid 101, so the pod runs as non-root.
          image: "public.ecr.aws/nginx/nginx-unprivileged:1.27",
          replicas: k.workloads.webReplicas,
          ports: { http: { containerPort: 8080, port: 80 } },
          // It keeps its pid file and temporary files in /tmp; the root file system stays read-only.
          emptyDirs: { tmp: "/tmp" },
          probes: { readiness: { httpGet: { path: "/", port: "http" } } },
          disruptionBudget: { maxUnavailable: 1 },
      })
    : undefined;

const items = serverless(cfg.serverless, {
    network,
    legacy: platform.albTargets.legacy,
    alarmTopicArn: alarms?.topicArn,
    itemsReleasedByCodeDeploy: cfg.delivery.enabled && cfg.delivery.itemsCanary,
    itemsTable: itemsTableOptions(cfg.data, network),
});
const paths = dataPaths(cfg.data, { network, tables: [items.parts.items], alarmTopicArn: alarms?.topicArn });

const trail = alarms && audit(cfg.audit, { alarms, itemsTableArn: items.parts.items.tableArn });
// The pipeline's failed executions reach the topic through monitoring's rule (its own notification rule then tells
// approvals only); the items canary rolls back on an alarm of its own.
const release =
    alarms &&
    delivery(d, {
        stack: pulumi.getStack(),
        alarms,
        platform,
        itemsFunction: items.parts.itemsFunction,
        failuresMonitored: cfg.monitoring.enabled,
    });
const watch =
    alarms &&
    monitoring(cfg.monitoring, {
        alarms,
        platform,
        services: ["web", "app1", "app2", "worker"],
        serverless: items.parts,
        data: paths.parts,
        pipelineName: release?.pipeline.pipelineName,
        ec2: c.ec2.enabled,
        trail,
    });

const edge = cfg.cdn.enabled
    ? cdn(cfg.cdn, {
          albDnsName: platform.resources.loadBalancers.public.loadBalancer.dnsName,
          albHttps: c.certificateArn !== undefined,
          apiHost: items.apiHost,
      })
    : undefined;

export const vpcId = network.vpcId;
export const clusterName = platform.clusterName;
export const url = platform.urls.public;
export const serviceUrls = platform.serviceUrls;
export const queueUrls = platform.queueUrls;
export const repositoryUrls = platform.repositoryUrls;
export const kubernetesClusterName = eks?.clusterName;
export const kubeconfig = eks?.kubeconfig;
export const redisPrimary = redis?.podDnsNames[0];
export const helloUrl = web ? `http://${web.dnsName}` : undefined;
export const itemsApiUrl = items.apiUrl;
export const itemsTableName = items.itemsTableName;
export const tagIndexTableName = items.tagIndexTableName;
export const userPoolId = items.userPoolId;
export const userPoolClientId = items.userPoolClientId;
export const failuresQueueUrl = items.failuresQueueUrl;
export const photoBuckets = items.photoBuckets;
export const partnersUrl = items.partnersUrl;
export const partnerApiKeyIds = items.partnerApiKeyIds;
export const cdnUrl = edge?.url;
export const cdnDistributionId = edge?.distributionId;
export const siteBucketName = edge?.siteBucketName;
export const cdnKeyValueStoreArn = edge?.keyValueStoreArn;
export const auditBucketName = trail?.bucketName;
export const dashboardName = watch?.dashboardName;
/**
 * The data paths, each key present when its path is on: `readings` (the stream producers write to, and where valid readings
 * land), `backupVault` (the items table's recovery points), `itemsExport` (the export bucket and the command that exports
 * the table now), `orders` (the database proxy's endpoint, TLS and IAM tokens only, and the orders function).
 */
export const data = Object.fromEntries(
    Object.entries({
        readings: paths.readings,
        backupVault: paths.backupVault,
        itemsExport: items.parts.items.exportBucketName && { bucketName: items.parts.items.exportBucketName, command: items.parts.items.exportCommand },
        orders: paths.orders,
    }).filter(([, v]) => v !== undefined),
);
/** The pipeline, its connection (PENDING until the console handshake) and, with a deploy role, the Pulumi token's secret (empty until filled). */
export const pipeline = release && {
    name: release.pipeline.pipelineName,
    connectionArn: release.pipeline.connectionArn,
    ...(release.tokenSecret ? { pulumiTokenSecretArn: release.tokenSecret.arn } : {}),
    // The principals the deploy role's trust policy admits: the Pulumi steps' build roles, autonamed.
    ...(release.deployerRoleArns.length > 0 ? { deployerRoleArns: release.deployerRoleArns } : {}),
};
