import * as assert from "node:assert";
import type { Pool } from "pg";
import { LIMITS, type OrderInput, type Queryable, ensureSchema, insertOrder, listOrders, validateOrder } from "../../../functions/orders-db/core";
import { type LocalPostgres, startPostgres } from "../../harness/postgres";
import { closePools, openPool, recording } from "./pg-pool";

const order = (over: Partial<OrderInput> = {}): OrderInput => ({ clientToken: "t-1", customerId: "c-1", item: "widget", quantity: 2, ...over });

describe("functions/orders-db/core: validateOrder", () => {
    const cases: { title: string; input: unknown; fields: string[] }[] = [
        { title: "accepts a complete order", input: order(), fields: [] },
        { title: "rejects a non-object", input: [order()], fields: ["order"] },
        { title: "names every missing text field", input: { quantity: 1 }, fields: ["clientToken", "customerId", "item"] },
        { title: "rejects blank text", input: order({ item: "  " }), fields: ["item"] },
        { title: "rejects text over the limit", input: order({ customerId: "x".repeat(LIMITS.textMaxLength + 1) }), fields: ["customerId"] },
        { title: "rejects quantity 0", input: order({ quantity: 0 }), fields: ["quantity"] },
        { title: "rejects a fractional quantity", input: order({ quantity: 1.5 }), fields: ["quantity"] },
        { title: "rejects a quantity over the limit", input: order({ quantity: LIMITS.quantityMax + 1 }), fields: ["quantity"] },
        { title: "rejects unknown fields", input: { ...order(), price: 3 }, fields: ["price"] },
    ];
    for (const c of cases) {
        it(c.title, () => {
            assert.deepStrictEqual(
                validateOrder(c.input).map((i) => i.field),
                c.fields,
            );
        });
    }
});

describe("functions/orders-db/core against a real PostgreSQL through pg.Pool (TLS, SCRAM)", () => {
    let server: LocalPostgres;
    let pool: Pool;
    /** A session for the tests' own setup statements: one connection kept open, where psql connects anew for each. */
    let admin: Pool;
    const db = () => recording(pool);
    before(async () => {
        server = await startPostgres({ database: "orders" });
        pool = openPool(server);
        admin = openPool(server);
        await ensureSchema(db());
    });
    after(async () => {
        await closePools();
        await server?.stop();
    });
    beforeEach(() => admin.query("truncate orders restart identity"));

    it("ensureSchema can run again on an existing schema", async () => {
        await ensureSchema(db());
        assert.deepStrictEqual(server.psql("select count(*) as n from information_schema.tables where table_name = 'orders'"), [{ n: "1" }]);
    });

    it("ensureSchema from eight sessions at once on a database without the table succeeds in every one of them", async () => {
        // The first invocations of new execution environments race; the losers of CREATE … IF NOT EXISTS get 23505/42P07.
        const pools = Array.from({ length: 8 }, () => openPool(server));
        for (let round = 0; round < 10; round++) {
            await admin.query("drop table orders");
            const outcomes = await Promise.allSettled(pools.map((p) => ensureSchema(p)));
            assert.deepStrictEqual(
                outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason)),
                [],
            );
        }
        assert.deepStrictEqual(server.psql("select count(*) as n from pg_indexes where indexname = 'orders_customer_created'"), [{ n: "1" }]);
    });

    it("ensureSchema on a schema created beforehand needs neither CREATE on the schema nor ownership of the table", async () => {
        // A least-privilege DB_USER: the table exists (owned by another role), and it may only read and insert.
        server.psql(
            "drop role if exists orders_rw; create role orders_rw login password :'pw'; grant select, insert on orders to orders_rw; revoke create on schema public from public;",
            { pw: server.password },
        );
        const q = recording(openPool(server, { user: "orders_rw" }));
        await ensureSchema(q);
        assert.deepStrictEqual(
            q.statements.filter((s) => /\bcreate\b/i.test(s)),
            [],
        );
        const { created } = await insertOrder(q, order());
        assert.strictEqual(created, true);
    });

    it("ensureSchema on an existing schema does not wait for an open write transaction (no lock on the table)", async () => {
        const holder = await openPool(server).connect();
        try {
            await holder.query("begin");
            await holder.query("insert into orders (client_token, customer_id, item, quantity) values ('held', 'c-9', 'x', 1)");
            const outcome = await Promise.race([
                ensureSchema(db()).then(() => "done"),
                new Promise<string>((r) => setTimeout(() => r("waiting on the table's lock"), 3_000).unref()),
            ]);
            assert.strictEqual(outcome, "done");
        } finally {
            await holder.query("rollback");
            holder.release();
        }
    });

    it("insertOrder stores the order and returns it with its id and a UTC timestamp", async () => {
        const { order: o, created } = await insertOrder(db(), order());
        assert.strictEqual(created, true);
        assert.deepStrictEqual({ ...o, id: undefined, createdAt: undefined }, { ...order(), id: undefined, createdAt: undefined });
        assert.match(o.id, /^\d+$/);
        assert.match(o.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
        assert.ok(Math.abs(Date.parse(o.createdAt) - Date.now()) < 60_000);
    });

    it("insertOrder with a client token already used returns the first order and stores nothing", async () => {
        const first = await insertOrder(db(), order());
        const retry = await insertOrder(db(), order({ item: "something else", quantity: 9 }));
        assert.deepStrictEqual(retry, { order: first.order, created: false });
        assert.deepStrictEqual(server.psql("select count(*) as n from orders"), [{ n: "1" }]);
    });

    it("insertOrder reads the order again when a concurrent create with its token committed after its snapshot", async () => {
        // The race needs two sessions interleaved inside one statement; the double replays what the first statement
        // then returns (no row), and the real server answers the second.
        const first = await insertOrder(db(), order());
        const real = db();
        let calls = 0;
        const racing: Queryable = {
            async query(text, values) {
                calls++;
                return calls === 1 ? { rows: [] } : real.query(text, values);
            },
        };
        assert.deepStrictEqual(await insertOrder(racing, order()), { order: first.order, created: false });
        assert.strictEqual(calls, 2);
    });

    it("the table refuses a quantity outside 1..quantityMax even if validation is bypassed", async () => {
        await assert.rejects(insertOrder(db(), order({ quantity: 0 })), /orders_quantity_check/);
    });

    it("stores quotes and SQL text verbatim (values are never spliced into the SQL)", async () => {
        const item = `'); drop table orders; -- "x"`;
        const { order: o } = await insertOrder(db(), order({ item }));
        assert.strictEqual(o.item, item);
        assert.deepStrictEqual(await listOrders(db(), "c-1"), [o]);
    });

    it("listOrders returns one customer's orders, newest first, up to the limit", async () => {
        for (const [i, customerId] of ["c-1", "c-2", "c-1", "c-1"].entries()) await insertOrder(db(), order({ clientToken: `t-${i}`, customerId }));
        const all = await listOrders(db(), "c-1");
        assert.deepStrictEqual(
            all.map((o) => o.clientToken),
            ["t-3", "t-2", "t-0"],
        );
        assert.deepStrictEqual(
            (await listOrders(db(), "c-1", 2)).map((o) => o.clientToken),
            ["t-3", "t-2"],
        );
        assert.deepStrictEqual(await listOrders(db(), "nobody"), []);
    });

    it("listOrders refuses a limit outside 1..listMax before querying", async () => {
        const q = db();
        for (const limit of [0, LIMITS.listMax + 1, 1.5]) await assert.rejects(listOrders(q, "c-1", limit), RangeError);
        assert.deepStrictEqual(q.statements, []);
    });
});
