/**
 * The thumbnail function's testable core (functions/thumbnail): S3 notification parsing, key decoding, output naming
 * and the guard that it never processes its own output. The resize itself is a TODO (no image library installed).
 */
import * as assert from "node:assert";
import { type Resize, createHandler } from "../../functions/thumbnail/api";
import { type S3EventRecord, type ThumbnailConfig, decide, decodeKey, readConfig, thumbnailKey } from "../../functions/thumbnail/core";
import { resizeTodo } from "../../functions/thumbnail/index";

const CONFIG: ThumbnailConfig = { outputBucket: "thumbs", outputPrefix: "thumbnails/", width: 200, maxSourceBytes: 25 * 1024 * 1024 };
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
            object: { key: encodedKey, size: options.size ?? 52_431, eTag: "0123456789abcdef0123456789abcdef", sequencer: "0A1B2C3D4E5F678901" },
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
        for (const key of ["a.jpg", "deep/dir/My Photo.PNG", "x/thumbnails/nested.gif"]) {
            const first = decide(s3Record("photos", encodeURIComponent(key).replace(/%20/g, "+")), SAME_BUCKET);
            assert.ok(first.action === "resize", key);
            const encodedTarget = encodeURIComponent(first.target.key).replace(/%20/g, "+").replace(/%2F/g, "/");
            assert.strictEqual(decide(s3Record(first.target.bucket, encodedTarget), SAME_BUCKET).action, "skip", key);
        }
    });

    for (const [title, record, reason] of [
        ["a deletion", s3Record("photos", "a.jpg", { eventName: "ObjectRemoved:Delete" }), /not an object creation/],
        ["a file that is not an image", s3Record("photos", "notes.txt"), /not an image/],
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
        const resize: Resize = async (job) => void jobs.push(`${job.source.key} -> ${job.target.bucket}/${job.target.key}`);
        const handle = createHandler({ config: SAME_BUCKET, resize, log: silent });
        const out = await handle({ Records: [s3Record("photos", "up/a.jpg"), s3Record("photos", "thumbnails/up/a-200w.jpg"), s3Record("photos", "up/b.txt")] });
        assert.deepStrictEqual(out, { resized: 1, skipped: 2 });
        assert.deepStrictEqual(jobs, ["up/a.jpg -> photos/thumbnails/up/a-200w.jpg"]);
    });

    it("the handler refuses to run with a configuration that could loop", async () => {
        const handle = createHandler({ config: readConfig({ OUTPUT_BUCKET: "photos", OUTPUT_PREFIX: "" }), resize: async () => {}, log: silent });
        await assert.rejects(handle({ Records: [s3Record("photos", "a.jpg")] }), /OUTPUT_PREFIX/);
    });

    it("the resize step is an explicit TODO that fails loudly", async () => {
        await assert.rejects(
            resizeTodo({
                action: "resize",
                source: { bucket: "photos", key: "a.jpg" },
                target: { bucket: "thumbs", key: "thumbnails/a-200w.jpg" },
                width: 200,
            }),
            /resize not implemented/,
        );
    });
});
