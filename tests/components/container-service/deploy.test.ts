import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ContainerService } from "../../../components/container-service";
import type { ServiceDeploymentArgs } from "../../../components/container-service/args";
import { build, unwrap } from "../../../components/testing";
import { CERT, IMAGE, T, web, webService, withArgs, buildShop } from "./fixtures";

const HOOK = "arn:aws:lambda:us-east-1:123456789012:function:smoke";
const HOOK2 = "arn:aws:lambda:us-east-1:123456789012:function:gate:live";
const INFRA_POLICY = "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers";

/** The base shop (web, the ALB "public"'s default action) with `deployment` on web. */
const shop = (deployment: ServiceDeploymentArgs, more?: Parameters<typeof withArgs>[0]) =>
    buildShop((a) => {
        web(a).deployment = deployment;
        more?.(a);
    });

describe("ContainerService deployments", () => {
    it("keeps a rolling service on one target group, without deploy role, rules left to Pulumi, and sends strategy ROLLING so leaving blue-green reaches ECS", async () => {
        const { registry } = await shop({}, (a) => {
            a.services!.api = webService(8080, "public", {
                loadBalancer: { name: "public", containerPort: 8080, rule: { priority: 10, pathPatterns: ["/api/*"] } },
            });
        });
        assert.deepEqual(
            registry.ofType(T.tg).map((r) => r.name),
            ["shop-web-tg", "shop-api-tg"],
        );
        assert.equal(registry.named("shop-web-deploy-role"), undefined);
        const service = registry.one(T.service, "shop-web");
        // The provider keeps a removed deployment_configuration (Optional+Computed): ROLLING is sent explicitly.
        assert.deepEqual(service.inputs.deploymentConfiguration, { strategy: "ROLLING" });
        assert.equal(service.inputs.deploymentController, undefined);
        assert.deepEqual(service.inputs.deploymentCircuitBreaker, { enable: true, rollback: true });
        assert.equal(service.inputs.loadBalancers[0].advancedConfiguration, undefined);
        assert.deepEqual(registry.one(T.rule, "shop-api-rule").ignoreChanges, []);
    });

    it("blue-green on a default-action service: an alternate target group, a catch-all production rule forwarding to both groups (100/0) that ECS may rewrite, and the advanced configuration", async () => {
        const { registry } = await shop({ strategy: "blue-green", bakeTimeMinutes: 10 });
        const alt = registry.one(T.tg, "shop-web-tg-alt");
        const primary = registry.one(T.tg, "shop-web-tg");
        // Same port, protocol, target type and health check as the primary: ECS moves tasks between them.
        for (const k of ["port", "protocol", "targetType", "healthCheck", "vpcId"]) assert.deepEqual(alt.inputs[k], primary.inputs[k], k);
        const rule = registry.hasInputs(T.rule, "shop-web-rule", {
            listenerArn: registry.one(T.listener, "shop-public-listener-80").outputs.arn,
            priority: 50000,
            conditions: [{ pathPattern: { values: ["/*"] } }],
            // ECS refuses to deploy unless both target groups are in the routes' actions.
            actions: [
                {
                    type: "forward",
                    forward: {
                        targetGroups: [
                            { arn: primary.outputs.arn, weight: 100 },
                            { arn: alt.outputs.arn, weight: 0 },
                        ],
                    },
                },
            ],
        });
        assert.deepEqual(rule.ignoreChanges, ["actions"]);
        const role = registry.one(T.role, "shop-web-deploy-role");
        registry.hasInputs(T.service, "shop-web", {
            deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: "10" },
            deploymentCircuitBreaker: { enable: true, rollback: true },
            loadBalancers: [
                {
                    targetGroupArn: primary.outputs.arn,
                    advancedConfiguration: {
                        alternateTargetGroupArn: alt.outputs.arn,
                        productionListenerRule: rule.outputs.arn,
                        roleArn: role.outputs.arn,
                        testListenerRule: undefined,
                    },
                },
            ],
        });
    });

    it("gives the deploy role AWS's load balancer infrastructure policy, trusted by ECS only, and no inline policy without hooks", async () => {
        const { registry } = await shop({ strategy: "blue-green" });
        const role = registry.one(T.role, "shop-web-deploy-role");
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement, [
            { Sid: "AllowAccessToECSForInfrastructureManagement", Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        assert.deepEqual(registry.managedPoliciesOf(role), [INFRA_POLICY]);
        assert.deepEqual(registry.policiesOf(role), []);
    });

    it("lets the deploy role invoke exactly the hooks' functions, and passes each hook its stages, role and details", async () => {
        const { registry } = await shop({
            strategy: "blue-green",
            testListenerPort: 8080,
            lifecycleHooks: {
                smoke: { lambdaArn: HOOK, stages: ["POST_TEST_TRAFFIC_SHIFT"], details: { path: "/health" } },
                gate: { lambdaArn: HOOK2, stages: ["PRE_SCALE_UP", "POST_PRODUCTION_TRAFFIC_SHIFT"] },
            },
        });
        const role = registry.one(T.role, "shop-web-deploy-role");
        assert.deepEqual(registry.statementsOf(role), [
            { Sid: "InvokeLifecycleHooks", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [HOOK, HOOK2] },
        ]);
        const hooks = registry.one(T.service, "shop-web").inputs.deploymentConfiguration.lifecycleHooks;
        assert.deepEqual(hooks, [
            { hookTargetArn: HOOK, roleArn: role.outputs.arn, lifecycleStages: ["POST_TEST_TRAFFIC_SHIFT"], hookDetails: '{"path":"/health"}' },
            { hookTargetArn: HOOK2, roleArn: role.outputs.arn, lifecycleStages: ["PRE_SCALE_UP", "POST_PRODUCTION_TRAFFIC_SHIFT"] },
        ]);
    });

    it("sends linear steps and canary percentages with their minutes as the provider's strings, the default bake time, and the circuit breaker explicitly off (AWS documents it for rolling and blue-green only)", async () => {
        const linear = await shop({ strategy: "linear", linear: { stepPercent: 25, stepBakeMinutes: 5 } });
        linear.registry.hasInputs(T.service, "shop-web", {
            deploymentConfiguration: {
                strategy: "LINEAR",
                bakeTimeInMinutes: "5",
                linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: "5" },
                canaryConfiguration: undefined,
            },
            // Off, not omitted: the provider suppresses the diff of a removed circuit breaker block.
            deploymentCircuitBreaker: { enable: false, rollback: false },
        });
        const canary = await shop({ strategy: "canary", canary: { percent: 12.5, bakeMinutes: 0 } });
        canary.registry.hasInputs(T.service, "shop-web", {
            deploymentConfiguration: {
                strategy: "CANARY",
                bakeTimeInMinutes: "5",
                canaryConfiguration: { canaryPercent: 12.5, canaryBakeTimeInMinutes: "0" },
                linearConfiguration: undefined,
            },
            deploymentCircuitBreaker: { enable: false, rollback: false },
        });
    });

    it("serves test traffic on an ALB test listener (HTTPS with the certificate, 404 by default) through a rule matching like the production one", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers!.public.certificateArn = CERT;
            a.services!.api = webService(8080, "public", {
                loadBalancer: { name: "public", containerPort: 8080, rule: { priority: 10, pathPatterns: ["/api/*"], hosts: ["api.example.com"] } },
                deployment: { strategy: "canary", canary: { percent: 10, bakeMinutes: 5 }, testListenerPort: 8443 },
            });
            web(a).deployment = { strategy: "blue-green", testListenerPort: 8443 };
        });
        const listener = registry.hasInputs(T.listener, "shop-public-listener-8443", {
            port: 8443,
            protocol: "HTTPS",
            certificateArn: CERT,
            defaultActions: [{ type: "fixed-response", fixedResponse: { statusCode: "404" } }],
        });
        const apiTest = registry.hasInputs(T.rule, "shop-api-test-rule", {
            listenerArn: listener.outputs.arn,
            priority: 10,
            conditions: [{ pathPattern: { values: ["/api/*"] } }, { hostHeader: { values: ["api.example.com"] } }],
            actions: [
                {
                    type: "forward",
                    forward: {
                        targetGroups: [
                            { arn: registry.one(T.tg, "shop-api-tg").outputs.arn, weight: 100 },
                            { arn: registry.one(T.tg, "shop-api-tg-alt").outputs.arn, weight: 0 },
                        ],
                    },
                },
            ],
        });
        assert.deepEqual(apiTest.ignoreChanges, ["actions"]);
        const webTest = registry.hasInputs(T.rule, "shop-web-test-rule", { priority: 50000, conditions: [{ pathPattern: { values: ["/*"] } }] });
        registry.hasInputs(T.service, "shop-api", { loadBalancers: [{ advancedConfiguration: { testListenerRule: apiTest.outputs.arn } }] });
        registry.hasInputs(T.service, "shop-web", { loadBalancers: [{ advancedConfiguration: { testListenerRule: webTest.outputs.arn } }] });
        // The production rule of a path service keeps its own priority and conditions.
        registry.hasInputs(T.rule, "shop-api-rule", {
            priority: 10,
            conditions: [{ pathPattern: { values: ["/api/*"] } }, { hostHeader: { values: ["api.example.com"] } }],
        });
        const ingress = registry.one(T.sg, "shop-public-lb-sg").inputs.ingress;
        assert.deepEqual(
            ingress.map((r: { fromPort: number }) => r.fromPort),
            [80, 443, 8443],
        );
        // The unreleased revision is not served to the internet: the test port admits the VPC only by default.
        assert.deepEqual(ingress[2].cidrBlocks, ["10.0.0.0/16"]);
        assert.deepEqual(ingress[1].cidrBlocks, ["0.0.0.0/0"]);
    });

    it("admits testIngressCidrs on the test listener port, beside prefix lists on the main port", async () => {
        const { registry } = await shop({ strategy: "blue-green", testListenerPort: 8443 }, (a) => {
            a.loadBalancers!.public.ingressPrefixListIds = ["pl-3b927c52"];
            a.loadBalancers!.public.testIngressCidrs = ["10.0.0.0/16", "203.0.113.0/24"];
        });
        const ingress = registry.one(T.sg, "shop-public-lb-sg").inputs.ingress;
        assert.deepEqual(
            ingress.map((r: { fromPort: number; prefixListIds?: string[]; cidrBlocks?: string[] }) => [r.fromPort, r.prefixListIds, r.cidrBlocks]),
            [
                [80, ["pl-3b927c52"], undefined],
                [8443, undefined, ["10.0.0.0/16", "203.0.113.0/24"]],
            ],
        );
    });

    it("on an NLB shifts the listeners themselves: production and test listener ARNs, both forwarding 100/0 to the two groups, default actions left to ECS", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers = { inner: { type: "network", internal: true } };
            a.services = {
                tcp: webService(9000, "inner", {
                    loadBalancer: { name: "inner", containerPort: 9000, listenerPort: 9000 },
                    deployment: { strategy: "linear", linear: { stepPercent: 20, stepBakeMinutes: 2 }, testListenerPort: 9001 },
                }),
            };
        });
        const both = {
            type: "forward",
            forward: {
                targetGroups: [
                    { arn: registry.one(T.tg, "shop-tcp-tg").outputs.arn, weight: 100 },
                    { arn: registry.one(T.tg, "shop-tcp-tg-alt").outputs.arn, weight: 0 },
                ],
            },
        };
        const prod = registry.hasInputs(T.listener, "shop-inner-listener-9000", { protocol: "TCP", defaultActions: [both] });
        const test = registry.hasInputs(T.listener, "shop-inner-listener-9001", { port: 9001, protocol: "TCP", defaultActions: [both] });
        assert.deepEqual(prod.ignoreChanges, ["defaultActions"]);
        assert.deepEqual(test.ignoreChanges, ["defaultActions"]);
        assert.equal(registry.ofType(T.rule).length, 0);
        registry.hasInputs(T.service, "shop-tcp", {
            loadBalancers: [
                {
                    advancedConfiguration: {
                        alternateTargetGroupArn: registry.one(T.tg, "shop-tcp-tg-alt").outputs.arn,
                        productionListenerRule: prod.outputs.arn,
                        testListenerRule: test.outputs.arn,
                    },
                },
            ],
        });
        const ports = registry.one(T.sg, "shop-inner-lb-sg").inputs.ingress.map((r: { fromPort: number }) => r.fromPort);
        assert.deepEqual(ports, [9000, 9001]);
    });

    it("rolls back on the service's own load balancer alarms, named before they exist, and on named alarms", async () => {
        const { registry, result } = await shop({ strategy: "blue-green", rollbackAlarms: { serviceAlarms: true, names: ["checkout-p99"] } });
        const http5xx = registry.one(T.alarm, "shop-web-http-5xx");
        const unhealthy = registry.one(T.alarm, "shop-web-unhealthy-hosts");
        assert.match(http5xx.inputs.name, /^shop-web-http-5xx-[0-9a-f]{7}$/);
        assert.match(unhealthy.inputs.name, /^shop-web-unhealthy-hosts-[0-9a-f]{7}$/);
        // Alarms not taking part keep their generated names.
        assert.equal(registry.one(T.alarm, "shop-web-cpu-high").inputs.name, undefined);
        registry.hasInputs(T.service, "shop-web", {
            alarms: { alarmNames: [http5xx.inputs.name, unhealthy.inputs.name, "checkout-p99"], enable: true, rollback: true },
        });
        assert.ok(result.resources.services.web.alarms.http5xx);
    });

    it("watches both target groups in the load balancer alarms of a blue-green service, where the live revision alternates between them", async () => {
        const { registry } = await shop({ strategy: "blue-green", rollbackAlarms: { serviceAlarms: true } });
        const suffixes = ["shop-web-tg", "shop-web-tg-alt"].map((n) => registry.one(T.tg, n).outputs.arnSuffix);
        const lb = registry.one(T.lb, "shop-public-alb").outputs.arnSuffix;
        const expect = (metricName: string, stat: string, expression: string) => [
            ...suffixes.map((tg, i) => ({
                id: `tg${i}`,
                metric: { namespace: "AWS/ApplicationELB", metricName, dimensions: { LoadBalancer: lb, TargetGroup: tg }, stat, period: 60 },
                returnData: false,
            })),
            { id: "both", expression, label: metricName, returnData: true },
        ];
        const http5xx = registry.one(T.alarm, "shop-web-http-5xx").inputs;
        assert.deepEqual(http5xx.metricQueries, expect("HTTPCode_Target_5XX_Count", "Sum", "SUM([FILL(tg0, 0), FILL(tg1, 0)])"));
        assert.equal(http5xx.metricName, undefined);
        const unhealthy = registry.one(T.alarm, "shop-web-unhealthy-hosts").inputs;
        assert.deepEqual(unhealthy.metricQueries, expect("UnHealthyHostCount", "Maximum", "MAX([FILL(tg0, 0), FILL(tg1, 0)])"));
    });

    it("blue-green without bakeTimeMinutes sends the 5-minute default, since ECS requires a bake time with BLUE_GREEN", async () => {
        const { registry } = await shop({ strategy: "blue-green" });
        registry.hasInputs(T.service, "shop-web", { deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: "5" } });
    });

    it("rolling with named rollback alarms sends the alarms, strategy ROLLING and no bake time", async () => {
        const { registry } = await shop({ rollback: false, rollbackAlarms: { names: ["orders-errors"] } });
        registry.hasInputs(T.service, "shop-web", {
            alarms: { alarmNames: ["orders-errors"], enable: true, rollback: false },
            deploymentConfiguration: { strategy: "ROLLING", bakeTimeInMinutes: undefined },
            deploymentCircuitBreaker: { enable: true, rollback: false },
        });
    });

    it("CODE_DEPLOY: the controller, no ECS deployment settings, the service's CodeDeploy-owned fields ignored, the listener's default action left to CodeDeploy", async () => {
        const { registry, result } = await shop({ controller: "code-deploy", testListenerPort: 8080 });
        const service = registry.hasInputs(T.service, "shop-web", {
            deploymentController: { type: "CODE_DEPLOY" },
            deploymentCircuitBreaker: undefined,
            deploymentConfiguration: undefined,
            alarms: undefined,
        });
        assert.equal(service.inputs.loadBalancers[0].advancedConfiguration, undefined);
        assert.deepEqual(service.ignoreChanges, ["taskDefinition", "loadBalancers", "networkConfiguration", "platformVersion", "capacityProviderStrategies"]);
        assert.equal(registry.named("shop-web-deploy-role"), undefined);
        // CodeDeploy shifts a default-action service on the listener itself: no catch-all rule.
        assert.equal(registry.ofType(T.rule).length, 0);
        const main = registry.one(T.listener, "shop-public-listener-80");
        assert.deepEqual(main.ignoreChanges, ["defaultActions"]);
        const test = registry.one(T.listener, "shop-public-listener-8080");
        const d = result.resources.services.web.deployment!;
        assert.deepEqual(
            {
                controller: d.controller,
                targetGroupNames: await Promise.all(d.targetGroupNames.map(unwrap)),
                productionListenerArns: await Promise.all(d.productionListenerArns.map(unwrap)),
                testListenerArns: await Promise.all(d.testListenerArns.map(unwrap)),
            },
            {
                controller: "code-deploy",
                targetGroupNames: [registry.one(T.tg, "shop-web-tg").outputs.name, registry.one(T.tg, "shop-web-tg-alt").outputs.name],
                productionListenerArns: [main.outputs.arn],
                testListenerArns: [test.outputs.arn],
            },
        );
    });

    it("CODE_DEPLOY with scaling ignores the desired count too", async () => {
        const { registry } = await shop({ controller: "code-deploy" }, (a) => {
            web(a).scaling = { minCount: 1, maxCount: 3, cpuTargetPercent: 60 };
        });
        assert.deepEqual(registry.one(T.service, "shop-web").ignoreChanges, [
            "desiredCount",
            "taskDefinition",
            "loadBalancers",
            "networkConfiguration",
            "platformVersion",
            "capacityProviderStrategies",
        ]);
    });

    it('releasedBy "pipeline" leaves an ECS-controller service\'s task definition to the pipeline, which "pulumi" (the default) keeps', async () => {
        const { registry } = await shop({ releasedBy: "pipeline" }, (a) => {
            web(a).scaling = { minCount: 1, maxCount: 3, cpuTargetPercent: 60 };
        });
        assert.deepEqual(registry.one(T.service, "shop-web").ignoreChanges, ["desiredCount", "taskDefinition"]);
        const { registry: byPulumi } = await shop({});
        assert.deepEqual(byPulumi.one(T.service, "shop-web").ignoreChanges, []);
    });

    it("documents that a pipeline-released or CodeDeploy service runs the program's task definition changes only as the pipeline deploys them", () => {
        const source = fs.readFileSync(path.resolve(__dirname, "../../../components/container-service/args.ts"), "utf8");
        const doc = (field: string) => source.match(new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*${field}\\?:`))?.[1].replace(/\s*\n\s*\*\s*/g, " ") ?? "";
        const releasedBy = doc("releasedBy");
        // The ECS action copies the service's revision (action-reference-ECS): newer revisions are ignored.
        assert.match(releasedBy, /never deployed/);
        assert.match(releasedBy, /action-reference-ECS\.html/);
        assert.match(releasedBy, /aws ecs update-service --cluster <c> --service <s> --task-definition <family>:<revision>/);
        const controller = doc("controller");
        assert.match(controller, /taskdef\.json/);
        assert.match(controller, /latest ACTIVE revision/);
        assert.match(controller, /next pipeline run, not with `pulumi up`/);
    });

    it("exposes the two target groups and the deploy role of an ECS blue-green service in resources", async () => {
        const { registry, result } = await shop({ strategy: "blue-green" });
        const d = result.resources.services.web.deployment!;
        assert.equal(await unwrap(d.targetGroups.alternate.arn), registry.one(T.tg, "shop-web-tg-alt").outputs.arn);
        assert.equal(await unwrap(d.role!.arn), registry.one(T.role, "shop-web-deploy-role").outputs.arn);
        assert.equal(result.resources.services.web.target!.routes!.alternate, d.targetGroups.alternate);
    });

    it("reaches the listener rules and the deploy role through transform.listenerRule and transform.deployRole", async () => {
        const seen: string[] = [];
        const { registry } = await shop({ strategy: "blue-green", testListenerPort: 8080 }, (a) => {
            a.transform = {
                listenerRule: (args, _opts, name) => {
                    seen.push(name);
                    return { ...args, tags: { ...(args.tags as object), rule: name } };
                },
                deployRole: { maxSessionDuration: 7200 },
            };
        });
        assert.deepEqual(seen.sort(), ["shop-web-rule", "shop-web-test-rule"]);
        assert.equal(registry.one(T.role, "shop-web-deploy-role").inputs.maxSessionDuration, 7200);
    });

    it("warns that scaling on requests per target follows only the primary target group of a two-target-group service", async () => {
        const { warnings } = await shop({ strategy: "blue-green" }, (a) => {
            web(a).scaling = { minCount: 1, maxCount: 4, requestsPerTarget: 500 };
        });
        assert.deepEqual(warnings.filter((w) => w.startsWith("[aws-platform:ecs:requests-scaling-two-target-groups]")).length, 1);
        const rolling = await shop({}, (a) => {
            web(a).scaling = { minCount: 1, maxCount: 4, requestsPerTarget: 500 };
        });
        assert.equal(rolling.warnings.filter((w) => w.includes("requests-scaling-two-target-groups")).length, 0);
    });

    it("accepts a hook at a test traffic stage without a test listener (ECS runs those stages anyway) and warns that no test traffic arrives", async () => {
        const { registry, warnings } = await shop({
            strategy: "blue-green",
            lifecycleHooks: { smoke: { lambdaArn: HOOK, stages: ["POST_TEST_TRAFFIC_SHIFT"] } },
        });
        assert.deepEqual(registry.one(T.service, "shop-web").inputs.deploymentConfiguration.lifecycleHooks[0].lifecycleStages, ["POST_TEST_TRAFFIC_SHIFT"]);
        assert.equal(warnings.filter((w) => w.startsWith("[aws-platform:ecs:test-stage-without-test-listener]") && w.includes("smoke")).length, 1);
        const withListener = await shop({
            strategy: "blue-green",
            testListenerPort: 8443,
            lifecycleHooks: { smoke: { lambdaArn: HOOK, stages: ["POST_TEST_TRAFFIC_SHIFT"] } },
        });
        assert.equal(withListener.warnings.filter((w) => w.includes("test-stage-without-test-listener")).length, 0);
    });

    it("leaves the other services of a shared ALB rolling: one target group, and rules Pulumi keeps", async () => {
        const { registry } = await shop({ strategy: "blue-green" }, (a) => {
            a.services!.docs = {
                containers: { docs: { image: IMAGE, portMappings: [{ containerPort: 3000 }] } },
                loadBalancer: { name: "public", containerPort: 3000, rule: { priority: 5, pathPatterns: ["/docs/*"] } },
            };
        });
        assert.equal(registry.named("shop-docs-tg-alt"), undefined);
        assert.deepEqual(registry.one(T.rule, "shop-docs-rule").ignoreChanges, []);
    });
    it("on a joined listener (listenerArn) shifts the service's own rule, and names the joined listener as production", async () => {
        const listenerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/0123456789abcdef/fedcba9876543210";
        const { registry, result: resources } = await build(() => {
            const c = new ContainerService(
                "shop",
                withArgs((a) => {
                    a.loadBalancers = { shared: { type: "application", listenerArn, securityGroupId: "sg-0123456789abcdef0" } };
                    web(a).loadBalancer = { name: "shared", containerPort: 80, rule: { priority: 10, hosts: ["shop.example.com"] } };
                    web(a).deployment = { strategy: "blue-green" };
                }),
            );
            return c.resources;
        });
        assert.equal(registry.ofType(T.listener).length, 0);
        const rule = registry.one(T.rule, "shop-web-rule");
        assert.equal(rule.inputs.listenerArn, listenerArn);
        assert.deepEqual(rule.ignoreChanges, ["actions"]);
        const advanced = registry.one(T.service, "shop-web").inputs.loadBalancers[0].advancedConfiguration;
        assert.equal(advanced.productionListenerRule, rule.outputs.arn);
        assert.equal(advanced.alternateTargetGroupArn, registry.one(T.tg, "shop-web-tg-alt").outputs.arn);
        assert.deepEqual(await Promise.all(resources.services.web.deployment!.productionListenerArns.map(unwrap)), [listenerArn]);
    });

    it("with additionalLoadBalancers shifts only the primary target group: the others are listed after it, without advanced configuration", async () => {
        const { registry } = await shop({ strategy: "blue-green" }, (a) => {
            a.loadBalancers!.inner = { type: "network", internal: true };
            web(a).additionalLoadBalancers = [{ name: "inner", containerPort: 80, listenerPort: 9000 }];
        });
        const lbs = registry.one(T.service, "shop-web").inputs.loadBalancers;
        assert.equal(lbs.length, 2);
        assert.equal(lbs[0].targetGroupArn, registry.one(T.tg, "shop-web-tg").outputs.arn);
        assert.ok(lbs[0].advancedConfiguration);
        assert.equal(lbs[1].targetGroupArn, registry.one(T.tg, "shop-web-inner-tg").outputs.arn);
        assert.equal(lbs[1].advancedConfiguration, undefined);
        assert.equal(registry.named("shop-web-inner-tg-alt"), undefined);
        // The NLB listener of the additional target group stays Pulumi's.
        assert.deepEqual(registry.one(T.listener, "shop-inner-listener-9000").ignoreChanges, []);
    });
});
