export { LambdaFunction, LambdaFunctionResources } from "./lambda-function";
export { LambdaFunctionArgs, AliasArgs, AsyncArgs, LambdaVpcArgs, OnFailureArgs } from "./args";
export { DEFAULTS as LAMBDA_FUNCTION_DEFAULTS } from "./defaults";
export { LAMBDA_LIMITS, environmentBytes } from "./validate";
export { Bundle, BundleError, bundle, bundleArchive } from "../shared/bundle";
