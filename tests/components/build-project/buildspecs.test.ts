import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import {
    BuildProject,
    PULUMI_CLI_VERSION,
    containerImageBuildspec,
    containerImageStatements,
    lambdaCodeDeployBuildspec,
    lambdaCodeDeployStatements,
    pulumiBuildspec,
    toYaml,
} from "../../../components/build-project";
import { validate } from "../../../components/build-project/validate";
import { ArgsError } from "../../../components/shared/errors";
import { build, unwrap } from "../../../components/testing";

const ACCOUNT = "123456789012";
const REPO = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/shop/web`;
const TOKEN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ci/pulumi-token-AbCdEf`;

/** The buildspec as CodeBuild reads it: rendered to YAML, parsed back. */
function parsed(buildspec: unknown): any {
    return YAML.parse(toYaml(buildspec));
}
const commands = (spec: any, phase: string): string[] => spec.phases[phase]?.commands ?? [];
const all = (spec: any): string[] => Object.keys(spec.phases).flatMap((p) => commands(spec, p));

/** Runs one command of a buildspec under `sh` in a scratch directory with `env`, returning the directory. */
function runShell(command: string, env: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buildspec-"));
    execFileSync("sh", ["-c", command], { cwd: dir, env: { PATH: process.env.PATH, ...env } });
    return dir;
}

describe("buildspec generators", () => {
    describe("containerImageBuildspec", () => {
        const rolling = containerImageBuildspec({ repositoryUrl: REPO, containerName: "web" });
        const spec = parsed(rolling.buildspec);

        it("renders buildspec version 0.2", () => assert.equal(spec.version, 0.2));

        it("logs in to the repository's registry, in the repository's region, with the password on stdin, before building", () => {
            const [login] = commands(spec, "pre_build");
            assert.match(
                login,
                /^aws ecr get-login-password --region "\$REPOSITORY_REGION" \| docker login --username AWS --password-stdin "\$\{REPOSITORY_URI%%\/\*\}"$/,
            );
        });

        it("passes the region of a repository in another region than the build's, for the registry login", async () => {
            const other = containerImageBuildspec({ repositoryUrl: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/shop/web`, containerName: "web" });
            assert.equal(await unwrap(pulumi.output(other.environment!.REPOSITORY_REGION)), "eu-west-1");
            assert.equal(await unwrap(pulumi.output(rolling.environment!.REPOSITORY_REGION)), "us-east-1");
        });

        it("tags the image per build (revision and build number), never re-pushing a tag to an immutable repository", () => {
            const tag = commands(spec, "pre_build")[1];
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a template
            assert.equal(tag, 'IMAGE_TAG="${CODEBUILD_RESOLVED_SOURCE_VERSION:-build}-${CODEBUILD_BUILD_NUMBER}"');
            const out = (env: Record<string, string>) =>
                execFileSync("sh", ["-c", `${tag}; printf %s "$IMAGE_TAG"`], { env: { PATH: process.env.PATH, ...env } }).toString();
            assert.equal(out({ CODEBUILD_RESOLVED_SOURCE_VERSION: "abc123", CODEBUILD_BUILD_NUMBER: "7" }), "abc123-7");
            assert.equal(out({ CODEBUILD_BUILD_NUMBER: "8" }), "build-8");
            assert.deepEqual(commands(spec, "build"), ["docker build --platform linux/amd64 -f Dockerfile -t $REPOSITORY_URI:$IMAGE_TAG ."]);
            assert.equal(commands(spec, "post_build")[0], "docker push $REPOSITORY_URI:$IMAGE_TAG");
        });

        it("writes imagedefinitions.json and imageDetail.json that parse as the ECS and ECR deploy actions read them", () => {
            const [, defs, detail] = commands(spec, "post_build");
            const dir = runShell(`${defs} && ${detail}`, { REPOSITORY_URI: REPO, IMAGE_TAG: "abc123" });
            assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, "imagedefinitions.json"), "utf8")), [{ name: "web", imageUri: `${REPO}:abc123` }]);
            assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, "imageDetail.json"), "utf8")), { ImageURI: `${REPO}:abc123` });
            assert.deepEqual(spec.artifacts.files, ["imagedefinitions.json", "imageDetail.json"]);
        });

        it("passes the repository URL as a variable, runs Docker, and grants push on that repository only", async () => {
            assert.equal(rolling.environment?.REPOSITORY_URI, REPO);
            assert.equal(rolling.docker, true);
            const statements = await unwrap(pulumi.output(rolling.policyStatements!));
            assert.deepEqual(statements[0], { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" });
            assert.equal(statements[1].Resource, `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/shop/web`);
            assert.ok((statements[1].Action as string[]).includes("ecr:PutImage"));
            assert.equal(statements.length, 2);
        });

        it("uses the given Dockerfile, context and platform", () => {
            const s = parsed(
                containerImageBuildspec({
                    repositoryUrl: REPO,
                    containerName: "web",
                    dockerfile: "docker/web.Dockerfile",
                    context: "app",
                    platform: "linux/arm64",
                }).buildspec,
            );
            assert.deepEqual(commands(s, "build"), ["docker build --platform linux/arm64 -f docker/web.Dockerfile -t $REPOSITORY_URI:$IMAGE_TAG app"]);
        });

        it("builds a linux/arm64 image on the ARM build image (no emulation on the curated images)", async () => {
            const arm = containerImageBuildspec({ repositoryUrl: REPO, containerName: "web", platform: "linux/arm64" });
            assert.equal(rolling.image, undefined);
            const { registry } = await build(() => new BuildProject("web-arm", { ...arm }));
            registry.hasInputs("aws:codebuild/project:Project", "web-arm-project", {
                environment: { type: "ARM_CONTAINER", image: "aws/codebuild/amazonlinux-aarch64-standard:3.0" },
            });
        });

        describe("for a blue/green deploy", () => {
            const blueGreen = containerImageBuildspec({ repositoryUrl: REPO, containerName: "web", taskDefinitionFamily: "shop-web", containerPort: 8080 });
            const s = parsed(blueGreen.buildspec);

            it("adds taskdef.json and appspec.yaml to the artifacts", () =>
                assert.deepEqual(s.artifacts.files, ["imagedefinitions.json", "imageDetail.json", "taskdef.json", "appspec.yaml"]));

            it("writes an ECS AppSpec naming the container and its port, with the task definition placeholder", () => {
                const appspec = commands(s, "post_build").find((c) => c.endsWith("> appspec.yaml"))!;
                const dir = runShell(appspec, {});
                assert.deepEqual(YAML.parse(fs.readFileSync(path.join(dir, "appspec.yaml"), "utf8")), {
                    version: 0,
                    Resources: [
                        {
                            TargetService: {
                                Type: "AWS::ECS::Service",
                                Properties: { TaskDefinition: "<TASK_DEFINITION>", LoadBalancerInfo: { ContainerName: "web", ContainerPort: 8080 } },
                            },
                        },
                    ],
                });
                assert.match(fs.readFileSync(path.join(dir, "appspec.yaml"), "utf8"), /^version: 0\.0\n/);
            });

            it("derives taskdef.json from the family's registered task definition, its image the <IMAGE1_NAME> placeholder", () => {
                const taskdef = commands(s, "post_build").find((c) => c.endsWith("> taskdef.json"))!;
                assert.match(
                    taskdef,
                    /^aws ecs describe-task-definition --task-definition "\$TASK_DEFINITION_FAMILY" --query taskDefinition --output json \| jq /,
                );
                assert.match(taskdef, /\.image = "<IMAGE1_NAME>"/);
                assert.match(taskdef, /del\(\.taskDefinitionArn, \.revision, \.status/);
                assert.equal(blueGreen.environment?.TASK_DEFINITION_FAMILY, "shop-web");
            });

            it("keeps the task definition's registrable fields and replaces only that container's image (run through jq)", () => {
                const taskdef = commands(s, "post_build").find((c) => c.endsWith("> taskdef.json"))!;
                const jq = taskdef.slice(taskdef.indexOf("| jq ") + 2);
                const described = {
                    taskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/shop-web:7`,
                    family: "shop-web",
                    revision: 7,
                    status: "ACTIVE",
                    taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/task`,
                    networkMode: "awsvpc",
                    containerDefinitions: [
                        { name: "web", image: `${REPO}:old`, portMappings: [{ containerPort: 8080 }] },
                        { name: "log-router", image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable" },
                    ],
                    requiresAttributes: [{ name: "com.amazonaws.ecs.capability.task-iam-role" }],
                    compatibilities: ["EC2", "FARGATE"],
                    requiresCompatibilities: ["FARGATE"],
                    cpu: "256",
                    memory: "512",
                    registeredAt: "2026-11-26T10:00:00Z",
                    registeredBy: `arn:aws:iam::${ACCOUNT}:role/deployer`,
                };
                const dir = fs.mkdtempSync(path.join(os.tmpdir(), "taskdef-"));
                fs.writeFileSync(path.join(dir, "described.json"), JSON.stringify(described));
                execFileSync("sh", ["-c", `cat described.json | ${jq}`], { cwd: dir });
                assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, "taskdef.json"), "utf8")), {
                    family: "shop-web",
                    taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/task`,
                    networkMode: "awsvpc",
                    containerDefinitions: [
                        { name: "web", image: "<IMAGE1_NAME>", portMappings: [{ containerPort: 8080 }] },
                        { name: "log-router", image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable" },
                    ],
                    requiresCompatibilities: ["FARGATE"],
                    cpu: "256",
                    memory: "512",
                });
            });

            it("may describe task definitions (no resource-level permission exists for it)", async () => {
                const statements = await unwrap(pulumi.output(blueGreen.policyStatements!));
                assert.deepEqual(statements[2], { Sid: "ReadTaskDefinition", Effect: "Allow", Action: "ecs:DescribeTaskDefinition", Resource: "*" });
            });

            it("requires the container port", () =>
                assert.throws(
                    () => containerImageBuildspec({ repositoryUrl: REPO, containerName: "web", taskDefinitionFamily: "shop-web" }),
                    (e: unknown) => e instanceof ArgsError && /containerPort/.test(e.message),
                ));
        });

        it("refuses a container name ECS does not accept and a Dockerfile outside the source, at once", () =>
            assert.throws(
                () => containerImageBuildspec({ repositoryUrl: REPO, containerName: "web app", dockerfile: "../Dockerfile" }),
                (e: unknown) => e instanceof ArgsError && e.issues.map((i) => i.path).join() === "containerName,dockerfile",
            ));

        it("refuses a repository URL that is not ECR's when the statements are resolved", async () => {
            await assert.rejects(unwrap(pulumi.output(containerImageStatements("docker.io/library/nginx"))), /not an ECR repository URL/);
        });

        it("builds a BuildProject that passes validation and is privileged", async () => {
            const { registry } = await build(() => new BuildProject("web-image", { ...rolling }));
            registry.hasInputs("aws:codebuild/project:Project", "web-image-project", { environment: { privilegedMode: true } });
        });
    });

    describe("pulumiBuildspec", () => {
        const generated = pulumiBuildspec({ stack: "prod", tokenSecretArn: TOKEN, workDir: "infra", policyPack: "policy" });
        const spec = parsed(generated.buildspec);

        it("selects Node.js 22 in the install phase (the image would start Node 18; the Pulumi SDK needs 22)", () => {
            assert.deepEqual(spec.phases.install["runtime-versions"], { nodejs: 22 });
            const s = parsed(pulumiBuildspec({ stack: "dev", tokenSecretArn: TOKEN, nodeVersion: 24 }).buildspec);
            assert.deepEqual(s.phases.install["runtime-versions"], { nodejs: 24 });
            assert.throws(
                () => pulumiBuildspec({ stack: "dev", tokenSecretArn: TOKEN, nodeVersion: 18 as never }),
                (e: unknown) => e instanceof ArgsError && e.issues.map((i) => i.path).join() === "nodeVersion",
            );
        });

        it("installs the pinned Pulumi CLI, then the program's and the policy pack's dependencies with npm ci", () => {
            assert.deepEqual(commands(spec, "install"), [
                `curl -fsSL https://get.pulumi.com | sh -s -- --version ${PULUMI_CLI_VERSION}`,
                'export PATH="$HOME/.pulumi/bin:$PATH"',
                "npm ci --prefix infra",
                "npm ci --prefix policy",
            ]);
        });

        it("runs pulumi preview before pulumi up, both on the stack with the policy pack, non-interactively", () => {
            const [preview, up] = commands(spec, "build");
            assert.match(preview, /^pulumi preview --stack prod --cwd infra --non-interactive --policy-pack "\$CODEBUILD_SRC_DIR\/policy"/);
            assert.match(up, /^pulumi up --yes --stack prod --cwd infra --non-interactive --policy-pack "\$CODEBUILD_SRC_DIR\/policy"/);
            assert.equal(commands(spec, "build").length, 2);
        });

        it("passes --policy-pack only when a pack is given", () => {
            const s = parsed(pulumiBuildspec({ stack: "dev", tokenSecretArn: TOKEN }).buildspec);
            for (const c of all(s)) assert.doesNotMatch(c, /policy-pack/);
            assert.deepEqual(commands(s, "build"), [
                "pulumi preview --stack dev --cwd . --non-interactive --diff",
                "pulumi up --yes --stack dev --cwd . --non-interactive --skip-preview",
            ]);
        });

        it("only previews when previewOnly", () => {
            const s = parsed(pulumiBuildspec({ stack: "dev", tokenSecretArn: TOKEN, previewOnly: true }).buildspec);
            assert.deepEqual(
                commands(s, "build").map((c) => c.split(" ").slice(0, 2).join(" ")),
                ["pulumi preview"],
            );
        });

        it("takes the access token from Secrets Manager and never mentions or prints it", () => {
            assert.deepEqual(generated.secrets, { PULUMI_ACCESS_TOKEN: TOKEN });
            assert.equal(generated.environment, undefined);
            for (const c of all(spec)) {
                assert.doesNotMatch(c, /PULUMI_ACCESS_TOKEN/);
                assert.doesNotMatch(c, /\b(echo|printenv|env|set -x)\b/);
            }
            assert.equal(spec.env, undefined);
        });

        it("builds a BuildProject that validates (its token from Secrets Manager)", async () => {
            assert.deepEqual(validate({ ...generated }), []);
            const { registry } = await build(() => new BuildProject("infra", { ...generated }));
            assert.deepEqual(registry.one("aws:codebuild/project:Project").inputs.environment.environmentVariables, [
                { name: "PULUMI_ACCESS_TOKEN", value: TOKEN, type: "SECRETS_MANAGER" },
            ]);
        });

        it("refuses a stack name that is not one, a work directory outside the source and an unpinned version, at once", () =>
            assert.throws(
                () => pulumiBuildspec({ stack: "prod; rm -rf /", tokenSecretArn: TOKEN, workDir: "../x", cliVersion: "latest" }),
                (e: unknown) => e instanceof ArgsError && e.issues.map((i) => i.path).join() === "stack,workDir,cliVersion",
            ));
    });

    describe("lambdaCodeDeployBuildspec", () => {
        const generated = lambdaCodeDeployBuildspec({
            functionName: "orders-api",
            alias: "live",
            applicationName: "orders",
            deploymentGroupName: "orders-live",
            zipPath: "dist/orders.zip",
            hooks: { beforeAllowTraffic: "orders-smoke", afterAllowTraffic: "orders-check" },
        });
        const spec = parsed(generated.buildspec);
        const cmds = commands(spec, "build");

        it("publishes the zip as a new version and reads the alias's current version, in that order", () => {
            assert.equal(
                cmds[0],
                'TARGET_VERSION=$(aws lambda update-function-code --function-name "$FUNCTION_NAME" --zip-file fileb://dist/orders.zip --publish --query Version --output text)',
            );
            assert.match(cmds[1], /^aws lambda wait published-version-active /);
            assert.equal(
                cmds[2],
                'CURRENT_VERSION=$(aws lambda get-alias --function-name "$FUNCTION_NAME" --name "$FUNCTION_ALIAS" --query FunctionVersion --output text)',
            );
        });

        it("writes a Lambda AppSpec with the alias, both versions and both hooks", () => {
            const dir = runShell(cmds[3], {
                FUNCTION_NAME: "orders-api",
                FUNCTION_ALIAS: "live",
                CURRENT_VERSION: "3",
                TARGET_VERSION: "4",
                BEFORE_ALLOW_TRAFFIC_HOOK: "orders-smoke",
                AFTER_ALLOW_TRAFFIC_HOOK: "orders-check",
            });
            assert.deepEqual(YAML.parse(fs.readFileSync(path.join(dir, "appspec.yaml"), "utf8")), {
                version: 0,
                Resources: [
                    { target: { Type: "AWS::Lambda::Function", Properties: { Name: "orders-api", Alias: "live", CurrentVersion: "3", TargetVersion: "4" } } },
                ],
                Hooks: [{ BeforeAllowTraffic: "orders-smoke" }, { AfterAllowTraffic: "orders-check" }],
            });
        });

        it("writes no Hooks section without hooks", () => {
            const plain = lambdaCodeDeployBuildspec({ functionName: "f", alias: "live", applicationName: "a", deploymentGroupName: "g", zipPath: "f.zip" });
            const dir = runShell(commands(parsed(plain.buildspec), "build")[3], {
                FUNCTION_NAME: "f",
                FUNCTION_ALIAS: "live",
                CURRENT_VERSION: "1",
                TARGET_VERSION: "2",
            });
            assert.equal(YAML.parse(fs.readFileSync(path.join(dir, "appspec.yaml"), "utf8")).Hooks, undefined);
            assert.deepEqual(Object.keys(plain.environment!), ["FUNCTION_NAME", "FUNCTION_ALIAS", "CODEDEPLOY_APPLICATION", "CODEDEPLOY_DEPLOYMENT_GROUP"]);
        });

        it("creates the deployment with the AppSpec as inline content and polls it until it succeeds", () => {
            assert.match(
                cmds[4],
                /jq -n --rawfile content appspec.yaml '\{revisionType: "AppSpecContent", appSpecContent: \{content: \$content\}\}' > revision.json/,
            );
            assert.match(
                cmds[5],
                /aws deploy create-deployment --application-name "\$CODEDEPLOY_APPLICATION" --deployment-group-name "\$CODEDEPLOY_DEPLOYMENT_GROUP" --revision file:\/\/revision.json/,
            );
            assert.doesNotMatch(cmds[5], /wait deployment-successful/);
            assert.match(cmds[5], /aws deploy get-deployment --deployment-id "\$DEPLOYMENT_ID" --query deploymentInfo.status --output text/);
            assert.match(cmds[5], /^if \[ "\$CURRENT_VERSION" = "\$TARGET_VERSION" \]; then/);
        });

        describe("waiting for the deployment (run under sh with a stub aws CLI)", () => {
            /** Runs the create-and-wait command with `aws` answering the given statuses in turn; returns [exit code, get-deployment calls]. */
            function waitWith(statuses: string[]): [number, number] {
                const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-wait-"));
                fs.writeFileSync(path.join(dir, "statuses"), `${statuses.join("\n")}\n`);
                const stub = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
                stub(
                    "aws",
                    `D=${dir}; case "$2" in create-deployment) echo d-123;; get-deployment) echo x >> $D/calls; sed -n "$(wc -l < $D/calls)p" $D/statuses;; *) exit 9;; esac`,
                );
                stub("sleep", "exit 0");
                let code = 0;
                try {
                    execFileSync("sh", ["-c", cmds[5]], { cwd: dir, env: { PATH: `${dir}:${process.env.PATH}`, CURRENT_VERSION: "1", TARGET_VERSION: "2" } });
                } catch (e) {
                    code = (e as { status: number }).status;
                }
                const calls = fs.existsSync(path.join(dir, "calls")) ? fs.readFileSync(path.join(dir, "calls"), "utf8").split("\n").length - 1 : 0;
                return [code, calls];
            }

            it("keeps polling past the CLI waiter's 120 attempts until the deployment succeeds", () => {
                assert.deepEqual(waitWith([...Array(130).fill("InProgress"), "Succeeded"]), [0, 131]);
            });

            it("fails the build when the deployment fails or is stopped", () => {
                assert.deepEqual(waitWith(["InProgress", "Failed"]), [1, 2]);
                assert.deepEqual(waitWith(["Stopped"]), [1, 1]);
            });
        });

        it("wraps the AppSpec text as the revision's inline content (run through jq)", () => {
            const dir = runShell(cmds[3], {
                FUNCTION_NAME: "f",
                FUNCTION_ALIAS: "live",
                CURRENT_VERSION: "1",
                TARGET_VERSION: "2",
                BEFORE_ALLOW_TRAFFIC_HOOK: "h",
                AFTER_ALLOW_TRAFFIC_HOOK: "k",
            });
            execFileSync("sh", ["-c", cmds[4]], { cwd: dir });
            const revision = JSON.parse(fs.readFileSync(path.join(dir, "revision.json"), "utf8"));
            assert.equal(revision.revisionType, "AppSpecContent");
            assert.equal(revision.appSpecContent.content, fs.readFileSync(path.join(dir, "appspec.yaml"), "utf8"));
        });

        it("passes the function, alias, application, group and hooks as variables", async () =>
            assert.deepEqual(await unwrap(pulumi.output(generated.environment!)), {
                FUNCTION_NAME: "orders-api",
                FUNCTION_ALIAS: "live",
                CODEDEPLOY_APPLICATION: "orders",
                CODEDEPLOY_DEPLOYMENT_GROUP: "orders-live",
                BEFORE_ALLOW_TRAFFIC_HOOK: "orders-smoke",
                AFTER_ALLOW_TRAFFIC_HOOK: "orders-check",
            }));

        it("writes a hook given as a function ARN as the function's name, the form of AWS's AppSpec examples", async () => {
            const g = lambdaCodeDeployBuildspec({
                functionName: "f",
                alias: "live",
                applicationName: "a",
                deploymentGroupName: "g",
                zipPath: "f.zip",
                hooks: { beforeAllowTraffic: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:CodeDeployHook_smoke`, afterAllowTraffic: "CodeDeployHook_check" },
            });
            assert.equal(await unwrap(pulumi.output(g.environment!.BEFORE_ALLOW_TRAFFIC_HOOK)), "CodeDeployHook_smoke");
            assert.equal(await unwrap(pulumi.output(g.environment!.AFTER_ALLOW_TRAFFIC_HOOK)), "CodeDeployHook_check");
        });

        it("refuses a zip path that is not a .zip in the source", () =>
            assert.throws(
                () => lambdaCodeDeployBuildspec({ functionName: "f", alias: "live", applicationName: "a", deploymentGroupName: "g", zipPath: "/tmp/f.jar" }),
                (e: unknown) => e instanceof ArgsError && /zipPath/.test(e.message),
            ));

        it("grants the function's code, versions and alias, the deployment on its group, the group's config and the app's revisions only", async () => {
            const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-api`;
            const app = `arn:aws:codedeploy:us-east-1:${ACCOUNT}:application:orders`;
            const group = `arn:aws:codedeploy:us-east-1:${ACCOUNT}:deploymentgroup:orders/orders-live`;
            const statements = await unwrap(
                pulumi.output(
                    lambdaCodeDeployStatements({
                        functionArn: fn,
                        applicationArn: app,
                        deploymentGroupArn: group,
                        deploymentConfigName: "CodeDeployDefault.LambdaCanary10Percent5Minutes",
                    }),
                ),
            );
            assert.deepEqual(statements, [
                {
                    Sid: "PublishFunction",
                    Effect: "Allow",
                    Action: ["lambda:UpdateFunctionCode", "lambda:PublishVersion", "lambda:GetAlias", "lambda:GetFunction", "lambda:GetFunctionConfiguration"],
                    Resource: [fn, `${fn}:*`],
                },
                { Sid: "CreateDeployment", Effect: "Allow", Action: ["codedeploy:CreateDeployment", "codedeploy:GetDeployment"], Resource: group },
                {
                    Sid: "ReadDeploymentConfig",
                    Effect: "Allow",
                    Action: "codedeploy:GetDeploymentConfig",
                    Resource: `arn:aws:codedeploy:us-east-1:${ACCOUNT}:deploymentconfig:CodeDeployDefault.LambdaCanary10Percent5Minutes`,
                },
                {
                    Sid: "RegisterRevision",
                    Effect: "Allow",
                    Action: ["codedeploy:RegisterApplicationRevision", "codedeploy:GetApplicationRevision"],
                    Resource: app,
                },
            ]);
        });
    });

    describe("toYaml", () => {
        it("reads back as the same data, with shell text, quotes, colons and YAML keywords intact", () => {
            const data = {
                version: 0.2,
                env: { variables: { A: "yes", B: "0.2", C: "a: b # c", D: "" }, "exported-variables": ["X"] },
                phases: { build: { commands: ['echo "$A" | tr a b', "x\ny", "'quoted'", "- dash", "{braces}", "null", "~"] } },
                reports: { r: { files: [], "base-directory": "out" } },
                list: [{ a: 1, b: [true, false, null] }, [], {}],
            };
            assert.deepEqual(YAML.parse(toYaml(data)), data);
        });
    });
});
