/**
 * The two event shapes API Gateway sends a Lambda proxy integration, the one request the functions read from either, and
 * the response they return (valid for both). Written here (not taken from @types/aws-lambda) so that functions/ has no
 * dependency the package does not declare.
 * - HTTP API, payload format 2.0: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * - REST API (and HTTP API payload 1.0) Lambda proxy integration, "Input format of a Lambda function for proxy
 *   integration": https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
export interface HttpApiEvent {
    version?: string;
    routeKey?: string;
    rawPath: string;
    rawQueryString?: string;
    /** API Gateway lowercases header names in format 2.0; duplicate headers arrive joined with commas. */
    headers?: Record<string, string | undefined>;
    /** Duplicate query parameters arrive joined with commas. */
    queryStringParameters?: Record<string, string | undefined>;
    pathParameters?: Record<string, string | undefined>;
    body?: string;
    isBase64Encoded?: boolean;
    requestContext: {
        requestId: string;
        stage?: string;
        http: { method: string; path?: string };
    };
}

/**
 * The REST API's Lambda proxy event (payload format 1.0). Header names keep the client's case; `headers` holds one value
 * per name, `multiValueHeaders` all of them (the same split for the query). Maps without entries and an absent body
 * arrive as `null`. The REST API sends no `version`; an HTTP API configured for payload 1.0 sends `"1.0"`.
 */
export interface RestApiEvent {
    version?: "1.0";
    /** The API's resource that matched, e.g. `/items/{id}` or `/{proxy+}`. */
    resource?: string;
    path: string;
    httpMethod: string;
    headers?: Record<string, string | undefined> | null;
    multiValueHeaders?: Record<string, string[] | undefined> | null;
    queryStringParameters?: Record<string, string | undefined> | null;
    multiValueQueryStringParameters?: Record<string, string[] | undefined> | null;
    /** The values of the resource's `{name}` and `{name+}` segments, decoded. */
    pathParameters?: Record<string, string | undefined> | null;
    stageVariables?: Record<string, string | undefined> | null;
    body?: string | null;
    isBase64Encoded?: boolean;
    requestContext: { requestId: string; stage?: string; path?: string; resourcePath?: string; httpMethod?: string; apiId?: string };
}

export type ApiEvent = HttpApiEvent | RestApiEvent;

/** What the functions read from a request, whichever payload format carried it. */
export interface ApiRequest {
    format: "1.0" | "2.0";
    /** Upper case. */
    method: string;
    /** The path within the API (no stage prefix, no custom domain base path), still percent-encoded. */
    path: string;
    /** Lowercased names; a header sent more than once is one value joined with commas (as format 2.0 delivers it). */
    headers: Record<string, string>;
    /** Decoded values; a parameter sent more than once is one value joined with commas (as format 2.0 delivers it). */
    query: Record<string, string>;
    body: string;
    isBase64Encoded: boolean;
    requestId?: string;
}

export interface HttpResponse {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
}

/** One problem with the request, naming where it is (`body.name`, `path.id`, `query.limit`, `header.if-match`). */
export interface FieldIssue {
    field: string;
    message: string;
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
    return { statusCode, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}

/** A 4xx answer: a message that names every field at fault, and the list itself for clients. */
export function problem(statusCode: number, message: string, issues: FieldIssue[] = [], headers: Record<string, string> = {}): HttpResponse {
    return json(statusCode, issues.length === 0 ? { message } : { message, issues }, headers);
}

/** A refusal of the request's content (400, 413, 415, 428): the message names every field at fault. */
export function refuse(issues: FieldIssue[], statusCode = 400): HttpResponse {
    return problem(statusCode, `invalid request: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`, issues);
}

/**
 * Payload format 1.0 (a REST API, or an HTTP API set to 1.0) rather than 2.0: the event carries `marker`, a field only
 * 1.0 sends (`httpMethod` for an integration, `methodArn` for an authorizer), and no `version: "2.0"`.
 */
export function isPayload1(event: object, marker: "httpMethod" | "methodArn"): boolean {
    const e = event as Record<string, unknown>;
    return typeof e[marker] === "string" && e.version !== "2.0";
}

const isRest = (event: ApiEvent): event is RestApiEvent => isPayload1(event, "httpMethod");

/** The request id of either payload format, read without trusting the event's shape. */
export const requestIdOf = (event: ApiEvent): string | undefined => (event as { requestContext?: { requestId?: string } } | null)?.requestContext?.requestId;

/**
 * One value per name, values of the same name joined with commas; with `lower`, names are lowercased first, so names that
 * differ only in case are one header. A name in `multi` is taken from there only: API Gateway puts the last of its values
 * in `single` too.
 */
function merge(
    single: Record<string, string | undefined> | null | undefined,
    multi: Record<string, string[] | undefined> | null | undefined,
    lower: boolean,
): Record<string, string> {
    const key = (name: string) => (lower ? name.toLowerCase() : name);
    const out = new Map<string, string[]>();
    for (const [name, values] of Object.entries(multi ?? {})) for (const v of values ?? []) out.set(key(name), [...(out.get(key(name)) ?? []), v]);
    const fromMulti = new Set(out.keys());
    for (const [name, v] of Object.entries(single ?? {}))
        if (v !== undefined && !fromMulti.has(key(name))) out.set(key(name), [...(out.get(key(name)) ?? []), v]);
    return Object.fromEntries([...out].map(([k, v]) => [k, v.join(",")]));
}

/** Request headers of either payload format by lowercased name, a header sent more than once joined with commas. */
export function headersOf(
    headers: Record<string, string | undefined> | null | undefined,
    multiValueHeaders?: Record<string, string[] | undefined> | null,
): Record<string, string> {
    return merge(headers, multiValueHeaders, true);
}

/** `path` without `/<stage>` where API Gateway keeps it: HTTP API named stages (rawPath, and `path` in payload 1.0). */
function withoutStage(path: string, stage: string | undefined): string {
    if (stage !== undefined && stage !== "$default" && (path === `/${stage}` || path.startsWith(`/${stage}/`))) return path.slice(stage.length + 1) || "/";
    return path;
}

/**
 * The last segments of `path`, as many as the route `template` matches (`/items/{id}`: 2; a greedy `{name+}` counts the
 * segments of its value in `params`), or `undefined` when that cannot be told (no template, a greedy value missing, a
 * path shorter than the template). API Gateway puts a custom domain's base path (REST) or API mapping key (HTTP API)
 * in front of the path it delivers, but never in the matched route, so the route's length is the path within the API.
 */
function relativeTo(path: string, template: string | undefined, params: Record<string, string | undefined> | null | undefined): string | undefined {
    if (template === undefined || !template.startsWith("/")) return undefined;
    let count = 0;
    for (const part of template.split("/").slice(1)) {
        const greedy = /^\{([^}]+)\+\}$/.exec(part);
        if (greedy === null) count += part === "" ? 0 : 1;
        else {
            const value = params?.[greedy[1]];
            if (value === undefined) return undefined;
            count += value.split("/").length;
        }
    }
    const segments = path.split("/").slice(1);
    if (segments.length > 1 && segments[segments.length - 1] === "") segments.pop();
    if (segments.length < count) return undefined;
    return `/${segments.slice(segments.length - count).join("/")}`;
}

/**
 * A REST request's path within the API. `path` is right on the execute-api URL (no stage prefix there: the docs' example
 * request `POST /testStage/hello/world` arrives as `path: "/hello/world"`), but under a custom domain's base path mapping
 * it also carries the base path (`/v1/items/...`), which `resource` (the matched `/items/{id}` or `/{proxy+}`) never
 * does: the path is taken relative to `resource`, still percent-encoded, as REST delivers it. Without a usable
 * `resource` (hand-made events; an HTTP API's `$default` route in payload 1.0), `path` itself, less an HTTP API stage
 * prefix.
 */
function restPath(event: RestApiEvent): string {
    return (
        relativeTo(event.path, event.resource, event.pathParameters) ??
        withoutStage(event.path, event.version === "1.0" ? event.requestContext.stage : undefined)
    );
}

/**
 * An HTTP API (2.0) request's path within the API. `rawPath` keeps a named stage's `/<stage>` prefix and, behind a custom
 * domain, the API mapping key (`/v1/items/...`); a route other than `$default` names its path in `routeKey`
 * (`GET /items/{id}`, `ANY /{proxy+}`), so the path is taken relative to it. The `$default` route matches any path and
 * says nothing of its length: there, `rawPath` less the stage (an API mapping key then stays in the path).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
function httpPath(event: HttpApiEvent): string {
    const raw = event.rawPath ?? event.requestContext.http.path ?? "/";
    const routeKey = event.routeKey;
    const template = routeKey === undefined || routeKey === "$default" ? undefined : routeKey.slice(routeKey.indexOf(" ") + 1);
    return relativeTo(raw, template, event.pathParameters) ?? withoutStage(raw, event.requestContext.stage);
}

/** The one normalisation step: either payload format to an `ApiRequest`. */
export function requestOf(event: ApiEvent): ApiRequest {
    if (isRest(event))
        return {
            format: "1.0",
            method: event.httpMethod.toUpperCase(),
            path: restPath(event),
            headers: headersOf(event.headers, event.multiValueHeaders),
            query: merge(event.queryStringParameters, event.multiValueQueryStringParameters, false),
            body: event.body ?? "",
            isBase64Encoded: event.isBase64Encoded === true,
            requestId: requestIdOf(event),
        };
    return {
        format: "2.0",
        method: event.requestContext.http.method.toUpperCase(),
        path: httpPath(event),
        headers: headersOf(event.headers),
        query: merge(event.queryStringParameters, undefined, false),
        body: event.body ?? "",
        isBase64Encoded: event.isBase64Encoded === true,
        requestId: requestIdOf(event),
    };
}
