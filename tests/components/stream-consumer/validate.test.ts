import * as assert from "node:assert";
import { StreamConsumer, StreamConsumerArgs } from "../../../components/stream-consumer";
import { DEFAULTS, normalize } from "../../../components/stream-consumer/defaults";
import { validate } from "../../../components/stream-consumer/validate";
import { Table } from "../../../components/table";
import { buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { itRefuses } from "../../harness/refusals";

const STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/items/stream/2026-01-01T00:00:00.000";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/0c3a9f9e-1b7a-4e6c-9a55-3f1f0e2d8c11";
const FN = { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:tag-index", roleName: "tag-index-role" };
const base: StreamConsumerArgs = { source: { type: "dynamodb", streamArn: STREAM }, function: FN };
const with_ = (extra: Partial<StreamConsumerArgs>): StreamConsumerArgs => ({ ...base, ...extra });

describe("StreamConsumer validation", () => {
    it("documents every optional argument's default as DEFAULTS holds it", () => {
        assertDefaultsDocumented("components/stream-consumer/args.ts", DEFAULTS);
    });

    const cases: Array<{ title: string; args: StreamConsumerArgs; path: string; message: RegExp }> = [
        {
            title: "refuses a source type Lambda streams do not have",
            args: with_({ source: { type: "sqs" } as never }),
            path: "source.type",
            message: /"dynamodb", "kinesis"/,
        },
        {
            title: "needs a table or a stream ARN",
            args: with_({ source: { type: "dynamodb" } }),
            path: "source.table",
            message: /exactly one of table and streamArn/,
        },
        {
            title: "refuses a table ARN where the stream's is needed",
            args: with_({ source: { type: "dynamodb", streamArn: "arn:aws:dynamodb:us-east-1:123456789012:table/items" } }),
            path: "source.streamArn",
            message: /DynamoDB stream ARN/,
        },
        {
            title: "refuses a Kinesis ARN that is not a data stream's",
            args: with_({ source: { type: "kinesis", streamArn: "arn:aws:sqs:us-east-1:123456789012:q" } }),
            path: "source.streamArn",
            message: /Kinesis data stream ARN/,
        },
        {
            title: "refuses an unknown Kinesis consumer mode",
            args: with_({ source: { type: "kinesis", streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s", consumer: "efo" as never } }),
            path: "source.consumer",
            message: /"enhanced-fan-out"/,
        },
        {
            title: "needs the role name of a function given by ARN (the read policy goes there)",
            args: with_({ function: { functionArn: FN.functionArn } }),
            path: "function.roleName",
            message: /execution role/,
        },
        {
            title: "refuses a role ARN where the role's name is needed",
            args: with_({ function: { ...FN, roleName: "arn:aws:iam::123456789012:role/x" } }),
            path: "function.roleName",
            message: /IAM role name/,
        },
        {
            title: "refuses a function ARN that is not Lambda's",
            args: with_({ function: { ...FN, functionArn: "arn:aws:states:us-east-1:123456789012:stateMachine:x" } }),
            path: "function.functionArn",
            message: /Lambda function ARN/,
        },
        {
            title: "refuses a stream key that is an alias, not a key ARN",
            args: with_({ source: { type: "kinesis", streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s", kmsKeyArn: "alias/streams" } }),
            path: "source.kmsKeyArn",
            message: /KMS key ARN/,
        },
        {
            title: "refuses a failure destination key that is not a key ARN",
            args: with_({
                onFailure: { type: "sqs", arn: "arn:aws:sqs:us-east-1:123456789012:failures", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/x" },
            }),
            path: "onFailure.kmsKeyArn",
            message: /KMS key ARN/,
        },
        { title: "refuses a batch of 0", args: with_({ batchSize: 0 }), path: "batchSize", message: /from 1 to 10000/ },
        { title: "refuses a batch above 10000", args: with_({ batchSize: 10_001 }), path: "batchSize", message: /from 1 to 10000/ },
        {
            title: "refuses a batching window above 300 s",
            args: with_({ maximumBatchingWindowSeconds: 301 }),
            path: "maximumBatchingWindowSeconds",
            message: /0 to 300 seconds/,
        },
        {
            title: "refuses a starting position Lambda does not take for these streams",
            args: with_({ startingPosition: "AT_TIMESTAMP" as never }),
            path: "startingPosition",
            message: /"LATEST", "TRIM_HORIZON"/,
        },
        { title: "refuses retries below -1", args: with_({ maximumRetryAttempts: -2 }), path: "maximumRetryAttempts", message: /0 to 10000 \(or -1/ },
        { title: "refuses retries above 10000", args: with_({ maximumRetryAttempts: 10_001 }), path: "maximumRetryAttempts", message: /0 to 10000/ },
        {
            title: "refuses a record age between -1 and 60",
            args: with_({ maximumRecordAgeSeconds: 59 }),
            path: "maximumRecordAgeSeconds",
            message: /60 to 604800 seconds \(or -1/,
        },
        {
            title: "refuses a record age above a week",
            args: with_({ maximumRecordAgeSeconds: 604_801 }),
            path: "maximumRecordAgeSeconds",
            message: /60 to 604800/,
        },
        {
            title: "refuses a Lambda function as the failure destination (streams take SQS, SNS or S3)",
            args: with_({ onFailure: { type: "lambda" as never, arn: FN.functionArn } }),
            path: "onFailure.type",
            message: /"sqs", "sns", "s3"/,
        },
        {
            title: "refuses a destination ARN of another service than its type",
            args: with_({ onFailure: { type: "sqs", arn: "arn:aws:sns:us-east-1:123456789012:t" } }),
            path: "onFailure.arn",
            message: /an ARN of sqs/,
        },
        {
            title: "refuses a FIFO queue as the failure destination",
            args: with_({ onFailure: { type: "sqs", arn: "arn:aws:sqs:us-east-1:123456789012:failures.fifo" } }),
            path: "onFailure.arn",
            message: /FIFO/,
        },
        {
            title: "refuses a bucket destination written as a regional ARN",
            args: with_({ onFailure: { type: "s3", arn: "arn:aws:s3:us-east-1:123456789012:failures" } }),
            path: "onFailure.arn",
            message: /arn:aws:s3:::<bucket>/,
        },
        {
            title: "refuses a parallelization factor above 10",
            args: with_({ parallelizationFactor: 11 }),
            path: "parallelizationFactor",
            message: /from 1 to 10$/,
        },
        {
            title: "refuses a tumbling window above 900 s",
            args: with_({ tumblingWindowSeconds: 901 }),
            path: "tumblingWindowSeconds",
            message: /1 to 900 seconds/,
        },
        {
            title: "refuses more filters than Lambda's default quota of 5",
            args: with_({ filters: [1, 2, 3, 4, 5, 6].map((n) => ({ n: [n] })) }),
            path: "filters",
            message: /at most 5/,
        },
        { title: "refuses an empty filter (it would match everything)", args: with_({ filters: [{}] }), path: "filters[0]", message: /is empty/ },
        {
            title: "refuses a filter field with a bare value (Lambda takes an array of values to match)",
            args: with_({ filters: [{ eventName: "INSERT" }] }),
            path: "filters[0].eventName",
            message: /object or an array.*\["INSERT"\]/,
        },
        {
            title: "refuses a bare value nested in a filter",
            args: with_({ filters: [{ dynamodb: { NewImage: { status: { S: "done" } } } }] }),
            path: "filters[0].dynamodb.NewImage.status.S",
            message: /object or an array/,
        },
        {
            title: "refuses a filter longer than 4096 characters",
            args: with_({ filters: [{ x: ["y".repeat(4100)] }] }),
            path: "filters[0]",
            message: /at most 4096 characters/,
        },
        { title: "refuses a tag in the aws: namespace", args: with_({ tags: { "aws:x": "y" } }), path: "tags.aws:x", message: /not a valid tag key/ },
        {
            title: "refuses an unknown argument, naming the nearest",
            args: with_({ batchsize: 10 } as never),
            path: "batchsize",
            message: /did you mean batchSize/,
        },
    ];
    itRefuses(cases, validate, (args) => new StreamConsumer("tags", args), /^StreamConsumer "tags": /);

    it("reports every invalid field at once", () => {
        const issues = validate(with_({ batchSize: 0, parallelizationFactor: 0, maximumRetryAttempts: -5 }));
        assert.deepEqual(issues.map((i) => i.path).sort(), ["batchSize", "maximumRetryAttempts", "parallelizationFactor"]);
    });

    it("accepts Lambda's filter grammar: arrays of values, content filters, nested fields and $or", () => {
        const filters = [
            { eventName: ["INSERT", "MODIFY"] },
            { dynamodb: { NewImage: { status: { S: [{ prefix: "done" }] }, size: { N: [{ numeric: [">", 0] }] } } } },
            { $or: [{ eventName: ["REMOVE"] }, { dynamodb: { Keys: { id: { S: [{ exists: true }] } } } }] },
        ];
        assert.deepEqual(validate(with_({ filters })), []);
    });

    it("accepts -1 (Lambda's 'until the records expire') for retries and record age", () => {
        assert.deepEqual(validate(with_({ maximumRetryAttempts: -1, maximumRecordAgeSeconds: -1 })), []);
    });

    it("gives the same verdict on its own normalized args", () => {
        assert.deepEqual(validate(normalize(base)), []);
    });

    it("refuses a table without a stream, before any resource of its own", async () => {
        const { error, registry } = await buildFails(() => {
            const table = new Table("items", { attributes: { id: "S" }, partitionKey: "id" });
            return new StreamConsumer("tags", { source: { type: "dynamodb", table }, function: FN });
        });
        assert.match(error.message, /source.table="\(a Table\)" has no stream/);
        // The user's table exists; nothing of the consumer does.
        assert.deepEqual(registry.ofType("aws-platform:serverless:StreamConsumer"), []);
        assert.deepEqual(registry.ofType("aws:iam/rolePolicy:RolePolicy"), []);
    });

    it("refuses a plain object where a Table is expected", () => {
        const issues = validate(with_({ source: { type: "dynamodb", table: { streamArn: STREAM } as never } }));
        assert.deepEqual(
            issues.map((i) => i.path),
            ["source.table"],
        );
    });

    it("refuses a key given with a Table source (the Table grants its own key), before any resource of its own", async () => {
        const { error, registry } = await buildFails(() => {
            const table = new Table("items", { attributes: { id: "S" }, partitionKey: "id", streamViewType: "NEW_AND_OLD_IMAGES" });
            return new StreamConsumer("tags", { source: { type: "dynamodb", table, kmsKeyArn: KEY }, function: FN });
        });
        assert.match(error.message, /source.kmsKeyArn=.* is given with table/);
        assert.deepEqual(registry.ofType("aws:iam/rolePolicy:RolePolicy"), []);
    });
});
