import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as kms from "@pulumi/aws/kms";
import * as sns from "@pulumi/aws/sns";
import { ArgsError } from "../shared/errors";
import { Statement, policyJson } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { readyAfter } from "../shared/outputs";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import { stackSuffix } from "../shared/unique";
import type { AlarmTopicArgs, AlarmTopicPublisher } from "./args";
import { normalize } from "./defaults";
import { validate } from "./validate";

export interface AlarmTopicResources {
    /** The customer managed key that encrypts the topic; its policy admits CloudWatch. */
    key: kms.Key;
    /** `alias/<name>-<7 hex>`: the key's name in the console. */
    alias: kms.Alias;
    topic: sns.Topic;
    /** Lets CloudWatch alarms of this account and region (and the `publishers`) publish, over TLS only. */
    topicPolicy: sns.TopicPolicy;
    /** E-mail subscriptions, by key of `emails`. */
    subscriptions: Record<string, sns.TopicSubscription>;
}

/**
 * An SNS topic that CloudWatch alarms can really notify, encrypted at rest. CloudWatch cannot
 * publish to a topic encrypted with the AWS managed key `alias/aws/sns` (its key policy does not
 * admit CloudWatch and cannot be changed), so the topic gets a customer managed key, with rotation,
 * whose policy lets `cloudwatch.amazonaws.com` use it for alarms of this account and region only
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html,
 * https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger), and a topic policy
 * that lets those alarms publish. `publishers` admits EventBridge rules and CodeStar notification rules
 * the same way, in both policies.
 *
 * @example
 * const alarms = new AlarmTopic("alarms", { emails: { oncall: "platform-oncall@example.com" } });
 * new ContainerService("shop", { vpc, services, alarmTopicArn: alarms.topicArn });
 *
 * **Cost**: the KMS key $1/month (rotation included) plus $0.03 per 10,000 requests; SNS e-mail
 * notifications, first 1,000 a month free, then $2 per 100,000.
 */
export class AlarmTopic extends pulumi.ComponentResource {
    static readonly type = typeToken("monitoring", "AlarmTopic");

    /** Give this to components as `alarmTopicArn`. */
    readonly topicArn: pulumi.Output<string>;
    readonly keyArn: pulumi.Output<string>;
    readonly resources: AlarmTopicResources;

    constructor(name: string, args: AlarmTopicArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("AlarmTopic", name, issues);
        super(AlarmTopic.type, name, args, opts);

        const cfg = normalize(args);
        // One options object for every child: `create` gives a transform its own copy to change.
        const child = { parent: this };
        const tags = componentTags(AlarmTopic.type, name, cfg.tags);
        const t = cfg.transform;
        const accountId = getCallerIdentityOutput({}, child).accountId;
        const partitionInfo = getPartitionOutput({}, child);
        const partition = partitionInfo.partition;
        const region = getRegionOutput({}, child).region;
        // Confused deputy: CloudWatch acts for any account; only this account's alarms, in this region, may use the topic.
        // CloudWatch's requests to SNS and to KMS carry both keys (unlike EventBridge's): AWS's own MDAA
        // construct conditions the same grants this way (https://aws.github.io/modern-data-architecture-accelerator/typedocs/functions/_aws-mdaa_cloudwatch-constructs.grantCloudWatchAlarmsTopicAccess.html).
        const fromOwnAlarms = {
            StringEquals: { "aws:SourceAccount": accountId },
            ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${partition}:cloudwatch:${region}:${accountId}:alarm:*` },
        };

        const keyPolicy: Statement[] = [
            {
                // The default key policy: the account administers the key through IAM. Without it the key
                // becomes unmanageable. "*" in a key policy means this key.
                Sid: "EnableAccountAdministration",
                Effect: "Allow",
                Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                // What CloudWatch needs to publish to an encrypted topic (SNS's "compatibility between event
                // sources from AWS services and encrypted topics": https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
                Sid: "AllowCloudWatchAlarms",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: fromOwnAlarms,
            },
            ...publisherKeyStatements(cfg.publishers, pulumi.interpolate`sns.${region}.${partitionInfo.dnsSuffix}`),
        ];
        const key = create(
            kms.Key,
            childName(name, "key"),
            {
                description: `Encrypts the alarm topic ${name}; CloudWatch alarms of this account may use it`,
                enableKeyRotation: true,
                deletionWindowInDays: cfg.keyDeletionWindowDays,
                policy: policyJson(keyPolicy),
                tags,
            },
            cfg.protectData ? { ...child, protect: true, retainOnDelete: true } : child,
            t.key,
        );
        const alias = new kms.Alias(childName(name, "key-alias"), { name: aliasName(name), targetKeyId: key.keyId }, child);

        const topic = create(sns.Topic, fitName(childName(name, "topic"), sns.Topic), { kmsMasterKeyId: key.arn, tags }, child, t.topic);
        const topicPolicy = create(
            sns.TopicPolicy,
            childName(name, "topic-policy"),
            {
                arn: topic.arn,
                policy: policyJson([
                    {
                        Sid: "AllowCloudWatchAlarmsPublish",
                        Effect: "Allow",
                        Principal: { Service: "cloudwatch.amazonaws.com" },
                        Action: "sns:Publish",
                        Resource: topic.arn,
                        Condition: fromOwnAlarms,
                    },
                    ...publisherTopicStatements(cfg.publishers, topic.arn, accountId),
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        // Every principal: a Deny, so "*" narrows access rather than widening it.
                        Principal: "*",
                        Action: "sns:Publish",
                        Resource: topic.arn,
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ]),
            },
            child,
            t.topicPolicy,
        );
        const subscriptions = Object.fromEntries(
            Object.entries(cfg.emails).map(([key, email]) => [
                key,
                create(sns.TopicSubscription, childName(name, key, "email"), { topic: topic.arn, protocol: "email", endpoint: email }, child, t.subscription),
            ]),
        );

        // Resolved once CloudWatch may publish and encrypt: an alarm created before the topic policy (or
        // the key) that fires at once would be denied, and its notification lost.
        this.topicArn = readyAfter(topic.arn, [topicPolicy, key, alias]);
        this.keyArn = key.arn;
        this.resources = { key, alias, topic, topicPolicy, subscriptions };
        this.registerOutputs({ topicArn: this.topicArn, keyArn: this.keyArn });
    }
}

/**
 * The key-policy statements that let `publishers` encrypt for the topic: SNS calls KMS on the
 * publisher's behalf, so a service missing from the key policy cannot publish at all ("compatibility
 * between event sources from AWS services and encrypted topics",
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
 * - EventBridge: no condition. Its requests to KMS carry neither `aws:SourceArn` nor `aws:SourceAccount`,
 *   so a condition on them would silently drop every event (as AWS's MDAA construct notes:
 *   https://aws.github.io/modern-data-architecture-accelerator/typedocs/functions/_aws-mdaa_cloudwatch-constructs.grantCloudWatchAlarmsTopicAccess.html).
 * - CodeStar Notifications: only through SNS in this region (`kms:ViaService`), as the Developer Tools
 *   console guide gives it (https://docs.aws.amazon.com/dtconsole/latest/userguide/set-up-sns.html).
 */
export function publisherKeyStatements(publishers: readonly AlarmTopicPublisher[], snsEndpoint: pulumi.Input<string>): Statement[] {
    const actions = ["kms:Decrypt", "kms:GenerateDataKey*"];
    return publishers.map(
        (p): Statement =>
            p === "events"
                ? { Sid: "AllowEventBridgeRules", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: actions, Resource: "*" }
                : {
                      Sid: "AllowCodeStarNotifications",
                      Effect: "Allow",
                      Principal: { Service: "codestar-notifications.amazonaws.com" },
                      Action: actions,
                      Resource: "*",
                      Condition: { StringEquals: { "kms:ViaService": snsEndpoint } },
                  },
    );
}

/**
 * The topic-policy statements that let `publishers` publish:
 * - EventBridge: `sns:Publish` with no condition: the EventBridge guide's statement for SNS targets, which
 *   says condition blocks cannot be used in SNS topic policies for EventBridge
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions).
 *   Any rule of any account could then publish; the topic carries notifications, not secrets.
 * - CodeStar Notifications: `sns:Publish` for rules of this account only (`aws:SourceAccount`, documented in
 *   https://docs.aws.amazon.com/dtconsole/latest/userguide/troubleshooting.html).
 */
export function publisherTopicStatements(
    publishers: readonly AlarmTopicPublisher[],
    topicArn: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
): Statement[] {
    return publishers.map(
        (p): Statement =>
            p === "events"
                ? { Sid: "AllowEventBridgePublish", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: topicArn }
                : {
                      Sid: "AllowCodeStarNotificationsPublish",
                      Effect: "Allow",
                      Principal: { Service: "codestar-notifications.amazonaws.com" },
                      Action: "sns:Publish",
                      Resource: topicArn,
                      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                  },
    );
}

/**
 * `alias/<name>-<7 hex>`. Alias names are per account and region, with no auto-naming: the per-stack
 * suffix keeps dev and prod apart. KMS allows letters, digits, `/`, `_` and `-` after `alias/` and
 * reserves `alias/aws/`, so other characters (and `/`) become `-`
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html).
 */
export function aliasName(name: string): string {
    return fitName(`alias/${name.replace(/[^A-Za-z0-9_-]/g, "-")}-${stackSuffix(name)}`, kms.Alias, { explicit: true });
}
