import * as assert from "node:assert";
import { type PolicyInput, checkPolicies, policyResource } from "../../components/policies";
import { S3_RULES } from "../../components/policies/rules/s3";
import { detailedViolations, expectOneViolation, ruleNamed } from "../harness/policy-rules";

const BUCKET = "aws:s3/bucket:Bucket";
const rule = (name: string) => ruleNamed(S3_RULES, name);

/** A bucket as a stack policy sees it: its outputs (name, ARN) and id. */
const bucket = (name: string, more: Partial<PolicyInput> = {}) =>
    policyResource(BUCKET, name, { forceDestroy: false }, { id: name, outputs: { bucket: name, arn: `arn:aws:s3:::${name}` }, ...more });
const sibling = (type: string, name: string, inputs: Record<string, any>) => policyResource(type, name, inputs, { outputs: inputs });

const pab = (b: string, flags: Partial<Record<string, boolean>> = {}) =>
    sibling("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${b}-public-access-block`, {
        bucket: b,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
        ...flags,
    });
const tlsOnly = (b: string) => ({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
});
const policy = (b: string, statements: any[]) =>
    sibling("aws:s3/bucketPolicy:BucketPolicy", `${b}-policy`, { bucket: b, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
const versioning = (b: string, status = "Enabled") =>
    sibling("aws:s3/bucketVersioning:BucketVersioning", `${b}-versioning`, { bucket: b, versioningConfiguration: { status } });

const findings = (name: string, resources: PolicyInput[]) => detailedViolations([rule(name)], resources);

const expectOne = (name: string, resources: PolicyInput[], resource: string, fragment: RegExp) => expectOneViolation(rule(name), resources, resource, fragment);

describe("policies: S3 rules (rules/s3.ts)", () => {
    it("every S3 rule is not applicable to a stack without buckets", async () => {
        const r = await checkPolicies([policyResource("aws:sqs/queue:Queue", "q", {})], { rules: S3_RULES });
        assert.deepStrictEqual(r.violations, []);
        assert.deepStrictEqual(r.notApplicable.map((n) => n.policy).sort(), S3_RULES.map((x) => x.name).sort());
    });

    describe("s3-8-block-public-access", () => {
        it("passes a bucket with all four flags on", async () => {
            assert.deepStrictEqual(await findings("s3-8-block-public-access", [bucket("data"), pab("data")]), []);
        });
        it("refuses a bucket without a public access block", async () => {
            await expectOne(
                "s3-8-block-public-access",
                [bucket("data"), pab("other"), bucket("other")],
                "data",
                /no aws:s3\/bucketPublicAccessBlock.* refers to the bucket/,
            );
        });
        it("passes a bucket covered by the account's public access block, flag by flag with the bucket's own", async () => {
            const account = (flags: Record<string, boolean>) => sibling("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account-block", flags);
            const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
            assert.deepStrictEqual(await findings("s3-8-block-public-access", [bucket("data"), account(all)]), []);
            assert.deepStrictEqual(
                await findings("s3-8-block-public-access", [
                    bucket("data"),
                    pab("data", { restrictPublicBuckets: false }),
                    account({ restrictPublicBuckets: true }),
                ]),
                [],
            );
            await expectOne(
                "s3-8-block-public-access",
                [bucket("data"), account({ ...all, ignorePublicAcls: false })],
                "data",
                /ignorePublicAcls is not true; set all four to true/,
            );
        });
        it("refuses a block with restrictPublicBuckets off, naming the flag", async () => {
            await expectOne(
                "s3-8-block-public-access",
                [bucket("data"), pab("data", { restrictPublicBuckets: false })],
                "data",
                /restrictPublicBuckets is not true; set all four to true/,
            );
        });
    });

    describe("s3-5-ssl-only", () => {
        it("passes AWS's aws:SecureTransport deny on the bucket and its objects", async () => {
            assert.deepStrictEqual(await findings("s3-5-ssl-only", [bucket("data"), policy("data", [tlsOnly("data")])]), []);
        });
        it("refuses a policy without the deny, and one whose deny covers the objects only", async () => {
            await expectOne(
                "s3-5-ssl-only",
                [
                    bucket("data"),
                    policy("data", [
                        { Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" },
                    ]),
                ],
                "data",
                /no bucket policy denies insecure transport/,
            );
            await expectOne(
                "s3-5-ssl-only",
                [bucket("data"), policy("data", [{ ...tlsOnly("data"), Resource: "arn:aws:s3:::data/*" }])],
                "data",
                /aws:SecureTransport/,
            );
        });
        it("refuses an Allow on aws:SecureTransport false (not a deny)", async () => {
            await expectOne(
                "s3-5-ssl-only",
                [bucket("data"), policy("data", [{ ...tlsOnly("data"), Effect: "Allow" }])],
                "data",
                /no bucket policy denies insecure transport/,
            );
        });
    });

    describe("s3-encryption", () => {
        it("passes a bucket with an SSE-KMS default", async () => {
            const sse = sibling("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "data-encryption", {
                bucket: "data",
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
            });
            assert.deepStrictEqual(await findings("s3-encryption", [bucket("data"), sse]), []);
        });
        it("flags a bucket without a server-side encryption configuration", async () => {
            await expectOne(
                "s3-encryption",
                [bucket("data")],
                "data",
                /no server-side encryption configuration with sseAlgorithm AES256, aws:kms, aws:kms:dsse refers to the bucket/,
            );
        });
    });

    describe("s3-14-versioning", () => {
        it("refuses an unversioned CloudTrail log bucket, naming the trail", async () => {
            const trail = sibling("aws:cloudtrail/trail:Trail", "audit-trail", { s3BucketName: "logs" });
            await expectOne(
                "s3-14-versioning",
                [bucket("logs"), trail],
                "logs",
                /the log bucket of CloudTrail trail audit-trail, but no aws:s3\/bucketVersioning/,
            );
        });
        it("refuses a suspended versioning on a CodePipeline artifact store", async () => {
            const pipeline = sibling("aws:codepipeline/pipeline:Pipeline", "release", { artifactStores: [{ location: "artifacts", type: "S3" }] });
            await expectOne(
                "s3-14-versioning",
                [bucket("artifacts"), pipeline, versioning("artifacts", "Suspended")],
                "artifacts",
                /the artifact store of pipeline release/,
            );
        });
        it("recognises ALB access log, CloudFront legacy log and VPC flow log (by ARN) buckets", async () => {
            const alb = sibling("aws:lb/loadBalancer:LoadBalancer", "alb", { accessLogs: { bucket: "alb-logs", enabled: true } });
            const cdn = sibling("aws:cloudfront/distribution:Distribution", "cdn", { loggingConfig: { bucket: "cdn-logs.s3.amazonaws.com" } });
            const flow = sibling("aws:ec2/flowLog:FlowLog", "vpc-flow", { logDestinationType: "s3", logDestination: "arn:aws:s3:::flow-logs/vpc/" });
            const found = await findings("s3-14-versioning", [bucket("alb-logs"), bucket("cdn-logs"), bucket("flow-logs"), alb, cdn, flow]);
            assert.deepStrictEqual(found.map((f) => f.name).sort(), ["alb-logs", "cdn-logs", "flow-logs"]);
        });
        it("refuses an unversioned protected bucket (data the stack keeps)", async () => {
            await expectOne("s3-14-versioning", [bucket("kept", { protect: true })], "kept", /the bucket is protected data/);
        });
        it("passes a versioned log bucket, and does not hold an unprotected bucket of nothing in particular to it", async () => {
            const trail = sibling("aws:cloudtrail/trail:Trail", "audit-trail", { s3BucketName: "logs" });
            assert.deepStrictEqual(await findings("s3-14-versioning", [bucket("logs"), trail, versioning("logs"), bucket("scratch")]), []);
        });
    });

    describe("s3-9-access-logging", () => {
        it("flags a bucket without server access logging and passes one with it", async () => {
            const logging = sibling("aws:s3/bucketLogging:BucketLogging", "data-logging", { bucket: "data", targetBucket: "logs", targetPrefix: "data/" });
            await expectOne("s3-9-access-logging", [bucket("data"), logging, bucket("other")], "other", /no aws:s3\/bucketLogging refers to the bucket/);
        });
    });
});
