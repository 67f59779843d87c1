import * as assert from "node:assert";
import { build, unwrap } from "../../components/testing";
import * as edgeRouter from "./edge-router";

describe("scenario edge-router: Lambda@Edge functions from a stack in eu-west-1", () => {
    it("publishes both functions in us-east-1 through one provider, with log groups in the three Regions listed", async () => {
        const { registry, result } = await build(edgeRouter.program, { config: { "aws:region": "eu-west-1" } });
        assert.match(await unwrap(result.router), /^arn:aws:lambda:us-east-1:123456789012:function:router-[0-9a-f]{7}:\d+$/);
        assert.match(await unwrap(result.headers), /^arn:aws:lambda:us-east-1:123456789012:function:headers-[0-9a-f]{7}:\d+$/);
        assert.deepEqual(
            registry.ofType("pulumi:providers:aws").map((p) => [p.name, p.inputs.region]),
            [["router-us-east-1", "us-east-1"]],
        );
        assert.deepEqual(
            registry.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => g.outputs.arn.split(":")[3]),
            ["us-east-1", "eu-west-1", "eu-central-1", "us-east-1"],
        );
    });
});
