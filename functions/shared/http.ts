/**
 * The parts of API Gateway's HTTP API payload format 2.0 that the functions read, and the response they return.
 * Written here (not taken from @types/aws-lambda) so that functions/ has no dependency the package does not declare.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
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

/** The request path without the stage prefix that API Gateway keeps in rawPath for named (non-$default) stages. */
export function pathOf(event: HttpApiEvent): string {
    const path = event.rawPath ?? event.requestContext.http.path ?? "/";
    const stage = event.requestContext.stage;
    if (stage !== undefined && stage !== "$default" && (path === `/${stage}` || path.startsWith(`/${stage}/`))) return path.slice(stage.length + 1) || "/";
    return path;
}
