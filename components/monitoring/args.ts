import type * as pulumi from "@pulumi/pulumi";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as ssm from "@pulumi/aws/ssm";
import type { Transform } from "../shared/transform";

/** An ECS service's alarms here: CPU and memory (`AWS/ECS`), and target 5xx (`AWS/ApplicationELB`, with the target group). */
export type EcsServiceAlarm = "cpu-high" | "memory-high" | "target-5xx";

/** An ECS service to watch (ContainerService gives `clusterName` and, per service, its service name and target group). */
export interface MonitoredEcsService {
    clusterName: pulumi.Input<string>;
    serviceName: pulumi.Input<string>;
    /**
     * The target group's ARN suffix (`targetgroup/<name>/<id>`, the `arnSuffix` output), for the target 5xx
     * alarm. Give it together with `loadBalancerArnSuffix`.
     * @default - no target 5xx alarm
     */
    targetGroupArnSuffix?: pulumi.Input<string>;
    /**
     * The Application Load Balancer's ARN suffix (`app/<name>/<id>`, the `arnSuffix` output).
     * @default - no target 5xx alarm
     */
    loadBalancerArnSuffix?: pulumi.Input<string>;
    /**
     * Which of the service's metrics alarm here; the others are still graphed on the dashboard, without a
     * threshold line. `[]` for a service whose ContainerService has its own `alarms` (on by default: its
     * `cpu-high`, `memory-high` and `http-5xx` alarms watch the same metrics), or every breach notifies twice.
     * `target-5xx` alarms (and is graphed) only when `targetGroupArnSuffix` and `loadBalancerArnSuffix` are given.
     * @default ["cpu-high", "memory-high", "target-5xx"]
     * @example []
     */
    alarms?: EcsServiceAlarm[];
}

/** An API Gateway HTTP API (v2) to watch. */
export interface MonitoredHttpApi {
    apiId: pulumi.Input<string>;
    /**
     * The stage whose metrics to watch (`$default` for the default stage). HTTP APIs publish per `ApiId`
     * and per `ApiId` + `Stage` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html).
     * @default - every stage together (the `ApiId` dimension alone)
     */
    stage?: string;
}

/** An API Gateway REST API (v1) to watch: its metrics are keyed by the API's *name*, not its id. */
export interface MonitoredRestApi {
    apiName: pulumi.Input<string>;
    stage: pulumi.Input<string>;
}

export interface MonitoredFunction {
    functionName: pulumi.Input<string>;
}

export interface MonitoredTable {
    tableName: pulumi.Input<string>;
}

/** An SQS dead-letter queue to watch: any message in it is a failure someone must look at. */
export interface MonitoredQueue {
    /** The queue's name (the `QueueName` dimension, the `name` output), not its URL or ARN. */
    queueName: pulumi.Input<string>;
    /**
     * Alarm on it here. `false` for a queue that already has an alarm of its own (a ContainerService queue
     * worker's `dlq-messages`): the queue is then only graphed on the dashboard, without a threshold line.
     * @default true
     */
    alarm?: boolean;
}

export interface MonitoredPipeline {
    pipelineName: pulumi.Input<string>;
}

/** Which saved Logs Insights queries suit a log group's lines. */
export type LogGroupKind = "application" | "lambda" | "api-access";

export interface MonitoredLogGroup {
    logGroupName: pulumi.Input<string>;
    /**
     * `application`: free-text lines (errors, errors per 5 minutes); `lambda`: a function's log group (adds
     * the slowest invocations and cold starts, from Lambda's per-invocation report: the JSON-format
     * `platform.report` event a LambdaFunction writes, or a text-format `REPORT` line); `api-access`: API Gateway JSON
     * access logs in this project's format (server errors, slowest requests, requests by status).
     * @default "application"
     */
    kind?: LogGroupKind;
}

/** EventBridge rules that forward events to the alarm topic (the topic must admit EventBridge: AlarmTopic `publishers: ["events"]`). */
export interface MonitoringEventsArgs {
    /**
     * Stopped tasks of these clusters (`ECS Task State Change` with `lastStatus` STOPPED): crashes, failed
     * health checks, tasks that failed to start, Spot interruptions, with ECS's `stoppedReason`. Tasks a
     * deployment replaced or a scale-in stopped ("Scaling activity initiated by …") are left out; `StopTask`
     * calls and essential containers that exited with code 0 (a finished one-off task) are reported.
     * @default - no rule
     * @example { clusterArns: [shop.clusterArn] }
     */
    ecsTaskStateChanges?: { clusterArns: pulumi.Input<string>[] };
    /**
     * Launches and terminations (successful or not) of these Auto Scaling groups.
     * @default - no rule
     * @example { groupNames: ["web-asg-1a2b3c4"] }
     */
    autoScaling?: { groupNames: pulumi.Input<string>[] };
}

/** A log file the CloudWatch agent ships to CloudWatch Logs. */
export interface AgentLogFile {
    /** Absolute path on the instance; the agent accepts `*` wildcards. */
    filePath: string;
    /** The log group it goes to (the agent creates it). */
    logGroupName: string;
    /**
     * Retention the agent sets on the group (a CloudWatch Logs retention value).
     * @default 30
     */
    retentionDays?: number;
}

/** The CloudWatch agent configuration for EC2 capacity (memory and disk are not EC2 metrics: only the agent reports them). */
export interface Ec2AgentArgs {
    /**
     * How often the agent samples, in seconds (below 60: high-resolution metrics, charged as such).
     * @default 60
     */
    metricsCollectionIntervalSeconds?: number;
    /**
     * Mount points whose `disk_used_percent` the agent reports.
     * @default ["/"]
     */
    diskPaths?: string[];
    /**
     * Files the agent ships to CloudWatch Logs, by key.
     * @default {}
     * @example { messages: { filePath: "/var/log/messages", logGroupName: "/ec2/web/messages" } }
     */
    logFiles?: Record<string, AgentLogFile>;
}

/** Alarm thresholds and evaluation, shared by every alarm of a kind. */
export interface MonitoringThresholds {
    /** ECS service average CPU, percent of what its tasks reserve (1–1000: above 100 only for tasks that burst past their reservation, on EC2 capacity without a hard limit). @default 80 */
    ecsCpuPercent?: number;
    /** ECS service average memory, percent of what its tasks reserve (1–1000, as `ecsCpuPercent`). @default 80 */
    ecsMemoryPercent?: number;
    /** Target 5xx responses (ALB `HTTPCode_Target_5XX_Count`, Sum) per period. @default 5 */
    target5xxCount?: number;
    /** API 5xx responses (HTTP `5xx` / REST `5XXError`, Sum) per period. @default 5 */
    api5xxCount?: number;
    /** API p99 latency in milliseconds (API Gateway `Latency`). @default 3000 */
    apiLatencyP99Ms?: number;
    /** Lambda `Errors` (Sum) per period. @default 1 */
    lambdaErrors?: number;
    /** Lambda `Throttles` (Sum) per period. @default 1 */
    lambdaThrottles?: number;
    /** DynamoDB `ReadThrottleEvents` / `WriteThrottleEvents` (Sum) per period. @default 1 */
    tableThrottleEvents?: number;
    /** Messages waiting in a dead-letter queue (SQS `ApproximateNumberOfMessagesVisible`, Maximum). @default 1 */
    deadLetterMessages?: number;
    /** Length of one evaluated period, in seconds (a multiple of 60: these are one-minute metrics). @default 60 */
    periodSeconds?: number;
    /** Periods looked at; times `periodSeconds`, at most one day (periods under an hour) or seven days. @default 5 */
    evaluationPeriods?: number;
    /** Of those, how many must breach to alarm ("M of N"). @default 3 */
    datapointsToAlarm?: number;
}

export interface MonitoringTransforms {
    /** Every metric alarm. */
    alarm?: Transform<cloudwatch.MetricAlarmArgs>;
    dashboard?: Transform<cloudwatch.DashboardArgs>;
    /** Every saved Logs Insights query. */
    query?: Transform<cloudwatch.QueryDefinitionArgs>;
    /** Every EventBridge rule (pipeline failures, ECS tasks, Auto Scaling). */
    rule?: Transform<cloudwatch.EventRuleArgs>;
    /** Every rule's SNS target. */
    target?: Transform<cloudwatch.EventTargetArgs>;
    /** The CloudWatch agent configuration parameter. */
    agentConfig?: Transform<ssm.ParameterArgs>;
}

export interface MonitoringArgs {
    /**
     * The SNS topic every alarm (on ALARM and on OK) and every rule notifies: an AlarmTopic's `topicArn`,
     * with `publishers: ["events"]` when pipelines or `events` are given.
     */
    alarmTopicArn: pulumi.Input<string>;
    /**
     * ECS services by key: CPU and memory alarms, and a target 5xx alarm when the target group is given
     * (each service's `alarms` chooses which; the dashboard graphs them all).
     * @default {}
     * @example { web: { clusterName: shop.clusterName, serviceName: "web-svc", targetGroupArnSuffix, loadBalancerArnSuffix } }
     */
    ecsServices?: Record<string, MonitoredEcsService>;
    /**
     * HTTP APIs by key: 5xx and p99 latency alarms.
     * @default {}
     * @example { api: { apiId: api.apiId, stage: "$default" } }
     */
    httpApis?: Record<string, MonitoredHttpApi>;
    /**
     * REST APIs by key: 5XXError and p99 latency alarms.
     * @default {}
     * @example { legacy: { apiName: "orders", stage: "prod" } }
     */
    restApis?: Record<string, MonitoredRestApi>;
    /**
     * Lambda functions by key: errors and throttles alarms.
     * @default {}
     * @example { thumbnails: { functionName: fn.functionName } }
     */
    functions?: Record<string, MonitoredFunction>;
    /**
     * DynamoDB tables by key: read and write throttle alarms.
     * @default {}
     * @example { orders: { tableName: table.tableName } }
     */
    tables?: Record<string, MonitoredTable>;
    /**
     * Dead-letter queues by key (an AuditTrail's alert failure queue, a function's or a rule's failure
     * queue): an alarm when messages wait in one (`thresholds.deadLetterMessages`, at least one by default).
     * SQS publishes these metrics every minute while the queue is active; a queue empty and unused for six
     * hours stops publishing, which reads as "nothing wrong".
     * @default {}
     * @example { "audit-alerts": { queueName: audit.resources.alerts!.failures.name } }
     */
    queues?: Record<string, MonitoredQueue>;
    /**
     * CodePipeline pipelines by key: an EventBridge rule sends failed executions to the topic
     * (CodePipeline publishes no metric to alarm on).
     * @default {}
     * @example { release: { pipelineName: pipeline.pipelineName } }
     */
    pipelines?: Record<string, MonitoredPipeline>;
    /**
     * Log groups by key: saved Logs Insights queries, in the console under `<dashboard name>/<key>/`.
     * @default {}
     * @example { web: { logGroupName: shop.resources.services.web.task.logGroup.name }, thumbnails: { logGroupName: fn.resources.logGroup.name, kind: "lambda" } }
     */
    logGroups?: Record<string, MonitoredLogGroup>;
    /**
     * EventBridge rules forwarding ECS task and Auto Scaling events to the topic.
     * @default {}
     */
    events?: MonitoringEventsArgs;
    /**
     * The CloudWatch agent configuration, stored as an SSM parameter named `AmazonCloudWatch-…` (the
     * prefix the agent's managed policy `CloudWatchAgentServerPolicy` may read). Instances fetch it with
     * `amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:<agentConfigParameterName>`.
     * @default - no agent configuration
     * @example { diskPaths: ["/", "/data"], logFiles: { messages: { filePath: "/var/log/messages", logGroupName: "/ec2/web/messages" } } }
     */
    ec2Agent?: Ec2AgentArgs;
    /**
     * Alarm thresholds (each a default below) and the evaluation window shared by every alarm.
     * @default {}
     */
    thresholds?: MonitoringThresholds;
    /**
     * A CloudWatch dashboard with one graph per alarm, its threshold drawn in, and one per metric left
     * un-alarmed (an ECS service's `alarms`, a queue's `alarm: false`), without a threshold.
     * @default true
     */
    dashboard?: boolean;
    /** Tags for every resource that takes them. @default {} */
    tags?: Record<string, string>;
    /** Change a child's args (see `MonitoringTransforms`). @default {} */
    transform?: MonitoringTransforms;
}
