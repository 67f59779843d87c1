import { createHash } from "node:crypto";
import type * as cloudfront from "@pulumi/aws/cloudfront";
import type * as route53 from "@pulumi/aws/route53";
import type * as wafv2 from "@pulumi/aws/wafv2";
import { Provider, ProviderArgs } from "@pulumi/aws/provider";
import * as pulumi from "@pulumi/pulumi";
import { EDGE_REGION, EdgeLambda, ownAwsProvider } from "../edge-lambda/edge-lambda";
import type { PrivateBucket } from "../shared/bucket";
import { ArgsError } from "../shared/errors";
import { childName, typeToken } from "../shared/naming";
import { childComponentNameIssues, nameIssues } from "../shared/shape";
import { create } from "../shared/transform";
import { componentTags } from "../shared/tags";
import type { EdgeFunctionsArgs } from "./args";
import type { Ctx } from "./context";
import { normalize } from "./defaults";
import { createDistribution, createRecords } from "./distribution";
import { createFunctions } from "./functions";
import { LoggingResources, createLogging } from "./logging";
import { createOrigins } from "./origins";
import { createPolicies } from "./policies";
import { edgeLambdaEvents, validate } from "./validate";
import { createWebAcl } from "./web-acl";

export interface EdgeFunctionsResources {
    distribution: cloudfront.Distribution;
    /** The content buckets and their companions, by origin key. */
    buckets: Record<string, PrivateBucket>;
    /** The Origin Access Control of the bucket origins, when there is one. */
    originAccessControl?: cloudfront.OriginAccessControl;
    /** By key of `cachePolicies` (managed policies are referenced, not created). */
    cachePolicies: Record<string, cloudfront.CachePolicy>;
    /** By key of `originRequestPolicies`. */
    originRequestPolicies: Record<string, cloudfront.OriginRequestPolicy>;
    /** The security headers, when a behavior uses them. */
    responseHeadersPolicy?: cloudfront.ResponseHeadersPolicy;
    /** The CloudFront Functions, by key. */
    functions: Record<string, cloudfront.Function>;
    keyValueStore?: cloudfront.KeyValueStore;
    /** The managed keys, by key. */
    keyValueStoreKeys: Record<string, cloudfront.KeyvaluestoreKey>;
    /** Standard logging (v2), unless `logging: false`. */
    logging?: LoggingResources;
    /** The alias records, by `<alias> <type>` ("cdn.example.com A"). */
    records: Record<string, route53.Record>;
    /** The Lambda@Edge functions, by key of `edgeLambdas`. */
    edgeLambdas: Record<string, EdgeLambda>;
    /** The us-east-1 provider the component created for the `edgeLambdas` that give none. */
    provider?: Provider;
    /** The web ACL created for `webAcl`. */
    webAcl?: wafv2.WebAcl;
}

/**
 * A CloudFront distribution and everything attached to it: origins (private S3 buckets created here and reached
 * through Origin Access Control, with a bucket policy admitting only this distribution; HTTPS custom origins over
 * TLS 1.2), cache behaviors per path pattern in the order given, managed or custom cache and origin request policies,
 * a response headers policy with security headers (HSTS, nosniff, frame options, referrer policy, optional CSP),
 * viewers redirected to HTTPS, an optional custom domain (us-east-1 ACM certificate, TLSv1.2_2021 or newer, Route 53
 * A/AAAA aliases), standard logging (v2) to a CloudWatch Logs group with retention, an optional WAFv2 web ACL (yours by
 * ARN, or one created in us-east-1 with AWS managed rule groups and a per-IP rate limit), a price
 * class, CloudFront Functions (`cloudfront-js-2.0`, published) on viewer events, one KeyValueStore for the functions
 * that read it, and Lambda@Edge published versions on any event. A bucket default origin serves `index.html` at `/`
 * (`defaultRootObject`); `errorResponses` customizes error pages for the whole distribution; `listBucket` on a bucket
 * origin turns S3's 403 for a missing key into a 404. Everything is checked before any resource: code size
 * and syntax, events, one function per event, references and unused entries, KeyValueStore limits, host names,
 * certificate and web ACL Regions, path patterns.
 *
 * @example
 * const cdn = new EdgeFunctions("cdn", {
 *     origins: { site: { kind: "bucket" }, api: { kind: "http", domainName: "api.example.com" } },
 *     defaultBehavior: { origin: "site", functions: { "viewer-request": "rewrite" } },
 *     behaviors: { "/api/*": { origin: "api", cache: "CachingDisabled", originRequest: "AllViewerExceptHostHeader", allowedMethods: "all" } },
 *     functions: { rewrite: { code: fs.readFileSync("functions/edge/viewer-request-rewrite.js", "utf8"), keyValueStore: true } },
 *     keyValueStore: { keys: { redirects: JSON.stringify({ "/old": "/new" }) } },
 * });
 * export const url = cdn.url;
 *
 * **Cost** (PriceClass_100, North America and Europe): data out to viewers $0.085 per GB (first 10 TB a month), HTTPS
 * requests $0.0100 per 10,000; the always-free tier gives 1 TB out and 10 million requests a month. CloudFront
 * Functions $0.10 per million invocations (2 million free): a viewer-request function on every request of 10 million
 * requests is $1.00, minus the free tier. KeyValueStore reads $0.03 per million. Lambda@Edge $0.60 per million
 * requests plus $0.00005001 per GB-second (128 MB for 5 ms, billed per ms: 0.125 × 0.005 × $0.00005001 ≈ $0.00000003
 * a request). Standard logging (v2) to CloudWatch Logs: vended logs $0.50 per GB: at ~600 bytes a JSON record,
 * 10 million requests ≈ 6 GB ≈ $3.00, plus storage $0.03 per GB-month for `retentionDays`. S3: $0.023 per GB-month,
 * GETs from CloudFront $0.0004 per 1,000 (cache misses only); transfer from S3 to CloudFront is free. OAC, policies,
 * the distribution itself and TLS with SNI cost nothing; a WAF web ACL is $5 a month plus $1 per rule and $0.60 per
 * million requests.
 *
 * **Deletion** takes minutes: CloudFront deletes only a disabled distribution, so pulumi-aws disables it, waits until
 * the change is deployed to every edge location, then deletes it (`waitForDeployment`, on by default; `retainOnDelete`
 * through `transform.distribution` leaves it in the account instead). The content buckets are emptied and deleted
 * unless `protectData`. Lambda@Edge replicas outlive the distribution for hours: see EdgeLambda.
 */
export class EdgeFunctions extends pulumi.ComponentResource {
    static readonly type = typeToken("edge", "EdgeFunctions");

    readonly distributionId: pulumi.Output<string>;
    /** `arn:aws:cloudfront::<account>:distribution/<id>` (no Region: CloudFront is global). */
    readonly distributionArn: pulumi.Output<string>;
    /** `d<id>.cloudfront.net`. */
    readonly domainName: pulumi.Output<string>;
    /** `https://<first alias>/` with a domain, else `https://<domainName>/`. */
    readonly url: pulumi.Output<string>;
    /** CloudFront's Route 53 zone for alias records (Z2FDTNDATAQYW2). */
    readonly hostedZoneId: pulumi.Output<string>;
    /** The content buckets' names, by origin key (upload there). */
    readonly bucketNames: Record<string, pulumi.Output<string>>;
    /** The KeyValueStore's ARN, when one exists (for `aws cloudfront-keyvaluestore put-key`). */
    readonly keyValueStoreArn?: pulumi.Output<string>;
    /** The CloudFront Functions' ARNs, by key. */
    readonly functionArns: Record<string, pulumi.Output<string>>;
    /** The Lambda@Edge functions (EdgeLambda components), by key: `qualifiedArn`, `roleArn`, ... */
    readonly edgeLambdas: Record<string, EdgeLambda>;
    readonly resources: EdgeFunctionsResources;

    constructor(name: string, args: EdgeFunctionsArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args), ...childComponentNameIssues(name, "edgeLambdas", args?.edgeLambdas, "EdgeLambda")];
        if (issues.length) throw new ArgsError("EdgeFunctions", name, issues);
        const cfg = normalize(args);
        super(EdgeFunctions.type, name, recorded(args), opts);

        const ctx: Ctx = { name, cfg, opts: { parent: this }, tags: componentTags(EdgeFunctions.type, name, cfg.tags), component: this };
        // The bucket policies name the distribution, which needs the buckets' domain names first.
        const [distributionArn, resolveDistributionArn] = pulumi.deferredOutput<string>();
        const origins = createOrigins(ctx, distributionArn);
        const policies = createPolicies(ctx);
        const functions = createFunctions(ctx);
        const { edgeLambdas, provider } = createEdgeLambdas(ctx, this, ownAwsProvider(opts));
        const edgeLambdaArns = Object.fromEntries(Object.entries(edgeLambdas).map(([k, l]) => [k, l.qualifiedArn]));
        const webAcl = createWebAcl(ctx);
        const distribution = createDistribution(ctx, origins, { policies, functions, edgeLambdaArns }, webAcl?.arn);
        resolveDistributionArn(distribution.arn);
        const logging = createLogging(ctx, distribution);
        const records = createRecords(ctx, distribution);

        this.distributionId = distribution.id;
        this.distributionArn = distribution.arn;
        this.domainName = distribution.domainName;
        this.hostedZoneId = distribution.hostedZoneId;
        const host = cfg.domain?.aliases.find((a) => !a.startsWith("*."));
        this.url = host === undefined ? pulumi.interpolate`https://${distribution.domainName}/` : distribution.id.apply(() => `https://${host}/`);
        this.bucketNames = Object.fromEntries(Object.entries(origins.buckets).map(([k, b]) => [k, b.bucket.bucket]));
        this.keyValueStoreArn = functions.keyValueStore?.arn;
        this.functionArns = Object.fromEntries(Object.entries(functions.functions).map(([k, f]) => [k, f.arn]));
        this.edgeLambdas = edgeLambdas;
        this.resources = {
            distribution,
            buckets: origins.buckets,
            originAccessControl: origins.originAccessControl,
            cachePolicies: policies.cachePolicies,
            originRequestPolicies: policies.originRequestPolicies,
            responseHeadersPolicy: policies.responseHeadersPolicy,
            functions: functions.functions,
            keyValueStore: functions.keyValueStore,
            keyValueStoreKeys: functions.keyValueStoreKeys,
            logging,
            records,
            edgeLambdas,
            provider,
            webAcl,
        };
        this.registerOutputs({
            distributionId: this.distributionId,
            distributionArn: this.distributionArn,
            domainName: this.domainName,
            url: this.url,
            hostedZoneId: this.hostedZoneId,
            bucketNames: this.bucketNames,
            keyValueStoreArn: this.keyValueStoreArn,
            functionArns: this.functionArns,
            edgeLambdaArns,
        });
    }
}

/**
 * The args as the component records them: each CloudFront Function's code by digest and size, so the state does not
 * hold every source twice (the function resources keep the code) and no source text is read as a rendered value.
 */
function recorded(args: EdgeFunctionsArgs): EdgeFunctionsArgs {
    if (args.functions === undefined) return args;
    const digest = (code: string) => `sha256:${createHash("sha256").update(code).digest("hex")} (${Buffer.byteLength(code, "utf8")} bytes)`;
    return { ...args, functions: Object.fromEntries(Object.entries(args.functions).map(([k, f]) => [k, { ...f, code: digest(f.code) }])) };
}

/**
 * The Lambda@Edge functions, as EdgeLambda children named `<name>-<key>`, each told the events the behaviors attach
 * it to (its limits follow them). Those that give no provider share one us-east-1 provider, `<name>-us-east-1`.
 */
function createEdgeLambdas(ctx: Ctx, parent: pulumi.Resource, given: Provider | undefined): { edgeLambdas: Record<string, EdgeLambda>; provider?: Provider } {
    const { name, cfg } = ctx;
    const entries = Object.entries(cfg.edgeLambdas);
    if (entries.length === 0) return { edgeLambdas: {} };
    const events = edgeLambdaEvents(cfg);
    // An aws provider given to EdgeFunctions itself serves its functions too (each pins its Region to us-east-1).
    const provider =
        given !== undefined || entries.every(([, a]) => a.provider !== undefined)
            ? undefined
            : create(Provider, childName(name, EDGE_REGION), { region: EDGE_REGION } as ProviderArgs, { parent }, cfg.transform.provider);
    const edgeLambdas = Object.fromEntries(
        entries.map(([key, a]) => [
            key,
            new EdgeLambda(
                childName(name, key),
                {
                    ...a,
                    events: [...new Set([...(a.events ?? []), ...events[key]])],
                    provider: a.provider ?? given ?? provider,
                    tags: { ...cfg.tags, ...a.tags },
                },
                { parent },
            ),
        ]),
    );
    return { edgeLambdas, provider };
}
