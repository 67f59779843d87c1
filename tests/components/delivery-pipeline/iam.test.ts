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

    it("grants the broad Elastic Beanstalk list AWS documents only to a pipeline with a Beanstalk action", async () => {
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
        const [own, managed] = policy(registry, "elastic-beanstalk");
        assert.deepEqual(own.Resource, [
            `arn:aws:elasticbeanstalk:${REGION}:${ACCOUNT}:application/shop`,
            `arn:aws:elasticbeanstalk:${REGION}:${ACCOUNT}:applicationversion/shop/*`,
            `arn:aws:elasticbeanstalk:${REGION}:${ACCOUNT}:environment/shop/shop-dev`,
        ]);
        assert.ok(managed.Action.includes("elasticbeanstalk:DescribeEvents"));
        const { registry: other } = await build(() => new DeliveryPipeline("shop", fullArgs()));
        assert.ok(!JSON.stringify(other.statementsOf("shop-role")).includes("elasticbeanstalk"));
    });
});
