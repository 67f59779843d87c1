import * as assert from "node:assert";
import type { DaxClusterArgs } from "../../../components/dax-cluster/args";
import { ResolvedDaxCluster, normalize } from "../../../components/dax-cluster/defaults";
import { args } from "./fixtures";

const cases: Array<{ title: string; args: DaxClusterArgs; resolved: Partial<ResolvedDaxCluster> }> = [
    {
        title: "fills one dax.t3.small node, 5-minute TTLs, no clients, no tags",
        args: args(),
        resolved: { nodeType: "dax.t3.small", nodes: 1, recordTtlSeconds: 300, queryTtlSeconds: 300, allowFrom: [], tags: {}, transform: {} },
    },
    {
        title: "keeps a TTL of 0 (never expires) rather than the default",
        args: args({ recordTtlSeconds: 0, queryTtlSeconds: 0 }),
        resolved: { recordTtlSeconds: 0, queryTtlSeconds: 0 },
    },
    {
        title: "leaves the maintenance window and topic unset when not given",
        args: args(),
        resolved: { maintenanceWindow: undefined, notificationTopicArn: undefined },
    },
];

describe("DaxCluster normalize", () => {
    for (const c of cases)
        it(c.title, () => {
            const out = normalize(c.args) as unknown as Record<string, unknown>;
            for (const [k, v] of Object.entries(c.resolved)) assert.deepEqual(out[k], v, k);
            if (c.resolved.maintenanceWindow === undefined && "maintenanceWindow" in c.resolved) assert.ok(!("maintenanceWindow" in out));
        });
});
