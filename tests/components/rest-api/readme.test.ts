import * as assert from "node:assert";
import { build, unwrap } from "../../../components/testing";
import * as partners from "../../scenarios/partners-rest-api";

describe("RestApi README example (tests/scenarios/partners-rest-api.ts)", () => {
    it("builds the partners API: an SQS proxy allowed that queue only, a cached Lambda route, one key in one plan", async () => {
        const { registry, result } = await build(partners.program);
        assert.match(await unwrap(result.url), /^https:\/\/[0-9a-f]{10}\.execute-api\.us-east-1\.amazonaws\.com\/v1$/);
        const queueArn = await unwrap(result.queueArn);
        assert.deepEqual(registry.statementsOf("partners-proxy-role-post-events"), [
            { Sid: "SendMessages", Effect: "Allow", Action: "sqs:SendMessage", Resource: queueArn },
        ]);
        registry.hasInputs("aws:apigateway/methodSettings:MethodSettings", "partners-method-settings-get-items-id", {
            methodPath: "~1items~1{id}/GET",
            settings: { cachingEnabled: true, cacheTtlInSeconds: 60 },
        });
        registry.hasInputs("aws:apigateway/usagePlanKey:UsagePlanKey", "partners-usage-plan-key-partners-acme", { keyType: "API_KEY" });
        assert.equal(registry.ofType("aws:apigateway/account:Account").length, 1);
        assert.deepEqual(Object.keys(result.keyIds), ["acme"]);
    });
});
