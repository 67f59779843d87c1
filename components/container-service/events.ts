import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as scheduler from "@pulumi/aws/scheduler";
import * as sqs from "@pulumi/aws/sqs";
import { Statement, assumeRolePolicy, createRole, policyJson } from "../shared/iam";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import { ClusterResources, Ctx, RolePolicyResources, TaskResources, placement, roleChildren, rolePolicyResources } from "./context";
import type { ResolvedScheduledTask, ResolvedTask } from "./defaults";
import { deadLetterAlarm as createDeadLetterAlarm } from "./service";
import { tlsOnlyQueueStatement } from "../shared/queue";

/** What `createScheduledTask` made, besides the task definition the caller passed in. */
/** A scheduled task's children; `rolePolicies`: the invoke role's (`invoke-role-run-task`). */
export interface ScheduledTaskResources extends RolePolicyResources {
    /** The task definition with its roles, log group and security group. */
    task: TaskResources;
    /** The role EventBridge Scheduler and/or EventBridge assume to call `ecs:RunTask`. */
    invokeRole: iam.Role;
    /** The EventBridge Scheduler schedule, when the task has a `schedule`. */
    schedule?: scheduler.Schedule;
    /** The EventBridge rule, when the task has an `eventPattern`. */
    rule?: cloudwatch.EventRule;
    /** The rule's ECS target. */
    target?: cloudwatch.EventTarget;
    /** Schedules and events that could not start the task after every retry. */
    deadLetterQueue: sqs.Queue;
    /** Requests over TLS only; with an `eventPattern`, lets only the rule send to the dead-letter queue. */
    deadLetterQueuePolicy: sqs.QueuePolicy;
    /** Any message in the dead-letter queue: a run that never started. */
    deadLetterAlarm: cloudwatch.MetricAlarm;
}

/** How long EventBridge and Scheduler keep retrying a task that cannot start. */
const MAX_EVENT_AGE_SECONDS = 3600;
/** SQS's longest retention: time to notice and replay a failed event. */
const DLQ_RETENTION_SECONDS = 14 * 24 * 3600;

/**
 * The `RunTask` parameters Scheduler's `ecsParameters` and EventBridge's `ecsTarget` share (same field
 * names); standalone tasks' `runTasks` output too.
 */
export interface RunTaskParameters {
    taskDefinitionArn: pulumi.Input<string>;
    taskCount: number;
    /** Absent when `launchType` is given (a plain Fargate task on an existing cluster). */
    capacityProviderStrategies?: Array<{ capacityProvider: pulumi.Input<string>; weight: number; base: number }>;
    launchType?: "FARGATE";
    platformVersion?: string;
    networkConfiguration?: {
        subnets: pulumi.Input<pulumi.Input<string>[]>;
        securityGroups: pulumi.Input<string>[];
        assignPublicIp: boolean;
    };
    enableEcsManagedTags: boolean;
    propagateTags: string;
}

export function runTaskParameters(ctx: Ctx, task: ResolvedTask, cluster: ClusterResources, resources: TaskResources, taskCount: number): RunTaskParameters {
    const fargate = task.capacity !== "ec2";
    const awsvpc = task.networkMode === "awsvpc";
    if (awsvpc && !resources.securityGroup) throw new Error(`internal: awsvpc task ${ctx.name}-${task.name} has no security group`);
    return {
        taskDefinitionArn: resources.taskDefinition.arn,
        taskCount,
        // A strategy rather than a launch type, so Fargate Spot and the EC2 capacity provider apply (except on
        // an existing cluster, which may have no provider: see `placement`).
        ...placement(task, cluster),
        ...(fargate ? { platformVersion: task.platformVersion } : {}),
        ...(awsvpc
            ? {
                  networkConfiguration: {
                      subnets: ctx.cfg.vpc.privateSubnetIds,
                      securityGroups: [resources.securityGroup!.id],
                      // Private subnets reach the internet through the NAT gateway; a public IP there does nothing.
                      assignPublicIp: false,
                  },
              }
            : {}),
        enableEcsManagedTags: true,
        propagateTags: "TASK_DEFINITION",
    };
}

/** The invoke role's policy: run this family on this cluster, hand over exactly its two roles, tag what it starts. */
export function invokeStatements(ctx: Ctx, cluster: ClusterResources, resources: TaskResources): Statement[] {
    const arnPrefix = pulumi.interpolate`arn:${ctx.partition}:ecs:${ctx.region}:${ctx.accountId}`;
    return [
        {
            Sid: "RunOwnTaskFamily",
            Effect: "Allow",
            Action: "ecs:RunTask",
            // Any revision of the family: a new revision must not break the schedule between two updates.
            Resource: pulumi.interpolate`${arnPrefix}:task-definition/${resources.taskDefinition.family}:*`,
            Condition: { ArnEquals: { "ecs:cluster": cluster.arn } },
        },
        {
            Sid: "PassOwnTaskRoles",
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: [resources.executionRole.arn, resources.taskRole.arn],
            Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
        },
        {
            // Task ARNs are not known before RunTask: scoped to tasks RunTask itself creates.
            Sid: "TagStartedTasks",
            Effect: "Allow",
            Action: "ecs:TagResource",
            Resource: pulumi.interpolate`${arnPrefix}:task/*`,
            Condition: { StringEquals: { "ecs:CreateAction": "RunTask" } },
        },
    ];
}

/**
 * Runs a task definition (made by `createTask`) on a schedule (EventBridge Scheduler) and/or on an
 * EventBridge event pattern (a rule whose ECS target has a dead-letter queue), through one invoke
 * role trusted by whichever of the two services is used.
 */
export function createScheduledTask(
    ctx: Ctx,
    task: ResolvedScheduledTask,
    cluster: ClusterResources,
    resources: TaskResources,
    mounts: pulumi.Resource[] = [],
): ScheduledTaskResources {
    const base = childName(ctx.name, task.name);
    const t = ctx.cfg.transform;
    const principals = [
        ...(task.schedule !== undefined ? ["scheduler.amazonaws.com"] : []),
        ...(task.eventPattern !== undefined ? ["events.amazonaws.com"] : []),
    ];
    if (principals.length === 0) throw new Error(`internal: scheduled task ${base} has neither a schedule nor an event pattern`);

    // Events that could not start a task after every retry land here, from either source.
    const deadLetterQueue = create(
        sqs.Queue,
        fitName(childName(base, "dlq"), sqs.Queue),
        {
            sqsManagedSseEnabled: true,
            messageRetentionSeconds: DLQ_RETENTION_SECONDS,
            tags: ctx.tags,
        },
        ctx.opts,
        t.dlq,
    );

    // Without it a schedule that cannot start its task fails silently, every time.
    const deadLetterAlarm = createDeadLetterAlarm(ctx, base, deadLetterQueue, `${base}: runs that could not start after ${task.retries} retries`);

    const statements = invokeStatements(ctx, cluster, resources);
    if (task.schedule !== undefined) {
        // EventBridge Scheduler writes to the dead-letter queue with the schedule's own role.
        statements.push({ Sid: "ScheduleDeadLetters", Effect: "Allow", Action: "sqs:SendMessage", Resource: deadLetterQueue.arn });
    }
    const invoke = createRole(
        childName(base, "invoke-role"),
        {
            description: `EventBridge starts ${base}'s tasks with this role`,
            assumeRolePolicy: assumeRolePolicy(principals, { sourceAccount: ctx.accountId }),
            policies: { "run-task": statements },
            tags: ctx.tags,
        },
        ctx.opts,
        t.invokeRole,
        roleChildren(ctx),
    );
    const invokeRole = invoke.role;

    const ecsParameters = runTaskParameters(ctx, task, cluster, resources, task.taskCount);
    const retryPolicy = { maximumRetryAttempts: task.retries, maximumEventAgeInSeconds: MAX_EVENT_AGE_SECONDS };
    const deadLetterConfig = { arn: deadLetterQueue.arn };
    // RunTask with a capacity provider strategy fails until the cluster has the providers, and a task
    // with EFS volumes fails to mount until the mount targets and NFS ingress exist.
    const runOpts: pulumi.CustomResourceOptions = { ...ctx.opts, dependsOn: [...cluster.dependencies, ...mounts] };

    const schedule =
        task.schedule !== undefined
            ? create(
                  scheduler.Schedule,
                  fitName(childName(base, "schedule"), scheduler.Schedule),
                  {
                      description: `Runs ${base} on ${task.schedule}`,
                      scheduleExpression: task.schedule,
                      scheduleExpressionTimezone: task.timezone,
                      flexibleTimeWindow: { mode: "OFF" },
                      state: "ENABLED",
                      target: {
                          arn: cluster.arn,
                          roleArn: invoke.arn,
                          retryPolicy,
                          deadLetterConfig,
                          ecsParameters,
                      },
                  },
                  runOpts,
                  t.schedule,
              )
            : undefined;

    const dlqPolicy = (statements: Statement[]) =>
        create(
            sqs.QueuePolicy,
            childName(base, "dlq-policy"),
            { queueUrl: deadLetterQueue.url, policy: policyJson([...statements, tlsOnlyQueueStatement(deadLetterQueue.arn)]) },
            ctx.opts,
            t.queuePolicy,
        );
    if (task.eventPattern === undefined)
        return {
            task: resources,
            invokeRole,
            schedule,
            deadLetterQueue,
            deadLetterQueuePolicy: dlqPolicy([]),
            deadLetterAlarm,
            ...rolePolicyResources({ "invoke-role": invoke }),
        };

    const rule = create(
        cloudwatch.EventRule,
        fitName(childName(base, "rule"), cloudwatch.EventRule),
        {
            description: `Runs ${base} on matching events`,
            eventPattern: JSON.stringify(task.eventPattern),
            tags: ctx.tags,
        },
        ctx.opts,
        t.rule,
    );
    // EventBridge writes dead letters as the service: only this rule may (confused deputy).
    const sendFromRule: Statement = {
        Sid: "EventsFromOwnRule",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: deadLetterQueue.arn,
        Condition: { ArnEquals: { "aws:SourceArn": rule.arn } },
    };
    const deadLetterQueuePolicy = dlqPolicy([sendFromRule]);
    const target = create(
        cloudwatch.EventTarget,
        fitName(childName(base, "target"), cloudwatch.EventTarget),
        {
            rule: rule.name,
            arn: cluster.arn,
            roleArn: invoke.arn,
            ecsTarget: ecsParameters,
            retryPolicy,
            deadLetterConfig,
        },
        runOpts,
        t.target,
    );
    return {
        task: resources,
        invokeRole,
        schedule,
        rule,
        target,
        deadLetterQueue,
        deadLetterQueuePolicy,
        deadLetterAlarm,
        ...rolePolicyResources({ "invoke-role": invoke }),
    };
}
