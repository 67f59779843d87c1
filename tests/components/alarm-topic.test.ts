import * as assert from "node:assert";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import { AlarmTopic } from "../../components/alarm-topic";
import { aliasName } from "../../components/alarm-topic/alarm-topic";
import type { AlarmTopicArgs } from "../../components/alarm-topic/args";
import { DEFAULTS } from "../../components/alarm-topic/defaults";
import { checkPolicies } from "../../components/policies";
import { DATA_RULES } from "../../components/policies/rules/data";
import { validate } from "../../components/alarm-topic/validate";
import { ArgsError } from "../../components/shared/errors";
import { Registry, build, buildFails, json, unwrap } from "../../components/testing";
import { assertDefaultsDocumented } from "../harness/docs";

const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";
const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const OWN_ALARMS = {
    StringEquals: { "aws:SourceAccount": "123456789012" },
    ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:*" },
};

describe("AlarmTopic", () => {
    describe("validation", () => {
        const cases: Array<{ title: string; args: AlarmTopicArgs; path: string; message: RegExp }> = [
            { title: "rejects an address that is not an e-mail", args: { emails: { oncall: "oncall" } }, path: "emails.oncall", message: /e-mail address/ },
            {
                title: "rejects a subscription key that cannot name a resource",
                args: { emails: { On_Call: "a@example.com" } },
                path: "emails.On_Call",
                message: /lower-case/,
            },
            {
                title: "rejects a key deletion window KMS does not offer",
                args: { keyDeletionWindowDays: 3 },
                path: "keyDeletionWindowDays",
                message: /from 7 to 30/,
            },
            {
                title: "rejects a publisher that is not a supported AWS service",
                args: { publishers: ["sqs" as "events"] },
                path: "publishers[0]",
                message: /not supported.*"events", "codestar-notifications"/,
            },
            {
                title: "rejects a publisher listed twice",
                args: { publishers: ["events", "events"] },
                path: "publishers",
                message: /twice/,
            },
            {
                title: "rejects a protectData that is not a boolean",
                args: { protectData: "yes" as unknown as boolean },
                path: "protectData",
                message: /true or false/,
            },
            { title: "rejects a tag key in the reserved aws: namespace", args: { tags: { "aws:x": "y" } }, path: "tags.aws:x", message: /not a valid tag key/ },
        ];
        for (const c of cases) {
            it(c.title, async () => {
                const issues = validate(c.args);
                assert.deepEqual(
                    issues.map((i) => i.path),
                    [c.path],
                );
                assert.match(`${issues[0].message}; allowed: ${issues[0].allowed}`, c.message);
                const { error, registry } = await buildFails(() => new AlarmTopic("alarms", c.args));
                assert.ok(error instanceof ArgsError);
                assert.match(error.message, /^AlarmTopic "alarms": /);
                assert.equal(registry.size, 0);
            });
        }

        it("accepts no args at all", () => assert.deepEqual(validate({}), []));
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/alarm-topic/args.ts", DEFAULTS));

    it("leaves the key unprotected by default, so a dev stack tears down", async () => {
        const { registry } = await build(() => new AlarmTopic("alarms", {}));
        const key = registry.one(KEY, "alarms-key");
        assert.deepEqual([key.protect, key.retainOnDelete], [false, false]);
    });

    it("protects and retains the key with protectData, which the prod data-protection rule then accepts", async () => {
        const { registry } = await build(() => new AlarmTopic("alarms", { protectData: true }), { stack: "prod" });
        const key = registry.one(KEY, "alarms-key");
        assert.deepEqual([key.protect, key.retainOnDelete], [true, true]);
        assert.deepStrictEqual((await checkPolicies(registry.all(), { rules: DATA_RULES })).violations, []);
    });

    describe("with an e-mail subscription", () => {
        let registry: Registry;
        let result: AlarmTopic;
        before(async () => {
            ({ registry, result } = await build(() => new AlarmTopic("alarms", { emails: { oncall: "oncall@example.com" } })));
        });

        it("encrypts the topic with its own customer managed key, not alias/aws/sns (CloudWatch cannot use that one)", () => {
            const topic = registry.one(TOPIC, "alarms-topic");
            assert.equal(topic.inputs.kmsMasterKeyId, registry.one(KEY, "alarms-key").outputs.arn);
            assert.notEqual(topic.inputs.kmsMasterKeyId, "alias/aws/sns");
        });

        it("rotates the key, with a 30-day deletion window", () => {
            const key = registry.one(KEY, "alarms-key").inputs;
            assert.equal(key.enableKeyRotation, true);
            assert.equal(key.deletionWindowInDays, 30);
        });

        it("lets the account administer the key and CloudWatch alarms of this account and region decrypt and generate data keys", () => {
            const statements = json(registry.one(KEY, "alarms-key").inputs.policy).Statement;
            assert.deepEqual(statements, [
                {
                    Sid: "EnableAccountAdministration",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::123456789012:root" },
                    Action: "kms:*",
                    Resource: "*",
                },
                {
                    Sid: "AllowCloudWatchAlarms",
                    Effect: "Allow",
                    Principal: { Service: "cloudwatch.amazonaws.com" },
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: "*",
                    Condition: OWN_ALARMS,
                },
            ]);
        });

        it("names the key with an alias unique to the stack", () => {
            const alias = registry.one(ALIAS, "alarms-key-alias").inputs;
            assert.match(alias.name, /^alias\/alarms-[0-9a-f]{7}$/);
            assert.equal(alias.targetKeyId, registry.one(KEY).outputs.keyId);
        });

        it("lets CloudWatch alarms of this account and region publish to the topic, over TLS only", () => {
            const policy = registry.one(TOPIC_POLICY, "alarms-topic-policy").inputs;
            const topicArn = registry.one(TOPIC).outputs.arn;
            assert.equal(policy.arn, topicArn);
            assert.deepEqual(json(policy.policy).Statement, [
                {
                    Sid: "AllowCloudWatchAlarmsPublish",
                    Effect: "Allow",
                    Principal: { Service: "cloudwatch.amazonaws.com" },
                    Action: "sns:Publish",
                    Resource: topicArn,
                    Condition: OWN_ALARMS,
                },
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "sns:Publish",
                    Resource: topicArn,
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ]);
        });

        it("subscribes each e-mail address, named by its key", () => {
            const sub = registry.one(SUBSCRIPTION, "alarms-oncall-email").inputs;
            assert.deepEqual([sub.protocol, sub.endpoint, sub.topic], ["email", "oncall@example.com", registry.one(TOPIC).outputs.arn]);
        });

        it("outputs the topic's and the key's ARNs", async () => {
            assert.equal(await unwrap(result.topicArn), registry.one(TOPIC).outputs.arn);
            assert.equal(await unwrap(result.keyArn), registry.one(KEY).outputs.arn);
        });

        it("parents every child to the component and tags it", () => {
            const root = registry.one(AlarmTopic.type, "alarms");
            for (const r of registry.all().filter((x) => x !== root)) assert.equal(r.parent, root.urn, r.name);
            assert.equal(registry.one(TOPIC).inputs.tags["aws-platform:component"], "AlarmTopic/alarms");
        });
    });

    describe("with publishers", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await build(() => new AlarmTopic("alarms", { publishers: ["events", "codestar-notifications"] })));
        });

        it("lets EventBridge use the key without conditions (its KMS requests carry no source keys) and CodeStar Notifications only through SNS in this region", () => {
            const statements = json(registry.one(KEY, "alarms-key").inputs.policy).Statement;
            assert.deepEqual(statements.slice(2), [
                {
                    Sid: "AllowEventBridgeRules",
                    Effect: "Allow",
                    Principal: { Service: "events.amazonaws.com" },
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: "*",
                },
                {
                    Sid: "AllowCodeStarNotifications",
                    Effect: "Allow",
                    Principal: { Service: "codestar-notifications.amazonaws.com" },
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: "*",
                    Condition: { StringEquals: { "kms:ViaService": "sns.us-east-1.amazonaws.com" } },
                },
            ]);
            assert.equal(statements[1].Sid, "AllowCloudWatchAlarms");
        });

        it("lets EventBridge publish without a condition (SNS topic policies for EventBridge take none) and CodeStar Notifications for this account only, still TLS-only", () => {
            const topicArn = registry.one(TOPIC).outputs.arn;
            const statements = json(registry.one(TOPIC_POLICY, "alarms-topic-policy").inputs.policy).Statement;
            assert.deepEqual(
                statements.map((s: { Sid: string }) => s.Sid),
                ["AllowCloudWatchAlarmsPublish", "AllowEventBridgePublish", "AllowCodeStarNotificationsPublish", "DenyInsecureTransport"],
            );
            assert.deepEqual(statements[1], {
                Sid: "AllowEventBridgePublish",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
            });
            assert.deepEqual(statements[2], {
                Sid: "AllowCodeStarNotificationsPublish",
                Effect: "Allow",
                Principal: { Service: "codestar-notifications.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
            });
        });
    });

    it("admits one publisher without the other", async () => {
        const { registry } = await build(() => new AlarmTopic("alarms", { publishers: ["codestar-notifications"] }));
        const principals = (doc: string) => json(doc).Statement.map((s: { Principal: unknown }) => JSON.stringify(s.Principal));
        for (const doc of [registry.one(KEY).inputs.policy, registry.one(TOPIC_POLICY).inputs.policy]) {
            assert.ok(principals(doc).includes(JSON.stringify({ Service: "codestar-notifications.amazonaws.com" })));
            assert.ok(!principals(doc).includes(JSON.stringify({ Service: "events.amazonaws.com" })));
        }
    });

    it("keeps a key alias within KMS's characters and out of the reserved alias/aws/ prefix", () => {
        assert.match(aliasName("aws/ops.alarms"), /^alias\/aws-ops-alarms-[0-9a-f]{7}$/);
    });

    it("lets a transform change one child's options without touching the others'", async () => {
        const { registry } = await build(
            () =>
                new AlarmTopic("alarms", {
                    transform: {
                        topic: (_args, opts) => {
                            opts.protect = true;
                        },
                    },
                }),
        );
        assert.deepEqual(
            registry
                .all()
                .filter((r) => r.protect)
                .map((r) => r.name),
            ["alarms-topic"],
        );
    });

    it("hands out the topic ARN only once CloudWatch may publish: an alarm waits for the topic policy and the key", async () => {
        const { registry } = await build(() => {
            const alarms = new AlarmTopic("alarms");
            new cloudwatch.MetricAlarm("cpu", {
                comparisonOperator: "GreaterThanThreshold",
                evaluationPeriods: 1,
                metricName: "CPUUtilization",
                namespace: "AWS/EC2",
                period: 60,
                statistic: "Average",
                threshold: 80,
                alarmActions: [alarms.topicArn],
            });
        });
        const deps = registry.named("cpu")!.dependencies;
        for (const name of ["alarms-topic", "alarms-topic-policy", "alarms-key", "alarms-key-alias"]) assert.ok(deps.includes(registry.named(name)!.urn), name);
    });

    it("creates no subscription without e-mails", async () => {
        const { registry } = await build(() => new AlarmTopic("alarms"));
        assert.equal(registry.ofType(SUBSCRIPTION).length, 0);
        assert.equal(registry.ofType(TOPIC).length, 1);
    });
});
