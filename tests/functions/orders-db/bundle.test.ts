/**
 * The orders function as Lambda runs it: bundled by the components' own `bundle()` (esbuild: cjs, node22, minified,
 * `pg` and `@aws-sdk/rds-signer` inside), written to a directory with no node_modules and loaded in a fresh Node
 * process configured by its environment only, against the real PostgreSQL of tests/harness/postgres.ts.
 *
 * The bundled signer signs a real IAM token (SigV4, from the AWS_* credentials in the environment, as Lambda provides
 * them). PostgreSQL cannot check SigV4, so the test makes the token predictable instead: both the bundle's process and
 * a process running the installed `@aws-sdk/rds-signer` start with the clock fixed at one instant (a preload), sign for
 * the same host, port, user and region, and the database user's password is set to that token. The login then succeeds
 * only if the bundle's signer made exactly the token the SDK makes, and `pg` sent it as the password. The server's CA
 * reaches the process as `NODE_EXTRA_CA_CERTS` (Node reads it at start-up), so the code runs with the production TLS
 * settings (`rejectUnauthorized: true`, no `ca`).
 */
import * as assert from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bundle } from "../../../components/shared/bundle";
import { type LocalPostgres, startPostgres } from "../../harness/postgres";

const ROOT = path.join(__dirname, "../../..");
const NOW = "2026-11-26T12:00:00.000Z";
const USER = "orders_iam";
const CREDENTIALS = {
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    AWS_SESSION_TOKEN: "session-token",
};

// Date() and Date.now() answer the fixed instant; everything else about Date is unchanged.
const CLOCK = `const Real = Date; const fixed = Real.parse(process.env.FIXED_NOW);
class FixedDate extends Real { constructor(...a) { super(...(a.length === 0 ? [fixed] : a)); } static now() { return fixed; } }
globalThis.Date = FixedDate;`;

describe("functions/orders-db: the Lambda bundle", function () {
    this.timeout(60_000);
    let server: LocalPostgres;
    let code: string;
    let dir: string;

    /** Runs `script` in a fresh node (cwd `cwd`, the clock preloaded), with only `env`; the last line of its stdout as JSON (log lines come before). */
    function node(script: string, cwd: string, env: Record<string, string>): { status: number | null; out: unknown; stderr: string } {
        const r = spawnSync(process.execPath, ["--require", path.join(dir, "clock.js"), "-e", script], {
            cwd,
            encoding: "utf8",
            timeout: 30_000,
            env: { PATH: process.env.PATH ?? "", FIXED_NOW: NOW, LOG_LEVEL: "error", ...env },
        });
        let out: unknown;
        try {
            out = JSON.parse(r.stdout.trim().split("\n").pop() ?? "");
        } catch {
            out = r.stdout;
        }
        return { status: r.status, out, stderr: r.stderr };
    }

    const dbEnv = () => ({ DB_HOST: server.host, DB_PORT: String(server.port), DB_NAME: server.database, DB_USER: USER, AWS_REGION: "eu-west-1" });

    before(async () => {
        server = await startPostgres({ database: "orders" });
        code = bundle(path.join(ROOT, "functions/orders-db/index.ts"), { cache: false }).code;
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "orders-db-bundle-"));
        fs.writeFileSync(path.join(dir, "index.js"), code);
        fs.writeFileSync(path.join(dir, "clock.js"), CLOCK);
        // The token the installed SDK signs at NOW for this host, port, user and region: the user's password.
        const signed = node(
            `const { Signer } = require("@aws-sdk/rds-signer");
            new Signer({ hostname: process.env.DB_HOST, port: Number(process.env.DB_PORT), username: process.env.DB_USER, region: process.env.AWS_REGION })
                .getAuthToken().then((t) => process.stdout.write(JSON.stringify(t)));`,
            ROOT,
            { ...dbEnv(), ...CREDENTIALS },
        );
        assert.strictEqual(signed.status, 0, signed.stderr);
        const token = signed.out as string;
        assert.match(token, new RegExp(`^127\\.0\\.0\\.1:${server.port}/\\?Action=connect&DBUser=${USER}&X-Amz-Algorithm=AWS4-HMAC-SHA256&`));
        // The function's user owns nothing: it needs CREATE on the schema for the table it creates (PostgreSQL 15+ no
        // longer grants it to PUBLIC), as DB_USER does on Aurora.
        server.psql(`create role ${USER} login password :'token'; grant create on schema public to ${USER};`, { token });
    });
    after(async () => {
        await server?.stop();
        if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("bundles to a single file under 1 MiB with pg and the signer inside", () => {
        console.log(`      orders-db bundle: ${code.length} bytes`);
        assert.ok(code.length < 1024 * 1024, `${code.length} bytes`);
        // pg-native stays a lazy require that only `pg.native` reaches; the function never does.
        assert.doesNotMatch(code, /require\("(pg|pg-pool|pg-protocol|@aws-sdk\/rds-signer|@aws-sdk\/credential-providers|@smithy\/signature-v4)"\)/);
    });

    it("the bundled handler, loaded in a fresh process from a directory with no node_modules, signs its token and creates and lists orders over verified TLS", () => {
        const r = node(
            `const { handler } = require("./index.js");
            (async () => {
                const created = await handler({ action: "create", order: { clientToken: "b-1", customerId: "c-9", item: "bundle", quantity: 3 } });
                const listed = await handler({ action: "list", customerId: "c-9" });
                process.stdout.write(JSON.stringify({ created, listed }));
                process.exit(0);
            })().catch((e) => { process.stderr.write(String(e && e.stack)); process.exit(1); });`,
            dir,
            { ...dbEnv(), ...CREDENTIALS, NODE_EXTRA_CA_CERTS: server.caFile },
        );
        assert.strictEqual(r.status, 0, r.stderr);
        const { created, listed } = r.out as { created: { ok: boolean; created: boolean; order: { id: string } }; listed: { orders: unknown[] } };
        assert.ok(created.ok && created.created);
        assert.deepStrictEqual(listed, { ok: true, action: "list", orders: [created.order] });
        assert.deepStrictEqual(server.psql("select client_token, customer_id, item, quantity from orders"), [
            { client_token: "b-1", customer_id: "c-9", item: "bundle", quantity: "3" },
        ]);
    });

    it("the login needs the token signed for this instant: the bundle signing one second later is refused (28P01)", () => {
        const r = node(
            `require("./index.js").handler({ action: "list", customerId: "c-9" })
                .then(() => process.exit(0), (e) => { process.stdout.write(JSON.stringify(e.name + ": " + e.message)); process.exit(1); });`,
            dir,
            { ...dbEnv(), ...CREDENTIALS, NODE_EXTRA_CA_CERTS: server.caFile, FIXED_NOW: new Date(Date.parse(NOW) + 1_000).toISOString() },
        );
        assert.strictEqual(r.status, 1, r.stderr);
        assert.strictEqual(r.out, `DatabaseError: password authentication failed for user "${USER}" (SQLSTATE 28P01)`);
    });

    it("the bundled handler refuses the server when Node does not trust its certificate (no ca in production)", () => {
        const r = node(
            `require("./index.js").handler({ action: "list", customerId: "c-9" })
                .then(() => process.exit(0), (e) => { process.stdout.write(JSON.stringify(e.message)); process.exit(1); });`,
            dir,
            { ...dbEnv(), ...CREDENTIALS },
        );
        assert.strictEqual(r.status, 1, r.stderr);
        assert.match(String(r.out), /self-signed certificate in certificate chain|unable to verify/);
    });

    it("the bundled handler without DB_HOST loads, and each invocation fails naming the missing setting", () => {
        const { DB_HOST: _, ...env } = dbEnv();
        const r = node(
            `require("./index.js").handler({ action: "list", customerId: "c-9" })
                .then(() => process.exit(0), (e) => { process.stdout.write(JSON.stringify(e.message)); process.exit(1); });`,
            dir,
            { ...env, ...CREDENTIALS },
        );
        assert.strictEqual(r.status, 1, r.stderr);
        assert.strictEqual(r.out, "DB_HOST is not set");
    });
});
