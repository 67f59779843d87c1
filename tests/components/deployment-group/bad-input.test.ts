/**
 * Generated bad input for DeploymentGroup (as tests/property/bad-input.test.ts does for the older
 * components): each case breaks a valid example and the program either fails with an ArgsError before
 * registering anything, or builds; never another exception or a half-registered program.
 */
import * as assert from "node:assert";
import fc from "fast-check";
import { DeploymentGroup } from "../../../components/deployment-group";
import type { DeploymentGroupArgs } from "../../../components/deployment-group/args";
import { ArgsError } from "../../../components/shared/errors";
import { Registry, installMocks, settle } from "../../../components/testing";
import { Mutation, apply, componentNames, mutations } from "../../property/mutate";
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

async function refusedOrBuilt(program: () => unknown): Promise<void> {
    const monitor = installMocks();
    const warn = console.warn;
    console.warn = () => {};
    let error: unknown;
    try {
        try {
            program();
        } catch (e) {
            error = e;
        }
        await settle();
    } finally {
        console.warn = warn;
    }
    const registry = new Registry(monitor);
    if (error === undefined) return;
    assert.ok(error instanceof ArgsError, `not an ArgsError: ${String((error as Error)?.stack ?? error)}`);
    assert.equal(registry.size, 0, `an ArgsError after ${registry.size} registrations`);
}

describe("DeploymentGroup bad input", () => {
    it("a malformed DeploymentGroup is refused with an ArgsError before any resource, or builds", async () => {
        await fc.assert(
            fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
                let args: unknown = structuredClone(EXAMPLES[example % EXAMPLES.length]);
                for (const m of ms) args = apply(args, m);
                await refusedOrBuilt(() => new DeploymentGroup(name as string, args as DeploymentGroupArgs));
            }),
            { seed: 20261126, numRuns: 150 },
        );
    });
});
