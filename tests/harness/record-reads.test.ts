/**
 * tests/harness/record-reads.js: the list of files a child process read, which a kept check (the policy pack's start in
 * tests/harness/early.ts) is keyed by. A file missing from the list would let a kept result stand after that file changed.
 */
import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

describe("tests/harness/record-reads.js", () => {
    it("lists, once each, every file the process reads: its modules and its own reads, relative paths made absolute", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "record-reads-"));
        try {
            for (const f of ["data.txt", "cb.txt", "promised.txt"]) fs.writeFileSync(path.join(dir, f), "x");
            fs.writeFileSync(path.join(dir, "helper.js"), "module.exports = 1;");
            fs.writeFileSync(
                path.join(dir, "main.js"),
                'require("./helper"); const fs = require("fs"); fs.readFileSync("data.txt"); fs.readFileSync("data.txt", "utf8"); fs.readFile("cb.txt", () => {}); fs.promises.readFile("promised.txt");',
            );
            const list = path.join(dir, "reads.txt");
            execFileSync(process.execPath, ["-r", path.join(__dirname, "record-reads.js"), "main.js"], {
                cwd: dir,
                env: { PATH: process.env.PATH ?? "", AWS_PLATFORM_READS_FILE: list },
            });
            const read = fs.readFileSync(list, "utf8").trim().split("\n");
            const ours = read.filter((f) => f.startsWith(dir)).map((f) => path.relative(dir, f));
            assert.deepStrictEqual(ours.sort(), ["cb.txt", "data.txt", "helper.js", "main.js", "promised.txt"]);
            assert.equal(new Set(read).size, read.length);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("leaves fs.readFileSync as it is without AWS_PLATFORM_READS_FILE", () => {
        const wrapped = (env: Record<string, string>) =>
            execFileSync(
                process.execPath,
                ["-r", path.join(__dirname, "record-reads.js"), "-e", 'console.log(String(require("fs").readFileSync).includes("note(file)"))'],
                {
                    env: { PATH: process.env.PATH ?? "", ...env },
                    encoding: "utf8",
                },
            ).trim();
        assert.equal(wrapped({}), "false");
        assert.equal(wrapped({ AWS_PLATFORM_READS_FILE: os.devNull }), "true");
    });
});
