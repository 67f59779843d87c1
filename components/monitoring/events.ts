import type * as pulumi from "@pulumi/pulumi";
import { childName } from "../shared/naming";
import type { ResolvedMonitoring } from "./defaults";

/** "Event pattern size: 2,048 characters" by default (adjustable) (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). */
export const MAX_EVENT_PATTERN_CHARS = 2048;

/**
 * CodePipeline publishes no failure metric; it sends execution state changes to EventBridge (at least
 * once). Detail type and fields `pipeline`, `state`, `execution-id`:
 * https://docs.aws.amazon.com/codepipeline/latest/userguide/detect-state-changes-cloudwatch-events.html
 */
export function pipelineFailedPattern(pipelineName: pulumi.Input<string>) {
    return {
        source: ["aws.codepipeline"],
        "detail-type": ["CodePipeline Pipeline Execution State Change"],
        detail: { state: ["FAILED"], pipeline: [pipelineName] },
    };
}

/**
 * What the service scheduler writes in `stoppedReason` when it stops a task because a deployment replaced
 * it or the service scaled in: "Scaling activity initiated by (deployment ecs-svc/…)"
 * (https://repost.aws/knowledge-center/ecs-task-stopped, "Service scaling event triggered"). Its
 * `stopCode` is `ServiceSchedulerInitiated`, the code failed ELB and container health checks also carry
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html), so only the
 * reason tells a routine replacement from a failure.
 */
export const ECS_SCALING_STOP_REASON_PREFIX = "Scaling activity initiated by";

/**
 * Tasks of these clusters that stopped, with ECS's `stoppedReason` and `stopCode`
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_task_events.html), except those a
 * deployment or a scale-in stopped: a 10-task rolling deployment would otherwise send 10 messages. Kept:
 * failed health checks, essential containers that exited (`EssentialContainerExited`, exit code 0
 * included), tasks that failed to start, Spot interruptions, `StopTask` calls (`UserInitiated`).
 * `anything-but` with `prefix` is an event-bus pattern operator
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html). ECS events
 * are delivered at least once, so a message can repeat.
 */
export function ecsTaskStoppedPattern(clusterArns: pulumi.Input<string>[]) {
    return {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: {
            clusterArn: clusterArns,
            lastStatus: ["STOPPED"],
            stoppedReason: [{ "anything-but": { prefix: ECS_SCALING_STOP_REASON_PREFIX } }],
        },
    };
}

/**
 * Launches and terminations, successful or not, of these groups (detail types of
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-event-reference.html).
 */
export const AUTO_SCALING_DETAIL_TYPES = [
    "EC2 Instance Launch Successful",
    "EC2 Instance Launch Unsuccessful",
    "EC2 Instance Terminate Successful",
    "EC2 Instance Terminate Unsuccessful",
] as const;

export function autoScalingPattern(groupNames: pulumi.Input<string>[]) {
    return {
        source: ["aws.autoscaling"],
        "detail-type": [...AUTO_SCALING_DETAIL_TYPES],
        detail: { AutoScalingGroupName: groupNames },
    };
}

/** One EventBridge rule the args ask for. */
export interface RuleSpec {
    group: "pipelines" | "events";
    /** The argument that asked for it, for error messages. */
    path: string;
    /** The rule's name is `<name>-<role>`; its target's `<name>-<role>-sns`. */
    role: string;
    /** Its failed-delivery alarm is `<name>-<alarmKey>-failed-delivery`. */
    alarmKey: string;
    title: string;
    pattern: object;
}

/** Every rule: one per pipeline, then the `events` ones. */
export function ruleSpecs(cfg: ResolvedMonitoring): RuleSpec[] {
    const rules: RuleSpec[] = Object.entries(cfg.pipelines).map(([key, p]) => ({
        group: "pipelines",
        path: `pipelines.${key}`,
        role: childName(key, "failed"),
        alarmKey: key,
        title: `Failed executions of pipeline ${key}`,
        pattern: pipelineFailedPattern(p.pipelineName),
    }));
    const { ecsTaskStateChanges: ecsTasks, autoScaling: asg } = cfg.events;
    // An `events` rule is named after its role and has its own failed-delivery alarm; none when not asked for.
    const events: Array<[field: keyof typeof cfg.events, role: string, title: string, pattern: object | undefined]> = [
        ["ecsTaskStateChanges", "ecs-task-stopped", "Stopped ECS tasks", ecsTasks && ecsTaskStoppedPattern(ecsTasks.clusterArns)],
        ["autoScaling", "autoscaling", "Auto Scaling launches and terminations", asg && autoScalingPattern(asg.groupNames)],
    ];
    for (const [field, role, title, pattern] of events)
        if (pattern) rules.push({ group: "events", path: `events.${field}`, role, alarmKey: role, title, pattern });
    return rules;
}
