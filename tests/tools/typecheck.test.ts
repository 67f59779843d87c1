/**
 * tools/typecheck.js on a small project of its own: one program that checks everything and builds the package's files,
 * incremental across runs, and skipped when nothing it reads has changed.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const { typecheck } = require("../../tools/typecheck.js") as {
    typecheck(options: { root: string; emit?: boolean; cache?: string | false; log?: (text: string) => void }): { exitCode: number; skipped: boolean };
};

// `noLib` with the few global types the checker requires (globals.d.ts, GLOBALS below): TypeScript's own lib files
// would be most of each check's time here, and the tool's logic does not depend on them.
const GLOBALS = [
    "interface Array<T> { length: number; [n: number]: T }",
    "interface Boolean {}",
    "interface CallableFunction {}",
    "interface Function {}",
    "interface IArguments {}",
    "interface NewableFunction {}",
    "interface Number {}",
    "interface Object {}",
    "interface RegExp {}",
    "interface String {}",
    "",
].join("\n");
const CONFIG = {
    compilerOptions: {
        target: "ES2022",
        module: "commonjs",
        noLib: true,
        strict: true,
        types: [],
        noEmit: true,
        resolveJsonModule: true,
        esModuleInterop: true,
    },
};
const BUILD = {
    extends: "./tsconfig.json",
    compilerOptions: { noEmit: false, declaration: true, rootDir: ".", outDir: "dist", types: [] },
    include: ["components/**/*.ts"],
};

describe("tools/typecheck.js", () => {
    let root: string;
    let cache: string;
    let logged: string;
    const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
    };
    const log = (text: string) => {
        logged += text;
    };
    const check = (emit = true) => typecheck({ root, emit, cache, log });
    const run = (emit = true) => check(emit).exitCode;
    const mtime = (file: string) => fs.statSync(path.join(root, file)).mtimeMs;

    beforeEach(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "typecheck-"));
        cache = path.join(root, ".cache");
        logged = "";
        write("tsconfig.json", JSON.stringify({ ...CONFIG, include: ["globals.d.ts", "components/**/*.ts", "tests/**/*.ts"] }));
        write("globals.d.ts", GLOBALS);
        write("tsconfig.build.json", JSON.stringify(BUILD));
        write("components/a.ts", "export const double = (x: number) => x * 2;\n");
        write("components/b.ts", 'export const greeting = "hello";\n');
        write("tests/a.test.ts", 'import { double } from "../components/a";\nexport const four: number = double(2);\n');
    });
    afterEach(() => {
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("builds the package's files (JavaScript and declarations) and nothing else, from the program that checked everything", () => {
        assert.equal(run(), 0, logged);
        assert.deepEqual(fs.readdirSync(path.join(root, "dist")), ["components"]);
        assert.deepEqual(fs.readdirSync(path.join(root, "dist", "components")).sort(), ["a.d.ts", "a.js", "b.d.ts", "b.js"]);
        assert.match(fs.readFileSync(path.join(root, "dist/components/a.d.ts"), "utf8"), /declare const double: \(x: number\) => number/);
    });

    it("fails on a type error in a file the package does not ship, and again on the next run until it is fixed", () => {
        write("tests/a.test.ts", 'import { double } from "../components/a";\nexport const four: string = double(2);\n');
        assert.equal(run(), 1);
        assert.match(logged, /tests\/a\.test\.ts\(2,14\): error TS2322/);
        logged = "";
        assert.equal(run(), 1, "the builder's cached diagnostics are reported again");
        assert.match(logged, /error TS2322/);
        write("tests/a.test.ts", 'import { double } from "../components/a";\nexport const four: number = double(2);\n');
        assert.equal(run(), 0, logged);
    });

    it("checks an edit against the files it affects: a component's changed signature fails the test that uses it", () => {
        assert.equal(run(), 0, logged);
        write("components/a.ts", "export const double = (x: string) => x + x;\n");
        assert.equal(run(), 1);
        assert.match(logged, /tests\/a\.test\.ts\(2,36\): error TS2345/);
    });

    it("rewrites only the outputs an edit changes", () => {
        assert.equal(run(), 0, logged);
        const before = { a: mtime("dist/components/a.js"), b: mtime("dist/components/b.js") };
        write("components/a.ts", "export const double = (x: number) => 2 * x;\n");
        assert.equal(run(), 0, logged);
        assert.match(fs.readFileSync(path.join(root, "dist/components/a.js"), "utf8"), /2 \* x/);
        assert.equal(mtime("dist/components/b.js"), before.b, "b.js untouched");
    });

    it("skips a run whose inputs are those of the last clean run, and builds again when part of the build is gone", () => {
        assert.deepEqual(check(), { exitCode: 0, skipped: false }, logged);
        assert.deepEqual(check(), { exitCode: 0, skipped: true });
        assert.deepEqual(check(false), { exitCode: 0, skipped: false }, "the check alone keeps its own record");
        assert.deepEqual(check(false), { exitCode: 0, skipped: true });
        fs.rmSync(path.join(root, "dist/components/b.d.ts"));
        assert.deepEqual(check(), { exitCode: 0, skipped: false });
        assert.ok(fs.existsSync(path.join(root, "dist/components/b.d.ts")), "b.d.ts written again");
    });

    it("counts a project file the program read besides its root files (a JSON module) as an input: its edit is checked", () => {
        write("tests/data.json", JSON.stringify({ count: 2 }));
        write("tests/json.test.ts", 'import data from "./data.json";\nexport const count: number = data.count;\n');
        assert.deepEqual(check(), { exitCode: 0, skipped: false }, logged);
        assert.deepEqual(check(), { exitCode: 0, skipped: true });
        write("tests/data.json", JSON.stringify({ count: "two" }));
        assert.deepEqual(check(), { exitCode: 1, skipped: false });
        assert.match(logged, /tests\/json\.test\.ts\(2,14\): error TS2322/);
    });

    it("without a cache checks and builds from scratch every time and writes no cache", () => {
        const uncached = () => typecheck({ root, emit: true, cache: false, log });
        assert.deepEqual(uncached(), { exitCode: 0, skipped: false }, logged);
        assert.deepEqual(uncached(), { exitCode: 0, skipped: false }, logged);
        assert.ok(!fs.existsSync(cache));
        assert.ok(fs.existsSync(path.join(root, "dist/components/a.js")));
    });
});
