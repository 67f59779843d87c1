/**
 * The Pulumi runtime wraps every promise it creates (each output property of each resource: tens of
 * thousands in a stack) in `debuggablePromise`, which records `new Error().stack` on it. That stack is
 * read only to print leaked promises when `PULUMI_DEBUG_PROMISE_LEAKS` is set; capturing and formatting
 * it was a third of a prod plan's CPU. Without that variable, the wrapper below records it with
 * `Error.stackTraceLimit = 0` for the length of that one call: nothing else changes, and errors the
 * program throws keep their whole stack.
 *
 * An optimisation only: when the runtime no longer has the function, nothing is patched.
 */
import { createRequire } from "node:module";

const PATCHED = Symbol.for("aws-platform.testing.promiseStacks");

interface Debuggable {
    debuggablePromise?: (...args: unknown[]) => unknown;
    /** `!!process.env.PULUMI_DEBUG_PROMISE_LEAKS`, read by the runtime at load. */
    debugPromiseLeaks?: boolean;
    [PATCHED]?: true;
}

function debuggableModule(): Debuggable | undefined {
    try {
        return createRequire(require.resolve("@pulumi/pulumi"))("@pulumi/pulumi/runtime/debuggable");
    } catch {
        return undefined;
    }
}

/** Installs the wrapper once per process (the runtime calls it through its module's exports). True when it is in place. */
export function skipUnreadPromiseStacks(): boolean {
    const mod = debuggableModule();
    const original = mod?.debuggablePromise;
    if (mod === undefined || typeof original !== "function") return false;
    if (mod[PATCHED]) return true;
    mod.debuggablePromise = function debuggablePromise(this: unknown, ...args: unknown[]) {
        if (mod.debugPromiseLeaks) return original.apply(this, args);
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return original.apply(this, args);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
    mod[PATCHED] = true;
    return true;
}
