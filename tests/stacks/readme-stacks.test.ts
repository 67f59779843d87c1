import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { PRESETS } from "../../stacks/presets";

/** The README's stack-level sections (not the components'): what a new user reads before deploying. */
const README = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
/** The text of the `## <title>` section, up to the next `## ` heading. */
function section(title: string): string {
    const start = README.indexOf(`\n## ${title}\n`);
    assert.ok(start >= 0, `README has no "## ${title}" section`);
    const end = README.indexOf("\n## ", start + 1);
    return README.slice(start, end < 0 ? undefined : end);
}
/** The configuration reference's rows, by key (`aws-platform:` dropped), each the row's cells. */
function configRows(): Map<string, string[]> {
    const rows = new Map<string, string[]>();
    for (const line of section("Configuration reference").split("\n")) {
        if (!line.startsWith("| `aws-platform:")) continue;
        // Cells split on unescaped pipes (`\|` separates allowed values inside a cell).
        const cells = line
            .slice(1, -1)
            .split(/(?<!\\)\|/)
            .map((c) => c.trim());
        // A row may document several keys: `a.b` / `c`, the later ones relative to the first's parent.
        const first = /^`aws-platform:([^`]+)`/.exec(cells[0])![1];
        const parent = first.includes(".") ? first.slice(0, first.lastIndexOf(".") + 1) : "";
        rows.set(first, cells);
        for (const m of cells[0].matchAll(/\/ `([^`]+)`/g)) rows.set(parent + m[1], cells);
    }
    return rows;
}

const SECTIONS = ["delivery", "audit", "monitoring", "data"] as const;

describe("README: the stacks' delivery, audit, monitoring and data", () => {
    it("tells how a program change to a pipeline-released service's task definition reaches the service (aws ecs update-service)", () => {
        const stacks = section("What the stacks build");
        const paragraph = stacks.split(/\n\s*\n/).find((p) => p.includes("aws ecs update-service"));
        assert.ok(paragraph, '"What the stacks build" never says `aws ecs update-service`');
        for (const needed of ["--task-definition", "pulumi up", 'releasedBy: "pipeline"'])
            assert.ok(paragraph.includes(needed), `the update-service paragraph does not mention ${needed}:\n${paragraph}`);
    });

    it("lists every top-level key of the presets' delivery, audit, monitoring and data sections in the configuration reference (an object key by its own keys)", () => {
        const rows = configRows();
        const missing = SECTIONS.flatMap((s) =>
            [...new Set([...Object.keys(PRESETS.dev[s]), ...Object.keys(PRESETS.prod[s])])]
                .map((k) => `${s}.${k}`)
                .filter((key) => !rows.has(key) && ![...rows.keys()].some((r) => r.startsWith(`${key}.`))),
        );
        assert.deepStrictEqual(missing, [], "keys the configuration reference does not list");
    });

    it("gives the presets' own dev and prod values for the boolean and number keys of those sections", () => {
        const rows = configRows();
        const wrong: string[] = [];
        for (const s of SECTIONS)
            for (const [k, dev] of Object.entries(PRESETS.dev[s])) {
                const prod = (PRESETS.prod[s] as Record<string, unknown>)[k];
                if (!["boolean", "number"].includes(typeof dev)) continue;
                const cells = rows.get(`${s}.${k}`);
                if (!cells) continue; // the previous test names it
                const [, , devCell, prodCell] = cells;
                if (devCell !== String(dev) || (prodCell !== String(prod) && !(prodCell === "same" && prod === dev)))
                    wrong.push(`${s}.${k}: README dev ${devCell}, prod ${prodCell}; presets ${dev}, ${prod}`);
            }
        assert.deepStrictEqual(wrong, []);
    });
});
