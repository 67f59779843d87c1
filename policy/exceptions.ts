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
const EKS_EXCEPTIONS: PolicyException[] = [
    {
        policy: "rds-35-auto-minor-upgrade",
        resource: "orders-writer",
        type: "aws:rds/clusterInstance:ClusterInstance",
        stacks: ["prod"],
        reason: "Database pins the engine with engineVersion (16.10): an automatic minor upgrade would leave the cluster newer than the program, and the next `pulumi up` would ask RDS for a downgrade, which it refuses. Minor versions move by changing database.engineVersion in the stack config; AWS still upgrades a minor version that reaches its end of standard support (Aurora version policy).",
    },
    {
        policy: "rds-35-auto-minor-upgrade",
        resource: "orders-reader-1",
        type: "aws:rds/clusterInstance:ClusterInstance",
        stacks: ["prod"],
        reason: "Same as orders-writer: the engine version is pinned by database.engineVersion, and an automatic minor upgrade would make the next `pulumi up` request a downgrade that RDS refuses.",
    },
    {
        policy: "rds-custom-admin",
        resource: "orders-cluster",
        type: "aws:rds/cluster:Cluster",
        stacks: ["prod"],
        reason: "The orders cluster was created with master user postgres (Database's default before issue 19, now dbadmin). The name is create-only: changing it replaces the cluster with a new, empty one, which protect refuses. The master user is reachable only through RDS Proxy with an IAM token over TLS; its password lives in Secrets Manager, rotated by RDS.",
    },
];

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
];

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
    ...["saas-public-access-logs", "saas-legacy-access-logs"].map(
        (resource): PolicyException => ({
            policy: "s3-9-access-logging",
            resource,
            type: "aws:s3/bucket:Bucket",
            stacks: ["prod"],
            reason: "A load balancer's access-log bucket is itself a log: only the Region's ELB log delivery writes to it (bucket policy), and logging its requests would need a further log bucket whose own requests go unlogged. Versioned, TLS-only, private and kept in prod.",
        }),
    ),
];

// ---------------------------------------------------------------------------------------------

/** IAM and data protection (rules/iam.ts, rules/data.ts). */
const IAM_EXCEPTIONS: PolicyException[] = [
    {
        policy: "iam-managed-full-access",
        resource: "platform-fsx-csi-fsx-csi-controller-sa-fsx",
        type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        stacks: ["prod"],
        reason: "AmazonFSxFullAccess is the policy AWS's FSx CSI driver guide attaches (the driver creates and deletes file systems for claims); only the kube-system/fsx-csi-controller-sa service account assumes the role (EKS Pod Identity session tags). A scoped inline policy would have to follow the driver's releases.",
    },
    {
        policy: "data-protect-stateful-prod",
        resource: "photos-thumbnails",
        type: "aws:s3/bucket:Bucket",
        stacks: ["prod"],
        reason: "Derived data: every thumbnail is made by the thumbnails function from an object in photos-source, which is protected, retained and versioned; copying the sources again regenerates them.",
    },
];

// ---------------------------------------------------------------------------------------------

export const EXCEPTIONS: readonly PolicyException[] = [...ECS_EXCEPTIONS, ...EKS_EXCEPTIONS, ...SERVERLESS_EXCEPTIONS, ...EDGE_EXCEPTIONS, ...IAM_EXCEPTIONS];
