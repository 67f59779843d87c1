import * as pulumi from "@pulumi/pulumi";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as ecs from "@pulumi/aws/ecs";
import type * as autoscaling from "@pulumi/aws/autoscaling";
import type * as iam from "@pulumi/aws/iam";
import type { Resolved, ResolvedStrategy } from "./defaults";

/** What every builder of the component needs: the resolved args, the parent and shared lookups. */
export interface Ctx {
    /** The component instance's name: children are `${name}-<role>`. */
    name: string;
    cfg: Resolved;
    /** `{ parent }` for every child. */
    opts: pulumi.CustomResourceOptions;
    /** The component's tags (user tags plus `aws-platform:component`). */
    tags: Record<string, string>;
    region: pulumi.Output<string>;
    accountId: pulumi.Output<string>;
    partition: pulumi.Output<string>;
    /** Options for stateful children: `protect` (and `retainOnDelete`) when `protectData`. */
    dataOpts: pulumi.CustomResourceOptions;
    /**
     * Seven hex characters from the project, stack and component name: stable across runs, different
     * per stack. For names AWS scopes to the account and region with no auto-naming (task definition
     * families), so dev and prod in one account never share them.
     */
    uniqueSuffix: string;
}

/** An Auto Scaling group capacity provider with its launch template and group. */
export interface AsgCapacityResources {
    launchTemplate: ec2.LaunchTemplate;
    autoScalingGroup: autoscaling.Group;
    capacityProvider: ecs.CapacityProvider;
}

/** The cluster and its capacity, shared by every service and task. */
export interface ClusterResources {
    /** The cluster, when the component created it (absent with `cluster.existing`). */
    cluster?: ecs.Cluster;
    /** The cluster's ARN (created or existing): what builders refer to. */
    arn: pulumi.Output<string>;
    /** The cluster's name (created, or taken from the existing cluster's ARN). */
    name: pulumi.Output<string>;
    /** The cluster's capacity providers and default strategy (absent with `cluster.existing`). */
    capacityProviders?: ecs.ClusterCapacityProviders;
    /** What tasks must wait for: the capacity providers on the cluster (nothing for an existing cluster). */
    dependencies: pulumi.Resource[];
    /** Name of the EC2 capacity provider, when `ec2Capacity` is set. */
    ec2CapacityProviderName?: pulumi.Output<string>;
    /** `ec2Capacity`'s launch template, group and capacity provider. */
    ec2Capacity?: AsgCapacityResources;
    /** Each of `ec2CapacityProviders`, by key. */
    ec2CapacityProviders: Record<string, AsgCapacityResources>;
    /** The role and instance profile every EC2 group's instances share. */
    instanceRole?: iam.Role;
    instanceProfile?: iam.InstanceProfile;
    /** Security group of the EC2 instances (bridge-mode tasks use it). */
    instanceSecurityGroup?: ec2.SecurityGroup;
    /** The `awsvpcTrunking` account setting, when `ec2Capacity.awsvpcTrunking` is on. */
    awsvpcTrunking?: ecs.AccountSettingDefault;
}

/** A task definition with its roles, log group and (awsvpc) security group. */
export interface TaskResources {
    logGroup: cloudwatch.LogGroup;
    executionRole: iam.Role;
    taskRole: iam.Role;
    taskDefinition: ecs.TaskDefinition;
    /** The tasks' own security group (awsvpc network mode only). */
    securityGroup?: ec2.SecurityGroup;
}

/** A strategy's provider as ECS names it: FARGATE and FARGATE_SPOT as they are, "ec2" and keys by their capacity provider's name. */
function providerName(provider: string, cluster: ClusterResources): pulumi.Input<string> {
    if (provider === "FARGATE" || provider === "FARGATE_SPOT") return provider;
    if (provider === "ec2") return cluster.ec2CapacityProviderName!;
    return cluster.ec2CapacityProviders[provider].capacityProvider.name;
}

/** A resolved strategy as ECS takes it. */
export function strategyItems(
    strategy: ResolvedStrategy,
    cluster: ClusterResources,
): Array<{ capacityProvider: pulumi.Input<string>; weight: number; base: number }> {
    return strategy.map((i) => ({ capacityProvider: providerName(i.provider, cluster), weight: i.weight, base: i.base }));
}

/**
 * Where a task runs, as CreateService, RunTask and the EventBridge/Scheduler targets take it: its capacity
 * provider strategy; on an existing cluster, a plain "fargate" task (no strategy given) the FARGATE launch type
 * instead, since clusters made by Terraform's `aws_ecs_cluster`, CDK's `Cluster` or `aws ecs create-cluster` have
 * no capacity provider and a strategy may only name providers associated with the cluster
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html).
 */
export function placement(
    task: Parameters<typeof capacityStrategy>[0],
    cluster: ClusterResources,
): { launchType: "FARGATE" } | { capacityProviderStrategies: ReturnType<typeof capacityStrategy> } {
    if (cluster.cluster === undefined && task.capacityProviderStrategy === undefined && task.capacity === "fargate") return { launchType: "FARGATE" };
    return { capacityProviderStrategies: capacityStrategy(task, cluster) };
}

/** Capacity provider strategy for a task: its own (or the cluster's default), else from its `capacity`. */
export function capacityStrategy(
    task: {
        capacity: "fargate" | "fargate-spot" | "ec2";
        capacityProviderStrategy?: ResolvedStrategy;
        spot: { onDemandBase: number; onDemandWeight: number; spotWeight: number };
    },
    cluster: ClusterResources,
): Array<{ capacityProvider: pulumi.Input<string>; weight: number; base: number }> {
    if (task.capacityProviderStrategy) return strategyItems(task.capacityProviderStrategy, cluster);
    switch (task.capacity) {
        case "fargate":
            return [{ capacityProvider: "FARGATE", weight: 1, base: 0 }];
        case "fargate-spot":
            // Weights apply above the base: base tasks are always on regular Fargate.
            return [
                { capacityProvider: "FARGATE", weight: task.spot.onDemandWeight, base: task.spot.onDemandBase },
                { capacityProvider: "FARGATE_SPOT", weight: task.spot.spotWeight, base: 0 },
            ];
        case "ec2":
            return [{ capacityProvider: cluster.ec2CapacityProviderName!, weight: 1, base: 0 }];
    }
}
