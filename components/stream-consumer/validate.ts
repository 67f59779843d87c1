import { Issues, isPlain } from "../shared/errors";
import { checkDestination } from "../shared/destinations";
import { FUNCTION_TARGET_SHAPE, checkFunctionTarget } from "../shared/function-target";
import { Shape, array, boolean, checkShape, custom, input, int, json, object, optional, record, string, transform } from "../shared/shape";
import { checkKmsKeyArn, checkTags } from "../shared/validators";
import { Table } from "../table/table";
import type { DynamoDbStreamSource, KinesisStreamSource, StreamConsumerArgs, StreamOnFailureArgs } from "./args";
import { ResolvedStreamConsumer, normalize } from "./defaults";

/**
 * Lambda's ranges for DynamoDB and Kinesis event source mappings
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html; terraform-provider-aws
 * internal/service/lambda/event_source_mapping.go validators: retries -1..10000, age -1 or 60..604800,
 * parallelization 1..10, tumbling window 0..900, filter patterns at most 4096 characters).
 */
export const STREAM_LIMITS = {
    batchSize: [1, 10_000],
    maximumBatchingWindowSeconds: [0, 300],
    maximumRetryAttempts: [0, 10_000],
    maximumRecordAgeSeconds: [60, 604_800],
    parallelizationFactor: [1, 10],
    tumblingWindowSeconds: [1, 900],
    /** Lambda's default quota of filters per mapping (raisable to 10). */
    filters: 5,
    filterPatternChars: 4096,
} as const;

const DYNAMODB_STREAM_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[a-zA-Z0-9_.-]{3,255}\/stream\/[0-9A-Za-z:.T-]+$/;
const KINESIS_STREAM_ARN = /^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[a-zA-Z0-9_.-]{1,128}$/;

const SOURCE_SHAPE: Shape = custom("object", '{ type: "dynamodb", table | streamArn } or { type: "kinesis", streamArn, consumer? }', (issues, path, value) => {
    const type = (value as { type?: unknown }).type;
    if (type === "dynamodb")
        checkShape(
            issues,
            object<DynamoDbStreamSource>()({
                type: string(),
                table: optional(
                    custom("other", "a Table", (i, p, v) => {
                        if (!(v instanceof Table)) i.add(p, "(a class instance)", "is not a Table", "a Table with streamViewType");
                    }),
                ),
                streamArn: optional(input(string())),
                kmsKeyArn: optional(input(string())),
            }),
            value,
            path,
        );
    else if (type === "kinesis")
        checkShape(
            issues,
            object<KinesisStreamSource>()({
                type: string(),
                streamArn: input(string()),
                consumer: optional(string()),
                kmsKeyArn: optional(input(string())),
            }),
            value,
            path,
        );
    else issues.add(`${path}.type`, type, "is not supported", '"dynamodb", "kinesis"');
});

export const STREAM_CONSUMER_SHAPE = object<StreamConsumerArgs>()({
    source: SOURCE_SHAPE,
    function: FUNCTION_TARGET_SHAPE,
    batchSize: optional(int()),
    maximumBatchingWindowSeconds: optional(int()),
    startingPosition: optional(string()),
    bisectBatchOnFunctionError: optional(boolean()),
    maximumRetryAttempts: optional(int()),
    maximumRecordAgeSeconds: optional(int()),
    onFailure: optional(object<StreamOnFailureArgs>()({ type: string(), arn: input(string()), kmsKeyArn: optional(input(string())) })),
    parallelizationFactor: optional(int()),
    tumblingWindowSeconds: optional(int()),
    reportBatchItemFailures: optional(boolean()),
    filters: optional(array(record(json()))),
    enabled: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<StreamConsumerArgs["transform"]>>()({
            policy: optional(transform()),
            mapping: optional(transform()),
            consumer: optional(transform()),
        }),
    ),
});

/** A StreamConsumer's args: shape first, then `normalize`, then the value rules on the resolved values. */
export function validate(args: StreamConsumerArgs): Issues["list"] {
    const issues = new Issues();
    if (!checkShape(issues, STREAM_CONSUMER_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkSource(issues, cfg);
    checkFunctionTarget(issues, "function", cfg.function, true);
    const L = STREAM_LIMITS;
    issues.int("batchSize", cfg.batchSize, ...L.batchSize);
    issues.int("maximumBatchingWindowSeconds", cfg.maximumBatchingWindowSeconds, ...L.maximumBatchingWindowSeconds, " seconds");
    issues.oneOf("startingPosition", cfg.startingPosition, ["LATEST", "TRIM_HORIZON"]);
    if (cfg.maximumRetryAttempts !== -1)
        issues.int("maximumRetryAttempts", cfg.maximumRetryAttempts, ...L.maximumRetryAttempts, " (or -1: until the records expire)");
    if (cfg.maximumRecordAgeSeconds !== -1)
        issues.int("maximumRecordAgeSeconds", cfg.maximumRecordAgeSeconds, ...L.maximumRecordAgeSeconds, " seconds (or -1: no limit)");
    if (cfg.onFailure) checkDestination(issues, "onFailure", cfg.onFailure, ["sqs", "sns", "s3"]);
    issues.int("parallelizationFactor", cfg.parallelizationFactor, ...L.parallelizationFactor);
    issues.int("tumblingWindowSeconds", cfg.tumblingWindowSeconds, ...L.tumblingWindowSeconds, " seconds");
    checkFilters(issues, cfg);
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}

function checkSource(issues: Issues, cfg: ResolvedStreamConsumer): void {
    const source = cfg.source;
    if (source.type === "dynamodb") {
        if ((source.table === undefined) === (source.streamArn === undefined)) {
            issues.add(
                "source.table",
                source.table === undefined ? undefined : "(a Table)",
                source.table === undefined ? "is missing" : "is given with streamArn",
                "exactly one of table and streamArn",
            );
            return;
        }
        if (source.table !== undefined && source.table.streamArn === undefined)
            issues.add("source.table", "(a Table)", "has no stream", "a Table with streamViewType (NEW_AND_OLD_IMAGES for functions/stream)");
        if (source.table !== undefined && source.kmsKeyArn !== undefined)
            issues.add("source.kmsKeyArn", source.kmsKeyArn, "is given with table (a Table grants its own key)", "no kmsKeyArn with table");
        checkKmsKeyArn(issues, "source.kmsKeyArn", source.kmsKeyArn);
        if (isPlain(source.streamArn))
            issues.match(
                "source.streamArn",
                source.streamArn,
                DYNAMODB_STREAM_ARN,
                "a DynamoDB stream ARN, arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>",
            );
        return;
    }
    if (isPlain(source.streamArn))
        issues.match("source.streamArn", source.streamArn, KINESIS_STREAM_ARN, "a Kinesis data stream ARN, arn:aws:kinesis:<region>:<account>:stream/<name>");
    issues.oneOf("source.consumer", source.consumer, ["enhanced-fan-out"]);
    checkKmsKeyArn(issues, "source.kmsKeyArn", source.kmsKeyArn);
}

function checkFilters(issues: Issues, cfg: ResolvedStreamConsumer): void {
    if (cfg.filters.length > STREAM_LIMITS.filters)
        issues.add("filters", `(${cfg.filters.length} patterns)`, "has more patterns than Lambda allows by default", `at most ${STREAM_LIMITS.filters}`);
    cfg.filters.forEach((f, i) => {
        const text = JSON.stringify(f);
        if (Object.keys(f).length === 0) issues.add(`filters[${i}]`, f, "is empty (it would match every record)", "a pattern naming the fields to match");
        else if (text.length > STREAM_LIMITS.filterPatternChars)
            issues.add(`filters[${i}]`, `(${text.length} characters)`, "is too long", `at most ${STREAM_LIMITS.filterPatternChars} characters as JSON`);
        else checkPatternValues(issues, `filters[${i}]`, f);
    });
}

/**
 * Lambda's filter grammar (EventBridge's): every field maps to a nested pattern or to an array of
 * values to match; a bare value (`{ eventName: "INSERT" }`) makes CreateEventSourceMapping fail
 * ("must be an object or an array"). `$or` takes an array of patterns
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-syntax).
 */
function checkPatternValues(issues: Issues, path: string, pattern: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(pattern)) {
        const p = `${path}.${key}`;
        if (Array.isArray(value)) {
            if (key === "$or")
                value.forEach((v, j) => {
                    if (isPatternObject(v)) checkPatternValues(issues, `${p}[${j}]`, v);
                    else issues.add(`${p}[${j}]`, v, "is not a pattern", "an object pattern in each $or entry");
                });
        } else if (isPatternObject(value)) checkPatternValues(issues, p, value);
        else issues.add(p, value, "must be an object or an array (Lambda refuses a bare value)", `[${JSON.stringify(value)}] to match that value`);
    }
}

function isPatternObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
