/**
 * The orders function: invoked directly (or by a Step Functions task) with `{ action: "create", order }` or
 * `{ action: "list", customerId, limit? }`. Bad input answers `{ ok: false, issues }` and is not retried; a database
 * failure throws, so Lambda's retries (asynchronous invocations) and the caller's error handling apply, and a retried
 * create returns the first order (its `clientToken`).
 *
 * The schema is created once per execution environment, on the first invocation, and again after a failure.
 */
import { constants } from "node:os";
import type { Logger } from "../shared/log";
import { isConnectionLost, isUnavailable } from "./connection";
import { type FieldIssue, LIMITS, type Order, type OrderInput, type Queryable, ensureSchema, insertOrder, listOrders, validateOrder } from "./core";

export type OrdersEvent = { action: "create"; order: unknown } | { action: "list"; customerId: unknown; limit?: unknown };

export type OrdersResult =
    | { ok: true; action: "create"; created: boolean; order: Order }
    | { ok: true; action: "list"; orders: Order[] }
    | { ok: false; issues: FieldIssue[] };

/** What the handler needs of the pool: `pg.Pool`'s query with a per-statement read timeout. */
export interface Database {
    query(config: { text: string; values?: unknown[]; query_timeout?: number }): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The part of Lambda's context the handler reads. */
export interface InvocationContext {
    getRemainingTimeInMillis(): number;
}

export interface Deps {
    /** The pool created at init, or the error that prevented it (a missing setting): every invocation then fails with it. */
    db: Database | Error;
    log: Logger;
}

/**
 * Time kept back from the invocation's budget for logging the failure and returning it. Statements end (`Query read
 * timeout`) before Lambda's own timeout would kill the invocation with only "Task timed out" in the log, and reset the
 * execution environment (its pool with it).
 */
export const DEADLINE_RESERVE_MS = 1_000;

function listIssues(event: { customerId: unknown; limit?: unknown }): FieldIssue[] {
    const issues: FieldIssue[] = [];
    if (typeof event.customerId !== "string" || event.customerId === "") issues.push({ field: "customerId", message: "must be a non-empty string" });
    const l = event.limit;
    if (l !== undefined && (typeof l !== "number" || !Number.isInteger(l) || l < 1 || l > LIMITS.listMax)) {
        issues.push({ field: "limit", message: `must be an integer from 1 to ${LIMITS.listMax}` });
    }
    return issues;
}

/**
 * What an invocation throws when the database fails it. Lambda reports the error's `name` as `errorType` (and Step
 * Functions as the task's `Error`), so a caller can retry `DatabaseUnavailable` (not reached, connection lost twice,
 * timed out) and not `DatabaseError` (a statement or the login refused: the same call fails again). pg's own errors
 * are all named "error". The SQLSTATE, which Lambda's error response would drop, is in the message.
 */
export class OrdersDbError extends Error {
    constructor(
        readonly name: "DatabaseUnavailable" | "DatabaseError",
        message: string,
        options: { cause: unknown },
    ) {
        super(message, options);
    }
}

/** A PostgreSQL SQLSTATE (five digits or capitals), not one of Node's errno names that also fit (EPIPE). */
const isSqlState = (code: string): boolean => /^[0-9A-Z]{5}$/.test(code) && !(code in constants.errno);

function failure(e: unknown): OrdersDbError {
    const code = (e as { code?: unknown } | null)?.code;
    const message = e instanceof Error ? e.message : String(e);
    return new OrdersDbError(
        isUnavailable(e) ? "DatabaseUnavailable" : "DatabaseError",
        typeof code === "string" && isSqlState(code) ? `${message} (SQLSTATE ${code})` : message,
        { cause: e },
    );
}

/**
 * The pool as the query layer sees it, each statement given what is left of the invocation's time (none without a
 * context: a direct call from a test or a script).
 *
 * `query_timeout` is a getter: pg reads it when the checked-out client dispatches the statement (`Client.query` in
 * node_modules/pg/lib/client.js), that is after pg-pool has connected, which on a new connection takes up to
 * `connectionTimeoutMillis`. A number computed before `pool.query` would add the connect's time to the statement's
 * and let it outlast the invocation.
 */
function bounded(db: Database, context: InvocationContext | undefined): Queryable {
    const deadline = context === undefined ? undefined : Date.now() + context.getRemainingTimeInMillis() - DEADLINE_RESERVE_MS;
    return {
        query: (text, values) =>
            db.query(
                deadline === undefined
                    ? { text, values }
                    : {
                          text,
                          values,
                          get query_timeout() {
                              return Math.max(1, deadline - Date.now());
                          },
                      },
            ),
    };
}

export function createHandler(deps: Deps): (event: OrdersEvent, context?: InvocationContext) => Promise<OrdersResult> {
    let schema: Promise<void> | undefined;
    const ready = (db: Queryable) => {
        schema ??= ensureSchema(db).catch((e) => {
            schema = undefined;
            throw e;
        });
        return schema;
    };
    return async (event, context) => {
        const action = (event as { action?: unknown } | null)?.action;
        if (action !== "create" && action !== "list") return { ok: false, issues: [{ field: "action", message: 'must be "create" or "list"' }] };
        const issues =
            action === "create"
                ? validateOrder(event.action === "create" ? event.order : undefined)
                : listIssues(event as { customerId: unknown; limit?: unknown });
        if (issues.length > 0) return { ok: false, issues };
        const { log } = deps;
        if (deps.db instanceof Error) {
            log.log("error", "orders-db not configured", { error: deps.db.message });
            throw deps.db;
        }
        const db = bounded(deps.db, context);
        const started = Date.now();
        const run = async (): Promise<OrdersResult> => {
            await ready(db);
            if (event.action === "create") {
                const { order, created } = await insertOrder(db, event.order as OrderInput);
                log.log("info", "order create", { action, created, orderId: order.id, durationMs: Date.now() - started });
                return { ok: true, action: "create", created, order };
            }
            const e = event as { customerId: string; limit?: number };
            const orders = await listOrders(db, e.customerId, e.limit ?? LIMITS.listDefault);
            log.log("info", "order list", { action, count: orders.length, durationMs: Date.now() - started });
            return { ok: true, action: "list", orders };
        };
        try {
            try {
                return await run();
            } catch (e) {
                // The pooled connection may have ended while Lambda froze the environment between invocations (the
                // proxy's idle client timeout, a failover): the first statement on it fails, and the pool drops it.
                // Once, on a new connection: every statement here may run twice (the schema is idempotent, a create
                // is keyed by its client token and then answers created: false, a list only reads).
                if (!isConnectionLost(e)) throw e;
                log.log("warn", "database connection lost, retrying once", { action, error: (e as Error).message });
                return await run();
            }
        } catch (e) {
            const f = failure(e);
            log.log("error", "orders-db query failed", { action, error: f.message, errorType: f.name, durationMs: Date.now() - started });
            throw f;
        }
    };
}
