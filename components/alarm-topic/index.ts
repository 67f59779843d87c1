export { AlarmTopic, AlarmTopicResources } from "./alarm-topic";
export { AlarmTopicArgs, AlarmTopicPublisher } from "./args";
export { DEFAULTS as ALARM_TOPIC_DEFAULTS } from "./defaults";
