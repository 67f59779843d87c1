import type { DaxClusterArgs } from "../../../components/dax-cluster";

export const VPC = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1", "subnet-0123456789abcdef2"] };
export const TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
export const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const CLIENT_SG = "sg-0123456789abcdef0";

/** A cluster for an existing table by ARN, in three private subnets: the smallest valid args. */
export function args(extra: Partial<DaxClusterArgs> = {}): DaxClusterArgs {
    return { table: { tableArn: TABLE_ARN }, vpc: VPC, ...extra };
}
