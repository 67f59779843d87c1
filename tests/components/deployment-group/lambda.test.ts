import * as assert from "node:assert";
import { unwrap } from "../../../components/testing";
import { HOOK, HOOK2, T, buildGroup, lambdaArgs, lambdaTarget } from "./fixtures";

const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:orders";

describe("DeploymentGroup on Lambda", () => {
    it("creates a Lambda application and a blue/green group with traffic control, without ECS service or load balancer", async () => {
        const { registry } = await buildGroup(lambdaArgs());
        registry.hasInputs(T.application, "web-application", { computePlatform: "Lambda" });
        registry.hasInputs(T.group, "web-group", {
            deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
            ecsService: undefined,
            loadBalancerInfo: undefined,
            blueGreenDeploymentConfig: undefined,
            autoscalingGroups: undefined,
        });
    });

    it("shifts 10% for 5 minutes by default: CodeDeployDefault.LambdaCanary10Percent5Minutes", async () => {
        const { registry } = await buildGroup(lambdaArgs());
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: "CodeDeployDefault.LambdaCanary10Percent5Minutes" });
        assert.equal(registry.ofType(T.config).length, 0);
    });

    it("maps all-at-once to CodeDeployDefault.LambdaAllAtOnce", async () => {
        const { registry } = await buildGroup(lambdaArgs({ config: "all-at-once" }));
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: "CodeDeployDefault.LambdaAllAtOnce" });
    });

    it("maps linear 10% every minute to the singular Lambda name CodeDeployDefault.LambdaLinear10PercentEvery1Minute", async () => {
        const { registry } = await buildGroup(lambdaArgs({ config: { linear: { percent: 10, intervalMinutes: 1 } } }));
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: "CodeDeployDefault.LambdaLinear10PercentEvery1Minute" });
        assert.equal(registry.ofType(T.config).length, 0);
    });

    it("accepts a predefined Lambda name as given", async () => {
        const { registry } = await buildGroup(lambdaArgs({ config: { name: "CodeDeployDefault.LambdaCanary10Percent30Minutes" } }));
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: "CodeDeployDefault.LambdaCanary10Percent30Minutes" });
    });

    it("creates a Lambda linear config of its own for 20% every 5 minutes", async () => {
        const { registry } = await buildGroup(lambdaArgs({ config: { linear: { percent: 20, intervalMinutes: 5 } } }));
        const config = registry.hasInputs(T.config, "web-deployment-config", {
            computePlatform: "Lambda",
            trafficRoutingConfig: { type: "TimeBasedLinear", timeBasedLinear: { percentage: 20, interval: 5 } },
        });
        assert.match(config.inputs.deploymentConfigName, /-LambdaLinear20PercentEvery5Minutes$/);
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: config.outputs.deploymentConfigName });
    });

    it("rolls back on failure and on its alarms", async () => {
        const { registry } = await buildGroup(lambdaArgs({ alarms: ["orders-errors"] }));
        registry.hasInputs(T.group, "web-group", {
            alarmConfiguration: { enabled: true, alarms: ["orders-errors"] },
            autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
        });
    });

    it("lets the role move this function's alias only, with no managed policy", async () => {
        const { registry } = await buildGroup(lambdaArgs());
        assert.deepEqual(registry.statementsOf("web-role"), [
            {
                Sid: "ShiftAlias",
                Effect: "Allow",
                Action: ["lambda:GetAlias", "lambda:UpdateAlias", "lambda:GetProvisionedConcurrencyConfig"],
                Resource: [FUNCTION, `${FUNCTION}:live`],
            },
        ]);
        assert.deepEqual(registry.managedPoliciesOf("web-role"), []);
    });

    it("lets the role invoke exactly the two hook functions (not every CodeDeployHook_* function)", async () => {
        const { registry } = await buildGroup(
            lambdaArgs({ target: { lambda: { ...lambdaTarget(), hooks: { beforeAllowTraffic: HOOK, afterAllowTraffic: HOOK2 } } } }),
        );
        assert.deepEqual(
            registry.statementsOf("web-role").find((s) => s.Sid === "InvokeHooks"),
            { Sid: "InvokeHooks", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: [HOOK, `${HOOK}:*`, HOOK2, `${HOOK2}:*`] },
        );
    });

    it("lets each hook role report its status on this group's ARN, in a policy of its own on that role", async () => {
        const { registry } = await buildGroup(
            lambdaArgs({ target: { lambda: { ...lambdaTarget(), hooks: { beforeAllowTraffic: HOOK }, hookRoleNames: ["smoke-role"] } } }),
        );
        const group = registry.one(T.group, "web-group");
        const policies = registry.ofType(T.rolePolicy).filter((p) => p.inputs.role === "smoke-role");
        assert.equal(policies.length, 1);
        assert.equal(policies[0].inputs.name, `${group.inputs.deploymentGroupName}-hook-status`);
        assert.deepEqual(JSON.parse(policies[0].inputs.policy).Statement, [
            { Sid: "ReportHookStatus", Effect: "Allow", Action: "codedeploy:PutLifecycleEventHookExecutionStatus", Resource: group.outputs.arn },
        ]);
    });

    it("creates no hook status policy without hook roles", async () => {
        const { registry } = await buildGroup(lambdaArgs({ target: { lambda: { ...lambdaTarget(), hooks: { beforeAllowTraffic: HOOK } } } }));
        assert.deepEqual(
            registry.ofType(T.rolePolicy).map((p) => p.name),
            ["web-role-deploy"],
        );
    });

    it("grants no invoke without hooks", async () => {
        const { registry } = await buildGroup(lambdaArgs());
        assert.equal(
            registry.statementsOf("web-role").find((s) => [s.Action].flat().includes("lambda:InvokeFunction")),
            undefined,
        );
    });
    it("trusts codedeploy.amazonaws.com for this account and this deployment group only", async () => {
        const { registry, result } = await buildGroup(lambdaArgs());
        const trust = JSON.parse(registry.one(T.role, "web-role").inputs.assumeRolePolicy);
        assert.deepEqual(trust.Statement[0].Principal, { Service: "codedeploy.amazonaws.com" });
        assert.deepEqual(trust.Statement[0].Condition, {
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": await unwrap(result.deploymentGroupArn) },
        });
    });
});
