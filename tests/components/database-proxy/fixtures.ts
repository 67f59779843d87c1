import type { DatabaseProxyArgs } from "../../../components/database-proxy";

export const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-0a1b2c3d-aaaa-bbbb-cccc-0123456789ab-AbC123";
export const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const DB_SG = "sg-0123456789abcdef0";
export const CLIENT_SG = "sg-0fedcba9876543210";
export const SUBNETS = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"];
export const VPC = "vpc-0123456789abcdef0";

export const PROXY = "aws:rds/proxy:Proxy";
export const SG = "aws:ec2/securityGroup:SecurityGroup";
export const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const POLICY = "aws:iam/rolePolicy:RolePolicy";

/** A PostgreSQL proxy in front of cluster "orders-1a2b3c4" with one secret under a customer key, with `over` on top. */
export function proxyArgs(over: Partial<DatabaseProxyArgs> = {}): DatabaseProxyArgs {
    return {
        engineFamily: "POSTGRESQL",
        target: { clusterIdentifier: "orders-1a2b3c4" },
        secrets: [{ arn: SECRET, kmsKeyArn: KEY }],
        vpc: { vpcId: VPC, subnetIds: SUBNETS },
        targetSecurityGroupId: DB_SG,
        port: 5432,
        ...over,
    };
}
