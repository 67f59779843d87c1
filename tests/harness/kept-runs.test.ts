/**
 * tests/harness/kept-runs.ts: a child process's clean run kept while every file it read is unchanged. A stand-in child
 * counts its starts in a file it only appends to (a write, not a read), so the tests see when it ran.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { keptNodeRun } from "./kept-runs";

describe("tests/harness/kept-runs.ts", () => {
    let dir: string;
    const saved = process.env.AWS_PLATFORM_KEPT_RUNS;
    // Reads data.txt, prints it, and appends a line to starts.txt each time it runs.
    const script =
        'const fs = require("fs"); fs.appendFileSync("starts.txt", "x\\n"); console.log(fs.readFileSync("data.txt", "utf8") + (process.env.EXTRA ?? ""));';
    const starts = () => fs.readFileSync(path.join(dir, "starts.txt"), "utf8").split("\n").filter(Boolean).length;
    const run = (env: Record<string, string> = {}) => keptNodeRun(["-e", script], { cwd: dir, base: dir, env }).trim();

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "kept-runs-"));
        fs.writeFileSync(path.join(dir, "data.txt"), `first ${dir}`);
        delete process.env.AWS_PLATFORM_KEPT_RUNS;
    });
    afterEach(() => {
        if (saved === undefined) delete process.env.AWS_PLATFORM_KEPT_RUNS;
        else process.env.AWS_PLATFORM_KEPT_RUNS = saved;
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("runs once, then answers from the record until a file the run read changes", () => {
        assert.equal(run(), `first ${dir}`);
        assert.equal(run(), `first ${dir}`);
        assert.equal(starts(), 1);
        fs.writeFileSync(path.join(dir, "data.txt"), `second ${dir}`);
        assert.equal(run(), `second ${dir}`);
        assert.equal(starts(), 2);
    });

    it("runs again for other variables set for the child, and with AWS_PLATFORM_KEPT_RUNS=0 every time", () => {
        run();
        assert.equal(run({ EXTRA: "!" }), `first ${dir}!`);
        assert.equal(starts(), 2);
        process.env.AWS_PLATFORM_KEPT_RUNS = "0";
        run();
        run();
        assert.equal(starts(), 4);
    });

    it("keeps no failed run: it throws, and the next call runs again", () => {
        fs.rmSync(path.join(dir, "data.txt"));
        assert.throws(() => run(), /ENOENT/);
        assert.throws(() => run(), /ENOENT/);
        assert.equal(starts(), 2);
    });
});
