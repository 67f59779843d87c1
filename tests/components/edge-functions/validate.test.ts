import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { EdgeFunctions, EdgeFunctionsArgs } from "../../../components/edge-functions";
import { DEFAULTS, normalize } from "../../../components/edge-functions/defaults";
import { ERROR_CODES, functionCodeProblem, patternMatchesRoot, validate } from "../../../components/edge-functions/validate";
import { ArgsError } from "../../../components/shared/errors";
import { CLOUDFRONT_FUNCTION_MAX_BYTES, KVS_MAX_KEY_CHARS, KVS_MAX_VALUE_CHARS } from "../../../components/shared/limits/cloudfront";
import * as testing from "../../../components/testing";
import { buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { itRefuses } from "../../harness/refusals";
import { CERTIFICATE, FULL, MINIMAL, ROUTER_V3 } from "./fixtures";

const with_ = (extra: Partial<EdgeFunctionsArgs>): EdgeFunctionsArgs => ({ ...MINIMAL, ...extra });
/** MINIMAL with one function `f` of `code` on the default behavior's viewer request. */
const withCode = (code: string): EdgeFunctionsArgs =>
    with_({ defaultBehavior: { origin: "site", functions: { "viewer-request": "f" } }, functions: { f: { code } } });
const HANDLER = "async function handler(event) { return event.request; }\n";
const domain = (extra: Partial<NonNullable<EdgeFunctionsArgs["domain"]>>) =>
    with_({ domain: { aliases: ["cdn.example.com"], certificateArn: CERTIFICATE, ...extra } });

describe("EdgeFunctions validation", () => {
    it("documents every optional argument's default as DEFAULTS holds it", () => {
        assertDefaultsDocumented("components/edge-functions/args.ts", DEFAULTS);
    });

    it("accepts the minimal and the full example", () => {
        assert.deepEqual(validate(MINIMAL), []);
        assert.deepEqual(validate(FULL), []);
    });

    it("gives validate the same verdict on normalize's output as on the args", () => {
        const resolved = normalize(FULL);
        assert.deepEqual(validate({ ...FULL, ...resolved, logging: resolved.logging, domain: resolved.domain } as EdgeFunctionsArgs), []);
    });

    const resolvedCases: Array<{ title: string; args: EdgeFunctionsArgs; resolved: Partial<ReturnType<typeof normalize>> }> = [
        {
            title: "defaults the root object to index.html when the default behavior's origin is a bucket",
            args: MINIMAL,
            resolved: { defaultRootObject: "index.html", errorResponses: {} },
        },
        {
            title: "sets no root object when the default behavior's origin is an HTTP origin",
            args: { origins: { api: { kind: "http", domainName: "api.example.com" } }, defaultBehavior: { origin: "api" } },
            resolved: { defaultRootObject: undefined },
        },
        { title: "sets no root object with defaultRootObject: false", args: with_({ defaultRootObject: false }), resolved: { defaultRootObject: undefined } },
        {
            title: "keeps a given root object whatever the origin",
            args: { origins: { api: { kind: "http", domainName: "api.example.com" } }, defaultBehavior: { origin: "api" }, defaultRootObject: "home.html" },
            resolved: { defaultRootObject: "home.html" },
        },
        {
            title: "answers an error page with the error's own code unless told, caching errors 10 seconds",
            args: with_({ errorResponses: { 404: { responsePagePath: "/404.html" }, 403: { responsePagePath: "/index.html", responseCode: 200 } } }),
            resolved: {
                errorResponses: {
                    403: { responsePagePath: "/index.html", responseCode: 200, cachingMinTtlSeconds: 10 },
                    404: { responsePagePath: "/404.html", responseCode: 404, cachingMinTtlSeconds: 10 },
                },
            },
        },
        {
            title: "keeps a caching TTL of 0 and sends no code without a page",
            args: with_({ errorResponses: { 503: { cachingMinTtlSeconds: 0 } } }),
            resolved: { errorResponses: { 503: { responsePagePath: undefined, responseCode: undefined, cachingMinTtlSeconds: 0 } } },
        },
        {
            title: "leaves ListBucket off a bucket origin unless asked",
            args: with_({ origins: { site: { kind: "bucket" }, logs: { kind: "bucket", listBucket: true } } }),
            resolved: {
                origins: {
                    site: { kind: "bucket", originPath: undefined, listBucket: false },
                    logs: { kind: "bucket", originPath: undefined, listBucket: true },
                },
            },
        },
    ];
    for (const c of resolvedCases)
        it(c.title, () => {
            const resolved = normalize(c.args);
            for (const [k, v] of Object.entries(c.resolved)) assert.deepStrictEqual(resolved[k as keyof typeof resolved], v, k);
        });

    it("keeps the testing kit's CloudFront constants the component's own (one source)", () => {
        assert.equal(testing.CLOUDFRONT_FUNCTION_MAX_BYTES, CLOUDFRONT_FUNCTION_MAX_BYTES);
        assert.equal(testing.KVS_MAX_KEY_CHARS, KVS_MAX_KEY_CHARS);
        assert.equal(testing.KVS_MAX_VALUE_CHARS, KVS_MAX_VALUE_CHARS);
    });

    it("accepts every CloudFront Function of functions/edge as code", () => {
        const dir = path.resolve(__dirname, "../../../functions/edge");
        const files = fs.readdirSync(dir).filter((f) => f.endsWith(".js"));
        assert.ok(files.length >= 3, files.join(", "));
        for (const f of files) assert.equal(functionCodeProblem(fs.readFileSync(path.join(dir, f), "utf8")), undefined, f);
    });

    it("accepts code of exactly 10 KB and refuses one byte more", () => {
        const exact = HANDLER + "/".repeat(2) + "x".repeat(CLOUDFRONT_FUNCTION_MAX_BYTES - HANDLER.length - 2);
        assert.equal(Buffer.byteLength(exact), CLOUDFRONT_FUNCTION_MAX_BYTES);
        assert.equal(functionCodeProblem(exact), undefined);
        assert.match(functionCodeProblem(`${exact}x`) ?? "", /10241 bytes/);
    });

    it("counts the size in UTF-8 bytes, not characters", () => {
        const chars = CLOUDFRONT_FUNCTION_MAX_BYTES - HANDLER.length - 2;
        // "é" is two bytes: half as many characters already exceed the limit.
        assert.match(functionCodeProblem(`${HANDLER}//${"é".repeat(Math.ceil(chars / 2) + 1)}`) ?? "", /bytes; CloudFront allows at most 10240/);
    });

    it("lists every issue of one bad input at once, registering nothing", async () => {
        const bad = with_({
            origins: { site: { kind: "bucket" }, spare: { kind: "bucket" } },
            defaultBehavior: { origin: "nowhere", cache: "Caching" },
            priceClass: "PriceClass_50" as never,
        });
        const paths = validate(bad).map((i) => i.path);
        assert.deepEqual(paths, ["priceClass"]);
        const good = with_({ origins: { site: { kind: "bucket" }, spare: { kind: "bucket" } }, defaultBehavior: { origin: "nowhere", cache: "Caching" } });
        assert.deepEqual(
            validate(good).map((i) => i.path),
            ["defaultBehavior.origin", "defaultBehavior.cache", "origins.site", "origins.spare"],
        );
        const { error, registry } = await buildFails(() => new EdgeFunctions("cdn", good));
        assert.ok(error instanceof ArgsError);
        assert.match(error.message, /^EdgeFunctions "cdn": 4 invalid arguments/);
        assert.equal(registry.size, 0);
    });

    it("accepts listBucket with the default root object, with an originPath, and on a bucket that does not answer /", () => {
        assert.deepEqual(validate(with_({ origins: { site: { kind: "bucket", listBucket: true } } })), []);
        assert.deepEqual(validate(with_({ origins: { site: { kind: "bucket", listBucket: true, originPath: "/site" } }, defaultRootObject: false })), []);
        const behindApi: EdgeFunctionsArgs = {
            origins: { api: { kind: "http", domainName: "api.example.com" }, site: { kind: "bucket", listBucket: true } },
            defaultBehavior: { origin: "api" },
            behaviors: { "/assets/*": { origin: "site" } },
        };
        assert.deepEqual(validate(behindApi), []);
    });

    it("accepts every error code CloudFront customizes, answered with 200 or with an error code", () => {
        const all = Object.fromEntries(ERROR_CODES.map((code) => [code, { responsePagePath: "/error.html", responseCode: 200 }]));
        assert.deepEqual(validate(with_({ errorResponses: all })), []);
        assert.deepEqual(validate(with_({ errorResponses: { 404: { responsePagePath: "/404.html", responseCode: 410 as never } } })).length, 1);
        assert.deepEqual(validate(with_({ errorResponses: { 502: { responsePagePath: "/busy.html", responseCode: 503, cachingMinTtlSeconds: 0 } } })), []);
    });

    it("finds the patterns that match the root URL /", () => {
        assert.deepEqual(
            ["/", "*", "/*", "/?*", "/index.html", "*.html", "/assets/*", "?"].map((p) => [p, patternMatchesRoot(p)]),
            [
                ["/", true],
                ["*", true],
                ["/*", true],
                ["/?*", false],
                ["/index.html", false],
                ["*.html", false],
                ["/assets/*", false],
                ["?", false],
            ],
        );
    });

    it("refuses a distribution without origins, and the behavior that names one", () => {
        assert.deepEqual(
            validate({ origins: {}, defaultBehavior: { origin: "site" } }).map((i) => `${i.path} ${i.message}`),
            ["origins is empty", "defaultBehavior.origin is not a key of origins"],
        );
    });

    const cases: Array<{ title: string; args: EdgeFunctionsArgs; path: string; message: RegExp }> = [
        {
            title: "refuses an origin kind it does not know",
            args: with_({ origins: { site: { kind: "ftp" } as never } }),
            path: "origins.site.kind",
            message: /is not supported/,
        },
        {
            title: "refuses an origin no behavior uses",
            args: with_({ origins: { site: { kind: "bucket" }, old: { kind: "http", domainName: "old.example.com" } } }),
            path: "origins.old",
            message: /is used by no behavior/,
        },
        {
            title: "refuses an origin path with a trailing slash",
            args: with_({ origins: { site: { kind: "bucket", originPath: "/site/" } } }),
            path: "origins.site.originPath",
            message: /is malformed/,
        },
        {
            title: "refuses an HTTP origin's domain that is a URL",
            args: with_({ origins: { site: { kind: "http", domainName: "https://api.example.com" } } }),
            path: "origins.site.domainName",
            message: /host name/,
        },
        {
            title: "refuses a read timeout above 60 seconds",
            args: with_({ origins: { site: { kind: "http", domainName: "api.example.com", readTimeoutSeconds: 90 } } }),
            path: "origins.site.readTimeoutSeconds",
            message: /from 1 to 60/,
        },
        {
            title: "refuses a custom origin header CloudFront reserves",
            args: with_({ origins: { site: { kind: "http", domainName: "api.example.com", customHeaders: { Host: "x" } } } }),
            path: "origins.site.customHeaders.Host",
            message: /does not let origins' custom headers set/,
        },
        {
            title: "refuses more than 10 custom headers on one origin",
            args: with_({
                origins: {
                    site: {
                        kind: "http",
                        domainName: "api.example.com",
                        customHeaders: Object.fromEntries(Array.from({ length: 11 }, (_v, i) => [`x-h${i}`, "v"])),
                    },
                },
            }),
            path: "origins.site.customHeaders",
            message: /at most 10 per origin/,
        },
        {
            title: "refuses a behavior naming an unknown origin",
            args: with_({ behaviors: { "/api/*": { origin: "api" } } }),
            path: "behaviors./api/*.origin",
            message: /is not a key of origins; allowed: site/,
        },
        {
            title: "refuses an unknown cache policy, naming the managed ones",
            args: with_({ defaultBehavior: { origin: "site", cache: "Disabled" } }),
            path: "defaultBehavior.cache",
            message: /CachingDisabled/,
        },
        {
            title: "refuses an unknown origin request policy",
            args: with_({ defaultBehavior: { origin: "site", originRequest: "AllViewerExceptHost" } }),
            path: "defaultBehavior.originRequest",
            message: /AllViewerExceptHostHeader/,
        },
        {
            title: "refuses forwarding the viewer's Host header to an S3 origin",
            args: with_({ defaultBehavior: { origin: "site", originRequest: "AllViewer" } }),
            path: "defaultBehavior.originRequest",
            message: /an S3 origin refuses/,
        },
        {
            title: "refuses an origin request policy of its own forwarding every viewer header to an S3 origin",
            args: with_({ defaultBehavior: { origin: "site", originRequest: "o" }, originRequestPolicies: { o: { headers: "all" } } }),
            path: "defaultBehavior.originRequest",
            message: /an S3 origin refuses/,
        },
        {
            title: "refuses a cache key with the Host header on an S3 origin (the key is forwarded)",
            args: with_({ defaultBehavior: { origin: "site", cache: "c" }, cachePolicies: { c: { headers: ["host"] } } }),
            path: "defaultBehavior.cache",
            message: /S3 origin, which refuses it/,
        },
        {
            title: "refuses an invalid path pattern",
            args: with_({ behaviors: { "/api/{id}": { origin: "site" } } }),
            path: "behaviors./api/{id}",
            message: /is not a path pattern/,
        },
        {
            title: "refuses the default pattern as an ordered behavior",
            args: with_({ behaviors: { "*": { origin: "site" } } }),
            path: "behaviors.*",
            message: /default behavior's pattern/,
        },
        {
            title: "refuses two patterns that differ only by the leading slash",
            args: with_({ behaviors: { "/img/*": { origin: "site" }, "img/*": { origin: "site" } } }),
            path: "behaviors.img/*",
            message: /same pattern as "\/img\/\*"/,
        },
        {
            title: "refuses a CloudFront Function on an origin event",
            args: with_({ defaultBehavior: { origin: "site", functions: { "origin-request": "f" } as never }, functions: { f: { code: HANDLER } } }),
            path: "defaultBehavior.functions",
            message: /origin event: CloudFront Functions run at viewer events only/,
        },
        {
            title: "refuses a behavior naming an unknown function",
            args: with_({ defaultBehavior: { origin: "site", functions: { "viewer-request": "nope" } } }),
            path: "defaultBehavior.functions.viewer-request",
            message: /is not a key of functions/,
        },
        {
            title: "refuses a function no behavior uses",
            args: with_({ functions: { f: { code: HANDLER } } }),
            path: "functions.f",
            message: /is used by no behavior/,
        },
        {
            title: "refuses a CloudFront Function and a Lambda@Edge function on the same event",
            args: with_({
                defaultBehavior: { origin: "site", functions: { "viewer-request": "f" }, edgeLambdas: { "viewer-request": { qualifiedArn: ROUTER_V3 } } },
                functions: { f: { code: HANDLER } },
            }),
            path: "defaultBehavior.edgeLambdas.viewer-request",
            message: /one function per event type/,
        },
        {
            title: "refuses a Lambda@Edge $LATEST",
            args: with_({
                defaultBehavior: {
                    origin: "site",
                    edgeLambdas: { "origin-request": { qualifiedArn: "arn:aws:lambda:us-east-1:123456789012:function:router:$LATEST" } },
                },
            }),
            path: "defaultBehavior.edgeLambdas.origin-request.qualifiedArn",
            message: /is \$LATEST/,
        },
        {
            title: "refuses a Lambda@Edge version outside us-east-1",
            args: with_({
                defaultBehavior: {
                    origin: "site",
                    edgeLambdas: { "origin-request": { qualifiedArn: "arn:aws:lambda:eu-west-1:123456789012:function:router:3" } },
                },
            }),
            path: "defaultBehavior.edgeLambdas.origin-request.qualifiedArn",
            message: /is in eu-west-1: Lambda@Edge functions live in us-east-1/,
        },
        {
            title: "refuses a Lambda@Edge alias ARN",
            args: with_({
                defaultBehavior: {
                    origin: "site",
                    edgeLambdas: { "origin-request": { qualifiedArn: "arn:aws:lambda:us-east-1:123456789012:function:router:live" } },
                },
            }),
            path: "defaultBehavior.edgeLambdas.origin-request.qualifiedArn",
            message: /not a numbered version/,
        },
        {
            title: "refuses includeBody on a response event",
            args: with_({ defaultBehavior: { origin: "site", edgeLambdas: { "origin-response": { qualifiedArn: ROUTER_V3, includeBody: true } } } }),
            path: "defaultBehavior.edgeLambdas.origin-response.includeBody",
            message: /request events only/,
        },
        {
            title: "refuses an event CloudFront does not have",
            args: with_({ defaultBehavior: { origin: "site", edgeLambdas: { "origin-error": ROUTER_V3 } as never } }),
            path: "defaultBehavior.edgeLambdas",
            message: /is not an event/,
        },
        {
            title: "refuses code over 10 KB",
            args: withCode(`${HANDLER}//${"x".repeat(CLOUDFRONT_FUNCTION_MAX_BYTES)}`),
            path: "functions.f.code",
            message: /bytes; CloudFront allows at most 10240/,
        },
        {
            title: "refuses code that does not compile",
            args: withCode("function handler(event) { return event.request; "),
            path: "functions.f.code",
            message: /does not compile/,
        },
        {
            title: "refuses code importing a module cloudfront-js-2.0 lacks",
            args: withCode(`import fs from "fs";\n${HANDLER}`),
            path: "functions.f.code",
            message: /imports 'fs'; cloudfront-js-2.0 has only crypto and cloudfront/,
        },
        {
            title: "refuses code without a handler function",
            args: withCode("function main(event) { return event.request; }"),
            path: "functions.f.code",
            message: /no function named handler/,
        },
        {
            title: "refuses managed keys when no function reads the store",
            args: with_({ keyValueStore: { keys: { redirects: "{}" } } }),
            path: "keyValueStore.keys",
            message: /are read by no function/,
        },
        {
            title: "refuses a KeyValueStore key over 512 characters",
            args: with_({
                defaultBehavior: { origin: "site", functions: { "viewer-request": "f" } },
                functions: { f: { code: HANDLER, keyValueStore: true } },
                keyValueStore: { keys: { ["k".repeat(KVS_MAX_KEY_CHARS + 1)]: "v" } },
            }),
            path: `keyValueStore.keys.${"k".repeat(KVS_MAX_KEY_CHARS + 1)}`,
            message: /key of 513 characters/,
        },
        {
            title: "refuses a KeyValueStore value over 1024 characters",
            args: with_({
                defaultBehavior: { origin: "site", functions: { "viewer-request": "f" } },
                functions: { f: { code: HANDLER, keyValueStore: true } },
                keyValueStore: { keys: { redirects: "x".repeat(KVS_MAX_VALUE_CHARS + 1) } },
            }),
            path: "keyValueStore.keys.redirects",
            message: /value of 1025 characters/,
        },
        {
            title: "refuses a cache policy whose default TTL exceeds its maximum",
            args: with_({ defaultBehavior: { origin: "site", cache: "c" }, cachePolicies: { c: { defaultTtlSeconds: 600, maxTtlSeconds: 60 } } }),
            path: "cachePolicies.c.defaultTtlSeconds",
            message: /min ≤ default ≤ max/,
        },
        {
            title: "refuses a cache key in a policy that caches nothing",
            args: with_({
                defaultBehavior: { origin: "site", cache: "c" },
                cachePolicies: { c: { minTtlSeconds: 0, defaultTtlSeconds: 0, maxTtlSeconds: 0, queryStrings: "all" } },
            }),
            path: "cachePolicies.c.queryStrings",
            message: /caches nothing/,
        },
        {
            title: "refuses Accept-Encoding among a cache policy's headers",
            args: with_({ defaultBehavior: { origin: "site", cache: "c" }, cachePolicies: { c: { headers: ["Accept-Encoding"] } } }),
            path: "cachePolicies.c.headers[0]",
            message: /compression settings/,
        },
        {
            title: "refuses a cache policy no behavior uses",
            args: with_({ cachePolicies: { c: {} } }),
            path: "cachePolicies.c",
            message: /is used by no behavior/,
        },
        {
            title: "refuses more than 10 query strings in a cache key",
            args: with_({
                defaultBehavior: { origin: "site", cache: "c" },
                cachePolicies: { c: { queryStrings: Array.from({ length: 11 }, (_v, i) => `q${i}`) } },
            }),
            path: "cachePolicies.c.queryStrings",
            message: /at most 10/,
        },
        {
            title: "refuses Authorization in an origin request policy",
            args: with_({ defaultBehavior: { origin: "site", originRequest: "o" }, originRequestPolicies: { o: { headers: ["Authorization"] } } }),
            path: "originRequestPolicies.o.headers[0]",
            message: /only be forwarded by a cache policy/,
        },
        { title: "refuses aliases without a certificate", args: domain({ certificateArn: undefined }), path: "domain.certificateArn", message: /is required/ },
        {
            title: "refuses a certificate outside us-east-1",
            args: domain({ certificateArn: CERTIFICATE.replace("us-east-1", "eu-west-1") }),
            path: "domain.certificateArn",
            message: /is in eu-west-1: CloudFront reads certificates from us-east-1 only/,
        },
        { title: "refuses an alias that is not a host name", args: domain({ aliases: ["cdn_example"] }), path: "domain.aliases[0]", message: /host name/ },
        {
            title: "refuses an alias listed twice",
            args: domain({ aliases: ["cdn.example.com", "cdn.example.com"] }),
            path: "domain.aliases[1]",
            message: /listed twice/,
        },
        {
            title: "refuses a TLS floor below TLSv1.2_2021",
            args: domain({ minimumProtocolVersion: "TLSv1.2_2019" as never }),
            path: "domain.minimumProtocolVersion",
            message: /TLSv1.2_2021/,
        },
        {
            title: "refuses a hosted zone id of another shape",
            args: domain({ hostedZoneId: "example.com" }),
            path: "domain.hostedZoneId",
            message: /hosted zone id/,
        },
        {
            title: "refuses a REGIONAL web ACL",
            args: with_({ webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/api/a1b2c3d4-5678-90ab-cdef-0123456789ab" }),
            path: "webAclArn",
            message: /REGIONAL web ACL/,
        },
        {
            title: "refuses a WAF Classic id",
            args: with_({ webAclArn: "a1b2c3d4-5678-90ab-cdef-0123456789ab" }),
            path: "webAclArn",
            message: /not a CloudFront web ACL ARN/,
        },
        {
            title: "refuses webAcl with webAclArn: a distribution has one web ACL",
            args: with_({ webAclArn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/a1b2c3d4-5678-90ab-cdef-0123456789ab", webAcl: {} }),
            path: "webAcl",
            message: /is set with webAclArn.*webAcl \(create one\) or webAclArn \(use yours\), not both/,
        },
        {
            title: "refuses a managed rule group listed twice (WAF refuses two rules of one name)",
            args: with_({ webAcl: { managedRuleGroups: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesCommonRuleSet"] } }),
            path: "webAcl.managedRuleGroups",
            message: /"AWSManagedRulesCommonRuleSet" is listed twice/,
        },
        {
            title: "refuses a rule group AWS does not offer without a subscription",
            args: with_({ webAcl: { managedRuleGroups: ["AWSManagedRulesBotControlRuleSet" as never] } }),
            path: "webAcl.managedRuleGroups[0]",
            message: /AWSManagedRulesCommonRuleSet/,
        },
        {
            title: "refuses a rate limit below WAF's minimum of 10 requests",
            args: with_({ webAcl: { rateLimitPer5Minutes: 5 } }),
            path: "webAcl.rateLimitPer5Minutes",
            message: /5 is out of range; allowed: an integer 10–2000000000, or false/,
        },
        {
            title: "refuses a price class CloudFront does not have",
            args: with_({ priceClass: "PriceClass_300" as never }),
            path: "priceClass",
            message: /PriceClass_100/,
        },
        {
            title: "refuses a log retention CloudWatch does not offer",
            args: with_({ logging: { retentionDays: 31 } }),
            path: "logging.retentionDays",
            message: /is not supported/,
        },
        {
            title: "refuses W3C log records, which a CloudWatch Logs destination does not take",
            args: with_({ logging: { outputFormat: "w3c" as never } }),
            path: "logging.outputFormat",
            message: /"json", "plain"/,
        },
        { title: 'refuses the string "false" for logging', args: with_({ logging: "false" as never }), path: "logging", message: /is a string/ },
        {
            title: "refuses a default root object with a leading slash",
            args: with_({ defaultRootObject: "/index.html" }),
            path: "defaultRootObject",
            message: /starts with "\/": CloudFront takes the object name only/,
        },
        {
            title: "refuses a default root object over 255 characters",
            args: with_({ defaultRootObject: `${"a".repeat(251)}.html` }),
            path: "defaultRootObject",
            message: /is 256 characters long; allowed: .*at most 255/,
        },
        {
            title: "refuses a default root object with a character CloudFront does not accept",
            args: with_({ defaultRootObject: "home page.html" }),
            path: "defaultRootObject",
            message: /"home page.html" has a character CloudFront refuses/,
        },
        {
            title: "refuses an empty default root object, naming false for none",
            args: with_({ defaultRootObject: "" }),
            path: "defaultRootObject",
            message: /is empty; allowed: .*or false for none/,
        },
        {
            title: "refuses an error code written with a leading zero (a second 404)",
            args: with_({ errorResponses: { "0404": { cachingMinTtlSeconds: 5 } } as never }),
            path: "errorResponses.0404",
            message: /is not an error code/,
        },
        { title: "refuses true as a default root object", args: with_({ defaultRootObject: true as never }), path: "defaultRootObject", message: /false/ },
        {
            title: "refuses an error code CloudFront does not let a distribution customize",
            args: with_({ errorResponses: { 418: { responsePagePath: "/teapot.html" } } as never }),
            path: "errorResponses.418",
            message: /is not an error code .*; allowed: 400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504/,
        },
        {
            title: "refuses a response code CloudFront does not answer with",
            args: with_({ errorResponses: { 404: { responsePagePath: "/404.html", responseCode: 301 as never } } }),
            path: "errorResponses.404.responseCode",
            message: /301 is not supported; allowed: 200, 400/,
        },
        {
            title: "refuses a response code without a response page",
            args: with_({ errorResponses: { 404: { responseCode: 404 } } }),
            path: "errorResponses.404.responseCode",
            message: /is set without responsePagePath/,
        },
        {
            title: "refuses an error page path that does not start with a slash",
            args: with_({ errorResponses: { 404: { responsePagePath: "404.html" } } }),
            path: "errorResponses.404.responsePagePath",
            message: /is malformed; allowed: a path starting with "\/"/,
        },
        {
            title: "refuses a negative error caching TTL",
            args: with_({ errorResponses: { 503: { cachingMinTtlSeconds: -1 } } }),
            path: "errorResponses.503.cachingMinTtlSeconds",
            message: /-1 is not a number of seconds; allowed: an integer, 0 or more/,
        },
        {
            title: "refuses listBucket on the bucket answering / when no default root object replaces it",
            args: with_({ origins: { site: { kind: "bucket", listBucket: true } }, defaultRootObject: false }),
            path: "origins.site.listBucket",
            message: /would let a request for \/ list the bucket's keys/,
        },
        {
            title: "refuses listBucket on a bucket an ordered behavior matching / serves, behind an HTTP default origin",
            args: {
                origins: { api: { kind: "http", domainName: "api.example.com" }, site: { kind: "bucket", listBucket: true } },
                defaultBehavior: { origin: "api" },
                behaviors: { "/": { origin: "site" } },
            },
            path: "origins.site.listBucket",
            message: /would let a request for \/ list the bucket's keys/,
        },
    ];
    itRefuses(cases, validate, (args) => new EdgeFunctions("cdn", args), /^EdgeFunctions "cdn": /);
});
