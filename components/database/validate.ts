import { PROXY_OPTIONS_SHAPE, PROXY_TRANSFORMS_SHAPE, PROXY_VPC_SHAPE, checkProxyOptions, checkVpc } from "../database-proxy/validate";
import { Issue, Issues } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../shared/limits/logs";
import { array, boolean, checkShape, input, int, number, object, oneOf, optional, record, string, transform, union } from "../shared/shape";
import { checkClientSecurityGroups, checkKmsKeyArn, checkTags } from "../shared/validators";
import type { DatabaseArgs, DatabaseCapacityArgs, DatabaseTransforms } from "./args";
import { ResolvedDatabase, normalize } from "./defaults";

const DATABASE_SHAPE = object<DatabaseArgs>()({
    vpc: PROXY_VPC_SHAPE,
    engineVersion: optional(string()),
    databaseName: optional(string()),
    masterUsername: optional(string()),
    capacity: optional(object<DatabaseCapacityArgs>()({ minAcu: optional(number()), maxAcu: optional(number()), autoPauseSeconds: optional(int()) })),
    readers: optional(int()),
    backupRetentionDays: optional(int()),
    deletionProtection: optional(boolean()),
    protectData: optional(boolean()),
    kmsKeyArn: optional(input(string())),
    logRetentionDays: optional(int()),
    proxy: optional(
        union("false, or the proxy's options { idleClientTimeoutSeconds?, maxConnectionsPercent?, debugLogging? }", oneOf([false]), PROXY_OPTIONS_SHAPE),
    ),
    allowFrom: optional(array(input(string()))),
    tags: optional(record(string())),
    transform: optional(
        object<DatabaseTransforms>()({
            key: optional(transform()),
            subnetGroup: optional(transform()),
            securityGroup: optional(transform()),
            logGroup: optional(transform()),
            cluster: optional(transform()),
            instance: optional(transform()),
            clientSecurityGroup: optional(transform()),
            rule: optional(transform()),
            proxy: optional(PROXY_TRANSFORMS_SHAPE),
        }),
    ),
});

/**
 * Aurora Serverless v2 capacity (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ServerlessV2ScalingConfiguration.html):
 * 0 to 256 ACUs in steps of 0.5 (256 on recent versions), max at least 1; SecondsUntilAutoPause 300..86400.
 */
export const ACU = { min: 0, max: 256, step: 0.5, minOfMax: 1 };
export const AUTO_PAUSE_SECONDS = { min: 300, max: 86_400 };
/** Aurora PostgreSQL versions that run Serverless v2 (aurora-serverless-v2.requirements.html), by major version: the first minor. */
export const SERVERLESS_V2_FLOOR: Record<number, number> = { 13: 6, 14: 3, 15: 2, 16: 1, 17: 4 };
/**
 * The first minor version of each major that scales to 0 ACUs (auto-pause): 16.3, 15.7, 14.12, 13.15
 * (aws/agent-toolkit-for-aws amazon-aurora-postgresql references/serverless-advisory-concepts.md; the AWS page
 * aurora-serverless-v2-auto-pause.html defers to "Aurora Serverless v2 capacity"). Every 17.x does.
 */
export const AUTO_PAUSE_FLOOR: Record<number, number> = { 13: 15, 14: 12, 15: 7, 16: 3, 17: 4 };
export const MAX_READERS = 15;
export const BACKUP_RETENTION_DAYS = { min: 1, max: 35 };

/**
 * PostgreSQL's reserved key words (https://www.postgresql.org/docs/current/sql-keywords-appendix.html, "reserved"),
 * which RDS refuses as master user or database names ("can't be a reserved word for the chosen database engine").
 */
export const POSTGRES_RESERVED = new Set(
    (
        "all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog " +
        "current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except " +
        "false fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp " +
        "not null offset on only or order placing primary references returning select session_user some symmetric system_user table " +
        "then to trailing true union unique user using variadic when where window with"
    ).split(" "),
);
/**
 * Role names PostgreSQL or RDS keep for themselves: `public`/`none` are not roles, `pg_` is PostgreSQL's prefix, RDS's
 * roles start with `rds` (`rdsadmin` is refused on every engine), and aurora-postgresql refuses `admin` ("MasterUsername
 * admin cannot be used as it is a reserved word used by the engine"; `postgres` is accepted): both verified against
 * CloudFormation deployments in aws-cloudformation/cfn-lint#4425.
 */
const RESERVED_USER = /^(public|none|admin|pg_.*|rds.*)$/i;
/** Databases every cluster has already, or RDS keeps. */
const RESERVED_DATABASE = /^(postgres|template0|template1|rdsadmin)$/i;
/** RDS master user names: `^[a-zA-Z][a-zA-Z0-9_]*$`, 63 characters for PostgreSQL (checked against a live account in floci-io/floci#3730); database names alike. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** `{ major, minor }` of an engine version such as "16.6"; undefined when malformed. */
export function parseVersion(v: string): { major: number; minor: number } | undefined {
    const m = /^(\d+)\.(\d+)$/.exec(v);
    return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** A Database's args: shape, then normalize, then the value rules on the resolved values, every issue at once. Pure. */
export function validate(args: DatabaseArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, DATABASE_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    checkVpc(issues, "", cfg.vpc);
    const version = checkEngineVersion(issues, cfg);
    checkName(issues, "databaseName", cfg.databaseName, RESERVED_DATABASE);
    checkName(issues, "masterUsername", cfg.masterUsername, RESERVED_USER);
    checkCapacity(issues, cfg, version);
    issues.int("readers", cfg.readers, 0, MAX_READERS);
    issues.int("backupRetentionDays", cfg.backupRetentionDays, BACKUP_RETENTION_DAYS.min, BACKUP_RETENTION_DAYS.max, " days");
    checkKmsKeyArn(issues, "kmsKeyArn", cfg.kmsKeyArn);
    issues.oneOf("logRetentionDays", cfg.logRetentionDays, LOG_RETENTION_DAYS);
    if (cfg.proxy !== false) checkProxyOptions(issues, "proxy.", cfg.proxy);
    checkClientSecurityGroups(issues, "allowFrom", cfg.allowFrom);
    checkTransforms(issues, cfg);
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}

/** A transform of a child that this configuration does not create would do nothing: refused, not ignored. */
function checkTransforms(issues: Issues, cfg: ResolvedDatabase): void {
    const t = cfg.transform;
    if (cfg.proxy === false && t.proxy !== undefined)
        issues.add("transform.proxy", "(transforms)", "has no proxy to change (proxy is false)", "remove it, or leave proxy on");
    if (cfg.proxy !== false) {
        for (const key of ["clientSecurityGroup", "rule"] as const) {
            if (t[key] !== undefined)
                issues.add(`transform.${key}`, "(transform)", "applies only with proxy: false (the proxy creates these)", `transform.proxy.${key}`);
        }
    }
}

function checkEngineVersion(issues: Issues, cfg: ResolvedDatabase): { major: number; minor: number } | undefined {
    const v = parseVersion(cfg.engineVersion);
    const floors = Object.entries(SERVERLESS_V2_FLOOR)
        .map(([major, minor]) => `${major}.${minor}`)
        .join(", ");
    if (v === undefined || SERVERLESS_V2_FLOOR[v.major] === undefined || v.minor < SERVERLESS_V2_FLOOR[v.major]) {
        issues.add(
            "engineVersion",
            cfg.engineVersion,
            "is not an aurora-postgresql version that runs Serverless v2",
            `major.minor from ${floors} on, e.g. "16.10"`,
        );
        return undefined;
    }
    return v;
}

function checkName(issues: Issues, path: string, value: string, reserved: RegExp): void {
    if (!issues.match(path, value, IDENTIFIER, "1 to 63 letters, digits and '_', a letter first")) return;
    if (POSTGRES_RESERVED.has(value.toLowerCase()) || reserved.test(value))
        issues.add(path, value, "is a name PostgreSQL or RDS reserves (RDS refuses it)", 'another name, e.g. "app"');
}

function checkCapacity(issues: Issues, cfg: ResolvedDatabase, version: { major: number; minor: number } | undefined): void {
    const { minAcu, maxAcu, autoPauseSeconds } = cfg.capacity;
    const steps = (path: string, value: number, low: number) => {
        if (value < low || value > ACU.max || !Number.isInteger(value / ACU.step))
            return issues.add(path, value, "is out of range", `${low} to ${ACU.max} ACUs in steps of ${ACU.step}`);
        return true;
    };
    const minOk = steps("capacity.minAcu", minAcu, ACU.min);
    const maxOk = steps("capacity.maxAcu", maxAcu, ACU.minOfMax);
    if (minOk && maxOk && minAcu > maxAcu) issues.add("capacity.minAcu", minAcu, `is above maxAcu (${maxAcu})`, `at most ${maxAcu}`);
    if (minOk && minAcu === 0) {
        if (version !== undefined && version.minor < AUTO_PAUSE_FLOOR[version.major])
            issues.add(
                "capacity.minAcu",
                0,
                `needs an engine version that scales to 0 ACUs (${cfg.engineVersion} does not)`,
                `0.5 or more, or engineVersion ${version.major}.${AUTO_PAUSE_FLOOR[version.major]} or later`,
            );
        // RDS Proxy holds connections to the database open, and auto-pause is not available with it
        // (aws/agent-toolkit-for-aws serverless-advisory-concepts.md: "Incompatible with: RDS Proxy").
        if (cfg.proxy !== false)
            issues.add("capacity.minAcu", 0, "cannot pause a cluster behind RDS Proxy (the proxy keeps connections open)", "0.5 or more, or proxy: false");
    }
    if (autoPauseSeconds !== undefined) {
        if (minAcu !== 0)
            issues.add(
                "capacity.autoPauseSeconds",
                autoPauseSeconds,
                "only applies when minAcu is 0 (an instance pauses only at 0 ACUs)",
                "leave it unset, or minAcu: 0",
            );
        else issues.int("capacity.autoPauseSeconds", autoPauseSeconds, AUTO_PAUSE_SECONDS.min, AUTO_PAUSE_SECONDS.max, " seconds");
    }
}
