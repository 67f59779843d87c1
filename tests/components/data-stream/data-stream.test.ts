import * as assert from "node:assert";
import { DataStream, DataStreamArgs } from "../../../components/data-stream";
import { LambdaFunction } from "../../../components/lambda-function";
import { StreamConsumer } from "../../../components/stream-consumer";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { ENTRY } from "../lambda-function/fixtures";

const STREAM = "aws:kinesis/stream:Stream";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

async function built(args: DataStreamArgs = {}) {
    return build(() => new DataStream("readings", args));
}

describe("DataStream", () => {
    describe("with defaults", () => {
        let registry: Registry;
        let stream: DataStream;
        before(async () => {
            ({ registry, result: stream } = await built());
        });

        it("creates one on-demand stream, no shard count, 24 hours of retention, encrypted with the AWS managed key", () => {
            registry.hasInputs(STREAM, "readings-stream", {
                streamModeDetails: { streamMode: "ON_DEMAND" },
                shardCount: undefined,
                retentionPeriod: 24,
                encryptionType: "KMS",
                kmsKeyId: "alias/aws/kinesis",
                shardLevelMetrics: undefined,
            });
            assert.deepEqual(registry.countByType()[STREAM], 1);
        });

        it("neither protects nor retains the stream", () => {
            const s = registry.one(STREAM);
            assert.deepEqual([s.protect, s.retainOnDelete], [false, false]);
        });

        it("exposes the stream's name and ARN", async () => {
            const s = registry.one(STREAM);
            assert.equal(await unwrap(stream.streamArn), s.outputs.arn);
            assert.equal(await unwrap(stream.streamName), s.outputs.name);
            assert.match(s.outputs.arn, /^arn:aws:kinesis:us-east-1:123456789012:stream\/readings-stream-[0-9a-f]{7}$/);
        });

        it("grants producers PutRecord, PutRecords and DescribeStreamSummary on this stream only, and no key with the AWS managed one", async () => {
            const statements = await unwrap(stream.producerStatements());
            assert.deepEqual(statements, [
                {
                    Sid: "PutRecords",
                    Effect: "Allow",
                    Action: ["kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords"],
                    Resource: registry.one(STREAM).outputs.arn,
                },
            ]);
        });

        it("is a StreamConsumer source without a key to grant", async () => {
            const source = await unwrap(stream.source());
            assert.deepEqual(source, { type: "kinesis", streamArn: registry.one(STREAM).outputs.arn });
        });
    });

    it("provisions the given shards", async () => {
        const { registry } = await built({ capacity: { shards: 4 }, retentionHours: 168, shardLevelMetrics: ["IncomingBytes", "IteratorAgeMilliseconds"] });
        registry.hasInputs(STREAM, "readings-stream", {
            streamModeDetails: { streamMode: "PROVISIONED" },
            shardCount: 4,
            retentionPeriod: 168,
            shardLevelMetrics: ["IncomingBytes", "IteratorAgeMilliseconds"],
        });
    });

    it("encrypts with a customer managed key, and grants producers GenerateDataKey on it through Kinesis only", async () => {
        const { registry, result } = await built({ encryption: { kmsKeyArn: KEY } });
        registry.hasInputs(STREAM, "readings-stream", { encryptionType: "KMS", kmsKeyId: KEY });
        const statements = await unwrap(result.producerStatements());
        assert.deepEqual(statements[1], {
            Sid: "EncryptRecordsThroughKinesis",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey"],
            Resource: KEY,
            Condition: { StringLike: { "kms:ViaService": "kinesis.*.amazonaws.com" } },
        });
        assert.equal((await unwrap(result.source())).kmsKeyArn, KEY);
    });

    it("protects and retains the stream with protectData", async () => {
        const { registry } = await built({ protectData: true });
        const s = registry.one(STREAM);
        assert.deepEqual([s.protect, s.retainOnDelete], [true, true]);
    });

    it("applies transform.stream to the stream", async () => {
        const { registry } = await built({ transform: { stream: { maxRecordSizeInKib: 2048 } } });
        registry.hasInputs(STREAM, "readings-stream", { maxRecordSizeInKib: 2048, encryptionType: "KMS" });
    });

    it("feeds a StreamConsumer with an enhanced fan-out consumer registered on this stream, which its role decrypts through Kinesis", async () => {
        const { registry } = await build(() => {
            const stream = new DataStream("readings", { encryption: { kmsKeyArn: KEY } });
            const fn = new LambdaFunction("reader", { entry: ENTRY });
            return new StreamConsumer("readings-reader", { source: stream.source("enhanced-fan-out"), function: fn });
        });
        const s = registry.one(STREAM);
        const consumer = registry.hasInputs("aws:kinesis/streamConsumer:StreamConsumer", undefined, { streamArn: s.outputs.arn });
        registry.hasInputs("aws:lambda/eventSourceMapping:EventSourceMapping", undefined, { eventSourceArn: consumer.outputs.arn });
        const statements = json(registry.one("aws:iam/rolePolicy:RolePolicy", "readings-reader-policy").inputs.policy).Statement;
        assert.deepEqual(
            statements.find((x: { Sid: string }) => x.Sid === "DecryptStreamRecords"),
            {
                Sid: "DecryptStreamRecords",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: KEY,
                Condition: { StringLike: { "kms:ViaService": "kinesis.*.amazonaws.com" } },
            },
        );
    });
});
