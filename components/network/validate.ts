import { Issue, Issues } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { checkTags, checkVpcCidr } from "../shared/validators";
import type { NetworkArgs } from "./args";

export function validate(args: NetworkArgs): Issue[] {
    const issues = new Issues();
    if (args.cidrBlock !== undefined) checkVpcCidr(issues, "cidrBlock", args.cidrBlock);
    issues.int("availabilityZones", args.availabilityZones, 2, 6);
    issues.oneOf("natGateways", args.natGateways, ["single", "one-per-az", "none"]);
    if (typeof args.flowLogs === "object") {
        issues.oneOf("flowLogs.retentionInDays", args.flowLogs.retentionInDays, LOG_RETENTION_DAYS);
        issues.oneOf("flowLogs.trafficType", args.flowLogs.trafficType, ["ALL", "ACCEPT", "REJECT"]);
    }
    for (const [i, e] of (args.gatewayEndpoints ?? []).entries()) issues.oneOf(`gatewayEndpoints[${i}]`, e, ["s3", "dynamodb"]);
    checkTags(issues, "tags", args.tags);
    return issues.list;
}
