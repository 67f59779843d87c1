/**
 * The Kinesis ingest function's pure core: the event shape Lambda delivers from a Kinesis data stream, the decoding and
 * validation of one record (base64 → UTF-8 → JSON → a device reading), the configuration read from the environment, and
 * the S3 key / DynamoDB item a valid reading becomes.
 * Event shape: "Using Lambda with Kinesis", example event, https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 */

/** The parts of a Kinesis record the function reads (Lambda event source mapping, `eventVersion` 1.0). */
export interface KinesisRecord {
    kinesis: {
        kinesisSchemaVersion?: string;
        partitionKey?: string;
        /** A decimal string of ~56 digits: beyond a double's precision, never parsed as a number. */
        sequenceNumber: string;
        /** The producer's bytes, base64-encoded by Lambda. */
        data: string;
        /** Epoch **seconds** with a fractional part (milliseconds), set by Kinesis on arrival. */
        approximateArrivalTimestamp: number;
    };
    eventSource?: string;
    eventVersion?: string;
    /** `<shardId>:<sequenceNumber>`. */
    eventID?: string;
    eventName?: string;
    invokeIdentityArn?: string;
    awsRegion?: string;
    eventSourceARN?: string;
}

export interface KinesisEvent {
    Records: KinesisRecord[];
}

/**
 * The partial batch response (the mapping needs `FunctionResponseTypes: ["ReportBatchItemFailures"]`). An empty list is
 * complete success; Lambda retries from the lowest reported sequence number.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 */
export interface BatchResponse {
    batchItemFailures: { itemIdentifier: string }[];
}

/**
 * The record schema: one device reading, a JSON object with exactly these fields.
 * - `deviceId`: 1..128 of `[A-Za-z0-9._-]`: it becomes part of an S3 key and a DynamoDB key, so no `/`, spaces or
 *   anything S3 would need to escape.
 * - `timestamp`: when the device measured, RFC 3339 with `Z` or an offset (`2026-11-26T12:00:00.000Z`), a real
 *   calendar date; stored normalised to UTC with milliseconds (`toISOString`), so it sorts as a string.
 * - `metrics`: 1..`MAX_METRICS` entries, names 1..64 of `[A-Za-z0-9_.-]` starting with a letter, values finite numbers.
 * Unknown fields are refused: a producer sending something else is a bug to see in the logs, not data to keep silently.
 */
export interface Reading {
    deviceId: string;
    timestamp: string;
    metrics: Record<string, number>;
}

export const MAX_METRICS = 50;
/** The largest payload decoded: Kinesis's default maximum record size (1 MiB before base64). */
export const MAX_DATA_BYTES = 1024 * 1024;

const DEVICE_ID = /^[A-Za-z0-9._-]{1,128}$/;
/** A letter first: no `__proto__` or other names a reader's `obj[name] = value` would treat specially. */
const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** Standard base64 (what Lambda sends), padded: `Buffer.from(s, "base64")` would silently skip anything else. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export type Decoded = { ok: true; reading: Reading } | { ok: false; reason: string };

/** A calendar date that exists (`Date.parse` turns 2026-02-30 into March 2nd) and a time within the day. */
function validTimestamp(value: string): string | undefined {
    const m = RFC3339.exec(value);
    if (m === null) return undefined;
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Checks a parsed JSON value against the schema; every problem named, field by field. */
export function validateReading(value: unknown): Decoded {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, reason: "not a JSON object" };
    const v = value as Record<string, unknown>;
    const problems: string[] = [];
    for (const k of Object.keys(v)) if (k !== "deviceId" && k !== "timestamp" && k !== "metrics") problems.push(`unknown field ${JSON.stringify(k)}`);
    if (typeof v.deviceId !== "string" || !DEVICE_ID.test(v.deviceId)) problems.push("deviceId must be 1..128 of [A-Za-z0-9._-]");
    const timestamp = typeof v.timestamp === "string" ? validTimestamp(v.timestamp) : undefined;
    if (timestamp === undefined) problems.push("timestamp must be an RFC 3339 date-time with Z or an offset");
    const metrics = v.metrics;
    if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) problems.push("metrics must be an object");
    else {
        const entries = Object.entries(metrics);
        if (entries.length < 1 || entries.length > MAX_METRICS) problems.push(`metrics must have 1..${MAX_METRICS} entries`);
        for (const [name, n] of entries) {
            if (!METRIC_NAME.test(name))
                problems.push(`metrics name ${JSON.stringify(name.slice(0, 64))} must be 1..64 of [A-Za-z0-9_.-], starting with a letter`);
            else if (typeof n !== "number" || !Number.isFinite(n)) problems.push(`metrics.${name} must be a finite number`);
        }
    }
    if (problems.length > 0) return { ok: false, reason: problems.join("; ") };
    return { ok: true, reading: { deviceId: v.deviceId as string, timestamp: timestamp as string, metrics: { ...(metrics as Record<string, number>) } } };
}

/** One record's data: base64 → bytes → UTF-8 (strict) → JSON → the schema. */
export function decodeRecord(record: KinesisRecord): Decoded {
    const arrival = record.kinesis?.approximateArrivalTimestamp;
    if (typeof arrival !== "number" || !Number.isFinite(arrival) || arrival < 0) return { ok: false, reason: "no approximateArrivalTimestamp" };
    const data = record.kinesis?.data;
    if (typeof data !== "string" || data.length === 0) return { ok: false, reason: "no data" };
    if (data.length > Math.ceil(MAX_DATA_BYTES / 3) * 4) return { ok: false, reason: `data over ${MAX_DATA_BYTES} bytes` };
    if (!BASE64.test(data)) return { ok: false, reason: "data is not base64" };
    let text: string;
    try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(data, "base64"));
    } catch {
        return { ok: false, reason: "data is not UTF-8" };
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return { ok: false, reason: "data is not JSON" };
    }
    return validateReading(parsed);
}

/** The shard of a record, from `eventID` (`shardId-000000000006:<sequenceNumber>`). */
export function shardOf(record: KinesisRecord): string | undefined {
    const id = record.eventID;
    if (id === undefined) return undefined;
    const colon = id.indexOf(":");
    return colon > 0 ? id.slice(0, colon) : undefined;
}

/**
 * `record`: one object per record (`.json`). `batch`: one object per run of consecutive records of the same partition
 * (hour) in an invocation (`.ndjson`, one reading a line): far fewer PUT requests (each costs the same whatever its
 * size) and files of a useful size for Athena, at the price of rewriting a run on replay (below).
 */
export type S3Layout = "record" | "batch";

export type Config = { sink: "s3"; bucket: string; prefix: string; layout: S3Layout } | { sink: "dynamodb"; table: string };

export const DEFAULTS = { prefix: "readings", layout: "record" } as const;

/**
 * The sink, from the environment: `SINK=s3` with `OUTPUT_BUCKET` (required), `OUTPUT_PREFIX` (default `readings`, no
 * leading or trailing `/`) and `S3_LAYOUT` (`record` or `batch`, default `record`), or `SINK=dynamodb` with `TABLE_NAME`
 * (required). Every problem is listed.
 */
export function readConfig(env: Record<string, string | undefined>): Config | { errors: string[] } {
    const sink = env.SINK;
    if (sink === "s3") {
        const errors: string[] = [];
        const bucket = env.OUTPUT_BUCKET ?? "";
        if (bucket.length === 0) errors.push("OUTPUT_BUCKET is required with SINK=s3");
        const prefix = env.OUTPUT_PREFIX ?? DEFAULTS.prefix;
        if (prefix.length === 0 || prefix.startsWith("/") || prefix.endsWith("/"))
            errors.push(`OUTPUT_PREFIX ${JSON.stringify(prefix)} must be non-empty, without a leading or trailing "/"`);
        const layout = env.S3_LAYOUT ?? DEFAULTS.layout;
        if (layout !== "record" && layout !== "batch") errors.push(`S3_LAYOUT ${JSON.stringify(layout)} must be "record" or "batch"`);
        return errors.length > 0 ? { errors } : { sink, bucket, prefix, layout: layout as S3Layout };
    }
    if (sink === "dynamodb") {
        const table = env.TABLE_NAME ?? "";
        return table.length === 0 ? { errors: ["TABLE_NAME is required with SINK=dynamodb"] } : { sink, table };
    }
    return { errors: [`SINK ${JSON.stringify(sink)} must be "s3" or "dynamodb"`] };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `year=YYYY/month=MM/day=DD/hour=HH` of the record's arrival time in UTC. */
export function partitionOf(record: KinesisRecord): string {
    const at = new Date(Math.floor(record.kinesis.approximateArrivalTimestamp * 1000));
    return `year=${at.getUTCFullYear()}/month=${pad(at.getUTCMonth() + 1)}/day=${pad(at.getUTCDate())}/hour=${pad(at.getUTCHours())}`;
}

/**
 * `<prefix>/year=YYYY/month=MM/day=DD/hour=HH/<deviceId>-<sequenceNumber>.json`, Hive-style partitions (Athena, Glue
 * and Spark read them as columns) from the record's **arrival** time in UTC: Kinesis's clock, so a device with a wrong
 * clock cannot create partitions in 1970 or 2099 (its own `timestamp` is in the object). The key depends on the record
 * only, so a replayed record overwrites its object instead of adding one.
 */
export function objectKey(prefix: string, record: KinesisRecord, reading: Reading): string {
    return `${prefix}/${partitionOf(record)}/${reading.deviceId}-${record.kinesis.sequenceNumber}.json`;
}

/**
 * The `batch` layout's key: `<prefix>/<partition>/<shardId>-<first sequenceNumber>.ndjson`, named after the run's first
 * record. Lambda retries from the reported record, which is the first of the run that failed, so the retry writes the
 * same key again (holding that run's records as the new batch has them) instead of a second object.
 */
export function batchKey(prefix: string, first: KinesisRecord): string {
    return `${prefix}/${partitionOf(first)}/${shardOf(first) ?? "shard"}-${first.kinesis.sequenceNumber}.ndjson`;
}

export interface Valid {
    record: KinesisRecord;
    reading: Reading;
}

/** Consecutive valid records of the same partition, in the batch's order (arrival order within a shard). */
export function runsOf(valid: Valid[]): Valid[][] {
    const runs: Valid[][] = [];
    let last: string | undefined;
    for (const v of valid) {
        const p = partitionOf(v.record);
        if (p === last) runs[runs.length - 1].push(v);
        else runs.push([v]);
        last = p;
    }
    return runs;
}

/** What is stored, in S3 (the object's JSON) and DynamoDB (the item): the reading and where it came from. */
export function storedOf(record: KinesisRecord, reading: Reading): Record<string, unknown> {
    return {
        ...reading,
        sequenceNumber: record.kinesis.sequenceNumber,
        shardId: shardOf(record),
        arrivedAt: new Date(Math.floor(record.kinesis.approximateArrivalTimestamp * 1000)).toISOString(),
    };
}

/**
 * Time kept back at the end of an invocation: no write starts with less left. The clients bound one attempt
 * (`CLIENT_SETTINGS` in api.ts) and the handler aborts a write at the invocation's deadline (`FINISH_MS`), so a
 * write that retries past it ends as a failed write, not as Lambda's timeout.
 */
export const RESERVE_MS = 5_000;

/** Whether to start another write: more time left than the reserve, and than twice the slowest write so far. */
export function hasTimeFor(remainingMs: number, slowestWriteMs: number): boolean {
    return remainingMs > Math.max(RESERVE_MS, 2 * slowestWriteMs);
}
