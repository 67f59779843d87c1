import type * as pulumi from "@pulumi/pulumi";

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
 * Tasks of these clusters that stopped, with ECS's `stoppedReason` and `stopCode`
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_task_events.html). ECS events are
 * delivered at least once, so a message can repeat.
 */
export function ecsTaskStoppedPattern(clusterArns: pulumi.Input<string>[]) {
    return {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: { clusterArn: clusterArns, lastStatus: ["STOPPED"] },
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
