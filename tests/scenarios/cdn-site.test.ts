import * as assert from "node:assert";
import { build, unwrap } from "../../components/testing";
import * as cdnSite from "./cdn-site";

describe("scenario cdn-site: a CDN over a bucket, an API and a web origin, from a stack in eu-west-1", () => {
    it("serves www.example.com with the repository's CloudFront Functions, a Lambda@Edge router and us-east-1 logs", async () => {
        const { registry, result, warnings } = await build(cdnSite.program, { config: { "aws:region": "eu-west-1" } });
        assert.deepEqual(warnings, []);
        assert.equal(await unwrap(result.url), "https://www.example.com/");
        assert.match(await unwrap(result.router), /^arn:aws:lambda:us-east-1:123456789012:function:site-router-[0-9a-f]{7}:1$/);
        const d = registry.one("aws:cloudfront/distribution:Distribution").inputs;
        assert.deepEqual(
            d.orderedCacheBehaviors.map((b: { pathPattern: string }) => b.pathPattern),
            ["/api/*", "/private/*", "/shop/*"],
        );
        assert.deepEqual(
            registry
                .ofType("aws:cloudfront/function:Function")
                .map((f) => [f.name, f.inputs.keyValueStoreAssociations?.length ?? 0])
                .sort(),
            [
                ["site-function-headers", 0],
                ["site-function-jwt", 1],
                ["site-function-rewrite", 1],
            ],
        );
        assert.equal(registry.one("aws:cloudwatch/logDeliverySource:LogDeliverySource").outputs.arn.split(":")[3], "us-east-1");
        assert.equal(registry.one("aws:cloudwatch/logGroup:LogGroup", "site-access-logs").outputs.arn.split(":")[3], "us-east-1");
        assert.equal(registry.one("aws:s3/bucket:Bucket").outputs.region, "eu-west-1");
        assert.equal(registry.ofType("aws:route53/record:Record").length, 2);
    });
});
