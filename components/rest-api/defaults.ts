import type { LambdaFunctionArgs } from "../lambda-function/args";
import { ResolvedApiDomain, normalizeApiDomain } from "../shared/api-domain";
import { DEFAULTS as SERVERLESS_API_DEFAULTS, ResolvedThrottle, resolveThrottle } from "../serverless-api/defaults";
import { mapValues } from "../shared/defaults";
import type { ApiKeyArgs, CacheSize, IntegrationArgs, RestApiArgs, RestAuthorizerArgs, RestCognitoAuthorizerArgs, RestRouteArgs, UsagePlanArgs } from "./args";

/** The one source of RestApi's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    RestApiArgs: {
        functions: {} as Record<string, LambdaFunctionArgs>,
        authorizers: {} as Record<string, RestAuthorizerArgs>,
        stageName: "v1",
        throttle: { burstLimit: 200, rateLimit: 100 },
        usagePlans: {} as Record<string, UsagePlanArgs>,
        apiKeys: {} as Record<string, ApiKeyArgs>,
        accessLogRetentionDays: 30,
        loggingLevel: "ERROR" as "OFF" | "ERROR" | "INFO",
        metricsEnabled: false,
        tracing: false,
        securityPolicy: "TLS_1_2" as NonNullable<RestApiArgs["securityPolicy"]>,
        disableExecuteApiEndpoint: false,
        accountCloudWatchRole: false,
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<RestApiArgs["transform"]>,
    },
    // ThrottleArgs is ServerlessApi's type: its defaults live there.
    ThrottleArgs: SERVERLESS_API_DEFAULTS.ThrottleArgs,
    RestRouteArgs: { scopes: [] as string[], apiKeyRequired: false, parameters: {} },
    ParametersArgs: { querystring: {} as Record<string, boolean>, header: {} as Record<string, boolean> },
    DynamoDbIntegrationArgs: { keyAttribute: "id" },
    RestLambdaAuthorizerArgs: { identity: "token" as "token" | "request", header: "Authorization", resultTtlSeconds: 300 },
    CacheArgs: { ttlSeconds: 300 },
    QuotaArgs: { offset: 0 },
    ApiKeyArgs: { enabled: true },
};

/** The route value the `authorizer` field takes for a public route. */
export const PUBLIC = "none";

export type { ResolvedThrottle };

export interface ResolvedRoute {
    method: string;
    /** `/items/{id}` */
    path: string;
    integration: IntegrationArgs;
    authorizer: string;
    scopes: string[];
    apiKeyRequired: boolean;
    /** Path parameter names, in order. */
    pathParameters: string[];
    querystring: Record<string, boolean>;
    header: Record<string, boolean>;
    bodySchema?: Record<string, unknown>;
    /** Resolved only when the route has `cache`; TTL and key parameters (`path.id`) filled in. */
    cache?: { ttlSeconds: number; keyParameters: string[] };
    throttle?: ResolvedThrottle;
}

export type ResolvedAuthorizer =
    | { type: "lambda"; function: string; identity: "token" | "request"; header: string; resultTtlSeconds: number }
    | { type: "cognito"; userPoolArns: RestCognitoAuthorizerArgs["userPoolArns"] };

export interface ResolvedUsagePlan {
    apiKeys: string[];
    throttle?: ResolvedThrottle;
    quota?: { limit: number; period: "DAY" | "WEEK" | "MONTH"; offset: number };
}

export interface ResolvedRestApi {
    functions: Record<string, LambdaFunctionArgs>;
    routes: Record<string, ResolvedRoute>;
    authorizers: Record<string, ResolvedAuthorizer>;
    stageName: string;
    throttle: ResolvedThrottle;
    cache?: { sizeGb: CacheSize; ttlSeconds: number };
    usagePlans: Record<string, ResolvedUsagePlan>;
    apiKeys: Record<string, { enabled: boolean; description?: string }>;
    accessLogRetentionDays: number;
    loggingLevel: "OFF" | "ERROR" | "INFO";
    metricsEnabled: boolean;
    tracing: boolean;
    securityPolicy: NonNullable<RestApiArgs["securityPolicy"]>;
    domain?: ResolvedApiDomain;
    disableExecuteApiEndpoint: boolean;
    accountCloudWatchRole: boolean;
    tags: Record<string, string>;
    transform: NonNullable<RestApiArgs["transform"]>;
}

/** `GET /items/{id}` → method, path and path parameter names (`{proxy+}` → `proxy`). Call on keys that passed `routeKeyProblem`. */
export function parseRouteKey(key: string): { method: string; path: string; pathParameters: string[] } {
    const space = key.indexOf(" ");
    const path = key.slice(space + 1);
    const pathParameters = path
        .split("/")
        .filter((s) => s.startsWith("{"))
        .map((s) => s.replace(/^\{|\+?\}$/g, ""));
    return { method: key.slice(0, space), path, pathParameters };
}

function route(key: string, r: RestRouteArgs, apiCache: RestApiArgs["cache"]): ResolvedRoute {
    const d = DEFAULTS.RestRouteArgs;
    const { method, path, pathParameters } = parseRouteKey(key);
    const querystring = r.parameters?.querystring ?? DEFAULTS.ParametersArgs.querystring;
    const cacheTtl = apiCache?.ttlSeconds ?? DEFAULTS.CacheArgs.ttlSeconds;
    return {
        method,
        path,
        integration: r.integration,
        authorizer: r.authorizer,
        scopes: r.scopes ?? d.scopes,
        apiKeyRequired: r.apiKeyRequired ?? d.apiKeyRequired,
        pathParameters,
        querystring,
        header: r.parameters?.header ?? DEFAULTS.ParametersArgs.header,
        bodySchema: r.bodySchema,
        cache: r.cache && {
            ttlSeconds: r.cache.ttlSeconds ?? cacheTtl,
            keyParameters: r.cache.keyParameters ?? [...pathParameters.map((p) => `path.${p}`), ...Object.keys(querystring).map((q) => `querystring.${q}`)],
        },
        throttle: r.throttle && resolveThrottle(r.throttle),
    };
}

function authorizer(a: RestAuthorizerArgs): ResolvedAuthorizer {
    if (a.type === "cognito") return { type: "cognito", userPoolArns: a.userPoolArns };
    const d = DEFAULTS.RestLambdaAuthorizerArgs;
    return {
        type: "lambda",
        function: a.function,
        identity: a.identity ?? d.identity,
        header: a.header ?? d.header,
        resultTtlSeconds: a.resultTtlSeconds ?? d.resultTtlSeconds,
    };
}

/** Fills every default. Call after the shape check (and on keys that may still be malformed: it only splits them). */
export function normalize(args: RestApiArgs): ResolvedRestApi {
    const d = DEFAULTS.RestApiArgs;
    return {
        functions: args.functions ?? d.functions,
        routes: mapValues(args.routes, (r, key) => route(key, r, args.cache)),
        authorizers: mapValues(args.authorizers ?? d.authorizers, authorizer),
        stageName: args.stageName ?? d.stageName,
        throttle: resolveThrottle(args.throttle ?? d.throttle),
        cache: args.cache && { sizeGb: args.cache.sizeGb, ttlSeconds: args.cache.ttlSeconds ?? DEFAULTS.CacheArgs.ttlSeconds },
        usagePlans: mapValues(args.usagePlans ?? d.usagePlans, (p) => ({
            apiKeys: p.apiKeys,
            throttle: p.throttle && resolveThrottle(p.throttle),
            quota: p.quota && { limit: p.quota.limit, period: p.quota.period, offset: p.quota.offset ?? DEFAULTS.QuotaArgs.offset },
        })),
        apiKeys: mapValues(args.apiKeys ?? d.apiKeys, (k) => ({ enabled: k.enabled ?? DEFAULTS.ApiKeyArgs.enabled, description: k.description })),
        accessLogRetentionDays: args.accessLogRetentionDays ?? d.accessLogRetentionDays,
        loggingLevel: args.loggingLevel ?? d.loggingLevel,
        metricsEnabled: args.metricsEnabled ?? d.metricsEnabled,
        tracing: args.tracing ?? d.tracing,
        securityPolicy: args.securityPolicy ?? d.securityPolicy,
        domain: args.domain && normalizeApiDomain(args.domain),
        disableExecuteApiEndpoint: args.disableExecuteApiEndpoint ?? d.disableExecuteApiEndpoint,
        accountCloudWatchRole: args.accountCloudWatchRole ?? d.accountCloudWatchRole,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
