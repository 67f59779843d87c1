import * as assert from "node:assert";
import { Database, LambdaFunction, clusterIdentifier } from "../../../components";
import { ArgsError } from "../../../components/shared/errors";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { ENTRY } from "../lambda-function/fixtures";
import { CLUSTER, EGRESS, INGRESS, INSTANCE, KEY, KMS_KEY, LOG_GROUP, PROXY, SERVICE_SG, SG, SUBNETS, dbArgs } from "./fixtures";

describe("Database", () => {
    describe("with defaults (dev-like)", () => {
        let registry: Registry;
        let db: Database;
        before(async () => {
            ({ registry, result: db } = await build(() => new Database("orders", dbArgs())));
        });

        it("creates an Aurora Serverless v2 PostgreSQL 16.10 cluster scaling from 0.5 to 4 ACUs", () => {
            registry.hasInputs(CLUSTER, "orders-cluster", {
                engine: "aurora-postgresql",
                engineMode: "provisioned",
                engineVersion: "16.10",
                serverlessv2ScalingConfiguration: { minCapacity: 0.5, maxCapacity: 4 },
                databaseName: "app",
                masterUsername: "dbadmin",
                port: 5432,
            });
        });

        it("lets RDS generate, store and rotate the master password in Secrets Manager, under the component's key", () => {
            const key = registry.one(KMS_KEY);
            const cluster = registry.hasInputs(CLUSTER, "orders-cluster", { manageMasterUserPassword: true, masterUserSecretKmsKeyId: key.outputs.arn });
            assert.equal(cluster.inputs.masterPassword, undefined);
        });

        it("encrypts storage with its own rotated key", () => {
            const key = registry.hasInputs(KMS_KEY, "orders-key", { enableKeyRotation: true, deletionWindowInDays: 30 });
            registry.hasInputs(CLUSTER, "orders-cluster", { storageEncrypted: true, kmsKeyId: key.outputs.arn });
        });

        it("keeps 7 days of backups, copies tags to snapshots, and takes no final snapshot when the data is not protected", () => {
            registry.hasInputs(CLUSTER, "orders-cluster", {
                backupRetentionPeriod: 7,
                copyTagsToSnapshot: true,
                deletionProtection: false,
                skipFinalSnapshot: true,
                finalSnapshotIdentifier: undefined,
            });
        });

        it("names the cluster <name>-<7 hex> in lower case, unique per stack", () => {
            const cluster = registry.one(CLUSTER);
            assert.match(cluster.inputs.clusterIdentifier, /^orders-[0-9a-f]{7}$/);
            assert.equal(cluster.inputs.clusterIdentifier, clusterIdentifier("orders"));
        });

        it("exports the PostgreSQL log to a log group of that cluster's name with 30 days' retention, created before the cluster", () => {
            const cluster = registry.one(CLUSTER);
            const logs = registry.hasInputs(LOG_GROUP, "orders-postgresql-log", {
                name: `/aws/rds/cluster/${cluster.inputs.clusterIdentifier}/postgresql`,
                retentionInDays: 30,
            });
            assert.deepEqual(cluster.inputs.enabledCloudwatchLogsExports, ["postgresql"]);
            assert.ok(cluster.dependencies.includes(logs.urn));
        });

        it("places the cluster in a subnet group of the given subnets, behind its own security group", () => {
            const group = registry.one("aws:rds/subnetGroup:SubnetGroup");
            assert.deepEqual(group.inputs.subnetIds, SUBNETS);
            const sg = registry.one(SG, "orders-cluster-sg");
            registry.hasInputs(CLUSTER, "orders-cluster", { dbSubnetGroupName: group.outputs.name, vpcSecurityGroupIds: [sg.id] });
        });

        it("creates one private db.serverless writer that never upgrades its engine by itself and follows the cluster's version", () => {
            const cluster = registry.one(CLUSTER);
            const [writer, ...others] = registry.ofType(INSTANCE);
            assert.deepEqual(others, []);
            assert.equal(writer.name, "orders-writer");
            assert.deepEqual(
                {
                    clusterIdentifier: writer.inputs.clusterIdentifier,
                    instanceClass: writer.inputs.instanceClass,
                    engine: writer.inputs.engine,
                    publiclyAccessible: writer.inputs.publiclyAccessible,
                    autoMinorVersionUpgrade: writer.inputs.autoMinorVersionUpgrade,
                    promotionTier: writer.inputs.promotionTier,
                },
                {
                    clusterIdentifier: cluster.id,
                    instanceClass: "db.serverless",
                    engine: "aurora-postgresql",
                    publiclyAccessible: false,
                    autoMinorVersionUpgrade: false,
                    promotionTier: 0,
                },
            );
            assert.equal(writer.inputs.identifier, `${cluster.inputs.clusterIdentifier}-writer`);
            // Aurora instances take the cluster's version; one of their own would fight the cluster's upgrades.
            assert.equal(writer.inputs.engineVersion, undefined);
        });

        it("puts an RDS Proxy in front, logging in with the RDS-managed master secret and decrypting it with the cluster's key", () => {
            const cluster = registry.one(CLUSTER);
            const key = registry.one(KMS_KEY);
            const secret = cluster.outputs.masterUserSecrets[0].secretArn;
            assert.match(secret, /:secret:rds!cluster-/);
            registry.hasInputs(PROXY, undefined, { requireTls: true, auths: [{ authScheme: "SECRETS", iamAuth: "REQUIRED", secretArn: secret }] });
            const statements = registry.statementsOf(registry.one("aws:iam/role:Role", "orders-proxy-role"));
            assert.deepEqual(
                statements.map((s) => [s.Action, s.Resource]),
                [
                    ["secretsmanager:GetSecretValue", [secret]],
                    [["kms:Decrypt"], key.outputs.arn],
                ],
            );
        });

        it("registers the cluster with the proxy only once the writer exists", () => {
            const writer = registry.one(INSTANCE, "orders-writer");
            const target = registry.one("aws:rds/proxyTarget:ProxyTarget");
            assert.ok(target.dependencies.includes(writer.urn));
        });

        it("turns IAM database authentication on behind the proxy too (FSBP RDS.12), the proxy still logging in with the secret", () => {
            registry.hasInputs(CLUSTER, "orders-cluster", { iamDatabaseAuthenticationEnabled: true });
        });

        it("admits only the proxy into the cluster's security group, on 5432", () => {
            const clusterSg = registry.one(SG, "orders-cluster-sg");
            const proxySg = registry.one(SG, "orders-proxy-proxy-sg");
            const into = registry.ofType(INGRESS).filter((r) => r.inputs.securityGroupId === clusterSg.id);
            assert.deepEqual(
                into.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort]),
                [[proxySg.id, 5432, 5432]],
            );
            assert.equal(clusterSg.inputs.ingress, undefined);
            assert.equal(clusterSg.inputs.egress, undefined);
        });

        it("hands clients the proxy's client security group, admitted by the proxy", async () => {
            const client = registry.one(SG, "orders-proxy-client-sg");
            assert.equal(await unwrap(db.clientSecurityGroupId), client.id);
        });

        it("gives functions/orders-db its environment: the proxy's endpoint, 5432, the database and the master user", async () => {
            const proxy = registry.one(PROXY);
            const env = db.connectionEnvironment();
            assert.deepEqual(
                {
                    DB_HOST: await unwrap(env.DB_HOST),
                    DB_PORT: await unwrap(env.DB_PORT),
                    DB_NAME: await unwrap(env.DB_NAME),
                    DB_USER: await unwrap(env.DB_USER),
                },
                { DB_HOST: proxy.outputs.endpoint, DB_PORT: "5432", DB_NAME: "app", DB_USER: "dbadmin" },
            );
            assert.match(String(proxy.outputs.endpoint), /\.proxy-[0-9a-f]{12}\.us-east-1\.rds\.amazonaws\.com$/);
        });

        it("grants rds-db:connect on the proxy's dbuser ARN for the master user", async () => {
            const id = String(registry.one(PROXY).outputs.arn).split(":").pop();
            const [s] = db.connectStatements();
            assert.equal(await unwrap(s.Resource as string), `arn:aws:rds-db:us-east-1:123456789012:dbuser:${id}/dbadmin`);
        });

        it("refuses a database user name PostgreSQL does not accept, for the environment and the grant", () => {
            assert.throws(() => db.connectionEnvironment("app-user"), /Database "orders".*user="app-user" is not a database user name/s);
            assert.throws(() => db.connectStatements("app user"), /Database "orders".*user="app user"/s);
        });

        it("protects nothing (no protect, no retainOnDelete) when protectData is off", () => {
            assert.ok(registry.all().every((r) => !r.protect && !r.retainOnDelete));
        });
    });

    describe("in production (protectData, deletion protection, a reader)", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await build(
                () => new Database("orders", dbArgs({ protectData: true, deletionProtection: true, readers: 1, capacity: { minAcu: 1, maxAcu: 16 } })),
                { stack: "prod" },
            ));
        });

        it("protects and retains the cluster, its instances and its key", () => {
            const kept = registry.all().filter((r) => r.protect && r.retainOnDelete);
            assert.deepEqual(kept.map((r) => r.name).sort(), ["orders-cluster", "orders-key", "orders-reader-1", "orders-writer"]);
        });

        it("retains (without protecting) what the retained cluster still uses, and its log: subnet group, security group, log group", () => {
            const retainedOnly = registry.all().filter((r) => r.retainOnDelete && !r.protect);
            assert.deepEqual(retainedOnly.map((r) => r.name).sort(), ["orders-cluster-sg", "orders-postgresql-log", "orders-subnets"]);
        });

        it("turns deletion protection on and takes a final snapshot named after the cluster", () => {
            const cluster = registry.hasInputs(CLUSTER, "orders-cluster", { deletionProtection: true, skipFinalSnapshot: false });
            assert.equal(cluster.inputs.finalSnapshotIdentifier, `${cluster.inputs.clusterIdentifier}-final`);
        });

        it("adds a reader as a failover target (tier 1)", () => {
            registry.hasInputs(INSTANCE, "orders-reader-1", { instanceClass: "db.serverless", promotionTier: 1 });
        });

        it("names the cluster differently in another stack", async () => {
            const { registry: test } = await build(() => new Database("orders", dbArgs()), { stack: "test" });
            assert.notEqual(registry.one(CLUSTER).inputs.clusterIdentifier, test.one(CLUSTER).inputs.clusterIdentifier);
        });
    });

    describe("without a proxy", () => {
        let registry: Registry;
        let db: Database;
        before(async () => {
            ({ registry, result: db } = await build(
                () => new Database("orders", dbArgs({ proxy: false, allowFrom: [SERVICE_SG], capacity: { minAcu: 0, maxAcu: 2 } })),
            ));
        });

        it("creates no proxy, and turns IAM database authentication on for direct clients", () => {
            assert.deepEqual(registry.ofType(PROXY), []);
            registry.hasInputs(CLUSTER, "orders-cluster", { iamDatabaseAuthenticationEnabled: true });
        });

        it("scales to 0 ACUs, pausing after AWS's 300 idle seconds", () => {
            registry.hasInputs(CLUSTER, "orders-cluster", { serverlessv2ScalingConfiguration: { minCapacity: 0, maxCapacity: 2, secondsUntilAutoPause: 300 } });
        });

        it("admits its client group and allowFrom straight into the cluster on 5432, and lets the client group out to it only", async () => {
            const clusterSg = registry.one(SG, "orders-cluster-sg");
            const client = registry.one(SG, "orders-client-sg");
            assert.deepEqual(
                registry
                    .ofType(INGRESS)
                    .map((r) => [r.inputs.securityGroupId, r.inputs.referencedSecurityGroupId, r.inputs.fromPort])
                    .sort(),
                [
                    [clusterSg.id, client.id, 5432],
                    [clusterSg.id, SERVICE_SG, 5432],
                ].sort(),
            );
            assert.deepEqual(
                registry.ofType(EGRESS).map((r) => [r.inputs.securityGroupId, r.inputs.referencedSecurityGroupId, r.inputs.toPort]),
                [[client.id, clusterSg.id, 5432]],
            );
            assert.equal(await unwrap(db.clientSecurityGroupId), client.id);
        });

        it("points DB_HOST at the cluster's writer endpoint and grants rds-db:connect on the cluster's resource id", async () => {
            const cluster = registry.one(CLUSTER);
            assert.equal(await unwrap(db.connectionEnvironment("orders_app").DB_HOST), cluster.outputs.endpoint);
            const [s] = db.connectStatements("orders_app");
            assert.equal(await unwrap(s.Resource as string), `arn:aws:rds-db:us-east-1:123456789012:dbuser:${cluster.outputs.clusterResourceId}/orders_app`);
        });

        it("refuses to hand out the master user without a proxy (granting it rds_iam would break its RDS-managed secret)", () => {
            for (const call of [() => db.connectStatements(), () => db.connectionEnvironment(), () => db.connectStatements("dbadmin")])
                assert.throws(call, (e: unknown) => e instanceof ArgsError && /Database "orders".*user=.*rds_iam/s.test(e.message));
        });
    });

    it("uses a given key for storage and the secret, and creates none", async () => {
        const { registry } = await build(() => new Database("orders", dbArgs({ kmsKeyArn: KEY })));
        assert.deepEqual(registry.ofType(KMS_KEY), []);
        registry.hasInputs(CLUSTER, "orders-cluster", { kmsKeyId: KEY, masterUserSecretKmsKeyId: KEY });
        const statements = registry.statementsOf(registry.one("aws:iam/role:Role", "orders-proxy-role"));
        assert.equal(statements[1].Resource, KEY);
    });

    it("fits a long, upper-case name into RDS's 63 lower-case characters", async () => {
        const name = `Orders${"X".repeat(80)}`;
        const { registry } = await build(() => new Database(name, dbArgs()));
        const id: string = registry.one(CLUSTER).inputs.clusterIdentifier;
        assert.ok(id.length <= 63 && /^[a-z][a-z0-9-]*[a-z0-9]$/.test(id) && !id.includes("--"), id);
        for (const i of registry.ofType(INSTANCE)) assert.ok(i.inputs.identifier.length <= 63, i.inputs.identifier);
    });

    it("gives a name that starts with a digit identifiers that start with a letter, as RDS requires", async () => {
        const { registry } = await build(() => new Database("9orders", dbArgs()));
        for (const id of [registry.one(CLUSTER).inputs.clusterIdentifier, ...registry.ofType(INSTANCE).map((i) => i.inputs.identifier)])
            assert.match(id, /^[a-z]/);
    });

    it("wires a LambdaFunction: the client group, the environment and the connect grant", async () => {
        const { registry } = await build(() => {
            const db = new Database("orders", dbArgs());
            return new LambdaFunction("orders-db", {
                entry: ENTRY,
                vpc: { subnetIds: SUBNETS, securityGroupIds: [db.clientSecurityGroupId] },
                environment: db.connectionEnvironment(),
                statements: db.connectStatements(),
            });
        });
        const fn = registry.one("aws:lambda/function:Function");
        const proxy = registry.one(PROXY);
        assert.deepEqual(fn.inputs.vpcConfig.securityGroupIds, [registry.one(SG, "orders-proxy-client-sg").id]);
        const { DB_HOST, DB_PORT, DB_NAME, DB_USER } = fn.inputs.environment.variables;
        assert.deepEqual({ DB_HOST, DB_PORT, DB_NAME, DB_USER }, { DB_HOST: proxy.outputs.endpoint, DB_PORT: "5432", DB_NAME: "app", DB_USER: "dbadmin" });
        const grants = registry.ofType("aws:iam/rolePolicy:RolePolicy").flatMap((p) => json(p.inputs.policy).Statement);
        assert.ok(
            grants.some(
                (s: { Action: string; Resource: string }) =>
                    s.Action === "rds-db:connect" && s.Resource.endsWith(`:dbuser:${String(proxy.outputs.arn).split(":").pop()}/dbadmin`),
            ),
        );
    });
});
