/**
 * The `$context` variables both API Gateway flavours document for access logs, as one JSON object per
 * request: HTTP APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html)
 * and REST APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference).
 * Each API adds the variables only it has.
 */
export const COMMON_ACCESS_LOG_FORMAT: Readonly<Record<string, string>> = {
    requestId: "$context.requestId",
    ip: "$context.identity.sourceIp",
    userAgent: "$context.identity.userAgent",
    requestTime: "$context.requestTime",
    httpMethod: "$context.httpMethod",
    status: "$context.status",
    protocol: "$context.protocol",
    responseLength: "$context.responseLength",
    responseLatency: "$context.responseLatency",
    integrationStatus: "$context.integration.status",
    integrationLatency: "$context.integration.latency",
    integrationError: "$context.integrationErrorMessage",
    authorizerError: "$context.authorizer.error",
};
