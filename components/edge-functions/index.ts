export { EdgeFunctions, EdgeFunctionsResources } from "./edge-functions";
export {
    EdgeFunctionsArgs,
    OriginArgs,
    BucketOriginArgs,
    ErrorCode,
    ErrorResponseArgs,
    HttpOriginArgs,
    BehaviorArgs,
    CachePolicyArgs,
    OriginRequestPolicyArgs,
    ResponseHeadersArgs,
    CloudFrontFunctionArgs,
    KeyValueStoreArgs,
    DistributionDomainArgs,
    LoggingArgs,
    EdgeEvent,
    FunctionEvent,
    EdgeLambdaAssociation,
    ManagedCachePolicy,
    ManagedOriginRequestPolicy,
    AllowedMethods,
    ValueSelection,
    WebAclArgs,
    ManagedRuleGroup,
} from "./args";
export { MANAGED_RULE_GROUPS, RATE_LIMIT, WEB_ACL_REGION } from "./web-acl";
export { DEFAULTS as EDGE_FUNCTIONS_DEFAULTS } from "./defaults";
export { LoggingResources, LOGGING_REGION } from "./logging";
export { OriginResources, cloudFrontReadStatement, cloudFrontListStatement } from "./origins";
export { PolicyResources } from "./policies";
export { FunctionResources, CLOUDFRONT_FUNCTION_RUNTIME } from "./functions";
export {
    FUNCTION_EVENTS,
    MINIMUM_PROTOCOL_VERSIONS,
    EDGE_LAMBDA_VERSION_ARN,
    CLOUDFRONT_WEB_ACL_ARN,
    ERROR_CODES,
    ERROR_RESPONSE_CODES,
    functionCodeProblem,
    checkQualifiedArn,
} from "./validate";
