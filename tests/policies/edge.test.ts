import * as assert from "node:assert";
import { type PolicyInput, checkPolicies, policyResource } from "../../components/policies";
import { EDGE_RULES } from "../../components/policies/rules/edge";
import { detailedViolations, expectOneViolation, ruleNamed } from "../harness/policy-rules";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const rule = (name: string) => ruleNamed(EDGE_RULES, name);

/** A compliant distribution: HTTPS viewers, an S3 origin through OAC, an HTTPS custom origin, a custom certificate, WAF, logging aside. */
const GOOD = {
    origins: [
        { originId: "site", domainName: "site-1234567.s3.eu-west-1.amazonaws.com", originAccessControlId: "E2QWRUHAPOMQZL" },
        {
            originId: "api",
            domainName: "api.example.com",
            customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"], httpPort: 80, httpsPort: 443 },
        },
    ],
    defaultCacheBehavior: { targetOriginId: "site", viewerProtocolPolicy: "redirect-to-https" },
    orderedCacheBehaviors: [{ pathPattern: "/api/*", targetOriginId: "api", viewerProtocolPolicy: "https-only" }],
    defaultRootObject: "index.html",
    viewerCertificate: {
        acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
    },
    webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/12345678-1234-1234-1234-123456789012",
};
const distribution = (name: string, change: (d: any) => void = () => undefined, stack = "dev"): PolicyInput => {
    const d = structuredClone(GOOD);
    change(d);
    return policyResource(DISTRIBUTION, name, d, { stack });
};

const findings = (name: string, resources: PolicyInput[]) => detailedViolations([rule(name)], resources);

const expectOne = (name: string, resources: PolicyInput[], resource: string, fragment: RegExp) => expectOneViolation(rule(name), resources, resource, fragment);

describe("policies: CloudFront rules (rules/edge.ts)", () => {
    it("passes a distribution with HTTPS viewers and origins, OAC, a custom certificate on TLSv1.2_2021 with SNI, WAF and a root object", async () => {
        const r = await checkPolicies([distribution("good", () => undefined, "prod")], { rules: EDGE_RULES.filter((x) => x.kind === "resource") });
        assert.deepStrictEqual(r.violations, []);
    });

    it("every resource rule is not applicable to other types", async () => {
        const r = await checkPolicies([policyResource("aws:s3/bucket:Bucket", "b", {})], { rules: EDGE_RULES.filter((x) => x.kind === "resource") });
        assert.deepStrictEqual(r.violations, []);
        assert.strictEqual(
            r.policies.reduce((n, p) => n + p.evaluated, 0),
            0,
        );
    });

    it("cloudfront-3-https-viewers: refuses an ordered behavior that allows all viewer protocols", async () => {
        await expectOne(
            "cloudfront-3-https-viewers",
            [distribution("cdn", (d) => (d.orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all"))],
            "cdn",
            /orderedCacheBehaviors\[0\]\.viewerProtocolPolicy is "allow-all"; set "redirect-to-https" or "https-only"/,
        );
    });

    it("cloudfront-9-https-origins: refuses an http-only custom origin", async () => {
        await expectOne(
            "cloudfront-9-https-origins",
            [distribution("cdn", (d) => (d.origins[1].customOriginConfig.originProtocolPolicy = "http-only"))],
            "cdn",
            /origins\[1\] \("api"\)\.customOriginConfig\.originProtocolPolicy is "http-only"; use "https-only"/,
        );
    });

    it("cloudfront-9-https-origins: refuses match-viewer when a behavior using the origin admits HTTP viewers, and accepts it when none does", async () => {
        await expectOne(
            "cloudfront-9-https-origins",
            [
                distribution("cdn", (d) => {
                    d.origins[1].customOriginConfig.originProtocolPolicy = "match-viewer";
                    d.orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all";
                }),
            ],
            "cdn",
            /"match-viewer" and orderedCacheBehaviors\[0\] admits viewers over HTTP/,
        );
        assert.deepStrictEqual(
            await findings("cloudfront-9-https-origins", [distribution("ok", (d) => (d.origins[1].customOriginConfig.originProtocolPolicy = "match-viewer"))]),
            [],
        );
    });

    it("cloudfront-10-origin-tls12: refuses TLSv1.1 offered to a custom origin", async () => {
        await expectOne(
            "cloudfront-10-origin-tls12",
            [distribution("cdn", (d) => (d.origins[1].customOriginConfig.originSslProtocols = ["TLSv1.1", "TLSv1.2"]))],
            "cdn",
            /originSslProtocols includes TLSv1\.1; offer \["TLSv1\.2"\] only/,
        );
    });

    it("cloudfront-7-viewer-tls12: refuses the default *.cloudfront.net certificate", async () => {
        await expectOne(
            "cloudfront-7-viewer-tls12",
            [distribution("cdn", (d) => (d.viewerCertificate = { cloudfrontDefaultCertificate: true }))],
            "cdn",
            /cloudfrontDefaultCertificate is true and no acmCertificateArn is set: the default \*\.cloudfront\.net certificate admits TLS 1\.0/,
        );
    });

    it("cloudfront-7-viewer-tls12: refuses a custom certificate with TLSv1.2_2019 (CBC ciphers)", async () => {
        await expectOne(
            "cloudfront-7-viewer-tls12",
            [distribution("cdn", (d) => (d.viewerCertificate.minimumProtocolVersion = "TLSv1.2_2019"))],
            "cdn",
            /minimumProtocolVersion is "TLSv1\.2_2019"; allowed: TLSv1\.2_2021, TLSv1\.2_2025, TLSv1\.3_2025/,
        );
    });

    it("cloudfront-8-sni: flags a custom certificate served from dedicated IPs (vip)", async () => {
        await expectOne(
            "cloudfront-8-sni",
            [distribution("cdn", (d) => (d.viewerCertificate.sslSupportMethod = "vip"))],
            "cdn",
            /sslSupportMethod is "vip"; use "sni-only"/,
        );
    });

    it("cloudfront-13-oac: refuses an S3 origin with a legacy OAI and one with neither OAI nor OAC", async () => {
        const found = await findings("cloudfront-13-oac", [
            distribution("oai", (d) => {
                delete d.origins[0].originAccessControlId;
                d.origins[0].s3OriginConfig = { originAccessIdentity: "origin-access-identity/cloudfront/E1" };
            }),
            distribution("none", (d) => delete d.origins[0].originAccessControlId),
        ]);
        assert.deepStrictEqual(
            found.map((f) => f.name),
            ["none", "oai"],
        );
        assert.match(found.find((f) => f.name === "oai")!.message, /s3OriginConfig\.originAccessIdentity is set \(legacy OAI\)/);
        assert.match(found.find((f) => f.name === "none")!.message, /originAccessControlId is not set: the S3 origin is read anonymously/);
    });

    it("cloudfront-13-oac: does not hold an S3 website endpoint (a custom origin) to OAC", async () => {
        const website = distribution("web", (d) => {
            d.origins[0] = { originId: "site", domainName: "site.s3-website-eu-west-1.amazonaws.com" };
        });
        assert.deepStrictEqual(await findings("cloudfront-13-oac", [website]), []);
    });

    it("cloudfront-6-waf: refuses a prod distribution without webAclId, and does not apply in dev", async () => {
        await expectOne(
            "cloudfront-6-waf",
            [distribution("cdn", (d) => delete d.webAclId, "prod")],
            "cdn",
            /webAclId is undefined; associate a WAFv2 web ACL of scope CLOUDFRONT/,
        );
        assert.deepStrictEqual(await findings("cloudfront-6-waf", [distribution("cdn", (d) => delete d.webAclId, "dev")]), []);
    });

    it("cloudfront-1-default-root-object: flags an S3 default origin without a root object, not an HTTP one", async () => {
        await expectOne(
            "cloudfront-1-default-root-object",
            [distribution("cdn", (d) => delete d.defaultRootObject)],
            "cdn",
            /defaultRootObject is undefined while the default behavior serves S3 origin "site"/,
        );
        const http = distribution("api", (d) => {
            delete d.defaultRootObject;
            d.defaultCacheBehavior.targetOriginId = "api";
        });
        assert.deepStrictEqual(await findings("cloudfront-1-default-root-object", [http]), []);
    });

    describe("cloudfront-5-logging (stack)", () => {
        const arn = "arn:aws:cloudfront::123456789012:distribution/E1";
        const logged = () => [
            policyResource(DISTRIBUTION, "cdn", GOOD, { outputs: { ...GOOD, arn } }),
            policyResource(
                "aws:cloudwatch/logDeliverySource:LogDeliverySource",
                "cdn-log-source",
                { logType: "ACCESS_LOGS", resourceArn: arn },
                { outputs: { name: "cdn-log-source", logType: "ACCESS_LOGS", resourceArn: arn } },
            ),
            policyResource("aws:cloudwatch/logDelivery:LogDelivery", "cdn-log-delivery", { deliverySourceName: "cdn-log-source" }),
        ];

        it("passes a distribution whose delivery source is connected by a delivery", async () => {
            assert.deepStrictEqual(await findings("cloudfront-5-logging", logged()), []);
        });

        it("refuses a distribution whose delivery source no delivery connects", async () => {
            await expectOne(
                "cloudfront-5-logging",
                logged().slice(0, 2),
                "cdn",
                /no aws:cloudwatch\/logDeliverySource .* is connected by an aws:cloudwatch\/logDelivery/,
            );
        });

        it("passes legacy logging to S3 (loggingConfig.bucket)", async () => {
            const legacy = { ...GOOD, loggingConfig: { bucket: "logs.s3.amazonaws.com" } };
            assert.deepStrictEqual(await findings("cloudfront-5-logging", [policyResource(DISTRIBUTION, "cdn", legacy, { outputs: { ...legacy, arn } })]), []);
        });
    });
});
