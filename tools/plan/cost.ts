/**
 * The plan's cost step: prices the evaluated program at idle and at the stack's load profile
 * (`aws-platform:load` over the preset's, stacks/config.ts), and answers the crossover question, with the cost
 * model of components/cost. What the plan prints after the policy report, and out/<stack>/cost.json.
 */
import {
    type CostEstimate,
    type CostJson,
    type CrossoverReport,
    type EstimateOptions,
    IDLE_LOAD,
    type LoadProfile,
    checkLoadProfile,
    costJson,
    crossover,
    estimateCost,
    fromRecords,
    renderCost,
    resolveLoad,
} from "../../components/cost";
import { formatIssue } from "../../components/shared/errors";
import { NAMESPACE, parseConfig } from "../../stacks/config";
import { ProjectError } from "./config";
import type { Evaluation } from "./evaluate";

/** Prices and pricers of the estimate (tests price with their own); the repository's by default. */
export type PlanCostOptions = Omit<EstimateOptions, "load">;

export interface PlanCost {
    idle: CostEstimate;
    load: CostEstimate;
    crossover: CrossoverReport;
    /** Where the load profile came from, as printed. */
    loadSource: string;
    /** out/<stack>/cost.json's content. */
    json: CostJson;
    /** The printed estimate. */
    text: string;
}

/**
 * The stack's load profile: a stack of this repository's program (one with `aws-platform:preset`) reads it as the
 * program reads its settings, validated, the preset's under `aws-platform:load`; another project's stack may give
 * `aws-platform:load` alone (over zeros); without either the stack is priced at idle only.
 */
export function stackLoad(evaluation: Evaluation): { load: LoadProfile; source: string } {
    const config = evaluation.config.config;
    const key = `${NAMESPACE}:load`;
    const file = `Pulumi.${evaluation.stack}.yaml`;
    const over = Object.hasOwn(config, key) ? ` with ${file} ${key}` : "";
    if (Object.hasOwn(config, `${NAMESPACE}:preset`)) {
        const parsed = parseConfig(evaluation.stack, config);
        return { load: parsed.load, source: `the ${parsed.preset} preset's${over}` };
    }
    if (!Object.hasOwn(config, key)) return { load: IDLE_LOAD, source: `none (no ${key} in ${file}): idle only` };
    let partial: unknown;
    try {
        partial = JSON.parse(config[key]);
    } catch {
        throw new ProjectError(`${file}: ${key} is not a YAML object; allowed: a mapping of load profile keys`);
    }
    const load = resolveLoad(partial as never, IDLE_LOAD);
    const issues = checkLoadProfile(load, key);
    if (issues.length) throw new ProjectError(`${file}: ${issues.length} invalid load profile setting(s):\n  - ${issues.map(formatIssue).join("\n  - ")}`);
    return { load, source: `${file} ${key}` };
}

/** Prices the evaluated program at idle and at its load; the crossover at its load. */
export function planCost(evaluation: Evaluation, options: PlanCostOptions = {}): PlanCost {
    const resources = fromRecords(evaluation.resources);
    const { load, source } = stackLoad(evaluation);
    const idle = estimateCost(resources, { ...options, load: IDLE_LOAD });
    const atLoad = estimateCost(resources, { ...options, load });
    const report = crossover(resources, load, { prices: options.prices, pricers: options.pricers });
    return {
        idle,
        load: atLoad,
        crossover: report,
        loadSource: source,
        json: costJson(evaluation.stack, idle, atLoad, report),
        text: renderCost(idle, atLoad, { loadSource: source, crossover: report }),
    };
}
