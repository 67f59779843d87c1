/**
 * A `Queryable` over the test server's psql, standing in for `pg.Pool` until `pg` is a dev dependency: `$n`
 * placeholders become psql variables interpolated as quoted literals (`:'pn'`), so values never touch the SQL text
 * unquoted. Rows come back as text, as the query layer selects them. Each query is its own psql session (own
 * connection, TLS with `verify-full`), so it also exercises connection setup.
 */
import type { Queryable } from "../../../functions/orders-db/core";
import type { LocalPostgres } from "../../harness/postgres";

export function psqlQueryable(server: LocalPostgres): Queryable & { statements: string[] } {
    const statements: string[] = [];
    return {
        statements,
        async query(text, values = []) {
            statements.push(text);
            const vars: Record<string, string> = {};
            values.forEach((v, i) => {
                if (v === null || v === undefined) throw new Error("psqlQueryable: NULL parameters are not supported");
                vars[`p${i + 1}`] = String(v);
            });
            const sql = text.replace(/\$(\d+)/g, (m, n: string) => (vars[`p${n}`] === undefined ? m : `:'p${n}'`));
            return { rows: server.psql(`${sql};`, vars) };
        },
    };
}
