import * as assert from "node:assert";
import { EdgeFunctions, EdgeFunctionsArgs } from "../../../components/edge-functions";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { FULL, MINIMAL } from "./fixtures";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const OAC = "aws:cloudfront/originAccessControl:OriginAccessControl";

describe("EdgeFunctions origins", () => {
    let registry: Registry;
    let warnings: string[];
    let cdn: EdgeFunctions;
    before(async () => {
        ({ registry, warnings, result: cdn } = await build(() => new EdgeFunctions("cdn", FULL)));
    });

    it("creates one private bucket per bucket origin and one OAC signing every request with SigV4", () => {
        assert.equal(registry.ofType(BUCKET).length, 1);
        registry.hasInputs(OAC, undefined, { originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
        registry.hasInputs("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "cdn-bucket-site-ownership", {
            rule: { objectOwnership: "BucketOwnerEnforced" },
        });
    });

    it("reaches the bucket through its Regional endpoint with the OAC's id", () => {
        const bucket = registry.one(BUCKET, "cdn-bucket-site").outputs;
        const oac = registry.one(OAC).id;
        const site = registry.one(DISTRIBUTION).inputs.origins.find((o: { originId: string }) => o.originId === "site");
        assert.deepEqual(site, { originId: "site", domainName: bucket.bucketRegionalDomainName, originAccessControlId: oac });
    });

    it("lets CloudFront read the bucket's objects on behalf of this distribution only, after the TLS-only deny", () => {
        const bucketArn = registry.one(BUCKET, "cdn-bucket-site").outputs.arn;
        const distributionArn = registry.one(DISTRIBUTION).outputs.arn;
        assert.match(distributionArn, /^arn:aws:cloudfront::123456789012:distribution\/E[0-9A-F]{13}$/);
        const statements = json(registry.one(POLICY, "cdn-bucket-site-policy").inputs.policy).Statement;
        assert.deepEqual(
            statements.map((s: { Sid: string }) => s.Sid),
            ["DenyInsecureTransport", "AllowCloudFrontServicePrincipalReadOnly"],
        );
        assert.deepEqual(statements[1], {
            Sid: "AllowCloudFrontServicePrincipalReadOnly",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: `${bucketArn}/*`,
            Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
        });
    });

    it("registers the bucket policy after the distribution it names", () => {
        const policy = registry.one(POLICY, "cdn-bucket-site-policy");
        assert.ok(policy.dependencies.includes(registry.one(DISTRIBUTION).urn));
    });

    it("reaches HTTP origins over HTTPS only, TLS 1.2, with their path and custom headers", () => {
        const origins = registry.one(DISTRIBUTION).inputs.origins;
        assert.deepEqual(
            origins.map((o: { originId: string }) => o.originId),
            ["site", "web", "api"],
        );
        assert.deepEqual(origins[1], {
            originId: "web",
            domainName: "web-123.us-east-1.elb.amazonaws.com",
            customHeaders: [{ name: "x-origin-verify", value: "s3cr3t" }],
            customOriginConfig: {
                originProtocolPolicy: "https-only",
                httpsPort: 443,
                httpPort: 80,
                originSslProtocols: ["TLSv1.2"],
                originReadTimeout: 30,
                originKeepaliveTimeout: 5,
            },
        });
        assert.equal(origins[2].originPath, "/v1");
    });

    it("warns about nothing when every origin uses HTTPS", () => {
        assert.deepEqual(warnings, []);
    });

    it("outputs each content bucket's name by origin key", async () => {
        assert.deepEqual(Object.keys(cdn.bucketNames), ["site"]);
        assert.equal(await unwrap(cdn.bucketNames.site), registry.one(BUCKET, "cdn-bucket-site").outputs.bucket);
    });

    it("lets destroy empty the content bucket unless protectData", () => {
        registry.hasInputs(BUCKET, "cdn-bucket-site", { forceDestroy: true });
        assert.equal(registry.one(BUCKET, "cdn-bucket-site").protect, false);
        assert.equal(registry.one(BUCKET, "cdn-bucket-site").retainOnDelete, false);
    });
});

describe("EdgeFunctions origins, special cases", () => {
    it("keeps the content bucket with protectData: protected, not force-destroyed, retained on delete", async () => {
        const { registry } = await build(() => new EdgeFunctions("cdn", { ...MINIMAL, protectData: true }));
        registry.hasInputs(BUCKET, "cdn-bucket-site", { forceDestroy: false });
        assert.equal(registry.one(BUCKET, "cdn-bucket-site").protect, true);
        assert.equal(registry.one(BUCKET, "cdn-bucket-site").retainOnDelete, true);
        assert.equal(registry.one(POLICY).retainOnDelete, true);
    });

    it("with listBucket, also lets CloudFront list the bucket itself on behalf of this distribution only", async () => {
        const { registry } = await build(() => new EdgeFunctions("cdn", { ...MINIMAL, origins: { site: { kind: "bucket", listBucket: true } } }));
        const bucketArn = registry.one(BUCKET, "cdn-bucket-site").outputs.arn;
        const distributionArn = registry.one(DISTRIBUTION).outputs.arn;
        const statements = json(registry.one(POLICY, "cdn-bucket-site-policy").inputs.policy).Statement;
        assert.deepEqual(
            statements.map((s: { Sid: string }) => s.Sid),
            ["DenyInsecureTransport", "AllowCloudFrontServicePrincipalReadOnly", "AllowCloudFrontServicePrincipalListBucket"],
        );
        assert.deepEqual(statements[2], {
            Sid: "AllowCloudFrontServicePrincipalListBucket",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:ListBucket",
            Resource: bucketArn,
            Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
        });
    });

    it("warns with a stable code when an origin is reached over plain HTTP", async () => {
        const args: EdgeFunctionsArgs = {
            origins: { legacy: { kind: "http", domainName: "legacy.example.com", protocol: "http-only" } },
            defaultBehavior: { origin: "legacy" },
        };
        const { registry, warnings } = await build(() => new EdgeFunctions("cdn", args));
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /^\[aws-platform:edge:http-origin\] EdgeFunctions "cdn": origin "legacy"/);
        assert.equal(registry.one(DISTRIBUTION).inputs.origins[0].customOriginConfig.originProtocolPolicy, "http-only");
    });

    it("creates no bucket and no OAC without a bucket origin", async () => {
        const args: EdgeFunctionsArgs = { origins: { api: { kind: "http", domainName: "api.example.com" } }, defaultBehavior: { origin: "api" } };
        const { registry } = await build(() => new EdgeFunctions("cdn", args));
        assert.equal(registry.ofType(BUCKET).length, 0);
        assert.equal(registry.ofType(OAC).length, 0);
    });
});
