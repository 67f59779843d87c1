import type * as pulumi from "@pulumi/pulumi";
import type {
    ComputePlatform,
    DeploymentConfigArgs,
    DeploymentGroupArgs,
    DeploymentGroupTransforms,
    EcsTargetArgs,
    LambdaTargetArgs,
    NotificationsArgs,
    ServerTargetArgs,
    TriggerEvent,
} from "./args";

/** The one source of DeploymentGroup's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    application: {} as { name?: string },
    config: {
        ECS: "all-at-once",
        Lambda: { canary: { percent: 10, intervalMinutes: 5 } },
        Server: "one-at-a-time",
    } as Record<ComputePlatform, DeploymentConfigArgs>,
    alarms: [] as pulumi.Input<string>[],
    rollback: { onFailure: true, onStopRequest: false },
    terminationWaitMinutes: 5,
    revisionBucketArns: [] as pulumi.Input<string>[],
    revisionKeyArns: [] as pulumi.Input<string>[],
    tags: {} as Record<string, string>,
    transform: {} as DeploymentGroupTransforms,
    EcsTargetArgs: {
        testListenerArns: [] as pulumi.Input<string>[],
        passRoleArns: [] as pulumi.Input<string>[],
        hookFunctionArns: [] as pulumi.Input<string>[],
        hookRoleNames: [] as pulumi.Input<string>[],
    },
    LambdaTargetArgs: { hooks: {}, hookRoleNames: [] as pulumi.Input<string>[] },
    ServerTargetArgs: {
        autoScalingGroupNames: [] as pulumi.Input<string>[],
        ec2TagFilters: [],
        targetGroupNames: [] as pulumi.Input<string>[],
        instanceRoleArns: [] as pulumi.Input<string>[],
    },
    NotificationsArgs: { events: ["DeploymentFailure", "DeploymentStop", "DeploymentRollback"] as TriggerEvent[] },
};

export type ResolvedTarget =
    | { platform: "ECS"; ecs: Required<EcsTargetArgs> }
    | { platform: "Lambda"; lambda: Required<LambdaTargetArgs> }
    | { platform: "Server"; server: Required<ServerTargetArgs> };

export interface ResolvedDeploymentGroup {
    application: { name?: string } | { existingName: pulumi.Input<string> };
    target: ResolvedTarget;
    config: DeploymentConfigArgs;
    alarms: pulumi.Input<string>[];
    rollback: { onFailure: boolean; onAlarm: boolean; onStopRequest: boolean };
    /** Resolved for ECS only (the other platforms have no blue task set to keep). */
    terminationWaitMinutes?: number;
    readyWaitMinutes?: number;
    revisionBucketArns: pulumi.Input<string>[];
    revisionKeyArns: pulumi.Input<string>[];
    notifications?: Required<Omit<NotificationsArgs, "topicKeyArn">> & Pick<NotificationsArgs, "topicKeyArn">;
    tags: Record<string, string>;
    transform: DeploymentGroupTransforms;
}

function normalizeTarget(target: DeploymentGroupArgs["target"]): ResolvedTarget {
    if ("ecs" in target) {
        const d = DEFAULTS.EcsTargetArgs;
        const e = target.ecs;
        return {
            platform: "ECS",
            ecs: {
                ...e,
                testListenerArns: e.testListenerArns ?? d.testListenerArns,
                passRoleArns: e.passRoleArns ?? d.passRoleArns,
                hookFunctionArns: e.hookFunctionArns ?? d.hookFunctionArns,
                hookRoleNames: e.hookRoleNames ?? d.hookRoleNames,
            },
        };
    }
    if ("lambda" in target) {
        const d = DEFAULTS.LambdaTargetArgs;
        const l = target.lambda;
        return { platform: "Lambda", lambda: { ...l, hooks: l.hooks ?? d.hooks, hookRoleNames: l.hookRoleNames ?? d.hookRoleNames } };
    }
    const d = DEFAULTS.ServerTargetArgs;
    const s = target.server;
    return {
        platform: "Server",
        server: {
            autoScalingGroupNames: s.autoScalingGroupNames ?? d.autoScalingGroupNames,
            ec2TagFilters: s.ec2TagFilters ?? d.ec2TagFilters,
            targetGroupNames: s.targetGroupNames ?? d.targetGroupNames,
            instanceRoleArns: s.instanceRoleArns ?? d.instanceRoleArns,
        },
    };
}

/** Fills every default. Call after the shape check. */
export function normalize(args: DeploymentGroupArgs): ResolvedDeploymentGroup {
    const target = normalizeTarget(args.target);
    const alarms = args.alarms ?? DEFAULTS.alarms;
    const ecs = target.platform === "ECS";
    return {
        application: args.application ?? DEFAULTS.application,
        target,
        config: args.config ?? DEFAULTS.config[target.platform],
        alarms,
        rollback: {
            onFailure: args.rollback?.onFailure ?? DEFAULTS.rollback.onFailure,
            // Alarms without rollback only stop a deployment; with alarms, rolling back is the point.
            onAlarm: args.rollback?.onAlarm ?? alarms.length > 0,
            onStopRequest: args.rollback?.onStopRequest ?? DEFAULTS.rollback.onStopRequest,
        },
        // Given on another platform, it is kept for validation to refuse.
        terminationWaitMinutes: args.terminationWaitMinutes ?? (ecs ? DEFAULTS.terminationWaitMinutes : undefined),
        readyWaitMinutes: args.readyWaitMinutes,
        revisionBucketArns: args.revisionBucketArns ?? DEFAULTS.revisionBucketArns,
        revisionKeyArns: args.revisionKeyArns ?? DEFAULTS.revisionKeyArns,
        notifications: args.notifications ? { ...args.notifications, events: args.notifications.events ?? DEFAULTS.NotificationsArgs.events } : undefined,
        tags: args.tags ?? DEFAULTS.tags,
        transform: args.transform ?? DEFAULTS.transform,
    };
}
