import * as assert from "node:assert";
import { DataStream, DataStreamArgs } from "../../../components/data-stream";
import { DEFAULTS, normalize } from "../../../components/data-stream/defaults";
import { SHARD_LEVEL_METRICS, validate } from "../../../components/data-stream/validate";
import { assertDefaultsDocumented } from "../../harness/docs";
import { Refusal, itRefuses } from "../../harness/refusals";

describe("DataStream validation", () => {
    it("documents every optional argument's default as DEFAULTS holds it", () => {
        assertDefaultsDocumented("components/data-stream/args.ts", DEFAULTS);
    });

    it("accepts no arguments, and the resolved defaults pass validation again", () => {
        assert.deepEqual(validate({}), []);
        assert.deepEqual(validate(normalize({}) as DataStreamArgs), []);
    });

    it("accepts the limits: 1 and 500 shards, 24 and 8760 hours, all seven metrics", () => {
        for (const args of [
            { capacity: { shards: 1 }, retentionHours: 24 },
            { capacity: { shards: 500 }, retentionHours: 8760, shardLevelMetrics: [...SHARD_LEVEL_METRICS] },
        ] as DataStreamArgs[])
            assert.deepEqual(validate(args), []);
    });

    const cases: Refusal<DataStreamArgs>[] = [
        {
            title: "refuses 0 shards",
            args: { capacity: { shards: 0 } },
            path: "capacity.shards",
            message: /^0 is out of range; allowed: an integer of at least 1/,
        },
        { title: "refuses a fractional shard count", args: { capacity: { shards: 1.5 } }, path: "capacity.shards", message: /out of range|integer/ },
        {
            title: "refuses more shards than AWS's default quota, saying to raise it",
            args: { capacity: { shards: 501 } },
            path: "capacity.shards",
            message: /^501 is above AWS's default shard quota.*at most 500 \(200 outside .*raise the quota in Service Quotas/,
        },
        {
            title: "refuses a capacity mode other than on-demand or shards",
            args: { capacity: "provisioned" as "on-demand" },
            path: "capacity",
            message: /"provisioned" is not supported; allowed: "on-demand"/,
        },
        {
            title: "refuses retention under 24 hours",
            args: { retentionHours: 23 },
            path: "retentionHours",
            message: /^23 is out of range; allowed: an integer from 24 to 8760 hours/,
        },
        { title: "refuses retention over a year", args: { retentionHours: 8761 }, path: "retentionHours", message: /8761 is out of range/ },
        {
            title: "refuses turning encryption off",
            args: { encryption: "none" as "aws-managed" },
            path: "encryption",
            message: /"none" is not supported; allowed: "aws-managed"/,
        },
        {
            title: "refuses a key alias where a key ARN is needed (IAM grants name keys)",
            args: { encryption: { kmsKeyArn: "alias/my-key" } },
            path: "encryption.kmsKeyArn",
            message: /"alias\/my-key" is malformed; allowed: a KMS key ARN/,
        },
        {
            title: "refuses an unknown shard-level metric",
            args: { shardLevelMetrics: ["IncomingBytes", "GetRecords.Latency"] },
            path: "shardLevelMetrics[1]",
            message: /"GetRecords.Latency" is not supported; allowed: "IncomingBytes"/,
        },
        {
            title: "refuses a metric listed twice",
            args: { shardLevelMetrics: ["IncomingBytes", "IncomingBytes"] },
            path: "shardLevelMetrics[1]",
            message: /listed twice/,
        },
        {
            // AWS expands ALL into the seven names on read: the provider's state never matches, every up re-applies it.
            title: "refuses ALL, which drifts, naming the seven metrics to list instead",
            args: { shardLevelMetrics: ["ALL"] },
            path: "shardLevelMetrics[0]",
            message: /^"ALL" drifts: .*allowed: the metrics you want, or all of IncomingBytes, .*IteratorAgeMilliseconds/,
        },
        { title: "refuses a misspelled argument", args: { retentionHour: 48 } as DataStreamArgs, path: "retentionHour", message: /retentionHours/ },
    ];
    itRefuses(cases, validate, (args) => new DataStream("readings", args), /^DataStream "readings": /);

    it("reports every issue at once", () => {
        const issues = validate({ capacity: { shards: 0 }, retentionHours: 1, shardLevelMetrics: ["x"] });
        assert.deepEqual(
            issues.map((i) => i.path),
            ["capacity.shards", "retentionHours", "shardLevelMetrics[0]"],
        );
    });
});
