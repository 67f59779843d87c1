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
const SERVERLESS_EXCEPTIONS: PolicyException[] = [
    ...["items-route-get-items", "items-route-get-items-id"].map((resource) => ({
        policy: "apigw-8-route-authorization",
        resource,
        reason: "Public catalogue reads (serverless.api.publicReads): items are published data, the stage throttles every route, and every write route (POST, PUT, DELETE) requires a Cognito user pool token. Set publicReads: false to require the token on reads too.",
    })),
    {
        policy: "apigw-8-route-authorization",
        resource: "items-route-get-legacy-proxy",
        reason: "GET /legacy/{proxy+} follows publicReads like the items reads: the legacy service's read-only pages, reached only through the VPC link to its internal ALB; ANY /legacy/{proxy+} (writes) requires a Cognito token.",
    },
    ...["partners-method-post-events", "partners-method-get-items-id"].map((resource) => ({
        policy: "apigw-8-route-authorization",
        resource,
        reason: "Partner methods require an API key of the usage plan (quota and throttle per partner) by contract with the partners; AWS does not count API keys as authorization, so this is accepted, not compliant. Fix: an IAM (SigV4) or Lambda authorizer on the RestApi routes once partners can sign requests.",
    })),
    ...["items-table", "item-tags-table"].map((resource) => ({
        policy: "dynamodb-kms-encryption",
        resource,
        reason: "Encrypted at rest with the AWS owned key (no KMS charge; key use not visible in CloudTrail). Set serverless.table.kmsKeyArn to a customer managed key to encrypt both tables with it.",
    })),
];

// ---------------------------------------------------------------------------------------------

/** CloudFront and S3 (rules/edge.ts, rules/s3.ts). */
const EDGE_EXCEPTIONS: PolicyException[] = [];

// ---------------------------------------------------------------------------------------------

/** IAM and data protection (rules/iam.ts, rules/data.ts). */
const IAM_EXCEPTIONS: PolicyException[] = [];

// ---------------------------------------------------------------------------------------------

export const EXCEPTIONS: readonly PolicyException[] = [...ECS_EXCEPTIONS, ...EKS_EXCEPTIONS, ...SERVERLESS_EXCEPTIONS, ...EDGE_EXCEPTIONS, ...IAM_EXCEPTIONS];
