import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { DeliveryPipeline } from "../../../components/delivery-pipeline";
import type { DeliveryPipelineArgs } from "../../../components/delivery-pipeline";
import { Registry, build, json } from "../../../components/testing";
import { checkPolicies } from "../../../components/policies";
import { IAM_RULES } from "../../../components/policies/rules/iam";
import { ACCOUNT, CFN_ROLE, ECS_GROUP, IMAGE_BUILD, INFRA, LAMBDA_DEPLOY, REGION, SERVER_GROUP, TESTS, TOPIC, fullArgs } from "./fixtures";

const PIPELINE = "aws:codepipeline/pipeline:Pipeline";
const CONNECTION = "aws:codeconnections/connection:Connection";
const KEY = "aws:kms/key:Key";
const BUCKET = "aws:s3/bucket:Bucket";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const PUBLIC_ACCESS = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const RULE = "aws:codestarnotifications/notificationRule:NotificationRule";
const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const ROLE = "aws:iam/role:Role";

const minimal = (source: DeliveryPipelineArgs["source"]): DeliveryPipelineArgs => ({
    source,
    stages: [{ name: "Build", actions: [{ kind: "build", name: "compile", project: IMAGE_BUILD }] }],
});

/** `stage/action` of every action, in pipeline order. */
function order(registry: Registry): string[] {
    return registry.one(PIPELINE).inputs.stages.flatMap((s: any) => s.actions.map((a: any) => `${s.name}/${a.name}`));
}

function action(registry: Registry, stage: string, name: string): any {
    const s = registry.one(PIPELINE).inputs.stages.find((x: any) => x.name === stage);
    return s.actions.find((a: any) => a.name === name);
}

describe("DeliveryPipeline", () => {
    describe("a full release pipeline (build, test, staging, approval, production)", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await build(() => new DeliveryPipeline("shop", fullArgs())));
        });

        it("is a V2 pipeline whose newest run supersedes a waiting one, run by its own role", () => {
            const p = registry.one(PIPELINE).inputs;
            assert.deepEqual([p.pipelineType, p.executionMode], ["V2", "SUPERSEDED"]);
            assert.equal(p.roleArn, registry.one(ROLE, "shop-role").outputs.arn);
        });

        it("puts the stages and their actions in the order given, after the implicit Source stage", () => {
            assert.deepEqual(
                registry.one(PIPELINE).inputs.stages.map((s: any) => s.name),
                ["Source", "Build", "Test", "Staging", "Approve", "Production"],
            );
            assert.deepEqual(order(registry), [
                "Source/Source",
                "Build/image",
                "Test/unit",
                "Staging/web",
                "Staging/infra",
                "Approve/release",
                "Production/web",
                "Production/legacy",
                "Production/api",
                "Production/infra",
            ]);
        });

        it("reads the repository's branch through the new connection into the artifact `source`", () => {
            const connection = registry.one(CONNECTION, "shop-connection");
            assert.equal(connection.inputs.providerType, "GitHub");
            assert.deepEqual(action(registry, "Source", "Source"), {
                name: "Source",
                category: "Source",
                owner: "AWS",
                provider: "CodeStarSourceConnection",
                version: "1",
                runOrder: 1,
                outputArtifacts: ["source"],
                configuration: { ConnectionArn: connection.outputs.arn, FullRepositoryId: "acme/shop", BranchName: "main" },
            });
        });

        it("builds with CodeBuild from `source`, its plain-text variables as CodePipeline's JSON string", () => {
            assert.deepEqual(action(registry, "Build", "image"), {
                name: "image",
                category: "Build",
                owner: "AWS",
                provider: "CodeBuild",
                version: "1",
                runOrder: 1,
                inputArtifacts: ["source"],
                outputArtifacts: ["image"],
                configuration: {
                    ProjectName: IMAGE_BUILD.projectName,
                    EnvironmentVariables: JSON.stringify([{ name: "STAGE", value: "ci", type: "PLAINTEXT" }]),
                },
            });
        });

        it("runs a test action as category Test, naming the primary source when it reads two artifacts", () => {
            const a = action(registry, "Test", "unit");
            assert.deepEqual([a.category, a.provider, a.inputArtifacts, a.outputArtifacts], ["Test", "CodeBuild", ["source", "image"], undefined]);
            assert.deepEqual(a.configuration, { ProjectName: TESTS.projectName, PrimarySource: "source" });
        });

        it("deploys staging with the ECS rolling action from the image artifact's imagedefinitions.json", () => {
            const a = action(registry, "Staging", "web");
            assert.deepEqual([a.category, a.provider, a.inputArtifacts], ["Deploy", "ECS", ["image"]]);
            assert.deepEqual(a.configuration, { ClusterName: "staging", ServiceName: "web", FileName: "imagedefinitions.json" });
        });

        it("runs the Pulumi step as a CodeBuild action that tells the build its stack", () => {
            const a = action(registry, "Staging", "infra");
            assert.deepEqual([a.category, a.provider, a.inputArtifacts], ["Build", "CodeBuild", ["source"]]);
            assert.deepEqual(a.configuration, {
                ProjectName: INFRA.projectName,
                EnvironmentVariables: JSON.stringify([{ name: "PULUMI_STACK", value: "staging", type: "PLAINTEXT" }]),
            });
        });

        it("asks for approval on the topic, with the summary and the link to review", () => {
            const a = action(registry, "Approve", "release");
            assert.deepEqual([a.category, a.provider, a.inputArtifacts, a.outputArtifacts], ["Approval", "Manual", undefined, undefined]);
            assert.deepEqual(a.configuration, { NotificationArn: TOPIC, CustomData: "Check staging", ExternalEntityLink: "https://staging.example.com" });
        });

        it("deploys production blue/green through CodeDeployToECS, the image replacing the template's IMAGE1_NAME", () => {
            const a = action(registry, "Production", "web");
            assert.deepEqual([a.category, a.provider, a.inputArtifacts], ["Deploy", "CodeDeployToECS", ["image"]]);
            assert.deepEqual(a.configuration, {
                ApplicationName: ECS_GROUP.applicationName,
                DeploymentGroupName: ECS_GROUP.deploymentGroupName,
                TaskDefinitionTemplateArtifact: "image",
                TaskDefinitionTemplatePath: "taskdef.json",
                AppSpecTemplateArtifact: "image",
                AppSpecTemplatePath: "appspec.yaml",
                Image1ArtifactName: "image",
                Image1ContainerName: "IMAGE1_NAME",
            });
        });

        it("deploys the EC2 group in place with the CodeDeploy action", () => {
            const a = action(registry, "Production", "legacy");
            assert.deepEqual([a.category, a.provider, a.inputArtifacts], ["Deploy", "CodeDeploy", ["image"]]);
            assert.deepEqual(a.configuration, { ApplicationName: SERVER_GROUP.applicationName, DeploymentGroupName: SERVER_GROUP.deploymentGroupName });
        });

        it("deploys the Lambda function through its CodeBuild project, and the production stack after the deploys (run order 2)", () => {
            const api = action(registry, "Production", "api");
            assert.deepEqual([api.provider, api.configuration, api.runOrder], ["CodeBuild", { ProjectName: LAMBDA_DEPLOY.projectName }, 1]);
            const infra = action(registry, "Production", "infra");
            assert.equal(infra.runOrder, 2);
            assert.match(infra.configuration.EnvironmentVariables, /"PULUMI_STACK","value":"prod"/);
        });

        it("triggers on pushes to main touching app/** (not docs/**) and on v* tags, through the source action", () => {
            assert.deepEqual(registry.one(PIPELINE).inputs.triggers, [
                {
                    providerType: "CodeStarSourceConnection",
                    gitConfiguration: {
                        sourceActionName: "Source",
                        pushes: [
                            { branches: { includes: ["main"] }, filePaths: { includes: ["app/**"], excludes: ["docs/**"] } },
                            { tags: { includes: ["v*"] } },
                        ],
                    },
                },
            ]);
        });

        it("stores artifacts in its bucket, encrypted with its own key, in a single-region store", () => {
            const store = registry.one(PIPELINE).inputs.artifactStores;
            assert.deepEqual(store, [
                { location: registry.one(BUCKET).outputs.bucket, type: "S3", encryptionKey: { id: registry.one(KEY).outputs.arn, type: "KMS" } },
            ]);
        });

        it("versions the artifact bucket (CodePipeline requires it), encrypts with the key and a bucket key, and blocks public access", () => {
            assert.equal(registry.one(VERSIONING).inputs.versioningConfiguration.status, "Enabled");
            assert.deepEqual(registry.one(ENCRYPTION).inputs.rules, [
                { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: registry.one(KEY).outputs.arn }, bucketKeyEnabled: true },
            ]);
            const block = registry.one(PUBLIC_ACCESS).inputs;
            assert.deepEqual([block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets], [true, true, true, true]);
        });

        it("refuses plain HTTP on the artifact bucket", () => {
            const [deny] = json(registry.one(BUCKET_POLICY).inputs.policy).Statement;
            assert.deepEqual([deny.Effect, deny.Action, deny.Condition], ["Deny", "s3:*", { Bool: { "aws:SecureTransport": "false" } }]);
        });

        it("expires artifacts after 30 days and their old versions a day later", () => {
            const rule = registry.one(LIFECYCLE).inputs.rules.find((r: any) => r.id === "expire-artifacts");
            assert.deepEqual([rule.filter.prefix, rule.expiration.days, rule.noncurrentVersionExpiration.noncurrentDays], ["", 30, 1]);
        });

        it("rotates the artifact key, whose policy leaves its use to the account's IAM policies", () => {
            const key = registry.one(KEY).inputs;
            assert.deepEqual([key.enableKeyRotation, key.deletionWindowInDays], [true, 30]);
            assert.deepEqual(json(key.policy).Statement, [
                { Sid: "EnableAccountAdministration", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
            ]);
        });

        it("lets the bucket be emptied on destroy and protects nothing by default", () => {
            assert.equal(registry.one(BUCKET).inputs.forceDestroy, true);
        });

        it("notifies the topic of failed runs, with full details, for this pipeline", () => {
            registry.hasInputs(RULE, "shop-notifications", {
                detailType: "FULL",
                eventTypeIds: ["codepipeline-pipeline-pipeline-execution-failed"],
                resource: registry.one(PIPELINE).outputs.arn,
                targets: [{ address: TOPIC, type: "SNS" }],
            });
        });

        it("announces an approval once by default: the approval action publishes to the topic, the rule does not", () => {
            assert.equal(action(registry, "Approve", "release").configuration.NotificationArn, TOPIC);
            assert.ok(!registry.one(RULE).inputs.eventTypeIds.includes("codepipeline-pipeline-manual-approval-needed"));
        });

        it("creates the pipeline after the build roles may write artifacts, the instance roles read them and the bucket is versioned", () => {
            const deps = registry.one(PIPELINE).dependencies;
            const grants = registry.ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.endsWith("-artifacts") || p.name.endsWith("-artifact-read"));
            assert.ok(grants.some((p) => p.name.endsWith("-artifact-read")));
            for (const r of grants) assert.ok(deps.includes(r.urn), r.name);
            assert.ok(deps.includes(registry.one(VERSIONING).urn));
        });

        it("starts no EventBridge rule: the connection triggers the pipeline itself", () => {
            assert.equal(registry.ofType(EVENT_RULE).length, 0);
        });
    });

    it("maps every notification event to its CodeStar Notifications event type id", async () => {
        const args = { ...fullArgs(), notifications: { topicArn: TOPIC, events: ["failed", "succeeded", "approval-needed", "stage-failed"] as const } };
        const { registry } = await build(
            () => new DeliveryPipeline("shop", { ...args, notifications: { ...args.notifications, events: [...args.notifications.events] } }),
        );
        assert.deepEqual(registry.one(RULE).inputs.eventTypeIds, [
            "codepipeline-pipeline-pipeline-execution-failed",
            "codepipeline-pipeline-pipeline-execution-succeeded",
            "codepipeline-pipeline-manual-approval-needed",
            "codepipeline-pipeline-stage-execution-failed",
        ]);
    });

    it("creates no notification rule without notifications", async () => {
        const { registry } = await build(() => new DeliveryPipeline("shop", minimal({ connection: { provider: "GitLab", repository: "acme/group/shop" } })));
        assert.equal(registry.ofType(RULE).length, 0);
        assert.equal(registry.one(PIPELINE).inputs.triggers, undefined);
    });

    it("uses an existing connection's ARN and branch without creating a connection", async () => {
        const arn = `arn:aws:codestar-connections:${REGION}:${ACCOUNT}:connection/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9`;
        const { registry } = await build(() => new DeliveryPipeline("shop", minimal({ connectionArn: arn, repository: "acme/shop", branch: "release" })));
        assert.equal(registry.ofType(CONNECTION).length, 0);
        assert.deepEqual(action(registry, "Source", "Source").configuration, { ConnectionArn: arn, FullRepositoryId: "acme/shop", BranchName: "release" });
    });

    it("reads an S3 object without polling and starts on its new versions through an EventBridge rule", async () => {
        const { registry } = await build(() => new DeliveryPipeline("shop", minimal({ s3: { bucket: "releases", key: "shop/app.zip" } })));
        const source = action(registry, "Source", "Source");
        assert.deepEqual([source.provider, source.configuration], ["S3", { S3Bucket: "releases", S3ObjectKey: "shop/app.zip", PollForSourceChanges: "false" }]);
        assert.deepEqual(json(registry.one(EVENT_RULE).inputs.eventPattern), {
            source: ["aws.s3"],
            "detail-type": ["Object Created"],
            detail: { bucket: { name: ["releases"] }, object: { key: ["shop/app.zip"] } },
        });
        const target = registry.one(EVENT_TARGET).inputs;
        const startRole = registry.one(ROLE, "shop-start-role");
        assert.deepEqual([target.arn, target.roleArn], [registry.one(PIPELINE).outputs.arn, startRole.outputs.arn]);
        assert.deepEqual(json(startRole.inputs.assumeRolePolicy).Statement[0].Principal, { Service: "events.amazonaws.com" });
        assert.deepEqual(registry.statementsOf(startRole), [
            { Sid: "StartPipeline", Effect: "Allow", Action: "codepipeline:StartPipelineExecution", Resource: registry.one(PIPELINE).outputs.arn },
        ]);
    });

    it("lets EventBridge assume the start role only for this account's start rule (confused deputy), which the IAM rules accept", async () => {
        const { registry } = await build(() => new DeliveryPipeline("shop", minimal({ s3: { bucket: "releases", key: "shop/app.zip" } })));
        const trust = json(registry.one(ROLE, "shop-start-role").inputs.assumeRolePolicy).Statement[0];
        assert.deepEqual(trust.Condition, {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": registry.one(EVENT_RULE).outputs.arn },
        });
        assert.deepStrictEqual((await checkPolicies(registry.all(), { rules: IAM_RULES })).violations, []);
    });

    it("reads a CodeCommit branch without polling and starts on pushes to it through an EventBridge rule", async () => {
        const { registry } = await build(() => new DeliveryPipeline("shop", minimal({ codeCommit: { repository: "shop" } })));
        const source = action(registry, "Source", "Source");
        assert.deepEqual(
            [source.provider, source.configuration],
            ["CodeCommit", { RepositoryName: "shop", BranchName: "main", PollForSourceChanges: "false" }],
        );
        assert.deepEqual(json(registry.one(EVENT_RULE).inputs.eventPattern), {
            source: ["aws.codecommit"],
            "detail-type": ["CodeCommit Repository State Change"],
            resources: [`arn:aws:codecommit:${REGION}:${ACCOUNT}:shop`],
            detail: { event: ["referenceCreated", "referenceUpdated"], referenceType: ["branch"], referenceName: ["main"] },
        });
    });

    it("deploys a CloudFormation stack from a template artifact with its role, capabilities and parameters", async () => {
        const args: DeliveryPipelineArgs = {
            source: { codeCommit: { repository: "shop" } },
            stages: [
                {
                    name: "Deploy",
                    actions: [
                        {
                            kind: "cloudformation",
                            name: "stack",
                            stackName: "shop-network",
                            templatePath: "source::network.yaml",
                            roleArn: CFN_ROLE,
                            capabilities: ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"],
                            parameterOverrides: { Env: "dev" },
                        },
                    ],
                },
            ],
        };
        const { registry } = await build(() => new DeliveryPipeline("shop", args));
        const a = action(registry, "Deploy", "stack");
        assert.deepEqual([a.provider, a.inputArtifacts], ["CloudFormation", ["source"]]);
        assert.deepEqual(a.configuration, {
            ActionMode: "CREATE_UPDATE",
            StackName: "shop-network",
            TemplatePath: "source::network.yaml",
            RoleArn: CFN_ROLE,
            Capabilities: "CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND",
            ParameterOverrides: JSON.stringify({ Env: "dev" }),
        });
    });

    it("deploys an Elastic Beanstalk environment from its source bundle", async () => {
        const args: DeliveryPipelineArgs = {
            source: { codeCommit: { repository: "shop" } },
            stages: [
                {
                    name: "Deploy",
                    actions: [{ kind: "elastic-beanstalk", name: "web", applicationName: "shop", environmentName: "shop-dev", input: "source" }],
                },
            ],
        };
        const { registry } = await build(() => new DeliveryPipeline("shop", args));
        const a = action(registry, "Deploy", "web");
        assert.deepEqual(
            [a.provider, a.inputArtifacts, a.configuration],
            ["ElasticBeanstalk", ["source"], { ApplicationName: "shop", EnvironmentName: "shop-dev" }],
        );
    });

    it("queues runs, keeps artifacts as asked and protects the bucket and key with protectData", async () => {
        const { registry } = await build(
            () =>
                new DeliveryPipeline("shop", {
                    ...minimal({ codeCommit: { repository: "shop" } }),
                    executionMode: "QUEUED",
                    artifactRetentionDays: 7,
                    protectData: true,
                }),
        );
        assert.equal(registry.one(PIPELINE).inputs.executionMode, "QUEUED");
        assert.equal(registry.one(LIFECYCLE).inputs.rules.find((r: any) => r.id === "expire-artifacts").expiration.days, 7);
        assert.equal(registry.one(BUCKET).inputs.forceDestroy, false);
        for (const type of [BUCKET, KEY]) assert.equal(registry.one(type).protect, true, type);
    });

    it("applies a transform to the pipeline and keeps the build grants apart when stage and action names run together", async () => {
        const other = { ...TESTS, roleName: "other-role" };
        const args: DeliveryPipelineArgs = {
            source: { codeCommit: { repository: "shop" } },
            stages: [
                { name: "a-b", actions: [{ kind: "build", name: "c", project: IMAGE_BUILD }] },
                { name: "a", actions: [{ kind: "build", name: "b-c", project: other }] },
            ],
            transform: { pipeline: (a) => ({ ...a, executionMode: "QUEUED" }) },
        };
        const { registry } = await build(() => new DeliveryPipeline("shop", args));
        assert.equal(registry.one(PIPELINE).inputs.executionMode, "QUEUED");
        const grants = registry.ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.endsWith("-artifacts") && !p.name.startsWith("shop-role"));
        assert.deepEqual(
            grants.map((g) => [g.name, g.inputs.role]),
            [
                ["shop-a-b-c-artifacts", IMAGE_BUILD.roleName],
                ["shop-a-b-c-2-artifacts", "other-role"],
            ],
        );
    });

    it("takes a component instance as a build project (BuildProject satisfies BuildProjectRef), reading its outputs", async () => {
        class Project extends pulumi.ComponentResource {
            readonly projectName = pulumi.output("api-build");
            readonly projectArn = pulumi.output(`arn:aws:codebuild:${REGION}:${ACCOUNT}:project/api-build`);
            readonly roleName = pulumi.output("api-build-role");
            constructor(name: string) {
                super("test:index:Project", name, {});
                this.registerOutputs({});
            }
        }
        const { registry } = await build(() => {
            const project = new Project("api");
            return new DeliveryPipeline("shop", {
                source: { codeCommit: { repository: "shop" } },
                stages: [{ name: "Build", actions: [{ kind: "build", name: "c", project }] }],
            });
        });
        assert.equal(action(registry, "Build", "c").configuration.ProjectName, "api-build");
        assert.equal(registry.one("aws:iam/rolePolicy:RolePolicy", "shop-Build-c-artifacts").inputs.role, "api-build-role");
    });

    it("builds the full pipeline under a 128-character component name (the mock provider refuses any name that does not fit)", async () => {
        const { registry } = await build(
            () => new DeliveryPipeline(`p${"x".repeat(127)}`, { ...fullArgs(), source: { codeCommit: { repository: "shop" } }, triggers: [] }),
        );
        assert.ok(registry.one(PIPELINE).outputs.name.length <= 100);
        assert.ok(registry.one(RULE).outputs.name.length <= 64);
    });

    it("fits a long component name into the connection's 32 characters", async () => {
        const name = `payments-platform-${"x".repeat(40)}`;
        const { registry } = await build(() => new DeliveryPipeline(name, minimal({ connection: { provider: "Bitbucket", repository: "acme/shop" } })));
        assert.ok(registry.one(CONNECTION).outputs.name.length <= 32);
    });
});
