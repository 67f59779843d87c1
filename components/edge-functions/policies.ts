import * as cloudfront from "@pulumi/aws/cloudfront";
import type * as pulumi from "@pulumi/pulumi";
import { CLOUDFRONT_LIMITS, MANAGED_CACHE_POLICY_IDS, MANAGED_ORIGIN_REQUEST_POLICY_IDS } from "../shared/limits/cloudfront";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { ValueSelection } from "./args";
import type { Ctx } from "./context";
import { type ResolvedCachePolicy, type ResolvedOriginRequestPolicy, allBehaviors } from "./defaults";

export interface PolicyResources {
    /** The cache policies the component creates, by key. */
    cachePolicies: Record<string, cloudfront.CachePolicy>;
    /** The origin request policies the component creates, by key. */
    originRequestPolicies: Record<string, cloudfront.OriginRequestPolicy>;
    /** The security headers, when a behavior uses them. */
    responseHeadersPolicy?: cloudfront.ResponseHeadersPolicy;
}

/** CloudFront's words for a selection: `none`, `all`, or `whitelist` with the names. */
function selection(s: ValueSelection, all = "all"): { behavior: string; items?: string[] } {
    if (s === "none") return { behavior: "none" };
    if (s === "all") return { behavior: all };
    return { behavior: "whitelist", items: s };
}

function cachePolicyArgs(key: string, name: string, p: ResolvedCachePolicy): cloudfront.CachePolicyArgs {
    const cookies = selection(p.cookies);
    const queryStrings = selection(p.queryStrings);
    // CloudFront refuses Accept-Encoding normalization when nothing is cached (all TTLs 0): compression needs the cache.
    const encodings = p.maxTtlSeconds > 0;
    return {
        comment: `${key} of ${name}`.slice(0, CLOUDFRONT_LIMITS.commentChars),
        defaultTtl: p.defaultTtlSeconds,
        minTtl: p.minTtlSeconds,
        maxTtl: p.maxTtlSeconds,
        parametersInCacheKeyAndForwardedToOrigin: {
            cookiesConfig: { cookieBehavior: cookies.behavior, cookies: cookies.items && { items: cookies.items } },
            headersConfig: { headerBehavior: p.headers.length > 0 ? "whitelist" : "none", headers: p.headers.length > 0 ? { items: p.headers } : undefined },
            queryStringsConfig: { queryStringBehavior: queryStrings.behavior, queryStrings: queryStrings.items && { items: queryStrings.items } },
            enableAcceptEncodingGzip: encodings,
            enableAcceptEncodingBrotli: encodings,
        },
    };
}

function originRequestPolicyArgs(key: string, name: string, p: ResolvedOriginRequestPolicy): cloudfront.OriginRequestPolicyArgs {
    // "all" headers is `allViewer` for an origin request policy (CloudFront-* headers are named one by one).
    const headers = selection(p.headers, "allViewer");
    const cookies = selection(p.cookies);
    const queryStrings = selection(p.queryStrings);
    return {
        comment: `${key} of ${name}`.slice(0, CLOUDFRONT_LIMITS.commentChars),
        headersConfig: { headerBehavior: headers.behavior, headers: headers.items && { items: headers.items } },
        cookiesConfig: { cookieBehavior: cookies.behavior, cookies: cookies.items && { items: cookies.items } },
        queryStringsConfig: { queryStringBehavior: queryStrings.behavior, queryStrings: queryStrings.items && { items: queryStrings.items } },
    };
}

/** The custom cache and origin request policies, and the response headers policy when any behavior uses it. */
export function createPolicies(ctx: Ctx): PolicyResources {
    const { name, cfg } = ctx;
    const t = cfg.transform;
    const cachePolicies = Object.fromEntries(
        Object.entries(cfg.cachePolicies).map(([key, p]) => {
            const child = childName(name, "cache-policy", key);
            return [key, create(cloudfront.CachePolicy, fitName(child, cloudfront.CachePolicy), cachePolicyArgs(key, name, p), ctx.opts, t.cachePolicy)];
        }),
    );
    const originRequestPolicies = Object.fromEntries(
        Object.entries(cfg.originRequestPolicies).map(([key, p]) => {
            const child = childName(name, "origin-request-policy", key);
            return [
                key,
                create(
                    cloudfront.OriginRequestPolicy,
                    fitName(child, cloudfront.OriginRequestPolicy),
                    originRequestPolicyArgs(key, name, p),
                    ctx.opts,
                    t.originRequestPolicy,
                ),
            ];
        }),
    );
    const behaviors = allBehaviors(cfg);
    const responseHeadersPolicy = behaviors.some((b) => b.securityHeaders) ? createResponseHeadersPolicy(ctx) : undefined;
    return { cachePolicies, originRequestPolicies, responseHeadersPolicy };
}

function createResponseHeadersPolicy(ctx: Ctx): cloudfront.ResponseHeadersPolicy {
    const { name, cfg } = ctx;
    const r = cfg.responseHeaders;
    const override = r.override;
    return create(
        cloudfront.ResponseHeadersPolicy,
        fitName(childName(name, "response-headers-policy"), cloudfront.ResponseHeadersPolicy),
        {
            comment: `Security headers of ${name}`.slice(0, CLOUDFRONT_LIMITS.commentChars),
            securityHeadersConfig: {
                strictTransportSecurity: {
                    accessControlMaxAgeSec: r.hstsMaxAgeSeconds,
                    includeSubdomains: r.hstsIncludeSubdomains,
                    preload: r.hstsPreload,
                    override,
                },
                // X-Content-Type-Options: nosniff (the only value CloudFront writes).
                contentTypeOptions: { override },
                frameOptions: { frameOption: r.frameOptions, override },
                referrerPolicy: { referrerPolicy: r.referrerPolicy, override },
                contentSecurityPolicy: r.contentSecurityPolicy === undefined ? undefined : { contentSecurityPolicy: r.contentSecurityPolicy, override },
            },
        },
        ctx.opts,
        cfg.transform.responseHeadersPolicy,
    );
}

/** A behavior's cache policy id: a managed one's fixed id, or the id of the one created for its key. */
export function cachePolicyId(policies: PolicyResources, cache: string): pulumi.Input<string> {
    return Object.hasOwn(MANAGED_CACHE_POLICY_IDS, cache)
        ? MANAGED_CACHE_POLICY_IDS[cache as keyof typeof MANAGED_CACHE_POLICY_IDS]
        : policies.cachePolicies[cache].id;
}

/** A behavior's origin request policy id, if it has one. */
export function originRequestPolicyId(policies: PolicyResources, originRequest: string | undefined): pulumi.Input<string> | undefined {
    if (originRequest === undefined) return undefined;
    return Object.hasOwn(MANAGED_ORIGIN_REQUEST_POLICY_IDS, originRequest)
        ? MANAGED_ORIGIN_REQUEST_POLICY_IDS[originRequest as keyof typeof MANAGED_ORIGIN_REQUEST_POLICY_IDS]
        : policies.originRequestPolicies[originRequest].id;
}
