import { withDefaults } from "../shared/defaults";
import type { FlowLogArgs, NatGateways, NetworkArgs, NetworkTransforms } from "./args";
import { type GatewayEndpoint, ISOLATED_DEFAULT_ENDPOINTS, type InterfaceEndpoint } from "./endpoints";

/** The one source of the Network's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    cidrBlock: "10.0.0.0/16",
    availabilityZones: 2,
    natGateways: "single" as NatGateways,
    flowLogs: false,
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
        flowLogs: flow === false ? undefined : withDefaults(DEFAULTS.flowLog, flow === true ? {} : flow),
        gatewayEndpoints: [...new Set(args.gatewayEndpoints ?? DEFAULTS.gatewayEndpoints)],
        interfaceEndpoints: [...new Set(args.interfaceEndpoints ?? interfaceDefault)],
        tags: args.tags ?? DEFAULTS.tags,
        transform: args.transform ?? DEFAULTS.transform,
    };
}
