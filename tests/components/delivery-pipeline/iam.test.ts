import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { DeliveryPipeline } from "../../../components/delivery-pipeline";
import type { DeliveryPipelineArgs } from "../../../components/delivery-pipeline";
import { Registry, build, json } from "../../../components/testing";
import {
    ACCOUNT,
    CFN_ROLE,
    ECS_GROUP,
    EXECUTION_ROLE,
    IMAGE_BUILD,
    INFRA,
    INSTANCE_ROLE,
    LAMBDA_DEPLOY,
    LAMBDA_GROUP,
    REGION,
    SERVER_GROUP,
    TASK_ROLE,
    TESTS,
    TOPIC,
    TOPIC_KEY,
    fullArgs,
} from "./fixtures";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/rolePolicy:RolePolicy";
const BUCKET = "aws:s3/bucket:Bucket";
const KEY = "aws:kms/key:Key";
const CONNECTION = "aws:codeconnections/connection:Connection";
const PIPELINE = "aws:codepipeline/pipeline:Pipeline";

/** What a role outside the pipeline gets to read artifacts: the bucket, its objects, the key through S3 only. */
const artifactRead = (bucketArn: string, keyArn: string) => [
    { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:GetBucketVersioning", "s3:ListBucket"], Resource: bucketArn },
    { Sid: "ArtifactObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: `${bucketArn}/*` },
    { Sid: "ArtifactKey", Effect: "Allow", Action: ["kms:Decrypt"], Resource: keyArn, Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } } },
];

/** The inline policies registered on a role given by name (a role outside the component). */
const grantsOn = (registry: Registry, roleName: string) => registry.ofType(POLICY).filter((p) => p.inputs.role === roleName);

/** The declaration of action `name` of stage `stage`. */
const declaration = (registry: Registry, stage: string, name: string) =>
    registry
        .one(PIPELINE)
        .inputs.stages.find((s: any) => s.name === stage)
        .actions.find((a: any) => a.name === name);

/** The statements of the pipeline role's inline policy `kind`. */
function policy(registry: Registry, kind: string): any[] {
    const found = registry.policiesOf("shop-role").find((p) => p.name === kind);
    assert.ok(found, `no ${kind} policy`);
    return JSON.parse(found.policy).Statement;
}

const ecsTaskDefinition = [
    { Sid: "RegisterTaskDefinition", Effect: "Allow", Action: ["ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"], Resource: "*" },
    {
        Sid: "TagTaskDefinitionOnCreate",
        Effect: "Allow",
        Action: "ecs:TagResource",
        Resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/*`,
        Condition: { StringEquals: { "ecs:CreateAction": "RegisterTaskDefinition" } },
    },
];
const passTaskRoles = {
    Sid: "PassTaskRoles",
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: [TASK_ROLE, EXECUTION_ROLE],
    Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
};

describe("DeliveryPipeline IAM", () => {
    describe("the full release pipeline", () => {
        let registry: Registry;
        let bucketArn: string;
        let keyArn: string;
        before(async () => {
            ({ registry } = await build(() => new DeliveryPipeline("shop", fullArgs())));
            bucketArn = registry.one(BUCKET).outputs.arn;
            keyArn = registry.one(KEY).outputs.arn;
        });

        it("lets only CodePipeline assume the pipeline role, as AWS documents the trust", () => {
            assert.deepEqual(json(registry.one(ROLE, "shop-role").inputs.assumeRolePolicy).Statement, [
                { Effect: "Allow", Principal: { Service: "codepipeline.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]);
        });

        it("gives the pipeline role one inline policy per action kind in use, and no managed policy", () => {
            assert.deepEqual(
                registry
                    .policiesOf("shop-role")
                    .map((p) => p.name)
                    .sort(),
                ["approval", "artifacts", "build", "code-deploy", "ecs", "ecs-blue-green", "lambda", "pulumi", "source"],
            );
            assert.deepEqual(registry.managedPoliciesOf("shop-role"), []);
        });

        it("reads and writes only its artifact bucket, using the artifact key only through S3", () => {
            assert.deepEqual(policy(registry, "artifacts"), [
                { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketVersioning", "s3:GetBucketAcl", "s3:GetBucketLocation"], Resource: bucketArn },
                { Sid: "ArtifactObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"], Resource: `${bucketArn}/*` },
                {
                    Sid: "ArtifactKey",
                    Effect: "Allow",
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: keyArn,
                    Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
                },
            ]);
        });

        it("uses only its own connection, with the codeconnections prefix of the connection it creates", () => {
            assert.deepEqual(policy(registry, "source"), [
                { Sid: "UseConnection", Effect: "Allow", Action: "codeconnections:UseConnection", Resource: registry.one(CONNECTION).outputs.arn },
            ]);
        });

        it("starts and watches builds of exactly the build, Lambda-deploy and Pulumi projects, each kind in its own policy", () => {
            assert.deepEqual(policy(registry, "build"), [
                {
                    Sid: "StartBuilds",
                    Effect: "Allow",
                    Action: ["codebuild:BatchGetBuilds", "codebuild:StartBuild"],
                    Resource: [IMAGE_BUILD.projectArn, TESTS.projectArn],
                },
            ]);
            assert.deepEqual(policy(registry, "lambda"), [
                {
                    Sid: "StartLambdaDeployBuilds",
                    Effect: "Allow",
                    Action: ["codebuild:BatchGetBuilds", "codebuild:StartBuild"],
                    Resource: [LAMBDA_DEPLOY.projectArn],
                },
            ]);
            // One project for both Pulumi steps: listed once.
            assert.deepEqual(policy(registry, "pulumi"), [
                { Sid: "StartPulumiBuilds", Effect: "Allow", Action: ["codebuild:BatchGetBuilds", "codebuild:StartBuild"], Resource: [INFRA.projectArn] },
            ]);
        });

        it("publishes approval requests to the topic only, encrypting through SNS with the topic's key", () => {
            assert.deepEqual(policy(registry, "approval"), [
                { Sid: "PublishApprovalRequests", Effect: "Allow", Action: "sns:Publish", Resource: TOPIC },
                {
                    Sid: "ApprovalTopicKey",
                    Effect: "Allow",
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: TOPIC_KEY,
                    Condition: { StringLike: { "kms:ViaService": "sns.*.amazonaws.com" } },
                },
            ]);
        });

        it("updates only the staging service, and passes only its task roles, only to ECS tasks", () => {
            assert.deepEqual(policy(registry, "ecs"), [
                {
                    Sid: "UpdateServices",
                    Effect: "Allow",
                    Action: ["ecs:DescribeServices", "ecs:UpdateService"],
                    Resource: [`arn:aws:ecs:${REGION}:${ACCOUNT}:service/staging/web`],
                },
                { Sid: "WatchTasks", Effect: "Allow", Action: "ecs:DescribeTasks", Resource: [`arn:aws:ecs:${REGION}:${ACCOUNT}:task/staging/*`] },
                {
                    Sid: "ListTasks",
                    Effect: "Allow",
                    Action: "ecs:ListTasks",
                    Resource: "*",
                    Condition: { ArnEquals: { "ecs:cluster": [`arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/staging`] } },
                },
                ...ecsTaskDefinition,
                passTaskRoles,
            ]);
        });

        it("deploys blue/green through exactly the ECS group, its application and configuration, passing only the task roles", () => {
            assert.deepEqual(policy(registry, "ecs-blue-green"), [
                {
                    Sid: "BlueGreenDeployment",
                    Effect: "Allow",
                    Action: ["codedeploy:CreateDeployment", "codedeploy:GetDeployment"],
                    Resource: [ECS_GROUP.deploymentGroupArn],
                },
                {
                    Sid: "BlueGreenApplication",
                    Effect: "Allow",
                    Action: ["codedeploy:GetApplication", "codedeploy:GetApplicationRevision", "codedeploy:RegisterApplicationRevision"],
                    Resource: [ECS_GROUP.applicationArn],
                },
                {
                    Sid: "BlueGreenConfig",
                    Effect: "Allow",
                    Action: "codedeploy:GetDeploymentConfig",
                    Resource: [`arn:aws:codedeploy:${REGION}:${ACCOUNT}:deploymentconfig:CodeDeployDefault.ECSCanary10Percent5Minutes`],
                },
                ...ecsTaskDefinition,
                passTaskRoles,
            ]);
        });

        it("deploys in place through exactly the Server group, with no ECS or PassRole grant", () => {
            const statements = policy(registry, "code-deploy");
            assert.deepEqual(
                statements.map((s) => [s.Sid, s.Resource]),
                [
                    ["CodeDeployDeployment", [SERVER_GROUP.deploymentGroupArn]],
                    ["CodeDeployApplication", [SERVER_GROUP.applicationArn]],
                    ["CodeDeployConfig", [`arn:aws:codedeploy:${REGION}:${ACCOUNT}:deploymentconfig:CodeDeployDefault.HalfAtATime`]],
                ],
            );
        });

        it("a code-deploy action grants its instance roles read on the artifact bucket and Decrypt on the key", () => {
            const grants = grantsOn(registry, INSTANCE_ROLE);
            assert.equal(grants.length, 1);
            assert.deepEqual(JSON.parse(grants[0].inputs.policy).Statement, artifactRead(bucketArn, keyArn));
            assert.ok(registry.one(PIPELINE).dependencies.includes(grants[0].urn));
        });

        it("never grants the Lambda group to the pipeline role: its CodeBuild project deploys it", () => {
            const all = JSON.stringify(registry.statementsOf("shop-role"));
            assert.ok(!all.includes(LAMBDA_GROUP.deploymentGroupArn as string));
        });

        it("grants no action on every resource, no service wildcard, and PassRole only with iam:PassedToService", () => {
            for (const s of registry.statementsOf("shop-role")) {
                const actions = [s.Action].flat();
                assert.ok(!actions.includes("*"), s.Sid);
                assert.ok(!actions.some((a: string) => a.endsWith(":*")), s.Sid);
                if (actions.includes("iam:PassRole")) assert.ok(s.Condition?.StringEquals?.["iam:PassedToService"], s.Sid);
                // "*" only for actions without resource-level permissions (or narrowed by a condition).
                if (s.Resource === "*") assert.ok(["RegisterTaskDefinition", "ListTasks"].includes(s.Sid), s.Sid);
            }
        });

        it("grants each referenced build project's role the artifact bucket and key, once per project", () => {
            const grants = registry.ofType(POLICY).filter((p) => p.name.endsWith("-artifacts") && !p.name.startsWith("shop-role"));
            assert.deepEqual(
                grants.map((p) => p.inputs.role),
                [IMAGE_BUILD.roleName, TESTS.roleName, INFRA.roleName, LAMBDA_DEPLOY.roleName],
            );
            for (const g of grants)
                assert.deepEqual(json(g.inputs.policy).Statement, [
                    { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:GetBucketLocation"], Resource: bucketArn },
                    { Sid: "ArtifactObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"], Resource: `${bucketArn}/*` },
                    {
                        Sid: "ArtifactKey",
                        Effect: "Allow",
                        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                        Resource: keyArn,
                        Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
                    },
                ]);
        });
    });

    const connectionArn = (prefix: string) => `arn:aws:${prefix}:${REGION}:${ACCOUNT}:connection/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9`;
    const withSource = (source: DeliveryPipelineArgs["source"]): DeliveryPipelineArgs => ({
        source,
        stages: [{ name: "Build", actions: [{ kind: "build", name: "compile", project: IMAGE_BUILD }] }],
    });

    for (const prefix of ["codestar-connections", "codeconnections"]) {
        it(`uses a given ${prefix} connection with the ${prefix} action, as IAM matches the ARN's prefix`, async () => {
            const arn = connectionArn(prefix);
            const { registry } = await build(() => new DeliveryPipeline("shop", withSource({ connectionArn: arn, repository: "acme/shop" })));
            assert.deepEqual(policy(registry, "source"), [{ Sid: "UseConnection", Effect: "Allow", Action: `${prefix}:UseConnection`, Resource: arn }]);
        });
    }

    it("grants both UseConnection prefixes, on that one ARN, when the connection's ARN is known only at deployment", async () => {
        const arn = connectionArn("codeconnections");
        const { registry } = await build(() => new DeliveryPipeline("shop", withSource({ connectionArn: pulumi.output(arn), repository: "acme/shop" })));
        assert.deepEqual(policy(registry, "source"), [
            { Sid: "UseConnection", Effect: "Allow", Action: ["codeconnections:UseConnection", "codestar-connections:UseConnection"], Resource: arn },
        ]);
    });

    it("reads only the CodeCommit repository it builds", async () => {
        const { registry } = await build(() => new DeliveryPipeline("shop", withSource({ codeCommit: { repository: "shop" } })));
        assert.deepEqual(policy(registry, "source"), [
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
                Resource: `arn:aws:codecommit:${REGION}:${ACCOUNT}:shop`,
            },
        ]);
    });

    it("reads only the S3 source object's versions", async () => {
        const { registry } = await build(() => new DeliveryPipeline("shop", withSource({ s3: { bucket: "releases", key: "shop/app.zip" } })));
        assert.deepEqual(policy(registry, "source"), [
            { Sid: "S3SourceBucket", Effect: "Allow", Action: "s3:GetBucketVersioning", Resource: "arn:aws:s3:::releases" },
            { Sid: "S3SourceObject", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: "arn:aws:s3:::releases/shop/app.zip" },
        ]);
    });

    it("changes only the named CloudFormation stacks and passes only their role, only to CloudFormation", async () => {
        const args: DeliveryPipelineArgs = {
            source: { codeCommit: { repository: "shop" } },
            stages: [
                {
                    name: "Deploy",
                    actions: [{ kind: "cloudformation", name: "stack", stackName: "shop-network", templatePath: "source::network.yaml", roleArn: CFN_ROLE }],
                },
            ],
        };
        const { registry } = await build(() => new DeliveryPipeline("shop", args));
        const statements = policy(registry, "cloudformation");
        assert.deepEqual(statements[0].Resource, [`arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/shop-network/*`]);
        assert.deepEqual(statements.slice(1), [
            { Sid: "ValidateTemplates", Effect: "Allow", Action: "cloudformation:ValidateTemplate", Resource: "*" },
            {
                Sid: "PassStackRoles",
                Effect: "Allow",
                Action: "iam:PassRole",
                Resource: [CFN_ROLE],
                Condition: { StringEquals: { "iam:PassedToService": "cloudformation.amazonaws.com" } },
            },
        ]);
    });

    it("a cloudformation action grants its stack role read on the artifacts when its roleName is given, and nothing without", async () => {
        const cfn = (roleName?: string): DeliveryPipelineArgs => ({
            source: { codeCommit: { repository: "shop" } },
            stages: [
                {
                    name: "Deploy",
                    actions: [
                        { kind: "cloudformation", name: "stack", stackName: "shop-network", templatePath: "source::network.yaml", roleArn: CFN_ROLE, roleName },
                    ],
                },
            ],
        });
        const { registry } = await build(() => new DeliveryPipeline("shop", cfn("cfn-deployer")));
        const grants = grantsOn(registry, "cfn-deployer");
        assert.equal(grants.length, 1);
        assert.deepEqual(JSON.parse(grants[0].inputs.policy).Statement, artifactRead(registry.one(BUCKET).outputs.arn, registry.one(KEY).outputs.arn));
        assert.ok(registry.one(PIPELINE).dependencies.includes(grants[0].urn));
        const { registry: without } = await build(() => new DeliveryPipeline("shop", cfn()));
        assert.equal(without.ofType(POLICY).filter((p) => p.name.endsWith("-artifact-read")).length, 0);
    });

    it("decrypts an S3 source through S3 with the source bucket's key when it is given", async () => {
        const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        const { registry } = await build(
            () => new DeliveryPipeline("shop", withSource({ s3: { bucket: "releases", key: "shop/app.zip", kmsKeyArn: keyArn } })),
        );
        assert.deepEqual(policy(registry, "source")[2], {
            Sid: "S3SourceKey",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: keyArn,
            Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
        });
    });

    describe("an Elastic Beanstalk action", () => {
        const ebArgs = (roleArn?: string): DeliveryPipelineArgs => ({
            source: { codeCommit: { repository: "shop" } },
            stages: [
                {
                    name: "Deploy",
                    actions: [{ kind: "elastic-beanstalk", name: "web", applicationName: "shop", environmentName: "shop-dev", input: "source", roleArn }],
                },
            ],
        });
        let registry: Registry;
        let ebRole: any;
        before(async () => {
            ({ registry } = await build(() => new DeliveryPipeline("shop", ebArgs())));
            ebRole = registry.one(ROLE, "shop-Deploy-web-eb-role");
        });

        it("runs under its own role: the declaration carries the action role's ARN", () => {
            assert.equal(declaration(registry, "Deploy", "web").roleArn, ebRole.outputs.arn);
        });

        it("lets the pipeline role only assume the action role, with no Beanstalk permission of its own", () => {
            assert.deepEqual(policy(registry, "action-roles"), [
                { Sid: "AssumeActionRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: [ebRole.outputs.arn] },
            ]);
            const all = JSON.stringify(registry.statementsOf("shop-role"));
            assert.ok(!all.includes("elasticbeanstalk") && !all.includes("ec2:"), all);
            assert.ok(registry.one(PIPELINE).dependencies.includes(registry.one(POLICY, "shop-role-action-roles").urn));
        });

        it("lets only the pipeline role assume the action role", () => {
            assert.deepEqual(json(ebRole.inputs.assumeRolePolicy).Statement, [
                { Effect: "Allow", Principal: { AWS: registry.one(ROLE, "shop-role").outputs.arn }, Action: "sts:AssumeRole" },
            ]);
        });

        it("gives the action role AWS's Beanstalk policy and read on the artifacts, which CodePipeline reads its input with", () => {
            assert.deepEqual(registry.managedPoliciesOf(ebRole), ["arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk"]);
            assert.deepEqual(registry.statementsOf(ebRole), artifactRead(registry.one(BUCKET).outputs.arn, registry.one(KEY).outputs.arn));
        });

        it("assumes a given action role and creates none", async () => {
            const given = `arn:aws:iam::${ACCOUNT}:role/eb-deployer`;
            const { registry: r } = await build(() => new DeliveryPipeline("shop", ebArgs(given)));
            assert.equal(declaration(r, "Deploy", "web").roleArn, given);
            assert.deepEqual(policy(r, "action-roles"), [{ Sid: "AssumeActionRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: [given] }]);
            assert.deepEqual(
                r.ofType(ROLE).map((x) => x.name),
                ["shop-role", "shop-start-role"],
            );
        });
    });

    it("gives the pipeline role no service-wide action (`<service>:*`-like) on every resource, for any action kind", async () => {
        const args = fullArgs();
        args.stages.push({
            name: "Other",
            actions: [
                { kind: "cloudformation", name: "stack", stackName: "shop-network", templatePath: "source::network.yaml", roleArn: CFN_ROLE },
                { kind: "elastic-beanstalk", name: "web", applicationName: "shop", environmentName: "shop-dev", input: "source" },
            ],
        });
        const { registry } = await build(() => new DeliveryPipeline("shop", args));
        const kinds = new Set(args.stages.flatMap((s) => s.actions.map((a) => a.kind)));
        assert.equal(kinds.size, 9, "every action kind is present");
        const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
        const broad = registry
            .statementsOf("shop-role")
            .filter((st) => list(st.Resource).includes("*") && list(st.Action).some((a: string) => a.endsWith("*")));
        assert.deepEqual(broad, []);
    });
});
