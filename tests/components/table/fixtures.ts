import type { TableArgs } from "../../../components/table/args";

export const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The smallest valid table (partition key `pk`, on-demand), with `over` laid on top. */
export function base(over: Partial<TableArgs> = {}): TableArgs {
    return { attributes: { pk: "S" }, partitionKey: "pk", ...over };
}

/** `base` in provisioned mode with 5 read and 5 write units. */
export function provisioned(over: Partial<TableArgs> = {}): TableArgs {
    return base({ billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5, ...over });
}

export const TABLE = "aws:dynamodb/table:Table";
export const TARGET = "aws:appautoscaling/target:Target";
export const POLICY = "aws:appautoscaling/policy:Policy";
export const STREAM = "aws:kinesis/stream:Stream";
export const DESTINATION = "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination";
export const REPLICA = "aws:dynamodb/tableReplica:TableReplica";
