/**
 * The serverless part of the program: the items API of functions/items (an HTTP API, a Cognito user
 * pool guarding writes, the function on an alias) over a DynamoDB table whose stream feeds the tag
 * index (functions/stream). Settings come from `serverless` in the stack's config; nothing here
 * branches on the stack's name. More serverless pieces (the REST API, a schedule, thumbnails, the
 * stream consumer, a VPC link route) belong beside these, in this function.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as cognito from "@pulumi/aws/cognito";
import { type Network, ServerlessApi, Table, type TableArgs } from "../components";
import type { Statement } from "../components/shared/iam";
import type { Transform } from "../components/shared/transform";
import type { StackConfig } from "./config";

/** What the program needs from the rest of the stack (the VPC link route and VPC functions will use the network). */
export interface ServerlessDeps {
    network: Network;
}

/** The stack outputs of the serverless part. */
export interface ServerlessOutputs {
    /** The items API's base URL (`https://<id>.execute-api.<region>.amazonaws.com/`). */
    apiUrl: pulumi.Output<string>;
    itemsTableName: pulumi.Output<string>;
    /** The tag index the stream consumer maintains (functions/stream). */
    tagIndexTableName: pulumi.Output<string>;
    /** The user pool whose tokens the API accepts, and its app client (sign-in from a browser or app). */
    userPoolId: pulumi.Output<string>;
    userPoolClientId: pulumi.Output<string>;
}

/**
 * What functions/items calls on its table (functions/README.md), on the table only: it reads no index,
 * lists with Scan, and deletes by writing a tombstone (UpdateItem), so it needs no DeleteItem. With a customer managed key, the table's grant of that key through DynamoDB.
 */
const ITEMS_ACTIONS = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:UpdateItem"];

function itemsStatements(table: Table): Statement[] {
    const keyGrants = table.grantStatements("readwrite").filter((s) => [s.Action].flat().every((a) => String(a).startsWith("kms:")));
    return [{ Sid: "ItemsApi", Effect: "Allow", Action: ITEMS_ACTIONS, Resource: table.tableArn }, ...keyGrants];
}

/** The user pool holds the accounts: kept with the data (Cognito deletion protection, `protect`, left in AWS on stack removal). */
const protectedUserPool: Transform<cognito.UserPoolArgs> = (args, opts) => {
    opts.protect = true;
    opts.retainOnDelete = true;
    return { ...args, deletionProtection: "ACTIVE" };
};

export function serverless(cfg: StackConfig["serverless"], _deps: ServerlessDeps): ServerlessOutputs {
    const t = cfg.table;
    const encryption: TableArgs["encryption"] = t.kmsKeyArn === undefined ? "aws-owned" : { kmsKeyArn: t.kmsKeyArn, replicaKmsKeyArns: t.replicaKmsKeyArns };
    const items = new Table("items", {
        attributes: { id: "S" },
        partitionKey: "id",
        billingMode: t.billingMode,
        readCapacity: t.readCapacity,
        writeCapacity: t.writeCapacity,
        // Both images for the stream consumer (added and removed tags); a stream costs nothing until read.
        streamViewType: "NEW_AND_OLD_IMAGES",
        pointInTimeRecovery: t.pointInTimeRecovery,
        encryption,
        deletionProtection: cfg.protectData,
        protectData: cfg.protectData,
        replicaRegions: t.replicaRegions,
    });
    // Derived from the items table (rebuilt by replaying it): on-demand, unprotected, not replicated.
    const tagIndex = new Table("item-tags", {
        attributes: { tag: "S", itemId: "S" },
        partitionKey: "tag",
        sortKey: "itemId",
        encryption: t.kmsKeyArn === undefined ? "aws-owned" : { kmsKeyArn: t.kmsKeyArn },
    });

    const a = cfg.api;
    const f = cfg.items;
    const reader = a.publicReads ? {} : { authorizer: "users" };
    const writer = { authorizer: "users" };
    const api = new ServerlessApi("items", {
        functions: {
            items: {
                entry: "functions/items/index.ts",
                architecture: "arm64",
                memoryMiB: f.memoryMiB,
                logRetentionDays: f.logRetentionDays,
                environment: { TABLE_NAME: items.tableName },
                statements: itemsStatements(items),
                reservedConcurrency: f.reservedConcurrency,
                // Integrations call the alias; provisioned concurrency needs at least 1 (PutProvisionedConcurrencyConfig).
                alias: f.provisionedConcurrency > 0 ? { provisionedConcurrency: f.provisionedConcurrency } : {},
            },
        },
        routes: {
            "POST /items": { function: "items", ...writer },
            "GET /items": { function: "items", ...reader },
            "GET /items/{id}": { function: "items", ...reader },
            "PUT /items/{id}": { function: "items", ...writer },
            "DELETE /items/{id}": { function: "items", ...writer },
        },
        authorizers: { users: { type: "cognito" } },
        throttle: a.throttle,
        cors:
            a.corsOrigins.length > 0
                ? { allowOrigins: a.corsOrigins, allowHeaders: ["authorization", "content-type", "idempotency-key", "if-match"] }
                : undefined,
        accessLogRetentionDays: a.accessLogRetentionDays,
        transform: cfg.protectData ? { userPool: protectedUserPool } : {},
    });

    const users = api.resources.cognito.users;
    return {
        apiUrl: api.url,
        itemsTableName: items.tableName,
        tagIndexTableName: tagIndex.tableName,
        userPoolId: users.userPoolClient.userPoolId,
        userPoolClientId: users.userPoolClient.id,
    };
}
