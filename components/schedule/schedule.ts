import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as scheduler from "@pulumi/aws/scheduler";
import { destinationStatements } from "../shared/destinations";
import { ArgsError } from "../shared/errors";
import { resolveTarget } from "../shared/function-target";
import { RoleResources, Statement, assumeRolePolicy, createRole } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import type { ScheduleArgs } from "./args";
import { ResolvedSchedule, normalize } from "./defaults";
import { validate } from "./validate";

export interface ScheduleResources {
    /** The role Scheduler assumes to invoke the function (inline policy `invoke`, and `dead-letter` with a DLQ). */
    role: RoleResources;
    /** The schedule group, with `group: "create"`. */
    group?: scheduler.ScheduleGroup;
    schedule: scheduler.Schedule;
}

/**
 * An EventBridge Scheduler schedule invoking a Lambda function: a rate, a cron expression in a time
 * zone, or a single time, with an optional flexible window, delivery retries and a dead-letter queue.
 * Scheduler invokes through the schedule's own role (trusting `scheduler.amazonaws.com` for this
 * account and schedule group only), which may invoke that function (or alias) and send to that queue,
 * nothing else; the function needs no resource-based policy. Scheduler invokes the function
 * asynchronously, so the function's own retries and failure destination (LambdaFunction `async`)
 * apply after delivery (https://docs.aws.amazon.com/lambda/latest/dg/with-eventbridge-scheduler.html).
 *
 * @example
 * const sweeper = new LambdaFunction("sweeper", { entry: "functions/sweeper/index.ts" });
 * new Schedule("nightly-sweep", { expression: "cron(0 3 * * ? *)", timezone: "Europe/Paris", function: sweeper });
 *
 * **Cost**: $1.00 per million invocations after 14 million free a month, so a nightly schedule
 * (31 a month) and even `rate(1 minute)` (44,640) cost nothing; the function bills as LambdaFunction
 * says. Groups and roles are free (us-east-1 prices).
 */
export class Schedule extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "Schedule");

    readonly scheduleArn: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;
    readonly resources: ScheduleResources;

    constructor(name: string, args: ScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("Schedule", name, issues);
        super(Schedule.type, name, args, opts);

        const cfg = normalize(args);
        const child = { parent: this };
        const tags = componentTags(Schedule.type, name, cfg.tags);
        const target = resolveTarget(cfg.function);

        const group =
            cfg.group === "create"
                ? create(scheduler.ScheduleGroup, fitName(childName(name, "group"), scheduler.ScheduleGroup), { tags }, child, cfg.transform.group)
                : undefined;
        const groupName: pulumi.Input<string> = group ? group.name : typeof cfg.group === "string" ? "default" : cfg.group.name;
        const role = createScheduleRole(name, cfg, target.invokeArn, groupName, tags, child);
        const schedule = create(
            scheduler.Schedule,
            fitName(childName(name, "schedule"), scheduler.Schedule),
            {
                description: cfg.description,
                // The default group is the one Scheduler uses when none is named.
                groupName: cfg.group === "default" ? undefined : groupName,
                scheduleExpression: cfg.expression,
                scheduleExpressionTimezone: cfg.timezone,
                flexibleTimeWindow:
                    cfg.flexibleWindowMinutes === undefined ? { mode: "OFF" } : { mode: "FLEXIBLE", maximumWindowInMinutes: cfg.flexibleWindowMinutes },
                state: cfg.state,
                target: {
                    arn: target.invokeArn,
                    // Resolved once the role's policies exist: Scheduler checks nothing at creation, but
                    // the first invocation must find them.
                    roleArn: role.arn,
                    input: cfg.input === undefined ? undefined : JSON.stringify(cfg.input),
                    retryPolicy: { maximumRetryAttempts: cfg.retry.maximumRetryAttempts, maximumEventAgeInSeconds: cfg.retry.maximumEventAgeSeconds },
                    deadLetterConfig: cfg.deadLetterQueueArn === undefined ? undefined : { arn: cfg.deadLetterQueueArn },
                },
            },
            child,
            cfg.transform.schedule,
        );

        this.scheduleArn = schedule.arn;
        this.roleArn = role.role.arn;
        this.resources = { role, group, schedule };
        this.registerOutputs({ scheduleArn: this.scheduleArn, roleArn: this.roleArn });
    }
}

function createScheduleRole(
    name: string,
    cfg: ResolvedSchedule,
    functionArn: pulumi.Input<string>,
    groupName: pulumi.Input<string>,
    tags: Record<string, string>,
    child: pulumi.CustomResourceOptions,
): RoleResources {
    const account = getCallerIdentityOutput({}, child).accountId;
    const region = getRegionOutput({}, child).region;
    const partition = getPartitionOutput({}, child).partition;
    // Exactly what is invoked: the unqualified ARN covers $LATEST only, an alias ARN that alias only.
    const invoke: Statement[] = [{ Sid: "InvokeTarget", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: functionArn }];
    return createRole(
        childName(name, "role"),
        {
            description: `Role EventBridge Scheduler assumes for the schedule ${name}`,
            // AWS's confused-deputy guidance for Scheduler: this account, and this schedule group (not a
            // schedule: the group ARN is what Scheduler presents)
            // (https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html).
            assumeRolePolicy: assumeRolePolicy("scheduler.amazonaws.com", {
                sourceAccount: account,
                sourceArnLike: pulumi.interpolate`arn:${partition}:scheduler:${region}:${account}:schedule-group/${groupName}`,
            }),
            policies: {
                invoke,
                "dead-letter": cfg.deadLetterQueueArn === undefined ? [] : destinationStatements("sqs", cfg.deadLetterQueueArn, cfg.deadLetterQueueKmsKeyArn),
            },
            tags,
        },
        child,
        cfg.transform.role,
    );
}
