/** Generated bad input for DaxCluster and the Table option dax: the property in tests/property/refused-or-built.ts. */
import { DaxCluster } from "../../../components/dax-cluster";
import type { DaxClusterArgs } from "../../../components/dax-cluster/args";
import { Table } from "../../../components/table";
import type { TableArgs } from "../../../components/table/args";
import { assertRefusedOrBuilt } from "../../property/refused-or-built";
import { CLIENT_SG, KEY_ARN, TABLE_ARN, VPC } from "./fixtures";

const EXAMPLES: DaxClusterArgs[] = [
    { table: { tableArn: TABLE_ARN }, vpc: VPC },
    {
        table: { tableArn: TABLE_ARN, kmsKeyArn: KEY_ARN },
        vpc: VPC,
        nodeType: "dax.r5.large",
        nodes: 3,
        recordTtlSeconds: 0,
        queryTtlSeconds: 60,
        allowFrom: [CLIENT_SG],
        maintenanceWindow: "sun:05:00-sun:06:00",
        notificationTopicArn: "arn:aws:sns:us-east-1:123456789012:dax-events",
        tags: { team: "orders" },
    },
];

const TABLES: TableArgs[] = [{ attributes: { id: "S" }, partitionKey: "id", dax: { vpc: VPC, nodes: 3, allowFrom: [CLIENT_SG] } }];

describe("DaxCluster bad input", () => {
    it("a malformed DaxCluster is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(EXAMPLES, (name, args) => new DaxCluster(name, args), { seed: 20261126, numRuns: 150 });
    });

    it("a Table with a malformed dax option is refused with an ArgsError before any resource, or builds", async () => {
        await assertRefusedOrBuilt(TABLES, (name, args) => new Table(name, args), { seed: 20261127, numRuns: 150 });
    });
});
