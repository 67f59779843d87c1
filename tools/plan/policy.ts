/**
 * The plan's policy step: runs the project's policy pack (components/policies) offline over the resources the plan
 * recorded, as `pulumi preview --policy-pack policy` would, and renders the report printed and written to
 * `out/<stack>/policy.json`.
 */
import { checkPolicies, PACK_NAME, type PolicyCheck, type PolicyException, type PolicyInput, RULES, type Rule } from "../../components/policies";
import { EXCEPTIONS } from "../../policy/exceptions";

export interface PlanPolicyOptions {
    /** Default: every rule of the pack. */
    rules?: readonly Rule[];
    /** Default: `policy/exceptions.ts` with the pack's rules, none with other rules. */
    exceptions?: readonly PolicyException[];
}

/** `out/<stack>/policy.json`. */
export interface PolicyReport {
    pack: string;
    stack: string;
    /** How many rules the pack has. */
    rules: number;
    resourcesChecked: number;
    mandatory: number;
    advisory: number;
    policies: {
        name: string;
        level: string;
        severity: string;
        control: Rule["control"];
        /** Resources (for a stack rule: stacks) the rule was evaluated on. */
        evaluated: number;
        violations: { urn: string; type: string; name: string; message: string }[];
    }[];
    /** Findings suppressed by an accepted exception. */
    exceptions: { policy: string; resource: string; urn: string; reason: string }[];
    /** Exceptions for this stack that suppressed nothing: remove them. */
    staleExceptions: PolicyException[];
    /** Rules that read a value unknown during preview (a real preview reports them as advisory). */
    unknowns: PolicyCheck["unknowns"];
}

export interface PlanPolicy {
    check: PolicyCheck;
    report: PolicyReport;
    /** What the plan prints. */
    text: string;
}

/** Evaluates the pack over a plan's resources. */
export async function planPolicies(resources: readonly PolicyInput[], stack: string, options: PlanPolicyOptions = {}): Promise<PlanPolicy> {
    const rules = options.rules ?? RULES;
    const exceptions = options.exceptions ?? (options.rules === undefined ? EXCEPTIONS : []);
    const check = await checkPolicies(resources, { rules, exceptions });
    const byName = new Map(rules.map((r) => [r.name, r]));
    const report: PolicyReport = {
        pack: PACK_NAME,
        stack,
        rules: rules.length,
        resourcesChecked: check.resourcesChecked,
        mandatory: check.mandatory,
        advisory: check.advisory,
        policies: check.policies.map((p) => ({
            name: p.name,
            level: p.level,
            severity: byName.get(p.name)?.severity ?? "",
            control: byName.get(p.name)?.control ?? { url: "" },
            evaluated: p.evaluated,
            violations: p.violations.map(({ urn, type, name, message }) => ({ urn, type, name, message })),
        })),
        exceptions: check.exceptionUses
            .filter((u) => u.messages.length > 0)
            .map((u) => ({ policy: u.exception.policy, resource: u.exception.resource, urn: u.urn, reason: u.exception.reason })),
        staleExceptions: check.staleExceptions,
        unknowns: check.unknowns,
    };
    return { check, report, text: renderPolicyReport(report) };
}

/** The summary line, then one entry per violation (level, rule, resource, what to fix), stale exceptions and unknowns. */
export function renderPolicyReport(report: PolicyReport): string {
    const violations = report.policies.flatMap((p) => p.violations.map((v) => ({ ...v, policy: p.name, level: p.level })));
    const order = (level: string) => (level === "mandatory" ? 0 : 1);
    violations.sort((a, b) => order(a.level) - order(b.level) || a.policy.localeCompare(b.policy) || a.urn.localeCompare(b.urn));
    const lines = [
        `Policies: ${report.rules} rules, ${report.resourcesChecked} resources checked: ${report.mandatory} mandatory, ${report.advisory} advisory violations, ${report.exceptions.length} accepted exceptions`,
        ...violations.flatMap((v) => [
            `    ${v.level.padEnd(9)} ${v.policy}  ${v.type}::${v.name}`,
            // The message is the rule's description, a newline, then what was found and the fix.
            ...v.message.split("\n").map((line) => `        ${line}`),
        ]),
        ...report.staleExceptions.map((e) => `    stale exception: ${e.policy} on ${e.resource} suppressed nothing in stack ${report.stack}; remove it`),
        ...report.unknowns.map((u) => `    unknown: ${u.message}`),
    ];
    return `${lines.join("\n")}\n`;
}
