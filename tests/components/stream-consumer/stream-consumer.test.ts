import * as assert from "node:assert";
import { LambdaFunction } from "../../../components/lambda-function";
import { StreamConsumer, StreamConsumerArgs } from "../../../components/stream-consumer";
import { Table } from "../../../components/table";
import { Registry, build, json } from "../../../components/testing";
import { ENTRY } from "../lambda-function/fixtures";

const MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
const POLICY = "aws:iam/rolePolicy:RolePolicy";
const QUEUE = "arn:aws:sqs:us-east-1:123456789012:tag-index-failures";
const STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/items/stream/2026-01-01T00:00:00.000";
const KINESIS = "arn:aws:kinesis:us-east-1:123456789012:stream/changes";

/** The items table with a stream, a processor function, and a consumer between them. */
async function built(extra: Partial<StreamConsumerArgs> = {}, fnArgs: { alias?: { name: string } } = {}) {
    return build(() => {
        const items = new Table("items", { attributes: { id: "S" }, partitionKey: "id", streamViewType: "NEW_AND_OLD_IMAGES" });
        const processor = new LambdaFunction("tag-index", { entry: ENTRY, ...fnArgs });
        return { items, processor, consumer: new StreamConsumer("tags", { source: { type: "dynamodb", table: items }, function: processor, ...extra }) };
    });
}

describe("StreamConsumer", () => {
    describe("a table's stream to a LambdaFunction, with defaults", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await built({ onFailure: { type: "sqs", arn: QUEUE } }));
        });

        it("maps the table's stream to the function with bounded retries, bisection and partial batch responses", () => {
            const table = registry.one("aws:dynamodb/table:Table");
            const fn = registry.one("aws:lambda/function:Function");
            registry.hasInputs(MAPPING, "tags-mapping", {
                eventSourceArn: table.outputs.streamArn,
                functionName: fn.outputs.arn,
                startingPosition: "LATEST",
                batchSize: 100,
                maximumBatchingWindowInSeconds: 0,
                bisectBatchOnFunctionError: true,
                maximumRetryAttempts: 10,
                maximumRecordAgeInSeconds: 3600,
                parallelizationFactor: 1,
                functionResponseTypes: ["ReportBatchItemFailures"],
                destinationConfig: { onFailure: { destinationArn: QUEUE } },
                filterCriteria: undefined,
                tumblingWindowInSeconds: undefined,
                enabled: true,
            });
        });

        it("grants the function's role the four stream read actions on that table's streams, and SendMessage on that queue only", () => {
            const table = registry.one("aws:dynamodb/table:Table");
            const role = registry.one("aws:iam/role:Role", "tag-index-role");
            const policy = registry.hasInputs(POLICY, "tags-policy", { role: role.outputs.id ?? role.id });
            assert.match(policy.inputs.name, /^stream-consumer-tags-[0-9a-f]{7}$/);
            assert.deepEqual(json(policy.inputs.policy).Statement, [
                {
                    Sid: "ReadStream",
                    Effect: "Allow",
                    Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
                    Resource: `${table.outputs.arn}/stream/*`,
                },
                { Sid: "SendFailureRecords", Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE },
            ]);
        });

        it("creates the mapping only after the read policy (CreateEventSourceMapping checks the role)", () => {
            const policy = registry.one(POLICY, "tags-policy");
            const mapping = registry.one(MAPPING);
            assert.ok(mapping.dependencies.includes(policy.urn));
        });

        it("grants nothing on '*'", () => {
            const statements = registry.ofType(POLICY).flatMap((p) => json(p.inputs.policy).Statement);
            assert.ok(statements.every((s: { Resource: unknown }) => ![s.Resource].flat().includes("*")));
        });
    });

    it("reads a stream given by ARN with exactly that ARN in the policy, into a function given by ARN and role name", async () => {
        const fn = "arn:aws:lambda:us-east-1:123456789012:function:tag-index";
        const { registry } = await build(
            () => new StreamConsumer("tags", { source: { type: "dynamodb", streamArn: STREAM }, function: { functionArn: fn, roleName: "tag-index-role" } }),
        );
        const policy = registry.hasInputs(POLICY, "tags-policy", { role: "tag-index-role" });
        assert.deepEqual(json(policy.inputs.policy).Statement, [
            {
                Sid: "ReadStream",
                Effect: "Allow",
                Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
                Resource: STREAM,
            },
        ]);
        registry.hasInputs(MAPPING, "tags-mapping", { eventSourceArn: STREAM, functionName: fn, destinationConfig: undefined });
    });

    it("grants the table's customer managed key through DynamoDB when the table has one (stream records are encrypted with it)", async () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/0c3a9f9e-1b7a-4e6c-9a55-3f1f0e2d8c11";
        const { registry } = await build(() => {
            const items = new Table("items", {
                attributes: { id: "S" },
                partitionKey: "id",
                streamViewType: "NEW_AND_OLD_IMAGES",
                encryption: { kmsKeyArn: key },
            });
            return new StreamConsumer("tags", {
                source: { type: "dynamodb", table: items },
                function: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", roleName: "f-role" },
            });
        });
        const statements = json(registry.one(POLICY, "tags-policy").inputs.policy).Statement;
        assert.deepEqual(statements[1], {
            Sid: "UseTableKeyThroughDynamoDB",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:DescribeKey"],
            Resource: key,
            Condition: { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } },
        });
    });

    it("invokes the function's alias when it has one (its provisioned concurrency serves the batches)", async () => {
        const { registry } = await built({}, { alias: { name: "live" } });
        const alias = registry.one("aws:lambda/alias:Alias");
        registry.hasInputs(MAPPING, "tags-mapping", { functionName: alias.outputs.arn });
    });

    it("grants ListBucket on the bucket and PutObject on its objects for an S3 failure destination", async () => {
        const { registry } = await built({ onFailure: { type: "s3", arn: "arn:aws:s3:::failures" } });
        const statements = json(registry.one(POLICY, "tags-policy").inputs.policy).Statement;
        assert.deepEqual(statements.slice(1), [
            { Sid: "ListFailureBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::failures" },
            { Sid: "WriteFailureRecords", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::failures/*" },
        ]);
    });

    it("passes the optional knobs through: window, position, parallelization, tumbling window, filters, paused", async () => {
        const { registry } = await built({
            maximumBatchingWindowSeconds: 5,
            startingPosition: "TRIM_HORIZON",
            parallelizationFactor: 4,
            tumblingWindowSeconds: 60,
            reportBatchItemFailures: false,
            filters: [{ eventName: ["INSERT", "MODIFY"] }],
            enabled: false,
            maximumRetryAttempts: -1,
            maximumRecordAgeSeconds: -1,
            bisectBatchOnFunctionError: false,
        });
        registry.hasInputs(MAPPING, "tags-mapping", {
            maximumBatchingWindowInSeconds: 5,
            startingPosition: "TRIM_HORIZON",
            parallelizationFactor: 4,
            tumblingWindowInSeconds: 60,
            functionResponseTypes: undefined,
            filterCriteria: { filters: [{ pattern: '{"eventName":["INSERT","MODIFY"]}' }] },
            enabled: false,
            maximumRetryAttempts: -1,
            maximumRecordAgeInSeconds: -1,
            bisectBatchOnFunctionError: false,
        });
    });

    it("reads a Kinesis stream with Lambda's Kinesis actions on that stream", async () => {
        const { registry } = await build(
            () =>
                new StreamConsumer("changes", {
                    source: { type: "kinesis", streamArn: KINESIS },
                    function: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", roleName: "f-role" },
                }),
        );
        assert.deepEqual(json(registry.one(POLICY).inputs.policy).Statement, [
            {
                Sid: "ReadStream",
                Effect: "Allow",
                Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"],
                Resource: KINESIS,
            },
        ]);
        registry.hasInputs(MAPPING, undefined, { eventSourceArn: KINESIS });
        assert.deepEqual(registry.ofType("aws:kinesis/streamConsumer:StreamConsumer"), []);
    });

    it("reads through its own enhanced fan-out consumer, subscribing on that consumer only", async () => {
        const { registry } = await build(
            () =>
                new StreamConsumer("changes", {
                    source: { type: "kinesis", streamArn: KINESIS, consumer: "enhanced-fan-out" },
                    function: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", roleName: "f-role" },
                }),
        );
        const consumer = registry.hasInputs("aws:kinesis/streamConsumer:StreamConsumer", "changes-consumer", { streamArn: KINESIS });
        registry.hasInputs(MAPPING, undefined, { eventSourceArn: consumer.outputs.arn });
        assert.deepEqual(json(registry.one(POLICY).inputs.policy).Statement[1], {
            Sid: "ReadThroughConsumer",
            Effect: "Allow",
            Action: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"],
            Resource: consumer.outputs.arn,
        });
    });

    it("names the fan-out consumer within Kinesis's 128 characters, even for a 128-character component name", async () => {
        const long = `changes-${"x".repeat(120)}`;
        const { registry } = await build(
            () =>
                new StreamConsumer(long, {
                    source: { type: "kinesis", streamArn: KINESIS, consumer: "enhanced-fan-out" },
                    function: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", roleName: "f-role" },
                }),
        );
        const name = registry.one("aws:kinesis/streamConsumer:StreamConsumer").outputs.name as string;
        assert.ok(name.length <= 128 && /^[a-zA-Z0-9_.-]+$/.test(name), `${name} (${name.length})`);
    });

    it("keeps two consumers of one function apart, and two stacks sharing its role: one policy each, named after the consumer and the stack", async () => {
        const program = () => {
            const fn = { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", roleName: "f-role" };
            new StreamConsumer("a", { source: { type: "dynamodb", streamArn: STREAM }, function: fn });
            new StreamConsumer("b", { source: { type: "kinesis", streamArn: KINESIS }, function: fn });
        };
        const names = async (stack: string) =>
            (await build(program, { stack })).registry
                .ofType(POLICY)
                .map((p) => p.inputs.name)
                .sort();
        const dev = await names("dev");
        assert.equal(dev.length, 2);
        assert.match(dev[0], /^stream-consumer-a-[0-9a-f]{7}$/);
        assert.match(dev[1], /^stream-consumer-b-[0-9a-f]{7}$/);
        // PutRolePolicy replaces a policy of the same name: another stack's consumer "a" must not.
        const prod = await names("prod");
        assert.notDeepEqual(prod, dev);
    });

    describe("streams and destinations under a customer managed KMS key", () => {
        const KEY = "arn:aws:kms:us-east-1:123456789012:key/0c3a9f9e-1b7a-4e6c-9a55-3f1f0e2d8c11";
        const F = { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", roleName: "f-role" };

        it("lets the role decrypt a Kinesis stream's records with its key, through Kinesis only (GetRecords fails without)", async () => {
            const { registry } = await build(
                () => new StreamConsumer("changes", { source: { type: "kinesis", streamArn: KINESIS, kmsKeyArn: KEY }, function: F }),
            );
            assert.deepEqual(json(registry.one(POLICY).inputs.policy).Statement[1], {
                Sid: "DecryptStreamRecords",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: KEY,
                Condition: { StringLike: { "kms:ViaService": "kinesis.*.amazonaws.com" } },
            });
        });

        it("lets the role use the key of a table whose stream is given by ARN, through DynamoDB only", async () => {
            const { registry } = await build(
                () => new StreamConsumer("tags", { source: { type: "dynamodb", streamArn: STREAM, kmsKeyArn: KEY }, function: F }),
            );
            assert.deepEqual(json(registry.one(POLICY).inputs.policy).Statement[1], {
                Sid: "DecryptStreamRecords",
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:DescribeKey"],
                Resource: KEY,
                Condition: { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } },
            });
        });

        it("lets the role encrypt failure records for a queue under a customer managed key, through SQS only", async () => {
            const { registry } = await build(
                () =>
                    new StreamConsumer("tags", {
                        source: { type: "dynamodb", streamArn: STREAM },
                        function: F,
                        onFailure: { type: "sqs", arn: QUEUE, kmsKeyArn: KEY },
                    }),
            );
            assert.deepEqual(json(registry.one(POLICY).inputs.policy).Statement.slice(1), [
                { Sid: "SendFailureRecords", Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE },
                {
                    Sid: "EncryptFailureRecords",
                    Effect: "Allow",
                    Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                    Resource: KEY,
                    Condition: { StringLike: { "kms:ViaService": "sqs.*.amazonaws.com" } },
                },
            ]);
        });
    });
});
