import * as assert from "node:assert";
import { ArgsError } from "../../../components/shared/errors";
import { Table } from "../../../components/table";
import type { TableArgs } from "../../../components/table/args";
import { normalize } from "../../../components/table/defaults";
import { validate } from "../../../components/table/validate";
import { buildFails } from "../../../components/testing";
import { KEY_ARN, base, provisioned } from "./fixtures";

/** Bad inputs: each names the fields it must report (every one, in order) and a word of the message. */
const cases: Array<{ title: string; args: TableArgs; paths: string[]; message: RegExp }> = [
    {
        title: "rejects a table key that is not declared in attributes",
        args: { attributes: { pk: "S" }, partitionKey: "pk", sortKey: "sk" },
        paths: ["sortKey"],
        message: /not declared in attributes/,
    },
    {
        title: "rejects an index key that is not declared in attributes",
        args: base({ globalIndexes: { byStatus: { partitionKey: "status" } } }),
        paths: ["globalIndexes.byStatus.partitionKey"],
        message: /not declared/,
    },
    {
        title: "rejects a declared attribute no key uses (CreateTable refuses it)",
        args: base({ attributes: { pk: "S", total: "N" } }),
        paths: ["attributes.total"],
        message: /no key uses it/,
    },
    {
        title: "rejects an attribute type DynamoDB keys do not have",
        args: base({ attributes: { pk: "BOOL" as "S" } }),
        paths: ["attributes.pk"],
        message: /"S", "N", "B"/,
    },
    {
        title: "requires read and write capacities on a provisioned table and each global index",
        args: base({
            billingMode: "PROVISIONED",
            attributes: { pk: "S", status: "S" },
            globalIndexes: { byStatus: { partitionKey: "status" } },
        }),
        paths: ["readCapacity", "writeCapacity", "globalIndexes.byStatus.readCapacity", "globalIndexes.byStatus.writeCapacity"],
        message: /PROVISIONED/,
    },
    {
        title: "refuses capacities and auto scaling on an on-demand table",
        args: base({
            readCapacity: 5,
            attributes: { pk: "S", status: "S" },
            globalIndexes: { byStatus: { partitionKey: "status", writeCapacity: 5 } },
            autoScaling: { read: { minCapacity: 1, maxCapacity: 10 } },
        }),
        paths: ["readCapacity", "autoScaling.read", "globalIndexes.byStatus.writeCapacity"],
        message: /on-demand/,
    },
    {
        title: "rejects auto scaling whose minimum is above its maximum",
        args: provisioned({ autoScaling: { read: { minCapacity: 50, maxCapacity: 10 } } }),
        paths: ["autoScaling.read.minCapacity"],
        message: /above maxCapacity/,
    },
    {
        title: "rejects a target utilization outside DynamoDB's 20-90 percent",
        args: provisioned({ autoScaling: { write: { minCapacity: 1, maxCapacity: 10, targetUtilizationPercent: 95 } } }),
        paths: ["autoScaling.write.targetUtilizationPercent"],
        message: /from 20 to 90/,
    },
    {
        title: "checks an index's own auto scaling",
        args: provisioned({
            attributes: { pk: "S", status: "S" },
            globalIndexes: {
                byStatus: { partitionKey: "status", readCapacity: 1, writeCapacity: 1, autoScaling: { read: { minCapacity: 0, maxCapacity: 5 } } },
            },
        }),
        paths: ["globalIndexes.byStatus.autoScaling.read.minCapacity"],
        message: /from 1 to/,
    },
    {
        title: "rejects a TTL attribute that is a string or binary key (TTL only reads Number values, so nothing would expire)",
        args: base({ attributes: { pk: "S" }, ttlAttribute: "pk" }),
        paths: ["ttlAttribute"],
        message: /declared "S"/,
    },
    { title: "rejects an empty TTL attribute name", args: base({ ttlAttribute: "" }), paths: ["ttlAttribute"], message: /1 to 255 bytes/ },
    {
        title: "rejects a TTL attribute name longer than 255 bytes",
        args: base({ ttlAttribute: "x".repeat(256) }),
        paths: ["ttlAttribute"],
        message: /1 to 255 bytes/,
    },
    {
        title: "rejects more than 20 global secondary indexes",
        args: base({
            attributes: { pk: "S", g: "S" },
            globalIndexes: Object.fromEntries(Array.from({ length: 21 }, (_v, i) => [`index${i}`, { partitionKey: "g" }])),
        }),
        paths: ["globalIndexes"],
        message: /at most 20/,
    },
    {
        title: "rejects more than 5 local secondary indexes",
        args: base({
            attributes: { pk: "S", sk: "S", l: "S" },
            sortKey: "sk",
            localIndexes: Object.fromEntries(Array.from({ length: 6 }, (_v, i) => [`local${i}`, { sortKey: "l" }])),
        }),
        paths: ["localIndexes"],
        message: /at most 5/,
    },
    {
        title: "rejects local indexes on a table without a sort key",
        args: base({ attributes: { pk: "S", l: "S" }, localIndexes: { byL: { sortKey: "l" } } }),
        paths: ["localIndexes"],
        message: /sortKey/,
    },
    {
        title: "rejects more than 100 projected non-key attributes across the indexes",
        args: base({
            attributes: { pk: "S", a: "S", b: "S" },
            globalIndexes: {
                byA: { partitionKey: "a", projection: "INCLUDE", nonKeyAttributes: Array.from({ length: 60 }, (_v, i) => `a${i}`) },
                byB: { partitionKey: "b", projection: "INCLUDE", nonKeyAttributes: Array.from({ length: 41 }, (_v, i) => `b${i}`) },
            },
        }),
        paths: ["globalIndexes"],
        message: /at most 100/,
    },
    {
        title: "requires nonKeyAttributes with an INCLUDE projection",
        args: base({ attributes: { pk: "S", a: "S" }, globalIndexes: { byA: { partitionKey: "a", projection: "INCLUDE" } } }),
        paths: ["globalIndexes.byA.nonKeyAttributes"],
        message: /INCLUDE/,
    },
    {
        title: "refuses nonKeyAttributes without an INCLUDE projection",
        args: base({ attributes: { pk: "S", a: "S" }, globalIndexes: { byA: { partitionKey: "a", nonKeyAttributes: ["x"] } } }),
        paths: ["globalIndexes.byA.nonKeyAttributes"],
        message: /only allowed with projection INCLUDE/,
    },
    {
        title: "rejects a projection DynamoDB does not have",
        args: base({ attributes: { pk: "S", a: "S" }, globalIndexes: { byA: { partitionKey: "a", projection: "SOME" as "ALL" } } }),
        paths: ["globalIndexes.byA.projection"],
        message: /"ALL", "KEYS_ONLY", "INCLUDE"/,
    },
    {
        title: "rejects an index name DynamoDB does not accept",
        args: base({ attributes: { pk: "S", a: "S" }, globalIndexes: { ab: { partitionKey: "a" } } }),
        paths: ["globalIndexes.ab"],
        message: /3 to 255/,
    },
    {
        title: "rejects a stream view type DynamoDB does not have",
        args: base({ streamViewType: "NEW" as "NEW_IMAGE" }),
        paths: ["streamViewType"],
        message: /NEW_AND_OLD_IMAGES/,
    },
    {
        title: "rejects a table class DynamoDB does not have",
        args: base({ tableClass: "INFREQUENT" as "STANDARD" }),
        paths: ["tableClass"],
        message: /STANDARD_INFREQUENT_ACCESS/,
    },
    {
        title: "rejects an encryption key given as an alias, not a key ARN",
        args: base({ encryption: { kmsKeyArn: "alias/orders" } }),
        paths: ["encryption.kmsKeyArn"],
        message: /KMS key ARN/,
    },
    {
        title: "rejects a replica region that is not a region name, and one listed twice",
        args: base({ replicaRegions: ["Europe", "eu-west-1", "eu-west-1"] }),
        paths: ["replicaRegions[0]", "replicaRegions[2]"],
        message: /region/,
    },
    {
        title: "refuses a stream view type other than NEW_AND_OLD_IMAGES with replicas",
        args: base({ replicaRegions: ["eu-west-1"], streamViewType: "KEYS_ONLY" }),
        paths: ["streamViewType"],
        message: /NEW_AND_OLD_IMAGES/,
    },
    {
        title: "requires write auto scaling on a provisioned global table",
        args: provisioned({ replicaRegions: ["eu-west-1"] }),
        paths: ["autoScaling.write"],
        message: /auto scaling/,
    },
    {
        title: "requires write auto scaling on each global index of a provisioned global table",
        args: provisioned({
            attributes: { pk: "S", a: "S" },
            replicaRegions: ["eu-west-1"],
            autoScaling: { write: { minCapacity: 1, maxCapacity: 10 } },
            globalIndexes: { byA: { partitionKey: "a", readCapacity: 1, writeCapacity: 1, autoScaling: { read: { minCapacity: 1, maxCapacity: 5 } } } },
        }),
        paths: ["globalIndexes.byA.autoScaling.write"],
        message: /every global index/,
    },
    {
        title: "requires a key in each replica region with a customer managed key, in that region",
        args: base({
            replicaRegions: ["eu-west-1", "us-west-2"],
            encryption: { kmsKeyArn: KEY_ARN, replicaKmsKeyArns: { "eu-west-1": KEY_ARN } },
        }),
        paths: ["encryption.replicaKmsKeyArns.eu-west-1", "encryption.replicaKmsKeyArns.us-west-2"],
        message: /regional/,
    },
    {
        title: "rejects a Kinesis stream ARN that is not one",
        args: base({ kinesis: { streamArn: "arn:aws:sqs:us-east-1:123456789012:queue" } }),
        paths: ["kinesis.streamArn"],
        message: /Kinesis data stream ARN/,
    },
    {
        title: "refuses a retention for a Kinesis stream it does not create",
        args: base({ kinesis: { streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/changes", retentionHours: 48 } }),
        paths: ["kinesis.retentionHours"],
        message: /no effect/,
    },
    {
        title: "rejects a Kinesis retention outside 24 hours to 365 days",
        args: base({ kinesis: { retentionHours: 12 } }),
        paths: ["kinesis.retentionHours"],
        message: /from 24 to 8760/,
    },
    {
        title: "rejects an unknown argument, suggesting the nearest",
        args: base({ streamViewTyp: "KEYS_ONLY" } as Partial<TableArgs>),
        paths: ["streamViewTyp"],
        message: /did you mean streamViewType/,
    },
    {
        title: "rejects a billing mode that is a boolean",
        args: base({ billingMode: true as unknown as "PROVISIONED" }),
        paths: ["billingMode"],
        message: /string/,
    },
];

describe("Table: validation", () => {
    for (const c of cases) {
        it(c.title, async () => {
            const issues = validate(c.args);
            assert.deepEqual(
                issues.map((i) => i.path),
                c.paths,
                JSON.stringify(issues),
            );
            assert.match(issues.map((i) => `${i.message}; allowed: ${i.allowed}`).join("\n"), c.message);
            const { error, registry } = await buildFails(() => new Table("items", c.args));
            assert.ok(error instanceof ArgsError, error.message);
            assert.match(error.message, /^Table "items": /);
            assert.equal(registry.size, 0);
        });
    }

    it("reports every issue of one call at once", () => {
        const issues = validate(base({ sortKey: "sk", ttlAttribute: "", streamViewType: "X" as "NEW_IMAGE", readCapacity: 1 }));
        assert.deepEqual(issues.map((i) => i.path).sort(), ["readCapacity", "sortKey", "streamViewType", "ttlAttribute"]);
    });

    it("refuses an instance name that cannot start child names, with nothing registered", async () => {
        const { error, registry } = await buildFails(() => new Table("bad name", base()));
        assert.match(error.message, /name="bad name"/);
        assert.equal(registry.size, 0);
    });

    it("accepts a complete valid table", () => assert.deepEqual(validate(provisionedEverything()), []));

    it("gives the same verdict on its normalized values (no rule reads a literal default)", () => {
        const args = provisionedEverything();
        const resolved = normalize(args);
        assert.deepEqual(validate(resolved as unknown as TableArgs), validate(args));
    });

    it("skips a KMS key ARN known only at deployment", () => {
        const { Output } = require("@pulumi/pulumi");
        assert.deepEqual(validate(base({ encryption: { kmsKeyArn: Output.create("alias/later") } })), []);
    });
});

function provisionedEverything(): TableArgs {
    return provisioned({
        attributes: { pk: "S", sk: "S", status: "S", createdAt: "N" },
        sortKey: "sk",
        autoScaling: { read: { minCapacity: 5, maxCapacity: 100 }, write: { minCapacity: 5, maxCapacity: 50, targetUtilizationPercent: 60 } },
        globalIndexes: {
            byStatus: { partitionKey: "status", sortKey: "createdAt", projection: "INCLUDE", nonKeyAttributes: ["total"], readCapacity: 5, writeCapacity: 5 },
        },
        localIndexes: { byCreatedAt: { sortKey: "createdAt", projection: "KEYS_ONLY" } },
        tableClass: "STANDARD_INFREQUENT_ACCESS",
        ttlAttribute: "expiresAt",
        pointInTimeRecovery: true,
        encryption: { kmsKeyArn: KEY_ARN, replicaKmsKeyArns: { "eu-west-1": "arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef" } },
        deletionProtection: true,
        protectData: true,
        replicaRegions: ["eu-west-1"],
        kinesis: { retentionHours: 168 },
        tags: { team: "orders" },
    });
}
