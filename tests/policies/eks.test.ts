import * as assert from "node:assert";
import { EksCluster } from "../../components/eks-cluster";
import { ManagedNodeGroup, SelfManagedNodeGroup } from "../../components/eks-node-groups";
import { type PolicyInput, type Rule, checkPolicies, policyResource } from "../../components/policies";
import { EKS_RULES, unsupportedEksVersion } from "../../components/policies/rules/eks";
import { evaluatedOn, findingsByResource, ruleNamed } from "../harness/policy-rules";
import { EKS_VERSIONS, eksVersionStatus } from "../../components/shared/limits/eks";
import { OPERATIONS_RULES } from "../../components/policies/rules/operations";
import { build } from "../../components/testing";
import { FULL } from "../components/eks-cluster/cluster-fixture";
import { managedArgs, selfManagedArgs } from "../components/eks-node-groups/fixtures";

const COMPONENT = "eks:index:Cluster";
const CLUSTER = "aws:eks/cluster:Cluster";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ALL_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

const rule = (name: string): Rule => ruleNamed(EKS_RULES, name);

/** [policy, resource name, message] of every violation of `name`, by resource name. */
const findings = (name: string, ...resources: PolicyInput[]) => findingsByResource(rule(name), resources);

const evaluated = (name: string, ...resources: PolicyInput[]) => evaluatedOn(rule(name), resources);

/** A compliant control plane of each shape: the component's args and the aws:eks child. */
const goodComponent = (extra: Record<string, unknown> = {}) =>
    policyResource(COMPONENT, "platform-cluster", {
        version: "1.35",
        endpointPublicAccess: false,
        endpointPrivateAccess: true,
        encryptionConfigKeyArn: KEY_ARN,
        enabledClusterLogTypes: ALL_LOGS,
        ...extra,
    });
const goodCluster = (extra: Record<string, unknown> = {}, vpc: Record<string, unknown> = {}) =>
    policyResource(CLUSTER, "platform-eksCluster", {
        version: "1.35",
        vpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true, subnetIds: ["subnet-1"], ...vpc },
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY_ARN } },
        enabledClusterLogTypes: ALL_LOGS,
        ...extra,
    });
const goodTemplate = (extra: Record<string, unknown> = {}) =>
    policyResource(LT, "nodes-launch-template", {
        metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeType: "gp3", encrypted: "true", volumeSize: 80 } }],
        ...extra,
    });

describe("policies: EKS and launch templates (rules/eks.ts)", () => {
    describe("eks-1-endpoint-private", () => {
        it("passes a private endpoint on the component and on the aws:eks cluster", async () => {
            assert.deepEqual(await findings("eks-1-endpoint-private", goodComponent(), goodCluster()), []);
        });

        it("passes a public endpoint restricted to listed CIDR ranges", async () => {
            const c = goodComponent({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] });
            assert.deepEqual(await findings("eks-1-endpoint-private", c), []);
        });

        it("fails the component when endpointPublicAccess is absent (pulumi-eks defaults to public, open to 0.0.0.0/0)", async () => {
            const c = policyResource(COMPONENT, "platform-cluster", { version: "1.35" });
            const [[policy, name, message]] = await findings("eks-1-endpoint-private", c);
            assert.deepEqual([policy, name], ["eks-1-endpoint-private", "platform-cluster"]);
            assert.match(message, /publicAccessCidrs is not set \(EKS's default 0\.0\.0\.0\/0\)/);
        });

        it("fails a public endpoint whose publicAccessCidrs contains 0.0.0.0/0 or ::/0, naming the CIDR", async () => {
            const c = goodComponent({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "0.0.0.0/0"] });
            const k = goodCluster({}, { endpointPublicAccess: true, publicAccessCidrs: ["::/0"] });
            const found = await findings("eks-1-endpoint-private", c, k);
            assert.deepEqual(
                found.map(([p, n]) => [p, n]),
                [
                    ["eks-1-endpoint-private", "platform-cluster"],
                    ["eks-1-endpoint-private", "platform-eksCluster"],
                ],
            );
            assert.match(found[0][2], /^publicAccessCidrs contains 0\.0\.0\.0\/0;/);
            assert.match(found[1][2], /^vpcConfig\.publicAccessCidrs contains ::\/0;/);
        });

        it("fails a public endpoint open to ::0/0, the same world as ::/0 (ec2-18 reads CIDRs the same way)", async () => {
            const found = await findings("eks-1-endpoint-private", goodComponent({ endpointPublicAccess: true, publicAccessCidrs: ["::0/0"] }));
            assert.strictEqual(found.length, 1);
            assert.match(found[0][2], /^publicAccessCidrs contains ::0\/0;/);
        });

        it("fails the aws:eks cluster whose vpcConfig leaves the endpoint public by default", async () => {
            const k = policyResource(CLUSTER, "raw", { version: "1.35", vpcConfig: { subnetIds: ["subnet-1"] } });
            const [[, name, message]] = await findings("eks-1-endpoint-private", k);
            assert.equal(name, "raw");
            assert.match(message, /vpcConfig\.endpointPublicAccess is public/);
        });

        it("does not apply to other types", async () => {
            assert.equal(await evaluated("eks-1-endpoint-private", goodTemplate()), 0);
        });
    });

    describe("eks-3-secrets-encryption", () => {
        it("passes a KMS key on the component and secrets encryption on the aws:eks cluster", async () => {
            assert.deepEqual(await findings("eks-3-secrets-encryption", goodComponent(), goodCluster()), []);
        });

        it("fails the component without encryptionConfigKeyArn", async () => {
            const c = goodComponent({ encryptionConfigKeyArn: undefined });
            const [[policy, name, message]] = await findings("eks-3-secrets-encryption", c);
            assert.deepEqual([policy, name], ["eks-3-secrets-encryption", "platform-cluster"]);
            assert.match(message, /encryptionConfigKeyArn is undefined; set it to a KMS key ARN/);
        });

        it("fails the aws:eks cluster whose encryptionConfig does not cover secrets", async () => {
            const k = goodCluster({ encryptionConfig: { resources: [], provider: { keyArn: KEY_ARN } } });
            const [[, name, message]] = await findings("eks-3-secrets-encryption", k);
            assert.equal(name, "platform-eksCluster");
            assert.match(message, /set encryptionConfig\.resources to \["secrets"\]/);
        });

        it("does not apply to other types", async () => {
            assert.equal(await evaluated("eks-3-secrets-encryption", goodTemplate()), 0);
        });
    });

    describe("eks-8-all-logs", () => {
        it("passes all five control-plane log types", async () => {
            assert.deepEqual(await findings("eks-8-all-logs", goodComponent(), goodCluster()), []);
        });

        it("fails a cluster missing log types, naming the missing ones", async () => {
            const c = goodComponent({ enabledClusterLogTypes: ["api", "audit"] });
            const k = goodCluster({ enabledClusterLogTypes: undefined });
            const found = await findings("eks-8-all-logs", c, k);
            assert.deepEqual(
                found.map(([p, n]) => [p, n]),
                [
                    ["eks-8-all-logs", "platform-cluster"],
                    ["eks-8-all-logs", "platform-eksCluster"],
                ],
            );
            assert.match(found[0][2], /missing authenticator, controllerManager, scheduler;/);
            assert.match(found[1][2], /is \[\], missing api, audit, authenticator, controllerManager, scheduler;/);
        });

        it("is advisory", () => {
            assert.equal(rule("eks-8-all-logs").enforcementLevel, "advisory");
        });
    });

    describe("eks-2-supported-version", () => {
        it("passes a version in support and a node group that follows the cluster's version", async () => {
            const group = policyResource(NODE_GROUP, "general", { clusterName: "platform" });
            assert.deepEqual(await findings("eks-2-supported-version", goodComponent(), goodCluster(), group), []);
        });

        it("fails a version whose extended support ended, on the cluster and on a node group", async () => {
            const c = goodComponent({ version: "1.28" });
            const group = policyResource(NODE_GROUP, "general", { clusterName: "platform", version: "1.29" });
            const found = await findings("eks-2-supported-version", c, group);
            assert.deepEqual(
                found.map(([p, n]) => [p, n]),
                [
                    ["eks-2-supported-version", "general"],
                    ["eks-2-supported-version", "platform-cluster"],
                ],
            );
            assert.match(found[0][2], /^version is 1\.29, whose EKS extended support ended on 2026-03-23; upgrade to a supported version \(.*1\.35/);
            assert.match(found[1][2], /^version is 1\.28, past the end of EKS support/);
        });

        it("fails a cluster without a version (EKS's default at creation, never upgraded by the program)", async () => {
            const [[, name, message]] = await findings("eks-2-supported-version", goodComponent({ version: undefined }));
            assert.equal(name, "platform-cluster");
            assert.match(message, /^version is undefined, not a Kubernetes minor version; pin a supported version/);
        });

        it("dates support by EksCluster's table: 1.31 is supported through the last day of extended support, not the day after", () => {
            assert.equal(EKS_VERSIONS["1.31"].endOfExtendedSupport, "2026-11-26");
            assert.equal(unsupportedEksVersion("1.31", "2026-11-26"), undefined);
            assert.match(unsupportedEksVersion("1.31", "2026-11-27") ?? "", /ended on 2026-11-26/);
        });

        it("agrees with EksCluster's validation on every listed version, on each boundary day", () => {
            for (const [v, dates] of Object.entries(EKS_VERSIONS))
                for (const day of [dates.endOfExtendedSupport, "2026-11-27", "2027-12-03"]) {
                    const componentAccepts = eksVersionStatus(v, new Date(`${day}T00:00:00Z`)) !== "ended";
                    assert.equal(unsupportedEksVersion(v, day) === undefined, componentAccepts, `${v} on ${day}`);
                }
        });

        it("takes a version newer than the table as supported (released after it was written)", () => {
            assert.equal(unsupportedEksVersion("1.36", "2026-11-26"), undefined);
        });
    });

    describe("ec2-170-launch-template-imdsv2", () => {
        it("passes IMDSv2 with one hop, and a template with the metadata service off", async () => {
            const off = goodTemplate({ metadataOptions: { httpEndpoint: "disabled" } });
            assert.deepEqual(await findings("ec2-170-launch-template-imdsv2", goodTemplate(), off), []);
        });

        it("fails a template without metadataOptions (the AMI's default admits IMDSv1)", async () => {
            const t = goodTemplate({ metadataOptions: undefined });
            const [[policy, name, message]] = await findings("ec2-170-launch-template-imdsv2", t);
            assert.deepEqual([policy, name], ["ec2-170-launch-template-imdsv2", "nodes-launch-template"]);
            assert.match(message, /metadataOptions\.httpTokens is undefined; set it to "required"/);
        });

        it("fails httpTokens optional and a hop limit above 2", async () => {
            const t = goodTemplate({ metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 3 } });
            const messages = (await findings("ec2-170-launch-template-imdsv2", t)).map(([, , m]) => m);
            assert.equal(messages.length, 2);
            assert.match(messages[0], /httpTokens is "optional"/);
            assert.match(messages[1], /httpPutResponseHopLimit is 3; set 1 \(or 2/);
        });

        it("does not apply to other types", async () => {
            assert.equal(await evaluated("ec2-170-launch-template-imdsv2", goodCluster()), 0);
        });
    });

    describe("ec2-launch-template-encrypted-volumes", () => {
        it("passes encrypted EBS mappings given as the provider's strings or booleans, ignoring instance-store mappings", async () => {
            const t = goodTemplate({
                blockDeviceMappings: [
                    { deviceName: "/dev/xvda", ebs: { encrypted: true } },
                    { deviceName: "/dev/xvdb", ebs: { encrypted: "true" } },
                    { deviceName: "/dev/sdc", virtualName: "ephemeral0" },
                ],
            });
            assert.deepEqual(await findings("ec2-launch-template-encrypted-volumes", t), []);
        });

        it("fails an unencrypted EBS mapping, naming its index and device", async () => {
            const t = goodTemplate({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20 } }] });
            const [[policy, name, message]] = await findings("ec2-launch-template-encrypted-volumes", t);
            assert.deepEqual([policy, name], ["ec2-launch-template-encrypted-volumes", "nodes-launch-template"]);
            assert.match(message, /^blockDeviceMappings\[0\] \(\/dev\/xvda\)\.ebs\.encrypted is undefined; set it to true\./);
        });

        it("fails a template that maps no volume (the root volume follows the AMI's snapshot)", async () => {
            const [[, , message]] = await findings("ec2-launch-template-encrypted-volumes", goodTemplate({ blockDeviceMappings: undefined }));
            assert.match(message, /blockDeviceMappings is empty/);
        });
    });

    describe("every rule", () => {
        for (const r of EKS_RULES)
            it(`${r.name} does not apply to a resource of another type (an S3 bucket)`, async () => {
                const bucket = policyResource("aws:s3/bucket:Bucket", "logs", {});
                const result = await checkPolicies([bucket], { rules: [r] });
                assert.deepEqual([result.violations, result.policies[0].evaluated], [[], 0]);
                assert.ok(result.notApplicable.some((n) => n.policy === r.name && n.urn === bucket.urn));
            });
    });

    describe("the components' defaults", () => {
        it("EksCluster with every part (node groups, self-managed nodes, Fargate) passes the EKS and operations rules", async () => {
            const { registry } = await build(() => new EksCluster("platform", FULL));
            const result = await checkPolicies(registry.all(), { rules: [...EKS_RULES, ...OPERATIONS_RULES] });
            assert.deepEqual(result.violations, []);
            // The control plane, both launch templates, the log group and the Secrets key were evaluated.
            const evaluatedBy = Object.fromEntries(result.policies.map((p) => [p.name, p.evaluated]));
            assert.equal(evaluatedBy["eks-1-endpoint-private"], 1);
            assert.equal(evaluatedBy["ec2-170-launch-template-imdsv2"], 2);
            assert.ok(evaluatedBy["cloudwatch-16-log-retention"] >= 1);
            assert.equal(evaluatedBy["kms-4-rotation"], 1);
        });

        it("EksCluster given endpoint.publicAccessCidrs 0.0.0.0/0 (which it accepts) fails eks-1 on its eks:index:Cluster", async () => {
            const { registry } = await build(() => new EksCluster("platform", { ...FULL, endpoint: { publicAccessCidrs: ["0.0.0.0/0"] } }));
            const result = await checkPolicies(registry.all(), { rules: EKS_RULES });
            assert.deepEqual(
                result.violations.map((v) => [v.policy, v.type, v.name]),
                [["eks-1-endpoint-private", COMPONENT, "platform-cluster"]],
            );
            assert.match(result.violations[0].message, /publicAccessCidrs contains 0\.0\.0\.0\/0/);
        });

        it("ManagedNodeGroup and SelfManagedNodeGroup launch templates pass IMDSv2 and volume encryption", async () => {
            const { registry } = await build(() => {
                new ManagedNodeGroup("general", managedArgs());
                new SelfManagedNodeGroup("spot", selfManagedArgs());
            });
            const result = await checkPolicies(registry.all(), { rules: EKS_RULES });
            assert.deepEqual(result.violations, []);
            assert.equal(registry.ofType(LT).length, 2);
        });
    });
});
