/**
 * What the rule tests (tests/policies/*.test.ts) share: a rule by name, and the violations of some rules over
 * resources placed in a stack (production-only rules and stack-scoped exceptions read the stack from the URN).
 */
import * as assert from "node:assert";
import { type PolicyInput, type PolicyViolation, type Rule, checkPolicies } from "../../components/policies";

/** The rule of `rules` named `name`; fails the test when there is none. */
export function ruleNamed(rules: readonly Rule[], name: string): Rule {
    const found = rules.find((r) => r.name === name);
    assert.ok(found, `no rule ${name}`);
    return found;
}

/** The resources with their URNs moved to `stack`. */
export const inStack = (resources: readonly PolicyInput[], stack: string): PolicyInput[] =>
    resources.map((x) => ({ ...x, urn: x.urn.replace(/^urn:pulumi:[^:]+::/, `urn:pulumi:${stack}::`) }));

/** The violations of `rules` over `resources` (in `stack` when given); none of them may read an unknown value. */
export async function violationsOf(rules: readonly Rule[], resources: readonly PolicyInput[], stack?: string): Promise<PolicyViolation[]> {
    const result = await checkPolicies(stack === undefined ? resources : inStack(resources, stack), { rules });
    assert.deepStrictEqual(result.unknowns, []);
    return result.violations;
}

/** A violation's message without the rule's description (the first line). */
export const detailOf = (v: PolicyViolation): string => v.message.split("\n").slice(1).join(" ");

/** The violations of `rules` as `{ policy, name, message }`, the message without the description. */
export async function detailedViolations(
    rules: readonly Rule[],
    resources: readonly PolicyInput[],
): Promise<{ policy: string; name: string; message: string }[]> {
    return (await violationsOf(rules, resources)).map((v) => ({ policy: v.policy, name: v.name, message: detailOf(v) }));
}

/** Exactly one violation of `rule`, on the resource named `resource`, whose message matches `fragment`. */
export async function expectOneViolation(rule: Rule, resources: readonly PolicyInput[], resource: string, fragment: RegExp): Promise<void> {
    const found = await detailedViolations([rule], resources);
    assert.strictEqual(found.length, 1, JSON.stringify(found));
    assert.strictEqual(found[0].policy, rule.name);
    assert.strictEqual(found[0].name, resource);
    assert.match(found[0].message, fragment);
}

/** `[policy, resource name, message]` of every violation of `rule`, by resource name (one resource's in report order). */
export async function findingsByResource(rule: Rule, resources: readonly PolicyInput[]): Promise<[string, string, string][]> {
    return (await detailedViolations([rule], resources))
        .map((v): [string, string, string] => [v.policy, v.name, v.message])
        .sort((a, b) => a[1].localeCompare(b[1]));
}

/** How many resources `rule` was evaluated on (not skipped by type, not "not applicable"). */
export async function evaluatedOn(rule: Rule, resources: readonly PolicyInput[]): Promise<number> {
    return (await checkPolicies(resources, { rules: [rule] })).policies[0].evaluated;
}
