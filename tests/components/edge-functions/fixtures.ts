import * as fs from "node:fs";
import * as path from "node:path";
import type { EdgeFunctionsArgs } from "../../../components/edge-functions";

const edge = (file: string) => fs.readFileSync(path.resolve(__dirname, "../../../functions/edge", file), "utf8");

/** The repository's CloudFront Functions (functions/edge). */
export const REWRITE = edge("viewer-request-rewrite.js");
export const JWT = edge("viewer-request-jwt.js");
export const SECURITY_HEADERS = edge("viewer-response-security-headers.js");

export const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0c3a9f9e-1b7a-4e6c-9a55-3f1f0e2d8c11";
export const WEB_ACL = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/a1b2c3d4-5678-90ab-cdef-0123456789ab";
export const ROUTER_V3 = "arn:aws:lambda:us-east-1:123456789012:function:router:3";
export const ZONE = "Z0123456789ABCDEFGHIJ";

/** The smallest valid CDN: one bucket origin, defaults everywhere. */
export const MINIMAL: EdgeFunctionsArgs = { origins: { site: { kind: "bucket" } }, defaultBehavior: { origin: "site" } };

/** Every part: a bucket, two HTTPS origins, ordered behaviors, functions on viewer events, a KeyValueStore, a Lambda@Edge version, a domain. */
export const FULL: EdgeFunctionsArgs = {
    origins: {
        site: { kind: "bucket" },
        web: { kind: "http", domainName: "web-123.us-east-1.elb.amazonaws.com", customHeaders: { "x-origin-verify": "s3cr3t" } },
        api: { kind: "http", domainName: "api.example.com", originPath: "/v1" },
    },
    defaultBehavior: { origin: "site", functions: { "viewer-request": "rewrite", "viewer-response": "headers" } },
    behaviors: {
        "/api/*": { origin: "api", cache: "CachingDisabled", originRequest: "AllViewerExceptHostHeader", allowedMethods: "all" },
        "/private/*": { origin: "site", functions: { "viewer-request": "jwt" } },
        "/app/*": { origin: "web", cache: "short", originRequest: "geo", edgeLambdas: { "origin-request": { qualifiedArn: ROUTER_V3, includeBody: true } } },
    },
    cachePolicies: { short: { defaultTtlSeconds: 60, maxTtlSeconds: 300, queryStrings: ["page"] } },
    originRequestPolicies: { geo: { headers: ["CloudFront-Viewer-Country", "CloudFront-Is-Mobile-Viewer"] } },
    functions: {
        rewrite: { code: REWRITE, keyValueStore: true },
        jwt: { code: JWT, keyValueStore: true },
        headers: { code: SECURITY_HEADERS },
    },
    keyValueStore: { keys: { redirects: JSON.stringify({ "/old": "/new" }) } },
    domain: { aliases: ["cdn.example.com", "www.example.com"], certificateArn: CERTIFICATE, hostedZoneId: ZONE },
    webAclArn: WEB_ACL,
    priceClass: "PriceClass_200",
};
