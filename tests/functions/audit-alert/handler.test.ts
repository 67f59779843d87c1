import * as assert from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type PublishInput, type SnsClient, createHandler } from "../../../functions/audit-alert/api";
import { regionOf } from "../../../functions/audit-alert/sns";
import { bundle } from "../../../components/shared/bundle";
import type { Logger } from "../../../functions/shared/log";
import { fixture } from "./fixtures";

const TOPIC = "arn:aws:sns:eu-west-1:123456789012:security-alerts";

/** An SNS client that records what it is asked to publish, or fails as SNS would. */
function fakeSns(fail?: Error): SnsClient & { sent: PublishInput[] } {
    const sent: PublishInput[] = [];
    return {
        sent,
        async publish(input) {
            if (fail) throw fail;
            sent.push(input);
            return { MessageId: `msg-${sent.length}` };
        },
    };
}

function recordingLog(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
    const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
    return { lines, log: (level, message, fields) => lines.push({ level, message, fields }) };
}

describe("audit-alert handler", () => {
    it("publishes a matching event's alert to the topic, once, and says so in its log", async () => {
        const sns = fakeSns();
        const log = recordingLog();
        const handler = createHandler({ sns, topicArn: TOPIC, rules: "root-sign-in,iam-policy-changes", log });
        const result = await handler(fixture("iam-put-role-policy"));
        assert.deepEqual(result, { published: true, rule: "iam-policy-changes", messageId: "msg-1" });
        assert.equal(sns.sent.length, 1);
        assert.equal(sns.sent[0].TopicArn, TOPIC);
        assert.match(sns.sent[0].Subject, /^AWS audit: IAM policy change: PutRolePolicy/);
        assert.match(sns.sent[0].Message, /^Who: {8}role Admin/m);
        assert.deepEqual(
            log.lines.map((l) => [l.level, l.message, l.fields?.rule]),
            [["info", "alert published", "iam-policy-changes"]],
        );
    });

    it("publishes nothing for an event no enabled rule names", async () => {
        const sns = fakeSns();
        const handler = createHandler({ sns, topicArn: TOPIC, rules: "root-sign-in", log: recordingLog() });
        for (const name of ["iam-put-role-policy", "iam-user-console-login", "ecs-task-state-change"]) {
            assert.deepEqual(await handler(fixture(name)), { published: false, reason: "no enabled rule matches the event" });
        }
        assert.deepEqual(sns.sent, []);
    });

    it("throws when SNS refuses, so Lambda retries and then sends the event to the failure destination", async () => {
        const log = recordingLog();
        const handler = createHandler({ sns: fakeSns(new Error("AuthorizationError")), topicArn: TOPIC, rules: "root-sign-in", log });
        await assert.rejects(handler(fixture("root-console-login")), /AuthorizationError/);
        assert.equal(log.lines.at(-1)?.message, "publish failed");
    });

    it("fails every invocation without a topic or with unknown rules, publishing nothing", async () => {
        const sns = fakeSns();
        await assert.rejects(
            createHandler({ sns, topicArn: undefined, rules: "root-sign-in", log: recordingLog() })(fixture("root-console-login")),
            /TOPIC_ARN is not set/,
        );
        await assert.rejects(createHandler({ sns, topicArn: TOPIC, rules: "root", log: recordingLog() })(fixture("root-console-login")), /unknown rules: root/);
        assert.deepEqual(sns.sent, []);
    });
});

describe("audit-alert SNS client", () => {
    it("publishes to the topic's own Region, read from its ARN", () => {
        assert.equal(regionOf(TOPIC), "eu-west-1");
        assert.equal(regionOf("arn:aws-cn:sns:cn-north-1:123456789012:t"), "cn-north-1");
    });

    it("refuses what is not an SNS topic ARN", () => assert.throws(() => regionOf("arn:aws:sqs:eu-west-1:123456789012:q"), /not an SNS topic ARN/));
});

/** What the SDK sent: the request its stub handler received, after serialisation and signing. */
interface SentRequest {
    hostname: string;
    method: string;
    path: string;
    headers: Record<string, string>;
    body: string;
}

/** An SDK request handler that answers Publish as SNS would (AWS Query XML), or with an error, and records each request: no network. */
function stubHandler(status = 200, answer = "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>") {
    const sent: SentRequest[] = [];
    return {
        sent,
        requestHandler: {
            async handle(request: SentRequest) {
                sent.push({ ...request, body: String(request.body) });
                return { response: { statusCode: status, headers: { "content-type": "text/xml" }, body: Buffer.from(answer) } };
            },
        },
    };
}

describe("audit-alert bundle", function () {
    this.timeout(60_000);
    const ENV = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_SESSION_TOKEN: "session-token", LOG_LEVEL: "error" };
    let code: string;
    let dir: string;
    let saved: NodeJS.ProcessEnv;
    // The bundle as Lambda runs it, loaded from a directory with no node_modules: the SDK must be inside.
    let fn: { handler: (e: unknown) => Promise<unknown>; createHandler: typeof createHandler; createSnsClient: (config: object) => SnsClient };

    before(() => {
        code = bundle("functions/audit-alert/index.ts", { cache: false }).code;
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-alert-"));
        fs.writeFileSync(path.join(dir, "index.js"), code);
        saved = { ...process.env };
        // The role's credentials as Lambda gives them; no AWS_REGION: the Region comes from the topic's ARN.
        for (const k of ["AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_USE_FIPS_ENDPOINT", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SNS"])
            delete process.env[k];
        Object.assign(process.env, ENV, { TOPIC_ARN: TOPIC, ALERT_RULES: "root-sign-in" });
        fn = require(path.join(dir, "index.js"));
    });
    after(() => {
        process.env = saved;
        if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    });

    const bundled = (stub: ReturnType<typeof stubHandler>, rules = "root-sign-in") =>
        fn.createHandler({ sns: fn.createSnsClient({ requestHandler: stub.requestHandler }), topicArn: TOPIC, rules, log: recordingLog() });

    it("bundles for Lambda with the SNS client inside and exports handler", () => {
        assert.equal(typeof fn.handler, "function");
        // (The SDK's optional `require("@aws-sdk/signature-v4-crt")`, inside a try, is for SigV4a only: SNS signs with SigV4.)
        assert.doesNotMatch(code, /require\("@(aws-sdk\/(client-sns|core|credential-provider)|smithy\/)/, "the SDK is bundled, not required at run time");
        assert.ok(code.length < 1024 * 1024, `${code.length} bytes`);
    });

    it("publishes a root sign-in as one Publish of SNS's Query API to the topic's Region, signed with the role's credentials and session token", async () => {
        const stub = stubHandler();
        assert.deepEqual(await bundled(stub)(fixture("root-console-login")), { published: true, rule: "root-sign-in", messageId: "m-1" });
        assert.equal(stub.sent.length, 1);
        const [r] = stub.sent;
        assert.deepEqual([r.method, r.hostname, r.path], ["POST", "sns.eu-west-1.amazonaws.com", "/"]);
        const body = Object.fromEntries(new URLSearchParams(r.body));
        assert.deepEqual([body.Action, body.Version, body.TopicArn], ["Publish", "2010-03-31", TOPIC]);
        assert.match(body.Subject, /^AWS audit: Root user console sign-in: ConsoleLogin by the root user/);
        assert.match(body.Message, /^Who: {8}the root user/m);
        assert.equal(r.headers["x-amz-security-token"], "session-token");
        assert.match(
            r.headers.authorization,
            /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sns\/aws4_request, SignedHeaders=[^,]*x-amz-security-token/,
        );
    });

    it("publishes nothing, and sends nothing, for an event no enabled rule names", async () => {
        const stub = stubHandler();
        assert.deepEqual(await bundled(stub)(fixture("iam-put-role-policy")), { published: false, reason: "no enabled rule matches the event" });
        assert.deepEqual(await fn.handler(fixture("iam-put-role-policy")), { published: false, reason: "no enabled rule matches the event" });
        assert.equal(stub.sent.length, 0);
    });

    it("throws SNS's refusal, so Lambda retries and then sends the event to the failure destination", async () => {
        const stub = stubHandler(
            403,
            "<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>not authorized to perform SNS:Publish</Message></Error><RequestId>r-1</RequestId></ErrorResponse>",
        );
        await assert.rejects(bundled(stub)(fixture("root-console-login")), /not authorized to perform SNS:Publish/);
    });
});
