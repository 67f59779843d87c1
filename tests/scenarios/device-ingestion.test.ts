import * as assert from "node:assert";
import { build, json, unwrap } from "../../components/testing";
import * as deviceIngestion from "./device-ingestion";

describe("scenarios", () => {
    it("device-ingestion: one stream archived to S3 and fanned out to a table, a producer that may only write, through the public API", async () => {
        const { registry, result } = await build(deviceIngestion.program);
        const stream = registry.one("aws:kinesis/stream:Stream");
        // Two mappings on the one stream: shared throughput for the archive, an EFO consumer for the table.
        const mappings = registry.ofType("aws:lambda/eventSourceMapping:EventSourceMapping");
        const consumer = registry.one("aws:kinesis/streamConsumer:StreamConsumer");
        assert.deepEqual(mappings.map((m) => m.inputs.eventSourceArn).sort(), [stream.outputs.arn, consumer.outputs.arn].sort());
        assert.equal(consumer.inputs.streamArn, stream.outputs.arn);
        // The gateway's own statements: the stream's producer actions on that stream only.
        const gateway = json(registry.one("aws:iam/rolePolicy:RolePolicy", "gateway-role-own").inputs.policy).Statement;
        assert.deepEqual(gateway, [
            {
                Sid: "PutRecords",
                Effect: "Allow",
                Action: ["kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords"],
                Resource: stream.outputs.arn,
            },
        ]);
        // One bucket (the archive), one table (the program's), no second stream.
        assert.equal(registry.ofType("aws:s3/bucket:Bucket").length, 1);
        assert.equal(registry.ofType("aws:dynamodb/table:Table").length, 1);
        assert.equal(registry.ofType("aws:kinesis/stream:Stream").length, 1);
        assert.match(await unwrap(result.archiveBucket), /^readings-bucket-[0-9a-f]{7}$/);
        assert.equal(await unwrap(result.table), registry.one("aws:dynamodb/table:Table").outputs.name);
    });
});
