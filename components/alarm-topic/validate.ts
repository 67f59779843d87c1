import { Issue, Issues } from "../shared/errors";
import { array, boolean, checkShape, int, object, oneOf, optional, record, string, transform } from "../shared/shape";
import { checkTags } from "../shared/validators";
import type { AlarmTopicArgs, AlarmTopicPublisher } from "./args";
import { normalize } from "./defaults";

export const ALARM_TOPIC_PUBLISHERS: readonly AlarmTopicPublisher[] = ["events", "codestar-notifications"];

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Every AlarmTopicArgs key, once: a key added to the interface without a shape here fails `tsc`. */
export const ALARM_TOPIC_SHAPE = object<AlarmTopicArgs>()({
    emails: optional(record(string())),
    keyDeletionWindowDays: optional(int()),
    publishers: optional(array(oneOf(ALARM_TOPIC_PUBLISHERS))),
    protectData: optional(boolean()),
    tags: optional(record(string())),
    transform: optional(
        object<NonNullable<AlarmTopicArgs["transform"]>>()({
            key: optional(transform()),
            topic: optional(transform()),
            topicPolicy: optional(transform()),
            subscription: optional(transform()),
        }),
    ),
});

/**
 * An AlarmTopic's args: shape first (types, unknown keys, prototype names, cycles), then `normalize`,
 * then the value rules on the resolved values. Pure: no Pulumi, no resources.
 */
export function validate(args: AlarmTopicArgs): Issue[] {
    const issues = new Issues();
    if (!checkShape(issues, ALARM_TOPIC_SHAPE, args)) return issues.list;
    const cfg = normalize(args);
    for (const [key, email] of Object.entries(cfg.emails)) {
        issues.key(`emails.${key}`, key);
        issues.match(`emails.${key}`, email, EMAIL, "an e-mail address");
    }
    // KMS accepts a pending window of 7 to 30 days (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html).
    issues.int("keyDeletionWindowDays", cfg.keyDeletionWindowDays, 7, 30, " days");
    if (new Set(cfg.publishers).size !== cfg.publishers.length)
        issues.add("publishers", cfg.publishers, "lists a service twice", ALARM_TOPIC_PUBLISHERS.join(", "));
    checkTags(issues, "tags", cfg.tags);
    return issues.list;
}
