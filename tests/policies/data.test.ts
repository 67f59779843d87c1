import * as assert from "node:assert";
import { checkPolicies, policyResource } from "../../components/policies";
import { DATA_RULES } from "../../components/policies/rules/data";

const prod = (type: string, name: string, inputs: Record<string, any>, protect = true) => policyResource(type, name, inputs, { stack: "prod", protect });

async function findings(...resources: ReturnType<typeof policyResource>[]) {
    const r = await checkPolicies(resources, { rules: DATA_RULES });
    return r.violations.map((v) => ({ policy: v.policy, name: v.name, message: v.message.split("\n")[1] }));
}

describe("policies: data protection in production", () => {
    it("cites only cdk-nag rules about deletion protection (RDS10), not Cognito's password policy (COG1)", () => {
        assert.deepStrictEqual(DATA_RULES.find((r) => r.name === "data-protect-stateful-prod")?.control.cdkNag, ["AwsSolutions-RDS10"]);
    });

    it("reports an unprotected prod table and its deletion protection off, both on the table", async () => {
        const f = await findings(prod("aws:dynamodb/table:Table", "tags", { deletionProtectionEnabled: false }, false));
        assert.deepStrictEqual(f, [
            {
                policy: "data-protect-stateful-prod",
                name: "tags",
                message: "opts.protect is false; protect the resource (protect and retainOnDelete, e.g. protectData: true).",
            },
            { policy: "data-protect-stateful-prod", name: "tags", message: "deletionProtectionEnabled is false; set it to true." },
        ]);
    });

    it("reports the service guards: bucket forceDestroy, ECR forceDelete, Aurora and Cognito deletion protection, a Delete StorageClass", async () => {
        const f = await findings(
            prod("aws:s3/bucket:Bucket", "bucket", { forceDestroy: true }),
            prod("aws:ecr/repository:Repository", "repo", { forceDelete: true }),
            prod("aws:rds/cluster:Cluster", "db", {}),
            prod("aws:cognito/userPool:UserPool", "users", { deletionProtection: "INACTIVE" }),
            prod("kubernetes:storage.k8s.io/v1:StorageClass", "gp3", { provisioner: "ebs.csi.aws.com" }, false),
            prod("eks:index:Cluster", "cluster", { deletionProtection: false }, false),
        );
        assert.deepStrictEqual(
            f.map((x) => `${x.name}: ${x.message.split(";")[0]}`).sort(),
            [
                "bucket: forceDestroy is true (destroy empties the bucket and deletes it)",
                "repo: forceDelete is true (destroy deletes the images with the repository)",
                "db: deletionProtection is undefined",
                'users: deletionProtection is "INACTIVE"',
                "gp3: reclaimPolicy is undefined (absent = Delete: the volume goes with its claim)",
                "cluster: deletionProtection is false",
            ].sort(),
        );
    });

    it("reports an unprotected KMS key, EFS file system and Kinesis stream (protect is their only guard)", async () => {
        const f = await findings(
            prod("aws:kms/key:Key", "key", {}, false),
            prod("aws:efs/fileSystem:FileSystem", "efs", {}, false),
            prod("aws:kinesis/stream:Stream", "stream", {}, false),
        );
        assert.deepStrictEqual(f.map((x) => x.name).sort(), ["efs", "key", "stream"]);
    });

    it("passes protected resources with their guards on", async () => {
        const f = await findings(
            prod("aws:dynamodb/table:Table", "items", { deletionProtectionEnabled: true }),
            prod("aws:s3/bucket:Bucket", "data", { forceDestroy: false }),
            prod("aws:cognito/userPool:UserPool", "users", { deletionProtection: "ACTIVE" }),
            prod("aws:kms/key:Key", "key", {}),
            prod("kubernetes:storage.k8s.io/v1:StorageClass", "gp3", { reclaimPolicy: "Retain" }, false),
            prod("aws:sqs/queue:Queue", "queue", {}, false),
        );
        assert.deepStrictEqual(f, []);
    });

    it("does not apply outside production stacks: dev tables may be unprotected and deletable", async () => {
        const r = await checkPolicies([policyResource("aws:dynamodb/table:Table", "t", { deletionProtectionEnabled: false }, { stack: "dev" })], {
            rules: DATA_RULES,
        });
        assert.deepStrictEqual(r.violations, []);
        assert.deepStrictEqual(
            r.notApplicable.map((n) => n.reason),
            ["applies to production stacks only"],
        );
    });

    it("is not applicable to a prod stack without stateful types", async () => {
        const r = await checkPolicies([prod("aws:sqs/queue:Queue", "q", {}, false)], { rules: DATA_RULES });
        assert.deepStrictEqual(r.violations, []);
        assert.match(r.notApplicable[0].reason, /^applies to aws:dynamodb\/table:Table, /);
    });
});
