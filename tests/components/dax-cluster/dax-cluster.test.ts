import * as assert from "node:assert";
import { DaxCluster, Table } from "../../../components";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { CLIENT_SG, KEY_ARN, TABLE_ARN, VPC, args } from "./fixtures";

const CLUSTER = "aws:dax/cluster:Cluster";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe("DaxCluster", () => {
    describe("with defaults, for a table given by ARN", () => {
        let registry: Registry;
        let cache: DaxCluster;
        before(async () => {
            ({ registry, result: cache } = await build(() => new DaxCluster("orders-cache", args({ allowFrom: [CLIENT_SG] }))));
        });

        it("creates a one-node dax.t3.small cluster with TLS in transit and encryption at rest", () => {
            registry.hasInputs(CLUSTER, "orders-cache-cluster", {
                nodeType: "dax.t3.small",
                replicationFactor: 1,
                clusterEndpointEncryptionType: "TLS",
                serverSideEncryption: { enabled: true },
            });
        });

        it("names the cluster explicitly within 20 lower-case characters, unique per stack", () => {
            const name = registry.one(CLUSTER).inputs.clusterName;
            assert.match(name, /^orders-cache-[0-9a-f]{7}$/);
            assert.ok(name.length <= 20, name);
        });

        it("places the nodes in the given private subnets through its own subnet group", () => {
            const group = registry.one("aws:dax/subnetGroup:SubnetGroup");
            assert.deepEqual(group.inputs.subnetIds, VPC.subnetIds);
            assert.equal(registry.one(CLUSTER).inputs.subnetGroupName, group.outputs.name);
        });

        it("sets both cache TTLs to 300 seconds, in milliseconds, in its own parameter group", () => {
            const params = registry.one("aws:dax/parameterGroup:ParameterGroup");
            assert.deepEqual(params.inputs.parameters, [
                { name: "query-ttl-millis", value: "300000" },
                { name: "record-ttl-millis", value: "300000" },
            ]);
            assert.equal(registry.one(CLUSTER).inputs.parameterGroupName, params.outputs.name);
        });

        it("gives the nodes a security group with no inline rules, in the given VPC", () => {
            const sg = registry.one("aws:ec2/securityGroup:SecurityGroup");
            assert.equal(sg.inputs.vpcId, VPC.vpcId);
            assert.equal(sg.inputs.ingress, undefined);
            assert.equal(sg.inputs.egress, undefined);
            assert.deepEqual(registry.one(CLUSTER).inputs.securityGroupIds, [sg.id]);
        });

        it("admits the client security group on TCP 9111 only, and nothing else", () => {
            const sg = registry.one("aws:ec2/securityGroup:SecurityGroup");
            const rules = registry.ofType(INGRESS);
            assert.equal(rules.length, 1);
            registry.hasInputs(INGRESS, "orders-cache-ingress-0", {
                securityGroupId: sg.id,
                referencedSecurityGroupId: CLIENT_SG,
                ipProtocol: "tcp",
                fromPort: 9111,
                toPort: 9111,
            });
            assert.equal(registry.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").length, 0);
        });

        it("lets only dax.amazonaws.com assume its role", () => {
            const role = registry.one("aws:iam/role:Role");
            assert.deepEqual(json(role.inputs.assumeRolePolicy).Statement, [
                { Effect: "Allow", Principal: { Service: "dax.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]);
            assert.equal(registry.one(CLUSTER).inputs.iamRoleArn, role.outputs.arn);
        });

        it("scopes the role to the items of that one table and its indexes, with no key statement for a table without one", () => {
            assert.deepEqual(registry.statementsOf(registry.one("aws:iam/role:Role")), [
                {
                    Sid: "ReadItems",
                    Effect: "Allow",
                    Action: [
                        "dynamodb:BatchGetItem",
                        "dynamodb:ConditionCheckItem",
                        "dynamodb:DescribeTable",
                        "dynamodb:GetItem",
                        "dynamodb:Query",
                        "dynamodb:Scan",
                    ],
                    Resource: [TABLE_ARN, `${TABLE_ARN}/index/*`],
                },
                {
                    Sid: "WriteItems",
                    Effect: "Allow",
                    Action: ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
                    Resource: TABLE_ARN,
                },
            ]);
        });

        it("exposes the TLS discovery endpoint daxs://<clusterAddress> and port 9111", async () => {
            const cluster = registry.one(CLUSTER);
            assert.equal(await unwrap(cache.endpoint), `daxs://${cluster.outputs.clusterAddress}`);
            assert.equal(await unwrap(cache.port), 9111);
            assert.equal(await unwrap(cache.clusterArn), `arn:aws:dax:us-east-1:123456789012:cache/${cluster.inputs.clusterName}`);
        });

        it("grants clients the DAX item actions of their access on this cluster's ARN only", async () => {
            const arn = await unwrap(cache.clusterArn);
            const statements = await unwrap(cache.clientStatements("read") as any);
            assert.deepEqual(statements, [
                {
                    Sid: "ReadThroughDax",
                    Effect: "Allow",
                    Action: ["dax:BatchGetItem", "dax:ConditionCheckItem", "dax:GetItem", "dax:Query", "dax:Scan"],
                    Resource: arn,
                },
            ]);
            const write = (await unwrap(cache.clientStatements("write") as any)) as any[];
            assert.deepEqual(write[0].Action, ["dax:BatchWriteItem", "dax:DeleteItem", "dax:PutItem", "dax:UpdateItem"]);
            const both = (await unwrap(cache.clientStatements("readwrite") as any)) as any[];
            assert.equal(both[0].Action.length, 9);
            assert.ok(both.every((s) => s.Resource === arn && s.Action.every((a: string) => a.startsWith("dax:"))));
        });
    });

    it("grants the role a table's customer managed key through DynamoDB only", async () => {
        const { registry } = await build(() => new DaxCluster("orders-cache", args({ table: { tableArn: TABLE_ARN, kmsKeyArn: KEY_ARN } })));
        const key = registry.statementsOf(registry.one("aws:iam/role:Role")).find((s) => s.Sid === "UseTableKeyThroughDynamoDB");
        assert.deepEqual(key, {
            Sid: "UseTableKeyThroughDynamoDB",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
            Resource: KEY_ARN,
            Condition: { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } },
        });
    });

    it("scopes the role to a Table's ARN, indexes and key when given the Table", async () => {
        const { registry } = await build(() => {
            const items = new Table("items", { attributes: { id: "S" }, partitionKey: "id", encryption: { kmsKeyArn: KEY_ARN } });
            return new DaxCluster("items-cache", args({ table: items }));
        });
        const tableArn = registry.one("aws:dynamodb/table:Table").outputs.arn;
        const statements = registry.statementsOf(registry.one("aws:iam/role:Role"));
        assert.deepEqual(
            statements.map((s) => [s.Sid, s.Resource]),
            [
                ["ReadItems", [tableArn, `${tableArn}/index/*`]],
                ["WriteItems", tableArn],
                ["UseTableKeyThroughDynamoDB", KEY_ARN],
            ],
        );
    });

    it("sets the node type, node count, TTLs, maintenance window and notification topic it is given", async () => {
        const topic = "arn:aws:sns:us-east-1:123456789012:dax-events";
        const { registry } = await build(
            () =>
                new DaxCluster(
                    "orders-cache",
                    args({
                        nodeType: "dax.r5.large",
                        nodes: 3,
                        recordTtlSeconds: 0,
                        queryTtlSeconds: 60,
                        maintenanceWindow: "sun:05:00-sun:06:00",
                        notificationTopicArn: topic,
                    }),
                ),
        );
        registry.hasInputs(CLUSTER, "orders-cache-cluster", {
            nodeType: "dax.r5.large",
            replicationFactor: 3,
            maintenanceWindow: "sun:05:00-sun:06:00",
            notificationTopicArn: topic,
        });
        assert.deepEqual(registry.one("aws:dax/parameterGroup:ParameterGroup").inputs.parameters, [
            { name: "query-ttl-millis", value: "60000" },
            { name: "record-ttl-millis", value: "0" },
        ]);
    });

    it("admits a client created later with allowClient, as a rule named after its key", async () => {
        const { registry } = await build(() => {
            const cache = new DaxCluster("orders-cache", args());
            cache.allowClient("api", "sg-0fedcba9876543210");
            return cache;
        });
        registry.hasInputs(INGRESS, "orders-cache-ingress-api", {
            referencedSecurityGroupId: "sg-0fedcba9876543210",
            fromPort: 9111,
            toPort: 9111,
            ipProtocol: "tcp",
        });
        assert.equal(registry.ofType(INGRESS).length, 1);
    });

    it("refuses an allowClient key taken by an earlier call, or not a lower-case key, or a malformed group id", async () => {
        await build(() => {
            const cache = new DaxCluster("orders-cache", args({ allowFrom: [CLIENT_SG] }));
            cache.allowClient("api", "sg-0fedcba9876543210");
            assert.throws(() => cache.allowClient("api", "sg-0fedcba9876543211"), /DaxCluster "orders-cache": allowClient\.key="api" is already used/);
            assert.throws(() => cache.allowClient("0", "sg-0fedcba9876543211"), /allowClient\.key="0" is malformed/);
            assert.throws(() => cache.allowClient("Items API", "sg-0fedcba9876543211"), /allowClient\.key="Items API" is malformed/);
            assert.throws(() => cache.allowClient("jobs", "10.0.0.0/8"), /allowClient\.securityGroupId="10\.0\.0\.0\/8" is malformed/);
            return cache;
        });
    });

    it("refuses allowClient for a group the cluster already admits, which EC2 would refuse as a duplicate rule", async () => {
        const { registry } = await build(() => {
            const cache = new DaxCluster("orders-cache", args({ allowFrom: [CLIENT_SG] }));
            cache.allowClient("api", "sg-0fedcba9876543210");
            assert.throws(
                () => cache.allowClient("jobs", CLIENT_SG),
                /allowClient\.securityGroupId="sg-0123456789abcdef0" is already admitted \(rule orders-cache-ingress-0\)/,
            );
            assert.throws(() => cache.allowClient("jobs", "sg-0fedcba9876543210"), /is already admitted \(rule orders-cache-ingress-api\)/);
            return cache;
        });
        assert.deepEqual(
            registry.ofType(INGRESS).map((r) => r.name),
            ["orders-cache-ingress-0", "orders-cache-ingress-api"],
        );
    });

    it("fits a long or digit-first name into a cluster name DAX accepts", async () => {
        const { registry } = await build(() => [
            new DaxCluster("customer-order-history-cache", args()),
            new DaxCluster("2fa-codes", args({ transform: { subnetGroup: {} } })),
        ]);
        const names = registry.ofType(CLUSTER).map((c) => c.inputs.clusterName as string);
        for (const n of names) assert.match(n, /^[a-z](?:-?[0-9a-z])*$/, n);
        for (const n of names) assert.ok(n.length <= 20, n);
        assert.ok(
            names.some((n) => n.startsWith("dax-")),
            names.join(),
        );
        for (const g of registry.ofType("aws:dax/subnetGroup:SubnetGroup")) assert.match(g.outputs.name, /^[a-z][0-9a-z-]*$/);
    });

    it("names the cluster anew for a new node type, so its replacement can exist before the old one is deleted", async () => {
        const nameFor = async (nodeType: string) => {
            const { registry } = await build(() => new DaxCluster("orders-cache", args({ nodeType })));
            return registry.one(CLUSTER).inputs.clusterName as string;
        };
        const small = await nameFor("dax.t3.small");
        assert.equal(await nameFor("dax.t3.small"), small, "stable across runs");
        assert.notEqual(await nameFor("dax.r5.large"), small);
    });

    it("applies a transform to the cluster's args", async () => {
        const { registry } = await build(() => new DaxCluster("orders-cache", args({ transform: { cluster: { description: "orders cache" } } })));
        assert.equal(registry.one(CLUSTER).inputs.description, "orders cache");
    });
});
