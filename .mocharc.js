/**
 * mocha's settings for `npm test`. Every test file runs, in two worker processes (one per core), each file whole in one
 * worker. Workers take files in the order given, so the files that take longest go first: started last, a 9 s file
 * would keep one worker busy while the other sits idle (longest-first is the classic schedule for two machines). The
 * list is a hint measured with `npm run bench`'s per-file times; a file missing from it still runs, in path order.
 *
 * One exception: tests/tools/package.test.ts packs the build that `npm test`'s type-check writes beside mocha
 * (tools/test.js), about 25 s into a run on a clean clone. It goes halfway down the list, where a worker reaches it
 * after that (with warm caches, the type-check is skipped at once and the file takes about 1.2 s wherever it runs).
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/**
 * The files that read the repository's dev and prod plans (`stackPlan`, tests/harness/stack-plans.ts, which evaluates
 * each stack once per process) run in one worker, as one job: this entry loads them (the list is below). Spread over
 * both workers, the second worker to reach one evaluated both stacks again (about 2 s of CPU).
 */
const PLAN_ENTRY = "tests/harness/plan-readers.ts";

/** Slowest first, as measured in a worker of `npm test` on the idle 2-core machine (seconds in the comment, 2026-11-26). */
const SLOWEST_FIRST = [
    PLAN_ENTRY, // 10: tests/stacks/stacks.test.ts (both stacks and seven variants) and the other plan readers
    "tests/functions/items-property.test.ts", // 2 to 4: property tests against dynalite
    "tests/functions/orders-db/api.test.ts", // 2.8: PostgreSQL
    "tests/property/bad-input.test.ts", // 2.0
    "tests/tools/test-runner.test.ts", // 1.8: stand-in steps in fresh processes
    "tests/tools/defer-modules.test.ts", // 1.8: fresh Node processes (0.4 while their kept runs stand)
    "tests/functions/thumbnail-s3.test.ts", // 1.8: a local S3 server and real images
    "tests/harness/postgres.test.ts", // 1.6: PostgreSQL servers started and stopped
    "tests/functions/ingest/time-budget.test.ts", // 1.5: real SDK timeouts against an endpoint that never answers
    "tests/components/table/dax.test.ts", // 1.3: fresh Node processes (0.1 while their kept runs stand)
    "tests/functions/orders-db/bundle.test.ts", // 1.1
];

/** Every `*.test.ts` under `dir`, in path order. */
function testFiles(dir) {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .flatMap((e) => {
            const file = path.join(dir, e.name);
            return e.isDirectory() ? testFiles(file) : e.name.endsWith(".test.ts") ? [file] : [];
        });
}

const AFTER_BUILD = "tests/tools/package.test.ts"; // 8 s cold, 1.2 s warm: npm pack, a consumer project type-checked and run

const all = testFiles("tests");
// Every file that calls `stackPlan(`, in path order; the workers inherit the list.
const planReaders = all.filter((f) => /\bstackPlan\(/.test(fs.readFileSync(f, "utf8")));
process.env.AWS_PLATFORM_PLAN_READERS = JSON.stringify(planReaders);
const jobs = [PLAN_ENTRY, ...all.filter((f) => !planReaders.includes(f))];
const first = SLOWEST_FIRST.filter((f) => jobs.includes(f));
const rest = jobs.filter((f) => !first.includes(f) && f !== AFTER_BUILD);
const order = [...first, ...rest];
if (all.includes(AFTER_BUILD)) order.splice(Math.floor(order.length / 2), 0, AFTER_BUILD);

module.exports = {
    // early.ts: checks that only wait on a child process start with the run, in mocha's main process (see there).
    require: ["./tools/register.js", "./tests/harness/early.ts"],
    spec: order,
    parallel: true,
    jobs: 2,
    // A larger young generation for the workers (V8's default tops out at 16 MB a semi-space; mocha passes the flag to
    // the workers it forks): a worker keeps every file's modules and fixtures alive, and with the default it spent
    // about 13 % more CPU on the component tests, mostly copying the same survivors between small semi-spaces.
    // Short-lived processes (`npm run plan`) gain nothing from it. And one thread for V8's garbage collection: with two
    // workers, mocha's own process and the tests' child processes on two cores, helper threads only contend (about 2 s
    // less CPU over the run, and the run about 0.7 s shorter, medians of 3).
    "node-option": ["max-semi-space-size=64", "single-threaded-gc"],
    timeout: 30000,
    reporter: "spec",
};
