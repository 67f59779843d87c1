import * as pulumi from "@pulumi/pulumi";
import { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as ec2 from "@pulumi/aws/ec2";
import { ArgsError } from "../shared/errors";
import { childName, typeToken } from "../shared/naming";
import { readyAfter } from "../shared/outputs";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import type { NetworkArgs } from "./args";
import { type NetworkContext, named } from "./context";
import { normalize } from "./defaults";
import { type Egress, type InterfaceEndpoint, egressOf } from "./endpoints";
import { type FlowLogResources, createFlowLogs } from "./flow-logs";
import { subnetLayout } from "./layout";
import { type SubnetResources, createSubnets } from "./subnets";
import { nameIssues } from "../shared/shape";
import { validate } from "./validate";
import { type EndpointResources, createEndpoints } from "./vpc-endpoints";

/** Every child of a Network, for wiring and escape hatches. */
export interface NetworkResources extends SubnetResources, EndpointResources, FlowLogResources {
    vpc: ec2.Vpc;
    /** The VPC's default security group, held with no rules. */
    defaultSecurityGroup: ec2.DefaultSecurityGroup;
    internetGateway: ec2.InternetGateway;
}

/** What workload components take as `vpc` (ContainerService's `VpcArgs`). */
export interface NetworkVpcArgs {
    vpcId: pulumi.Output<string>;
    /** One per AZ, in AZ order: a component can create one resource per subnet (EFS mount targets) at plan time. */
    privateSubnetIds: pulumi.Output<string>[];
    publicSubnetIds: pulumi.Output<string>[];
    cidrBlock: string;
    /** How the private subnets reach AWS services: through NAT, through VPC endpoints only, or not at all. */
    egress: Egress;
    /** The interface endpoints in the private subnets. */
    interfaceEndpoints: InterfaceEndpoint[];
}

/**
 * A VPC across availability zones built from `@pulumi/aws` resources, so that `pulumi preview` (and
 * the offline plan) shows every part: per AZ a public and a private subnet (layout in layout.ts),
 * a public route table to an internet gateway, a private route table per AZ to a NAT gateway (one,
 * one per AZ), to a NAT instance, or to nothing, free S3/DynamoDB gateway endpoints on every route table, optional interface
 * endpoints and flow logs. The default security group is emptied (Security Hub EC2.2) and no subnet
 * assigns public IPs on launch (EC2.15).
 *
 * @example
 * const net = new Network("main", { availabilityZones: 3, natGateways: "one-per-az", flowLogs: true });
 * new ContainerService("web", { vpc: net.vpcArgs, ... });
 *
 * **Cost** with the defaults: one NAT gateway, about $32.85/month ($0.045/hour × 730 hours) plus
 * $0.045/GB processed, and its public IPv4 address ($0.005/hour, $3.65/month); gateway endpoints, the
 * VPC, subnets and route tables are free. `one-per-az` multiplies the NAT and IP cost by the AZ count.
 * Each interface endpoint costs $0.01/hour per AZ (about $7.30/month per AZ) plus $0.01/GB: the six
 * defaulted with `natGateways: "none"` across two AZs come to about $88/month. Flow logs add
 * CloudWatch Logs ingestion ($0.50/GB for vended logs) and storage. `natGateways: "instance"` replaces the
 * NAT gateway's $32.85/month and $0.045/GB by a t4g.nano ($0.0042/hour × 730 = $3.07/month), its 8 GiB gp3
 * root volume ($0.08/GB-month × 8 = $0.64) and the same public IPv4 address ($3.65): about $7.36/month in
 * all instead of $36.50 plus data. Prices: us-east-1.
 */
export class Network extends pulumi.ComponentResource {
    static readonly type = typeToken("network", "Network");

    readonly vpcId: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    /** Subnets for workloads: private (NAT egress) or, with `natGateways: "none"`, isolated. */
    readonly privateSubnetIds: pulumi.Output<string[]>;
    /**
     * The private subnets' route tables, one per AZ in AZ order. A service that routes to floating
     * addresses (a `MULTI_AZ` FSx for ONTAP file system) must be given these: by default FSx adds its
     * routes to the VPC's main route table only, which no private subnet uses
     * (https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemOntapConfiguration.html, `RouteTableIds`).
     * Not part of `vpcArgs`: the workload components take no route tables.
     */
    readonly privateRouteTableIds: pulumi.Output<string>[];
    readonly cidrBlock: string;
    readonly availabilityZones: number;
    /** How the private subnets reach AWS services and the internet (see `Egress`). */
    readonly egress: Egress;
    readonly interfaceEndpoints: InterfaceEndpoint[];
    readonly resources: NetworkResources;
    /** One id per AZ, each resolved once the subnet is routed (see the constructor). */
    private readonly publicSubnetIdList: pulumi.Output<string>[];
    private readonly privateSubnetIdList: pulumi.Output<string>[];

    constructor(name: string, args: NetworkArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("Network", name, issues);
        super(Network.type, name, args, opts);
        const cfg = normalize(args);
        if (cfg.availabilityZones === 1) {
            pulumi.log.warn(
                `[aws-platform:network:single-az] Network "${name}": one availability zone, for throw-away environments only: an outage of that zone takes down everything in the network, and an Application Load Balancer cannot be placed in it (ALBs need subnets in two AZs); use availabilityZones: 2 or more for anything that must stay up`,
                this,
            );
        }
        const ctx: NetworkContext = { parent: this, name, cfg, tags: componentTags(Network.type, name, cfg.tags) };
        // validate() refused every CIDR and AZ count without a layout.
        const layout = subnetLayout(cfg.cidrBlock, cfg.availabilityZones)!;
        const scope = {
            partition: getPartitionOutput({}, { parent: this }).partition,
            region: getRegionOutput({}, { parent: this }).region,
            accountId: getCallerIdentityOutput({}, { parent: this }).accountId,
        };

        const base = createVpc(ctx);
        const subnets = createSubnets(ctx, base.vpc, base.internetGateway, layout, azNames(ctx), scope.partition);
        const endpoints = createEndpoints(
            ctx,
            base.vpc,
            scope.region,
            [subnets.publicRouteTable, ...subnets.privateRouteTables].map((t) => t.id),
            subnets.privateSubnets,
        );
        this.resources = { ...base, ...subnets, ...endpoints, ...createFlowLogs(ctx, base.vpc, scope) };

        // Subnet ids resolve only once the subnet's way out exists, so whatever is placed in a subnet
        // waits for it: an internet-facing ALB created before the internet gateway's route fails
        // (`InvalidSubnet: ... has no internet gateway`), and tasks started before the NAT route or the
        // endpoints cannot pull their images. AWS CDK makes load balancers wait for
        // `internetConnectivityEstablished` for the same reason.
        const gateways = [...Object.values(endpoints.gatewayEndpoints), ...Object.values(endpoints.interfaceEndpoints)];
        this.publicSubnetIdList = subnets.publicSubnets.map((s, i) => readyAfter(s.id, [subnets.internetRoute, subnets.publicRouteTableAssociations[i]]));
        this.privateSubnetIdList = subnets.privateSubnets.map((s, i) =>
            readyAfter(s.id, [
                subnets.privateRouteTableAssociations[i],
                ...(subnets.natRoutes[i] ? [subnets.natRoutes[i]] : []),
                // Created once its instance is running (the group waits for capacity by default).
                ...(subnets.natInstance ? [subnets.natInstance.group] : []),
                ...gateways,
            ]),
        );
        this.vpcId = base.vpc.id;
        this.publicSubnetIds = pulumi.all(this.publicSubnetIdList);
        this.privateSubnetIds = pulumi.all(this.privateSubnetIdList);
        this.privateRouteTableIds = subnets.privateRouteTables.map((t) => t.id);
        this.cidrBlock = cfg.cidrBlock;
        this.availabilityZones = cfg.availabilityZones;
        this.egress = egressOf(cfg.natGateways !== "none", cfg.gatewayEndpoints, cfg.interfaceEndpoints);
        this.interfaceEndpoints = cfg.interfaceEndpoints;
        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            privateRouteTableIds: this.privateRouteTableIds,
            cidrBlock: this.cidrBlock,
            egress: this.egress,
        });
    }

    /** What the workload components take as `vpc`: subnet ids one per AZ, and how the subnets reach AWS. */
    get vpcArgs(): NetworkVpcArgs {
        return {
            vpcId: this.vpcId,
            privateSubnetIds: [...this.privateSubnetIdList],
            publicSubnetIds: [...this.publicSubnetIdList],
            cidrBlock: this.cidrBlock,
            egress: this.egress,
            interfaceEndpoints: [...this.interfaceEndpoints],
        };
    }
}

/** The VPC, its default security group emptied, and its internet gateway. */
function createVpc(ctx: NetworkContext): Pick<NetworkResources, "vpc" | "defaultSecurityGroup" | "internetGateway"> {
    const { parent, name, cfg } = ctx;
    const t = cfg.transform;
    const vpc = create(
        ec2.Vpc,
        childName(name, "vpc"),
        {
            cidrBlock: cfg.cidrBlock,
            // Both on: private DNS of interface endpoints and EFS mount-target names need them.
            enableDnsHostnames: true,
            enableDnsSupport: true,
            tags: named(ctx, name),
        },
        { parent },
        t.vpc,
    );
    // The provider adopts the default group and removes all its rules, then adds back only those given
    // (pulumi-aws `aws.ec2.DefaultSecurityGroup` docs): none, so nothing placed in it by mistake can
    // talk (Security Hub EC2.2: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2).
    const defaultSecurityGroup = create(
        ec2.DefaultSecurityGroup,
        childName(name, "default-security-group"),
        { vpcId: vpc.id, tags: named(ctx, `${name}-default`) },
        { parent },
        t.defaultSecurityGroup,
    );
    const internetGateway = create(
        ec2.InternetGateway,
        childName(name, "internet-gateway"),
        { vpcId: vpc.id, tags: named(ctx, name) },
        { parent },
        t.internetGateway,
    );
    return { vpc, defaultSecurityGroup, internetGateway };
}

/**
 * The names of the region's first N Availability Zones (Local Zones left out), one Output each. The count is plain (the number of
 * subnets is known at plan time); the names are checked once known (see `firstZones`).
 */
function azNames(ctx: NetworkContext): pulumi.Output<string>[] {
    // Availability Zones only: an opted-in Local Zone (`us-east-1-bos-1a`) sorts before `us-east-1a` and
    // would become "AZ 1" (the data source lists both when Local Zones are enabled, per its docs). No
    // state filter: a zone that is briefly impaired must not shift every subnet to another zone.
    const names = getAvailabilityZonesOutput({ filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] }, { parent: ctx.parent }).names;
    const count = ctx.cfg.availabilityZones;
    return Array.from({ length: count }, (_v, i) => names.apply((list) => firstZones(ctx.name, list, count)[i]));
}

/** The first `count` zones of a region, or the ArgsError a region with fewer zones deserves (not a subnet in zone `undefined`). */
export function firstZones(name: string, zones: string[], count: number): string[] {
    if (zones.length < count) {
        throw new ArgsError("Network", name, [
            {
                path: "availabilityZones",
                value: count,
                message: `is more than the region's ${zones.length} available zones (${zones.join(", ")})`,
                allowed: `at most ${zones.length}`,
            },
        ]);
    }
    return zones.slice(0, count);
}
