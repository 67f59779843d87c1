import * as assert from "node:assert";
import { Table } from "../../../components/table";
import type { TableArgs } from "../../../components/table/args";
import { EXPORT_S3_ACTIONS } from "../../../components/table/export";
import { IMPORT_CREATE_TIMEOUT } from "../../../components/table/import";
import { validate } from "../../../components/table/validate";
import { Registry, build, unwrap } from "../../../components/testing";
import { itRefuses } from "../../harness/refusals";
import { KEY_ARN, TABLE, base } from "./fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const SCHEDULE = "aws:scheduler/schedule:Schedule";
const ROLE = "aws:iam/role:Role";
const GIVEN_KEY = "arn:aws:kms:us-east-1:123456789012:key/0f0e0d0c-0b0a-0908-0706-050403020100";
const pitr = (over: Partial<TableArgs> = {}) => base({ pointInTimeRecovery: true, ...over });

describe("Table point-in-time recovery window", () => {
    it("sets the recovery period it is given", async () => {
        const { registry } = await build(() => new Table("items", pitr({ pointInTimeRecoveryDays: 7 })));
        registry.hasInputs(TABLE, "items-table", { pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 7 } });
    });

    it("sets DynamoDB's 35 days when no window is given, so removing a shorter window restores 35", async () => {
        // The provider's recovery_period_in_days is Optional + Computed: left unset, it would keep the old window.
        const { registry } = await build(() => new Table("items", pitr()));
        registry.hasInputs(TABLE, "items-table", { pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 } });
    });

    it("sends no window without point-in-time recovery", async () => {
        const { registry } = await build(() => new Table("items", base({ pointInTimeRecovery: false })));
        registry.hasInputs(TABLE, "items-table", { pointInTimeRecovery: { enabled: false, recoveryPeriodInDays: undefined } });
    });
});

describe("Table export", () => {
    describe("to a bucket of its own, on demand", () => {
        let registry: Registry;
        let result: Table;
        before(async () => {
            ({ registry, result } = await build(() => new Table("items", pitr({ export: {} }))));
        });

        it("creates a private bucket (SSE-S3, no public access, TLS only) and no schedule", () => {
            assert.equal(registry.ofType(BUCKET).length, 1);
            registry.hasInputs("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", undefined, { blockPublicAcls: true, restrictPublicBuckets: true });
            registry.hasInputs("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", undefined, {
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
            });
            assert.equal(registry.ofType(SCHEDULE).length, 0);
            assert.equal(registry.ofType(ROLE).length, 0);
        });

        it("outputs the bucket's name and the full-export command for it, under the exports prefix", async () => {
            const bucket = registry.one(BUCKET).outputs.bucket;
            const table = registry.one(TABLE).outputs.arn;
            assert.equal(await unwrap(result.exportBucketName!), bucket);
            assert.equal(
                await unwrap(result.exportCommand!),
                `aws dynamodb export-table-to-point-in-time --table-arn ${table} --s3-bucket ${bucket} --s3-prefix exports --export-format DYNAMODB_JSON --export-type FULL_EXPORT`,
            );
        });

        it("neither protects nor retains the bucket without protectData, and force-destroys it", () => {
            const bucket = registry.one(BUCKET);
            assert.deepEqual([bucket.protect, bucket.retainOnDelete, bucket.inputs.forceDestroy], [false, false, true]);
        });
    });

    it("protects and retains its bucket with protectData, and never force-destroys it", async () => {
        const { registry } = await build(() => new Table("items", pitr({ export: {}, protectData: true })));
        const bucket = registry.one(BUCKET);
        assert.deepEqual([bucket.protect, bucket.retainOnDelete, bucket.inputs.forceDestroy], [true, true, false]);
    });

    it("writes to a given bucket with its KMS key, and creates no bucket", async () => {
        const { registry, result } = await build(
            () =>
                new Table(
                    "items",
                    pitr({
                        export: {
                            bucket: { bucketName: "audit-exports", bucketArn: "arn:aws:s3:::audit-exports", kmsKeyArn: GIVEN_KEY },
                            format: "ION",
                            prefix: "ddb/items",
                        },
                    }),
                ),
        );
        assert.equal(registry.ofType(BUCKET).length, 0);
        assert.equal(await unwrap(result.exportBucketName!), "audit-exports");
        assert.match(
            await unwrap(result.exportCommand!),
            / --s3-bucket audit-exports --s3-prefix ddb\/items --export-format ION --export-type FULL_EXPORT --s3-sse-algorithm KMS --s3-sse-kms-key-id arn:aws:kms:/,
        );
    });

    it("has no export outputs without export", async () => {
        const { result } = await build(() => new Table("items", pitr()));
        assert.deepEqual([result.exportBucketName, result.exportCommand], [undefined, undefined]);
    });

    describe("on a schedule, from a table with a customer managed key, to a KMS bucket", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await build(
                () =>
                    new Table(
                        "items",
                        pitr({
                            encryption: { kmsKeyArn: KEY_ARN },
                            export: {
                                schedule: "cron(0 2 ? * SUN *)",
                                bucket: { bucketName: "audit-exports", bucketArn: "arn:aws:s3:::audit-exports", kmsKeyArn: GIVEN_KEY },
                            },
                        }),
                    ),
            ));
        });

        it("calls ExportTableToPointInTime through Scheduler's universal target with the export's request", () => {
            const table = registry.one(TABLE).outputs.arn;
            registry.hasInputs(SCHEDULE, "items-export-schedule", {
                scheduleExpression: "cron(0 2 ? * SUN *)",
                flexibleTimeWindow: { mode: "OFF" },
                target: {
                    arn: "arn:aws:scheduler:::aws-sdk:dynamodb:exportTableToPointInTime",
                    roleArn: registry.one(ROLE).outputs.arn,
                    input: {
                        TableArn: table,
                        S3Bucket: "audit-exports",
                        S3Prefix: "exports",
                        ExportFormat: "DYNAMODB_JSON",
                        ExportType: "FULL_EXPORT",
                        S3SseAlgorithm: "KMS",
                        S3SseKmsKeyId: GIVEN_KEY,
                    },
                },
            });
        });

        it("sends no bucket owner for a bucket of the table's account", () => {
            assert.equal(JSON.parse(registry.one(SCHEDULE).inputs.target.input).S3BucketOwner, undefined);
        });

        it("lets Scheduler assume the role only for this account's default schedule group", () => {
            const trust = JSON.parse(registry.one(ROLE).inputs.assumeRolePolicy).Statement[0];
            assert.deepEqual(trust.Principal, { Service: "scheduler.amazonaws.com" });
            assert.deepEqual(trust.Condition, {
                StringEquals: { "aws:SourceAccount": "123456789012" },
                ArnLike: { "aws:SourceArn": "arn:aws:scheduler:us-east-1:123456789012:schedule-group/default" },
            });
        });

        it("lets the role export this table only, write under the prefix only, and use each key only through its service", () => {
            const table = registry.one(TABLE).outputs.arn;
            assert.deepEqual(registry.statementsOf(registry.one(ROLE)), [
                { Sid: "ExportTable", Effect: "Allow", Action: "dynamodb:ExportTableToPointInTime", Resource: table },
                { Sid: "WriteExport", Effect: "Allow", Action: EXPORT_S3_ACTIONS, Resource: "arn:aws:s3:::audit-exports/exports/*" },
                {
                    Sid: "UseTableKeyThroughDynamoDB",
                    Effect: "Allow",
                    Action: ["kms:Decrypt", "kms:DescribeKey"],
                    Resource: KEY_ARN,
                    Condition: { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } },
                },
                {
                    Sid: "UseBucketKeyThroughS3",
                    Effect: "Allow",
                    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                    Resource: GIVEN_KEY,
                    Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
                },
            ]);
        });
    });
});

describe("Table export to another account's bucket", () => {
    it("names the bucket's owning account in the command and in the scheduled request", async () => {
        const { registry, result } = await build(
            () =>
                new Table(
                    "items",
                    pitr({
                        export: {
                            schedule: "rate(7 days)",
                            bucket: { bucketName: "audit-exports", bucketArn: "arn:aws:s3:::audit-exports", bucketOwner: "210987654321" },
                        },
                    }),
                ),
        );
        assert.match(await unwrap(result.exportCommand!), / --s3-bucket audit-exports --s3-bucket-owner 210987654321 --s3-prefix exports /);
        assert.equal(JSON.parse(registry.one(SCHEDULE).inputs.target.input).S3BucketOwner, "210987654321");
    });
});

describe("Table import", () => {
    it("creates the table from S3 with the format, compression and CSV options given", async () => {
        const { registry } = await build(
            () =>
                new Table(
                    "items",
                    base({
                        importFrom: {
                            bucketName: "items-seed",
                            keyPrefix: "2026/",
                            format: "CSV",
                            compression: "GZIP",
                            csv: { delimiter: ";", header: ["pk"] },
                        },
                    }),
                ),
        );
        registry.hasInputs(TABLE, "items-table", {
            importTable: {
                inputFormat: "CSV",
                inputCompressionType: "GZIP",
                inputFormatOptions: { csv: { delimiter: ";", headerLists: ["pk"] } },
                s3BucketSource: { bucket: "items-seed", keyPrefix: "2026/" },
            },
        });
    });

    it("imports only at creation: ignores later changes to importTable, and waits hours for a large import", async () => {
        // The engine records no custom timeouts: the table's transform sees the options it is created with.
        let options: { customTimeouts?: unknown } = {};
        const { registry } = await build(
            () =>
                new Table(
                    "items",
                    base({
                        importFrom: { bucketName: "items-seed", format: "DYNAMODB_JSON" },
                        transform: {
                            table: (_args, opts) => {
                                options = opts;
                            },
                        },
                    }),
                ),
        );
        const table = registry.one(TABLE);
        assert.ok(table.ignoreChanges.includes("importTable"), String(table.ignoreChanges));
        assert.deepEqual(options.customTimeouts, { create: IMPORT_CREATE_TIMEOUT });
        registry.hasInputs(TABLE, "items-table", {
            importTable: { inputFormat: "DYNAMODB_JSON", inputCompressionType: "NONE", inputFormatOptions: undefined },
        });
    });

    it("warns that the next update applies the tags, deletion protection and table class the import leaves out", async () => {
        const { warnings } = await build(
            () =>
                new Table(
                    "items",
                    base({ deletionProtection: true, tableClass: "STANDARD_INFREQUENT_ACCESS", importFrom: { bucketName: "items-seed", format: "ION" } }),
                ),
        );
        assert.equal(warnings.length, 1);
        assert.match(
            warnings[0],
            /^\[aws-platform:serverless:import-then-update\] Table "items": .*without its tags, deletion protection, table class STANDARD_INFREQUENT_ACCESS; run `pulumi up` once more/,
        );
    });

    it("warns of nothing without importFrom", async () => {
        const { warnings } = await build(() => new Table("items", base({ deletionProtection: true })));
        assert.deepEqual(warnings, []);
    });

    it("names the bucket's owning account for a bucket of another account", async () => {
        const { registry } = await build(
            () => new Table("items", base({ importFrom: { bucketName: "items-seed", bucketOwner: "210987654321", format: "DYNAMODB_JSON" } })),
        );
        registry.hasInputs(TABLE, "items-table", { importTable: { s3BucketSource: { bucket: "items-seed", bucketOwner: "210987654321" } } });
    });

    it("sets no importTable without importFrom", async () => {
        const { registry } = await build(() => new Table("items", base()));
        assert.equal(registry.one(TABLE).inputs.importTable, undefined);
    });

    it("ignores importTable on every table, so removing importFrom after the import does not replace the table", async () => {
        // The provider keeps the created-with importTable in its state (never read back) and its
        // s3BucketSource is ForceNew: the table as configured after the user drops importFrom must still ignore it.
        const { registry } = await build(() => new Table("items", base()));
        assert.ok(registry.one(TABLE).ignoreChanges.includes("importTable"), String(registry.one(TABLE).ignoreChanges));
    });
});

describe("Table export, import and recovery window validation", () => {
    itRefuses<TableArgs>(
        [
            {
                title: "refuses a recovery window of 36 days",
                args: pitr({ pointInTimeRecoveryDays: 36 }),
                path: "pointInTimeRecoveryDays",
                message: /from 1 to 35/,
            },
            {
                title: "refuses a recovery window without point-in-time recovery",
                args: base({ pointInTimeRecovery: false, pointInTimeRecoveryDays: 7 }),
                path: "pointInTimeRecoveryDays",
                message: /needs point-in-time recovery/,
            },
            {
                title: "refuses an export without point-in-time recovery",
                args: base({ pointInTimeRecovery: false, export: {} }),
                path: "export",
                message: /DynamoDB exports from it/,
            },
            {
                title: "refuses an export format DynamoDB does not write",
                args: pitr({ export: { format: "CSV" as never } }),
                path: "export.format",
                message: /"DYNAMODB_JSON", "ION"/,
            },
            {
                title: "refuses an export prefix with a trailing slash",
                args: pitr({ export: { prefix: "exports/" } }),
                path: "export.prefix",
                message: /trailing/,
            },
            {
                title: "refuses an export schedule Scheduler cannot read",
                args: pitr({ export: { schedule: "every sunday" } }),
                path: "export.schedule",
                message: /not a schedule expression/,
            },
            {
                title: "refuses an export bucket ARN that names another bucket",
                args: pitr({ export: { bucket: { bucketName: "audit-exports", bucketArn: "arn:aws:s3:::other" } } }),
                path: "export.bucket.bucketArn",
                message: /not the ARN of bucket audit-exports/,
            },
            {
                title: "refuses an export bucket key given as an alias",
                args: pitr({ export: { bucket: { bucketName: "audit-exports", bucketArn: "arn:aws:s3:::audit-exports", kmsKeyArn: "alias/exports" } } }),
                path: "export.bucket.kmsKeyArn",
                message: /not an alias/,
            },
            {
                title: "refuses an import format DynamoDB does not read",
                args: base({ importFrom: { bucketName: "seed", format: "PARQUET" as never } }),
                path: "importFrom.format",
                message: /"CSV"/,
            },
            {
                title: "refuses an import bucket name S3 does not allow",
                args: base({ importFrom: { bucketName: "Seed_Data", format: "ION" } }),
                path: "importFrom.bucketName",
                message: /S3 bucket name/,
            },
            {
                title: "refuses an export bucket owner that is not an account ID",
                args: pitr({ export: { bucket: { bucketName: "audit-exports", bucketArn: "arn:aws:s3:::audit-exports", bucketOwner: "12345" } } }),
                path: "export.bucket.bucketOwner",
                message: /12 digits/,
            },
            {
                title: "refuses an import bucket owner that is not an account ID",
                args: base({ importFrom: { bucketName: "seed", bucketOwner: "acme", format: "ION" } }),
                path: "importFrom.bucketOwner",
                message: /12 digits/,
            },
            {
                title: "refuses CSV options with another format",
                args: base({ importFrom: { bucketName: "seed", format: "ION", csv: {} } }),
                path: "importFrom.csv",
                message: /only for format "CSV"/,
            },
            {
                title: "refuses a CSV delimiter DynamoDB does not take",
                args: base({ importFrom: { bucketName: "seed", format: "CSV", csv: { delimiter: "#" } } }),
                path: "importFrom.csv.delimiter",
                message: /is not supported/,
            },
            {
                title: "refuses an empty CSV column name",
                args: base({ importFrom: { bucketName: "seed", format: "CSV", csv: { header: ["pk", ""] } } }),
                path: "importFrom.csv.header[1]",
                message: /non-empty column name/,
            },
            {
                title: "refuses an import with a local index, which ImportTable cannot create",
                args: base({
                    attributes: { pk: "S", sk: "S", at: "N" },
                    sortKey: "sk",
                    localIndexes: { byAt: { sortKey: "at" } },
                    importFrom: { bucketName: "seed", format: "DYNAMODB_JSON" },
                }),
                path: "localIndexes",
                message: /cannot be created by an import/,
            },
            {
                title: "refuses a stream on an imported table, which the provider creates without one",
                args: base({ streamViewType: "NEW_IMAGE", importFrom: { bucketName: "seed", format: "ION" } }),
                path: "streamViewType",
                message: /without a stream; allowed: create the table with importFrom first, then add it in a later update/,
            },
            {
                title: "refuses replicas of an imported table, reported once (not again as their stream)",
                args: base({ replicaRegions: ["eu-west-1"], importFrom: { bucketName: "seed", format: "ION" } }),
                path: "replicaRegions",
                message: /without the stream replicas need/,
            },
        ],
        validate,
        (args) => new Table("items", args),
        /^Table "items": /,
    );
});
