import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { filesUnder } from "../harness/files-under";

const TESTS = path.resolve(__dirname, "..");
const GUARD = path.join(TESTS, "harness", "plan-contract.ts");

const testSources = (dir: string) => filesUnder(dir, (name) => name.endsWith(".ts"), ["fixtures"]);

/** The lines of a source without its comments (line comments, and block comments' lines). */
function codeLines(text: string): { line: number; code: string }[] {
    let inBlock = false;
    return text.split("\n").flatMap((raw, i) => {
        let code = raw;
        if (inBlock) {
            const end = code.indexOf("*/");
            if (end < 0) return [];
            code = code.slice(end + 2);
            inBlock = false;
        }
        code = code.replace(/\/\*.*?\*\//g, "");
        const start = code.indexOf("/*");
        if (start >= 0) {
            inBlock = true;
            code = code.slice(0, start);
        }
        code = code.replace(/(^|\s)\/\/.*$/, "$1");
        return [{ line: i + 1, code }];
    });
}

describe("test sources", () => {
    it("name no absolute /work/ path in code, but through the guarded PLAN_CONTRACT_CHECKER (the pipeline's checkout has no /work)", () => {
        const hits = testSources(TESTS)
            .filter((f) => f !== GUARD)
            .flatMap((f) =>
                codeLines(fs.readFileSync(f, "utf8"))
                    .filter((l) => /["'`]\/work\//.test(l.code))
                    .map((l) => `${path.relative(TESTS, f)}:${l.line}: ${l.code.trim()}`),
            );
        assert.deepEqual(hits, []);
    });
});
