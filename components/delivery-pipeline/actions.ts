import * as pulumi from "@pulumi/pulumi";
import type { input } from "@pulumi/aws/types";
import type { ResolvedAction, ResolvedDeliveryPipeline, ResolvedSource, ResolvedStage } from "./defaults";
import { DEFAULTS, SOURCE_ARTIFACT, SOURCE_STAGE } from "./defaults";

type Declaration = input.codepipeline.PipelineStageAction;
type Configuration = Record<string, pulumi.Input<string>>;

/** Keys whose value is absent are left out: CodePipeline refuses empty configuration values. */
function config(entries: Record<string, pulumi.Input<string> | undefined>): Configuration {
    return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as Configuration;
}

const aws = (category: string, provider: string) => ({ category, owner: "AWS", provider, version: "1" });

/**
 * The source action, named `Source` in the `Source` stage. S3 and CodeCommit sources do not poll
 * (`PollForSourceChanges: "false"`, which AWS requires with an event rule "to avoid duplicate pipeline executions"):
 * an EventBridge rule starts the pipeline (https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-S3.html,
 * "a source enabled for events"; https://docs.aws.amazon.com/codepipeline/latest/userguide/triggering.html for CodeCommit).
 */
export function sourceAction(source: ResolvedSource, connectionArn: pulumi.Input<string> | undefined): Declaration {
    const common = { name: SOURCE_STAGE, outputArtifacts: [SOURCE_ARTIFACT], runOrder: 1 };
    switch (source.kind) {
        case "connection":
        case "connectionArn":
            return {
                ...common,
                ...aws("Source", "CodeStarSourceConnection"),
                configuration: config({ ConnectionArn: connectionArn, FullRepositoryId: source.repository, BranchName: source.branch }),
            };
        case "codeCommit":
            return {
                ...common,
                ...aws("Source", "CodeCommit"),
                configuration: config({ RepositoryName: source.repository, BranchName: source.branch, PollForSourceChanges: "false" }),
            };
        case "s3":
            return {
                ...common,
                ...aws("Source", "S3"),
                configuration: config({ S3Bucket: source.bucket, S3ObjectKey: source.key, PollForSourceChanges: "false" }),
            };
    }
}

/** CodeBuild's EnvironmentVariables: a JSON array string (configuration values are strings). */
function environmentVariables(vars: Record<string, string>): string | undefined {
    const list = Object.entries(vars).map(([name, value]) => ({ name, value, type: "PLAINTEXT" }));
    return list.length ? JSON.stringify(list) : undefined;
}

/** The action roles (`roleArn` of the declaration) of the actions that run under one. */
export type ActionRoles = Map<ResolvedAction, pulumi.Input<string>>;

/** One action's declaration: its type, configuration keys (from each action's reference page) and artifacts. */
export function actionDeclaration(a: ResolvedAction, cfg: ResolvedDeliveryPipeline, actionRoles: ActionRoles = new Map()): Declaration {
    const common = {
        name: a.name,
        runOrder: a.runOrder,
        // Left out when empty, as the action reference declares them (no artifacts, no key).
        inputArtifacts: a.inputArtifacts.length ? a.inputArtifacts : undefined,
        outputArtifacts: a.outputArtifacts.length ? a.outputArtifacts : undefined,
    };
    switch (a.kind) {
        case "build":
            return {
                ...common,
                ...aws((a.test ?? DEFAULTS.test) ? "Test" : "Build", "CodeBuild"),
                configuration: config({
                    ProjectName: a.project.projectName,
                    // Required with more than one input artifact: the one CodeBuild reads the buildspec from.
                    PrimarySource: a.inputArtifacts.length > 1 ? a.inputArtifacts[0] : undefined,
                    EnvironmentVariables: environmentVariables(a.environment ?? DEFAULTS.environment),
                }),
            };
        case "lambda":
            return { ...common, ...aws("Build", "CodeBuild"), configuration: config({ ProjectName: a.project.projectName }) };
        case "pulumi":
            return {
                ...common,
                ...aws("Build", "CodeBuild"),
                configuration: config({ ProjectName: a.project.projectName, EnvironmentVariables: environmentVariables({ PULUMI_STACK: a.stack }) }),
            };
        case "approval":
            return {
                ...common,
                ...aws("Approval", "Manual"),
                configuration: config({ NotificationArn: cfg.notifications?.topicArn, CustomData: a.summary, ExternalEntityLink: a.externalEntityLink }),
            };
        case "ecs":
            return {
                ...common,
                ...aws("Deploy", "ECS"),
                configuration: config({
                    ClusterName: a.clusterName,
                    ServiceName: a.serviceName,
                    FileName: a.imageDefinitionsFile ?? DEFAULTS.imageDefinitionsFile,
                }),
            };
        case "ecs-blue-green":
            return {
                ...common,
                ...aws("Deploy", "CodeDeployToECS"),
                configuration: config({
                    ApplicationName: a.group.applicationName,
                    DeploymentGroupName: a.group.deploymentGroupName,
                    TaskDefinitionTemplateArtifact: a.input,
                    TaskDefinitionTemplatePath: a.taskDefinitionPath ?? DEFAULTS.taskDefinitionPath,
                    AppSpecTemplateArtifact: a.input,
                    AppSpecTemplatePath: a.appSpecPath ?? DEFAULTS.appSpecPath,
                    // The image URI from the artifact's imageDetail.json replaces the `<IMAGE1_NAME>` placeholder of the task
                    // definition template (action-reference-ECSbluegreen, "Image1ContainerName").
                    Image1ArtifactName: a.input,
                    Image1ContainerName: "IMAGE1_NAME",
                }),
            };
        case "code-deploy":
            return {
                ...common,
                ...aws("Deploy", "CodeDeploy"),
                configuration: config({ ApplicationName: a.group.applicationName, DeploymentGroupName: a.group.deploymentGroupName }),
            };
        case "cloudformation": {
            const capabilities = a.capabilities ?? DEFAULTS.capabilities;
            const overrides = a.parameterOverrides ?? DEFAULTS.parameterOverrides;
            return {
                ...common,
                ...aws("Deploy", "CloudFormation"),
                configuration: config({
                    ActionMode: "CREATE_UPDATE",
                    StackName: a.stackName,
                    TemplatePath: a.templatePath,
                    RoleArn: a.roleArn,
                    Capabilities: capabilities.length ? capabilities.join(",") : undefined,
                    ParameterOverrides: Object.keys(overrides).length ? JSON.stringify(overrides) : undefined,
                }),
            };
        }
        case "elastic-beanstalk":
            return {
                ...common,
                ...aws("Deploy", "ElasticBeanstalk"),
                // The action runs under its own role, which the pipeline role assumes ("the IAM service role that
                // performs the declared action", API ActionDeclaration.roleArn): Beanstalk's broad permissions stay off the pipeline role.
                roleArn: actionRoles.get(a),
                configuration: config({ ApplicationName: a.applicationName, EnvironmentName: a.environmentName }),
            };
    }
}

/** The pipeline's stages: `Source` first, then the args' stages in order, their actions in the order given. */
export function stageDeclarations(
    cfg: ResolvedDeliveryPipeline,
    connectionArn: pulumi.Input<string> | undefined,
    actionRoles: ActionRoles = new Map(),
): input.codepipeline.PipelineStage[] {
    return [
        { name: SOURCE_STAGE, actions: [sourceAction(cfg.source, connectionArn)] },
        ...cfg.stages.map((s: ResolvedStage) => ({ name: s.name, actions: s.actions.map((a) => actionDeclaration(a, cfg, actionRoles)) })),
    ];
}

/** V2 push triggers on the source action; empty filter keys are left out (the API takes 1-8 patterns). */
export function triggerDeclarations(cfg: ResolvedDeliveryPipeline): input.codepipeline.PipelineTrigger[] | undefined {
    if (cfg.triggers.length === 0) return undefined;
    const filter = (f: { includes?: string[]; excludes?: string[] } | undefined) => f && { includes: f.includes, excludes: f.excludes };
    return [
        {
            providerType: "CodeStarSourceConnection",
            gitConfiguration: {
                sourceActionName: SOURCE_STAGE,
                pushes: cfg.triggers.map((t) => ({ branches: filter(t.branches), tags: filter(t.tags), filePaths: filter(t.filePaths) })),
            },
        },
    ];
}
