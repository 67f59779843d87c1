/**
 * tools/defer-modules.js (loaded by tools/register.js): @pulumi/pulumi's TypeScript compiler, its code-paths module
 * (with @npmcli/arborist) and its Automation API, and @pulumi/kubernetes's API groups, are not loaded until something
 * uses them, and then work as without the deferral. Each case runs in a fresh Node process, since a process loads
 * @pulumi/pulumi once.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { keptNodeRun } from "../harness/kept-runs";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Runs `body` (an async function's body) after loading @pulumi/pulumi in a fresh process; returns what it prints as JSON.
 * The process only loads modules and reports what it loaded, so a clean run is kept while every file it read is
 * unchanged (tests/harness/kept-runs.ts): tools/defer-modules.js and the SDKs' files.
 */
function inFreshProcess(body: string, env: Record<string, string> = {}, cwd = ROOT, base?: string): any {
    const script = [
        `const { deferred } = require(${JSON.stringify(path.join(ROOT, "tools", "defer-modules.js"))});`,
        `const pulumi = require(${JSON.stringify(path.join(ROOT, "node_modules", "@pulumi", "pulumi"))});`,
        "const loaded = (fragment) => Object.keys(require.cache).some((f) => f.includes(fragment));",
        `(async () => { ${body} })().then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });`,
    ].join("\n");
    const out = keptNodeRun(["-e", script], { cwd, env, base });
    return JSON.parse(out.trim().split("\n").pop()!);
}

const TYPESCRIPT = `${path.sep}node_modules${path.sep}typescript${path.sep}`;
const ARBORIST = `${path.sep}@npmcli${path.sep}arborist${path.sep}`;
const AUTOMATION = `${path.sep}@pulumi${path.sep}pulumi${path.sep}automation${path.sep}`;
const KUBERNETES = `${path.sep}@pulumi${path.sep}kubernetes${path.sep}`;

describe("tools/defer-modules.js", function () {
    this.timeout(60_000);

    it("loading @pulumi/pulumi and @pulumi/kubernetes loads neither the TypeScript compiler, @npmcli/arborist, the Automation API nor any Kubernetes API group", () => {
        const r = inFreshProcess(
            `require("@pulumi/kubernetes"); return { ts: loaded(${JSON.stringify(TYPESCRIPT)}), arborist: loaded(${JSON.stringify(ARBORIST)}), automation: loaded(${JSON.stringify(AUTOMATION)}), groups: Object.keys(require.cache).filter((f) => f.includes(${JSON.stringify(KUBERNETES)}) && f.split(${JSON.stringify(KUBERNETES)})[1].includes(${JSON.stringify(path.sep)})).length, deferred: [...deferred] };`,
        );
        const groups = r.deferred.filter(([name]: [string, boolean]) => name.startsWith("@pulumi/kubernetes/"));
        assert.deepEqual(
            { ...r, deferred: r.deferred.filter(([name]: [string, boolean]) => !name.startsWith("@pulumi/kubernetes/")) },
            {
                ts: false,
                arborist: false,
                automation: false,
                groups: 0,
                deferred: [
                    ["@pulumi/pulumi/automation", false],
                    ["typescript", false],
                    ["@pulumi/pulumi/runtime/closure/codePaths", false],
                ],
            },
        );
        // Every group the index exports, none loaded.
        for (const group of ["core", "apps", "storage", "policy", "helm", "yaml", "types"])
            assert.deepEqual(
                groups.find(([n]: [string]) => n === `@pulumi/kubernetes/${group}`),
                [`@pulumi/kubernetes/${group}`, false],
                group,
            );
    });

    it("a Kubernetes API group or the Automation API read after all loads then, as the module itself, and only what is read", () => {
        const r = inFreshProcess(
            `const k8s = require("@pulumi/kubernetes");
            const namespace = k8s.core.v1.Namespace;
            const real = require("@pulumi/kubernetes/core/v1").Namespace;
            const workspace = typeof pulumi.automation.LocalWorkspace;
            return { same: namespace === real, esModule: k8s.apps.__esModule, keys: Object.keys(k8s.core).includes("v1"), workspace,
                     deferred: [...deferred].filter(([n]) => ["@pulumi/kubernetes/core", "@pulumi/kubernetes/apps", "@pulumi/kubernetes/yaml", "@pulumi/pulumi/automation"].includes(n)),
                     yaml: loaded(${JSON.stringify(`${KUBERNETES}yaml${path.sep}`)}) };`,
        );
        assert.deepEqual(r, {
            same: true,
            esModule: true,
            keys: true,
            workspace: "function",
            deferred: [
                ["@pulumi/pulumi/automation", true],
                ["@pulumi/kubernetes/apps", false],
                ["@pulumi/kubernetes/core", true],
                ["@pulumi/kubernetes/yaml", false],
            ],
            yaml: false,
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
            `const ts = require(${JSON.stringify(shim)}); const esModule = ts.__esModule; const keys = Object.keys(ts); const real = require("typescript"); return { same: keys.length === Object.keys(real).length, has: "createSourceFile" in ts, kind: ts.SyntaxKind.Identifier === real.SyntaxKind.Identifier, spread: Object.keys({ ...ts }).length === keys.length, esModule: esModule === real.__esModule };`,
        );
        // TypeScript is not compiled TypeScript: the stand-in does not claim `__esModule` for it.
        assert.deepEqual(r, { same: true, has: true, kind: true, spread: true, esModule: true });
    });

    it("computeCodePaths, read at load by the runtime's index, loads the code-paths module when called, and answers", () => {
        const project = fs.mkdtempSync(path.join(os.tmpdir(), "defer-modules-"));
        try {
            fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "p", version: "1.0.0", dependencies: {} }));
            const r = inFreshProcess(
                `const before = loaded(${JSON.stringify(ARBORIST)}); const paths = await pulumi.runtime.computeCodePaths(); return { before, after: loaded(${JSON.stringify(ARBORIST)}), paths: paths.size };`,
                {},
                project,
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
