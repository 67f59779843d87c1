import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ConfigError, parseConfig } from "../../stacks/config";
import { PRESETS } from "../../stacks/presets";

const fails = (raw: Record<string, string>, stack = "dev"): ConfigError => {
    try {
        parseConfig(stack, raw);
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
        return e as ConfigError;
    }
    throw new Error("expected parseConfig to fail");
};

describe("stack configuration", () => {
    it("takes the preset named after the stack when none is given", () => {
        const cfg = parseConfig("prod", {});
        assert.equal(cfg.preset, "prod");
        assert.deepEqual(cfg.network, PRESETS.prod.network);
    });

    it("merges overrides key by key over the preset", () => {
        const cfg = parseConfig("dev", { "aws-platform:network": JSON.stringify({ availabilityZones: 3 }) });
        assert.equal(cfg.network.availabilityZones, 3);
        assert.equal(cfg.network.cidrBlock, PRESETS.dev.network.cidrBlock);
    });

    it("lets a stack of another name choose a preset", () => {
        assert.equal(parseConfig("qa", { "aws-platform:preset": "dev" }).preset, "dev");
    });

    it("requires a preset for a stack not named after one", () => {
        assert.match(fails({}, "qa").message, /aws-platform:preset is required for stack "qa"; allowed: dev, prod/);
    });

    it("rejects an unknown preset", () => {
        assert.match(fails({ "aws-platform:preset": "stage" }).message, /aws-platform:preset="stage" is not supported; allowed: "dev", "prod"/);
    });

    it("rejects an unknown top-level key, suggesting the nearest and naming the known ones", () => {
        assert.match(
            fails({ "aws-platform:netwrok": "{}" }).message,
            /aws-platform:netwrok="\{\}" is not a known setting; did you mean aws-platform:network\?; allowed: aws-platform:preset, aws-platform:network, aws-platform:containers/,
        );
    });

    it("rejects an unknown nested key", () => {
        assert.match(
            fails({ "aws-platform:containers": JSON.stringify({ desiredCont: 2 }) }).message,
            /aws-platform:containers\.desiredCont=2 is not a known setting/,
        );
    });

    it("reports every invalid setting at once, with the file name", () => {
        const e = fails({ "aws-platform:network": JSON.stringify({ availabilityZones: 9, cidrBlock: "8.8.0.0/16", natGateways: "lots" }) });
        assert.match(e.message, /^Pulumi\.dev\.yaml: 3 invalid settings:/);
        assert.match(e.message, /availabilityZones=9 is out of range; allowed: an integer from 2 to 6/);
        assert.match(e.message, /cidrBlock="8\.8\.0\.0\/16" is not a private range/);
        assert.match(e.message, /natGateways="lots" is not supported/);
        assert.equal(e.issues.length, 3);
    });

    it("rejects a malformed certificate ARN, e-mail and schedule", () => {
        const e = fails({
            "aws-platform:containers": JSON.stringify({ certificateArn: "arn:aws:iam::1:cert", alarmEmail: "nobody", reportSchedule: "cron(0 6 * * *)" }),
        });
        assert.match(e.message, /certificateArn="arn:aws:iam::1:cert" is malformed; allowed: an ACM certificate ARN/);
        assert.match(e.message, /alarmEmail="nobody" is malformed/);
        assert.match(e.message, /reportSchedule="cron\(0 6 \* \* \*\)" has 5 cron fields, not 6/);
    });

    it("rejects an instance type the components refuse, such as a family ending in '-'", () => {
        const e = fails({ "aws-platform:containers": JSON.stringify({ ec2: { capacityProviders: { spot: { instanceTypes: ["m7i-.large"] } } } }) });
        assert.match(e.message, /containers\.ec2\.capacityProviders\.spot\.instanceTypes\[0\]="m7i-\.large"/);
    });

    it("takes blue/green or rolling for the web service, and refuses the strategies the stack does not configure", () => {
        assert.equal(parseConfig("prod", {}).containers.webDeployment, "blue-green");
        assert.equal(parseConfig("prod", { "aws-platform:containers": JSON.stringify({ webDeployment: "rolling" }) }).containers.webDeployment, "rolling");
        const e = fails({ "aws-platform:containers": JSON.stringify({ webDeployment: "canary" }) });
        assert.match(e.message, /containers\.webDeployment="canary" is not supported; allowed: "rolling", "blue-green"/);
    });

    it("merges an override into one EC2 group key by key, keeping the other group and the strategy", () => {
        const cfg = parseConfig("prod", {
            "aws-platform:containers": JSON.stringify({ ec2: { capacityProviders: { spot: { maxSize: 20, managedScaling: { targetCapacityPercent: 30 } } } } }),
        });
        const groups = cfg.containers.ec2.capacityProviders;
        assert.deepEqual(groups.spot, { ...PRESETS.prod.containers.ec2.capacityProviders.spot, maxSize: 20, managedScaling: { targetCapacityPercent: 30 } });
        assert.deepEqual(groups["on-demand"], PRESETS.prod.containers.ec2.capacityProviders["on-demand"]);
        assert.deepEqual(cfg.containers.ec2.strategy, PRESETS.prod.containers.ec2.strategy);
    });

    it("accepts dev's EC2 groups and strategy once containers.ec2.enabled is turned on", () => {
        assert.equal(parseConfig("dev", { "aws-platform:containers": JSON.stringify({ ec2: { enabled: true } }) }).containers.ec2.enabled, true);
    });

    it("rejects an EC2 group's malformed settings: a target outside 1–100 %, an unknown key", () => {
        const e = fails({
            "aws-platform:containers": JSON.stringify({
                ec2: { capacityProviders: { spot: { managedScaling: { targetCapacityPercent: 0 }, spotPrice: "0.1" } } },
            }),
        });
        assert.match(
            e.message,
            /containers\.ec2\.capacityProviders\.spot\.managedScaling\.targetCapacityPercent=0 is out of range; allowed: an integer from 1 to 100/,
        );
        assert.match(e.message, /containers\.ec2\.capacityProviders\.spot\.spotPrice="0\.1" is not a known setting/);
        assert.equal(e.issues.length, 2);
    });

    it("rejects EC2 groups the container platform refuses, under the keys a user edits: minSize above maxSize, a name strategies reserve", () => {
        const spot = PRESETS.prod.containers.ec2.capacityProviders.spot;
        const e = fails(
            {
                "aws-platform:containers": JSON.stringify({ ec2: { capacityProviders: { spot: { minSize: 9 }, ec2: spot } } }),
            },
            "prod",
        );
        assert.match(e.message, /aws-platform:containers\.ec2\.capacityProviders\.spot\.minSize=9 is above maxSize \(8\)/);
        assert.match(e.message, /aws-platform:containers\.ec2\.capacityProviders\.ec2="ec2" is the name strategies use for ec2Capacity/);
        assert.equal(e.issues.length, 2);
    });

    it("rejects an EC2 strategy beyond the groups or with two bases, each provider reported once", () => {
        const e = fails(
            {
                "aws-platform:containers": JSON.stringify({
                    ec2: {
                        strategy: [{ provider: "on-demand", base: 1 }, { provider: "spot", base: 2 }, { provider: "FARGATE" }, { provider: "gpu" }],
                    },
                }),
            },
            "prod",
        );
        assert.match(e.message, /containers\.ec2\.strategy=\["on-demand","spot"\] gives a base to more than one provider/);
        assert.match(
            e.message,
            /containers\.ec2\.strategy\[2\]\.provider="FARGATE" is a Fargate provider, and app2 runs in bridge mode on EC2; allowed: "on-demand", "spot"/,
        );
        assert.match(e.message, /containers\.ec2\.strategy\[3\]\.provider="gpu" names no group of ec2\.capacityProviders; allowed: "on-demand", "spot"/);
        assert.match(e.message, /containers\.ec2\.strategy=\["FARGATE","on-demand","spot","gpu"\] mixes Fargate/);
        assert.deepEqual(
            e.issues.map((i) => i.path.replace("aws-platform:containers.ec2.", "")),
            ["strategy[2].provider", "strategy[3].provider", "strategy", "strategy"],
        );
    });

    it("rejects an empty EC2 strategy while EC2 capacity is on, and checks none while it is off", () => {
        const e = fails({ "aws-platform:containers": JSON.stringify({ ec2: { enabled: true, strategy: [] } }) });
        assert.match(e.message, /containers\.ec2\.strategy=\[\] is empty/);
        assert.equal(e.issues.length, 1);
        assert.equal(parseConfig("dev", { "aws-platform:containers": JSON.stringify({ ec2: { strategy: [] } }) }).containers.ec2.enabled, false);
    });

    it("rejects an endpoint CIDR with an octet above 255 and an admin ARN with a space, as the components do", () => {
        const e = fails({
            "aws-platform:kubernetes": JSON.stringify({
                endpoint: { ...PRESETS.dev.kubernetes.endpoint, publicAccessCidrs: ["300.0.0.0/24"] },
                admins: { me: "arn:aws:iam::123456789012:role/my role" },
            }),
        });
        assert.match(e.message, /kubernetes\.endpoint\.publicAccessCidrs\[0\]="300\.0\.0\.0\/24" is malformed/);
        assert.match(e.message, /kubernetes\.admins\.me="arn:aws:iam::123456789012:role\/my role" is not an IAM role or user ARN/);
    });

    it("refuses a string for a boolean setting, and a number written as text", () => {
        const e = fails({ "aws-platform:network": JSON.stringify({ flowLogs: "false", availabilityZones: "3" }) });
        assert.match(e.message, /network\.flowLogs="false" is a string; allowed: true or false/);
        assert.match(e.message, /network\.availabilityZones="3" is a string; allowed: an integer/);
    });

    it("refuses a __proto__ key in an object setting instead of letting it replace the prototype", () => {
        const e = fails({ "aws-platform:containers": '{"__proto__": {"desiredCount": 99}}' });
        assert.match(e.message, /containers\.__proto__=.* is not a known setting/);
    });

    it("suggests the nearest nested key for a typo", () => {
        assert.match(fails({ "aws-platform:containers": JSON.stringify({ desiredCont: 2 }) }).message, /did you mean desiredCount\?/);
    });

    it("rejects a desired count outside the scaling bounds", () => {
        assert.match(
            fails({ "aws-platform:containers": JSON.stringify({ desiredCount: 9, maxCount: 4 }) }).message,
            /desiredCount=9 is outside minCount\.\.maxCount \(1\.\.4\)/,
        );
    });

    it("reports a cross-field rule together with an unrelated invalid setting", () => {
        const e = fails({ "aws-platform:containers": JSON.stringify({ desiredCount: 9, maxCount: 4, alarmEmail: "nobody" }) });
        assert.equal(e.issues.length, 2, e.message);
    });

    it("rejects a retention CloudWatch Logs does not offer", () => {
        assert.match(fails({ "aws-platform:containers": JSON.stringify({ logRetentionDays: 10 }) }).message, /logRetentionDays=10 is not supported/);
    });

    it("turns the nightly scale-down on in prod only", () => {
        assert.equal(parseConfig("prod", {}).containers.nightlyScaleDown.enabled, true);
        assert.equal(parseConfig("dev", {}).containers.nightlyScaleDown.enabled, false);
    });

    it("rejects a nightly scale-down with a bad schedule, time zone or bounds", () => {
        const e = fails({
            "aws-platform:containers": JSON.stringify({
                nightlyScaleDown: { scaleDownAt: "cron(0 22 * * *)", timezone: "Mars/Olympus", minCount: 3, maxCount: 2 },
            }),
        });
        assert.match(e.message, /nightlyScaleDown\.scaleDownAt="cron\(0 22 \* \* \*\)" has 5 cron fields, not 6/);
        assert.match(e.message, /nightlyScaleDown\.timezone="Mars\/Olympus"/);
        assert.match(e.message, /nightlyScaleDown\.minCount=3 is above maxCount \(2\)/);
    });

    it("rejects a nightly maximum above the daytime maximum", () => {
        assert.match(
            fails({ "aws-platform:containers": JSON.stringify({ maxCount: 4, nightlyScaleDown: { maxCount: 6 } }) }).message,
            /nightlyScaleDown\.maxCount=6 is above containers\.maxCount \(4\)/,
        );
    });

    it("ignores other namespaces (aws:region, aws:defaultTags)", () => {
        assert.equal(parseConfig("dev", { "aws:region": "eu-west-1", "aws:defaultTags": "{}" }).preset, "dev");
    });

    it("keeps the preset's node groups and adds the ones a stack names", () => {
        const cfg = parseConfig("dev", {
            "aws-platform:kubernetes": JSON.stringify({
                nodeGroups: { gpu: { instanceTypes: ["g6.xlarge"], capacityType: "ON_DEMAND", minSize: 0, desiredSize: 0, maxSize: 2 } },
            }),
        });
        assert.deepEqual(Object.keys(cfg.kubernetes.nodeGroups).sort(), ["gpu", "spot"]);
    });

    it("takes a node group's architecture, refusing one its instance types do not share and one that is not x86_64 or arm64", () => {
        const groups = (g: object) => ({ "aws-platform:kubernetes": JSON.stringify({ nodeGroups: { spot: g } }) });
        assert.equal(parseConfig("dev", groups({ instanceTypes: ["t4g.medium"], architecture: "arm64" })).kubernetes.nodeGroups.spot.architecture, "arm64");
        assert.match(fails(groups({ architecture: "arm64" })).message, /nodeGroups\.spot\.instanceTypes\[0\]="t3\.medium" is an x86_64 type/);
        assert.match(fails(groups({ architecture: "aarch64" })).message, /kubernetes\.nodeGroups\.spot\.architecture="aarch64"/);
    });

    it("rejects bad Kubernetes settings, all at once", () => {
        const e = fails({
            "aws-platform:kubernetes": JSON.stringify({
                version: "1.35.2",
                admins: { me: "arn:aws:iam::123:root" },
                nodeGroups: { spot: { minSize: 3, desiredSize: 1 } },
                fargateNamespaces: ["Jobs"],
                storage: { efs: "yes" },
                extra: true,
            }),
        });
        assert.match(e.message, /kubernetes\.version="1\.35\.2"/);
        assert.match(e.message, /kubernetes\.admins\.me="arn:aws:iam::123:root"/);
        assert.match(e.message, /kubernetes\.nodeGroups\.spot\.desiredSize=1 is outside minSize\.\.maxSize \(3\.\.3\)/);
        assert.match(e.message, /kubernetes\.fargateNamespaces\[0\]="Jobs"/);
        assert.match(e.message, /kubernetes\.storage\.efs="yes"/);
        assert.match(e.message, /kubernetes\.extra/);
    });

    it("requires the ONTAP password secret when ONTAP is on, and never parses the secret as a setting", () => {
        assert.match(
            fails({ "aws-platform:kubernetes": JSON.stringify({ storage: { ontap: true } }) }).message,
            /kubernetes\.storage\.ontap=true needs the SVM admin password; allowed: the secret aws-platform:ontapSvmAdminPassword/,
        );
        const cfg = parseConfig("dev", {
            "aws-platform:kubernetes": JSON.stringify({ storage: { ontap: true } }),
            "aws-platform:ontapSvmAdminPassword": "s3cret-pass",
        });
        assert.equal(cfg.kubernetes.storage.ontap, true);
        assert.equal(cfg.ontapSvmAdminPassword, undefined);
    });

    describe("serverless", () => {
        const serverless = (v: unknown) => ({ "aws-platform:serverless": JSON.stringify(v) });
        const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const EU_KEY = KEY.replace("us-east-1", "eu-west-1");

        it("protects the data and keeps the function warm in prod only; point-in-time recovery in both (dynamodb-2-pitr)", () => {
            const prod = parseConfig("prod", {}).serverless;
            const dev = parseConfig("dev", {}).serverless;
            assert.deepEqual([prod.protectData, prod.table.pointInTimeRecovery, prod.items.provisionedConcurrency], [true, true, 2]);
            assert.deepEqual([dev.protectData, dev.table.pointInTimeRecovery, dev.items.provisionedConcurrency], [false, true, 0]);
            assert.deepEqual(prod.table.replicaRegions, []);
        });

        it("takes replica regions with a customer key for each, merged over the preset", () => {
            const cfg = parseConfig(
                "prod",
                serverless({ table: { replicaRegions: ["eu-west-1"], kmsKeyArn: KEY, replicaKmsKeyArns: { "eu-west-1": EU_KEY } } }),
            );
            assert.deepEqual(cfg.serverless.table.replicaRegions, ["eu-west-1"]);
            assert.equal(cfg.serverless.table.pointInTimeRecovery, true);
            assert.equal(cfg.serverless.api.throttle.burstLimit, 500);
        });

        it("rejects bad serverless values, all at once, naming each key", () => {
            const e = fails(
                serverless({
                    table: { billingMode: "ON_DEMAND", replicaRegions: ["Europe"], kmsKeyArn: "alias/aws/dynamodb" },
                    api: {
                        throttle: { burstLimit: 6000, rateLimit: -1 },
                        corsOrigins: ["https://app.example.com/"],
                        publicReads: "yes",
                        accessLogRetentionDays: 10,
                    },
                    items: { memoryMiB: 64, provisionedConcurrency: 1.5 },
                    timeout: 30,
                }),
            );
            assert.match(e.message, /serverless\.table\.billingMode="ON_DEMAND" is not supported; allowed: "PAY_PER_REQUEST", "PROVISIONED"/);
            assert.match(e.message, /serverless\.table\.replicaRegions\[0\]="Europe" is malformed; allowed: an AWS region name/);
            assert.match(e.message, /serverless\.table\.kmsKeyArn="alias\/aws\/dynamodb"/);
            assert.match(e.message, /serverless\.api\.throttle\.burstLimit=6000 is out of range; allowed: an integer from 0 to 5000/);
            assert.match(e.message, /serverless\.api\.throttle\.rateLimit=-1 is out of range/);
            assert.match(e.message, /serverless\.api\.corsOrigins\[0\]="https:\/\/app\.example\.com\/" is malformed/);
            assert.match(e.message, /serverless\.api\.publicReads="yes"/);
            assert.match(e.message, /serverless\.api\.accessLogRetentionDays=10 is not supported/);
            assert.match(e.message, /serverless\.items\.memoryMiB=64 is out of range; allowed: an integer from 128 to 10240/);
            assert.match(e.message, /serverless\.items\.provisionedConcurrency=1\.5/);
            assert.match(e.message, /serverless\.timeout=30 is not a known setting/);
            assert.equal(e.issues.length, 11, e.message);
        });

        it("requires capacities with PROVISIONED billing and refuses them on-demand", () => {
            assert.match(
                fails(serverless({ table: { billingMode: "PROVISIONED", readCapacity: 5 } })).message,
                /serverless\.table\.writeCapacity is required; allowed: capacity units/,
            );
            assert.match(fails(serverless({ table: { readCapacity: 5 } })).message, /serverless\.table\.readCapacity=5 is not used on-demand/);
            assert.equal(
                parseConfig("dev", serverless({ table: { billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5 } })).serverless.table.readCapacity,
                5,
            );
        });

        it("refuses replicas of a provisioned table, which would need write auto scaling", () => {
            assert.match(
                fails(serverless({ table: { billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5, replicaRegions: ["eu-west-1"] } })).message,
                /serverless\.table\.replicaRegions=\["eu-west-1"\] needs on-demand billing/,
            );
        });

        it("requires a key in each replica region with a customer key, and refuses keys nothing uses", () => {
            assert.match(
                fails(serverless({ table: { replicaRegions: ["eu-west-1"], kmsKeyArn: KEY } })).message,
                /serverless\.table\.replicaKmsKeyArns\.eu-west-1 is required; allowed: a KMS key ARN in eu-west-1/,
            );
            assert.match(
                fails(serverless({ table: { replicaRegions: ["eu-west-1"], replicaKmsKeyArns: { "eu-west-1": EU_KEY } } })).message,
                /serverless\.table\.replicaKmsKeyArns\.eu-west-1=.* is not used/,
            );
        });

        it("gives both presets the sweeper, thumbnails, partners API and legacy route; only prod a partner cache; neither a domain", () => {
            const prod = parseConfig("prod", {}).serverless;
            const dev = parseConfig("dev", {}).serverless;
            for (const s of [dev, prod]) {
                assert.deepEqual(s.sweeper, { expression: "cron(0 3 * * ? *)", timezone: "UTC", retentionDays: 30 });
                assert.deepEqual([s.thumbnails.enabled, s.partners.enabled, s.legacy.enabled], [true, true, true]);
                assert.equal(s.partners.accountCloudWatchRole, true);
                assert.equal(s.api.domain, undefined);
            }
            assert.deepEqual([prod.partners.cacheSizeGb, dev.partners.cacheSizeGb], ["0.5", undefined]);
            assert.deepEqual([dev.legacy.desiredCount, prod.legacy.desiredCount], [1, 2]);
        });

        it("rejects bad sweeper, thumbnails, partners and legacy values, all at once, naming each key", () => {
            const e = fails(
                serverless({
                    sweeper: { expression: "cron(0 3 * * *)", timezone: "Mars/Olympus", retentionDays: 0 },
                    thumbnails: { enabled: "yes", width: 8 },
                    partners: {
                        apiKeys: ["Acme Corp"],
                        dailyQuota: 0,
                        throttle: { burstLimit: 6000, rateLimit: 1 },
                        cacheSizeGb: "1",
                        accessLogRetentionDays: 10,
                        accountCloudWatchRole: "true",
                    },
                    legacy: { image: "", desiredCount: 0, stripPrefix: false },
                }),
            );
            assert.match(e.message, /serverless\.sweeper\.expression="cron\(0 3 \* \* \*\)" has 5 cron fields, not 6/);
            assert.match(e.message, /serverless\.sweeper\.timezone="Mars\/Olympus"/);
            assert.match(e.message, /serverless\.sweeper\.retentionDays=0 is out of range; allowed: an integer from 1 to 3650/);
            assert.match(e.message, /serverless\.thumbnails\.enabled="yes"/);
            assert.match(e.message, /serverless\.thumbnails\.width=8 is out of range; allowed: an integer from 16 to 2048/);
            assert.match(e.message, /serverless\.partners\.apiKeys\[0\]="Acme Corp" is malformed/);
            assert.match(e.message, /serverless\.partners\.dailyQuota=0 is out of range/);
            assert.match(e.message, /serverless\.partners\.throttle\.burstLimit=6000 is out of range/);
            assert.match(e.message, /serverless\.partners\.cacheSizeGb="1" is not supported; allowed: "0\.5", "1\.6"/);
            assert.match(e.message, /serverless\.partners\.accessLogRetentionDays=10 is not supported/);
            assert.match(e.message, /serverless\.partners\.accountCloudWatchRole="true" is a string/);
            assert.match(e.message, /serverless\.legacy\.image="" is malformed/);
            assert.match(e.message, /serverless\.legacy\.desiredCount=0 is out of range; allowed: an integer from 1 to 10/);
            assert.match(e.message, /serverless\.legacy\.stripPrefix=false is not a known setting/);
            assert.equal(e.issues.length, 14, e.message);
        });

        it("requires at least one partner API key, each named once, when the partners API is on", () => {
            assert.match(
                fails(serverless({ partners: { apiKeys: [] } })).message,
                /serverless\.partners\.apiKeys=\[\] is empty; allowed: at least one API key name/,
            );
            assert.match(
                fails(serverless({ partners: { apiKeys: ["acme", "globex", "acme"] } })).message,
                /serverless\.partners\.apiKeys\[2\]="acme" is listed twice/,
            );
            assert.deepEqual(parseConfig("dev", serverless({ partners: { enabled: false, apiKeys: [] } })).serverless.partners.apiKeys, []);
        });

        it("takes a custom domain for the items API, and checks it as ServerlessApi does, under the key's own names", () => {
            const cfg = parseConfig("dev", serverless({ api: { domain: { name: "api.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ", basePath: "v1" } } }));
            assert.deepEqual(cfg.serverless.api.domain, { name: "api.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ", basePath: "v1" });
            assert.equal(cfg.serverless.api.throttle.burstLimit, 50, "merged over the preset");
            const e = fails(serverless({ api: { domain: { name: "API.example.com", hostedZoneId: "zone-1", basePath: "/v1" } } }));
            assert.match(e.message, /serverless\.api\.domain\.name="API\.example\.com"/);
            assert.match(e.message, /serverless\.api\.domain\.hostedZoneId="zone-1"/);
            assert.match(e.message, /serverless\.api\.domain\.basePath="\/v1"/);
            assert.equal(e.issues.length, 3, e.message);
            assert.match(
                fails(serverless({ api: { domain: { name: "api.example.com" } } })).message,
                /serverless\.api\.domain\.certificateArn is required; allowed: an ACM certificate ARN for the domain, or hostedZoneId/,
            );
            assert.match(
                fails(serverless({ api: { domain: { name: "api.example.com", certificateArn: "arn:aws:iam::123456789012:server-certificate/x" } } })).message,
                /serverless\.api\.domain\.certificateArn=.* is malformed; allowed: an ACM certificate ARN/,
            );
            assert.match(
                fails(serverless({ api: { domain: { domainName: "api.example.com" } } })).message,
                /serverless\.api\.domain\.domainName=.* is not a known setting/,
            );
        });

        it("refuses more provisioned concurrency than the function reserves", () => {
            assert.match(
                fails(serverless({ items: { provisionedConcurrency: 60 } }), "prod").message,
                /serverless\.items\.provisionedConcurrency=60 is above reservedConcurrency \(50\); allowed: at most reservedConcurrency/,
            );
        });
    });

    describe("cdn", () => {
        const cdn = (value: unknown) => ({ "aws-platform:cdn": JSON.stringify(value) });
        const certificate = (region: string) => `arn:aws:acm:${region}:123456789012:certificate/12345678-1234-1234-1234-123456789012`;
        const webAcl = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/12345678-1234-1234-1234-123456789012";

        it("takes the commented prod example: aliases with a us-east-1 certificate and zone, a CLOUDFRONT web ACL, an HTTPS ALB origin", () => {
            const domain = { aliases: ["www.example.com"], certificateArn: certificate("us-east-1"), hostedZoneId: "Z0123456789ABCDEFGHIJ" };
            const cfg = parseConfig("prod", {
                ...cdn({ domain, webAclArn: webAcl, webOriginDomain: "origin.example.com" }),
                "aws-platform:containers": JSON.stringify({ certificateArn: certificate("us-east-1") }),
            });
            assert.deepEqual(cfg.cdn.domain, domain);
            assert.equal(cfg.cdn.webAclArn, webAcl);
            assert.equal(cfg.cdn.protectData, true, "merged over the preset");
        });

        it("refuses a certificate outside us-east-1, a REGIONAL web ACL and upper-case aliases, under the key a user edits", () => {
            const e = fails(
                cdn({
                    domain: { aliases: ["WWW.example.com"], certificateArn: certificate("eu-west-1") },
                    webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/12345678-1234-1234-1234-123456789012",
                }),
            );
            assert.match(e.message, /aws-platform:cdn\.domain\.aliases\[0\]="WWW\.example\.com" has upper-case letters/);
            assert.match(e.message, /aws-platform:cdn\.domain\.certificateArn=.* is in eu-west-1: CloudFront reads certificates from us-east-1 only/);
            assert.match(e.message, /aws-platform:cdn\.webAclArn=.* is a REGIONAL web ACL/);
            assert.equal(e.issues.length, 3, e.message);
        });

        it("creates prod's web ACL and none in dev (a web ACL bills monthly)", () => {
            assert.deepStrictEqual([parseConfig("prod", {}).cdn.createWebAcl, parseConfig("dev", {}).cdn.createWebAcl], [true, false]);
        });

        it("refuses webOriginDomain without containers.certificateArn: the ALB would serve HTTP only", () => {
            assert.match(
                fails(cdn({ webOriginDomain: "origin.example.com" })).message,
                /aws-platform:cdn\.webOriginDomain="origin\.example\.com" needs containers\.certificateArn/,
            );
        });

        it("requires webOriginDomain when the ALB has a certificate: its port 80 only redirects and no certificate names its own host", () => {
            assert.match(
                fails({ "aws-platform:containers": JSON.stringify({ certificateArn: certificate("us-east-1") }) }).message,
                /aws-platform:cdn\.webOriginDomain is required; allowed: a name on containers\.certificateArn pointing at the ALB/,
            );
        });

        it("refuses albFromCloudFrontOnly without the CDN: the ALB would admit nobody", () => {
            assert.match(fails(cdn({ enabled: false, albFromCloudFrontOnly: true })).message, /aws-platform:cdn\.albFromCloudFrontOnly=true needs the CDN/);
            assert.equal(parseConfig("prod", cdn({ enabled: false, albFromCloudFrontOnly: false })).cdn.enabled, false);
        });

        it("refuses A/B weights the edge function would ignore: a bad variant name, a weight above 10000, all weights 0", () => {
            const e = fails(cdn({ abWeights: { control: 0, beta: 0, "Bad!": 0, gamma: 20000 } }));
            assert.match(e.message, /cdn\.abWeights\.Bad!="Bad!" is not a variant name/);
            assert.match(e.message, /cdn\.abWeights\.gamma=20000 is out of range/);
            assert.equal(fails(cdn({ abWeights: { control: 0, beta: 0 } })).issues[0].path, "aws-platform:cdn.abWeights");
        });

        it("refuses router routes the router's own parser refuses, naming each field", () => {
            const e = fails(cdn({ routes: [{ header: "x-country", values: ["DE"], origin: { domainName: "EU.example.com" } }] }));
            assert.match(e.message, /aws-platform:cdn\.routes\[0\]\.header="x-country" is not a valid route; allowed: one of cloudfront-viewer-country/);
            assert.match(e.message, /aws-platform:cdn\.routes\[0\]\.origin\.domainName="EU\.example\.com" is not a valid route/);
            const ok = parseConfig("dev", cdn({ routes: [{ header: "cloudfront-viewer-country", values: ["DE"], origin: { domainName: "eu.example.com" } }] }));
            assert.equal(ok.cdn.routes.length, 1);
        });

        it("refuses a KeyValueStore value over 1024 characters as JSON, and malformed redirects", () => {
            const redirects = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`/old/page-${i}`, `/new/page-${i}`]));
            const e = fails(cdn({ redirects: { ...redirects, "/x": "http://insecure.example.com" } }));
            assert.match(e.message, /cdn\.redirects="\(\d+ characters as JSON\)" is too long for one KeyValueStore value; allowed: at most 1024/);
            assert.match(e.message, /cdn\.redirects\.\/x="http:\/\/insecure\.example\.com" is malformed; allowed: a path \("\/new"\) or an https:\/\/ URL/);
        });

        it("rejects an unknown cdn key, such as a JWT secret given as a setting", () => {
            assert.match(fails(cdn({ jwtSecret: "c2VjcmV0" })).message, /aws-platform:cdn\.jwtSecret="c2VjcmV0" is not a known setting/);
        });
    });
    describe("delivery, audit and monitoring", () => {
        const section = (key: string) => (v: unknown) => ({ [`aws-platform:${key}`]: JSON.stringify(v) });
        const delivery = section("delivery");
        const audit = section("audit");
        const monitoring = section("monitoring");

        it("gives prod tag releases, an approval, app2 through CodeDeploy and the items canary; dev push deploys of web, rolling, without approval", () => {
            const [dev, prod] = [parseConfig("dev", {}).delivery, parseConfig("prod", {}).delivery];
            assert.deepEqual(
                [prod.approval, prod.releaseTags, prod.service, prod.itemsCanary],
                [true, ["v*"], { name: "app2", strategy: "code-deploy" }, true],
            );
            assert.deepEqual([dev.approval, dev.releaseTags, dev.service, dev.itemsCanary], [false, [], { name: "web", strategy: "rolling" }, false]);
            assert.deepEqual(prod.staging, { stack: "dev" });
            assert.equal(dev.staging, undefined);
            for (const d of [dev, prod]) assert.deepEqual([d.enabled, d.deployRoleArn], [true, undefined]);
        });

        it("merges a repository, a deploy role and an existing connection over the preset's source", () => {
            const d = parseConfig(
                "prod",
                delivery({
                    source: {
                        repository: "acme/shop",
                        connectionArn: "arn:aws:codeconnections:us-east-1:123456789012:connection/0a1b2c3d-1111-2222-3333-444455556666",
                    },
                    deployRoleArn: "arn:aws:iam::123456789012:role/platform-deployer",
                }),
            ).delivery;
            assert.deepEqual([d.source.provider, d.source.repository, d.source.branch], ["GitHub", "acme/shop", "main"]);
            assert.equal(d.deployRoleArn, "arn:aws:iam::123456789012:role/platform-deployer");
        });

        it("rejects bad delivery values, all at once, naming each key", () => {
            const e = fails(
                delivery({
                    enabled: "yes",
                    source: {
                        provider: "CodeCommit",
                        repository: "shop",
                        branch: "a b",
                        connectionArn: "arn:aws:codestar:us-east-1:123456789012:connection/x",
                    },
                    deployRoleArn: "arn:aws:iam::123456789012:user/deployer",
                    staging: { stack: "dev stack", url: "http://staging.example.com" },
                    approval: 1,
                    releaseTags: ["v *"],
                    service: { name: "worker", strategy: "blue-green" },
                    itemsCanary: "no",
                    region: "eu-west-1",
                }),
            );
            for (const pattern of [
                /delivery\.enabled="yes"/,
                /delivery\.source\.provider="CodeCommit" is not supported; allowed: "GitHub", "GitLab", "Bitbucket"/,
                /delivery\.source\.repository="shop" is malformed; allowed: a repository "owner\/name"/,
                /delivery\.source\.branch="a b" is malformed/,
                /delivery\.source\.connectionArn="arn:aws:codestar:[^"]*" is malformed; allowed: a CodeConnections connection ARN/,
                /delivery\.deployRoleArn="arn:aws:iam::123456789012:user\/deployer" is malformed; allowed: an IAM role ARN/,
                /delivery\.staging\.stack="dev stack" is malformed/,
                /delivery\.staging\.url="http:\/\/staging\.example\.com" is malformed; allowed: an https:\/\/ URL/,
                /delivery\.approval=1/,
                /delivery\.releaseTags\[0\]="v \*" is malformed/,
                /delivery\.service\.name="worker" is not supported; allowed: "web", "app1", "app2"/,
                /delivery\.service\.strategy="blue-green" is not supported; allowed: "rolling", "code-deploy"/,
                /delivery\.itemsCanary="no"/,
                /delivery\.region="eu-west-1" is not a known setting/,
            ])
                assert.match(e.message, pattern);
            assert.equal(e.issues.length, 14, e.message);
        });

        it("refuses CodeDeploy for web and app1, which use Service Connect, and more than 8 release tag patterns", () => {
            for (const name of ["web", "app1"]) {
                const e = fails(delivery({ service: { name, strategy: "code-deploy" } }));
                assert.deepEqual(
                    e.issues.map((i) => i.path),
                    ["aws-platform:delivery.service.name"],
                );
                assert.match(e.message, /uses Service Connect, which the CODE_DEPLOY controller does not support/);
            }
            const tags = Array.from({ length: 9 }, (_, i) => `v${i}*`);
            assert.match(
                fails(delivery({ releaseTags: tags })).message,
                /delivery\.releaseTags=9 has too many patterns for one trigger filter; allowed: at most 8/,
            );
        });

        it("refuses CodeDeploy for app2 without EC2 capacity (awsvpc on Fargate: the AppSpec has no network configuration), accepts it with", () => {
            const app2 = delivery({ service: { name: "app2", strategy: "code-deploy" } });
            const e = fails(app2);
            assert.deepEqual(
                e.issues.map((i) => i.path),
                ["aws-platform:delivery.service.strategy"],
            );
            assert.match(e.message, /needs app2 on the EC2 groups \(bridge mode\); allowed: containers\.ec2\.enabled: true, or strategy "rolling"/);
            assert.equal(parseConfig("prod", app2).delivery.service.strategy, "code-deploy");
        });

        it("keeps prod's trail a year under protection with Insights and data events, dev's 90 days without, both alerting on the same rules", () => {
            const [dev, prod] = [parseConfig("dev", {}).audit, parseConfig("prod", {}).audit];
            assert.deepEqual([prod.retentionDays, prod.protectData, prod.insights, prod.itemsDataEvents], [365, true, true, true]);
            assert.deepEqual([dev.retentionDays, dev.protectData, dev.insights, dev.itemsDataEvents], [90, false, false, false]);
            assert.deepEqual(dev.alerts, prod.alerts);
            assert.ok(prod.alerts.includes("root-sign-in"));
        });

        it("rejects bad audit and monitoring values, all at once, naming each key", () => {
            const e = fails({
                ...audit({
                    enabled: 0,
                    retentionDays: 0,
                    logRetentionDays: 10,
                    protectData: "true",
                    insights: null,
                    itemsDataEvents: [],
                    alerts: ["root-login"],
                }),
                ...monitoring({ enabled: "on", dashboard: 1, alarmEmail: "x@example.com" }),
            });
            for (const pattern of [
                /audit\.enabled=0/,
                /audit\.retentionDays=0 is out of range; allowed: an integer from 1 to 3650/,
                /audit\.logRetentionDays=10 is not supported/,
                /audit\.protectData="true"/,
                /audit\.insights=null/,
                /audit\.itemsDataEvents=\[\]/,
                /audit\.alerts\[0\]="root-login" is not supported; allowed: "root-sign-in"/,
                /monitoring\.enabled="on"/,
                /monitoring\.dashboard=1/,
                /monitoring\.alarmEmail="x@example\.com" is not a known setting/,
            ])
                assert.match(e.message, pattern);
            assert.equal(e.issues.length, 10, e.message);
        });
    });
});

describe("stack configuration: data", () => {
    const data = (v: unknown) => ({ "aws-platform:data": JSON.stringify(v) });
    const issue = (e: ConfigError, path: string) => e.issues.find((i) => i.path === `aws-platform:data.${path}`);

    it("dev's preset ingests on one shard into S3 and turns backups, export, the database and DAX off", () => {
        const d = parseConfig("dev", {}).data;
        assert.deepEqual([d.ingestion.enabled, d.ingestion.capacity, d.ingestion.sink, d.ingestion.enhancedFanOut], [true, { shards: 1 }, "s3", false]);
        assert.deepEqual([d.backups.enabled, d.export.enabled, d.database.enabled, d.dax.enabled, d.protectData], [false, false, false, false, false]);
    });

    it("prod's preset reads two shards kept 168 hours with enhanced fan-out, backs up to us-west-2, exports weekly, runs the database 0.5–8 ACUs with one reader, DAX off", () => {
        const d = parseConfig("prod", {}).data;
        assert.deepEqual([d.ingestion.capacity, d.ingestion.retentionHours, d.ingestion.enhancedFanOut], [{ shards: 2 }, 168, true]);
        assert.deepEqual([d.backups.enabled, d.backups.copyRegion, Object.keys(d.backups.rules ?? {})], [true, "us-west-2", ["daily", "monthly"]]);
        assert.deepEqual([d.export.enabled, d.export.schedule], [true, "cron(0 2 ? * SUN *)"]);
        assert.deepEqual([d.database.enabled, d.database.minAcu, d.database.maxAcu, d.database.readers], [true, 0.5, 8, 1]);
        assert.deepEqual([d.dax.enabled, d.protectData], [false, true]);
    });

    it("merges a data override key by key: provisioned shards keep the preset's other ingestion settings", () => {
        const d = parseConfig("dev", data({ ingestion: { capacity: { shards: 4 } } })).data;
        assert.deepEqual(d.ingestion.capacity, { shards: 4 });
        assert.equal(d.ingestion.sink, "s3");
    });

    it("refuses bad ingestion values, each under its own key: shards, retention, sink, batch size, parallelization", () => {
        const e = fails(data({ ingestion: { capacity: { shards: 0 }, retentionHours: 12, sink: "kafka", batchSize: 20_000, parallelizationFactor: 11 } }));
        for (const path of ["ingestion.capacity", "ingestion.retentionHours", "ingestion.sink", "ingestion.batchSize", "ingestion.parallelizationFactor"])
            assert.ok(
                e.issues.some((i) => i.path.startsWith(`aws-platform:data.${path}`)),
                path,
            );
        assert.match(e.message, /retentionHours=12 is out of range; allowed: an integer from 24 to 8760/);
    });

    it("refuses a capacity that is neither on-demand nor { shards }", () => {
        assert.match(fails(data({ ingestion: { capacity: "provisioned" } })).message, /aws-platform:data\.ingestion\.capacity="provisioned"/);
    });

    it("refuses the export without point-in-time recovery on the items table", () => {
        const off = { "aws-platform:serverless": JSON.stringify({ table: { pointInTimeRecovery: false } }) };
        const e = fails({ ...data({ export: { enabled: true } }), ...off });
        assert.match(issue(e, "export.enabled")!.message, /point-in-time recovery/);
        assert.doesNotThrow(() => parseConfig("dev", data({ export: { enabled: true } })));
    });

    it("refuses a database whose minAcu is above maxAcu, under data.database.minAcu (Database's own rule)", () => {
        const e = fails(data({ database: { enabled: true, minAcu: 8, maxAcu: 4 } }));
        assert.match(issue(e, "database.minAcu")!.message, /above maxAcu \(4\)/);
    });

    it("refuses minAcu 0: the stack's database is always behind RDS Proxy, which keeps connections open and the cluster awake", () => {
        assert.match(issue(fails(data({ database: { enabled: true, minAcu: 0 } })), "database.minAcu")!.message, /RDS Proxy/);
    });

    it("refuses database values out of range: ACUs, readers, backup retention, engine version", () => {
        const e = fails(data({ database: { enabled: true, minAcu: 300, maxAcu: 0.5, readers: 16, backupRetentionDays: 36, engineVersion: "sixteen" } }));
        for (const path of ["database.minAcu", "database.maxAcu", "database.readers", "database.backupRetentionDays", "database.engineVersion"])
            assert.ok(issue(e, path), path);
    });

    it("checks the database's rules only when it is enabled", () => {
        assert.doesNotThrow(() => parseConfig("dev", data({ database: { minAcu: 8, maxAcu: 4 } })));
    });

    it("refuses a backup rule TableBackups refuses (retention shorter than cold storage + 90 days), under data.backups.rules", () => {
        const e = fails(
            data({ backups: { enabled: true, rules: { monthly: { schedule: "cron(0 5 1 * ? *)", deleteAfterDays: 60, coldStorageAfterDays: 30 } } } }),
        );
        assert.match(issue(e, "backups.rules.monthly.deleteAfterDays")!.message, /90 days after coldStorageAfterDays/);
    });

    it("refuses a backup schedule that is not cron, and a copy Region that is not a Region name", () => {
        const e = fails(data({ backups: { enabled: true, copyRegion: "west", rules: { daily: { schedule: "rate(1 day)", deleteAfterDays: 35 } } } }));
        assert.ok(issue(e, "backups.copyRegion"));
        assert.ok(issue(e, "backups.rules.daily.schedule"));
    });

    it("refuses a DAX node type DaxCluster does not know, and more than 11 nodes", () => {
        const e = fails(data({ dax: { nodeType: "dax.r3.large", nodes: 12 } }));
        assert.ok(issue(e, "dax.nodeType"));
        assert.ok(issue(e, "dax.nodes"));
    });

    it("rejects an unknown key of the data section", () => {
        assert.match(fails(data({ ingestion: { shards: 2 } })).message, /aws-platform:data\.ingestion\.shards=2 is not a known setting/);
    });
});

// issue 20 core
describe("stack configuration: load (the cost estimate's load profile)", () => {
    const load = (v: unknown) => ({ "aws-platform:load": JSON.stringify(v) });

    it("takes the preset's profile and merges an override group by group", () => {
        assert.deepEqual(parseConfig("prod", {}).load, PRESETS.prod.load);
        const cfg = parseConfig("dev", load({ cdn: { transferOutGB: 50 }, functions: { "items-items": { invocationsPerMonth: 1000 } } }));
        assert.deepEqual(cfg.load.cdn, { ...PRESETS.dev.load.cdn, transferOutGB: 50 });
        assert.deepEqual(cfg.load.functions, { "items-items": { invocationsPerMonth: 1000 } });
        assert.deepEqual(cfg.load.httpApi, PRESETS.dev.load.httpApi);
    });

    it("rejects an unknown load key, suggesting the nearest", () => {
        assert.match(
            fails(load({ httpApi: { requestPerMonth: 5 } })).message,
            /aws-platform:load\.httpApi\.requestPerMonth=5 is not a known load profile key; did you mean requestsPerMonth\?/,
        );
        assert.match(fails(load({ lambdas: {} })).message, /aws-platform:load\.lambdas=\{\} is not a known load profile key; did you mean lambda\?/);
    });

    for (const stack of ["dev", "prod"]) {
        it(`takes the commented aws-platform:load example of Pulumi.${stack}.yaml`, () => {
            const text = fs.readFileSync(path.join(__dirname, "../..", `Pulumi.${stack}.yaml`), "utf8").split("\n");
            const start = text.indexOf("  # aws-platform:load:");
            assert.ok(start > 0, "the example is in the file");
            const after = text.slice(start + 1);
            const end = after.findIndex((l) => !l.startsWith("  #   "));
            const body = end === -1 ? after : after.slice(0, end);
            const example = parse(body.map((l) => l.slice("  #   ".length)).join("\n"));
            const cfg = parseConfig(stack, load(example));
            assert.deepEqual(cfg.load.httpApi, example.httpApi);
            assert.deepEqual(cfg.load.functions, example.functions);
        });
    }

    it("merges S3 request counts into the preset's storage group and takes the KMS, Secrets Manager and WebSocket groups", () => {
        const cfg = parseConfig(
            "prod",
            load({ storage: { s3GetRequestsPerMonth: 9e6 }, kms: { requestsPerMonth: 1e6 }, webSocketApi: { connectionMinutesPerMonth: 5e6 } }),
        );
        assert.deepEqual(cfg.load.storage, { ...PRESETS.prod.load.storage, s3GetRequestsPerMonth: 9e6 });
        assert.deepEqual(cfg.load.kms, { requestsPerMonth: 1e6 });
        assert.deepEqual(cfg.load.webSocketApi, { ...PRESETS.prod.load.webSocketApi, connectionMinutesPerMonth: 5e6 });
        assert.deepEqual(cfg.load.secrets, PRESETS.prod.load.secrets);
        assert.match(
            fails(load({ secrets: { callsPerMonth: 5 } })).message,
            /aws-platform:load\.secrets\.callsPerMonth=5 is not a known load profile key; did you mean apiCallsPerMonth\?/,
        );
    });

    it("rejects a negative quantity and a cache hit ratio outside 0..1, both at once", () => {
        const e = fails(load({ nat: { processedGB: -10 }, cdn: { cacheHitRatio: 1.2 } }));
        assert.deepEqual(
            e.issues.map((i) => [i.path, i.value, i.allowed]),
            [
                ["aws-platform:load.cdn.cacheHitRatio", 1.2, "a number from 0 to 1"],
                ["aws-platform:load.nat.processedGB", -10, "a number of 0 or more"],
            ],
        );
    });
});
