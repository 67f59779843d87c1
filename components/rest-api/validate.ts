import { API_DOMAIN_SHAPE, checkApiDomain, checkExecuteApiEndpoint } from "../shared/api-domain";
import { Issue, Issues, isPlain } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { Shape, array, boolean, checkShape, custom, input, int, json, object, oneOf, optional, record, string, transform } from "../shared/shape";
import { HTTP_HEADER_NAME, checkKmsKeyArn, checkTags } from "../shared/validators";
import { API_LIMITS, ROUTE_METHODS, THROTTLE_SHAPE, checkFunctions, checkThrottle, routeKeyProblem, routeSlug } from "../serverless-api/validate";
import {
    ApiKeyArgs,
    CACHE_SIZES,
    CacheArgs,
    DYNAMODB_ACTIONS,
    DynamoDbIntegrationArgs,
    LambdaIntegrationArgs,
    ParametersArgs,
    QuotaArgs,
    RestApiArgs,
    RestCognitoAuthorizerArgs,
    RestLambdaAuthorizerArgs,
    RestRouteArgs,
    RouteCacheArgs,
    SqsIntegrationArgs,
    UsagePlanArgs,
} from "./args";
import { PUBLIC, ResolvedRestApi, ResolvedRoute, normalize } from "./defaults";

/** A discriminated union: `type` picks the shape. */
const byType = (noun: string, shapes: Record<string, Shape>): Shape =>
    custom(
        "object",
        Object.keys(shapes)
            .map((t) => `{ type: "${t}", ... }`)
            .join(", "),
        (issues, path, value) => {
            const type = (value as { type?: unknown }).type;
            if (typeof type === "string" && Object.hasOwn(shapes, type)) checkShape(issues, shapes[type], value, path);
            else
                issues.add(
                    `${path}.type`,
                    type,
                    type === undefined ? "is required" : `is not a ${noun} type`,
                    Object.keys(shapes)
                        .map((t) => `"${t}"`)
                        .join(", "),
                );
        },
    );

const INTEGRATION_SHAPE = byType("integration", {
    lambda: object<LambdaIntegrationArgs>({ noun: "integration field" })({ type: oneOf(["lambda"]), function: string() }),
    dynamodb: object<DynamoDbIntegrationArgs>({ noun: "integration field" })({
        type: oneOf(["dynamodb"]),
        action: oneOf(DYNAMODB_ACTIONS),
        tableArn: input(string()),
        tableName: input(string()),
        kmsKeyArn: optional(input(string())),
        keyAttribute: optional(string({ nonEmpty: true })),
        requestTemplate: optional(input(string())),
        responseTemplate: optional(input(string())),
    }),
    sqs: object<SqsIntegrationArgs>({ noun: "integration field" })({ type: oneOf(["sqs"]), queueArn: input(string()), kmsKeyArn: optional(input(string())) }),
});

const ROUTE_SHAPE = object<RestRouteArgs>({ noun: "route field" })({
    integration: INTEGRATION_SHAPE,
    authorizer: string(),
    scopes: optional(array(string())),
    apiKeyRequired: optional(boolean()),
    parameters: optional(object<ParametersArgs>()({ querystring: optional(record(boolean())), header: optional(record(boolean())) })),
    bodySchema: optional(custom("object", "a JSON Schema object (draft-04)", (issues, path, value) => checkShape(issues, json(), value, path))),
    cache: optional(object<RouteCacheArgs>()({ ttlSeconds: optional(int()), keyParameters: optional(array(string())) })),
    throttle: optional(THROTTLE_SHAPE),
});

const AUTHORIZER_SHAPE = byType("authorizer", {
    lambda: object<RestLambdaAuthorizerArgs>({ noun: "authorizer field" })({
        type: oneOf(["lambda"]),
        function: string(),
        identity: optional(oneOf(["token", "request"])),
        header: optional(string({ nonEmpty: true })),
        resultTtlSeconds: optional(int()),
    }),
    cognito: object<RestCognitoAuthorizerArgs>({ noun: "authorizer field" })({ type: oneOf(["cognito"]), userPoolArns: array(input(string())) }),
});

export const REST_API_SHAPE = object<RestApiArgs>()({
    // Each function's args are checked by LambdaFunction's own validation, with its path.
    functions: optional(record(custom("object", "LambdaFunction args { entry | imageUri, ... }", () => undefined))),
    routes: record(ROUTE_SHAPE),
    authorizers: optional(record(AUTHORIZER_SHAPE)),
    stageName: optional(string()),
    throttle: optional(THROTTLE_SHAPE),
    cache: optional(object<CacheArgs>()({ sizeGb: oneOf(CACHE_SIZES), ttlSeconds: optional(int()) })),
    usagePlans: optional(
        record(
            object<UsagePlanArgs>({ noun: "usage plan field" })({
                apiKeys: array(string()),
                throttle: optional(THROTTLE_SHAPE),
                quota: optional(object<QuotaArgs>()({ limit: int(), period: oneOf(["DAY", "WEEK", "MONTH"]), offset: optional(int()) })),
            }),
        ),
    ),
    apiKeys: optional(record(object<ApiKeyArgs>()({ enabled: optional(boolean()), description: optional(string()) }))),
    accessLogRetentionDays: optional(int()),
    loggingLevel: optional(oneOf(["OFF", "ERROR", "INFO"])),
    metricsEnabled: optional(boolean()),
    tracing: optional(boolean()),
    securityPolicy: optional(oneOf(["TLS_1_2", "SecurityPolicy_TLS13_1_2_2021_06", "SecurityPolicy_TLS13_1_3_2025_09"])),
    domain: optional(API_DOMAIN_SHAPE),
    disableExecuteApiEndpoint: optional(boolean()),
    accountCloudWatchRole: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<RestApiArgs["transform"]>>()({
            api: optional(transform()),
            resource: optional(transform()),
            method: optional(transform()),
            integration: optional(transform()),
            integrationResponse: optional(transform()),
            methodResponse: optional(transform()),
            permission: optional(transform()),
            authorizer: optional(transform()),
            model: optional(transform()),
            requestValidator: optional(transform()),
            proxyRole: optional(transform()),
            deployment: optional(transform()),
            stage: optional(transform()),
            methodSettings: optional(transform()),
            accessLogs: optional(transform()),
            executionLogs: optional(transform()),
            usagePlan: optional(transform()),
            apiKey: optional(transform()),
            usagePlanKey: optional(transform()),
            accountRole: optional(transform()),
            account: optional(transform()),
        }),
    ),
});

/**
 * REST API limits: cache TTL 0–3600 seconds (UpdateStage caching/ttlInSeconds); quota offsets
 * (QuotaSettings: WEEK 0–6, MONTH 0–27, DAY 0); stage names `[A-Za-z0-9_-]{1,128}` (CreateStage).
 */
export const REST_API_LIMITS = {
    cacheTtlSeconds: [0, 3600],
    quotaOffset: { DAY: 0, WEEK: 6, MONTH: 27 },
} as const;

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/;
const QUEUE_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[a-z0-9-]+_[0-9A-Za-z]+$/;
const QUERY = /^[A-Za-z0-9._~-]+$/;
const ROUTE_ALLOWED = `"METHOD /path" with METHOD one of ${ROUTE_METHODS.join(", ")}; segments of letters, digits and '._~-', {param}, or {proxy+} as the last`;
/** Actions whose built-in template reads the item's key from the last path parameter. */
const KEYED_ACTIONS = ["GetItem", "DeleteItem"];
/** Attributes the built-in PutItem template writes besides the key. */
const PUT_ITEM_ATTRIBUTES = ["body", "receivedAt"];

/** Every path prefix `createResources` makes a Resource of: `/a/{b}` → `/a`, `/a/{b}`. */
export function pathPrefixes(path: string): string[] {
    const segments = path.split("/").filter(Boolean);
    return segments.map((_, i) => `/${segments.slice(0, i + 1).join("/")}`);
}

const keysOf = (rec: Record<string, unknown>, none: string) => Object.keys(rec).join(", ") || none;

function checkRouteKeys(issues: Issues, cfg: ResolvedRestApi): void {
    const slugs = new Map<string, string>();
    // A REST API resource has at most one variable child: /items/{id} and /items/{name} cannot both exist (BadRequestException).
    const variables = new Map<string, string>();
    const resourceSlugs = new Map<string, string>();
    for (const key of Object.keys(cfg.routes)) {
        const path = `routes.${key}`;
        const problem = key === "$default" ? "is an HTTP API route; a REST API has none" : routeKeyProblem(key);
        if (problem) {
            issues.add(path, key, problem, key === "$default" ? '"ANY /{proxy+}"' : ROUTE_ALLOWED);
            continue;
        }
        const other = slugs.get(routeSlug(key));
        if (other !== undefined) issues.add(path, key, `names the same children as "${other}"`, "route keys that differ in letters or digits");
        slugs.set(routeSlug(key), key);
        // Each path prefix becomes a Resource named resource-<slug>: /items/{id} and /items/id (or /a-b and /a/b) would be one URN.
        // A method-settings child is named by <method>-<path slug>, so distinct paths with distinct slugs keep those apart too.
        for (const prefix of pathPrefixes(cfg.routes[key].path)) {
            const seen = resourceSlugs.get(routeSlug(prefix));
            if (seen !== undefined && seen !== prefix)
                issues.add(
                    path,
                    key,
                    `makes the resource ${prefix}, whose child name (resource-${routeSlug(prefix)}) is that of ${seen}`,
                    "paths whose prefixes differ in letters or digits, not only in braces or punctuation",
                );
            else resourceSlugs.set(routeSlug(prefix), prefix);
        }
        const segments = cfg.routes[key].path.split("/").filter(Boolean);
        segments.forEach((s, i) => {
            if (!s.startsWith("{")) return;
            const parent = `/${segments.slice(0, i).join("/")}`;
            const seen = variables.get(parent);
            if (seen !== undefined && seen !== s)
                issues.add(
                    path,
                    key,
                    `puts ${s} beside ${seen} under ${parent}: a REST API resource has one variable child`,
                    `the same parameter name under ${parent}`,
                );
            else variables.set(parent, s);
        });
    }
}

function checkIntegration(issues: Issues, path: string, r: ResolvedRoute, cfg: ResolvedRestApi): void {
    const i = r.integration;
    if (i.type === "lambda") {
        if (!Object.hasOwn(cfg.functions, i.function))
            issues.add(`${path}.function`, i.function, "is not a key of functions", keysOf(cfg.functions, "(no functions)"));
    } else if (i.type === "dynamodb") {
        if (isPlain(i.tableArn))
            issues.match(`${path}.tableArn`, i.tableArn, TABLE_ARN, "a DynamoDB table ARN, arn:aws:dynamodb:<region>:<account>:table/<name>");
        checkKmsKeyArn(issues, `${path}.kmsKeyArn`, i.kmsKeyArn);
        const builtIn = i.action === "PutItem" || KEYED_ACTIONS.includes(i.action);
        // The built-in PutItem item holds `body` and `receivedAt` beside the key: the key cannot be either.
        if (i.action === "PutItem" && i.requestTemplate === undefined && i.keyAttribute !== undefined && PUT_ITEM_ATTRIBUTES.includes(i.keyAttribute))
            issues.add(
                `${path}.keyAttribute`,
                i.keyAttribute,
                "is an attribute the built-in PutItem template writes",
                `another name than ${PUT_ITEM_ATTRIBUTES.join(", ")}`,
            );
        if (i.requestTemplate === undefined && !builtIn)
            issues.add(
                `${path}.requestTemplate`,
                undefined,
                `is required for ${i.action}`,
                "a VTL template producing the action's JSON, or the action PutItem, GetItem or DeleteItem",
            );
        if (i.requestTemplate === undefined && KEYED_ACTIONS.includes(i.action) && r.pathParameters.length === 0)
            issues.add(
                `${path}.action`,
                i.action,
                "reads the key from a path parameter, and the route has none",
                "a route such as GET /items/{id}, or a requestTemplate",
            );
    } else {
        if (isPlain(i.queueArn)) issues.match(`${path}.queueArn`, i.queueArn, QUEUE_ARN, "an SQS queue ARN, arn:aws:sqs:<region>:<account>:<name>");
        // SendMessage to a FIFO queue requires MessageGroupId, which the built-in template does not send: every call would be a 400.
        if (isPlain(i.queueArn) && i.queueArn.endsWith(".fifo"))
            issues.add(`${path}.queueArn`, i.queueArn, "is a FIFO queue: SendMessage needs a MessageGroupId the route does not send", "a standard queue");
        checkKmsKeyArn(issues, `${path}.kmsKeyArn`, i.kmsKeyArn);
    }
}

function checkRoute(issues: Issues, key: string, r: ResolvedRoute, cfg: ResolvedRestApi): void {
    const path = `routes.${key}`;
    checkIntegration(issues, `${path}.integration`, r, cfg);
    const auth = r.authorizer === PUBLIC ? undefined : cfg.authorizers[r.authorizer];
    if (r.authorizer !== PUBLIC && !Object.hasOwn(cfg.authorizers, r.authorizer))
        issues.add(
            `${path}.authorizer`,
            r.authorizer,
            "is not a key of authorizers",
            `"${PUBLIC}" (a public route) or ${keysOf(cfg.authorizers, "(no authorizers)")}`,
        );
    // PutMethod accepts authorizationScopes only with COGNITO_USER_POOLS.
    if (r.scopes.length > 0 && auth?.type !== "cognito")
        issues.add(`${path}.scopes`, r.scopes, "need a cognito authorizer on the route", "no scopes, or a cognito authorizer");
    for (const [kind, names, pattern] of [
        ["querystring", r.querystring, QUERY],
        ["header", r.header, HTTP_HEADER_NAME],
    ] as const)
        for (const n of Object.keys(names))
            issues.match(`${path}.parameters.${kind}.${n}`, n, pattern, kind === "header" ? "an HTTP header name" : "letters, digits and '._~-'");
    if (r.bodySchema !== undefined) {
        const s = r.bodySchema.$schema;
        // API Gateway models are JSON Schema draft 4 (https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html).
        if (s !== undefined && s !== "http://json-schema.org/draft-04/schema#")
            issues.add(`${path}.bodySchema.$schema`, s, "is not draft-04", '"http://json-schema.org/draft-04/schema#" or no $schema');
    }
    if (r.cache) {
        if (!cfg.cache) issues.add(`${path}.cache`, {}, "needs the API's cache cluster", "cache: { sizeGb: ... } on the API, or no cache on the route");
        // Caching other methods would replay one caller's write answer to the next.
        if (r.method !== "GET") issues.add(`${path}.cache`, r.method, "caches a method other than GET", "cache on GET routes only");
        issues.int(`${path}.cache.ttlSeconds`, r.cache.ttlSeconds, ...REST_API_LIMITS.cacheTtlSeconds, " seconds");
        const declared = new Set([
            ...r.pathParameters.map((p) => `path.${p}`),
            ...Object.keys(r.querystring).map((q) => `querystring.${q}`),
            ...Object.keys(r.header).map((h) => `header.${h}`),
        ]);
        r.cache.keyParameters.forEach((p, n) => {
            if (!declared.has(p))
                issues.add(`${path}.cache.keyParameters[${n}]`, p, "is not a parameter of the route", [...declared].join(", ") || "(the route declares none)");
        });
    }
    if (r.throttle) checkThrottle(issues, `${path}.throttle`, r.throttle);
}

function checkAuthorizers(issues: Issues, cfg: ResolvedRestApi): void {
    for (const [key, a] of Object.entries(cfg.authorizers)) {
        const path = `authorizers.${key}`;
        issues.key(path, key);
        if (key === PUBLIC) issues.add(path, key, `is the word routes use for a public route`, "another key");
        if (a.type === "lambda") {
            if (!Object.hasOwn(cfg.functions, a.function))
                issues.add(`${path}.function`, a.function, "is not a key of functions", keysOf(cfg.functions, "(no functions)"));
            issues.int(`${path}.resultTtlSeconds`, a.resultTtlSeconds, ...API_LIMITS.resultTtlSeconds, " seconds");
            issues.match(`${path}.header`, a.header, HTTP_HEADER_NAME, "an HTTP header name");
        } else {
            if (a.userPoolArns.length === 0) issues.add(`${path}.userPoolArns`, [], "is empty", "one user pool ARN or more");
            a.userPoolArns.forEach((arn, n) => {
                if (isPlain(arn))
                    issues.match(`${path}.userPoolArns[${n}]`, arn, USER_POOL_ARN, "arn:aws:cognito-idp:<region>:<account>:userpool/<region>_<id>");
            });
        }
    }
}

function checkUsage(issues: Issues, cfg: ResolvedRestApi): void {
    const planOf = new Map<string, string>();
    for (const [key, p] of Object.entries(cfg.usagePlans)) {
        const path = `usagePlans.${key}`;
        issues.key(path, key);
        p.apiKeys.forEach((k, n) => {
            if (!Object.hasOwn(cfg.apiKeys, k)) issues.add(`${path}.apiKeys[${n}]`, k, "is not a key of apiKeys", keysOf(cfg.apiKeys, "(no apiKeys)"));
            // CreateUsagePlanKey refuses a key already in another plan of the same stage.
            const other = planOf.get(k);
            if (other !== undefined)
                issues.add(`${path}.apiKeys[${n}]`, k, `is already in the usage plan "${other}" of this stage`, "each API key in one plan");
            planOf.set(k, key);
        });
        if (p.throttle) checkThrottle(issues, `${path}.throttle`, p.throttle);
        if (p.quota) {
            issues.int(`${path}.quota.limit`, p.quota.limit, 1, Number.MAX_SAFE_INTEGER, " requests");
            issues.int(`${path}.quota.offset`, p.quota.offset, 0, REST_API_LIMITS.quotaOffset[p.quota.period], ` days into a ${p.quota.period}`);
        }
    }
    for (const key of Object.keys(cfg.apiKeys)) {
        issues.key(`apiKeys.${key}`, key);
        if (!planOf.has(key)) issues.add(`apiKeys.${key}`, key, "is in no usage plan, so API Gateway refuses it", "a usage plan listing it in apiKeys");
    }
    const keyed = Object.entries(cfg.routes).filter(([, r]) => r.apiKeyRequired);
    if (keyed.length > 0 && planOf.size === 0)
        issues.add(`routes.${keyed[0][0]}.apiKeyRequired`, true, "needs a usage plan with an API key, or every call is refused", "usagePlans and apiKeys");
}

/** A function no route or authorizer calls would be deployed, and billed for its logs, for nothing. */
function checkUnused(issues: Issues, cfg: ResolvedRestApi): void {
    const used = new Set<string>();
    for (const r of Object.values(cfg.routes)) if (r.integration.type === "lambda") used.add(r.integration.function);
    for (const a of Object.values(cfg.authorizers)) if (a.type === "lambda") used.add(a.function);
    for (const key of Object.keys(cfg.functions))
        if (!used.has(key)) issues.add(`functions.${key}`, key, "is used by no route or authorizer", "a lambda route or authorizer naming it, or remove it");
}

/**
 * A RestApi's args: shape first, then `normalize`, then the value rules on the resolved values,
 * every issue at once. No resources; bundles the functions' entries (cached).
 */
export function validate(args: RestApiArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, REST_API_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    if (Object.keys(cfg.functions).length > 0) checkFunctions(issues, cfg.functions);
    if (Object.keys(cfg.routes).length === 0) issues.add("routes", {}, "is empty", 'one route or more, e.g. { "GET /items": { ... } }');
    checkRouteKeys(issues, cfg);
    for (const [key, r] of Object.entries(cfg.routes)) checkRoute(issues, key, r, cfg);
    checkAuthorizers(issues, cfg);
    checkUnused(issues, cfg);
    issues.match("stageName", cfg.stageName, STAGE_NAME, "1 to 128 letters, digits, '-' and '_'");
    checkThrottle(issues, "throttle", cfg.throttle);
    if (cfg.cache) issues.int("cache.ttlSeconds", cfg.cache.ttlSeconds, ...REST_API_LIMITS.cacheTtlSeconds, " seconds");
    checkUsage(issues, cfg);
    if (cfg.domain) checkApiDomain(issues, "domain", cfg.domain);
    checkExecuteApiEndpoint(issues, cfg.disableExecuteApiEndpoint, cfg.domain);
    issues.oneOf("accessLogRetentionDays", cfg.accessLogRetentionDays, LOG_RETENTION_DAYS);
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
