export { RestApi, RestApiResources } from "./rest-api";
export {
    RestApiArgs,
    RestRouteArgs,
    IntegrationArgs,
    LambdaIntegrationArgs,
    DynamoDbIntegrationArgs,
    SqsIntegrationArgs,
    ParametersArgs,
    RouteCacheArgs,
    RestAuthorizerArgs,
    RestLambdaAuthorizerArgs,
    RestCognitoAuthorizerArgs,
    CacheArgs,
    CacheSize,
    QuotaArgs,
    UsagePlanArgs,
    ApiKeyArgs,
    DynamoDbAction,
    CACHE_SIZES,
    DYNAMODB_ACTIONS,
} from "./args";
export { DEFAULTS as REST_API_DEFAULTS } from "./defaults";
export { REST_API_LIMITS } from "./validate";
export { REST_ACCESS_LOG_FORMAT, methodPath } from "./stage";
export { ProxyIntegration } from "./proxies";
export { putItemTemplate, keyTemplate, jsonString, SQS_SEND_MESSAGE } from "./templates";
