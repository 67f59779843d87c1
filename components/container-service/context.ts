import * as pulumi from "@pulumi/pulumi";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as ecs from "@pulumi/aws/ecs";
import type * as iam from "@pulumi/aws/iam";
import type { Resolved } from "./defaults";

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

/** The cluster and its capacity, shared by every service and task. */
export interface ClusterResources {
    cluster: ecs.Cluster;
    capacityProviders: ecs.ClusterCapacityProviders;
    /** Name of the EC2 capacity provider, when `ec2Capacity` is set. */
    ec2CapacityProviderName?: pulumi.Output<string>;
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

/** Capacity provider strategy for a task's `capacity`. */
export function capacityStrategy(
    task: { capacity: "fargate" | "fargate-spot" | "ec2"; spot: { onDemandBase: number; onDemandWeight: number; spotWeight: number } },
    cluster: ClusterResources,
): Array<{ capacityProvider: pulumi.Input<string>; weight: number; base: number }> {
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
