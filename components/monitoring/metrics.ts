import type * as pulumi from "@pulumi/pulumi";
import type { EcsServiceAlarm } from "./args";
import type { ResolvedMonitoring } from "./defaults";
import type { RuleSpec } from "./events";

/**
 * One alarm's metric, as CloudWatch names it: the alarm and its dashboard graph are built from the same
 * spec, so the dashboard shows exactly what alarms. Plain data (dimension values may be Outputs).
 */
export interface AlarmSpec {
    /** The record the resource came from (`ecsServices`, …) and its key: the alarm's name is `<name>-<key>-<role>`. */
    group: "ecsServices" | "httpApis" | "restApis" | "functions" | "tables" | "queues" | "pipelines" | "events";
    key: string;
    /** The argument that asked for the alarm (`functions.thumbs`, `events.ecsTaskStateChanges`), for error messages. */
    path: string;
    /** `cpu-high`, `5xx`, …: the last word of the alarm's name. */
    role: string;
    title: string;
    namespace: string;
    metricName: string;
    /** In the order CloudWatch lists them (a dashboard graph's metric array keeps it). */
    dimensions: Record<string, pulumi.Input<string>>;
    /** `Average`, `Sum`, … or a percentile (`p99`: an extended statistic). */
    stat: string;
    threshold: number;
    /** Why the alarm treats missing data as it does. */
    treatMissingData: "notBreaching" | "breaching" | "ignore" | "missing";
    unit: string;
    /** "M of N periods" of its own, instead of `thresholds`' shared one. */
    window?: { evaluationPeriods: number; datapointsToAlarm: number };
    /** An alarm is made; otherwise the metric is only graphed (something else alarms on it). */
    alarm: boolean;
}

/** A percentile statistic goes in `extendedStatistic`, the others in `statistic` (PutMetricAlarm refuses both). */
export const isPercentile = (stat: string): boolean => /^p\d+(\.\d+)?$/.test(stat);

/**
 * Every alarm the args ask for. Metric names, dimensions and statistics from the services' own pages:
 * - ECS `AWS/ECS` `CPUUtilization`/`MemoryUtilization`, dimensions `ClusterName` + `ServiceName`, Average
 *   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html);
 * - ALB `AWS/ApplicationELB` `HTTPCode_Target_5XX_Count`, `LoadBalancer` + `TargetGroup` (ARN suffixes), Sum
 *   (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html);
 * - HTTP API `AWS/ApiGateway` `5xx` and `Latency`, `ApiId` (+ `Stage`)
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html);
 * - REST API `AWS/ApiGateway` `5XXError` and `Latency`, `ApiName` + `Stage`: a REST API's metrics carry its
 *   name, not its id (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html);
 * - Lambda `AWS/Lambda` `Errors` and `Throttles`, `FunctionName`, Sum
 *   (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html);
 * - SQS `AWS/SQS` `ApproximateNumberOfMessagesVisible`, `QueueName`, Maximum: on a dead-letter queue every
 *   message is a failure (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html);
 * - DynamoDB `AWS/DynamoDB` `ReadThrottleEvents`/`WriteThrottleEvents`, `TableName`, Sum
 *   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html). Not
 *   `ThrottledRequests`: it is published only per `TableName` + `Operation`, one alarm per API operation.
 *
 * Missing data: counts (5xx, errors, throttles) are published only when nonzero or when there is traffic,
 * and an idle service reports no CPU: "no data" is "nothing wrong" (`notBreaching`).
 */
export function alarmSpecs(cfg: ResolvedMonitoring): AlarmSpec[] {
    const t = cfg.thresholds;
    const specs: AlarmSpec[] = [];
    const add = (s: Omit<AlarmSpec, "treatMissingData" | "path" | "alarm"> & Partial<Pick<AlarmSpec, "treatMissingData" | "alarm">>) =>
        specs.push({ treatMissingData: "notBreaching", alarm: true, path: `${s.group}.${s.key}`, ...s });

    for (const [key, s] of Object.entries(cfg.ecsServices)) {
        const dimensions = { ClusterName: s.clusterName, ServiceName: s.serviceName };
        const alarm = (role: EcsServiceAlarm) => s.alarms.includes(role);
        add({
            group: "ecsServices",
            key,
            alarm: alarm("cpu-high"),
            role: "cpu-high",
            title: `${key}: CPU`,
            namespace: "AWS/ECS",
            metricName: "CPUUtilization",
            dimensions,
            stat: "Average",
            threshold: t.ecsCpuPercent,
            unit: "%",
        });
        add({
            group: "ecsServices",
            key,
            alarm: alarm("memory-high"),
            role: "memory-high",
            title: `${key}: memory`,
            namespace: "AWS/ECS",
            metricName: "MemoryUtilization",
            dimensions,
            stat: "Average",
            threshold: t.ecsMemoryPercent,
            unit: "%",
        });
        if (s.targetGroupArnSuffix !== undefined && s.loadBalancerArnSuffix !== undefined) {
            add({
                group: "ecsServices",
                key,
                alarm: alarm("target-5xx"),
                role: "target-5xx",
                title: `${key}: target 5xx`,
                namespace: "AWS/ApplicationELB",
                metricName: "HTTPCode_Target_5XX_Count",
                dimensions: { LoadBalancer: s.loadBalancerArnSuffix, TargetGroup: s.targetGroupArnSuffix },
                stat: "Sum",
                threshold: t.target5xxCount,
                unit: "responses",
            });
        }
    }
    /** HTTP and REST APIs alarm alike; only the 5xx metric's name and the dimensions differ. */
    const apiAlarms = (group: "httpApis" | "restApis", key: string, fiveXxMetric: string, dimensions: AlarmSpec["dimensions"]) => {
        add({
            group,
            key,
            role: "5xx",
            title: `${key}: ${fiveXxMetric}`,
            namespace: "AWS/ApiGateway",
            metricName: fiveXxMetric,
            dimensions,
            stat: "Sum",
            threshold: t.api5xxCount,
            unit: "responses",
        });
        add({
            group,
            key,
            role: "latency-p99",
            title: `${key}: p99 latency`,
            namespace: "AWS/ApiGateway",
            metricName: "Latency",
            dimensions,
            stat: "p99",
            threshold: t.apiLatencyP99Ms,
            unit: "ms",
        });
    };
    for (const [key, api] of Object.entries(cfg.httpApis))
        apiAlarms("httpApis", key, "5xx", api.stage === undefined ? { ApiId: api.apiId } : { ApiId: api.apiId, Stage: api.stage });
    for (const [key, api] of Object.entries(cfg.restApis)) apiAlarms("restApis", key, "5XXError", { ApiName: api.apiName, Stage: api.stage });
    for (const [key, fn] of Object.entries(cfg.functions)) {
        const dimensions = { FunctionName: fn.functionName };
        add({
            group: "functions",
            key,
            role: "errors",
            title: `${key}: errors`,
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions,
            stat: "Sum",
            threshold: t.lambdaErrors,
            unit: "invocations",
        });
        add({
            group: "functions",
            key,
            role: "throttles",
            title: `${key}: throttles`,
            namespace: "AWS/Lambda",
            metricName: "Throttles",
            dimensions,
            stat: "Sum",
            threshold: t.lambdaThrottles,
            unit: "invocations",
        });
    }
    for (const [key, table] of Object.entries(cfg.tables)) {
        const dimensions = { TableName: table.tableName };
        for (const [role, metricName] of [
            ["read-throttles", "ReadThrottleEvents"],
            ["write-throttles", "WriteThrottleEvents"],
        ] as const) {
            add({
                group: "tables",
                key,
                role,
                title: `${key}: ${metricName}`,
                namespace: "AWS/DynamoDB",
                metricName,
                dimensions,
                stat: "Sum",
                threshold: t.tableThrottleEvents,
                unit: "events",
            });
        }
    }
    for (const [key, queue] of Object.entries(cfg.queues)) {
        add({
            group: "queues",
            key,
            alarm: queue.alarm,
            role: "dead-letters",
            title: `${key}: messages waiting`,
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: queue.queueName },
            stat: "Maximum",
            threshold: t.deadLetterMessages,
            unit: "messages",
            // SQS stops publishing a queue's metrics some hours after its last activity, while messages may still
            // wait (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html):
            // missing data keeps the alarm's state instead of turning it OK.
            treatMissingData: "ignore",
        });
    }
    return specs;
}

/**
 * One alarm per EventBridge rule on its failed deliveries to the topic: `AWS/Events` `FailedInvocations`
 * by `RuleName`, Sum (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html). A
 * rule whose target the topic refuses (no `publishers: ["events"]` on the AlarmTopic, or a key policy
 * without EventBridge) drops its events with no other trace
 * (https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification); CloudWatch alarms are
 * always admitted, so this one gets through exactly when the rule's messages do not. One failure is
 * enough: 1 of 1 period.
 */
export function ruleAlarmSpecs(rules: RuleSpec[], ruleName: (rule: RuleSpec) => pulumi.Input<string>): AlarmSpec[] {
    return rules.map((r) => ({
        group: r.group,
        key: r.alarmKey,
        path: r.path,
        role: "failed-delivery",
        title: `${r.alarmKey}: failed deliveries to the topic`,
        namespace: "AWS/Events",
        metricName: "FailedInvocations",
        dimensions: { RuleName: ruleName(r) },
        stat: "Sum",
        threshold: 1,
        treatMissingData: "notBreaching",
        alarm: true,
        unit: "invocations",
        window: { evaluationPeriods: 1, datapointsToAlarm: 1 },
    }));
}
