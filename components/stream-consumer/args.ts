import type * as iam from "@pulumi/aws/iam";
import type * as kinesis from "@pulumi/aws/kinesis";
import type * as lambda from "@pulumi/aws/lambda";
import type * as pulumi from "@pulumi/pulumi";
import type { FunctionTarget } from "../shared/function-target";
import type { Transform } from "../shared/transform";
import type { Table } from "../table/table";

/**
 * A DynamoDB stream: give the `Table` (its `streamReadStatements()` grant the read, with its key when it
 * has a customer managed one) or a stream's ARN (the four read actions on that ARN).
 */
export interface DynamoDbStreamSource {
    type: "dynamodb";
    /**
     * The table whose stream is read; it must have `streamViewType`. Exactly one of `table` and `streamArn`.
     * @default - none; give `table` or `streamArn`
     * @example items
     */
    table?: Table;
    /**
     * A stream's ARN, `arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>`. Exactly one of `table` and `streamArn`.
     * @default - none; give `table` or `streamArn`
     */
    streamArn?: pulumi.Input<string>;
    /**
     * With `streamArn`: the table's customer managed KMS key, when it has one. Stream records are
     * encrypted with the table's key, so the role may then use it (`kms:Decrypt`, `kms:DescribeKey`)
     * through DynamoDB only. A `Table` grants its own key: not with `table`.
     * @default - the table uses an AWS owned or AWS managed key (nothing to grant)
     */
    kmsKeyArn?: pulumi.Input<string>;
}

/** A Kinesis data stream, read through shared throughput or an enhanced fan-out consumer of its own. */
export interface KinesisStreamSource {
    type: "kinesis";
    /** The data stream's ARN, `arn:aws:kinesis:<region>:<account>:stream/<name>`. */
    streamArn: pulumi.Input<string>;
    /**
     * `enhanced-fan-out` registers a stream consumer for this mapping: 2 MB/s per shard of its own and
     * ~70 ms delivery, instead of sharing the shard's 2 MB/s (and 5 reads/s) with every other reader.
     * @default - shared throughput (no consumer)
     */
    consumer?: "enhanced-fan-out";
    /**
     * The stream's customer managed KMS key, when its server-side encryption uses one: Lambda reads
     * with the function's role, which then needs `kms:Decrypt` on that key (through Kinesis only), or
     * every GetRecords fails with KMSAccessDeniedException
     * (https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html).
     * @default - unencrypted, or the AWS managed key `aws/kinesis` (nothing to grant)
     */
    kmsKeyArn?: pulumi.Input<string>;
}

export type StreamSource = DynamoDbStreamSource | KinesisStreamSource;

/** Where a batch goes when retries and record age are spent: a record of it (S3: the records themselves). */
export interface StreamOnFailureArgs {
    /**
     * `sqs` (standard queue) or `sns` (standard topic): invocation metadata, up to 256 KB; `s3` (bucket):
     * the metadata and the whole batch. Lambda accepts these three for DynamoDB and Kinesis sources
     * (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
     */
    type: "sqs" | "sns" | "s3";
    /** The destination's ARN (`arn:aws:s3:::<bucket>` for a bucket). */
    arn: pulumi.Input<string>;
    /**
     * The customer managed KMS key the queue, topic or bucket is encrypted with: the function's role
     * (which sends the record) then gets `kms:GenerateDataKey` and `kms:Decrypt` on it through that service.
     * @default - not encrypted with a customer managed key (nothing to grant)
     */
    kmsKeyArn?: pulumi.Input<string>;
}

/** One event filter (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html): records that match none are dropped unbilled. */
export type FilterPattern = Record<string, unknown>;

export interface StreamConsumerArgs {
    /**
     * The stream to read.
     * @example { type: "dynamodb", table: items }
     */
    source: StreamSource;
    /**
     * The function that processes the batches: a `LambdaFunction` (its alias when it has one), or
     * `{ functionArn, roleName }` for one created elsewhere. Its execution role gets the read permissions.
     * @example processor
     */
    function: FunctionTarget;
    /**
     * Records per batch (1–10000): Lambda invokes when the batch is full, the window ends, or the
     * payload reaches 6 MB.
     * @default 100
     */
    batchSize?: number;
    /**
     * Seconds Lambda may wait to fill a batch (0–300): fewer, fuller invocations for a little latency.
     * @default 0
     */
    maximumBatchingWindowSeconds?: number;
    /**
     * Where the mapping starts on a new shard: `LATEST` (records written from now on) or `TRIM_HORIZON`
     * (the oldest record still kept: 24 hours of a DynamoDB stream). Changing it replaces the mapping.
     * @default "LATEST"
     */
    startingPosition?: "LATEST" | "TRIM_HORIZON";
    /**
     * On a function error, split the batch in two and retry each half (not counted as a retry), so one
     * bad record ends up alone instead of failing its neighbours.
     * @default true
     */
    bisectBatchOnFunctionError?: boolean;
    /**
     * Retries of a failed batch before it is discarded (to `onFailure`): 0–10000, or -1 to retry until
     * the records expire, which blocks the shard meanwhile (a day on DynamoDB).
     * @default 10
     */
    maximumRetryAttempts?: number;
    /**
     * Records older than this many seconds are discarded (to `onFailure`) instead of processed:
     * 60–604800, or -1 for no limit (the stream's retention).
     * @default 3600
     */
    maximumRecordAgeSeconds?: number;
    /**
     * Where discarded batches are recorded. Without one, what retries and age discard is lost.
     * @default - discarded batches are dropped
     * @example { type: "sqs", arn: failures.arn }
     */
    onFailure?: StreamOnFailureArgs;
    /**
     * Batches processed at once per shard (1–10); records with the same partition key stay in order.
     * @default 1
     */
    parallelizationFactor?: number;
    /**
     * Seconds of a tumbling window (1–900): the function receives the window's state to aggregate
     * across batches.
     * @default - no window
     */
    tumblingWindowSeconds?: number;
    /**
     * Let the function report the records that failed (`{ batchItemFailures: [{ itemIdentifier }] }`):
     * Lambda then retries from the first failed record, not the whole batch. `functions/stream` answers
     * this way.
     * @default true
     */
    reportBatchItemFailures?: boolean;
    /**
     * Event filter patterns (at most 5, Lambda's default quota; each at most 4096 characters as JSON):
     * only records matching one of them invoke the function.
     * @default []
     * @example [{ eventName: ["INSERT", "MODIFY"] }]
     */
    filters?: FilterPattern[];
    /**
     * Whether the mapping polls. `false` pauses it: records wait in the stream (until they expire).
     * @default true
     */
    enabled?: boolean;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `policy` (the read policy on the function's role),
     * `mapping` (the event source mapping), `consumer` (the Kinesis enhanced fan-out consumer).
     * @default {}
     */
    transform?: {
        policy?: Transform<iam.RolePolicyArgs>;
        mapping?: Transform<lambda.EventSourceMappingArgs>;
        consumer?: Transform<kinesis.StreamConsumerArgs>;
    };
}
