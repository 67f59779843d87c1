/**
 * The stream processor over DynamoDB: applies each record's index writes in order and reports partial batch failures,
 * so that one bad record does not replay the records before it. On the first failure it stops: Lambda retries from the
 * lowest reported sequence number, so later records would be sent again anyway, and applying them before an earlier
 * change of the same item would reorder that item's history.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Logger } from "../shared/log";
import { type BatchResponse, type Change, type StreamEvent, plan } from "./core";

export interface Deps {
    db: DynamoDBDocumentClient;
    /** The tag index table: partition key `tag` (S), sort key `itemId` (S). */
    tableName: string | undefined;
    log: Logger;
}

const isConditionFailure = (e: unknown) => (e as { name?: string }).name === "ConditionalCheckFailedException";

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

async function apply(db: DynamoDBDocumentClient, table: string, c: Change): Promise<number> {
    let skipped = 0;
    for (const { tag, name } of c.put) {
        const done = await conditional(() =>
            db.send(
                new PutCommand({
                    TableName: table,
                    Item: { tag, itemId: c.itemId, name, version: c.version },
                    ConditionExpression: "attribute_not_exists(itemId) OR version < :v",
                    ExpressionAttributeValues: { ":v": c.version },
                }),
            ),
        );
        if (!done) skipped++;
    }
    for (const tag of c.remove) {
        // `<=`: a REMOVE carries the old image's version, the one its entries were written with.
        const done = await conditional(() =>
            db.send(
                new DeleteCommand({
                    TableName: table,
                    Key: { tag, itemId: c.itemId },
                    ConditionExpression: "attribute_not_exists(itemId) OR version <= :v",
                    ExpressionAttributeValues: { ":v": c.version },
                }),
            ),
        );
        if (!done) skipped++;
    }
    return skipped;
}

export function createProcessor({ db, tableName, log }: Deps): (event: StreamEvent) => Promise<BatchResponse> {
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
                if (tableName === undefined || tableName.length === 0) throw new Error("TABLE_NAME is not set");
                const replayed = await apply(db, tableName, c);
                // The audit line: one per change, ids and tags only, never other attributes.
                log.log("info", "change", {
                    sequenceNumber,
                    eventName: c.eventName,
                    itemId: c.itemId,
                    version: c.version,
                    tagsPut: c.put.map((p) => p.tag).join(","),
                    tagsRemoved: c.remove.join(","),
                    expired: c.expired,
                    replayedWrites: replayed,
                });
            } catch (e) {
                log.log("error", "record failed", { sequenceNumber, itemId: c.itemId, error: (e as Error).name, position: i, batchSize: records.length });
                return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
            }
        }
        return { batchItemFailures: [] };
    };
}
