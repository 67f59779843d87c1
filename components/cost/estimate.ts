/**
 * The estimator: prices every resource of a plan with the pricer for its type, groups the costs by top-level
 * component, lists what it cannot price, and applies the account-level free tiers as separate credits.
 */
import { FREE_TYPES, isFree } from "./free";
import { indexPlan, ROOT_STACK_TYPE, topLevelOf } from "./plan-index";
import { FREE_TIER, type FreeTierAllowance, priceTable } from "./prices";
import { PRICERS } from "./pricers/groups";
import { fmt } from "./pricers/lines";
import type { CostEstimate, CostLine, FreeTierCredit, LoadProfile, PlanResource, PricerTable, PriceTable, PricingContext, ResourceCost } from "./types";

export interface EstimateOptions {
    /** The workload: `IDLE_LOAD` for the cost of existing, a stack's profile for the cost under load. */
    load: LoadProfile;
    /** @default priceTable() - the repository's us-east-1 list prices */
    prices?: PriceTable;
    /** @default every group's pricers (components/cost/pricers) */
    pricers?: PricerTable;
    /** Types that cost nothing by themselves. @default FREE_TYPES */
    freeTypes?: Iterable<string>;
    /** Account-level free tiers by price key. @default FREE_TIER */
    freeTier?: Readonly<Record<string, FreeTierAllowance>>;
}

/**
 * Prices a plan at one load. A pricer's line with a non-finite amount, or a price key the table lacks, throws:
 * a pricer bug must never show as $0. Plan data a pricer cannot read (unknown in preview) is its to handle.
 */
export function estimateCost(resources: readonly PlanResource[], options: EstimateOptions): CostEstimate {
    const prices = options.prices ?? priceTable();
    const pricers = options.pricers ?? PRICERS;
    const freeTypes = new Set(options.freeTypes ?? FREE_TYPES);
    const freeTier = options.freeTier ?? FREE_TIER;
    const plan = indexPlan(resources);
    const ctx: PricingContext = { load: options.load, prices, plan };

    const priced: ResourceCost[] = [];
    const unpriced = new Map<string, number>();
    for (const r of resources) {
        if (r.type === ROOT_STACK_TYPE) continue;
        const pricer = Object.hasOwn(pricers, r.type) ? pricers[r.type] : undefined;
        if (pricer === undefined) {
            // A component costs through its children; a remote one (eks:index:Cluster) hides them, so its group prices it by type.
            if (r.custom && !isFree(r, freeTypes)) unpriced.set(r.type, (unpriced.get(r.type) ?? 0) + 1);
            continue;
        }
        const lines = pricer(r, ctx);
        for (const line of lines) checkLine(r, line, prices, freeTier);
        if (lines.length === 0) continue;
        const top = topLevelOf(plan, r.urn) ?? r;
        priced.push({ urn: r.urn, type: r.type, name: r.name, component: top.name, lines, monthly: sum(lines.map((l) => l.monthly)) });
    }

    const total = sum(priced.map((p) => p.monthly));
    const credits = freeTierCredits(
        priced.flatMap((p) => p.lines),
        freeTier,
    );
    return {
        pricesAsOf: prices.asOf,
        region: prices.region,
        load: options.load,
        resources: priced,
        components: componentTotals(resources, plan, priced),
        total,
        freeTier: credits,
        totalAfterFreeTier: Math.max(0, total - sum(credits.map((c) => c.monthly))),
        unpriced: [...unpriced].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type)),
    };
}

function sum(values: number[]): number {
    return values.reduce((a, b) => a + b, 0);
}

/**
 * A pricer's line: finite amounts, and the quantity in its price's unit (a quantity in requests against a price per
 * million is off by a million; a free tier allowance counts in that unit too). `instance.<type>` keys are the
 * instance table's; a key neither table has is a pricer bug.
 */
function checkLine(r: PlanResource, line: CostLine, prices: PriceTable, freeTier: Readonly<Record<string, FreeTierAllowance>>): void {
    const bad = (what: string, allowed: string) =>
        new Error(`cost model: the pricer of ${r.type} gave "${r.name}" a line "${line.item}" with ${what}; allowed: ${allowed}`);
    for (const field of ["quantity", "unitPrice", "monthly"] as const) {
        if (typeof line[field] !== "number" || !Number.isFinite(line[field]) || line[field] < 0) throw bad(`${field}=${line[field]}`, "a finite number ≥ 0");
    }
    const instance = line.price.startsWith("instance.") ? line.price.slice("instance.".length) : undefined;
    // An instance type the table lacks is priced at $0 with a note (compute-lines.ts): no unit to compare.
    const price = instance !== undefined ? prices.instanceHour(instance) : prices.get(line.price);
    if (price !== undefined && line.unit !== price.unit) {
        const why = Object.hasOwn(freeTier, line.price) ? " (its free tier allowance counts in it)" : "";
        throw bad(`unit "${line.unit}"`, `the unit of price "${line.price}", "${price.unit}"${why}`);
    }
}

/**
 * Per top-level resource (child of the root Stack), in plan order: every component, and every top-level custom
 * resource that costs something; several custom resources of one type at stack level (a program's own alarms) make
 * one row, at the place of the first.
 */
function componentTotals(resources: readonly PlanResource[], plan: ReturnType<typeof indexPlan>, priced: ResourceCost[]): CostEstimate["components"] {
    const byTop = new Map<string, number>();
    for (const p of priced) {
        const top = topLevelOf(plan, p.urn);
        if (top) byTop.set(top.urn, (byTop.get(top.urn) ?? 0) + p.monthly);
    }
    const tops = resources.filter((r) => r.type !== ROOT_STACK_TYPE && topLevelOf(plan, r.urn)?.urn === r.urn && (!r.custom || byTop.has(r.urn)));
    const bare = new Map<string, PlanResource[]>();
    for (const r of tops) if (r.custom) bare.set(r.type, [...(bare.get(r.type) ?? []), r]);
    const out: CostEstimate["components"] = [];
    for (const r of tops) {
        const group = r.custom ? bare.get(r.type)! : [r];
        if (group.length === 1) out.push({ name: r.name, type: r.type, monthly: byTop.get(r.urn) ?? 0 });
        else if (group[0] === r)
            out.push({
                name: `${r.type.split(":").pop()} ×${group.length} (stack level)`,
                type: r.type,
                monthly: sum(group.map((g) => byTop.get(g.urn) ?? 0)),
                count: group.length,
            });
    }
    return out;
}

/**
 * The account-level free tiers: per price key, the quantity summed over the plan; the allowance (shared by the
 * keys of one pool, the dearest units first) credited at the line's list price, min(quantity, allowance) × price.
 */
export function freeTierCredits(lines: readonly CostLine[], tiers: Readonly<Record<string, FreeTierAllowance>>): FreeTierCredit[] {
    const used = new Map<string, { quantity: number; unitPrice: number; items: Set<string>; unit: string }>();
    for (const line of lines) {
        if (!Object.hasOwn(tiers, line.price) || line.quantity <= 0) continue;
        const u = used.get(line.price) ?? { quantity: 0, unitPrice: 0, items: new Set<string>(), unit: line.unit };
        u.quantity += line.quantity;
        // Tiered prices: the free units are the first ones, billed at the highest tier's price.
        u.unitPrice = Math.max(u.unitPrice, line.unitPrice);
        u.items.add(line.item);
        used.set(line.price, u);
    }
    const pools = new Map<string, string[]>();
    for (const key of used.keys()) {
        const pool = tiers[key].pool ?? key;
        pools.set(pool, [...(pools.get(pool) ?? []), key]);
    }
    const credits: FreeTierCredit[] = [];
    for (const keys of pools.values()) {
        keys.sort((a, b) => used.get(b)!.unitPrice - used.get(a)!.unitPrice);
        let left = tiers[keys[0]].allowance;
        let monthly = 0;
        const parts: string[] = [];
        for (const key of keys) {
            const u = used.get(key)!;
            const free = Math.min(u.quantity, left);
            left -= free;
            monthly += free * u.unitPrice;
            parts.push(`${fmt(free)} of ${fmt(u.quantity)} ${u.unit} × $${u.unitPrice}`);
        }
        credits.push({
            item: [...new Set(keys.flatMap((k) => [...used.get(k)!.items]))].join(" + "),
            monthly,
            note: `${tiers[keys[0]].note}: ${parts.join(", ")}`,
        });
    }
    return credits;
}
