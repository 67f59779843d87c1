import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { keepCheck, keptCheck, stillClean } from "../harness/kept-checks";
import { keptNodeRun } from "../harness/kept-runs";

/** tools/test.js: under `npm test`, resolves true once the type-check has written dist/ (and rejects when it failed). */
const { distReady } = require("../../tools/test.js") as { distReady: () => Promise<boolean> };

const root = path.resolve(__dirname, "../..");

describe("npm package", function () {
    this.timeout(60000);
    let files: string[];
    let tarball: string;
    let dir: string;

    before(async function () {
        // Under `npm test` on a clean clone this may wait for the whole type-check (about 25 s).
        this.timeout(180000);
        // `npm test` builds beside mocha (incrementally: only the outputs of changed sources are rewritten) and says when
        // the build is written; a lone `mocha` run may find no build, or outputs older than their sources.
        if (!(await distReady())) rebuildIfStale();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-platform-pack-"));
        const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: root, encoding: "utf8" });
        const info = JSON.parse(out)[0];
        files = info.files.map((f: { path: string }) => f.path);
        tarball = path.join(dir, info.filename);
    });

    it("ships the compiled components with their type declarations", () => {
        for (const f of [
            "dist/components/index.js",
            "dist/components/index.d.ts",
            "dist/components/container-service/container-service.js",
            "dist/components/policies/index.js",
            "dist/components/policies/index.d.ts",
            "dist/components/cost/index.js",
            "dist/components/cost/index.d.ts",
            "package.json",
            "README.md",
        ]) {
            assert.ok(files.includes(f), `${f} missing from the package`);
        }
    });

    it("ships nothing a consumer does not need (no tests, stacks, tools or sources)", () => {
        const extra = files.filter((f) => !/^(dist\/components\/.+\.(js|d\.ts)|package\.json|README\.md|LICENSE)$/.test(f));
        assert.deepEqual(extra, []);
    });

    /** A scratch project with the packed tarball installed by name, next to the same @pulumi packages. */
    function consumerProject(): string {
        if (consumer) return consumer;
        consumer = path.join(dir, "consumer");
        const pkgDir = path.join(consumer, "node_modules", "aws-platform");
        fs.mkdirSync(pkgDir, { recursive: true });
        execFileSync("tar", ["-xzf", tarball, "-C", pkgDir, "--strip-components=1"]);
        // The consumer's own dependencies: the same @pulumi packages (one copy of @pulumi/pulumi, the
        // peer dependency the package declares).
        fs.symlinkSync(path.join(root, "node_modules", "@pulumi"), path.join(consumer, "node_modules", "@pulumi"));
        for (const dep of fs.readdirSync(path.join(root, "node_modules"))) {
            if (dep === "@pulumi" || dep === ".bin" || dep === ".package-lock.json") continue;
            const target = path.join(consumer, "node_modules", dep);
            if (!fs.existsSync(target)) fs.symlinkSync(path.join(root, "node_modules", dep), target);
        }
        return consumer;
    }
    let consumer: string | undefined;

    /**
     * What a consumer's program sees, each entry point required by name from the scratch project: one Node process for the
     * three tests below (loading @pulumi/pulumi and @pulumi/aws is most of such a process's time), each part reporting its
     * own result or error.
     */
    let consumerRun: Record<string, unknown> | undefined;
    function runAsConsumer(part: "root" | "policies" | "cost"): unknown {
        if (consumerRun === undefined) {
            const script = [
                "const parts = {};",
                "const record = async (name, f) => { try { parts[name] = await f(); } catch (e) { parts[name] = { error: String(e && e.stack || e) }; } };",
                "(async () => {",
                '    await record("root", () => { const p = require("aws-platform"); return [typeof p.ContainerService, p.ContainerService.type, p.Network.type, typeof p.ArgsError]; });',
                '    await record("policies", async () => {',
                '        const aws = require("@pulumi/aws");',
                '        const { build } = require("aws-platform/testing");',
                '        const { checkPolicies, PACK_NAME, RULES } = require("aws-platform/policies");',
                '        const { registry } = await build(() => new aws.ecr.Repository("repo", {}));',
                '        const r = await checkPolicies(registry.all(), { rules: RULES.filter((rule) => rule.name === "ecr-1-scan-on-push") });',
                "        return [PACK_NAME, r.violations.map((v) => [v.policy, v.level, v.name])];",
                "    });",
                '    await record("cost", async () => {',
                '        const ec2 = require("@pulumi/aws/ec2");',
                '        const { build } = require("aws-platform/testing");',
                '        const { IDLE_LOAD, PRICES_AS_OF, estimateCost, fromRecords, priceTable } = require("aws-platform/cost");',
                '        const { registry } = await build(() => new ec2.NatGateway("nat", { subnetId: "subnet-1" }));',
                '        const prices = priceTable({ base: { prices: { "nat.hour": { usd: 0.045, unit: "hour", source: "https://aws.amazon.com/vpc/pricing/" } } } });',
                '        const pricers = { "aws:ec2/natGateway:NatGateway": (r, ctx) => [{ item: "NAT hours", price: "nat.hour", quantity: 730, unit: "hour", unitPrice: ctx.prices.get("nat.hour").usd, monthly: 730 * ctx.prices.get("nat.hour").usd, usage: false }] };',
                "        const e = estimateCost(fromRecords(registry.all()), { load: IDLE_LOAD, prices, pricers });",
                "        return [typeof PRICES_AS_OF, e.total, e.unpriced];",
                "    });",
                "    console.log(JSON.stringify(parts));",
                "})().catch((e) => { console.error(e); process.exit(1); });",
            ].join("\n");
            // Kept while every file it read is unchanged (tests/harness/kept-runs.ts); the packed file list is in the key,
            // since a file added to the package may change what a require resolves to.
            const out = keptNodeRun(["-e", script], { cwd: consumerProject(), base: dir, key: files });
            consumerRun = JSON.parse(out.trim().split("\n").pop()!) as Record<string, unknown>;
        }
        return consumerRun[part];
    }

    it('is importable by name from another project: import { ContainerService, Network } from "aws-platform"', () => {
        assert.deepEqual(runAsConsumer("root"), ["function", "aws-platform:ecs:ContainerService", "aws-platform:network:Network", "function"]);
    });

    it('ships aws-platform/policies: a consumer runs the pack over a build by name (require("aws-platform/policies"))', () => {
        assert.deepEqual(runAsConsumer("policies"), ["aws-platform", [["ecr-1-scan-on-push", "mandatory", "repo"]]]);
    });

    it('ships aws-platform/cost: a consumer prices a build by name (require("aws-platform/cost"))', () => {
        assert.deepEqual(runAsConsumer("cost"), ["string", 730 * 0.045, []]);
    });

    /**
     * The consumer's two files (a policies module and the README's test) type-checked under both module resolutions
     * consumers use: `exports` (node16) and `typesVersions` (the classic node10, emitting the test to run it), as
     * `tsc --strict --skipLibCheck --target ES2022 --types node,mocha` checks them. Both programs run in this process and
     * parse each declaration file once between them: loading @pulumi/aws's declarations is most of a check's time. A
     * clean result is kept with what it read and emitted (tests/harness/kept-checks.ts; the packed file list is in its
     * key, since a file added to the package may change what an import resolves to); `AWS_PLATFORM_PACKAGE_TSC_CACHE=0`
     * always checks. Done once, for the two tests below.
     */
    let compiled: string | undefined;
    function compileConsumer(): string {
        if (compiled) return compiled;
        const project = consumerProject();
        const sources: Record<string, string> = {
            "policies.ts":
                'import { checkPolicies, type PolicyException } from "aws-platform/policies";\n' +
                'export const exceptions: PolicyException[] = [{ policy: "ecr-1-scan-on-push", resource: "repo", reason: "scanned by the registry\'s enhanced scanning" }];\n' +
                "export const run = () => checkPolicies([], { exceptions });\n",
            "test/network.test.ts": readmeConsumerTest(),
        };
        for (const [file, text] of Object.entries(sources)) {
            fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
            fs.writeFileSync(path.join(project, file), text);
        }
        const common: ts.CompilerOptions = { strict: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, types: ["node", "mocha"] };
        const resolutions: [name: string, options: ts.CompilerOptions][] = [
            ["node16", { ...common, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, noEmit: true }],
            [
                "node10",
                {
                    ...common,
                    module: ts.ModuleKind.CommonJS,
                    moduleResolution: ts.ModuleResolutionKind.Node10,
                    rootDir: project,
                    outDir: path.join(project, "out"),
                },
            ],
        ];
        const record = keptCheck(
            "aws-platform-package-tsc",
            "AWS_PLATFORM_PACKAGE_TSC_CACHE",
            [
                fs.readFileSync(__filename),
                JSON.stringify(resolutions.map(([n, o]) => [n, { ...o, rootDir: ".", outDir: "out" }])),
                JSON.stringify(sources),
                files.join("\0"),
            ],
            project,
        );
        const emitted = new Map<string, string>();
        if (stillClean(record)) {
            for (const [file, text] of Object.entries(record!.data as Record<string, string>)) emitted.set(path.join(project, file), text);
        } else {
            const parsed = new Map<string, ts.SourceFile | undefined>();
            const read = new Set<string>();
            const problems: string[] = [];
            for (const [name, options] of resolutions) {
                const host = ts.createCompilerHost(options);
                const getSourceFile = host.getSourceFile;
                host.getSourceFile = (file, language, ...rest) => {
                    const format = typeof language === "object" ? language.impliedNodeFormat : undefined;
                    const key = `${file}\0${typeof language === "object" ? language.languageVersion : language}\0${format}`;
                    if (!parsed.has(key)) parsed.set(key, getSourceFile.call(host, file, language, ...rest));
                    return parsed.get(key);
                };
                const readFile = host.readFile;
                // What resolution reads besides sources (package.json files: `exports`, `typesVersions`, `types`).
                host.readFile = (file) => {
                    const text = readFile.call(host, file);
                    if (text !== undefined) read.add(path.resolve(file));
                    return text;
                };
                host.writeFile = (file, text) => emitted.set(path.resolve(file), text);
                // As tsc run in the consumer's folder: `types` are looked up from there.
                host.getCurrentDirectory = () => project;
                const program = ts.createProgram(
                    Object.keys(sources).map((f) => path.join(project, f)),
                    options,
                    host,
                );
                const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
                problems.push(...diagnostics.map((d) => `${name}: ${ts.formatDiagnostic(d, host)}`));
                for (const f of program.getSourceFiles()) read.add(path.resolve(f.fileName));
            }
            assert.deepEqual(problems, [], "the consumer's files do not compile");
            keepCheck(
                record,
                [...read].filter((f) => fs.existsSync(f)),
                Object.fromEntries([...emitted].map(([f, text]) => [path.relative(project, f), text])),
            );
        }
        for (const [file, text] of emitted) {
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, text);
        }
        compiled = project;
        return project;
    }

    it("declares aws-platform/policies for both module resolutions, and @pulumi/policy as an optional peer", function () {
        this.timeout(120000);
        compileConsumer();
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        assert.equal(pkg.peerDependenciesMeta["@pulumi/policy"].optional, true);
        assert.ok(!("@pulumi/policy" in pkg.dependencies));
    });

    it("ships aws-platform/testing: the README's consumer test type-checks against the declarations and passes", function () {
        this.timeout(120000);
        const project = compileConsumer();
        const mocha = path.join(root, "node_modules", "mocha", "bin", "mocha.js");
        const out = keptNodeRun([mocha, "--no-config", "--reporter", "dot", "--timeout", "30000", "out/test/network.test.js"], {
            cwd: project,
            base: dir,
            key: files,
        });
        assert.match(out, /3 passing/);
    });
});

/** The consumer's test the README shows under "Testing your own programs": run as written. */
function readmeConsumerTest(): string {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const m = /```ts\n(\/\/ test\/network\.test\.ts\n[\s\S]*?)```/.exec(readme);
    assert.ok(m, "README has no ```ts block starting with // test/network.test.ts");
    return m[1];
}

/** Builds dist/ (`tsc -p tsconfig.build.json`) when an output is missing or older than its source. */
function rebuildIfStale(): void {
    const stale = (dir: string): boolean =>
        fs.readdirSync(path.join(root, dir), { withFileTypes: true }).some((e) => {
            const rel = path.join(dir, e.name);
            if (e.isDirectory()) return stale(rel);
            if (!e.name.endsWith(".ts")) return false;
            const out = path.join(root, "dist", rel.replace(/\.ts$/, ".js"));
            return !fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(path.join(root, rel)).mtimeMs;
        });
    if (stale("components")) execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}
