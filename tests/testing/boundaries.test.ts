import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { filesUnder } from "../harness/files-under";

const root = path.resolve(__dirname, "../..");

const sources = (dir: string) => filesUnder(dir, (name) => /\.(ts|js|mjs|cjs)$/.test(name) && !name.endsWith(".d.ts"), ["node_modules"]);

/** Module specifiers of every import, export-from, dynamic import and require in a file. */
function specifiers(text: string): string[] {
    const out: string[] = [];
    const patterns = [
        /\b(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']/g,
        /\bimport\s*["']([^"']+)["']/g,
        /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g,
    ];
    for (const rx of patterns) for (const m of text.matchAll(rx)) out.push(m[1]);
    return out;
}

const inside = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);

/** Every relative import under `dirs` (but not under `except`) that lands inside `forbidden`, as `file → specifier`. */
function importsInto(dirs: string[], forbidden: string, except?: string): string[] {
    const bad: string[] = [];
    for (const dir of dirs) {
        for (const file of sources(path.join(root, dir))) {
            if (except && inside(file, except)) continue;
            for (const spec of specifiers(fs.readFileSync(file, "utf8"))) {
                if (!spec.startsWith(".")) continue;
                const target = path.resolve(path.dirname(file), spec);
                if (inside(target, forbidden)) bad.push(`${path.relative(root, file)} → ${spec}`);
            }
        }
    }
    return bad;
}

describe("module boundaries", () => {
    it("finds every form of import the check relies on", () => {
        const text = [
            'import * as a from "../tests/a";',
            'import { b } from "../tests/b";',
            'export { c } from "../tests/c";',
            'import "../tests/d";',
            'const e = require("../tests/e");',
            'const f = await import("../tests/f");',
            "import type {\n  G,\n} from '../tests/g';",
        ].join("\n");
        assert.deepEqual(
            specifiers(text).sort(),
            ["a", "b", "c", "d", "e", "f", "g"].map((x) => `../tests/${x}`),
        );
    });

    it("nothing under components/, stacks/ or tools/ imports from tests/", () => {
        assert.deepEqual(importsInto(["components", "stacks", "tools"], path.join(root, "tests")), []);
    });

    it("no component imports the testing kit, so a deployed program never loads the mock engine", () => {
        const kit = path.join(root, "components", "testing");
        assert.deepEqual(importsInto(["components"], kit, kit), []);
    });

    it("the published library (components/) imports nothing from stacks/ or tools/", () => {
        assert.deepEqual([...importsInto(["components"], path.join(root, "stacks")), ...importsInto(["components"], path.join(root, "tools"))], []);
    });
});
