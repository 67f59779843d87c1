export { BuildProject, BuildProjectResources } from "./build-project";
export { BuildProjectArgs, BuildProjectTransforms, BuildCacheArgs, BuildVpcArgs, BuildspecArgs, LocalCacheMode, PassRoleArgs } from "./args";
export { DEFAULTS as BUILD_PROJECT_DEFAULTS } from "./defaults";
export {
    ContainerImageBuildspecArgs,
    GeneratedBuild,
    LambdaCodeDeployBuildspecArgs,
    LambdaCodeDeployStatementsArgs,
    PULUMI_CLI_VERSION,
    PulumiBuildspecArgs,
    containerImageBuildspec,
    containerImageStatements,
    lambdaCodeDeployBuildspec,
    lambdaCodeDeployStatements,
    pulumiBuildspec,
} from "./buildspecs";
export { toYaml } from "./yaml";
