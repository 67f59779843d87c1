import * as assert from "node:assert";
import { ALERT_RULES } from "../../../components/audit-trail/alert-rules";
import { fixture } from "./fixtures";
import { type AlertRule, alertFor, consoleLink, parseRules, ruleFor, subjectLine } from "../../../functions/audit-alert/core";

const ALL = Object.keys(ALERT_RULES) as AlertRule[];

describe("audit-alert filter", () => {
    const cases: { fixture: string; rule: AlertRule | undefined }[] = [
        { fixture: "root-console-login", rule: "root-sign-in" },
        { fixture: "root-console-login-failure", rule: "root-sign-in" },
        { fixture: "iam-user-console-login", rule: undefined },
        { fixture: "iam-put-role-policy", rule: "iam-policy-changes" },
        { fixture: "iam-attach-user-policy-denied", rule: "iam-policy-changes" },
        { fixture: "iam-list-users", rule: undefined },
        { fixture: "ec2-authorize-security-group-ingress", rule: "security-group-changes" },
        { fixture: "ec2-modify-security-group-rules", rule: "security-group-changes" },
        { fixture: "cloudtrail-stop-logging", rule: "cloudtrail-changes" },
        { fixture: "kms-schedule-key-deletion", rule: "kms-key-deletion" },
        { fixture: "ecs-task-state-change", rule: undefined },
    ];
    for (const c of cases) {
        it(`${c.rule ? `keeps ${c.fixture} as ${c.rule}` : `ignores ${c.fixture}`}`, () => assert.equal(ruleFor(fixture(c.fixture), ALL), c.rule));
    }

    it("keeps only the enabled rules' events", () => {
        assert.equal(ruleFor(fixture("iam-put-role-policy"), ["root-sign-in", "security-group-changes"]), undefined);
        assert.equal(ruleFor(fixture("iam-put-role-policy"), ["iam-policy-changes"]), "iam-policy-changes");
    });

    it("ignores what is not an event at all", () => {
        for (const e of [null, undefined, "ConsoleLogin", 42, [], {}]) assert.equal(alertFor(e, ALL), undefined, String(e));
    });

    it("matches a root sign-in whichever spelling of its detail-type EventBridge uses", () => {
        const e = fixture("root-console-login");
        e["detail-type"] = "AWS Console Signin via CloudTrail";
        assert.equal(ruleFor(e, ALL), "root-sign-in");
    });
});

describe("audit-alert message", () => {
    it("says who, what, where, when, from where, with MFA, and links the event in the console, for a root sign-in", () => {
        const a = alertFor(fixture("root-console-login"), ALL)!;
        assert.equal(a.subject, "AWS audit: Root user console sign-in: ConsoleLogin by the root user in 111122223333");
        assert.equal(
            a.message,
            [
                "Root user console sign-in in account 111122223333",
                "",
                "What:       ConsoleLogin (signin.amazonaws.com)",
                "Outcome:    succeeded",
                "Who:        the root user (arn:aws:iam::111122223333:root)",
                "MFA:        No",
                "Where:      account 111122223333, region us-east-1",
                "When:       2023-07-19T21:44:40Z",
                "Source IP:  192.0.2.0",
                "User agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:102.0) Gecko/20100101 Firefox/102.0",
                "Event ID:   e1bf67c7-a9ab-4f34-ae4d-0b1e4d2a0f11",
                "Console:    https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/e1bf67c7-a9ab-4f34-ae4d-0b1e4d2a0f11",
                "",
            ].join("\n"),
        );
    });

    it("marks a failed root sign-in as failed, in the subject and with the reason", () => {
        const a = alertFor(fixture("root-console-login-failure"), ALL)!;
        assert.match(a.subject, /^AWS audit: Root user console sign-in \(failed\): /);
        assert.match(a.message, /^Outcome: {4}FAILED \(Failed authentication\)$/m);
        assert.match(a.message, /^Source IP: {2}198\.51\.100\.7$/m);
    });

    it("names an assumed role and its session, the MFA state, and the changed role and policy, without the policy text", () => {
        const a = alertFor(fixture("iam-put-role-policy"), ALL)!;
        assert.equal(a.subject, "AWS audit: IAM policy change: PutRolePolicy by role Admin (session alice) in 123456789012");
        assert.match(a.message, /^Who: {8}role Admin \(session alice\) \(arn:aws:sts::123456789012:assumed-role\/Admin\/alice\)$/m);
        assert.match(a.message, /^Access key: ASIAIOSFODNN7EXAMPLE$/m);
        assert.match(a.message, /^MFA: {8}Yes$/m);
        assert.match(a.message, /^Request: {4}roleName=app-task-role, policyName=s3-everything$/m);
        assert.match(a.message, /^Policy: {5}\d+ characters \(see the event\)$/m);
        assert.doesNotMatch(a.message, /s3:\*/);
    });

    it("reports a denied attempt with its error code and message", () => {
        const a = alertFor(fixture("iam-attach-user-policy-denied"), ALL)!;
        assert.match(a.subject, /^AWS audit: IAM policy change \(failed\): AttachUserPolicy by IAM user Mateo in 123456789012$/);
        assert.match(a.message, /^Outcome: {4}FAILED: AccessDenied \(User: arn:aws:iam::123456789012:user\/Mateo is not authorized/m);
    });

    it("summarises security group rules so an opening to the world reads at a glance, in the event's region", () => {
        const a = alertFor(fixture("ec2-authorize-security-group-ingress"), ALL)!;
        assert.match(a.message, /^Rules: {6}tcp 22 with 0\.0\.0\.0\/0; tcp 8000-8080 with sg-0fedcba9876543210$/m);
        assert.match(a.message, /^Request: {4}groupId=sg-0123456789abcdef0$/m);
        assert.match(a.message, /^Where: {6}account 123456789012, region eu-west-1$/m);
        assert.match(a.message, /^Console: {4}https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudtrailv2\/home\?region=eu-west-1#\/events\/5e6f7a8b-/m);
    });

    it("names the group and summarises each rule a ModifySecurityGroupRules call changed", () => {
        const a = alertFor(fixture("ec2-modify-security-group-rules"), ALL)!;
        assert.match(a.message, /^Group: {6}sg-0123456789abcdef0$/m);
        assert.match(a.message, /^Rules: {6}sgr-0a1b2c3d4e5f6a7b8: tcp 22 with 0\.0\.0\.0\/0$/m);
    });

    it("summarises every rule of a ModifySecurityGroupRules call that changed several", () => {
        const e = fixture("ec2-modify-security-group-rules");
        const request = e.detail.requestParameters.ModifySecurityGroupRulesRequest;
        request.SecurityGroupRule = [
            request.SecurityGroupRule,
            { SecurityGroupRuleId: "sgr-0ffff", SecurityGroupRule: { IpProtocol: "-1", CidrIpv6: "::/0" } },
        ];
        assert.match(alertFor(e, ALL)!.message, /^Rules: {6}sgr-0a1b2c3d4e5f6a7b8: tcp 22 with 0\.0\.0\.0\/0; sgr-0ffff: all traffic with ::\/0$/m);
    });

    it("says which trail was stopped", () => {
        const a = alertFor(fixture("cloudtrail-stop-logging"), ALL)!;
        assert.equal(a.subject, "AWS audit: CloudTrail configuration change: StopLogging by IAM user Mary_Major in 123456789012");
        assert.match(a.message, /^Request: {4}name=arn:aws:cloudtrail:us-east-1:123456789012:trail\/audit-0a1b2c3$/m);
    });

    it("names the service a call was made through", () => {
        const a = alertFor(fixture("kms-schedule-key-deletion"), ALL)!;
        assert.match(a.message, /^Who: {8}role Deployer \(session deploy\) \(arn:[^)]+\), via cloudformation\.amazonaws\.com$/m);
        assert.match(a.message, /^Request: {4}keyId=1234abcd-12ab-34cd-56ef-1234567890ab, pendingWindowInDays=7$/m);
    });

    it("keeps every subject within SNS's rules: ASCII, one line, under 100 characters", () => {
        for (const name of ["root-console-login", "iam-put-role-policy", "iam-attach-user-policy-denied", "ec2-authorize-security-group-ingress"]) {
            const e = fixture(name);
            e.detail.userIdentity.userName = `${"ü".repeat(150)}\nx`;
            e.detail.userIdentity.sessionContext = { sessionIssuer: { userName: "ü".repeat(150) } };
            const { subject } = alertFor(e, ALL)!;
            assert.ok(subject.length < 100, subject);
            assert.match(subject, /^[\x20-\x7e]+$/);
        }
    });

    it("cuts a long subject with an ellipsis and replaces what is not printable ASCII", () => {
        assert.equal(subjectLine(`a\u00e9\nb${"c".repeat(200)}`).length, 99);
        assert.equal(subjectLine("a\u00e9\nb"), "a??b");
    });

    it("links the console of the event's partition: China and GovCloud have their own, the isolated Regions none", () => {
        assert.equal(consoleLink("cn-north-1", "e-1"), "https://console.amazonaws.cn/cloudtrailv2/home?region=cn-north-1#/events/e-1");
        assert.equal(consoleLink("us-gov-west-1", "e-1"), "https://console.amazonaws-us-gov.com/cloudtrailv2/home?region=us-gov-west-1#/events/e-1");
        assert.equal(consoleLink("us-iso-east-1", "e-1"), undefined);
        const e = fixture("cloudtrail-stop-logging");
        e.detail.awsRegion = "us-isob-east-1";
        assert.doesNotMatch(alertFor(e, ALL)!.message, /^Console:/m);
    });

    it("escapes the event id in the console link", () =>
        assert.equal(consoleLink("us-east-1", "a b"), "https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/a%20b"));
});

describe("audit-alert settings", () => {
    it("reads ALERT_RULES as comma-separated rule ids", () =>
        assert.deepEqual(parseRules("root-sign-in, iam-policy-changes"), { rules: ["root-sign-in", "iam-policy-changes"] }));
    it("refuses a missing ALERT_RULES", () => assert.equal(parseRules(undefined).error, "ALERT_RULES is not set"));
    it("refuses an unknown rule id", () => assert.match(parseRules("root-sign-in,guardduty")?.error ?? "", /unknown rules: guardduty/));
});
