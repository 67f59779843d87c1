import type { DatabaseProxyOptions } from "../database-proxy/args";
import { proxyOptions } from "../database-proxy/defaults";
import type { DatabaseArgs, DatabaseCapacityArgs, DatabaseTransforms } from "./args";

/** The one source of Database's defaults (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    DatabaseCapacityArgs: { minAcu: 0.5, maxAcu: 4 },
    DatabaseArgs: {
        // Runs Serverless v2 and scales to 0 ACUs (auto-pause needs 16.3 or later). 16.10 (Aurora's release of 17.6,
        // 16.10, 15.14, 14.19, 13.22) rather than 16.6 (Dec 2024): a minor version past its end of standard support can
        // no longer be created, and RDS for PostgreSQL deprecated 16.5-16.8 for new instances in 2026.
        engineVersion: "16.10",
        databaseName: "app",
        // Not the engine's default "postgres" (FSBP RDS.24: a well-known administrator name is the first one guessed);
        // aurora-postgresql refuses "admin" (cfn-lint#4425).
        masterUsername: "dbadmin",
        capacity: {} as DatabaseCapacityArgs,
        readers: 0,
        backupRetentionDays: 7,
        deletionProtection: false,
        protectData: false,
        logRetentionDays: 30,
        proxy: {} as false | DatabaseProxyOptions,
        allowFrom: [] as NonNullable<DatabaseArgs["allowFrom"]>,
        tags: {} as Record<string, string>,
        transform: {} as DatabaseTransforms,
    },
    /** AWS's default idle time before an instance at 0 ACUs pauses (SecondsUntilAutoPause). */
    autoPauseSeconds: 300,
};

export interface ResolvedCapacity {
    minAcu: number;
    maxAcu: number;
    /** Only with minAcu 0. */
    autoPauseSeconds?: number;
}

export interface ResolvedDatabase {
    vpc: DatabaseArgs["vpc"];
    engineVersion: string;
    databaseName: string;
    masterUsername: string;
    capacity: ResolvedCapacity;
    readers: number;
    backupRetentionDays: number;
    deletionProtection: boolean;
    protectData: boolean;
    kmsKeyArn?: DatabaseArgs["kmsKeyArn"];
    logRetentionDays: number;
    proxy: false | Required<DatabaseProxyOptions>;
    allowFrom: NonNullable<DatabaseArgs["allowFrom"]>;
    tags: Record<string, string>;
    transform: DatabaseTransforms;
}

function capacity(c: DatabaseCapacityArgs | undefined): ResolvedCapacity {
    const d = DEFAULTS.DatabaseCapacityArgs;
    const minAcu = c?.minAcu ?? d.minAcu;
    const out: ResolvedCapacity = { minAcu, maxAcu: c?.maxAcu ?? d.maxAcu };
    const pause = c?.autoPauseSeconds ?? (minAcu === 0 ? DEFAULTS.autoPauseSeconds : undefined);
    if (pause !== undefined) out.autoPauseSeconds = pause;
    return out;
}

/** Fills every default. Call after the shape check. */
export function normalize(args: DatabaseArgs): ResolvedDatabase {
    const d = DEFAULTS.DatabaseArgs;
    const proxy = args.proxy ?? d.proxy;
    const out: ResolvedDatabase = {
        vpc: args.vpc,
        engineVersion: args.engineVersion ?? d.engineVersion,
        databaseName: args.databaseName ?? d.databaseName,
        masterUsername: args.masterUsername ?? d.masterUsername,
        capacity: capacity(args.capacity),
        readers: args.readers ?? d.readers,
        backupRetentionDays: args.backupRetentionDays ?? d.backupRetentionDays,
        deletionProtection: args.deletionProtection ?? d.deletionProtection,
        protectData: args.protectData ?? d.protectData,
        logRetentionDays: args.logRetentionDays ?? d.logRetentionDays,
        proxy: proxy === false ? false : proxyOptions(proxy),
        allowFrom: args.allowFrom ?? d.allowFrom,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
    if (args.kmsKeyArn !== undefined) out.kmsKeyArn = args.kmsKeyArn;
    return out;
}
