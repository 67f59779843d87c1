import * as assert from "node:assert";
import { AuditTrail } from "../../../components/audit-trail";
import { ArgsError } from "../../../components/shared/errors";
import { Registry, build, buildFails, json } from "../../../components/testing";
import { hex } from "../../../components/testing/fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "aws:iam/role:Role";
const TRAIL = "aws:cloudtrail/trail:Trail";
const ACCOUNT = "123456789012";
const ORG = `o-${hex(ACCOUNT, 10)}`;

const statement = (registry: Registry, sid: string) => json(registry.one(BUCKET_POLICY).inputs.policy).Statement.find((s: any) => s.Sid === sid);

describe("AuditTrail organization trail", () => {
    let registry: Registry;
    before(async () => {
        ({ registry } = await build(() => new AuditTrail("audit", { organization: true })));
    });

    it("makes the trail an organization trail, still multi-region", () => {
        const trail = registry.one(TRAIL).inputs;
        assert.deepEqual([trail.isOrganizationTrail, trail.isMultiRegionTrail], [true, true]);
    });

    it("lets the organization trail write member accounts' logs under AWSLogs/<org id>/, as this trail only", () => {
        const bucketArn = registry.one(BUCKET).outputs.arn;
        const trailArn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${registry.one(TRAIL).inputs.name}`;
        assert.deepEqual(statement(registry, "AWSCloudTrailOrganizationWrite"), {
            Sid: "AWSCloudTrailOrganizationWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${bucketArn}/AWSLogs/${ORG}/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
        });
        // The management account's own logs still go under AWSLogs/<account>/.
        assert.equal(statement(registry, "AWSCloudTrailWrite").Resource, `${bucketArn}/AWSLogs/${ACCOUNT}/*`);
    });

    it("lets the log role write the member accounts' streams, named after the organization", () => {
        const logGroupArn = registry.one(LOG_GROUP).outputs.arn;
        assert.deepEqual(registry.statementsOf(registry.one(ROLE))[0].Resource, [
            `${logGroupArn}:log-stream:${ACCOUNT}_CloudTrail_*`,
            `${logGroupArn}:log-stream:${ORG}_*`,
        ]);
    });

    it("lets CloudTrail encrypt member accounts' logs with the key: their encryption context is this management account's trail", () => {
        const encrypt = json(registry.one("aws:kms/key:Key").inputs.policy).Statement.find((s: any) => s.Sid === "AllowCloudTrailEncryptLogs");
        assert.deepEqual(encrypt.Condition.StringLike, { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` });
    });

    it("is not an organization trail by default, and the bucket admits no organization path", async () => {
        const { registry: plain } = await build(() => new AuditTrail("audit"));
        assert.equal(plain.one(TRAIL).inputs.isOrganizationTrail, false);
        assert.equal(statement(plain, "AWSCloudTrailOrganizationWrite"), undefined);
    });

    it("refuses an organization trail outside the organization's management account", async () => {
        const { error } = await buildFails(() => new AuditTrail("audit", { organization: true }), {
            fixtures: {
                invokes: {
                    "aws:organizations/getOrganization:getOrganization": () => ({ id: "o-a1b2c3d4e5", masterAccountId: "999988887777" }),
                },
            },
        });
        assert.ok(error instanceof ArgsError, String(error));
        assert.deepEqual(
            error.issues.map((i) => i.path),
            ["organization"],
        );
        assert.match(error.message, /management account \(999988887777\)/);
    });
});

describe("AuditTrail with another organization writing to the bucket", () => {
    let registry: Registry;
    before(async () => {
        ({ registry } = await build(() => new AuditTrail("audit", { writerAccountIds: ["111122223333"], writerOrganizationId: "o-a1b2c3d4e5" })));
    });

    it("lets that organization's trail write under AWSLogs/<org id>/, from that organization and its management account's trails only", () => {
        const bucketArn = registry.one(BUCKET).outputs.arn;
        assert.deepEqual(statement(registry, "AWSCloudTrailWriterOrganizationWrite"), {
            Sid: "AWSCloudTrailWriterOrganizationWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${bucketArn}/AWSLogs/o-a1b2c3d4e5/*`,
            Condition: {
                StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceOrgID": "o-a1b2c3d4e5" },
                StringLike: { "aws:SourceArn": ["arn:aws:cloudtrail:*:111122223333:trail/*"] },
            },
        });
    });

    it("keeps this trail a single-account trail", () => assert.equal(registry.one(TRAIL).inputs.isOrganizationTrail, false));
});
