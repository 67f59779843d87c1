import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BUNDLE_CACHE_SALT, bundle } from "../../../components/shared/bundle";
import { bundleCacheDir, bundleCacheSlot, readCachedBundle, writeCachedBundle } from "../../../components/shared/bundle-cache";

describe("bundle cache on disk", () => {
    let tmp: string;
    let cacheDir: string;
    const previous = process.env.AWS_PLATFORM_BUNDLE_CACHE;
    const long = Date.now() - 60_000;

    beforeEach(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-cache-test-"));
        cacheDir = path.join(tmp, "cache");
        process.env.AWS_PLATFORM_BUNDLE_CACHE = cacheDir;
    });
    afterEach(() => {
        if (previous === undefined) delete process.env.AWS_PLATFORM_BUNDLE_CACHE;
        else process.env.AWS_PLATFORM_BUNDLE_CACHE = previous;
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    /** A file written a minute ago, so that a build starting now may store it. */
    const write = (name: string, text: string, mtimeMs = long): string => {
        const file = path.join(tmp, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        fs.utimesSync(file, mtimeMs / 1000, mtimeMs / 1000);
        return file;
    };
    const slotOf = (file: string, salt = "salt") => bundleCacheSlot(file, salt)!;

    it("stores a bundle that gives the code, SHA-256 and exports of a fresh build", () => {
        write("lib.ts", 'export const greet = (n: string) => "hello " + n;\n');
        const entry = write("entry.ts", 'import { greet } from "./lib";\nexport const handler = async () => greet("x");\nexport const other = 1;\n');
        const fresh = bundle(entry, { cache: false });
        const built = bundle(entry);
        const stored = readCachedBundle(slotOf(entry, BUNDLE_CACHE_SALT));
        assert.ok(stored, "no cache entry after bundle()");
        assert.deepStrictEqual([stored.code, stored.exports], [fresh.code, fresh.exports]);
        assert.deepStrictEqual([built.code, built.sha256, built.exports], [fresh.code, fresh.sha256, ["handler", "other"]]);
    });

    it("bundle(entry, { cache: false }) writes nothing to disk", () => {
        const entry = write("entry.ts", "export const handler = async () => 1;\n");
        bundle(entry, { cache: false });
        assert.equal(readCachedBundle(slotOf(entry, BUNDLE_CACHE_SALT)), undefined);
    });

    it("reads a stored bundle back while every input is unchanged", () => {
        const entry = write("entry.ts", "export const a = 1;\n");
        const dep = write("node_modules/dep/index.js", "module.exports = 1;\n");
        writeCachedBundle(slotOf(entry), [entry, dep], { code: "CODE", exports: ["a"] }, Date.now());
        assert.deepStrictEqual(readCachedBundle(slotOf(entry)), { code: "CODE", exports: ["a"] });
    });

    it("refuses the entry when a project file changed, even with the same size and modification time", () => {
        const entry = write("entry.ts", "export const a = 1;\n");
        writeCachedBundle(slotOf(entry), [entry], { code: "CODE" }, Date.now());
        write("entry.ts", "export const a = 2;\n");
        assert.equal(readCachedBundle(slotOf(entry)), undefined);
    });

    it("refuses the entry when a file under node_modules changed size or modification time", () => {
        const entry = write("entry.ts", "export const a = 1;\n");
        const dep = write("node_modules/dep/index.js", "module.exports = 1;\n");
        writeCachedBundle(slotOf(entry), [entry, dep], { code: "CODE" }, Date.now());
        write("node_modules/dep/index.js", "module.exports = 2;\n", long + 1000);
        assert.equal(readCachedBundle(slotOf(entry)), undefined);
    });

    it("refuses the entry after an install (node_modules/.package-lock.json rewritten)", () => {
        const entry = write("entry.ts", "export const a = 1;\n");
        write("node_modules/.package-lock.json", '{"lockfileVersion":3}\n');
        const cwd = process.cwd();
        process.chdir(tmp);
        try {
            writeCachedBundle(slotOf(entry), [entry], { code: "CODE" }, Date.now());
            assert.ok(readCachedBundle(slotOf(entry)));
            write("node_modules/.package-lock.json", '{"lockfileVersion":3,"x":1}\n', long + 1000);
            assert.equal(readCachedBundle(slotOf(entry)), undefined);
        } finally {
            process.chdir(cwd);
        }
    });

    it("refuses the entry when an input is gone", () => {
        const entry = write("entry.ts", "export const a = 1;\n");
        const lib = write("lib.ts", "export const b = 1;\n");
        writeCachedBundle(slotOf(entry), [entry, lib], { code: "CODE" }, Date.now());
        fs.rmSync(lib);
        assert.equal(readCachedBundle(slotOf(entry)), undefined);
    });

    it("refuses an entry whose stored code no longer matches its SHA-256", () => {
        const entry = write("entry.ts", "export const a = 1;\n");
        const slot = slotOf(entry);
        writeCachedBundle(slot, [entry], { code: "CODE" }, Date.now());
        fs.writeFileSync(slot.file, fs.readFileSync(slot.file, "utf8").replace('"code":"CODE"', '"code":"EDIT"'));
        assert.equal(readCachedBundle(slot), undefined);
    });

    it("misses for another esbuild version or other options (the salt)", () => {
        const entry = write("entry.ts", "export const a = 1;\n");
        writeCachedBundle(slotOf(entry, "esbuild 0.28"), [entry], { code: "CODE" }, Date.now());
        assert.equal(readCachedBundle(slotOf(entry, "esbuild 0.29")), undefined);
    });

    it("stores nothing when an input changed after the build started", () => {
        const entry = write("entry.ts", "export const a = 1;\n", Date.now());
        writeCachedBundle(slotOf(entry), [entry], { code: "CODE" }, Date.now() - 5_000);
        assert.equal(readCachedBundle(slotOf(entry)), undefined);
    });

    it("is off with AWS_PLATFORM_BUNDLE_CACHE=0, and by default caches only entries inside the working directory", () => {
        const entry = write("entry.ts", "export const a = 1;\n");
        process.env.AWS_PLATFORM_BUNDLE_CACHE = "0";
        assert.equal(bundleCacheSlot(path.resolve("functions/authorizer/index.ts"), "salt"), undefined);
        delete process.env.AWS_PLATFORM_BUNDLE_CACHE;
        assert.equal(bundleCacheSlot(entry, "salt"), undefined);
        assert.equal(bundleCacheDir(path.resolve("functions/authorizer/index.ts")), path.resolve("node_modules/.cache/aws-platform-bundles"));
    });
});
