import { Provider } from "@pulumi/aws/provider";
import { bundleCode, checkEntry } from "../lambda-function/validate";
import { Issue, Issues, isPlain } from "../shared/errors";
import { zippedBytes } from "../shared/bundle";
import { LAMBDA_EDGE_LIMITS, LAMBDA_EDGE_RUNTIMES, LAMBDA_EDGE_UNSUPPORTED } from "../shared/limits/lambda-edge";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { array, boolean, checkShape, input, int, object, oneOf, optional, record, string, transform } from "../shared/shape";
import { checkTags } from "../shared/validators";
import type { EdgeEventType, EdgeLambdaArgs } from "./args";
import { ResolvedEdgeLambda, normalize } from "./defaults";

export const EDGE_EVENT_TYPES: readonly EdgeEventType[] = ["viewer-request", "viewer-response", "origin-request", "origin-response"];

const EDGE_LAMBDA_SHAPE = object<Omit<EdgeLambdaArgs, "provider">>()({
    entry: string({ nonEmpty: true }),
    handler: optional(string()),
    runtime: optional(string()),
    memoryMiB: optional(int()),
    timeoutSeconds: optional(int()),
    events: optional(array(oneOf(EDGE_EVENT_TYPES))),
    files: optional(record(input(string()))),
    logRetentionDays: optional(int()),
    logRegions: optional(array(string())),
    skipDestroy: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<EdgeLambdaArgs["transform"]>>()({
            provider: optional(transform()),
            role: optional(transform()),
            logGroup: optional(transform()),
            function: optional(transform()),
        }),
    ),
});

/** A commercial, GovCloud or China Region code (`us-east-1`, `eu-west-1`, `us-gov-west-1`). */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/;
/** A relative path inside the package: no leading `/`, no `..` segment, no empty segment. */
const PACKAGE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** The limits that apply to a function attached to `events`: viewer ones when any is a viewer event. */
export function edgeLimits(events: readonly EdgeEventType[]): (typeof LAMBDA_EDGE_LIMITS)["viewer" | "origin"] {
    return events.some((e) => e.startsWith("viewer-")) ? LAMBDA_EDGE_LIMITS.viewer : LAMBDA_EDGE_LIMITS.origin;
}

/** Names the events whose limits apply, for messages: `for viewer events (viewer-request)`. */
function forEvents(events: readonly EdgeEventType[]): string {
    const viewer = events.filter((e) => e.startsWith("viewer-"));
    if (viewer.length) return `for viewer events (${viewer.join(", ")})`;
    return events.length ? `for origin events (${events.join(", ")})` : "for any event";
}

/**
 * Everything an EdgeLambda built from `args` would refuse, for a function attached to `events` (and
 * to `args.events`): Lambda features Lambda@Edge lacks (when a
 * JavaScript caller passes them), the shape, runtime, memory and timeout per event type, the extra
 * files, the log settings, and the code itself (it must bundle, export `handler`, and fit the
 * zipped-package quota of those events). Paths are relative to `args`, so a component nesting one
 * prefixes them (`edgeLambdas.router.memoryMiB`). No resources; reads and bundles `entry` (cached).
 * Files given as Outputs are measured once known, at deployment, against `args.events` only: pass the
 * events in `args` too for that check to know them.
 */
export function validateEdgeLambda(args: EdgeLambdaArgs, events: readonly EdgeEventType[] = []): Issue[] {
    const issues = new Issues();
    if (typeof args !== "object" || args === null) {
        issues.add("", args, "is not an object", "EdgeLambdaArgs, with entry");
        return issues.list;
    }
    const { provider, ...rest } = args as EdgeLambdaArgs & Record<string, unknown>;
    const shaped: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) {
        const why = LAMBDA_EDGE_UNSUPPORTED[key];
        if (why !== undefined && value !== undefined) issues.add(key, value, "is not supported by Lambda@Edge", why);
        else shaped[key] = value;
    }
    if (provider !== undefined && !Provider.isInstance(provider))
        issues.add(
            "provider",
            provider,
            "is not a provider",
            'an aws.Provider configured for us-east-1, e.g. new aws.Provider("edge", { region: "us-east-1" })',
        );
    if (!checkShape(issues, EDGE_LAMBDA_SHAPE, shaped)) return issues.list;
    const cfg = normalize(args);
    const all = [...new Set([...cfg.events, ...events])];
    const limits = edgeLimits(all);
    issues.oneOf("runtime", cfg.runtime, LAMBDA_EDGE_RUNTIMES);
    const [minMiB, maxMiB] = limits.memoryMiB;
    if (minMiB === maxMiB && cfg.memoryMiB !== minMiB) issues.add("memoryMiB", cfg.memoryMiB, "is out of range", `exactly ${minMiB} MiB ${forEvents(all)}`);
    else issues.int("memoryMiB", cfg.memoryMiB, minMiB, maxMiB, ` MiB ${forEvents(all)}`);
    issues.int("timeoutSeconds", cfg.timeoutSeconds, limits.timeoutSeconds[0], limits.timeoutSeconds[1], ` seconds ${forEvents(all)}`);
    checkFiles(issues, cfg.files);
    issues.oneOf("logRetentionDays", cfg.logRetentionDays, LOG_RETENTION_DAYS);
    checkRegions(issues, cfg.logRegions);
    checkTags(issues, "tags", cfg.tags);
    if (issues.ok) checkCode(issues, cfg, all);
    return issues.list;
}

function checkFiles(issues: Issues, files: ResolvedEdgeLambda["files"]): void {
    for (const file of Object.keys(files)) {
        if (file === "index.js") issues.add(`files.${file}`, file, "is the bundled code's own name", "another path, e.g. config.json");
        else issues.match(`files.${file}`, file, PACKAGE_PATH, "a relative path of letters, digits, '.', '_', '-' and '/', without '..' or a leading '/'");
    }
}

function checkRegions(issues: Issues, regions: string[]): void {
    regions.forEach((region, i) => {
        if (!issues.match(`logRegions[${i}]`, region, REGION, "a Region code, e.g. us-east-1 or eu-west-1")) return;
        if (regions.indexOf(region) !== i) issues.add(`logRegions[${i}]`, region, "is listed twice", "each Region once");
    });
}

/** The code: a file that bundles, exports `handler`, and whose package (with the plain files) fits the quota. */
function checkCode(issues: Issues, cfg: ResolvedEdgeLambda, events: readonly EdgeEventType[]): void {
    if (!checkEntry(issues, cfg.entry, cfg.handler)) return;
    const { code, issues: bundled } = bundleCode(cfg.entry, cfg.handler);
    issues.list.push(...bundled);
    if (!code) return;
    // An Output counts as empty here: if the known part is already too large, no value can fix it.
    const plain = Object.fromEntries(Object.entries(cfg.files).map(([k, v]) => [k, isPlain(v) ? v : ""]));
    const size = packageSizeIssue({ ...plain, "index.js": code.code }, events);
    if (size) issues.list.push(size);
}

/** The issue for a package over the zipped quota of `events`: the same before any resource and in `apply` (Output files). */
export function packageSizeIssue(files: Record<string, string>, events: readonly EdgeEventType[]): Issue | undefined {
    const bytes = zippedBytes(files);
    const max = edgeLimits(events).zippedBytes;
    if (bytes <= max) return undefined;
    return {
        path: "entry",
        value: `(${bytes} bytes zipped, with files)`,
        message: `makes a deployment package larger than Lambda@Edge allows ${forEvents(events)}`,
        allowed: `at most ${max} bytes zipped (${max / 1024 / 1024} MB); move data out of files or code, or use an origin event`,
    };
}
