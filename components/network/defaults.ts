import { withDefaults } from "../shared/defaults";
import type { FlowLogArgs, NatGateways, NetworkArgs } from "./args";

/** The one source of the Network's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    cidrBlock: "10.0.0.0/16",
    availabilityZones: 2,
    natGateways: "single" as NatGateways,
    flowLogs: false,
    gatewayEndpoints: ["s3", "dynamodb"] as Array<"s3" | "dynamodb">,
    flowLog: { retentionInDays: 90, trafficType: "ALL" } as Required<FlowLogArgs>,
    tags: {} as Record<string, string>,
    transform: {},
};

export interface ResolvedNetwork {
    cidrBlock: string;
    availabilityZones: number;
    natGateways: NatGateways;
    flowLogs: Required<FlowLogArgs> | undefined;
    gatewayEndpoints: Array<"s3" | "dynamodb">;
    tags: Record<string, string>;
    transform: NonNullable<NetworkArgs["transform"]>;
}

export function normalize(args: NetworkArgs): ResolvedNetwork {
    const flow = args.flowLogs ?? DEFAULTS.flowLogs;
    return {
        cidrBlock: args.cidrBlock ?? DEFAULTS.cidrBlock,
        availabilityZones: args.availabilityZones ?? DEFAULTS.availabilityZones,
        natGateways: args.natGateways ?? DEFAULTS.natGateways,
        flowLogs: flow === false ? undefined : withDefaults(DEFAULTS.flowLog, flow === true ? {} : flow),
        gatewayEndpoints: [...new Set(args.gatewayEndpoints ?? DEFAULTS.gatewayEndpoints)],
        tags: args.tags ?? DEFAULTS.tags,
        transform: args.transform ?? DEFAULTS.transform,
    };
}
