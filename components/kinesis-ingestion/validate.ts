import type { DataStreamArgs } from "../data-stream/args";
import { DATA_STREAM_SHAPE, validate as validateDataStream } from "../data-stream/validate";
import { nestedFunctionIssues } from "../lambda-function/validate";
import { PRIVATE_BUCKET_TRANSFORMS_SHAPE } from "../shared/bucket-shape";
import { Issue, Issues, isPlain, prefixIssues } from "../shared/errors";
import { boolean, checkShape, custom, input, int, object, optional, record, string, transform } from "../shared/shape";
import { MAX_TAGS, S3_BUCKET_ARN, checkKmsKeyArn, checkTags } from "../shared/validators";
import type { StreamConsumerArgs, StreamOnFailureArgs } from "../stream-consumer/args";
import { validate as validateStreamConsumer } from "../stream-consumer/validate";
import { validate as validateTable } from "../table/validate";
import { Table } from "../table/table";
import type { DynamoDbSinkArgs, ExistingStreamArgs, IngestFunctionArgs, IngestionBucketArgs, KinesisIngestionArgs, S3SinkArgs } from "./args";
import { ResolvedKinesisIngestion, isExisting, normalize } from "./defaults";

/**
 * The environment the component sets for functions/ingest (read by its core's `readConfig`): `SINK`, then
 * `OUTPUT_BUCKET`, `OUTPUT_PREFIX` and `S3_LAYOUT`, or `TABLE_NAME`.
 */
export const INGEST_ENVIRONMENT_KEYS = ["SINK", "OUTPUT_BUCKET", "OUTPUT_PREFIX", "S3_LAYOUT", "TABLE_NAME"] as const;

/** The keys functions/ingest writes items with (`dynamoWriter`): the reading's identity. */
export const INGEST_TABLE_KEYS = { partitionKey: "deviceId", sortKey: "timestamp", type: "S" } as const;

export const INGEST_LIMITS = {
    /**
     * The S3 sink's prefix starts every key, and a key is at most 1024 bytes: the rest of the longest key functions/ingest
     * writes is `/` + the partition (33) + `/` + a deviceId (128) + `-` + a sequence number (Kinesis allows 129 digits)
     * + `.json`, 298 bytes; 700 leaves a margin.
     */
    prefixBytes: 700,
    /**
     * The shortest function timeout: functions/ingest starts no write with less than its reserve left
     * (functions/ingest/core.ts `RESERVE_MS`, 5 s) and reports the rest, so a timeout near the reserve would write
     * one record per invocation and crawl through the shard.
     */
    minTimeoutSeconds: 15,
} as const;

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const EXISTING_STREAM_SHAPE = object<ExistingStreamArgs>()({
    existing: object<ExistingStreamArgs["existing"]>()({ streamArn: input(string()), kmsKeyArn: optional(input(string())) }),
});

const STREAM_SHAPE = custom("object", "DataStream args, or { existing: { streamArn, kmsKeyArn? } }", (issues, path, value) => {
    checkShape(issues, isExisting(value as DataStreamArgs | ExistingStreamArgs) ? EXISTING_STREAM_SHAPE : DATA_STREAM_SHAPE, value, path);
});

const SINK_SHAPE = custom("object", '{ type: "s3", bucket?, prefix?, layout? } or { type: "dynamodb", table? }', (issues, path, value) => {
    const type = (value as { type?: unknown }).type;
    if (type === "s3")
        checkShape(
            issues,
            object<S3SinkArgs>()({
                type: string(),
                bucket: optional(
                    object<IngestionBucketArgs>()({ bucketName: input(string()), bucketArn: input(string()), kmsKeyArn: optional(input(string())) }),
                ),
                prefix: optional(string()),
                layout: optional(string()),
            }),
            value,
            path,
        );
    else if (type === "dynamodb")
        checkShape(
            issues,
            object<DynamoDbSinkArgs>()({
                type: string(),
                table: optional(
                    custom("other", "a Table", (i, p, v) => {
                        if (!(v instanceof Table)) i.add(p, "(a class instance)", "is not a Table", "a Table keyed deviceId (S) + timestamp (S)");
                    }),
                ),
            }),
            value,
            path,
        );
    else issues.add(`${path}.type`, type, "is not supported", '"s3", "dynamodb"');
});

export const KINESIS_INGESTION_SHAPE = object<KinesisIngestionArgs>()({
    stream: optional(STREAM_SHAPE),
    sink: SINK_SHAPE,
    function: optional(
        object<IngestFunctionArgs>()({
            entry: optional(string({ nonEmpty: true })),
            memoryMiB: optional(int()),
            timeoutSeconds: optional(int()),
            architecture: optional(string()),
            logRetentionDays: optional(int()),
            reservedConcurrency: optional(int()),
        }),
    ),
    batchSize: optional(int()),
    maximumBatchingWindowSeconds: optional(int()),
    parallelizationFactor: optional(int()),
    bisectBatchOnFunctionError: optional(boolean()),
    maximumRetryAttempts: optional(int()),
    maximumRecordAgeSeconds: optional(int()),
    startingPosition: optional(string()),
    enhancedFanOut: optional(boolean()),
    onFailure: optional(object<StreamOnFailureArgs>()({ type: string(), arn: input(string()), kmsKeyArn: optional(input(string())) })),
    protectData: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<KinesisIngestionArgs["transform"]>>()({
            bucket: optional(PRIVATE_BUCKET_TRANSFORMS_SHAPE),
            // Checked by Table's, LambdaFunction's and StreamConsumer's own validation (below), under these paths.
            table: optional(custom("object", "Table's transforms", () => undefined)),
            failureQueue: optional(transform()),
            failureQueuePolicy: optional(transform()),
            function: optional(custom("object", "LambdaFunction's transforms", () => undefined)),
            consumer: optional(custom("object", "StreamConsumer's transforms", () => undefined)),
        }),
    ),
});

/**
 * Stand-ins for what exists only once the component runs (the function, the stream it creates): StreamConsumer's
 * rules then judge the arguments passed to it, before any resource.
 */
const PLACEHOLDER = {
    streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/placeholder",
    functionArn: "arn:aws:lambda:us-east-1:123456789012:function:placeholder",
};

/** A KinesisIngestion's args: shape first, then `normalize`, then the value rules (and the children's own) on the resolved values. */
export function validate(args: KinesisIngestionArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, KINESIS_INGESTION_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkStream(issues, cfg);
    checkSink(issues, cfg);
    // Below 1 is LambdaFunction's to report (its range), not twice.
    if (cfg.function.timeoutSeconds >= 1 && cfg.function.timeoutSeconds < INGEST_LIMITS.minTimeoutSeconds)
        issues.add(
            "function.timeoutSeconds",
            cfg.function.timeoutSeconds,
            "leaves functions/ingest no time to write past its 5-second reserve (it would write one record per invocation)",
            `at least ${INGEST_LIMITS.minTimeoutSeconds} seconds`,
        );
    issues.list.push(
        ...moved(nestedFunctionIssues("function", { ...cfg.function, transform: cfg.transform.function }), "function.transform", "transform.function"),
    );
    issues.list.push(...consumerIssues(cfg));
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}

/** Issues whose path starts with `from`, re-rooted at `to` (a child's argument that this component's args name elsewhere). */
function moved(list: Issue[], from: string, to: string): Issue[] {
    return list.map((i) => (i.path === from || i.path.startsWith(`${from}.`) ? { ...i, path: to + i.path.slice(from.length) } : i));
}

function checkStream(issues: Issues, cfg: ResolvedKinesisIngestion): void {
    if (isExisting(cfg.stream)) return; // its ARN and key: StreamConsumer's rules (consumerIssues)
    issues.list.push(...prefixIssues("stream", validateDataStream(cfg.stream)));
    // The DataStream gets the component's tags under its own: together within AWS's limit.
    const merged = Object.keys({ ...cfg.tags, ...cfg.stream.tags }).length;
    if (merged > MAX_TAGS - 1)
        issues.add(
            "stream.tags",
            `(${merged} tags with the component's)`,
            "are more than AWS allows on a resource",
            `at most ${MAX_TAGS - 1} together with tags (AWS allows ${MAX_TAGS}; the component adds one)`,
        );
}

/** StreamConsumer's verdict on what it will be given; its `source.*` paths are this component's `stream.existing.*`. */
function consumerIssues(cfg: ResolvedKinesisIngestion): Issue[] {
    const existing = isExisting(cfg.stream) ? cfg.stream.existing : undefined;
    const consumerArgs: StreamConsumerArgs = {
        source: { type: "kinesis", streamArn: existing?.streamArn ?? PLACEHOLDER.streamArn, kmsKeyArn: existing?.kmsKeyArn },
        function: { functionArn: PLACEHOLDER.functionArn, roleName: "placeholder" },
        ...cfg.passed,
        onFailure: cfg.onFailure,
        transform: cfg.transform.consumer,
    };
    return moved(validateStreamConsumer(consumerArgs), "source", "stream.existing")
        .map((i) => (i.path.startsWith("transform.") ? { ...i, path: `transform.consumer.${i.path.slice("transform.".length)}` } : i))
        .filter((i) => !i.path.startsWith("function"));
}

function checkSink(issues: Issues, cfg: ResolvedKinesisIngestion): void {
    const sink = cfg.sink;
    if (sink.type === "s3") {
        const p = sink.prefix;
        if (p.length === 0 || p.startsWith("/") || p.endsWith("/"))
            issues.add("sink.prefix", p, "must be non-empty, without a leading or trailing '/'", 'e.g. "readings" or "iot/readings"');
        else if (/[*?]/.test(p)) issues.add("sink.prefix", p, "contains '*' or '?' (wildcards in the function's policy)", "a literal key prefix");
        // In a 2012-10-17 policy's Resource, `${...}` is a policy variable, substituted per request
        // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html): the role would be
        // granted another key than the one the function writes, and every PutObject denied.
        else if (p.includes("${")) issues.add("sink.prefix", p, "contains '${' (an IAM policy variable in the function's policy)", "a literal key prefix");
        else if (/\/\//.test(p)) issues.add("sink.prefix", p, "contains '//' (an empty path segment)", 'e.g. "iot/readings"');
        else if (Buffer.byteLength(p) > INGEST_LIMITS.prefixBytes)
            issues.add(
                "sink.prefix",
                `(${Buffer.byteLength(p)} bytes)`,
                "is too long for an S3 key with its partition",
                `at most ${INGEST_LIMITS.prefixBytes} bytes`,
            );
        issues.oneOf("sink.layout", sink.layout, ["record", "batch"]);
        if (sink.bucket) {
            const { bucketName, bucketArn } = sink.bucket;
            const nameOk =
                !isPlain(bucketName) || issues.match("sink.bucket.bucketName", bucketName, BUCKET_NAME, "an S3 bucket name (3-63 of a-z, 0-9, '.', '-')");
            const arnOk = !isPlain(bucketArn) || issues.match("sink.bucket.bucketArn", bucketArn, S3_BUCKET_ARN, "arn:aws:s3:::<bucket>");
            // The name goes to the function, the ARN to its policy: a mismatch writes where the role may not.
            if (nameOk && arnOk && isPlain(bucketName) && isPlain(bucketArn) && !bucketArn.endsWith(`:::${bucketName}`))
                issues.add("sink.bucket.bucketArn", bucketArn, `is not the ARN of bucketName ${JSON.stringify(bucketName)}`, `arn:aws:s3:::${bucketName}`);
            checkKmsKeyArn(issues, "sink.bucket.kmsKeyArn", sink.bucket.kmsKeyArn);
        }
        if (cfg.transform.table !== undefined)
            issues.add("transform.table", "(transforms)", "is given with an S3 sink (no table is created)", "no transform.table");
        return;
    }
    if (cfg.transform.bucket !== undefined)
        issues.add("transform.bucket", "(transforms)", "is given with a DynamoDB sink (no bucket is created)", "no transform.bucket");
    if (sink.table === undefined) {
        issues.list.push(...moved(validateTable(sinkTableArgs(cfg)), "transform", "transform.table"));
        return;
    }
    if (cfg.transform.table !== undefined)
        issues.add("transform.table", "(transforms)", "is given with sink.table (the component creates no table)", "no transform.table");
    const k = sink.table.keySchema;
    const { partitionKey, sortKey, type } = INGEST_TABLE_KEYS;
    if (k.partitionKey !== partitionKey || k.attributes[partitionKey] !== type || k.sortKey !== sortKey || k.attributes[sortKey] !== type)
        issues.add(
            "sink.table",
            `(a Table keyed ${k.partitionKey} (${k.attributes[k.partitionKey]})${k.sortKey ? ` + ${k.sortKey} (${k.attributes[k.sortKey]})` : ""})`,
            "is not keyed as functions/ingest writes its items",
            `a Table with partitionKey ${partitionKey} (${type}) and sortKey ${sortKey} (${type})`,
        );
}

/** The table the component creates for a DynamoDB sink without one: the function's keys, point-in-time recovery on. */
export function sinkTableArgs(cfg: ResolvedKinesisIngestion) {
    const { partitionKey, sortKey, type } = INGEST_TABLE_KEYS;
    return {
        attributes: { [partitionKey]: type, [sortKey]: type },
        partitionKey,
        sortKey,
        pointInTimeRecovery: true,
        deletionProtection: cfg.protectData,
        protectData: cfg.protectData,
        tags: cfg.tags,
        transform: cfg.transform.table,
    };
}
