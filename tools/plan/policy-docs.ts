/**
 * The README's list of the policy pack's rules and accepted exceptions, generated from the rules and
 * `policy/exceptions.ts` so that it cannot drift: the block between `<!-- policy-rules:start -->` and
 * `<!-- policy-rules:end -->` (tests/tools/policy-docs.test.ts compares it; `UPDATE_README=1` rewrites it).
 */
import type { PolicyException, Rule } from "../../components/policies";

export const POLICY_DOCS_START = "<!-- policy-rules:start -->";
export const POLICY_DOCS_END = "<!-- policy-rules:end -->";

/** A table cell: pipes escaped, line breaks folded. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

function control(rule: Rule): string {
    const { fsbp, cdkNag = [], url } = rule.control;
    const ids = cdkNag.map((id) => `\`${id}\``);
    return [fsbp ? `[FSBP ${fsbp}](${url})` : `[AWS docs](${url})`, ...ids].join(", ");
}

/** The markdown between the markers (markers excluded): the rules table, then the exceptions table. */
export function renderPolicyDocs(rules: readonly Rule[], exceptions: readonly PolicyException[]): string {
    const count = (level: string) => rules.filter((r) => r.enforcementLevel === level).length;
    const sorted = [...rules].sort((a, b) => a.name.localeCompare(b.name));
    const lines = [
        `**${rules.length} rules** (${count("mandatory")} mandatory, ${count("advisory")} advisory). "prod only" rules apply to the production stacks (\`prod\`, \`production\`).`,
        "",
        "| Rule | Level | Control | A compliant resource |",
        "| --- | --- | --- | --- |",
        ...sorted.map((r) => `| \`${r.name}\`${r.productionOnly ? " (prod only)" : ""} | ${r.enforcementLevel} | ${control(r)} | ${cell(r.description)} |`),
        "",
        `**${exceptions.length} accepted exceptions** (\`policy/exceptions.ts\`):`,
        "",
    ];
    if (exceptions.length === 0) return [...lines, "None."].join("\n");
    const sortedExceptions = [...exceptions].sort((a, b) => a.policy.localeCompare(b.policy) || a.resource.localeCompare(b.resource));
    return [
        ...lines,
        "| Rule | Resource | Stacks | Reason |",
        "| --- | --- | --- | --- |",
        ...sortedExceptions.map(
            (e) => `| \`${e.policy}\` | \`${e.resource}\`${e.type ? ` (\`${e.type}\`)` : ""} | ${e.stacks ? e.stacks.join(", ") : "all"} | ${cell(e.reason)} |`,
        ),
    ].join("\n");
}

/** The README with its generated block replaced; throws when the markers are missing. */
export function withPolicyDocs(readme: string, docs: string): string {
    const start = readme.indexOf(POLICY_DOCS_START);
    const end = readme.indexOf(POLICY_DOCS_END);
    if (start < 0 || end < start) throw new Error(`README has no ${POLICY_DOCS_START} … ${POLICY_DOCS_END} block`);
    return `${readme.slice(0, start + POLICY_DOCS_START.length)}\n${docs}\n${readme.slice(end)}`;
}
