/**
 * CloudWatch (log groups, alarms, dashboards, Container Insights for ECS clusters and the EKS add-on), CloudTrail,
 * CodePipeline, CodeBuild, KMS keys and requests, Secrets Manager secrets and API calls, S3 storage and requests, EFS
 * backups (AWS Backup) and SSM advanced parameters.
 *
 * Load split (stated in each line's note): load.logs evenly over the plan's log groups; load.storage.s3GB evenly over
 * buckets; load.storage.efsGB evenly over EFS file systems (an EFS backup holds about what its file system stores);
 * load.builds.buildsPerMonth evenly over CodeBuild projects and pipelineRunsPerMonth evenly over pipelines;
 * load.storage's S3 requests evenly over buckets; load.kms.requestsPerMonth evenly over customer managed keys (replicas
 * included); load.secrets.apiCallsPerMonth evenly over secrets (those RDS manages for a database included).
 */
import { type CostLine, HOURS_PER_MONTH, type PlanResource, type PricerTable, type PricingContext } from "../types";
import { dependsOn, evenly } from "./edgeops-util";
import { fmt, known, line, namedAs, num, share } from "./lines";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const LOG_DESTINATION = "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination";
const ECS_SERVICE = "aws:ecs/service:Service";
const CODEBUILD = "aws:codebuild/project:Project";
const PIPELINE = "aws:codepipeline/pipeline:Pipeline";
const TRAIL = "aws:cloudtrail/trail:Trail";
const DYNAMODB_TABLE = "aws:dynamodb/table:Table";
const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const EFS = "aws:efs/fileSystem:FileSystem";
const BACKUP_PLAN = "aws:backup/plan:Plan";
const BACKUP_SELECTION = "aws:backup/selection:Selection";

// ---- CloudWatch Logs ----

/** Whether a vended-log source (a VPC flow log, a CloudWatch Logs delivery destination) writes into this group. */
function receivesVendedLogs(group: PlanResource, ctx: PricingContext): boolean {
    const flowLogs = ctx.plan.ofType(FLOW_LOG).some((f) => dependsOn(f, "logDestination", group) || arnLogGroup(f.inputs.logDestination, group));
    const deliveries = ctx.plan
        .ofType(LOG_DESTINATION)
        .some(
            (d) =>
                dependsOn(d, "deliveryDestinationConfiguration", group) ||
                arnLogGroup(d.inputs.deliveryDestinationConfiguration?.destinationResourceArn, group),
        );
    return flowLogs || deliveries;
}

function arnLogGroup(arn: unknown, group: PlanResource): boolean {
    if (!known(arn) || typeof arn !== "string" || !arn.includes(":log-group:")) return false;
    const name = arn.split(":log-group:")[1].replace(/:\*$/, "");
    return name === group.inputs.name || namedAs(group, name.split("/").pop()!);
}

function logGroupPricer(group: PlanResource, ctx: PricingContext): CostLine[] {
    const count = Math.max(ctx.plan.ofType(LOG_GROUP).length, 1);
    const vended = receivesVendedLogs(group, ctx);
    const retention = num(group.inputs.retentionInDays) ?? 0;
    const split = `load.logs ${evenly(count, "log group")}`;
    return [
        line(
            ctx,
            vended ? "CloudWatch Logs ingestion (vended logs)" : "CloudWatch Logs ingestion",
            vended ? "cloudwatch.logs.vendedIngestGB" : "cloudwatch.logs.ingestGB",
            ctx.load.logs.ingestedGB / count,
            true,
            `${split}${vended ? "; written by a flow log or log delivery: vended-log price" : ""}`,
        ),
        line(
            ctx,
            "CloudWatch Logs storage",
            "cloudwatch.logs.storageGBMonth",
            ctx.load.logs.storedGB / count,
            true,
            `${split}; ${retention > 0 ? `retention ${retention} days` : "never expires: stored data grows every month"}`,
        ),
    ];
}

// ---- CloudWatch alarms and dashboards ----

/**
 * An alarm's billed metrics and resolution: one per metric it reads (metric math alarms pay for each metric in the
 * expression, not for the expression), three per anomaly detection band (the metric and both bounds); high resolution
 * when any period is under 60 s.
 */
function alarmMetrics(alarm: PlanResource): { metrics: number; highResolution: boolean; how: string } {
    const queries: any[] = Array.isArray(alarm.inputs.metricQueries) ? alarm.inputs.metricQueries : [];
    const periods = [alarm.inputs.period, ...queries.map((q) => q?.metric?.period)].filter((p) => typeof p === "number");
    const highResolution = periods.some((p) => p < 60);
    if (queries.length === 0) return { metrics: 1, highResolution, how: "one metric" };
    const metrics = queries.filter((q) => q?.metric !== undefined && q?.metric !== null).length;
    const bands = queries.filter((q) => typeof q?.expression === "string" && q.expression.includes("ANOMALY_DETECTION_BAND")).length;
    if (bands > 0) return { metrics: 3 * bands, highResolution, how: `anomaly detection: 3 metrics per band × ${bands}` };
    return { metrics, highResolution, how: `metric math over ${metrics} metrics` };
}

function metricAlarmPricer(alarm: PlanResource, ctx: PricingContext): CostLine[] {
    const { metrics, highResolution, how } = alarmMetrics(alarm);
    return [
        highResolution
            ? line(ctx, "CloudWatch alarm (high resolution)", "cloudwatch.alarm.highResolution", metrics, false, `${how}; period under 60 s`)
            : line(ctx, "CloudWatch alarm", "cloudwatch.alarm.standard", metrics, false, how),
    ];
}

// ---- Container Insights ----

/**
 * Container Insights (standard) publishes its metrics as custom metrics in ECS/ContainerInsights at the cluster and at
 * each service level. Assumption: the 16 metric names CloudWatch lists for ECS Container Insights (ContainerInstanceCount,
 * CpuUtilized, CpuReserved, DeploymentCount, DesiredTaskCount, MemoryUtilized, MemoryReserved, NetworkRxBytes,
 * NetworkTxBytes, PendingTaskCount, RunningTaskCount, ServiceCount, StorageReadBytes, StorageWriteBytes, TaskCount,
 * TaskSetCount — https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/appinsights-metrics-ecs.html) once per
 * cluster and once per service: an upper bound (service-level dimensions carry fewer of them).
 */
export const CONTAINER_INSIGHTS_METRICS_PER_DIMENSION = 16;

function ecsClusterPricer(cluster: PlanResource, ctx: PricingContext): CostLine[] {
    const settings: any[] = Array.isArray(cluster.inputs.settings) ? cluster.inputs.settings : [];
    const mode = settings.find((s) => s?.name === "containerInsights")?.value;
    if (mode !== "enabled" && mode !== "enhanced") return [];
    // Without dependency data (a hand-written plan), a service in the cluster's component is taken to run in it.
    const services = ctx.plan
        .ofType(ECS_SERVICE)
        .filter((s) => dependsOn(s, "cluster", cluster) || (!s.propertyDependencies?.cluster?.length && s.parent !== undefined && s.parent === cluster.parent));
    const metrics = CONTAINER_INSIGHTS_METRICS_PER_DIMENSION * (1 + services.length);
    return [
        line(
            ctx,
            "Container Insights metrics",
            "cloudwatch.metric.month",
            metrics,
            false,
            `${CONTAINER_INSIGHTS_METRICS_PER_DIMENSION} metrics × (1 cluster + ${services.length} services), an upper bound; the performance log events it writes are ingested into /aws/ecs/containerinsights/<cluster>/performance (CloudWatch Logs, not counted in load.logs' split)${mode === "enhanced" ? "; enhanced observability adds task- and container-level metrics not counted here" : ""}`,
        ),
    ];
}

/**
 * Observations a minute that Container Insights with enhanced observability for Amazon EKS makes per Kubernetes object:
 * the worked example of the CloudWatch pricing page (https://aws.amazon.com/cloudwatch/pricing/), read in a dated copy
 * that quotes it (2026-06-02), not on the page itself: verify with the page.
 */
export const EKS_OBSERVATIONS_PER_MINUTE = { cluster: 1720, node: 68, namespace: 2, service: 2, workload: 7, pod: 138, container: 21 } as const;

/**
 * What an EKS add-on runs in the cluster, which Container Insights observes as pods and containers: its DaemonSets (a
 * pod on every node; the list holds each one's container count) and its Deployments (replicas and containers), as the
 * add-ons' manifests ship them by default (2026). Assumptions, stated in the line's note; an add-on not listed adds
 * nothing. The CloudWatch agent's GPU and Neuron DaemonSets run only on such nodes and are not counted.
 */
export const EKS_ADDON_PODS: Readonly<Record<string, { perNode: number[]; deployments: [replicas: number, containers: number][] }>> = {
    "vpc-cni": { perNode: [2], deployments: [] }, // aws-node: aws-node + aws-eks-nodeagent
    "kube-proxy": { perNode: [1], deployments: [] },
    "eks-pod-identity-agent": { perNode: [1], deployments: [] },
    coredns: { perNode: [], deployments: [[2, 1]] },
    "amazon-cloudwatch-observability": { perNode: [1, 1], deployments: [[1, 1]] }, // cloudwatch-agent, fluent-bit; the operator
    "aws-ebs-csi-driver": { perNode: [3], deployments: [[2, 6]] },
    "aws-efs-csi-driver": { perNode: [3], deployments: [[2, 3]] },
    "aws-fsx-csi-driver": { perNode: [3], deployments: [[2, 4]] },
    "snapshot-controller": { perNode: [], deployments: [[2, 1]] },
    "metrics-server": { perNode: [], deployments: [[2, 1]] },
};

/** Namespaces and Services every EKS cluster with the add-on has besides the program's: kube-system, kube-public, kube-node-lease, default, amazon-cloudwatch; kube-dns and the agent's. */
const EKS_SYSTEM = { namespaces: 5, services: 2 };

const K8S_WORKLOADS = ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet", "kubernetes:apps/v1:DaemonSet"];

/** Worker nodes of a cluster: its managed node groups' desired sizes and the Auto Scaling groups tagged `kubernetes.io/cluster/<name>`. */
function clusterNodes(ctx: PricingContext, cluster: string): number {
    const managed = ctx.plan
        .ofType("aws:eks/nodeGroup:NodeGroup")
        .filter((g) => g.inputs.clusterName === cluster)
        .reduce((n, g) => n + (num(g.inputs.scalingConfig?.desiredSize) ?? num(g.inputs.scalingConfig?.minSize) ?? 0), 0);
    const selfManaged = ctx.plan
        .ofType("aws:autoscaling/group:Group")
        .filter((g) => (Array.isArray(g.inputs.tags) ? g.inputs.tags : []).some((t: any) => t?.key === `kubernetes.io/cluster/${cluster}`))
        .reduce((n, g) => n + (num(g.inputs.desiredCapacity) ?? num(g.inputs.minSize) ?? 0), 0);
    return managed + selfManaged;
}

/**
 * The `amazon-cloudwatch-observability` EKS add-on installs Container Insights with enhanced observability (the
 * CloudWatch agent), Fluent Bit for container logs and Application Signals
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-setup-EKS-addon.html). Enhanced
 * observability is billed per observation, not per custom metric or performance log as ECS Container Insights is:
 * observations a minute per object (EKS_OBSERVATIONS_PER_MINUTE) × the minutes of a month, for the cluster, its EC2
 * nodes (managed node groups and tagged Auto Scaling groups; Fargate is not observed), the program's namespaces,
 * services, workloads, pods and containers (Deployments and StatefulSets by replicas, DaemonSets on every node) and
 * what the plan's add-ons run (EKS_ADDON_PODS). Pods the program's Helm charts or manifests create outside the plan,
 * and nodes Karpenter or Auto Mode adds, are not counted. With several clusters, each counts every Kubernetes object
 * in the plan: an upper bound. Other add-ons cost nothing by themselves.
 */
function eksAddonPricer(addon: PlanResource, ctx: PricingContext): CostLine[] {
    if (addon.inputs.addonName !== "amazon-cloudwatch-observability") return [];
    const cluster = known(addon.inputs.clusterName) ? String(addon.inputs.clusterName) : "<cluster>";
    const nodes = clusterNodes(ctx, cluster);
    const addons = ctx.plan
        .ofType("aws:eks/addon:Addon")
        .filter((a) => a.inputs.clusterName === addon.inputs.clusterName)
        .map((a) => EKS_ADDON_PODS[String(a.inputs.addonName)])
        .filter((a) => a !== undefined);
    const counts = { namespaces: EKS_SYSTEM.namespaces, services: EKS_SYSTEM.services, workloads: 0, pods: 0, containers: 0 };
    for (const a of addons) {
        counts.workloads += a.perNode.length + a.deployments.length;
        for (const containers of a.perNode) {
            counts.pods += nodes;
            counts.containers += nodes * containers;
        }
        for (const [replicas, containers] of a.deployments) {
            counts.pods += replicas;
            counts.containers += replicas * containers;
        }
    }
    counts.namespaces += ctx.plan.ofType("kubernetes:core/v1:Namespace").length;
    counts.services += ctx.plan.ofType("kubernetes:core/v1:Service").length;
    for (const type of K8S_WORKLOADS) {
        for (const w of ctx.plan.ofType(type)) {
            const pods = type.endsWith(":DaemonSet") ? nodes : (num(w.inputs.spec?.replicas) ?? 1);
            const containers = Array.isArray(w.inputs.spec?.template?.spec?.containers) ? w.inputs.spec.template.spec.containers.length : 1;
            counts.workloads += 1;
            counts.pods += pods;
            counts.containers += pods * containers;
        }
    }
    const rate = EKS_OBSERVATIONS_PER_MINUTE;
    const perMinute =
        rate.cluster +
        nodes * rate.node +
        counts.namespaces * rate.namespace +
        counts.services * rate.service +
        counts.workloads * rate.workload +
        counts.pods * rate.pod +
        counts.containers * rate.container;
    const minutes = HOURS_PER_MONTH * 60;
    return [
        line(
            ctx,
            "Container Insights with enhanced observability (EKS add-on)",
            "cloudwatch.containerInsights.eksObservations",
            (perMinute * minutes) / 1e6,
            false,
            `${fmt(perMinute)} observations a minute × ${fmt(minutes)} minutes: 1 cluster, ${nodes} EC2 nodes, ${counts.namespaces} namespaces, ${counts.services} services, ${counts.workloads} workloads, ${counts.pods} pods and ${counts.containers} containers (the plan's own and its add-ons' by their default manifests, system namespaces and services included), at the pricing page example's observations per object a minute (cluster ${rate.cluster}, node ${rate.node}, pod ${rate.pod}, container ${rate.container}, workload ${rate.workload}, namespace and service ${rate.namespace}); pods created outside the plan (Helm charts, manifests) and nodes Karpenter adds are not counted; the container logs Fluent Bit sends to /aws/containerinsights/${cluster}/application are CloudWatch Logs ingestion (not in load.logs' split)`,
        ),
    ];
}

// ---- CloudTrail ----

interface TrailEvents {
    management: boolean;
    dataSelectors: any[][];
}

function trailEvents(trail: PlanResource): TrailEvents {
    const advanced: any[] = Array.isArray(trail.inputs.advancedEventSelectors) ? trail.inputs.advancedEventSelectors : [];
    if (advanced.length > 0) {
        const fields = (s: any): any[] => (Array.isArray(s?.fieldSelectors) ? s.fieldSelectors : []);
        const category = (s: any) => fields(s).find((f: any) => f?.field === "eventCategory")?.equals?.[0];
        return {
            management: advanced.some((s) => category(s) === "Management"),
            dataSelectors: advanced.filter((s) => category(s) === "Data").map(fields),
        };
    }
    const basic: any[] = Array.isArray(trail.inputs.eventSelectors) ? trail.inputs.eventSelectors : [];
    // Without selectors a trail logs management events only; each basic selector includes them unless it says not to.
    return { management: basic.length === 0 || basic.some((s) => s?.includeManagementEvents !== false), dataSelectors: [] };
}

function trailPricer(trail: PlanResource, ctx: PricingContext): CostLine[] {
    const { management, dataSelectors } = trailEvents(trail);
    const firstCopy = ctx.plan.ofType(TRAIL).find((t) => trailEvents(t).management)?.urn === trail.urn;
    const lines: CostLine[] = [];
    if (management) {
        lines.push(
            line(
                ctx,
                firstCopy ? "CloudTrail management events (first copy: free)" : "CloudTrail management events (additional copy)",
                "cloudtrail.management.100k",
                0,
                true,
                firstCopy
                    ? "the plan's first trail with management events is taken as the account's free copy (an organization trail or another trail elsewhere would make this one paid)"
                    : "a second copy pays per event; the event count is not in the load profile: not estimated",
            ),
        );
    }
    const field = (selector: any[], name: string) => selector.find((f: any) => f?.field === name)?.equals;
    const tables = ctx.plan.ofType(DYNAMODB_TABLE).length;
    for (const selector of dataSelectors) {
        const type = field(selector, "resources.type")?.[0] ?? "all";
        if (type === "AWS::DynamoDB::Table" && tables > 0) {
            const arns = field(selector, "resources.ARN");
            const selected = Array.isArray(arns) ? Math.min(arns.length, tables) : tables;
            const units = ctx.load.dynamodb.readRequestUnitsPerMonth + ctx.load.dynamodb.writeRequestUnitsPerMonth;
            const events = (units * selected) / tables;
            lines.push(
                line(
                    ctx,
                    "CloudTrail data events (DynamoDB)",
                    "cloudtrail.data.100k",
                    events / 100_000,
                    true,
                    `one event per request unit of ${selected} of the plan's ${tables} tables (load.dynamodb read + write units split evenly over tables): ${fmt(events)} events`,
                ),
            );
        } else {
            lines.push(
                line(
                    ctx,
                    `CloudTrail data events (${type})`,
                    "cloudtrail.data.100k",
                    0,
                    true,
                    `${type} data events are not in the load profile: not estimated`,
                ),
            );
        }
    }
    const insights: any[] = Array.isArray(trail.inputs.insightSelectors) ? trail.inputs.insightSelectors : [];
    if (insights.length > 0) {
        lines.push(
            line(
                ctx,
                "CloudTrail Insights events analyzed",
                "cloudtrail.insights.100k",
                0,
                true,
                `${insights.map((i) => i?.insightType).join(", ")}: $0.35 per 100,000 management events analyzed, per insight type; no load profile key counts the account's management events (API calls by people, services and the stack's own resources), so no volume is assumed: 0, not estimated`,
            ),
        );
    }
    return lines;
}

// ---- CodePipeline and CodeBuild ----

/** Assumed length of a pipeline action that is not a CodeBuild build (source checkout, deploy hand-off). */
export const NON_BUILD_ACTION_MINUTES = 1;

function pipelinePricer(pipeline: PlanResource, ctx: PricingContext): CostLine[] {
    const type = known(pipeline.inputs.pipelineType) ? pipeline.inputs.pipelineType : "V1";
    if (type !== "V2") return [line(ctx, "CodePipeline V1 active pipeline", "codepipeline.v1.pipelineMonth", 1, false)];
    const actions: any[] = (Array.isArray(pipeline.inputs.stages) ? pipeline.inputs.stages : []).flatMap((s: any) =>
        Array.isArray(s?.actions) ? s.actions : [],
    );
    const builds = actions.filter((a) => a?.provider === "CodeBuild").length;
    const others = actions.length - builds;
    const pipelines = Math.max(ctx.plan.ofType(PIPELINE).length, 1);
    const runs = ctx.load.builds.pipelineRunsPerMonth / pipelines;
    const minutesPerRun = builds * Math.ceil(ctx.load.builds.averageMinutes) + others * NON_BUILD_ACTION_MINUTES;
    return [
        line(
            ctx,
            "CodePipeline V2 action execution minutes",
            "codepipeline.v2.actionMinute",
            runs * minutesPerRun,
            true,
            `${fmt(runs)} runs (load.builds.pipelineRunsPerMonth ${evenly(pipelines, "pipeline")}) × (${builds} build actions × ${Math.ceil(ctx.load.builds.averageMinutes)} min + ${others} other actions × ${NON_BUILD_ACTION_MINUTES} min, assumed)`,
        ),
    ];
}

/** CodeBuild on-demand EC2 compute: price key by environment type and compute type; undefined when the table has none. */
function buildPriceKey(environment: any): string | undefined {
    const platform = environment?.type === "ARM_CONTAINER" ? "arm" : environment?.type === "LINUX_CONTAINER" ? "linux" : undefined;
    const size = { BUILD_GENERAL1_SMALL: "small", BUILD_GENERAL1_MEDIUM: "medium", BUILD_GENERAL1_LARGE: "large" }[String(environment?.computeType)];
    const key = platform && size ? `codebuild.${platform}.${size}.minute` : undefined;
    return key !== undefined && BUILD_KEYS.has(key) ? key : undefined;
}
const BUILD_KEYS = new Set([
    "codebuild.linux.small.minute",
    "codebuild.linux.medium.minute",
    "codebuild.linux.large.minute",
    "codebuild.arm.small.minute",
    "codebuild.arm.large.minute",
]);

function buildProjectPricer(project: PlanResource, ctx: PricingContext): CostLine[] {
    const environment = project.inputs.environment ?? {};
    const key = buildPriceKey(environment);
    const projects = Math.max(ctx.plan.ofType(CODEBUILD).length, 1);
    const builds = ctx.load.builds.buildsPerMonth / projects;
    const minutes = builds * Math.ceil(ctx.load.builds.averageMinutes);
    const what = `${environment.type ?? "?"} ${environment.computeType ?? "?"}`;
    if (key === undefined) {
        return [
            line(
                ctx,
                `CodeBuild build minutes (${what})`,
                "codebuild.linux.small.minute",
                0,
                true,
                `no list price in the table for ${what}: not estimated (${fmt(minutes)} minutes)`,
            ),
        ];
    }
    return [
        line(
            ctx,
            `CodeBuild build minutes (${what})`,
            key,
            minutes,
            true,
            `${fmt(builds)} builds (load.builds.buildsPerMonth ${evenly(projects, "build project")}) × ${Math.ceil(ctx.load.builds.averageMinutes)} min, rounded up to the minute`,
        ),
    ];
}

// ---- KMS, Secrets Manager, SSM ----

const KMS_KEY_TYPES = ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey"];

/**
 * One resource's even share of a monthly request count from the load profile, priced per 10,000 (KMS requests, Secrets
 * Manager API calls): `total` split over `count` resources of the plan, `what` naming the load key, the resource and
 * the unit, and anything more the note must say.
 */
function per10kShareLine(
    ctx: PricingContext,
    item: string,
    price: string,
    total: number,
    count: number,
    what: { loadKey: string; resource: string; unit: string; more?: string },
): CostLine {
    const n = share(total, count);
    return line(ctx, item, price, n / 10_000, true, `${what.loadKey} ${evenly(Math.max(count, 1), what.resource)}: ${fmt(n)} ${what.unit}${what.more ?? ""}`);
}

/** The key's share of load.kms.requestsPerMonth, split evenly over the plan's customer managed keys and replicas. */
function kmsRequestLine(ctx: PricingContext): CostLine {
    const keys = KMS_KEY_TYPES.reduce((n, t) => n + ctx.plan.ofType(t).length, 0);
    return per10kShareLine(ctx, "KMS requests", "kms.requests.10k", ctx.load.kms.requestsPerMonth, keys, {
        loadKey: "load.kms.requestsPerMonth",
        resource: "KMS key",
        unit: "requests",
        more: ", priced as symmetric-key requests; the account's 20,000 free requests are a free tier credit",
    });
}

function kmsKeyPricer(key: PlanResource, ctx: PricingContext): CostLine[] {
    const notes = [
        key.inputs.multiRegion === true ? "multi-Region primary key (each replica is billed as a key)" : undefined,
        key.inputs.enableKeyRotation === true ? "automatic rotation: +$1/month after each of the first two yearly rotations (from year 2)" : undefined,
    ].filter((n) => n !== undefined);
    return [line(ctx, "KMS customer managed key", "kms.key.month", 1, false, notes.join("; ")), kmsRequestLine(ctx)];
}

function kmsReplicaKeyPricer(_key: PlanResource, ctx: PricingContext): CostLine[] {
    return [line(ctx, "KMS multi-Region replica key", "kms.key.month", 1, false), kmsRequestLine(ctx)];
}

const SECRET = "aws:secretsmanager/secret:Secret";
// The types whose pricer adds managedMasterSecretLines (serverless.ts): each share of the split is priced somewhere.
const RDS_MANAGED_SECRET_OWNERS = ["aws:rds/cluster:Cluster"];

/** A secret's share of load.secrets.apiCallsPerMonth, split evenly over the plan's secrets, RDS-managed ones included. */
function secretApiLine(ctx: PricingContext): CostLine {
    const rdsManaged = RDS_MANAGED_SECRET_OWNERS.reduce((n, t) => n + ctx.plan.ofType(t).filter((r) => r.inputs.manageMasterUserPassword === true).length, 0);
    const secrets = ctx.plan.ofType(SECRET).length + rdsManaged;
    return per10kShareLine(ctx, "Secrets Manager API calls", "secretsmanager.api.10k", ctx.load.secrets.apiCallsPerMonth, secrets, {
        loadKey: "load.secrets.apiCallsPerMonth",
        resource: "secret",
        unit: "calls",
    });
}

function secretPricer(_secret: PlanResource, ctx: PricingContext): CostLine[] {
    return [line(ctx, "Secrets Manager secret", "secretsmanager.secret.month", 1, false), secretApiLine(ctx)];
}

/**
 * The Secrets Manager secret RDS creates for an Aurora/RDS cluster or instance with `manageMasterUserPassword`: for the
 * pricer of `aws:rds/cluster` and `aws:rds/instance` (serverless.ts) to add to its lines.
 */
export function managedMasterSecretLines(resource: PlanResource, ctx: PricingContext): CostLine[] {
    if (resource.inputs.manageMasterUserPassword !== true) return [];
    return [
        line(ctx, "Secrets Manager secret (RDS-managed master password)", "secretsmanager.secret.month", 1, false, "created and rotated by RDS"),
        secretApiLine(ctx),
    ];
}

function ssmParameterPricer(parameter: PlanResource, ctx: PricingContext): CostLine[] {
    if (parameter.inputs.tier !== "Advanced") return [];
    return [line(ctx, "SSM advanced parameter", "ssm.parameter.advanced.month", 1, false)];
}

// ---- S3 and backups ----

function bucketPricer(_bucket: PlanResource, ctx: PricingContext): CostLine[] {
    const buckets = Math.max(
        BUCKET_TYPES.reduce((n, t) => n + ctx.plan.ofType(t).length, 0),
        1,
    );
    const puts = ctx.load.storage.s3PutRequestsPerMonth / buckets;
    const gets = ctx.load.storage.s3GetRequestsPerMonth / buckets;
    return [
        line(
            ctx,
            "S3 Standard storage",
            "s3.standard.gbMonth",
            ctx.load.storage.s3GB / buckets,
            true,
            `load.storage.s3GB ${evenly(buckets, "bucket")}; noncurrent versions are not estimated`,
        ),
        line(
            ctx,
            "S3 PUT, COPY, POST and LIST requests",
            "s3.standard.put.1k",
            puts / 1000,
            true,
            `load.storage.s3PutRequestsPerMonth ${evenly(buckets, "bucket")}: ${fmt(puts)} requests at the S3 Standard price`,
        ),
        line(
            ctx,
            "S3 GET and other requests",
            "s3.standard.get.1k",
            gets / 1000,
            true,
            `load.storage.s3GetRequestsPerMonth ${evenly(buckets, "bucket")}: ${fmt(gets)} requests at the S3 Standard price`,
        ),
    ];
}

/** EFS backup storage ≈ the file system's stored data: its share of load.storage.efsGB. */
function efsBackupLine(ctx: PricingContext, item: string, how: string): CostLine {
    const fileSystems = ctx.plan.ofType(EFS).length;
    const gb = fileSystems === 0 ? 0 : ctx.load.storage.efsGB / fileSystems;
    return line(
        ctx,
        item,
        "backup.efs.warm.gbMonth",
        gb,
        true,
        `${how}; assumed to hold about the file system's stored data (load.storage.efsGB ${evenly(Math.max(fileSystems, 1), "file system")}): incremental daily backups add only changed data`,
    );
}

function efsBackupPolicyPricer(policy: PlanResource, ctx: PricingContext): CostLine[] {
    if (policy.inputs.backupPolicy?.status !== "ENABLED") return [];
    return [efsBackupLine(ctx, "EFS automatic backups (AWS Backup warm storage)", "automatic backups to the aws/efs/automatic-backup-vault")];
}

/**
 * A vault costs nothing; its recovery points do. EFS file systems a backup plan targeting this vault selects are
 * priced here; DynamoDB tables are priced with the TableBackups plan (serverless.ts) and other resources are not.
 */
function backupVaultPricer(vault: PlanResource, ctx: PricingContext): CostLine[] {
    const targets = (plan: PlanResource) =>
        dependsOn(plan, "rules", vault) ||
        (Array.isArray(plan.inputs.rules) && plan.inputs.rules.some((r: any) => typeof r?.targetVaultName === "string" && namedAs(vault, r.targetVaultName)));
    const plans = ctx.plan.ofType(BACKUP_PLAN).filter(targets);
    const selections = ctx.plan
        .ofType(BACKUP_SELECTION)
        .filter((s) => plans.some((p) => dependsOn(s, "planId", p) || (!s.propertyDependencies?.planId?.length && s.parent === p.parent)));
    const arns: string[] = selections.flatMap((s) => (Array.isArray(s.inputs.resources) ? s.inputs.resources : [])).filter((a) => typeof a === "string");
    const efs = arns.filter((a) => a.includes(":elasticfilesystem:"));
    return efs.map((arn) => efsBackupLine(ctx, `EFS backups in ${vault.name}`, `selected by a backup plan: ${arn}`));
}

export const OPS_PRICERS: PricerTable = {
    [LOG_GROUP]: logGroupPricer,
    "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarmPricer,
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": (_alarm, ctx) => [line(ctx, "CloudWatch composite alarm", "cloudwatch.alarm.composite", 1, false)],
    "aws:cloudwatch/dashboard:Dashboard": (_dashboard, ctx) => [line(ctx, "CloudWatch dashboard", "cloudwatch.dashboard.month", 1, false)],
    "aws:ecs/cluster:Cluster": ecsClusterPricer,
    "aws:eks/addon:Addon": eksAddonPricer,
    [TRAIL]: trailPricer,
    [PIPELINE]: pipelinePricer,
    [CODEBUILD]: buildProjectPricer,
    "aws:kms/key:Key": kmsKeyPricer,
    "aws:kms/replicaKey:ReplicaKey": kmsReplicaKeyPricer,
    "aws:secretsmanager/secret:Secret": secretPricer,
    "aws:ssm/parameter:Parameter": ssmParameterPricer,
    "aws:s3/bucket:Bucket": bucketPricer,
    "aws:s3/bucketV2:BucketV2": bucketPricer,
    "aws:efs/backupPolicy:BackupPolicy": efsBackupPolicyPricer,
    "aws:backup/vault:Vault": backupVaultPricer,
};
