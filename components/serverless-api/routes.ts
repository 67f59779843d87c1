import * as apigatewayv2 from "@pulumi/aws/apigatewayv2";
import * as lambda from "@pulumi/aws/lambda";
import * as pulumi from "@pulumi/pulumi";
import type { LambdaFunction } from "../lambda-function/lambda-function";
import { apiGatewayPermission } from "../shared/api-permission";
import { childName } from "../shared/naming";
import { create } from "../shared/transform";
import { CognitoResources, cognitoIssuer, createCognito } from "./cognito";
import type { ResolvedServerlessApi } from "./defaults";
import { routeSlug } from "./validate";

/** Where a Lambda authorizer reads the caller's identity; also the JWT's (a bearer token). */
export const IDENTITY_SOURCES = ["$request.header.Authorization"];

export interface Ctx {
    name: string;
    cfg: ResolvedServerlessApi;
    api: apigatewayv2.Api;
    functions: Record<string, LambdaFunction>;
    opts: pulumi.CustomResourceOptions;
    tags: Record<string, string>;
}

/**
 * Lets API Gateway invoke each function that answers routes, from this API only: any stage, method
 * and path (execute-api ARNs: `<executionArn>/<stage>/<METHOD>/<path>`).
 */
export function createPermissions(ctx: Ctx): Record<string, lambda.Permission> {
    const used = new Set(Object.values(ctx.cfg.routes).map((r) => r.function));
    return Object.fromEntries(
        Object.entries(ctx.functions)
            .filter(([key]) => used.has(key))
            .map(([key, fn]) => {
                const permission = apiGatewayPermission(
                    childName(ctx.name, "permission", key),
                    fn,
                    pulumi.interpolate`${ctx.api.executionArn}/*/*`,
                    ctx.opts,
                    ctx.cfg.transform.permission,
                );
                return [key, permission];
            }),
    );
}

/**
 * Lets API Gateway invoke each Lambda authorizer's function as that authorizer only: HTTP APIs call
 * authorizers with the source ARN `<executionArn>/authorizers/<authorizer id>`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).
 */
export function createAuthorizerPermissions(ctx: Ctx, authorizers: Record<string, apigatewayv2.Authorizer>): Record<string, lambda.Permission> {
    return Object.fromEntries(
        Object.entries(ctx.cfg.authorizers).flatMap(([key, a]) => {
            if (a.type !== "lambda") return [];
            const permission = apiGatewayPermission(
                childName(ctx.name, "authorizer-permission", key),
                ctx.functions[a.function],
                pulumi.interpolate`${ctx.api.executionArn}/authorizers/${authorizers[key].id}`,
                ctx.opts,
                ctx.cfg.transform.permission,
            );
            return [[key, permission]];
        }),
    );
}

/** One Lambda proxy integration per function that answers routes (payload 2.0: the HTTP API event shape). */
export function createIntegrations(ctx: Ctx, permissions: Record<string, lambda.Permission>): Record<string, apigatewayv2.Integration> {
    const used = new Set(Object.values(ctx.cfg.routes).map((r) => r.function));
    return Object.fromEntries(
        Object.entries(ctx.functions)
            .filter(([key]) => used.has(key))
            .map(([key, fn]) => [
                key,
                create(
                    apigatewayv2.Integration,
                    childName(ctx.name, "integration", key),
                    {
                        apiId: ctx.api.id,
                        integrationType: "AWS_PROXY",
                        // Lambda is always invoked with POST, whatever the route's method.
                        integrationMethod: "POST",
                        integrationUri: fn.invokeArn,
                        payloadFormatVersion: "2.0",
                    },
                    { ...ctx.opts, dependsOn: [permissions[key]] },
                    ctx.cfg.transform.integration,
                ),
            ]),
    );
}

export function createAuthorizers(ctx: Ctx): { authorizers: Record<string, apigatewayv2.Authorizer>; cognito: Record<string, CognitoResources> } {
    const cognito: Record<string, CognitoResources> = {};
    const authorizers = Object.fromEntries(
        Object.entries(ctx.cfg.authorizers).map(([key, a]) => {
            const common = { apiId: ctx.api.id, name: key, identitySources: IDENTITY_SOURCES };
            if (a.type === "cognito") cognito[key] = createCognito(ctx, key, a.userPoolId, ctx.tags);
            const pool = cognito[key];
            const args: apigatewayv2.AuthorizerArgs =
                a.type === "jwt"
                    ? { ...common, authorizerType: "JWT", jwtConfiguration: { issuer: a.issuer, audiences: a.audience } }
                    : a.type === "cognito"
                      ? {
                            ...common,
                            authorizerType: "JWT",
                            // Cognito access tokens carry client_id, ID tokens aud: API Gateway checks either against audiences.
                            jwtConfiguration: { issuer: cognitoIssuer(pool.userPoolClient.userPoolId), audiences: [pool.userPoolClient.id] },
                        }
                      : {
                            ...common,
                            authorizerType: "REQUEST",
                            authorizerUri: ctx.functions[a.function].invokeArn,
                            authorizerPayloadFormatVersion: "2.0",
                            // The function answers { isAuthorized, context } instead of an IAM policy.
                            enableSimpleResponses: true,
                            authorizerResultTtlInSeconds: a.resultTtlSeconds,
                        };
            return [key, create(apigatewayv2.Authorizer, childName(ctx.name, "authorizer", key), args, ctx.opts, ctx.cfg.transform.authorizer)];
        }),
    );
    return { authorizers, cognito };
}

export function createRoutes(
    ctx: Ctx,
    integrations: Record<string, apigatewayv2.Integration>,
    authorizers: Record<string, apigatewayv2.Authorizer>,
    proxyIntegrations: Record<string, apigatewayv2.Integration>,
): Record<string, apigatewayv2.Route> {
    const all = [
        ...Object.entries(ctx.cfg.routes).map(([k, r]) => [k, r, integrations[r.function]] as const),
        ...Object.entries(ctx.cfg.proxyRoutes).map(([k, r]) => [k, r, proxyIntegrations[k]] as const),
    ];
    return Object.fromEntries(
        all.map(([routeKey, r, integration]) => {
            const auth = r.authorizer === undefined ? undefined : ctx.cfg.authorizers[r.authorizer];
            const args: apigatewayv2.RouteArgs = {
                apiId: ctx.api.id,
                routeKey,
                target: pulumi.interpolate`integrations/${integration.id}`,
                authorizationType: auth === undefined ? "NONE" : auth.type === "lambda" ? "CUSTOM" : "JWT",
                authorizerId: r.authorizer === undefined ? undefined : authorizers[r.authorizer].id,
                authorizationScopes: r.scopes.length > 0 ? r.scopes : undefined,
            };
            return [routeKey, create(apigatewayv2.Route, childName(ctx.name, "route", routeSlug(routeKey)), args, ctx.opts, ctx.cfg.transform.route)];
        }),
    );
}
