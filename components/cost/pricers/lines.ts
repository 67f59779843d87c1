/**
 * What every pricer group shares: a cost line priced from the table, plan values that may be unknown in a preview
 * (or kept as strings by the provider), an even split of a load quantity, the physical name a resource gets, and
 * numbers as notes write them.
 */
import { type CostLine, type PlanResource, type PricingContext, UNKNOWN } from "../types";

/** A line priced at the table's price for `key`: monthly = quantity × the price's USD per unit. */
export function line(ctx: PricingContext, item: string, key: string, quantity: number, usage: boolean, note?: string): CostLine {
    const price = ctx.prices.get(key);
    return { item, price: key, quantity, unit: price.unit, unitPrice: price.usd, monthly: quantity * price.usd, usage, ...(note ? { note } : {}) };
}

/** Whether a plan value is unknown before the resource exists. */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

/** A plan value a pricer can use: present and not the preview's unknown marker. */
export function known<T>(value: T | undefined | null): value is T {
    return value !== undefined && value !== null && (value as unknown) !== UNKNOWN;
}

/** A plan input as a number (the provider keeps some as strings, e.g. a task definition's "256"); undefined when absent, unknown or not numeric. */
export function num(value: unknown): number | undefined {
    if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
    if (typeof value === "string" && value.trim() !== "" && value !== UNKNOWN) {
        const n = Number(value);
        return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
}

/** `total` split evenly over `count` sharers (0 when there are none). */
export function share(total: number, count: number): number {
    return count > 0 ? total / count : 0;
}

/**
 * Whether `physical` (a name read from an ARN or a reference) is the name `resource` gets: its explicit `name`
 * input, or Pulumi's auto-name (the logical name, a dash and 7 hex characters).
 */
export function namedAs(resource: PlanResource, physical: string): boolean {
    const name = resource.inputs?.name;
    if (typeof name === "string" && name !== UNKNOWN) return name === physical;
    return physical.startsWith(`${resource.name}-`) && /^[0-9a-f]{7}$/.test(physical.slice(resource.name.length + 1));
}

// One formatter for every note: `toLocaleString` builds a new one per call, which cost ~130 ms per prod estimate.
const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

/** A quantity in a note: thousands separators, at most 4 decimals, no trailing zeros ("12,345", "0.25"). */
export function fmt(n: number): string {
    return NUMBER.format(n);
}
