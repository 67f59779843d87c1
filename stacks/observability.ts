/**
 * Audit and monitoring of the stack: a CloudTrail trail whose alerts (root sign-in, IAM policy and security group
 * changes, …) reach the alarm topic, and a Monitoring of what the stack runs — the ECS services, the items HTTP API and
 * the partners REST API, the functions, the tables, the pipeline — with saved Logs Insights queries on the services' and
 * functions' logs, ECS task and Auto Scaling events, and the CloudWatch agent's configuration for EC2 capacity. Settings
 * come from `audit` and `monitoring` in the stack's config; nothing here branches on the stack's name.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type AlarmTopic, AuditTrail, type ContainerService, Monitoring, type MonitoringArgs } from "../components";
import type { StackConfig } from "./config";
import type { ServerlessParts } from "./serverless";
import type { DataParts } from "./data";

/** What audit needs from the rest of the stack. */
export interface AuditDeps {
    /** Where the alerts go: the stack's AlarmTopic (the function publishes through its key). */
    alarms: AlarmTopic;
    /** The items table, whose item-level calls the trail records with `itemsDataEvents`. */
    itemsTableArn: pulumi.Input<string>;
}

/**
 * The trail. Multi-region with log file validation, KMS and CloudWatch Logs are AuditTrail's own defaults; the stack
 * chooses the history, the protection, Insights and the items table's data events. The alert rules match in the
 * stack's Region only: IAM and root sign-in events arrive in us-east-1, so a stack elsewhere misses them (AuditTrail
 * warns at preview).
 */
export function audit(cfg: StackConfig["audit"], deps: AuditDeps): AuditTrail | undefined {
    if (!cfg.enabled) return undefined;
    return new AuditTrail("audit", {
        retentionDays: cfg.retentionDays,
        logRetentionDays: cfg.logRetentionDays,
        protectData: cfg.protectData,
        insights: cfg.insights ? ["ApiCallRateInsight", "ApiErrorRateInsight"] : [],
        dataEvents: cfg.itemsDataEvents ? { dynamoDbTables: [deps.itemsTableArn] } : {},
        alerts: { topicArn: deps.alarms.topicArn, topicKeyArn: deps.alarms.keyArn, rules: cfg.alerts },
    });
}

/** What monitoring watches. */
export interface MonitoringDeps {
    /** The topic every alarm and rule notifies (it admits EventBridge: `publishers: ["events"]`). */
    alarms: AlarmTopic;
    platform: ContainerService;
    /** The ECS services to watch, by key of the ContainerService's `services`. */
    services: string[];
    serverless: ServerlessParts;
    /** The data paths' functions (ingest, orders) and the ingestion's failure queue. */
    data?: DataParts;
    /** The pipeline, whose failed executions go to the topic. */
    pipelineName?: pulumi.Input<string>;
    /** EC2 capacity is on: its groups' launches and terminations, and the agent's configuration. */
    ec2: boolean;
    /** The trail, whose alert failure queue nothing else alarms on. */
    trail?: AuditTrail;
}

/** Monitoring's ECS alarms and the ContainerService alarm that already watches the same metric. */
const OWN_ECS_ALARMS = { "cpu-high": "cpu", "memory-high": "memory" } as const;

/**
 * Alarms, dashboard, saved queries and event rules for what the stack runs. The ECS services' CPU and memory are
 * graphed, and alarmed here only where ContainerService does not already alarm on them (its `alarms`, on by default);
 * their target 5xx and unhealthy-hosts alarms are ContainerService's own (they fail web's blue/green deployments), so
 * no target group is given here and no second 5xx alarm exists. The dead-letter queues are graphed too: the items
 * failures queue and the worker's dead-letter queue have their alarms already (stacks/serverless.ts, ContainerService's
 * `dlq-messages`), the audit alerts' failure queue gets its one alarm here.
 */
export function monitoring(cfg: StackConfig["monitoring"], deps: MonitoringDeps): Monitoring | undefined {
    if (!cfg.enabled) return undefined;
    const p = deps.platform;
    const s = deps.serverless;
    // The data paths' functions beside the serverless part's (their keys differ: ingest, orders).
    const fns = { ...s.functions, ...deps.data?.functions };
    const services = deps.services.map((k) => [k, p.resources.services[k]] as const);
    const logGroups: NonNullable<MonitoringArgs["logGroups"]> = {
        ...Object.fromEntries(services.map(([k, svc]) => [k, { logGroupName: svc.task.logGroup.name }])),
        ...Object.fromEntries(Object.entries(fns).map(([k, f]) => [`fn-${k}`, { logGroupName: f.logGroupName, kind: "lambda" as const }])),
        "items-api": { logGroupName: s.api.resources.accessLogs.name, kind: "api-access" },
        ...(s.partners ? { "partners-api": { logGroupName: s.partners.resources.accessLogs.name, kind: "api-access" as const } } : {}),
    };
    const groups = Object.values(p.resources.cluster.ec2CapacityProviders).map((g) => g.autoScalingGroup.name);
    return new Monitoring("monitoring", {
        alarmTopicArn: deps.alarms.topicArn,
        ecsServices: Object.fromEntries(
            services.map(([k, svc]) => [
                k,
                {
                    clusterName: p.clusterName,
                    serviceName: svc.service.name,
                    alarms: (Object.keys(OWN_ECS_ALARMS) as (keyof typeof OWN_ECS_ALARMS)[]).filter((role) => svc.alarms[OWN_ECS_ALARMS[role]] === undefined),
                },
            ]),
        ),
        httpApis: { items: { apiId: s.api.apiId, stage: "$default" } },
        restApis: s.partners ? { partners: { apiName: s.partners.resources.api.name, stage: s.partners.stageName } } : {},
        functions: Object.fromEntries(Object.entries(fns).map(([k, f]) => [k, { functionName: f.functionName }])),
        tables: { items: { tableName: s.items.tableName }, "item-tags": { tableName: s.tagIndex.tableName } },
        queues: {
            "event-failures": { queueName: s.failures.name, alarm: false },
            ...Object.fromEntries(
                services
                    .filter(([, svc]) => svc.queue !== undefined)
                    .map(([k, svc]) => [`${k}-dlq`, { queueName: svc.queue!.deadLetterQueue.name, alarm: svc.alarms.deadLetters === undefined }]),
            ),
            ...(deps.trail?.resources.alerts ? { "audit-alerts": { queueName: deps.trail.resources.alerts.failures.name } } : {}),
            ...deps.data?.queues,
        },
        pipelines: deps.pipelineName === undefined ? {} : { release: { pipelineName: deps.pipelineName } },
        logGroups,
        events: {
            ecsTaskStateChanges: { clusterArns: [p.clusterArn] },
            ...(deps.ec2 && groups.length > 0 ? { autoScaling: { groupNames: groups } } : {}),
        },
        // Memory and disk of the container instances: EC2 reports neither, only the agent does.
        ec2Agent: deps.ec2 ? {} : undefined,
        dashboard: cfg.dashboard,
    });
}
