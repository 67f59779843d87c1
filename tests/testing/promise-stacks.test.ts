import * as assert from "node:assert";
import { installMocks } from "../../components/testing";

// The runtime module the wrapper replaces a function of (see components/testing/promise-stacks.ts).
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debuggablePromise(p: Promise<unknown>, ctx: string): Promise<unknown>;
    debugPromiseLeaks: boolean;
};

/** The stack the runtime records on a promise it wraps (read only to print leaked promises). */
function recordedStack(): string {
    const p = Promise.resolve(1);
    void debuggable.debuggablePromise(p, "test");
    return (p as unknown as { _debugStackTrace: string })._debugStackTrace;
}

describe("promise stacks under the mock engine", () => {
    before(() => installMocks());

    it("the runtime's promises record no stack frames, and Error.stackTraceLimit is restored after each", () => {
        const limit = Error.stackTraceLimit;
        assert.equal(recordedStack(), "Error");
        assert.equal(Error.stackTraceLimit, limit);
        assert.match(new Error("mine").stack ?? "", /\n {4}at /);
    });

    it("with PULUMI_DEBUG_PROMISE_LEAKS set, the runtime records the whole stack, as without the kit", () => {
        const previous = debuggable.debugPromiseLeaks;
        debuggable.debugPromiseLeaks = true;
        try {
            assert.match(recordedStack(), /^Error\n {4}at /);
        } finally {
            debuggable.debugPromiseLeaks = previous;
        }
    });
});
