import { Issue, Issues } from "../shared/errors";
import { array, boolean, checkShape, input, int, object, optional, record, string, transform, union } from "../shared/shape";
import { checkKmsKeyArn, checkTags } from "../shared/validators";
import type { DataStreamArgs, ProvisionedCapacity } from "./args";
import { normalize } from "./defaults";

/**
 * Kinesis Data Streams' limits (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html;
 * terraform-provider-aws internal/service/kinesis/stream.go: retention_period IntBetween(24, 8760)).
 */
export const DATA_STREAM_LIMITS = {
    /** 1 to AWS's default shard quota in us-east-1, us-west-2 and eu-west-1 (200 elsewhere); raisable in Service Quotas. */
    shards: [1, 500],
    retentionHours: [24, 8760],
} as const;

/**
 * The enhanced metrics EnableEnhancedMonitoring accepts (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_EnableEnhancedMonitoring.html),
 * without its shorthand "ALL": AWS then reports the metrics it enabled one by one, the provider stores that list
 * (terraform-provider-aws internal/service/kinesis/stream.go, resourceStreamRead), and every later `up` would disable
 * and re-enable them (pulumi-aws's kinesis.Stream doc: "the value ALL should not be used; instead you should provide an
 * explicit list"). All seven is the same thing, without the drift.
 */
export const SHARD_LEVEL_METRICS = [
    "IncomingBytes",
    "IncomingRecords",
    "OutgoingBytes",
    "OutgoingRecords",
    "WriteProvisionedThroughputExceeded",
    "ReadProvisionedThroughputExceeded",
    "IteratorAgeMilliseconds",
] as const;

export const DATA_STREAM_SHAPE = object<DataStreamArgs>()({
    capacity: optional(union('"on-demand" or { shards }', string(), object<ProvisionedCapacity>()({ shards: int() }))),
    retentionHours: optional(int()),
    encryption: optional(union('"aws-managed" or { kmsKeyArn }', string(), object<{ kmsKeyArn: string }>()({ kmsKeyArn: input(string()) }))),
    shardLevelMetrics: optional(array(string())),
    protectData: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(object<NonNullable<DataStreamArgs["transform"]>>()({ stream: optional(transform()) })),
});

/** A DataStream's args: shape first, then `normalize`, then the value rules on the resolved values. */
export function validate(args: DataStreamArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, DATA_STREAM_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    if (typeof cfg.capacity === "string") issues.oneOf("capacity", cfg.capacity, ["on-demand"]);
    else if (!Number.isInteger(cfg.capacity.shards) || cfg.capacity.shards < DATA_STREAM_LIMITS.shards[0])
        issues.add("capacity.shards", cfg.capacity.shards, "is out of range", "an integer of at least 1");
    else if (cfg.capacity.shards > DATA_STREAM_LIMITS.shards[1])
        issues.add(
            "capacity.shards",
            cfg.capacity.shards,
            "is above AWS's default shard quota per account",
            `at most ${DATA_STREAM_LIMITS.shards[1]} (200 outside us-east-1, us-west-2 and eu-west-1); raise the quota in Service Quotas, then use transform.stream for more`,
        );
    issues.int("retentionHours", cfg.retentionHours, ...DATA_STREAM_LIMITS.retentionHours, " hours");
    if (typeof cfg.encryption === "string") issues.oneOf("encryption", cfg.encryption, ["aws-managed"]);
    else checkKmsKeyArn(issues, "encryption.kmsKeyArn", cfg.encryption.kmsKeyArn);
    checkMetrics(issues, cfg.shardLevelMetrics);
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}

function checkMetrics(issues: Issues, metrics: string[]): void {
    const seen = new Set<string>();
    for (const [i, m] of metrics.entries()) {
        if (m === "ALL")
            issues.add(
                `shardLevelMetrics[${i}]`,
                m,
                "drifts: AWS reports the metrics it enables one by one, so every update would re-apply them",
                `the metrics you want, or all of ${SHARD_LEVEL_METRICS.join(", ")}`,
            );
        else issues.oneOf(`shardLevelMetrics[${i}]`, m, SHARD_LEVEL_METRICS);
        if (seen.has(m)) issues.add(`shardLevelMetrics[${i}]`, m, "is listed twice", "each metric once");
        seen.add(m);
    }
}
