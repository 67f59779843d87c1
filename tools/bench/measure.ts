/**
 * Timing commands in fresh processes, and the bench parts that are only that: the floor and the plans, the steps of
 * `npm test`, the resources of a plan.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { PreviewJson } from "../plan/preview-json";
import { type Machine, median, type PlanTiming, type ResourceCount, type TestStep, type TestTiming, type Timing } from "./results";

export const ROOT = path.resolve(__dirname, "..", "..");

/** The program's source files (stacks/*.ts), sorted: where the bench reads which handlers and functions the stacks deploy. */
export function stackSources(root: string = ROOT): string[] {
    const stacks = path.join(root, "stacks");
    return fs
        .readdirSync(stacks)
        .filter((f) => f.endsWith(".ts"))
        .sort()
        .map((f) => path.join(stacks, f));
}

export function machine(): Machine {
    const cpus = os.cpus();
    return {
        cpu: cpus[0]?.model.trim() ?? "unknown",
        cores: cpus.length,
        memoryGiB: Math.round((10 * os.totalmem()) / 2 ** 30) / 10,
        node: process.version,
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    };
}

/** One run of `file args` in a fresh process from the repository root: its wall time (ms), exit code and output. */
export function timeOnce(file: string, args: string[], env: NodeJS.ProcessEnv = {}): { ms: number; exitCode: number; output: string } {
    const start = performance.now();
    const r = spawnSync(file, args, {
        cwd: ROOT,
        env: { ...process.env, ...env },
        encoding: "utf8",
        maxBuffer: 256 * 2 ** 20,
        stdio: ["ignore", "pipe", "pipe"],
    });
    const ms = performance.now() - start;
    if (r.error) throw r.error;
    return { ms, exitCode: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

/**
 * `node <args>`, failing on an exit code outside `ok` (a benchmark of a failing command measures nothing). The plan
 * exits with 3 when it planned the whole stack but a mandatory policy is violated: still a complete plan.
 */
export function timeNode(args: string[], env: NodeJS.ProcessEnv = {}, ok: number[] = [0]): number {
    const r = timeOnce(process.execPath, args, env);
    if (!ok.includes(r.exitCode)) throw new Error(`node ${args.join(" ")} exited with ${r.exitCode}:\n${r.output.slice(-2000)}`);
    return r.ms;
}

export const FLOOR_ARGS = ["-e", 'require("@pulumi/pulumi");require("@pulumi/aws")'];
/** The same loads as the plan makes them: with tools/defer-modules.js (which tools/register.js loads first). */
export const DEFERRED_FLOOR_ARGS = ["-r", "./tools/defer-modules.js", ...FLOOR_ARGS];
export const planArgs = (stack: string) => ["-r", "./tools/register.js", "tools/plan.ts", stack];
/** The plan's exit codes for a complete plan: 0, and 3 (planned; a mandatory policy violated). */
const PLANNED = [0, 3];
const shown = (args: string[]) => `node ${args.map((a) => (/^[\w./-]+$/.test(a) ? a : `'${a}'`)).join(" ")}`;
const timing = (args: string[], runsMs: number[]): Timing => ({ command: shown(args), runsMs: runsMs.map((ms) => Math.round(ms)), medianMs: median(runsMs) });

/** Caches under node_modules/.cache that only `npm test` reads: the type-check's, the PostgreSQL template, the README type-check's. */
const TEST_ONLY_CACHES = ["aws-platform-tsc", "aws-platform-pg", "aws-platform-readme-tsc", "aws-platform-package-tsc"];

/** The caches a plan fills under node_modules/.cache (the register's transpile cache, and any other `aws-platform-*`). */
function cacheNames(): string[] {
    const dir = path.join(ROOT, "node_modules", ".cache");
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith("aws-platform-")) : [];
}

/**
 * One plan with AWS_PLATFORM_TS_CACHE pointed at an empty directory and AWS_PLATFORM_BUNDLE_CACHE=0. Counted as cold
 * only if the code honoured the directory (it filled); the note names any other cache under node_modules/.cache left
 * in place.
 */
function coldPlan(stack: string): PlanTiming["cold"] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cold-"));
    try {
        // The Lambda bundle cache (aws-platform-bundles, where the code has one) is turned off instead: bundles are built.
        const ms = timeNode(planArgs(stack), { AWS_PLATFORM_TS_CACHE: path.join(dir, "aws-platform-ts"), AWS_PLATFORM_BUNDLE_CACHE: "0" }, PLANNED);
        const moved = fs.readdirSync(dir);
        if (moved.length === 0) return { skipped: "the code does not let the caches be pointed elsewhere (AWS_PLATFORM_TS_CACHE)" };
        const warm = cacheNames().filter((n) => !moved.includes(n) && n !== "aws-platform-bundles" && !TEST_ONLY_CACHES.includes(n));
        // Whether this code reads a cache it did not redirect is not known here: the note says which were left in place.
        return { ms: Math.round(ms), note: `empty ${moved.join(", ")}, no bundle cache${warm.length ? `; not redirected: ${warm.join(", ")}` : ""}` };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * The floor and each stack's plan, alternated run by run so that load changes hit all alike; one unmeasured plan per
 * stack first fills the caches (and writes out/<stack>/plan.json, which later parts read).
 */
export function measurePlans(
    stacks: string[],
    runs: number,
    log: (s: string) => void,
): { floor: Timing; deferredFloor: Timing; plans: Record<string, PlanTiming> } {
    for (const stack of stacks) {
        log(`plan ${stack}: warming the caches`);
        timeNode(planArgs(stack), {}, PLANNED);
    }
    const floorRuns: number[] = [];
    const deferredRuns: number[] = [];
    const planRuns: Record<string, number[]> = Object.fromEntries(stacks.map((s) => [s, []]));
    for (let i = 0; i < runs; i++) {
        floorRuns.push(timeNode(FLOOR_ARGS));
        deferredRuns.push(timeNode(DEFERRED_FLOOR_ARGS));
        for (const stack of stacks) planRuns[stack]!.push(timeNode(planArgs(stack), {}, PLANNED));
        log(
            `run ${i + 1}/${runs}: floor ${Math.round(floorRuns[i]!)} ms (deferred ${Math.round(deferredRuns[i]!)} ms), ${stacks.map((s) => `${s} ${Math.round(planRuns[s]![i]!)} ms`).join(", ")}`,
        );
    }
    const floor = timing(FLOOR_ARGS, floorRuns);
    const plans: Record<string, PlanTiming> = {};
    for (const stack of stacks) {
        log(`plan ${stack}: cold`);
        const warm = timing(planArgs(stack), planRuns[stack]!);
        plans[stack] = { warm, cold: coldPlan(stack), ratio: Math.round((100 * warm.medianMs) / floor.medianMs) / 100 };
    }
    return { floor, deferredFloor: timing(DEFERRED_FLOOR_ARGS, deferredRuns), plans };
}

/** A plan that only writes out/<stack>/plan.json (for the parts that read it when the plans are not timed). */
export function planOnce(stack: string): void {
    timeNode(planArgs(stack), {}, PLANNED);
}

export function readPlan(stack: string): PreviewJson {
    return JSON.parse(fs.readFileSync(path.join(ROOT, "out", stack, "plan.json"), "utf8"));
}

const ROOT_STACK = "pulumi:pulumi:Stack";

export function countResources(plan: PreviewJson): ResourceCount {
    const states = plan.steps.map((s) => s.newState);
    const providers = states.filter((s) => s.type.startsWith("pulumi:providers:")).length;
    return {
        steps: states.length,
        custom: states.filter((s) => s.custom).length - providers,
        components: states.filter((s) => !s.custom && s.type !== ROOT_STACK).length,
        providers,
    };
}

/**
 * The steps of package.json's `test` script, split on `&&`: `npm run <x>` becomes x's own command (expanded the same
 * way), so each step is timed without npm's start-up; anything else runs as written.
 */
export function testSteps(scripts: Record<string, string>, script = "test"): { name: string; command: string }[] {
    const out: { name: string; command: string }[] = [];
    const expand = (command: string, seen: string[]) => {
        for (const part of command.split("&&").map((s) => s.trim())) {
            const run = /^npm run(?:-script)? ([\w:-]+)$/.exec(part);
            if (run && scripts[run[1]!] !== undefined && !seen.includes(run[1]!)) {
                const inner = scripts[run[1]!]!;
                if (inner.includes("&&")) expand(inner, [...seen, run[1]!]);
                else out.push({ name: run[1]!, command: inner });
            } else {
                // `node tools/x.js` and `npx mocha` are named by what they run.
                const words = part.split(/\s+/);
                out.push({ name: words.find((w) => !["node", "npx"].includes(w) && !w.startsWith("-")) ?? words[0]!, command: part });
            }
        }
    };
    expand(scripts[script] ?? "", [script]);
    return out;
}

/**
 * The caches `npm test` reads, each switched off by its variable set to "0": the type-check's incremental state
 * (tools/typecheck.js), the lint step's record (tools/lint.js), the transpiled TypeScript (tools/register.js), the Lambda bundles (bundle-cache.ts), the
 * PostgreSQL template cluster (tests/harness/postgres.ts: then one per process), and the kept clean checks of the
 * README examples, of the package's consumer and of the policy pack's start (tests/harness/kept-checks.ts), and the
 * kept child runs (tests/harness/kept-runs.ts).
 */
export const COLD_CACHES = {
    AWS_PLATFORM_TSC_CACHE: "0",
    AWS_PLATFORM_LINT_CACHE: "0",
    AWS_PLATFORM_TS_CACHE: "0",
    AWS_PLATFORM_BUNDLE_CACHE: "0",
    AWS_PLATFORM_PG_CACHE: "0",
    AWS_PLATFORM_README_TSC_CACHE: "0",
    AWS_PLATFORM_PACKAGE_TSC_CACHE: "0",
    AWS_PLATFORM_POLICY_PACK_CACHE: "0",
    AWS_PLATFORM_KEPT_RUNS: "0",
} as const;

/**
 * `npm test` once, as npm runs it (a shell with node_modules/.bin on PATH). tools/test.js runs its steps side by side
 * and writes each one's time (`AWS_PLATFORM_TEST_TIMES`); a test script that does not use it is split on `&&` and each
 * step run alone, in order (testSteps). A failing step is recorded, not fatal.
 */
export function measureTest(log: (s: string) => void, caches: "cold" | "warm" = "warm"): TestTiming {
    const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    const env = { PATH: `${path.join(ROOT, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`, ...(caches === "cold" ? COLD_CACHES : {}) };
    const script = scripts.test ?? "";
    const timesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-test-")), "times.json");
    try {
        log(`test (${caches} caches): ${script}`);
        const r = timeOnce("sh", ["-c", script], { ...env, AWS_PLATFORM_TEST_TIMES: timesFile });
        if (r.exitCode !== 0) log(`test: exited with ${r.exitCode}:\n${r.output.slice(-3000)}`);
        if (fs.existsSync(timesFile)) {
            const times = JSON.parse(fs.readFileSync(timesFile, "utf8")) as { steps: TestStep[] };
            return { script, caches, concurrent: true, steps: times.steps, totalMs: Math.round(r.ms) };
        }
    } finally {
        fs.rmSync(path.dirname(timesFile), { recursive: true, force: true });
    }
    log("test: the script does not report its steps (tools/test.js); timing each step alone");
    const steps: TestStep[] = [];
    for (const step of testSteps(scripts)) {
        log(`test (${caches} caches): ${step.command}`);
        const r = timeOnce("sh", ["-c", step.command], env);
        if (r.exitCode !== 0) log(`test: ${step.name} exited with ${r.exitCode}:\n${r.output.slice(-3000)}`);
        steps.push({ ...step, ms: Math.round(r.ms), exitCode: r.exitCode });
    }
    return { script, caches, steps, totalMs: steps.reduce((sum, s) => sum + s.ms, 0) };
}

/**
 * `npm test` as a clean clone runs it (every cache off: what CI pays) and as a developer re-runs it (the caches left by
 * an untimed run just before: the type-check then finds nothing changed and is skipped, as `tsc -b` would be).
 */
export function measureTests(log: (s: string) => void): TestTiming[] {
    const cold = measureTest(log, "cold");
    log("test: one untimed run to fill the caches");
    measureTest(() => undefined, "warm");
    return [cold, measureTest(log, "warm")];
}
