/**
 * The shape of every ContainerService args interface: JS types and structure, checked before anything
 * reads a field (see components/shared/shape.ts). Enums, ranges and patterns are value rules
 * (validate.ts), run on normalized values. Each shape is tied to its interface: a field added to
 * args.ts without a shape here fails `tsc`.
 */
import { PRIVATE_BUCKET_TRANSFORMS_SHAPE } from "../shared/bucket-shape";
import { STATEMENT_KEYS, STATEMENT_SHAPE } from "../shared/statements";
import { array, boolean, input, int, json, number, object, oneOf, optional, record, string, transform, union } from "../shared/shape";
import type {
    CapacityProviderStrategyArgs,
    BindMountArgs,
    ClusterArgs,
    EbsVolumeArgs,
    LogRouterArgs,
    ContainerArgs,
    ContainerHealthCheckArgs,
    ContainerRestartPolicyArgs,
    ContainerServiceArgs,
    ContainerServiceTransforms,
    DeploymentLifecycleHookArgs,
    Ec2CapacityArgs,
    Ec2CapacityProviderArgs,
    ExpressServiceArgs,
    FileSystemArgs,
    ImageBuildArgs,
    LinuxCapabilitiesArgs,
    LoadBalancerArgs,
    ManagedScalingArgs,
    LoadBalancerDomainArgs,
    QueueArgs,
    RepositoryArgs,
    ScheduledTaskArgs,
    ServiceArgs,
    ServiceConnectArgs,
    ServiceConnectNamespaceArgs,
    ServiceConnectPortArgs,
    ServiceDeploymentArgs,
    ServiceLoadBalancerArgs,
    PredictiveScalingArgs,
    ServiceScalingArgs,
    StepScalingArgs,
    TaskArgs,
    TaskRoleArgs,
    VolumeArgs,
    VpcArgs,
} from "./args";

const strings = () => array(string());
const inputString = () => input(string());
const env = () => record(inputString());

export const VPC_SHAPE = object<VpcArgs>()({
    vpcId: inputString(),
    privateSubnetIds: input(array(inputString())),
    publicSubnetIds: optional(input(array(inputString()))),
    cidrBlock: optional(string()),
    privateSubnetIdsByAz: optional(record(inputString())),
    egress: optional(string()),
    interfaceEndpoints: optional(strings()),
});

export const STRATEGY_SHAPE = array(object<CapacityProviderStrategyArgs>()({ provider: string(), base: optional(int()), weight: optional(int()) }));

export const CLUSTER_SHAPE = object<ClusterArgs>()({
    containerInsights: optional(string()),
    defaultStrategy: optional(STRATEGY_SHAPE),
    existing: optional(inputString()),
});

/** What `ec2Capacity` and each of `ec2CapacityProviders` share: one Auto Scaling group's fields. */
const EC2_GROUP_FIELDS = {
    instanceTypes: strings(),
    architecture: optional(string()),
    minSize: optional(int()),
    maxSize: optional(int()),
    onDemandBaseCapacity: optional(int()),
    onDemandPercentageAboveBaseCapacity: optional(int()),
    spotAllocationStrategy: optional(string()),
    rootVolumeGiB: optional(int()),
    awsvpcTrunking: optional(boolean()),
};

export const EC2_CAPACITY_SHAPE = object<Ec2CapacityArgs>()({
    ...EC2_GROUP_FIELDS,
    targetCapacityPercent: optional(int()),
});

export const EC2_CAPACITY_PROVIDER_SHAPE = object<Ec2CapacityProviderArgs>()({
    ...EC2_GROUP_FIELDS,
    instanceWeights: optional(record(int())),
    managedScaling: optional(
        union(
            "false, or { targetCapacityPercent?, minimumStepSize?, maximumStepSize?, instanceWarmupSeconds? }",
            oneOf([false]),
            object<ManagedScalingArgs>()({
                targetCapacityPercent: optional(int()),
                minimumStepSize: optional(int()),
                maximumStepSize: optional(int()),
                instanceWarmupSeconds: optional(int()),
            }),
        ),
    ),
});

export const LOAD_BALANCER_SHAPE = object<LoadBalancerArgs>()({
    type: string(),
    internal: optional(boolean()),
    certificateArn: optional(inputString()),
    sslPolicy: optional(string()),
    ingressCidrs: optional(strings()),
    ingressPrefixListIds: optional(array(inputString())),
    testIngressCidrs: optional(strings()),
    idleTimeoutSeconds: optional(int()),
    deletionProtection: optional(boolean()),
    accessLogs: optional(
        union(
            "true (a bucket of the component's) or { bucket, prefix? }",
            oneOf([true]),
            object<Exclude<LoadBalancerArgs["accessLogs"], true | undefined>>()({ bucket: inputString(), prefix: optional(string()) }),
        ),
    ),
    domain: optional(object<LoadBalancerDomainArgs>()({ name: string(), hostedZoneId: inputString() })),
    listenerArn: optional(inputString()),
    securityGroupId: optional(inputString()),
});

export const CONTAINER_HEALTH_CHECK_SHAPE = object<ContainerHealthCheckArgs>()({
    command: strings(),
    intervalSeconds: optional(int()),
    timeoutSeconds: optional(int()),
    retries: optional(int()),
    startPeriodSeconds: optional(int()),
});

export const IMAGE_BUILD_SHAPE = object<ImageBuildArgs>()({
    repository: string(),
    context: string(),
    dockerfile: optional(string()),
    platform: optional(string()),
});

type PortMapping = NonNullable<ContainerArgs["portMappings"]>[number];
type VolumeFrom = NonNullable<ContainerArgs["volumesFrom"]>[number];

export const CONTAINER_SHAPE = object<ContainerArgs>()({
    image: union("an image URI, or { build: { repository, context } }", inputString(), object<{ build: ImageBuildArgs }>()({ build: IMAGE_BUILD_SHAPE })),
    portMappings: optional(array(object<PortMapping>()({ containerPort: int(), protocol: optional(string()), name: optional(string()) }))),
    cpu: optional(int()),
    memoryMiB: optional(int()),
    essential: optional(boolean()),
    environment: optional(env()),
    secrets: optional(env()),
    command: optional(strings()),
    entryPoint: optional(strings()),
    healthCheck: optional(CONTAINER_HEALTH_CHECK_SHAPE),
    readonlyRootFilesystem: optional(boolean()),
    user: optional(string()),
    memoryReservationMiB: optional(int()),
    dependsOn: optional(record(string())),
    restartPolicy: optional(
        object<ContainerRestartPolicyArgs>()({ enabled: boolean(), ignoredExitCodes: optional(array(int())), restartAttemptPeriodSeconds: optional(int()) }),
    ),
    linuxCapabilities: optional(object<LinuxCapabilitiesArgs>()({ add: optional(strings()), drop: optional(strings()) })),
    volumesFrom: optional(array(object<VolumeFrom>()({ sourceContainer: string(), readOnly: optional(boolean()) }))),
    // One object shape for both drivers (a union of objects would report the first one's issues):
    // validate.ts holds the rules between `driver` and `options`.
    logging: optional(
        object<{ driver: string; options?: Record<string, unknown>; secretOptions?: Record<string, unknown> }>()({
            driver: string(),
            options: optional(env()),
            secretOptions: optional(env()),
        }),
    ),
});

export const LOG_ROUTER_SHAPE = object<LogRouterArgs>()({
    image: optional(string()),
    enableEcsLogMetadata: optional(boolean()),
    configFilePath: optional(string()),
    memoryReservationMiB: optional(int()),
});

export const BIND_MOUNT_SHAPE = object<BindMountArgs>()({
    containerPath: string(),
    containers: optional(strings()),
    readOnly: optional(boolean()),
    hostPath: optional(string()),
});

export const EBS_VOLUME_SHAPE = object<EbsVolumeArgs>()({
    containerPath: string(),
    name: optional(string()),
    containers: optional(strings()),
    readOnly: optional(boolean()),
    sizeGiB: optional(int()),
    iops: optional(int()),
    throughputMiBps: optional(int()),
    fileSystemType: optional(string()),
    kmsKeyArn: optional(inputString()),
});

type Rule = NonNullable<ServiceLoadBalancerArgs["rule"]>;
type TargetHealthCheck = NonNullable<ServiceLoadBalancerArgs["healthCheck"]>;

export const SERVICE_LOAD_BALANCER_SHAPE = object<ServiceLoadBalancerArgs>()({
    name: string(),
    container: optional(string()),
    containerPort: int(),
    rule: optional(object<Rule>()({ priority: int(), pathPatterns: optional(strings()), hosts: optional(strings()) })),
    listenerPort: optional(int()),
    healthCheck: optional(
        object<TargetHealthCheck>()({
            path: optional(string()),
            intervalSeconds: optional(int()),
            timeoutSeconds: optional(int()),
            healthyThreshold: optional(int()),
            unhealthyThreshold: optional(int()),
            matcher: optional(string()),
        }),
    ),
    deregistrationDelaySeconds: optional(int()),
});

type Step = StepScalingArgs["steps"][number];
type Schedule = NonNullable<ServiceScalingArgs["schedules"]>[string];

export const STEP_SCALING_SHAPE = object<StepScalingArgs>()({
    metric: object<StepScalingArgs["metric"]>()({
        namespace: string(),
        metricName: string(),
        dimensions: optional(env()),
        statistic: optional(string()),
        periodSeconds: optional(int()),
    }),
    threshold: number(),
    comparison: optional(string()),
    evaluationPeriods: optional(int()),
    adjustmentType: optional(string()),
    steps: array(object<Step>()({ lower: optional(number()), upper: optional(number()), change: int() })),
    cooldownSeconds: optional(int()),
    metricAggregation: optional(string()),
});

export const PREDICTIVE_SCALING_SHAPE = object<PredictiveScalingArgs>()({
    metric: string(),
    targetPercent: number(),
    mode: optional(string()),
    schedulingBufferSeconds: optional(int()),
    maxCapacityBehavior: optional(string()),
    maxCapacityBufferPercent: optional(int()),
});

export const SERVICE_SCALING_SHAPE = object<ServiceScalingArgs>()({
    minCount: int(),
    maxCount: int(),
    cpuTargetPercent: optional(number()),
    memoryTargetPercent: optional(number()),
    requestsPerTarget: optional(number()),
    backlogPerTask: optional(number()),
    steps: optional(record(STEP_SCALING_SHAPE)),
    predictive: optional(PREDICTIVE_SCALING_SHAPE),
    schedules: optional(record(object<Schedule>()({ schedule: string(), minCount: int(), maxCount: int(), timezone: optional(string()) }))),
    scaleInCooldownSeconds: optional(int()),
    scaleOutCooldownSeconds: optional(int()),
});

export const QUEUE_SHAPE = object<QueueArgs>()({
    visibilityTimeoutSeconds: optional(int()),
    maxReceiveCount: optional(int()),
    messageRetentionSeconds: optional(int()),
});

export const VOLUME_SHAPE = object<VolumeArgs>()({
    fileSystem: string(),
    containerPath: string(),
    containers: optional(strings()),
    readOnly: optional(boolean()),
    rootDirectory: optional(string()),
    uid: optional(int()),
    gid: optional(int()),
});

// The IAM statement shape is shared with every component that takes `statements`.
export { STATEMENT_KEYS, STATEMENT_SHAPE };

export const TASK_ROLE_SHAPE = object<TaskRoleArgs>()({
    statements: optional(array(STATEMENT_SHAPE)),
    managedPolicyArns: optional(strings()),
});

const TASK_FIELDS = {
    containers: record(CONTAINER_SHAPE),
    cpu: optional(int()),
    memoryMiB: optional(int()),
    capacity: optional(string()),
    capacityProviderStrategy: optional(STRATEGY_SHAPE),
    spot: optional(object<NonNullable<TaskArgs["spot"]>>()({ onDemandBase: optional(int()), onDemandWeight: optional(int()), spotWeight: optional(int()) })),
    networkMode: optional(string()),
    volumes: optional(record(VOLUME_SHAPE)),
    taskRole: optional(TASK_ROLE_SHAPE),
    cpuArchitecture: optional(string()),
    platformVersion: optional(string()),
    secretsKmsKeyArns: optional(array(inputString())),
    logRouter: optional(LOG_ROUTER_SHAPE),
    bindMounts: optional(record(BIND_MOUNT_SHAPE)),
    ephemeralStorageGiB: optional(int()),
};

export const TASK_SHAPE = object<TaskArgs>()(TASK_FIELDS);

type Alias = NonNullable<ServiceConnectPortArgs["alias"]>;

export const SERVICE_CONNECT_SHAPE = object<ServiceConnectArgs>()({
    services: optional(
        record(
            object<ServiceConnectPortArgs>()({
                discoveryName: optional(string()),
                alias: optional(object<Alias>()({ dnsName: optional(string()), port: optional(int()) })),
            }),
        ),
    ),
    allowFrom: optional(strings()),
    allowFromSecurityGroups: optional(record(inputString())),
    accessLogs: optional(boolean()),
});

export const SERVICE_CONNECT_NAMESPACE_SHAPE = object<ServiceConnectNamespaceArgs>()({ namespaceArn: optional(inputString()) });

type Alarms = Exclude<NonNullable<ServiceArgs["alarms"]>, false>;

export const LIFECYCLE_HOOK_SHAPE = object<DeploymentLifecycleHookArgs>()({
    lambdaArn: inputString(),
    stages: array(string(), { nonEmpty: true }),
    details: optional(record(json())),
});

export const DEPLOYMENT_SHAPE = object<ServiceDeploymentArgs>()({
    minimumHealthyPercent: optional(int()),
    maximumPercent: optional(int()),
    rollback: optional(boolean()),
    controller: optional(string()),
    releasedBy: optional(string()),
    strategy: optional(string()),
    bakeTimeMinutes: optional(int()),
    linear: optional(object<NonNullable<ServiceDeploymentArgs["linear"]>>()({ stepPercent: number(), stepBakeMinutes: int() })),
    canary: optional(object<NonNullable<ServiceDeploymentArgs["canary"]>>()({ percent: number(), bakeMinutes: int() })),
    lifecycleHooks: optional(record(LIFECYCLE_HOOK_SHAPE)),
    rollbackAlarms: optional(
        object<NonNullable<ServiceDeploymentArgs["rollbackAlarms"]>>()({ serviceAlarms: optional(boolean()), names: optional(array(inputString())) }),
    ),
    testListenerPort: optional(int()),
});

export const SERVICE_SHAPE = object<ServiceArgs>()({
    ...TASK_FIELDS,
    desiredCount: optional(int()),
    loadBalancer: optional(SERVICE_LOAD_BALANCER_SHAPE),
    additionalLoadBalancers: optional(array(SERVICE_LOAD_BALANCER_SHAPE)),
    scaling: optional(SERVICE_SCALING_SHAPE),
    queue: optional(QUEUE_SHAPE),
    deployment: optional(DEPLOYMENT_SHAPE),
    healthCheckGracePeriodSeconds: optional(int()),
    enableExecuteCommand: optional(boolean()),
    alarms: optional(
        union(
            "false, or { cpuPercent?, memoryPercent?, http5xxPerMinute? }",
            oneOf([false]),
            object<Alarms>()({ cpuPercent: optional(number()), memoryPercent: optional(number()), http5xxPerMinute: optional(int()) }),
        ),
    ),
    ebsVolume: optional(EBS_VOLUME_SHAPE),
    serviceConnect: optional(SERVICE_CONNECT_SHAPE),
});

export const SCHEDULED_TASK_SHAPE = object<ScheduledTaskArgs>()({
    ...TASK_FIELDS,
    schedule: optional(string()),
    timezone: optional(string()),
    eventPattern: optional(record(json())),
    retries: optional(int()),
    taskCount: optional(int()),
});

export const REPOSITORY_SHAPE = object<RepositoryArgs>()({
    keepImages: optional(int()),
    untaggedExpiryDays: optional(int()),
    immutableTags: optional(boolean()),
    encryption: optional(string()),
    kmsKeyArn: optional(inputString()),
});

export const FILE_SYSTEM_SHAPE = object<FileSystemArgs>()({
    throughputMode: optional(string()),
    transitionToIA: optional(string()),
    backup: optional(boolean()),
});

type ExpressScaling = NonNullable<ExpressServiceArgs["scaling"]>;

export const EXPRESS_SERVICE_SHAPE = object<ExpressServiceArgs>()({
    image: inputString(),
    containerPort: optional(int()),
    cpu: optional(int()),
    memoryMiB: optional(int()),
    healthCheckPath: optional(string()),
    environment: optional(env()),
    secrets: optional(env()),
    secretsKmsKeyArns: optional(array(inputString())),
    scaling: optional(
        object<ExpressScaling>()({ minCount: optional(int()), maxCount: optional(int()), metric: optional(string()), target: optional(number()) }),
    ),
    taskRole: optional(TASK_ROLE_SHAPE),
});

type Transforms = ContainerServiceTransforms;

export const TRANSFORM_SHAPE = object<Transforms>()({
    cluster: optional(transform()),
    clusterCapacityProviders: optional(transform()),
    accountSetting: optional(transform()),
    taskDefinition: optional(transform()),
    service: optional(transform()),
    executionRole: optional(transform()),
    taskRole: optional(transform()),
    rolePolicy: optional(transform()),
    rolePolicyAttachment: optional(transform()),
    logGroup: optional(transform()),
    securityGroup: optional(transform()),
    accessPoint: optional(transform()),
    efsIngress: optional(transform()),
    loadBalancerIngress: optional(transform()),
    serviceConnectIngress: optional(transform()),
    instanceSecurityGroup: optional(transform()),
    instanceRole: optional(transform()),
    instanceProfile: optional(transform()),
    launchTemplate: optional(transform()),
    autoScalingGroup: optional(transform()),
    capacityProvider: optional(transform()),
    loadBalancerSecurityGroup: optional(transform()),
    loadBalancer: optional(transform()),
    accessLogsBucket: optional(PRIVATE_BUCKET_TRANSFORMS_SHAPE),
    listener: optional(transform()),
    targetGroup: optional(transform()),
    listenerRule: optional(transform()),
    certificate: optional(transform()),
    certificateValidation: optional(transform()),
    dnsRecord: optional(transform()),
    scalingTarget: optional(transform()),
    scalingPolicy: optional(transform()),
    scalingAlarm: optional(transform()),
    scheduledAction: optional(transform()),
    alarm: optional(transform()),
    queue: optional(transform()),
    dlq: optional(transform()),
    queuePolicy: optional(transform()),
    ebsRole: optional(transform()),
    schedule: optional(transform()),
    invokeRole: optional(transform()),
    rule: optional(transform()),
    target: optional(transform()),
    expressService: optional(transform()),
    infrastructureRole: optional(transform()),
    repository: optional(transform()),
    lifecyclePolicy: optional(transform()),
    fileSystem: optional(transform()),
    backupPolicy: optional(transform()),
    fileSystemPolicy: optional(transform()),
    fileSystemSecurityGroup: optional(transform()),
    mountTarget: optional(transform()),
    namespace: optional(transform()),
    deployRole: optional(transform()),
});

/** Every ContainerServiceArgs key, once. */
export const CONTAINER_SERVICE_SHAPE = object<ContainerServiceArgs>()({
    vpc: VPC_SHAPE,
    cluster: optional(CLUSTER_SHAPE),
    ec2Capacity: optional(EC2_CAPACITY_SHAPE),
    ec2CapacityProviders: optional(record(EC2_CAPACITY_PROVIDER_SHAPE)),
    loadBalancers: optional(record(LOAD_BALANCER_SHAPE)),
    services: optional(record(SERVICE_SHAPE)),
    scheduledTasks: optional(record(SCHEDULED_TASK_SHAPE)),
    tasks: optional(record(TASK_SHAPE)),
    repositories: optional(record(REPOSITORY_SHAPE)),
    fileSystems: optional(record(FILE_SYSTEM_SHAPE)),
    expressServices: optional(record(EXPRESS_SERVICE_SHAPE)),
    serviceConnect: optional(SERVICE_CONNECT_NAMESPACE_SHAPE),
    logRetentionDays: optional(int()),
    alarmTopicArn: optional(inputString()),
    protectData: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(TRANSFORM_SHAPE),
});
