import * as assert from "node:assert";
import { KinesisIngestion, KinesisIngestionArgs } from "../../../components/kinesis-ingestion";
import { DEFAULTS, normalize } from "../../../components/kinesis-ingestion/defaults";
import { INGEST_LIMITS, validate } from "../../../components/kinesis-ingestion/validate";
import { RESERVE_MS, objectKey } from "../../../functions/ingest/core";
import { Table } from "../../../components/table";
import { buildFails } from "../../../components/testing";
import { ArgsError } from "../../../components/shared/errors";
import { assertDefaultsDocumented } from "../../harness/docs";
import { Refusal, itRefuses } from "../../harness/refusals";

const s3: KinesisIngestionArgs = { sink: { type: "s3" } };
const with_ = (extra: Partial<KinesisIngestionArgs>): KinesisIngestionArgs => ({ ...s3, ...extra });

describe("KinesisIngestion validation", () => {
    it("documents every optional argument's default as DEFAULTS holds it", () => {
        assertDefaultsDocumented("components/kinesis-ingestion/args.ts", DEFAULTS);
    });

    it("accepts either sink with defaults, and defaults to this repository's ingest function, which bundles", () => {
        assert.deepEqual(validate(s3), []);
        assert.deepEqual(validate({ sink: { type: "dynamodb" } }), []);
        assert.equal(normalize(s3).function.entry, "functions/ingest/index.ts");
    });

    const cases: Refusal<KinesisIngestionArgs>[] = [
        {
            title: "refuses an unknown sink type",
            args: { sink: { type: "firehose" } as never },
            path: "sink.type",
            message: /"firehose" is not supported; allowed: "s3", "dynamodb"/,
        },
        { title: "refuses a missing sink", args: {} as KinesisIngestionArgs, path: "sink", message: /is required/ },
        {
            title: "refuses an S3 prefix with a trailing '/' (functions/ingest refuses it too)",
            args: { sink: { type: "s3", prefix: "readings/" } },
            path: "sink.prefix",
            message: /"readings\/" must be non-empty, without a leading or trailing '\/'/,
        },
        { title: "refuses an empty S3 prefix", args: { sink: { type: "s3", prefix: "" } }, path: "sink.prefix", message: /must be non-empty/ },
        {
            title: "refuses a prefix with a wildcard (it scopes the policy)",
            args: { sink: { type: "s3", prefix: "read*" } },
            path: "sink.prefix",
            message: /wildcards in the function's policy/,
        },
        {
            // The prefix ends up in the role's policy Resource, where IAM substitutes ${...} per request.
            title: "refuses a prefix with '${', which IAM reads as a policy variable in the function's policy",
            args: { sink: { type: "s3", prefix: `iot/${"$"}{aws:username}` } },
            path: "sink.prefix",
            message: /IAM policy variable/,
        },
        { title: "refuses a prefix with an empty segment", args: { sink: { type: "s3", prefix: "a//b" } }, path: "sink.prefix", message: /'\/\/'/ },
        {
            title: "refuses a prefix too long for an S3 key",
            args: { sink: { type: "s3", prefix: "p".repeat(701) } },
            path: "sink.prefix",
            message: /too long .*at most 700 bytes/,
        },
        {
            title: "refuses an unknown S3 layout",
            args: { sink: { type: "s3", layout: "parquet" as "batch" } },
            path: "sink.layout",
            message: /"parquet" is not supported; allowed: "record", "batch"/,
        },
        {
            title: "refuses a bucket ARN that is not the bucket named",
            args: { sink: { type: "s3", bucket: { bucketName: "lake", bucketArn: "arn:aws:s3:::other" } } },
            path: "sink.bucket.bucketArn",
            message: /is not the ARN of bucketName "lake"; allowed: arn:aws:s3:::lake/,
        },
        {
            title: "refuses a malformed bucket name",
            args: { sink: { type: "s3", bucket: { bucketName: "Lake_1", bucketArn: "arn:aws:s3:::lake" } } },
            path: "sink.bucket.bucketName",
            message: /"Lake_1" is malformed/,
        },
        {
            title: "refuses a bucket key given as an alias",
            args: { sink: { type: "s3", bucket: { bucketName: "lake", bucketArn: "arn:aws:s3:::lake", kmsKeyArn: "alias/s3" } } },
            path: "sink.bucket.kmsKeyArn",
            message: /a KMS key ARN/,
        },
        {
            title: "refuses a sink table that is not a Table",
            args: { sink: { type: "dynamodb", table: { tableName: "t" } as never } },
            path: "sink.table",
            message: /allowed: a Table/,
        },
        {
            title: "refuses transform.table with an S3 sink",
            args: with_({ transform: { table: {} } }),
            path: "transform.table",
            message: /no table is created/,
        },
        {
            title: "refuses transform.bucket with a DynamoDB sink",
            args: { sink: { type: "dynamodb" }, transform: { bucket: {} } },
            path: "transform.bucket",
            message: /no bucket is created/,
        },
        {
            title: "refuses 0 shards for the stream it creates, under stream.",
            args: with_({ stream: { capacity: { shards: 0 } } }),
            path: "stream.capacity.shards",
            message: /out of range/,
        },
        {
            title: "refuses retention over a year for the stream it creates",
            args: with_({ stream: { retentionHours: 9000 } }),
            path: "stream.retentionHours",
            message: /from 24 to 8760/,
        },
        {
            title: "refuses an existing stream's ARN that is not a Kinesis stream's",
            args: with_({ stream: { existing: { streamArn: "arn:aws:dynamodb:us-east-1:123456789012:table/t" } } }),
            path: "stream.existing.streamArn",
            message: /a Kinesis data stream ARN/,
        },
        {
            title: "refuses an existing stream's key given as an alias",
            args: with_({ stream: { existing: { streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s", kmsKeyArn: "alias/aws/kinesis" } } }),
            path: "stream.existing.kmsKeyArn",
            message: /a KMS key ARN/,
        },
        {
            title: "refuses stream tags that exceed AWS's 50 together with the component's",
            args: with_({
                tags: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`a${i}`, "x"])),
                stream: { tags: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`b${i}`, "x"])) },
            }),
            path: "stream.tags",
            message: /"\(60 tags with the component's\)" are more than AWS allows .*at most 49 together/,
        },
        { title: "refuses a batch size over Kinesis's 10000", args: with_({ batchSize: 10_001 }), path: "batchSize", message: /from 1 to 10000/ },
        {
            title: "refuses a parallelization factor over 10",
            args: with_({ parallelizationFactor: 11 }),
            path: "parallelizationFactor",
            message: /from 1 to 10/,
        },
        {
            title: "refuses a batching window over 300 seconds",
            args: with_({ maximumBatchingWindowSeconds: 301 }),
            path: "maximumBatchingWindowSeconds",
            message: /from 0 to 300/,
        },
        {
            title: "refuses a record age under 60 seconds",
            args: with_({ maximumRecordAgeSeconds: 30 }),
            path: "maximumRecordAgeSeconds",
            message: /from 60 to 604800/,
        },
        { title: "refuses retries over 10000", args: with_({ maximumRetryAttempts: 10_001 }), path: "maximumRetryAttempts", message: /from 0 to 10000/ },
        {
            title: "refuses AT_TIMESTAMP (no timestamp argument)",
            args: with_({ startingPosition: "AT_TIMESTAMP" as "LATEST" }),
            path: "startingPosition",
            message: /"LATEST", "TRIM_HORIZON"/,
        },
        {
            title: "refuses a FIFO queue as the failure destination",
            args: with_({ onFailure: { type: "sqs", arn: "arn:aws:sqs:us-east-1:123456789012:f.fifo" } }),
            path: "onFailure.arn",
            message: /FIFO/,
        },
        {
            title: "refuses function memory under 128 MiB",
            args: with_({ function: { memoryMiB: 64 } }),
            path: "function.memoryMiB",
            message: /from 128 to 10240/,
        },
        {
            title: "refuses a function timeout over 900 seconds",
            args: with_({ function: { timeoutSeconds: 901 } }),
            path: "function.timeoutSeconds",
            message: /from 1 to 900/,
        },
        {
            title: "refuses a function entry that is not a file",
            args: with_({ function: { entry: "functions/ingest/missing.ts" } }),
            path: "function.entry",
            message: /is not a file/,
        },
        { title: "refuses a misspelled argument", args: with_({ batchsize: 10 } as never), path: "batchsize", message: /batchSize/ },
    ];
    itRefuses(cases, validate, (args) => new KinesisIngestion("readings", args), /^KinesisIngestion "readings": /);

    it("accepts a 700-byte prefix, whose longest object key still fits S3's 1024 bytes", () => {
        const prefix = "p".repeat(INGEST_LIMITS.prefixBytes);
        assert.deepEqual(validate({ sink: { type: "s3", prefix } }), []);
        const record = { kinesis: { sequenceNumber: "9".repeat(129), data: "", approximateArrivalTimestamp: 1795600000 } };
        assert.ok(Buffer.byteLength(objectKey(prefix, record, { deviceId: "d".repeat(128), timestamp: "", metrics: {} })) <= 1024);
    });

    it("keeps the shortest timeout at three times the function's reserve at least", () => {
        assert.ok(INGEST_LIMITS.minTimeoutSeconds * 1000 >= 3 * RESERVE_MS);
        assert.deepEqual(validate(with_({ function: { timeoutSeconds: INGEST_LIMITS.minTimeoutSeconds } })), []);
    });

    it("refuses a Table not keyed deviceId + timestamp, naming its keys, and registers nothing else", async () => {
        const { error, registry } = await buildFails(() => {
            const table = new Table("devices", { attributes: { id: "S", at: "N" }, partitionKey: "id", sortKey: "at" });
            return new KinesisIngestion("readings", { sink: { type: "dynamodb", table } });
        });
        assert.ok(error instanceof ArgsError, String(error));
        assert.match(
            error.message,
            /sink.table="\(a Table keyed id \(S\) \+ at \(N\)\)" is not keyed as functions\/ingest writes its items; allowed: a Table with partitionKey deviceId \(S\) and sortKey timestamp \(S\)/,
        );
        // Only the Table the program made itself.
        assert.ok(
            registry.all().every((r) => !r.name.startsWith("readings")),
            registry.inventory().join(", "),
        );
    });

    it("refuses a Table keyed deviceId + timestamp as numbers", () => {
        const table = Object.assign(Object.create(Table.prototype), {
            keySchema: { partitionKey: "deviceId", sortKey: "timestamp", attributes: { deviceId: "S", timestamp: "N" } },
        });
        assert.deepEqual(
            validate({ sink: { type: "dynamodb", table } }).map((i) => i.path),
            ["sink.table"],
        );
    });

    it("reports a zero timeout once, by LambdaFunction's range", () => {
        assert.deepEqual(
            validate(with_({ function: { timeoutSeconds: 0 } })).map((i) => i.path),
            ["function.timeoutSeconds"],
        );
    });

    it("reports issues of the stream, sink, function and mapping at once", () => {
        const issues = validate({ stream: { retentionHours: 1 }, sink: { type: "s3", prefix: "/x" }, function: { memoryMiB: 1 }, batchSize: 0 });
        assert.deepEqual(
            issues.map((i) => i.path),
            ["stream.retentionHours", "sink.prefix", "function.memoryMiB", "batchSize"],
        );
    });

    it("reports a bad function transform under transform.function and a bad consumer transform under transform.consumer", () => {
        const issues = validate(with_({ transform: { function: { role: 3 as never }, consumer: { mapping: "x" as never } } }));
        assert.deepEqual(
            issues.map((i) => i.path),
            ["transform.function.role", "transform.consumer.mapping"],
        );
    });
});
