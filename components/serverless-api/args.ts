import type * as apigatewayv2 from "@pulumi/aws/apigatewayv2";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as cognito from "@pulumi/aws/cognito";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as lambda from "@pulumi/aws/lambda";
import type * as pulumi from "@pulumi/pulumi";
import type { LambdaFunctionArgs } from "../lambda-function/args";
import type { ApiDomainArgs } from "../shared/api-domain";
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

/**
 * A route API Gateway forwards to an Application Load Balancer's listener through the VPC link (an
 * `HTTP_PROXY` private integration): the notes' "forward to your own servers".
 */
export interface ProxyRouteArgs {
    /** The key of the load balancer listener in `vpcLink.targets`. */
    target: string;
    /**
     * Whether the ALB sees the path without the route's fixed prefix: with `ANY /legacy/{proxy+}`, a request for
     * `/legacy/a/b` reaches it as `/a/b` instead of `/legacy/a/b`. Only for a route ending in a greedy `{name+}`.
     * @default false
     */
    stripPrefix?: boolean;
    /**
     * The key of the authorizer in `authorizers` that guards this route.
     * @default - none: the route is public
     */
    authorizer?: string;
    /**
     * OAuth scopes the JWT must carry (any one of them), for a `jwt` or `cognito` authorizer only.
     * @default []
     */
    scopes?: string[];
    /**
     * This route's throttling, instead of the stage's.
     * @default - the stage's `throttle`
     */
    throttle?: ThrottleArgs;
}

/**
 * An Application Load Balancer listener the VPC link reaches. A ContainerService gives one per ALB in
 * `albTargets`. Use an internal ALB: an internet-facing one stays reachable without the API's
 * authorizers and throttling.
 */
export interface VpcLinkTargetArgs {
    /** The listener's ARN (`arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<name>/<id>/<id>`): what CreateIntegration takes as the URI. */
    listenerArn: pulumi.Input<string>;
    /** The listener's protocol: with `HTTPS`, API Gateway speaks TLS to it and checks `serverName` in its certificate. */
    protocol: "HTTP" | "HTTPS";
    /** The listener's port (1–65535): the VPC link's security group may reach it there. */
    port: number;
    /** The ALB's security group: the VPC link's own group may send to it on `port`. */
    securityGroupId: pulumi.Input<string>;
    /**
     * The host name API Gateway verifies in the listener's certificate (and sends as SNI); required with `HTTPS`,
     * refused with `HTTP`.
     * @default - none (HTTP)
     * @example "legacy.internal.example.com"
     */
    serverName?: string;
    /**
     * Whether the component adds a rule to `securityGroupId` admitting the VPC link's group on `port`. Leave it
     * off for a group managed with inline rules (a ContainerService's ALB group, which admits its `ingressCidrs`:
     * the VPC's CIDR for an internal ALB, so the VPC link's subnets already): an inline rule set removes rules
     * added beside it on its next update.
     * @default true
     */
    ingressRule?: boolean;
    /**
     * Whether the ALB is internal. An internet-facing one is warned about: it answers whoever bypasses the API.
     * @default true
     */
    internal?: boolean;
}

/** An API Gateway VPC link (v2): network interfaces in your private subnets through which private integrations reach load balancers. */
export interface VpcLinkArgs {
    /**
     * Private subnets for the VPC link's network interfaces, in two Availability Zones or more, in the ALBs' VPC.
     * @example network.privateSubnetIds
     */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The VPC, for the security group the component creates (egress to each target's group on its port only).
     * @default - none: give `securityGroupIds` instead
     */
    vpcId?: pulumi.Input<string>;
    /**
     * The VPC link's security groups, instead of one the component creates; their rules, and the ALBs' rules
     * admitting them, are then yours.
     * @default - a group the component creates in `vpcId`
     */
    securityGroupIds?: pulumi.Input<string>[];
    /**
     * The ALB listeners proxy routes forward to, by key.
     * @example { legacy: platform.albTargets.public }
     */
    targets: Record<string, VpcLinkTargetArgs>;
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
     * Response headers, besides the CORS-safelisted ones (Cache-Control, Content-Language, Content-Length,
     * Content-Type, Expires, Last-Modified, Pragma), that a page's script on another origin may read:
     * `Access-Control-Expose-Headers`. HTTP header names, or `"*"` (any header; not with `allowCredentials`,
     * where browsers read `*` as a header name).
     * @default []
     * @example ["etag", "location"]
     */
    exposeHeaders?: string[];
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
     * Routes forwarded to ALB listeners through `vpcLink`, by route key (the same syntax as `routes`; a key
     * in one map only).
     * @default {}
     * @example { "ANY /legacy/{proxy+}": { target: "legacy", stripPrefix: true } }
     */
    proxyRoutes?: Record<string, ProxyRouteArgs>;
    /**
     * The VPC link and the ALB listeners it reaches, for `proxyRoutes`.
     * @default - no VPC link
     */
    vpcLink?: VpcLinkArgs;
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
     * A custom domain for the `$default` stage: a Regional API Gateway domain name with TLS 1.2, its ACM
     * certificate (given, or requested and validated by DNS in `hostedZoneId`), A/AAAA aliases, an optional base path.
     * @default - none: the API answers at its execute-api URL only
     * @example { domainName: "api.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" }
     */
    domain?: ApiDomainArgs;
    /**
     * Whether to turn off the default `https://<id>.execute-api.<region>.amazonaws.com` endpoint, so that
     * clients can only come through `domain` (and its TLS policy); only with `domain`.
     * @default false
     */
    disableExecuteApiEndpoint?: boolean;
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
     * authorizers), `vpcLink`, `vpcLinkSecurityGroup` and `proxyIntegration` (every proxy route's integration).
     * The functions take their own `transform` in `functions`.
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
        vpcLink?: Transform<apigatewayv2.VpcLinkArgs>;
        vpcLinkSecurityGroup?: Transform<ec2.SecurityGroupArgs>;
        proxyIntegration?: Transform<apigatewayv2.IntegrationArgs>;
    };
}
