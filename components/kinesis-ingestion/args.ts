import type * as pulumi from "@pulumi/pulumi";
import type * as sqs from "@pulumi/aws/sqs";
import type { DataStreamArgs } from "../data-stream/args";
import type { LambdaFunctionArgs } from "../lambda-function/args";
import type { PrivateBucketTransforms } from "../shared/bucket";
import type { StreamConsumerArgs, StreamOnFailureArgs } from "../stream-consumer/args";
import type { TableArgs } from "../table/args";
import type { Transform } from "../shared/transform";
import type { Table } from "../table/table";

/** A Kinesis data stream created elsewhere. */
export interface ExistingStreamArgs {
    existing: {
        /** The data stream's ARN, `arn:aws:kinesis:<region>:<account>:stream/<name>`. */
        streamArn: pulumi.Input<string>;
        /**
         * The stream's customer managed KMS key: the function's role may then decrypt with it through Kinesis.
         * @default - the stream uses the AWS managed key `aws/kinesis` (nothing to grant)
         */
        kmsKeyArn?: pulumi.Input<string>;
    };
}

/** A bucket created elsewhere, for the S3 sink. */
export interface IngestionBucketArgs {
    bucketName: pulumi.Input<string>;
    /** `arn:aws:s3:::<bucket>`: the function may put objects under `<prefix>/` only. */
    bucketArn: pulumi.Input<string>;
    /**
     * The bucket's SSE-KMS key: the function then gets `kms:GenerateDataKey` on it, through S3 only.
     * @default - the bucket encrypts with SSE-S3 (nothing to grant)
     */
    kmsKeyArn?: pulumi.Input<string>;
}

/** Readings as JSON objects in S3, under Hive-style hourly partitions (functions/README.md, "ingest/"). */
export interface S3SinkArgs {
    type: "s3";
    /**
     * The bucket to write to.
     * @default - a private bucket the component creates (SSE-S3, TLS only, public access blocked, objects kept
     * until you delete them, incomplete multipart uploads aborted after 7 days)
     * @example { bucketName: lake.bucket, bucketArn: lake.arn }
     */
    bucket?: IngestionBucketArgs;
    /**
     * Key prefix of every object (`<prefix>/year=YYYY/month=MM/day=DD/hour=HH/...`): non-empty, no leading or
     * trailing `/`, no `*`, `?` or `${` (it scopes the function's policy, where those are wildcards and policy
     * variables), at most 700 bytes (it starts every key).
     * @default "readings"
     */
    prefix?: string;
    /**
     * `record`: one object per reading. `batch`: one NDJSON object per run of an hour in an invocation (about
     * a hundredth of the PUT requests at batch size 100, and files of a useful size for Athena).
     * @default "record"
     */
    layout?: "record" | "batch";
}

/** Readings as items of a DynamoDB table keyed `deviceId` (S) + `timestamp` (S). */
export interface DynamoDbSinkArgs {
    type: "dynamodb";
    /**
     * The table: its partition key must be `deviceId` (S) and its sort key `timestamp` (S), the reading's identity.
     * @default - a table the component creates with those keys, on-demand, point-in-time recovery on
     * @example readings
     */
    table?: Table;
}

export type IngestionSinkArgs = S3SinkArgs | DynamoDbSinkArgs;

/** The ingest function's settings (its code is functions/ingest; the component sets its environment and statements). */
export interface IngestFunctionArgs {
    /**
     * The handler's file, relative to the working directory: this repository's functions/ingest, or a copy.
     * @default "functions/ingest/index.ts"
     */
    entry?: string;
    /**
     * Memory in MiB (128–10240).
     * @default 256
     */
    memoryMiB?: number;
    /**
     * Seconds one batch may take (15–900). The function starts no write with less than 5 seconds left and
     * reports the rest, so a slow sink never fails a whole batch by timing out.
     * @default 60
     */
    timeoutSeconds?: number;
    /** The instruction set. @default - LambdaFunction's ("arm64") */
    architecture?: LambdaFunctionArgs["architecture"];
    /** Days CloudWatch keeps the function's logs. @default - LambdaFunction's (30) */
    logRetentionDays?: number;
    /**
     * Concurrency reserved for the function: at most `parallelizationFactor` × shards invocations run at once.
     * @default - unreserved
     */
    reservedConcurrency?: number;
}

export interface KinesisIngestionArgs {
    /**
     * The data stream read: a DataStream the component creates (its args), or `{ existing }`.
     * @default {}
     * @example { capacity: { shards: 2 }, retentionHours: 48 }
     */
    stream?: DataStreamArgs | ExistingStreamArgs;
    /**
     * Where valid readings go.
     * @example { type: "s3", prefix: "readings", layout: "batch" }
     */
    sink: IngestionSinkArgs;
    /**
     * The ingest function's settings.
     * @default { entry: "functions/ingest/index.ts", memoryMiB: 256, timeoutSeconds: 60 }
     * @example { memoryMiB: 512, reservedConcurrency: 10 }
     */
    function?: IngestFunctionArgs;
    /** Records per batch (1–10000), passed to StreamConsumer. @default - StreamConsumer's (100) */
    batchSize?: number;
    /** Seconds Lambda may wait to fill a batch (0–300). @default - StreamConsumer's (0) */
    maximumBatchingWindowSeconds?: number;
    /** Batches processed at once per shard (1–10). @default - StreamConsumer's (1) */
    parallelizationFactor?: number;
    /** Split a failing batch in two and retry each half. @default - StreamConsumer's (true) */
    bisectBatchOnFunctionError?: boolean;
    /** Retries of a failed batch (0–10000, or -1) before it goes to `onFailure`. @default - StreamConsumer's (10) */
    maximumRetryAttempts?: number;
    /** Records older than this (60–604800 seconds, or -1) go to `onFailure` unprocessed. @default - StreamConsumer's (3600) */
    maximumRecordAgeSeconds?: number;
    /**
     * Where a new mapping starts reading: `LATEST` or `TRIM_HORIZON`. Read only when the mapping is created: a change
     * replaces the mapping, and Lambda refuses a second mapping of the same stream and function
     * (ResourceConflictException) while Pulumi still holds the old one, so make that update with
     * `transform.consumer.mapping: (args, opts) => { opts.deleteBeforeReplace = true; }` (records arriving between the
     * two mappings are then read only from TRIM_HORIZON).
     * @default - StreamConsumer's ("LATEST")
     */
    startingPosition?: StreamConsumerArgs["startingPosition"];
    /**
     * Read through an enhanced fan-out consumer of its own (2 MB/s per shard, ~70 ms) instead of sharing the
     * shard's read throughput with the stream's other readers.
     * @default false
     */
    enhancedFanOut?: boolean;
    /**
     * Where a batch goes when retries or record age are spent (a record of it: the data stays in the stream
     * for its retention).
     * @default - an SQS queue the component creates (SSE-SQS, 14 days retention); the function's role may send to it
     * @example { type: "sns", arn: alerts.arn }
     */
    onFailure?: StreamOnFailureArgs;
    /**
     * Pulumi-side protection of the data: the stream, the bucket or table the component creates get `protect`
     * and `retainOnDelete` (the table also DynamoDB's deletion protection). Without it the bucket is
     * force-destroyed: `pulumi destroy` deletes the readings with it.
     * @default false
     */
    protectData?: boolean;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `bucket` (the bucket the component creates, by role), `table`
     * (the Table's own transforms), `failureQueue`, `failureQueuePolicy`, `function` (LambdaFunction's transforms), `consumer`
     * (StreamConsumer's: `policy`, `mapping`, `consumer`). The stream's through `stream.transform`.
     * @default {}
     */
    transform?: {
        bucket?: PrivateBucketTransforms;
        table?: TableArgs["transform"];
        failureQueue?: Transform<sqs.QueueArgs>;
        failureQueuePolicy?: Transform<sqs.QueuePolicyArgs>;
        function?: LambdaFunctionArgs["transform"];
        consumer?: StreamConsumerArgs["transform"];
    };
}
