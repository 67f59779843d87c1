import * as vm from "node:vm";
import { EDGE_EVENT_TYPES, validateEdgeLambda } from "../edge-lambda/validate";
import { Issue, Issues, isPlain, prefixIssues } from "../shared/errors";
import { checkDomainName } from "../shared/hostnames";
import {
    CLOUDFRONT_FUNCTION_MAX_BYTES,
    CLOUDFRONT_LIMITS,
    KVS_MAX_KEY_CHARS,
    KVS_MAX_VALUE_CHARS,
    MANAGED_CACHE_POLICY_IDS,
    MANAGED_ORIGIN_REQUEST_POLICY_IDS,
} from "../shared/limits/cloudfront";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { checkShape } from "../shared/shape";
import { CLOUDFRONT_FUNCTION_MODULES, CloudFrontImportError, rewriteCloudFrontImports } from "../shared/cloudfront-code";
import { ACM_CERTIFICATE_ARN, HTTP_HEADER_NAME, checkCertificateArn, checkHostedZoneId, checkTags } from "../shared/validators";
import type { EdgeEvent, EdgeFunctionsArgs, FunctionEvent } from "./args";
import { EDGE_FUNCTIONS_SHAPE } from "./shape";
import { RATE_LIMIT } from "./web-acl";
import { ResolvedBehavior, ResolvedCachePolicy, ResolvedEdgeFunctions, ResolvedOriginRequestPolicy, allBehaviors, associationKey, normalize } from "./defaults";

export const FUNCTION_EVENTS: readonly FunctionEvent[] = ["viewer-request", "viewer-response"];

/** Viewer TLS floors: TLS 1.2 with forward-secret ciphers (2021) or newer (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html). */
export const MINIMUM_PROTOCOL_VERSIONS = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"] as const;

/**
 * The output formats CloudWatch Logs accepts for CloudFront ACCESS_LOGS delivered to a log group: "plain, json"
 * (its delivery configuration template, as aws-cdk's generated `CfnDistributionAccessLogsLogGroupProps` lists it;
 * `w3c` and `parquet` are S3-only, `raw` Firehose-only: CreateDelivery refuses the others).
 */
export const LOG_GROUP_OUTPUT_FORMATS = ["json", "plain"] as const;

/** HTTP header names: RFC 9110 tokens. */

/**
 * Headers CloudFront refuses as origin custom headers
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/add-origin-custom-headers.html#add-origin-custom-headers-denylist).
 */
const CUSTOM_HEADER_DENYLIST = new Set(
    [
        "Cache-Control",
        "Connection",
        "Content-Length",
        "Cookie",
        "Host",
        "If-Match",
        "If-Modified-Since",
        "If-None-Match",
        "If-Range",
        "If-Unmodified-Since",
        "Max-Forwards",
        "Pragma",
        "Proxy-Authorization",
        "Proxy-Connection",
        "Range",
        "Request-Range",
        "TE",
        "Trailer",
        "Transfer-Encoding",
        "Upgrade",
        "Via",
        "X-Real-Ip",
    ].map((h) => h.toLowerCase()),
);

/** A published Lambda version's ARN, in us-east-1 (where CloudFront replicates Lambda@Edge from). */
export const EDGE_LAMBDA_VERSION_ARN = /^arn:aws[a-z-]*:lambda:us-east-1:\d{12}:function:[A-Za-z0-9_-]{1,64}:\d+$/;

/** A WAFv2 web ACL of scope CLOUDFRONT: `global` and us-east-1 (https://docs.aws.amazon.com/waf/latest/APIReference/API_WebACL.html). */
export const CLOUDFRONT_WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/;

/**
 * Path patterns: up to 255 characters of `A-Z a-z 0-9 _ - . * $ / ~ " ' @ : +` and `&` (as `&amp;`, not here), `*`
 * and `?` wildcards (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesCacheBehavior.html#DownloadDistValuesPathPattern).
 */
const PATH_PATTERN = /^[A-Za-z0-9_\-.*$/~"'@:+?&]+$/;
/** `/site`, `/a/b`: starts with `/`, no trailing one (CloudFront's origin path). */
const ORIGIN_PATH = /^(\/[A-Za-z0-9_\-.~!$&'()*+,;=:@%]+)+$/;

/**
 * The error codes a distribution may customize, and the codes it may answer with instead (200 for a single-page app)
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesErrorPages.html).
 */
export const ERROR_CODES = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504] as const;
export const ERROR_RESPONSE_CODES = [200, ...ERROR_CODES] as const;

/**
 * A default root object: an object name, no leading `/`, at most 255 characters of `A-Z a-z 0-9 _ - . * $ / ~ " ' &`;
 * CloudFront refuses others with `InvalidDefaultRootObject`
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DefaultRootObject.html, and `DefaultRootObject`
 * in the API's DistributionConfig).
 */
const DEFAULT_ROOT_OBJECT = /^[A-Za-z0-9_\-.*$~"'&][A-Za-z0-9_\-.*$/~"'&]{0,254}$/;
/** An error page: a path starting with `/`, without query or fragment, at most 4000 characters (`ResponsePagePath`). */
const RESPONSE_PAGE_PATH = /^\/[^\s?#]{0,3999}$/;

const CLOUDFRONT_FUNCTION_RUNTIME_NOTE = "a CloudFront Function (cloudfront-js-2.0) with a function named handler";

/** Why a CloudFront Function's source is refused (size, syntax, no handler), or undefined. Does not run it. */
export function functionCodeProblem(code: string): string | undefined {
    const bytes = Buffer.byteLength(code, "utf8");
    if (bytes > CLOUDFRONT_FUNCTION_MAX_BYTES) return `is ${bytes} bytes; CloudFront allows at most ${CLOUDFRONT_FUNCTION_MAX_BYTES} (10 KB)`;
    // `import cf from 'cloudfront'` is a module statement a plain script cannot parse: check the rest of the source.
    let script: string;
    try {
        script = rewriteCloudFrontImports(code, (id) => `var ${id};`);
    } catch (e) {
        if (e instanceof CloudFrontImportError) return `imports '${e.module}'; cloudfront-js-2.0 has only ${CLOUDFRONT_FUNCTION_MODULES.join(" and ")}`;
        throw e;
    }
    try {
        new vm.Script(script, { filename: "function.js" });
    } catch (e) {
        return `does not compile: ${(e as Error).message}`;
    }
    if (!/\bfunction\s+handler\s*\(/.test(script)) return "has no function named handler";
    return undefined;
}

const knownKeys = (rec: Record<string, unknown>) => Object.keys(rec).join(", ") || "(none)";

function checkOrigins(issues: Issues, cfg: ResolvedEdgeFunctions): void {
    if (Object.keys(cfg.origins).length === 0) issues.add("origins", {}, "is empty", 'one origin or more, e.g. { site: { kind: "bucket" } }');
    for (const [key, o] of Object.entries(cfg.origins)) {
        const path = `origins.${key}`;
        issues.key(path, key);
        if (o.originPath !== undefined)
            issues.match(`${path}.originPath`, o.originPath, ORIGIN_PATH, 'a path starting with "/" and not ending with one, e.g. "/site"');
        if (o.kind !== "http") continue;
        checkDomainName(issues, `${path}.domainName`, o.domainName);
        issues.int(`${path}.httpsPort`, o.httpsPort, 1, 65535);
        issues.int(`${path}.httpPort`, o.httpPort, 1, 65535);
        issues.int(`${path}.readTimeoutSeconds`, o.readTimeoutSeconds, ...CLOUDFRONT_LIMITS.originReadTimeoutSeconds, " seconds (more needs a quota increase)");
        issues.int(`${path}.keepaliveTimeoutSeconds`, o.keepaliveTimeoutSeconds, ...CLOUDFRONT_LIMITS.originKeepaliveTimeoutSeconds, " seconds");
        const headerCount = Object.keys(o.customHeaders).length;
        if (headerCount > CLOUDFRONT_LIMITS.originCustomHeaders)
            issues.add(`${path}.customHeaders`, headerCount, "names too many headers", `at most ${CLOUDFRONT_LIMITS.originCustomHeaders} per origin (a quota)`);
        for (const h of Object.keys(o.customHeaders)) {
            const p = `${path}.customHeaders.${h}`;
            if (!HTTP_HEADER_NAME.test(h)) issues.add(p, h, "is not an HTTP header name", "letters, digits and !#$%&'*+.^_`|~-");
            else if (CUSTOM_HEADER_DENYLIST.has(h.toLowerCase()) || /^x-(amz|edge)-/i.test(h))
                issues.add(p, h, "is a header CloudFront does not let origins' custom headers set", "another name, e.g. x-origin-verify");
        }
    }
}

/** Path patterns are matched with or without the leading `/`: `/api/*` and `api/*` are one pattern. */
const samePattern = (p: string) => p.replace(/^\//, "");

function checkBehaviors(issues: Issues, cfg: ResolvedEdgeFunctions): void {
    const entries = Object.entries(cfg.behaviors);
    if (entries.length > CLOUDFRONT_LIMITS.behaviors)
        issues.add("behaviors", entries.length, "has too many behaviors", `at most ${CLOUDFRONT_LIMITS.behaviors} per distribution (a quota)`);
    const seen = new Map<string, string>();
    for (const [pattern, b] of entries) {
        const path = `behaviors.${pattern}`;
        if (pattern.length === 0 || pattern.length > CLOUDFRONT_LIMITS.pathPatternChars || !PATH_PATTERN.test(pattern) || pattern === "*" || pattern === "/*")
            issues.add(
                path,
                pattern,
                pattern === "*" || pattern === "/*" ? "is the default behavior's pattern" : "is not a path pattern",
                `up to ${CLOUDFRONT_LIMITS.pathPatternChars} characters of letters, digits and _-.*$/~"'@:+?, e.g. "/api/*" or "*.jpg" (use defaultBehavior for "*")`,
            );
        const other = seen.get(samePattern(pattern));
        if (other !== undefined) issues.add(path, pattern, `is the same pattern as "${other}" (CloudFront ignores the leading "/")`, "each pattern once");
        seen.set(samePattern(pattern), pattern);
        checkBehavior(issues, cfg, path, b);
    }
    checkBehavior(issues, cfg, "defaultBehavior", cfg.defaultBehavior);
}

/** Whether an origin request policy (managed, or a key of `originRequestPolicies`) forwards the viewer's Host header. */
function forwardsHost(cfg: ResolvedEdgeFunctions, originRequest: string): boolean {
    if (originRequest === "AllViewer" || originRequest === "AllViewerAndCloudFrontHeaders-2022-06") return true;
    if (!Object.hasOwn(cfg.originRequestPolicies, originRequest)) return false;
    const headers = cfg.originRequestPolicies[originRequest].headers;
    return headers === "all" || (Array.isArray(headers) && headers.some(isHost));
}

const isHost = (h: string) => h.toLowerCase() === "host";

function checkBehavior(issues: Issues, cfg: ResolvedEdgeFunctions, path: string, b: ResolvedBehavior): void {
    if (!Object.hasOwn(cfg.origins, b.origin)) issues.add(`${path}.origin`, b.origin, "is not a key of origins", knownKeys(cfg.origins));
    if (!Object.hasOwn(MANAGED_CACHE_POLICY_IDS, b.cache) && !Object.hasOwn(cfg.cachePolicies, b.cache))
        issues.add(
            `${path}.cache`,
            b.cache,
            "is neither a managed cache policy nor a key of cachePolicies",
            [...Object.keys(MANAGED_CACHE_POLICY_IDS), ...Object.keys(cfg.cachePolicies)].join(", "),
        );
    if (
        b.originRequest !== undefined &&
        !Object.hasOwn(MANAGED_ORIGIN_REQUEST_POLICY_IDS, b.originRequest) &&
        !Object.hasOwn(cfg.originRequestPolicies, b.originRequest)
    )
        issues.add(
            `${path}.originRequest`,
            b.originRequest,
            "is neither a managed origin request policy nor a key of originRequestPolicies",
            [...Object.keys(MANAGED_ORIGIN_REQUEST_POLICY_IDS), ...Object.keys(cfg.originRequestPolicies)].join(", "),
        );
    // S3 answers a request carrying the viewer's Host header (not the bucket's) with an error: forward it only to custom
    // origins. The managed AllViewer policies forward it, and so does a policy of ours with headers "all" or "Host".
    if (cfg.origins[b.origin]?.kind === "bucket" && Object.hasOwn(cfg.cachePolicies, b.cache) && cfg.cachePolicies[b.cache].headers.some(isHost))
        issues.add(
            `${path}.cache`,
            b.cache,
            "puts the viewer's Host header in the cache key, which forwards it to the S3 origin, which refuses it",
            "a cache policy without Host for an S3 origin",
        );
    if (cfg.origins[b.origin]?.kind === "bucket" && b.originRequest !== undefined && forwardsHost(cfg, b.originRequest))
        issues.add(
            `${path}.originRequest`,
            b.originRequest,
            "forwards the viewer's Host header, which an S3 origin refuses",
            'no originRequest, "CORS-S3Origin" or "AllViewerExceptHostHeader"',
        );
    for (const [event, fn] of Object.entries(b.functions)) {
        const p = `${path}.functions.${event}`;
        if (!(FUNCTION_EVENTS as readonly string[]).includes(event)) {
            issues.add(
                `${path}.functions`,
                event,
                (EDGE_EVENT_TYPES as readonly string[]).includes(event)
                    ? "is an origin event: CloudFront Functions run at viewer events only"
                    : "is not an event CloudFront runs functions at",
                '"viewer-request", "viewer-response" (a Lambda@Edge function in edgeLambdas for origin events)',
            );
            continue;
        }
        if (!Object.hasOwn(cfg.functions, fn as string)) issues.add(p, fn, "is not a key of functions", knownKeys(cfg.functions));
    }
    for (const [event, a] of Object.entries(b.edgeLambdas)) {
        const p = `${path}.edgeLambdas.${event}`;
        if (!(EDGE_EVENT_TYPES as readonly string[]).includes(event)) {
            issues.add(`${path}.edgeLambdas`, event, "is not an event CloudFront runs Lambda@Edge at", EDGE_EVENT_TYPES.map((e) => `"${e}"`).join(", "));
            continue;
        }
        // One function per event type of a behavior: CloudFront refuses a CloudFront Function and a Lambda@Edge
        // function on the same event (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-restrictions.html).
        if (Object.hasOwn(b.functions, event))
            issues.add(
                p,
                a,
                `is on the event the CloudFront Function "${b.functions[event as FunctionEvent]}" takes`,
                "one function per event type of a behavior",
            );
        const key = associationKey(a);
        if (key !== undefined && !Object.hasOwn(cfg.edgeLambdas, key))
            issues.add(
                typeof a === "string" ? p : `${p}.lambda`,
                key,
                "is not a key of edgeLambdas",
                `${knownKeys(cfg.edgeLambdas)}, or { qualifiedArn } of a published version`,
            );
        if (typeof a === "object" && "qualifiedArn" in a) checkQualifiedArn(issues, `${p}.qualifiedArn`, a.qualifiedArn);
        // The body is offered to request events only (IncludeBody; https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-include-body-access.html).
        if (typeof a === "object" && a.includeBody === true && event.endsWith("-response"))
            issues.add(`${p}.includeBody`, true, "is for request events only", "includeBody on viewer-request or origin-request");
    }
}

/** A published Lambda@Edge version: us-east-1, a version number (never `$LATEST`, never an alias). */
export function checkQualifiedArn(issues: Issues, path: string, arn: unknown): boolean {
    if (!isPlain(arn)) return true;
    if (typeof arn === "string" && EDGE_LAMBDA_VERSION_ARN.test(arn)) return true;
    const allowed = "a published version's ARN, arn:aws:lambda:us-east-1:<account>:function:<name>:<number>";
    if (typeof arn === "string" && arn.endsWith(":$LATEST")) return issues.add(path, arn, "is $LATEST: CloudFront needs a numbered version", allowed);
    const region = typeof arn === "string" ? /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):/.exec(arn)?.[1] : undefined;
    if (region !== undefined && region !== "us-east-1") return issues.add(path, arn, `is in ${region}: Lambda@Edge functions live in us-east-1`, allowed);
    return issues.add(path, arn, "is not a numbered version's ARN (an alias or an unqualified ARN?)", allowed);
}

function checkSelection(issues: Issues, path: string, s: string[] | string, allowAll: boolean): void {
    if (typeof s === "string") {
        issues.oneOf(path, s, allowAll ? ["none", "all"] : ["none"]);
        return;
    }
    if (s.length === 0) issues.add(path, [], "is empty", '"none", or one name or more');
    if (s.length > CLOUDFRONT_LIMITS.policyNames) issues.add(path, s.length, "names too many values", `at most ${CLOUDFRONT_LIMITS.policyNames} (a quota)`);
}

function checkPolicies(issues: Issues, cfg: ResolvedEdgeFunctions): void {
    const all = allBehaviors(cfg);
    for (const [key, p] of Object.entries(cfg.cachePolicies) as [string, ResolvedCachePolicy][]) {
        const path = `cachePolicies.${key}`;
        issues.key(path, key);
        const max = CLOUDFRONT_LIMITS.maxTtlSeconds;
        issues.int(`${path}.minTtlSeconds`, p.minTtlSeconds, 0, max, " seconds");
        issues.int(`${path}.defaultTtlSeconds`, p.defaultTtlSeconds, 0, max, " seconds");
        issues.int(`${path}.maxTtlSeconds`, p.maxTtlSeconds, 0, max, " seconds");
        if (p.minTtlSeconds > p.defaultTtlSeconds || p.defaultTtlSeconds > p.maxTtlSeconds)
            issues.add(
                `${path}.defaultTtlSeconds`,
                p.defaultTtlSeconds,
                `is not between minTtlSeconds (${p.minTtlSeconds}) and maxTtlSeconds (${p.maxTtlSeconds})`,
                "min ≤ default ≤ max",
            );
        if (p.headers.length > CLOUDFRONT_LIMITS.policyNames)
            issues.add(`${path}.headers`, p.headers.length, "names too many headers", `at most ${CLOUDFRONT_LIMITS.policyNames} (a quota)`);
        p.headers.forEach((h, i) => {
            if (!issues.match(`${path}.headers[${i}]`, h, HTTP_HEADER_NAME, "an HTTP header name")) return;
            // The policy normalizes Accept-Encoding itself (EnableAcceptEncodingGzip/Brotli, on whenever it caches);
            // CreateCachePolicy refuses the header named as well (aws-cloudformation/cloudformation-coverage-roadmap#571).
            if (h.toLowerCase() === "accept-encoding")
                issues.add(`${path}.headers[${i}]`, h, "is put in the cache key by the policy's compression settings", "other headers");
        });
        checkSelection(issues, `${path}.cookies`, p.cookies, true);
        checkSelection(issues, `${path}.queryStrings`, p.queryStrings, true);
        // A policy that caches nothing (every TTL 0) may have no cache key: CloudFront refuses headers, cookies and
        // query strings in it ("invalid for policy with caching disabled"; aws/aws-cdk#16977). Forward them with an
        // origin request policy instead (Authorization: cache for 1 second, or AllViewer).
        if (p.maxTtlSeconds === 0)
            for (const [field, on] of [
                ["headers", p.headers.length > 0],
                ["cookies", p.cookies !== "none"],
                ["queryStrings", p.queryStrings !== "none"],
            ] as const)
                if (on)
                    issues.add(
                        `${path}.${field}`,
                        p[field],
                        "is in the cache key of a policy that caches nothing (every TTL 0), which CloudFront refuses",
                        `none, with an origin request policy forwarding the values; or maxTtlSeconds above 0`,
                    );
        if (!all.some((b) => b.cache === key)) issues.add(path, key, "is used by no behavior", "a behavior whose cache names it, or remove it");
    }
    for (const [key, p] of Object.entries(cfg.originRequestPolicies) as [string, ResolvedOriginRequestPolicy][]) {
        const path = `originRequestPolicies.${key}`;
        issues.key(path, key);
        checkSelection(issues, `${path}.headers`, p.headers, true);
        // A cache policy forwards these: an origin request policy may not name them (CreateOriginRequestPolicy).
        if (Array.isArray(p.headers))
            p.headers.forEach((h, i) => {
                if (!HTTP_HEADER_NAME.test(h)) issues.add(`${path}.headers[${i}]`, h, "is not an HTTP header name", "an HTTP header name");
                else if (["authorization", "accept-encoding"].includes(h.toLowerCase()))
                    issues.add(`${path}.headers[${i}]`, h, "can only be forwarded by a cache policy", "put it in the cache policy's headers");
            });
        checkSelection(issues, `${path}.cookies`, p.cookies, true);
        checkSelection(issues, `${path}.queryStrings`, p.queryStrings, true);
        if (!all.some((b) => b.originRequest === key)) issues.add(path, key, "is used by no behavior", "a behavior whose originRequest names it, or remove it");
    }
}

function checkFunctions(issues: Issues, cfg: ResolvedEdgeFunctions): void {
    const used = new Set(allBehaviors(cfg).flatMap((b) => Object.values(b.functions)));
    for (const [key, f] of Object.entries(cfg.functions)) {
        const path = `functions.${key}`;
        issues.key(path, key);
        const problem = functionCodeProblem(f.code);
        if (problem) issues.add(`${path}.code`, `(${Buffer.byteLength(f.code, "utf8")} bytes)`, problem, CLOUDFRONT_FUNCTION_RUNTIME_NOTE);
        if (f.comment !== undefined && f.comment.length > CLOUDFRONT_LIMITS.commentChars)
            issues.add(`${path}.comment`, f.comment, `is ${f.comment.length} characters long`, `at most ${CLOUDFRONT_LIMITS.commentChars}`);
        if (!used.has(key)) issues.add(path, key, "is used by no behavior", "a behavior whose functions name it, or remove it");
    }
}

/** The events each `edgeLambdas` entry is attached to, over every behavior, in CloudFront's order. */
export function edgeLambdaEvents(cfg: ResolvedEdgeFunctions): Record<string, EdgeEvent[]> {
    const out: Record<string, EdgeEvent[]> = Object.fromEntries(Object.keys(cfg.edgeLambdas).map((k) => [k, []]));
    for (const b of allBehaviors(cfg))
        for (const event of EDGE_EVENT_TYPES) {
            const a = b.edgeLambdas[event];
            const key = associationKey(a);
            if (key !== undefined && Object.hasOwn(out, key) && !out[key].includes(event)) out[key].push(event);
        }
    return out;
}

/**
 * Each Lambda@Edge function with EdgeLambda's own checks, for the events the behaviors attach it to (its
 * `events` too), under `edgeLambdas.<key>`; one attached to nothing is refused. The child's name (`<name>-<key>`)
 * is checked by the constructor (`childComponentNameIssues`).
 */
function checkEdgeLambdas(issues: Issues, cfg: ResolvedEdgeFunctions): void {
    const events = edgeLambdaEvents(cfg);
    for (const [key, args] of Object.entries(cfg.edgeLambdas)) {
        const path = `edgeLambdas.${key}`;
        if (!issues.key(path, key)) continue;
        if (events[key].length === 0) issues.add(path, key, "is attached to no behavior", "a behavior whose edgeLambdas name it, or remove it");
        issues.list.push(...prefixIssues(path, validateEdgeLambda(args, events[key])));
    }
}

function checkKeyValueStore(issues: Issues, cfg: ResolvedEdgeFunctions): void {
    const keys = Object.entries(cfg.keyValueStore.keys);
    if (keys.length > 0 && !Object.values(cfg.functions).some((f) => f.keyValueStore))
        issues.add("keyValueStore.keys", keys.map(([k]) => k).join(", "), "are read by no function", "a function with keyValueStore: true, or no keys");
    for (const [k, v] of keys) {
        const path = `keyValueStore.keys.${k}`;
        if (k.length > KVS_MAX_KEY_CHARS) issues.add(path, `${k.slice(0, 40)}...`, `is a key of ${k.length} characters`, `at most ${KVS_MAX_KEY_CHARS}`);
        if (typeof v === "string" && v.length > KVS_MAX_VALUE_CHARS)
            issues.add(
                path,
                `(${v.length} characters)`,
                `has a value of ${v.length} characters`,
                `at most ${KVS_MAX_VALUE_CHARS} (split it over several keys)`,
            );
    }
}

function checkResponseHeaders(issues: Issues, cfg: ResolvedEdgeFunctions): void {
    const r = cfg.responseHeaders;
    issues.int("responseHeaders.hstsMaxAgeSeconds", r.hstsMaxAgeSeconds, 0, 2 ** 31 - 1, " seconds");
    if (r.contentSecurityPolicy !== undefined && r.contentSecurityPolicy.length > CLOUDFRONT_LIMITS.contentSecurityPolicyChars)
        issues.add(
            "responseHeaders.contentSecurityPolicy",
            `(${r.contentSecurityPolicy.length} characters)`,
            "is too long",
            `at most ${CLOUDFRONT_LIMITS.contentSecurityPolicyChars} characters`,
        );
}

function checkDomain(issues: Issues, d: NonNullable<ResolvedEdgeFunctions["domain"]>): void {
    if (d.aliases.length === 0) issues.add("domain.aliases", [], "is empty", 'one host name or more, e.g. ["cdn.example.com"]');
    if (d.aliases.length > CLOUDFRONT_LIMITS.aliases)
        issues.add("domain.aliases", d.aliases.length, "has too many names", `at most ${CLOUDFRONT_LIMITS.aliases} (a quota)`);
    const seen = new Set<string>();
    d.aliases.forEach((a, i) => {
        if (checkDomainName(issues, `domain.aliases[${i}]`, a, { wildcard: true }) && seen.has(a))
            issues.add(`domain.aliases[${i}]`, a, "is listed twice", "each alias once");
        seen.add(a);
    });
    // Aliases need a certificate that covers them; CloudFront reads certificates from us-east-1 only
    // (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html#https-requirements-aws-region).
    if (d.certificateArn === undefined) issues.missing("domain.certificateArn", "an ACM certificate in us-east-1 covering every alias");
    else if (checkCertificateArn(issues, "domain.certificateArn", d.certificateArn) && isPlain(d.certificateArn)) {
        const region = ACM_CERTIFICATE_ARN.exec(d.certificateArn)?.[1];
        if (region !== "us-east-1")
            issues.add(
                "domain.certificateArn",
                d.certificateArn,
                `is in ${region}: CloudFront reads certificates from us-east-1 only`,
                "a certificate in us-east-1",
            );
    }
    if (d.hostedZoneId !== undefined) checkHostedZoneId(issues, "domain.hostedZoneId", d.hostedZoneId);
    issues.oneOf("domain.minimumProtocolVersion", d.minimumProtocolVersion, MINIMUM_PROTOCOL_VERSIONS);
}

function checkWebAcl(issues: Issues, arn: unknown): void {
    if (!isPlain(arn)) return;
    const allowed = "a WAFv2 web ACL of scope CLOUDFRONT: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>";
    if (typeof arn === "string" && CLOUDFRONT_WEB_ACL_ARN.test(arn)) return;
    if (typeof arn === "string" && /:wafv2:[a-z0-9-]+:\d{12}:regional\//.test(arn))
        issues.add("webAclArn", arn, "is a REGIONAL web ACL: CloudFront takes CLOUDFRONT-scope (global) ones only", allowed);
    else issues.add("webAclArn", arn, "is not a CloudFront web ACL ARN (WAF Classic ids are not supported)", allowed);
}

/** WAF refuses two rules of one name, and rate limits outside 10–2,000,000,000 (https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html). */
function checkCreatedWebAcl(issues: Issues, w: NonNullable<ResolvedEdgeFunctions["webAcl"]>, withArn: boolean): void {
    if (withArn) issues.add("webAcl", w, "is set with webAclArn: a distribution has one web ACL", "webAcl (create one) or webAclArn (use yours), not both");
    const seen = new Set<string>();
    for (const g of w.managedRuleGroups) {
        if (seen.has(g)) issues.add("webAcl.managedRuleGroups", g, "is listed twice (WAF refuses two rules of one name)", "each rule group once");
        seen.add(g);
    }
    const r = w.rateLimitPer5Minutes;
    if (r !== false && (!Number.isInteger(r) || r < RATE_LIMIT.min || r > RATE_LIMIT.max))
        issues.add("webAcl.rateLimitPer5Minutes", r, "is out of range", `an integer ${RATE_LIMIT.min}–${RATE_LIMIT.max}, or false`);
}

function checkDefaultRootObject(issues: Issues, cfg: ResolvedEdgeFunctions): void {
    const o = cfg.defaultRootObject;
    if (o === undefined || DEFAULT_ROOT_OBJECT.test(o)) return;
    const allowed = 'an object name without a leading "/", at most 255 characters of A-Z a-z 0-9 _-.*$/~"\'&, e.g. "index.html"';
    if (o === "") issues.add("defaultRootObject", o, "is empty", `${allowed}, or false for none`);
    else if (o.startsWith("/")) issues.add("defaultRootObject", o, 'starts with "/": CloudFront takes the object name only', allowed);
    else issues.add("defaultRootObject", o, o.length > 255 ? `is ${o.length} characters long` : "has a character CloudFront refuses", allowed);
}

function checkErrorResponses(issues: Issues, cfg: ResolvedEdgeFunctions): void {
    for (const [code, e] of Object.entries(cfg.errorResponses)) {
        const path = `errorResponses.${code}`;
        // The key as written: "0404" would be a second 404, which CloudFront refuses.
        if (!ERROR_CODES.map(String).includes(code)) {
            issues.add(path, code, "is not an error code CloudFront lets a distribution customize", ERROR_CODES.join(", "));
            continue;
        }
        // CloudFront sends a response code with a page only (ResponseCode and ResponsePagePath go together).
        if (e.responsePagePath === undefined && e.responseCode !== undefined)
            issues.add(`${path}.responseCode`, e.responseCode, "is set without responsePagePath", "a responsePagePath too, or no responseCode");
        else if (e.responseCode !== undefined) issues.oneOf(`${path}.responseCode`, e.responseCode, ERROR_RESPONSE_CODES);
        issues.match(`${path}.responsePagePath`, e.responsePagePath, RESPONSE_PAGE_PATH, 'a path starting with "/", at most 4000 characters, e.g. "/404.html"');
        if (!Number.isInteger(e.cachingMinTtlSeconds) || e.cachingMinTtlSeconds < 0)
            issues.add(`${path}.cachingMinTtlSeconds`, e.cachingMinTtlSeconds, "is not a number of seconds", "an integer, 0 or more");
    }
}

/** Whether a path pattern matches the root URL `/` (`*` any characters, `?` one; the leading `/` is optional). */
export function patternMatchesRoot(pattern: string): boolean {
    const glob = samePattern(pattern)
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${glob}$`).test("");
}

/**
 * With `s3:ListBucket`, `GET /` on the bucket lists its keys. The origin answering the root URL (the first behavior
 * whose pattern matches `/`, else the default one) may have it only when a default root object replaces `/`; with an
 * `originPath`, `/` reaches `<originPath>/`, an object key (a 404), never the listing.
 */
function checkListBucket(issues: Issues, cfg: ResolvedEdgeFunctions): void {
    if (cfg.defaultRootObject !== undefined) return;
    const root = Object.entries(cfg.behaviors).find(([pattern]) => patternMatchesRoot(pattern))?.[1] ?? cfg.defaultBehavior;
    const o = Object.hasOwn(cfg.origins, root.origin) ? cfg.origins[root.origin] : undefined;
    if (o?.kind === "bucket" && o.listBucket && o.originPath === undefined)
        issues.add(
            `origins.${root.origin}.listBucket`,
            true,
            "would let a request for / list the bucket's keys: the origin answers / and no defaultRootObject replaces it",
            'a defaultRootObject (e.g. "index.html"), an originPath, or listBucket: false',
        );
}

/**
 * An EdgeFunctions' args: shape first, then `normalize`, then the value rules on the resolved values, every issue
 * at once. No resources.
 */
export function validate(args: EdgeFunctionsArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, EDGE_FUNCTIONS_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkOrigins(issues, cfg);
    checkBehaviors(issues, cfg);
    checkDefaultRootObject(issues, cfg);
    checkErrorResponses(issues, cfg);
    checkListBucket(issues, cfg);
    const used = new Set(allBehaviors(cfg).map((b) => b.origin));
    for (const key of Object.keys(cfg.origins))
        if (!used.has(key)) issues.add(`origins.${key}`, key, "is used by no behavior", "a behavior whose origin names it, or remove it");
    checkPolicies(issues, cfg);
    checkFunctions(issues, cfg);
    checkEdgeLambdas(issues, cfg);
    checkKeyValueStore(issues, cfg);
    checkResponseHeaders(issues, cfg);
    if (cfg.domain) checkDomain(issues, cfg.domain);
    checkWebAcl(issues, cfg.webAclArn);
    if (cfg.webAcl) checkCreatedWebAcl(issues, cfg.webAcl, cfg.webAclArn !== undefined);
    if (cfg.logging) {
        issues.oneOf("logging.retentionDays", cfg.logging.retentionDays, LOG_RETENTION_DAYS);
        issues.oneOf("logging.outputFormat", cfg.logging.outputFormat, LOG_GROUP_OUTPUT_FORMATS);
    }
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
