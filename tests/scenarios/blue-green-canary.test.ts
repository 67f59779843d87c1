import * as assert from "node:assert";
import { build, unwrap } from "../../components/testing";
import * as scenario from "./blue-green-canary";

describe("scenarios", () => {
    it("blue-green-canary: canary behind HTTPS with a test listener and hook, CodeDeploy outputs, linear on an NLB", async () => {
        const { registry, result } = await build(() => scenario.program());
        assert.deepEqual(
            registry
                .ofType("aws:lb/targetGroup:TargetGroup")
                .map((r) => r.name)
                .sort(),
            ["shop-api-tg", "shop-api-tg-alt", "shop-ledger-tg", "shop-ledger-tg-alt", "shop-web-tg", "shop-web-tg-alt"],
        );
        const web = registry.one("aws:ecs/service:Service", "shop-web").inputs;
        assert.equal(web.deploymentConfiguration.strategy, "CANARY");
        assert.equal(web.deploymentConfiguration.lifecycleHooks.length, 1);
        assert.equal(web.alarms.alarmNames.length, 2);
        assert.equal(registry.one("aws:ecs/service:Service", "shop-api").inputs.deploymentController.type, "CODE_DEPLOY");
        assert.equal(registry.one("aws:ecs/service:Service", "shop-ledger").inputs.deploymentConfiguration.strategy, "LINEAR");
        const cd = result.apiCodeDeploy;
        assert.equal((await Promise.all(cd.targetGroupNames.map(unwrap))).length, 2);
        assert.equal(await unwrap(cd.testListenerArns[0]), registry.one("aws:lb/listener:Listener", "shop-public-listener-9443").outputs.arn);
        assert.equal(await unwrap(cd.productionListenerArns[0]), registry.one("aws:lb/listener:Listener", "shop-public-listener-443").outputs.arn);
    });
});
