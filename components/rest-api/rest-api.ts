import * as apigateway from "@pulumi/aws/apigateway";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as lambda from "@pulumi/aws/lambda";
import * as pulumi from "@pulumi/pulumi";
import { LambdaFunction } from "../lambda-function/lambda-function";
import { routeSlug } from "../serverless-api/validate";
import { ApiDomainResources, apiDomainUrl, createApiDomain } from "../shared/api-domain";
import { ArgsError } from "../shared/errors";
import type { RoleResources } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { childComponentNameIssues, nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import type { RestApiArgs } from "./args";
import { ResolvedRestApi, normalize } from "./defaults";
import type { ProxyIntegration } from "./proxies";
import { Ctx, createAuthorizerPermissions, createAuthorizers, createResources, createRoutes } from "./routes";
import { createAccount, createStage, createUsage } from "./stage";
import { validate } from "./validate";

export interface RestApiResources {
    api: apigateway.RestApi;
    /** The functions, by their key in `functions`. */
    functions: Record<string, LambdaFunction>;
    /** One per distinct path prefix of the routes, by path (`/items`, `/items/{id}`); `/` is the API's root. */
    resources: Record<string, apigateway.Resource>;
    /** By route key. */
    methods: Record<string, apigateway.Method>;
    /** By route key. */
    integrations: Record<string, apigateway.Integration>;
    /** API Gateway's permission to invoke a function: by route slug (`get-items-id`) and `authorizer-<key>`. */
    permissions: Record<string, lambda.Permission>;
    /** The role, responses and integration of each DynamoDB or SQS route, by route key. */
    proxies: Record<string, ProxyIntegration>;
    /** JSON-schema models of routes with `bodySchema`, by route key. */
    models: Record<string, apigateway.Model>;
    /** By kind: `body`, `parameters`, `body-and-parameters` (only those some route uses). */
    validators: Record<string, apigateway.RequestValidator>;
    authorizers: Record<string, apigateway.Authorizer>;
    deployment: apigateway.Deployment;
    accessLogs: cloudwatch.LogGroup;
    /** API Gateway's execution log group (`API-Gateway-Execution-Logs_<api id>/<stage>`), unless `loggingLevel` is `OFF`. */
    executionLogs?: cloudwatch.LogGroup;
    stage: apigateway.Stage;
    /** `*` (the stage's defaults) and each route with its own throttle or cache, by route key; an ANY route's, per method without a route of its own, by `<METHOD> <path>`. */
    methodSettings: Record<string, apigateway.MethodSettings>;
    usagePlans: Record<string, apigateway.UsagePlan>;
    apiKeys: Record<string, apigateway.ApiKey>;
    /** By `<plan>-<api key>`. */
    usagePlanKeys: Record<string, apigateway.UsagePlanKey>;
    /** The account's CloudWatch role and setting, with `accountCloudWatchRole`. */
    account?: { role: RoleResources; account: apigateway.Account };
    /** The custom domain's certificate, domain name, API mapping and DNS records, when `domain` is given. */
    domain?: ApiDomainResources;
}

/**
 * A REST API (API Gateway v1), for what HTTP APIs lack: response caching, usage plans with API keys,
 * request validation (JSON-schema models, required parameters) and service proxies straight to
 * DynamoDB and SQS with no Lambda. Routes by `METHOD /path` build the resource tree (a shared prefix
 * once); each route is a Lambda proxy or an AWS integration whose role may do one action on one
 * ARN. Cognito user pools or Lambda (TOKEN/REQUEST) authorizers; a route is public only when it says
 * `authorizer: "none"`. A Regional endpoint with TLS 1.2 as the floor (HTTPS only: execute-api has no
 * plain HTTP), one stage redeployed whenever the API's shape changes, JSON access logs, stage and
 * per-route throttling and caching. An optional custom domain (Regional, TLS 1.2, a given or
 * DNS-validated certificate, Route 53 aliases) maps the stage, as for ServerlessApi. Everything is
 * checked before any resource.
 *
 * Every stage writes access logs, and REST API logging of either kind goes through the account's API
 * Gateway CloudWatch role: the account and Region must have it, or the stage fails with "CloudWatch
 * Logs role ARN must be set in account settings". Set `accountCloudWatchRole: true` in one stack per
 * account and Region (it is an account-wide setting; two stacks owning it overwrite each other), or
 * set the role once outside Pulumi.
 *
 * @example
 * const api = new RestApi("partners", {
 *     routes: {
 *         "POST /events": {
 *             integration: { type: "sqs", queueArn: queue.arn },
 *             authorizer: "none",
 *             apiKeyRequired: true,
 *             bodySchema: { type: "object", required: ["type"], properties: { type: { type: "string" } } },
 *         },
 *     },
 *     apiKeys: { acme: { description: "ACME Corp" } },
 *     usagePlans: { partners: { apiKeys: ["acme"], quota: { limit: 10000, period: "DAY" } } },
 * });
 * export const url = api.url;
 *
 * **Cost** (us-east-1): REST API $3.50 per million requests (first 333 million a month); no charge
 * while idle. A cache cluster bills every hour it exists: 0.5 GB $0.020, 1.6 GB $0.038, 6.1 GB $0.200,
 * 13.5 GB $0.250, 28.4 GB $0.500, 58.2 GB $1.000, 118 GB $1.900, 237 GB $3.800; the 0.5 GB cluster is
 * 0.020 × 730 h ≈ $14.60 a month. Access logs $0.50 per GB ingested (~500 bytes a line: 1 million
 * requests ≈ $0.25). Usage plans, API keys, models and a custom domain are free (a public ACM
 * certificate too; a Route 53 hosted zone $0.50 a month). The functions bill as LambdaFunction says.
 */
export class RestApi extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "RestApi");

    /**
     * The API's URL: `domainUrl` with a custom domain (not a wildcard), else `invokeUrl` (which answers 403 when
     * `disableExecuteApiEndpoint`: with a wildcard domain, clients call `https://<any label>.<domain>/` instead).
     */
    readonly url: pulumi.Output<string>;
    /** The stage's invoke URL: `https://<api id>.execute-api.<region>.amazonaws.com/<stage>` (refused when `disableExecuteApiEndpoint`). */
    readonly invokeUrl: pulumi.Output<string>;
    /** `https://<domainName>/<basePath>/` with a custom domain that is not a wildcard: the stage is mapped, so no stage in the path. */
    readonly domainUrl?: pulumi.Output<string>;
    readonly restApiId: pulumi.Output<string>;
    /** `arn:aws:execute-api:<region>:<account>:<api id>`: what resource policies and permissions name. */
    readonly executionArn: pulumi.Output<string>;
    readonly stageName: pulumi.Output<string>;
    /** API key ids by key (`aws apigateway get-api-key --api-key <id> --include-value` reads a value). */
    readonly apiKeyIds: Record<string, pulumi.Output<string>>;
    readonly resources: RestApiResources;

    constructor(name: string, args: RestApiArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args), ...childComponentNameIssues(name, "functions", args?.functions, "LambdaFunction")];
        if (issues.length) throw new ArgsError("RestApi", name, issues);
        const cfg = normalize(args);
        super(RestApi.type, name, args, opts);

        const child = { parent: this };
        const tags = componentTags(RestApi.type, name, cfg.tags);
        const functions = Object.fromEntries(
            Object.entries(cfg.functions).map(([key, f]) => [key, new LambdaFunction(childName(name, key), { ...f, tags: { ...cfg.tags, ...f.tags } }, child)]),
        );
        const api = createApi(name, cfg, tags, child);
        const ctx: Ctx = { name, cfg, api, functions, opts: child, tags };
        const resources = createResources(ctx);
        const authorizers = createAuthorizers(ctx);
        const { routes, validators } = createRoutes(ctx, resources, authorizers);
        const account = createAccount(ctx);
        const { deployment, accessLogs, executionLogs, stage, methodSettings } = createStage(ctx, { routes, authorizers, validators }, account?.account);
        const usage = createUsage(ctx, stage);
        const domain = cfg.domain && createApiDomain("RestApi", name, cfg.domain, { apiId: api.id, stage: stage.stageName }, child, tags);

        const pick = <T>(f: (r: (typeof routes)[string]) => T | undefined) =>
            Object.fromEntries(Object.entries(routes).flatMap(([k, r]) => (f(r) === undefined ? [] : [[k, f(r) as T]])));
        const permissions: Record<string, lambda.Permission> = {
            ...Object.fromEntries(Object.entries(routes).flatMap(([k, r]) => (r.permission ? [[routeSlug(k), r.permission]] : []))),
            ...createAuthorizerPermissions(ctx, authorizers),
        };
        this.invokeUrl = stage.invokeUrl;
        this.domainUrl = domain && apiDomainUrl(cfg.domain!, domain);
        this.url = this.domainUrl ?? stage.invokeUrl;
        this.restApiId = api.id;
        this.executionArn = api.executionArn;
        this.stageName = stage.stageName;
        this.apiKeyIds = Object.fromEntries(Object.entries(usage.apiKeys).map(([k, key]) => [k, key.id]));
        this.resources = {
            api,
            functions,
            resources,
            methods: pick((r) => r.method),
            integrations: pick((r) => r.integration),
            permissions,
            proxies: pick((r) => r.proxy),
            models: pick((r) => r.model),
            validators,
            authorizers,
            deployment,
            accessLogs,
            executionLogs,
            stage,
            methodSettings,
            ...usage,
            account,
            domain,
        };
        this.registerOutputs({
            url: this.url,
            invokeUrl: this.invokeUrl,
            domainUrl: this.domainUrl,
            restApiId: this.restApiId,
            executionArn: this.executionArn,
            stageName: this.stageName,
        });
    }
}

function createApi(name: string, cfg: ResolvedRestApi, tags: Record<string, string>, opts: pulumi.CustomResourceOptions): apigateway.RestApi {
    const enhanced = cfg.securityPolicy.startsWith("SecurityPolicy_");
    return create(
        apigateway.RestApi,
        fitName(childName(name, "api"), apigateway.RestApi),
        {
            endpointConfiguration: { types: "REGIONAL" },
            // A Regional REST API negotiates TLS 1.0 unless told otherwise: TLS_1_0 is the default security policy
            // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html;
            // TLS_1_2 among the execute-api choices: hashicorp/terraform-provider-aws#47970).
            securityPolicy: cfg.securityPolicy,
            // Enhanced policies need an endpoint access mode, or CreateRestApi answers "Endpoint access mode is required for the
            // specified security policy" (aws/aws-sam-cli#9007); STRICT also refuses requests for another endpoint type or host (SNI).
            endpointAccessMode: enhanced ? "STRICT" : undefined,
            disableExecuteApiEndpoint: cfg.disableExecuteApiEndpoint,
            // Callers send their usage plan's key in the x-api-key header.
            apiKeySource: "HEADER",
            tags,
        },
        opts,
        cfg.transform.api,
    );
}
