/**
 * Edge pricers: CloudFront distributions, CloudFront Functions, KeyValueStore, Lambda@Edge and WAF, on hand-computed
 * cases (arithmetic written out, prices from prices/edge.ts), plus the prod plan's edge resources.
 */
import * as assert from "node:assert";
import { EDGE_FREE_TIER, EDGE_FREE_TYPES, EDGE_PRICES } from "../../components/cost/prices/edge";
import { CACHING_DISABLED_POLICY, EDGE_PRICERS } from "../../components/cost/pricers/edge";
import { type CostLine, type LoadProfile, type PlanResource, UNKNOWN } from "../../components/cost/types";
import { stackPlan } from "../harness/stack-plans";
import { planResource, planResources, testContext, ZERO_LOAD } from "./context";

const DIST = "aws:cloudfront/distribution:Distribution";
const FN = "aws:cloudfront/function:Function";
const KVS = "aws:cloudfront/keyValueStore:KeyValueStore";
const ACL = "aws:wafv2/webAcl:WebAcl";
const LAMBDA = "aws:lambda/function:Function";

const close = (actual: number, expected: number, what = "") => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);
const total = (lines: CostLine[]) => lines.reduce((sum, l) => sum + l.monthly, 0);
const line = (lines: CostLine[], price: string) => {
    const found = lines.filter((l) => l.price === price);
    assert.strictEqual(found.length, 1, `one line priced ${price} in ${JSON.stringify(lines.map((l) => l.price))}`);
    return found[0];
};
const price = (resource: PlanResource, resources: PlanResource[], load: Partial<LoadProfile> = {}) =>
    EDGE_PRICERS[resource.type](resource, testContext(resources, load, EDGE_PRICES));

const cdn = (requestsPerMonth: number, transferOutGB = 0, cacheHitRatio = 0): Partial<LoadProfile> => ({
    cdn: { requestsPerMonth, transferOutGB, cacheHitRatio },
});
const distribution = (name: string, defaultCacheBehavior: Record<string, any> = {}, inputs: Record<string, any> = {}) =>
    planResource(DIST, name, { enabled: true, defaultCacheBehavior: { targetOriginId: "site", ...defaultCacheBehavior }, ...inputs });

describe("cost: CloudFront distributions", () => {
    it("10 M HTTPS requests and 100 GB out cost 1,000 × $0.01 + 100 × $0.085", () => {
        const d = distribution("cdn");
        const lines = price(d, [d], cdn(10e6, 100));
        close(line(lines, "cloudfront.https.requests").monthly, (10e6 / 10_000) * 0.01, "requests");
        close(line(lines, "cloudfront.transferOut.gb").monthly, 100 * 0.085, "transfer");
        close(total(lines), 10 + 8.5, "total");
    });

    it("costs nothing at idle: every line is usage", () => {
        const d = distribution("cdn");
        const lines = price(d, [d]);
        assert.ok(lines.length > 0 && lines.every((l) => l.usage && l.monthly === 0));
    });

    it("splits load.cdn evenly over enabled distributions and gives a disabled one nothing", () => {
        const a = distribution("a");
        const b = distribution("b");
        const off = distribution("off", {}, { enabled: false });
        const all = [a, b, off];
        close(line(price(a, all, cdn(10e6, 100)), "cloudfront.https.requests").quantity, 5e6 / 10_000, "a");
        close(line(price(off, all, cdn(10e6, 100)), "cloudfront.transferOut.gb").quantity, 0, "disabled");
    });

    it("prices Origin Shield on the cache misses of behaviors whose origin enables it", () => {
        const d = distribution("cdn", {}, { origins: [{ originId: "site", originShield: { enabled: true, originShieldRegion: "us-east-1" } }] });
        const shield = line(price(d, [d], cdn(10e6, 0, 0.8)), "cloudfront.originShield.requests");
        close(shield.monthly, ((10e6 * (1 - 0.8)) / 10_000) * 0.0075);
    });
});

describe("cost: CloudFront Functions and KeyValueStore", () => {
    const fn = planResource(FN, "cdn-function-rewrite", { runtime: "cloudfront-js-2.0" });
    const arn = "arn:aws:cloudfront::123456789012:function/cdn-function-rewrite-ea061ea";

    it("a function on 10 M viewer requests costs 10 × $0.10", () => {
        const d = distribution("cdn", { functionAssociations: [{ eventType: "viewer-request", functionArn: arn }] });
        const lines = price(fn, [d, fn], cdn(10e6));
        close(line(lines, "cloudfront.functions.invocations").monthly, 10 * 0.1);
    });

    it("runs once per associated event: viewer-request and viewer-response double the invocations", () => {
        const d = distribution("cdn", {
            functionAssociations: [
                { eventType: "viewer-request", functionArn: arn },
                { eventType: "viewer-response", functionArn: arn },
            ],
        });
        close(line(price(fn, [d, fn], cdn(10e6)), "cloudfront.functions.invocations").quantity, 2 * 10);
    });

    it("gives a function on one of two cache behaviors half of the distribution's requests", () => {
        const d = distribution(
            "cdn",
            {},
            { orderedCacheBehaviors: [{ pathPattern: "/private/*", functionAssociations: [{ eventType: "viewer-request", functionArn: arn }] }] },
        );
        close(line(price(fn, [d, fn], cdn(10e6)), "cloudfront.functions.invocations").quantity, 10 / 2);
    });

    it("returns no lines for a function no behavior uses", () => {
        const unused = distribution("cdn");
        assert.deepStrictEqual(price(fn, [unused, fn], cdn(10e6)), []);
    });

    it("says so and counts 0 when the association's ARN is unknown in preview", () => {
        const unknown = {
            ...distribution("cdn", { functionAssociations: [{ eventType: "viewer-request", functionArn: UNKNOWN }] }),
            propertyDependencies: { defaultCacheBehavior: [fn.urn] },
        };
        const lines = price(fn, [unknown, fn], cdn(10e6));
        assert.strictEqual(line(lines, "cloudfront.functions.invocations").quantity, 0);
        assert.match(lines[0].note ?? "", /unknown in preview/);
    });

    it("reads every list input defensively: a behavior list unknown in preview prices as no behaviors", () => {
        const d = distribution("cdn", { functionAssociations: UNKNOWN, lambdaFunctionAssociations: UNKNOWN }, { orderedCacheBehaviors: UNKNOWN });
        assert.deepStrictEqual(price(fn, [d, fn], cdn(10e6)), []);
        close(line(price(d, [d, fn], cdn(10e6)), "cloudfront.https.requests").quantity, 1_000);
    });

    it("reads a KeyValueStore once per invocation of each function associated with it", () => {
        const store = planResource(KVS, "cdn-kvs");
        const reader = { ...fn, propertyDependencies: { keyValueStoreAssociations: [store.urn] } };
        const d = distribution("cdn", { functionAssociations: [{ eventType: "viewer-request", functionArn: arn }] });
        close(line(price(store, [d, reader, store], cdn(10e6)), "cloudfront.kvs.reads").monthly, 10 * 0.03);
    });
});

describe("cost: Lambda@Edge", () => {
    const router = planResource(LAMBDA, "cdn-router-function", { name: "cdn-router-7f39e26", memorySize: 128, architectures: ["x86_64"] });
    const association = (eventType: string) => ({
        lambdaFunctionAssociations: [{ eventType, lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:cdn-router-7f39e26:1" }],
    });

    it("1 M origin requests (10 M at a 90% hit ratio) at 128 MB and 50 ms cost 1 × $0.60 + 1e6 × 0.05 s × 0.125 GB × $0.00005001", () => {
        const d = distribution("cdn", association("origin-request"));
        const lines = price(d, [d, router], { ...cdn(10e6, 0, 0.9), lambda: { averageDurationMs: 50 } });
        close(line(lines, "lambdaEdge.requests").monthly, 1 * 0.6, "requests");
        close(line(lines, "lambdaEdge.gbSecond").monthly, 1e6 * 0.05 * 0.125 * 0.00005001, "GB-s");
    });

    it("runs an origin-request function on every request of a CachingDisabled behavior", () => {
        const d = distribution("cdn", { ...association("origin-request"), cachePolicyId: CACHING_DISABLED_POLICY });
        close(line(price(d, [d, router], { ...cdn(10e6, 0, 0.9), lambda: { averageDurationMs: 50 } }), "lambdaEdge.requests").quantity, 10);
    });

    it("runs a viewer-request function on every viewer request, whatever the hit ratio", () => {
        const d = distribution("cdn", association("viewer-request"));
        close(line(price(d, [d, router], { ...cdn(10e6, 0, 0.9), lambda: { averageDurationMs: 50 } }), "lambdaEdge.requests").quantity, 10);
    });

    it("takes the duration from load.functions by the function's name", () => {
        const d = distribution("cdn", association("origin-request"));
        const load = { ...cdn(1e6), lambda: { averageDurationMs: 50 }, functions: { "cdn-router-function": { averageDurationMs: 200 } } };
        close(line(price(d, [d, router], load), "lambdaEdge.gbSecond").quantity, 1e6 * 0.2 * 0.125);
    });
});

describe("cost: WAF web ACLs", () => {
    const acl = planResource(ACL, "cdn-web-acl", {
        scope: "CLOUDFRONT",
        rules: [
            "AWSManagedRulesAmazonIpReputationList",
            "AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet",
            "AWSManagedRulesAdminProtectionRuleSet",
        ].map((name, priority) => ({ name, priority, statement: { managedRuleGroupStatement: { name, vendorName: "AWS" } } })),
    });

    it("a web ACL with 4 rule groups costs $5 + 4 × $1 a month at idle", () => {
        const lines = price(acl, [acl]);
        close(total(lines), 5 + 4 * 1);
        assert.ok(lines.filter((l) => l.price !== "waf.requests").every((l) => !l.usage));
    });

    it("counts the rules of a ruleJson ACL the same way", () => {
        const json = planResource(ACL, "json-acl", { scope: "CLOUDFRONT", ruleJson: JSON.stringify(acl.inputs.rules) });
        close(total(price(json, [json])), 5 + 4 * 1);
    });

    it("inspects the viewer requests of the distributions it protects: 10 M × $0.60 per 1M", () => {
        const d = { ...distribution("cdn"), propertyDependencies: { webAclId: [acl.urn] } };
        close(line(price(acl, [acl, d], cdn(10e6)), "waf.requests").monthly, 10 * 0.6);
    });
});

describe("cost: edge price table", () => {
    it("prices in us-east-1 with a source page for every key, and free tiers only on keys it has", () => {
        for (const [key, p] of Object.entries(EDGE_PRICES)) assert.match(p.source, /^https:\/\/aws\.amazon\.com\/[a-z0-9-]+\/pricing\/$/, key);
        for (const key of Object.keys(EDGE_FREE_TIER)) assert.ok(EDGE_PRICES[key], key);
    });

    it("never lists a priced type as free", () => {
        for (const type of EDGE_FREE_TYPES) assert.strictEqual(EDGE_PRICERS[type], undefined, type);
    });
});

describe("cost: the prod plan's edge resources", () => {
    const AREA = /^aws:(cloudfront|wafv2)\//;
    let resources: PlanResource[];
    const priceAt = (load: Partial<LoadProfile>) => {
        const ctx = testContext(resources, load, EDGE_PRICES);
        return resources.filter((r) => EDGE_PRICERS[r.type]).map((r) => ({ resource: r, lines: EDGE_PRICERS[r.type](r, ctx) }));
    };
    const prodLoad = { ...cdn(30e6, 200, 0.85), lambda: { averageDurationMs: 50 } };

    before(async function () {
        this.timeout(300_000);
        resources = planResources((await stackPlan("prod")).result.evaluation.resources);
    });

    it("prices or knows as free every CloudFront and WAF type in the plan", () => {
        const types = new Set(resources.filter((r) => AREA.test(r.type)).map((r) => r.type));
        for (const t of [DIST, FN, KVS, ACL]) assert.ok(types.has(t), `the prod plan has ${t}`);
        assert.deepStrictEqual(
            [...types].filter((t) => EDGE_PRICERS[t] === undefined && !EDGE_FREE_TYPES.includes(t)),
            [],
        );
    });

    it("costs only the web ACL and its 4 rules at idle: $5 + 4 × $1", () => {
        const lines = priceAt(ZERO_LOAD).flatMap((p) => p.lines);
        assert.ok(
            lines.filter((l) => l.usage).every((l) => l.monthly === 0),
            "usage lines are 0 at idle",
        );
        close(total(lines), 5 + 4 * 1);
    });

    it("runs the CloudFront Functions 30 M times at 30 M requests: 7 associations on 7 cache behaviors, R / 7 each", () => {
        const invocations = priceAt(prodLoad)
            .flatMap((p) => p.lines)
            .filter((l) => l.price === "cloudfront.functions.invocations")
            .reduce((sum, l) => sum + l.quantity, 0);
        close(invocations, 30);
    });

    it("runs the origin-request router on every request of /app1/* (CachingDisabled): 30 M / 7 behaviors, 128 MB", () => {
        const lines = priceAt(prodLoad).find((p) => p.resource.type === DIST)!.lines;
        close(line(lines, "lambdaEdge.requests").quantity, 30 / 7, "requests (M)");
        close(line(lines, "lambdaEdge.gbSecond").quantity, (30e6 / 7) * 0.05 * (128 / 1024), "GB-s");
        assert.match(line(lines, "lambdaEdge.requests").item, /cdn-router-function, origin-request on \/app1\/\*/);
    });
});
