/** Generated bad input for Monitoring: the property in tests/property/refused-or-built.ts, from these examples. */
import { Monitoring, type MonitoringArgs } from "../../../components/monitoring";
import { assertRefusedOrBuilt } from "../../property/refused-or-built";
import { TOPIC, fullArgs } from "./fixture";

const EXAMPLES: MonitoringArgs[] = [
    { alarmTopicArn: TOPIC },
    fullArgs(),
    { ...fullArgs(), thresholds: { periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 }, dashboard: false },
];

describe("Monitoring bad input", () => {
    it("a malformed Monitoring is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(EXAMPLES, (name, args) => new Monitoring(name, args), { seed: 20261126, numRuns: 150 });
    });
});
