import * as assert from "node:assert";
import { LambdaFunction } from "../../../components/lambda-function";
import { Schedule, ScheduleArgs } from "../../../components/schedule";
import { Registry, build, json } from "../../../components/testing";
import { ENTRY } from "../lambda-function/fixtures";

const SCHEDULE = "aws:scheduler/schedule:Schedule";
const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/rolePolicy:RolePolicy";
const DLQ = "arn:aws:sqs:us-east-1:123456789012:sweeper-undelivered";

async function built(extra: Partial<ScheduleArgs> = {}, fnArgs: { alias?: { name: string } } = {}) {
    return build(() => {
        const sweeper = new LambdaFunction("sweeper", { entry: ENTRY, ...fnArgs });
        return new Schedule("nightly", { expression: "cron(0 3 * * ? *)", timezone: "Europe/Paris", function: sweeper, ...extra });
    });
}

describe("Schedule", () => {
    describe("a nightly cron invoking a LambdaFunction, with defaults", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await built());
        });

        it("schedules the cron in its time zone, on time, enabled, with Scheduler's retry policy, in the default group", () => {
            const fn = registry.one("aws:lambda/function:Function");
            const role = registry.one(ROLE, "nightly-role");
            registry.hasInputs(SCHEDULE, "nightly-schedule", {
                scheduleExpression: "cron(0 3 * * ? *)",
                scheduleExpressionTimezone: "Europe/Paris",
                flexibleTimeWindow: { mode: "OFF" },
                state: "ENABLED",
                groupName: undefined,
                target: {
                    arn: fn.outputs.arn,
                    roleArn: role.outputs.arn,
                    retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86400 },
                    deadLetterConfig: undefined,
                    input: undefined,
                },
            });
        });

        it("lets only Scheduler assume its role, for this account and the schedule's group (confused deputy)", () => {
            assert.deepEqual(json(registry.one(ROLE, "nightly-role").inputs.assumeRolePolicy).Statement, [
                {
                    Effect: "Allow",
                    Principal: { Service: "scheduler.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": "123456789012" },
                        ArnLike: { "aws:SourceArn": "arn:aws:scheduler:us-east-1:123456789012:schedule-group/default" },
                    },
                },
            ]);
        });

        it("may invoke that function and nothing else", () => {
            const fn = registry.one("aws:lambda/function:Function");
            assert.deepEqual(registry.statementsOf("nightly-role"), [
                { Sid: "InvokeTarget", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn.outputs.arn },
            ]);
        });

        it("adds no resource-based permission to the function (Scheduler invokes through its role)", () => {
            assert.deepEqual(registry.ofType("aws:lambda/permission:Permission"), []);
        });

        it("names the schedule within Scheduler's 64 characters", () => {
            const name = registry.one(SCHEDULE).outputs.name as string;
            assert.ok(name.length <= 64 && /^[0-9A-Za-z_.-]+$/.test(name), name);
        });
    });

    it("invokes the function's alias, and may invoke that alias only", async () => {
        const { registry } = await built({}, { alias: { name: "live" } });
        const alias = registry.one("aws:lambda/alias:Alias");
        registry.hasInputs(SCHEDULE, undefined, { target: { arn: alias.outputs.arn } });
        assert.deepEqual(
            registry.statementsOf("nightly-role").map((s) => s.Resource),
            [alias.outputs.arn],
        );
    });

    it("sends undeliverable events to the dead-letter queue, which the role may send to and nothing else", async () => {
        const { registry } = await built({ deadLetterQueueArn: DLQ, retry: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 } });
        registry.hasInputs(SCHEDULE, undefined, {
            target: { deadLetterConfig: { arn: DLQ }, retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 } },
        });
        assert.deepEqual(json(registry.one(POLICY, "nightly-role-dead-letter").inputs.policy).Statement, [
            { Sid: "SendFailureRecords", Effect: "Allow", Action: "sqs:SendMessage", Resource: DLQ },
        ]);
    });

    it("lets the role encrypt for a dead-letter queue under a customer managed key, through SQS only", async () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/0c3a9f9e-1b7a-4e6c-9a55-3f1f0e2d8c11";
        const { registry } = await built({ deadLetterQueueArn: DLQ, deadLetterQueueKmsKeyArn: key });
        assert.deepEqual(json(registry.one(POLICY, "nightly-role-dead-letter").inputs.policy).Statement, [
            { Sid: "SendFailureRecords", Effect: "Allow", Action: "sqs:SendMessage", Resource: DLQ },
            {
                Sid: "EncryptFailureRecords",
                Effect: "Allow",
                Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                Resource: key,
                Condition: { StringLike: { "kms:ViaService": "sqs.*.amazonaws.com" } },
            },
        ]);
    });

    it("creates its own group when asked, and trusts Scheduler for that group only", async () => {
        const { registry } = await built({ group: "create" });
        const group = registry.one("aws:scheduler/scheduleGroup:ScheduleGroup", "nightly-group");
        registry.hasInputs(SCHEDULE, undefined, { groupName: group.outputs.name });
        const trust = json(registry.one(ROLE, "nightly-role").inputs.assumeRolePolicy).Statement[0];
        assert.equal(trust.Condition.ArnLike["aws:SourceArn"], `arn:aws:scheduler:us-east-1:123456789012:schedule-group/${group.outputs.name}`);
    });

    it("joins an existing group by name", async () => {
        const { registry } = await built({ group: { name: "jobs" } });
        registry.hasInputs(SCHEDULE, undefined, { groupName: "jobs" });
        const trust = json(registry.one(ROLE, "nightly-role").inputs.assumeRolePolicy).Statement[0];
        assert.equal(trust.Condition.ArnLike["aws:SourceArn"], "arn:aws:scheduler:us-east-1:123456789012:schedule-group/jobs");
        assert.deepEqual(registry.ofType("aws:scheduler/scheduleGroup:ScheduleGroup"), []);
    });

    it("passes a flexible window, the disabled state, a description and the input as JSON text", async () => {
        const { registry } = await built({ flexibleWindowMinutes: 15, state: "DISABLED", input: { job: "sweep", days: 30 }, description: "Sweeps" });
        registry.hasInputs(SCHEDULE, undefined, {
            flexibleTimeWindow: { mode: "FLEXIBLE", maximumWindowInMinutes: 15 },
            state: "DISABLED",
            description: "Sweeps",
            target: { input: '{"job":"sweep","days":30}' },
        });
    });

    it("invokes a function given by ARN", async () => {
        const arn = "arn:aws:lambda:us-east-1:123456789012:function:elsewhere";
        const { registry } = await build(() => new Schedule("hourly", { expression: "rate(1 hour)", function: { functionArn: arn } }));
        registry.hasInputs(SCHEDULE, undefined, { scheduleExpression: "rate(1 hour)", scheduleExpressionTimezone: "UTC", target: { arn } });
        assert.deepEqual(
            registry.statementsOf("hourly-role").map((s) => s.Resource),
            [arn],
        );
    });
});
