/**
 * tools/lint.js (npm test's lint step): Biome over the files changed since the last clean check. The bookkeeping is
 * tested with a stand-in Biome that records its arguments; the assumption it rests on (every check biome.json turns
 * on is about one file) with the real one.
 */
import * as assert from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const { lint, targets, MAX_LISTED } = require("../../tools/lint") as {
    lint: (root?: string, biome?: string, log?: (s: string) => void) => number;
    targets: (record: { key: string; files: Record<string, string> } | undefined, key: string, now: Record<string, string>) => string[];
    MAX_LISTED: number;
};
const BIOME = require.resolve("@biomejs/biome/bin/biome", { paths: [ROOT] });

describe("tools/lint.js", () => {
    describe("what Biome is given", () => {
        const record = { key: "k", files: { "a.ts": "1", "b.ts": "2" } };
        it("everything without a record, or when Biome, its settings or the tool changed", () => {
            assert.deepEqual(targets(undefined, "k", { "a.ts": "1" }), ["."]);
            assert.deepEqual(targets(record, "other", { "a.ts": "1", "b.ts": "2" }), ["."]);
        });
        it("nothing when every file is as the last clean check found it (a deleted file included)", () => {
            assert.deepEqual(targets(record, "k", { "a.ts": "1", "b.ts": "2" }), []);
            assert.deepEqual(targets(record, "k", { "a.ts": "1" }), []);
        });
        it("the changed and the new files, and everything once they are too many to list", () => {
            assert.deepEqual(targets(record, "k", { "a.ts": "9", "b.ts": "2", "c.ts": "3" }), ["a.ts", "c.ts"]);
            const many = Object.fromEntries(Array.from({ length: MAX_LISTED + 1 }, (_, i) => [`f${i}.ts`, "x"]));
            assert.deepEqual(targets(record, "k", many), ["."]);
        });
    });

    describe("runs in a project", function () {
        this.timeout(30_000);
        let dir: string;
        let biome: string;
        let calls: string;
        let cache: string | undefined;
        const saved = process.env.AWS_PLATFORM_LINT_CACHE;
        const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
        /** Runs the tool with the stand-in failing (exit 1) when `fail`; returns the exit code and the argument lists Biome got. */
        const run = (fail = false) => {
            fs.writeFileSync(calls, "");
            process.env.STAND_IN_EXIT = fail ? "1" : "0";
            const code = lint(dir, biome, () => {});
            const got = fs
                .readFileSync(calls, "utf8")
                .split("\n")
                .filter((l) => l !== "")
                .map((l) => JSON.parse(l) as string[]);
            return { code, got };
        };
        const sorted = (args: string[]) => [...args.slice(0, 2), ...args.slice(2).sort()];

        beforeEach(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "lint-"));
            // The stand-in Biome: a bin/biome script beside its package.json (the tool reads Biome's version from there).
            fs.mkdirSync(path.join(dir, "fake-biome", "bin"), { recursive: true });
            fs.writeFileSync(path.join(dir, "fake-biome", "package.json"), JSON.stringify({ version: "9.9.9" }));
            calls = path.join(dir, "..", `${path.basename(dir)}-calls.txt`);
            biome = path.join(dir, "fake-biome", "bin", "biome");
            fs.writeFileSync(
                biome,
                `require("fs").appendFileSync(${JSON.stringify(calls)}, JSON.stringify(process.argv.slice(2)) + "\\n"); process.exit(Number(process.env.STAND_IN_EXIT));`,
            );
            write(".gitignore", "node_modules\n");
            write("biome.json", "{}");
            write("a.ts", "export const a = 1;\n");
            execFileSync("git", ["init", "-q"], { cwd: dir });
            execFileSync("git", ["add", "."], { cwd: dir });
            cache = path.join(dir, "node_modules", ".cache", "aws-platform-lint");
            delete process.env.AWS_PLATFORM_LINT_CACHE;
        });
        afterEach(() => {
            if (saved === undefined) delete process.env.AWS_PLATFORM_LINT_CACHE;
            else process.env.AWS_PLATFORM_LINT_CACHE = saved;
            delete process.env.STAND_IN_EXIT;
            fs.rmSync(dir, { recursive: true, force: true });
            fs.rmSync(calls, { force: true });
        });

        it("checks everything first, nothing when nothing changed, then only the edited and new files", () => {
            assert.deepEqual(run(), { code: 0, got: [["check", "."]] });
            assert.ok(fs.existsSync(path.join(cache!, "record.json")));
            assert.deepEqual(run(), { code: 0, got: [] });
            write("a.ts", "export const a = 2;\n");
            write("b.ts", "export const b = 1;\n");
            const { code, got } = run();
            assert.equal(code, 0);
            assert.deepEqual(got.map(sorted), [["check", "--no-errors-on-unmatched", "a.ts", "b.ts"]]);
            assert.deepEqual(run(), { code: 0, got: [] });
        });

        it("records nothing when Biome finds a problem: the file is given again, with Biome's exit code", () => {
            run();
            write("a.ts", "export const a=2\n");
            assert.deepEqual(run(true), { code: 1, got: [["check", "--no-errors-on-unmatched", "a.ts"]] });
            assert.deepEqual(run(true), { code: 1, got: [["check", "--no-errors-on-unmatched", "a.ts"]] });
            assert.deepEqual(run(), { code: 0, got: [["check", "--no-errors-on-unmatched", "a.ts"]] });
            assert.deepEqual(run(), { code: 0, got: [] });
        });

        it("checks everything again after a change of biome.json, .gitignore or Biome's version", () => {
            run();
            write("biome.json", '{ "formatter": { "lineWidth": 80 } }');
            assert.deepEqual(run().got, [["check", "."]]);
            write(".gitignore", "node_modules\nout\n");
            assert.deepEqual(run().got, [["check", "."]]);
            fs.writeFileSync(path.join(dir, "fake-biome", "package.json"), JSON.stringify({ version: "9.9.10" }));
            assert.deepEqual(run().got, [["check", "."]]);
            assert.deepEqual(run().got, []);
        });

        it("AWS_PLATFORM_LINT_CACHE=0 checks everything every time and keeps no record", () => {
            process.env.AWS_PLATFORM_LINT_CACHE = "0";
            assert.deepEqual(run().got, [["check", "."]]);
            assert.deepEqual(run().got, [["check", "."]]);
            assert.equal(fs.existsSync(cache!), false);
        });
    });

    it("the real Biome with this project's settings: only one-file checks (no import cycle, private import or unresolved import is reported), and a listed file biome.json leaves out is no error", function () {
        this.timeout(30_000);
        const config = JSON.parse(fs.readFileSync(path.join(ROOT, "biome.json"), "utf8"));
        assert.equal(config.linter?.domains, undefined, "a lint domain is on: its rules may read other files, and tools/lint.js checks only changed ones");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lint-real-"));
        try {
            const { $schema: _schema, vcs: _vcs, ...settings } = config;
            fs.writeFileSync(path.join(dir, "biome.json"), JSON.stringify(settings));
            fs.writeFileSync(path.join(dir, "a.ts"), '/** @private */\nexport const secret = 1;\nimport { b } from "./b";\nexport const a = b;\n');
            fs.writeFileSync(
                path.join(dir, "b.ts"),
                'import { a, secret } from "./a";\nimport { nothing } from "./missing";\nexport const b = a + secret + nothing;\n',
            );
            fs.writeFileSync(path.join(dir, "package-lock.json"), "{}\n");
            const run = spawnSync(process.execPath, [BIOME, "check", "--no-errors-on-unmatched", "a.ts", "b.ts", "package-lock.json"], {
                cwd: dir,
                encoding: "utf8",
            });
            const out = `${run.stdout}${run.stderr}`;
            assert.equal(run.status, 0, out);
            assert.match(out, /Checked 2 files/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
