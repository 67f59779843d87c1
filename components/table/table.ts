import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import type * as kinesis from "@pulumi/aws/kinesis";
import { ArgsError } from "../shared/errors";
import { Statement, keyThroughService } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import type { TableArgs } from "./args";
import { createDax, daxIssues } from "./dax";
import type { DaxCluster } from "../dax-cluster/dax-cluster";
import { DEFAULTS, ResolvedTable, normalize } from "./defaults";
import { ExportResources, createExport } from "./export";
import { IMPORT_CREATE_TIMEOUT, importTableArgs, importWarning } from "./import";
import { createKinesis } from "./kinesis";
import { createReplicas } from "./replicas";
import { ScalingResources, createScaling } from "./scaling";
import { validate } from "./validate";

export interface TableResources {
    table: dynamodb.Table;
    /** Auto scaling by `table-read`, `table-write`, `<index>-read`, `<index>-write` (provisioned mode). */
    scaling: Record<string, ScalingResources>;
    /** Global table replicas by region (`replicaRegions`). */
    replicas: Record<string, dynamodb.TableReplica>;
    /** The Kinesis data stream the component created (only when `kinesis.streamArn` is not given). */
    kinesisStream?: kinesis.Stream;
    kinesisDestination?: dynamodb.KinesisStreamingDestination;
    /** With `export`: the bucket the component created, and the scheduled export's role and schedule. */
    export?: ExportResources;
}

/** What a grant lets a principal do: read items, write items, or both. */
export type TableAccess = "read" | "write" | "readwrite";

// Item-level actions only: no table management (UpdateTable, DeleteTable), no streams.
export const READ_ACTIONS = [
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
];
export const WRITE_ACTIONS = ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"];
// What AWS CDK's grantReadData / grantWriteData add for a customer managed key (aws/aws-cdk#7425):
// DynamoDB uses the key on the caller's behalf, so the caller needs it too.
const STREAM_ACTIONS = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"];
export const KMS_READ = ["kms:Decrypt", "kms:DescribeKey"];
export const KMS_WRITE = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"];

/**
 * A DynamoDB table: keys, global and local secondary indexes, on-demand or provisioned capacity with
 * target-tracking auto scaling (table and global indexes), a stream, TTL, point-in-time recovery,
 * encryption with an AWS owned, AWS managed or customer managed key, deletion protection, global
 * table replicas and an optional Kinesis Data Streams destination. `grantStatements` gives the
 * least-privilege IAM statements a function needs on it.
 *
 * @example
 * const items = new Table("items", {
 *     attributes: { pk: "S", sk: "S", status: "S" },
 *     partitionKey: "pk",
 *     sortKey: "sk",
 *     globalIndexes: { byStatus: { partitionKey: "status", projection: "KEYS_ONLY" } },
 *     ttlAttribute: "expiresAt",
 *     protectData: true, // protect + retainOnDelete, and deletion protection
 * });
 * new aws.iam.RolePolicy("fn-items", { role, policy: policyJson(items.grantStatements("readwrite")) });
 *
 * **Cost** (us-east-1, on-demand, the defaults): no charge while idle but storage, $0.25 per GB-month
 * (Standard; Standard-IA $0.10); $0.625 per million write request units and $0.125 per million read
 * units. Point-in-time recovery (on by default) adds $0.20 per GB-month; each replica region bills its replicated
 * writes again; a Kinesis destination $0.10 per million change records plus the on-demand stream
 * (about $29 a month per stream, then $0.08 per GB in).
 */
export class Table extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "Table");
    /** The key attributes and their types, as given: what a writer's items must carry (KinesisIngestion checks them). */
    readonly keySchema: { partitionKey: string; sortKey?: string; attributes: Readonly<TableArgs["attributes"]> };

    readonly tableName: pulumi.Output<string>;
    readonly tableArn: pulumi.Output<string>;
    /** The DynamoDB stream's ARN (for an event source mapping); only when `streamViewType` is set. */
    readonly streamArn?: pulumi.Output<string>;
    /** The Kinesis data stream receiving the changes; only with `kinesis`. */
    readonly kinesisStreamArn?: pulumi.Output<string>;
    readonly resources: TableResources;
    /** The bucket exports go to; only with `export`. */
    readonly exportBucketName?: pulumi.Output<string>;
    /** The `aws dynamodb export-table-to-point-in-time …` command for a full export now; only with `export`. */
    readonly exportCommand?: pulumi.Output<string>;
    /** The DAX cluster in front of the table; only with `dax`. */
    readonly dax?: DaxCluster;
    private readonly kmsKeyArn?: pulumi.Input<string>;
    private readonly name: string;

    constructor(name: string, args: TableArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args), ...daxIssues(name, args.dax)];
        if (issues.length) throw new ArgsError("Table", name, issues);
        super(Table.type, name, args, opts);
        this.name = name;
        this.keySchema = { partitionKey: args.partitionKey, sortKey: args.sortKey, attributes: { ...args.attributes } };

        const cfg = normalize(args);
        const child = { parent: this };
        const tags = componentTags(Table.type, name, cfg.tags);
        const table = createTable(name, cfg, tags, child);
        const scaling = createScaling(name, cfg, table.name, tags, child);
        const replicas = createReplicas(name, cfg, table, scaling, tags, child);
        const resources: TableResources = { table, scaling, replicas };

        if (cfg.kinesis) {
            Object.assign(resources, createKinesis(name, cfg.kinesis, table, tags, child, cfg.transform));
            this.kinesisStreamArn = resources.kinesisDestination!.streamArn;
        }

        const warning = importWarning(name, cfg);
        if (warning) pulumi.log.warn(warning, this);
        if (cfg.export) {
            const exported = createExport(name, cfg, table, tags, child);
            resources.export = exported.resources;
            this.exportBucketName = exported.bucketName;
            this.exportCommand = exported.command;
        }

        this.tableName = table.name;
        this.tableArn = table.arn;
        if (cfg.streamViewType !== undefined) this.streamArn = table.streamArn;
        if (typeof cfg.encryption === "object") this.kmsKeyArn = cfg.encryption.kmsKeyArn;
        this.resources = resources;
        if (args.dax) this.dax = createDax(name, this, args.dax);
        this.registerOutputs({ tableName: this.tableName, tableArn: this.tableArn, streamArn: this.streamArn, kinesisStreamArn: this.kinesisStreamArn });
    }

    /**
     * Least-privilege IAM statements for items of this table: `read` (get, query, scan, on the table
     * and its indexes), `write` (put, update, delete, on the table; indexes are written through it), or
     * both. With a customer managed key, the key's use through DynamoDB is granted too.
     */
    grantStatements(access: TableAccess): Statement[] {
        const indexes = pulumi.interpolate`${this.tableArn}/index/*`;
        const read = access !== "write";
        const write = access !== "read";
        const statements: Statement[] = [];
        if (read) statements.push({ Sid: "ReadItems", Effect: "Allow", Action: READ_ACTIONS, Resource: [this.tableArn, indexes] });
        if (write) statements.push({ Sid: "WriteItems", Effect: "Allow", Action: WRITE_ACTIONS, Resource: this.tableArn });
        return [...statements, ...this.keyStatements(write ? KMS_WRITE : KMS_READ)];
    }

    /**
     * What a Lambda event source mapping's function needs to read this table's stream: the four
     * stream actions on `${tableArn}/stream/*` only, as AWS's own example scopes them
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-example-lamda-process-dynamodb-streams.html),
     * not on `*` as the managed policy AWSLambdaDynamoDBExecutionRole does. Throws when the table has no stream.
     */
    streamReadStatements(): Statement[] {
        if (this.streamArn === undefined) throw new Error(`Table "${this.name}" has no stream: set streamViewType to read one`);
        return [
            {
                Sid: "ReadStream",
                Effect: "Allow",
                Action: STREAM_ACTIONS,
                Resource: pulumi.interpolate`${this.tableArn}/stream/*`,
            },
            // Stream records are encrypted with the table's key.
            ...this.keyStatements(KMS_READ),
        ];
    }

    private keyStatements(actions: string[]): Statement[] {
        return keyThroughService("UseTableKeyThroughDynamoDB", this.kmsKeyArn, actions, "dynamodb");
    }
}

function serverSideEncryption(cfg: ResolvedTable): dynamodb.TableArgs["serverSideEncryption"] {
    // enabled false: the AWS owned key; enabled without a key: the AWS managed key aws/dynamodb.
    if (cfg.encryption === "aws-owned") return { enabled: false };
    if (cfg.encryption === "aws-managed") return { enabled: true };
    return { enabled: true, kmsKeyArn: cfg.encryption.kmsKeyArn };
}

function createTable(name: string, cfg: ResolvedTable, tags: Record<string, string>, child: pulumi.CustomResourceOptions): dynamodb.Table {
    const provisioned = cfg.billingMode === "PROVISIONED";
    const ignoreChanges = [
        // Replicas are TableReplica resources (see replicas.ts); the table reads them back from AWS.
        "replicas",
        // Auto scaling owns the capacities it scales: without these, every update would set them back.
        ...(cfg.autoScaling.read ? ["readCapacity"] : []),
        ...(cfg.autoScaling.write ? ["writeCapacity"] : []),
        // Each scaled index by its position, and no other: `globalSecondaryIndexes[*]` would also
        // swallow every change to an index with fixed capacity. (Pulumi CLIs older than
        // pulumi/pulumi#20278, August 2025, refused such paths when the number of indexes changed.)
        ...Object.values(cfg.globalIndexes).flatMap((g, i) =>
            (["read", "write"] as const).filter((dim) => g.autoScaling[dim]).map((dim) => `globalSecondaryIndexes[${i}].${dim}Capacity`),
        ),
        // An import happens only when the table is created (see import.ts), and on every table, not only
        // while `importFrom` is set: the provider never reads `importTable` back and its `s3BucketSource`
        // is ForceNew (terraform-provider-aws internal/service/dynamodb/table.go), so removing `importFrom`
        // after the import would otherwise replace the table with an empty one.
        "importTable",
    ];
    const opts: pulumi.CustomResourceOptions = {
        ...child,
        ignoreChanges,
        ...(cfg.protectData ? { protect: true, retainOnDelete: true } : {}),
        ...(cfg.importFrom ? { customTimeouts: { create: IMPORT_CREATE_TIMEOUT } } : {}),
    };
    const include = (projection: string, attrs: string[]) => (projection === "INCLUDE" ? { nonKeyAttributes: attrs } : {});
    return create(
        dynamodb.Table,
        fitName(childName(name, "table"), dynamodb.Table),
        {
            attributes: Object.entries(cfg.attributes).map(([attribute, type]) => ({ name: attribute, type })),
            hashKey: cfg.partitionKey,
            rangeKey: cfg.sortKey,
            billingMode: cfg.billingMode,
            readCapacity: provisioned ? cfg.readCapacity : undefined,
            writeCapacity: provisioned ? cfg.writeCapacity : undefined,
            tableClass: cfg.tableClass,
            globalSecondaryIndexes: Object.entries(cfg.globalIndexes).map(([index, g]) => ({
                name: index,
                // keySchemas: the provider deprecates the index's hashKey/rangeKey in their favour.
                keySchemas: [
                    { attributeName: g.partitionKey, keyType: "HASH" },
                    ...(g.sortKey !== undefined ? [{ attributeName: g.sortKey, keyType: "RANGE" }] : []),
                ],
                projectionType: g.projection,
                ...include(g.projection, g.nonKeyAttributes),
                readCapacity: provisioned ? g.readCapacity : undefined,
                writeCapacity: provisioned ? g.writeCapacity : undefined,
            })),
            localSecondaryIndexes: Object.entries(cfg.localIndexes).map(([index, l]) => ({
                name: index,
                rangeKey: l.sortKey,
                projectionType: l.projection,
                ...include(l.projection, l.nonKeyAttributes),
            })),
            streamEnabled: cfg.streamViewType !== undefined,
            streamViewType: cfg.streamViewType,
            ttl: cfg.ttlAttribute !== undefined ? { attributeName: cfg.ttlAttribute, enabled: true } : undefined,
            pointInTimeRecovery: {
                enabled: cfg.pointInTimeRecovery,
                // Without PITR the provider ignores the window (its DiffSuppressFunc); with it, always sent (see DEFAULTS).
                recoveryPeriodInDays: cfg.pointInTimeRecovery ? (cfg.pointInTimeRecoveryDays ?? DEFAULTS.pointInTimeRecoveryDays) : undefined,
            },
            serverSideEncryption: serverSideEncryption(cfg),
            deletionProtectionEnabled: cfg.deletionProtection,
            tags,
            ...importTableArgs(cfg),
        },
        opts,
        cfg.transform.table,
    );
}
