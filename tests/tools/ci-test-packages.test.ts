/**
 * .ci/test-packages, the step of .ci/run that installs the Debian packages the database tests need, run by bash with a
 * PATH holding only stubs: `id` answers the uid, `apt-get` records its arguments and DEBIAN_FRONTEND, `openssl` exists
 * or not. The two paths it looks at are moved into a temporary directory.
 */
import * as assert from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const SCRIPT = path.join(__dirname, "../../.ci/test-packages");

interface Machine {
    uid?: number;
    postgres?: boolean;
    openssl?: boolean;
    caBundle?: boolean;
    pgBin?: boolean;
    aptGet?: boolean;
}

describe(".ci/test-packages: the Debian packages of the database tests", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "ci-test-packages-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Runs the script on a machine described by `m` (everything present, root, by default). */
    function run(m: Machine = {}): { status: number | null; apt: string[]; stderr: string } {
        const { uid = 0, postgres = true, openssl = true, caBundle = true, pgBin = false, aptGet = true } = m;
        const bin = path.join(dir, "bin");
        fs.mkdirSync(bin);
        const stub = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
        stub("id", `echo ${uid}`);
        if (aptGet) stub("apt-get", `echo "DEBIAN_FRONTEND=\${DEBIAN_FRONTEND:-} $*" >> ${path.join(dir, "apt.log")}`);
        if (openssl) stub("openssl", "exit 0");
        const pgRoot = path.join(dir, "postgresql");
        fs.mkdirSync(path.join(pgRoot, "16", "bin"), { recursive: true });
        if (postgres) stub("../postgresql/16/bin/pg_ctl", "exit 0");
        const own = path.join(dir, "own-pg");
        fs.mkdirSync(own);
        if (pgBin) fs.writeFileSync(path.join(own, "pg_ctl"), "#!/bin/bash\n", { mode: 0o755 });
        const ca = path.join(dir, "ca-certificates.crt");
        if (caBundle) fs.writeFileSync(ca, "-----BEGIN CERTIFICATE-----\n");
        const r = spawnSync("/bin/bash", [SCRIPT], {
            encoding: "utf8",
            timeout: 20_000,
            env: {
                PATH: bin,
                TEST_PACKAGES_PG_ROOT: pgRoot,
                TEST_PACKAGES_CA_BUNDLE: ca,
                ...(pgBin ? { PG_BIN: own } : {}),
            },
        });
        const log = path.join(dir, "apt.log");
        return { status: r.status, apt: fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [], stderr: r.stderr };
    }

    it("does nothing where PostgreSQL, openssl and the CA bundle exist", () => {
        assert.deepStrictEqual(run(), { status: 0, apt: [], stderr: "" });
    });

    it("on a clean Debian as root, installs postgresql, openssl and ca-certificates without prompting", () => {
        const r = run({ postgres: false, openssl: false, caBundle: false });
        assert.strictEqual(r.status, 0, r.stderr);
        assert.deepStrictEqual(r.apt, [
            "DEBIAN_FRONTEND= update",
            "DEBIAN_FRONTEND=noninteractive install -y --no-install-recommends postgresql openssl ca-certificates",
        ]);
    });

    it("installs ca-certificates where PostgreSQL exists but the public CA bundle does not (no dependency brings it)", () => {
        assert.deepStrictEqual(run({ caBundle: false }).apt.slice(1), ["DEBIAN_FRONTEND=noninteractive install -y --no-install-recommends ca-certificates"]);
    });

    it("installs openssl where a PostgreSQL exists without it", () => {
        assert.deepStrictEqual(run({ openssl: false }).apt.slice(1), ["DEBIAN_FRONTEND=noninteractive install -y --no-install-recommends openssl"]);
    });

    it("counts a PG_BIN holding pg_ctl as PostgreSQL, as the harness does", () => {
        assert.deepStrictEqual(run({ postgres: false, pgBin: true }).apt, []);
    });

    it("as another user, or without apt-get, names what is missing and installs nothing", () => {
        for (const m of [{ uid: 1000 }, { aptGet: false }]) {
            fs.rmSync(path.join(dir, "bin"), { recursive: true, force: true });
            fs.rmSync(path.join(dir, "own-pg"), { recursive: true, force: true });
            const r = run({ ...m, postgres: false, caBundle: false });
            assert.strictEqual(r.status, 0);
            assert.deepStrictEqual(r.apt, []);
            assert.match(r.stderr, /Missing for the tests: postgresql ca-certificates\. Installing them needs root and apt-get/);
        }
    });
});
