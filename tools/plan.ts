/**
 * `npm run plan -- <stack>`: what `pulumi preview` would do for a stack, without the Pulumi CLI or
 * an AWS account. Runs `stacks/index.ts` under the mock engine with `Pulumi.<stack>.yaml` and writes
 *
 *   out/<stack>/plan.json         the `pulumi preview --json` shape (steps, config, changeSummary)
 *   out/<stack>/graph.dot         the `pulumi stack graph` shape
 *   out/<stack>/architecture.mmd  a Mermaid flowchart of the components and how they connect
 *   out/<stack>/policy.json       the policy pack's report (components/policies, with policy/exceptions.ts), as
 *                                 `pulumi preview --policy-pack policy` would check the stack
 *   out/<stack>/cost.json         the monthly cost estimate at idle and at the stack's load profile, and the
 *                                 ServerlessApi/ContainerService crossover (components/cost)
 *
 * Exit codes: 0 planned, no mandatory policy violated; 1 the program failed; 2 usage, project or stack settings;
 * 3 planned, but a mandatory policy is violated (a real preview with the pack would fail). Every file is written
 * in both cases 0 and 3.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ProjectError, listStacks, maskConfig } from "./plan/config";
import { type PlanCost, type PlanCostOptions, planCost } from "./plan/cost";
import { Evaluation, evaluateProgram } from "./plan/evaluate";
import { renderGraph } from "./plan/graph";
import { renderMermaid } from "./plan/mermaid";
import { PreviewJson, buildPreview, installedProviderVersion } from "./plan/preview-json";
import { type PlanPolicy, type PlanPolicyOptions, planPolicies } from "./plan/policy";
import { renderOutputs, renderTree } from "./plan/tree";

const ROOT = path.resolve(__dirname, "..");

export interface PlanOptions {
    stack: string;
    /** Holds Pulumi.yaml and Pulumi.<stack>.yaml. Default: the repository root. */
    projectDir?: string;
    /** The program, relative to `projectDir` or absolute. Default: `stacks/index.ts`. */
    programPath?: string;
    /** Files go to `<outDir>/<stack>/`. Default: `<projectDir>/out`. */
    outDir?: string;
    /** The rules and exceptions checked. Default: the whole pack with `policy/exceptions.ts`. */
    policy?: PlanPolicyOptions;
    /** Prices and pricers of the cost estimate. Default: the repository's (components/cost). */
    cost?: PlanCostOptions;
}

export interface PlanResult {
    evaluation: Evaluation;
    plan: PreviewJson;
    /** The tree, counts and outputs, as printed. */
    text: string;
    /** The policy pack's findings over the plan: the check, policy.json's content and the printed report. */
    policy: PlanPolicy;
    /** The cost estimate at idle and at the stack's load, the crossover, cost.json's content and the printed table. */
    cost: PlanCost;
    files: { plan: string; graph: string; mermaid: string; policy: string; cost: string };
}

/**
 * Evaluates the program for a stack and writes its plan files. Re-requires the program on every call
 * (see `evaluateProgram`), so it may run several times in one process. Throws what the program throws,
 * and a `ProjectError` for a missing project or unknown stack.
 */
export async function runPlan(options: PlanOptions): Promise<PlanResult> {
    const projectDir = path.resolve(options.projectDir ?? ROOT);
    const programPath = path.resolve(projectDir, options.programPath ?? "stacks/index.ts");
    const outDir = path.resolve(options.outDir ?? path.join(projectDir, "out"), options.stack);

    const evaluation = await evaluateProgram({ projectDir, stack: options.stack, programPath });
    const plan = buildPreview({
        project: evaluation.project,
        stack: evaluation.stack,
        config: maskConfig(evaluation.config),
        resources: evaluation.resources,
        diagnostics: evaluation.diagnostics,
        providerVersion: (pkg) => installedProviderVersion(pkg, projectDir),
    });
    const states = plan.steps.map((s) => s.newState);

    fs.mkdirSync(outDir, { recursive: true });
    const files = {
        plan: path.join(outDir, "plan.json"),
        graph: path.join(outDir, "graph.dot"),
        mermaid: path.join(outDir, "architecture.mmd"),
        policy: path.join(outDir, "policy.json"),
        cost: path.join(outDir, "cost.json"),
    };
    fs.writeFileSync(files.plan, `${JSON.stringify(plan, null, 2)}\n`);
    fs.writeFileSync(files.graph, renderGraph(states));
    fs.writeFileSync(files.mermaid, renderMermaid(states));
    const policy = await planPolicies(evaluation.resources, evaluation.stack, options.policy);
    fs.writeFileSync(files.policy, `${JSON.stringify(policy.report, null, 2)}\n`);
    const cost = planCost(evaluation, options.cost);
    fs.writeFileSync(files.cost, `${JSON.stringify(cost.json, null, 2)}\n`);

    const diagnostics = evaluation.diagnostics.map((d) => `    ${d.severity}: ${d.message}`);
    const text = [renderTree(plan), renderOutputs(evaluation.maskedOutputs), ...(diagnostics.length ? ["Diagnostics:", ...diagnostics, ""] : [])]
        .filter((part) => part !== "")
        .join("\n");
    return { evaluation, plan, text, policy, cost, files };
}

/** What to print for a failure, and the exit code. */
export function describeFailure(error: unknown, stack: string): { message: string; code: number } {
    if (error instanceof ProjectError) return { message: `error: ${error.message}`, code: 2 };
    // Errors the program raises on purpose (ArgsError, config validation) carry a complete message:
    // the Pulumi CLI prints those without a stack trace, and so do we.
    if (pulumi.RunError.isInstance(error) || pulumi.ResourceError.isInstance(error)) {
        return { message: `error: the program failed for stack "${stack}": ${(error as Error).message}`, code: 1 };
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { message: `error: the program failed for stack "${stack}" with an unexpected error:\n${detail}`, code: 1 };
}

/** The command line: prints the plan and the policy report, and returns the exit code. `defaults` serve the tests. */
export async function main(argv: string[], defaults: Omit<PlanOptions, "stack"> = {}): Promise<number> {
    const [stack, ...extra] = argv;
    if (stack === undefined || stack.startsWith("-") || extra.length) {
        const stacks = fs.existsSync(ROOT) ? listStacks(ROOT) : [];
        console.error(
            `usage: npm run plan -- <stack>   (stacks: ${stacks.join(", ") || "none"})\n` +
                "Runs stacks/index.ts under the mock engine and writes out/<stack>/plan.json, graph.dot, architecture.mmd, policy.json and cost.json.",
        );
        return 2;
    }
    try {
        const result = await runPlan({ ...defaults, stack });
        const relative = (file: string) => path.relative(process.cwd(), file);
        console.log(`Previewing update (${stack}) offline, with the mock engine:\n`);
        console.log(result.text);
        console.log(result.policy.text);
        console.log(result.cost.text);
        console.log(`Wrote ${Object.values(result.files).map(relative).join(", ")}`);
        if (result.policy.check.mandatory > 0) {
            console.error(`error: ${result.policy.check.mandatory} mandatory policy violation(s); \`pulumi preview --policy-pack policy\` would fail`);
            return 3;
        }
        return 0;
    } catch (error) {
        const { message, code } = describeFailure(error, stack);
        console.error(message);
        return code;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => {
        // Set, not exit: stdout may still be flushing to a pipe.
        process.exitCode = code;
    });
}
