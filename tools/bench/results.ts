/**
 * The shape of bench/results.json, the statistics and the README block rendered from it (`renderBenchTable`): the
 * README shows exactly what results.json holds, and tests/tools/bench.test.ts checks that it does.
 */

/** The parts `--only` selects. `plan` includes the floor. */
export const PARTS = ["plan", "test", "lambda", "edge", "resources"] as const;
export type Part = (typeof PARTS)[number];

export interface Machine {
    cpu: string;
    cores: number;
    memoryGiB: number;
    node: string;
    os: string;
    /** os.loadavg() (1, 5, 15 minutes) when the bench started: above 0 on an idle machine means others were working. */
    loadAverage: number[];
}

/** Wall times of one command in fresh processes, in milliseconds. */
export interface Timing {
    command: string;
    runsMs: number[];
    medianMs: number;
}

export interface PlanTiming {
    /** Median of `runs` runs after one unmeasured run that fills the caches. */
    warm: Timing;
    /** Once, with the caches pointed at an empty directory; or why it was not measured. */
    cold: { ms: number; note: string } | { skipped: string };
    /** warm median / floor median. */
    ratio: number;
}

export interface TestStep {
    /** tools/test.js's name for it (`type-check`), else the script name (`build`) or the command's first word (`mocha`). */
    name: string;
    /** What ran (an `npm run x` step is run as x's own command, without npm's start-up). */
    command: string;
    ms: number;
    exitCode: number;
}

export interface TestTiming {
    /** package.json's `test` script as read. */
    script: string;
    /** "cold": every cache off (a clean clone, CI); "warm": the caches a previous run left. Absent in older results: warm. */
    caches?: "cold" | "warm";
    /**
     * The steps ran side by side (tools/test.js): each step's `ms` is from the start of the run to its end, and `totalMs`
     * the whole run's wall time. Absent: each step ran alone, in order, and `totalMs` is their sum.
     */
    concurrent?: boolean;
    steps: TestStep[];
    totalMs: number;
}

export interface BundleMeasure {
    bytes: number;
    gzipBytes: number;
    /** Median wall time of `node -e 'require("<bundle>")'` minus the median of `node -e '0'`. */
    initMs: number;
}

export interface LambdaEntry {
    entry: string;
    /** Per stack, the functions (LambdaFunction or EdgeLambda) built from it, when the bench planned the stacks. */
    usedBy: Record<string, string[]>;
    shipped: BundleMeasure;
    /** The same bundle without minification and tree-shaking. */
    unoptimized: BundleMeasure;
    /** unoptimized / shipped; initMs is null when the shipped bundle's init did not measure above the noise (≤ 0). */
    ratio: { bytes: number; gzipBytes: number; initMs: number | null };
    /** Set when requiring the bundle failed. */
    error?: string;
}

export interface LambdaResults {
    /** Median of `node -e '0'`, subtracted from every init time. */
    nodeBaselineMs: number;
    entries: LambdaEntry[];
}

export interface CloudFrontResult {
    key: string;
    file: string;
    bytes: number;
    cases: { note: string; medianMs: number }[];
}

export interface CloudFrontResults {
    limitBytes: number;
    budgetMs: number;
    /** A no-op function's median in the sandbox: its own cost per call, included in every case's time. */
    sandboxBaselineMs: number;
    iterations: number;
    functions: CloudFrontResult[];
}

export interface ResourceCount {
    /** Every step of the plan (`pulumi preview --json` steps): resources, components, providers and the Stack. */
    steps: number;
    custom: number;
    components: number;
    providers: number;
}

export interface BenchResults {
    date: string;
    note: string;
    runs: number;
    machine: Machine;
    /** When each part was measured (a run with `--only` keeps the other parts of the previous results). */
    measured: Partial<Record<Part, string>>;
    floor: Timing | null;
    /** The floor's loads as the plan makes them, with tools/defer-modules.js (absent in older results). */
    deferredFloor?: Timing | null;
    plans: Record<string, PlanTiming> | null;
    /** `npm test` with cold and with warm caches (older results hold one timing, not a list). */
    test: TestTiming[] | TestTiming | null;
    lambda: LambdaResults | null;
    cloudfrontFunctions: CloudFrontResults | null;
    resources: Record<string, ResourceCount> | null;
}

/** The median of `values` (the mean of the two middle values for an even count). Throws on an empty list. */
export function median(values: number[]): number {
    if (values.length === 0) throw new Error("median of no values");
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const BENCH_START = "<!-- bench:start -->";
export const BENCH_END = "<!-- bench:end -->";

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const micros = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const bytes = (n: number) => `${n.toLocaleString("en-US")} B`;
const ratio = (r: number) => `${r.toFixed(2)}×`;
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const day = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** The README block's content (without the markers): what results.json holds, as tables. */
export function renderBenchTable(r: BenchResults): string {
    const m = r.machine;
    const out: string[] = [];
    const since = (part: Part) => (r.measured[part] !== undefined && r.measured[part] !== r.date ? ` (measured ${day(r.measured[part]!)} UTC)` : "");
    out.push(
        `Generated by \`npm run bench\` on ${day(r.date)} UTC, ${r.runs} runs per median. ${r.note}`,
        "",
        `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node.js ${m.node}, ${m.os}; load average ${m.loadAverage.map((l) => l.toFixed(2)).join(" / ")} (1/5/15 min) at the start.`,
    );
    if (r.floor && r.plans) {
        out.push(
            "",
            `**Plan**${since("plan")}: wall time of \`node -r ./tools/register.js tools/plan.ts <stack>\` (what \`npm run plan -- <stack>\` runs, without npm's own start-up) in a fresh process, against the floor, a process that only loads the Pulumi SDK and the AWS provider. Warm: the median after one unmeasured run that fills the caches; cold: once, with the caches pointed at an empty directory.`,
            "",
            "| command | wall time | vs floor |",
            "|---|---:|---:|",
            `| floor: ${code(r.floor.command)} | ${seconds(r.floor.medianMs)} | 1.00× |`,
        );
        if (r.deferredFloor)
            out.push(
                `| the same loads as the plan makes them, with tools/defer-modules.js: ${code(r.deferredFloor.command)} | ${seconds(r.deferredFloor.medianMs)} | ${ratio(r.deferredFloor.medianMs / r.floor.medianMs)} |`,
            );
        for (const [stack, p] of Object.entries(r.plans)) {
            out.push(`| plan ${stack}, warm | ${seconds(p.warm.medianMs)} | ${ratio(p.ratio)} |`);
            if ("ms" in p.cold) out.push(`| plan ${stack}, cold (${p.cold.note}) | ${seconds(p.cold.ms)} | ${ratio(p.cold.ms / r.floor.medianMs)} |`);
            else out.push(`| plan ${stack}, cold | not measured: ${p.cold.skipped} | |`);
        }
    }
    const tests = r.test === null ? [] : Array.isArray(r.test) ? r.test : [r.test];
    if (tests.length > 0) {
        const runs = tests.map((t) => ({ ...t, caches: t.caches ?? "warm" }));
        out.push(
            "",
            `**\`npm test\`**${since("test")}: ${
                runs[0]!.concurrent
                    ? `the \`test\` script (${code(runs[0]!.script)}) once; its steps run side by side, each timed from the start of the run to its own end, and the total is the whole run`
                    : `each step of the \`test\` script (${code(runs[0]!.script)}) run alone, once, in order`
            }; cold: every cache off, as on a clean clone (CI); warm: the caches of a run just before, nothing changed since.`,
            "",
            `| step | command | ${runs.map((t) => `${t.caches} caches`).join(" | ")} |`,
            `|---|---|${runs.map(() => "---:").join("|")}|`,
        );
        runs[0]!.steps.forEach((step, i) => {
            const cells = runs.map((t) => {
                const s = t.steps[i];
                return s === undefined ? "" : `${seconds(s.ms)}${s.exitCode === 0 ? "" : ` (exit ${s.exitCode})`}`;
            });
            out.push(`| ${step.name} | ${code(step.command)} | ${cells.join(" | ")} |`);
        });
        out.push(`| **total** | | ${runs.map((t) => `**${seconds(t.totalMs)}**`).join(" | ")} |`);
    }
    if (r.lambda) {
        out.push(
            "",
            `**Lambda handlers**${since("lambda")}: each entry bundled as LambdaFunction/EdgeLambda ship it (\`bundle()\`, minified, tree-shaken) and the same without minification and tree-shaking; cold init = median wall time of \`node -e 'require("<bundle>")'\` minus the median of \`node -e '0'\` (${millis(r.lambda.nodeBaselineMs)}).`,
            "",
            "| entry | functions | shipped | gzip | init | unoptimized | gzip | init | size / gzip / init ratio |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        );
        for (const e of r.lambda.entries) {
            const used = Object.entries(e.usedBy)
                .filter(([, names]) => names.length > 0)
                .map(([stack, names]) => `${stack}: ${names.join(", ")}`)
                .join("; ");
            const init = (b: BundleMeasure) => (e.error ? "error" : millis(b.initMs));
            const ratios = `${ratio(e.ratio.bytes)} / ${ratio(e.ratio.gzipBytes)} / ${e.ratio.initMs === null ? "—" : ratio(e.ratio.initMs)}`;
            out.push(
                `| ${code(e.entry)} | ${used || "—"} | ${bytes(e.shipped.bytes)} | ${bytes(e.shipped.gzipBytes)} | ${init(e.shipped)} | ${bytes(e.unoptimized.bytes)} | ${bytes(e.unoptimized.gzipBytes)} | ${init(e.unoptimized)} | ${ratios} |`,
            );
        }
    }
    if (r.cloudfrontFunctions) {
        const cf = r.cloudfrontFunctions;
        out.push(
            "",
            `**CloudFront Functions**${since("edge")}: size against CloudFront's ${bytes(cf.limitBytes)} limit, and the median time per invocation (of ${cf.iterations.toLocaleString("en-US")}) in the project's vm sandbox (\`loadCloudFrontFunction\`) against CloudFront's 1 ms budget. The times include the sandbox's own cost per call (${micros(cf.sandboxBaselineMs)}, a no-op function); they compare the functions, CloudFront reports its own compute utilization.`,
            "",
            "| function | file | size | of limit | event | median | of 1 ms |",
            "|---|---|---:|---:|---|---:|---:|",
        );
        for (const f of cf.functions) {
            for (const [i, c] of f.cases.entries()) {
                const head = i === 0 ? `| ${f.key} | ${code(f.file)} | ${bytes(f.bytes)} | ${((100 * f.bytes) / cf.limitBytes).toFixed(0)} % |` : "| | | | |";
                out.push(`${head} ${c.note || "response"} | ${micros(c.medianMs)} | ${((100 * c.medianMs) / cf.budgetMs).toFixed(0)} % |`);
            }
        }
    }
    if (r.resources) {
        out.push(
            "",
            `**Resources per stack**${since("resources")} (steps of the plan):`,
            "",
            "| stack | steps | custom resources | components | providers |",
            "|---|---:|---:|---:|---:|",
        );
        for (const [stack, c] of Object.entries(r.resources)) out.push(`| ${stack} | ${c.steps} | ${c.custom} | ${c.components} | ${c.providers} |`);
    }
    return out.join("\n");
}

/** `readme` with its bench block replaced by `table`. Throws when the markers are missing. */
export function withBenchTable(readme: string, table: string): string {
    const start = readme.indexOf(BENCH_START);
    const end = readme.indexOf(BENCH_END);
    if (start < 0 || end < start) throw new Error(`README.md has no ${BENCH_START} … ${BENCH_END} block`);
    return `${readme.slice(0, start + BENCH_START.length)}\n${table}\n${readme.slice(end)}`;
}
