import type * as pulumi from "@pulumi/pulumi";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as iam from "@pulumi/aws/iam";
import type * as rds from "@pulumi/aws/rds";
import type * as vpc from "@pulumi/aws/vpc";
import type { Transform } from "../shared/transform";

/** A Secrets Manager secret holding `username` and `password` of one database user the proxy logs in as. */
export interface DatabaseProxySecretArgs {
    /** The secret's ARN (`arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6>`). */
    arn: pulumi.Input<string>;
    /**
     * The customer managed key that encrypts the secret: the proxy's role may decrypt with it, through
     * Secrets Manager only. Leave unset for the AWS managed key `aws/secretsmanager`, which Secrets
     * Manager uses for any principal of the account allowed to read the secret.
     * @default - the secret uses aws/secretsmanager
     */
    kmsKeyArn?: pulumi.Input<string>;
}

/** Where the proxy runs: its VPC and two or more private subnets in different Availability Zones. */
export interface DatabaseProxyVpcArgs {
    vpcId: pulumi.Input<string>;
    /** Private subnets in at least two Availability Zones (RDS Proxy refuses fewer: rds-proxy-network-prereqs). */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
}

/** Settings of a proxy a bigger component (Database) creates for you: everything but what it knows itself. */
export interface DatabaseProxyOptions {
    /**
     * Seconds a client connection may stay idle before the proxy closes it: 1 to 28800 (8 hours).
     * @default 1800
     */
    idleClientTimeoutSeconds?: number;
    /**
     * Most connections the proxy opens to the database, in percent of its `max_connections`: 1 to 100.
     * Leave room when something else (migrations, a console) connects directly.
     * @default 100
     */
    maxConnectionsPercent?: number;
    /**
     * Logs the SQL statements through the proxy to CloudWatch: for troubleshooting only (it may log
     * sensitive data and adds overhead).
     * @default false
     */
    debugLogging?: boolean;
}

/**
 * Change a child's args (see `Transform`): `proxy` (the RDS Proxy), `targetGroup` (its default target
 * group), `target` (the registration of the cluster), `role` (the role the proxy reads secrets with),
 * `securityGroup` (the proxy's), `clientSecurityGroup` (the group clients attach), `rule` (every
 * security group rule the component creates).
 */
export interface DatabaseProxyTransforms {
    proxy?: Transform<rds.ProxyArgs>;
    targetGroup?: Transform<rds.ProxyDefaultTargetGroupArgs>;
    target?: Transform<rds.ProxyTargetArgs>;
    role?: Transform<iam.RoleArgs>;
    securityGroup?: Transform<ec2.SecurityGroupArgs>;
    clientSecurityGroup?: Transform<ec2.SecurityGroupArgs>;
    rule?: Transform<vpc.SecurityGroupIngressRuleArgs | vpc.SecurityGroupEgressRuleArgs>;
}

export interface DatabaseProxyArgs extends DatabaseProxyOptions {
    /** The engine family of the target: decides the port clients connect to (5432 or 3306). */
    engineFamily: "POSTGRESQL" | "MYSQL";
    /**
     * The Aurora cluster the proxy connects to (its writer; readers through a read-only proxy endpoint you add).
     * Register it once the cluster has an instance, or the target never becomes available.
     * @example { clusterIdentifier: cluster.clusterIdentifier }
     */
    target: { clusterIdentifier: pulumi.Input<string> };
    /**
     * The users the proxy logs in as, one secret each (at most 200). Clients authenticate to the proxy
     * with IAM only, as one of these users; the proxy then logs in to the database with the secret.
     * @example [{ arn: cluster.masterUserSecrets[0].secretArn, kmsKeyArn: key.arn }]
     */
    secrets: DatabaseProxySecretArgs[];
    /** @example { vpcId: network.vpcId, subnetIds: network.privateSubnetIds } */
    vpc: DatabaseProxyVpcArgs;
    /** The database's security group: the component lets the proxy in on `port`. */
    targetSecurityGroupId: pulumi.Input<string>;
    /** The port the database listens on (the proxy's own port is the engine's: 5432 or 3306). */
    port: number;
    /**
     * Security groups of clients admitted to the proxy (on its port only), besides the component's own
     * `clientSecurityGroupId`, which needs no entry here; each once (EC2 refuses a second, identical ingress rule).
     * @default []
     * @example [service.securityGroupId]
     */
    allowFrom?: pulumi.Input<string>[];
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `DatabaseProxyTransforms`).
     * @default {}
     * @example { targetGroup: { connectionPoolConfig: { maxConnectionsPercent: 90, connectionBorrowTimeout: 30 } } }
     */
    transform?: DatabaseProxyTransforms;
}
