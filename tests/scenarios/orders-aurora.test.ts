import * as assert from "node:assert";
import { build, json } from "../../components/testing";
import * as ordersAurora from "./orders-aurora";

describe("scenario orders-aurora: Lambda → RDS Proxy → Aurora Serverless v2", () => {
    it("connects the function through the proxy only: its group, its environment and an rds-db:connect grant on the proxy's user", async () => {
        const { registry, warnings } = await build(ordersAurora.program);
        assert.deepEqual(warnings, []);
        const proxy = registry.one("aws:rds/proxy:Proxy");
        const fn = registry.one("aws:lambda/function:Function");
        const client = registry.one("aws:ec2/securityGroup:SecurityGroup", "orders-proxy-client-sg");
        // The proxy and the cluster run in the network's private subnets; so does the function, in the proxy's client group.
        const subnets = registry.one("aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds;
        assert.equal(subnets.length, 2);
        assert.deepEqual(proxy.inputs.vpcSubnetIds, subnets);
        assert.deepEqual(fn.inputs.vpcConfig, { subnetIds: subnets, securityGroupIds: [client.id] });
        const { DB_HOST, DB_PORT, DB_NAME, DB_USER } = fn.inputs.environment.variables;
        assert.deepEqual({ DB_HOST, DB_PORT, DB_NAME, DB_USER }, { DB_HOST: proxy.outputs.endpoint, DB_PORT: "5432", DB_NAME: "app", DB_USER: "dbadmin" });
        const id = String(proxy.outputs.arn).split(":").pop();
        const statements = registry.ofType("aws:iam/rolePolicy:RolePolicy").flatMap((p) => json(p.inputs.policy).Statement);
        assert.deepEqual(
            statements.filter((s: { Action: unknown }) => s.Action === "rds-db:connect").map((s: { Resource: unknown }) => s.Resource),
            [`arn:aws:rds-db:us-east-1:123456789012:dbuser:${id}/dbadmin`],
        );
        // In production the data is protected: a writer and a reader, both kept.
        assert.deepEqual(
            registry.ofType("aws:rds/clusterInstance:ClusterInstance").map((i) => [i.name, i.protect]),
            [
                ["orders-writer", true],
                ["orders-reader-1", true],
            ],
        );
    });
});
