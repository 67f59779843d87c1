import * as assert from "node:assert";
import { Monitoring, type MonitoringArgs } from "../../../components/monitoring";
import { DEFAULTS, normalize } from "../../../components/monitoring/defaults";
import { validate } from "../../../components/monitoring/validate";
import { ArgsError } from "../../../components/shared/errors";
import { buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { CLUSTER_ARN, TOPIC, fullArgs } from "./fixture";

const base = (extra: Partial<MonitoringArgs>): MonitoringArgs => ({ alarmTopicArn: TOPIC, ...extra });
const manyFunctions = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, { functionName: `fn-${i}` }]));
const bigLogFiles = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`f${i}`, { filePath: `/var/log/app/${"x".repeat(40)}-${i}.log`, logGroupName: `/ec2/app/${"y".repeat(20)}-${i}` }]),
);

describe("Monitoring validation", () => {
    const cases: Array<{ title: string; args: MonitoringArgs; path: string; message: RegExp }> = [
        {
            title: "rejects an alarm topic that is not an SNS topic ARN",
            args: base({ alarmTopicArn: "alarms" }),
            path: "alarmTopicArn",
            message: /SNS topic ARN/,
        },
        {
            title: "rejects a resource key that cannot name a child",
            args: base({ functions: { Thumbs_Fn: { functionName: "thumbs" } } }),
            path: "functions.Thumbs_Fn",
            message: /lower-case/,
        },
        {
            title: "rejects a target group without its load balancer (the 5xx metric needs both dimensions)",
            args: base({ ecsServices: { web: { clusterName: "shop", serviceName: "web", targetGroupArnSuffix: "targetgroup/web/0123456789abcdef" } } }),
            path: "ecsServices.web.loadBalancerArnSuffix",
            message: /is required.*both/,
        },
        {
            title: "rejects a full target group ARN where the metric dimension is its suffix",
            args: base({
                ecsServices: {
                    web: {
                        clusterName: "shop",
                        serviceName: "web",
                        targetGroupArnSuffix: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef",
                        loadBalancerArnSuffix: "app/shop/0123456789abcdef",
                    },
                },
            }),
            path: "ecsServices.web.targetGroupArnSuffix",
            message: /targetgroup\/<name>\/<16 hex>/,
        },
        {
            title: "rejects a Network Load Balancer, which publishes no target 5xx",
            args: base({
                ecsServices: {
                    web: {
                        clusterName: "shop",
                        serviceName: "web",
                        targetGroupArnSuffix: "targetgroup/web/0123456789abcdef",
                        loadBalancerArnSuffix: "net/shop/0123456789abcdef",
                    },
                },
            }),
            path: "ecsServices.web.loadBalancerArnSuffix",
            message: /Application Load Balancer/,
        },
        {
            title: "rejects an HTTP API given by name instead of id",
            args: base({ httpApis: { api: { apiId: "shop-api" } } }),
            path: "httpApis.api.apiId",
            message: /API id/,
        },
        {
            title: "rejects an HTTP API stage name API Gateway does not allow",
            args: base({ httpApis: { api: { apiId: "a1b2c3d4e5", stage: "prod stage" } } }),
            path: "httpApis.api.stage",
            message: /stage name/,
        },
        {
            title: "rejects a REST API stage name API Gateway does not allow",
            args: base({ restApis: { legacy: { apiName: "orders", stage: "v1.0" } } }),
            path: "restApis.legacy.stage",
            message: /stage name/,
        },
        {
            title: "rejects a function ARN where the FunctionName dimension is the name",
            args: base({ functions: { f: { functionName: "arn:aws:lambda:us-east-1:123456789012:function:thumbs" } } }),
            path: "functions.f.functionName",
            message: /not an ARN/,
        },
        {
            title: "rejects a table name DynamoDB does not allow",
            args: base({ tables: { t: { tableName: "ab" } } }),
            path: "tables.t.tableName",
            message: /table name/,
        },
        {
            title: "rejects a pipeline name CodePipeline does not allow",
            args: base({ pipelines: { p: { pipelineName: "my pipeline" } } }),
            path: "pipelines.p.pipelineName",
            message: /pipeline name/,
        },
        {
            title: "rejects a log group ARN where saved queries take the group's name",
            args: base({ logGroups: { web: { logGroupName: "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web" } } }),
            path: "logGroups.web.logGroupName",
            message: /log group name/,
        },
        {
            title: "rejects a log group kind that has no queries",
            args: base({ logGroups: { web: { logGroupName: "/ecs/web", kind: "nginx" as "lambda" } } }),
            path: "logGroups.web.kind",
            message: /not supported/,
        },
        {
            title: "rejects an ECS task rule without clusters (it would match every cluster's tasks)",
            args: base({ events: { ecsTaskStateChanges: { clusterArns: [] } } }),
            path: "events.ecsTaskStateChanges.clusterArns",
            message: /empty/,
        },
        {
            title: "rejects a cluster name where the ECS event carries the cluster's ARN",
            args: base({ events: { ecsTaskStateChanges: { clusterArns: ["shop"] } } }),
            path: "events.ecsTaskStateChanges.clusterArns[0]",
            message: /ECS cluster ARN/,
        },
        {
            title: "rejects an Auto Scaling group listed twice",
            args: base({ events: { autoScaling: { groupNames: ["web-asg", "web-asg"] } } }),
            path: "events.autoScaling.groupNames[1]",
            message: /twice/,
        },
        {
            title: "rejects an Auto Scaling group ARN where the event carries the group's name",
            args: base({
                events: { autoScaling: { groupNames: ["arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/web"] } },
            }),
            path: "events.autoScaling.groupNames[0]",
            message: /not an ARN/,
        },
        {
            title: "rejects an event pattern beyond EventBridge's 2048 characters",
            args: base({ events: { ecsTaskStateChanges: { clusterArns: Array.from({ length: 40 }, (_, i) => `${CLUSTER_ARN}-${i}`) } } }),
            path: "events.ecsTaskStateChanges.clusterArns",
            message: /at most 2048 characters/,
        },
        {
            title: "rejects an agent sampling interval of zero",
            args: base({ ec2Agent: { metricsCollectionIntervalSeconds: 0 } }),
            path: "ec2Agent.metricsCollectionIntervalSeconds",
            message: /from 1 to 86400/,
        },
        {
            title: "rejects a relative disk path",
            args: base({ ec2Agent: { diskPaths: ["data"] } }),
            path: "ec2Agent.diskPaths[0]",
            message: /absolute mount point/,
        },
        {
            title: "rejects a log file retention CloudWatch Logs does not offer",
            args: base({ ec2Agent: { logFiles: { app: { filePath: "/var/log/app.log", logGroupName: "/ec2/app", retentionDays: 10 } } } }),
            path: "ec2Agent.logFiles.app.retentionDays",
            message: /not supported.*14/,
        },
        {
            title: "rejects a relative log file path",
            args: base({ ec2Agent: { logFiles: { app: { filePath: "app.log", logGroupName: "/ec2/app" } } } }),
            path: "ec2Agent.logFiles.app.filePath",
            message: /absolute file path/,
        },
        {
            title: "rejects an agent configuration larger than a Standard parameter",
            args: base({ ec2Agent: { logFiles: bigLogFiles } }),
            path: "ec2Agent",
            message: /4096 bytes/,
        },
        {
            title: "rejects a CPU threshold above 1000% (above 100 is reachable only by bursting tasks)",
            args: base({ thresholds: { ecsCpuPercent: 1001 } }),
            path: "thresholds.ecsCpuPercent",
            message: /from 1 to 1000/,
        },
        {
            title: "rejects a count threshold of 0 (it would alarm every period)",
            args: base({ thresholds: { lambdaErrors: 0 } }),
            path: "thresholds.lambdaErrors",
            message: /from 1 to/,
        },
        {
            title: "rejects a latency threshold of 0",
            args: base({ thresholds: { apiLatencyP99Ms: 0 } }),
            path: "thresholds.apiLatencyP99Ms",
            message: /from 1 to 300000/,
        },
        {
            title: "rejects a period that is not a multiple of 60 seconds",
            args: base({ thresholds: { periodSeconds: 90 } }),
            path: "thresholds.periodSeconds",
            message: /multiple of 60/,
        },
        {
            title: "rejects a sub-minute period (these are one-minute metrics)",
            args: base({ thresholds: { periodSeconds: 30 } }),
            path: "thresholds.periodSeconds",
            message: /one-minute/,
        },
        {
            title: "rejects zero evaluation periods",
            args: base({ thresholds: { evaluationPeriods: 0 } }),
            path: "thresholds.evaluationPeriods",
            message: /from 1 to/,
        },
        {
            title: "rejects an evaluation window longer than a day with a period under an hour",
            args: base({ thresholds: { periodSeconds: 1800, evaluationPeriods: 49, datapointsToAlarm: 1 } }),
            path: "thresholds.evaluationPeriods",
            message: /one day.*at most 48/,
        },
        {
            title: "rejects an evaluation window longer than seven days with an hourly period",
            args: base({ thresholds: { periodSeconds: 3600, evaluationPeriods: 169, datapointsToAlarm: 1 } }),
            path: "thresholds.evaluationPeriods",
            message: /seven days.*at most 168/,
        },
        {
            title: "rejects more datapoints to alarm than evaluation periods",
            args: base({ thresholds: { evaluationPeriods: 2, datapointsToAlarm: 3 } }),
            path: "thresholds.datapointsToAlarm",
            message: /from 1 to 2/,
        },
        {
            title: "rejects a dashboard beyond CloudWatch's 500 widgets",
            args: base({ functions: manyFunctions(250) }),
            path: "dashboard",
            message: /501 widgets.*at most 500/,
        },
        {
            title: "rejects an HTTP API and a REST API under the same key (their alarms would share a name and a URN)",
            args: base({ httpApis: { api: { apiId: "a1b2c3d4e5" } }, restApis: { api: { apiName: "orders", stage: "prod" } } }),
            path: "restApis.api",
            message: /names the same alarm as httpApis\.api \(api-5xx\).*a key no other record/,
        },
        {
            title: "rejects keys of different records whose key and role make the same alarm name",
            args: base({
                ecsServices: {
                    web: {
                        clusterName: "shop",
                        serviceName: "web",
                        targetGroupArnSuffix: "targetgroup/web/0123456789abcdef",
                        loadBalancerArnSuffix: "app/shop/0123456789abcdef",
                    },
                },
                httpApis: { "web-target": { apiId: "a1b2c3d4e5" } },
            }),
            path: "httpApis.web-target",
            message: /same alarm as ecsServices\.web \(web-target-5xx\)/,
        },
        {
            title: "rejects a pipeline key whose failed-delivery alarm is the stopped-task rule's",
            args: base({
                pipelines: { "ecs-task-stopped": { pipelineName: "release" } },
                events: { ecsTaskStateChanges: { clusterArns: [CLUSTER_ARN] } },
            }),
            path: "events.ecsTaskStateChanges",
            message: /same alarm as pipelines\.ecs-task-stopped \(ecs-task-stopped-failed-delivery\)/,
        },
        {
            title: "rejects a queue given by URL instead of name",
            args: base({ queues: { dlq: { queueName: "https://sqs.us-east-1.amazonaws.com/123456789012/dlq" } } }),
            path: "queues.dlq.queueName",
            message: /queue name.*not its URL/,
        },
        {
            title: "rejects a dead-letter threshold of 0 (it would alarm every period)",
            args: base({ thresholds: { deadLetterMessages: 0 } }),
            path: "thresholds.deadLetterMessages",
            message: /from 1 to/,
        },
        {
            title: "rejects an ECS service alarm Monitoring does not make",
            args: base({ ecsServices: { web: { clusterName: "shop", serviceName: "web", alarms: ["http-5xx" as "target-5xx"] } } }),
            path: "ecsServices.web.alarms[0]",
            message: /cpu-high/,
        },
        {
            title: "rejects an ECS service alarm listed twice",
            args: base({ ecsServices: { web: { clusterName: "shop", serviceName: "web", alarms: ["cpu-high", "cpu-high"] } } }),
            path: "ecsServices.web.alarms[1]",
            message: /listed twice/,
        },
        {
            title: "rejects a queue's alarm switch that is not a boolean",
            args: base({ queues: { dlq: { queueName: "dlq", alarm: "no" as unknown as boolean } } }),
            path: "queues.dlq.alarm",
            message: /boolean|true|false/,
        },
        {
            title: "rejects an unknown argument, suggesting the nearest",
            args: { ...base({}), treshold: {} } as MonitoringArgs,
            path: "treshold",
            message: /thresholds/,
        },
        {
            title: "rejects a tag key in the reserved aws: namespace",
            args: base({ tags: { "aws:x": "y" } }),
            path: "tags.aws:x",
            message: /not a valid tag key/,
        },
    ];
    for (const c of cases) {
        it(c.title, async () => {
            const issues = validate(c.args);
            assert.deepEqual(
                issues.map((i) => i.path),
                [c.path],
                JSON.stringify(issues),
            );
            assert.match(`${issues[0].message}; allowed: ${issues[0].allowed}`, c.message);
            const { error, registry } = await buildFails(() => new Monitoring("ops", c.args));
            assert.ok(error instanceof ArgsError);
            assert.match(error.message, /^Monitoring "ops": /);
            assert.equal(registry.size, 0);
        });
    }

    it("reports every issue at once, registering nothing", async () => {
        const args = base({
            alarmTopicArn: "alarms",
            functions: { f: { functionName: "arn:aws:lambda:us-east-1:123456789012:function:f" } },
            thresholds: { ecsCpuPercent: 0, periodSeconds: 45 },
            ec2Agent: { diskPaths: ["data"] },
        });
        const { error, registry } = await buildFails(() => new Monitoring("ops", args));
        assert.ok(error instanceof ArgsError);
        assert.deepEqual(
            error.issues.map((i) => i.path),
            ["alarmTopicArn", "functions.f.functionName", "ec2Agent.diskPaths[0]", "thresholds.ecsCpuPercent", "thresholds.periodSeconds"],
        );
        assert.equal(registry.size, 0);
    });

    it("accepts an evaluation window of up to seven days when the period is an hour or more (PutMetricAlarm)", () => {
        assert.deepEqual(validate(base({ thresholds: { periodSeconds: 3600, evaluationPeriods: 48, datapointsToAlarm: 1 } })), []);
        assert.deepEqual(validate(base({ thresholds: { periodSeconds: 3600, evaluationPeriods: 168, datapointsToAlarm: 1 } })), []);
    });

    it("accepts ECS CPU and memory thresholds above 100% (tasks may burst past their reservation)", () => {
        assert.deepEqual(validate(base({ thresholds: { ecsCpuPercent: 150, ecsMemoryPercent: 120 } })), []);
    });

    it("accepts a FIFO dead-letter queue's name", () => {
        assert.deepEqual(validate(base({ queues: { dlq: { queueName: "orders-dlq.fifo" } } })), []);
    });

    it("requires the alarm topic", () => {
        assert.deepEqual(
            validate({} as MonitoringArgs).map((i) => [i.path, i.message]),
            [["alarmTopicArn", "is required"]],
        );
    });

    it("accepts the full example and the bare topic", () => {
        assert.deepEqual(validate(fullArgs()), []);
        assert.deepEqual(validate(base({})), []);
    });

    it("accepts the largest dashboard CloudWatch allows (a header and 499 graphs) and refuses more", () => {
        // 248 functions × 2 alarms + an ECS service with a target group × 3 = 499 graphs.
        const web = {
            clusterName: "shop",
            serviceName: "web",
            targetGroupArnSuffix: "targetgroup/web/0123456789abcdef",
            loadBalancerArnSuffix: "app/shop/0123456789abcdef",
        };
        assert.deepEqual(validate(base({ functions: manyFunctions(248), ecsServices: { web } })), []);
        const { targetGroupArnSuffix: _t, loadBalancerArnSuffix: _l, ...plain } = web;
        assert.deepEqual(
            validate(base({ functions: manyFunctions(248), ecsServices: { web, worker: plain } })).map((i) => i.path),
            ["dashboard"],
        );
    });

    it("gives the same verdict on its own resolved values", () => {
        for (const args of [fullArgs(), base({})]) {
            const resolved = normalize(args);
            assert.deepEqual(validate({ ...resolved, ec2Agent: resolved.ec2Agent } as MonitoringArgs), []);
        }
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/monitoring/args.ts", DEFAULTS));
});
