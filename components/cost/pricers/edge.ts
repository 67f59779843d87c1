/**
 * CloudFront distributions (requests, transfer out, Origin Shield, the Lambda@Edge functions their cache behaviors
 * trigger), CloudFront Functions, KeyValueStore reads and WAF web ACLs.
 *
 * Load split (stated in each line's note): load.cdn is split evenly over the plan's enabled distributions, and a
 * distribution's requests evenly over its cache behaviors (the default one and each path pattern), since the load
 * profile does not say which paths viewers ask for. Origin-facing events (Lambda@Edge origin-request/-response,
 * Origin Shield) run on cache misses: (1 − load.cdn.cacheHitRatio) of a behavior's requests, or all of them when the
 * behavior uses the managed CachingDisabled policy.
 */
import type { CostLine, PlanResource, PricerTable, PricingContext } from "../types";
import { dependsOn, evenly } from "./edgeops-util";
import { fmt, known, line, namedAs, num } from "./lines";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const CF_FUNCTION = "aws:cloudfront/function:Function";
const KVS = "aws:cloudfront/keyValueStore:KeyValueStore";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const LAMBDA = "aws:lambda/function:Function";
/** The managed CachingDisabled cache policy: every request goes to the origin. */
export const CACHING_DISABLED_POLICY = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
/** Lambda's default memory when the plan does not set memorySize. */
const LAMBDA_DEFAULT_MEMORY_MB = 128;

interface Behavior {
    path: string;
    inputs: Record<string, any>;
}

function behaviors(distribution: PlanResource): Behavior[] {
    const ordered = list(distribution.inputs.orderedCacheBehaviors);
    const object = (b: unknown) => (typeof b === "object" && b !== null ? (b as Record<string, any>) : {});
    return [
        { path: "default", inputs: object(distribution.inputs.defaultCacheBehavior) },
        ...ordered.map((b: any) => ({ path: String(b?.pathPattern ?? "?"), inputs: object(b) })),
    ];
}

/** A list input, or none when absent or unknown in preview. */
const list = (value: unknown): any[] => (Array.isArray(value) ? value : []);

/** A distribution's share of load.cdn: 0 when disabled, else 1 / the number of enabled distributions. */
function distributionShare(distribution: PlanResource, ctx: PricingContext): { share: number; count: number } {
    const enabled = ctx.plan.ofType(DISTRIBUTION).filter((d) => d.inputs.enabled !== false);
    return { share: enabled.some((d) => d.urn === distribution.urn) ? 1 / enabled.length : 0, count: enabled.length };
}

function behaviorRequests(distribution: PlanResource, ctx: PricingContext): number {
    return (ctx.load.cdn.requestsPerMonth * distributionShare(distribution, ctx).share) / behaviors(distribution).length;
}

function missRatio(behavior: Behavior, ctx: PricingContext): number {
    return behavior.inputs.cachePolicyId === CACHING_DISABLED_POLICY ? 1 : 1 - ctx.load.cdn.cacheHitRatio;
}

const isOriginEvent = (eventType: unknown) => typeof eventType === "string" && eventType.startsWith("origin-");

/** The physical name after the last `/` or `:` of an ARN segment, e.g. `function/name` → name. */
function arnName(arn: unknown, marker: string): string | undefined {
    if (!known(arn) || typeof arn !== "string") return undefined;
    const at = arn.lastIndexOf(marker);
    return at < 0 ? undefined : arn.slice(at + marker.length).split(":")[0];
}

/** Where a CloudFront Function runs: each (distribution, behavior, event) association, with the requests behind it. */
function functionAssociations(fn: PlanResource, ctx: PricingContext): { where: string; invocations: number }[] {
    const found: { where: string; invocations: number }[] = [];
    for (const distribution of ctx.plan.ofType(DISTRIBUTION)) {
        const perBehavior = behaviorRequests(distribution, ctx);
        for (const behavior of behaviors(distribution)) {
            for (const a of list(behavior.inputs.functionAssociations)) {
                const name = arnName(a?.functionArn, "function/");
                if (name !== undefined && namedAs(fn, name))
                    found.push({ where: `${a.eventType} on ${distribution.name} ${behavior.path}`, invocations: perBehavior });
            }
        }
    }
    return found;
}

/** Distributions that take a value from `fn` in their cache behaviors although no association's ARN names it (unknown in preview). */
function unresolvedUsers(fn: PlanResource, ctx: PricingContext): PlanResource[] {
    return ctx.plan.ofType(DISTRIBUTION).filter((d) => dependsOn(d, "defaultCacheBehavior", fn) || dependsOn(d, "orderedCacheBehaviors", fn));
}

function distributionPricer(distribution: PlanResource, ctx: PricingContext): CostLine[] {
    const { share, count } = distributionShare(distribution, ctx);
    const requests = ctx.load.cdn.requestsPerMonth * share;
    const split = share === 0 ? "disabled: no traffic" : `load.cdn ${evenly(count, "distribution")}`;
    const priceClass = known(distribution.inputs.priceClass) ? distribution.inputs.priceClass : "PriceClass_All";
    const regions =
        priceClass === "PriceClass_100"
            ? "PriceClass_100 serves from North America and Europe edges, which these rates cover"
            : `${priceClass}: viewers served from other continents cost more per request and GB`;
    const lines = [
        line(
            ctx,
            "CloudFront HTTPS requests",
            "cloudfront.https.requests",
            requests / 10_000,
            true,
            `${fmt(requests)} requests (${split}), all at the HTTPS United States rate; ${regions}`,
        ),
        line(
            ctx,
            "CloudFront data transfer out to the internet",
            "cloudfront.transferOut.gb",
            ctx.load.cdn.transferOutGB * share,
            true,
            `load.cdn.transferOutGB (${split}), first-tier United States price; transfer from AWS origins to CloudFront is free`,
        ),
    ];
    const all = behaviors(distribution);
    const perBehavior = requests / all.length;
    const origins = Array.isArray(distribution.inputs.origins) ? distribution.inputs.origins : [];
    const shielded = new Set(origins.filter((o: any) => o?.originShield?.enabled === true).map((o: any) => o.originId));
    if (shielded.size > 0) {
        const misses = all.filter((b) => shielded.has(b.inputs.targetOriginId)).reduce((sum, b) => sum + perBehavior * missRatio(b, ctx), 0);
        lines.push(
            line(
                ctx,
                "CloudFront Origin Shield requests",
                "cloudfront.originShield.requests",
                misses / 10_000,
                true,
                `cache misses of the behaviors whose origin has Origin Shield enabled (${[...shielded].join(", ")}): ${fmt(misses)} requests`,
            ),
        );
    }
    for (const behavior of all) {
        for (const a of list(behavior.inputs.lambdaFunctionAssociations)) lines.push(...lambdaEdgeLines(distribution, behavior, a, perBehavior, ctx));
    }
    return lines;
}

/** The Lambda function an association's ARN names (…:function:<name>:<version>), or the only one the distribution references. */
function edgeFunction(distribution: PlanResource, lambdaArn: unknown, ctx: PricingContext): PlanResource | undefined {
    const name = arnName(lambdaArn, "function:");
    const functions = ctx.plan.ofType(LAMBDA);
    const byName = name === undefined ? undefined : functions.find((f) => namedAs(f, name));
    if (byName !== undefined) return byName;
    const referenced = functions.filter((f) => dependsOn(distribution, "orderedCacheBehaviors", f) || dependsOn(distribution, "defaultCacheBehavior", f));
    return referenced.length === 1 ? referenced[0] : undefined;
}

function lambdaEdgeLines(distribution: PlanResource, behavior: Behavior, association: any, perBehavior: number, ctx: PricingContext): CostLine[] {
    const event = String(association?.eventType ?? "?");
    const fn = edgeFunction(distribution, association?.lambdaArn, ctx);
    const ratio = isOriginEvent(event) ? missRatio(behavior, ctx) : 1;
    const invocations = perBehavior * ratio;
    const override = fn === undefined ? undefined : (ctx.load.functions[fn.name] ?? ctx.load.functions[ctx.plan.byUrn(fn.parent ?? "")?.name ?? ""]);
    const durationMs = Math.ceil(num(override?.averageDurationMs) ?? ctx.load.lambda.averageDurationMs);
    const memoryMb = num(fn?.inputs.memorySize) ?? LAMBDA_DEFAULT_MEMORY_MB;
    const label = `${fn?.name ?? "function unknown in preview"}, ${event} on ${behavior.path}`;
    const why = isOriginEvent(event)
        ? behavior.inputs.cachePolicyId === CACHING_DISABLED_POLICY
            ? "every request of the behavior (CachingDisabled)"
            : `the behavior's cache misses (1 − cacheHitRatio ${ctx.load.cdn.cacheHitRatio})`
        : "every viewer request of the behavior";
    return [
        line(ctx, `Lambda@Edge requests (${label})`, "lambdaEdge.requests", invocations / 1e6, true, `${fmt(invocations)} invocations: ${why}`),
        line(
            ctx,
            `Lambda@Edge GB-seconds (${label})`,
            "lambdaEdge.gbSecond",
            invocations * (durationMs / 1000) * (memoryMb / 1024),
            true,
            `${fmt(invocations)} × ${durationMs} ms × ${memoryMb} MB${fn === undefined ? " (Lambda's default memory)" : ""}`,
        ),
    ];
}

function cloudFrontFunctionPricer(fn: PlanResource, ctx: PricingContext): CostLine[] {
    const associations = functionAssociations(fn, ctx);
    if (associations.length === 0) {
        const users = unresolvedUsers(fn, ctx);
        if (users.length === 0) return [];
        return [
            line(
                ctx,
                "CloudFront Functions invocations",
                "cloudfront.functions.invocations",
                0,
                true,
                `associated with ${users.map((d) => d.name).join(", ")}, but which cache behaviors use it is unknown in preview: not estimated`,
            ),
        ];
    }
    const invocations = associations.reduce((sum, a) => sum + a.invocations, 0);
    return [
        line(
            ctx,
            "CloudFront Functions invocations",
            "cloudfront.functions.invocations",
            invocations / 1e6,
            true,
            `${fmt(invocations)} invocations: one per viewer request of each association (${associations.map((a) => a.where).join("; ")})`,
        ),
    ];
}

function keyValueStorePricer(store: PlanResource, ctx: PricingContext): CostLine[] {
    const readers = ctx.plan.ofType(CF_FUNCTION).filter((fn) => dependsOn(fn, "keyValueStoreAssociations", store));
    const reads = readers.reduce((sum, fn) => sum + functionAssociations(fn, ctx).reduce((s, a) => s + a.invocations, 0), 0);
    return [
        line(
            ctx,
            "CloudFront KeyValueStore reads",
            "cloudfront.kvs.reads",
            reads / 1e6,
            true,
            `assumed one read per invocation of each function associated with the store (${readers.map((f) => f.name).join(", ") || "none"})`,
        ),
    ];
}

/** Managed rule groups with a subscription fee on top of the rule price (not in the price table). */
const PAID_RULE_GROUPS = /BotControl|ATP|ACFP|AntiDDoS/;

/** The ACL's rules: `rules`, or the `ruleJson` string the provider also accepts. */
function webAclRules(acl: PlanResource): any[] {
    if (Array.isArray(acl.inputs.rules) && acl.inputs.rules.length > 0) return acl.inputs.rules;
    if (known(acl.inputs.ruleJson) && typeof acl.inputs.ruleJson === "string") {
        try {
            return list(JSON.parse(acl.inputs.ruleJson));
        } catch {
            return [];
        }
    }
    return [];
}

function webAclPricer(acl: PlanResource, ctx: PricingContext): CostLine[] {
    const rules = webAclRules(acl);
    const paid = rules.map((r) => r?.statement?.managedRuleGroupStatement?.name).filter((n) => typeof n === "string" && PAID_RULE_GROUPS.test(n));
    const lines = [
        line(ctx, "WAF web ACL", "waf.webAcl.month", 1, false),
        line(
            ctx,
            "WAF rules and rule groups",
            "waf.rule.month",
            rules.length,
            false,
            `${rules.length} rules (${rules.map((r) => r?.name).join(", ")})${paid.length ? `; ${paid.join(", ")} also carry subscription and request fees not estimated here` : ""}`,
        ),
    ];
    if (acl.inputs.scope === "CLOUDFRONT") {
        const protectedDistributions = ctx.plan.ofType(DISTRIBUTION).filter((d) => {
            if (dependsOn(d, "webAclId", acl)) return true;
            const name = arnName(d.inputs.webAclId, "/");
            return name !== undefined && namedAs(acl, name);
        });
        const requests = protectedDistributions.reduce((sum, d) => sum + ctx.load.cdn.requestsPerMonth * distributionShare(d, ctx).share, 0);
        lines.push(
            line(
                ctx,
                "WAF requests inspected",
                "waf.requests",
                requests / 1e6,
                true,
                `the viewer requests of ${protectedDistributions.map((d) => d.name).join(", ") || "no distribution in the plan"}`,
            ),
        );
    } else {
        lines.push(
            line(
                ctx,
                "WAF requests inspected",
                "waf.requests",
                0,
                true,
                "regional web ACL: the associated resources' requests are not estimated (load profile has no per-resource split)",
            ),
        );
    }
    return lines;
}

export const EDGE_PRICERS: PricerTable = {
    [DISTRIBUTION]: distributionPricer,
    [CF_FUNCTION]: cloudFrontFunctionPricer,
    [KVS]: keyValueStorePricer,
    [WEB_ACL]: webAclPricer,
};
