import * as assert from "node:assert";
import { builtTypes, COMPONENTS, readmeBlocks, readmeProgram, type StandIn, typeErrors, writeProgram } from "../harness/readme-program";

/**
 * The README's delivery, audit and monitoring examples (BuildProject to Monitoring), as written (type-checked, then built): each ```ts block
 * becomes a function of one generated program, its imports hoisted, `aws-platform` read from this checkout. What a
 * block takes from elsewhere (`shop`, `webGroup`, `image`, …) is declared once, below, and put before each block
 * that uses it without declaring it (with what that declaration uses in turn).
 */
const blocks = readmeBlocks(["### BuildProject (CodeBuild)", "### DeliveryPipeline (CodePipeline V2)"], "### Table (Amazon DynamoDB)");

const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const BUILDSPEC = JSON.stringify("version: 0.2\nphases:\n  build:\n    commands:\n      - make\n");
/** What a block uses from elsewhere, in dependency order; names unlike the examples' own, as separate programs would be. */
const SHARED: StandIn[] = [
    ["net", `const net = new Shared.Network("shared-main");`],
    [
        "shop",
        `const shop = new Shared.ContainerService("shared-shop", {
            vpc: net.vpcArgs,
            loadBalancers: { public: { type: "application", certificateArn: "${CERT}" } },
            services: { web: {
                containers: { web: { image: "public.ecr.aws/nginx/nginx:1.27", portMappings: [{ containerPort: 8080 }] } },
                loadBalancer: { name: "public", containerPort: 8080 },
                deployment: { controller: "code-deploy", testListenerPort: 8443 },
            } },
        });`,
    ],
    [
        "webGroup",
        `const webGroup = new Shared.DeploymentGroup("shared-web", { target: { ecs: {
            clusterName: shop.clusterName,
            serviceName: shop.resources.services.web.service.name,
            targetGroupNames: shop.resources.services.web.deployment!.targetGroupNames,
            productionListenerArns: shop.resources.services.web.deployment!.productionListenerArns,
        } } });`,
    ],
    ["image", `const image = new Shared.BuildProject("shared-image", { buildspec: ${BUILDSPEC} });`],
    ["tests", `const tests = new Shared.BuildProject("shared-tests", { buildspec: ${BUILDSPEC} });`],
    ["infra", `const infra = new Shared.BuildProject("shared-infra", { buildspec: ${BUILDSPEC} });`],
    [
        "api",
        `const api = new Shared.ServerlessApi("shared-api", {
            functions: { items: { entry: "functions/items/index.ts" } },
            routes: { "GET /items": { function: "items" } },
        });`,
    ],
    ["fn", `const fn = new Shared.LambdaFunction("shared-fn", { entry: "functions/sweeper/index.ts", alias: {} });`],
    ["thumbs", `const thumbs = new Shared.LambdaFunction("shared-thumbs", { entry: "functions/sweeper/index.ts" });`],
    [
        "group",
        `const group = new Shared.DeploymentGroup("shared-fn-group", { target: { lambda: { functionName: fn.functionName, alias: fn.resources.alias!.name } } });`,
    ],
    ["orders", `const orders = new Shared.Table("shared-orders", { attributes: { pk: "S" }, partitionKey: "pk" });`],
    [
        "release",
        `const release = new Shared.DeliveryPipeline("shared-release", {
            source: { connection: { provider: "GitHub", repository: "acme/shop" } },
            stages: [{ name: "Build", actions: [{ kind: "build", name: "build", project: image }] }],
        });`,
    ],
    ["audit", `const audit = new Shared.AuditTrail("shared-audit", { alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:security" } });`],
    ["asg", `const asg = new SharedAws.autoscaling.Group("shared-asg", { minSize: 0, maxSize: 1 });`],
    ["repo", `const repo = new SharedAws.ecr.Repository("shared-repo", { imageTagMutability: "IMMUTABLE" });`],
    ["pulumiToken", `const pulumiToken = new SharedAws.secretsmanager.Secret("shared-pulumi-token");`],
    ["deployStatements", `const deployStatements = [{ Effect: "Allow" as const, Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::shop-assets/*"] }];`],
];

describe("scenarios", () => {
    it("README: every delivery, audit and monitoring example builds as written", async function () {
        this.timeout(300_000);
        assert.ok(blocks.length >= 5, `found ${blocks.length} examples`);
        const file = writeProgram(
            "readme-delivery-",
            readmeProgram(blocks, SHARED, [
                `import * as Shared from ${JSON.stringify(COMPONENTS)};`,
                `import * as SharedAws from ${JSON.stringify(require.resolve("@pulumi/aws"))};`,
            ]),
        );
        // Type-checked too: at run time a misspelled output is only `undefined`, which an optional argument accepts.
        assert.deepEqual(typeErrors(file), []);
        const types = await builtTypes(file, blocks.length);
        for (const type of [
            "aws:codebuild/project:Project",
            "aws:codepipeline/pipeline:Pipeline",
            "aws:codedeploy/deploymentGroup:DeploymentGroup",
            "aws:cloudtrail/trail:Trail",
            "aws:cloudwatch/dashboard:Dashboard",
        ])
            assert.ok(types.has(type), `no ${type}`);
    });
});
