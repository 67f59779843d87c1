import * as assert from "node:assert";
import { EdgeFunctions } from "../../../components/edge-functions";
import { checkPolicies } from "../../../components/policies";
import { EDGE_RULES } from "../../../components/policies/rules/edge";
import { S3_RULES } from "../../../components/policies/rules/s3";
import { NONCURRENT_VERSION_DAYS } from "../../../components/shared/bucket";
import { nameProblems } from "../../../components/shared/naming";
import { Registry, build } from "../../../components/testing";
import { CERTIFICATE, MINIMAL } from "./fixtures";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

describe("EdgeFunctions web ACL (webAcl)", () => {
    let registry: Registry;
    before(async () => {
        ({ registry } = await build(() => new EdgeFunctions("cdn", { ...MINIMAL, webAcl: {} })));
    });

    it("creates a CLOUDFRONT web ACL in us-east-1 that allows what no rule blocks", () => {
        registry.hasInputs(WEB_ACL, "cdn-web-acl", { region: "us-east-1", scope: "CLOUDFRONT", defaultAction: { allow: {} } });
    });

    it("runs the IP reputation, core and known-bad-inputs AWS managed rule groups in that order with their own actions, then a per-IP rate limit of 2000 per 5 minutes that blocks", () => {
        const rules = registry.one(WEB_ACL, "cdn-web-acl").inputs.rules;
        assert.deepStrictEqual(
            rules.map((r: any) => [r.priority, r.name, r.overrideAction ?? r.action]),
            [
                [0, "AWSManagedRulesAmazonIpReputationList", { none: {} }],
                [1, "AWSManagedRulesCommonRuleSet", { none: {} }],
                [2, "AWSManagedRulesKnownBadInputsRuleSet", { none: {} }],
                [3, "rate-limit-per-ip", { block: {} }],
            ],
        );
        assert.deepStrictEqual(rules[1].statement, { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } });
        assert.deepStrictEqual(rules[3].statement, { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP", evaluationWindowSec: 300 } });
    });

    it("associates the web ACL it created with the distribution by ARN", () => {
        assert.strictEqual(registry.one(DISTRIBUTION).inputs.webAclId, registry.one(WEB_ACL, "cdn-web-acl").outputs.arn);
    });

    it("creates no rate rule with rateLimitPer5Minutes false, and no web ACL without webAcl", async () => {
        const { registry: r } = await build(
            () => new EdgeFunctions("cdn", { ...MINIMAL, webAcl: { rateLimitPer5Minutes: false, managedRuleGroups: ["AWSManagedRulesCommonRuleSet"] } }),
        );
        assert.deepStrictEqual(
            r.one(WEB_ACL).inputs.rules.map((x: any) => x.name),
            ["AWSManagedRulesCommonRuleSet"],
        );
        const { registry: none } = await build(() => new EdgeFunctions("cdn", MINIMAL));
        assert.strictEqual(none.ofType(WEB_ACL).length, 0);
    });
});

describe("EdgeFunctions content buckets with protectData", () => {
    it("versions a kept content bucket and expires replaced versions after NONCURRENT_VERSION_DAYS", async () => {
        const { registry } = await build(() => new EdgeFunctions("cdn", { ...MINIMAL, protectData: true }));
        registry.hasInputs("aws:s3/bucketVersioning:BucketVersioning", "cdn-bucket-site-versioning", { versioningConfiguration: { status: "Enabled" } });
        const rules = registry.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules;
        assert.deepStrictEqual(
            rules.find((r: any) => r.id === "noncurrent-versions"),
            { id: "noncurrent-versions", status: "Enabled", filter: { prefix: "" }, noncurrentVersionExpiration: { noncurrentDays: NONCURRENT_VERSION_DAYS } },
        );
    });

    it("does not version an unprotected content bucket", async () => {
        const { registry } = await build(() => new EdgeFunctions("cdn", MINIMAL));
        assert.strictEqual(registry.ofType("aws:s3/bucketVersioning:BucketVersioning").length, 0);
    });
});

describe("EdgeFunctions against the CloudFront and S3 rules", () => {
    it("passes every CloudFront and S3 rule in prod with a domain, a created web ACL and protectData (S3 access logging aside)", async () => {
        const { registry } = await build(
            () =>
                new EdgeFunctions("cdn", { ...MINIMAL, domain: { aliases: ["cdn.example.com"], certificateArn: CERTIFICATE }, webAcl: {}, protectData: true }),
            { stack: "prod" },
        );
        const rules = [...EDGE_RULES, ...S3_RULES].filter((r) => r.name !== "s3-9-access-logging");
        const result = await checkPolicies(registry.all(), { rules });
        assert.deepStrictEqual(result.violations, []);
        assert.ok(result.policies.find((p) => p.name === "cloudfront-6-waf")!.evaluated > 0, "the WAF rule ran (prod)");
        assert.ok(result.policies.find((p) => p.name === "s3-14-versioning")!.evaluated > 0);
    });

    it("fails cloudfront-6-waf in prod without a web ACL", async () => {
        const { registry } = await build(
            () => new EdgeFunctions("cdn", { ...MINIMAL, domain: { aliases: ["cdn.example.com"], certificateArn: CERTIFICATE } }),
            { stack: "prod" },
        );
        const result = await checkPolicies(registry.all(), { rules: EDGE_RULES });
        assert.deepStrictEqual(
            result.violations.map((v) => [v.policy, v.name]),
            [["cloudfront-6-waf", "cdn-distribution"]],
        );
    });
});

describe("EdgeFunctions web ACL name", () => {
    it("fits the web ACL's auto-name into WAF's 128 characters when the component's name is long", async () => {
        const long = `cdn-${"x".repeat(120)}`;
        const { registry } = await build(() => new EdgeFunctions(long, { ...MINIMAL, webAcl: {} }));
        const acl = registry.one(WEB_ACL);
        assert.ok(acl.outputs.name.length <= 128, acl.outputs.name);
        assert.match(acl.outputs.name, /^[0-9A-Za-z_-]+$/);
        assert.deepStrictEqual(nameProblems(WEB_ACL, acl.outputs.name), []);
    });
});
