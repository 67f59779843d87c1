import { withDefaults } from "../shared/defaults";
import { architectureOf } from "../shared/instance-types";
import type { FlowLogArgs, NatGateways, NatInstanceArgs, NetworkArgs, NetworkTransforms } from "./args";
import { type GatewayEndpoint, ISOLATED_DEFAULT_ENDPOINTS, type InterfaceEndpoint } from "./endpoints";
import { AL2023_AMI_PARAMETER } from "./nat-instance-image";

/** The one source of the Network's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    cidrBlock: "10.0.0.0/16",
    availabilityZones: 2,
    natGateways: "single" as NatGateways,
    flowLogs: false,
    natInstance: { instanceType: "t4g.nano" },
    gatewayEndpoints: ["s3", "dynamodb"] as GatewayEndpoint[],
    /** Interface endpoints by NAT mode: none where NAT reaches the public endpoints, the ECS set where nothing does. */
    interfaceEndpoints: { withNat: [] as InterfaceEndpoint[], withoutNat: ISOLATED_DEFAULT_ENDPOINTS },
    flowLog: { retentionInDays: 90, trafficType: "ALL" } as Required<FlowLogArgs>,
    tags: {} as Record<string, string>,
    transform: {} as NetworkTransforms,
};

export interface ResolvedNetwork {
    cidrBlock: string;
    availabilityZones: number;
    natGateways: NatGateways;
    /** Set with `natGateways: "instance"` only. */
    natInstance: Required<NatInstanceArgs> | undefined;
    flowLogs: Required<FlowLogArgs> | undefined;
    gatewayEndpoints: GatewayEndpoint[];
    interfaceEndpoints: InterfaceEndpoint[];
    tags: Record<string, string>;
    transform: NetworkTransforms;
}

/** Complete args, defaults applied; lists deduplicated in the order given. */
export function normalize(args: NetworkArgs): ResolvedNetwork {
    const flow = args.flowLogs ?? DEFAULTS.flowLogs;
    const natGateways = args.natGateways ?? DEFAULTS.natGateways;
    const interfaceDefault = natGateways === "none" ? DEFAULTS.interfaceEndpoints.withoutNat : DEFAULTS.interfaceEndpoints.withNat;
    return {
        cidrBlock: args.cidrBlock ?? DEFAULTS.cidrBlock,
        availabilityZones: args.availabilityZones ?? DEFAULTS.availabilityZones,
        natGateways,
        natInstance: natGateways === "instance" || args.natInstance !== undefined ? natInstanceOf(args.natInstance ?? {}) : undefined,
        flowLogs: flow === false ? undefined : withDefaults(DEFAULTS.flowLog, flow === true ? {} : flow),
        gatewayEndpoints: [...new Set(args.gatewayEndpoints ?? DEFAULTS.gatewayEndpoints)],
        interfaceEndpoints: [...new Set(args.interfaceEndpoints ?? interfaceDefault)],
        tags: args.tags ?? DEFAULTS.tags,
        transform: args.transform ?? DEFAULTS.transform,
    };
}

/** The NAT instance's settings; the AMI follows the instance type's architecture (x86_64 when the name does not say: validate refuses such a type). */
function natInstanceOf(args: NatInstanceArgs): Required<NatInstanceArgs> {
    const instanceType = args.instanceType ?? DEFAULTS.natInstance.instanceType;
    return { instanceType, imageId: args.imageId ?? `resolve:ssm:${AL2023_AMI_PARAMETER[architectureOf(instanceType) ?? "x86_64"]}` };
}
