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
const SERVERLESS_EXCEPTIONS: PolicyException[] = [];

// ---------------------------------------------------------------------------------------------

/** CloudFront and S3 (rules/edge.ts, rules/s3.ts). */
const EDGE_EXCEPTIONS: PolicyException[] = [];

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
