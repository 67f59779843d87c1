/**
 * The orders query layer over PostgreSQL (Aurora PostgreSQL through RDS Proxy in AWS). It needs only `query(text,
 * values)` answering `{ rows }`, which `pg.Pool` and `pg.Client` provide, so it is tested against a real server without
 * depending on the driver. Every column is selected as text: the mapping then does not depend on the driver's type
 * parsers (`pg` answers `bigint` as a string, `timestamptz` as a Date, `int` as a number).
 *
 * SQL stays within what Aurora PostgreSQL 13+ and the PostgreSQL 15 of the tests share (no `MERGE`, no 16-only syntax).
 */

/** What the layer needs from a connection or pool (`pg.Pool` fits). */
export interface Queryable {
    query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface OrderInput {
    /** Makes a retried create (Lambda retries async invocations) return the first order instead of a second one. */
    clientToken: string;
    customerId: string;
    item: string;
    quantity: number;
}

export interface Order extends OrderInput {
    id: string;
    /** ISO 8601, UTC, microseconds. */
    createdAt: string;
}

export interface FieldIssue {
    field: string;
    message: string;
}

export const LIMITS = {
    textMaxLength: 200,
    quantityMax: 10_000,
    listDefault: 25,
    listMax: 100,
} as const;

export const SCHEMA_SQL = `
create table if not exists orders (
    id bigint generated always as identity primary key,
    client_token text not null unique,
    customer_id text not null,
    item text not null,
    quantity integer not null check (quantity between 1 and ${LIMITS.quantityMax}),
    created_at timestamptz not null default now()
);
create index if not exists orders_customer_created on orders (customer_id, created_at desc, id desc);
`;

// Fixed-format UTC text, the same whatever the session's DateStyle or TimeZone.
const COLUMNS = `id::text as id, client_token, customer_id, item, quantity::text as quantity,
    to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at`;

/**
 * SQLSTATEs of a CREATE … IF NOT EXISTS that lost a race with the same statement in another session: the existence
 * check passed in both, and the loser hits the catalog's unique index (23505), finds the relation (42P07) or the table's
 * row type (42710, `type "orders" already exists`). Each object can be lost once: the table, then the index.
 */
const CONCURRENT_CREATE = new Set(["23505", "42P07", "42710"]);

/**
 * Whether the schema is in place, as text ("true"/"false"): the index is created after the table in the same
 * transaction, so finding it means both exist. `to_regclass` resolves the name through the same search_path as the
 * DDL, takes no lock and needs no privilege on the table.
 */
const SCHEMA_PRESENT = "select (to_regclass('orders_customer_created') is not null)::text as present";

/**
 * Creates the table and index if missing; safe to run concurrently from several execution environments. It looks
 * first and runs no DDL when the schema exists: PostgreSQL checks CREATE on the schema before it looks for the table
 * ("permission denied for schema public"), and `CREATE INDEX IF NOT EXISTS` takes a SHARE lock on the table and checks
 * its ownership before it looks for the index ("must be owner of table orders"). Without the look, a `DB_USER` granted
 * only SELECT and INSERT on a table created beforehand would fail every cold start, and the owner's every cold start
 * would wait for the open write transactions and hold up the inserts behind it.
 * Both observed on PostgreSQL 15 (tests/functions/orders-db/core.test.ts: a user with SELECT and INSERT only, and an
 * open insert transaction that the look does not wait for); "CREATE INDEX (without CONCURRENT) on a table conflicts
 * with … INSERT": https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/wait-event.lockrelation.html
 *
 * The DDL is one simple query, so both statements are one transaction. No advisory lock serialises the first invocations: through RDS Proxy,
 * "interacting with locks using functions such as pg_advisory_lock" pins the session to its database connection for as
 * long as the client stays connected (the execution environment's lifetime), which undoes the proxy's multiplexing.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-pinning.html (Conditions that cause pinning for
 * RDS for PostgreSQL). The loser of a race runs it again instead, and then finds everything in place.
 */
export async function ensureSchema(db: Queryable): Promise<void> {
    const { rows } = await db.query(SCHEMA_PRESENT);
    if (rows[0]?.present === "true") return;
    for (let attempt = 1; ; attempt++) {
        try {
            await db.query(SCHEMA_SQL);
            return;
        } catch (e) {
            const code = (e as { code?: unknown }).code;
            if (attempt >= 4 || typeof code !== "string" || !CONCURRENT_CREATE.has(code)) throw e;
        }
    }
}

function text(field: string, value: unknown, issues: FieldIssue[]): void {
    if (typeof value !== "string" || value.trim() === "") issues.push({ field, message: "must be a non-empty string" });
    else if (value.length > LIMITS.textMaxLength) issues.push({ field, message: `must be at most ${LIMITS.textMaxLength} characters` });
}

/** Every problem of a create request, each naming its field. */
export function validateOrder(input: unknown): FieldIssue[] {
    if (input === null || typeof input !== "object" || Array.isArray(input)) return [{ field: "order", message: "must be an object" }];
    const o = input as Record<string, unknown>;
    const issues: FieldIssue[] = [];
    for (const f of ["clientToken", "customerId", "item"]) text(f, o[f], issues);
    const q = o.quantity;
    if (typeof q !== "number" || !Number.isInteger(q) || q < 1 || q > LIMITS.quantityMax) {
        issues.push({ field: "quantity", message: `must be an integer from 1 to ${LIMITS.quantityMax}` });
    }
    const known = new Set(["clientToken", "customerId", "item", "quantity"]);
    for (const k of Object.keys(o)) if (!known.has(k)) issues.push({ field: k, message: "is not a known field" });
    return issues;
}

function toOrder(r: Record<string, unknown>): Order {
    return {
        id: String(r.id),
        clientToken: String(r.client_token),
        customerId: String(r.customer_id),
        item: String(r.item),
        quantity: Number(r.quantity),
        createdAt: String(r.created_at),
    };
}

/** Inserts the order, or returns the one already created with this client token (`created: false`). */
export async function insertOrder(db: Queryable, input: OrderInput): Promise<{ order: Order; created: boolean }> {
    // One statement, so a retry never sees a half-done create. When the token exists, the insert returns nothing and
    // the second branch (which sees the snapshot from before the statement) returns the existing row.
    const { rows } = await db.query(
        `with ins as (
            insert into orders (client_token, customer_id, item, quantity) values ($1, $2, $3, $4)
            on conflict (client_token) do nothing
            returning *)
        select ${COLUMNS}, 'true' as created from ins
        union all
        select ${COLUMNS}, 'false' as created from orders where client_token = $1 and not exists (select 1 from ins)`,
        [input.clientToken, input.customerId, input.item, input.quantity],
    );
    if (rows.length === 1) return { order: toOrder(rows[0]), created: rows[0].created === "true" };
    // A concurrent create with the same token (a retry racing the original) committed after this statement's snapshot:
    // the insert waited for it and did nothing, and the snapshot cannot see its row. A new statement can.
    const again = await db.query(`select ${COLUMNS} from orders where client_token = $1`, [input.clientToken]);
    if (again.rows.length !== 1) throw new Error(`insertOrder: no order for client token after a conflicting insert`);
    return { order: toOrder(again.rows[0]), created: false };
}

/** A customer's orders, newest first. */
export async function listOrders(db: Queryable, customerId: string, limit: number = LIMITS.listDefault): Promise<Order[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.listMax) throw new RangeError(`limit must be an integer from 1 to ${LIMITS.listMax}`);
    const { rows } = await db.query(`select ${COLUMNS} from orders where customer_id = $1 order by created_at desc, id desc limit $2`, [customerId, limit]);
    return rows.map(toOrder);
}
