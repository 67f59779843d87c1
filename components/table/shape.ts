/**
 * The shape of Table's args: JS types and structure, checked before anything reads a field (see
 * components/shared/shape.ts). Enums, ranges and cross-field rules are value rules (validate.ts).
 * A field added to args.ts without a shape here fails `tsc`.
 */
import { array, boolean, input, int, object, oneOf, optional, record, string, transform, union } from "../shared/shape";
import type {
    AutoScalingArgs,
    CapacityScalingArgs,
    GlobalIndexArgs,
    KinesisDestinationArgs,
    LocalIndexArgs,
    TableArgs,
    TableEncryption,
    TableExportArgs,
    TableExportBucketArgs,
    TableImportArgs,
    TableImportCsvArgs,
} from "./args";
import { DAX_OPTION_SHAPE } from "../dax-cluster/validate";

const CAPACITY_SCALING_SHAPE = object<CapacityScalingArgs>()({
    minCapacity: int(),
    maxCapacity: int(),
    targetUtilizationPercent: optional(int()),
});

const AUTO_SCALING_SHAPE = object<AutoScalingArgs>()({ read: optional(CAPACITY_SCALING_SHAPE), write: optional(CAPACITY_SCALING_SHAPE) });

const GLOBAL_INDEX_SHAPE = object<GlobalIndexArgs>({ noun: "index field" })({
    partitionKey: string(),
    sortKey: optional(string()),
    projection: optional(string()),
    nonKeyAttributes: optional(array(string())),
    readCapacity: optional(int()),
    writeCapacity: optional(int()),
    autoScaling: optional(AUTO_SCALING_SHAPE),
});

const LOCAL_INDEX_SHAPE = object<LocalIndexArgs>({ noun: "index field" })({
    sortKey: string(),
    projection: optional(string()),
    nonKeyAttributes: optional(array(string())),
});

const KINESIS_SHAPE = object<KinesisDestinationArgs>()({
    streamArn: optional(input(string())),
    retentionHours: optional(int()),
    creationDateTimePrecision: optional(string()),
});

const ENCRYPTION_SHAPE = union(
    '"aws-owned", "aws-managed" or { kmsKeyArn }',
    oneOf(["aws-owned", "aws-managed"]),
    object<Extract<TableEncryption, object>>()({
        kmsKeyArn: input(string()),
        replicaKmsKeyArns: optional(record(input(string()))),
    }),
);

const EXPORT_SHAPE = object<TableExportArgs>()({
    bucket: optional(
        object<TableExportBucketArgs>()({
            bucketName: input(string()),
            bucketArn: input(string()),
            bucketOwner: optional(string()),
            kmsKeyArn: optional(input(string())),
        }),
    ),
    prefix: optional(string()),
    format: optional(string()),
    schedule: optional(string()),
});

const IMPORT_SHAPE = object<TableImportArgs>()({
    bucketName: input(string()),
    bucketOwner: optional(string()),
    keyPrefix: optional(string()),
    format: string(),
    compression: optional(string()),
    csv: optional(object<TableImportCsvArgs>()({ delimiter: optional(string()), header: optional(array(string())) })),
});

export const TABLE_SHAPE = object<TableArgs>()({
    attributes: record(string()),
    partitionKey: string(),
    sortKey: optional(string()),
    globalIndexes: optional(record(GLOBAL_INDEX_SHAPE)),
    localIndexes: optional(record(LOCAL_INDEX_SHAPE)),
    tableClass: optional(string()),
    billingMode: optional(string()),
    readCapacity: optional(int()),
    writeCapacity: optional(int()),
    autoScaling: optional(AUTO_SCALING_SHAPE),
    streamViewType: optional(string()),
    ttlAttribute: optional(string()),
    pointInTimeRecovery: optional(boolean()),
    encryption: optional(ENCRYPTION_SHAPE),
    deletionProtection: optional(boolean()),
    protectData: optional(boolean()),
    replicaRegions: optional(array(string())),
    kinesis: optional(KINESIS_SHAPE),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<TableArgs["transform"]>>()({
            table: optional(transform()),
            scalingTarget: optional(transform()),
            scalingPolicy: optional(transform()),
            kinesisStream: optional(transform()),
            kinesisDestination: optional(transform()),
            replica: optional(transform()),
            exportBucket: optional(transform()),
            exportRole: optional(transform()),
            exportSchedule: optional(transform()),
        }),
    ),
    pointInTimeRecoveryDays: optional(int()),
    export: optional(EXPORT_SHAPE),
    importFrom: optional(IMPORT_SHAPE),
    dax: optional(DAX_OPTION_SHAPE),
});
