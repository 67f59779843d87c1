export { EdgeLambda, EdgeLambdaResources, EDGE_REGION, edgeLogGroupName } from "./edge-lambda";
export { EdgeLambdaArgs, EdgeEventType, EdgeRuntime } from "./args";
export { DEFAULTS as EDGE_LAMBDA_DEFAULTS } from "./defaults";
export { EDGE_EVENT_TYPES, edgeLimits, packageSizeIssue, validateEdgeLambda } from "./validate";
export { LAMBDA_EDGE_LIMITS, LAMBDA_EDGE_RUNTIMES, LAMBDA_EDGE_UNSUPPORTED } from "../shared/limits/lambda-edge";
