/**
 * A real PostgreSQL for the tests, from the Debian packages (`/usr/lib/postgresql/<major>/bin`): `initdb` into a temporary
 * directory, a server on 127.0.0.1 only, on a free port, TLS with a CA generated for this run (openssl), password
 * (SCRAM) authentication, and `pg_hba.conf` refusing every TCP connection that is not TLS, as RDS Proxy with
 * `requireTls` does. `stop()` stops the server and removes the directory; an exit hook does the same if a run is cut short.
 *
 * PostgreSQL refuses to run as root (`initdb: cannot be run as root`): when the tests run as root (CI), the server
 * processes run as the `postgres` user the Debian package creates, and the directory is handed to it.
 * When PostgreSQL is absent, `startPostgres` throws `PostgresUnavailableError` at once, naming what is missing and the fix.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

/** Where the Debian packages put the server binaries (`postgresql-<major>`); `PG_BIN` overrides it. */
const DEBIAN_ROOT = "/usr/lib/postgresql";
/** No step may hang a test run: initdb and a start take about 1 s here. */
const STEP_TIMEOUT_MS = 30_000;

export class PostgresUnavailableError extends Error {
    constructor(reason: string) {
        super(
            `PostgreSQL is not available for the tests: ${reason}. ` +
                "Install the Debian package (`apt-get update && apt-get install -y postgresql`; .ci/run does this in CI) " +
                "or set PG_BIN to a directory holding initdb, pg_ctl and postgres.",
        );
        this.name = "PostgresUnavailableError";
    }
}

export interface LocalPostgres {
    host: "127.0.0.1";
    port: number;
    database: string;
    user: string;
    password: string;
    /** The PEM of the CA that signed the server certificate (for `ssl: { ca, rejectUnauthorized: true }`). */
    ca: string;
    caFile: string;
    /** Server major version, e.g. 15. */
    major: number;
    /** The temporary directory holding the data, certificates and log; removed by `stop()`. */
    directory: string;
    /**
     * Runs SQL through psql over TLS with certificate and host checks (`sslmode=verify-full`); rows as strings.
     * `libpq` overrides the connection (`{ PGSSLMODE: "disable" }`, `{ PGPASSWORD: "wrong" }`) to try refusals.
     */
    psql(sql: string, vars?: Record<string, string>, libpq?: Record<string, string>): Record<string, string>[];
    /** Stops the server and removes its directory. Safe to call twice. */
    stop(): Promise<void>;
}

/** The directory holding initdb/pg_ctl/postgres/psql: `PG_BIN`, else the highest major under /usr/lib/postgresql. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string {
    const need = ["initdb", "pg_ctl", "postgres", "psql"];
    const check = (dir: string) => {
        const missing = need.filter((b) => !fs.existsSync(path.join(dir, b)));
        if (missing.length > 0) throw new PostgresUnavailableError(`${dir} lacks ${missing.join(", ")}`);
        return dir;
    };
    if (env.PG_BIN !== undefined && env.PG_BIN !== "") return check(env.PG_BIN);
    const majors = fs.existsSync(DEBIAN_ROOT)
        ? fs
              .readdirSync(DEBIAN_ROOT)
              .filter((d) => /^\d+$/.test(d) && fs.existsSync(path.join(DEBIAN_ROOT, d, "bin", "pg_ctl")))
              .map(Number)
              .sort((a, b) => b - a)
        : [];
    if (majors.length === 0) throw new PostgresUnavailableError(`no ${DEBIAN_ROOT}/<major>/bin/pg_ctl`);
    return check(path.join(DEBIAN_ROOT, String(majors[0]), "bin"));
}

interface RunAs {
    uid?: number;
    gid?: number;
}

/** As root, the `postgres` account's ids; as anyone else, nothing (the server runs as the current user). */
function serverAccount(): RunAs {
    if (process.getuid?.() !== 0) return {};
    const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
    const u = id("-u");
    const g = id("-g");
    if (u.status !== 0 || g.status !== 0) {
        throw new PostgresUnavailableError("running as root and there is no `postgres` user to run the server as (initdb refuses root)");
    }
    return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const { port } = srv.address() as net.AddressInfo;
            srv.close(() => resolve(port));
        });
    });
}

function run(file: string, args: string[], as: RunAs, env: NodeJS.ProcessEnv = {}): string {
    const r = spawnSync(file, args, {
        ...as,
        encoding: "utf8",
        timeout: STEP_TIMEOUT_MS,
        env: { PATH: process.env.PATH, LANG: "C.UTF-8", LC_ALL: "C.UTF-8", ...env },
        cwd: "/",
    });
    if (r.error || r.status !== 0) {
        const why = r.error ? r.error.message : `exit ${r.status}${r.signal ? ` (${r.signal})` : ""}`;
        throw new Error(`${path.basename(file)} ${args.join(" ")} failed: ${why}\n${r.stderr ?? ""}${r.stdout ?? ""}`.trim());
    }
    return r.stdout;
}

/** A CA and a server certificate it signs, for `localhost` and 127.0.0.1, valid for this run only. */
function makeCertificates(dir: string): { caFile: string; certFile: string; keyFile: string } {
    const f = (n: string) => path.join(dir, n);
    const ossl = (...args: string[]) => {
        try {
            execFileSync("openssl", args, { stdio: "pipe", timeout: STEP_TIMEOUT_MS });
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code === "ENOENT") {
                throw new PostgresUnavailableError("openssl, which makes the test CA, is not installed (apt-get install -y openssl)");
            }
            throw e;
        }
    };
    ossl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=aws-platform test CA", "-keyout", f("ca.key"), "-out", f("ca.crt"));
    ossl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", f("server.key"), "-out", f("server.csr"));
    fs.writeFileSync(f("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    ossl(
        "x509",
        "-req",
        "-in",
        f("server.csr"),
        "-CA",
        f("ca.crt"),
        "-CAkey",
        f("ca.key"),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        f("server.ext"),
        "-out",
        f("server.crt"),
    );
    fs.rmSync(f("ca.key"));
    return { caFile: f("ca.crt"), certFile: f("server.crt"), keyFile: f("server.key") };
}

/** Parses psql's `--csv` output (RFC 4180 quoting) into rows keyed by the header. */
export function parseCsv(text: string): Record<string, string>[] {
    const records: string[][] = [];
    let field = "";
    let record: string[] = [];
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                field += '"';
                i++;
            } else if (c === '"') quoted = false;
            else field += c;
        } else if (c === '"') quoted = true;
        else if (c === ",") {
            record.push(field);
            field = "";
        } else if (c === "\n") {
            record.push(field);
            records.push(record);
            record = [];
            field = "";
        } else field += c;
    }
    if (field !== "" || record.length > 0) records.push([...record, field]);
    const [header, ...rows] = records;
    return header === undefined ? [] : rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const running = new Set<() => void>();
const stopAll = () => {
    for (const stop of running) stop();
    running.clear();
};
process.once("exit", stopAll);

let signalsHooked = false;
/**
 * A run killed by SIGINT (Ctrl-C) or SIGTERM (a CI job's timeout) emits no `exit`, and mocha's serial runner installs
 * no handler: without these, every started postmaster would keep running and its directory stay. They stop the
 * servers, then let the signal end the process as it would have (unless another listener, which then decides, exists).
 */
function hookSignals(): void {
    if (signalsHooked) return;
    signalsHooked = true;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.once(signal, () => {
            stopAll();
            if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
        });
    }
}

export async function startPostgres(options: { database?: string; user?: string } = {}): Promise<LocalPostgres> {
    const bin = findPostgresBin();
    const major = Number(/\/(\d+)\/bin\/?$/.exec(bin)?.[1] ?? Number.NaN);
    const as = serverAccount();
    const user = options.user ?? "postgres";
    const database = options.database ?? "postgres";
    // A password with characters that must survive quoting; SCRAM, as RDS Proxy's POSTGRES_SCRAM_SHA_256.
    const password = `pw-${Math.random().toString(36).slice(2)}'"%`;
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pg-test-"));
    const data = path.join(root, "data");
    const cleanupDir = () => fs.rmSync(root, { recursive: true, force: true });
    let certs: ReturnType<typeof makeCertificates>;
    try {
        certs = makeCertificates(root);
        fs.writeFileSync(path.join(root, "pwfile"), `${password}\n`, { mode: 0o600 });
        // The server needs its key readable by itself only (it refuses a group/world-readable key).
        fs.chmodSync(certs.keyFile, 0o600);
        fs.chmodSync(root, 0o700);
        if (as.uid !== undefined) {
            for (const p of [root, certs.keyFile, certs.certFile, certs.caFile, path.join(root, "pwfile")]) fs.chownSync(p, as.uid, as.gid!);
        }
        run(path.join(bin, "initdb"), ["-D", data, "-U", user, "--pwfile", path.join(root, "pwfile"), "--auth=scram-sha-256", "-E", "UTF8", "--no-sync"], as);
    } catch (e) {
        cleanupDir();
        throw e;
    }
    // Only TLS over TCP; a plain TCP connection is rejected by rule, not by chance.
    fs.writeFileSync(
        path.join(data, "pg_hba.conf"),
        ["local all all scram-sha-256", "hostssl all all 127.0.0.1/32 scram-sha-256", "hostnossl all all 127.0.0.1/32 reject", ""].join("\n"),
    );
    if (as.uid !== undefined) fs.chownSync(path.join(data, "pg_hba.conf"), as.uid, as.gid!);

    const pgCtl = path.join(bin, "pg_ctl");
    const stopSync = () => {
        spawnSync(pgCtl, ["stop", "-D", data, "-m", "immediate", "-w", "-t", "10"], { ...as, timeout: STEP_TIMEOUT_MS, stdio: "ignore", cwd: "/" });
        cleanupDir();
    };
    let port = 0;
    for (let attempt = 1; ; attempt++) {
        port = await freePort();
        const serverOptions = [
            `-p ${port}`,
            `-k ${root}`,
            "-c listen_addresses=127.0.0.1",
            "-c ssl=on",
            `-c ssl_cert_file=${certs.certFile}`,
            `-c ssl_key_file=${certs.keyFile}`,
            // A test database: durability costs time and buys nothing.
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
        ].join(" ");
        try {
            run(pgCtl, ["start", "-D", data, "-l", path.join(root, "server.log"), "-w", "-t", "20", "-o", serverOptions], as);
            break;
        } catch (e) {
            const log = fs.existsSync(path.join(root, "server.log")) ? fs.readFileSync(path.join(root, "server.log"), "utf8") : "";
            // Another process may take the port between freePort() and the start: try another one.
            if (attempt < 3 && /could not bind|Address already in use/.test(log)) continue;
            stopSync();
            throw new Error(`${(e as Error).message}\nserver log:\n${log}`);
        }
    }
    running.add(stopSync);
    hookSignals();

    const psqlEnv = {
        PGHOST: "127.0.0.1",
        PGPORT: String(port),
        PGUSER: user,
        PGPASSWORD: password,
        PGSSLMODE: "verify-full",
        PGSSLROOTCERT: certs.caFile,
        PGCONNECT_TIMEOUT: "10",
    };
    const psqlIn = (db: string, sql: string, vars: Record<string, string> = {}, libpq: Record<string, string> = {}) => {
        const args = ["-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", ...Object.entries(vars).flatMap(([k, v]) => ["-v", `${k}=${v}`])];
        // Through stdin (not -c) so that psql interpolates :'name' variables, quoting them as literals.
        const r = spawnSync(path.join(bin, "psql"), args, {
            input: sql,
            encoding: "utf8",
            timeout: STEP_TIMEOUT_MS,
            env: { PATH: process.env.PATH, ...psqlEnv, PGDATABASE: db, ...libpq },
        });
        if (r.error || r.status !== 0) throw new Error(`psql failed: ${r.error?.message ?? `exit ${r.status}`}\n${r.stderr}`.trim());
        return parseCsv(r.stdout);
    };
    const psql = (sql: string, vars: Record<string, string> = {}, libpq: Record<string, string> = {}) => psqlIn(database, sql, vars, libpq);
    try {
        if (database !== "postgres") psqlIn("postgres", 'create database :"db"', { db: database });
    } catch (e) {
        // The caller gets no handle to stop: stop the server here rather than leave it running until the process exits.
        running.delete(stopSync);
        stopSync();
        throw new Error(`${(e as Error).message}\n(startPostgres: the server was stopped and ${root} removed)`);
    }

    let stopped = false;
    return {
        host: "127.0.0.1",
        port,
        database,
        user,
        password,
        ca: fs.readFileSync(certs.caFile, "utf8"),
        caFile: certs.caFile,
        major,
        directory: root,
        psql,
        async stop() {
            if (stopped) return;
            stopped = true;
            running.delete(stopSync);
            stopSync();
        },
    };
}
