export { Monitoring, MonitoringResources, RuleResources } from "./monitoring";
export {
    AgentLogFile,
    Ec2AgentArgs,
    EcsServiceAlarm,
    LogGroupKind,
    MonitoredEcsService,
    MonitoredFunction,
    MonitoredHttpApi,
    MonitoredLogGroup,
    MonitoredPipeline,
    MonitoredQueue,
    MonitoredRestApi,
    MonitoredTable,
    MonitoringArgs,
    MonitoringEventsArgs,
    MonitoringThresholds,
    MonitoringTransforms,
} from "./args";
export { DEFAULTS as MONITORING_DEFAULTS } from "./defaults";
