/**
 * SNS Publish over HTTPS, signed with Signature Version 4 by the AWS SDK's own signer (`@smithy/signature-v4`): the
 * SNS client package is not among this project's dependencies, and Publish is one form-encoded POST of the Query API
 * (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html, https://docs.aws.amazon.com/sns/latest/api/CommonParameters.html).
 * Credentials are the execution role's, which Lambda puts in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 * The request goes to the topic's own Region, read from its ARN: SNS answers a topic of another Region with NotFound.
 */
import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { PublishInput, SnsClient } from "./api";

/** SHA-256 (or HMAC-SHA256 with a secret) in the shape the signer takes. */
type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytes(data: SourceData): Buffer {
    if (typeof data === "string") return Buffer.from(data, "utf8");
    if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return Buffer.from(data);
}

class Sha256 {
    private parts: Buffer[] = [];
    constructor(private readonly secret?: SourceData) {}
    update(data: SourceData): void {
        this.parts.push(bytes(data));
    }
    async digest(): Promise<Uint8Array> {
        const h = this.secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(this.secret));
        for (const p of this.parts) h.update(p);
        return new Uint8Array(h.digest());
    }
    reset(): void {
        this.parts = [];
    }
}

export type Fetch = (
    url: string,
    init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ status: number; text(): Promise<string> }>;

/** `arn:<partition>:sns:<region>:<account>:<name>` → the Region and the endpoint host of its partition. */
export function endpointOf(topicArn: string): { region: string; host: string } {
    const [, partition, , region] = topicArn.split(":");
    if (!region) throw new Error(`not an SNS topic ARN: ${topicArn}`);
    const suffix = partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
    return { region, host: `sns.${region}.${suffix}` };
}

export function createSnsClient(
    env: Record<string, string | undefined> = process.env,
    fetchImpl: Fetch = fetch,
    now: () => Date = () => new Date(),
): SnsClient {
    return {
        async publish(input: PublishInput) {
            const { region, host } = endpointOf(input.TopicArn);
            const accessKeyId = env.AWS_ACCESS_KEY_ID;
            const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
            if (!accessKeyId || !secretAccessKey) throw new Error("no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)");
            const signer = new SignatureV4({
                service: "sns",
                region,
                sha256: Sha256,
                credentials: { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN === "" ? undefined : env.AWS_SESSION_TOKEN },
            });
            const body = new URLSearchParams({ Action: "Publish", Version: "2010-03-31", ...input }).toString();
            const signed = await signer.sign(
                {
                    method: "POST",
                    protocol: "https:",
                    hostname: host,
                    path: "/",
                    headers: { host, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
                    query: {},
                    body,
                },
                { signingDate: now() },
            );
            const response = await fetchImpl(`https://${host}/`, { method: "POST", headers: signed.headers as Record<string, string>, body });
            const text = await response.text();
            if (response.status !== 200) {
                const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? "UnknownError";
                const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text.slice(0, 200);
                throw new Error(`SNS Publish failed with HTTP ${response.status}: ${code}: ${message}`);
            }
            return { MessageId: /<MessageId>([^<]*)<\/MessageId>/.exec(text)?.[1] };
        },
    };
}
