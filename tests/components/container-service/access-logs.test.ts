/**
 * `loadBalancers.<key>.accessLogs: true`: the load balancer's own access-log bucket, writable by the Region's ELB log
 * delivery only, and the ALB logging to it (Security Hub ELB.5).
 */
import * as assert from "node:assert";
import { checkPolicies } from "../../../components/policies";
import { NETWORK_RULES } from "../../../components/policies/rules/network";
import { ELB_LOG_DELIVERY_SERVICE, NLB_LOG_DELIVERY_SERVICE } from "../../../components/shared/limits/elb";
import { ContainerService } from "../../../components/container-service";
import { build, json } from "../../../components/testing";
import { CERT, buildShop, issuesOf, webService, withArgs } from "./fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const LB = "aws:lb/loadBalancer:LoadBalancer";

describe("ContainerService access logs", () => {
    it("creates a bucket that only us-east-1's ELB account may write to, under the load balancer's prefix, and logs the ALB there", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers!.public.accessLogs = true;
        });
        const bucket = registry.one(BUCKET, "shop-public-access-logs");
        const statements = json(registry.one(POLICY, "shop-public-access-logs-policy").inputs.policy).Statement;
        const delivery = statements.find((s: any) => s.Sid === "ElbLogDelivery");
        assert.deepStrictEqual(delivery.Principal, { AWS: "arn:aws:iam::127311923021:root" });
        assert.strictEqual(delivery.Action, "s3:PutObject");
        assert.match(delivery.Resource, /^arn:aws:s3:::shop-public-access-logs-[0-9a-f]+\/shop-public\/AWSLogs\/\d{12}\/\*$/);
        // The TLS-only deny of every private bucket stays first.
        assert.strictEqual(statements[0].Sid, "DenyInsecureTransport");
        const logs = registry.one(LB, "shop-public-alb").inputs.accessLogs;
        assert.deepStrictEqual(logs, { bucket: bucket.outputs.bucket, prefix: "shop-public", enabled: true });
    });

    it("encrypts the log bucket with SSE-S3, the only encryption ELB delivers to, and versions it", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers!.public.accessLogs = true;
        });
        const sse = registry.one(
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "shop-public-access-logs-encryption",
        );
        assert.deepStrictEqual(sse.inputs.rules[0].applyServerSideEncryptionByDefault, { sseAlgorithm: "AES256" });
        assert.strictEqual(
            registry.one("aws:s3/bucketVersioning:BucketVersioning", "shop-public-access-logs-versioning").inputs.versioningConfiguration.status,
            "Enabled",
        );
        const rules = registry.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "shop-public-access-logs-lifecycle").inputs.rules;
        assert.deepStrictEqual(
            rules.find((r: any) => r.id === "expire"),
            { id: "expire", status: "Enabled", filter: { prefix: "" }, expiration: { days: 90 }, noncurrentVersionExpiration: { noncurrentDays: 90 } },
        );
    });

    it("names the log delivery service principal in a Region opened after August 2022", async () => {
        const east = await build(
            () =>
                new ContainerService(
                    "shop",
                    withArgs((a) => {
                        a.loadBalancers!.public.accessLogs = true;
                    }),
                ),
            { config: { "aws:region": "ca-west-1" } },
        );
        const statements = json(east.registry.one(POLICY, "shop-public-access-logs-policy").inputs.policy).Statement;
        assert.deepStrictEqual(statements.find((s: any) => s.Sid === "ElbLogDelivery").Principal, { Service: ELB_LOG_DELIVERY_SERVICE });
    });

    it("names Jakarta's ELB account, a Region opened before August 2022, not the service principal", async () => {
        const jakarta = await build(
            () =>
                new ContainerService(
                    "shop",
                    withArgs((a) => {
                        a.loadBalancers!.public.accessLogs = true;
                    }),
                ),
            { config: { "aws:region": "ap-southeast-3" } },
        );
        const statements = json(jakarta.registry.one(POLICY, "shop-public-access-logs-policy").inputs.policy).Statement;
        assert.deepStrictEqual(statements.find((s: any) => s.Sid === "ElbLogDelivery").Principal, { AWS: "arn:aws:iam::589379963580:root" });
    });

    it("lets CloudWatch Logs' log delivery, not the ELB account, read the ACL and write an NLB's logs with bucket-owner-full-control", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers!.edge = { type: "network", certificateArn: CERT, accessLogs: true };
            a.services!.tcp = webService(9000, "edge");
            a.services!.tcp.loadBalancer!.listenerPort = 9000;
        });
        const bucket = registry.one(BUCKET, "shop-edge-access-logs");
        const statements = json(registry.one(POLICY, "shop-edge-access-logs-policy").inputs.policy).Statement;
        assert.strictEqual(
            statements.find((s: any) => s.Sid === "ElbLogDelivery"),
            undefined,
        );
        const acl = statements.find((s: any) => s.Sid === "NlbLogDeliveryAclCheck");
        assert.deepStrictEqual([acl.Principal, acl.Action, acl.Resource], [{ Service: NLB_LOG_DELIVERY_SERVICE }, "s3:GetBucketAcl", bucket.outputs.arn]);
        const write = statements.find((s: any) => s.Sid === "NlbLogDelivery");
        assert.deepStrictEqual([write.Principal, write.Action], [{ Service: NLB_LOG_DELIVERY_SERVICE }, "s3:PutObject"]);
        assert.match(write.Resource, /\/shop-edge\/AWSLogs\/\d{12}\/\*$/);
        assert.strictEqual(write.Condition.StringEquals["s3:x-amz-acl"], "bucket-owner-full-control");
        assert.match(write.Condition.StringEquals["aws:SourceAccount"], /^\d{12}$/);
        assert.match(write.Condition.ArnLike["aws:SourceArn"], /^arn:aws:logs:us-east-1:\d{12}:\*$/);
    });

    it("refuses accessLogs on a network load balancer without a TLS listener (an NLB logs TLS connections only)", () => {
        const issues = issuesOf(
            withArgs((a) => {
                a.loadBalancers!.edge = { type: "network", accessLogs: true };
                a.services!.tcp = webService(9000, "edge");
                a.services!.tcp.loadBalancer!.listenerPort = 9000;
            }),
        );
        assert.deepStrictEqual(
            issues.map((i) => i.path),
            ["loadBalancers.edge.accessLogs"],
        );
    });

    it("protects and retains the log bucket with protectData, and lets dev destroy it with its logs", async () => {
        const kept = await buildShop((a) => {
            a.loadBalancers!.public.accessLogs = true;
            a.protectData = true;
        });
        const prod = kept.registry.one(BUCKET, "shop-public-access-logs");
        assert.deepStrictEqual([prod.protect, prod.retainOnDelete, prod.inputs.forceDestroy], [true, true, false]);
        const dev = (
            await buildShop((a) => {
                a.loadBalancers!.public.accessLogs = true;
            })
        ).registry.one(BUCKET, "shop-public-access-logs");
        assert.deepStrictEqual([dev.protect, dev.inputs.forceDestroy], [false, true]);
    });

    it("turns the ALB's logging on only after the bucket policy lets ELB write", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers!.public.accessLogs = true;
        });
        const policy = registry.one(POLICY, "shop-public-access-logs-policy");
        assert.ok(registry.one(LB, "shop-public-alb").dependencies.includes(policy.urn));
    });

    it("keeps a bucket of the user's as given, with the load balancer's name as the default prefix", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers!.public.accessLogs = { bucket: "my-alb-logs" };
        });
        assert.deepStrictEqual(registry.one(LB, "shop-public-alb").inputs.accessLogs, { bucket: "my-alb-logs", prefix: "shop-public", enabled: true });
        assert.strictEqual(registry.ofType(BUCKET).length, 0);
    });

    it("refuses accessLogs that is neither true nor a bucket", () => {
        const issues = issuesOf(
            withArgs((a) => {
                (a.loadBalancers!.public as any).accessLogs = false;
            }),
        );
        assert.deepStrictEqual(
            issues.map((i) => i.path),
            ["loadBalancers.public.accessLogs"],
        );
    });

    it("a production ALB with a certificate, deletion protection and accessLogs: true passes every ELB rule", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers!.public = { type: "application", certificateArn: CERT, deletionProtection: true, accessLogs: true };
        });
        const r = await checkPolicies(registry.all(), { rules: NETWORK_RULES.filter((x) => x.name.startsWith("elb-")), productionStacks: ["test"] });
        assert.deepStrictEqual(r.violations, []);
        assert.ok(r.policies.find((p) => p.name === "elb-5-access-logs")!.evaluated > 0);
    });
});
