import * as pulumi from "@pulumi/pulumi";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as ecs from "@pulumi/aws/ecs";
import type * as iam from "@pulumi/aws/iam";
import type * as vpc from "@pulumi/aws/vpc";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { ArgsError } from "../shared/errors";
import { Statement } from "../shared/iam";
import { childName, typeToken } from "../shared/naming";
import { nameIssues, own } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { stackSuffix } from "../shared/unique";
import type { ContainerServiceArgs } from "./args";
import { createCluster } from "./cluster";
import type { ClusterResources, Ctx, TaskResources } from "./context";
import { ResolvedTask, normalize, servesTls, shiftsTraffic } from "./defaults";
import { ScheduledTaskResources, createScheduledTask } from "./events";
import type { DeploymentResources } from "./deployment";
import { createExpressService } from "./express";
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
import { createRepositories, resolveImages } from "./repository";
import { ScalingResources, createScaling } from "./scaling";
import { createAlarms, createService, serviceUrl } from "./service";
import {
    ServiceConnectNamespace,
    allowServiceConnect,
    closedServerWarnings,
    createNamespace,
    serviceConnectConfiguration,
    serviceConnectEndpoints,
} from "./service-connect";
import { FileSystemResources, allowMount, createAccessPoint, createFileSystems, efsStatements } from "./storage";
import { MountableVolume, createTask } from "./task";
import { validate } from "./validate";
import { createEbsRole, ebsVolumeConfiguration } from "./volumes";
import { RunTaskOutput, runTaskOutput } from "./standalone";

export interface ServiceResources {
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
    /** URL of each load-balanced service (its load balancer's URL plus its first path), by key. */
    readonly serviceUrls: Record<string, pulumi.Output<string>>;
    /** Work queue URL of each queue worker, by service key. */
    readonly queueUrls: Record<string, pulumi.Output<string>>;
    /** Push URL of each repository, by key. */
    readonly repositoryUrls: Record<string, pulumi.Output<string>>;
    /** HTTPS endpoint of each Express Mode service, by key. */
    readonly expressUrls: Record<string, pulumi.Output<string>>;
    /** What `aws ecs run-task` needs to start each standalone task (`tasks`), with the command itself, by key. */
    readonly runTasks: Record<string, RunTaskOutput>;
    /**
     * Where Service Connect clients reach each served port, by service key and port name:
     * `<dnsName>:<port>` (e.g. `{ app: { http: "app:8080" } }`).
     */
    readonly serviceConnectEndpoints: Record<string, Record<string, string>>;
    /** The children, for wiring and escape hatches. */
    readonly resources: {
        cluster: ClusterResources;
        loadBalancers: Record<string, LoadBalancerResources>;
        /** The existing listeners services join (`loadBalancers.<k>.listenerArn`), by load balancer key. */
        joinedListeners: Record<string, JoinedListenerResources>;
        services: Record<string, ServiceResources>;
        scheduledTasks: Record<string, ScheduledTaskResources & { task: TaskResources }>;
        /** Standalone task definitions with their roles, log group and security group. */
        tasks: Record<string, TaskResources>;
        repositories: ReturnType<typeof createRepositories>;
        fileSystems: Record<string, FileSystemResources>;
        expressServices: Record<string, ReturnType<typeof createExpressService>>;
        /** The Cloud Map namespace of Service Connect, when a service uses it. */
        serviceConnect?: ServiceConnectNamespace;
    };

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

        for (const [key, lb] of Object.entries(cfg.loadBalancers)) {
            if (lb.type === "application" && !lb.internal && !servesTls(lb) && lb.listenerArn === undefined) {
                pulumi.log.warn(
                    `[aws-platform:ecs:http-only] ContainerService "${name}": load balancer "${key}" is internet-facing without certificateArn, so it serves plain HTTP on port 80; give an ACM certificate to serve HTTPS on 443 and redirect HTTP to it`,
                    this,
                );
            }
        }

        const ec2Groups = [...(cfg.ec2Capacity ? [cfg.ec2Capacity] : []), ...Object.values(cfg.ec2CapacityProviders)];
        if (ec2Groups.length > 0 && !ec2Groups.some((g) => g.awsvpcTrunking)) {
            const awsvpcOnEc2 = [...Object.entries(cfg.services), ...Object.entries(cfg.scheduledTasks), ...Object.entries(cfg.tasks)]
                .filter(([, t]) => t.capacity === "ec2" && t.networkMode === "awsvpc")
                .map(([k, t]) => ({
                    what: `${k in cfg.services ? "service" : k in cfg.scheduledTasks ? "scheduled task" : "task"} "${k}"`,
                    // Any group's flag turns the account setting on; name one the component has.
                    flag: cfg.ec2Capacity
                        ? "ec2Capacity.awsvpcTrunking"
                        : `ec2CapacityProviders.${(t.capacityProviderStrategy ?? []).map((i) => i.provider).find((p) => own(cfg.ec2CapacityProviders, p)) ?? Object.keys(cfg.ec2CapacityProviders)[0]}.awsvpcTrunking`,
                }));
            for (const { what, flag } of awsvpcOnEc2) {
                pulumi.log.warn(
                    `[aws-platform:ecs:eni-trunking] ContainerService "${name}": ${what} runs awsvpc tasks on EC2 without ENI trunking, so each task takes one of the instance's ENIs (an m5.large has 3, one for the host: 2 tasks per instance); set ${flag}: true (the account setting, on instance types that support trunking) or use networkMode "bridge"`,
                    this,
                );
            }
        }

        for (const warning of closedServerWarnings(name, cfg)) pulumi.log.warn(warning, this);
        for (const [key, svc] of Object.entries(cfg.services)) {
            if (svc.scaling?.requestsPerTarget !== undefined && shiftsTraffic(svc.deployment)) {
                pulumi.log.warn(
                    `[aws-platform:ecs:requests-scaling-two-target-groups] ContainerService "${name}": service "${key}" scales on requests per target of its target group "-tg", and its ${svc.deployment.controller === "code-deploy" ? "CodeDeploy" : svc.deployment.strategy} deployments move it to "-tg-alt" every other release, where that metric is empty; prefer cpuTargetPercent or memoryTargetPercent`,
                    this,
                );
            }
        }

        const repositories = createRepositories(ctx);
        const fileSystems = createFileSystems(ctx);
        const namespace = createNamespace(ctx);
        const cluster = createCluster(ctx, namespace?.arn);
        const { loadBalancers, joinedListeners, targets } = createLoadBalancers(ctx);
        const mounts = new MountTracker(ctx, fileSystems);
        const bridgeIngress = new Set<string>();

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
            for (const t of target ? [target, ...(target.additional ?? [])] : []) {
                if (svc.networkMode === "awsvpc") {
                    // `{key}-from-lb` for the primary target, `{key}-{loadBalancer}-from-lb` for the others.
                    allowFromLoadBalancer(ctx, t === target ? key : `${key}-${t.lbKey}`, t, inbound, t.containerPort, t.containerPort);
                } else if (!bridgeIngress.has(t.lbKey)) {
                    // Bridge mode: dynamic host ports on the instances (the Linux ephemeral range ECS uses).
                    bridgeIngress.add(t.lbKey);
                    allowFromLoadBalancer(ctx, `${t.lbKey}-instances`, t, inbound, 32768, 65535);
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
            };
        }
        // After every service: a server may admit a client whose security group comes later.
        const groups = Object.fromEntries(Object.entries(services).map(([k, s]) => [k, s.task.securityGroup?.id]));
        for (const [key, svc] of Object.entries(cfg.services)) services[key].serviceConnectIngress = allowServiceConnect(ctx, key, svc, groups);

        const scheduledTasks: ContainerService["resources"]["scheduledTasks"] = {};
        for (const [key, st] of Object.entries(cfg.scheduledTasks)) {
            const task = this.task(ctx, st, repositories, mounts, {});
            const mountDeps = mounts.allow(key, st, task.securityGroup?.id ?? cluster.instanceSecurityGroup!.id);
            scheduledTasks[key] = { task, ...createScheduledTask(ctx, st, cluster, task, mountDeps) };
        }

        const tasks: ContainerService["resources"]["tasks"] = {};
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
        const { images, pullRepositoryArns } = resolveImages(ctx, task.name, task.containers, repositories);
        const { volumes, statements } = mounts.accessPoints(task);
        return createTask(ctx, task, {
            images,
            pullRepositoryArns,
            environment: extras.environment,
            statements: [...(extras.statements ?? []), ...statements],
            volumes,
            enableExecuteCommand: extras.enableExecuteCommand,
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

    accessPoints(task: ResolvedTask): { volumes: Record<string, MountableVolume>; statements: Statement[] } {
        const volumes: Record<string, MountableVolume> = {};
        const statements: Statement[] = [];
        for (const [key, vol] of Object.entries(task.volumes)) {
            const fs = this.fileSystems[vol.fileSystem];
            const ap = createAccessPoint(this.ctx, task.name, key, vol, fs);
            volumes[key] = { fileSystemId: fs.fileSystem.id, fileSystemArn: fs.fileSystem.arn, accessPointId: ap.id, accessPointArn: ap.arn };
            statements.push(...efsStatements(fs.fileSystem.arn, ap.arn, vol.readOnly));
        }
        return { volumes, statements };
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
