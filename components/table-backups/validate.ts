import { Issue, Issues, isPlain } from "../shared/errors";
import { array, boolean, checkShape, custom, input, int, object, optional, record, string, transform } from "../shared/shape";
import { AWS_REGION_NAME, checkKmsKeyArn, checkScheduleExpression, checkTags, checkTimeZone } from "../shared/validators";
import { Table } from "../table/table";
import type { BackupCopyArgs, BackupRuleArgs, BackupVaultArgs, TableBackupsArgs } from "./args";
import { ResolvedRule, normalize } from "./defaults";

/**
 * AWS Backup's limits (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html,
 * API_Lifecycle.html): a start window of at least 60 minutes (at most 100 years), retention up to 100
 * years, 90 days at least in cold storage; rule names 1–50 of letters, digits and '-_.'.
 */
export const BACKUP_LIMITS = {
    startWindowMinutes: [60, 52_560_000],
    /**
     * The completion window must exceed the start window by at least this many minutes: AWS Backup refuses
     * a rule otherwise (cloudposse/terraform-aws-backup documents "Must be at least 60 minutes greater than
     * start_window"; the AWS Solutions Constructs backup construct checks the same).
     */
    completionOverStartMinutes: 60,
    maxDays: 36_500,
    coldStorageMinimumDays: 90,
    ruleNameChars: 50,
} as const;

/** A DynamoDB table ARN: names 3–255 of [a-zA-Z0-9_.-]. */
export const DYNAMODB_TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[a-zA-Z0-9_.-]{3,255}$/;
/** A backup vault ARN (`arn:aws:backup:<region>:<account>:backup-vault:<name>`). */
export const BACKUP_VAULT_ARN = /^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[a-zA-Z0-9_-]{2,50}$/;

const TABLE_SHAPE = custom("other", "a Table", (issues, path, value) => {
    if (!(value instanceof Table)) issues.add(path, "(not a Table)", "is not a Table of this library", "a Table, or its ARN in tableArns");
});

const COPY_SHAPE = object<BackupCopyArgs>()({
    region: optional(string()),
    vaultArn: optional(input(string())),
    deleteAfterDays: optional(int()),
    coldStorageAfterDays: optional(int()),
});

const RULE_SHAPE = object<BackupRuleArgs>({ noun: "rule field" })({
    schedule: string(),
    timezone: optional(string()),
    startWindowMinutes: optional(int()),
    completionWindowMinutes: optional(int()),
    deleteAfterDays: int(),
    coldStorageAfterDays: optional(int()),
    copies: optional(array(COPY_SHAPE)),
});

export const TABLE_BACKUPS_SHAPE = object<TableBackupsArgs>()({
    tables: optional(array(TABLE_SHAPE)),
    tableArns: optional(array(input(string()))),
    rules: optional(record(RULE_SHAPE)),
    vault: optional(object<BackupVaultArgs>()({ kmsKeyArn: optional(input(string())) })),
    protectData: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<TableBackupsArgs["transform"]>>()({
            key: optional(transform()),
            vault: optional(transform()),
            plan: optional(transform()),
            selection: optional(transform()),
            role: optional(transform()),
        }),
    ),
});

/** A TableBackups' args: shape first, then `normalize`, then the value rules on the resolved values. */
export function validate(args: TableBackupsArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, TABLE_BACKUPS_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    if (cfg.tables.length + cfg.tableArns.length === 0) issues.missing("tables", "at least one Table (tables) or table ARN (tableArns)");
    cfg.tableArns.forEach((arn, i) => {
        if (isPlain(arn)) issues.match(`tableArns[${i}]`, arn, DYNAMODB_TABLE_ARN, "a DynamoDB table ARN (arn:aws:dynamodb:<region>:<account>:table/<name>)");
    });
    if (Object.keys(cfg.rules).length === 0) issues.missing("rules", "at least one backup rule");
    for (const [key, r] of Object.entries(cfg.rules)) checkRule(issues, `rules.${key}`, key, r);
    if (cfg.vault.kmsKeyArn !== undefined) checkKmsKeyArn(issues, "vault.kmsKeyArn", cfg.vault.kmsKeyArn);
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}

function checkRule(issues: Issues, path: string, key: string, r: ResolvedRule): void {
    // The key is the rule's name: AWS allows 1–50 of letters, digits and '-_.'.
    if (issues.key(path, key) && key.length > BACKUP_LIMITS.ruleNameChars)
        issues.add(path, key, "is too long for a rule name", `at most ${BACKUP_LIMITS.ruleNameChars} characters`);
    checkSchedule(issues, `${path}.schedule`, r.schedule);
    // Scheduler's list of zones, plus the provider's default "Etc/UTC", which Node's list spells "UTC".
    if (r.timezone !== "Etc/UTC") checkTimeZone(issues, `${path}.timezone`, r.timezone);
    const startOk = issues.int(`${path}.startWindowMinutes`, r.startWindowMinutes, ...BACKUP_LIMITS.startWindowMinutes, " minutes");
    const least = r.startWindowMinutes + BACKUP_LIMITS.completionOverStartMinutes;
    if (startOk)
        issues.int(
            `${path}.completionWindowMinutes`,
            r.completionWindowMinutes,
            least,
            BACKUP_LIMITS.startWindowMinutes[1],
            " minutes (60 more than startWindowMinutes)",
        );
    checkLifecycle(issues, path, r.deleteAfterDays, r.coldStorageAfterDays);
    const seen = new Set<string>();
    r.copies.forEach((c, i) => {
        const p = `${path}.copies[${i}]`;
        if ((c.region === undefined) === (c.vaultArn === undefined))
            issues.add(
                p,
                c.region ?? c.vaultArn ?? {},
                "needs exactly one destination",
                "{ region } (a vault the component creates there) or { vaultArn } (an existing vault)",
            );
        if (c.region !== undefined) {
            issues.match(`${p}.region`, c.region, AWS_REGION_NAME, 'an AWS region name, e.g. "eu-west-1"');
            if (seen.has(c.region)) issues.add(`${p}.region`, c.region, "is copied to twice by this rule", "each region once per rule");
            seen.add(c.region);
        }
        if (c.vaultArn !== undefined && isPlain(c.vaultArn))
            issues.match(`${p}.vaultArn`, c.vaultArn, BACKUP_VAULT_ARN, "a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>)");
        checkLifecycle(issues, p, c.deleteAfterDays, c.coldStorageAfterDays);
    });
}

/**
 * AWS Backup schedules: cron only ("A CRON expression", API_BackupRuleInput), "as frequently as hourly"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html): the
 * minutes field is one value.
 */
function checkSchedule(issues: Issues, path: string, schedule: string): void {
    const allowed = 'an AWS cron expression, e.g. "cron(0 5 ? * * *)"';
    if (!schedule.startsWith("cron(")) {
        issues.add(path, schedule, "is not a cron expression (AWS Backup takes no rate() or at())", allowed);
        return;
    }
    if (!checkScheduleExpression(issues, path, schedule)) return;
    const minutes = schedule.slice("cron(".length).trim().split(/\s+/)[0];
    if (!/^\d{1,2}$/.test(minutes))
        issues.add(path, schedule, `runs more than once an hour (minutes "${minutes}")`, 'one minute value, e.g. "cron(0 * ? * * *)" for hourly');
}

function checkLifecycle(issues: Issues, path: string, deleteAfter: number, coldAfter: number | undefined): void {
    const deleteOk = issues.int(`${path}.deleteAfterDays`, deleteAfter, 1, BACKUP_LIMITS.maxDays, " days");
    if (coldAfter === undefined) return;
    const coldOk = issues.int(`${path}.coldStorageAfterDays`, coldAfter, 1, BACKUP_LIMITS.maxDays, " days");
    // "Backups transitioned to cold storage must be stored in cold storage for a minimum of 90 days"
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html).
    if (deleteOk && coldOk && deleteAfter < coldAfter + BACKUP_LIMITS.coldStorageMinimumDays)
        issues.add(
            `${path}.deleteAfterDays`,
            deleteAfter,
            `is less than 90 days after coldStorageAfterDays (${coldAfter})`,
            `at least ${coldAfter + BACKUP_LIMITS.coldStorageMinimumDays} days, or no cold storage`,
        );
}
