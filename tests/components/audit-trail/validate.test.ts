import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { AuditTrail } from "../../../components/audit-trail";
import type { AuditTrailArgs } from "../../../components/audit-trail/args";
import { DEFAULTS, normalize } from "../../../components/audit-trail/defaults";
import { validate } from "../../../components/audit-trail/validate";
import { ArgsError } from "../../../components/shared/errors";
import { buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { itRefusesAll } from "../../harness/refusals";

describe("AuditTrail validation", () => {
    const cases: Array<{ title: string; args: AuditTrailArgs; paths: string[]; message: RegExp }> = [
        {
            title: "rejects a retention of zero days (S3 expires after at least one)",
            args: { retentionDays: 0 },
            paths: ["retentionDays"],
            message: /from 1 to 36500/,
        },
        { title: "rejects a log retention CloudWatch Logs does not offer", args: { logRetentionDays: 100 }, paths: ["logRetentionDays"], message: /365/ },
        {
            title: "rejects a writer account id that is not 12 digits",
            args: { writerAccountIds: ["12345"] },
            paths: ["writerAccountIds[0]"],
            message: /12-digit/,
        },
        {
            title: "rejects the same writer account twice",
            args: { writerAccountIds: ["111122223333", "111122223333"] },
            paths: ["writerAccountIds[1]"],
            message: /twice/,
        },
        {
            title: "rejects an S3 data event ARN that names an object prefix rather than a bucket",
            args: { dataEvents: { s3Objects: ["arn:aws:s3:::uploads/images"] } },
            paths: ["dataEvents.s3Objects[0]"],
            message: /bucket ARN/,
        },
        {
            title: "rejects a DynamoDB data event ARN that is not a table's",
            args: { dataEvents: { dynamoDbTables: ["arn:aws:s3:::orders"] } },
            paths: ["dataEvents.dynamoDbTables[0]"],
            message: /table ARN/,
        },
        {
            title: "rejects a qualified Lambda ARN as a data event resource",
            args: { dataEvents: { lambdaFunctions: ["arn:aws:lambda:us-east-1:123456789012:function:api:live"] } },
            paths: ["dataEvents.lambdaFunctions[0]"],
            message: /unqualified/,
        },
        { title: "rejects an empty list of data event resources", args: { dataEvents: { s3Objects: [] } }, paths: ["dataEvents.s3Objects"], message: /all/ },
        {
            title: "rejects an Insights type CloudTrail does not have",
            args: { insights: ["ApiLatencyInsight" as never] },
            paths: ["insights[0]"],
            message: /ApiCallRateInsight/,
        },
        {
            title: "rejects an Insights type listed twice",
            args: { insights: ["ApiCallRateInsight", "ApiCallRateInsight"] },
            paths: ["insights"],
            message: /twice/,
        },
        {
            title: "rejects a key deletion window KMS does not offer",
            args: { keyDeletionWindowDays: 31 },
            paths: ["keyDeletionWindowDays"],
            message: /from 7 to 30/,
        },
        {
            title: "rejects data event ARNs beyond the 500 condition values CloudTrail allows across a trail's selectors",
            args: {
                dataEvents: {
                    dynamoDbTables: Array.from({ length: 498 }, (_, i) => `arn:aws:dynamodb:us-east-1:123456789012:table/t${String(i).padStart(3, "0")}`),
                },
            },
            paths: ["dataEvents"],
            message: /at most 500/,
        },
        {
            title: "rejects a writer organization id that is not o- and 10 to 32 lowercase letters or digits",
            args: { writerAccountIds: ["111122223333"], writerOrganizationId: "O-ABC" },
            paths: ["writerOrganizationId"],
            message: /o- and 10 to 32/,
        },
        {
            title: "rejects a writer organization without its management account among the writer accounts",
            args: { writerOrganizationId: "o-a1b2c3d4e5" },
            paths: ["writerOrganizationId"],
            message: /management account in writerAccountIds/,
        },
        {
            title: "rejects an organization flag that is not a boolean",
            args: { organization: "yes" as never },
            paths: ["organization"],
            message: /./,
        },
        {
            title: "rejects alerts without a topic",
            args: { alerts: {} as never },
            paths: ["alerts.topicArn"],
            message: /./,
        },
        {
            title: "rejects an alert topic ARN that is not a standard SNS topic's",
            args: { alerts: { topicArn: "arn:aws:sqs:us-east-1:123456789012:alerts" } },
            paths: ["alerts.topicArn"],
            message: /SNS topic ARN/,
        },
        {
            title: "rejects a FIFO alert topic (the function sends no message group)",
            args: { alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts.fifo" } },
            paths: ["alerts.topicArn"],
            message: /not FIFO/,
        },
        {
            title: "rejects an alert topic key given as an alias",
            args: { alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts", topicKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/alerts" } },
            paths: ["alerts.topicKeyArn"],
            message: /not an alias/,
        },
        {
            title: "rejects an alert function entry that is not a file",
            args: { alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts", entry: "vendor/audit-alert/index.ts" } },
            paths: ["alerts.entry"],
            message: /is not a file/,
        },
        {
            title: "rejects an alert rule the component does not have",
            args: { alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts", rules: ["guardduty-findings" as never] } },
            paths: ["alerts.rules[0]"],
            message: /root-sign-in/,
        },
        {
            title: "rejects an empty list of alert rules",
            args: { alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts", rules: [] } },
            paths: ["alerts.rules"],
            message: /./,
        },
        {
            title: "rejects an alert rule listed twice",
            args: { alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts", rules: ["root-sign-in", "root-sign-in"] } },
            paths: ["alerts.rules"],
            message: /twice/,
        },
        {
            title: "rejects an alert log retention CloudWatch Logs does not offer",
            args: { alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts", logRetentionDays: 45 } },
            paths: ["alerts.logRetentionDays"],
            message: /365/,
        },
        {
            title: "rejects a failure queue retention beyond SQS's 14 days",
            args: { alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts", failureRetentionDays: 15 } },
            paths: ["alerts.failureRetentionDays"],
            message: /from 1 to 14/,
        },
        {
            title: "rejects an unknown transform of the alert function",
            args: { transform: { alertFunction: { lambda: {} } as never } },
            paths: ["transform.alertFunction.lambda"],
            message: /./,
        },
        { title: "rejects an unknown argument", args: { multiRegion: false } as never, paths: ["multiRegion"], message: /./ },
        {
            title: "reports every invalid field at once",
            args: { retentionDays: -1, logRetentionDays: 2, writerAccountIds: ["x"] },
            paths: ["retentionDays", "logRetentionDays", "writerAccountIds[0]"],
            message: /./,
        },
    ];
    itRefusesAll(cases, validate, (args) => new AuditTrail("audit", args), /^AuditTrail "audit": /);

    it("accepts no args at all", () => assert.deepEqual(validate({}), []));

    it("refuses this stack's own account as a writer account once the account is known", async () => {
        const { error } = await buildFails(() => new AuditTrail("audit", { writerAccountIds: ["111122223333", "123456789012"] }));
        assert.ok(error instanceof ArgsError, String(error));
        assert.deepEqual(
            error.issues.map((i) => i.path),
            ["writerAccountIds[1]"],
        );
    });

    it("gives normalize's output the same verdict as its input", () => {
        assert.deepEqual(validate(normalize({})), []);
        const full: AuditTrailArgs = { organization: true, alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts" } };
        assert.deepEqual(validate(normalize(full)), []);
    });

    it("accepts a multi-Region KMS key (key/mrk-…) for the alert topic", () =>
        assert.deepEqual(
            validate({
                alerts: {
                    topicArn: "arn:aws:sns:us-east-1:123456789012:alerts",
                    topicKeyArn: "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
                },
            }),
            [],
        ));

    it("leaves an alert topic known only at deployment to AWS", () => assert.deepEqual(validate({ alerts: { topicArn: pulumi.output("x") } }), []));

    it("leaves a data event ARN known only at deployment to AWS", () =>
        assert.deepEqual(validate({ dataEvents: { s3Objects: [pulumi.output("not-an-arn")], lambdaFunctions: "all" } }), []));

    it("documents every default it applies", () => assertDefaultsDocumented("components/audit-trail/args.ts", DEFAULTS));
});
