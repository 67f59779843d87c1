import type * as aws from "@pulumi/aws";
import type * as cloudfront from "@pulumi/aws/cloudfront";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as route53 from "@pulumi/aws/route53";
import type * as wafv2 from "@pulumi/aws/wafv2";
import type * as pulumi from "@pulumi/pulumi";
import type { EdgeEventType, EdgeLambdaArgs } from "../edge-lambda/args";
import type { PrivateBucketTransforms } from "../shared/bucket";
import type { Transform } from "../shared/transform";

/**
 * The four points of a request where CloudFront runs code
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-cloudfront-trigger-events.html):
 * the EdgeLambda component's `EdgeEventType`.
 */
export type EdgeEvent = EdgeEventType;

/** The events a CloudFront Function may run at: viewer request and viewer response only. */
export type FunctionEvent = "viewer-request" | "viewer-response";

/**
 * A private S3 bucket the component creates for static content (ACLs disabled, every public access
 * block on, SSE-S3, TLS only), read by CloudFront only, through Origin Access Control (SigV4): its
 * bucket policy admits `s3:GetObject` from `cloudfront.amazonaws.com` only when `AWS:SourceArn` is this
 * distribution's ARN.
 * @example { kind: "bucket" }
 */
export interface BucketOriginArgs {
    kind: "bucket";
    /**
     * A folder of the bucket CloudFront requests from: `/site` serves `s3://<bucket>/site/index.html` for
     * `/index.html`. Starts with `/`, does not end with one.
     * @default - the bucket's root
     */
    originPath?: string;
    /**
     * Also grant this distribution `s3:ListBucket` on the bucket (same `AWS:SourceArn` condition), so that a missing
     * object answers **404** instead of 403: without ListBucket, S3 answers 403 for a key that does not exist, to
     * hide whether it exists
     * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html).
     * With it, a request for the bucket's root (`GET /`) is a ListObjects and answers the list of keys: refused on
     * a bucket without `originPath` that answers `/` (the default behavior's origin, or one of a behavior whose
     * pattern matches `/`) unless `defaultRootObject` is set. A viewer-request function that rewrites `/` is not
     * enough for the check (it cannot see what the code does): keep `defaultRootObject` too.
     * @default false
     */
    listBucket?: boolean;
}

/**
 * A custom origin (an ALB, an API, any web server) reached over HTTPS with TLS 1.2.
 * @example { kind: "http", domainName: api.host }
 */
export interface HttpOriginArgs {
    kind: "http";
    /** The origin's DNS name (no scheme, no path): its certificate must name it, or CloudFront answers 502. */
    domainName: pulumi.Input<string>;
    /**
     * A path prefix CloudFront adds to every request to this origin: starts with `/`, does not end with one.
     * @default - none
     */
    originPath?: string;
    /**
     * How CloudFront talks to the origin: `https-only` (TLS 1.2), or `http-only` for an origin that has
     * no certificate — then requests cross the internet in clear text between CloudFront and the origin,
     * and the component warns (`[aws-platform:edge:http-origin]`).
     * @default "https-only"
     */
    protocol?: "https-only" | "http-only";
    /** The origin's HTTPS port (1–65535). @default 443 */
    httpsPort?: number;
    /** The origin's HTTP port (1–65535), used with `protocol: "http-only"`. @default 80 */
    httpPort?: number;
    /**
     * Seconds CloudFront waits for the origin's response (1–60; more than 60 needs a quota increase).
     * @default 30
     */
    readTimeoutSeconds?: number;
    /** Seconds CloudFront keeps an idle connection to the origin open (1–60). @default 5 */
    keepaliveTimeoutSeconds?: number;
    /**
     * Headers CloudFront adds to every request to this origin, e.g. a shared secret the ALB checks so that
     * only CloudFront reaches it.
     * @default {}
     * @example { "x-origin-verify": secret }
     */
    customHeaders?: Record<string, pulumi.Input<string>>;
}

/** An origin, by `kind`. */
export type OriginArgs = BucketOriginArgs | HttpOriginArgs;

/**
 * CloudFront's managed cache policies, by their AWS names
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html).
 */
export type ManagedCachePolicy =
    | "CachingOptimized"
    | "CachingDisabled"
    | "CachingOptimizedForUncompressedObjects"
    | "UseOriginCacheControlHeaders"
    | "UseOriginCacheControlHeaders-QueryStrings"
    | "Amplify"
    | "Elemental-MediaPackage";

/**
 * CloudFront's managed origin request policies, by their AWS names
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html).
 */
export type ManagedOriginRequestPolicy =
    | "AllViewer"
    | "AllViewerAndCloudFrontHeaders-2022-06"
    | "AllViewerExceptHostHeader"
    | "CORS-CustomOrigin"
    | "CORS-S3Origin"
    | "UserAgentRefererHeaders"
    | "Elemental-MediaTailor-PersonalizedManifests";

/** The methods a behavior accepts: CloudFront caches GET and HEAD (and OPTIONS with `get-head-options`). */
export type AllowedMethods = "get-head" | "get-head-options" | "all";

/**
 * A Lambda@Edge function on a behavior's event: the key of an `edgeLambdas` entry (created by the
 * component, as `{ lambda }` to set `includeBody`), or a published version's ARN (`arn:aws:lambda:us-east-1:<account>:function:<name>:<n>`,
 * never `$LATEST` or an alias). `includeBody` exposes the request body to request events (up to
 * 40 KB at viewer request, 1 MB at origin request, base64).
 * @example "router"
 * @example { lambda: "router", includeBody: true }
 * @example { qualifiedArn: "arn:aws:lambda:us-east-1:123456789012:function:router:3" }
 */
export type EdgeLambdaAssociation = string | { lambda: string; includeBody?: boolean } | { qualifiedArn: pulumi.Input<string>; includeBody?: boolean };

/** One cache behavior: which origin answers, how responses are cached, which code runs at the edge. */
export interface BehaviorArgs {
    /** The key of the origin in `origins` that answers. */
    origin: string;
    /**
     * The cache policy: a managed one by its AWS name, or the key of one in `cachePolicies`.
     * @default "CachingOptimized"
     */
    cache?: ManagedCachePolicy | string;
    /**
     * What CloudFront forwards to the origin beyond the cache key: a managed origin request policy by its
     * AWS name, or the key of one in `originRequestPolicies`. An S3 origin takes none of the viewer's
     * headers well (it refuses a forwarded `Host`): use `CORS-S3Origin` there at most.
     * @default - none: only the values in the cache key reach the origin
     */
    originRequest?: ManagedOriginRequestPolicy | string;
    /** HTTP methods the behavior accepts. @default "get-head" */
    allowedMethods?: AllowedMethods;
    /** Compress responses (gzip, Brotli) when the viewer accepts it and the cache policy allows it. @default true */
    compress?: boolean;
    /**
     * Viewers over HTTP are redirected to HTTPS (`redirect-to-https`) or refused with 403 (`https-only`).
     * @default "redirect-to-https"
     */
    viewerProtocol?: "redirect-to-https" | "https-only";
    /**
     * Attach the component's response headers policy (security headers, `responseHeaders`).
     * @default true
     */
    securityHeaders?: boolean;
    /**
     * CloudFront Functions by event, each the key of an entry of `functions` (viewer events only).
     * @default {}
     * @example { "viewer-request": "rewrite" }
     */
    functions?: Partial<Record<FunctionEvent, string>>;
    /**
     * Lambda@Edge functions by event (one function per event: not on an event a CloudFront Function
     * already takes).
     * @default {}
     * @example { "origin-request": "router" }
     */
    edgeLambdas?: Partial<Record<EdgeEvent, EdgeLambdaAssociation>>;
}

/**
 * The HTTP error codes CloudFront lets a distribution customize
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesErrorPages.html).
 */
export type ErrorCode = 400 | 403 | 404 | 405 | 414 | 416 | 500 | 501 | 502 | 503 | 504;

/**
 * What CloudFront answers instead of an error of the origin (or of CloudFront itself), and how long it caches the
 * error. The page is requested from the origin of the behavior whose pattern matches `responsePagePath`: keep it on
 * an origin that always answers (the bucket), or an error of that origin hides the page too.
 * @example { responsePagePath: "/404.html", responseCode: 404, cachingMinTtlSeconds: 10 }
 * @example { responsePagePath: "/index.html", responseCode: 200 }
 */
export interface ErrorResponseArgs {
    /**
     * The page served instead of the error body: a path starting with `/` (at most 4000 characters).
     * @default - none: the origin's own error body, only cached `cachingMinTtlSeconds`
     */
    responsePagePath?: string;
    /**
     * The status code sent with `responsePagePath` (200 for a single-page app's client-side routes, or one of the
     * error codes); only with `responsePagePath`.
     * @default - the error code itself when `responsePagePath` is set
     */
    responseCode?: 200 | ErrorCode;
    /** Seconds CloudFront caches the error before asking the origin again (0 or more). @default 10 */
    cachingMinTtlSeconds?: number;
}

/** Which viewer values a policy takes: none, all, or those named. */
export type ValueSelection = "none" | "all" | string[];

/**
 * A cache policy the component creates: the TTLs and the values that make up the cache key (they are
 * forwarded to the origin too).
 * @example { defaultTtlSeconds: 60, queryStrings: ["page", "sort"] }
 */
export interface CachePolicyArgs {
    /** TTL when the origin sends no `Cache-Control`/`Expires` (seconds, ≤ maxTtlSeconds). @default 86400 */
    defaultTtlSeconds?: number;
    /** The shortest TTL, whatever the origin says (seconds). @default 1 */
    minTtlSeconds?: number;
    /** The longest TTL, whatever the origin says (seconds, at most 31536000). @default 31536000 */
    maxTtlSeconds?: number;
    /** Headers in the cache key, by name (`"all"` is not allowed in a cache key). @default [] */
    headers?: string[];
    /** Cookies in the cache key. @default "none" */
    cookies?: ValueSelection;
    /** Query string parameters in the cache key. @default "none" */
    queryStrings?: ValueSelection;
}

/**
 * An origin request policy the component creates: values forwarded to the origin without being part of
 * the cache key.
 * @example { headers: ["CloudFront-Viewer-Country", "CloudFront-Is-Mobile-Viewer"], queryStrings: "all" }
 */
export interface OriginRequestPolicyArgs {
    /** Viewer headers (and CloudFront headers such as `CloudFront-Viewer-Country`) forwarded. @default "none" */
    headers?: ValueSelection;
    /** Cookies forwarded. @default "none" */
    cookies?: ValueSelection;
    /** Query string parameters forwarded. @default "none" */
    queryStrings?: ValueSelection;
}

/**
 * The security headers of the response headers policy, on every behavior with `securityHeaders`.
 * CloudFront sets them on every response, replacing the origin's (`override`).
 */
export interface ResponseHeadersArgs {
    /** `Strict-Transport-Security` max-age (seconds). @default 31536000 */
    hstsMaxAgeSeconds?: number;
    /** `includeSubDomains` in HSTS. @default true */
    hstsIncludeSubdomains?: boolean;
    /** `preload` in HSTS (only once every subdomain serves HTTPS: browsers keep the list for months). @default false */
    hstsPreload?: boolean;
    /** `X-Frame-Options`. @default "DENY" */
    frameOptions?: "DENY" | "SAMEORIGIN";
    /** `Referrer-Policy`. @default "strict-origin-when-cross-origin" */
    referrerPolicy?:
        | "no-referrer"
        | "no-referrer-when-downgrade"
        | "origin"
        | "origin-when-cross-origin"
        | "same-origin"
        | "strict-origin"
        | "strict-origin-when-cross-origin"
        | "unsafe-url";
    /**
     * `Content-Security-Policy`, as one header value (at most 1783 characters).
     * @default - none: a policy depends on the site's scripts, so none is guessed
     * @example "default-src 'self'; img-src 'self' data:"
     */
    contentSecurityPolicy?: string;
    /** Replace these headers when the origin sends them too. @default true */
    override?: boolean;
}

/**
 * A CloudFront Function (`cloudfront-js-2.0`), published to LIVE and associated by ARN to the behaviors
 * naming it. Code: at most 10 KB, a `handler(event)` function.
 * @example { code: fs.readFileSync("functions/edge/viewer-request-rewrite.js", "utf8"), keyValueStore: true }
 */
export interface CloudFrontFunctionArgs {
    /** The JavaScript source (runtime 2.0: ES 5.1 plus some later features; `import cf from 'cloudfront'` for the KeyValueStore). */
    code: string;
    /** Associate the distribution's KeyValueStore (a function has at most one). @default false */
    keyValueStore?: boolean;
    /** A description shown in the console (at most 128 characters). @default - the component's name and the function's key */
    comment?: string;
}

/**
 * The distribution's one CloudFront KeyValueStore, read by the functions that ask for it. Non-secret data
 * may be managed here as keys; secrets (the JWT key) are put by the operator
 * (`aws cloudfront-keyvaluestore put-key`) and never pass through Pulumi.
 */
export interface KeyValueStoreArgs {
    /**
     * Keys the component manages (key ≤ 512 characters, value ≤ 1024 characters). Keys not listed here are
     * left alone.
     * @default {}
     * @example { redirects: JSON.stringify({ "/old": "/new" }) }
     */
    keys?: Record<string, pulumi.Input<string>>;
}

/** Custom host names for the distribution, with their certificate and DNS records. */
export interface DistributionDomainArgs {
    /**
     * Host names (CNAMEs) the distribution answers, lower case; `*.example.com` for a wildcard. Each is unique across
     * all of CloudFront: one that another distribution already has, in any account, is refused at creation
     * (`CNAMEAlreadyExists`; move it first, https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/alternate-domain-names-move.html),
     * which no check before `pulumi up` can see.
     * @example ["cdn.example.com"]
     */
    aliases: string[];
    /**
     * An ACM certificate covering every alias, **in us-east-1** (CloudFront reads certificates from there
     * only, whatever the stack's Region).
     * @default - none, which is refused: CloudFront answers for aliases only with a certificate covering them
     */
    certificateArn?: pulumi.Input<string>;
    /**
     * A Route 53 public hosted zone for the aliases: the component writes an A (and, with `isIpv6Enabled`,
     * an AAAA) alias record per alias to the distribution.
     * @default - none: point DNS at `domainName` yourself
     * @example "Z0123456789ABCDEFGHIJ"
     */
    hostedZoneId?: pulumi.Input<string>;
    /**
     * The viewer TLS floor: `TLSv1.2_2021` (TLS 1.2 with forward-secret AEAD ciphers only) or newer.
     * @default "TLSv1.2_2021"
     */
    minimumProtocolVersion?: "TLSv1.2_2021" | "TLSv1.2_2025" | "TLSv1.3_2025";
}

/**
 * Standard logging (v2): access logs to a CloudWatch Logs log group in us-east-1, through CloudWatch Logs'
 * delivery resources, kept `retentionDays`.
 */
export interface LoggingArgs {
    /** Days the access logs are kept (a CloudWatch Logs retention period). @default 30 */
    retentionDays?: number;
    /**
     * Each log record's format. A CloudWatch Logs destination of CloudFront access logs takes `json` or `plain`
     * only (`w3c` and `parquet` are for S3 destinations, `raw` for Firehose).
     * @default "json"
     */
    outputFormat?: "json" | "plain";
}

/**
 * AWS managed rule groups a web ACL may use at no charge beyond WAF's own prices, with their web ACL capacity units
 * (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html). All of them together
 * use 1975 WCUs, under a web ACL's 5000 (above 1500, each further 500 WCUs bills $0.20 per million requests).
 */
export type ManagedRuleGroup =
    | "AWSManagedRulesAmazonIpReputationList"
    | "AWSManagedRulesAnonymousIpList"
    | "AWSManagedRulesCommonRuleSet"
    | "AWSManagedRulesKnownBadInputsRuleSet"
    | "AWSManagedRulesAdminProtectionRuleSet"
    | "AWSManagedRulesSQLiRuleSet"
    | "AWSManagedRulesLinuxRuleSet"
    | "AWSManagedRulesUnixRuleSet"
    | "AWSManagedRulesWindowsRuleSet"
    | "AWSManagedRulesPHPRuleSet"
    | "AWSManagedRulesWordPressRuleSet";

/**
 * A WAFv2 web ACL of scope CLOUDFRONT the component creates (in us-east-1, where CloudFront's web ACLs live) and
 * associates with the distribution: AWS managed rule groups in the order given, then a per-IP rate limit. Requests no
 * rule blocks are allowed; every rule emits CloudWatch metrics and sampled requests.
 * @example {}
 * @example { managedRuleGroups: ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet"], rateLimitPer5Minutes: 500 }
 */
export interface WebAclArgs {
    /**
     * AWS managed rule groups, evaluated in this order (each once). The Core rule set blocks request bodies over 8 KB
     * (`SizeRestrictions_BODY`) among others: put uploads on an origin CloudFront does not front, or change the group
     * through `transform.webAcl`.
     * @default ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]
     */
    managedRuleGroups?: ManagedRuleGroup[];
    /**
     * Requests one IP address may make in any 5 minutes before WAF blocks it (10–2,000,000,000), or `false` for no
     * rate rule.
     * @default 2000
     */
    rateLimitPer5Minutes?: number | false;
}

export interface EdgeFunctionsArgs {
    /**
     * Origins by id (the key: lower-case letters, digits and `-`). A bucket origin is created here.
     * @example { site: { kind: "bucket" }, api: { kind: "http", domainName: api.host } }
     */
    origins: Record<string, OriginArgs>;
    /** The behavior for every path no entry of `behaviors` matches. @example { origin: "site", functions: { "viewer-request": "rewrite" } } */
    defaultBehavior: BehaviorArgs;
    /**
     * Behaviors by path pattern (`/api/*`, `*.jpg`; case-sensitive; `*` and `?` wildcards), evaluated in
     * the order given: the first match wins.
     * @default {}
     * @example { "/api/*": { origin: "api", cache: "CachingDisabled", originRequest: "AllViewerExceptHostHeader", allowedMethods: "all" } }
     */
    behaviors?: Record<string, BehaviorArgs>;
    /**
     * The object CloudFront requests when a viewer asks for the root URL (`/`), e.g. `index.html` or
     * `docs/index.html`: no leading `/`, at most 255 characters of `A-Z a-z 0-9 _ - . * $ / ~ " ' &`
     * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DefaultRootObject.html). It covers `/` only,
     * not `/docs/` (a viewer-request rewrite does that). `false` for none.
     * @default - "index.html" when defaultBehavior's origin is a bucket
     */
    defaultRootObject?: string | false;
    /**
     * Custom error responses by HTTP error code (400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504): a page, the
     * code sent with it, and how long the error is cached. **They apply to every behavior of the distribution**: an
     * API behind the same distribution gets them too (the SPA form turns the API's 403 and 404 into 200 with
     * `index.html`). Put such an API on its own distribution, or keep the codes it uses out of this record.
     * @default {}
     * @example { 404: { responsePagePath: "/404.html", responseCode: 404, cachingMinTtlSeconds: 10 } }
     * @example { 403: { responsePagePath: "/index.html", responseCode: 200 } }
     */
    errorResponses?: Partial<Record<ErrorCode, ErrorResponseArgs>>;
    /**
     * Cache policies the component creates, by key (behaviors name them in `cache`).
     * @default {}
     * @example { short: { defaultTtlSeconds: 60, maxTtlSeconds: 300 } }
     */
    cachePolicies?: Record<string, CachePolicyArgs>;
    /**
     * Origin request policies the component creates, by key (behaviors name them in `originRequest`).
     * @default {}
     * @example { geo: { headers: ["CloudFront-Viewer-Country"] } }
     */
    originRequestPolicies?: Record<string, OriginRequestPolicyArgs>;
    /**
     * CloudFront Functions by key (behaviors name them in `functions`).
     * @default {}
     * @example { rewrite: { code: fs.readFileSync("functions/edge/viewer-request-rewrite.js", "utf8"), keyValueStore: true } }
     */
    functions?: Record<string, CloudFrontFunctionArgs>;
    /**
     * Lambda@Edge functions by key (behaviors name them in `edgeLambdas`), each an EdgeLambda child component
     * named `<name>-<key>` in us-east-1. Each is checked against the limits of the events it is attached to
     * (viewer events: 128 MB, 5 s, 1 MB zipped).
     * @default {}
     * @example { router: { entry: "functions/edge/origin-request-router.ts", timeoutSeconds: 10, files: { "routes.json": routes } } }
     */
    edgeLambdas?: Record<string, EdgeLambdaArgs>;
    /**
     * The KeyValueStore. One is created when a function asks for it (`keyValueStore: true`); managed keys
     * need such a function.
     * @default {}
     * @example { keys: { redirects: JSON.stringify({ "/old": "/new" }) } }
     */
    keyValueStore?: KeyValueStoreArgs;
    /**
     * The response headers policy's security headers (HSTS, nosniff, frame options, referrer policy, CSP).
     * @default {}
     * @example { contentSecurityPolicy: "default-src 'self'" }
     */
    responseHeaders?: ResponseHeadersArgs;
    /**
     * Custom host names, their us-east-1 ACM certificate and optional Route 53 records.
     * @default - none: the distribution answers at `d<id>.cloudfront.net` with CloudFront's certificate
     * @example { aliases: ["cdn.example.com"], certificateArn: cert.arn, hostedZoneId: zone.zoneId }
     */
    domain?: DistributionDomainArgs;
    /**
     * A WAFv2 web ACL of scope CLOUDFRONT (`arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`).
     * @default - none
     */
    webAclArn?: pulumi.Input<string>;
    /**
     * Create a WAFv2 web ACL (scope CLOUDFRONT, in us-east-1) with AWS managed rule groups and a rate limit, and
     * associate it. Not with `webAclArn`. Costs $5 a month, $1 per rule a month and $0.60 per million requests.
     * @default - none: no web ACL is created
     * @example {}
     */
    webAcl?: WebAclArgs;
    /**
     * The edge locations that serve: `PriceClass_100` (North America, Europe, Israel), `PriceClass_200`
     * (adds most of Asia, the Middle East and Africa), `PriceClass_All`.
     * @default "PriceClass_100"
     */
    priceClass?: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
    /** Answer over IPv6 too (and write AAAA records with `domain.hostedZoneId`). @default true */
    isIpv6Enabled?: boolean;
    /**
     * Standard logging (v2) to CloudWatch Logs in us-east-1, or `false` for none.
     * @default {}
     * @example { retentionDays: 90 }
     */
    logging?: LoggingArgs | false;
    /**
     * Keep the content buckets: `protect` on each bucket (a `pulumi destroy` or a replacement stops at
     * it), not emptied (`forceDestroy` off), left in the account with its policy, encryption and
     * access-block companions when the component is deleted (`retainOnDelete`), and versioned: an
     * overwritten or deleted object stays restorable for 30 days (`NONCURRENT_VERSION_DAYS`), then its
     * old version is removed.
     * @default false
     */
    protectData?: boolean;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `distribution`, `originAccessControl`, `bucket` (each bucket
     * origin's resources by role: `bucket`, `ownershipControls`, `publicAccessBlock`, `encryption`,
     * `policy`, `versioning`, `lifecycle`), `cachePolicy`, `originRequestPolicy`, `responseHeadersPolicy`,
     * `function` (every CloudFront Function), `keyValueStore`, `keyValueStoreKey` (every managed key),
     * `logGroup`, `logDeliverySource`, `logDeliveryDestination`, `logDelivery`, `webAcl`, `record` (every alias
     * record), `provider` (the us-east-1 provider created for the `edgeLambdas` that give none). Each
     * EdgeLambda's own children through its `transform`.
     * @default {}
     */
    transform?: {
        distribution?: Transform<cloudfront.DistributionArgs>;
        originAccessControl?: Transform<cloudfront.OriginAccessControlArgs>;
        bucket?: PrivateBucketTransforms;
        cachePolicy?: Transform<cloudfront.CachePolicyArgs>;
        originRequestPolicy?: Transform<cloudfront.OriginRequestPolicyArgs>;
        responseHeadersPolicy?: Transform<cloudfront.ResponseHeadersPolicyArgs>;
        function?: Transform<cloudfront.FunctionArgs>;
        keyValueStore?: Transform<cloudfront.KeyValueStoreArgs>;
        keyValueStoreKey?: Transform<cloudfront.KeyvaluestoreKeyArgs>;
        logGroup?: Transform<cloudwatch.LogGroupArgs>;
        logDeliverySource?: Transform<cloudwatch.LogDeliverySourceArgs>;
        logDeliveryDestination?: Transform<cloudwatch.LogDeliveryDestinationArgs>;
        logDelivery?: Transform<cloudwatch.LogDeliveryArgs>;
        webAcl?: Transform<wafv2.WebAclArgs>;
        record?: Transform<route53.RecordArgs>;
        provider?: Transform<aws.ProviderArgs>;
    };
}
