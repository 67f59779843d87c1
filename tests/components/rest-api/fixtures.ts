import type { RestApiArgs } from "../../../components/rest-api";
import { ENTRY } from "../lambda-function/fixtures";

export { ENTRY };
export const TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/items";
export const QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:events";
export const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/0f8c2b7e-1d3a-4c5b-9e6f-7a8b9c0d1e2f";
export const POOL_ARN = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123";

/** Every integration kind, both authorizer kinds, validation, caching, a usage plan with a key. */
export const FULL: RestApiArgs = {
    functions: { items: { entry: ENTRY }, auth: { entry: ENTRY } },
    routes: {
        "GET /items": {
            integration: { type: "lambda", function: "items" },
            authorizer: "users",
            scopes: ["items/read"],
            parameters: { querystring: { cursor: false } },
        },
        "GET /items/{id}": {
            integration: { type: "lambda", function: "items" },
            authorizer: "none",
            apiKeyRequired: true,
            cache: { ttlSeconds: 60 },
            throttle: { burstLimit: 20, rateLimit: 10 },
        },
        "DELETE /items/{id}": { integration: { type: "dynamodb", action: "DeleteItem", tableArn: TABLE_ARN, tableName: "items" }, authorizer: "header" },
        "POST /items": {
            integration: { type: "dynamodb", action: "PutItem", tableArn: TABLE_ARN, tableName: "items" },
            authorizer: "header",
            bodySchema: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
        },
        "POST /events": {
            integration: { type: "sqs", queueArn: QUEUE_ARN, kmsKeyArn: KEY_ARN },
            authorizer: "none",
            apiKeyRequired: true,
            parameters: { header: { "Idempotency-Key": true } },
            bodySchema: { type: "object", required: ["type"], properties: { type: { type: "string" } } },
        },
    },
    authorizers: {
        users: { type: "cognito", userPoolArns: [POOL_ARN] },
        header: { type: "lambda", function: "auth", identity: "request", resultTtlSeconds: 60 },
    },
    cache: { sizeGb: "0.5" },
    throttle: { burstLimit: 50, rateLimit: 25 },
    apiKeys: { acme: { description: "ACME Corp" } },
    usagePlans: { partners: { apiKeys: ["acme"], throttle: { burstLimit: 10, rateLimit: 5 }, quota: { limit: 10000, period: "DAY" } } },
};

/** The smallest API: one function, one public route. */
export const MINIMAL: RestApiArgs = {
    functions: { items: { entry: ENTRY } },
    routes: { "GET /items": { integration: { type: "lambda", function: "items" }, authorizer: "none" } },
};
