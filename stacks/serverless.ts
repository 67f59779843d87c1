/**
 * The serverless part of the program: the items API of functions/items (an HTTP API, a Cognito user
 * pool guarding writes, the function on an alias) over a DynamoDB table whose stream feeds the tag
 * index (functions/stream, fed by a StreamConsumer); the nightly sweeper on a Schedule; the "photos"
 * thumbnail pipeline; the partners REST API (API keys, an SQS service proxy, a cached read); and
 * `/legacy/{proxy+}` through a VPC link to an internal ALB. Whatever fails asynchronously lands in one
 * queue. Settings come from `serverless` in the stack's config; nothing here branches on the stack's name.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as cognito from "@pulumi/aws/cognito";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as lambda from "@pulumi/aws/lambda";
import type * as s3 from "@pulumi/aws/s3";
import * as sqs from "@pulumi/aws/sqs";
import {
    type AlbTarget,
    LambdaFunction,
    type LambdaFunctionArgs,
    type Network,
    RestApi,
    Schedule,
    ServerlessApi,
    type ServerlessApiArgs,
    StreamConsumer,
    Table,
    type TableArgs,
    Thumbnails,
    tlsOnlyQueuePolicy,
} from "../components";
import type { Statement } from "../components/shared/iam";
import type { Transform } from "../components/shared/transform";
import type { StackConfig } from "./config";

/** What the program needs from the rest of the stack. */
export interface ServerlessDeps {
    /** The VPC link's network interfaces go in its private subnets. */
    network: Network;
    /** The internal ALB of the legacy service (ContainerService `albTargets.legacy`), with `serverless.legacy.enabled`. */
    legacy?: AlbTarget;
    /** Where the failures queue's alarm notifies (the stack's AlarmTopic), when there is one. */
    alarmTopicArn?: pulumi.Input<string>;
    /**
     * The items function's alias is moved by CodeDeploy (delivery.itemsCanary): `pulumi up` leaves its version and
     * routing alone, or it would move the alias back to the program's version.
     */
    itemsReleasedByCodeDeploy?: boolean;
    /**
     * The items table's options the data section sets (stacks/data.ts `itemsTableOptions`): its export to S3, and its DAX
     * cluster, which moves the items function into the private subnets, reading and writing through the cluster.
     */
    itemsTable?: Pick<TableArgs, "export" | "dax">;
}

/** The serverless part's components that monitoring, audit and delivery watch or release (no stack outputs). */
export interface ServerlessParts {
    items: Table;
    tagIndex: Table;
    api: ServerlessApi;
    /** The items function behind the HTTP API (its alias `live` is what the API calls). */
    itemsFunction: LambdaFunction;
    /** Every function of the part, by key: the items function, the tag indexer, the sweeper, thumbnails' and partners'. */
    functions: Record<string, { functionName: pulumi.Output<string>; logGroupName: pulumi.Output<string> }>;
    partners?: RestApi;
    /** Where failed asynchronous work lands; alarmed here already (`event-failures-messages`). */
    failures: sqs.Queue;
}

/** The stack outputs of the serverless part. */
export interface ServerlessOutputs {
    /** The items API's base URL: the custom domain's with `api.domain`, else `https://<id>.execute-api.<region>.amazonaws.com/`. */
    apiUrl: pulumi.Output<string>;
    /** The host of the API's execute-api endpoint (`<id>.execute-api.<region>.amazonaws.com`): the CDN's origin for it. */
    apiHost: pulumi.Output<string>;
    itemsTableName: pulumi.Output<string>;
    /** The tag index the stream consumer maintains (functions/stream). */
    tagIndexTableName: pulumi.Output<string>;
    /** The user pool whose tokens the API accepts, and its app client (sign-in from a browser or app). */
    userPoolId: pulumi.Output<string>;
    userPoolClientId: pulumi.Output<string>;
    /**
     * The queue where failed asynchronous work lands, alarmed: sweeps and thumbnails as their events (redrive
     * them); a stream batch as its shard and sequence numbers only, whose records the stream keeps 24 hours.
     */
    failuresQueueUrl: pulumi.Output<string>;
    /** The photos buckets (with `thumbnails.enabled`): uploads under `uploads/` in `source`, thumbnails in `thumbnails`. */
    photoBuckets?: { source: pulumi.Output<string>; thumbnails: pulumi.Output<string> };
    /** The partners REST API's stage URL and its API key ids by name, never the values (with `partners.enabled`). */
    partnersUrl?: pulumi.Output<string>;
    partnerApiKeyIds?: Record<string, pulumi.Output<string>>;
    parts: ServerlessParts;
}

/**
 * What functions/items calls on its table (functions/README.md), on the table only: it reads no index,
 * lists with Scan, and deletes by writing a tombstone (UpdateItem), so it needs no DeleteItem. With a customer managed key, the table's grant of that key through DynamoDB.
 */
const ITEMS_ACTIONS = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:UpdateItem"];

/** The table's grants of its customer managed key (through DynamoDB only), none under the AWS owned key. */
function keyGrants(table: Table, access: "read" | "readwrite"): Statement[] {
    return table.grantStatements(access).filter((s) => [s.Action].flat().every((a) => String(a).startsWith("kms:")));
}

/** `actions` on the table itself (no index), with its key grants. */
function tableStatements(sid: string, table: Table, actions: string[], access: "read" | "readwrite"): Statement[] {
    return [{ Sid: sid, Effect: "Allow", Action: actions, Resource: table.tableArn }, ...keyGrants(table, access)];
}

function itemsStatements(table: Table): Statement[] {
    return tableStatements("ItemsApi", table, ITEMS_ACTIONS, "readwrite");
}

/**
 * The items function's table settings: straight to DynamoDB, or, with the table's DAX cluster, through it
 * (`DAX_ENDPOINT`, functions/shared/document-client.ts) from the private subnets. DAX authorizes the caller's `dax:*`
 * actions on the cluster and reaches the table with its own role, so the function then holds the cluster's item actions
 * and no table grant (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.access-control.html).
 */
function itemsThroughDax(table: Table, network: Network): Pick<LambdaFunctionArgs, "environment" | "statements" | "vpc"> {
    const base = { TABLE_NAME: table.tableName };
    if (!table.dax) return { environment: base, statements: itemsStatements(table) };
    return {
        environment: { ...base, DAX_ENDPOINT: table.dax.endpoint },
        statements: table.dax.clientStatements("readwrite"),
        vpc: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds },
    };
}

/** Time for one stream batch of the tag indexer. */
const TAG_INDEXER_TIMEOUT_SECONDS = 60;
/** What functions/stream writes to the tag index (functions/README.md); the stream read is StreamConsumer's grant. */
const TAG_INDEX_ACTIONS = ["dynamodb:PutItem", "dynamodb:DeleteItem"];
/** What functions/sweeper calls on the items table (functions/README.md): a paged Scan of the tombstone index and conditional deletes. */
const SWEEPER_ACTIONS = ["dynamodb:Scan", "dynamodb:DeleteItem"];
/** The items table's sparse index of tombstones (partition key `deletedAt`), which the sweeper scans. */
const TOMBSTONE_INDEX = "tombstones";

/** SQS keeps a message at most 14 days: the longest time to notice and redrive a failure, or to consume an event. */
const MAX_RETENTION_SECONDS = 14 * 86_400;
/** A partner event still waiting after this long means its consumer is missing or stuck. */
const PARTNER_EVENT_AGE_ALARM_SECONDS = 86_400;
/** Receives of one partner event before it moves to the dead-letter queue. */
const PARTNER_EVENT_MAX_RECEIVES = 5;
/**
 * The sweeper stops itself before its timeout (a reserve of max(10 s, 3 × the slowest page), then a
 * `resumeKey`), so the timeout is its time budget: Lambda's maximum, billed only for the time used, lets a
 * night's run get as far as it can.
 */
const SWEEPER_TIMEOUT_SECONDS = 900;
/** With versioning (protectData), overwritten and deleted photos are kept this long, then expire. */
const PHOTO_NONCURRENT_DAYS = 30;
/** A partner's `GET /items/{id}` may see an item up to a minute old when the cache is on. */
const PARTNER_CACHE_TTL_SECONDS = 60;
/** What a partner event must be: a JSON object with a non-empty string `type` (API Gateway answers 400 otherwise). */
const PARTNER_EVENT_SCHEMA = {
    $schema: "http://json-schema.org/draft-04/schema#",
    type: "object",
    required: ["type"],
    properties: { type: { type: "string", minLength: 1, maxLength: 128 } },
};

/** Data kept with the stack's data (`protect`, left in AWS on stack removal). */
const kept = <T>(args: T, opts: pulumi.CustomResourceOptions): T => {
    opts.protect = true;
    opts.retainOnDelete = true;
    return args;
};
/** The uploads bucket holds the originals (thumbnails are derived and can be made again). */
const protectedBucket: Transform<s3.BucketArgs> = kept;

/** The user pool holds the accounts: kept with the data (Cognito deletion protection, `protect`, left in AWS on stack removal). */
/**
 * CodeDeploy shifts the alias between versions (its routing config during a canary): a later `pulumi up` must not move it
 * back to the version the program published.
 */
const releasedByCodeDeploy: Transform<lambda.AliasArgs> = (args, opts) => {
    opts.ignoreChanges = ["functionVersion", "routingConfig"];
    return args;
};

const protectedUserPool: Transform<cognito.UserPoolArgs> = (args, opts) => ({ ...kept(args, opts), deletionProtection: "ACTIVE" });

export function serverless(cfg: StackConfig["serverless"], deps: ServerlessDeps): ServerlessOutputs {
    const t = cfg.table;
    const encryption: TableArgs["encryption"] = t.kmsKeyArn === undefined ? "aws-managed" : { kmsKeyArn: t.kmsKeyArn, replicaKmsKeyArns: t.replicaKmsKeyArns };
    const items = new Table("items", {
        attributes: { id: "S", deletedAt: "S" },
        partitionKey: "id",
        // Sparse: only tombstones carry deletedAt, so the nightly sweep reads them and nothing else, however
        // large the table grows (a full Scan would stop at the sweeper's time budget and never reach the tail).
        globalIndexes: {
            [TOMBSTONE_INDEX]: { partitionKey: "deletedAt", projection: "KEYS_ONLY", readCapacity: t.readCapacity, writeCapacity: t.writeCapacity },
        },
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
        ...deps.itemsTable,
    });
    // Derived from the items table: on-demand, not replicated. A change whose batch failed for good is missing
    // from it; the failure record names the batch, which stays in the stream 24 hours. Kept like the items table
    // (recovery, protection): rebuilding it means replaying every item, which the 24-hour stream cannot.
    const tagIndex = new Table("item-tags", {
        attributes: { tag: "S", itemId: "S" },
        partitionKey: "tag",
        sortKey: "itemId",
        pointInTimeRecovery: t.pointInTimeRecovery,
        encryption: t.kmsKeyArn === undefined ? "aws-managed" : { kmsKeyArn: t.kmsKeyArn },
        protectData: cfg.protectData,
    });

    const failures = failuresQueue(deps);
    const onFailure = { type: "sqs" as const, arn: failures.arn };

    // The items table's changes keep the tag index; a batch that keeps failing is recorded in the queue.
    const tagIndexer = new LambdaFunction("tag-indexer", {
        entry: "functions/stream/index.ts",
        environment: { TABLE_NAME: tagIndex.tableName },
        statements: tableStatements("TagIndex", tagIndex, TAG_INDEX_ACTIONS, "readwrite"),
        // A batch of 100 records of up to 20 tags each is up to 2,000 conditional writes (and as many
        // removals): beyond LambdaFunction's default 10 s. A timeout fails the whole batch, which is then split and retried.
        timeoutSeconds: TAG_INDEXER_TIMEOUT_SECONDS,
        logRetentionDays: cfg.items.logRetentionDays,
    });
    new StreamConsumer("tag-indexer", { source: { type: "dynamodb", table: items }, function: tagIndexer, onFailure });

    const sw = cfg.sweeper;
    const sweeper = new LambdaFunction("sweeper", {
        entry: "functions/sweeper/index.ts",
        timeoutSeconds: SWEEPER_TIMEOUT_SECONDS,
        environment: { TABLE_NAME: items.tableName, INDEX_NAME: TOMBSTONE_INDEX },
        statements: [
            ...tableStatements("Sweep", items, SWEEPER_ACTIONS, "readwrite"),
            { Sid: "ScanTombstones", Effect: "Allow", Action: "dynamodb:Scan", Resource: pulumi.interpolate`${items.tableArn}/index/${TOMBSTONE_INDEX}` },
        ],
        logRetentionDays: cfg.items.logRetentionDays,
        // Scheduler invokes asynchronously. A run that throws is recorded, not retried: a retry would scan
        // again from the start, and the next night's run resumes the work anyway.
        async: { maximumRetryAttempts: 0, onFailure },
    });
    new Schedule("nightly-sweep", {
        expression: sw.expression,
        timezone: sw.timezone,
        function: sweeper,
        input: { retentionDays: sw.retentionDays },
        // A nightly job: delivery retried for an hour at most, then recorded; the next night runs anyway.
        retry: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 },
        deadLetterQueueArn: failures.arn,
        description: `Purges items deleted more than ${sw.retentionDays} days ago (functions/sweeper)`,
    });

    const photos = cfg.thumbnails.enabled
        ? new Thumbnails("photos", {
              width: cfg.thumbnails.width,
              versioning: cfg.protectData,
              noncurrentVersionExpireDays: cfg.protectData ? PHOTO_NONCURRENT_DAYS : undefined,
              forceDestroy: !cfg.protectData,
              function: { logRetentionDays: cfg.items.logRetentionDays, async: { onFailure } },
              transform: cfg.protectData ? { sourceBucket: { bucket: protectedBucket } } : {},
          })
        : undefined;

    const partners = cfg.partners.enabled ? partnersApi(cfg, items, deps) : undefined;

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
                ...itemsThroughDax(items, deps.network),
                reservedConcurrency: f.reservedConcurrency,
                // Integrations call the alias; provisioned concurrency needs at least 1 (PutProvisionedConcurrencyConfig).
                alias: f.provisionedConcurrency > 0 ? { provisionedConcurrency: f.provisionedConcurrency } : {},
                transform: deps.itemsReleasedByCodeDeploy ? { alias: releasedByCodeDeploy } : {},
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
                ? {
                      allowOrigins: a.corsOrigins,
                      allowHeaders: ["authorization", "content-type", "idempotency-key", "if-match"],
                      // A browser client needs the ETag for If-Match and the new item's Location.
                      exposeHeaders: ["etag", "location"],
                  }
                : undefined,
        accessLogRetentionDays: a.accessLogRetentionDays,
        ...legacyRoutes(cfg, deps, reader, writer),
        domain:
            a.domain === undefined
                ? undefined
                : { domainName: a.domain.name, hostedZoneId: a.domain.hostedZoneId, certificateArn: a.domain.certificateArn, basePath: a.domain.basePath },
        transform: cfg.protectData ? { userPool: protectedUserPool } : {},
    });

    // The cluster admits the items function's own group (LambdaFunction's egress-only group in the VPC) and no other.
    if (items.dax) items.dax.allowClient("items", api.resources.functions.items.resources.securityGroup!.id);
    const users = api.resources.cognito.users;
    const fn = (l: LambdaFunction) => ({ functionName: l.functionName, logGroupName: l.resources.logGroup.name });
    const itemsFunction = api.resources.functions.items;
    const functions: ServerlessParts["functions"] = { items: fn(itemsFunction), "tag-indexer": fn(tagIndexer), sweeper: fn(sweeper) };
    if (photos) functions.thumbnails = { functionName: photos.functionName, logGroupName: photos.resources.function.resources.logGroup.name };
    if (partners) functions["partners-items"] = fn(partners.resources.functions.items);
    return {
        apiUrl: api.url,
        apiHost: api.invokeUrl.apply((u) => new URL(u).host),
        itemsTableName: items.tableName,
        tagIndexTableName: tagIndex.tableName,
        userPoolId: users.userPoolClient.userPoolId,
        userPoolClientId: users.userPoolClient.id,
        failuresQueueUrl: failures.url,
        photoBuckets: photos && { source: photos.sourceBucketName, thumbnails: photos.thumbnailBucketName },
        partnersUrl: partners?.url,
        partnerApiKeyIds: partners?.apiKeyIds,
        parts: { items, tagIndex, api, itemsFunction, functions, partners, failures },
    };
}

/** One queue for whatever fails asynchronously, and an alarm as soon as anything waits in it. */
function failuresQueue(deps: ServerlessDeps): sqs.Queue {
    // SSE with SQS-owned keys: the senders (function and schedule roles) need no KMS permission.
    const failures = new sqs.Queue("event-failures", { sqsManagedSseEnabled: true, messageRetentionSeconds: MAX_RETENTION_SECONDS });
    tlsOnly("event-failures-policy", failures);
    queueAlarm("event-failures-messages", failures, deps, {
        description: "A stream batch, sweep or thumbnail failed for good: read event-failures and fix (a stream batch's records stay in the stream 24 hours)",
        metricName: "ApproximateNumberOfMessagesVisible",
        threshold: 1,
    });
    return failures;
}

/** Refuses any request to `queue` that is not over TLS (sqs-ssl-only). */
function tlsOnly(name: string, queue: sqs.Queue): sqs.QueuePolicy {
    return new sqs.QueuePolicy(name, { queueUrl: queue.url, policy: tlsOnlyQueuePolicy(queue.arn) });
}

/** An alarm on one SQS metric of `queue` (its maximum over 5 minutes), to the stack's alarm topic when there is one. */
function queueAlarm(name: string, queue: sqs.Queue, deps: ServerlessDeps, a: { description: string; metricName: string; threshold: number }): void {
    const actions = deps.alarmTopicArn === undefined ? [] : [deps.alarmTopicArn];
    new cloudwatch.MetricAlarm(name, {
        alarmDescription: a.description,
        namespace: "AWS/SQS",
        metricName: a.metricName,
        dimensions: { QueueName: queue.name },
        statistic: "Maximum",
        period: 300,
        evaluationPeriods: 1,
        threshold: a.threshold,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        // SQS stops publishing an idle queue's metrics after about six hours while messages still wait:
        // "ignore" keeps the alarm in ALARM until a datapoint says otherwise (as ContainerService's DLQ alarms).
        treatMissingData: "ignore",
        alarmActions: actions,
        okActions: actions,
    });
}

/**
 * The partners' REST API: events straight into a queue (no Lambda), and a cached read of one item through a
 * read-only copy of the items function; every call needs an API key of the usage plan.
 */
function partnersApi(cfg: StackConfig["serverless"], items: Table, deps: ServerlessDeps): RestApi {
    const p = cfg.partners;
    // Nothing in this stack consumes it yet: the partners' events wait here, 14 days at most, for their
    // consumer, kept with the stack's data; an alarm once one has waited a day.
    const kept = cfg.protectData ? { protect: true, retainOnDelete: true } : {};
    // A message its consumer fails to process PARTNER_EVENT_MAX_RECEIVES times is set aside here, kept with the
    // stack's data, instead of blocking or being retried until it expires (AwsSolutions-SQS3).
    const deadLetters = new sqs.Queue("partner-events-dlq", { sqsManagedSseEnabled: true, messageRetentionSeconds: MAX_RETENTION_SECONDS }, kept);
    tlsOnly("partner-events-dlq-policy", deadLetters);
    const events = new sqs.Queue(
        "partner-events",
        {
            sqsManagedSseEnabled: true,
            messageRetentionSeconds: MAX_RETENTION_SECONDS,
            redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: PARTNER_EVENT_MAX_RECEIVES }),
        },
        kept,
    );
    tlsOnly("partner-events-policy", events);
    queueAlarm("partner-events-dead-letters", deadLetters, deps, {
        description: "A partner event failed processing repeatedly and waits in partner-events-dlq: read it, fix the consumer, redrive it",
        metricName: "ApproximateNumberOfMessagesVisible",
        threshold: 1,
    });
    queueAlarm("partner-events-age", events, deps, {
        description: "A partner event has waited a day in partner-events: its consumer is missing or stuck",
        metricName: "ApproximateAgeOfOldestMessage",
        threshold: PARTNER_EVENT_AGE_ALARM_SECONDS,
    });
    const keyed = { authorizer: "none", apiKeyRequired: true };
    return new RestApi("partners", {
        functions: {
            items: {
                entry: "functions/items/index.ts",
                architecture: "arm64",
                memoryMiB: cfg.items.memoryMiB,
                logRetentionDays: cfg.items.logRetentionDays,
                environment: { TABLE_NAME: items.tableName },
                // Only GET /items/{id} reaches it: GetItem, nothing else (its other routes answer AccessDenied).
                statements: tableStatements("PartnerReads", items, ["dynamodb:GetItem"], "read"),
            },
        },
        routes: {
            "POST /events": { integration: { type: "sqs", queueArn: events.arn }, bodySchema: PARTNER_EVENT_SCHEMA, ...keyed },
            "GET /items/{id}": {
                integration: { type: "lambda", function: "items" },
                cache: p.cacheSizeGb === undefined ? undefined : { ttlSeconds: PARTNER_CACHE_TTL_SECONDS },
                ...keyed,
            },
        },
        cache: p.cacheSizeGb === undefined ? undefined : { sizeGb: p.cacheSizeGb },
        apiKeys: Object.fromEntries(p.apiKeys.map((k) => [k, {}])),
        usagePlans: { partners: { apiKeys: p.apiKeys, throttle: p.throttle, quota: { limit: p.dailyQuota, period: "DAY" } } },
        accessLogRetentionDays: p.accessLogRetentionDays,
        accountCloudWatchRole: p.accountCloudWatchRole,
    });
}

/**
 * `/legacy/<path>` of the items API, forwarded to the legacy service's internal ALB through a VPC link, as
 * `/<path>` (`stripPrefix`: a server moved behind the API keeps its own paths). Reads follow `publicReads`;
 * every other method needs a user pool token (`ANY` matches only the methods no route of that path names:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
 */
function legacyRoutes(
    cfg: StackConfig["serverless"],
    deps: ServerlessDeps,
    reader: { authorizer?: string },
    writer: { authorizer: string },
): { proxyRoutes?: ServerlessApiArgs["proxyRoutes"]; vpcLink?: ServerlessApiArgs["vpcLink"] } {
    if (!cfg.legacy.enabled) return {};
    if (deps.legacy === undefined) throw new Error("serverless.legacy.enabled needs the legacy ALB target (ServerlessDeps.legacy)");
    return {
        proxyRoutes: {
            "GET /legacy/{proxy+}": { target: "legacy", stripPrefix: true, ...reader },
            "ANY /legacy/{proxy+}": { target: "legacy", stripPrefix: true, ...writer },
        },
        vpcLink: { vpcId: deps.network.vpcId, subnetIds: deps.network.privateSubnetIds, targets: { legacy: deps.legacy } },
    };
}
