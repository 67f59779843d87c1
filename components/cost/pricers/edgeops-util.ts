/**
 * Small helpers shared by the edge and operations pricers: joins through property dependencies and how a split is
 * said in notes. Lines, plan values and physical names are ./lines.ts's.
 */
import type { PlanResource } from "../types";

/** Whether `resource` takes `property` from `target` according to the plan's property dependencies. */
export function dependsOn(resource: PlanResource, property: string, target: PlanResource): boolean {
    return (resource.propertyDependencies?.[property] ?? []).includes(target.urn);
}

/** The 1/n share of a quantity split evenly over n resources, for notes: "split evenly over 3 log groups". */
export function evenly(n: number, what: string): string {
    return n === 1 ? `all of it (the plan's only ${what})` : `split evenly over the plan's ${n} ${what}s`;
}
