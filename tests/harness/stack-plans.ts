/**
 * The repository's own stacks planned once per test process: tests/stacks/stacks.test.ts, policy.test.ts and
 * data-protection.test.ts read the same dev and prod plans, and each evaluation of a stack takes seconds. The result
 * is shared, so tests only read it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type PlanResult, runPlan } from "../../tools/plan";

const ROOT = path.resolve(__dirname, "../..");
const plans = new Map<string, Promise<{ result: PlanResult; outDir: string }>>();

/** `npm run plan -- <stack>` of the repository's program, once: the result and the directory its files went to (`<outDir>/<stack>/`). */
export function stackPlan(stack: string): Promise<{ result: PlanResult; outDir: string }> {
    let plan = plans.get(stack);
    if (plan === undefined) {
        const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `plan-${stack}-`));
        plan = runPlan({ stack, projectDir: ROOT, outDir }).then((result) => ({ result, outDir }));
        plans.set(stack, plan);
    }
    return plan;
}
