import * as pulumi from "@pulumi/pulumi";
import * as sqs from "@pulumi/aws/sqs";
import { DataStream } from "../data-stream/data-stream";
import { DEFAULTS as DATA_STREAM_DEFAULTS } from "../data-stream/defaults";
import { LambdaFunction } from "../lambda-function/lambda-function";
import { PrivateBucket, createPrivateBucket, keptDataBucketSpec } from "../shared/bucket";
import { ArgsError } from "../shared/errors";
import { Statement, keyThroughService } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { tlsOnlyQueuePolicy } from "../shared/queue";
import { create } from "../shared/transform";
import type { KinesisStreamSource, StreamOnFailureArgs } from "../stream-consumer/args";
import { DEFAULTS as STREAM_CONSUMER_DEFAULTS } from "../stream-consumer/defaults";
import { StreamConsumer } from "../stream-consumer/stream-consumer";
import { Table } from "../table/table";
import type { KinesisIngestionArgs } from "./args";
import { DEFAULTS, ResolvedKinesisIngestion, isExisting, normalize } from "./defaults";
import { sinkTableArgs, validate } from "./validate";

export interface KinesisIngestionResources {
    /** The stream the component created (not with `stream.existing`). */
    stream?: DataStream;
    /** The S3 sink's bucket, when the component created it. */
    bucket?: PrivateBucket;
    /** The DynamoDB sink's table, when the component created it. */
    table?: Table;
    /** Where spent batches are recorded, when `onFailure` is not given. */
    failureQueue?: sqs.Queue;
    /** Its policy: requests over TLS only. */
    failureQueuePolicy?: sqs.QueuePolicy;
    function: LambdaFunction;
    consumer: StreamConsumer;
}

/**
 * Devices → Kinesis → Lambda → S3 or DynamoDB: a data stream (or yours), the ingest function
 * (`functions/ingest`: validates each record, writes the valid readings, skips malformed ones, reports the
 * first failed write so Lambda retries from it), its event source mapping with bounded retries, bisection,
 * partial batch responses and an on-failure queue, and the sink: a private bucket with Hive-style hourly
 * partitions, or a table keyed `deviceId` + `timestamp`. The function's role may put objects under the prefix
 * (or items in the table) and read the stream, nothing else.
 *
 * @example
 * const ingest = new KinesisIngestion("readings", { sink: { type: "s3", layout: "batch" }, batchSize: 500 });
 * new LambdaFunction("gateway", { entry: "functions/gateway/index.ts", statements: ingest.stream!.producerStatements() });
 *
 * **Cost** (us-east-1, defaults): the on-demand stream ≈ $29.20 a month plus $0.08 per GB in and $0.04 per GB
 * read; the function at 256 MiB on arm64, one invocation per batch of 100: 1M readings = 10,000 invocations of
 * ~1 s ≈ 10,000 × 0.25 × $0.0000133334 ≈ $0.03; S3 `record` layout $0.005 per 1,000 PUTs (1M readings ≈ $5),
 * `batch` a hundredth; DynamoDB $0.625 per million writes. Enhanced fan-out adds $0.015 per consumer-shard hour
 * and $0.013 per GB read. The SQS queue is free while empty.
 */
export class KinesisIngestion extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "KinesisIngestion");

    /** The DataStream the component created; undefined with `stream.existing`. */
    readonly stream: DataStream | undefined;
    readonly streamArn: pulumi.Input<string>;
    readonly function: LambdaFunction;
    readonly consumer: StreamConsumer;
    /** The S3 sink's bucket. */
    readonly bucketName?: pulumi.Input<string>;
    /** The DynamoDB sink's table. */
    readonly tableName?: pulumi.Output<string>;
    /** The failure queue the component created (without `onFailure`). */
    readonly failureQueueArn?: pulumi.Output<string>;
    readonly resources: KinesisIngestionResources;

    constructor(name: string, args: KinesisIngestionArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("KinesisIngestion", name, issues);
        super(KinesisIngestion.type, name, args, opts);

        const cfg = normalize(args);
        for (const warning of warnings(name, cfg)) pulumi.log.warn(warning, this);
        const child = { parent: this };
        const tags = componentTags(KinesisIngestion.type, name, cfg.tags);
        const t = cfg.transform;

        const consumerKind = cfg.enhancedFanOut ? ("enhanced-fan-out" as const) : undefined;
        let stream: DataStream | undefined;
        let source: KinesisStreamSource;
        if (isExisting(cfg.stream)) {
            const { streamArn, kmsKeyArn } = cfg.stream.existing;
            source = { type: "kinesis", streamArn, kmsKeyArn, ...(consumerKind ? { consumer: consumerKind } : {}) };
        } else {
            const own = cfg.stream;
            stream = new DataStream(
                childName(name, "stream"),
                { ...own, protectData: own.protectData ?? cfg.protectData, tags: { ...cfg.tags, ...own.tags } },
                child,
            );
            source = stream.source(consumerKind);
        }

        const sink = createSink(name, cfg, tags, child);
        const failureQueue =
            cfg.onFailure === undefined
                ? create(
                      sqs.Queue,
                      fitName(childName(name, "failures"), sqs.Queue),
                      {
                          messageRetentionSeconds: DEFAULTS.failureQueueRetentionSeconds,
                          // SSE-SQS: encrypted at rest with no key for the sender to be granted.
                          sqsManagedSseEnabled: true,
                          tags,
                      },
                      child,
                      t.failureQueue,
                  )
                : undefined;
        const failureQueuePolicy =
            failureQueue &&
            create(
                sqs.QueuePolicy,
                childName(name, "failures-policy"),
                { queueUrl: failureQueue.url, policy: tlsOnlyQueuePolicy(failureQueue.arn) },
                child,
                t.failureQueuePolicy,
            );
        const onFailure: StreamOnFailureArgs = cfg.onFailure ?? { type: "sqs", arn: failureQueue!.arn };

        const f = cfg.function;
        const fn = new LambdaFunction(
            childName(name, "function"),
            {
                entry: f.entry,
                memoryMiB: f.memoryMiB,
                timeoutSeconds: f.timeoutSeconds,
                architecture: f.architecture,
                logRetentionDays: f.logRetentionDays,
                reservedConcurrency: f.reservedConcurrency,
                environment: sink.environment,
                statements: sink.statements,
                tags: cfg.tags,
                transform: t.function,
            },
            child,
        );
        const consumer = new StreamConsumer(
            childName(name, "consumer"),
            { source, function: fn, ...cfg.passed, reportBatchItemFailures: true, onFailure, tags: cfg.tags, transform: t.consumer },
            child,
        );

        this.stream = stream;
        this.streamArn = stream ? stream.streamArn : source.streamArn;
        this.function = fn;
        this.consumer = consumer;
        this.bucketName = sink.bucketName;
        this.tableName = sink.tableName;
        this.failureQueueArn = failureQueue?.arn;
        this.resources = { stream, bucket: sink.bucket, table: sink.table, failureQueue, failureQueuePolicy, function: fn, consumer };
        this.registerOutputs({
            streamArn: this.streamArn,
            functionName: fn.functionName,
            bucketName: this.bucketName,
            tableName: this.tableName,
            failureQueueArn: this.failureQueueArn,
        });
    }
}

/**
 * Settings that deploy but lose data. TRIM_HORIZON starts at the oldest record kept, and Lambda discards (to
 * `onFailure`) records older than `maximumRecordAgeSeconds` unprocessed
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html): with StreamConsumer's one hour and
 * a stream keeping more, the backlog a TRIM_HORIZON start is meant to read is skipped.
 */
export function warnings(name: string, cfg: ResolvedKinesisIngestion): string[] {
    const d = STREAM_CONSUMER_DEFAULTS.StreamConsumerArgs;
    const start = cfg.passed.startingPosition ?? d.startingPosition;
    const age = cfg.passed.maximumRecordAgeSeconds ?? d.maximumRecordAgeSeconds;
    if (start !== "TRIM_HORIZON" || age === -1) return [];
    const hours = isExisting(cfg.stream) ? undefined : (cfg.stream.retentionHours ?? DATA_STREAM_DEFAULTS.DataStreamArgs.retentionHours);
    if (hours !== undefined && age >= hours * 3600) return [];
    return [
        `[aws-platform:serverless:record-age] KinesisIngestion "${name}": startingPosition "TRIM_HORIZON" with maximumRecordAgeSeconds ${age}: ` +
            `records already older than ${age} s when read (the stream keeps ${hours === undefined ? "its retention" : `${hours} hours`}) go to onFailure unprocessed; ` +
            `set maximumRecordAgeSeconds to the stream's retention in seconds (or -1) to ingest the backlog`,
    ];
}

interface Sink {
    environment: Record<string, pulumi.Input<string>>;
    statements: Statement[];
    bucket?: PrivateBucket;
    bucketName?: pulumi.Input<string>;
    table?: Table;
    tableName?: pulumi.Output<string>;
}

/** The sink (created unless given) and what the function needs for it: its environment and the one write action. */
function createSink(name: string, cfg: ResolvedKinesisIngestion, tags: Record<string, string>, child: pulumi.ComponentResourceOptions): Sink {
    const sink = cfg.sink;
    if (sink.type === "s3") {
        const bucket = sink.bucket
            ? undefined
            : // Readings are kept until you delete them: their retention is the data owner's decision.
              createPrivateBucket(childName(name, "bucket"), keptDataBucketSpec(cfg.protectData, tags), child, cfg.transform.bucket);
        const bucketName = sink.bucket?.bucketName ?? bucket!.bucket.bucket;
        const bucketArn = sink.bucket?.bucketArn ?? bucket!.bucket.arn;
        return {
            environment: { SINK: "s3", OUTPUT_BUCKET: bucketName, OUTPUT_PREFIX: sink.prefix, S3_LAYOUT: sink.layout },
            statements: [
                // PutObject only, under the prefix only: the function never reads, lists or deletes.
                { Sid: "WriteReadings", Effect: "Allow", Action: "s3:PutObject", Resource: pulumi.interpolate`${bucketArn}/${sink.prefix}/*` },
                // An SSE-KMS PutObject asks KMS for a data key (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#require-sse-kms).
                ...keyThroughService("EncryptReadingsThroughS3", sink.bucket?.kmsKeyArn, ["kms:GenerateDataKey"], "s3"),
            ],
            bucket,
            bucketName,
        };
    }
    const table = sink.table ?? new Table(childName(name, "table"), sinkTableArgs(cfg), child);
    return {
        environment: { SINK: "dynamodb", TABLE_NAME: table.tableName },
        statements: [
            // PutItem only (conditional: the condition needs no other action).
            { Sid: "WriteReadings", Effect: "Allow", Action: "dynamodb:PutItem", Resource: table.tableArn },
            // The table's key through DynamoDB, as the Table grants its writers.
            ...table.grantStatements("write").filter((s) => s.Sid !== "WriteItems"),
        ],
        table: sink.table ? undefined : table,
        tableName: table.tableName,
    };
}
