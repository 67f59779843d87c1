import { Issue, Issues, isPlain } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { array, boolean, checkShape, input, int, number, object, oneOf, optional, record, string, transform } from "../shared/shape";
import { SNS_STANDARD_TOPIC_ARN, checkTags } from "../shared/validators";
import { STANDARD_PARAMETER_MAX_BYTES, agentConfigJson } from "./agent";
import type {
    AgentLogFile,
    Ec2AgentArgs,
    EcsServiceAlarm,
    MonitoredEcsService,
    MonitoredFunction,
    MonitoredHttpApi,
    MonitoredLogGroup,
    MonitoredPipeline,
    MonitoredQueue,
    MonitoredRestApi,
    MonitoredTable,
    MonitoringArgs,
    MonitoringEventsArgs,
    MonitoringThresholds,
    MonitoringTransforms,
} from "./args";
import { MAX_DASHBOARD_WIDGETS, dashboardWidgetCount } from "./dashboard";
import { normalize } from "./defaults";
import { MAX_EVENT_PATTERN_CHARS, autoScalingPattern, ecsTaskStoppedPattern, ruleSpecs } from "./events";
import { type AlarmSpec, alarmSpecs, ruleAlarmSpecs } from "./metrics";

const INPUT_STRING = input(string({ nonEmpty: true }));
const ECS_SERVICE_ALARMS: EcsServiceAlarm[] = ["cpu-high", "memory-high", "target-5xx"];

/** Every MonitoringArgs key, once: a key added to the interface without a shape here fails `tsc`. */
export const MONITORING_SHAPE = object<MonitoringArgs>()({
    alarmTopicArn: INPUT_STRING,
    ecsServices: optional(
        record(
            object<MonitoredEcsService>()({
                clusterName: INPUT_STRING,
                serviceName: INPUT_STRING,
                targetGroupArnSuffix: optional(INPUT_STRING),
                loadBalancerArnSuffix: optional(INPUT_STRING),
                alarms: optional(array(oneOf(ECS_SERVICE_ALARMS))),
            }),
        ),
    ),
    httpApis: optional(record(object<MonitoredHttpApi>()({ apiId: INPUT_STRING, stage: optional(string({ nonEmpty: true })) }))),
    restApis: optional(record(object<MonitoredRestApi>()({ apiName: INPUT_STRING, stage: INPUT_STRING }))),
    functions: optional(record(object<MonitoredFunction>()({ functionName: INPUT_STRING }))),
    tables: optional(record(object<MonitoredTable>()({ tableName: INPUT_STRING }))),
    queues: optional(record(object<MonitoredQueue>()({ queueName: INPUT_STRING, alarm: optional(boolean()) }))),
    pipelines: optional(record(object<MonitoredPipeline>()({ pipelineName: INPUT_STRING }))),
    logGroups: optional(record(object<MonitoredLogGroup>()({ logGroupName: INPUT_STRING, kind: optional(oneOf(["application", "lambda", "api-access"])) }))),
    events: optional(
        object<MonitoringEventsArgs>()({
            ecsTaskStateChanges: optional(
                object<NonNullable<MonitoringEventsArgs["ecsTaskStateChanges"]>>()({ clusterArns: array(INPUT_STRING, { nonEmpty: true }) }),
            ),
            autoScaling: optional(object<NonNullable<MonitoringEventsArgs["autoScaling"]>>()({ groupNames: array(INPUT_STRING, { nonEmpty: true }) })),
        }),
    ),
    ec2Agent: optional(
        object<Ec2AgentArgs>()({
            metricsCollectionIntervalSeconds: optional(int()),
            diskPaths: optional(array(string(), { nonEmpty: true })),
            logFiles: optional(record(object<AgentLogFile>()({ filePath: string(), logGroupName: string(), retentionDays: optional(int()) }))),
        }),
    ),
    thresholds: optional(
        object<MonitoringThresholds>()({
            ecsCpuPercent: optional(number()),
            ecsMemoryPercent: optional(number()),
            target5xxCount: optional(int()),
            api5xxCount: optional(int()),
            apiLatencyP99Ms: optional(number()),
            lambdaErrors: optional(int()),
            lambdaThrottles: optional(int()),
            tableThrottleEvents: optional(int()),
            deadLetterMessages: optional(int()),
            periodSeconds: optional(int()),
            evaluationPeriods: optional(int()),
            datapointsToAlarm: optional(int()),
        }),
    ),
    dashboard: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(
        object<MonitoringTransforms>()({
            alarm: optional(transform()),
            dashboard: optional(transform()),
            query: optional(transform()),
            rule: optional(transform()),
            target: optional(transform()),
            agentConfig: optional(transform()),
        }),
    ),
});

/** Formats AWS gives these identifiers; an Output is checked by AWS, not here. */
const FORMATS = {
    topicArn: {
        pattern: SNS_STANDARD_TOPIC_ARN,
        allowed: "a standard SNS topic ARN, arn:aws:sns:<region>:<account>:<name>",
    },
    // Metric dimension values are the ARN suffixes, not the ARNs, and only an Application Load Balancer
    // publishes HTTPCode_Target_5XX_Count (a Network Load Balancer's suffix starts with net/).
    targetGroupArnSuffix: {
        pattern: /^targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/,
        allowed: "a target group ARN suffix, targetgroup/<name>/<16 hex> (its arnSuffix output)",
    },
    loadBalancerArnSuffix: {
        pattern: /^app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/,
        allowed: "an Application Load Balancer ARN suffix, app/<name>/<16 hex> (its arnSuffix output)",
    },
    apiId: { pattern: /^[a-z0-9]{10}$/, allowed: "an API Gateway API id (10 lower-case letters and digits), not its name or ARN" },
    // Stage names: letters, digits, '_' and '-', up to 128; HTTP APIs also have `$default`
    // (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html).
    stage: { pattern: /^(\$default|[A-Za-z0-9_-]{1,128})$/, allowed: "a stage name ($default or letters, digits, '_' and '-', at most 128)" },
    functionName: {
        pattern: /^[A-Za-z0-9_-]{1,64}$/,
        allowed: "a function name (the FunctionName dimension), not an ARN: letters, digits, '_' and '-', at most 64",
    },
    tableName: { pattern: /^[A-Za-z0-9_.-]{3,255}$/, allowed: "a table name (3-255 letters, digits, '_', '.' and '-'), not an ARN" },
    // 1-80 letters, digits, '-' and '_', a FIFO queue's ending in .fifo within the 80
    // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html).
    queueName: {
        pattern: /^(?=.{1,80}$)[A-Za-z0-9_-]+(\.fifo)?$/,
        allowed: "a queue name (1-80 letters, digits, '-' and '_', a FIFO queue's ending in .fifo), not its URL or ARN",
    },
    pipelineName: { pattern: /^[A-Za-z0-9.@_-]{1,100}$/, allowed: "a pipeline name (1-100 letters, digits and '.@_-'), not an ARN" },
    logGroupName: { pattern: /^[.\-_/#A-Za-z0-9]{1,512}$/, allowed: "a log group name (1-512 letters, digits and '._-/#'), not an ARN" },
    clusterArn: {
        pattern: /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255}$/,
        allowed: "an ECS cluster ARN, arn:aws:ecs:<region>:<account>:cluster/<name>",
    },
    // Auto Scaling group names: 1-255 characters, no ':' (the separator of the group's ARN).
    groupName: { pattern: /^[^:]{1,255}$/, allowed: "an Auto Scaling group name (1-255 characters, no ':'), not an ARN" },
} as const;

function checkFormat(issues: Issues, path: string, value: unknown, format: keyof typeof FORMATS): void {
    if (isPlain(value)) issues.match(path, value, FORMATS[format].pattern, FORMATS[format].allowed);
}

function checkList(issues: Issues, path: string, values: unknown[], format: keyof typeof FORMATS): void {
    const seen = new Set<unknown>();
    values.forEach((v, i) => {
        checkFormat(issues, `${path}[${i}]`, v, format);
        if (isPlain(v) && seen.has(v)) issues.add(`${path}[${i}]`, v, "is listed twice", "each once");
        seen.add(v);
    });
}

/** A rule's pattern, once its values are all known, must fit EventBridge's pattern size. */
function checkPatternSize(issues: Issues, path: string, values: unknown[], pattern: (v: string[]) => object): void {
    if (!values.every((v) => typeof v === "string")) return;
    const chars = JSON.stringify(pattern(values as string[])).length;
    if (chars > MAX_EVENT_PATTERN_CHARS) {
        issues.add(
            path,
            `${values.length} entries`,
            `make an event pattern of ${chars} characters`,
            `at most ${MAX_EVENT_PATTERN_CHARS} characters (EventBridge's default quota): list fewer`,
        );
    }
}

/**
 * A Monitoring's args: shape first (types, unknown keys), then `normalize`, then the value rules on the
 * resolved values. Pure: no Pulumi, no resources.
 */
export function validate(args: MonitoringArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, MONITORING_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkFormat(issues, "alarmTopicArn", cfg.alarmTopicArn, "topicArn");

    // Keys name children (`<name>-<key>-<role>`).
    for (const field of ["ecsServices", "httpApis", "restApis", "functions", "tables", "queues", "pipelines", "logGroups"] as const) {
        for (const key of Object.keys(cfg[field])) issues.key(`${field}.${key}`, key);
    }
    for (const [key, s] of Object.entries(cfg.ecsServices)) {
        const p = `ecsServices.${key}`;
        if ((s.targetGroupArnSuffix === undefined) !== (s.loadBalancerArnSuffix === undefined)) {
            const missing = s.targetGroupArnSuffix === undefined ? "targetGroupArnSuffix" : "loadBalancerArnSuffix";
            issues.missing(`${p}.${missing}`, "both targetGroupArnSuffix and loadBalancerArnSuffix (the 5xx metric has both dimensions), or neither");
        }
        checkFormat(issues, `${p}.targetGroupArnSuffix`, s.targetGroupArnSuffix, "targetGroupArnSuffix");
        checkFormat(issues, `${p}.loadBalancerArnSuffix`, s.loadBalancerArnSuffix, "loadBalancerArnSuffix");
        s.alarms.forEach((role, i) => {
            if (s.alarms.indexOf(role) !== i) issues.add(`${p}.alarms[${i}]`, role, "is listed twice", "each once");
        });
    }
    for (const [key, api] of Object.entries(cfg.httpApis)) {
        checkFormat(issues, `httpApis.${key}.apiId`, api.apiId, "apiId");
        checkFormat(issues, `httpApis.${key}.stage`, api.stage, "stage");
    }
    for (const [key, api] of Object.entries(cfg.restApis)) checkFormat(issues, `restApis.${key}.stage`, api.stage, "stage");
    for (const [key, fn] of Object.entries(cfg.functions)) checkFormat(issues, `functions.${key}.functionName`, fn.functionName, "functionName");
    for (const [key, table] of Object.entries(cfg.tables)) checkFormat(issues, `tables.${key}.tableName`, table.tableName, "tableName");
    for (const [key, q] of Object.entries(cfg.queues)) checkFormat(issues, `queues.${key}.queueName`, q.queueName, "queueName");
    for (const [key, pl] of Object.entries(cfg.pipelines)) checkFormat(issues, `pipelines.${key}.pipelineName`, pl.pipelineName, "pipelineName");
    for (const [key, g] of Object.entries(cfg.logGroups)) checkFormat(issues, `logGroups.${key}.logGroupName`, g.logGroupName, "logGroupName");
    const ecsTasks = cfg.events.ecsTaskStateChanges;
    if (ecsTasks) {
        checkList(issues, "events.ecsTaskStateChanges.clusterArns", ecsTasks.clusterArns, "clusterArn");
        checkPatternSize(issues, "events.ecsTaskStateChanges.clusterArns", ecsTasks.clusterArns, ecsTaskStoppedPattern);
    }
    const asg = cfg.events.autoScaling;
    if (asg) {
        checkList(issues, "events.autoScaling.groupNames", asg.groupNames, "groupName");
        checkPatternSize(issues, "events.autoScaling.groupNames", asg.groupNames, autoScalingPattern);
    }

    checkAgent(issues, cfg);
    checkThresholds(issues, cfg.thresholds);
    // Only the count and the names matter here: a rule's name stands in for its RuleName.
    const specs = [...alarmSpecs(cfg), ...ruleAlarmSpecs(ruleSpecs(cfg), (r) => r.role)];
    checkAlarmNames(issues, specs);
    if (cfg.dashboard) {
        const widgets = dashboardWidgetCount(specs.length);
        if (widgets > MAX_DASHBOARD_WIDGETS) {
            issues.add(
                "dashboard",
                true,
                `would hold ${widgets} widgets (a header and one graph per alarm or un-alarmed metric)`,
                `at most ${MAX_DASHBOARD_WIDGETS}: watch fewer resources in one Monitoring, or dashboard: false`,
            );
        }
    }
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}

/**
 * An alarm is named `<name>-<key>-<role>` whichever record its key is in: the same name twice is the same
 * Pulumi URN twice, which the engine refuses ("Duplicate resource URN").
 */
function checkAlarmNames(issues: Issues, specs: AlarmSpec[]): void {
    const first = new Map<string, AlarmSpec>();
    const reported = new Set<string>();
    for (const s of specs) {
        const alarm = `${s.key}-${s.role}`;
        const earlier = first.get(alarm);
        if (!earlier) first.set(alarm, s);
        else if (earlier.path !== s.path && !reported.has(s.path)) {
            reported.add(s.path);
            issues.add(s.path, s.key, `names the same alarm as ${earlier.path} (${alarm})`, "a key no other record of this Monitoring uses");
        }
    }
}

function checkAgent(issues: Issues, cfg: ReturnType<typeof normalize>): void {
    const agent = cfg.ec2Agent;
    if (!agent) return;
    issues.int("ec2Agent.metricsCollectionIntervalSeconds", agent.metricsCollectionIntervalSeconds, 1, 86_400, " seconds");
    const seen = new Set<string>();
    agent.diskPaths.forEach((path, i) => {
        const p = `ec2Agent.diskPaths[${i}]`;
        if (issues.match(p, path, /^\/\S*$/, "an absolute mount point, e.g. / or /data") && seen.has(path)) issues.add(p, path, "is listed twice", "each once");
        seen.add(path);
    });
    for (const [key, f] of Object.entries(agent.logFiles)) {
        const p = `ec2Agent.logFiles.${key}`;
        issues.key(p, key);
        issues.match(`${p}.filePath`, f.filePath, /^\/\S+$/, "an absolute file path on the instance (wildcards allowed), e.g. /var/log/messages");
        checkFormat(issues, `${p}.logGroupName`, f.logGroupName, "logGroupName");
        // The agent sets the group's retention; CloudWatch Logs accepts only these values.
        issues.oneOf(`${p}.retentionDays`, f.retentionDays, LOG_RETENTION_DAYS);
    }
    const bytes = Buffer.byteLength(agentConfigJson(agent), "utf8");
    if (bytes > STANDARD_PARAMETER_MAX_BYTES) {
        issues.add(
            "ec2Agent",
            `${bytes} bytes`,
            "makes an agent configuration larger than a Standard SSM parameter holds",
            `at most ${STANDARD_PARAMETER_MAX_BYTES} bytes: ship fewer log files`,
        );
    }
}

function checkThresholds(issues: Issues, t: ReturnType<typeof normalize>["thresholds"]): void {
    const p = "thresholds";
    // Percent of what the task definition reserves: tasks without a hard limit (EC2 capacity) burst above
    // 100 (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_utilization.html).
    issues.number(`${p}.ecsCpuPercent`, t.ecsCpuPercent, 1, 1000, " percent");
    issues.number(`${p}.ecsMemoryPercent`, t.ecsMemoryPercent, 1, 1000, " percent");
    for (const field of ["target5xxCount", "api5xxCount", "lambdaErrors", "lambdaThrottles", "tableThrottleEvents", "deadLetterMessages"] as const) {
        // A count threshold of 0 with GreaterThanOrEqualToThreshold alarms on every period.
        issues.int(`${p}.${field}`, t[field], 1, 1_000_000);
    }
    issues.number(`${p}.apiLatencyP99Ms`, t.apiLatencyP99Ms, 1, 300_000, " ms");
    // Period: 10, 20, 30 or a multiple of 60 (PutMetricAlarm); the sub-minute ones need high-resolution
    // metrics, and every metric here is a one-minute one. EvaluationPeriods × Period: at most one day for
    // periods under an hour, seven days for periods of an hour or more
    // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
    const periodOk =
        Number.isInteger(t.periodSeconds) && t.periodSeconds >= 60 && t.periodSeconds % 60 === 0
            ? true
            : issues.add(`${p}.periodSeconds`, t.periodSeconds, "is not a period these metrics have", "a multiple of 60 seconds (one-minute metrics)");
    const evaluationOk = issues.int(`${p}.evaluationPeriods`, t.evaluationPeriods, 1, 1440);
    const maxWindow = t.periodSeconds >= 3600 ? 604_800 : 86_400;
    if (periodOk && evaluationOk && t.periodSeconds * t.evaluationPeriods > maxWindow) {
        issues.add(
            `${p}.evaluationPeriods`,
            t.evaluationPeriods,
            `times periodSeconds (${t.periodSeconds}) exceeds ${maxWindow === 86_400 ? "one day (periods under an hour)" : "seven days"}`,
            `at most ${Math.floor(maxWindow / t.periodSeconds)} with this period`,
        );
    }
    if (evaluationOk) issues.int(`${p}.datapointsToAlarm`, t.datapointsToAlarm, 1, t.evaluationPeriods, ` (at most evaluationPeriods, ${t.evaluationPeriods})`);
}
