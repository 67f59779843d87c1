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
/**
 * The configuration reference's rows, by key (`aws-platform:` dropped): the row's cells, and the key's place in a row
 * that documents several (`a` / `b`, whose values read `1 / 2`).
 */
function configRows(): Map<string, { cells: string[]; index: number }> {
    const rows = new Map<string, { cells: string[]; index: number }>();
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
        rows.set(first, { cells, index: 0 });
        let index = 0;
        for (const m of cells[0].matchAll(/\/ `([^`]+)`/g)) rows.set(parent + m[1], { cells, index: ++index });
    }
    return rows;
}

const SECTIONS = ["network", "containers", "kubernetes", "serverless", "cdn", "delivery", "audit", "monitoring", "data"] as const;

/** Every boolean or number setting of a preset section, at any depth, by its dotted key. */
function scalarSettings(value: unknown, prefix: string): Map<string, unknown> {
    const found = new Map<string, unknown>();
    if (["boolean", "number"].includes(typeof value)) found.set(prefix, value);
    else if (value !== null && typeof value === "object" && !Array.isArray(value))
        for (const [k, v] of Object.entries(value)) for (const [key, leaf] of scalarSettings(v, `${prefix}.${k}`)) found.set(key, leaf);
    return found;
}

describe("README: the stacks' configuration reference and what they build", () => {
    it("tells how a program change to a pipeline-released service's task definition reaches the service (aws ecs update-service)", () => {
        const stacks = section("What the stacks build");
        const paragraph = stacks.split(/\n\s*\n/).find((p) => p.includes("aws ecs update-service"));
        assert.ok(paragraph, '"What the stacks build" never says `aws ecs update-service`');
        for (const needed of ["--task-definition", "pulumi up", 'releasedBy: "pipeline"'])
            assert.ok(paragraph.includes(needed), `the update-service paragraph does not mention ${needed}:\n${paragraph}`);
    });

    it("lists every top-level key of every preset section in the configuration reference (an object key by its own keys)", () => {
        const rows = configRows();
        const missing = SECTIONS.flatMap((s) =>
            [...new Set([...Object.keys(PRESETS.dev[s]), ...Object.keys(PRESETS.prod[s])])]
                .map((k) => `${s}.${k}`)
                .filter((key) => !rows.has(key) && ![...rows.keys()].some((r) => r.startsWith(`${key}.`))),
        );
        assert.deepStrictEqual(missing, [], "keys the configuration reference does not list");
    });

    it("gives the presets' own dev and prod values for every boolean and number setting it lists", () => {
        const rows = configRows();
        const wrong: string[] = [];
        for (const s of SECTIONS) {
            const prodSettings = scalarSettings(PRESETS.prod[s], s);
            for (const [key, dev] of scalarSettings(PRESETS.dev[s], s)) {
                const row = rows.get(key);
                if (!row || !prodSettings.has(key)) continue; // the previous test names a missing key
                const prod = prodSettings.get(key);
                const [, , devCell, prodCell] = row.cells;
                // A row of several keys gives their values in order: `1 / 1 / 3`.
                const keyValue = (cell: string) => (cell.includes(" / ") ? cell.split(" / ")[row.index] : cell);
                const devValue = keyValue(devCell);
                const prodValue = prodCell === "same" ? devValue : keyValue(prodCell);
                if (devValue !== String(dev) || prodValue !== String(prod))
                    wrong.push(`${key}: README dev ${devValue}, prod ${prodValue}; presets ${dev}, ${prod}`);
            }
        }
        assert.deepStrictEqual(wrong, []);
    });
});
