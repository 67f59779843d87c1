/** Generated bad input for DataStream and KinesisIngestion: the property in tests/property/refused-or-built.ts, from these examples. */
import { DataStream, type DataStreamArgs } from "../../../components/data-stream";
import { KinesisIngestion, type KinesisIngestionArgs } from "../../../components/kinesis-ingestion";
import { assertRefusedOrBuilt } from "../../property/refused-or-built";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const STREAMS: DataStreamArgs[] = [
    {},
    {
        capacity: { shards: 3 },
        retentionHours: 168,
        encryption: { kmsKeyArn: KEY },
        shardLevelMetrics: ["IncomingBytes"],
        protectData: true,
        tags: { team: "iot" },
    },
];

const INGESTIONS: KinesisIngestionArgs[] = [
    { sink: { type: "s3" } },
    { stream: { capacity: { shards: 2 } }, sink: { type: "s3", prefix: "iot/readings", layout: "batch" }, batchSize: 500, enhancedFanOut: true },
    {
        sink: { type: "s3", bucket: { bucketName: "lake", bucketArn: "arn:aws:s3:::lake", kmsKeyArn: KEY } },
        onFailure: { type: "sqs", arn: "arn:aws:sqs:us-east-1:123456789012:f" },
    },
    {
        stream: { existing: { streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/devices", kmsKeyArn: KEY } },
        sink: { type: "dynamodb" },
        function: { memoryMiB: 512, timeoutSeconds: 120 },
    },
];

describe("DataStream and KinesisIngestion bad input", () => {
    it("a malformed DataStream is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(STREAMS, (name, args) => new DataStream(name, args), { seed: 20261126, numRuns: 150 });
    });

    it("a malformed KinesisIngestion is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(INGESTIONS, (name, args) => new KinesisIngestion(name, args), { seed: 20261126, numRuns: 100 });
    });
});
