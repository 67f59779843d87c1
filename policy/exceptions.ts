/**
 * The findings this project accepts on purpose, each with its reason: the pack (`policy/index.ts`),
 * `npm run plan` and the tests use this list, and the README lists it. A finding is fixed in the
 * component's defaults unless it is listed here; an exception that suppresses nothing fails the tests.
 */
import type { PolicyException } from "../components/policies";

/** ECS, ECR, ELB, EC2/VPC (rules/ecs.ts, rules/network.ts). */
const ECS_EXCEPTIONS: PolicyException[] = [
    {
        policy: "elb-1-http-redirect",
        resource: "saas-public-listener-80",
        type: "aws:lb/listener:Listener",
        stacks: ["prod"],
        reason: "No certificate is configured (containers.certificateArn), so the public ALB has no HTTPS listener to redirect to. Its security group admits only CloudFront's origin-facing prefix list (cdn.albFromCloudFrontOnly), and viewers reach CloudFront over HTTPS only (redirect-to-https); the HTTP hop is CloudFront to the ALB. Fix: set containers.certificateArn and cdn.webOriginDomain, which make port 80 a redirect and the origin https-only.",
    },
    {
        policy: "elb-1-http-redirect",
        resource: "saas-public-listener-80",
        type: "aws:lb/listener:Listener",
        stacks: ["dev"],
        reason: "dev has no certificate (containers.certificateArn) and serves the sample apps over HTTP, directly and as CloudFront's origin, for testing; it holds no user data. Fix: set containers.certificateArn (and cdn.webOriginDomain), which makes port 80 a redirect to HTTPS.",
    },
    {
        policy: "elb-1-http-redirect",
        resource: "saas-legacy-listener-80",
        type: "aws:lb/listener:Listener",
        reason: "The legacy ALB is internal (private subnets, its security group admits the VPC's CIDR only) and is reached only through the items API's VPC link: clients speak HTTPS to API Gateway, and the hop inside the VPC is HTTP. Fix: an ACM certificate for a private name on loadBalancers.legacy.certificateArn and an HTTPS integration URI in the VPC link route.",
    },
];

// ---------------------------------------------------------------------------------------------

/** EKS, launch templates, KMS, CloudTrail, CodeBuild, CloudWatch Logs, RDS (rules/eks.ts, rules/operations.ts). */
const EKS_EXCEPTIONS: PolicyException[] = [];

// ---------------------------------------------------------------------------------------------

/** Lambda, API Gateway, SQS, SNS, DynamoDB (rules/serverless.ts). */
const SERVERLESS_EXCEPTIONS: PolicyException[] = [];

// ---------------------------------------------------------------------------------------------

/** CloudFront and S3 (rules/edge.ts, rules/s3.ts). */
const EDGE_EXCEPTIONS: PolicyException[] = [];

// ---------------------------------------------------------------------------------------------

/** IAM and data protection (rules/iam.ts, rules/data.ts). */
const IAM_EXCEPTIONS: PolicyException[] = [];

// ---------------------------------------------------------------------------------------------

export const EXCEPTIONS: readonly PolicyException[] = [...ECS_EXCEPTIONS, ...EKS_EXCEPTIONS, ...SERVERLESS_EXCEPTIONS, ...EDGE_EXCEPTIONS, ...IAM_EXCEPTIONS];
