export { Network, NetworkResources, NetworkVpcArgs } from "./network";
export { NetworkArgs, NetworkTransforms, FlowLogArgs, NatGateways, NatInstanceArgs } from "./args";
export { Egress, GatewayEndpoint, InterfaceEndpoint, INTERFACE_ENDPOINTS } from "./endpoints";
export { DEFAULTS as NETWORK_DEFAULTS } from "./defaults";
export { NatInstanceResources, natUserData } from "./nat-instance";
