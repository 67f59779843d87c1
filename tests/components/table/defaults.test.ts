import * as assert from "node:assert";
import type { TableArgs } from "../../../components/table/args";
import { DEFAULTS, ResolvedTable, normalize } from "../../../components/table/defaults";
import { base, provisioned } from "./fixtures";

const SCALING = { minCapacity: 1, maxCapacity: 10 };

const cases: Array<{ title: string; args: TableArgs; resolved: Partial<ResolvedTable> }> = [
    {
        title: "fills the table's defaults: on-demand, Standard, AWS managed key, point-in-time recovery, nothing else turned on",
        args: base(),
        resolved: {
            billingMode: "PAY_PER_REQUEST",
            tableClass: "STANDARD",
            encryption: "aws-managed",
            pointInTimeRecovery: true,
            deletionProtection: false,
            protectData: false,
            replicaRegions: [],
            globalIndexes: {},
            localIndexes: {},
            autoScaling: {},
        },
    },
    {
        title: "fills a scaling's target utilization with 70%",
        args: provisioned({ autoScaling: { read: SCALING } }),
        resolved: { autoScaling: { read: { ...SCALING, targetUtilizationPercent: DEFAULTS.CapacityScalingArgs.targetUtilizationPercent } } },
    },
    {
        title: "gives a global index without its own scaling the table's, and projection ALL",
        args: provisioned({
            attributes: { pk: "S", a: "S" },
            autoScaling: { write: SCALING },
            globalIndexes: { byA: { partitionKey: "a", readCapacity: 1, writeCapacity: 1 } },
        }),
        resolved: {
            globalIndexes: {
                byA: {
                    partitionKey: "a",
                    readCapacity: 1,
                    writeCapacity: 1,
                    projection: "ALL",
                    nonKeyAttributes: [],
                    autoScaling: { write: { ...SCALING, targetUtilizationPercent: 70 } },
                },
            },
        },
    },
    {
        title: "turns the stream on with NEW_AND_OLD_IMAGES for replicas when no view type is given",
        args: base({ replicaRegions: ["eu-west-1"] }),
        resolved: { streamViewType: "NEW_AND_OLD_IMAGES" },
    },
    {
        title: "keeps a given view type",
        args: base({ streamViewType: "KEYS_ONLY" }),
        resolved: { streamViewType: "KEYS_ONLY" },
    },
    {
        title: "fills a Kinesis destination's retention (24 hours) and precision (milliseconds)",
        args: base({ kinesis: {} }),
        resolved: { kinesis: { retentionHours: 24, creationDateTimePrecision: "MILLISECOND" } },
    },
    {
        title: "turns deletion protection on with protectData",
        args: base({ protectData: true }),
        resolved: { protectData: true, deletionProtection: true },
    },
    {
        title: "keeps deletion protection off with protectData when told",
        args: base({ protectData: true, deletionProtection: false }),
        resolved: { protectData: true, deletionProtection: false },
    },
    {
        title: "keeps 0 and false as given (?? never ||)",
        args: base({ pointInTimeRecovery: false, readCapacity: 0 }),
        resolved: { pointInTimeRecovery: false, readCapacity: 0 },
    },
];

describe("Table: normalize", () => {
    for (const c of cases) {
        it(c.title, () => {
            const resolved = normalize(c.args) as unknown as Record<string, unknown>;
            for (const [key, value] of Object.entries(c.resolved)) assert.deepEqual(resolved[key], value, key);
        });
    }

    it("leaves absent options absent: no sort key, stream, TTL or Kinesis", () => {
        const resolved = normalize(base());
        assert.deepEqual(
            ["sortKey", "streamViewType", "ttlAttribute", "kinesis", "readCapacity"].filter((k) => k in resolved),
            [],
        );
    });
});
