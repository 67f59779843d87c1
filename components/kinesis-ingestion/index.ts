export { KinesisIngestion, KinesisIngestionResources } from "./kinesis-ingestion";
export {
    KinesisIngestionArgs,
    ExistingStreamArgs,
    IngestionBucketArgs,
    S3SinkArgs as IngestionS3SinkArgs,
    DynamoDbSinkArgs as IngestionDynamoDbSinkArgs,
    IngestionSinkArgs,
    IngestFunctionArgs,
} from "./args";
export { DEFAULTS as KINESIS_INGESTION_DEFAULTS } from "./defaults";
export { INGEST_ENVIRONMENT_KEYS, INGEST_LIMITS, INGEST_TABLE_KEYS } from "./validate";
