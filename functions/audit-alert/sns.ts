/**
 * SNS Publish with the AWS SDK's SNS client (`@aws-sdk/client-sns`, bundled into the function like the other functions'
 * clients), behind the one-method `SnsClient` that api.ts takes. The SDK signs with the execution role's credentials,
 * which Lambda puts in the environment (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
 * retries throttling and 5xx answers with backoff within the invocation, and resolves the endpoint for every partition
 * (and FIPS with `AWS_USE_FIPS_ENDPOINT`).
 *
 * The request goes to the topic's own Region, read from its ARN: SNS answers a topic of another Region with NotFound.
 * One SDK client per Region, created when first needed and kept for the execution environment.
 */
import { PublishCommand, SNSClient, type SNSClientConfig } from "@aws-sdk/client-sns";
import type { PublishInput, SnsClient } from "./api";

/** `arn:<partition>:sns:<region>:<account>:<name>` → its Region. */
export function regionOf(topicArn: string): string {
    const [arn, , service, region] = topicArn.split(":");
    if (arn !== "arn" || service !== "sns" || !region) throw new Error(`not an SNS topic ARN: ${topicArn}`);
    return region;
}

/**
 * The SNS client the function publishes with. `config` is passed to each Region's `SNSClient` (its `region` is the
 * topic's): tests give a `requestHandler` that answers without the network.
 */
export function createSnsClient(config: Omit<SNSClientConfig, "region"> = {}): SnsClient {
    const clients = new Map<string, SNSClient>();
    return {
        async publish(input: PublishInput) {
            const region = regionOf(input.TopicArn);
            let client = clients.get(region);
            if (client === undefined) {
                client = new SNSClient({ ...config, region });
                clients.set(region, client);
            }
            const { MessageId } = await client.send(new PublishCommand(input));
            return { MessageId };
        },
    };
}
