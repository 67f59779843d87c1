/** Rules: S3 (s3-*). */
import type { PolicyResource } from "@pulumi/policy";
import { type Rule, stackRule } from "../rule";
import { type Statement, asArray, deniesInsecureTransport, linksTo, ofTypes, statementsOf } from "../util";

const S3_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html";

/** A bucket, and its deprecated twin. */
const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
/** The account-wide block: it covers every bucket of the account (https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html). */
const ACCOUNT_PUBLIC_ACCESS_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const ENCRYPTION = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
const VERSIONING = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];
const LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];

/** The four settings of S3 Block Public Access (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html). */
const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/** The siblings of `bucket` of the given types (joined on their `bucket` input: the bucket's name, from the bucket). */
const siblingsOf = (bucket: PolicyResource, resources: PolicyResource[], ...types: string[]): PolicyResource[] =>
    ofTypes(resources, ...types).filter((r) => linksTo(r, "bucket", bucket));

/** Whether the statement covers the bucket (its ARN) and its objects (`<arn>/*`). */
function coversBucketAndObjects(s: Statement, bucketArn: string | undefined): boolean {
    if (s.resources.includes("*")) return true;
    if (bucketArn === undefined) return s.resources.length > 0;
    return s.resources.includes(bucketArn) && (s.resources.includes(`${bucketArn}/*`) || s.resources.includes(`${bucketArn}*`));
}

/** A bucket's name from a reference to it: its name, its ARN (`arn:aws:s3:::<bucket>[/prefix]`) or CloudFront's `<bucket>.s3.amazonaws.com`. */
const bucketNameOf = (value: unknown): string | undefined => {
    if (typeof value !== "string" || value === "") return undefined;
    if (value.startsWith("arn:")) return /^arn:[^:]+:s3:::([^/]+)/.exec(value)?.[1];
    return value.replace(/\.s3(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/, "");
};

/**
 * Why a bucket holds logs or artifacts, or undefined: it is the destination of a CloudTrail trail, of load balancer
 * access or connection logs, of S3 server access logs, of CloudFront legacy logs, of VPC flow logs, of a CloudWatch
 * Logs delivery, or a CodePipeline artifact store.
 */
function logOrArtifactRole(bucket: PolicyResource, resources: PolicyResource[]): string | undefined {
    // Joined through the inputs' dependencies on the bucket (known at preview), else by the bucket name a literal holds.
    const is = (r: PolicyResource, property: string, pick: (value: any) => unknown = (v) => v) =>
        linksTo(r, property, bucket, (v) => asArray<unknown>(pick(v) as any).map(bucketNameOf));
    for (const r of resources) {
        const p = r.props;
        switch (r.type) {
            case "aws:cloudtrail/trail:Trail":
                if (is(r, "s3BucketName")) return `the log bucket of CloudTrail trail ${r.name}`;
                break;
            case "aws:lb/loadBalancer:LoadBalancer":
            case "aws:alb/loadBalancer:LoadBalancer":
                if (is(r, "accessLogs", (v) => v?.bucket) || is(r, "connectionLogs", (v) => v?.bucket)) return `the log bucket of load balancer ${r.name}`;
                break;
            case "aws:s3/bucketLogging:BucketLogging":
            case "aws:s3/bucketLoggingV2:BucketLoggingV2":
                if (is(r, "targetBucket")) return `the server access log target of ${r.name}`;
                break;
            case "aws:cloudfront/distribution:Distribution":
                if (is(r, "loggingConfig", (v) => v?.bucket)) return `the log bucket of distribution ${r.name}`;
                break;
            case "aws:ec2/flowLog:FlowLog":
                if (p.logDestinationType === "s3" && is(r, "logDestination")) return `the flow log bucket of ${r.name}`;
                break;
            case "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination":
                if (is(r, "deliveryDestinationConfiguration", (v) => v?.destinationResourceArn)) return `the log delivery destination ${r.name}`;
                break;
            case "aws:codepipeline/pipeline:Pipeline":
                if (is(r, "artifactStores", (v) => asArray<any>(v).map((s) => s?.location))) return `the artifact store of pipeline ${r.name}`;
                break;
        }
    }
    return undefined;
}

export const S3_RULES: Rule[] = [
    stackRule({
        name: "s3-8-block-public-access",
        description:
            "S3 buckets have a public access block (their own or the account's) with all four settings on (blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets).",
        enforcementLevel: "mandatory",
        severity: "high",
        control: { fsbp: "S3.8", cdkNag: ["AwsSolutions-S2"], url: S3_CONTROLS },
        types: BUCKETS,
        validate: (resources, _args, report) => {
            // S3 applies the most restrictive of the account's and the bucket's settings, flag by flag (S3.1 / S3.8).
            const account = ofTypes(resources, ACCOUNT_PUBLIC_ACCESS_BLOCK);
            for (const bucket of ofTypes(resources, ...BUCKETS)) {
                const blocks = [...siblingsOf(bucket, resources, PUBLIC_ACCESS_BLOCK), ...account];
                if (blocks.length === 0) {
                    report(`no ${PUBLIC_ACCESS_BLOCK} refers to the bucket; add one with ${PUBLIC_ACCESS_FLAGS.join(", ")} all true.`, bucket.urn);
                    continue;
                }
                const off = PUBLIC_ACCESS_FLAGS.filter((f) => !blocks.some((b) => b.props[f] === true));
                if (off.length)
                    report(
                        `public access block ${blocks.map((b) => b.name).join(", ")}: ${off.map((f) => `${f} is not true`).join(", ")}; set all four to true.`,
                        bucket.urn,
                    );
            }
        },
    }),
    stackRule({
        name: "s3-5-ssl-only",
        description: "S3 buckets have a bucket policy that denies every request made without TLS (aws:SecureTransport false).",
        enforcementLevel: "mandatory",
        severity: "medium",
        control: { fsbp: "S3.5", cdkNag: ["AwsSolutions-S10"], url: S3_CONTROLS },
        types: BUCKETS,
        validate: (resources, _args, report) => {
            for (const bucket of ofTypes(resources, ...BUCKETS)) {
                const arn = typeof bucket.props.arn === "string" ? bucket.props.arn : undefined;
                const documents = [bucket.props.policy, ...siblingsOf(bucket, resources, BUCKET_POLICY).map((p) => p.props.policy)];
                const ok = documents.some((d) => statementsOf(d).some((s) => deniesInsecureTransport(s, "s3") && coversBucketAndObjects(s, arn)));
                if (!ok)
                    report(
                        'no bucket policy denies insecure transport; add a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [<bucket ARN>, <bucket ARN>/*], Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
                        bucket.urn,
                    );
            }
        },
    }),
    stackRule({
        name: "s3-encryption",
        description:
            "S3 buckets state their default encryption (SSE-S3, SSE-KMS or DSSE-KMS) in a server-side encryption configuration. S3 encrypts new objects with SSE-S3 since January 2023 whatever is set, so a missing configuration is advisory.",
        enforcementLevel: "advisory",
        severity: "low",
        control: { cdkNag: [], url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html" },
        types: BUCKETS,
        validate: (resources, _args, report) => {
            const algorithms = ["AES256", "aws:kms", "aws:kms:dsse"];
            const states = (config: any) =>
                asArray<any>(config?.rules ?? config?.rule).some((r) => algorithms.includes(r?.applyServerSideEncryptionByDefault?.sseAlgorithm));
            for (const bucket of ofTypes(resources, ...BUCKETS)) {
                const configs = [bucket.props.serverSideEncryptionConfiguration, ...siblingsOf(bucket, resources, ...ENCRYPTION).map((c) => c.props)];
                if (!configs.some(states))
                    report(
                        `no server-side encryption configuration with sseAlgorithm ${algorithms.join(", ")} refers to the bucket; add an aws:s3/bucketServerSideEncryptionConfiguration.`,
                        bucket.urn,
                    );
            }
        },
    }),
    stackRule({
        name: "s3-14-versioning",
        description:
            "S3 buckets that receive logs or artifacts (CloudTrail, load balancer, S3 server access, CloudFront, flow logs, log deliveries, CodePipeline), and buckets of data the stack protects (`protect`), have versioning enabled, so an overwrite or delete can be undone.",
        enforcementLevel: "mandatory",
        severity: "low",
        control: { fsbp: "S3.14", cdkNag: [], url: S3_CONTROLS },
        types: BUCKETS,
        validate: (resources, _args, report) => {
            for (const bucket of ofTypes(resources, ...BUCKETS)) {
                const role = logOrArtifactRole(bucket, resources) ?? (bucket.opts.protect ? "protected data" : undefined);
                if (role === undefined) continue;
                const enabled =
                    bucket.props.versioning?.enabled === true ||
                    siblingsOf(bucket, resources, ...VERSIONING).some((v) => v.props.versioningConfiguration?.status === "Enabled");
                if (!enabled)
                    report(
                        `the bucket is ${role}, but no aws:s3/bucketVersioning with versioningConfiguration.status "Enabled" refers to it; enable versioning (with a noncurrent-version expiry to bound its cost).`,
                        bucket.urn,
                    );
            }
        },
    }),
    stackRule({
        name: "s3-9-access-logging",
        description: "S3 buckets write server access logs to another bucket (an aws:s3/bucketLogging for the bucket).",
        enforcementLevel: "advisory",
        severity: "medium",
        control: { fsbp: "S3.9", cdkNag: ["AwsSolutions-S1"], url: S3_CONTROLS },
        types: BUCKETS,
        validate: (resources, _args, report) => {
            for (const bucket of ofTypes(resources, ...BUCKETS)) {
                const inline = typeof bucket.props.logging?.targetBucket === "string" && bucket.props.logging.targetBucket !== "";
                if (!inline && siblingsOf(bucket, resources, ...LOGGING).length === 0)
                    report("no aws:s3/bucketLogging refers to the bucket; log its requests to a log bucket (targetBucket, targetPrefix).", bucket.urn);
            }
        },
    }),
];
