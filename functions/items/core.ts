/**
 * The items API's pure core: routing and validation of API Gateway requests, read through `ApiRequest` (shared/http.ts)
 * so that HTTP API (payload 2.0) and REST API (payload 1.0) events take the same path. No I/O: every function here maps
 * a request to a plain value or to the field issues that make it a 4xx answer.
 */
import { createHash } from "node:crypto";
import type { ApiRequest, FieldIssue } from "../shared/http";

/** Lambda accepts 6 MB synchronous payloads; an item is small, and DynamoDB caps an item at 400 KB. */
export const MAX_BODY_BYTES = 16 * 1024;
export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;
const MAX_NAME = 200;
const MAX_DESCRIPTION = 2000;
const MAX_TAGS = 20;
const MAX_TAG = 50;
const MAX_PRICE = 1_000_000_000;

/** Ids are lowercase UUIDs: random ones, or derived from a client token (see `idForToken`). */
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Client tokens: printable, header-safe, and short enough to log-free hash. */
const TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;

/** What a client may write. `version` is read separately (it is a precondition, not data). */
export interface ItemInput {
    name: string;
    description?: string;
    price?: number;
    tags?: string[];
}

export interface Item extends ItemInput {
    id: string;
    version: number;
    createdAt: string;
    updatedAt: string;
}

const FIELDS = ["name", "description", "price", "tags"] as const;

export type Route =
    | { kind: "create"; route: "POST /items" }
    | { kind: "list"; route: "GET /items" }
    | { kind: "get" | "update" | "delete"; route: "GET /items/{id}" | "PUT /items/{id}" | "DELETE /items/{id}"; id: string }
    | { kind: "bad-id"; route: string; issues: FieldIssue[] }
    | { kind: "method-not-allowed"; route: string; allow: string }
    | { kind: "not-found"; route: "unknown" };

/** Match the request to a route by path and method, from the path itself so that a `$default` catch-all route works. */
export function route(req: ApiRequest): Route {
    const method = req.method;
    const segments = req.path.split("/").filter((s) => s !== "");
    if (segments[0] !== "items" || segments.length > 2) return { kind: "not-found", route: "unknown" };
    if (segments.length === 1) {
        if (method === "POST") return { kind: "create", route: "POST /items" };
        if (method === "GET") return { kind: "list", route: "GET /items" };
        return { kind: "method-not-allowed", route: `${method} /items`, allow: "GET, POST" };
    }
    const routeKey = `${method} /items/{id}`;
    if (method !== "GET" && method !== "PUT" && method !== "DELETE") return { kind: "method-not-allowed", route: routeKey, allow: "GET, PUT, DELETE" };
    let id: string;
    try {
        id = decodeURIComponent(segments[1]);
    } catch {
        return { kind: "bad-id", route: routeKey, issues: [{ field: "path.id", message: "is not valid percent-encoding" }] };
    }
    if (!ID.test(id)) return { kind: "bad-id", route: routeKey, issues: [{ field: "path.id", message: "must be a lowercase UUID" }] };
    const kind = method === "GET" ? "get" : method === "PUT" ? "update" : "delete";
    return { kind, route: routeKey as "GET /items/{id}", id };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; status: number; issues: FieldIssue[] };

const fail = <T>(issues: FieldIssue[], status = 400): Parsed<T> => ({ ok: false, status, issues });

/** The JSON body as an object, refusing what is not JSON, too large, or not an object. */
export function parseBody(req: ApiRequest): Parsed<Record<string, unknown>> {
    const contentType = req.headers["content-type"];
    if (contentType !== undefined && !/^application\/json\s*(;|$)/i.test(contentType))
        return fail([{ field: "header.content-type", message: "must be application/json" }], 415);
    const text = req.isBase64Encoded ? Buffer.from(req.body, "base64").toString("utf8") : req.body;
    if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) return fail([{ field: "body", message: `is larger than ${MAX_BODY_BYTES} bytes` }], 413);
    if (text.trim() === "") return fail([{ field: "body", message: "is required (a JSON object)" }]);
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return fail([{ field: "body", message: "is not valid JSON" }]);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return fail([{ field: "body", message: "must be a JSON object" }]);
    return { ok: true, value: value as Record<string, unknown> };
}

/** Control characters (below U+0020) break log lines and terminals; a description may keep tabs and newlines. */
function hasControl(v: string, allowed = ""): boolean {
    for (const ch of v) if (ch.charCodeAt(0) < 0x20 && !allowed.includes(ch)) return true;
    return false;
}

const isText = (v: unknown, max: number): v is string => typeof v === "string" && v.trim().length > 0 && v.length <= max && !hasControl(v);

/** The item fields of a create or update body; `extra` names the non-item keys this route also accepts. */
export function validateItem(body: Record<string, unknown>, extra: readonly string[]): Parsed<ItemInput> {
    const issues: FieldIssue[] = [];
    for (const key of Object.keys(body))
        if (!(FIELDS as readonly string[]).includes(key) && !extra.includes(key))
            issues.push({ field: `body.${key.slice(0, 64)}`, message: `is not a known field; allowed: ${[...FIELDS, ...extra].join(", ")}` });
    const { name, description, price, tags } = body;
    if (!isText(name, MAX_NAME))
        issues.push({ field: "body.name", message: `is required: a non-blank string of at most ${MAX_NAME} characters, no control characters` });
    if (description !== undefined && !(typeof description === "string" && description.length <= MAX_DESCRIPTION && !hasControl(description, "\t\n\r")))
        issues.push({ field: "body.description", message: `must be a string of at most ${MAX_DESCRIPTION} characters` });
    if (price !== undefined && !(typeof price === "number" && Number.isFinite(price) && price >= 0 && price <= MAX_PRICE))
        issues.push({ field: "body.price", message: `must be a number from 0 to ${MAX_PRICE}` });
    if (tags !== undefined) {
        if (!Array.isArray(tags) || tags.length > MAX_TAGS) issues.push({ field: "body.tags", message: `must be an array of at most ${MAX_TAGS} strings` });
        else
            tags.forEach((t, i) => {
                if (!isText(t, MAX_TAG)) issues.push({ field: `body.tags[${i}]`, message: `must be a non-blank string of at most ${MAX_TAG} characters` });
            });
        if (Array.isArray(tags) && new Set(tags).size !== tags.length) issues.push({ field: "body.tags", message: "must not repeat a tag" });
    }
    if (issues.length > 0) return fail(issues);
    const input: ItemInput = { name: name as string };
    if (description !== undefined) input.description = description as string;
    if (price !== undefined) input.price = price as number;
    if (tags !== undefined) input.tags = [...(tags as string[])];
    return { ok: true, value: input };
}

/** The create request: item fields plus an optional client token, from `Idempotency-Key` or `clientToken` (equal if both). */
export function parseCreate(req: ApiRequest): Parsed<{ input: ItemInput; token?: string }> {
    const body = parseBody(req);
    if (!body.ok) return body;
    const header = req.headers["idempotency-key"];
    const fromBody = body.value.clientToken;
    const issues: FieldIssue[] = [];
    if (header !== undefined && !TOKEN.test(header))
        issues.push({ field: "header.idempotency-key", message: "must be 1-128 characters of A-Z a-z 0-9 . _ : -" });
    if (fromBody !== undefined && !(typeof fromBody === "string" && TOKEN.test(fromBody)))
        issues.push({ field: "body.clientToken", message: "must be 1-128 characters of A-Z a-z 0-9 . _ : -" });
    if (header !== undefined && fromBody !== undefined && header !== fromBody)
        issues.push({ field: "body.clientToken", message: "differs from the Idempotency-Key header; send one, or the same value in both" });
    const item = validateItem(body.value, ["clientToken"]);
    if (!item.ok) issues.push(...item.issues);
    if (issues.length > 0 || !item.ok) return fail(issues);
    const token = header ?? (fromBody as string | undefined);
    return { ok: true, value: token === undefined ? { input: item.value } : { input: item.value, token } };
}

function parseVersion(v: unknown): number | undefined {
    const n = typeof v === "string" && /^[1-9][0-9]{0,14}$/.test(v) ? Number(v) : v;
    return typeof n === "number" && Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** The expected version from `If-Match` (`"3"` or `3`) or body `version` (equal if both). `required` gives 428 when absent. */
export function parseExpectedVersion(req: ApiRequest, bodyVersion: unknown, required: boolean): Parsed<number | undefined> {
    const header = req.headers["if-match"];
    const issues: FieldIssue[] = [];
    let fromHeader: number | undefined;
    if (header !== undefined) {
        fromHeader = parseVersion(header.trim().replace(/^"(.*)"$/, "$1"));
        if (fromHeader === undefined) issues.push({ field: "header.if-match", message: 'must be an item version, e.g. "3" (weak or * tags are not accepted)' });
    }
    const fromBody = bodyVersion === undefined ? undefined : parseVersion(bodyVersion);
    if (bodyVersion !== undefined && fromBody === undefined) issues.push({ field: "body.version", message: "must be a positive integer" });
    if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody)
        issues.push({ field: "body.version", message: "differs from the If-Match header; send one, or the same value in both" });
    if (issues.length > 0) return fail(issues);
    const version = fromHeader ?? fromBody;
    if (version === undefined && required)
        return fail([{ field: "header.if-match", message: "is required (or body.version): the version you read, to update it safely" }], 428);
    return { ok: true, value: version };
}

export function parseUpdate(req: ApiRequest): Parsed<{ input: ItemInput; version: number }> {
    const body = parseBody(req);
    if (!body.ok) return body;
    const item = validateItem(body.value, ["version"]);
    const version = parseExpectedVersion(req, body.value.version, true);
    if (!item.ok || !version.ok) {
        const issues = [...(item.ok ? [] : item.issues), ...(version.ok ? [] : version.issues)];
        return fail(issues, !item.ok ? 400 : (version as { status: number }).status);
    }
    return { ok: true, value: { input: item.value, version: version.value as number } };
}

/**
 * The cursor is opaque to clients: base64url of the Scan's LastEvaluatedKey, checked on the way back in (exactly one
 * attribute, `id`, a lowercase UUID), so nothing but a key of this table's shape reaches DynamoDB as ExclusiveStartKey.
 *
 * Not signed, on purpose. A Scan's ExclusiveStartKey only says where in the table's hash order to continue; a forged
 * one (any UUID, existing or not) starts the same Scan elsewhere in the same table, under the same filter and limit:
 * it returns nothing the caller could not page to with genuine cursors, and reaches no other table, index or tenant.
 * An HMAC would add a secret to deploy and rotate (Secrets Manager, a key id in the cursor, two keys accepted while
 * rotating) to prevent nothing. Sign (HMAC-SHA256 over the key and the query it belongs to, with a `kid` for rotation)
 * once the cursor carries something the caller must not choose: a Query's partition (an owner or tenant id), a sort
 * order or a filter. On a Query, DynamoDB also refuses a start key outside the queried partition with a
 * ValidationException, which must then be a 400, not a 500: bind the cursor to the query, and check it.
 */
export function encodeCursor(key: Record<string, unknown>): string {
    return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): { id: string } | undefined {
    if (cursor.length === 0 || cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
    const bytes = Buffer.from(cursor, "base64url");
    // Node's decoder skips what it cannot read; re-encoding catches truncated or padded forms.
    if (bytes.toString("base64url") !== cursor) return undefined;
    let value: unknown;
    try {
        value = JSON.parse(bytes.toString("utf8"));
    } catch {
        return undefined;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const keys = Object.keys(value);
    const id = (value as { id?: unknown }).id;
    return keys.length === 1 && typeof id === "string" && ID.test(id) ? { id } : undefined;
}

export function parseList(req: ApiRequest): Parsed<{ limit: number; cursor?: { id: string } }> {
    const query = req.query;
    const issues: FieldIssue[] = [];
    for (const key of Object.keys(query))
        if (key !== "limit" && key !== "cursor")
            issues.push({ field: `query.${key.slice(0, 64)}`, message: "is not a known parameter; allowed: limit, cursor" });
    let limit = DEFAULT_LIMIT;
    if (query.limit !== undefined) {
        limit = /^[0-9]{1,3}$/.test(query.limit) ? Number(query.limit) : Number.NaN;
        if (!(limit >= 1 && limit <= MAX_LIMIT)) issues.push({ field: "query.limit", message: `must be an integer from 1 to ${MAX_LIMIT}` });
    }
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && cursor === undefined) issues.push({ field: "query.cursor", message: "is not a cursor this API returned" });
    if (issues.length > 0) return fail(issues);
    return { ok: true, value: cursor === undefined ? { limit } : { limit, cursor } };
}

/** The same token always names the same item, so a retried create is one conditional put on the same key. */
export function idForToken(token: string): string {
    const h = createHash("sha256").update(`items-token:${token}`).digest("hex");
    // Shaped as a version-8 (custom) UUID so that token-derived and random ids share one format.
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A digest of the create request's item fields, in a canonical key order, to tell a retry from a conflicting reuse of a token. */
export function requestDigest(input: ItemInput): string {
    const canonical = JSON.stringify(FIELDS.map((f) => [f, input[f] ?? null]));
    return createHash("sha256").update(canonical).digest("base64url");
}
