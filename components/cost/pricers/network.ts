/**
 * Network pricers: NAT gateways (hours and data processed), Elastic IPs, VPC endpoints (interface and Gateway Load
 * Balancer endpoints) and load balancers (ALB and NLB hours, LCUs and the public IPv4 addresses of internet-facing
 * ones; GWLB hours and GLCUs). Prices: ../prices/network.ts.
 */
import { type CostLine, HOURS_PER_MONTH, type PlanResource, type PricerTable, type PricingContext, SECONDS_PER_MONTH } from "../types";
import { list } from "./compute-lines";
import { fmt, isUnknown, line, share } from "./lines";

const NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
/** The provider's two tokens of one resource (aws:alb is the legacy alias): both share load.loadBalancers. */
const LOAD_BALANCERS = [LOAD_BALANCER, "aws:alb/loadBalancer:LoadBalancer"];
const LISTENER = "aws:lb/listener:Listener";
const LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";

function natGateway(_resource: PlanResource, ctx: PricingContext): CostLine[] {
    const count = ctx.plan.ofType(NAT_GATEWAY).length;
    const gb = share(ctx.load.nat.processedGB, count);
    return [
        line(ctx, "NAT gateway hours", "nat.hour", HOURS_PER_MONTH, false, `1 NAT gateway × ${HOURS_PER_MONTH} h; its public IPv4 is priced on its Elastic IP`),
        line(ctx, "NAT gateway data processed", "nat.gb", gb, true, `load.nat.processedGB split evenly over the plan's ${count} NAT gateway(s)`),
    ];
}

function elasticIp(_resource: PlanResource, ctx: PricingContext): CostLine[] {
    return [line(ctx, "Public IPv4 address (Elastic IP)", "ipv4.hour", HOURS_PER_MONTH, false, `1 address × ${HOURS_PER_MONTH} h, billed in use or idle`)];
}

function vpcEndpoint(resource: PlanResource, ctx: PricingContext): CostLine[] {
    // The provider's default type is Gateway; gateway endpoints (S3, DynamoDB) have no charge
    // (https://aws.amazon.com/privatelink/pricing/, https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html).
    const type = resource.inputs.vpcEndpointType ?? "Gateway";
    if (type === "GatewayLoadBalancer") return gwlbEndpoint(ctx);
    if (type !== "Interface") return [];
    const subnets = list(resource.inputs.subnetIds);
    const azs = subnets?.length ?? 0;
    const unknown = subnets === undefined ? "subnets unknown in preview: 0 AZs priced" : `one endpoint network interface per subnet (AZ): ${azs}`;
    return [
        line(ctx, "Interface endpoint hours", "vpce.interface.hour", azs * HOURS_PER_MONTH, false, `${unknown} × ${HOURS_PER_MONTH} h`),
        line(ctx, "Interface endpoint data processed", "vpce.interface.gb", 0, true, "traffic through endpoints is not part of the load profile: 0 GB"),
    ];
}

/**
 * A Gateway Load Balancer endpoint takes exactly one subnet, so one AZ
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpce-gateway-load-balancer.html).
 */
function gwlbEndpoint(ctx: PricingContext): CostLine[] {
    return [
        line(ctx, "Gateway Load Balancer endpoint hours", "vpce.gwlb.hour", HOURS_PER_MONTH, false, `1 endpoint (one AZ) × ${HOURS_PER_MONTH} h`),
        line(ctx, "Gateway Load Balancer endpoint data processed", "vpce.gwlb.gb", 0, true, "traffic through endpoints is not part of the load profile: 0 GB"),
    ];
}

/** Listener rules evaluated per request on a load balancer: the most rules on one of its listeners. */
function rulesPerRequest(lb: PlanResource, ctx: PricingContext): number {
    const listeners = ctx.plan.ofType(LISTENER).filter((l) => ctx.plan.referenced(l, "loadBalancerArn").some((r) => r.urn === lb.urn));
    const perListener = listeners.map(
        (l) => ctx.plan.ofType(LISTENER_RULE).filter((rule) => ctx.plan.referenced(rule, "listenerArn").some((r) => r.urn === l.urn)).length,
    );
    return Math.max(0, ...perListener);
}

/**
 * Load balancer hours, LCU-hours from the load profile, and the public IPv4 addresses of an internet-facing one.
 * LCUs (https://aws.amazon.com/elasticloadbalancing/pricing/): the largest dimension per hour, with the month's
 * load spread evenly over its hours. Each request is taken as a new connection (no keep-alive reuse: an upper
 * bound of that dimension); active connections are not modelled.
 */
function loadBalancer(resource: PlanResource, ctx: PricingContext): CostLine[] {
    const type = resource.inputs.loadBalancerType ?? "application";
    const count = LOAD_BALANCERS.reduce((n, t) => n + ctx.plan.ofType(t).length, 0);
    const requests = share(ctx.load.loadBalancers.requestsPerMonth, count);
    const gb = share(ctx.load.loadBalancers.processedGB, count);
    const perSecond = requests / SECONDS_PER_MONTH;
    const gbPerHour = gb / HOURS_PER_MONTH;
    if (type === "gateway") return gatewayLoadBalancer(ctx, count, perSecond, gbPerHour);
    if (type !== "application" && type !== "network") return [];
    const alb = type === "application";
    const connections = perSecond / (alb ? 25 : 800);
    const bytes = gbPerHour / 1;
    const rules = alb ? rulesPerRequest(resource, ctx) : 0;
    // The first 10 rule evaluations per request are free.
    const ruleLcus = (perSecond * Math.max(0, rules - 10)) / 1000;
    const lcus = Math.max(connections, bytes, ruleLcus);
    const kind = alb ? "alb" : "nlb";
    const lines = [
        line(
            ctx,
            `${alb ? "Application" : "Network"} Load Balancer hours`,
            `elb.${kind}.hour`,
            HOURS_PER_MONTH,
            false,
            `1 load balancer × ${HOURS_PER_MONTH} h`,
        ),
        line(
            ctx,
            `${alb ? "LCU" : "NLCU"}-hours`,
            `elb.${kind}.lcuHour`,
            lcus * HOURS_PER_MONTH,
            true,
            `load.loadBalancers split evenly over the plan's ${count} load balancer(s): ${fmt(perSecond)} requests/s (each a new connection: ${fmt(connections)} LCU), ${fmt(gbPerHour)} GB/h (${fmt(bytes)} LCU)${alb ? `, ${rules} rule(s) per request (${fmt(ruleLcus)} LCU)` : ""}; the largest dimension × ${HOURS_PER_MONTH} h`,
        ),
    ];
    if (resource.inputs.internal !== true) lines.push(...publicAddresses(resource, ctx));
    return lines;
}

/**
 * A Gateway Load Balancer: hours and GLCU-hours, each request of its share taken as a new flow (600 a second per
 * GLCU) against 1 GB/h per GLCU. It has no public addresses: traffic reaches it through Gateway Load Balancer
 * endpoints, priced on the endpoint.
 */
function gatewayLoadBalancer(ctx: PricingContext, count: number, perSecond: number, gbPerHour: number): CostLine[] {
    const flows = perSecond / 600;
    const glcus = Math.max(flows, gbPerHour);
    return [
        line(ctx, "Gateway Load Balancer hours", "elb.gwlb.hour", HOURS_PER_MONTH, false, `1 load balancer × ${HOURS_PER_MONTH} h`),
        line(
            ctx,
            "GLCU-hours",
            "elb.gwlb.glcuHour",
            glcus * HOURS_PER_MONTH,
            true,
            `load.loadBalancers split evenly over the plan's ${count} load balancer(s): ${fmt(perSecond)} requests/s (each a new flow: ${fmt(flows)} GLCU), ${fmt(gbPerHour)} GB/h (${fmt(gbPerHour)} GLCU); the largest dimension × ${HOURS_PER_MONTH} h`,
        ),
    ];
}

/** An internet-facing load balancer's public IPv4 addresses: one per subnet (AZ) assumed; Elastic IPs given through subnetMappings are priced on the Eip. */
function publicAddresses(resource: PlanResource, ctx: PricingContext): CostLine[] {
    const mappings = list<any>(resource.inputs.subnetMappings);
    const subnets = list(resource.inputs.subnets);
    const own = mappings !== undefined ? mappings.filter((m) => m?.allocationId === undefined).length : subnets?.length;
    if (own === undefined) {
        const why = isUnknown(resource.inputs.subnets) ? "subnets unknown in preview" : "no subnets in the plan";
        return [line(ctx, "Public IPv4 addresses of the load balancer", "ipv4.hour", 0, false, `${why}: 0 addresses priced`)];
    }
    return [
        line(
            ctx,
            "Public IPv4 addresses of the load balancer",
            "ipv4.hour",
            own * HOURS_PER_MONTH,
            false,
            `internet-facing: ASSUMED one address per subnet (AZ), ${own} × ${HOURS_PER_MONTH} h; a load balancer adds nodes (and addresses) as traffic grows`,
        ),
    ];
}

export const NETWORK_PRICERS: PricerTable = {
    [NAT_GATEWAY]: natGateway,
    "aws:ec2/eip:Eip": elasticIp,
    "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
    [LOAD_BALANCER]: loadBalancer,
    "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
};

/** Types of this area that cost nothing by themselves (what they configure is billed elsewhere or not at all). */
export const NETWORK_FREE_TYPES: string[] = [
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/route:Route",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:ec2/securityGroupRule:SecurityGroupRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
    "aws:ec2/vpcEndpointSubnetAssociation:VpcEndpointSubnetAssociation",
    "aws:ec2/eipAssociation:EipAssociation",
    // An elastic network interface has no charge; an address on it is an Elastic IP (priced on the Eip): one
    // created through the API never gets an auto-assigned public IPv4 (https://aws.amazon.com/vpc/pricing/).
    "aws:ec2/networkInterface:NetworkInterface",
    "aws:lb/targetGroup:TargetGroup",
    "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    "aws:lb/listener:Listener",
    "aws:lb/listenerRule:ListenerRule",
    "aws:lb/listenerCertificate:ListenerCertificate",
    "aws:alb/targetGroup:TargetGroup",
    "aws:alb/listener:Listener",
    "aws:alb/listenerRule:ListenerRule",
];
