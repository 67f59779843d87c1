import type { DatabaseArgs } from "../../../components/database";

export const VPC = "vpc-0123456789abcdef0";
export const SUBNETS = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"];
export const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const SERVICE_SG = "sg-0fedcba9876543210";

export const CLUSTER = "aws:rds/cluster:Cluster";
export const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
export const PROXY = "aws:rds/proxy:Proxy";
export const SG = "aws:ec2/securityGroup:SecurityGroup";
export const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const KMS_KEY = "aws:kms/key:Key";

/** The smallest valid database: two private subnets, with `over` on top. */
export function dbArgs(over: Partial<DatabaseArgs> = {}): DatabaseArgs {
    return { vpc: { vpcId: VPC, subnetIds: SUBNETS }, ...over };
}
