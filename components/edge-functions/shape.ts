/**
 * The shape of EdgeFunctionsArgs: the first check the constructor runs (types, unknown keys, discriminated
 * origins and Lambda@Edge associations), before `normalize` and the value rules in `validate.ts`.
 */
import { PRIVATE_BUCKET_TRANSFORMS_SHAPE } from "../shared/bucket-shape";
import { Shape, array, boolean, checkShape, custom, input, int, object, oneOf, optional, record, string, transform, union } from "../shared/shape";
import type {
    BehaviorArgs,
    BucketOriginArgs,
    CachePolicyArgs,
    CloudFrontFunctionArgs,
    DistributionDomainArgs,
    EdgeFunctionsArgs,
    ErrorResponseArgs,
    HttpOriginArgs,
    LoggingArgs,
    OriginRequestPolicyArgs,
    ResponseHeadersArgs,
    WebAclArgs,
} from "./args";
import { MANAGED_RULE_GROUPS } from "./web-acl";

const BUCKET_ORIGIN_SHAPE = object<BucketOriginArgs>({ noun: "origin field" })({
    kind: oneOf(["bucket"]),
    originPath: optional(string()),
    listBucket: optional(boolean()),
});
const HTTP_ORIGIN_SHAPE = object<HttpOriginArgs>({ noun: "origin field" })({
    kind: oneOf(["http"]),
    domainName: input(string()),
    originPath: optional(string()),
    protocol: optional(oneOf(["https-only", "http-only"])),
    httpsPort: optional(int()),
    httpPort: optional(int()),
    readTimeoutSeconds: optional(int()),
    keepaliveTimeoutSeconds: optional(int()),
    customHeaders: optional(record(input(string()))),
});

/** An origin: its `kind` decides which fields it takes. */
const ORIGIN_SHAPE: Shape = custom("object", '{ kind: "bucket", originPath?, listBucket? } or { kind: "http", domainName, ... }', (issues, path, value) => {
    const kind = (value as { kind?: unknown }).kind;
    if (kind === "bucket") checkShape(issues, BUCKET_ORIGIN_SHAPE, value, path);
    else if (kind === "http") checkShape(issues, HTTP_ORIGIN_SHAPE, value, path);
    else issues.add(`${path}.kind`, kind, kind === undefined ? "is required" : "is not supported", '"bucket", "http"');
});

/** A Lambda@Edge association: a key, or `{ lambda }` or `{ qualifiedArn }` with `includeBody`. */
const ASSOCIATION_SHAPE: Shape = union(
    '"<edgeLambdas key>", { lambda, includeBody? } or { qualifiedArn, includeBody? }',
    string(),
    custom("object", "{ lambda, includeBody? } or { qualifiedArn, includeBody? }", (issues, path, value) => {
        const v = value as Record<string, unknown>;
        const shape =
            "qualifiedArn" in v
                ? object<{ qualifiedArn: string; includeBody?: boolean }>({ noun: "association field" })({
                      qualifiedArn: input(string()),
                      includeBody: optional(boolean()),
                  })
                : object<{ lambda: string; includeBody?: boolean }>({ noun: "association field" })({ lambda: string(), includeBody: optional(boolean()) });
        checkShape(issues, shape, value, path);
    }),
);

const BEHAVIOR_SHAPE = object<BehaviorArgs>({ noun: "behavior field" })({
    origin: string(),
    cache: optional(string()),
    originRequest: optional(string()),
    allowedMethods: optional(oneOf(["get-head", "get-head-options", "all"])),
    compress: optional(boolean()),
    viewerProtocol: optional(oneOf(["redirect-to-https", "https-only"])),
    securityHeaders: optional(boolean()),
    // Event names are checked with the rules below, which say why an origin event is refused.
    functions: optional(record(string())),
    edgeLambdas: optional(record(ASSOCIATION_SHAPE)),
});

const SELECTION = union('"none", "all" or a list of names', string(), array(string()));

export const EDGE_FUNCTIONS_SHAPE = object<EdgeFunctionsArgs>()({
    origins: record(ORIGIN_SHAPE),
    defaultBehavior: BEHAVIOR_SHAPE,
    behaviors: optional(record(BEHAVIOR_SHAPE)),
    defaultRootObject: optional(union('an object name such as "index.html", or false', string(), oneOf([false]))),
    // Error codes and the values are checked with the rules in validate.ts, which say what CloudFront accepts.
    errorResponses: optional(
        record(
            object<ErrorResponseArgs>({ noun: "error response field" })({
                responsePagePath: optional(string()),
                responseCode: optional(int()),
                cachingMinTtlSeconds: optional(int()),
            }),
        ),
    ),
    cachePolicies: optional(
        record(
            object<CachePolicyArgs>({ noun: "cache policy field" })({
                defaultTtlSeconds: optional(int()),
                minTtlSeconds: optional(int()),
                maxTtlSeconds: optional(int()),
                headers: optional(array(string())),
                cookies: optional(SELECTION),
                queryStrings: optional(SELECTION),
            }),
        ),
    ),
    originRequestPolicies: optional(
        record(
            object<OriginRequestPolicyArgs>({ noun: "origin request policy field" })({
                headers: optional(SELECTION),
                cookies: optional(SELECTION),
                queryStrings: optional(SELECTION),
            }),
        ),
    ),
    functions: optional(
        record(
            object<CloudFrontFunctionArgs>({ noun: "function field" })({
                code: string({ nonEmpty: true }),
                keyValueStore: optional(boolean()),
                comment: optional(string()),
            }),
        ),
    ),
    // Each entry's args are checked by EdgeLambda's own validation (below), for the events it is attached to.
    edgeLambdas: optional(record(custom("object", "EdgeLambda args { entry, ... }", () => undefined))),
    keyValueStore: optional(object<{ keys?: Record<string, string> }>()({ keys: optional(record(input(string()))) })),
    responseHeaders: optional(
        object<ResponseHeadersArgs>()({
            hstsMaxAgeSeconds: optional(int()),
            hstsIncludeSubdomains: optional(boolean()),
            hstsPreload: optional(boolean()),
            frameOptions: optional(oneOf(["DENY", "SAMEORIGIN"])),
            referrerPolicy: optional(
                oneOf([
                    "no-referrer",
                    "no-referrer-when-downgrade",
                    "origin",
                    "origin-when-cross-origin",
                    "same-origin",
                    "strict-origin",
                    "strict-origin-when-cross-origin",
                    "unsafe-url",
                ]),
            ),
            contentSecurityPolicy: optional(string({ nonEmpty: true })),
            override: optional(boolean()),
        }),
    ),
    domain: optional(
        object<DistributionDomainArgs>()({
            aliases: array(string()),
            certificateArn: optional(input(string())),
            hostedZoneId: optional(input(string())),
            minimumProtocolVersion: optional(string()),
        }),
    ),
    webAclArn: optional(input(string())),
    webAcl: optional(
        object<WebAclArgs>()({
            managedRuleGroups: optional(array(oneOf(Object.keys(MANAGED_RULE_GROUPS)))),
            rateLimitPer5Minutes: optional(union("an integer 10–2000000000, or false", int(), oneOf([false]))),
        }),
    ),
    priceClass: optional(oneOf(["PriceClass_100", "PriceClass_200", "PriceClass_All"])),
    isIpv6Enabled: optional(boolean()),
    logging: optional(
        union(
            "false, or { retentionDays?, outputFormat? }",
            oneOf([false]),
            object<LoggingArgs>()({ retentionDays: optional(int()), outputFormat: optional(string()) }),
        ),
    ),
    protectData: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<EdgeFunctionsArgs["transform"]>>()({
            distribution: optional(transform()),
            originAccessControl: optional(transform()),
            bucket: optional(PRIVATE_BUCKET_TRANSFORMS_SHAPE),
            cachePolicy: optional(transform()),
            originRequestPolicy: optional(transform()),
            responseHeadersPolicy: optional(transform()),
            function: optional(transform()),
            keyValueStore: optional(transform()),
            keyValueStoreKey: optional(transform()),
            logGroup: optional(transform()),
            logDeliverySource: optional(transform()),
            logDeliveryDestination: optional(transform()),
            logDelivery: optional(transform()),
            webAcl: optional(transform()),
            record: optional(transform()),
            provider: optional(transform()),
        }),
    ),
});
