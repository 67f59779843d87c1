export { DeploymentGroup, DeploymentGroupResources } from "./deployment-group";
export {
    CanaryArgs,
    ComputePlatform,
    DeploymentConfigArgs,
    DeploymentGroupArgs,
    DeploymentGroupTransforms,
    DeploymentTargetArgs,
    Ec2TagFilterArgs,
    EcsTargetArgs,
    LambdaHooksArgs,
    LambdaTargetArgs,
    LinearArgs,
    NotificationsArgs,
    RollbackArgs,
    ServerTargetArgs,
    TriggerEvent,
} from "./args";
export { DEFAULTS as DEPLOYMENT_GROUP_DEFAULTS } from "./defaults";
export { PREDEFINED as PREDEFINED_DEPLOYMENT_CONFIGS } from "./configs";
