import * as assert from "node:assert";
import { createEfsFileSystem, type EfsFileSystemSpec } from "../../../components/shared/efs";
import { build } from "../../../components/testing";

const FS = "aws:efs/fileSystem:FileSystem";
const MT = "aws:efs/mountTarget:MountTarget";
const BACKUP = "aws:efs/backupPolicy:BackupPolicy";

const spec = (extra: Partial<EfsFileSystemSpec> = {}): EfsFileSystemSpec => ({
    name: "app-efs",
    throughputMode: "elastic",
    transitionToIA: "AFTER_1_DAY",
    backup: true,
    subnets: [
        ["us-east-1a", "subnet-a"],
        ["us-east-1b", "subnet-b"],
    ],
    securityGroupId: "sg-0123456789abcdef0",
    tags: { team: "a" },
    ...extra,
});

describe("createEfsFileSystem", () => {
    it("creates an encrypted file system that moves files to IA after the given age and back on first access", async () => {
        const { registry } = await build(() => createEfsFileSystem(spec(), {}, {}));
        registry.hasInputs(FS, "app-efs", {
            encrypted: true,
            performanceMode: "generalPurpose",
            throughputMode: "elastic",
            lifecyclePolicies: [{ transitionToIa: "AFTER_1_DAY" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
            tags: { team: "a", Name: "app-efs" },
        });
    });

    it("names one mount target per subnet by its key, each in the given security group", async () => {
        const { registry } = await build(() => createEfsFileSystem(spec(), {}, {}));
        const targets = registry.ofType(MT);
        assert.deepEqual(
            targets.map((t) => [t.name, t.inputs.subnetId, t.inputs.securityGroups]),
            [
                ["app-efs-mount-target-us-east-1a", "subnet-a", ["sg-0123456789abcdef0"]],
                ["app-efs-mount-target-us-east-1b", "subnet-b", ["sg-0123456789abcdef0"]],
            ],
        );
    });

    it("turns AWS Backup off with backup false", async () => {
        const { registry } = await build(() => createEfsFileSystem(spec({ backup: false }), {}, {}));
        registry.hasInputs(BACKUP, "app-efs-backup", { backupPolicy: { status: "DISABLED" } });
    });

    it("protects the file system, and not its backup policy or mount targets, with dataOpts", async () => {
        const { registry } = await build(() => createEfsFileSystem(spec(), {}, { protect: true }));
        assert.equal(registry.one(FS).protect, true);
        for (const r of [...registry.ofType(MT), ...registry.ofType(BACKUP)]) assert.equal(r.protect, false, r.name);
    });

    it("applies the transform to the file system", async () => {
        const { registry } = await build(() => createEfsFileSystem(spec(), {}, {}, { throughputMode: "bursting" }));
        registry.hasInputs(FS, "app-efs", { throughputMode: "bursting" });
    });
});
