/**
 * Operations pricers: CloudWatch, CloudTrail, CodePipeline/CodeBuild, KMS, Secrets Manager, S3, EFS backups and SSM,
 * on hand-computed cases (arithmetic written out, prices from prices/ops.ts).
 */
import * as assert from "node:assert";
import { freeTierCredits } from "../../components/cost/estimate";
import { OPS_FREE_TIER, OPS_FREE_TYPES, OPS_PRICES } from "../../components/cost/prices/ops";
import { CONTAINER_INSIGHTS_METRICS_PER_DIMENSION, managedMasterSecretLines, OPS_PRICERS } from "../../components/cost/pricers/ops";
import type { CostLine, LoadProfile, PlanResource } from "../../components/cost/types";
import { stackPlan } from "../harness/stack-plans";
import { planResource, planResources, testContext, ZERO_LOAD } from "./context";

const close = (actual: number, expected: number, what = "") => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);
const total = (lines: CostLine[]) => lines.reduce((sum, l) => sum + l.monthly, 0);
const price = (resource: PlanResource, resources: PlanResource[] = [resource], load: Partial<LoadProfile> = {}) =>
    OPS_PRICERS[resource.type](resource, testContext(resources, load, OPS_PRICES));
const priceAll = (resources: PlanResource[], load: Partial<LoadProfile> = {}) => resources.flatMap((r) => price(r, resources, load));

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

describe("cost: CloudWatch", () => {
    it("48 standard alarms and 4 high-resolution alarms cost 48 × $0.10 + 4 × $0.30", () => {
        const standard = Array.from({ length: 48 }, (_, i) => planResource(ALARM, `standard-${i}`, { period: 60, metricName: "Errors" }));
        const high = Array.from({ length: 4 }, (_, i) => planResource(ALARM, `high-${i}`, { period: 10, metricName: "Errors" }));
        const lines = priceAll([...standard, ...high]);
        close(total(lines), 48 * 0.1 + 4 * 0.3);
        assert.ok(
            lines.every((l) => !l.usage),
            "alarms are paid unused",
        );
    });

    it("bills an alarm whose metric query has a 10 s period at the high-resolution price", () => {
        const alarm = planResource(ALARM, "fast", {
            metricQueries: [{ id: "m", metric: { metricName: "Errors", period: 10, stat: "Sum" }, returnData: true }],
        });
        close(total(price(alarm)), 1 * 0.3);
    });

    it("bills a metric math alarm per metric it reads, not per expression", () => {
        const alarm = planResource(ALARM, "both-5xx", {
            metricQueries: [
                { id: "a", metric: { metricName: "HTTPCode_Target_5XX_Count", period: 60, stat: "Sum" } },
                { id: "b", metric: { metricName: "HTTPCode_Target_5XX_Count", period: 60, stat: "Sum" } },
                { id: "both", expression: "SUM([a, b])", returnData: true },
            ],
        });
        close(total(price(alarm)), 2 * 0.1);
    });

    it("bills an anomaly detection alarm as 3 metrics", () => {
        const alarm = planResource(ALARM, "latency-anomaly", {
            metricQueries: [
                { id: "m", metric: { metricName: "Latency", period: 300, stat: "p99" } },
                { id: "band", expression: "ANOMALY_DETECTION_BAND(m, 2)" },
            ],
            thresholdMetricId: "band",
        });
        close(total(price(alarm)), 3 * 0.1);
    });

    it("a dashboard costs $3 a month", () => {
        close(total(price(planResource("aws:cloudwatch/dashboard:Dashboard", "ops"))), 3);
    });

    it("5 GB of logs ingested into one log group cost 5 × $0.50, and stored GB × $0.03", () => {
        const group = planResource(LOG_GROUP, "app-logs", { retentionInDays: 30 });
        const lines = price(group, [group], { logs: { ingestedGB: 5, storedGB: 2 } });
        close(total(lines), 5 * 0.5 + 2 * 0.03);
        assert.match(lines[1].note ?? "", /retention 30 days/);
    });

    it("splits load.logs evenly over log groups and prices a flow log's group at the vended-log price", () => {
        const group = planResource(LOG_GROUP, "main-flow-logs");
        const other = planResource(LOG_GROUP, "app-logs");
        const flowLog = planResource("aws:ec2/flowLog:FlowLog", "main-flow-log", {}, { deps: { logDestination: [group] } });
        const lines = price(group, [group, other, flowLog], { logs: { ingestedGB: 10, storedGB: 0 } });
        assert.strictEqual(lines[0].price, "cloudwatch.logs.vendedIngestGB");
        close(lines[0].quantity, 10 / 2);
        assert.strictEqual(price(other, [group, other, flowLog])[0].price, "cloudwatch.logs.ingestGB");
    });

    it("prices Container Insights as custom metrics per cluster and per service", () => {
        const cluster = planResource("aws:ecs/cluster:Cluster", "saas-cluster", { settings: [{ name: "containerInsights", value: "enabled" }] });
        const services = ["web", "worker"].map((n) => planResource("aws:ecs/service:Service", n, {}, { deps: { cluster: [cluster] } }));
        close(total(price(cluster, [cluster, ...services])), CONTAINER_INSIGHTS_METRICS_PER_DIMENSION * (1 + 2) * 0.3);
        assert.deepStrictEqual(price(planResource("aws:ecs/cluster:Cluster", "plain", {})), []);
    });
});

describe("cost: EKS Container Insights", () => {
    const addon = (addonName: string) => planResource("aws:eks/addon:Addon", addonName, { addonName, clusterName: "platform" });

    it("prices enhanced observability per observation: the cluster, its nodes and what runs on them, at the page example's rates", () => {
        const observability = addon("amazon-cloudwatch-observability");
        const nodes = planResource("aws:eks/nodeGroup:NodeGroup", "general", { clusterName: "platform", scalingConfig: { desiredSize: 3, minSize: 2 } });
        const otherCluster = planResource("aws:eks/nodeGroup:NodeGroup", "other", { clusterName: "elsewhere", scalingConfig: { desiredSize: 7 } });
        const spot = planResource("aws:autoscaling/group:Group", "spot", {
            desiredCapacity: 2,
            tags: [{ key: "kubernetes.io/cluster/platform", value: "owned" }],
        });
        const ecs = planResource("aws:autoscaling/group:Group", "ecs", { desiredCapacity: 4, tags: [{ key: "AmazonECSManaged", value: "" }] });
        const app = planResource("kubernetes:apps/v1:Deployment", "web", { spec: { replicas: 3, template: { spec: { containers: [{}, {}] } } } });
        const agent = planResource("kubernetes:apps/v1:DaemonSet", "agent", { spec: { template: { spec: { containers: [{}] } } } });
        const namespace = planResource("kubernetes:core/v1:Namespace", "apps");
        const service = planResource("kubernetes:core/v1:Service", "web");
        const resources = [observability, addon("coredns"), addon("kube-proxy"), nodes, otherCluster, spot, ecs, app, agent, namespace, service];
        const lines = price(observability, resources);
        assert.strictEqual(lines.length, 1);
        // 5 nodes (3 managed + 2 tagged Auto Scaling; not the other cluster's 7 nor the ECS group's 4).
        // Pods: the observability add-on's 2 DaemonSets × 5 nodes + its operator 1,
        // coredns 2, kube-proxy 1 × 5, web 3, the program's DaemonSet 5 = 10 + 1 + 2 + 5 + 3 + 5 = 26.
        // Containers: 10 × 1 + 1 × 1 + 2 × 1 + 5 × 1 + 3 × 2 + 5 × 1 = 29. Workloads: 2 + 1 + 1 + 1 + 1 + 1 = 7.
        // Namespaces 5 system + 1; services 2 system + 1.
        const perMinute = 1720 + 5 * 68 + 6 * 2 + 3 * 2 + 7 * 7 + 26 * 138 + 29 * 21;
        close(lines[0].quantity, (perMinute * 730 * 60) / 1e6, "millions of observations");
        close(lines[0].monthly, ((perMinute * 730 * 60) / 1e6) * 0.21, "monthly");
        assert.match(
            lines[0].note ?? "",
            /^6,324 observations a minute × 43,800 minutes: 1 cluster, 5 EC2 nodes, 6 namespaces, 3 services, 7 workloads, 26 pods and 29 containers/,
        );
        assert.match(lines[0].note ?? "", /\/aws\/containerinsights\/platform\/application are CloudWatch Logs ingestion/);
        assert.strictEqual(lines[0].usage, false);
    });

    it("observes a cluster with no nodes or workloads in the plan at its own rate, and an add-on it does not know as nothing", () => {
        const observability = addon("amazon-cloudwatch-observability");
        const lines = price(observability, [observability, addon("some-marketplace-addon")]);
        // 1 cluster, 5 system namespaces, 2 system services, the add-on's 3 workloads (its 2 DaemonSets, on no node, and
        // its operator) and the operator's 1 pod with 1 container.
        close(lines[0].quantity, ((1720 + 5 * 2 + 2 * 2 + 3 * 7 + 138 + 21) * 43_800) / 1e6);
    });

    it("prices no other add-on", () => {
        for (const name of ["vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent"]) assert.deepStrictEqual(price(addon(name)), [], name);
    });
});

describe("cost: CloudTrail", () => {
    const trail = (name: string, inputs: Record<string, any> = {}) => planResource("aws:cloudtrail/trail:Trail", name, inputs);

    it("takes the plan's first management-events trail as the free copy and marks a second as paid", () => {
        const first = trail("audit");
        const second = trail("copy");
        assert.match(price(first, [first, second])[0].item, /first copy: free/);
        assert.match(price(second, [first, second])[0].item, /additional copy/);
        close(total(price(first, [first, second])), 0);
    });

    it("prices CloudTrail Insights at 0 with a note saying the event volume is not estimated, whatever the load", () => {
        const audit = trail("audit", { insightSelectors: [{ insightType: "ApiCallRateInsight" }, { insightType: "ApiErrorRateInsight" }] });
        const load = { kms: { requestsPerMonth: 1e9 }, secrets: { apiCallsPerMonth: 1e9 } };
        const insights = price(audit, [audit], load).filter((l) => l.price === "cloudtrail.insights.100k");
        assert.strictEqual(insights.length, 1);
        assert.strictEqual(insights[0].monthly, 0);
        assert.match(insights[0].note ?? "", /ApiCallRateInsight, ApiErrorRateInsight: \$0\.35 per 100,000 .* not estimated/);
    });

    it("prices DynamoDB data events at one per request unit of the selected table: 10 M × $0.10 per 100k", () => {
        const items = planResource("aws:dynamodb/table:Table", "items");
        const tags = planResource("aws:dynamodb/table:Table", "tags");
        const audit = trail("audit", {
            advancedEventSelectors: [
                { fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
                {
                    fieldSelectors: [
                        { field: "eventCategory", equals: ["Data"] },
                        { field: "resources.type", equals: ["AWS::DynamoDB::Table"] },
                        { field: "resources.ARN", equals: ["arn:aws:dynamodb:us-east-1:123456789012:table/items"] },
                    ],
                },
            ],
        });
        const load = { dynamodb: { readRequestUnitsPerMonth: 15e6, writeRequestUnitsPerMonth: 5e6, storageGB: 0 } };
        const data = price(audit, [audit, items, tags], load).find((l) => l.price === "cloudtrail.data.100k")!;
        close(data.monthly, ((15e6 + 5e6) / 2 / 100_000) * 0.1);
    });
});

describe("cost: CodePipeline and CodeBuild", () => {
    const builds = (buildsPerMonth: number, averageMinutes: number, pipelineRunsPerMonth = 0) => ({
        builds: { buildsPerMonth, averageMinutes, pipelineRunsPerMonth },
    });

    it("a general1.small build of 5 minutes × 100 builds costs 500 × $0.005", () => {
        const project = planResource("aws:codebuild/project:Project", "test", {
            environment: { type: "LINUX_CONTAINER", computeType: "BUILD_GENERAL1_SMALL" },
        });
        const lines = price(project, [project], builds(100, 5));
        close(total(lines), 100 * 5 * 0.005);
        assert.strictEqual(lines[0].price, "codebuild.linux.small.minute");
    });

    it("prices ARM builds at the arm price and splits builds evenly over projects", () => {
        const arm = planResource("aws:codebuild/project:Project", "arm", { environment: { type: "ARM_CONTAINER", computeType: "BUILD_GENERAL1_LARGE" } });
        const other = planResource("aws:codebuild/project:Project", "other", { environment: { type: "LINUX_CONTAINER", computeType: "BUILD_GENERAL1_SMALL" } });
        close(total(price(arm, [arm, other], builds(100, 5))), (100 / 2) * 5 * 0.015);
    });

    it("says a compute type the table has no price for is not estimated, instead of guessing a price", () => {
        const lambda = planResource("aws:codebuild/project:Project", "lambda", {
            environment: { type: "LINUX_LAMBDA_CONTAINER", computeType: "BUILD_LAMBDA_1GB" },
        });
        const lines = price(lambda, [lambda], builds(100, 5));
        close(total(lines), 0);
        assert.match(lines[0].note ?? "", /no list price in the table for LINUX_LAMBDA_CONTAINER BUILD_LAMBDA_1GB/);
    });

    it("a V1 pipeline costs $1 a month; a V2 pipeline pays action minutes per run", () => {
        close(total(price(planResource("aws:codepipeline/pipeline:Pipeline", "v1", {}))), 1);
        const v2 = planResource("aws:codepipeline/pipeline:Pipeline", "v2", {
            pipelineType: "V2",
            stages: [
                { name: "Source", actions: [{ provider: "CodeStarSourceConnection" }] },
                { name: "Build", actions: [{ provider: "CodeBuild" }, { provider: "CodeBuild" }] },
            ],
        });
        // 10 runs × (2 build actions × 5 min + 1 source action × 1 min) × $0.002
        close(total(price(v2, [v2], builds(0, 5, 10))), 10 * (2 * 5 + 1 * 1) * 0.002);
    });
});

describe("cost: KMS, Secrets Manager, SSM, S3 and backups", () => {
    it("a KMS key costs $1 a month and a secret $0.40", () => {
        close(total(price(planResource("aws:kms/key:Key", "key", { enableKeyRotation: true }))), 1);
        close(total(price(planResource("aws:secretsmanager/secret:Secret", "secret"))), 0.4);
    });

    it("adds an RDS-managed master password secret only when the database manages it", () => {
        const ctx = testContext([], {}, OPS_PRICES);
        close(total(managedMasterSecretLines(planResource("aws:rds/cluster:Cluster", "db", { manageMasterUserPassword: true }), ctx)), 0.4);
        assert.deepStrictEqual(managedMasterSecretLines(planResource("aws:rds/cluster:Cluster", "db", {}), ctx), []);
    });

    it("prices an advanced SSM parameter at $0.05 and a standard one not at all", () => {
        close(total(price(planResource("aws:ssm/parameter:Parameter", "adv", { tier: "Advanced" }))), 0.05);
        assert.deepStrictEqual(price(planResource("aws:ssm/parameter:Parameter", "std", { tier: "Standard" })), []);
    });

    it("splits load.storage.s3GB evenly over buckets at $0.023 per GB-month", () => {
        const buckets = ["a", "b"].map((n) => planResource("aws:s3/bucket:Bucket", n));
        close(total(price(buckets[0], buckets, { storage: { ...ZERO_LOAD.storage, s3GB: 100 } })), (100 / 2) * 0.023);
    });

    it("splits S3 requests evenly over buckets: 1M PUT at $0.005 per 1,000 and 10M GET at $0.0004 per 1,000", () => {
        const buckets = ["a", "b"].map((n) => planResource("aws:s3/bucket:Bucket", n));
        const lines = price(buckets[0], buckets, { storage: { ...ZERO_LOAD.storage, s3PutRequestsPerMonth: 1e6, s3GetRequestsPerMonth: 10e6 } });
        close(lines.find((l) => l.price === "s3.standard.put.1k")!.monthly, (1e6 / 2 / 1000) * 0.005, "PUT");
        close(lines.find((l) => l.price === "s3.standard.get.1k")!.monthly, (10e6 / 2 / 1000) * 0.0004, "GET");
        assert.ok(
            lines.every((l) => l.usage),
            "requests come from the load profile",
        );
    });

    it("splits load.kms.requestsPerMonth over the keys and replica keys at $0.03 per 10,000, the 20,000 free ones credited apart", () => {
        const keys = [planResource("aws:kms/key:Key", "a"), planResource("aws:kms/key:Key", "b"), planResource("aws:kms/replicaKey:ReplicaKey", "b-replica")];
        const load = { kms: { requestsPerMonth: 3e6 } };
        const lines = priceAll(keys, load).filter((l) => l.price === "kms.requests.10k");
        assert.strictEqual(lines.length, 3);
        for (const l of lines) close(l.monthly, (3e6 / 3 / 10_000) * 0.03, "each key's share");
        const [credit] = freeTierCredits(lines, OPS_FREE_TIER);
        close(credit.monthly, (20_000 / 10_000) * 0.03, "free tier");
        close(total(priceAll(keys)), 3 * 1, "at idle: the key-months only");
    });

    it("splits load.secrets.apiCallsPerMonth over the secrets and the RDS-managed one at $0.05 per 10,000", () => {
        const secret = planResource("aws:secretsmanager/secret:Secret", "api-key");
        const db = planResource("aws:rds/cluster:Cluster", "db", { manageMasterUserPassword: true });
        const load = { secrets: { apiCallsPerMonth: 200_000 } };
        const calls = (lines: CostLine[]) => lines.find((l) => l.price === "secretsmanager.api.10k")!;
        close(calls(price(secret, [secret, db], load)).monthly, (200_000 / 2 / 10_000) * 0.05, "the secret");
        close(calls(managedMasterSecretLines(db, testContext([secret, db], load, OPS_PRICES))).monthly, (200_000 / 2 / 10_000) * 0.05, "RDS-managed");
    });

    it("prices enabled EFS automatic backups at the file system's share of load.storage.efsGB × $0.05", () => {
        const fs = planResource("aws:efs/fileSystem:FileSystem", "shared");
        const policy = planResource("aws:efs/backupPolicy:BackupPolicy", "shared-backup", { backupPolicy: { status: "ENABLED" } });
        close(total(price(policy, [fs, policy], { storage: { ...ZERO_LOAD.storage, efsGB: 40 } })), 40 * 0.05);
        assert.deepStrictEqual(price(planResource("aws:efs/backupPolicy:BackupPolicy", "off", { backupPolicy: { status: "DISABLED" } })), []);
    });

    it("prices a vault's EFS recovery points and leaves DynamoDB ones to the backup plan's pricer", () => {
        const vault = planResource("aws:backup/vault:Vault", "vault");
        const plan = planResource("aws:backup/plan:Plan", "plan", { rules: [{ targetVaultName: "vault-1a2b3c4" }] });
        const selection = (resources: string[]) => planResource("aws:backup/selection:Selection", "sel", { resources }, { deps: { planId: [plan] } });
        const fs = planResource("aws:efs/fileSystem:FileSystem", "shared");
        const load = { storage: { ...ZERO_LOAD.storage, efsGB: 40 } };
        const efs = selection(["arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1"]);
        close(total(price(vault, [vault, plan, efs, fs], load)), 40 * 0.05);
        const dynamodb = selection(["arn:aws:dynamodb:us-east-1:123456789012:table/items"]);
        assert.deepStrictEqual(price(vault, [vault, plan, dynamodb, fs], load), []);
    });
});

describe("cost: ops price table", () => {
    it("has a source page for every key, and free tiers only on keys it has", () => {
        for (const [key, p] of Object.entries(OPS_PRICES)) assert.match(p.source, /^https:\/\/aws\.amazon\.com\/[a-z0-9-]+\/pricing\/$/, key);
        for (const key of Object.keys(OPS_FREE_TIER)) assert.ok(OPS_PRICES[key], key);
    });

    it("never lists a priced type as free", () => {
        for (const type of OPS_FREE_TYPES) assert.strictEqual(OPS_PRICERS[type], undefined, type);
    });
});

describe("cost: the prod plan's operations resources", () => {
    const AREA =
        /^aws:(cloudwatch|cloudtrail|codepipeline|codebuild|codedeploy|codeconnections|codestarnotifications|kms|secretsmanager|s3|ssm)\/|^aws:backup\/(vault|selection)|^aws:efs\/backupPolicy|^aws:ec2\/flowLog|^aws:ecs\/cluster:Cluster$|^aws:eks\/addon:Addon$/;
    let resources: PlanResource[];
    const priceAt = (load: Partial<LoadProfile>) => {
        const ctx = testContext(resources, load, OPS_PRICES);
        return resources.filter((r) => OPS_PRICERS[r.type]).map((r) => ({ resource: r, lines: OPS_PRICERS[r.type](r, ctx) }));
    };
    const prodLoad: Partial<LoadProfile> = {
        logs: { ingestedGB: 50, storedGB: 200 },
        storage: { s3GB: 500, efsGB: 100, ecrGB: 20, backupGB: 100, s3PutRequestsPerMonth: 2e6, s3GetRequestsPerMonth: 20e6 },
        builds: { buildsPerMonth: 300, averageMinutes: 6, pipelineRunsPerMonth: 100 },
        dynamodb: { readRequestUnitsPerMonth: 50e6, writeRequestUnitsPerMonth: 10e6, storageGB: 30 },
        kms: { requestsPerMonth: 2e6 },
        secrets: { apiCallsPerMonth: 100_000 },
    };

    before(async function () {
        this.timeout(300_000);
        resources = planResources((await stackPlan("prod")).result.evaluation.resources);
    });

    it("prices or knows as free every operations type in the plan", () => {
        const types = new Set(resources.filter((r) => AREA.test(r.type)).map((r) => r.type));
        for (const t of [ALARM, LOG_GROUP, "aws:kms/key:Key", "aws:s3/bucket:Bucket", "aws:cloudtrail/trail:Trail"])
            assert.ok(types.has(t), `the prod plan has ${t}`);
        assert.deepStrictEqual(
            [...types].filter((t) => OPS_PRICERS[t] === undefined && !OPS_FREE_TYPES.includes(t)),
            [],
        );
    });

    it("gives every usage line 0 at idle and a finite, non-negative amount at load", () => {
        for (const { lines } of priceAt(ZERO_LOAD)) for (const l of lines) if (l.usage) assert.strictEqual(l.monthly, 0, l.item);
        for (const { lines } of priceAt(prodLoad)) for (const l of lines) assert.ok(Number.isFinite(l.monthly) && l.monthly >= 0, `${l.item}: ${l.monthly}`);
    });

    it("pays $1 for each of the 7 KMS keys and $3 for the dashboard", () => {
        const priced = priceAt(ZERO_LOAD);
        close(total(priced.filter((p) => p.resource.type === "aws:kms/key:Key").flatMap((p) => p.lines)), 7 * 1, "keys");
        close(total(priced.filter((p) => p.resource.type === "aws:cloudwatch/dashboard:Dashboard").flatMap((p) => p.lines)), 3, "dashboard");
    });

    it("prices the flow log's and CloudFront's log groups at the vended-log price", () => {
        const vended = priceAt(prodLoad)
            .filter((p) => p.lines.some((l) => l.price === "cloudwatch.logs.vendedIngestGB"))
            .map((p) => p.resource.name)
            .sort();
        assert.deepStrictEqual(vended, ["cdn-access-logs", "main-flow-logs"]);
    });

    it("takes the audit trail as the free management copy and prices its DynamoDB data events on the items table", () => {
        const lines = priceAt(prodLoad).find((p) => p.resource.type === "aws:cloudtrail/trail:Trail")!.lines;
        assert.match(lines[0].item, /first copy: free/);
        const tables = resources.filter((r) => r.type === "aws:dynamodb/table:Table").length;
        close(lines.find((l) => l.price === "cloudtrail.data.100k")!.quantity, (50e6 + 10e6) / tables / 100_000);
    });
});
