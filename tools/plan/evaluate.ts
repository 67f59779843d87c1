/**
 * Runs a Pulumi program under the mock engine as `pulumi preview` would run it — inside the root
 * `pulumi:pulumi:Stack`, with the stack's config — and returns everything the engine saw.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource, installMocks, toPlain } from "../../components/testing/engine";
import { Diagnostic, runAsLanguageHost } from "../../components/testing/host";
import { ProjectError, StackConfig, readStackSettings } from "./config";
import { ROOT_STACK_TYPE } from "./preview-json";

export interface EvaluateOptions {
    /** Holds Pulumi.yaml and Pulumi.<stack>.yaml. */
    projectDir: string;
    stack: string;
    /** The program's entry module (its exports become the stack outputs). */
    programPath: string;
}

export type { Diagnostic } from "../../components/testing/host";

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
 * Forgets the program and the modules of its own folder (stacks/) it loaded, so that requiring it again runs it again:
 * a program does its work at import time, and a module that read config at import would otherwise keep the previous
 * stack's values. The library it builds on (components/, and packages under node_modules) is kept: it reads nothing at
 * import (a component reads the stack and its config when constructed), and the Pulumi runtime's global state is reset
 * by `installMocks`. Run again in one process (tests evaluate a dozen stacks), the components then load once and keep
 * their warmed-up code, instead of a fresh copy of some 300 modules per evaluation.
 */
function forgetProgram(programFile: string): void {
    const folder = path.dirname(programFile);
    const own = (file: string) => file.startsWith(folder + path.sep) && !file.split(path.sep).includes("node_modules");
    const seen = new Set<string>();
    const walk = (file: string) => {
        const mod = require.cache[file];
        if (mod === undefined || seen.has(file)) return;
        seen.add(file);
        for (const child of mod.children) if (own(child.filename)) walk(child.filename);
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

    forgetProgram(programFile);
    // As `pulumi preview` would: an unhandled rejection or uncaught exception (a duplicate URN, a throw
    // inside `apply`) or an engine refusal fails the evaluation; what the program threw propagates
    // unchanged; the messages logged so far are shown first, as the CLI would show them.
    const hosted = await runAsLanguageHost(() => pulumi.runtime.runInPulumiStack(() => runProgram(programFile)));
    const defects = monitor.defects.map((d) => d.message);
    const failure =
        hosted.thrown ??
        (hosted.asyncErrors.length ? { error: hosted.asyncErrors[0] } : undefined) ??
        (defects.length ? { error: new Error(`the program renders values a deployment would break on:\n  ${defects.join("\n  ")}`) } : undefined);
    if (failure) {
        for (const d of hosted.diagnostics) console.warn(`${d.severity}: ${d.message}`);
        throw failure.error;
    }
    const diagnostics: Diagnostic[] = hosted.diagnostics;
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
