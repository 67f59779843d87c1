import * as pulumi from "@pulumi/pulumi";
import * as awsx from "@pulumi/awsx/ec2";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as iam from "@pulumi/aws/iam";
import { ArgsError } from "../shared/errors";
import { assumeRolePolicy, createRole } from "../shared/iam";
import { childName, typeToken } from "../shared/naming";
import { componentTags, withTags } from "../shared/tags";
import { create } from "../shared/transform";
import type { NetworkArgs } from "./args";
import { ResolvedNetwork, normalize } from "./defaults";
import { nameIssues } from "../shared/shape";
import { validate } from "./validate";

const NAT_STRATEGY = { single: "Single", "one-per-az": "OnePerAz", none: "None" } as const;

/**
 * A VPC with public and private subnets across availability zones, NAT, optional flow logs and
 * free S3/DynamoDB gateway endpoints. Wraps `awsx.ec2.Vpc` (whose subnet maths and routes are proven
 * in production) and adds what it lacks.
 *
 * @example
 * const net = new Network("main", { availabilityZones: 3, natGateways: "one-per-az", flowLogs: true });
 * new ContainerService("web", { vpc: net.vpcArgs, ... });
 *
 * **Cost** with the defaults: one NAT gateway (about $32/month plus $0.045/GB processed) and its
 * Elastic IP; gateway endpoints and the VPC itself are free; flow logs add CloudWatch Logs ingestion.
 * With `natGateways: "none"` the private subnets are isolated and the network costs nothing idle.
 */
export class Network extends pulumi.ComponentResource {
    static readonly type = typeToken("network", "Network");

    readonly vpcId: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    /** Subnets for workloads: private (NAT egress) or, with `natGateways: "none"`, isolated. */
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly cidrBlock: string;
    readonly availabilityZones: number;
    /** The children, for wiring and escape hatches. */
    readonly resources: {
        vpc: awsx.Vpc;
        flowLogGroup?: cloudwatch.LogGroup;
        flowLogRole?: iam.Role;
        flowLog?: ec2.FlowLog;
        endpoints: Record<string, ec2.VpcEndpoint>;
    };

    constructor(name: string, args: NetworkArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("Network", name, issues);
        super(Network.type, name, args, opts);
        const cfg = normalize(args);
        const tags = componentTags(Network.type, name, cfg.tags);

        const vpc = createVpc(this, name, cfg, tags);
        this.vpcId = vpc.vpcId;
        this.publicSubnetIds = vpc.publicSubnetIds;
        this.privateSubnetIds = cfg.natGateways === "none" ? vpc.isolatedSubnetIds : vpc.privateSubnetIds;
        this.cidrBlock = cfg.cidrBlock;
        this.availabilityZones = cfg.availabilityZones;
        this.resources = { vpc, endpoints: createGatewayEndpoints(this, name, cfg, tags, vpc), ...createFlowLogs(this, name, cfg, tags, vpc) };

        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            cidrBlock: this.cidrBlock,
        });
    }

    /**
     * What the workload components take as `vpc`: subnet ids as arrays with one entry per AZ, so a
     * component can create one resource per subnet (EFS mount targets) at plan time.
     */
    get vpcArgs(): { vpcId: pulumi.Output<string>; privateSubnetIds: pulumi.Output<string>[]; publicSubnetIds: pulumi.Output<string>[]; cidrBlock: string } {
        const perAz = (ids: pulumi.Output<string[]>) => Array.from({ length: this.availabilityZones }, (_v, i) => ids.apply((list) => list[i]));
        return { vpcId: this.vpcId, privateSubnetIds: perAz(this.privateSubnetIds), publicSubnetIds: perAz(this.publicSubnetIds), cidrBlock: this.cidrBlock };
    }
}

function createVpc(parent: Network, name: string, cfg: ResolvedNetwork, tags: Record<string, string>): awsx.Vpc {
    // Without NAT, "Private" subnets would have no default route: awsx calls those "Isolated".
    const workloadType = cfg.natGateways === "none" ? "Isolated" : "Private";
    return create(
        awsx.Vpc,
        childName(name, "vpc"),
        {
            cidrBlock: cfg.cidrBlock,
            numberOfAvailabilityZones: cfg.availabilityZones,
            subnetStrategy: "Auto",
            subnetSpecs: [
                { type: "Public", cidrMask: 24 },
                // /20 per AZ: 4,091 addresses, room for awsvpc tasks that each take an IP.
                { type: workloadType, cidrMask: 20 },
            ],
            natGateways: { strategy: NAT_STRATEGY[cfg.natGateways] },
            enableDnsHostnames: true,
            enableDnsSupport: true,
            tags,
        },
        { parent },
        cfg.transform.vpc,
    );
}

function createGatewayEndpoints(
    parent: Network,
    name: string,
    cfg: ResolvedNetwork,
    tags: Record<string, string>,
    vpc: awsx.Vpc,
): Record<string, ec2.VpcEndpoint> {
    if (cfg.gatewayEndpoints.length === 0) return {};
    const region = getRegionOutput({}, { parent }).region;
    // Every route table of the VPC (public and private), read once the awsx VPC has made them.
    const routeTableIds = ec2.getRouteTablesOutput({ vpcId: vpc.vpcId }, { parent }).ids;
    const endpoints: Record<string, ec2.VpcEndpoint> = {};
    for (const service of cfg.gatewayEndpoints) {
        endpoints[service] = create(
            ec2.VpcEndpoint,
            childName(name, `${service}-endpoint`),
            {
                vpcId: vpc.vpcId,
                serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
                vpcEndpointType: "Gateway",
                routeTableIds,
                tags: withTags(tags, { Name: childName(name, service) }),
            },
            { parent },
            cfg.transform.endpoint,
        );
    }
    return endpoints;
}

function createFlowLogs(parent: Network, name: string, cfg: ResolvedNetwork, tags: Record<string, string>, vpc: awsx.Vpc) {
    if (!cfg.flowLogs) return {};
    const t = cfg.transform;
    const flowLogGroup = create(
        cloudwatch.LogGroup,
        childName(name, "flow-logs"),
        {
            retentionInDays: cfg.flowLogs.retentionInDays,
            tags,
        },
        { parent },
        t.flowLogGroup,
    );
    const account = getCallerIdentityOutput({}, { parent }).accountId;
    const flowLogRole = createRole(
        childName(name, "flow-logs-role"),
        {
            description: `VPC flow logs of ${name} to CloudWatch Logs`,
            assumeRolePolicy: assumeRolePolicy("vpc-flow-logs.amazonaws.com", { sourceAccount: account }),
            policies: {
                "write-flow-logs": [
                    {
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                        Resource: [flowLogGroup.arn, pulumi.interpolate`${flowLogGroup.arn}:*`],
                    },
                ],
            },
            tags,
        },
        { parent },
        t.flowLogRole,
    );
    const flowLog = create(
        ec2.FlowLog,
        childName(name, "flow-log"),
        {
            vpcId: vpc.vpcId,
            trafficType: cfg.flowLogs.trafficType,
            logDestinationType: "cloud-watch-logs",
            logDestination: flowLogGroup.arn,
            iamRoleArn: flowLogRole.arn,
            maxAggregationInterval: 60,
            tags,
        },
        { parent },
        t.flowLog,
    );
    return { flowLogGroup, flowLogRole: flowLogRole.role, flowLog };
}
