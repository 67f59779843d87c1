import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import { childName } from "../shared/naming";
import { create } from "../shared/transform";
import { type NetworkContext, named } from "./context";
import type { SubnetLayout } from "./layout";
import { type NatInstanceResources, createNatInstance } from "./nat-instance";

export interface SubnetResources {
    /** One per AZ, in AZ order. */
    publicSubnets: ec2.Subnet[];
    privateSubnets: ec2.Subnet[];
    /** Shared by the public subnets: their one route out is the internet gateway. */
    publicRouteTable: ec2.RouteTable;
    /** One per AZ, so each AZ can route through its own NAT gateway. */
    privateRouteTables: ec2.RouteTable[];
    publicRouteTableAssociations: ec2.RouteTableAssociation[];
    privateRouteTableAssociations: ec2.RouteTableAssociation[];
    internetRoute: ec2.Route;
    /** Empty with `natGateways: "none"`. */
    natEips: ec2.Eip[];
    natGateways: ec2.NatGateway[];
    /** With `natGateways: "instance"`: the NAT instance and what it stands on. */
    natInstance?: NatInstanceResources;
    /** One per AZ with NAT (gateway or instance), none without. */
    natRoutes: ec2.Route[];
}

/**
 * Public and private subnets per AZ with their route tables: public → internet gateway; private →
 * the NAT gateway of its AZ (`one-per-az`), the single NAT gateway (`single`), the NAT instance's
 * network interface (`instance`), or nowhere (`none`).
 */
export function createSubnets(
    ctx: NetworkContext,
    vpc: ec2.Vpc,
    internetGateway: ec2.InternetGateway,
    layout: SubnetLayout,
    azNames: pulumi.Output<string>[],
    partition: pulumi.Output<string>,
): SubnetResources {
    const { parent, name, cfg } = ctx;
    const t = cfg.transform;
    const opts = { parent };
    const subnet = (tier: "public" | "private", i: number) =>
        create(
            ec2.Subnet,
            childName(name, `${tier}-subnet`, `${i + 1}`),
            {
                vpcId: vpc.id,
                cidrBlock: layout.subnets[i][tier],
                availabilityZone: azNames[i],
                // Nothing gets a public IP by accident; load balancers and NAT gateways bring their own
                // (Security Hub EC2.15: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15).
                mapPublicIpOnLaunch: false,
                tags: named(ctx, pulumi.interpolate`${name}-${tier}-${azNames[i]}`),
            },
            opts,
            tier === "public" ? t.publicSubnet : t.privateSubnet,
        );
    const azs = layout.subnets.map((_s, i) => i);
    const publicSubnets = azs.map((i) => subnet("public", i));
    const privateSubnets = azs.map((i) => subnet("private", i));

    const publicRouteTable = create(
        ec2.RouteTable,
        childName(name, "public-route-table"),
        { vpcId: vpc.id, tags: named(ctx, `${name}-public`) },
        opts,
        t.publicRouteTable,
    );
    const internetRoute = create(
        ec2.Route,
        childName(name, "internet-route"),
        { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id },
        opts,
        t.internetRoute,
    );
    const privateRouteTables = azs.map((i) =>
        create(
            ec2.RouteTable,
            childName(name, "private-route-table", `${i + 1}`),
            { vpcId: vpc.id, tags: named(ctx, pulumi.interpolate`${name}-private-${azNames[i]}`) },
            opts,
            t.privateRouteTable,
        ),
    );
    const associate = (tier: "public" | "private", i: number, subnetId: pulumi.Input<string>, routeTableId: pulumi.Input<string>) =>
        create(
            ec2.RouteTableAssociation,
            childName(name, `${tier}-route-table-association`, `${i + 1}`),
            { subnetId, routeTableId },
            opts,
            tier === "public" ? t.publicRouteTableAssociation : t.privateRouteTableAssociation,
        );
    const publicRouteTableAssociations = azs.map((i) => associate("public", i, publicSubnets[i].id, publicRouteTable.id));
    const privateRouteTableAssociations = azs.map((i) => associate("private", i, privateSubnets[i].id, privateRouteTables[i].id));

    const natCount = cfg.natGateways === "one-per-az" ? azs.length : cfg.natGateways === "single" ? 1 : 0;
    const natEips: ec2.Eip[] = [];
    const natGateways: ec2.NatGateway[] = [];
    for (let i = 0; i < natCount; i++) {
        const az = azNames[i];
        natEips.push(
            create(ec2.Eip, childName(name, "nat-eip", `${i + 1}`), { domain: "vpc", tags: named(ctx, pulumi.interpolate`${name}-nat-${az}`) }, opts, t.natEip),
        );
        natGateways.push(
            create(
                ec2.NatGateway,
                childName(name, "nat-gateway", `${i + 1}`),
                {
                    allocationId: natEips[i].allocationId,
                    // NAT gateway i sits in public subnet i: the single one in the first AZ.
                    subnetId: publicSubnets[i].id,
                    connectivityType: "public",
                    tags: named(ctx, pulumi.interpolate`${name}-nat-${az}`),
                },
                // A public NAT gateway needs the VPC's internet gateway attached before it can work
                // (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html).
                { parent, dependsOn: [internetGateway] },
                t.natGateway,
            ),
        );
    }
    const natInstance = cfg.natGateways === "instance" ? createNatInstance(ctx, vpc, publicSubnets[0], internetGateway, partition) : undefined;
    // Where AZ i's private traffic leaves: its NAT gateway (or the single one), or the NAT instance's interface,
    // which stays when the group replaces the instance.
    const target = (i: number): Pick<ec2.RouteArgs, "natGatewayId" | "networkInterfaceId"> =>
        natInstance ? { networkInterfaceId: natInstance.networkInterface.id } : { natGatewayId: natGateways[Math.min(i, natCount - 1)].id };
    const natRoutes =
        natCount === 0 && !natInstance
            ? []
            : azs.map((i) =>
                  create(
                      ec2.Route,
                      childName(name, "nat-route", `${i + 1}`),
                      { routeTableId: privateRouteTables[i].id, destinationCidrBlock: "0.0.0.0/0", ...target(i) },
                      opts,
                      t.natRoute,
                  ),
              );
    return {
        publicSubnets,
        privateSubnets,
        publicRouteTable,
        privateRouteTables,
        publicRouteTableAssociations,
        privateRouteTableAssociations,
        internetRoute,
        natEips,
        natGateways,
        natInstance,
        natRoutes,
    };
}
