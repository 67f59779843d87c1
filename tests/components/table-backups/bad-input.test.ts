/** Generated bad input for TableBackups: the property in tests/property/refused-or-built.ts, from these examples. */
import { TableBackups } from "../../../components/table-backups";
import type { TableBackupsArgs } from "../../../components/table-backups/args";
import { assertRefusedOrBuilt } from "../../property/refused-or-built";

const EXAMPLES: TableBackupsArgs[] = [
    { tableArns: ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"] },
    {
        tableArns: ["arn:aws:dynamodb:us-east-1:123456789012:table/orders", "arn:aws:dynamodb:us-east-1:123456789012:table/ledger"],
        rules: {
            daily: {
                schedule: "cron(0 5 ? * * *)",
                timezone: "Europe/Paris",
                startWindowMinutes: 120,
                completionWindowMinutes: 600,
                deleteAfterDays: 35,
                copies: [{ region: "eu-west-1", deleteAfterDays: 14 }, { vaultArn: "arn:aws:backup:us-west-2:210987654321:backup-vault:dr" }],
            },
            monthly: { schedule: "cron(0 5 1 * ? *)", coldStorageAfterDays: 30, deleteAfterDays: 365 },
        },
        vault: { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
        protectData: true,
        tags: { team: "data" },
    },
];

describe("TableBackups bad input", () => {
    it("a malformed TableBackups is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(EXAMPLES, (name, args) => new TableBackups(name, args), { seed: 20261126, numRuns: 150 });
    });
});
