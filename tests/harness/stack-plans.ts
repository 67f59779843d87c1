/**
 * The repository's own stacks planned once per test process: tests/stacks/stacks.test.ts, policy.test.ts,
 * data-protection.test.ts, cost.test.ts and four files of tests/cost/ read the same dev and prod plans, and each
 * evaluation of a stack takes seconds. The result is shared, so tests only read it. Under `npm test` those files run
 * in one worker (./plan-readers.ts), so the stacks are evaluated once per run.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RecordedResource } from "../../components/testing";
import { type PlanResult, runPlan } from "../../tools/plan";
import { type Evaluation, evaluateProgram } from "../../tools/plan/evaluate";

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

/**
 * The program evaluated for a scratch stack of the given settings (the lines under `config:` after `aws:region`), as
 * `npm run plan -- <stack>` evaluates it: its resources, outputs and diagnostics, with the same failures (a thrown
 * error, an unhandled rejection, a value a deployment would break on). The preview, policy report and files that
 * `npm run plan` derives from an evaluation are tested on the repository's own stacks; a variant only needs what the
 * program built, at about two thirds of a plan's time. Settings evaluated once per process, like `stackPlan`.
 */
export function evaluateVariant(stack: string, lines: string[], region = "us-east-1"): Promise<{ evaluation: Evaluation; resources: RecordedResource[] }> {
    const settings = ["config:", `  aws:region: ${region}`, ...lines, ""].join("\n");
    const key = `${stack}\0${settings}`;
    let evaluated = variants.get(key);
    if (evaluated === undefined) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${stack}-`));
        fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), settings);
        evaluated = evaluateProgram({ stack, projectDir: dir, programPath: path.join(ROOT, "stacks/index.ts") }).then((evaluation) => ({
            evaluation,
            resources: evaluation.resources as RecordedResource[],
        }));
        variants.set(key, evaluated);
    }
    return evaluated;
}
const variants = new Map<string, Promise<{ evaluation: Evaluation; resources: RecordedResource[] }>>();
