import type * as kinesis from "@pulumi/aws/kinesis";
import type * as pulumi from "@pulumi/pulumi";
import type { Transform } from "../shared/transform";

/** Provisioned capacity: a fixed number of shards, each 1 MB/s (1,000 records/s) in and 2 MB/s out. */
export interface ProvisionedCapacity {
    /**
     * Shards (1–500). 500 is AWS's default shard quota per account in us-east-1, us-west-2 and eu-west-1
     * (200 in other Regions): raise the quota in Service Quotas before asking for more
     * (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html). A change is one
     * UpdateShardCount (terraform-provider-aws kinesis/stream.go makes a single call), which AWS refuses beyond double
     * or half the current count: a larger change fails the `up`, so step it over several. Switching from on-demand
     * first keeps the stream's current shard count, then resizes under the same rule.
     */
    shards: number;
}

/** Server-side encryption of the stream's records at rest: always on. */
export type DataStreamEncryption =
    /** The AWS managed key `alias/aws/kinesis`: free, nothing to grant to producers or consumers. */
    | "aws-managed"
    /**
     * Your customer managed key (its ARN): producers need `kms:GenerateDataKey` and consumers
     * `kms:Decrypt` on it (`producerStatements()` and `StreamConsumer` grant them, through Kinesis only).
     */
    | { kmsKeyArn: pulumi.Input<string> };

export interface DataStreamArgs {
    /**
     * `on-demand` (no shards to size: starts at 4 MB/s in and scales with traffic, at most 50 on-demand
     * streams per account by default) or `{ shards }` (provisioned). Switching mode is an update
     * (UpdateStreamMode), allowed twice in 24 hours.
     * @default "on-demand"
     * @example { shards: 2 }
     */
    capacity?: "on-demand" | ProvisionedCapacity;
    /**
     * Hours the stream keeps each record: 24 to 8760 (365 days). Above 24 hours is billed per shard-hour
     * (provisioned) or per GB-month (on-demand).
     * @default 24
     */
    retentionHours?: number;
    /**
     * The KMS key that encrypts records at rest (never off).
     * @default "aws-managed"
     * @example { kmsKeyArn: key.arn }
     */
    encryption?: DataStreamEncryption;
    /**
     * Enhanced (shard-level) CloudWatch metrics, each billed as a custom metric per shard: any of
     * `IncomingBytes`, `IncomingRecords`, `OutgoingBytes`, `OutgoingRecords`,
     * `WriteProvisionedThroughputExceeded`, `ReadProvisionedThroughputExceeded`, `IteratorAgeMilliseconds`
     * (https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html). Not AWS's `ALL`: AWS reports
     * it back as the seven names, so every `up` would re-apply it (list the seven instead).
     * @default []
     * @example ["IncomingBytes", "IteratorAgeMilliseconds"]
     */
    shardLevelMetrics?: string[];
    /**
     * Pulumi-side protection of the records: the stream gets `protect` (no destroy or replace without
     * unprotecting) and `retainOnDelete` (leaving the stack leaves it in AWS).
     * @default false
     */
    protectData?: boolean;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `stream` (the Kinesis data stream).
     * @default {}
     */
    transform?: {
        stream?: Transform<kinesis.StreamArgs>;
    };
}
