import * as assert from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPlan } from "../../tools/plan";
import { PreviewJson, PreviewStep, providerId } from "../../tools/plan/preview-json";
import { PLAN_CONTRACT_CHECKER, requirePlanContractChecker } from "../harness/plan-contract";

const FIXTURE = path.join(__dirname, "fixtures", "edge-project");
const PROVIDER = "urn:pulumi:edge::aws-platform::aws-platform:edge:EdgeLambda$pulumi:providers:aws::router-us-east-1";

describe("offline plan with an explicit aws provider (an EdgeLambda in us-east-1, the stack in eu-west-1)", () => {
    let tmp: string;
    let plan: PreviewJson;
    let text: string;
    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-providers-"));
        const result = await runPlan({ stack: "edge", projectDir: FIXTURE, programPath: "index.ts", outDir: path.join(tmp, "out") });
        plan = result.plan;
        text = result.text;
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const aws = () => plan.steps.filter((s) => s.newState.type.startsWith("aws:"));

    it("plans the provider as a step of its own, under the component, with its region", () => {
        const step = plan.steps.find((s) => s.urn === PROVIDER) as PreviewStep;
        assert.ok(step, plan.steps.map((s) => s.urn).join("\n"));
        assert.equal(step.newState.inputs.region, "us-east-1");
        assert.equal(step.newState.parent, "urn:pulumi:edge::aws-platform::aws-platform:edge:EdgeLambda::router");
    });

    it("references the explicit provider, by its UUID, from every aws resource, and adds no default provider", () => {
        assert.equal(aws().length, 4);
        for (const s of aws()) assert.equal(s.provider, `${PROVIDER}::${providerId(PROVIDER)}`, s.urn);
        assert.deepEqual(
            plan.steps.filter((s) => s.newState.type === "pulumi:providers:aws").map((s) => s.urn),
            [PROVIDER],
        );
    });

    it("plans the provider before the first resource that uses it", () => {
        const index = plan.steps.findIndex((s) => s.urn === PROVIDER);
        assert.ok(aws().every((s) => plan.steps.indexOf(s) > index));
    });

    it("shows the function's ARN in us-east-1 although the stack is in eu-west-1", () => {
        assert.equal(plan.config["aws:region"], "eu-west-1");
        assert.match(text, /qualifiedArn: "arn:aws:lambda:us-east-1:123456789012:function:router-[0-9a-f]{7}:1"/);
    });

    it("keeps the plan contract", function () {
        requirePlanContractChecker(this);
        const out = execFileSync("python3", [PLAN_CONTRACT_CHECKER, "edge"], { cwd: tmp, encoding: "utf8" });
        assert.match(out, /plan contract: 0 problem\(s\); edge 7 steps/);
    });
});
