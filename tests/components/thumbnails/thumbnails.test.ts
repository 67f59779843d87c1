import * as assert from "node:assert";
import { Thumbnails, ThumbnailsArgs } from "../../../components/thumbnails";
import { Registry, build, json } from "../../../components/testing";
import { readConfig } from "../../../functions/thumbnail/core";
import { ENTRY } from "../lambda-function/fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const FUNCTION = "aws:lambda/function:Function";
const PERMISSION = "aws:lambda/permission:Permission";
const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/0c3a9f9e-1b7a-4e6c-9a55-3f1f0e2d8c11";

async function built(args: ThumbnailsArgs = {}, name = "photos") {
    return build(() => new Thumbnails(name, { function: { entry: ENTRY }, ...args }));
}

describe("Thumbnails", () => {
    describe("with defaults", () => {
        let registry: Registry;
        let source: string;
        let thumbs: string;
        before(async () => {
            ({ registry } = await built());
            source = registry.one(BUCKET, "photos-source").outputs.arn;
            thumbs = registry.one(BUCKET, "photos-thumbnails").outputs.arn;
        });

        it("creates a source bucket and a separate thumbnail bucket", () => {
            assert.equal(registry.ofType(BUCKET).length, 2);
            assert.notEqual(source, thumbs);
        });

        it("sizes the function for image work: 1769 MiB (one vCPU) and 60 s", () => {
            registry.hasInputs(FUNCTION, undefined, { memorySize: 1769, timeout: 60, architectures: ["arm64"] });
        });

        it("tells the function where thumbnails go, their prefix and width", () => {
            const bucket = registry.one(BUCKET, "photos-thumbnails").outputs.bucket;
            registry.hasInputs(FUNCTION, undefined, {
                environment: { variables: { OUTPUT_BUCKET: bucket, OUTPUT_PREFIX: "thumbnails/", THUMBNAIL_WIDTH: "200" } },
            });
        });

        it("gives the function an environment its own readConfig accepts", () => {
            const variables = registry.one(FUNCTION).inputs.environment.variables;
            const config = readConfig(variables);
            assert.ok(!("errors" in config), JSON.stringify(config));
            assert.deepEqual([config.outputBucket, config.outputPrefix, config.width], [variables.OUTPUT_BUCKET, "thumbnails/", 200]);
        });

        it("lets the function read the source prefix, write the output prefix and list the source bucket (404, not 403, for a deleted upload), nothing else", () => {
            assert.deepEqual(json(registry.one("aws:iam/rolePolicy:RolePolicy", "photos-function-role-own").inputs.policy).Statement, [
                { Sid: "ReadSources", Effect: "Allow", Action: "s3:GetObject", Resource: `${source}/uploads/*` },
                { Sid: "WriteThumbnails", Effect: "Allow", Action: "s3:PutObject", Resource: `${thumbs}/thumbnails/*` },
                { Sid: "ListSources", Effect: "Allow", Action: "s3:ListBucket", Resource: source },
            ]);
        });

        it("lets S3 invoke the function for the source bucket of this account only", () => {
            const fn = registry.one(FUNCTION);
            registry.hasInputs(PERMISSION, "photos-permission", {
                action: "lambda:InvokeFunction",
                function: fn.outputs.name,
                principal: "s3.amazonaws.com",
                sourceArn: source,
                sourceAccount: "123456789012",
                qualifier: undefined,
            });
        });

        it("notifies the function of objects created under the source prefix, after the permission exists", () => {
            const fn = registry.one(FUNCTION);
            const notification = registry.hasInputs(NOTIFICATION, "photos-notification", {
                bucket: registry.one(BUCKET, "photos-source").id,
                lambdaFunctions: [{ lambdaFunctionArn: fn.outputs.arn, events: ["s3:ObjectCreated:*"], filterPrefix: "uploads/", filterSuffix: undefined }],
            });
            assert.ok(notification.dependencies.includes(registry.one(PERMISSION).urn));
        });

        it("watches only the source bucket: the thumbnail bucket triggers nothing", () => {
            assert.equal(registry.ofType(NOTIFICATION).length, 1);
            assert.equal(registry.one(NOTIFICATION).inputs.bucket, registry.one(BUCKET, "photos-source").id);
        });

        it("names both buckets as S3 allows: lower case, 3 to 63 characters", () => {
            for (const b of registry.ofType(BUCKET)) assert.match(b.outputs.bucket, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
        });

        it("keeps both buckets without versioning, their lifecycle only aborting incomplete multipart uploads", () => {
            assert.deepEqual(registry.ofType("aws:s3/bucketVersioning:BucketVersioning"), []);
            assert.deepEqual(
                registry.ofType("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").map((l) => l.inputs.rules.map((r: { id: string }) => r.id)),
                [["abort-incomplete-multipart-uploads"], ["abort-incomplete-multipart-uploads"]],
            );
        });
    });

    it("fits the bucket names of a long component name into S3's 63 characters", async () => {
        const { registry } = await built({}, "a-very-long-thumbnail-pipeline-name-for-the-marketing-team-photos");
        for (const b of registry.ofType(BUCKET)) {
            assert.ok(b.outputs.bucket.length <= 63, b.outputs.bucket);
            assert.match(b.outputs.bucket, /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/);
        }
        const names = registry.ofType(BUCKET).map((b) => b.outputs.bucket);
        assert.match(names[0], /source/);
        assert.match(names[1], /thumbnails/);
    });

    it("encrypts both buckets with the given KMS key and lets the function use it through S3 only", async () => {
        const { registry } = await built({ encryption: { kmsKeyArn: KEY } });
        for (const role of ["photos-source-encryption", "photos-thumbnails-encryption"])
            registry.hasInputs("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", role, {
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }, bucketKeyEnabled: true }],
            });
        const statements = json(registry.one("aws:iam/rolePolicy:RolePolicy", "photos-function-role-own").inputs.policy).Statement;
        assert.deepEqual(statements[3], {
            Sid: "UseBucketKeyThroughS3",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: KEY,
            Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
        });
    });

    it("versions both buckets and expires thumbnails and noncurrent versions when asked", async () => {
        const { registry } = await built({ versioning: true, thumbnailExpireDays: 90, noncurrentVersionExpireDays: 30, outputPrefix: "small/", width: 320 });
        assert.equal(registry.ofType("aws:s3/bucketVersioning:BucketVersioning").length, 2);
        registry.hasInputs("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "photos-thumbnails-lifecycle", {
            rules: [
                { id: "abort-incomplete-multipart-uploads" },
                { id: "expire-thumbnails", status: "Enabled", filter: { prefix: "small/" }, expiration: { days: 90 } },
                { id: "noncurrent-versions", status: "Enabled", filter: { prefix: "" }, noncurrentVersionExpiration: { noncurrentDays: 30 } },
            ],
        });
        registry.hasInputs("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "photos-source-lifecycle", {
            rules: [
                { id: "abort-incomplete-multipart-uploads" },
                { id: "noncurrent-versions", filter: { prefix: "" }, noncurrentVersionExpiration: { noncurrentDays: 30 }, expiration: undefined },
            ],
        });
        registry.hasInputs(FUNCTION, undefined, { environment: { variables: { OUTPUT_PREFIX: "small/", THUMBNAIL_WIDTH: "320" } } });
    });

    it("filters the trigger by suffix", async () => {
        const { registry } = await built({ sourcePrefix: "in/", sourceSuffix: ".jpg" });
        registry.hasInputs(NOTIFICATION, undefined, { lambdaFunctions: [{ filterPrefix: "in/", filterSuffix: ".jpg" }] });
    });

    it("invokes the function's alias when it has one, and grants S3 that alias", async () => {
        const { registry } = await built({ function: { entry: ENTRY, alias: { name: "live" } } });
        const alias = registry.one("aws:lambda/alias:Alias");
        registry.hasInputs(NOTIFICATION, undefined, { lambdaFunctions: [{ lambdaFunctionArn: alias.outputs.arn }] });
        registry.hasInputs(PERMISSION, undefined, { qualifier: "live" });
    });

    it("sends failed asynchronous invocations to the function's on-failure destination", async () => {
        const queue = "arn:aws:sqs:us-east-1:123456789012:thumbnail-failures";
        const { registry } = await built({ function: { entry: ENTRY, async: { maximumRetryAttempts: 1, onFailure: { type: "sqs", arn: queue } } } });
        registry.hasInputs("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", undefined, {
            maximumRetryAttempts: 1,
            destinationConfig: { onFailure: { destination: queue } },
        });
    });
});
