/**
 * An orders table's data protection, through the public API, as prod would run it: point-in-time
 * recovery (35 days), a weekly full export to a bucket of its own with the on-demand command as a
 * stack output, and AWS Backup with a daily rule copied to eu-west-1 and a monthly rule in cold storage,
 * everything kept with `protectData`; a second table is seeded from S3 at creation.
 */
import { Table, TableBackups } from "../../components";

export function program() {
    const orders = new Table("orders", {
        attributes: { pk: "S", sk: "S" },
        partitionKey: "pk",
        sortKey: "sk",
        pointInTimeRecovery: true,
        deletionProtection: true,
        protectData: true,
        export: { schedule: "cron(0 2 ? * SUN *)" },
    });
    const catalog = new Table("catalog", {
        attributes: { sku: "S" },
        partitionKey: "sku",
        pointInTimeRecovery: true,
        importFrom: { bucketName: "catalog-seed-2026", keyPrefix: "v1/", format: "DYNAMODB_JSON", compression: "GZIP" },
    });
    const backups = new TableBackups("data-backups", {
        tables: [orders, catalog],
        rules: {
            daily: { schedule: "cron(0 5 ? * * *)", deleteAfterDays: 35, copies: [{ region: "eu-west-1" }] },
            monthly: { schedule: "cron(0 5 1 * ? *)", coldStorageAfterDays: 30, deleteAfterDays: 365 },
        },
        protectData: true,
    });
    return { exportCommand: orders.exportCommand!, exportBucket: orders.exportBucketName!, vaultArn: backups.vaultArn };
}
