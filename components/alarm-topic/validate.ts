import { Issue, Issues } from "../shared/errors";
import { checkTags } from "../shared/validators";
import type { AlarmTopicArgs } from "./args";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Plain-value checks of an AlarmTopic's args. Pure: no Pulumi, no resources. */
export function validate(args: AlarmTopicArgs): Issue[] {
    const issues = new Issues();
    if (args === null || typeof args !== "object") {
        issues.add("args", args, "is not an object", "an AlarmTopicArgs object (or nothing)");
        return issues.list;
    }
    for (const [key, email] of Object.entries(args.emails ?? {})) {
        issues.key(`emails.${key}`, key);
        issues.match(`emails.${key}`, email, EMAIL, "an e-mail address");
    }
    // KMS accepts a pending window of 7 to 30 days (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html).
    issues.int("keyDeletionWindowDays", args.keyDeletionWindowDays, 7, 30, " days");
    checkTags(issues, "tags", args.tags);
    return issues.list;
}
