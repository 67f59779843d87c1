import * as assert from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { bundle } from "../../../components/shared/bundle";
import { type EdgeRequest, type OriginRequestEvent, RoutesError, parseRoutes, route } from "../../../functions/edge/origin-request-router/core";
import { createHandler } from "../../../functions/edge/origin-request-router/index";
import { originRequest } from "./origin-events";

const ENTRY = "functions/edge/origin-request-router/index.ts";

const ROUTES = {
    routes: [
        { header: "cloudfront-viewer-country", values: ["DE", "FR", "at"], origin: { domainName: "eu.app.example.com" } },
        {
            header: "cloudfront-is-mobile-viewer",
            values: ["true"],
            origin: { domainName: "m.app.example.com", path: "/mobile", readTimeoutSeconds: 10, keepaliveTimeoutSeconds: 2 },
        },
        { header: "cloudfront-viewer-country", values: ["US"], origin: { domainName: "us.app.example.com" } },
    ],
};

function routed(headers: Record<string, string>, origin: "custom" | "s3" = "custom") {
    return route(originRequest(headers, origin).Records[0]!.cf.request, parseRoutes(ROUTES));
}

describe("functions/edge/origin-request-router (Lambda@Edge, origin request)", () => {
    describe("route", () => {
        it("sends a viewer from a listed country to that route's custom origin over HTTPS 443, TLSv1.2 only", () => {
            assert.deepStrictEqual(routed({ "CloudFront-Viewer-Country": "DE" }).origin, {
                custom: {
                    customHeaders: {},
                    domainName: "eu.app.example.com",
                    keepaliveTimeout: 5,
                    path: "",
                    port: 443,
                    protocol: "https",
                    readTimeout: 30,
                    sslProtocols: ["TLSv1.2"],
                },
            });
        });

        it("sets the host header to the routed origin's domain", () => {
            assert.deepStrictEqual(routed({ "CloudFront-Viewer-Country": "FR" }).headers.host, [{ key: "Host", value: "eu.app.example.com" }]);
        });

        it("keeps the request's other headers, URI, query string and method", () => {
            const out = routed({ "CloudFront-Viewer-Country": "FR" });
            assert.deepStrictEqual(out.headers["x-forwarded-for"], [{ key: "X-Forwarded-For", value: "203.0.113.178" }]);
            assert.deepStrictEqual([out.uri, out.querystring, out.method], ["/app/index.html", "a=1", "GET"]);
        });

        it("does not carry the behavior's origin custom headers (a secret) to the routed origin", () => {
            assert.deepStrictEqual(routed({ "CloudFront-Viewer-Country": "DE" }).origin?.custom?.customHeaders, {});
        });

        it("applies a route's path and timeouts", () => {
            const custom = routed({ "CloudFront-Is-Mobile-Viewer": "true" }).origin?.custom;
            assert.deepStrictEqual([custom?.domainName, custom?.path, custom?.readTimeout, custom?.keepaliveTimeout], ["m.app.example.com", "/mobile", 10, 2]);
        });

        it("matches header values case-insensitively", () => {
            assert.strictEqual(routed({ "CloudFront-Viewer-Country": "AT" }).origin?.custom?.domainName, "eu.app.example.com");
            assert.strictEqual(routed({ "CloudFront-Viewer-Country": "de" }).origin?.custom?.domainName, "eu.app.example.com");
        });

        it("takes the first matching route in file order", () => {
            assert.strictEqual(
                routed({ "CloudFront-Viewer-Country": "DE", "CloudFront-Is-Mobile-Viewer": "true" }).origin?.custom?.domainName,
                "eu.app.example.com",
            );
            assert.strictEqual(
                routed({ "CloudFront-Viewer-Country": "US", "CloudFront-Is-Mobile-Viewer": "true" }).origin?.custom?.domainName,
                "m.app.example.com",
            );
        });

        it("replaces an S3 origin with the custom one", () => {
            const out = routed({ "CloudFront-Viewer-Country": "US" }, "s3");
            assert.strictEqual(out.origin?.s3, undefined);
            assert.strictEqual(out.origin?.custom?.domainName, "us.app.example.com");
        });

        for (const [title, headers] of [
            ["no routing header", {}],
            ["a country no route lists", { "CloudFront-Viewer-Country": "JP" }],
            ["a desktop viewer", { "CloudFront-Is-Mobile-Viewer": "false" }],
        ] as const) {
            it(`leaves the request untouched (default origin, host) with ${title}`, () => {
                for (const kind of ["custom", "s3"] as const) {
                    const request = originRequest(headers, kind).Records[0]!.cf.request;
                    const copy = JSON.parse(JSON.stringify(request));
                    assert.deepStrictEqual(route(request, parseRoutes(ROUTES)), copy);
                }
            });
        }

        it("does not share origin objects between requests (a later mutation cannot leak)", () => {
            const routes = parseRoutes(ROUTES);
            const a = route(originRequest({ "CloudFront-Viewer-Country": "DE" }).Records[0]!.cf.request, routes);
            a.origin!.custom!.sslProtocols.push("TLSv1");
            const b = route(originRequest({ "CloudFront-Viewer-Country": "DE" }).Records[0]!.cf.request, routes);
            assert.deepStrictEqual(b.origin?.custom?.sslProtocols, ["TLSv1.2"]);
        });
    });

    describe("parseRoutes (routes.json)", () => {
        const bad: [string, unknown, RegExp[]][] = [
            ["not an object", [], [/must be an object \{ "routes"/]],
            ["routes missing", {}, [/must be an object/]],
            ["an unknown top-level field", { routes: [], default: "x" }, [/default: unknown field/]],
            [
                "a header CloudFront does not set (client-controlled)",
                { routes: [{ header: "x-country", values: ["DE"], origin: { domainName: "a.example.com" } }] },
                [/routes\[0\]\.header="x-country": one of cloudfront-viewer-country/],
            ],
            [
                "empty values",
                { routes: [{ header: "cloudfront-viewer-country", values: [], origin: { domainName: "a.example.com" } }] },
                [/routes\[0\]\.values: a non-empty array/],
            ],
            [
                "a domain with a scheme",
                { routes: [{ header: "cloudfront-viewer-country", values: ["DE"], origin: { domainName: "https://a.example.com" } }] },
                [/domainName="https:\/\/a.example.com": a lower-case DNS name/],
            ],
            [
                "a domain with a port",
                { routes: [{ header: "cloudfront-viewer-country", values: ["DE"], origin: { domainName: "a.example.com:8443" } }] },
                [/a lower-case DNS name/],
            ],
            [
                // Lambda@Edge: a custom origin's domainName "can't use the IPV4 address format" (lambda-event-structure.html).
                "an IPv4 address as the domain",
                { routes: [{ header: "cloudfront-viewer-country", values: ["DE"], origin: { domainName: "192.0.2.10" } }] },
                [/domainName="192\.0\.2\.10": a lower-case DNS name \(no scheme, port, path or IPv4 address\)/],
            ],
            [
                "a single-label name (no dot)",
                { routes: [{ header: "cloudfront-viewer-country", values: ["DE"], origin: { domainName: "localhost" } }] },
                [/domainName="localhost"/],
            ],
            [
                "a path with a trailing slash",
                { routes: [{ header: "cloudfront-viewer-country", values: ["DE"], origin: { domainName: "a.example.com", path: "/x/" } }] },
                [/origin\.path="\/x\/"/],
            ],
            [
                "a read timeout of 3 s",
                { routes: [{ header: "cloudfront-viewer-country", values: ["DE"], origin: { domainName: "a.example.com", readTimeoutSeconds: 3 } }] },
                [/readTimeoutSeconds=3: an integer from 4 to 60/],
            ],
            [
                "a keep-alive timeout of 61 s",
                { routes: [{ header: "cloudfront-viewer-country", values: ["DE"], origin: { domainName: "a.example.com", keepaliveTimeoutSeconds: 61 } }] },
                [/keepaliveTimeoutSeconds=61: an integer from 1 to 60/],
            ],
            [
                "an unknown origin field (port)",
                { routes: [{ header: "cloudfront-viewer-country", values: ["DE"], origin: { domainName: "a.example.com", port: 80 } }] },
                [/routes\[0\]\.origin\.port: unknown field/],
            ],
            ["more than 100 routes", { routes: Array.from({ length: 101 }, () => ROUTES.routes[0]) }, [/at most 100 \(got 101\)/]],
        ];
        for (const [title, value, patterns] of bad) {
            it(`refuses ${title}`, () => {
                assert.throws(
                    () => parseRoutes(value),
                    (e: unknown) => e instanceof RoutesError && patterns.every((p) => p.test(e.message)),
                );
            });
        }

        it("lists every problem of every route in one error", () => {
            const value = {
                routes: [
                    { header: "x", values: ["DE"], origin: { domainName: "a.example.com" } },
                    { header: "cloudfront-viewer-country", values: "DE", origin: { domainName: "A..b", readTimeoutSeconds: 0.5 } },
                ],
            };
            assert.throws(
                () => parseRoutes(value),
                (e: unknown) => e instanceof RoutesError && e.issues.length === 4 && e.issues.every((i) => /^routes\[[01]\]/.test(i)),
            );
        });

        it("accepts domain names with all-digit labels before a lettered top-level label", () => {
            for (const domainName of ["1.2.3.example.com", "eu-1.app.example.com", "x.io"]) {
                const routes = parseRoutes({ routes: [{ header: "cloudfront-viewer-country", values: ["DE"], origin: { domainName } }] });
                assert.strictEqual(routes[0]!.origin.domainName, domainName);
            }
        });

        it("accepts an empty route list (every request stays on the behavior's origin)", () => {
            assert.deepStrictEqual(parseRoutes({ routes: [] }), []);
        });
    });

    describe("handler", () => {
        let dir: string;
        beforeEach(() => {
            dir = mkdtempSync(path.join(tmpdir(), "router-"));
        });
        afterEach(() => rmSync(dir, { recursive: true, force: true }));

        it("reads the routes file once per container", async () => {
            const file = path.join(dir, "routes.json");
            writeFileSync(file, JSON.stringify(ROUTES));
            const handler = createHandler(file);
            assert.strictEqual((await handler(originRequest({ "CloudFront-Viewer-Country": "DE" }))).origin?.custom?.domainName, "eu.app.example.com");
            writeFileSync(file, JSON.stringify({ routes: [] }));
            assert.strictEqual((await handler(originRequest({ "CloudFront-Viewer-Country": "DE" }))).origin?.custom?.domainName, "eu.app.example.com");
        });

        it("fails the request with the RoutesError when the file is invalid", async () => {
            const file = path.join(dir, "routes.json");
            writeFileSync(file, JSON.stringify({ routes: [{ header: "x-country", values: ["DE"], origin: { domainName: "a.example.com" } }] }));
            await assert.rejects(createHandler(file)(originRequest()), RoutesError);
        });

        it("fails the request when the file is missing or not JSON", async () => {
            await assert.rejects(createHandler(path.join(dir, "none.json"))(originRequest()), /ENOENT/);
            writeFileSync(path.join(dir, "bad.json"), "{routes:");
            await assert.rejects(createHandler(path.join(dir, "bad.json"))(originRequest()), SyntaxError);
        });

        it("bundles with bundle() to a small CommonJS file exporting handler, with no AWS SDK inside", () => {
            const b = bundle(ENTRY, { cache: false });
            assert.ok(b.exports?.includes("handler"), String(b.exports));
            assert.ok(b.bytes < 8 * 1024, `${b.bytes} bytes`);
            assert.ok(!b.code.includes("@aws-sdk"), "AWS SDK bundled");
        });

        it("runs from its bundle, reading routes.json next to index.js (the archive's layout)", async () => {
            const b = bundle(ENTRY);
            writeFileSync(path.join(dir, "index.js"), b.code);
            writeFileSync(path.join(dir, "routes.json"), JSON.stringify(ROUTES));
            const mod = require(path.join(dir, "index.js")) as { handler: (e: OriginRequestEvent) => Promise<EdgeRequest> };
            const out = await mod.handler(originRequest({ "CloudFront-Is-Mobile-Viewer": "true" }));
            assert.deepStrictEqual([out.origin?.custom?.domainName, out.headers.host?.[0]?.value], ["m.app.example.com", "m.app.example.com"]);
            const untouched = await mod.handler(originRequest({ "CloudFront-Viewer-Country": "JP" }));
            assert.strictEqual(untouched.origin?.custom?.domainName, "example.org");
        });
    });
});
