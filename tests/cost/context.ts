/**
 * A PricingContext for testing pricers directly: a tiny PlanIndex over the given resources, a price table over the
 * given prices (`get()` throws for a missing key, like the real one), and a load profile that is all zeros except
 * what the test sets. Shared by the cost groups' tests; keep it minimal and generic.
 */
import type { LoadProfile, Price, PlanIndex, PlanResource, PricingContext } from "../../components/cost/types";

/** The load profile nobody uses: every quantity 0. */
export function zeroLoad(): LoadProfile {
    return {
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
}

/** A load profile: zeros, with each group the test gives merged over them. */
export type TestLoad = { [K in keyof LoadProfile]?: Partial<LoadProfile[K]> };

export function testLoad(load: TestLoad = {}): LoadProfile {
    const out: any = zeroLoad();
    for (const [group, values] of Object.entries(load)) out[group] = { ...out[group], ...values };
    return out;
}

/** A plan index over `resources` (joins through `propertyDependencies`, components by the root's children). */
export function testPlan(resources: PlanResource[]): PlanIndex {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = (urn: string) => resources.filter((r) => r.parent === urn);
    const descendants = (urn: string): PlanResource[] => children(urn).flatMap((c) => [c, ...descendants(c.urn)]);
    const componentOf = (urn: string): string => {
        let r = byUrn.get(urn);
        while (r?.parent !== undefined && byUrn.get(r.parent) !== undefined && byUrn.get(r.parent)?.type !== "pulumi:pulumi:Stack") r = byUrn.get(r.parent);
        return r?.name ?? urn;
    };
    return {
        resources,
        byUrn: (urn) => byUrn.get(urn),
        children,
        descendants,
        ofType: (type) => resources.filter((r) => r.type === type),
        referenced: (resource, property, type) =>
            (resource.propertyDependencies?.[property] ?? [])
                .map((u) => byUrn.get(u))
                .filter((r): r is PlanResource => r !== undefined && (type === undefined || r.type === type)),
        componentOf,
    };
}

export function testContext(resources: PlanResource[], load: TestLoad = {}, prices: Record<string, Price> = {}): PricingContext {
    return {
        load: testLoad(load),
        plan: testPlan(resources),
        prices: {
            asOf: "test",
            region: "us-east-1",
            get(key) {
                if (!Object.hasOwn(prices, key)) throw new Error(`test price table has no price "${key}"`);
                return prices[key];
            },
            instanceHour: (type) => (Object.hasOwn(prices, `instance.${type}`) ? prices[`instance.${type}`] : undefined),
        },
    };
}

/** A plan resource for tests: `urn:pulumi:test::p::<type>::<name>`, custom unless the type is a component's. */
export function resource(
    type: string,
    name: string,
    inputs: Record<string, any> = {},
    extra: { parent?: string; propertyDependencies?: Record<string, string[]>; custom?: boolean } = {},
): PlanResource {
    return {
        urn: `urn:pulumi:test::p::${type}::${name}`,
        type,
        name,
        custom: extra.custom ?? !type.startsWith("aws-platform:"),
        inputs,
        ...(extra.parent !== undefined ? { parent: extra.parent } : {}),
        ...(extra.propertyDependencies !== undefined ? { propertyDependencies: extra.propertyDependencies } : {}),
    };
}
