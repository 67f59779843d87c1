/**
 * A CDN over a private bucket, an HTTPS API and a web origin, through the public API, in a stack outside
 * us-east-1, with every piece of edge code in functions/edge: URL rewrites and redirects (KeyValueStore map) and
 * security headers on the site, the JWT check on /private/*, cache-key normalization on /products/*, the A/B test on
 * both viewer events of /landing/*, bot mitigation and the Lambda@Edge origin-request router on /shop/*; a custom
 * domain with its us-east-1 certificate and Route 53 records, a WAF web ACL, access logs kept 90 days.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EdgeFunctions } from "../../components";

const EDGE = path.join(__dirname, "../../functions/edge");
const edge = (file: string) => fs.readFileSync(path.join(EDGE, file), "utf8");

/** The router's routes: country and device headers CloudFront sets, to regional web origins. */
export const ROUTES = {
    routes: [
        { header: "cloudfront-is-mobile-viewer", values: ["true"], origin: { domainName: "m.app.example.com" } },
        { header: "cloudfront-viewer-country", values: ["DE", "FR", "AT"], origin: { domainName: "eu.app.example.com" } },
    ],
};

export function program() {
    const cdn = new EdgeFunctions("site", {
        origins: {
            assets: { kind: "bucket" },
            api: { kind: "http", domainName: "api.example.com" },
            web: { kind: "http", domainName: "web-1234567890.eu-west-1.elb.amazonaws.com" },
        },
        defaultBehavior: { origin: "assets", functions: { "viewer-request": "rewrite", "viewer-response": "headers" } },
        behaviors: {
            "/api/*": { origin: "api", cache: "CachingDisabled", originRequest: "AllViewerExceptHostHeader", allowedMethods: "all" },
            "/private/*": { origin: "assets", functions: { "viewer-request": "jwt" } },
            // The function already filtered and sorted the query string: every remaining key is in the cache key.
            "/products/*": { origin: "web", cache: "all-queries", functions: { "viewer-request": "cache-key" } },
            // One function on both viewer events; the variant header must be part of the cache key.
            "/landing/*": { origin: "web", cache: "variants", functions: { "viewer-request": "ab-test", "viewer-response": "ab-test" } },
            "/shop/*": {
                origin: "web",
                cache: "CachingDisabled",
                originRequest: "geo",
                functions: { "viewer-request": "bot" },
                edgeLambdas: { "origin-request": "router" },
            },
        },
        cachePolicies: {
            "all-queries": { defaultTtlSeconds: 300, queryStrings: "all" },
            variants: { defaultTtlSeconds: 300, headers: ["x-ab-variant"] },
        },
        // The router reads these headers: the origin request policy must forward them.
        originRequestPolicies: { geo: { headers: ["CloudFront-Viewer-Country", "CloudFront-Is-Mobile-Viewer"], queryStrings: "all", cookies: "all" } },
        functions: {
            rewrite: { code: edge("viewer-request-rewrite.js"), keyValueStore: true },
            headers: { code: edge("viewer-response-security-headers.js") },
            jwt: { code: edge("viewer-request-jwt.js"), keyValueStore: true },
            "cache-key": { code: edge("viewer-request-cache-key.js"), keyValueStore: true },
            "ab-test": { code: edge("viewer-ab-test.js"), keyValueStore: true },
            bot: { code: edge("viewer-request-bot.js"), keyValueStore: true },
        },
        edgeLambdas: {
            router: {
                entry: path.relative(process.cwd(), path.join(EDGE, "origin-request-router", "index.ts")),
                timeoutSeconds: 10,
                files: { "routes.json": JSON.stringify(ROUTES) },
            },
        },
        // Non-secret data; the JWT key ("jwt-secret") is put by the operator, never here.
        keyValueStore: {
            keys: {
                redirects: JSON.stringify({ "/old-shop": "/shop/" }),
                "ab-weights": JSON.stringify({ control: 90, beta: 10 }),
                "cache-key": JSON.stringify({ lowercasePaths: ["/products/"], queryAllowList: ["page", "q", "sort"] }),
            },
        },
        domain: {
            aliases: ["www.example.com"],
            certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0c3a9f9e-1b7a-4e6c-9a55-3f1f0e2d8c11",
            hostedZoneId: "Z0123456789ABCDEFGHIJ",
        },
        webAclArn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/a1b2c3d4-5678-90ab-cdef-0123456789ab",
        logging: { retentionDays: 90 },
    });
    return { url: cdn.url, bucket: cdn.bucketNames.assets, keyValueStoreArn: cdn.keyValueStoreArn!, router: cdn.edgeLambdas.router.qualifiedArn };
}
