/** Generated bad input for Database and DatabaseProxy: the property in tests/property/refused-or-built.ts, from these examples. */
import { Database, type DatabaseArgs } from "../../../components/database";
import { DatabaseProxy } from "../../../components/database-proxy";
import { assertRefusedOrBuilt } from "../../property/refused-or-built";
import { proxyArgs } from "../database-proxy/fixtures";
import { KEY, SERVICE_SG, dbArgs } from "./fixtures";

const EXAMPLES: DatabaseArgs[] = [
    dbArgs(),
    dbArgs({ readers: 2, protectData: true, deletionProtection: true, kmsKeyArn: KEY, capacity: { minAcu: 1, maxAcu: 32 }, allowFrom: [SERVICE_SG] }),
    dbArgs({ proxy: false, capacity: { minAcu: 0, maxAcu: 2, autoPauseSeconds: 600 }, engineVersion: "16.6", logRetentionDays: 7 }),
];

describe("Database and DatabaseProxy bad input", function () {
    this.timeout(600_000);

    it("a malformed Database is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(EXAMPLES, (name, args) => new Database(name, args), { seed: 20261126, numRuns: 60 });
    });

    it("a malformed DatabaseProxy is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(
            [proxyArgs(), proxyArgs({ engineFamily: "MYSQL", port: 3306, allowFrom: [SERVICE_SG] })],
            (name, args) => new DatabaseProxy(name, args),
            {
                seed: 20261126,
                numRuns: 60,
            },
        );
    });
});
