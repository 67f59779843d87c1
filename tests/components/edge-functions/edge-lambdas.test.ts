import * as assert from "node:assert";
import * as aws from "@pulumi/aws";
import { EdgeFunctions, EdgeFunctionsArgs } from "../../../components/edge-functions";
import { validate } from "../../../components/edge-functions/validate";
import { Registry, build, buildFails, unwrap } from "../../../components/testing";
import { ENTRY, ROUTES } from "../edge-lambda/fixtures";
import { MINIMAL } from "./fixtures";

const LAMBDA = "aws:lambda/function:Function";
const PROVIDER = "pulumi:providers:aws";

/** A router on the default behavior's origin request (body included) and a header function on two behaviors' viewer responses. */
const ARGS: EdgeFunctionsArgs = {
    ...MINIMAL,
    defaultBehavior: { origin: "site", edgeLambdas: { "origin-request": { lambda: "router", includeBody: true }, "viewer-response": "headers" } },
    behaviors: { "/img/*": { origin: "site", edgeLambdas: { "viewer-response": "headers" } } },
    edgeLambdas: {
        router: { entry: ENTRY, timeoutSeconds: 20, memoryMiB: 256, files: { "routes.json": ROUTES } },
        headers: { entry: ENTRY, files: { "routes.json": ROUTES } },
    },
};

describe("EdgeFunctions with Lambda@Edge", () => {
    let registry: Registry;
    let cdn: EdgeFunctions;
    before(async () => {
        // The stack is in eu-west-1; Lambda@Edge functions still go to us-east-1.
        ({ registry, result: cdn } = await build(() => new EdgeFunctions("cdn", ARGS), { config: { "aws:region": "eu-west-1" } }));
    });

    it("creates each Lambda@Edge function as an EdgeLambda child named <name>-<key>", () => {
        const children = registry.childrenOf(registry.one("aws-platform:edge:EdgeFunctions", "cdn")).filter((r) => r.type === "aws-platform:edge:EdgeLambda");
        assert.deepEqual(children.map((c) => c.name).sort(), ["cdn-headers", "cdn-router"]);
        assert.deepEqual(Object.keys(cdn.edgeLambdas), ["router", "headers"]);
    });

    it("shares one us-east-1 provider between the functions that give none", () => {
        const providers = registry.ofType(PROVIDER);
        assert.deepEqual(
            providers.map((p) => [p.name, p.inputs.region]),
            [["cdn-us-east-1", "us-east-1"]],
        );
        for (const fn of registry.ofType(LAMBDA)) assert.ok(fn.provider?.startsWith(providers[0].urn), fn.name);
    });

    it("gives its functions an aws provider given to EdgeFunctions itself, creating none (each function pins us-east-1)", async () => {
        const { registry: r } = await build(
            () => {
                const stack = new aws.Provider("stack", { region: "eu-west-1" });
                return new EdgeFunctions("cdn", ARGS, { provider: stack });
            },
            { config: { "aws:region": "eu-west-1" } },
        );
        const providers = r.ofType(PROVIDER);
        assert.deepEqual(
            providers.map((p) => p.name),
            ["stack"],
        );
        for (const fn of r.ofType(LAMBDA)) {
            assert.ok(fn.provider?.startsWith(providers[0].urn), fn.name);
            assert.equal(fn.inputs.region, "us-east-1", fn.name);
        }
    });

    it("associates each function's published version by event, the body only where asked", async () => {
        const router = await unwrap(cdn.edgeLambdas.router.qualifiedArn);
        const headers = await unwrap(cdn.edgeLambdas.headers.qualifiedArn);
        assert.match(router, /^arn:aws:lambda:us-east-1:123456789012:function:[\w-]+:1$/);
        const d = registry.one("aws:cloudfront/distribution:Distribution").inputs;
        assert.deepEqual(d.defaultCacheBehavior.lambdaFunctionAssociations, [
            { eventType: "origin-request", lambdaArn: router, includeBody: true },
            { eventType: "viewer-response", lambdaArn: headers, includeBody: false },
        ]);
        assert.deepEqual(d.orderedCacheBehaviors[0].lambdaFunctionAssociations, [{ eventType: "viewer-response", lambdaArn: headers, includeBody: false }]);
    });

    it("tells each EdgeLambda the events it is attached to", () => {
        const events = (n: string) => registry.one("aws-platform:edge:EdgeLambda", n).inputs.events;
        assert.deepEqual(events("cdn-router"), ["origin-request"]);
        assert.deepEqual(events("cdn-headers"), ["viewer-response"]);
    });
});

describe("EdgeFunctions with Lambda@Edge, validation", () => {
    it("applies viewer-event limits to a function attached to a viewer event (128 MB, 5 s)", () => {
        const args: EdgeFunctionsArgs = {
            ...MINIMAL,
            defaultBehavior: { origin: "site", edgeLambdas: { "viewer-request": "auth" } },
            edgeLambdas: { auth: { entry: ENTRY, memoryMiB: 256, timeoutSeconds: 10, files: { "routes.json": ROUTES } } },
        };
        assert.deepEqual(
            validate(args).map((i) => i.path),
            ["edgeLambdas.auth.memoryMiB", "edgeLambdas.auth.timeoutSeconds"],
        );
    });

    it("refuses an edge lambda's unknown argument, even one called name (EdgeLambda's own shape check, under its key)", () => {
        const args = {
            ...MINIMAL,
            defaultBehavior: { origin: "site", edgeLambdas: { "origin-request": "auth" } },
            edgeLambdas: { auth: { entry: ENTRY, name: "auth", files: { "routes.json": ROUTES } } },
        } as unknown as EdgeFunctionsArgs;
        assert.deepEqual(
            validate(args).map((i) => [i.path, i.message]),
            [["edgeLambdas.auth.name", "is not a known argument"]],
        );
    });

    it("accepts the same function on an origin event", () => {
        const args: EdgeFunctionsArgs = {
            ...MINIMAL,
            defaultBehavior: { origin: "site", edgeLambdas: { "origin-request": "auth" } },
            edgeLambdas: { auth: { entry: ENTRY, memoryMiB: 256, timeoutSeconds: 10, files: { "routes.json": ROUTES } } },
        };
        assert.deepEqual(validate(args), []);
    });

    it("refuses an edge lambda no behavior uses, and a reference to none, registering nothing", async () => {
        const args: EdgeFunctionsArgs = {
            ...MINIMAL,
            defaultBehavior: { origin: "site", edgeLambdas: { "origin-request": "routr" } },
            edgeLambdas: { router: { entry: ENTRY, files: { "routes.json": ROUTES } } },
        };
        assert.deepEqual(
            validate(args).map((i) => `${i.path} ${i.message}`),
            ["defaultBehavior.edgeLambdas.origin-request is not a key of edgeLambdas", "edgeLambdas.router is attached to no behavior"],
        );
        const { registry } = await buildFails(() => new EdgeFunctions("cdn", args));
        assert.equal(registry.size, 0);
    });

    it("refuses environment variables on a Lambda@Edge function (a JavaScript caller's)", () => {
        const args = {
            ...MINIMAL,
            defaultBehavior: { origin: "site", edgeLambdas: { "origin-request": "router" } },
            edgeLambdas: { router: { entry: ENTRY, environment: { A: "b" } } },
        } as unknown as EdgeFunctionsArgs;
        assert.deepEqual(
            validate(args).map((i) => i.path),
            ["edgeLambdas.router.environment"],
        );
    });
});
