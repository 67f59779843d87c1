/**
 * The Pulumi runtime wraps every promise it creates (each output property of each resource: tens of
 * thousands in a stack) in `debuggablePromise`, which records three debug fields on it with
 * `Object.defineProperty` (an id, a context and `new Error().stack`) and tracks it as a leak candidate
 * until it settles. The fields are read only to print leaked promises; the stack only when
 * `PULUMI_DEBUG_PROMISE_LEAKS` is set. Capturing and formatting the stack was a third of a prod plan's CPU,
 * and the three `defineProperty` calls another 4 %.
 *
 * Without that variable, the wrapper below does what the runtime does minus the stack: the promise is a
 * leak candidate until it settles (so the runtime still fails a run that leaks promises, at exit) and keeps
 * its id and context as plain fields for that message. The first promise still goes through the runtime's
 * own function, which installs the exit-time leak check. With the variable set, the runtime's function runs
 * unchanged. Errors the program throws keep their whole stack.
 *
 * An optimisation only: when the runtime no longer has these internals, nothing is patched.
 */
import { optionalPulumiModule } from "./internals";

const PATCHED = Symbol.for("aws-platform.testing.promiseStacks");

interface Debuggable {
    debuggablePromise?: (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
    /** `!!process.env.PULUMI_DEBUG_PROMISE_LEAKS`, read by the runtime at load. */
    debugPromiseLeaks?: boolean;
    [PATCHED]?: true;
}

interface RuntimeState {
    getStore(): { leakCandidates: Set<Promise<unknown>> };
}

function runtimeModules(): { debuggable: Debuggable; state: RuntimeState } | undefined {
    const debuggable = optionalPulumiModule("@pulumi/pulumi/runtime/debuggable");
    const state = optionalPulumiModule("@pulumi/pulumi/runtime/state");
    return debuggable && state ? { debuggable, state } : undefined;
}

/** Installs the wrapper once per process (the runtime calls it through its module's exports). True when it is in place. */
export function skipUnreadPromiseStacks(): boolean {
    const modules = runtimeModules();
    const mod = modules?.debuggable;
    const original = mod?.debuggablePromise;
    if (modules === undefined || mod === undefined || typeof original !== "function" || typeof modules.state.getStore !== "function") return false;
    if (mod[PATCHED]) return true;
    const { state } = modules;
    let ids = 0;
    let leakCheckInstalled = false;
    mod.debuggablePromise = function debuggablePromise(this: unknown, p: Promise<unknown>, ctx: unknown) {
        if (mod.debugPromiseLeaks || !leakCheckInstalled) {
            leakCheckInstalled = true;
            return original.call(this, p, ctx);
        }
        // The store's set, read when the promise settles as the runtime does (a new run replaces the set).
        const store = state.getStore();
        const fields = p as Promise<unknown> & { _debugId?: number; _debugCtx?: unknown };
        fields._debugId = ids++;
        fields._debugCtx = ctx;
        store.leakCandidates.add(p);
        // `.then().catch()` as the runtime chains them, not one `.then(f, g)`: a promise fewer would settle a tick
        // sooner and change the order in which resources register.
        return p
            .then((value) => {
                store.leakCandidates.delete(p);
                return value;
            })
            .catch((err) => {
                store.leakCandidates.delete(p);
                err.promise = p;
                throw err;
            });
    };
    mod[PATCHED] = true;
    return true;
}

const POSITIONS_PATCHED = Symbol.for("aws-platform.testing.sourcePositions");

/**
 * Every resource's constructor captures the whole call stack (`Resource.stackTrace`, with `Error.stackTraceLimit`
 * raised to Infinity) and parses it into file URLs, to send the engine the program's source position of the
 * resource; the CLI shows it in diagnostics. The mock engine never reads it (RegisterResourceRequest's
 * `sourcePosition` and `stackTrace`): under it, the capture is skipped, about 2 % of a mocked deployment's CPU.
 * Installed once per process, with the mock engine; true when it is in place.
 */
export function skipUnreadSourcePositions(): boolean {
    const resource = pulumiResourceClass();
    if (resource === undefined || typeof resource.stackTrace !== "function") return false;
    if (resource[POSITIONS_PATCHED]) return true;
    resource.stackTrace = () => [];
    resource[POSITIONS_PATCHED] = true;
    return true;
}

function pulumiResourceClass(): { stackTrace?: (skip: number) => unknown[]; [POSITIONS_PATCHED]?: true } | undefined {
    return optionalPulumiModule("@pulumi/pulumi/resource")?.Resource;
}
