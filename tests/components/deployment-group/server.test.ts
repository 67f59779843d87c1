import * as assert from "node:assert";
import { unwrap } from "../../../components/testing";
import { TOPIC, T, buildGroup, serverArgs } from "./fixtures";

const INSTANCE_ROLE = "arn:aws:iam::123456789012:role/shop-instance";

describe("DeploymentGroup on EC2 / Auto Scaling", () => {
    it("creates a Server application and an in-place group without traffic control on the Auto Scaling groups", async () => {
        const { registry } = await buildGroup(serverArgs());
        registry.hasInputs(T.application, "web-application", { computePlatform: "Server" });
        registry.hasInputs(T.group, "web-group", {
            deploymentStyle: { deploymentType: "IN_PLACE", deploymentOption: "WITHOUT_TRAFFIC_CONTROL" },
            autoscalingGroups: ["shop-asg"],
            loadBalancerInfo: undefined,
            ecsService: undefined,
            blueGreenDeploymentConfig: undefined,
        });
    });

    it("deploys one instance at a time by default (CodeDeployDefault.OneAtATime)", async () => {
        const { registry } = await buildGroup(serverArgs());
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: "CodeDeployDefault.OneAtATime" });
    });

    for (const [config, name] of [
        ["half-at-a-time", "CodeDeployDefault.HalfAtATime"],
        ["all-at-once", "CodeDeployDefault.AllAtOnce"],
    ] as const) {
        it(`maps ${config} to ${name}`, async () => {
            const { registry } = await buildGroup(serverArgs({ config }));
            registry.hasInputs(T.group, "web-group", { deploymentConfigName: name });
            assert.equal(registry.ofType(T.config).length, 0);
        });
    }

    it("maps a minimum of 50% healthy hosts to HalfAtATime rather than creating a config", async () => {
        const { registry } = await buildGroup(serverArgs({ config: { minimumHealthy: { type: "FLEET_PERCENT", value: 50 } } }));
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: "CodeDeployDefault.HalfAtATime" });
        assert.equal(registry.ofType(T.config).length, 0);
    });

    it("creates a Server config of its own for a minimum of 2 healthy hosts", async () => {
        const { registry } = await buildGroup(serverArgs({ config: { minimumHealthy: { type: "HOST_COUNT", value: 2 } } }));
        const config = registry.hasInputs(T.config, "web-deployment-config", {
            computePlatform: "Server",
            minimumHealthyHosts: { type: "HOST_COUNT", value: 2 },
            trafficRoutingConfig: undefined,
        });
        registry.hasInputs(T.group, "web-group", { deploymentConfigName: config.outputs.deploymentConfigName });
    });

    it("takes instances out of their target groups while deployed to (WITH_TRAFFIC_CONTROL) when target groups are given", async () => {
        const { registry } = await buildGroup(serverArgs({ target: { server: { autoScalingGroupNames: ["shop-asg"], targetGroupNames: ["shop-tg"] } } }));
        registry.hasInputs(T.group, "web-group", {
            deploymentStyle: { deploymentType: "IN_PLACE", deploymentOption: "WITH_TRAFFIC_CONTROL" },
            loadBalancerInfo: { targetGroupInfos: [{ name: "shop-tg" }], targetGroupPairInfo: undefined },
        });
    });

    it("selects instances by tag: key and value, or key only", async () => {
        const { registry } = await buildGroup({ target: { server: { ec2TagFilters: [{ key: "app", value: "shop" }, { key: "canary" }] } } });
        registry.hasInputs(T.group, "web-group", {
            autoscalingGroups: undefined,
            ec2TagFilters: [
                { key: "app", value: "shop", type: "KEY_AND_VALUE" },
                { key: "canary", type: "KEY_ONLY" },
            ],
        });
    });

    it("keeps AWSCodeDeployRole (lifecycle hooks, tags, load balancers of Auto Scaling groups) and adds only its options' statements", async () => {
        const { registry } = await buildGroup(
            serverArgs({
                target: { server: { ec2TagFilters: [{ key: "app" }] } },
                alarms: ["shop-5xx"],
                notifications: { topicArn: TOPIC, events: ["InstanceFailure"] },
            }),
        );
        assert.deepEqual(registry.managedPoliciesOf("web-role"), ["arn:aws:iam::aws:policy/service-role/AWSCodeDeployRole"]);
        assert.deepEqual(
            registry.statementsOf("web-role").map((s) => s.Sid),
            ["PollAlarms", "PublishTrigger"],
        );
        registry.hasInputs(T.group, "web-group", { triggerConfigurations: [{ triggerEvents: ["InstanceFailure"] }] });
    });

    it("creates no inline policy when it needs no statement beyond the managed one (tagged instances)", async () => {
        const { registry } = await buildGroup(serverArgs({ target: { server: { ec2TagFilters: [{ key: "app" }] } } }));
        assert.equal(registry.ofType(T.rolePolicy).length, 0);
    });

    it("lets CodeDeploy launch Auto Scaling instances from a launch template: RunInstances, CreateTags, PassRole on exactly the instance roles to EC2", async () => {
        const { registry, warnings } = await buildGroup(
            serverArgs({ target: { server: { autoScalingGroupNames: ["shop-asg"], instanceRoleArns: [INSTANCE_ROLE] } } }),
        );
        const statements = registry.statementsOf("web-role");
        assert.deepEqual(
            statements.find((s) => s.Sid === "LaunchTemplateInstances"),
            { Sid: "LaunchTemplateInstances", Effect: "Allow", Action: ["ec2:RunInstances", "ec2:CreateTags"], Resource: "*" },
        );
        assert.deepEqual(
            statements.find((s) => s.Sid === "PassInstanceRoles"),
            {
                Sid: "PassInstanceRoles",
                Effect: "Allow",
                Action: "iam:PassRole",
                Resource: [INSTANCE_ROLE],
                Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
            },
        );
        assert.deepEqual(warnings, []);
    });

    it("warns when Auto Scaling groups are given without their instance roles, and passes no role", async () => {
        const { registry, warnings } = await buildGroup(serverArgs());
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /^\[aws-platform:cicd:no-instance-roles\] DeploymentGroup "web": target\.server\.instanceRoleArns is empty/);
        assert.equal(
            registry.statementsOf("web-role").find((s) => s.Sid === "PassInstanceRoles"),
            undefined,
        );
    });
    it("trusts codedeploy.amazonaws.com for this account and this deployment group only", async () => {
        const { registry, result } = await buildGroup(serverArgs());
        const trust = JSON.parse(registry.one(T.role, "web-role").inputs.assumeRolePolicy);
        assert.deepEqual(trust.Statement[0].Principal, { Service: "codedeploy.amazonaws.com" });
        assert.deepEqual(trust.Statement[0].Condition, {
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": await unwrap(result.deploymentGroupArn) },
        });
    });

    it("rolls back on failure, on its alarms and on a stop request when asked", async () => {
        const { registry } = await buildGroup(serverArgs({ alarms: ["shop-5xx"], rollback: { onStopRequest: true } }));
        registry.hasInputs(T.group, "web-group", {
            alarmConfiguration: { enabled: true, alarms: ["shop-5xx"] },
            autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_STOP_ON_REQUEST"] },
        });
    });
});
