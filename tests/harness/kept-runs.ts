/**
 * A Node child process whose clean run is kept, as the clean type-checks are (./kept-checks.ts): a run that exits 0 is
 * recorded with what it printed and the SHA-1 of every file it read (./record-reads.js, preloaded), and while all of
 * them are byte for byte the same a later call returns the recorded output without starting a process. For checks
 * that only compute from files: a fresh Node loading the Pulumi SDK to see what it loads (tests/tools/defer-modules),
 * a consumer project requiring the packed library (tests/tools/package). Each such process costs a few hundred
 * milliseconds to a second of CPU, mostly loading `@pulumi/pulumi` and `@pulumi/aws`.
 *
 * What decides the output besides the files: the arguments, the variables the caller sets for the child (`env`) and
 * the project's, Pulumi's and Node's settings it inherits (`AWS_PLATFORM_*`, `PULUMI_*`, `NODE_*`, `TS_NODE_*`; the
 * rest of the environment must not matter to the check), Node's version, TypeScript's and the lock files (in the
 * record's key). Files under `base` (a scratch project made afresh for each run) are recorded relative to it.
 * Records live in node_modules/.cache/aws-platform-kept-runs (safe to delete); `AWS_PLATFORM_KEPT_RUNS=0` always runs.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { keepCheck, keptCheck, stillClean } from "./kept-checks";

/** The preload that lists what a child reads (`node -r`). */
export const RECORDER = path.join(__dirname, "record-reads.js");
/** Variables that name one run's scratch files (npm test's, mocha's early checks'), left out of the key. */
const PER_RUN = new Set([
    "AWS_PLATFORM_EARLY_DIR",
    "AWS_PLATFORM_DIST_READY",
    "AWS_PLATFORM_TEST_TIMES",
    "AWS_PLATFORM_READS_FILE",
    "AWS_PLATFORM_PLAN_READERS",
]);

export interface KeptRunOptions {
    cwd: string;
    /** Variables set for the child on top of this process's environment; part of the record's key. */
    env?: Record<string, string>;
    /** A scratch folder: its path is replaced in the key and files under it are recorded relative to it. */
    base?: string;
    /** What else decides the output (e.g. the list of files a module could resolve to): part of the record's key. */
    key?: string[];
}

/**
 * The key parts every kept child shares: Node's version, the recorder, and the child's variables that may change what
 * it does: the caller's (`env`), and this project's, Pulumi's and Node's settings it inherits, not the ones that name a
 * run's own scratch files. Also used for the policy pack's kept start (./early.ts).
 */
export function childKey(env: Record<string, string> = {}): (string | Buffer)[] {
    const inherited = Object.entries(process.env).filter(([k]) => /^(AWS_PLATFORM_|PULUMI_|NODE_|TS_NODE_)/.test(k) && !PER_RUN.has(k) && !(k in env));
    const settings = [...inherited, ...Object.entries(env)].sort(([a], [b]) => (a < b ? -1 : 1));
    return [process.version, JSON.stringify(settings), fs.readFileSync(RECORDER)];
}

/** The files the recorder listed in `file`, in the order they were first read (none when the child read nothing). */
export function recordedReads(file: string): string[] {
    return fs.existsSync(file)
        ? fs
              .readFileSync(file, "utf8")
              .split("\n")
              .filter((f) => f !== "")
        : [];
}

/** `node <args>`'s standard output, from the record of an earlier clean run while every file it read is unchanged. */
export function keptNodeRun(args: string[], options: KeptRunOptions): string {
    const { cwd, env = {}, base, key = [] } = options;
    const stable = (s: string) => (base === undefined ? s : s.split(base).join("<base>"));
    const record = keptCheck(
        "aws-platform-kept-runs",
        "AWS_PLATFORM_KEPT_RUNS",
        [...childKey(env), JSON.stringify(args.map(stable)), stable(cwd), ...key],
        base,
    );
    if (stillClean(record)) return (record!.data as { stdout: string }).stdout;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kept-run-"));
    try {
        const readsFile = path.join(dir, "reads.txt");
        const stdout = execFileSync(process.execPath, ["-r", RECORDER, ...args], {
            cwd,
            encoding: "utf8",
            env: { ...process.env, ...env, AWS_PLATFORM_READS_FILE: readsFile },
            stdio: ["ignore", "pipe", "pipe"],
        });
        keepCheck(record, recordedReads(readsFile), { stdout });
        return stdout;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
