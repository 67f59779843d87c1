/**
 * Both stacks against the whole policy pack, as `npm run plan -- <stack>` checks them (with policy/exceptions.ts): no
 * mandatory and no advisory violation, no stale exception, no value a rule could not read. A finding is fixed in the
 * components' defaults or accepted in policy/exceptions.ts with its reason (listed in the README).
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type PlanResult, runPlan } from "../../tools/plan";
import type { PolicyReport } from "../../tools/plan/policy";

const ROOT = path.resolve(__dirname, "../..");

/** One line per finding, so that a failure lists them all with what to fix. */
const findings = (report: PolicyReport) =>
    report.policies.flatMap((p) => p.violations.map((v) => `${p.level} ${p.name} ${v.type}::${v.name}: ${v.message.split("\n").slice(1).join(" ")}`));

for (const stack of ["dev", "prod"]) {
    describe(`stack ${stack}: the policy pack`, function () {
        this.timeout(180000);
        let result: PlanResult;
        let written: PolicyReport;
        before(async () => {
            const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `policy-${stack}-`));
            result = await runPlan({ stack, projectDir: ROOT, outDir });
            written = JSON.parse(fs.readFileSync(path.join(outDir, stack, "policy.json"), "utf8"));
        });

        it("checks the stack's resources with every rule of the pack", () => {
            assert.equal(written.stack, stack);
            assert.ok(written.resourcesChecked > 0);
            assert.equal(written.policies.length, written.rules);
            assert.deepStrictEqual(written, JSON.parse(JSON.stringify(result.policy.report)));
        });

        it("has no mandatory violation", () => {
            const mandatory = findings(written).filter((f) => f.startsWith("mandatory "));
            assert.deepStrictEqual(mandatory, []);
            assert.equal(written.mandatory, 0);
        });

        it("has no advisory violation: each is fixed or an accepted exception", () => {
            assert.deepStrictEqual(
                findings(written).filter((f) => f.startsWith("advisory ")),
                [],
            );
            assert.equal(written.advisory, 0);
        });

        it("has no stale exception: each accepted exception still suppresses a finding here, or names its stacks", () => {
            assert.deepStrictEqual(
                written.staleExceptions.map((e) => `${e.policy} on ${e.resource}`),
                [],
            );
        });

        it("reads no value unknown to the plan", () => {
            assert.deepStrictEqual(
                written.unknowns.map((u) => u.message),
                [],
            );
        });
    });
}
