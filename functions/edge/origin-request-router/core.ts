/**
 * Origin-request router for Lambda@Edge: picks an origin from a header CloudFront sets (viewer country, device
 * type) using a routes file shipped in the function's archive. Lambda@Edge has no environment variables, so the
 * routes travel as `routes.json` next to `index.js` (EdgeLambda's `files`). Pure: no Pulumi, no AWS SDK.
 *
 * Event shape: "Lambda@Edge event structure", origin request
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html): headers are
 * lower-cased names mapping to `[{ key, value }]`; `request.origin` holds either `s3` or `custom`, and an
 * origin-request function may replace it with the other kind ("you can also replace an Amazon S3 origin object
 * with a custom origin object"), one origin per request.
 */

/** A header as Lambda@Edge gives it: lower-cased name → entries with the original spelling in `key`. */
export type EdgeHeaders = Record<string, { key?: string; value: string }[]>;

export interface EdgeCustomOrigin {
    customHeaders: EdgeHeaders;
    domainName: string;
    keepaliveTimeout: number;
    path: string;
    port: number;
    protocol: "http" | "https";
    readTimeout: number;
    sslProtocols: string[];
}

export interface EdgeS3Origin {
    authMethod: "origin-access-identity" | "none";
    customHeaders: EdgeHeaders;
    domainName: string;
    path: string;
    region?: string;
}

export interface EdgeRequest {
    clientIp: string;
    method: string;
    uri: string;
    querystring: string;
    headers: EdgeHeaders;
    origin?: { custom: EdgeCustomOrigin; s3?: undefined } | { s3: EdgeS3Origin; custom?: undefined };
}

export interface OriginRequestEvent {
    Records: {
        cf: {
            // requestId: documented for viewer events only, so not relied on here.
            config: { distributionDomainName: string; distributionId: string; eventType: "origin-request"; requestId?: string };
            request: EdgeRequest;
        };
    }[];
}

/**
 * Headers a route may match: only those CloudFront itself sets from the viewer (it replaces any value a viewer
 * sends), so a client cannot pick its origin. The behavior's origin-request policy must forward the ones used, or
 * they never reach the function.
 */
export const ROUTABLE_HEADERS = [
    "cloudfront-viewer-country",
    "cloudfront-viewer-country-region",
    "cloudfront-is-mobile-viewer",
    "cloudfront-is-tablet-viewer",
    "cloudfront-is-desktop-viewer",
    "cloudfront-is-smarttv-viewer",
    "cloudfront-is-android-viewer",
    "cloudfront-is-ios-viewer",
] as const;
export type RoutableHeader = (typeof ROUTABLE_HEADERS)[number];

/**
 * Origin timeouts a Lambda@Edge function may set, seconds. The ranges every CloudFront account accepts without a
 * quota increase (response timeout 4–60 in the Lambda@Edge field list, keep-alive 1–60); CloudFront's own defaults 30 and 5.
 */
export const READ_TIMEOUT_SECONDS = { min: 4, max: 60, default: 30 } as const;
export const KEEPALIVE_TIMEOUT_SECONDS = { min: 1, max: 60, default: 5 } as const;
export const MAX_ROUTES = 100;

/** One route of `routes.json`. */
export interface RouteSpec {
    /** The header matched, one of ROUTABLE_HEADERS. */
    header: RoutableHeader;
    /** Values that select this route, compared case-insensitively (country codes "DE", booleans "true"). */
    values: string[];
    origin: {
        /** The custom origin's host name (also sent as Host, so its TLS certificate must cover it). */
        domainName: string;
        /** Origin path prefix: "" or "/a/b" (no trailing slash). @default "" */
        path?: string;
        /** @default 30 */
        readTimeoutSeconds?: number;
        /** @default 5 */
        keepaliveTimeoutSeconds?: number;
    };
}

/** `routes.json`: routes tried in order, the first match wins; none matching leaves the behavior's origin. */
export interface RoutesFile {
    routes: RouteSpec[];
}

/** A validated route with every default applied. */
export interface Route {
    header: RoutableHeader;
    values: Set<string>;
    origin: EdgeCustomOrigin;
}

/** `routes.json` is not valid: every problem is listed, with its JSON path. */
export class RoutesError extends Error {
    constructor(readonly issues: string[]) {
        super(`routes.json is not valid: ${issues.join("; ")}`);
        this.name = "RoutesError";
    }
}

/**
 * A custom origin's domainName as Lambda@Edge accepts it: "can't be empty, can't include a colon (:), and can't use
 * the IPV4 address format", up to 253 characters (lambda-event-structure.html, custom origin). The last label must
 * hold a letter, which refuses dotted-decimal addresses (no top-level domain is all digits).
 */
const HOST =
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.(?=[a-z0-9-]*[a-z])[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ORIGIN_PATH = /^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/;

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function integerIn(v: unknown, range: { min: number; max: number; default: number }, at: string, issues: string[]): number {
    if (v === undefined) return range.default;
    if (typeof v !== "number" || !Number.isInteger(v) || v < range.min || v > range.max) {
        issues.push(`${at}=${JSON.stringify(v)}: an integer from ${range.min} to ${range.max}`);
    }
    return v as number;
}

function parseRoute(v: unknown, at: string, issues: string[]): Route | undefined {
    if (!isObject(v)) {
        issues.push(`${at}: an object { header, values, origin }`);
        return undefined;
    }
    const before = issues.length;
    for (const key of Object.keys(v)) if (!["header", "values", "origin"].includes(key)) issues.push(`${at}.${key}: unknown field`);
    const header = v.header;
    if (typeof header !== "string" || !(ROUTABLE_HEADERS as readonly string[]).includes(header)) {
        issues.push(`${at}.header=${JSON.stringify(header)}: one of ${ROUTABLE_HEADERS.join(", ")}`);
    }
    const values = v.values;
    if (!Array.isArray(values) || values.length === 0 || values.some((x) => typeof x !== "string" || x.length === 0 || x.length > 100)) {
        issues.push(`${at}.values: a non-empty array of strings of 1 to 100 characters`);
    }
    const o = v.origin;
    let origin: EdgeCustomOrigin | undefined;
    if (!isObject(o)) {
        issues.push(`${at}.origin: an object { domainName, path?, readTimeoutSeconds?, keepaliveTimeoutSeconds? }`);
    } else {
        for (const key of Object.keys(o)) {
            if (!["domainName", "path", "readTimeoutSeconds", "keepaliveTimeoutSeconds"].includes(key)) issues.push(`${at}.origin.${key}: unknown field`);
        }
        if (typeof o.domainName !== "string" || !HOST.test(o.domainName)) {
            issues.push(`${at}.origin.domainName=${JSON.stringify(o.domainName)}: a lower-case DNS name (no scheme, port, path or IPv4 address)`);
        }
        const path = o.path ?? "";
        if (typeof path !== "string" || (path !== "" && (!ORIGIN_PATH.test(path) || path.length > 255))) {
            issues.push(`${at}.origin.path=${JSON.stringify(o.path)}: "" or "/segment[/segment…]" without a trailing slash, at most 255 characters`);
        }
        origin = {
            // Headers of the behavior's origin (often a secret proving the request came through CloudFront) must not
            // travel to another origin: the routed origin starts with none.
            customHeaders: {},
            domainName: o.domainName as string,
            keepaliveTimeout: integerIn(o.keepaliveTimeoutSeconds, KEEPALIVE_TIMEOUT_SECONDS, `${at}.origin.keepaliveTimeoutSeconds`, issues),
            path: path as string,
            // HTTPS on 443 with TLS 1.2 only, as every origin of EdgeFunctions: the fields are not configurable on purpose.
            port: 443,
            protocol: "https",
            readTimeout: integerIn(o.readTimeoutSeconds, READ_TIMEOUT_SECONDS, `${at}.origin.readTimeoutSeconds`, issues),
            sslProtocols: ["TLSv1.2"],
        };
    }
    if (issues.length > before || origin === undefined) return undefined;
    return { header: header as RoutableHeader, values: new Set((values as string[]).map((x) => x.toLowerCase())), origin };
}

/** Validates the parsed content of `routes.json`; throws one RoutesError listing every problem. */
export function parseRoutes(value: unknown): Route[] {
    const issues: string[] = [];
    if (!isObject(value) || !Array.isArray(value.routes)) throw new RoutesError(['the file must be an object { "routes": [ ... ] }']);
    for (const key of Object.keys(value)) if (key !== "routes") issues.push(`${key}: unknown field`);
    if (value.routes.length > MAX_ROUTES) issues.push(`routes: at most ${MAX_ROUTES} (got ${value.routes.length})`);
    const routes = value.routes.map((r, i) => parseRoute(r, `routes[${i}]`, issues));
    if (issues.length > 0) throw new RoutesError(issues);
    return routes as Route[];
}

/** The first route whose header the request carries with one of its values, if any. */
export function match(request: EdgeRequest, routes: Route[]): Route | undefined {
    for (const route of routes) {
        const value = request.headers[route.header]?.[0]?.value;
        if (value !== undefined && route.values.has(value.trim().toLowerCase())) return route;
    }
    return undefined;
}

/**
 * The request to send on: with a matching route, `origin` replaced by the route's custom origin and `host` set to
 * its domain (CloudFront sends the Host header it is given; an origin behind TLS/SNI or virtual hosting needs its own
 * name). Without one, the request unchanged (the behavior's origin).
 */
export function route(request: EdgeRequest, routes: Route[]): EdgeRequest {
    const r = match(request, routes);
    if (r === undefined) return request;
    return {
        ...request,
        origin: { custom: { ...r.origin, customHeaders: {}, sslProtocols: [...r.origin.sslProtocols] } },
        headers: { ...request.headers, host: [{ key: "Host", value: r.origin.domainName }] },
    };
}
