import * as pulumi from "@pulumi/pulumi";
import * as kinesis from "@pulumi/aws/kinesis";
import { ArgsError } from "../shared/errors";
import { Statement, keyThroughService } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import type { KinesisStreamSource } from "../stream-consumer/args";
import type { DataStreamArgs } from "./args";
import { normalize } from "./defaults";
import { validate } from "./validate";

export interface DataStreamResources {
    stream: kinesis.Stream;
}

/**
 * What a producer needs to write records (https://docs.aws.amazon.com/streams/latest/dev/tutorial-stock-data-kplkcl-iam.html):
 * PutRecord and PutRecords, and DescribeStreamSummary, which the KPL and agents call to check the stream is
 * ACTIVE before writing. No read, no consumer registration.
 */
export const PRODUCER_ACTIONS = ["kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords"];

/** The AWS managed key of Kinesis Data Streams: no key policy or grant to manage. */
export const KINESIS_AWS_MANAGED_KEY = "alias/aws/kinesis";

/**
 * A Kinesis data stream, on-demand or with provisioned shards, always encrypted at rest (the AWS managed
 * key `alias/aws/kinesis` or your customer managed key), with its retention and optional shard-level
 * metrics. `producerStatements()` gives what a producer needs to write to it, `source()` what a
 * `StreamConsumer` reads it with.
 *
 * @example
 * const readings = new DataStream("readings", { capacity: { shards: 2 }, retentionHours: 48 });
 * new LambdaFunction("device-gateway", { entry: "functions/gateway/index.ts", statements: readings.producerStatements() });
 * new StreamConsumer("readings-to-archive", { source: readings.source("enhanced-fan-out"), function: archiver });
 *
 * **Cost** (us-east-1): on-demand $0.04 per stream-hour (≈ $29.20 a month) plus $0.08 per GB written and
 * $0.04 per GB read; provisioned $0.015 per shard-hour (≈ $10.95 a month a shard) plus $0.014 per million
 * 25 KB PUT payload units. Retention beyond 24 hours: $0.02 per shard-hour (provisioned, up to 7 days),
 * $0.10 per GB-month (on-demand) then $0.023 per GB-month beyond 7 days. Each shard-level metric is a
 * custom CloudWatch metric per shard ($0.30 a month each). The AWS managed key costs nothing; a customer
 * managed key $1 a month plus its requests.
 */
export class DataStream extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "DataStream");

    readonly streamName: pulumi.Output<string>;
    readonly streamArn: pulumi.Output<string>;
    /** The customer managed key, when `encryption` names one. */
    readonly kmsKeyArn?: pulumi.Input<string>;
    readonly resources: DataStreamResources;

    constructor(name: string, args: DataStreamArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("DataStream", name, issues);
        super(DataStream.type, name, args, opts);

        const cfg = normalize(args);
        const tags = componentTags(DataStream.type, name, cfg.tags);
        const provisioned = typeof cfg.capacity === "object";
        this.kmsKeyArn = typeof cfg.encryption === "object" ? cfg.encryption.kmsKeyArn : undefined;
        const stream = create(
            kinesis.Stream,
            fitName(childName(name, "stream"), kinesis.Stream),
            {
                streamModeDetails: { streamMode: provisioned ? "PROVISIONED" : "ON_DEMAND" },
                // Required with PROVISIONED; on-demand streams size themselves (the provider ignores it there).
                shardCount: typeof cfg.capacity === "object" ? cfg.capacity.shards : undefined,
                retentionPeriod: cfg.retentionHours,
                encryptionType: "KMS",
                kmsKeyId: this.kmsKeyArn ?? KINESIS_AWS_MANAGED_KEY,
                shardLevelMetrics: cfg.shardLevelMetrics.length ? cfg.shardLevelMetrics : undefined,
                tags,
            },
            { parent: this, ...(cfg.protectData ? { protect: true, retainOnDelete: true } : {}) },
            cfg.transform.stream,
        );

        this.streamName = stream.name;
        this.streamArn = stream.arn;
        this.resources = { stream };
        this.registerOutputs({ streamName: this.streamName, streamArn: this.streamArn });
    }

    /**
     * What a producer's role needs to write to this stream: `PRODUCER_ACTIONS` on this stream only, and with a
     * customer managed key `kms:GenerateDataKey` on it through Kinesis only
     * (https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html).
     */
    producerStatements(): Statement[] {
        return [
            { Sid: "PutRecords", Effect: "Allow", Action: PRODUCER_ACTIONS, Resource: this.streamArn },
            ...keyThroughService("EncryptRecordsThroughKinesis", this.kmsKeyArn, ["kms:GenerateDataKey"], "kinesis"),
        ];
    }

    /** This stream as a `StreamConsumer` source: shared throughput, or an enhanced fan-out consumer of its own. */
    source(consumer?: "enhanced-fan-out"): KinesisStreamSource {
        return { type: "kinesis", streamArn: this.streamArn, ...(consumer ? { consumer } : {}), ...(this.kmsKeyArn ? { kmsKeyArn: this.kmsKeyArn } : {}) };
    }
}
