export { StreamConsumer, StreamConsumerResources, DYNAMODB_STREAM_ACTIONS, KINESIS_STREAM_ACTIONS, KINESIS_CONSUMER_ACTIONS } from "./stream-consumer";
export { StreamConsumerArgs, StreamSource, DynamoDbStreamSource, KinesisStreamSource, StreamOnFailureArgs, FilterPattern } from "./args";
export { DEFAULTS as STREAM_CONSUMER_DEFAULTS } from "./defaults";
export { STREAM_LIMITS } from "./validate";
