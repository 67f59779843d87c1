import type * as backup from "@pulumi/aws/backup";
import type * as iam from "@pulumi/aws/iam";
import type * as kms from "@pulumi/aws/kms";
import type * as pulumi from "@pulumi/pulumi";
import type { Transform } from "../shared/transform";
import type { Table } from "../table/table";

/** A copy of each recovery point of a rule into another vault (another Region, or another account). */
export interface BackupCopyArgs {
    /**
     * A Region: the component creates a vault there, encrypted with a KMS key of its own in that
     * Region (KMS keys are regional). Exactly one of `region` and `vaultArn`.
     * @default - none (then `vaultArn`)
     * @example "eu-west-1"
     */
    region?: string;
    /**
     * An existing vault's ARN (another Region or another account; a cross-account copy needs AWS
     * Organizations' cross-account backup setting and the destination vault's access policy).
     * @default - none (then `region`)
     */
    vaultArn?: pulumi.Input<string>;
    /** Days after creation when the copy is deleted. @default - the rule's `deleteAfterDays` */
    deleteAfterDays?: number;
    /** Days after creation when the copy moves to cold storage. @default - the rule's `coldStorageAfterDays` */
    coldStorageAfterDays?: number;
}

/** One scheduled backup of the selected tables: when, how long it is kept, and where it is copied. */
export interface BackupRuleArgs {
    /**
     * When the backup starts: an AWS cron expression of six fields (`cron(<minutes> <hours>
     * <day-of-month> <month> <day-of-week> <year>)`, `?` in exactly one of the two day fields). AWS
     * Backup takes cron only (no `rate()`), and at most one backup an hour: the minutes field is a
     * single value (https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html).
     * @example "cron(0 5 ? * * *)"
     */
    schedule: string;
    /** The IANA time zone the cron expression is read in. @default "Etc/UTC" */
    timezone?: string;
    /**
     * Minutes after the scheduled time within which the backup must start, or it is cancelled. AWS
     * Backup wants at least 60.
     * @default 60
     */
    startWindowMinutes?: number;
    /**
     * Minutes after the start within which the backup must complete, or it is cancelled; at least 60
     * more than `startWindowMinutes`.
     * @default 180
     */
    completionWindowMinutes?: number;
    /**
     * Days after creation when a recovery point is deleted: at least 1, and at least
     * `coldStorageAfterDays` + 90 with cold storage (a recovery point stays 90 days in cold storage).
     */
    deleteAfterDays: number;
    /**
     * Days after creation when a recovery point moves to cold storage (cheaper storage, slower
     * restore, billed for at least 90 days). For DynamoDB only with AWS Backup's advanced features
     * (on by default for accounts without a vault before 21 November 2021); AWS Backup ignores it
     * otherwise. Cannot be changed for a recovery point already in cold storage.
     * @default - no cold storage
     */
    coldStorageAfterDays?: number;
    /**
     * Copies of each recovery point into other vaults. Cross-Region and cross-account copies of
     * DynamoDB backups need AWS Backup's advanced features for DynamoDB. Removing a copy Region later
     * deletes its vault, which AWS refuses while the vault holds recovery points.
     * @default []
     * @example [{ region: "eu-west-1", deleteAfterDays: 35 }]
     */
    copies?: BackupCopyArgs[];
}

/** The vault the recovery points are kept in. */
export interface BackupVaultArgs {
    /**
     * A customer managed key (its ARN) to encrypt the vault. **Create-only**: changing it replaces
     * the vault, which AWS refuses while it holds recovery points. The component writes no policy on
     * a key it is given: the key policy must let the backup role (`roleArn`) use it, e.g. by
     * delegating to the account's IAM (the role's AWSBackupServiceRolePolicyForBackup then allows
     * `kms:CreateGrant` for AWS resources and `kms:DescribeKey`); otherwise backup jobs report success
     * and back up nothing (https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html).
     * @default - a key of the component's own, with rotation on
     */
    kmsKeyArn?: pulumi.Input<string>;
}

export interface TableBackupsArgs {
    /**
     * Tables of this library to back up. With `tableArns`, at least one table in total.
     * @default []
     */
    tables?: Table[];
    /**
     * ARNs of other DynamoDB tables to back up (`arn:aws:dynamodb:<region>:<account>:table/<name>`), in the
     * stack's Region and account (checked once they are known: a plan backs up nothing outside them).
     * @default []
     */
    tableArns?: pulumi.Input<string>[];
    /**
     * Backup rules by name (the key is the rule's name: at most 50 of lower-case letters, digits and '-').
     * Both default rules start at 05:00 UTC on the 1st: when two rules of a plan overlap, AWS Backup takes
     * one backup, for the rule with the longer retention (plan-options-and-configuration.html).
     * @default { daily: { schedule: "cron(0 5 ? * * *)", deleteAfterDays: 35 }, monthly: { schedule: "cron(0 5 1 * ? *)", coldStorageAfterDays: 30, deleteAfterDays: 365 } }
     * @example { daily: { schedule: "cron(0 3 ? * * *)", deleteAfterDays: 14, copies: [{ region: "eu-west-1" }] } }
     */
    rules?: Record<string, BackupRuleArgs>;
    /**
     * The vault.
     * @default {}
     * @example { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
     */
    vault?: BackupVaultArgs;
    /**
     * Pulumi-side protection of the backups: the vaults, their keys, the plan and the role (with its
     * policy attachments) get `protect` and `retainOnDelete`. The role matters as much as the vault:
     * AWS Backup manages the recovery points' lifecycle with it, and without it expired recovery
     * points are never deleted (https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-iam.html).
     * The selection is not protected: every field of it is create-only, so adding a table replaces
     * it, and deleting it deletes no recovery point.
     * @default false
     */
    protectData?: boolean;
    /** Tags for every resource of the component (and, through the rules, the recovery points). @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `key` (every KMS key the component creates), `vault`
     * (every vault, the copy vaults included), `plan`, `selection`, `role` (the role AWS Backup assumes).
     * @default {}
     */
    transform?: {
        key?: Transform<kms.KeyArgs>;
        vault?: Transform<backup.VaultArgs>;
        plan?: Transform<backup.PlanArgs>;
        selection?: Transform<backup.SelectionArgs>;
        role?: Transform<iam.RoleArgs>;
    };
}
