/**
 * Buildspec generators: pure functions returning the parts of a `BuildProjectArgs` a usual build
 * needs (the buildspec object, the variables it reads, the statements its commands need), to spread
 * into a BuildProject:
 *
 * @example
 * new BuildProject("web-image", { ...containerImageBuildspec({ repositoryUrl: repo.repositoryUrl, containerName: "web" }) });
 *
 * Values that may be Outputs (repository URL, function name) reach the commands as environment
 * variables, so the buildspec itself is plain data; it never prints a secret. To add variables or
 * statements of your own, merge them (`environment: { ...image.environment, NODE_ENV: "production" }`):
 * a key given after the spread replaces the generator's.
 */
import * as pulumi from "@pulumi/pulumi";
import { ArgsError, Issues } from "../shared/errors";
import type { Statement } from "../shared/iam";
import type { BuildProjectArgs } from "./args";

const RELATIVE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_.\-/]+$/;

// ---- Container image ----

export interface ContainerImageBuildspecArgs {
    /** The ECR repository's URL (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`). */
    repositoryUrl: pulumi.Input<string>;
    /** The container of the task definition that runs this image (ECS `name`). */
    containerName: string;
    /** The Dockerfile, relative to the source root. @default "Dockerfile" */
    dockerfile?: string;
    /** The build context, relative to the source root. @default "." */
    context?: string;
    /**
     * The image's platform. The curated build images register no QEMU emulation, so the build runs on
     * the same architecture: with `linux/arm64` the generator also returns the ARM build image
     * (`aws/codebuild/amazonlinux-aarch64-standard:3.0`, ARM_CONTAINER), and BuildProject refuses a
     * `docker build --platform` that does not match its environment type.
     * @default "linux/amd64"
     */
    platform?: "linux/amd64" | "linux/arm64";
    /**
     * For an ECS blue/green (CodeDeployToECS) deploy: the task definition family whose latest revision
     * is the template (`taskdef.json`, image replaced by `<IMAGE1_NAME>`), plus an `appspec.yaml`.
     * @default - only imagedefinitions.json (ECS rolling deploy) and imageDetail.json
     */
    taskDefinitionFamily?: pulumi.Input<string>;
    /** The container port the load balancer sends to: required with `taskDefinitionFamily`. @default - none */
    containerPort?: number;
}

export type GeneratedBuild = Required<Pick<BuildProjectArgs, "buildspec">> &
    Pick<BuildProjectArgs, "environment" | "secrets" | "policyStatements" | "docker" | "image">;

/** The curated ARM (aarch64) EC2 build image, for builds that must run on arm64. */
export const ARM_BUILD_IMAGE = "aws/codebuild/amazonlinux-aarch64-standard:3.0";

/**
 * Builds and pushes a container image tagged `<source revision>-<build number>`
 * (`$CODEBUILD_RESOLVED_SOURCE_VERSION-$CODEBUILD_BUILD_NUMBER`), and writes the files the deploy actions read:
 * `imagedefinitions.json` (ECS rolling deploy: `[{ name, imageUri }]`), `imageDetail.json`
 * (`{ ImageURI }`), and with `taskDefinitionFamily` `taskdef.json` and `appspec.yaml` for
 * CodeDeployToECS (https://docs.aws.amazon.com/codepipeline/latest/userguide/file-reference.html).
 * Needs `docker: true` (set here) and the ECR statements (set here).
 */
export function containerImageBuildspec(args: ContainerImageBuildspecArgs): GeneratedBuild {
    const issues = new Issues();
    // ECS container names: up to 255 letters, digits, hyphens and underscores (ContainerDefinition name).
    issues.match("containerName", args.containerName, /^[A-Za-z0-9_-]{1,255}$/, "1-255 letters, digits, '-' and '_'");
    issues.match("dockerfile", args.dockerfile, RELATIVE_PATH, "a relative path in the source");
    issues.match("context", args.context, /^(\.|(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_.\-/]+)$/, "a relative directory in the source, or .");
    issues.oneOf("platform", args.platform, ["linux/amd64", "linux/arm64"]);
    const blueGreen = args.taskDefinitionFamily !== undefined;
    if (blueGreen && args.containerPort === undefined)
        issues.missing("containerPort", "the container port the load balancer targets (with taskDefinitionFamily)");
    issues.int("containerPort", args.containerPort, 1, 65535);
    if (typeof args.taskDefinitionFamily === "string")
        issues.match("taskDefinitionFamily", args.taskDefinitionFamily, /^[A-Za-z0-9_-]{1,255}$/, "a task definition family");
    issues.throwIfAny("containerImageBuildspec", "args");

    const image = "$REPOSITORY_URI:$IMAGE_TAG";
    const files = ["imagedefinitions.json", "imageDetail.json"];
    const postBuild = [
        `docker push ${image}`,
        `printf '[{"name":"%s","imageUri":"%s"}]' "${args.containerName}" "${image}" > imagedefinitions.json`,
        `printf '{"ImageURI":"%s"}' "${image}" > imageDetail.json`,
    ];
    if (blueGreen) {
        files.push("taskdef.json", "appspec.yaml");
        postBuild.push(
            // The task definition as registered, without the fields RegisterTaskDefinition refuses, its image a
            // placeholder the CodeDeployToECS action fills in (Image1ArtifactName / Image1ContainerName).
            `aws ecs describe-task-definition --task-definition "$TASK_DEFINITION_FAMILY" --query taskDefinition --output json | ` +
                `jq --arg name "${args.containerName}" 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt) | ` +
                `.containerDefinitions |= map(if .name == $name then .image = "<IMAGE1_NAME>" else . end)' > taskdef.json`,
            `printf '${ecsAppspec(args.containerName, args.containerPort!).join("\\n")}\\n' > appspec.yaml`,
        );
    }
    return {
        buildspec: {
            version: 0.2,
            phases: {
                pre_build: {
                    commands: [
                        // The registry is the URL's host; the password goes through a pipe, never on the command line or in the log.
                        // The token is per regional registry: asked in the repository's region, not the build's.
                        // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a template
                        'aws ecr get-login-password --region "$REPOSITORY_REGION" | docker login --username AWS --password-stdin "${REPOSITORY_URI%%/*}"',
                        // One tag per build: the library's repositories have immutable tags, so a re-run of the same commit
                        // (Release change, a manual retry) must not push an existing tag; the revision "is not set" when
                        // CodePipeline cannot resolve it (https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html).
                        // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a template
                        'IMAGE_TAG="${CODEBUILD_RESOLVED_SOURCE_VERSION:-build}-${CODEBUILD_BUILD_NUMBER}"',
                    ],
                },
                build: {
                    commands: [
                        `docker build --platform ${args.platform ?? "linux/amd64"} -f ${args.dockerfile ?? "Dockerfile"} -t ${image} ${args.context ?? "."}`,
                    ],
                },
                post_build: { commands: postBuild },
            },
            artifacts: { files },
        },
        environment: {
            REPOSITORY_URI: args.repositoryUrl,
            REPOSITORY_REGION: pulumi.output(args.repositoryUrl).apply(repositoryRegionOf),
            ...(blueGreen ? { TASK_DEFINITION_FAMILY: args.taskDefinitionFamily! } : {}),
        },
        docker: true,
        ...(args.platform === "linux/arm64" ? { image: ARM_BUILD_IMAGE } : {}),
        policyStatements: containerImageStatements(args.repositoryUrl, { describeTaskDefinition: blueGreen }),
    };
}

/**
 * The ECS AppSpec CodeDeployToECS completes: `<TASK_DEFINITION>` becomes the registered task definition
 * (https://docs.aws.amazon.com/codepipeline/latest/userguide/tutorials-ecs-ecr-codedeploy.html).
 */
function ecsAppspec(containerName: string, containerPort: number): string[] {
    return [
        "version: 0.0",
        "Resources:",
        "  - TargetService:",
        "      Type: AWS::ECS::Service",
        "      Properties:",
        "        TaskDefinition: <TASK_DEFINITION>",
        "        LoadBalancerInfo:",
        `          ContainerName: "${containerName}"`,
        `          ContainerPort: ${containerPort}`,
    ];
}

function parseRepositoryUrl(url: string): RegExpExecArray {
    const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/(.+)$/.exec(url);
    if (!m)
        throw new ArgsError("containerImageBuildspec", "args", [
            { path: "repositoryUrl", value: url, message: "is not an ECR repository URL", allowed: "<account>.dkr.ecr.<region>.amazonaws.com/<name>" },
        ]);
    return m;
}

/** The ARN of the repository behind an ECR URL (`<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<name>`). */
export function repositoryArnOf(url: string): string {
    const m = parseRepositoryUrl(url);
    return `arn:${m[3] ? "aws-cn" : "aws"}:ecr:${m[2]}:${m[1]}:repository/${m[4]}`;
}

/** The region of the registry behind an ECR URL. */
export function repositoryRegionOf(url: string): string {
    return parseRepositoryUrl(url)[2];
}

/**
 * What a build pushing to one ECR repository needs: a registry login token (`ecr:GetAuthorizationToken`
 * takes no resource: "*" is what AWS documents,
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html), layer upload and image
 * push on that repository only (and pulls from it, for cached layers), and `ecs:DescribeTaskDefinition`
 * for the blue/green template (it supports no resource-level permission).
 */
export function containerImageStatements(repositoryUrl: pulumi.Input<string>, options: { describeTaskDefinition?: boolean } = {}): Statement[] {
    const repository = pulumi.output(repositoryUrl).apply(repositoryArnOf);
    return [
        { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
        {
            Sid: "EcrPush",
            Effect: "Allow",
            Action: [
                "ecr:BatchCheckLayerAvailability",
                "ecr:InitiateLayerUpload",
                "ecr:UploadLayerPart",
                "ecr:CompleteLayerUpload",
                "ecr:PutImage",
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer",
            ],
            Resource: repository,
        },
        ...(options.describeTaskDefinition
            ? [{ Sid: "ReadTaskDefinition", Effect: "Allow" as const, Action: "ecs:DescribeTaskDefinition", Resource: "*" }]
            : []),
    ];
}

// ---- Pulumi ----

/** The Pulumi CLI version the generated buildspec installs: the SDK version this library is built and tested with. */
export const PULUMI_CLI_VERSION = "3.270.0";

export interface PulumiBuildspecArgs {
    /** The stack to deploy (`dev`, or `org/project/prod`). */
    stack: string;
    /** The ARN of the Secrets Manager secret holding the Pulumi access token (`PULUMI_ACCESS_TOKEN`). */
    tokenSecretArn: pulumi.Input<string>;
    /** The Pulumi project's directory, relative to the source root. @default "." */
    workDir?: string;
    /** A policy pack directory (relative to the source root) run with the preview and the update. @default - none */
    policyPack?: string;
    /** Only preview (a test stage, a pull request): no `pulumi up`. @default false */
    previewOnly?: boolean;
    /** The Pulumi CLI version installed. @default PULUMI_CLI_VERSION */
    cliVersion?: string;
    /**
     * The Node.js major version the install phase selects (`runtime-versions`): the curated standard
     * images otherwise start on Node 18 (end of life), and @pulumi/pulumi 3.270 needs Node 22 or later.
     * 20, 22 and 24 are in amazonlinux-x86_64-standard:5.0 and amazonlinux-aarch64-standard:3.0
     * (https://docs.aws.amazon.com/codebuild/latest/userguide/available-runtimes.html).
     * @default 22
     */
    nodeVersion?: 20 | 22 | 24;
}

/**
 * Installs the Pulumi CLI at a pinned version, runs `npm ci`, then `pulumi preview` and `pulumi up
 * --yes` on the stack (with `--policy-pack` when given), non-interactively. The access token reaches
 * the CLI as the `PULUMI_ACCESS_TOKEN` variable from Secrets Manager (a `secrets` entry, set here);
 * no command mentions it. What the program deploys is the build role's business: add those
 * statements with `policyStatements`. Run it on EC2 compute (the default image): Lambda compute stops
 * a build after 15 minutes (https://docs.aws.amazon.com/codebuild/latest/userguide/lambda.html).
 */
export function pulumiBuildspec(args: PulumiBuildspecArgs): GeneratedBuild {
    const issues = new Issues();
    // Stack names: letters, digits, '-', '_', '.', with optional org/project/ qualifiers.
    issues.match("stack", args.stack, /^(?:[A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]+$/, "a stack name, or org/project/stack");
    issues.match("workDir", args.workDir, /^(\.|(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_.\-/]+)$/, "a relative directory in the source, or .");
    issues.match("policyPack", args.policyPack, RELATIVE_PATH, "a relative directory in the source");
    issues.match("cliVersion", args.cliVersion, /^\d+\.\d+\.\d+$/, "a version such as 3.270.0");
    issues.oneOf("nodeVersion", args.nodeVersion, [20, 22, 24]);
    issues.throwIfAny("pulumiBuildspec", "args");

    const dir = args.workDir ?? ".";
    // From the source root: the CLI would otherwise read a relative pack path against --cwd, not the build's directory.
    const policy = args.policyPack ? ` --policy-pack "$CODEBUILD_SRC_DIR/${args.policyPack}"` : "";
    const common = `--stack ${args.stack} --cwd ${dir} --non-interactive${policy}`;
    const install = [
        `curl -fsSL https://get.pulumi.com | sh -s -- --version ${args.cliVersion ?? PULUMI_CLI_VERSION}`,
        'export PATH="$HOME/.pulumi/bin:$PATH"',
        `npm ci --prefix ${dir}`,
        ...(args.policyPack ? [`npm ci --prefix ${args.policyPack}`] : []),
    ];
    const build = [`pulumi preview ${common} --diff`, ...(args.previewOnly ? [] : [`pulumi up --yes ${common} --skip-preview`])];
    return {
        buildspec: {
            version: 0.2,
            phases: { install: { "runtime-versions": { nodejs: args.nodeVersion ?? 22 }, commands: install }, build: { commands: build } },
        },
        secrets: { PULUMI_ACCESS_TOKEN: args.tokenSecretArn },
    };
}

// ---- Lambda through CodeDeploy ----

export interface LambdaCodeDeployBuildspecArgs {
    /** The function (name or ARN). */
    functionName: pulumi.Input<string>;
    /** The alias CodeDeploy shifts (the one the function's callers invoke). */
    alias: pulumi.Input<string>;
    applicationName: pulumi.Input<string>;
    deploymentGroupName: pulumi.Input<string>;
    /** The zip the build made, relative to the source root (its input artifact). */
    zipPath: string;
    /**
     * Validation functions CodeDeploy invokes before and after traffic moves, by name or ARN. An ARN
     * is written to the AppSpec as the function's name, the form AWS's AppSpec 'hooks' examples for
     * Lambda use (https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html).
     * @default - no hooks
     */
    hooks?: { beforeAllowTraffic?: pulumi.Input<string>; afterAllowTraffic?: pulumi.Input<string> };
}

/**
 * Publishes the zip as a new version (`update-function-code --publish`), reads the version the alias
 * points at, and asks CodeDeploy to shift the alias from it to the new one with an inline Lambda
 * AppSpec (Name, Alias, CurrentVersion, TargetVersion, Hooks), then polls the deployment until it
 * succeeds: the build fails when CodeDeploy rolls back or stops it. Give the project a
 * `timeoutMinutes` longer than the deployment configuration takes (canary/linear intervals plus hooks). Nothing is deployed when the code did not
 * change (Lambda then returns the current version).
 */
export function lambdaCodeDeployBuildspec(args: LambdaCodeDeployBuildspecArgs): GeneratedBuild {
    const issues = new Issues();
    issues.match("zipPath", args.zipPath, RELATIVE_PATH, "a relative path of a .zip in the source");
    if (typeof args.zipPath === "string" && !args.zipPath.endsWith(".zip")) issues.add("zipPath", args.zipPath, "is not a .zip", "a path ending in .zip");
    issues.throwIfAny("lambdaCodeDeployBuildspec", "args");

    const before = args.hooks?.beforeAllowTraffic !== undefined;
    const after = args.hooks?.afterAllowTraffic !== undefined;
    const hookLines = [
        ...(before || after ? ["Hooks:"] : []),
        ...(before ? ['  - BeforeAllowTraffic: "%s"'] : []),
        ...(after ? ['  - AfterAllowTraffic: "%s"'] : []),
    ];
    const hookArgs = [...(before ? ['"$BEFORE_ALLOW_TRAFFIC_HOOK"'] : []), ...(after ? ['"$AFTER_ALLOW_TRAFFIC_HOOK"'] : [])];
    // The Lambda AppSpec as YAML, versions quoted as AWS's examples write them
    // (https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-resources.html).
    const appspecLines = [
        "version: 0.0",
        "Resources:",
        "  - target:",
        "      Type: AWS::Lambda::Function",
        "      Properties:",
        '        Name: "%s"',
        '        Alias: "%s"',
        '        CurrentVersion: "%s"',
        '        TargetVersion: "%s"',
        ...hookLines,
    ];
    const appspec = `printf '${appspecLines.join("\\n")}\\n' "$FUNCTION_NAME" "$FUNCTION_ALIAS" "$CURRENT_VERSION" "$TARGET_VERSION"${hookArgs.map((a) => ` ${a}`).join("")} > appspec.yaml`;
    return {
        buildspec: {
            version: 0.2,
            phases: {
                build: {
                    commands: [
                        `TARGET_VERSION=$(aws lambda update-function-code --function-name "$FUNCTION_NAME" --zip-file fileb://${args.zipPath} --publish --query Version --output text)`,
                        // Polls GetFunctionConfiguration until the version is Active (https://docs.aws.amazon.com/cli/latest/reference/lambda/wait/published-version-active.html).
                        'aws lambda wait published-version-active --function-name "$FUNCTION_NAME" --qualifier "$TARGET_VERSION"',
                        'CURRENT_VERSION=$(aws lambda get-alias --function-name "$FUNCTION_NAME" --name "$FUNCTION_ALIAS" --query FunctionVersion --output text)',
                        appspec,
                        `jq -n --rawfile content appspec.yaml '{revisionType: "AppSpecContent", appSpecContent: {content: $content}}' > revision.json`,
                        'if [ "$CURRENT_VERSION" = "$TARGET_VERSION" ]; then echo "Alias $FUNCTION_ALIAS already at version $TARGET_VERSION: nothing to deploy"; else ' +
                            'DEPLOYMENT_ID=$(aws deploy create-deployment --application-name "$CODEDEPLOY_APPLICATION" --deployment-group-name "$CODEDEPLOY_DEPLOYMENT_GROUP" ' +
                            '--revision file://revision.json --query deploymentId --output text) && echo "Deployment $DEPLOYMENT_ID" && ' +
                            // Polled, not `aws deploy wait deployment-successful`: that waiter gives up after 15 s x 120 = 30 minutes
                            // (botocore codedeploy waiters-2.json), shorter than LambdaCanary10Percent30Minutes or a linear config;
                            // the build's own timeout (timeoutMinutes) bounds the loop.
                            'while :; do DEPLOYMENT_STATUS=$(aws deploy get-deployment --deployment-id "$DEPLOYMENT_ID" --query deploymentInfo.status --output text) || exit 1; ' +
                            'case "$DEPLOYMENT_STATUS" in Succeeded) break;; Failed|Stopped) echo "Deployment $DEPLOYMENT_ID $DEPLOYMENT_STATUS"; exit 1;; esac; sleep 15; done; fi',
                    ],
                },
            },
        },
        environment: {
            FUNCTION_NAME: args.functionName,
            FUNCTION_ALIAS: args.alias,
            CODEDEPLOY_APPLICATION: args.applicationName,
            CODEDEPLOY_DEPLOYMENT_GROUP: args.deploymentGroupName,
            ...(before ? { BEFORE_ALLOW_TRAFFIC_HOOK: pulumi.output(args.hooks!.beforeAllowTraffic!).apply(functionNameOf) } : {}),
            ...(after ? { AFTER_ALLOW_TRAFFIC_HOOK: pulumi.output(args.hooks!.afterAllowTraffic!).apply(functionNameOf) } : {}),
        },
    };
}

/** A Lambda function's name from its name or (possibly qualified) ARN (`arn:aws:lambda:<region>:<account>:function:<name>`). */
export function functionNameOf(nameOrArn: string): string {
    const m = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:(.+)$/.exec(nameOrArn);
    return m ? m[1] : nameOrArn;
}

export interface LambdaCodeDeployStatementsArgs {
    /** The function's unqualified ARN. */
    functionArn: pulumi.Input<string>;
    /** The CodeDeploy application's ARN (`arn:aws:codedeploy:<region>:<account>:application:<name>`). */
    applicationArn: pulumi.Input<string>;
    /** The deployment group's ARN (`…:deploymentgroup:<application>/<group>`). */
    deploymentGroupArn: pulumi.Input<string>;
    /** The deployment configuration the group uses (`CodeDeployDefault.LambdaCanary10Percent5Minutes`, or your own). */
    deploymentConfigName: pulumi.Input<string>;
}

/**
 * What `lambdaCodeDeployBuildspec`'s commands call, on exactly these resources
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodedeploy.html): the
 * function's code, versions and alias; a deployment on the group, the group's config, the deployment's
 * status (GetDeployment is authorised on the group), and the revision on the application.
 */
export function lambdaCodeDeployStatements(args: LambdaCodeDeployStatementsArgs): Statement[] {
    // The configuration's ARN shares the application's region and account: `…:deploymentconfig:<name>`.
    const configArn = pulumi
        .all([args.applicationArn, args.deploymentConfigName])
        .apply(([app, config]) => `${app.slice(0, app.indexOf(":application:"))}:deploymentconfig:${config}`);
    return [
        {
            Sid: "PublishFunction",
            Effect: "Allow",
            Action: ["lambda:UpdateFunctionCode", "lambda:PublishVersion", "lambda:GetAlias", "lambda:GetFunction", "lambda:GetFunctionConfiguration"],
            Resource: [args.functionArn, pulumi.interpolate`${args.functionArn}:*`],
        },
        { Sid: "CreateDeployment", Effect: "Allow", Action: ["codedeploy:CreateDeployment", "codedeploy:GetDeployment"], Resource: args.deploymentGroupArn },
        { Sid: "ReadDeploymentConfig", Effect: "Allow", Action: "codedeploy:GetDeploymentConfig", Resource: configArn },
        {
            Sid: "RegisterRevision",
            Effect: "Allow",
            Action: ["codedeploy:RegisterApplicationRevision", "codedeploy:GetApplicationRevision"],
            Resource: args.applicationArn,
        },
    ];
}
