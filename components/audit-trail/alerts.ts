import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as lambda from "@pulumi/aws/lambda";
import * as sqs from "@pulumi/aws/sqs";
import { LambdaFunction } from "../lambda-function/lambda-function";
import { destinationStatements } from "../shared/destinations";
import { Statement, policyJson } from "../shared/iam";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import { ALERT_RULES, AlertRule } from "./alert-rules";
import type { AuditTrailTransforms } from "./args";
import { DEFAULTS, type ResolvedAlerts } from "./defaults";
import { tlsOnlyQueueStatement } from "../shared/queue";

/**
 * The function's default code: bundled from this path, relative to the program's working directory (as every
 * LambdaFunction entry), so it resolves only in this repository; `alerts.entry` names another copy.
 */
export const ALERT_FUNCTION_ENTRY = DEFAULTS.AlertsArgs.entry;

export interface AlertRuleResources {
    rule: cloudwatch.EventRule;
    /** EventBridge's permission to invoke the function, from this rule only. */
    permission: lambda.Permission;
    target: cloudwatch.EventTarget;
}

export interface AlertResources {
    /** Formats and publishes; its role may publish to the topic only (and use its key through SNS). */
    function: LambdaFunction;
    /** Events that could not be alerted on: the function's failures after Lambda's retries, and EventBridge's dead letters. */
    failures: sqs.Queue;
    /** Lets EventBridge put dead letters in `failures`, from these rules only. */
    failuresPolicy: sqs.QueuePolicy;
    /** One rule, permission and target per alert rule, keyed by the rule's id. */
    rules: Partial<Record<AlertRule, AlertRuleResources>>;
}

interface AlertsContext {
    name: string;
    region: pulumi.Output<string>;
    tags: Record<string, string>;
    child: pulumi.CustomResourceOptions;
    transform: AuditTrailTransforms;
}

/**
 * The alert path: an EventBridge rule per alert rule → the audit-alert function → the topic; failures to an SQS queue.
 * EventBridge invokes the function asynchronously (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html):
 * Lambda's two retries, then the on-failure destination; an event EventBridge itself cannot deliver (say the permission
 * is missing) goes to the same queue as the target's dead letter after EventBridge's retries.
 */
export function createAlerts(ctx: AlertsContext, cfg: ResolvedAlerts): AlertResources {
    const { name, tags, child, transform: t } = ctx;
    warnOutsideUsEast1(name, cfg.rules, ctx.region, child.parent);
    const failures = create(
        sqs.Queue,
        fitName(childName(name, "alert-failures"), sqs.Queue),
        {
            messageRetentionSeconds: cfg.failureRetentionDays * 86_400,
            // SSE-SQS: EventBridge cannot write dead letters to a queue under the AWS managed key alias/aws/sqs
            // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html), and SQS-managed keys need no grant.
            sqsManagedSseEnabled: true,
            tags,
        },
        child,
        t.alertFailures,
    );
    const fn = new LambdaFunction(
        childName(name, "alert"),
        {
            entry: cfg.entry,
            memoryMiB: 128,
            timeoutSeconds: 30,
            environment: { TOPIC_ARN: cfg.topicArn, ALERT_RULES: cfg.rules.join(",") },
            logRetentionDays: cfg.logRetentionDays,
            async: { maximumRetryAttempts: 2, onFailure: { type: "sqs", arn: failures.arn } },
            // Publish to this topic only; its customer managed key only through SNS (kms:ViaService).
            statements: destinationStatements("sns", cfg.topicArn, cfg.topicKeyArn, "Alerts"),
            tags,
            transform: t.alertFunction,
        },
        { parent: child.parent },
    );

    const rules: Partial<Record<AlertRule, AlertRuleResources>> = {};
    for (const id of cfg.rules) {
        const spec = ALERT_RULES[id];
        const base = childName(name, `alert-${id}`);
        const rule = create(
            cloudwatch.EventRule,
            fitName(base, cloudwatch.EventRule),
            { description: `${spec.title} (AuditTrail ${name})`, eventPattern: JSON.stringify(spec.pattern), tags },
            child,
            t.alertRule,
        );
        const permission = create(
            lambda.Permission,
            childName(base, "permission"),
            { action: "lambda:InvokeFunction", function: fn.functionName, principal: "events.amazonaws.com", sourceArn: rule.arn },
            child,
            t.alertPermission,
        );
        const target = create(
            cloudwatch.EventTarget,
            fitName(childName(base, "target"), cloudwatch.EventTarget),
            {
                rule: rule.name,
                arn: fn.functionArn,
                // A day of EventBridge's retries (its default count, 185), then the dead letter.
                retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
                deadLetterConfig: { arn: failures.arn },
            },
            { ...child, dependsOn: [permission] },
            t.alertTarget,
        );
        rules[id] = { rule, permission, target };
    }
    // EventBridge sends dead letters as the service, with the rule as aws:SourceArn (confused deputy guard,
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html#eb-dlq-perms).
    const sendFromRules: Statement = {
        Sid: "DeadLettersFromAlertRules",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: failures.arn,
        Condition: { ArnEquals: { "aws:SourceArn": Object.values(rules).map((r) => r.rule.arn) } },
    };
    const failuresPolicy = create(
        sqs.QueuePolicy,
        childName(name, "alert-failures-policy"),
        { queueUrl: failures.url, policy: policyJson([sendFromRules, tlsOnlyQueueStatement(failures.arn)]) },
        child,
        t.alertFailuresPolicy,
    );
    return { function: fn, failures, failuresPolicy, rules };
}

/** IAM and sign-in events reach EventBridge in us-east-1 only: a rule for them elsewhere is valid and never fires. */
function warnOutsideUsEast1(name: string, rules: AlertRule[], region: pulumi.Output<string>, resource: pulumi.Resource | undefined): void {
    const global = rules.filter((r) => ALERT_RULES[r].global);
    if (global.length === 0) return;
    region.apply((r) => {
        if (r !== "us-east-1")
            pulumi.log.warn(
                `[aws-platform:audit:alerts-region] AuditTrail "${name}": alert rules ${global.join(", ")} are created in ${r}, but IAM and console sign-in events reach EventBridge in us-east-1 only; they will never fire here. Create this AuditTrail with a us-east-1 provider.`,
                resource,
            );
    });
}
