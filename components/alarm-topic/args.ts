import type * as kms from "@pulumi/aws/kms";
import type * as sns from "@pulumi/aws/sns";
import type { Transform } from "../shared/transform";

/** AWS services, besides CloudWatch alarms, that may publish to the topic. */
export type AlarmTopicPublisher = "events" | "codestar-notifications";

export interface AlarmTopicArgs {
    /**
     * E-mail addresses subscribed to the topic, keyed by role (the key names the subscription). Each
     * address receives a confirmation mail from AWS and gets nothing until it confirms.
     * @default {}
     * @example { oncall: "platform-oncall@example.com" }
     */
    emails?: Record<string, string>;
    /**
     * Days KMS waits, once the key is scheduled for deletion, before deleting it (7–30): messages
     * encrypted with it cannot be read after that.
     * @default 30
     */
    keyDeletionWindowDays?: number;
    /**
     * Services that may publish besides CloudWatch alarms (always admitted): `events` (EventBridge rules,
     * e.g. Monitoring's pipeline-failure and ECS/Auto Scaling rules), `codestar-notifications` (CodePipeline,
     * CodeBuild and CodeDeploy notification rules). Each gets a topic-policy statement and a key-policy
     * statement: the topic is encrypted, and a service that cannot use the key cannot publish.
     * @default []
     * @example ["events", "codestar-notifications"]
     */
    publishers?: AlarmTopicPublisher[];
    /**
     * `protect` and `retainOnDelete` on the key: deleting it (a mistaken destroy or a replacement) leaves the
     * topic unable to encrypt, and every alarm and notification that publishes to it fails.
     * @default false
     */
    protectData?: boolean;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `key` (the KMS key), `topic` (the SNS topic),
     * `topicPolicy` (its access policy), `subscription` (every e-mail subscription).
     * @default {}
     */
    transform?: {
        key?: Transform<kms.KeyArgs>;
        topic?: Transform<sns.TopicArgs>;
        topicPolicy?: Transform<sns.TopicPolicyArgs>;
        subscription?: Transform<sns.TopicSubscriptionArgs>;
    };
}
