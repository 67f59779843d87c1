/**
 * The Kinesis ingest handler: decodes each record, writes the valid readings to S3 or DynamoDB and reports partial batch
 * failures. https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 *
 * Two kinds of failure, handled differently:
 * - A **malformed** record (bad base64, not UTF-8, not JSON, outside the schema) will fail the same way on every retry.
 *   Reporting it would make Lambda retry the shard from it until `MaximumRetryAttempts` or `MaximumRecordAgeInSeconds`
 *   runs out (forever with Lambda's own defaults of -1; StreamConsumer sets 10 retries and 1 hour), holding back every
 *   later record of the shard. It is logged (`record skipped`: sequence number, shard, reason; never the payload) and
 *   counted as done; the data stays in the stream for its retention period if it must be recovered.
 * - A **write** that fails (throttling, network, a denied or missing bucket or table) may succeed later: that record is
 *   reported and the batch stops there. Lambda checkpoints the records before it and retries from it; writing the records
 *   after it would be wasted, since they are sent again anyway.
 * Records are written one after another, in the shard's order, so the reported one is always the lowest not written
 * (in the S3 `batch` layout, the first record of the run whose object failed).
 * Writes are idempotent, so the replays at-least-once delivery brings do no harm: the S3 key is the record's own, or
 * its run's first record's (a replay overwrites the same object), the DynamoDB put is conditional on the item's absence.
 */
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "../shared/dynamo";
import type { Logger } from "../shared/log";
import {
    type BatchResponse,
    type Config,
    DEFAULTS,
    type KinesisEvent,
    type S3Layout,
    type Valid,
    batchKey,
    decodeRecord,
    hasTimeFor,
    objectKey,
    runsOf,
    shardOf,
    storedOf,
} from "./core";

/**
 * Writes one unit (a record, or a run of records in the `batch` layout) and says where; `duplicates` counts the readings
 * the sink already held (a replay, or for DynamoDB a producer's retry).
 */
export type Write = (unit: Valid[], signal?: AbortSignal) => Promise<{ target: string; duplicates: number }>;

/**
 * A PutObject per unit under its partition: `record` layout, the record's own key (a replay overwrites it); `batch`
 * layout, one NDJSON object per run named after its first record (see `batchKey`).
 */
export function s3Writer(s3: Pick<S3Client, "send">, bucket: string, prefix: string, layout: S3Layout = DEFAULTS.layout): Write {
    return async (unit, signal) => {
        const first = unit[0];
        const one = layout === "record";
        const Key = one ? objectKey(prefix, first.record, first.reading) : batchKey(prefix, first.record);
        const Body = one
            ? JSON.stringify(storedOf(first.record, first.reading))
            : unit.map((v) => `${JSON.stringify(storedOf(v.record, v.reading))}\n`).join("");
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body, ContentType: one ? "application/json" : "application/x-ndjson" }), {
            abortSignal: signal,
        });
        return { target: Key, duplicates: 0 };
    };
}

/**
 * A conditional PutItem keyed `deviceId` (partition) + `timestamp` (sort): the reading's own identity, not the record's,
 * so both Lambda's replays and a producer's retried `PutRecord` (a second record with a new sequence number) land on the
 * item already there, and the condition keeps the first. A false condition is that duplicate, not a failure.
 * (`BatchWriteItem` takes no condition, hence one PutItem per record.)
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
 */
export function dynamoWriter(db: Pick<DynamoDBDocumentClient, "send">, table: string): Write {
    return async (unit, signal) => {
        const { record, reading } = unit[0];
        const target = `${reading.deviceId}/${reading.timestamp}`;
        try {
            await db.send(new PutCommand({ TableName: table, Item: storedOf(record, reading), ConditionExpression: "attribute_not_exists(deviceId)" }), {
                abortSignal: signal,
            });
            return { target, duplicates: 0 };
        } catch (e) {
            if (isConditionFailure(e)) return { target, duplicates: 1 };
            throw e;
        }
    };
}

/**
 * One attempt's limits. The SDK sets none by default: a connection that hangs would hold the invocation until
 * Lambda's timeout, which fails the whole batch; bounded, the attempt fails, the SDK retries (3 attempts), and the
 * handler's time budget (core.ts `RESERVE_MS`) stops before the timeout and reports the rest. In the bundled
 * @smithy/node-http-handler, `requestTimeout` is the whole attempt, from sending to the response (`socketTimeout`
 * would be inactivity only), and without `throwOnRequestTimeout` it only logs a warning and keeps waiting (measured:
 * tests/functions/ingest/time-budget.test.ts). 5 s is far more than the largest write needs inside AWS: a `batch`
 * object is at most Lambda's 6 MB payload, a PutItem under 400 KB. These bound one attempt, not a write: the SDK's 3
 * attempts and their backoff take up to ~18 s, more than `RESERVE_MS`, so each write also gets the invocation's
 * deadline (`FINISH_MS` before the timeout) as its abort signal.
 */
export const CLIENT_SETTINGS = { requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true } };

export interface Deps {
    config: Config | { errors: string[] };
    write: Write;
    log: Logger;
    /** The clock the time budget reads (tests pass a fake one). */
    now?: () => number;
}

/** The part of Lambda's context the handler reads. */
export interface Context {
    getRemainingTimeInMillis(): number;
}

/**
 * Time kept after a write is aborted at the invocation's deadline: enough to log and return the partial batch response
 * before Lambda's timeout (a timeout fails the whole batch).
 */
export const FINISH_MS = 1_000;

const errorName = (e: unknown): string => (e as { name?: string } | null)?.name ?? "Error";

/** The units written: runs of a partition in the S3 `batch` layout, otherwise one record each. */
const unitsOf = (config: Config, valid: Valid[]): Valid[][] => (config.sink === "s3" && config.layout === "batch" ? runsOf(valid) : valid.map((v) => [v]));

export function createHandler({ config, write, log, now = Date.now }: Deps): (event: KinesisEvent, context?: Context) => Promise<BatchResponse> {
    return async (event, context) => {
        // A bad configuration fails the whole invocation before any record: the batch is retried once it is fixed.
        if ("errors" in config) throw new Error(`ingest configuration: ${config.errors.join("; ")}`);
        const records = event.Records ?? [];
        const valid: Valid[] = [];
        for (const [position, record] of records.entries()) {
            const decoded = decodeRecord(record);
            if (decoded.ok) valid.push({ record, reading: decoded.reading });
            else
                log.log("warn", "record skipped", {
                    sequenceNumber: record.kinesis?.sequenceNumber,
                    shardId: shardOf(record),
                    reason: decoded.reason,
                    position,
                    batchSize: records.length,
                });
        }
        const counts = { records: records.length, written: 0, skipped: records.length - valid.length, duplicates: 0 };
        let slowestMs = 0;
        for (const [i, unit] of unitsOf(config, valid).entries()) {
            // The unit's first record is the lowest not written: Lambda retries from it.
            const sequenceNumber = unit[0].record.kinesis.sequenceNumber;
            // Out of time: report the rest instead of letting Lambda's timeout fail the whole batch (which would replay
            // what is written, and bisect). The first unit always runs, so every invocation makes progress.
            if (i > 0 && context !== undefined && !hasTimeFor(context.getRemainingTimeInMillis(), slowestMs)) {
                log.log("warn", "time budget spent", { sequenceNumber, remainingMs: context.getRemainingTimeInMillis(), slowestMs });
                log.log("info", "batch", { ...counts, sink: config.sink, failed: sequenceNumber });
                return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
            }
            const started = now();
            // Whatever the SDK's retries would take, the write ends at the deadline; an aborted write is a failed one.
            const signal = context === undefined ? undefined : AbortSignal.timeout(Math.max(1, context.getRemainingTimeInMillis() - FINISH_MS));
            try {
                const out = await write(unit, signal);
                slowestMs = Math.max(slowestMs, now() - started);
                counts.written += unit.length;
                counts.duplicates += out.duplicates;
                log.log("debug", "written", { sequenceNumber, records: unit.length, target: out.target, duplicates: out.duplicates });
            } catch (e) {
                log.log("error", "record failed", { sequenceNumber, shardId: shardOf(unit[0].record), records: unit.length, error: errorName(e) });
                log.log("info", "batch", { ...counts, sink: config.sink, failed: sequenceNumber });
                return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
            }
        }
        log.log("info", "batch", { ...counts, sink: config.sink });
        return { batchItemFailures: [] };
    };
}
