import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as rds from "@pulumi/aws/rds";
import * as vpc from "@pulumi/aws/vpc";
import { ArgsError } from "../shared/errors";
import { RoleResources, Statement, assumeRolePolicy, createRole, keyThroughService } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import type { DatabaseProxyArgs } from "./args";
import { ResolvedDatabaseProxy, normalize, proxyPort } from "./defaults";
import { validate } from "./validate";

export interface DatabaseProxyResources {
    proxy: rds.Proxy;
    targetGroup: rds.ProxyDefaultTargetGroup;
    target: rds.ProxyTarget;
    role: RoleResources;
    securityGroup: ec2.SecurityGroup;
    clientSecurityGroup: ec2.SecurityGroup;
    /** Security group rules by role: `from-client`, `from-<i>` (allowFrom), `to-target`, `target-from-proxy`, `client-to-proxy`. */
    rules: Record<string, vpc.SecurityGroupIngressRule | vpc.SecurityGroupEgressRule>;
}

/** PostgreSQL and MySQL user names: 1 to 63 characters (PostgreSQL's identifier limit; MySQL's is 32). */
const DB_USER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

/**
 * An RDS Proxy in front of an Aurora cluster: pooled connections, faster failover, and IAM
 * authentication **required** of every client over **TLS only**; the proxy logs in to the database
 * with the given Secrets Manager secrets. Its role may read exactly those secrets (and decrypt them
 * through Secrets Manager only). Security groups chain clients → proxy → database: the proxy admits
 * `clientSecurityGroupId` and `allowFrom` on its port, may reach only the database's group, and the
 * database's group admits the proxy. `connectStatements(user)` is the `rds-db:connect` grant a client needs.
 *
 * @example
 * const proxy = new DatabaseProxy("orders", {
 *     engineFamily: "POSTGRESQL",
 *     target: { clusterIdentifier: cluster.clusterIdentifier },
 *     secrets: [{ arn: cluster.masterUserSecrets[0].secretArn, kmsKeyArn: key.arn }],
 *     vpc: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds },
 *     targetSecurityGroupId: databaseGroup.id,
 *     port: 5432,
 * });
 *
 * **Cost** (us-east-1): RDS Proxy for Aurora Serverless v2 bills per ACU of the database it fronts,
 * $0.015 per ACU-hour with a minimum of 8 ACUs: at least 8 × $0.015 × 730 ≈ $88 a month.
 */
export class DatabaseProxy extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "DatabaseProxy");

    readonly proxyName: pulumi.Output<string>;
    readonly proxyArn: pulumi.Output<string>;
    /** The proxy's endpoint: clients connect here (never public: from the VPC only). */
    readonly endpoint: pulumi.Output<string>;
    /** The port clients connect to: 5432 (PostgreSQL) or 3306 (MySQL). */
    readonly port: number;
    /** The proxy's resource id `prx-…`, which IAM's `rds-db:connect` resource names. */
    readonly resourceId: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    /** A security group for clients (a function's `vpc.securityGroupIds`): it may reach the proxy, and the proxy admits it. */
    readonly clientSecurityGroupId: pulumi.Output<string>;
    readonly resources: DatabaseProxyResources;
    private readonly name: string;

    constructor(name: string, args: DatabaseProxyArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("DatabaseProxy", name, issues);
        super(DatabaseProxy.type, name, args, opts);
        this.name = name;

        const cfg = normalize(args);
        const child = { parent: this };
        const tags = componentTags(DatabaseProxy.type, name, cfg.tags);
        const t = cfg.transform;
        this.port = proxyPort(cfg.engineFamily);

        const role = createRole(
            childName(name, "role"),
            {
                description: `RDS Proxy ${name}: reads the database credentials it logs in with`,
                // RDS Proxy assumes its role as rds.amazonaws.com (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-secrets-arns.html).
                assumeRolePolicy: assumeRolePolicy("rds.amazonaws.com"),
                policies: { secrets: secretStatements(cfg) },
                tags,
            },
            child,
            t.role,
        );
        const groups = createSecurityGroups(name, cfg, this.port, tags, child);
        const proxy = create(
            rds.Proxy,
            fitName(childName(name, "proxy"), rds.Proxy),
            {
                engineFamily: cfg.engineFamily,
                roleArn: role.arn,
                vpcSubnetIds: cfg.vpc.subnetIds,
                vpcSecurityGroupIds: [groups.securityGroup.id],
                // Clients must use TLS, and IAM: a stolen endpoint and password get nowhere. The client
                // password type is left to AWS's engine default (SCRAM for PostgreSQL), which IAM tokens pass through.
                requireTls: true,
                auths: cfg.secrets.map((s) => ({ authScheme: "SECRETS", iamAuth: "REQUIRED", secretArn: s.arn })),
                idleClientTimeout: cfg.idleClientTimeoutSeconds,
                debugLogging: cfg.debugLogging,
                tags,
            },
            child,
            t.proxy,
        );
        const targetGroup = create(
            rds.ProxyDefaultTargetGroup,
            childName(name, "target-group"),
            { dbProxyName: proxy.name, connectionPoolConfig: { maxConnectionsPercent: cfg.maxConnectionsPercent } },
            child,
            t.targetGroup,
        );
        const target = create(
            rds.ProxyTarget,
            childName(name, "target"),
            { dbProxyName: proxy.name, targetGroupName: targetGroup.name, dbClusterIdentifier: cfg.target.clusterIdentifier },
            child,
            t.target,
        );

        this.proxyName = proxy.name;
        this.proxyArn = proxy.arn;
        // Clients are told the endpoint once the cluster is registered: before that every connection fails.
        this.endpoint = pulumi.all([proxy.endpoint, target.id]).apply(([endpoint]) => endpoint);
        this.resourceId = proxy.arn.apply(proxyResourceId);
        this.securityGroupId = groups.securityGroup.id;
        this.clientSecurityGroupId = groups.clientSecurityGroup.id;
        this.resources = { proxy, targetGroup, target, role, ...groups };
        this.registerOutputs({
            proxyName: this.proxyName,
            proxyArn: this.proxyArn,
            endpoint: this.endpoint,
            resourceId: this.resourceId,
            securityGroupId: this.securityGroupId,
            clientSecurityGroupId: this.clientSecurityGroupId,
        });
    }

    /**
     * What a client's role needs to connect through this proxy as the database user `user`:
     * `rds-db:connect` on `arn:aws:rds-db:<region>:<account>:dbuser:<prx-…>/<user>` and nothing else. For
     * a proxy the resource names the proxy's resource id, not the cluster's
     * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html).
     */
    connectStatements(user: pulumi.Input<string>): Statement[] {
        checkDbUser("DatabaseProxy", this.name, user);
        return [{ Sid: "ConnectThroughProxy", Effect: "Allow", Action: "rds-db:connect", Resource: dbUserArn(this.proxyArn, user) }];
    }
}

/** Refuses a plain `user` that no PostgreSQL or MySQL user can be named (an Output is checked by IAM alone). */
export function checkDbUser(component: string, instance: string, user: pulumi.Input<string>): void {
    if (typeof user === "string" && !DB_USER.test(user))
        throw new ArgsError(component, instance, [
            { path: "user", value: user, message: "is not a database user name", allowed: "1 to 63 letters, digits, '_' and '$', a letter or '_' first" },
        ]);
}

/**
 * `arn:<partition>:rds-db:<region>:<account>:dbuser:<resource id>/<user>` for a proxy or cluster ARN
 * (`arn:aws:rds:<region>:<account>:db-proxy:prx-…`); the resource id is the ARN's last segment.
 */
export function dbUserArn(resourceArn: pulumi.Input<string>, user: pulumi.Input<string>, resourceId?: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.all([resourceArn, user, resourceId]).apply(([arn, u, id]) => {
        const [, partition, , region, account] = arn.split(":");
        return `arn:${partition}:rds-db:${region}:${account}:dbuser:${id ?? proxyResourceId(arn)}/${u}`;
    });
}

/**
 * `prx-…` from a proxy ARN `arn:aws:rds:<region>:<account>:db-proxy:prx-…` (the Proxy resource has no id output).
 * Either case: AWS's own IAM page writes the id `prx-ABCDEFGHIJKL01234` (UsingWithRDS.IAMDBAuth.IAMPolicy.html), and
 * a refusal here, inside an apply, would fail the deployment of every client policy.
 */
export function proxyResourceId(arn: string): string {
    const id = arn.split(":").pop() ?? "";
    if (!/^prx-[0-9A-Za-z]+$/.test(id)) throw new Error(`DatabaseProxy: "${arn}" is not a proxy ARN ending in its resource id prx-…`);
    return id;
}

function secretStatements(cfg: ResolvedDatabaseProxy): Statement[] {
    return [
        // Exactly the secrets the proxy logs in with (rds-proxy-secrets-arns.html: GetSecretValue on each).
        { Sid: "ReadDatabaseSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: cfg.secrets.map((s) => s.arn) },
        // A secret under a customer managed key is decrypted by Secrets Manager on the proxy's behalf.
        ...cfg.secrets.flatMap((s, i) => keyThroughService(`DecryptSecret${i}`, s.kmsKeyArn, ["kms:Decrypt"], "secretsmanager")),
    ];
}

function createSecurityGroups(name: string, cfg: ResolvedDatabaseProxy, port: number, tags: Record<string, string>, child: pulumi.CustomResourceOptions) {
    const t = cfg.transform;
    // No inline rules: every rule is its own resource below, so none is replaced when another changes,
    // and the provider removes the default allow-all egress of a new group.
    const securityGroup = create(
        ec2.SecurityGroup,
        fitName(childName(name, "proxy-sg"), ec2.SecurityGroup),
        { vpcId: cfg.vpc.vpcId, description: `RDS Proxy ${name}: clients in on ${port}, out to the database only`, tags },
        child,
        t.securityGroup,
    );
    const clientSecurityGroup = create(
        ec2.SecurityGroup,
        fitName(childName(name, "client-sg"), ec2.SecurityGroup),
        { vpcId: cfg.vpc.vpcId, description: `Clients of RDS Proxy ${name}: out to the proxy on ${port} only`, tags },
        child,
        t.clientSecurityGroup,
    );
    const rules: DatabaseProxyResources["rules"] = {};
    const tcp = (p: number) => ({ ipProtocol: "tcp", fromPort: p, toPort: p });
    const ingress = (key: string, args: vpc.SecurityGroupIngressRuleArgs) => {
        rules[key] = create(vpc.SecurityGroupIngressRule, childName(name, key), { ...args, tags }, child, t.rule as never);
    };
    const egress = (key: string, args: vpc.SecurityGroupEgressRuleArgs) => {
        rules[key] = create(vpc.SecurityGroupEgressRule, childName(name, key), { ...args, tags }, child, t.rule as never);
    };
    ingress("from-client", {
        securityGroupId: securityGroup.id,
        referencedSecurityGroupId: clientSecurityGroup.id,
        ...tcp(port),
        description: "Clients of the proxy",
    });
    for (const [i, id] of cfg.allowFrom.entries()) {
        ingress(`from-${i}`, { securityGroupId: securityGroup.id, referencedSecurityGroupId: id, ...tcp(port), description: "Allowed client group" });
    }
    egress("to-target", {
        securityGroupId: securityGroup.id,
        referencedSecurityGroupId: cfg.targetSecurityGroupId,
        ...tcp(cfg.port),
        description: "To the database",
    });
    ingress("target-from-proxy", {
        securityGroupId: cfg.targetSecurityGroupId,
        referencedSecurityGroupId: securityGroup.id,
        ...tcp(cfg.port),
        description: `From RDS Proxy ${name}`,
    });
    egress("client-to-proxy", {
        securityGroupId: clientSecurityGroup.id,
        referencedSecurityGroupId: securityGroup.id,
        ...tcp(port),
        description: "To the proxy",
    });
    return { securityGroup, clientSecurityGroup, rules };
}
