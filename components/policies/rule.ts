/**
 * How a rule of the policy pack is written, and how rules become `@pulumi/policy` policies.
 *
 * A rule is a plain object: its name (after the control it implements), its enforcement level, the
 * control it follows and a `validate` function. `toPolicies` turns rules into the policies that
 * `new PolicyPack(...)` (the pack in `policy/`), the offline runner (`npm run plan`) and the tests
 * run, adding the two things every rule shares: accepted exceptions and production-only rules.
 *
 * Only types are imported from `@pulumi/policy`: importing this module starts nothing and needs no
 * package at run time.
 */
import type {
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { nameOfUrn, stackOfUrn, typeOfUrn } from "./util";

export { stackOfUrn } from "./util";

/** What a rule may enforce: mandatory fails the preview (and the plan); advisory warns. */
export type RuleLevel = "advisory" | "mandatory";

/** The control a rule implements, so a reader can look it up. */
export interface Control {
    /** AWS Security Hub Foundational Security Best Practices control, e.g. "ECS.2". */
    fsbp?: string;
    /** cdk-nag rule ids, e.g. ["AwsSolutions-ECS2", "Serverless-LambdaDLQ"]. */
    cdkNag?: string[];
    /** The page that documents the control (or, without one, the AWS page the rule follows). */
    url: string;
}

/** What a rule knows about where it runs. */
export interface RuleContext {
    /** The stack, read from the resource's URN (`urn:pulumi:<stack>::...`). */
    stack: string;
    /** Whether the stack is one of `PolicyOptions.productionStacks`. */
    production: boolean;
}

interface RuleBase {
    /** `<service>-<FSBP number>-<check>` when an FSBP control exists (`ecs-2-no-public-ip`), else `<service>-<check>`. */
    name: string;
    /** One sentence: what a compliant resource does. Shown before every violation's message. */
    description: string;
    enforcementLevel: RuleLevel;
    severity: Severity;
    control: Control;
    /** Evaluate only in production stacks (deletion protection, WAF, flow logs). Default: every stack. */
    productionOnly?: boolean;
}

/** A rule over one resource's inputs (what `args.props` holds in the real policy server). */
export interface ResourceRule extends RuleBase {
    kind: "resource";
    /** The type tokens the rule applies to; every other resource is not applicable. */
    types: readonly string[];
    validate(props: Record<string, any>, args: ResourceValidationArgs, report: ReportViolation, context: RuleContext): void | Promise<void>;
}

/** A rule over the whole stack's outputs (joins between siblings: a bucket and its policy, a function and its log group). */
export interface StackRule extends RuleBase {
    kind: "stack";
    /** The rule is not applicable when the stack has no resource of these types. */
    types: readonly string[];
    /**
     * Receives every resource of the stack (not only `types`: joins need siblings). Report with the
     * offending resource's URN, so that exceptions and the report can name it.
     */
    validate(resources: PolicyResource[], args: StackValidationArgs, report: ReportViolation, context: RuleContext): void | Promise<void>;
}

export type Rule = ResourceRule | StackRule;

export const resourceRule = (spec: Omit<ResourceRule, "kind">): ResourceRule => ({ kind: "resource", ...spec });
export const stackRule = (spec: Omit<StackRule, "kind">): StackRule => ({ kind: "stack", ...spec });

/** A finding accepted on purpose: the rule stays, this one resource is not held to it. Listed in the README. */
export interface PolicyException {
    /** The rule's name. */
    policy: string;
    /** The resource's logical name (the last segment of its URN). */
    resource: string;
    /** Its type token, when the name alone is ambiguous. Default: any type. */
    type?: string;
    /** Only in these stacks. Default: every stack. */
    stacks?: readonly string[];
    /** Why the finding is accepted: what makes it safe, or what would fix it. */
    reason: string;
}

/** Every time an exception suppressed a finding, or would have but the resource complied. */
export interface ExceptionUse {
    exception: PolicyException;
    urn: string;
    /** The messages suppressed; empty when the resource complied (the exception is stale for it). */
    messages: string[];
}

export interface PolicyOptions {
    /** Accepted findings. Default: none. */
    exceptions?: readonly PolicyException[];
    /** Stacks whose name marks them as production. Default: `["prod", "production"]`. */
    productionStacks?: readonly string[];
    /** Called for each exception that matched a resource (used by the offline runner to list them and find stale ones). */
    onException?: (use: ExceptionUse) => void;
}

export const DEFAULT_PRODUCTION_STACKS: readonly string[] = ["prod", "production"];

export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;

/**
 * Set on a rule's `validateResource` by `toPolicies`: the types it applies to and the reason it gives every
 * other resource. The offline runner reads it to record those as not applicable without calling the
 * function (the same outcome, without an args object and a thrown error for every rule × resource);
 * the real policy server ignores it and calls the function, which checks the type itself.
 */
export const TYPE_FILTER = Symbol.for("aws-platform.policies.typeFilter");

export interface TypeFilter {
    types: ReadonlySet<string>;
    reason: string;
}

const FSBP = "AWS Foundational Security Best Practices";

/** Refuses exceptions that name no rule, or give no reason, before any policy runs. */
function checkExceptions(rules: readonly Rule[], exceptions: readonly PolicyException[]): void {
    const names = new Set(rules.map((r) => r.name));
    const problems = exceptions.flatMap((e, i) => [
        ...(names.has(e.policy) ? [] : [`exceptions[${i}].policy: "${e.policy}" is not a rule of the pack`]),
        ...(typeof e.reason === "string" && e.reason.trim().length >= 10
            ? []
            : [`exceptions[${i}].reason: give the reason the finding is accepted (at least 10 characters)`]),
        ...(typeof e.resource === "string" && e.resource !== "" ? [] : [`exceptions[${i}].resource: name the resource`]),
    ]);
    if (problems.length) throw new Error(`policy exceptions are invalid:\n  ${problems.join("\n  ")}`);
}

function exceptionFor(exceptions: readonly PolicyException[], policy: string, urn: string): PolicyException | undefined {
    const stack = stackOfUrn(urn);
    const type = typeOfUrn(urn);
    const name = nameOfUrn(urn);
    return exceptions.find(
        (e) => e.policy === policy && e.resource === name && (e.type === undefined || e.type === type) && (e.stacks === undefined || e.stacks.includes(stack)),
    );
}

/** The rules as `@pulumi/policy` policies: what `new PolicyPack(name, { policies })` and the offline runner take. */
export function toPolicies(rules: readonly Rule[], options: PolicyOptions = {}): PackPolicy[] {
    const exceptions = options.exceptions ?? [];
    const production = options.productionStacks ?? DEFAULT_PRODUCTION_STACKS;
    checkExceptions(rules, exceptions);
    const seen = new Set<string>();
    for (const rule of rules) {
        if (seen.has(rule.name)) throw new Error(`policy rules: "${rule.name}" is defined twice`);
        seen.add(rule.name);
    }
    const contextOf = (urn: string): RuleContext => ({ stack: stackOfUrn(urn), production: production.includes(stackOfUrn(urn)) });

    return rules.map((rule): PackPolicy => {
        const common = {
            name: rule.name,
            description: rule.description,
            enforcementLevel: rule.enforcementLevel,
            severity: rule.severity,
            url: rule.control.url,
            tags: [...(rule.control.fsbp ? [`fsbp:${rule.control.fsbp}`] : []), ...(rule.control.cdkNag ?? []).map((id) => `cdk-nag:${id}`)],
            ...(rule.control.fsbp ? { framework: { name: FSBP, version: "1.0.0", reference: rule.control.fsbp, specification: rule.description } } : {}),
        };
        if (rule.kind === "resource") {
            const filter: TypeFilter = { types: new Set(rule.types), reason: `applies to ${rule.types.join(", ")}` };
            const validateResource = async (args: ResourceValidationArgs, report: ReportViolation) => {
                if (!filter.types.has(args.type)) args.notApplicable(filter.reason);
                const context = contextOf(args.urn);
                if (rule.productionOnly && !context.production) args.notApplicable("applies to production stacks only");
                const exception = exceptionFor(exceptions, rule.name, args.urn);
                if (exception === undefined) return rule.validate(args.props, args, report, context);
                const messages: string[] = [];
                await rule.validate(args.props, args, (message) => messages.push(message), context);
                options.onException?.({ exception, urn: args.urn, messages });
                if (messages.length) args.notApplicable(`accepted exception: ${exception.reason}`);
            };
            return { ...common, validateResource: Object.assign(validateResource, { [TYPE_FILTER]: filter }) };
        }
        return {
            ...common,
            validateStack: async (args: StackValidationArgs, report: ReportViolation) => {
                if (!args.resources.some((r) => rule.types.includes(r.type))) args.notApplicable(`no resource of type ${rule.types.join(", ")}`);
                const context = contextOf(args.resources[0].urn);
                if (rule.productionOnly && !context.production) args.notApplicable("applies to production stacks only");
                const suppressed = new Map<string, { exception: PolicyException; messages: string[] }>();
                const filtered: ReportViolation = (message, urn) => {
                    const exception = urn === undefined ? undefined : exceptionFor(exceptions, rule.name, urn);
                    if (exception === undefined) return report(message, urn);
                    const entry = suppressed.get(urn!) ?? { exception, messages: [] };
                    entry.messages.push(message);
                    suppressed.set(urn!, entry);
                };
                await rule.validate(args.resources, args, filtered, context);
                for (const [urn, { exception, messages }] of suppressed) options.onException?.({ exception, urn, messages });
                // A stack exception whose resource complied is reported as a use without messages.
                for (const r of args.resources) {
                    const exception = exceptionFor(exceptions, rule.name, r.urn);
                    if (exception && !suppressed.has(r.urn) && rule.types.includes(r.type)) options.onException?.({ exception, urn: r.urn, messages: [] });
                }
            },
        };
    });
}
