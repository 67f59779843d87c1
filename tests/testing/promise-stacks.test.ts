import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, settle } from "../../components/testing";

// The runtime modules the wrapper replaces a function of, and reads the leak candidates from (see
// components/testing/promise-stacks.ts).
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debuggablePromise(p: Promise<unknown>, ctx: string): Promise<unknown>;
    debugPromiseLeaks: boolean;
};
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates: Set<Promise<unknown>> } };

type Wrapped = Promise<unknown> & { _debugId?: unknown; _debugCtx?: unknown; _debugStackTrace?: string };

describe("promise stacks under the mock engine", () => {
    before(() => {
        installMocks();
        // The runtime's own function handles the first promise (it installs the exit-time leak check).
        void debuggable.debuggablePromise(Promise.resolve(0), "first");
    });

    it("the runtime's promises record no stack, and keep their context for the leak message", async () => {
        const p: Wrapped = Promise.resolve(1);
        const wrapped = debuggable.debuggablePromise(p, "resource output");
        assert.equal(p._debugStackTrace, undefined);
        assert.equal(p._debugCtx, "resource output");
        assert.equal(typeof p._debugId, "number");
        assert.equal(await wrapped, 1);
    });

    it("a promise is a leak candidate until it settles, resolved or rejected, as the runtime tracks it", async () => {
        let resolve!: (v: number) => void;
        const pending = new Promise<number>((r) => {
            resolve = r;
        });
        const wrapped = debuggable.debuggablePromise(pending, "pending");
        assert.ok(state.getStore().leakCandidates.has(pending));
        resolve(2);
        assert.equal(await wrapped, 2);
        assert.ok(!state.getStore().leakCandidates.has(pending));

        const failing = Promise.reject(new Error("boom"));
        await assert.rejects(
            debuggable.debuggablePromise(failing, "failing"),
            (e: Error & { promise?: unknown }) => e.message === "boom" && e.promise === failing,
        );
        assert.ok(!state.getStore().leakCandidates.has(failing));
    });

    it("with PULUMI_DEBUG_PROMISE_LEAKS set, the runtime records the whole stack, as without the kit", () => {
        const previous = debuggable.debugPromiseLeaks;
        debuggable.debugPromiseLeaks = true;
        try {
            const p: Wrapped = Promise.resolve(1);
            void debuggable.debuggablePromise(p, "test");
            assert.match(p._debugStackTrace ?? "", /^Error\n {4}at /);
        } finally {
            debuggable.debugPromiseLeaks = previous;
        }
    });
});

class Thing extends pulumi.CustomResource {
    constructor(name: string) {
        super("test:index:Thing", name, { size: 3 });
    }
}

describe("what the runtime computes but the mock engine never reads", () => {
    it("a resource sends no source position or stack (the mock engine never reads them), and registers as before", async () => {
        const monitor = installMocks();
        const sent: { position: unknown; frames: number }[] = [];
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: (err: any, resp?: any) => void) => {
            sent.push({ position: req.getSourceposition(), frames: req.getStacktrace()?.getFramesList().length ?? 0 });
            return register(req, callback);
        };
        new Thing("thing");
        await settle();
        assert.deepEqual(sent, [{ position: undefined, frames: 0 }]);
        assert.deepEqual(monitor.records.get("urn:pulumi:test::aws-platform::test:index:Thing::thing")?.inputs, { size: 3 });
    });

    it("a registration's response prints as its URN, not as its serialized outputs (the runtime's debug log builds that string)", async () => {
        const monitor = installMocks();
        const printed: string[] = [];
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: (err: any, resp?: any) => void) =>
            register(req, (err: any, resp: any) => {
                printed.push(`${resp}`);
                callback(err, resp);
            });
        const thing = new Thing("printed");
        await settle();
        assert.deepEqual(printed, ["RegisterResourceResponse(urn:pulumi:test::aws-platform::test:index:Thing::printed)"]);
        assert.equal(await new Promise((resolve) => (thing as any).size.apply(resolve)), 3, "the response still carries the outputs");
    });
});
