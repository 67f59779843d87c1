import * as assert from "node:assert";
import { build, unwrap } from "../../components/testing";
import { BACKUP_FIXTURES } from "../components/table-backups/fixtures";
import * as dataProtection from "./table-data-protection";

describe("scenarios", () => {
    it("table-data-protection: PITR, a weekly export, AWS Backup with a cross-region copy, and a table seeded from S3", async () => {
        const { registry, result } = await build(dataProtection.program, { fixtures: BACKUP_FIXTURES });
        const tables = registry.ofType("aws:dynamodb/table:Table");
        assert.deepEqual([...registry.one("aws:backup/selection:Selection").inputs.resources].sort(), tables.map((t) => t.outputs.arn).sort());
        assert.equal(registry.ofType("aws:backup/vault:Vault").length, 2);
        assert.equal(registry.ofType("aws:scheduler/schedule:Schedule").length, 1);
        assert.equal(registry.named("catalog-table")!.inputs.importTable.s3BucketSource.bucket, "catalog-seed-2026");
        assert.match(
            await unwrap(result.exportCommand),
            /^aws dynamodb export-table-to-point-in-time --table-arn arn:aws:dynamodb:us-east-1:123456789012:table\/orders-table-[0-9a-f]{7} --s3-bucket orders-export-bucket-[0-9a-f]{7} /,
        );
        assert.match(await unwrap(result.vaultArn), /:backup-vault:data-backups-vault-/);
        const kept = registry
            .all()
            .filter((r) => r.protect && r.retainOnDelete)
            .map((r) => r.type);
        for (const type of ["aws:dynamodb/table:Table", "aws:s3/bucket:Bucket", "aws:backup/vault:Vault", "aws:kms/key:Key", "aws:iam/role:Role"])
            assert.ok(kept.includes(type), `${type} is kept`);
    });
});
