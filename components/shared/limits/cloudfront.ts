/**
 * CloudFront's quotas and fixed identifiers, as data: the component validates against them and the testing
 * kit's CloudFront Functions sandbox (`components/testing/cloudfront.ts`) enforces the same numbers.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html
 */

/** CloudFront's quota: "Maximum size of a function: 10 KB" (the UTF-8 bytes of the source). */
export const CLOUDFRONT_FUNCTION_MAX_BYTES = 10 * 1024;
/**
 * KeyValueStore limits: "Key size – 512 characters", "Value size – 1024 characters"
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/kvs-with-functions-create-s3-kvp.html).
 */
export const KVS_MAX_KEY_CHARS = 512;
export const KVS_MAX_VALUE_CHARS = 1024;

/**
 * Managed cache policy ids by name. Source: "Use managed cache policies"
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html), the same
 * ids as aws-cdk-lib `aws-cloudfront/lib/cache-policy.ts`.
 */
export const MANAGED_CACHE_POLICY_IDS = {
    CachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    CachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    CachingOptimizedForUncompressedObjects: "b2884449-e4de-46a7-ac36-70bc7f1ddd6d",
    UseOriginCacheControlHeaders: "83da9c7e-98b4-4e11-a168-04f0df8e2c65",
    "UseOriginCacheControlHeaders-QueryStrings": "4cc15a8a-d715-48a4-82b8-cc0b614638fe",
    Amplify: "2e54312d-136d-493c-8eb9-b001f22f67d2",
    "Elemental-MediaPackage": "08627262-05a9-4f76-9ded-b50ca2e3a84f",
} as const;

/**
 * Managed origin request policy ids by name. Source: "Use managed origin request policies"
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html), the
 * same ids as aws-cdk-lib `aws-cloudfront/lib/origin-request-policy.ts`.
 */
export const MANAGED_ORIGIN_REQUEST_POLICY_IDS = {
    AllViewer: "216adef6-5c7f-47e4-b989-5492eafa07d3",
    "AllViewerAndCloudFrontHeaders-2022-06": "33f36d7e-f396-46d9-90e0-52428a34d9dc",
    AllViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
    "CORS-CustomOrigin": "59781a5b-3903-41f3-afcb-af62929ccde1",
    "CORS-S3Origin": "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf",
    UserAgentRefererHeaders: "acba4595-bd28-49b8-b9fe-13317c0390fa",
    "Elemental-MediaTailor-PersonalizedManifests": "775133bc-15f2-49f9-abea-afb2e0bf67d2",
} as const;

/**
 * Per-policy and per-distribution quotas (cloudfront-limits.html, "Quotas on policies" and "General quotas on
 * distributions"): headers, cookies and query strings named in one cache or origin request policy; alternate
 * domain names per distribution; cache behaviors per distribution (75 on the current page; older copies of it, and
 * the General Reference's cf_region.html, still say 25: an account on the old default needs an increase past 25).
 */
export const CLOUDFRONT_LIMITS = {
    policyNames: 10,
    aliases: 100,
    behaviors: 75,
    /** Seconds: the longest TTL CloudFront accepts in a cache policy (one year). */
    maxTtlSeconds: 31_536_000,
    /** Origin response timeout (1–60 s without a quota increase) and keep-alive timeout (1–60 s). */
    originReadTimeoutSeconds: [1, 60],
    originKeepaliveTimeoutSeconds: [1, 60],
    /** "Quotas on headers": custom headers CloudFront adds to the requests to one origin. */
    originCustomHeaders: 10,
    /** Path patterns: at most 255 characters. */
    pathPatternChars: 255,
    /** Comments on functions and policies: at most 128 characters. */
    commentChars: 128,
    /** A Content-Security-Policy value in a response headers policy: at most 1783 characters. */
    contentSecurityPolicyChars: 1783,
} as const;
