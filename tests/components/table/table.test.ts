import * as assert from "node:assert";
import { policyJson } from "../../../components/shared/iam";
import { Table } from "../../../components/table";
import type { TableArgs } from "../../../components/table/args";
import { DEFAULTS } from "../../../components/table/defaults";
import { Registry, build, buildFails, unwrap } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { DESTINATION, KEY_ARN, REPLICA, STREAM, TABLE, base } from "./fixtures";

const TABLE_NAME = /^items-table-[0-9a-f]{7}$/;

describe("Table", () => {
    it("documents every default it applies", () => assertDefaultsDocumented("components/table/args.ts", DEFAULTS));

    describe("on-demand, with the defaults", () => {
        let registry: Registry;
        let result: Table;
        before(async () => {
            ({ registry, result } = await build(() => new Table("items", base())));
        });

        it("creates one table and nothing else", () => {
            assert.deepEqual(registry.inventory(), [`${Table.type}::items`, `${TABLE}::items-table`]);
        });

        it("bills per request, with no capacities, in the Standard class", () => {
            registry.hasInputs(TABLE, "items-table", {
                billingMode: "PAY_PER_REQUEST",
                tableClass: "STANDARD",
                readCapacity: undefined,
                writeCapacity: undefined,
            });
        });

        it("declares the key attribute and uses it as the partition key", () => {
            registry.hasInputs(TABLE, "items-table", { attributes: [{ name: "pk", type: "S" }], hashKey: "pk", rangeKey: undefined });
        });

        it("keeps point-in-time recovery (35 days) on, streams, TTL and deletion protection off, encrypted with the AWS managed key", () => {
            registry.hasInputs(TABLE, "items-table", {
                streamEnabled: false,
                streamViewType: undefined,
                ttl: undefined,
                pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 },
                deletionProtectionEnabled: false,
                serverSideEncryption: { enabled: true },
                replicas: undefined,
            });
        });

        it("outputs the table's name and ARN, and no stream ARN", async () => {
            const table = registry.one(TABLE);
            assert.match(await unwrap(result.tableName), TABLE_NAME);
            assert.equal(await unwrap(result.tableArn), table.outputs.arn);
            assert.equal(result.streamArn, undefined);
        });

        it("parents the table to the component and tags it", () => {
            const table = registry.one(TABLE);
            assert.equal(table.parent, registry.one(Table.type).urn);
            assert.equal(table.inputs.tags["aws-platform:component"], "Table/items");
        });

        it("neither protects nor retains the table", () => {
            const table = registry.one(TABLE);
            assert.deepEqual([table.protect, table.retainOnDelete], [false, false]);
        });
    });

    describe("keys and indexes", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await build(
                () =>
                    new Table("items", {
                        attributes: { pk: "S", sk: "S", status: "S", createdAt: "N" },
                        partitionKey: "pk",
                        sortKey: "sk",
                        globalIndexes: {
                            byStatus: { partitionKey: "status", sortKey: "createdAt", projection: "INCLUDE", nonKeyAttributes: ["total"] },
                            byCreated: { partitionKey: "createdAt", projection: "KEYS_ONLY" },
                        },
                        localIndexes: { bySkCreated: { sortKey: "createdAt" } },
                        tableClass: "STANDARD_INFREQUENT_ACCESS",
                    }),
            ));
        });

        it("declares each key attribute once, with its type", () => {
            registry.hasInputs(TABLE, "items-table", {
                attributes: [
                    { name: "pk", type: "S" },
                    { name: "sk", type: "S" },
                    { name: "status", type: "S" },
                    { name: "createdAt", type: "N" },
                ],
                hashKey: "pk",
                rangeKey: "sk",
                tableClass: "STANDARD_INFREQUENT_ACCESS",
            });
        });

        it("gives each global index its key schema, projection and (for INCLUDE only) its non-key attributes", () => {
            registry.hasInputs(TABLE, "items-table", {
                globalSecondaryIndexes: [
                    {
                        name: "byStatus",
                        keySchemas: [
                            { attributeName: "status", keyType: "HASH" },
                            { attributeName: "createdAt", keyType: "RANGE" },
                        ],
                        projectionType: "INCLUDE",
                        nonKeyAttributes: ["total"],
                        readCapacity: undefined,
                    },
                    {
                        name: "byCreated",
                        keySchemas: [{ attributeName: "createdAt", keyType: "HASH" }],
                        projectionType: "KEYS_ONLY",
                        nonKeyAttributes: undefined,
                    },
                ],
            });
        });

        it("gives each local index its sort key and projection (the table's partition key is implied)", () => {
            registry.hasInputs(TABLE, "items-table", { localSecondaryIndexes: [{ name: "bySkCreated", rangeKey: "createdAt", projectionType: "ALL" }] });
        });
    });

    describe("stream, TTL, point-in-time recovery, protection", () => {
        let registry: Registry;
        let result: Table;
        before(async () => {
            ({ registry, result } = await build(
                () =>
                    new Table(
                        "items",
                        base({
                            streamViewType: "NEW_IMAGE",
                            ttlAttribute: "expiresAt",
                            pointInTimeRecovery: true,
                            deletionProtection: true,
                            protectData: true,
                        }),
                    ),
            ));
        });

        it("turns the stream on with the view type and outputs its ARN", async () => {
            registry.hasInputs(TABLE, "items-table", { streamEnabled: true, streamViewType: "NEW_IMAGE" });
            const arn = await unwrap(result.streamArn!);
            assert.equal(arn, registry.one(TABLE).outputs.streamArn);
            assert.match(arn, /^arn:aws:dynamodb:us-east-1:123456789012:table\/items-table-[0-9a-f]{7}\/stream\//);
        });

        it("turns TTL on for the attribute", () => registry.hasInputs(TABLE, "items-table", { ttl: { attributeName: "expiresAt", enabled: true } }));

        it("turns point-in-time recovery and deletion protection on", () =>
            registry.hasInputs(TABLE, "items-table", { pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true }));

        it("protects and retains the table when protectData is set", () => {
            const table = registry.one(TABLE);
            assert.deepEqual([table.protect, table.retainOnDelete], [true, true]);
        });
    });

    describe("server-side encryption", () => {
        const sse = async (encryption: TableArgs["encryption"]) => {
            const { registry } = await build(() => new Table("items", base({ encryption })));
            return registry.one(TABLE).inputs.serverSideEncryption;
        };

        it("uses the AWS managed key aws/dynamodb by default (enabled, no key ARN): its use is visible in CloudTrail", async () =>
            assert.deepEqual(await sse(undefined), { enabled: true }));

        it("uses the AWS owned key when asked (encryption disabled in the provider's terms)", async () =>
            assert.deepEqual(await sse("aws-owned"), { enabled: false }));

        it("uses a customer managed key by its ARN", async () => assert.deepEqual(await sse({ kmsKeyArn: KEY_ARN }), { enabled: true, kmsKeyArn: KEY_ARN }));
    });

    describe("global table replicas", () => {
        const EU_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        let registry: Registry;
        before(async () => {
            ({ registry } = await build(
                () =>
                    new Table(
                        "items",
                        base({
                            replicaRegions: ["eu-west-1"],
                            pointInTimeRecovery: true,
                            deletionProtection: true,
                            encryption: { kmsKeyArn: KEY_ARN, replicaKmsKeyArns: { "eu-west-1": EU_KEY } },
                        }),
                    ),
            ));
        });

        it("adds a replica per region with the table's recovery, protection, tags and the region's own key", () => {
            const replica = registry.one(REPLICA, "items-eu-west-1-replica");
            assert.equal(replica.inputs.globalTableArn, registry.one(TABLE).outputs.arn);
            registry.hasInputs(REPLICA, "items-eu-west-1-replica", {
                region: "eu-west-1",
                pointInTimeRecovery: true,
                deletionProtectionEnabled: true,
                kmsKeyArn: EU_KEY,
                tags: registry.one(TABLE).inputs.tags,
            });
        });

        it("leaves the table's inline replicas alone: they are read back from AWS, the replica resources own them", () => {
            assert.equal(registry.one(TABLE).inputs.replicas, undefined);
            assert.ok(registry.one(TABLE).ignoreChanges.includes("replicas"));
        });

        it("turns the stream on with NEW_AND_OLD_IMAGES, which replication needs", () =>
            registry.hasInputs(TABLE, "items-table", { streamEnabled: true, streamViewType: "NEW_AND_OLD_IMAGES" }));
    });

    it("refuses a replica in the table's own region once the provider's region is known", async () => {
        const { error } = await buildFails(() => new Table("items", base({ replicaRegions: ["eu-west-1", "us-east-1"] })));
        // Raised inside the replicas' apply, so the engine wraps it in its serialization error.
        assert.match(error.message, /Table "items": replicaRegions\[1\]="us-east-1" is the table's own region; allowed: other regions only/);
    });

    describe("Kinesis Data Streams destination", () => {
        it("creates an on-demand stream encrypted with the AWS managed Kinesis key and streams the table to it", async () => {
            const { registry, result } = await build(() => new Table("items", base({ kinesis: { retentionHours: 168 } })));
            registry.hasInputs(STREAM, "items-kinesis-stream", {
                streamModeDetails: { streamMode: "ON_DEMAND" },
                retentionPeriod: 168,
                encryptionType: "KMS",
                kmsKeyId: "alias/aws/kinesis",
            });
            const stream = registry.one(STREAM);
            registry.hasInputs(DESTINATION, "items-kinesis-destination", {
                streamArn: stream.outputs.arn,
                tableName: registry.one(TABLE).outputs.name,
                approximateCreationDateTimePrecision: "MILLISECOND",
            });
            assert.equal(await unwrap(result.kinesisStreamArn!), stream.outputs.arn);
        });

        it("streams to a given stream without creating one", async () => {
            const arn = "arn:aws:kinesis:us-east-1:123456789012:stream/changes";
            const { registry } = await build(() => new Table("items", base({ kinesis: { streamArn: arn, creationDateTimePrecision: "MICROSECOND" } })));
            assert.equal(registry.ofType(STREAM).length, 0);
            registry.hasInputs(DESTINATION, "items-kinesis-destination", { streamArn: arn, approximateCreationDateTimePrecision: "MICROSECOND" });
        });
    });

    describe("grantStatements", () => {
        let result: Table;
        let arn: string;
        const statements = async (t: Table, access: "read" | "write" | "readwrite") =>
            JSON.parse(await unwrap(policyJson(t.grantStatements(access)))).Statement;
        before(async () => {
            ({ result } = await build(() => new Table("items", base())));
            arn = await unwrap(result.tableArn);
        });

        it("lets a reader get, query and scan the table and its indexes, and nothing else", async () => {
            assert.deepEqual(await statements(result, "read"), [
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
                    Resource: [arn, `${arn}/index/*`],
                },
            ]);
        });

        it("lets a writer put, update and delete items of the table only", async () => {
            assert.deepEqual(await statements(result, "write"), [
                {
                    Sid: "WriteItems",
                    Effect: "Allow",
                    Action: ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
                    Resource: arn,
                },
            ]);
        });

        it("grants both for readwrite, on no resource but the table and its indexes, with no wildcard action", async () => {
            const list = await statements(result, "readwrite");
            assert.deepEqual(
                list.map((s: { Sid: string }) => s.Sid),
                ["ReadItems", "WriteItems"],
            );
            const resources = list.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat());
            assert.deepEqual([...new Set(resources)].sort(), [arn, `${arn}/index/*`].sort());
            assert.ok(list.every((s: { Action: string[] }) => s.Action.every((a) => !a.includes("*"))));
        });

        it("adds the customer managed key's use through DynamoDB only, when the table has one", async () => {
            const { result: encrypted } = await build(() => new Table("items", base({ encryption: { kmsKeyArn: KEY_ARN } })));
            const kms = (await statements(encrypted, "read")).find((s: { Sid: string }) => s.Sid === "UseTableKeyThroughDynamoDB");
            assert.deepEqual(kms, {
                Sid: "UseTableKeyThroughDynamoDB",
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:DescribeKey"],
                Resource: KEY_ARN,
                Condition: { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } },
            });
        });
    });

    describe("streamReadStatements", () => {
        it("lets a stream processor read this table's stream only", async () => {
            const { result } = await build(() => new Table("items", base({ streamViewType: "NEW_AND_OLD_IMAGES" })));
            const arn = await unwrap(result.tableArn);
            assert.deepEqual(JSON.parse(await unwrap(policyJson(result.streamReadStatements()))).Statement, [
                {
                    Sid: "ReadStream",
                    Effect: "Allow",
                    Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
                    Resource: `${arn}/stream/*`,
                },
            ]);
        });

        it("adds decryption with the table's customer managed key, which encrypts the stream", async () => {
            const { result } = await build(() => new Table("items", base({ streamViewType: "KEYS_ONLY", encryption: { kmsKeyArn: KEY_ARN } })));
            const kms = result.streamReadStatements().find((s) => s.Sid === "UseTableKeyThroughDynamoDB");
            assert.deepEqual(kms?.Action, ["kms:Decrypt", "kms:DescribeKey"]);
        });

        it("refuses a table without a stream, naming the argument to set", async () => {
            const { result } = await build(() => new Table("items", base()));
            assert.throws(() => result.streamReadStatements(), /Table "items" has no stream: set streamViewType/);
        });
    });

    it("lets a transform change the table's options without touching the other children", async () => {
        const { registry } = await build(
            () =>
                new Table(
                    "items",
                    base({
                        kinesis: {},
                        transform: {
                            table: (_args, opts) => {
                                opts.protect = true;
                            },
                        },
                    }),
                ),
        );
        assert.deepEqual(
            registry
                .all()
                .filter((r) => r.protect)
                .map((r) => r.name),
            ["items-table"],
        );
    });

    it("fits a long instance name into the table's 255 characters", async () => {
        const name = `t${"x".repeat(127)}`;
        const { result } = await build(() => new Table(name, base()));
        const tableName = await unwrap(result.tableName);
        assert.ok(tableName.length <= 255 && /^[A-Za-z0-9_.-]+$/.test(tableName), tableName);
    });
});
