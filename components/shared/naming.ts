import { createHash } from "node:crypto";
import { AUTO_NAME_RANDOM_LENGTH, NAME_RULES, NameRule } from "./limits/names";

/**
 * Child resource names are `${parent}-${role}` in kebab-case: the role is the same word in the logical
 * name, the `transform` key and the `resources` key, so a reader can find a child from any of them.
 * A child whose physical name has a limit passes it through `fitName` (below).
 */
export function childName(parent: string, ...roles: string[]): string {
    return [parent, ...roles].join("-");
}

/** The component's type token, `aws-platform:<module>:<Name>`: never changed once published. */
export function typeToken(module: string, name: string): string {
    return `aws-platform:${module}:${name}`;
}

/** A Pulumi type token, or a resource class (`aws.lb.TargetGroup`), which carries its token at run time. */
export type ResourceType = string | (abstract new (...args: any[]) => object);

function tokenOf(type: ResourceType): string {
    if (typeof type === "string") return type;
    // Every @pulumi/aws resource class has a static `__pulumiType` (not in its typings).
    const token = (type as unknown as { __pulumiType?: unknown }).__pulumiType;
    if (typeof token !== "string") throw new Error(`internal: ${type.name} has no __pulumiType`);
    return token;
}

/** The physical-name rule of a resource type (undefined when its name has no limit we know of). */
export function nameRule(type: ResourceType): NameRule | undefined {
    return NAME_RULES[tokenOf(type)];
}

/** The provider refused a physical name: at auto-naming, in its validator, or (`create`) AWS at creation. */
export class PhysicalNameError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PhysicalNameError";
    }
}

/**
 * The value pulumi-aws gives the rule's property when the program leaves it unset: the logical
 * name (lower-cased where the provider does so), `-`, `suffix` (7 hex), then `.fifo` or the
 * `alias/` prefix where the provider adds them. Throws the provider's own error when the name is
 * too long: the bridge checks `<name>-` plus 7 random characters against its maximum and never
 * truncates.
 */
export function providerAutoName(type: ResourceType, logicalName: string, suffix: string, inputs: Record<string, unknown> = {}): string {
    const token = tokenOf(type);
    const rule = NAME_RULES[token];
    if (!rule?.autoNameMax) return `${logicalName}-${suffix}`;
    const prefix = `${rule.autoNameLowerCase ? logicalName.toLowerCase() : logicalName}-`;
    if (prefix.length + AUTO_NAME_RANDOM_LENGTH > rule.autoNameMax) {
        throw new PhysicalNameError(
            `could not make instance of '${token}': name '${prefix}' plus ${AUTO_NAME_RANDOM_LENGTH} random chars is longer than maximum length ${rule.autoNameMax}`,
        );
    }
    let value = `${prefix}${suffix}`;
    if (rule.fifoProperty && inputs[rule.fifoProperty] === true) value += ".fifo";
    if (rule.autoNamePrefix && !value.startsWith(rule.autoNamePrefix)) value = `${rule.autoNamePrefix}${value}`;
    return value;
}

/**
 * What the provider's validator (or AWS, for `reservedAt: "create"`) says about a physical name, in
 * its words; empty when the name is accepted.
 */
export function nameProblems(type: ResourceType, value: string, inputs: Record<string, unknown> = {}): string[] {
    const rule = nameRule(type);
    if (!rule) return [];
    const p = rule.property;
    const problems: string[] = [];
    const fifo = rule.fifoProperty !== undefined && inputs[rule.fifoProperty] === true;
    const body = fifo && value.endsWith(".fifo") ? value.slice(0, -".fifo".length) : value;
    if (value.length < rule.min || value.length > rule.max) {
        problems.push(`expected length of ${p} to be in the range (${rule.min} - ${rule.max}), got ${value} (${value.length} characters)`);
    }
    if (!rule.pattern.test(body)) problems.push(`invalid value for ${p} (${rule.allowed}), got ${value}`);
    if (fifo && !value.endsWith(".fifo")) problems.push(`invalid value for ${p} (a FIFO name ends in ".fifo"), got ${value}`);
    if (rule.noEdgeHyphen && value.startsWith("-")) problems.push(`"${p}" cannot begin with a hyphen: "${value}"`);
    if (rule.noEdgeHyphen && value.endsWith("-")) problems.push(`"${p}" cannot end with a hyphen: "${value}"`);
    const reserved = rule.reservedPrefixes?.find((r) => value.toLowerCase().startsWith(r));
    if (reserved) {
        problems.push(
            rule.reservedAt === "create"
                ? `${p} "${value}" begins with "${reserved}", which AWS reserves: creating the resource fails (InvalidParameterException)`
                : `"${p}" cannot begin with "${reserved}": "${value}"`,
        );
    }
    return problems;
}

/** Six hex characters of the full name: two names that had to change never share a result. */
const HASH_LENGTH = 6;

function hashOf(name: string): string {
    return createHash("sha256").update(name).digest("hex").slice(0, HASH_LENGTH);
}

/** A stand-in for the provider's random suffix: hex digits are in every rule's character set. */
const SAMPLE_SUFFIX = "0".repeat(AUTO_NAME_RANDOM_LENGTH);

/** Whether `logicalName` (auto-named) or `value` (given explicitly) is accepted by the provider. */
function fits(type: ResourceType, rule: NameRule, candidate: string, explicit: boolean): boolean {
    if (explicit || rule.autoNameMax === undefined) return nameProblems(type, candidate).length === 0;
    try {
        return nameProblems(type, providerAutoName(type, candidate, SAMPLE_SUFFIX)).length === 0;
    } catch {
        return false;
    }
}

/** Only characters the rule allows, single separators, none at either end. */
function clean(rule: NameRule, name: string): string {
    let s = rule.lowerCase ? name.toLowerCase() : name;
    s = [...s].map((c) => (rule.char.test(c) ? c : "-")).join("");
    const separators = rule.lowerCase ? /[._-]{2,}/g : /-{2,}/g;
    return s.replace(separators, "-").replace(/^[._-]+|[._-]+$/g, "");
}

/**
 * At most `length` characters of `s`, keeping whole words (split on `-`): the first word (the
 * component), then as many words from the end as fit (the role and the key that tell siblings
 * apart), then words after the first; the middle is dropped, as AWS CDK keeps a long name's start
 * and end.
 */
function keepEnds(s: string, length: number): string {
    if (s.length <= length) return s;
    const words = s.split("-").filter(Boolean);
    if (words.length < 2 || words[0].length >= length) return s.slice(0, length);
    const head = [words[0]];
    const tail: string[] = [];
    const within = (h: string[], t: string[]) => [...h, ...t].join("-").length <= length;
    let front = 1;
    let back = words.length - 1;
    while (front <= back && within(head, [words[back], ...tail])) tail.unshift(words[back--]);
    while (front <= back && within([...head, words[front]], tail)) head.push(words[front++]);
    return [...head, ...tail].join("-");
}

/**
 * A name for a child whose physical name has a limit (target group 32, IAM role 64, schedule 64 of
 * `[0-9A-Za-z_.-]`, ECR lower case, capacity provider not starting with `aws`/`ecs`/`fargate`, …;
 * see `limits/names.ts`).
 *
 * - Auto-named types (the default): returns a Pulumi logical name that the provider accepts once it
 *   appends `-<7 hex>`. Pass the result as the resource's name.
 * - `{ explicit: true }`: returns a value for the name property itself (task definition `family`).
 *
 * A name that already fits is returned unchanged, so upgrading renames (and replaces) nothing that
 * deploys today. Any other name becomes its allowed characters, cut to whole words from its start
 * and its end when too long, plus `-` and a hash of the whole original name (AWS CDK's
 * `Names.uniqueResourceName` also keeps the start and the end and adds a hash): readable, stable
 * across runs, and unique within the component, because two different names that had to change
 * differ in their hash (24 bits). With that, every name can be made to
 * fit, so nothing is refused here; a result that still does not fit is a defect in the table.
 */
export function fitName(name: string, type: ResourceType, options: { explicit?: boolean } = {}): string {
    const rule = nameRule(type);
    if (!rule) return name;
    const explicit = options.explicit === true;
    if (fits(type, rule, name, explicit)) return name;
    const hash = hashOf(name);
    let human = clean(rule, name);
    // Checked as the provider will see it: the KMS alias prefix comes before the name.
    const seen = `${explicit ? "" : (rule.autoNamePrefix ?? "")}${human}`.toLowerCase();
    const reserved = rule.reservedPrefixes?.some((r) => seen.startsWith(r) || human.toLowerCase().startsWith(r));
    if (reserved) human = `${rule.escapePrefix ?? "x-"}${human}`;
    if (rule.letterFirst && !/^[A-Za-z]/.test(human)) human = `${rule.escapePrefix ?? "x-"}${human}`;
    for (let length = human.length; length >= 0; length--) {
        const part = keepEnds(human, length).replace(/[._-]+$/, "");
        const candidate = part ? `${part}-${hash}` : hash;
        if (fits(type, rule, candidate, explicit)) return candidate;
    }
    throw new Error(`internal: no ${tokenOf(type)} name fits ${JSON.stringify(name)} (${rule.source})`);
}
