import type * as pulumi from "@pulumi/pulumi";
import { type Statement, policyJson } from "./iam";

/**
 * The queue policy statement that refuses any request not sent over TLS (cdk-nag AwsSolutions-SQS4; the
 * `aws:SecureTransport` deny of https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html).
 */
export function tlsOnlyQueueStatement(queueArn: pulumi.Input<string>): Statement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/** A queue policy with only the TLS-only deny: what a queue that AWS services or roles write to needs. */
export function tlsOnlyQueuePolicy(queueArn: pulumi.Input<string>): pulumi.Output<string> {
    return policyJson([tlsOnlyQueueStatement(queueArn)]);
}
