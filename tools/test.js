/**
 * `npm test`: the type-check with the package's build (tools/typecheck.js --emit), Biome over what changed (tools/lint.js), and
 * mocha, side by side.
 *
 * Run one after another, the type-check held a core for about 23 s on a clean clone while the other sat idle, and
 * mocha's two workers waited for it. Run together, the machine is busy from the start, and every step still runs
 * whole. What the old `a && b && c` gave is kept: the first step to fail stops the others, and `npm test` fails. The
 * one test that reads the build, tests/tools/package.test.ts, waits until the type-check has written it (the file named
 * by `AWS_PLATFORM_DIST_READY` holds the type-check's exit code once it is done).
 *
 * Mocha's output goes straight through; the type-check's and Biome's is printed after it, or at once when the step
 * fails; then one line with each step's time. Arguments go to mocha (`npm test -- --grep Network`). `AWS_PLATFORM_TEST_TIMES=<file>` also writes the
 * times as JSON (for `npm run bench`).
 */
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { waitForFile, writeAtomically } = require("./files");

const ROOT = path.resolve(__dirname, "..");

/** The steps, in the order the old script ran them (and their times are printed). */
function steps(mochaArgs) {
    return [
        { name: "type-check", command: [path.join(ROOT, "tools", "typecheck.js"), "--emit"], captured: true },
        { name: "lint", command: [path.join(ROOT, "tools", "lint.js")], captured: true },
        { name: "mocha", command: [require.resolve("mocha/bin/mocha.js", { paths: [ROOT] }), ...mochaArgs], captured: false },
    ];
}

/** How a step's command reads in the summary: `node tools/typecheck.js --emit`, `node tools/lint.js`, `mocha`. */
function shown(command) {
    const [script, ...args] = command;
    const name = script.includes(`${path.sep}node_modules${path.sep}`) ? path.basename(script).replace(/\.js$/, "") : `node ${path.relative(ROOT, script)}`;
    return [name, ...args].join(" ");
}

/** A captured step's output, under the command that printed it. */
function printOutput(step) {
    if (!step.captured || step.output.length === 0) return;
    process.stdout.write(`\n> ${shown(step.command)}${step.exitCode === 0 ? "" : ` (exit ${step.exitCode})`}\n${Buffer.concat(step.output).toString()}`);
}

/**
 * Runs the steps side by side (each `{ name, command: [script, ...args], captured }`, started with this Node); resolves
 * to each one's time and exit code. The step named "type-check" signals `AWS_PLATFORM_DIST_READY` when it ends.
 */
function run(list) {
    const ready = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-platform-test-")), "dist-ready");
    const started = Date.now();
    const all = list.map((step) => ({ ...step, output: [], ms: undefined, exitCode: undefined }));
    let stopping = false;

    const stopOthers = () => {
        if (stopping) return;
        stopping = true;
        for (const s of all) if (s.exitCode === undefined && s.child?.pid !== undefined) kill(s.child);
    };
    // mocha forks its workers into its own process group: stopping it stops them too.
    const kill = (child) => {
        try {
            process.kill(-child.pid, "SIGTERM");
        } catch {
            child.kill("SIGTERM");
        }
    };

    const finished = all.map(
        (step) =>
            new Promise((resolve) => {
                const child = spawn(process.execPath, step.command, {
                    cwd: ROOT,
                    env: { ...process.env, AWS_PLATFORM_DIST_READY: ready },
                    stdio: step.captured ? ["ignore", "pipe", "pipe"] : "inherit",
                    detached: true,
                });
                step.child = child;
                if (step.captured) {
                    child.stdout.on("data", (d) => step.output.push(d));
                    child.stderr.on("data", (d) => step.output.push(d));
                }
                child.on("close", (code, signal) => {
                    step.ms = Date.now() - started;
                    step.exitCode = code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1);
                    if (step.name === "type-check") writeAtomically(ready, String(step.exitCode));
                    // A failure's output at once; a clean step's after mocha's report, not in the middle of it.
                    if (step.exitCode !== 0) {
                        printOutput(step);
                        if (!stopping) {
                            process.stderr.write(`\nnpm test: ${step.name} failed (exit ${step.exitCode}); stopping the other steps.\n`);
                            stopOthers();
                        }
                    }
                    resolve();
                });
            }),
    );
    for (const signal of ["SIGINT", "SIGTERM"]) {
        process.once(signal, () => {
            stopOthers();
            process.exitCode = 130;
        });
    }

    return Promise.all(finished).then(() => {
        const totalMs = Date.now() - started;
        for (const step of all) if (step.exitCode === 0) printOutput(step);
        fs.rmSync(path.dirname(ready), { recursive: true, force: true });
        const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
        const parts = all.map((s) => `${s.name} ${seconds(s.ms)}${s.exitCode === 0 ? "" : ` (exit ${s.exitCode})`}`);
        process.stdout.write(`\nnpm test: ${parts.join(", ")}; side by side, ${seconds(totalMs)} in all\n`);
        if (process.env.AWS_PLATFORM_TEST_TIMES) {
            const times = { totalMs, steps: all.map((s) => ({ name: s.name, command: shown(s.command), ms: s.ms, exitCode: s.exitCode })) };
            fs.writeFileSync(process.env.AWS_PLATFORM_TEST_TIMES, `${JSON.stringify(times, null, 2)}\n`);
        }
        const failed = all.find((s) => s.exitCode !== 0);
        return { exitCode: failed ? failed.exitCode || 1 : 0, totalMs, steps: all.map(({ name, ms, exitCode }) => ({ name, ms, exitCode })) };
    });
}

/**
 * For tests/tools/package.test.ts: under `npm test`, resolves once the type-check has written the build, and rejects
 * when it failed; without `npm test`'s variable, resolves at once (the test then checks the build itself).
 */
async function distReady() {
    const file = process.env.AWS_PLATFORM_DIST_READY;
    if (!file) return false;
    const code = (await waitForFile(file, 100)).trim();
    if (code !== "0") throw new Error(`the type-check failed (exit ${code}), so dist/ was not built: see its output`);
    return true;
}

if (require.main === module) {
    run(steps(process.argv.slice(2))).then((r) => {
        if (process.exitCode === undefined) process.exitCode = r.exitCode;
    });
}

module.exports = { distReady, run, steps, shown };
