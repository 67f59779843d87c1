/**
 * Runs a program as the Pulumi language host runs it, so that what would fail `pulumi preview` fails
 * here too. One mechanism shared by `build()`/`buildFails()` and `npm run plan`.
 *
 * The language host treats any unhandled rejection or uncaught exception as a failed program: a
 * registration the engine refused (a duplicate URN), an invoke that failed, a throw inside `apply`.
 * Under a test runner those go elsewhere — mocha 11 re-emits a rejection it did not expect and
 * nothing listens, so the test stays green — and in a plain script they crash the process.
 */
import { parseRuntimeLog, settle } from "./engine";

/** A message the program logged with `pulumi.log.warn` / `pulumi.log.error`. */
export interface Diagnostic {
    severity: "warning" | "error";
    message: string;
}

/** What happened while a program ran under {@link runAsLanguageHost}. */
export interface HostedRun<T> {
    /** What `body` returned (undefined when it threw). */
    result: T | undefined;
    /** What `body` threw, if it threw. */
    thrown?: { error: unknown };
    /**
     * Unhandled rejections and uncaught exceptions raised while the program ran and settled, each
     * once, in the order they arrived.
     */
    asyncErrors: unknown[];
    /** What the program logged through `pulumi.log` (collected, not printed). */
    diagnostics: Diagnostic[];
}

type ProcessEvent = "unhandledRejection" | "uncaughtException";
const EVENTS: ProcessEvent[] = ["unhandledRejection", "uncaughtException"];
type Listener = (...args: any[]) => void;
// The overloads of `process.on` are per event; these two take the same handler here.
const proc = process as unknown as NodeJS.EventEmitter;

/**
 * Runs `body` (which starts a program), then waits until every registration, invoke and call it
 * started has finished, and gives Node a turn to report the rejections nobody handled. Meanwhile:
 *  - every unhandled rejection and uncaught exception is collected (not thrown, not left to the test
 *    runner): the listeners already on `process` (mocha's) are detached for that time and put back
 *    afterwards, in their order, so a failure is reported once, by the caller;
 *  - what the program logs with `pulumi.log.warn/error` (without an engine the SDK prints
 *    `warning: [runtime] <message>` to the console) is collected; other console output passes through.
 * Everything is restored before it returns, whatever happened. It never throws what the program
 * raised: the caller decides (a test build aggregates them, the plan rethrows the first).
 */
export async function runAsLanguageHost<T>(body: () => T | Promise<T>): Promise<HostedRun<T>> {
    const diagnostics: Diagnostic[] = [];
    const asyncErrors: unknown[] = [];
    const seen = new Set<unknown>();
    const collect = (reason: unknown) => {
        // One rejection reaches every awaiter of the failed promise: report it once.
        if (seen.has(reason)) return;
        seen.add(reason);
        asyncErrors.push(reason);
    };
    const original = { warn: console.warn, error: console.error };
    const capture =
        (fallback: (...args: unknown[]) => void) =>
        (...args: unknown[]) => {
            const log = parseRuntimeLog(args);
            if (log) diagnostics.push(log);
            else fallback(...args);
        };
    const detached = new Map<ProcessEvent, Listener[]>();
    for (const event of EVENTS) {
        detached.set(event, proc.listeners(event) as Listener[]);
        proc.removeAllListeners(event);
        proc.on(event, collect);
    }
    console.warn = capture(original.warn);
    console.error = capture(original.error);
    let result: T | undefined;
    let thrown: { error: unknown } | undefined;
    try {
        try {
            result = await body();
        } catch (error) {
            thrown = { error };
        }
        // Even after a failure, let the registrations already under way finish, then give Node a turn
        // to report the rejections nobody handled, so none escapes after this returns.
        try {
            await settle();
        } catch (error) {
            collect(error);
        }
        await new Promise((resolve) => setImmediate(resolve));
    } finally {
        console.warn = original.warn;
        console.error = original.error;
        for (const event of EVENTS) {
            proc.removeListener(event, collect);
            const current = proc.listeners(event);
            for (const listener of detached.get(event) ?? []) if (!current.includes(listener)) proc.on(event, listener);
        }
    }
    return { result, thrown, asyncErrors, diagnostics };
}
