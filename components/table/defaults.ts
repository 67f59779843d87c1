import type * as pulumi from "@pulumi/pulumi";
import { mapValues } from "../shared/defaults";
import type {
    AttributeType,
    AutoScalingArgs,
    CapacityScalingArgs,
    GlobalIndexArgs,
    KinesisDestinationArgs,
    LocalIndexArgs,
    Projection,
    StreamViewType,
    TableArgs,
    TableEncryption,
    TableExportBucketArgs,
    TableImportArgs,
} from "./args";

/**
 * The one source of Table's default values, one section per args interface (the `@default` tags in
 * args.ts agree with these; a test checks).
 */
export const DEFAULTS = {
    CapacityScalingArgs: { targetUtilizationPercent: 70 },
    GlobalIndexArgs: { projection: "ALL" as Projection, nonKeyAttributes: [] as string[] },
    LocalIndexArgs: { projection: "ALL" as Projection, nonKeyAttributes: [] as string[] },
    KinesisDestinationArgs: { retentionHours: 24, creationDateTimePrecision: "MILLISECOND" as const },
    TableArgs: {
        globalIndexes: {} as Record<string, GlobalIndexArgs>,
        localIndexes: {} as Record<string, LocalIndexArgs>,
        tableClass: "STANDARD" as const,
        billingMode: "PAY_PER_REQUEST" as const,
        // On unless turned off: a deleted or overwritten item is otherwise gone for good (Security Hub DynamoDB.2).
        pointInTimeRecovery: true,
        encryption: "aws-managed" as TableEncryption,
        protectData: false,
        replicaRegions: [] as string[],
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<TableArgs["transform"]>,
    },
    TableExportArgs: { prefix: "exports", format: "DYNAMODB_JSON" as const },
    TableImportArgs: { compression: "NONE" as const },
    TableImportCsvArgs: { delimiter: "," },
    /**
     * The point-in-time recovery window sent when `pointInTimeRecoveryDays` is not given: DynamoDB's
     * own (and longest) window, written out because the provider keeps whatever window AWS has when
     * none is sent (recovery_period_in_days is Optional + Computed in terraform-provider-aws
     * internal/service/dynamodb/table.go): removing a shorter window would otherwise keep it.
     */
    pointInTimeRecoveryDays: 35,
    /** The view type global table replicas need: replication reads both images. */
    replicaStreamViewType: "NEW_AND_OLD_IMAGES" as StreamViewType,
};

export type ResolvedScaling = Required<CapacityScalingArgs>;

export interface ResolvedAutoScaling {
    read?: ResolvedScaling;
    write?: ResolvedScaling;
}

export interface ResolvedGlobalIndex {
    partitionKey: string;
    sortKey?: string;
    projection: Projection;
    nonKeyAttributes: string[];
    readCapacity?: number;
    writeCapacity?: number;
    autoScaling: ResolvedAutoScaling;
}

export interface ResolvedLocalIndex {
    sortKey: string;
    projection: Projection;
    nonKeyAttributes: string[];
}

export interface ResolvedKinesis {
    streamArn?: pulumi.Input<string>;
    retentionHours: number;
    creationDateTimePrecision: "MILLISECOND" | "MICROSECOND";
}

/** Every field filled: optional only where an absence means "off" (no sort key, no stream, no TTL, …). */
export interface ResolvedTable {
    attributes: Record<string, AttributeType>;
    partitionKey: string;
    sortKey?: string;
    globalIndexes: Record<string, ResolvedGlobalIndex>;
    localIndexes: Record<string, ResolvedLocalIndex>;
    tableClass: "STANDARD" | "STANDARD_INFREQUENT_ACCESS";
    billingMode: "PAY_PER_REQUEST" | "PROVISIONED";
    readCapacity?: number;
    writeCapacity?: number;
    autoScaling: ResolvedAutoScaling;
    streamViewType?: StreamViewType;
    ttlAttribute?: string;
    pointInTimeRecovery: boolean;
    encryption: TableEncryption;
    deletionProtection: boolean;
    protectData: boolean;
    replicaRegions: string[];
    kinesis?: ResolvedKinesis;
    tags: Record<string, string>;
    transform: NonNullable<TableArgs["transform"]>;
    pointInTimeRecoveryDays?: number;
    export?: ResolvedExport;
    importFrom?: ResolvedImport;
}

export interface ResolvedExport {
    bucket?: TableExportBucketArgs;
    prefix: string;
    format: "DYNAMODB_JSON" | "ION";
    schedule?: string;
}

export type ResolvedImport = Omit<TableImportArgs, "compression" | "csv"> & {
    compression: "GZIP" | "ZSTD" | "NONE";
    csv?: { delimiter: string; header?: string[] };
};

function tableExport(args: TableArgs): ResolvedExport | undefined {
    const e = args.export;
    if (e === undefined) return undefined;
    const d = DEFAULTS.TableExportArgs;
    return {
        ...(e.bucket !== undefined ? { bucket: e.bucket } : {}),
        prefix: e.prefix ?? d.prefix,
        format: e.format ?? d.format,
        ...(e.schedule !== undefined ? { schedule: e.schedule } : {}),
    };
}

function tableImport(args: TableArgs): ResolvedImport | undefined {
    const i = args.importFrom;
    if (i === undefined) return undefined;
    const { csv, compression, ...rest } = i;
    const out: ResolvedImport = { ...rest, compression: compression ?? DEFAULTS.TableImportArgs.compression };
    if (csv !== undefined)
        out.csv = { delimiter: csv.delimiter ?? DEFAULTS.TableImportCsvArgs.delimiter, ...(csv.header !== undefined ? { header: csv.header } : {}) };
    return out;
}

function scaling(s: CapacityScalingArgs | undefined): ResolvedScaling | undefined {
    if (s === undefined) return undefined;
    return { ...s, targetUtilizationPercent: s.targetUtilizationPercent ?? DEFAULTS.CapacityScalingArgs.targetUtilizationPercent };
}

function autoScaling(a: AutoScalingArgs | undefined): ResolvedAutoScaling {
    const out: ResolvedAutoScaling = {};
    const read = scaling(a?.read);
    const write = scaling(a?.write);
    if (read) out.read = read;
    if (write) out.write = write;
    return out;
}

function kinesis(k: KinesisDestinationArgs | undefined): ResolvedKinesis | undefined {
    if (k === undefined) return undefined;
    const d = DEFAULTS.KinesisDestinationArgs;
    return {
        ...(k.streamArn !== undefined ? { streamArn: k.streamArn } : {}),
        retentionHours: k.retentionHours ?? d.retentionHours,
        creationDateTimePrecision: k.creationDateTimePrecision ?? d.creationDateTimePrecision,
    };
}

/** Fills every default. Call after the shape check (see `validate`). */
export function normalize(args: TableArgs): ResolvedTable {
    const d = DEFAULTS.TableArgs;
    const tableScaling = autoScaling(args.autoScaling);
    const replicaRegions = args.replicaRegions ?? d.replicaRegions;
    const out: ResolvedTable = {
        attributes: args.attributes,
        partitionKey: args.partitionKey,
        globalIndexes: mapValues(args.globalIndexes ?? d.globalIndexes, (g) => ({
            ...g,
            projection: g.projection ?? DEFAULTS.GlobalIndexArgs.projection,
            nonKeyAttributes: g.nonKeyAttributes ?? DEFAULTS.GlobalIndexArgs.nonKeyAttributes,
            // An index without its own scaling follows the table's: its throughput is separate and
            // throttles writes to the table when it runs out.
            autoScaling: g.autoScaling !== undefined ? autoScaling(g.autoScaling) : tableScaling,
        })),
        localIndexes: mapValues(args.localIndexes ?? d.localIndexes, (l) => ({
            sortKey: l.sortKey,
            projection: l.projection ?? DEFAULTS.LocalIndexArgs.projection,
            nonKeyAttributes: l.nonKeyAttributes ?? DEFAULTS.LocalIndexArgs.nonKeyAttributes,
        })),
        tableClass: args.tableClass ?? d.tableClass,
        billingMode: args.billingMode ?? d.billingMode,
        autoScaling: tableScaling,
        pointInTimeRecovery: args.pointInTimeRecovery ?? d.pointInTimeRecovery,
        encryption: args.encryption ?? d.encryption,
        // Follows protectData: data kept by Pulumi is also kept from a DeleteTable outside it (DynamoDB.6).
        deletionProtection: args.deletionProtection ?? args.protectData ?? d.protectData,
        protectData: args.protectData ?? d.protectData,
        replicaRegions,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
    if (args.sortKey !== undefined) out.sortKey = args.sortKey;
    if (args.readCapacity !== undefined) out.readCapacity = args.readCapacity;
    if (args.writeCapacity !== undefined) out.writeCapacity = args.writeCapacity;
    const view = args.streamViewType ?? (replicaRegions.length > 0 ? DEFAULTS.replicaStreamViewType : undefined);
    if (view !== undefined) out.streamViewType = view;
    if (args.ttlAttribute !== undefined) out.ttlAttribute = args.ttlAttribute;
    const k = kinesis(args.kinesis);
    if (k) out.kinesis = k;
    if (args.pointInTimeRecoveryDays !== undefined) out.pointInTimeRecoveryDays = args.pointInTimeRecoveryDays;
    const e = tableExport(args);
    if (e) out.export = e;
    const i = tableImport(args);
    if (i) out.importFrom = i;
    return out;
}
