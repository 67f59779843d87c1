import type * as pulumi from "@pulumi/pulumi";
import { mapValues, withDefaults } from "../shared/defaults";
import { own } from "../shared/shape";
import type {
    BindMountArgs,
    Capacity,
    CapacityProviderStrategyArgs,
    DeploymentLifecycleHookArgs,
    ContainerArgs,
    ContainerLoggingArgs,
    EbsVolumeArgs,
    LogRouterArgs,
    ContainerServiceArgs,
    ContainerServiceTransforms,
    Ec2CapacityArgs,
    Ec2CapacityProviderArgs,
    ExpressServiceArgs,
    FileSystemArgs,
    LoadBalancerArgs,
    ManagedScalingArgs,
    QueueArgs,
    RepositoryArgs,
    ScheduledTaskArgs,
    ServiceArgs,
    ServiceDeploymentArgs,
    ServiceLoadBalancerArgs,
    PredictiveScalingArgs,
    ServiceScalingArgs,
    ServiceConnectArgs,
    StepScalingArgs,
    TaskArgs,
    VolumeArgs,
} from "./args";

/** What `ec2Capacity` and each of `ec2CapacityProviders` default alike (one Auto Scaling group's fields). */
const EC2_GROUP_DEFAULTS = {
    architecture: "x86_64" as const,
    minSize: 0,
    maxSize: 4,
    onDemandBaseCapacity: 1,
    onDemandPercentageAboveBaseCapacity: 0,
    spotAllocationStrategy: "price-capacity-optimized" as const,
    rootVolumeGiB: 30,
    awsvpcTrunking: false,
};

/**
 * The one source of ContainerService defaults, one section per args interface (the `@default` tags
 * in args.ts agree with these; a test checks).
 */
export const DEFAULTS = {
    ContainerServiceArgs: {
        logRetentionDays: 30,
        protectData: false,
    },
    VpcArgs: { cidrBlock: "10.0.0.0/16" },
    ClusterArgs: {
        containerInsights: "enabled" as const,
        defaultStrategy: [{ provider: "FARGATE", base: 0, weight: 1 }] as ResolvedStrategy,
    },
    CapacityProviderStrategyArgs: { base: 0, weight: 1 },
    ManagedScalingArgs: { targetCapacityPercent: 100, minimumStepSize: 1, maximumStepSize: 10, instanceWarmupSeconds: 180 },
    Ec2CapacityArgs: { ...EC2_GROUP_DEFAULTS, targetCapacityPercent: 100 },
    Ec2CapacityProviderArgs: { ...EC2_GROUP_DEFAULTS, instanceWeights: {} as Record<string, number> },
    LoadBalancerArgs: {
        internal: false,
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        ingressCidrs: ["0.0.0.0/0"],
        ingressPrefixListIds: [] as pulumi.Input<string>[],
        idleTimeoutSeconds: 60,
        deletionProtection: false,
    },
    ContainerHealthCheckArgs: { intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 0 },
    ImageBuildArgs: { dockerfile: "Dockerfile", platform: "linux/amd64" as const },
    ContainerArgs: {
        portMappings: [] as never[],
        cpu: 0,
        essential: true,
        readonlyRootFilesystem: true,
        environment: {},
        secrets: {},
        dependsOn: {},
        volumesFrom: [] as never[],
        logging: { driver: "awslogs" } as ContainerLoggingArgs,
    },
    LogRouterArgs: {
        image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:3.4.14",
        enableEcsLogMetadata: true,
        memoryReservationMiB: 50,
    },
    BindMountArgs: { readOnly: false },
    EbsVolumeArgs: { name: "ebs", readOnly: false, sizeGiB: 20, fileSystemType: "xfs" as const },
    ContainerRestartPolicyArgs: { ignoredExitCodes: [] as number[], restartAttemptPeriodSeconds: 300 },
    LinuxCapabilitiesArgs: { add: [] as string[], drop: [] as string[] },
    ServiceLoadBalancerArgs: {
        listenerPort: 80,
        tlsListenerPort: 443,
        deregistrationDelaySeconds: 30,
        healthCheck: { path: "/", intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 3, unhealthyThreshold: 3, matcher: "200-399" },
    },
    StepScalingArgs: {
        statistic: "Average" as const,
        periodSeconds: 60,
        cooldownSeconds: 120,
        comparison: "GreaterThanOrEqualToThreshold" as const,
        evaluationPeriods: 1,
        adjustmentType: "ChangeInCapacity" as const,
        metricAggregation: "Average" as const,
    },
    PredictiveScalingArgs: { mode: "ForecastOnly" as const, schedulingBufferSeconds: 0, maxCapacityBehavior: "HonorMaxCapacity" as const },
    ServiceScalingArgs: { scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60, steps: {}, schedules: {} },
    QueueArgs: { visibilityTimeoutSeconds: 300, maxReceiveCount: 5, messageRetentionSeconds: 345600 },
    VolumeArgs: { readOnly: false, uid: 1000, gid: 1000 },
    TaskRoleArgs: { statements: [], managedPolicyArns: [] },
    TaskArgs: {
        cpu: 256,
        memoryMiB: 512,
        capacity: "fargate" as Capacity,
        spot: { onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 },
        networkMode: "awsvpc" as const,
        volumes: {},
        taskRole: {},
        cpuArchitecture: "X86_64" as const,
        platformVersion: "LATEST",
        secretsKmsKeyArns: [] as never[],
        bindMounts: {},
    },
    ServiceArgs: {
        desiredCount: 1,
        additionalLoadBalancers: [] as never[],
        deployment: {
            minimumHealthyPercent: 100,
            maximumPercent: 200,
            rollback: true,
            controller: "ecs" as "ecs" | "code-deploy",
            releasedBy: "pulumi" as "pulumi" | "pipeline",
            strategy: "rolling" as "rolling" | "blue-green" | "linear" | "canary",
            bakeTimeMinutes: 5,
            lifecycleHooks: {} as Record<string, DeploymentLifecycleHookArgs>,
        },
        healthCheckGracePeriodSeconds: 60,
        enableExecuteCommand: false,
        alarms: { cpuPercent: 80, memoryPercent: 80, http5xxPerMinute: 10 },
    },
    ServiceConnectArgs: { services: {}, allowFrom: [] as string[], allowFromSecurityGroups: {} as Record<string, pulumi.Input<string>>, accessLogs: false },
    ScheduledTaskArgs: { timezone: "UTC", retries: 2, taskCount: 1 },
    RepositoryArgs: { keepImages: 30, untaggedExpiryDays: 7, immutableTags: true, encryption: "AES256" as const },
    FileSystemArgs: { throughputMode: "elastic" as const, transitionToIA: "AFTER_30_DAYS" as const, backup: true },
    ExpressServiceArgs: {
        containerPort: 8080,
        cpu: 1024,
        memoryMiB: 2048,
        healthCheckPath: "/",
        environment: {},
        secrets: {},
        secretsKmsKeyArns: [] as never[],
        scaling: { minCount: 1, maxCount: 4, metric: "AVERAGE_CPU" as const, target: 60 },
    },
};

// ---- Resolved shapes: every optional filled in, so the builders never test for undefined. ----

type OptionalContainerField = "memoryMiB" | "memoryReservationMiB" | "command" | "entryPoint" | "user";

export type ResolvedContainer = Required<Omit<ContainerArgs, OptionalContainerField | "healthCheck" | "restartPolicy" | "linuxCapabilities">> &
    Pick<ContainerArgs, OptionalContainerField> & {
        healthCheck?: Required<NonNullable<ContainerArgs["healthCheck"]>>;
        restartPolicy?: Required<NonNullable<ContainerArgs["restartPolicy"]>>;
        linuxCapabilities?: Required<NonNullable<ContainerArgs["linuxCapabilities"]>>;
    };

/** A capacity provider strategy with every base and weight filled in. */
export type ResolvedStrategy = Array<Required<CapacityProviderStrategyArgs>>;

export type ResolvedEc2CapacityProvider = Required<Omit<Ec2CapacityProviderArgs, "managedScaling">> & {
    managedScaling: Required<ManagedScalingArgs> | false;
};

/** The Fargate capacity providers; every other provider of a strategy is an Auto Scaling group one. */
export const FARGATE_PROVIDERS: readonly string[] = ["FARGATE", "FARGATE_SPOT"];

/** Where a strategy's tasks run: on EC2 when it names an Auto Scaling group provider, else on Fargate. */
export function strategyCapacity(strategy: ResolvedStrategy): Capacity {
    if (strategy.some((i) => !FARGATE_PROVIDERS.includes(i.provider))) return "ec2";
    return strategy.some((i) => i.provider === "FARGATE_SPOT") ? "fargate-spot" : "fargate";
}

function normalizeStrategy(strategy: CapacityProviderStrategyArgs[]): ResolvedStrategy {
    return strategy.map((i) => withDefaults(DEFAULTS.CapacityProviderStrategyArgs, i) as Required<CapacityProviderStrategyArgs>);
}

export type ResolvedVolume = Required<Omit<VolumeArgs, "containers">> & { containers: string[] };
export type ResolvedBindMount = Required<Omit<BindMountArgs, "containers" | "hostPath">> & { containers: string[]; hostPath?: string };
export type ResolvedLogRouter = Required<Omit<LogRouterArgs, "configFilePath">> & Pick<LogRouterArgs, "configFilePath">;
export type ResolvedEbsVolume = Required<Omit<EbsVolumeArgs, "containers" | "iops" | "throughputMiBps" | "kmsKeyArn">> &
    Pick<EbsVolumeArgs, "iops" | "throughputMiBps" | "kmsKeyArn"> & { containers: string[] };

export interface ResolvedTask {
    name: string;
    containers: Record<string, ResolvedContainer>;
    cpu: number;
    memoryMiB: number;
    capacity: Capacity;
    /** The task's own strategy, or the cluster's default when it gives no `capacity`; absent: from `capacity`. */
    capacityProviderStrategy?: ResolvedStrategy;
    spot: Required<NonNullable<TaskArgs["spot"]>>;
    networkMode: "awsvpc" | "bridge";
    volumes: Record<string, ResolvedVolume>;
    taskRole: { statements: NonNullable<NonNullable<TaskArgs["taskRole"]>["statements"]>; managedPolicyArns: string[] };
    cpuArchitecture: "X86_64" | "ARM64";
    platformVersion: string;
    secretsKmsKeyArns: pulumi.Input<string>[];
    logRouter?: ResolvedLogRouter;
    bindMounts: Record<string, ResolvedBindMount>;
    ephemeralStorageGiB?: number;
    /** Services only: the task definition declares it `configuredAtLaunch`. */
    ebsVolume?: ResolvedEbsVolume;
}

export type ResolvedServiceLoadBalancer = Required<Omit<ServiceLoadBalancerArgs, "rule" | "healthCheck">> & {
    rule?: ServiceLoadBalancerArgs["rule"];
    healthCheck: Required<NonNullable<ServiceLoadBalancerArgs["healthCheck"]>>;
};

export type ResolvedStepScaling = Required<Omit<StepScalingArgs, "metric">> & {
    metric: Required<Omit<StepScalingArgs["metric"], "dimensions">> & Pick<StepScalingArgs["metric"], "dimensions">;
};
/** A `LessThan…` alarm scales in (steps at or below the threshold); a `GreaterThan…` one scales out. */
export function scalesIn(step: Pick<ResolvedStepScaling, "comparison">): boolean {
    return step.comparison.startsWith("LessThan");
}
export type ResolvedPredictiveScaling = Required<Omit<PredictiveScalingArgs, "maxCapacityBufferPercent">> &
    Pick<PredictiveScalingArgs, "maxCapacityBufferPercent">;
export type ResolvedScaling = Required<
    Omit<ServiceScalingArgs, "cpuTargetPercent" | "memoryTargetPercent" | "requestsPerTarget" | "backlogPerTask" | "steps" | "predictive">
> &
    Pick<ServiceScalingArgs, "cpuTargetPercent" | "memoryTargetPercent" | "requestsPerTarget" | "backlogPerTask"> & {
        steps: Record<string, ResolvedStepScaling>;
        predictive?: ResolvedPredictiveScaling;
    };

/** One Service Connect port with its discovery name and alias filled in (the args' shape, complete). */
export interface ResolvedServiceConnectPort {
    discoveryName: string;
    /** `port` is undefined only when no container has a mapping of that name (validation reports it). */
    alias: { dnsName: string; port?: number };
}

export interface ResolvedServiceConnect {
    services: Record<string, ResolvedServiceConnectPort>;
    allowFrom: string[];
    allowFromSecurityGroups: Record<string, pulumi.Input<string>>;
    accessLogs: boolean;
}

/** A deployment with its defaults; the bake time only for the strategies that bake (validation refuses it with rolling). */
function normalizeDeployment(given: ServiceDeploymentArgs | undefined): ResolvedDeployment {
    const { bakeTimeMinutes, ...rest } = withDefaults(DEFAULTS.ServiceArgs.deployment, given);
    return rest.strategy === "rolling" ? rest : { ...rest, bakeTimeMinutes };
}

/** `ServiceDeploymentArgs` with its defaults; the strategy's own settings stay optional. */
export type ResolvedDeployment = Required<
    Pick<ServiceDeploymentArgs, "minimumHealthyPercent" | "maximumPercent" | "rollback" | "controller" | "releasedBy" | "strategy" | "lifecycleHooks">
> &
    Omit<ServiceDeploymentArgs, "minimumHealthyPercent" | "maximumPercent" | "rollback" | "controller" | "releasedBy" | "strategy" | "lifecycleHooks">;

/**
 * True when the service runs two target groups (blue/green, linear, canary, or CodeDeploy): the
 * component then creates the alternate target group, the production route and the deploy role.
 */
export function shiftsTraffic(d: Pick<ResolvedDeployment, "strategy" | "controller">): boolean {
    return d.strategy !== "rolling" || d.controller === "code-deploy";
}

export interface ResolvedService extends ResolvedTask {
    desiredCount: number;
    loadBalancer?: ResolvedServiceLoadBalancer;
    additionalLoadBalancers: ResolvedServiceLoadBalancer[];
    scaling?: ResolvedScaling;
    queue?: Required<QueueArgs>;
    deployment: ResolvedDeployment;
    healthCheckGracePeriodSeconds: number;
    enableExecuteCommand: boolean;
    alarms?: Required<Exclude<NonNullable<ServiceArgs["alarms"]>, false>>;
    ebsVolume?: ResolvedEbsVolume;
    serviceConnect?: ResolvedServiceConnect;
}

export interface ResolvedScheduledTask extends ResolvedTask {
    schedule?: string;
    timezone: string;
    eventPattern?: Record<string, unknown>;
    retries: number;
    taskCount: number;
}

type OptionalLoadBalancerField = "certificateArn" | "accessLogs" | "domain" | "listenerArn" | "securityGroupId";
export type ResolvedLoadBalancer = Required<Omit<LoadBalancerArgs, OptionalLoadBalancerField>> & Pick<LoadBalancerArgs, OptionalLoadBalancerField>;

/** A load balancer serves HTTPS (ALB) or TLS (NLB) when it has a certificate: given, or requested for its `domain`. */
export function servesTls(lb: Pick<LoadBalancerArgs, "certificateArn" | "domain"> | undefined): boolean {
    return lb?.certificateArn !== undefined || lb?.domain !== undefined;
}

export interface Resolved {
    name: string;
    /** What the builders use of the VPC (`egress` and `interfaceEndpoints` are only checked). */
    vpc: Required<Omit<ContainerServiceArgs["vpc"], "egress" | "interfaceEndpoints" | "privateSubnetIdsByAz">> &
        Pick<ContainerServiceArgs["vpc"], "privateSubnetIdsByAz">;
    containerInsights: "enabled" | "enhanced" | "disabled";
    /** ARN of the existing cluster (`cluster.existing`): no cluster or capacity providers are created. */
    existingCluster?: pulumi.Input<string>;
    defaultStrategy: ResolvedStrategy;
    ec2Capacity?: Required<Ec2CapacityArgs>;
    ec2CapacityProviders: Record<string, ResolvedEc2CapacityProvider>;
    loadBalancers: Record<string, ResolvedLoadBalancer>;
    services: Record<string, ResolvedService>;
    scheduledTasks: Record<string, ResolvedScheduledTask>;
    tasks: Record<string, ResolvedTask>;
    repositories: Record<string, Required<Omit<RepositoryArgs, "kmsKeyArn">> & { kmsKeyArn?: pulumi.Input<string> }>;
    fileSystems: Record<string, Required<FileSystemArgs>>;
    expressServices: Record<string, ResolvedExpress>;
    /** `namespaceArn` undefined: the component creates a namespace when a service uses Service Connect. */
    serviceConnect: { namespaceArn?: pulumi.Input<string> };
    logRetentionDays: number;
    alarmTopicArn?: pulumi.Input<string>;
    protectData: boolean;
    tags: Record<string, string>;
    transform: ContainerServiceTransforms;
}

export type ResolvedExpress = Required<Omit<ExpressServiceArgs, "scaling" | "taskRole">> & {
    scaling: Required<NonNullable<ExpressServiceArgs["scaling"]>>;
    taskRole: ResolvedTask["taskRole"];
};

function normalizeContainer(c: ContainerArgs): ResolvedContainer {
    return {
        ...withDefaults(DEFAULTS.ContainerArgs, c),
        healthCheck: c.healthCheck && withDefaults(DEFAULTS.ContainerHealthCheckArgs, c.healthCheck),
        restartPolicy: c.restartPolicy && withDefaults(DEFAULTS.ContainerRestartPolicyArgs, c.restartPolicy),
        linuxCapabilities: c.linuxCapabilities && withDefaults(DEFAULTS.LinuxCapabilitiesArgs, c.linuxCapabilities),
    } as ResolvedContainer;
}

function normalizeTaskRole(r: TaskArgs["taskRole"]): ResolvedTask["taskRole"] {
    return {
        statements: r?.statements ?? DEFAULTS.TaskRoleArgs.statements,
        managedPolicyArns: r?.managedPolicyArns ?? DEFAULTS.TaskRoleArgs.managedPolicyArns,
    };
}

function normalizeTask(t: TaskArgs, name: string, defaultStrategy: ResolvedStrategy | undefined): ResolvedTask {
    const d = DEFAULTS.TaskArgs;
    const containerNames = Object.keys(t.containers);
    const strategy =
        t.capacityProviderStrategy !== undefined ? normalizeStrategy(t.capacityProviderStrategy) : t.capacity === undefined ? defaultStrategy : undefined;
    return {
        name,
        containers: mapValues(t.containers, normalizeContainer),
        cpu: t.cpu ?? d.cpu,
        memoryMiB: t.memoryMiB ?? d.memoryMiB,
        capacity: strategy ? strategyCapacity(strategy) : (t.capacity ?? d.capacity),
        capacityProviderStrategy: strategy,
        spot: withDefaults(d.spot, t.spot),
        networkMode: t.networkMode ?? d.networkMode,
        volumes: mapValues(t.volumes, (v, key) => ({
            fileSystem: v.fileSystem,
            containerPath: v.containerPath,
            containers: v.containers ?? containerNames,
            readOnly: v.readOnly ?? DEFAULTS.VolumeArgs.readOnly,
            rootDirectory: v.rootDirectory ?? `/${name}/${key}`,
            uid: v.uid ?? DEFAULTS.VolumeArgs.uid,
            gid: v.gid ?? DEFAULTS.VolumeArgs.gid,
        })),
        taskRole: normalizeTaskRole(t.taskRole),
        cpuArchitecture: t.cpuArchitecture ?? d.cpuArchitecture,
        platformVersion: t.platformVersion ?? d.platformVersion,
        secretsKmsKeyArns: t.secretsKmsKeyArns ?? d.secretsKmsKeyArns,
        logRouter: t.logRouter && withDefaults(DEFAULTS.LogRouterArgs, t.logRouter),
        bindMounts: mapValues(t.bindMounts, (b: BindMountArgs) => ({
            containerPath: b.containerPath,
            containers: b.containers ?? containerNames,
            readOnly: b.readOnly ?? DEFAULTS.BindMountArgs.readOnly,
            hostPath: b.hostPath,
        })),
        ephemeralStorageGiB: t.ephemeralStorageGiB,
    };
}

function normalizeEbsVolume(e: EbsVolumeArgs, containerNames: string[]): ResolvedEbsVolume {
    const d = DEFAULTS.EbsVolumeArgs;
    return {
        containerPath: e.containerPath,
        name: e.name ?? d.name,
        containers: e.containers ?? containerNames,
        readOnly: e.readOnly ?? d.readOnly,
        sizeGiB: e.sizeGiB ?? d.sizeGiB,
        iops: e.iops,
        throughputMiBps: e.throughputMiBps,
        fileSystemType: e.fileSystemType ?? d.fileSystemType,
        kmsKeyArn: e.kmsKeyArn,
    };
}

/** Where a load balancer serves a service: 80 (TCP or HTTP), or 443 with a certificate (TLS on an NLB, HTTPS on an ALB). */
export function defaultListenerPort(lb: Pick<LoadBalancerArgs, "certificateArn" | "domain"> | undefined): number {
    const d = DEFAULTS.ServiceLoadBalancerArgs;
    return servesTls(lb) ? d.tlsListenerPort : d.listenerPort;
}

function normalizeServiceLoadBalancer(l: ServiceLoadBalancerArgs, firstContainer: string, lb: LoadBalancerArgs | undefined): ResolvedServiceLoadBalancer {
    const d = DEFAULTS.ServiceLoadBalancerArgs;
    return {
        name: l.name,
        container: l.container ?? firstContainer,
        containerPort: l.containerPort,
        rule: l.rule,
        listenerPort: l.listenerPort ?? defaultListenerPort(lb),
        healthCheck: withDefaults(d.healthCheck, l.healthCheck),
        deregistrationDelaySeconds: l.deregistrationDelaySeconds ?? d.deregistrationDelaySeconds,
    };
}

function normalizeScaling(s: ServiceScalingArgs): ResolvedScaling {
    const d = DEFAULTS.ServiceScalingArgs;
    return {
        ...s,
        steps: mapValues(s.steps, (st) => ({
            ...st,
            metric: { statistic: DEFAULTS.StepScalingArgs.statistic, periodSeconds: DEFAULTS.StepScalingArgs.periodSeconds, ...st.metric },
            cooldownSeconds: st.cooldownSeconds ?? DEFAULTS.StepScalingArgs.cooldownSeconds,
            comparison: st.comparison ?? DEFAULTS.StepScalingArgs.comparison,
            evaluationPeriods: st.evaluationPeriods ?? DEFAULTS.StepScalingArgs.evaluationPeriods,
            adjustmentType: st.adjustmentType ?? DEFAULTS.StepScalingArgs.adjustmentType,
            metricAggregation: st.metricAggregation ?? DEFAULTS.StepScalingArgs.metricAggregation,
        })),
        predictive: s.predictive && {
            ...s.predictive,
            mode: s.predictive.mode ?? DEFAULTS.PredictiveScalingArgs.mode,
            schedulingBufferSeconds: s.predictive.schedulingBufferSeconds ?? DEFAULTS.PredictiveScalingArgs.schedulingBufferSeconds,
            maxCapacityBehavior: s.predictive.maxCapacityBehavior ?? DEFAULTS.PredictiveScalingArgs.maxCapacityBehavior,
        },
        schedules: s.schedules ?? d.schedules,
        scaleInCooldownSeconds: s.scaleInCooldownSeconds ?? d.scaleInCooldownSeconds,
        scaleOutCooldownSeconds: s.scaleOutCooldownSeconds ?? d.scaleOutCooldownSeconds,
    };
}

/** The container port of the port mapping named `portName` among a task's containers. */
export function namedContainerPort(containers: Record<string, Pick<ContainerArgs, "portMappings">>, portName: string): number | undefined {
    return Object.values(containers)
        .flatMap((c) => c.portMappings ?? [])
        .find((m) => m.name === portName)?.containerPort;
}

/**
 * Service Connect with every name filled in: a port's discovery name is the service key (one port) or
 * `<key>-<port name>`, its alias the discovery name on the container port.
 */
function normalizeServiceConnect(sc: ServiceConnectArgs, key: string, containers: ServiceArgs["containers"]): ResolvedServiceConnect {
    const d = DEFAULTS.ServiceConnectArgs;
    const services: NonNullable<ServiceConnectArgs["services"]> = sc.services ?? d.services;
    const single = Object.keys(services).length === 1;
    return {
        services: mapValues(services, (p, portName) => {
            const discoveryName = p.discoveryName ?? (single ? key : `${key}-${portName}`);
            return { discoveryName, alias: { dnsName: p.alias?.dnsName ?? discoveryName, port: p.alias?.port ?? namedContainerPort(containers, portName) } };
        }),
        allowFrom: sc.allowFrom ?? d.allowFrom,
        allowFromSecurityGroups: sc.allowFromSecurityGroups ?? d.allowFromSecurityGroups,
        accessLogs: sc.accessLogs ?? d.accessLogs,
    };
}

/** Tasks to start with: as given, else the scaling minimum, else one. */
export function defaultDesiredCount(s: Pick<ServiceArgs, "desiredCount" | "scaling">): number {
    return s.desiredCount ?? s.scaling?.minCount ?? DEFAULTS.ServiceArgs.desiredCount;
}

function normalizeService(
    s: ServiceArgs,
    name: string,
    lbs: ContainerServiceArgs["loadBalancers"],
    defaultStrategy: ResolvedStrategy | undefined,
): ResolvedService {
    const d = DEFAULTS.ServiceArgs;
    const first = Object.keys(s.containers)[0];
    return {
        ...normalizeTask(s, name, defaultStrategy),
        desiredCount: defaultDesiredCount(s),
        loadBalancer: s.loadBalancer && normalizeServiceLoadBalancer(s.loadBalancer, first, own(lbs, s.loadBalancer.name)),
        additionalLoadBalancers: (s.additionalLoadBalancers ?? d.additionalLoadBalancers).map((l) => normalizeServiceLoadBalancer(l, first, own(lbs, l.name))),
        scaling: s.scaling && normalizeScaling(s.scaling),
        queue: s.queue && withDefaults(DEFAULTS.QueueArgs, s.queue),
        deployment: normalizeDeployment(s.deployment),
        healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds ?? d.healthCheckGracePeriodSeconds,
        enableExecuteCommand: s.enableExecuteCommand ?? d.enableExecuteCommand,
        alarms: s.alarms === false ? undefined : withDefaults(d.alarms, s.alarms),
        ebsVolume: s.ebsVolume && normalizeEbsVolume(s.ebsVolume, Object.keys(s.containers)),
        serviceConnect: s.serviceConnect && normalizeServiceConnect(s.serviceConnect, name, s.containers),
    };
}

function normalizeScheduledTask(t: ScheduledTaskArgs, name: string, defaultStrategy: ResolvedStrategy | undefined): ResolvedScheduledTask {
    return {
        ...normalizeTask(t, name, defaultStrategy),
        schedule: t.schedule,
        timezone: t.timezone ?? DEFAULTS.ScheduledTaskArgs.timezone,
        eventPattern: t.eventPattern,
        retries: t.retries ?? DEFAULTS.ScheduledTaskArgs.retries,
        taskCount: t.taskCount ?? DEFAULTS.ScheduledTaskArgs.taskCount,
    };
}

function normalizeLoadBalancer(l: LoadBalancerArgs, vpcCidr: string): ResolvedLoadBalancer {
    const d = DEFAULTS.LoadBalancerArgs;
    const internal = l.internal ?? d.internal;
    return {
        type: l.type,
        internal,
        certificateArn: l.certificateArn,
        domain: l.domain,
        listenerArn: l.listenerArn,
        securityGroupId: l.securityGroupId,
        sslPolicy: l.sslPolicy ?? d.sslPolicy,
        // An internal load balancer admits the VPC, not the internet, unless told otherwise.
        ingressCidrs: l.ingressCidrs ?? (internal ? [vpcCidr] : d.ingressCidrs),
        ingressPrefixListIds: l.ingressPrefixListIds ?? d.ingressPrefixListIds,
        // Test listeners serve the unreleased revision: the VPC only, unless told otherwise.
        testIngressCidrs: l.testIngressCidrs ?? [vpcCidr],
        idleTimeoutSeconds: l.idleTimeoutSeconds ?? d.idleTimeoutSeconds,
        deletionProtection: l.deletionProtection ?? d.deletionProtection,
        accessLogs: l.accessLogs,
    };
}

function normalizeEc2CapacityProvider(p: Ec2CapacityProviderArgs): ResolvedEc2CapacityProvider {
    return {
        ...withDefaults(DEFAULTS.Ec2CapacityProviderArgs, p),
        managedScaling: p.managedScaling === false ? false : withDefaults(DEFAULTS.ManagedScalingArgs, p.managedScaling),
    } as ResolvedEc2CapacityProvider;
}

function normalizeExpress(e: ExpressServiceArgs): ResolvedExpress {
    return {
        ...withDefaults(DEFAULTS.ExpressServiceArgs, e),
        scaling: withDefaults(DEFAULTS.ExpressServiceArgs.scaling, e.scaling),
        taskRole: normalizeTaskRole(e.taskRole),
    } as ResolvedExpress;
}

/** Fills every default: the builders work on complete, plain values. Call after `validate`. */
export function normalize(name: string, args: ContainerServiceArgs): Resolved {
    const cidr = args.vpc.cidrBlock ?? DEFAULTS.VpcArgs.cidrBlock;
    const defaultStrategy =
        args.cluster?.defaultStrategy !== undefined ? normalizeStrategy(args.cluster.defaultStrategy) : DEFAULTS.ClusterArgs.defaultStrategy;
    // An existing cluster's default strategy is not the component's (it may have no provider at all): tasks that
    // name no capacity are plain "fargate" tasks there (context.ts `placement`).
    const inherited = args.cluster?.existing !== undefined ? undefined : defaultStrategy;
    return {
        name,
        vpc: {
            vpcId: args.vpc.vpcId,
            privateSubnetIds: args.vpc.privateSubnetIds,
            publicSubnetIds: args.vpc.publicSubnetIds ?? [],
            cidrBlock: cidr,
            privateSubnetIdsByAz: args.vpc.privateSubnetIdsByAz,
        },
        containerInsights: args.cluster?.containerInsights ?? DEFAULTS.ClusterArgs.containerInsights,
        existingCluster: args.cluster?.existing,
        defaultStrategy,
        ec2Capacity: args.ec2Capacity && withDefaults(DEFAULTS.Ec2CapacityArgs, args.ec2Capacity),
        ec2CapacityProviders: mapValues(args.ec2CapacityProviders, normalizeEc2CapacityProvider),
        loadBalancers: mapValues(args.loadBalancers, (l) => normalizeLoadBalancer(l, cidr)),
        services: mapValues(args.services, (s, k) => normalizeService(s, k, args.loadBalancers, inherited)),
        scheduledTasks: mapValues(args.scheduledTasks, (t, k) => normalizeScheduledTask(t, k, inherited)),
        tasks: mapValues(args.tasks, (t, k) => normalizeTask(t, k, inherited)),
        repositories: mapValues(args.repositories, (r) => withDefaults(DEFAULTS.RepositoryArgs, r)),
        fileSystems: mapValues(args.fileSystems, (f) => withDefaults(DEFAULTS.FileSystemArgs, f)),
        expressServices: mapValues(args.expressServices, normalizeExpress),
        serviceConnect: { namespaceArn: args.serviceConnect?.namespaceArn },
        logRetentionDays: args.logRetentionDays ?? DEFAULTS.ContainerServiceArgs.logRetentionDays,
        alarmTopicArn: args.alarmTopicArn,
        protectData: args.protectData ?? DEFAULTS.ContainerServiceArgs.protectData,
        tags: args.tags ?? {},
        transform: args.transform ?? {},
    };
}
