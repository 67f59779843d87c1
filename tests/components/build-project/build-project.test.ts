import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { BuildProject } from "../../../components/build-project";
import type { BuildProjectArgs } from "../../../components/build-project/args";
import { checkPolicies } from "../../../components/policies";
import { IAM_RULES } from "../../../components/policies/rules/iam";
import { Registry, build, json, unwrap } from "../../../components/testing";

const PROJECT = "aws:codebuild/project:Project";
const ROLE = "aws:iam/role:Role";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const ACCOUNT = "123456789012";
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ci/pulumi-token-AbCdEf`;

async function built(args: BuildProjectArgs, name = "web") {
    return build(() => new BuildProject(name, args));
}

/** The role's statements by Sid. */
function statements(registry: Registry): Record<string, any> {
    return Object.fromEntries(registry.statementsOf(registry.one(ROLE)).map((s) => [s.Sid, s]));
}

describe("BuildProject", () => {
    describe("with the defaults", () => {
        let registry: Registry;
        let result: BuildProject;
        before(async () => {
            ({ registry, result } = await built({ buildspec: { path: "buildspec.yml" } }));
        });

        it("creates one project, one role with one inline policy, one log group and no security group", () => {
            assert.deepEqual(
                [PROJECT, ROLE, "aws:iam/rolePolicy:RolePolicy", LOG_GROUP, SG].map((t) => registry.ofType(t).length),
                [1, 1, 1, 1, 0],
            );
        });

        it("names the project after the component with a per-stack suffix, a name CodeBuild accepts", () => {
            assert.match(registry.one(PROJECT).inputs.name, /^web-[0-9a-f]{7}$/);
        });

        it("takes its source and artifacts from CodePipeline, reading the buildspec file from the source", () => {
            registry.hasInputs(PROJECT, "web-project", { source: { type: "CODEPIPELINE", buildspec: "buildspec.yml" }, artifacts: { type: "CODEPIPELINE" } });
        });

        it("runs the curated Amazon Linux image on a small Linux container, unprivileged, pulling it with CodeBuild's credentials", () => {
            registry.hasInputs(PROJECT, "web-project", {
                environment: {
                    image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
                    type: "LINUX_CONTAINER",
                    computeType: "BUILD_GENERAL1_SMALL",
                    privilegedMode: false,
                    imagePullCredentialsType: "CODEBUILD",
                },
            });
        });

        it("stops a build after 60 minutes and a queued one after 480, with no cache and no VPC", () => {
            registry.hasInputs(PROJECT, "web-project", { buildTimeout: 60, queuedTimeout: 480, cache: { type: "NO_CACHE" }, vpcConfig: undefined });
        });

        it("logs to its own /aws/codebuild/<project> group kept 30 days, and not to S3", () => {
            const project = registry.one(PROJECT).inputs;
            registry.hasInputs(LOG_GROUP, "web-logs", { name: `/aws/codebuild/${project.name}`, retentionInDays: 30 });
            assert.deepEqual(project.logsConfig, {
                cloudwatchLogs: { status: "ENABLED", groupName: `/aws/codebuild/${project.name}` },
                s3Logs: { status: "DISABLED" },
            });
        });

        it("lets only this project's builds assume the role: aws:SourceAccount and aws:SourceArn = the project's ARN", () => {
            const project = registry.one(PROJECT).inputs.name;
            assert.deepEqual(json(registry.one(ROLE).inputs.assumeRolePolicy).Statement, [
                {
                    Effect: "Allow",
                    Principal: { Service: "codebuild.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": ACCOUNT },
                        ArnLike: { "aws:SourceArn": `arn:aws:codebuild:us-east-1:${ACCOUNT}:project/${project}` },
                    },
                },
            ]);
        });

        it("passes the pack's IAM rules (iam-trust-confused-deputy among them)", async () => {
            assert.deepStrictEqual((await checkPolicies(registry.all(), { rules: IAM_RULES })).violations, []);
        });

        it("grants logs on its own log group only and reports on its own report groups only, nothing else", () => {
            const project = registry.one(PROJECT).inputs.name;
            const group = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/codebuild/${project}`;
            assert.deepEqual(registry.statementsOf(registry.one(ROLE)), [
                { Sid: "WriteBuildLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [group, `${group}:*`] },
                {
                    Sid: "WriteTestReports",
                    Effect: "Allow",
                    Action: [
                        "codebuild:CreateReportGroup",
                        "codebuild:CreateReport",
                        "codebuild:UpdateReport",
                        "codebuild:BatchPutTestCases",
                        "codebuild:BatchPutCodeCoverages",
                    ],
                    Resource: `arn:aws:codebuild:us-east-1:${ACCOUNT}:report-group/${project}-*`,
                },
            ]);
        });

        it("uses the role only once its policy is attached", () => {
            assert.equal(registry.one(PROJECT).inputs.serviceRole, registry.one(ROLE).outputs.arn);
        });

        it("exposes the project's name and ARN and the role's name and ARN", async () => {
            const project = registry.one(PROJECT);
            assert.equal(await unwrap(result.projectName), project.inputs.name);
            assert.equal(await unwrap(result.projectArn), `arn:aws:codebuild:us-east-1:${ACCOUNT}:project/${project.inputs.name}`);
            assert.equal(await unwrap(result.roleArn), registry.one(ROLE).outputs.arn);
            assert.equal(await unwrap(result.roleName), registry.one(ROLE).outputs.name);
        });
    });

    it("renders an object buildspec to YAML that reads back as the same object", async () => {
        const buildspec = { version: 0.2, phases: { build: { commands: ["npm ci", 'echo "done: yes"'] } }, artifacts: { files: ["dist/**/*"] } };
        const { registry } = await built({ buildspec });
        assert.deepEqual(YAML.parse(registry.one(PROJECT).inputs.source.buildspec), buildspec);
    });

    it("passes inline YAML text as written", async () => {
        const text = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n";
        const { registry } = await built({ buildspec: text });
        assert.equal(registry.one(PROJECT).inputs.source.buildspec, text);
    });

    it("runs without source or artifacts when source is none", async () => {
        const { registry } = await built({ source: "none", buildspec: "version: 0.2\nphases:\n  build:\n    commands: [date]\n" });
        registry.hasInputs(PROJECT, "web-project", { source: { type: "NO_SOURCE" }, artifacts: { type: "NO_ARTIFACTS" } });
    });

    it("runs the Docker daemon (privileged mode) only with docker: true", async () => {
        const { registry } = await built({ buildspec: { path: "b.yml" }, docker: true, cache: { local: ["docker-layer", "source"] } });
        registry.hasInputs(PROJECT, "web-project", {
            environment: { privilegedMode: true },
            cache: { type: "LOCAL", modes: ["LOCAL_DOCKER_LAYER_CACHE", "LOCAL_SOURCE_CACHE"] },
        });
    });

    it("derives ARM from an aarch64 image and Lambda compute from a lambda image, without timeouts on Lambda", async () => {
        const arm = await built({ buildspec: { path: "b.yml" }, image: "aws/codebuild/amazonlinux-aarch64-standard:3.0", computeType: "BUILD_GENERAL1_LARGE" });
        arm.registry.hasInputs(PROJECT, "web-project", { environment: { type: "ARM_CONTAINER", computeType: "BUILD_GENERAL1_LARGE" } });
        const lambda = await built({
            buildspec: { path: "b.yml" },
            image: "aws/codebuild/amazonlinux-x86_64-lambda-standard:nodejs20",
            computeType: "BUILD_LAMBDA_2GB",
        });
        lambda.registry.hasInputs(PROJECT, "web-project", {
            environment: { type: "LINUX_LAMBDA_CONTAINER", computeType: "BUILD_LAMBDA_2GB" },
            buildTimeout: undefined,
            queuedTimeout: undefined,
        });
    });

    it("caches in S3 under <bucket>/<prefix>, and may read and write only that prefix", async () => {
        const { registry } = await built({ buildspec: { path: "b.yml" }, cache: { s3: { bucketArn: "arn:aws:s3:::build-cache", prefix: "web" } } });
        registry.hasInputs(PROJECT, "web-project", { cache: { type: "S3", location: "build-cache/web" } });
        const s = statements(registry);
        assert.deepEqual(s.CacheObjects.Resource, "arn:aws:s3:::build-cache/web*");
        assert.deepEqual(s.CacheBucket.Resource, "arn:aws:s3:::build-cache");
    });

    describe("with secrets", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await built({
                buildspec: { path: "b.yml" },
                environment: { NODE_ENV: "production" },
                secrets: {
                    PULUMI_ACCESS_TOKEN: SECRET,
                    DB_PASSWORD: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-Zz9Yy8:password::`,
                    NPM_TOKEN: "/ci/npm-token",
                    SENTRY_DSN: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/sentry`,
                },
                secretKeyArns: [`arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`],
            }));
        });

        it("sends plain variables as PLAINTEXT and references as SECRETS_MANAGER or PARAMETER_STORE", () => {
            assert.deepEqual(registry.one(PROJECT).inputs.environment.environmentVariables, [
                { name: "NODE_ENV", value: "production", type: "PLAINTEXT" },
                { name: "PULUMI_ACCESS_TOKEN", value: SECRET, type: "SECRETS_MANAGER" },
                { name: "DB_PASSWORD", value: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-Zz9Yy8:password::`, type: "SECRETS_MANAGER" },
                { name: "NPM_TOKEN", value: "/ci/npm-token", type: "PARAMETER_STORE" },
                { name: "SENTRY_DSN", value: "sentry", type: "PARAMETER_STORE" },
            ]);
        });

        it("may read exactly the referenced secrets (without their JSON-key qualifiers) and parameters", () => {
            const s = statements(registry);
            assert.deepEqual(s.ReadSecrets, {
                Sid: "ReadSecrets",
                Effect: "Allow",
                Action: "secretsmanager:GetSecretValue",
                Resource: [SECRET, `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-Zz9Yy8`],
            });
            assert.deepEqual(s.ReadParameters.Resource, [
                `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/ci/npm-token`,
                `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/sentry`,
            ]);
            assert.equal(s.ReadParameters.Action, "ssm:GetParameters");
        });

        it("may decrypt with the secrets' keys only through Secrets Manager or Parameter Store", () => {
            assert.deepEqual(statements(registry).DecryptSecrets, {
                Sid: "DecryptSecrets",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: [`arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`],
                Condition: { StringLike: { "kms:ViaService": ["secretsmanager.*.amazonaws.com", "ssm.*.amazonaws.com"] } },
            });
        });
    });

    it("grants no secret access and no key when it references no secret", async () => {
        const { registry } = await built({ buildspec: { path: "b.yml" } });
        const sids = Object.keys(statements(registry));
        for (const sid of ["ReadSecrets", "ReadParameters", "DecryptSecrets"]) assert.ok(!sids.includes(sid), sid);
    });

    it("drops the Parameter Store statement when every reference is a secret (IAM refuses an empty resource list)", async () => {
        const { registry } = await built({ buildspec: { path: "b.yml" }, secrets: { PULUMI_ACCESS_TOKEN: SECRET } });
        const sids = Object.keys(statements(registry));
        assert.ok(sids.includes("ReadSecrets"));
        assert.ok(!sids.includes("ReadParameters"));
    });

    it("resolves a secret reference known only at deployment", async () => {
        const { registry } = await built({ buildspec: { path: "b.yml" }, secrets: { API_TOKEN: pulumi.output(SECRET) } });
        assert.deepEqual(statements(registry).ReadSecrets.Resource, [SECRET]);
    });

    describe("in a VPC", () => {
        const vpc = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] };

        it("creates an egress-only security group when none is given, and uses it", async () => {
            const { registry } = await built({ buildspec: { path: "b.yml" }, vpc });
            const sg = registry.one(SG, undefined);
            assert.deepEqual(sg.inputs.egress, [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "All outbound" }]);
            assert.equal(sg.inputs.ingress, undefined);
            registry.hasInputs(PROJECT, "web-project", { vpcConfig: { vpcId: vpc.vpcId, subnets: vpc.subnetIds, securityGroupIds: [sg.id] } });
        });

        it("uses the given security groups and creates none", async () => {
            const { registry } = await built({ buildspec: { path: "b.yml" }, vpc: { ...vpc, securityGroupIds: ["sg-0123456789abcdef0"] } });
            assert.equal(registry.ofType(SG).length, 0);
            registry.hasInputs(PROJECT, "web-project", { vpcConfig: { securityGroupIds: ["sg-0123456789abcdef0"] } });
        });

        it("may create network interfaces, and authorise them only for CodeBuild in its own subnets", async () => {
            const { registry } = await built({ buildspec: { path: "b.yml" }, vpc });
            const s = statements(registry);
            assert.equal(s.VpcNetworkInterfaces.Resource, "*");
            assert.deepEqual(s.VpcNetworkInterfacePermission, {
                Sid: "VpcNetworkInterfacePermission",
                Effect: "Allow",
                Action: "ec2:CreateNetworkInterfacePermission",
                Resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:network-interface/*`,
                Condition: {
                    StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" },
                    ArnEquals: { "ec2:Subnet": vpc.subnetIds.map((id) => `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/${id}`) },
                },
            });
        });
    });

    it("may pass the listed roles only, and only to the listed service", async () => {
        const roles = [`arn:aws:iam::${ACCOUNT}:role/web-task`, `arn:aws:iam::${ACCOUNT}:role/web-execution`];
        const { registry } = await built({ buildspec: { path: "b.yml" }, passRoles: [{ roleArns: roles, service: "ecs-tasks.amazonaws.com" }] });
        assert.deepEqual(statements(registry).PassRoles0, {
            Sid: "PassRoles0",
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: roles,
            Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
        });
    });

    it("adds the caller's statements after its own", async () => {
        const extra = { Sid: "Deploy", Effect: "Allow" as const, Action: "s3:PutObject", Resource: "arn:aws:s3:::site/*" };
        const { registry } = await built({ buildspec: { path: "b.yml" }, policyStatements: [extra] });
        const all = registry.statementsOf(registry.one(ROLE));
        assert.deepEqual(all[all.length - 1], extra);
    });

    it("never grants an action on every resource except the documented EC2 and ECR ones", async () => {
        const { registry } = await built({
            buildspec: { path: "b.yml" },
            vpc: { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0123456789abcdef0"] },
            secrets: { NPM_TOKEN: "/ci/npm" },
        });
        const star = registry.statementsOf(registry.one(ROLE)).filter((s) => s.Resource === "*" || (Array.isArray(s.Resource) && s.Resource.includes("*")));
        assert.deepEqual(
            star.map((s) => s.Sid),
            ["VpcNetworkInterfaces"],
        );
    });

    it("applies a transform to the project", async () => {
        const { registry } = await built({ buildspec: { path: "b.yml" }, transform: { project: { concurrentBuildLimit: 1 } } });
        registry.hasInputs(PROJECT, "web-project", { concurrentBuildLimit: 1 });
    });

    it("fits every physical name of a 128-character instance to its limit (role 64, project 255 of CodeBuild's characters)", async () => {
        const name = `payments_${"x".repeat(119)}`;
        const { registry } = await built(
            { buildspec: { path: "b.yml" }, vpc: { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0123456789abcdef0"] } },
            name,
        );
        assert.match(registry.one(PROJECT).inputs.name, /^[0-9A-Za-z][0-9A-Za-z_-]{1,254}$/);
        assert.ok((registry.one(ROLE).outputs.name as string).length <= 64);
        assert.ok((registry.one(SG).outputs.name as string).length <= 255);
    });
});
