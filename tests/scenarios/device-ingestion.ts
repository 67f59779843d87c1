/**
 * Devices → Kinesis → Lambda → S3 and DynamoDB, through the public API (the README draft's example): a device gateway
 * function that may only put records on the stream; the raw readings archived to S3 in NDJSON batches (shared
 * throughput); the same stream read a second time, through an enhanced fan-out consumer, into a readings table the
 * program owns (keyed deviceId + timestamp, its own customer managed key), with data protection on.
 */
import * as kms from "@pulumi/aws/kms";
import { KinesisIngestion, LambdaFunction, Table } from "../../components";

export function program() {
    const archive = new KinesisIngestion("readings", {
        stream: { capacity: { shards: 2 }, retentionHours: 48, shardLevelMetrics: ["IncomingBytes", "IteratorAgeMilliseconds"] },
        sink: { type: "s3", prefix: "raw/readings", layout: "batch" },
        batchSize: 500,
        maximumBatchingWindowSeconds: 5,
    });
    const stream = archive.stream!;

    // The gateway writes readings and nothing else.
    const gateway = new LambdaFunction("gateway", { entry: "functions/ingest/index.ts", statements: stream.producerStatements() });

    const key = new kms.Key("readings-key", { enableKeyRotation: true, deletionWindowInDays: 30 });
    const readings = new Table("readings-table", {
        attributes: { deviceId: "S", timestamp: "S" },
        partitionKey: "deviceId",
        sortKey: "timestamp",
        pointInTimeRecovery: true,
        encryption: { kmsKeyArn: key.arn },
        protectData: true,
    });
    const latest = new KinesisIngestion("latest", {
        stream: { existing: { streamArn: stream.streamArn } },
        sink: { type: "dynamodb", table: readings },
        enhancedFanOut: true,
        parallelizationFactor: 2,
        protectData: true,
    });

    return { archiveBucket: archive.bucketName!, gateway: gateway.functionName, table: latest.tableName!, failures: archive.failureQueueArn! };
}
