import { Issue, Issues, isPlain } from "../shared/errors";
import { Shape, array, checkShape, custom, input, int, object, optional, record, string, transform, union } from "../shared/shape";
import { SNS_STANDARD_TOPIC_ARN, checkClientSecurityGroups, checkKmsKeyArn, checkSubnetId, checkTags, checkVpcId } from "../shared/validators";
import type { DaxClusterArgs, DaxTableRef, DaxVpcArgs } from "./args";
import { ResolvedDaxCluster, normalize } from "./defaults";

/**
 * Node types DAX creates today: the `AWS::DAX::Cluster` NodeType values of the current generations
 * (T3 burstable, R4 and R5 memory optimized; https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.Burstable.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.sizing-guide.html). The provider
 * does not check the value: a wrong one fails only at creation, after the role and groups exist.
 */
export const NODE_TYPES = [
    "dax.t3.small",
    "dax.t3.medium",
    "dax.r4.large",
    "dax.r4.xlarge",
    "dax.r4.2xlarge",
    "dax.r4.4xlarge",
    "dax.r4.8xlarge",
    "dax.r4.16xlarge",
    "dax.r5.large",
    "dax.r5.xlarge",
    "dax.r5.2xlarge",
    "dax.r5.4xlarge",
    "dax.r5.8xlarge",
    "dax.r5.12xlarge",
    "dax.r5.16xlarge",
    "dax.r5.24xlarge",
] as const;

/** Earlier generations (CloudFormation still lists them; the DynamoDB pricing page no longer does). */
const PREVIOUS_GENERATION = /^dax\.(r3|t2)\./;

/** A primary and up to 10 read replicas (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.concepts.cluster.html). */
export const MAX_NODES = 11;

/** TTLs are parameter values in milliseconds; bounded so that seconds × 1000 stays an exact integer. */
const MAX_TTL_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

/** `ddd:hh24:mi-ddd:hh24:mi` (terraform-provider-aws verify.ValidOnceAWeekWindowFormat, case-insensitive). */
const WEEKLY_WINDOW = /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)$/i;
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/** DAX maintenance windows are at least 60 minutes (CreateCluster PreferredMaintenanceWindow). */
const MIN_WINDOW_MINUTES = 60;

const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/;

const TABLE_REF_SHAPE = object<DaxTableRef>()({ tableArn: input(string()), kmsKeyArn: optional(input(string())) });

/** A Table (checked by what it can do: this module does not load the Table class) or `{ tableArn, kmsKeyArn? }`. */
const TABLE_SHAPE: Shape = union(
    "a Table or { tableArn, kmsKeyArn? }",
    custom("other", "a Table", (issues, path, value) => {
        if (typeof (value as { grantStatements?: unknown }).grantStatements !== "function") issues.add(path, "(a class instance)", "is not a Table", "a Table");
    }),
    TABLE_REF_SHAPE,
);

export const DAX_VPC_SHAPE = object<DaxVpcArgs>()({ vpcId: input(string()), subnetIds: input(array(input(string()))) });

/** The fields of DaxClusterArgs but `table` (the Table option `dax` reuses them). */
export const DAX_OPTION_FIELDS = {
    vpc: DAX_VPC_SHAPE,
    nodeType: optional(string()),
    nodes: optional(int()),
    recordTtlSeconds: optional(int()),
    queryTtlSeconds: optional(int()),
    allowFrom: optional(array(input(string()))),
    maintenanceWindow: optional(string()),
    notificationTopicArn: optional(input(string())),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<DaxClusterArgs["transform"]>>()({
            cluster: optional(transform()),
            subnetGroup: optional(transform()),
            parameterGroup: optional(transform()),
            securityGroup: optional(transform()),
            ingress: optional(transform()),
            role: optional(transform()),
            rolePolicy: optional(transform()),
        }),
    ),
};

export const DAX_CLUSTER_SHAPE = object<DaxClusterArgs>()({ table: TABLE_SHAPE, ...DAX_OPTION_FIELDS });

/**
 * The Table option `dax` (DaxClusterArgs without `table`). Here, not in components/table, so that the table's shape
 * module loads without the DaxCluster class (which loads the Table class): no import cycle at module load.
 */
export const DAX_OPTION_SHAPE = object<Omit<DaxClusterArgs, "table">>()(DAX_OPTION_FIELDS);

/** A DaxCluster's args: shape first, then `normalize`, then the value rules on the resolved values, every issue at once. */
export function validate(args: DaxClusterArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, DAX_CLUSTER_SHAPE, args)) return issues.list;
    checkResolved(issues, normalize(args));
    return issues.list;
}

/** The value rules, on resolved values (the Table option runs them too). */
export function checkResolved(issues: Issues, cfg: ResolvedDaxCluster): void {
    checkTable(issues, cfg);
    checkVpc(issues, cfg.vpc);
    checkNodeType(issues, cfg.nodeType);
    issues.int("nodes", cfg.nodes, 1, MAX_NODES, " nodes (a primary and up to 10 read replicas)");
    issues.int("recordTtlSeconds", cfg.recordTtlSeconds, 0, MAX_TTL_SECONDS, " seconds");
    issues.int("queryTtlSeconds", cfg.queryTtlSeconds, 0, MAX_TTL_SECONDS, " seconds");
    checkClientSecurityGroups(issues, "allowFrom", cfg.allowFrom);
    if (cfg.maintenanceWindow !== undefined) checkWindow(issues, cfg.maintenanceWindow);
    if (isPlain(cfg.notificationTopicArn))
        issues.match(
            "notificationTopicArn",
            cfg.notificationTopicArn,
            SNS_STANDARD_TOPIC_ARN,
            "an SNS standard topic ARN (arn:aws:sns:<region>:<account>:<name>)",
        );
    checkTags(issues, "tags", cfg.tags);
}

function checkTable(issues: Issues, cfg: ResolvedDaxCluster): void {
    const t = cfg.table;
    if ("grantStatements" in t) return;
    if (isPlain(t.tableArn)) issues.match("table.tableArn", t.tableArn, TABLE_ARN, "a DynamoDB table ARN (arn:aws:dynamodb:<region>:<account>:table/<name>)");
    if (t.kmsKeyArn !== undefined) checkKmsKeyArn(issues, "table.kmsKeyArn", t.kmsKeyArn);
}

function checkVpc(issues: Issues, v: DaxVpcArgs): void {
    checkVpcId(issues, "vpc.vpcId", v.vpcId);
    if (!isPlain(v.subnetIds)) return;
    if (v.subnetIds.length === 0) issues.add("vpc.subnetIds", [], "is empty", "at least one private subnet id (one per Availability Zone the nodes may use)");
    const seen = new Set<unknown>();
    v.subnetIds.forEach((id, i) => {
        checkSubnetId(issues, `vpc.subnetIds[${i}]`, id);
        if (isPlain(id) && seen.has(id)) issues.add(`vpc.subnetIds[${i}]`, id, "is listed twice", "each subnet once");
        seen.add(id);
    });
}

function checkNodeType(issues: Issues, nodeType: string): void {
    if ((NODE_TYPES as readonly string[]).includes(nodeType)) return;
    const why = PREVIOUS_GENERATION.test(nodeType) ? "is a previous generation" : "is not a DAX node type";
    issues.add("nodeType", nodeType, why, NODE_TYPES.join(", "));
}

function checkWindow(issues: Issues, window: string): void {
    const m = WEEKLY_WINDOW.exec(window);
    if (!m) {
        issues.add("maintenanceWindow", window, "is malformed", 'ddd:hh24:mi-ddd:hh24:mi in UTC, e.g. "sun:05:00-sun:06:00"');
        return;
    }
    const minute = (day: string, h: string, mi: string) => DAYS.indexOf(day.toLowerCase()) * 1440 + Number(h) * 60 + Number(mi);
    const start = minute(m[1], m[2], m[3]);
    const end = minute(m[4], m[5], m[6]);
    // A window may wrap from Sunday to Monday.
    const length = (end - start + 7 * 1440) % (7 * 1440);
    if (length < MIN_WINDOW_MINUTES)
        issues.add("maintenanceWindow", window, `is ${length} minutes long`, `at least ${MIN_WINDOW_MINUTES} minutes, e.g. "sun:05:00-sun:06:00"`);
}
