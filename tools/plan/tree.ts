/**
 * The text `pulumi preview` prints: the resource tree with its plan, then counts. Printed by
 * `npm run plan`, so a reviewer sees the shape of a stack without opening plan.json.
 */
import { PreviewJson, PreviewStep, ROOT_STACK_TYPE, nameOfUrn } from "./preview-json";

const OP_SYMBOL: Record<string, string> = { create: "+" };
const OP_VERB: Record<string, string> = { create: "to create" };

interface Row {
    op: string;
    type: string;
    name: string;
    plan: string;
}

/** Rows depth-first in plan order, each type prefixed with the box-drawing path to it. */
function treeRows(steps: PreviewStep[]): Row[] {
    const stack = steps.find((s) => s.newState.type === ROOT_STACK_TYPE);
    const known = new Set(steps.map((s) => s.urn));
    const children = new Map<string | undefined, PreviewStep[]>();
    for (const s of steps) {
        if (s === stack) continue;
        // As in the CLI, what has no parent in the plan (default providers) hangs under the Stack.
        const parent = s.newState.parent !== undefined && known.has(s.newState.parent) ? s.newState.parent : stack?.urn;
        children.set(parent, [...(children.get(parent) ?? []), s]);
    }
    const rows: Row[] = [];
    const walk = (s: PreviewStep, prefix: string, glyph: string) => {
        rows.push({ op: OP_SYMBOL[s.op] ?? s.op, type: `${prefix}${glyph}${s.newState.type}`, name: nameOfUrn(s.urn), plan: s.op });
        const kids = children.get(s.urn) ?? [];
        const childPrefix = prefix + (glyph === "├─ " ? "│  " : glyph === "└─ " ? "   " : "");
        kids.forEach((k, i) => {
            walk(k, childPrefix, i === kids.length - 1 ? "└─ " : "├─ ");
        });
    };
    for (const top of stack === undefined ? (children.get(undefined) ?? []) : [stack]) walk(top, "", "");
    return rows;
}

/** How many items share each key, most numerous first, then by key (code points, not locale, so output is stable). */
export function countBy<T>(items: T[], keyOf: (item: T) => string): Array<{ key: string; count: number }> {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
    return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The summary line(s), one per kind of change: `Resources: + 12 to create`. */
function summary(plan: PreviewJson): string[] {
    return Object.entries(plan.changeSummary).map(([op, n]) => `Resources: ${OP_SYMBOL[op] ?? op} ${n} ${OP_VERB[op] ?? op}`);
}

export function renderTree(plan: PreviewJson): string {
    const rows = treeRows(plan.steps);
    const header: Row = { op: "", type: "Type", name: "Name", plan: "Plan" };
    const typeWidth = Math.max(...[header, ...rows].map((r) => r.type.length)) + 2;
    const nameWidth = Math.max(...[header, ...rows].map((r) => r.name.length)) + 2;
    const line = (r: Row) => ` ${r.op.padEnd(1)}   ${r.type.padEnd(typeWidth)}${r.name.padEnd(nameWidth)}${r.plan}`;

    const counts = countBy(plan.steps, (s) => s.newState.type);
    const countWidth = Math.max(...counts.map((c) => String(c.count).length));
    return [
        line(header),
        ...rows.map(line),
        "",
        "Resources by type:",
        ...counts.map((c) => `    ${String(c.count).padStart(countWidth)}  ${c.key}`),
        "",
        ...summary(plan),
        "",
    ].join("\n");
}

/** Stack outputs as the CLI lists them after a preview, secrets already masked by the caller. */
export function renderOutputs(outputs: Record<string, unknown>): string {
    const entries = Object.entries(outputs);
    if (entries.length === 0) return "";
    const width = Math.max(...entries.map(([k]) => k.length)) + 1;
    return ["Outputs:", ...entries.map(([k, v]) => `    ${`${k}:`.padEnd(width)} ${JSON.stringify(v)}`), ""].join("\n");
}
