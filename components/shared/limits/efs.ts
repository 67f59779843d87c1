/**
 * EFS values as AWS defines them. Pure data: no Pulumi.
 */

/**
 * `LifecyclePolicy.TransitionToIA`: how long a file goes unread before it moves to Infrequent Access
 * (https://docs.aws.amazon.com/efs/latest/ug/API_LifecyclePolicy.html; the provider validates against
 * the same enum, `TransitionToIARules_Values()`, in terraform-provider-aws `efs/file_system.go`).
 * `NONE` is ours: no transition policy at all, so every file stays in Standard.
 */
export const EFS_TRANSITIONS = [
    "AFTER_1_DAY",
    "AFTER_7_DAYS",
    "AFTER_14_DAYS",
    "AFTER_30_DAYS",
    "AFTER_60_DAYS",
    "AFTER_90_DAYS",
    "AFTER_180_DAYS",
    "AFTER_270_DAYS",
    "AFTER_365_DAYS",
    "NONE",
] as const;

/** A value of {@link EFS_TRANSITIONS}. */
export type EfsTransition = (typeof EFS_TRANSITIONS)[number];

/** NFS: the only port an EFS mount target listens on. */
export const NFS_PORT = 2049;
