import * as assert from "node:assert";
import { build } from "../../components/testing";
import * as escapeHatches from "./escape-hatches";

describe("scenarios", () => {
    it("escape-hatches: transforms reach the worker's queue, its dead-letter queue, one alarm and the mount targets; resources wire the task roles", async () => {
        const { registry } = await build(() => escapeHatches.program());
        assert.equal(registry.one("aws:sqs/queue:Queue", "shop-worker-queue").inputs.visibilityTimeoutSeconds, 900);
        assert.equal(registry.one("aws:sqs/queue:Queue", "shop-worker-dlq").inputs.messageRetentionSeconds, 4 * 24 * 3600);
        assert.equal(registry.one("aws:cloudwatch/metricAlarm:MetricAlarm", "shop-web-cpu-high").inputs.threshold, 95);
        assert.equal(registry.one("aws:cloudwatch/metricAlarm:MetricAlarm", "shop-worker-cpu-high").inputs.threshold, 80);
        const mountTargets = registry.ofType("aws:efs/mountTarget:MountTarget");
        assert.ok(mountTargets.length > 0);
        for (const m of mountTargets) assert.equal(m.retainOnDelete, true, m.name);
        const grants = registry.ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.startsWith("assets-read-"));
        assert.deepEqual(grants.map((g) => g.name).sort(), ["assets-read-web", "assets-read-worker"]);
    });
});
