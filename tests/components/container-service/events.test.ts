import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as ecs from "@pulumi/aws/ecs";
import type { ContainerServiceArgs, ScheduledTaskArgs } from "../../../components/container-service/args";
import type { ClusterResources } from "../../../components/container-service/context";
import { createScheduledTask } from "../../../components/container-service/events";
import { createTask } from "../../../components/container-service/task";
import { Registry, build, json } from "../../../components/testing";
import { testCtx } from "./ctx";

const SCHEDULE = "aws:scheduler/schedule:Schedule";
const ROLE = "aws:iam/role:Role";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";

const PRIVATE_SUBNETS = ["subnet-0private0000000a", "subnet-0private0000000b"];
const PATTERN = { source: ["aws.s3"], "detail-type": ["Object Created"], detail: { bucket: { name: ["uploads"] } } };

/** Builds one scheduled task `job` of component `batch` the way the component would, without the component. */
function program(task: Partial<ScheduledTaskArgs>, extra: Partial<ContainerServiceArgs> = {}) {
    const name = "batch";
    const ctx = testCtx(name, {
        vpc: { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: PRIVATE_SUBNETS },
        scheduledTasks: { job: { containers: { job: { image: "unused" } }, ...task } },
        ...extra,
    });
    const { cfg, parent } = ctx;
    const clusterResource = new ecs.Cluster(`${name}-cluster`, {}, { parent });
    const capacityProviders = new ecs.ClusterCapacityProviders(
        `${name}-capacity-providers`,
        {
            clusterName: clusterResource.name,
            capacityProviders: ["FARGATE", "FARGATE_SPOT"],
        },
        { parent },
    );
    const cluster: ClusterResources = {
        cluster: clusterResource,
        arn: clusterResource.arn,
        name: clusterResource.name,
        capacityProviders,
        dependencies: [capacityProviders],
        ec2CapacityProviderName: pulumi.output(`${name}-ec2`),
        ec2CapacityProviders: {},
    };
    const resolved = cfg.scheduledTasks.job;
    const resources = createTask(ctx, resolved, { images: { job: "public.ecr.aws/docker/library/busybox:1.36" }, pullRepositoryArns: [] });
    return createScheduledTask(ctx, resolved, cluster, resources);
}

const run = async (task: Partial<ScheduledTaskArgs>, extra?: Partial<ContainerServiceArgs>): Promise<Registry> =>
    (await build(() => program(task, extra))).registry;

const cron = { schedule: "cron(0 3 * * ? *)", timezone: "Europe/Paris" };

describe("ContainerService scheduled tasks (events.ts)", () => {
    describe("on a schedule", () => {
        it("creates a Schedule with the expression, time zone, no flexible window and the retry policy", async () => {
            const registry = await run({ ...cron, retries: 5 });
            const schedule = registry.one(SCHEDULE, "batch-job-schedule");
            assert.equal(schedule.inputs.scheduleExpression, "cron(0 3 * * ? *)");
            assert.equal(schedule.inputs.scheduleExpressionTimezone, "Europe/Paris");
            assert.deepEqual(schedule.inputs.flexibleTimeWindow, { mode: "OFF" });
            assert.equal(schedule.inputs.state, "ENABLED");
            assert.deepEqual(schedule.inputs.target.retryPolicy, { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 3600 });
        });

        it("defaults to UTC and two retries", async () => {
            const schedule = (await run({ schedule: "rate(1 hour)" })).one(SCHEDULE);
            assert.equal(schedule.inputs.scheduleExpressionTimezone, "UTC");
            assert.equal(schedule.inputs.target.retryPolicy.maximumRetryAttempts, 2);
        });

        it("runs one task of the task definition on the cluster, with managed tags propagated from the task definition", async () => {
            const registry = await run(cron);
            const target = registry.one(SCHEDULE).inputs.target;
            assert.equal(target.arn, registry.one("aws:ecs/cluster:Cluster").outputs.arn);
            const ecsParameters = target.ecsParameters;
            assert.equal(ecsParameters.taskDefinitionArn, registry.one("aws:ecs/taskDefinition:TaskDefinition").outputs.arn);
            assert.equal(ecsParameters.taskCount, 1);
            assert.equal(ecsParameters.enableEcsManagedTags, true);
            assert.equal(ecsParameters.propagateTags, "TASK_DEFINITION");
            assert.equal(ecsParameters.launchType, undefined);
        });

        it("uses the FARGATE_SPOT capacity provider for a fargate-spot task", async () => {
            const ecsParameters = (await run({ ...cron, capacity: "fargate-spot" })).one(SCHEDULE).inputs.target.ecsParameters;
            assert.deepEqual(ecsParameters.capacityProviderStrategies, [
                { capacityProvider: "FARGATE", weight: 0, base: 0 },
                { capacityProvider: "FARGATE_SPOT", weight: 1, base: 0 },
            ]);
            assert.equal(ecsParameters.platformVersion, "LATEST");
        });

        it("places awsvpc tasks in the private subnets with the task's security group and no public IP", async () => {
            const registry = await run(cron);
            const sg = registry.one("aws:ec2/securityGroup:SecurityGroup", "batch-job-sg");
            assert.deepEqual(registry.one(SCHEDULE).inputs.target.ecsParameters.networkConfiguration, {
                subnets: PRIVATE_SUBNETS,
                securityGroups: [sg.id],
                assignPublicIp: false,
            });
        });

        it("gives a bridge-mode EC2 task the EC2 capacity provider and neither a network configuration nor a platform version", async () => {
            const ecsParameters = (await run({ ...cron, capacity: "ec2", networkMode: "bridge" })).one(SCHEDULE).inputs.target.ecsParameters;
            assert.deepEqual(ecsParameters.capacityProviderStrategies, [{ capacityProvider: "batch-ec2", weight: 1, base: 0 }]);
            assert.equal(ecsParameters.networkConfiguration, undefined);
            assert.equal(ecsParameters.platformVersion, undefined);
        });

        it("starts tasks with the invoke role", async () => {
            const registry = await run(cron);
            assert.equal(registry.one(SCHEDULE).inputs.target.roleArn, registry.one(ROLE, "batch-job-invoke-role").outputs.arn);
        });

        it("waits for the cluster's capacity providers", async () => {
            const registry = await run({ ...cron, capacity: "fargate-spot" });
            assert.ok(registry.one(SCHEDULE).dependencies.includes(registry.one("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders").urn));
        });

        it("creates no rule or target", async () => {
            const registry = await run(cron);
            assert.deepEqual(
                [RULE, TARGET].map((t) => registry.ofType(t).length),
                [0, 0],
            );
        });

        it("refuses requests to the dead-letter queue that are not over TLS, and grants nothing in its policy", async () => {
            const registry = await run(cron);
            const dlq = registry.one(QUEUE);
            const policy = registry.one(QUEUE_POLICY, "batch-job-dlq-policy");
            assert.equal(policy.inputs.queueUrl, dlq.outputs.url);
            assert.deepEqual(json(policy.inputs.policy).Statement, [
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "sqs:*",
                    Resource: dlq.outputs.arn,
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ]);
        });

        it("sends what it could not start to an encrypted dead-letter queue, written with its own role", async () => {
            const registry = await run(cron);
            const dlq = registry.one(QUEUE, "batch-job-dlq");
            assert.equal(dlq.inputs.sqsManagedSseEnabled, true);
            assert.deepEqual(registry.one(SCHEDULE).inputs.target.deadLetterConfig, { arn: dlq.outputs.arn });
            const policy = json(registry.policiesOf("batch-job-invoke-role")[0].policy);
            assert.deepEqual(
                policy.Statement.find((s: any) => s.Sid === "ScheduleDeadLetters"),
                { Sid: "ScheduleDeadLetters", Effect: "Allow", Action: "sqs:SendMessage", Resource: dlq.outputs.arn },
            );
        });

        it("applies transform.schedule to the schedule's args", async () => {
            const registry = await run(cron, { transform: { schedule: { state: "DISABLED" } } });
            assert.equal(registry.one(SCHEDULE).inputs.state, "DISABLED");
        });

        it("makes the schedule a child of the parent", async () => {
            const registry = await run(cron);
            assert.equal(registry.one(SCHEDULE).parent, registry.one("aws-platform:test:Parent").urn);
        });
    });

    describe("the invoke role", () => {
        it("trusts only scheduler.amazonaws.com, from this account, for a schedule-only task", async () => {
            const trust = json((await run(cron)).one(ROLE, "batch-job-invoke-role").inputs.assumeRolePolicy);
            assert.equal(trust.Statement.length, 1);
            assert.deepEqual(trust.Statement[0].Principal, { Service: ["scheduler.amazonaws.com"] });
            assert.equal(trust.Statement[0].Action, "sts:AssumeRole");
            assert.deepEqual(trust.Statement[0].Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
        });

        it("trusts only events.amazonaws.com for an event-only task", async () => {
            const trust = json((await run({ eventPattern: PATTERN })).one(ROLE, "batch-job-invoke-role").inputs.assumeRolePolicy);
            assert.deepEqual(trust.Statement[0].Principal, { Service: ["events.amazonaws.com"] });
        });

        it("is one role trusting both principals when the task has a schedule and an event pattern", async () => {
            const registry = await run({ ...cron, eventPattern: PATTERN });
            const trust = json(registry.one(ROLE, "batch-job-invoke-role").inputs.assumeRolePolicy);
            assert.deepEqual(trust.Statement[0].Principal.Service.sort(), ["events.amazonaws.com", "scheduler.amazonaws.com"]);
        });

        it("passes exactly the task's execution and task roles, only to ECS tasks", async () => {
            const registry = await run(cron);
            const policy = json(registry.policiesOf("batch-job-invoke-role")[0].policy);
            const pass = policy.Statement.filter((s: any) => s.Action === "iam:PassRole");
            assert.equal(pass.length, 1);
            const expected = [registry.one(ROLE, "batch-job-execution-role").outputs.arn, registry.one(ROLE, "batch-job-task-role").outputs.arn];
            assert.deepEqual([...pass[0].Resource].sort(), expected.sort());
            assert.deepEqual(pass[0].Condition, { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
        });

        it("scopes RunTask to the task definition's family and to the cluster", async () => {
            const registry = await run(cron);
            const policy = json(registry.policiesOf("batch-job-invoke-role")[0].policy);
            const runTask = policy.Statement.find((s: any) => s.Action === "ecs:RunTask");
            assert.equal(runTask.Resource, "arn:aws:ecs:us-east-1:123456789012:task-definition/batch-job-abc1234:*");
            assert.deepEqual(runTask.Condition, { ArnEquals: { "ecs:cluster": registry.one("aws:ecs/cluster:Cluster").outputs.arn } });
        });

        it("may tag only the tasks RunTask creates", async () => {
            const policy = json((await run(cron)).policiesOf("batch-job-invoke-role")[0].policy);
            const tag = policy.Statement.find((s: any) => s.Action === "ecs:TagResource");
            assert.equal(tag.Resource, "arn:aws:ecs:us-east-1:123456789012:task/*");
            assert.deepEqual(tag.Condition, { StringEquals: { "ecs:CreateAction": "RunTask" } });
        });

        it("allows no wildcard action", async () => {
            const policy = json((await run({ ...cron, eventPattern: PATTERN })).policiesOf("batch-job-invoke-role")[0].policy);
            const actions = policy.Statement.flatMap((s: any) => [s.Action].flat());
            assert.deepEqual(actions, ["ecs:RunTask", "iam:PassRole", "ecs:TagResource", "sqs:SendMessage"]);
        });
    });

    describe("on an event pattern", () => {
        it("creates a rule whose event pattern parses back to the given pattern", async () => {
            const rule = (await run({ eventPattern: PATTERN })).one(RULE, "batch-job-rule");
            assert.deepEqual(json(rule.inputs.eventPattern), PATTERN);
        });

        it("targets the cluster from the rule with the invoke role and the task's run parameters", async () => {
            const registry = await run({ eventPattern: PATTERN, capacity: "fargate-spot" });
            const target = registry.one(TARGET, "batch-job-target");
            assert.equal(target.inputs.rule, registry.one(RULE).outputs.name);
            assert.equal(target.inputs.arn, registry.one("aws:ecs/cluster:Cluster").outputs.arn);
            assert.equal(target.inputs.roleArn, registry.one(ROLE, "batch-job-invoke-role").outputs.arn);
            const ecsTarget = target.inputs.ecsTarget;
            assert.equal(ecsTarget.taskDefinitionArn, registry.one("aws:ecs/taskDefinition:TaskDefinition").outputs.arn);
            assert.equal(ecsTarget.taskCount, 1);
            assert.deepEqual(
                ecsTarget.capacityProviderStrategies.map((s: any) => s.capacityProvider),
                ["FARGATE", "FARGATE_SPOT"],
            );
            assert.equal(ecsTarget.platformVersion, "LATEST");
            assert.deepEqual(ecsTarget.networkConfiguration, {
                subnets: PRIVATE_SUBNETS,
                securityGroups: [registry.one("aws:ec2/securityGroup:SecurityGroup").id],
                assignPublicIp: false,
            });
            assert.equal(ecsTarget.enableEcsManagedTags, true);
            assert.equal(ecsTarget.propagateTags, "TASK_DEFINITION");
        });

        it("retries the target and sends undeliverable events to an encrypted dead-letter queue kept 14 days", async () => {
            const registry = await run({ eventPattern: PATTERN, retries: 0 });
            const target = registry.one(TARGET);
            const dlq = registry.one(QUEUE, "batch-job-dlq");
            assert.deepEqual(target.inputs.retryPolicy, { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 3600 });
            assert.deepEqual(target.inputs.deadLetterConfig, { arn: dlq.outputs.arn });
            assert.equal(dlq.inputs.sqsManagedSseEnabled, true);
            assert.equal(dlq.inputs.messageRetentionSeconds, 14 * 24 * 3600);
        });

        it("lets only events.amazonaws.com send to the dead-letter queue, only from the rule and over TLS", async () => {
            const registry = await run({ eventPattern: PATTERN });
            const dlq = registry.one(QUEUE);
            const policy = registry.one(QUEUE_POLICY, "batch-job-dlq-policy");
            assert.equal(policy.inputs.queueUrl, dlq.outputs.url);
            const doc = json(policy.inputs.policy);
            assert.deepEqual(
                doc.Statement.map((s: { Sid: string }) => s.Sid),
                ["EventsFromOwnRule", "DenyInsecureTransport"],
            );
            assert.deepEqual(doc.Statement[0], {
                Sid: "EventsFromOwnRule",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sqs:SendMessage",
                Resource: dlq.outputs.arn,
                Condition: { ArnEquals: { "aws:SourceArn": registry.one(RULE).outputs.arn } },
            });
        });

        it("creates no schedule", async () => {
            assert.equal((await run({ eventPattern: PATTERN })).ofType(SCHEDULE).length, 0);
        });
    });

    it("creates both a schedule and a rule, sharing one invoke role, for a task with both", async () => {
        const registry = await run({ ...cron, eventPattern: PATTERN });
        const role = registry.one(ROLE, "batch-job-invoke-role");
        assert.equal(registry.one(SCHEDULE).inputs.target.roleArn, role.outputs.arn);
        assert.equal(registry.one(TARGET).inputs.roleArn, role.outputs.arn);
        assert.equal(registry.ofType(RULE).length, 1);
        assert.equal(registry.ofType(QUEUE).length, 1);
    });

    it("names every child after the component and the task", async () => {
        const registry = await run({ ...cron, eventPattern: PATTERN });
        const names = registry
            .all()
            .filter((r) => [SCHEDULE, ROLE, RULE, TARGET, QUEUE, QUEUE_POLICY].includes(r.type))
            .map((r) => r.name)
            .sort();
        assert.deepEqual(names, [
            "batch-job-dlq",
            "batch-job-dlq-policy",
            "batch-job-execution-role",
            "batch-job-invoke-role",
            "batch-job-rule",
            "batch-job-schedule",
            "batch-job-target",
            "batch-job-task-role",
        ]);
    });
});
