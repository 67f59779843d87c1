/**
 * `aws-platform/policies`: the project's policy pack as plain rules, and the offline runner.
 *
 *   new PolicyPack("aws-platform", { policies: platformPolicies({ exceptions }) });   // policy/index.ts
 *   const report = await checkPolicies(registry.all(), { exceptions });                // tests, `npm run plan`
 *
 * Each rule is named after the control it implements (`ecs-2-no-public-ip` = Security Hub ECS.2)
 * and states its enforcement level. Rules read `@pulumi/aws` inputs (resource rules) or the stack's
 * outputs (stack rules), and the arguments of `eks:index:Cluster`, whose children are not visible offline.
 */
import { DATA_RULES } from "./rules/data";
import { ECS_RULES } from "./rules/ecs";
import { EDGE_RULES } from "./rules/edge";
import { EKS_RULES } from "./rules/eks";
import { IAM_RULES } from "./rules/iam";
import { NETWORK_RULES } from "./rules/network";
import { OPERATIONS_RULES } from "./rules/operations";
import { S3_RULES } from "./rules/s3";
import { SERVERLESS_RULES } from "./rules/serverless";
import { type ExceptionUse, type PackPolicy, type PolicyException, type PolicyOptions, type Rule, stackOfUrn, toPolicies } from "./rule";
import { type PolicyInput, type PolicyRunOptions, type PolicyRunResult, runPolicies } from "./runner";

export type { Control, ExceptionUse, PackPolicy, PolicyException, PolicyOptions, ResourceRule, Rule, RuleContext, RuleLevel, StackRule } from "./rule";
export { DEFAULT_PRODUCTION_STACKS, resourceRule, stackRule, toPolicies } from "./rule";
export type { Level, NotApplicable, PolicyInput, PolicyOutcome, PolicyRunOptions, PolicyRunResult, PolicyViolation } from "./runner";
export { policyResource, runPolicies } from "./runner";
export * from "./util";

/** The pack's name (`pulumi preview --policy-pack policy` reports it). */
export const PACK_NAME = "aws-platform";

/** Every rule of the pack, by service. */
export const RULES: readonly Rule[] = [
    ...ECS_RULES,
    ...NETWORK_RULES,
    ...EKS_RULES,
    ...OPERATIONS_RULES,
    ...SERVERLESS_RULES,
    ...EDGE_RULES,
    ...S3_RULES,
    ...IAM_RULES,
    ...DATA_RULES,
];

/** The pack's policies, with the given exceptions: what `policy/index.ts` passes to `PolicyPack`. */
export function platformPolicies(options: PolicyOptions = {}): PackPolicy[] {
    return toPolicies(RULES, options);
}

export interface PolicyCheck extends PolicyRunResult {
    /** The stack read from the resources' URNs. */
    stack: string;
    /** Findings suppressed by an exception (and exceptions that matched a compliant resource). */
    exceptionUses: ExceptionUse[];
    /** Exceptions for this stack that suppressed nothing: the finding is fixed, or the resource is gone. Remove them. */
    staleExceptions: PolicyException[];
}

/**
 * Runs the pack offline over the resources a build or plan recorded (`registry.all()`,
 * `evaluation.resources`). `rules` defaults to every rule of the pack.
 */
export async function checkPolicies(
    resources: readonly PolicyInput[],
    options: PolicyOptions & PolicyRunOptions & { rules?: readonly Rule[] } = {},
): Promise<PolicyCheck> {
    const uses: ExceptionUse[] = [];
    const policies = toPolicies(options.rules ?? RULES, {
        ...options,
        onException: (use) => {
            uses.push(use);
            options.onException?.(use);
        },
    });
    const result = await runPolicies(policies, resources, { pack: PACK_NAME, ...options });
    const stack = resources.length ? stackOfUrn(resources[0].urn) : "";
    const staleExceptions = (options.exceptions ?? []).filter(
        (e) => (e.stacks === undefined || e.stacks.includes(stack)) && !uses.some((u) => u.exception === e && u.messages.length > 0),
    );
    return { ...result, stack, exceptionUses: uses, staleExceptions };
}
