import * as assert from "node:assert";
import { EdgeFunctions } from "../../../components/edge-functions";
import { nameProblems } from "../../../components/shared/naming";
import { build } from "../../../components/testing";
import { FULL, MINIMAL } from "./fixtures";

const NAMED: Record<string, string> = {
    "aws:cloudfront/function:Function": "name",
    "aws:cloudfront/keyValueStore:KeyValueStore": "name",
    "aws:cloudfront/cachePolicy:CachePolicy": "name",
    "aws:cloudfront/originRequestPolicy:OriginRequestPolicy": "name",
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": "name",
    "aws:cloudfront/originAccessControl:OriginAccessControl": "name",
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": "name",
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": "name",
};

describe("EdgeFunctions", () => {
    it("has the type token aws-platform:edge:EdgeFunctions", () => {
        assert.equal(EdgeFunctions.type, "aws-platform:edge:EdgeFunctions");
    });

    it("fits every physical name to its resource's rule under a 100-character instance name", async () => {
        const name = `cdn-${"x".repeat(96)}`;
        const { registry } = await build(() => new EdgeFunctions(name, FULL));
        for (const [type, property] of Object.entries(NAMED)) {
            const all = registry.ofType(type);
            assert.ok(all.length > 0, type);
            for (const r of all) assert.deepEqual(nameProblems(type, r.outputs[property]), [], `${type} ${r.outputs[property]}`);
        }
    });

    it("keeps short names readable: <name>-<role>-<key> and the provider's suffix", async () => {
        const { registry } = await build(() => new EdgeFunctions("cdn", FULL));
        assert.match(registry.one("aws:cloudfront/function:Function", "cdn-function-rewrite").outputs.name, /^cdn-function-rewrite-[0-9a-f]{7}$/);
    });

    it("applies transform.distribution's function form to the distribution's args", async () => {
        const { registry } = await build(
            () =>
                new EdgeFunctions("cdn", {
                    ...MINIMAL,
                    transform: { distribution: (args) => ({ ...args, defaultRootObject: "index.html" }) },
                }),
        );
        registry.hasInputs("aws:cloudfront/distribution:Distribution", undefined, { defaultRootObject: "index.html", enabled: true });
    });

    it("exposes every child in resources", async () => {
        const { result } = await build(() => new EdgeFunctions("cdn", FULL));
        const r = result.resources;
        assert.ok(r.distribution && r.originAccessControl && r.responseHeadersPolicy && r.keyValueStore && r.logging);
        assert.deepEqual(
            [r.buckets, r.cachePolicies, r.originRequestPolicies, r.functions, r.keyValueStoreKeys].map((x) => Object.keys(x)),
            [["site"], ["short"], ["geo"], ["rewrite", "jwt", "headers"], ["redirects"]],
        );
        assert.equal(Object.keys(r.records).length, 4);
    });

    it("tags every taggable child with the component tag and the given tags", async () => {
        const { registry } = await build(() => new EdgeFunctions("cdn", { ...MINIMAL, tags: { team: "web" } }));
        registry.hasInputs("aws:cloudfront/distribution:Distribution", undefined, { tags: { "aws-platform:component": "EdgeFunctions/cdn", team: "web" } });
        registry.hasInputs("aws:cloudwatch/logGroup:LogGroup", undefined, { tags: { "aws-platform:component": "EdgeFunctions/cdn", team: "web" } });
    });
});
