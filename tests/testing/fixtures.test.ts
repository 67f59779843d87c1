import * as assert from "node:assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { build, unwrap } from "../../components/testing";

describe("a consumer's own fixtures and options", () => {
    it("lays a resource fixture's outputs over the built-in ones", async () => {
        const { registry, result } = await build(
            () => {
                const db = new aws.rds.Cluster("db", { engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true });
                return { endpoint: db.endpoint, arn: db.arn };
            },
            {
                fixtures: {
                    resources: {
                        "aws:rds/cluster:Cluster": (r, c) => ({ state: { endpoint: `${r.name}.cluster-c9akciq32.${c.region}.rds.amazonaws.com` } }),
                    },
                },
            },
        );
        assert.equal(await unwrap(result.endpoint), "db.cluster-c9akciq32.us-east-1.rds.amazonaws.com");
        // What the fixture left out still comes from the built-in fixture: a realistic ARN and id.
        assert.match(await unwrap(result.arn), /^arn:aws:rds:us-east-1:123456789012:/);
        assert.match(registry.one("aws:rds/cluster:Cluster").id!, /^db-[0-9a-f]{7}$/);
    });

    it("lets a resource fixture set the id", async () => {
        const { registry } = await build(() => new aws.sqs.Queue("q", {}), {
            fixtures: { resources: { "aws:sqs/queue:Queue": () => ({ id: "https://sqs.example/q" }) } },
        });
        assert.equal(registry.one("aws:sqs/queue:Queue").id, "https://sqs.example/q");
    });

    it("answers a data source the built-in fixtures lack, and records the invoke", async () => {
        const { registry, result } = await build(() => aws.ec2.getVpcOutput({ default: true }).id, {
            fixtures: { invokes: { "aws:ec2/getVpc:getVpc": () => ({ id: "vpc-0a1b2c3d4e5f60718", cidrBlock: "172.31.0.0/16" }) } },
        });
        assert.equal(await unwrap(result), "vpc-0a1b2c3d4e5f60718");
        assert.deepEqual(
            registry.invokes("aws:ec2/getVpc:getVpc").map((i) => i.inputs.default),
            [true],
        );
    });

    it("answers CloudFront's origin-facing managed prefix list by name: a stable pl- id and its 55 max entries", async () => {
        const lookup = () => aws.ec2.getManagedPrefixListOutput({ name: "com.amazonaws.global.cloudfront.origin-facing" });
        const first = await build(() => lookup());
        const list = await unwrap(first.result);
        assert.match(list.id, /^pl-[0-9a-f]{8}$/);
        assert.deepEqual([list.maxEntries, list.addressFamily, list.ownerId], [55, "IPv4", "AWS"]);
        assert.equal((await unwrap((await build(() => lookup())).result)).id, list.id, "the same id on every run");
    });

    it("answers from a consumer's data-source fixture before the built-in one", async () => {
        const { result } = await build(() => aws.getCallerIdentityOutput().accountId, {
            fixtures: { invokes: { "aws:index/getCallerIdentity:getCallerIdentity": () => ({ accountId: "210987654321" }) } },
        });
        assert.equal(await unwrap(result), "210987654321");
    });

    it("names URNs after the stack and project, and reads config with its region", async () => {
        const { registry, result } = await build(
            () => {
                const q = new aws.sqs.Queue("q", {});
                return { arn: q.arn, tier: new pulumi.Config("app").require("tier"), secret: new pulumi.Config("app").requireSecret("token") };
            },
            { stack: "prod", project: "shop", config: { "aws:region": "eu-west-1", "app:tier": "gold", "app:token": "s3cr3t" }, secretKeys: ["app:token"] },
        );
        assert.equal(registry.one("aws:sqs/queue:Queue").urn, "urn:pulumi:prod::shop::aws:sqs/queue:Queue::q");
        assert.match(await unwrap(result.arn), /^arn:aws:sqs:eu-west-1:123456789012:q-/);
        assert.equal(result.tier, "gold");
        assert.equal(await unwrap(result.secret), "s3cr3t");
    });

    describe("the Region of a resource, as the AWS provider decides it", () => {
        const EU = { config: { "aws:region": "eu-west-1" } };

        it("gives a resource registered through an explicit aws provider that provider's region, in a stack configured elsewhere", async () => {
            const { registry, result } = await build(() => {
                const east = new aws.Provider("east", { region: "us-east-1" });
                return new aws.sqs.Queue("q", {}, { provider: east }).arn;
            }, EU);
            assert.match(await unwrap(result), /^arn:aws:sqs:us-east-1:123456789012:q-/);
            assert.match(registry.one("aws:sqs/queue:Queue").outputs.url, /^https:\/\/sqs\.us-east-1\.amazonaws\.com\//);
        });

        it("gives an explicit provider a UUID id, as the engine does, and its users reference it as <urn>::<id>", async () => {
            const { registry } = await build(() => {
                const east = new aws.Provider("east", { region: "us-east-1" });
                return new aws.sqs.Queue("q", {}, { provider: east });
            }, EU);
            const provider = registry.one("pulumi:providers:aws", "east");
            assert.match(provider.id!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
            assert.equal(registry.one("aws:sqs/queue:Queue").provider, `${provider.urn}::${provider.id}`);
        });

        it("leaves a new explicit provider's id unknown in a preview, as the engine does, referenced as <urn>::<unknown> and still in its region", async () => {
            const { registry, result } = await build(
                () => {
                    const east = new aws.Provider("east", { region: "us-east-1" });
                    return new aws.sqs.Queue("q", {}, { provider: east }).url;
                },
                { ...EU, preview: true },
            );
            const provider = registry.one("pulumi:providers:aws", "east");
            assert.equal(provider.id, undefined);
            assert.equal(registry.one("aws:sqs/queue:Queue").provider, `${provider.urn}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`);
            assert.match(await unwrap(result), /^https:\/\/sqs\.us-east-1\.amazonaws\.com\//);
        });

        it("answers getDefaultTags through an explicit provider with that provider's defaultTags, not the stack's aws:defaultTags", async () => {
            const { result } = await build(
                () => {
                    const east = new aws.Provider("east", { region: "us-east-1", defaultTags: { tags: { team: "edge" } } });
                    const bare = new aws.Provider("bare", { region: "us-east-1" });
                    return {
                        stack: aws.getDefaultTagsOutput({}).tags,
                        east: aws.getDefaultTagsOutput({}, { provider: east }).tags,
                        bare: aws.getDefaultTagsOutput({}, { provider: bare }).tags,
                    };
                },
                { config: { ...EU.config, "aws:defaultTags": { tags: { env: "dev" } } } },
            );
            assert.deepEqual(await unwrap(result.stack), { env: "dev" });
            assert.deepEqual(await unwrap(result.east), { team: "edge" });
            assert.deepEqual(await unwrap(result.bare), {});
        });

        it("keeps the stack's region for a resource on the default provider beside one on an explicit provider", async () => {
            const { result } = await build(() => {
                const east = new aws.Provider("east", { region: "us-east-1" });
                new aws.sqs.Queue("there", {}, { provider: east });
                return new aws.sqs.Queue("here", {}).arn;
            }, EU);
            assert.match(await unwrap(result), /^arn:aws:sqs:eu-west-1:/);
        });

        it("keeps the stack's region under an explicit provider that sets none", async () => {
            const { result } = await build(() => {
                const plain = new aws.Provider("plain", {});
                return new aws.sqs.Queue("q", {}, { provider: plain }).arn;
            }, EU);
            assert.match(await unwrap(result), /^arn:aws:sqs:eu-west-1:/);
        });

        it("lets a resource's own region argument (pulumi-aws 7) override its provider's", async () => {
            const { result } = await build(() => {
                const east = new aws.Provider("east", { region: "us-east-1" });
                return new aws.cloudwatch.LogGroup("logs", { name: "/x", region: "ap-southeast-2" }, { provider: east }).arn;
            }, EU);
            assert.equal(await unwrap(result), "arn:aws:logs:ap-southeast-2:123456789012:log-group:/x");
        });

        it("answers a data source invoked through an explicit provider in that provider's region", async () => {
            const { result } = await build(() => {
                const east = new aws.Provider("east", { region: "us-east-1" });
                return aws.getRegionOutput({}, { provider: east }).name;
            }, EU);
            assert.equal(await unwrap(result), "us-east-1");
        });

        it("hands a consumer's resource fixture the provider's region", async () => {
            const { result } = await build(
                () => {
                    const east = new aws.Provider("east", { region: "us-east-1" });
                    return new aws.rds.Cluster("db", { engine: "aurora-postgresql" }, { provider: east }).endpoint;
                },
                {
                    ...EU,
                    fixtures: { resources: { "aws:rds/cluster:Cluster": (r, c) => ({ state: { endpoint: `${r.name}.${c.region}.rds.amazonaws.com` } }) } },
                },
            );
            assert.equal(await unwrap(result), "db.us-east-1.rds.amazonaws.com");
        });
    });
});

describe("CloudFront fixtures", () => {
    it("gives CloudFront resources region-less ARNs, E-ids, a d<13>.cloudfront.net domain and CloudFront's hosted zone", async () => {
        const { result } = await build(
            () => {
                const d = new aws.cloudfront.Distribution("cdn", {
                    enabled: true,
                    origins: [{ originId: "o", domainName: "example.com" }],
                    defaultCacheBehavior: {
                        targetOriginId: "o",
                        viewerProtocolPolicy: "redirect-to-https",
                        allowedMethods: ["GET", "HEAD"],
                        cachedMethods: ["GET", "HEAD"],
                    },
                    restrictions: { geoRestriction: { restrictionType: "none" } },
                    viewerCertificate: { cloudfrontDefaultCertificate: true },
                });
                const f = new aws.cloudfront.Function("fn", { runtime: "cloudfront-js-2.0", code: "function handler(e) { return e.request; }" });
                const kvs = new aws.cloudfront.KeyValueStore("kvs", {});
                const oac = new aws.cloudfront.OriginAccessControl("oac", {
                    originAccessControlOriginType: "s3",
                    signingBehavior: "always",
                    signingProtocol: "sigv4",
                });
                return pulumi.all([d.id, d.arn, d.domainName, d.hostedZoneId, f.arn, kvs.arn, oac.id]);
            },
            { config: { "aws:region": "eu-west-1" } },
        );
        const [id, arn, domain, zone, fn, kvs, oac] = await unwrap(result);
        assert.match(id, /^E[0-9A-F]{13}$/);
        assert.equal(arn, `arn:aws:cloudfront::123456789012:distribution/${id}`);
        assert.match(domain, /^d[0-9a-f]{13}\.cloudfront\.net$/);
        assert.equal(zone, "Z2FDTNDATAQYW2");
        assert.match(fn, /^arn:aws:cloudfront::123456789012:function\/fn-[0-9a-f]{7}$/);
        assert.match(kvs, /^arn:aws:cloudfront::123456789012:key-value-store\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        assert.match(oac, /^E[0-9A-F]{13}$/);
    });
});
