import type { AuthorizerArgs, CognitoAuthorizerArgs, CorsArgs, RouteArgs, ServerlessApiArgs } from "./args";

/** The one source of ServerlessApi's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    ServerlessApiArgs: {
        authorizers: {} as Record<string, AuthorizerArgs>,
        throttle: { burstLimit: 200, rateLimit: 100 },
        accessLogRetentionDays: 30,
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<ServerlessApiArgs["transform"]>,
    },
    ThrottleArgs: { burstLimit: 200, rateLimit: 100 },
    RouteArgs: { scopes: [] as string[] },
    LambdaAuthorizerArgs: { resultTtlSeconds: 300 },
    CorsArgs: {
        allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allowHeaders: ["authorization", "content-type"],
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
export type ResolvedAuthorizer =
    | { type: "jwt"; issuer: string; audience: string[] }
    | { type: "lambda"; function: string; resultTtlSeconds: number }
    | { type: "cognito"; userPoolId?: CognitoAuthorizerArgs["userPoolId"] };

export interface ResolvedServerlessApi {
    functions: ServerlessApiArgs["functions"];
    routes: Record<string, ResolvedRoute>;
    authorizers: Record<string, ResolvedAuthorizer>;
    throttle: ResolvedThrottle;
    cors?: Required<CorsArgs>;
    accessLogRetentionDays: number;
    tags: Record<string, string>;
    transform: NonNullable<ServerlessApiArgs["transform"]>;
}

const throttle = (t: { burstLimit?: number; rateLimit?: number } | undefined): ResolvedThrottle => ({
    burstLimit: t?.burstLimit ?? DEFAULTS.ThrottleArgs.burstLimit,
    rateLimit: t?.rateLimit ?? DEFAULTS.ThrottleArgs.rateLimit,
});

const route = (r: RouteArgs): ResolvedRoute => ({
    function: r.function,
    authorizer: r.authorizer,
    scopes: r.scopes ?? DEFAULTS.RouteArgs.scopes,
    throttle: r.throttle && throttle(r.throttle),
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
        authorizers: Object.fromEntries(Object.entries(args.authorizers ?? d.authorizers).map(([k, a]) => [k, authorizer(a)])),
        throttle: throttle(args.throttle ?? d.throttle),
        cors: args.cors && {
            allowOrigins: args.cors.allowOrigins,
            allowMethods: args.cors.allowMethods ?? c.allowMethods,
            allowHeaders: args.cors.allowHeaders ?? c.allowHeaders,
            allowCredentials: args.cors.allowCredentials ?? c.allowCredentials,
            maxAgeSeconds: args.cors.maxAgeSeconds ?? c.maxAgeSeconds,
        },
        accessLogRetentionDays: args.accessLogRetentionDays ?? d.accessLogRetentionDays,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
