export { Network } from "./network";
export { NetworkArgs, FlowLogArgs, NatGateways } from "./args";
export { DEFAULTS as NETWORK_DEFAULTS } from "./defaults";
