import type { EdgeEventType, EdgeLambdaArgs, EdgeRuntime } from "./args";

/** The one source of EdgeLambda's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    EdgeLambdaArgs: {
        handler: "handler",
        runtime: "nodejs22.x" as EdgeRuntime,
        // The viewer-event maximum: a function that fits there fits every event.
        memoryMiB: 128,
        timeoutSeconds: 5,
        events: [] as EdgeEventType[],
        files: {} as NonNullable<EdgeLambdaArgs["files"]>,
        logRetentionDays: 30,
        logRegions: ["us-east-1"],
        skipDestroy: true,
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<EdgeLambdaArgs["transform"]>,
    },
};

export interface ResolvedEdgeLambda {
    entry: string;
    handler: string;
    runtime: EdgeRuntime;
    memoryMiB: number;
    timeoutSeconds: number;
    events: EdgeEventType[];
    files: NonNullable<EdgeLambdaArgs["files"]>;
    logRetentionDays: number;
    logRegions: string[];
    skipDestroy: boolean;
    provider?: EdgeLambdaArgs["provider"];
    tags: Record<string, string>;
    transform: NonNullable<EdgeLambdaArgs["transform"]>;
}

/** Fills every default. Call after the shape check. */
export function normalize(args: EdgeLambdaArgs): ResolvedEdgeLambda {
    const d = DEFAULTS.EdgeLambdaArgs;
    return {
        entry: args.entry,
        handler: args.handler ?? d.handler,
        runtime: args.runtime ?? d.runtime,
        memoryMiB: args.memoryMiB ?? d.memoryMiB,
        timeoutSeconds: args.timeoutSeconds ?? d.timeoutSeconds,
        events: args.events ?? d.events,
        files: args.files ?? d.files,
        logRetentionDays: args.logRetentionDays ?? d.logRetentionDays,
        logRegions: args.logRegions ?? d.logRegions,
        skipDestroy: args.skipDestroy ?? d.skipDestroy,
        provider: args.provider,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
