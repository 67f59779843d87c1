import * as pulumi from "@pulumi/pulumi";
import * as backup from "@pulumi/aws/backup";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as kms from "@pulumi/aws/kms";
import { ArgsError } from "../shared/errors";
import { RoleResources, Statement, assumeRolePolicy, awsManagedPolicyArn, createRole, policyJson } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import type { TableBackupsArgs } from "./args";
import { ResolvedBackups, normalize } from "./defaults";
import { validate } from "./validate";

export interface TableBackupsResources {
    /** The vault's key (absent with `vault.kmsKeyArn`). */
    key?: kms.Key;
    vault: backup.Vault;
    /** Vaults the rules copy to, by Region (`copies[].region`), each with its own key in `copyKeys`. */
    copyVaults: Record<string, backup.Vault>;
    copyKeys: Record<string, kms.Key>;
    plan: backup.Plan;
    selection: backup.Selection;
    /** The role AWS Backup assumes to back up, restore and expire recovery points. */
    role: RoleResources;
}

/** The managed policies AWS Backup's own default role carries (https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html). */
export const BACKUP_MANAGED_POLICIES = {
    backup: "service-role/AWSBackupServiceRolePolicyForBackup",
    restores: "service-role/AWSBackupServiceRolePolicyForRestores",
} as const;

/** Days KMS waits before deleting a scheduled key: the most it allows, since a lost key loses every backup it encrypts. */
export const KEY_DELETION_WINDOW_DAYS = 30;

/**
 * DynamoDB tables backed up by AWS Backup: a vault encrypted with a customer managed key (rotation on),
 * a plan of scheduled rules (a daily and a monthly one by default) with retention, optional cold
 * storage and copies to vaults in other Regions (created here, each with a key of its Region) or
 * to existing vaults, a selection of the tables, and the role AWS Backup assumes (AWS's two managed
 * policies for backups and restores).
 *
 * AWS Backup's account-wide settings are not managed here (a stack owning them would fight every
 * other owner): the Region's service opt-in does not matter, since the selection names each table by
 * ARN ("If a resource type is explicitly assigned to a backup plan ... it will be included in the
 * backup even if the opt-in is not enabled", API_UpdateRegionSettings.html), and the advanced features
 * that cold storage and cross-Region copies need are on by default for accounts without a vault
 * before 21 November 2021; older accounts turn them on once with `aws backup update-region-settings
 * --resource-type-management-preference DynamoDB=true` in each Region
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/advanced-ddb-backup.html).
 *
 * This complements a table's point-in-time recovery (`pointInTimeRecovery`, up to 35 days back to
 * the second): the plan keeps month-end copies for a year and outside the Region.
 *
 * @example
 * const orders = new Table("orders", { attributes: { pk: "S" }, partitionKey: "pk", pointInTimeRecovery: true });
 * new TableBackups("orders-backups", {
 *     tables: [orders],
 *     rules: { daily: { schedule: "cron(0 5 ? * * *)", deleteAfterDays: 35, copies: [{ region: "eu-west-1" }] } },
 *     protectData: true,
 * });
 *
 * **Cost** (us-east-1): each KMS key $1 a month (one per vault); DynamoDB backups $0.10 per GB-month
 * warm, $0.03 cold; a restore $0.15 per GB; a cross-Region copy $0.02 per GB transferred plus the
 * storage in the other Region. A 10 GB table with the default rules keeps about 35 daily + 1 warm
 * monthly recovery points (36 × 10 GB × $0.10 = $36) and 11 cold monthly ones (110 GB × $0.03 = $3.30):
 * about $40 a month. DynamoDB backups are full copies, not incremental.
 */
export class TableBackups extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "TableBackups");

    readonly vaultName: pulumi.Output<string>;
    readonly vaultArn: pulumi.Output<string>;
    readonly planId: pulumi.Output<string>;
    readonly planArn: pulumi.Output<string>;
    /** The role AWS Backup assumes; resolved once its policies are attached. */
    readonly roleArn: pulumi.Output<string>;
    readonly resources: TableBackupsResources;

    constructor(name: string, args: TableBackupsArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("TableBackups", name, issues);
        super(TableBackups.type, name, args, opts);

        const cfg = normalize(args);
        const child: pulumi.CustomResourceOptions = { parent: this };
        // What must outlive the stack for the recovery points to stay usable and expire on time.
        const kept: pulumi.CustomResourceOptions = cfg.protectData ? { ...child, protect: true, retainOnDelete: true } : child;
        const tags = componentTags(TableBackups.type, name, cfg.tags);
        const partition = getPartitionOutput({}, child).partition;
        const accountId = getCallerIdentityOutput({}, child).accountId;

        const role = createBackupRole(name, cfg, partition, tags, kept);
        const keyFor = (suffix: string[], region?: string) =>
            createVaultKey(childName(name, ...suffix), region, partition, accountId, role.role.arn, tags, kept, cfg);

        const key = cfg.vault.kmsKeyArn === undefined ? keyFor(["key"]) : undefined;
        const vault = create(
            backup.Vault,
            fitName(childName(name, "vault"), backup.Vault),
            { kmsKeyArn: cfg.vault.kmsKeyArn ?? key!.arn, tags },
            kept,
            cfg.transform.vault,
        );

        const copyVaults: Record<string, backup.Vault> = {};
        const copyKeys: Record<string, kms.Key> = {};
        for (const region of copyRegions(cfg)) {
            copyKeys[region] = keyFor(["key", region], region);
            copyVaults[region] = create(
                backup.Vault,
                fitName(childName(name, "vault", region), backup.Vault),
                { region, kmsKeyArn: copyKeys[region].arn, tags },
                kept,
                cfg.transform.vault,
            );
        }

        const plan = create(
            backup.Plan,
            fitName(childName(name, "plan"), backup.Plan),
            {
                rules: Object.entries(cfg.rules).map(([ruleName, r]) => ({
                    ruleName,
                    targetVaultName: vault.name,
                    schedule: r.schedule,
                    scheduleExpressionTimezone: r.timezone,
                    startWindow: r.startWindowMinutes,
                    completionWindow: r.completionWindowMinutes,
                    lifecycle: { deleteAfter: r.deleteAfterDays, coldStorageAfter: r.coldStorageAfterDays },
                    copyActions: r.copies.map((c) => ({
                        destinationVaultArn: c.region !== undefined ? copyVaults[c.region].arn : c.vaultArn!,
                        lifecycle: { deleteAfter: c.deleteAfterDays, coldStorageAfter: c.coldStorageAfterDays },
                    })),
                    recoveryPointTags: tags,
                })),
                tags,
            },
            kept,
            cfg.transform.plan,
        );

        const selection = create(
            backup.Selection,
            fitName(childName(name, "selection"), backup.Selection),
            {
                planId: plan.id,
                // Resolved once the managed policies are attached: AWS Backup checks at creation that it can assume the role.
                iamRoleArn: role.arn,
                resources: [...cfg.tables.map((t) => t.tableArn), ...sameRegion(name, cfg, getRegionOutput({}, child).region, accountId)],
            },
            child,
            cfg.transform.selection,
        );

        this.vaultName = vault.name;
        this.vaultArn = vault.arn;
        this.planId = plan.id;
        this.planArn = plan.arn;
        this.roleArn = role.arn;
        this.resources = { key, vault, copyVaults, copyKeys, plan, selection, role };
        this.registerOutputs({ vaultName: this.vaultName, vaultArn: this.vaultArn, planId: this.planId, planArn: this.planArn, roleArn: this.roleArn });
    }
}

/**
 * The given table ARNs, once checked against the stack's Region and account (known only from the
 * provider): "An AWS Backup plan applies to a single AWS account and AWS Region"
 * (https://repost.aws/knowledge-center/backup-aws-resources; another account's tables are backed up by
 * a plan there, or by an AWS Organizations backup policy), and a selection naming another's table is
 * accepted but never backed up. Same error as `validate`.
 */
function sameRegion(name: string, cfg: ResolvedBackups, region: pulumi.Output<string>, account: pulumi.Output<string>): pulumi.Input<string>[] {
    return cfg.tableArns.map((arn, i) =>
        pulumi.all([arn, region, account]).apply(([value, own, ownAccount]) => {
            const [, , , tableRegion, tableAccount] = value.split(":");
            const fail = (message: string, allowed: string) => {
                throw new ArgsError("TableBackups", name, [{ path: `tableArns[${i}]`, value, message, allowed }]);
            };
            if (tableRegion !== undefined && tableRegion !== own)
                fail(
                    `is a table in ${tableRegion}, not in the stack's region ${own}`,
                    `a table in ${own} (back up other regions with a TableBackups there, or copy with copies)`,
                );
            if (tableAccount !== undefined && tableAccount !== ownAccount)
                fail(
                    `is a table of account ${tableAccount}, not of the stack's account ${ownAccount}`,
                    `a table of ${ownAccount} (back up another account's tables with a TableBackups deployed there)`,
                );
            return value;
        }),
    );
}

/** The Regions the rules copy to (`copies[].region`), each once, in the order first named. */
function copyRegions(cfg: ResolvedBackups): string[] {
    return [...new Set(Object.values(cfg.rules).flatMap((r) => r.copies.flatMap((c) => (c.region === undefined ? [] : [c.region]))))];
}

function createBackupRole(
    name: string,
    cfg: ResolvedBackups,
    partition: pulumi.Input<string>,
    tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions,
): RoleResources {
    return createRole(
        childName(name, "role"),
        {
            description: `Role AWS Backup assumes to back up, restore and expire the recovery points of ${name}`,
            // No confused-deputy condition: AWS Backup's own default role trusts the service alone, and
            // AWS documents no aws:SourceArn that Backup presents for a selection.
            assumeRolePolicy: assumeRolePolicy("backup.amazonaws.com"),
            managedPolicies: {
                backup: awsManagedPolicyArn(partition, BACKUP_MANAGED_POLICIES.backup),
                restores: awsManagedPolicyArn(partition, BACKUP_MANAGED_POLICIES.restores),
            },
            tags,
        },
        opts,
        cfg.transform.role,
    );
}

/**
 * A vault's key, in `region` (the stack's when undefined). The account administers it through IAM
 * (KMS's default key policy); the backup role may create grants on it for AWS resources, through
 * which AWS Backup encrypts and decrypts the vault's recovery points
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html).
 */
function createVaultKey(
    keyName: string,
    region: string | undefined,
    partition: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    roleArn: pulumi.Input<string>,
    tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions,
    cfg: ResolvedBackups,
): kms.Key {
    const policy: Statement[] = [
        {
            // "*" in a key policy means this key.
            Sid: "EnableAccountAdministration",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${accountId}:root` },
            Action: "kms:*",
            Resource: "*",
        },
        {
            // AWS Backup works with the vault key through grants it creates as the role, for AWS
            // resources only (the mechanism AWSBackupServiceRolePolicyForBackup's KMS statements allow).
            Sid: "AllowBackupRoleGrants",
            Effect: "Allow",
            Principal: { AWS: roleArn },
            Action: ["kms:CreateGrant", "kms:DescribeKey"],
            Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
    ];
    return create(
        kms.Key,
        keyName,
        {
            ...(region !== undefined ? { region } : {}),
            description: `Encrypts the AWS Backup vault ${keyName.replace(/-key(-|$)/, "-vault$1")}`,
            enableKeyRotation: true,
            deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
            policy: policyJson(policy),
            tags,
        },
        opts,
        cfg.transform.key,
    );
}
