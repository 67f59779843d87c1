import * as assert from "node:assert";
import { Table } from "../../../components/table";
import { Registry, build } from "../../../components/testing";
import { POLICY, REPLICA, TABLE, TARGET, provisioned } from "./fixtures";

describe("Table: provisioned capacity and auto scaling", () => {
    let registry: Registry;
    let tableName: string;
    before(async () => {
        ({ registry } = await build(
            () =>
                new Table(
                    "items",
                    provisioned({
                        attributes: { pk: "S", status: "S", owner: "S" },
                        readCapacity: 10,
                        writeCapacity: 4,
                        autoScaling: { read: { minCapacity: 10, maxCapacity: 200 }, write: { minCapacity: 4, maxCapacity: 40, targetUtilizationPercent: 50 } },
                        globalIndexes: {
                            byStatus: { partitionKey: "status", readCapacity: 3, writeCapacity: 2 },
                            byOwner: { partitionKey: "owner", readCapacity: 1, writeCapacity: 1, autoScaling: { read: { minCapacity: 1, maxCapacity: 5 } } },
                        },
                    }),
                ),
        ));
        tableName = registry.one(TABLE).outputs.name;
    });

    it("gives the table and each global index their provisioned capacities", () => {
        registry.hasInputs(TABLE, "items-table", {
            billingMode: "PROVISIONED",
            readCapacity: 10,
            writeCapacity: 4,
            globalSecondaryIndexes: [
                { name: "byStatus", readCapacity: 3, writeCapacity: 2 },
                { name: "byOwner", readCapacity: 1, writeCapacity: 1 },
            ],
        });
    });

    it("registers a scalable target per scaled dimension, on table/<name> and table/<name>/index/<index>", () => {
        const targets = registry
            .ofType(TARGET)
            .map((t) => [t.name, t.inputs.resourceId, t.inputs.scalableDimension, t.inputs.minCapacity, t.inputs.maxCapacity]);
        assert.deepEqual(targets, [
            ["items-read-scaling-target", `table/${tableName}`, "dynamodb:table:ReadCapacityUnits", 10, 200],
            ["items-write-scaling-target", `table/${tableName}`, "dynamodb:table:WriteCapacityUnits", 4, 40],
            ["items-byStatus-read-scaling-target", `table/${tableName}/index/byStatus`, "dynamodb:index:ReadCapacityUnits", 10, 200],
            ["items-byStatus-write-scaling-target", `table/${tableName}/index/byStatus`, "dynamodb:index:WriteCapacityUnits", 4, 40],
            ["items-byOwner-read-scaling-target", `table/${tableName}/index/byOwner`, "dynamodb:index:ReadCapacityUnits", 1, 5],
        ]);
        assert.ok(registry.ofType(TARGET).every((t) => t.inputs.serviceNamespace === "dynamodb"));
    });

    it("lets an index without its own scaling follow the table's, and one with its own scale only what it sets", () => {
        const names = registry.ofType(TARGET).map((t) => t.name);
        assert.ok(names.includes("items-byStatus-write-scaling-target"));
        assert.ok(!names.includes("items-byOwner-write-scaling-target"));
    });

    it("tracks the utilization metric of each dimension, 70% unless set", () => {
        const policies = registry
            .ofType(POLICY)
            .map((p) => [
                p.name,
                p.inputs.policyType,
                p.inputs.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType,
                p.inputs.targetTrackingScalingPolicyConfiguration.targetValue,
            ]);
        assert.deepEqual(policies, [
            ["items-read-scaling-policy", "TargetTrackingScaling", "DynamoDBReadCapacityUtilization", 70],
            ["items-write-scaling-policy", "TargetTrackingScaling", "DynamoDBWriteCapacityUtilization", 50],
            ["items-byStatus-read-scaling-policy", "TargetTrackingScaling", "DynamoDBReadCapacityUtilization", 70],
            ["items-byStatus-write-scaling-policy", "TargetTrackingScaling", "DynamoDBWriteCapacityUtilization", 50],
            ["items-byOwner-read-scaling-policy", "TargetTrackingScaling", "DynamoDBReadCapacityUtilization", 70],
        ]);
    });

    it("attaches each policy to its own target's resource and dimension", () => {
        for (const policy of registry.ofType(POLICY)) {
            const target = registry.one(TARGET, policy.name.replace(/-policy$/, "-target"));
            assert.deepEqual(
                [policy.inputs.serviceNamespace, policy.inputs.resourceId, policy.inputs.scalableDimension],
                [target.outputs.serviceNamespace, target.outputs.resourceId, target.outputs.scalableDimension],
                policy.name,
            );
        }
    });

    it("leaves the scaled capacities to auto scaling: later updates do not reset them", () => {
        assert.deepEqual(registry.one(TABLE).ignoreChanges, [
            "replicas",
            "readCapacity",
            "writeCapacity",
            "globalSecondaryIndexes[0].readCapacity",
            "globalSecondaryIndexes[0].writeCapacity",
            "globalSecondaryIndexes[1].readCapacity",
            "importTable",
        ]);
    });

    it("ignores only the capacities of the indexes that auto scale, each by its position", async () => {
        const { registry: mixed } = await build(
            () =>
                new Table(
                    "items",
                    provisioned({
                        attributes: { pk: "S", status: "S", owner: "S" },
                        globalIndexes: {
                            // Fixed capacity: a change to it must reach AWS.
                            byStatus: { partitionKey: "status", readCapacity: 3, writeCapacity: 2 },
                            byOwner: { partitionKey: "owner", readCapacity: 1, writeCapacity: 1, autoScaling: { read: { minCapacity: 1, maxCapacity: 5 } } },
                        },
                    }),
                ),
        );
        assert.deepEqual(mixed.one(TABLE).ignoreChanges, ["replicas", "globalSecondaryIndexes[1].readCapacity", "importTable"]);
    });

    it("creates no auto scaling for a provisioned table without autoScaling, and ignores no capacity change", async () => {
        const { registry: plain } = await build(() => new Table("items", provisioned()));
        assert.equal(plain.ofType(TARGET).length + plain.ofType(POLICY).length, 0);
        assert.deepEqual(plain.one(TABLE).ignoreChanges, ["replicas", "importTable"]);
        plain.hasInputs(TABLE, "items-table", { readCapacity: 5, writeCapacity: 5 });
    });

    it("creates a provisioned table's replicas only after its auto scaling exists (DynamoDB refuses them before)", async () => {
        const { registry: global } = await build(
            () =>
                new Table(
                    "items",
                    provisioned({
                        replicaRegions: ["eu-west-1"],
                        autoScaling: { read: { minCapacity: 5, maxCapacity: 50 }, write: { minCapacity: 5, maxCapacity: 50 } },
                    }),
                ),
        );
        const scaling = [...global.ofType(TARGET), ...global.ofType(POLICY)].map((r) => r.urn).sort();
        assert.equal(scaling.length, 4);
        assert.deepEqual([...global.one(REPLICA).dependsOn].sort(), scaling);
        assert.equal(global.one(TABLE).inputs.replicas, undefined);
    });
});
