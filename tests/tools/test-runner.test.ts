/**
 * tools/test.js, what `npm test` runs: the type-check with the build, Biome and mocha side by side, the first failure
 * stopping the rest, and the package test told when the build is written. The runner is exercised on small stand-in
 * steps in a fresh process (it cannot run `npm test` inside `npm test`).
 */
import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const runner = require("../../tools/test.js") as {
    steps: (mochaArgs: string[]) => { name: string; command: string[]; captured: boolean }[];
    shown: (command: string[]) => string;
    distReady: () => Promise<boolean>;
};

interface Outcome {
    result: { exitCode: number; totalMs: number; steps: { name: string; ms: number; exitCode: number }[] };
    stdout: string;
}

/** Runs tools/test.js's `run` on stand-in steps (name → script source) in a fresh Node; what it returned and printed. */
function runSteps(scripts: [name: string, source: string][]): Outcome {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "test-runner-"));
    try {
        const list = scripts.map(([name, source]) => {
            const file = path.join(dir, `${name}.js`);
            fs.writeFileSync(file, source);
            return { name, command: [file], captured: name !== "mocha" };
        });
        const main = [
            `const { run } = require(${JSON.stringify(path.join(ROOT, "tools", "test.js"))});`,
            `run(${JSON.stringify(list)}).then((r) => console.log("RESULT " + JSON.stringify(r)));`,
        ].join("\n");
        const stdout = execFileSync(process.execPath, ["-e", main], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
        const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
        assert.ok(line, stdout);
        return { result: JSON.parse(line.slice("RESULT ".length)), stdout };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * A stand-in for mocha that runs `ms`: waits for the build as tests/tools/package.test.ts does, prints what it learnt,
 * and at its end when it ran (`span mocha <start> <end>`, epoch milliseconds).
 */
const waitingMocha = (ms: number) => `const { distReady } = require(${JSON.stringify(path.join(ROOT, "tools", "test.js"))});
const started = Date.now();
distReady().then((built) => console.log("built: " + built), (e) => console.log("not built: " + e.message));
setTimeout(() => console.log("mocha done\\nspan mocha " + started + " " + Date.now()), ${ms});`;

/** A stand-in step that runs `ms`, then prints `text` and when it ran (`span <name> <start> <end>`). */
const timedStep = (name: string, ms: number, text: string) =>
    `const started = Date.now(); setTimeout(() => console.log(${JSON.stringify(text)} + "\\nspan ${name} " + started + " " + Date.now()), ${ms});`;

/** Each step's name and exit code, in the order the runner reported them. */
const exitCodes = (result: Outcome["result"]) => result.steps.map((s) => [s.name, s.exitCode]);

/** The spans the stand-ins printed, by name. */
function spans(stdout: string): Record<string, { start: number; end: number }> {
    return Object.fromEntries([...stdout.matchAll(/^span (\S+) (\d+) (\d+)$/gm)].map((m) => [m[1], { start: Number(m[2]), end: Number(m[3]) }]));
}

describe("tools/test.js (npm test)", function () {
    this.timeout(60_000);

    it("is package.json's test script, and runs the type-check with the build, the lint script's command and mocha", () => {
        const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;
        assert.equal(scripts.test, "node tools/test.js");
        const steps = runner.steps(["--grep", "Network"]);
        assert.deepEqual(
            steps.map((s) => [s.name, runner.shown(s.command), s.captured]),
            [
                ["type-check", "node tools/typecheck.js --emit", true],
                ["lint", scripts.lint, true],
                ["mocha", "mocha --grep Network", false],
            ],
        );
        for (const s of steps) assert.ok(fs.existsSync(s.command[0]!), s.command[0]);
    });

    it("runs the steps side by side, tells the waiting test when the type-check has built, and prints the others' output after mocha's", () => {
        const { result, stdout } = runSteps([
            ["type-check", timedStep("type-check", 500, "checked")],
            ["lint", 'console.log("linted");'],
            ["mocha", waitingMocha(800)],
        ]);
        assert.equal(result.exitCode, 0);
        assert.deepEqual(exitCodes(result), [
            ["type-check", 0],
            ["lint", 0],
            ["mocha", 0],
        ]);
        // Side by side: mocha ran while the type-check did (one after another, mocha would start after it ended).
        const { "type-check": check, mocha } = spans(stdout);
        assert.ok(check && mocha, stdout);
        assert.ok(mocha.start < check.end && check.start < mocha.end, `type-check ${JSON.stringify(check)}, mocha ${JSON.stringify(mocha)}`);
        assert.ok(result.totalMs - result.steps[2]!.ms < 100, "the run ends with its last step");
        assert.ok(result.steps[0]!.ms < result.steps[2]!.ms);
        const order = ["built: true", "mocha done", "type-check.js\nchecked", "lint.js\nlinted", "npm test: type-check"].map((t) => stdout.indexOf(t));
        assert.ok(
            order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!)),
            stdout,
        );
    });

    it("stops the other steps when one fails, and fails with its exit code", () => {
        const started = Date.now();
        const { result, stdout } = runSteps([
            ["type-check", 'console.log("src/a.ts(1,1): error TS2322"); process.exit(2);'],
            ["lint", "setTimeout(() => {}, 20000);"],
            ["mocha", waitingMocha(20000)],
        ]);
        assert.ok(Date.now() - started < 10_000, "the 20 s steps were stopped");
        assert.equal(result.exitCode, 2);
        assert.deepEqual(exitCodes(result), [
            ["type-check", 2],
            ["lint", 143],
            ["mocha", 143],
        ]);
        assert.match(stdout, /type-check\.js \(exit 2\)\nsrc\/a\.ts\(1,1\): error TS2322/);
        assert.doesNotMatch(stdout, /mocha done/);
    });

    describe("distReady, which the package test awaits", () => {
        const saved = process.env.AWS_PLATFORM_DIST_READY;
        let dir: string;
        beforeEach(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "dist-ready-"));
        });
        afterEach(() => {
            if (saved === undefined) delete process.env.AWS_PLATFORM_DIST_READY;
            else process.env.AWS_PLATFORM_DIST_READY = saved;
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("outside npm test, answers false at once: nothing signals the build, so the test checks dist/ itself", async () => {
            delete process.env.AWS_PLATFORM_DIST_READY;
            assert.equal(await runner.distReady(), false);
        });

        it("waits for the type-check's exit code, then answers true when it built", async () => {
            const file = path.join(dir, "ready");
            process.env.AWS_PLATFORM_DIST_READY = file;
            let settled = false;
            const ready = runner.distReady().finally(() => {
                settled = true;
            });
            await new Promise((resolve) => setTimeout(resolve, 250));
            assert.equal(settled, false, "answered before the type-check ended");
            fs.writeFileSync(file, "0");
            assert.equal(await ready, true);
        });

        it("fails when the type-check failed, naming its exit code", async () => {
            const file = path.join(dir, "ready");
            fs.writeFileSync(file, "2");
            process.env.AWS_PLATFORM_DIST_READY = file;
            await assert.rejects(runner.distReady(), /the type-check failed \(exit 2\), so dist\/ was not built/);
        });
    });
});
