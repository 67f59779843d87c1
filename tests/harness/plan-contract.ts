import * as fs from "node:fs";
import type { Context } from "mocha";

/**
 * The workstation's plan-contract checker. It lives outside the repository, so a checkout without it (the pipeline's
 * Test stage in CodeBuild) skips the tests that run it instead of failing `npm test`. The only absolute path the tests
 * may name (tests/tools/test-paths.test.ts).
 */
export const PLAN_CONTRACT_CHECKER = "/work/shared/checks/plan-contract.py";

/** Skips the running test, with the reason, when the checker is absent. */
export function requirePlanContractChecker(ctx: Context): void {
    if (!fs.existsSync(PLAN_CONTRACT_CHECKER)) {
        // Mocha prints skipped tests as pending without a reason: say it once here.
        console.log(`      (skipped: ${PLAN_CONTRACT_CHECKER} is not in this checkout's machine)`);
        ctx.skip();
    }
}
