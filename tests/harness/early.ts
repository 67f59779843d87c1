/**
 * Checks that spend seconds in a child process the test only waits for: the items function's bundle answering while
 * its DAX cluster is unreachable (4 s of the DAX client's retry waits, by design) and the policy pack started as
 * `pulumi preview` starts it (3.5 s of ts-node type-checking it, kept while nothing it read changed). Under `npm test` they start once, when the run begins,
 * in mocha's main process, which otherwise only reports: .mocharc.js loads this module, whose `mochaGlobalSetup` starts
 * every check without waiting and leaves each one's result in a file (`AWS_PLATFORM_EARLY_DIR`, inherited by the
 * workers). The test that asserts on a result waits for its file, so no worker sits idle through the child. A test
 * file run alone (without that variable) runs the check when its test asks.
 *
 * A check resolves to plain JSON (what the test asserts on) or rejects; either is handed to the test as it was.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const { waitForFile, writeAtomically } = require("../../tools/files") as {
    waitForFile: (file: string, pollMs?: number) => Promise<string>;
    writeAtomically: (file: string, data: string) => void;
};

/** The bundled items function's answer to a read while its DAX cluster (port 1 on the loopback) refuses connections. */
async function daxUnreachable(): Promise<{ status: number; ms: number }> {
    // Loaded here, not at the top: the workers load this module too, and most never run a check. The bundle as
    // LambdaFunction ships it, from the bundle cache when it holds it (the same bytes as a fresh build; the tests of
    // the bundle itself build it afresh).
    const { bundle } = await import("../../components/shared/bundle");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "items-dax-early-"));
    try {
        const file = path.join(dir, "index.js");
        fs.writeFileSync(file, bundle(path.join(ROOT, "functions/items/index.ts")).code);
        const script = `
            const { handler } = require(process.env.FILE);
            const started = Date.now();
            const id = "0b5f3c1e-9a7d-4c2b-8f3e-1a2b3c4d5e6f";
            handler({ version: "2.0", routeKey: "GET /items/{id}", rawPath: "/items/" + id, headers: {}, isBase64Encoded: false,
                      pathParameters: { id }, requestContext: { requestId: "r1", http: { method: "GET", path: "/items/" + id } } })
                .then((r) => { console.log(JSON.stringify({ status: r.statusCode, ms: Date.now() - started })); process.exit(0); });`;
        const env = {
            PATH: process.env.PATH ?? "",
            FILE: file,
            AWS_REGION: "us-east-1",
            TABLE_NAME: "items",
            DAX_ENDPOINT: "daxs://127.0.0.1:1",
            AWS_ACCESS_KEY_ID: "test",
            AWS_SECRET_ACCESS_KEY: "test",
        };
        // The DAX client reports its failed connections on stderr: not the check's output.
        const stdout = await new Promise<string>((resolve, reject) =>
            execFile(process.execPath, ["-e", script], { env, encoding: "utf8", timeout: 25_000 }, (error, out) => (error ? reject(error) : resolve(out))),
        );
        return JSON.parse(stdout.trim().split("\n").pop()!);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * The policy pack started as the CLI's pulumi-analyzer-policy starts it: @pulumi/pulumi's run-policy-pack in the pack
 * folder with the engine's address. It compiles the pack with ts-node and typeCheck (a type error anywhere fails the
 * preview), then requires it; the engine is not contacted until it calls the analyzer. The port it printed, and whether
 * it still served half a second later.
 *
 * A start that printed a port and kept serving is kept with the SHA-1 of every file the pack's process read
 * (tests/harness/record-reads.js: the pack, the components it imports, their declaration files, run-policy-pack and
 * ts-node themselves), as the project's other kept checks are (tests/harness/kept-checks.ts), and stands while all of
 * them are unchanged: 3.5 s of CPU saved on a run that changed none of them. `AWS_PLATFORM_POLICY_PACK_CACHE=0`
 * always starts the pack.
 */
async function policyPackStarts(): Promise<{ port: number; serving: boolean; stderr: string }> {
    const runPolicyPack = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run-policy-pack");
    const packDir = path.join(ROOT, "policy");
    // Loaded here, not at the top: every worker loads this module, and most never run a check.
    const { keepCheck, keptCheck, stillClean } = await import("./kept-checks");
    const { RECORDER, childKey, recordedReads } = await import("./kept-runs");
    // What decides the start besides the files it reads: Node, the variables it inherits, how it is started.
    const record = keptCheck("aws-platform-policy-pack", "AWS_PLATFORM_POLICY_PACK_CACHE", [
        ...childKey(),
        runPolicyPack,
        packDir,
        fs.readFileSync(__filename),
    ]);
    if (stillClean(record)) return record!.data as { port: number; serving: boolean; stderr: string };
    const readsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-pack-reads-")), "reads.txt");
    let child: ChildProcess | undefined;
    try {
        child = spawn(process.execPath, ["-r", RECORDER, runPolicyPack, "127.0.0.1:1", "."], {
            cwd: packDir,
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, AWS_PLATFORM_READS_FILE: readsFile },
        });
        // A pack that neither prints a port nor exits must not hold the run (mocha's process waits for its children).
        const started = child;
        setTimeout(() => started.exitCode === null && started.kill("SIGKILL"), 90_000).unref();
        let stderr = "";
        child.stderr!.on("data", (d) => {
            stderr += d;
        });
        const port = await new Promise<number>((resolve, reject) => {
            let stdout = "";
            child!.stdout!.on("data", (d) => {
                stdout += d;
                const m = /^(\d+)\n/.exec(stdout);
                if (m) resolve(Number(m[1]));
            });
            child!.on("exit", (code) => reject(new Error(`the pack exited with ${code} before printing a port:\n${stdout}\n${stderr}`)));
        });
        await new Promise((resolve) => setTimeout(resolve, 500));
        const result = { port, serving: child.exitCode === null, stderr };
        if (result.serving) {
            keepCheck(record, recordedReads(readsFile), result);
        }
        return result;
    } finally {
        if (child?.pid !== undefined && child.exitCode === null) child.kill("SIGTERM");
        fs.rmSync(path.dirname(readsFile), { recursive: true, force: true });
    }
}

const CHECKS = { daxUnreachable, policyPackStarts };
export type EarlyCheck = keyof typeof CHECKS;
type Result<K extends EarlyCheck> = Awaited<ReturnType<(typeof CHECKS)[K]>>;

const DIR_VARIABLE = "AWS_PLATFORM_EARLY_DIR";
const resultFile = (dir: string, name: string) => path.join(dir, `${name}.json`);

/** The check's result: from the run's early start when there was one (waiting for it to finish), else run now. */
export async function early<K extends EarlyCheck>(name: K): Promise<Result<K>> {
    const dir = process.env[DIR_VARIABLE];
    if (!dir) return (await CHECKS[name]()) as Result<K>;
    const record = JSON.parse(await waitForFile(resultFile(dir, name))) as { value?: Result<K>; error?: string };
    if (record.error !== undefined) throw new Error(`${name} (started with the run) failed: ${record.error}`);
    return record.value as Result<K>;
}

/** mocha's global setup (main process, once per run): starts every check, without waiting for any. */
export function mochaGlobalSetup(): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-platform-early-"));
    process.env[DIR_VARIABLE] = dir;
    for (const [name, check] of Object.entries(CHECKS)) {
        const write = (record: object) => {
            try {
                writeAtomically(resultFile(dir, name), JSON.stringify(record));
            } catch {
                // The run ended first (its test was not in it): nobody waits for this result.
            }
        };
        check().then(
            (value) => write({ value }),
            (e: unknown) => write({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
        );
    }
}

/** mocha's global teardown: the results go with the run. */
export function mochaGlobalTeardown(): void {
    const dir = process.env[DIR_VARIABLE];
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
