import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { type AuthTokenSigner, poolSettings, settingsFromEnv, signerOptions } from "../../../functions/orders-db/connection";
import { type LocalPostgres, startPostgres } from "../../harness/postgres";

const env = { DB_HOST: "orders.proxy-abc.eu-west-1.rds.amazonaws.com", DB_NAME: "orders", DB_USER: "app", AWS_REGION: "eu-west-1" };

/** A signer counting its calls; each token differs, as real tokens do (they carry the signing time). */
function countingSigner(token: (n: number) => string = (n) => `token-${n}`): AuthTokenSigner & { calls: number } {
    const s = {
        calls: 0,
        async getAuthToken() {
            s.calls++;
            return token(s.calls);
        },
    };
    return s;
}

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
        const signer = countingSigner();
        const p = poolSettings(settingsFromEnv(env), signer);
        assert.strictEqual(signer.calls, 0, "no token is signed before a connection is opened");
        assert.strictEqual(await p.password(), "token-1");
        assert.strictEqual(await p.password(), "token-2");
    });

    it("requires TLS with certificate verification, and adds a CA only when given one", () => {
        const s = settingsFromEnv(env);
        assert.deepStrictEqual(poolSettings(s, countingSigner()).ssl, { rejectUnauthorized: true });
        assert.deepStrictEqual(poolSettings(s, countingSigner(), { ca: "PEM" }).ssl, { rejectUnauthorized: true, ca: "PEM" });
    });

    it("keeps one connection per execution environment", () => {
        assert.strictEqual(poolSettings(settingsFromEnv(env), countingSigner()).max, 1);
    });
});

describe("functions/orders-db/connection against a real PostgreSQL", () => {
    let server: LocalPostgres;
    before(async () => {
        server = await startPostgres({ database: "orders", user: "app" });
    });
    after(() => server?.stop());

    // Until `pg` is a dev dependency, psql opens the connection from the pool settings (libpq's equivalent of
    // `ssl: { rejectUnauthorized: true, ca }` is sslmode=verify-full with the CA file).
    async function connectWith(p: ReturnType<typeof poolSettings>) {
        const ca = path.join(server.directory, "client-ca.pem");
        fs.writeFileSync(ca, p.ssl.ca ?? "");
        return server.psql(
            "select s.ssl, current_user as who from pg_stat_ssl s where s.pid = pg_backend_pid()",
            {},
            {
                PGHOST: p.host,
                PGPORT: String(p.port),
                PGDATABASE: p.database,
                PGUSER: p.user,
                PGPASSWORD: await p.password(),
                PGSSLMODE: p.ssl.rejectUnauthorized ? "verify-full" : "require",
                PGSSLROOTCERT: ca,
            },
        );
    }

    const settings = () => ({ ...settingsFromEnv({ ...env, DB_HOST: server.host, DB_PORT: String(server.port) }), database: server.database });

    it("the signer's token is the password that logs in, over TLS (pg_stat_ssl)", async () => {
        const signer = countingSigner(() => server.password);
        assert.deepStrictEqual(await connectWith(poolSettings(settings(), signer, { ca: server.ca })), [{ ssl: "t", who: "app" }]);
        assert.strictEqual(signer.calls, 1);
    });

    it("a token the server does not accept fails the login", async () => {
        await assert.rejects(connectWith(poolSettings(settings(), countingSigner(), { ca: server.ca })), /password authentication failed for user "app"/);
    });
});
