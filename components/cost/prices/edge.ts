/**
 * CloudFront, CloudFront Functions and KeyValueStore, Lambda@Edge and AWS WAF: us-east-1 on-demand list prices.
 * CloudFront bills by the viewer's location: the request and transfer prices below are the United States, Mexico and
 * Canada rates (the cheapest region, and the only one PriceClass_100 is certain to serve from; Europe costs the same);
 * a distribution serving other continents pays more per GB and per request.
 */
import type { Price } from "../types";

const CLOUDFRONT = "https://aws.amazon.com/cloudfront/pricing/";
const LAMBDA = "https://aws.amazon.com/lambda/pricing/";
const WAF = "https://aws.amazon.com/waf/pricing/";

export const EDGE_PRICES: Record<string, Price> = {
    "cloudfront.https.requests": {
        usd: 0.01,
        unit: "10k requests",
        source: CLOUDFRONT,
        note: "HTTPS requests, United States/Mexico/Canada; HTTP requests $0.0075 per 10k; other regions up to $0.022 per 10k",
    },
    "cloudfront.transferOut.gb": {
        usd: 0.085,
        unit: "GB",
        source: CLOUDFRONT,
        note: "data transfer out to the internet, United States/Mexico/Canada, first 10 TB/month; then $0.080 (next 40 TB), $0.060 (next 100 TB), $0.040 (next 350 TB); only the first tier is applied",
    },
    "cloudfront.originShield.requests": {
        usd: 0.0075,
        unit: "10k requests",
        source: CLOUDFRONT,
        note: "Origin Shield requests in a US Region (the cache misses that reach the shield layer)",
    },
    "cloudfront.functions.invocations": {
        usd: 0.1,
        unit: "1M invocations",
        source: CLOUDFRONT,
        note: "CloudFront Functions, every edge location; 2M invocations a month are in the always-free tier",
    },
    "cloudfront.kvs.reads": {
        usd: 0.03,
        unit: "1M reads",
        source: CLOUDFRONT,
        note: "CloudFront KeyValueStore reads from CloudFront Functions; API calls that change keys are billed separately and are not estimated; corroborated: https://dev.classmethod.jp/articles/cloudfront-keyvaluestore-for-cloudfront-functions-released/ (launch-day post in Japanese: $0.03 per 1M reads, 2023-11-22) and https://hedgerules.micahrl.com/docs/aws/pricing ('Reads from CloudFront Functions at request time: $0.03 per 1 million', read 2026-11-27)",
    },
    "lambdaEdge.requests": {
        usd: 0.6,
        unit: "1M requests",
        source: LAMBDA,
        note: "Lambda@Edge requests (Lambda@Edge has no free tier)",
    },
    "lambdaEdge.gbSecond": {
        usd: 0.00005001,
        unit: "GB-second",
        source: LAMBDA,
        note: "Lambda@Edge duration, x86_64 only (Lambda@Edge does not run arm64), rounded up to the nearest 1 ms",
    },
    "waf.webAcl.month": { usd: 5, unit: "web ACL-month", source: WAF, note: "prorated by the hour" },
    "waf.rule.month": {
        usd: 1,
        unit: "rule-month",
        source: WAF,
        note: "each rule or rule group in a web ACL (an AWS managed rule group counts as one); Bot Control, Fraud Control (ATP/ACFP) and DDoS managed groups add subscription and request fees not in this table",
    },
    "waf.requests": {
        usd: 0.6,
        unit: "1M requests",
        source: WAF,
        note: "requests inspected, up to 1,500 WCUs and the default body size; more adds $0.30 per 1M per 500 WCUs / 16 KB",
    },
};

/**
 * CloudFront's always-free tier (per account, every month, all distributions together): 1 TB out, 10M requests, 2M
 * CloudFront Functions invocations. Quantities are in the price's unit. KeyValueStore reads get no credit here: the
 * free tier page lists none that this table could confirm.
 */
export const EDGE_FREE_TIER: Record<string, { allowance: number; note: string }> = {
    "cloudfront.https.requests": { allowance: 1_000, note: "CloudFront always-free tier: 10,000,000 HTTP/HTTPS requests a month (1,000 × 10k)" },
    "cloudfront.transferOut.gb": { allowance: 1_024, note: "CloudFront always-free tier: 1 TB of data transfer out a month" },
    "cloudfront.functions.invocations": { allowance: 2, note: "CloudFront always-free tier: 2,000,000 CloudFront Functions invocations a month" },
};

/**
 * Edge resources that cost nothing by themselves: policies and access controls are configuration of a distribution;
 * KeyValueStore keys are data (reads are priced on the store); WAF associations, IP sets and logging configurations
 * are billed through the web ACL and the log destination.
 */
export const EDGE_FREE_TYPES: string[] = [
    "aws:cloudfront/cachePolicy:CachePolicy",
    "aws:cloudfront/originRequestPolicy:OriginRequestPolicy",
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
    "aws:cloudfront/originAccessControl:OriginAccessControl",
    "aws:cloudfront/originAccessIdentity:OriginAccessIdentity",
    "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey",
    "aws:cloudfront/publicKey:PublicKey",
    "aws:cloudfront/keyGroup:KeyGroup",
    "aws:wafv2/webAclAssociation:WebAclAssociation",
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    "aws:wafv2/ipSet:IpSet",
    "aws:wafv2/regexPatternSet:RegexPatternSet",
];
