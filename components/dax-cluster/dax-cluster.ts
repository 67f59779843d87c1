import * as pulumi from "@pulumi/pulumi";
import * as dax from "@pulumi/aws/dax";
import * as ec2 from "@pulumi/aws/ec2";
import type * as iam from "@pulumi/aws/iam";
import * as vpc from "@pulumi/aws/vpc";
import { ArgsError, Issues, isPlain } from "../shared/errors";
import { Statement, assumeRolePolicy, createRole, keyThroughService } from "../shared/iam";
import { childName, fitName, typeToken } from "../shared/naming";
import { nameIssues } from "../shared/shape";
import { componentTags } from "../shared/tags";
import { create } from "../shared/transform";
import { stackSuffix } from "../shared/unique";
import { checkSecurityGroupId } from "../shared/validators";
import { KMS_WRITE, READ_ACTIONS, WRITE_ACTIONS } from "../table/table";
import type { DaxClusterArgs } from "./args";
import { ResolvedDaxCluster, normalize } from "./defaults";
import { validate } from "./validate";

/** Clients connect with TLS on 9111 (`daxs://`); the plain port 8111 is closed on a TLS cluster (client-dax Util.js SCHEMES_TO_PORTS). */
export const DAX_TLS_PORT = 9111;

/** What a client of the cluster may do: read items, write items, or both. */
export type DaxAccess = "read" | "write" | "readwrite";

// DAX data-plane actions take the cluster (`cache/<name>`) as resource
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodbacceleratordax.html).
const DAX_READ = ["dax:BatchGetItem", "dax:ConditionCheckItem", "dax:GetItem", "dax:Query", "dax:Scan"];
const DAX_WRITE = ["dax:BatchWriteItem", "dax:DeleteItem", "dax:PutItem", "dax:UpdateItem"];

export interface DaxClusterResources {
    cluster: dax.Cluster;
    subnetGroup: dax.SubnetGroup;
    parameterGroup: dax.ParameterGroup;
    /** The nodes' group: ingress on 9111 from `allowFrom` (and `allowClient`) only, no egress. */
    securityGroup: ec2.SecurityGroup;
    /** Ingress rules `<name>-ingress-<key>`, by key: the index in `allowFrom`, or `allowClient`'s key. */
    ingress: Record<string, vpc.SecurityGroupIngressRule>;
    /** The role DAX assumes to reach the table. */
    role: iam.Role;
    /** Its inline policy `table`: item actions on this table and its indexes only (and its key through DynamoDB). */
    rolePolicy: iam.RolePolicy;
}

/**
 * A DynamoDB Accelerator (DAX) cluster in front of one table: nodes in private subnets, encryption at
 * rest and TLS in transit (both fixed at creation, so always on), item and query cache TTLs in a
 * parameter group, a role DAX assumes that may touch only that table's items, and a security group
 * that admits only the given client security groups on the TLS port. Clients use `endpoint` with
 * `@amazon-dax-sdk/lib-dax` (functions/shared/document-client.ts switches on `DAX_ENDPOINT`) and need
 * `clientStatements` on their role, and must run in the VPC.
 *
 * @example
 * const cache = new DaxCluster("items-cache", {
 *     table: items,
 *     vpc: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds },
 *     nodes: 3,
 *     allowFrom: [fnSecurityGroup.id],
 * });
 * // function: environment { DAX_ENDPOINT: cache.endpoint }, statements cache.clientStatements("readwrite")
 *
 * **Cost** (us-east-1, on-demand nodes): `dax.t3.small` $0.04 an hour, so the default single node is
 * about $29 a month (0.04 × 730); three `dax.r5.large` nodes (the production shape) 3 × $0.269 × 730 ≈
 * $589 a month. Reads served from the cache cost no DynamoDB read units; misses and every write still do.
 */
export class DaxCluster extends pulumi.ComponentResource {
    static readonly type = typeToken("serverless", "DaxCluster");

    readonly clusterName: pulumi.Output<string>;
    readonly clusterArn: pulumi.Output<string>;
    /** The cluster discovery endpoint for the DAX client, `daxs://<clusterAddress>` (TLS). */
    readonly endpoint: pulumi.Output<string>;
    /** The discovery endpoint's port (9111 with TLS). */
    readonly port: pulumi.Output<number>;
    /** The nodes' security group: admit a client's group with `allowFrom` or `allowClient`. */
    readonly securityGroupId: pulumi.Output<string>;
    readonly resources: DaxClusterResources;
    private readonly cfg: ResolvedDaxCluster;
    private readonly name: string;
    private readonly tags: Record<string, string>;
    /** Client groups known as plain ids, by the key of the rule that admits them. */
    private readonly admitted = new Map<string, string>();

    constructor(name: string, args: DaxClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = [...nameIssues(name), ...validate(args)];
        if (issues.length) throw new ArgsError("DaxCluster", name, issues);
        super(DaxCluster.type, name, args, opts);
        this.name = name;

        const cfg = normalize(args);
        this.cfg = cfg;
        const child = { parent: this };
        const t = cfg.transform;
        const tags = componentTags(DaxCluster.type, name, cfg.tags);
        this.tags = tags;

        const subnetGroup = create(
            dax.SubnetGroup,
            fitName(childName(name, "subnet-group"), dax.SubnetGroup),
            { description: `DAX cluster ${name}: private subnets`, subnetIds: cfg.vpc.subnetIds },
            child,
            t.subnetGroup,
        );
        const parameterGroup = create(
            dax.ParameterGroup,
            fitName(childName(name, "parameter-group"), dax.ParameterGroup),
            {
                // The only two parameters DAX has: integers in milliseconds, "0-" allowed (record 0 = never
                // expires), changed in place ("ChangeType": "IMMEDIATE": aws-cli examples/dax/describe-default-parameters.rst;
                // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.cluster-management.html#DAX.cluster-management.custom-settings.ttl).
                parameters: [
                    { name: "query-ttl-millis", value: String(cfg.queryTtlSeconds * 1000) },
                    { name: "record-ttl-millis", value: String(cfg.recordTtlSeconds * 1000) },
                ],
            },
            child,
            t.parameterGroup,
        );
        const securityGroup = create(
            ec2.SecurityGroup,
            fitName(childName(name, "security-group"), ec2.SecurityGroup),
            {
                vpcId: cfg.vpc.vpcId,
                description: `DAX cluster ${name}: TLS clients on ${DAX_TLS_PORT} only`,
                // No inline rules: the provider then removes AWS's default allow-all egress (the nodes answer
                // on connections clients open; security groups are stateful), and the rules below are the only ones.
                tags: { ...tags, Name: childName(name, "security-group") },
            },
            child,
            t.securityGroup,
        );
        this.securityGroupId = securityGroup.id;
        const role = createRole(
            childName(name, "role"),
            {
                description: `DAX cluster ${name}: reads and writes the items of its one table`,
                assumeRolePolicy: assumeRolePolicy("dax.amazonaws.com"),
                policies: { table: this.tableStatements() },
                tags,
            },
            child,
            t.role,
            { policy: t.rolePolicy },
        );
        const cluster = create(
            dax.Cluster,
            childName(name, "cluster"),
            {
                clusterName: clusterName(name, cfg.nodeType),
                nodeType: cfg.nodeType,
                replicationFactor: cfg.nodes,
                // Resolved once the role's policy exists: DAX checks the role when it creates the cluster.
                iamRoleArn: role.arn,
                subnetGroupName: subnetGroup.name,
                parameterGroupName: parameterGroup.name,
                securityGroupIds: [securityGroup.id],
                // Both are fixed at creation (ForceNew): a cluster without them is replaced to get them
                // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionInTransit.html).
                clusterEndpointEncryptionType: "TLS",
                serverSideEncryption: { enabled: true },
                maintenanceWindow: cfg.maintenanceWindow,
                notificationTopicArn: cfg.notificationTopicArn,
                tags,
            },
            child,
            t.cluster,
        );
        const ingress: Record<string, vpc.SecurityGroupIngressRule> = {};
        this.resources = { cluster, subnetGroup, parameterGroup, securityGroup, ingress, role: role.role, rolePolicy: role.policies.table };
        for (const [i, id] of cfg.allowFrom.entries()) this.admit(String(i), id);

        this.clusterName = cluster.clusterName;
        this.clusterArn = cluster.arn;
        this.endpoint = pulumi.interpolate`daxs://${cluster.clusterAddress}`;
        this.port = cluster.port;
        this.registerOutputs({ clusterName: this.clusterName, clusterArn: this.clusterArn, endpoint: this.endpoint, securityGroupId: this.securityGroupId });
    }

    /**
     * Admits one more client security group on the TLS port, as the ingress rule `<name>-ingress-<key>`:
     * for clients created after the cluster (a function whose environment holds `endpoint`). The key is
     * lower-case letters, digits and '-', starting with a letter (it names the rule), once per cluster.
     */
    allowClient(key: string, securityGroupId: pulumi.Input<string>): vpc.SecurityGroupIngressRule {
        const issues = new Issues();
        if (issues.key("allowClient.key", key) && Object.hasOwn(this.resources.ingress, key))
            issues.add("allowClient.key", key, "is already used", "another key: each names one ingress rule");
        // The same group twice would be a duplicate rule, which EC2 refuses (InvalidPermission.Duplicate).
        const admittedAs = isPlain(securityGroupId) ? this.admitted.get(securityGroupId) : undefined;
        if (checkSecurityGroupId(issues, "allowClient.securityGroupId", securityGroupId) && admittedAs !== undefined)
            issues.add(
                "allowClient.securityGroupId",
                securityGroupId,
                `is already admitted (rule ${childName(this.name, "ingress", admittedAs)})`,
                "a group not yet admitted",
            );
        issues.throwIfAny("DaxCluster", this.name);
        return this.admit(key, securityGroupId);
    }

    private admit(key: string, securityGroupId: pulumi.Input<string>): vpc.SecurityGroupIngressRule {
        const rule = create(
            vpc.SecurityGroupIngressRule,
            childName(this.name, "ingress", key),
            {
                securityGroupId: this.resources.securityGroup.id,
                referencedSecurityGroupId: securityGroupId,
                ipProtocol: "tcp",
                fromPort: DAX_TLS_PORT,
                toPort: DAX_TLS_PORT,
                // EC2 takes only a-zA-Z0-9 and ._-:/()#,@[]+=&;{}!$* in a rule's description: the key passes.
                description: `DAX client ${key} (TLS)`,
                tags: this.tags,
            },
            { parent: this },
            this.cfg.transform.ingress,
        );
        this.resources.ingress[key] = rule;
        if (isPlain(securityGroupId)) this.admitted.set(securityGroupId, key);
        return rule;
    }

    /**
     * What a client needs on its role: the DAX item actions of `access` on this cluster only. DAX then
     * reaches the table with its own role, so a client going through DAX needs no DynamoDB permission
     * (a client that may fall back to DynamoDB needs the table's `grantStatements` too).
     */
    clientStatements(access: DaxAccess): Statement[] {
        const actions = [...(access !== "write" ? DAX_READ : []), ...(access !== "read" ? DAX_WRITE : [])];
        return [{ Sid: access === "read" ? "ReadThroughDax" : "UseDax", Effect: "Allow", Action: actions, Resource: this.clusterArn }];
    }

    /** The DAX role's statements: the table's items, read and write, and its customer managed key through DynamoDB. */
    private tableStatements(): Statement[] {
        const t = this.cfg.table;
        if ("grantStatements" in t) return t.grantStatements("readwrite");
        return [
            { Sid: "ReadItems", Effect: "Allow", Action: READ_ACTIONS, Resource: [t.tableArn, pulumi.interpolate`${t.tableArn}/index/*`] },
            { Sid: "WriteItems", Effect: "Allow", Action: WRITE_ACTIONS, Resource: t.tableArn },
            ...keyThroughService("UseTableKeyThroughDynamoDB", t.kmsKeyArn, KMS_WRITE, "dynamodb"),
        ];
    }
}

/**
 * The cluster's name: DAX has no auto-naming and allows 20 lower-case characters, so `<name>-<7 hex
 * of project, stack, name and node type>` fitted to 20. Dev and prod in one account never share a
 * name; and a new node type, which replaces the cluster (the provider's ForceNew), gives a new name,
 * so Pulumi creates the new cluster, moves clients to its endpoint, then deletes the old one (with the
 * same name the create would fail: the old cluster still holds it).
 */
export function clusterName(name: string, nodeType: string): string {
    return fitName(`${name}-${stackSuffix(`${name}/${nodeType}`)}`, dax.Cluster, { explicit: true });
}
