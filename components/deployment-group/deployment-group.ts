import * as pulumi from "@pulumi/pulumi";
import * as codedeploy from "@pulumi/aws/codedeploy";
import * as iam from "@pulumi/aws/iam";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import type { codedeploy as inputs } from "@pulumi/aws/types/input";
import { ArgsError } from "../shared/errors";
import { RoleResources, assumeRolePolicy, awsManagedPolicyArn, createRole, policyJson } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { Transform, create } from "../shared/transform";
import { stackSuffix } from "../shared/unique";
import type { ComputePlatform, DeploymentGroupArgs } from "./args";
import { resolveConfig } from "./configs";
import { ResolvedDeploymentGroup, normalize } from "./defaults";
import { SERVER_MANAGED_POLICY, Scope, hookStatusStatements, serviceRoleStatements } from "./policies";
import { validate } from "./validate";

export interface DeploymentGroupResources {
    /** The application, unless `application.existingName` names one. */
    application?: codedeploy.Application;
    /** The group's own deployment configuration, when no predefined one matches `config`. */
    deploymentConfig?: codedeploy.DeploymentConfig;
    group: codedeploy.DeploymentGroup;
    /** The service role CodeDeploy assumes, with its inline policy (`deploy`) and, for Server, the managed policy. */
    role: RoleResources;
    /** Per `hookRoleNames` entry, the policy letting that hook report its status to the group. */
    hookStatus: iam.RolePolicy[];
}

/**
 * A CodeDeploy deployment group with its application (unless an existing one is given), its deployment
 * configuration (a predefined one when `config` matches, else its own) and its service role, for one of:
 * - an **ECS** service with `deploymentController: CODE_DEPLOY` (blue/green between two target groups,
 *   production and optional test listeners, all at once, canary or linear, the old task set kept
 *   `terminationWaitMinutes`);
 * - a **Lambda** alias (canary, linear or all at once, with BeforeAllowTraffic/AfterAllowTraffic hooks);
 * - **EC2 instances / Auto Scaling groups** in place (one, half or all at once, or a minimum of healthy
 *   hosts), optionally taken out of their target groups while they are deployed to.
 * Failed deployments roll back, and so do deployments during which one of `alarms` fires.
 *
 * The group only describes where and how: a deployment is started by a pipeline's CodeDeploy action
 * (DeliveryPipeline, which takes this component as its `CodeDeployTarget`) or `aws deploy create-deployment`
 * with an AppSpec. The ECS service must ignore its task definition in Pulumi (ContainerService does so with
 * the code-deploy controller), and a Lambda alias's `functionVersion`/`routingConfig` must be left to
 * CodeDeploy too (LambdaFunction `transform.alias` with `ignoreChanges`).
 *
 * @example
 * const shop = new ContainerService("shop", { ..., services: { web: { ..., deployment: { controller: "code-deploy", testListenerPort: 8443 } } } });
 * const d = shop.resources.services.web.deployment!;
 * new DeploymentGroup("web", {
 *     target: { ecs: { clusterName: shop.clusterName, serviceName: shop.resources.services.web.service.name,
 *                      targetGroupNames: d.targetGroupNames, productionListenerArns: d.productionListenerArns, testListenerArns: d.testListenerArns } },
 *     config: { canary: { percent: 10, intervalMinutes: 5 } },
 *     alarms: [shop.resources.services.web.alarms.http5xx.name],
 * });
 *
 * **Cost**: CodeDeploy to ECS, Lambda and Amazon EC2 costs nothing; on-premises instances $0.02 per
 * instance update. During an ECS deployment the replacement task set runs beside the old one for the
 * shift and `terminationWaitMinutes` (5): twice the service's tasks for that time.
 */
export class DeploymentGroup extends pulumi.ComponentResource {
    static readonly type = typeToken("cicd", "DeploymentGroup");

    readonly computePlatform: ComputePlatform;
    readonly applicationName: pulumi.Output<string>;
    readonly applicationArn: pulumi.Output<string>;
    readonly deploymentGroupName: pulumi.Output<string>;
    readonly deploymentGroupArn: pulumi.Output<string>;
    readonly deploymentConfigName: pulumi.Output<string>;
    /** The service role's ARN (resolved once its policies are attached). */
    readonly roleArn: pulumi.Output<string>;
    readonly resources: DeploymentGroupResources;

    constructor(name: string, args: DeploymentGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("DeploymentGroup", name, issues);
        super(DeploymentGroup.type, name, args, opts);

        const cfg = normalize(args);
        const platform = cfg.target.platform;
        for (const warning of warnings(name, cfg)) pulumi.log.warn(warning, this);
        const child = { parent: this };
        const tags = componentTags(DeploymentGroup.type, name, cfg.tags);
        const t = cfg.transform;
        const scope: Scope = {
            partition: getPartitionOutput({}, child).partition,
            region: getRegionOutput({}, child).region,
            accountId: getCallerIdentityOutput({}, child).accountId,
        };

        const application =
            "existingName" in cfg.application
                ? undefined
                : create(
                      codedeploy.Application,
                      fitName(childName(name, "application"), codedeploy.Application),
                      { computePlatform: platform, ...(cfg.application.name !== undefined ? { name: cfg.application.name } : {}), tags },
                      child,
                      sameRegion(name, "application", t.application),
                  );
        const applicationName: pulumi.Output<string> = application
            ? application.name
            : pulumi.output((cfg.application as { existingName: pulumi.Input<string> }).existingName);
        const applicationArn = application ? application.arn : arnOf(scope, pulumi.interpolate`application:${applicationName}`);

        const resolved = resolveConfig(platform, cfg.config);
        const deploymentConfig =
            "custom" in resolved
                ? create(
                      codedeploy.DeploymentConfig,
                      childName(name, "deployment-config"),
                      {
                          // Account- and region-wide, and every field forces a replacement: the name states the
                          // settings, so a change creates the new configuration before the old one is deleted.
                          deploymentConfigName: fitName(`${name}-${stackSuffix(name)}-${resolved.custom.label}`, codedeploy.DeploymentConfig, {
                              explicit: true,
                          }),
                          computePlatform: platform,
                          trafficRoutingConfig: resolved.custom.trafficRoutingConfig,
                          minimumHealthyHosts: resolved.custom.minimumHealthyHosts,
                      },
                      child,
                      sameRegion(name, "deploymentConfig", t.deploymentConfig),
                  )
                : undefined;
        const deploymentConfigName = deploymentConfig ? deploymentConfig.deploymentConfigName : pulumi.output((resolved as { predefined: string }).predefined);

        // Unique per stack: two stacks may share an existing application.
        const groupName = fitName(`${name}-${stackSuffix(name)}`, codedeploy.DeploymentGroup, { explicit: true });
        const groupArn = arnOf(scope, pulumi.interpolate`deploymentgroup:${applicationName}/${groupName}`);
        const role = createRole(
            childName(name, "role"),
            {
                description: `CodeDeploy deploys ${name} (${platform})`,
                // The confused-deputy conditions CodeDeploy documents: this account, this deployment group
                // (https://docs.aws.amazon.com/codedeploy/latest/userguide/security_confused_deputy.html).
                assumeRolePolicy: assumeRolePolicy("codedeploy.amazonaws.com", { sourceAccount: scope.accountId, sourceArnLike: groupArn }),
                policies: { deploy: serviceRoleStatements(scope, cfg) },
                managedPolicies: platform === "Server" ? { "codedeploy-role": awsManagedPolicyArn(scope.partition, SERVER_MANAGED_POLICY) } : {},
                tags,
            },
            child,
            t.role,
        );

        const group = create(
            codedeploy.DeploymentGroup,
            childName(name, "group"),
            {
                appName: applicationName,
                deploymentGroupName: groupName,
                serviceRoleArn: role.arn,
                // Always set: the provider's default is the Server config, which ECS and Lambda groups refuse.
                deploymentConfigName,
                ...platformSettings(cfg),
                autoRollbackConfiguration: rollbackConfiguration(cfg),
                ...(cfg.alarms.length ? { alarmConfiguration: { enabled: true, alarms: cfg.alarms, ignorePollAlarmFailure: false } } : {}),
                ...(cfg.notifications
                    ? {
                          triggerConfigurations: [
                              { triggerName: "notifications", triggerTargetArn: cfg.notifications.topicArn, triggerEvents: cfg.notifications.events },
                          ],
                      }
                    : {}),
                tags,
            },
            child,
            sameRegion(name, "group", t.group),
        );

        // After the group, as policies of their own: inside the hook function's policies they would be a
        // cycle (the function waits for its role's policies; this group's role waits for the function's ARN).
        const hookRoleNames = platform === "ECS" ? cfg.target.ecs.hookRoleNames : platform === "Lambda" ? cfg.target.lambda.hookRoleNames : [];
        const hookStatus = hookRoleNames.map((role, i) =>
            create(
                iam.RolePolicy,
                childName(name, `hook-status-${i}`),
                { role, name: `${groupName}-hook-status`, policy: policyJson(hookStatusStatements(group.arn)) },
                child,
            ),
        );

        this.computePlatform = platform;
        this.applicationName = applicationName;
        this.applicationArn = applicationArn;
        this.deploymentGroupName = group.deploymentGroupName;
        this.deploymentGroupArn = group.arn;
        this.deploymentConfigName = deploymentConfigName;
        this.roleArn = role.arn;
        this.resources = { application, deploymentConfig, group, role, hookStatus };
        this.registerOutputs({
            computePlatform: platform,
            applicationName,
            applicationArn,
            deploymentGroupName: this.deploymentGroupName,
            deploymentGroupArn: this.deploymentGroupArn,
            deploymentConfigName,
            roleArn: this.roleArn,
        });
    }
}

/** Settings that deploy but fail the first deployment, in the form `[aws-platform:cicd:<code>] ...`. */
export function warnings(name: string, cfg: ResolvedDeploymentGroup): string[] {
    const out: string[] = [];
    if (cfg.target.platform === "ECS" && cfg.target.ecs.passRoleArns.length === 0)
        out.push(
            `[aws-platform:cicd:no-pass-roles] DeploymentGroup "${name}": target.ecs.passRoleArns is empty, so CodeDeploy may pass no role to ECS and a task definition with a task or execution role (every ContainerService task has both) fails to deploy; give the service's task role and execution role ARNs`,
        );
    if (cfg.target.platform === "Server" && cfg.target.server.autoScalingGroupNames.length > 0 && cfg.target.server.instanceRoleArns.length === 0)
        out.push(
            `[aws-platform:cicd:no-instance-roles] DeploymentGroup "${name}": target.server.instanceRoleArns is empty, so CodeDeploy may pass no role to EC2 and an Auto Scaling group whose launch template has an instance profile fails to launch instances for a deployment; give the launch templates' instance role ARNs`,
        );
    return out;
}

/**
 * The child's transform, refusing a per-resource `region` from a function transform (an object transform's
 * is refused by validation): the trust policy and ARNs are built in the provider's region.
 */
function sameRegion<T extends object>(name: string, key: string, t: Transform<T> | undefined): Transform<T> | undefined {
    if (typeof t !== "function") return t;
    return (args, opts, child) => {
        // Called as create() calls it, on the child's own options, so `ignoreChanges` and the like still apply.
        const out = t(args, opts, child) ?? args;
        const region = (out as { region?: unknown }).region;
        if (region !== undefined)
            throw new ArgsError("DeploymentGroup", name, [
                {
                    path: `transform.${key}`,
                    value: region,
                    message: "sets region, moving one child to another region",
                    allowed: "a provider of that region for the component",
                },
            ]);
        return out;
    };
}

const arnOf = (s: Scope, resource: pulumi.Input<string>) => pulumi.interpolate`arn:${s.partition}:codedeploy:${s.region}:${s.accountId}:${resource}`;

/** The automatic rollback events; disabled (without events, which the provider then needs none of) when none is asked for. */
function rollbackConfiguration(cfg: ResolvedDeploymentGroup): inputs.DeploymentGroupAutoRollbackConfiguration {
    const events = [
        ...(cfg.rollback.onFailure ? ["DEPLOYMENT_FAILURE"] : []),
        ...(cfg.rollback.onAlarm ? ["DEPLOYMENT_STOP_ON_ALARM"] : []),
        ...(cfg.rollback.onStopRequest ? ["DEPLOYMENT_STOP_ON_REQUEST"] : []),
    ];
    // "If you enable automatic rollback, you must specify at least one event type" (CreateDeploymentGroup).
    return events.length ? { enabled: true, events } : { enabled: false };
}

/** What each platform's group holds: style, load balancer routes, the ECS service or the instances. */
function platformSettings(cfg: ResolvedDeploymentGroup): Partial<codedeploy.DeploymentGroupArgs> {
    const t = cfg.target;
    if (t.platform === "ECS") {
        const e = t.ecs;
        return {
            // The only style CodeDeploy accepts for ECS: "An Amazon EC2 Application Load Balancer or Network Load
            // Balancer is required for an Amazon ECS deployment"
            // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-codedeploy-deploymentgroup-deploymentstyle.html).
            deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
            blueGreenDeploymentConfig: {
                deploymentReadyOption:
                    cfg.readyWaitMinutes === undefined
                        ? { actionOnTimeout: "CONTINUE_DEPLOYMENT" }
                        : { actionOnTimeout: "STOP_DEPLOYMENT", waitTimeInMinutes: cfg.readyWaitMinutes },
                terminateBlueInstancesOnDeploymentSuccess: { action: "TERMINATE", terminationWaitTimeInMinutes: cfg.terminationWaitMinutes },
            },
            ecsService: { clusterName: e.clusterName, serviceName: e.serviceName },
            loadBalancerInfo: {
                targetGroupPairInfo: {
                    targetGroups: e.targetGroupNames.map((n) => ({ name: n })),
                    prodTrafficRoute: { listenerArns: e.productionListenerArns },
                    ...(e.testListenerArns.length ? { testTrafficRoute: { listenerArns: e.testListenerArns } } : {}),
                },
            },
        };
    }
    if (t.platform === "Lambda") {
        // Lambda deployments shift an alias's weights: blue/green with traffic control is their only style (AWS CDK sets the same).
        return { deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" } };
    }
    const s = t.server;
    const controlled = s.targetGroupNames.length > 0;
    return {
        deploymentStyle: { deploymentType: "IN_PLACE", deploymentOption: controlled ? "WITH_TRAFFIC_CONTROL" : "WITHOUT_TRAFFIC_CONTROL" },
        ...(s.autoScalingGroupNames.length ? { autoscalingGroups: s.autoScalingGroupNames } : {}),
        ...(s.ec2TagFilters.length
            ? {
                  ec2TagFilters: s.ec2TagFilters.map((f) => ({
                      key: f.key,
                      ...(f.value !== undefined ? { value: f.value, type: "KEY_AND_VALUE" } : { type: "KEY_ONLY" }),
                  })),
              }
            : {}),
        ...(controlled ? { loadBalancerInfo: { targetGroupInfos: s.targetGroupNames.map((n) => ({ name: n })) } } : {}),
    };
}
