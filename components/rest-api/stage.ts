import { createHash } from "node:crypto";
import * as apigateway from "@pulumi/aws/apigateway";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as pulumi from "@pulumi/pulumi";
import { routeSlug } from "../serverless-api/validate";
import { RoleResources, assumeRolePolicy, awsManagedPolicyArn, createRole } from "../shared/iam";
import { mapValues } from "../shared/defaults";
import { childName } from "../shared/naming";
import { COMMON_ACCESS_LOG_FORMAT } from "../shared/access-log";
import { create } from "../shared/transform";
import type { ResolvedRoute, ResolvedThrottle } from "./defaults";
import type { Ctx, RouteResources } from "./routes";

/**
 * One line per request, as JSON, with documented REST API `$context` variables
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference),
 * the TLS version and cipher included so a security policy change can be checked against real clients.
 */
export const REST_ACCESS_LOG_FORMAT: Record<string, string> = {
    ...COMMON_ACCESS_LOG_FORMAT,
    extendedRequestId: "$context.extendedRequestId",
    resourcePath: "$context.resourcePath",
    apiKeyId: "$context.identity.apiKeyId",
    tlsVersion: "$context.tlsVersion",
    cipherSuite: "$context.cipherSuite",
};

/**
 * The stage's method setting key for a route: the resource path with every `/` written `~1`, then
 * the method (`~1items~1{id}/GET`, root `~1/GET`). The provider passes it to UpdateStage as is, and a
 * plain `items/{id}/GET` is refused for nested paths (hashicorp/terraform-provider-aws#9738).
 */
export function methodPath(r: Pick<ResolvedRoute, "method" | "path">): string {
    return `${r.path.replace(/\//g, "~1")}/${r.method}`;
}

/** The methods a request can have: what an ANY route answers. */
export const HTTP_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"] as const;

/**
 * The concrete methods whose settings carry a route's: an ANY route's settings are read per request
 * method, so they are written for each method the path has no route of its own for (as the
 * serverless-api-gateway-throttling and -caching plugins do); other routes are their own method.
 */
export function settingsMethods(key: string, r: ResolvedRoute, routes: Record<string, ResolvedRoute>): Array<{ key: string; method: string }> {
    if (r.method !== "ANY") return [{ key, method: r.method }];
    const own = new Set(
        Object.values(routes)
            .filter((o) => o.path === r.path)
            .map((o) => o.method),
    );
    return HTTP_METHODS.filter((m) => !own.has(m)).map((m) => ({ key: `${m} ${r.path}`, method: m }));
}

/** The parts of the API a deployment snapshots, besides the routes' own resources. */
export interface SnapshotParts {
    routes: Record<string, RouteResources>;
    authorizers: Record<string, apigateway.Authorizer>;
    validators: Record<string, apigateway.RequestValidator>;
}

/**
 * A hash of what a deployment snapshots, read from the child resources themselves (after their
 * transforms): methods, integrations (URI, credentials, templates, caching), responses, models,
 * validators and authorizers. A stage serves the snapshot of its deployment, not the live
 * configuration (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-deployments.html):
 * a change of any of these, such as a function given an alias (a new integration URI and a
 * permission on the alias only), must yield a new hash, so a new Deployment replaces the old
 * (created first, then the stage moves to it). Unchanged resources have known outputs at preview,
 * so an unchanged API keeps its hash.
 */
export function snapshotHash(parts: SnapshotParts): pulumi.Output<string> {
    const routes = Object.fromEntries(
        Object.entries(parts.routes).map(([key, r]) => [
            key,
            {
                method: pick(r.method, [
                    "resourceId",
                    "httpMethod",
                    "authorization",
                    "authorizerId",
                    "authorizationScopes",
                    "apiKeyRequired",
                    "requestParameters",
                    "requestModels",
                    "requestValidatorId",
                ]),
                integration: pick(r.integration, [
                    "type",
                    "uri",
                    "integrationHttpMethod",
                    "credentials",
                    "requestTemplates",
                    "requestParameters",
                    "passthroughBehavior",
                    "contentHandling",
                    "timeoutMilliseconds",
                    "cacheKeyParameters",
                    "cacheNamespace",
                ]),
                model: r.model && pick(r.model, ["name", "contentType", "schema"]),
                methodResponses: mapValues(r.proxy?.methodResponses ?? {}, (m) => pick(m, ["statusCode", "responseModels", "responseParameters"])),
                integrationResponses: mapValues(r.proxy?.integrationResponses ?? {}, (i) =>
                    pick(i, ["statusCode", "selectionPattern", "responseTemplates", "responseParameters", "contentHandling"]),
                ),
            },
        ]),
    );
    const snapshot = {
        routes,
        authorizers: mapValues(parts.authorizers, (a) =>
            pick(a, [
                "type",
                "authorizerUri",
                "authorizerCredentials",
                "identitySource",
                "identityValidationExpression",
                "providerArns",
                "authorizerResultTtlInSeconds",
            ]),
        ),
        validators: mapValues(parts.validators, (v) => pick(v, ["validateRequestBody", "validateRequestParameters"])),
    };
    return pulumi.output(snapshot).apply((s) => createHash("sha256").update(JSON.stringify(s)).digest("hex"));
}

/** The named outputs of a resource, as one object of Outputs. */
function pick<R, K extends keyof R>(resource: R, keys: K[]): Record<string, R[K]> {
    return Object.fromEntries(keys.map((k) => [k, resource[k]])) as Record<string, R[K]>;
}

/** The account's CloudWatch role for API Gateway (one per account and Region), when asked. */
export function createAccount(ctx: Ctx): { role: RoleResources; account: apigateway.Account } | undefined {
    if (!ctx.cfg.accountCloudWatchRole) return undefined;
    const t = ctx.cfg.transform;
    const partition = ctx.api.arn.apply((a) => a.split(":")[1]);
    // Retained when the stack goes (as SST's setupApiGatewayAccount does): the setting outlives its
    // owner, and other stacks' APIs keep logging through the role it names.
    const retained = { ...ctx.opts, retainOnDelete: true };
    const role = createRole(
        childName(ctx.name, "account-role"),
        {
            description: "API Gateway writes REST API logs to CloudWatch Logs (account setting)",
            assumeRolePolicy: assumeRolePolicy("apigateway.amazonaws.com"),
            managedPolicies: { "push-to-cloudwatch-logs": awsManagedPolicyArn(partition, "service-role/AmazonAPIGatewayPushToCloudWatchLogs") },
            tags: ctx.tags,
        },
        retained,
        t.accountRole,
    );
    const account = create(apigateway.Account, childName(ctx.name, "account"), { cloudwatchRoleArn: role.arn }, retained, t.account);
    return { role, account };
}

export interface StageResources {
    deployment: apigateway.Deployment;
    accessLogs: cloudwatch.LogGroup;
    /** The execution log group, unless `loggingLevel` is `OFF`. */
    executionLogs?: cloudwatch.LogGroup;
    stage: apigateway.Stage;
    /** `*` (the stage's defaults) and one per route with its own throttle or cache, by route key (an ANY route's by `<METHOD> <path>`). */
    methodSettings: Record<string, apigateway.MethodSettings>;
}

const throttling = (t: ResolvedThrottle) => ({ throttlingBurstLimit: t.burstLimit, throttlingRateLimit: t.rateLimit });

export function createStage(ctx: Ctx, snapshot: SnapshotParts, account: apigateway.Account | undefined): StageResources {
    const { name, cfg } = ctx;
    const t = cfg.transform;
    // Every method and integration (and their responses) must exist before the snapshot is taken.
    const parts = Object.values(snapshot.routes).flatMap((r) => [
        r.method,
        r.integration,
        ...Object.values(r.proxy?.integrationResponses ?? {}),
        ...Object.values(r.proxy?.methodResponses ?? {}),
    ]);
    const deployment = create(
        apigateway.Deployment,
        childName(name, "deployment"),
        { restApi: ctx.api.id, description: `${Object.keys(cfg.routes).length} routes`, triggers: { redeployment: snapshotHash(snapshot) } },
        { ...ctx.opts, dependsOn: parts },
        t.deployment,
    );
    const accessLogs = create(
        cloudwatch.LogGroup,
        childName(name, "access-logs"),
        { retentionInDays: cfg.accessLogRetentionDays, tags: ctx.tags },
        ctx.opts,
        t.accessLogs,
    );
    const stage = create(
        apigateway.Stage,
        childName(name, "stage"),
        {
            restApi: ctx.api.id,
            deployment: deployment.id,
            stageName: cfg.stageName,
            xrayTracingEnabled: cfg.tracing,
            cacheClusterEnabled: cfg.cache !== undefined,
            cacheClusterSize: cfg.cache?.sizeGb,
            accessLogSettings: { destinationArn: accessLogs.arn, format: JSON.stringify(REST_ACCESS_LOG_FORMAT) },
            tags: ctx.tags,
        },
        // Logging from a stage fails ("CloudWatch Logs role ARN must be set in account settings") until the account has its role.
        { ...ctx.opts, dependsOn: account ? [account] : [] },
        t.stage,
    );
    // API Gateway creates this group on its first log line, with no retention (logs kept forever): created here
    // first, with a retention (https://docs.aws.amazon.com/apigateway/latest/developerguide/view-cloudwatch-log-events-in-cloudwatch-console.html).
    const executionLogs =
        cfg.loggingLevel === "OFF"
            ? undefined
            : create(
                  cloudwatch.LogGroup,
                  childName(name, "execution-logs"),
                  {
                      name: pulumi.interpolate`API-Gateway-Execution-Logs_${ctx.api.id}/${cfg.stageName}`,
                      retentionInDays: cfg.accessLogRetentionDays,
                      tags: ctx.tags,
                  },
                  ctx.opts,
                  t.executionLogs,
              );
    const common = { metricsEnabled: cfg.metricsEnabled, loggingLevel: cfg.loggingLevel, dataTraceEnabled: false };
    const settings = (key: string, path: string, s: apigateway.MethodSettingsArgs["settings"]) =>
        create(
            apigateway.MethodSettings,
            childName(name, "method-settings", key),
            { restApi: ctx.api.id, stageName: stage.stageName, methodPath: path, settings: s },
            { ...ctx.opts, dependsOn: executionLogs ? [executionLogs] : [] },
            t.methodSettings,
        );
    const methodSettings: Record<string, apigateway.MethodSettings> = {
        "*": settings("all", "*/*", { ...common, ...throttling(cfg.throttle), cachingEnabled: false }),
    };
    for (const [routeKey, r] of Object.entries(cfg.routes)) {
        if (!r.throttle && !r.cache) continue;
        for (const { key, method } of settingsMethods(routeKey, r, cfg.routes))
            methodSettings[key] = settings(routeSlug(key), methodPath({ method, path: r.path }), {
                ...common,
                ...throttling(r.throttle ?? cfg.throttle),
                cachingEnabled: r.cache !== undefined,
                cacheTtlInSeconds: r.cache?.ttlSeconds,
                cacheDataEncrypted: r.cache ? true : undefined,
                // A caller may skip the cache (Cache-Control: max-age=0) only with execute-api:InvalidateCache; others are ignored, not refused.
                requireAuthorizationForCacheControl: r.cache ? true : undefined,
                unauthorizedCacheControlHeaderStrategy: r.cache ? "SUCCEED_WITH_RESPONSE_HEADER" : undefined,
            });
    }
    return { deployment, accessLogs, ...(executionLogs ? { executionLogs } : {}), stage, methodSettings };
}

export interface UsageResources {
    usagePlans: Record<string, apigateway.UsagePlan>;
    apiKeys: Record<string, apigateway.ApiKey>;
    usagePlanKeys: Record<string, apigateway.UsagePlanKey>;
}

/** Usage plans on this stage, API keys (values generated by API Gateway), and the links between them. */
export function createUsage(ctx: Ctx, stage: apigateway.Stage): UsageResources {
    const t = ctx.cfg.transform;
    const apiKeys = Object.fromEntries(
        Object.entries(ctx.cfg.apiKeys).map(([key, k]) => [
            key,
            create(
                apigateway.ApiKey,
                childName(ctx.name, "api-key", key),
                { enabled: k.enabled, description: k.description, tags: ctx.tags },
                ctx.opts,
                t.apiKey,
            ),
        ]),
    );
    const usagePlanKeys: Record<string, apigateway.UsagePlanKey> = {};
    const usagePlans = Object.fromEntries(
        Object.entries(ctx.cfg.usagePlans).map(([key, p]) => {
            const plan = create(
                apigateway.UsagePlan,
                childName(ctx.name, "usage-plan", key),
                {
                    apiStages: [{ apiId: ctx.api.id, stage: stage.stageName }],
                    throttleSettings: p.throttle && { burstLimit: p.throttle.burstLimit, rateLimit: p.throttle.rateLimit },
                    quotaSettings: p.quota && { limit: p.quota.limit, period: p.quota.period, offset: p.quota.offset },
                    tags: ctx.tags,
                },
                ctx.opts,
                t.usagePlan,
            );
            for (const k of p.apiKeys)
                usagePlanKeys[`${key}-${k}`] = create(
                    apigateway.UsagePlanKey,
                    childName(ctx.name, "usage-plan-key", key, k),
                    { keyId: apiKeys[k].id, keyType: "API_KEY", usagePlanId: plan.id },
                    ctx.opts,
                    t.usagePlanKey,
                );
            return [key, plan];
        }),
    );
    return { usagePlans, apiKeys, usagePlanKeys };
}
