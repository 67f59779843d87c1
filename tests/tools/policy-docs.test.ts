/**
 * The README's "Guardrails: the policy pack" section: its generated rules and exceptions block equals what
 * tools/plan/policy-docs.ts renders from the pack (`UPDATE_README=1` rewrites it), and its test example runs as written.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { type PolicyException, RULES, resourceRule, stackRule } from "../../components/policies";
import { EXCEPTIONS } from "../../policy/exceptions";
import { POLICY_DOCS_END, POLICY_DOCS_START, renderPolicyDocs, withPolicyDocs } from "../../tools/plan/policy-docs";

const ROOT = path.resolve(__dirname, "../..");
const README_FILE = path.join(ROOT, "README.md");
const SECTION = "## Guardrails: the policy pack";

describe("README: the policy pack section", () => {
    it("lists every rule and accepted exception as the generator renders them (UPDATE_README=1 rewrites the block)", () => {
        const readme = fs.readFileSync(README_FILE, "utf8");
        const expected = withPolicyDocs(readme, renderPolicyDocs(RULES, EXCEPTIONS));
        if (process.env.UPDATE_README) fs.writeFileSync(README_FILE, expected);
        assert.equal(readme, expected, "the README's policy block is out of date: UPDATE_README=1 npx mocha tests/tools/policy-docs.test.ts");
    });

    it("keeps the generated block inside its section", () => {
        const readme = fs.readFileSync(README_FILE, "utf8");
        const start = readme.indexOf(`\n${SECTION}\n`);
        const end = readme.indexOf("\n## ", start + 1);
        assert.ok(start >= 0 && start < readme.indexOf(POLICY_DOCS_START) && readme.indexOf(POLICY_DOCS_END) < end);
    });

    it("its test example builds and passes the pack as written", async function () {
        this.timeout(60000);
        const readme = fs.readFileSync(README_FILE, "utf8");
        const section = readme.slice(readme.indexOf(SECTION), readme.indexOf(POLICY_DOCS_START));
        const block = /```ts\n([\s\S]*?)```/.exec(section.replace(/^ {2}/gm, ""))?.[1];
        assert.ok(block, "no ```ts example in the section");
        // The package's entry points, read from this checkout.
        const source = block
            .replace(/from "aws-platform\/(policies|testing)"/g, (_m, entry) => `from ${JSON.stringify(path.join(ROOT, "components", entry))}`)
            .replace(/from "aws-platform"/g, `from ${JSON.stringify(path.join(ROOT, "components"))}`);
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "readme-policy-")), "example.js");
        fs.writeFileSync(file, ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText);
        const tests: [string, () => Promise<void>][] = [];
        (global as any).it = (title: string, fn: () => Promise<void>) => tests.push([title, fn]);
        try {
            require(file);
        } finally {
            (global as any).it = it;
        }
        assert.equal(tests.length, 1);
        await tests[0][1]();
    });

    describe("the generator", () => {
        const url = "https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html";
        const rules = [
            resourceRule({
                name: "b-rule",
                description: "Has a | pipe.",
                enforcementLevel: "mandatory",
                severity: "high",
                control: { fsbp: "ECR.1", cdkNag: ["AwsSolutions-ECR1"], url },
                types: ["t"],
                productionOnly: true,
                validate: () => {},
            }),
            stackRule({
                name: "a-rule",
                description: "Joins.",
                enforcementLevel: "advisory",
                severity: "low",
                control: { url },
                types: ["t"],
                validate: () => {},
            }),
        ];

        it("renders the rules sorted, with level, linked control, cdk-nag ids and prod-only marks, pipes escaped", () => {
            assert.equal(
                renderPolicyDocs(rules, []),
                [
                    '**2 rules** (1 mandatory, 1 advisory). "prod only" rules apply to the production stacks (`prod`, `production`).',
                    "",
                    "| Rule | Level | Control | A compliant resource |",
                    "| --- | --- | --- | --- |",
                    `| \`a-rule\` | advisory | [AWS docs](${url}) | Joins. |`,
                    `| \`b-rule\` (prod only) | mandatory | [FSBP ECR.1](${url}), \`AwsSolutions-ECR1\` | Has a \\| pipe. |`,
                    "",
                    "**0 accepted exceptions** (`policy/exceptions.ts`):",
                    "",
                    "None.",
                ].join("\n"),
            );
        });

        it("renders the exceptions with resource, type, stacks and reason", () => {
            const exceptions: PolicyException[] = [
                { policy: "b-rule", resource: "web", stacks: ["prod"], reason: "fronted by CloudFront\nonly" },
                { policy: "a-rule", resource: "q", type: "aws:sqs/queue:Queue", reason: "a dead-letter queue" },
            ];
            assert.deepEqual(renderPolicyDocs(rules, exceptions).split("\n").slice(-4), [
                "| Rule | Resource | Stacks | Reason |",
                "| --- | --- | --- | --- |",
                "| `a-rule` | `q` (`aws:sqs/queue:Queue`) | all | a dead-letter queue |",
                "| `b-rule` | `web` | prod | fronted by CloudFront only |",
            ]);
        });

        it("refuses a README without the markers", () => {
            assert.throws(() => withPolicyDocs("# x\n", "y"), /README has no <!-- policy-rules:start -->/);
        });
    });
});
