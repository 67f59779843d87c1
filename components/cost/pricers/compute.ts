/**
 * Compute pricers: ECS services on Fargate and Fargate Spot, EC2 capacity (Auto Scaling groups of ECS capacity
 * providers and self-managed node groups, EKS managed node groups, single instances), the EKS control plane, EKS
 * Fargate profiles, EFS and ECR storage. Prices: ../prices/compute.ts and ../prices/instances.ts.
 */
import { eksVersionStatus } from "../../shared/limits/eks";
import { FARGATE_TASK_SIZES } from "../../shared/limits/fargate";
import { type CostLine, HOURS_PER_MONTH, type PlanResource, type PricerTable, type PricingContext } from "../types";
import { bool, ebsPrice, ec2CapacityLines, list, related } from "./compute-lines";
import { fmt, isUnknown, known, line, namedAs, num, share } from "./lines";

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
const CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";
const ASG = "aws:autoscaling/group:Group";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const EKS_COMPONENT = "eks:index:Cluster";
const EFS = "aws:efs/fileSystem:FileSystem";
const ECR = "aws:ecr/repository:Repository";
/** Ephemeral storage every Fargate task or pod gets at no charge (https://aws.amazon.com/fargate/pricing/). */
const FARGATE_FREE_EPHEMERAL_GIB = 20;

type Arch = "x86_64" | "arm64";

/** Hours, vCPU-hours and GB-hours of `tasks` Fargate tasks of one size, on-demand or Spot. */
function fargateLines(ctx: PricingContext, what: string, tasks: number, vcpu: number, gb: number, arch: Arch, spot: boolean, ephemeralGiB: number): CostLine[] {
    if (tasks <= 0) return [];
    const prefix = spot ? "fargate.spot" : "fargate";
    const kind = `${spot ? "Fargate Spot" : "Fargate"}, ${arch}`;
    const size = `${fmt(tasks)} ${what} × ${fmt(vcpu)} vCPU / ${fmt(gb)} GB × ${HOURS_PER_MONTH} h`;
    const lines = [
        line(ctx, `Fargate vCPU-hours (${kind})`, `${prefix}.vcpuHour.${arch}`, tasks * vcpu * HOURS_PER_MONTH, false, size),
        line(ctx, `Fargate GB-hours (${kind})`, `${prefix}.gbHour.${arch}`, tasks * gb * HOURS_PER_MONTH, false, size),
    ];
    const extra = Math.max(0, ephemeralGiB - FARGATE_FREE_EPHEMERAL_GIB);
    if (extra > 0) {
        lines.push(
            line(
                ctx,
                "Fargate ephemeral storage above 20 GB",
                "fargate.ephemeralGbHour",
                tasks * extra * HOURS_PER_MONTH,
                false,
                `${fmt(tasks)} ${what} × ${extra} GB × ${HOURS_PER_MONTH} h`,
            ),
        );
    }
    return lines;
}

/** The task definition of a service: through its `taskDefinition` input, else by family in the ARN, else the only one beside it. */
function taskDefinitionOf(service: PlanResource, ctx: PricingContext): PlanResource | undefined {
    const found = related(ctx, service, ["taskDefinition"], TASK_DEFINITION);
    if (found) return found;
    const arn = service.inputs.taskDefinition;
    const family = typeof arn === "string" ? /task-definition\/([^:]+)/.exec(arn)?.[1] : undefined;
    return family === undefined ? undefined : ctx.plan.ofType(TASK_DEFINITION).find((t) => t.inputs.family === family);
}

/**
 * A task definition's cpu (units) or memory (MiB): a number, or the forms "1 vCPU" and "2 GB" the API also accepts
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size).
 */
export function taskSize(value: unknown, unit: "vcpu" | "gb"): number | undefined {
    const n = num(value);
    if (n !== undefined) return n;
    const m = typeof value === "string" ? /^\s*([0-9.]+)\s*(vcpu|gb)\s*$/i.exec(value) : null;
    return m && m[2].toLowerCase() === unit ? Number(m[1]) * 1024 : undefined;
}

interface StrategyItem {
    capacityProvider: string;
    base: number;
    weight: number;
}

/**
 * How ECS places `tasks` over a capacity provider strategy: the provider with a base gets its base first, the rest
 * is shared by weight (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html).
 * Shares are fractional: the estimate is the long-run placement, not one placement's rounding.
 */
export function placeTasks(tasks: number, strategy: StrategyItem[]): Map<string, number> {
    const placed = new Map<string, number>(strategy.map((s) => [s.capacityProvider, 0]));
    let rest = tasks;
    for (const s of strategy) {
        const base = Math.min(rest, Math.max(0, s.base));
        placed.set(s.capacityProvider, (placed.get(s.capacityProvider) ?? 0) + base);
        rest -= base;
    }
    const weights = strategy.reduce((sum, s) => sum + Math.max(0, s.weight), 0);
    if (rest > 0 && weights > 0) {
        for (const s of strategy) placed.set(s.capacityProvider, (placed.get(s.capacityProvider) ?? 0) + (rest * Math.max(0, s.weight)) / weights);
    }
    return placed;
}

/** Where a service's tasks run: tasks per capacity provider ("FARGATE", "FARGATE_SPOT" or an EC2 one), its task definition, and notes. */
function servicePlacement(service: PlanResource, ctx: PricingContext): { placement: Map<string, number>; td: PlanResource | undefined; notes: string[] } {
    const notes: string[] = [];
    const desired = num(service.inputs.desiredCount);
    if (desired === undefined)
        notes.push(isUnknown(service.inputs.desiredCount) ? "desiredCount unknown in preview: 0 tasks" : "no desiredCount: 0 tasks (the provider's default)");
    const tasks = desired ?? 0;
    const td = taskDefinitionOf(service, ctx);
    const strategy: StrategyItem[] = (list<any>(service.inputs.capacityProviderStrategies) ?? []).map((s) => ({
        capacityProvider: String(s?.capacityProvider),
        base: num(s?.base) ?? 0,
        weight: num(s?.weight) ?? 0,
    }));
    let placement: Map<string, number>;
    if (strategy.length > 0) placement = placeTasks(tasks, strategy);
    else if (service.inputs.launchType === "FARGATE") placement = new Map([["FARGATE", tasks]]);
    else if (service.inputs.launchType === undefined && list(td?.inputs.requiresCompatibilities)?.includes("FARGATE")) {
        // Without a strategy or launch type the cluster's default strategy applies; the task definition says Fargate.
        placement = new Map([["FARGATE", tasks]]);
        notes.push("no capacity provider strategy or launch type: the task definition's FARGATE compatibility assumed");
    } else {
        placement = new Map();
        if (tasks > 0)
            notes.push(`launch type ${service.inputs.launchType ?? "from the cluster's default strategy"}: tasks run on EC2 capacity, priced as its instances`);
    }
    return { placement, td, notes };
}

function ecsService(service: PlanResource, ctx: PricingContext): CostLine[] {
    const { placement, td, notes } = servicePlacement(service, ctx);
    const fargate = placement.get("FARGATE") ?? 0;
    const spot = placement.get("FARGATE_SPOT") ?? 0;
    const onEc2 = [...placement.entries()].filter(([p, n]) => p !== "FARGATE" && p !== "FARGATE_SPOT" && n > 0);
    if (onEc2.length > 0)
        notes.push(`${onEc2.map(([p, n]) => `${fmt(n)} task(s) on ${p}`).join(", ")}: priced as the capacity provider's instances (Auto Scaling group)`);
    const lines: CostLine[] = [];
    if (fargate + spot > 0) {
        const cpu = taskSize(td?.inputs.cpu, "vcpu");
        const memory = taskSize(td?.inputs.memory, "gb");
        if (td === undefined || cpu === undefined || memory === undefined) {
            notes.push("task size unknown (no task definition or cpu/memory in the plan): Fargate not priced");
        } else {
            const arch: Arch = String(td.inputs.runtimePlatform?.cpuArchitecture ?? "X86_64").toUpperCase() === "ARM64" ? "arm64" : "x86_64";
            const ephemeral = num(td.inputs.ephemeralStorage?.sizeInGib) ?? FARGATE_FREE_EPHEMERAL_GIB;
            const os = td.inputs.runtimePlatform?.operatingSystemFamily;
            if (typeof os === "string" && os.startsWith("WINDOWS"))
                notes.push(`${os} tasks priced at the Linux rates: the Windows rate and license fee are not modelled`);
            lines.push(...fargateLines(ctx, "task(s)", fargate, cpu / 1024, memory / 1024, arch, false, ephemeral));
            lines.push(...fargateLines(ctx, "task(s)", spot, cpu / 1024, memory / 1024, arch, true, ephemeral));
        }
    }
    if (bool(service.inputs.networkConfiguration?.assignPublicIp) === true && fargate + spot > 0) {
        lines.push(
            line(
                ctx,
                "Public IPv4 addresses of tasks",
                "ipv4.hour",
                (fargate + spot) * HOURS_PER_MONTH,
                false,
                `assignPublicIp: ${fmt(fargate + spot)} Fargate task(s) × ${HOURS_PER_MONTH} h`,
            ),
        );
    }
    if (lines.length === 0)
        return notes.length > 0 ? [line(ctx, "ECS tasks: none priced on this service", "fargate.vcpuHour.x86_64", 0, false, notes.join("; "))] : [];
    if (notes.length > 0) lines[0] = { ...lines[0], note: [lines[0].note, ...notes].filter(Boolean).join("; ") };
    return lines;
}

/**
 * vCPUs and memory (GiB) of an instance type, from its name: large = 2 vCPU, xlarge = 4, Nxlarge = 4N; memory per
 * vCPU by family (c 2, m 4, r 8 GiB); burstable t sizes by their own table
 * (https://aws.amazon.com/ec2/instance-types/). Undefined for a type the rule does not cover.
 */
export function instanceShape(instanceType: string): { vcpu: number; memoryGiB: number } | undefined {
    const m = /^([a-z]+)(\d+)[a-z]*\.(nano|micro|small|medium|large|xlarge|(\d+)xlarge)$/.exec(instanceType);
    if (!m) return undefined;
    const [, family, , size, multiple] = m;
    if (family === "t") {
        const burstable: Record<string, [number, number]> = {
            nano: [2, 0.5],
            micro: [2, 1],
            small: [2, 2],
            medium: [2, 4],
            large: [2, 8],
            xlarge: [4, 16],
            "2xlarge": [8, 32],
        };
        const shape = burstable[size];
        return shape ? { vcpu: shape[0], memoryGiB: shape[1] } : undefined;
    }
    const perVcpu: Record<string, number> = { c: 2, m: 4, r: 8 };
    const vcpu = size === "large" ? 2 : size === "xlarge" ? 4 : multiple !== undefined ? 4 * Number(multiple) : undefined;
    if (vcpu === undefined || !Object.hasOwn(perVcpu, family)) return undefined;
    return { vcpu, memoryGiB: vcpu * perVcpu[family] };
}

/** Whether a service's capacity provider name is this capacity provider (its `name`, or Pulumi's auto-name `<logical>-<7 hex>`). */
function isCapacityProvider(cp: PlanResource, name: string): boolean {
    return namedAs(cp, name) || (!known(cp.inputs.name) && name === cp.name);
}

/**
 * Instances ECS managed scaling keeps in an Auto Scaling group of a capacity provider: M instances hold the tasks
 * placed on it (by vCPU and memory of the task definitions), and target tracking keeps M / N at targetCapacity %,
 * so N = ceil(M / target) (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/asg-capacity-providers.html).
 */
function managedScaling(asg: PlanResource, instanceType: string | undefined, ctx: PricingContext): { instances: number; note: string } | undefined {
    const cp = ctx.plan.ofType(CAPACITY_PROVIDER).find((p) => ctx.plan.referenced(p, "autoScalingGroupProvider", ASG).some((r) => r.urn === asg.urn));
    const scaling = cp?.inputs.autoScalingGroupProvider?.managedScaling;
    if (cp === undefined || scaling?.status !== "ENABLED") return undefined;
    const shape = instanceType === undefined ? undefined : instanceShape(instanceType);
    if (shape === undefined)
        return { instances: 0, note: `ECS managed scaling: instance size of ${instanceType ?? "an unknown type"} not known, tasks not counted` };
    let tasks = 0;
    let vcpu = 0;
    let memoryGiB = 0;
    for (const service of ctx.plan.ofType(SERVICE)) {
        const { placement, td } = servicePlacement(service, ctx);
        const cpu = taskSize(td?.inputs.cpu, "vcpu");
        const memory = taskSize(td?.inputs.memory, "gb");
        for (const [provider, n] of placement) {
            if (n <= 0 || !isCapacityProvider(cp, provider) || cpu === undefined || memory === undefined) continue;
            tasks += n;
            vcpu += (n * cpu) / 1024;
            memoryGiB += (n * memory) / 1024;
        }
    }
    // targetCapacity is 1–100 (the API's range); anything else is read as 100.
    const percent = num(scaling.targetCapacity) ?? 100;
    const target = (percent >= 1 && percent <= 100 ? percent : 100) / 100;
    const needed = Math.ceil(Math.max(vcpu / shape.vcpu, memoryGiB / shape.memoryGiB));
    const instances = Math.ceil(needed / target);
    return {
        instances,
        note: `ECS managed scaling: ${fmt(tasks)} task(s) (${fmt(vcpu)} vCPU, ${fmt(memoryGiB)} GiB) need ${needed} ${instanceType}; at targetCapacity ${fmt(target * 100)}% that is ${instances} instance(s), within minSize/maxSize`,
    };
}

/**
 * An Auto Scaling group's instances: desiredCapacity, else minSize, and for an ECS capacity provider's group with
 * managed scaling at least what managed scaling keeps (up to maxSize); at its first mixed-instances override type, else its launch
 * template's; on-demand base and percentage above it from the instances distribution, Spot for the rest.
 */
function asgCapacity(asg: PlanResource, ctx: PricingContext): CostLine[] {
    const notes: string[] = [];
    const desired = num(asg.inputs.desiredCapacity);
    const min = num(asg.inputs.minSize);
    const mixed = asg.inputs.mixedInstancesPolicy;
    const lt = related(ctx, asg, ["mixedInstancesPolicy", "launchTemplate"], LAUNCH_TEMPLATE);
    const overrides = list<any>(mixed?.launchTemplate?.overrides) ?? [];
    const override = overrides.find((o) => typeof o?.instanceType === "string")?.instanceType as string | undefined;
    const instanceType = override ?? (typeof lt?.inputs.instanceType === "string" ? lt.inputs.instanceType : undefined);
    const managed = managedScaling(asg, instanceType, ctx);
    let instances = desired ?? min ?? 0;
    if (managed !== undefined) {
        const max = num(asg.inputs.maxSize) ?? Number.POSITIVE_INFINITY;
        instances = Math.min(max, Math.max(instances, managed.instances));
        notes.push(managed.note);
    } else if (desired === undefined) {
        notes.push(`no desiredCapacity: minSize ${min ?? 0} instance(s) priced (a scaling policy sets the count at run time)`);
    }
    if (override !== undefined && overrides.length > 1) notes.push(`priced as the first override type of ${overrides.length}`);
    let onDemand = instances;
    if (mixed !== undefined) {
        const dist = mixed.instancesDistribution ?? {};
        // Defaults of the EC2 Auto Scaling API: base 0, 100% on-demand above it.
        const base = Math.min(instances, num(dist.onDemandBaseCapacity) ?? 0);
        const percent = num(dist.onDemandPercentageAboveBaseCapacity) ?? 100;
        onDemand = base + ((instances - base) * percent) / 100;
    }
    return ec2CapacityLines(ctx, {
        what: `Auto Scaling group ${asg.name}`,
        instanceType,
        onDemand,
        spot: instances - onDemand,
        launchTemplate: lt,
        publicIp: publicIpOf(lt),
        notes,
    });
}

function publicIpOf(lt: PlanResource | undefined): boolean {
    return (list<any>(lt?.inputs.networkInterfaces) ?? []).some((n) => bool(n?.associatePublicIpAddress) === true);
}

function managedNodeGroup(ng: PlanResource, ctx: PricingContext): CostLine[] {
    const notes: string[] = [];
    const scaling = ng.inputs.scalingConfig ?? {};
    const instances = num(scaling.desiredSize) ?? num(scaling.minSize) ?? 0;
    const lt = ng.inputs.launchTemplate !== undefined ? related(ctx, ng, ["launchTemplate"], LAUNCH_TEMPLATE) : undefined;
    const types = list<string>(ng.inputs.instanceTypes) ?? [];
    // EKS's default instance type when neither the node group nor its launch template names one
    // (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html, instanceTypes).
    const instanceType = types[0] ?? (typeof lt?.inputs.instanceType === "string" ? lt.inputs.instanceType : "t3.medium");
    if (types.length > 1) notes.push(`priced as the first of ${types.length} instance types`);
    const spot = ng.inputs.capacityType === "SPOT";
    return ec2CapacityLines(ctx, {
        what: `managed node group ${ng.name}`,
        instanceType,
        onDemand: spot ? 0 : instances,
        spot: spot ? instances : 0,
        launchTemplate: lt,
        // Without volumes in a launch template the node group's diskSize applies (default 20 GiB; the API docs of
        // CreateNodegroup), which is also the EKS AMIs' root volume size.
        diskGiB: (list(lt?.inputs.blockDeviceMappings)?.length ?? 0) === 0 ? (num(ng.inputs.diskSize) ?? 20) : undefined,
        publicIp: publicIpOf(lt),
        notes,
    });
}

function ec2Instance(instance: PlanResource, ctx: PricingContext): CostLine[] {
    const lt = instance.inputs.launchTemplate !== undefined ? related(ctx, instance, ["launchTemplate"], LAUNCH_TEMPLATE) : undefined;
    const type = typeof instance.inputs.instanceType === "string" ? instance.inputs.instanceType : lt?.inputs.instanceType;
    const root = num(instance.inputs.rootBlockDevice?.volumeSize);
    const notes = root === undefined && lt === undefined ? ["root volume size comes from the AMI: not priced"] : [];
    return ec2CapacityLines(ctx, {
        what: `instance ${instance.name}`,
        instanceType: typeof type === "string" ? type : undefined,
        onDemand: 1,
        spot: 0,
        launchTemplate: lt,
        diskGiB: root,
        publicIp: bool(instance.inputs.associatePublicIpAddress) === true || publicIpOf(lt),
        notes,
    });
}

/** Whether a resource sits under an `eks:index:Cluster` component (which is priced itself). */
function underEksComponent(resource: PlanResource, ctx: PricingContext): boolean {
    for (let p = resource.parent; p !== undefined; p = ctx.plan.byUrn(p)?.parent) {
        if (ctx.plan.byUrn(p)?.type === EKS_COMPONENT) return true;
    }
    return false;
}

/**
 * The EKS control plane: $0.10 an hour in standard support, $0.60 in extended support. Support is judged on the
 * price table's date (`asOf`), so an estimate does not change with the day it runs; re-date the table to move it.
 */
function eksControlPlane(cluster: PlanResource, ctx: PricingContext): CostLine[] {
    if (cluster.type !== EKS_COMPONENT && underEksComponent(cluster, ctx)) return [];
    const version = cluster.inputs.version;
    const asOf = new Date(`${ctx.prices.asOf}T00:00:00Z`);
    const on = Number.isNaN(asOf.getTime()) ? new Date() : asOf;
    const status = typeof version === "string" && !isUnknown(version) ? eksVersionStatus(version, on) : "unknown";
    const notes = [`1 cluster × ${HOURS_PER_MONTH} h`];
    if (status === "extended") notes.push(`Kubernetes ${version} is in extended support on ${ctx.prices.asOf}`);
    else if (status === "ended") notes.push(`Kubernetes ${version} is past extended support on ${ctx.prices.asOf}: EKS upgrades the cluster`);
    else if (status === "unknown")
        notes.push(
            `version ${typeof version === "string" && !isUnknown(version) ? `${version} not in shared/limits/eks.ts` : "not set"}: standard support assumed`,
        );
    else notes.push(`Kubernetes ${version} in standard support on ${ctx.prices.asOf}`);
    const key = status === "extended" ? "eks.cluster.extendedHour" : "eks.cluster.hour";
    const plane = line(
        ctx,
        `EKS control plane hours (${status === "extended" ? "extended" : "standard"} support)`,
        key,
        HOURS_PER_MONTH,
        false,
        notes.join("; "),
    );
    return cluster.type === EKS_COMPONENT ? [plane, ...eksDefaultNodeGroup(cluster, ctx)] : [plane];
}

/**
 * The self-managed node group `eks:index:Cluster` creates unless `skipDefaultNodeGroup`, `fargate` or Auto Mode is set,
 * with @pulumi/eks's defaults (nodes/nodegroup.ts, nodes/instances.ts of pulumi/pulumi-eks; the Cluster args' docs):
 * `desiredCapacity` 2 instances of `instanceType` "t3.medium", all Spot when `spotPrice` is set, a public IPv4 per node
 * unless `nodeAssociatePublicIpAddress` is false, and a root volume of `nodeRootVolumeSize` GiB (default 20, gp2, on
 * AL2; on AL2023 and Bottlerocket the AMI's when the size is not set). The settings are the cluster's own or its
 * `nodeGroupOptions` (the two are mutually exclusive). When the plan shows the component's children (a real
 * preview), its Auto Scaling group is priced by its own pricer instead.
 */
function eksDefaultNodeGroup(cluster: PlanResource, ctx: PricingContext): CostLine[] {
    const inputs = cluster.inputs;
    if (inputs.skipDefaultNodeGroup === true || bool(inputs.fargate) === true || (known(inputs.fargate) && typeof inputs.fargate === "object")) return [];
    if (bool(inputs.autoMode?.enabled) === true) return [];
    if (ctx.plan.descendants(cluster.urn).some((r) => r.type === ASG)) return [];
    const options = inputs.nodeGroupOptions !== undefined && inputs.nodeGroupOptions !== null ? inputs.nodeGroupOptions : inputs;
    const notes: string[] = [];
    const desired = num(options.desiredCapacity);
    if (isUnknown(options.desiredCapacity)) notes.push("desiredCapacity unknown in preview: the default 2 priced");
    const instances = desired ?? 2;
    const instanceType = typeof options.instanceType === "string" && !isUnknown(options.instanceType) ? options.instanceType : "t3.medium";
    const spot = known(options.spotPrice) && options.spotPrice !== "";
    const size = num(options.nodeRootVolumeSize);
    const al2 = options.operatingSystem === "AL2";
    const diskGiB = size ?? (al2 ? 20 : undefined);
    const diskType = typeof options.nodeRootVolumeType === "string" ? options.nodeRootVolumeType : "gp2";
    if (diskGiB === undefined) notes.push("root volume from the AMI (no nodeRootVolumeSize): not priced");
    else if (typeof options.nodeRootVolumeType !== "string" && !al2) notes.push("root volume type from the AMI: priced as gp2, the AL2 default");
    return ec2CapacityLines(ctx, {
        what: `default node group of ${cluster.name} (skipDefaultNodeGroup not set)`,
        instanceType,
        onDemand: spot ? 0 : instances,
        spot: spot ? instances : 0,
        diskGiB,
        diskType,
        publicIp: bool(options.nodeAssociatePublicIpAddress) !== false,
        notes,
    });
}

/** Kubernetes CPU quantity ("100m", "0.5", 2) in vCPU. */
export function k8sCpu(value: unknown): number {
    if (typeof value === "number") return value;
    if (typeof value !== "string") return 0;
    const n = value.endsWith("m") ? Number(value.slice(0, -1)) / 1000 : Number(value);
    return Number.isFinite(n) ? n : 0;
}

const MEMORY_UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Kubernetes memory quantity ("128Mi", "1G", bytes) in GiB. */
export function k8sMemoryGiB(value: unknown): number {
    if (typeof value === "number") return value / 2 ** 30;
    if (typeof value !== "string") return 0;
    const m = /^([0-9.]+)([A-Za-z]*)$/.exec(value);
    if (!m) return 0;
    const factor = m[2] === "" ? 1 : MEMORY_UNITS[m[2]];
    return factor === undefined ? 0 : (Number(m[1]) * factor) / 2 ** 30;
}

/**
 * The Fargate size EKS gives a pod: the containers' requests plus 256 MB for Kubernetes components, rounded up to
 * the smallest vCPU/memory combination that holds both
 * (https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html).
 */
export function fargatePodSize(vcpu: number, memoryGiB: number): { vcpu: number; gb: number } {
    const needMiB = (memoryGiB + 0.25) * 1024;
    const cpus = Object.keys(FARGATE_TASK_SIZES)
        .map(Number)
        .sort((a, b) => a - b);
    for (const cpu of cpus) {
        if (cpu / 1024 < vcpu) continue;
        const mem = FARGATE_TASK_SIZES[cpu].find((m) => m >= needMiB);
        if (mem !== undefined) return { vcpu: cpu / 1024, gb: mem / 1024 };
    }
    const largest = cpus[cpus.length - 1];
    const sizes = FARGATE_TASK_SIZES[largest];
    return { vcpu: largest / 1024, gb: sizes[sizes.length - 1] / 1024 };
}

const WORKLOADS = ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet"];

function matchesSelector(workload: PlanResource, selector: any): boolean {
    if (workload.inputs.metadata?.namespace !== selector?.namespace) return false;
    const labels: Record<string, string> = selector?.labels ?? {};
    const podLabels: Record<string, string> = workload.inputs.spec?.template?.metadata?.labels ?? {};
    return Object.entries(labels).every(([k, v]) => podLabels[k] === v);
}

/** EKS Fargate profile: the pods of the plan's Deployments and StatefulSets its selectors match, at their Fargate size (x86_64). */
function fargateProfile(profile: PlanResource, ctx: PricingContext): CostLine[] {
    const selectors = list<any>(profile.inputs.selectors) ?? [];
    const workloads = WORKLOADS.flatMap((t) => ctx.plan.ofType(t)).filter((w) => selectors.some((s) => matchesSelector(w, s)));
    const namespaces = selectors.map((s) => s?.namespace).join(", ");
    if (workloads.length === 0) {
        return [
            line(
                ctx,
                "Fargate vCPU-hours (EKS pods, x86_64)",
                "fargate.vcpuHour.x86_64",
                0,
                false,
                `no Deployment or StatefulSet in the plan runs in namespace(s) ${namespaces}: pods are billed per vCPU/GB-hour when they run`,
            ),
        ];
    }
    return workloads.flatMap((w) => {
        const replicas = num(w.inputs.spec?.replicas) ?? 1;
        const containers = list<any>(w.inputs.spec?.template?.spec?.containers) ?? [];
        const request = (c: any, key: "cpu" | "memory") => c?.resources?.requests?.[key] ?? c?.resources?.limits?.[key];
        const vcpu = containers.reduce((sum, c) => sum + k8sCpu(request(c, "cpu")), 0);
        const memory = containers.reduce((sum, c) => sum + k8sMemoryGiB(request(c, "memory")), 0);
        const size = fargatePodSize(vcpu, memory);
        return fargateLines(ctx, `pod(s) of ${w.name}`, replicas, size.vcpu, size.gb, "x86_64", false, FARGATE_FREE_EPHEMERAL_GIB);
    });
}

const STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass";
/** Provisioners of EBS volumes: the EBS CSI driver (default type gp3) and the removed in-tree plugin (default gp2). */
const EBS_PROVISIONERS: Record<string, string> = { "ebs.csi.aws.com": "gp3", "kubernetes.io/aws-ebs": "gp2" };

/** The StorageClass a claim names, else the one annotated as the cluster's default. */
function storageClassOf(name: unknown, ctx: PricingContext): PlanResource | undefined {
    const classes = ctx.plan.ofType(STORAGE_CLASS);
    if (typeof name === "string" && !isUnknown(name)) return classes.find((c) => c.inputs.metadata?.name === name);
    return classes.find((c) => c.inputs.metadata?.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true");
}

/**
 * A StatefulSet's volume claim templates: each replica gets its own PersistentVolume of the claim's requested size,
 * which stays (and is billed) while the pods run or not. EBS volumes are priced by the StorageClass's `type`
 * parameter (the EBS CSI driver's default gp3; https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md),
 * gp3 when the class is not in the plan; EFS-backed claims store on the file system, priced there from
 * load.storage.efsGB; other provisioners (FSx) are not modelled. The pods run on the cluster's nodes, priced there.
 */
function statefulSet(set: PlanResource, ctx: PricingContext): CostLine[] {
    const replicas = num(set.inputs.spec?.replicas) ?? 1;
    const claims = list<any>(set.inputs.spec?.volumeClaimTemplates) ?? [];
    return claims.flatMap((claim): CostLine[] => {
        const claimName = String(claim?.metadata?.name ?? "?");
        // EBS volumes are whole GiB: the CSI driver rounds a request up.
        const size = Math.ceil(k8sMemoryGiB(claim?.spec?.resources?.requests?.storage));
        const className = claim?.spec?.storageClassName;
        const sc = storageClassOf(className, ctx);
        const provisioner = typeof sc?.inputs.provisioner === "string" ? sc.inputs.provisioner : undefined;
        const which = `claim "${claimName}" (${fmt(size)} GiB) × ${fmt(replicas)} replica(s)`;
        if (provisioner === "efs.csi.aws.com") {
            return [
                line(
                    ctx,
                    `EFS storage of claim ${claimName}`,
                    "efs.standard.gbMonth",
                    0,
                    true,
                    `${which}: stored on the EFS file system, priced there (load.storage.efsGB)`,
                ),
            ];
        }
        if (provisioner !== undefined && !Object.hasOwn(EBS_PROVISIONERS, provisioner)) {
            return [line(ctx, `Volumes of claim ${claimName}`, "ebs.gp3.gbMonth", 0, false, `${which}: provisioner ${provisioner} not modelled: 0`)];
        }
        const declared = sc?.inputs.parameters?.type;
        const volumeType = typeof declared === "string" && !isUnknown(declared) ? declared : provisioner !== undefined ? EBS_PROVISIONERS[provisioner] : "gp3";
        const { key, type, note } = ebsPrice(volumeType);
        const from =
            sc === undefined
                ? `StorageClass ${typeof className === "string" ? className : "(default)"} not in the plan: gp3 assumed`
                : `StorageClass ${sc.inputs.metadata?.name}`;
        return [line(ctx, `EBS ${type} volumes of claim ${claimName}`, key, size * replicas, false, `${which}, ${from}${note}`)];
    });
}

function efsFileSystem(_fs: PlanResource, ctx: PricingContext): CostLine[] {
    const count = ctx.plan.ofType(EFS).length;
    return [
        line(
            ctx,
            "EFS Standard storage",
            "efs.standard.gbMonth",
            share(ctx.load.storage.efsGB, count),
            true,
            `load.storage.efsGB split evenly over the plan's ${count} file system(s); all in Standard (lifecycle moves to IA not modelled)`,
        ),
    ];
}

function ecrRepository(_repo: PlanResource, ctx: PricingContext): CostLine[] {
    const count = ctx.plan.ofType(ECR).length;
    return [
        line(
            ctx,
            "ECR storage",
            "ecr.gbMonth",
            share(ctx.load.storage.ecrGB, count),
            true,
            `load.storage.ecrGB split evenly over the plan's ${count} repositor(ies)`,
        ),
    ];
}

export const COMPUTE_PRICERS: PricerTable = {
    [SERVICE]: ecsService,
    [ASG]: asgCapacity,
    "aws:eks/nodeGroup:NodeGroup": managedNodeGroup,
    "aws:ec2/instance:Instance": ec2Instance,
    [EKS_COMPONENT]: eksControlPlane,
    "aws:eks/cluster:Cluster": eksControlPlane,
    "aws:eks/fargateProfile:FargateProfile": fargateProfile,
    [EFS]: efsFileSystem,
    [ECR]: ecrRepository,
    "kubernetes:apps/v1:StatefulSet": statefulSet,
};

/**
 * Types of this area that cost nothing by themselves: ECS bills the capacity tasks run on, EKS the cluster and nodes.
 * EKS add-ons are priced by the ops group (its CloudWatch observability add-on; the others cost nothing).
 */
export const COMPUTE_FREE_TYPES: string[] = [
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:ecs/capacityProvider:CapacityProvider",
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    "aws:ecs/taskDefinition:TaskDefinition",
    "aws:appautoscaling/target:Target",
    "aws:appautoscaling/policy:Policy",
    "aws:appautoscaling/scheduledAction:ScheduledAction",
    "aws:autoscaling/policy:Policy",
    "aws:autoscaling/lifecycleHook:LifecycleHook",
    "aws:autoscaling/schedule:Schedule",
    "aws:iam/instanceProfile:InstanceProfile",
    "aws:eks/accessEntry:AccessEntry",
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    "aws:efs/accessPoint:AccessPoint",
    "aws:efs/mountTarget:MountTarget",
    "aws:efs/fileSystemPolicy:FileSystemPolicy",
    "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    "aws:ecr/repositoryPolicy:RepositoryPolicy",
    "aws:servicediscovery/httpNamespace:HttpNamespace",
];
