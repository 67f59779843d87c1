import * as assert from "node:assert";
import { EdgeFunctions, EdgeFunctionsArgs } from "../../../components/edge-functions";
import { Registry, build } from "../../../components/testing";
import { FULL, MINIMAL } from "./fixtures";

const CACHE = "aws:cloudfront/cachePolicy:CachePolicy";
const ORIGIN_REQUEST = "aws:cloudfront/originRequestPolicy:OriginRequestPolicy";
const HEADERS = "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy";

describe("EdgeFunctions policies", () => {
    let registry: Registry;
    before(async () => {
        ({ registry } = await build(() => new EdgeFunctions("cdn", FULL)));
    });

    it("creates the custom cache policy with its TTLs, its query strings in the key and compression", () => {
        registry.hasInputs(CACHE, "cdn-cache-policy-short", {
            defaultTtl: 60,
            minTtl: 1,
            maxTtl: 300,
            parametersInCacheKeyAndForwardedToOrigin: {
                cookiesConfig: { cookieBehavior: "none" },
                headersConfig: { headerBehavior: "none" },
                queryStringsConfig: { queryStringBehavior: "whitelist", queryStrings: { items: ["page"] } },
                enableAcceptEncodingGzip: true,
                enableAcceptEncodingBrotli: true,
            },
        });
    });

    it("creates the custom origin request policy forwarding the CloudFront viewer headers", () => {
        registry.hasInputs(ORIGIN_REQUEST, "cdn-origin-request-policy-geo", {
            headersConfig: { headerBehavior: "whitelist", headers: { items: ["CloudFront-Viewer-Country", "CloudFront-Is-Mobile-Viewer"] } },
            cookiesConfig: { cookieBehavior: "none" },
            queryStringsConfig: { queryStringBehavior: "none" },
        });
    });

    it("sets HSTS for a year with subdomains, nosniff, DENY framing and a strict referrer policy, overriding the origin", () => {
        registry.hasInputs(HEADERS, undefined, {
            securityHeadersConfig: {
                strictTransportSecurity: { accessControlMaxAgeSec: 31536000, includeSubdomains: true, preload: false, override: true },
                contentTypeOptions: { override: true },
                frameOptions: { frameOption: "DENY", override: true },
                referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
                contentSecurityPolicy: undefined,
            },
        });
    });
});

describe("EdgeFunctions policies, options", () => {
    it("adds a Content-Security-Policy when given", async () => {
        const { registry } = await build(() => new EdgeFunctions("cdn", { ...MINIMAL, responseHeaders: { contentSecurityPolicy: "default-src 'self'" } }));
        registry.hasInputs(HEADERS, undefined, {
            securityHeadersConfig: { contentSecurityPolicy: { contentSecurityPolicy: "default-src 'self'", override: true } },
        });
    });

    it("creates no response headers policy when no behavior takes security headers", async () => {
        const { registry } = await build(() => new EdgeFunctions("cdn", { ...MINIMAL, defaultBehavior: { origin: "site", securityHeaders: false } }));
        assert.equal(registry.ofType(HEADERS).length, 0);
        assert.equal(registry.one("aws:cloudfront/distribution:Distribution").inputs.defaultCacheBehavior.responseHeadersPolicyId, undefined);
    });

    it("turns Accept-Encoding normalization off in a policy that caches nothing (CloudFront refuses it)", async () => {
        const args: EdgeFunctionsArgs = {
            ...MINIMAL,
            defaultBehavior: { origin: "site", cache: "none" },
            cachePolicies: { none: { minTtlSeconds: 0, defaultTtlSeconds: 0, maxTtlSeconds: 0 } },
        };
        const { registry } = await build(() => new EdgeFunctions("cdn", args));
        registry.hasInputs(CACHE, undefined, {
            parametersInCacheKeyAndForwardedToOrigin: { enableAcceptEncodingGzip: false, enableAcceptEncodingBrotli: false },
        });
    });

    it('forwards every viewer header with headers "all" (allViewer)', async () => {
        const args: EdgeFunctionsArgs = {
            origins: { api: { kind: "http", domainName: "api.example.com" } },
            defaultBehavior: { origin: "api", originRequest: "o" },
            originRequestPolicies: { o: { headers: "all", queryStrings: "all" } },
        };
        const { registry } = await build(() => new EdgeFunctions("cdn", args));
        registry.hasInputs(ORIGIN_REQUEST, undefined, { headersConfig: { headerBehavior: "allViewer" }, queryStringsConfig: { queryStringBehavior: "all" } });
    });
});
