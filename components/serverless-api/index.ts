export { ServerlessApi, ServerlessApiResources, ACCESS_LOG_FORMAT } from "./serverless-api";
export { ServerlessApiArgs, RouteArgs, AuthorizerArgs, JwtAuthorizerArgs, LambdaAuthorizerArgs, CorsArgs, ThrottleArgs } from "./args";
export { DEFAULTS as SERVERLESS_API_DEFAULTS } from "./defaults";
export { API_LIMITS, ROUTE_METHODS, routeKeyProblem } from "./validate";
