/** Generated bad input for DeploymentGroup: the property in tests/property/refused-or-built.ts, from these examples. */
import { DeploymentGroup } from "../../../components/deployment-group";
import type { DeploymentGroupArgs } from "../../../components/deployment-group/args";
import { assertRefusedOrBuilt } from "../../property/refused-or-built";
import { HOOK, KEY, TASK_ROLE, TEST_LISTENER, TOPIC, ecsArgs, ecsTarget, lambdaArgs } from "./fixtures";

const EXAMPLES: DeploymentGroupArgs[] = [
    ecsArgs({
        target: { ecs: { ...ecsTarget(), testListenerArns: [TEST_LISTENER], passRoleArns: [TASK_ROLE], hookFunctionArns: [HOOK] } },
        config: { canary: { percent: 20, intervalMinutes: 10 } },
        alarms: ["web-5xx"],
        rollback: { onStopRequest: true },
        terminationWaitMinutes: 30,
        readyWaitMinutes: 60,
        notifications: { topicArn: TOPIC, topicKeyArn: KEY },
        tags: { team: "shop" },
    }),
    lambdaArgs({
        target: { lambda: { functionName: "orders", alias: "live", hooks: { beforeAllowTraffic: HOOK } } },
        config: { linear: { percent: 10, intervalMinutes: 1 } },
    }),
    {
        application: { existingName: "shop" },
        target: { server: { ec2TagFilters: [{ key: "app", value: "shop" }], targetGroupNames: ["shop-tg"] } },
        config: { minimumHealthy: { type: "HOST_COUNT", value: 2 } },
    },
];

describe("DeploymentGroup bad input", () => {
    it("a malformed DeploymentGroup is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(EXAMPLES, (name, args) => new DeploymentGroup(name, args), { seed: 20261126, numRuns: 150 });
    });
});
