export { TableBackups, TableBackupsResources, BACKUP_MANAGED_POLICIES } from "./table-backups";
export { TableBackupsArgs, BackupRuleArgs, BackupCopyArgs, BackupVaultArgs } from "./args";
export { DEFAULTS as TABLE_BACKUPS_DEFAULTS } from "./defaults";
