/**
 * The Kinesis ingest handler: decodes each record, writes the valid readings to S3 or DynamoDB and reports partial batch
 * failures. https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 *
 * Two kinds of failure, handled differently:
 * - A **malformed** record (bad base64, not UTF-8, not JSON, outside the schema) will fail the same way on every retry.
 *   Reporting it would make Lambda retry the shard from it until `MaximumRetryAttempts` or `MaximumRecordAgeInSeconds`
 *   runs out (forever with the mapping's defaults of -1), holding back every later record of the shard. It is logged
 *   (`record skipped`: sequence number, shard, reason; never the payload) and counted as done; the data stays in the
 *   stream for its retention period if it must be recovered.
 * - A **write** that fails (throttling, network, a denied or missing bucket or table) may succeed later: that record is
 *   reported and the batch stops there. Lambda checkpoints the records before it and retries from it; writing the records
 *   after it would be wasted, since they are sent again anyway.
 * Records are written one after another, in the shard's order, so the reported one is always the lowest not written.
 * Writes are idempotent, so the replays at-least-once delivery brings do no harm: the S3 key is the record's own
 * (a replay overwrites the same object), the DynamoDB put is conditional on the item's absence.
 */
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "../shared/dynamo";
import type { Logger } from "../shared/log";
import { type BatchResponse, type Config, type KinesisEvent, type KinesisRecord, type Reading, decodeRecord, objectKey, shardOf, storedOf } from "./core";

/** One reading written; `duplicate` when the sink already held it (a replay, or a producer's retry for DynamoDB). */
export type Write = (record: KinesisRecord, reading: Reading) => Promise<{ target: string; duplicate: boolean }>;

/** A PutObject per record under its partition; the key is the record's own, so a replay overwrites it. */
export function s3Writer(s3: Pick<S3Client, "send">, bucket: string, prefix: string): Write {
    return async (record, reading) => {
        const Key = objectKey(prefix, record, reading);
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: JSON.stringify(storedOf(record, reading)), ContentType: "application/json" }));
        return { target: Key, duplicate: false };
    };
}

/**
 * A conditional PutItem keyed `deviceId` (partition) + `timestamp` (sort): the reading's own identity, not the record's,
 * so both Lambda's replays and a producer's retried `PutRecord` (a second record with a new sequence number) land on the
 * item already there, and the condition keeps the first. A false condition is that duplicate, not a failure.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
 */
export function dynamoWriter(db: Pick<DynamoDBDocumentClient, "send">, table: string): Write {
    return async (record, reading) => {
        const target = `${reading.deviceId}/${reading.timestamp}`;
        try {
            await db.send(new PutCommand({ TableName: table, Item: storedOf(record, reading), ConditionExpression: "attribute_not_exists(deviceId)" }));
            return { target, duplicate: false };
        } catch (e) {
            if (isConditionFailure(e)) return { target, duplicate: true };
            throw e;
        }
    };
}

export interface Deps {
    config: Config | { errors: string[] };
    write: Write;
    log: Logger;
}

const errorName = (e: unknown): string => (e as { name?: string } | null)?.name ?? "Error";

export function createHandler({ config, write, log }: Deps): (event: KinesisEvent) => Promise<BatchResponse> {
    return async (event) => {
        // A bad configuration fails the whole invocation before any record: the batch is retried once it is fixed.
        if ("errors" in config) throw new Error(`ingest configuration: ${config.errors.join("; ")}`);
        const records = event.Records ?? [];
        let written = 0;
        let skipped = 0;
        let duplicates = 0;
        for (const [position, record] of records.entries()) {
            const sequenceNumber = record.kinesis?.sequenceNumber ?? "";
            const decoded = decodeRecord(record);
            if (!decoded.ok) {
                skipped++;
                log.log("warn", "record skipped", { sequenceNumber, shardId: shardOf(record), reason: decoded.reason, position, batchSize: records.length });
                continue;
            }
            try {
                const out = await write(record, decoded.reading);
                written++;
                if (out.duplicate) duplicates++;
                log.log("debug", "record written", { sequenceNumber, target: out.target, duplicate: out.duplicate });
            } catch (e) {
                log.log("error", "record failed", { sequenceNumber, shardId: shardOf(record), error: errorName(e), position, batchSize: records.length });
                log.log("info", "batch", { records: records.length, written, skipped, duplicates, failedAt: position });
                return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
            }
        }
        log.log("info", "batch", { records: records.length, written, skipped, duplicates, sink: config.sink });
        return { batchItemFailures: [] };
    };
}
