export { Schedule, ScheduleResources } from "./schedule";
export { ScheduleArgs, ScheduleRetryArgs } from "./args";
export { DEFAULTS as SCHEDULE_DEFAULTS } from "./defaults";
export { SCHEDULE_LIMITS } from "./validate";
