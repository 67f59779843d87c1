export { Table, TableAccess, TableResources } from "./table";
export {
    TableArgs,
    AttributeType,
    AutoScalingArgs,
    CapacityScalingArgs,
    GlobalIndexArgs,
    KinesisDestinationArgs,
    LocalIndexArgs,
    Projection,
    StreamViewType,
    TableEncryption,
} from "./args";
export { ScalingResources } from "./scaling";
export { DEFAULTS as TABLE_DEFAULTS } from "./defaults";
export { TableExportArgs, TableExportBucketArgs, TableImportArgs, TableImportCsvArgs } from "./args";
export { ExportResources } from "./export";
