import * as assert from "node:assert";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bundle } from "../../../components/shared/bundle";
import { assetSummary } from "../../../components/testing/engine";
import { PlanResult, runPlan } from "../../../tools/plan";
import { ENTRY } from "./fixtures";

const PROJECT = path.join(__dirname, "fixtures", "plan");
const SIG = "4dabf18193072939515e22adb298388d";

describe("offline plan of a LambdaFunction", () => {
    let tmp: string;
    let result: PlanResult;
    let text: string;
    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-plan-"));
        result = await runPlan({ stack: "demo", projectDir: PROJECT, programPath: "index.ts", outDir: path.join(tmp, "out") });
        text = fs.readFileSync(result.files.plan, "utf8");
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("shows the function's code as the bundle's SHA-256 and size", () => {
        const fn = result.plan.steps.find((s) => s.newState.type === "aws:lambda/function:Function");
        const b = bundle(ENTRY);
        assert.deepEqual(fn?.newState.inputs.code, { archive: "assets", assets: { "index.js": { asset: "string", sha256: b.sha256, bytes: b.bytes } } });
    });

    it("writes no bundle text into plan.json (so no 'undefined' from minified code reaches the plan contract)", () => {
        const b = bundle(ENTRY);
        assert.ok(!text.includes(b.code.slice(0, 200)));
        assert.ok(!text.includes(SIG));
        assert.ok(!/\bundefined\b/.test(text));
        assert.ok(text.length < 20_000, `${text.length} characters`);
    });

    it("keeps the code itself in the unmasked inputs tests assert on", () => {
        const fn = result.evaluation.resources.find((r) => r.type === "aws:lambda/function:Function");
        assert.equal(fn?.inputs.code.assets["index.js"].text, bundle(ENTRY).code);
    });
});

describe("assetSummary", () => {
    it("describes files and remote archives by where they are", () => {
        assert.deepEqual(assetSummary({ [SIG]: "0def7320c3a5731c473e5ecbe6d01bc7", path: "./app.zip" }), { archive: "file", path: "./app.zip" });
        assert.deepEqual(assetSummary({ [SIG]: "c44067f5952c0a294b673a41bacd8c17", uri: "https://example.com/a.txt" }), {
            asset: "remote",
            uri: "https://example.com/a.txt",
        });
    });

    it("counts UTF-8 bytes of a text asset", () => {
        assert.deepEqual(assetSummary({ [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: "é" }), {
            asset: "string",
            sha256: createHash("sha256").update("é").digest("hex"),
            bytes: 2,
        });
    });
});
