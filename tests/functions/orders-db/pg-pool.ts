/**
 * The orders function's pool as the entry point builds it (`createPool(poolSettings(...))`: the real `pg.Pool`, TLS
 * verified, SCRAM), pointed at the test server: the signer's token replaced by the server's password and `ca` by the
 * run's CA. Pools opened here are closed by `closePools()`.
 */
import type { Pool } from "pg";
import type { Database } from "../../../functions/orders-db/api";
import { type AuthTokenSigner, type DbSettings, createPool, poolSettings, settingsFromEnv } from "../../../functions/orders-db/connection";
import type { Queryable } from "../../../functions/orders-db/core";
import { type Logger, createLogger } from "../../../functions/shared/log";
import type { LocalPostgres } from "../../harness/postgres";

/** A logger keeping its JSON lines. */
export function memoryLog(): Logger & { lines: Record<string, unknown>[] } {
    const lines: Record<string, unknown>[] = [];
    return Object.assign(
        createLogger((l) => lines.push(JSON.parse(l)), "debug"),
        { lines },
    );
}

/** A signer counting its calls, answering `token(n)` for the n-th. */
export function countingSigner(token: (n: number) => string): AuthTokenSigner & { calls: number } {
    const s = {
        calls: 0,
        async getAuthToken() {
            s.calls++;
            return token(s.calls);
        },
    };
    return s;
}

/** The settings the function would read if its environment named the test server. */
export function serverSettings(server: LocalPostgres): DbSettings {
    return settingsFromEnv({ DB_HOST: server.host, DB_PORT: String(server.port), DB_NAME: server.database, DB_USER: server.user, AWS_REGION: "eu-west-1" });
}

const open: Pool[] = [];

/**
 * A pool as the entry point makes it, logging `log` and signing with `signer` (the server's password by default), as
 * `user` (the server's user by default).
 */
export function openPool(server: LocalPostgres, options: { signer?: AuthTokenSigner; log?: Logger; user?: string } = {}): Pool {
    const signer = options.signer ?? countingSigner(() => server.password);
    const settings = { ...serverSettings(server), ...(options.user === undefined ? {} : { user: options.user }) };
    const pool = createPool(poolSettings(settings, signer, { ca: server.ca }), options.log ?? memoryLog());
    open.push(pool);
    return pool;
}

export async function closePools(): Promise<void> {
    await Promise.all(open.splice(0).map((p) => p.end().catch(() => undefined)));
}

type QueryConfig = Parameters<Database["query"]>[0];

/** The pool, for the query layer (`Queryable`) or the handler (`Database`), recording each statement's text. */
export function recording(pool: Pool): Queryable & Database & { statements: string[] } {
    const statements: string[] = [];
    return {
        statements,
        query(config: string | QueryConfig, values?: unknown[]) {
            const c = typeof config === "string" ? { text: config, values } : config;
            statements.push(c.text);
            return pool.query(c);
        },
    };
}

/** The backend pid of the connection the pool hands out next (its only one: `max: 1`). */
export async function backendPid(pool: Queryable): Promise<string> {
    const { rows } = await pool.query("select pg_backend_pid()::text as pid");
    return String(rows[0].pid);
}

/**
 * Ends the backend `pid` from another session while this process's event loop is blocked (spawnSync), and waits, still
 * blocked, until it is gone: the pool's socket then holds the server's goodbye unread, as a connection the proxy closed
 * while Lambda froze the environment does when the next invocation thaws it.
 */
export function terminateWhileFrozen(server: LocalPostgres, pid: string): void {
    server.psql("select pg_terminate_backend(:'pid'::int)", { pid });
    const deadline = Date.now() + 10_000;
    while (server.psql("select count(*) as n from pg_stat_activity where pid = :'pid'::int", { pid })[0].n !== "0") {
        if (Date.now() > deadline) throw new Error(`backend ${pid} did not end`);
    }
}
