/**
 * A PricingContext for pricer tests: a small PlanIndex over the given resources and a PriceTable over the given
 * prices, at a load that is zero except for what the test sets (top-level keys replace the zero ones whole).
 */
import type { LoadProfile, PlanIndex, PlanResource, Price, PriceTable, PricingContext } from "../../components/cost/types";

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
            while (r?.parent !== undefined && byUrn.get(r.parent)?.parent !== undefined) r = byUrn.get(r.parent);
            return r?.name ?? urn.split("::").pop()!;
        },
    };
}

export function testPrices(prices: Record<string, Price>): PriceTable {
    return {
        asOf: "test",
        region: "us-east-1",
        get: (key) => {
            const price = prices[key];
            if (price === undefined) throw new Error(`no price "${key}"`);
            return price;
        },
        instanceHour: () => undefined,
    };
}

export function testContext(resources: PlanResource[], load: Partial<LoadProfile> = {}, prices: Record<string, Price> = {}): PricingContext {
    return { load: { ...ZERO_LOAD, ...load }, prices: testPrices(prices), plan: testPlan(resources) };
}

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
export function planResources(
    resources: readonly {
        urn: string;
        type: string;
        name: string;
        parent?: string;
        custom: boolean;
        maskedInputs: Record<string, any>;
        propertyDependencies?: Record<string, string[]>;
    }[],
): PlanResource[] {
    return resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        ...(r.parent !== undefined ? { parent: r.parent } : {}),
        custom: r.custom,
        inputs: r.maskedInputs,
        ...(r.propertyDependencies !== undefined ? { propertyDependencies: r.propertyDependencies } : {}),
    }));
}
