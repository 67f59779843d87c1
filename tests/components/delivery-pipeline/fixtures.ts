/** Plain stand-ins for BuildProject (part 1) and DeploymentGroup (part 3): the pipeline reads only these fields. */
import type { BuildProjectRef, CodeDeployTarget, DeliveryPipelineArgs } from "../../../components/delivery-pipeline";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:releases`;
export const TOPIC_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9`;
export const TASK_ROLE = `arn:aws:iam::${ACCOUNT}:role/web-task`;
export const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/web-execution`;
export const CFN_ROLE = `arn:aws:iam::${ACCOUNT}:role/cfn-deployer`;

export function project(name: string): BuildProjectRef {
    return { projectName: name, projectArn: `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/${name}`, roleName: `${name}-role` };
}

export function group(platform: CodeDeployTarget["computePlatform"], app: string, config: string): CodeDeployTarget {
    return {
        computePlatform: platform,
        applicationName: app,
        applicationArn: `arn:aws:codedeploy:${REGION}:${ACCOUNT}:application:${app}`,
        deploymentGroupName: `${app}-group`,
        deploymentGroupArn: `arn:aws:codedeploy:${REGION}:${ACCOUNT}:deploymentgroup:${app}/${app}-group`,
        deploymentConfigName: config,
    };
}

export const IMAGE_BUILD = project("shop-image");
export const TESTS = project("shop-tests");
export const INFRA = project("shop-infra");
export const LAMBDA_DEPLOY = project("shop-lambda-deploy");
export const ECS_GROUP = group("ECS", "shop-web", "CodeDeployDefault.ECSCanary10Percent5Minutes");
export const SERVER_GROUP = group("Server", "shop-legacy", "CodeDeployDefault.HalfAtATime");
/** The instance profile role of the legacy group's instances (the CodeDeploy agent downloads revisions with it). */
export const INSTANCE_ROLE = "shop-legacy-instance";
export const LAMBDA_GROUP = group("Lambda", "shop-api", "CodeDeployDefault.LambdaLinear10PercentEvery1Minute");

/** Source -> Build -> Test -> Staging (rolling) -> Approve -> Production (blue/green, in place, Lambda, Pulumi). */
export function fullArgs(): DeliveryPipelineArgs {
    return {
        source: { connection: { provider: "GitHub", repository: "acme/shop" } },
        triggers: [{ branches: { includes: ["main"] }, filePaths: { includes: ["app/**"], excludes: ["docs/**"] } }, { tags: { includes: ["v*"] } }],
        stages: [
            { name: "Build", actions: [{ kind: "build", name: "image", project: IMAGE_BUILD, outputs: ["image"], environment: { STAGE: "ci" } }] },
            { name: "Test", actions: [{ kind: "build", name: "unit", project: TESTS, test: true, inputs: ["source", "image"] }] },
            {
                name: "Staging",
                actions: [
                    { kind: "ecs", name: "web", clusterName: "staging", serviceName: "web", passRoleArns: [TASK_ROLE, EXECUTION_ROLE], input: "image" },
                    { kind: "pulumi", name: "infra", project: INFRA, stack: "staging" },
                ],
            },
            { name: "Approve", actions: [{ kind: "approval", name: "release", summary: "Check staging", externalEntityLink: "https://staging.example.com" }] },
            {
                name: "Production",
                actions: [
                    { kind: "ecs-blue-green", name: "web", group: ECS_GROUP, passRoleArns: [TASK_ROLE, EXECUTION_ROLE], input: "image", production: true },
                    { kind: "code-deploy", name: "legacy", group: SERVER_GROUP, input: "image", instanceRoleNames: [INSTANCE_ROLE], production: true },
                    { kind: "lambda", name: "api", project: LAMBDA_DEPLOY, group: LAMBDA_GROUP, production: true },
                    { kind: "pulumi", name: "infra", project: INFRA, stack: "prod", production: true, runOrder: 2 },
                ],
            },
        ],
        notifications: { topicArn: TOPIC, topicKeyArn: TOPIC_KEY },
    };
}
