import * as assert from "node:assert";
import { EdgeFunctions } from "../../../components/edge-functions";
import { MANAGED_CACHE_POLICY_IDS, MANAGED_ORIGIN_REQUEST_POLICY_IDS } from "../../../components/shared/limits/cloudfront";
import { Registry, build, unwrap } from "../../../components/testing";
import { CERTIFICATE, FULL, MINIMAL, ROUTER_V3, WEB_ACL, ZONE } from "./fixtures";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const FUNCTION = "aws:cloudfront/function:Function";
const RECORD = "aws:route53/record:Record";

describe("EdgeFunctions distribution", () => {
    let registry: Registry;
    let cdn: EdgeFunctions;
    let d: Record<string, any>;
    const fnArn = (key: string) => registry.one(FUNCTION, `cdn-function-${key}`).outputs.arn;
    before(async () => {
        ({ registry, result: cdn } = await build(() => new EdgeFunctions("cdn", FULL)));
        d = registry.one(DISTRIBUTION).inputs;
    });

    it("orders the behaviors as given, after the default one", () => {
        assert.deepEqual(
            d.orderedCacheBehaviors.map((b: { pathPattern: string; targetOriginId: string }) => `${b.pathPattern} → ${b.targetOriginId}`),
            ["/api/* → api", "/private/* → site", "/app/* → web"],
        );
        assert.equal(d.defaultCacheBehavior.targetOriginId, "site");
    });

    it("redirects viewers to HTTPS on every behavior", () => {
        for (const b of [d.defaultCacheBehavior, ...d.orderedCacheBehaviors]) assert.equal(b.viewerProtocolPolicy, "redirect-to-https");
    });

    it("attaches the CloudFront Functions by ARN to the events each behavior names", () => {
        assert.deepEqual(d.defaultCacheBehavior.functionAssociations, [
            { eventType: "viewer-request", functionArn: fnArn("rewrite") },
            { eventType: "viewer-response", functionArn: fnArn("headers") },
        ]);
        assert.deepEqual(d.orderedCacheBehaviors[1].functionAssociations, [{ eventType: "viewer-request", functionArn: fnArn("jwt") }]);
        assert.deepEqual(d.orderedCacheBehaviors[0].functionAssociations, []);
    });

    it("attaches a Lambda@Edge published version to its event, with the body when asked", () => {
        assert.deepEqual(d.orderedCacheBehaviors[2].lambdaFunctionAssociations, [{ eventType: "origin-request", lambdaArn: ROUTER_V3, includeBody: true }]);
        assert.deepEqual(d.defaultCacheBehavior.lambdaFunctionAssociations, []);
    });

    it("uses managed policies by their documented ids and created ones by their own", () => {
        const [api, , app] = d.orderedCacheBehaviors;
        assert.equal(d.defaultCacheBehavior.cachePolicyId, MANAGED_CACHE_POLICY_IDS.CachingOptimized);
        assert.equal(api.cachePolicyId, "4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
        assert.equal(api.originRequestPolicyId, MANAGED_ORIGIN_REQUEST_POLICY_IDS.AllViewerExceptHostHeader);
        assert.equal(app.cachePolicyId, registry.one("aws:cloudfront/cachePolicy:CachePolicy", "cdn-cache-policy-short").id);
        assert.equal(app.originRequestPolicyId, registry.one("aws:cloudfront/originRequestPolicy:OriginRequestPolicy", "cdn-origin-request-policy-geo").id);
        assert.equal(d.defaultCacheBehavior.originRequestPolicyId, undefined);
    });

    it("puts the security headers policy on every behavior", () => {
        const id = registry.one("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy").id;
        for (const b of [d.defaultCacheBehavior, ...d.orderedCacheBehaviors]) assert.equal(b.responseHeadersPolicyId, id);
    });

    it("allows all methods where asked and caches only GET and HEAD there", () => {
        assert.deepEqual(d.orderedCacheBehaviors[0].allowedMethods, ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
        assert.deepEqual(d.orderedCacheBehaviors[0].cachedMethods, ["GET", "HEAD"]);
        assert.deepEqual(d.defaultCacheBehavior.allowedMethods, ["GET", "HEAD"]);
    });

    it("serves the aliases with the us-east-1 certificate, SNI and TLSv1.2_2021", () => {
        assert.deepEqual(d.aliases, ["cdn.example.com", "www.example.com"]);
        assert.deepEqual(d.viewerCertificate, { acmCertificateArn: CERTIFICATE, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" });
    });

    it("is protected by the given web ACL, in the chosen price class, over IPv6 and HTTP/3", () => {
        assert.equal(d.webAclId, WEB_ACL);
        assert.equal(d.priceClass, "PriceClass_200");
        assert.equal(d.isIpv6Enabled, true);
        assert.equal(d.httpVersion, "http2and3");
    });

    it("writes A and AAAA alias records for each alias to the distribution", () => {
        const out = registry.one(DISTRIBUTION).outputs;
        assert.equal(registry.ofType(RECORD).length, 4);
        for (const type of ["A", "AAAA"])
            registry.hasInputs(RECORD, `cdn-record-cdn-example-com-${type.toLowerCase()}`, {
                zoneId: ZONE,
                name: "cdn.example.com",
                type,
                aliases: [{ name: out.domainName, zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: false }],
            });
    });

    it("outputs the distribution's id, ARN, domain, CloudFront's zone and the first alias's URL", async () => {
        const out = registry.one(DISTRIBUTION).outputs;
        assert.match(out.domainName, /^d[0-9a-f]{13}\.cloudfront\.net$/);
        assert.equal(await unwrap(cdn.distributionId), registry.one(DISTRIBUTION).id);
        assert.equal(await unwrap(cdn.distributionArn), out.arn);
        assert.equal(await unwrap(cdn.domainName), out.domainName);
        assert.equal(await unwrap(cdn.hostedZoneId), "Z2FDTNDATAQYW2");
        assert.equal(await unwrap(cdn.url), "https://cdn.example.com/");
    });
});

describe("EdgeFunctions distribution with defaults", () => {
    let registry: Registry;
    let cdn: EdgeFunctions;
    before(async () => {
        ({ registry, result: cdn } = await build(() => new EdgeFunctions("cdn", MINIMAL)));
    });

    it("uses CloudFront's certificate, PriceClass_100, no WAF and no aliases", () => {
        registry.hasInputs(DISTRIBUTION, undefined, {
            viewerCertificate: { cloudfrontDefaultCertificate: true },
            priceClass: "PriceClass_100",
            webAclId: undefined,
            aliases: undefined,
            restrictions: { geoRestriction: { restrictionType: "none" } },
        });
    });

    it("answers at the cloudfront.net domain and writes no records", async () => {
        assert.equal(registry.ofType(RECORD).length, 0);
        assert.equal(await unwrap(cdn.url), `https://${registry.one(DISTRIBUTION).outputs.domainName}/`);
    });

    it("serves index.html at the root URL of a bucket default origin, and sends no custom error responses", () => {
        registry.hasInputs(DISTRIBUTION, undefined, { defaultRootObject: "index.html", customErrorResponses: undefined });
    });

    it("sets no default root object when the default behavior's origin is an HTTP origin", async () => {
        const { registry: r } = await build(
            () => new EdgeFunctions("cdn", { origins: { api: { kind: "http", domainName: "api.example.com" } }, defaultBehavior: { origin: "api" } }),
        );
        r.hasInputs(DISTRIBUTION, undefined, { defaultRootObject: undefined });
    });

    it("sends each error response with its page, response code and caching TTL, in code order", async () => {
        const { registry: r } = await build(
            () =>
                new EdgeFunctions("cdn", {
                    ...MINIMAL,
                    defaultRootObject: "home.html",
                    errorResponses: {
                        404: { responsePagePath: "/404.html", responseCode: 404, cachingMinTtlSeconds: 60 },
                        403: { responsePagePath: "/index.html", responseCode: 200 },
                        503: { cachingMinTtlSeconds: 0 },
                    },
                }),
        );
        const inputs = r.one(DISTRIBUTION).inputs;
        assert.equal(inputs.defaultRootObject, "home.html");
        assert.deepEqual(inputs.customErrorResponses, [
            { errorCode: 403, responseCode: 200, responsePagePath: "/index.html", errorCachingMinTtl: 10 },
            { errorCode: 404, responseCode: 404, responsePagePath: "/404.html", errorCachingMinTtl: 60 },
            { errorCode: 503, errorCachingMinTtl: 0 },
        ]);
    });

    it("builds the README's pages example: root object, a 404 page sent with 404, ListBucket granted", async () => {
        const { registry: r } = await build(
            () =>
                new EdgeFunctions("site", {
                    origins: { site: { kind: "bucket", listBucket: true } },
                    defaultBehavior: { origin: "site" },
                    errorResponses: { 404: { responsePagePath: "/404.html", cachingMinTtlSeconds: 60 } },
                }),
        );
        r.hasInputs(DISTRIBUTION, undefined, {
            defaultRootObject: "index.html",
            customErrorResponses: [{ errorCode: 404, responseCode: 404, responsePagePath: "/404.html", errorCachingMinTtl: 60 }],
        });
        assert.match(r.one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy, /"s3:ListBucket"/);
    });

    it("names each alias's records apart, even aliases whose dots and hyphens trade places, and a wildcard beside a host called wildcard", async () => {
        const aliases = ["a-b.example.com", "a.b-example.com", "*.example.com", "wildcard.example.com"];
        const { registry: r } = await build(
            () => new EdgeFunctions("cdn", { ...MINIMAL, domain: { aliases, certificateArn: CERTIFICATE, hostedZoneId: ZONE } }),
        );
        assert.deepEqual(
            r.ofType(RECORD).map((x) => [x.name, x.inputs.name]),
            [
                ["cdn-record-a--b-example-com-a", "a-b.example.com"],
                ["cdn-record-a--b-example-com-aaaa", "a-b.example.com"],
                ["cdn-record-a-b--example-com-a", "a.b-example.com"],
                ["cdn-record-a-b--example-com-aaaa", "a.b-example.com"],
                ["cdn-record-_wildcard-example-com-a", "*.example.com"],
                ["cdn-record-_wildcard-example-com-aaaa", "*.example.com"],
                ["cdn-record-wildcard-example-com-a", "wildcard.example.com"],
                ["cdn-record-wildcard-example-com-aaaa", "wildcard.example.com"],
            ],
        );
    });

    it("writes A records only when IPv6 is off", async () => {
        const { registry: r } = await build(
            () =>
                new EdgeFunctions("cdn", {
                    ...MINIMAL,
                    isIpv6Enabled: false,
                    domain: { aliases: ["cdn.example.com"], certificateArn: CERTIFICATE, hostedZoneId: ZONE },
                }),
        );
        assert.deepEqual(
            r.ofType(RECORD).map((x) => x.inputs.type),
            ["A"],
        );
        r.hasInputs(DISTRIBUTION, undefined, { isIpv6Enabled: false });
    });
});
