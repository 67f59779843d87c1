import * as assert from "node:assert";
import * as k8s from "@pulumi/kubernetes";
import { buildStorage, storageClassSchemaIssues } from "./storage-ctx";

const ALL = {
    efs: { enabled: true },
    fsxLustre: { enabled: true },
    ontap: { enabled: true, svmAdminPassword: "Vsadmin-Pass1", routeTableIds: ["rtb-0123456789abcdef0"] },
};

describe("createStorage", () => {
    it("makes only the EBS driver and the gp3 class by default", async () => {
        const { registry, result } = await buildStorage({});
        assert.deepEqual(Object.keys(result.classes), ["gp3"]);
        assert.deepEqual(
            registry.ofType("aws:eks/addon:Addon").map((a) => a.inputs.addonName),
            ["aws-ebs-csi-driver"],
        );
        assert.equal(registry.ofType("aws:efs/fileSystem:FileSystem").length, 0);
    });

    it("makes nothing with every backend off", async () => {
        const { registry, result } = await buildStorage({ ebs: { enabled: false } });
        assert.deepEqual(result.classes, {});
        assert.deepEqual(result.children, {});
        assert.deepEqual(
            registry.all().map((r) => r.type),
            ["aws-platform:test:Parent", "pulumi:providers:kubernetes"],
        );
    });

    it("returns each class by name with its provisioner, for KubernetesTarget.storageClasses", async () => {
        const { result } = await buildStorage(ALL);
        assert.deepEqual(Object.fromEntries(Object.entries(result.classes).map(([name, c]) => [name, c.provisioner])), {
            gp3: "ebs.csi.aws.com",
            efs: "efs.csi.aws.com",
            "fsx-lustre": "fsx.csi.aws.com",
            "fsx-ontap": "csi.trident.netapp.io",
        });
        for (const c of Object.values(result.classes)) assert.ok(c.storageClass instanceof k8s.storage.v1.StorageClass);
    });

    it("keys the classes by the names the arguments give", async () => {
        const { result } = await buildStorage({ ebs: { className: "fast" }, efs: { enabled: true, className: "shared" } });
        assert.deepEqual(Object.keys(result.classes), ["fast", "shared"]);
    });

    it("exposes every add-on, file system and security group among the children", async () => {
        const { result } = await buildStorage(ALL);
        for (const key of [
            "ebsAddon",
            "efsAddon",
            "fsxLustreAddon",
            "tridentAddon",
            "efsFileSystem",
            "efsSecurityGroup",
            "fsxLustreSecurityGroup",
            "ontapFileSystem",
            "ontapSvm",
            "tridentBackend",
        ]) {
            assert.ok(key in result.children, key);
        }
    });

    it("merges an object transform over a child's args (the EFS file system)", async () => {
        const { registry } = await buildStorage({ efs: { enabled: true }, transform: { efsFileSystem: { performanceMode: "maxIO" } } });
        registry.hasInputs("aws:efs/fileSystem:FileSystem", "main-efs", { performanceMode: "maxIO", encrypted: true });
    });

    it("gives a function transform the child's args and name (the gp3 class)", async () => {
        const seen: string[] = [];
        const { registry } = await buildStorage({
            transform: {
                ebsClass: (args, _opts, name) => {
                    seen.push(name);
                    return { ...args, mountOptions: ["noatime"] };
                },
            },
        });
        assert.deepEqual(seen, ["main-storage-class-gp3"]);
        registry.hasInputs("kubernetes:storage.k8s.io/v1:StorageClass", "main-storage-class-gp3", {
            mountOptions: ["noatime"],
            provisioner: "ebs.csi.aws.com",
        });
    });

    it("reaches each add-on, security group and ONTAP child by its own key", async () => {
        const tag = { tags: { touched: "yes" } };
        const { registry } = await buildStorage({
            ...ALL,
            transform: { fsxLustreAddon: tag, tridentAddon: tag, ontapSecurityGroup: tag, ontapFileSystem: tag, ontapSvm: tag },
        });
        const touched = registry
            .all()
            .filter((r) => r.inputs.tags?.touched === "yes")
            .map((r) => r.name)
            .sort();
        assert.deepEqual(touched, ["main-fsx-csi", "main-ontap", "main-ontap-sg", "main-ontap-svm", "main-trident"]);
    });

    it("applies the one reclaim policy to every class", async () => {
        const { registry } = await buildStorage({ ...ALL, reclaimPolicy: "Retain" });
        const policies = registry.ofType("kubernetes:storage.k8s.io/v1:StorageClass").map((c) => c.inputs.reclaimPolicy);
        assert.deepEqual(policies, ["Retain", "Retain", "Retain", "Retain"]);
    });

    it("makes exactly one default class", async () => {
        const { registry } = await buildStorage(ALL);
        const defaults = registry
            .ofType("kubernetes:storage.k8s.io/v1:StorageClass")
            .filter((c) => c.inputs.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true");
        assert.deepEqual(
            defaults.map((c) => c.inputs.metadata.name),
            ["gp3"],
        );
    });

    it("describes security groups and their rules only with the characters EC2 accepts", async () => {
        // EC2: a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (AuthorizeSecurityGroupIngress, CreateSecurityGroup).
        const { registry } = await buildStorage(ALL);
        const types = [
            "aws:ec2/securityGroup:SecurityGroup",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        ];
        const described = registry.all().filter((r) => types.includes(r.type));
        assert.ok(described.length > 10);
        for (const r of described) assert.match(r.inputs.description, /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/, r.name);
    });

    it("renders every StorageClass so the Kubernetes API schema accepts it", async () => {
        const { registry } = await buildStorage(ALL);
        assert.equal(registry.ofType("kubernetes:storage.k8s.io/v1:StorageClass").length, 4);
        assert.deepEqual(storageClassSchemaIssues(registry), []);
    });
});
