import * as assert from "node:assert";
import { Schedule, ScheduleArgs } from "../../../components/schedule";
import { DEFAULTS, normalize } from "../../../components/schedule/defaults";
import { validate } from "../../../components/schedule/validate";
import { assertDefaultsDocumented } from "../../harness/docs";
import { itRefuses } from "../../harness/refusals";

const FN = { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:sweeper" };
const base: ScheduleArgs = { expression: "cron(0 3 * * ? *)", function: FN };
const with_ = (extra: Partial<ScheduleArgs>): ScheduleArgs => ({ ...base, ...extra });

describe("Schedule validation", () => {
    it("documents every optional argument's default as DEFAULTS holds it", () => {
        assertDefaultsDocumented("components/schedule/args.ts", DEFAULTS);
    });

    const cases: Array<{ title: string; args: ScheduleArgs; path: string; message: RegExp }> = [
        { title: "refuses a rate of 1 with a plural unit", args: with_({ expression: "rate(1 hours)" }), path: "expression", message: /singular/ },
        { title: "refuses a rate above 1 with a singular unit", args: with_({ expression: "rate(5 minute)" }), path: "expression", message: /singular/ },
        { title: "refuses a rate of 0", args: with_({ expression: "rate(0 minutes)" }), path: "expression", message: /below 1/ },
        { title: "refuses a rate in seconds", args: with_({ expression: "rate(30 seconds)" }), path: "expression", message: /not a schedule expression/ },
        { title: "refuses a five-field (Unix) cron", args: with_({ expression: "cron(0 3 * * *)" }), path: "expression", message: /5 cron fields, not 6/ },
        {
            title: "refuses a cron with '?' in neither day field",
            args: with_({ expression: "cron(0 3 * * * *)" }),
            path: "expression",
            message: /'\?' in exactly one/,
        },
        {
            title: "refuses a cron with '?' in both day fields",
            args: with_({ expression: "cron(0 3 ? * ? *)" }),
            path: "expression",
            message: /'\?' in exactly one/,
        },
        {
            title: "refuses an at() without seconds",
            args: with_({ expression: "at(2026-01-01T00:00)" }),
            path: "expression",
            message: /not a schedule expression/,
        },
        {
            title: "refuses a cron hour of 24 or more",
            args: with_({ expression: "cron(0 24 * * ? *)" }),
            path: "expression",
            message: /hours "24" out of range/,
        },
        {
            title: "refuses a cron day-of-week outside 1-7 and SUN-SAT",
            args: with_({ expression: "cron(0 3 ? * MON-8 *)" }),
            path: "expression",
            message: /day-of-week "MON-8" out of range/,
        },
        {
            title: "refuses an at() on a day the month does not have",
            args: with_({ expression: "at(2026-02-30T03:00:00)" }),
            path: "expression",
            message: /calendar date/,
        },
        { title: "refuses an at() at hour 24", args: with_({ expression: "at(2026-03-01T24:00:00)" }), path: "expression", message: /calendar date/ },
        { title: "refuses a time zone that is not IANA", args: with_({ timezone: "CET+1" }), path: "timezone", message: /IANA/ },
        {
            title: "refuses a flexible window of 0 minutes (OFF is its absence)",
            args: with_({ flexibleWindowMinutes: 0 }),
            path: "flexibleWindowMinutes",
            message: /1 to 1440 minutes/,
        },
        { title: "refuses a flexible window above a day", args: with_({ flexibleWindowMinutes: 1441 }), path: "flexibleWindowMinutes", message: /1 to 1440/ },
        {
            title: "refuses more than 185 retries",
            args: with_({ retry: { maximumRetryAttempts: 186 } }),
            path: "retry.maximumRetryAttempts",
            message: /0 to 185/,
        },
        {
            title: "refuses an event age below a minute",
            args: with_({ retry: { maximumEventAgeSeconds: 59 } }),
            path: "retry.maximumEventAgeSeconds",
            message: /60 to 86400/,
        },
        {
            title: "refuses an event age above a day",
            args: with_({ retry: { maximumEventAgeSeconds: 86401 } }),
            path: "retry.maximumEventAgeSeconds",
            message: /60 to 86400/,
        },
        {
            title: "refuses a dead-letter queue that is not an SQS queue",
            args: with_({ deadLetterQueueArn: "arn:aws:sns:us-east-1:123456789012:t" }),
            path: "deadLetterQueueArn",
            message: /an ARN of sqs/,
        },
        {
            title: "refuses a FIFO dead-letter queue",
            args: with_({ deadLetterQueueArn: "arn:aws:sqs:us-east-1:123456789012:dlq.fifo" }),
            path: "deadLetterQueueArn",
            message: /FIFO/,
        },
        {
            title: "refuses a dead-letter queue key that is an alias, not a key ARN",
            args: with_({ deadLetterQueueArn: "arn:aws:sqs:us-east-1:123456789012:dlq", deadLetterQueueKmsKeyArn: "alias/queues" }),
            path: "deadLetterQueueKmsKeyArn",
            message: /KMS key ARN/,
        },
        {
            title: "refuses a dead-letter queue key without a dead-letter queue",
            args: with_({ deadLetterQueueKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/0c3a9f9e-1b7a-4e6c-9a55-3f1f0e2d8c11" }),
            path: "deadLetterQueueKmsKeyArn",
            message: /without deadLetterQueueArn/,
        },
        { title: "refuses a state Scheduler does not have", args: with_({ state: "PAUSED" as never }), path: "state", message: /"ENABLED", "DISABLED"/ },
        { title: "refuses input that is not JSON data", args: with_({ input: { when: new Date() } as never }), path: "input.when", message: /./ },
        { title: "refuses a description over 512 characters", args: with_({ description: "x".repeat(513) }), path: "description", message: /1 to 512/ },
        { title: "refuses an unknown group mode", args: with_({ group: "mine" as never }), path: "group", message: /"default", "create"/ },
        { title: "refuses a group name with a slash", args: with_({ group: { name: "jobs/nightly" } }), path: "group.name", message: /schedule group name/ },
        {
            title: "refuses a target that is not a Lambda function",
            args: with_({ function: { functionArn: "arn:aws:sqs:us-east-1:123456789012:q" } }),
            path: "function.functionArn",
            message: /Lambda function ARN/,
        },
        { title: "refuses a missing expression", args: { function: FN } as never, path: "expression", message: /is required/ },
    ];
    itRefuses(cases, validate, (args) => new Schedule("nightly", args), /^Schedule "nightly": /);

    for (const expression of ["rate(1 hour)", "rate(5 minutes)", "rate(1 day)", "cron(0 3 * * ? *)", "cron(0/15 * ? * MON-FRI *)", "at(2026-12-31T23:59:00)"])
        it(`accepts ${expression}`, () => {
            assert.deepEqual(validate(with_({ expression })), []);
        });

    it("reports every invalid field at once", () => {
        const issues = validate(with_({ expression: "rate(1 hours)", timezone: "Mars/Olympus", flexibleWindowMinutes: 0 }));
        assert.deepEqual(
            issues.map((i) => i.path),
            ["expression", "timezone", "flexibleWindowMinutes"],
        );
    });

    it("accepts cron's special characters where AWS does: steps, ranges, lists, L, W, # and names", () => {
        for (const expression of [
            "cron(0/15 * * * ? *)",
            "cron(*/5 8-17 ? * MON,WED,FRI *)",
            "cron(0 9 ? * 2#1 *)",
            "cron(0 0 L * ? *)",
            "cron(0 0 ? * 6L *)",
            "cron(0 0 15W * ? *)",
            "cron(0 12 ? JAN-MAR SUN 2026-2030)",
        ])
            assert.deepEqual(validate(with_({ expression })), [], expression);
    });

    it("gives the same verdict on its own normalized args", () => {
        assert.deepEqual(validate(normalize(base)), []);
    });
});
