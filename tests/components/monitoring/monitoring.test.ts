import * as assert from "node:assert";
import { AlarmTopic } from "../../../components/alarm-topic";
import { ContainerService } from "../../../components/container-service";
import { LambdaFunction } from "../../../components/lambda-function";
import { Monitoring } from "../../../components/monitoring";
import { AGENT_PARAMETER_PREFIX } from "../../../components/monitoring/agent";
import { MAX_DASHBOARD_WIDGETS } from "../../../components/monitoring/dashboard";
import { QUERIES } from "../../../components/monitoring/queries";
import { nameProblems } from "../../../components/shared/naming";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { withArgs } from "../container-service/fixtures";
import { ENTRY } from "../lambda-function/fixtures";
import { CLUSTER_ARN, TOPIC, fullArgs } from "./fixture";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const QUERY = "aws:cloudwatch/queryDefinition:QueryDefinition";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const PARAMETER = "aws:ssm/parameter:Parameter";

/** What every alarm shares with its defaults: 3 of 5 one-minute periods, both actions to the topic. */
const WINDOW = {
    period: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    alarmActions: [TOPIC],
    okActions: [TOPIC],
};

describe("Monitoring", () => {
    describe("watching one of everything", () => {
        let registry: Registry;
        let result: Monitoring;
        before(async () => {
            ({ registry, result } = await build(() => new Monitoring("ops", fullArgs())));
        });

        const alarmCases: Array<{ name: string; title: string; inputs: Record<string, unknown> }> = [
            {
                name: "ops-web-cpu-high",
                title: "alarms on an ECS service's average CPU (AWS/ECS CPUUtilization by ClusterName and ServiceName) at 80%",
                inputs: {
                    namespace: "AWS/ECS",
                    metricName: "CPUUtilization",
                    dimensions: { ClusterName: "shop", ServiceName: "web-svc" },
                    statistic: "Average",
                    threshold: 80,
                },
            },
            {
                name: "ops-web-memory-high",
                title: "alarms on an ECS service's average memory (AWS/ECS MemoryUtilization) at 80%",
                inputs: {
                    namespace: "AWS/ECS",
                    metricName: "MemoryUtilization",
                    dimensions: { ClusterName: "shop", ServiceName: "web-svc" },
                    statistic: "Average",
                    threshold: 80,
                },
            },
            {
                name: "ops-web-target-5xx",
                title: "alarms on an ECS service's target 5xx (AWS/ApplicationELB HTTPCode_Target_5XX_Count by LoadBalancer and TargetGroup ARN suffixes, Sum) at 5",
                inputs: {
                    namespace: "AWS/ApplicationELB",
                    metricName: "HTTPCode_Target_5XX_Count",
                    dimensions: { LoadBalancer: "app/shop-alb/fedcba9876543210", TargetGroup: "targetgroup/web-tg/0123456789abcdef" },
                    statistic: "Sum",
                    threshold: 5,
                },
            },
            {
                name: "ops-api-5xx",
                title: "alarms on an HTTP API stage's 5xx (AWS/ApiGateway 5xx by ApiId and Stage, Sum)",
                inputs: {
                    namespace: "AWS/ApiGateway",
                    metricName: "5xx",
                    dimensions: { ApiId: "a1b2c3d4e5", Stage: "$default" },
                    statistic: "Sum",
                    threshold: 5,
                },
            },
            {
                name: "ops-api-latency-p99",
                title: "alarms on an HTTP API stage's p99 Latency as an extended statistic, at 3000 ms",
                inputs: {
                    namespace: "AWS/ApiGateway",
                    metricName: "Latency",
                    dimensions: { ApiId: "a1b2c3d4e5", Stage: "$default" },
                    extendedStatistic: "p99",
                    statistic: undefined,
                    threshold: 3000,
                },
            },
            {
                name: "ops-all-5xx",
                title: "watches every stage of an HTTP API given without a stage (the ApiId dimension alone)",
                inputs: { metricName: "5xx", dimensions: { ApiId: "f6g7h8i9j0" } },
            },
            {
                name: "ops-legacy-5xx",
                title: "alarms on a REST API's 5XXError by ApiName and Stage (not ApiId)",
                inputs: {
                    namespace: "AWS/ApiGateway",
                    metricName: "5XXError",
                    dimensions: { ApiName: "orders-api", Stage: "prod" },
                    statistic: "Sum",
                    threshold: 5,
                },
            },
            {
                name: "ops-legacy-latency-p99",
                title: "alarms on a REST API's p99 Latency by ApiName and Stage",
                inputs: {
                    namespace: "AWS/ApiGateway",
                    metricName: "Latency",
                    dimensions: { ApiName: "orders-api", Stage: "prod" },
                    extendedStatistic: "p99",
                    threshold: 3000,
                },
            },
            {
                name: "ops-thumbs-errors",
                title: "alarms on a function's Errors (AWS/Lambda by FunctionName, Sum) at 1",
                inputs: { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: "thumbs-fn" }, statistic: "Sum", threshold: 1 },
            },
            {
                name: "ops-thumbs-throttles",
                title: "alarms on a function's Throttles at 1",
                inputs: { namespace: "AWS/Lambda", metricName: "Throttles", dimensions: { FunctionName: "thumbs-fn" }, statistic: "Sum", threshold: 1 },
            },
            {
                name: "ops-orders-read-throttles",
                title: "alarms on a table's ReadThrottleEvents (AWS/DynamoDB by TableName, Sum) at 1",
                inputs: { namespace: "AWS/DynamoDB", metricName: "ReadThrottleEvents", dimensions: { TableName: "orders" }, statistic: "Sum", threshold: 1 },
            },
            {
                name: "ops-orders-write-throttles",
                title: "alarms on a table's WriteThrottleEvents at 1",
                inputs: { namespace: "AWS/DynamoDB", metricName: "WriteThrottleEvents", dimensions: { TableName: "orders" }, statistic: "Sum", threshold: 1 },
            },
            {
                name: "ops-audit-alerts-dead-letters",
                title: "alarms on a dead-letter queue's waiting messages (AWS/SQS ApproximateNumberOfMessagesVisible by QueueName, Maximum) at 1, keeping its state while SQS publishes nothing",
                inputs: {
                    treatMissingData: "ignore",
                    namespace: "AWS/SQS",
                    metricName: "ApproximateNumberOfMessagesVisible",
                    dimensions: { QueueName: "audit-alerts-dlq-0a1b2c3" },
                    statistic: "Maximum",
                    threshold: 1,
                },
            },
        ];
        for (const c of alarmCases) {
            it(c.title, () => {
                registry.hasInputs(ALARM, c.name, { ...WINDOW, treatMissingData: "notBreaching", ...c.inputs });
            });
        }

        it("creates exactly these alarms: no target 5xx for a service without a target group", () => {
            assert.deepEqual(
                registry
                    .ofType(ALARM)
                    .map((a) => a.name)
                    .sort(),
                [
                    ...alarmCases.map((c) => c.name),
                    "ops-all-latency-p99",
                    "ops-worker-cpu-high",
                    "ops-worker-memory-high",
                    ...ruleAlarms.map(([alarm]) => alarm),
                ].sort(),
            );
        });

        const ruleAlarms = [
            ["ops-release-failed-delivery", "ops-release-failed"],
            ["ops-ecs-task-stopped-failed-delivery", "ops-ecs-task-stopped"],
            ["ops-autoscaling-failed-delivery", "ops-autoscaling"],
        ];
        it("alarms on each rule's failed deliveries to the topic (AWS/Events FailedInvocations by RuleName), at the first one", () => {
            for (const [alarm, rule] of ruleAlarms) {
                registry.hasInputs(ALARM, alarm, {
                    ...WINDOW,
                    namespace: "AWS/Events",
                    metricName: "FailedInvocations",
                    dimensions: { RuleName: registry.one(RULE, rule).outputs.name },
                    statistic: "Sum",
                    threshold: 1,
                    evaluationPeriods: 1,
                    datapointsToAlarm: 1,
                    treatMissingData: "notBreaching",
                });
            }
        });

        it("outputs the alarms' names by key and role", async () => {
            assert.deepEqual(
                Object.keys(result.alarmNames).sort(),
                registry
                    .ofType(ALARM)
                    .map((a) => a.name.replace(/^ops-/, ""))
                    .sort(),
            );
            assert.equal(await unwrap(result.alarmNames["web-cpu-high"]), registry.one(ALARM, "ops-web-cpu-high").outputs.name);
        });

        describe("dashboard", () => {
            let body: any;
            before(() => {
                body = json(registry.one(DASHBOARD, "ops-dashboard").inputs.dashboardBody);
            });

            it("is valid JSON with a widgets array within CloudWatch's 500 widgets", () => {
                assert.ok(Array.isArray(body.widgets));
                assert.ok(body.widgets.length <= MAX_DASHBOARD_WIDGETS);
            });

            it("graphs exactly the alarms' metrics, one widget each, with their statistic, period and threshold", () => {
                const graphs = body.widgets.filter((w: any) => w.type === "metric");
                const alarms = registry.ofType(ALARM);
                assert.equal(graphs.length, alarms.length);
                const metricOf = (a: (typeof alarms)[number]) => [a.inputs.namespace, a.inputs.metricName, ...Object.entries(a.inputs.dimensions).flat()];
                for (const a of alarms) {
                    const g = graphs.find(
                        (w: any) =>
                            JSON.stringify(w.properties.metrics) === JSON.stringify([metricOf(a)]) &&
                            w.properties.stat === (a.inputs.statistic ?? a.inputs.extendedStatistic),
                    );
                    assert.ok(g, `no graph for ${a.name}`);
                    assert.equal(g.properties.period, a.inputs.period);
                    assert.equal(g.properties.region, "us-east-1");
                    assert.deepEqual(
                        g.properties.annotations.horizontal.map((h: any) => h.value),
                        [a.inputs.threshold],
                    );
                }
            });

            it("lays widgets on the 24-column grid without overlap", () => {
                const cells = new Set<string>();
                for (const w of body.widgets) {
                    assert.ok(w.x >= 0 && w.width >= 1 && w.x + w.width <= 24, JSON.stringify(w));
                    for (let x = w.x; x < w.x + w.width; x++)
                        for (let y = w.y; y < w.y + w.height; y++) {
                            assert.ok(!cells.has(`${x},${y}`), `overlap at ${x},${y}`);
                            cells.add(`${x},${y}`);
                        }
                }
            });

            it("is named per stack with only the characters PutDashboard accepts, and output", async () => {
                const name = registry.one(DASHBOARD).inputs.dashboardName;
                assert.match(name, /^ops-[0-9a-f]{7}$/);
                assert.equal(await unwrap(result.dashboardName!), name);
            });
        });

        it("saves each kind's Logs Insights queries for its log group, in a folder per log group", () => {
            const queries = registry.ofType(QUERY);
            const folder = registry.one(DASHBOARD).inputs.dashboardName;
            const expected: Array<[string, keyof typeof QUERIES, string]> = [
                ["web", "application", "/ecs/shop/web"],
                ["thumbs", "lambda", "/aws/lambda/thumbs-fn"],
                ["access", "api-access", "/apigw/api/access"],
            ];
            assert.equal(
                queries.length,
                expected.map(([, kind]) => Object.keys(QUERIES[kind]).length).reduce((a, b) => a + b),
            );
            for (const [key, kind, group] of expected) {
                for (const [query, text] of Object.entries(QUERIES[kind])) {
                    const q = registry.one(QUERY, `ops-${key}-${query}`).inputs;
                    assert.equal(q.name, `${folder}/${key}/${query}`);
                    assert.deepEqual(nameProblems(QUERY, q.name), []);
                    assert.deepEqual(q.logGroupNames, [group]);
                    assert.equal(q.queryString, text);
                }
            }
        });

        it("queries Lambda's JSON platform.report events (and text REPORT lines) for the slowest invocations and cold starts", () => {
            const slowest = registry.one(QUERY, "ops-thumbs-slowest-invocations").inputs.queryString;
            assert.match(slowest, /filter @type = "REPORT" or type = "platform\.report"/);
            assert.match(slowest, /coalesce\(@duration, record\.metrics\.durationMs\) as durationMs[\s\S]*\| sort durationMs desc/);
            const cold = registry.one(QUERY, "ops-thumbs-cold-starts").inputs.queryString;
            assert.match(cold, /filter @type = "REPORT" or type = "platform\.report"/);
            assert.match(cold, /coalesce\(@initDuration, record\.metrics\.initDurationMs\) as initMs\n\| filter ispresent\(initMs\)/);
        });

        it("matches API server errors by their status text (this project's access log writes every value as a JSON string)", () => {
            assert.match(registry.one(QUERY, "ops-access-server-errors").inputs.queryString, /\| filter status like \/\^5\\d\\d\$\//);
        });

        it("sends failed pipeline executions to the topic through an EventBridge rule", () => {
            const rule = registry.one(RULE, "ops-release-failed");
            assert.deepEqual(json(rule.inputs.eventPattern), {
                source: ["aws.codepipeline"],
                "detail-type": ["CodePipeline Pipeline Execution State Change"],
                detail: { state: ["FAILED"], pipeline: ["shop-release"] },
            });
            registry.hasInputs(TARGET, "ops-release-failed-sns", { rule: rule.outputs.name, arn: TOPIC, roleArn: undefined });
        });

        it("sends stopped ECS tasks of the given clusters to the topic", () => {
            const rule = registry.one(RULE, "ops-ecs-task-stopped");
            assert.deepEqual(json(rule.inputs.eventPattern), {
                source: ["aws.ecs"],
                "detail-type": ["ECS Task State Change"],
                detail: {
                    clusterArn: [CLUSTER_ARN],
                    lastStatus: ["STOPPED"],
                    stoppedReason: [{ "anything-but": { prefix: "Scaling activity initiated by" } }],
                },
            });
            registry.hasInputs(TARGET, "ops-ecs-task-stopped-sns", { rule: rule.outputs.name, arn: TOPIC, roleArn: undefined });
        });

        it("leaves out tasks a deployment or scale-in stopped, keeps health-check and container failures", () => {
            const pattern = json(registry.one(RULE, "ops-ecs-task-stopped").inputs.eventPattern);
            const event = (stopCode: string, stoppedReason: string) => ({
                source: "aws.ecs",
                "detail-type": "ECS Task State Change",
                detail: { clusterArn: CLUSTER_ARN, lastStatus: "STOPPED", stopCode, stoppedReason },
            });
            // stopCode / stoppedReason pairs as ECS sends them (stopped-task-error-codes.html, repost ecs-task-stopped).
            assert.equal(matches(pattern, event("ServiceSchedulerInitiated", "Scaling activity initiated by (deployment ecs-svc/8646900195280463695)")), false);
            assert.equal(
                matches(pattern, event("ServiceSchedulerInitiated", "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:x)")),
                true,
            );
            assert.equal(matches(pattern, event("ServiceSchedulerInitiated", "Task failed container health checks")), true);
            assert.equal(matches(pattern, event("EssentialContainerExited", "Essential container in task exited")), true);
            assert.equal(matches(pattern, event("TaskFailedToStart", "CannotPullContainerError: pull image manifest has been retried 5 time(s)")), true);
            assert.equal(matches(pattern, { ...event("EssentialContainerExited", "Essential container in task exited"), source: "aws.ec2" }), false);
        });

        it("sends Auto Scaling launches and terminations of the given groups to the topic", () => {
            const rule = registry.one(RULE, "ops-autoscaling");
            assert.deepEqual(json(rule.inputs.eventPattern), {
                source: ["aws.autoscaling"],
                "detail-type": [
                    "EC2 Instance Launch Successful",
                    "EC2 Instance Launch Unsuccessful",
                    "EC2 Instance Terminate Successful",
                    "EC2 Instance Terminate Unsuccessful",
                ],
                detail: { AutoScalingGroupName: ["web-asg", "batch-asg"] },
            });
            registry.hasInputs(TARGET, "ops-autoscaling-sns", { rule: rule.outputs.name, arn: TOPIC, roleArn: undefined });
        });

        describe("CloudWatch agent configuration", () => {
            let parameter: Record<string, any>;
            let config: any;
            before(() => {
                parameter = registry.one(PARAMETER, "ops-agent-config").inputs;
                config = JSON.parse(parameter.insecureValue);
            });

            it("is a Standard String parameter whose name starts with AmazonCloudWatch- (what CloudWatchAgentServerPolicy may read)", async () => {
                assert.equal(parameter.type, "String");
                assert.equal(parameter.tier, "Standard");
                assert.equal(parameter.value, undefined, "the configuration is no secret: insecureValue keeps it readable in diffs");
                assert.match(parameter.name, /^AmazonCloudWatch-ops-[0-9a-f]{7}$/);
                assert.ok(parameter.name.startsWith(AGENT_PARAMETER_PREFIX));
                assert.deepEqual(nameProblems(PARAMETER, parameter.name), []);
                assert.equal(await unwrap(result.agentConfigParameterName!), parameter.name);
            });

            it("collects memory, swap and the given disks, per instance and per Auto Scaling group", () => {
                assert.deepEqual(config.agent, { metrics_collection_interval: 60 });
                assert.equal(config.metrics.namespace, "CWAgent");
                // The agent's own placeholders, resolved on the instance.
                const placeholder = (n: string) => `\${aws:${n}}`;
                assert.deepEqual(config.metrics.append_dimensions, {
                    AutoScalingGroupName: placeholder("AutoScalingGroupName"),
                    InstanceId: placeholder("InstanceId"),
                });
                assert.equal(placeholder("InstanceId"), "$" + "{aws:InstanceId}");
                // Per group, and per group and mount point (a full /data is not averaged away with /).
                assert.deepEqual(config.metrics.aggregation_dimensions, [["AutoScalingGroupName"], ["AutoScalingGroupName", "path"]]);
                assert.deepEqual(config.metrics.metrics_collected.mem, { measurement: ["mem_used_percent"] });
                assert.deepEqual(config.metrics.metrics_collected.disk, { measurement: ["used_percent"], resources: ["/", "/data"] });
            });

            it("ships the given log files with their group and retention", () => {
                assert.deepEqual(config.logs.logs_collected.files.collect_list, [
                    { file_path: "/var/log/messages", log_group_name: "/ec2/shop/messages", log_stream_name: "{instance_id}", retention_in_days: 30 },
                ]);
            });
        });

        it("parents every child to the component and tags what takes tags", () => {
            const root = registry.one(Monitoring.type, "ops");
            for (const r of registry.all().filter((x) => x !== root)) assert.equal(r.parent, root.urn, r.name);
            for (const type of [ALARM, RULE, PARAMETER])
                for (const r of registry.ofType(type)) assert.equal(r.inputs.tags["aws-platform:component"], "Monitoring/ops", r.name);
        });
    });

    it("reads a LambdaFunction's log group, whose JSON log format writes platform.report events, not REPORT lines", async () => {
        const { registry } = await build(() => {
            const fn = new LambdaFunction("thumbs", { entry: ENTRY });
            return new Monitoring("ops", {
                alarmTopicArn: TOPIC,
                logGroups: { thumbs: { logGroupName: fn.resources.logGroup.name, kind: "lambda" } },
            });
        });
        const fn = registry.one("aws:lambda/function:Function").inputs;
        // If LambdaFunction ever logs in text, the `platform.report` half of the queries stops matching.
        assert.equal(fn.loggingConfig.logFormat, "JSON");
        const group = registry.one("aws:cloudwatch/logGroup:LogGroup");
        const q = registry.one(QUERY, "ops-thumbs-slowest-invocations").inputs;
        assert.deepEqual(q.logGroupNames, [group.outputs.name]);
        assert.equal(fn.loggingConfig.logGroup, group.outputs.name);
        assert.match(q.queryString, /type = "platform\.report"[\s\S]*record\.metrics\.durationMs/);
    });

    it("reads a ContainerService service's task log group, which is auto-named (the README and args example)", async () => {
        const { registry } = await build(() => {
            const shop = new ContainerService(
                "shop",
                withArgs(() => {}),
            );
            const web = shop.resources.services.web;
            return new Monitoring("ops", { alarmTopicArn: TOPIC, logGroups: { web: { logGroupName: web.task.logGroup.name } } });
        });
        const group = registry.ofType("aws:cloudwatch/logGroup:LogGroup").find((g) => g.name.startsWith("shop-web"));
        assert.ok(group, "the web service's task log group");
        assert.notEqual(group.outputs.name, "/ecs/shop/web");
        assert.deepEqual(registry.one(QUERY, "ops-web-errors").inputs.logGroupNames, [group.outputs.name]);
    });

    describe("with only the topic", () => {
        it("creates an empty dashboard (a header) and nothing else", async () => {
            const { registry } = await build(() => new Monitoring("ops", { alarmTopicArn: TOPIC }));
            assert.deepEqual(registry.inventory(), ["aws-platform:monitoring:Monitoring::ops", `${DASHBOARD}::ops-dashboard`]);
            assert.deepEqual(
                json(registry.one(DASHBOARD).inputs.dashboardBody).widgets.map((w: any) => w.type),
                ["text"],
            );
        });

        it("creates no dashboard with dashboard: false", async () => {
            const { registry, result } = await build(() => new Monitoring("ops", { alarmTopicArn: TOPIC, dashboard: false }));
            assert.equal(registry.ofType(DASHBOARD).length, 0);
            assert.equal(result.dashboardName, undefined);
        });
    });

    describe("leaving alarms to what already watches (a ContainerService's own, a queue worker's DLQ alarm)", () => {
        let registry: Registry;
        let result: Monitoring;
        let graphs: any[];
        before(async () => {
            const args = fullArgs();
            args.ecsServices!.web.alarms = [];
            args.ecsServices!.worker.alarms = ["memory-high"];
            args.queues = { ...args.queues, "worker-dlq": { queueName: "worker-dlq-0a1b2c3", alarm: false } };
            ({ registry, result } = await build(() => new Monitoring("ops", args)));
            graphs = json(registry.one(DASHBOARD).inputs.dashboardBody).widgets.filter((w: any) => w.type === "metric");
        });
        const graphOf = (metricName: string, dimension: string) =>
            graphs.filter((g) => g.properties.metrics[0][1] === metricName && g.properties.metrics[0].includes(dimension));

        it("makes only the alarms each service and queue asks for", () => {
            const names = registry.ofType(ALARM).map((a) => a.name);
            for (const gone of ["ops-web-cpu-high", "ops-web-memory-high", "ops-web-target-5xx", "ops-worker-cpu-high", "ops-worker-dlq-dead-letters"])
                assert.equal(names.includes(gone), false, gone);
            for (const kept of ["ops-worker-memory-high", "ops-audit-alerts-dead-letters"]) assert.ok(names.includes(kept), kept);
            assert.deepEqual(
                Object.keys(result.alarmNames).filter((k) => k.startsWith("web-") || k.startsWith("worker-")),
                ["worker-memory-high"],
            );
        });

        it("still graphs the un-alarmed metrics, without a threshold line, and keeps the line on the alarmed ones", () => {
            for (const [metric, dimension] of [
                ["CPUUtilization", "web-svc"],
                ["MemoryUtilization", "web-svc"],
                ["HTTPCode_Target_5XX_Count", "targetgroup/web-tg/0123456789abcdef"],
                ["CPUUtilization", "worker-svc"],
                ["ApproximateNumberOfMessagesVisible", "worker-dlq-0a1b2c3"],
            ]) {
                const [g] = graphOf(metric, dimension);
                assert.ok(g, `${metric} ${dimension}`);
                assert.equal(g.properties.annotations, undefined, `${metric} ${dimension}`);
            }
            for (const [metric, dimension] of [
                ["MemoryUtilization", "worker-svc"],
                ["ApproximateNumberOfMessagesVisible", "audit-alerts-dlq-0a1b2c3"],
            ]) {
                const [g] = graphOf(metric, dimension);
                assert.deepEqual(
                    g.properties.annotations.horizontal.map((h: any) => h.value),
                    [metric === "MemoryUtilization" ? 80 : 1],
                );
            }
        });
    });

    it("applies the given thresholds and evaluation window to every alarm", async () => {
        const args = fullArgs();
        args.thresholds = { ecsCpuPercent: 70, apiLatencyP99Ms: 1500, tableThrottleEvents: 10, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 };
        const { registry } = await build(() => new Monitoring("ops", args));
        registry.hasInputs(ALARM, "ops-web-cpu-high", { threshold: 70, period: 300, evaluationPeriods: 3, datapointsToAlarm: 2 });
        registry.hasInputs(ALARM, "ops-web-memory-high", { threshold: 80 });
        registry.hasInputs(ALARM, "ops-api-latency-p99", { threshold: 1500 });
        registry.hasInputs(ALARM, "ops-orders-write-throttles", { threshold: 10 });
        for (const w of json(registry.one(DASHBOARD).inputs.dashboardBody).widgets.filter((x: any) => x.type === "metric"))
            assert.equal(w.properties.period, 300);
    });

    it("takes the topic, names and dimensions as Outputs", async () => {
        const { registry } = await build(async () => {
            const { output } = await import("@pulumi/pulumi");
            return new Monitoring("ops", {
                alarmTopicArn: output(TOPIC),
                functions: { f: { functionName: output("fn-from-output") } },
                events: { ecsTaskStateChanges: { clusterArns: [output(CLUSTER_ARN)] } },
            });
        });
        registry.hasInputs(ALARM, "ops-f-errors", { dimensions: { FunctionName: "fn-from-output" }, alarmActions: [TOPIC], okActions: [TOPIC] });
        assert.deepEqual(json(registry.one(RULE).inputs.eventPattern).detail.clusterArn, [CLUSTER_ARN]);
        assert.match(registry.one(DASHBOARD).inputs.dashboardBody, /fn-from-output/);
    });

    it("lets a transform change every alarm without touching the other children", async () => {
        const { registry } = await build(() => new Monitoring("ops", { ...fullArgs(), transform: { alarm: { actionsEnabled: false } } }));
        const changed = registry.all().filter((r) => r.inputs.actionsEnabled === false);
        assert.deepEqual(
            changed.map((r) => r.type),
            registry.ofType(ALARM).map(() => ALARM),
        );
        assert.equal(changed.length, 19);
    });

    it("with an AlarmTopic admitting EventBridge: every rule's target and every alarm waits for the topic's policy and key", async () => {
        const { registry } = await build(() => {
            const alarms = new AlarmTopic("alarms", { publishers: ["events"] });
            return new Monitoring("ops", { ...fullArgs(), alarmTopicArn: alarms.topicArn });
        });
        const ready = ["alarms-topic-policy", "alarms-key"].map((n) => registry.named(n)!.urn);
        const topicArn = registry.one("aws:sns/topic:Topic").outputs.arn;
        for (const r of [...registry.ofType(TARGET), ...registry.ofType(ALARM)]) {
            for (const urn of ready) assert.ok(r.dependencies.includes(urn), `${r.name} does not wait for ${urn}`);
            assert.ok(r.inputs.arn === topicArn || r.inputs.alarmActions?.[0] === topicArn, r.name);
        }
        assert.ok(
            json(registry.one("aws:sns/topicPolicy:TopicPolicy").inputs.policy).Statement.some((s: any) => s.Principal?.Service === "events.amazonaws.com"),
        );
    });

    it("fits a long component name into every physical name", async () => {
        const name = `ops-${"x".repeat(300)}`.slice(0, 128);
        // The mock provider refuses a physical name its type does not accept, so the build itself is the check.
        const { registry } = await build(() => new Monitoring(name, fullArgs()));
        assert.ok(registry.one(DASHBOARD).inputs.dashboardName.length <= 255);
        assert.ok(registry.one(PARAMETER).inputs.name.startsWith("AmazonCloudWatch-"));
    });
});

/**
 * The EventBridge matching this component's patterns use: exact values, and `anything-but` with `prefix`
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html). A field the
 * pattern names must be present in the event.
 */
function matches(pattern: Record<string, any>, event: Record<string, any>): boolean {
    return Object.entries(pattern).every(([field, expected]) => {
        const value = event[field];
        if (!Array.isArray(expected)) return value !== null && typeof value === "object" && matches(expected, value);
        if (value === undefined) return false;
        return expected.some((e) => {
            if (typeof e !== "object") return e === value;
            const but = e["anything-but"];
            if (but?.prefix !== undefined) return typeof value === "string" && !value.startsWith(but.prefix);
            throw new Error(`unsupported pattern operator ${JSON.stringify(e)}`);
        });
    });
}
