/**
 * The tombstone sweeper's pure core: reads the input EventBridge Scheduler passes (the schedule target's `Input`, a
 * JSON object delivered as the event), and decides the cutoff. No I/O.
 *
 * The items API's DELETE leaves a tombstone (`deletedAt`, ISO 8601) so that a client token cannot recreate a deleted
 * item; the sweeper purges tombstones older than `retentionDays`, which is therefore how long a token is honoured
 * after its item was deleted.
 */

/** What the schedule passes. Every field is optional: `{}` is a nightly run with the defaults. */
export interface SweepInput {
    /** Tombstones whose `deletedAt` is older than this many days are purged. @default 30 */
    retentionDays?: number;
    /** Scan and count, delete nothing. @default false */
    dryRun?: boolean;
    /** Resume a run that stopped on its time budget: the `resumeKey` it returned. @default the start of the table */
    startKey?: ResumeKey;
    /** Items evaluated per Scan page (DynamoDB also stops a page at 1 MB). @default 500 */
    pageSize?: number;
}

/** A Scan's LastEvaluatedKey: the table key `id`, and `deletedAt` too when the sweeper scans the sparse index. */
export type ResumeKey = { id: string; deletedAt?: string };

export interface SweepPlan {
    retentionDays: number;
    dryRun: boolean;
    startKey?: ResumeKey;
    pageSize: number;
    /** ISO 8601: tombstones with `deletedAt` strictly before it are purged. */
    cutoff: string;
}

export const DEFAULTS = { retentionDays: 30, dryRun: false, pageSize: 500 } as const;

/** Bounds: a retention under a day would purge tombstones while clients still retry; over ten years keeps them for ever. */
export const LIMITS = { retentionDays: { min: 1, max: 3650 }, pageSize: { min: 1, max: 1000 } } as const;

/**
 * Time kept in hand when deciding whether to start another page: the page's Scan, its deletes and the final log line
 * must finish before Lambda stops the invocation. At least this, or three times the slowest page so far.
 */
export const RESERVE_MS = 10_000;

const KEYS = ["retentionDays", "dryRun", "startKey", "pageSize"];

/** The run's plan, or every problem with the input (a schedule with a bad input fails loudly instead of sweeping wrongly). */
export function parseInput(event: unknown, now: Date): SweepPlan | { errors: string[] } {
    // Scheduler's console and a hand-run `aws lambda invoke` without a payload both deliver no object or an empty one.
    const input = event === undefined || event === null ? {} : event;
    if (typeof input !== "object" || Array.isArray(input)) return { errors: [`input must be a JSON object, got ${JSON.stringify(input)}`] };
    const errors: string[] = [];
    const raw = input as Record<string, unknown>;
    for (const k of Object.keys(raw)) if (!KEYS.includes(k)) errors.push(`input.${k} is not a known field; allowed: ${KEYS.join(", ")}`);
    const int = (name: "retentionDays" | "pageSize") => {
        const v = raw[name] ?? DEFAULTS[name];
        const { min, max } = LIMITS[name];
        if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
            errors.push(`input.${name}=${JSON.stringify(raw[name])} must be an integer in ${min}..${max}`);
            return DEFAULTS[name];
        }
        return v;
    };
    const retentionDays = int("retentionDays");
    const pageSize = int("pageSize");
    const dryRun = raw.dryRun ?? DEFAULTS.dryRun;
    if (typeof dryRun !== "boolean") errors.push(`input.dryRun=${JSON.stringify(raw.dryRun)} must be true or false`);
    const startKey = raw.startKey;
    const isKey = (k: unknown): k is ResumeKey =>
        typeof k === "object" &&
        k !== null &&
        !Array.isArray(k) &&
        Object.entries(k).every(([name, v]) => (name === "id" || name === "deletedAt") && typeof v === "string" && v.length > 0) &&
        "id" in k;
    if (startKey !== undefined && !isKey(startKey)) errors.push(`input.startKey=${JSON.stringify(startKey)} must be a resumeKey this function returned`);
    if (errors.length > 0) return { errors };
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
    const plan: SweepPlan = { retentionDays, dryRun: dryRun as boolean, pageSize, cutoff };
    if (startKey !== undefined) plan.startKey = { ...(startKey as ResumeKey) };
    return plan;
}

/** Whether to start another page: enough time left for it (and the reserve) judging by the slowest page so far. */
export function hasTimeFor(remainingMs: number, slowestPageMs: number): boolean {
    return remainingMs > Math.max(RESERVE_MS, 3 * slowestPageMs);
}
