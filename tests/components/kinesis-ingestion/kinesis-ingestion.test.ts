import * as assert from "node:assert";
import { KinesisIngestion, KinesisIngestionArgs } from "../../../components/kinesis-ingestion";
import { Table } from "../../../components/table";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { readConfig } from "../../../functions/ingest/core";

const STREAM = "aws:kinesis/stream:Stream";
const MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
const FUNCTION = "aws:lambda/function:Function";
const QUEUE = "aws:sqs/queue:Queue";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const EXISTING = "arn:aws:kinesis:us-east-1:123456789012:stream/devices";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:ingest-failures";

async function built(args: KinesisIngestionArgs) {
    return build(() => new KinesisIngestion("readings", args));
}

/** Every statement the function's role holds, from its own policy and StreamConsumer's. */
function statements(registry: Registry): any[] {
    return registry.statementsOf("readings-function-role");
}

describe("KinesisIngestion", () => {
    describe("to S3, with defaults", () => {
        let registry: Registry;
        let ingestion: KinesisIngestion;
        before(async () => {
            ({ registry, result: ingestion } = await built({ sink: { type: "s3" } }));
        });

        it("creates an on-demand stream encrypted with the AWS managed key, and exposes it", async () => {
            const s = registry.hasInputs(STREAM, "readings-stream-stream", { streamModeDetails: { streamMode: "ON_DEMAND" }, kmsKeyId: "alias/aws/kinesis" });
            assert.ok(ingestion.stream);
            assert.equal(await unwrap(ingestion.streamArn), s.outputs.arn);
        });

        it("runs functions/ingest with a 60-second timeout and 256 MiB", () => {
            registry.hasInputs(FUNCTION, "readings-function-function", { timeout: 60, memorySize: 256, handler: "index.handler", runtime: "nodejs22.x" });
        });

        it("sets the environment functions/ingest reads, and the function's own parser accepts it", async () => {
            const bucket = registry.one("aws:s3/bucket:Bucket");
            const env = registry.one(FUNCTION).inputs.environment.variables;
            assert.deepEqual(env, { SINK: "s3", OUTPUT_BUCKET: bucket.outputs.bucket, OUTPUT_PREFIX: "readings", S3_LAYOUT: "record" });
            assert.deepEqual(readConfig(env), { sink: "s3", bucket: bucket.outputs.bucket, prefix: "readings", layout: "record" });
            assert.equal(await unwrap(ingestion.bucketName), bucket.outputs.bucket);
        });

        it("creates a private, encrypted, TLS-only bucket that keeps the readings", () => {
            registry.hasInputs("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "readings-bucket-encryption", {
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
            });
            registry.hasInputs("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "readings-bucket-public-access-block", {
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            });
            const rules = registry.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules;
            assert.deepEqual(
                rules.map((r: { id: string }) => r.id),
                ["abort-incomplete-multipart-uploads"],
            );
            const policy = json(registry.one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
            assert.equal(policy.Statement[0].Sid, "DenyInsecureTransport");
        });

        it("lets the function put objects under the prefix only, read the stream, and send to the failure queue, nothing else", () => {
            const bucket = registry.one("aws:s3/bucket:Bucket");
            const stream = registry.one(STREAM);
            const queue = registry.one(QUEUE);
            const byText = (list: unknown[]) => list.map((x) => JSON.stringify(x)).sort();
            assert.deepEqual(
                byText(statements(registry)),
                byText([
                    {
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                        Resource: `${registry.one("aws:cloudwatch/logGroup:LogGroup").outputs.arn}:*`,
                    },
                    { Sid: "WriteReadings", Effect: "Allow", Action: "s3:PutObject", Resource: `${bucket.outputs.arn}/readings/*` },
                    {
                        Sid: "ReadStream",
                        Effect: "Allow",
                        Action: [
                            "kinesis:DescribeStream",
                            "kinesis:DescribeStreamSummary",
                            "kinesis:GetRecords",
                            "kinesis:GetShardIterator",
                            "kinesis:ListShards",
                        ],
                        Resource: stream.outputs.arn,
                    },
                    { Sid: "SendFailureRecords", Effect: "Allow", Action: "sqs:SendMessage", Resource: queue.outputs.arn },
                ]),
            );
        });

        it("maps the stream to the function with partial batch responses, bisection, bounded retries and the failure queue", () => {
            const queue = registry.one(QUEUE);
            registry.hasInputs(MAPPING, "readings-consumer-mapping", {
                eventSourceArn: registry.one(STREAM).outputs.arn,
                functionName: registry.one(FUNCTION).outputs.arn,
                functionResponseTypes: ["ReportBatchItemFailures"],
                bisectBatchOnFunctionError: true,
                maximumRetryAttempts: 10,
                maximumRecordAgeInSeconds: 3600,
                batchSize: 100,
                parallelizationFactor: 1,
                startingPosition: "LATEST",
                destinationConfig: { onFailure: { destinationArn: queue.outputs.arn } },
            });
        });

        it("creates the failure queue encrypted (SSE-SQS) with 14 days of retention", async () => {
            const queue = registry.hasInputs(QUEUE, undefined, { sqsManagedSseEnabled: true, messageRetentionSeconds: 1_209_600 });
            assert.equal(await unwrap(ingestion.failureQueueArn!), queue.outputs.arn);
        });

        it("refuses requests to the failure queue that are not over TLS", () => {
            const queue = registry.one(QUEUE);
            const policy = registry.hasInputs("aws:sqs/queuePolicy:QueuePolicy", "readings-failures-policy", { queueUrl: queue.outputs.url });
            assert.deepEqual(JSON.parse(policy.inputs.policy).Statement, [
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "sqs:*",
                    Resource: queue.outputs.arn,
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ]);
        });

        it("creates no table, no enhanced fan-out consumer, and protects nothing", () => {
            const counts = registry.countByType();
            assert.equal(counts["aws:dynamodb/table:Table"], undefined);
            assert.equal(counts["aws:kinesis/streamConsumer:StreamConsumer"], undefined);
            assert.ok(registry.all().every((r) => !r.protect && !r.retainOnDelete));
        });
    });

    it("passes the mapping's settings to StreamConsumer", async () => {
        const { registry } = await built({
            sink: { type: "s3" },
            batchSize: 500,
            maximumBatchingWindowSeconds: 5,
            parallelizationFactor: 4,
            bisectBatchOnFunctionError: false,
            maximumRetryAttempts: 3,
            maximumRecordAgeSeconds: 600,
            startingPosition: "TRIM_HORIZON",
        });
        registry.hasInputs(MAPPING, undefined, {
            batchSize: 500,
            maximumBatchingWindowInSeconds: 5,
            parallelizationFactor: 4,
            bisectBatchOnFunctionError: false,
            maximumRetryAttempts: 3,
            maximumRecordAgeInSeconds: 600,
            startingPosition: "TRIM_HORIZON",
        });
    });

    it("writes to a bucket given with its SSE-KMS key: no bucket created, GenerateDataKey on that key through S3 only", async () => {
        const { registry } = await built({
            sink: { type: "s3", bucket: { bucketName: "lake", bucketArn: "arn:aws:s3:::lake", kmsKeyArn: KEY }, prefix: "iot/readings", layout: "batch" },
        });
        assert.equal(registry.countByType()["aws:s3/bucket:Bucket"], undefined);
        assert.deepEqual(registry.one(FUNCTION).inputs.environment.variables, {
            SINK: "s3",
            OUTPUT_BUCKET: "lake",
            OUTPUT_PREFIX: "iot/readings",
            S3_LAYOUT: "batch",
        });
        const own = statements(registry).filter((s) => ["WriteReadings", "EncryptReadingsThroughS3"].includes(s.Sid));
        assert.deepEqual(own, [
            { Sid: "WriteReadings", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::lake/iot/readings/*" },
            {
                Sid: "EncryptReadingsThroughS3",
                Effect: "Allow",
                Action: ["kms:GenerateDataKey"],
                Resource: KEY,
                Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
            },
        ]);
    });

    describe("to DynamoDB, with defaults", () => {
        let registry: Registry;
        let ingestion: KinesisIngestion;
        before(async () => {
            ({ registry, result: ingestion } = await built({ sink: { type: "dynamodb" } }));
        });

        it("creates a table keyed deviceId + timestamp (strings), on-demand, point-in-time recovery on", () => {
            registry.hasInputs("aws:dynamodb/table:Table", "readings-table-table", {
                hashKey: "deviceId",
                rangeKey: "timestamp",
                attributes: [
                    { name: "deviceId", type: "S" },
                    { name: "timestamp", type: "S" },
                ],
                billingMode: "PAY_PER_REQUEST",
                pointInTimeRecovery: { enabled: true },
                deletionProtectionEnabled: false,
            });
        });

        it("sets SINK and TABLE_NAME, which the function's parser accepts", async () => {
            const table = registry.one("aws:dynamodb/table:Table");
            const env = registry.one(FUNCTION).inputs.environment.variables;
            assert.deepEqual(env, { SINK: "dynamodb", TABLE_NAME: table.outputs.name });
            assert.deepEqual(readConfig(env), { sink: "dynamodb", table: table.outputs.name });
            assert.equal(await unwrap(ingestion.tableName!), table.outputs.name);
        });

        it("lets the function PutItem on that table only", () => {
            const table = registry.one("aws:dynamodb/table:Table");
            const writes = statements(registry).filter((s) => s.Sid === "WriteReadings");
            assert.deepEqual(writes, [{ Sid: "WriteReadings", Effect: "Allow", Action: "dynamodb:PutItem", Resource: table.outputs.arn }]);
            const actions = statements(registry).flatMap((s) => [s.Action].flat());
            assert.ok(!actions.some((a: string) => a.startsWith("s3:") || (a.startsWith("dynamodb:") && a !== "dynamodb:PutItem")), String(actions));
        });
    });

    it("writes to a Table given, with its customer managed key through DynamoDB, and creates none", async () => {
        const { registry } = await build(() => {
            const table = new Table("devices", {
                attributes: { deviceId: "S", timestamp: "S" },
                partitionKey: "deviceId",
                sortKey: "timestamp",
                encryption: { kmsKeyArn: KEY },
            });
            return new KinesisIngestion("readings", { sink: { type: "dynamodb", table } });
        });
        assert.equal(registry.ofType("aws:dynamodb/table:Table").length, 1);
        assert.equal(registry.named("readings-table"), undefined);
        const key = statements(registry).find((s) => s.Sid === "UseTableKeyThroughDynamoDB");
        assert.deepEqual(key.Resource, KEY);
        assert.deepEqual(key.Condition, { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } });
    });

    it("reads through an enhanced fan-out consumer registered on the stream", async () => {
        const { registry } = await built({ sink: { type: "s3" }, enhancedFanOut: true });
        const consumer = registry.hasInputs("aws:kinesis/streamConsumer:StreamConsumer", undefined, { streamArn: registry.one(STREAM).outputs.arn });
        registry.hasInputs(MAPPING, undefined, { eventSourceArn: consumer.outputs.arn });
        const efo = statements(registry).find((s) => s.Sid === "ReadThroughConsumer");
        assert.deepEqual(efo.Resource, consumer.outputs.arn);
    });

    it("reads an existing stream with its customer managed key: no stream created, Decrypt through Kinesis on that key", async () => {
        const { registry, result } = await built({ stream: { existing: { streamArn: EXISTING, kmsKeyArn: KEY } }, sink: { type: "s3" } });
        assert.equal(registry.countByType()[STREAM], undefined);
        assert.equal(result.stream, undefined);
        assert.equal(await unwrap(result.streamArn), EXISTING);
        registry.hasInputs(MAPPING, undefined, { eventSourceArn: EXISTING });
        const read = statements(registry).filter((s) => ["ReadStream", "DecryptStreamRecords"].includes(s.Sid));
        assert.deepEqual(
            read.map((s) => [s.Sid, s.Resource]),
            [
                ["ReadStream", EXISTING],
                ["DecryptStreamRecords", KEY],
            ],
        );
    });

    it("sends spent batches to the onFailure given instead of creating a queue", async () => {
        const { registry, result } = await built({ sink: { type: "s3" }, onFailure: { type: "sns", arn: TOPIC } });
        assert.equal(registry.countByType()[QUEUE], undefined);
        assert.equal(registry.countByType()["aws:sqs/queuePolicy:QueuePolicy"], undefined);
        assert.equal(result.failureQueueArn, undefined);
        registry.hasInputs(MAPPING, undefined, { destinationConfig: { onFailure: { destinationArn: TOPIC } } });
        assert.ok(statements(registry).some((s) => s.Action === "sns:Publish" && s.Resource === TOPIC));
    });

    it("protects and retains the stream and bucket it creates with protectData, and never force-destroys the bucket", async () => {
        const { registry } = await built({ sink: { type: "s3" }, protectData: true });
        for (const type of [STREAM, "aws:s3/bucket:Bucket"]) {
            const r = registry.one(type);
            assert.deepEqual([r.protect, r.retainOnDelete], [true, true], type);
        }
        assert.equal(registry.one("aws:s3/bucket:Bucket").inputs.forceDestroy, false);
    });

    it("force-destroys its bucket without protectData, so destroy does not stop at readings it holds", async () => {
        const { registry } = await built({ sink: { type: "s3" } });
        const bucket = registry.one("aws:s3/bucket:Bucket");
        assert.deepEqual([bucket.inputs.forceDestroy, bucket.protect, bucket.retainOnDelete], [true, false, false]);
    });

    it("protects, retains and deletion-protects the table it creates with protectData", async () => {
        const { registry } = await built({ sink: { type: "dynamodb" }, protectData: true });
        const table = registry.hasInputs("aws:dynamodb/table:Table", undefined, { deletionProtectionEnabled: true });
        assert.deepEqual([table.protect, table.retainOnDelete], [true, true]);
    });

    it("passes the stream's own arguments to the DataStream it creates", async () => {
        const { registry } = await built({ stream: { capacity: { shards: 2 }, retentionHours: 48 }, sink: { type: "s3" } });
        registry.hasInputs(STREAM, undefined, { streamModeDetails: { streamMode: "PROVISIONED" }, shardCount: 2, retentionPeriod: 48 });
    });

    it("applies the function's, consumer's and queue's transforms to those children", async () => {
        const { registry } = await built({
            sink: { type: "s3" },
            transform: { function: { function: { description: "ingest" } }, consumer: { mapping: { enabled: false } }, failureQueue: { delaySeconds: 5 } },
        });
        registry.hasInputs(FUNCTION, undefined, { description: "ingest" });
        registry.hasInputs(MAPPING, undefined, { enabled: false });
        registry.hasInputs(QUEUE, undefined, { delaySeconds: 5 });
    });

    it("lets transform.consumer.mapping make the mapping delete-before-replace, the documented way to change startingPosition", async () => {
        const { registry } = await built({
            sink: { type: "s3" },
            startingPosition: "LATEST",
            transform: {
                consumer: {
                    mapping: (_args, opts) => {
                        opts.deleteBeforeReplace = true;
                    },
                },
            },
        });
        assert.equal(registry.one(MAPPING).deleteBeforeReplace, true);
        assert.equal(registry.one(FUNCTION).deleteBeforeReplace, true, "LambdaFunction's own setting, untouched");
        assert.equal(registry.one(QUEUE).deleteBeforeReplace, false, "no other child");
    });

    describe("warnings", () => {
        it("warns that a TRIM_HORIZON start with an hour of record age skips the stream's older backlog", async () => {
            const { warnings } = await built({ sink: { type: "s3" }, startingPosition: "TRIM_HORIZON" });
            assert.equal(warnings.length, 1);
            assert.match(
                warnings[0],
                /^\[aws-platform:serverless:record-age\] KinesisIngestion "readings": .*maximumRecordAgeSeconds 3600.*keeps 24 hours.*go to onFailure unprocessed/,
            );
        });

        it("does not warn when the record age covers the retention, is unlimited, or the start is LATEST", async () => {
            for (const args of [
                { sink: { type: "s3" }, startingPosition: "TRIM_HORIZON", maximumRecordAgeSeconds: 86_400 },
                { sink: { type: "s3" }, startingPosition: "TRIM_HORIZON", maximumRecordAgeSeconds: -1 },
                { sink: { type: "s3" } },
            ] as KinesisIngestionArgs[])
                assert.deepEqual((await built(args)).warnings, [], JSON.stringify(args));
        });
    });
});
