/**
 * The data paths of the program (issue 18): devices → Kinesis → functions/ingest → S3 or DynamoDB (a
 * KinesisIngestion "readings"); the stack's tables in an AWS Backup plan with a cross-Region copy (TableBackups);
 * Aurora Serverless v2 PostgreSQL behind RDS Proxy (a Database "orders") with the orders function (functions/orders-db)
 * in the private subnets, connecting through the proxy with an IAM token. The items table's export to S3 and its DAX
 * cluster are options of the table itself (`itemsTableOptions`, given to stacks/serverless.ts). Settings come from
 * `data` in the stack's config; nothing here branches on the stack's name.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import {
    type BackupRuleArgs,
    Database,
    KinesisIngestion,
    LambdaFunction,
    type Network,
    TABLE_BACKUPS_DEFAULTS,
    type Table,
    type TableArgs,
    TableBackups,
} from "../components";
import type { StackConfig } from "./config";

type Data = StackConfig["data"];

/** What the data paths need from the rest of the stack. */
export interface DataDeps {
    /** The database, its proxy and the orders function go in its private subnets. */
    network: Network;
    /**
     * The stack's tables AWS Backup keeps: the items table (the tag index is derived from it and rebuilt, not backed up);
     * the readings table is added when the ingestion's sink is DynamoDB.
     */
    tables: Table[];
    /** Where the iterator age alarm notifies (the stack's AlarmTopic), when there is one. */
    alarmTopicArn?: pulumi.Input<string>;
}

/** The data paths' components that monitoring watches. */
export interface DataParts {
    ingestion?: KinesisIngestion;
    backups?: TableBackups;
    database?: Database;
    /** The functions of the part, by key, as ServerlessParts lists its own. */
    functions: Record<string, { functionName: pulumi.Output<string>; logGroupName: pulumi.Output<string> }>;
    /** Queues where failed batches are recorded, by key. */
    queues: Record<string, { queueName: pulumi.Output<string> }>;
}

/** The stack outputs of the data paths (each absent when its path is off). */
export interface DataOutputs {
    /** The readings stream (producers need `kinesis:PutRecord(s)` on it), and where valid readings land. */
    readings?: {
        streamName: pulumi.Output<string>;
        streamArn: pulumi.Input<string>;
        bucketName?: pulumi.Input<string>;
        tableName?: pulumi.Output<string>;
    };
    /** The AWS Backup vault the items table's recovery points are in. */
    backupVault?: { name: pulumi.Output<string>; arn: pulumi.Output<string> };
    /** The orders database: the proxy's endpoint (TLS, IAM authentication) and the function that connects through it. */
    orders?: { proxyEndpoint: pulumi.Output<string>; functionName: pulumi.Output<string> };
    parts: DataParts;
}

/**
 * Kinesis keeps a record for `retentionHours`; past `maximumRecordAgeSeconds` (StreamConsumer's 3600 s) a batch goes to the
 * failure queue unread. Ten minutes behind leaves most of that hour to act on a consumer that falls behind (the notes'
 * warning: stream consumers pull slowly).
 */
export const ITERATOR_AGE_ALARM_MS = 10 * 60 * 1000;

/** Which of the items table's options the data section sets: its export to S3 and its DAX cluster. */
export function itemsTableOptions(cfg: Data, network: Network): Pick<TableArgs, "export" | "dax"> {
    return {
        ...(cfg.export.enabled ? { export: { schedule: cfg.export.schedule } } : {}),
        ...(cfg.dax.enabled
            ? { dax: { vpc: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds }, nodeType: cfg.dax.nodeType, nodes: cfg.dax.nodes } }
            : {}),
    };
}

export function dataPaths(cfg: Data, deps: DataDeps): DataOutputs {
    const parts: DataParts = { functions: {}, queues: {} };
    const fn = (l: LambdaFunction) => ({ functionName: l.functionName, logGroupName: l.resources.logGroup.name });

    const i = cfg.ingestion;
    const ingestion = i.enabled
        ? new KinesisIngestion("readings", {
              stream: { capacity: i.capacity, retentionHours: i.retentionHours },
              sink: { type: i.sink },
              enhancedFanOut: i.enhancedFanOut,
              batchSize: i.batchSize,
              parallelizationFactor: i.parallelizationFactor,
              function: { logRetentionDays: i.logRetentionDays },
              protectData: cfg.protectData,
          })
        : undefined;
    if (ingestion) {
        parts.ingestion = ingestion;
        parts.functions.ingest = fn(ingestion.function);
        const queue = ingestion.resources.failureQueue;
        if (queue) parts.queues["readings-failures"] = { queueName: queue.name };
        iteratorAgeAlarm(ingestion.function, deps);
    }

    const b = cfg.backups;
    const backups = b.enabled
        ? new TableBackups("tables", {
              // The readings table too, when readings go to DynamoDB: the raw data, which nothing else holds.
              tables: [...deps.tables, ...(ingestion?.resources.table ? [ingestion.resources.table] : [])],
              ...(b.rules || b.copyRegion ? { rules: backupRules(b) } : {}),
              protectData: cfg.protectData,
          })
        : undefined;
    parts.backups = backups;

    const d = cfg.database;
    let orders: DataOutputs["orders"];
    if (d.enabled) {
        const n = deps.network;
        const db = new Database("orders", {
            vpc: { vpcId: n.vpcId, subnetIds: n.privateSubnetIds },
            engineVersion: d.engineVersion,
            // The name the orders cluster was created with (Database's default until issue 19): create-only, a new name
            // would replace the cluster with an empty one. Accepted in policy/exceptions.ts (rds-custom-admin).
            masterUsername: "postgres",
            capacity: { minAcu: d.minAcu, maxAcu: d.maxAcu, autoPauseSeconds: d.autoPauseSeconds },
            readers: d.readers,
            backupRetentionDays: d.backupRetentionDays,
            logRetentionDays: d.logRetentionDays,
            deletionProtection: cfg.protectData,
            protectData: cfg.protectData,
        });
        // In the private subnets (the proxy is never public) with the database's client group, which the proxy admits
        // on 5432; the IAM token is signed locally (no endpoint to reach), so the function needs no NAT for it.
        const fnOrders = new LambdaFunction("orders-db", {
            entry: "functions/orders-db/index.ts",
            vpc: { subnetIds: n.privateSubnetIds, securityGroupIds: [db.clientSecurityGroupId] },
            environment: db.connectionEnvironment(),
            statements: db.connectStatements(),
            timeoutSeconds: ORDERS_TIMEOUT_SECONDS,
            logRetentionDays: d.logRetentionDays,
        });
        parts.database = db;
        parts.functions["orders-db"] = fn(fnOrders);
        orders = { proxyEndpoint: db.proxy!.endpoint, functionName: fnOrders.functionName };
    }

    return {
        readings: ingestion && {
            streamName: ingestion.stream!.streamName,
            streamArn: ingestion.streamArn,
            bucketName: ingestion.bucketName,
            tableName: ingestion.tableName,
        },
        backupVault: backups && { name: backups.vaultName, arn: backups.vaultArn },
        orders,
        parts,
    };
}

/**
 * The orders function's budget: a cold start opens a TLS session to the proxy (which may wake the cluster from its
 * floor) before the query; functions/orders-db's pool gives up connecting after its own timeout, well inside this.
 */
const ORDERS_TIMEOUT_SECONDS = 30;

/** The configured rules (TableBackups' own defaults when none are), each copied to the stack's copy Region. */
function backupRules(b: Data["backups"]): Record<string, BackupRuleArgs> {
    const rules: Record<string, BackupRuleArgs> = b.rules ?? TABLE_BACKUPS_DEFAULTS.TableBackupsArgs.rules;
    const copies = b.copyRegion === undefined ? [] : [{ region: b.copyRegion }];
    return Object.fromEntries(Object.entries(rules).map(([k, r]) => [k, { ...r, copies: [...(r.copies ?? []), ...copies] }]));
}

/** An alarm when the ingest function reads records more than ITERATOR_AGE_ALARM_MS after they were written. */
function iteratorAgeAlarm(f: LambdaFunction, deps: DataDeps): void {
    const actions = deps.alarmTopicArn === undefined ? [] : [deps.alarmTopicArn];
    new cloudwatch.MetricAlarm("readings-iterator-age", {
        alarmDescription:
            "The readings consumer is more than 10 minutes behind the stream: raise parallelizationFactor, the shards, or the function's memory (records older than an hour go to readings-failures unread)",
        // Lambda's IteratorAge for stream sources: the age of the last record of each batch it reads
        // (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#event-source-mapping-metrics).
        namespace: "AWS/Lambda",
        metricName: "IteratorAge",
        dimensions: { FunctionName: f.functionName },
        statistic: "Maximum",
        period: 300,
        evaluationPeriods: 1,
        threshold: ITERATOR_AGE_ALARM_MS,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        // No batch read, no datapoint: an idle stream is not behind.
        treatMissingData: "notBreaching",
        alarmActions: actions,
        okActions: actions,
    });
}
