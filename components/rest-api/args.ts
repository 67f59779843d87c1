import type * as apigateway from "@pulumi/aws/apigateway";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as iam from "@pulumi/aws/iam";
import type * as lambda from "@pulumi/aws/lambda";
import type * as pulumi from "@pulumi/pulumi";
import type { LambdaFunctionArgs } from "../lambda-function/args";
import type { ThrottleArgs } from "../serverless-api/args";
import type { ApiDomainArgs } from "../shared/api-domain";
import type { Transform } from "../shared/transform";

export type { ThrottleArgs };

/** Cache cluster sizes API Gateway offers, in GB (CreateStage cacheClusterSize). */
export const CACHE_SIZES = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"] as const;
export type CacheSize = (typeof CACHE_SIZES)[number];

/** DynamoDB actions a service-proxy route may call (one per route: the role allows that action only). */
export const DYNAMODB_ACTIONS = ["GetItem", "PutItem", "DeleteItem", "UpdateItem", "Query", "Scan"] as const;
export type DynamoDbAction = (typeof DYNAMODB_ACTIONS)[number];

/** Answer the route with a function of `functions` (a Lambda proxy integration: the function gets the whole request). */
export interface LambdaIntegrationArgs {
    type: "lambda";
    /** The key of the function in `functions`. */
    function: string;
}

/**
 * Call DynamoDB directly (a service proxy, no Lambda): API Gateway assumes a role allowed this one
 * action on this one table, and turns the request into the action's JSON with a mapping template.
 */
export interface DynamoDbIntegrationArgs {
    type: "dynamodb";
    action: DynamoDbAction;
    /** The table's ARN: the role is scoped to it (and to its indexes for Query and Scan); its Region is the endpoint API Gateway calls. */
    tableArn: pulumi.Input<string>;
    /** The table's name, written into the built-in templates. */
    tableName: pulumi.Input<string>;
    /**
     * The table's customer managed KMS key, if it has one: the role may then use it through DynamoDB
     * (decrypt for reads; encrypt and data keys too for writes), as `Table.grantStatements` does.
     * @default - none: the table uses an AWS owned or AWS managed key
     */
    kmsKeyArn?: pulumi.Input<string>;
    /**
     * Attribute holding the item's key, for the built-in templates: they need a table whose partition key is
     * this string attribute and that has no sort key. Not `body` or `receivedAt` (PutItem writes those).
     * @default "id"
     */
    keyAttribute?: string;
    /**
     * The request mapping template (VTL) producing the action's JSON body.
     * @default - built in for PutItem (the body stored under a new id, `$context.requestId`), GetItem and DeleteItem (the key from the route's last path parameter); required for the other actions
     * @example pulumi.interpolate`{"TableName": "${table.tableName}", "KeyConditionExpression": "pk = :pk", "ExpressionAttributeValues": {":pk": {"S": "$input.params('id')"}}}`
     */
    requestTemplate?: pulumi.Input<string>;
    /**
     * The 200 response's mapping template (VTL).
     * @default - PutItem: `{"id": "<the new id>"}`; other actions: DynamoDB's JSON answer as is
     */
    responseTemplate?: pulumi.Input<string>;
}

/** Send the request body to an SQS queue as one message (a service proxy, no Lambda). */
export interface SqsIntegrationArgs {
    type: "sqs";
    /** A standard queue's ARN (not FIFO: the route sends no message group): the role may `sqs:SendMessage` to it only; its Region, account and name make the integration URI. */
    queueArn: pulumi.Input<string>;
    /**
     * The queue's customer managed KMS key, if it has one: the role may then use it to encrypt the message.
     * @default - none: the queue is unencrypted or uses SQS-owned keys
     */
    kmsKeyArn?: pulumi.Input<string>;
}

export type IntegrationArgs = LambdaIntegrationArgs | DynamoDbIntegrationArgs | SqsIntegrationArgs;

/** Request parameters a route declares: `true` when required (API Gateway answers 400 without them when the route validates parameters). */
export interface ParametersArgs {
    /**
     * Query string parameters by name.
     * @default {}
     * @example { limit: false, cursor: false }
     */
    querystring?: Record<string, boolean>;
    /**
     * Headers by name.
     * @default {}
     * @example { "Idempotency-Key": true }
     */
    header?: Record<string, boolean>;
}

/** A route's response caching (the API's `cache` must be on). */
export interface RouteCacheArgs {
    /**
     * Seconds a response is kept (0–3600).
     * @default - the API's `cache.ttlSeconds`
     */
    ttlSeconds?: number;
    /**
     * Request parameters in the cache key, as `path.<name>`, `querystring.<name>` or `header.<name>`; each must be declared by the route.
     * The key holds nothing else: behind an authorizer whose answer depends on the caller, declare the identity header
     * (`parameters.header`) and add it (`header.Authorization`), or one caller's cached answer is served to the next.
     * @default - the route's path parameters and declared query string parameters
     * @example ["path.id", "querystring.lang"]
     */
    keyParameters?: string[];
}

/** A route: its integration, who may call it, what it validates, how it is cached and throttled. */
export interface RestRouteArgs {
    /**
     * What answers the route.
     * @example { type: "lambda", function: "items" }
     */
    integration: IntegrationArgs;
    /**
     * The key of the authorizer in `authorizers` guarding the route, or `"none"` for a public route: a
     * route is public only when it says so.
     */
    authorizer: string;
    /**
     * OAuth scopes the access token must carry (any one), for a `cognito` authorizer only.
     * @default []
     */
    scopes?: string[];
    /**
     * Whether callers must send an API key of a usage plan (`x-api-key` header).
     * @default false
     */
    apiKeyRequired?: boolean;
    /**
     * Query string and header parameters; path parameters come from the route key and are always required.
     * @default {}
     */
    parameters?: ParametersArgs;
    /**
     * A JSON Schema (draft-04) the JSON body must match: API Gateway answers 400 itself when it does not.
     * @default - the body is not validated
     * @example { type: "object", required: ["type"], properties: { type: { type: "string" } } }
     */
    bodySchema?: Record<string, unknown>;
    /**
     * Cache this route's responses (GET only).
     * @default - not cached
     * @example { ttlSeconds: 60 }
     */
    cache?: RouteCacheArgs;
    /**
     * This route's throttling instead of the stage's.
     * @default - the stage's `throttle`
     */
    throttle?: ThrottleArgs;
}

/** A Lambda authorizer: TOKEN (one header, the function answers with an IAM policy) or REQUEST (headers, query, context). */
export interface RestLambdaAuthorizerArgs {
    type: "lambda";
    /** The key of the authorizer's function in `functions`. */
    function: string;
    /**
     * TOKEN reads one header; REQUEST passes headers, query and context to the function.
     * @default "token"
     */
    identity?: "token" | "request";
    /**
     * The header carrying the identity.
     * @default "Authorization"
     */
    header?: string;
    /**
     * Seconds API Gateway caches a decision per identity (0–3600; 0 turns caching off).
     * @default 300
     */
    resultTtlSeconds?: number;
}

/** Cognito user pools authorizer: API Gateway validates the pool's ID or access token in `Authorization`. */
export interface RestCognitoAuthorizerArgs {
    type: "cognito";
    /**
     * The user pools' ARNs (`arn:aws:cognito-idp:<region>:<account>:userpool/<id>`).
     * @example [pool.arn]
     */
    userPoolArns: pulumi.Input<string>[];
}

export type RestAuthorizerArgs = RestLambdaAuthorizerArgs | RestCognitoAuthorizerArgs;

/** The stage's cache cluster: responses of routes with `cache` are served from it. */
export interface CacheArgs {
    /** The cluster's size in GB: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237. */
    sizeGb: CacheSize;
    /**
     * Default seconds a cached response is kept (0–3600).
     * @default 300
     */
    ttlSeconds?: number;
}

/** A usage plan's quota: requests per period, per API key. */
export interface QuotaArgs {
    /** Requests allowed per period. */
    limit: number;
    period: "DAY" | "WEEK" | "MONTH";
    /**
     * Days into the period at which it starts (WEEK 0–6, MONTH 0–27, DAY 0).
     * @default 0
     */
    offset?: number;
}

/** A usage plan on this API's stage: the API keys in it, their throttle and quota. */
export interface UsagePlanArgs {
    /**
     * Keys of `apiKeys` in this plan (a key may belong to one plan of a stage only).
     * @example ["acme"]
     */
    apiKeys: string[];
    /**
     * Throttling per API key.
     * @default - none: the stage's
     */
    throttle?: ThrottleArgs;
    /**
     * Quota per API key.
     * @default - none: unlimited
     * @example { limit: 10000, period: "DAY" }
     */
    quota?: QuotaArgs;
}

/** An API key: API Gateway generates its value (read it from the console or `aws apigateway get-api-key --include-value`). */
export interface ApiKeyArgs {
    /**
     * Whether callers may use it.
     * @default true
     */
    enabled?: boolean;
    /**
     * Who holds the key.
     * @default - none
     */
    description?: string;
}

export interface RestApiArgs {
    /**
     * The functions behind `lambda` routes and authorizers, by key: each a LambdaFunction child named `<name>-<key>`.
     * @default {}
     * @example { items: { entry: "functions/items/index.ts" } }
     */
    functions?: Record<string, LambdaFunctionArgs>;
    /**
     * Routes by `METHOD /path` (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY; `{param}` segments, `{proxy+}` only last).
     * @example { "GET /items/{id}": { integration: { type: "lambda", function: "items" }, authorizer: "none" } }
     */
    routes: Record<string, RestRouteArgs>;
    /**
     * Authorizers by key (not `"none"`), referenced by routes.
     * @default {}
     */
    authorizers?: Record<string, RestAuthorizerArgs>;
    /**
     * The stage's name: the first segment of every URL (1–128 letters, digits, `-`, `_`).
     * @default "v1"
     */
    stageName?: string;
    /**
     * The stage's throttling (every route without its own).
     * @default {"burstLimit": 200, "rateLimit": 100}
     */
    throttle?: ThrottleArgs;
    /**
     * A cache cluster for the stage; only routes with `cache` use it.
     * @default - no cache cluster
     * @example { sizeGb: "0.5", ttlSeconds: 300 }
     */
    cache?: CacheArgs;
    /**
     * Usage plans by key, each on this API's stage.
     * @default {}
     * @example { partners: { apiKeys: ["acme"], throttle: { burstLimit: 20, rateLimit: 10 }, quota: { limit: 10000, period: "DAY" } } }
     */
    usagePlans?: Record<string, UsagePlanArgs>;
    /**
     * API keys by key; values are generated by API Gateway, never written in config.
     * @default {}
     * @example { acme: { description: "ACME Corp" } }
     */
    apiKeys?: Record<string, ApiKeyArgs>;
    /**
     * Days CloudWatch keeps the access logs, and the execution logs when `loggingLevel` is not `OFF`
     * (a value PutRetentionPolicy accepts).
     * @default 30
     */
    accessLogRetentionDays?: number;
    /**
     * Execution logging level (`OFF`, `ERROR`, `INFO`), for every method (Security Hub APIGateway.1 asks
     * for `ERROR` or `INFO`). API Gateway writes to `API-Gateway-Execution-Logs_<api id>/<stage>`, which the
     * component creates first with `accessLogRetentionDays` (API Gateway's own group keeps logs forever).
     * Needs the account's CloudWatch role (`accountCloudWatchRole`, or set once outside Pulumi). A stage that
     * logged before this component created the group has it already (CreateLogGroup then fails with
     * ResourceAlreadyExistsException): `pulumi import` it as the `{name}-execution-logs` child first.
     * @default "ERROR"
     */
    loggingLevel?: "OFF" | "ERROR" | "INFO";
    /**
     * Detailed CloudWatch metrics per method (billed as custom metrics).
     * @default false
     */
    metricsEnabled?: boolean;
    /**
     * X-Ray active tracing on the stage.
     * @default false
     */
    tracing?: boolean;
    /**
     * The execute-api endpoint's TLS security policy. A Regional REST API accepts TLS 1.0 unless told otherwise;
     * `SecurityPolicy_*` policies are set with endpoint access mode STRICT.
     * @default "TLS_1_2"
     */
    securityPolicy?: "TLS_1_2" | "SecurityPolicy_TLS13_1_2_2021_06" | "SecurityPolicy_TLS13_1_3_2025_09";
    /**
     * A custom domain for the stage: a Regional API Gateway domain name with TLS 1.2 (the API keeps its own
     * `securityPolicy` for the handshake), its ACM certificate (given, or requested and validated by DNS in
     * `hostedZoneId`), A/AAAA aliases, an optional base path. API Gateway v2 API mappings map REST API stages
     * (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html).
     * @default - none: the API answers at its execute-api URL only
     * @example { domainName: "partners.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ", basePath: "v1" }
     */
    domain?: ApiDomainArgs;
    /**
     * Refuse the execute-api endpoint, so that callers can only come through `domain`; only with `domain`.
     * @default false
     */
    disableExecuteApiEndpoint?: boolean;
    /**
     * Create the account's API Gateway CloudWatch role (`apigateway.Account`, one per account and Region),
     * both retained when the stack is destroyed. A REST API stage writes its access logs (always on) and
     * execution logs through it, so the stage cannot be created in an account and Region without it
     * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html). Set it in one
     * stack per account and Region only (two owners overwrite each other's setting), or set the role once
     * outside Pulumi.
     * @default false
     */
    accountCloudWatchRole?: boolean;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `api`, `resource` (every path resource), `method`,
     * `integration`, `integrationResponse`, `methodResponse`, `permission` (every lambda.Permission),
     * `authorizer`, `model`, `requestValidator`, `proxyRole` (every service-proxy role), `deployment`,
     * `stage`, `methodSettings`, `accessLogs` (log group), `executionLogs` (log group), `usagePlan`, `apiKey`, `usagePlanKey`,
     * `accountRole` and `account`. The functions take their own `transform` in `functions`.
     * @default {}
     */
    transform?: {
        api?: Transform<apigateway.RestApiArgs>;
        resource?: Transform<apigateway.ResourceArgs>;
        method?: Transform<apigateway.MethodArgs>;
        integration?: Transform<apigateway.IntegrationArgs>;
        integrationResponse?: Transform<apigateway.IntegrationResponseArgs>;
        methodResponse?: Transform<apigateway.MethodResponseArgs>;
        permission?: Transform<lambda.PermissionArgs>;
        authorizer?: Transform<apigateway.AuthorizerArgs>;
        model?: Transform<apigateway.ModelArgs>;
        requestValidator?: Transform<apigateway.RequestValidatorArgs>;
        proxyRole?: Transform<iam.RoleArgs>;
        deployment?: Transform<apigateway.DeploymentArgs>;
        stage?: Transform<apigateway.StageArgs>;
        methodSettings?: Transform<apigateway.MethodSettingsArgs>;
        accessLogs?: Transform<cloudwatch.LogGroupArgs>;
        executionLogs?: Transform<cloudwatch.LogGroupArgs>;
        usagePlan?: Transform<apigateway.UsagePlanArgs>;
        apiKey?: Transform<apigateway.ApiKeyArgs>;
        usagePlanKey?: Transform<apigateway.UsagePlanKeyArgs>;
        accountRole?: Transform<iam.RoleArgs>;
        account?: Transform<apigateway.AccountArgs>;
    };
}
