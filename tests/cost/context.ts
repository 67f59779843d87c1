/**
 * Builders for pricer tests: a PricingContext over a handful of PlanResources (the cost model's own `indexPlan`), a
 * load profile (zeros unless given) and a price table over the given price records (the model's own `priceTable`
 * with only those prices), so a pricer is tested without the estimator.
 */
import { fromRecords, indexPlan } from "../../components/cost/plan-index";
import { priceTable } from "../../components/cost/prices";
import { INSTANCE_PRICES } from "../../components/cost/prices/instances";
import { IDLE_LOAD } from "../../components/cost/profile";
import type { LoadProfile, PlanIndex, PlanResource, Price, PriceTable, PricingContext } from "../../components/cost/types";

/** Every quantity zero: a stack nobody uses. */
export const ZERO_LOAD: LoadProfile = IDLE_LOAD;

const STACK_URN = "urn:pulumi:test::aws-platform::pulumi:pulumi:Stack::aws-platform-test";

/** A plan resource: `parent` a resource (or its URN), `deps` input property → the resources its value came from. */
export function planResource(
    type: string,
    name: string,
    inputs: Record<string, any> = {},
    options: { parent?: PlanResource | string; deps?: Record<string, PlanResource[]>; custom?: boolean } = {},
): PlanResource {
    const parent = typeof options.parent === "string" ? options.parent : (options.parent?.urn ?? STACK_URN);
    const propertyDependencies = Object.fromEntries(Object.entries(options.deps ?? {}).map(([k, v]) => [k, v.map((r) => r.urn)]));
    return { urn: `urn:pulumi:test::aws-platform::${type}::${name}`, type, name, parent, custom: options.custom ?? true, inputs, propertyDependencies };
}

/** A plan's recorded resources as the cost model reads them (what tools/plan hands the estimator). */
export const planResources = fromRecords;

/** A PlanIndex over `resources`. */
export function testPlan(resources: PlanResource[]): PlanIndex {
    return indexPlan(resources);
}

/** A PriceTable over `prices` only (and instance prices, the repository's by default); `get()` throws on a missing key. */
export function testPrices(prices: Record<string, Price>, options: { asOf?: string; instances?: Record<string, Price> } = {}): PriceTable {
    return priceTable({ base: { prices, instances: options.instances ?? INSTANCE_PRICES }, asOf: options.asOf ?? "2026-11-26" });
}

/** A PricingContext: the plan of `resources`, `load` over zeros (each group replaced field by field), `prices`. */
export function testContext(
    resources: PlanResource[],
    load: Partial<LoadProfile> = {},
    prices: Record<string, Price> = {},
    options: { asOf?: string; instances?: Record<string, Price> } = {},
): PricingContext {
    const merged = { ...ZERO_LOAD } as Record<string, any>;
    for (const [key, value] of Object.entries(load)) merged[key] = { ...(ZERO_LOAD as Record<string, any>)[key], ...value };
    return { load: merged as LoadProfile, prices: testPrices(prices, options), plan: testPlan(resources) };
}
