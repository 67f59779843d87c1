import * as pulumi from "@pulumi/pulumi";
import * as sqs from "@pulumi/aws/sqs";
import type { Statement } from "../shared/iam";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { Ctx } from "./context";
import type { ResolvedService } from "./defaults";

export interface QueueResources {
    queue: sqs.Queue;
    deadLetterQueue: sqs.Queue;
    policy: sqs.QueuePolicy;
    /** The dead-letter queue's policy: requests over TLS only. */
    deadLetterPolicy: sqs.QueuePolicy;
    /** What the worker's task role may do on its queue: receive, delete, extend visibility. */
    statements: Statement[];
}

/** Refuses any request to the queue that is not over TLS (cdk-nag SQS4): one definition, in shared/queue.ts. */
export { tlsOnlyQueuePolicy } from "../shared/queue";
import { tlsOnlyQueuePolicy } from "../shared/queue";

/** The work queue of a queue-worker service, with its dead-letter queue (kept 14 days). */
export function createQueue(ctx: Ctx, key: string, svc: ResolvedService): QueueResources {
    const q = svc.queue!;
    const t = ctx.cfg.transform;
    const deadLetterQueue = create(
        sqs.Queue,
        fitName(childName(ctx.name, key, "dlq"), sqs.Queue),
        {
            sqsManagedSseEnabled: true,
            messageRetentionSeconds: 1209600,
            tags: ctx.tags,
        },
        ctx.opts,
        t.dlq,
    );
    const queue = create(
        sqs.Queue,
        fitName(childName(ctx.name, key, "queue"), sqs.Queue),
        {
            sqsManagedSseEnabled: true,
            visibilityTimeoutSeconds: q.visibilityTimeoutSeconds,
            messageRetentionSeconds: q.messageRetentionSeconds,
            receiveWaitTimeSeconds: 20,
            redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: deadLetterQueue.arn, maxReceiveCount: q.maxReceiveCount }),
            tags: ctx.tags,
        },
        ctx.opts,
        t.queue,
    );
    const policy = create(
        sqs.QueuePolicy,
        childName(ctx.name, key, "queue-policy"),
        {
            queueUrl: queue.url,
            policy: tlsOnlyQueuePolicy(queue.arn),
        },
        ctx.opts,
        t.queuePolicy,
    );
    const deadLetterPolicy = create(
        sqs.QueuePolicy,
        childName(ctx.name, key, "dlq-policy"),
        { queueUrl: deadLetterQueue.url, policy: tlsOnlyQueuePolicy(deadLetterQueue.arn) },
        ctx.opts,
        t.queuePolicy,
    );
    return {
        queue,
        deadLetterQueue,
        policy,
        deadLetterPolicy,
        statements: [
            {
                Sid: "ConsumeOwnQueue",
                Effect: "Allow",
                Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
                Resource: queue.arn,
            },
        ],
    };
}
