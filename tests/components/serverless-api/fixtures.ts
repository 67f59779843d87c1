import type { ServerlessApiArgs } from "../../../components/serverless-api";
import type { Fixtures } from "../../../components/testing";
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

export const ZONE = "Z0123456789ABCDEFGHIJ";
export const API_CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

/**
 * Outputs AWS computes for a custom domain's resources (the built-in fixtures have none): ACM's DNS
 * validation record, the Regional target of the domain name, a record's FQDN.
 */
export const DOMAIN_FIXTURES: Fixtures = {
    resources: {
        "aws:acm/certificate:Certificate": (r, c) => ({
            id: `arn:aws:acm:${c.region}:${c.accountId}:certificate/11111111-2222-3333-4444-555555555555`,
            state: {
                arn: `arn:aws:acm:${c.region}:${c.accountId}:certificate/11111111-2222-3333-4444-555555555555`,
                domainValidationOptions: [
                    {
                        domainName: r.inputs.domainName,
                        resourceRecordName: `_0123abcd.${String(r.inputs.domainName).replace(/^\*\./, "")}.`,
                        resourceRecordType: "CNAME",
                        resourceRecordValue: "_4567efab.acm-validations.aws.",
                    },
                ],
            },
        }),
        "aws:acm/certificateValidation:CertificateValidation": (r) => ({ id: "validated", state: { certificateArn: r.inputs.certificateArn } }),
        "aws:route53/record:Record": (r) => ({
            id: `${r.inputs.zoneId}_${r.inputs.name}_${r.inputs.type}`,
            state: { fqdn: String(r.inputs.name).replace(/\.$/, "") },
        }),
        "aws:apigatewayv2/domainName:DomainName": (r, c) => ({
            id: r.inputs.domainName,
            state: {
                arn: `arn:aws:apigateway:${c.region}::/domainnames/${r.inputs.domainName}`,
                domainNameConfiguration: {
                    ...r.inputs.domainNameConfiguration,
                    targetDomainName: `d-abcdef0123.execute-api.${c.region}.amazonaws.com`,
                    hostedZoneId: "Z1UJRXOUMOOFQ8",
                },
            },
        }),
    },
};
