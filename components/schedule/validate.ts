import { Issue, Issues } from "../shared/errors";
import { checkDestination } from "../shared/destinations";
import { FUNCTION_TARGET_SHAPE, checkFunctionTarget } from "../shared/function-target";
import { checkShape, input, int, json, object, optional, record, string, transform, union } from "../shared/shape";
import { checkScheduleExpression, checkTags, checkTimeZone } from "../shared/validators";
import type { ScheduleArgs, ScheduleRetryArgs } from "./args";
import { normalize } from "./defaults";

/** EventBridge Scheduler's ranges (terraform-provider-aws internal/service/scheduler/schedule.go; API_RetryPolicy, API_FlexibleTimeWindow). */
export const SCHEDULE_LIMITS = {
    flexibleWindowMinutes: [1, 1440],
    maximumRetryAttempts: [0, 185],
    maximumEventAgeSeconds: [60, 86400],
    descriptionChars: 512,
} as const;

/** Schedule group names: 1–64 of [0-9A-Za-z_.-] (CreateScheduleGroup Name). */
const GROUP_NAME = /^[0-9A-Za-z_.-]{1,64}$/;

export const SCHEDULE_SHAPE = object<ScheduleArgs>()({
    expression: string(),
    timezone: optional(string()),
    function: FUNCTION_TARGET_SHAPE,
    flexibleWindowMinutes: optional(int()),
    retry: optional(object<ScheduleRetryArgs>()({ maximumRetryAttempts: optional(int()), maximumEventAgeSeconds: optional(int()) })),
    deadLetterQueueArn: optional(input(string())),
    deadLetterQueueKmsKeyArn: optional(input(string())),
    state: optional(string()),
    input: optional(record(json())),
    description: optional(string()),
    group: optional(union('"default", "create" or { name }', string(), object<{ name: string }>()({ name: string() }))),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<ScheduleArgs["transform"]>>()({ role: optional(transform()), group: optional(transform()), schedule: optional(transform()) }),
    ),
});

/** A Schedule's args: shape first, then `normalize`, then the value rules on the resolved values. */
export function validate(args: ScheduleArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, SCHEDULE_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkScheduleExpression(issues, "expression", cfg.expression);
    checkTimeZone(issues, "timezone", cfg.timezone);
    checkFunctionTarget(issues, "function", cfg.function, false);
    issues.int("flexibleWindowMinutes", cfg.flexibleWindowMinutes, ...SCHEDULE_LIMITS.flexibleWindowMinutes, " minutes");
    issues.int("retry.maximumRetryAttempts", cfg.retry.maximumRetryAttempts, ...SCHEDULE_LIMITS.maximumRetryAttempts);
    issues.int("retry.maximumEventAgeSeconds", cfg.retry.maximumEventAgeSeconds, ...SCHEDULE_LIMITS.maximumEventAgeSeconds, " seconds");
    if (cfg.deadLetterQueueArn !== undefined)
        checkDestination(
            issues,
            "deadLetterQueue",
            { type: "sqs", arn: cfg.deadLetterQueueArn, kmsKeyArn: cfg.deadLetterQueueKmsKeyArn },
            ["sqs"],
            "deadLetterQueueArn",
            "deadLetterQueueKmsKeyArn",
        );
    else if (cfg.deadLetterQueueKmsKeyArn !== undefined)
        issues.add("deadLetterQueueKmsKeyArn", cfg.deadLetterQueueKmsKeyArn, "is given without deadLetterQueueArn", "deadLetterQueueArn with it, or neither");
    issues.oneOf("state", cfg.state, ["ENABLED", "DISABLED"]);
    if (cfg.description !== undefined && (cfg.description.length === 0 || cfg.description.length > SCHEDULE_LIMITS.descriptionChars))
        issues.add("description", cfg.description, "has the wrong length", `1 to ${SCHEDULE_LIMITS.descriptionChars} characters`);
    if (typeof cfg.group === "string") issues.oneOf("group", cfg.group, ["default", "create"]);
    else issues.match("group.name", cfg.group.name, GROUP_NAME, "a schedule group name: 1 to 64 of letters, digits, '_', '.' and '-'");
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
