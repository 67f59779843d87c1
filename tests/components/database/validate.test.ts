import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { Database, DatabaseArgs } from "../../../components/database";
import { normalize } from "../../../components/database/defaults";
import { validate } from "../../../components/database/validate";
import { MultiRefusal, Refusal, itRefuses, itRefusesAll } from "../../harness/refusals";
import { dbArgs } from "./fixtures";

const refusals: Refusal<DatabaseArgs>[] = [
    {
        title: "refuses a single subnet (a DB subnet group and RDS Proxy need two Availability Zones)",
        args: dbArgs({ vpc: { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0aaaaaaaaaaaaaaaa"] } }),
        path: "vpc.subnetIds",
        message: /fewer than two subnets/,
    },
    {
        title: "refuses an engine version without a minor version",
        args: dbArgs({ engineVersion: "16" }),
        path: "engineVersion",
        message: /"16" is not an aurora-postgresql version that runs Serverless v2; allowed: major.minor from 13.6, 14.3, 15.2, 16.1, 17.4 on/,
    },
    {
        title: "refuses an engine version older than Serverless v2",
        args: dbArgs({ engineVersion: "13.4" }),
        path: "engineVersion",
        message: /"13.4" is not an aurora-postgresql version that runs Serverless v2/,
    },
    { title: "refuses a major version Aurora does not have", args: dbArgs({ engineVersion: "12.17" }), path: "engineVersion", message: /"12.17"/ },
    {
        title: "refuses a database name starting with a digit",
        args: dbArgs({ databaseName: "1orders" }),
        path: "databaseName",
        message: /"1orders" is malformed; allowed: 1 to 63 letters, digits and '_', a letter first/,
    },
    {
        title: "refuses a database name that is a PostgreSQL reserved word",
        args: dbArgs({ databaseName: "select" }),
        path: "databaseName",
        message: /"select" is a name PostgreSQL or RDS reserves/,
    },
    { title: "refuses the template databases as database name", args: dbArgs({ databaseName: "template1" }), path: "databaseName", message: /reserves/ },
    {
        title: "refuses admin as master user (RDS reserves it)",
        args: dbArgs({ masterUsername: "admin" }),
        path: "masterUsername",
        message: /"admin" is a name PostgreSQL or RDS reserves/,
    },
    { title: "refuses a master user in RDS's rds prefix", args: dbArgs({ masterUsername: "rdsadmin" }), path: "masterUsername", message: /reserves/ },
    { title: "refuses a master user in PostgreSQL's pg_ prefix", args: dbArgs({ masterUsername: "pg_owner" }), path: "masterUsername", message: /reserves/ },
    { title: "refuses user (a reserved word) as master user", args: dbArgs({ masterUsername: "USER" }), path: "masterUsername", message: /reserves/ },
    {
        title: "refuses a master user name longer than 63 characters",
        args: dbArgs({ masterUsername: `a${"b".repeat(63)}` }),
        path: "masterUsername",
        message: /is malformed/,
    },
    {
        title: "refuses a minimum capacity above 256 ACUs",
        args: dbArgs({ capacity: { minAcu: 300, maxAcu: 256 } }),
        path: "capacity.minAcu",
        message: /300 is out of range; allowed: 0 to 256 ACUs in steps of 0.5/,
    },
    {
        title: "refuses a capacity off the 0.5 ACU steps",
        args: dbArgs({ capacity: { maxAcu: 4.25 } }),
        path: "capacity.maxAcu",
        message: /4.25 is out of range; allowed: 1 to 256 ACUs in steps of 0.5/,
    },
    {
        title: "refuses a maximum below 1 ACU",
        args: dbArgs({ capacity: { minAcu: 0.5, maxAcu: 0.5 } }),
        path: "capacity.maxAcu",
        message: /0.5 is out of range; allowed: 1 to 256/,
    },
    { title: "refuses a negative capacity", args: dbArgs({ capacity: { minAcu: -1 } }), path: "capacity.minAcu", message: /-1 is out of range/ },
    {
        title: "refuses a minimum above the maximum",
        args: dbArgs({ capacity: { minAcu: 8, maxAcu: 4 } }),
        path: "capacity.minAcu",
        message: /8 is above maxAcu \(4\); allowed: at most 4/,
    },
    {
        title: "refuses scaling to 0 ACUs behind RDS Proxy (the proxy's connections keep it awake; AWS does not offer auto-pause with it)",
        args: dbArgs({ capacity: { minAcu: 0 } }),
        path: "capacity.minAcu",
        message: /cannot pause a cluster behind RDS Proxy \(the proxy keeps connections open\); allowed: 0.5 or more, or proxy: false/,
    },
    {
        title: "refuses scaling to 0 ACUs on a version before auto-pause (16.3)",
        args: dbArgs({ engineVersion: "16.2", proxy: false, capacity: { minAcu: 0 } }),
        path: "capacity.minAcu",
        message: /needs an engine version that scales to 0 ACUs \(16.2 does not\); allowed: 0.5 or more, or engineVersion 16.3 or later/,
    },
    {
        title: "refuses an auto-pause delay without a minimum of 0 ACUs",
        args: dbArgs({ capacity: { minAcu: 0.5, autoPauseSeconds: 600 } }),
        path: "capacity.autoPauseSeconds",
        message: /only applies when minAcu is 0/,
    },
    {
        title: "refuses an auto-pause delay under 5 minutes",
        args: dbArgs({ proxy: false, capacity: { minAcu: 0, autoPauseSeconds: 60 } }),
        path: "capacity.autoPauseSeconds",
        message: /60 is out of range; allowed: an integer from 300 to 86400 seconds/,
    },
    { title: "refuses more than 15 readers", args: dbArgs({ readers: 16 }), path: "readers", message: /16 is out of range; allowed: an integer from 0 to 15/ },
    {
        title: "refuses 0 days of backups (Aurora keeps at least 1)",
        args: dbArgs({ backupRetentionDays: 0 }),
        path: "backupRetentionDays",
        message: /an integer from 1 to 35 days/,
    },
    { title: "refuses 36 days of backups", args: dbArgs({ backupRetentionDays: 36 }), path: "backupRetentionDays", message: /36 is out of range/ },
    { title: "refuses a key alias for kmsKeyArn", args: dbArgs({ kmsKeyArn: "alias/aws/rds" }), path: "kmsKeyArn", message: /not an alias/ },
    {
        title: "refuses a log retention CloudWatch does not offer",
        args: dbArgs({ logRetentionDays: 10 }),
        path: "logRetentionDays",
        message: /10 is not supported; allowed: 1, 3, 5, 7, 14, 30/,
    },
    {
        title: "refuses proxy: true (the proxy is on by default; false turns it off)",
        args: dbArgs({ proxy: true as never }),
        path: "proxy",
        message: /true is not supported; allowed: false/,
    },
    {
        title: "refuses a proxy idle timeout above 8 hours",
        args: dbArgs({ proxy: { idleClientTimeoutSeconds: 30_000 } }),
        path: "proxy.idleClientTimeoutSeconds",
        message: /an integer from 1 to 28800 seconds/,
    },
    {
        title: "refuses a proxy pool above 100 percent",
        args: dbArgs({ proxy: { maxConnectionsPercent: 101 } }),
        path: "proxy.maxConnectionsPercent",
        message: /an integer from 1 to 100 percent/,
    },
    {
        title: "refuses an allowFrom entry that is not a security group id",
        args: dbArgs({ allowFrom: ["web"] }),
        path: "allowFrom[0]",
        message: /"web" is malformed/,
    },
    {
        title: "refuses a client security group listed twice (EC2 refuses the second, identical ingress rule)",
        args: dbArgs({ allowFrom: ["sg-0123456789abcdef0", "sg-0123456789abcdef0"] }),
        path: "allowFrom[1]",
        message: /listed twice.*each client security group once/,
    },
    { title: "refuses an unknown argument, naming the nearest", args: { ...dbArgs(), minAcu: 1 } as never, path: "minAcu", message: /is not a known argument/ },
    {
        title: "refuses a proxy transform when there is no proxy",
        args: dbArgs({ proxy: false, transform: { proxy: { proxy: { debugLogging: true } } } }),
        path: "transform.proxy",
        message: /has no proxy to change \(proxy is false\)/,
    },
    {
        title: "refuses a direct-path rule transform while the proxy creates the rules",
        args: dbArgs({ transform: { rule: { description: "x" } } }),
        path: "transform.rule",
        message: /applies only with proxy: false .*; allowed: transform.proxy.rule/,
    },
    { title: "refuses readers given as a string", args: dbArgs({ readers: "1" as never }), path: "readers", message: /is a string; allowed: an integer/ },
];

const multi: MultiRefusal<DatabaseArgs>[] = [
    {
        title: "reports every issue at once: engine, names and capacity",
        args: dbArgs({ engineVersion: "11.9", databaseName: "table", masterUsername: "admin", capacity: { minAcu: 2, maxAcu: 1 }, readers: -1 }),
        paths: ["engineVersion", "databaseName", "masterUsername", "capacity.minAcu", "readers"],
        message: /Serverless v2.*reserves.*reserves.*above maxAcu.*0 to 15/,
    },
];

describe("Database: validate", () => {
    itRefuses(refusals, validate, (args) => new Database("orders", args), /Database "orders"/);
    itRefusesAll(multi, validate, (args) => new Database("orders", args), /Database "orders"/);

    it("accepts the defaults, 0 ACUs without a proxy on 16.6, and Outputs wherever an Input is allowed", () => {
        assert.deepEqual(validate(dbArgs()), []);
        assert.deepEqual(validate(dbArgs({ proxy: false, capacity: { minAcu: 0, maxAcu: 1, autoPauseSeconds: 86_400 } })), []);
        const out = pulumi.output("x");
        assert.deepEqual(
            validate(dbArgs({ vpc: { vpcId: out, subnetIds: pulumi.output(["subnet-0aaaaaaaaaaaaaaaa"]) }, kmsKeyArn: out, allowFrom: [out] })),
            [],
        );
    });

    it("gives the same verdict on the output of normalize (validation runs on resolved values)", () => {
        for (const args of [dbArgs(), dbArgs({ capacity: { minAcu: 0 } }), dbArgs({ readers: 20, engineVersion: "12.1" })]) {
            const resolved = normalize(args);
            assert.deepEqual(validate({ ...resolved, kmsKeyArn: undefined } as DatabaseArgs), validate(args));
        }
    });
});
