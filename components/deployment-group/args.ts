import type * as codedeploy from "@pulumi/aws/codedeploy";
import type * as iam from "@pulumi/aws/iam";
import type * as pulumi from "@pulumi/pulumi";
import type { Transform } from "../shared/transform";

/** CodeDeploy's compute platforms (`computePlatform` of the application, config and group). */
export type ComputePlatform = "ECS" | "Lambda" | "Server";

/**
 * An ECS service deployed blue/green by CodeDeploy: the service runs `deploymentController: CODE_DEPLOY`
 * (ContainerService `deployment.controller: "code-deploy"`, whose `resources.services[key].deployment`
 * holds the target groups and listeners). CodeDeploy starts the new task set in the target group that
 * is not serving, moves the production listener(s) to it and, after `terminationWaitMinutes`, stops
 * the old one (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-bluegreen.html).
 */
export interface EcsTargetArgs {
    clusterName: pulumi.Input<string>;
    serviceName: pulumi.Input<string>;
    /**
     * Exactly two target group names: the one serving now and the one the replacement starts in
     * (CodeDeploy's `targetGroupPairInfo.targetGroups`).
     */
    targetGroupNames: pulumi.Input<string>[];
    /** Listener(s) production traffic arrives on, which CodeDeploy re-points (at least one). */
    productionListenerArns: pulumi.Input<string>[];
    /**
     * A listener that reaches the replacement before production does (the AppSpec's
     * `AfterAllowTestTraffic` hook runs tests there).
     * @default [] - no test route
     */
    testListenerArns?: pulumi.Input<string>[];
    /**
     * The task role and task execution role of the service's task definitions: CodeDeploy passes them to
     * ECS when it creates a task set, so the service role gets `iam:PassRole` on exactly these (with
     * `iam:PassedToService: ecs-tasks.amazonaws.com`). Without them a task definition naming a role cannot
     * be deployed (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/codedeploy_IAM_role.html).
     * @default []
     * @example [web.resources.services.web.task.taskRole.arn, web.resources.services.web.task.executionRole.arn]
     */
    passRoleArns?: pulumi.Input<string>[];
    /**
     * Lambda functions your AppSpec names as lifecycle hooks (`BeforeInstall`, `AfterAllowTestTraffic`, …):
     * ECS hooks live in the AppSpec, not in the group; the service role may invoke exactly these
     * (unqualified ARNs: the grant covers the function and its versions and aliases).
     * @default []
     */
    hookFunctionArns?: pulumi.Input<string>[];
    /**
     * Names of the hook functions' execution roles (see `LambdaTargetArgs.hookRoleNames`).
     * @default []
     * @example [smoke.resources.role.role.name]
     */
    hookRoleNames?: pulumi.Input<string>[];
}

/** Lambda functions CodeDeploy invokes around the traffic shift; each must report back with `PutLifecycleEventHookExecutionStatus`. */
export interface LambdaHooksArgs {
    /**
     * Runs before any traffic reaches the new version (the AppSpec's `BeforeAllowTraffic`).
     * @default undefined - no hook
     */
    beforeAllowTraffic?: pulumi.Input<string>;
    /**
     * Runs once all traffic has moved (the AppSpec's `AfterAllowTraffic`).
     * @default undefined - no hook
     */
    afterAllowTraffic?: pulumi.Input<string>;
}

/**
 * A Lambda alias whose traffic CodeDeploy shifts from its current version to a new one (canary, linear or
 * all at once). The group itself names no function: each deployment's AppSpec does (Name, Alias,
 * CurrentVersion, TargetVersion). These values scope the service role to this alias.
 */
export interface LambdaTargetArgs {
    /** The function's name (not its ARN). */
    functionName: pulumi.Input<string>;
    /** The alias CodeDeploy moves (LambdaFunction `alias.name`, default "live"). */
    alias: pulumi.Input<string>;
    /**
     * Hook functions, by unqualified ARN: the service role may invoke exactly these and their versions and
     * aliases (not every `CodeDeployHook_*` function, as `AWSCodeDeployRoleForLambda` allows). Pass them in
     * the AppSpec's `Hooks` too, and their roles in `hookRoleNames`.
     * @default {}
     * @example { beforeAllowTraffic: smokeTest.functionArn }
     */
    hooks?: LambdaHooksArgs;
    /**
     * Names of the hook functions' execution roles. A hook must report its result with
     * `codedeploy:PutLifecycleEventHookExecutionStatus` on this deployment group, or the deployment waits
     * for the hook's timeout (1 hour) and fails
     * (https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html).
     * The group's name and its application's are generated, so the component grants it: one
     * `aws.iam.RolePolicy` per role, created after the group. A statement inside the hook function's own
     * policies (LambdaFunction `statements`) naming `deploymentGroupArn` would be a cycle: the function
     * waits for its role's policies and the group's role waits for the function's ARN.
     * @default []
     * @example [smokeTest.resources.role.role.name]
     */
    hookRoleNames?: pulumi.Input<string>[];
}

/** An EC2 tag filter: instances with this key (and value, when given) are in the group. */
export interface Ec2TagFilterArgs {
    key: string;
    /**
     * The tag's value.
     * @default undefined - any value of `key` (KEY_ONLY)
     */
    value?: string;
}

/**
 * EC2 instances or Auto Scaling groups deployed in place by the CodeDeploy agent (OneAtATime,
 * HalfAtATime, AllAtOnce or a minimum of healthy hosts). The instances need the agent and an instance
 * profile that can read the revision.
 */
export interface ServerTargetArgs {
    /**
     * Auto Scaling groups (at most 10): CodeDeploy also deploys to instances they launch later.
     * @default []
     */
    autoScalingGroupNames?: pulumi.Input<string>[];
    /**
     * Instances matching any of these tags.
     * @default []
     * @example [{ key: "app", value: "shop" }]
     */
    ec2TagFilters?: Ec2TagFilterArgs[];
    /**
     * Target groups to take each instance out of while it is deployed to and put it back afterwards
     * (`WITH_TRAFFIC_CONTROL`).
     * @default [] - no traffic control
     */
    targetGroupNames?: pulumi.Input<string>[];
    /**
     * The instance roles of the Auto Scaling groups' launch templates. "If you create your Auto Scaling
     * group with a launch template, you must add the following permissions: ec2:RunInstances,
     * ec2:CreateTags, iam:PassRole", which `AWSCodeDeployRole` does not grant
     * (https://docs.aws.amazon.com/codedeploy/latest/userguide/getting-started-create-service-role.html).
     * With `autoScalingGroupNames` the role gets the two EC2 actions, and `iam:PassRole` (to
     * `ec2.amazonaws.com`) on exactly these roles.
     * @default [] - no role may be passed: a launch template with an instance profile fails to launch
     * @example [appRole.arn]
     */
    instanceRoleArns?: pulumi.Input<string>[];
}

/** Exactly one platform. */
export type DeploymentTargetArgs = { ecs: EcsTargetArgs } | { lambda: LambdaTargetArgs } | { server: ServerTargetArgs };

/** Traffic shifted in two steps: `percent` first, the rest `intervalMinutes` later. */
export interface CanaryArgs {
    /** Percent of traffic in the first step (1–99). */
    percent: number;
    /** Minutes before the rest (1–2880). */
    intervalMinutes: number;
}

/** Traffic shifted in equal steps of `percent` every `intervalMinutes`. */
export interface LinearArgs {
    /** Percent of traffic per step (1–99). */
    percent: number;
    /** Minutes between steps (1–2880). */
    intervalMinutes: number;
}

/**
 * How a deployment proceeds. Presets map to AWS's predefined configurations; canary, linear and minimum
 * healthy hosts use the predefined one when it matches exactly, else a configuration of the group's own.
 * - `"all-at-once"`: every platform;
 * - `"one-at-a-time"`, `"half-at-a-time"`, `{ minimumHealthy }`: Server;
 * - `{ canary }`, `{ linear }`: ECS and Lambda;
 * - `{ name }`: a predefined `CodeDeployDefault.*` name of the group's platform
 *   (https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html).
 */
export type DeploymentConfigArgs =
    | "all-at-once"
    | "one-at-a-time"
    | "half-at-a-time"
    | { canary: CanaryArgs }
    | { linear: LinearArgs }
    | { minimumHealthy: { type: "FLEET_PERCENT" | "HOST_COUNT"; value: number } }
    | { name: string };

/** When a deployment rolls back on its own. */
export interface RollbackArgs {
    /**
     * Roll back a failed deployment.
     * @default true
     */
    onFailure?: boolean;
    /**
     * Roll back when one of `alarms` goes into ALARM during the deployment (needs `alarms`).
     * @default - true when `alarms` are given
     */
    onAlarm?: boolean;
    /**
     * Roll back a deployment someone stops.
     * @default false
     */
    onStopRequest?: boolean;
}

/** CodeDeploy's trigger events (https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_TriggerConfig.html). */
export type TriggerEvent =
    | "DeploymentStart"
    | "DeploymentSuccess"
    | "DeploymentFailure"
    | "DeploymentStop"
    | "DeploymentRollback"
    | "DeploymentReady"
    | "InstanceStart"
    | "InstanceSuccess"
    | "InstanceFailure"
    | "InstanceReady";

/** Deployment events CodeDeploy publishes to an SNS topic (a trigger), as the service role. */
export interface NotificationsArgs {
    topicArn: pulumi.Input<string>;
    /**
     * The topic's customer managed key (an AlarmTopic's `keyArn`): the role may use it through SNS only.
     * @default undefined - the topic is not encrypted with a customer managed key
     */
    topicKeyArn?: pulumi.Input<string>;
    /**
     * Which events.
     * @default ["DeploymentFailure","DeploymentStop","DeploymentRollback"]
     */
    events?: TriggerEvent[];
}

export interface DeploymentGroupTransforms {
    /** The CodeDeploy application (not created with `application.existingName`). */
    application?: Transform<codedeploy.ApplicationArgs>;
    /** The custom deployment configuration (created only when no predefined one matches `config`). */
    deploymentConfig?: Transform<codedeploy.DeploymentConfigArgs>;
    /** The deployment group. */
    group?: Transform<codedeploy.DeploymentGroupArgs>;
    /** The service role CodeDeploy assumes. */
    role?: Transform<iam.RoleArgs>;
}

export interface DeploymentGroupArgs {
    /**
     * The CodeDeploy application: the group's own (`name` to choose its name), or an existing one of the
     * same compute platform (`existingName`).
     * @default {} - an application of its own, auto-named
     * @example { existingName: "shop" }
     */
    application?: { name?: string } | { existingName: pulumi.Input<string> };
    /**
     * What is deployed: an ECS service (blue/green), a Lambda alias (traffic shifting) or EC2 / Auto
     * Scaling instances (in place). Exactly one.
     * @example { ecs: { clusterName: shop.clusterName, serviceName, targetGroupNames, productionListenerArns } }
     */
    target: DeploymentTargetArgs;
    /**
     * How each deployment proceeds (see `DeploymentConfigArgs`).
     * @default - ECS "all-at-once" (CodeDeployDefault.ECSAllAtOnce), Lambda { canary: { percent: 10, intervalMinutes: 5 } } (CodeDeployDefault.LambdaCanary10Percent5Minutes), Server "one-at-a-time" (CodeDeployDefault.OneAtATime)
     * @example { canary: { percent: 20, intervalMinutes: 10 } }
     */
    config?: DeploymentConfigArgs;
    /**
     * CloudWatch metric alarm names (at most 10) CodeDeploy watches during a deployment: one in ALARM stops
     * it (and rolls it back, see `rollback.onAlarm`). The role may call `cloudwatch:DescribeAlarms` on
     * "*": a read-only call, and how CodeDeploy calls it is not documented (a grant per alarm ARN works only
     * when the caller names each metric alarm), so a narrower grant risks stopping every deployment.
     * @default []
     * @example [web.resources.services.web.alarms.http5xx.name]
     */
    alarms?: pulumi.Input<string>[];
    /**
     * Automatic rollback.
     * @default { onFailure: true, onAlarm: true when alarms are given, onStopRequest: false }
     */
    rollback?: RollbackArgs;
    /**
     * ECS: minutes the old task set keeps running after the traffic moved (0–2880), during which a
     * rollback is instant.
     * @default 5
     */
    terminationWaitMinutes?: number;
    /**
     * ECS: minutes CodeDeploy waits, once the replacement is ready, for someone to continue the
     * deployment (`aws deploy continue-deployment`) before it stops (1–7200, AWS's 120 hours).
     * @default undefined - traffic moves as soon as the replacement is ready
     */
    readyWaitMinutes?: number;
    /**
     * S3 buckets (ARNs) CodeDeploy reads ECS or Lambda revisions (AppSpec files) from. Server revisions
     * are read by the instances' agent, with their instance profile.
     * @default [] - revisions are given inline (CodePipeline's CodeDeployToECS action, `create-deployment` with `AppSpecContent`)
     */
    revisionBucketArns?: pulumi.Input<string>[];
    /**
     * Customer managed keys the revision buckets are encrypted with (SSE-KMS): the role may
     * `kms:Decrypt` with them through S3 only. Without it, GetObject on such a bucket is denied.
     * @default []
     */
    revisionKeyArns?: pulumi.Input<string>[];
    /**
     * Deployment events to an SNS topic (a trigger named "notifications").
     * @default undefined - no trigger
     * @example { topicArn: alarms.topicArn, topicKeyArn: alarms.keyArn }
     */
    notifications?: NotificationsArgs;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `application`, `deploymentConfig`, `group`, `role`. Not
     * `region`: the trust policy's `aws:SourceArn` and the role's ARNs are built in the provider's region, so
     * a child moved elsewhere could not deploy; give the component a provider of that region instead.
     * @default {}
     */
    transform?: DeploymentGroupTransforms;
}
