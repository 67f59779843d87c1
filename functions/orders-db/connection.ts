/**
 * How the function reaches the database: through RDS Proxy, with an IAM authentication token as the password and TLS
 * required. The proxy is never public, so the function runs in the VPC; the token is signed locally from the function
 * role's credentials (`rds-db:connect` on the proxy's `prx-…` resource id), so no AWS endpoint is called to connect.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html
 *
 * The pool is created once per execution environment (outside the handler) and reused across invocations; its
 * `password` is a function, which `pg` calls for every new connection, so each connection gets a fresh token
 * (a token is valid for 15 minutes; a pooled connection may outlive it: "The token is only used for authentication and
 * doesn't affect the session after it is established",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.html).
 */
import { Pool } from "pg";
import type { Logger } from "../shared/log";

/** What produces the password: in production `new Signer(signerOptions(settings))` from `@aws-sdk/rds-signer`. */
export interface AuthTokenSigner {
    getAuthToken(): Promise<string>;
}

export interface DbSettings {
    /** The RDS Proxy endpoint (`DB_HOST`). */
    host: string;
    /** `DB_PORT`, 5432 when unset. */
    port: number;
    /** `DB_NAME`. */
    database: string;
    /** `DB_USER`: the database user the proxy's secret holds and the IAM policy names. */
    user: string;
    /** `AWS_REGION`, which Lambda sets. */
    region: string;
}

/**
 * The settings from the environment (read once, at init), every missing one named. The entry point keeps the error and
 * each invocation fails with it (as `requiredSetting` does for the other functions), rather than failing the init.
 */
export function settingsFromEnv(env: Record<string, string | undefined> = process.env): DbSettings {
    const missing = ["DB_HOST", "DB_NAME", "DB_USER", "AWS_REGION"].filter((k) => env[k] === undefined || env[k] === "");
    if (missing.length > 0) throw new Error(`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set`);
    const port = Number(env.DB_PORT ?? "5432");
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`DB_PORT=${env.DB_PORT} is not a port number`);
    const get = (k: string) => env[k] as string;
    return { host: get("DB_HOST"), port, database: get("DB_NAME"), user: get("DB_USER"), region: get("AWS_REGION") };
}

/** The options for `@aws-sdk/rds-signer`'s `Signer`: the token is bound to this host, port and user. */
export function signerOptions(s: DbSettings): { hostname: string; port: number; username: string; region: string } {
    return { hostname: s.host, port: s.port, username: s.user, region: s.region };
}

/** The subset of `pg.PoolConfig` the function sets. */
export interface PoolSettings {
    host: string;
    port: number;
    database: string;
    user: string;
    password: () => Promise<string>;
    ssl: { rejectUnauthorized: true; ca?: string };
    /** Lambda runs one invocation at a time per environment: one connection is enough, and spares the proxy. */
    max: number;
    /** Fail an invocation rather than wait out the function timeout when the proxy is unreachable (security groups). */
    connectionTimeoutMillis: number;
    /** Close a connection the environment no longer uses before the proxy's idle client timeout does it under us. */
    idleTimeoutMillis: number;
}

/**
 * The pool configuration. TLS is required and the server certificate verified (`rejectUnauthorized: true`): IAM tokens
 * must not cross the network in clear. RDS Proxy presents a wildcard certificate that chains to Amazon Root CA 1
 * (https://repost.aws/knowledge-center/rds-aurora-mysql-connect-proxy verifies it with Amazon Trust Services'
 * `AmazonRootCA1.pem` and notes the wildcard), a root in Node's bundled store, so `ca` is needed only
 * for another server (the tests' own CA). A direct connection to the cluster would need the RDS CA bundle instead.
 */
export function poolSettings(s: DbSettings, signer: AuthTokenSigner, options: { ca?: string } = {}): PoolSettings {
    return {
        host: s.host,
        port: s.port,
        database: s.database,
        user: s.user,
        password: () => signer.getAuthToken(),
        ssl: options.ca === undefined ? { rejectUnauthorized: true } : { rejectUnauthorized: true, ca: options.ca },
        max: 1,
        connectionTimeoutMillis: 5_000,
        idleTimeoutMillis: 60_000,
    };
}

/**
 * The pool the entry point keeps for the execution environment. pg-pool re-emits the `error` of an idle connection on
 * the pool (the proxy's idle client timeout, a failover, a connection that ended while Lambda froze the environment);
 * with no listener, Node throws it as an uncaught exception, the runtime exits and the next invocation pays a cold start
 * (or the one running fails). The pool has already dropped that connection: logging it is all there is to do.
 */
export function createPool(settings: PoolSettings, log: Logger): Pool {
    const pool = new Pool(settings);
    pool.on("error", (e) => log.log("warn", "idle database connection lost", { error: e.message }));
    return pool;
}

/** SQLSTATEs of a session the server or proxy ended: class 08 (connection exception), 57P01..57P03 (shutdown). */
const CONNECTION_LOST_CODES = /^(08...|57P0[123])$/;

/**
 * Whether an error says the connection went away rather than that the statement failed: then the statement may be run
 * again on a new connection. A connection that ended while the environment was frozen (between invocations) shows up
 * only when the next statement is sent on it: `pg` rejects it with "Connection terminated unexpectedly" (no code), or the
 * server's FATAL 57P01 arrives as the statement's error, or the socket answers ECONNRESET/EPIPE.
 * A connect timeout is not one of them: trying again would wait as long again.
 */
export function isConnectionLost(e: unknown): boolean {
    if (!(e instanceof Error)) return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_LOST_CODES.test(code) || code === "ECONNRESET" || code === "EPIPE")) return true;
    return /^(Connection terminated unexpectedly|Client has encountered a connection error and is not queryable)$/.test(e.message);
}

/** Network errors of a connect that found no proxy (security group, DNS, a proxy being created or modified). */
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * Whether an error says the database could not be reached or did not answer in time (worth trying again later), rather
 * than that a statement or the login was refused (which would fail the same way again): a lost connection, a connect or
 * statement timeout (pg-pool's and pg's own messages), an unreachable host, too_many_connections (53300).
 */
export function isUnavailable(e: unknown): boolean {
    if (isConnectionLost(e)) return true;
    if (!(e instanceof Error)) return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || code === "53300")) return true;
    return /^(timeout exceeded when trying to connect|Connection terminated due to connection timeout|Query read timeout)$/.test(e.message);
}
