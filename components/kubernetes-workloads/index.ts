export * from "./args";
export { StatelessApp, StatelessAppResources } from "./stateless-app";
export { StatefulApp, StatefulAppResources } from "./stateful-app";
export { CLUSTER_DOMAIN, headlessServiceName, serviceDnsName, statefulPodDnsName } from "./dns";
export { DEFAULTS as KUBERNETES_WORKLOADS_DEFAULTS } from "./defaults";
