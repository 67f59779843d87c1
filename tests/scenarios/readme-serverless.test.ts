import * as assert from "node:assert";
import { builtTypes, COMPONENTS, readmeBlocks, readmeProgram, type StandIn, writeProgram } from "../harness/readme-program";

/**
 * The README's serverless examples (Table to `functions/`), as written: each ```ts block becomes a function
 * of one generated program, its imports hoisted, `aws-platform` read from this checkout. What a block
 * uses from another one (`orders`, `items`, `failures`) is declared once, outside.
 */
const blocks = readmeBlocks(["### Table (Amazon DynamoDB)"], "## Names that fit");

/** What a block uses from another one, declared in each block that uses it without declaring it. */
const SHARED: StandIn[] = [
    ["orders", `const orders = new SharedTable("orders", { attributes: { pk: "S" }, partitionKey: "pk" });`],
    ["items", `const items = new SharedTable("items", { attributes: { id: "S" }, partitionKey: "id" });`],
    ["failures", `const failures = new SharedQueue("failures", {});`],
];

describe("scenarios", () => {
    it("README: every serverless example builds as written", async function () {
        this.timeout(300_000);
        assert.ok(blocks.length >= 5, `found ${blocks.length} examples`);
        const file = writeProgram(
            "readme-serverless-",
            readmeProgram(blocks, SHARED, [
                `import { Table as SharedTable } from ${JSON.stringify(COMPONENTS)};`,
                `import { Queue as SharedQueue } from ${JSON.stringify(require.resolve("@pulumi/aws/sqs"))};`,
            ]),
        );
        // One build per example: they name their resources alike ("items"), as separate programs would.
        const types = await builtTypes(file, blocks.length);
        for (const type of [
            "aws:dynamodb/tableReplica:TableReplica",
            "aws:apigatewayv2/vpcLink:VpcLink",
            "aws:apigatewayv2/domainName:DomainName",
            "aws:apigateway/usagePlan:UsagePlan",
            "aws:lambda/eventSourceMapping:EventSourceMapping",
            "aws:scheduler/schedule:Schedule",
            "aws:s3/bucketNotification:BucketNotification",
        ])
            assert.ok(types.has(type), `no ${type}`);
    });
});
