import * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../shared/iam";

/** Where a trail's policies apply: its own account and ARN, and the other accounts writing to the same bucket. */
export interface TrailScope {
    partition: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    /** This trail's ARN, built from its name before the trail exists (policies must admit it first). */
    trailArn: pulumi.Input<string>;
    writerAccountIds: string[];
    /** This trail's organization (`o-…`) when it is an organization trail: member accounts' logs go under `AWSLogs/<org id>/`. */
    organizationId?: pulumi.Input<string>;
    /** Another organization whose organization trail (in one of `writerAccountIds`, its management account) writes here. */
    writerOrganizationId?: string;
}

/** Every trail of `account`, in any region: the value CloudTrail puts in `kms:EncryptionContext:aws:cloudtrail:arn` and `aws:SourceArn`. */
export function accountTrails(partition: pulumi.Input<string>, account: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.interpolate`arn:${partition}:cloudtrail:*:${account}:trail/*`;
}

/**
 * The key policy CloudTrail needs, from "Configure AWS KMS key policies for CloudTrail"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html):
 * encrypt (GenerateDataKey* with the trail's encryption context and `aws:SourceArn`), describe, and
 * decrypt for the account's principals. "*" as a key policy's Resource means this key.
 */
export function trailKeyStatements(s: TrailScope): Statement[] {
    const own = accountTrails(s.partition, s.accountId);
    const writers = s.writerAccountIds.map((a) => accountTrails(s.partition, a));
    return [
        {
            // The default key policy: the account administers the key through IAM; without it the key is unmanageable.
            Sid: "EnableAccountAdministration",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:${s.partition}:iam::${s.accountId}:root` },
            Action: "kms:*",
            Resource: "*",
        },
        {
            Sid: "AllowCloudTrailEncryptLogs",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceArn": s.trailArn }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": own } },
        },
        ...(writers.length
            ? [
                  {
                      // Other accounts' trails (names unknown here): AWS's multi-account form lists each account's trails in the context.
                      Sid: "AllowWriterAccountsCloudTrailEncryptLogs",
                      Effect: "Allow",
                      Principal: { Service: "cloudtrail.amazonaws.com" },
                      Action: "kms:GenerateDataKey*",
                      Resource: "*",
                      Condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": writers, "aws:SourceArn": writers } },
                  } satisfies Statement,
              ]
            : []),
        {
            Sid: "AllowCloudTrailDescribeKey",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:DescribeKey",
            Resource: "*",
            Condition: writers.length ? { StringLike: { "aws:SourceArn": [s.trailArn, ...writers] } } : { StringEquals: { "aws:SourceArn": s.trailArn } },
        },
        {
            // Principal "*" narrowed by kms:CallerAccount: any principal of this account whose IAM policy
            // allows kms:Decrypt reads the logs, as in AWS's policy; nobody outside it.
            Sid: "AllowAccountPrincipalsDecryptLogs",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
            Resource: "*",
            Condition: { StringEquals: { "kms:CallerAccount": s.accountId }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": [own, ...writers] } },
        },
    ];
}

/**
 * CloudTrail's bucket policy, from "Amazon S3 bucket policy for CloudTrail"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html):
 * read the bucket ACL, and write under `AWSLogs/<account>/` with `bucket-owner-full-control` (accepted
 * with ACLs disabled, BucketOwnerEnforced), each limited by `aws:SourceArn`. Each other account may
 * write only under its own prefix, from its own trails.
 */
export function trailBucketStatements(s: TrailScope, bucketArn: pulumi.Input<string>): Statement[] {
    const service = { Service: "cloudtrail.amazonaws.com" };
    const writers = s.writerAccountIds.map((a) => ({ account: a, trails: accountTrails(s.partition, a) }));
    return [
        {
            Sid: "AWSCloudTrailAclCheck",
            Effect: "Allow",
            Principal: service,
            Action: "s3:GetBucketAcl",
            Resource: bucketArn,
            Condition: writers.length
                ? { StringLike: { "aws:SourceArn": [s.trailArn, ...writers.map((w) => w.trails)] } }
                : { StringEquals: { "aws:SourceArn": s.trailArn } },
        },
        {
            Sid: "AWSCloudTrailWrite",
            Effect: "Allow",
            Principal: service,
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${s.accountId}/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": s.trailArn } },
        },
        ...(s.organizationId === undefined
            ? []
            : [
                  {
                      // An organization trail writes member accounts' logs under AWSLogs/<org id>/<account>/, still as this
                      // trail ("Amazon S3 bucket policy for an organization trail": aws:SourceArn is the management
                      // account's trail; CDK's org trail failed to deploy without this statement, aws/aws-cdk#22267).
                      Sid: "AWSCloudTrailOrganizationWrite",
                      Effect: "Allow",
                      Principal: service,
                      Action: "s3:PutObject",
                      Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${s.organizationId}/*`,
                      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": s.trailArn } },
                  } satisfies Statement,
              ]),
        ...(s.writerOrganizationId === undefined
            ? []
            : [
                  {
                      // Another organization's organization trail, created in its management account (one of the writer
                      // accounts): its member accounts' logs arrive under AWSLogs/<org id>/. aws:SourceOrgID as AWS Control
                      // Tower's log bucket policy uses it (controltower/latest/userguide/logging-s3-audit-bucket.html), and
                      // only from the writer accounts' trails.
                      Sid: "AWSCloudTrailWriterOrganizationWrite",
                      Effect: "Allow",
                      Principal: service,
                      Action: "s3:PutObject",
                      Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${s.writerOrganizationId}/*`,
                      Condition: {
                          StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceOrgID": s.writerOrganizationId },
                          StringLike: { "aws:SourceArn": writers.map((w) => w.trails) },
                      },
                  } satisfies Statement,
              ]),
        ...writers.map(
            (w): Statement => ({
                Sid: `AWSCloudTrailWrite${w.account}`,
                Effect: "Allow",
                Principal: service,
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${w.account}/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" }, StringLike: { "aws:SourceArn": w.trails } },
            }),
        ),
    ];
}

/**
 * What CloudTrail's log role may do: create its streams and put events in this log group only
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html).
 * CloudTrail names its streams `<account>_CloudTrail_<region>[_<n>]`, one or more per region of a multi-region trail
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-log-group-log-stream-naming-for-cloudtrail.html).
 */
export function logRoleStatements(logGroupArn: pulumi.Input<string>, accountId: pulumi.Input<string>, organizationId?: pulumi.Input<string>): Statement[] {
    const own = pulumi.interpolate`${logGroupArn}:log-stream:${accountId}_CloudTrail_*`;
    return [
        {
            Sid: "AWSCloudTrailCreateLogStream",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            // An organization trail's member accounts get streams `<org id>_<account>_CloudTrail_<region>` (same page:
            // "If you're creating a policy that might be used for organization trails as well ... log-stream:o-exampleorgid_*").
            Resource: organizationId === undefined ? own : [own, pulumi.interpolate`${logGroupArn}:log-stream:${organizationId}_*`],
        },
    ];
}
