/**
 * tools/defer-modules.js (loaded by tools/register.js): @pulumi/pulumi's TypeScript compiler and its code-paths module
 * (with @npmcli/arborist) are not loaded until something uses them, and then work as without the deferral. Each case
 * runs in a fresh Node process, since a process loads @pulumi/pulumi once.
 */
import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Runs `body` (an async function's body) after loading @pulumi/pulumi in a fresh process; returns what it prints as JSON. */
function inFreshProcess(body: string, env: Record<string, string> = {}, cwd = ROOT): any {
    const script = [
        `const { deferred } = require(${JSON.stringify(path.join(ROOT, "tools", "defer-modules.js"))});`,
        `const pulumi = require(${JSON.stringify(path.join(ROOT, "node_modules", "@pulumi", "pulumi"))});`,
        "const loaded = (fragment) => Object.keys(require.cache).some((f) => f.includes(fragment));",
        `(async () => { ${body} })().then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });`,
    ].join("\n");
    const out = execFileSync(process.execPath, ["-e", script], { cwd, encoding: "utf8", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    return JSON.parse(out.trim().split("\n").pop()!);
}

const TYPESCRIPT = `${path.sep}node_modules${path.sep}typescript${path.sep}`;
const ARBORIST = `${path.sep}@npmcli${path.sep}arborist${path.sep}`;

describe("tools/defer-modules.js", function () {
    this.timeout(60_000);

    it("loading @pulumi/pulumi loads neither the TypeScript compiler nor @npmcli/arborist", () => {
        const r = inFreshProcess(
            `return { ts: loaded(${JSON.stringify(TYPESCRIPT)}), arborist: loaded(${JSON.stringify(ARBORIST)}), deferred: [...deferred] };`,
        );
        assert.deepEqual(r, {
            ts: false,
            arborist: false,
            deferred: [
                ["typescript", false],
                ["./closure/codePaths", false],
            ],
        });
    });

    it("a function serialized after all loads the compiler then, and serializes as without the deferral", () => {
        const r = inFreshProcess(
            `const f = await pulumi.runtime.serializeFunction(() => 6 * 7); return { text: f.text.includes("6 * 7"), ts: loaded(${JSON.stringify(TYPESCRIPT)}) };`,
        );
        assert.deepEqual(r, { text: true, ts: true });
    });

    it("the deferred compiler, as the runtime holds it, enumerates and reads as the module does", () => {
        const shim = path.join(ROOT, "node_modules", "@pulumi", "pulumi", "typescript-shim.js");
        const r = inFreshProcess(
            `const ts = require(${JSON.stringify(shim)}); const keys = Object.keys(ts); const real = require("typescript"); return { same: keys.length === Object.keys(real).length, has: "createSourceFile" in ts, kind: ts.SyntaxKind.Identifier === real.SyntaxKind.Identifier, spread: Object.keys({ ...ts }).length === keys.length };`,
        );
        assert.deepEqual(r, { same: true, has: true, kind: true, spread: true });
    });

    it("computeCodePaths, read at load by the runtime's index, loads the code-paths module when called, and answers", () => {
        const project = fs.mkdtempSync(path.join(os.tmpdir(), "defer-modules-"));
        try {
            fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "p", version: "1.0.0", dependencies: {} }));
            const r = inFreshProcess(
                `const before = loaded(${JSON.stringify(ARBORIST)}); const paths = await pulumi.runtime.computeCodePaths(); return { before, after: loaded(${JSON.stringify(ARBORIST)}), paths: paths.size };`,
                {},
                project,
            );
            assert.deepEqual(r, { before: false, after: true, paths: 0 });
        } finally {
            fs.rmSync(project, { recursive: true, force: true });
        }
    });

    it("AWS_PLATFORM_DEFER_MODULES=0 loads everything at once, as Node would", () => {
        const r = inFreshProcess(
            `return { ts: loaded(${JSON.stringify(TYPESCRIPT)}), arborist: loaded(${JSON.stringify(ARBORIST)}), deferred: deferred.size };`,
            {
                AWS_PLATFORM_DEFER_MODULES: "0",
            },
        );
        assert.deepEqual(r, { ts: true, arborist: true, deferred: 0 });
    });
});
