import { posix } from "node:path";
import { Issue, Issues, isPlain } from "../shared/errors";
import { checkCertificateName, checkDomainName } from "../shared/hostnames";
import { checkStatements } from "../shared/statements";
import { checkShape, own } from "../shared/shape";
import { FUNCTION_ARN } from "../shared/function-target";
import { EFS_TRANSITIONS } from "../shared/limits/efs";
import { FARGATE_CPU_VALUES, FARGATE_TASK_SIZES, describeFargateMemory } from "../shared/limits/fargate";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import {
    checkCertificateArn,
    checkCidrList,
    checkHostedZoneId,
    checkKmsKeyArn,
    checkScheduleExpression,
    checkSecurityGroupId,
    checkTags,
    checkTimeZone,
    checkVpcCidr,
    checkVpcId,
} from "../shared/validators";
import {
    DEFAULTS,
    Resolved,
    ResolvedService,
    ResolvedServiceLoadBalancer,
    ResolvedStepScaling,
    ResolvedTask,
    defaultListenerPort,
    namedContainerPort,
    normalize,
    scalesIn,
    servesTls,
    shiftsTraffic,
} from "./defaults";
import type {
    ContainerArgs,
    ContainerServiceArgs,
    ExpressServiceArgs,
    FileSystemArgs,
    LoadBalancerArgs,
    RepositoryArgs,
    ScheduledTaskArgs,
    ServiceArgs,
    ServiceLoadBalancerArgs,
    TaskArgs,
} from "./args";
import { validateCapacity } from "./capacity-rules";
import { childNameIssues } from "./children";
import { CATCH_ALL_RULE } from "./deployment";
import { ecrRepositoryArnFromImage } from "./ecr-image";
import { CONTAINER_SERVICE_SHAPE } from "./shape";
import { checkMountableSubnets } from "./storage";
import { FIRELENS_OUTPUTS, LOG_ROUTER_CONTAINER, containerSecretRefs, firelensContainers } from "./firelens";

const SECRET_LOOKING_ENV = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY)/i;
const SECRET_ARN = /^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\d{12}:secret:.+|ssm:[a-z0-9-]+:\d{12}:parameter\/.+)$/;

/**
 * Every check of a ContainerService's args, in order: shape (types, unknown keys, prototype names,
 * cycles), then `normalize`, then the value rules on the resolved values (`cfg`: a default is never
 * restated here) with `args` consulted only for "was it given?". Value rules need a sound shape to
 * read, so they run only when the shape is sound; within each stage nothing is gated behind another
 * check, and every issue is reported. Pure: no Pulumi, no resources.
 */
export function validate(args: ContainerServiceArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, CONTAINER_SERVICE_SHAPE, args)) return issues.list;
    const cfg = normalize("", args);
    validateVpc(issues, args);
    issues.list.push(...checkMountableSubnets(args));
    issues.list.push(...childNameIssues(args));
    checkTags(issues, "tags", args.tags);
    if (isPlain(args.alarmTopicArn))
        issues.match("alarmTopicArn", args.alarmTopicArn, /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/, "an SNS topic ARN");
    issues.oneOf("cluster.containerInsights", args.cluster?.containerInsights, ["enabled", "enhanced", "disabled"]);
    issues.oneOf("logRetentionDays", args.logRetentionDays, LOG_RETENTION_DAYS);

    // Keys become parts of resource names; collisions between them are childNameIssues' to report.
    for (const collection of ["services", "scheduledTasks", "tasks", "expressServices", "loadBalancers", "repositories", "fileSystems"] as const)
        for (const key of Object.keys(args[collection] ?? {})) issues.key(`${collection}.${key}`, key);

    validateCapacity(issues, args, cfg);
    for (const [key, lb] of Object.entries(args.loadBalancers ?? {})) validateLoadBalancer(issues, `loadBalancers.${key}`, lb, args, cfg);
    validateDomainReuse(issues, args);
    for (const [key, svc] of Object.entries(args.services ?? {})) validateService(issues, `services.${key}`, svc, args, cfg, cfg.services[key]);
    validateListenerSharing(issues, args, cfg);
    validateServiceConnect(issues, args, cfg);
    for (const [key, task] of Object.entries(args.scheduledTasks ?? {})) validateScheduledTask(issues, `scheduledTasks.${key}`, task, args, cfg);
    for (const [key, task] of Object.entries(args.tasks ?? {})) validateTask(issues, `tasks.${key}`, task, args, cfg.tasks[key]);
    for (const [key, repo] of Object.entries(args.repositories ?? {})) validateRepository(issues, `repositories.${key}`, repo);
    for (const [key, fs] of Object.entries(args.fileSystems ?? {})) validateFileSystem(issues, `fileSystems.${key}`, fs);
    for (const [key, ex] of Object.entries(args.expressServices ?? {})) validateExpressService(issues, `expressServices.${key}`, ex, args, cfg);
    return issues.list;
}

function validateScheduledTask(issues: Issues, path: string, task: ScheduledTaskArgs, args: ContainerServiceArgs, cfg: Resolved): void {
    const key = path.split(".")[1];
    validateTask(issues, path, task, args, cfg.scheduledTasks[key]);
    if (task.schedule === undefined && task.eventPattern === undefined) {
        issues.add(path, undefined, "has neither a schedule nor an event pattern", 'schedule: "cron(...)" | "rate(...)" | "at(...)", and/or eventPattern');
    }
    checkScheduleExpression(issues, `${path}.schedule`, task.schedule);
    checkTimeZone(issues, `${path}.timezone`, task.timezone);
    issues.int(`${path}.retries`, task.retries, 0, 185);
    // Scheduler's EcsParameters.TaskCount is 1–10; EventBridge's starts tasks with RunTask, 10 at most per call.
    issues.int(`${path}.taskCount`, task.taskCount, 1, 10);
    if (task.eventPattern !== undefined && Object.keys(task.eventPattern).length === 0) {
        issues.add(`${path}.eventPattern`, task.eventPattern, "is empty", 'an EventBridge pattern object, e.g. { source: ["aws.s3"] }');
    }
}

function validateRepository(issues: Issues, path: string, repo: RepositoryArgs): void {
    issues.int(`${path}.keepImages`, repo.keepImages, 1, 10000);
    issues.int(`${path}.untaggedExpiryDays`, repo.untaggedExpiryDays, 1, 3650, " days");
    issues.oneOf(`${path}.encryption`, repo.encryption, ["AES256", "KMS"]);
    if (repo.kmsKeyArn !== undefined && repo.encryption !== "KMS") {
        issues.add(`${path}.kmsKeyArn`, "(set)", 'is only used with encryption "KMS"', 'encryption: "KMS", or no kmsKeyArn');
    }
}

function validateFileSystem(issues: Issues, path: string, fs: FileSystemArgs): void {
    issues.oneOf(`${path}.throughputMode`, fs.throughputMode, ["elastic", "bursting"]);
    issues.oneOf(`${path}.transitionToIA`, fs.transitionToIA, EFS_TRANSITIONS);
}

function validateExpressService(issues: Issues, path: string, ex: ExpressServiceArgs, args: ContainerServiceArgs, cfg: Resolved): void {
    const r = cfg.expressServices[path.split(".")[1]];
    checkImage(issues, `${path}.image`, ex.image, args);
    issues.int(`${path}.containerPort`, r.containerPort, 1, 65535);
    // Express Mode offers the Fargate sizes up to 4 vCPU.
    if (issues.oneOf(`${path}.cpu`, r.cpu, [256, 512, 1024, 2048, 4096])) checkFargateSize(issues, path, r.cpu, r.memoryMiB);
    const s = r.scaling;
    issues.int(`${path}.scaling.minCount`, s.minCount, 1, 1000);
    issues.int(`${path}.scaling.maxCount`, s.maxCount, 1, 1000);
    if (s.minCount > s.maxCount) issues.add(`${path}.scaling`, s, "has minCount above maxCount", "minCount <= maxCount");
    issues.oneOf(`${path}.scaling.metric`, s.metric, ["AVERAGE_CPU", "AVERAGE_MEMORY", "REQUEST_COUNT_PER_TARGET"]);
    issues.number(`${path}.scaling.target`, s.target, 1, 100000);
    checkEnvironment(issues, path, ex.environment, ex.secrets);
    checkTaskRole(issues, `${path}.taskRole`, ex.taskRole);
    checkKmsKeys(issues, `${path}.secretsKmsKeyArns`, ex.secretsKmsKeyArns);
    issues.match(`${path}.healthCheckPath`, r.healthCheckPath, /^\/\S*$/, "a path starting with '/'");
}

function validateVpc(issues: Issues, args: ContainerServiceArgs): void {
    const v = args.vpc;
    checkVpcId(issues, "vpc.vpcId", v.vpcId);
    if (Array.isArray(v.privateSubnetIds) && v.privateSubnetIds.length === 0 && Object.keys(args.fileSystems ?? {}).length === 0) {
        issues.add(
            "vpc.privateSubnetIds",
            v.privateSubnetIds ?? [],
            "is empty: tasks, instances and mount targets need subnets",
            "the private subnet ids, one per AZ, e.g. network.vpcArgs",
        );
    }
    if (v.cidrBlock !== undefined) checkVpcCidr(issues, "vpc.cidrBlock", v.cidrBlock);
    const express = Object.keys(args.expressServices ?? {});
    if (express.length > 0 && Array.isArray(v.privateSubnetIds) && v.privateSubnetIds.length === 1) {
        // Express Mode puts an Application Load Balancer in these subnets, and an ALB needs two AZs.
        issues.add(
            "vpc.privateSubnetIds",
            v.privateSubnetIds,
            `holds one subnet, and Express Mode services (${express.join(", ")}) need two or more in different AZs for their load balancer`,
            "two or more private subnets in different AZs, e.g. network.vpcArgs",
        );
    }
    if (issues.oneOf("vpc.egress", v.egress, ["nat", "endpoints", "none"])) validateEgress(issues, args);
}

/**
 * Subnets without NAT reach AWS only through VPC endpoints: a task that cannot reach ECR, CloudWatch
 * Logs or its secrets never starts, and an EC2 instance that cannot reach ECS never registers.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html,
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
 */
function validateEgress(issues: Issues, args: ContainerServiceArgs): void {
    const { egress, interfaceEndpoints } = args.vpc;
    if (egress === undefined || egress === "nat") return;
    // Every workload with its path, its images (path → image) and its secret references.
    type Workload = { path: string; images: Array<[string, ContainerArgs["image"]]>; secrets: unknown[]; logOutputs?: unknown[] };
    const fromTask = (path: string, t: TaskArgs): Workload => {
        const list = Object.entries(t.containers ?? {});
        return {
            path,
            images: [
                ...list.map(([n, c]): [string, ContainerArgs["image"]] => [`${path}.containers.${n}.image`, c.image]),
                // The FireLens router is pulled like any container (AWS for Fluent Bit is on ECR Public).
                ...(t.logRouter ? [[`${path}.logRouter.image`, t.logRouter.image ?? DEFAULTS.LogRouterArgs.image] as [string, ContainerArgs["image"]]] : []),
            ],
            secrets: list.flatMap(([, c]) => containerSecretRefs(c)),
            // FireLens outputs: the router sends there from the task's subnets.
            logOutputs: list.flatMap(([, c]) => (c.logging?.driver === "awsfirelens" ? [c.logging.options?.Name] : [])),
        };
    };
    const tasks: Workload[] = [
        ...Object.entries(args.services ?? {}).map(([k, s]) => fromTask(`services.${k}`, s)),
        ...Object.entries(args.scheduledTasks ?? {}).map(([k, t]) => fromTask(`scheduledTasks.${k}`, t)),
        ...Object.entries(args.tasks ?? {}).map(([k, t]) => fromTask(`tasks.${k}`, t)),
        ...Object.entries(args.expressServices ?? {}).map(([k, e]) => ({
            path: `expressServices.${k}`,
            images: [[`expressServices.${k}.image`, e.image]] as Workload["images"],
            secrets: Object.values(e.secrets ?? {}),
        })),
    ];
    // Every EC2 group's instances run the ECS agent: ec2Capacity and each of ec2CapacityProviders.
    const groups = [...(args.ec2Capacity ? ["ec2Capacity"] : []), ...Object.keys(args.ec2CapacityProviders ?? {}).map((k) => `ec2CapacityProviders.${k}`)];
    if (tasks.length === 0 && groups.length === 0) return;
    if (egress === "none") {
        issues.add(
            "vpc.egress",
            egress,
            `leaves ${[...tasks.map((t) => t.path), ...groups].join(", ")} unable to start: the private subnets reach neither a NAT gateway nor the ECR and CloudWatch Logs endpoints`,
            'a Network with natGateways "single" or "one-per-az", or with the interface endpoints "ecr.api", "ecr.dkr", "logs" and the S3 gateway endpoint',
        );
        return;
    }
    // Without NAT only private ECR is reachable: Docker Hub and public.ecr.aws are on the internet.
    for (const [at, image] of tasks.flatMap((t) => t.images)) {
        if (typeof image === "string" && ecrRepositoryArnFromImage(image) === undefined)
            issues.add(
                at,
                image,
                'cannot be pulled through VPC endpoints (vpc.egress is "endpoints": no internet)',
                "an image in private ECR (<account>.dkr.ecr.<region>.amazonaws.com/...), a build, or a VPC with NAT",
            );
    }
    if (!Array.isArray(interfaceEndpoints)) return;
    const needs = new Map<string, string>();
    const need = (endpoint: string, why: string) => {
        if (!needs.has(endpoint)) needs.set(endpoint, why);
    };
    for (const t of tasks) {
        for (const e of ["ecr.api", "ecr.dkr", "logs"]) need(e, `${t.path} (image pull, logs)`);
        for (const arn of t.secrets) {
            if (typeof arn === "string" && arn.includes(":secretsmanager:")) need("secretsmanager", `${t.path} (secrets)`);
            if (typeof arn === "string" && arn.includes(":ssm:")) need("ssm", `${t.path} (SSM parameters)`);
        }
        // Without its endpoint a FireLens output drops every record, and nothing else reports it.
        for (const name of t.logOutputs ?? []) {
            const endpoint = typeof name === "string" ? own(FIRELENS_OUTPUTS, name)?.endpoint : undefined;
            if (endpoint !== undefined) need(endpoint, `${t.path} (FireLens output ${name})`);
        }
    }
    for (const [k, s] of Object.entries(args.services ?? {})) {
        if (s.enableExecuteCommand) need("ssmmessages", `services.${k} (ECS Exec)`);
        // A queue worker polls its queue from inside the VPC.
        if (s.queue) need("sqs", `services.${k} (queue)`);
    }
    for (const g of groups) for (const e of ["ecs", "ecs-agent", "ecs-telemetry"]) need(e, `${g} (the ECS agent)`);
    const missing = [...needs].filter(([e]) => !interfaceEndpoints.includes(e));
    if (missing.length > 0) {
        issues.add(
            "vpc.interfaceEndpoints",
            interfaceEndpoints,
            `lacks ${missing.map(([e, why]) => `"${e}" for ${why}`).join(", ")}`,
            `the Network's interfaceEndpoints with ${missing.map(([e]) => `"${e}"`).join(", ")} added, or NAT`,
        );
    }
}

function validateLoadBalancer(issues: Issues, path: string, lb: LoadBalancerArgs, args: ContainerServiceArgs, cfg: Resolved): void {
    const key = path.split(".")[1];
    const r = cfg.loadBalancers[key];
    issues.oneOf(`${path}.type`, r.type, ["application", "network"]);
    const publicSubnets = cfg.vpc.publicSubnetIds;
    if (r.listenerArn === undefined && !r.internal && Array.isArray(publicSubnets) && publicSubnets.length < 2) {
        // A load balancer needs subnets in at least two availability zones.
        issues.add(
            `${path}.internal`,
            r.internal,
            "is internet-facing but vpc.publicSubnetIds holds fewer than two subnets",
            "internal: true, or vpc.publicSubnetIds in two or more AZs",
        );
    }
    const privateSubnets = cfg.vpc.privateSubnetIds;
    if (r.listenerArn === undefined && r.internal && r.type === "application" && Array.isArray(privateSubnets) && privateSubnets.length === 1) {
        // An ALB needs subnets in at least two AZs (an NLB takes one): a single-AZ Network gives one private subnet
        // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#subnets-load-balancer).
        issues.add(
            `${path}.internal`,
            r.internal,
            "is an internal application load balancer, and vpc.privateSubnetIds holds one subnet: an ALB needs subnets in two or more AZs",
            'vpc.privateSubnetIds in two or more AZs (a Network with availabilityZones of 2 or more), or type "network" (an NLB takes one subnet)',
        );
    }
    if (lb.sslPolicy !== undefined && !/^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/.test(lb.sslPolicy)) {
        issues.add(`${path}.sslPolicy`, lb.sslPolicy, "allows TLS below 1.2", "an ELBSecurityPolicy-TLS13-1-2-* or ELBSecurityPolicy-TLS-1-2-* policy");
    }
    issues.int(`${path}.idleTimeoutSeconds`, lb.idleTimeoutSeconds, 1, 4000, " seconds");
    if (typeof lb.accessLogs === "object" && isPlain(lb.accessLogs.bucket)) {
        issues.match(`${path}.accessLogs.bucket`, lb.accessLogs.bucket, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an S3 bucket name");
    }
    // An NLB writes access logs for TLS listeners only (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html).
    if (lb.accessLogs !== undefined && r.type === "network" && !servesTls(lb))
        issues.add(
            `${path}.accessLogs`,
            lb.accessLogs === true ? true : "(set)",
            "is set on a network load balancer without a TLS listener: an NLB logs TLS connections only, so no log would ever be written",
            "certificateArn or domain (TLS listeners), or no accessLogs",
        );
    if (lb.ingressCidrs !== undefined) checkCidrList(issues, `${path}.ingressCidrs`, lb.ingressCidrs);
    if (lb.testIngressCidrs !== undefined) checkCidrList(issues, `${path}.testIngressCidrs`, lb.testIngressCidrs);
    const prefixLists = lb.ingressPrefixListIds ?? [];
    prefixLists.forEach((id, i) => {
        if (isPlain(id)) issues.match(`${path}.ingressPrefixListIds[${i}]`, id, /^pl-[0-9a-f]{8,17}$/, 'a managed prefix list id, e.g. "pl-3b927c52"');
    });
    if (prefixLists.length > 0 && lb.ingressCidrs !== undefined)
        issues.add(`${path}.ingressPrefixListIds`, prefixLists.length, "is given with ingressCidrs", "one of ingressCidrs or ingressPrefixListIds");
    if (prefixLists.length > 0 && r.type !== "application")
        issues.add(`${path}.ingressPrefixListIds`, prefixLists.length, `is set on a ${r.type} load balancer`, "application load balancers only");
    if (lb.certificateArn !== undefined) checkCertificateArn(issues, `${path}.certificateArn`, lb.certificateArn);
    if (lb.domain) {
        if (checkDomainName(issues, `${path}.domain.name`, lb.domain.name) && lb.certificateArn === undefined)
            checkCertificateName(issues, `${path}.domain.name`, lb.domain.name);
        checkHostedZoneId(issues, `${path}.domain.hostedZoneId`, lb.domain.hostedZoneId);
    }
    if (lb.listenerArn !== undefined) {
        if (isPlain(lb.listenerArn))
            issues.match(
                `${path}.listenerArn`,
                lb.listenerArn,
                ALB_LISTENER_ARN,
                "an Application Load Balancer listener ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<name>/<id>/<id>)",
            );
        if (r.type === "network")
            issues.add(
                `${path}.listenerArn`,
                "(set)",
                "is for application load balancers: an NLB listener has one default action and no rules, so a service cannot join one it does not own",
                'type "application", or no listenerArn (the component creates the NLB)',
            );
        if (lb.securityGroupId === undefined)
            issues.missing(`${path}.securityGroupId`, "the existing load balancer's security group id, which the tasks admit");
        // What shapes a load balancer the component creates has nothing to act on.
        for (const field of [
            "internal",
            "certificateArn",
            "domain",
            "sslPolicy",
            "ingressCidrs",
            "ingressPrefixListIds",
            "testIngressCidrs",
            "idleTimeoutSeconds",
            "deletionProtection",
            "accessLogs",
        ] as const)
            if (lb[field] !== undefined)
                issues.add(
                    `${path}.${field}`,
                    "(set)",
                    "has no effect with listenerArn: the load balancer is not the component's",
                    `no ${field}, or no listenerArn`,
                );
    }
    if (lb.securityGroupId !== undefined) {
        checkSecurityGroupId(issues, `${path}.securityGroupId`, lb.securityGroupId);
        if (lb.listenerArn === undefined)
            issues.add(
                `${path}.securityGroupId`,
                "(set)",
                "is only used with listenerArn (the component creates this load balancer's group)",
                "listenerArn, or no securityGroupId",
            );
    }
    const users = Object.values(args.services ?? {}).filter(
        (s) => s.loadBalancer?.name === key || (s.additionalLoadBalancers ?? []).some((l) => l?.name === key),
    );
    if (users.length === 0) issues.add(path, key, "is used by no service", "a service with loadBalancer.name set to this key, or remove it");
}

/**
 * One `domain.name` per load balancer: each creates the alias record `<name>` A with no overwrite, and Route 53
 * refuses a second CREATE of the same record (InvalidChangeBatch, "already exists").
 */
function validateDomainReuse(issues: Issues, args: ContainerServiceArgs): void {
    const owners = new Map<string, string>();
    for (const [key, lb] of Object.entries(args.loadBalancers ?? {})) {
        const name = lb.domain?.name;
        if (typeof name !== "string") continue;
        const first = owners.get(name);
        if (first === undefined) owners.set(name, key);
        else
            issues.add(
                `loadBalancers.${key}.domain.name`,
                name,
                `is also load balancer "${first}"'s domain: both would create the same alias record`,
                "a name no other load balancer of this component has",
            );
    }
}

function validateService(issues: Issues, path: string, svc: ServiceArgs, args: ContainerServiceArgs, cfg: Resolved, r: ResolvedService): void {
    validateTask(issues, path, svc, args, r);
    checkEbsVolume(issues, path, svc, r);
    issues.int(`${path}.desiredCount`, svc.desiredCount, 0, 5000);
    issues.int(`${path}.healthCheckGracePeriodSeconds`, svc.healthCheckGracePeriodSeconds, 0, 2147483647);
    const d = r.deployment;
    issues.int(`${path}.deployment.minimumHealthyPercent`, d.minimumHealthyPercent, 0, 100, " percent");
    issues.int(`${path}.deployment.maximumPercent`, d.maximumPercent, 100, 200, " percent");
    validateDeployment(issues, `${path}.deployment`, svc, args, r);
    if (svc.alarms) {
        issues.number(`${path}.alarms.cpuPercent`, svc.alarms.cpuPercent, 1, 100);
        issues.number(`${path}.alarms.memoryPercent`, svc.alarms.memoryPercent, 1, 100);
        issues.int(`${path}.alarms.http5xxPerMinute`, svc.alarms.http5xxPerMinute, 1, 1000000);
    }
    if (svc.enableExecuteCommand === true) {
        // ECS Exec's SSM agent writes to the container's root file system: read-only, the exec session fails
        // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html, "Considerations").
        const readOnly = Object.entries(r.containers)
            .filter(([, c]) => c.readonlyRootFilesystem)
            .map(([k]) => k);
        if (readOnly.length > 0)
            issues.add(
                `${path}.enableExecuteCommand`,
                true,
                `needs a writable root file system, and containers ${readOnly.join(", ")} have a read-only root file system (the default)`,
                "readonlyRootFilesystem: false on each container of the service, or enableExecuteCommand: false",
            );
    }
    const lb = svc.loadBalancer ? own(args.loadBalancers, svc.loadBalancer.name) : undefined;
    if (svc.loadBalancer) validateServiceLoadBalancer(issues, `${path}.loadBalancer`, svc.loadBalancer, r.loadBalancer!, svc, args, cfg);
    const extra = svc.additionalLoadBalancers ?? [];
    for (const [i, l] of extra.entries())
        validateServiceLoadBalancer(issues, `${path}.additionalLoadBalancers[${i}]`, l, r.additionalLoadBalancers[i], svc, args, cfg);
    if (extra.length > 0 && !svc.loadBalancer)
        issues.add(`${path}.additionalLoadBalancers`, extra.length, "needs loadBalancer, the primary target", "loadBalancer, then additionalLoadBalancers");
    // ECS: "you cannot attach more than five target groups to a service"
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/register-multiple-targetgroups.html).
    if (extra.length > MAX_TARGET_GROUPS - 1)
        issues.add(
            `${path}.additionalLoadBalancers`,
            extra.length,
            `gives the service ${extra.length + 1} target groups with loadBalancer, and ECS allows ${MAX_TARGET_GROUPS}`,
            `at most ${MAX_TARGET_GROUPS - 1} additional load balancers`,
        );
    // One target group per (service, load balancer): children are named `{service}-{loadBalancer}-tg`.
    const seen = new Set(svc.loadBalancer ? [svc.loadBalancer.name] : []);
    extra.forEach((l, i) => {
        if (seen.has(l.name))
            issues.add(
                `${path}.additionalLoadBalancers[${i}].name`,
                l.name,
                "is already one of the service's load balancers",
                "a load balancer the service is not on yet (one target group per load balancer)",
            );
        seen.add(l.name);
    });
    const s = svc.scaling;
    if (s) {
        const sp = `${path}.scaling`;
        issues.int(`${sp}.minCount`, s.minCount, 0, 5000);
        issues.int(`${sp}.maxCount`, s.maxCount, 1, 5000);
        const desired = r.desiredCount;
        if (!(s.minCount <= desired && desired <= s.maxCount)) {
            issues.add(
                sp,
                { minCount: s.minCount, desiredCount: desired, maxCount: s.maxCount },
                "does not satisfy minCount <= desiredCount <= maxCount",
                "minCount <= desiredCount <= maxCount",
            );
        }
        issues.number(`${sp}.cpuTargetPercent`, s.cpuTargetPercent, 1, 100);
        issues.number(`${sp}.memoryTargetPercent`, s.memoryTargetPercent, 1, 100);
        issues.number(`${sp}.requestsPerTarget`, s.requestsPerTarget, 1, 1000000);
        issues.number(`${sp}.backlogPerTask`, s.backlogPerTask, 1, 1000000);
        if (s.requestsPerTarget !== undefined && lb?.type !== "application") {
            issues.add(
                `${sp}.requestsPerTarget`,
                s.requestsPerTarget,
                "needs the service behind an application load balancer",
                'loadBalancer on an "application" load balancer, or cpu/memory targets',
            );
        }
        if (s.backlogPerTask !== undefined && !svc.queue) {
            issues.add(`${sp}.backlogPerTask`, s.backlogPerTask, "needs a queue", "queue: {} on the service");
        }
        if (s.backlogPerTask !== undefined && args.cluster?.containerInsights === "disabled") {
            // Backlog per task divides by RunningTaskCount, which only Container Insights publishes
            // (ECS/ContainerInsights); AWS/ECS has no running-task metric, so the policy would never act.
            issues.add(
                `${sp}.backlogPerTask`,
                s.backlogPerTask,
                'divides by the running task count of Container Insights, which cluster.containerInsights "disabled" turns off',
                'cluster.containerInsights "enabled" or "enhanced", or step scaling on the queue metric (scaling.steps)',
            );
        }
        issues.int(`${sp}.scaleInCooldownSeconds`, s.scaleInCooldownSeconds, 0, 3600);
        issues.int(`${sp}.scaleOutCooldownSeconds`, s.scaleOutCooldownSeconds, 0, 3600);
        for (const [k, sched] of Object.entries(s.schedules ?? {})) {
            issues.key(`${sp}.schedules.${k}`, k);
            checkScheduleExpression(issues, `${sp}.schedules.${k}.schedule`, sched.schedule);
            checkTimeZone(issues, `${sp}.schedules.${k}.timezone`, sched.timezone);
            if (!(sched.minCount >= 0 && sched.minCount <= sched.maxCount)) {
                issues.add(
                    `${sp}.schedules.${k}`,
                    { minCount: sched.minCount, maxCount: sched.maxCount },
                    "does not satisfy 0 <= minCount <= maxCount",
                    "0 <= minCount <= maxCount",
                );
            }
        }
        for (const [k, step] of Object.entries(s.steps ?? {})) {
            const stp = `${sp}.steps.${k}`;
            issues.key(stp, k);
            if (!step.metric?.namespace || !step.metric?.metricName)
                issues.add(`${stp}.metric`, step.metric, "needs namespace and metricName", '{ namespace: "AWS/SQS", metricName: "..." }');
            if (!Array.isArray(step.steps) || step.steps.length === 0)
                issues.add(`${stp}.steps`, step.steps, "is empty", "one or more { lower, upper?, change }");
            issues.oneOf(`${stp}.metric.statistic`, step.metric?.statistic, ["Average", "Sum", "Maximum", "Minimum", "SampleCount"]);
            issues.oneOf(`${stp}.metric.periodSeconds`, step.metric?.periodSeconds, [10, 30, 60, 120, 300, 600, 900, 3600]);
            issues.oneOf(`${stp}.comparison`, step.comparison, [...STEP_COMPARISONS]);
            issues.int(`${stp}.evaluationPeriods`, step.evaluationPeriods, 1, 100);
            issues.oneOf(`${stp}.adjustmentType`, step.adjustmentType, ["ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity"]);
            issues.int(`${stp}.cooldownSeconds`, step.cooldownSeconds, 0, 86400, " seconds");
            issues.oneOf(`${stp}.metricAggregation`, step.metricAggregation, ["Average", "Minimum", "Maximum"]);
            const resolved = r.scaling?.steps[k];
            if (resolved && Array.isArray(step.steps) && step.steps.length > 0) checkStepBounds(issues, stp, resolved);
        }
        const pr = s.predictive;
        if (pr) {
            const pp = `${sp}.predictive`;
            issues.oneOf(`${pp}.metric`, pr.metric, ["cpu", "memory"]);
            issues.number(`${pp}.targetPercent`, pr.targetPercent, 1, 100);
            issues.oneOf(`${pp}.mode`, pr.mode, ["ForecastOnly", "ForecastAndScale"]);
            issues.int(`${pp}.schedulingBufferSeconds`, pr.schedulingBufferSeconds, 0, 3600, " seconds");
            issues.oneOf(`${pp}.maxCapacityBehavior`, pr.maxCapacityBehavior, ["HonorMaxCapacity", "IncreaseMaxCapacity"]);
            issues.int(`${pp}.maxCapacityBufferPercent`, pr.maxCapacityBufferPercent, 0, 100);
            // PutScalingPolicy: MaxCapacityBuffer is required with IncreaseMaxCapacity and refused otherwise.
            const increase = pr.maxCapacityBehavior === "IncreaseMaxCapacity";
            if (increase && pr.maxCapacityBufferPercent === undefined)
                issues.add(
                    `${pp}.maxCapacityBufferPercent`,
                    undefined,
                    'is required with maxCapacityBehavior "IncreaseMaxCapacity"',
                    "a percent from 0 to 100",
                );
            if (!increase && pr.maxCapacityBufferPercent !== undefined)
                issues.add(
                    `${pp}.maxCapacityBufferPercent`,
                    pr.maxCapacityBufferPercent,
                    'only applies with maxCapacityBehavior "IncreaseMaxCapacity"',
                    'maxCapacityBehavior: "IncreaseMaxCapacity", or no maxCapacityBufferPercent',
                );
        }
    }
    if (svc.queue) {
        const q = svc.queue;
        issues.int(`${path}.queue.visibilityTimeoutSeconds`, q.visibilityTimeoutSeconds, 0, 43200, " seconds");
        issues.int(`${path}.queue.maxReceiveCount`, q.maxReceiveCount, 1, 1000);
        issues.int(`${path}.queue.messageRetentionSeconds`, q.messageRetentionSeconds, 60, 1209600, " seconds");
    }
}

/** ECS's limit of target groups per service (the primary and the additional ones). */
const MAX_TARGET_GROUPS = 5;

/** ALB listener ARNs: `listener/app/<name>/<id>/<listener id>` (a joined listener is an ALB's). */
const ALB_LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}\/[0-9a-f]{16}$/;

/** One of a service's places on a load balancer (`loadBalancer` or an entry of `additionalLoadBalancers`) at `path`. */
function validateServiceLoadBalancer(
    issues: Issues,
    path: string,
    lbRef: ServiceLoadBalancerArgs,
    rl: ResolvedServiceLoadBalancer,
    svc: ServiceArgs,
    args: ContainerServiceArgs,
    cfg: Resolved,
): void {
    const lb = own(args.loadBalancers, lbRef.name);
    const spec = lb ? cfg.loadBalancers[lbRef.name] : undefined;
    if (!lb) {
        issues.add(
            `${path}.name`,
            lbRef.name,
            "names no load balancer",
            Object.keys(args.loadBalancers ?? {})
                .map((k) => JSON.stringify(k))
                .join(", ") || "a key of loadBalancers (none defined)",
        );
    }
    const containerName = rl.container;
    const container = own(svc.containers, containerName);
    if (lbRef.container !== undefined && !container) {
        issues.add(`${path}.container`, lbRef.container, "names no container of the service", Object.keys(svc.containers ?? {}).join(", "));
    } else if (container && issues.int(`${path}.containerPort`, lbRef.containerPort, 1, 65535)) {
        if (!(container.portMappings ?? []).some((p) => p.containerPort === lbRef.containerPort)) {
            issues.add(
                `${path}.containerPort`,
                lbRef.containerPort,
                `is not in the port mappings of container "${containerName}"`,
                (container.portMappings ?? []).map((p) => p.containerPort).join(", ") || "add it to portMappings",
            );
        }
    }
    if (lbRef.rule) {
        if (lb?.type === "network") issues.add(`${path}.rule`, lbRef.rule, "is for ALBs; an NLB routes by listener port", "listenerPort");
        // ELB: rule priorities 1–50000 (terraform-provider-aws elbv2/listener_rule.go: listenerRulePriorityMin/Max), unique per listener.
        issues.int(`${path}.rule.priority`, lbRef.rule.priority, 1, 50000);
        const values = (lbRef.rule.pathPatterns ?? []).length + (lbRef.rule.hosts ?? []).length;
        if (values === 0) issues.add(`${path}.rule`, lbRef.rule, "matches nothing", "pathPatterns and/or hosts");
        // ALB: at most 5 condition values per rule.
        if (values > 5) issues.add(`${path}.rule`, lbRef.rule, `has ${values} condition values`, "at most 5 pathPatterns + hosts per rule");
        (lbRef.rule.pathPatterns ?? []).forEach((p, i) => {
            const allowed = "a path pattern starting with '/', at most 128 characters, e.g. \"/app1/*\"";
            issues.match(`${path}.rule.pathPatterns[${i}]`, p, /^\/[A-Za-z0-9_\-.$/~"'@:+?*&]{0,127}$/, allowed);
        });
    }
    // ELB listeners take ports 1–65535 (API_CreateListener `Port`, valid range 1 to 65535).
    issues.int(`${path}.listenerPort`, lbRef.listenerPort, 1, 65535);
    if (spec?.listenerArn !== undefined) {
        if (lbRef.listenerPort !== undefined)
            issues.add(
                `${path}.listenerPort`,
                lbRef.listenerPort,
                `has no use on load balancer "${lbRef.name}", which joins an existing listener (listenerArn)`,
                "no listenerPort",
            );
        if (!lbRef.rule)
            issues.add(
                `${path}.rule`,
                undefined,
                `is required on load balancer "${lbRef.name}": the existing listener's default action is not the component's`,
                "a rule with a priority unused on that listener, and pathPatterns and/or hosts",
            );
    } else if (spec?.type === "application" && servesTls(spec) && rl.listenerPort === 80)
        // With a certificate, port 80 is the listener that redirects to HTTPS.
        issues.add(`${path}.listenerPort`, 80, `is the port where ALB "${lbRef.name}" redirects HTTP to HTTPS`, "443 (the default) or another port");
    else if (spec?.type === "application" && spec.ingressPrefixListIds.length > 0 && rl.listenerPort !== defaultListenerPort(lb))
        // A prefix list weighs its maximum entries against the security group's rules quota: one port only.
        issues.add(
            `${path}.listenerPort`,
            rl.listenerPort,
            `needs its own ingress rule, and ALB "${lbRef.name}" admits its prefix lists on port ${defaultListenerPort(lb)} only`,
            `${defaultListenerPort(lb)} (the default), or ingressCidrs instead of ingressPrefixListIds`,
        );
    issues.int(`${path}.deregistrationDelaySeconds`, lbRef.deregistrationDelaySeconds, 0, 3600, " seconds");
    const hc = rl.healthCheck;
    issues.int(`${path}.healthCheck.intervalSeconds`, hc.intervalSeconds, 5, 300, " seconds");
    issues.int(`${path}.healthCheck.timeoutSeconds`, hc.timeoutSeconds, 2, 120, " seconds");
    if (hc.timeoutSeconds >= hc.intervalSeconds)
        issues.add(`${path}.healthCheck.timeoutSeconds`, hc.timeoutSeconds, "is not shorter than intervalSeconds", "timeoutSeconds < intervalSeconds");
    issues.int(`${path}.healthCheck.healthyThreshold`, hc.healthyThreshold, 2, 10);
    issues.int(`${path}.healthCheck.unhealthyThreshold`, hc.unhealthyThreshold, 2, 10);
    issues.match(`${path}.healthCheck.path`, hc.path, /^\/\S{0,1023}$/, "a path starting with '/'");
    issues.match(`${path}.healthCheck.matcher`, hc.matcher, /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, 'HTTP codes such as "200" or "200-399"');
}

const STEP_COMPARISONS = ["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanOrEqualToThreshold", "LessThanThreshold"] as const;

/**
 * AWS refuses step adjustments that overlap or leave a gap, and allows one open lower and one open
 * upper bound; the steps must also lie on the breaching side of the threshold (>= 0 for a
 * `GreaterThan…` alarm, <= 0 for a `LessThan…` one), else the alarm fires and no step applies.
 * https://docs.aws.amazon.com/autoscaling/application/userguide/step-scaling-policy-overview.html#as-scaling-steps
 */
const LIFECYCLE_STAGES = [
    "RECONCILE_SERVICE",
    "PRE_SCALE_UP",
    "POST_SCALE_UP",
    "TEST_TRAFFIC_SHIFT",
    "POST_TEST_TRAFFIC_SHIFT",
    "PRODUCTION_TRAFFIC_SHIFT",
    "POST_PRODUCTION_TRAFFIC_SHIFT",
] as const;

/**
 * Strategy, controller and their settings. Ranges are ECS's `DeploymentConfiguration`
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html).
 */
function validateDeployment(issues: Issues, path: string, svc: ServiceArgs, args: ContainerServiceArgs, r: ResolvedService): void {
    const d = r.deployment;
    const given = svc.deployment ?? {};
    const okController = issues.oneOf(`${path}.controller`, d.controller, ["ecs", "code-deploy"]);
    issues.oneOf(`${path}.releasedBy`, d.releasedBy, ["pulumi", "pipeline"]);
    const okStrategy = issues.oneOf(`${path}.strategy`, d.strategy, ["rolling", "blue-green", "linear", "canary"]);
    if (!okController || !okStrategy) return;
    issues.int(`${path}.bakeTimeMinutes`, d.bakeTimeMinutes, 0, 1440, " minutes");
    // ECS takes percentages in tenths: "multiples of 0.1"
    // (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html, API_CanaryConfiguration.html).
    const tenths = (p: string, value: number) => {
        if (Math.abs(value * 10 - Math.round(value * 10)) > 1e-9) issues.add(p, value, "is not a multiple of 0.1", "a percent in tenths, e.g. 12.5");
    };
    if (d.linear) {
        if (issues.number(`${path}.linear.stepPercent`, d.linear.stepPercent, 3, 100, " percent")) tenths(`${path}.linear.stepPercent`, d.linear.stepPercent);
        issues.int(`${path}.linear.stepBakeMinutes`, d.linear.stepBakeMinutes, 0, 1440, " minutes");
    }
    if (d.canary) {
        if (issues.number(`${path}.canary.percent`, d.canary.percent, 0.1, 100, " percent")) tenths(`${path}.canary.percent`, d.canary.percent);
        issues.int(`${path}.canary.bakeMinutes`, d.canary.bakeMinutes, 0, 1440, " minutes");
    }
    for (const s of ["linear", "canary"] as const) {
        if (d.strategy === s && !d[s]) issues.missing(`${path}.${s}`, `the ${s} settings with strategy "${s}"`);
        if (d.strategy !== s && d[s])
            issues.add(`${path}.${s}`, d[s], `is set while strategy is "${d.strategy}", which ignores it`, `strategy: "${s}", or remove ${s}`);
    }
    const codeDeploy = d.controller === "code-deploy";
    if (codeDeploy) {
        // With CODE_DEPLOY, CodeDeploy's deployment group holds the strategy, bake time, hooks and alarms;
        // ECS accepts none of them on the service.
        const ecsOnly = {
            strategy: given.strategy !== undefined && given.strategy !== "rolling" ? given.strategy : undefined,
            bakeTimeMinutes: given.bakeTimeMinutes,
            lifecycleHooks: Object.keys(d.lifecycleHooks).length > 0 ? Object.keys(d.lifecycleHooks) : undefined,
            rollbackAlarms: given.rollbackAlarms,
        };
        for (const [field, value] of Object.entries(ecsOnly)) {
            if (value !== undefined)
                issues.add(
                    `${path}.${field}`,
                    value,
                    'is an ECS deployment setting and controller is "code-deploy"',
                    'set it on the CodeDeploy deployment group, or controller: "ecs"',
                );
        }
    }
    const shifting = shiftsTraffic(d);
    if (shifting && !svc.loadBalancer)
        issues.add(
            `${path}.${codeDeploy ? "controller" : "strategy"}`,
            codeDeploy ? d.controller : d.strategy,
            "shifts traffic between two target groups and the service has no loadBalancer",
            'loadBalancer (an ALB or NLB), or strategy "rolling"',
        );
    if (!codeDeploy && d.strategy === "rolling") {
        if (given.bakeTimeMinutes !== undefined)
            issues.add(
                `${path}.bakeTimeMinutes`,
                given.bakeTimeMinutes,
                'is for blue-green, linear and canary; strategy is "rolling"',
                "another strategy, or remove it",
            );
        if (Object.keys(d.lifecycleHooks).length > 0)
            issues.add(
                `${path}.lifecycleHooks`,
                Object.keys(d.lifecycleHooks),
                'run at the stages of blue-green, linear and canary deployments; strategy is "rolling"',
                "another strategy, or remove them",
            );
    }
    for (const [key, hook] of Object.entries(d.lifecycleHooks)) {
        const hp = `${path}.lifecycleHooks.${key}`;
        issues.key(hp, key);
        if (isPlain(hook.lambdaArn))
            issues.match(`${hp}.lambdaArn`, hook.lambdaArn, FUNCTION_ARN, "a Lambda function ARN, arn:aws:lambda:<region>:<account>:function:<name>[:<alias>]");
        hook.stages.forEach((stage, i) => {
            issues.oneOf(`${hp}.stages[${i}]`, stage, LIFECYCLE_STAGES);
        });
        if (new Set(hook.stages).size !== hook.stages.length) issues.add(`${hp}.stages`, hook.stages, "names a stage twice", "each stage once");
    }
    const lbArgs = svc.loadBalancer ? own(args.loadBalancers, svc.loadBalancer.name) : undefined;
    if (codeDeploy && (svc.additionalLoadBalancers ?? []).length > 0)
        // Several target groups per service: ECS controller only
        // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/register-multiple-targetgroups.html).
        issues.add(
            `${path}.controller`,
            d.controller,
            `cannot deploy a service with additionalLoadBalancers (${svc.additionalLoadBalancers!.map((l) => l?.name).join(", ")}): AWS registers a service in several target groups only with the ECS controller`,
            'controller "ecs" (blue-green, linear or canary shift the primary loadBalancer), or no additionalLoadBalancers',
        );
    if (shifting && lbArgs?.listenerArn !== undefined) {
        // ECS shifts the service's own rule on a joined listener; CodeDeploy rewrites the listener, which is not ours.
        if (codeDeploy)
            issues.add(
                `${path}.controller`,
                d.controller,
                `shifts the default action of load balancer "${svc.loadBalancer!.name}"'s listener, an existing one (listenerArn) the component does not own`,
                'controller "ecs" (it shifts the service\'s own rule), or a load balancer the component creates',
            );
        if (d.testListenerPort !== undefined)
            issues.add(
                `${path}.testListenerPort`,
                d.testListenerPort,
                `needs a listener of the component's, and load balancer "${svc.loadBalancer!.name}" joins an existing listener (listenerArn)`,
                "no testListenerPort, or a load balancer the component creates",
            );
    }
    if (codeDeploy && svc.ebsVolume !== undefined)
        // ECS configures EBS volumes at launch for services of the ECS controller only; CODE_DEPLOY and EXTERNAL
        // are not supported (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html).
        issues.add(
            `${path}.controller`,
            d.controller,
            "cannot deploy a service with ebsVolume: ECS attaches EBS volumes only to services of the ECS deployment controller",
            'controller "ecs", or no ebsVolume',
        );
    if (codeDeploy && svc.serviceConnect !== undefined)
        // "Service Connect doesn't support ... Services that use the blue/green powered by CodeDeploy and external
        // deployment types" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html,
        // Considerations). ECS's own blue-green, linear and canary strategies do support it.
        issues.add(
            `${path}.controller`,
            d.controller,
            "cannot deploy a service with serviceConnect: Service Connect does not support the CodeDeploy deployment controller",
            'controller "ecs" (strategy "blue-green", "linear" or "canary" for a blue/green deployment), or no serviceConnect',
        );
    if (shifting && d.controller === "ecs" && lbArgs?.type === "application" && !svc.loadBalancer!.rule) {
        // The catch-all rule ECS shifts takes the last priority of the listener.
        // Over loadBalancer and additionalLoadBalancers: any rule of this load balancer at that priority.
        const taken = Object.entries(args.services ?? {}).flatMap(([k, s]) =>
            [
                ...(s.loadBalancer ? [[`services.${k}.loadBalancer`, s.loadBalancer] as const] : []),
                ...(s.additionalLoadBalancers ?? []).map((l, i) => [`services.${k}.additionalLoadBalancers[${i}]`, l] as const),
            ].filter(([, l]) => l?.name === svc.loadBalancer!.name && l.rule?.priority === CATCH_ALL_RULE.priority),
        );
        for (const [at] of taken)
            issues.add(
                `${at}.rule.priority`,
                CATCH_ALL_RULE.priority,
                `is the priority of the catch-all rule that ${r.name}'s ${d.strategy} deployment shifts`,
                `a priority below ${CATCH_ALL_RULE.priority}`,
            );
    }
    const alarms = d.rollbackAlarms;
    if (alarms) {
        if (!alarms.serviceAlarms && (alarms.names ?? []).length === 0)
            issues.add(`${path}.rollbackAlarms`, alarms, "names no alarm", "serviceAlarms: true and/or names");
        if (alarms.serviceAlarms && (!r.alarms || !svc.loadBalancer))
            issues.add(
                `${path}.rollbackAlarms.serviceAlarms`,
                true,
                `needs the service's load balancer alarms, and the service has ${r.alarms ? "no loadBalancer" : "alarms: false"}`,
                "alarms and loadBalancer on the service, or names",
            );
        (alarms.names ?? []).forEach((n, i) => {
            // CloudWatch alarm names: 1 to 255 characters.
            if (isPlain(n)) issues.match(`${path}.rollbackAlarms.names[${i}]`, n, /^.{1,255}$/s, "an alarm name of 1 to 255 characters");
        });
    }
    if (d.testListenerPort !== undefined) {
        if (!issues.int(`${path}.testListenerPort`, d.testListenerPort, 1, 65535)) return;
        if (!shifting)
            issues.add(
                `${path}.testListenerPort`,
                d.testListenerPort,
                'serves a new revision before production, and strategy is "rolling"',
                "another strategy or controller, or remove it",
            );
        const lbName = svc.loadBalancer?.name;
        const lb = lbName === undefined ? undefined : own(args.loadBalancers, lbName);
        if (!lb) return;
        const siblings = Object.entries(args.services ?? {}).filter(([, s]) => s.loadBalancer?.name === lbName);
        // Every listener port on this load balancer, additionalLoadBalancers' included.
        const production = new Set(
            Object.values(args.services ?? {})
                .flatMap((s) => [...(s.loadBalancer ? [s.loadBalancer] : []), ...(s.additionalLoadBalancers ?? [])])
                .filter((l) => l?.name === lbName)
                .map((l) => l.listenerPort ?? defaultListenerPort(lb)),
        );
        if (lb.type === "application") {
            production.add(80);
            if (servesTls(lb)) production.add(443);
        }
        if (production.has(d.testListenerPort))
            issues.add(
                `${path}.testListenerPort`,
                d.testListenerPort,
                `is a production listener port of load balancer "${lbName}"`,
                `a port other than ${[...production].sort((a, b) => a - b).join(", ")}`,
            );
        // An NLB listener forwards to one target group, and CodeDeploy's test route is a whole listener:
        // one test port per service there. ECS shifts ALB rules, so ALB services may share one.
        const sharing = siblings.filter(([k, s]) => k !== r.name && s.deployment?.testListenerPort === d.testListenerPort);
        const exclusive = (s: ServiceArgs) => lb.type === "network" || s.deployment?.controller === "code-deploy";
        if (sharing.length > 0 && (exclusive(svc) || sharing.some(([, s]) => exclusive(s))))
            issues.add(
                `${path}.testListenerPort`,
                d.testListenerPort,
                `is also the test port of ${sharing.map(([k]) => k).join(", ")} on load balancer "${lbName}"`,
                "a test port of its own for a service on an NLB or with CodeDeploy",
            );
        // Each ALB service sharing a test listener gets a test rule at its production priority (the catch-all's
        // for a default action): services from different production listeners can repeat one, which ELB
        // refuses on the shared listener (PriorityInUse).
        const priority = (s: ServiceArgs) => s.loadBalancer?.rule?.priority ?? CATCH_ALL_RULE.priority;
        const clash = lb.type === "application" && !exclusive(svc) ? sharing.filter(([, s]) => !exclusive(s) && priority(s) === priority(svc)) : [];
        if (clash.length > 0)
            issues.add(
                `${path}.testListenerPort`,
                d.testListenerPort,
                `is also the test port of ${clash.map(([k]) => k).join(", ")}, whose test rule takes the same priority ${priority(svc)} on that listener`,
                "a test port of its own, or loadBalancer.rule priorities that differ",
            );
    }
}

function checkStepBounds(issues: Issues, path: string, step: ResolvedStepScaling): void {
    const sorted = [...step.steps].sort((a, b) => (a.lower ?? -Infinity) - (b.lower ?? -Infinity));
    const bounds = sorted.map((x) => ({ lower: x.lower, upper: x.upper }));
    const allowed = "contiguous steps: each lower equals the previous upper; only the first lacks lower, only the last lacks upper";
    sorted.forEach((x, i) => {
        if (x.lower !== undefined && x.upper !== undefined && !(x.lower < x.upper))
            issues.add(`${path}.steps`, bounds, `has a step whose lower bound ${x.lower} is not below its upper bound ${x.upper}`, allowed);
        if (i > 0 && x.lower === undefined) issues.add(`${path}.steps`, bounds, "has more than one step without a lower bound", allowed);
        if (i < sorted.length - 1) {
            const next = sorted[i + 1];
            if (x.upper === undefined) issues.add(`${path}.steps`, bounds, "has a step without an upper bound that is not the last", allowed);
            else if (next.lower !== undefined && next.lower !== x.upper)
                issues.add(`${path}.steps`, bounds, next.lower < x.upper ? `overlaps at ${next.lower}` : `has a gap from ${x.upper} to ${next.lower}`, allowed);
        }
    });
    const scaleIn = scalesIn(step);
    const ends = sorted.flatMap((x) => [x.lower, x.upper]).filter((v): v is number => v !== undefined);
    if (scaleIn ? ends.some((v) => v > 0) || sorted[sorted.length - 1].upper === undefined : ends.some((v) => v < 0) || sorted[0].lower === undefined) {
        issues.add(
            `${path}.steps`,
            bounds,
            `lies outside the breaching side of a ${step.comparison} alarm`,
            scaleIn
                ? "bounds <= 0 (below the threshold), the last step with an upper bound"
                : "bounds >= 0 (above the threshold), the first step with a lower bound",
        );
    }
}

/** Checks shared by services and scheduled tasks. */
function validateTask(issues: Issues, path: string, task: TaskArgs, args: ContainerServiceArgs, r: ResolvedTask): void {
    const containers = Object.entries(task.containers ?? {});
    if (containers.length === 0) issues.add(`${path}.containers`, task.containers, "is empty", "at least one container with an image");
    issues.oneOf(`${path}.capacity`, task.capacity, ["fargate", "fargate-spot", "ec2"]);
    issues.oneOf(`${path}.networkMode`, task.networkMode, ["awsvpc", "bridge"]);
    issues.oneOf(`${path}.cpuArchitecture`, task.cpuArchitecture, ["X86_64", "ARM64"]);
    const capacity = r.capacity;
    const fargate = capacity !== "ec2";
    // A strategy's providers are capacity-rules' to check; `capacity: "ec2"` is the ec2Capacity group.
    if (task.capacity === "ec2" && !args.ec2Capacity)
        issues.add(`${path}.capacity`, capacity, "needs the component's ec2Capacity", 'set ec2Capacity, or capacity "fargate" / "fargate-spot"');
    if (r.networkMode === "bridge" && fargate)
        issues.add(`${path}.networkMode`, "bridge", `is not available on ${capacity}`, '"awsvpc" on Fargate; "bridge" only with capacity "ec2"');
    if (task.spot !== undefined) {
        if (capacity !== "fargate-spot")
            issues.add(
                `${path}.spot`,
                task.spot,
                `is only used with capacity "fargate-spot" (capacity is "${capacity}")`,
                'capacity: "fargate-spot", or no spot settings',
            );
        issues.int(`${path}.spot.onDemandBase`, task.spot.onDemandBase, 0, 100000);
        issues.int(`${path}.spot.onDemandWeight`, task.spot.onDemandWeight, 0, 1000);
        issues.int(`${path}.spot.spotWeight`, task.spot.spotWeight, 0, 1000);
        if (r.spot.onDemandWeight + r.spot.spotWeight === 0) issues.add(`${path}.spot`, task.spot, "has no weight", "onDemandWeight + spotWeight >= 1");
    }
    // Fargate Spot runs X86_64 Linux tasks only: an ARM64 task placed on it never starts
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html).
    const onSpot = capacity === "fargate-spot" || (r.capacityProviderStrategy ?? []).some((s) => s.provider === "FARGATE_SPOT");
    if (r.cpuArchitecture === "ARM64" && onSpot)
        issues.add(
            `${path}.cpuArchitecture`,
            "ARM64",
            "cannot run on Fargate Spot, which runs X86_64 Linux tasks only",
            'capacity "fargate" for ARM64 (about 20% below X86_64 Fargate), or "X86_64" to keep Fargate Spot (about 70% below Fargate)',
        );
    const cpu = r.cpu;
    const mem = r.memoryMiB;
    if (fargate) {
        checkFargateSize(issues, path, cpu, mem);
    } else {
        issues.int(`${path}.cpu`, task.cpu, 128, 196608, " CPU units");
        issues.int(`${path}.memoryMiB`, task.memoryMiB, 128, 786432, " MiB");
    }
    if (fargate && task.platformVersion !== undefined && task.platformVersion !== "LATEST" && !/^1\.\d+\.\d+$/.test(task.platformVersion)) {
        issues.add(`${path}.platformVersion`, task.platformVersion, "is not a Fargate platform version", '"LATEST" or e.g. "1.4.0"');
    }
    let cpuSum = 0;
    let memSum = 0;
    for (const [name, c] of containers) {
        const cp = `${path}.containers.${name}`;
        if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/.test(name)) issues.add(cp, name, "is not a valid container name", "letters, digits, '-' and '_', up to 255");
        validateContainer(issues, cp, c, args);
        cpuSum += r.containers[name].cpu;
        // A container with only a soft limit reserves that much of the task's memory (API_ContainerDefinition, memoryReservation).
        memSum += r.containers[name].memoryMiB ?? r.containers[name].memoryReservationMiB ?? 0;
    }
    // The log router reserves its memory in the same task.
    memSum += r.logRouter?.memoryReservationMiB ?? 0;
    checkLogging(issues, path, task, r);
    checkBindMounts(issues, path, task, r, fargate);
    checkContainerRelations(issues, path, r, fargate);
    if (cpuSum > cpu) issues.add(`${path}.containers`, cpuSum, `reserve more CPU than the task has (${cpu})`, `container cpu adding up to at most ${cpu}`);
    if (memSum > mem)
        issues.add(
            `${path}.containers`,
            memSum,
            `reserve more memory than the task has (${mem} MiB)`,
            `container memoryMiB (or memoryReservationMiB) adding up to at most ${mem}`,
        );
    for (const [vol, v] of Object.entries(task.volumes ?? {})) {
        const vp = `${path}.volumes.${vol}`;
        issues.key(vp, vol);
        if (!own(args.fileSystems, v.fileSystem)) {
            issues.add(
                `${vp}.fileSystem`,
                v.fileSystem,
                "names no file system",
                Object.keys(args.fileSystems ?? {})
                    .map((k) => JSON.stringify(k))
                    .join(", ") || "a key of fileSystems (none defined)",
            );
        }
        issues.match(`${vp}.containerPath`, v.containerPath, /^\/\S*$/, "an absolute path");
        issues.match(`${vp}.rootDirectory`, v.rootDirectory, /^\/\S*$/, "an absolute path");
        for (const c of v.containers ?? [])
            if (!own(task.containers, c)) issues.add(`${vp}.containers`, c, "names no container", Object.keys(task.containers ?? {}).join(", "));
        issues.int(`${vp}.uid`, v.uid, 0, 4294967295);
        issues.int(`${vp}.gid`, v.gid, 0, 4294967295);
    }
    // EFS on Fargate needs platform 1.4.0+; "LATEST" qualifies.
    const pv = r.platformVersion;
    if (fargate && Object.keys(task.volumes ?? {}).length > 0 && beforeFargate14(pv)) {
        issues.add(`${path}.platformVersion`, pv, "does not support EFS volumes", '"LATEST" or "1.4.0" and later');
    }
    checkTaskRole(issues, `${path}.taskRole`, task.taskRole);
    checkKmsKeys(issues, `${path}.secretsKmsKeyArns`, task.secretsKmsKeyArns);
}

/** API_Volume: a volume's name. */
const VOLUME_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * FireLens: containers logging through `awsfirelens` need the task's router, and an output the router
 * can start (`Name`, and the destination of the outputs the component grants); a router routes someone.
 */
function checkLogging(issues: Issues, path: string, task: TaskArgs, r: ResolvedTask): void {
    const router = task.logRouter;
    const routed = firelensContainers(r);
    for (const name of routed) {
        const lp = `${path}.containers.${name}.logging`;
        const logging = r.containers[name].logging;
        if (logging.driver !== "awsfirelens") continue;
        if (!router) issues.add(`${lp}.driver`, "awsfirelens", "needs the task's logRouter (FireLens)", `logRouter: {} on ${path}, or driver "awslogs"`);
        const options = logging.options ?? {};
        const outputName = options.Name;
        if (outputName === undefined && router?.configFilePath === undefined)
            issues.add(
                `${lp}.options.Name`,
                undefined,
                "is missing: Fluent Bit needs an output",
                'a Fluent Bit output, e.g. "cloudwatch_logs", "kinesis_firehose", or logRouter.configFilePath',
            );
        const output = typeof outputName === "string" ? own(FIRELENS_OUTPUTS, outputName) : undefined;
        if (output && options[output.destination] === undefined)
            issues.add(
                `${lp}.options.${output.destination}`,
                undefined,
                `is missing: the ${outputName} output has no destination`,
                `${output.destination}: "<name>"`,
            );
    }
    if (!router) return;
    const rp = `${path}.logRouter`;
    if (routed.length === 0)
        issues.add(rp, router, "routes no container's logs", 'logging: { driver: "awsfirelens", options } on a container, or no logRouter');
    if (own(r.containers, LOG_ROUTER_CONTAINER))
        issues.add(
            `${path}.containers.${LOG_ROUTER_CONTAINER}`,
            LOG_ROUTER_CONTAINER,
            "is the name of the FireLens router container",
            "another container name",
        );
    // A moving tag swaps the router under running services at their next deployment.
    if (router.image !== undefined && !/^\S+(:[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})$/.test(router.image.replace(/^[^/]+:\d+\//, "")))
        issues.add(`${rp}.image`, router.image, "has no tag or digest", "an image with a version tag or digest");
    else if (router.image !== undefined && /:(latest|stable)$/.test(router.image))
        issues.add(`${rp}.image`, router.image, "has a moving tag", 'a version tag, e.g. "public.ecr.aws/aws-observability/aws-for-fluent-bit:3.4.14"');
    issues.match(`${rp}.configFilePath`, router.configFilePath, /^\/\S*$/, "an absolute path in the router's image");
    issues.int(`${rp}.memoryReservationMiB`, router.memoryReservationMiB, 6, 786432, " MiB");
}

/** Bind mounts: names distinct from the EFS volumes, absolute paths, a host path only on EC2; Fargate ephemeral storage. */
function checkBindMounts(issues: Issues, path: string, task: TaskArgs, r: ResolvedTask, fargate: boolean): void {
    for (const [name, b] of Object.entries(task.bindMounts ?? {})) {
        const bp = `${path}.bindMounts.${name}`;
        issues.match(bp, name, VOLUME_NAME, "up to 255 letters, digits, '-' and '_'");
        if (own(task.volumes, name)) issues.add(bp, name, "is also the name of an EFS volume of the task", "a volume name unique within the task");
        issues.match(`${bp}.containerPath`, b.containerPath, /^\/\S*$/, "an absolute path");
        for (const c of b.containers ?? [])
            if (!own(task.containers, c)) issues.add(`${bp}.containers`, c, "names no container", Object.keys(task.containers ?? {}).join(", "));
        if (b.hostPath !== undefined) {
            // Fargate gives tasks no access to the host (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html).
            if (fargate)
                issues.add(`${bp}.hostPath`, b.hostPath, `is not available on ${r.capacity}`, 'no hostPath (the task\'s ephemeral storage), or capacity "ec2"');
            if (issues.match(`${bp}.hostPath`, b.hostPath, /^\/\S*$/, "an absolute path on the instance"))
                checkHostPath(issues, `${bp}.hostPath`, b.hostPath, b.readOnly);
        }
    }
    if (task.ephemeralStorageGiB !== undefined) {
        // TaskDefinition ephemeralStorage: Fargate only, 21 to 200 GiB, and only from platform 1.4.0
        // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html).
        issues.int(`${path}.ephemeralStorageGiB`, task.ephemeralStorageGiB, 21, 200, " GiB");
        if (fargate && beforeFargate14(r.platformVersion))
            issues.add(`${path}.platformVersion`, r.platformVersion, "does not support ephemeralStorageGiB", '"LATEST" or "1.4.0" and later');
        if (!fargate)
            issues.add(
                `${path}.ephemeralStorageGiB`,
                task.ephemeralStorageGiB,
                "is a Fargate setting",
                'no ephemeralStorageGiB with capacity "ec2" (size the instances\' volumes)',
            );
    }
}

/** A Fargate platform version before 1.4.0 (no EFS, EBS or extra ephemeral storage); "LATEST" is not. */
function beforeFargate14(pv: string): boolean {
    return pv !== "LATEST" && /^1\.[0-3]\.\d+$/.test(pv);
}

/** Host paths whose mount hands the container the instance: its Docker or containerd API, the ECS agent's data. */
const HOST_TAKEOVER_PATHS = ["/", "/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock", "/var/lib/ecs", "/var/lib/docker"];
/** Host trees a container may read but must not write (kernel and device interfaces, the instance's configuration). */
const HOST_READ_ONLY_TREES = /^\/(proc|sys|dev|etc|boot|root)(\/|$)/;

/**
 * A bind mount of the instance: never its root, the container runtime's socket (a read-only mount of a
 * socket still lets the container call it) or the ECS agent's data; `/proc`, `/sys`, `/dev`, `/etc`,
 * `/boot` and `/root` only read-only.
 */
function checkHostPath(issues: Issues, at: string, hostPath: string, readOnly: boolean | undefined): void {
    const p = posix.normalize(hostPath).replace(/(.)\/+$/, "$1");
    const takeover = HOST_TAKEOVER_PATHS.find((t) => p === t || (t !== "/" && p.startsWith(`${t}/`)));
    if (takeover !== undefined)
        issues.add(
            at,
            hostPath,
            `gives the container control of the instance (${takeover})`,
            "a directory of the application's own, or a transform on the task definition if the container must drive the instance",
        );
    else if (HOST_READ_ONLY_TREES.test(p) && readOnly !== true)
        issues.add(at, hostPath, "lets the container write the instance's system files", "readOnly: true, or a directory of the application's own");
}

/**
 * The service's EBS volume (API_ServiceManagedEBSVolumeConfiguration, gp3): size 1–16384 GiB, IOPS
 * 3000–16000 and at most 500 per GiB, throughput 125–1000 MiB/s and at most 0.25 MiB/s per IOPS
 * (https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type); Fargate 1.4.0+.
 */
function checkEbsVolume(issues: Issues, path: string, svc: ServiceArgs, r: ResolvedService): void {
    const e = svc.ebsVolume;
    const v = r.ebsVolume;
    if (!e || !v) return;
    const ep = `${path}.ebsVolume`;
    issues.match(`${ep}.name`, v.name, VOLUME_NAME, "up to 255 letters, digits, '-' and '_'");
    if (own(svc.volumes, v.name) || own(svc.bindMounts, v.name))
        issues.add(`${ep}.name`, v.name, "is also the name of another volume of the task", "a volume name unique within the task");
    issues.match(`${ep}.containerPath`, e.containerPath, /^\/\S*$/, "an absolute path");
    for (const c of e.containers ?? [])
        if (!own(svc.containers, c)) issues.add(`${ep}.containers`, c, "names no container", Object.keys(svc.containers ?? {}).join(", "));
    const sizeOk = issues.int(`${ep}.sizeGiB`, v.sizeGiB, 1, 16384, " GiB");
    const iopsOk = issues.int(`${ep}.iops`, e.iops, 3000, 16000);
    issues.int(`${ep}.throughputMiBps`, e.throughputMiBps, 125, 1000, " MiB/s");
    if (sizeOk && iopsOk && e.iops !== undefined && e.iops > 3000 && e.iops > 500 * v.sizeGiB)
        issues.add(`${ep}.iops`, e.iops, `is above 500 IOPS per GiB for ${v.sizeGiB} GiB`, `at most ${Math.max(3000, 500 * v.sizeGiB)}, or a larger sizeGiB`);
    const iops = v.iops ?? GP3_BASELINE_IOPS;
    if (v.throughputMiBps !== undefined && v.throughputMiBps > iops / 4)
        issues.add(`${ep}.throughputMiBps`, v.throughputMiBps, `is above 0.25 MiB/s per IOPS (${iops} IOPS)`, `at most ${Math.floor(iops / 4)}, or more iops`);
    issues.oneOf(`${ep}.fileSystemType`, e.fileSystemType, ["xfs", "ext4", "ext3"]);
    if (e.kmsKeyArn !== undefined) checkKmsKeyArn(issues, `${ep}.kmsKeyArn`, e.kmsKeyArn);
    const pv = r.platformVersion;
    if (r.capacity !== "ec2" && beforeFargate14(pv)) issues.add(`${path}.platformVersion`, pv, "does not support EBS volumes", '"LATEST" or "1.4.0" and later');
}

/** gp3's included IOPS when none are provisioned. */
const GP3_BASELINE_IOPS = 3000;

/** Customer managed keys for secrets: key ARNs (IAM grants on keys, not aliases). */
function checkKmsKeys(issues: Issues, path: string, keys: unknown[] | undefined): void {
    for (const [i, k] of (keys ?? []).entries()) checkKmsKeyArn(issues, `${path}[${i}]`, k);
}

function validateContainer(issues: Issues, path: string, c: ContainerArgs, args: ContainerServiceArgs): void {
    checkImage(issues, `${path}.image`, c.image, args);
    (c.portMappings ?? []).forEach((p, i) => {
        issues.int(`${path}.portMappings[${i}].containerPort`, p.containerPort, 1, 65535);
        issues.oneOf(`${path}.portMappings[${i}].protocol`, p.protocol, ["tcp", "udp"]);
        // API_PortMapping: the name Service Connect refers to.
        issues.match(
            `${path}.portMappings[${i}].name`,
            p.name,
            /^[a-z0-9_][a-z0-9_-]{0,63}$/,
            "up to 64 lower-case letters, digits, '_' and '-', not starting with '-'",
        );
    });
    issues.int(`${path}.cpu`, c.cpu, 0, 196608);
    issues.int(`${path}.memoryMiB`, c.memoryMiB, 6, 786432, " MiB");
    issues.int(`${path}.memoryReservationMiB`, c.memoryReservationMiB, 6, 786432, " MiB");
    for (const [dep, condition] of Object.entries(c.dependsOn ?? {})) issues.oneOf(`${path}.dependsOn.${dep}`, condition, DEPENDENCY_CONDITIONS);
    if (c.logging !== undefined && issues.oneOf(`${path}.logging.driver`, c.logging.driver, ["awslogs", "awsfirelens"])) {
        const options = (c.logging as { options?: unknown }).options;
        if (c.logging.driver === "awsfirelens" && options === undefined)
            issues.add(
                `${path}.logging.options`,
                undefined,
                "is missing: FireLens needs the output's settings",
                '{ Name: "cloudwatch_logs", region, log_group_name, ... }',
            );
        if (c.logging.driver === "awslogs" && options !== undefined)
            issues.add(`${path}.logging.options`, options, 'is only used with driver "awsfirelens"', "no options (awslogs writes to the task's log group)");
        const secretOptions = (c.logging as { secretOptions?: Record<string, unknown> }).secretOptions ?? {};
        if (c.logging.driver === "awslogs" && Object.keys(secretOptions).length > 0)
            issues.add(`${path}.logging.secretOptions`, Object.keys(secretOptions), 'is only used with driver "awsfirelens"', "no secretOptions");
        for (const [name, ref] of Object.entries(secretOptions)) {
            if (isPlain(ref as any))
                issues.match(`${path}.logging.secretOptions.${name}`, ref, SECRET_ARN, "a Secrets Manager secret ARN or an SSM parameter ARN");
            if (options !== undefined && Object.hasOwn(options as object, name))
                issues.add(`${path}.logging.secretOptions.${name}`, name, "is also a plain option", "one of options or secretOptions");
        }
    }
    const rp = c.restartPolicy;
    if (rp) {
        if ((rp.ignoredExitCodes ?? []).length > 50)
            issues.add(`${path}.restartPolicy.ignoredExitCodes`, rp.ignoredExitCodes?.length, "lists more exit codes than ECS accepts", "at most 50");
        issues.int(`${path}.restartPolicy.restartAttemptPeriodSeconds`, rp.restartAttemptPeriodSeconds, 60, 1800, " seconds");
    }
    for (const op of ["add", "drop"] as const)
        for (const [i, cap] of (c.linuxCapabilities?.[op] ?? []).entries()) issues.oneOf(`${path}.linuxCapabilities.${op}[${i}]`, cap, LINUX_CAPABILITIES);
    const hc = c.healthCheck;
    if (hc) {
        if (!Array.isArray(hc.command) || hc.command.length < 2 || !["CMD", "CMD-SHELL", "NONE"].includes(hc.command[0])) {
            issues.add(
                `${path}.healthCheck.command`,
                hc.command,
                "is not an ECS health check command",
                '["CMD-SHELL", "curl -f http://localhost/ || exit 1"] or ["CMD", "/bin/check"]',
            );
        }
        issues.int(`${path}.healthCheck.intervalSeconds`, hc.intervalSeconds, 5, 300, " seconds");
        issues.int(`${path}.healthCheck.timeoutSeconds`, hc.timeoutSeconds, 2, 60, " seconds");
        issues.int(`${path}.healthCheck.retries`, hc.retries, 1, 10);
        issues.int(`${path}.healthCheck.startPeriodSeconds`, hc.startPeriodSeconds, 0, 300, " seconds");
    }
    checkEnvironment(issues, path, c.environment, c.secrets);
}

const DEPENDENCY_CONDITIONS = ["START", "COMPLETE", "SUCCESS", "HEALTHY"];

/** API_KernelCapabilities: the names ECS accepts in `add` and `drop`. */
const LINUX_CAPABILITIES = [
    "ALL",
    "AUDIT_CONTROL",
    "AUDIT_WRITE",
    "BLOCK_SUSPEND",
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "IPC_LOCK",
    "IPC_OWNER",
    "KILL",
    "LEASE",
    "LINUX_IMMUTABLE",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
    "MKNOD",
    "NET_ADMIN",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_RAW",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_CHROOT",
    "SYS_MODULE",
    "SYS_NICE",
    "SYS_PACCT",
    "SYS_PTRACE",
    "SYS_RAWIO",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "SYSLOG",
    "WAKE_ALARM",
];

/**
 * Rules between the containers of one task, on resolved values: dependencies (API_ContainerDependency),
 * `volumesFrom`, port mapping names, memory limits and Fargate's capabilities.
 */
function checkContainerRelations(issues: Issues, path: string, r: ResolvedTask, fargate: boolean): void {
    const names = Object.keys(r.containers);
    const portNames = new Map<string, string>();
    for (const [name, c] of Object.entries(r.containers)) {
        const cp = `${path}.containers.${name}`;
        for (const [dep, condition] of Object.entries(c.dependsOn)) {
            const target = own(r.containers, dep);
            if (dep === name) issues.add(`${cp}.dependsOn.${dep}`, dep, "names the container itself", "another container of the task");
            // The FireLens router is essential and has no health check: it can only be waited for to start.
            else if (dep === LOG_ROUTER_CONTAINER && r.logRouter && !target) {
                if (condition !== "START")
                    issues.add(`${cp}.dependsOn.${dep}`, condition, "waits for the FireLens router, which can only be waited for to start", '"START"');
            } else if (!target)
                issues.add(`${cp}.dependsOn.${dep}`, dep, "names no container of the task", names.filter((n) => n !== name).join(", ") || "another container");
            else if (condition === "HEALTHY" && !target.healthCheck)
                issues.add(`${cp}.dependsOn.${dep}`, condition, `needs a health check on container "${dep}"`, `a healthCheck on "${dep}", or "START"`);
            // ECS refuses COMPLETE and SUCCESS on an essential container: it would stop the task when it exits.
            else if ((condition === "COMPLETE" || condition === "SUCCESS") && target.essential)
                issues.add(
                    `${cp}.dependsOn.${dep}`,
                    condition,
                    `waits for essential container "${dep}" to exit`,
                    `essential: false on "${dep}", or "START" / "HEALTHY"`,
                );
        }
        for (const [i, v] of c.volumesFrom.entries()) {
            if (v.sourceContainer === name)
                issues.add(`${cp}.volumesFrom[${i}].sourceContainer`, v.sourceContainer, "names the container itself", "another container of the task");
            else if (!own(r.containers, v.sourceContainer))
                issues.add(
                    `${cp}.volumesFrom[${i}].sourceContainer`,
                    v.sourceContainer,
                    "names no container of the task",
                    names.filter((n) => n !== name).join(", ") || "another container",
                );
        }
        for (const [i, p] of c.portMappings.entries()) {
            if (p.name === undefined) continue;
            const first = portNames.get(p.name);
            if (first) issues.add(`${cp}.portMappings[${i}].name`, p.name, `is already the name of ${first}`, "a port mapping name unique within the task");
            else portNames.set(p.name, `${cp}.portMappings[${i}]`);
        }
        if (c.memoryReservationMiB !== undefined && c.memoryMiB !== undefined && c.memoryReservationMiB >= c.memoryMiB)
            issues.add(
                `${cp}.memoryReservationMiB`,
                c.memoryReservationMiB,
                `is not below the container's memoryMiB (${c.memoryMiB})`,
                `less than ${c.memoryMiB}`,
            );
        // Fargate grants no capability beyond Docker's default set except SYS_PTRACE (API_KernelCapabilities).
        if (fargate)
            for (const [i, cap] of (c.linuxCapabilities?.add ?? []).entries())
                if (cap !== "SYS_PTRACE")
                    issues.add(`${cp}.linuxCapabilities.add[${i}]`, cap, "cannot be added on Fargate", '"SYS_PTRACE" only, or capacity "ec2"');
    }
    const cycle = dependencyCycle(r.containers);
    if (cycle)
        issues.add(
            `${path}.containers.${cycle[0]}.dependsOn`,
            cycle.join(" -> "),
            "forms a dependency cycle",
            "dependencies that end in a container waiting for none",
        );
}

/** A cycle of `dependsOn` among known containers (`[a, b, a]`), if any. */
function dependencyCycle(containers: ResolvedTask["containers"]): string[] | undefined {
    const state = new Map<string, "visiting" | "done">();
    const visit = (name: string, trail: string[]): string[] | undefined => {
        if (state.get(name) === "done") return undefined;
        if (state.get(name) === "visiting") return [...trail.slice(trail.indexOf(name)), name];
        state.set(name, "visiting");
        for (const dep of Object.keys(containers[name].dependsOn)) {
            if (dep === name || !own(containers, dep)) continue;
            const found = visit(dep, [...trail, name]);
            if (found) return found;
        }
        state.set(name, "done");
        return undefined;
    };
    for (const name of Object.keys(containers)) {
        const found = visit(name, []);
        if (found) return found;
    }
    return undefined;
}

function checkImage(issues: Issues, path: string, image: ContainerArgs["image"], args: ContainerServiceArgs): void {
    if (image === undefined || image === null || image === "") {
        issues.missing(path, 'an image URI (e.g. "public.ecr.aws/nginx/nginx:1.27") or { build: { repository, context } }');
    } else if (typeof image === "object" && "build" in image) {
        if (!own(args.repositories, image.build.repository)) {
            issues.add(
                `${path}.build.repository`,
                image.build.repository,
                "names no repository",
                Object.keys(args.repositories ?? {})
                    .map((k) => JSON.stringify(k))
                    .join(", ") || "a key of repositories (none defined)",
            );
        }
        if (!image.build.context) issues.missing(`${path}.build.context`, "the build context directory");
        issues.oneOf(`${path}.build.platform`, image.build.platform, ["linux/amd64", "linux/arm64"]);
    } else if (typeof image === "string" && /\s/.test(image)) {
        issues.add(path, image, "contains white space", "an image URI such as repo/name:tag");
    }
}

function checkEnvironment(issues: Issues, path: string, env: Record<string, unknown> | undefined, secrets: Record<string, unknown> | undefined): void {
    for (const name of Object.keys(env ?? {})) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            issues.add(`${path}.environment.${name}`, name, "is not a valid variable name", "letters, digits and '_', not starting with a digit");
        // Security Hub ECS.8: credentials belong in `secrets`, where they never show in the task definition.
        if (SECRET_LOOKING_ENV.test(name))
            issues.add(
                `${path}.environment.${name}`,
                "(value hidden)",
                "looks like a secret in plain text",
                `secrets: { ${name}: "<Secrets Manager or SSM parameter ARN>" }`,
            );
    }
    for (const [name, ref] of Object.entries(secrets ?? {})) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            issues.add(`${path}.secrets.${name}`, name, "is not a valid variable name", "letters, digits and '_', not starting with a digit");
        if (isPlain(ref as any)) issues.match(`${path}.secrets.${name}`, ref, SECRET_ARN, "a Secrets Manager secret ARN or an SSM parameter ARN");
        if (env && Object.hasOwn(env, name))
            issues.add(`${path}.secrets.${name}`, name, "is also a plain environment variable", "one of environment or secrets");
    }
}

function checkTaskRole(issues: Issues, path: string, role: TaskArgs["taskRole"]): void {
    checkStatements(issues, `${path}.statements`, role?.statements ?? []);
    (role?.managedPolicyArns ?? []).forEach((arn, i) => {
        if (/:policy\/(AdministratorAccess|PowerUserAccess)$/.test(arn))
            issues.add(`${path}.managedPolicyArns[${i}]`, arn, "grants administrator rights to the application", "a narrower policy");
    });
}

function checkFargateSize(issues: Issues, path: string, cpu: number, mem: number): void {
    if (!FARGATE_CPU_VALUES.includes(cpu)) {
        issues.add(`${path}.cpu`, cpu, "is not a Fargate CPU size", FARGATE_CPU_VALUES.join(", "));
    } else if (!FARGATE_TASK_SIZES[cpu].includes(mem)) {
        issues.add(`${path}.memoryMiB`, mem, `is not valid with cpu=${cpu} on Fargate`, describeFargateMemory(cpu));
    }
}

/**
 * Services sharing a load balancer, over `loadBalancer` and `additionalLoadBalancers`: on each ALB
 * listener (port) at most one default action and unique rule priorities (ELB numbers rules per
 * listener); on an NLB, one service per port.
 */
function validateListenerSharing(issues: Issues, args: ContainerServiceArgs, cfg: Resolved): void {
    type Place = { key: string; path: string; listenerPort: number; rule?: { priority: number } };
    const byLb = new Map<string, Place[]>();
    for (const [key, svc] of Object.entries(args.services ?? {})) {
        const r = cfg.services[key];
        const places: Array<[string, ServiceLoadBalancerArgs | undefined, ResolvedServiceLoadBalancer | undefined]> = [
            [`services.${key}.loadBalancer`, svc.loadBalancer, r.loadBalancer],
            ...(svc.additionalLoadBalancers ?? []).map(
                (l, i) =>
                    [`services.${key}.additionalLoadBalancers[${i}]`, l, r.additionalLoadBalancers[i]] as [
                        string,
                        ServiceLoadBalancerArgs,
                        ResolvedServiceLoadBalancer,
                    ],
            ),
        ];
        for (const [path, l, rl] of places) {
            if (!l || !rl) continue;
            byLb.set(l.name, [...(byLb.get(l.name) ?? []), { key, path, listenerPort: rl.listenerPort, rule: l.rule }]);
        }
    }
    for (const [lbName, places] of byLb) {
        const lb = own(args.loadBalancers, lbName);
        if (!lb) continue;
        const spec = cfg.loadBalancers[lbName];
        if (lb.type === "application") {
            // A joined listener is one listener whatever the ports say (they are refused there).
            const listenerOf = (p: Place) => (spec.listenerArn !== undefined ? 0 : p.listenerPort);
            for (const port of new Set(places.map(listenerOf))) {
                const on = places.filter((p) => listenerOf(p) === port);
                const where = spec.listenerArn !== undefined ? "its listener" : `listener ${port}`;
                const defaults = on.filter((p) => !p.rule).map((p) => p.key);
                if (defaults.length > 1)
                    issues.add(
                        `loadBalancers.${lbName}`,
                        defaults,
                        `has several services without a rule on ${where}, and only one can be the default action`,
                        "give all but one service a loadBalancer.rule",
                    );
                const seen = new Map<number, string>();
                for (const p of on) {
                    const prio = p.rule?.priority;
                    if (prio === undefined) continue;
                    if (seen.has(prio))
                        issues.add(
                            `${p.path}.rule.priority`,
                            prio,
                            `is also used by service "${seen.get(prio)}" on ${where}`,
                            "a priority unique on the listener",
                        );
                    seen.set(prio, p.key);
                }
            }
        } else {
            const seen = new Map<number, string>();
            for (const p of places) {
                if (seen.has(p.listenerPort))
                    issues.add(
                        `${p.path}.listenerPort`,
                        p.listenerPort,
                        `is also used by service "${seen.get(p.listenerPort)}" on NLB "${lbName}"`,
                        "a listener port unique on the NLB",
                    );
                seen.set(p.listenerPort, p.key);
            }
        }
    }
}

/** API_ServiceConnectService `discoveryName`: up to 64 lower-case letters, digits, '_' and '-', not starting with '-'. */
const DISCOVERY_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;
/** API_ServiceConnectClientAlias `dnsName`: up to 127 lower-case letters, digits, '_', '-' and '.', not starting with '-'. */
const ALIAS_DNS_NAME = /^[a-z0-9_][a-z0-9_.-]{0,126}$/;
const NAMESPACE_ARN = /^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:\d{12}:namespace\/ns-[a-z0-9]{1,64}$/;

/**
 * Service Connect: ports that name port mappings, discovery names and aliases AWS accepts and that
 * are unique in the namespace (as far as this component sees it), admitted clients that exist and use
 * Service Connect, awsvpc tasks, and a given namespace only when some service uses it.
 */
function validateServiceConnect(issues: Issues, args: ContainerServiceArgs, cfg: Resolved): void {
    const users = Object.entries(cfg.services).filter(([, s]) => s.serviceConnect);
    const ns = args.serviceConnect?.namespaceArn;
    if (ns !== undefined && isPlain(ns))
        issues.match("serviceConnect.namespaceArn", ns, NAMESPACE_ARN, "a Cloud Map namespace ARN (…:servicediscovery:<region>:<account>:namespace/ns-…)");
    if (ns !== undefined && users.length === 0)
        issues.add("serviceConnect.namespaceArn", "(set)", "is given, and no service uses Service Connect", "serviceConnect on a service, or no namespaceArn");
    const discoveryNames = new Map<string, string>();
    const aliases = new Map<string, string>();
    for (const [key, r] of users) {
        const sc = r.serviceConnect!;
        const sp = `services.${key}.serviceConnect`;
        // Admission rules are between task security groups; bridge tasks share the instances' group.
        if (r.networkMode !== "awsvpc")
            issues.add(
                sp,
                r.networkMode,
                "is on a service whose tasks are not in awsvpc network mode (bridge tasks share the instances' security group)",
                'networkMode "awsvpc", or no serviceConnect',
            );
        const named = Object.values(r.containers)
            .flatMap((c) => c.portMappings.map((m) => m.name))
            .filter((n): n is string => n !== undefined);
        for (const [portName, p] of Object.entries(sc.services)) {
            const pp = `${sp}.services.${portName}`;
            if (namedContainerPort(r.containers, portName) === undefined)
                issues.add(
                    pp,
                    portName,
                    "names no port mapping of the service's containers",
                    named.map((n) => JSON.stringify(n)).join(", ") || "a name on a container's port mapping (portMappings[].name)",
                );
            issues.match(
                `${pp}.discoveryName`,
                p.discoveryName,
                DISCOVERY_NAME,
                "up to 64 lower-case letters, digits, '_' and '-', not starting with '-' (give discoveryName when the default is longer)",
            );
            issues.match(
                `${pp}.alias.dnsName`,
                p.alias.dnsName,
                ALIAS_DNS_NAME,
                "up to 127 lower-case letters, digits, '_', '-' and '.', not starting with '-'",
            );
            issues.int(`${pp}.alias.port`, p.alias.port, 1, 65535);
            const firstDiscovery = discoveryNames.get(p.discoveryName);
            if (firstDiscovery)
                issues.add(
                    `${pp}.discoveryName`,
                    p.discoveryName,
                    `is also the discovery name of ${firstDiscovery}`,
                    "a discovery name unique in the namespace",
                );
            else discoveryNames.set(p.discoveryName, pp);
            const alias = `${p.alias.dnsName}:${p.alias.port}`;
            const firstAlias = aliases.get(alias);
            if (p.alias.port !== undefined && firstAlias)
                issues.add(`${pp}.alias`, alias, `is also the alias of ${firstAlias}`, "a name and port pair unique in the namespace");
            else aliases.set(alias, pp);
        }
        const seen = new Set<string>();
        for (const [i, client] of sc.allowFrom.entries()) {
            const ap = `${sp}.allowFrom[${i}]`;
            const target = own(cfg.services, client);
            if (seen.has(client)) issues.add(ap, client, "is listed twice", "each service once");
            else if (!target)
                issues.add(
                    ap,
                    client,
                    "names no service",
                    Object.keys(cfg.services)
                        .map((k) => JSON.stringify(k))
                        .join(", "),
                );
            else if (!target.serviceConnect)
                issues.add(
                    ap,
                    client,
                    `names service "${client}", which does not use Service Connect and so cannot reach this one by name`,
                    `serviceConnect: {} on "${client}" (a client), or remove it`,
                );
            seen.add(client);
        }
        if (sc.allowFrom.length > 0 && Object.keys(sc.services).length === 0)
            issues.add(
                `${sp}.allowFrom`,
                sc.allowFrom,
                "admits clients, and the service serves no port (services is empty)",
                "services: { <port name>: {} }, or no allowFrom",
            );
        const outside = Object.keys(sc.allowFromSecurityGroups);
        if (outside.length > 0 && Object.keys(sc.services).length === 0)
            issues.add(
                `${sp}.allowFromSecurityGroups`,
                outside,
                "admits clients, and the service serves no port (services is empty)",
                "services: { <port name>: {} }, or no allowFromSecurityGroups",
            );
        for (const name of outside) {
            const gp = `${sp}.allowFromSecurityGroups.${name}`;
            // The name becomes part of the rule's name, as a service key in allowFrom does.
            issues.key(gp, name);
            if (seen.has(name))
                issues.add(gp, name, `is also in allowFrom: both would name the rule <key>-<port>-from-${name}`, "a name that is not in allowFrom");
            const id = sc.allowFromSecurityGroups[name];
            if (isPlain(id)) issues.match(gp, id, /^sg-[0-9a-f]{8,17}$/, 'a security group id, e.g. "sg-0123456789abcdef0"');
        }
    }
}
