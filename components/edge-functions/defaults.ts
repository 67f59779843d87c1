import type * as pulumi from "@pulumi/pulumi";
import type { EdgeLambdaArgs } from "../edge-lambda/args";
import type {
    AllowedMethods,
    BehaviorArgs,
    CachePolicyArgs,
    CloudFrontFunctionArgs,
    DistributionDomainArgs,
    EdgeEvent,
    EdgeFunctionsArgs,
    EdgeLambdaAssociation,
    ErrorCode,
    ErrorResponseArgs,
    FunctionEvent,
    HttpOriginArgs,
    KeyValueStoreArgs,
    LoggingArgs,
    OriginArgs,
    OriginRequestPolicyArgs,
    ResponseHeadersArgs,
    ValueSelection,
    WebAclArgs,
} from "./args";

/** The one source of EdgeFunctions' default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    EdgeFunctionsArgs: {
        behaviors: {} as Record<string, BehaviorArgs>,
        /** Applied only when the default behavior's origin is a bucket (`normalize`). */
        defaultRootObject: "index.html",
        errorResponses: {} as Partial<Record<ErrorCode, ErrorResponseArgs>>,
        cachePolicies: {} as Record<string, CachePolicyArgs>,
        originRequestPolicies: {} as Record<string, OriginRequestPolicyArgs>,
        functions: {} as Record<string, CloudFrontFunctionArgs>,
        edgeLambdas: {} as Record<string, EdgeLambdaArgs>,
        keyValueStore: {} as KeyValueStoreArgs,
        responseHeaders: {} as ResponseHeadersArgs,
        priceClass: "PriceClass_100" as NonNullable<EdgeFunctionsArgs["priceClass"]>,
        isIpv6Enabled: true,
        logging: {} as LoggingArgs | false,
        protectData: false,
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<EdgeFunctionsArgs["transform"]>,
    },
    BucketOriginArgs: { listBucket: false },
    HttpOriginArgs: {
        protocol: "https-only" as NonNullable<HttpOriginArgs["protocol"]>,
        httpsPort: 443,
        httpPort: 80,
        readTimeoutSeconds: 30,
        keepaliveTimeoutSeconds: 5,
        customHeaders: {} as Record<string, pulumi.Input<string>>,
    },
    ErrorResponseArgs: { cachingMinTtlSeconds: 10 },
    BehaviorArgs: {
        cache: "CachingOptimized",
        allowedMethods: "get-head" as AllowedMethods,
        compress: true,
        viewerProtocol: "redirect-to-https" as NonNullable<BehaviorArgs["viewerProtocol"]>,
        securityHeaders: true,
        functions: {} as Partial<Record<FunctionEvent, string>>,
        edgeLambdas: {} as Partial<Record<EdgeEvent, EdgeLambdaAssociation>>,
    },
    CachePolicyArgs: {
        defaultTtlSeconds: 86400,
        minTtlSeconds: 1,
        maxTtlSeconds: 31536000,
        headers: [] as string[],
        cookies: "none" as ValueSelection,
        queryStrings: "none" as ValueSelection,
    },
    OriginRequestPolicyArgs: { headers: "none" as ValueSelection, cookies: "none" as ValueSelection, queryStrings: "none" as ValueSelection },
    ResponseHeadersArgs: {
        hstsMaxAgeSeconds: 31536000,
        hstsIncludeSubdomains: true,
        hstsPreload: false,
        frameOptions: "DENY" as NonNullable<ResponseHeadersArgs["frameOptions"]>,
        referrerPolicy: "strict-origin-when-cross-origin" as NonNullable<ResponseHeadersArgs["referrerPolicy"]>,
        override: true,
    },
    CloudFrontFunctionArgs: { keyValueStore: false },
    KeyValueStoreArgs: { keys: {} as Record<string, pulumi.Input<string>> },
    DistributionDomainArgs: { minimumProtocolVersion: "TLSv1.2_2021" as NonNullable<DistributionDomainArgs["minimumProtocolVersion"]> },
    LoggingArgs: { retentionDays: 30, outputFormat: "json" as NonNullable<LoggingArgs["outputFormat"]> },
    WebAclArgs: {
        managedRuleGroups: ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"] as NonNullable<
            WebAclArgs["managedRuleGroups"]
        >,
        rateLimitPer5Minutes: 2000 as number | false,
    },
};

export type ResolvedHttpOrigin = Required<Omit<HttpOriginArgs, "originPath">> & { originPath?: string };
export type ResolvedBucketOrigin = { kind: "bucket"; originPath?: string; listBucket: boolean };
export type ResolvedOrigin = ResolvedBucketOrigin | ResolvedHttpOrigin;
/** An error response with its default filled: `responseCode` is set exactly when `responsePagePath` is. */
export type ResolvedErrorResponse = { responsePagePath?: string; responseCode?: number; cachingMinTtlSeconds: number };

export interface ResolvedBehavior {
    origin: string;
    cache: string;
    originRequest?: string;
    allowedMethods: AllowedMethods;
    compress: boolean;
    viewerProtocol: "redirect-to-https" | "https-only";
    securityHeaders: boolean;
    functions: Partial<Record<FunctionEvent, string>>;
    edgeLambdas: Partial<Record<EdgeEvent, EdgeLambdaAssociation>>;
}

export type ResolvedCachePolicy = Required<CachePolicyArgs>;
export type ResolvedOriginRequestPolicy = Required<OriginRequestPolicyArgs>;
export type ResolvedResponseHeaders = Required<Omit<ResponseHeadersArgs, "contentSecurityPolicy">> & { contentSecurityPolicy?: string };
export type ResolvedFunction = { code: string; keyValueStore: boolean; comment?: string };
export type ResolvedDomain = Required<Omit<DistributionDomainArgs, "certificateArn" | "hostedZoneId">> &
    Pick<DistributionDomainArgs, "certificateArn" | "hostedZoneId">;

export interface ResolvedEdgeFunctions {
    origins: Record<string, ResolvedOrigin>;
    defaultBehavior: ResolvedBehavior;
    behaviors: Record<string, ResolvedBehavior>;
    /** Undefined: none. */
    defaultRootObject?: string;
    /** By error code, as the record's keys (strings). */
    errorResponses: Record<string, ResolvedErrorResponse>;
    cachePolicies: Record<string, ResolvedCachePolicy>;
    originRequestPolicies: Record<string, ResolvedOriginRequestPolicy>;
    functions: Record<string, ResolvedFunction>;
    edgeLambdas: Record<string, EdgeLambdaArgs>;
    keyValueStore: { keys: Record<string, pulumi.Input<string>> };
    responseHeaders: ResolvedResponseHeaders;
    domain?: ResolvedDomain;
    webAclArn?: pulumi.Input<string>;
    /** Undefined: none created. */
    webAcl?: Required<WebAclArgs>;
    priceClass: NonNullable<EdgeFunctionsArgs["priceClass"]>;
    isIpv6Enabled: boolean;
    logging: Required<LoggingArgs> | false;
    protectData: boolean;
    tags: Record<string, string>;
    transform: NonNullable<EdgeFunctionsArgs["transform"]>;
}

const origin = (o: OriginArgs): ResolvedOrigin => {
    if (o.kind === "bucket") return { kind: "bucket", originPath: o.originPath, listBucket: o.listBucket ?? DEFAULTS.BucketOriginArgs.listBucket };
    const d = DEFAULTS.HttpOriginArgs;
    return {
        kind: "http",
        domainName: o.domainName,
        originPath: o.originPath,
        protocol: o.protocol ?? d.protocol,
        httpsPort: o.httpsPort ?? d.httpsPort,
        httpPort: o.httpPort ?? d.httpPort,
        readTimeoutSeconds: o.readTimeoutSeconds ?? d.readTimeoutSeconds,
        keepaliveTimeoutSeconds: o.keepaliveTimeoutSeconds ?? d.keepaliveTimeoutSeconds,
        customHeaders: o.customHeaders ?? d.customHeaders,
    };
};

const behavior = (b: BehaviorArgs): ResolvedBehavior => {
    const d = DEFAULTS.BehaviorArgs;
    return {
        origin: b.origin,
        cache: b.cache ?? d.cache,
        originRequest: b.originRequest,
        allowedMethods: b.allowedMethods ?? d.allowedMethods,
        compress: b.compress ?? d.compress,
        viewerProtocol: b.viewerProtocol ?? d.viewerProtocol,
        securityHeaders: b.securityHeaders ?? d.securityHeaders,
        functions: b.functions ?? d.functions,
        edgeLambdas: b.edgeLambdas ?? d.edgeLambdas,
    };
};

const cachePolicy = (p: CachePolicyArgs): ResolvedCachePolicy => {
    const d = DEFAULTS.CachePolicyArgs;
    return {
        defaultTtlSeconds: p.defaultTtlSeconds ?? d.defaultTtlSeconds,
        minTtlSeconds: p.minTtlSeconds ?? d.minTtlSeconds,
        maxTtlSeconds: p.maxTtlSeconds ?? d.maxTtlSeconds,
        headers: p.headers ?? d.headers,
        cookies: p.cookies ?? d.cookies,
        queryStrings: p.queryStrings ?? d.queryStrings,
    };
};

const originRequestPolicy = (p: OriginRequestPolicyArgs): ResolvedOriginRequestPolicy => {
    const d = DEFAULTS.OriginRequestPolicyArgs;
    return { headers: p.headers ?? d.headers, cookies: p.cookies ?? d.cookies, queryStrings: p.queryStrings ?? d.queryStrings };
};

const responseHeaders = (r: ResponseHeadersArgs): ResolvedResponseHeaders => {
    const d = DEFAULTS.ResponseHeadersArgs;
    return {
        hstsMaxAgeSeconds: r.hstsMaxAgeSeconds ?? d.hstsMaxAgeSeconds,
        hstsIncludeSubdomains: r.hstsIncludeSubdomains ?? d.hstsIncludeSubdomains,
        hstsPreload: r.hstsPreload ?? d.hstsPreload,
        frameOptions: r.frameOptions ?? d.frameOptions,
        referrerPolicy: r.referrerPolicy ?? d.referrerPolicy,
        contentSecurityPolicy: r.contentSecurityPolicy,
        override: r.override ?? d.override,
    };
};

const errorResponse = (e: ErrorResponseArgs, code: string): ResolvedErrorResponse => ({
    responsePagePath: e.responsePagePath,
    // CloudFront needs a ResponseCode with a ResponsePagePath: the error's own code unless another is asked.
    responseCode: e.responseCode ?? (e.responsePagePath === undefined ? undefined : Number(code)),
    cachingMinTtlSeconds: e.cachingMinTtlSeconds ?? DEFAULTS.ErrorResponseArgs.cachingMinTtlSeconds,
});

/** `defaultRootObject`: as given (`false`: none), else the default when the default behavior's origin is a bucket. */
function defaultRootObject(args: EdgeFunctionsArgs): string | undefined {
    if (args.defaultRootObject === false) return undefined;
    if (args.defaultRootObject !== undefined) return args.defaultRootObject;
    const o = Object.hasOwn(args.origins, args.defaultBehavior.origin) ? args.origins[args.defaultBehavior.origin] : undefined;
    return o?.kind === "bucket" ? DEFAULTS.EdgeFunctionsArgs.defaultRootObject : undefined;
}

const mapRecord = <A, B>(rec: Record<string, A>, f: (v: A) => B): Record<string, B> => Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, f(v)]));

/** Fills every default. Call after the shape check. */
export function normalize(args: EdgeFunctionsArgs): ResolvedEdgeFunctions {
    const d = DEFAULTS.EdgeFunctionsArgs;
    const logging = args.logging ?? d.logging;
    const l = DEFAULTS.LoggingArgs;
    return {
        origins: mapRecord(args.origins, origin),
        defaultBehavior: behavior(args.defaultBehavior),
        behaviors: mapRecord(args.behaviors ?? d.behaviors, behavior),
        defaultRootObject: defaultRootObject(args),
        errorResponses: Object.fromEntries(
            Object.entries((args.errorResponses ?? d.errorResponses) as Record<string, ErrorResponseArgs>).map(([code, e]) => [code, errorResponse(e, code)]),
        ),
        cachePolicies: mapRecord(args.cachePolicies ?? d.cachePolicies, cachePolicy),
        originRequestPolicies: mapRecord(args.originRequestPolicies ?? d.originRequestPolicies, originRequestPolicy),
        functions: mapRecord(args.functions ?? d.functions, (f) => ({
            code: f.code,
            keyValueStore: f.keyValueStore ?? DEFAULTS.CloudFrontFunctionArgs.keyValueStore,
            comment: f.comment,
        })),
        edgeLambdas: args.edgeLambdas ?? d.edgeLambdas,
        keyValueStore: { keys: (args.keyValueStore ?? d.keyValueStore).keys ?? DEFAULTS.KeyValueStoreArgs.keys },
        responseHeaders: responseHeaders(args.responseHeaders ?? d.responseHeaders),
        domain: args.domain && {
            aliases: args.domain.aliases,
            certificateArn: args.domain.certificateArn,
            hostedZoneId: args.domain.hostedZoneId,
            minimumProtocolVersion: args.domain.minimumProtocolVersion ?? DEFAULTS.DistributionDomainArgs.minimumProtocolVersion,
        },
        webAclArn: args.webAclArn,
        webAcl: args.webAcl && {
            managedRuleGroups: args.webAcl.managedRuleGroups ?? DEFAULTS.WebAclArgs.managedRuleGroups,
            rateLimitPer5Minutes: args.webAcl.rateLimitPer5Minutes ?? DEFAULTS.WebAclArgs.rateLimitPer5Minutes,
        },
        priceClass: args.priceClass ?? d.priceClass,
        isIpv6Enabled: args.isIpv6Enabled ?? d.isIpv6Enabled,
        logging: logging === false ? false : { retentionDays: logging.retentionDays ?? l.retentionDays, outputFormat: logging.outputFormat ?? l.outputFormat },
        protectData: args.protectData ?? d.protectData,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}

/** The default behavior and then the ordered ones, as CloudFront holds them. */
export function allBehaviors(cfg: Pick<ResolvedEdgeFunctions, "defaultBehavior" | "behaviors">): ResolvedBehavior[] {
    return [cfg.defaultBehavior, ...Object.values(cfg.behaviors)];
}

/** The `edgeLambdas` key an association names (a key, or `{ lambda }`), or undefined for a given `{ qualifiedArn }`. */
export function associationKey(a: EdgeLambdaAssociation | undefined): string | undefined {
    if (typeof a === "string") return a;
    return a && "lambda" in a ? a.lambda : undefined;
}
