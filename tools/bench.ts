/**
 * `npm run bench -- [--runs N] [--only plan,test,lambda,edge,resources] [--note text]`: how fast the plan, the tests
 * and the code the stacks ship run, on this machine. Every timing runs in a fresh child process; results go to
 * bench/results.json (with the machine) and to the README's generated block between `<!-- bench:start -->` and
 * `<!-- bench:end -->`. Not part of `npm test`: it takes minutes (the mocha run most of them).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type BenchArgs, parseArgs, UsageError, USAGE } from "./bench/args";
import { CLOUDFRONT_FUNCTION_MAX_BYTES, type CloudFrontTiming, discoverCloudFrontFunctions, MEASURE_ARGS } from "./bench/cloudfront";
import { discoverLambdaEntries, measureLambda, planEntries, undiscovered } from "./bench/lambda";
import { countResources, machine, measurePlans, measureTests, planOnce, ROOT, readPlan, timeOnce } from "./bench/measure";
import { type BenchResults, type CloudFrontResults, type Part, renderBenchTable, withBenchTable } from "./bench/results";
import type { PreviewJson } from "./plan/preview-json";

export const RESULTS_FILE = path.join(ROOT, "bench", "results.json");
const README_FILE = path.join(ROOT, "README.md");
const STACKS = ["dev", "prod"];
const CLOUDFRONT_ITERATIONS = 2000;
/** CloudFront Functions' compute budget per invocation (its compute utilization reaches 100 at about 1 ms). */
const CLOUDFRONT_BUDGET_MS = 1;

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

function readResults(): BenchResults | undefined {
    return fs.existsSync(RESULTS_FILE) ? JSON.parse(fs.readFileSync(RESULTS_FILE, "utf8")) : undefined;
}

function measureCloudFrontPart(): CloudFrontResults {
    const deployed = discoverCloudFrontFunctions();
    const r = timeOnce(process.execPath, [...MEASURE_ARGS, String(CLOUDFRONT_ITERATIONS)]);
    if (r.exitCode !== 0) throw new Error(`the CloudFront Functions measurement failed:\n${r.output.slice(-2000)}`);
    const { sandboxBaselineMs, cases } = JSON.parse(r.output.trim().split("\n").pop()!) as { sandboxBaselineMs: number; cases: CloudFrontTiming[] };
    return {
        limitBytes: CLOUDFRONT_FUNCTION_MAX_BYTES,
        budgetMs: CLOUDFRONT_BUDGET_MS,
        sandboxBaselineMs,
        iterations: CLOUDFRONT_ITERATIONS,
        functions: deployed.map((f) => {
            const own = cases.filter((c) => `functions/edge/${c.file}` === f.file);
            if (own.length === 0) throw new Error(`no measurement case for ${f.file} (tools/bench/cloudfront.ts)`);
            return { key: f.key, file: f.file, bytes: own[0]!.bytes, cases: own.map((c) => ({ note: c.note, medianMs: c.medianMs })) };
        }),
    };
}

export async function runBench(args: BenchArgs): Promise<BenchResults> {
    const date = new Date().toISOString();
    const previous = readResults();
    const results: BenchResults = {
        date,
        note: args.note,
        runs: args.runs,
        machine: machine(),
        measured: {},
        floor: null,
        deferredFloor: null,
        plans: null,
        test: null,
        lambda: null,
        cloudfrontFunctions: null,
        resources: null,
    };
    // Parts not measured now keep their previous values (and dates).
    if (previous) {
        const keep: Record<Part, (keyof BenchResults)[]> = {
            plan: ["floor", "deferredFloor", "plans"],
            test: ["test"],
            lambda: ["lambda"],
            edge: ["cloudfrontFunctions"],
            resources: ["resources"],
        };
        for (const part of Object.keys(keep) as Part[]) {
            if (args.only.includes(part) || previous.measured?.[part] === undefined) continue;
            for (const key of keep[part]) (results as any)[key] = previous[key];
            results.measured[part] = previous.measured[part];
        }
    }
    const has = (part: Part) => args.only.includes(part);
    let plans: Record<string, PreviewJson> | undefined;
    if (has("plan")) {
        Object.assign(results, measurePlans(STACKS, args.runs, log));
        results.measured.plan = date;
    } else if (has("resources") || has("lambda")) {
        for (const stack of STACKS) {
            log(`plan ${stack} (not timed: the plan's resources are read)`);
            planOnce(stack);
        }
    }
    if (has("plan") || has("resources") || has("lambda")) plans = Object.fromEntries(STACKS.map((s) => [s, readPlan(s)]));
    if (has("resources") && plans) {
        results.resources = Object.fromEntries(Object.entries(plans).map(([s, p]) => [s, countResources(p)]));
        results.measured.resources = date;
    }
    if (has("lambda")) {
        const entries = discoverLambdaEntries();
        const missing = plans ? undiscovered(entries, plans) : [];
        if (missing.length > 0) throw new Error(`entries in the plans that the discovery missed (tools/bench/lambda.ts): ${missing.join(", ")}`);
        const usedBy = Object.fromEntries(Object.entries(plans ?? {}).map(([s, p]) => [s, planEntries(p)]));
        log(`lambda: ${entries.length} entries`);
        results.lambda = measureLambda(entries, usedBy, args.runs, log);
        results.measured.lambda = date;
    }
    if (has("edge")) {
        log("CloudFront Functions");
        results.cloudfrontFunctions = measureCloudFrontPart();
        results.measured.edge = date;
    }
    if (has("test")) {
        results.test = measureTests(log);
        results.measured.test = date;
    }
    return results;
}

async function main(argv: string[]): Promise<number> {
    if (argv.includes("--help")) {
        console.log(USAGE);
        return 0;
    }
    let args: BenchArgs;
    try {
        args = parseArgs(argv);
    } catch (e) {
        if (e instanceof UsageError) {
            console.error(`error: ${e.message}`);
            return 2;
        }
        throw e;
    }
    const results = args.readmeOnly ? readResults() : await runBench(args);
    if (results === undefined) {
        console.error(`error: no ${path.relative(process.cwd(), RESULTS_FILE)} to render: run npm run bench`);
        return 2;
    }
    if (!args.readmeOnly) {
        fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
        fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    }
    const table = renderBenchTable(results);
    fs.writeFileSync(README_FILE, withBenchTable(fs.readFileSync(README_FILE, "utf8"), table));
    console.log(table);
    console.log(`\nWrote ${args.readmeOnly ? "" : `${path.relative(process.cwd(), RESULTS_FILE)} and `}the README's bench block.`);
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (error) => {
            console.error(`error: ${(error as Error).stack ?? error}`);
            process.exitCode = 1;
        },
    );
}
