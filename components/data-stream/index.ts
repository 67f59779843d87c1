export { DataStream, DataStreamResources, KINESIS_AWS_MANAGED_KEY, PRODUCER_ACTIONS } from "./data-stream";
export { DataStreamArgs, DataStreamEncryption, ProvisionedCapacity } from "./args";
export { DEFAULTS as DATA_STREAM_DEFAULTS } from "./defaults";
export { DATA_STREAM_LIMITS, SHARD_LEVEL_METRICS } from "./validate";
