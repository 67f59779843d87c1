import type { FunctionTarget } from "../shared/function-target";
import type { ScheduleArgs } from "./args";

/** The one source of Schedule's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    ScheduleArgs: {
        timezone: "UTC",
        state: "ENABLED" as "ENABLED" | "DISABLED",
        group: "default" as NonNullable<ScheduleArgs["group"]>,
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<ScheduleArgs["transform"]>,
    },
    // Scheduler's own defaults (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html).
    ScheduleRetryArgs: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86400 },
};

export interface ResolvedSchedule {
    expression: string;
    timezone: string;
    function: FunctionTarget;
    flexibleWindowMinutes?: number;
    retry: { maximumRetryAttempts: number; maximumEventAgeSeconds: number };
    deadLetterQueueArn?: ScheduleArgs["deadLetterQueueArn"];
    deadLetterQueueKmsKeyArn?: ScheduleArgs["deadLetterQueueKmsKeyArn"];
    state: "ENABLED" | "DISABLED";
    input?: Record<string, unknown>;
    description?: string;
    group: NonNullable<ScheduleArgs["group"]>;
    tags: Record<string, string>;
    transform: NonNullable<ScheduleArgs["transform"]>;
}

/** Fills every default. Call after the shape check. */
export function normalize(args: ScheduleArgs): ResolvedSchedule {
    const d = DEFAULTS.ScheduleArgs;
    return {
        expression: args.expression,
        timezone: args.timezone ?? d.timezone,
        function: args.function,
        flexibleWindowMinutes: args.flexibleWindowMinutes,
        retry: {
            maximumRetryAttempts: args.retry?.maximumRetryAttempts ?? DEFAULTS.ScheduleRetryArgs.maximumRetryAttempts,
            maximumEventAgeSeconds: args.retry?.maximumEventAgeSeconds ?? DEFAULTS.ScheduleRetryArgs.maximumEventAgeSeconds,
        },
        deadLetterQueueArn: args.deadLetterQueueArn,
        deadLetterQueueKmsKeyArn: args.deadLetterQueueKmsKeyArn,
        state: args.state ?? d.state,
        input: args.input,
        description: args.description,
        group: args.group ?? d.group,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
