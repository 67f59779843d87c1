import * as assert from "node:assert";
import { createHash, createHmac } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type PublishInput, type SnsClient, createHandler } from "../../../functions/audit-alert/api";
import { type Fetch, createSnsClient, endpointOf } from "../../../functions/audit-alert/sns";
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
    const env = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", AWS_SESSION_TOKEN: "session-token" };
    const now = () => new Date("2026-11-26T10:00:00Z");

    function recordingFetch(
        status = 200,
        body = "<PublishResponse><PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult></PublishResponse>",
    ) {
        const calls: { url: string; init: { method: string; headers: Record<string, string>; body: string } }[] = [];
        const f: Fetch = async (url, init) => {
            calls.push({ url, init });
            return { status, text: async () => body };
        };
        return { calls, f };
    }

    it("posts Publish to the topic's own Region, form-encoded, and returns the message id", async () => {
        const { calls, f } = recordingFetch();
        const result = await createSnsClient(env, f, now).publish({ TopicArn: TOPIC, Subject: "Hi there", Message: "line 1\nline 2 & more" });
        assert.deepEqual(result, { MessageId: "94f20ce6-13c5-43a0-9a9e-ca52d816e90b" });
        assert.equal(calls.length, 1);
        assert.equal(calls[0].url, "https://sns.eu-west-1.amazonaws.com/");
        assert.equal(calls[0].init.method, "POST");
        const params = new URLSearchParams(calls[0].init.body);
        assert.deepEqual(Object.fromEntries(params), {
            Action: "Publish",
            Version: "2010-03-31",
            TopicArn: TOPIC,
            Subject: "Hi there",
            Message: "line 1\nline 2 & more",
        });
    });

    it("signs with Signature Version 4 for sns in that Region, with the role's session token", async () => {
        const { calls, f } = recordingFetch();
        await createSnsClient(env, f, now).publish({ TopicArn: TOPIC, Subject: "s", Message: "m" });
        const h = calls[0].init.headers;
        assert.match(
            h.authorization,
            /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261126\/eu-west-1\/sns\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
        );
        const signed = /SignedHeaders=([^,]+)/.exec(h.authorization)![1].split(";");
        for (const name of ["content-type", "host", "x-amz-date", "x-amz-security-token"]) assert.ok(signed.includes(name), name);
        assert.equal(h["x-amz-date"], "20261126T100000Z");
        assert.equal(h["x-amz-security-token"], "session-token");
    });

    it("computes the signature Signature Version 4 defines for the request it sends (checked independently of the SDK signer)", async () => {
        const { calls, f } = recordingFetch();
        await createSnsClient(env, f, now).publish({ TopicArn: TOPIC, Subject: "Root sign-in", Message: "Who: the root user\nWhere: us-east-1" });
        const { headers, body } = calls[0].init;
        const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
        const [, signedHeaders, signature] = /SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(lower.authorization)!;
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
        const sha = (x: string) => createHash("sha256").update(x, "utf8").digest("hex");
        const hmac = (key: string | Buffer, x: string) => createHmac("sha256", key).update(x, "utf8").digest();
        const canonicalHeaders = signedHeaders
            .split(";")
            .map((h) => `${h}:${lower[h].trim()}\n`)
            .join("");
        const canonicalRequest = ["POST", "/", "", canonicalHeaders, signedHeaders, sha(body)].join("\n");
        const scope = "20261126/eu-west-1/sns/aws4_request";
        const stringToSign = ["AWS4-HMAC-SHA256", "20261126T100000Z", scope, sha(canonicalRequest)].join("\n");
        let key = hmac(`AWS4${env.AWS_SECRET_ACCESS_KEY}`, "20261126");
        for (const part of ["eu-west-1", "sns", "aws4_request"]) key = hmac(key, part);
        assert.equal(signature, createHmac("sha256", key).update(stringToSign, "utf8").digest("hex"));
        assert.equal(lower["content-type"], "application/x-www-form-urlencoded; charset=utf-8");
        assert.ok(signedHeaders.split(";").includes("content-type"), "the content type is signed");
    });

    it("throws SNS's error code and message on a refusal", async () => {
        const { f } = recordingFetch(
            403,
            "<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>not authorized to perform SNS:Publish</Message></Error></ErrorResponse>",
        );
        await assert.rejects(
            createSnsClient(env, f, now).publish({ TopicArn: TOPIC, Subject: "s", Message: "m" }),
            /HTTP 403: AuthorizationError: not authorized to perform SNS:Publish/,
        );
    });

    it("refuses to send without credentials in the environment", async () => {
        const { calls, f } = recordingFetch();
        await assert.rejects(createSnsClient({}, f, now).publish({ TopicArn: TOPIC, Subject: "s", Message: "m" }), /no AWS credentials/);
        assert.equal(calls.length, 0);
    });

    it("uses the China partition's endpoint for an aws-cn topic", () =>
        assert.deepEqual(endpointOf("arn:aws-cn:sns:cn-north-1:123456789012:t"), { region: "cn-north-1", host: "sns.cn-north-1.amazonaws.com.cn" }));
});

describe("audit-alert bundle", () => {
    it("runs as bundled: a root sign-in becomes one signed Publish to the topic's Region", async () => {
        const b = bundle("functions/audit-alert/index.ts", { cache: false });
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-alert-"));
        const file = path.join(dir, "index.js");
        fs.writeFileSync(file, b.code);
        const saved = { env: { ...process.env }, fetch: globalThis.fetch };
        const requests: { url: string; body: string; authorization: string }[] = [];
        try {
            Object.assign(process.env, {
                TOPIC_ARN: TOPIC,
                ALERT_RULES: "root-sign-in",
                AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
                AWS_SECRET_ACCESS_KEY: "secret",
                AWS_SESSION_TOKEN: "token",
                LOG_LEVEL: "error",
            });
            globalThis.fetch = (async (url: string, init: { headers: Record<string, string>; body: string }) => {
                requests.push({ url, body: init.body, authorization: init.headers.authorization });
                return { status: 200, text: async () => "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>" };
            }) as never;
            const { handler } = require(file);
            assert.deepEqual(await handler(fixture("root-console-login")), { published: true, rule: "root-sign-in", messageId: "m-1" });
            assert.deepEqual(await handler(fixture("iam-put-role-policy")), { published: false, reason: "no enabled rule matches the event" });
        } finally {
            process.env = saved.env;
            globalThis.fetch = saved.fetch;
            fs.rmSync(dir, { recursive: true, force: true });
        }
        assert.equal(requests.length, 1);
        assert.equal(requests[0].url, "https://sns.eu-west-1.amazonaws.com/");
        assert.match(new URLSearchParams(requests[0].body).get("Message") ?? "", /^Who: {8}the root user/m);
        assert.match(requests[0].authorization, /Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sns\/aws4_request/);
    });

    it("bundles for Lambda with the signer inside and exports handler", () => {
        const b = bundle("functions/audit-alert/index.ts", { cache: false });
        assert.ok(b.exports?.includes("handler"), String(b.exports));
        assert.ok(b.bytes < 200_000, `${b.bytes} bytes`);
        assert.doesNotMatch(b.code, /require\("@smithy/);
    });
});
