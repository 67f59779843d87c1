/**
 * VPC endpoint services the Network offers, as data. Pure: no Pulumi.
 */

/** Gateway endpoints: free, routed from route tables. */
export const GATEWAY_ENDPOINTS = ["s3", "dynamodb"] as const;
export type GatewayEndpoint = (typeof GATEWAY_ENDPOINTS)[number];

/**
 * Interface endpoints (`com.amazonaws.<region>.<service>`) the Network creates on request: the services
 * our components call from inside the VPC. Anything else can be created next to the Network with its
 * `vpcId` and `privateSubnetIds`. S3 and DynamoDB are left out: their gateway endpoints are free.
 */
export const INTERFACE_ENDPOINTS = [
    "ecr.api",
    "ecr.dkr",
    "logs",
    "monitoring",
    "sts",
    "ssm",
    "ssmmessages",
    "ec2messages",
    "secretsmanager",
    "kms",
    "ecs",
    "ecs-agent",
    "ecs-telemetry",
    "sqs",
    "sns",
    "events",
    "elasticfilesystem",
    "elasticloadbalancing",
    "autoscaling",
    "application-autoscaling",
    "ec2",
    "eks",
    "eks-auth",
    "lambda",
    "states",
    "xray",
    "execute-api",
    "kinesis-streams",
    "kinesis-firehose",
] as const;
export type InterfaceEndpoint = (typeof INTERFACE_ENDPOINTS)[number];

/**
 * What an ECS task in subnets without NAT needs to start: pull its image from private ECR (the
 * `ecr.api` and `ecr.dkr` interface endpoints, and the S3 gateway endpoint for the image layers) and
 * write its logs (`logs`). https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
 */
export const TASK_START_ENDPOINTS: InterfaceEndpoint[] = ["ecr.api", "ecr.dkr", "logs"];

/**
 * The default with `natGateways: "none"`: the task-start set, plus STS (task roles that assume roles
 * with regional STS), SSM messages (ECS Exec) and Secrets Manager (secrets injected into containers).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html
 */
export const ISOLATED_DEFAULT_ENDPOINTS: InterfaceEndpoint[] = [...TASK_START_ENDPOINTS, "sts", "ssmmessages", "secretsmanager"];

/**
 * How the workload subnets reach AWS services and the internet: `"nat"` (a default route through a
 * NAT gateway), `"endpoints"` (no internet; the S3 gateway endpoint and the ECR and CloudWatch Logs
 * interface endpoints, enough for a task to pull a private ECR image and log) or `"none"` (neither).
 */
export type Egress = "nat" | "endpoints" | "none";

export function egressOf(nat: boolean, gateway: readonly string[], interfaces: readonly string[]): Egress {
    if (nat) return "nat";
    const canStart = gateway.includes("s3") && TASK_START_ENDPOINTS.every((e) => interfaces.includes(e));
    return canStart ? "endpoints" : "none";
}
