/**
 * The items API over one DynamoDB table (partition key `id`, a string; no sort key). Every write is a single conditional
 * write, so it needs no transactions: create is a put on a key derived from the client token, update and delete compare
 * the stored `version`.
 *
 * DELETE leaves a tombstone: the item's key with `deletedAt`, its `version` bumped and its data removed. The key stays
 * taken, so a create retried with the token of a deleted item cannot put it back (`attribute_not_exists(id)` fails on the
 * tombstone): it answers 410 (same request) or 409 (another request). Reads, lists and writes treat a tombstone as
 * absent. The nightly sweeper (functions/sweeper) purges tombstones older than its retention; after that, the token is
 * free again, so clients may rely on a token for retries within the retention (30 days by default), not for ever.
 */
import { randomUUID } from "node:crypto";
import type { DocumentClient } from "../shared/document-client";
import { isConditionFailure } from "../shared/dynamo";
import { requiredSetting } from "../shared/env";
import { type ApiEvent, type ApiRequest, type HttpResponse, json, problem, refuse, requestIdOf, requestOf } from "../shared/http";
import type { Logger } from "../shared/log";
import { type Item, type ItemInput, encodeCursor, idForToken, parseCreate, parseExpectedVersion, parseList, parseUpdate, requestDigest, route } from "./core";

export interface Deps {
    /** The document client's methods the API calls (DynamoDB or DAX: see shared/document-client.ts). */
    db: Pick<DocumentClient, "get" | "put" | "scan" | "update">;
    tableName: string | undefined;
    log: Logger;
    now?: () => Date;
    newId?: () => string;
}

/** Stored next to the item so that a retried create can be told from a token reused for another item; never returned. */
interface Stored extends Item {
    requestDigest?: string;
    /** Set by DELETE (ISO 8601): the item is a tombstone, absent to every route. */
    deletedAt?: string;
}

const isTombstone = (stored: Stored | undefined): boolean => stored?.deletedAt !== undefined;

const etag = (item: Item) => ({ etag: `"${item.version}"` });

function publicItem(stored: Stored): Item {
    const { requestDigest: _digest, ...item } = stored;
    return item;
}

export function createHandler(deps: Deps): (event: ApiEvent) => Promise<HttpResponse> {
    const now = deps.now ?? (() => new Date());
    const newId = deps.newId ?? randomUUID;
    const { db, log } = deps;
    const tableName = requiredSetting("TABLE_NAME", deps.tableName);

    async function current(table: string, id: string): Promise<Stored | undefined> {
        const out = await db.get({ TableName: table, Key: { id }, ConsistentRead: true });
        return out.Item as Stored | undefined;
    }

    /** After a failed condition: 404 if the item is gone, else 409 with the version a client should re-read. */
    async function conflict(table: string, id: string, expected: number | undefined): Promise<HttpResponse> {
        const item = await current(table, id);
        if (item === undefined || isTombstone(item)) return problem(404, `item ${id} not found`);
        const why = expected === undefined ? "changed while the request ran" : `is at version ${item.version}, not ${expected}`;
        return json(409, { message: `item ${id} ${why}; read it again and retry`, currentVersion: item.version }, etag(item));
    }

    async function create(table: string, request: ApiRequest): Promise<HttpResponse> {
        const req = parseCreate(request);
        if (!req.ok) return refuse(req.issues, req.status);
        const at = now().toISOString();
        const id = req.value.token === undefined ? newId() : idForToken(req.value.token);
        const digest = requestDigest(req.value.input);
        const item: Stored = { ...req.value.input, id, version: 1, createdAt: at, updatedAt: at, requestDigest: digest };
        try {
            await db.put({ TableName: table, Item: item, ConditionExpression: "attribute_not_exists(id)" });
            return json(201, publicItem(item), { location: `/items/${id}`, ...etag(item) });
        } catch (e) {
            if (!isConditionFailure(e)) throw e;
        }
        const existing = await current(table, id);
        if (isTombstone(existing))
            return existing?.requestDigest === digest
                ? problem(410, `the item this clientToken created (${id}) was deleted; use a new token to create it again`, [
                      { field: "body.clientToken", message: "created an item that has since been deleted" },
                  ])
                : problem(409, "clientToken was already used for a different request; use a new token for a new item", [
                      { field: "body.clientToken", message: "already used with a different body" },
                  ]);
        if (existing !== undefined && existing.requestDigest === digest)
            return json(200, publicItem(existing), { location: `/items/${id}`, ...etag(existing) });
        return problem(409, "clientToken was already used for a different request; use a new token for a new item", [
            { field: "body.clientToken", message: "already used with a different body" },
        ]);
    }

    async function list(table: string, request: ApiRequest): Promise<HttpResponse> {
        const req = parseList(request);
        if (!req.ok) return refuse(req.issues);
        // Limit counts the items read before the filter: a page may hold fewer items than asked (even none) and still a cursor.
        const out = await db.scan({
            TableName: table,
            Limit: req.value.limit,
            ExclusiveStartKey: req.value.cursor,
            FilterExpression: "attribute_not_exists(deletedAt)",
        });
        const items = (out.Items ?? []).map((i) => publicItem(i as Stored));
        const cursor = out.LastEvaluatedKey === undefined ? undefined : encodeCursor(out.LastEvaluatedKey);
        return json(200, cursor === undefined ? { items } : { items, cursor });
    }

    async function update(table: string, id: string, request: ApiRequest): Promise<HttpResponse> {
        const req = parseUpdate(request);
        if (!req.ok) return refuse(req.issues, req.status);
        const { input, version } = req.value;
        const set = ["#name = :name", "#version = #version + :one", "updatedAt = :at"];
        const remove: string[] = [];
        const values: Record<string, unknown> = { ":name": input.name, ":one": 1, ":at": now().toISOString(), ":expected": version };
        for (const f of ["description", "price", "tags"] as const) {
            if (input[f] === undefined) remove.push(f);
            else {
                set.push(`${f} = :${f}`);
                values[`:${f}`] = input[f];
            }
        }
        try {
            const out = await db.update({
                TableName: table,
                Key: { id },
                // PUT replaces the item's fields: absent optional fields are removed.
                UpdateExpression: `SET ${set.join(", ")}${remove.length > 0 ? ` REMOVE ${remove.join(", ")}` : ""}`,
                ConditionExpression: "attribute_exists(id) AND attribute_not_exists(deletedAt) AND #version = :expected",
                // `name` is a DynamoDB reserved word; `version` is not, but stays aliased for symmetry with the condition.
                ExpressionAttributeNames: { "#name": "name", "#version": "version" },
                ExpressionAttributeValues: values,
                ReturnValues: "ALL_NEW",
            });
            const item = publicItem(out.Attributes as Stored);
            return json(200, item, etag(item));
        } catch (e) {
            if (!isConditionFailure(e)) throw e;
            return conflict(table, id, version);
        }
    }

    async function remove(table: string, id: string, request: ApiRequest): Promise<HttpResponse> {
        // DELETE has no body; the version, if any, comes from If-Match.
        const expected = parseExpectedVersion(request, undefined, false);
        if (!expected.ok) return refuse(expected.issues);
        const version = expected.value;
        const at = now().toISOString();
        try {
            await db.update({
                TableName: table,
                Key: { id },
                // The tombstone keeps the key, the version (bumped, so a stream consumer orders it after the item),
                // the dates and the request digest (to answer a retried create with 410), and drops the data.
                UpdateExpression: "SET deletedAt = :at, updatedAt = :at, #version = #version + :one REMOVE #name, description, price, tags",
                ConditionExpression: `attribute_exists(id) AND attribute_not_exists(deletedAt)${version === undefined ? "" : " AND #version = :expected"}`,
                ExpressionAttributeNames: { "#name": "name", "#version": "version" },
                ExpressionAttributeValues: version === undefined ? { ":at": at, ":one": 1 } : { ":at": at, ":one": 1, ":expected": version },
            });
            return { statusCode: 204, headers: {}, body: "" };
        } catch (e) {
            if (!isConditionFailure(e)) throw e;
            return conflict(table, id, version);
        }
    }

    async function dispatch(request: ApiRequest, r: ReturnType<typeof route>): Promise<HttpResponse> {
        switch (r.kind) {
            case "not-found":
                return problem(404, "no such route; routes: POST /items, GET /items, GET|PUT|DELETE /items/{id}");
            case "method-not-allowed":
                return problem(405, `method not allowed; allowed: ${r.allow}`, [], { allow: r.allow });
            case "bad-id":
                return refuse(r.issues);
        }
        // A deployment error, not a client one: 500, and the log says why.
        const table = tableName();
        switch (r.kind) {
            case "create":
                return create(table, request);
            case "list":
                return list(table, request);
            case "get": {
                const out = await db.get({ TableName: table, Key: { id: r.id } });
                if (out.Item === undefined || isTombstone(out.Item as Stored)) return problem(404, `item ${r.id} not found`);
                const item = publicItem(out.Item as Stored);
                return json(200, item, etag(item));
            }
            case "update":
                return update(table, r.id, request);
            case "delete":
                return remove(table, r.id, request);
        }
    }

    return async (event) => {
        const started = performance.now();
        // Read apart from requestOf: an event requestOf cannot read still gets its id into the 500 and the log.
        const requestId = requestIdOf(event);
        let routeKey = "unknown";
        let response: HttpResponse;
        let errorName: string | undefined;
        try {
            // Inside the try: an event of neither shape is a deployment error (500, logged), not a crash.
            const request = requestOf(event);
            const r = route(request);
            routeKey = r.route;
            response = await dispatch(request, r);
        } catch (e) {
            errorName = (e as { name?: string } | null)?.name ?? "Error";
            response = problem(
                500,
                "internal error; the request id identifies it in the logs",
                [],
                requestId === undefined ? {} : { "x-request-id": requestId },
            );
        }
        const status = response.statusCode;
        log.log(status >= 500 ? "error" : status >= 400 ? "warn" : "info", "request", {
            requestId,
            route: routeKey,
            status,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
            error: errorName,
        });
        return response;
    };
}

export type { Item, ItemInput };
