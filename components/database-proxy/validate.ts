import { Issue, Issues, isPlain } from "../shared/errors";
import { array, boolean, checkShape, input, int, object, optional, record, string, transform } from "../shared/shape";
import { checkClientSecurityGroups, checkKmsKeyArn, checkSecurityGroupId, checkSubnetId, checkTags, checkVpcId } from "../shared/validators";
import type { DatabaseProxyArgs, DatabaseProxyOptions, DatabaseProxySecretArgs, DatabaseProxyTransforms, DatabaseProxyVpcArgs } from "./args";
import { ResolvedDatabaseProxy, normalize } from "./defaults";

const inputString = () => input(string());

export const PROXY_OPTION_FIELDS = {
    idleClientTimeoutSeconds: optional(int()),
    maxConnectionsPercent: optional(int()),
    debugLogging: optional(boolean()),
};

export const PROXY_OPTIONS_SHAPE = object<DatabaseProxyOptions>()(PROXY_OPTION_FIELDS);

export const PROXY_VPC_SHAPE = object<DatabaseProxyVpcArgs>()({ vpcId: inputString(), subnetIds: input(array(inputString())) });

/** DatabaseProxy's transforms: its own `transform`, and Database's `transform.proxy`. */
export const PROXY_TRANSFORMS_SHAPE = object<DatabaseProxyTransforms>()({
    proxy: optional(transform()),
    targetGroup: optional(transform()),
    target: optional(transform()),
    role: optional(transform()),
    securityGroup: optional(transform()),
    clientSecurityGroup: optional(transform()),
    rule: optional(transform()),
});

const PROXY_SHAPE = object<DatabaseProxyArgs>()({
    engineFamily: string(),
    target: object<DatabaseProxyArgs["target"]>()({ clusterIdentifier: inputString() }),
    secrets: array(object<DatabaseProxySecretArgs>()({ arn: inputString(), kmsKeyArn: optional(inputString()) })),
    vpc: PROXY_VPC_SHAPE,
    targetSecurityGroupId: inputString(),
    port: int(),
    allowFrom: optional(array(inputString())),
    ...PROXY_OPTION_FIELDS,
    tags: optional(record(string())),
    transform: optional(PROXY_TRANSFORMS_SHAPE),
});

export const ENGINE_FAMILIES = ["POSTGRESQL", "MYSQL"] as const;
/** CreateDBProxy: IdleClientTimeout 1..28800 seconds; MaxConnectionsPercent 1..100 (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ConnectionPoolConfiguration.html). */
export const IDLE_CLIENT_TIMEOUT_SECONDS = { min: 1, max: 28_800 };
/** A proxy takes at most 200 secrets (RDS Proxy quotas: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy.html#rds-proxy.limitations). */
export const MAX_SECRETS = 200;
/** Secrets Manager secret ARNs end in `secret:<name>-<6 random characters>`. */
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@!-]+-[A-Za-z0-9]{6}$/;
/** RDS cluster identifiers: 1-63 lower-case letters, digits and single hyphens, a letter first. */
const CLUSTER_IDENTIFIER = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,62}$/;

/** The options a Database passes on: the same rules there and here. */
export function checkProxyOptions(issues: Issues, prefix: string, o: Required<DatabaseProxyOptions>): void {
    issues.int(`${prefix}idleClientTimeoutSeconds`, o.idleClientTimeoutSeconds, IDLE_CLIENT_TIMEOUT_SECONDS.min, IDLE_CLIENT_TIMEOUT_SECONDS.max, " seconds");
    issues.int(`${prefix}maxConnectionsPercent`, o.maxConnectionsPercent, 1, 100, " percent");
}

/** A Secrets Manager secret ARN; an Output is skipped. */
export function checkSecretArn(issues: Issues, path: string, arn: unknown): boolean {
    if (!isPlain(arn)) return true;
    return issues.match(path, arn, SECRET_ARN, "a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)");
}

/** The VPC a proxy (or a database) runs in: ids well formed, and subnets in two or more zones when they are known. */
export function checkVpc(issues: Issues, prefix: string, vpc: DatabaseProxyVpcArgs): void {
    checkVpcId(issues, `${prefix}vpc.vpcId`, vpc.vpcId);
    if (!isPlain(vpc.subnetIds)) return;
    for (const [i, id] of vpc.subnetIds.entries()) checkSubnetId(issues, `${prefix}vpc.subnetIds[${i}]`, id);
    // RDS Proxy and DB subnet groups need subnets in at least two Availability Zones; two ids are the
    // least that can be (their zones are AWS's to know).
    if (vpc.subnetIds.length < 2)
        issues.add(`${prefix}vpc.subnetIds`, vpc.subnetIds, "has fewer than two subnets", "private subnets in at least two Availability Zones");
    if (new Set(vpc.subnetIds.filter((s) => isPlain(s))).size < vpc.subnetIds.filter((s) => isPlain(s)).length)
        issues.add(`${prefix}vpc.subnetIds`, vpc.subnetIds, "lists a subnet twice", "each subnet once");
}

/** A DatabaseProxy's args: shape, then normalize, then the value rules, every issue at once. Pure. */
export function validate(args: DatabaseProxyArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, PROXY_SHAPE, args)) return issues.list;
    const cfg: ResolvedDatabaseProxy = normalize(args);
    issues.oneOf("engineFamily", cfg.engineFamily, ENGINE_FAMILIES);
    if (isPlain(cfg.target.clusterIdentifier))
        issues.match(
            "target.clusterIdentifier",
            cfg.target.clusterIdentifier,
            CLUSTER_IDENTIFIER,
            "an Aurora cluster identifier (1-63 lower-case letters, digits and '-')",
        );
    if (cfg.secrets.length === 0) issues.add("secrets", [], "is empty", "at least one secret: the proxy logs in to the database only with one");
    if (cfg.secrets.length > MAX_SECRETS) issues.add("secrets", cfg.secrets.length, "has too many secrets", `at most ${MAX_SECRETS}`);
    cfg.secrets.forEach((s, i) => {
        checkSecretArn(issues, `secrets[${i}].arn`, s.arn);
        checkKmsKeyArn(issues, `secrets[${i}].kmsKeyArn`, s.kmsKeyArn);
    });
    checkVpc(issues, "", cfg.vpc);
    checkSecurityGroupId(issues, "targetSecurityGroupId", cfg.targetSecurityGroupId);
    issues.int("port", cfg.port, 1150, 65535);
    checkClientSecurityGroups(issues, "allowFrom", cfg.allowFrom);
    checkProxyOptions(issues, "", cfg);
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
