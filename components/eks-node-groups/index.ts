export * from "./args";
export { DEFAULTS as EKS_NODE_GROUP_DEFAULTS } from "./defaults";
export { ManagedNodeGroup, ManagedNodeGroupResources, AMI_TYPES } from "./managed-node-group";
export { SelfManagedNodeGroup, SelfManagedNodeGroupResources, eksAmiParameter } from "./self-managed-node-group";
export { FargateProfile, FargateProfileResources } from "./fargate-profile";
