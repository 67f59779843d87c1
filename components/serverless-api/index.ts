export { ServerlessApi, ServerlessApiResources, ACCESS_LOG_FORMAT, ACCESS_LOG_PREFIX } from "./serverless-api";
export {
    ServerlessApiArgs,
    RouteArgs,
    AuthorizerArgs,
    JwtAuthorizerArgs,
    LambdaAuthorizerArgs,
    CognitoAuthorizerArgs,
    CorsArgs,
    ThrottleArgs,
    ProxyRouteArgs,
    VpcLinkArgs,
    VpcLinkTargetArgs,
} from "./args";
export { VpcLinkResources } from "./vpc-link";
export { DEFAULTS as SERVERLESS_API_DEFAULTS } from "./defaults";
export { API_LIMITS, ROUTE_METHODS, USER_POOL_ID, ALB_LISTENER_ARN, COGNITO_SRP_SCOPE, routeKeyProblem } from "./validate";
export { CognitoResources, cognitoIssuer } from "./cognito";
