/**
 * The stream processor over DynamoDB: applies the records one after another (one record's writes concurrently) and
 * reports partial batch failures, so that one bad record does not replay the records before it. On the first failure it
 * stops: Lambda retries from the lowest reported sequence number, so later records would be sent again anyway, and
 * applying them before an earlier change of the same item would reorder that item's history (the version conditions
 * order one item's writes only if its records are applied in order).
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "../shared/dynamo";
import { requiredSetting } from "../shared/env";
import type { Logger } from "../shared/log";
import { type BatchResponse, type Change, type StreamEvent, plan } from "./core";

export interface Deps {
    db: DynamoDBDocumentClient;
    /** The tag index table: partition key `tag` (S), sort key `itemId` (S). */
    tableName: string | undefined;
    log: Logger;
}

/** A write the index already holds at this version or a later one: a replay, nothing to do. */
async function conditional(write: () => Promise<unknown>): Promise<boolean> {
    try {
        await write();
        return true;
    } catch (e) {
        if (isConditionFailure(e)) return false;
        throw e;
    }
}

/**
 * Runs `tasks` at most `limit` at a time and, if one fails, starts no more and throws the first error once those under
 * way have settled: the record is reported failed with no write of it still in flight.
 */
async function bounded<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
    const out: T[] = [];
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async () => {
        while (failure === undefined && next < tasks.length) {
            const i = next++;
            try {
                out[i] = await tasks[i]();
            } catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
    if (failure !== undefined) throw failure.error;
    return out;
}

/**
 * One record's writes touch distinct keys (a tag is put or removed, never both), so they run concurrently; records
 * stay one after another (see createProcessor). The items API allows 20 tags, so a record has at most 40 writes; the
 * bound keeps a record from another writer within the SDK's default 50 sockets.
 */
export const WRITES_IN_FLIGHT = 25;

async function apply(db: DynamoDBDocumentClient, table: string, c: Change): Promise<number> {
    const puts = c.put.map(
        ({ tag, name }) =>
            () =>
                conditional(() =>
                    db.send(
                        new PutCommand({
                            TableName: table,
                            Item: { tag, itemId: c.itemId, name, version: c.version },
                            ConditionExpression: "attribute_not_exists(itemId) OR version < :v",
                            ExpressionAttributeValues: { ":v": c.version },
                        }),
                    ),
                ),
    );
    // `<=`: a REMOVE carries the old image's version, the one its entries were written with (or an older one: a MODIFY
    // that kept a tag and its name does not rewrite the entry).
    const deletes = c.remove.map(
        (tag) => () =>
            conditional(() =>
                db.send(
                    new DeleteCommand({
                        TableName: table,
                        Key: { tag, itemId: c.itemId },
                        ConditionExpression: "attribute_not_exists(itemId) OR version <= :v",
                        ExpressionAttributeValues: { ":v": c.version },
                    }),
                ),
            ),
    );
    const done = await bounded([...puts, ...deletes], WRITES_IN_FLIGHT);
    return done.filter((d) => !d).length;
}

export function createProcessor({ db, tableName, log }: Deps): (event: StreamEvent) => Promise<BatchResponse> {
    const table = requiredSetting("TABLE_NAME", tableName);
    return async (event) => {
        const records = event.Records ?? [];
        for (const [i, record] of records.entries()) {
            const sequenceNumber = record.dynamodb?.SequenceNumber ?? "";
            const planned = plan(record);
            if (!planned.ok) {
                log.log("error", "record refused", { sequenceNumber, eventID: record.eventID, reason: planned.reason, position: i, batchSize: records.length });
                return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
            }
            const c = planned.change;
            try {
                const replayed = await apply(db, table(), c);
                // The audit line: one per change, ids and counts only. Tags are users' text: at debug only.
                log.log("info", "change", {
                    sequenceNumber,
                    eventName: c.eventName,
                    itemId: c.itemId,
                    version: c.version,
                    tagsPut: c.put.length,
                    tagsRemoved: c.remove.length,
                    expired: c.expired,
                    replayedWrites: replayed,
                });
                log.log("debug", "change tags", { sequenceNumber, tagsPut: c.put.map((p) => p.tag).join(","), tagsRemoved: c.remove.join(",") });
            } catch (e) {
                log.log("error", "record failed", {
                    sequenceNumber,
                    itemId: c.itemId,
                    error: (e as { name?: string } | null)?.name ?? "Error",
                    position: i,
                    batchSize: records.length,
                });
                return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
            }
        }
        return { batchItemFailures: [] };
    };
}
