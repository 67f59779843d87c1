/**
 * The delivery part of the program: a DeliveryPipeline from the repository (a CodeConnections connection) through
 * Build (the image, pushed to the stack's `app` repository) → Test (`npm ci && npm test`) → [Staging: `pulumi up` of
 * the staging stack] → [Approval, to the alarm topic] → Deploy/Production (`pulumi up` of this stack, then the ECS
 * service — rolling through CodePipeline's ECS action, or blue/green through a CodeDeploy deployment group — and the
 * items function's canary through CodeDeploy). Pulumi steps exist only with `deployRoleArn`. Settings come from
 * `delivery` in the stack's config; nothing here branches on the stack's name.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import {
    type ActionArgs,
    type AlarmTopic,
    BuildProject,
    type ContainerService,
    DeliveryPipeline,
    DeploymentGroup,
    type LambdaFunction,
    type StageArgs,
} from "../components";
import { containerImageBuildspec, lambdaCodeDeployBuildspec, lambdaCodeDeployStatements, pulumiBuildspec } from "../components/build-project/buildspecs";
import { esbuildCommand } from "../components/shared/bundle";
import type { Statement } from "../components/shared/iam";
import type { StackConfig } from "./config";

/** What the pipeline needs from the rest of the stack. */
export interface DeliveryDeps {
    /** The stack's own name: the production `pulumi up`. */
    stack: string;
    /** Approvals and failures go here; the topic admits CodeStar Notifications (AlarmTopic `publishers`). */
    alarms: AlarmTopic;
    /** The container platform: its `app` repository, and the released service (`delivery.service.name`). */
    platform: ContainerService;
    /** The items function, on its alias, with `delivery.itemsCanary`. */
    itemsFunction: LambdaFunction;
    /**
     * Monitoring sends the pipeline's failed executions to the topic (an EventBridge rule): the pipeline's own notification
     * rule then tells approvals only, or every failure would arrive twice.
     */
    failuresMonitored: boolean;
}

export interface DeliveryOutputs {
    pipeline: DeliveryPipeline;
    /** The secret the Pulumi steps read PULUMI_ACCESS_TOKEN from (with `deployRoleArn`): created empty, filled by hand. */
    tokenSecret?: secretsmanager.Secret;
    /** The CodeDeploy groups: the service's (strategy `code-deploy`) and the items function's (`itemsCanary`). */
    groups: { service?: DeploymentGroup; items?: DeploymentGroup };
    /** The alarm that stops and rolls back the items canary (`itemsCanary`). */
    itemsCanaryAlarm?: cloudwatch.MetricAlarm;
    /** The roles of the Pulumi steps' builds (with `deployRoleArn`): the principals the deploy role's trust policy admits. */
    deployerRoleArns: pulumi.Output<string>[];
    /** The released service's execution role may pull the `app` repository, where the pipeline pushes its images. */
    pullPolicy: iam.RolePolicy;
}

/** The build output holding imagedefinitions.json, imageDetail.json and, for CodeDeploy, taskdef.json and appspec.yaml. */
const IMAGE_ARTIFACT = "image";
/** CodeDeploy's predefined canaries: 10 % of the traffic for 5 minutes, then the rest (ECS and Lambda alike). */
const CANARY = { canary: { percent: 10, intervalMinutes: 5 } };
/**
 * The Node.js major the tests run on: the curated image's default otherwise, which moves as versions reach end of life
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/available-runtimes.html; 20, 22 and 24 are in
 * amazonlinux-x86_64-standard:5.0, BuildProject's default image). 22: within package.json's engines (>=20), the
 * functions' Lambda runtime (nodejs22.x) and what the Pulumi steps select (pulumiBuildspec's `nodeVersion`).
 */
export const TEST_NODE_VERSION = 22;
/** The items build bundles for node22 (the function's runtime) and runs npm ci: the same pinned major as the tests. */
const BUILD_NODE_VERSION = TEST_NODE_VERSION;
/** Where the Lambda step's build writes the items function's zip (as LambdaFunction bundles it: one CommonJS index.js). */
const ITEMS_ZIP = "dist/items.zip";
/**
 * The project's policy pack (a `PulumiPolicy.yaml` folder at the repository's root): once it exists, every Pulumi step
 * runs its preview and its update with `--policy-pack`, so a release that breaks a mandatory policy stops before it deploys.
 */
export const POLICY_PACK_DIR = "policy";
export const policyPackOf = (root: string): string | undefined =>
    fs.existsSync(path.join(root, POLICY_PACK_DIR, "PulumiPolicy.yaml")) ? POLICY_PACK_DIR : undefined;

export function delivery(cfg: StackConfig["delivery"], deps: DeliveryDeps): DeliveryOutputs | undefined {
    if (!cfg.enabled) return undefined;
    const p = deps.platform;
    const svc = p.resources.services[cfg.service.name];
    const target = svc.target;
    if (!target) throw new Error(`delivery.service ${cfg.service.name} has no load balancer target`);
    const blueGreen = cfg.service.strategy === "code-deploy";
    const passRoleArns = [svc.task.taskRole.arn, svc.task.executionRole.arn];
    // ContainerService grants ECR pulls only for the images it resolves, and the sample's is public: once the pipeline
    // points the service at the `app` repository, its tasks must pull from there. The task execution role pulls on
    // Fargate, and on EC2 whenever the task definition names one
    // (https://docs.aws.amazon.com/AmazonECR/latest/userguide/ECR_on_ECS.html).
    const pullPolicy = new iam.RolePolicy("deliver-pull", {
        name: "deliver-pull",
        role: svc.task.executionRole.name,
        policy: {
            Version: "2012-10-17",
            Statement: [
                // GetAuthorizationToken takes no resource (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html).
                { Sid: "EcrAuth", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
                {
                    Sid: "PullReleasedImages",
                    Effect: "Allow",
                    Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
                    Resource: p.resources.repositories.app.repository.arn,
                },
            ],
        },
    });

    const image = imageProject(cfg, deps, blueGreen);
    const test = new BuildProject("deliver-test", {
        buildspec: {
            version: 0.2,
            phases: { install: { "runtime-versions": { nodejs: TEST_NODE_VERSION }, commands: ["npm ci"] }, build: { commands: ["npm test"] } },
        },
    });

    // The Pulumi steps: the token from an empty secret (README: put-secret-value), and the deploy role to assume.
    const role = cfg.deployRoleArn;
    const tokenSecret =
        role === undefined
            ? undefined
            : new secretsmanager.Secret("pulumi-token", {
                  description: "PULUMI_ACCESS_TOKEN of the delivery pipeline's Pulumi steps: set it with `aws secretsmanager put-secret-value`",
              });
    const deployers: BuildProject[] = [];
    const infra = (stack: string) => {
        const project = new BuildProject(`deliver-infra-${stack.replace(/[^A-Za-z0-9-]/g, "-")}`, {
            ...pulumiBuildspec({ stack, tokenSecretArn: tokenSecret!.arn, policyPack: policyPackOf(path.join(__dirname, "..")) }),
            // The build only assumes the deploy role (the stack's aws:assumeRoles): what the program deploys is that role's business.
            policyStatements: [{ Sid: "AssumeDeployRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: role! }],
        });
        deployers.push(project);
        return project;
    };

    const serviceGroup = blueGreen
        ? new DeploymentGroup(`${cfg.service.name}-release`, {
              target: {
                  ecs: {
                      clusterName: p.clusterName,
                      serviceName: svc.service.name,
                      targetGroupNames: svc.deployment!.targetGroupNames,
                      productionListenerArns: svc.deployment!.productionListenerArns,
                      testListenerArns: svc.deployment!.testListenerArns,
                      passRoleArns,
                  },
              },
              config: CANARY,
              // The service's own alarms watch both target groups, where the live task set alternates.
              alarms: [svc.alarms.http5xx, svc.alarms.unhealthy].filter((a) => a !== undefined).map((a) => a.name),
          })
        : undefined;

    const fn = deps.itemsFunction;
    const itemsCanaryAlarm = cfg.itemsCanary ? canaryAlarm(fn) : undefined;
    const itemsGroup = itemsCanaryAlarm
        ? new DeploymentGroup("items-release", {
              target: { lambda: { functionName: fn.functionName, alias: fn.resources.alias!.name } },
              config: CANARY,
              alarms: [itemsCanaryAlarm.name],
          })
        : undefined;
    const lambda = itemsGroup && itemsProject(fn, itemsGroup);

    const production = cfg.approval;
    const releaseOrder = role === undefined ? 1 : 2;
    const release: ActionArgs[] = [
        ...(role === undefined ? [] : [{ kind: "pulumi" as const, name: "infrastructure", project: infra(deps.stack), stack: deps.stack, production }]),
        serviceGroup
            ? { kind: "ecs-blue-green", name: cfg.service.name, group: serviceGroup, passRoleArns, input: IMAGE_ARTIFACT, production, runOrder: releaseOrder }
            : {
                  kind: "ecs",
                  name: cfg.service.name,
                  clusterName: p.clusterName,
                  serviceName: svc.service.name,
                  passRoleArns,
                  input: IMAGE_ARTIFACT,
                  production,
                  runOrder: releaseOrder,
              },
        ...(lambda && itemsGroup ? [{ kind: "lambda" as const, name: "items", project: lambda, group: itemsGroup, production, runOrder: releaseOrder }] : []),
    ];
    // Without a deploy role there is no Staging step, but the staging stack still exists (deployed by its own pipeline):
    // the approval keeps its link.
    const staging = cfg.staging !== undefined && role !== undefined ? cfg.staging : undefined;
    const stages: StageArgs[] = [
        { name: "Build", actions: [{ kind: "build", name: "image", project: image, outputs: [IMAGE_ARTIFACT] }] },
        { name: "Test", actions: [{ kind: "build", name: "test", project: test, test: true }] },
        ...(staging
            ? [{ name: "Staging", actions: [{ kind: "pulumi" as const, name: "infrastructure", project: infra(staging.stack), stack: staging.stack }] }]
            : []),
        ...(cfg.approval
            ? [
                  {
                      name: "Approval",
                      actions: [
                          {
                              kind: "approval" as const,
                              name: "release",
                              summary: cfg.staging ? `Review ${cfg.staging.stack}, then release to ${deps.stack}` : `Release to ${deps.stack}`,
                              externalEntityLink: cfg.staging?.url,
                          },
                      ],
                  },
              ]
            : []),
        { name: production ? "Production" : "Deploy", actions: release },
    ];
    const s = cfg.source;
    const pipeline = new DeliveryPipeline("release", {
        source:
            s.connectionArn === undefined
                ? { connection: { provider: s.provider, repository: s.repository, branch: s.branch } }
                : { connectionArn: s.connectionArn, repository: s.repository, branch: s.branch },
        // Tags release (prod); without tags every push to the branch does (dev).
        triggers: cfg.releaseTags.length > 0 ? [{ tags: { includes: cfg.releaseTags } }] : [{ branches: { includes: [s.branch] } }],
        stages,
        // The production pipeline keeps its artifact bucket and key: a code-deploy rollback or redeploy needs the
        // revision it deployed, and the key decrypts it.
        protectData: production,
        notifications: {
            topicArn: deps.alarms.topicArn,
            topicKeyArn: deps.alarms.keyArn,
            events: deps.failuresMonitored ? ["approval-needed"] : ["failed", "approval-needed"],
        },
    });
    return {
        pipeline,
        tokenSecret,
        groups: { service: serviceGroup, items: itemsGroup },
        itemsCanaryAlarm,
        deployerRoleArns: deployers.map((d) => d.roleArn),
        pullPolicy,
    };
}

/**
 * The canary's own alarm: any error on the alias within a minute. Monitoring's errors alarm (3 of 5 minutes) would
 * hardly fire during a 5-minute canary; this one looks at the alias (`Resource` = `<function>:<alias>`, where both
 * versions answer during the shift: https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html).
 * Silent: CodeDeploy polls its state (DescribeAlarms) and needs no action on it; a rollback reaches the topic through
 * monitoring's failed-pipeline rule, and an error outside a release through monitoring's errors alarm. Actions here
 * would page twice for one incident.
 */
function canaryAlarm(fn: LambdaFunction): cloudwatch.MetricAlarm {
    const alias = fn.resources.alias!.name;
    return new cloudwatch.MetricAlarm("items-release-errors", {
        alarmDescription: "An error of the items function on its alias: stops and rolls back a CodeDeploy canary",
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions: { FunctionName: fn.functionName, Resource: pulumi.interpolate`${fn.functionName}:${alias}` },
        statistic: "Sum",
        period: 60,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        // No invocation, no datapoint: nothing is wrong.
        treatMissingData: "notBreaching",
    });
}

/**
 * The image build. For CodeDeploy it also writes taskdef.json and appspec.yaml; the AppSpec then carries the service's
 * capacity provider strategy, since CodeDeploy creates the replacement task set from the AppSpec alone, and a task set
 * without one lands on the cluster's default strategy
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateTaskSet.html) — Fargate, where app2's bridge-mode
 * task definition cannot run.
 */
function imageProject(cfg: StackConfig["delivery"], deps: DeliveryDeps, blueGreen: boolean): BuildProject {
    const svc = deps.platform.resources.services[cfg.service.name];
    const target = svc.target!;
    const generated = containerImageBuildspec({
        repositoryUrl: deps.platform.repositoryUrls.app,
        containerName: target.container,
        ...(blueGreen ? { taskDefinitionFamily: svc.task.taskDefinition.family, containerPort: target.containerPort } : {}),
    });
    if (!blueGreen) return new BuildProject("deliver-image", generated);
    const spec = generated.buildspec as { phases: { post_build: { commands: string[] } } };
    spec.phases.post_build.commands.push(
        "printf '        CapacityProviderStrategy:\\n' >> appspec.yaml",
        `echo "$CAPACITY_PROVIDER_STRATEGY" | jq -r '.[] | "          - CapacityProvider: \\"\\(.capacityProvider)\\"\\n            Base: \\(.base // 0)\\n            Weight: \\(.weight // 0)"' >> appspec.yaml`,
    );
    return new BuildProject("deliver-image", {
        ...generated,
        environment: {
            ...generated.environment,
            CAPACITY_PROVIDER_STRATEGY: svc.service.capacityProviderStrategies.apply((items) =>
                JSON.stringify((items ?? []).map((i) => ({ capacityProvider: i.capacityProvider, base: i.base ?? 0, weight: i.weight ?? 0 }))),
            ),
        },
    });
}

/**
 * The items function's release: bundles functions/items as LambdaFunction does (esbuild, CommonJS, one index.js), then
 * publishes it and asks CodeDeploy to shift the alias (lambdaCodeDeployBuildspec).
 */
function itemsProject(fn: LambdaFunction, group: DeploymentGroup): BuildProject {
    const generated = lambdaCodeDeployBuildspec({
        functionName: fn.functionName,
        alias: fn.resources.alias!.name,
        applicationName: group.applicationName,
        deploymentGroupName: group.deploymentGroupName,
        zipPath: ITEMS_ZIP,
    });
    const spec = generated.buildspec as Record<string, unknown>;
    const statements: Statement[] = lambdaCodeDeployStatements({
        functionArn: fn.functionArn,
        applicationArn: group.applicationArn,
        deploymentGroupArn: group.deploymentGroupArn,
        deploymentConfigName: group.deploymentConfigName,
    });
    return new BuildProject("deliver-items", {
        ...generated,
        buildspec: {
            ...spec,
            phases: {
                install: {
                    "runtime-versions": { nodejs: BUILD_NODE_VERSION },
                    commands: [
                        "npm ci",
                        esbuildCommand("functions/items/index.ts", "dist/items/index.js"),
                        `cd dist/items && zip -q ../items.zip index.js && cd "$CODEBUILD_SRC_DIR"`,
                    ],
                },
                ...(spec.phases as Record<string, unknown>),
            },
        },
        policyStatements: statements,
    });
}
