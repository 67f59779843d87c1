/**
 * CloudFront Functions event objects, shaped as in "CloudFront Functions event structure"
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html):
 * header names lowercased, every value `{ value }`, `rawQueryString()` on the request (cloudfront-js-2.0).
 */
import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { CloudFrontSandboxOptions, LoadedCloudFrontFunction, loadCloudFrontFunction } from "../../../components/testing/cloudfront";

export type ValueObject = Record<string, { value: string; multiValue?: { value: string }[] }>;

const EDGE_DIR = path.join(__dirname, "..", "..", "..", "functions", "edge");

export function edgeSource(file: string): string {
    return readFileSync(path.join(EDGE_DIR, file), "utf8");
}

/** The file's size on disk: what CloudFront counts against its 10 KB limit. */
export function edgeFileBytes(file: string): number {
    return statSync(path.join(EDGE_DIR, file)).size;
}

export function loadEdge(file: string, options: CloudFrontSandboxOptions = {}): LoadedCloudFrontFunction {
    return loadCloudFrontFunction(edgeSource(file), options);
}

function valueObject(values: Record<string, string>, lowerCase = true): ValueObject {
    const out: ValueObject = {};
    for (const [k, v] of Object.entries(values)) out[lowerCase ? k.toLowerCase() : k] = { value: v };
    return out;
}

export const REQUEST_ID = "4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==";

function context(eventType: "viewer-request" | "viewer-response", requestId = REQUEST_ID) {
    return {
        distributionDomainName: "d111111abcdef8.cloudfront.net",
        distributionId: "EDFDVBD6EXAMPLE",
        eventType,
        requestId,
    };
}

export interface RequestInit {
    method?: string;
    uri?: string;
    /** The query string as sent, without `?` (undefined: no `?` at all); its pairs become `querystring`, not decoded. */
    query?: string;
    headers?: Record<string, string>;
    /** The event's query-string object as given (multi-value keys included), instead of one parsed from `query`. */
    querystring?: ValueObject;
    /** Cookies as the viewer sent them (name → value). */
    cookies?: Record<string, string>;
    /** `context.requestId` (one per request, the same in its viewer-request and viewer-response events). */
    requestId?: string;
}

/** Builds CloudFront's query-string object from pairs in order: a repeated key gets `multiValue` with every value. */
export function queryObject(pairs: [string, string][]): ValueObject {
    const out: ValueObject = {};
    for (const [k, v] of pairs) {
        // Own properties only, defined rather than assigned: keys such as "__proto__" or "constructor" are data here.
        const entry = Object.hasOwn(out, k) ? out[k]! : undefined;
        const next = entry === undefined ? { value: v } : { value: entry.value, multiValue: [...(entry.multiValue ?? [{ value: entry.value }]), { value: v }] };
        Object.defineProperty(out, k, { value: next, enumerable: true, writable: true, configurable: true });
    }
    return out;
}

export function request(init: RequestInit = {}) {
    const query = init.query;
    // CloudFront hands names and values over as the viewer sent them, percent-encoding included (not decoded):
    // AWS's normalize-query-string example writes them back verbatim, and a rewritten query "can't include spaces".
    const pairs = (query ?? "")
        .split("&")
        .filter((p) => p !== "")
        .map((p): [string, string] => (p.indexOf("=") === -1 ? [p, ""] : [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
    const querystring: ValueObject = init.querystring ?? queryObject(pairs);
    return {
        method: init.method ?? "GET",
        uri: init.uri ?? "/",
        querystring,
        headers: valueObject({ host: "www.example.com", "user-agent": "test", ...(init.headers ?? {}) }),
        cookies: valueObject(init.cookies ?? {}, false),
        rawQueryString: () => query,
    };
}

export function viewerRequest(init: RequestInit = {}) {
    return { version: "1.0", context: context("viewer-request", init.requestId), viewer: { ip: "198.51.100.11" }, request: request(init) };
}

export function viewerResponse(
    init: RequestInit & {
        status?: number;
        responseHeaders?: Record<string, string>;
        responseCookies?: Record<string, { value: string; attributes?: string }>;
    } = {},
) {
    return {
        version: "1.0",
        context: context("viewer-response", init.requestId),
        viewer: { ip: "198.51.100.11" },
        request: request(init),
        response: {
            statusCode: init.status ?? 200,
            statusDescription: "OK",
            headers: valueObject(init.responseHeaders ?? {}),
            cookies: init.responseCookies ?? {},
        },
    };
}
