import type * as pulumi from "@pulumi/pulumi";
import type * as appautoscaling from "@pulumi/aws/appautoscaling";
import type * as dynamodb from "@pulumi/aws/dynamodb";
import type * as iam from "@pulumi/aws/iam";
import type * as kinesis from "@pulumi/aws/kinesis";
import type * as s3 from "@pulumi/aws/s3";
import type * as scheduler from "@pulumi/aws/scheduler";
import type { Transform } from "../shared/transform";
import type { TableDaxArgs } from "./dax";

/** A key attribute's type: string, number or binary (the only key types DynamoDB has). */
export type AttributeType = "S" | "N" | "B";

/** What an index copies from the table: every attribute, the keys only, or the keys and `nonKeyAttributes`. */
export type Projection = "ALL" | "KEYS_ONLY" | "INCLUDE";

/** What a stream record holds (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html). */
export type StreamViewType = "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";

/** Target tracking on one capacity dimension (read or write) through Application Auto Scaling. */
export interface CapacityScalingArgs {
    /** Fewest capacity units auto scaling sets (at least 1). */
    minCapacity: number;
    /** Most capacity units auto scaling sets (at least `minCapacity`). */
    maxCapacity: number;
    /**
     * Consumed-to-provisioned ratio auto scaling aims at, in percent. DynamoDB accepts 20–90
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html).
     * @default 70
     */
    targetUtilizationPercent?: number;
}

/** Auto scaling of a table's or an index's provisioned capacity; each dimension is optional. */
export interface AutoScalingArgs {
    /**
     * Scales read capacity units.
     * @default - read capacity stays at `readCapacity`
     * @example { minCapacity: 5, maxCapacity: 100, targetUtilizationPercent: 70 }
     */
    read?: CapacityScalingArgs;
    /**
     * Scales write capacity units. Global table replicas in provisioned mode need it: DynamoDB refuses
     * a replica whose write capacity is neither on-demand nor auto scaled.
     * @default - write capacity stays at `writeCapacity`
     * @example { minCapacity: 5, maxCapacity: 50 }
     */
    write?: CapacityScalingArgs;
}

/** A global secondary index: its own partition key (and sort key), any time after creation. */
export interface GlobalIndexArgs {
    /** The index's partition key: an attribute declared in `attributes`. */
    partitionKey: string;
    /** The index's sort key, declared in `attributes`. @default - no sort key */
    sortKey?: string;
    /** What the index copies from the table. @default "ALL" */
    projection?: Projection;
    /**
     * With `projection: "INCLUDE"` only: the attributes copied besides the keys. At most 100 across
     * every index of the table (DynamoDB's limit on projected attributes).
     * @default []
     * @example ["status", "total"]
     */
    nonKeyAttributes?: string[];
    /** Provisioned read capacity units; required in provisioned mode, refused on-demand. @default - none (on-demand) */
    readCapacity?: number;
    /** Provisioned write capacity units; required in provisioned mode, refused on-demand. @default - none (on-demand) */
    writeCapacity?: number;
    /**
     * Auto scaling of this index's capacity (provisioned mode only). Pulumi then ignores changes to
     * the capacities it scales, but the provider keeps indexes as a set, which `ignoreChanges` cannot
     * see into once the state holds a scaled value (after a refresh, or after any update of the
     * table): the next update may set the index back to `readCapacity`/`writeCapacity` until auto
     * scaling raises it again (pulumi/pulumi-terraform-bridge#1756). The table's own capacities
     * are not affected; on-demand avoids the question.
     * @default - the table's `autoScaling`
     * @example { read: { minCapacity: 5, maxCapacity: 50 } }
     */
    autoScaling?: AutoScalingArgs;
}

/**
 * A local secondary index: the table's partition key with another sort key. DynamoDB creates LSIs
 * only with the table: adding, changing or removing one replaces the table (and its data).
 */
export interface LocalIndexArgs {
    /** The index's sort key: an attribute declared in `attributes`. */
    sortKey: string;
    /** What the index copies from the table. @default "ALL" */
    projection?: Projection;
    /** With `projection: "INCLUDE"` only: the attributes copied besides the keys. @default [] */
    nonKeyAttributes?: string[];
}

/** Server-side encryption: the key that protects the table at rest. */
export type TableEncryption =
    /** A key AWS owns and manages for DynamoDB: free, but not visible in your account or CloudTrail. */
    | "aws-owned"
    /** The AWS managed key `aws/dynamodb` in your account: visible in CloudTrail; KMS requests billed. */
    | "aws-managed"
    /**
     * Your customer managed key. KMS keys are regional: each replica region needs its own key
     * (or a replica of a multi-Region key) in `replicaKmsKeyArns`.
     */
    | { kmsKeyArn: pulumi.Input<string>; replicaKmsKeyArns?: Record<string, pulumi.Input<string>> };

/** A Kinesis Data Streams destination for item-level changes (longer retention and more consumers than a DynamoDB stream). */
export interface KinesisDestinationArgs {
    /**
     * An existing Kinesis data stream. Without it the component creates an on-demand stream,
     * encrypted with the AWS managed key `alias/aws/kinesis`.
     * @default - a stream the component creates
     */
    streamArn?: pulumi.Input<string>;
    /** Hours the created stream keeps records: 24 to 8760 (365 days). @default 24 */
    retentionHours?: number;
    /** Precision of the `ApproximateCreationDateTime` of each record. @default "MILLISECOND" */
    creationDateTimePrecision?: "MILLISECOND" | "MICROSECOND";
}

/** An existing S3 bucket for exports (the exporting principal needs `s3:PutObject` there). */
export interface TableExportBucketArgs {
    bucketName: pulumi.Input<string>;
    bucketArn: pulumi.Input<string>;
    /**
     * The account (12 digits) owning the bucket, when it is not the table's: ExportTableToPointInTime's
     * S3BucketOwner, "a required parameter when exporting to a S3 bucket in another account"
     * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html).
     * @default - the table's account
     */
    bucketOwner?: string;
    /**
     * The customer managed key the bucket encrypts with: exports are then written with SSE-KMS under it.
     * @default - the bucket's default encryption applies
     */
    kmsKeyArn?: pulumi.Input<string>;
}

/**
 * Full exports of the table to S3 (for analytics and audits), read from point-in-time recovery: no
 * read capacity used, the table untouched. DynamoDB exports only a table with point-in-time recovery on
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html).
 */
export interface TableExportArgs {
    /**
     * Where exports go.
     * @default - a private bucket the component creates (SSE-S3, TLS only, no public access; kept with `protectData`, force-destroyed without it)
     * @example { bucketName: "audit-exports", bucketArn: "arn:aws:s3:::audit-exports" }
     */
    bucket?: TableExportBucketArgs;
    /** Key prefix of the exports: DynamoDB writes `<prefix>/AWSDynamoDB/<export id>/…`. @default "exports" */
    prefix?: string;
    /** The exported items' format. @default "DYNAMODB_JSON" */
    format?: "DYNAMODB_JSON" | "ION";
    /**
     * An EventBridge Scheduler expression (`rate(…)`, `cron(…)` of six fields, or `at(…)`) for a
     * scheduled full export, made through Scheduler's universal target
     * `arn:aws:scheduler:::aws-sdk:dynamodb:exportTableToPointInTime` with a role of its own that may
     * only export this table and write under the prefix.
     * @default - no schedule: run `table.exportCommand` when an export is needed
     * @example "cron(0 2 ? * SUN *)"
     */
    schedule?: string;
}

/** CSV options of an import. */
export interface TableImportCsvArgs {
    /** The field delimiter: one of `,` `\t` `:` `;` `|` and space. @default "," */
    delimiter?: string;
    /** Column names, for files without a header line. @default - the first line of each file */
    header?: string[];
}

/**
 * The data the table is created with, imported from S3 by DynamoDB (no write capacity used). **Create
 * only**: DynamoDB imports into a new table, so the option is read when the table is created and
 * ignored afterwards (removing it later changes nothing; adding it to an existing table imports
 * nothing). https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataImport.HowItWorks.html
 */
export interface TableImportArgs {
    /** The bucket holding the data (any Region or account the deployer can read; another account's with `bucketOwner`). */
    bucketName: pulumi.Input<string>;
    /**
     * The account (12 digits) owning the bucket, when it is not the deployer's: ImportTable's
     * S3BucketOwner, "optional" only "if the bucket is owned by the requester"
     * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_S3BucketSource.html).
     * @default - the deployer's account
     */
    bucketOwner?: string;
    /** Only objects under this key prefix. @default - every object of the bucket */
    keyPrefix?: string;
    /** The objects' format. */
    format: "CSV" | "DYNAMODB_JSON" | "ION";
    /** The objects' compression. @default "NONE" */
    compression?: "GZIP" | "ZSTD" | "NONE";
    /**
     * CSV options (with `format: "CSV"` only).
     * @default - comma-separated, a header line in each file
     * @example { delimiter: ";", header: ["pk", "sk", "status"] }
     */
    csv?: TableImportCsvArgs;
}

export interface TableArgs {
    /**
     * The key attributes and their types: the table's and every index's keys, and nothing else
     * (DynamoDB refuses attribute definitions no key uses; other attributes need no declaration).
     * @example { pk: "S", sk: "S", status: "S", createdAt: "N" }
     */
    attributes: Record<string, AttributeType>;
    /** The table's partition (hash) key. Changing it replaces the table. */
    partitionKey: string;
    /** The table's sort (range) key. Changing it replaces the table. @default - no sort key */
    sortKey?: string;
    /**
     * Global secondary indexes by name (3–255 of letters, digits, `_`, `.`, `-`); at most 20.
     * Add new indexes at the end: the capacities auto scaling owns are ignored by position.
     * @default {}
     * @example { byStatus: { partitionKey: "status", sortKey: "createdAt", projection: "KEYS_ONLY" } }
     */
    globalIndexes?: Record<string, GlobalIndexArgs>;
    /**
     * Local secondary indexes by name; at most 5, and only with a table `sortKey`. **Created with the
     * table only**: adding or removing one later replaces the table.
     * @default {}
     * @example { byCreatedAt: { sortKey: "createdAt" } }
     */
    localIndexes?: Record<string, LocalIndexArgs>;
    /** `STANDARD`, or `STANDARD_INFREQUENT_ACCESS` (storage 60% cheaper, reads and writes 25% dearer). @default "STANDARD" */
    tableClass?: "STANDARD" | "STANDARD_INFREQUENT_ACCESS";
    /** On-demand (`PAY_PER_REQUEST`) or `PROVISIONED` capacity. @default "PAY_PER_REQUEST" */
    billingMode?: "PAY_PER_REQUEST" | "PROVISIONED";
    /** Provisioned read capacity units; required in provisioned mode, refused on-demand. @default - none (on-demand) */
    readCapacity?: number;
    /** Provisioned write capacity units; required in provisioned mode, refused on-demand. @default - none (on-demand) */
    writeCapacity?: number;
    /**
     * Auto scaling of the table's provisioned capacity (and, unless they set their own, its global
     * indexes'). Provisioned mode only.
     * @default - no auto scaling
     * @example { read: { minCapacity: 5, maxCapacity: 100 }, write: { minCapacity: 5, maxCapacity: 50 } }
     */
    autoScaling?: AutoScalingArgs;
    /**
     * Turns the DynamoDB stream on with this view type (its ARN is `streamArn`).
     * @default - no stream; "NEW_AND_OLD_IMAGES" when `replicaRegions` is set (global tables replicate through it)
     */
    streamViewType?: StreamViewType;
    /** The attribute holding each item's expiry (epoch seconds): turns Time to Live on. @default - TTL off */
    ttlAttribute?: string;
    /**
     * Continuous backups, restorable to any second of the last 35 days (Security Hub DynamoDB.2). Costs
     * about $0.20 per GB-month of table data (us-east-1); turn it off only for data you can rebuild.
     * @default true
     */
    pointInTimeRecovery?: boolean;
    /**
     * The key that encrypts the table at rest. The default, the AWS managed key `aws/dynamodb`, makes
     * every use of the key visible in CloudTrail (the policy pack's `dynamodb-kms-encryption`) at no
     * monthly key charge; `"aws-owned"` saves the KMS request charges but is not auditable.
     * @default "aws-managed"
     * @example { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
     */
    encryption?: TableEncryption;
    /**
     * DynamoDB refuses to delete the table while this is on (Security Hub DynamoDB.6).
     * @default - `protectData`: on when Pulumi protects the data, off otherwise (easy teardown)
     */
    deletionProtection?: boolean;
    /**
     * Pulumi-side protection of the data: the table and its replicas get `protect` (no destroy or
     * replace without unprotecting) and `retainOnDelete` (leaving the stack leaves them in AWS).
     * @default false
     */
    protectData?: boolean;
    /**
     * Regions of global table replicas (version 2019.11.21), never the table's own region. Replicas
     * get the table's point-in-time recovery, deletion protection and tags, and are created once the
     * table's auto scaling exists (a provisioned table must have write auto scaling first).
     * @default []
     * @example ["eu-west-1", "us-west-2"]
     */
    replicaRegions?: string[];
    /**
     * Streams item-level changes to Kinesis Data Streams too.
     * @default - no Kinesis destination
     * @example {} // a stream the component creates
     */
    kinesis?: KinesisDestinationArgs;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `table` (the DynamoDB table), `scalingTarget` (every
     * Application Auto Scaling target), `scalingPolicy` (every target-tracking policy),
     * `kinesisStream` (the stream the component creates), `kinesisDestination` (the streaming destination),
     * `replica` (every global table replica), `exportBucket` (the export bucket the component creates),
     * `exportRole` and `exportSchedule` (the scheduled export's role and schedule).
     * @default {}
     */
    transform?: {
        table?: Transform<dynamodb.TableArgs>;
        scalingTarget?: Transform<appautoscaling.TargetArgs>;
        scalingPolicy?: Transform<appautoscaling.PolicyArgs>;
        kinesisStream?: Transform<kinesis.StreamArgs>;
        kinesisDestination?: Transform<dynamodb.KinesisStreamingDestinationArgs>;
        replica?: Transform<dynamodb.TableReplicaArgs>;
        exportBucket?: Transform<s3.BucketArgs>;
        exportRole?: Transform<iam.RoleArgs>;
        exportSchedule?: Transform<scheduler.ScheduleArgs>;
    };
    /**
     * Days point-in-time recovery reaches back: 1 to 35. Needs `pointInTimeRecovery`. Shorter costs
     * the same per GB; it only limits how far back a restore (or an export) may go.
     * @default - 35 (DynamoDB's) with `pointInTimeRecovery`: sent explicitly, so removing a shorter window restores 35
     */
    pointInTimeRecoveryDays?: number;
    /**
     * Exports to S3: a bucket, the documented `aws dynamodb export-table-to-point-in-time` command
     * (`table.exportCommand`), and optionally a scheduled export. Needs `pointInTimeRecovery`.
     * @default - no export
     * @example { schedule: "cron(0 2 ? * SUN *)" }
     */
    export?: TableExportArgs;
    /**
     * Creates the table from data in S3 (`importTable`). **Create only** (see `TableImportArgs`); not
     * with `localIndexes`, which an import cannot create, nor with a stream or replicas, which the
     * provider does not create with an imported table (add them in a later update). Tags, deletion
     * protection and the table class are applied by the next `pulumi up` (a warning says so).
     * @default - an empty table
     * @example { bucketName: "orders-seed", keyPrefix: "2026-01/", format: "DYNAMODB_JSON", compression: "GZIP" }
     */
    importFrom?: TableImportArgs;
    /**
     * A DAX cluster in front of the table (a DaxCluster child `<name>-dax`, exposed as `dax`): the same
     * options as DaxCluster but `table`. Functions reach it in the VPC through `dax.endpoint`.
     * @default - no DAX cluster
     * @example { vpc: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds }, nodes: 3, allowFrom: [fnSecurityGroup.id] }
     */
    dax?: TableDaxArgs;
}
