import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { BuildProject } from "../../../components/build-project";
import type { BuildProjectArgs } from "../../../components/build-project/args";
import { DEFAULTS, normalize } from "../../../components/build-project/defaults";
import { validate } from "../../../components/build-project/validate";
import { ArgsError } from "../../../components/shared/errors";
import { buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { itRefusesAll } from "../../harness/refusals";

const ACCOUNT = "123456789012";
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ci/token-AbCdEf`;
const FILE = { path: "buildspec.yml" };
const LAMBDA_IMAGE = "aws/codebuild/amazonlinux-x86_64-lambda-standard:nodejs20";

describe("BuildProject validation", () => {
    const cases: Array<{ title: string; args: BuildProjectArgs; paths: string[]; message: RegExp }> = [
        { title: "requires a buildspec", args: {} as BuildProjectArgs, paths: ["buildspec"], message: /required/ },
        { title: "rejects an empty buildspec text", args: { buildspec: "" }, paths: ["buildspec"], message: /empty/ },
        { title: "rejects a file name given as inline text", args: { buildspec: "buildspec.yml" }, paths: ["buildspec"], message: /path: "buildspec.yml"/ },
        {
            title: "rejects inline text without a version: 0.2 line",
            args: { buildspec: "phases:\n  build:\n    commands: [make]\n" },
            paths: ["buildspec"],
            message: /version: 0.2/,
        },
        { title: "rejects a buildspec object without phases", args: { buildspec: { version: 0.2 } }, paths: ["buildspec.phases"], message: /install/ },
        {
            title: "rejects a buildspec object of another version",
            args: { buildspec: { version: 0.1, phases: {} } },
            paths: ["buildspec.version"],
            message: /0\.2/,
        },
        {
            title: "rejects a buildspec path outside the source",
            args: { buildspec: { path: "../ci/buildspec.yml" } },
            paths: ["buildspec.path"],
            message: /relative path/,
        },
        {
            title: "rejects a buildspec file when there is no source",
            args: { buildspec: FILE, source: "none" },
            paths: ["buildspec"],
            message: /inline buildspec/,
        },
        {
            title: "rejects a secret-looking variable written into the buildspec object",
            args: { buildspec: { version: 0.2, env: { variables: { GITHUB_TOKEN: "x" } }, phases: {} } },
            paths: ["buildspec.env.variables.GITHUB_TOKEN"],
            message: /secrets/,
        },
        { title: "rejects an unknown source", args: { buildspec: FILE, source: "github" as never }, paths: ["source"], message: /codepipeline/ },
        {
            title: "rejects an unknown compute type",
            args: { buildspec: FILE, computeType: "BUILD_GENERAL1_HUGE" as never },
            paths: ["computeType"],
            message: /BUILD_LAMBDA_1GB/,
        },
        {
            title: "rejects a Lambda compute type on an EC2 image",
            args: { buildspec: FILE, computeType: "BUILD_LAMBDA_1GB" },
            paths: ["computeType"],
            message: /LINUX_CONTAINER; allowed: BUILD_GENERAL1_SMALL/,
        },
        {
            title: "rejects an EC2 compute type on a Lambda image",
            args: { buildspec: FILE, image: LAMBDA_IMAGE },
            paths: ["computeType"],
            message: /LINUX_LAMBDA_CONTAINER; allowed: BUILD_LAMBDA_1GB/,
        },
        {
            title: "rejects a GPU environment with a medium compute type (GPU offers small and large)",
            args: { buildspec: FILE, environmentType: "LINUX_GPU_CONTAINER", computeType: "BUILD_GENERAL1_MEDIUM" },
            paths: ["computeType"],
            message: /BUILD_GENERAL1_SMALL, BUILD_GENERAL1_LARGE$/,
        },
        { title: "rejects docker given as a string", args: { buildspec: FILE, docker: "true" as never }, paths: ["docker"], message: /true or false/ },
        {
            title: "rejects Docker (privileged mode) on Lambda compute",
            args: { buildspec: FILE, image: LAMBDA_IMAGE, computeType: "BUILD_LAMBDA_1GB", docker: true },
            paths: ["docker"],
            message: /Lambda compute/,
        },
        {
            title: "rejects a Docker layer cache without docker",
            args: { buildspec: FILE, cache: { local: ["docker-layer"] } },
            paths: ["cache.local"],
            message: /docker: true/,
        },
        {
            title: "rejects a local cache on Lambda compute",
            args: { buildspec: FILE, image: LAMBDA_IMAGE, computeType: "BUILD_LAMBDA_1GB", cache: { local: ["source"] } },
            paths: ["cache.local"],
            message: /Lambda/,
        },
        {
            title: "rejects an unknown local cache mode",
            args: { buildspec: FILE, cache: { local: ["layers" as never] } },
            paths: ["cache.local[0]"],
            message: /docker-layer/,
        },
        {
            title: "rejects a cache with both local and s3",
            args: { buildspec: FILE, cache: { local: ["source"], s3: { bucketArn: "arn:aws:s3:::c" } } as never },
            paths: ["cache"],
            message: /exactly one/,
        },
        {
            title: "rejects an S3 cache bucket that is not a bucket ARN",
            args: { buildspec: FILE, cache: { s3: { bucketArn: "build-cache" } } },
            paths: ["cache.s3.bucketArn"],
            message: /arn:aws:s3/,
        },
        {
            title: "rejects a variable named like a secret in plain environment, pointing to secrets",
            args: { buildspec: FILE, environment: { DB_PASSWORD: "hunter2" } },
            paths: ["environment.DB_PASSWORD"],
            message: /allowed: secrets\.DB_PASSWORD/,
        },
        {
            title: "rejects an API key named as such in plain environment",
            args: { buildspec: FILE, environment: { STRIPE_API_KEY: "x" } },
            paths: ["environment.STRIPE_API_KEY"],
            message: /named like a secret/,
        },
        {
            title: "rejects a value that is an AWS access key, without repeating it",
            args: { buildspec: FILE, environment: { DEPLOY_USER: "AKIAIOSFODNN7EXAMPLE" } },
            paths: ["environment.DEPLOY_USER"],
            message: /an AWS access key id in plaintext/,
        },
        {
            title: "rejects a value that is a GitHub token",
            args: { buildspec: FILE, environment: { GH: `ghp_${"a".repeat(36)}` } },
            paths: ["environment.GH"],
            message: /GitHub token/,
        },
        {
            title: "rejects a variable name CodeBuild reserves",
            args: { buildspec: FILE, environment: { CODEBUILD_X: "1" } },
            paths: ["environment.CODEBUILD_X"],
            message: /reserves/,
        },
        {
            title: "rejects a variable name a shell cannot hold",
            args: { buildspec: FILE, environment: { "NODE-ENV": "1" } },
            paths: ["environment.NODE-ENV"],
            message: /letters, digits/,
        },
        {
            title: "rejects the same variable in environment and secrets",
            args: { buildspec: FILE, environment: { SENTRY_DSN: "x" }, secrets: { SENTRY_DSN: "/ci/sentry" } },
            paths: ["environment.SENTRY_DSN"],
            message: /once/,
        },
        {
            title: "rejects a secret given by name rather than ARN (a name reads as a parameter)",
            args: { buildspec: FILE, secrets: { TOKEN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ci/token" } },
            paths: ["secrets.TOKEN"],
            message: /partial ARN/,
        },
        {
            title: "rejects a secret reference to another service",
            args: { buildspec: FILE, secrets: { TOKEN: "arn:aws:s3:::bucket/token" } },
            paths: ["secrets.TOKEN"],
            message: /Secrets Manager secret's full ARN/,
        },
        {
            title: "rejects a parameter name with spaces",
            args: { buildspec: FILE, secrets: { TOKEN: "/ci/my token" } },
            paths: ["secrets.TOKEN"],
            message: /Parameter Store/,
        },
        {
            title: "requires the Pulumi access token from secrets when the buildspec runs pulumi",
            args: { buildspec: { version: 0.2, phases: { build: { commands: ["pulumi up --yes --stack prod"] } } } },
            paths: ["secrets.PULUMI_ACCESS_TOKEN"],
            message: /Secrets Manager secret/,
        },
        {
            title: "refuses the Pulumi access token from Parameter Store",
            args: {
                buildspec: "version: 0.2\nphases:\n  build:\n    commands:\n      - pulumi preview --stack dev\n",
                secrets: { PULUMI_ACCESS_TOKEN: "/ci/pulumi" },
            },
            paths: ["secrets.PULUMI_ACCESS_TOKEN"],
            message: /Parameter Store/,
        },
        {
            title: "rejects a secret key that is not a KMS key ARN",
            args: { buildspec: FILE, secretKeyArns: ["alias/ci"] },
            paths: ["secretKeyArns[0]"],
            message: /KMS key ARN/,
        },
        {
            title: "requires subnets with a VPC",
            args: { buildspec: FILE, vpc: { vpcId: "vpc-0123456789abcdef0" } as never },
            paths: ["vpc.subnetIds"],
            message: /required/,
        },
        {
            title: "rejects a VPC with an empty subnet list",
            args: { buildspec: FILE, vpc: { vpcId: "vpc-0123456789abcdef0", subnetIds: [] } },
            paths: ["vpc.subnetIds"],
            message: /1 to 16/,
        },
        {
            title: "rejects more than 5 security groups",
            args: {
                buildspec: FILE,
                vpc: {
                    vpcId: "vpc-0123456789abcdef0",
                    subnetIds: ["subnet-0123456789abcdef0"],
                    securityGroupIds: [1, 2, 3, 4, 5, 6].map((i) => `sg-012345678${i}abcdef0`),
                },
            },
            paths: ["vpc.securityGroupIds"],
            message: /1 to 5/,
        },
        {
            title: "rejects a malformed subnet id",
            args: { buildspec: FILE, vpc: { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-xyz"] } },
            paths: ["vpc.subnetIds[0]"],
            message: /subnet id/,
        },
        {
            title: "rejects a log retention CloudWatch Logs does not offer",
            args: { buildspec: FILE, logRetentionDays: 45 },
            paths: ["logRetentionDays"],
            message: /60/,
        },
        {
            title: "rejects a build timeout under 5 minutes",
            args: { buildspec: FILE, timeoutMinutes: 4 },
            paths: ["timeoutMinutes"],
            message: /from 5 to 2160/,
        },
        {
            title: "rejects a build timeout over 36 hours",
            args: { buildspec: FILE, timeoutMinutes: 2161 },
            paths: ["timeoutMinutes"],
            message: /from 5 to 2160/,
        },
        {
            title: "rejects a queued timeout over 8 hours",
            args: { buildspec: FILE, queuedTimeoutMinutes: 481 },
            paths: ["queuedTimeoutMinutes"],
            message: /from 5 to 480/,
        },
        {
            title: "rejects a build timeout on Lambda compute",
            args: { buildspec: FILE, image: LAMBDA_IMAGE, computeType: "BUILD_LAMBDA_1GB", timeoutMinutes: 10 },
            paths: ["timeoutMinutes"],
            message: /Lambda compute/,
        },
        {
            title: "rejects a statement allowing every action",
            args: { buildspec: FILE, policyStatements: [{ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::site/*" }] },
            paths: ["policyStatements[0].Action"],
            message: /every action/,
        },
        {
            title: "rejects a statement allowing every action on every resource",
            args: { buildspec: FILE, policyStatements: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
            paths: ["policyStatements[0]", "policyStatements[0].Action"],
            message: /every action on every resource/,
        },
        {
            title: "rejects Allow with NotResource (every resource but these)",
            args: { buildspec: FILE, policyStatements: [{ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::x" }] },
            paths: ["policyStatements[0].NotResource"],
            message: /every resource but these/,
        },
        {
            title: "rejects passing a role to a service that is not a service principal",
            args: { buildspec: FILE, passRoles: [{ roleArns: [`arn:aws:iam::${ACCOUNT}:role/task`], service: "ecs" }] },
            paths: ["passRoles[0].service"],
            message: /ecs-tasks.amazonaws.com/,
        },
        {
            title: "rejects passing every role",
            args: { buildspec: FILE, passRoles: [{ roleArns: ["*"], service: "ecs-tasks.amazonaws.com" }] },
            paths: ["passRoles[0].roleArns[0]"],
            message: /not \*/,
        },
        {
            title: "rejects passing no role",
            args: { buildspec: FILE, passRoles: [{ roleArns: [], service: "ecs-tasks.amazonaws.com" }] },
            paths: ["passRoles[0].roleArns"],
            message: /empty/,
        },
        { title: "rejects an unknown argument", args: { buildspec: FILE, privileged: true } as never, paths: ["privileged"], message: /./ },
        {
            title: "rejects a Pulumi passphrase in plaintext (PASSPHRASE names a secret)",
            args: { buildspec: FILE, environment: { PULUMI_BACKEND_URL: "s3://state-bucket", PULUMI_CONFIG_PASSPHRASE: "x" } },
            paths: ["environment.PULUMI_CONFIG_PASSPHRASE"],
            message: /named like a secret/,
        },
        {
            title: "rejects a password named *_PASS in plaintext",
            args: { buildspec: FILE, environment: { SMTP_PASS: "x" } },
            paths: ["environment.SMTP_PASS"],
            message: /named like a secret/,
        },
        {
            title: "rejects a secret reference with both a version stage and a version id (CodeBuild takes one)",
            args: { buildspec: FILE, secrets: { DB: `${SECRET}:password:AWSCURRENT:0b7c6f0e-1a2b-4c3d-8e9f-0123456789ab` } },
            paths: ["secrets.DB"],
            message: /both a version stage and a version id/,
        },
        {
            title: "rejects a linux/arm64 image build on the default x86_64 image",
            args: { buildspec: { version: 0.2, phases: { build: { commands: ["docker build --platform linux/arm64 -t x ."] } } }, docker: true },
            paths: ["buildspec"],
            message: /aarch64/,
        },
        {
            title: "rejects a linux/amd64 image build on an ARM image",
            args: {
                buildspec: { version: 0.2, phases: { build: { commands: ["docker build --platform linux/amd64 -t x ."] } } },
                docker: true,
                image: "aws/codebuild/amazonlinux-aarch64-standard:3.0",
            },
            paths: ["buildspec"],
            message: /x86_64/,
        },
        {
            title: "reports every invalid field at once",
            args: { buildspec: FILE, logRetentionDays: 2, timeoutMinutes: 1, environment: { API_TOKEN: "x" } },
            paths: ["environment.API_TOKEN", "logRetentionDays", "timeoutMinutes"],
            message: /./,
        },
    ];
    itRefusesAll(cases, validate, (args) => new BuildProject("build", args), /^BuildProject "build": /);

    it("never repeats a plaintext secret in the error", async () => {
        const { error } = await buildFails(() => new BuildProject("build", { buildspec: FILE, environment: { DEPLOY_USER: "AKIAIOSFODNN7EXAMPLE" } }));
        assert.doesNotMatch(error.message, /AKIAIOSFODNN7EXAMPLE/);
    });

    it("accepts a Pulumi buildspec with its token from Secrets Manager", () =>
        assert.deepEqual(
            validate({
                buildspec: { version: 0.2, phases: { build: { commands: ["pulumi up --yes --stack prod"] } } },
                secrets: { PULUMI_ACCESS_TOKEN: SECRET },
            }),
            [],
        ));

    it("accepts a Pulumi buildspec without an access token when a self-managed backend is set", () =>
        assert.deepEqual(
            validate({
                buildspec: { version: 0.2, phases: { build: { commands: ["pulumi up --yes --stack prod"] } } },
                environment: { PULUMI_BACKEND_URL: "s3://state-bucket" },
                secrets: { PULUMI_CONFIG_PASSPHRASE: SECRET },
            }),
            [],
        ));

    it("accepts variables that hold where a secret is, not the secret (ARN, id, endpoint, parameter name)", () =>
        assert.deepEqual(
            validate({
                buildspec: FILE,
                environment: {
                    DB_SECRET_ARN: SECRET,
                    SECRET_ID: "ci/db",
                    TOKEN_ENDPOINT: "https://auth.example.com/token",
                    PASSWORD_PARAMETER: "/ci/db-password",
                    PASS_THROUGH: "1",
                    DB_PASSWORD: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/ci/db-password`,
                },
            }),
            [],
        ));

    it("accepts a secret reference with a version stage only, or a version id only", () =>
        assert.deepEqual(
            validate({ buildspec: FILE, secrets: { A: `${SECRET}:password:AWSCURRENT`, B: `${SECRET}:password::0b7c6f0e-1a2b-4c3d-8e9f-0123456789ab` } }),
            [],
        ));

    it("reads a custom image named like lambda or arm64 as LINUX_CONTAINER, accepting the defaults and docker", () => {
        for (const image of [`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/lambda-tools:1`, `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/arm64v8-node:20`]) {
            const args: BuildProjectArgs = { buildspec: FILE, image, docker: true };
            assert.equal(normalize(args).environmentType, "LINUX_CONTAINER");
            assert.deepEqual(validate(args), []);
        }
        assert.equal(normalize({ buildspec: FILE, image: LAMBDA_IMAGE }).environmentType, "LINUX_LAMBDA_CONTAINER");
    });

    it("accepts a cross-architecture image build when the buildspec installs binfmt emulation", () =>
        assert.deepEqual(
            validate({
                buildspec: {
                    version: 0.2,
                    phases: {
                        build: { commands: ["docker run --privileged --rm tonistiigi/binfmt --install arm64", "docker build --platform linux/arm64 -t x ."] },
                    },
                },
                docker: true,
            }),
            [],
        ));

    it("accepts Lambda compute without timeouts, and gives normalize's output the same verdict", () => {
        const args: BuildProjectArgs = { buildspec: FILE, image: LAMBDA_IMAGE, computeType: "BUILD_LAMBDA_4GB" };
        assert.deepEqual(validate(args), []);
        assert.deepEqual(validate(normalize(args)), []);
    });

    it("gives normalize's output the same verdict as its input", () => assert.deepEqual(validate(normalize({ buildspec: FILE })), []));

    it("leaves secret references and role ARNs known only at deployment to later checks", () =>
        assert.deepEqual(
            validate({
                buildspec: FILE,
                secrets: { TOKEN: pulumi.output("x") },
                passRoles: [{ roleArns: [pulumi.output("*")], service: "ecs-tasks.amazonaws.com" }],
            }),
            [],
        ));

    it("refuses a secret reference known only at deployment once it is known", async () => {
        const { error } = await buildFails(
            () => new BuildProject("build", { buildspec: FILE, secrets: { TOKEN: pulumi.output("arn:aws:s3:::bucket/token") } }),
        );
        assert.ok(error instanceof ArgsError, String(error));
        assert.deepEqual(
            error.issues.map((i) => i.path),
            ["secrets.TOKEN"],
        );
    });

    it("refuses a plaintext credential known only at deployment once it is known, without repeating it", async () => {
        const { error, registry } = await buildFails(
            () => new BuildProject("build", { buildspec: FILE, environment: { DEPLOY_USER: pulumi.output("AKIAIOSFODNN7EXAMPLE") } }),
        );
        assert.ok(error instanceof ArgsError, String(error));
        assert.deepEqual(
            error.issues.map((i) => i.path),
            ["environment.DEPLOY_USER"],
        );
        assert.doesNotMatch(error.message, /AKIAIOSFODNN7EXAMPLE/);
        assert.equal(registry.ofType("aws:codebuild/project:Project").length, 0, "the project's inputs never resolve");
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/build-project/args.ts", DEFAULTS));
});
