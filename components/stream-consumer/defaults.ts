import type { FilterPattern, StreamConsumerArgs, StreamOnFailureArgs, StreamSource } from "./args";
import type { FunctionTarget } from "../shared/function-target";

/**
 * The one source of StreamConsumer's default values (the `@default` tags in args.ts agree; a test checks).
 * Lambda's own defaults retry a failing batch forever (-1, -1) and so block its shard until the records
 * expire; these bound it: ten retries, an hour of age, the bad record isolated by bisection, then the
 * batch goes to `onFailure` (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
 */
export const DEFAULTS = {
    StreamConsumerArgs: {
        batchSize: 100,
        maximumBatchingWindowSeconds: 0,
        startingPosition: "LATEST" as "LATEST" | "TRIM_HORIZON",
        bisectBatchOnFunctionError: true,
        maximumRetryAttempts: 10,
        maximumRecordAgeSeconds: 3600,
        parallelizationFactor: 1,
        reportBatchItemFailures: true,
        filters: [] as FilterPattern[],
        enabled: true,
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<StreamConsumerArgs["transform"]>,
    },
};

export interface ResolvedStreamConsumer {
    source: StreamSource;
    function: FunctionTarget;
    batchSize: number;
    maximumBatchingWindowSeconds: number;
    startingPosition: "LATEST" | "TRIM_HORIZON";
    bisectBatchOnFunctionError: boolean;
    maximumRetryAttempts: number;
    maximumRecordAgeSeconds: number;
    onFailure?: StreamOnFailureArgs;
    parallelizationFactor: number;
    tumblingWindowSeconds?: number;
    reportBatchItemFailures: boolean;
    filters: FilterPattern[];
    enabled: boolean;
    tags: Record<string, string>;
    transform: NonNullable<StreamConsumerArgs["transform"]>;
}

/** Fills every default. Call after the shape check. */
export function normalize(args: StreamConsumerArgs): ResolvedStreamConsumer {
    const d = DEFAULTS.StreamConsumerArgs;
    return {
        source: args.source,
        function: args.function,
        batchSize: args.batchSize ?? d.batchSize,
        maximumBatchingWindowSeconds: args.maximumBatchingWindowSeconds ?? d.maximumBatchingWindowSeconds,
        startingPosition: args.startingPosition ?? d.startingPosition,
        bisectBatchOnFunctionError: args.bisectBatchOnFunctionError ?? d.bisectBatchOnFunctionError,
        maximumRetryAttempts: args.maximumRetryAttempts ?? d.maximumRetryAttempts,
        maximumRecordAgeSeconds: args.maximumRecordAgeSeconds ?? d.maximumRecordAgeSeconds,
        onFailure: args.onFailure,
        parallelizationFactor: args.parallelizationFactor ?? d.parallelizationFactor,
        tumblingWindowSeconds: args.tumblingWindowSeconds,
        reportBatchItemFailures: args.reportBatchItemFailures ?? d.reportBatchItemFailures,
        filters: args.filters ?? d.filters,
        enabled: args.enabled ?? d.enabled,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
