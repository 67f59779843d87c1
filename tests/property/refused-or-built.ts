/**
 * The per-component generated bad-input property (as tests/property/bad-input.test.ts does for the
 * older components, without its survey and timing): each case breaks a copy of a valid example
 * (./mutate.ts) and the program either fails with an ArgsError before registering anything, or
 * builds; never another exception or a half-registered program.
 */
import * as assert from "node:assert";
import fc from "fast-check";
import { ArgsError } from "../../components/shared/errors";
import { Registry, installMocks, settle } from "../../components/testing";
import { Mutation, apply, componentNames, mutations } from "./mutate";

/** Runs `program` under fresh mocks: it builds, or throws an ArgsError having registered nothing. */
export async function refusedOrBuilt(program: () => unknown): Promise<void> {
    const monitor = installMocks();
    const warn = console.warn;
    console.warn = () => {};
    let error: unknown;
    try {
        try {
            program();
        } catch (e) {
            error = e;
        }
        await settle();
    } finally {
        console.warn = warn;
    }
    const registry = new Registry(monitor);
    if (error === undefined) return;
    assert.ok(error instanceof ArgsError, `not an ArgsError: ${String((error as Error)?.stack ?? error)}`);
    assert.equal(registry.size, 0, `an ArgsError after ${registry.size} registrations`);
}

/** Asserts refusedOrBuilt for `numRuns` mutated copies (structuredClone) of `examples`, from `seed`. */
export async function assertRefusedOrBuilt<A>(
    examples: readonly A[],
    construct: (name: string, args: A) => unknown,
    params: { seed: number; numRuns: number },
): Promise<void> {
    await fc.assert(
        fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
            let args: unknown = structuredClone(examples[example % examples.length]);
            for (const m of ms) args = apply(args, m);
            await refusedOrBuilt(() => construct(name as string, args as A));
        }),
        params,
    );
}
