import * as assert from "node:assert";
import { Table } from "../../../components/table";
import { KEY_DELETION_WINDOW_DAYS, TableBackups } from "../../../components/table-backups/table-backups";
import { NAME_RULES } from "../../../components/shared/limits/names";
import { nameProblems } from "../../../components/shared/naming";
import { Registry, build, buildFails, unwrap } from "../../../components/testing";
import { BACKUP_FIXTURES } from "./fixtures";

const VAULT = "aws:backup/vault:Vault";
const PLAN = "aws:backup/plan:Plan";
const SELECTION = "aws:backup/selection:Selection";
const KEY = "aws:kms/key:Key";
const ROLE = "aws:iam/role:Role";
const OTHER_TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/legacy";

describe("TableBackups", () => {
    describe("the defaults, for a Table and a table ARN", () => {
        let registry: Registry;
        let result: TableBackups;
        before(async () => {
            ({ registry, result } = await build(
                () => {
                    const orders = new Table("orders", { attributes: { pk: "S" }, partitionKey: "pk", pointInTimeRecovery: true });
                    return new TableBackups("orders-backups", { tables: [orders], tableArns: [OTHER_TABLE] });
                },
                { fixtures: BACKUP_FIXTURES },
            ));
        });

        it("creates one key, vault, plan, selection and role, and no copy vault", () => {
            const counts = registry.countByType();
            assert.deepEqual([counts[KEY], counts[VAULT], counts[PLAN], counts[SELECTION], counts[ROLE]], [1, 1, 1, 1, 1]);
        });

        it("encrypts the vault with its own key, rotated and deleted only after 30 days", () => {
            const key = registry.one(KEY);
            registry.hasInputs(KEY, "orders-backups-key", { enableKeyRotation: true, deletionWindowInDays: KEY_DELETION_WINDOW_DAYS });
            registry.hasInputs(VAULT, "orders-backups-vault", { kmsKeyArn: key.outputs.arn, forceDestroy: undefined });
        });

        it("lets the account administer the key and the backup role create grants for AWS resources only", () => {
            const role = registry.one(ROLE);
            registry.hasInputs(KEY, undefined, {
                policy: {
                    Statement: [
                        { Sid: "EnableAccountAdministration", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*" },
                        {
                            Sid: "AllowBackupRoleGrants",
                            Principal: { AWS: role.outputs.arn },
                            Action: ["kms:CreateGrant", "kms:DescribeKey"],
                            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
                        },
                    ],
                },
            });
        });

        it("backs up daily for 35 days and monthly for a year, cold after 30 days, into the vault", async () => {
            const vaultName = await unwrap(result.vaultName);
            const plan = registry.hasInputs(PLAN, "orders-backups-plan", {
                rules: [
                    {
                        ruleName: "daily",
                        targetVaultName: vaultName,
                        schedule: "cron(0 5 ? * * *)",
                        scheduleExpressionTimezone: "Etc/UTC",
                        startWindow: 60,
                        completionWindow: 180,
                        lifecycle: { deleteAfter: 35, coldStorageAfter: undefined },
                        copyActions: [],
                    },
                    {
                        ruleName: "monthly",
                        targetVaultName: vaultName,
                        schedule: "cron(0 5 1 * ? *)",
                        lifecycle: { deleteAfter: 365, coldStorageAfter: 30 },
                        copyActions: [],
                    },
                ],
            });
            assert.equal(plan.inputs.rules[0].enableContinuousBackup, undefined, "continuous backup is not for DynamoDB: PITR is the table's");
        });

        it("tags the recovery points like the component's resources", () => {
            const plan = registry.one(PLAN);
            assert.equal(plan.inputs.rules[0].recoveryPointTags["aws-platform:component"], "TableBackups/orders-backups");
        });

        it("selects exactly the Table's ARN and the given ARN, with the backup role, for the plan", () => {
            const table = registry.one("aws:dynamodb/table:Table");
            const role = registry.one(ROLE);
            registry.hasInputs(SELECTION, "orders-backups-selection", {
                planId: registry.one(PLAN).id,
                iamRoleArn: role.outputs.arn,
                resources: [table.outputs.arn, OTHER_TABLE],
            });
        });

        it("gives the role AWS Backup's trust and AWS's managed policies for backups and restores, nothing else", () => {
            const role = registry.one(ROLE);
            assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement, [
                { Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]);
            assert.deepEqual(registry.managedPoliciesOf(role).sort(), [
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
            ]);
            assert.deepEqual(registry.policiesOf(role), []);
        });

        it("outputs the vault, the plan and the role", async () => {
            const vault = registry.one(VAULT);
            assert.equal(await unwrap(result.vaultArn), vault.outputs.arn);
            assert.match(await unwrap(result.vaultArn), /^arn:aws:backup:us-east-1:123456789012:backup-vault:orders-backups-vault-[0-9a-f]{7}$/);
            assert.equal(await unwrap(result.planId), registry.one(PLAN).id);
            assert.match(await unwrap(result.planArn), /:backup-plan:/);
            assert.equal(await unwrap(result.roleArn), registry.one(ROLE).outputs.arn);
        });

        it("neither protects nor retains anything", () => {
            for (const r of registry.descendantsOf(registry.one(TableBackups.type)))
                assert.deepEqual([r.name, r.protect, r.retainOnDelete], [r.name, false, false]);
        });
    });

    describe("cross-region copies", () => {
        let registry: Registry;
        const DR = "arn:aws:backup:us-west-2:210987654321:backup-vault:dr";
        before(async () => {
            ({ registry } = await build(
                () =>
                    new TableBackups("orders-backups", {
                        tableArns: [OTHER_TABLE],
                        rules: {
                            daily: {
                                schedule: "cron(0 5 ? * * *)",
                                deleteAfterDays: 35,
                                copies: [{ region: "eu-west-1" }, { vaultArn: DR, deleteAfterDays: 7 }],
                            },
                            monthly: {
                                schedule: "cron(0 5 1 * ? *)",
                                coldStorageAfterDays: 30,
                                deleteAfterDays: 365,
                                copies: [{ region: "eu-west-1", deleteAfterDays: 730 }],
                            },
                        },
                    }),
                { fixtures: BACKUP_FIXTURES },
            ));
        });

        it("creates one vault and one key in each copy region, however many rules copy there", () => {
            const vault = registry.hasInputs(VAULT, "orders-backups-vault-eu-west-1", { region: "eu-west-1" });
            const key = registry.hasInputs(KEY, "orders-backups-key-eu-west-1", { region: "eu-west-1", enableKeyRotation: true });
            assert.equal(vault.inputs.kmsKeyArn, key.outputs.arn);
            assert.match(key.outputs.arn, /^arn:aws:kms:eu-west-1:/);
            assert.equal(registry.ofType(VAULT).length, 2);
        });

        it("copies each recovery point there with the rule's lifecycle, or the copy's own", () => {
            const euVault = registry.one(VAULT, "orders-backups-vault-eu-west-1").outputs.arn;
            assert.match(euVault, /^arn:aws:backup:eu-west-1:/);
            registry.hasInputs(PLAN, undefined, {
                rules: [
                    {
                        ruleName: "daily",
                        copyActions: [
                            { destinationVaultArn: euVault, lifecycle: { deleteAfter: 35, coldStorageAfter: undefined } },
                            { destinationVaultArn: DR, lifecycle: { deleteAfter: 7, coldStorageAfter: undefined } },
                        ],
                    },
                    { ruleName: "monthly", copyActions: [{ destinationVaultArn: euVault, lifecycle: { deleteAfter: 730, coldStorageAfter: 30 } }] },
                ],
            });
        });
    });

    describe("protectData", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await build(
                () =>
                    new TableBackups("orders-backups", {
                        tableArns: [OTHER_TABLE],
                        rules: { daily: { schedule: "cron(0 5 ? * * *)", deleteAfterDays: 35, copies: [{ region: "eu-west-1" }] } },
                        protectData: true,
                    }),
                { fixtures: BACKUP_FIXTURES },
            ));
        });

        it("protects and retains the vaults, their keys, the plan, the role and its attachments", () => {
            const kept = registry
                .all()
                .filter((r) => r.custom && r.protect && r.retainOnDelete)
                .map((r) => r.name)
                .sort();
            assert.deepEqual(kept, [
                "orders-backups-key",
                "orders-backups-key-eu-west-1",
                "orders-backups-plan",
                "orders-backups-role",
                "orders-backups-role-backup",
                "orders-backups-role-restores",
                "orders-backups-vault",
                "orders-backups-vault-eu-west-1",
            ]);
        });

        it("leaves the selection replaceable: each of its fields is create-only", () => {
            const selection = registry.one(SELECTION);
            assert.deepEqual([selection.protect, selection.retainOnDelete], [false, false]);
        });
    });

    it("refuses a table ARN of another region than the stack's, once the region is known", async () => {
        const { error } = await buildFails(() => new TableBackups("orders-backups", { tableArns: ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"] }), {
            fixtures: BACKUP_FIXTURES,
        });
        assert.match(
            String(error),
            /TableBackups "orders-backups": tableArns\[0\]="arn:aws:dynamodb:eu-west-1:123456789012:table\/orders" is a table in eu-west-1, not in the stack's region us-east-1/,
        );
    });

    it("refuses a table ARN of another account than the stack's, once the account is known", async () => {
        // The selection's role works in the stack's account: another account's table would be selected and never backed up.
        const { error } = await buildFails(() => new TableBackups("orders-backups", { tableArns: ["arn:aws:dynamodb:us-east-1:210987654321:table/orders"] }), {
            fixtures: BACKUP_FIXTURES,
        });
        assert.match(
            String(error),
            /TableBackups "orders-backups": tableArns\[0\]="arn:aws:dynamodb:us-east-1:210987654321:table\/orders" is a table of account 210987654321, not of the stack's account 123456789012/,
        );
    });

    it("uses the given vault key and creates none", async () => {
        const kmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const { registry } = await build(() => new TableBackups("orders-backups", { tableArns: [OTHER_TABLE], vault: { kmsKeyArn } }), {
            fixtures: BACKUP_FIXTURES,
        });
        assert.equal(registry.ofType(KEY).length, 0);
        registry.hasInputs(VAULT, undefined, { kmsKeyArn });
    });

    it("fits every backup name to AWS's 50 characters for a long component name", async () => {
        const long = "payments-platform-settlement-ledger-nightly-backups";
        const { registry } = await build(
            () =>
                new TableBackups(long, {
                    tableArns: [OTHER_TABLE],
                    rules: { daily: { schedule: "cron(0 5 ? * * *)", deleteAfterDays: 35, copies: [{ region: "ap-southeast-2" }] } },
                }),
            { fixtures: BACKUP_FIXTURES },
        );
        const named = [...registry.ofType(VAULT), ...registry.ofType(PLAN), ...registry.ofType(SELECTION)];
        assert.equal(named.length, 4);
        for (const r of named) {
            assert.ok(r.outputs.name.length <= NAME_RULES[r.type].max, `${r.type} ${r.outputs.name}`);
            assert.deepEqual(nameProblems(r.type, r.outputs.name), []);
        }
    });
});
