import type * as pulumi from "@pulumi/pulumi";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as kms from "@pulumi/aws/kms";
import type * as rds from "@pulumi/aws/rds";
import type * as vpc from "@pulumi/aws/vpc";
import type { DatabaseProxyOptions, DatabaseProxyTransforms } from "../database-proxy/args";
import type { Transform } from "../shared/transform";

/** Aurora Serverless v2 capacity, in Aurora capacity units (1 ACU ≈ 2 GiB of memory with its CPU). */
export interface DatabaseCapacityArgs {
    /**
     * Fewest ACUs each instance keeps: 0 to 256 in steps of 0.5. `0` lets idle instances pause
     * (auto-pause: engine 16.3 or later, and no proxy: RDS Proxy keeps connections open, so set
     * `proxy: false`); resuming takes up to 15 seconds.
     * @default 0.5
     */
    minAcu?: number;
    /**
     * Most ACUs each instance scales to: 1 to 256 in steps of 0.5, at least `minAcu`. 256 only on recent engine and
     * platform versions, 128 on older ones (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ServerlessV2ScalingConfiguration.html):
     * RDS refuses more than the cluster's version allows.
     * @default 4
     */
    maxAcu?: number;
    /**
     * With `minAcu: 0` only: seconds without connections before an instance pauses, 300 to 86400.
     * @default - 300 when minAcu is 0 (AWS's default), otherwise unset
     */
    autoPauseSeconds?: number;
}

/**
 * Change a child's args (see `Transform`): `key` (the KMS key the component creates), `subnetGroup`,
 * `securityGroup` (the cluster's), `logGroup` (the exported PostgreSQL log), `cluster`, `instance`
 * (the writer and every reader), and, when `proxy` is false, `clientSecurityGroup` and `rule` (the
 * rules of the direct path); with a proxy, `proxy` holds the transforms of the DatabaseProxy child
 * (see `DatabaseProxyTransforms`).
 */
export interface DatabaseTransforms {
    key?: Transform<kms.KeyArgs>;
    subnetGroup?: Transform<rds.SubnetGroupArgs>;
    securityGroup?: Transform<ec2.SecurityGroupArgs>;
    logGroup?: Transform<cloudwatch.LogGroupArgs>;
    cluster?: Transform<rds.ClusterArgs>;
    instance?: Transform<rds.ClusterInstanceArgs>;
    clientSecurityGroup?: Transform<ec2.SecurityGroupArgs>;
    rule?: Transform<vpc.SecurityGroupIngressRuleArgs | vpc.SecurityGroupEgressRuleArgs>;
    proxy?: DatabaseProxyTransforms;
}

export interface DatabaseArgs {
    /**
     * Where the cluster (and its proxy) run: private subnets in two or more Availability Zones (a DB
     * subnet group and RDS Proxy both need two zones).
     * @example { vpcId: network.vpcId, subnetIds: network.privateSubnetIds }
     */
    vpc: { vpcId: pulumi.Input<string>; subnetIds: pulumi.Input<pulumi.Input<string>[]> };
    /**
     * The aurora-postgresql engine version, major.minor. Changing it is an upgrade AWS runs in place (a major version
     * with downtime), in the next maintenance window: until then `pulumi up` keeps asking for it (`transform.cluster`
     * `applyImmediately: true` runs it at once). Instances never upgrade by themselves, but AWS upgrades a minor
     * version that reaches its end of standard support (Aurora.VersionPolicy); then set this to the version the
     * cluster runs, or the next `up` asks RDS for a downgrade, which it refuses.
     * @default "16.10"
     */
    engineVersion?: string;
    /**
     * The database created with the cluster: a PostgreSQL identifier (1–63 of letters, digits, `_`, a letter first).
     * Create-only: changing it replaces the cluster with a new, empty one (refused by `protect` with `protectData`).
     * @default "app"
     */
    databaseName?: string;
    /**
     * The master user. Its password is generated, stored and rotated by RDS in Secrets Manager (`secretArn`);
     * the proxy logs in with it. Not a PostgreSQL reserved word, not `rdsadmin`/`admin`, not starting with `pg_` or `rds`.
     * Create-only: changing it replaces the cluster with a new, empty one (refused by `protect` with `protectData`):
     * a cluster created with an earlier default keeps it by setting `masterUsername: "postgres"`.
     * @default "dbadmin"
     */
    masterUsername?: string;
    /**
     * Serverless v2 scaling of every instance.
     * @default {}
     * @example { minAcu: 0.5, maxAcu: 16 }
     */
    capacity?: DatabaseCapacityArgs;
    /**
     * Reader instances besides the writer, 0 to 15: one or more for production (a failover target). RDS places each
     * in a zone of the subnet group it chooses ("a random, system-chosen Availability Zone": CreateDBInstance), which
     * may be the writer's; pin zones with `transform.instance` (`availabilityZone`, create-only). With `protectData`
     * the instances are protected: lowering `readers` is refused until the removed reader is unprotected, and being
     * retained (`retainOnDelete`) it then keeps running, and billing, in the cluster: delete it in RDS.
     * @default 0
     */
    readers?: number;
    /** Days of automated backups (point-in-time restore), 1 to 35. @default 7 */
    backupRetentionDays?: number;
    /** RDS refuses to delete the cluster while this is on. @default false */
    deletionProtection?: boolean;
    /**
     * Pulumi-side protection of the data: the cluster, its instances and its key get `protect` and
     * `retainOnDelete` (its subnet group, security group and log group `retainOnDelete`, as the retained
     * cluster still uses them): a destroy leaves them in AWS, and a stack recreated under the same names then
     * collides with them. The final snapshot `<cluster identifier>-final` is taken only if the cluster is deleted
     * through Pulumi after `retainOnDelete` is removed; RDS refuses a second snapshot of that name, so delete or
     * rename the old one first. Without it, deleting the cluster takes no snapshot (suits dev).
     * @default false
     */
    protectData?: boolean;
    /**
     * The customer managed key that encrypts storage and the master user secret. Create-only for storage:
     * changing it replaces the cluster with a new, empty one (refused by `protect` with `protectData`).
     * @default - a key of its own, rotated yearly
     */
    kmsKeyArn?: pulumi.Input<string>;
    /** Days CloudWatch Logs keeps the exported PostgreSQL log. @default 30 */
    logRetentionDays?: number;
    /**
     * The RDS Proxy clients connect through (IAM authentication required, TLS only), or `false` to
     * connect to the cluster directly (then with IAM database authentication).
     * @default {}
     * @example { idleClientTimeoutSeconds: 900, maxConnectionsPercent: 90 }
     */
    proxy?: false | DatabaseProxyOptions;
    /**
     * Security groups of clients admitted on the database port (to the proxy, or to the cluster when
     * `proxy` is false), besides the component's own `clientSecurityGroupId`; each once (EC2 refuses a
     * second, identical ingress rule).
     * @default []
     * @example [service.securityGroupId]
     */
    allowFrom?: pulumi.Input<string>[];
    /** Tags for every resource of the component (and of snapshots: `copyTagsToSnapshot`). @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `DatabaseTransforms`).
     * @default {}
     * @example { cluster: { preferredMaintenanceWindow: "sun:03:00-sun:04:00" }, proxy: { proxy: { debugLogging: true } } }
     */
    transform?: DatabaseTransforms;
}
