/**
 * The README's example: a table with DAX, and the items function in the VPC reaching it through DAX_ENDPOINT. The
 * function's own security group exists only once the function does, and the function's environment needs the cluster's
 * endpoint: the cluster is created first and admits the function afterwards with `allowClient`.
 */
import * as assert from "node:assert";
import { LambdaFunction, Network, Table } from "../../../components";
import { Registry, build } from "../../../components/testing";

describe("DaxCluster with a function in the VPC (the README example)", () => {
    let registry: Registry;
    before(async () => {
        ({ registry } = await build(() => {
            const network = new Network("main", { cidrBlock: "10.0.0.0/16" });
            const items = new Table("items", {
                attributes: { id: "S" },
                partitionKey: "id",
                dax: { vpc: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds } },
            });
            const api = new LambdaFunction("items-api", {
                entry: "functions/items/index.ts",
                vpc: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds },
                environment: { TABLE_NAME: items.tableName, DAX_ENDPOINT: items.dax!.endpoint },
                statements: items.dax!.clientStatements("readwrite"),
            });
            items.dax!.allowClient("items-api", api.resources.securityGroup!.id);
            return { items, api };
        }));
    });

    it("gives the function the cluster's TLS endpoint in DAX_ENDPOINT", () => {
        const fn = registry.one("aws:lambda/function:Function");
        const cluster = registry.one("aws:dax/cluster:Cluster");
        assert.equal(fn.inputs.environment.variables.DAX_ENDPOINT, `daxs://${cluster.outputs.clusterAddress}`);
    });

    it("admits the function's own security group on 9111, and nothing else", () => {
        const fnGroup = registry.one("aws:ec2/securityGroup:SecurityGroup", registry.all().find((r) => r.name.startsWith("items-api-security-group"))!.name);
        const rules = registry.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        assert.deepEqual(
            rules.map((r) => [r.name, r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort]),
            [["items-dax-ingress-items-api", fnGroup.id, 9111, 9111]],
        );
    });

    it("lets the function call DAX on that cluster only", () => {
        const cluster = registry.one("aws:dax/cluster:Cluster");
        const statements = registry.statementsOf(registry.one("aws:iam/role:Role", registry.all().find((r) => r.name.startsWith("items-api-role"))!.name));
        const dax = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith("dax:")));
        assert.equal(dax.length, 1);
        assert.equal(dax[0].Resource, cluster.outputs.arn);
    });
});
