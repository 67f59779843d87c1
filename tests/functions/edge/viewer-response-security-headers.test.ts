import * as assert from "node:assert";
import { edgeFileBytes, loadEdge, viewerResponse } from "./events";

const EXPECTED: Record<string, string> = {
    "strict-transport-security": "max-age=63072000; includeSubDomains; preload",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
};

describe("functions/edge/viewer-response-security-headers.js (in the CloudFront Functions sandbox)", () => {
    const f = loadEdge("viewer-response-security-headers.js");

    it("loads within CloudFront's 10 KB limit, sized as the file's bytes", () => {
        assert.strictEqual(f.bytes, edgeFileBytes("viewer-response-security-headers.js"));
        assert.ok(f.bytes <= 10240, `${f.bytes} bytes`);
    });

    it("adds HSTS, nosniff, DENY framing, a referrer policy and a permissions policy", async () => {
        const out = await f.handler(viewerResponse());
        for (const [name, value] of Object.entries(EXPECTED)) assert.deepStrictEqual(out.headers[name], { value }, name);
    });

    it("adds a CSP that allows only same-origin scripts, no objects and no framing", async () => {
        const csp: string = (await f.handler(viewerResponse())).headers["content-security-policy"].value;
        const directives = new Map(csp.split(/;\s*/).map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));
        assert.strictEqual(directives.get("default-src"), "'self'");
        assert.strictEqual(directives.get("script-src"), "'self'");
        assert.strictEqual(directives.get("object-src"), "'none'");
        assert.strictEqual(directives.get("frame-ancestors"), "'none'");
        assert.ok(!csp.includes("unsafe-inline") && !csp.includes("unsafe-eval"), csp);
    });

    it("replaces a weaker value the origin sent", async () => {
        const out = await f.handler(viewerResponse({ responseHeaders: { "x-frame-options": "SAMEORIGIN", "strict-transport-security": "max-age=0" } }));
        assert.strictEqual(out.headers["x-frame-options"].value, "DENY");
        assert.strictEqual(out.headers["strict-transport-security"].value, EXPECTED["strict-transport-security"]);
    });

    it("keeps the origin's other headers and the status", async () => {
        const out = await f.handler(viewerResponse({ status: 404, responseHeaders: { "content-type": "text/html", etag: '"1"' } }));
        assert.strictEqual(out.statusCode, 404);
        assert.deepStrictEqual(out.headers["content-type"], { value: "text/html" });
        assert.deepStrictEqual(out.headers.etag, { value: '"1"' });
    });
});
