import type * as pulumi from "@pulumi/pulumi";
import { ResolvedApiDomain, normalizeApiDomain } from "../shared/api-domain";
import type { AuthorizerArgs, CognitoAuthorizerArgs, CorsArgs, ProxyRouteArgs, RouteArgs, ServerlessApiArgs, VpcLinkTargetArgs } from "./args";

/** The one source of ServerlessApi's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    ServerlessApiArgs: {
        proxyRoutes: {} as Record<string, ProxyRouteArgs>,
        authorizers: {} as Record<string, AuthorizerArgs>,
        throttle: { burstLimit: 200, rateLimit: 100 },
        disableExecuteApiEndpoint: false,
        accessLogRetentionDays: 30,
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<ServerlessApiArgs["transform"]>,
    },
    ThrottleArgs: { burstLimit: 200, rateLimit: 100 },
    RouteArgs: { scopes: [] as string[] },
    ProxyRouteArgs: { stripPrefix: false, scopes: [] as string[] },
    VpcLinkTargetArgs: { ingressRule: true, internal: true },
    LambdaAuthorizerArgs: { resultTtlSeconds: 300 },
    CorsArgs: {
        allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allowHeaders: ["authorization", "content-type"],
        exposeHeaders: [] as string[],
        allowCredentials: false,
        maxAgeSeconds: 300,
    },
};

export interface ResolvedThrottle {
    burstLimit: number;
    rateLimit: number;
}
export interface ResolvedRoute {
    function: string;
    authorizer?: string;
    scopes: string[];
    throttle?: ResolvedThrottle;
}
export interface ResolvedProxyRoute {
    target: string;
    stripPrefix: boolean;
    authorizer?: string;
    scopes: string[];
    throttle?: ResolvedThrottle;
}
export type ResolvedVpcLinkTarget = Required<Omit<VpcLinkTargetArgs, "serverName">> & { serverName?: string };
export interface ResolvedVpcLink {
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    vpcId?: pulumi.Input<string>;
    securityGroupIds?: pulumi.Input<string>[];
    targets: Record<string, ResolvedVpcLinkTarget>;
}

export type ResolvedAuthorizer =
    | { type: "jwt"; issuer: string; audience: string[] }
    | { type: "lambda"; function: string; resultTtlSeconds: number }
    | { type: "cognito"; userPoolId?: CognitoAuthorizerArgs["userPoolId"] };

export interface ResolvedServerlessApi {
    functions: ServerlessApiArgs["functions"];
    routes: Record<string, ResolvedRoute>;
    proxyRoutes: Record<string, ResolvedProxyRoute>;
    vpcLink?: ResolvedVpcLink;
    authorizers: Record<string, ResolvedAuthorizer>;
    throttle: ResolvedThrottle;
    cors?: Required<CorsArgs>;
    domain?: ResolvedApiDomain;
    disableExecuteApiEndpoint: boolean;
    accessLogRetentionDays: number;
    tags: Record<string, string>;
    transform: NonNullable<ServerlessApiArgs["transform"]>;
}

/** A token bucket with ThrottleArgs' defaults filled (RestApi's too: the type is shared). */
export const resolveThrottle = (t: { burstLimit?: number; rateLimit?: number } | undefined): ResolvedThrottle => ({
    burstLimit: t?.burstLimit ?? DEFAULTS.ThrottleArgs.burstLimit,
    rateLimit: t?.rateLimit ?? DEFAULTS.ThrottleArgs.rateLimit,
});

const route = (r: RouteArgs): ResolvedRoute => ({
    function: r.function,
    authorizer: r.authorizer,
    scopes: r.scopes ?? DEFAULTS.RouteArgs.scopes,
    throttle: r.throttle && resolveThrottle(r.throttle),
});

const proxyRoute = (r: ProxyRouteArgs): ResolvedProxyRoute => ({
    target: r.target,
    stripPrefix: r.stripPrefix ?? DEFAULTS.ProxyRouteArgs.stripPrefix,
    authorizer: r.authorizer,
    scopes: r.scopes ?? DEFAULTS.ProxyRouteArgs.scopes,
    throttle: r.throttle && resolveThrottle(r.throttle),
});

const vpcLinkTarget = (t: VpcLinkTargetArgs): ResolvedVpcLinkTarget => ({
    ...t,
    ingressRule: t.ingressRule ?? DEFAULTS.VpcLinkTargetArgs.ingressRule,
    internal: t.internal ?? DEFAULTS.VpcLinkTargetArgs.internal,
});

const authorizer = (a: AuthorizerArgs): ResolvedAuthorizer => {
    if (a.type === "lambda")
        return { type: "lambda", function: a.function, resultTtlSeconds: a.resultTtlSeconds ?? DEFAULTS.LambdaAuthorizerArgs.resultTtlSeconds };
    if (a.type === "cognito") return { type: "cognito", userPoolId: a.userPoolId };
    return { type: a.type, issuer: a.issuer, audience: a.audience };
};

/** Fills every default. Call after the shape check. */
export function normalize(args: ServerlessApiArgs): ResolvedServerlessApi {
    const d = DEFAULTS.ServerlessApiArgs;
    const c = DEFAULTS.CorsArgs;
    return {
        functions: args.functions,
        routes: Object.fromEntries(Object.entries(args.routes).map(([k, r]) => [k, route(r)])),
        proxyRoutes: Object.fromEntries(Object.entries(args.proxyRoutes ?? d.proxyRoutes).map(([k, r]) => [k, proxyRoute(r)])),
        vpcLink: args.vpcLink && {
            subnetIds: args.vpcLink.subnetIds,
            vpcId: args.vpcLink.vpcId,
            securityGroupIds: args.vpcLink.securityGroupIds,
            targets: Object.fromEntries(Object.entries(args.vpcLink.targets).map(([k, t]) => [k, vpcLinkTarget(t)])),
        },
        authorizers: Object.fromEntries(Object.entries(args.authorizers ?? d.authorizers).map(([k, a]) => [k, authorizer(a)])),
        throttle: resolveThrottle(args.throttle ?? d.throttle),
        cors: args.cors && {
            allowOrigins: args.cors.allowOrigins,
            allowMethods: args.cors.allowMethods ?? c.allowMethods,
            allowHeaders: args.cors.allowHeaders ?? c.allowHeaders,
            exposeHeaders: args.cors.exposeHeaders ?? c.exposeHeaders,
            allowCredentials: args.cors.allowCredentials ?? c.allowCredentials,
            maxAgeSeconds: args.cors.maxAgeSeconds ?? c.maxAgeSeconds,
        },
        domain: args.domain && normalizeApiDomain(args.domain),
        disableExecuteApiEndpoint: args.disableExecuteApiEndpoint ?? d.disableExecuteApiEndpoint,
        accessLogRetentionDays: args.accessLogRetentionDays ?? d.accessLogRetentionDays,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
