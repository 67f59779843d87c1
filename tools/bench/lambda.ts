/**
 * The Lambda handlers the stacks bundle, and what their bundles weigh and cost to load: each entry bundled as the
 * components ship it (`bundle()`) and again without minification and tree-shaking (`bundleWith`, the same options
 * otherwise), sizes raw and gzipped, and the cold init of each in a fresh Node.js process.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { bundle, bundleWith } from "../../components/shared/bundle";
import type { PreviewJson } from "../plan/preview-json";
import { ROOT, stackSources, timeNode } from "./measure";
import { type BundleMeasure, type LambdaEntry, type LambdaResults, median } from "./results";

/** The components that bundle an `entry` argument themselves: a LambdaFunction (alone or nested) and an EdgeLambda. */
export const BUNDLING_TYPES = ["aws-platform:serverless:LambdaFunction", "aws-platform:edge:EdgeLambda"];

export interface DiscoveredEntry {
    entry: string;
    /** Where the code names it (`stacks/serverless.ts:223`, `components/thumbnails/defaults.ts:9`). */
    at: string[];
}

function scan(file: string, root: string, found: Map<string, DiscoveredEntry>): void {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    for (const [i, line] of lines.entries()) {
        // Code, not documentation: `@example` and comment lines name entries nobody bundles.
        if (/^\s*(\*|\/\/|\/\*)/.test(line)) continue;
        for (const m of line.matchAll(/\bentry:\s*"([^"]+\.[jt]s)"/g)) {
            const at = `${path.relative(root, file)}:${i + 1}`;
            const seen = found.get(m[1]!);
            if (seen) seen.at.push(at);
            else found.set(m[1]!, { entry: m[1]!, at: [at] });
        }
    }
}

/**
 * Every `entry: "<file>"` in the stacks' code (stacks/*.ts) and in the components' defaults (components/*\/defaults.ts:
 * functions a component adds by itself, like AuditTrail's alert function): the handlers the stacks bundle. `npm run
 * bench` checks the result against the entries in the plans (`planEntries`).
 */
export function discoverLambdaEntries(root: string = ROOT): DiscoveredEntry[] {
    const found = new Map<string, DiscoveredEntry>();
    for (const file of stackSources(root)) scan(file, root, found);
    const components = path.join(root, "components");
    for (const dir of fs.readdirSync(components).sort()) {
        const defaults = path.join(components, dir, "defaults.ts");
        if (fs.existsSync(defaults)) scan(defaults, root, found);
    }
    return [...found.values()].sort((a, b) => a.entry.localeCompare(b.entry));
}

/** entry → the names of the LambdaFunction and EdgeLambda components built from it in a plan. */
export function planEntries(plan: PreviewJson): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const { newState: s } of plan.steps) {
        const entry = s.inputs?.entry;
        if (!BUNDLING_TYPES.includes(s.type) || typeof entry !== "string") continue;
        const name = s.urn.split("::").slice(3).join("::");
        out.set(entry, [...(out.get(entry) ?? []), name].sort());
    }
    return out;
}

/** A plan entry the discovery missed would go unmeasured: the message names it. */
export function undiscovered(discovered: DiscoveredEntry[], plans: Record<string, PreviewJson>): string[] {
    const known = new Set(discovered.map((d) => d.entry));
    const missing: string[] = [];
    for (const [stack, plan] of Object.entries(plans)) for (const entry of planEntries(plan).keys()) if (!known.has(entry)) missing.push(`${entry} (${stack})`);
    return missing;
}

const gzipBytes = (code: string) => gzipSync(Buffer.from(code)).length;

/**
 * Bundles each entry both ways into a temporary directory (no node_modules beside it, as in Lambda), then times
 * `node -e 'require(<bundle>)'` `runs` times per bundle and `node -e '0'` as often, alternated, and subtracts the
 * baseline's median.
 */
export function measureLambda(
    entries: DiscoveredEntry[],
    usedBy: Record<string, Map<string, string[]>>,
    runs: number,
    log: (s: string) => void,
): LambdaResults {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-lambda-"));
    try {
        const built = entries.map((e, i) => {
            const shipped = bundle(e.entry, { cache: false }).code;
            const unoptimized = bundleWith(e.entry, { minify: false, treeShaking: false });
            const files = { shipped: path.join(dir, `${i}-shipped`, "index.js"), unoptimized: path.join(dir, `${i}-unoptimized`, "index.js") };
            for (const [k, code] of [
                ["shipped", shipped],
                ["unoptimized", unoptimized],
            ] as const) {
                fs.mkdirSync(path.dirname(files[k]), { recursive: true });
                fs.writeFileSync(files[k], code);
            }
            return {
                ...e,
                shipped,
                unoptimized,
                files,
                times: { shipped: [] as number[], unoptimized: [] as number[] },
                error: undefined as string | undefined,
            };
        });
        const baseline: number[] = [];
        for (let i = 0; i < runs; i++) {
            baseline.push(timeNode(["-e", "0"]));
            for (const b of built) {
                for (const k of ["shipped", "unoptimized"] as const) {
                    if (b.error) continue;
                    try {
                        b.times[k].push(timeNode(["-e", `require(${JSON.stringify(b.files[k])})`]));
                    } catch (e) {
                        b.error = `${k}: ${(e as Error).message.split("\n").slice(0, 3).join(" ")}`;
                    }
                }
            }
            log(`lambda: run ${i + 1}/${runs}`);
        }
        const nodeBaselineMs = median(baseline);
        const measure = (code: string, times: number[]): BundleMeasure => ({
            bytes: Buffer.byteLength(code),
            gzipBytes: gzipBytes(code),
            initMs: times.length ? Math.round(10 * (median(times) - nodeBaselineMs)) / 10 : 0,
        });
        const round = (r: number) => Math.round(100 * r) / 100;
        const out: LambdaEntry[] = built.map((b) => {
            const shipped = measure(b.shipped, b.times.shipped);
            const unoptimized = measure(b.unoptimized, b.times.unoptimized);
            return {
                entry: b.entry,
                usedBy: Object.fromEntries(Object.entries(usedBy).map(([stack, m]) => [stack, m.get(b.entry) ?? []])),
                shipped,
                unoptimized,
                ratio: {
                    bytes: round(unoptimized.bytes / shipped.bytes),
                    gzipBytes: round(unoptimized.gzipBytes / shipped.gzipBytes),
                    initMs: !b.error && shipped.initMs > 0 ? round(unoptimized.initMs / shipped.initMs) : null,
                },
                ...(b.error ? { error: b.error } : {}),
            };
        });
        return { nodeBaselineMs: Math.round(10 * nodeBaselineMs) / 10, entries: out };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
