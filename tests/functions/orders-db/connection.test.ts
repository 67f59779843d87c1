import * as assert from "node:assert";
import { X509Certificate } from "node:crypto";
import * as tls from "node:tls";
import { Client, type ClientConfig } from "pg";
import { isConnectionLost, isUnavailable, poolSettings, settingsFromEnv, signerOptions } from "../../../functions/orders-db/connection";
import { type LocalPostgres, startPostgres } from "../../harness/postgres";
import { closePools, countingSigner, openPool, serverSettings } from "./pg-pool";

const env = { DB_HOST: "orders.proxy-abc.eu-west-1.rds.amazonaws.com", DB_NAME: "orders", DB_USER: "app", AWS_REGION: "eu-west-1" };

describe("functions/orders-db/connection: settings", () => {
    it("reads the proxy endpoint, database, user and region, with port 5432 by default", () => {
        assert.deepStrictEqual(settingsFromEnv(env), { host: env.DB_HOST, port: 5432, database: "orders", user: "app", region: "eu-west-1" });
    });

    it("names every missing variable in one error", () => {
        assert.throws(() => settingsFromEnv({ DB_NAME: "orders", DB_HOST: "" }), /^Error: DB_HOST, DB_USER, AWS_REGION are not set$/);
    });

    it("refuses a DB_PORT that is not a port number", () => {
        assert.throws(() => settingsFromEnv({ ...env, DB_PORT: "70000" }), /DB_PORT=70000 is not a port number/);
    });

    it("binds the signer's token to the proxy host, port, user and region", () => {
        assert.deepStrictEqual(signerOptions(settingsFromEnv({ ...env, DB_PORT: "6432" })), {
            hostname: env.DB_HOST,
            port: 6432,
            username: "app",
            region: "eu-west-1",
        });
    });
});

describe("functions/orders-db/connection: pool settings", () => {
    it("asks the signer for a fresh token for every new connection", async () => {
        const signer = countingSigner((n) => `token-${n}`);
        const p = poolSettings(settingsFromEnv(env), signer);
        assert.strictEqual(signer.calls, 0, "no token is signed before a connection is opened");
        assert.strictEqual(await p.password(), "token-1");
        assert.strictEqual(await p.password(), "token-2");
    });

    it("requires TLS with certificate verification, and adds a CA only when given one", () => {
        const s = settingsFromEnv(env);
        assert.deepStrictEqual(
            poolSettings(
                s,
                countingSigner((n) => `token-${n}`),
            ).ssl,
            { rejectUnauthorized: true },
        );
        assert.deepStrictEqual(
            poolSettings(
                s,
                countingSigner((n) => `token-${n}`),
                { ca: "PEM" },
            ).ssl,
            { rejectUnauthorized: true, ca: "PEM" },
        );
    });

    it("needs no ca for RDS Proxy: Node's bundled roots hold Amazon Root CA 1, which the proxy's certificate chains to", () => {
        const subjects = tls.rootCertificates.map((pem) => new X509Certificate(pem).subject);
        assert.ok(subjects.includes("C=US\nO=Amazon\nCN=Amazon Root CA 1"), subjects.filter((x) => x.includes("Amazon")).join("; "));
    });

    it("keeps one connection per execution environment", () => {
        assert.strictEqual(
            poolSettings(
                settingsFromEnv(env),
                countingSigner((n) => `token-${n}`),
            ).max,
            1,
        );
    });
});

describe("functions/orders-db/connection: isConnectionLost", () => {
    const cases: { title: string; error: unknown; lost: boolean }[] = [
        { title: "pg's error for a socket that ended under a statement", error: new Error("Connection terminated unexpectedly"), lost: true },
        { title: "a client that already failed", error: new Error("Client has encountered a connection error and is not queryable"), lost: true },
        { title: "the server's admin_shutdown (57P01)", error: Object.assign(new Error("terminating connection"), { code: "57P01" }), lost: true },
        { title: "a connection exception (class 08)", error: Object.assign(new Error("connection failure"), { code: "08006" }), lost: true },
        { title: "a reset socket", error: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), lost: true },
        { title: "a connect timeout (waiting again would take as long)", error: new Error("timeout exceeded when trying to connect"), lost: false },
        { title: "a statement error", error: Object.assign(new Error("permission denied"), { code: "42501" }), lost: false },
        { title: "a value that is not an Error", error: "Connection terminated unexpectedly", lost: false },
    ];
    for (const c of cases) {
        it(`${c.lost ? "counts" : "does not count"} ${c.title}`, () => assert.strictEqual(isConnectionLost(c.error), c.lost));
    }
});

describe("functions/orders-db/connection: isUnavailable", () => {
    const cases: { title: string; error: unknown; unavailable: boolean }[] = [
        { title: "a lost connection", error: new Error("Connection terminated unexpectedly"), unavailable: true },
        { title: "pg-pool's connect timeout", error: new Error("Connection terminated due to connection timeout"), unavailable: true },
        { title: "pg-pool's checkout timeout", error: new Error("timeout exceeded when trying to connect"), unavailable: true },
        { title: "pg's statement read timeout", error: new Error("Query read timeout"), unavailable: true },
        { title: "a refused TCP connection", error: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), unavailable: true },
        { title: "too_many_connections (53300)", error: Object.assign(new Error("too many connections"), { code: "53300" }), unavailable: true },
        { title: "a refused login (28P01)", error: Object.assign(new Error("password authentication failed"), { code: "28P01" }), unavailable: false },
        { title: "a refused statement (23514)", error: Object.assign(new Error("violates check constraint"), { code: "23514" }), unavailable: false },
    ];
    for (const c of cases) {
        it(`${c.unavailable ? "counts" : "does not count"} ${c.title}`, () => assert.strictEqual(isUnavailable(c.error), c.unavailable));
    }
});

describe("functions/orders-db/connection against a real PostgreSQL, through pg", () => {
    let server: LocalPostgres;
    before(async () => {
        server = await startPostgres({ database: "orders", user: "app" });
    });
    afterEach(() => closePools());
    after(() => server?.stop());

    /** One connection opened with `config` (a pg.Client, as the pool makes them), its session described, then closed. */
    async function session(config: ClientConfig): Promise<Record<string, unknown>> {
        const client = new Client(config);
        try {
            await client.connect();
            const { rows } = await client.query("select s.ssl, current_user as who from pg_stat_ssl s where s.pid = pg_backend_pid()");
            return rows[0];
        } finally {
            await client.end().catch(() => undefined);
        }
    }

    it("a session of the pool is TLS (pg_stat_ssl) and logs in with the signer's token", async () => {
        const signer = countingSigner(() => server.password);
        const pool = openPool(server, { signer });
        const { rows } = await pool.query("select s.ssl, s.version, current_user as who from pg_stat_ssl s where s.pid = pg_backend_pid()");
        assert.strictEqual(rows[0].ssl, true);
        assert.match(rows[0].version, /^TLSv1\.[23]$/);
        assert.strictEqual(rows[0].who, "app");
        assert.strictEqual(signer.calls, 1);
    });

    it("the same settings without TLS are refused by a server that requires it", async () => {
        const p = poolSettings(
            serverSettings(server),
            countingSigner(() => server.password),
            { ca: server.ca },
        );
        await assert.rejects(session({ ...p, ssl: false }), /pg_hba\.conf rejects connection .* no encryption/);
    });

    it("verifies the server certificate: without the CA that signed it, the connection is refused", async () => {
        const p = poolSettings(
            serverSettings(server),
            countingSigner(() => server.password),
        );
        await assert.rejects(session(p), /self-signed certificate in certificate chain|unable to verify/);
    });

    it("a token the server does not accept fails the login", async () => {
        const p = poolSettings(
            serverSettings(server),
            countingSigner((n) => `token-${n}`),
            { ca: server.ca },
        );
        await assert.rejects(session(p), /password authentication failed for user "app"/);
    });
});
