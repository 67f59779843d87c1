import type * as iam from "@pulumi/aws/iam";
import type * as scheduler from "@pulumi/aws/scheduler";
import type * as pulumi from "@pulumi/pulumi";
import type { FunctionTarget } from "../shared/function-target";
import type { Transform } from "../shared/transform";

/** How often Scheduler retries a failed delivery to the function, and for how long. */
export interface ScheduleRetryArgs {
    /**
     * Delivery retries (0–185) after a failed invocation call (throttling, an unavailable service).
     * Errors inside the function are the function's asynchronous retries (LambdaFunction `async`).
     * @default 185
     */
    maximumRetryAttempts?: number;
    /**
     * Seconds an undelivered event is kept retrying (60–86400).
     * @default 86400
     */
    maximumEventAgeSeconds?: number;
}

export interface ScheduleArgs {
    /**
     * When to invoke: `rate(<n> minute|minutes|hour|hours|day|days)` (singular for 1), `cron(<minutes>
     * <hours> <day-of-month> <month> <day-of-week> <year>)` (six fields, `?` in exactly one of the two
     * day fields), or `at(yyyy-mm-ddThh:mm:ss)` once
     * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html).
     * @example "cron(0 3 * * ? *)"
     */
    expression: string;
    /**
     * The IANA time zone `cron` and `at` are read in (daylight saving is followed).
     * @default "UTC"
     */
    timezone?: string;
    /**
     * The function to invoke: a `LambdaFunction` (its alias when it has one), or `{ functionArn }` for
     * one created elsewhere. Scheduler invokes it through the schedule's role: no resource policy on the function.
     * @example sweeper
     */
    function: FunctionTarget;
    /**
     * Minutes (1–1440) within which Scheduler may invoke after the scheduled time, to spread load.
     * @default - OFF (on time)
     */
    flexibleWindowMinutes?: number;
    /**
     * Scheduler's retries of a failed delivery.
     * @default - Scheduler's: 185 retries over at most 24 hours
     * @example { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 }
     */
    retry?: ScheduleRetryArgs;
    /**
     * A standard SQS queue's ARN for events Scheduler could not deliver; the role may send there only.
     * Scheduler takes no FIFO queue here (https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html).
     * @default - undelivered events are dropped
     */
    deadLetterQueueArn?: pulumi.Input<string>;
    /**
     * With `deadLetterQueueArn`: the customer managed KMS key that queue is encrypted with. Scheduler
     * sends to the queue with the schedule's role, which then needs `kms:GenerateDataKey` and
     * `kms:Decrypt` on the key (through SQS only), or the dead-letter event is lost
     * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
     * @default - the queue is unencrypted or uses SSE-SQS (nothing to grant)
     */
    deadLetterQueueKmsKeyArn?: pulumi.Input<string>;
    /**
     * `DISABLED` keeps the schedule without invoking.
     * @default "ENABLED"
     */
    state?: "ENABLED" | "DISABLED";
    /**
     * The event the function receives, as JSON data (Scheduler requires well-formed JSON for a Lambda
     * target, https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html).
     * @default - no input: Scheduler delivers its default notification
     * @example { job: "sweep", olderThanDays: 30 }
     */
    input?: Record<string, unknown>;
    /** What the schedule is for (at most 512 characters). @default - none */
    description?: string;
    /**
     * The schedule group: `default` (the account's), `create` (a group of the component's own, to
     * tag and delete with it), or `{ name }` of an existing group. The role trusts Scheduler only for that group.
     * @default "default"
     */
    group?: "default" | "create" | { name: string };
    /** Tags for the role and the group (schedules take no tags). @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `role` (the schedule's role), `group` (the created group),
     * `schedule`.
     * @default {}
     */
    transform?: {
        role?: Transform<iam.RoleArgs>;
        group?: Transform<scheduler.ScheduleGroupArgs>;
        schedule?: Transform<scheduler.ScheduleArgs>;
    };
}
