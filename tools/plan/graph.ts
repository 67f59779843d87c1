/**
 * `graph.dot` as `pulumi stack graph` writes it (pkg/graph/dotconv): one vertex per resource,
 * labelled with its URN; a dependency edge from each dependency to its dependent, labelled with the
 * properties that carry it; a parent edge from each child to its parent.
 */
import type { PreviewState } from "./preview-json";

export const DEPENDENCY_EDGE_COLOR = "#246C60";
export const PARENT_EDGE_COLOR = "#AA6639";

interface Edge {
    to: string;
    color: string;
    label?: string;
}

/** A DOT string's content; URNs rarely hold a quote, but a resource name may. */
function dotEscape(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}

/** Renders the plan's resources (`newState` of every step, providers included) as a DOT digraph. */
export function renderGraph(states: PreviewState[]): string {
    const byUrn = new Map(states.map((s) => [s.urn, s]));
    const outs = new Map<string, Edge[]>(states.map((s) => [s.urn, []]));
    const hasIns = new Set<string>();
    const addEdge = (from: string, edge: Edge) => {
        outs.get(from)!.push(edge);
        hasIns.add(edge.to);
    };
    // Edges in plan order, so the numbering is stable from run to run (the CLI's follows map order).
    for (const s of states) {
        for (const dep of s.dependencies ?? []) {
            if (!byUrn.has(dep)) continue;
            const props = Object.entries(s.propertyDependencies ?? {})
                .filter(([, urns]) => urns.includes(dep))
                .map(([p]) => p)
                .sort();
            addEdge(dep, { to: s.urn, color: DEPENDENCY_EDGE_COLOR, ...(props.length ? { label: props.join(", ") } : {}) });
        }
    }
    for (const s of states) if (s.parent !== undefined && byUrn.has(s.parent)) addEdge(s.urn, { to: s.parent, color: PARENT_EDGE_COLOR });

    const ids = new Map<string, string>();
    const idOf = (urn: string) => {
        if (!ids.has(urn)) ids.set(urn, `Resource${ids.size}`);
        return ids.get(urn)!;
    };
    const lines = ["strict digraph {"];
    const queued = new Set<string>();
    const visit = (frontier: string[]) => {
        for (const urn of frontier) queued.add(urn);
        while (frontier.length) {
            const urn = frontier.shift()!;
            lines.push(`    ${idOf(urn)} [label="${dotEscape(urn)}"];`);
            for (const edge of outs.get(urn)!) {
                const attrs = [`color = "${edge.color}"`, ...(edge.label !== undefined ? [`label = "${dotEscape(edge.label)}"`] : [])];
                lines.push(`    ${idOf(urn)} -> ${idOf(edge.to)} [${attrs.join(", ")}];`);
                if (!queued.has(edge.to)) {
                    queued.add(edge.to);
                    frontier.push(edge.to);
                }
            }
        }
    };
    const urns = states.map((s) => s.urn).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // Roots are the vertices nothing points at: leaves without dependencies, sorted by URN as the CLI does.
    visit(urns.filter((urn) => !hasIns.has(urn)));
    // Vertices only reachable through a cycle (a child its parent depends on) have no root: the CLI
    // drops them, but a reader wants every resource in the graph.
    for (const urn of urns) if (!queued.has(urn)) visit([urn]);
    lines.push("}");
    return `${lines.join("\n")}\n`;
}
