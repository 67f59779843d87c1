import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as autoscaling from "@pulumi/aws/autoscaling";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as iam from "@pulumi/aws/iam";
import type * as vpc from "@pulumi/aws/vpc";
import type { Transform } from "../shared/transform";
import type { GatewayEndpoint, InterfaceEndpoint } from "./endpoints";

/** How private subnets reach the internet. */
export type NatGateways = "single" | "one-per-az" | "instance" | "none";

/** The NAT instance of `natGateways: "instance"`. */
export interface NatInstanceArgs {
    /**
     * EC2 instance type. A Graviton `t4g.nano` (2 vCPUs burstable, 0.5 GiB, up to 5 Gbps in bursts) forwards
     * what a development VPC sends; a larger type raises the sustained bandwidth (a t4g.nano's baseline is
     * about 32 Mbps: https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html#gp_network).
     * @default "t4g.nano"
     */
    instanceType?: string;
    /**
     * The AMI: an `ami-…` id, or `resolve:ssm:<parameter>` resolved at each launch. Its architecture must be
     * the instance type's.
     * @default - the latest Amazon Linux 2023 for the instance type's architecture:
     * `resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64` (or `-x86_64`)
     * @example "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
     */
    imageId?: string;
}

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
     * IPv4 range of the VPC, RFC 1918, /16 to /24. Each AZ gets an equal block of it: a /24 public and
     * a /20 private subnet where the block allows (a /16 holds six AZs), smaller subnets in a smaller
     * VPC (down to a /27 public and /26 private per AZ: a /24 VPC holds two AZs). See layout.ts.
     * @default "10.0.0.0/16"
     */
    cidrBlock?: string;
    /**
     * Number of availability zones (1–6); each gets one public and one private subnet. The zones are the
     * region's first `availabilityZones` available ones. `1` is for throw-away environments only and
     * logs the warning `[aws-platform:network:single-az]`: everything then fails with that one zone, and an
     * Application Load Balancer needs subnets in two AZs
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#subnets-load-balancer),
     * so ContainerService refuses ALBs (and Express Mode) on such a network; NLBs, tasks and EFS work.
     * @default 2
     */
    availabilityZones?: number;
    /**
     * NAT for the private subnets: `"single"` (one NAT gateway, in the first public subnet: about
     * $32.85/month plus $0.045/GB), `"one-per-az"` (a NAT gateway per AZ: survives the loss of an AZ),
     * `"instance"` (one NAT instance, see `natInstance`: about $3.07/month for a t4g.nano and no per-GB
     * charge, but one instance in one AZ, replaced within minutes when it fails, with a burstable
     * bandwidth: for development), or `"none"` (private subnets are isolated: no route to the
     * internet; AWS services through VPC endpoints only).
     * @default "single"
     */
    natGateways?: NatGateways;
    /**
     * The NAT instance of `natGateways: "instance"` (refused with any other mode): an Auto Scaling group
     * of one in the first public subnet, booting on a fixed network interface with an Elastic IP that
     * every private route table points at; IMDSv2 only, encrypted gp3 root volume, Session Manager
     * access (no SSH key).
     * @default { instanceType: "t4g.nano" } with natGateways "instance"
     * @example { instanceType: "t4g.micro" }
     */
    natInstance?: NatInstanceArgs;
    /**
     * VPC flow logs to CloudWatch Logs: `true` for the defaults, an object to tune them, `false` for none.
     * @default false
     * @example { retentionInDays: 365, trafficType: "REJECT" }
     */
    flowLogs?: boolean | FlowLogArgs;
    /**
     * Free gateway endpoints, routed from every route table: S3 and DynamoDB traffic then stays off
     * the NAT gateway (and its per-GB charge). Without NAT, ECR image layers come through the S3 one.
     * @default ["s3", "dynamodb"]
     */
    gatewayEndpoints?: GatewayEndpoint[];
    /**
     * Interface endpoints (AWS PrivateLink) in the private subnets, with private DNS, behind a security
     * group that admits HTTPS from the VPC. Each costs about $7.30/month per AZ plus $0.01/GB. Without
     * NAT they are the only way to AWS APIs: the default is then what ECS tasks need to pull private
     * ECR images, write logs, assume roles, run ECS Exec and read secrets (`ecr.api`, `ecr.dkr`, `logs`,
     * `sts`, `ssmmessages`, `secretsmanager`); EC2 capacity also needs `ecs`, `ecs-agent`, `ecs-telemetry`.
     * See https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html and
     * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html.
     * @default [] with NAT; with natGateways "none": ["ecr.api", "ecr.dkr", "logs", "sts", "ssmmessages", "secretsmanager"]
     * @example ["ecr.api", "ecr.dkr", "logs", "sts", "ssmmessages", "secretsmanager", "ecs", "ecs-agent", "ecs-telemetry"]
     */
    interfaceEndpoints?: InterfaceEndpoint[];
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change any child's args, one key per child role (each key's comment names the children it
     * reaches); see `Transform` for the merge rules.
     * @default {}
     */
    transform?: {
        /** The VPC (`<name>-vpc`). */
        vpc?: Transform<ec2.VpcArgs>;
        /** The VPC's default security group, kept without rules (`<name>-default-security-group`). */
        defaultSecurityGroup?: Transform<ec2.DefaultSecurityGroupArgs>;
        /** The internet gateway (`<name>-internet-gateway`). */
        internetGateway?: Transform<ec2.InternetGatewayArgs>;
        /** Every public subnet (`<name>-public-subnet-<n>`). */
        publicSubnet?: Transform<ec2.SubnetArgs>;
        /** Every private (workload) subnet (`<name>-private-subnet-<n>`). */
        privateSubnet?: Transform<ec2.SubnetArgs>;
        /** The route table shared by the public subnets (`<name>-public-route-table`). */
        publicRouteTable?: Transform<ec2.RouteTableArgs>;
        /** Each AZ's private route table (`<name>-private-route-table-<n>`). */
        privateRouteTable?: Transform<ec2.RouteTableArgs>;
        /** Public subnets' associations (`<name>-public-route-table-association-<n>`). */
        publicRouteTableAssociation?: Transform<ec2.RouteTableAssociationArgs>;
        /** Private subnets' associations (`<name>-private-route-table-association-<n>`). */
        privateRouteTableAssociation?: Transform<ec2.RouteTableAssociationArgs>;
        /** The public default route to the internet gateway (`<name>-internet-route`). */
        internetRoute?: Transform<ec2.RouteArgs>;
        /** Each private default route to a NAT gateway or the NAT instance's interface (`<name>-nat-route-<n>`). */
        natRoute?: Transform<ec2.RouteArgs>;
        /** Each NAT gateway's Elastic IP (`<name>-nat-eip-<n>`). */
        natEip?: Transform<ec2.EipArgs>;
        /** Each NAT gateway (`<name>-nat-gateway-<n>`). */
        natGateway?: Transform<ec2.NatGatewayArgs>;
        /** The NAT instance's security group (`<name>-nat-instance-security-group`). */
        natInstanceSecurityGroup?: Transform<ec2.SecurityGroupArgs>;
        /** Its all-traffic-from-the-VPC rule (`<name>-nat-instance-from-vpc`). */
        natInstanceIngress?: Transform<vpc.SecurityGroupIngressRuleArgs>;
        /** Its all-traffic-out rule (`<name>-nat-instance-to-anywhere`). */
        natInstanceEgress?: Transform<vpc.SecurityGroupEgressRuleArgs>;
        /** The NAT instance's fixed network interface (`<name>-nat-instance-network-interface`). */
        natInstanceNetworkInterface?: Transform<ec2.NetworkInterfaceArgs>;
        /** The NAT instance's Elastic IP (`<name>-nat-instance-eip`). */
        natInstanceEip?: Transform<ec2.EipArgs>;
        /** The NAT instance's role (`<name>-nat-instance-role`). */
        natInstanceRole?: Transform<iam.RoleArgs>;
        /** The NAT instance's profile (`<name>-nat-instance-instance-profile`). */
        natInstanceProfile?: Transform<iam.InstanceProfileArgs>;
        /** The NAT instance's launch template (`<name>-nat-instance-launch-template`). */
        natInstanceLaunchTemplate?: Transform<ec2.LaunchTemplateArgs>;
        /** The NAT instance's Auto Scaling group of one (`<name>-nat-instance-group`). */
        natInstanceGroup?: Transform<autoscaling.GroupArgs>;
        /** Each gateway endpoint (`<name>-s3-endpoint`, `<name>-dynamodb-endpoint`). */
        gatewayEndpoint?: Transform<ec2.VpcEndpointArgs>;
        /** Each interface endpoint (`<name>-<service>-endpoint`, dots as dashes: `main-ecr-api-endpoint`). */
        interfaceEndpoint?: Transform<ec2.VpcEndpointArgs>;
        /** The interface endpoints' security group (`<name>-endpoint-security-group`). */
        endpointSecurityGroup?: Transform<ec2.SecurityGroupArgs>;
        /** The endpoints' HTTPS-from-the-VPC rule (`<name>-endpoint-https-from-vpc`). */
        endpointIngress?: Transform<vpc.SecurityGroupIngressRuleArgs>;
        /** The flow logs' log group (`<name>-flow-logs`). */
        flowLogGroup?: Transform<cloudwatch.LogGroupArgs>;
        /** The role flow logs write with (`<name>-flow-logs-role`). */
        flowLogRole?: Transform<iam.RoleArgs>;
        /** The flow log (`<name>-flow-log`). */
        flowLog?: Transform<ec2.FlowLogArgs>;
    };
}

/** The `transform` keys of a Network, one per child role. */
export type NetworkTransforms = NonNullable<NetworkArgs["transform"]>;
