import * as assert from "node:assert";
import { Network } from "../../components/network";
import { DEFAULTS } from "../../components/network/defaults";
import { validate } from "../../components/network/validate";
import { NetworkArgs } from "../../components/network/args";
import { build, buildFails, json, unwrap } from "../../components/testing";
import { assertDefaultsDocumented } from "../harness/docs";

describe("Network", () => {
    describe("validation", () => {
        const cases: Array<{ title: string; args: NetworkArgs; path?: string; message?: RegExp }> = [
            { title: "accepts the defaults", args: {} },
            { title: "rejects a public CIDR", args: { cidrBlock: "8.8.0.0/16" }, path: "cidrBlock", message: /not a private range/ },
            { title: "rejects a CIDR larger than /16", args: { cidrBlock: "10.0.0.0/8" }, path: "cidrBlock", message: /out of range/ },
            { title: "rejects host bits in the CIDR", args: { cidrBlock: "10.0.1.0/16" }, path: "cidrBlock", message: /host bits/ },
            { title: "rejects malformed CIDR text", args: { cidrBlock: "10.0.0/16" }, path: "cidrBlock", message: /not an IPv4 CIDR/ },
            { title: "rejects one AZ (load balancers need two)", args: { availabilityZones: 1 }, path: "availabilityZones", message: /from 2 to 6/ },
            { title: "rejects an unknown NAT mode", args: { natGateways: "many" as any }, path: "natGateways", message: /"single", "one-per-az", "none"/ },
            { title: "rejects a retention CloudWatch does not offer", args: { flowLogs: { retentionInDays: 10 } }, path: "flowLogs.retentionInDays" },
            { title: "rejects a tag key in the reserved aws: namespace", args: { tags: { "aws:x": "y" } }, path: "tags.aws:x", message: /not a valid tag key/ },
            { title: "rejects an unknown gateway endpoint", args: { gatewayEndpoints: ["sqs" as any] }, path: "gatewayEndpoints[0]" },
            {
                title: "rejects a typo'd key, suggesting the nearest",
                args: { natGateway: "none" } as any,
                path: "natGateway",
                message: /did you mean natGateways\?/,
            },
            {
                title: 'rejects the string "false" for flowLogs',
                args: { flowLogs: "false" } as any,
                path: "flowLogs",
                message: /is a string; allowed: true, false or/,
            },
            {
                title: "rejects a string for availabilityZones",
                args: { availabilityZones: "3" } as any,
                path: "availabilityZones",
                message: /is a string; allowed: an integer/,
            },
            {
                title: "rejects a tag key that is a prototype name",
                args: { tags: JSON.parse('{"__proto__": "x"}') },
                path: "tags.__proto__",
                message: /prototype/,
            },
        ];
        for (const c of cases) {
            it(c.title, async () => {
                const issues = validate(c.args);
                if (!c.path) return assert.deepEqual(issues, []);
                assert.equal(issues.length, 1, JSON.stringify(issues));
                assert.equal(issues[0].path, c.path);
                if (c.message) assert.match(`${issues[0].message}; allowed: ${issues[0].allowed}`, c.message);
                // The constructor refuses the same args before any resource exists.
                const { error, registry } = await buildFails(() => new Network("main", c.args));
                assert.match(error.message, new RegExp(`^Network "main": ${c.path.replace(/[[\]]/g, "\\$&")}`));
                assert.equal(registry.size, 0);
            });
        }

        it("fails before creating anything, naming component, field, value and what is allowed", async () => {
            const { error, registry } = await buildFails(() => new Network("main", { availabilityZones: 9, natGateways: "x" as any }));
            assert.match(error.message, /^Network "main": 2 invalid arguments:/);
            assert.match(error.message, /availabilityZones=9 is out of range; allowed: an integer from 2 to 6/);
            assert.match(error.message, /natGateways="x" is not supported/);
            assert.equal(registry.size, 0);
        });
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/network/args.ts", DEFAULTS));

    describe("with the defaults", () => {
        it("passes two AZs, public and private subnets and a single NAT gateway to awsx", async () => {
            const { registry } = await build(() => new Network("main"));
            const vpc = registry.one("awsx:ec2:Vpc", "main-vpc");
            assert.equal(vpc.remote, true);
            assert.equal(vpc.inputs.numberOfAvailabilityZones, 2);
            assert.equal(vpc.inputs.cidrBlock, "10.0.0.0/16");
            assert.deepEqual(vpc.inputs.natGateways, { strategy: "Single" });
            assert.deepEqual(
                vpc.inputs.subnetSpecs.map((s: any) => s.type),
                ["Public", "Private"],
            );
            assert.equal(vpc.parent, registry.one(Network.type).urn);
        });

        it("routes S3 and DynamoDB through free gateway endpoints on the VPC's route tables", async () => {
            const { registry } = await build(() => new Network("main"));
            const eps = registry.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
            assert.deepEqual(eps.map((e) => e.inputs.serviceName).sort(), ["com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"]);
            for (const e of eps) {
                assert.equal(e.inputs.vpcEndpointType, "Gateway");
                assert.match(e.inputs.vpcId, /^vpc-/);
                assert.ok(e.inputs.routeTableIds.length > 0);
            }
        });

        it("creates no flow logs", async () => {
            const { registry } = await build(() => new Network("main"));
            assert.equal(registry.ofType("aws:ec2/flowLog:FlowLog").length, 0);
        });

        it("outputs the VPC id and one private subnet per AZ", async () => {
            const { result } = await build(() => new Network("main"));
            assert.match(await unwrap(result.vpcId), /^vpc-[0-9a-f]{17}$/);
            assert.equal((await unwrap(result.privateSubnetIds)).length, 2);
        });
    });

    it("uses one NAT gateway per AZ when asked", async () => {
        const { registry } = await build(() => new Network("main", { availabilityZones: 3, natGateways: "one-per-az" }));
        assert.deepEqual(registry.one("awsx:ec2:Vpc").inputs.natGateways, { strategy: "OnePerAz" });
    });

    it("makes workload subnets isolated when there is no NAT, and still outputs them as private", async () => {
        const { registry, result } = await build(() => new Network("main", { natGateways: "none" }));
        assert.deepEqual(
            registry.one("awsx:ec2:Vpc").inputs.subnetSpecs.map((s: any) => s.type),
            ["Public", "Isolated"],
        );
        assert.equal((await unwrap(result.privateSubnetIds)).length, 2);
    });

    it("writes flow logs to a log group with retention through a role scoped to that group", async () => {
        const { registry } = await build(() => new Network("main", { flowLogs: { retentionInDays: 365 } }));
        const group = registry.one("aws:cloudwatch/logGroup:LogGroup", "main-flow-logs");
        assert.equal(group.inputs.retentionInDays, 365);
        const flow = registry.one("aws:ec2/flowLog:FlowLog", "main-flow-log");
        assert.equal(flow.inputs.trafficType, "ALL");
        assert.equal(flow.inputs.logDestination, group.outputs.arn);
        const role = registry.one("aws:iam/role:Role", "main-flow-logs-role");
        assert.equal(flow.inputs.iamRoleArn, role.outputs.arn);
        const trust = json(role.inputs.assumeRolePolicy);
        assert.deepEqual(trust.Statement[0].Principal, { Service: "vpc-flow-logs.amazonaws.com" });
        assert.equal(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"], "123456789012");
        const policy = json(registry.policiesOf(role)[0].policy);
        assert.deepEqual(policy.Statement[0].Resource, [group.outputs.arn, `${group.outputs.arn}:*`]);
    });
});
