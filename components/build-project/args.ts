import type * as pulumi from "@pulumi/pulumi";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as codebuild from "@pulumi/aws/codebuild";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as iam from "@pulumi/aws/iam";
import type { Statement } from "../shared/iam";
import type { ComputeType, EnvironmentType } from "../shared/limits/codebuild";
import type { Transform } from "../shared/transform";

/**
 * The build's commands: inline YAML text, an object rendered to YAML (see the generators
 * `containerImageBuildspec`, `pulumiBuildspec`, `lambdaCodeDeployBuildspec`), or `{ path }`, a
 * buildspec file in the source (relative to its root).
 */
export type BuildspecArgs = string | Record<string, unknown> | { path: string };

/** CodeBuild's local cache modes: Docker layers (needs `docker: true`), the source's git metadata, `cache.paths` of the buildspec. */
export type LocalCacheMode = "docker-layer" | "source" | "custom";

/**
 * Where builds keep what they may reuse: nothing, the build host's local cache (kept only while
 * builds run back to back on the same host), or an S3 prefix (shared by every build, any time).
 */
export type BuildCacheArgs = "none" | { local: LocalCacheMode[] } | { s3: { bucketArn: pulumi.Input<string>; prefix?: string } };

/** The build's network: ENIs in your subnets, so builds reach private resources (and the internet only through NAT). */
export interface BuildVpcArgs {
    /** The VPC of `subnetIds` (also where the component's own security group goes). */
    vpcId: pulumi.Input<string>;
    /** Private subnets with a route to a NAT gateway or to VPC endpoints (S3, Logs, ECR, Secrets Manager): 1–16. */
    subnetIds: pulumi.Input<string>[];
    /**
     * Security groups of the build's ENIs (1–5). Without them the component creates one that allows
     * egress only: nothing connects to a build.
     * @default - a security group with egress only, in `vpcId`
     * @example [database.clientSecurityGroupId]
     */
    securityGroupIds?: pulumi.Input<string>[];
}

/** Roles the build may pass to one AWS service (`iam:PassRole` on exactly these, with `iam:PassedToService`). */
export interface PassRoleArgs {
    /** The roles' ARNs. */
    roleArns: pulumi.Input<string>[];
    /** The service principal receiving them, e.g. `"ecs-tasks.amazonaws.com"`. */
    service: string;
}

export interface BuildProjectTransforms {
    /** The CodeBuild project. Leave its `name` alone: the role's trust and report policies name its ARN. */
    project?: Transform<codebuild.ProjectArgs>;
    /** The service role CodeBuild assumes for the builds. */
    role?: Transform<iam.RoleArgs>;
    /** The role's one inline policy (`<role>-build`). */
    rolePolicy?: Transform<iam.RolePolicyArgs>;
    /** The log group the builds write to. */
    logGroup?: Transform<cloudwatch.LogGroupArgs>;
    /** The egress-only security group made when `vpc` has no `securityGroupIds`. */
    securityGroup?: Transform<ec2.SecurityGroupArgs>;
}

export interface BuildProjectArgs {
    /**
     * The commands the build runs (required): inline YAML text, an object rendered to YAML, or
     * `{ path }` of a buildspec file in the source.
     * @default - none: required
     * @example { path: "buildspec.yml" }
     * @example pulumiBuildspec({ stack: "prod", tokenSecretArn: token.arn }).buildspec
     */
    buildspec: BuildspecArgs;
    /**
     * Where the source comes from: `"codepipeline"` (the pipeline hands the build its input artifact
     * and takes its output: source and artifacts of type CODEPIPELINE), or `"none"` for a build
     * started by hand or by a schedule, which then needs an inline buildspec.
     * @default "codepipeline"
     */
    source?: "codepipeline" | "none";
    /**
     * The build image: a curated CodeBuild image or your own (ECR, Docker Hub). It is pulled with
     * CodeBuild's credentials (`imagePullCredentialsType: CODEBUILD`): an image of yours in ECR needs a
     * repository policy admitting `codebuild.amazonaws.com`; on Lambda compute AWS documents ECR pull
     * permissions on the role instead (https://docs.aws.amazon.com/codebuild/latest/userguide/lambda.html):
     * add them with `policyStatements` and a `project` transform to `SERVICE_ROLE`.
     * @default "aws/codebuild/amazonlinux-x86_64-standard:5.0"
     */
    image?: string;
    /**
     * The environment type. Curated images (`aws/codebuild/…`) say it themselves (`aarch64` → ARM,
     * `lambda` images → Lambda compute); any other image is `LINUX_CONTAINER` unless given here.
     * @default - derived from `image`
     */
    environmentType?: EnvironmentType;
    /**
     * The compute type, one that `environmentType` offers (`BUILD_GENERAL1_*` on EC2 compute,
     * `BUILD_LAMBDA_*` on Lambda compute).
     * @default "BUILD_GENERAL1_SMALL"
     */
    computeType?: ComputeType;
    /**
     * Run the Docker daemon (privileged mode) for `docker build`. Only then: a privileged build can do
     * anything to its host. Not on Lambda compute, which has no Docker.
     * @default false
     */
    docker?: boolean;
    /**
     * What builds may reuse: `"none"`, `{ local: [...] }` or `{ s3: { bucketArn, prefix } }`.
     * @default "none"
     * @example { local: ["docker-layer", "source"] }
     */
    cache?: BuildCacheArgs;
    /**
     * Plain environment variables. CodeBuild shows them to anyone who can read the project, so names
     * or values that look like secrets are refused: put those in `secrets`. A name ending in `_ARN`,
     * `_ID`, `_NAME`, `_URL`, `_URI`, `_ENDPOINT`, `_PARAMETER`, `_PATH`, `_FILE` or `_REGION`, or a
     * value that is an ARN, says where a secret is and is accepted.
     * @default {}
     * @example { NODE_ENV: "production", REPOSITORY_URI: repo.repositoryUrl }
     */
    environment?: Record<string, pulumi.Input<string>>;
    /**
     * Environment variables read at build start from Secrets Manager (a secret's full ARN, optionally
     * followed by `:<json-key>:<version-stage>` or `:<json-key>::<version-id>`, not both) or from
     * Parameter Store (a parameter's name or ARN). A bare name always means Parameter Store: give a
     * Secrets Manager secret by its ARN. The role may read exactly these.
     * @default {}
     * @example { PULUMI_ACCESS_TOKEN: token.arn, NPM_TOKEN: "/ci/npm-token" }
     */
    secrets?: Record<string, pulumi.Input<string>>;
    /**
     * Customer managed keys encrypting those secrets or SecureString parameters: the role may decrypt
     * with them only through Secrets Manager or Parameter Store.
     * @default []
     */
    secretKeyArns?: pulumi.Input<string>[];
    /**
     * Run the builds in your VPC.
     * @default - no VPC (CodeBuild's own network, with internet access)
     * @example { vpcId: network.vpcId, subnetIds: network.privateSubnetIds }
     */
    vpc?: BuildVpcArgs;
    /**
     * Days the build logs are kept (one of CloudWatch Logs' retention values).
     * @default 30
     */
    logRetentionDays?: number;
    /**
     * Minutes a build may run before CodeBuild stops it (5–2160). Not on Lambda compute, whose builds
     * stop after 15 minutes.
     * @default 60
     */
    timeoutMinutes?: number;
    /**
     * Minutes a build may wait in the queue (5–480). Not on Lambda compute.
     * @default 480
     */
    queuedTimeoutMinutes?: number;
    /**
     * More statements for the build role: what the build's commands call. No `*` action, no Allow
     * with NotAction or NotResource.
     * @default []
     * @example containerImageStatements(repo.repositoryUrl)
     */
    policyStatements?: Statement[];
    /**
     * Roles the build passes to a service (a deploy step registering a task definition passes its
     * task and execution roles to `ecs-tasks.amazonaws.com`).
     * @default []
     * @example [{ roleArns: [web.taskRoleArn, web.executionRoleArn], service: "ecs-tasks.amazonaws.com" }]
     */
    passRoles?: PassRoleArgs[];
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `project`, `role`, `rolePolicy`, `logGroup`, `securityGroup`.
     * @default {}
     */
    transform?: BuildProjectTransforms;
}
