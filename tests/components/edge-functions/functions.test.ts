import * as assert from "node:assert";
import { EdgeFunctions } from "../../../components/edge-functions";
import { Registry, build, unwrap } from "../../../components/testing";
import { FULL, JWT, MINIMAL, REWRITE } from "./fixtures";

const FUNCTION = "aws:cloudfront/function:Function";
const KVS = "aws:cloudfront/keyValueStore:KeyValueStore";
const KEY = "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey";

describe("EdgeFunctions CloudFront Functions and KeyValueStore", () => {
    let registry: Registry;
    let cdn: EdgeFunctions;
    let kvsArn: string;
    before(async () => {
        ({ registry, result: cdn } = await build(() => new EdgeFunctions("cdn", FULL)));
        kvsArn = registry.one(KVS).outputs.arn;
    });

    it("publishes each function on the cloudfront-js-2.0 runtime with its code as given", () => {
        registry.hasInputs(FUNCTION, "cdn-function-rewrite", { runtime: "cloudfront-js-2.0", publish: true, code: REWRITE });
        registry.hasInputs(FUNCTION, "cdn-function-jwt", { runtime: "cloudfront-js-2.0", publish: true, code: JWT });
    });

    it("associates the one KeyValueStore to the functions that ask for it, and to no other", () => {
        assert.equal(registry.ofType(KVS).length, 1);
        assert.match(kvsArn, /^arn:aws:cloudfront::123456789012:key-value-store\/[0-9a-f-]{36}$/);
        assert.equal(kvsArn.split("/")[1], registry.one(KVS).id, "the id is the ARN's UUID");
        registry.hasInputs(FUNCTION, "cdn-function-rewrite", { keyValueStoreAssociations: [kvsArn] });
        registry.hasInputs(FUNCTION, "cdn-function-jwt", { keyValueStoreAssociations: [kvsArn] });
        registry.hasInputs(FUNCTION, "cdn-function-headers", { keyValueStoreAssociations: undefined });
    });

    it("manages the given keys in that store, and no secret", () => {
        assert.deepEqual(
            registry.ofType(KEY).map((k) => k.inputs.key),
            ["redirects"],
        );
        registry.hasInputs(KEY, "cdn-kvs-key-redirects", { keyValueStoreArn: kvsArn, key: "redirects", value: JSON.stringify({ "/old": "/new" }) });
    });

    it("outputs the store's ARN and each function's ARN by key", async () => {
        assert.equal(await unwrap(cdn.keyValueStoreArn!), kvsArn);
        assert.deepEqual(Object.keys(cdn.functionArns), ["rewrite", "jwt", "headers"]);
        assert.equal(await unwrap(cdn.functionArns.jwt), registry.one(FUNCTION, "cdn-function-jwt").outputs.arn);
    });

    it("records each function's code by digest and size in the component's inputs", () => {
        const recorded = registry.one("aws-platform:edge:EdgeFunctions").inputs.functions.rewrite.code;
        assert.match(recorded, new RegExp(`^sha256:[0-9a-f]{64} \\(${Buffer.byteLength(REWRITE)} bytes\\)$`));
    });
});

describe("EdgeFunctions CloudFront Functions, names and tags", () => {
    it("tags the functions and the KeyValueStore, which take tags in pulumi-aws 7", async () => {
        const { registry } = await build(() => new EdgeFunctions("cdn", { ...FULL, tags: { team: "web" } }));
        const tags = { "aws-platform:component": "EdgeFunctions/cdn", team: "web" };
        for (const f of registry.ofType(FUNCTION)) assert.deepEqual(f.inputs.tags, tags, f.name);
        registry.hasInputs(KVS, undefined, { tags });
    });

    it("keeps the KeyValueStore's comment within CloudFront's 128 characters under a long instance name", async () => {
        const { registry } = await build(() => new EdgeFunctions(`cdn-${"x".repeat(96)}`, FULL));
        const comment: string = registry.one(KVS).inputs.comment;
        assert.ok(comment.startsWith("Data the edge functions of cdn-xxx"), comment);
        assert.ok(comment.length <= 128, `${comment.length} characters`);
    });
});

describe("EdgeFunctions without functions", () => {
    it("creates no function and no KeyValueStore", async () => {
        const { registry, result } = await build(() => new EdgeFunctions("cdn", MINIMAL));
        assert.equal(registry.ofType(FUNCTION).length, 0);
        assert.equal(registry.ofType(KVS).length, 0);
        assert.equal(result.keyValueStoreArn, undefined);
    });
});
