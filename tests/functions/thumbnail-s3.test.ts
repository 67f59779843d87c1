/**
 * The thumbnail function (functions/thumbnail) against a real S3 API (s3rver on 127.0.0.1): images made with jimp are put
 * into a source bucket, the handler is invoked with `ObjectCreated:Put` records as S3 sends them, and the thumbnails are
 * read back and decoded. Also: the bundle Lambda runs, built by the components' own `bundle()`.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Jimp } from "jimp";
import { freshBundle } from "../harness/fresh-bundle";
import { createHandler, createResizer } from "../../functions/thumbnail/api";
import { DEFAULTS, type S3Event, type ThumbnailConfig } from "../../functions/thumbnail/core";
import { type LocalS3, objectCreated, startS3 } from "./s3-harness";

const ROOT = path.join(__dirname, "../..");
const silent = { log: () => {} };

async function image(width: number, height: number, mime: "image/jpeg" | "image/png"): Promise<Buffer> {
    const img = new Jimp({ width, height, color: 0x3366ccff });
    // A diagonal stripe so that the encoders have real content to compress.
    for (let i = 0; i < Math.min(width, height); i++) img.setPixelColor(0xffcc00ff, i, i);
    return mime === "image/jpeg" ? img.getBuffer("image/jpeg", { quality: 90 }) : img.getBuffer("image/png");
}

async function decoded(bytes: Buffer): Promise<{ width: number; height: number; mime?: string }> {
    const img = await Jimp.fromBuffer(bytes);
    return { width: img.width, height: img.height, mime: img.mime };
}

describe("functions/thumbnail: resizing against S3 (s3rver)", function () {
    this.timeout(60_000);
    let s3: LocalS3;
    type Module = typeof import("../../functions/thumbnail");
    let fn: Module;
    const call = (records: ReturnType<typeof objectCreated>[]) => fn.handler({ Records: records } as S3Event);

    before(async () => {
        s3 = await startS3({ OUTPUT_BUCKET: "thumbs", OUTPUT_PREFIX: "thumbnails/", THUMBNAIL_WIDTH: "200", LOG_LEVEL: "error" });
        await s3.createBucket("photos");
        await s3.createBucket("thumbs");
        // The module reads its configuration and creates its S3 client at import: once the environment points at s3rver.
        fn = await import("../../functions/thumbnail");
    });
    after(async () => {
        for (const k of ["OUTPUT_BUCKET", "OUTPUT_PREFIX", "THUMBNAIL_WIDTH"]) delete process.env[k];
        await s3?.stop();
    });

    it("resizes a JPEG to 200 px wide, keeping the aspect ratio, as a JPEG with its content type", async () => {
        const put = await s3.put("photos", "2026/my cat.jpg", await image(800, 600, "image/jpeg"), "image/jpeg");
        const out = await call([objectCreated("photos", "2026/my cat.jpg", { size: put.size, eTag: put.etag })]);
        assert.deepStrictEqual([out.resized, out.skipped], [1, 0], JSON.stringify(out.outcomes));
        const thumb = await s3.get("thumbs", "thumbnails/2026/my cat-200w.jpg");
        assert.strictEqual(thumb.contentType, "image/jpeg");
        assert.deepStrictEqual(await decoded(thumb.body), { width: 200, height: 150, mime: "image/jpeg" });
    });

    it("resizes a PNG into a PNG (a key with a plus and non-ASCII letters)", async () => {
        const put = await s3.put("photos", "a+b/café.PNG", await image(1000, 250, "image/png"), "image/png");
        const out = await call([objectCreated("photos", "a+b/café.PNG", { size: put.size })]);
        assert.strictEqual(out.resized, 1, JSON.stringify(out.outcomes));
        const thumb = await s3.get("thumbs", "thumbnails/a+b/café-200w.png");
        assert.strictEqual(thumb.contentType, "image/png");
        assert.deepStrictEqual(await decoded(thumb.body), { width: 200, height: 50, mime: "image/png" });
    });

    it("names the source bucket, key and ETag in the thumbnail's metadata", async () => {
        const put = await s3.put("photos", "meta/é x.jpg", await image(400, 400, "image/jpeg"));
        await call([objectCreated("photos", "meta/é x.jpg", { size: put.size })]);
        const thumb = await s3.get("thumbs", "thumbnails/meta/é x-200w.jpg");
        assert.deepStrictEqual(
            { bucket: thumb.metadata["source-bucket"], key: decodeURIComponent(thumb.metadata["source-key"]), etag: thumb.metadata["source-etag"] },
            { bucket: "photos", key: "meta/é x.jpg", etag: put.etag.replace(/"/g, "") },
        );
    });

    it("never enlarges: an image narrower than the width keeps its size", async () => {
        const put = await s3.put("photos", "small.png", await image(120, 80, "image/png"));
        await call([objectCreated("photos", "small.png", { size: put.size })]);
        assert.deepStrictEqual(await decoded((await s3.get("thumbs", "thumbnails/small-200w.png")).body), { width: 120, height: 80, mime: "image/png" });
    });

    it("skips a non-image by its extension, and a .jpg whose bytes are not an image by its signature, writing nothing", async () => {
        await s3.put("photos", "notes.txt", "hello");
        await s3.put("photos", "fake.jpg", "this is text, whatever the name says");
        const before = await s3.keys("thumbs");
        const out = await call([objectCreated("photos", "notes.txt", { size: 5 }), objectCreated("photos", "fake.jpg", { size: 36 })]);
        assert.deepStrictEqual([out.resized, out.skipped], [0, 2]);
        assert.match((out.outcomes[0] as { reason: string }).reason, /not an image extension/);
        assert.match((out.outcomes[1] as { reason: string }).reason, /not a JPEG or PNG/);
        assert.deepStrictEqual(await s3.keys("thumbs"), before);
    });

    it("reports a missing object (deleted before the function ran) as skipped, without throwing", async () => {
        const out = await call([objectCreated("photos", "gone.jpg", { size: 1234 })]);
        assert.deepStrictEqual([out.resized, out.skipped], [0, 1]);
        assert.match((out.outcomes[0] as { reason: string }).reason, /source not found \(NoSuchKey\)/);
    });

    it("skips a corrupt JPEG (valid header, broken data) instead of failing the invocation", async () => {
        const good = await image(300, 300, "image/jpeg");
        await s3.put("photos", "broken.jpg", good.subarray(0, 700));
        const out = await call([objectCreated("photos", "broken.jpg")]);
        assert.deepStrictEqual([out.resized, out.skipped], [0, 1], JSON.stringify(out.outcomes));
        assert.match((out.outcomes[0] as { reason: string }).reason, /cannot decode image\/jpeg/);
    });

    describe("limits and the self-trigger guard (one bucket for sources and thumbnails)", () => {
        const config: ThumbnailConfig = { outputBucket: "shared", outputPrefix: "thumbnails/", width: 64, maxSourceBytes: 4096, maxPixels: 250_000 };
        let handle: ReturnType<typeof createHandler>;
        before(async () => {
            await s3.createBucket("shared");
            handle = createHandler({ config, resize: createResizer({ s3: s3.s3, config }), log: silent });
        });

        it("refuses an object over the size cap from its Content-Length, even when the event said it was small", async () => {
            const big = await image(600, 600, "image/jpeg");
            assert.ok(big.length > config.maxSourceBytes);
            await s3.put("shared", "uploads/big.jpg", big);
            // The object was replaced by a larger one after the event: the event's size is stale.
            const out = await handle({ Records: [objectCreated("shared", "uploads/big.jpg", { size: 100 })] });
            assert.deepStrictEqual([out.resized, out.skipped], [0, 1]);
            assert.match((out.outcomes[0] as { reason: string }).reason, new RegExp(`size ${big.length} over 4096 bytes \\(Content-Length\\)`));
        });

        it("refuses an image whose header declares more pixels than the cap, before decoding it", async () => {
            const wide = await image(1000, 300, "image/png");
            assert.ok(wide.length <= config.maxSourceBytes, `${wide.length} bytes`);
            await s3.put("shared", "uploads/wide.png", wide);
            const out = await handle({ Records: [objectCreated("shared", "uploads/wide.png")] });
            assert.match((out.outcomes[0] as { reason: string }).reason, /1000 × 300 pixels over 250000/);
        });

        it("writes only under the output prefix, and its own output fed back as an event is skipped", async () => {
            await s3.put("shared", "uploads/ok.png", await image(128, 64, "image/png"));
            const first = await handle({ Records: [objectCreated("shared", "uploads/ok.png")] });
            assert.strictEqual(first.resized, 1, JSON.stringify(first.outcomes));
            const keys = await s3.keys("shared");
            // S3 would notify the function of its own PutObject: that event must end the chain.
            const again = await handle({ Records: keys.filter((k) => k.startsWith("thumbnails/")).map((k) => objectCreated("shared", k)) });
            assert.deepStrictEqual([again.resized, again.skipped], [0, 1]);
            assert.match((again.outcomes[0] as { reason: string }).reason, /own output/);
            assert.deepStrictEqual(await s3.keys("shared"), keys);
            assert.deepStrictEqual(
                keys.filter((k) => !k.startsWith("uploads/")),
                ["thumbnails/uploads/ok-64w.png"],
                "nothing written into the source prefix",
            );
        });

        it("throws, so that Lambda retries, when the write fails for a reason a retry may cure (the output bucket is missing)", async () => {
            await s3.put("shared", "uploads/retry.png", await image(100, 100, "image/png"));
            const elsewhere = { ...config, outputBucket: "not-created-yet" };
            const h = createHandler({ config: elsewhere, resize: createResizer({ s3: s3.s3, config: elsewhere }), log: silent });
            await assert.rejects(h({ Records: [objectCreated("shared", "uploads/retry.png")] }), /NoSuchBucket|does not exist/);
        });

        it("the resize step itself refuses a job whose target is outside the output prefix", async () => {
            const resize = createResizer({ s3: s3.s3, config });
            await assert.rejects(
                resize({
                    action: "resize",
                    source: { bucket: "shared", key: "uploads/ok.png" },
                    target: { bucket: "shared", key: "uploads/ok-64w.png" },
                    width: 64,
                }),
                /outside the output prefix/,
            );
        });
    });

    describe("the Lambda bundle (components/shared/bundle.ts)", () => {
        let dir: string;
        after(() => dir !== undefined && fs.rmSync(dir, { recursive: true, force: true }));

        it("bundles jimp's JPEG and PNG codecs and resize plugin and the S3 client into one file under 1 MiB", () => {
            const b = freshBundle(path.join(ROOT, "functions/thumbnail/index.ts"));
            console.log(`      thumbnail bundle: ${b.bytes} bytes`);
            assert.ok(b.bytes < 1024 * 1024, `${b.bytes} bytes`);
            assert.doesNotMatch(b.code, /require\("(@aws-sdk\/client-s3|@jimp\/[a-z-]+|jpeg-js|pngjs|file-type)"\)/, "nothing left to resolve at run time");
        });

        it("the bundled handler, loaded from a directory with no node_modules, resizes a JPEG in S3", async () => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "thumbnail-bundle-"));
            const file = path.join(dir, "index.js");
            fs.writeFileSync(file, freshBundle(path.join(ROOT, "functions/thumbnail/index.ts")).code);
            const { handler } = require(file);
            const put = await s3.put("photos", "bundled/pic.jpeg", await image(640, 480, "image/jpeg"));
            const out = await handler({ Records: [objectCreated("photos", "bundled/pic.jpeg", { size: put.size })] });
            assert.strictEqual(out.resized, 1, JSON.stringify(out.outcomes));
            assert.deepStrictEqual(await decoded((await s3.get("thumbs", "thumbnails/bundled/pic-200w.jpeg")).body), {
                width: 200,
                height: 150,
                mime: "image/jpeg",
            });
        });
    });

    it("the default limits are the documented ones", () =>
        assert.deepStrictEqual([DEFAULTS.maxSourceBytes, DEFAULTS.maxPixels], [25 * 1024 * 1024, 24_000_000]));
});
