import * as assert from "node:assert";
import type { ContainerServiceArgs, ServiceDeploymentArgs } from "../../../components/container-service/args";
import { normalize } from "../../../components/container-service/defaults";
import { validate } from "../../../components/container-service/validate";
import { CERT, web, webService, withArgs, assertRefusedAt } from "./fixtures";

const HOOK = "arn:aws:lambda:us-east-1:123456789012:function:smoke";

/** The base shop (web, the ALB "public"'s default action) with `deployment` on web. */
const deploying = (deployment: ServiceDeploymentArgs, more?: (a: ContainerServiceArgs) => void) =>
    withArgs((a) => {
        web(a).deployment = deployment;
        more?.(a);
    });

const nlb = (deployment: ServiceDeploymentArgs, other?: ServiceDeploymentArgs) =>
    withArgs((a) => {
        a.loadBalancers = { inner: { type: "network" } };
        a.services = {
            tcp: webService(9000, "inner", { loadBalancer: { name: "inner", containerPort: 9000, listenerPort: 9000 }, deployment }),
            ...(other
                ? { udp: webService(9100, "inner", { loadBalancer: { name: "inner", containerPort: 9100, listenerPort: 9100 }, deployment: other }) }
                : {}),
        };
    });

interface Case {
    title: string;
    args: ContainerServiceArgs;
    path: string;
    message: RegExp;
}

const LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/0123456789abcdef/fedcba9876543210";

/** web on the existing listener "shared" (listenerArn), with its own rule and `deployment`. */
const joined = (deployment: ServiceDeploymentArgs) =>
    deploying(deployment, (a) => {
        a.loadBalancers = { shared: { type: "application", listenerArn: LISTENER, securityGroupId: "sg-0123456789abcdef0" } };
        web(a).loadBalancer = { name: "shared", containerPort: 80, rule: { priority: 10, hosts: ["shop.example.com"] } };
    });

const cases: Case[] = [
    {
        title: "rejects a releasedBy other than pulumi or pipeline",
        args: deploying({ releasedBy: "codedeploy" as never }),
        path: "services.web.deployment.releasedBy",
        message: /"pulumi", "pipeline"/,
    },
    {
        title: "rejects CodeDeploy with additionalLoadBalancers (several target groups need the ECS controller)",
        args: deploying({ controller: "code-deploy" }, (a) => {
            a.loadBalancers!.inner = { type: "network", internal: true };
            web(a).additionalLoadBalancers = [{ name: "inner", containerPort: 80, listenerPort: 9000 }];
        }),
        path: "services.web.deployment.controller",
        message: /additionalLoadBalancers \(inner\).*only with the ECS controller; allowed: controller "ecs"/,
    },
    {
        title: "rejects CodeDeploy on a joined listener (it would shift the default action of a listener the component does not own)",
        args: joined({ controller: "code-deploy" }),
        path: "services.web.deployment.controller",
        message: /existing one \(listenerArn\) the component does not own/,
    },
    {
        title: "rejects a test listener port on a joined listener (the test listener would be on a load balancer the component does not own)",
        args: joined({ strategy: "blue-green", testListenerPort: 8080 }),
        path: "services.web.deployment.testListenerPort",
        message: /joins an existing listener \(listenerArn\)/,
    },
    {
        title: "rejects CodeDeploy with an EBS volume (ECS attaches EBS volumes only under the ECS controller)",
        args: deploying({ controller: "code-deploy" }, (a) => {
            web(a).ebsVolume = { containerPath: "/scratch", sizeGiB: 20 };
        }),
        path: "services.web.deployment.controller",
        message: /cannot deploy a service with ebsVolume/,
    },
    {
        title: "rejects a test listener port that is another service's additional listener port on the same load balancer",
        args: deploying({ strategy: "blue-green", testListenerPort: 8443 }, (a) => {
            a.loadBalancers!.private = { type: "application", internal: true };
            a.services!.api = webService(3000, "private", { additionalLoadBalancers: [{ name: "public", containerPort: 3000, listenerPort: 8443 }] });
        }),
        path: "services.web.deployment.testListenerPort",
        message: /is a production listener port of load balancer "public"/,
    },
    {
        title: "rejects an unknown strategy",
        args: deploying({ strategy: "BLUE_GREEN" as never }),
        path: "services.web.deployment.strategy",
        message: /is not supported; allowed: "rolling", "blue-green", "linear", "canary"/,
    },
    {
        title: "rejects an unknown controller",
        args: deploying({ controller: "external" as never }),
        path: "services.web.deployment.controller",
        message: /allowed: "ecs", "code-deploy"/,
    },
    {
        title: "rejects a bake time above 1440 minutes",
        args: deploying({ strategy: "blue-green", bakeTimeMinutes: 1441 }),
        path: "services.web.deployment.bakeTimeMinutes",
        message: /from 0 to 1440 minutes/,
    },
    {
        title: "rejects a bake time with the rolling strategy, which has none",
        args: deploying({ bakeTimeMinutes: 5 }),
        path: "services.web.deployment.bakeTimeMinutes",
        message: /strategy is "rolling"/,
    },
    {
        title: "requires the linear settings with strategy linear",
        args: deploying({ strategy: "linear" }),
        path: "services.web.deployment.linear",
        message: /is required/,
    },
    {
        title: "requires the canary settings with strategy canary",
        args: deploying({ strategy: "canary" }),
        path: "services.web.deployment.canary",
        message: /is required/,
    },
    {
        title: "rejects canary settings with another strategy, which would ignore them",
        args: deploying({ strategy: "blue-green", canary: { percent: 10, bakeMinutes: 5 } }),
        path: "services.web.deployment.canary",
        message: /strategy is "blue-green"/,
    },
    {
        title: "rejects a linear step below 3 percent",
        args: deploying({ strategy: "linear", linear: { stepPercent: 2, stepBakeMinutes: 1 } }),
        path: "services.web.deployment.linear.stepPercent",
        message: /from 3 to 100 percent/,
    },
    {
        title: "rejects a linear step bake time above 1440 minutes",
        args: deploying({ strategy: "linear", linear: { stepPercent: 10, stepBakeMinutes: 2000 } }),
        path: "services.web.deployment.linear.stepBakeMinutes",
        message: /from 0 to 1440/,
    },
    {
        title: "rejects a canary percent below 0.1",
        args: deploying({ strategy: "canary", canary: { percent: 0.05, bakeMinutes: 5 } }),
        path: "services.web.deployment.canary.percent",
        message: /from 0.1 to 100 percent/,
    },
    {
        title: "rejects two default-action services on different listener ports sharing a test port: both test rules take priority 50000",
        args: deploying({ strategy: "blue-green", testListenerPort: 9443 }, (a) => {
            a.services!.admin = webService(8080, "public", {
                loadBalancer: { name: "public", containerPort: 8080, listenerPort: 8443 },
                deployment: { strategy: "blue-green", testListenerPort: 9443 },
            });
        }),
        path: "services.admin.deployment.testListenerPort",
        message: /same priority 50000/,
    },
    {
        title: "rejects a testIngressCidrs entry that is not an IPv4 CIDR",
        args: deploying({ strategy: "blue-green", testListenerPort: 8443 }, (a) => {
            a.loadBalancers!.public.testIngressCidrs = ["10.0.0.0/33"];
        }),
        path: "loadBalancers.public.testIngressCidrs[0]",
        message: /not an IPv4 CIDR/,
    },
    {
        title: "rejects a canary percent that is not a multiple of 0.1",
        args: deploying({ strategy: "canary", canary: { percent: 12.34, bakeMinutes: 5 } }),
        path: "services.web.deployment.canary.percent",
        message: /not a multiple of 0.1/,
    },
    {
        title: "rejects a linear step that is not a multiple of 0.1",
        args: deploying({ strategy: "linear", linear: { stepPercent: 33.33, stepBakeMinutes: 1 } }),
        path: "services.web.deployment.linear.stepPercent",
        message: /not a multiple of 0.1/,
    },
    {
        title: "rejects traffic shifting on a service without a load balancer",
        args: withArgs((a) => {
            a.loadBalancers = {};
            a.services = { web: webService(80, null, { deployment: { strategy: "blue-green" } }) };
        }),
        path: "services.web.deployment.strategy",
        message: /has no loadBalancer/,
    },
    {
        title: "rejects CodeDeploy on a service without a load balancer",
        args: withArgs((a) => {
            a.loadBalancers = {};
            a.services = { web: webService(80, null, { deployment: { controller: "code-deploy" } }) };
        }),
        path: "services.web.deployment.controller",
        message: /has no loadBalancer/,
    },
    {
        title: "rejects an ECS strategy with the CodeDeploy controller",
        args: deploying({ controller: "code-deploy", strategy: "canary", canary: { percent: 10, bakeMinutes: 1 } }),
        path: "services.web.deployment.strategy",
        message: /controller is "code-deploy"/,
    },
    {
        title: "rejects rollback alarms with the CodeDeploy controller (its deployment group holds them)",
        args: deploying({ controller: "code-deploy", rollbackAlarms: { names: ["x"] } }),
        path: "services.web.deployment.rollbackAlarms",
        message: /CodeDeploy deployment group/,
    },
    {
        title: "rejects lifecycle hooks with the CodeDeploy controller",
        args: deploying({ controller: "code-deploy", lifecycleHooks: { smoke: { lambdaArn: HOOK, stages: ["PRE_SCALE_UP"] } } }),
        path: "services.web.deployment.lifecycleHooks",
        message: /controller is "code-deploy"/,
    },
    {
        title: "rejects lifecycle hooks on a rolling deployment",
        args: deploying({ lifecycleHooks: { smoke: { lambdaArn: HOOK, stages: ["PRE_SCALE_UP"] } } }),
        path: "services.web.deployment.lifecycleHooks",
        message: /strategy is "rolling"/,
    },
    {
        title: "rejects a hook ARN that is not a Lambda function's",
        args: deploying({ strategy: "blue-green", lifecycleHooks: { smoke: { lambdaArn: "arn:aws:sns:us-east-1:123456789012:t", stages: ["PRE_SCALE_UP"] } } }),
        path: "services.web.deployment.lifecycleHooks.smoke.lambdaArn",
        message: /a Lambda function ARN/,
    },
    {
        title: "rejects an unknown lifecycle stage",
        args: deploying({ strategy: "blue-green", lifecycleHooks: { smoke: { lambdaArn: HOOK, stages: ["BEFORE_INSTALL" as never] } } }),
        path: "services.web.deployment.lifecycleHooks.smoke.stages[0]",
        message: /RECONCILE_SERVICE/,
    },
    {
        title: "rejects a stage named twice",
        args: deploying({ strategy: "blue-green", lifecycleHooks: { smoke: { lambdaArn: HOOK, stages: ["PRE_SCALE_UP", "PRE_SCALE_UP"] } } }),
        path: "services.web.deployment.lifecycleHooks.smoke.stages",
        message: /twice/,
    },
    {
        title: "rejects a hook without stages",
        args: deploying({ strategy: "blue-green", lifecycleHooks: { smoke: { lambdaArn: HOOK, stages: [] } } }),
        path: "services.web.deployment.lifecycleHooks.smoke.stages",
        message: /.+/,
    },
    {
        title: "rejects a hook key that cannot name anything",
        args: deploying({ strategy: "blue-green", lifecycleHooks: { Smoke_Test: { lambdaArn: HOOK, stages: ["PRE_SCALE_UP"] } } }),
        path: "services.web.deployment.lifecycleHooks.Smoke_Test",
        message: /lower-case letters/,
    },
    {
        title: "rejects rollback alarms that name no alarm",
        args: deploying({ strategy: "blue-green", rollbackAlarms: {} }),
        path: "services.web.deployment.rollbackAlarms",
        message: /names no alarm/,
    },
    {
        title: "rejects the service's own alarms as rollback alarms when it has alarms: false",
        args: deploying({ strategy: "blue-green", rollbackAlarms: { serviceAlarms: true } }, (a) => {
            web(a).alarms = false;
        }),
        path: "services.web.deployment.rollbackAlarms.serviceAlarms",
        message: /alarms: false/,
    },
    {
        title: "rejects an empty rollback alarm name",
        args: deploying({ strategy: "blue-green", rollbackAlarms: { names: [""] } }),
        path: "services.web.deployment.rollbackAlarms.names[0]",
        message: /1 to 255/,
    },
    {
        title: "rejects a test listener on a rolling deployment",
        args: deploying({ testListenerPort: 8080 }),
        path: "services.web.deployment.testListenerPort",
        message: /strategy is "rolling"/,
    },
    {
        title: "rejects a test listener on the ALB's production port",
        args: deploying({ strategy: "blue-green", testListenerPort: 443 }, (a) => {
            a.loadBalancers!.public.certificateArn = CERT;
        }),
        path: "services.web.deployment.testListenerPort",
        message: /production listener port.*a port other than 80, 443/,
    },
    {
        title: "rejects a test listener port out of range",
        args: deploying({ strategy: "blue-green", testListenerPort: 70000 }),
        path: "services.web.deployment.testListenerPort",
        message: /from 1 to 65535/,
    },
    {
        title: "rejects an NLB test port that is another service's production port",
        args: nlb({ strategy: "blue-green", testListenerPort: 9100 }, {}),
        path: "services.tcp.deployment.testListenerPort",
        message: /production listener port/,
    },
    {
        title: "rejects two NLB services sharing one test port",
        args: nlb({ strategy: "blue-green", testListenerPort: 9001 }, { strategy: "blue-green", testListenerPort: 9001 }),
        path: "services.tcp.deployment.testListenerPort",
        message: /also the test port of udp/,
    },
    {
        title: "rejects a rule at priority 50000 beside a default-action service whose catch-all rule ECS shifts",
        args: deploying({ strategy: "blue-green" }, (a) => {
            a.services!.api = webService(3000, "public", {
                loadBalancer: { name: "public", containerPort: 3000, rule: { priority: 50000, pathPatterns: ["/api/*"] } },
            });
        }),
        path: "services.api.loadBalancer.rule.priority",
        message: /catch-all rule.*below 50000/,
    },
    {
        title: "rejects another service's additional rule at priority 50000 on the load balancer of a catch-all rule ECS shifts",
        args: deploying({ strategy: "blue-green" }, (a) => {
            a.loadBalancers!.private = { type: "application", internal: true };
            a.services!.api = webService(3000, "private", {
                additionalLoadBalancers: [{ name: "public", containerPort: 3000, rule: { priority: 50000, pathPatterns: ["/api/*"] } }],
            });
        }),
        path: "services.api.additionalLoadBalancers[0].rule.priority",
        message: /catch-all rule.*below 50000/,
    },
];

describe("ContainerService deployment validation", () => {
    for (const c of cases) {
        it(c.title, () => assertRefusedAt(c.args, c.path, c.message));
    }

    it("accepts ALB services sharing a test port (ECS shifts each service's own test rule)", () => {
        const args = deploying({ strategy: "blue-green", testListenerPort: 8080 }, (a) => {
            a.services!.api = webService(3000, "public", {
                loadBalancer: { name: "public", containerPort: 3000, rule: { priority: 10, pathPatterns: ["/api/*"] } },
                deployment: { strategy: "canary", canary: { percent: 5, bakeMinutes: 10 }, testListenerPort: 8080 },
            });
        });
        assert.deepEqual(validate(args), []);
    });

    it("rejects a CodeDeploy service sharing an ALB test port (CodeDeploy's test route is a whole listener)", () => {
        const args = deploying({ controller: "code-deploy", testListenerPort: 8080 }, (a) => {
            a.services!.api = webService(3000, "public", {
                loadBalancer: { name: "public", containerPort: 3000, rule: { priority: 10, pathPatterns: ["/api/*"] } },
                deployment: { strategy: "blue-green", testListenerPort: 8080 },
            });
        });
        assert.deepEqual(
            validate(args)
                .map((i) => i.path)
                .sort(),
            ["services.api.deployment.testListenerPort", "services.web.deployment.testListenerPort"],
        );
    });

    it("accepts blue-green, linear and canary on a joined listener: ECS shifts the service's own rule there", () => {
        assert.deepEqual(validate(joined({ strategy: "blue-green" })), []);
        assert.deepEqual(validate(joined({ strategy: "canary", canary: { percent: 10, bakeMinutes: 5 } })), []);
    });

    it("accepts blue-green with additionalLoadBalancers and an EBS volume under the ECS controller", () => {
        const args = deploying({ strategy: "blue-green" }, (a) => {
            a.loadBalancers!.inner = { type: "network", internal: true };
            web(a).additionalLoadBalancers = [{ name: "inner", containerPort: 80, listenerPort: 9000 }];
            web(a).ebsVolume = { containerPath: "/scratch", sizeGiB: 20 };
        });
        assert.deepEqual(validate(args), []);
    });

    it("reports every deployment issue of a service together", () => {
        const issues = validate(deploying({ strategy: "linear", bakeTimeMinutes: -1, testListenerPort: 80, rollbackAlarms: {} }));
        assert.deepEqual(issues.map((i) => i.path).sort(), [
            "services.web.deployment.bakeTimeMinutes",
            "services.web.deployment.linear",
            "services.web.deployment.rollbackAlarms",
            "services.web.deployment.testListenerPort",
        ]);
    });

    it("resolves the deployment defaults: ECS controller, released by pulumi, rolling, no hooks, and no bake time (rolling does not bake)", () => {
        const r = normalize("shop", deploying({})).services.web.deployment;
        assert.deepEqual(r, {
            minimumHealthyPercent: 100,
            maximumPercent: 200,
            rollback: true,
            controller: "ecs",
            releasedBy: "pulumi",
            strategy: "rolling",
            lifecycleHooks: {},
        });
    });

    it("resolves a 5-minute bake time for blue-green, linear and canary", () => {
        assert.equal(normalize("shop", deploying({ strategy: "blue-green" })).services.web.deployment.bakeTimeMinutes, 5);
    });
});
