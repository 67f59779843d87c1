/**
 * The group wired to the components it deploys: a ContainerService service with the CodeDeploy
 * controller (its `resources.services[key].deployment`) and a LambdaFunction with an alias. Also checks,
 * at compile time, that the class satisfies DeliveryPipeline's `CodeDeployTarget`.
 */
import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import type { CodeDeployTarget } from "../../../components/delivery-pipeline";
import { DeploymentGroup } from "../../../components/deployment-group";
import { LambdaFunction } from "../../../components/lambda-function";
import { build, unwrap } from "../../../components/testing";
import { T as CS, web, withArgs } from "../container-service/fixtures";
import { ENTRY } from "../lambda-function/fixtures";
import { T } from "./fixtures";

describe("DeploymentGroup wired to the components it deploys", () => {
    it("takes a code-deploy ContainerService service's cluster, service, both target groups, listeners and task roles", async () => {
        const { registry, result } = await build(() => {
            const shop = new ContainerService(
                "shop",
                withArgs((a) => {
                    web(a).deployment = { controller: "code-deploy", testListenerPort: 8080 };
                }),
            );
            const svc = shop.resources.services.web;
            const d = svc.deployment!;
            const group = new DeploymentGroup("web", {
                target: {
                    ecs: {
                        clusterName: shop.clusterName,
                        serviceName: svc.service.name,
                        targetGroupNames: d.targetGroupNames,
                        productionListenerArns: d.productionListenerArns,
                        testListenerArns: d.testListenerArns,
                        passRoleArns: [svc.task.taskRole.arn, svc.task.executionRole.arn],
                    },
                },
                config: { canary: { percent: 10, intervalMinutes: 5 } },
                alarms: [svc.alarms.http5xx.name, svc.alarms.unhealthy.name],
            });
            return { shop, group };
        });
        const cluster = registry.one(CS.cluster);
        const service = registry.one(CS.service, "shop-web");
        registry.hasInputs(T.group, "web-group", {
            deploymentConfigName: "CodeDeployDefault.ECSCanary10Percent5Minutes",
            ecsService: { clusterName: cluster.outputs.name, serviceName: service.outputs.name },
            loadBalancerInfo: {
                targetGroupPairInfo: {
                    targetGroups: [{ name: registry.one(CS.tg, "shop-web-tg").outputs.name }, { name: registry.one(CS.tg, "shop-web-tg-alt").outputs.name }],
                    prodTrafficRoute: { listenerArns: [registry.one(CS.listener, "shop-public-listener-80").outputs.arn] },
                    testTrafficRoute: { listenerArns: [registry.one(CS.listener, "shop-public-listener-8080").outputs.arn] },
                },
            },
            alarmConfiguration: {
                enabled: true,
                alarms: [registry.one(CS.alarm, "shop-web-http-5xx").outputs.name, registry.one(CS.alarm, "shop-web-unhealthy-hosts").outputs.name],
            },
            autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
        });
        // The service leaves its task definition and routes to CodeDeploy.
        assert.ok(service.ignoreChanges.includes("taskDefinition"));
        const pass = registry.statementsOf("web-role").find((s) => s.Sid === "PassTaskRoles");
        assert.deepEqual(pass.Resource, [
            registry.one(CS.role, "shop-web-task-role").outputs.arn,
            registry.one(CS.role, "shop-web-execution-role").outputs.arn,
        ]);
        assert.equal(
            registry.statementsOf("web-role").find((s) => s.Sid === "TaskSets").Resource[0],
            `arn:aws:ecs:us-east-1:123456789012:service/${cluster.outputs.name}/${service.outputs.name}`,
        );
        const target: CodeDeployTarget = result.group;
        assert.equal(target.computePlatform, "ECS");
    });

    it("takes a LambdaFunction's name and alias, the alias left to CodeDeploy through the function's transform", async () => {
        const { registry, result } = await build(() => {
            const fn = new LambdaFunction("orders", {
                entry: ENTRY,
                alias: { name: "live" },
                // CodeDeploy moves the alias between versions: a later `pulumi up` must not move it back.
                transform: {
                    alias: (_a, opts) => {
                        opts.ignoreChanges = ["functionVersion", "routingConfig"];
                    },
                },
            });
            const group = new DeploymentGroup("orders-deploy", {
                target: { lambda: { functionName: fn.functionName, alias: fn.resources.alias!.name } },
                config: { linear: { percent: 10, intervalMinutes: 1 } },
            });
            return { fn, group };
        });
        const fn = registry.one("aws:lambda/function:Function");
        const alias = registry.one("aws:lambda/alias:Alias");
        assert.deepEqual(alias.ignoreChanges, ["functionVersion", "routingConfig"]);
        registry.hasInputs(T.group, "orders-deploy-group", {
            deploymentConfigName: "CodeDeployDefault.LambdaLinear10PercentEvery1Minute",
            deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
        });
        assert.deepEqual(registry.statementsOf("orders-deploy-role")[0].Resource, [fn.outputs.arn, `${fn.outputs.arn}:live`]);
        const target: CodeDeployTarget = result.group;
        assert.equal(target.computePlatform, "Lambda");
        assert.equal(await unwrap(target.deploymentConfigName), "CodeDeployDefault.LambdaLinear10PercentEvery1Minute");
    });
});
