import * as assert from "node:assert";
import { Thumbnails, ThumbnailsArgs } from "../../../components/thumbnails";
import { DEFAULTS, normalize } from "../../../components/thumbnails/defaults";
import { validate } from "../../../components/thumbnails/validate";
import { assertDefaultsDocumented } from "../../harness/docs";
import { itRefuses } from "../../harness/refusals";
import { ENTRY } from "../lambda-function/fixtures";

const base: ThumbnailsArgs = { function: { entry: ENTRY } };
const with_ = (extra: Partial<ThumbnailsArgs>): ThumbnailsArgs => ({ ...base, ...extra });

describe("Thumbnails validation", () => {
    it("documents every optional argument's default as DEFAULTS holds it", () => {
        assertDefaultsDocumented("components/thumbnails/args.ts", DEFAULTS);
    });

    it("defaults to this repository's thumbnail function, which exists and bundles", () => {
        assert.deepEqual(validate({}), []);
        assert.equal(normalize({}).function.entry, "functions/thumbnail/index.ts");
    });

    const cases: Array<{ title: string; args: ThumbnailsArgs; path: string; message: RegExp }> = [
        {
            title: "refuses an empty source prefix (every key, thumbnails' included, would trigger)",
            args: with_({ sourcePrefix: "" }),
            path: "sourcePrefix",
            message: /is empty/,
        },
        {
            title: "refuses a source prefix under the output prefix",
            args: with_({ sourcePrefix: "thumbnails/in/" }),
            path: "sourcePrefix",
            message: /overlaps outputPrefix/,
        },
        {
            title: "refuses an output prefix under the source prefix",
            args: with_({ sourcePrefix: "img", outputPrefix: "img/small/" }),
            path: "sourcePrefix",
            message: /overlaps/,
        },
        { title: "refuses an output prefix without a trailing slash", args: with_({ outputPrefix: "thumbs" }), path: "outputPrefix", message: /end with '\/'/ },
        { title: "refuses an empty output prefix", args: with_({ outputPrefix: "" }), path: "outputPrefix", message: /non-empty/ },
        {
            title: "refuses a wildcard in a prefix (it would widen the function's policy)",
            args: with_({ sourcePrefix: "up*/" }),
            path: "sourcePrefix",
            message: /wildcards/,
        },
        {
            title: "refuses a wildcard in the suffix (S3 filters are literal)",
            args: with_({ sourceSuffix: "*.jpg" }),
            path: "sourceSuffix",
            message: /no wildcards/,
        },
        {
            title: "refuses a prefix longer than an S3 key",
            args: with_({ sourcePrefix: `${"a".repeat(1025)}/` }),
            path: "sourcePrefix",
            message: /at most 1024 bytes/,
        },
        { title: "refuses a width below 16 pixels", args: with_({ width: 8 }), path: "width", message: /16 to 2048 pixels/ },
        { title: "refuses a width above 2048 pixels", args: with_({ width: 4096 }), path: "width", message: /16 to 2048/ },
        {
            title: "refuses an encryption mode other than sse-s3 or a key",
            args: with_({ encryption: "sse-c" as never }),
            path: "encryption",
            message: /"sse-s3"/,
        },
        {
            title: "refuses a KMS alias where a key ARN is needed",
            args: with_({ encryption: { kmsKeyArn: "alias/thumbs" } }),
            path: "encryption.kmsKeyArn",
            message: /KMS key ARN/,
        },
        { title: "refuses an expiry of 0 days", args: with_({ thumbnailExpireDays: 0 }), path: "thumbnailExpireDays", message: /1 to 36500 days/ },
        {
            title: "refuses noncurrent-version expiry without versioning",
            args: with_({ noncurrentVersionExpireDays: 30 }),
            path: "noncurrentVersionExpireDays",
            message: /needs versioning/,
        },
        {
            title: "refuses an environment variable the component sets",
            args: with_({ function: { entry: ENTRY, environment: { OUTPUT_BUCKET: "mine" } } }),
            path: "function.environment.OUTPUT_BUCKET",
            message: /set by the component/,
        },
        {
            title: "refuses function args Lambda would refuse, under function.",
            args: with_({ function: { entry: ENTRY, memoryMiB: 64 } }),
            path: "function.memoryMiB",
            message: /128 to 10240/,
        },
        {
            title: "refuses an entry that is not a file",
            args: with_({ function: { entry: "functions/nope/index.ts" } }),
            path: "function.entry",
            message: /is not a file/,
        },
        {
            title: "refuses a handler the function's entry does not export (Lambda would fail every invocation), before any resource",
            args: with_({ function: { handler: "resize" } }),
            path: "function.handler",
            message: /is not exported by entry "functions\/thumbnail\/index\.ts"; allowed: .*handler/,
        },
        {
            title: "refuses an unknown argument, naming the nearest",
            args: with_({ outputprefix: "x/" } as never),
            path: "outputprefix",
            message: /did you mean outputPrefix/,
        },
    ];
    itRefuses(cases, validate, (args) => new Thumbnails("photos", args), /^Thumbnails "photos": /);

    it("reports every invalid field at once", () => {
        const issues = validate(with_({ width: 1, outputPrefix: "x", thumbnailExpireDays: -1 }));
        assert.deepEqual(issues.map((i) => i.path).sort(), ["outputPrefix", "thumbnailExpireDays", "width"]);
    });

    it("gives the same verdict on its own normalized args", () => {
        assert.deepEqual(validate(normalize(base)), []);
    });
});
