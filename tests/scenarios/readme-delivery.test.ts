import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { build } from "../../components/testing";

/**
 * The README's delivery, audit and monitoring examples (BuildProject to Monitoring), as written (type-checked, then built): each ```ts block
 * becomes a function of one generated program, its imports hoisted, `aws-platform` read from this checkout. What a
 * block takes from elsewhere (`shop`, `webGroup`, `image`, …) is declared once, below, and put before each block
 * that uses it without declaring it (with what that declaration uses in turn).
 */
const README = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
const starts = ["### BuildProject (CodeBuild)", "### DeliveryPipeline (CodePipeline V2)"].map((h) => README.indexOf(h)).filter((i) => i >= 0);
const section = README.slice(Math.min(...starts), README.indexOf("### Table (Amazon DynamoDB)"));
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

const ROOT = path.resolve(__dirname, "../..");
const COMPONENTS = path.join(ROOT, "components");
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const BUILDSPEC = JSON.stringify("version: 0.2\nphases:\n  build:\n    commands:\n      - make\n");
/** What a block uses from elsewhere, in dependency order; names unlike the examples' own, as separate programs would be. */
const SHARED: Array<[string, string]> = [
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

const uses = (text: string, name: string) => new RegExp(`\\b${name}\\b`).test(text);
const declares = (text: string, name: string) => new RegExp(`const ${name} =`).test(text);

function prelude(body: string): string[] {
    const needed = new Set(SHARED.filter(([name]) => uses(body, name) && !declares(body, name)).map(([name]) => name));
    // What a needed declaration uses is needed too (walked backwards: SHARED is in dependency order).
    for (const [name, code] of [...SHARED].reverse()) {
        if (!needed.has(name)) continue;
        for (const [dep] of SHARED) if (dep !== name && uses(code, dep)) needed.add(dep);
    }
    return SHARED.filter(([name]) => needed.has(name) && !declares(body, name)).map(([, code]) => code);
}

function program(): string {
    const imports = new Map<string, Set<string>>();
    const bodies = blocks.map((block, i) => {
        const body = block.replace(/^import (\* as (\w+)|\{([^}]*)\}) from "([^"]+)";\n/gm, (_line, _clause, star: string, names: string, from: string) => {
            // Resolved here: the generated file lives outside the project, where no node_modules is.
            const key = from === "aws-platform" ? COMPONENTS : from.startsWith("./") ? path.resolve(ROOT, from) : require.resolve(from);
            const set = imports.get(key) ?? new Set<string>();
            if (star) set.add(`* as ${star}`);
            for (const n of (names ?? "")
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean))
                set.add(n);
            imports.set(key, set);
            return "";
        });
        return `export function block${i}() {\n${prelude(body).join("\n")}\n${body.replace(/^export const (\w+) =/gm, "const $1 =")}}\n`;
    });
    const head = [...imports].map(([from, names]) => {
        const star = [...names].find((n) => n.startsWith("* as "));
        const named = [...names].filter((n) => !n.startsWith("* as "));
        return [
            star ? `import ${star} from ${JSON.stringify(from)};` : "",
            named.length ? `import { ${named.join(", ")} } from ${JSON.stringify(from)};` : "",
        ].join("\n");
    });
    head.push(`import * as Shared from ${JSON.stringify(COMPONENTS)};`, `import * as SharedAws from ${JSON.stringify(require.resolve("@pulumi/aws"))};`);
    return [...head, ...bodies].join("\n");
}

describe("scenarios", () => {
    it("README: every delivery, audit and monitoring example builds as written", async function () {
        this.timeout(300_000);
        assert.ok(blocks.length >= 5, `found ${blocks.length} examples`);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readme-delivery-"));
        const file = path.join(dir, "program.ts");
        fs.writeFileSync(file, program());
        // Type-checked too: at run time a misspelled output is only `undefined`, which an optional argument accepts.
        const checked = ts.createProgram([file], {
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            esModuleInterop: true,
            target: ts.ScriptTarget.ES2022,
            module: ts.ModuleKind.CommonJS,
            moduleResolution: ts.ModuleResolutionKind.Node10,
        });
        const errors = ts
            .getPreEmitDiagnostics(checked)
            .filter((d) => d.file?.fileName === file)
            .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        assert.deepEqual(errors, []);
        const types = new Set<string>();
        for (const i of blocks.keys()) {
            const { registry } = await build(() => require(file)[`block${i}`]());
            for (const r of registry.all()) types.add(r.type);
        }
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
