import { validate as validateFunction } from "../lambda-function/validate";
import { BundleError, bundle } from "../shared/bundle";
import { Issue, Issues, isPlain } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { Shape, array, boolean, checkShape, custom, input, int, number, object, oneOf, optional, record, string, transform } from "../shared/shape";
import { checkTags } from "../shared/validators";
import type { CognitoAuthorizerArgs, CorsArgs, JwtAuthorizerArgs, LambdaAuthorizerArgs, RouteArgs, ServerlessApiArgs, ThrottleArgs } from "./args";
import { ResolvedServerlessApi, ResolvedThrottle, normalize } from "./defaults";

const THROTTLE_SHAPE = object<ThrottleArgs>()({ burstLimit: optional(int()), rateLimit: optional(number()) });

const ROUTE_SHAPE = object<RouteArgs>({ noun: "route field" })({
    function: string(),
    authorizer: optional(string()),
    scopes: optional(array(string())),
    throttle: optional(THROTTLE_SHAPE),
});

const JWT_SHAPE = object<JwtAuthorizerArgs>({ noun: "authorizer field" })({ type: oneOf(["jwt"]), issuer: string(), audience: array(string()) });
const LAMBDA_AUTHORIZER_SHAPE = object<LambdaAuthorizerArgs>({ noun: "authorizer field" })({
    type: oneOf(["lambda"]),
    function: string(),
    resultTtlSeconds: optional(int()),
});

const COGNITO_SHAPE = object<CognitoAuthorizerArgs>({ noun: "authorizer field" })({ type: oneOf(["cognito"]), userPoolId: optional(input(string())) });

/** An authorizer: its `type` decides which fields it takes. */
const AUTHORIZER_SHAPE: Shape = custom(
    "object",
    '{ type: "jwt", issuer, audience }, { type: "lambda", function } or { type: "cognito", userPoolId? }',
    (issues, path, value) => {
        const type = (value as { type?: unknown }).type;
        if (type === "lambda") checkShape(issues, LAMBDA_AUTHORIZER_SHAPE, value, path);
        else if (type === "jwt") checkShape(issues, JWT_SHAPE, value, path);
        else if (type === "cognito") checkShape(issues, COGNITO_SHAPE, value, path);
        else issues.add(`${path}.type`, type, type === undefined ? "is required" : "is not supported", '"jwt", "lambda", "cognito"');
    },
);

const CORS_SHAPE = object<CorsArgs>()({
    allowOrigins: array(string()),
    allowMethods: optional(array(string())),
    allowHeaders: optional(array(string())),
    allowCredentials: optional(boolean()),
    maxAgeSeconds: optional(int()),
});

export const SERVERLESS_API_SHAPE = object<ServerlessApiArgs>()({
    // Each function's args are checked by LambdaFunction's own validation (below), with its path.
    functions: record(custom("object", "LambdaFunction args { entry | imageUri, ... }", () => undefined)),
    routes: record(ROUTE_SHAPE),
    authorizers: optional(record(AUTHORIZER_SHAPE)),
    throttle: optional(THROTTLE_SHAPE),
    cors: optional(CORS_SHAPE),
    accessLogRetentionDays: optional(int()),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<ServerlessApiArgs["transform"]>>()({
            api: optional(transform()),
            accessLogs: optional(transform()),
            stage: optional(transform()),
            integration: optional(transform()),
            permission: optional(transform()),
            route: optional(transform()),
            authorizer: optional(transform()),
            userPool: optional(transform()),
            userPoolClient: optional(transform()),
        }),
    ),
});

/**
 * API Gateway's account quotas per Region, which no stage or route throttle can exceed (both
 * adjustable on request; https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
 * Lambda authorizer cache: 0–3600 seconds (CreateAuthorizer AuthorizerResultTtlInSeconds).
 * CORS MaxAge: 0–86400 seconds (API Gateway v2 Cors).
 */
export const API_LIMITS = {
    burstLimit: [0, 5000],
    rateLimit: [0, 10000],
    resultTtlSeconds: [0, 3600],
    maxAgeSeconds: [0, 86400],
} as const;

/** Cognito user pool ids: `<region>_<9 letters or digits>` (CreateUserPool; https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolType.html). */
export const USER_POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+$/;

/**
 * The only scope in the access tokens of a user pool's own sign-in (SRP, refresh): custom scopes need the
 * OAuth 2.0 endpoints (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html).
 */
export const COGNITO_SRP_SCOPE = "aws.cognito.signin.user.admin";

export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
/** A literal path segment: RFC 3986 unreserved characters (what HTTP API route paths take). */
const SEGMENT = /^[A-Za-z0-9._~-]+$/;
const PARAM = /^\{[A-Za-z0-9._-]+\}$/;
const GREEDY = /^\{[A-Za-z0-9._-]+\+\}$/;
/** `scheme://host[:port]`, no path: the Origin header's form (RFC 6454); API Gateway compares it as given. */
const ORIGIN = /^https?:\/\/(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$/;
const ROUTE_ALLOWED = `"$default" or "METHOD /path" with METHOD one of ${ROUTE_METHODS.join(", ")}; segments of letters, digits and '._~-', {param}, or {proxy+} as the last`;

/** Why a route key is malformed, or undefined when it is fine. HTTP API route syntax: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html */
export function routeKeyProblem(key: string): string | undefined {
    if (key === "$default") return undefined;
    const m = /^([A-Z]+) (\/.*)$/.exec(key);
    if (!m) return "is not METHOD /path";
    if (!(ROUTE_METHODS as readonly string[]).includes(m[1])) return `has the method ${m[1]}, which HTTP APIs do not route`;
    if (m[2] === "/") return undefined;
    const segments = m[2].slice(1).split("/");
    for (const [i, s] of segments.entries()) {
        if (GREEDY.test(s)) {
            if (i !== segments.length - 1) return `has the greedy ${s} before the last segment`;
        } else if (!SEGMENT.test(s) && !PARAM.test(s)) return `has the segment "${s}"`;
    }
    return undefined;
}

/** A logical-name slug for a route key: `GET /items/{id}` → `get-items-id`, `$default` → `default`. */
export function routeSlug(key: string): string {
    return (
        key
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, "-")
            .replace(/^-+|-+$/g, "") || "root"
    );
}

function checkThrottle(issues: Issues, path: string, t: ResolvedThrottle): void {
    issues.int(`${path}.burstLimit`, t.burstLimit, ...API_LIMITS.burstLimit, " requests (the account's default burst quota)");
    issues.number(`${path}.rateLimit`, t.rateLimit, ...API_LIMITS.rateLimit, " requests per second (the account's default quota)");
}

function checkFunctions(issues: Issues, functions: ServerlessApiArgs["functions"]): void {
    if (Object.keys(functions).length === 0) issues.add("functions", {}, "is empty", "one function or more, e.g. { items: { entry: ... } }");
    for (const [key, args] of Object.entries(functions)) {
        if (!issues.key(`functions.${key}`, key)) continue;
        const own = validateFunction(args);
        for (const i of own) issues.list.push({ ...i, path: i.path ? `functions.${key}.${i.path}` : `functions.${key}` });
        // Bundled now (cached per process): code that does not build registers nothing.
        if (own.length === 0 && args.entry !== undefined) {
            try {
                bundle(args.entry);
            } catch (e) {
                if (!(e instanceof BundleError)) throw e;
                issues.add(`functions.${key}.entry`, args.entry, "does not bundle", e.details);
            }
        }
    }
}

function checkRoutes(issues: Issues, cfg: ResolvedServerlessApi): void {
    if (Object.keys(cfg.routes).length === 0) issues.add("routes", {}, "is empty", 'one route or more, e.g. { "GET /items": { function: "items" } }');
    const slugs = new Map<string, string>();
    for (const [key, r] of Object.entries(cfg.routes)) {
        const path = `routes.${key}`;
        const problem = routeKeyProblem(key);
        if (problem) issues.add(path, key, problem, ROUTE_ALLOWED);
        const other = slugs.get(routeSlug(key));
        if (other !== undefined)
            issues.add(path, key, `names the same child as "${other}" (route-${routeSlug(key)})`, "route keys that differ in letters or digits");
        slugs.set(routeSlug(key), key);
        if (!Object.hasOwn(cfg.functions, r.function))
            issues.add(`${path}.function`, r.function, "is not a key of functions", Object.keys(cfg.functions).join(", ") || "(no functions)");
        if (r.authorizer !== undefined && !Object.hasOwn(cfg.authorizers, r.authorizer))
            issues.add(`${path}.authorizer`, r.authorizer, "is not a key of authorizers", Object.keys(cfg.authorizers).join(", ") || "(no authorizers)");
        const auth = r.authorizer === undefined ? undefined : cfg.authorizers[r.authorizer];
        // Only JWT authorizers check scopes; CreateRoute refuses AuthorizationScopes otherwise.
        if (r.scopes.length > 0 && auth?.type !== "jwt" && auth?.type !== "cognito")
            issues.add(`${path}.scopes`, r.scopes, "need a jwt authorizer on the route", "no scopes, or a jwt authorizer");
        // The app client signs in with SRP, whose access tokens carry the one scope below; custom scopes
        // (a resource server's) come only from the OAuth endpoints, so any other scope would refuse every caller.
        if (auth?.type === "cognito")
            r.scopes.forEach((s, i) => {
                if (s !== COGNITO_SRP_SCOPE)
                    issues.add(
                        `${path}.scopes[${i}]`,
                        s,
                        "is never in the tokens of the cognito authorizer's app client (SRP sign-in)",
                        `no scopes, or "${COGNITO_SRP_SCOPE}"`,
                    );
            });
        if (r.throttle) checkThrottle(issues, `${path}.throttle`, r.throttle);
    }
}

function checkAuthorizers(issues: Issues, cfg: ResolvedServerlessApi): void {
    for (const [key, a] of Object.entries(cfg.authorizers)) {
        const path = `authorizers.${key}`;
        issues.key(path, key);
        if (a.type === "jwt") {
            // API Gateway fetches the issuer's discovery document over TLS only.
            issues.match(
                `${path}.issuer`,
                a.issuer,
                /^https:\/\/[^\s/]+(\/\S*)?$/,
                'an https URL, e.g. "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC"',
            );
            if (a.audience.length === 0 || a.audience.some((x) => x === ""))
                issues.add(`${path}.audience`, a.audience, "is empty or has an empty entry", "one audience or more (client ids)");
        } else if (a.type === "cognito") {
            // The issuer is https://cognito-idp.<region>.amazonaws.com/<pool id>, the Region read from the id.
            if (isPlain(a.userPoolId))
                issues.match(`${path}.userPoolId`, a.userPoolId, USER_POOL_ID, 'a user pool id, "<region>_<id>", e.g. "us-east-1_AbCdEf123"');
        } else {
            if (!Object.hasOwn(cfg.functions, a.function))
                issues.add(`${path}.function`, a.function, "is not a key of functions", Object.keys(cfg.functions).join(", ") || "(no functions)");
            issues.int(`${path}.resultTtlSeconds`, a.resultTtlSeconds, ...API_LIMITS.resultTtlSeconds, " seconds");
        }
    }
}

/** A function no route or authorizer calls would be deployed, and billed for its logs, for nothing. */
function checkUnused(issues: Issues, cfg: ResolvedServerlessApi): void {
    const used = new Set<string>(Object.values(cfg.routes).map((r) => r.function));
    for (const a of Object.values(cfg.authorizers)) if (a.type === "lambda") used.add(a.function);
    for (const key of Object.keys(cfg.functions))
        if (!used.has(key)) issues.add(`functions.${key}`, key, "is used by no route or authorizer", "a route or a lambda authorizer naming it, or remove it");
}

function checkCors(issues: Issues, cors: NonNullable<ResolvedServerlessApi["cors"]>): void {
    if (cors.allowOrigins.length === 0) issues.add("cors.allowOrigins", [], "is empty", '["*"] or origins such as "https://app.example.com"');
    cors.allowOrigins.forEach((o, i) => {
        if (o !== "*") issues.match(`cors.allowOrigins[${i}]`, o, ORIGIN, '"*" or scheme://host[:port], with no path or trailing slash');
    });
    // Browsers refuse credentials with a wildcard origin, and API Gateway refuses the pair.
    if (cors.allowCredentials && cors.allowOrigins.includes("*"))
        issues.add("cors.allowCredentials", true, 'is not allowed with the origin "*"', "the origins listed one by one, or allowCredentials false");
    cors.allowMethods.forEach((m, i) => {
        issues.oneOf(`cors.allowMethods[${i}]`, m, ["*", ...ROUTE_METHODS.filter((x) => x !== "ANY")]);
    });
    issues.int("cors.maxAgeSeconds", cors.maxAgeSeconds, ...API_LIMITS.maxAgeSeconds, " seconds");
}

/**
 * A ServerlessApi's args: shape first, then `normalize`, then the value rules on the resolved
 * values, every issue at once. No resources; bundles the functions' entries (cached).
 */
export function validate(args: ServerlessApiArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, SERVERLESS_API_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkFunctions(issues, cfg.functions);
    checkRoutes(issues, cfg);
    checkAuthorizers(issues, cfg);
    checkUnused(issues, cfg);
    checkThrottle(issues, "throttle", cfg.throttle);
    if (cfg.cors) checkCors(issues, cfg.cors);
    issues.oneOf("accessLogRetentionDays", cfg.accessLogRetentionDays, LOG_RETENTION_DAYS);
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
