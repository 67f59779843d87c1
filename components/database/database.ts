import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as kms from "@pulumi/aws/kms";
import * as rds from "@pulumi/aws/rds";
import * as vpc from "@pulumi/aws/vpc";
import { DatabaseProxy, checkDbUser, dbUserArn } from "../database-proxy/database-proxy";
import { ArgsError } from "../shared/errors";
import type { Statement } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { readyAfter } from "../shared/outputs";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import { stackSuffix } from "../shared/unique";
import type { DatabaseArgs } from "./args";
import { ResolvedDatabase, normalize } from "./defaults";
import { validate } from "./validate";

export interface DatabaseResources {
    /** The KMS key the component created (absent with `kmsKeyArn`). */
    key?: kms.Key;
    subnetGroup: rds.SubnetGroup;
    /** The cluster's security group: it admits the proxy (or, without one, the clients) on the database port only. */
    securityGroup: ec2.SecurityGroup;
    logGroup: cloudwatch.LogGroup;
    cluster: rds.Cluster;
    /** `writer`, then `reader-1` … `reader-<n>`. */
    instances: Record<string, rds.ClusterInstance>;
    /** Without a proxy: the clients' security group and the rules of the direct path. */
    clientSecurityGroup?: ec2.SecurityGroup;
    rules: Record<string, vpc.SecurityGroupIngressRule | vpc.SecurityGroupEgressRule>;
}

/** Aurora PostgreSQL listens on 5432 (the component does not change it). */
const PORT = 5432;

/**
 * An Aurora Serverless v2 PostgreSQL cluster: a writer (and `readers`) on `db.serverless` scaling
 * between `capacity.minAcu` and `maxAcu`, storage and the master secret encrypted with a KMS key, the
 * master password generated, stored and rotated by RDS in Secrets Manager, the PostgreSQL log exported
 * to a log group with retention, automated backups, deletion protection, IAM database authentication, and by default an RDS Proxy
 * (a DatabaseProxy child) that requires IAM authentication and TLS of every client. Security groups
 * chain clients → proxy → cluster; functions attach `clientSecurityGroupId`, take
 * `connectionEnvironment()` and `connectStatements()`.
 *
 * The proxy logs in with the RDS-managed master secret: RDS Proxy needs a secret holding `username` and
 * `password` (it ignores other keys: rds-proxy-secrets-arns.html), which the managed secret is, and
 * AWS's list of what managed master passwords do not support names no proxy
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations).
 * RDS rotates it every 7 days; the proxy reads the new password when it opens new connections.
 *
 * @example
 * const db = new Database("orders", {
 *     vpc: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds },
 *     capacity: { minAcu: 0.5, maxAcu: 8 },
 *     readers: 1,
 *     deletionProtection: true,
 *     protectData: true,
 * });
 * new LambdaFunction("orders-db", {
 *     entry: "functions/orders-db/index.ts",
 *     vpc: { subnetIds: network.privateSubnetIds, securityGroupIds: [db.clientSecurityGroupId] },
 *     environment: db.connectionEnvironment(),
 *     statements: db.connectStatements(),
 * });
 *
 * **Cost** (us-east-1, Aurora Standard): $0.12 per ACU-hour per instance, so the default 0.5 ACU floor
 * is 0.5 × $0.12 × 730 ≈ $44 a month per instance while it never scales up; storage $0.10 per GB-month
 * and I/O $0.20 per million requests; the proxy at least 8 ACUs × $0.015 × 730 ≈ $88 a month; backups
 * beyond the cluster's size $0.021 per GB-month; the key $1 a month; the secret $0.40 a month.
 */
export class Database extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "Database");

    readonly clusterIdentifier: pulumi.Output<string>;
    readonly clusterArn: pulumi.Output<string>;
    /** The writer endpoint of the cluster (clients go through `proxy.endpoint` unless `proxy` is false). */
    readonly endpoint: pulumi.Output<string>;
    readonly readerEndpoint: pulumi.Output<string>;
    readonly port: number;
    readonly databaseName: string;
    readonly masterUsername: string;
    /** The master user's secret, created and rotated by RDS (`{ username, password }`). */
    readonly secretArn: pulumi.Output<string>;
    /** The key of storage and of the secret. */
    readonly kmsKeyArn: pulumi.Output<string>;
    /** The cluster's security group. */
    readonly securityGroupId: pulumi.Output<string>;
    /** The security group clients attach: admitted on the database port (by the proxy, or by the cluster without one). */
    readonly clientSecurityGroupId: pulumi.Output<string>;
    /** The RDS Proxy, unless `proxy` is false. */
    readonly proxy?: DatabaseProxy;
    readonly resources: DatabaseResources;
    private readonly name: string;

    constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("Database", name, issues);
        super(Database.type, name, args, opts);
        this.name = name;

        const cfg = normalize(args);
        const child = { parent: this };
        const keep: pulumi.CustomResourceOptions = cfg.protectData ? { ...child, protect: true, retainOnDelete: true } : child;
        // What a retained cluster still uses (AWS refuses to delete a subnet group or security group in use) and its
        // log: left in AWS with it, so leaving the stack does not fail half-way.
        const around: pulumi.CustomResourceOptions = cfg.protectData ? { ...child, retainOnDelete: true } : child;
        const tags = componentTags(Database.type, name, cfg.tags);
        const t = cfg.transform;
        this.port = PORT;
        this.databaseName = cfg.databaseName;
        this.masterUsername = cfg.masterUsername;

        const key =
            cfg.kmsKeyArn === undefined
                ? create(
                      kms.Key,
                      childName(name, "key"),
                      {
                          description: `Encrypts the storage, snapshots and master secret of the database ${name}`,
                          enableKeyRotation: true,
                          deletionWindowInDays: 30,
                          tags,
                      },
                      keep,
                      t.key,
                  )
                : undefined;
        const keyArn = key ? key.arn : pulumi.output(cfg.kmsKeyArn!);
        // Explicit and unique per stack: the log group below must carry the identifier before the cluster exists.
        const identifier = clusterIdentifier(name);
        const subnetGroup = create(
            rds.SubnetGroup,
            fitName(childName(name, "subnets"), rds.SubnetGroup),
            { subnetIds: cfg.vpc.subnetIds, description: `Database ${name}: private subnets`, tags },
            around,
            t.subnetGroup,
        );
        // No inline rules: each rule is a resource of its own (here or in the proxy), and the provider
        // removes the default allow-all egress of a new group, so the cluster reaches nothing.
        const securityGroup = create(
            ec2.SecurityGroup,
            fitName(childName(name, "cluster-sg"), ec2.SecurityGroup),
            { vpcId: cfg.vpc.vpcId, description: `Aurora cluster ${identifier}: PostgreSQL in from its proxy or clients only`, tags },
            around,
            t.securityGroup,
        );
        // RDS writes to /aws/rds/cluster/<id>/postgresql, creating it without retention if it does not
        // exist: created first, the group keeps its retention (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html).
        const logGroup = create(
            cloudwatch.LogGroup,
            childName(name, "postgresql-log"),
            { name: `/aws/rds/cluster/${identifier}/postgresql`, retentionInDays: cfg.logRetentionDays, tags },
            around,
            t.logGroup,
        );
        const cluster = createCluster(name, identifier, cfg, { keyArn, subnetGroup, securityGroup, logGroup }, tags, keep);
        const instances = createInstances(name, identifier, cfg, cluster, subnetGroup, tags, keep);
        const writer = instances.writer;

        this.clusterIdentifier = cluster.clusterIdentifier;
        this.clusterArn = cluster.arn;
        this.endpoint = cluster.endpoint;
        this.readerEndpoint = cluster.readerEndpoint;
        this.secretArn = cluster.masterUserSecrets.apply((s) => s[0]?.secretArn ?? "");
        this.kmsKeyArn = keyArn;
        this.securityGroupId = securityGroup.id;

        const resources: DatabaseResources = { key, subnetGroup, securityGroup, logGroup, cluster, instances, rules: {} };
        if (cfg.proxy !== false) {
            this.proxy = new DatabaseProxy(
                childName(name, "proxy"),
                {
                    engineFamily: "POSTGRESQL",
                    // Registered once the writer exists: a proxy target without an instance never becomes available.
                    target: { clusterIdentifier: readyAfter(cluster.clusterIdentifier, [writer]) },
                    secrets: [{ arn: this.secretArn, kmsKeyArn: keyArn }],
                    vpc: cfg.vpc,
                    targetSecurityGroupId: securityGroup.id,
                    port: PORT,
                    allowFrom: cfg.allowFrom,
                    ...cfg.proxy,
                    tags: cfg.tags,
                    transform: t.proxy,
                },
                child,
            );
            this.clientSecurityGroupId = this.proxy.clientSecurityGroupId;
        } else {
            Object.assign(resources, directAccess(name, cfg, securityGroup, tags, child));
            this.clientSecurityGroupId = resources.clientSecurityGroup!.id;
        }
        this.resources = resources;
        this.registerOutputs({
            clusterIdentifier: this.clusterIdentifier,
            clusterArn: this.clusterArn,
            endpoint: this.endpoint,
            readerEndpoint: this.readerEndpoint,
            secretArn: this.secretArn,
            securityGroupId: this.securityGroupId,
            clientSecurityGroupId: this.clientSecurityGroupId,
        });
    }

    /**
     * The environment `functions/orders-db` reads: `DB_HOST` (the proxy's endpoint, or the cluster's
     * writer endpoint without a proxy), `DB_PORT`, `DB_NAME` and `DB_USER` (`user`: with a proxy by default
     * the master user, the one user the proxy logs in as; without a proxy a user you granted `rds_iam`,
     * required, see `connectStatements`).
     */
    connectionEnvironment(user?: string): Record<"DB_HOST" | "DB_PORT" | "DB_NAME" | "DB_USER", pulumi.Input<string>> {
        user = this.clientUser(user);
        return {
            DB_HOST: this.proxy ? this.proxy.endpoint : this.endpoint,
            DB_PORT: String(this.proxy ? this.proxy.port : this.port),
            DB_NAME: this.databaseName,
            DB_USER: user,
        };
    }

    /**
     * What a client's role needs to connect as `user` with an IAM token: `rds-db:connect` on the proxy's
     * `dbuser:prx-…/<user>` (by default the master user), or, without a proxy, on the cluster's
     * `dbuser:cluster-…/<user>`: there `user` is required and is a user you created and granted `rds_iam`,
     * never the master user (a master granted `rds_iam` can no longer log in with its password, so the
     * RDS-managed secret stops working: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/database-authentication.html).
     */
    connectStatements(user?: string): Statement[] {
        user = this.clientUser(user);
        if (this.proxy) return this.proxy.connectStatements(user);
        const cluster = this.resources.cluster;
        return [{ Sid: "ConnectToCluster", Effect: "Allow", Action: "rds-db:connect", Resource: dbUserArn(cluster.arn, user, cluster.clusterResourceId) }];
    }

    /** The database user a client connects as: checked, defaulted to the master user only behind a proxy. */
    private clientUser(user: string | undefined): string {
        if (this.proxy) {
            const name = user ?? this.masterUsername;
            checkDbUser("Database", this.name, name);
            return name;
        }
        // Direct IAM authentication needs a user granted rds_iam; granting it to the master user makes IAM take
        // precedence over the master's password (database-authentication.html), breaking the RDS-managed secret.
        if (user === undefined || user.toLowerCase() === this.masterUsername.toLowerCase())
            throw new ArgsError("Database", this.name, [
                {
                    path: "user",
                    value: user ?? "(the master user)",
                    message: "cannot connect with IAM without a proxy: the master user keeps password login for the RDS-managed secret",
                    allowed: 'a database user you created and granted rds_iam, e.g. connectStatements("orders_app"), or leave proxy on',
                },
            ]);
        checkDbUser("Database", this.name, user);
        return user;
    }
}

/** `<name>-<7 hex>`, unique per stack, as RDS takes identifiers (lower case, 63 characters). */
export function clusterIdentifier(name: string): string {
    return fitName(`${name}-${stackSuffix(name)}`, rds.Cluster, { explicit: true });
}

interface ClusterDeps {
    keyArn: pulumi.Input<string>;
    subnetGroup: rds.SubnetGroup;
    securityGroup: ec2.SecurityGroup;
    logGroup: cloudwatch.LogGroup;
}

function createCluster(
    name: string,
    identifier: string,
    cfg: ResolvedDatabase,
    deps: ClusterDeps,
    tags: Record<string, string>,
    keep: pulumi.CustomResourceOptions,
): rds.Cluster {
    const c = cfg.capacity;
    return create(
        rds.Cluster,
        childName(name, "cluster"),
        {
            clusterIdentifier: identifier,
            engine: "aurora-postgresql",
            // Serverless v2 is the provisioned engine mode with db.serverless instances.
            engineMode: "provisioned",
            engineVersion: cfg.engineVersion,
            // A major version moves only when engineVersion does, in this program.
            allowMajorVersionUpgrade: true,
            databaseName: cfg.databaseName,
            masterUsername: cfg.masterUsername,
            // RDS generates the password, keeps it in Secrets Manager and rotates it: no password in the program or state.
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: deps.keyArn,
            // Off by default for provisioned clusters; cannot be turned on later without a restore.
            storageEncrypted: true,
            kmsKeyId: deps.keyArn,
            serverlessv2ScalingConfiguration: {
                minCapacity: c.minAcu,
                maxCapacity: c.maxAcu,
                ...(c.autoPauseSeconds !== undefined ? { secondsUntilAutoPause: c.autoPauseSeconds } : {}),
            },
            port: PORT,
            dbSubnetGroupName: deps.subnetGroup.name,
            vpcSecurityGroupIds: [deps.securityGroup.id],
            // On in every case (FSBP RDS.12): direct clients need it, and behind a proxy it lets users granted rds_iam
            // connect with IAM tokens too. Password logins keep working (the proxy still logs in with the secret): IAM
            // applies only to users granted rds_iam (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.html).
            // Changing it is an in-place ModifyDBCluster, no replacement.
            iamDatabaseAuthenticationEnabled: true,
            backupRetentionPeriod: cfg.backupRetentionDays,
            copyTagsToSnapshot: true,
            deletionProtection: cfg.deletionProtection,
            // Protected data leaves a last snapshot when the cluster is deleted; unprotected (dev) does not.
            skipFinalSnapshot: !cfg.protectData,
            finalSnapshotIdentifier: cfg.protectData ? fitName(`${identifier}-final`, rds.Cluster, { explicit: true }) : undefined,
            enabledCloudwatchLogsExports: ["postgresql"],
            tags,
        },
        // After its log group, so RDS finds the group (and its retention) instead of creating one.
        { ...keep, dependsOn: [deps.logGroup] },
        cfg.transform.cluster,
    );
}

function createInstances(
    name: string,
    identifier: string,
    cfg: ResolvedDatabase,
    cluster: rds.Cluster,
    subnetGroup: rds.SubnetGroup,
    tags: Record<string, string>,
    keep: pulumi.CustomResourceOptions,
): Record<string, rds.ClusterInstance> {
    const roles = ["writer", ...Array.from({ length: cfg.readers }, (_v, i) => `reader-${i + 1}`)];
    const instances: Record<string, rds.ClusterInstance> = {};
    roles.forEach((role, i) => {
        instances[role] = create(
            rds.ClusterInstance,
            childName(name, role),
            {
                identifier: fitName(`${identifier}-${role}`, rds.ClusterInstance, { explicit: true }),
                clusterIdentifier: cluster.id,
                engine: "aurora-postgresql",
                // No engineVersion: an Aurora instance takes the cluster's, and upgrades only through the cluster
                // (terraform-provider-aws aws_rds_cluster_instance docs); setting it here would fight the cluster's upgrades.
                instanceClass: "db.serverless",
                dbSubnetGroupName: subnetGroup.name,
                publiclyAccessible: false,
                // Versions change only with engineVersion: an automatic minor upgrade would leave the
                // cluster newer than the program, which then fails trying to set it back.
                autoMinorVersionUpgrade: false,
                // Readers are failover targets (tier 1); the writer is created first and keeps tier 0.
                promotionTier: i === 0 ? 0 : 1,
                tags,
            },
            keep,
            cfg.transform.instance,
        );
    });
    return instances;
}

/** Without a proxy: a client group that may reach the cluster, and the cluster admitting it and `allowFrom`. */
function directAccess(name: string, cfg: ResolvedDatabase, clusterGroup: ec2.SecurityGroup, tags: Record<string, string>, child: pulumi.CustomResourceOptions) {
    const t = cfg.transform;
    const clientSecurityGroup = create(
        ec2.SecurityGroup,
        fitName(childName(name, "client-sg"), ec2.SecurityGroup),
        { vpcId: cfg.vpc.vpcId, description: `Clients of database ${name}: out to PostgreSQL on ${PORT} only`, tags },
        child,
        t.clientSecurityGroup,
    );
    const tcp = { ipProtocol: "tcp", fromPort: PORT, toPort: PORT };
    const rules: DatabaseResources["rules"] = {};
    const ingress = (key: string, from: pulumi.Input<string>, description: string) => {
        rules[key] = create(
            vpc.SecurityGroupIngressRule,
            childName(name, key),
            { securityGroupId: clusterGroup.id, referencedSecurityGroupId: from, ...tcp, description, tags },
            child,
            t.rule as never,
        );
    };
    ingress("from-client", clientSecurityGroup.id, "Clients of the database");
    for (const [i, id] of cfg.allowFrom.entries()) ingress(`from-${i}`, id, "Allowed client group");
    rules["client-to-cluster"] = create(
        vpc.SecurityGroupEgressRule,
        childName(name, "client-to-cluster"),
        { securityGroupId: clientSecurityGroup.id, referencedSecurityGroupId: clusterGroup.id, ...tcp, description: "To the database", tags },
        child,
        t.rule as never,
    );
    return { clientSecurityGroup, rules };
}
