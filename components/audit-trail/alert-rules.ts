/**
 * The alert path's rules as data: each rule's EventBridge event pattern and its title. Pure (no Pulumi import): the
 * component turns each pattern into an EventBridge rule, and the alert function (functions/audit-alert/) matches the
 * same patterns again, so what EventBridge sends and what the function keeps cannot drift apart.
 *
 * CloudTrail delivers management events to EventBridge as `AWS API Call via CloudTrail` (a trail with logging enabled
 * is required, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html). Event name lists:
 * CIS AWS Foundations 4.x metric filters (as Security Hub's CloudWatch.4/.5/.7/.10 controls list them), plus the newer
 * API noted on each.
 */

/** The rules the alert path offers (see `AlertRule` in args.ts for what each watches). */
export type AlertRule = "root-sign-in" | "iam-policy-changes" | "security-group-changes" | "cloudtrail-changes" | "kms-key-deletion";

/** An EventBridge event pattern of exact values only: each leaf lists the values a field may have. */
export interface EventPattern {
    [field: string]: string[] | EventPattern;
}

export interface AlertRuleSpec {
    /** Heading of the alert message and the rule's description. */
    title: string;
    pattern: EventPattern;
    /**
     * Events of global services (IAM, the console sign-in) are delivered to EventBridge in us-east-1 only
     * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events):
     * a rule elsewhere never matches.
     */
    global: boolean;
}

const API_CALL = ["AWS API Call via CloudTrail"];

function apiCalls(service: string, eventNames: string[]): EventPattern {
    return { source: [`aws.${service}`], "detail-type": API_CALL, detail: { eventSource: [`${service}.amazonaws.com`], eventName: eventNames } };
}

export const ALERT_RULES: Record<AlertRule, AlertRuleSpec> = {
    "root-sign-in": {
        title: "Root user console sign-in",
        // No detail-type: EventBridge's guide spells it "AWS Console Signin via CloudTrail", delivered events read
        // "AWS Console Sign In via CloudTrail"; source aws.signin + ConsoleLogin names the event either way
        // (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-signin.html). Root sign-ins are recorded in
        // us-east-1 (cloudtrail-event-reference-aws-console-sign-in-events.html). Failures too: someone holds the password.
        pattern: { source: ["aws.signin"], detail: { eventName: ["ConsoleLogin"], userIdentity: { type: ["Root"] } } },
        global: true,
    },
    "iam-policy-changes": {
        title: "IAM policy change",
        pattern: apiCalls("iam", [
            "DeleteGroupPolicy",
            "DeleteRolePolicy",
            "DeleteUserPolicy",
            "PutGroupPolicy",
            "PutRolePolicy",
            "PutUserPolicy",
            "CreatePolicy",
            "DeletePolicy",
            "CreatePolicyVersion",
            "DeletePolicyVersion",
            // Not in the CIS list: switches a managed policy to another of its versions, a change all the same.
            "SetDefaultPolicyVersion",
            "AttachRolePolicy",
            "DetachRolePolicy",
            "AttachUserPolicy",
            "DetachUserPolicy",
            "AttachGroupPolicy",
            "DetachGroupPolicy",
        ]),
        global: true,
    },
    "security-group-changes": {
        title: "Security group change",
        pattern: apiCalls("ec2", [
            "AuthorizeSecurityGroupIngress",
            "AuthorizeSecurityGroupEgress",
            "RevokeSecurityGroupIngress",
            "RevokeSecurityGroupEgress",
            "CreateSecurityGroup",
            "DeleteSecurityGroup",
            // Newer than the CIS list: edits existing rules in place.
            "ModifySecurityGroupRules",
        ]),
        global: false,
    },
    "cloudtrail-changes": {
        title: "CloudTrail configuration change",
        pattern: apiCalls("cloudtrail", [
            "CreateTrail",
            "UpdateTrail",
            "DeleteTrail",
            "StartLogging",
            "StopLogging",
            // Not in the CIS list: narrowing the selectors silences a trail as surely as stopping it.
            "PutEventSelectors",
        ]),
        global: false,
    },
    "kms-key-deletion": {
        title: "KMS key disabled or scheduled for deletion",
        pattern: apiCalls("kms", ["DisableKey", "ScheduleKeyDeletion"]),
        global: false,
    },
};

/**
 * Whether `event` matches `pattern` as EventBridge matches exact values: every field of the pattern must be present,
 * a leaf matches when the event's value (or, for an array value, any of its elements) is one of the listed strings
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html).
 */
export function matchesPattern(event: unknown, pattern: EventPattern): boolean {
    if (event === null || typeof event !== "object") return false;
    return Object.entries(pattern).every(([field, expected]) => {
        const value = (event as Record<string, unknown>)[field];
        if (Array.isArray(expected)) {
            const values = Array.isArray(value) ? value : [value];
            return values.some((v) => typeof v === "string" && expected.includes(v));
        }
        return matchesPattern(value, expected);
    });
}
