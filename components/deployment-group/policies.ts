import * as pulumi from "@pulumi/pulumi";
import { Statement, keyThroughService } from "../shared/iam";
import type { ResolvedDeploymentGroup } from "./defaults";

/** Where the group's ARNs are built: partition, region and account of the stack's provider. */
export interface Scope {
    partition: pulumi.Input<string>;
    region: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
}

const arn = (s: Scope, service: string, resource: pulumi.Input<string>) =>
    pulumi.interpolate`arn:${s.partition}:${service}:${s.region}:${s.accountId}:${resource}`;

/**
 * The managed policy a Server group's role keeps, and why. An in-place deployment to Auto Scaling groups
 * installs and removes lifecycle hooks, suspends and resumes processes, reads instances by tag and
 * (re)registers them with load balancers; AWS documents these as `AWSCodeDeployRole` and not which
 * subset a deployment uses, and a subset that misses one fails deployments later (e.g. when the group
 * scales out mid-deployment). ECS and Lambda get a hand-written least-privilege policy instead.
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCodeDeployRole.html
 */
export const SERVER_MANAGED_POLICY = "service-role/AWSCodeDeployRole";

/** Rules of a listener: `listener-rule/<lb>/<listener>/<rule id>` (ModifyRule's resource) from the listener ARN. */
function listenerRules(listenerArn: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.output(listenerArn).apply((a) => `${a.replace(":listener/", ":listener-rule/")}/*`);
}

/**
 * What CodeDeploy does for an ECS blue/green deployment, as `AWSCodeDeployRoleForECS` lists it, narrowed
 * to this service, its task sets, listeners and the roles of its tasks
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCodeDeployRoleForECS.html): the
 * managed policy grants `s3:GetObject`, `lambda:InvokeFunction`, `ModifyListener` and `iam:PassRole` on `*`.
 */
function ecsStatements(s: Scope, cfg: ResolvedDeploymentGroup & { target: { platform: "ECS" } }): Statement[] {
    const e = cfg.target.ecs;
    const listeners = [...e.productionListenerArns, ...e.testListenerArns];
    return [
        {
            Sid: "TaskSets",
            Effect: "Allow",
            Action: ["ecs:DescribeServices", "ecs:CreateTaskSet", "ecs:UpdateServicePrimaryTaskSet", "ecs:DeleteTaskSet"],
            Resource: [
                arn(s, "ecs", pulumi.interpolate`service/${e.clusterName}/${e.serviceName}`),
                arn(s, "ecs", pulumi.interpolate`task-set/${e.clusterName}/${e.serviceName}/*`),
            ],
        },
        {
            // Elastic Load Balancing's Describe* actions support no resource-level permissions
            // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancingv2.html).
            Sid: "ReadLoadBalancing",
            Effect: "Allow",
            Action: ["elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules"],
            Resource: "*",
        },
        {
            Sid: "ShiftTraffic",
            Effect: "Allow",
            Action: ["elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyRule"],
            Resource: [...listeners, ...listeners.map(listenerRules)],
        },
        ...(e.passRoleArns.length
            ? [
                  {
                      Sid: "PassTaskRoles",
                      Effect: "Allow" as const,
                      Action: "iam:PassRole",
                      Resource: e.passRoleArns,
                      Condition: { StringLike: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
                  },
              ]
            : []),
        ...invoke(e.hookFunctionArns),
    ];
}

/**
 * What CodeDeploy does to shift a Lambda alias, as `AWSCodeDeployRoleForLambda` lists it, on this
 * function and alias only (the managed policy: every function's alias, and hooks named `CodeDeployHook_*`)
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCodeDeployRoleForLambda.html).
 */
function lambdaStatements(s: Scope, cfg: ResolvedDeploymentGroup & { target: { platform: "Lambda" } }): Statement[] {
    const l = cfg.target.lambda;
    const fn = arn(s, "lambda", pulumi.interpolate`function:${l.functionName}`);
    return [
        {
            // Alias actions are authorised on the function; the alias's own ARN is listed for callers that qualify it.
            Sid: "ShiftAlias",
            Effect: "Allow",
            Action: ["lambda:GetAlias", "lambda:UpdateAlias", "lambda:GetProvisionedConcurrencyConfig"],
            Resource: [fn, pulumi.interpolate`${fn}:${l.alias}`],
        },
        ...invoke(Object.values(l.hooks).filter((h): h is pulumi.Input<string> => h !== undefined)),
    ];
}

/**
 * `lambda:InvokeFunction` on exactly these hook functions (none without hooks), unqualified and
 * qualified: IAM matches an invocation of `fn:live` or `fn:3` against the qualified ARN only, and the
 * AppSpec may name either (https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html).
 */
function invoke(functionArns: pulumi.Input<string>[]): Statement[] {
    return functionArns.length
        ? [
              {
                  Sid: "InvokeHooks",
                  Effect: "Allow",
                  Action: "lambda:InvokeFunction",
                  Resource: functionArns.flatMap((f) => [f, pulumi.interpolate`${f}:*`]),
              },
          ]
        : [];
}

/**
 * An Auto Scaling group with a launch template needs these beyond `AWSCodeDeployRole`: "ec2:RunInstances,
 * ec2:CreateTags, iam:PassRole" (https://docs.aws.amazon.com/codedeploy/latest/userguide/getting-started-create-service-role.html).
 * RunInstances touches instances, volumes, interfaces, images, subnets and security groups of the
 * template, so it stays on "*"; the role it passes is narrowed to `instanceRoleArns`.
 */
function serverStatements(cfg: ResolvedDeploymentGroup & { target: { platform: "Server" } }): Statement[] {
    const sv = cfg.target.server;
    if (sv.autoScalingGroupNames.length === 0) return [];
    return [
        { Sid: "LaunchTemplateInstances", Effect: "Allow", Action: ["ec2:RunInstances", "ec2:CreateTags"], Resource: "*" },
        ...(sv.instanceRoleArns.length
            ? [
                  {
                      Sid: "PassInstanceRoles",
                      Effect: "Allow" as const,
                      Action: "iam:PassRole",
                      Resource: sv.instanceRoleArns,
                      Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
                  },
              ]
            : []),
    ];
}

/**
 * `codedeploy:PutLifecycleEventHookExecutionStatus` on the group: what a hook function's role needs to
 * report its result (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodedeploy.html,
 * resource type `deploymentgroup`).
 */
export function hookStatusStatements(groupArn: pulumi.Input<string>): Statement[] {
    return [{ Sid: "ReportHookStatus", Effect: "Allow", Action: "codedeploy:PutLifecycleEventHookExecutionStatus", Resource: groupArn }];
}

/**
 * The service role's inline statements: the platform's (ECS, Lambda; Server keeps the managed policy),
 * then what every platform needs for its options: the alarms it polls, the revision buckets it reads,
 * the topic its trigger publishes to.
 */
export function serviceRoleStatements(s: Scope, cfg: ResolvedDeploymentGroup): Statement[] {
    const platform =
        cfg.target.platform === "ECS"
            ? ecsStatements(s, cfg as ResolvedDeploymentGroup & { target: { platform: "ECS" } })
            : cfg.target.platform === "Lambda"
              ? lambdaStatements(s, cfg as ResolvedDeploymentGroup & { target: { platform: "Lambda" } })
              : serverStatements(cfg as ResolvedDeploymentGroup & { target: { platform: "Server" } });
    const n = cfg.notifications;
    return [
        ...platform,
        ...(cfg.alarms.length
            ? [
                  {
                      // On "*", as AWSCodeDeployRoleForECS, ...ECSLimited and ...Lambda grant it: a grant per alarm
                      // ARN holds only when the caller names each metric alarm
                      // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html),
                      // and how CodeDeploy calls it is not documented; with ignorePollAlarmFailure false a denied
                      // poll stops every deployment. Read-only: it reveals alarm metadata, nothing else.
                      Sid: "PollAlarms",
                      Effect: "Allow" as const,
                      Action: "cloudwatch:DescribeAlarms",
                      Resource: "*",
                  },
              ]
            : []),
        ...(cfg.revisionBucketArns.length
            ? [
                  {
                      Sid: "ReadRevisions",
                      Effect: "Allow" as const,
                      Action: ["s3:GetObject", "s3:GetObjectVersion"],
                      Resource: cfg.revisionBucketArns.map((b) => pulumi.interpolate`${b}/*`),
                  },
              ]
            : []),
        // SSE-KMS buckets: GetObject also decrypts with the bucket's key, as the caller.
        ...(cfg.revisionKeyArns.length
            ? [
                  {
                      Sid: "DecryptRevisions",
                      Effect: "Allow" as const,
                      Action: "kms:Decrypt",
                      Resource: cfg.revisionKeyArns,
                      Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
                  },
              ]
            : []),
        ...(n ? [{ Sid: "PublishTrigger", Effect: "Allow" as const, Action: "sns:Publish", Resource: n.topicArn }] : []),
        ...keyThroughService("EncryptTrigger", n?.topicKeyArn, ["kms:GenerateDataKey*", "kms:Decrypt"], "sns"),
    ];
}
