/**
 * Builders for pricer tests: a PricingContext over a handful of PlanResources (a tiny PlanIndex), a load profile
 * (zeros unless given) and a price table over the given price records, so a pricer is tested without the estimator.
 */
import { INSTANCE_PRICES } from "../../components/cost/prices/instances";
import type { LoadProfile, PlanIndex, PlanResource, Price, PriceTable, PricingContext } from "../../components/cost/types";

/** Every quantity zero: a stack nobody uses. */
export const ZERO_LOAD: LoadProfile = {
    httpApi: { requestsPerMonth: 0 },
    restApi: { requestsPerMonth: 0 },
    lambda: { averageDurationMs: 0 },
    cdn: { requestsPerMonth: 0, transferOutGB: 0, cacheHitRatio: 0 },
    loadBalancers: { requestsPerMonth: 0, processedGB: 0 },
    nat: { processedGB: 0 },
    dynamodb: { readRequestUnitsPerMonth: 0, writeRequestUnitsPerMonth: 0, storageGB: 0 },
    streams: { recordsPerMonth: 0, averageRecordKB: 0 },
    database: { averageAcu: 0, storageGB: 0, ioRequestsPerMonth: 0 },
    storage: { s3GB: 0, efsGB: 0, ecrGB: 0, backupGB: 0 },
    logs: { ingestedGB: 0, storedGB: 0 },
    builds: { buildsPerMonth: 0, averageMinutes: 0, pipelineRunsPerMonth: 0 },
    messages: { perMonth: 0 },
    functions: {},
};

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

/** A PlanIndex over `resources`. */
export function testPlan(resources: PlanResource[]): PlanIndex {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = (urn: string) => resources.filter((r) => r.parent === urn);
    const descendants = (urn: string): PlanResource[] => children(urn).flatMap((c) => [c, ...descendants(c.urn)]);
    return {
        resources,
        byUrn: (urn) => byUrn.get(urn),
        children,
        descendants,
        ofType: (type) => resources.filter((r) => r.type === type),
        referenced: (resource, property, type) =>
            (resource.propertyDependencies?.[property] ?? [])
                .map((urn) => byUrn.get(urn))
                .filter((r): r is PlanResource => r !== undefined && (type === undefined || r.type === type)),
        componentOf: (urn) => {
            let r = byUrn.get(urn);
            while (r?.parent !== undefined && byUrn.has(r.parent)) r = byUrn.get(r.parent);
            return r?.name ?? urn;
        },
    };
}

/** A PriceTable over `prices` (and instance prices, the repository's by default); `get()` throws on a missing key. */
export function testPrices(prices: Record<string, Price>, options: { asOf?: string; instances?: Record<string, Price> } = {}): PriceTable {
    const instances = options.instances ?? INSTANCE_PRICES;
    return {
        asOf: options.asOf ?? "2026-11-26",
        region: "us-east-1",
        get(key) {
            if (!Object.hasOwn(prices, key)) throw new Error(`test price table has no price "${key}"`);
            return prices[key];
        },
        instanceHour: (type) => (Object.hasOwn(instances, type) ? instances[type] : undefined),
    };
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
