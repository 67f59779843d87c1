/**
 * The serverless pricers on hand-computed cases (the arithmetic is written out with the list prices of
 * components/cost/prices/serverless.ts), the schedule counts, and the real prod plan: every type of the area is
 * priced or known free, and nothing is charged for usage at idle.
 */
import * as assert from "node:assert";
import { freeTierCredits } from "../../components/cost/estimate";
import { SERVERLESS_PRICERS } from "../../components/cost/pricers/serverless";
import { schedulePerMonth } from "../../components/cost/pricers/schedule-expression";
import { SERVERLESS_FREE_TIER, SERVERLESS_FREE_TYPES, SERVERLESS_PRICES } from "../../components/cost/prices/serverless";
import { OPS_PRICES } from "../../components/cost/prices/ops";
import { type CostLine, type LoadProfile, type PlanResource, UNKNOWN } from "../../components/cost/types";
import { stackPlan } from "../harness/stack-plans";
import { ZERO_LOAD, testContext } from "./context";

const FN = "aws:lambda/function:Function";

/** A load profile given by group, partially: zeros elsewhere (merged here, so any context builder reads it whole). */
type TestLoad = { [K in keyof LoadProfile]?: Partial<LoadProfile[K]> };
function fullLoad(load: TestLoad): LoadProfile {
    const out: Record<string, any> = { ...ZERO_LOAD };
    for (const [group, values] of Object.entries(load)) out[group] = { ...(ZERO_LOAD as Record<string, any>)[group], ...values };
    return out as LoadProfile;
}

/** A plan resource: `urn:pulumi:test::p::<type>::<name>`. */
function resource(
    type: string,
    name: string,
    inputs: Record<string, any> = {},
    extra: { parent?: string; propertyDependencies?: Record<string, string[]> } = {},
): PlanResource {
    return { urn: `urn:pulumi:test::p::${type}::${name}`, type, name, custom: !type.startsWith("aws-platform:"), inputs, ...extra };
}

/** Prices one resource of `resources` (by name) with the serverless pricers. */
function price(resources: PlanResource[], name: string, load: TestLoad = {}): CostLine[] {
    const r = resources.find((x) => x.name === name);
    assert.ok(r, `no resource ${name}`);
    const pricer = SERVERLESS_PRICERS[r.type];
    assert.ok(pricer, `no pricer for ${r.type}`);
    return pricer(r, testContext(resources, fullLoad(load), { ...SERVERLESS_PRICES, ...OPS_PRICES }));
}
const monthly = (lines: CostLine[]) => lines.reduce((s, l) => s + l.monthly, 0);
const close = (actual: number, expected: number, what = "") => assert.ok(Math.abs(actual - expected) < 1e-6, `${what} ${actual} != ${expected}`);
const byItem = (lines: CostLine[], item: string) => {
    const l = lines.find((x) => x.item === item);
    assert.ok(l, `no line "${item}" in ${lines.map((x) => x.item).join(", ")}`);
    return l;
};

/** An HTTP API whose one integration invokes `fn` (as the ServerlessApi builds it). */
function httpApiTo(fn: PlanResource): PlanResource[] {
    const api = resource("aws:apigatewayv2/api:Api", "api", { protocolType: "HTTP" });
    const integration = resource(
        "aws:apigatewayv2/integration:Integration",
        "api-integration",
        { integrationType: "AWS_PROXY", integrationUri: `arn:aws:lambda:us-east-1:123456789012:function:${fn.inputs.name}` },
        { propertyDependencies: { apiId: [api.urn], integrationUri: [fn.urn] } },
    );
    return [api, integration, fn];
}

describe("serverless pricers: Lambda", () => {
    const fnX86 = resource(FN, "fn", { name: "fn-1234567", memorySize: 128, architectures: ["x86_64"] });
    const fnArm = resource(FN, "fn", { name: "fn-1234567", memorySize: 128, architectures: ["arm64"] });
    const tenMillion: TestLoad = { functions: { fn: { invocationsPerMonth: 10e6, averageDurationMs: 100 } } };

    it("prices 10 M requests at 128 MB and 100 ms on x86 as requests plus x86 GB-seconds", () => {
        const lines = price([fnX86], "fn", tenMillion);
        close(monthly(lines), 10 * 0.2 + 10e6 * 0.1 * 0.125 * 0.0000166667);
        close(byItem(lines, "Lambda GB-seconds (x86_64)").quantity, 10e6 * 0.1 * 0.125);
    });

    it("prices the same on arm64 at the arm64 GB-second price", () => {
        close(monthly(price([fnArm], "fn", tenMillion)), 10 * 0.2 + 10e6 * 0.1 * 0.125 * 0.0000133334);
    });

    it("splits HTTP API requests evenly over the distinct functions its integrations target", () => {
        const other = resource(FN, "other", { name: "other-7654321", memorySize: 256, architectures: ["arm64"] });
        const [api, toFn] = httpApiTo(fnArm);
        const toOther = resource(
            "aws:apigatewayv2/integration:Integration",
            "api-integration-other",
            {
                integrationUri:
                    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:other-7654321:live/invocations",
            },
            { propertyDependencies: { apiId: [api.urn] } },
        );
        const load: TestLoad = { httpApi: { requestsPerMonth: 4e6 }, lambda: { averageDurationMs: 50 } };
        const plan = [api, toFn, toOther, fnArm, other];
        // 4 M requests over 2 functions; "other" is joined by the name in its (qualified) invocation URI.
        close(byItem(price(plan, "fn", load), "Lambda requests").quantity, 2);
        close(monthly(price(plan, "other", load)), 2 * 0.2 + 2e6 * 0.05 * 0.25 * 0.0000133334);
    });

    it("gives a REST API's requests to the function its integration's uri names", () => {
        const rest = resource("aws:apigateway/integration:Integration", "rest-integration", {
            type: "AWS_PROXY",
            uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:fn-1234567/invocations",
        });
        close(byItem(price([rest, fnArm], "fn", { restApi: { requestsPerMonth: 3e6 } }), "Lambda requests").quantity, 3);
    });

    it("derives a Kinesis consumer's invocations as records divided by the mapping's batch size", () => {
        const stream = resource("aws:kinesis/stream:Stream", "stream", { shardCount: 1 });
        const mapping = resource(
            "aws:lambda/eventSourceMapping:EventSourceMapping",
            "mapping",
            {
                eventSourceArn: "arn:aws:kinesis:us-east-1:1:stream/stream-abcdef0",
                functionName: "arn:aws:lambda:us-east-1:1:function:fn-1234567",
                batchSize: 200,
            },
            { propertyDependencies: { functionName: [fnArm.urn], eventSourceArn: [stream.urn] } },
        );
        const lines = price([stream, mapping, fnArm], "fn", { streams: { recordsPerMonth: 10e6, averageRecordKB: 1 } });
        close(byItem(lines, "Lambda requests").quantity, 10e6 / 200 / 1e6);
    });

    it("counts a schedule's invocations as paid unused, their duration (the load profile's) as usage", () => {
        const schedule = resource(
            "aws:scheduler/schedule:Schedule",
            "nightly",
            { scheduleExpression: "rate(5 minutes)", target: { arn: "arn:aws:lambda:us-east-1:1:function:fn-1234567" } },
            { propertyDependencies: { target: [fnArm.urn] } },
        );
        const lines = price([schedule, fnArm], "fn", { lambda: { averageDurationMs: 1000 } });
        const requests = byItem(lines, "Lambda requests (scheduled)");
        close(requests.quantity, 8640 / 1e6);
        assert.strictEqual(requests.usage, false);
        const seconds = byItem(lines, "Lambda GB-seconds (arm64) (scheduled)");
        close(seconds.quantity, 8640 * 1 * 0.125);
        assert.strictEqual(seconds.usage, true);
        // At idle the duration is 0: the requests stay, paid unused.
        const idle = price([schedule, fnArm], "fn");
        close(byItem(idle, "Lambda requests (scheduled)").quantity, 8640 / 1e6);
        close(byItem(idle, "Lambda GB-seconds (arm64) (scheduled)").quantity, 0);
    });

    it("invokes a function from an EventBridge rule's schedule through its target", () => {
        const rule = resource("aws:cloudwatch/eventRule:EventRule", "hourly", { scheduleExpression: "rate(1 hour)" });
        const target = resource(
            "aws:cloudwatch/eventTarget:EventTarget",
            "hourly-target",
            { arn: "arn:aws:lambda:us-east-1:1:function:fn-1234567", rule: "hourly-0011223" },
            { propertyDependencies: { rule: [rule.urn] } },
        );
        close(byItem(price([rule, target, fnArm], "fn"), "Lambda requests (scheduled)").quantity, (30 * 24) / 1e6);
    });

    it("prices a function nothing in the plan invokes at 0 unless load.functions names its component", () => {
        const component = resource("aws-platform:serverless:LambdaFunction", "photos");
        const fn = resource(FN, "photos-function", { name: "photos-1234567", memorySize: 1024, architectures: ["arm64"] }, { parent: component.urn });
        close(monthly(price([component, fn], "photos-function", { lambda: { averageDurationMs: 100 } })), 0);
        const lines = price([component, fn], "photos-function", { functions: { photos: { invocationsPerMonth: 1e6, averageDurationMs: 200 } } });
        close(monthly(lines), 1 * 0.2 + 1e6 * 0.2 * 1 * 0.0000133334);
    });

    it("charges Provisioned Concurrency all month and bills the invocations it serves at its lower duration price", () => {
        const fn = resource(FN, "fn", { name: "fn-1234567", memorySize: 512, architectures: ["arm64"] });
        const pc = resource(
            "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig",
            "fn-pc",
            { functionName: "fn-1234567", provisionedConcurrentExecutions: 2, qualifier: "live" },
            { propertyDependencies: { functionName: [fn.urn] } },
        );
        close(monthly(price([fn, pc], "fn-pc")), 2 * 0.5 * 730 * 3600 * 0.0000033334);
        // 1 M × 100 ms = 100,000 s a month: average concurrency 0.04, within the 2 provisioned.
        const lines = price([fn, pc], "fn", { functions: { fn: { invocationsPerMonth: 1e6, averageDurationMs: 100 } } });
        close(monthly(lines), 1 * 0.2 + 1e6 * 0.1 * 0.5 * 0.0000077778);
    });

    it("charges ephemeral storage above the free 512 MB by GB-second", () => {
        const fn = resource(FN, "fn", { name: "fn-1234567", memorySize: 128, architectures: ["x86_64"], ephemeralStorage: { size: 2560 } });
        const lines = price([fn], "fn", { functions: { fn: { invocationsPerMonth: 1e6, averageDurationMs: 1000 } } });
        close(byItem(lines, "Lambda ephemeral storage above 512 MB").monthly, 1e6 * 1 * 2 * 0.0000000309);
    });

    it("leaves Lambda@Edge functions to the edge group", () => {
        const edge = resource("aws-platform:edge:EdgeLambda", "router");
        const fn = resource(FN, "router-function", { name: "router-1234567" }, { parent: edge.urn });
        assert.deepStrictEqual(price([edge, fn], "router-function", tenMillion), []);
    });

    it("leaves a function to the edge group when the association's ARN is unknown in preview but the distribution's cache behaviors depend on it", () => {
        const fn = resource(FN, "router", { name: "router-1234567" });
        const cdn = resource(
            "aws:cloudfront/distribution:Distribution",
            "cdn",
            { defaultCacheBehavior: { lambdaFunctionAssociations: [{ eventType: "origin-request", lambdaArn: UNKNOWN }] } },
            { propertyDependencies: { defaultCacheBehavior: [fn.urn] } },
        );
        // Priced here too, its load.functions invocations would be billed twice: as Lambda and as Lambda@Edge on the distribution.
        assert.deepStrictEqual(price([cdn, fn], "router", { functions: { router: { invocationsPerMonth: 1e6 } } }), []);
    });

    it("leaves a function a distribution associates as Lambda@Edge to the edge group", () => {
        const fn = resource(FN, "router", { name: "router-1234567" });
        const cdn = resource("aws:cloudfront/distribution:Distribution", "cdn", {
            defaultCacheBehavior: {
                lambdaFunctionAssociations: [{ eventType: "origin-request", lambdaArn: "arn:aws:lambda:us-east-1:1:function:router-1234567:3" }],
            },
        });
        assert.deepStrictEqual(price([cdn, fn], "router", { functions: { router: { invocationsPerMonth: 1e6 } } }), []);
    });
});

describe("serverless pricers: API Gateway", () => {
    it("prices 5 M HTTP API requests at $1.00 per million", () => {
        const api = resource("aws:apigatewayv2/api:Api", "api", { protocolType: "HTTP" });
        close(monthly(price([api], "api", { httpApi: { requestsPerMonth: 5e6 } })), 5 * 1.0);
    });

    it("prices 5 M REST API requests at $3.50 per million", () => {
        const api = resource("aws:apigateway/restApi:RestApi", "rest");
        close(monthly(price([api], "rest", { restApi: { requestsPerMonth: 5e6 } })), 5 * 3.5);
    });

    it("applies the REST tiers above 333 M requests", () => {
        const api = resource("aws:apigateway/restApi:RestApi", "rest");
        close(monthly(price([api], "rest", { restApi: { requestsPerMonth: 400e6 } })), 333 * 3.5 + 67 * 2.8);
    });

    it("applies the HTTP API tier above 300 M requests", () => {
        const api = resource("aws:apigatewayv2/api:Api", "api", { protocolType: "HTTP" });
        close(monthly(price([api], "api", { httpApi: { requestsPerMonth: 500e6 } })), 300 * 1.0 + 200 * 0.9);
    });

    it("prices a WebSocket API's messages at $1.00 per million and connection minutes at $0.25 per million, not HTTP requests", () => {
        const ws = resource("aws:apigatewayv2/api:Api", "ws", { protocolType: "WEBSOCKET" });
        const http = resource("aws:apigatewayv2/api:Api", "api", { protocolType: "HTTP" });
        const load: TestLoad = { httpApi: { requestsPerMonth: 5e6 }, webSocketApi: { messagesPerMonth: 20e6, connectionMinutesPerMonth: 100e6 } };
        const lines = price([ws, http], "ws", load);
        assert.deepStrictEqual(
            lines.map((l) => l.price),
            ["apigw.websocket.messages", "apigw.websocket.connectionMinutes"],
        );
        close(monthly(lines), 20 * 1.0 + 100 * 0.25);
        // The HTTP API takes all of load.httpApi: the WebSocket API is not one of the APIs it is split over.
        close(monthly(price([ws, http], "api", load)), 5 * 1.0);
    });

    it("splits load.webSocketApi evenly over the WebSocket APIs and charges nothing at idle", () => {
        const a = resource("aws:apigatewayv2/api:Api", "a", { protocolType: "WEBSOCKET" });
        const b = resource("aws:apigatewayv2/api:Api", "b", { protocolType: "WEBSOCKET" });
        close(monthly(price([a, b], "a", { webSocketApi: { messagesPerMonth: 10e6, connectionMinutesPerMonth: 0 } })), (10 / 2) * 1.0);
        close(monthly(price([a, b], "a")), 0);
    });

    it("prices a 0.5 GB REST cache for a month, used or not", () => {
        const stage = resource("aws:apigateway/stage:Stage", "stage", { cacheClusterEnabled: true, cacheClusterSize: "0.5" });
        const lines = price([stage], "stage");
        close(monthly(lines), 0.02 * 730);
        assert.strictEqual(lines[0].usage, false);
    });

    it("prices nothing for a stage without a cache", () => {
        assert.deepStrictEqual(price([resource("aws:apigateway/stage:Stage", "stage", { cacheClusterEnabled: false })], "stage"), []);
    });
});

describe("serverless pricers: Lambda behind API Gateway (the README's figures)", () => {
    /** An API of `kind` and its one 128 MB function at 100 ms, at `requests` a month: list price before free tiers. */
    function apiAndFunction(kind: "rest" | "http", arch: string, requests: number): number {
        const fn = resource(FN, "fn", { name: "fn-1234567", memorySize: 128, architectures: [arch] });
        const api = kind === "rest" ? resource("aws:apigateway/restApi:RestApi", "api") : resource("aws:apigatewayv2/api:Api", "api", { protocolType: "HTTP" });
        const load: TestLoad = {
            functions: { fn: { invocationsPerMonth: requests, averageDurationMs: 100 } },
            restApi: { requestsPerMonth: kind === "rest" ? requests : 0 },
            httpApi: { requestsPerMonth: kind === "http" ? requests : 0 },
        };
        return monthly([...price([fn, api], "fn", load), ...price([fn, api], "api", load)]);
    }
    const gbSeconds = (requests: number) => requests * 0.1 * 0.125;

    it("re-prices the notes' 5 M REST requests at 128 MB and 100 ms on x86", () => {
        close(apiAndFunction("rest", "x86_64", 5e6), 5 * 3.5 + 5 * 0.2 + gbSeconds(5e6) * 0.0000166667);
    });

    it("re-prices 100 requests/s (262.8 M a month) through REST and through an HTTP API on arm64", () => {
        const requests = 100 * 730 * 3600;
        close(apiAndFunction("rest", "arm64", requests), 262.8 * 3.5 + 262.8 * 0.2 + gbSeconds(requests) * 0.0000133334);
        close(apiAndFunction("http", "arm64", requests), 262.8 * 1.0 + 262.8 * 0.2 + gbSeconds(requests) * 0.0000133334);
    });
});

describe("serverless pricers: DynamoDB", () => {
    it("prices an on-demand table with 10 M writes, 50 M reads and 30 GB with PITR", () => {
        const t = resource("aws:dynamodb/table:Table", "t", { billingMode: "PAY_PER_REQUEST", pointInTimeRecovery: { enabled: true } });
        const load: TestLoad = { dynamodb: { writeRequestUnitsPerMonth: 10e6, readRequestUnitsPerMonth: 50e6, storageGB: 30 } };
        close(monthly(price([t], "t", load)), 10 * 0.625 + 50 * 0.125 + 30 * 0.25 + 30 * 0.2);
    });

    it("splits request units over the on-demand tables and storage over all tables", () => {
        const a = resource("aws:dynamodb/table:Table", "a", { billingMode: "PAY_PER_REQUEST" });
        const b = resource("aws:dynamodb/table:Table", "b", { billingMode: "PAY_PER_REQUEST" });
        const c = resource("aws:dynamodb/table:Table", "c", { billingMode: "PROVISIONED", readCapacity: 1, writeCapacity: 1 });
        const lines = price([a, b, c], "a", { dynamodb: { writeRequestUnitsPerMonth: 10e6, storageGB: 30 } });
        close(byItem(lines, "DynamoDB write request units").quantity, 5);
        close(byItem(lines, "DynamoDB storage").quantity, 10);
    });

    it("prices a provisioned table's capacity (table and GSIs) every hour, used or not", () => {
        const t = resource("aws:dynamodb/table:Table", "t", {
            billingMode: "PROVISIONED",
            readCapacity: 10,
            writeCapacity: 5,
            globalSecondaryIndexes: [{ name: "g", readCapacity: 2, writeCapacity: 1 }],
        });
        const lines = price([t], "t");
        close(monthly(lines), 6 * 730 * 0.00065 + 12 * 730 * 0.00013);
        assert.ok(lines.filter((l) => l.item.includes("capacity")).every((l) => !l.usage));
    });

    it("prices the TableBackups plan's stored backups and their copy", () => {
        const plan = resource("aws:backup/plan:Plan", "plan", {
            rules: [{ ruleName: "daily", copyActions: [{ destinationVaultArn: "arn:aws:backup:us-west-2:1:vault/copy" }] }],
        });
        const selection = resource(
            "aws:backup/selection:Selection",
            "sel",
            { resources: ["arn:aws:dynamodb:us-east-1:1:table/items"] },
            { propertyDependencies: { planId: [plan.urn] } },
        );
        close(monthly(price([plan, selection], "plan", { storage: { backupGB: 40 } })), 40 * 0.1 + 40 * 0.1);
    });

    it("splits load.storage.backupGB over the plans that back up tables only, not a plan of EFS file systems beside them", () => {
        const plan = resource("aws:backup/plan:Plan", "plan", { rules: [{ ruleName: "daily" }] });
        const selection = resource(
            "aws:backup/selection:Selection",
            "sel",
            { resources: ["arn:aws:dynamodb:us-east-1:1:table/items"] },
            { propertyDependencies: { planId: [plan.urn] } },
        );
        const efsPlan = resource("aws:backup/plan:Plan", "efs-plan", { rules: [{ ruleName: "daily" }] });
        const efsSelection = resource(
            "aws:backup/selection:Selection",
            "efs-sel",
            { resources: ["arn:aws:elasticfilesystem:us-east-1:1:file-system/fs-1"] },
            { propertyDependencies: { planId: [efsPlan.urn] } },
        );
        const resources = [plan, selection, efsPlan, efsSelection];
        close(monthly(price(resources, "plan", { storage: { backupGB: 40 } })), 40 * 0.1);
        assert.deepStrictEqual(price(resources, "efs-plan", { storage: { backupGB: 40 } }), []);
    });
});

describe("serverless pricers: Kinesis", () => {
    it("prices an on-demand stream for a month: stream hours, data in and data out per reader", () => {
        const s = resource("aws:kinesis/stream:Stream", "s", { streamModeDetails: { streamMode: "ON_DEMAND" } });
        const mapping = resource("aws:lambda/eventSourceMapping:EventSourceMapping", "m", {}, { propertyDependencies: { eventSourceArn: [s.urn] } });
        close(monthly(price([s, mapping], "s")), 0.04 * 730);
        // 1,048,576 records of 1 KB = 1 GB in, read once by the one mapping.
        close(monthly(price([s, mapping], "s", { streams: { recordsPerMonth: 1024 * 1024, averageRecordKB: 1 } })), 0.04 * 730 + 1 * 0.08 + 1 * 0.04);
    });

    it("prices a provisioned stream's shards, extended retention and PUT payload units", () => {
        const s = resource("aws:kinesis/stream:Stream", "s", { shardCount: 2, retentionPeriod: 168 });
        const lines = price([s], "s", { streams: { recordsPerMonth: 10e6, averageRecordKB: 30 } });
        // A 30 KB record is two 25 KB PUT payload units.
        close(monthly(lines), 2 * 730 * 0.015 + 2 * 730 * 0.02 + 20 * 0.014);
    });

    it("prices an enhanced fan-out consumer per shard-hour of its stream", () => {
        const s = resource("aws:kinesis/stream:Stream", "s", { shardCount: 2 });
        const c = resource("aws:kinesis/streamConsumer:StreamConsumer", "c", {}, { propertyDependencies: { streamArn: [s.urn] } });
        close(monthly(price([s, c], "c")), 2 * 730 * 0.015);
    });
});

describe("serverless pricers: Aurora Serverless v2 and RDS Proxy", () => {
    const cluster = (min: number) =>
        resource("aws:rds/cluster:Cluster", "db", { engine: "aurora-postgresql", serverlessv2ScalingConfiguration: { minCapacity: min, maxCapacity: 8 } });
    const instance = (c: PlanResource, name: string, tier: number) =>
        resource(
            "aws:rds/clusterInstance:ClusterInstance",
            name,
            { instanceClass: "db.serverless", promotionTier: tier },
            { propertyDependencies: { clusterIdentifier: [c.urn] } },
        );

    it("prices a writer at 0.5 ACU minimum for a month", () => {
        const c = cluster(0.5);
        close(monthly(price([c, instance(c, "writer", 0)], "writer")), 0.5 * 730 * 0.12);
    });

    it("puts the writer at load.database.averageAcu and readers at the minimum under load", () => {
        const c = cluster(0.5);
        const plan = [c, instance(c, "writer", 0), instance(c, "reader", 1)];
        const load: TestLoad = { database: { averageAcu: 2 } };
        close(monthly(price(plan, "writer", load)), 2 * 730 * 0.12);
        close(monthly(price(plan, "reader", load)), 0.5 * 730 * 0.12);
    });

    it("prices an auto-pausing writer (minimum 0 ACU) at 0 while idle", () => {
        const c = cluster(0);
        close(monthly(price([c, instance(c, "writer", 0)], "writer")), 0);
    });

    it("prices I/O-Optimized clusters at the I/O-Optimized ACU price", () => {
        const c = resource("aws:rds/cluster:Cluster", "db", {
            engine: "aurora-postgresql",
            storageType: "aurora-iopt1",
            serverlessv2ScalingConfiguration: { minCapacity: 1 },
        });
        close(monthly(price([c, instance(c, "writer", 0)], "writer")), 1 * 730 * 0.156);
    });

    it("prices cluster storage and I/O from load.database", () => {
        const load: TestLoad = { database: { storageGB: 20, ioRequestsPerMonth: 50e6 } };
        close(monthly(price([cluster(0.5)], "db", load)), 20 * 0.1 + 50 * 0.2);
    });

    it("adds the Secrets Manager secret RDS creates for a cluster with manageMasterUserPassword: $0.40 a month, paid unused", () => {
        const c = resource("aws:rds/cluster:Cluster", "db", { engine: "aurora-postgresql", manageMasterUserPassword: true });
        const lines = SERVERLESS_PRICERS[c.type](c, testContext([c], fullLoad({}), { ...SERVERLESS_PRICES, ...OPS_PRICES }));
        const secret = lines.filter((l) => l.price === "secretsmanager.secret.month");
        assert.deepStrictEqual(
            secret.map((l) => [l.quantity, l.usage]),
            [[1, false]],
        );
        close(monthly(secret), 0.4);
    });

    it("charges RDS Proxy on Serverless v2 its minimum of 8 ACUs", () => {
        const c = cluster(0.5);
        const proxy = resource("aws:rds/proxy:Proxy", "proxy", {});
        const target = resource(
            "aws:rds/proxyTarget:ProxyTarget",
            "target",
            {},
            { propertyDependencies: { dbProxyName: [proxy.urn], dbClusterIdentifier: [c.urn] } },
        );
        close(monthly(price([c, instance(c, "writer", 0), instance(c, "reader", 1), proxy, target], "proxy")), 8 * 730 * 0.015);
    });
});

describe("serverless pricers: messaging, DAX and Cognito", () => {
    it("splits load.messages over the queues that are not failure destinations, 3 requests a message", () => {
        const work = resource("aws:sqs/queue:Queue", "work", {
            redrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:1:work-dlq-abcdef0", maxReceiveCount: 5 }),
        });
        const dlq = resource("aws:sqs/queue:Queue", "work-dlq", {});
        const load: TestLoad = { messages: { perMonth: 2e6 } };
        close(monthly(price([work, dlq], "work", load)), 2 * 3 * 0.4);
        close(monthly(price([work, dlq], "work-dlq", load)), 0);
    });

    it("prices a schedule's invocations from its expression, paid unused", () => {
        const s = resource("aws:scheduler/schedule:Schedule", "s", { scheduleExpression: "rate(5 minutes)" });
        const lines = price([s], "s");
        close(lines[0].quantity, 8640 / 1e6);
        close(lines[0].monthly, (8640 / 1e6) * 1.0);
        assert.strictEqual(lines[0].usage, false);
    });

    it("prices DAX nodes by type and replication factor", () => {
        const c = resource("aws:dax/cluster:Cluster", "dax", { nodeType: "dax.t3.small", replicationFactor: 3 });
        close(monthly(price([c], "dax")), 3 * 730 * 0.04);
    });

    it("prices a user pool at 0 MAUs, the profile having no MAU figure", () => {
        const lines = price([resource("aws:cognito/userPool:UserPool", "users", {})], "users", { httpApi: { requestsPerMonth: 1e6 } });
        assert.strictEqual(lines[0].price, "cognito.essentials.mau");
        close(monthly(lines), 0);
    });
});

describe("schedule expressions", () => {
    const cases: { expression: string; perMonth: number }[] = [
        { expression: "rate(5 minutes)", perMonth: 8640 },
        { expression: "rate(1 hour)", perMonth: 30 * 24 },
        { expression: "rate(2 days)", perMonth: 15 },
        { expression: "cron(0 3 * * ? *)", perMonth: 30 },
        { expression: "cron(0 2 ? * SUN *)", perMonth: 30 / 7 },
        { expression: "cron(0/15 9-17 ? * MON-FRI *)", perMonth: 4 * 9 * ((30 * 5) / 7) },
        { expression: "cron(0 0 1,15 * ? *)", perMonth: 2 },
        { expression: "cron(0 0 L * ? *)", perMonth: 1 },
        { expression: "cron(0 12 ? JAN,JUL 2#1 *)", perMonth: 2 / 12 },
        { expression: "at(2027-01-01T00:00:00)", perMonth: 0 },
    ];
    for (const c of cases) {
        it(`counts ${c.expression} as ${c.perMonth.toFixed(2)} a 30-day month`, () =>
            close(schedulePerMonth(c.expression)?.perMonth ?? Number.NaN, c.perMonth, c.expression));
    }
    it("reads nothing from an expression it does not understand", () => {
        for (const e of ["rate(0 minutes)", "cron(0 3 * *)", "every day", "04da6b54-80e4-46f7-96ec-b56ff0331ba9"])
            assert.strictEqual(schedulePerMonth(e), undefined, e);
    });
});

describe("serverless prices", () => {
    it("sources every price on an AWS pricing page", () => {
        for (const [key, p] of Object.entries(SERVERLESS_PRICES)) assert.match(p.source, /^https:\/\/aws\.amazon\.com\/[a-z0-9/-]+\/pricing\//, key);
    });
    it("gives free tiers only for keys the table prices", () => {
        for (const key of Object.keys(SERVERLESS_FREE_TIER)) assert.ok(Object.hasOwn(SERVERLESS_PRICES, key), key);
    });
    it("counts Cognito's 10,000 free MAUs once for Lite and Essentials pools together", () => {
        const mau = (price: string, quantity: number): CostLine => ({
            item: price,
            price,
            quantity,
            unit: "MAU",
            unitPrice: 0.015,
            monthly: quantity * 0.015,
            usage: true,
        });
        const credits = freeTierCredits([mau("cognito.essentials.mau", 8_000), mau("cognito.lite.mau", 8_000)], SERVERLESS_FREE_TIER);
        assert.strictEqual(credits.length, 1);
        close(credits[0].monthly, 10_000 * 0.015);
    });
});

/** Types of this group's area: priced here, or free. */
const AREA = /^aws:(lambda|apigateway|apigatewayv2|dynamodb|dax|kinesis|rds|sqs|sns|scheduler|cognito)\/|^aws:cloudwatch\/event|^aws:backup\/(plan|selection):/;

describe("serverless pricers on the prod plan", () => {
    let resources: PlanResource[];
    before(async function () {
        this.timeout(240000);
        const { result } = await stackPlan("prod");
        resources = result.evaluation.resources.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            custom: r.custom,
            inputs: r.maskedInputs,
            ...(r.parent !== undefined ? { parent: r.parent } : {}),
            propertyDependencies: r.propertyDependencies,
        }));
    });

    it("prices or knows as free every type of the area", () => {
        const types = [...new Set(resources.map((r) => r.type).filter((t) => AREA.test(t)))];
        assert.ok(types.length > 30, `only ${types.length} types matched`);
        const unknown = types.filter((t) => !Object.hasOwn(SERVERLESS_PRICERS, t) && !SERVERLESS_FREE_TYPES.includes(t));
        assert.deepStrictEqual(unknown, []);
    });

    it("charges nothing for usage at idle, and something for the REST cache, the stream, Aurora and the proxy", () => {
        const ctx = testContext(resources, fullLoad({}), { ...SERVERLESS_PRICES, ...OPS_PRICES });
        const lines = resources.flatMap((r) => (Object.hasOwn(SERVERLESS_PRICERS, r.type) ? SERVERLESS_PRICERS[r.type](r, ctx) : []));
        assert.deepStrictEqual(
            lines.filter((l) => l.usage && l.monthly !== 0),
            [],
        );
        for (const price of ["apigw.cache.0.5", "kinesis.shardHour", "aurora.serverlessV2.acuHour", "rdsProxy.acuHour", "lambda.provisioned.gbSecond.arm64"]) {
            assert.ok(
                lines.some((l) => l.price === price && l.monthly > 0),
                price,
            );
        }
    });

    it("derives the API and stream functions' invocations from the load", () => {
        const load: TestLoad = {
            httpApi: { requestsPerMonth: 20e6 },
            restApi: { requestsPerMonth: 2e6 },
            streams: { recordsPerMonth: 1e6 },
            lambda: { averageDurationMs: 100 },
        };
        const invocations = (name: string) => price(resources, name, load).find((l) => l.item === "Lambda requests")?.quantity;
        // One HTTP API function (the legacy routes proxy to a load balancer), one REST function, one Kinesis consumer (batch 100).
        close(invocations("items-items-function") ?? Number.NaN, 20);
        close(invocations("partners-items-function") ?? Number.NaN, 2);
        close(invocations("readings-function-function") ?? Number.NaN, 1e6 / 100 / 1e6);
        close(price(resources, "sweeper-function", load).find((l) => l.item === "Lambda requests (scheduled)")?.quantity ?? Number.NaN, 30 / 1e6);
    });
});
