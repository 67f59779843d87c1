import * as assert from "node:assert";
import { NONCURRENT_VERSION_DAYS } from "../../../components/shared/bucket";
import { AuditTrail } from "../../../components/audit-trail";
import { Registry, build, json, unwrap } from "../../../components/testing";

const KEY = "aws:kms/key:Key";
const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "aws:iam/role:Role";
const TRAIL = "aws:cloudtrail/trail:Trail";
const ACCOUNT = "123456789012";
const OWN_TRAILS = `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*`;

/** The trail's ARN as the policies write it: region, account and the trail's physical name. */
function trailArnOf(registry: Registry): string {
    return `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${registry.one(TRAIL).inputs.name}`;
}

describe("AuditTrail", () => {
    describe("with the defaults", () => {
        let registry: Registry;
        let result: AuditTrail;
        before(async () => {
            ({ registry, result } = await build(() => new AuditTrail("audit")));
        });

        it("creates one trail, key, bucket, log group and log role", () => {
            for (const type of [TRAIL, KEY, BUCKET, LOG_GROUP, ROLE]) assert.equal(registry.ofType(type).length, 1, type);
        });

        it("records every region, global service events and validates log files, encrypted with its key", () => {
            const trail = registry.one(TRAIL, "audit-trail").inputs;
            assert.equal(trail.isMultiRegionTrail, true);
            assert.equal(trail.includeGlobalServiceEvents, true);
            assert.equal(trail.enableLogFileValidation, true);
            assert.equal(trail.kmsKeyId, registry.one(KEY, "audit-key").outputs.arn);
            assert.equal(trail.s3BucketName, registry.one(BUCKET).id);
        });

        it("names the trail after the component with a per-stack suffix, a name CloudTrail accepts", () => {
            assert.match(registry.one(TRAIL).inputs.name, /^audit-[0-9a-f]{7}$/);
        });

        it("records only management events without data events or Insights, through one management selector (never an empty list)", () => {
            const trail = registry.one(TRAIL).inputs;
            assert.deepEqual(trail.advancedEventSelectors, [
                { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
            ]);
            assert.equal(trail.eventSelectors, undefined);
            assert.equal(trail.insightSelectors, undefined);
        });

        it("rotates the key, with a 30-day deletion window", () => {
            const key = registry.one(KEY).inputs;
            assert.deepEqual([key.enableKeyRotation, key.deletionWindowInDays], [true, 30]);
        });

        it("lets CloudTrail encrypt with the key only for this trail, describe it, and this account's principals decrypt its logs", () => {
            const trailArn = trailArnOf(registry);
            assert.deepEqual(json(registry.one(KEY).inputs.policy).Statement, [
                {
                    Sid: "EnableAccountAdministration",
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                    Action: "kms:*",
                    Resource: "*",
                },
                {
                    Sid: "AllowCloudTrailEncryptLogs",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "kms:GenerateDataKey*",
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceArn": trailArn }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": OWN_TRAILS } },
                },
                {
                    Sid: "AllowCloudTrailDescribeKey",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "kms:DescribeKey",
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceArn": trailArn } },
                },
                {
                    Sid: "AllowAccountPrincipalsDecryptLogs",
                    Effect: "Allow",
                    Principal: { AWS: "*" },
                    Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
                    Resource: "*",
                    Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": [OWN_TRAILS] } },
                },
            ]);
        });

        it("admits CloudTrail to the bucket for this trail only, writing under AWSLogs/<account>/ with bucket-owner-full-control, after the TLS-only deny", () => {
            const bucketArn = registry.one(BUCKET).outputs.arn;
            const trailArn = trailArnOf(registry);
            const statements = json(registry.one(BUCKET_POLICY).inputs.policy).Statement;
            assert.equal(statements[0].Sid, "DenyInsecureTransport");
            assert.deepEqual(statements.slice(1), [
                {
                    Sid: "AWSCloudTrailAclCheck",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "s3:GetBucketAcl",
                    Resource: bucketArn,
                    Condition: { StringEquals: { "aws:SourceArn": trailArn } },
                },
                {
                    Sid: "AWSCloudTrailWrite",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `${bucketArn}/AWSLogs/${ACCOUNT}/*`,
                    Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
                },
            ]);
        });

        it("creates the trail after the bucket policy (CreateTrail checks it)", () => {
            assert.ok(registry.one(TRAIL).dependencies.includes(registry.one(BUCKET_POLICY).urn));
        });

        it("creates the trail after the log role's policy (CreateTrail checks that the role can write to the log group)", () => {
            const policy = registry.one("aws:iam/rolePolicy:RolePolicy");
            assert.ok(registry.one(TRAIL).dependencies.includes(policy.urn));
        });

        it("expires log files after 365 days", () => {
            const rules = registry.one(LIFECYCLE).inputs.rules;
            const expire = rules.find((r: any) => r.id === "expire-logs");
            assert.deepEqual([expire.filter.prefix, expire.expiration.days], ["", 365]);
        });

        it("versions the log bucket (Security Hub S3.14) and removes replaced or expired versions after NONCURRENT_VERSION_DAYS", () => {
            assert.deepEqual(registry.one("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration, { status: "Enabled" });
            const expire = registry.one(LIFECYCLE).inputs.rules.find((r: any) => r.id === "expire-logs");
            assert.deepEqual(expire.noncurrentVersionExpiration, { noncurrentDays: NONCURRENT_VERSION_DAYS });
        });

        it("delivers to a log group kept 90 days, through a role only CloudTrail may assume", () => {
            const trail = registry.one(TRAIL).inputs;
            const logGroup = registry.one(LOG_GROUP);
            assert.equal(logGroup.inputs.retentionInDays, 90);
            assert.equal(trail.cloudWatchLogsGroupArn, `${logGroup.outputs.arn}:*`);
            const role = registry.one(ROLE);
            assert.equal(trail.cloudWatchLogsRoleArn, role.outputs.arn);
            assert.deepEqual(json(role.inputs.assumeRolePolicy).Statement, [
                { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]);
        });

        it("lets the log role create streams and put events in its log group's CloudTrail streams, nothing else", () => {
            const logGroupArn = registry.one(LOG_GROUP).outputs.arn;
            assert.deepEqual(registry.managedPoliciesOf(registry.one(ROLE)), []);
            assert.deepEqual(registry.statementsOf(registry.one(ROLE)), [
                {
                    Sid: "AWSCloudTrailCreateLogStream",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `${logGroupArn}:log-stream:${ACCOUNT}_CloudTrail_*`,
                },
            ]);
        });

        it("neither protects nor retains the bucket and key by default", () => {
            for (const r of [registry.one(BUCKET), registry.one(KEY)]) assert.ok(!r.protect, r.name);
        });

        it("outputs the trail's ARN, the bucket's name, the key's ARN and the log group's name", async () => {
            assert.equal(await unwrap(result.trailArn), registry.one(TRAIL).outputs.arn);
            assert.equal(await unwrap(result.bucketName), registry.one(BUCKET).outputs.bucket);
            assert.equal(await unwrap(result.keyArn), registry.one(KEY).outputs.arn);
            assert.equal(await unwrap(result.logGroupName), registry.one(LOG_GROUP).outputs.name);
        });

        it("parents every child to the component", () => {
            const root = registry.one(AuditTrail.type, "audit");
            for (const r of registry.all().filter((x) => x !== root)) assert.equal(r.parent, root.urn, r.name);
        });
    });

    describe("with other accounts writing to the bucket", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await build(() => new AuditTrail("audit", { writerAccountIds: ["111122223333"] })));
        });

        it("lets each other account's trails write only under its own AWSLogs prefix", () => {
            const bucketArn = registry.one(BUCKET).outputs.arn;
            const statements = json(registry.one(BUCKET_POLICY).inputs.policy).Statement;
            assert.deepEqual(
                statements.find((s: any) => s.Sid === "AWSCloudTrailWrite111122223333"),
                {
                    Sid: "AWSCloudTrailWrite111122223333",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `${bucketArn}/AWSLogs/111122223333/*`,
                    Condition: {
                        StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" },
                        StringLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
                    },
                },
            );
            assert.deepEqual(statements.find((s: any) => s.Sid === "AWSCloudTrailAclCheck").Condition, {
                StringLike: { "aws:SourceArn": [trailArnOf(registry), "arn:aws:cloudtrail:*:111122223333:trail/*"] },
            });
        });

        it("lets the other account's trails encrypt with the key, and this account decrypt their logs", () => {
            const statements = json(registry.one(KEY).inputs.policy).Statement;
            const writers = statements.find((s: any) => s.Sid === "AllowWriterAccountsCloudTrailEncryptLogs");
            assert.deepEqual(writers.Condition, {
                StringLike: {
                    "kms:EncryptionContext:aws:cloudtrail:arn": ["arn:aws:cloudtrail:*:111122223333:trail/*"],
                    "aws:SourceArn": ["arn:aws:cloudtrail:*:111122223333:trail/*"],
                },
            });
            const decrypt = statements.find((s: any) => s.Sid === "AllowAccountPrincipalsDecryptLogs");
            assert.deepEqual(decrypt.Condition.StringLike["kms:EncryptionContext:aws:cloudtrail:arn"], [
                OWN_TRAILS,
                "arn:aws:cloudtrail:*:111122223333:trail/*",
            ]);
        });
    });

    describe("with data events and Insights", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await build(
                () =>
                    new AuditTrail("audit", {
                        dataEvents: {
                            s3Objects: ["arn:aws:s3:::uploads"],
                            dynamoDbTables: ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"],
                            lambdaFunctions: "all",
                        },
                        insights: ["ApiCallRateInsight", "ApiErrorRateInsight"],
                    }),
            ));
        });

        it("keeps management events in their own advanced selector, then one per data event kind", () => {
            assert.deepEqual(registry.one(TRAIL).inputs.advancedEventSelectors, [
                { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
                {
                    name: "S3 object events",
                    fieldSelectors: [
                        { field: "eventCategory", equals: ["Data"] },
                        { field: "resources.type", equals: ["AWS::S3::Object"] },
                        { field: "resources.ARN", startsWiths: ["arn:aws:s3:::uploads/"] },
                    ],
                },
                {
                    name: "DynamoDB item events",
                    fieldSelectors: [
                        { field: "eventCategory", equals: ["Data"] },
                        { field: "resources.type", equals: ["AWS::DynamoDB::Table"] },
                        { field: "resources.ARN", equals: ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"] },
                    ],
                },
                {
                    name: "Lambda invocations",
                    fieldSelectors: [
                        { field: "eventCategory", equals: ["Data"] },
                        { field: "resources.type", equals: ["AWS::Lambda::Function"] },
                    ],
                },
            ]);
        });

        it("selects both Insights types", () => {
            assert.deepEqual(registry.one(TRAIL).inputs.insightSelectors, [{ insightType: "ApiCallRateInsight" }, { insightType: "ApiErrorRateInsight" }]);
        });
    });

    it("records every bucket's object events with s3Objects 'all' except the trail's own log bucket (a delivery loop)", async () => {
        const { registry } = await build(() => new AuditTrail("audit", { dataEvents: { s3Objects: "all" } }));
        const bucketArn = registry.one(BUCKET).outputs.arn;
        assert.deepEqual(registry.one(TRAIL).inputs.advancedEventSelectors[1], {
            name: "S3 object events",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::S3::Object"] },
                { field: "resources.ARN", notStartsWiths: [`${bucketArn}/`] },
            ],
        });
    });

    it("force-destroys the bucket without protectData and never with it", async () => {
        const unkept = await build(() => new AuditTrail("audit", {}));
        const kept = await build(() => new AuditTrail("audit", { protectData: true }));
        assert.deepEqual([unkept.registry.one(BUCKET).inputs.forceDestroy, kept.registry.one(BUCKET).inputs.forceDestroy], [true, false]);
    });

    it("protects and retains the bucket and the key with protectData, and nothing else", async () => {
        const { registry } = await build(() => new AuditTrail("audit", { protectData: true }));
        const names = (f: (r: any) => boolean) =>
            registry
                .all()
                .filter(f)
                .map((r) => r.type)
                .sort();
        assert.deepEqual(
            names((r) => r.protect),
            [BUCKET, KEY].sort(),
        );
        assert.deepEqual(
            names((r) => r.retainOnDelete),
            [BUCKET, KEY].sort(),
        );
    });

    it("takes each retention from its argument", async () => {
        const { registry } = await build(() => new AuditTrail("audit", { retentionDays: 2557, logRetentionDays: 30 }));
        assert.equal(registry.one(LOG_GROUP).inputs.retentionInDays, 30);
        assert.equal(registry.one(LIFECYCLE).inputs.rules.find((r: any) => r.id === "expire-logs").expiration.days, 2557);
    });
});

describe("AuditTrail transforms", () => {
    it("lets a transform change the trail's args without touching the others'", async () => {
        const { registry } = await build(
            () => new AuditTrail("audit", { protectData: true, transform: { trail: { enableLogging: false }, bucket: { bucket: { forceDestroy: true } } } }),
        );
        assert.equal(registry.one(TRAIL).inputs.enableLogging, false);
        assert.equal(registry.one(TRAIL).inputs.isMultiRegionTrail, true);
        assert.equal(registry.one(BUCKET).inputs.forceDestroy, true);
    });

    it("keeps a long instance name within CloudTrail's 128 characters", async () => {
        const { registry } = await build(() => new AuditTrail(`audit-${"x".repeat(120)}`));
        const name: string = registry.one(TRAIL).inputs.name;
        assert.ok(name.length <= 128, name);
        assert.match(name, /^[0-9A-Za-z](?:[._-]?[0-9A-Za-z])*$/);
    });
});
