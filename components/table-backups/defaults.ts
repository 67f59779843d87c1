import type * as pulumi from "@pulumi/pulumi";
import { mapValues } from "../shared/defaults";
import type { Table } from "../table/table";
import type { BackupRuleArgs, TableBackupsArgs } from "./args";

/**
 * The one source of TableBackups' default values (the `@default` tags in args.ts agree with these;
 * a test checks). Default rules: a daily backup kept 35 days (PITR's own window, so a point older
 * than PITR can reach is a month-end one), and a monthly one kept a year, in cold storage after 30
 * days (DynamoDB backups in cold storage cost about a third of warm: $0.03 against $0.10 per
 * GB-month in us-east-1, AWS Backup pricing).
 */
export const DEFAULTS = {
    BackupRuleArgs: { timezone: "Etc/UTC", startWindowMinutes: 60, completionWindowMinutes: 180, copies: [] as NonNullable<BackupRuleArgs["copies"]> },
    TableBackupsArgs: {
        tables: [] as Table[],
        tableArns: [] as pulumi.Input<string>[],
        rules: {
            daily: { schedule: "cron(0 5 ? * * *)", deleteAfterDays: 35 },
            monthly: { schedule: "cron(0 5 1 * ? *)", coldStorageAfterDays: 30, deleteAfterDays: 365 },
        } as Record<string, BackupRuleArgs>,
        vault: {},
        protectData: false,
        tags: {} as Record<string, string>,
        transform: {} as NonNullable<TableBackupsArgs["transform"]>,
    },
};

export interface ResolvedCopy {
    region?: string;
    vaultArn?: pulumi.Input<string>;
    deleteAfterDays: number;
    coldStorageAfterDays?: number;
}

export interface ResolvedRule {
    schedule: string;
    timezone: string;
    startWindowMinutes: number;
    completionWindowMinutes: number;
    deleteAfterDays: number;
    coldStorageAfterDays?: number;
    copies: ResolvedCopy[];
}

export interface ResolvedBackups {
    tables: Table[];
    tableArns: pulumi.Input<string>[];
    rules: Record<string, ResolvedRule>;
    vault: { kmsKeyArn?: pulumi.Input<string> };
    protectData: boolean;
    tags: Record<string, string>;
    transform: NonNullable<TableBackupsArgs["transform"]>;
}

function rule(r: BackupRuleArgs): ResolvedRule {
    const d = DEFAULTS.BackupRuleArgs;
    const out: ResolvedRule = {
        schedule: r.schedule,
        timezone: r.timezone ?? d.timezone,
        startWindowMinutes: r.startWindowMinutes ?? d.startWindowMinutes,
        completionWindowMinutes: r.completionWindowMinutes ?? d.completionWindowMinutes,
        deleteAfterDays: r.deleteAfterDays,
        // A copy without its own lifecycle keeps the rule's: written out, so the plan says what AWS does.
        copies: (r.copies ?? d.copies).map((c) => {
            const copy: ResolvedCopy = { deleteAfterDays: c.deleteAfterDays ?? r.deleteAfterDays };
            if (c.region !== undefined) copy.region = c.region;
            if (c.vaultArn !== undefined) copy.vaultArn = c.vaultArn;
            const cold = c.coldStorageAfterDays ?? r.coldStorageAfterDays;
            if (cold !== undefined) copy.coldStorageAfterDays = cold;
            return copy;
        }),
    };
    if (r.coldStorageAfterDays !== undefined) out.coldStorageAfterDays = r.coldStorageAfterDays;
    return out;
}

/** Fills every default. Call after the shape check (see `validate`). */
export function normalize(args: TableBackupsArgs): ResolvedBackups {
    const d = DEFAULTS.TableBackupsArgs;
    return {
        tables: args.tables ?? d.tables,
        tableArns: args.tableArns ?? d.tableArns,
        rules: mapValues(args.rules ?? d.rules, rule),
        vault: args.vault ?? d.vault,
        protectData: args.protectData ?? d.protectData,
        tags: args.tags ?? d.tags,
        transform: args.transform ?? d.transform,
    };
}
