/**
 * The README's RestApi example: a "partners" REST API behind an API key and a usage plan, a
 * POST /events service proxy to an SQS queue with body validation, and GET /items/{id} through a
 * function, cached a minute per id. (The function here is the test handler; the README names
 * functions/items/index.ts.)
 */
import * as aws from "@pulumi/aws";
import { RestApi, Table } from "../../components";
import { ENTRY } from "../components/lambda-function/fixtures";

export function program() {
    const items = new Table("items", { attributes: { id: "S" }, partitionKey: "id" });
    const events = new aws.sqs.Queue("partner-events", { sqsManagedSseEnabled: true });

    const partners = new RestApi("partners", {
        functions: {
            items: { entry: ENTRY, environment: { TABLE_NAME: items.tableName }, statements: items.grantStatements("read") },
        },
        routes: {
            "POST /events": {
                integration: { type: "sqs", queueArn: events.arn },
                authorizer: "none",
                apiKeyRequired: true,
                bodySchema: { type: "object", required: ["type"], properties: { type: { type: "string" } } },
            },
            "GET /items/{id}": {
                integration: { type: "lambda", function: "items" },
                authorizer: "none",
                apiKeyRequired: true,
                cache: { ttlSeconds: 60 },
            },
        },
        cache: { sizeGb: "0.5" },
        apiKeys: { acme: { description: "ACME Corp" } },
        usagePlans: {
            partners: { apiKeys: ["acme"], throttle: { burstLimit: 20, rateLimit: 10 }, quota: { limit: 10000, period: "DAY" } },
        },
        accountCloudWatchRole: true,
    });
    return { url: partners.url, keyIds: partners.apiKeyIds, queueArn: events.arn };
}
