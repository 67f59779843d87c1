import * as assert from "node:assert";
import { DaxCluster, DaxClusterArgs } from "../../../components/dax-cluster";
import { DEFAULTS, normalize } from "../../../components/dax-cluster/defaults";
import { NODE_TYPES, validate } from "../../../components/dax-cluster/validate";
import { ArgsError } from "../../../components/shared/errors";
import { assertDefaultsDocumented } from "../../harness/docs";
import { itRefuses } from "../../harness/refusals";
import { CLIENT_SG, TABLE_ARN, VPC, args } from "./fixtures";

describe("DaxCluster validation", () => {
    it("documents every optional argument's default as DEFAULTS holds it", () => {
        assertDefaultsDocumented("components/dax-cluster/args.ts", DEFAULTS);
    });

    const cases: Array<{ title: string; args: DaxClusterArgs; path: string; message: RegExp }> = [
        {
            title: "refuses a node type DAX does not have",
            args: args({ nodeType: "dax.m5.large" }),
            path: "nodeType",
            message: /not a DAX node type.*dax\.t3\.small/,
        },
        {
            title: "refuses an EC2 instance type without the dax. prefix",
            args: args({ nodeType: "r5.large" }),
            path: "nodeType",
            message: /not a DAX node type/,
        },
        {
            title: "refuses an r3 node type as a previous generation",
            args: args({ nodeType: "dax.r3.large" }),
            path: "nodeType",
            message: /previous generation.*dax\.r5\.large/,
        },
        {
            title: "refuses a t2 node type as a previous generation",
            args: args({ nodeType: "dax.t2.small" }),
            path: "nodeType",
            message: /previous generation/,
        },
        { title: "refuses 0 nodes", args: args({ nodes: 0 }), path: "nodes", message: /from 1 to 11/ },
        { title: "refuses 12 nodes (a primary and at most 10 replicas)", args: args({ nodes: 12 }), path: "nodes", message: /from 1 to 11/ },
        { title: "refuses a fractional node count", args: args({ nodes: 2.5 }), path: "nodes", message: /integer/ },
        { title: "refuses a negative item TTL", args: args({ recordTtlSeconds: -1 }), path: "recordTtlSeconds", message: /from 0/ },
        { title: "refuses a fractional query TTL", args: args({ queryTtlSeconds: 0.5 }), path: "queryTtlSeconds", message: /integer/ },
        {
            title: "refuses a table ARN that is not a DynamoDB table's",
            args: args({ table: { tableArn: "arn:aws:s3:::orders" } }),
            path: "table.tableArn",
            message: /DynamoDB table ARN/,
        },
        {
            title: "refuses a table key given as an alias",
            args: args({ table: { tableArn: TABLE_ARN, kmsKeyArn: "alias/orders" } }),
            path: "table.kmsKeyArn",
            message: /not an alias/,
        },
        { title: "refuses a table given as a name", args: args({ table: "orders" as any }), path: "table", message: /a Table or \{ tableArn/ },
        { title: "refuses a malformed VPC id", args: args({ vpc: { ...VPC, vpcId: "vpc-nope" } }), path: "vpc.vpcId", message: /VPC id/ },
        {
            title: "refuses an empty subnet list",
            args: args({ vpc: { ...VPC, subnetIds: [] } }),
            path: "vpc.subnetIds",
            message: /at least one private subnet/,
        },
        {
            title: "refuses a malformed subnet id",
            args: args({ vpc: { ...VPC, subnetIds: ["subnet-1", VPC.subnetIds[0]] } }),
            path: "vpc.subnetIds[0]",
            message: /subnet id/,
        },
        {
            title: "refuses a subnet listed twice",
            args: args({ vpc: { ...VPC, subnetIds: [VPC.subnetIds[0], VPC.subnetIds[0]] } }),
            path: "vpc.subnetIds[1]",
            message: /listed twice/,
        },
        {
            title: "refuses a client that is not a security group id",
            args: args({ allowFrom: ["10.0.0.0/16"] }),
            path: "allowFrom[0]",
            message: /security group id/,
        },
        {
            // EC2 refuses a second rule with the same peer, protocol and port (InvalidPermission.Duplicate).
            title: "refuses a client security group listed twice",
            args: args({ allowFrom: [CLIENT_SG, "sg-0fedcba9876543210", CLIENT_SG] }),
            path: "allowFrom[2]",
            message: /listed twice/,
        },
        {
            title: "refuses a malformed maintenance window",
            args: args({ maintenanceWindow: "sunday 05:00" }),
            path: "maintenanceWindow",
            message: /ddd:hh24:mi/,
        },
        {
            title: "refuses a maintenance window under 60 minutes",
            args: args({ maintenanceWindow: "sun:05:00-sun:05:30" }),
            path: "maintenanceWindow",
            message: /30 minutes long.*at least 60/,
        },
        {
            title: "refuses a topic ARN that is not an SNS topic's",
            args: args({ notificationTopicArn: "arn:aws:sqs:us-east-1:123456789012:q" }),
            path: "notificationTopicArn",
            message: /SNS/,
        },
        { title: "refuses an unknown argument, naming the nearest", args: args({ node: 3 } as any), path: "node", message: /nodes/ },
    ];
    itRefuses(cases, validate, (a) => new DaxCluster("orders-cache", a), /^DaxCluster "orders-cache": /);

    it("accepts every listed node type", () => {
        for (const nodeType of NODE_TYPES) assert.deepEqual(validate(args({ nodeType })), [], nodeType);
    });

    it("accepts a maintenance window that wraps from Sunday to Monday, in any case", () => {
        assert.deepEqual(validate(args({ maintenanceWindow: "SUN:23:30-mon:00:30" })), []);
    });

    it("accepts an item TTL of 0 (cached until evicted or written) and 11 nodes", () => {
        assert.deepEqual(validate(args({ recordTtlSeconds: 0, nodes: 11 })), []);
    });

    it("reports every invalid field at once", () => {
        const paths = validate(args({ nodeType: "dax.m5.large", nodes: 0, queryTtlSeconds: -5, allowFrom: ["x"] })).map((i) => i.path);
        assert.deepEqual(paths, ["nodeType", "nodes", "queryTtlSeconds", "allowFrom[0]"]);
    });

    it("names the component and instance in the error, before registering anything", () => {
        assert.throws(
            () => new DaxCluster("orders-cache", args({ nodes: 0 })),
            (e: unknown) => e instanceof ArgsError && /DaxCluster "orders-cache": nodes=0/.test(e.message),
        );
    });

    it("gives the same verdict on its own normalized args", () => {
        assert.deepEqual(validate(normalize(args())), []);
    });
});
