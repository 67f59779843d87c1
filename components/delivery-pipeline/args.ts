import type * as pulumi from "@pulumi/pulumi";
import type * as codeconnections from "@pulumi/aws/codeconnections";
import type * as codepipeline from "@pulumi/aws/codepipeline";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as codestarnotifications from "@pulumi/aws/codestarnotifications";
import type * as iam from "@pulumi/aws/iam";
import type * as kms from "@pulumi/aws/kms";
import type { PrivateBucketTransforms } from "../shared/bucket";
import type { Transform } from "../shared/transform";

/** A CodeBuild project a pipeline action runs. `BuildProject` satisfies it; so does any project with these three values. */
export interface BuildProjectRef {
    projectName: pulumi.Input<string>;
    projectArn: pulumi.Input<string>;
    /** The project's service role: the pipeline grants it the artifact bucket and key. */
    roleName: pulumi.Input<string>;
}

/** A CodeDeploy deployment group a pipeline deploys to. `DeploymentGroup` satisfies it. */
export interface CodeDeployTarget {
    computePlatform: "ECS" | "Lambda" | "Server";
    applicationName: pulumi.Input<string>;
    applicationArn: pulumi.Input<string>;
    deploymentGroupName: pulumi.Input<string>;
    deploymentGroupArn: pulumi.Input<string>;
    /** `CodeDeployDefault.*` of the group's platform, or a custom configuration's name. */
    deploymentConfigName: pulumi.Input<string>;
}

/** Git hosts a CodeConnections connection reaches. */
export type GitProvider = "GitHub" | "GitLab" | "Bitbucket";

/** A new CodeConnections connection: created PENDING, usable once someone completes the handshake in the console. */
export interface NewConnectionSourceArgs {
    connection: {
        provider: GitProvider;
        /** `owner/name` (GitLab: `group/subgroup/name`). */
        repository: string;
        /** @default "main" */
        branch?: string;
    };
}

/** An existing connection (codestar-connections or codeconnections ARN). */
export interface ConnectionArnSourceArgs {
    /** `arn:aws:codeconnections:<region>:<account>:connection/<id>` (or `codestar-connections`). */
    connectionArn: pulumi.Input<string>;
    /** `owner/name`. */
    repository: string;
    /** @default "main" */
    branch?: string;
}

/** An object in a versioned S3 bucket; an EventBridge rule starts the pipeline when a new version lands. */
export interface S3SourceArgs {
    s3: {
        /** Bucket name. It must be versioned and send its events to EventBridge (`aws.s3.BucketNotification { eventbridge: true }`). */
        bucket: pulumi.Input<string>;
        /** Object key, e.g. `releases/app.zip`. */
        key: string;
        /**
         * The bucket's customer managed KMS key, when it uses SSE-KMS with one: the pipeline role then gets
         * `kms:Decrypt` on it through S3 (S3 decrypts with the caller's permissions). Not needed with SSE-S3 or the `aws/s3` key.
         * @default - no key grant
         */
        kmsKeyArn?: pulumi.Input<string>;
    };
}

/** A CodeCommit repository; an EventBridge rule starts the pipeline on a push to the branch. */
export interface CodeCommitSourceArgs {
    codeCommit: {
        repository: string;
        /** @default "main" */
        branch?: string;
    };
}

/** Exactly one source. Its output artifact is named `source`. */
export type SourceArgs = NewConnectionSourceArgs | ConnectionArnSourceArgs | S3SourceArgs | CodeCommitSourceArgs;

/** Git glob patterns (`release/**`); excludes win over includes. 1–8 patterns each, each 1–255 characters. */
export interface GitFilterArgs {
    /** @default - every branch, tag or path */
    includes?: string[];
    /** @default - none excluded */
    excludes?: string[];
}

/**
 * One push filter of a V2 trigger: tags alone, branches alone, or branches with file paths
 * (https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-triggers.html).
 */
export interface TriggerArgs {
    /** @default - no branch filter */
    branches?: GitFilterArgs;
    /** @default - no tag filter */
    tags?: GitFilterArgs;
    /** @default - no file path filter */
    filePaths?: GitFilterArgs;
}

interface ActionBase {
    /** Unique in its stage: `[A-Za-z0-9.@_-]`, at most 100 characters. */
    name: string;
    /**
     * Actions of a stage with the same run order run in parallel; a higher one waits for the lower.
     * @default 1
     */
    runOrder?: number;
}

interface DeployBase extends ActionBase {
    /**
     * A production deploy: validation requires an approval before it (an earlier stage, or an earlier
     * run order of its stage).
     * @default false
     */
    production?: boolean;
}

/** A CodeBuild build (category Build) or test (category Test). */
export interface BuildActionArgs extends ActionBase {
    kind: "build";
    project: BuildProjectRef;
    /** Category Test instead of Build (the same CodeBuild action; the console shows it as a test). @default false */
    test?: boolean;
    /** Input artifacts; the first is the primary source. @default ["source"] */
    inputs?: string[];
    /** Output artifacts the buildspec writes (its `artifacts` and `secondary-artifacts`). @default [] */
    outputs?: string[];
    /**
     * Plain-text variables for this action (they override the project's). Secrets do not belong here:
     * CodePipeline shows them in the console; use the project's `secrets`.
     * @default {}
     * @example { STAGE: "prod" }
     */
    environment?: Record<string, string>;
}

/** A manual approval; the notification topic (`notifications.topicArn`) is told. */
export interface ApprovalActionArgs extends ActionBase {
    kind: "approval";
    /** Text shown to the approver (CustomData). @default - none */
    summary?: string;
    /** A link the approver reviews, e.g. the test environment's URL (ExternalEntityLink). @default - none */
    externalEntityLink?: pulumi.Input<string>;
}

/** ECS rolling deployment (CodePipeline's `ECS` action) from an `imagedefinitions.json`. */
export interface EcsActionArgs extends DeployBase {
    kind: "ecs";
    clusterName: pulumi.Input<string>;
    serviceName: pulumi.Input<string>;
    /** The service's task role and execution role ARNs: the action registers a task definition naming them. */
    passRoleArns: pulumi.Input<string>[];
    /** The artifact holding the image definitions file. */
    input: string;
    /** @default "imagedefinitions.json" */
    imageDefinitionsFile?: string;
}

/** ECS blue/green through CodeDeploy (`CodeDeployToECS`). */
export interface EcsBlueGreenActionArgs extends DeployBase {
    kind: "ecs-blue-green";
    /** An ECS deployment group. */
    group: CodeDeployTarget;
    /** The task role and execution role ARNs named in the task definition template. */
    passRoleArns: pulumi.Input<string>[];
    /** The artifact holding the task definition template, the AppSpec and `imageDetail.json`. */
    input: string;
    /** @default "taskdef.json" */
    taskDefinitionPath?: string;
    /** @default "appspec.yaml" */
    appSpecPath?: string;
}

/**
 * CodeDeploy in place on EC2 / Auto Scaling groups (a `Server` deployment group). CodeDeploy's automatic
 * rollback redeploys the last good revision, an object of the artifact bucket: keep `artifactRetentionDays`
 * longer than the longest time between two successful deploys.
 */
export interface CodeDeployActionArgs extends DeployBase {
    kind: "code-deploy";
    group: CodeDeployTarget;
    /** The revision bundle (with its `appspec.yml`). */
    input: string;
    /**
     * The roles of the instance profiles of the group's instances. The CodeDeploy agent on each instance
     * downloads the revision from the artifact bucket with the instance profile, so each role gets read on the
     * bucket and Decrypt on the artifact key through S3
     * (AmazonEC2RoleforAWSCodeDeploy: "Provides EC2 access to S3 bucket to download revision. This role is needed by the CodeDeploy
     * agent on EC2 instances", https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2RoleforAWSCodeDeploy.html).
     */
    instanceRoleNames: pulumi.Input<string>[];
}

/**
 * Lambda through CodeDeploy: a CodeBuild project running `lambdaCodeDeployBuildspec` (CodePipeline's
 * CodeDeploy action describes EC2 only). The project's own role carries the Lambda and CodeDeploy grants.
 */
export interface LambdaActionArgs extends DeployBase {
    kind: "lambda";
    project: BuildProjectRef;
    /** The Lambda deployment group the project deploys to (checked: platform and configuration). */
    group: CodeDeployTarget;
    /** @default ["source"] */
    inputs?: string[];
}

/** The infrastructure: a CodeBuild project running `pulumiBuildspec` (preview, then up). */
export interface PulumiActionArgs extends DeployBase {
    kind: "pulumi";
    project: BuildProjectRef;
    /** The stack, passed to the build as `PULUMI_STACK`. */
    stack: string;
    /** @default ["source"] */
    inputs?: string[];
}

/** A CloudFormation stack created or updated from a template artifact (ActionMode CREATE_UPDATE). */
export interface CloudFormationActionArgs extends DeployBase {
    kind: "cloudformation";
    stackName: string;
    /** `<artifact>::<path>`, e.g. `build::template.yaml`. */
    templatePath: string;
    /** The role CloudFormation assumes to change the stack (passed by the pipeline). */
    roleArn: pulumi.Input<string>;
    /**
     * The name of the `roleArn` role, to grant it read on the artifact bucket and Decrypt on the artifact key through S3.
     * CloudFormation reads artifacts with this role when the template takes one (e.g. a Lambda's code through
     * `Fn::GetArtifactAtt` in `parameterOverrides`); the artifacts are encrypted with the pipeline's own key, which
     * even an administrator role cannot use without an IAM grant.
     * @default - no grant (templates that read no artifact)
     */
    roleName?: pulumi.Input<string>;
    /** @default [] */
    capabilities?: ("CAPABILITY_IAM" | "CAPABILITY_NAMED_IAM" | "CAPABILITY_AUTO_EXPAND")[];
    /** @default {} */
    parameterOverrides?: Record<string, string>;
}

/**
 * An Elastic Beanstalk environment. Beanstalk updates the environment's EC2, Auto Scaling, ELB,
 * CloudFormation… resources with the caller's permissions, so the action needs broad ones: it runs under
 * its own action role (`roleArn` of the action declaration), which the pipeline role only assumes.
 */
export interface ElasticBeanstalkActionArgs extends DeployBase {
    kind: "elastic-beanstalk";
    applicationName: string;
    environmentName: string;
    /** The source bundle. */
    input: string;
    /**
     * An existing role the action runs under. Its trust policy must admit this account (the pipeline role
     * assumes it), and it needs Beanstalk's permissions plus read on the artifact bucket and Decrypt on the
     * artifact key through S3 (`artifactBucketName`, `artifactKeyArn`): CodePipeline reads the input with it.
     * @default - a role created for the action: AWS's `AdministratorAccess-AWSElasticBeanstalk`, the artifacts, trusting only the pipeline role
     */
    roleArn?: pulumi.Input<string>;
}

export type ActionArgs =
    | BuildActionArgs
    | ApprovalActionArgs
    | EcsActionArgs
    | EcsBlueGreenActionArgs
    | CodeDeployActionArgs
    | LambdaActionArgs
    | PulumiActionArgs
    | CloudFormationActionArgs
    | ElasticBeanstalkActionArgs;

export type ActionKind = ActionArgs["kind"];

/** A stage: its actions run in `runOrder` groups. */
export interface StageArgs {
    /** Unique in the pipeline, not `Source` (the implicit first stage): `[A-Za-z0-9.@_-]`, at most 100 characters. */
    name: string;
    actions: ActionArgs[];
}

export type NotificationEvent = "failed" | "succeeded" | "approval-needed" | "stage-failed";

export interface NotificationsArgs {
    /** An SNS topic whose policy admits `codestar-notifications.amazonaws.com` (AlarmTopic `publishers`). */
    topicArn: pulumi.Input<string>;
    /** The topic's CMK, when encrypted: approvals publish through it. @default - an unencrypted topic */
    topicKeyArn?: pulumi.Input<string>;
    /**
     * An approval action already sends its request, with the review link, to `topicArn`: adding `approval-needed`
     * sends every approver a second message.
     * @default ["failed"]
     */
    events?: NotificationEvent[];
}

export interface DeliveryPipelineTransforms {
    /** The CodeConnections connection (a `connection` source). */
    connection?: Transform<codeconnections.ConnectionArgs>;
    /** The KMS key that encrypts the artifacts. */
    key?: Transform<kms.KeyArgs>;
    /** The artifact bucket and its companions. */
    bucket?: PrivateBucketTransforms;
    /** The pipeline's service role. */
    role?: Transform<iam.RoleArgs>;
    /** Each referenced build project's artifact grant (`<name>-<stage>-<action>-artifacts`). */
    buildRolePolicy?: Transform<iam.RolePolicyArgs>;
    /** The artifact read grants on code-deploy instance roles and CloudFormation stack roles (`<name>-<stage>-<action>-<n>-artifact-read`). */
    artifactReadPolicy?: Transform<iam.RolePolicyArgs>;
    /** Each Elastic Beanstalk action's role (`<name>-<stage>-<action>-eb-role`), when the action gives no `roleArn`. */
    ebRole?: Transform<iam.RoleArgs>;
    /** The pipeline. */
    pipeline?: Transform<codepipeline.PipelineArgs>;
    /** The EventBridge rule that starts the pipeline (S3 and CodeCommit sources). */
    startRule?: Transform<cloudwatch.EventRuleArgs>;
    /** Its target (the pipeline). */
    startTarget?: Transform<cloudwatch.EventTargetArgs>;
    /** The role EventBridge uses to start the pipeline. */
    startRole?: Transform<iam.RoleArgs>;
    /** The CodeStar Notifications rule (with `notifications`). */
    notificationRule?: Transform<codestarnotifications.NotificationRuleArgs>;
}

export interface DeliveryPipelineArgs {
    /**
     * Where the code comes from: a new CodeConnections connection (the default kind), an existing
     * connection's ARN, an S3 object, or a CodeCommit repository.
     * @example { connection: { provider: "GitHub", repository: "acme/shop", branch: "main" } }
     */
    source: SourceArgs;
    /**
     * V2 push triggers (connection sources only), 1–3 filters. Without them every push to the branch starts the pipeline.
     * @default []
     * @example [{ branches: { includes: ["main"] }, filePaths: { includes: ["app/**"] } }, { tags: { includes: ["v*"] } }]
     */
    triggers?: TriggerArgs[];
    /**
     * The stages after the implicit `Source` stage, in order.
     * @example [{ name: "Build", actions: [{ kind: "build", name: "image", project, outputs: ["image"] }] }, ...]
     */
    stages: StageArgs[];
    /**
     * Pipeline notifications (and approval requests) to SNS. Required when a stage has an approval.
     * @default - none
     */
    notifications?: NotificationsArgs;
    /**
     * `SUPERSEDED` (a newer run replaces one waiting, e.g. at an approval: the latest commit wins) or
     * `QUEUED` (every run goes through, in order).
     * @default "SUPERSEDED"
     */
    executionMode?: "SUPERSEDED" | "QUEUED";
    /**
     * Days artifacts stay in the artifact bucket. A `code-deploy` rollback or redeploy needs its revision here:
     * longer for pipelines that deploy rarely.
     * @default 30
     */
    artifactRetentionDays?: number;
    /** Protect the artifact bucket and key (`protect` and `retainOnDelete`). @default false */
    protectData?: boolean;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `connection`, `key`, `bucket` (the bucket's own
     * transforms), `role`, `buildRolePolicy`, `artifactReadPolicy`, `ebRole`, `pipeline`, `startRule`, `startTarget`, `startRole`,
     * `notificationRule`.
     * @default {}
     */
    transform?: DeliveryPipelineTransforms;
}
