import * as pulumi from "@pulumi/pulumi";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as ecs from "@pulumi/aws/ecs";
import type * as efs from "@pulumi/aws/efs";
import type * as iam from "@pulumi/aws/iam";
import type * as vpc from "@pulumi/aws/vpc";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { ArgsError } from "../shared/errors";
import { Statement } from "../shared/iam";
import { childName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { stackSuffix } from "../shared/unique";
import type { ContainerServiceArgs } from "./args";
import { createCluster } from "./cluster";
import { type ClusterResources, type Ctx, type RolePolicyResources, type TaskResources, rolePolicyResources } from "./context";
import { ResolvedTask, normalize } from "./defaults";
import type { DeploymentResources } from "./deployment";
import { ScheduledTaskResources, createScheduledTask } from "./events";
import { ExpressResources, createExpressService } from "./express";
import {
    AlbTarget,
    JoinedListenerResources,
    LoadBalancerResources,
    ServiceTarget,
    albTarget,
    allowFromLoadBalancer,
    createLoadBalancers,
} from "./load-balancer";
import { QueueResources, createQueue } from "./queue";
import { RepositoryResources, createRepositories, resolveImages } from "./repository";
import { ScalingResources, createScaling } from "./scaling";
import { createAlarms, createService, serviceUrl } from "./service";
import { ServiceConnectNamespace, allowServiceConnect, createNamespace, serviceConnectConfiguration, serviceConnectEndpoints } from "./service-connect";
import { FileSystemResources, allowMount, createAccessPoint, createFileSystems, efsStatements } from "./storage";
import { MountableVolume, createTask } from "./task";
import { validate } from "./validate";
import { componentWarnings } from "./warnings";
import { createEbsRole, ebsVolumeConfiguration } from "./volumes";
import { RunTaskOutput, runTaskOutput } from "./standalone";

/** `rolePolicies` and `rolePolicyAttachments`: those of the EBS role (`ebs-role-kms`, `ebs-role-volumes`); the task's roles' are in `task`. */
export interface ServiceResources extends RolePolicyResources {
    service: ecs.Service;
    task: TaskResources;
    target?: ServiceTarget;
    /**
     * Blue/green, linear, canary or CodeDeploy: both target groups, the production and test listeners
     * and the deploy role; with `controller: "code-deploy"`, what a CodeDeploy deployment group needs.
     */
    deployment?: DeploymentResources;
    queue?: QueueResources;
    scaling?: ScalingResources;
    alarms: Record<string, cloudwatch.MetricAlarm>;
    /** The role ECS manages the tasks' EBS volumes with, when the service has `ebsVolume`. */
    ebsRole?: iam.Role;
    /** Service Connect admission rules, by `<port>-from-<client>` (empty when the service admits no client). */
    serviceConnectIngress: Record<string, vpc.SecurityGroupIngressRule>;
    /**
     * Admission from each of the service's load balancers to its tasks (awsvpc), by load balancer key;
     * bridge-mode services share the instances' rules, in `resources.cluster.loadBalancerIngress`.
     */
    loadBalancerIngress: Record<string, vpc.SecurityGroupIngressRule>;
}

/**
 * Every child of a ContainerService, by part and key: what `resources` holds. Each child is also
 * reached by one transform key (`ContainerServiceTransforms`).
 */
export interface ContainerServiceResources {
    cluster: ClusterResources;
    loadBalancers: Record<string, LoadBalancerResources>;
    /** The existing listeners services join (`loadBalancers.<k>.listenerArn`), by load balancer key. */
    joinedListeners: Record<string, JoinedListenerResources>;
    services: Record<string, ServiceResources>;
    scheduledTasks: Record<string, ScheduledTaskResources>;
    /** Standalone task definitions with their roles, log group and security group. */
    tasks: Record<string, TaskResources>;
    repositories: Record<string, RepositoryResources>;
    fileSystems: Record<string, FileSystemResources>;
    expressServices: Record<string, ExpressResources>;
    /** The Cloud Map namespace of Service Connect, when a service uses it. */
    serviceConnect?: ServiceConnectNamespace;
}

/**
 * Containers on Amazon ECS: one cluster with Fargate, Fargate Spot and an optional EC2 Auto Scaling
 * group capacity provider; services behind shared ALBs/NLBs with path and host rules; EFS volumes;
 * auto scaling; scheduled, event-driven and queue-driven tasks; ECR repositories; ECS Express Mode.
 *
 * @example
 * const net = new Network("main");
 * const app = new ContainerService("shop", {
 *     vpc: net.vpcArgs,
 *     loadBalancers: { public: { type: "application", certificateArn } },
 *     services: {
 *         web: {
 *             containers: { web: { image: "public.ecr.aws/nginx/nginx:1.27", portMappings: [{ containerPort: 80 }] } },
 *             loadBalancer: { name: "public", containerPort: 80 },
 *             scaling: { minCount: 2, maxCount: 10, cpuTargetPercent: 60 },
 *         },
 *     },
 * });
 * export const url = app.urls.public;
 *
 * **Cost** with the defaults: a 0.25 vCPU / 0.5 GB Fargate task is about $9/month on demand (about
 * 70% less on Fargate Spot); an ALB about $16/month plus LCUs; two CloudWatch alarms per service
 * $0.20/month; logs at $0.50/GB ingested, kept 30 days. Container Insights adds custom metrics.
 */
export class ContainerService extends pulumi.ComponentResource {
    static readonly type = typeToken("ecs", "ContainerService");

    readonly clusterName: pulumi.Output<string>;
    readonly clusterArn: pulumi.Output<string>;
    /**
     * URL of each load balancer the component creates (`https://` with a certificate; the `domain`
     * name when given), by key; none for one joined through `listenerArn`.
     */
    readonly urls: Record<string, pulumi.Output<string>>;
    /**
     * The URL of every listener that serves services, by load balancer key and port, e.g.
     * `{ public: { "443": "https://shop.example.com", "8443": "https://shop.example.com:8443" } }`;
     * `{}` for a load balancer joined through `listenerArn`.
     */
    readonly listenerUrls: Record<string, Record<string, pulumi.Output<string>>>;
    /**
     * Each ALB's main listener (HTTPS with a certificate, else HTTP), its port, protocol and security
     * group, by load balancer key: a ServerlessApi `vpcLink` target as it is (add `serverName` for HTTPS).
     */
    readonly albTargets: Record<string, AlbTarget>;
    /** URL of each load-balanced service (its load balancer's URL, or its rule's first non-wildcard host, plus its first path), by key. */
    readonly serviceUrls: Record<string, pulumi.Output<string>>;
    /** Work queue URL of each queue worker, by service key. */
    readonly queueUrls: Record<string, pulumi.Output<string>>;
    /** Push URL of each repository, by key. */
    readonly repositoryUrls: Record<string, pulumi.Output<string>>;
    /** HTTPS endpoint of each Express Mode service, by key. */
    readonly expressUrls: Record<string, pulumi.Output<string>>;
    /** How to start each standalone task (`tasks`), by key: the RunTask request (`input`), the CLI `command`, the caller's IAM `statements`. */
    readonly runTasks: Record<string, RunTaskOutput>;
    /**
     * Where Service Connect clients reach each served port, by service key and port name:
     * `<dnsName>:<port>` (e.g. `{ app: { http: "app:8080" } }`).
     */
    readonly serviceConnectEndpoints: Record<string, Record<string, string>>;
    /** The children, for wiring and escape hatches: every child the component creates is reachable from here. */
    readonly resources: ContainerServiceResources;

    constructor(name: string, args: ContainerServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("ContainerService", name, issues);
        super(ContainerService.type, name, args, opts);

        const cfg = normalize(name, args);
        const parent = { parent: this };
        const ctx: Ctx = {
            name,
            cfg,
            opts: parent,
            tags: componentTags(ContainerService.type, name, cfg.tags),
            region: getRegionOutput({}, parent).region,
            accountId: getCallerIdentityOutput({}, parent).accountId,
            partition: getPartitionOutput({}, parent).partition,
            dataOpts: cfg.protectData ? { parent: this, protect: true, retainOnDelete: true } : parent,
            uniqueSuffix: stackSuffix(name),
        };

        for (const warning of componentWarnings(name, cfg)) pulumi.log.warn(warning, this);

        const repositories = createRepositories(ctx);
        const fileSystems = createFileSystems(ctx);
        const namespace = createNamespace(ctx);
        const cluster = createCluster(ctx);
        const { loadBalancers, joinedListeners, targets } = createLoadBalancers(ctx);
        const mounts = new MountTracker(ctx, fileSystems);
        // One rule per (destination group, load balancer group, ports): joined listeners of one ALB share its group, and
        // EC2 refuses a second identical rule (InvalidPermission.Duplicate).
        const admitted = new Set<string>();
        const lbGroup = (lbKey: string) => {
            const sg = cfg.loadBalancers[lbKey].securityGroupId;
            return typeof sg === "string" ? sg : `lb:${lbKey}`;
        };

        const services: Record<string, ServiceResources> = {};
        for (const [key, svc] of Object.entries(cfg.services)) {
            const queue = svc.queue ? createQueue(ctx, key, svc) : undefined;
            const task = this.task(ctx, svc, repositories, mounts, {
                environment: queue ? { QUEUE_URL: queue.queue.url } : {},
                statements: queue?.statements ?? [],
                enableExecuteCommand: svc.enableExecuteCommand,
            });
            const target = targets[key];
            const inbound = task.securityGroup?.id ?? cluster.instanceSecurityGroup!.id;
            const mountDeps = mounts.allow(key, svc, inbound);
            const loadBalancerIngress: Record<string, vpc.SecurityGroupIngressRule> = {};
            for (const t of target ? [target, ...(target.additional ?? [])] : []) {
                const id = svc.networkMode === "awsvpc" ? `${key}|${lbGroup(t.lbKey)}|${t.containerPort}` : `instances|${lbGroup(t.lbKey)}`;
                if (admitted.has(id)) continue;
                admitted.add(id);
                if (svc.networkMode === "awsvpc") {
                    // `{key}-from-lb` for the primary target, `{key}-{loadBalancer}-from-lb` for the others.
                    loadBalancerIngress[t.lbKey] = allowFromLoadBalancer(
                        ctx,
                        t === target ? key : `${key}-${t.lbKey}`,
                        t,
                        inbound,
                        t.containerPort,
                        t.containerPort,
                    );
                } else {
                    // Bridge mode: dynamic host ports on the instances (the Linux ephemeral range ECS uses).
                    cluster.loadBalancerIngress![t.lbKey] = allowFromLoadBalancer(ctx, `${t.lbKey}-instances`, t, inbound, 32768, 65535);
                }
            }
            const connect = svc.serviceConnect && serviceConnectConfiguration(ctx, svc, namespace!.arn, task.logGroup.name);
            const ebsRole = svc.ebsVolume && createEbsRole(ctx, childName(name, key), svc.ebsVolume);
            const { service, deployment } = createService(
                ctx,
                key,
                svc,
                cluster,
                task,
                target,
                mountDeps,
                ebsRole && ebsVolumeConfiguration(svc.ebsVolume!, ebsRole.arn),
                connect,
            );
            services[key] = {
                service,
                task,
                ebsRole: ebsRole?.role,
                target,
                deployment,
                queue,
                scaling: svc.scaling && createScaling(ctx, key, svc.scaling, cluster, service, target, queue?.queue),
                alarms: createAlarms(ctx, key, svc, cluster, service, target, queue),
                serviceConnectIngress: {},
                loadBalancerIngress,
                ...rolePolicyResources(ebsRole ? { "ebs-role": ebsRole } : {}),
            };
        }
        // After every service: a server may admit a client whose security group comes later.
        const groups = Object.fromEntries(Object.entries(services).map(([k, s]) => [k, s.task.securityGroup?.id]));
        for (const [key, svc] of Object.entries(cfg.services)) services[key].serviceConnectIngress = allowServiceConnect(ctx, key, svc, groups);

        const scheduledTasks: ContainerServiceResources["scheduledTasks"] = {};
        for (const [key, st] of Object.entries(cfg.scheduledTasks)) {
            const task = this.task(ctx, st, repositories, mounts, {});
            const mountDeps = mounts.allow(key, st, task.securityGroup?.id ?? cluster.instanceSecurityGroup!.id);
            scheduledTasks[key] = createScheduledTask(ctx, st, cluster, task, mountDeps);
        }

        const tasks: ContainerServiceResources["tasks"] = {};
        for (const [key, t] of Object.entries(cfg.tasks)) {
            const task = this.task(ctx, t, repositories, mounts, {});
            mounts.allow(key, t, task.securityGroup?.id ?? cluster.instanceSecurityGroup!.id);
            tasks[key] = task;
        }

        const expressServices = Object.fromEntries(
            Object.entries(cfg.expressServices).map(([key, ex]) => [key, createExpressService(ctx, key, ex, cluster.name)]),
        );

        // Another component on `cluster.existing: this.clusterArn` creates services and schedules with these
        // providers: only those already associated with the cluster can be used
        // (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html), so the
        // outputs carry the association (it waits for the Auto Scaling groups), and destroy removes that
        // component's services before the association.
        const assoc = cluster.capacityProviders;
        this.clusterName = assoc ? pulumi.all([cluster.name, assoc.id]).apply(([n]) => n) : cluster.name;
        this.clusterArn = assoc ? pulumi.all([cluster.arn, assoc.id]).apply(([a]) => a) : cluster.arn;
        this.urls = Object.fromEntries(Object.entries(loadBalancers).map(([k, l]) => [k, l.url]));
        this.listenerUrls = Object.fromEntries([...Object.entries(loadBalancers), ...Object.entries(joinedListeners)].map(([k, l]) => [k, l.listenerUrls]));
        this.albTargets = Object.fromEntries(
            Object.entries(loadBalancers).flatMap(([k, l]) => {
                const target = albTarget(l, cfg.loadBalancers[k]);
                return target ? [[k, target]] : [];
            }),
        );
        this.serviceUrls = Object.fromEntries(
            Object.entries(cfg.services)
                .map(([k, s]) => [k, serviceUrl(targets[k], s)] as const)
                .filter((e): e is readonly [string, pulumi.Output<string>] => e[1] !== undefined),
        );
        this.queueUrls = Object.fromEntries(
            Object.entries(services)
                .filter(([, s]) => s.queue)
                .map(([k, s]) => [k, s.queue!.queue.url]),
        );
        this.repositoryUrls = Object.fromEntries(Object.entries(repositories).map(([k, r]) => [k, r.repository.repositoryUrl]));
        this.expressUrls = Object.fromEntries(Object.entries(expressServices).map(([k, e]) => [k, e.url]));
        this.runTasks = Object.fromEntries(Object.entries(tasks).map(([k, task]) => [k, runTaskOutput(ctx, cfg.tasks[k], cluster, task)]));
        this.resources = {
            cluster,
            loadBalancers,
            joinedListeners,
            services,
            scheduledTasks,
            tasks,
            repositories,
            fileSystems,
            expressServices,
            serviceConnect: namespace,
        };
        this.serviceConnectEndpoints = serviceConnectEndpoints(cfg);
        this.registerOutputs({
            clusterName: this.clusterName,
            clusterArn: this.clusterArn,
            urls: this.urls,
            listenerUrls: this.listenerUrls,
            serviceUrls: this.serviceUrls,
            queueUrls: this.queueUrls,
            repositoryUrls: this.repositoryUrls,
            expressUrls: this.expressUrls,
            runTasks: this.runTasks,
            serviceConnectEndpoints: this.serviceConnectEndpoints,
        });
    }

    /** Images, EFS access points and the task definition with its roles, for a service or a task. */
    private task(
        ctx: Ctx,
        task: ResolvedTask,
        repositories: ReturnType<typeof createRepositories>,
        mounts: MountTracker,
        extras: { environment?: Record<string, pulumi.Input<string>>; statements?: Statement[]; enableExecuteCommand?: boolean },
    ): TaskResources {
        const { images, built, pullRepositoryArns } = resolveImages(ctx, task.name, task.containers, repositories);
        const { volumes, accessPoints, statements } = mounts.accessPoints(task);
        return createTask(ctx, task, {
            images,
            pullRepositoryArns,
            environment: extras.environment,
            statements: [...(extras.statements ?? []), ...statements],
            volumes,
            enableExecuteCommand: extras.enableExecuteCommand,
            accessPoints,
            builtImages: built,
        });
    }
}

/** EFS access points per task volume, and one NFS ingress per (file system, security group). */
class MountTracker {
    private readonly allowed = new Map<string, pulumi.Resource>();

    constructor(
        private readonly ctx: Ctx,
        private readonly fileSystems: Record<string, FileSystemResources>,
    ) {}

    accessPoints(task: ResolvedTask): { volumes: Record<string, MountableVolume>; accessPoints: Record<string, efs.AccessPoint>; statements: Statement[] } {
        const volumes: Record<string, MountableVolume> = {};
        const accessPoints: Record<string, efs.AccessPoint> = {};
        const statements: Statement[] = [];
        for (const [key, vol] of Object.entries(task.volumes)) {
            const fs = this.fileSystems[vol.fileSystem];
            const ap = createAccessPoint(this.ctx, task.name, key, vol, fs);
            accessPoints[key] = ap;
            volumes[key] = { fileSystemId: fs.fileSystem.id, fileSystemArn: fs.fileSystem.arn, accessPointId: ap.id, accessPointArn: ap.arn };
            statements.push(...efsStatements(fs.fileSystem.arn, ap.arn, vol.readOnly));
        }
        return { volumes, accessPoints, statements };
    }

    /**
     * Opens NFS to the task's security group, and returns what its tasks must wait for: the mount
     * targets of its file systems and the ingress rules (a task started before them fails to mount).
     */
    allow(owner: string, task: ResolvedTask, securityGroupId: pulumi.Input<string>): pulumi.Resource[] {
        const deps = new Set<pulumi.Resource>();
        for (const vol of Object.values(task.volumes)) {
            const fs = this.fileSystems[vol.fileSystem];
            for (const mt of fs.mountTargets) deps.add(mt);
            // Bridge tasks share the instances' group: one rule per file system is enough.
            const id = task.networkMode === "awsvpc" ? `${owner}/${vol.fileSystem}` : `instances/${vol.fileSystem}`;
            let rule = this.allowed.get(id);
            if (!rule) {
                rule = allowMount(this.ctx, task.networkMode === "awsvpc" ? owner : "instances", vol.fileSystem, fs, securityGroupId);
                this.allowed.set(id, rule);
            }
            deps.add(rule);
        }
        return [...deps];
    }
}
