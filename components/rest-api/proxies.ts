import * as apigateway from "@pulumi/aws/apigateway";
import * as pulumi from "@pulumi/pulumi";
import { KMS_READ, KMS_WRITE } from "../table/table";
import { destinationStatements } from "../shared/destinations";
import { RoleResources, Statement, assumeRolePolicy, createRole } from "../shared/iam";
import { childName } from "../shared/naming";
import { create } from "../shared/transform";
import type { DynamoDbIntegrationArgs, SqsIntegrationArgs } from "./args";
import { DEFAULTS, ResolvedRoute } from "./defaults";
import type { Ctx } from "./routes";
import { ERROR_RESPONSES, JSON_TYPE, PASSTHROUGH_RESPONSE, PUT_ITEM_RESPONSE, SQS_RESPONSE, SQS_SEND_MESSAGE, keyTemplate, putItemTemplate } from "./templates";

export interface ProxyIntegration {
    /** The role API Gateway assumes to call the service: this route's one action on this route's one resource. */
    role: RoleResources;
    integration: apigateway.Integration;
    /** By status code: 200, 400, 500. */
    methodResponses: Record<string, apigateway.MethodResponse>;
    integrationResponses: Record<string, apigateway.IntegrationResponse>;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` split into its parts. */
const arnParts = (arn: pulumi.Input<string>) =>
    pulumi.output(arn).apply((a) => {
        const [, partition, , region, account, ...rest] = a.split(":");
        return { partition, region, account, resource: rest.join(":") };
    });

/** What a service proxy calls, with what, and what it answers on success. */
interface ProxySpec {
    uri: pulumi.Output<string>;
    statements: Statement[];
    requestTemplate: pulumi.Input<string>;
    requestParameters?: Record<string, string>;
    responseTemplate: pulumi.Input<string>;
}

/** Actions that only read items: the table's key is needed to decrypt only. */
const READS: string[] = ["GetItem", "Query", "Scan"];
/** Actions that may read an index instead of the table. */
const INDEXED: string[] = ["Query", "Scan"];

function dynamoDb(i: DynamoDbIntegrationArgs, r: ResolvedRoute): ProxySpec {
    const key = i.keyAttribute ?? DEFAULTS.DynamoDbIntegrationArgs.keyAttribute;
    const param = r.pathParameters[r.pathParameters.length - 1];
    const builtIn = (name: string) => (i.action === "PutItem" ? putItemTemplate(name, key) : keyTemplate(name, key, param));
    return {
        // AWS integrations name the service action: arn:aws:apigateway:<region>:dynamodb:action/<Action>
        // (https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html, uri).
        uri: arnParts(i.tableArn).apply((a) => `arn:${a.partition}:apigateway:${a.region}:dynamodb:action/${i.action}`),
        statements: [
            {
                Effect: "Allow",
                Action: [`dynamodb:${i.action}`],
                // A Query or Scan may name an index (IndexName), whose ARN is the table's `/index/<name>`: without it, AccessDeniedException.
                Resource: INDEXED.includes(i.action) ? [i.tableArn, pulumi.interpolate`${i.tableArn}/index/*`] : i.tableArn,
            },
            ...(i.kmsKeyArn === undefined
                ? []
                : [
                      {
                          Effect: "Allow" as const,
                          Action: READS.includes(i.action) ? KMS_READ : KMS_WRITE,
                          Resource: i.kmsKeyArn,
                          // Only when DynamoDB calls KMS for the caller: the key cannot be used directly.
                          Condition: { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } },
                      },
                  ]),
        ],
        requestTemplate: i.requestTemplate ?? pulumi.output(i.tableName).apply(builtIn),
        responseTemplate: i.responseTemplate ?? (i.action === "PutItem" ? PUT_ITEM_RESPONSE : PASSTHROUGH_RESPONSE),
    };
}

function sqs(i: SqsIntegrationArgs): ProxySpec {
    // SendMessage on the queue and, for a queue encrypted with a customer key, that key through SQS only.
    const statements = destinationStatements("sqs", i.queueArn, i.kmsKeyArn, "Messages");
    return {
        // The query API by path: arn:aws:apigateway:<region>:sqs:path/<account>/<queue name>.
        uri: arnParts(i.queueArn).apply((a) => `arn:${a.partition}:apigateway:${a.region}:sqs:path/${a.account}/${a.resource}`),
        statements,
        requestTemplate: SQS_SEND_MESSAGE,
        // A static value is quoted in a parameter mapping; SQS's query API reads a form body.
        requestParameters: { "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'" },
        responseTemplate: SQS_RESPONSE,
    };
}

/**
 * A service-proxy route: a role API Gateway assumes (trusting `apigateway.amazonaws.com`, allowed the
 * one action on the one resource), an AWS integration (always POST) with the request template, and
 * 200/400/500 responses mapped from the service's status code.
 */
export function createProxyIntegration(
    ctx: Ctx,
    slug: string,
    r: ResolvedRoute,
    method: apigateway.Method,
    base: Pick<apigateway.IntegrationArgs, "restApi" | "resourceId" | "httpMethod" | "cacheKeyParameters" | "cacheNamespace">,
): ProxyIntegration {
    const t = ctx.cfg.transform;
    const spec = r.integration.type === "dynamodb" ? dynamoDb(r.integration, r) : sqs(r.integration as SqsIntegrationArgs);
    const role = createRole(
        childName(ctx.name, "proxy-role", slug),
        {
            description: `API Gateway calls ${r.integration.type} for ${r.method} ${r.path}`,
            assumeRolePolicy: assumeRolePolicy("apigateway.amazonaws.com"),
            policies: { proxy: spec.statements },
            tags: ctx.tags,
        },
        ctx.opts,
        t.proxyRole,
    );
    const integration = create(
        apigateway.Integration,
        childName(ctx.name, "integration", slug),
        {
            ...base,
            type: "AWS",
            // AWS service actions are called with POST whatever the route's method.
            integrationHttpMethod: "POST",
            uri: spec.uri,
            credentials: role.arn,
            requestParameters: spec.requestParameters,
            requestTemplates: { [JSON_TYPE]: spec.requestTemplate },
            // Bodies of other content types get 415 instead of reaching the service untransformed.
            passthroughBehavior: "NEVER",
        },
        ctx.opts,
        t.integration,
    );
    const responses = { "200": { selectionPattern: undefined, body: spec.responseTemplate }, ...ERROR_RESPONSES };
    const methodResponses: Record<string, apigateway.MethodResponse> = {};
    const integrationResponses: Record<string, apigateway.IntegrationResponse> = {};
    for (const [status, res] of Object.entries(responses)) {
        const where = { restApi: ctx.api.id, resourceId: base.resourceId, httpMethod: method.httpMethod, statusCode: status };
        methodResponses[status] = create(
            apigateway.MethodResponse,
            childName(ctx.name, "method-response", slug, status),
            { ...where, responseModels: { [JSON_TYPE]: "Empty" } },
            ctx.opts,
            t.methodResponse,
        );
        integrationResponses[status] = create(
            apigateway.IntegrationResponse,
            childName(ctx.name, "integration-response", slug, status),
            // No pattern: the default response. Otherwise matched against the service's HTTP status code.
            { ...where, selectionPattern: res.selectionPattern, responseTemplates: { [JSON_TYPE]: res.body } },
            { ...ctx.opts, dependsOn: [integration, methodResponses[status]] },
            t.integrationResponse,
        );
    }
    return { role, integration, methodResponses, integrationResponses };
}
