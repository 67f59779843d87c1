import type * as apigatewayv2 from "@pulumi/aws/apigatewayv2";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as cognito from "@pulumi/aws/cognito";
import type * as lambda from "@pulumi/aws/lambda";
import type * as pulumi from "@pulumi/pulumi";
import type { LambdaFunctionArgs } from "../lambda-function/args";
import type { Transform } from "../shared/transform";

/** Steady-state requests per second and burst: API Gateway's token bucket (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html). */
export interface ThrottleArgs {
    /**
     * Requests the bucket holds (0–5000: the account's default burst quota per Region, which no stage
     * or route can exceed).
     * @default 200
     */
    burstLimit?: number;
    /**
     * Requests per second refilled (0–10000: the account's default quota per Region).
     * @default 100
     */
    rateLimit?: number;
}

/** A route: the function that answers it, and the authorizer guarding it. */
export interface RouteArgs {
    /** The key of the function in `functions` that answers this route. */
    function: string;
    /**
     * The key of the authorizer in `authorizers` that guards this route.
     * @default - none: the route is public
     */
    authorizer?: string;
    /**
     * OAuth scopes the JWT must carry (any one of them), for a `jwt` authorizer only.
     * @default []
     * @example ["items/read"]
     */
    scopes?: string[];
    /**
     * This route's throttling, instead of the stage's.
     * @default - the stage's `throttle`
     * @example { burstLimit: 20, rateLimit: 10 }
     */
    throttle?: ThrottleArgs;
}

/** A JWT authorizer: API Gateway validates the token (signature, `iss`, `aud`/`client_id`, expiry) with no Lambda. */
export interface JwtAuthorizerArgs {
    type: "jwt";
    /**
     * The issuer URL (`iss`), https. For a Cognito user pool: `https://cognito-idp.<region>.amazonaws.com/<user pool id>`.
     * API Gateway reads its keys from `<issuer>/.well-known/openid-configuration`.
     */
    issuer: string;
    /** Accepted audiences (`aud`, or `client_id` for Cognito access tokens); at least one. */
    audience: string[];
}

/** A Lambda REQUEST authorizer (payload 2.0, simple `{ isAuthorized }` responses) reading a header. */
export interface LambdaAuthorizerArgs {
    type: "lambda";
    /** The key of the authorizer's function in `functions`. */
    function: string;
    /**
     * Seconds API Gateway caches a decision per identity (0–3600; 0 turns caching off).
     * @default 300
     */
    resultTtlSeconds?: number;
}

/**
 * A JWT authorizer for a Cognito user pool: the component creates an app client (public: no secret,
 * SRP sign-in) in `userPoolId`, or a user pool too, and accepts the pool's tokens for that client.
 */
export interface CognitoAuthorizerArgs {
    type: "cognito";
    /**
     * An existing user pool (`<region>_<id>`); its Region names the issuer.
     * @default - a new user pool: sign-in by email, verified email, passwords of 12 characters or more of four kinds
     * @example "us-east-1_AbCdEf123"
     */
    userPoolId?: pulumi.Input<string>;
}

export type AuthorizerArgs = JwtAuthorizerArgs | LambdaAuthorizerArgs | CognitoAuthorizerArgs;

/** The API's CORS answer: API Gateway replies to preflight requests itself. */
export interface CorsArgs {
    /**
     * Origins allowed: `"*"`, or `scheme://host[:port]` with no path or trailing slash.
     * @example ["https://app.example.com"]
     */
    allowOrigins: string[];
    /**
     * Methods allowed.
     * @default ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
     */
    allowMethods?: string[];
    /**
     * Request headers allowed.
     * @default ["authorization", "content-type"]
     */
    allowHeaders?: string[];
    /**
     * Whether browsers may send credentials (cookies, Authorization); not with origin `"*"`.
     * @default false
     */
    allowCredentials?: boolean;
    /**
     * Seconds browsers may cache a preflight answer (0–86400).
     * @default 300
     */
    maxAgeSeconds?: number;
}

export interface ServerlessApiArgs {
    /**
     * The functions behind the API, by key: each a LambdaFunction child named `<name>-<key>`.
     * @example { items: { entry: "functions/items/index.ts", environment: { TABLE_NAME: table.tableName } } }
     */
    functions: Record<string, LambdaFunctionArgs>;
    /**
     * Routes by route key: `METHOD /path` (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY; `{param}`
     * segments, `{proxy+}` only last) or `$default` (whatever no other route matches).
     * @example { "GET /items/{id}": { function: "items" }, "POST /items": { function: "items", authorizer: "users" } }
     */
    routes: Record<string, RouteArgs>;
    /**
     * Authorizers by key, referenced by routes.
     * @default {}
     * @example { users: { type: "jwt", issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", audience: ["client-id"] } }
     */
    authorizers?: Record<string, AuthorizerArgs>;
    /**
     * The stage's default throttling (every route without its own).
     * @default {"burstLimit": 200, "rateLimit": 100}
     * @example { burstLimit: 500, rateLimit: 250 }
     */
    throttle?: ThrottleArgs;
    /**
     * CORS, answered by API Gateway.
     * @default - no CORS configuration: browsers on other origins are refused
     * @example { allowOrigins: ["https://app.example.com"] }
     */
    cors?: CorsArgs;
    /**
     * Days CloudWatch keeps the access logs (a value PutRetentionPolicy accepts).
     * @default 30
     */
    accessLogRetentionDays?: number;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `api`, `accessLogs` (log group), `stage`, `integration`
     * (every function's integration), `permission` (every function's lambda.Permission), `route`
     * (every route), `authorizer` (every authorizer), `userPool` and `userPoolClient` (those of `cognito`
     * authorizers). The functions take their own `transform` in `functions`.
     * @default {}
     */
    transform?: {
        api?: Transform<apigatewayv2.ApiArgs>;
        accessLogs?: Transform<cloudwatch.LogGroupArgs>;
        stage?: Transform<apigatewayv2.StageArgs>;
        integration?: Transform<apigatewayv2.IntegrationArgs>;
        permission?: Transform<lambda.PermissionArgs>;
        route?: Transform<apigatewayv2.RouteArgs>;
        authorizer?: Transform<apigatewayv2.AuthorizerArgs>;
        userPool?: Transform<cognito.UserPoolArgs>;
        userPoolClient?: Transform<cognito.UserPoolClientArgs>;
    };
}
