import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentGroup } from "../../../components/deployment-group";
import type { DeploymentGroupArgs } from "../../../components/deployment-group/args";
import { DEFAULTS, normalize } from "../../../components/deployment-group/defaults";
import { validate } from "../../../components/deployment-group/validate";
import { ArgsError } from "../../../components/shared/errors";
import { buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { HOOK, KEY, LISTENER, TEST_LISTENER, TOPIC, ecsArgs, ecsTarget, lambdaArgs, lambdaTarget, serverArgs } from "./fixtures";

const eleven = Array.from({ length: 11 }, (_v, i) => `alarm-${i}`);

describe("DeploymentGroup validation", () => {
    const cases: Array<{ title: string; args: DeploymentGroupArgs; paths: string[]; message: RegExp }> = [
        {
            title: "rejects an application name longer than CodeDeploy's 100 characters",
            args: ecsArgs({ application: { name: "a".repeat(101) } }),
            paths: ["application.name"],
            message: /100/,
        },
        {
            title: "rejects an application name with a character CodeDeploy does not allow",
            args: ecsArgs({ application: { name: "shop web" } }),
            paths: ["application.name"],
            message: /\+=,\.@_-/,
        },
        {
            title: "rejects an existing application name longer than 100 characters",
            args: ecsArgs({ application: { existingName: "x".repeat(101) } }),
            paths: ["application.existingName"],
            message: /100/,
        },
        {
            title: "rejects a target naming two platforms",
            args: { target: { ecs: ecsTarget(), lambda: lambdaTarget() } as never },
            paths: ["target"],
            message: /exactly one of ecs, lambda, server/,
        },
        { title: "rejects a target naming no platform", args: { target: {} as never }, paths: ["target"], message: /names no platform/ },
        {
            title: "rejects a target keyed by a prototype name (constructor is no platform)",
            args: { target: { constructor: { x: 1 } } as never },
            paths: ["target.constructor", "target"],
            message: /names no platform/,
        },
        {
            title: "rejects an ECS target with one target group (blue/green needs exactly two)",
            args: ecsArgs({ target: { ecs: { ...ecsTarget(), targetGroupNames: ["web-tg"] } } }),
            paths: ["target.ecs.targetGroupNames"],
            message: /exactly two/,
        },
        {
            title: "rejects an ECS target with three target groups",
            args: ecsArgs({ target: { ecs: { ...ecsTarget(), targetGroupNames: ["a", "b", "c"] } } }),
            paths: ["target.ecs.targetGroupNames"],
            message: /exactly two/,
        },
        {
            title: "rejects the same target group twice",
            args: ecsArgs({ target: { ecs: { ...ecsTarget(), targetGroupNames: ["a", "a"] } } }),
            paths: ["target.ecs.targetGroupNames[1]"],
            message: /twice/,
        },
        {
            title: "rejects an ECS target without a production listener",
            args: ecsArgs({ target: { ecs: { ...ecsTarget(), productionListenerArns: [] } } }),
            paths: ["target.ecs.productionListenerArns"],
            message: /at least one listener/,
        },
        {
            title: "rejects a production listener ARN that is a target group's",
            args: ecsArgs({
                target: {
                    ecs: { ...ecsTarget(), productionListenerArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"] },
                },
            }),
            paths: ["target.ecs.productionListenerArns[0]"],
            message: /listener ARN/,
        },
        {
            title: "rejects a test listener that is also the production listener",
            args: ecsArgs({ target: { ecs: { ...ecsTarget(), testListenerArns: [LISTENER] } } }),
            paths: ["target.ecs.testListenerArns[0]"],
            message: /also a production listener/,
        },
        {
            title: "rejects a pass role that is not a role ARN",
            args: ecsArgs({ target: { ecs: { ...ecsTarget(), passRoleArns: ["web-task-role"] } } }),
            paths: ["target.ecs.passRoleArns[0]"],
            message: /IAM role ARN/,
        },
        {
            title: "rejects hooks on an ECS target (ECS hooks live in the AppSpec)",
            args: ecsArgs({ target: { ecs: { ...ecsTarget(), hooks: { beforeAllowTraffic: HOOK } } as never } }),
            paths: ["target.ecs.hooks"],
            message: /AppSpec/,
        },
        {
            title: "rejects hooks on a Server target",
            args: { target: { server: { autoScalingGroupNames: ["asg"], hooks: {} } as never } },
            paths: ["target.server.hooks"],
            message: /Lambda targets only/,
        },
        {
            title: "rejects a Lambda hook that is not a function ARN",
            args: lambdaArgs({ target: { lambda: { ...lambdaTarget(), hooks: { beforeAllowTraffic: "smoke-test" } } } }),
            paths: ["target.lambda.hooks.beforeAllowTraffic"],
            message: /Lambda function ARN/,
        },
        {
            title: "rejects a Lambda function given by ARN",
            args: lambdaArgs({ target: { lambda: { ...lambdaTarget(), functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders" } } }),
            paths: ["target.lambda.functionName"],
            message: /not an ARN/,
        },
        {
            title: "rejects an alias of digits only (it would read as a version)",
            args: lambdaArgs({ target: { lambda: { ...lambdaTarget(), alias: "42" } } }),
            paths: ["target.lambda.alias"],
            message: /not only digits/,
        },
        {
            title: "rejects a Server target naming no instances",
            args: { target: { server: {} } },
            paths: ["target.server"],
            message: /autoScalingGroupNames and\/or ec2TagFilters/,
        },
        {
            title: "rejects more than 10 Auto Scaling groups",
            args: { target: { server: { autoScalingGroupNames: eleven } } },
            paths: ["target.server.autoScalingGroupNames"],
            message: /at most 10/,
        },
        {
            title: "rejects an unknown preset",
            args: ecsArgs({ config: "two-at-a-time" as never }),
            paths: ["config"],
            message: /all-at-once/,
        },
        {
            title: "rejects one-at-a-time on ECS (a Server configuration)",
            args: ecsArgs({ config: "one-at-a-time" }),
            paths: ["config"],
            message: /not a deployment configuration for ECS.*canary/,
        },
        {
            title: "rejects canary on Server (traffic shifting is ECS and Lambda only)",
            args: serverArgs({ config: { canary: { percent: 10, intervalMinutes: 5 } } }),
            paths: ["config"],
            message: /not a deployment configuration for Server/,
        },
        {
            title: "rejects minimumHealthy on Lambda",
            args: lambdaArgs({ config: { minimumHealthy: { type: "HOST_COUNT", value: 1 } } }),
            paths: ["config"],
            message: /not a deployment configuration for Lambda/,
        },
        {
            title: "rejects the Lambda linear name's singular spelling on ECS (ECS says Every1Minutes)",
            args: ecsArgs({ config: { name: "CodeDeployDefault.ECSLinear10PercentEvery1Minute" } }),
            paths: ["config.name"],
            message: /CodeDeployDefault\.ECSLinear10PercentEvery1Minutes/,
        },
        {
            title: "rejects the ECS linear name's plural spelling on Lambda (Lambda says Every1Minute)",
            args: lambdaArgs({ config: { name: "CodeDeployDefault.LambdaLinear10PercentEvery1Minutes" } }),
            paths: ["config.name"],
            message: /CodeDeployDefault\.LambdaLinear10PercentEvery1Minute,/,
        },
        {
            title: "rejects another platform's predefined name",
            args: serverArgs({ config: { name: "CodeDeployDefault.ECSAllAtOnce" } }),
            paths: ["config.name"],
            message: /predefined Server configuration/,
        },
        {
            title: "rejects a canary percent of 0",
            args: ecsArgs({ config: { canary: { percent: 0, intervalMinutes: 5 } } }),
            paths: ["config.canary.percent"],
            message: /1 to 99/,
        },
        {
            title: "rejects a canary percent of 100 (that is all at once)",
            args: lambdaArgs({ config: { canary: { percent: 100, intervalMinutes: 5 } } }),
            paths: ["config.canary.percent"],
            message: /1 to 99/,
        },
        {
            title: "rejects a linear interval above 2880 minutes",
            args: ecsArgs({ config: { linear: { percent: 10, intervalMinutes: 2881 } } }),
            paths: ["config.linear.intervalMinutes"],
            message: /1 to 2880/,
        },
        {
            title: "rejects a linear interval of 0 minutes",
            args: lambdaArgs({ config: { linear: { percent: 10, intervalMinutes: 0 } } }),
            paths: ["config.linear.intervalMinutes"],
            message: /1 to 2880/,
        },
        {
            title: "rejects a fractional canary percent",
            args: ecsArgs({ config: { canary: { percent: 12.5, intervalMinutes: 5 } } }),
            paths: ["config.canary.percent"],
            message: /integer/,
        },
        {
            title: "rejects a fleet percent of 100 (no instance could be deployed to)",
            args: serverArgs({ config: { minimumHealthy: { type: "FLEET_PERCENT", value: 100 } } }),
            paths: ["config.minimumHealthy.value"],
            message: /0 to 99/,
        },
        {
            title: "rejects a config object of two forms",
            args: ecsArgs({ config: { canary: { percent: 10, intervalMinutes: 5 }, linear: { percent: 10, intervalMinutes: 1 } } as never }),
            paths: ["config"],
            message: /more or less than one form/,
        },
        {
            title: "rejects more than 10 alarms",
            args: ecsArgs({ alarms: eleven }),
            paths: ["alarms"],
            message: /at most 10/,
        },
        {
            title: "rejects an alarm given by ARN",
            args: ecsArgs({ alarms: ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx"] }),
            paths: ["alarms[0]"],
            message: /name/,
        },
        {
            title: "rejects the same alarm twice",
            args: ecsArgs({ alarms: ["web-5xx", "web-5xx"] }),
            paths: ["alarms[1]"],
            message: /twice/,
        },
        {
            title: "rejects rollback on alarm without alarms",
            args: ecsArgs({ rollback: { onAlarm: true } }),
            paths: ["rollback.onAlarm"],
            message: /needs alarms/,
        },
        {
            title: "rejects a termination wait above 2880 minutes",
            args: ecsArgs({ terminationWaitMinutes: 2881 }),
            paths: ["terminationWaitMinutes"],
            message: /0 to 2880/,
        },
        {
            title: "rejects a negative termination wait",
            args: ecsArgs({ terminationWaitMinutes: -1 }),
            paths: ["terminationWaitMinutes"],
            message: /0 to 2880/,
        },
        {
            title: "rejects a termination wait on Lambda (no task set to keep)",
            args: lambdaArgs({ terminationWaitMinutes: 10 }),
            paths: ["terminationWaitMinutes"],
            message: /ECS blue\/green/,
        },
        {
            title: "rejects a ready wait on Server",
            args: serverArgs({ readyWaitMinutes: 10 }),
            paths: ["readyWaitMinutes"],
            message: /ECS blue\/green/,
        },
        {
            title: "rejects a ready wait above 120 hours",
            args: ecsArgs({ readyWaitMinutes: 7201 }),
            paths: ["readyWaitMinutes"],
            message: /1 to 7200/,
        },
        {
            title: "rejects a revision bucket that is not a bucket ARN",
            args: ecsArgs({ revisionBucketArns: ["my-bucket"] }),
            paths: ["revisionBucketArns[0]"],
            message: /bucket ARN/,
        },
        {
            title: "rejects revision buckets on Server (the agent reads them)",
            args: serverArgs({ revisionBucketArns: ["arn:aws:s3:::revisions"] }),
            paths: ["revisionBucketArns"],
            message: /agent/,
        },
        {
            title: "rejects a notification topic that is not an SNS ARN",
            args: ecsArgs({ notifications: { topicArn: "deployments" } }),
            paths: ["notifications.topicArn"],
            message: /SNS topic ARN/,
        },
        {
            title: "rejects an unknown trigger event",
            args: ecsArgs({ notifications: { topicArn: TOPIC, events: ["DeploymentExploded" as never] } }),
            paths: ["notifications.events[0]"],
            message: /DeploymentFailure/,
        },
        {
            title: "rejects instance events on a Lambda group",
            args: lambdaArgs({ notifications: { topicArn: TOPIC, events: ["InstanceFailure"] } }),
            paths: ["notifications.events"],
            message: /instance events/,
        },
        {
            title: "rejects a qualified hook ARN, which the invoke grant (function and function:*) would not cover",
            args: lambdaArgs({ target: { lambda: { ...lambdaTarget(), hooks: { beforeAllowTraffic: `${HOOK}:live` } } } }),
            paths: ["target.lambda.hooks.beforeAllowTraffic"],
            message: /unqualified/,
        },
        {
            title: "rejects a qualified ECS hook function ARN",
            args: ecsArgs({ target: { ecs: { ...ecsTarget(), hookFunctionArns: [`${HOOK}:3`] } } }),
            paths: ["target.ecs.hookFunctionArns[0]"],
            message: /unqualified/,
        },
        {
            title: "rejects a hook role named twice (two policies of the same name on one role)",
            args: lambdaArgs({ target: { lambda: { ...lambdaTarget(), hookRoleNames: ["smoke-role", "smoke-role"] } } }),
            paths: ["target.lambda.hookRoleNames[1]"],
            message: /twice/,
        },
        {
            title: "rejects an instance role that is not a role ARN",
            args: serverArgs({ target: { server: { autoScalingGroupNames: ["shop-asg"], instanceRoleArns: ["app-role"] } } }),
            paths: ["target.server.instanceRoleArns[0]"],
            message: /IAM role ARN/,
        },
        {
            title: "rejects revision keys without revision buckets",
            args: ecsArgs({ revisionKeyArns: [KEY] }),
            paths: ["revisionKeyArns"],
            message: /no revisionBucketArns/,
        },
        {
            title: "rejects a region in an object transform: the trust policy's SourceArn is built in the provider's region",
            args: ecsArgs({ transform: { group: { region: "eu-west-1" } } }),
            paths: ["transform.group.region"],
            message: /provider of that region/,
        },
        {
            title: "rejects an unknown argument with the nearest known one",
            args: { ...ecsArgs(), alarm: ["x"] } as never,
            paths: ["alarm"],
            message: /did you mean alarms/,
        },
    ];
    for (const c of cases) {
        it(c.title, async () => {
            const { error, registry } = await buildFails(() => new DeploymentGroup("web", c.args));
            assert.ok(error instanceof ArgsError, error.message);
            assert.deepEqual(
                error.issues.map((i) => i.path),
                c.paths,
                error.message,
            );
            assert.match(error.message, c.message);
            assert.equal(registry.size, 0);
        });
    }

    it("refuses a region set by a function transform before the group is created", async () => {
        const { error, registry } = await buildFails(
            () => new DeploymentGroup("web", ecsArgs({ transform: { group: (a) => ({ ...a, region: "eu-west-1" }) } })),
        );
        assert.ok(error instanceof ArgsError, error.message);
        assert.deepEqual(
            error.issues.map((i) => i.path),
            ["transform.group"],
        );
        assert.equal(registry.ofType("aws:codedeploy/deploymentGroup:DeploymentGroup").length, 0);
    });

    it("reports every issue at once, naming the component, the instance and each field", async () => {
        const { error, registry } = await buildFails(
            () =>
                new DeploymentGroup("web", {
                    target: { ecs: { ...ecsTarget(), targetGroupNames: ["a"], testListenerArns: [LISTENER] } },
                    config: { canary: { percent: 0, intervalMinutes: 5 } },
                    alarms: eleven,
                    terminationWaitMinutes: 3000,
                }),
        );
        assert.ok(error instanceof ArgsError);
        assert.deepEqual(
            error.issues.map((i) => i.path),
            ["target.ecs.targetGroupNames", "target.ecs.testListenerArns[0]", "config.canary.percent", "alarms", "terminationWaitMinutes"],
        );
        assert.match(error.message, /^DeploymentGroup "web": 5 invalid arguments/);
        assert.equal(registry.size, 0);
    });

    it("skips the value rules of ARNs known only as Outputs", () => {
        const unknown = pulumi.output("arn:later");
        const args = ecsArgs({
            target: { ecs: { ...ecsTarget(), productionListenerArns: [unknown], testListenerArns: [TEST_LISTENER], passRoleArns: [unknown] } },
        });
        assert.deepEqual(validate(args), []);
    });

    it("gives the same verdict on its own normalized output", () => {
        for (const args of [ecsArgs(), lambdaArgs(), serverArgs(), ecsArgs({ alarms: ["a"], terminationWaitMinutes: 0 })]) {
            const resolved = normalize(args);
            const again: DeploymentGroupArgs = {
                application: resolved.application,
                target:
                    resolved.target.platform === "ECS"
                        ? { ecs: resolved.target.ecs }
                        : resolved.target.platform === "Lambda"
                          ? { lambda: resolved.target.lambda }
                          : { server: resolved.target.server },
                config: resolved.config,
                alarms: resolved.alarms,
                rollback: resolved.rollback,
                terminationWaitMinutes: resolved.terminationWaitMinutes,
                revisionBucketArns: resolved.revisionBucketArns,
                tags: resolved.tags,
                transform: resolved.transform,
            };
            assert.deepEqual(validate(again), validate(args));
            assert.deepEqual(validate(again), []);
        }
    });

    it("defaults the config per platform: ECS all at once, Lambda canary 10% for 5 minutes, Server one at a time", () => {
        assert.equal(normalize(ecsArgs()).config, "all-at-once");
        assert.deepEqual(normalize(lambdaArgs()).config, { canary: { percent: 10, intervalMinutes: 5 } });
        assert.equal(normalize(serverArgs()).config, "one-at-a-time");
        assert.strictEqual(normalize(ecsArgs()).config, DEFAULTS.config.ECS);
    });

    it("keeps a termination wait of 0 (not the default)", () => {
        assert.equal(normalize(ecsArgs({ terminationWaitMinutes: 0 })).terminationWaitMinutes, 0);
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/deployment-group/args.ts", DEFAULTS));
});
