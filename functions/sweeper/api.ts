/**
 * The sweeper over DynamoDB: a paged Scan for tombstones older than the cutoff, and one conditional DeleteItem per
 * tombstone. The Scan's filter only saves bandwidth (the read units are those of every item evaluated); the delete's
 * condition is the guarantee: it removes the item only if, at that instant, it is still a tombstone older than the
 * cutoff. An item recreated or rewritten between the Scan and the delete fails the condition and is left alone.
 * (BatchWriteItem would be fewer requests, but it takes no conditions.)
 */
import { DeleteCommand, type DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "../shared/dynamo";
import { requiredSetting } from "../shared/env";
import type { Logger } from "../shared/log";
import { type ResumeKey, type SweepPlan, hasTimeFor, parseInput } from "./core";

export interface Deps {
    db: DynamoDBDocumentClient;
    tableName: string | undefined;
    /** A sparse GSI holding only tombstones (partition key `deletedAt`): the Scan then reads tombstones only. */
    indexName?: string;
    log: Logger;
    now?: () => Date;
}

/** The part of Lambda's context the sweeper reads. */
export interface Context {
    getRemainingTimeInMillis(): number;
    awsRequestId?: string;
}

export interface SweepResult {
    /** Items the Scans evaluated (before the filter). */
    scanned: number;
    /** Tombstones older than the cutoff that the Scans returned. */
    expired: number;
    purged: number;
    /** Tombstones whose conditional delete failed: changed since the Scan (recreated, rewritten or already purged). */
    skipped: number;
    pages: number;
    /** Read capacity the Scans consumed, as DynamoDB reported it. */
    readUnits: number;
    /** False when the run stopped on its time budget: invoke again with `{ startKey: resumeKey }` (or `{}` without one) to continue. */
    complete: boolean;
    resumeKey?: ResumeKey;
    cutoff: string;
    dryRun: boolean;
    durationMs: number;
}

/** Deletes run a few at a time: fast enough for a nightly job, gentle on an on-demand table's burst. */
const DELETE_CONCURRENCY = 8;

export function createSweeper(deps: Deps): (event: unknown, context: Context) => Promise<SweepResult> {
    const now = deps.now ?? (() => new Date());
    const { db, log } = deps;
    const tableName = requiredSetting("TABLE_NAME", deps.tableName);

    async function purge(table: string, plan: SweepPlan, ids: string[]): Promise<{ purged: number; skipped: number }> {
        let purged = 0;
        let skipped = 0;
        for (let i = 0; i < ids.length; i += DELETE_CONCURRENCY) {
            await Promise.all(
                ids.slice(i, i + DELETE_CONCURRENCY).map(async (id) => {
                    try {
                        await db.send(
                            new DeleteCommand({
                                TableName: table,
                                Key: { id },
                                ConditionExpression: "attribute_exists(deletedAt) AND deletedAt < :cutoff",
                                ExpressionAttributeValues: { ":cutoff": plan.cutoff },
                            }),
                        );
                        purged++;
                    } catch (e) {
                        if (!isConditionFailure(e)) throw e;
                        skipped++;
                        log.log("info", "kept", { id, reason: "no longer an expired tombstone" });
                    }
                }),
            );
        }
        return { purged, skipped };
    }

    return async (event, context) => {
        const started = Date.now();
        const table = tableName();
        const plan = parseInput(event, now());
        // A bad input never succeeds: throwing sends it, after Lambda's asynchronous retries, to the on-failure destination.
        // (Scheduler invokes Lambda asynchronously: https://docs.aws.amazon.com/lambda/latest/dg/with-eventbridge-scheduler.html)
        if ("errors" in plan) throw new Error(`sweeper input: ${plan.errors.join("; ")}`);
        log.log("info", "sweep started", {
            requestId: context.awsRequestId,
            cutoff: plan.cutoff,
            retentionDays: plan.retentionDays,
            dryRun: plan.dryRun,
            resumed: plan.startKey !== undefined,
            index: deps.indexName,
        });
        const result: SweepResult = {
            scanned: 0,
            expired: 0,
            purged: 0,
            skipped: 0,
            pages: 0,
            readUnits: 0,
            complete: false,
            cutoff: plan.cutoff,
            dryRun: plan.dryRun,
            durationMs: 0,
        };
        let startKey: Record<string, unknown> | undefined = plan.startKey;
        let slowest = 0;
        let finished = false;
        try {
            while (hasTimeFor(context.getRemainingTimeInMillis(), slowest)) {
                const pageStarted = Date.now();
                const out = await db.send(
                    new ScanCommand({
                        TableName: table,
                        IndexName: deps.indexName,
                        Limit: plan.pageSize,
                        ExclusiveStartKey: startKey,
                        FilterExpression: "attribute_exists(deletedAt) AND deletedAt < :cutoff",
                        ProjectionExpression: "id, deletedAt",
                        ExpressionAttributeValues: { ":cutoff": plan.cutoff },
                        ReturnConsumedCapacity: "TOTAL",
                    }),
                );
                const ids = (out.Items ?? []).map((i) => i.id).filter((id): id is string => typeof id === "string");
                result.pages++;
                result.scanned += out.ScannedCount ?? 0;
                result.expired += ids.length;
                result.readUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
                if (!plan.dryRun) {
                    const done = await purge(table, plan, ids);
                    result.purged += done.purged;
                    result.skipped += done.skipped;
                }
                // Kept whole: on the sparse index it holds `deletedAt` as well as `id`, and ExclusiveStartKey needs both.
                startKey = out.LastEvaluatedKey;
                slowest = Math.max(slowest, Date.now() - pageStarted);
                log.log("debug", "page", { page: result.pages, scanned: out.ScannedCount, expired: ids.length });
                if (startKey === undefined) {
                    finished = true;
                    break;
                }
            }
        } catch (e) {
            log.log("error", "sweep failed", { ...counts(result), error: (e as { name?: string }).name, resumable: startKey !== undefined });
            throw e;
        }
        result.complete = finished;
        // Stopped before its first page: the resume point is where it was asked to start (the table's start if none).
        if (!finished && startKey !== undefined) result.resumeKey = startKey as ResumeKey;
        result.durationMs = Date.now() - started;
        log.log(result.complete ? "info" : "warn", result.complete ? "sweep complete" : "sweep stopped on its time budget", {
            ...counts(result),
            complete: result.complete,
            resumeKey: result.resumeKey === undefined ? undefined : JSON.stringify(result.resumeKey),
            durationMs: result.durationMs,
        });
        return result;
    };
}

function counts(r: SweepResult) {
    return { scanned: r.scanned, expired: r.expired, purged: r.purged, skipped: r.skipped, pages: r.pages, readUnits: r.readUnits, dryRun: r.dryRun };
}
