import * as assert from "node:assert";
import * as net from "node:net";
import { DEADLINE_RESERVE_MS, createHandler } from "../../../functions/orders-db/api";
import type { Database } from "../../../functions/orders-db/api";
import { type LocalPostgres, startPostgres } from "../../harness/postgres";
import { type AuthTokenSigner, createPool, poolSettings } from "../../../functions/orders-db/connection";
import { backendPid, closePools, countingSigner, memoryLog, openPool, recording, serverSettings, terminateWhileFrozen } from "./pg-pool";

const create = (clientToken: string, customerId = "c-1") => ({ action: "create" as const, order: { clientToken, customerId, item: "widget", quantity: 1 } });

/** A port on 127.0.0.1 that nothing listens on. */
function closedPort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const { port } = srv.address() as net.AddressInfo;
            srv.close(() => resolve(port));
        });
    });
}

/** Resolves once `check` holds, polling the event loop (so socket events are handled meanwhile). */
async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
        if (Date.now() > deadline) throw new Error("condition not reached");
        await new Promise((r) => setTimeout(r, 20));
    }
}

describe("functions/orders-db/api: the handler on a real pg.Pool", () => {
    let server: LocalPostgres;
    before(async () => {
        server = await startPostgres({ database: "orders" });
    });
    afterEach(() => closePools());
    after(() => server?.stop());

    it("creates the schema on the first invocation only, then creates and lists orders", async () => {
        const db = recording(openPool(server));
        const handler = createHandler({ db, log: memoryLog() });
        const first = await handler(create("h-1"));
        assert.ok(first.ok && first.action === "create" && first.created);
        const again = await handler(create("h-1"));
        assert.ok(again.ok && again.action === "create" && !again.created && again.order.id === first.order.id);
        const list = await handler({ action: "list", customerId: "c-1" });
        assert.ok(list.ok && list.action === "list");
        assert.deepStrictEqual(list.orders, [first.order]);
        assert.strictEqual(db.statements.filter((s) => s.includes("create table")).length, 1);
    });

    it("sends no statement that makes RDS Proxy pin the session to its database connection", async () => {
        // The PostgreSQL conditions of https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-pinning.html:
        // SET, PREPARE/EXECUTE/DEALLOCATE/DISCARD, temporary objects, cursors, LISTEN, LOAD, nextval/setval, lock functions.
        server.psql("drop table if exists orders");
        const db = recording(openPool(server));
        const handler = createHandler({ db, log: memoryLog() });
        await handler(create("h-pin"));
        await handler({ action: "list", customerId: "c-1" });
        const pinning =
            /\b(set|reset|prepare|execute|deallocate|discard|declare|listen|load)\s|\btemp(orary)?\s|\b(nextval|setval|pg_(try_)?advisory\w*)\s*\(/i;
        assert.deepStrictEqual(
            db.statements.filter((s) => pinning.test(s)),
            [],
        );
        assert.ok(db.statements.length >= 3, "the schema, the create and the list were sent");
    });

    it("answers bad input with every issue and runs no query", async () => {
        const db = recording(openPool(server));
        const handler = createHandler({ db, log: memoryLog() });
        assert.deepStrictEqual(await handler({ action: "create", order: { quantity: 0 } }), {
            ok: false,
            issues: [
                { field: "clientToken", message: "must be a non-empty string" },
                { field: "customerId", message: "must be a non-empty string" },
                { field: "item", message: "must be a non-empty string" },
                { field: "quantity", message: "must be an integer from 1 to 10000" },
            ],
        });
        assert.deepStrictEqual(await handler({ action: "list", customerId: "", limit: 0 }), {
            ok: false,
            issues: [
                { field: "customerId", message: "must be a non-empty string" },
                { field: "limit", message: "must be an integer from 1 to 100" },
            ],
        });
        assert.deepStrictEqual(await handler({ action: "drop" } as never), { ok: false, issues: [{ field: "action", message: 'must be "create" or "list"' }] });
        assert.deepStrictEqual(db.statements, []);
    });

    it("a second invocation reuses the first one's connection: one backend pid, one token signed", async () => {
        const signer = countingSigner(() => server.password);
        const pool = openPool(server, { signer });
        const handler = createHandler({ db: pool, log: memoryLog() });
        await handler({ action: "list", customerId: "c-1" });
        const pid = await backendPid(pool);
        await handler(create("h-reuse"));
        assert.strictEqual(await backendPid(pool), pid);
        assert.strictEqual(signer.calls, 1);
        assert.strictEqual(pool.totalCount, 1);
    });

    it("an idle connection the server ends is logged as a warning and dropped, and the next invocation opens a new one", async () => {
        // Without the pool's error listener, pg-pool's `error` event is an uncaught exception (the runtime would exit).
        const log = memoryLog();
        const pool = openPool(server, { log });
        const handler = createHandler({ db: pool, log });
        await handler({ action: "list", customerId: "c-1" });
        const pid = await backendPid(pool);
        server.psql("select pg_terminate_backend(:'pid'::int)", { pid });
        await eventually(() => log.lines.some((l) => l.message === "idle database connection lost"));
        assert.strictEqual(log.lines.find((l) => l.message === "idle database connection lost")?.level, "warn");
        assert.strictEqual(pool.totalCount, 0);
        const next = await handler({ action: "list", customerId: "c-1" });
        assert.ok(next.ok);
        assert.notStrictEqual(await backendPid(pool), pid);
    });

    it("a connection that ended while the environment was frozen fails the first statement, which runs again once on a new connection", async () => {
        const log = memoryLog();
        const pool = openPool(server, { log });
        const handler = createHandler({ db: pool, log });
        const first = await handler(create("h-frozen"));
        assert.ok(first.ok && first.action === "create");
        const pid = await backendPid(pool);
        terminateWhileFrozen(server, pid);
        const again = await handler(create("h-frozen"));
        assert.deepStrictEqual(again, { ...first, created: false });
        const retried = log.lines.filter((l) => l.message === "database connection lost, retrying once");
        assert.strictEqual(retried.length, 1, JSON.stringify(log.lines));
        assert.strictEqual(retried[0].level, "warn");
        assert.notStrictEqual(await backendPid(pool), pid);
    });

    it("ends a statement that would outlast the invocation before Lambda's timeout, logs it, and serves the next invocation", async () => {
        const log = memoryLog();
        const pool = openPool(server, { log });
        const handler = createHandler({ db: pool, log });
        await handler({ action: "list", customerId: "c-1" });
        // Another session holds the table: the list waits on the lock, as on a slow or resuming database.
        const holder = await openPool(server).connect();
        try {
            await holder.query("begin");
            await holder.query("lock table orders in access exclusive mode");
            const started = Date.now();
            const context = { getRemainingTimeInMillis: () => DEADLINE_RESERVE_MS + 300 };
            const outcome = await Promise.race([
                handler({ action: "list", customerId: "c-1" }, context).then(
                    () => "answered",
                    (e: Error) => `${e.name}: ${e.message}`,
                ),
                new Promise<string>((r) => setTimeout(() => r("still waiting after the invocation's time"), 3_000)),
            ]);
            assert.strictEqual(outcome, "DatabaseUnavailable: Query read timeout");
            assert.ok(Date.now() - started < DEADLINE_RESERVE_MS + 300, `${Date.now() - started} ms`);
            assert.deepStrictEqual(
                log.lines.filter((l) => l.level === "error").map((l) => [l.message, l.error]),
                [["orders-db query failed", "Query read timeout"]],
            );
        } finally {
            await holder.query("rollback");
            holder.release();
        }
        const next = await handler({ action: "list", customerId: "c-1" }, { getRemainingTimeInMillis: () => 10_000 });
        assert.ok(next.ok);
    });

    it("counts a statement's time from the invocation's start: a slow connect does not push it past the invocation's end", async () => {
        // The first connection logs in at once; any later one takes 1.5 s (the proxy busy, the database resuming).
        let logins = 0;
        const signer: AuthTokenSigner = {
            getAuthToken: () => new Promise((r) => setTimeout(() => r(server.password), ++logins === 1 ? 0 : 1_500)),
        };
        const log = memoryLog();
        const pool = openPool(server, { signer, log });
        const handler = createHandler({ db: pool, log });
        await handler({ action: "list", customerId: "c-1" });
        // The pooled connection ends between invocations: the next invocation's statement waits for a new login.
        server.psql("select pg_terminate_backend(:'pid'::int)", { pid: await backendPid(pool) });
        await eventually(() => pool.totalCount === 0);
        const holder = await openPool(server).connect();
        try {
            await holder.query("begin");
            await holder.query("lock table orders in access exclusive mode");
            const remaining = DEADLINE_RESERVE_MS + 1_500;
            const started = Date.now();
            const outcome = await handler({ action: "list", customerId: "c-1" }, { getRemainingTimeInMillis: () => remaining }).then(
                () => "answered",
                (e: Error) => `${e.name}: ${e.message}`,
            );
            const elapsed = Date.now() - started;
            assert.strictEqual(outcome, "DatabaseUnavailable: Query read timeout");
            assert.ok(elapsed < remaining, `ended after ${elapsed} ms, the invocation had ${remaining} ms`);
            assert.strictEqual(logins, 2);
        } finally {
            await holder.query("rollback");
            holder.release();
        }
    });

    it("retries a lost connection once only: a second loss fails the invocation", async () => {
        const lost = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
        let calls = 0;
        const db: Database = {
            async query() {
                calls++;
                throw lost;
            },
        };
        const log = memoryLog();
        await assert.rejects(createHandler({ db, log })({ action: "list", customerId: "c-1" }), {
            name: "DatabaseUnavailable",
            message: "terminating connection due to administrator command (SQLSTATE 57P01)",
        });
        assert.strictEqual(calls, 2);
        assert.deepStrictEqual(
            log.lines.map((l) => l.message),
            ["database connection lost, retrying once", "orders-db query failed"],
        );
    });

    it("does not retry a statement that failed for another reason", async () => {
        let calls = 0;
        const db: Database = {
            async query() {
                calls++;
                throw Object.assign(new Error("permission denied for schema public"), { code: "42501" });
            },
        };
        await assert.rejects(createHandler({ db, log: memoryLog() })({ action: "list", customerId: "c-1" }), /permission denied/);
        assert.strictEqual(calls, 1);
    });

    it('names a refused statement DatabaseError, with its SQLSTATE in the message (Lambda\'s errorType; pg names every error "error")', async () => {
        const pool = openPool(server);
        const handler = createHandler({ db: pool, log: memoryLog() });
        await handler({ action: "list", customerId: "c-1" });
        server.psql("alter table orders add constraint no_widgets check (item <> 'widget') not valid");
        try {
            await assert.rejects(handler(create("h-refused")), {
                name: "DatabaseError",
                message: 'new row for relation "orders" violates check constraint "no_widgets" (SQLSTATE 23514)',
            });
        } finally {
            server.psql("alter table orders drop constraint no_widgets");
        }
    });

    it("puts a SQLSTATE in the message, and not a socket error's code (EPIPE has the same shape)", async () => {
        const failing = (error: Error): Database => ({
            async query() {
                throw error;
            },
        });
        const outcome = (error: Error) =>
            createHandler({ db: failing(error), log: memoryLog() })({ action: "list", customerId: "c-1" }).then(
                () => "answered",
                (e: Error) => `${e.name}: ${e.message}`,
            );
        assert.strictEqual(await outcome(Object.assign(new Error("raise"), { code: "P0001" })), "DatabaseError: raise (SQLSTATE P0001)");
        assert.strictEqual(await outcome(Object.assign(new Error("write EPIPE"), { code: "EPIPE" })), "DatabaseUnavailable: write EPIPE");
    });

    it("names an unreachable database DatabaseUnavailable", async () => {
        const closed = createPool(
            poolSettings(
                { ...serverSettings(server), port: await closedPort() },
                countingSigner(() => server.password),
                { ca: server.ca },
            ),
            memoryLog(),
        );
        try {
            await assert.rejects(createHandler({ db: closed, log: memoryLog() })({ action: "list", customerId: "c-1" }), {
                name: "DatabaseUnavailable",
                message: /ECONNREFUSED/,
            });
        } finally {
            await closed.end();
        }
    });

    it("fails every valid invocation with the configuration error, and logs it", async () => {
        const log = memoryLog();
        const handler = createHandler({ db: new Error("DB_HOST is not set"), log });
        await assert.rejects(handler(create("h-2")), /DB_HOST is not set/);
        assert.deepStrictEqual(
            log.lines.map((l) => [l.level, l.message, l.error]),
            [["error", "orders-db not configured", "DB_HOST is not set"]],
        );
    });

    it("retries the schema after a failed first attempt instead of remembering the failure", async () => {
        let calls = 0;
        const flaky: Database = {
            async query() {
                calls++;
                if (calls === 1) throw new Error("connection refused");
                return { rows: [] };
            },
        };
        const handler = createHandler({ db: flaky, log: memoryLog() });
        await assert.rejects(handler({ action: "list", customerId: "c-1" }), /connection refused/);
        assert.deepStrictEqual(await handler({ action: "list", customerId: "c-1" }), { ok: true, action: "list", orders: [] });
        // The failed look, then the look again (no rows: the schema is missing), the DDL and the list.
        assert.strictEqual(calls, 4);
    });
});
