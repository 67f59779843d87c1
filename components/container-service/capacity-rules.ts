/**
 * Value rules of the cluster's capacity: `ec2Capacity`, `ec2CapacityProviders`, capacity provider
 * strategies (the cluster's default and each task's) and `cluster.existing`. Pure: no Pulumi.
 */
import { Issues, isPlain } from "../shared/errors";
import { checkInstanceTypes } from "../shared/instance-types";
import { own } from "../shared/shape";
import type { CapacityProviderStrategyArgs, ContainerServiceArgs, Ec2CapacityArgs, Ec2CapacityProviderArgs, TaskArgs } from "./args";
import { FARGATE_PROVIDERS, Resolved, ResolvedStrategy, ResolvedTask } from "./defaults";

/** AWS's limits on a strategy (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html). */
const MAX_STRATEGY_PROVIDERS = 20;
/**
 * EventBridge's and Scheduler's ECS targets take at most 6 strategy items
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_EcsParameters.html, "Array Members: Maximum
 * number of 6 items"; the Scheduler target's `capacityProviderStrategies` too).
 */
const MAX_SCHEDULED_STRATEGY_PROVIDERS = 6;
const MAX_BASE = 100000;
const MAX_WEIGHT = 1000;

/** Names a strategy uses for the Fargate providers and `ec2Capacity`: not available as keys. */
const RESERVED_KEYS = ["ec2", ...FARGATE_PROVIDERS];

/** `arn:aws:ecs:<region>:<account>:cluster/<name>`: a cluster name is 1–255 letters, digits, '-' and '_'. */
export const CLUSTER_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255}$/;

/** Every capacity rule of the component, on shape-valid args and their normalized values. */
export function validateCapacity(issues: Issues, args: ContainerServiceArgs, cfg: Resolved): void {
    validateExisting(issues, args);
    if (args.ec2Capacity) {
        const p = "ec2Capacity";
        checkGroup(issues, p, args.ec2Capacity, cfg.ec2Capacity!);
        issues.int(`${p}.targetCapacityPercent`, args.ec2Capacity.targetCapacityPercent, 1, 100, " percent");
    }
    for (const [key, given] of Object.entries(args.ec2CapacityProviders ?? {})) {
        const p = `ec2CapacityProviders.${key}`;
        issues.key(p, key);
        if (RESERVED_KEYS.includes(key))
            issues.add(
                p,
                key,
                `is the name strategies use for ${key === "ec2" ? "ec2Capacity" : "a Fargate provider"}`,
                'another key, e.g. "on-demand" or "spot"',
            );
        checkProvider(issues, p, given, cfg.ec2CapacityProviders[key]);
    }
    if (args.cluster?.defaultStrategy !== undefined) {
        checkStrategy(issues, "cluster.defaultStrategy", args.cluster.defaultStrategy, cfg.defaultStrategy, args, cfg);
        // The component copies the default into each scheduled task that names no capacity.
        const inheriting = Object.entries(args.scheduledTasks ?? {})
            .filter(([, t]) => t.capacity === undefined && t.capacityProviderStrategy === undefined)
            .map(([k]) => k);
        if (inheriting.length > 0 && cfg.defaultStrategy.length > MAX_SCHEDULED_STRATEGY_PROVIDERS)
            issues.add(
                "cluster.defaultStrategy",
                cfg.defaultStrategy.length,
                `names more capacity providers than EventBridge and Scheduler take, and scheduled tasks ${inheriting.join(", ")} run on it`,
                `at most ${MAX_SCHEDULED_STRATEGY_PROVIDERS}, or capacityProviderStrategy on those scheduled tasks`,
            );
    }
    const tasks: Array<[string, TaskArgs, ResolvedTask]> = [
        ...Object.entries(args.services ?? {}).map(([k, s]) => [`services.${k}`, s, cfg.services[k]] as [string, TaskArgs, ResolvedTask]),
        ...Object.entries(args.scheduledTasks ?? {}).map(([k, t]) => [`scheduledTasks.${k}`, t, cfg.scheduledTasks[k]] as [string, TaskArgs, ResolvedTask]),
        ...Object.entries(args.tasks ?? {}).map(([k, t]) => [`tasks.${k}`, t, cfg.tasks[k]] as [string, TaskArgs, ResolvedTask]),
    ];
    for (const [path, task, r] of tasks) {
        if (task.capacityProviderStrategy !== undefined) {
            checkStrategy(
                issues,
                `${path}.capacityProviderStrategy`,
                task.capacityProviderStrategy,
                r.capacityProviderStrategy!,
                args,
                cfg,
                path.startsWith("scheduledTasks.") ? MAX_SCHEDULED_STRATEGY_PROVIDERS : MAX_STRATEGY_PROVIDERS,
            );
            if (task.capacity !== undefined)
                issues.add(`${path}.capacity`, task.capacity, "is given with capacityProviderStrategy", "one of capacity or capacityProviderStrategy");
        }
        // `spot` shapes the strategy of capacity "fargate-spot" only; with a strategy it would be ignored.
        // (Without FARGATE_SPOT in the strategy, validateTask reports it already.)
        if (task.spot !== undefined && r.capacityProviderStrategy !== undefined && task.capacity === undefined && r.capacity === "fargate-spot")
            issues.add(
                `${path}.spot`,
                task.spot,
                `is only used with capacity "fargate-spot" (this task runs on ${task.capacityProviderStrategy ? "its capacityProviderStrategy" : "cluster.defaultStrategy"})`,
                'capacity: "fargate-spot", or bases and weights in the strategy',
            );
    }
}

/**
 * With an existing cluster the component creates no capacity provider and cannot change the cluster's:
 * PutClusterCapacityProviders replaces the cluster's whole list and default strategy
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutClusterCapacityProviders.html).
 */
function validateExisting(issues: Issues, args: ContainerServiceArgs): void {
    const existing = args.cluster?.existing;
    if (existing === undefined) return;
    if (isPlain(existing)) issues.match("cluster.existing", existing, CLUSTER_ARN, 'a cluster ARN, e.g. "arn:aws:ecs:us-east-1:123456789012:cluster/shared"');
    const why = "the component does not own the existing cluster's capacity providers and settings (PutClusterCapacityProviders would replace them all)";
    if (args.ec2Capacity)
        issues.add(
            "ec2Capacity",
            "(set)",
            `cannot be used with cluster.existing: ${why}`,
            "no ec2Capacity; use the existing cluster's own providers, or let the component create its cluster",
        );
    if (Object.keys(args.ec2CapacityProviders ?? {}).length > 0)
        issues.add(
            "ec2CapacityProviders",
            Object.keys(args.ec2CapacityProviders ?? {}),
            `cannot be used with cluster.existing: ${why}`,
            "no ec2CapacityProviders, or let the component create its cluster",
        );
    if (args.cluster?.defaultStrategy !== undefined)
        issues.add(
            "cluster.defaultStrategy",
            "(set)",
            `cannot be used with cluster.existing: ${why}`,
            "capacityProviderStrategy on each service, or no cluster.existing",
        );
    if (args.cluster?.containerInsights !== undefined)
        issues.add(
            "cluster.containerInsights",
            args.cluster.containerInsights,
            `cannot be used with cluster.existing: ${why}`,
            "no containerInsights, or no cluster.existing",
        );
}

/** The rules every Auto Scaling group shares (`ec2Capacity` and each provider). */
function checkGroup(
    issues: Issues,
    p: string,
    c: Ec2CapacityArgs | Ec2CapacityProviderArgs,
    r: Required<Pick<Ec2CapacityArgs, "instanceTypes" | "architecture" | "minSize" | "maxSize">>,
): void {
    const archOk = issues.oneOf(`${p}.architecture`, c.architecture, ["x86_64", "arm64"]);
    // The EKS node groups' rules: `family.size`, no repeats, and (once the architecture is one) each of it.
    checkInstanceTypes(issues, `${p}.instanceTypes`, r.instanceTypes, archOk ? r.architecture : undefined);
    issues.int(`${p}.minSize`, c.minSize, 0, 1000);
    issues.int(`${p}.maxSize`, c.maxSize, 1, 1000);
    if (r.minSize > r.maxSize) issues.add(`${p}.minSize`, r.minSize, `is above maxSize (${r.maxSize})`, "minSize <= maxSize");
    issues.int(`${p}.onDemandBaseCapacity`, c.onDemandBaseCapacity, 0, 1000);
    issues.int(`${p}.onDemandPercentageAboveBaseCapacity`, c.onDemandPercentageAboveBaseCapacity, 0, 100, " percent");
    issues.oneOf(`${p}.spotAllocationStrategy`, c.spotAllocationStrategy, ["price-capacity-optimized", "capacity-optimized", "lowest-price"]);
    // The ECS-optimized AL2023 AMI's snapshot is 30 GiB: a smaller root volume fails to launch.
    issues.int(`${p}.rootVolumeGiB`, c.rootVolumeGiB, 30, 16384, " GiB");
}

function checkProvider(issues: Issues, p: string, c: Ec2CapacityProviderArgs, r: Resolved["ec2CapacityProviders"][string]): void {
    checkGroup(issues, p, c, r);
    const s = c.managedScaling;
    if (s !== undefined && s !== false) {
        issues.int(`${p}.managedScaling.targetCapacityPercent`, s.targetCapacityPercent, 1, 100, " percent");
        issues.int(`${p}.managedScaling.minimumStepSize`, s.minimumStepSize, 1, 10000);
        issues.int(`${p}.managedScaling.maximumStepSize`, s.maximumStepSize, 1, 10000);
        issues.int(`${p}.managedScaling.instanceWarmupSeconds`, s.instanceWarmupSeconds, 0, 10000, " seconds");
    }
    const rs = r.managedScaling;
    if (rs !== false && rs.minimumStepSize > rs.maximumStepSize)
        issues.add(
            `${p}.managedScaling.minimumStepSize`,
            rs.minimumStepSize,
            `is above maximumStepSize (${rs.maximumStepSize})`,
            "minimumStepSize <= maximumStepSize",
        );
    const weights = Object.entries(r.instanceWeights);
    if (weights.length === 0) return;
    for (const [type, w] of weights) {
        issues.int(`${p}.instanceWeights.${type}`, w, 1, 999);
        if (!r.instanceTypes.includes(type)) issues.add(`${p}.instanceWeights.${type}`, type, "is not one of instanceTypes", r.instanceTypes.join(", "));
    }
    // LaunchTemplateOverrides: a weight for one instance type means a weight for every one.
    const unweighted = r.instanceTypes.filter((t) => !own(r.instanceWeights, t));
    if (unweighted.length > 0)
        issues.add(
            `${p}.instanceWeights`,
            unweighted,
            "leaves instance types without a weight, and an Auto Scaling group takes weights for all or none",
            "a weight for each of instanceTypes, or no instanceWeights",
        );
    // ECS managed scaling computes the group's size in instances; AWS asks for weights of 1 with it.
    const heavy = weights.filter(([, w]) => w !== 1).map(([t]) => t);
    if (rs !== false && heavy.length > 0)
        issues.add(
            `${p}.instanceWeights`,
            heavy,
            "weighs instance types other than 1, and ECS managed scaling counts instances (AWS asks for weights of 1 with it)",
            "managedScaling: false (you scale the group), or weights of 1",
        );
}

/**
 * A strategy's rules (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html):
 * known providers, each once, Fargate or Auto Scaling group providers but not both, at most 20, one base,
 * one weight above 0.
 */
function checkStrategy(
    issues: Issues,
    path: string,
    given: CapacityProviderStrategyArgs[],
    r: ResolvedStrategy,
    args: ContainerServiceArgs,
    cfg: Resolved,
    max = MAX_STRATEGY_PROVIDERS,
): void {
    if (given.length === 0) {
        issues.add(path, given, "is empty", 'one or more { provider, base?, weight? }, e.g. [{ provider: "FARGATE" }]');
        return;
    }
    if (given.length > max)
        issues.add(
            path,
            given.length,
            `names more capacity providers than ${max === MAX_STRATEGY_PROVIDERS ? "a strategy holds" : "EventBridge and Scheduler take"}`,
            `at most ${max}`,
        );
    const known = [...FARGATE_PROVIDERS, ...(args.ec2Capacity ? ["ec2"] : []), ...Object.keys(args.ec2CapacityProviders ?? {})];
    const seen = new Set<string>();
    given.forEach((item, i) => {
        const ip = `${path}[${i}]`;
        if (!known.includes(item.provider))
            issues.add(
                `${ip}.provider`,
                item.provider,
                item.provider === "ec2" ? "needs the component's ec2Capacity" : "names no capacity provider of the component",
                known.map((k) => JSON.stringify(k)).join(", "),
            );
        else if (seen.has(item.provider)) issues.add(`${ip}.provider`, item.provider, "appears twice in the strategy", "each provider once");
        seen.add(item.provider);
        issues.int(`${ip}.base`, item.base, 0, MAX_BASE);
        issues.int(`${ip}.weight`, item.weight, 0, MAX_WEIGHT);
    });
    const fargate = r.filter((i) => FARGATE_PROVIDERS.includes(i.provider)).map((i) => i.provider);
    const groups = r.filter((i) => !FARGATE_PROVIDERS.includes(i.provider)).map((i) => i.provider);
    if (fargate.length > 0 && groups.length > 0)
        issues.add(
            path,
            [...fargate, ...groups],
            `mixes Fargate (${fargate.join(", ")}) and Auto Scaling group providers (${groups.join(", ")}), which ECS refuses in one strategy`,
            "Fargate providers only, or Auto Scaling group providers only",
        );
    // EC2 task definitions carry no runtimePlatform and an image has one architecture: a task placed on a group
    // of the other architecture fails with `exec format error`.
    const arch = (p: string) => (p === "ec2" ? cfg.ec2Capacity?.architecture : cfg.ec2CapacityProviders[p]?.architecture);
    const archs = groups.filter((g) => arch(g) !== undefined).map((g) => `${g}: ${arch(g)}`);
    if (new Set(groups.map(arch).filter((a) => a !== undefined)).size > 1)
        issues.add(
            path,
            groups,
            `mixes x86_64 and arm64 groups (${archs.join(", ")}); a task's image runs on one`,
            "Auto Scaling group providers of one architecture",
        );
    const bases = r.filter((i) => i.base > 0).map((i) => i.provider);
    if (bases.length > 1) issues.add(path, bases, "gives a base to more than one provider", "a base on one provider only");
    if (r.every((i) => i.weight === 0))
        issues.add(
            path,
            r.map((i) => i.weight),
            "has no weight above 0, so no task beyond the base is placed",
            "a weight of 1 or more on at least one provider",
        );
}
