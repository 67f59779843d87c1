import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AuditTrail } from "../../../components/audit-trail";
import { ALERT_RULES } from "../../../components/audit-trail/alert-rules";
import { ArgsError } from "../../../components/shared/errors";
import { bundle } from "../../../components/shared/bundle";
import { Registry, build, buildFails, json } from "../../../components/testing";

const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const PERMISSION = "aws:lambda/permission:Permission";
const FUNCTION = "aws:lambda/function:Function";
const INVOKE_CONFIG = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "aws:iam/role:Role";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:security-alerts";
const TOPIC_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const pattern = (registry: Registry, id: string) => json(registry.one(RULE, `audit-alert-${id}`).inputs.eventPattern);

describe("AuditTrail alerts", () => {
    let registry: Registry;
    let warnings: string[];
    before(async () => {
        ({ registry, warnings } = await build(() => new AuditTrail("audit", { alerts: { topicArn: TOPIC } })));
    });

    it("creates one rule, target and permission per default alert rule, and one function and failure queue", () => {
        assert.deepEqual(
            registry
                .ofType(RULE)
                .map((r) => r.name)
                .sort(),
            ["cloudtrail-changes", "iam-policy-changes", "kms-key-deletion", "root-sign-in", "security-group-changes"].map((id) => `audit-alert-${id}`),
        );
        for (const type of [TARGET, PERMISSION]) assert.equal(registry.ofType(type).length, 5, type);
        for (const type of [FUNCTION, QUEUE, QUEUE_POLICY]) assert.equal(registry.ofType(type).length, 1, type);
    });

    it("matches a root console sign-in by source, event name and identity type, without a detail-type (two spellings exist)", () =>
        assert.deepEqual(pattern(registry, "root-sign-in"), {
            source: ["aws.signin"],
            detail: { eventName: ["ConsoleLogin"], userIdentity: { type: ["Root"] } },
        }));

    it("matches the IAM policy changes of CIS 4.4 plus SetDefaultPolicyVersion, as CloudTrail API calls", () => {
        const p = pattern(registry, "iam-policy-changes");
        assert.deepEqual([p.source, p["detail-type"], p.detail.eventSource], [["aws.iam"], ["AWS API Call via CloudTrail"], ["iam.amazonaws.com"]]);
        assert.deepEqual([...p.detail.eventName].sort(), [
            "AttachGroupPolicy",
            "AttachRolePolicy",
            "AttachUserPolicy",
            "CreatePolicy",
            "CreatePolicyVersion",
            "DeleteGroupPolicy",
            "DeletePolicy",
            "DeletePolicyVersion",
            "DeleteRolePolicy",
            "DeleteUserPolicy",
            "DetachGroupPolicy",
            "DetachRolePolicy",
            "DetachUserPolicy",
            "PutGroupPolicy",
            "PutRolePolicy",
            "PutUserPolicy",
            "SetDefaultPolicyVersion",
        ]);
    });

    it("matches security group changes of CIS 4.10 plus ModifySecurityGroupRules", () => {
        const p = pattern(registry, "security-group-changes");
        assert.deepEqual([p.source, p.detail.eventSource], [["aws.ec2"], ["ec2.amazonaws.com"]]);
        assert.deepEqual([...p.detail.eventName].sort(), [
            "AuthorizeSecurityGroupEgress",
            "AuthorizeSecurityGroupIngress",
            "CreateSecurityGroup",
            "DeleteSecurityGroup",
            "ModifySecurityGroupRules",
            "RevokeSecurityGroupEgress",
            "RevokeSecurityGroupIngress",
        ]);
    });

    it("matches a trail stopped, deleted or changed, and a KMS key disabled or scheduled for deletion", () => {
        assert.deepEqual(pattern(registry, "cloudtrail-changes").detail.eventName, [
            "CreateTrail",
            "UpdateTrail",
            "DeleteTrail",
            "StartLogging",
            "StopLogging",
            "PutEventSelectors",
        ]);
        assert.deepEqual(pattern(registry, "kms-key-deletion").detail, {
            eventSource: ["kms.amazonaws.com"],
            eventName: ["DisableKey", "ScheduleKeyDeletion"],
        });
    });

    it("builds each rule from the same pattern the function matches", () => {
        for (const [id, spec] of Object.entries(ALERT_RULES)) assert.deepEqual(pattern(registry, id), spec.pattern, id);
    });

    it("targets the function from every rule, with a day of retries and the failure queue as dead letter", () => {
        const fn = registry.one(FUNCTION);
        const queue = registry.one(QUEUE);
        for (const id of Object.keys(ALERT_RULES)) {
            const target = registry.one(TARGET, `audit-alert-${id}-target`);
            assert.equal(target.inputs.rule, registry.one(RULE, `audit-alert-${id}`).outputs.name, id);
            assert.equal(target.inputs.arn, fn.outputs.arn, id);
            assert.equal(target.inputs.roleArn, undefined, "a Lambda target takes no role: the function's resource policy admits EventBridge");
            assert.deepEqual(target.inputs.retryPolicy, { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 });
            assert.deepEqual(target.inputs.deadLetterConfig, { arn: queue.outputs.arn });
        }
    });

    it("lets EventBridge invoke the function from each rule's ARN only, before that rule's target exists", () => {
        const fn = registry.one(FUNCTION);
        for (const id of Object.keys(ALERT_RULES)) {
            const permission = registry.one(PERMISSION, `audit-alert-${id}-permission`);
            assert.deepEqual(permission.inputs, {
                action: "lambda:InvokeFunction",
                function: fn.outputs.name,
                principal: "events.amazonaws.com",
                sourceArn: registry.one(RULE, `audit-alert-${id}`).outputs.arn,
            });
            assert.ok(registry.one(TARGET, `audit-alert-${id}-target`).dependencies.includes(permission.urn), id);
        }
    });

    it("runs the audit-alert code with the topic and the enabled rules in its environment", () => {
        const fn = registry.one(FUNCTION).inputs;
        assert.deepEqual(fn.environment.variables, {
            TOPIC_ARN: TOPIC,
            ALERT_RULES: "root-sign-in,iam-policy-changes,security-group-changes,cloudtrail-changes,kms-key-deletion",
        });
        assert.equal(fn.runtime, "nodejs22.x");
        assert.equal(fn.handler, "index.handler");
    });

    it("lets the function publish to the topic and send failures to its queue, nothing else", () => {
        const role = registry.ofType(ROLE).find((r) => r.name.startsWith("audit-alert"))!;
        const logGroupArn = registry.one(LOG_GROUP, "audit-alert-logs").outputs.arn;
        const statements = registry.statementsOf(role);
        assert.deepEqual(
            statements.map((s) => [s.Action, s.Resource]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
            [
                ["sns:Publish", TOPIC],
                ["sqs:SendMessage", registry.one(QUEUE).outputs.arn],
                [["logs:CreateLogStream", "logs:PutLogEvents"], `${logGroupArn}:*`],
            ],
        );
        assert.deepEqual(registry.managedPoliciesOf(role), []);
    });

    it("sends what Lambda could not handle after two retries to the failure queue", () => {
        const config = registry.one(INVOKE_CONFIG).inputs;
        assert.equal(config.maximumRetryAttempts, 2);
        assert.deepEqual(config.destinationConfig, { onFailure: { destination: registry.one(QUEUE).outputs.arn } });
    });

    it("keeps the function's logs 30 days and failed events 14 days, encrypted by SQS", () => {
        assert.equal(registry.one(LOG_GROUP, "audit-alert-logs").inputs.retentionInDays, 30);
        const queue = registry.one(QUEUE).inputs;
        assert.deepEqual([queue.messageRetentionSeconds, queue.sqsManagedSseEnabled], [14 * 86400, true]);
    });

    it("lets EventBridge put dead letters in the queue from the alert rules only, over TLS only", () => {
        const queue = registry.one(QUEUE);
        const policy = registry.one(QUEUE_POLICY).inputs;
        assert.equal(policy.queueUrl, queue.outputs.url);
        assert.deepEqual(json(policy.policy).Statement, [
            {
                Sid: "DeadLettersFromAlertRules",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sqs:SendMessage",
                Resource: queue.outputs.arn,
                Condition: { ArnEquals: { "aws:SourceArn": registry.ofType(RULE).map((r) => r.outputs.arn) } },
            },
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "sqs:*",
                Resource: queue.outputs.arn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ]);
    });

    it("does not warn about the region in us-east-1", () =>
        assert.deepEqual(
            warnings.filter((w) => w.includes("alerts-region")),
            [],
        ));
});

describe("AuditTrail alerts options", () => {
    it("creates only the chosen rules and tells the function which", async () => {
        const { registry } = await build(() => new AuditTrail("audit", { alerts: { topicArn: TOPIC, rules: ["security-group-changes"] } }));
        assert.deepEqual(
            registry.ofType(RULE).map((r) => r.name),
            ["audit-alert-security-group-changes"],
        );
        assert.equal(registry.one(FUNCTION).inputs.environment.variables.ALERT_RULES, "security-group-changes");
    });

    it("lets the function use an encrypted topic's key through SNS only", async () => {
        const { registry } = await build(() => new AuditTrail("audit", { alerts: { topicArn: TOPIC, topicKeyArn: TOPIC_KEY } }));
        const role = registry.ofType(ROLE).find((r) => r.name.startsWith("audit-alert"))!;
        const key = registry.statementsOf(role).find((s) => JSON.stringify(s.Action).includes("kms:"));
        assert.deepEqual(key.Resource, TOPIC_KEY);
        assert.deepEqual(key.Condition, { StringLike: { "kms:ViaService": "sns.*.amazonaws.com" } });
    });

    it("takes the log and failure retentions from alerts", async () => {
        const { registry } = await build(() => new AuditTrail("audit", { alerts: { topicArn: TOPIC, logRetentionDays: 90, failureRetentionDays: 4 } }));
        assert.equal(registry.one(LOG_GROUP, "audit-alert-logs").inputs.retentionInDays, 90);
        assert.equal(registry.one(QUEUE).inputs.messageRetentionSeconds, 4 * 86400);
    });

    describe("run from outside this repository (an installed package)", () => {
        const cwd = process.cwd();
        let elsewhere: string;
        beforeEach(() => {
            elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "audit-program-"));
            process.chdir(elsewhere);
        });
        afterEach(() => {
            process.chdir(cwd);
            fs.rmSync(elsewhere, { recursive: true, force: true });
        });

        it("refuses the default entry, which is relative to this repository, before any resource, naming alerts.entry", async () => {
            const { error, registry } = await buildFails(() => new AuditTrail("audit", { alerts: { topicArn: TOPIC } }));
            assert.ok(error instanceof ArgsError, String(error));
            assert.deepEqual(
                error.issues.map((i) => [i.path, i.message]),
                [["alerts.entry", "is not a file"]],
            );
            assert.equal(registry.size, 0);
        });

        it("bundles the function from alerts.entry, the program's own copy", async () => {
            const copy = path.join(elsewhere, "alert.ts");
            fs.writeFileSync(copy, 'export const handler = async () => "the program\'s copy";\n');
            const { registry } = await build(() => new AuditTrail("audit", { alerts: { topicArn: TOPIC, entry: copy } }));
            assert.equal(registry.one(FUNCTION).inputs.code.assets["index.js"].text, bundle(copy).code);
        });
    });

    it("creates no alert resources without alerts", async () => {
        const { registry } = await build(() => new AuditTrail("audit"));
        for (const type of [RULE, TARGET, PERMISSION, FUNCTION, QUEUE, QUEUE_POLICY]) assert.equal(registry.ofType(type).length, 0, type);
    });

    it("warns that IAM and sign-in rules never fire outside us-east-1", async () => {
        const { warnings } = await build(() => new AuditTrail("audit", { alerts: { topicArn: TOPIC } }), { config: { "aws:region": "eu-west-1" } });
        const w = warnings.filter((x) => x.includes("[aws-platform:audit:alerts-region]"));
        assert.equal(w.length, 1, String(warnings));
        assert.match(w[0], /root-sign-in, iam-policy-changes are created in eu-west-1/);
    });

    it("does not warn outside us-east-1 when only regional rules are chosen", async () => {
        const { warnings } = await build(() => new AuditTrail("audit", { alerts: { topicArn: TOPIC, rules: ["security-group-changes"] } }), {
            config: { "aws:region": "eu-west-1" },
        });
        assert.deepEqual(
            warnings.filter((x) => x.includes("alerts-region")),
            [],
        );
    });

    it("applies the alert transforms to every rule, target and the function's children", async () => {
        const { registry } = await build(
            () =>
                new AuditTrail("audit", {
                    alerts: { topicArn: TOPIC, rules: ["root-sign-in", "kms-key-deletion"] },
                    transform: { alertRule: { state: "DISABLED" }, alertFunction: { function: { memorySize: 256 } }, alertFailures: { delaySeconds: 5 } },
                }),
        );
        assert.deepEqual(
            registry.ofType(RULE).map((r) => r.inputs.state),
            ["DISABLED", "DISABLED"],
        );
        assert.equal(registry.one(FUNCTION).inputs.memorySize, 256);
        assert.equal(registry.one(QUEUE).inputs.delaySeconds, 5);
    });
});
