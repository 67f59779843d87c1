export * from "./args";
export { ManagedNodeGroup, SelfManagedNodeGroup, FargateProfile } from "./stub";
