import { Issue, Issues } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { checkTags, checkVpcCidr } from "../shared/validators";
import type { NetworkArgs } from "./args";
import { DEFAULTS } from "./defaults";
import { GATEWAY_ENDPOINTS, INTERFACE_ENDPOINTS } from "./endpoints";
import { SMALLEST_AZ_BLOCK, maxAzs, subnetLayout } from "./layout";

/** AZ counts the Network accepts: two for load balancers and EFS, six at most. */
const AZ_RANGE = { min: 2, max: 6 };

/** Plain-value checks of a Network's args, every field reported. Pure: no Pulumi, no resources. */
export function validate(args: NetworkArgs): Issue[] {
    const issues = new Issues();
    const cidrOk = args.cidrBlock === undefined || checkVpcCidr(issues, "cidrBlock", args.cidrBlock);
    const azOk = issues.int("availabilityZones", args.availabilityZones, AZ_RANGE.min, AZ_RANGE.max);
    if (cidrOk && azOk) checkFits(issues, args.cidrBlock ?? DEFAULTS.cidrBlock, args.availabilityZones ?? DEFAULTS.availabilityZones);
    issues.oneOf("natGateways", args.natGateways, ["single", "one-per-az", "none"]);
    if (typeof args.flowLogs === "object" && args.flowLogs !== null) {
        issues.oneOf("flowLogs.retentionInDays", args.flowLogs.retentionInDays, LOG_RETENTION_DAYS);
        issues.oneOf("flowLogs.trafficType", args.flowLogs.trafficType, ["ALL", "ACCEPT", "REJECT"]);
    } else if (args.flowLogs !== undefined && typeof args.flowLogs !== "boolean") {
        issues.add("flowLogs", args.flowLogs, "is not a boolean or an object", "true, false or { retentionInDays, trafficType }");
    }
    checkNames(issues, "gatewayEndpoints", args.gatewayEndpoints, GATEWAY_ENDPOINTS);
    checkNames(issues, "interfaceEndpoints", args.interfaceEndpoints, INTERFACE_ENDPOINTS);
    checkTags(issues, "tags", args.tags);
    return issues.list;
}

/** A list of endpoint service names, each one of `allowed`. */
function checkNames(issues: Issues, path: string, names: unknown, allowed: readonly string[]): void {
    if (names === undefined) return;
    if (!Array.isArray(names)) {
        issues.add(path, names, "is not a list", `a list of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
        return;
    }
    for (const [i, e] of names.entries()) issues.oneOf(`${path}[${i}]`, e, allowed);
}

/** Each AZ needs a block of at least /25 (a /27 public subnet for load balancers, a /26 private one). */
function checkFits(issues: Issues, cidr: string, azs: number): void {
    if (subnetLayout(cidr, azs) !== undefined) return;
    const bits = Number(cidr.split("/")[1]);
    issues.add(
        "cidrBlock",
        cidr,
        `is too small for ${azs} availability zones (each AZ needs a /${SMALLEST_AZ_BLOCK}: a /27 public subnet for load balancers and a /26 private one)`,
        `at most ${maxAzs(bits, AZ_RANGE.max)} AZs in a /${bits}, or a /${SMALLEST_AZ_BLOCK - Math.ceil(Math.log2(azs))} or larger VPC for ${azs}`,
    );
}
