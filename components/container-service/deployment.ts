import * as pulumi from "@pulumi/pulumi";
import type * as ecs from "@pulumi/aws/ecs";
import type * as iam from "@pulumi/aws/iam";
import type { ecs as ecsInputs } from "@pulumi/aws/types/input";
import * as lb from "@pulumi/aws/lb";
import { RoleResources, Statement, assumeRolePolicy, awsManagedPolicyArn, createRole } from "../shared/iam";
import { childName } from "../shared/naming";
import { create } from "../shared/transform";
import { type Ctx, type RolePolicyResources, roleChildren, rolePolicyResources } from "./context";
import { ResolvedDeployment, ResolvedLoadBalancer, ResolvedService, ResolvedServiceLoadBalancer, servesTls, shiftsTraffic } from "./defaults";
import type { ServiceTarget } from "./load-balancer";

/**
 * What a deployment with two target groups runs on, for wiring and for a CodeDeploy deployment group:
 * `targetGroupNames`, `productionListenerArns` and `testListenerArns` are what its `loadBalancerInfo`
 * (`targetGroupPairInfo`) takes, with the cluster and service names of `ecsService`.
 */
export interface DeploymentResources extends RolePolicyResources {
    controller: ResolvedDeployment["controller"];
    strategy: ResolvedDeployment["strategy"];
    /** The service's target group (`{key}-tg`) and the alternate one (`{key}-tg-alt`). */
    targetGroups: { primary: lb.TargetGroup; alternate: lb.TargetGroup };
    /** Both target groups' names, primary first (CodeDeploy's `targetGroupPairInfo.targetGroups`). */
    targetGroupNames: pulumi.Output<string>[];
    /** The listener production traffic arrives on (CodeDeploy's `prodTrafficRoute.listenerArns`). */
    productionListenerArns: pulumi.Output<string>[];
    /** The test listener, when `testListenerPort` is set (CodeDeploy's `testTrafficRoute.listenerArns`). */
    testListenerArns: pulumi.Output<string>[];
    /** The service's rule on the test listener (`{key}-test-rule`), when it has one (ALB, ECS controller). */
    testListenerRule?: lb.ListenerRule;
    /**
     * ECS controller: the infrastructure role that shifts traffic and invokes the hooks (`{key}-deploy-role`);
     * `rolePolicies` and `rolePolicyAttachments` are its own (`deploy-role-hooks`, `deploy-role-load-balancers`).
     */
    role?: iam.Role;
}

/** What `createLoadBalancers` adds to a `ServiceTarget` for a service with two target groups. */
export interface TrafficRoutes {
    alternate: lb.TargetGroup;
    /** ALB: the production listener rule's ARN; NLB: the listener's (what ECS's `productionListenerRule` takes). */
    productionRoute: pulumi.Output<string>;
    /** The listener production traffic arrives on: the component's, or a joined one (`listenerArn`). */
    productionListenerArn: pulumi.Output<string>;
    testRoute?: pulumi.Output<string>;
    testListener?: lb.Listener;
    /** The test listener rule (`{key}-test-rule`): an ALB service with the ECS controller and a test listener. */
    testListenerRule?: lb.ListenerRule;
}

/**
 * The forward action of a route ECS shifts: weighted over both target groups, all traffic to the primary.
 * ECS refuses a deployment ("Both targetGroup and alternateTargetGroup must be associated with the
 * productionListenerRule or testListenerRule") unless both groups are in the routes' actions, and ELB
 * health-checks a target group only once an action names it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/migrate-code-deploy-to-ecs-blue-green.html).
 */
export function weightedForward(primary: pulumi.Input<string>, alternate: pulumi.Input<string>) {
    return {
        type: "forward",
        forward: {
            targetGroups: [
                { arn: primary, weight: 100 },
                { arn: alternate, weight: 0 },
            ],
        },
    };
}

/** Matches every request: a default-action service needs a rule whose ARN ECS can take (the default rule's is not an output). */
export const CATCH_ALL_RULE = { pathPatterns: ["/*"], priority: 50000 } as const;

/**
 * Options of a listener or rule whose forward action ECS (or CodeDeploy) rewrites during each deployment
 * into a weighted forward over both target groups: without `ignoreChanges`, the next `pulumi up` would
 * send all traffic back to the primary target group, wherever the live revision is
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb-resources-for-blue-green.html).
 */
export function shiftedByDeployments(ctx: Ctx, property: "actions" | "defaultActions"): pulumi.CustomResourceOptions {
    return { ...ctx.opts, ignoreChanges: [property] };
}

/** The test listener ports of a load balancer's services (SG ingress). */
export function testPorts(users: Array<[string, ResolvedService]>): number[] {
    return [
        ...new Set(
            users.flatMap(([, s]) => (shiftsTraffic(s.deployment) && s.deployment.testListenerPort !== undefined ? [s.deployment.testListenerPort] : [])),
        ),
    ];
}

/**
 * Test listeners (`{lb}-listener-{port}`) and, on an ALB with the ECS controller, a test rule per service
 * (`{key}-test-rule`) with the production rule's conditions. An NLB's test listener, and a CodeDeploy
 * service's (CodeDeploy's test route is a listener), forward to the service itself, one service per port.
 * Everything forwards to the primary target group until a deployment shifts it; ECS's routes name the
 * alternate one too, at weight 0 (`weightedForward`).
 */
export function createTestRoutes(
    ctx: Ctx,
    lbKey: string,
    spec: ResolvedLoadBalancer,
    own: { loadBalancer: lb.LoadBalancer; certificateArn?: pulumi.Input<string> },
    users: Array<[string, ResolvedService]>,
    groups: Map<string, lb.TargetGroup>,
    alternates: Map<string, lb.TargetGroup>,
    listeners: Record<string, lb.Listener>,
): Record<string, { route: pulumi.Output<string>; listener: lb.Listener; rule?: lb.ListenerRule }> {
    const t = ctx.cfg.transform;
    const alb = spec.type === "application";
    const secure = servesTls(spec);
    const out: Record<string, { route: pulumi.Output<string>; listener: lb.Listener; rule?: lb.ListenerRule }> = {};
    for (const port of testPorts(users)) {
        const owners = users.filter(([, s]) => shiftsTraffic(s.deployment) && s.deployment.testListenerPort === port);
        const protocol = alb ? (secure ? "HTTPS" : "HTTP") : secure ? "TLS" : "TCP";
        const byListener = !alb || owners.some(([, s]) => s.deployment.controller === "code-deploy");
        const listener = create(
            lb.Listener,
            childName(ctx.name, lbKey, `listener-${port}`),
            {
                loadBalancerArn: own.loadBalancer.arn,
                port,
                protocol,
                ...(secure ? { certificateArn: own.certificateArn, sslPolicy: spec.sslPolicy } : {}),
                defaultActions: byListener
                    ? [
                          owners[0][1].deployment.controller === "ecs"
                              ? weightedForward(groups.get(owners[0][0])!.arn, alternates.get(owners[0][0])!.arn)
                              : { type: "forward", targetGroupArn: groups.get(owners[0][0])!.arn },
                      ]
                    : [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Not found", statusCode: "404" } }],
                tags: ctx.tags,
            },
            byListener ? shiftedByDeployments(ctx, "defaultActions") : ctx.opts,
            t.listener,
        );
        listeners[`test-${port}`] = listener;
        for (const [key, svc] of owners) {
            if (byListener) {
                out[key] = { route: listener.arn, listener };
                continue;
            }
            const rule = create(
                lb.ListenerRule,
                childName(ctx.name, key, "test-rule"),
                {
                    listenerArn: listener.arn,
                    ...ruleMatch(svc.loadBalancer!),
                    actions: [weightedForward(groups.get(key)!.arn, alternates.get(key)!.arn)],
                    tags: ctx.tags,
                },
                shiftedByDeployments(ctx, "actions"),
                t.listenerRule,
            );
            out[key] = { route: rule.arn, listener, rule };
        }
    }
    return out;
}

/** A service's ALB rule priority and conditions on one load balancer: its own rule, else (two target groups) the catch-all. */
export function ruleMatch(l: ResolvedServiceLoadBalancer): Pick<lb.ListenerRuleArgs, "priority" | "conditions"> {
    const rule = l.rule ?? CATCH_ALL_RULE;
    return {
        priority: rule.priority,
        conditions: [
            ...(rule.pathPatterns?.length ? [{ pathPattern: { values: [...rule.pathPatterns] } }] : []),
            ...("hosts" in rule && rule.hosts?.length ? [{ hostHeader: { values: rule.hosts } }] : []),
        ],
    };
}

/** `<component>-<key>-<role>-<suffix>`: a fixed name, so the service can name its own alarms before they exist. */
export function rollbackAlarmName(ctx: Ctx, key: string, role: string): string {
    return `${childName(ctx.name, key, role)}-${ctx.uniqueSuffix}`;
}

/** The roles (`http-5xx`, `unhealthy-hosts`) of the service's own alarms that fail its deployments. */
export function serviceRollbackAlarms(ctx: Ctx, svc: ResolvedService, target: ServiceTarget | undefined): string[] {
    if (!svc.deployment.rollbackAlarms?.serviceAlarms || !svc.alarms || !target) return [];
    const alb = ctx.cfg.loadBalancers[target.lbKey].type === "application";
    return [...(alb ? ["http-5xx"] : []), "unhealthy-hosts"];
}

/**
 * The ECS infrastructure role for load balancers (`AmazonECSInfrastructureRolePolicyForLoadBalancers`,
 * which modifies listeners and rules and registers targets) plus `lambda:InvokeFunction` on exactly the
 * hooks' functions. Trust: `ecs.amazonaws.com`, without conditions, as AWS documents it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-permissions.html).
 */
function createDeployRole(ctx: Ctx, key: string, d: ResolvedDeployment): RoleResources {
    const hooks = Object.values(d.lifecycleHooks);
    const invoke: Statement[] = hooks.length
        ? [{ Sid: "InvokeLifecycleHooks", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [...new Set(hooks.map((h) => h.lambdaArn))] }]
        : [];
    return createRole(
        childName(ctx.name, key, "deploy-role"),
        {
            description: `ECS shifts ${childName(ctx.name, key)}'s traffic between its target groups and runs its deployment hooks`,
            assumeRolePolicy: assumeRolePolicy("ecs.amazonaws.com", { sid: "AllowAccessToECSForInfrastructureManagement" }),
            managedPolicies: { "load-balancers": awsManagedPolicyArn(ctx.partition, "AmazonECSInfrastructureRolePolicyForLoadBalancers") },
            policies: { hooks: invoke },
            tags: ctx.tags,
        },
        ctx.opts,
        ctx.cfg.transform.deployRole,
        roleChildren(ctx),
    );
}

/** The parts of `ecs.ServiceArgs` and options a deployment decides. */
export interface ServiceDeploymentSettings {
    args: Pick<ecs.ServiceArgs, "deploymentController" | "deploymentConfiguration" | "deploymentCircuitBreaker" | "alarms">;
    /** `loadBalancers[0].advancedConfiguration` (ECS controller with two target groups). */
    advancedConfiguration?: ecsInputs.ServiceLoadBalancerAdvancedConfiguration;
    /** What the service leaves to its deployments. */
    ignoreChanges: string[];
    resources?: DeploymentResources;
}

/**
 * The deployment of one service: controller, strategy, bake time, traffic shifting, hooks, alarms and,
 * with two target groups, the deploy role and the load balancer's advanced configuration.
 */
export function deploymentSettings(ctx: Ctx, key: string, svc: ResolvedService, target: ServiceTarget | undefined): ServiceDeploymentSettings {
    const d = svc.deployment;
    const routes = target?.routes;
    const resources: DeploymentResources | undefined =
        target && routes
            ? {
                  controller: d.controller,
                  strategy: d.strategy,
                  targetGroups: { primary: target.targetGroup, alternate: routes.alternate },
                  targetGroupNames: [target.targetGroup.name, routes.alternate.name],
                  productionListenerArns: [routes.productionListenerArn],
                  testListenerArns: routes.testListener ? [routes.testListener.arn] : [],
                  testListenerRule: routes.testListenerRule,
                  rolePolicies: {},
                  rolePolicyAttachments: {},
              }
            : undefined;
    if (d.controller === "code-deploy") {
        return {
            // CodeDeploy has its own rollback; ECS refuses the circuit breaker with this controller
            // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-bluegreen.html).
            args: { deploymentController: { type: "CODE_DEPLOY" } },
            // UpdateService refuses these with CODE_DEPLOY: a CodeDeploy deployment (its AppSpec's task set,
            // capacity provider strategy included) changes them
            // (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html).
            ignoreChanges: ["taskDefinition", "loadBalancers", "networkConfiguration", "platformVersion", "capacityProviderStrategies"],
            resources,
        };
    }
    const alarmNames = [...serviceRollbackAlarms(ctx, svc, target).map((role) => rollbackAlarmName(ctx, key, role)), ...(d.rollbackAlarms?.names ?? [])];
    const role = resources ? createDeployRole(ctx, key, d) : undefined;
    if (resources && role) Object.assign(resources, { role: role.role, ...rolePolicyResources({ "deploy-role": role }) });
    const hooks = Object.values(d.lifecycleHooks);
    const strategy = { rolling: "ROLLING", "blue-green": "BLUE_GREEN", linear: "LINEAR", canary: "CANARY" }[d.strategy];
    return {
        args: {
            // AWS documents the circuit breaker (and alarms) for rolling and blue/green deployments only: linear
            // and canary fail on `rollbackAlarms` and hooks
            // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-failure-detection.html).
            // Sent "off" rather than left out: the provider suppresses the diff of a removed block
            // (terraform-provider-aws `SuppressMissingOptionalConfigurationBlock`), so blue-green → linear
            // would keep the breaker armed.
            deploymentCircuitBreaker:
                d.strategy === "rolling" || d.strategy === "blue-green" ? { enable: true, rollback: d.rollback } : { enable: false, rollback: false },
            // Always sent, ROLLING too: `deployment_configuration` is Optional+Computed in the provider, so
            // leaving it out after blue-green would keep the service BLUE_GREEN on routes the component deletes.
            deploymentConfiguration:
                d.strategy === "rolling"
                    ? { strategy }
                    : {
                          strategy,
                          // The provider takes minutes as strings here (pulumi-aws 7 `bakeTimeInMinutes: string`).
                          // Resolved (default 5) for every strategy but rolling: ECS requires it with BLUE_GREEN.
                          bakeTimeInMinutes: String(d.bakeTimeMinutes),
                          ...(d.linear
                              ? { linearConfiguration: { stepPercent: d.linear.stepPercent, stepBakeTimeInMinutes: String(d.linear.stepBakeMinutes) } }
                              : {}),
                          ...(d.canary
                              ? { canaryConfiguration: { canaryPercent: d.canary.percent, canaryBakeTimeInMinutes: String(d.canary.bakeMinutes) } }
                              : {}),
                          ...(hooks.length
                              ? {
                                    lifecycleHooks: hooks.map((h) => ({
                                        hookTargetArn: h.lambdaArn,
                                        roleArn: role!.arn,
                                        lifecycleStages: h.stages,
                                        ...(h.details !== undefined ? { hookDetails: JSON.stringify(h.details) } : {}),
                                    })),
                                }
                              : {}),
                      },
            ...(alarmNames.length ? { alarms: { alarmNames, enable: true, rollback: d.rollback } } : {}),
        },
        advancedConfiguration:
            routes && role
                ? {
                      alternateTargetGroupArn: routes.alternate.arn,
                      productionListenerRule: routes.productionRoute,
                      roleArn: role.arn,
                      ...(routes.testRoute ? { testListenerRule: routes.testRoute } : {}),
                  }
                : undefined,
        // A pipeline registers the revision that runs: `pulumi up` must not put the program's back.
        ignoreChanges: d.releasedBy === "pipeline" ? ["taskDefinition"] : [],
        resources,
    };
}
