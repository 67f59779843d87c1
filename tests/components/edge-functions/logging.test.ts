import * as assert from "node:assert";
import { EdgeFunctions } from "../../../components/edge-functions";
import { ACCESS_LOG_PREFIX } from "../../../components/edge-functions/logging";
import { Registry, build } from "../../../components/testing";
import { MINIMAL } from "./fixtures";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const SOURCE = "aws:cloudwatch/logDeliverySource:LogDeliverySource";
const DESTINATION = "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination";
const DELIVERY = "aws:cloudwatch/logDelivery:LogDelivery";

describe("EdgeFunctions logging", () => {
    let registry: Registry;
    before(async () => {
        // A stack in another Region: the logging resources still go to us-east-1.
        ({ registry } = await build(() => new EdgeFunctions("cdn", MINIMAL), { config: { "aws:region": "eu-west-1" } }));
    });

    it("keeps access logs 30 days in a vended-logs group in us-east-1", () => {
        const group = registry.hasInputs(LOG_GROUP, "cdn-access-logs", { region: "us-east-1", retentionInDays: 30 });
        assert.ok(String(group.inputs.namePrefix).startsWith(`${ACCESS_LOG_PREFIX}cdn-access-logs-`));
    });

    it("makes the distribution an ACCESS_LOGS delivery source in us-east-1", () => {
        registry.hasInputs(SOURCE, undefined, {
            region: "us-east-1",
            logType: "ACCESS_LOGS",
            resourceArn: registry.one("aws:cloudfront/distribution:Distribution").outputs.arn,
        });
    });

    it("delivers the source to the log group as JSON records", () => {
        const groupArn = registry.one(LOG_GROUP).outputs.arn;
        registry.hasInputs(DESTINATION, undefined, {
            region: "us-east-1",
            outputFormat: "json",
            deliveryDestinationConfiguration: { destinationResourceArn: groupArn },
        });
        registry.hasInputs(DELIVERY, undefined, {
            region: "us-east-1",
            deliverySourceName: registry.one(SOURCE).outputs.name,
            deliveryDestinationArn: registry.one(DESTINATION).outputs.arn,
        });
    });

    it("creates no logging resource with logging: false", async () => {
        const { registry: r } = await build(() => new EdgeFunctions("cdn", { ...MINIMAL, logging: false }));
        assert.deepEqual(
            [LOG_GROUP, SOURCE, DESTINATION, DELIVERY].map((t) => r.ofType(t).length),
            [0, 0, 0, 0],
        );
    });

    it("keeps logs as long as asked, in the asked format", async () => {
        const { registry: r } = await build(() => new EdgeFunctions("cdn", { ...MINIMAL, logging: { retentionDays: 365, outputFormat: "plain" } }));
        r.hasInputs(LOG_GROUP, undefined, { retentionInDays: 365 });
        r.hasInputs(DESTINATION, undefined, { outputFormat: "plain" });
    });
});
