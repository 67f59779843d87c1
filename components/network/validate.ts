import { Issue, Issues } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { boolean, checkShape, int, object, optional, record, string, transform, union, array } from "../shared/shape";
import { checkTags, checkVpcCidr } from "../shared/validators";
import type { FlowLogArgs, NetworkArgs } from "./args";
import { ResolvedNetwork, normalize } from "./defaults";

// ---- Shapes: JS types and structure only; enums, ranges and patterns are value rules below. ----

export const FLOW_LOG_SHAPE = object<FlowLogArgs>()({
    retentionInDays: optional(int()),
    trafficType: optional(string()),
});

export const NETWORK_TRANSFORM_SHAPE = object<NonNullable<NetworkArgs["transform"]>>()({
    vpc: optional(transform()),
    flowLogGroup: optional(transform()),
    flowLogRole: optional(transform()),
    flowLog: optional(transform()),
    endpoint: optional(transform()),
});

/**
 * Every NetworkArgs key, once (a key added to NetworkArgs without a shape here fails `tsc`): a new
 * arg such as `interfaceEndpoints` gets its line here, e.g. `interfaceEndpoints: optional(array(string()))`,
 * and its enum/range rules in `validateResolved`.
 */
export const NETWORK_SHAPE = object<NetworkArgs>()({
    cidrBlock: optional(string()),
    availabilityZones: optional(int()),
    natGateways: optional(string()),
    flowLogs: optional(union("true, false or { retentionInDays?, trafficType? }", boolean(), FLOW_LOG_SHAPE)),
    gatewayEndpoints: optional(array(string())),
    tags: optional(record(string())),
    transform: optional(NETWORK_TRANSFORM_SHAPE),
});

/**
 * A Network's args: shape first (types, unknown keys, cycles), then `normalize`, then the value rules
 * on the resolved values, so a default is never restated here. Value rules need a sound shape to read,
 * so they run only when the shape is sound; within each stage every issue is reported.
 */
export function validate(args: NetworkArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, NETWORK_SHAPE, args)) return issues.list;
    validateResolved(issues, normalize(args), args);
    return issues.list;
}

function validateResolved(issues: Issues, cfg: ResolvedNetwork, args: NetworkArgs): void {
    checkVpcCidr(issues, "cidrBlock", cfg.cidrBlock);
    issues.int("availabilityZones", cfg.availabilityZones, 2, 6);
    issues.oneOf("natGateways", cfg.natGateways, ["single", "one-per-az", "none"]);
    if (cfg.flowLogs) {
        issues.oneOf("flowLogs.retentionInDays", cfg.flowLogs.retentionInDays, LOG_RETENTION_DAYS);
        issues.oneOf("flowLogs.trafficType", cfg.flowLogs.trafficType, ["ALL", "ACCEPT", "REJECT"]);
    }
    // The given list (normalize removes duplicates), so the index in the path is the user's.
    for (const [i, e] of (args.gatewayEndpoints ?? cfg.gatewayEndpoints).entries()) issues.oneOf(`gatewayEndpoints[${i}]`, e, ["s3", "dynamodb"]);
    checkTags(issues, "tags", cfg.tags);
}
