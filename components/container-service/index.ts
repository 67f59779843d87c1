export { ContainerService, ServiceResources } from "./container-service";
export { LoadBalancerDomainResources } from "./domain";
export { AlbTarget, JoinedListenerResources, LoadBalancerEndpoint, LoadBalancerResources, ServiceTarget } from "./load-balancer";
export { DeploymentResources } from "./deployment";
export * from "./args";
export { DEFAULTS as CONTAINER_SERVICE_DEFAULTS } from "./defaults";
export type { AsgCapacityResources, ClusterResources } from "./context";
export { FIRELENS_OUTPUTS, LOG_ROUTER_CONTAINER } from "./firelens";
export { RunTaskOutput } from "./standalone";
