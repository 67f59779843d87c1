import * as pulumi from "@pulumi/pulumi";
import { Statement, keyThroughService } from "../shared/iam";
import type { BuildProjectRef, CodeDeployTarget } from "./args";
import type { ResolvedAction, ResolvedDeliveryPipeline } from "./defaults";

/** Where the pipeline lives: ARNs of the resources its actions touch are built from these. */
export interface Scope {
    partition: pulumi.Input<string>;
    region: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    bucketArn: pulumi.Input<string>;
    keyArn: pulumi.Input<string>;
    /** The connection's ARN (created or given) for a connection source. */
    connectionArn?: pulumi.Input<string>;
}

const actionsOf = <K extends ResolvedAction["kind"]>(cfg: ResolvedDeliveryPipeline, kind: K) =>
    cfg.stages.flatMap((s) => s.actions).filter((a): a is Extract<ResolvedAction, { kind: K }> => a.kind === kind);

const unique = <T>(xs: T[]) => [...new Set(xs)];

/**
 * The artifact bucket and its key: CodePipeline's documented base policy (AllowS3BucketAccess,
 * AllowS3ObjectAccess; https://docs.aws.amazon.com/codepipeline/latest/userguide/how-to-custom-role.html)
 * plus the key S3 encrypts the artifacts with. Build project roles get the same through `buildRoleArtifactStatements`.
 */
export function artifactStatements(s: Scope): Statement[] {
    return [
        { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketVersioning", "s3:GetBucketAcl", "s3:GetBucketLocation"], Resource: s.bucketArn },
        {
            Sid: "ArtifactObjects",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
            Resource: pulumi.interpolate`${s.bucketArn}/*`,
        },
        ...keyThroughService("ArtifactKey", s.keyArn, ["kms:Decrypt", "kms:GenerateDataKey*"], "s3"),
    ];
}

/** What a CodeBuild project's role needs to read its input artifacts and write its outputs. */
export function buildRoleArtifactStatements(s: Scope): Statement[] {
    return [
        { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:GetBucketLocation"], Resource: s.bucketArn },
        {
            Sid: "ArtifactObjects",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
            Resource: pulumi.interpolate`${s.bucketArn}/*`,
        },
        ...keyThroughService("ArtifactKey", s.keyArn, ["kms:Decrypt", "kms:GenerateDataKey*"], "s3"),
    ];
}

/**
 * Read-only use of the artifacts, for roles outside the pipeline that read an action's input: the
 * CodeDeploy agent's instance profile downloads the revision (AmazonEC2RoleforAWSCodeDeploy: "Provides EC2
 * access to S3 bucket to download revision"), CloudFormation's stack role reads artifacts a template names,
 * an action role reads its input. The artifact key is the pipeline's own CMK, usable only through an IAM grant.
 */
export function artifactReadStatements(s: Scope): Statement[] {
    return [
        { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:GetBucketVersioning", "s3:ListBucket"], Resource: s.bucketArn },
        { Sid: "ArtifactObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: pulumi.interpolate`${s.bucketArn}/*` },
        ...keyThroughService("ArtifactKey", s.keyArn, ["kms:Decrypt"], "s3"),
    ];
}

/**
 * UseConnection with the prefix of the connection's ARN: "the service prefix needs to match that of
 * the resource" (https://docs.aws.amazon.com/dtconsole/latest/userguide/rename.html). An ARN known only
 * at deployment gets both prefixes, on that one ARN.
 */
function useConnection(arn: pulumi.Input<string>, created: boolean): Statement {
    const plain = typeof arn === "string" ? arn : undefined;
    const action = created
        ? "codeconnections:UseConnection"
        : plain?.includes(":codestar-connections:")
          ? "codestar-connections:UseConnection"
          : plain?.includes(":codeconnections:")
            ? "codeconnections:UseConnection"
            : ["codeconnections:UseConnection", "codestar-connections:UseConnection"];
    return { Sid: "UseConnection", Effect: "Allow", Action: action, Resource: arn };
}

export function sourceStatements(cfg: ResolvedDeliveryPipeline, s: Scope): Statement[] {
    const src = cfg.source;
    switch (src.kind) {
        case "connection":
            return [useConnection(s.connectionArn!, true)];
        case "connectionArn":
            return [useConnection(src.connectionArn, false)];
        case "codeCommit":
            // The CodeCommit source action's permissions (action-reference-CodeCommit, "Service role permissions").
            return [
                {
                    Sid: "CodeCommitSource",
                    Effect: "Allow",
                    Action: [
                        "codecommit:GetBranch",
                        "codecommit:GetCommit",
                        "codecommit:UploadArchive",
                        "codecommit:GetUploadArchiveStatus",
                        "codecommit:CancelUploadArchive",
                    ],
                    Resource: pulumi.interpolate`arn:${s.partition}:codecommit:${s.region}:${s.accountId}:${src.repository}`,
                },
            ];
        case "s3":
            return [
                {
                    Sid: "S3SourceBucket",
                    Effect: "Allow",
                    Action: "s3:GetBucketVersioning",
                    Resource: pulumi.interpolate`arn:${s.partition}:s3:::${src.bucket}`,
                },
                {
                    Sid: "S3SourceObject",
                    Effect: "Allow",
                    Action: ["s3:GetObject", "s3:GetObjectVersion"],
                    Resource: pulumi.interpolate`arn:${s.partition}:s3:::${src.bucket}/${src.key}`,
                },
                // An SSE-KMS object with a customer managed key: S3 decrypts it with the caller's kms:Decrypt
                // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html).
                ...keyThroughService("S3SourceKey", src.kmsKeyArn, ["kms:Decrypt"], "s3"),
            ];
    }
}

/** StartBuild and BatchGetBuilds on exactly the projects of these actions (action-reference-CodeBuild). */
function startBuilds(sid: string, projects: BuildProjectRef[]): Statement[] {
    if (projects.length === 0) return [];
    return [{ Sid: sid, Effect: "Allow", Action: ["codebuild:BatchGetBuilds", "codebuild:StartBuild"], Resource: unique(projects.map((p) => p.projectArn)) }];
}

/** iam:PassRole on exactly these roles, and only to `service`. */
function passRoles(sid: string, arns: pulumi.Input<string>[], service: string): Statement[] {
    if (arns.length === 0) return [];
    return [{ Sid: sid, Effect: "Allow", Action: "iam:PassRole", Resource: unique(arns), Condition: { StringEquals: { "iam:PassedToService": service } } }];
}

/**
 * Registering a task definition with tags needs ecs:TagResource for the create action
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/supported-iam-actions-tagging.html).
 * RegisterTaskDefinition supports no resource-level permissions: its resource is "*".
 */
function registerTaskDefinition(s: Scope): Statement[] {
    return [
        { Sid: "RegisterTaskDefinition", Effect: "Allow", Action: ["ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"], Resource: "*" },
        {
            Sid: "TagTaskDefinitionOnCreate",
            Effect: "Allow",
            Action: "ecs:TagResource",
            Resource: pulumi.interpolate`arn:${s.partition}:ecs:${s.region}:${s.accountId}:task-definition/*`,
            Condition: { StringEquals: { "ecs:CreateAction": "RegisterTaskDefinition" } },
        },
    ];
}

/**
 * A CodeDeploy deployment through the group: CreateDeployment and GetDeployment on the group,
 * the application's revisions, the group's configuration (how-to-custom-role, CodeDeploy section).
 */
function codeDeploy(sid: string, groups: CodeDeployTarget[], s: Scope): Statement[] {
    if (groups.length === 0) return [];
    return [
        {
            Sid: `${sid}Deployment`,
            Effect: "Allow",
            Action: ["codedeploy:CreateDeployment", "codedeploy:GetDeployment"],
            Resource: unique(groups.map((g) => g.deploymentGroupArn)),
        },
        {
            Sid: `${sid}Application`,
            Effect: "Allow",
            Action: ["codedeploy:GetApplication", "codedeploy:GetApplicationRevision", "codedeploy:RegisterApplicationRevision"],
            Resource: unique(groups.map((g) => g.applicationArn)),
        },
        {
            Sid: `${sid}Config`,
            Effect: "Allow",
            Action: "codedeploy:GetDeploymentConfig",
            Resource: unique(
                groups.map((g) => pulumi.interpolate`arn:${s.partition}:codedeploy:${s.region}:${s.accountId}:deploymentconfig:${g.deploymentConfigName}`),
            ),
        },
    ];
}

/**
 * The pipeline role's statements, one list per action kind present (each becomes an inline policy
 * named after the kind): nothing for kinds the pipeline does not use. Elastic Beanstalk actions run
 * under their own action role: the pipeline role only assumes it (`assumeActionRoles`).
 */
export function pipelineRoleStatements(cfg: ResolvedDeliveryPipeline, s: Scope): Record<string, Statement[]> {
    const ecs = actionsOf(cfg, "ecs");
    const blueGreen = actionsOf(cfg, "ecs-blue-green");
    const cfn = actionsOf(cfg, "cloudformation");
    const approval = actionsOf(cfg, "approval");
    const arn = (service: string, resource: pulumi.Input<string>) => pulumi.interpolate`arn:${s.partition}:${service}:${s.region}:${s.accountId}:${resource}`;
    return {
        artifacts: artifactStatements(s),
        source: sourceStatements(cfg, s),
        build: startBuilds(
            "StartBuilds",
            actionsOf(cfg, "build").map((a) => a.project),
        ),
        lambda: startBuilds(
            "StartLambdaDeployBuilds",
            actionsOf(cfg, "lambda").map((a) => a.project),
        ),
        pulumi: startBuilds(
            "StartPulumiBuilds",
            actionsOf(cfg, "pulumi").map((a) => a.project),
        ),
        // Approval requests go to the topic (approvals-service-role-permissions); an encrypted topic needs its key through SNS.
        approval:
            approval.length && cfg.notifications
                ? [
                      { Sid: "PublishApprovalRequests", Effect: "Allow", Action: "sns:Publish", Resource: cfg.notifications.topicArn },
                      ...keyThroughService("ApprovalTopicKey", cfg.notifications.topicKeyArn, ["kms:Decrypt", "kms:GenerateDataKey*"], "sns"),
                  ]
                : [],
        // The ECS standard deploy action (action-reference-ECS, "Service role permissions").
        ecs: ecs.length
            ? [
                  {
                      Sid: "UpdateServices",
                      Effect: "Allow",
                      Action: ["ecs:DescribeServices", "ecs:UpdateService"],
                      Resource: unique(ecs.map((a) => arn("ecs", pulumi.interpolate`service/${a.clusterName}/${a.serviceName}`))),
                  },
                  {
                      Sid: "WatchTasks",
                      Effect: "Allow",
                      Action: "ecs:DescribeTasks",
                      Resource: unique(ecs.map((a) => arn("ecs", pulumi.interpolate`task/${a.clusterName}/*`))),
                  },
                  {
                      // ListTasks is authorised on the cluster it lists (condition key ecs:cluster).
                      Sid: "ListTasks",
                      Effect: "Allow",
                      Action: "ecs:ListTasks",
                      Resource: "*",
                      Condition: { ArnEquals: { "ecs:cluster": unique(ecs.map((a) => arn("ecs", pulumi.interpolate`cluster/${a.clusterName}`))) } },
                  },
                  ...registerTaskDefinition(s),
                  ...passRoles(
                      "PassTaskRoles",
                      ecs.flatMap((a) => a.passRoleArns),
                      "ecs-tasks.amazonaws.com",
                  ),
              ]
            : [],
        // CodeDeployToECS (action-reference-ECSbluegreen, "Service role permissions").
        "ecs-blue-green": blueGreen.length
            ? [
                  ...codeDeploy(
                      "BlueGreen",
                      blueGreen.map((a) => a.group),
                      s,
                  ),
                  ...registerTaskDefinition(s),
                  ...passRoles(
                      "PassTaskRoles",
                      blueGreen.flatMap((a) => a.passRoleArns),
                      "ecs-tasks.amazonaws.com",
                  ),
              ]
            : [],
        "code-deploy": codeDeploy(
            "CodeDeploy",
            actionsOf(cfg, "code-deploy").map((a) => a.group),
            s,
        ),
        // The CloudFormation action (action-reference-CloudFormation): on these stacks only; CloudFormation acts with the role passed.
        cloudformation: cfn.length
            ? [
                  {
                      Sid: "ChangeStacks",
                      Effect: "Allow",
                      Action: [
                          "cloudformation:CreateStack",
                          "cloudformation:DeleteStack",
                          "cloudformation:DescribeStacks",
                          "cloudformation:UpdateStack",
                          "cloudformation:CreateChangeSet",
                          "cloudformation:DeleteChangeSet",
                          "cloudformation:DescribeChangeSet",
                          "cloudformation:ExecuteChangeSet",
                          "cloudformation:SetStackPolicy",
                      ],
                      Resource: unique(cfn.map((a) => arn("cloudformation", `stack/${a.stackName}/*`))),
                  },
                  // ValidateTemplate supports no resource-level permissions (its resource is "*").
                  { Sid: "ValidateTemplates", Effect: "Allow", Action: "cloudformation:ValidateTemplate", Resource: "*" },
                  ...passRoles(
                      "PassStackRoles",
                      cfn.map((a) => a.roleArn),
                      "cloudformation.amazonaws.com",
                  ),
              ]
            : [],
    };
}

/**
 * The pipeline role assumes each action role to run its action: "the pipeline's roleArn is used to assume
 * roles for actions with an actionRoleArn" (CodePipeline API, PipelineDeclaration).
 */
export function assumeActionRoles(arns: pulumi.Input<string>[]): Statement[] {
    if (arns.length === 0) return [];
    return [{ Sid: "AssumeActionRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: unique(arns) }];
}
