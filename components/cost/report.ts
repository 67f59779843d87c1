/**
 * The estimate as the plan prints it (one row per top-level component, idle and at load) and as it writes it
 * (`out/<stack>/cost.json`).
 */
import type { CrossoverReport } from "./crossover";
import type { CostEstimate } from "./types";

const USD = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const PLAIN = new Intl.NumberFormat("en-US");

/** USD with cents and thousands separators: 1,204.55. */
export function usd(n: number): string {
    return USD.format(n);
}

/** Requests as people say them: 950, 12.5 K, 106 M, 1.2 B. */
function count(n: number): string {
    for (const [unit, size] of [
        ["B", 1e9],
        ["M", 1e6],
        ["K", 1e3],
    ] as const)
        if (n >= size) return `${PLAIN.format(Number((n / size).toPrecision(3)))} ${unit}`;
    return PLAIN.format(Number(n.toPrecision(3)));
}

/** `network (Network)` for a component, the type's last segment in brackets; a group of stack-level resources by its name alone. */
function label(c: { name: string; type: string; count?: number }): string {
    return c.count !== undefined ? c.name : `${c.name} (${c.type.split(":").pop()})`;
}

export interface RenderOptions {
    /** Where the load profile comes from, e.g. "Pulumi.prod.yaml aws-platform:load over the prod preset". */
    loadSource: string;
    crossover?: CrossoverReport;
}

/** The printed table: per component idle and at load, the total, the free tier credits, what is unpriced, the crossover. */
export function renderCost(idle: CostEstimate, load: CostEstimate, options: RenderOptions): string {
    const names = new Map<string, { name: string; type: string; count?: number; idle: number; load: number }>();
    for (const [which, estimate] of [
        ["idle", idle],
        ["load", load],
    ] as const)
        for (const c of estimate.components) {
            const key = `${c.type}::${c.name}`;
            const row = names.get(key) ?? { name: c.name, type: c.type, ...(c.count !== undefined ? { count: c.count } : {}), idle: 0, load: 0 };
            row[which] += c.monthly;
            names.set(key, row);
        }
    const rows: [string, string, string][] = [...names.values()].filter((r) => r.idle > 0 || r.load > 0).map((r) => [label(r), usd(r.idle), usd(r.load)]);
    const credit = (e: CostEstimate) => e.freeTier.reduce((a, c) => a + c.monthly, 0);
    rows.push(["total", usd(idle.total), usd(load.total)]);
    rows.push(["free tier (account-wide)", `−${usd(credit(idle))}`, `−${usd(credit(load))}`]);
    rows.push(["total after free tier", usd(idle.totalAfterFreeTier), usd(load.totalAfterFreeTier)]);
    const width = Math.max(30, ...rows.map((r) => r[0].length)) + 2;
    const line = (r: [string, string, string]) => `  ${r[0].padEnd(width)}${r[1].padStart(10)}${r[2].padStart(15)}`;
    const out = [
        `Cost estimate (${load.region} list prices as of ${load.pricesAsOf}; load profile: ${options.loadSource}):`,
        line(["component", "idle $/mo", "at load $/mo"]),
        ...rows.map(line),
    ];
    const unpriced = load.unpriced.map((u) => `${u.type} ×${u.count}`);
    if (unpriced.length) out.push(`  not priced (no price in the model, not known to be free): ${unpriced.join(", ")}`);
    if (options.crossover) out.push(...renderCrossover(options.crossover).map((l) => `  ${l}`));
    return out.join("\n");
}

/** The crossover as sentences, and the notes' figures re-priced. */
export function renderCrossover(report: CrossoverReport): string[] {
    const out: string[] = [];
    const { api, service, crossover: point } = report;
    if (api && service && point) {
        out.push(
            `Crossover: the ServerlessApi "${api.name}" (HTTP API + ${api.architecture} Lambda ${api.memoryMiB} MB, ${api.averageDurationMs} ms) costs more than ` +
                `the ContainerService "${service.name}" (ALB + ${service.vcpu} vCPU tasks of "${service.service}", ${service.requestsPerSecondPerTask} req/s each, at least ${service.minTasks}) ` +
                `above ${Number(point.requestsPerSecond.toFixed(2))} requests/s (${count(point.requestsPerMonth)} requests/month): ` +
                `$${usd(point.serverlessMonthly)} against $${usd(point.containerMonthly)} a month with ${point.tasks} tasks.`,
        );
    } else {
        out.push(`Crossover: none, ${report.reason ?? "nothing to compare"}.`);
    }
    out.push(`  assumptions: ${report.assumptions.join("; ")}`);
    out.push(
        `  the notes re-priced: ${report.notes
            .map((n) => `${n.what}: $${usd(n.monthly)}${n.notes === undefined ? "" : ` (notes: $${usd(n.notes)})`}`)
            .join("; ")}`,
    );
    return out;
}

/** `out/<stack>/cost.json`. */
export interface CostJson {
    stack: string;
    pricesAsOf: string;
    region: string;
    idle: CostEstimate;
    load: CostEstimate;
    crossover?: CrossoverReport;
}

export function costJson(stack: string, idle: CostEstimate, load: CostEstimate, crossover?: CrossoverReport): CostJson {
    const out: CostJson = { stack, pricesAsOf: load.pricesAsOf, region: load.region, idle, load };
    if (crossover) out.crossover = crossover;
    return out;
}
