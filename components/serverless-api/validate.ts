import { nestedFunctionIssues } from "../lambda-function/validate";
import { Issue, Issues, isPlain } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { Shape, array, boolean, checkShape, custom, input, int, number, object, oneOf, optional, record, string, transform } from "../shared/shape";
import { API_DOMAIN_SHAPE, checkApiDomain, checkExecuteApiEndpoint } from "../shared/api-domain";
import { checkDomainName } from "../shared/hostnames";
import { HTTP_HEADER_NAME, checkSecurityGroupId, checkSubnetId, checkTags, checkVpcId } from "../shared/validators";
import type {
    CognitoAuthorizerArgs,
    CorsArgs,
    JwtAuthorizerArgs,
    LambdaAuthorizerArgs,
    ProxyRouteArgs,
    RouteArgs,
    ServerlessApiArgs,
    ThrottleArgs,
    VpcLinkArgs,
    VpcLinkTargetArgs,
} from "./args";
import { ResolvedServerlessApi, ResolvedThrottle, ResolvedVpcLink, normalize } from "./defaults";

export const THROTTLE_SHAPE = object<ThrottleArgs>()({ burstLimit: optional(int()), rateLimit: optional(number()) });

const ROUTE_SHAPE = object<RouteArgs>({ noun: "route field" })({
    function: string(),
    authorizer: optional(string()),
    scopes: optional(array(string())),
    throttle: optional(THROTTLE_SHAPE),
});

const PROXY_ROUTE_SHAPE = object<ProxyRouteArgs>({ noun: "route field" })({
    target: string(),
    stripPrefix: optional(boolean()),
    authorizer: optional(string()),
    scopes: optional(array(string())),
    throttle: optional(THROTTLE_SHAPE),
});

const VPC_LINK_SHAPE = object<VpcLinkArgs>()({
    subnetIds: input(array(input(string()))),
    vpcId: optional(input(string())),
    securityGroupIds: optional(array(input(string()))),
    targets: record(
        object<VpcLinkTargetArgs>({ noun: "target field" })({
            listenerArn: input(string()),
            protocol: oneOf(["HTTP", "HTTPS"]),
            port: int(),
            securityGroupId: input(string()),
            serverName: optional(string()),
            ingressRule: optional(boolean()),
            internal: optional(boolean()),
        }),
    ),
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
    exposeHeaders: optional(array(string())),
    allowCredentials: optional(boolean()),
    maxAgeSeconds: optional(int()),
});

export const SERVERLESS_API_SHAPE = object<ServerlessApiArgs>()({
    // Each function's args are checked by LambdaFunction's own validation (below), with its path.
    functions: record(custom("object", "LambdaFunction args { entry | imageUri, ... }", () => undefined)),
    routes: record(ROUTE_SHAPE),
    proxyRoutes: optional(record(PROXY_ROUTE_SHAPE)),
    vpcLink: optional(VPC_LINK_SHAPE),
    authorizers: optional(record(AUTHORIZER_SHAPE)),
    throttle: optional(THROTTLE_SHAPE),
    cors: optional(CORS_SHAPE),
    domain: optional(API_DOMAIN_SHAPE),
    disableExecuteApiEndpoint: optional(boolean()),
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
            vpcLink: optional(transform()),
            vpcLinkSecurityGroup: optional(transform()),
            proxyIntegration: optional(transform()),
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

/**
 * An Application Load Balancer listener's ARN: what an HTTP API private integration takes as its URI
 * (CreateIntegration refuses the load balancer's own ARN).
 */
export const ALB_LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}\/[0-9a-f]{16}$/;

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

export function checkThrottle(issues: Issues, path: string, t: ResolvedThrottle): void {
    issues.int(`${path}.burstLimit`, t.burstLimit, ...API_LIMITS.burstLimit, " requests (the account's default burst quota)");
    issues.number(`${path}.rateLimit`, t.rateLimit, ...API_LIMITS.rateLimit, " requests per second (the account's default quota)");
}

/** Each function's own checks under `functions.<key>`; an API of proxy routes only needs no function. */
export function checkFunctions(issues: Issues, functions: ServerlessApiArgs["functions"], proxies = 0): void {
    if (Object.keys(functions).length === 0 && proxies === 0) issues.add("functions", {}, "is empty", "one function or more, e.g. { items: { entry: ... } }");
    for (const [key, args] of Object.entries(functions)) {
        if (!issues.key(`functions.${key}`, key)) continue;
        // Code that does not build, or lacks its handler, registers nothing.
        issues.list.push(...nestedFunctionIssues(`functions.${key}`, args));
    }
}

/** The name of a route's trailing greedy path variable (`{proxy+}` → `proxy`), if it ends with one. */
export function greedyName(key: string): string | undefined {
    return /\/\{([A-Za-z0-9._-]+)\+\}$/.exec(key)?.[1];
}

/** What routes and proxy routes share: key syntax, child names, authorizer and scopes, throttle. */
function checkRouteCommon(
    issues: Issues,
    cfg: ResolvedServerlessApi,
    path: string,
    key: string,
    r: { authorizer?: string; scopes: string[]; throttle?: ResolvedThrottle },
    slugs: Map<string, string>,
): void {
    const problem = routeKeyProblem(key);
    if (problem) issues.add(path, key, problem, ROUTE_ALLOWED);
    const other = slugs.get(routeSlug(key));
    if (other !== undefined)
        issues.add(path, key, `names the same child as "${other}" (route-${routeSlug(key)})`, "route keys that differ in letters or digits, in one map only");
    slugs.set(routeSlug(key), key);
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

function checkRoutes(issues: Issues, cfg: ResolvedServerlessApi): void {
    if (Object.keys(cfg.routes).length === 0 && Object.keys(cfg.proxyRoutes).length === 0)
        issues.add("routes", {}, "is empty", 'one route or more, e.g. { "GET /items": { function: "items" } }');
    const slugs = new Map<string, string>();
    for (const [key, r] of Object.entries(cfg.routes)) {
        const path = `routes.${key}`;
        checkRouteCommon(issues, cfg, path, key, r, slugs);
        if (!Object.hasOwn(cfg.functions, r.function))
            issues.add(`${path}.function`, r.function, "is not a key of functions", Object.keys(cfg.functions).join(", ") || "(no functions)");
    }
    const targets = Object.keys(cfg.vpcLink?.targets ?? {});
    for (const [key, r] of Object.entries(cfg.proxyRoutes)) {
        const path = `proxyRoutes.${key}`;
        checkRouteCommon(issues, cfg, path, key, r, slugs);
        if (!cfg.vpcLink) issues.add(`${path}.target`, r.target, "needs vpcLink", "a vpcLink whose targets name it");
        else if (!targets.includes(r.target)) issues.add(`${path}.target`, r.target, "is not a key of vpcLink.targets", targets.join(", ") || "(no targets)");
        // The path is rewritten to the greedy variable's value: a route without one has nothing to keep.
        if (r.stripPrefix && greedyName(key) === undefined)
            issues.add(`${path}.stripPrefix`, true, "needs a route ending in a greedy {name+}", 'e.g. "ANY /legacy/{proxy+}", or stripPrefix false');
    }
}

/** The VPC link (v2) and its ALB listeners: ids, ARNs, ports, TLS names, and that each is used. */
function checkVpcLink(issues: Issues, link: ResolvedVpcLink | undefined, cfg: ResolvedServerlessApi): void {
    if (!link) return;
    if (isPlain(link.subnetIds)) {
        if (link.subnetIds.length === 0) issues.add("vpcLink.subnetIds", [], "is empty", "private subnet ids, in two Availability Zones or more");
        link.subnetIds.forEach((id, i) => {
            checkSubnetId(issues, `vpcLink.subnetIds[${i}]`, id);
        });
    }
    if (link.securityGroupIds === undefined && link.vpcId === undefined)
        issues.missing("vpcLink.vpcId", "the VPC of subnetIds, for the security group the component creates (or give securityGroupIds)");
    if (link.securityGroupIds !== undefined && link.vpcId !== undefined)
        issues.add(
            "vpcLink.vpcId",
            link.vpcId,
            "is unused with securityGroupIds (it only places the security group the component creates)",
            "one of vpcId and securityGroupIds",
        );
    if (link.vpcId !== undefined) checkVpcId(issues, "vpcLink.vpcId", link.vpcId);
    if (link.securityGroupIds?.length === 0) issues.add("vpcLink.securityGroupIds", [], "is empty", "one security group id or more, or leave it out");
    (link.securityGroupIds ?? []).forEach((id, i) => {
        checkSecurityGroupId(issues, `vpcLink.securityGroupIds[${i}]`, id);
    });
    const used = new Set(Object.values(cfg.proxyRoutes).map((r) => r.target));
    if (Object.keys(link.targets).length === 0)
        issues.add("vpcLink.targets", {}, "is empty", "one ALB listener or more, e.g. { legacy: platform.albTargets.public }");
    for (const [key, t] of Object.entries(link.targets)) {
        const path = `vpcLink.targets.${key}`;
        if (!issues.key(path, key)) continue;
        if (!used.has(key)) issues.add(path, key, "is used by no proxy route", "a proxyRoutes entry naming it, or remove it");
        if (isPlain(t.listenerArn))
            issues.match(
                `${path}.listenerArn`,
                t.listenerArn,
                ALB_LISTENER_ARN,
                "an Application Load Balancer listener ARN, arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<name>/<id>/<id> (not the load balancer's ARN)",
            );
        issues.int(`${path}.port`, t.port, 1, 65535);
        checkSecurityGroupId(issues, `${path}.securityGroupId`, t.securityGroupId);
        // HTTPS private integrations verify the listener's certificate against serverNameToVerify; with none,
        // API Gateway speaks plain HTTP, which an HTTPS listener refuses.
        if (t.protocol === "HTTPS") {
            if (t.serverName === undefined) issues.missing(`${path}.serverName`, "a host name in the listener's certificate, for API Gateway to verify");
            else checkDomainName(issues, `${path}.serverName`, t.serverName);
        } else if (t.serverName !== undefined)
            issues.add(`${path}.serverName`, t.serverName, "is only for an HTTPS listener", "no serverName, or protocol HTTPS");
    }
    if (Object.keys(cfg.proxyRoutes).length === 0) issues.add("vpcLink", "{...}", "is used by no proxy route", "proxyRoutes naming its targets, or no vpcLink");
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
    cors.exposeHeaders.forEach((h, i) => {
        issues.match(`cors.exposeHeaders[${i}]`, h, HTTP_HEADER_NAME, 'an HTTP header name, or "*"');
        // With credentials, browsers read "*" in Access-Control-Expose-Headers as a header named "*" (Fetch standard, CORS protocol).
        if (h === "*" && cors.allowCredentials)
            issues.add(`cors.exposeHeaders[${i}]`, h, "exposes no header when credentials are allowed", "the header names one by one");
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
    checkFunctions(issues, cfg.functions, Object.keys(cfg.proxyRoutes).length);
    checkRoutes(issues, cfg);
    checkVpcLink(issues, cfg.vpcLink, cfg);
    checkAuthorizers(issues, cfg);
    checkUnused(issues, cfg);
    checkThrottle(issues, "throttle", cfg.throttle);
    if (cfg.cors) checkCors(issues, cfg.cors);
    if (cfg.domain) checkApiDomain(issues, "domain", cfg.domain);
    checkExecuteApiEndpoint(issues, cfg.disableExecuteApiEndpoint, cfg.domain);
    issues.oneOf("accessLogRetentionDays", cfg.accessLogRetentionDays, LOG_RETENTION_DAYS);
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
