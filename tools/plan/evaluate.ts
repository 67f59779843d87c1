/**
 * Runs a Pulumi program under the mock engine as `pulumi preview` would run it — inside the root
 * `pulumi:pulumi:Stack`, with the stack's config — and returns everything the engine saw.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource, installMocks, parseRuntimeLog, settle, toPlain } from "../../components/testing/engine";
import { ProjectError, StackConfig, readStackSettings } from "./config";
import { ROOT_STACK_TYPE } from "./preview-json";

export interface EvaluateOptions {
    /** Holds Pulumi.yaml and Pulumi.<stack>.yaml. */
    projectDir: string;
    stack: string;
    /** The program's entry module (its exports become the stack outputs). */
    programPath: string;
}

/** A message the program logged with `pulumi.log.warn` / `pulumi.log.error`. */
export interface Diagnostic {
    severity: "warning" | "error";
    message: string;
}

export interface Evaluation {
    project: string;
    stack: string;
    config: StackConfig;
    /** Every registered resource, the root Stack first, in registration order. */
    resources: RecordedResource[];
    /** Stack outputs as plain JSON, secrets revealed. */
    outputs: Record<string, any>;
    /** Stack outputs as plain JSON, secrets as "[secret]": what may be printed. */
    maskedOutputs: Record<string, any>;
    diagnostics: Diagnostic[];
}

/**
 * Forgets the program and the project's own modules it loaded, so that requiring it again runs it
 * again: a program does its work at import time, and a module that read config at import would
 * otherwise keep the previous stack's values. Packages under node_modules are kept (they hold the
 * Pulumi runtime's global state, which `installMocks` resets).
 */
function forgetProgram(programFile: string, projectDir: string): void {
    const local = (file: string) => file.startsWith(projectDir + path.sep) && !file.split(path.sep).includes("node_modules");
    const seen = new Set<string>();
    const walk = (file: string) => {
        const mod = require.cache[file];
        if (mod === undefined || seen.has(file)) return;
        seen.add(file);
        for (const child of mod.children) if (local(child.filename)) walk(child.filename);
    };
    walk(programFile);
    for (const file of seen) delete require.cache[file];
}

function resolveProgram(file: string): string {
    try {
        return require.resolve(file);
    } catch {
        throw new ProjectError(`no program at ${file}`);
    }
}

/** A Node program's stack outputs: its exports, or what its exported (default) function returns. */
async function runProgram(programFile: string): Promise<Record<string, unknown>> {
    const exported = require(programFile);
    const main = typeof exported === "function" ? exported : exported?.__esModule && typeof exported.default === "function" ? exported.default : undefined;
    return main ? await main() : exported;
}

/**
 * Runs `body` as the Pulumi language host runs a program, and collects what it would report:
 *  - without an engine, `pulumi.log` writes `warning: [runtime] ...` to the console; those lines are
 *    collected (and only those) so the caller decides where they are shown;
 *  - a failed registration (a duplicate URN) or a throw inside `apply` is an unhandled rejection,
 *    which fails `pulumi preview`; here it fails the evaluation instead of crashing the process.
 * On failure the collected messages are printed, as the CLI would have shown them before the error.
 */
async function asLanguageHost<T>(body: () => Promise<T>): Promise<{ result: T; diagnostics: Diagnostic[] }> {
    const diagnostics: Diagnostic[] = [];
    const original = { warn: console.warn, error: console.error };
    const capture =
        (fallback: (...args: unknown[]) => void) =>
        (...args: unknown[]) => {
            const log = parseRuntimeLog(args);
            if (log) diagnostics.push(log);
            else fallback(...args);
        };
    // A Set: mocha re-emits a rejection it did not expect, so one rejection may arrive twice.
    const unhandled = new Set<unknown>();
    const onRejection = (reason: unknown) => unhandled.add(reason);
    console.warn = capture(original.warn);
    console.error = capture(original.error);
    process.on("unhandledRejection", onRejection);
    let failure: { error: unknown } | undefined;
    let result: T | undefined;
    try {
        try {
            result = await body();
        } catch (error) {
            failure = { error };
        }
        // Even after a failure, let the registrations already under way finish, and give Node a turn
        // to report the rejections nobody handled, so none escapes after this returns.
        await settle();
        await new Promise((resolve) => setImmediate(resolve));
        failure ??= unhandled.size ? { error: [...unhandled][0] } : undefined;
    } finally {
        process.off("unhandledRejection", onRejection);
        console.warn = original.warn;
        console.error = original.error;
    }
    if (failure) {
        for (const d of diagnostics) console.warn(`${d.severity}: ${d.message}`);
        throw failure.error;
    }
    return { result: result as T, diagnostics };
}

/**
 * Evaluates the program for one stack. Each call installs a fresh mock engine and re-requires the
 * program, so calls may follow each other in one process. Errors thrown by the program (an
 * `ArgsError`, a config error) propagate unchanged.
 */
export async function evaluateProgram({ projectDir, stack, programPath }: EvaluateOptions): Promise<Evaluation> {
    const { project, config, secretKeys } = readStackSettings(projectDir, stack);
    const programFile = resolveProgram(path.resolve(projectDir, programPath));
    const monitor = installMocks({ project, stack, config, secretKeys, preview: false });

    // The mock monitor keeps registered outputs only as gRPC structs; keep the Stack's as plain JSON,
    // with secrets still marked, so they can be shown masked.
    let stackOutputs: Record<string, any> = {};
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: any, callback: (err: any, resp?: any) => void) => {
        if (monitor.records.get(req.getUrn())?.type === ROOT_STACK_TYPE) stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
        return registerResourceOutputs(req, callback);
    };

    forgetProgram(programFile, path.resolve(projectDir));
    const { diagnostics } = await asLanguageHost(() => pulumi.runtime.runInPulumiStack(() => runProgram(programFile)));
    return {
        project,
        stack,
        config: { config, secretKeys },
        resources: [...monitor.records.values()].sort((a, b) => a.index - b.index),
        outputs: toPlain(stackOutputs, false),
        maskedOutputs: toPlain(stackOutputs, true),
        diagnostics,
    };
}
