import type * as pulumi from "@pulumi/pulumi";
import type * as dax from "@pulumi/aws/dax";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as iam from "@pulumi/aws/iam";
import type * as vpc from "@pulumi/aws/vpc";
import type { Transform } from "../shared/transform";
import type { Table } from "../table/table";

/** A table the cluster caches that this program does not manage as a `Table`. */
export interface DaxTableRef {
    /** The table's ARN (`arn:aws:dynamodb:<region>:<account>:table/<name>`). */
    tableArn: pulumi.Input<string>;
    /** The table's customer managed key, if it has one: DAX reads and writes through DynamoDB with it. @default - none (AWS owned or AWS managed key) */
    kmsKeyArn?: pulumi.Input<string>;
}

/** The private subnets the nodes run in (a DAX subnet group), and their VPC (for the security group). */
export interface DaxVpcArgs {
    vpcId: pulumi.Input<string>;
    /** Private subnets; nodes are spread over their Availability Zones, so give one per zone the clients run in. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
}

export interface DaxClusterArgs {
    /**
     * The table the cluster caches. DAX has no per-caller access control: everyone who may call the
     * cluster gets what its role may do (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.access-control.html),
     * so the role is scoped to this table only: one cluster per table.
     * @example items // a Table
     * @example { tableArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/orders" }
     */
    table: Table | DaxTableRef;
    /**
     * Where the nodes run: private subnets of the clients' VPC (DAX is reachable only inside it).
     * @example { vpcId: network.vpcId, subnetIds: network.privateSubnetIds }
     */
    vpc: DaxVpcArgs;
    /**
     * Node type: `dax.t3.small`/`dax.t3.medium` (burstable), `dax.r4.*` or `dax.r5.*` (memory optimized).
     * Changing it replaces the cluster (an empty cache); `dax.r3.*` and `dax.t2.*` are previous generations.
     * @default "dax.t3.small"
     */
    nodeType?: string;
    /**
     * Nodes: one primary and up to 10 read replicas (1 to 11). Changing it scales in place. AWS recommends
     * at least 3, in different Availability Zones, for production
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/dax-cluster-sizing.html).
     * @default 1
     */
    nodes?: number;
    /** How long an item stays in the item cache (GetItem, BatchGetItem), in seconds; 0 keeps it until evicted or written. @default 300 */
    recordTtlSeconds?: number;
    /** How long a Query or Scan result stays in the query cache, in seconds (writes do not refresh it). @default 300 */
    queryTtlSeconds?: number;
    /**
     * Security groups of the clients (functions, tasks) admitted on the TLS port 9111, and nothing else;
     * each once (EC2 refuses a second rule with the same group, `InvalidPermission.Duplicate`).
     * Their rules are named by position (removing one re-creates the rules after it, a moment without
     * access); `allowClient(key, id)` names a rule by key, and admits clients created after the cluster.
     * @default []
     * @example [itemsFunction.resources.securityGroup!.id]
     */
    allowFrom?: pulumi.Input<string>[];
    /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` in UTC, at least 60 minutes. @default - a window DAX picks */
    maintenanceWindow?: string;
    /** SNS topic for the cluster's events (node replaced, maintenance). @default - no notifications */
    notificationTopicArn?: pulumi.Input<string>;
    /** Tags for every resource of the component. @default {} */
    tags?: Record<string, string>;
    /**
     * Change a child's args (see `Transform`): `cluster`, `subnetGroup`, `parameterGroup`,
     * `securityGroup`, `ingress` (every ingress rule), `role` (the role DAX assumes), `rolePolicy` (its
     * inline policy).
     * @default {}
     */
    transform?: {
        cluster?: Transform<dax.ClusterArgs>;
        subnetGroup?: Transform<dax.SubnetGroupArgs>;
        parameterGroup?: Transform<dax.ParameterGroupArgs>;
        securityGroup?: Transform<ec2.SecurityGroupArgs>;
        ingress?: Transform<vpc.SecurityGroupIngressRuleArgs>;
        role?: Transform<iam.RoleArgs>;
        rolePolicy?: Transform<iam.RolePolicyArgs>;
    };
}
