/**
 * A CDN over a private bucket, an HTTPS API and a web origin, through the public API, in a stack outside
 * us-east-1: the repository's CloudFront Functions from functions/edge (URL rewrites and redirects from the
 * KeyValueStore, the JWT check on /private/*, security headers at viewer response), a country router on Lambda@Edge
 * (the tests' origin-request handler as entry; the real router is functions/edge/origin-request-router.ts), a custom
 * domain with its us-east-1 certificate and Route 53 records, and a WAF web ACL.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EdgeFunctions } from "../../components";

const edge = (file: string) => fs.readFileSync(path.join(__dirname, "../../functions/edge", file), "utf8");
const ROUTER = path.relative(process.cwd(), path.join(__dirname, "../components/edge-lambda/fixtures/origin-request.ts"));

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
            "/shop/*": { origin: "web", cache: "CachingDisabled", originRequest: "geo", edgeLambdas: { "origin-request": "router" } },
        },
        originRequestPolicies: { geo: { headers: ["CloudFront-Viewer-Country", "CloudFront-Is-Mobile-Viewer"], queryStrings: "all", cookies: "all" } },
        functions: {
            rewrite: { code: edge("viewer-request-rewrite.js"), keyValueStore: true },
            jwt: { code: edge("viewer-request-jwt.js"), keyValueStore: true },
            headers: { code: edge("viewer-response-security-headers.js") },
        },
        edgeLambdas: {
            router: { entry: ROUTER, timeoutSeconds: 10, files: { "routes.json": JSON.stringify({ default: "web", countries: { DE: "eu" } }) } },
        },
        // The JWT key ("jwt-secret") is put by the operator, never here.
        keyValueStore: { keys: { redirects: JSON.stringify({ "/old-shop": "/shop/" }) } },
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
