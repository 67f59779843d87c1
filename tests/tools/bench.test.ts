/**
 * `npm run bench`'s pieces, without measuring anything: the statistics, the command line, the steps read from the
 * `test` script, the discovery of what the stacks bundle and deploy at the edge, and the README block rendered from
 * bench/results.json.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { bundle, bundleWith } from "../../components/shared/bundle";
import { DEFAULT_NOTE, DEFAULT_RUNS, parseArgs, UsageError } from "../../tools/bench/args";
import { discoverCloudFrontFunctions } from "../../tools/bench/cloudfront";
import { discoverLambdaEntries, planEntries, undiscovered } from "../../tools/bench/lambda";
import { COLD_CACHES, countResources, testSteps } from "../../tools/bench/measure";
import { BENCH_END, BENCH_START, type BenchResults, median, PARTS, renderBenchTable, withBenchTable } from "../../tools/bench/results";
import type { PreviewJson } from "../../tools/plan/preview-json";
import { filesUnder } from "../harness/files-under";

const ROOT = path.resolve(__dirname, "../..");
const inventory = (stack: string) => fs.readFileSync(path.join(ROOT, "tests", "stacks", `${stack}.inventory.txt`), "utf8").split("\n");

function planOf(states: { type: string; name: string; custom: boolean; inputs?: Record<string, unknown> }[]): PreviewJson {
    return {
        config: {},
        diagnostics: [],
        duration: 0,
        changeSummary: { create: states.length },
        steps: states.map((s) => {
            const urn = `urn:pulumi:dev::aws-platform::${s.type}::${s.name}`;
            return { op: "create", urn, newState: { urn, type: s.type, custom: s.custom, inputs: s.inputs ?? {} } };
        }),
    };
}

const RESULTS: BenchResults = {
    date: "2026-11-26T19:30:00.000Z",
    note: "A note.",
    runs: 5,
    machine: { cpu: "AMD EPYC", cores: 2, memoryGiB: 23.5, node: "v20.20.2", os: "Linux 6 x64", loadAverage: [0.1, 0.2, 0.3] },
    measured: { plan: "2026-11-26T19:30:00.000Z", lambda: "2026-11-25T10:00:00.000Z" },
    floor: { command: "node -e 'require(\"@pulumi/pulumi\")'", runsMs: [600, 700, 650], medianMs: 650 },
    plans: {
        dev: { warm: { command: "node tools/plan.ts dev", runsMs: [980], medianMs: 980 }, cold: { ms: 1300, note: "empty aws-platform-ts" }, ratio: 1.5 },
        prod: { warm: { command: "node tools/plan.ts prod", runsMs: [1300], medianMs: 1300 }, cold: { skipped: "no cache dir" }, ratio: 2 },
    },
    test: null,
    lambda: {
        nodeBaselineMs: 40,
        entries: [
            {
                entry: "functions/a/index.ts",
                usedBy: { dev: [], prod: ["a-fn"] },
                shipped: { bytes: 1000, gzipBytes: 400, initMs: 10 },
                unoptimized: { bytes: 2500, gzipBytes: 600, initMs: 15 },
                ratio: { bytes: 2.5, gzipBytes: 1.5, initMs: 1.5 },
            },
        ],
    },
    cloudfrontFunctions: null,
    resources: { dev: { steps: 10, custom: 6, components: 2, providers: 1 } },
};

describe("npm run bench", () => {
    describe("median", () => {
        it("takes the middle value of an odd count, whatever the order", () => assert.equal(median([5, 1, 3]), 3));
        it("takes the mean of the two middle values of an even count", () => assert.equal(median([4, 1, 3, 2]), 2.5));
        it("leaves its input unsorted", () => {
            const values = [3, 1, 2];
            median(values);
            assert.deepEqual(values, [3, 1, 2]);
        });
        it("refuses an empty list", () => assert.throws(() => median([]), /no values/));
    });

    describe("the command line", () => {
        it("measures every part 5 times by default", () =>
            assert.deepEqual(parseArgs([]), { runs: DEFAULT_RUNS, only: [...PARTS], note: DEFAULT_NOTE, readmeOnly: false }));
        it("reads --runs and --only in both spellings, the parts in their fixed order", () => {
            assert.deepEqual(parseArgs(["--runs", "3", "--only=edge,plan"]).only, ["plan", "edge"]);
            assert.equal(parseArgs(["--runs=7"]).runs, 7);
            assert.equal(parseArgs(["--note", "busy machine"]).note, "busy machine");
            assert.equal(parseArgs(["--readme-only"]).readmeOnly, true);
        });
        it("reports every bad argument at once", () => {
            assert.throws(
                () => parseArgs(["--runs", "0", "--only", "plan,speed", "--fast"]),
                (e: Error) =>
                    e instanceof UsageError &&
                    /--runs=0 must be a whole number/.test(e.message) &&
                    /--only=plan,speed/.test(e.message) &&
                    /unknown argument --fast/.test(e.message),
            );
        });
        it("refuses a flag without its value", () => assert.throws(() => parseArgs(["--runs"]), UsageError));
    });

    describe("the npm test steps", () => {
        it("runs each `npm run x` step of the test script as x's own command", () => {
            const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
            const steps = testSteps(pkg.scripts);
            const expected = (pkg.scripts.test as string).split("&&").map((s) => s.trim().replace(/^npm run (\S+)$/, (_m, x) => pkg.scripts[x]));
            assert.deepEqual(
                steps.map((s) => s.command),
                expected,
            );
        });
        it("measures a cold run with every cache switch the code reads turned off (COLD_CACHES)", () => {
            // Each cache is read in one place and switched off by a variable named AWS_PLATFORM_…CACHE or …KEPT_RUNS.
            const used = new Set(
                ["components", "tools", "tests"]
                    .flatMap((dir) => filesUnder(path.join(ROOT, dir), (name) => /\.(ts|js)$/.test(name)))
                    .flatMap((f) => fs.readFileSync(f, "utf8").match(/AWS_PLATFORM_[A-Z_]*(?:CACHE|KEPT_RUNS)\b/g) ?? []),
            );
            assert.ok(used.size >= 9, [...used].join(", "));
            assert.deepEqual([...used].sort(), Object.keys(COLD_CACHES).sort());
            assert.ok(Object.values(COLD_CACHES).every((v) => v === "0"));
        });
        it("follows a changed script: a nested npm run, a plain command, a script naming itself", () => {
            const scripts = {
                test: "npm run check && node tools/test.js --parallel && npm run test",
                check: "npm run typecheck && npm run lint",
                typecheck: "tsc --noEmit",
                lint: "biome check .",
            };
            assert.deepEqual(testSteps(scripts), [
                { name: "typecheck", command: "tsc --noEmit" },
                { name: "lint", command: "biome check ." },
                { name: "tools/test.js", command: "node tools/test.js --parallel" },
                { name: "npm", command: "npm run test" },
            ]);
        });
    });

    describe("the Lambda handlers", () => {
        const entries = discoverLambdaEntries(ROOT);

        it("finds every entry file the stacks and the components' defaults name, and no other", () => {
            // An independent grep: every "functions/….ts" string in the stacks' code and the components' defaults.
            const files = [
                ...fs.readdirSync(path.join(ROOT, "stacks")).map((f) => path.join(ROOT, "stacks", f)),
                ...fs.readdirSync(path.join(ROOT, "components")).map((d) => path.join(ROOT, "components", d, "defaults.ts")),
            ].filter((f) => f.endsWith(".ts") && fs.existsSync(f));
            const grep = new Set<string>();
            for (const f of files)
                for (const line of fs.readFileSync(f, "utf8").split("\n"))
                    if (!/^\s*(\*|\/\/)/.test(line) && !line.includes("esbuildCommand("))
                        for (const m of line.matchAll(/"(functions\/[^"]+\.ts)"/g)) grep.add(m[1]!);
            assert.deepEqual(
                entries.map((e) => e.entry),
                [...grep].sort(),
            );
            for (const e of entries) assert.ok(fs.statSync(path.join(ROOT, e.entry)).isFile(), e.entry);
        });

        it("names as many entries in the code as prod's golden inventory has LambdaFunction and EdgeLambda components", () => {
            // prod builds every function; each place naming an entry makes one of them.
            const functions = inventory("prod").filter((l) => /^aws-platform:(serverless:LambdaFunction|edge:EdgeLambda)::/.test(l));
            assert.equal(
                entries.reduce((n, e) => n + e.at.length, 0),
                functions.length,
                functions.join("\n"),
            );
        });

        it("reads the entries of a plan's LambdaFunction and EdgeLambda components and names the ones discovery missed", () => {
            const plan = planOf([
                { type: "aws-platform:serverless:LambdaFunction", name: "b", custom: false, inputs: { entry: "functions/items/index.ts" } },
                { type: "aws-platform:serverless:LambdaFunction", name: "a", custom: false, inputs: { entry: "functions/items/index.ts" } },
                { type: "aws-platform:edge:EdgeLambda", name: "r", custom: false, inputs: { entry: "functions/new/index.ts" } },
                { type: "aws-platform:serverless:ServerlessApi", name: "api", custom: false, inputs: { entry: "functions/ignored.ts" } },
            ]);
            assert.deepEqual(
                [...planEntries(plan)],
                [
                    ["functions/items/index.ts", ["a", "b"]],
                    ["functions/new/index.ts", ["r"]],
                ],
            );
            assert.deepEqual(undiscovered(entries, { prod: plan }), ["functions/new/index.ts (prod)"]);
        });

        it("bundles with the components' own options: no overrides give the shipped code, the unoptimized bundle is larger", () => {
            const entry = "functions/edge/origin-request-router/index.ts";
            assert.equal(bundleWith(entry, {}), bundle(entry, { cache: false }).code);
            assert.ok(bundleWith(entry, { minify: false, treeShaking: false }).length > bundle(entry).bytes);
        });
    });

    describe("the CloudFront Functions", () => {
        const deployed = discoverCloudFrontFunctions(ROOT);

        it("finds every CloudFront Function of the EdgeFunctions component in both stacks' golden inventories", () => {
            for (const stack of ["dev", "prod"]) {
                const keys = inventory(stack)
                    .filter((l) => l.startsWith("aws:cloudfront/function:Function::cdn-function-"))
                    .map((l) => l.slice("aws:cloudfront/function:Function::cdn-function-".length))
                    .sort();
                assert.deepEqual(
                    deployed.map((f) => f.key),
                    keys,
                    stack,
                );
            }
        });

        it("maps each function to its source file, and every file in functions/edge to a function", () => {
            const files = fs
                .readdirSync(path.join(ROOT, "functions", "edge"))
                .filter((f) => f.endsWith(".js"))
                .map((f) => `functions/edge/${f}`);
            assert.deepEqual(deployed.map((f) => f.file).sort(), files.sort());
        });
    });

    describe("resources per stack", () => {
        it("counts custom resources, components and providers apart, the Stack in the steps only", () => {
            const plan = planOf([
                { type: "pulumi:pulumi:Stack", name: "s", custom: false },
                { type: "aws-platform:x:X", name: "x", custom: false },
                { type: "aws:s3/bucket:Bucket", name: "b", custom: true },
                { type: "pulumi:providers:aws", name: "default", custom: true },
            ]);
            assert.deepEqual(countResources(plan), { steps: 4, custom: 1, components: 1, providers: 1 });
        });
    });

    describe("the README block", () => {
        it("equals renderBenchTable of the committed bench/results.json (npm run bench rewrites both)", () => {
            const results = JSON.parse(fs.readFileSync(path.join(ROOT, "bench", "results.json"), "utf8"));
            const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
            assert.equal(readme, withBenchTable(readme, renderBenchTable(results)));
        });

        it("sits in the Benchmarks section", () => {
            const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
            const start = readme.indexOf("\n## Benchmarks\n");
            const end = readme.indexOf("\n## ", start + 1);
            assert.ok(start >= 0 && start < readme.indexOf(BENCH_START) && readme.indexOf(BENCH_END) < end);
        });

        it("renders each measured part, a skipped cold plan with its reason, and the date of a part kept from an earlier run", () => {
            const text = renderBenchTable(RESULTS);
            assert.match(text, /\| plan dev, warm \| 0\.98 s \| 1\.50× \|/);
            assert.match(text, /\| plan dev, cold \(empty aws-platform-ts\) \| 1\.30 s \| 2\.00× \|/);
            assert.match(text, /\| plan prod, cold \| not measured: no cache dir \| \|/);
            assert.match(
                text,
                /\| `functions\/a\/index\.ts` \| prod: a-fn \| 1,000 B \| 400 B \| 10 ms \| 2,500 B \| 600 B \| 15 ms \| 2\.50× \/ 1\.50× \/ 1\.50× \|/,
            );
            assert.match(text, /\*\*Lambda handlers\*\* \(measured 2026-11-25 10:00 UTC\)/);
            assert.match(text, /\| dev \| 10 \| 6 \| 2 \| 1 \|/);
            assert.doesNotMatch(text, /npm test|CloudFront Functions/);
        });

        it("renders the floor's loads with the deferral as a row of its own, against the floor", () => {
            const text = renderBenchTable({ ...RESULTS, deferredFloor: { command: "node -r ./tools/defer-modules.js -e x", runsMs: [325], medianMs: 325 } });
            assert.match(
                text,
                /\| the same loads as the plan makes them, with tools\/defer-modules\.js: `node -r \.\/tools\/defer-modules\.js -e x` \| 0\.33 s \| 0\.50× \|/,
            );
            assert.doesNotMatch(renderBenchTable(RESULTS), /defer-modules/);
        });

        it("renders npm test's steps with cold and warm caches side by side, and an older single timing as warm", () => {
            const timing = (caches: "cold" | "warm" | undefined, ms: number[]) => ({
                script: "node tools/typecheck.js --emit && mocha",
                ...(caches ? { caches } : {}),
                steps: [
                    { name: "tools/typecheck.js", command: "node tools/typecheck.js --emit", ms: ms[0]!, exitCode: 0 },
                    { name: "mocha", command: "mocha", ms: ms[1]!, exitCode: ms[1]! > 90_000 ? 1 : 0 },
                ],
                totalMs: ms[0]! + ms[1]!,
            });
            const both = renderBenchTable({ ...RESULTS, test: [timing("cold", [20_000, 95_000]), timing("warm", [300, 60_000])] });
            assert.match(both, /\| step \| command \| cold caches \| warm caches \|/);
            assert.match(both, /\| tools\/typecheck\.js \| `node tools\/typecheck\.js --emit` \| 20\.00 s \| 0\.30 s \|/);
            assert.match(both, /\| mocha \| `mocha` \| 95\.00 s \(exit 1\) \| 60\.00 s \|/);
            assert.match(both, /\| \*\*total\*\* \| \| \*\*115\.00 s\*\* \| \*\*60\.30 s\*\* \|/);
            const older = renderBenchTable({ ...RESULTS, test: timing(undefined, [18_000, 77_000]) });
            assert.match(older, /\| step \| command \| warm caches \|/);
            assert.match(older, /\| \*\*total\*\* \| \| \*\*95\.00 s\*\* \|/);
        });

        it("renders steps run side by side (tools/test.js) as such: each step's end, and the run's wall time as the total", () => {
            const text = renderBenchTable({
                ...RESULTS,
                test: [
                    {
                        script: "node tools/test.js",
                        caches: "warm",
                        concurrent: true,
                        steps: [
                            { name: "type-check", command: "node tools/typecheck.js --emit", ms: 300, exitCode: 0 },
                            { name: "lint", command: "biome check .", ms: 1_500, exitCode: 0 },
                            { name: "mocha", command: "mocha", ms: 36_000, exitCode: 0 },
                        ],
                        totalMs: 36_200,
                    },
                ],
            });
            assert.match(text, /its steps run side by side, each timed from the start of the run to its own end, and the total is the whole run/);
            assert.doesNotMatch(text, /run alone, once, in order/);
            assert.match(text, /\| lint \| `biome check \.` \| 1\.50 s \|/);
            assert.match(text, /\| \*\*total\*\* \| \| \*\*36\.20 s\*\* \|/);
        });

        it("replaces only what lies between the markers, and refuses a README without them", () => {
            const readme = `a\n${BENCH_START}\nold\n${BENCH_END}\nb\n`;
            assert.equal(withBenchTable(readme, "new"), `a\n${BENCH_START}\nnew\n${BENCH_END}\nb\n`);
            assert.throws(() => withBenchTable("a\n", "new"), /no <!-- bench:start -->/);
        });
    });
});
