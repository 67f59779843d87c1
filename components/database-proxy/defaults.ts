import { withDefaults } from "../shared/defaults";
import type { DatabaseProxyArgs, DatabaseProxyOptions, DatabaseProxyTransforms } from "./args";

/** The one source of DatabaseProxy's defaults (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    DatabaseProxyOptions: {
        // AWS's own defaults (CreateDBProxy IdleClientTimeout 1800; ConnectionPoolConfiguration MaxConnectionsPercent 100).
        idleClientTimeoutSeconds: 1800,
        maxConnectionsPercent: 100,
        debugLogging: false,
    },
    DatabaseProxyArgs: {
        allowFrom: [] as DatabaseProxyArgs["allowFrom"] & object,
        tags: {} as Record<string, string>,
        transform: {} as DatabaseProxyTransforms,
    },
};

export type ResolvedDatabaseProxy = DatabaseProxyArgs & Required<DatabaseProxyOptions> & Required<Pick<DatabaseProxyArgs, "allowFrom" | "tags" | "transform">>;

/** The options a Database passes on, with their defaults: one place for both components. */
export function proxyOptions(o: DatabaseProxyOptions | undefined): Required<DatabaseProxyOptions> {
    const d = DEFAULTS.DatabaseProxyOptions;
    return {
        idleClientTimeoutSeconds: o?.idleClientTimeoutSeconds ?? d.idleClientTimeoutSeconds,
        maxConnectionsPercent: o?.maxConnectionsPercent ?? d.maxConnectionsPercent,
        debugLogging: o?.debugLogging ?? d.debugLogging,
    };
}

/** Fills every default. Call after the shape check. */
export function normalize(args: DatabaseProxyArgs): ResolvedDatabaseProxy {
    return { ...withDefaults(DEFAULTS.DatabaseProxyArgs, args), ...proxyOptions(args) } as ResolvedDatabaseProxy;
}

/** The port an RDS Proxy listens on: the engine family's default, not configurable (CreateDBProxy has no port). */
export function proxyPort(engineFamily: DatabaseProxyArgs["engineFamily"]): number {
    return engineFamily === "MYSQL" ? 3306 : 5432;
}
