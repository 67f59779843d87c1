/**
 * The CDN part of the program: one CloudFront distribution (an `EdgeFunctions`) in front of a static site bucket
 * (the default behavior), the public ALB of the container platform (`/app1/*`, `/app2/*`) and the items HTTP API
 * (`/items`, `/items/*`), with the edge code of functions/edge attached where it makes sense:
 *
 * | path          | origin | viewer request            | viewer response  | origin request       | cache                  |
 * |---------------|--------|---------------------------|------------------|----------------------|------------------------|
 * | `/items`, `/items/*` | api | -                   | -                | -                    | TTL 0, token in key    |
 * | `/private/*`  | site   | JWT (401 without a token) | -                | -                    | CachingOptimized       |
 * | `/assets/*`   | site   | cache-key normalization   | -                | -                    | query strings in key   |
 * | `/app1/*`     | web    | bot mitigation            | -                | router (Lambda@Edge) | disabled               |
 * | `/app2/*`     | web    | A/B test                  | A/B test         | -                    | `x-ab-variant` in key, TTL 0 unless the app's Cache-Control says more |
 * | default       | site   | rewrite + redirects       | security headers | -                    | CachingOptimized       |
 *
 * The data the functions read (redirects, A/B weights, cache-key and bot rules) are KeyValueStore keys managed from
 * `cdn` in the stack's config. The JWT key never is: the operator puts `jwt-secret` in the KeyValueStore (README,
 * "Configuration reference"). Until then `/private/*` answers 401 to a request without a bearer token and 503 to one
 * with a token (the function's KeyValueStore read throws on the missing key: it fails closed, as a function error).
 * Settings come from `cdn` in the stack's config;
 * nothing here branches on the stack's name.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as ec2 from "@pulumi/aws/ec2";
import type { ProviderArgs } from "@pulumi/aws/provider";
import type { WebAclArgs as WafWebAclArgs } from "@pulumi/aws/wafv2";
import type * as wafInputs from "@pulumi/aws/types/input";
import * as pulumi from "@pulumi/pulumi";
import { EdgeFunctions } from "../components";
import { type StackConfig, cdnKeyValues } from "./config";

/** What the CDN needs from the rest of the stack. */
export interface CdnDeps {
    /** The public ALB's DNS name (ContainerService `resources.loadBalancers.public.loadBalancer.dnsName`). */
    albDnsName: pulumi.Input<string>;
    /** Whether the public ALB serves HTTPS (`containers.certificateArn`). */
    albHttps: boolean;
    /** The items API's execute-api host (stacks/serverless.ts `apiHost`). */
    apiHost: pulumi.Input<string>;
}

/** The stack outputs of the CDN part. */
export interface CdnOutputs {
    /** `https://<first alias>/` with `cdn.domain`, else `https://d<id>.cloudfront.net/`. */
    url: pulumi.Output<string>;
    distributionId: pulumi.Output<string>;
    /** Upload the static site here (`aws s3 sync ./site s3://<name>/`). */
    siteBucketName: pulumi.Output<string>;
    /** For `aws cloudfront-keyvaluestore put-key --kvs-arn <arn> --key jwt-secret ...`. */
    keyValueStoreArn: pulumi.Output<string>;
}

/** The edge code, read from functions/edge (CloudFront Functions are plain source, at most 10 KB each). */
const edgeCode = (file: string) => readFileSync(path.join(__dirname, "..", "functions", "edge", file), "utf8");

/**
 * Headers the router's origin-request policy forwards: those its routes read, and always the viewer's country and
 * device (CloudFront adds a `CloudFront-*` header to the origin request only when a policy names it, so a route added
 * later finds them; https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html).
 */
export const ROUTER_HEADERS = ["CloudFront-Viewer-Country", "CloudFront-Is-Mobile-Viewer"];

/** The header the A/B function sets on the request; the cache key must hold it, or variants share cached pages. */
export const AB_HEADER = "x-ab-variant";

/** CloudFront's origin-facing servers, an AWS-managed prefix list (IPv4; weight 55 in a security group). */
export const CLOUDFRONT_ORIGIN_FACING = "com.amazonaws.global.cloudfront.origin-facing";

/**
 * The id of CloudFront's origin-facing prefix list, for the public ALB's `ingressPrefixListIds` with
 * `cdn.albFromCloudFrontOnly` (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/LocationsOfEdgeServers.html#managed-prefix-list).
 */
export function cloudFrontPrefixListId(): pulumi.Output<string> {
    return ec2.getManagedPrefixListOutput({ name: CLOUDFRONT_ORIGIN_FACING }).apply((l) => l.id);
}

/** `aws:` settings that are plain strings. */
const PROVIDER_STRINGS = [
    "profile",
    "customCaBundle",
    "ec2MetadataServiceEndpoint",
    "ec2MetadataServiceEndpointMode",
    "httpProxy",
    "httpsProxy",
    "noProxy",
    "retryMode",
    "s3UsEast1RegionalEndpoint",
    "stsRegion",
    "tagPolicyCompliance",
] as const satisfies readonly (keyof ProviderArgs)[];
/** `aws:` settings read only as secrets (`pulumi config set --secret aws:secretKey ...`): they stay secret in state. */
const PROVIDER_SECRETS = ["accessKey", "secretKey", "token"] as const satisfies readonly (keyof ProviderArgs)[];
/** `aws:` settings that are objects, lists, booleans or numbers (YAML in `Pulumi.<stack>.yaml`, JSON in config). */
const PROVIDER_OBJECTS = [
    "allowedAccountIds",
    "assumeRoleWithWebIdentity",
    "assumeRoles",
    "defaultTags",
    "endpoints",
    "forbiddenAccountIds",
    "ignoreTags",
    "insecure",
    "maxRetries",
    "s3UsePathStyle",
    "sharedConfigFiles",
    "sharedCredentialsFiles",
    "skipCredentialsValidation",
    "skipMetadataApiCheck",
    "skipRequestingAccountId",
    "tokenBucketRateLimiterCapacity",
    "useDualstackEndpoint",
    "useFipsEndpoint",
    "userAgents",
] as const satisfies readonly (keyof ProviderArgs)[];

/**
 * The stack's `aws:` provider settings but `region` and `skipRegionValidation` (which concern the stack's Region), for
 * an explicit provider: an explicit provider reads none of the stack's `aws:` config, only the environment
 * (https://www.pulumi.com/docs/iac/concepts/resources/providers/#explicit-provider-configuration). Without them a
 * stack deployed with `aws:profile` or `aws:assumeRoles` would create its Lambda@Edge function with whatever
 * credentials the environment holds: another account, or none.
 */
export function awsProviderSettings(): Partial<ProviderArgs> {
    const aws = new pulumi.Config("aws");
    const out: Record<string, unknown> = {};
    for (const key of PROVIDER_STRINGS) {
        const v = aws.get(key);
        if (v !== undefined) out[key] = v;
    }
    for (const key of PROVIDER_SECRETS) {
        const v = aws.getSecret(key);
        if (v !== undefined) out[key] = v;
    }
    for (const key of PROVIDER_OBJECTS) {
        const v = aws.getObject(key);
        if (v !== undefined) out[key] = v;
    }
    return out as Partial<ProviderArgs>;
}

/** The KeyValueStore key each managed setting is written to (the key the edge code reads). */
const KVS_KEYS = { redirects: "redirects", abWeights: "ab-weights", cacheKey: "cache-key", botRules: "bot-rules" } as const;

export function cdn(cfg: StackConfig["cdn"], deps: CdnDeps): CdnOutputs {
    // HTTPS to the ALB needs a name on its certificate: CloudFront checks the origin's certificate against the
    // origin's domain name (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html),
    // and the ALB's own `*.elb.amazonaws.com` name is on no certificate you can hold.
    const webHttps = deps.albHttps && cfg.webOriginDomain !== undefined;
    const routeHeaders = cfg.routes.map((r) => r.header);
    const forwarded = [...new Set([...ROUTER_HEADERS, ...routeHeaders].map((h) => h.toLowerCase()))].map(
        (h) => ROUTER_HEADERS.find((r) => r.toLowerCase() === h) ?? h,
    );

    // Lambda@Edge lives in us-east-1 whatever the stack's Region, through a provider EdgeFunctions creates. That
    // provider reads no `aws:` config: the stack's settings (credentials, roles, default tags) are given to it here.
    const edgeProvider = awsProviderSettings();

    const keyValues = cdnKeyValues(cfg);
    const site = "site";
    const api = { origin: "api", cache: "api", originRequest: "AllViewerExceptHostHeader", allowedMethods: "all" as const };
    const edge = new EdgeFunctions("cdn", {
        origins: {
            // A missing page answers 404, not S3's 403 (ListBucket for this distribution); `/` is index.html twice over
            // (the rewrite function and the default root object EdgeFunctions sets for a bucket), so no request lists keys.
            [site]: { kind: "bucket", listBucket: true },
            web: webHttps ? { kind: "http", domainName: cfg.webOriginDomain as string } : { kind: "http", domainName: deps.albDnsName, protocol: "http-only" },
            // API Gateway answers only its own host name: the policy forwards every viewer header but Host.
            api: { kind: "http", domainName: deps.apiHost },
        },
        // The security-headers function adds the site's CSP and permissions policy; the response-headers policy stays on
        // as well, for error responses: CloudFront runs no viewer-response function when the origin answers 400 or above
        // (a missing page), and the policy's headers still reach the viewer.
        defaultBehavior: { origin: site, functions: { "viewer-request": "rewrite", "viewer-response": "security-headers" } },
        behaviors: {
            // CloudFront forwards the whole path: the API's own routes, as it serves them at the root of its $default stage.
            "/items": api,
            "/items/*": api,
            "/private/*": { origin: site, functions: { "viewer-request": "jwt" } },
            "/assets/*": { origin: site, cache: "assets", functions: { "viewer-request": "cache-key" } },
            "/app1/*": {
                origin: "web",
                cache: "CachingDisabled",
                originRequest: "router",
                allowedMethods: "all",
                functions: { "viewer-request": "bot" },
                edgeLambdas: { "origin-request": "router" },
            },
            "/app2/*": {
                origin: "web",
                cache: "ab",
                // The app sees what the viewer sent (User-Agent, Accept-Language, cookies, query strings) but Host: the
                // ALB origin's own name stays (with https-only, CloudFront checks the certificate against it).
                originRequest: "AllViewerExceptHostHeader",
                allowedMethods: "all",
                functions: { "viewer-request": "ab-test", "viewer-response": "ab-test" },
            },
        },
        cachePolicies: {
            // The API's writes carry the user pool's token. CloudFront forwards `Authorization` only when it is in the
            // cache key (an origin request policy naming it is refused with 400:
            // https://repost.aws/knowledge-center/cloudfront-authorization-header), and a policy with headers in the
            // key needs a TTL above 0: nothing is cached unless the API says so (no Cache-Control: TTL 0), and then
            // for one second at most, per token and query string.
            api: { headers: ["Authorization"], queryStrings: "all", minTtlSeconds: 0, defaultTtlSeconds: 0, maxTtlSeconds: 1 },
            // The cache-key function has filtered and sorted the query string already: all of it is the key.
            assets: { queryStrings: "all" },
            // A page per variant, cached only when the app says so (Cache-Control): the app receives every cookie (a
            // session among them, AllViewerExceptHostHeader) but cookies are not in the key, so a page cached without the app's word
            // would be one viewer's page served to all. maxTtl above 0: a key with headers needs caching on.
            ab: { headers: [AB_HEADER], queryStrings: "all", minTtlSeconds: 0, defaultTtlSeconds: 0, maxTtlSeconds: 3600 },
        },
        originRequestPolicies: {
            router: { headers: forwarded, cookies: "all", queryStrings: "all" },
        },
        functions: {
            rewrite: { code: edgeCode("viewer-request-rewrite.js"), keyValueStore: true },
            "security-headers": { code: edgeCode("viewer-response-security-headers.js") },
            jwt: { code: edgeCode("viewer-request-jwt.js"), keyValueStore: true },
            "cache-key": { code: edgeCode("viewer-request-cache-key.js"), keyValueStore: true },
            bot: { code: edgeCode("viewer-request-bot.js"), keyValueStore: true },
            "ab-test": { code: edgeCode("viewer-ab-test.js"), keyValueStore: true },
        },
        edgeLambdas: {
            // Lambda@Edge has no environment variables: the routes ship in the archive, beside index.js.
            router: {
                entry: "functions/edge/origin-request-router/index.ts",
                files: { "routes.json": JSON.stringify({ routes: cfg.routes }) },
                logRetentionDays: cfg.logRetentionDays,
            },
        },
        keyValueStore: { keys: Object.fromEntries(Object.entries(KVS_KEYS).map(([setting, key]) => [key, keyValues[setting as keyof typeof KVS_KEYS]])) },
        domain: cfg.domain,
        webAclArn: cfg.webAclArn,
        // Yours when given; else one created here when asked.
        webAcl: cfg.createWebAcl && cfg.webAclArn === undefined ? {} : undefined,
        priceClass: cfg.priceClass,
        logging: { retentionDays: cfg.logRetentionDays },
        // Like the stack's other kept data (stacks/serverless.ts): protected, retained, not emptied.
        protectData: cfg.protectData,
        transform: {
            // The component's own args (region us-east-1) win over the stack's.
            ...(Object.keys(edgeProvider).length === 0 ? {} : { provider: (args: ProviderArgs) => ({ ...edgeProvider, ...args }) }),
            webAcl: countLargeBodies,
        },
    });

    return {
        url: edge.url,
        distributionId: edge.distributionId,
        siteBucketName: edge.bucketNames[site],
        keyValueStoreArn: edge.keyValueStoreArn as pulumi.Output<string>,
    };
}

/**
 * The Core rule set blocks any request body over 8 KB (`SizeRestrictions_BODY`,
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html), and the items API, behind
 * this distribution at `/items`, takes bodies up to 16 KB (functions/items/core.ts `MAX_BODY_BYTES`): blocked, an item
 * of 8–16 KB would get WAF's bare 403 in production only. The rule counts instead (its metric still shows such
 * requests); the function refuses what is too large itself (413). The group's other rules keep blocking.
 */
export const WAF_COUNTED_RULES: Record<string, string[]> = { AWSManagedRulesCommonRuleSet: ["SizeRestrictions_BODY"] };

function countLargeBodies(args: WafWebAclArgs): WafWebAclArgs {
    // EdgeFunctions passes its rules as plain values.
    const rules = args.rules as wafInputs.wafv2.WebAclRule[];
    return {
        ...args,
        rules: rules.map((rule) => {
            const statement = rule.statement as wafInputs.wafv2.WebAclRuleStatement;
            const group = statement.managedRuleGroupStatement as wafInputs.wafv2.WebAclRuleStatementManagedRuleGroupStatement | undefined;
            const counted = group && WAF_COUNTED_RULES[group.name as string];
            if (!group || !counted) return rule;
            const managedRuleGroupStatement = { ...group, ruleActionOverrides: counted.map((name) => ({ name, actionToUse: { count: {} } })) };
            return { ...rule, statement: { ...statement, managedRuleGroupStatement } };
        }),
    };
}
