import * as pulumi from "@pulumi/pulumi";
import { Issues, isPlain } from "./errors";
import { Statement, keyThroughService } from "./iam";
import { S3_BUCKET_ARN, checkKmsKeyArn } from "./validators";

/** Where Lambda sends a record of what failed: a queue, a topic, a bucket, a function or an event bus. */
export type DestinationType = "sqs" | "sns" | "s3" | "lambda" | "eventbridge";

/** The ARN service of each destination type. */
export const DESTINATION_ARN_SERVICE: Record<DestinationType, string> = { sqs: "sqs", sns: "sns", s3: "s3", lambda: "lambda", eventbridge: "events" };

/** The destination types that can be encrypted with a customer managed KMS key the sender must use. */
export const ENCRYPTABLE_DESTINATIONS = ["sqs", "sns", "s3"] as const;

/**
 * What a role needs to send a failure record to a destination, on that destination only
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html: SQS `sqs:SendMessage`,
 * SNS `sns:Publish`, S3 `s3:PutObject` and `s3:ListBucket`), and, when the queue, topic or bucket is
 * encrypted with a customer managed key, that key through that service: a sender to an SSE-KMS queue
 * or topic needs `kms:GenerateDataKey` and `kms:Decrypt` on its key, or the send fails with
 * KMS.AccessDeniedException and the record is lost
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html;
 * SNS: https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html; S3 PutObject under SSE-KMS: kms:GenerateDataKey).
 */
export function destinationStatements(
    type: DestinationType,
    arn: pulumi.Input<string>,
    kmsKeyArn?: pulumi.Input<string>,
    /** What is sent, in the statements' Sids (`Send<what>`, `Encrypt<what>`): an API's proxy sends `Messages`. */
    what = FAILURE_RECORDS,
): Statement[] {
    // The key only when the destination's service calls KMS for the sender.
    return [
        ...sendStatements(type, arn, what),
        ...keyThroughService(`Encrypt${what}`, kmsKeyArn, ["kms:GenerateDataKey", "kms:Decrypt"], DESTINATION_ARN_SERVICE[type]),
    ];
}

const FAILURE_RECORDS = "FailureRecords";

function sendStatements(type: DestinationType, arn: pulumi.Input<string>, what: string): Statement[] {
    switch (type) {
        case "sqs":
            return [{ Sid: `Send${what}`, Effect: "Allow", Action: "sqs:SendMessage", Resource: arn }];
        case "sns":
            return [{ Sid: `Publish${what}`, Effect: "Allow", Action: "sns:Publish", Resource: arn }];
        case "lambda":
            return [{ Sid: `InvokeWith${what}`, Effect: "Allow", Action: "lambda:InvokeFunction", Resource: arn }];
        case "eventbridge":
            return [{ Sid: `Put${what}`, Effect: "Allow", Action: "events:PutEvents", Resource: arn }];
        case "s3":
            // Lambda lists the bucket to name the record's object, then writes it.
            return [
                { Sid: what === FAILURE_RECORDS ? "ListFailureBucket" : `ListBucketFor${what}`, Effect: "Allow", Action: "s3:ListBucket", Resource: arn },
                { Sid: `Write${what}`, Effect: "Allow", Action: "s3:PutObject", Resource: pulumi.interpolate`${arn}/*` },
            ];
    }
}

/**
 * A destination's type and ARN: the type one of `types`, a plain ARN of that type's service, and no
 * FIFO queue or topic: Lambda cannot deliver to them (only the DestinationDeliveryFailures metric
 * tells), and Scheduler refuses a FIFO dead-letter queue
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html).
 */
export function checkDestination(
    issues: Issues,
    path: string,
    dest: { type: string; arn: pulumi.Input<string>; kmsKeyArn?: pulumi.Input<string> },
    types: readonly DestinationType[],
    arnPath = `${path}.arn`,
    kmsKeyArnPath = `${path}.kmsKeyArn`,
): void {
    if (!issues.oneOf(`${path}.type`, dest.type, types)) return;
    const type = dest.type as DestinationType;
    if (dest.kmsKeyArn !== undefined) {
        if (!(ENCRYPTABLE_DESTINATIONS as readonly string[]).includes(type))
            issues.add(
                kmsKeyArnPath,
                dest.kmsKeyArn,
                `is not used with a ${type} destination`,
                `no kmsKeyArn (only ${ENCRYPTABLE_DESTINATIONS.join(", ")} take one)`,
            );
        else checkKmsKeyArn(issues, kmsKeyArnPath, dest.kmsKeyArn);
    }
    if (!isPlain(dest.arn)) return;
    const service = DESTINATION_ARN_SERVICE[type];
    // S3 bucket ARNs carry no region or account: arn:aws:s3:::<bucket>.
    const pattern = type === "s3" ? S3_BUCKET_ARN : new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]+:\\d{12}:.+$`);
    const example = type === "s3" ? "arn:aws:s3:::<bucket>" : `arn:aws:${service}:<region>:<account>:...`;
    if (!issues.match(arnPath, dest.arn, pattern, `an ARN of ${type} (${example})`)) return;
    if ((type === "sqs" || type === "sns") && dest.arn.endsWith(".fifo"))
        issues.add(arnPath, dest.arn, "is a FIFO queue or topic: failure records go to standard ones only", `a standard ${type} ARN`);
}
