export { ServerlessApi, ServerlessApiResources, ACCESS_LOG_FORMAT } from "./serverless-api";
export { ServerlessApiArgs, RouteArgs, AuthorizerArgs, JwtAuthorizerArgs, LambdaAuthorizerArgs, CognitoAuthorizerArgs, CorsArgs, ThrottleArgs } from "./args";
export { DEFAULTS as SERVERLESS_API_DEFAULTS } from "./defaults";
export { API_LIMITS, ROUTE_METHODS, USER_POOL_ID, routeKeyProblem } from "./validate";
export { CognitoResources, cognitoIssuer } from "./cognito";
