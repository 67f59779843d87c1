import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ecs from "@pulumi/aws/ecs";
import type * as sqs from "@pulumi/aws/sqs";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import { ClusterResources, Ctx, TaskResources, placement } from "./context";
import type { ResolvedService } from "./defaults";
import type { ServiceTarget } from "./load-balancer";
import type { QueueResources } from "./queue";
import { DeploymentResources, deploymentSettings, rollbackAlarmName, serviceRollbackAlarms } from "./deployment";

/** The ECS service: capacity strategy, networking, load balancer, deployment safety. */
export function createService(
    ctx: Ctx,
    key: string,
    svc: ResolvedService,
    cluster: ClusterResources,
    task: TaskResources,
    target: ServiceTarget | undefined,
    mounts: pulumi.Resource[] = [],
    volumeConfiguration?: ecs.ServiceArgs["volumeConfiguration"],
    serviceConnect?: ecs.ServiceArgs["serviceConnectConfiguration"],
): { service: ecs.Service; deployment?: DeploymentResources } {
    const fargate = svc.capacity !== "ec2";
    const lb = svc.loadBalancer;
    const deployment = deploymentSettings(ctx, key, svc, target);
    const service = create(
        ecs.Service,
        fitName(childName(ctx.name, key), ecs.Service),
        {
            cluster: cluster.arn,
            taskDefinition: task.taskDefinition.arn,
            desiredCount: svc.desiredCount,
            ...placement(svc, cluster),
            ...(fargate ? { platformVersion: svc.platformVersion } : {}),
            ...(svc.networkMode === "awsvpc"
                ? {
                      networkConfiguration: {
                          subnets: ctx.cfg.vpc.privateSubnetIds,
                          securityGroups: [task.securityGroup!.id],
                          // Security Hub ECS.2: tasks stay private; the load balancer is the way in.
                          assignPublicIp: false,
                      },
                  }
                : {}),
            ...(target && lb
                ? {
                      // The primary target first, then `additionalLoadBalancers` (ECS's multiple target groups); only the
                      // primary takes part in blue/green, linear and canary deployments.
                      loadBalancers: [target, ...(target.additional ?? [])].map((x, i) => ({
                          targetGroupArn: x.targetGroup.arn,
                          containerName: x.container,
                          containerPort: x.containerPort,
                          ...(i === 0 && deployment.advancedConfiguration ? { advancedConfiguration: deployment.advancedConfiguration } : {}),
                      })),
                      healthCheckGracePeriodSeconds: svc.healthCheckGracePeriodSeconds,
                  }
                : {}),
            ...deployment.args,
            // The provider refuses any change to `capacityProviderStrategies` on an existing service unless this is
            // true ("force_new_deployment should be true when capacity_provider_strategy is being updated",
            // https://github.com/hashicorp/terraform-provider-aws/pull/43533), and the strategy follows
            // cluster.defaultStrategy and the providers' names. Every update of the service then starts a deployment
            // (with its strategy: rolling, blue/green, linear or canary). Not under CODE_DEPLOY: ECS refuses to force
            // a deployment there (https://github.com/hashicorp/terraform-provider-aws/issues/13473), and the strategy
            // is CodeDeploy's to change (deployment.ts ignores it).
            ...(svc.deployment.controller === "code-deploy" ? {} : { forceNewDeployment: true }),
            deploymentMinimumHealthyPercent: svc.deployment.minimumHealthyPercent,
            deploymentMaximumPercent: svc.deployment.maximumPercent,
            enableExecuteCommand: svc.enableExecuteCommand,
            // The EBS volume the task definition leaves to launch time (volumes.ts).
            ...(volumeConfiguration ? { volumeConfiguration } : {}),
            ...(serviceConnect ? { serviceConnectConfiguration: serviceConnect } : {}),
            enableEcsManagedTags: true,
            propagateTags: "SERVICE",
            // EC2: spread across AZs first, then pack onto as few instances as memory allows.
            ...(fargate
                ? {}
                : {
                      orderedPlacementStrategies: [
                          { type: "spread", field: "attribute:ecs.availability-zone" },
                          { type: "binpack", field: "memory" },
                      ],
                  }),
            tags: ctx.tags,
        },
        {
            ...ctx.opts,
            // The capacity providers must be on the cluster, and the target group on a listener, first;
            // with EFS volumes, the mount targets and the NFS ingress too, or tasks fail to mount.
            dependsOn: [...cluster.dependencies, ...[target, ...(target?.additional ?? [])].flatMap((x) => x?.attachments ?? []), ...mounts],
            // With auto scaling, Application Auto Scaling owns the desired count.
            ...(svc.scaling || deployment.ignoreChanges.length
                ? { ignoreChanges: [...(svc.scaling ? ["desiredCount"] : []), ...deployment.ignoreChanges] }
                : {}),
        },
        ctx.cfg.transform.service,
    );
    return { service, deployment: deployment.resources };
}

/**
 * CPU and memory high; with a load balancer, target 5xx and unhealthy hosts; for a queue worker, any
 * message in the dead-letter queue. To the alarm topic when given.
 */
export function createAlarms(
    ctx: Ctx,
    key: string,
    svc: ResolvedService,
    cluster: Pick<ClusterResources, "name">,
    service: ecs.Service,
    target: ServiceTarget | undefined,
    queue: QueueResources | undefined,
): Record<string, cloudwatch.MetricAlarm> {
    const a = svc.alarms;
    if (!a) return {};
    const base = childName(ctx.name, key);
    // Alarms that fail the service's deployments carry the name the service was given for them.
    const rollback = new Set(serviceRollbackAlarms(ctx, svc, target));
    const alarm = (role: string, args: AlarmArgs) =>
        createAlarm(ctx, childName(base, role), rollback.has(role) ? { ...args, name: rollbackAlarmName(ctx, key, role) } : args);
    const serviceDims = { ClusterName: cluster.name, ServiceName: service.name };
    const alarms: Record<string, cloudwatch.MetricAlarm> = {
        cpu: alarm("cpu-high", {
            alarmDescription: `${base}: average CPU at or above ${a.cpuPercent}% for 3 of 5 minutes`,
            namespace: "AWS/ECS",
            metricName: "CPUUtilization",
            dimensions: serviceDims,
            statistic: "Average",
            period: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            threshold: a.cpuPercent,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
        }),
        memory: alarm("memory-high", {
            alarmDescription: `${base}: average memory at or above ${a.memoryPercent}% for 3 of 5 minutes`,
            namespace: "AWS/ECS",
            metricName: "MemoryUtilization",
            dimensions: serviceDims,
            statistic: "Average",
            period: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            threshold: a.memoryPercent,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
        }),
    };
    if (target) {
        const alb = ctx.cfg.loadBalancers[target.lbKey].type === "application";
        const lbDims = { LoadBalancer: target.loadBalancer.arnSuffix, TargetGroup: target.targetGroup.arnSuffix };
        if (alb) {
            alarms.http5xx = alarm("http-5xx", {
                alarmDescription: `${base}: ${a.http5xxPerMinute} or more target 5xx responses a minute, twice in a row`,
                namespace: "AWS/ApplicationELB",
                metricName: "HTTPCode_Target_5XX_Count",
                dimensions: lbDims,
                statistic: "Sum",
                period: 60,
                evaluationPeriods: 2,
                threshold: a.http5xxPerMinute,
                comparisonOperator: "GreaterThanOrEqualToThreshold",
            });
        }
        alarms.unhealthy = alarm("unhealthy-hosts", {
            alarmDescription: `${base}: unhealthy targets for 3 minutes`,
            namespace: alb ? "AWS/ApplicationELB" : "AWS/NetworkELB",
            metricName: "UnHealthyHostCount",
            dimensions: lbDims,
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: 3,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
        });
    }
    if (queue) {
        alarms.deadLetters = deadLetterAlarm(
            ctx,
            base,
            queue.deadLetterQueue,
            `${base}: messages failed ${svc.queue!.maxReceiveCount} times and wait in the dead-letter queue`,
        );
    }
    return alarms;
}

/** A metric alarm's own settings: the component adds its actions and tags. */
export type AlarmArgs = Omit<cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions" | "tags">;

/** A metric alarm named `name` that notifies the component's alarm topic (when given) on ALARM and OK. */
export function createAlarm(ctx: Ctx, name: string, args: AlarmArgs): cloudwatch.MetricAlarm {
    const actions = ctx.cfg.alarmTopicArn ? [ctx.cfg.alarmTopicArn] : [];
    return new cloudwatch.MetricAlarm(
        fitName(name, cloudwatch.MetricAlarm),
        {
            treatMissingData: "notBreaching",
            ...args,
            alarmActions: actions,
            okActions: actions,
            tags: ctx.tags,
        },
        ctx.opts,
    );
}

/** `<base>-dlq-messages`: any message waiting in a dead-letter queue is something that failed for good. */
export function deadLetterAlarm(ctx: Ctx, base: string, deadLetterQueue: sqs.Queue, description: string): cloudwatch.MetricAlarm {
    return createAlarm(ctx, childName(base, "dlq-messages"), {
        alarmDescription: description,
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: deadLetterQueue.name },
        statistic: "Maximum",
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        // SQS stops publishing a queue's metrics about six hours after its last activity, while the
        // failed messages still wait: "notBreaching" would turn the alarm OK (and notify OK) then.
        // "ignore" keeps the last state until a datapoint says otherwise
        // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html).
        treatMissingData: "ignore",
    });
}

/**
 * The URL of the primary target's listener (with its port unless the scheme's default), and for an ALB
 * service its first path; undefined on an existing listener, whose address the component does not know.
 */
export function serviceUrl(target: ServiceTarget | undefined, svc: ResolvedService): pulumi.Output<string> | undefined {
    if (!target || target.listenerPort === undefined) return undefined;
    const url = target.loadBalancer.listenerUrls[String(target.listenerPort)];
    if (target.loadBalancer.scheme === "tcp" || target.loadBalancer.scheme === "tls") return url;
    const first = svc.loadBalancer?.rule?.pathPatterns?.[0]?.replace(/\*.*$/, "") ?? "";
    return pulumi.interpolate`${url}${first.startsWith("/") ? first : ""}`;
}
