/**
 * The orders function: invoked directly (or by a Step Functions task) with `{ action: "create", order }` or
 * `{ action: "list", customerId, limit? }`. Bad input answers `{ ok: false, issues }` and is not retried; a database
 * failure throws, so Lambda's retries (asynchronous invocations) and the caller's error handling apply, and a retried
 * create returns the first order (its `clientToken`).
 *
 * The schema is created once per execution environment, on the first invocation, and again after a failure.
 */
import type { Logger } from "../shared/log";
import { isConnectionLost } from "./connection";
import { type FieldIssue, LIMITS, type Order, type OrderInput, type Queryable, ensureSchema, insertOrder, listOrders, validateOrder } from "./core";

export type OrdersEvent = { action: "create"; order: unknown } | { action: "list"; customerId: unknown; limit?: unknown };

export type OrdersResult =
    | { ok: true; action: "create"; created: boolean; order: Order }
    | { ok: true; action: "list"; orders: Order[] }
    | { ok: false; issues: FieldIssue[] };

export interface Deps {
    /** The pool created at init, or the error that prevented it (a missing setting): every invocation then fails with it. */
    db: Queryable | Error;
    log: Logger;
}

function listIssues(event: { customerId: unknown; limit?: unknown }): FieldIssue[] {
    const issues: FieldIssue[] = [];
    if (typeof event.customerId !== "string" || event.customerId === "") issues.push({ field: "customerId", message: "must be a non-empty string" });
    const l = event.limit;
    if (l !== undefined && (typeof l !== "number" || !Number.isInteger(l) || l < 1 || l > LIMITS.listMax)) {
        issues.push({ field: "limit", message: `must be an integer from 1 to ${LIMITS.listMax}` });
    }
    return issues;
}

export function createHandler(deps: Deps): (event: OrdersEvent) => Promise<OrdersResult> {
    let schema: Promise<void> | undefined;
    const ready = (db: Queryable) => {
        schema ??= ensureSchema(db).catch((e) => {
            schema = undefined;
            throw e;
        });
        return schema;
    };
    return async (event) => {
        const action = (event as { action?: unknown } | null)?.action;
        if (action !== "create" && action !== "list") return { ok: false, issues: [{ field: "action", message: 'must be "create" or "list"' }] };
        const issues =
            action === "create"
                ? validateOrder(event.action === "create" ? event.order : undefined)
                : listIssues(event as { customerId: unknown; limit?: unknown });
        if (issues.length > 0) return { ok: false, issues };
        const { db, log } = deps;
        if (db instanceof Error) {
            log.log("error", "orders-db not configured", { error: db.message });
            throw db;
        }
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
            log.log("error", "orders-db query failed", { action, error: (e as Error).message, durationMs: Date.now() - started });
            throw e;
        }
    };
}
