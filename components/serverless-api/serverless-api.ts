import * as apigatewayv2 from "@pulumi/aws/apigatewayv2";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as lambda from "@pulumi/aws/lambda";
import * as pulumi from "@pulumi/pulumi";
import { LambdaFunction } from "../lambda-function/lambda-function";
import { ApiDomainResources, apiDomainUrl, createApiDomain } from "../shared/api-domain";
import { ArgsError } from "../shared/errors";
import { childName, fitName, typeToken } from "../shared/naming";
import { childComponentNameIssues, nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { COMMON_ACCESS_LOG_FORMAT } from "../shared/access-log";
import { create } from "../shared/transform";
import type { ServerlessApiArgs } from "./args";
import type { CognitoResources } from "./cognito";
import { ResolvedServerlessApi, normalize } from "./defaults";
import { Ctx, createAuthorizerPermissions, createAuthorizers, createIntegrations, createPermissions, createRoutes } from "./routes";
import { validate } from "./validate";
import { VpcLinkResources, createProxyIntegrations, createVpcLink } from "./vpc-link";

export interface ServerlessApiResources {
    api: apigatewayv2.Api;
    /** The functions, by their key in `functions`. */
    functions: Record<string, LambdaFunction>;
    /** API Gateway's permission to invoke each function that answers routes, by function key. */
    permissions: Record<string, lambda.Permission>;
    /** API Gateway's permission to invoke each Lambda authorizer's function, as that authorizer, by authorizer key. */
    authorizerPermissions: Record<string, lambda.Permission>;
    /** One per function that answers routes, by function key. */
    integrations: Record<string, apigatewayv2.Integration>;
    authorizers: Record<string, apigatewayv2.Authorizer>;
    /** The user pool (when created) and app client of each `cognito` authorizer, by authorizer key. */
    cognito: Record<string, CognitoResources>;
    /** By route key (`routes` and `proxyRoutes`). */
    routes: Record<string, apigatewayv2.Route>;
    /** The VPC link, its security group and rules, when `vpcLink` is given. */
    vpcLink?: VpcLinkResources;
    /** One `HTTP_PROXY` private integration per proxy route, by route key. */
    proxyIntegrations: Record<string, apigatewayv2.Integration>;
    accessLogs: cloudwatch.LogGroup;
    stage: apigatewayv2.Stage;
    /** The custom domain's certificate, domain name, API mapping and DNS records, when `domain` is given. */
    domain?: ApiDomainResources;
}

/** Where the access log groups are named: CloudWatch Logs covers the prefix with one resource policy statement. */
export const ACCESS_LOG_PREFIX = "/aws/vendedlogs/apigateway/";

/**
 * One line per request, as JSON, with the documented HTTP API `$context` variables
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html).
 * Every value is quoted so the line parses whatever a variable holds (`-` when empty).
 */
export const ACCESS_LOG_FORMAT: Record<string, string> = { ...COMMON_ACCESS_LOG_FORMAT, routeKey: "$context.routeKey", path: "$context.path" };

/**
 * An HTTP API (API Gateway v2) in front of Lambda functions: routes by key to Lambda proxy
 * integrations (payload 2.0), JWT (optionally a Cognito user pool and app client) or Lambda REQUEST
 * authorizers (each invoked as that authorizer only), CORS, a `$default` stage that deploys itself,
 * with default and per-route throttling and JSON access logs kept for a set time. Proxy routes forward
 * to your own servers, an ALB listener reached through a VPC link (v2) in your private subnets, with
 * the path kept or stripped of its prefix. An optional custom domain (Regional, TLS 1.2, a given or
 * DNS-validated ACM certificate, A/AAAA aliases, a base path) may replace the execute-api endpoint.
 * Route syntax, references between routes, functions, targets and authorizers, ids and ARNs, host
 * names, throttling and CORS values are checked before any resource.
 *
 * @example
 * const items = new Table("items", { attributes: { id: "S" }, partitionKey: "id" });
 * const api = new ServerlessApi("items", {
 *     functions: { items: { entry: "functions/items/index.ts", environment: { TABLE_NAME: items.tableName }, statements: items.grantStatements("readwrite") } },
 *     routes: { "GET /items": { function: "items" }, "GET /items/{id}": { function: "items" } },
 *     proxyRoutes: { "ANY /legacy/{proxy+}": { target: "legacy" } },
 *     vpcLink: { vpcId: net.vpcId, subnetIds: net.privateSubnetIds, targets: { legacy: platform.albTargets.internal } },
 *     domain: { domainName: "api.example.com", hostedZoneId: zone.zoneId },
 *     throttle: { burstLimit: 100, rateLimit: 50 },
 * });
 * export const url = api.url;
 *
 * **Cost** (us-east-1): HTTP API $1.00 per million requests (first 300 million a month), billed in
 * 512 KB increments; no charge while idle. Access logs $0.50 per GB ingested: at ~400 bytes a line,
 * 1 million requests ≈ 0.4 GB ≈ $0.20. Proxy routes bill as requests too, plus the ALB's LCUs; the
 * VPC link's network interfaces are API Gateway's (a link unused for 60 days goes INACTIVE and the next
 * request waits minutes for it). A custom domain costs nothing in API Gateway; a public ACM certificate
 * is free; a Route 53 hosted zone is $0.50 a month and alias queries to API Gateway are free. The
 * functions bill as LambdaFunction says.
 */
export class ServerlessApi extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "ServerlessApi");

    /**
     * The API's URL: `domainUrl` with a custom domain (not a wildcard), else `invokeUrl` (which answers 403 when
     * `disableExecuteApiEndpoint`: with a wildcard domain, clients call `https://<any label>.<domain>/` instead).
     */
    readonly url: pulumi.Output<string>;
    /** The stage's execute-api URL: `https://<api id>.execute-api.<region>.amazonaws.com/` (refused when `disableExecuteApiEndpoint`). */
    readonly invokeUrl: pulumi.Output<string>;
    /** `https://<domainName>/<basePath>/` with a custom domain that is not a wildcard. */
    readonly domainUrl?: pulumi.Output<string>;
    readonly apiId: pulumi.Output<string>;
    /** `arn:aws:execute-api:<region>:<account>:<api id>`: what resource policies and permissions name. */
    readonly executionArn: pulumi.Output<string>;
    readonly resources: ServerlessApiResources;

    constructor(name: string, args: ServerlessApiArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args), ...childComponentNameIssues(name, "functions", args?.functions, "LambdaFunction")];
        if (issues.length) throw new ArgsError("ServerlessApi", name, issues);
        const cfg = normalize(args);
        super(ServerlessApi.type, name, args, opts);

        const child = { parent: this };
        const tags = componentTags(ServerlessApi.type, name, cfg.tags);
        const functions = Object.fromEntries(
            Object.entries(cfg.functions).map(([key, f]) => [key, new LambdaFunction(childName(name, key), { ...f, tags: { ...cfg.tags, ...f.tags } }, child)]),
        );
        const api = createApi(name, cfg, tags, child);
        const ctx: Ctx = { name, cfg, api, functions, opts: child, tags };
        const permissions = createPermissions(ctx);
        const integrations = createIntegrations(ctx, permissions);
        const { authorizers, cognito } = createAuthorizers(ctx);
        const authorizerPermissions = createAuthorizerPermissions(ctx, authorizers);
        const link = cfg.vpcLink && createVpcLink(ctx, cfg.vpcLink);
        const proxyIntegrations = link ? createProxyIntegrations(ctx, cfg.vpcLink!, link.vpcLink) : {};
        const routes = createRoutes(ctx, integrations, authorizers, proxyIntegrations);
        const { accessLogs, stage } = createStage(ctx, routes, tags);
        const domain = cfg.domain && createApiDomain("ServerlessApi", name, cfg.domain, { apiId: api.id, stage: stage.name }, child, tags);

        this.invokeUrl = stage.invokeUrl;
        this.domainUrl = domain && apiDomainUrl(cfg.domain!, domain);
        this.url = this.domainUrl ?? stage.invokeUrl;
        this.apiId = api.id;
        this.executionArn = api.executionArn;
        this.resources = {
            api,
            functions,
            permissions,
            authorizerPermissions,
            integrations,
            authorizers,
            cognito,
            routes,
            vpcLink: link,
            proxyIntegrations,
            accessLogs,
            stage,
            domain,
        };
        this.registerOutputs({ url: this.url, invokeUrl: this.invokeUrl, domainUrl: this.domainUrl, apiId: this.apiId, executionArn: this.executionArn });
    }
}

function createApi(name: string, cfg: ResolvedServerlessApi, tags: Record<string, string>, opts: pulumi.CustomResourceOptions): apigatewayv2.Api {
    const cors = cfg.cors;
    return create(
        apigatewayv2.Api,
        fitName(childName(name, "api"), apigatewayv2.Api),
        {
            protocolType: "HTTP",
            // Off only with a custom domain (validated): then clients come through it and its TLS 1.2 policy.
            disableExecuteApiEndpoint: cfg.disableExecuteApiEndpoint,
            corsConfiguration: cors && {
                allowOrigins: cors.allowOrigins,
                allowMethods: cors.allowMethods,
                allowHeaders: cors.allowHeaders,
                exposeHeaders: cors.exposeHeaders,
                allowCredentials: cors.allowCredentials,
                maxAge: cors.maxAgeSeconds,
            },
            tags,
        },
        opts,
        cfg.transform.api,
    );
}

function createStage(ctx: Ctx, routes: Record<string, apigatewayv2.Route>, tags: Record<string, string>) {
    const { name, cfg } = ctx;
    const accessLogs = create(
        cloudwatch.LogGroup,
        childName(name, "access-logs"),
        {
            // HTTP API access logs go through CloudWatch Logs' log delivery: the deployer needs logs:CreateLogDelivery
            // and logs:PutResourcePolicy (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html),
            // and each log group is added to the account's AWSLogDeliveryWrite resource policy, at most 5120
            // characters; past that, CreateStage/UpdateStage fail ("Cannot enable logging. Policy document length
            // breaking Cloudwatch Logs Constraints, either < 1 or > 5120"). Groups under /aws/vendedlogs/ are covered
            // by one wildcard statement instead
            // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-CWL.html).
            // namePrefix: a replacement gets a new name, so it is created before the old group is deleted.
            namePrefix: `${ACCESS_LOG_PREFIX}${childName(name, "access-logs")}-`,
            retentionInDays: cfg.accessLogRetentionDays,
            tags,
        },
        ctx.opts,
        cfg.transform.accessLogs,
    );
    const stage = create(
        apigatewayv2.Stage,
        childName(name, "stage"),
        {
            apiId: ctx.api.id,
            // `$default` is served at the API's root URL, with no stage segment in the path.
            name: "$default",
            autoDeploy: true,
            defaultRouteSettings: { throttlingBurstLimit: cfg.throttle.burstLimit, throttlingRateLimit: cfg.throttle.rateLimit },
            routeSettings: [...Object.entries(cfg.routes), ...Object.entries(cfg.proxyRoutes)]
                .filter(([, r]) => r.throttle !== undefined)
                .map(([routeKey, r]) => ({
                    routeKey,
                    throttlingBurstLimit: r.throttle?.burstLimit,
                    throttlingRateLimit: r.throttle?.rateLimit,
                })),
            accessLogSettings: { destinationArn: accessLogs.arn, format: JSON.stringify(ACCESS_LOG_FORMAT) },
            tags,
        },
        // Route settings name routes that must exist already.
        { ...ctx.opts, dependsOn: Object.values(routes) },
        cfg.transform.stage,
    );
    return { accessLogs, stage };
}
