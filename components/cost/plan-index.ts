/**
 * The plan as the estimator reads it: resources by URN, parent and type, and the joins between them
 * (`propertyDependencies`), from the mock engine's records or from a `pulumi preview --json` file.
 */
import type { PlanIndex, PlanResource } from "./types";

/** The type of the root resource every program runs in. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The name part of `urn:pulumi:<stack>::<project>::<type>::<name>` (a name may itself hold `::`). */
export function nameOfUrn(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

/** Indexes a plan's resources (in plan order) for the pricers' joins. */
export function indexPlan(resources: readonly PlanResource[]): PlanIndex {
    const byUrn = new Map<string, PlanResource>();
    const children = new Map<string, PlanResource[]>();
    const byType = new Map<string, PlanResource[]>();
    for (const r of resources) {
        byUrn.set(r.urn, r);
        if (r.parent !== undefined) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
        byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
    }
    const descendants = (urn: string): PlanResource[] => {
        const out: PlanResource[] = [];
        const seen = new Set<string>([urn]);
        const walk = (u: string) => {
            for (const child of children.get(u) ?? []) {
                if (seen.has(child.urn)) continue;
                seen.add(child.urn);
                out.push(child);
                walk(child.urn);
            }
        };
        walk(urn);
        return out;
    };
    const index: PlanIndex = {
        resources,
        byUrn: (urn) => byUrn.get(urn),
        children: (urn) => [...(children.get(urn) ?? [])],
        descendants,
        ofType: (type) => [...(byType.get(type) ?? [])],
        referenced(resource, property, type) {
            const urns = resource.propertyDependencies?.[property] ?? [];
            return urns.map((u) => byUrn.get(u)).filter((r): r is PlanResource => r !== undefined && (type === undefined || r.type === type));
        },
        componentOf: (urn) => topLevelOf(index, urn)?.name ?? nameOfUrn(urn),
    };
    return index;
}

/** The top-level resource (child of the root Stack) a URN sits under, for grouping by component. */
export function topLevelOf(plan: PlanIndex, urn: string): PlanResource | undefined {
    let current = plan.byUrn(urn);
    const seen = new Set<string>();
    while (current !== undefined && !seen.has(current.urn)) {
        seen.add(current.urn);
        const parent = current.parent === undefined ? undefined : plan.byUrn(current.parent);
        if (parent === undefined || parent.type === ROOT_STACK_TYPE) return current;
        current = parent;
    }
    return current;
}

/** What {@link fromPreview} reads of a `pulumi preview --json` document: its steps' new states. */
export interface PreviewLike {
    steps: {
        urn?: string;
        newState?: {
            urn: string;
            type: string;
            custom?: boolean;
            parent?: string;
            inputs?: Record<string, any>;
            propertyDependencies?: Record<string, string[]>;
        };
    }[];
}

/** The plan's resources from `pulumi preview --json` (steps without a new state, e.g. deletes, are skipped). */
export function fromPreview(plan: PreviewLike): PlanResource[] {
    const out: PlanResource[] = [];
    for (const step of plan.steps ?? []) {
        const s = step.newState;
        if (s === undefined) continue;
        const r: PlanResource = { urn: s.urn, type: s.type, name: nameOfUrn(s.urn), custom: s.custom ?? false, inputs: s.inputs ?? {} };
        if (s.parent !== undefined) r.parent = s.parent;
        if (s.propertyDependencies !== undefined) r.propertyDependencies = s.propertyDependencies;
        out.push(r);
    }
    return out;
}

/** What {@link fromRecords} reads of a mock engine record (`aws-platform/testing`'s `registry.all()`). */
export interface RecordLike {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent?: string;
    inputs: Record<string, any>;
    /** The inputs as a plan writes them (secrets masked); preferred when present. */
    maskedInputs?: Record<string, any>;
    propertyDependencies?: Record<string, string[]>;
}

/** The plan's resources from the mock engine's records, in their order. */
export function fromRecords(records: readonly RecordLike[]): PlanResource[] {
    return records.map((r) => {
        const out: PlanResource = { urn: r.urn, type: r.type, name: r.name, custom: r.custom, inputs: r.maskedInputs ?? r.inputs };
        if (r.parent !== undefined) out.parent = r.parent;
        if (r.propertyDependencies !== undefined && Object.keys(r.propertyDependencies).length) out.propertyDependencies = r.propertyDependencies;
        return out;
    });
}
