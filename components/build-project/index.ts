export { BuildProject, BuildProjectResources } from "./build-project";
export { BuildProjectArgs, BuildProjectTransforms, BuildCacheArgs, BuildVpcArgs, BuildspecArgs, LocalCacheMode, PassRoleArgs } from "./args";
export { DEFAULTS as BUILD_PROJECT_DEFAULTS } from "./defaults";
