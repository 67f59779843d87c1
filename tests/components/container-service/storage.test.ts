import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import type { ContainerServiceArgs } from "../../../components/container-service/args";
import { allowMount, checkMountableSubnets, createAccessPoint, createFileSystems, efsStatements } from "../../../components/container-service/storage";
import { ArgsError } from "../../../components/shared/errors";
import { build, buildFails, json } from "../../../components/testing";
import { TestParent, VPC, testCtx } from "./ctx";

const FS = "aws:efs/fileSystem:FileSystem";
const args = (extra: Partial<ContainerServiceArgs> = {}): ContainerServiceArgs => ({ vpc: VPC, fileSystems: { data: {} }, ...extra });

describe("ContainerService storage (EFS)", () => {
    describe("checkMountableSubnets", () => {
        const cases: Array<{ title: string; args: ContainerServiceArgs; issue?: RegExp }> = [
            { title: "accepts subnets as an array", args: args() },
            { title: "accepts an array of Outputs", args: args({ vpc: { vpcId: "vpc-1", privateSubnetIds: [pulumi.output("subnet-1")] } }) },
            {
                title: "ignores an Output of subnets when there is no file system",
                args: { vpc: { vpcId: "vpc-1", privateSubnetIds: pulumi.output(["subnet-1"]) } },
            },
            {
                title: "rejects an Output of subnets with a file system",
                args: args({ vpc: { vpcId: "vpc-1", privateSubnetIds: pulumi.output(["subnet-1"]) } }),
                issue: /is not an array, and fileSystems \(data\) need one mount target per subnet/,
            },
            {
                title: "rejects a VPC without private subnets when there is a file system",
                args: args({ vpc: { vpcId: "vpc-1" } as any }),
                issue: /is required/,
            },
            { title: "rejects an empty subnet list with a file system", args: args({ vpc: { vpcId: "vpc-1", privateSubnetIds: [] } }), issue: /is empty/ },
        ];
        for (const c of cases) {
            it(c.title, () => {
                const issues = checkMountableSubnets(c.args);
                if (!c.issue) return assert.deepEqual(issues, []);
                assert.equal(issues.length, 1, JSON.stringify(issues));
                assert.equal(issues[0].path, "vpc.privateSubnetIds");
                assert.match(issues[0].message, c.issue);
            });
        }
    });

    describe("createFileSystems", () => {
        it("creates an encrypted, general-purpose file system with elastic throughput, named and tagged", async () => {
            const { registry } = await build(() => createFileSystems(testCtx("web", args({ tags: { team: "a" } }))));
            const fs = registry.one(FS, "web-data-efs");
            assert.equal(fs.inputs.encrypted, true);
            assert.equal(fs.inputs.performanceMode, "generalPurpose");
            assert.equal(fs.inputs.throughputMode, "elastic");
            assert.equal(fs.inputs.tags.Name, "web-data-efs");
            assert.equal(fs.inputs.tags.team, "a");
            assert.equal(fs.inputs.tags["aws-platform:component"], "ContainerService/web");
            assert.equal(fs.parent, registry.one(TestParent.type).urn);
        });

        it("moves files to Infrequent Access after the configured age and back on first access", async () => {
            const { registry } = await build(() => createFileSystems(testCtx("web", args())));
            assert.deepEqual(registry.one(FS).inputs.lifecyclePolicies, [
                { transitionToIa: "AFTER_30_DAYS" },
                { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
            ]);
        });

        it("keeps files in primary storage with transitionToIA NONE", async () => {
            const { registry } = await build(() => createFileSystems(testCtx("web", args({ fileSystems: { data: { transitionToIA: "NONE" } } }))));
            assert.deepEqual(registry.one(FS).inputs.lifecyclePolicies, [{ transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }]);
        });

        it("protects the file system, and only it, when dataOpts protect", async () => {
            const { registry } = await build(() => createFileSystems(testCtx("web", args(), { protect: true })));
            assert.equal(registry.one(FS).protect, true);
            const others = registry.all().filter((r) => r.type !== FS && r.type !== TestParent.type);
            assert.ok(others.length > 0);
            for (const r of others) assert.equal(r.protect, false, r.name);
        });

        it("leaves the file system unprotected when dataOpts has no protect", async () => {
            const { registry } = await build(() => createFileSystems(testCtx("web", args())));
            assert.equal(registry.one(FS).protect, false);
        });

        it("creates one mount target per private subnet, in the EFS security group", async () => {
            const { registry } = await build(() => createFileSystems(testCtx("web", args())));
            const fs = registry.one(FS);
            const sg = registry.one("aws:ec2/securityGroup:SecurityGroup", "web-data-efs-sg");
            const targets = registry.ofType("aws:efs/mountTarget:MountTarget");
            assert.deepEqual(
                targets.map((t) => t.name),
                ["web-data-efs-mount-target-0", "web-data-efs-mount-target-1"],
            );
            assert.deepEqual(
                targets.map((t) => t.inputs.subnetId),
                VPC.privateSubnetIds,
            );
            for (const t of targets) {
                assert.equal(t.inputs.fileSystemId, fs.id);
                assert.deepEqual(t.inputs.securityGroups, [sg.id]);
            }
        });

        it("gives the EFS security group no ingress of its own, in the component's VPC", async () => {
            const { registry } = await build(() => createFileSystems(testCtx("web", args())));
            const sg = registry.one("aws:ec2/securityGroup:SecurityGroup", "web-data-efs-sg");
            assert.equal(sg.inputs.vpcId, VPC.vpcId);
            assert.deepEqual(sg.inputs.ingress ?? [], []);
            assert.equal(registry.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").length, 0);
        });

        it("enables AWS Backup by default", async () => {
            const { registry } = await build(() => createFileSystems(testCtx("web", args())));
            const backup = registry.one("aws:efs/backupPolicy:BackupPolicy", "web-data-efs-backup");
            assert.deepEqual(backup.inputs.backupPolicy, { status: "ENABLED" });
            assert.equal(backup.inputs.fileSystemId, registry.one(FS).id);
        });

        it("disables AWS Backup with backup false", async () => {
            const { registry } = await build(() => createFileSystems(testCtx("web", args({ fileSystems: { data: { backup: false } } }))));
            assert.deepEqual(registry.one("aws:efs/backupPolicy:BackupPolicy").inputs.backupPolicy, { status: "DISABLED" });
        });

        it("denies every access to the file system without TLS", async () => {
            const { registry } = await build(() => createFileSystems(testCtx("web", args())));
            const fs = registry.one(FS);
            const policy = json(registry.one("aws:efs/fileSystemPolicy:FileSystemPolicy", "web-data-efs-policy").inputs.policy);
            assert.equal(policy.Version, "2012-10-17");
            const deny = policy.Statement.filter((s: any) => s.Effect === "Deny");
            assert.equal(deny.length, 1);
            assert.deepEqual(deny[0].Principal, { AWS: "*" });
            assert.equal(deny[0].Action, "*");
            assert.equal(deny[0].Resource, fs.outputs.arn);
            assert.deepEqual(deny[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
        });

        it("allows only mount and write, only to this account, only through mount targets and access points", async () => {
            const { registry } = await build(() => createFileSystems(testCtx("web", args())));
            const policy = json(registry.one("aws:efs/fileSystemPolicy:FileSystemPolicy").inputs.policy);
            const allow = policy.Statement.filter((s: any) => s.Effect === "Allow");
            assert.equal(allow.length, 1);
            assert.deepEqual(allow[0].Principal, { AWS: "arn:aws:iam::123456789012:root" });
            assert.deepEqual(allow[0].Action, ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);
            assert.equal(allow[0].Condition.Bool["elasticfilesystem:AccessedViaMountTarget"], "true");
            assert.equal(allow[0].Condition.Null["elasticfilesystem:AccessPointArn"], "false");
            assert.ok(!JSON.stringify(policy).includes("ClientRootAccess"));
        });

        it("creates nothing without fileSystems", async () => {
            const { registry, result } = await build(() => createFileSystems(testCtx("web", { vpc: VPC })));
            assert.deepEqual(result, {});
            assert.deepEqual(registry.inventory(), [`${TestParent.type}::web`]);
        });

        it("refuses subnets given as an Output, before creating any EFS resource", async () => {
            const { error, registry } = await buildFails(() =>
                createFileSystems(testCtx("web", args({ vpc: { vpcId: "vpc-1", privateSubnetIds: pulumi.output(VPC.privateSubnetIds) } }))),
            );
            assert.ok(error instanceof ArgsError);
            assert.match(error.message, /^ContainerService "web": vpc.privateSubnetIds="\(an Output\)" is not an array/);
            assert.deepEqual(registry.inventory(), [`${TestParent.type}::web`]);
        });
    });

    describe("createAccessPoint", () => {
        it("enforces the volume's POSIX user and confines it to its root directory, created with mode 750", async () => {
            const { registry } = await build(() => {
                const ctx = testCtx("web", args());
                const fs = createFileSystems(ctx).data;
                return createAccessPoint(
                    ctx,
                    "api",
                    "uploads",
                    {
                        fileSystem: "data",
                        containerPath: "/srv/uploads",
                        containers: ["api"],
                        readOnly: false,
                        rootDirectory: "/api/uploads",
                        uid: 1001,
                        gid: 1002,
                    },
                    fs,
                );
            });
            const ap = registry.one("aws:efs/accessPoint:AccessPoint", "web-api-uploads-ap");
            assert.equal(ap.inputs.fileSystemId, registry.one(FS).id);
            assert.deepEqual(ap.inputs.posixUser, { uid: 1001, gid: 1002 });
            assert.deepEqual(ap.inputs.rootDirectory, { path: "/api/uploads", creationInfo: { ownerUid: 1001, ownerGid: 1002, permissions: "750" } });
            assert.equal(ap.inputs.tags.Name, "web-api-uploads-ap");
        });
    });

    describe("allowMount", () => {
        it("opens only TCP 2049 on the EFS security group, only from the given security group", async () => {
            const { registry } = await build(() => {
                const ctx = testCtx("web", args());
                const fs = createFileSystems(ctx).data;
                return allowMount(ctx, "api", "data", fs, "sg-0123456789abcdef0");
            });
            const rules = registry.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
            assert.equal(rules.length, 1);
            const rule = rules[0];
            assert.equal(rule.name, "web-api-data-efs-ingress");
            assert.equal(rule.inputs.securityGroupId, registry.one("aws:ec2/securityGroup:SecurityGroup", "web-data-efs-sg").id);
            assert.equal(rule.inputs.referencedSecurityGroupId, "sg-0123456789abcdef0");
            assert.equal(rule.inputs.ipProtocol, "tcp");
            assert.equal(rule.inputs.fromPort, 2049);
            assert.equal(rule.inputs.toPort, 2049);
            assert.equal(rule.inputs.cidrIpv4, undefined);
            assert.match(rule.inputs.description, /web-api/);
        });
    });

    describe("efsStatements", () => {
        const FS_ARN = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1";
        const AP_ARN = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1";

        it("grants mount and write on the file system only through the given access point", () => {
            assert.deepEqual(efsStatements(FS_ARN, AP_ARN, false), [
                {
                    Effect: "Allow",
                    Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                    Resource: FS_ARN,
                    Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": AP_ARN } },
                },
            ]);
        });

        it("grants only mount for a read-only volume", () => {
            const [s] = efsStatements(FS_ARN, AP_ARN, true);
            assert.deepEqual(s.Action, ["elasticfilesystem:ClientMount"]);
        });
    });
});
