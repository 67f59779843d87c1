/**
 * The alert function: keeps the events its rules name, formats each, publishes it to the topic. The SNS client is
 * injected (tests pass a fake; index.ts the AWS SDK's SNS client, sns.ts).
 *
 * A failure to publish throws: an EventBridge invocation is asynchronous, so Lambda retries it and then hands the event
 * to the on-failure destination (the component's failure queue), where it waits to be read: an alert is never lost
 * silently. A configuration error (no topic, unknown rules) throws the same way.
 */
import { requiredSetting } from "../shared/env";
import type { Logger } from "../shared/log";
import { type AlertRule, alertFor, parseRules } from "./core";

/** What Publish takes here (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html). */
export interface PublishInput {
    TopicArn: string;
    Subject: string;
    Message: string;
}

/** The one call the function makes: an SNS client, or a fake in tests. */
export interface SnsClient {
    publish(input: PublishInput): Promise<{ MessageId?: string }>;
}

export interface Deps {
    sns: SnsClient;
    /** `TOPIC_ARN`. */
    topicArn: string | undefined;
    /** `ALERT_RULES`: comma-separated rule ids. */
    rules: string | undefined;
    log: Logger;
}

export type AlertResult = { published: false; reason: string } | { published: true; rule: AlertRule; messageId?: string };

export function createHandler({ sns, topicArn, rules, log }: Deps): (event: unknown) => Promise<AlertResult> {
    const topic = requiredSetting("TOPIC_ARN", topicArn);
    const parsed = parseRules(rules);
    return async (event) => {
        if (parsed.error !== undefined) throw new Error(parsed.error);
        const alert = alertFor(event, parsed.rules);
        const e = (event ?? {}) as { id?: string; source?: string; "detail-type"?: string; detail?: { eventName?: string; eventID?: string } };
        if (alert === undefined) {
            // Not an error: a rule's pattern was widened by a transform, or someone invoked the function by hand.
            log.log("info", "ignored", { id: e.id, source: e.source, detailType: e["detail-type"], eventName: e.detail?.eventName });
            return { published: false, reason: "no enabled rule matches the event" };
        }
        try {
            const { MessageId } = await sns.publish({ TopicArn: topic(), Subject: alert.subject, Message: alert.message });
            log.log("info", "alert published", { rule: alert.rule, eventID: e.detail?.eventID, eventName: e.detail?.eventName, messageId: MessageId });
            return { published: true, rule: alert.rule, messageId: MessageId };
        } catch (error) {
            log.log("error", "publish failed", { rule: alert.rule, eventID: e.detail?.eventID, error: (error as Error).message });
            throw error;
        }
    };
}
