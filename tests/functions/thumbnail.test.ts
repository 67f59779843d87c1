/**
 * The thumbnail function's testable core (functions/thumbnail): S3 notification parsing, key decoding, output naming
 * and the guard that it never processes its own output, image headers and sizes. The resize against a real S3 server is
 * in thumbnail-s3.test.ts.
 */
import * as assert from "node:assert";
import { type Resize, createHandler } from "../../functions/thumbnail/api";
import {
    type S3EventRecord,
    type ThumbnailConfig,
    decide,
    decodeKey,
    fitWidth,
    imageInfo,
    readConfig,
    sourceMetadata,
    thumbnailKey,
} from "../../functions/thumbnail/core";

const CONFIG: ThumbnailConfig = { outputBucket: "thumbs", outputPrefix: "thumbnails/", width: 200, maxSourceBytes: 25 * 1024 * 1024, maxPixels: 24_000_000 };
const SAME_BUCKET: ThumbnailConfig = { ...CONFIG, outputBucket: "photos" };
const silent = { log: () => {} };

/** A record as S3 sends it (event version 2.1): the key form-encoded. */
function s3Record(bucket: string, encodedKey: string, options: { eventName?: string; size?: number } = {}): S3EventRecord {
    return {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        eventName: options.eventName ?? "ObjectCreated:Put",
        s3: {
            bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
            object: {
                key: encodedKey,
                size: options.size ?? 52_431,
                eTag: "0123456789abcdef0123456789abcdef",
                sequencer: "0A1B2C3D4E5F678901",
            },
        },
    };
}

describe("functions/thumbnail", () => {
    for (const [encoded, decoded] of [
        ["photos/my+cat.jpg", "photos/my cat.jpg"],
        ["photos/a%2Bb.png", "photos/a+b.png"],
        ["photos/caf%C3%A9+%281%29.jpeg", "photos/café (1).jpeg"],
        ["photos/100%25.jpg", "photos/100%.jpg"],
    ])
        it(`decodes the key ${encoded} to ${decoded}`, () => assert.strictEqual(decodeKey(encoded), decoded));

    it("refuses a key that is not valid URL encoding", () => assert.strictEqual(decodeKey("photos/%E0%A4%A.jpg"), undefined));

    it("names the thumbnail under the prefix with the width, the extension lowercased", () => {
        assert.strictEqual(thumbnailKey("photos/Cat.JPG", CONFIG), "thumbnails/photos/Cat-200w.jpg");
        assert.strictEqual(thumbnailKey("a.b/c", CONFIG), "thumbnails/a.b/c-200w");
    });

    it("plans a resize of a new image in the source bucket into the output bucket", () => {
        assert.deepStrictEqual(decide(s3Record("photos", "2026/my+cat.jpg"), CONFIG), {
            action: "resize",
            source: { bucket: "photos", key: "2026/my cat.jpg" },
            target: { bucket: "thumbs", key: "thumbnails/2026/my cat-200w.jpg" },
            width: 200,
        });
    });

    it("never processes its own output (output bucket, output prefix)", () => {
        const d = decide(s3Record("thumbs", "thumbnails/2026/my+cat-200w.jpg"), CONFIG);
        assert.deepStrictEqual(d, { action: "skip", reason: "own output (no self-trigger)", bucket: "thumbs", key: "thumbnails/2026/my cat-200w.jpg" });
    });

    it("with one bucket for both, skips the output prefix and still resizes the rest", () => {
        assert.strictEqual(decide(s3Record("photos", "thumbnails/x-200w.png"), SAME_BUCKET).action, "skip");
        assert.strictEqual(decide(s3Record("photos", "uploads/x.png"), SAME_BUCKET).action, "resize");
    });

    it("a thumbnail key, fed back as a source, is always recognised as own output", () => {
        for (const key of ["a.jpg", "deep/dir/My Photo.PNG", "x/thumbnails/nested.jpeg"]) {
            const first = decide(s3Record("photos", encodeURIComponent(key).replace(/%20/g, "+")), SAME_BUCKET);
            assert.ok(first.action === "resize", key);
            const encodedTarget = encodeURIComponent(first.target.key).replace(/%20/g, "+").replace(/%2F/g, "/");
            assert.strictEqual(decide(s3Record(first.target.bucket, encodedTarget), SAME_BUCKET).action, "skip", key);
        }
    });

    for (const [title, record, reason] of [
        ["a deletion", s3Record("photos", "a.jpg", { eventName: "ObjectRemoved:Delete" }), /not an object creation/],
        ["a file that is not an image", s3Record("photos", "notes.txt"), /not an image/],
        ["an image format it does not decode (webp, gif)", s3Record("photos", "anim.gif"), /not an image/],
        ["a key without an extension", s3Record("photos", "jpg"), /not an image/],
        ["an empty object", s3Record("photos", "a.jpg", { size: 0 }), /size 0/],
        ["an object over the size limit", s3Record("photos", "a.jpg", { size: 26 * 1024 * 1024 }), /size 27262976/],
        ["a key whose thumbnail name would pass 1024 bytes", s3Record("photos", `${"é".repeat(505)}.jpg`), /1024 bytes/],
    ] as const)
        it(`skips ${title}`, () => {
            const d = decide(record, CONFIG);
            assert.ok(d.action === "skip");
            assert.match(d.reason, reason);
        });

    it("refuses a configuration without an output bucket or with an empty prefix", () => {
        assert.deepStrictEqual(readConfig({ OUTPUT_PREFIX: "", THUMBNAIL_WIDTH: "5" }), {
            errors: ["OUTPUT_BUCKET is required", 'OUTPUT_PREFIX "" must be non-empty and end with "/"', 'THUMBNAIL_WIDTH "5" must be an integer in 16..2048'],
        });
        assert.deepStrictEqual(readConfig({ OUTPUT_BUCKET: "thumbs" }), CONFIG);
    });

    it("the handler resizes only what passes the guard, and its own output never reaches the resize step", async () => {
        const jobs: string[] = [];
        const resize: Resize = async (job) => {
            jobs.push(`${job.source.key} -> ${job.target.bucket}/${job.target.key}`);
            return {
                action: "resized",
                bucket: job.source.bucket,
                key: job.source.key,
                target: job.target.key,
                width: 1,
                height: 1,
                contentType: "image/png",
                bytes: 1,
            };
        };
        const handle = createHandler({ config: SAME_BUCKET, resize, log: silent });
        const out = await handle({ Records: [s3Record("photos", "up/a.jpg"), s3Record("photos", "thumbnails/up/a-200w.jpg"), s3Record("photos", "up/b.txt")] });
        assert.deepStrictEqual([out.resized, out.skipped], [1, 2]);
        assert.deepStrictEqual(jobs, ["up/a.jpg -> photos/thumbnails/up/a-200w.jpg"]);
    });

    it("the handler refuses to run with a configuration that could loop", async () => {
        const handle = createHandler({
            config: readConfig({ OUTPUT_BUCKET: "photos", OUTPUT_PREFIX: "" }),
            resize: async () => ({ action: "skipped", reason: "unused" }),
            log: silent,
        });
        await assert.rejects(handle({ Records: [s3Record("photos", "a.jpg")] }), /OUTPUT_PREFIX/);
    });

    describe("image headers (read before decoding)", () => {
        const png = (w: number, h: number) => {
            const b = Buffer.alloc(33);
            Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
            b.writeUInt32BE(13, 8);
            b.write("IHDR", 12, "latin1");
            b.writeUInt32BE(w, 16);
            b.writeUInt32BE(h, 20);
            return b;
        };
        // SOI, an APP0 segment of 16 bytes, then SOF2 (progressive): length 17, precision 8, height 300, width 400.
        const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.alloc(14), 0xff, 0xc2, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0x90, 0x03]);

        it("reads a PNG's size from IHDR", () =>
            assert.deepStrictEqual(imageInfo(png(20000, 15000)), { ok: true, mime: "image/png", width: 20000, height: 15000 }));
        it("reads a JPEG's size from its first frame header, past other segments", () =>
            assert.deepStrictEqual(imageInfo(jpeg), { ok: true, mime: "image/jpeg", width: 400, height: 300 }));
        it("refuses content that is neither, whatever the extension said", () =>
            assert.match((imageInfo(Buffer.from("hello, not a jpeg")) as { reason: string }).reason, /not a JPEG or PNG/));
        it("refuses a JPEG without a frame header and a PNG of zero width", () => {
            assert.strictEqual(imageInfo(Buffer.from([0xff, 0xd8, 0xff, 0xd9])).ok, false);
            assert.strictEqual(imageInfo(png(0, 10)).ok, false);
        });
    });

    it("fits the width keeping the aspect ratio, and never enlarges", () => {
        assert.deepStrictEqual(fitWidth({ width: 4000, height: 3000 }, 200), { width: 200, height: 150 });
        assert.deepStrictEqual(fitWidth({ width: 1000, height: 1 }, 200), { width: 200, height: 1 });
        assert.deepStrictEqual(fitWidth({ width: 120, height: 80 }, 200), { width: 120, height: 80 });
    });

    it("names the source in ASCII metadata, and a key too long for 2 KB of metadata by its SHA-256", () => {
        assert.deepStrictEqual(sourceMetadata({ bucket: "photos", key: "café.jpg", etag: '"abc"', versionId: "v1" }, "h"), {
            "source-bucket": "photos",
            "source-key": "caf%C3%A9.jpg",
            "source-etag": "abc",
            "source-version-id": "v1",
        });
        const long = sourceMetadata({ bucket: "photos", key: `${"é".repeat(500)}.jpg` }, "0f".repeat(32));
        assert.deepStrictEqual(Object.keys(long), ["source-bucket", "source-key-sha256"]);
    });
});
