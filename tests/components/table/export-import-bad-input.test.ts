/** Generated bad input for the Table's recovery window, export and import options: the property in tests/property/refused-or-built.ts. */
import { Table } from "../../../components/table";
import type { TableArgs } from "../../../components/table/args";
import { assertRefusedOrBuilt } from "../../property/refused-or-built";

const EXAMPLES: TableArgs[] = [
    {
        attributes: { pk: "S", sk: "S" },
        partitionKey: "pk",
        sortKey: "sk",
        pointInTimeRecovery: true,
        pointInTimeRecoveryDays: 14,
        export: {
            bucket: {
                bucketName: "audit-exports",
                bucketArn: "arn:aws:s3:::audit-exports",
                kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            },
            prefix: "ddb/orders",
            format: "ION",
            schedule: "cron(0 2 ? * SUN *)",
        },
    },
    {
        attributes: { sku: "S" },
        partitionKey: "sku",
        pointInTimeRecovery: true,
        importFrom: { bucketName: "catalog-seed", keyPrefix: "v1/", format: "CSV", compression: "GZIP", csv: { delimiter: ";", header: ["sku", "name"] } },
    },
];

describe("Table export and import bad input", () => {
    it("a malformed export, import or recovery window is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(EXAMPLES, (name, args) => new Table(name, args), { seed: 20261126, numRuns: 150 });
    });
});
