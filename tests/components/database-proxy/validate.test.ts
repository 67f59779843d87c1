import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { DatabaseProxy, DatabaseProxyArgs } from "../../../components/database-proxy";
import { validate } from "../../../components/database-proxy/validate";
import { Refusal, itRefuses } from "../../harness/refusals";
import { SECRET, proxyArgs } from "./fixtures";

const refusals: Refusal<DatabaseProxyArgs>[] = [
    {
        title: "refuses an engine family other than POSTGRESQL or MYSQL",
        args: proxyArgs({ engineFamily: "SQLSERVER" as never }),
        path: "engineFamily",
        message: /"SQLSERVER" is not supported; allowed: "POSTGRESQL", "MYSQL"/,
    },
    {
        title: "refuses a cluster identifier RDS would not accept",
        args: proxyArgs({ target: { clusterIdentifier: "Orders_1" } }),
        path: "target.clusterIdentifier",
        message: /"Orders_1" is malformed; allowed: an Aurora cluster identifier/,
    },
    {
        title: "refuses a proxy without a secret to log in with",
        args: proxyArgs({ secrets: [] }),
        path: "secrets",
        message: /is empty; allowed: at least one secret/,
    },
    {
        title: "refuses a secret ARN that is not a Secrets Manager ARN",
        args: proxyArgs({ secrets: [{ arn: "arn:aws:ssm:us-east-1:123456789012:parameter/db" }] }),
        path: "secrets[0].arn",
        message: /is malformed; allowed: a Secrets Manager secret ARN/,
    },
    {
        title: "refuses a key alias where the secret's key ARN is needed",
        args: proxyArgs({ secrets: [{ arn: SECRET, kmsKeyArn: "alias/aws/secretsmanager" }] }),
        path: "secrets[0].kmsKeyArn",
        message: /not an alias/,
    },
    {
        title: "refuses a single subnet (RDS Proxy needs two Availability Zones)",
        args: proxyArgs({ vpc: { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0aaaaaaaaaaaaaaaa"] } }),
        path: "vpc.subnetIds",
        message: /fewer than two subnets; allowed: private subnets in at least two Availability Zones/,
    },
    {
        title: "refuses the same subnet twice",
        args: proxyArgs({ vpc: { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0aaaaaaaaaaaaaaaa"] } }),
        path: "vpc.subnetIds",
        message: /lists a subnet twice/,
    },
    {
        title: "refuses a malformed VPC id",
        args: proxyArgs({ vpc: { vpcId: "vpc-1", subnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"] } }),
        path: "vpc.vpcId",
        message: /"vpc-1" is malformed/,
    },
    {
        title: "refuses a target security group that is not a group id",
        args: proxyArgs({ targetSecurityGroupId: "default" }),
        path: "targetSecurityGroupId",
        message: /"default" is malformed/,
    },
    {
        title: "refuses a database port below 1150",
        args: proxyArgs({ port: 80 }),
        path: "port",
        message: /80 is out of range; allowed: an integer from 1150 to 65535/,
    },
    {
        title: "refuses an allowFrom entry that is not a security group id",
        args: proxyArgs({ allowFrom: ["10.0.0.0/16"] }),
        path: "allowFrom[0]",
        message: /"10.0.0.0\/16" is malformed/,
    },
    {
        title: "refuses a client security group listed twice (EC2 refuses the second, identical ingress rule)",
        args: proxyArgs({ allowFrom: ["sg-0123456789abcdef0", "sg-0123456789abcdef0"] }),
        path: "allowFrom[1]",
        message: /listed twice.*each client security group once/,
    },
    {
        title: "refuses an idle client timeout above 8 hours",
        args: proxyArgs({ idleClientTimeoutSeconds: 28_801 }),
        path: "idleClientTimeoutSeconds",
        message: /28801 is out of range; allowed: an integer from 1 to 28800 seconds/,
    },
    {
        title: "refuses a connection pool of 0 percent",
        args: proxyArgs({ maxConnectionsPercent: 0 }),
        path: "maxConnectionsPercent",
        message: /an integer from 1 to 100 percent/,
    },
    {
        title: "refuses debugLogging given as a string",
        args: proxyArgs({ debugLogging: "false" as never }),
        path: "debugLogging",
        message: /is a string; allowed: true or false/,
    },
    {
        title: "refuses an unknown argument, naming the nearest",
        args: { ...proxyArgs(), requireTls: false } as never,
        path: "requireTls",
        message: /is not a known argument/,
    },
];

describe("DatabaseProxy: validate", () => {
    itRefuses(refusals, validate, (args) => new DatabaseProxy("orders", args), /DatabaseProxy "orders"/);

    it("accepts the fixture, and Outputs wherever an Input is allowed", () => {
        assert.deepEqual(validate(proxyArgs()), []);
        const out = pulumi.output("x");
        assert.deepEqual(
            validate(
                proxyArgs({
                    target: { clusterIdentifier: out },
                    secrets: [{ arn: out, kmsKeyArn: out }],
                    vpc: { vpcId: out, subnetIds: pulumi.output(["subnet-0aaaaaaaaaaaaaaaa"]) },
                    targetSecurityGroupId: out,
                    allowFrom: [out],
                }),
            ),
            [],
        );
    });

    it("reports every issue at once", () => {
        const issues = validate(proxyArgs({ port: 1, secrets: [], idleClientTimeoutSeconds: 0 }));
        assert.deepEqual(
            issues.map((i) => i.path),
            ["secrets", "port", "idleClientTimeoutSeconds"],
        );
    });
});
