import type { ServerlessApiArgs } from "../../../components/serverless-api";
import { ENTRY } from "../lambda-function/fixtures";

export { ENTRY };
export const ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123";

/** Two functions (one the Lambda authorizer), routes under both authorizer kinds, and one public route. */
export const FULL: ServerlessApiArgs = {
    functions: { items: { entry: ENTRY }, auth: { entry: ENTRY } },
    routes: {
        "GET /items": { function: "items" },
        "GET /items/{id}": { function: "items", authorizer: "users", scopes: ["items/read"] },
        "POST /items": { function: "items", authorizer: "header", throttle: { burstLimit: 20, rateLimit: 10 } },
        "ANY /files/{proxy+}": { function: "items", authorizer: "users" },
    },
    authorizers: {
        users: { type: "jwt", issuer: ISSUER, audience: ["client-1"] },
        header: { type: "lambda", function: "auth", resultTtlSeconds: 60 },
    },
    throttle: { burstLimit: 50, rateLimit: 25.5 },
    cors: { allowOrigins: ["https://app.example.com"] },
};

/** The smallest API: one function, one route. */
export const MINIMAL: ServerlessApiArgs = { functions: { items: { entry: ENTRY } }, routes: { "GET /items": { function: "items" } } };
