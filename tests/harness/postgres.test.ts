import * as assert from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { type LocalPostgres, PostgresUnavailableError, findPostgresBin, parseCsv, startPostgres } from "./postgres";

const connects = (port: number) =>
    new Promise<boolean>((resolve) => {
        const s = net.connect(port, "127.0.0.1");
        s.once("connect", () => {
            s.destroy();
            resolve(true);
        });
        s.once("error", () => resolve(false));
    });

describe("tests/harness/postgres: a real PostgreSQL for the tests", () => {
    let pg: LocalPostgres;
    before(async () => {
        pg = await startPostgres({ database: "harness" });
    });
    after(() => pg?.stop());

    it("accepts the password over TLS verified against the run's CA, as pg_stat_ssl shows", () => {
        const [row] = pg.psql("select ssl, version, current_user as who, current_database() as db from pg_stat_ssl where pid = pg_backend_pid()");
        assert.deepStrictEqual({ ssl: row.ssl, who: row.who, db: row.db }, { ssl: "t", who: pg.user, db: "harness" });
        assert.match(row.version, /^TLSv1\.[23]$/);
    });

    it("refuses a TCP connection without TLS", () => {
        assert.throws(() => pg.psql("select 1", {}, { PGSSLMODE: "disable" }), /pg_hba\.conf rejects connection .*no encryption/);
    });

    it("refuses a wrong password", () => {
        assert.throws(() => pg.psql("select 1", {}, { PGPASSWORD: "wrong" }), /password authentication failed/);
    });

    it("presents a certificate that a client trusting only the public CAs rejects", () => {
        const publicCas = "/etc/ssl/certs/ca-certificates.crt";
        assert.ok(fs.existsSync(publicCas), `${publicCas} (Debian ca-certificates) is needed by this test`);
        assert.throws(() => pg.psql("select 1", {}, { PGSSLROOTCERT: publicCas }), /certificate verify failed/);
    });

    it("listens on 127.0.0.1 only", () => {
        assert.deepStrictEqual(pg.psql("show listen_addresses"), [{ listen_addresses: "127.0.0.1" }]);
    });

    it("passes psql variables as quoted literals", () => {
        const tricky = `x'); drop table t; --"`;
        assert.deepStrictEqual(pg.psql("select :'v' as v", { v: tricky }), [{ v: tricky }]);
    });
});

describe("tests/harness/postgres: lifecycle", () => {
    it("stop() stops the server, frees the port and removes the directory", async () => {
        const pg = await startPostgres();
        assert.ok(await connects(pg.port));
        await pg.stop();
        assert.strictEqual(fs.existsSync(pg.directory), false);
        assert.strictEqual(await connects(pg.port), false);
        await pg.stop();
    });

    it("gives every server a cluster and a password of its own (both start from one template): one server's table and password are not another's", async () => {
        const a = await startPostgres();
        try {
            a.psql("create table written_by_a (id int)");
            const b = await startPostgres();
            try {
                assert.notStrictEqual(b.directory, a.directory);
                assert.deepStrictEqual(b.psql("select to_regclass('written_by_a') is null as absent"), [{ absent: "t" }]);
                assert.notStrictEqual(b.password, a.password);
                assert.throws(() => b.psql("select 1", {}, { PGPASSWORD: a.password }), /password authentication failed/);
            } finally {
                await b.stop();
            }
        } finally {
            await a.stop();
        }
    });

    it("stops the server and removes its directory when creating the database fails", async () => {
        // template1 always exists, so its CREATE DATABASE fails after the server started.
        const error = await startPostgres({ database: "template1" }).then(
            () => assert.fail("started"),
            (e: Error) => e,
        );
        assert.match(error.message, /database "template1" already exists/);
        const directory = /the server was stopped and (\S+) removed/.exec(error.message)?.[1] ?? assert.fail(error.message);
        assert.match(directory, /pg-test-/);
        assert.strictEqual(fs.existsSync(directory), false);
    });

    it("a run killed by SIGTERM or SIGINT stops its servers and removes their directories", async function () {
        this.timeout(90_000);
        for (const signal of ["SIGTERM", "SIGINT"] as const) {
            const child = spawn(
                process.execPath,
                [
                    "-r",
                    "./tools/register.js",
                    "-e",
                    `require(${JSON.stringify(path.join(__dirname, "postgres"))}).startPostgres().then((pg) => {
                        process.stdout.write(JSON.stringify({ port: pg.port, directory: pg.directory }) + "\\n");
                        setInterval(() => undefined, 1000);
                    });`,
                ],
                { cwd: path.join(__dirname, "../.."), stdio: ["ignore", "pipe", "inherit"] },
            );
            const started = await new Promise<{ port: number; directory: string }>((resolve, reject) => {
                let out = "";
                child.stdout.on("data", (d) => {
                    out += d;
                    if (out.includes("\n")) resolve(JSON.parse(out));
                });
                child.once("exit", (code) => reject(new Error(`child exited (${code}) before starting: ${out}`)));
            });
            assert.ok(await connects(started.port));
            const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, s) => resolve(s)));
            child.kill(signal);
            assert.strictEqual(await exited, signal, "the process still ends by the signal");
            assert.strictEqual(fs.existsSync(started.directory), false, `${signal}: ${started.directory} left`);
            assert.strictEqual(await connects(started.port), false, `${signal}: the server still listens`);
        }
    });

    it("fails at once, naming the fix, when PostgreSQL is absent", async () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-pg-"));
        const saved = process.env.PG_BIN;
        process.env.PG_BIN = empty;
        const started = Date.now();
        try {
            await assert.rejects(startPostgres(), (e: Error) => {
                assert.ok(e instanceof PostgresUnavailableError);
                assert.match(e.message, /lacks initdb, postgres, psql/);
                assert.match(e.message, /apt-get install -y postgresql/);
                return true;
            });
            assert.ok(Date.now() - started < 1000);
        } finally {
            if (saved === undefined) delete process.env.PG_BIN;
            else process.env.PG_BIN = saved;
            fs.rmSync(empty, { recursive: true, force: true });
        }
    });

    it("finds the highest installed major under /usr/lib/postgresql when PG_BIN is unset", () => {
        assert.match(findPostgresBin({}), /^\/usr\/lib\/postgresql\/\d+\/bin$/);
    });
});

describe("tests/harness/postgres: parseCsv", () => {
    it("reads quoted fields with commas, quotes and newlines", () => {
        assert.deepStrictEqual(parseCsv('a,b\n"x,1","say ""hi""\nthere"\n,\n'), [
            { a: "x,1", b: 'say "hi"\nthere' },
            { a: "", b: "" },
        ]);
    });
});
