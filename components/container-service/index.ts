export { ContainerService, ServiceResources } from "./container-service";
export { AlbTarget } from "./load-balancer";
export { DeploymentResources } from "./deployment";
export * from "./args";
export { DEFAULTS as CONTAINER_SERVICE_DEFAULTS } from "./defaults";
