import type { AlertRule, AlertsArgs, AuditTrailArgs, AuditTrailTransforms, DataEventsArgs, InsightType } from "./args";

/** The one source of AuditTrail's default values (the `@default` tags in args.ts agree; a test checks). */
export const DEFAULTS = {
    retentionDays: 365,
    logRetentionDays: 90,
    writerAccountIds: [] as string[],
    organization: false,
    /** The alert path's defaults, used when `alerts` is given. */
    AlertsArgs: {
        rules: ["root-sign-in", "iam-policy-changes", "security-group-changes", "cloudtrail-changes", "kms-key-deletion"] as AlertRule[],
        // This repository's copy, relative to the working directory: a program outside it sets `alerts.entry`.
        entry: "functions/audit-alert/index.ts",
        logRetentionDays: 30,
        failureRetentionDays: 14,
    },
    dataEvents: {} as DataEventsArgs,
    insights: [] as InsightType[],
    protectData: false,
    keyDeletionWindowDays: 30,
    tags: {} as Record<string, string>,
    transform: {} as AuditTrailTransforms,
};

export type ResolvedAlerts = Required<Omit<AlertsArgs, "topicKeyArn">> & Pick<AlertsArgs, "topicKeyArn">;

export type ResolvedAuditTrail = Required<Omit<AuditTrailArgs, "alerts" | "writerOrganizationId">> & {
    writerOrganizationId?: string;
    alerts?: ResolvedAlerts;
};

/** Fills every default. Call after the shape check. */
export function normalize(args: AuditTrailArgs): ResolvedAuditTrail {
    return {
        retentionDays: args.retentionDays ?? DEFAULTS.retentionDays,
        logRetentionDays: args.logRetentionDays ?? DEFAULTS.logRetentionDays,
        writerAccountIds: args.writerAccountIds ?? DEFAULTS.writerAccountIds,
        organization: args.organization ?? DEFAULTS.organization,
        writerOrganizationId: args.writerOrganizationId,
        alerts: args.alerts && {
            topicArn: args.alerts.topicArn,
            topicKeyArn: args.alerts.topicKeyArn,
            rules: args.alerts.rules ?? DEFAULTS.AlertsArgs.rules,
            entry: args.alerts.entry ?? DEFAULTS.AlertsArgs.entry,
            logRetentionDays: args.alerts.logRetentionDays ?? DEFAULTS.AlertsArgs.logRetentionDays,
            failureRetentionDays: args.alerts.failureRetentionDays ?? DEFAULTS.AlertsArgs.failureRetentionDays,
        },
        dataEvents: args.dataEvents ?? DEFAULTS.dataEvents,
        insights: args.insights ?? DEFAULTS.insights,
        protectData: args.protectData ?? DEFAULTS.protectData,
        keyDeletionWindowDays: args.keyDeletionWindowDays ?? DEFAULTS.keyDeletionWindowDays,
        tags: args.tags ?? DEFAULTS.tags,
        transform: args.transform ?? DEFAULTS.transform,
    };
}
