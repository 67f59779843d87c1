import * as assert from "node:assert";
import { build, unwrap } from "../../components/testing";
import { containerDefinitions } from "../components/container-service/fixtures";
import * as throwaway from "./throwaway-worker";

describe("scenarios", () => {
    it("throwaway-worker: one AZ (warned), a worker with sidecars scaling predictively and by steps both ways, TCP on an internal NLB", async () => {
        const { registry, result, warnings } = await build(() => throwaway.program());
        assert.ok(
            warnings.some((w) => w.startsWith("[aws-platform:network:single-az]")),
            warnings.join("\n"),
        );
        assert.equal(registry.ofType("aws:ec2/subnet:Subnet").length, 2);
        const nlb = registry.one("aws:lb/loadBalancer:LoadBalancer");
        assert.equal(nlb.inputs.loadBalancerType, "network");
        assert.equal(nlb.inputs.subnets.length, 1);
        assert.match(await unwrap(result.gameUrl), /^tcp:\/\/.+:7777$/);
        // The containers start in order: the migration must exit 0 and the proxy be healthy first.
        const defs = containerDefinitions(registry.one("aws:ecs/taskDefinition:TaskDefinition", "review-worker-task"));
        assert.deepEqual(defs.worker.dependsOn, [
            { containerName: "migrate", condition: "SUCCESS" },
            { containerName: "proxy", condition: "HEALTHY" },
        ]);
        assert.equal(defs.worker.memoryReservation, 512);
        assert.deepEqual(defs.worker.linuxParameters.capabilities.drop, ["NET_RAW"]);
        assert.deepEqual(defs.worker.volumesFrom, [{ sourceContainer: "proxy", readOnly: true }]);
        assert.equal(defs.worker.restartPolicy.restartAttemptPeriod, 120);
        assert.equal(defs.proxy.portMappings[0].name, "proxy-admin");
        // Predictive scaling, and a step policy each way with its alarm.
        const policies = registry.ofType("aws:appautoscaling/policy:Policy");
        assert.equal(policies.find((p) => p.name === "review-worker-predictive-scaling")?.inputs.policyType, "PredictiveScaling");
        const busy = registry.one("aws:appautoscaling/policy:Policy", "review-worker-busy-step-scaling");
        const idle = registry.one("aws:appautoscaling/policy:Policy", "review-worker-idle-step-scaling");
        assert.deepEqual(
            busy.inputs.stepScalingPolicyConfiguration.stepAdjustments.map((s: any) => s.scalingAdjustment),
            [1, 3],
        );
        assert.equal(idle.inputs.stepScalingPolicyConfiguration.stepAdjustments[0].scalingAdjustment, -1);
        assert.deepEqual(registry.one("aws:cloudwatch/metricAlarm:MetricAlarm", "review-worker-idle-step-alarm").inputs.alarmActions, [idle.outputs.arn]);
    });
});
