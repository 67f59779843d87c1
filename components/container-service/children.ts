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
import type { ContainerServiceArgs, ExpressServiceArgs, ScheduledTaskArgs, ServiceArgs, TaskArgs } from "./args";
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
} as const;

/**
 * `[type, pattern]`: `{key}` is the item's key; `{container}`, `{volume}`, `{fileSystem}`, `{step}`,
 * `{schedule}`, `{managedPolicy}`, `{loadBalancer}`, `{port}`, `{index}`, `{connectPort}` (a Service Connect
 * port name), `{client}` (a service in `serviceConnect.allowFrom`) range over what the args hold.
 */
type Row = readonly [type: string, pattern: string];

/** What every task-running item (service, scheduled task) creates for its task definition. */
const TASK: Row[] = [
    [T.taskDefinition, "{key}-task"],
    [T.logGroup, "{key}-logs"],
    [T.role, "{key}-execution-role"],
    [T.rolePolicy, "{key}-execution-role-task-execution"],
    [T.role, "{key}-task-role"],
    [T.rolePolicy, "{key}-task-role-application"],
    [T.attachment, "{key}-task-role-{managedPolicy}"],
    [T.sg, "{key}-sg"],
    [T.image, "{key}-{container}-image"],
    [T.accessPoint, "{key}-{volume}-ap"],
    [T.ingress, "{key}-{fileSystem}-efs-ingress"],
];

/** What every EC2 group shares (with `ec2Capacity` or any of `ec2CapacityProviders`): what bridge tasks on the instances see. */
const INSTANCES: Row[] = [
    [T.sg, "instances-sg"],
    [T.role, "instance-role"],
    [T.attachment, "instance-role-ecs"],
    [T.attachment, "instance-role-ssm"],
    [T.instanceProfile, "instance-profile"],
    [T.accountSetting, "awsvpc-trunking"],
    [T.ingress, "instances-{fileSystem}-efs-ingress"],
    [T.ingress, "{loadBalancer}-instances-from-lb"],
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
        [T.cluster, "cluster"],
        [T.capacityProviders, "capacity-providers"],
        // The cluster's default Service Connect namespace: only when a service uses Service Connect
        // and no `serviceConnect.namespaceArn` is given (predicted always, as optional children are).
        [T.httpNamespace, "namespace"],
    ],
    /** Only with `ec2Capacity`: the group, and what bridge tasks on its instances share. */
    ec2Capacity: [...INSTANCES, [T.launchTemplate, "launch-template"], [T.asg, "asg"], [T.capacityProvider, "ec2-capacity"]],
    /** Each provider's own group; the shared instance parts are `ec2Capacity`'s first rows. */
    ec2CapacityProviders: [
        [T.launchTemplate, "{key}-launch-template"],
        [T.asg, "{key}-asg"],
        [T.capacityProvider, "{key}-capacity-provider"],
    ],
    loadBalancers: [
        [T.sg, "{key}-lb-sg"],
        [T.lb, "{key}-alb"],
        [T.lb, "{key}-nlb"],
        [T.listener, "{key}-listener-{port}"],
        [T.certificate, "{key}-domain-certificate"],
        [T.certificateValidation, "{key}-domain-certificate-validation"],
        [T.record, "{key}-domain-validation"],
        [T.record, "{key}-domain-a"],
    ],
    services: [
        ...TASK,
        [T.service, "{key}"],
        [T.tg, "{key}-tg"],
        [T.listenerRule, "{key}-rule"],
        // Blue/green, linear, canary, CodeDeploy (deployment.ts).
        [T.tg, "{key}-tg-alt"],
        [T.listenerRule, "{key}-test-rule"],
        [T.role, "{key}-deploy-role"],
        [T.attachment, "{key}-deploy-role-load-balancers"],
        [T.rolePolicy, "{key}-deploy-role-hooks"],
        [T.ingress, "{key}-from-lb"],
        // additionalLoadBalancers: `{loadBalancer}` ranges over the service's own.
        [T.tg, "{key}-{loadBalancer}-tg"],
        [T.listenerRule, "{key}-{loadBalancer}-rule"],
        [T.ingress, "{key}-{loadBalancer}-from-lb"],
        [T.queue, "{key}-queue"],
        [T.queue, "{key}-dlq"],
        [T.queuePolicy, "{key}-queue-policy"],
        [T.scalingTarget, "{key}-scaling"],
        [T.scalingPolicy, "{key}-cpu-scaling"],
        [T.scalingPolicy, "{key}-memory-scaling"],
        [T.scalingPolicy, "{key}-requests-scaling"],
        [T.scalingPolicy, "{key}-backlog-scaling"],
        [T.scalingPolicy, "{key}-predictive-scaling"],
        [T.scalingPolicy, "{key}-{step}-step-scaling"],
        [T.alarm, "{key}-{step}-step-alarm"],
        [T.scheduledAction, "{key}-{schedule}-scheduled-scaling"],
        [T.alarm, "{key}-cpu-high"],
        [T.alarm, "{key}-memory-high"],
        [T.alarm, "{key}-http-5xx"],
        [T.alarm, "{key}-unhealthy-hosts"],
        [T.alarm, "{key}-dlq-messages"],
        [T.role, "{key}-ebs-role"],
        [T.attachment, "{key}-ebs-role-volumes"],
        [T.rolePolicy, "{key}-ebs-role-kms"],
        [T.ingress, "{key}-{connectPort}-from-{client}"],
    ],
    scheduledTasks: [
        ...TASK,
        [T.queue, "{key}-dlq"],
        [T.queuePolicy, "{key}-dlq-policy"],
        [T.alarm, "{key}-dlq-messages"],
        [T.role, "{key}-invoke-role"],
        [T.rolePolicy, "{key}-invoke-role-run-task"],
        [T.schedule, "{key}-schedule"],
        [T.rule, "{key}-rule"],
        [T.target, "{key}-target"],
    ],
    /** Standalone task definitions: the task definition and what it needs, nothing that runs it. */
    tasks: [...TASK],
    expressServices: [
        [T.express, "{key}"],
        [T.logGroup, "{key}-logs"],
        [T.role, "{key}-execution-role"],
        [T.rolePolicy, "{key}-execution-role-task-execution"],
        [T.role, "{key}-task-role"],
        [T.rolePolicy, "{key}-task-role-application"],
        [T.attachment, "{key}-task-role-{managedPolicy}"],
        [T.role, "{key}-infrastructure-role"],
        [T.attachment, "{key}-infrastructure-role-express"],
        [T.sg, "{key}-sg"],
    ],
    repositories: [
        [T.repository, "{key}-repo"],
        [T.lifecycle, "{key}-repo-lifecycle"],
    ],
    fileSystems: [
        [T.fileSystem, "{key}-efs"],
        [T.backupPolicy, "{key}-efs-backup"],
        [T.fileSystemPolicy, "{key}-efs-policy"],
        [T.sg, "{key}-efs-sg"],
        [T.mountTarget, "{key}-efs-mount-target-{index}"],
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
        for (const [type, pattern] of rows) for (const name of expand(pattern, values)) out.push({ type, name, origin });
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
