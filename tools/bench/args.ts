/** `npm run bench -- [--runs N] [--only plan,test,lambda,edge,resources] [--note text] [--readme-only]`. */
import { PARTS, type Part } from "./results";

export interface BenchArgs {
    /** Runs per median. */
    runs: number;
    /** The parts to measure, in PARTS order. */
    only: Part[];
    /** Written to results.json and the README block (e.g. "measured while other jobs ran"). */
    note: string;
    /** Measure nothing: rewrite the README block from bench/results.json. */
    readmeOnly: boolean;
}

export const DEFAULT_RUNS = 5;
export const DEFAULT_NOTE = "Timings vary with the machine and its load; compare ratios rather than seconds.";

export const USAGE = [
    "usage: npm run bench -- [--runs N] [--only plan,test,lambda,edge,resources] [--note text] [--readme-only]",
    `  --runs   runs per median (default ${DEFAULT_RUNS})`,
    "  --only   the parts to measure (default: all); the others keep their values from bench/results.json",
    "  --note   a note written to bench/results.json and the README block",
    "  --readme-only   measure nothing: rewrite the README block from bench/results.json (e.g. after a merge)",
].join("\n");

/** A bad command line: the message says what and how. */
export class UsageError extends Error {}

export function parseArgs(argv: string[]): BenchArgs {
    const out: BenchArgs = { runs: DEFAULT_RUNS, only: [...PARTS], note: DEFAULT_NOTE, readmeOnly: false };
    const problems: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
        const value = () => inline ?? argv[++i];
        if (flag === "--runs") {
            const v = value();
            if (v === undefined || !/^[1-9][0-9]*$/.test(v)) problems.push(`--runs=${v} must be a whole number of at least 1`);
            else out.runs = Number(v);
        } else if (flag === "--only") {
            const v = value();
            const names = (v ?? "").split(",").filter((s) => s !== "");
            const unknown = names.filter((n) => !(PARTS as readonly string[]).includes(n));
            if (names.length === 0 || unknown.length > 0) problems.push(`--only=${v} must list parts among ${PARTS.join(", ")}`);
            else out.only = PARTS.filter((p) => names.includes(p));
        } else if (flag === "--note") {
            const v = value();
            if (v === undefined || v.trim() === "") problems.push("--note needs a text");
            else out.note = v;
        } else if (flag === "--readme-only" && inline === undefined) {
            out.readmeOnly = true;
        } else {
            problems.push(`unknown argument ${argv[i]}`);
        }
    }
    if (problems.length > 0) throw new UsageError(`${problems.join("; ")}\n${USAGE}`);
    return out;
}
