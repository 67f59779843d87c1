/**
 * What the serverless pricers share: joining a resource to the resource an ARN or a property names, and what carries
 * the load profile's messages. Lines, plan numbers and formatting are ./lines.ts's.
 */
import type { PlanIndex, PlanResource, PricingContext } from "../types";
import { isUnknown, known, namedAs } from "./lines";

export const UNKNOWN_NOTE = "unknown in preview: priced as 0";

/**
 * Whether `value` (an ARN or name) names `target`: its explicit physical name, or the auto-name Pulumi derives
 * from the logical name (`<name>-<7 hex>`), as the last `:`/`/` segment of an ARN (a Lambda ARN may end in a
 * qualifier, `function:<name>:live`).
 */
export function namesResource(value: unknown, target: PlanResource, segment?: RegExp): boolean {
    if (typeof value !== "string" || isUnknown(value)) return false;
    let name: string | undefined;
    if (segment) name = segment.exec(value)?.[1];
    else
        name = value
            .split(/[:/]/)
            .filter((s) => s !== "")
            .pop();
    if (name === undefined) return false;
    return namedAs(target, name) || (!known(target.inputs?.name) && name === target.name);
}

/** The Lambda function name inside a function ARN, an invocation URI or a qualified ARN. */
export const LAMBDA_ARN_NAME = /:function:([^:/]+)/;

/**
 * Whether `resource`'s `property` points at `target`: through the plan's property dependencies (directly, or via
 * a resource that itself depends on the target, such as an alias), else by the name in `value`.
 */
export function pointsAt(ctx: PricingContext, resource: PlanResource, property: string, value: unknown, target: PlanResource, segment?: RegExp): boolean {
    const deps = resource.propertyDependencies?.[property];
    if (deps !== undefined && deps.length > 0) {
        if (deps.includes(target.urn)) return true;
        for (const dep of ctx.plan.referenced(resource, property)) {
            if (dep.type === "aws:lambda/alias:Alias" && (dep.propertyDependencies?.functionName ?? []).includes(target.urn)) return true;
        }
    }
    return namesResource(value, target, segment);
}

const FAILURE_ARNS = new WeakMap<PlanIndex, Set<string>>();

/**
 * SQS queue ARNs the plan uses as failure destinations (dead-letter queues, on-failure destinations): they receive
 * only failed messages, which the load profile does not count.
 */
export function failureDestinationArns(ctx: PricingContext): Set<string> {
    const cached = FAILURE_ARNS.get(ctx.plan);
    if (cached) return cached;
    const out = new Set<string>();
    FAILURE_ARNS.set(ctx.plan, out);
    const walk = (value: unknown, failure: boolean) => {
        if (typeof value === "string") {
            if (failure && value.startsWith("arn:")) out.add(value);
            if (value.startsWith("{") && value.includes("deadLetterTargetArn")) {
                try {
                    walk(JSON.parse(value), false);
                } catch {
                    // not JSON after all
                }
            }
            return;
        }
        if (Array.isArray(value)) {
            for (const v of value) walk(v, failure);
            return;
        }
        if (value !== null && typeof value === "object") {
            for (const [k, v] of Object.entries(value)) walk(v, failure || /deadLetter|onFailure/i.test(k));
        }
    };
    for (const r of ctx.plan.resources) walk(r.inputs, false);
    return out;
}

/** SNS subscription protocols that carry application messages (email/SMS subscribers get notifications). */
const APP_PROTOCOLS = new Set(["sqs", "lambda", "http", "https", "firehose", "application"]);

/**
 * What `load.messages.perMonth` is split over, evenly: SQS queues that are not failure destinations, SNS topics
 * with an application subscriber (SQS, Lambda, HTTP(S), Firehose) and custom EventBridge buses. Alarm topics with
 * email subscribers and dead-letter queues carry what goes wrong, not the workload.
 */
export function messageCarriers(ctx: PricingContext): PlanResource[] {
    const failures = failureDestinationArns(ctx);
    const queues = ctx.plan.ofType("aws:sqs/queue:Queue").filter((q) => ![...failures].some((arn) => namesResource(arn, q)));
    const subscriptions = ctx.plan.ofType("aws:sns/topicSubscription:TopicSubscription");
    const topics = ctx.plan
        .ofType("aws:sns/topic:Topic")
        .filter((t) => subscriptions.some((s) => APP_PROTOCOLS.has(s.inputs?.protocol) && pointsAt(ctx, s, "topic", s.inputs?.topic, t)));
    const buses = ctx.plan.ofType("aws:cloudwatch/eventBus:EventBus").filter((b) => b.inputs?.name !== "default");
    return [...queues, ...topics, ...buses];
}
