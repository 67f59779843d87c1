import * as assert from "node:assert";
import type { DatabaseArgs } from "../../../components/database";
import { DEFAULTS, ResolvedDatabase, normalize } from "../../../components/database/defaults";
import { assertDefaultsDocumented } from "../../harness/docs";
import { dbArgs } from "./fixtures";

const cases: Array<{ title: string; args: DatabaseArgs; resolved: Partial<ResolvedDatabase> }> = [
    {
        title: "fills the defaults: PostgreSQL 16.10, database app, user dbadmin, 0.5–4 ACUs, no reader, 7 days of backups, a proxy",
        args: dbArgs(),
        resolved: {
            engineVersion: "16.10",
            databaseName: "app",
            masterUsername: "dbadmin",
            capacity: { minAcu: 0.5, maxAcu: 4 },
            readers: 0,
            backupRetentionDays: 7,
            deletionProtection: false,
            protectData: false,
            logRetentionDays: 30,
            proxy: { idleClientTimeoutSeconds: 1800, maxConnectionsPercent: 100, debugLogging: false },
            allowFrom: [],
        },
    },
    {
        title: "pauses after AWS's 300 seconds when the minimum is 0 ACUs",
        args: dbArgs({ capacity: { minAcu: 0 } }),
        resolved: { capacity: { minAcu: 0, maxAcu: 4, autoPauseSeconds: 300 } },
    },
    {
        title: "keeps a given auto-pause delay",
        args: dbArgs({ capacity: { minAcu: 0, autoPauseSeconds: 900 } }),
        resolved: { capacity: { minAcu: 0, maxAcu: 4, autoPauseSeconds: 900 } },
    },
    { title: "keeps proxy: false", args: dbArgs({ proxy: false }), resolved: { proxy: false } },
    {
        title: "fills the proxy options it is not given",
        args: dbArgs({ proxy: { maxConnectionsPercent: 75 } }),
        resolved: { proxy: { idleClientTimeoutSeconds: 1800, maxConnectionsPercent: 75, debugLogging: false } },
    },
    {
        title: "keeps 0 and false as given (?? never ||)",
        args: dbArgs({ readers: 0, deletionProtection: false }),
        resolved: { readers: 0, deletionProtection: false },
    },
];

describe("Database: normalize", () => {
    for (const c of cases) {
        it(c.title, () => {
            const resolved = normalize(c.args) as unknown as Record<string, unknown>;
            for (const [key, value] of Object.entries(c.resolved)) assert.deepEqual(resolved[key], value, key);
        });
    }

    it("leaves kmsKeyArn absent (a key of its own) unless given", () => {
        assert.ok(!("kmsKeyArn" in normalize(dbArgs())));
    });

    it("documents every optional argument's default, and the defaults agree with DEFAULTS", () => {
        assertDefaultsDocumented("components/database/args.ts", DEFAULTS);
    });
});
