/**
 * A real PostgreSQL for the tests, from the Debian packages (`/usr/lib/postgresql/<major>/bin`): a fresh cluster in a
 * temporary directory, a server on 127.0.0.1 only, on a free port, TLS with a CA generated for this run (openssl), a
 * password of its own (SCRAM) and `pg_hba.conf` refusing every TCP connection that is not TLS, as RDS Proxy with
 * `requireTls` does. `stop()` stops the server and removes the directory; an exit hook does the same if a run is cut short.
 *
 * What is the same for every server is made once: `initdb` (0.5 to 1 s, most of a start) runs once per machine, PostgreSQL
 * version and user into a template under node_modules/.cache/aws-platform-pg (safe to delete), which each start copies
 * (`cp -a`, 0.05 s onto a tmpfs) before it gives the user the server's own password; the CA and server certificate are
 * made once per process. `AWS_PLATFORM_PG_CACHE=0` keeps the template in a temporary folder of this process instead.
 *
 * PostgreSQL refuses to run as root (`initdb: cannot be run as root`): when the tests run as root (CI), the server
 * processes run as the `postgres` user the Debian package creates, and the directory is handed to it.
 * When PostgreSQL is absent, `startPostgres` throws `PostgresUnavailableError` at once, naming what is missing and the fix.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

/** Where the Debian packages put the server binaries (`postgresql-<major>`); `PG_BIN` overrides it. */
const DEBIAN_ROOT = "/usr/lib/postgresql";
/** No step may hang a test run: initdb and a start take about 1 s here. */
const STEP_TIMEOUT_MS = 30_000;
/** The machine's templates (one per PostgreSQL version, user and server account), shared by every process and run. */
const TEMPLATE_CACHE = path.resolve(__dirname, "../../node_modules/.cache/aws-platform-pg");
/**
 * The cluster every server starts from. `--no-sync`: a test cluster. `--wal-segsize=1` (MB, the least allowed): the
 * 16 MB default segment, zeros at first, was 40 % of what each start copies and each stop deletes.
 */
const INITDB_OPTIONS = ["--auth=scram-sha-256", "-E", "UTF8", "--no-sync", "--wal-segsize=1"];
/** A tmpfs holds servers' directories when it has this much room: Docker's default /dev/shm (64 MB) does not. */
const TMPFS_ROOM_BYTES = 1024 ** 3;
/** `statfs` f_type of a tmpfs (linux/magic.h TMPFS_MAGIC). */
const TMPFS_MAGIC = 0x01021994;
/** How often a start and a stop look at the server: `pg_ctl -w` looks every 100 ms, a tenth of a second lost on each. */
const POLL_MS = 10;

export class PostgresUnavailableError extends Error {
    constructor(reason: string) {
        super(
            `PostgreSQL is not available for the tests: ${reason}. ` +
                "Install the Debian package (`apt-get update && apt-get install -y postgresql`; .ci/run does this in CI) " +
                "or set PG_BIN to a directory holding initdb, postgres and psql.",
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

/** The directory holding initdb/postgres/psql: `PG_BIN`, else the highest major under /usr/lib/postgresql. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string {
    const need = ["initdb", "postgres", "psql"];
    const check = (dir: string) => {
        const missing = need.filter((b) => !fs.existsSync(path.join(dir, b)));
        if (missing.length > 0) throw new PostgresUnavailableError(`${dir} lacks ${missing.join(", ")}`);
        return dir;
    };
    if (env.PG_BIN !== undefined && env.PG_BIN !== "") return check(env.PG_BIN);
    const majors = fs.existsSync(DEBIAN_ROOT)
        ? fs
              .readdirSync(DEBIAN_ROOT)
              .filter((d) => /^\d+$/.test(d) && fs.existsSync(path.join(DEBIAN_ROOT, d, "bin", "postgres")))
              .map(Number)
              .sort((a, b) => b - a)
        : [];
    if (majors.length === 0) throw new PostgresUnavailableError(`no ${DEBIAN_ROOT}/<major>/bin/postgres`);
    return check(path.join(DEBIAN_ROOT, String(majors[0]), "bin"));
}

interface RunAs {
    uid?: number;
    gid?: number;
}

let account: RunAs | undefined;
/** As root, the `postgres` account's ids; as anyone else, nothing (the server runs as the current user). */
function serverAccount(): RunAs {
    account ??= lookUpServerAccount();
    return account;
}

function lookUpServerAccount(): RunAs {
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

interface Certificates {
    ca: string;
    cert: string;
    key: string;
}

let certificates: Certificates | undefined;

/**
 * A CA and a server certificate it signs, for `localhost` and 127.0.0.1, valid for this process only (made once, the
 * CA's key then deleted). P-256 keys: an RSA key took 0.1 to 0.2 s to generate, and what the tests check (the client
 * verifies the chain and the name, the server refuses clients without TLS) does not depend on the key's type.
 */
function runCertificates(): Certificates {
    if (certificates !== undefined) return certificates;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-test-ca-"));
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
    const newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    try {
        ossl("req", "-x509", ...newKey, "-days", "2", "-subj", "/CN=aws-platform test CA", "-keyout", f("ca.key"), "-out", f("ca.crt"));
        ossl("req", ...newKey, "-subj", "/CN=localhost", "-keyout", f("server.key"), "-out", f("server.csr"));
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
        certificates = {
            ca: fs.readFileSync(f("ca.crt"), "utf8"),
            cert: fs.readFileSync(f("server.crt"), "utf8"),
            key: fs.readFileSync(f("server.key"), "utf8"),
        };
        return certificates;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Writes the run's certificates into a server's directory: the key readable by its owner only (the server refuses it otherwise). */
function writeCertificates(dir: string, as: RunAs): { caFile: string; certFile: string; keyFile: string } {
    const pems = runCertificates();
    const files = { caFile: path.join(dir, "ca.crt"), certFile: path.join(dir, "server.crt"), keyFile: path.join(dir, "server.key") };
    fs.writeFileSync(files.caFile, pems.ca);
    fs.writeFileSync(files.certFile, pems.cert);
    fs.writeFileSync(files.keyFile, pems.key, { mode: 0o600 });
    if (as.uid !== undefined) for (const file of Object.values(files)) fs.chownSync(file, as.uid, as.gid!);
    return files;
}

let serversFolder: string | undefined;

/**
 * Where servers' directories go: /dev/shm when it is a tmpfs with room, else the system's temporary folder. Creating a
 * file on this machine's ext4 took about 1 ms (0.01 ms on tmpfs), and a cluster is a thousand files: a copy of the
 * template took 0.5 to 0.8 s on disk, 0.05 s on tmpfs, and `create database` copies three hundred more.
 */
function serversRoot(): string {
    if (serversFolder !== undefined) return serversFolder;
    serversFolder = os.tmpdir();
    try {
        const shm = fs.statfsSync("/dev/shm");
        if (shm.type === TMPFS_MAGIC && shm.bavail * shm.bsize >= TMPFS_ROOM_BYTES) {
            fs.accessSync("/dev/shm", fs.constants.W_OK);
            serversFolder = "/dev/shm";
        }
    } catch {
        // No /dev/shm (not Linux) or not writable: the temporary folder.
    }
    return serversFolder;
}

interface Template {
    /** A data directory as `initdb` left it, owned by the server account. */
    data: string;
    /** The password `initdb` gave the user. */
    password: string;
}

const templates = new Map<string, Template>();
const versions = new Map<string, string>();
let processTemplates: string | undefined;

/** Where templates are kept: the machine's cache, or with `AWS_PLATFORM_PG_CACHE=0` (or an unwritable cache) a folder of this process. */
function templateRoot(): string {
    if (process.env.AWS_PLATFORM_PG_CACHE !== "0") {
        try {
            fs.mkdirSync(TEMPLATE_CACHE, { recursive: true });
            fs.accessSync(TEMPLATE_CACHE, fs.constants.W_OK);
            return TEMPLATE_CACHE;
        } catch {
            // A read-only node_modules only loses the cache.
        }
    }
    if (processTemplates === undefined) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-test-templates-"));
        processTemplates = dir;
        // Removed with the servers: at exit, and on SIGINT/SIGTERM, which emit no `exit`.
        running.add(() => fs.rmSync(dir, { recursive: true, force: true }));
        hookSignals();
    }
    return processTemplates;
}

/**
 * The `initdb` output for this PostgreSQL (its `--version` line, binaries and options), `user` and server account: made
 * once into a folder of its own and renamed into place, so that a process reading a template never sees half of one and
 * two processes making the same template at once both succeed (the second one's copy is dropped).
 */
function clusterTemplate(bin: string, user: string, as: RunAs): Template {
    const version = versions.get(bin) ?? run(path.join(bin, "postgres"), ["--version"], as).trim();
    versions.set(bin, version);
    const key = crypto
        .createHash("sha256")
        .update([version, bin, user, String(as.uid ?? process.getuid?.()), ...INITDB_OPTIONS].join("\0"))
        .digest("hex")
        .slice(0, 16);
    const known = templates.get(key);
    if (known !== undefined) return known;
    const dir = path.join(templateRoot(), `${user}-${key}`);
    if (!fs.existsSync(path.join(dir, "password"))) {
        const temp = fs.mkdtempSync(`${dir}.tmp-`);
        try {
            const password = initCluster(bin, user, as, path.join(temp, "data"));
            fs.writeFileSync(path.join(temp, "password"), password, { mode: 0o600 });
            fs.renameSync(temp, dir);
        } catch (e) {
            fs.rmSync(temp, { recursive: true, force: true });
            // Another process renamed its template into place first: use that one.
            if (!fs.existsSync(path.join(dir, "password"))) throw e;
        }
    }
    const template = { data: path.join(dir, "data"), password: fs.readFileSync(path.join(dir, "password"), "utf8") };
    templates.set(key, template);
    return template;
}

/**
 * Runs `initdb` for `user` with a random password, which it returns, and copies the cluster to `target`. initdb runs as
 * the server account in the servers' folder, which that account can enter (the cache may lie in a home directory it
 * cannot); the copy is made as the current user, which as root keeps the server account's ownership and every mode.
 */
function initCluster(bin: string, user: string, as: RunAs, target: string): string {
    const work = fs.mkdtempSync(path.join(serversRoot(), "pg-test-initdb-"));
    try {
        // Random, as a server's own; the user's password is replaced by the server's own after each start.
        const password = crypto.randomBytes(18).toString("base64url");
        const pwfile = path.join(work, "pwfile");
        fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
        if (as.uid !== undefined) for (const p of [work, pwfile]) fs.chownSync(p, as.uid, as.gid!);
        run(path.join(bin, "initdb"), ["-D", path.join(work, "data"), "-U", user, "--pwfile", pwfile, ...INITDB_OPTIONS], as);
        run("cp", ["-a", path.join(work, "data"), target], {});
        return password;
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
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

/** The postmaster's pid and status from its lock file (line 1 and line 8 of `postmaster.pid`), or undefined without one. */
function postmasterStatus(data: string): { pid: number; status: string } | undefined {
    let text: string;
    try {
        text = fs.readFileSync(path.join(data, "postmaster.pid"), "utf8");
    } catch {
        return undefined;
    }
    const lines = text.split("\n");
    return { pid: Number(lines[0]), status: (lines[7] ?? "").trim() };
}

/**
 * Starts the postmaster as `pg_ctl start` does: in a session of its own (so a Ctrl-C reaches only this process, whose
 * hooks stop it), output to `logFile`. Being this process's child, it is reaped when it ends (pg_ctl's postmaster was
 * left to init, which here let it stay a zombie).
 */
function spawnServer(bin: string, data: string, options: string[], logFile: string, as: RunAs): ChildProcess {
    const log = fs.openSync(logFile, "a");
    let child: ChildProcess;
    try {
        child = spawn(path.join(bin, "postgres"), ["-D", data, ...options], {
            ...as,
            cwd: "/",
            detached: true,
            stdio: ["ignore", log, log],
            env: { PATH: process.env.PATH, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" },
        });
    } finally {
        fs.closeSync(log);
    }
    child.unref();
    return child;
}

/** Resolves once the postmaster's lock file says "ready", as `pg_ctl start -w` waits; fails if it ends first. */
async function serverReady(child: ChildProcess, data: string): Promise<void> {
    let ended: string | undefined;
    child.once("error", (e) => {
        ended = e.message;
    });
    child.once("exit", (code, signal) => {
        ended = `exit ${code}${signal ? ` (${signal})` : ""}`;
    });
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
        const pm = postmasterStatus(data);
        if (pm !== undefined && pm.pid === child.pid && pm.status === "ready") return;
        if (ended !== undefined) throw new Error(`postgres ${child.spawnargs.slice(1).join(" ")} failed: ${ended}`);
        if (Date.now() > deadline) throw new Error(`postgres ${child.spawnargs.slice(1).join(" ")} was not ready within ${STEP_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
}

/**
 * Stops the postmaster as `pg_ctl stop -m immediate -w` does: SIGQUIT, then waits (synchronously: the exit and signal
 * hooks call it) until its lock file is gone, which the postmaster removes last, after its sockets are closed.
 */
function stopServer(child: ChildProcess, data: string): void {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
        process.kill(child.pid, "SIGQUIT");
    } catch {
        return;
    }
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const deadline = Date.now() + 10_000;
    while (postmasterStatus(data)?.pid === child.pid) {
        if (Date.now() > deadline) {
            process.kill(child.pid, "SIGKILL");
            return;
        }
        Atomics.wait(pause, 0, 0, POLL_MS);
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
    const root = fs.mkdtempSync(path.join(serversRoot(), "pg-test-"));
    const data = path.join(root, "data");
    const cleanupDir = () => fs.rmSync(root, { recursive: true, force: true });
    let certs: ReturnType<typeof writeCertificates>;
    let template: Template;
    try {
        template = clusterTemplate(bin, user, as);
        fs.chmodSync(root, 0o700);
        if (as.uid !== undefined) fs.chownSync(root, as.uid, as.gid!);
        certs = writeCertificates(root, as);
        // As the current user: root keeps the server account's ownership and every mode (the data directory is 0700).
        run("cp", ["-a", template.data, data], {});
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

    let server: ChildProcess | undefined;
    const stopSync = () => {
        if (server !== undefined) stopServer(server, data);
        cleanupDir();
    };
    // From the first spawn: a signal while the server starts stops it too.
    running.add(stopSync);
    hookSignals();
    let port = 0;
    for (let attempt = 1; ; attempt++) {
        port = await freePort();
        const serverOptions = [
            ["-p", String(port)],
            ["-k", root],
            ["-c", "listen_addresses=127.0.0.1"],
            ["-c", "ssl=on"],
            ["-c", `ssl_cert_file=${certs.certFile}`],
            ["-c", `ssl_key_file=${certs.keyFile}`],
            // A test database: durability costs time and buys nothing.
            ["-c", "fsync=off"],
            ["-c", "synchronous_commit=off"],
            ["-c", "full_page_writes=off"],
        ].flat();
        try {
            server = spawnServer(bin, data, serverOptions, path.join(root, "server.log"), as);
            await serverReady(server, data);
            break;
        } catch (e) {
            const log = fs.existsSync(path.join(root, "server.log")) ? fs.readFileSync(path.join(root, "server.log"), "utf8") : "";
            // Another process may take the port between freePort() and the start: try another one.
            if (attempt < 3 && /could not bind|Address already in use/.test(log)) continue;
            running.delete(stopSync);
            stopSync();
            throw new Error(`${(e as Error).message}\nserver log:\n${log}`);
        }
    }

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
        // The template's password, known to every server copied from it, gives way to this server's own.
        // Hashed as SCRAM whatever the server's default (md5 before PostgreSQL 14), or pg_hba's scram-sha-256 refuses it.
        const setUp = [
            "set password_encryption = 'scram-sha-256'",
            `alter role :"role" password :'pw'`,
            ...(database === "postgres" ? [] : ['create database :"db"']),
        ];
        psqlIn("postgres", `${setUp.join(";\n")};`, { role: user, pw: password, db: database }, { PGPASSWORD: template.password });
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
