export { AuditTrail, AuditTrailResources } from "./audit-trail";
export { AuditTrailArgs, AuditTrailTransforms, DataEventsArgs, DataEventResources, InsightType } from "./args";
export { DEFAULTS as AUDIT_TRAIL_DEFAULTS } from "./defaults";
