import { mapValues, withDefaults } from "../shared/defaults";
import type {
    Ec2AgentArgs,
    EcsServiceAlarm,
    LogGroupKind,
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

/** The one source of Monitoring's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    ecsServices: {} as Record<string, MonitoredEcsService>,
    httpApis: {} as Record<string, MonitoredHttpApi>,
    restApis: {} as Record<string, MonitoredRestApi>,
    functions: {} as Record<string, MonitoredFunction>,
    tables: {} as Record<string, MonitoredTable>,
    queues: {} as Record<string, MonitoredQueue>,
    pipelines: {} as Record<string, MonitoredPipeline>,
    logGroups: {} as Record<string, MonitoredLogGroup>,
    events: {} as MonitoringEventsArgs,
    thresholds: {} as MonitoringThresholds,
    dashboard: true,
    tags: {} as Record<string, string>,
    transform: {} as MonitoringTransforms,
    MonitoredLogGroup: { kind: "application" as LogGroupKind },
    MonitoredEcsService: { alarms: ["cpu-high", "memory-high", "target-5xx"] as EcsServiceAlarm[] },
    MonitoredQueue: { alarm: true },
    AgentLogFile: { retentionDays: 30 },
    Ec2AgentArgs: { metricsCollectionIntervalSeconds: 60, diskPaths: ["/"], logFiles: {} as NonNullable<Ec2AgentArgs["logFiles"]> },
    /**
     * Defaults that alarm on a real problem without paging on noise: CPU or memory at 80% leaves headroom
     * to scale; a handful of 5xx a minute is more than a stray client error; one Lambda error or throttle,
     * or one throttled DynamoDB request, is already a lost request, and so is one dead letter. Three breaching minutes of five.
     */
    MonitoringThresholds: {
        ecsCpuPercent: 80,
        ecsMemoryPercent: 80,
        target5xxCount: 5,
        api5xxCount: 5,
        apiLatencyP99Ms: 3000,
        lambdaErrors: 1,
        lambdaThrottles: 1,
        tableThrottleEvents: 1,
        deadLetterMessages: 1,
        periodSeconds: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
    },
};

export type ResolvedThresholds = Required<MonitoringThresholds>;
export type ResolvedLogGroup = Required<MonitoredLogGroup>;
export type ResolvedEcsService = MonitoredEcsService & { alarms: EcsServiceAlarm[] };
export type ResolvedQueue = Required<MonitoredQueue>;
export interface ResolvedAgentLogFile {
    filePath: string;
    logGroupName: string;
    retentionDays: number;
}
export interface ResolvedEc2Agent {
    metricsCollectionIntervalSeconds: number;
    diskPaths: string[];
    logFiles: Record<string, ResolvedAgentLogFile>;
}

export interface ResolvedMonitoring {
    alarmTopicArn: MonitoringArgs["alarmTopicArn"];
    ecsServices: Record<string, ResolvedEcsService>;
    httpApis: Record<string, MonitoredHttpApi>;
    restApis: Record<string, MonitoredRestApi>;
    functions: Record<string, MonitoredFunction>;
    tables: Record<string, MonitoredTable>;
    queues: Record<string, ResolvedQueue>;
    pipelines: Record<string, MonitoredPipeline>;
    logGroups: Record<string, ResolvedLogGroup>;
    events: MonitoringEventsArgs;
    ec2Agent?: ResolvedEc2Agent;
    thresholds: ResolvedThresholds;
    dashboard: boolean;
    tags: Record<string, string>;
    transform: MonitoringTransforms;
}

/** Fills every default. Call after the shape check. */
export function normalize(args: MonitoringArgs): ResolvedMonitoring {
    const agent = args.ec2Agent;
    return {
        alarmTopicArn: args.alarmTopicArn,
        ecsServices: mapValues(args.ecsServices ?? DEFAULTS.ecsServices, (s) => withDefaults(DEFAULTS.MonitoredEcsService, s) as ResolvedEcsService),
        httpApis: args.httpApis ?? DEFAULTS.httpApis,
        restApis: args.restApis ?? DEFAULTS.restApis,
        functions: args.functions ?? DEFAULTS.functions,
        tables: args.tables ?? DEFAULTS.tables,
        queues: mapValues(args.queues ?? DEFAULTS.queues, (q) => withDefaults(DEFAULTS.MonitoredQueue, q) as ResolvedQueue),
        pipelines: args.pipelines ?? DEFAULTS.pipelines,
        logGroups: mapValues(args.logGroups ?? DEFAULTS.logGroups, (g) => withDefaults(DEFAULTS.MonitoredLogGroup, g) as ResolvedLogGroup),
        events: args.events ?? DEFAULTS.events,
        ec2Agent:
            agent === undefined
                ? undefined
                : {
                      metricsCollectionIntervalSeconds: agent.metricsCollectionIntervalSeconds ?? DEFAULTS.Ec2AgentArgs.metricsCollectionIntervalSeconds,
                      diskPaths: agent.diskPaths ?? DEFAULTS.Ec2AgentArgs.diskPaths,
                      logFiles: mapValues(
                          agent.logFiles ?? DEFAULTS.Ec2AgentArgs.logFiles,
                          (f) => withDefaults(DEFAULTS.AgentLogFile, f) as ResolvedAgentLogFile,
                      ),
                  },
        thresholds: withDefaults(DEFAULTS.MonitoringThresholds, args.thresholds ?? DEFAULTS.thresholds) as ResolvedThresholds,
        dashboard: args.dashboard ?? DEFAULTS.dashboard,
        tags: args.tags ?? DEFAULTS.tags,
        transform: args.transform ?? DEFAULTS.transform,
    };
}
