import type { DataStreamArgs } from "../data-stream/args";
import type { StreamOnFailureArgs } from "../stream-consumer/args";
import type { Table } from "../table/table";
import type { ExistingStreamArgs, IngestFunctionArgs, IngestionBucketArgs, KinesisIngestionArgs } from "./args";

/** The one source of KinesisIngestion's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    KinesisIngestionArgs: {
        stream: {} as DataStreamArgs | ExistingStreamArgs,
        // 60 s: a batch of 100 sequential writes takes a second or two; the rest is headroom for SDK retries.
        function: { entry: "functions/ingest/index.ts", memoryMiB: 256, timeoutSeconds: 60 } as IngestFunctionArgs,
        enhancedFanOut: false,
        protectData: false,
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<KinesisIngestionArgs["transform"]>,
    },
    S3SinkArgs: { prefix: "readings", layout: "record" as "record" | "batch" },
    /** SQS's longest retention: the failure records outlive the stream's default 24 hours by far. */
    failureQueueRetentionSeconds: 14 * 86_400,
};

export type ResolvedSink = { type: "s3"; bucket?: IngestionBucketArgs; prefix: string; layout: "record" | "batch" } | { type: "dynamodb"; table?: Table };

/** The StreamConsumer arguments passed through as given (its validation, its defaults). */
export const PASSED_TO_STREAM_CONSUMER = [
    "batchSize",
    "maximumBatchingWindowSeconds",
    "parallelizationFactor",
    "bisectBatchOnFunctionError",
    "maximumRetryAttempts",
    "maximumRecordAgeSeconds",
    "startingPosition",
] as const;

export interface ResolvedKinesisIngestion {
    stream: DataStreamArgs | ExistingStreamArgs;
    sink: ResolvedSink;
    function: IngestFunctionArgs & { entry: string; memoryMiB: number; timeoutSeconds: number };
    passed: Pick<KinesisIngestionArgs, (typeof PASSED_TO_STREAM_CONSUMER)[number]>;
    enhancedFanOut: boolean;
    /** Undefined: the component creates the failure queue. */
    onFailure?: StreamOnFailureArgs;
    protectData: boolean;
    tags: Record<string, string>;
    transform: NonNullable<KinesisIngestionArgs["transform"]>;
}

export function isExisting(stream: DataStreamArgs | ExistingStreamArgs): stream is ExistingStreamArgs {
    return typeof stream === "object" && stream !== null && "existing" in stream;
}

/** Fills every default. Call after the shape check. StreamConsumer and LambdaFunction fill their own. */
export function normalize(args: KinesisIngestionArgs): ResolvedKinesisIngestion {
    const d = DEFAULTS.KinesisIngestionArgs;
    const f = args.function ?? {};
    const sink: ResolvedSink =
        args.sink.type === "s3"
            ? {
                  type: "s3",
                  bucket: args.sink.bucket,
                  prefix: args.sink.prefix ?? DEFAULTS.S3SinkArgs.prefix,
                  layout: args.sink.layout ?? DEFAULTS.S3SinkArgs.layout,
              }
            : { type: args.sink.type, table: args.sink.table };
    const passed = Object.fromEntries(PASSED_TO_STREAM_CONSUMER.filter((k) => args[k] !== undefined).map((k) => [k, args[k]]));
    return {
        stream: args.stream ?? d.stream,
        sink,
        function: {
            ...f,
            entry: f.entry ?? d.function.entry!,
            memoryMiB: f.memoryMiB ?? d.function.memoryMiB!,
            timeoutSeconds: f.timeoutSeconds ?? d.function.timeoutSeconds!,
        },
        passed,
        enhancedFanOut: args.enhancedFanOut ?? d.enhancedFanOut,
        onFailure: args.onFailure,
        protectData: args.protectData ?? d.protectData,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
