import * as assert from "node:assert";
import { DatabaseProxy, dbUserArn, proxyResourceId } from "../../../components/database-proxy";
import { DEFAULTS } from "../../../components/database-proxy/defaults";
import { ArgsError } from "../../../components/shared/errors";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { CLIENT_SG, DB_SG, EGRESS, INGRESS, KEY, POLICY, PROXY, SECRET, SG, proxyArgs } from "./fixtures";

describe("DatabaseProxy", () => {
    describe("a PostgreSQL proxy with one secret under a customer key", () => {
        let registry: Registry;
        let proxy: DatabaseProxy;
        before(async () => {
            ({ registry, result: proxy } = await build(() => new DatabaseProxy("orders", proxyArgs({ allowFrom: [CLIENT_SG] }))));
        });

        it("requires TLS and IAM authentication of every client, logging in to the database with the secret", () => {
            registry.hasInputs(PROXY, undefined, {
                engineFamily: "POSTGRESQL",
                requireTls: true,
                auths: [{ authScheme: "SECRETS", iamAuth: "REQUIRED", secretArn: SECRET }],
                idleClientTimeout: 1800,
                debugLogging: false,
            });
        });

        it("runs in the given subnets behind its own security group only", () => {
            const p = registry.one(PROXY);
            const group = registry.one(SG, "orders-proxy-sg");
            assert.deepEqual(p.inputs.vpcSubnetIds, proxyArgs().vpc.subnetIds);
            assert.deepEqual(p.inputs.vpcSecurityGroupIds, [group.id]);
        });

        it("registers the cluster in the default target group with the connection pool limit", () => {
            const p = registry.one(PROXY);
            registry.hasInputs("aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", "orders-target-group", {
                dbProxyName: p.outputs.name,
                connectionPoolConfig: { maxConnectionsPercent: 100 },
            });
            registry.hasInputs("aws:rds/proxyTarget:ProxyTarget", "orders-target", {
                dbProxyName: p.outputs.name,
                targetGroupName: "default",
                dbClusterIdentifier: "orders-1a2b3c4",
            });
        });

        it("lets its role, trusted by rds.amazonaws.com, read exactly the secret and decrypt it through Secrets Manager only", () => {
            const role = registry.one("aws:iam/role:Role");
            assert.deepEqual(json(role.inputs.assumeRolePolicy).Statement[0].Principal, { Service: "rds.amazonaws.com" });
            assert.deepEqual(registry.statementsOf(role), [
                { Sid: "ReadDatabaseSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [SECRET] },
                {
                    Sid: "DecryptSecret0",
                    Effect: "Allow",
                    Action: ["kms:Decrypt"],
                    Resource: KEY,
                    Condition: { StringLike: { "kms:ViaService": "secretsmanager.*.amazonaws.com" } },
                },
            ]);
        });

        it("creates the proxy once its role's policy exists (the proxy reads the secret at once)", () => {
            const policy = registry.one(POLICY);
            assert.ok(registry.one(PROXY).dependencies.includes(policy.urn));
        });

        it("admits the client group and allowFrom on 5432 only, and nothing else into the proxy", () => {
            const group = registry.one(SG, "orders-proxy-sg");
            const client = registry.one(SG, "orders-client-sg");
            const into = registry.ofType(INGRESS).filter((r) => r.inputs.securityGroupId === group.id);
            assert.deepEqual(
                into.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort]).sort(),
                [
                    [client.id, "tcp", 5432, 5432],
                    [CLIENT_SG, "tcp", 5432, 5432],
                ].sort(),
            );
            assert.ok(registry.ofType(INGRESS).every((r) => r.inputs.cidrIpv4 === undefined && r.inputs.cidrIpv6 === undefined));
        });

        it("lets the proxy out to the database's group on its port only, and the database's group in from the proxy only", () => {
            const group = registry.one(SG, "orders-proxy-sg");
            assert.deepEqual(
                registry
                    .ofType(EGRESS)
                    .filter((r) => r.inputs.securityGroupId === group.id)
                    .map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]),
                [[DB_SG, 5432]],
            );
            registry.hasInputs(INGRESS, "orders-target-from-proxy", {
                securityGroupId: DB_SG,
                referencedSecurityGroupId: group.id,
                fromPort: 5432,
                toPort: 5432,
            });
        });

        it("lets the client group out to the proxy on 5432 only", () => {
            const group = registry.one(SG, "orders-proxy-sg");
            const client = registry.one(SG, "orders-client-sg");
            assert.deepEqual(
                registry
                    .ofType(EGRESS)
                    .filter((r) => r.inputs.securityGroupId === client.id)
                    .map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.ipProtocol, r.inputs.fromPort]),
                [[group.id, "tcp", 5432]],
            );
            assert.equal(client.inputs.egress, undefined);
        });

        it("gives the proxy resource id prx-… from its ARN", async () => {
            const arn = registry.one(PROXY).outputs.arn as string;
            assert.match(arn, /^arn:aws:rds:us-east-1:123456789012:db-proxy:prx-[0-9a-f]{17}$/);
            assert.equal(await unwrap(proxy.resourceId), arn.split(":").pop());
        });

        it("grants rds-db:connect on the proxy's dbuser ARN for the user, and nothing else", async () => {
            const arn = registry.one(PROXY).outputs.arn as string;
            const [statement, ...rest] = proxy.connectStatements("orders_app");
            assert.deepEqual(rest, []);
            assert.deepEqual(
                { ...statement, Resource: await unwrap(statement.Resource as string) },
                {
                    Sid: "ConnectThroughProxy",
                    Effect: "Allow",
                    Action: "rds-db:connect",
                    Resource: `arn:aws:rds-db:us-east-1:123456789012:dbuser:${arn.split(":").pop()}/orders_app`,
                },
            );
        });

        it("publishes the proxy's endpoint and the PostgreSQL port 5432", async () => {
            assert.equal(await unwrap(proxy.endpoint), registry.one(PROXY).outputs.endpoint);
            assert.equal(proxy.port, 5432);
        });
    });

    it("listens on 3306 for MySQL, and lets the database in on the database's own port", async () => {
        const { registry, result } = await build(() => new DatabaseProxy("m", proxyArgs({ engineFamily: "MYSQL", port: 3307 })));
        assert.equal(result.port, 3306);
        registry.hasInputs(INGRESS, "m-from-client", { fromPort: 3306, toPort: 3306 });
        registry.hasInputs(EGRESS, "m-to-target", { fromPort: 3307, toPort: 3307 });
    });

    it("asks for no KMS permission for a secret under the AWS managed key", async () => {
        const { registry } = await build(() => new DatabaseProxy("orders", proxyArgs({ secrets: [{ arn: SECRET }] })));
        assert.deepEqual(
            registry.statementsOf(registry.one("aws:iam/role:Role")).map((s) => s.Sid),
            ["ReadDatabaseSecrets"],
        );
    });

    it("refuses a database user name that PostgreSQL does not accept, in connectStatements", async () => {
        const { result } = await build(() => new DatabaseProxy("orders", proxyArgs()));
        assert.throws(
            () => result.connectStatements("bad-name"),
            (e: unknown) => e instanceof ArgsError && /user=.*bad-name/.test(e.message),
        );
    });

    it("documents every optional argument's default, and the defaults agree with DEFAULTS", () => {
        assertDefaultsDocumented("components/database-proxy/args.ts", DEFAULTS);
    });
});

describe("dbUserArn and proxyResourceId", () => {
    it("builds the dbuser ARN in the proxy ARN's partition, region and account", async () => {
        assert.equal(
            await unwrap(dbUserArn("arn:aws-us-gov:rds:us-gov-west-1:210987654321:db-proxy:prx-0123456789abcdef0", "app")),
            "arn:aws-us-gov:rds-db:us-gov-west-1:210987654321:dbuser:prx-0123456789abcdef0/app",
        );
    });

    it("uses a given resource id (a cluster's cluster-…) instead of the ARN's last segment", async () => {
        assert.equal(
            await unwrap(dbUserArn("arn:aws:rds:eu-west-1:123456789012:cluster:orders-1a2b3c4", "app", "cluster-ABCDEFGHIJKL0123456789ABCD")),
            "arn:aws:rds-db:eu-west-1:123456789012:dbuser:cluster-ABCDEFGHIJKL0123456789ABCD/app",
        );
    });

    it("takes a resource id in upper case, as AWS's IAM page writes it (prx-ABCDEFGHIJKL01234)", () => {
        assert.equal(proxyResourceId("arn:aws:rds:us-east-2:123456789012:db-proxy:prx-ABCDEFGHIJKL01234"), "prx-ABCDEFGHIJKL01234");
    });

    it("refuses an ARN that does not end in a proxy resource id", () => {
        assert.throws(() => proxyResourceId("arn:aws:rds:us-east-1:123456789012:db-proxy:orders"), /not a proxy ARN/);
    });
});
