/**
 * Runs the README's examples as written: each ```ts block between two headings becomes a function `block<i>` of
 * one generated program, its imports hoisted, `aws-platform` read from this checkout. What a block takes from
 * elsewhere is declared by the test (a stand-in) and put before each block that uses it without declaring it.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { build } from "../../components/testing";
import { keepCheck, keptCheck, stillClean } from "./kept-checks";

const ROOT = path.resolve(__dirname, "../..");
export const COMPONENTS = path.join(ROOT, "components");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The ```ts blocks from the first of `starts` found in the README up to `end`. */
export function readmeBlocks(starts: string[], end: string): string[] {
    const from = starts.map((h) => README.indexOf(h)).filter((i) => i >= 0);
    const section = README.slice(Math.min(...from), README.indexOf(end));
    return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** A stand-in: the name a block may use and the declaration of it. */
export type StandIn = [name: string, code: string];

const uses = (text: string, name: string) => new RegExp(`\\b${name}\\b`).test(text);
const declares = (text: string, name: string) => new RegExp(`const ${name} =`).test(text);

/** The stand-ins a block needs, `standIns` being in dependency order. */
function prelude(body: string, standIns: StandIn[]): string[] {
    const needed = new Set(standIns.filter(([name]) => uses(body, name) && !declares(body, name)).map(([name]) => name));
    // What a needed declaration uses is needed too (walked backwards: stand-ins are in dependency order).
    for (const [name, code] of [...standIns].reverse()) {
        if (!needed.has(name)) continue;
        for (const [dep] of standIns) if (dep !== name && uses(code, dep)) needed.add(dep);
    }
    return standIns.filter(([name]) => needed.has(name) && !declares(body, name)).map(([, code]) => code);
}

/** The program's source; `imports` are the import lines the stand-ins need. */
export function readmeProgram(blocks: string[], standIns: StandIn[], imports: string[]): string {
    const hoisted = new Map<string, Set<string>>();
    const bodies = blocks.map((block, i) => {
        const body = block.replace(/^import (\* as (\w+)|\{([^}]*)\}) from "([^"]+)";\n/gm, (_line, _clause, star: string, names: string, from: string) => {
            // Resolved here: the generated file lives outside the project, where no node_modules is.
            const key = from === "aws-platform" ? COMPONENTS : from.startsWith("./") ? path.resolve(ROOT, from) : require.resolve(from);
            const set = hoisted.get(key) ?? new Set<string>();
            if (star) set.add(`* as ${star}`);
            for (const n of (names ?? "")
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean))
                set.add(n);
            hoisted.set(key, set);
            return "";
        });
        return `export function block${i}() {\n${prelude(body, standIns).join("\n")}\n${body.replace(/^export const (\w+) =/gm, "const $1 =")}}\n`;
    });
    const head = [...hoisted].map(([from, names]) => {
        const star = [...names].find((n) => n.startsWith("* as "));
        const named = [...names].filter((n) => !n.startsWith("* as "));
        return [
            star ? `import ${star} from ${JSON.stringify(from)};` : "",
            named.length ? `import { ${named.join(", ")} } from ${JSON.stringify(from)};` : "",
        ].join("\n");
    });
    return [...head, ...imports, ...bodies].join("\n");
}

/** Writes `source` as program.ts in a new temporary folder named after `prefix`; returns the file. */
export function writeProgram(prefix: string, source: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), "program.ts");
    fs.writeFileSync(file, source);
    return file;
}

/**
 * The project's own `lib` and `types` (tsconfig.json, without mocha's): TypeScript's default for ES2022 adds the DOM's
 * declarations and every installed `@types` package, about 10 % of the check's time, and a Node program uses neither.
 */
const CHECK_OPTIONS: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    types: ["node"],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
};

/**
 * The type errors in `file` itself (strict, as a project using the library would compile it).
 *
 * A clean check is kept (tests/harness/kept-checks.ts, in node_modules/.cache/aws-platform-readme-tsc/) and stands
 * while every file its program read is byte for byte the same: parsing the 4,000 declaration files the examples reach
 * is most of the 4 to 6 s of CPU a check takes. Its key adds the options, this module, the checked source and the names
 * of the files under components/ (a new file may change what an import resolves to).
 * `AWS_PLATFORM_README_TSC_CACHE=0` always checks.
 */
export function typeErrors(file: string): string[] {
    const components = (fs.readdirSync(COMPONENTS, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).sort();
    const record = keptCheck("aws-platform-readme-tsc", "AWS_PLATFORM_README_TSC_CACHE", [
        JSON.stringify(CHECK_OPTIONS),
        fs.readFileSync(__filename),
        fs.readFileSync(file),
        components.join("\0"),
    ]);
    if (stillClean(record)) return [];
    const checked = ts.createProgram([file], CHECK_OPTIONS);
    // This file's diagnostics only: checking it resolves what it uses from components/ lazily, where
    // getPreEmitDiagnostics would check every file the program reaches and then drop their (already checked) results.
    const source = checked.getSourceFile(file);
    assert.ok(source, `${file} is not in its own program`);
    const errors = [...checked.getSyntacticDiagnostics(source), ...checked.getSemanticDiagnostics(source)].map((d) =>
        ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    );
    if (errors.length === 0) {
        const read = checked
            .getSourceFiles()
            .map((f) => path.resolve(f.fileName))
            .filter((f) => f !== path.resolve(file));
        keepCheck(record, read);
    }
    return errors;
}

/** The resource types built by blocks 0 to count-1, one build each: examples name their resources alike, as separate programs would. */
export async function builtTypes(file: string, count: number): Promise<Set<string>> {
    const types = new Set<string>();
    for (let i = 0; i < count; i++) {
        const { registry } = await build(() => require(file)[`block${i}`]());
        for (const r of registry.all()) types.add(r.type);
    }
    return types;
}
