import * as assert from "node:assert";
import type { Issue } from "../../components/shared/errors";
import { ArgsError } from "../../components/shared/errors";
import { buildFails } from "../../components/testing";

/** A bad input: the one issue it must raise (its path), what the message says, and nothing registered. */
export interface Refusal<A> {
    title: string;
    args: A;
    path: string;
    message: RegExp;
}

/**
 * One `it` per case: `validate` reports exactly that path, with a message (value, message and what is
 * allowed) matching `message`; building the component throws its ArgsError before registering anything.
 */
export function itRefuses<A>(cases: Refusal<A>[], validate: (args: A) => Issue[], construct: (args: A) => unknown, heading: RegExp): void {
    itRefusesEach(
        cases.map((c) => ({ ...c, paths: [c.path] })),
        (issues) => `${JSON.stringify(issues[0].value)} ${issues[0].message}; allowed: ${issues[0].allowed}`,
        validate,
        construct,
        heading,
    );
}

/** A bad input that raises several issues: their paths in order, and what their messages say together. */
export interface MultiRefusal<A> {
    title: string;
    args: A;
    paths: string[];
    message: RegExp;
}

/**
 * One `it` per case: `validate` reports exactly those paths, in order, with messages (message and what is
 * allowed, joined with " | ") matching `message`; building the component throws its ArgsError before
 * registering anything.
 */
export function itRefusesAll<A>(cases: MultiRefusal<A>[], validate: (args: A) => Issue[], construct: (args: A) => unknown, heading: RegExp): void {
    itRefusesEach(cases, (issues) => issues.map((i) => `${i.message}; allowed: ${i.allowed}`).join(" | "), validate, construct, heading);
}

/** `text(issues)` is what a case's `message` must match. */
function itRefusesEach<A>(
    cases: MultiRefusal<A>[],
    text: (issues: Issue[]) => string,
    validate: (args: A) => Issue[],
    construct: (args: A) => unknown,
    heading: RegExp,
): void {
    for (const c of cases) {
        it(c.title, async () => {
            const issues = validate(c.args);
            assert.deepEqual(
                issues.map((i) => i.path),
                c.paths,
            );
            assert.match(text(issues), c.message);
            const { error, registry } = await buildFails(() => construct(c.args));
            assert.ok(error instanceof ArgsError, String(error));
            assert.match(error.message, heading);
            assert.equal(registry.size, 0);
        });
    }
}
