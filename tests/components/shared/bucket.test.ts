import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { NONCURRENT_VERSION_DAYS, PrivateBucketSpec, createPrivateBucket, keptDataBucketSpec } from "../../../components/shared/bucket";
import { Registry, build, json } from "../../../components/testing";

const spec: PrivateBucketSpec = { encryption: "sse-s3", versioning: false, lifecycle: {}, forceDestroy: false, tags: { team: "media" } };

class Holder extends pulumi.ComponentResource {
    constructor(s: PrivateBucketSpec) {
        super("test:index:Holder", "holder");
        createPrivateBucket("media-uploads", s, { parent: this });
    }
}

describe("createPrivateBucket", () => {
    let registry: Registry;
    let arn: string;
    before(async () => {
        ({ registry } = await build(() => new Holder(spec)));
        arn = registry.one("aws:s3/bucket:Bucket").outputs.arn;
    });

    it("disables ACLs: the bucket owner owns every object", () => {
        registry.hasInputs("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "media-uploads-ownership", {
            rule: { objectOwnership: "BucketOwnerEnforced" },
        });
    });

    it("turns on all four public access blocks", () => {
        registry.hasInputs("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "media-uploads-public-access-block", {
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
    });

    it("encrypts with S3-managed keys by default", () => {
        registry.hasInputs("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", undefined, {
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: undefined }, bucketKeyEnabled: undefined }],
        });
    });

    it("denies every request not over TLS, on the bucket and its objects", () => {
        assert.deepEqual(json(registry.one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy).Statement, [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [arn, `${arn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ]);
    });

    it("sets the policy after the public access block and ownership (S3 refuses concurrent bucket changes)", () => {
        const policy = registry.one("aws:s3/bucketPolicy:BucketPolicy");
        assert.ok(policy.dependencies.includes(registry.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").urn));
        assert.ok(policy.dependencies.includes(registry.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls").urn));
    });

    it("leaves the bucket auto-named by pulumi-aws, tagged, and not force-destroyed", () => {
        const bucket = registry.hasInputs("aws:s3/bucket:Bucket", "media-uploads", { forceDestroy: false, tags: { team: "media" } });
        assert.match(bucket.outputs.bucket, /^media-uploads-[0-9a-f]{7}$/);
    });

    it("aborts incomplete multipart uploads after 7 days on the whole bucket (their parts are billed, and listed nowhere)", () => {
        registry.hasInputs("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "media-uploads-lifecycle", {
            rules: [
                {
                    id: "abort-incomplete-multipart-uploads",
                    status: "Enabled",
                    filter: { prefix: "" },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                },
            ],
        });
        assert.deepEqual(registry.ofType("aws:s3/bucketVersioning:BucketVersioning"), []);
    });

    it("creates versioning only when asked, and the spec's lifecycle rules after the platform's, after versioning", async () => {
        const { registry: r } = await build(
            () => new Holder({ ...spec, versioning: true, lifecycle: { old: { prefix: "tmp/", expireDays: 7, noncurrentDays: 1 } } }),
        );
        const versioning = r.hasInputs("aws:s3/bucketVersioning:BucketVersioning", undefined, { versioningConfiguration: { status: "Enabled" } });
        const lifecycle = r.hasInputs("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", undefined, {
            rules: [
                { id: "abort-incomplete-multipart-uploads" },
                { id: "old", status: "Enabled", filter: { prefix: "tmp/" }, expiration: { days: 7 }, noncurrentVersionExpiration: { noncurrentDays: 1 } },
            ],
        });
        assert.ok(lifecycle.dependencies.includes(versioning.urn));
    });

    it("keeps data in a versioned bucket with a noncurrent-version expiry only when the data is protected (keptDataBucketSpec)", () => {
        const kept = keptDataBucketSpec(true, {});
        assert.deepStrictEqual(
            [kept.versioning, kept.lifecycle, kept.protect, kept.retainOnDelete],
            [true, { "noncurrent-versions": { prefix: "", noncurrentDays: NONCURRENT_VERSION_DAYS } }, true, true],
        );
        const dev = keptDataBucketSpec(false, {});
        assert.deepStrictEqual([dev.versioning, dev.lifecycle, dev.protect], [false, {}, false]);
    });

    it("never names a bucket with a prefix S3 reserves (xn--, sthree-, amzn-s3-demo-)", async () => {
        class Named extends pulumi.ComponentResource {
            constructor(name: string) {
                super("test:index:Named", name);
                createPrivateBucket(name, spec, { parent: this });
            }
        }
        const { registry: r } = await build(() => ["sthree-media", "xn--media", "amzn-s3-demo-media"].map((n) => new Named(n)));
        const names = r.ofType("aws:s3/bucket:Bucket").map((b) => b.outputs.bucket as string);
        assert.equal(names.length, 3);
        for (const n of names) assert.ok(!/^(xn--|sthree-|amzn-s3-demo-)/.test(n) && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(n), n);
    });
});
