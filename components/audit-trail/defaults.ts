import type { AuditTrailArgs, AuditTrailTransforms, DataEventsArgs, InsightType } from "./args";

/** The one source of AuditTrail's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    retentionDays: 365,
    logRetentionDays: 90,
    writerAccountIds: [] as string[],
    dataEvents: {} as DataEventsArgs,
    insights: [] as InsightType[],
    protectData: false,
    keyDeletionWindowDays: 30,
    tags: {} as Record<string, string>,
    transform: {} as AuditTrailTransforms,
};

export type ResolvedAuditTrail = Required<AuditTrailArgs>;

/** Fills every default. Call after the shape check. */
export function normalize(args: AuditTrailArgs): ResolvedAuditTrail {
    return {
        retentionDays: args.retentionDays ?? DEFAULTS.retentionDays,
        logRetentionDays: args.logRetentionDays ?? DEFAULTS.logRetentionDays,
        writerAccountIds: args.writerAccountIds ?? DEFAULTS.writerAccountIds,
        dataEvents: args.dataEvents ?? DEFAULTS.dataEvents,
        insights: args.insights ?? DEFAULTS.insights,
        protectData: args.protectData ?? DEFAULTS.protectData,
        keyDeletionWindowDays: args.keyDeletionWindowDays ?? DEFAULTS.keyDeletionWindowDays,
        tags: args.tags ?? DEFAULTS.tags,
        transform: args.transform ?? DEFAULTS.transform,
    };
}
