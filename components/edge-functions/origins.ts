import * as cloudfront from "@pulumi/aws/cloudfront";
import type * as types from "@pulumi/aws/types/input";
import * as pulumi from "@pulumi/pulumi";
import { NONCURRENT_VERSIONS_RULE, PrivateBucket, createPrivateBucket } from "../shared/bucket";
import type { Statement } from "../shared/iam";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { Ctx } from "./context";

export interface OriginResources {
    /** The content buckets, by origin key. */
    buckets: Record<string, PrivateBucket>;
    /** One Origin Access Control (S3, SigV4, always signed) for every bucket origin. */
    originAccessControl?: cloudfront.OriginAccessControl;
    /** The distribution's `origins`, in the order given. */
    origins: types.cloudfront.DistributionOrigin[];
}

/**
 * What a bucket admits from CloudFront: `s3:GetObject` by the CloudFront service principal, only on behalf of this
 * distribution (`AWS:SourceArn`), as AWS documents for Origin Access Control
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html).
 * Without the condition any distribution in any account could read the bucket through its own OAC.
 */
export function cloudFrontReadStatement(bucketArn: pulumi.Input<string>, distributionArn: pulumi.Input<string>): Statement {
    return {
        Sid: "AllowCloudFrontServicePrincipalReadOnly",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: pulumi.interpolate`${bucketArn}/*`,
        Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
    };
}

/**
 * What a bucket with `listBucket` admits as well: `s3:ListBucket` on the bucket itself (not its objects), by the same
 * principal and only for this distribution. S3 answers a GetObject of a missing key with 404 only to a caller that may
 * list the bucket, and with 403 to any other, so as not to tell it the key does not exist
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, "Permissions").
 */
export function cloudFrontListStatement(bucketArn: pulumi.Input<string>, distributionArn: pulumi.Input<string>): Statement {
    return {
        Sid: "AllowCloudFrontServicePrincipalListBucket",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:ListBucket",
        Resource: bucketArn,
        Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
    };
}

/**
 * The buckets (with their policies admitting this distribution), the OAC, and the distribution's origin list.
 * `distributionArn` is the distribution's ARN, known once it exists: the bucket policy waits for it, the
 * distribution needs the bucket's domain name first.
 */
export function createOrigins(ctx: Ctx, distributionArn: pulumi.Output<string>): OriginResources {
    const { name, cfg } = ctx;
    const t = cfg.transform;
    const bucketKeys = Object.entries(cfg.origins).filter(([, o]) => o.kind === "bucket");
    const originAccessControl =
        bucketKeys.length === 0
            ? undefined
            : create(
                  cloudfront.OriginAccessControl,
                  fitName(childName(name, "origin-access-control"), cloudfront.OriginAccessControl),
                  {
                      description: `S3 origins of ${name}`,
                      originAccessControlOriginType: "s3",
                      // Sign every request: a bucket policy naming the service principal admits signed requests only.
                      signingBehavior: "always",
                      signingProtocol: "sigv4",
                  },
                  ctx.opts,
                  t.originAccessControl,
              );
    const buckets: Record<string, PrivateBucket> = {};
    const origins: types.cloudfront.DistributionOrigin[] = [];
    for (const [key, o] of Object.entries(cfg.origins)) {
        if (o.kind === "bucket") {
            const bucketName = childName(name, "bucket", key);
            const bucket = createPrivateBucket(
                bucketName,
                {
                    encryption: "sse-s3",
                    // Kept content is versioned (Security Hub S3.14): a bad upload or `aws s3 sync --delete` can be undone
                    // for NONCURRENT_VERSION_DAYS.
                    versioning: cfg.protectData,
                    lifecycle: cfg.protectData ? NONCURRENT_VERSIONS_RULE : {},
                    forceDestroy: !cfg.protectData,
                    protect: cfg.protectData,
                    tags: ctx.tags,
                    statements: (b) => [
                        cloudFrontReadStatement(b.arn, distributionArn),
                        ...(o.listBucket ? [cloudFrontListStatement(b.arn, distributionArn)] : []),
                    ],
                },
                { ...ctx.opts, retainOnDelete: cfg.protectData },
                t.bucket,
            );
            buckets[key] = bucket;
            origins.push({
                originId: key,
                // The Regional endpoint: the global one (bucket.s3.amazonaws.com) redirects for 24 hours after creation
                // outside us-east-1 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html#VirtualHostingBackwardsCompatibility).
                domainName: bucket.bucket.bucketRegionalDomainName,
                originAccessControlId: originAccessControl!.id,
                originPath: o.originPath,
            });
        } else {
            if (o.protocol === "http-only")
                pulumi.log.warn(
                    `[aws-platform:edge:http-origin] EdgeFunctions "${name}": origin "${key}" is reached over plain HTTP (protocol "http-only"): requests and responses cross the network between CloudFront and ${key} unencrypted. Give the origin a certificate and use "https-only".`,
                    ctx.component,
                );
            origins.push({
                originId: key,
                domainName: o.domainName,
                originPath: o.originPath,
                customHeaders: Object.entries(o.customHeaders).map(([header, value]) => ({ name: header, value })),
                customOriginConfig: {
                    originProtocolPolicy: o.protocol,
                    httpsPort: o.httpsPort,
                    httpPort: o.httpPort,
                    // TLS 1.2 only towards the origin: SSLv3, TLS 1.0 and 1.1 are offered by CloudFront but obsolete.
                    originSslProtocols: ["TLSv1.2"],
                    originReadTimeout: o.readTimeoutSeconds,
                    originKeepaliveTimeout: o.keepaliveTimeoutSeconds,
                },
            });
        }
    }
    return { buckets, originAccessControl, origins };
}
