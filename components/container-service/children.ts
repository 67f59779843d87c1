/**
 * The children each part of a ContainerService creates, as data: resource type and logical name
 * relative to the component (`${component}-<pattern>`). Keys of different collections share the
 * name space, so a service `public-lb` beside a load balancer `public` would both create a
 * security group `<name>-public-lb-sg`: a duplicate URN that Pulumi refuses only halfway through a
 * deployment. `childNameIssues` predicts every child from the args and refuses such collisions
 * before any resource exists.
 *
 * Keep the table honest: tests/components/container-service/shape.test.ts builds a component
 * with one of everything and fails when a registered child is not predicted here, so a builder that
 * adds a child without a row here fails CI.
 */
import type { Issue } from "../shared/errors";
import { managedPolicyKeys } from "../shared/iam";
import type { ContainerServiceArgs, ContainerServiceTransforms, ExpressServiceArgs, ScheduledTaskArgs, ServiceArgs, TaskArgs } from "./args";
import { normalize } from "./defaults";

const T = {
    service: "aws:ecs/service:Service",
    express: "aws:ecs/expressGatewayService:ExpressGatewayService",
    taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
    cluster: "aws:ecs/cluster:Cluster",
    capacityProviders: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    capacityProvider: "aws:ecs/capacityProvider:CapacityProvider",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    rule: "aws:cloudwatch/eventRule:EventRule",
    target: "aws:cloudwatch/eventTarget:EventTarget",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    asg: "aws:autoscaling/group:Group",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    listenerRule: "aws:lb/listenerRule:ListenerRule",
    queue: "aws:sqs/queue:Queue",
    queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
    scalingTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
    scheduledAction: "aws:appautoscaling/scheduledAction:ScheduledAction",
    schedule: "aws:scheduler/schedule:Schedule",
    repository: "aws:ecr/repository:Repository",
    lifecycle: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    image: "awsx:ecr:Image",
    fileSystem: "aws:efs/fileSystem:FileSystem",
    backupPolicy: "aws:efs/backupPolicy:BackupPolicy",
    fileSystemPolicy: "aws:efs/fileSystemPolicy:FileSystemPolicy",
    mountTarget: "aws:efs/mountTarget:MountTarget",
    accessPoint: "aws:efs/accessPoint:AccessPoint",
    accountSetting: "aws:ecs/accountSettingDefault:AccountSettingDefault",
    certificate: "aws:acm/certificate:Certificate",
    certificateValidation: "aws:acm/certificateValidation:CertificateValidation",
    record: "aws:route53/record:Record",
    httpNamespace: "aws:servicediscovery/httpNamespace:HttpNamespace",
    bucket: "aws:s3/bucket:Bucket",
    bucketOwnership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
    bucketLifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
} as const;

/**
 * `[type, pattern, transform]`: `{key}` is the item's key; `{container}`, `{volume}`, `{fileSystem}`, `{step}`,
 * `{schedule}`, `{managedPolicy}`, `{loadBalancer}`, `{port}`, `{index}`, `{connectPort}` (a Service Connect
 * port name), `{client}` (a service in `serviceConnect.allowFrom`) range over what the args hold.
 */
type Row = readonly [type: string, pattern: string, transform: TransformKey | null];

/**
 * A key of `ContainerServiceArgs.transform`; each row names the one key that reaches its child
 * (`null`: the `awsx:ecr:Image` of a built image, a remote component that takes no transform).
 * tests/components/container-service/transforms.test.ts checks that every child is reached by
 * exactly its row's key, and that the key's doc comment in args.ts lists the row's pattern.
 */
export type TransformKey = keyof ContainerServiceTransforms;

/** What every task-running item (service, scheduled task) creates for its task definition. */
const TASK: Row[] = [
    [T.taskDefinition, "{key}-task", "taskDefinition"],
    [T.logGroup, "{key}-logs", "logGroup"],
    [T.role, "{key}-execution-role", "executionRole"],
    [T.rolePolicy, "{key}-execution-role-task-execution", "rolePolicy"],
    [T.role, "{key}-task-role", "taskRole"],
    [T.rolePolicy, "{key}-task-role-application", "rolePolicy"],
    [T.attachment, "{key}-task-role-{managedPolicy}", "rolePolicyAttachment"],
    [T.sg, "{key}-sg", "securityGroup"],
    [T.image, "{key}-{container}-image", null],
    [T.accessPoint, "{key}-{volume}-ap", "accessPoint"],
    [T.ingress, "{key}-{fileSystem}-efs-ingress", "efsIngress"],
];

/** What every EC2 group shares (with `ec2Capacity` or any of `ec2CapacityProviders`): what bridge tasks on the instances see. */
const INSTANCES: Row[] = [
    [T.sg, "instances-sg", "instanceSecurityGroup"],
    [T.role, "instance-role", "instanceRole"],
    [T.attachment, "instance-role-ecs", "rolePolicyAttachment"],
    [T.attachment, "instance-role-ssm", "rolePolicyAttachment"],
    [T.instanceProfile, "instance-profile", "instanceProfile"],
    [T.accountSetting, "awsvpc-trunking", "accountSetting"],
    [T.ingress, "instances-{fileSystem}-efs-ingress", "efsIngress"],
    [T.ingress, "{loadBalancer}-instances-from-lb", "loadBalancerIngress"],
];

export const CHILD_NAMES: Record<
    | "cluster"
    | "ec2Capacity"
    | "ec2CapacityProviders"
    | "loadBalancers"
    | "services"
    | "scheduledTasks"
    | "tasks"
    | "expressServices"
    | "repositories"
    | "fileSystems",
    Row[]
> = {
    /** Not with `cluster.existing`. */
    cluster: [
        [T.cluster, "cluster", "cluster"],
        [T.capacityProviders, "capacity-providers", "clusterCapacityProviders"],
        // The component's Service Connect namespace: only when a service uses Service Connect
        // and no `serviceConnect.namespaceArn` is given (predicted always, as optional children are).
        [T.httpNamespace, "namespace", "namespace"],
    ],
    /** Only with `ec2Capacity`: the group, and what bridge tasks on its instances share. */
    ec2Capacity: [
        ...INSTANCES,
        [T.launchTemplate, "launch-template", "launchTemplate"],
        [T.asg, "asg", "autoScalingGroup"],
        [T.capacityProvider, "ec2-capacity", "capacityProvider"],
    ],
    /** Each provider's own group; the shared instance parts are `ec2Capacity`'s first rows. */
    ec2CapacityProviders: [
        [T.launchTemplate, "{key}-launch-template", "launchTemplate"],
        [T.asg, "{key}-asg", "autoScalingGroup"],
        [T.capacityProvider, "{key}-capacity-provider", "capacityProvider"],
    ],
    loadBalancers: [
        [T.sg, "{key}-lb-sg", "loadBalancerSecurityGroup"],
        [T.lb, "{key}-alb", "loadBalancer"],
        [T.lb, "{key}-nlb", "loadBalancer"],
        [T.listener, "{key}-listener-{port}", "listener"],
        [T.certificate, "{key}-domain-certificate", "certificate"],
        [T.certificateValidation, "{key}-domain-certificate-validation", "certificateValidation"],
        [T.record, "{key}-domain-validation", "dnsRecord"],
        [T.record, "{key}-domain-a", "dnsRecord"],
        // accessLogs: true (transform.accessLogsBucket holds one transform per part).
        [T.bucket, "{key}-access-logs", "accessLogsBucket"],
        [T.bucketOwnership, "{key}-access-logs-ownership", "accessLogsBucket"],
        [T.bucketPublicAccessBlock, "{key}-access-logs-public-access-block", "accessLogsBucket"],
        [T.bucketEncryption, "{key}-access-logs-encryption", "accessLogsBucket"],
        [T.bucketPolicy, "{key}-access-logs-policy", "accessLogsBucket"],
        [T.bucketVersioning, "{key}-access-logs-versioning", "accessLogsBucket"],
        [T.bucketLifecycle, "{key}-access-logs-lifecycle", "accessLogsBucket"],
    ],
    services: [
        ...TASK,
        [T.service, "{key}", "service"],
        [T.tg, "{key}-tg", "targetGroup"],
        [T.listenerRule, "{key}-rule", "listenerRule"],
        // Blue/green, linear, canary, CodeDeploy (deployment.ts).
        [T.tg, "{key}-tg-alt", "targetGroup"],
        [T.listenerRule, "{key}-test-rule", "listenerRule"],
        [T.role, "{key}-deploy-role", "deployRole"],
        [T.attachment, "{key}-deploy-role-load-balancers", "rolePolicyAttachment"],
        [T.rolePolicy, "{key}-deploy-role-hooks", "rolePolicy"],
        [T.ingress, "{key}-from-lb", "loadBalancerIngress"],
        // additionalLoadBalancers: `{loadBalancer}` ranges over the service's own.
        [T.tg, "{key}-{loadBalancer}-tg", "targetGroup"],
        [T.listenerRule, "{key}-{loadBalancer}-rule", "listenerRule"],
        [T.ingress, "{key}-{loadBalancer}-from-lb", "loadBalancerIngress"],
        [T.queue, "{key}-queue", "queue"],
        [T.queue, "{key}-dlq", "dlq"],
        [T.queuePolicy, "{key}-queue-policy", "queuePolicy"],
        [T.queuePolicy, "{key}-dlq-policy", "queuePolicy"],
        [T.scalingTarget, "{key}-scaling", "scalingTarget"],
        [T.scalingPolicy, "{key}-cpu-scaling", "scalingPolicy"],
        [T.scalingPolicy, "{key}-memory-scaling", "scalingPolicy"],
        [T.scalingPolicy, "{key}-requests-scaling", "scalingPolicy"],
        [T.scalingPolicy, "{key}-backlog-scaling", "scalingPolicy"],
        [T.scalingPolicy, "{key}-predictive-scaling", "scalingPolicy"],
        [T.scalingPolicy, "{key}-{step}-step-scaling", "scalingPolicy"],
        [T.alarm, "{key}-{step}-step-alarm", "scalingAlarm"],
        [T.scheduledAction, "{key}-{schedule}-scheduled-scaling", "scheduledAction"],
        [T.alarm, "{key}-cpu-high", "alarm"],
        [T.alarm, "{key}-memory-high", "alarm"],
        [T.alarm, "{key}-http-5xx", "alarm"],
        [T.alarm, "{key}-unhealthy-hosts", "alarm"],
        [T.alarm, "{key}-dlq-messages", "alarm"],
        [T.role, "{key}-ebs-role", "ebsRole"],
        [T.attachment, "{key}-ebs-role-volumes", "rolePolicyAttachment"],
        [T.rolePolicy, "{key}-ebs-role-kms", "rolePolicy"],
        [T.ingress, "{key}-{connectPort}-from-{client}", "serviceConnectIngress"],
    ],
    scheduledTasks: [
        ...TASK,
        [T.queue, "{key}-dlq", "dlq"],
        [T.queuePolicy, "{key}-dlq-policy", "queuePolicy"],
        [T.alarm, "{key}-dlq-messages", "alarm"],
        [T.role, "{key}-invoke-role", "invokeRole"],
        [T.rolePolicy, "{key}-invoke-role-run-task", "rolePolicy"],
        [T.schedule, "{key}-schedule", "schedule"],
        [T.rule, "{key}-rule", "rule"],
        [T.target, "{key}-target", "target"],
    ],
    /** Standalone task definitions: the task definition and what it needs, nothing that runs it. */
    tasks: [...TASK],
    expressServices: [
        [T.express, "{key}", "expressService"],
        [T.logGroup, "{key}-logs", "logGroup"],
        [T.role, "{key}-execution-role", "executionRole"],
        [T.rolePolicy, "{key}-execution-role-task-execution", "rolePolicy"],
        [T.role, "{key}-task-role", "taskRole"],
        [T.rolePolicy, "{key}-task-role-application", "rolePolicy"],
        [T.attachment, "{key}-task-role-{managedPolicy}", "rolePolicyAttachment"],
        [T.role, "{key}-infrastructure-role", "infrastructureRole"],
        [T.attachment, "{key}-infrastructure-role-express", "rolePolicyAttachment"],
        [T.sg, "{key}-sg", "securityGroup"],
    ],
    repositories: [
        [T.repository, "{key}-repo", "repository"],
        [T.lifecycle, "{key}-repo-lifecycle", "lifecyclePolicy"],
    ],
    fileSystems: [
        [T.fileSystem, "{key}-efs", "fileSystem"],
        [T.backupPolicy, "{key}-efs-backup", "backupPolicy"],
        [T.fileSystemPolicy, "{key}-efs-policy", "fileSystemPolicy"],
        [T.sg, "{key}-efs-sg", "fileSystemSecurityGroup"],
        [T.mountTarget, "{key}-efs-mount-target-{index}", "mountTarget"],
    ],
};

type Values = Record<string, string[]>;

function expand(pattern: string, values: Values): string[] {
    let names = [pattern];
    for (const [placeholder, options] of Object.entries(values)) {
        const token = `{${placeholder}}`;
        names = names.flatMap((n) => (n.includes(token) ? options.map((o) => n.split(token).join(o)) : [n]));
    }
    return names.filter((n) => !n.includes("{"));
}

/** A predicted child: its type, its name relative to the component, and the args path it comes from. */
export interface PredictedChild {
    type: string;
    name: string;
    origin: string;
    /** The transform key that reaches it. */
    transform: TransformKey | null;
}

/**
 * Every child the args could create (a superset: optional children are predicted whether or not the
 * item asks for them, which costs nothing as long as names do not collide). Call on shape-valid args.
 */
export function predictChildren(args: ContainerServiceArgs): PredictedChild[] {
    const cfg = normalize("", args);
    const out: PredictedChild[] = [];
    const fileSystems = Object.keys(args.fileSystems ?? {});
    const loadBalancers = Object.keys(args.loadBalancers ?? {});
    const subnets = cfg.vpc.privateSubnetIds;
    // Mount targets are named by AZ when the subnets come by AZ, else by position.
    const byAz = cfg.vpc.privateSubnetIdsByAz;
    const index = byAz !== undefined ? Object.keys(byAz) : Array.isArray(subnets) ? subnets.map((_s, i) => String(i)) : [];
    const add = (rows: Row[], origin: string, values: Values) => {
        for (const [type, pattern, transform] of rows) for (const name of expand(pattern, values)) out.push({ type, name, origin, transform });
    };
    const taskValues = (key: string, t: ServiceArgs | ScheduledTaskArgs | TaskArgs | ExpressServiceArgs): Values => ({
        key: [key],
        container: "containers" in t ? Object.keys(t.containers) : [],
        volume: "volumes" in t ? Object.keys(t.volumes ?? {}) : [],
        fileSystem: fileSystems,
        step: "scaling" in t && t.scaling && "steps" in t.scaling ? Object.keys(t.scaling.steps ?? {}) : [],
        schedule: "scaling" in t && t.scaling && "schedules" in t.scaling ? Object.keys(t.scaling.schedules ?? {}) : [],
        managedPolicy: Object.keys(managedPolicyKeys(t.taskRole?.managedPolicyArns ?? [])),
        connectPort: "serviceConnect" in t ? Object.keys(t.serviceConnect?.services ?? {}) : [],
        client: "serviceConnect" in t ? [...(t.serviceConnect?.allowFrom ?? []), ...Object.keys(t.serviceConnect?.allowFromSecurityGroups ?? {})] : [],
    });
    add(CHILD_NAMES.cluster, "cluster", {});
    const instanceValues = { fileSystem: fileSystems, loadBalancer: loadBalancers };
    const providers = Object.keys(args.ec2CapacityProviders ?? {});
    if (args.ec2Capacity) add(CHILD_NAMES.ec2Capacity, "ec2Capacity", instanceValues);
    else if (providers.length > 0) add(INSTANCES, "ec2CapacityProviders", instanceValues);
    for (const key of providers) add(CHILD_NAMES.ec2CapacityProviders, `ec2CapacityProviders.${key}`, { key: [key] });
    for (const key of loadBalancers) {
        const ports = Object.values(cfg.services)
            .flatMap((s) => [
                ...[...(s.loadBalancer ? [s.loadBalancer] : []), ...s.additionalLoadBalancers].filter((l) => l.name === key).map((l) => l.listenerPort),
                // A blue/green, linear, canary or CodeDeploy service's test listener is on its primary load balancer.
                ...(s.loadBalancer?.name === key && s.deployment.testListenerPort !== undefined ? [s.deployment.testListenerPort] : []),
            ])
            .map(String);
        add(CHILD_NAMES.loadBalancers, `loadBalancers.${key}`, { key: [key], port: [...new Set(["80", "443", ...ports])] });
    }
    for (const [key, s] of Object.entries(args.services ?? {}))
        add(CHILD_NAMES.services, `services.${key}`, { ...taskValues(key, s), loadBalancer: (s.additionalLoadBalancers ?? []).map((l) => l.name) });
    for (const [key, t] of Object.entries(args.scheduledTasks ?? {})) add(CHILD_NAMES.scheduledTasks, `scheduledTasks.${key}`, taskValues(key, t));
    for (const [key, t] of Object.entries(args.tasks ?? {})) add(CHILD_NAMES.tasks, `tasks.${key}`, taskValues(key, t));
    for (const [key, e] of Object.entries(args.expressServices ?? {})) add(CHILD_NAMES.expressServices, `expressServices.${key}`, taskValues(key, e));
    for (const key of Object.keys(args.repositories ?? {})) add(CHILD_NAMES.repositories, `repositories.${key}`, { key: [key] });
    for (const key of fileSystems) add(CHILD_NAMES.fileSystems, `fileSystems.${key}`, { key: [key], index });
    return out;
}

/** One issue per pair of args paths whose children would share a type and a name. */
export function childNameIssues(args: ContainerServiceArgs): Issue[] {
    const seen = new Map<string, PredictedChild>();
    const reported = new Set<string>();
    const issues: Issue[] = [];
    for (const child of predictChildren(args)) {
        const id = `${child.type}::${child.name}`;
        const first = seen.get(id);
        if (!first) {
            seen.set(id, child);
            continue;
        }
        if (first.origin === child.origin) continue;
        const pair = `${first.origin}|${child.origin}`;
        if (reported.has(pair)) continue;
        reported.add(pair);
        issues.push({
            path: child.origin,
            value: child.origin.split(".").pop(),
            message: `gives a child the same name as ${first.origin} does: "<name>-${child.name}" (${child.type})`,
            allowed: "keys whose child names differ (rename one)",
        });
    }
    return issues;
}
