import type * as awsx from "@pulumi/awsx";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as iam from "@pulumi/aws/iam";
import type { Transform } from "../shared/transform";

/** How private subnets reach the internet. */
export type NatGateways = "single" | "one-per-az" | "none";

export interface FlowLogArgs {
    /**
     * Days CloudWatch Logs keeps flow records.
     * @default 90
     */
    retentionInDays?: number;
    /**
     * Which traffic to record.
     * @default "ALL"
     */
    trafficType?: "ALL" | "ACCEPT" | "REJECT";
}

export interface NetworkArgs {
    /**
     * IPv4 range of the VPC. A /16 leaves room for every subnet layout the components use.
     * @default "10.0.0.0/16"
     */
    cidrBlock?: string;
    /**
     * Number of availability zones; each gets one public and one private subnet. Load balancers and
     * EFS need at least two.
     * @default 2
     */
    availabilityZones?: number;
    /**
     * NAT gateways for the private subnets: `"single"` (one, cheapest: about $32/month plus data),
     * `"one-per-az"` (survives the loss of an AZ), or `"none"` (private subnets are isolated: no
     * route to the internet; use VPC endpoints).
     * @default "single"
     */
    natGateways?: NatGateways;
    /**
     * VPC flow logs to CloudWatch Logs: `true` for the defaults, an object to tune them, `false` for none.
     * @default false
     * @example { retentionInDays: 365, trafficType: "REJECT" }
     */
    flowLogs?: boolean | FlowLogArgs;
    /**
     * Free gateway endpoints, routed from every route table: S3 and DynamoDB traffic then stays off
     * the NAT gateway (and its per-GB charge).
     * @default ["s3", "dynamodb"]
     */
    gatewayEndpoints?: Array<"s3" | "dynamodb">;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /** Change any child's args: see `Transform`. @default {} */
    transform?: {
        vpc?: Transform<awsx.ec2.VpcArgs>;
        flowLogGroup?: Transform<cloudwatch.LogGroupArgs>;
        flowLogRole?: Transform<iam.RoleArgs>;
        flowLog?: Transform<ec2.FlowLogArgs>;
        endpoint?: Transform<ec2.VpcEndpointArgs>;
    };
}
