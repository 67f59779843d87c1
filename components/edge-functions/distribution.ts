import * as cloudfront from "@pulumi/aws/cloudfront";
import type * as route53 from "@pulumi/aws/route53";
import type * as types from "@pulumi/aws/types/input";
import type * as pulumi from "@pulumi/pulumi";
import { createAliasRecords, hostSlug } from "../shared/alias-records";
import { CLOUDFRONT_LIMITS } from "../shared/limits/cloudfront";
import { childName } from "../shared/naming";
import { create } from "../shared/transform";
import type { AllowedMethods, EdgeEvent, FunctionEvent } from "./args";
import type { Ctx } from "./context";
import { type ResolvedBehavior, associationKey } from "./defaults";
import type { FunctionResources } from "./functions";
import type { OriginResources } from "./origins";
import { PolicyResources, cachePolicyId, originRequestPolicyId } from "./policies";

/** The HTTP methods of each `allowedMethods` value, and those CloudFront caches (GET and HEAD, plus OPTIONS when allowed without the rest). */
export const METHODS: Record<AllowedMethods, { allowed: string[]; cached: string[] }> = {
    "get-head": { allowed: ["GET", "HEAD"], cached: ["GET", "HEAD"] },
    "get-head-options": { allowed: ["GET", "HEAD", "OPTIONS"], cached: ["GET", "HEAD", "OPTIONS"] },
    all: { allowed: ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"], cached: ["GET", "HEAD"] },
};

/** Everything a behavior may reference, by key. */
export interface BehaviorRefs {
    policies: PolicyResources;
    functions: FunctionResources;
    /** Lambda@Edge published versions by `edgeLambdas` key (`qualifiedArn`). */
    edgeLambdaArns: Record<string, pulumi.Input<string>>;
}

/** The association fields of one behavior: its CloudFront Functions and Lambda@Edge functions by event. */
function associations(b: ResolvedBehavior, refs: BehaviorRefs) {
    const functionAssociations = (Object.entries(b.functions) as [FunctionEvent, string][]).map(([eventType, key]) => ({
        eventType,
        functionArn: refs.functions.functions[key].arn,
    }));
    const lambdaFunctionAssociations = (Object.entries(b.edgeLambdas) as [EdgeEvent, NonNullable<ResolvedBehavior["edgeLambdas"][EdgeEvent]>][]).map(
        ([eventType, a]) => {
            const key = associationKey(a);
            const lambdaArn = key !== undefined ? refs.edgeLambdaArns[key] : (a as { qualifiedArn: pulumi.Input<string> }).qualifiedArn;
            return { eventType, lambdaArn, includeBody: typeof a === "object" && a.includeBody === true };
        },
    );
    return { functionAssociations, lambdaFunctionAssociations };
}

/** A behavior's settings, as the default behavior and the ordered ones share them. */
function behaviorArgs(b: ResolvedBehavior, refs: BehaviorRefs): types.cloudfront.DistributionDefaultCacheBehavior {
    const methods = METHODS[b.allowedMethods];
    return {
        targetOriginId: b.origin,
        viewerProtocolPolicy: b.viewerProtocol,
        allowedMethods: methods.allowed,
        cachedMethods: methods.cached,
        compress: b.compress,
        cachePolicyId: cachePolicyId(refs.policies, b.cache),
        originRequestPolicyId: originRequestPolicyId(refs.policies, b.originRequest),
        responseHeadersPolicyId: b.securityHeaders ? refs.policies.responseHeadersPolicy?.id : undefined,
        ...associations(b, refs),
    };
}

/** `errorResponses` as CloudFront's list, in code order; none when the record is empty. */
function customErrorResponses(cfg: Ctx["cfg"]): types.cloudfront.DistributionCustomErrorResponse[] | undefined {
    const entries = Object.entries(cfg.errorResponses);
    if (entries.length === 0) return undefined;
    return entries.map(([code, e]) => ({
        errorCode: Number(code),
        responseCode: e.responseCode,
        responsePagePath: e.responsePagePath,
        errorCachingMinTtl: e.cachingMinTtlSeconds,
    }));
}

/** The distribution: origins, the default behavior, ordered behaviors in the order given, certificate, WAF, logging off (v2 is separate). */
export function createDistribution(ctx: Ctx, origins: OriginResources, refs: BehaviorRefs, createdWebAclArn?: pulumi.Input<string>): cloudfront.Distribution {
    const { name, cfg } = ctx;
    const d = cfg.domain;
    return create(
        cloudfront.Distribution,
        childName(name, "distribution"),
        {
            enabled: true,
            comment: `${name} (aws-platform EdgeFunctions)`.slice(0, CLOUDFRONT_LIMITS.commentChars),
            isIpv6Enabled: cfg.isIpv6Enabled,
            httpVersion: "http2and3",
            priceClass: cfg.priceClass,
            aliases: d?.aliases,
            origins: origins.origins,
            defaultRootObject: cfg.defaultRootObject,
            customErrorResponses: customErrorResponses(cfg),
            defaultCacheBehavior: behaviorArgs(cfg.defaultBehavior, refs),
            // CloudFront evaluates ordered behaviors first to last; object keys keep their insertion order.
            orderedCacheBehaviors: Object.entries(cfg.behaviors).map(([pathPattern, b]) => ({ pathPattern, ...behaviorArgs(b, refs) })),
            restrictions: { geoRestriction: { restrictionType: "none" } },
            viewerCertificate: d
                ? {
                      acmCertificateArn: d.certificateArn,
                      // SNI: a dedicated-IP certificate costs $600 a month, and every current client sends SNI.
                      sslSupportMethod: "sni-only",
                      minimumProtocolVersion: d.minimumProtocolVersion,
                  }
                : // CloudFront's own *.cloudfront.net certificate allows TLS 1.0 and up whatever is asked: a custom
                  // domain is the only way to set the viewer TLS floor.
                  { cloudfrontDefaultCertificate: true },
            // WAFv2 web ACLs are given by ARN (WAF Classic took an id).
            webAclId: cfg.webAclArn ?? createdWebAclArn,
            tags: ctx.tags,
        },
        ctx.opts,
        cfg.transform.distribution,
    );
}

/** A (and with IPv6, AAAA) alias records per alias in the hosted zone, to the distribution, keyed `<alias> <type>`. */
export function createRecords(ctx: Ctx, distribution: cloudfront.Distribution): Record<string, route53.Record> {
    const { name, cfg } = ctx;
    const d = cfg.domain;
    const records: Record<string, route53.Record> = {};
    if (!d || d.hostedZoneId === undefined) return records;
    const types = cfg.isIpv6Enabled ? (["A", "AAAA"] as const) : (["A"] as const);
    for (const alias of d.aliases) {
        // CloudFront's zone is the same everywhere (Z2FDTNDATAQYW2).
        const target = { name: distribution.domainName, zoneId: distribution.hostedZoneId };
        const made = createAliasRecords(
            childName(name, "record", hostSlug(alias)),
            { zoneId: d.hostedZoneId, host: alias, target, types },
            ctx.opts,
            cfg.transform.record,
        );
        for (const [type, record] of Object.entries(made)) records[`${alias} ${type}`] = record;
    }
    return records;
}
