import * as assert from "node:assert";
import { AuditTrail } from "../../components/audit-trail";
import { BuildProject, containerImageBuildspec } from "../../components/build-project";
import { Database } from "../../components/database";
import { type PolicyInput, type Rule, checkPolicies, policyResource } from "../../components/policies";
import { OPERATIONS_RULES } from "../../components/policies/rules/operations";
import { evaluatedOn, findingsByResource, ruleNamed } from "../harness/policy-rules";
import { build } from "../../components/testing";
import { dbArgs } from "../components/database/fixtures";

const KEY = "aws:kms/key:Key";
const TRAIL = "aws:cloudtrail/trail:Trail";
const PROJECT = "aws:codebuild/project:Project";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const RDS_CLUSTER = "aws:rds/cluster:Cluster";
const RDS_INSTANCE = "aws:rds/instance:Instance";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const DOCKER_BUILDSPEC = "version: 0.2\nphases:\n  build:\n    commands:\n      - docker build -t app .\n      - docker push app\n";
const NPM_BUILDSPEC = "version: 0.2\nphases:\n  build:\n    commands:\n      - npm ci\n      - npm test\n";

const rule = (name: string): Rule => ruleNamed(OPERATIONS_RULES, name);

/** [policy, resource name, message] of every violation of `name`, by resource name. */
const findings = (name: string, ...resources: PolicyInput[]) => findingsByResource(rule(name), resources);

const evaluated = (name: string, ...resources: PolicyInput[]) => evaluatedOn(rule(name), resources);

/** Exactly one finding, on `resource`, whose message matches `message`. */
async function failsWith(name: string, resource: PolicyInput, message: RegExp): Promise<void> {
    const found = await findings(name, resource);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.deepEqual(found[0].slice(0, 2), [name, resource.name]);
    assert.match(found[0][2], message);
}

const trail = (extra: Record<string, unknown> = {}) =>
    policyResource(TRAIL, "audit-trail", { s3BucketName: "logs", isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: KEY_ARN, ...extra });
const project = (environment: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    policyResource(PROJECT, "deliver-project", {
        source: { type: "CODEPIPELINE", buildspec: NPM_BUILDSPEC },
        environment: { type: "LINUX_CONTAINER", computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", ...environment },
        ...extra,
    });
const cluster = (extra: Record<string, unknown> = {}) =>
    policyResource(
        RDS_CLUSTER,
        "orders-cluster",
        {
            engine: "aurora-postgresql",
            storageEncrypted: true,
            deletionProtection: true,
            iamDatabaseAuthenticationEnabled: true,
            masterUsername: "dbadmin",
            ...extra,
        },
        { stack: "prod" },
    );

describe("policies: KMS, CloudTrail, CodeBuild, CloudWatch Logs, RDS (rules/operations.ts)", () => {
    describe("kms-4-rotation", () => {
        it("passes a symmetric key with rotation on", async () => {
            assert.deepEqual(await findings("kms-4-rotation", policyResource(KEY, "k", { enableKeyRotation: true })), []);
        });

        it("fails a symmetric key without rotation (the provider's default is off)", async () => {
            await failsWith("kms-4-rotation", policyResource(KEY, "k", {}), /^enableKeyRotation is undefined; set it to true\.$/);
        });

        it("does not apply to asymmetric or HMAC keys, which cannot rotate automatically", async () => {
            const rsa = policyResource(KEY, "rsa", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
            const hmac = policyResource(KEY, "hmac", { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" });
            assert.deepEqual(await findings("kms-4-rotation", rsa, hmac), []);
            assert.equal(await evaluated("kms-4-rotation", rsa, hmac), 0);
        });

        it("does not apply to keys in a custom key store, which cannot rotate automatically", async () => {
            const hsm = policyResource(KEY, "hsm", { customKeyStoreId: "cks-1234567890abcdef0" });
            assert.equal(await evaluated("kms-4-rotation", hsm), 0);
        });
    });

    describe("cloudtrail-1-multi-region", () => {
        it("passes a multi-region trail without selectors, and one whose advanced selectors record all management events", async () => {
            const advanced = trail({
                advancedEventSelectors: [
                    { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
                    { name: "S3", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] },
                ],
            });
            assert.deepEqual(await findings("cloudtrail-1-multi-region", trail(), advanced), []);
        });

        it("fails a single-region trail (the provider's default)", async () => {
            await failsWith("cloudtrail-1-multi-region", trail({ isMultiRegionTrail: undefined }), /^isMultiRegionTrail is undefined; set it to true\./);
        });

        it("fails a trail whose selectors record only read-only or no management events", async () => {
            const readOnly = trail({
                advancedEventSelectors: [
                    {
                        fieldSelectors: [
                            { field: "eventCategory", equals: ["Management"] },
                            { field: "readOnly", equals: ["true"] },
                        ],
                    },
                ],
            });
            await failsWith("cloudtrail-1-multi-region", readOnly, /advancedEventSelectors select no read and write management events/);
            const basic = trail({ eventSelectors: [{ includeManagementEvents: false, readWriteType: "All" }] });
            await failsWith("cloudtrail-1-multi-region", basic, /eventSelectors record no read and write management events/);
        });

        it("does not apply to other types", async () => {
            assert.equal(await evaluated("cloudtrail-1-multi-region", policyResource(KEY, "k", {})), 0);
        });
    });

    describe("cloudtrail-4-log-file-validation", () => {
        it("passes a trail with log file validation", async () => {
            assert.deepEqual(await findings("cloudtrail-4-log-file-validation", trail()), []);
        });

        it("fails a trail without it (the provider's default is off)", async () => {
            await failsWith(
                "cloudtrail-4-log-file-validation",
                trail({ enableLogFileValidation: false }),
                /^enableLogFileValidation is false; set it to true\./,
            );
        });
    });

    describe("cloudtrail-2-encrypted", () => {
        it("passes a trail with a KMS key", async () => {
            assert.deepEqual(await findings("cloudtrail-2-encrypted", trail()), []);
        });

        it("fails a trail without kmsKeyId (SSE-S3 only)", async () => {
            await failsWith("cloudtrail-2-encrypted", trail({ kmsKeyId: undefined }), /^kmsKeyId is undefined; set it to a KMS key ARN/);
        });
    });

    describe("codebuild-5-privileged-docker-only", () => {
        it("passes an unprivileged project and a privileged one whose inline buildspec runs docker build", async () => {
            const docker = project({ privilegedMode: true }, { source: { type: "CODEPIPELINE", buildspec: DOCKER_BUILDSPEC } });
            assert.deepEqual(await findings("codebuild-5-privileged-docker-only", project({ privilegedMode: false }), docker), []);
        });

        it("fails a privileged project whose buildspec runs no docker command", async () => {
            await failsWith(
                "codebuild-5-privileged-docker-only",
                project({ privilegedMode: true }),
                /^environment\.privilegedMode is true but the buildspec runs no docker command; set privilegedMode to false/,
            );
        });

        it("fails a privileged project whose buildspec is a file in the source, which it cannot read", async () => {
            const fromFile = project({ privilegedMode: true }, { source: { type: "CODEPIPELINE", buildspec: "ci/buildspec.yml" } });
            await failsWith("codebuild-5-privileged-docker-only", fromFile, /source\.buildspec is a file in the source, which cannot be checked/);
        });
    });

    describe("codebuild-2-no-plaintext-secrets", () => {
        it("passes secrets from Secrets Manager and plain variables that are not secrets", async () => {
            const p = project({
                environmentVariables: [
                    { name: "PULUMI_ACCESS_TOKEN", type: "SECRETS_MANAGER", value: "ci/pulumi-token" },
                    { name: "STACK", value: "prod" },
                    { name: "TOKEN_SECRET_ARN", type: "PLAINTEXT", value: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ci" },
                ],
            });
            assert.deepEqual(await findings("codebuild-2-no-plaintext-secrets", p), []);
        });

        it("fails a PLAINTEXT variable with a secret's name, and one whose value is an AWS access key", async () => {
            const p = project({
                environmentVariables: [
                    { name: "DB_PASSWORD", value: "hunter2" },
                    { name: "DEPLOY_KEY_ID", type: "PLAINTEXT", value: "AKIAIOSFODNN7EXAMPLE" },
                ],
            });
            const messages = (await findings("codebuild-2-no-plaintext-secrets", p)).map(([, , m]) => m);
            assert.equal(messages.length, 2);
            assert.match(
                messages[0],
                /^environment\.environmentVariables\[0\] \(DB_PASSWORD\) is PLAINTEXT and its name looks like a secret; give it type "SECRETS_MANAGER"/,
            );
            assert.match(messages[1], /^environment\.environmentVariables\[1\] \(DEPLOY_KEY_ID\)\.value holds an AWS access key id in plaintext; rotate it/);
        });

        it("fails a PLAINTEXT variable whose camelCase name names a secret (githubToken)", async () => {
            const p = project({
                environmentVariables: [
                    { name: "githubToken", value: "x" },
                    { name: "githubTokenArn", value: "arn:x" },
                ],
            });
            const messages = (await findings("codebuild-2-no-plaintext-secrets", p)).map(([, , m]) => m);
            assert.equal(messages.length, 1);
            assert.match(messages[0], /^environment\.environmentVariables\[0\] \(githubToken\) is PLAINTEXT and its name looks like a secret/);
        });
    });

    describe("codebuild-4-logs", () => {
        it("passes the default (CloudWatch Logs on) and S3 logs alone", async () => {
            const s3 = project({}, { logsConfig: { cloudwatchLogs: { status: "DISABLED" }, s3Logs: { status: "ENABLED", location: "logs/build" } } });
            assert.deepEqual(await findings("codebuild-4-logs", project({}), s3), []);
        });

        it("fails a project with both CloudWatch and S3 logs off", async () => {
            const off = project({}, { logsConfig: { cloudwatchLogs: { status: "DISABLED" } } });
            await failsWith("codebuild-4-logs", off, /^logsConfig\.cloudwatchLogs\.status is DISABLED and logsConfig\.s3Logs\.status is DISABLED; enable one/);
        });
    });

    describe("cloudwatch-16-log-retention", () => {
        it("passes a log group with a retention CloudWatch accepts", async () => {
            assert.deepEqual(await findings("cloudwatch-16-log-retention", policyResource(LOG_GROUP, "logs", { retentionInDays: 30 })), []);
        });

        it("fails a log group that never expires (absent or 0)", async () => {
            await failsWith(
                "cloudwatch-16-log-retention",
                policyResource(LOG_GROUP, "logs", {}),
                /^retentionInDays is undefined \(never expire\); set one of 1, 3, 5/,
            );
            await failsWith("cloudwatch-16-log-retention", policyResource(LOG_GROUP, "logs", { retentionInDays: 0 }), /retentionInDays is 0 \(never expire\)/);
        });

        it("does not apply to DELIVERY-class log groups, which keep events one day", async () => {
            assert.equal(await evaluated("cloudwatch-16-log-retention", policyResource(LOG_GROUP, "delivery", { logGroupClass: "DELIVERY" })), 0);
        });

        it("fails a retention CloudWatch Logs refuses", async () => {
            await failsWith(
                "cloudwatch-16-log-retention",
                policyResource(LOG_GROUP, "logs", { retentionInDays: 45 }),
                /retentionInDays is 45, which CloudWatch Logs refuses/,
            );
        });
    });

    describe("rds-3-encrypted", () => {
        it("passes encrypted clusters and instances, and Aurora Serverless v1 (always encrypted)", async () => {
            const v1 = policyResource(RDS_CLUSTER, "v1", { engine: "aurora-postgresql", engineMode: "serverless" });
            const instance = policyResource(RDS_INSTANCE, "db", { engine: "postgres", storageEncrypted: true });
            assert.deepEqual(await findings("rds-3-encrypted", cluster(), v1, instance), []);
        });

        it("fails an unencrypted cluster and instance (the provider's default)", async () => {
            await failsWith("rds-3-encrypted", cluster({ storageEncrypted: undefined }), /^storageEncrypted is undefined; set it to true/);
            await failsWith("rds-3-encrypted", policyResource(RDS_INSTANCE, "db", { engine: "mysql" }), /storageEncrypted is undefined/);
        });

        it("does not apply to cluster instances, which take the cluster's encryption", async () => {
            assert.equal(await evaluated("rds-3-encrypted", policyResource(CLUSTER_INSTANCE, "writer", {})), 0);
        });
    });

    describe("rds-7-deletion-protection", () => {
        it("passes a protected cluster in prod", async () => {
            assert.deepEqual(await findings("rds-7-deletion-protection", cluster()), []);
        });

        it("fails an unprotected cluster in prod", async () => {
            await failsWith(
                "rds-7-deletion-protection",
                cluster({ deletionProtection: false }),
                /^deletionProtection is false; set it to true in production\./,
            );
        });

        it("does not apply outside production stacks", async () => {
            const dev = policyResource(RDS_CLUSTER, "orders-cluster", { engine: "aurora-postgresql", deletionProtection: false }, { stack: "dev" });
            assert.deepEqual(await findings("rds-7-deletion-protection", dev), []);
            assert.equal(await evaluated("rds-7-deletion-protection", dev), 0);
        });
    });

    describe("rds-12-iam-auth", () => {
        it("passes a cluster with IAM database authentication", async () => {
            assert.deepEqual(await findings("rds-12-iam-auth", cluster()), []);
        });

        it("fails a PostgreSQL cluster and a MySQL instance without it", async () => {
            await failsWith(
                "rds-12-iam-auth",
                cluster({ iamDatabaseAuthenticationEnabled: false }),
                /^iamDatabaseAuthenticationEnabled is false; set it to true/,
            );
            await failsWith("rds-12-iam-auth", policyResource(RDS_INSTANCE, "db", { engine: "mysql" }), /iamDatabaseAuthenticationEnabled is undefined/);
        });

        it("does not apply to engines without IAM database authentication (SQL Server, Oracle)", async () => {
            const sqlserver = policyResource(RDS_INSTANCE, "mssql", { engine: "sqlserver-se" });
            assert.deepEqual(await findings("rds-12-iam-auth", sqlserver), []);
            assert.equal(await evaluated("rds-12-iam-auth", sqlserver), 0);
        });
    });

    describe("rds-35-auto-minor-upgrade", () => {
        it("passes the provider's default (on) and an explicit true", async () => {
            const on = policyResource(CLUSTER_INSTANCE, "writer", { autoMinorVersionUpgrade: true });
            assert.deepEqual(await findings("rds-35-auto-minor-upgrade", cluster(), on), []);
        });

        it("fails a cluster instance with automatic minor upgrades off", async () => {
            const off = policyResource(CLUSTER_INSTANCE, "writer", { autoMinorVersionUpgrade: false });
            await failsWith("rds-35-auto-minor-upgrade", off, /^autoMinorVersionUpgrade is false; set it to true/);
        });
    });

    describe("rds-custom-admin", () => {
        it("passes a master user other than the engine's default, and a cluster restored from a snapshot (no username)", async () => {
            const restored = policyResource(RDS_CLUSTER, "restored", { engine: "aurora-postgresql", snapshotIdentifier: "snap" });
            assert.deepEqual(await findings("rds-custom-admin", cluster(), restored), []);
        });

        it("fails the default administrator names postgres and admin", async () => {
            await failsWith("rds-custom-admin", cluster({ masterUsername: "postgres" }), /^masterUsername is "postgres", a default; choose another name/);
            await failsWith("rds-custom-admin", policyResource(RDS_INSTANCE, "db", { engine: "mysql", masterUsername: "Admin" }), /masterUsername is "Admin"/);
        });
    });

    describe("every rule", () => {
        for (const r of OPERATIONS_RULES)
            it(`${r.name} does not apply to a resource of another type (an S3 bucket)`, async () => {
                const bucket = policyResource("aws:s3/bucket:Bucket", "logs", {}, { stack: "prod" });
                const result = await checkPolicies([bucket], { rules: [r] });
                assert.deepEqual([result.violations, result.policies[0].evaluated], [[], 0]);
                assert.ok(result.notApplicable.some((n) => n.policy === r.name && n.urn === bucket.urn));
            });
    });

    describe("the components' defaults", () => {
        it("AuditTrail passes the operations rules (multi-region, validated, KMS-encrypted, rotated key, log retention)", async () => {
            const { registry } = await build(() => new AuditTrail("audit"));
            const result = await checkPolicies(registry.all(), { rules: OPERATIONS_RULES });
            assert.deepEqual(result.violations, []);
            assert.equal(result.policies.find((p) => p.name === "cloudtrail-1-multi-region")?.evaluated, 1);
        });

        it("BuildProject passes the operations rules, with and without Docker (containerImageBuildspec)", async () => {
            const { registry } = await build(() => {
                new BuildProject("tests", { buildspec: { version: "0.2", phases: { build: { commands: ["npm test"] } } } });
                new BuildProject("image", containerImageBuildspec({ repositoryUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app", containerName: "web" }));
            });
            const result = await checkPolicies(registry.all(), { rules: OPERATIONS_RULES });
            assert.deepEqual(result.violations, []);
            assert.deepEqual(
                registry.ofType(PROJECT).map((p) => p.inputs.environment.privilegedMode),
                [false, true],
            );
        });

        it("Database passes the operations rules except automatic minor upgrades, off because engineVersion pins the version", async () => {
            const { registry } = await build(() => new Database("orders", dbArgs({ deletionProtection: true })));
            const result = await checkPolicies(registry.all(), { rules: OPERATIONS_RULES });
            assert.deepEqual(
                result.violations.map((v) => [v.policy, v.name]),
                [["rds-35-auto-minor-upgrade", "orders-writer"]],
            );
        });

        it("Database turns IAM database authentication on behind its proxy (rds-12)", async () => {
            const { registry } = await build(() => new Database("orders", dbArgs()));
            const result = await checkPolicies(registry.all(), { rules: [rule("rds-12-iam-auth")] });
            assert.deepEqual(result.violations, []);
            assert.equal(result.policies[0].evaluated, 1);
        });
    });
});
