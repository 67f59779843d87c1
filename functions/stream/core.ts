/**
 * The stream processor's pure core: turns one DynamoDB Streams record of the items table into the writes that keep the
 * tag index up to date. A GSI cannot index the elements of a list attribute (key attributes are scalars), so "items by
 * tag" is maintained here: one index item per (tag, item), keyed `tag` + `itemId`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.CoreComponents.html#HowItWorks.CoreComponents.SecondaryIndexes
 *
 * The items API deletes by turning the item into a tombstone (a MODIFY whose new image has `deletedAt` and no data): its
 * tags are removed like a REMOVE's; the sweeper's later purge of the tombstone is a REMOVE with nothing to remove.
 *
 * Streams deliver each record at least once, in order per item (per partition key, within a shard): every write
 * carries the item's `version` and is conditional on it (see api.ts), so a replayed record does not overwrite a newer
 * entry; an entry a replay recreates is deleted again by the later record that removed it, which is replayed after it
 * (Lambda retries from the failed record onwards, in order), so the index converges.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";

/** The parts of a DynamoDB Streams record the function reads (Lambda event source mapping, event version 1.1). */
export interface StreamRecord {
    eventID?: string;
    eventName?: string;
    eventSource?: string;
    eventSourceARN?: string;
    /** Present on deletions made by TTL: `{ type: "Service", principalId: "dynamodb.amazonaws.com" }`. */
    userIdentity?: { type?: string; principalId?: string };
    dynamodb?: {
        ApproximateCreationDateTime?: number;
        Keys?: Record<string, AttributeValue>;
        NewImage?: Record<string, AttributeValue>;
        OldImage?: Record<string, AttributeValue>;
        SequenceNumber?: string;
        SizeBytes?: number;
        StreamViewType?: string;
    };
}

export interface StreamEvent {
    Records: StreamRecord[];
}

/** The partial batch response (the mapping needs `FunctionResponseTypes: ["ReportBatchItemFailures"]`). */
export interface BatchResponse {
    batchItemFailures: { itemIdentifier: string }[];
}

/** What one record changes in the tag index. */
export interface Change {
    sequenceNumber: string;
    eventName: "INSERT" | "MODIFY" | "REMOVE";
    itemId: string;
    /** The version the writes are conditional on: the new image's, or the old image's for a REMOVE. */
    version: number;
    /**
     * Index entries to write, with the name they carry: the new image's tags that the old image lacked, or all of them
     * when the indexed `name` changed. A MODIFY that leaves tags and name alone (a price edit) writes nothing: the
     * entries written at an older version stay right, and every removal's `version <= v` still covers them.
     */
    put: { tag: string; name: string }[];
    /** Index entries to delete (tags of the old image no longer present). */
    remove: string[];
    /** Deleted by TTL rather than by a caller. */
    expired: boolean;
}

export type Planned = { ok: true; change: Change } | { ok: false; reason: string };

interface ItemImage {
    id: string;
    name: string;
    version: number;
    tags: string[];
}

function readImage(image: Record<string, AttributeValue> | undefined, which: string): ItemImage | string {
    if (image === undefined) return `${which} missing (the stream view type must be NEW_AND_OLD_IMAGES)`;
    let item: Record<string, unknown>;
    try {
        item = unmarshall(image);
    } catch (e) {
        return `${which} is not DynamoDB JSON: ${(e as Error).message}`;
    }
    const { id, name, version, tags, deletedAt } = item;
    if (typeof id !== "string" || id.length === 0) return `${which}.id is not a string`;
    if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 1) return `${which}.version is not a positive integer`;
    // A tombstone (the items API's DELETE, purged later by the sweeper) has no data: it indexes nothing.
    if (deletedAt !== undefined) return { id, name: "", version, tags: [] };
    if (typeof name !== "string") return `${which}.name is not a string`;
    if (tags !== undefined && (!Array.isArray(tags) || !tags.every((t) => typeof t === "string" && t.length > 0)))
        return `${which}.tags is not a list of non-empty strings`;
    return { id, name, version, tags: [...new Set((tags as string[] | undefined) ?? [])] };
}

/** The index writes for one record, or why the record cannot be applied (malformed records are reported, not skipped). */
export function plan(record: StreamRecord): Planned {
    const d = record.dynamodb;
    const sequenceNumber = d?.SequenceNumber;
    if (d === undefined || sequenceNumber === undefined || sequenceNumber.length === 0) return { ok: false, reason: "dynamodb.SequenceNumber missing" };
    const eventName = record.eventName;
    if (eventName !== "INSERT" && eventName !== "MODIFY" && eventName !== "REMOVE")
        return { ok: false, reason: `eventName ${JSON.stringify(eventName)} unknown` };
    const expired = record.userIdentity?.type === "Service" && record.userIdentity.principalId === "dynamodb.amazonaws.com";
    const next = eventName === "REMOVE" ? undefined : readImage(d.NewImage, "NewImage");
    const prev = eventName === "INSERT" ? undefined : readImage(d.OldImage, "OldImage");
    if (typeof next === "string") return { ok: false, reason: next };
    if (typeof prev === "string") return { ok: false, reason: prev };
    if (next !== undefined && prev !== undefined && next.id !== prev.id) return { ok: false, reason: "NewImage.id and OldImage.id differ" };
    const current = (next ?? prev) as ItemImage;
    const newTags = next?.tags ?? [];
    const oldTags = prev?.tags ?? [];
    const nameChanged = prev === undefined || next === undefined || prev.name !== next.name;
    const toPut = nameChanged ? newTags : newTags.filter((t) => !oldTags.includes(t));
    return {
        ok: true,
        change: {
            sequenceNumber,
            eventName,
            itemId: current.id,
            version: current.version,
            put: toPut.map((tag) => ({ tag, name: current.name })),
            remove: oldTags.filter((t) => !newTags.includes(t)),
            expired,
        },
    };
}
