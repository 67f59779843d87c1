import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import * as kinesis from "@pulumi/aws/kinesis";
import * as lambda from "@pulumi/aws/lambda";
import { destinationStatements } from "../shared/destinations";
import { ArgsError } from "../shared/errors";
import { resolveTarget } from "../shared/function-target";
import { Statement, keyThroughService, policyJson } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import { stackSuffix } from "../shared/unique";
import type { StreamConsumerArgs } from "./args";
import { ResolvedStreamConsumer, normalize } from "./defaults";
import { validate } from "./validate";

export interface StreamConsumerResources {
    /** The inline policy on the function's execution role: read the stream, send to `onFailure`. */
    policy: iam.RolePolicy;
    mapping: lambda.EventSourceMapping;
    /** The Kinesis enhanced fan-out consumer (`consumer: "enhanced-fan-out"`). */
    consumer?: kinesis.StreamConsumer;
}

/** The four actions Lambda's poller calls on a DynamoDB stream (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html). */
export const DYNAMODB_STREAM_ACTIONS = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"];
/** What Lambda needs on a Kinesis data stream (https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-create.html). */
export const KINESIS_STREAM_ACTIONS = [
    "kinesis:DescribeStream",
    "kinesis:DescribeStreamSummary",
    "kinesis:GetRecords",
    "kinesis:GetShardIterator",
    "kinesis:ListShards",
];
/** And on an enhanced fan-out consumer, which it reads with SubscribeToShard. */
export const KINESIS_CONSUMER_ACTIONS = ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"];

/**
 * A Lambda event source mapping from a DynamoDB stream (or a Kinesis data stream) to a function, with
 * bounded retries, bisection, partial batch responses and a destination for what is discarded; the
 * function's execution role gets exactly the read actions on that stream and the send permission on
 * that destination (and the customer managed keys they are encrypted with: `source.kmsKeyArn`,
 * `onFailure.kmsKeyArn`, usable through that service only), in an inline policy the mapping waits
 * for (CreateEventSourceMapping checks the role's stream permissions and fails without them).
 *
 * @example
 * const items = new Table("items", { attributes: { id: "S" }, partitionKey: "id", streamViewType: "NEW_AND_OLD_IMAGES" });
 * const processor = new LambdaFunction("tag-index", { entry: "functions/stream/index.ts", environment: { TABLE_NAME: tags.tableName } });
 * new StreamConsumer("tag-index", {
 *     source: { type: "dynamodb", table: items },
 *     function: processor,
 *     onFailure: { type: "sqs", arn: failures.arn },
 * });
 *
 * **Cost**: the mapping itself is free for DynamoDB and Kinesis (shared throughput): reading DynamoDB
 * Streams from Lambda costs no read request units; you pay the function's invocations (one per batch:
 * 1M changes in batches of 100 is 10,000 requests ≈ $0.002 plus compute, see LambdaFunction). An
 * enhanced fan-out consumer costs $0.015 per consumer-shard hour ($10.80 a month for 1 shard) plus
 * $0.013 per GB read (us-east-1).
 */
export class StreamConsumer extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "StreamConsumer");

    /** The mapping's UUID. */
    readonly mappingId: pulumi.Output<string>;
    readonly resources: StreamConsumerResources;

    constructor(name: string, args: StreamConsumerArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("StreamConsumer", name, issues);
        super(StreamConsumer.type, name, args, opts);

        const cfg = normalize(args);
        const child = { parent: this };
        const tags = componentTags(StreamConsumer.type, name, cfg.tags);
        const target = resolveTarget(cfg.function);

        const consumer =
            cfg.source.type === "kinesis" && cfg.source.consumer === "enhanced-fan-out"
                ? create(
                      kinesis.StreamConsumer,
                      fitName(childName(name, "consumer"), kinesis.StreamConsumer),
                      { streamArn: cfg.source.streamArn, tags },
                      child,
                      cfg.transform.consumer,
                  )
                : undefined;
        const policy = create(
            iam.RolePolicy,
            childName(name, "policy"),
            // Named after the component and the stack: two consumers on one function keep two policies, and
            // so do two stacks whose consumers share a role given by name (PutRolePolicy replaces a same-named one).
            {
                role: target.roleName!,
                name: fitName(`stream-consumer-${name}-${stackSuffix(name)}`, iam.RolePolicy, { explicit: true }),
                policy: policyJson(statements(cfg, consumer)),
            },
            child,
            cfg.transform.policy,
        );
        const mapping = create(
            lambda.EventSourceMapping,
            childName(name, "mapping"),
            {
                eventSourceArn: consumer ? consumer.arn : sourceArn(cfg),
                functionName: target.invokeArn,
                enabled: cfg.enabled,
                startingPosition: cfg.startingPosition,
                batchSize: cfg.batchSize,
                // The provider sends 0 as "unset", which Lambda reads as its default 0: the same.
                maximumBatchingWindowInSeconds: cfg.maximumBatchingWindowSeconds,
                bisectBatchOnFunctionError: cfg.bisectBatchOnFunctionError,
                maximumRetryAttempts: cfg.maximumRetryAttempts,
                maximumRecordAgeInSeconds: cfg.maximumRecordAgeSeconds,
                parallelizationFactor: cfg.parallelizationFactor,
                tumblingWindowInSeconds: cfg.tumblingWindowSeconds,
                functionResponseTypes: cfg.reportBatchItemFailures ? ["ReportBatchItemFailures"] : undefined,
                destinationConfig: cfg.onFailure ? { onFailure: { destinationArn: cfg.onFailure.arn } } : undefined,
                filterCriteria: cfg.filters.length ? { filters: cfg.filters.map((f) => ({ pattern: JSON.stringify(f) })) } : undefined,
                tags,
            },
            // CreateEventSourceMapping fails when the role cannot yet read the stream (or send to the destination).
            { ...child, dependsOn: [policy] },
            cfg.transform.mapping,
        );

        this.mappingId = mapping.uuid;
        this.resources = { policy, mapping, consumer };
        this.registerOutputs({ mappingId: this.mappingId });
    }
}

function sourceArn(cfg: ResolvedStreamConsumer): pulumi.Input<string> {
    const s = cfg.source;
    if (s.type === "dynamodb") return s.table ? s.table.streamArn! : s.streamArn!;
    return s.streamArn;
}

/** Exactly the stream's read actions on that stream (and consumer), and the send permission on the destination. */
function statements(cfg: ResolvedStreamConsumer, consumer: kinesis.StreamConsumer | undefined): Statement[] {
    const s = cfg.source;
    const read: Statement[] =
        s.type === "dynamodb"
            ? s.table
                ? s.table.streamReadStatements()
                : [
                      { Sid: "ReadStream", Effect: "Allow", Action: DYNAMODB_STREAM_ACTIONS, Resource: s.streamArn! },
                      // The same grant a Table makes for its own key (Table.streamReadStatements).
                      ...keyThroughService("DecryptStreamRecords", s.kmsKeyArn, ["kms:Decrypt", "kms:DescribeKey"], "dynamodb"),
                  ]
            : [
                  { Sid: "ReadStream", Effect: "Allow", Action: KINESIS_STREAM_ACTIONS, Resource: s.streamArn },
                  ...(consumer ? [{ Sid: "ReadThroughConsumer", Effect: "Allow" as const, Action: KINESIS_CONSUMER_ACTIONS, Resource: consumer.arn }] : []),
                  ...keyThroughService("DecryptStreamRecords", s.kmsKeyArn, ["kms:Decrypt"], "kinesis"),
              ];
    return [...read, ...(cfg.onFailure ? destinationStatements(cfg.onFailure.type, cfg.onFailure.arn, cfg.onFailure.kmsKeyArn) : [])];
}
