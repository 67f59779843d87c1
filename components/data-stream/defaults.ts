import type { DataStreamArgs, DataStreamEncryption, ProvisionedCapacity } from "./args";

/** The one source of DataStream's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    DataStreamArgs: {
        capacity: "on-demand" as "on-demand" | ProvisionedCapacity,
        retentionHours: 24,
        encryption: "aws-managed" as DataStreamEncryption,
        shardLevelMetrics: [] as string[],
        protectData: false,
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<DataStreamArgs["transform"]>,
    },
};

export interface ResolvedDataStream {
    capacity: "on-demand" | ProvisionedCapacity;
    retentionHours: number;
    encryption: DataStreamEncryption;
    shardLevelMetrics: string[];
    protectData: boolean;
    tags: Record<string, string>;
    transform: NonNullable<DataStreamArgs["transform"]>;
}

/** Fills every default. Call after the shape check. */
export function normalize(args: DataStreamArgs): ResolvedDataStream {
    const d = DEFAULTS.DataStreamArgs;
    return {
        capacity: args.capacity ?? d.capacity,
        retentionHours: args.retentionHours ?? d.retentionHours,
        encryption: args.encryption ?? d.encryption,
        shardLevelMetrics: args.shardLevelMetrics ?? d.shardLevelMetrics,
        protectData: args.protectData ?? d.protectData,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
