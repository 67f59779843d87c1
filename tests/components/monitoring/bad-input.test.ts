/**
 * Generated bad input for Monitoring (as tests/property/bad-input.test.ts does for the older components):
 * each case breaks a valid example and the program either fails with an ArgsError before registering
 * anything, or builds; never another exception or a half-registered program.
 */
import * as assert from "node:assert";
import fc from "fast-check";
import { Monitoring, type MonitoringArgs } from "../../../components/monitoring";
import { ArgsError } from "../../../components/shared/errors";
import { Registry, installMocks, settle } from "../../../components/testing";
import { Mutation, apply, componentNames, mutations } from "../../property/mutate";
import { TOPIC, fullArgs } from "./fixture";

const EXAMPLES: MonitoringArgs[] = [
    { alarmTopicArn: TOPIC },
    fullArgs(),
    { ...fullArgs(), thresholds: { periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 }, dashboard: false },
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

describe("Monitoring bad input", () => {
    it("a malformed Monitoring is refused with an ArgsError before any resource, or builds", async () => {
        await fc.assert(
            fc.asyncProperty(fc.nat(), mutations(), componentNames(), async (example, ms: Mutation[], name) => {
                let args: unknown = structuredClone(EXAMPLES[example % EXAMPLES.length]);
                for (const m of ms) args = apply(args, m);
                await refusedOrBuilt(() => new Monitoring(name as string, args as MonitoringArgs));
            }),
            { seed: 20261126, numRuns: 150 },
        );
    });
});
