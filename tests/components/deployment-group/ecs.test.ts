import * as assert from "node:assert";
import { unwrap } from "../../../components/testing";
import { EXECUTION_ROLE, HOOK, KEY, LISTENER, TASK_ROLE, TEST_LISTENER, TOPIC, T, buildGroup, ecsArgs, ecsTarget } from "./fixtures";

describe("DeploymentGroup on ECS", () => {
    it("creates an ECS application and a blue/green group with traffic control on the service, its two target groups and listeners", async () => {
        const { registry } = await buildGroup(ecsArgs({ target: { ecs: { ...ecsTarget(), testListenerArns: [TEST_LISTENER] } } }));
        const app = registry.hasInputs(T.application, "web-application", { computePlatform: "ECS" });
        registry.hasInputs(T.group, "web-group", {
            appName: app.outputs.name,
            deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
            ecsService: { clusterName: "shop", serviceName: "web" },
            loadBalancerInfo: {
                targetGroupPairInfo: {
                    targetGroups: [{ name: "web-tg" }, { name: "web-tg-alt" }],
                    prodTrafficRoute: { listenerArns: [LISTENER] },
                    testTrafficRoute: { listenerArns: [TEST_LISTENER] },
                },
                elbInfos: undefined,
                targetGroupInfos: undefined,
            },
            autoscalingGroups: undefined,
        });
    });

    it("leaves the test route out without a test listener", async () => {
        const { registry } = await buildGroup(ecsArgs());
        const info = registry.one(T.group).inputs.loadBalancerInfo.targetGroupPairInfo;
        assert.equal(info.testTrafficRoute, undefined);
    });

    it("sets the predefined all-at-once config by default and creates no config of its own", async () => {
        const { registry, result } = await buildGroup(ecsArgs());
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: "CodeDeployDefault.ECSAllAtOnce" });
        assert.equal(registry.ofType(T.config).length, 0);
        assert.equal(await unwrap(result.deploymentConfigName), "CodeDeployDefault.ECSAllAtOnce");
    });

    it("maps canary 10% for 15 minutes to CodeDeployDefault.ECSCanary10Percent15Minutes", async () => {
        const { registry } = await buildGroup(ecsArgs({ config: { canary: { percent: 10, intervalMinutes: 15 } } }));
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: "CodeDeployDefault.ECSCanary10Percent15Minutes" });
        assert.equal(registry.ofType(T.config).length, 0);
    });

    it("maps linear 10% every minute to the plural ECS name CodeDeployDefault.ECSLinear10PercentEvery1Minutes", async () => {
        const { registry } = await buildGroup(ecsArgs({ config: { linear: { percent: 10, intervalMinutes: 1 } } }));
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: "CodeDeployDefault.ECSLinear10PercentEvery1Minutes" });
    });

    it("creates an ECS canary config of its own when no predefined one matches, and the group uses it", async () => {
        const { registry, result } = await buildGroup(ecsArgs({ config: { canary: { percent: 20, intervalMinutes: 10 } } }));
        const config = registry.hasInputs(T.config, "web-deployment-config", {
            computePlatform: "ECS",
            trafficRoutingConfig: { type: "TimeBasedCanary", timeBasedCanary: { percentage: 20, interval: 10 }, timeBasedLinear: undefined },
            minimumHealthyHosts: undefined,
        });
        // Named after its settings: a change creates the new configuration before deleting the old one.
        assert.match(config.inputs.deploymentConfigName, /^web-[0-9a-f]{7}-ECSCanary20Percent10Minutes$/);
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: config.outputs.deploymentConfigName });
        assert.equal(await unwrap(result.deploymentConfigName), config.inputs.deploymentConfigName);
    });

    it("creates an ECS linear config of its own for 25% every 3 minutes", async () => {
        const { registry } = await buildGroup(ecsArgs({ config: { linear: { percent: 25, intervalMinutes: 3 } } }));
        registry.hasInputs(T.config, "web-deployment-config", {
            computePlatform: "ECS",
            trafficRoutingConfig: { type: "TimeBasedLinear", timeBasedLinear: { percentage: 25, interval: 3 } },
        });
    });

    it("keeps the old task set 5 minutes by default and continues as soon as the replacement is ready", async () => {
        const { registry } = await buildGroup(ecsArgs());
        registry.hasInputs(T.group, "web-group", {
            blueGreenDeploymentConfig: {
                deploymentReadyOption: { actionOnTimeout: "CONTINUE_DEPLOYMENT", waitTimeInMinutes: undefined },
                terminateBlueInstancesOnDeploymentSuccess: { action: "TERMINATE", terminationWaitTimeInMinutes: 5 },
            },
        });
    });

    it("waits readyWaitMinutes for a manual go-ahead (STOP_DEPLOYMENT) and keeps the old task set terminationWaitMinutes", async () => {
        const { registry } = await buildGroup(ecsArgs({ readyWaitMinutes: 60, terminationWaitMinutes: 0 }));
        registry.hasInputs(T.group, "web-group", {
            blueGreenDeploymentConfig: {
                deploymentReadyOption: { actionOnTimeout: "STOP_DEPLOYMENT", waitTimeInMinutes: 60 },
                terminateBlueInstancesOnDeploymentSuccess: { action: "TERMINATE", terminationWaitTimeInMinutes: 0 },
            },
        });
    });

    it("rolls back failed deployments only, and configures no alarms, when none are given", async () => {
        const { registry } = await buildGroup(ecsArgs());
        registry.hasInputs(T.group, "web-group", {
            autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE"] },
            alarmConfiguration: undefined,
        });
    });

    it("watches the alarms and rolls back on them as well as on failure", async () => {
        const { registry } = await buildGroup(ecsArgs({ alarms: ["web-5xx", "web-unhealthy"] }));
        registry.hasInputs(T.group, "web-group", {
            alarmConfiguration: { enabled: true, alarms: ["web-5xx", "web-unhealthy"], ignorePollAlarmFailure: false },
            autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
        });
    });

    it("with alarms but onAlarm: false, stops on an alarm without rolling back", async () => {
        const { registry } = await buildGroup(ecsArgs({ alarms: ["web-5xx"], rollback: { onAlarm: false, onStopRequest: true } }));
        registry.hasInputs(T.group, "web-group", {
            alarmConfiguration: { enabled: true, alarms: ["web-5xx"] },
            autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST"] },
        });
    });

    it("disables automatic rollback (without events, which CodeDeploy requires only when enabled) when every event is off", async () => {
        const { registry } = await buildGroup(ecsArgs({ rollback: { onFailure: false } }));
        registry.hasInputs(T.group, "web-group", { autoRollbackConfiguration: { enabled: false, events: undefined } });
    });

    it("trusts codedeploy.amazonaws.com for this account and this deployment group only", async () => {
        const { registry, result } = await buildGroup(ecsArgs());
        const role = registry.one(T.role, "web-role");
        const trust = JSON.parse(role.inputs.assumeRolePolicy);
        assert.deepEqual(trust.Statement, [
            {
                Effect: "Allow",
                Principal: { Service: "codedeploy.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": "123456789012" },
                    ArnLike: { "aws:SourceArn": await unwrap(result.deploymentGroupArn) },
                },
            },
        ]);
        registry.hasInputs(T.group, "web-group", { serviceRoleArn: role.outputs.arn });
    });

    it("grants the ECS actions on this service and its task sets, listener changes on its listeners and their rules, no managed policy", async () => {
        const { registry } = await buildGroup(ecsArgs({ target: { ecs: { ...ecsTarget(), testListenerArns: [TEST_LISTENER] } } }));
        const statements = registry.statementsOf("web-role");
        assert.deepEqual(statements, [
            {
                Sid: "TaskSets",
                Effect: "Allow",
                Action: ["ecs:DescribeServices", "ecs:CreateTaskSet", "ecs:UpdateServicePrimaryTaskSet", "ecs:DeleteTaskSet"],
                Resource: ["arn:aws:ecs:us-east-1:123456789012:service/shop/web", "arn:aws:ecs:us-east-1:123456789012:task-set/shop/web/*"],
            },
            {
                Sid: "ReadLoadBalancing",
                Effect: "Allow",
                Action: ["elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules"],
                Resource: "*",
            },
            {
                Sid: "ShiftTraffic",
                Effect: "Allow",
                Action: ["elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyRule"],
                Resource: [
                    LISTENER,
                    TEST_LISTENER,
                    `${LISTENER.replace(":listener/", ":listener-rule/")}/*`,
                    `${TEST_LISTENER.replace(":listener/", ":listener-rule/")}/*`,
                ],
            },
        ]);
        assert.deepEqual(registry.managedPoliciesOf("web-role"), []);
    });

    it("passes exactly the task roles to ECS tasks, and invokes exactly the AppSpec's hook functions and their versions and aliases", async () => {
        const { registry } = await buildGroup(
            ecsArgs({ target: { ecs: { ...ecsTarget(), passRoleArns: [TASK_ROLE, EXECUTION_ROLE], hookFunctionArns: [HOOK] } } }),
        );
        const statements = registry.statementsOf("web-role");
        assert.deepEqual(
            statements.find((s) => s.Sid === "PassTaskRoles"),
            {
                Sid: "PassTaskRoles",
                Effect: "Allow",
                Action: "iam:PassRole",
                Resource: [TASK_ROLE, EXECUTION_ROLE],
                Condition: { StringLike: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
            },
        );
        assert.deepEqual(
            statements.find((s) => s.Sid === "InvokeHooks"),
            { Sid: "InvokeHooks", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: [HOOK, `${HOOK}:*`] },
        );
    });

    it("grants no action on * except the ELB Describe calls and the alarm poll", async () => {
        const { registry } = await buildGroup(
            ecsArgs({ alarms: ["web-5xx"], notifications: { topicArn: TOPIC }, target: { ecs: { ...ecsTarget(), passRoleArns: [TASK_ROLE] } } }),
        );
        const star = registry.statementsOf("web-role").filter((s) => s.Resource === "*" || (Array.isArray(s.Resource) && s.Resource.includes("*")));
        assert.deepEqual(
            star.map((s) => s.Sid),
            ["ReadLoadBalancing", "PollAlarms"],
        );
        for (const s of registry.statementsOf("web-role")) assert.ok(![s.Action].flat().includes("*"), s.Sid);
    });

    it("polls alarms on * (as AWS's CodeDeploy policies do), reads exactly the revision buckets' objects", async () => {
        const { registry } = await buildGroup(ecsArgs({ alarms: ["web-5xx"], revisionBucketArns: ["arn:aws:s3:::revisions"] }));
        const statements = registry.statementsOf("web-role");
        assert.deepEqual(
            statements.find((s) => s.Sid === "PollAlarms"),
            { Sid: "PollAlarms", Effect: "Allow", Action: "cloudwatch:DescribeAlarms", Resource: "*" },
        );
        assert.deepEqual(
            statements.find((s) => s.Sid === "ReadRevisions"),
            { Sid: "ReadRevisions", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: ["arn:aws:s3:::revisions/*"] },
        );
        assert.equal(
            statements.find((s) => s.Sid === "DecryptRevisions"),
            undefined,
        );
    });

    it("decrypts revisions with the buckets' keys through S3 only", async () => {
        const { registry } = await buildGroup(ecsArgs({ revisionBucketArns: ["arn:aws:s3:::revisions"], revisionKeyArns: [KEY] }));
        assert.deepEqual(
            registry.statementsOf("web-role").find((s) => s.Sid === "DecryptRevisions"),
            {
                Sid: "DecryptRevisions",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: [KEY],
                Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
            },
        );
    });

    it("lets each hook role report its status to this group, in a policy created after the group", async () => {
        const { registry } = await buildGroup(ecsArgs({ target: { ecs: { ...ecsTarget(), hookFunctionArns: [HOOK], hookRoleNames: ["smoke-role"] } } }));
        const group = registry.one(T.group, "web-group");
        const policy = registry.hasInputs(T.rolePolicy, "web-hook-status-0", { role: "smoke-role" });
        assert.deepEqual(JSON.parse(policy.inputs.policy).Statement, [
            { Sid: "ReportHookStatus", Effect: "Allow", Action: "codedeploy:PutLifecycleEventHookExecutionStatus", Resource: group.outputs.arn },
        ]);
    });

    it("publishes deployment failures, stops and rollbacks to the topic, which the role may publish to and encrypt for through SNS", async () => {
        const { registry } = await buildGroup(ecsArgs({ notifications: { topicArn: TOPIC, topicKeyArn: KEY } }));
        registry.hasInputs(T.group, "web-group", {
            triggerConfigurations: [
                { triggerName: "notifications", triggerTargetArn: TOPIC, triggerEvents: ["DeploymentFailure", "DeploymentStop", "DeploymentRollback"] },
            ],
        });
        const statements = registry.statementsOf("web-role");
        assert.deepEqual(
            statements.find((s) => s.Sid === "PublishTrigger"),
            { Sid: "PublishTrigger", Effect: "Allow", Action: "sns:Publish", Resource: TOPIC },
        );
        assert.deepEqual(
            statements.find((s) => s.Sid === "EncryptTrigger"),
            {
                Sid: "EncryptTrigger",
                Effect: "Allow",
                Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
                Resource: KEY,
                Condition: { StringLike: { "kms:ViaService": "sns.*.amazonaws.com" } },
            },
        );
    });

    it("joins an existing application: creates none, and builds the application ARN from its name", async () => {
        const { registry, result } = await buildGroup(ecsArgs({ application: { existingName: "shop" } }));
        assert.equal(registry.ofType(T.application).length, 0);
        registry.hasInputs(T.group, "web-group", { appName: "shop" });
        assert.equal(await unwrap(result.applicationArn), "arn:aws:codedeploy:us-east-1:123456789012:application:shop");
        assert.equal(await unwrap(result.applicationName), "shop");
        assert.equal(result.resources.application, undefined);
    });

    it("names its own application when asked", async () => {
        const { registry } = await buildGroup(ecsArgs({ application: { name: "shop-web" } }));
        registry.hasInputs(T.application, "web-application", { name: "shop-web", computePlatform: "ECS" });
    });

    it("names the group <name>-<stack suffix> (two stacks may share an application) and exposes its outputs", async () => {
        const { registry, result } = await buildGroup(ecsArgs());
        const group = registry.one(T.group, "web-group");
        assert.match(group.inputs.deploymentGroupName, /^web-[0-9a-f]{7}$/);
        assert.equal(result.computePlatform, "ECS");
        assert.equal(await unwrap(result.deploymentGroupName), group.inputs.deploymentGroupName);
        assert.equal(await unwrap(result.deploymentGroupArn), group.outputs.arn);
        assert.equal(await unwrap(result.applicationArn), registry.one(T.application).outputs.arn);
        assert.equal(await unwrap(result.roleArn), registry.one(T.role).outputs.arn);
    });

    it("fits a long instance name into CodeDeploy's 100 characters for the group and the config", async () => {
        const long = `w${"x".repeat(120)}`;
        const { registry } = await buildGroup(ecsArgs({ config: { linear: { percent: 20, intervalMinutes: 2 } } }), long);
        assert.ok(registry.one(T.group).inputs.deploymentGroupName.length <= 100);
        assert.ok(registry.one(T.config).inputs.deploymentConfigName.length <= 100);
        assert.ok(registry.one(T.application).outputs.name.length <= 100);
    });

    it("warns when it may pass no task role to ECS, and not when the roles are given", async () => {
        const { warnings } = await buildGroup(ecsArgs());
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /^\[aws-platform:cicd:no-pass-roles\] DeploymentGroup "web": target\.ecs\.passRoleArns is empty/);
        const given = await buildGroup(ecsArgs({ target: { ecs: { ...ecsTarget(), passRoleArns: [TASK_ROLE, EXECUTION_ROLE] } } }));
        assert.deepEqual(given.warnings, []);
    });

    it("applies each child's transform", async () => {
        const { registry } = await buildGroup(
            ecsArgs({
                config: { canary: { percent: 5, intervalMinutes: 5 } },
                transform: {
                    application: { tags: { t: "app" } },
                    deploymentConfig: (a) => ({ ...a, deploymentConfigName: "web-custom" }),
                    group: { outdatedInstancesStrategy: "IGNORE" },
                    role: { description: "custom" },
                },
            }),
        );
        registry.hasInputs(T.application, "web-application", { tags: { t: "app" } });
        registry.hasInputs(T.config, "web-deployment-config", { deploymentConfigName: "web-custom", computePlatform: "ECS" });
        registry.hasInputs(T.group, "web-group", { outdatedInstancesStrategy: "IGNORE" });
        registry.hasInputs(T.role, "web-role", { description: "custom" });
    });
});
