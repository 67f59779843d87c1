import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { CERT, T, TOPIC, containerDefinitions, web, webService, withArgs, buildShop } from "./fixtures";

type Built = { registry: Registry; result: ContainerService };

describe("ContainerService: NLB services, queue workers, scaling and alarms", () => {
    describe("network load balancers", () => {
        let b: Built;
        before(async () => {
            b = await buildShop((a) => {
                web(a).alarms = false;
                a.loadBalancers!.edge = { type: "network" };
                a.loadBalancers!.secure = { type: "network", certificateArn: CERT };
                a.services!.tcp = webService(9000, "edge");
                a.services!.tcp.loadBalancer!.listenerPort = 9000;
                a.services!.tls = webService(8443, "secure", { alarms: false });
                a.services!.tls.loadBalancer!.listenerPort = 443;
            });
        });

        it("creates an NLB with a TCP listener on listenerPort forwarding to a TCP target group", () => {
            const nlb = b.registry.one(T.lb, "shop-edge-nlb").inputs;
            assert.equal(nlb.loadBalancerType, "network");
            assert.equal(nlb.enableCrossZoneLoadBalancing, true);
            const l = b.registry.one(T.listener, "shop-edge-listener-9000").inputs;
            const tg = b.registry.one(T.tg, "shop-tcp-tg");
            assert.equal(l.port, 9000);
            assert.equal(l.protocol, "TCP");
            assert.equal(l.loadBalancerArn, b.registry.one(T.lb, "shop-edge-nlb").outputs.arn);
            assert.deepEqual(l.defaultActions, [{ type: "forward", targetGroupArn: tg.outputs.arn }]);
            assert.equal(tg.inputs.protocol, "TCP");
            assert.equal(tg.inputs.port, 9000);
            assert.equal(tg.inputs.targetType, "ip");
            assert.equal(tg.inputs.healthCheck.protocol, "TCP");
            assert.equal(tg.inputs.healthCheck.path, undefined);
        });

        it("terminates TLS on the listener when the NLB has a certificate", () => {
            const l = b.registry.one(T.listener, "shop-secure-listener-443").inputs;
            assert.equal(l.protocol, "TLS");
            assert.equal(l.certificateArn, CERT);
            assert.equal(l.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06");
            assert.deepEqual(l.defaultActions, [{ type: "forward", targetGroupArn: b.registry.one(T.tg, "shop-tls-tg").outputs.arn }]);
        });

        it("listens on 443 by default when the NLB terminates TLS", async () => {
            const { registry } = await build(
                () =>
                    new ContainerService(
                        "tlsdefault",
                        withArgs((a) => {
                            a.loadBalancers = { secure: { type: "network", certificateArn: CERT } };
                            a.services = { tls: webService(8443, "secure", { alarms: false }) };
                        }),
                    ),
            );
            const l = registry.one(T.listener, "tlsdefault-secure-listener-443").inputs;
            assert.deepEqual([l.port, l.protocol], [443, "TLS"]);
        });

        it("opens only the listener port on the NLB's security group", () => {
            assert.deepEqual(
                b.registry.one(T.sg, "shop-edge-lb-sg").inputs.ingress.map((i: any) => [i.protocol, i.fromPort, i.toPort, i.cidrBlocks]),
                [["tcp", 9000, 9000, ["0.0.0.0/0"]]],
            );
            assert.deepEqual(
                b.registry.one(T.sg, "shop-secure-lb-sg").inputs.ingress.map((i: any) => i.fromPort),
                [443],
            );
        });

        it("admits the NLB to the tasks on the container port", () => {
            const r = b.registry.one(T.ingress, "shop-tls-from-lb").inputs;
            assert.equal(r.referencedSecurityGroupId, b.registry.one(T.sg, "shop-secure-lb-sg").id);
            assert.deepEqual([r.fromPort, r.toPort], [8443, 8443]);
        });

        it("outputs tcp:// and tls:// URLs", async () => {
            assert.match(await unwrap(b.result.urls.edge), /^tcp:\/\//);
            assert.match(await unwrap(b.result.urls.secure), /^tls:\/\//);
        });

        it("alarms on NLB unhealthy hosts but not on HTTP 5xx", () => {
            const names = b.registry
                .ofType(T.alarm)
                .map((x) => x.name)
                .sort();
            assert.deepEqual(names, ["shop-tcp-cpu-high", "shop-tcp-memory-high", "shop-tcp-unhealthy-hosts"]);
            assert.equal(b.registry.one(T.alarm, "shop-tcp-unhealthy-hosts").inputs.namespace, "AWS/NetworkELB");
        });

        it("sends alarms nowhere without an alarm topic", () => {
            for (const a of b.registry.ofType(T.alarm)) {
                assert.deepEqual(a.inputs.alarmActions, [], a.name);
                assert.deepEqual(a.inputs.okActions, [], a.name);
            }
        });

        it("leaves the desired count managed by Pulumi without scaling", () => {
            assert.deepEqual(b.registry.one(T.service, "shop-tcp").ignoreChanges, []);
            assert.equal(b.registry.ofType(T.scalingTarget).length, 0);
        });
    });

    describe("a queue worker and a scaled web service, with an alarm topic", () => {
        let b: Built;
        before(async () => {
            b = await buildShop((a) => {
                a.alarmTopicArn = TOPIC;
                web(a).scaling = {
                    minCount: 1,
                    maxCount: 10,
                    cpuTargetPercent: 60,
                    memoryTargetPercent: 70,
                    requestsPerTarget: 500,
                    steps: {
                        latency: {
                            metric: { namespace: "App", metricName: "Latency", dimensions: { Service: "web" } },
                            threshold: 300,
                            steps: [
                                { lower: 0, upper: 100, change: 1 },
                                { lower: 100, change: 3 },
                            ],
                        },
                    },
                    schedules: { night: { schedule: "cron(0 20 * * ? *)", timezone: "Europe/Paris", minCount: 1, maxCount: 2 } },
                };
                a.services!.worker = webService(80, null, {
                    queue: { maxReceiveCount: 3 },
                    desiredCount: 0,
                    scaling: { minCount: 0, maxCount: 5, backlogPerTask: 10 },
                });
            });
        });

        describe("the queue worker", () => {
            it("gets an SSE-encrypted queue and dead-letter queue", () => {
                const q = b.registry.one(T.queue, "shop-worker-queue").inputs;
                const dlq = b.registry.one(T.queue, "shop-worker-dlq").inputs;
                assert.equal(q.sqsManagedSseEnabled, true);
                assert.equal(dlq.sqsManagedSseEnabled, true);
                assert.equal(q.visibilityTimeoutSeconds, 300);
                assert.equal(q.receiveWaitTimeSeconds, 20);
                assert.equal(dlq.messageRetentionSeconds, 1209600);
            });

            it("redrives to the dead-letter queue after maxReceiveCount receives", () => {
                const redrive = json(b.registry.one(T.queue, "shop-worker-queue").inputs.redrivePolicy);
                assert.deepEqual(redrive, { deadLetterTargetArn: b.registry.one(T.queue, "shop-worker-dlq").outputs.arn, maxReceiveCount: 3 });
            });

            for (const [queue, policy] of [
                ["shop-worker-queue", "shop-worker-queue-policy"],
                ["shop-worker-dlq", "shop-worker-dlq-policy"],
            ])
                it(`denies any request to ${queue} that is not over TLS`, () => {
                    const q = b.registry.one(T.queue, queue);
                    const p = b.registry.one(T.queuePolicy, policy).inputs;
                    assert.equal(p.queueUrl, q.outputs.url);
                    const [s] = json(p.policy).Statement;
                    assert.equal(s.Effect, "Deny");
                    assert.equal(s.Resource, q.outputs.arn);
                    assert.deepEqual(s.Condition, { Bool: { "aws:SecureTransport": "false" } });
                });

            it("passes QUEUE_URL to the container and outputs it", async () => {
                const q = b.registry.one(T.queue, "shop-worker-queue");
                const def = containerDefinitions(b.registry.one(T.taskDefinition, "shop-worker-task")).web;
                assert.deepEqual(def.environment, [{ name: "QUEUE_URL", value: q.outputs.url }]);
                assert.equal(await unwrap(b.result.queueUrls.worker), q.outputs.url);
                assert.deepEqual(Object.keys(b.result.queueUrls), ["worker"]);
            });

            it("lets the task role receive and delete messages on exactly its queue", () => {
                const stmts = b.registry.statementsOf("shop-worker-task-role");
                const sqs = stmts.filter((s) => [s.Action].flat().some((x: string) => x.startsWith("sqs:")));
                assert.equal(sqs.length, 1);
                assert.ok(sqs[0].Action.includes("sqs:ReceiveMessage") && sqs[0].Action.includes("sqs:DeleteMessage"));
                assert.ok(!sqs[0].Action.includes("sqs:*") && !sqs[0].Action.includes("sqs:SendMessage"));
                assert.equal(sqs[0].Resource, b.registry.one(T.queue, "shop-worker-queue").outputs.arn);
            });

            it("tracks visible messages per running task with metric math", () => {
                const p = b.registry.one(T.scalingPolicy, "shop-worker-backlog-scaling").inputs;
                const cfg = p.targetTrackingScalingPolicyConfiguration;
                assert.equal(p.policyType, "TargetTrackingScaling");
                assert.equal(cfg.targetValue, 10);
                const metrics = cfg.customizedMetricSpecification.metrics;
                assert.deepEqual(
                    metrics.map((m: any) => m.id),
                    ["visible", "tasks", "backlog"],
                );
                assert.deepEqual(
                    metrics.map((m: any) => m.returnData),
                    [false, false, true],
                );
                const visible = metrics[0].metricStat.metric;
                assert.equal(visible.namespace, "AWS/SQS");
                assert.equal(visible.metricName, "ApproximateNumberOfMessagesVisible");
                assert.deepEqual(visible.dimensions, [{ name: "QueueName", value: b.registry.one(T.queue, "shop-worker-queue").outputs.name }]);
                const tasks = metrics[1].metricStat.metric;
                assert.equal(tasks.metricName, "RunningTaskCount");
                assert.deepEqual(tasks.dimensions, [
                    { name: "ClusterName", value: b.registry.one(T.cluster).outputs.name },
                    { name: "ServiceName", value: b.registry.one(T.service, "shop-worker").outputs.name },
                ]);
                assert.equal(metrics[2].expression, "visible / IF(tasks < 1, 1, tasks)");
            });

            it("scales the worker between 0 and maxCount", () => {
                const t = b.registry.one(T.scalingTarget, "shop-worker-scaling").inputs;
                assert.deepEqual([t.minCapacity, t.maxCapacity], [0, 5]);
            });

            it("alarms on CPU, memory and dead letters (no load balancer)", () => {
                assert.deepEqual(
                    b.registry
                        .ofType(T.alarm)
                        .filter((x) => x.name.startsWith("shop-worker-"))
                        .map((x) => x.name)
                        .sort(),
                    ["shop-worker-cpu-high", "shop-worker-dlq-messages", "shop-worker-memory-high"],
                );
            });

            it("alarms on any message in the dead-letter queue", () => {
                const alarm = b.registry.one(T.alarm, "shop-worker-dlq-messages").inputs;
                const dlq = b.registry.one("aws:sqs/queue:Queue", "shop-worker-dlq").outputs;
                assert.deepEqual(
                    [alarm.namespace, alarm.metricName, alarm.dimensions, alarm.threshold, alarm.comparisonOperator],
                    ["AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: dlq.name }, 1, "GreaterThanOrEqualToThreshold"],
                );
            });
        });

        describe("scaling the web service", () => {
            it("registers the service's desired count between min and max as a scalable target", () => {
                const t = b.registry.one(T.scalingTarget, "shop-web-scaling").inputs;
                const cluster = b.registry.one(T.cluster).outputs.name;
                const svc = b.registry.one(T.service, "shop-web").outputs.name;
                assert.equal(t.resourceId, `service/${cluster}/${svc}`);
                assert.equal(t.serviceNamespace, "ecs");
                assert.equal(t.scalableDimension, "ecs:service:DesiredCount");
                assert.deepEqual([t.minCapacity, t.maxCapacity], [1, 10]);
            });

            it("tracks average CPU and memory with the default cooldowns", () => {
                const target = b.registry.one(T.scalingTarget, "shop-web-scaling").inputs;
                for (const [name, type, value] of [
                    ["shop-web-cpu-scaling", "ECSServiceAverageCPUUtilization", 60],
                    ["shop-web-memory-scaling", "ECSServiceAverageMemoryUtilization", 70],
                ] as const) {
                    const p = b.registry.one(T.scalingPolicy, name).inputs;
                    assert.equal(p.policyType, "TargetTrackingScaling");
                    assert.equal(p.resourceId, target.resourceId);
                    const cfg = p.targetTrackingScalingPolicyConfiguration;
                    assert.equal(cfg.targetValue, value);
                    assert.equal(cfg.predefinedMetricSpecification.predefinedMetricType, type);
                    assert.equal(cfg.scaleInCooldown, 300);
                    assert.equal(cfg.scaleOutCooldown, 60);
                }
            });

            it("tracks ALB requests per target, labelled '<lb arnSuffix>/<tg arnSuffix>'", () => {
                const spec = b.registry.one(T.scalingPolicy, "shop-web-requests-scaling").inputs.targetTrackingScalingPolicyConfiguration
                    .predefinedMetricSpecification;
                assert.equal(spec.predefinedMetricType, "ALBRequestCountPerTarget");
                const lb = b.registry.one(T.lb, "shop-public-alb").outputs.arnSuffix;
                const tg = b.registry.one(T.tg, "shop-web-tg").outputs.arnSuffix;
                assert.equal(spec.resourceLabel, `${lb}/${tg}`);
                assert.match(spec.resourceLabel, /^app\/.+\/targetgroup\/.+/);
            });

            it("adds a step scaling policy with its steps as bounds relative to the threshold", () => {
                const p = b.registry.one(T.scalingPolicy, "shop-web-latency-step-scaling").inputs;
                assert.equal(p.policyType, "StepScaling");
                const cfg = p.stepScalingPolicyConfiguration;
                assert.equal(cfg.adjustmentType, "ChangeInCapacity");
                assert.equal(cfg.cooldown, 120);
                assert.deepEqual(cfg.stepAdjustments, [
                    { metricIntervalLowerBound: "0", metricIntervalUpperBound: "100", scalingAdjustment: 1 },
                    { metricIntervalLowerBound: "100", scalingAdjustment: 3 },
                ]);
            });

            it("triggers the step policy from an alarm on the given metric and threshold", () => {
                const alarm = b.registry.one(T.alarm, "shop-web-latency-step-alarm").inputs;
                assert.deepEqual(alarm.alarmActions, [b.registry.one(T.scalingPolicy, "shop-web-latency-step-scaling").outputs.arn]);
                assert.equal(alarm.namespace, "App");
                assert.equal(alarm.metricName, "Latency");
                assert.deepEqual(alarm.dimensions, { Service: "web" });
                assert.equal(alarm.statistic, "Average");
                assert.equal(alarm.period, 60);
                assert.equal(alarm.threshold, 300);
                assert.equal(alarm.comparisonOperator, "GreaterThanOrEqualToThreshold");
            });

            it("schedules capacity changes with their schedule, time zone and bounds", () => {
                const s = b.registry.one(T.scheduledAction, "shop-web-night-scheduled-scaling").inputs;
                assert.equal(s.schedule, "cron(0 20 * * ? *)");
                assert.equal(s.timezone, "Europe/Paris");
                assert.deepEqual(s.scalableTargetAction, { minCapacity: 1, maxCapacity: 2 });
                assert.equal(s.resourceId, b.registry.one(T.scalingTarget, "shop-web-scaling").inputs.resourceId);
            });

            it("lets Application Auto Scaling own the desired count (ignoreChanges)", () => {
                assert.deepEqual(b.registry.one(T.service, "shop-web").ignoreChanges, ["desiredCount"]);
                assert.deepEqual(b.registry.one(T.service, "shop-worker").ignoreChanges, ["desiredCount"]);
            });
        });

        describe("alarms", () => {
            it("watches the service's CPU and memory on AWS/ECS by cluster and service name", () => {
                const cluster = b.registry.one(T.cluster).outputs.name;
                const svc = b.registry.one(T.service, "shop-web").outputs.name;
                for (const [name, metric] of [
                    ["shop-web-cpu-high", "CPUUtilization"],
                    ["shop-web-memory-high", "MemoryUtilization"],
                ]) {
                    const a = b.registry.one(T.alarm, name).inputs;
                    assert.equal(a.namespace, "AWS/ECS");
                    assert.equal(a.metricName, metric);
                    assert.deepEqual(a.dimensions, { ClusterName: cluster, ServiceName: svc });
                    assert.equal(a.threshold, 80);
                    assert.deepEqual([a.evaluationPeriods, a.datapointsToAlarm], [5, 3]);
                }
            });

            it("watches target 5xx and unhealthy hosts by load balancer and target group arnSuffix", () => {
                const dims = {
                    LoadBalancer: b.registry.one(T.lb, "shop-public-alb").outputs.arnSuffix,
                    TargetGroup: b.registry.one(T.tg, "shop-web-tg").outputs.arnSuffix,
                };
                const x5 = b.registry.one(T.alarm, "shop-web-http-5xx").inputs;
                assert.equal(x5.namespace, "AWS/ApplicationELB");
                assert.equal(x5.metricName, "HTTPCode_Target_5XX_Count");
                assert.equal(x5.threshold, 10);
                assert.deepEqual(x5.dimensions, dims);
                const uh = b.registry.one(T.alarm, "shop-web-unhealthy-hosts").inputs;
                assert.equal(uh.metricName, "UnHealthyHostCount");
                assert.deepEqual(uh.dimensions, dims);
            });

            it("notifies the alarm topic on alarm and on recovery", () => {
                for (const name of ["shop-web-cpu-high", "shop-web-memory-high", "shop-web-http-5xx", "shop-web-unhealthy-hosts", "shop-worker-cpu-high"]) {
                    const a = b.registry.one(T.alarm, name).inputs;
                    assert.deepEqual(a.alarmActions, [TOPIC], name);
                    assert.deepEqual(a.okActions, [TOPIC], name);
                }
            });
        });
    });

    it("creates no alarms with alarms: false, and honours custom thresholds", async () => {
        const { registry } = await buildShop((a) => {
            web(a).alarms = { cpuPercent: 90, http5xxPerMinute: 50 };
            a.services!.quiet = webService(80, null, { alarms: false });
        });
        assert.deepEqual(
            registry.ofType(T.alarm).filter((x) => x.name.startsWith("shop-quiet-")),
            [],
        );
        assert.equal(registry.one(T.alarm, "shop-web-cpu-high").inputs.threshold, 90);
        assert.equal(registry.one(T.alarm, "shop-web-memory-high").inputs.threshold, 80);
        assert.equal(registry.one(T.alarm, "shop-web-http-5xx").inputs.threshold, 50);
    });
});
