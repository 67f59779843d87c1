import * as assert from "node:assert";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LambdaFunction } from "../../../components/lambda-function";
import { BundleError, bundle, bundleArchive } from "../../../components/shared/bundle";
import { ArgsError } from "../../../components/shared/errors";
import { build, buildFails } from "../../../components/testing";
import { ENTRY, RELATIVE_ENTRY } from "./fixtures";

describe("bundle (esbuild, for Lambda)", () => {
    let tmp: string;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-test-"));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("gives the same SHA-256 for the same entry on every build", () => {
        const a = bundle(ENTRY, { cache: false });
        const b = bundle(ENTRY, { cache: false });
        assert.equal(a.sha256, b.sha256);
        assert.equal(a.sha256, createHash("sha256").update(a.code).digest("hex"));
    });

    it("measures the size in bytes of index.js", () => {
        const b = bundle(ENTRY);
        assert.equal(b.bytes, Buffer.byteLength(b.code));
        // The notes measured ~336 KiB for a DynamoDB handler with mainFields module-first (535 KiB without).
        assert.ok(b.bytes > 100_000 && b.bytes < 500_000, `${b.bytes} bytes`);
    });

    it("bundles the AWS SDK v3 clients instead of requiring them from the runtime", () => {
        const { code } = bundle(ENTRY);
        assert.ok(code.includes("DynamoDBClient"));
        const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
        // Only Node built-ins, and the optional CRT signer the SDK requires inside a try (not installed, not used by DynamoDB).
        assert.deepEqual(
            required.filter((m) => !m.startsWith("node:") && m !== "@aws-sdk/signature-v4-crt"),
            [],
        );
        assert.ok(!required.some((m) => /^@aws-sdk\/(client|lib)-dynamodb|^@smithy\//.test(m)));
    });

    it("writes minified CommonJS exporting the handler", () => {
        const { code } = bundle(ENTRY);
        // Minified: a few lines (newlines survive only inside template literals) of short identifiers.
        assert.ok(code.startsWith('"use strict";var '), code.slice(0, 40));
        assert.ok(code.split("\n").length < 200, `${code.split("\n").length} lines`);
        const mod = { exports: {} as Record<string, unknown> };
        new Function("module", "exports", "require", code)(mod, mod.exports, require);
        assert.equal(typeof mod.exports.handler, "function");
    });

    it("bundles an entry once per process (relative and absolute paths alike)", () => {
        assert.strictEqual(bundle(ENTRY), bundle(RELATIVE_ENTRY));
    });

    it("names the entry and the line when the code does not build", () => {
        const broken = path.join(tmp, "broken.ts");
        fs.writeFileSync(broken, "export const handler = async ( => 1;\n");
        assert.throws(
            () => bundle(broken),
            (e: unknown) => e instanceof BundleError && e.message.startsWith(`cannot bundle ${broken}: `) && e.message.includes(`${broken}:1:`),
        );
    });

    it("names the entry when an import cannot be resolved", () => {
        const orphan = path.join(tmp, "orphan.ts");
        fs.writeFileSync(orphan, 'import { x } from "./missing";\nexport const handler = async () => x;\n');
        assert.throws(() => bundle(orphan), /cannot bundle .*orphan\.ts: .*Could not resolve "\.\/missing"/);
    });

    it("refuses, as an ArgsError on entry, a function whose code does not build, and registers nothing", async () => {
        const broken = path.join(tmp, "broken-fn.ts");
        fs.writeFileSync(broken, "export const handler = async ( => 1;\n");
        const { error, registry } = await buildFails(() => new LambdaFunction("api", { entry: broken }));
        assert.ok(error instanceof ArgsError);
        assert.match(error.message, /^LambdaFunction "api": entry=".*broken-fn\.ts" does not bundle; allowed: .*broken-fn\.ts:1: /);
        assert.equal(registry.size, 0);
    });

    it("lists the names the entry exports, re-exports included", () => {
        const reexport = path.join(tmp, "reexport.ts");
        fs.writeFileSync(reexport, `export { handler as main } from ${JSON.stringify(ENTRY.replace(/\.ts$/, ""))};\nexport const other = 1;\n`);
        assert.deepEqual(bundle(ENTRY).exports, ["handler"]);
        assert.deepEqual(bundle(reexport).exports, ["main", "other"]);
    });

    it("does not guess the exports of a CommonJS entry (known only when it runs), and accepts its handler", async () => {
        const cjs = path.join(tmp, "legacy.js");
        fs.writeFileSync(cjs, "exports.handler = async () => ({ statusCode: 200 });\n");
        assert.equal(bundle(cjs).exports, undefined);
        const { registry } = await build(() => new LambdaFunction("legacy", { entry: cjs }));
        assert.equal(registry.one("aws:lambda/function:Function").inputs.handler, "index.handler");
    });

    it("does not guess the names an entry re-exports from a package (`export * from`), and accepts its handler", async () => {
        // Under the project's node_modules (ignored by git), where the package resolves.
        const dir = path.join("node_modules", ".cache");
        fs.mkdirSync(dir, { recursive: true });
        const folder = fs.mkdtempSync(path.join(dir, "bundle-test-"));
        try {
            const entry = path.join(folder, "reexport-package.ts");
            // tslib is a package the bundle resolves: its names are known only to the full bundle.
            fs.writeFileSync(entry, 'export * from "tslib";\n');
            assert.equal(bundle(entry).exports, undefined);
            const { registry } = await build(() => new LambdaFunction("reexport", { entry, handler: "__awaiter" }));
            assert.equal(registry.one("aws:lambda/function:Function").inputs.handler, "index.__awaiter");
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });

    it("refuses, as an ArgsError on handler, a handler the entry does not export (every invocation would fail with Runtime.HandlerNotFound), and registers nothing", async () => {
        const { error, registry } = await buildFails(() => new LambdaFunction("api", { entry: ENTRY, handler: "main" }));
        assert.ok(error instanceof ArgsError);
        assert.match(error.message, /^LambdaFunction "api": handler="main" is not exported by entry ".*handler\.ts"; allowed: handler$/);
        assert.equal(registry.size, 0);
    });

    it("packages the bundle as index.js in an archive", async () => {
        const archive = bundleArchive(bundle(ENTRY));
        const assets = (await archive.assets) as Record<string, { text: Promise<string> }>;
        assert.deepEqual(Object.keys(assets), ["index.js"]);
        assert.equal(await assets["index.js"].text, bundle(ENTRY).code);
    });
});
