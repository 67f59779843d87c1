export { AuditTrail, AuditTrailResources } from "./audit-trail";
export { AuditTrailArgs, AuditTrailTransforms, AlertsArgs, DataEventsArgs, DataEventResources, InsightType } from "./args";
export { ALERT_RULES, AlertRule, AlertRuleSpec, EventPattern, matchesPattern } from "./alert-rules";
export { AlertResources, AlertRuleResources, ALERT_FUNCTION_ENTRY } from "./alerts";
export { DEFAULTS as AUDIT_TRAIL_DEFAULTS } from "./defaults";
