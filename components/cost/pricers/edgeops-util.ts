/**
 * Small helpers shared by the edge and operations pricers: a priced line, plan values that may be unknown in a
 * preview, and matching a physical name (from an ARN) back to the resource that will carry it.
 */
import { type CostLine, type PlanResource, type PricingContext, UNKNOWN } from "../types";

/** A CostLine at the table's price for `price`: monthly = quantity × unit price. */
export function priced(ctx: PricingContext, item: string, price: string, quantity: number, usage: boolean, note?: string): CostLine {
    const p = ctx.prices.get(price);
    return { item, price, quantity, unit: p.unit, unitPrice: p.usd, monthly: quantity * p.usd, usage, ...(note !== undefined ? { note } : {}) };
}

/** A plan value a pricer can use: present and not the preview's unknown marker. */
export function known<T>(value: T | undefined | null): value is T {
    return value !== undefined && value !== null && (value as unknown) !== UNKNOWN;
}

/** A plan number, or `fallback` when absent/unknown/not a number. */
export function num(value: unknown, fallback: number): number {
    return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/**
 * Whether `physical` (a name read from an ARN) is the name `resource` gets: its explicit `name` input, or Pulumi's
 * auto-name (the logical name, a dash and 7 hex characters).
 */
export function namedAs(resource: PlanResource, physical: string): boolean {
    const name = resource.inputs.name;
    if (known(name) && typeof name === "string") return name === physical;
    return physical.startsWith(`${resource.name}-`) && /^[0-9a-f]{7}$/.test(physical.slice(resource.name.length + 1));
}

/** Whether `resource` takes `property` from `target` according to the plan's property dependencies. */
export function dependsOn(resource: PlanResource, property: string, target: PlanResource): boolean {
    return (resource.propertyDependencies?.[property] ?? []).includes(target.urn);
}

/** "12,345" / "0.5": quantities in notes. */
export function fmt(n: number): string {
    return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** The 1/n share of a quantity split evenly over n resources, for notes: "split evenly over 3 log groups". */
export function evenly(n: number, what: string): string {
    return n === 1 ? `all of it (the plan's only ${what})` : `split evenly over the plan's ${n} ${what}s`;
}
