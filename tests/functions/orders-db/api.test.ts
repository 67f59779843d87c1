import * as assert from "node:assert";
import { createHandler } from "../../../functions/orders-db/api";
import type { Queryable } from "../../../functions/orders-db/core";
import { type Logger, createLogger } from "../../../functions/shared/log";
import { type LocalPostgres, startPostgres } from "../../harness/postgres";
import { psqlQueryable } from "./psql-db";

function memoryLog(): Logger & { lines: Record<string, unknown>[] } {
    const lines: Record<string, unknown>[] = [];
    return Object.assign(
        createLogger((l) => lines.push(JSON.parse(l)), "debug"),
        { lines },
    );
}

const create = (clientToken: string, customerId = "c-1") => ({ action: "create" as const, order: { clientToken, customerId, item: "widget", quantity: 1 } });

describe("functions/orders-db/api: the handler", () => {
    let server: LocalPostgres;
    before(async () => {
        server = await startPostgres({ database: "orders" });
    });
    after(() => server?.stop());

    it("creates the schema on the first invocation only, then creates and lists orders", async () => {
        const db = psqlQueryable(server);
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

    it("answers bad input with every issue and runs no query", async () => {
        const db = psqlQueryable(server);
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
        const flaky: Queryable = {
            async query() {
                calls++;
                if (calls === 1) throw new Error("connection refused");
                return { rows: [] };
            },
        };
        const handler = createHandler({ db: flaky, log: memoryLog() });
        await assert.rejects(handler({ action: "list", customerId: "c-1" }), /connection refused/);
        assert.deepStrictEqual(await handler({ action: "list", customerId: "c-1" }), { ok: true, action: "list", orders: [] });
        assert.strictEqual(calls, 3);
    });
});
