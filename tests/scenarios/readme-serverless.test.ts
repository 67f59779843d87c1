import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { build } from "../../components/testing";

/**
 * The README's serverless examples (Table to `functions/`), as written: each ```ts block becomes a function
 * of one generated program, its imports hoisted, `aws-platform` read from this checkout. What a block
 * uses from another one (`orders`, `items`, `failures`) is declared once, outside.
 */
const README = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
const section = README.slice(README.indexOf("### Table (Amazon DynamoDB)"), README.indexOf("## Names that fit"));
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

const COMPONENTS = path.resolve(__dirname, "../../components");
/** What a block uses from another one, declared in each block that uses it without declaring it. */
const SHARED: Record<string, string> = {
    orders: `const orders = new SharedTable("orders", { attributes: { pk: "S" }, partitionKey: "pk" });`,
    items: `const items = new SharedTable("items", { attributes: { id: "S" }, partitionKey: "id" });`,
    failures: `const failures = new SharedQueue("failures", {});`,
};

function program(): string {
    const imports = new Map<string, Set<string>>();
    const bodies = blocks.map((block, i) => {
        const body = block.replace(/^import (\* as (\w+)|\{([^}]*)\}) from "([^"]+)";\n/gm, (_line, _clause, star: string, names: string, from: string) => {
            // Resolved here: the generated file lives outside the project, where no node_modules is.
            const key = from === "aws-platform" ? COMPONENTS : require.resolve(from);
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
        const prelude = Object.entries(SHARED)
            .filter(([name]) => new RegExp(`\\b${name}\\b`).test(body) && !new RegExp(`const ${name} =`).test(body))
            .map(([, line]) => line);
        return `export function block${i}() {\n${prelude.join("\n")}\n${body.replace(/^export const (\w+) =/gm, "const $1 =")}}\n`;
    });
    const head = [...imports].map(([from, names]) => {
        const star = [...names].find((n) => n.startsWith("* as "));
        const named = [...names].filter((n) => !n.startsWith("* as "));
        return [
            star ? `import ${star} from ${JSON.stringify(from)};` : "",
            named.length ? `import { ${named.join(", ")} } from ${JSON.stringify(from)};` : "",
        ].join("\n");
    });
    head.push(
        `import { Table as SharedTable } from ${JSON.stringify(COMPONENTS)};`,
        `import { Queue as SharedQueue } from ${JSON.stringify(require.resolve("@pulumi/aws/sqs"))};`,
    );
    return [...head, ...bodies].join("\n");
}

describe("scenarios", () => {
    it("README: every serverless example builds as written", async function () {
        this.timeout(300_000);
        assert.ok(blocks.length >= 5, `found ${blocks.length} examples`);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readme-serverless-"));
        const file = path.join(dir, "program.ts");
        fs.writeFileSync(file, program());
        const types = new Set<string>();
        // One build per example: they name their resources alike ("items"), as separate programs would.
        for (const i of blocks.keys()) {
            const { registry } = await build(() => require(file)[`block${i}`]());
            for (const r of registry.all()) types.add(r.type);
        }
        for (const type of [
            "aws:dynamodb/tableReplica:TableReplica",
            "aws:apigatewayv2/vpcLink:VpcLink",
            "aws:apigatewayv2/domainName:DomainName",
            "aws:apigateway/usagePlan:UsagePlan",
            "aws:lambda/eventSourceMapping:EventSourceMapping",
            "aws:scheduler/schedule:Schedule",
            "aws:s3/bucketNotification:BucketNotification",
        ])
            assert.ok(types.has(type), `no ${type}`);
    });
});
