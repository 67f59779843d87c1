import * as assert from "node:assert";
import * as path from "node:path";
import { DaxCluster, Table, TableArgs } from "../../../components";
import { validate } from "../../../components/table/validate";
import { daxIssues } from "../../../components/table/dax";
import { Registry, build, buildFails, unwrap } from "../../../components/testing";
import { VPC } from "../dax-cluster/fixtures";
import { KEY_ARN, TABLE, base } from "./fixtures";
import { keptNodeRun } from "../../harness/kept-runs";

const CLUSTER = "aws:dax/cluster:Cluster";
const tableIssues = (name: string, args: TableArgs) => [...validate(args), ...daxIssues(name, args.dax)];

describe("Table option dax", () => {
    describe("a table with a DAX cluster", () => {
        let registry: Registry;
        let items: Table;
        before(async () => {
            ({ registry, result: items } = await build(
                () => new Table("items", base({ encryption: { kmsKeyArn: KEY_ARN }, dax: { vpc: VPC, nodes: 3, allowFrom: ["sg-0123456789abcdef0"] } })),
            ));
        });

        it("creates a DaxCluster child named <table>-dax and exposes it as table.dax", () => {
            assert.ok(items.dax instanceof DaxCluster);
            const component = registry.named("items-dax")!;
            assert.equal(component.type, DaxCluster.type);
            assert.equal(component.parent, registry.one("aws-platform:serverless:Table").urn);
            registry.hasInputs(CLUSTER, "items-dax-cluster", { replicationFactor: 3, clusterEndpointEncryptionType: "TLS" });
        });

        it("scopes the cluster's role to this table, its indexes and its key", () => {
            const arn = registry.one(TABLE).outputs.arn;
            const statements = registry.statementsOf(registry.one("aws:iam/role:Role", "items-dax-role"));
            assert.deepEqual(
                statements.map((s) => [s.Sid, s.Resource]),
                [
                    ["ReadItems", [arn, `${arn}/index/*`]],
                    ["WriteItems", arn],
                    ["UseTableKeyThroughDynamoDB", KEY_ARN],
                ],
            );
        });

        it("gives functions the endpoint through table.dax", async () => {
            assert.match(await unwrap(items.dax!.endpoint), /^daxs:\/\/items-dax-[0-9a-f]{7}\.[0-9a-f]{6}\.dax-clusters\.us-east-1\.amazonaws\.com$/);
        });
    });

    it("creates no DAX resource without the option", async () => {
        const { registry, result } = await build(() => new Table("items", base()));
        assert.equal(result.dax, undefined);
        assert.equal(registry.all().filter((r) => r.type.startsWith("aws:dax/")).length, 0);
    });

    it("refuses a bad DAX option with the table's own error, under dax., registering nothing", async () => {
        const args = base({ dax: { vpc: VPC, nodeType: "dax.r3.large", nodes: 20 } });
        assert.deepEqual(
            tableIssues("items", args).map((i) => i.path),
            ["dax.nodeType", "dax.nodes"],
        );
        const { error, registry } = await buildFails(() => new Table("items", args));
        assert.match(error.message, /^Table "items": .*dax\.nodeType="dax\.r3\.large" is a previous generation/s);
        assert.equal(registry.size, 0);
    });

    it("refuses a client security group listed twice in the DAX option (EC2 refuses the duplicate rule), registering nothing", async () => {
        const args = base({ dax: { vpc: VPC, allowFrom: ["sg-0123456789abcdef0", "sg-0123456789abcdef0"] } });
        const { error, registry } = await buildFails(() => new Table("items", args));
        assert.match(error.message, /dax\.allowFrom\[1\]="sg-0123456789abcdef0" is listed twice/);
        assert.equal(registry.size, 0);
    });

    it("refuses an unknown key in the DAX option once, from the table's shape check", async () => {
        const args = base({ dax: { vpc: VPC, table: { tableArn: "x" } } as any });
        assert.deepEqual(
            tableIssues("items", args).map((i) => i.path),
            ["dax.table"],
        );
        const { registry } = await buildFails(() => new Table("items", args));
        assert.equal(registry.size, 0);
    });

    // table.ts creates the DaxCluster, whose role uses the table's action lists: a cycle that must not leave a
    // half-loaded module in use, whichever module a program loads first.
    for (const entry of ["components/table/dax", "components/dax-cluster/dax-cluster", "components/table/shape"])
        it(`builds a table with dax and refuses a bad option when ${entry} is loaded first`, function () {
            this.timeout(60_000);
            const root = path.join(__dirname, "../../..");
            const script = `
                require("./${entry}");
                require("./components/testing").installMocks();
                const { Table, DaxCluster } = require("./components");
                const vpc = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0123456789abcdef0"] };
                const t = new Table("t", { attributes: { id: "S" }, partitionKey: "id", dax: { vpc } });
                let refused = "";
                try { new Table("u", { attributes: { id: "S" }, partitionKey: "id", dax: { vpc, nodes: 0 } }); } catch (e) { refused = e.message; }
                console.log(JSON.stringify({ dax: t.dax instanceof DaxCluster, refused }));`;
            // A fresh process per entry, kept while every file it read is unchanged (tests/harness/kept-runs.ts).
            const out = keptNodeRun(["-r", "./tools/register.js", "-e", script], { cwd: root });
            const result = JSON.parse(out.trim().split("\n").pop()!);
            assert.equal(result.dax, true);
            assert.match(result.refused, /^Table "u": dax\.nodes=0 is out of range/);
        });

    it("refuses a table name too long for the DaxCluster name <table>-dax", async () => {
        const name = "t".repeat(126);
        const { error, registry } = await buildFails(() => new Table(name, base({ dax: { vpc: VPC } })));
        assert.match(error.message, /dax=.*longer than 128 characters/);
        assert.equal(registry.size, 0);
    });
});
