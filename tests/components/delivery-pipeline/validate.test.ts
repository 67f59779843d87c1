import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { DeliveryPipeline } from "../../../components/delivery-pipeline";
import type { ActionArgs, DeliveryPipelineArgs, StageArgs } from "../../../components/delivery-pipeline";
import { DEFAULTS, normalize } from "../../../components/delivery-pipeline/defaults";
import { validate } from "../../../components/delivery-pipeline/validate";
import { assertDefaultsDocumented } from "../../harness/docs";
import { itRefusesAll } from "../../harness/refusals";
import {
    CFN_ROLE,
    ECS_GROUP,
    IMAGE_BUILD,
    INFRA,
    INSTANCE_ROLE,
    LAMBDA_DEPLOY,
    LAMBDA_GROUP,
    SERVER_GROUP,
    TASK_ROLE,
    TOPIC,
    fullArgs,
    group,
} from "./fixtures";

/** The full pipeline with one stage's actions replaced (by stage name). */
function withStage(name: string, actions: ActionArgs[]): DeliveryPipelineArgs {
    const args = fullArgs();
    return { ...args, stages: args.stages.map((s) => (s.name === name ? { ...s, actions } : s)) };
}

const build1 = (extra: Partial<ActionArgs> = {}): ActionArgs => ({ kind: "build", name: "compile", project: IMAGE_BUILD, ...extra }) as ActionArgs;
const one = (stages: StageArgs[], extra: Partial<DeliveryPipelineArgs> = {}): DeliveryPipelineArgs => ({
    source: { connection: { provider: "GitHub", repository: "acme/shop" } },
    stages,
    ...extra,
});
const compile: StageArgs = { name: "Build", actions: [build1({ outputs: ["image"] })] };
const approve: StageArgs = { name: "Approve", actions: [{ kind: "approval", name: "release" }] };

describe("DeliveryPipeline validation", () => {
    const cases: Array<{ title: string; args: DeliveryPipelineArgs; paths: string[]; message: RegExp }> = [
        // Structure and names
        { title: "rejects a pipeline with no stage after Source (CodePipeline needs two)", args: one([]), paths: ["stages"], message: /1 to 49/ },
        {
            title: "rejects a stage name with a space",
            args: one([{ name: "Build it", actions: [build1()] }]),
            paths: ["stages[0].name"],
            message: /'\.', '@', '_' and '-'/,
        },
        {
            title: "rejects a stage name longer than 100 characters",
            args: one([{ name: "B".repeat(101), actions: [build1()] }]),
            paths: ["stages[0].name"],
            message: /1-100/,
        },
        {
            title: "rejects a stage named Source (the implicit first stage)",
            args: one([{ name: "Source", actions: [build1()] }]),
            paths: ["stages[0].name"],
            message: /implicit source stage/,
        },
        {
            title: "rejects two stages with one name",
            args: one([
                { name: "Build", actions: [build1()] },
                { name: "Build", actions: [build1()] },
            ]),
            paths: ["stages[1].name"],
            message: /unique in the pipeline/,
        },
        { title: "rejects a stage without actions", args: one([{ name: "Build", actions: [] }]), paths: ["stages[0].actions"], message: /1 to 50/ },
        {
            title: "rejects an action name with a slash",
            args: one([{ name: "Build", actions: [build1({ name: "build/image" })] }]),
            paths: ["stages[0].actions[0].name"],
            message: /letters, digits/,
        },
        {
            title: "rejects two actions with one name in a stage",
            args: one([{ name: "Build", actions: [build1(), build1()] }]),
            paths: ["stages[0].actions[1].name"],
            message: /unique in its stage/,
        },
        {
            title: "rejects a run order of zero",
            args: one([{ name: "Build", actions: [build1({ runOrder: 0 })] }]),
            paths: ["stages[0].actions[0].runOrder"],
            message: /from 1 to 999/,
        },
        {
            title: "rejects an unknown action kind",
            args: one([{ name: "Build", actions: [{ kind: "jenkins", name: "x" } as never] }]),
            paths: ["stages[0].actions[0].kind"],
            message: /"build", "approval"/,
        },
        {
            title: "rejects a field another action kind takes",
            args: one([{ name: "Build", actions: [build1({ clusterName: "web" } as never)] }]),
            paths: ["stages[0].actions[0].clusterName"],
            message: /./,
        },
        // Artifacts
        {
            title: "rejects an input artifact no action produces",
            args: withStage("Staging", [{ kind: "ecs", name: "web", clusterName: "staging", serviceName: "web", passRoleArns: [TASK_ROLE], input: "images" }]),
            paths: ["stages[2].actions[0].input"],
            message: /no action produces.*source, image/,
        },
        {
            title: "rejects reading an artifact a later stage produces",
            args: one([
                { name: "Test", actions: [build1({ name: "unit", inputs: ["image"] })] },
                { name: "Build", actions: [build1({ outputs: ["image"] })] },
            ]),
            paths: ["stages[0].actions[0].inputs[0]"],
            message: /read before .*allowed: an artifact of an earlier stage or run order: source$/,
        },
        {
            title: "rejects reading an artifact the same run order of the stage produces",
            args: one([{ name: "Build", actions: [build1({ outputs: ["image"] }), build1({ name: "scan", inputs: ["image"] })] }]),
            paths: ["stages[0].actions[1].inputs[0]"],
            message: /before \(or while\) it is produced/,
        },
        {
            title: "rejects an artifact produced twice",
            args: one([{ name: "Build", actions: [build1({ outputs: ["source"] })] }]),
            paths: ["stages[0].actions[0].outputs[0]"],
            message: /produced twice/,
        },
        {
            title: "rejects an artifact name with a period",
            args: one([{ name: "Build", actions: [build1({ outputs: ["image.zip"] })] }]),
            paths: ["stages[0].actions[0].outputs[0]"],
            message: /'_' and '-'/,
        },
        {
            title: "rejects a build with six input artifacts",
            args: one([{ name: "Build", actions: [build1({ inputs: ["source", "source", "source", "source", "source", "source"] })] }]),
            paths: ["stages[0].actions[0].inputs"],
            message: /1 to 5/,
        },
        {
            title: "rejects a CloudFormation template in an artifact no action produces",
            args: one([
                { name: "Deploy", actions: [{ kind: "cloudformation", name: "stack", stackName: "shop", templatePath: "build::t.yaml", roleArn: CFN_ROLE }] },
            ]),
            paths: ["stages[0].actions[0].templatePath"],
            message: /no action produces/,
        },
        // Approval and production
        {
            title: "rejects a production deploy with no approval before it",
            args: one([
                compile,
                {
                    name: "Production",
                    actions: [
                        { kind: "code-deploy", name: "legacy", group: SERVER_GROUP, input: "image", instanceRoleNames: [INSTANCE_ROLE], production: true },
                    ],
                },
            ]),
            paths: ["stages[1].actions[0].production"],
            message: /no approval before it/,
        },
        {
            title: "rejects a production deploy whose approval comes after it",
            args: one(
                [
                    compile,
                    {
                        name: "Production",
                        actions: [
                            { kind: "code-deploy", name: "legacy", group: SERVER_GROUP, input: "image", instanceRoleNames: [INSTANCE_ROLE], production: true },
                        ],
                    },
                    approve,
                ],
                {
                    notifications: { topicArn: TOPIC },
                },
            ),
            paths: ["stages[1].actions[0].production"],
            message: /no approval before it/,
        },
        {
            title: "rejects a production deploy running with (not after) the approval of its stage",
            args: one(
                [
                    compile,
                    {
                        name: "Production",
                        actions: [
                            { kind: "approval", name: "release" },
                            { kind: "pulumi", name: "infra", project: INFRA, stack: "prod", production: true },
                        ],
                    },
                ],
                { notifications: { topicArn: TOPIC } },
            ),
            paths: ["stages[1].actions[1].production"],
            message: /approval/,
        },
        {
            title: "rejects an approval with no topic to notify",
            args: one([compile, approve]),
            paths: ["stages[1].actions[0]"],
            message: /notifications\.topicArn/,
        },
        // CodeDeploy groups
        {
            title: "rejects a Server group for a blue/green ECS action",
            args: withStage("Production", [
                { kind: "ecs-blue-green", name: "web", group: SERVER_GROUP, passRoleArns: [TASK_ROLE], input: "image", production: true },
            ]),
            paths: ["stages[4].actions[0].group.computePlatform"],
            message: /an ECS deployment group/,
        },
        {
            title: "rejects an ECS group for the in-place CodeDeploy action",
            args: withStage("Production", [
                { kind: "code-deploy", name: "legacy", group: ECS_GROUP, input: "image", instanceRoleNames: [INSTANCE_ROLE], production: true },
            ]),
            paths: ["stages[4].actions[0].group.computePlatform"],
            message: /a Server deployment group/,
        },
        {
            title: "rejects an ECS group for a Lambda deploy",
            args: withStage("Production", [{ kind: "lambda", name: "api", project: LAMBDA_DEPLOY, group: ECS_GROUP, production: true }]),
            paths: ["stages[4].actions[0].group.computePlatform"],
            message: /a Lambda deployment group/,
        },
        {
            title: "rejects a Lambda configuration on an ECS group",
            args: withStage("Production", [
                {
                    kind: "ecs-blue-green",
                    name: "web",
                    group: group("ECS", "shop-web", "CodeDeployDefault.LambdaAllAtOnce"),
                    passRoleArns: [TASK_ROLE],
                    input: "image",
                    production: true,
                },
            ]),
            paths: ["stages[4].actions[0].group.deploymentConfigName"],
            message: /CodeDeployDefault\.ECSAllAtOnce/,
        },
        {
            title: "rejects the plural ECS spelling of a Lambda linear configuration",
            args: withStage("Production", [
                {
                    kind: "lambda",
                    name: "api",
                    project: LAMBDA_DEPLOY,
                    group: group("Lambda", "api", "CodeDeployDefault.LambdaLinear10PercentEvery1Minutes"),
                    production: true,
                },
            ]),
            paths: ["stages[4].actions[0].group.deploymentConfigName"],
            message: /LambdaLinear10PercentEvery1Minute,/,
        },
        {
            title: "rejects a group without its deployment group ARN",
            args: withStage("Production", [
                {
                    kind: "code-deploy",
                    name: "legacy",
                    group: { ...SERVER_GROUP, deploymentGroupArn: undefined as never },
                    input: "image",
                    instanceRoleNames: [INSTANCE_ROLE],
                },
            ]),
            paths: ["stages[4].actions[0].group.deploymentGroupArn"],
            message: /CodeDeployTarget/,
        },
        {
            title: "rejects a build project without its role name",
            args: one([{ name: "Build", actions: [build1({ project: { projectName: "x", projectArn: "y" } as never })] }]),
            paths: ["stages[0].actions[0].project.roleName"],
            message: /BuildProjectRef/,
        },
        // Deploy fields
        {
            title: "rejects an ECS action with no role to pass",
            args: withStage("Staging", [{ kind: "ecs", name: "web", clusterName: "staging", serviceName: "web", passRoleArns: [], input: "image" }]),
            paths: ["stages[2].actions[0].passRoleArns"],
            message: /task and execution role/,
        },
        {
            title: "rejects a cluster ARN and a service ARN where the ECS action takes names",
            args: withStage("Staging", [
                {
                    kind: "ecs",
                    name: "web",
                    clusterName: "arn:aws:ecs:us-east-1:123456789012:cluster/main",
                    serviceName: "arn:aws:ecs:us-east-1:123456789012:service/main/web",
                    passRoleArns: [TASK_ROLE],
                    input: "image",
                },
            ]),
            paths: ["stages[2].actions[0].clusterName", "stages[2].actions[0].serviceName"],
            message: /the cluster name, not its ARN.*the service name, not its ARN/,
        },
        {
            title: "rejects a code-deploy action without the instance roles that download its revision",
            args: withStage("Production", [
                { kind: "code-deploy", name: "legacy", group: SERVER_GROUP, input: "image", instanceRoleNames: [], production: true },
            ]),
            paths: ["stages[4].actions[0].instanceRoleNames"],
            message: /instance profiles/,
        },
        {
            title: "rejects an instance role ARN where a code-deploy action takes role names",
            args: withStage("Production", [
                {
                    kind: "code-deploy",
                    name: "legacy",
                    group: SERVER_GROUP,
                    input: "image",
                    instanceRoleNames: [`arn:aws:iam::123456789012:role/${INSTANCE_ROLE}`],
                    production: true,
                },
            ]),
            paths: ["stages[4].actions[0].instanceRoleNames[0]"],
            message: /IAM role name \(not its ARN\)/,
        },
        {
            title: "rejects a pass role that is a policy ARN",
            args: withStage("Staging", [
                {
                    kind: "ecs",
                    name: "web",
                    clusterName: "staging",
                    serviceName: "web",
                    passRoleArns: ["arn:aws:iam::123456789012:policy/web"],
                    input: "image",
                },
            ]),
            paths: ["stages[2].actions[0].passRoleArns[0]"],
            message: /IAM role ARN/,
        },
        {
            title: "rejects a CloudFormation stack name starting with a digit, a template path without an artifact, and a bad role",
            args: one([
                { name: "Deploy", actions: [{ kind: "cloudformation", name: "stack", stackName: "1shop", templatePath: "t.yaml", roleArn: "cfn-deployer" }] },
            ]),
            paths: ["stages[0].actions[0].stackName", "stages[0].actions[0].templatePath", "stages[0].actions[0].roleArn"],
            message: /./,
        },
        {
            title: "rejects an Elastic Beanstalk environment name of three characters",
            args: one([
                { name: "Deploy", actions: [{ kind: "elastic-beanstalk", name: "web", applicationName: "shop", environmentName: "dev", input: "source" }] },
            ]),
            paths: ["stages[0].actions[0].environmentName"],
            message: /4-40/,
        },
        {
            title: "rejects a Pulumi stack name with a space",
            args: one([{ name: "Deploy", actions: [{ kind: "pulumi", name: "infra", project: INFRA, stack: "my stack" }] }]),
            paths: ["stages[0].actions[0].stack"],
            message: /org\/project\/stack/,
        },
        {
            title: "rejects a plain-text action variable that looks like a secret",
            args: one([{ name: "Build", actions: [build1({ environment: { NPM_TOKEN: "abc" } })] }]),
            paths: ["stages[0].actions[0].environment.NPM_TOKEN"],
            message: /secrets/,
        },
        {
            title: "rejects action variables longer than a configuration value's 1000 characters as JSON",
            args: one([{ name: "Build", actions: [build1({ environment: { NOTES: "x".repeat(1000) } })] }]),
            paths: ["stages[0].actions[0].environment"],
            message: /1000 characters/,
        },
        {
            title: "rejects CloudFormation parameter overrides over 1 KB",
            args: one([
                {
                    name: "Deploy",
                    actions: [
                        {
                            kind: "cloudformation",
                            name: "stack",
                            stackName: "shop",
                            templatePath: "source::t.yaml",
                            roleArn: CFN_ROLE,
                            parameterOverrides: { Big: "x".repeat(1020) },
                        },
                    ],
                },
            ]),
            paths: ["stages[0].actions[0].parameterOverrides"],
            message: /1024 bytes/,
        },
        {
            title: "counts CloudFormation parameter overrides in UTF-8 bytes: 600 'é' are 611 characters but over 1 KB",
            args: one([
                {
                    name: "Deploy",
                    actions: [
                        {
                            kind: "cloudformation",
                            name: "stack",
                            stackName: "shop",
                            templatePath: "source::t.yaml",
                            roleArn: CFN_ROLE,
                            parameterOverrides: { Big: "é".repeat(600) },
                        },
                    ],
                },
            ]),
            paths: ["stages[0].actions[0].parameterOverrides"],
            message: /at most 1024 bytes/,
        },
        {
            title: "rejects a CloudFormation stack role name that is an ARN",
            args: one([
                {
                    name: "Deploy",
                    actions: [
                        { kind: "cloudformation", name: "stack", stackName: "shop", templatePath: "source::t.yaml", roleArn: CFN_ROLE, roleName: CFN_ROLE },
                    ],
                },
            ]),
            paths: ["stages[0].actions[0].roleName"],
            message: /role name of roleArn/,
        },
        {
            title: "rejects an Elastic Beanstalk action role that is not a role ARN",
            args: one([
                {
                    name: "Deploy",
                    actions: [
                        {
                            kind: "elastic-beanstalk",
                            name: "web",
                            applicationName: "shop",
                            environmentName: "shop-dev",
                            input: "source",
                            roleArn: "eb-deployer",
                        },
                    ],
                },
            ]),
            paths: ["stages[0].actions[0].roleArn"],
            message: /IAM role ARN the pipeline role assumes/,
        },
        {
            title: "rejects an approval link that is not a URL",
            args: withStage("Approve", [{ kind: "approval", name: "release", externalEntityLink: "staging.example.com" }]),
            paths: ["stages[3].actions[0].externalEntityLink"],
            message: /http\(s\) URL/,
        },
        // Source
        {
            title: "rejects a connection ARN with a host instead of a connection",
            args: one([compile], { source: { connectionArn: "arn:aws:codeconnections:us-east-1:123456789012:host/github-abc", repository: "acme/shop" } }),
            paths: ["source.connectionArn"],
            message: /connection\/<id>/,
        },
        {
            title: "rejects a connection ARN of another service",
            args: one([compile], { source: { connectionArn: "arn:aws:codecommit:us-east-1:123456789012:connection/abc", repository: "acme/shop" } }),
            paths: ["source.connectionArn"],
            message: /codeconnections/,
        },
        {
            title: "rejects a repository without its owner",
            args: one([compile], { source: { connection: { provider: "GitHub", repository: "shop" } } }),
            paths: ["source.connection.repository"],
            message: /owner\/name/,
        },
        {
            title: "rejects a connection provider CodeConnections does not host here",
            args: one([compile], { source: { connection: { provider: "GitHubEnterpriseServer" as never, repository: "acme/shop" } } }),
            paths: ["source.connection.provider"],
            message: /"GitHub", "GitLab", "Bitbucket"/,
        },
        {
            title: "rejects two sources at once",
            args: one([compile], { source: { codeCommit: { repository: "shop" }, s3: { bucket: "b", key: "k" } } as never }),
            paths: ["source"],
            message: /exactly one/,
        },
        {
            title: "rejects a branch name with a space",
            args: one([compile], { source: { codeCommit: { repository: "shop", branch: "my branch" } } }),
            paths: ["source.codeCommit.branch"],
            message: /branch/,
        },
        // Triggers
        {
            title: "rejects triggers on a CodeCommit source",
            args: one([compile], { source: { codeCommit: { repository: "shop" } }, triggers: [{ branches: { includes: ["main"] } }] }),
            paths: ["triggers"],
            message: /connection source/,
        },
        {
            title: "rejects four push filters",
            args: one([compile], { triggers: [1, 2, 3, 4].map((i) => ({ branches: { includes: [`b${i}`] } })) }),
            paths: ["triggers"],
            message: /1 to 3/,
        },
        {
            title: "rejects tags combined with branches in one filter",
            args: one([compile], { triggers: [{ tags: { includes: ["v*"] }, branches: { includes: ["main"] } }] }),
            paths: ["triggers[0]"],
            message: /tags alone/,
        },
        {
            title: "rejects file paths without branches",
            args: one([compile], { triggers: [{ filePaths: { includes: ["app/**"] } }] }),
            paths: ["triggers[0]"],
            message: /branches with filePaths/,
        },
        {
            title: "rejects nine branch patterns and an empty exclude list",
            args: one([compile], { triggers: [{ branches: { includes: Array.from({ length: 9 }, (_v, i) => `b${i}`), excludes: [] } }] }),
            paths: ["triggers[0].branches.includes", "triggers[0].branches.excludes"],
            message: /1 to 8/,
        },
        {
            title: "rejects a branch filter with neither includes nor excludes",
            args: one([compile], { triggers: [{ branches: {} }] }),
            paths: ["triggers[0].branches"],
            message: /includes and\/or excludes/,
        },
        // Notifications and the rest
        {
            title: "rejects a topic ARN that is a queue's",
            args: one([compile], { notifications: { topicArn: "arn:aws:sqs:us-east-1:123456789012:releases" } }),
            paths: ["notifications.topicArn"],
            message: /SNS topic ARN/,
        },
        {
            title: "rejects an event the notification rule does not offer",
            args: one([compile], { notifications: { topicArn: TOPIC, events: ["deployed" as never] } }),
            paths: ["notifications.events[0]"],
            message: /"failed"/,
        },
        {
            title: "rejects an empty notification event list",
            args: one([compile], { notifications: { topicArn: TOPIC, events: [] } }),
            paths: ["notifications.events"],
            message: /empty/,
        },
        {
            title: "rejects an artifact retention of zero days",
            args: one([compile], { artifactRetentionDays: 0 }),
            paths: ["artifactRetentionDays"],
            message: /1 to 3650/,
        },
        {
            title: "rejects the PARALLEL execution mode, which the component does not offer",
            args: one([compile], { executionMode: "PARALLEL" as never }),
            paths: ["executionMode"],
            message: /QUEUED/,
        },
        { title: "rejects an unknown argument", args: { ...one([compile]), variables: [] } as never, paths: ["variables"], message: /./ },
        {
            title: "reports every invalid field at once",
            args: one([{ name: "Build it", actions: [build1({ runOrder: 0 })] }], {
                artifactRetentionDays: -1,
                triggers: [{ filePaths: { includes: ["x"] } }],
            }),
            paths: ["triggers[0]", "stages[0].name", "stages[0].actions[0].runOrder", "artifactRetentionDays"],
            message: /./,
        },
    ];
    itRefusesAll(cases, validate, (args) => new DeliveryPipeline("shop", args), /^DeliveryPipeline "shop": /);

    it("accepts the full release pipeline", () => assert.deepEqual(validate(fullArgs()), []));

    it("accepts a production deploy after an approval earlier in its own stage", () =>
        assert.deepEqual(
            validate(
                one(
                    [
                        compile,
                        {
                            name: "Production",
                            actions: [
                                { kind: "approval", name: "release" },
                                { kind: "lambda", name: "api", project: LAMBDA_DEPLOY, group: LAMBDA_GROUP, production: true, runOrder: 2 },
                            ],
                        },
                    ],
                    { notifications: { topicArn: TOPIC } },
                ),
            ),
            [],
        ));

    it("accepts a custom deployment configuration name on any platform", () =>
        assert.deepEqual(
            validate(
                withStage("Production", [
                    {
                        kind: "code-deploy",
                        name: "legacy",
                        group: group("Server", "legacy", "legacy-two-at-a-time"),
                        input: "image",
                        instanceRoleNames: [INSTANCE_ROLE],
                    },
                ]),
            ),
            [],
        ));

    it("leaves values known only at deployment (connection ARN, topic, pass roles, group config) to AWS", () =>
        assert.deepEqual(
            validate({
                ...fullArgs(),
                source: { connectionArn: pulumi.output("x"), repository: "acme/shop" },
                notifications: { topicArn: pulumi.output("y") },
                stages: fullArgs().stages.map((s) =>
                    s.name === "Staging"
                        ? {
                              ...s,
                              actions: [
                                  { kind: "ecs", name: "web", clusterName: "staging", serviceName: "web", passRoleArns: [pulumi.output("z")], input: "image" },
                              ],
                          }
                        : s,
                ),
            }),
            [],
        ));

    it("gives normalize's output the same verdict as its input", () => {
        const cfg = normalize(fullArgs());
        assert.equal(cfg.stages[0].actions[0].runOrder, 1);
        assert.deepEqual(cfg.stages[1].actions[0].inputArtifacts, ["source", "image"]);
        assert.deepEqual(validate(fullArgs()), []);
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/delivery-pipeline/args.ts", DEFAULTS));
});
