import * as assert from "node:assert";
import { build, unwrap } from "../../components/testing";
import * as ec2CapacityGroups from "./ec2-capacity-groups";

describe("scenarios", () => {
    it("ec2-capacity-groups: on-demand and Spot capacity providers, a default strategy with a base, and a second component on the same cluster", async () => {
        const { registry, result } = await build(() => ec2CapacityGroups.program());
        const cp = (key: string) => registry.one("aws:ecs/capacityProvider:CapacityProvider", `saas-${key}-capacity-provider`);
        assert.equal(cp("on-demand").inputs.autoScalingGroupProvider.managedScaling.targetCapacity, 60);
        assert.equal(cp("spot").inputs.autoScalingGroupProvider.managedScaling.targetCapacity, 40);
        const [first] = registry.one("aws:ecs/service:Service", "saas-web").inputs.capacityProviderStrategies;
        assert.deepEqual(first, { capacityProvider: cp("on-demand").outputs.name, weight: 1, base: 1 });
        assert.equal(registry.ofType("aws:ecs/cluster:Cluster").length, 1);
        assert.equal(
            registry.one("aws:ecs/service:Service", "reports-api").inputs.cluster,
            registry.one("aws:ecs/cluster:Cluster", "saas-cluster").outputs.arn,
        );
        assert.equal(await unwrap(result.reportsCluster), await unwrap(result.clusterName));
    });
});
