/**
 * The findings this project accepts on purpose, each with its reason: the pack (`policy/index.ts`),
 * `npm run plan` and the tests use this list, and the README lists it. A finding is fixed in the
 * component's defaults unless it is listed here; an exception that suppresses nothing fails the tests.
 */
import type { PolicyException } from "../components/policies";

/** ECS, ECR, ELB, EC2/VPC (rules/ecs.ts, rules/network.ts). */
const ECS_EXCEPTIONS: PolicyException[] = [];

// ---------------------------------------------------------------------------------------------

/** EKS, launch templates, KMS, CloudTrail, CodeBuild, CloudWatch Logs, RDS (rules/eks.ts, rules/operations.ts). */
const EKS_EXCEPTIONS: PolicyException[] = [];

// ---------------------------------------------------------------------------------------------

/** Lambda, API Gateway, SQS, SNS, DynamoDB (rules/serverless.ts). */
const SERVERLESS_EXCEPTIONS: PolicyException[] = [];

// ---------------------------------------------------------------------------------------------

/** CloudFront and S3 (rules/edge.ts, rules/s3.ts). */
const NO_SERVER_ACCESS_LOGS =
    "No server access logs: the stacks keep no access-log bucket (one per Region, itself unlogged). The bucket is private (all four public access blocks, a TLS-only policy, read only by the platform's roles or CloudFront through OAC) and CloudTrail records every change to its configuration. Where object-level audit is needed, add an aws.s3.BucketLogging to a log bucket, or CloudTrail S3 data events.";
const EDGE_EXCEPTIONS: PolicyException[] = [
    {
        policy: "cloudfront-7-viewer-tls12",
        resource: "cdn-distribution",
        reason: "The stacks serve at d<id>.cloudfront.net: no custom domain is configured (cdn.domain), and CloudFront pins its default *.cloudfront.net certificate to TLSv1 whatever is asked. Set cdn.domain (aliases and an ACM certificate in us-east-1): EdgeFunctions then serves TLSv1.2_2021 with SNI and this exception turns stale.",
    },
    {
        policy: "cloudfront-9-https-origins",
        resource: "cdn-distribution",
        reason: "The web origin is the public ALB, which has no certificate in these stacks (containers.certificateArn unset), so CloudFront reaches it over HTTP (warning [aws-platform:edge:http-origin]); in prod the ALB admits only CloudFront's origin-facing prefix list (cdn.albFromCloudFrontOnly). Set containers.certificateArn and cdn.webOriginDomain: the origin becomes https-only (TLS 1.2).",
    },
    ...["audit-bucket", "release-artifacts", "cdn-bucket-site", "readings-bucket", "photos-source", "photos-thumbnails"].map(
        (resource): PolicyException => ({ policy: "s3-9-access-logging", resource, type: "aws:s3/bucket:Bucket", reason: NO_SERVER_ACCESS_LOGS }),
    ),
    { policy: "s3-9-access-logging", resource: "items-export-bucket", type: "aws:s3/bucket:Bucket", stacks: ["prod"], reason: NO_SERVER_ACCESS_LOGS },
];

// ---------------------------------------------------------------------------------------------

/** IAM and data protection (rules/iam.ts, rules/data.ts). */
const IAM_EXCEPTIONS: PolicyException[] = [];

// ---------------------------------------------------------------------------------------------

export const EXCEPTIONS: readonly PolicyException[] = [...ECS_EXCEPTIONS, ...EKS_EXCEPTIONS, ...SERVERLESS_EXCEPTIONS, ...EDGE_EXCEPTIONS, ...IAM_EXCEPTIONS];
