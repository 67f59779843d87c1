import { Issue, Issues } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { array, boolean, checkShape, int, object, optional, record, string, transform, union } from "../shared/shape";
import { INSTANCE_TYPE, architectureOf } from "../shared/instance-types";
import { checkTags, checkVpcCidr } from "../shared/validators";
import type { FlowLogArgs, NatInstanceArgs, NetworkArgs } from "./args";
import { ResolvedNetwork, normalize } from "./defaults";
import { GATEWAY_ENDPOINTS, INTERFACE_ENDPOINTS } from "./endpoints";
import { SMALLEST_AZ_BLOCK, maxAzs, subnetLayout } from "./layout";
import { imageArchitecture } from "./nat-instance-image";

/** AZ counts the Network accepts: two for load balancers and EFS, six at most. */
/** One AZ is allowed for throw-away environments, with a warning (see network.ts); load balancers and EFS want two or more. */
const AZ_RANGE = { min: 1, max: 6 };

// ---- Shapes: JS types and structure only; enums, ranges and patterns are value rules below. ----

export const FLOW_LOG_SHAPE = object<FlowLogArgs>()({
    retentionInDays: optional(int()),
    trafficType: optional(string()),
});

export const NAT_INSTANCE_SHAPE = object<NatInstanceArgs>()({
    instanceType: optional(string()),
    imageId: optional(string()),
});

export const NETWORK_TRANSFORM_SHAPE = object<NonNullable<NetworkArgs["transform"]>>()({
    vpc: optional(transform()),
    defaultSecurityGroup: optional(transform()),
    internetGateway: optional(transform()),
    publicSubnet: optional(transform()),
    privateSubnet: optional(transform()),
    publicRouteTable: optional(transform()),
    privateRouteTable: optional(transform()),
    publicRouteTableAssociation: optional(transform()),
    privateRouteTableAssociation: optional(transform()),
    internetRoute: optional(transform()),
    natRoute: optional(transform()),
    natEip: optional(transform()),
    natGateway: optional(transform()),
    natInstanceSecurityGroup: optional(transform()),
    natInstanceIngress: optional(transform()),
    natInstanceEgress: optional(transform()),
    natInstanceNetworkInterface: optional(transform()),
    natInstanceEip: optional(transform()),
    natInstanceRole: optional(transform()),
    natInstanceProfile: optional(transform()),
    natInstanceLaunchTemplate: optional(transform()),
    natInstanceGroup: optional(transform()),
    gatewayEndpoint: optional(transform()),
    interfaceEndpoint: optional(transform()),
    endpointSecurityGroup: optional(transform()),
    endpointIngress: optional(transform()),
    flowLogGroup: optional(transform()),
    flowLogRole: optional(transform()),
    flowLog: optional(transform()),
});

/** Every NetworkArgs key, once (a key added to NetworkArgs without a shape here fails `tsc`). */
export const NETWORK_SHAPE = object<NetworkArgs>()({
    cidrBlock: optional(string()),
    availabilityZones: optional(int()),
    natGateways: optional(string()),
    natInstance: optional(NAT_INSTANCE_SHAPE),
    flowLogs: optional(union("true, false or { retentionInDays?, trafficType? }", boolean(), FLOW_LOG_SHAPE)),
    gatewayEndpoints: optional(array(string())),
    interfaceEndpoints: optional(array(string())),
    tags: optional(record(string())),
    transform: optional(NETWORK_TRANSFORM_SHAPE),
});

/**
 * A Network's args: shape first (types, unknown keys, cycles), then `normalize`, then the value rules
 * on the resolved values, so a default is never restated here. Value rules need a sound shape to read,
 * so they run only when the shape is sound; within each stage every issue is reported.
 */
export function validate(args: NetworkArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, NETWORK_SHAPE, args)) return issues.list;
    validateResolved(issues, normalize(args), args);
    return issues.list;
}

function validateResolved(issues: Issues, cfg: ResolvedNetwork, args: NetworkArgs): void {
    const cidrOk = checkVpcCidr(issues, "cidrBlock", cfg.cidrBlock);
    const azOk = issues.int("availabilityZones", cfg.availabilityZones, AZ_RANGE.min, AZ_RANGE.max);
    if (cidrOk && azOk) checkFits(issues, cfg.cidrBlock, cfg.availabilityZones);
    issues.oneOf("natGateways", cfg.natGateways, ["single", "one-per-az", "instance", "none"]);
    if (cfg.natInstance) checkNatInstance(issues, cfg);
    if (cfg.flowLogs) {
        issues.oneOf("flowLogs.retentionInDays", cfg.flowLogs.retentionInDays, LOG_RETENTION_DAYS);
        issues.oneOf("flowLogs.trafficType", cfg.flowLogs.trafficType, ["ALL", "ACCEPT", "REJECT"]);
    }
    // The given lists (normalize removes duplicates), so the index in the path is the user's.
    checkNames(issues, "gatewayEndpoints", args.gatewayEndpoints ?? cfg.gatewayEndpoints, GATEWAY_ENDPOINTS);
    checkNames(issues, "interfaceEndpoints", args.interfaceEndpoints ?? cfg.interfaceEndpoints, INTERFACE_ENDPOINTS);
    checkTags(issues, "tags", cfg.tags);
}

/** A list of endpoint service names, each one of `allowed`. */
function checkNames(issues: Issues, path: string, names: readonly string[], allowed: readonly string[]): void {
    for (const [i, e] of names.entries()) issues.oneOf(`${path}[${i}]`, e, allowed);
}

/** Each AZ needs a block of at least /25 (a /27 public subnet for load balancers, a /26 private one). */
function checkFits(issues: Issues, cidr: string, azs: number): void {
    if (subnetLayout(cidr, azs) !== undefined) return;
    const bits = Number(cidr.split("/")[1]);
    issues.add(
        "cidrBlock",
        cidr,
        `is too small for ${azs} availability zones (each AZ needs a /${SMALLEST_AZ_BLOCK}: a /27 public subnet for load balancers and a /26 private one)`,
        `at most ${maxAzs(bits, AZ_RANGE.max)} AZs in a /${bits}, or a /${SMALLEST_AZ_BLOCK - Math.ceil(Math.log2(azs))} or larger VPC for ${azs}`,
    );
}

/** The NAT instance: only in its mode, an instance type whose architecture its name says, and an AMI of that architecture. */
function checkNatInstance(issues: Issues, cfg: ResolvedNetwork): void {
    const nat = cfg.natInstance!;
    if (cfg.natGateways !== "instance") {
        issues.add(
            "natInstance",
            nat,
            `configures a NAT instance, but natGateways is ${JSON.stringify(cfg.natGateways)}`,
            'natGateways: "instance", or no natInstance',
        );
        return;
    }
    const arch = INSTANCE_TYPE.test(nat.instanceType) ? architectureOf(nat.instanceType) : undefined;
    if (arch === undefined) {
        issues.add(
            "natInstance.instanceType",
            nat.instanceType,
            "is not an EC2 instance type whose architecture is known",
            'a family and a size, e.g. "t4g.nano" (arm64) or "t3.nano" (x86_64)',
        );
        return;
    }
    const image = imageArchitecture(nat.imageId);
    if (!/^(ami-[0-9a-f]{8,17}|resolve:ssm:\S+)$/.test(nat.imageId)) {
        issues.add("natInstance.imageId", nat.imageId, "is neither an AMI id nor an SSM parameter reference", '"ami-…" or "resolve:ssm:/aws/service/…"');
    } else if (image !== undefined && image !== arch) {
        issues.add(
            "natInstance.imageId",
            nat.imageId,
            `is an ${image} image, and ${nat.instanceType} is an ${arch} instance type: the instance would not boot`,
            `an ${arch} image, or an ${image} instance type`,
        );
    }
}
