/**
 * A PricingContext for testing pricers directly: a tiny PlanIndex over the given resources, a price table over the
 * given prices (`get()` throws for a missing key, like the real one), and a load profile that is all zeros except
 * what the test sets (each group merged field by field). Shared by the cost groups' tests; keep it minimal and generic.
 */
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

/** A PriceTable over `prices`; `get()` throws on a missing key. */
export function testPrices(prices: Record<string, Price>): PriceTable {
    return {
        asOf: "test",
        region: "us-east-1",
        get(key) {
            if (!Object.hasOwn(prices, key)) throw new Error(`test price table has no price "${key}"`);
            return prices[key];
        },
        instanceHour: () => undefined,
    };
}

/** A PricingContext: the plan of `resources`, `load` over zeros (each group merged field by field), `prices`. */
export function testContext(resources: PlanResource[], load: Partial<LoadProfile> = {}, prices: Record<string, Price> = {}): PricingContext {
    const merged = { ...ZERO_LOAD } as Record<string, any>;
    for (const [key, value] of Object.entries(load)) merged[key] = { ...(ZERO_LOAD as Record<string, any>)[key], ...value };
    return { load: merged as LoadProfile, prices: testPrices(prices), plan: testPlan(resources) };
}
