import * as assert from "node:assert";
import { checkDestination, destinationStatements } from "../../../components/shared/destinations";
import { Issues } from "../../../components/shared/errors";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/0c3a9f9e-1b7a-4e6c-9a55-3f1f0e2d8c11";

describe("failure destinations", () => {
    it("refuses a key for a destination type that is not encrypted by its sender (a function, an event bus)", () => {
        const issues = new Issues();
        checkDestination(issues, "onFailure", { type: "lambda", arn: "arn:aws:lambda:us-east-1:123456789012:function:f", kmsKeyArn: KEY }, ["lambda"]);
        assert.deepEqual(
            issues.list.map((i) => i.path),
            ["onFailure.kmsKeyArn"],
        );
    });

    it("grants an SNS topic's key through SNS only, after the publish permission", () => {
        const topic = "arn:aws:sns:us-east-1:123456789012:failures";
        assert.deepEqual(destinationStatements("sns", topic, KEY), [
            { Sid: "PublishFailureRecords", Effect: "Allow", Action: "sns:Publish", Resource: topic },
            {
                Sid: "EncryptFailureRecords",
                Effect: "Allow",
                Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                Resource: KEY,
                Condition: { StringLike: { "kms:ViaService": "sns.*.amazonaws.com" } },
            },
        ]);
    });

    it("grants no key when the destination has none", () => {
        assert.equal(destinationStatements("sqs", "arn:aws:sqs:us-east-1:123456789012:q").length, 1);
    });
});
