import * as apigateway from "@pulumi/aws/apigateway";
import type * as lambda from "@pulumi/aws/lambda";
import * as pulumi from "@pulumi/pulumi";
import type { LambdaFunction } from "../lambda-function/lambda-function";
import { routeSlug } from "../serverless-api/validate";
import { apiGatewayPermission } from "../shared/api-permission";
import { childName } from "../shared/naming";
import { create } from "../shared/transform";
import { PUBLIC, ResolvedRestApi, ResolvedRoute } from "./defaults";
import { ProxyIntegration, createProxyIntegration } from "./proxies";
import { pathPrefixes } from "./validate";

export interface Ctx {
    name: string;
    cfg: ResolvedRestApi;
    api: apigateway.RestApi;
    functions: Record<string, LambdaFunction>;
    opts: pulumi.CustomResourceOptions;
    tags: Record<string, string>;
}

/** A path as API Gateway resources: `/a/{b}` → [`/a`, `/a/{b}`], each with its last segment. */
function prefixes(path: string): Array<{ path: string; part: string; parent: string }> {
    return pathPrefixes(path).map((p) => ({ path: p, part: p.slice(p.lastIndexOf("/") + 1), parent: p.slice(0, p.lastIndexOf("/")) || "/" }));
}

/**
 * One `apigateway.Resource` per distinct path prefix of the routes, parents first, each shared by
 * every route below it; `/` is the API's root resource. Keyed by path.
 */
export function createResources(ctx: Ctx): Record<string, apigateway.Resource> {
    const resources: Record<string, apigateway.Resource> = {};
    const all = Object.values(ctx.cfg.routes).flatMap((r) => prefixes(r.path));
    for (const p of all) {
        if (resources[p.path]) continue;
        const parentId = p.parent === "/" ? ctx.api.rootResourceId : resources[p.parent].id;
        resources[p.path] = create(
            apigateway.Resource,
            childName(ctx.name, "resource", routeSlug(p.path)),
            { restApi: ctx.api.id, parentId, pathPart: p.part },
            ctx.opts,
            ctx.cfg.transform.resource,
        );
    }
    return resources;
}

export const resourceIdOf = (ctx: Ctx, resources: Record<string, apigateway.Resource>, path: string): pulumi.Input<string> =>
    path === "/" ? ctx.api.rootResourceId : resources[path].id;

/** The identity source expression of a Lambda or Cognito authorizer: one header. */
const headerSource = (header: string) => `method.request.header.${header}`;

export function createAuthorizers(ctx: Ctx): Record<string, apigateway.Authorizer> {
    return Object.fromEntries(
        Object.entries(ctx.cfg.authorizers).map(([key, a]) => {
            const args: apigateway.AuthorizerArgs =
                a.type === "cognito"
                    ? {
                          restApi: ctx.api.id,
                          name: key,
                          type: "COGNITO_USER_POOLS",
                          providerArns: a.userPoolArns,
                          identitySource: headerSource("Authorization"),
                      }
                    : {
                          restApi: ctx.api.id,
                          name: key,
                          type: a.identity === "token" ? "TOKEN" : "REQUEST",
                          authorizerUri: ctx.functions[a.function].invokeArn,
                          identitySource: headerSource(a.header),
                          authorizerResultTtlInSeconds: a.resultTtlSeconds,
                      };
            return [key, create(apigateway.Authorizer, childName(ctx.name, "authorizer", key), args, ctx.opts, ctx.cfg.transform.authorizer)];
        }),
    );
}

/**
 * The Lambda permission for one route: `<executionArn>/<stage>/<METHOD>/<path>`, any stage, path
 * parameters as `*` (the ARN API Gateway presents carries the request's values), `ANY` as `*`.
 */
export function routeSourceArn(executionArn: pulumi.Input<string>, r: Pick<ResolvedRoute, "method" | "path">): pulumi.Output<string> {
    const method = r.method === "ANY" ? "*" : r.method;
    const path = r.path
        .split("/")
        .filter(Boolean)
        .map((s) => (s.startsWith("{") ? "*" : s))
        .join("/");
    return pulumi.interpolate`${executionArn}/*/${method}/${path}`;
}

const permission = (ctx: Ctx, role: string, fnKey: string, sourceArn: pulumi.Input<string>): lambda.Permission =>
    apiGatewayPermission(childName(ctx.name, "permission", role), ctx.functions[fnKey], sourceArn, ctx.opts, ctx.cfg.transform.permission);

/** Lets each Lambda authorizer be invoked by its own authorizer only: `<executionArn>/authorizers/<id>`. */
export function createAuthorizerPermissions(ctx: Ctx, authorizers: Record<string, apigateway.Authorizer>): Record<string, lambda.Permission> {
    const out: Record<string, lambda.Permission> = {};
    for (const [key, a] of Object.entries(ctx.cfg.authorizers))
        if (a.type === "lambda")
            out[`authorizer-${key}`] = permission(
                ctx,
                `authorizer-${key}`,
                a.function,
                pulumi.interpolate`${ctx.api.executionArn}/authorizers/${authorizers[key].id}`,
            );
    return out;
}

/** Validators by what they check; only those some route needs are created (an API holds at most a few). */
const VALIDATORS = {
    body: { validateRequestBody: true, validateRequestParameters: false },
    parameters: { validateRequestBody: false, validateRequestParameters: true },
    "body-and-parameters": { validateRequestBody: true, validateRequestParameters: true },
} as const;
type ValidatorKind = keyof typeof VALIDATORS;

function validatorKind(r: ResolvedRoute): ValidatorKind | undefined {
    const body = r.bodySchema !== undefined;
    const params = [...Object.values(r.querystring), ...Object.values(r.header)].some(Boolean);
    return body && params ? "body-and-parameters" : body ? "body" : params ? "parameters" : undefined;
}

/** A model name for a route: letters and digits only (CreateModel refuses anything else), e.g. `PostEventsBody`. */
export function modelName(routeKey: string): string {
    return `${routeSlug(routeKey)
        .split("-")
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join("")}Body`;
}

export interface RouteResources {
    method: apigateway.Method;
    integration: apigateway.Integration;
    permission?: lambda.Permission;
    model?: apigateway.Model;
    proxy?: ProxyIntegration;
}

export interface RoutesResult {
    routes: Record<string, RouteResources>;
    validators: Record<string, apigateway.RequestValidator>;
}

/** Methods, models, validators and integrations (Lambda proxy, or a DynamoDB or SQS service proxy) of every route. */
export function createRoutes(ctx: Ctx, resources: Record<string, apigateway.Resource>, authorizers: Record<string, apigateway.Authorizer>): RoutesResult {
    const t = ctx.cfg.transform;
    const validators: Record<string, apigateway.RequestValidator> = {};
    const validator = (kind: ValidatorKind) => {
        validators[kind] ??= create(
            apigateway.RequestValidator,
            childName(ctx.name, "validator", kind),
            { restApi: ctx.api.id, name: kind, ...VALIDATORS[kind] },
            ctx.opts,
            t.requestValidator,
        );
        return validators[kind];
    };
    const routes = Object.fromEntries(
        Object.entries(ctx.cfg.routes).map(([key, r]) => {
            const slug = routeSlug(key);
            const resourceId = resourceIdOf(ctx, resources, r.path);
            const model =
                r.bodySchema &&
                create(
                    apigateway.Model,
                    childName(ctx.name, "model", slug),
                    {
                        restApi: ctx.api.id,
                        name: modelName(key),
                        contentType: "application/json",
                        schema: JSON.stringify({ $schema: "http://json-schema.org/draft-04/schema#", ...r.bodySchema }),
                    },
                    ctx.opts,
                    t.model,
                );
            const kind = validatorKind(r);
            const auth = r.authorizer === PUBLIC ? undefined : ctx.cfg.authorizers[r.authorizer];
            const method = create(
                apigateway.Method,
                childName(ctx.name, "method", slug),
                {
                    restApi: ctx.api.id,
                    resourceId,
                    httpMethod: r.method,
                    authorization: auth === undefined ? "NONE" : auth.type === "cognito" ? "COGNITO_USER_POOLS" : "CUSTOM",
                    authorizerId: auth === undefined ? undefined : authorizers[r.authorizer].id,
                    authorizationScopes: r.scopes.length > 0 ? r.scopes : undefined,
                    apiKeyRequired: r.apiKeyRequired,
                    requestParameters: requestParameters(r),
                    requestModels: model ? { "application/json": model.name } : undefined,
                    requestValidatorId: kind ? validator(kind).id : undefined,
                },
                ctx.opts,
                t.method,
            );
            const cache = r.cache
                ? { cacheKeyParameters: r.cache.keyParameters.map((p) => `method.request.${p}`), cacheNamespace: resourceId }
                : { cacheKeyParameters: undefined, cacheNamespace: undefined };
            const base = { restApi: ctx.api.id, resourceId, httpMethod: method.httpMethod, ...cache };
            if (r.integration.type === "lambda") {
                const fn = r.integration.function;
                const perm = permission(ctx, slug, fn, routeSourceArn(ctx.api.executionArn, r));
                const integration = create(
                    apigateway.Integration,
                    childName(ctx.name, "integration", slug),
                    // Lambda is always invoked with POST, whatever the route's method.
                    { ...base, type: "AWS_PROXY", integrationHttpMethod: "POST", uri: ctx.functions[fn].invokeArn },
                    { ...ctx.opts, dependsOn: [perm] },
                    t.integration,
                );
                return [key, { method, integration, permission: perm, model }];
            }
            const proxy = createProxyIntegration(ctx, slug, r, method, base);
            return [key, { method, integration: proxy.integration, model, proxy }];
        }),
    );
    return { routes, validators };
}

/** Path parameters (always required), then the declared query string parameters and headers. */
function requestParameters(r: ResolvedRoute): Record<string, boolean> | undefined {
    const out: Record<string, boolean> = {};
    for (const p of r.pathParameters) out[`method.request.path.${p}`] = true;
    for (const [q, required] of Object.entries(r.querystring)) out[`method.request.querystring.${q}`] = required;
    for (const [h, required] of Object.entries(r.header)) out[`method.request.header.${h}`] = required;
    return Object.keys(out).length > 0 ? out : undefined;
}
