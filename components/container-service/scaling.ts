import * as pulumi from "@pulumi/pulumi";
import * as appautoscaling from "@pulumi/aws/appautoscaling";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ecs from "@pulumi/aws/ecs";
import * as sqs from "@pulumi/aws/sqs";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { ClusterResources, Ctx } from "./context";
import { DEFAULTS, ResolvedScaling, scalesIn } from "./defaults";
import type { ServiceTarget } from "./load-balancer";

export interface ScalingResources {
    target: appautoscaling.Target;
    policies: Record<string, appautoscaling.Policy>;
    alarms: Record<string, cloudwatch.MetricAlarm>;
    schedules: Record<string, appautoscaling.ScheduledAction>;
}

/**
 * Application Auto Scaling of a service's desired count: target tracking (CPU, memory, ALB requests
 * per target, queue backlog per task), predictive scaling, step scaling on alarms (out or in), and
 * scheduled capacity.
 */
export function createScaling(
    ctx: Ctx,
    key: string,
    s: ResolvedScaling,
    cluster: Pick<ClusterResources, "name">,
    service: ecs.Service,
    lbTarget: ServiceTarget | undefined,
    queue: sqs.Queue | undefined,
): ScalingResources {
    const base = childName(ctx.name, key);
    const target = create(
        appautoscaling.Target,
        childName(base, "scaling"),
        {
            serviceNamespace: "ecs",
            scalableDimension: "ecs:service:DesiredCount",
            resourceId: pulumi.interpolate`service/${cluster.name}/${service.name}`,
            minCapacity: s.minCount,
            maxCapacity: s.maxCount,
        },
        ctx.opts,
        ctx.cfg.transform.scalingTarget,
    );
    const on = { resourceId: target.resourceId, scalableDimension: target.scalableDimension, serviceNamespace: target.serviceNamespace };
    const tracking = (role: string, targetValue: number, metric: Partial<appautoscaling.PolicyArgs["targetTrackingScalingPolicyConfiguration"]> & object) =>
        create(
            appautoscaling.Policy,
            fitName(childName(base, role), appautoscaling.Policy),
            {
                ...on,
                policyType: "TargetTrackingScaling",
                targetTrackingScalingPolicyConfiguration: {
                    targetValue,
                    scaleInCooldown: s.scaleInCooldownSeconds,
                    scaleOutCooldown: s.scaleOutCooldownSeconds,
                    ...metric,
                },
            },
            ctx.opts,
            ctx.cfg.transform.scalingPolicy,
        );

    const policies: Record<string, appautoscaling.Policy> = {};
    if (s.cpuTargetPercent !== undefined) {
        policies.cpu = tracking("cpu-scaling", s.cpuTargetPercent, {
            predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
        });
    }
    if (s.memoryTargetPercent !== undefined) {
        policies.memory = tracking("memory-scaling", s.memoryTargetPercent, {
            predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageMemoryUtilization" },
        });
    }
    if (s.requestsPerTarget !== undefined && lbTarget) {
        policies.requests = tracking("requests-scaling", s.requestsPerTarget, {
            predefinedMetricSpecification: {
                predefinedMetricType: "ALBRequestCountPerTarget",
                resourceLabel: pulumi.interpolate`${lbTarget.loadBalancer.arnSuffix}/${lbTarget.targetGroup.arnSuffix}`,
            },
        });
    }
    if (s.backlogPerTask !== undefined && queue) {
        // Backlog per task = visible messages / running tasks (metric math), the AWS-recommended
        // metric for queue workers: it scales with the work waiting, not with CPU.
        policies.backlog = tracking("backlog-scaling", s.backlogPerTask, {
            customizedMetricSpecification: {
                metrics: [
                    {
                        id: "visible",
                        returnData: false,
                        metricStat: {
                            metric: {
                                namespace: "AWS/SQS",
                                metricName: "ApproximateNumberOfMessagesVisible",
                                dimensions: [{ name: "QueueName", value: queue.name }],
                            },
                            stat: "Sum",
                        },
                    },
                    {
                        id: "tasks",
                        returnData: false,
                        metricStat: {
                            metric: {
                                namespace: "ECS/ContainerInsights",
                                metricName: "RunningTaskCount",
                                dimensions: [
                                    { name: "ClusterName", value: cluster.name },
                                    { name: "ServiceName", value: service.name },
                                ],
                            },
                            stat: "Average",
                        },
                    },
                    { id: "backlog", label: "Messages per task", expression: "visible / IF(tasks < 1, 1, tasks)", returnData: true },
                ],
            },
        });
    }
    if (s.predictive) {
        const p = s.predictive;
        // ECS predictive scaling (Nov 2024) takes a predefined metric pair; the load metric is the
        // service's total CPU or memory, the scaling metric its average utilization.
        // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/predictive-auto-scaling.html
        policies.predictive = create(
            appautoscaling.Policy,
            fitName(childName(base, "predictive-scaling"), appautoscaling.Policy),
            {
                ...on,
                policyType: "PredictiveScaling",
                predictiveScalingPolicyConfiguration: {
                    mode: p.mode,
                    schedulingBufferTime: p.schedulingBufferSeconds,
                    maxCapacityBreachBehavior: p.maxCapacityBehavior,
                    ...(p.maxCapacityBufferPercent !== undefined ? { maxCapacityBuffer: p.maxCapacityBufferPercent } : {}),
                    metricSpecifications: [
                        {
                            targetValue: String(p.targetPercent),
                            predefinedMetricPairSpecification: {
                                predefinedMetricType: p.metric === "cpu" ? "ECSServiceCPUUtilization" : "ECSServiceMemoryUtilization",
                            },
                        },
                    ],
                },
            },
            ctx.opts,
            ctx.cfg.transform.scalingPolicy,
        );
    }
    const alarms: Record<string, cloudwatch.MetricAlarm> = {};
    for (const [role, step] of Object.entries(s.steps)) {
        const policy = create(
            appautoscaling.Policy,
            fitName(childName(base, role, "step-scaling"), appautoscaling.Policy),
            {
                ...on,
                policyType: "StepScaling",
                stepScalingPolicyConfiguration: {
                    adjustmentType: step.adjustmentType,
                    cooldown: step.cooldownSeconds,
                    metricAggregationType: step.metricAggregation,
                    stepAdjustments: step.steps.map((x) => ({
                        ...(x.lower !== undefined ? { metricIntervalLowerBound: String(x.lower) } : {}),
                        ...(x.upper !== undefined ? { metricIntervalUpperBound: String(x.upper) } : {}),
                        scalingAdjustment: x.change,
                    })),
                },
            },
            ctx.opts,
            ctx.cfg.transform.scalingPolicy,
        );
        policies[`step-${role}`] = policy;
        const scaleIn = scalesIn(step);
        // A scaling policy ARN is a valid alarm action with no resource policy (unlike a Lambda action):
        // Application Auto Scaling then acts through its ECS service-linked role.
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
        alarms[role] = create(
            cloudwatch.MetricAlarm,
            fitName(childName(base, role, "step-alarm"), cloudwatch.MetricAlarm),
            {
                alarmDescription: `Scales ${base} ${scaleIn ? "in" : "out"} by steps`,
                namespace: step.metric.namespace,
                metricName: step.metric.metricName,
                dimensions: step.metric.dimensions,
                statistic: step.metric.statistic,
                period: step.metric.periodSeconds,
                evaluationPeriods: step.evaluationPeriods,
                threshold: step.threshold,
                comparisonOperator: step.comparison,
                alarmActions: [policy.arn],
                tags: ctx.tags,
            },
            ctx.opts,
            ctx.cfg.transform.scalingAlarm,
        );
    }
    const schedules: Record<string, appautoscaling.ScheduledAction> = {};
    for (const [role, sched] of Object.entries(s.schedules)) {
        schedules[role] = create(
            appautoscaling.ScheduledAction,
            fitName(childName(base, role, "scheduled-scaling"), appautoscaling.ScheduledAction),
            {
                ...on,
                schedule: sched.schedule,
                timezone: sched.timezone ?? DEFAULTS.ScheduledTaskArgs.timezone,
                scalableTargetAction: { minCapacity: sched.minCount, maxCapacity: sched.maxCount },
            },
            ctx.opts,
            ctx.cfg.transform.scheduledAction,
        );
    }
    return { target, policies, alarms, schedules };
}
