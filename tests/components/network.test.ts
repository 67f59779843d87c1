import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { Network } from "../../components/network";
import { firstZones } from "../../components/network/network";
import { NetworkArgs, NetworkTransforms } from "../../components/network/args";
import { DEFAULTS, normalize } from "../../components/network/defaults";
import { INTERFACE_ENDPOINTS } from "../../components/network/endpoints";
import { subnetLayout } from "../../components/network/layout";
import { validate } from "../../components/network/validate";
import { build, buildFails, json, unwrap } from "../../components/testing";
import { assertDefaultsDocumented } from "../harness/docs";

const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE = "aws:ec2/route:Route";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const NAT = "aws:ec2/natGateway:NatGateway";
const EIP = "aws:ec2/eip:Eip";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

/** `10.1.2.0/24` → [first address, last address] as integers. */
/** Asserts that a Network built from `args` lists every child it created, and nothing else, in its `resources` output. */
async function assertExposesEveryChild(args: NetworkArgs): Promise<void> {
    const { registry, result } = await build(() => new Network("main", args));
    const exposed: pulumi.Resource[] = [];
    const collect = (v: unknown): void => {
        if (pulumi.Resource.isInstance(v)) exposed.push(v);
        else if (v && typeof v === "object") Object.values(v).forEach(collect);
    };
    collect(result.resources);
    const names = (await Promise.all(exposed.map((r) => unwrap(r.urn)))).map((u) => u.split("::").pop()).sort();
    const children = registry
        .descendantsOf(registry.one(Network.type))
        .map((r) => r.name)
        .sort();
    assert.deepEqual(names, children);
}

function range(cidr: string): [number, number] {
    const [ip, bits] = cidr.split("/");
    const start = ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
    return [start, start + 2 ** (32 - Number(bits)) - 1];
}

describe("Network", () => {
    describe("validation", () => {
        const cases: Array<{ title: string; args: NetworkArgs; path?: string; message?: RegExp }> = [
            { title: "accepts the defaults", args: {} },
            { title: "accepts a /24 VPC across two AZs (subnets shrink to fit)", args: { cidrBlock: "10.0.0.0/24" } },
            { title: "accepts explicit interface endpoints", args: { interfaceEndpoints: ["ecr.api", "ecs-agent", "kms"] } },
            { title: "rejects a public CIDR", args: { cidrBlock: "8.8.0.0/16" }, path: "cidrBlock", message: /not a private range/ },
            { title: "rejects a CIDR larger than /16", args: { cidrBlock: "10.0.0.0/8" }, path: "cidrBlock", message: /out of range/ },
            { title: "rejects host bits in the CIDR", args: { cidrBlock: "10.0.1.0/16" }, path: "cidrBlock", message: /host bits/ },
            { title: "rejects malformed CIDR text", args: { cidrBlock: "10.0.0/16" }, path: "cidrBlock", message: /not an IPv4 CIDR/ },
            {
                title: "rejects a /24 VPC for three AZs, naming the largest count that fits and the VPC size that would",
                args: { cidrBlock: "10.0.0.0/24", availabilityZones: 3 },
                path: "cidrBlock",
                message: /too small for 3 availability zones.*allowed: at most 2 AZs in a \/24, or a \/23 or larger VPC for 3/,
            },
            {
                title: "rejects a /23 VPC for five AZs",
                args: { cidrBlock: "10.0.0.0/23", availabilityZones: 5 },
                path: "cidrBlock",
                message: /at most 4 AZs in a \/23, or a \/22 or larger VPC for 5/,
            },
            { title: "accepts one AZ (a throw-away environment; the constructor warns)", args: { availabilityZones: 1 } },
            { title: "rejects zero AZs", args: { availabilityZones: 0 }, path: "availabilityZones", message: /from 1 to 6/ },
            {
                title: "rejects an unknown NAT mode",
                args: { natGateways: "many" as any },
                path: "natGateways",
                message: /"single", "one-per-az", "instance", "none"/,
            },
            { title: "accepts a NAT instance with its defaults", args: { natGateways: "instance" } },
            { title: "accepts an x86_64 NAT instance (its AMI follows)", args: { natGateways: "instance", natInstance: { instanceType: "t3.nano" } } },
            {
                title: "rejects NAT instance settings with NAT gateways (an option that would do nothing)",
                args: { natGateways: "single", natInstance: { instanceType: "t4g.micro" } },
                path: "natInstance",
                message: /natGateways is "single"; allowed: natGateways: "instance", or no natInstance/,
            },
            {
                title: "rejects NAT instance settings without a NAT mode (the default is NAT gateways)",
                args: { natInstance: {} },
                path: "natInstance",
            },
            {
                title: "rejects a NAT instance type whose architecture is unknown",
                args: { natGateways: "instance", natInstance: { instanceType: "nano" } },
                path: "natInstance.instanceType",
                message: /not an EC2 instance type whose architecture is known/,
            },
            {
                title: "rejects an x86_64 AMI parameter for a Graviton NAT instance",
                args: {
                    natGateways: "instance",
                    natInstance: { imageId: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" },
                },
                path: "natInstance.imageId",
                message: /is an x86_64 image, and t4g.nano is an arm64 instance type/,
            },
            {
                title: "rejects an arm64 AMI parameter for an x86_64 NAT instance",
                args: {
                    natGateways: "instance",
                    natInstance: { instanceType: "t3.nano", imageId: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64" },
                },
                path: "natInstance.imageId",
                message: /is an arm64 image, and t3.nano is an x86_64 instance type/,
            },
            {
                title: "rejects a NAT instance image that is neither an AMI id nor an SSM reference",
                args: { natGateways: "instance", natInstance: { imageId: "al2023" } },
                path: "natInstance.imageId",
                message: /neither an AMI id nor an SSM parameter reference/,
            },
            { title: "accepts a pinned AMI id for the NAT instance", args: { natGateways: "instance", natInstance: { imageId: "ami-0123456789abcdef0" } } },
            { title: "rejects a retention CloudWatch does not offer", args: { flowLogs: { retentionInDays: 10 } }, path: "flowLogs.retentionInDays" },
            { title: "rejects a tag key in the reserved aws: namespace", args: { tags: { "aws:x": "y" } }, path: "tags.aws:x", message: /not a valid tag key/ },
            { title: "rejects an unknown gateway endpoint", args: { gatewayEndpoints: ["sqs" as any] }, path: "gatewayEndpoints[0]" },
            {
                title: "rejects an interface endpoint name that is not a service (ecr for ecr.api/ecr.dkr)",
                args: { interfaceEndpoints: ["ecr" as any] },
                path: "interfaceEndpoints[0]",
                message: /"ecr.api", "ecr.dkr"/,
            },
            {
                title: "rejects S3 as an interface endpoint (its gateway endpoint is free)",
                args: { interfaceEndpoints: ["logs", "s3" as any] },
                path: "interfaceEndpoints[1]",
            },
            {
                title: "rejects a full service name where the short one is expected",
                args: { interfaceEndpoints: ["com.amazonaws.us-east-1.logs" as any] },
                path: "interfaceEndpoints[0]",
            },
            {
                title: "rejects interface endpoints given as one string",
                args: { interfaceEndpoints: "logs" as any },
                path: "interfaceEndpoints",
                message: /is a string; allowed: a list/,
            },
            { title: "rejects null flow logs", args: { flowLogs: null as any }, path: "flowLogs", message: /is null; allowed: true, false or/ },
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
                assert.match(error.message, new RegExp(`^Network "main": ${c.path.replace(/[[\].]/g, "\\$&")}`));
                assert.equal(registry.size, 0);
            });
        }

        it("fails before creating anything, naming component, field, value and what is allowed", async () => {
            const { error, registry } = await buildFails(
                () => new Network("main", { availabilityZones: 9, natGateways: "x" as any, interfaceEndpoints: ["nope" as any] }),
            );
            assert.match(error.message, /^Network "main": 3 invalid arguments:/);
            assert.match(error.message, /availabilityZones=9 is out of range; allowed: an integer from 1 to 6/);
            assert.match(error.message, /natGateways="x" is not supported/);
            assert.match(error.message, /interfaceEndpoints\[0\]="nope" is not supported; allowed: "ecr.api"/);
            assert.equal(registry.size, 0);
        });

        it("accepts what normalize produces, for every NAT mode", () => {
            for (const natGateways of ["single", "one-per-az", "instance", "none"] as const) {
                const resolved = normalize({ natGateways, flowLogs: true });
                const { flowLogs, natInstance, ...rest } = resolved;
                assert.deepEqual(validate({ ...rest, flowLogs: flowLogs!, ...(natInstance ? { natInstance } : {}) }), []);
            }
        });
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/network/args.ts", DEFAULTS));

    describe("subnet layout", () => {
        it("places subnets as awsx's Auto strategy did for a /16 (public /24 at each AZ block's base, private /20 after it)", () => {
            const cidrs = (azs: number) => subnetLayout("10.0.0.0/16", azs)!.subnets.map((s) => [s.public, s.private]);
            assert.deepEqual(cidrs(2), [
                ["10.0.0.0/24", "10.0.16.0/20"],
                ["10.0.128.0/24", "10.0.144.0/20"],
            ]);
            assert.deepEqual(cidrs(3), [
                ["10.0.0.0/24", "10.0.16.0/20"],
                ["10.0.64.0/24", "10.0.80.0/20"],
                ["10.0.128.0/24", "10.0.144.0/20"],
            ]);
            assert.deepEqual(
                cidrs(6).map(([pub]) => pub),
                ["10.0.0.0/24", "10.0.32.0/24", "10.0.64.0/24", "10.0.96.0/24", "10.0.128.0/24", "10.0.160.0/24"],
            );
            assert.equal(cidrs(6)[5][1], "10.0.176.0/20");
        });

        it("scales the masks down in small VPCs: a /24 across two AZs gets /27 public and /26 private subnets", () => {
            assert.deepEqual(subnetLayout("192.168.5.0/24", 2)!.subnets, [
                { public: "192.168.5.0/27", private: "192.168.5.64/26" },
                { public: "192.168.5.128/27", private: "192.168.5.192/26" },
            ]);
            assert.deepEqual(subnetLayout("10.0.0.0/20", 2)!.subnets, [
                { public: "10.0.0.0/24", private: "10.0.4.0/22" },
                { public: "10.0.8.0/24", private: "10.0.12.0/22" },
            ]);
        });

        it("for every VPC size /16–/24 and 1–6 AZs: subnets inside the VPC, none overlapping, public ≥ /27, or refused by validate", () => {
            for (let bits = 16; bits <= 24; bits++) {
                for (let azs = 1; azs <= 6; azs++) {
                    const cidr = `10.${bits}.0.0/${bits}`;
                    const layout = subnetLayout(cidr, azs);
                    const refused = validate({ cidrBlock: cidr, availabilityZones: azs }).length > 0;
                    assert.equal(refused, layout === undefined, `${cidr} × ${azs}`);
                    if (!layout) continue;
                    const [lo, hi] = range(cidr);
                    const all = layout.subnets.flatMap((s) => [s.public, s.private]).map(range);
                    assert.equal(layout.subnets.length, azs);
                    for (const [a, b] of all) assert.ok(a >= lo && b <= hi, `${cidr} × ${azs}: a subnet leaves the VPC`);
                    const sorted = [...all].sort((x, y) => x[0] - y[0]);
                    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i][0] > sorted[i - 1][1], `${cidr} × ${azs}: subnets overlap`);
                    // An ALB needs /27 subnets; AWS allows subnets from /16 to /28.
                    assert.ok(layout.publicMask <= 27 && layout.privateMask <= 28, `${cidr} × ${azs}`);
                    for (const s of layout.subnets) assert.equal(range(s.public)[0] % 2 ** (32 - layout.publicMask), 0);
                }
            }
        });
    });

    it("refuses more AZs than the region has, naming the zones it has", () => {
        assert.deepEqual(firstZones("main", ["eu-west-3a", "eu-west-3b", "eu-west-3c"], 2), ["eu-west-3a", "eu-west-3b"]);
        assert.throws(
            () => firstZones("main", ["eu-west-3a", "eu-west-3b", "eu-west-3c"], 4),
            /^ArgsError: Network "main": availabilityZones=4 is more than the region's 3 available zones \(eu-west-3a, eu-west-3b, eu-west-3c\); allowed: at most 3$/,
        );
    });

    describe("with the defaults", () => {
        it("builds a VPC with DNS support and hostnames, one public and one private subnet per AZ, in the region's AZs", async () => {
            const { registry } = await build(() => new Network("main"));
            const vpc = registry.one("aws:ec2/vpc:Vpc", "main-vpc");
            assert.equal(vpc.inputs.cidrBlock, "10.0.0.0/16");
            assert.equal(vpc.inputs.enableDnsHostnames, true);
            assert.equal(vpc.inputs.enableDnsSupport, true);
            assert.equal(vpc.parent, registry.one(Network.type).urn);
            const subnets = registry
                .ofType(SUBNET)
                .sort((a, b) => (a.name.includes("public") ? 0 : 1) - (b.name.includes("public") ? 0 : 1) || a.name.localeCompare(b.name));
            assert.deepEqual(
                subnets.map((s) => [s.name, s.inputs.availabilityZone, s.inputs.cidrBlock, s.inputs.tags.Name]),
                [
                    ["main-public-subnet-1", "us-east-1a", "10.0.0.0/24", "main-public-us-east-1a"],
                    ["main-public-subnet-2", "us-east-1b", "10.0.128.0/24", "main-public-us-east-1b"],
                    ["main-private-subnet-1", "us-east-1a", "10.0.16.0/20", "main-private-us-east-1a"],
                    ["main-private-subnet-2", "us-east-1b", "10.0.144.0/20", "main-private-us-east-1b"],
                ],
            );
            for (const s of subnets) assert.equal(s.inputs.vpcId, vpc.id);
        });

        it("assigns no public IP on launch in any subnet (Security Hub EC2.15)", async () => {
            const { registry } = await build(() => new Network("main"));
            for (const s of registry.ofType(SUBNET)) assert.strictEqual(s.inputs.mapPublicIpOnLaunch, false, s.name);
        });

        it("adopts the VPC's default security group with no rules at all (Security Hub EC2.2)", async () => {
            const { registry } = await build(() => new Network("main"));
            const sg = registry.one("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "main-default-security-group");
            assert.equal(sg.inputs.vpcId, registry.one("aws:ec2/vpc:Vpc").id);
            assert.equal(sg.inputs.ingress, undefined);
            assert.equal(sg.inputs.egress, undefined);
        });

        it("routes the public subnets through one route table to the internet gateway", async () => {
            const { registry } = await build(() => new Network("main"));
            const igw = registry.one("aws:ec2/internetGateway:InternetGateway", "main-internet-gateway");
            const table = registry.one(ROUTE_TABLE, "main-public-route-table");
            const route = registry.one(ROUTE, "main-internet-route");
            assert.deepEqual(
                { table: route.inputs.routeTableId, to: route.inputs.destinationCidrBlock, via: route.inputs.gatewayId },
                { table: table.id, to: "0.0.0.0/0", via: igw.id },
            );
            const publicIds = registry
                .ofType(SUBNET)
                .filter((s) => s.name.includes("public"))
                .map((s) => s.id);
            const associated = registry
                .ofType(ASSOCIATION)
                .filter((a) => a.inputs.routeTableId === table.id)
                .map((a) => a.inputs.subnetId);
            assert.deepEqual(associated, publicIds);
        });

        it("puts the single NAT gateway, with its Elastic IP, in the first public subnet after the internet gateway", async () => {
            const { registry } = await build(() => new Network("main"));
            const nat = registry.one(NAT, "main-nat-gateway-1");
            const eip = registry.one(EIP, "main-nat-eip-1");
            assert.equal(eip.inputs.domain, "vpc");
            assert.equal(nat.inputs.allocationId, eip.outputs.allocationId);
            assert.equal(nat.inputs.subnetId, registry.one(SUBNET, "main-public-subnet-1").id);
            assert.ok(nat.dependsOn?.includes(registry.one("aws:ec2/internetGateway:InternetGateway").urn));
        });

        it("routes every private subnet through its own AZ's route table to the single NAT gateway", async () => {
            const { registry } = await build(() => new Network("main"));
            const nat = registry.one(NAT);
            for (const az of [1, 2]) {
                const table = registry.one(ROUTE_TABLE, `main-private-route-table-${az}`);
                const assoc = registry.one(ASSOCIATION, `main-private-route-table-association-${az}`);
                assert.deepEqual(assoc.inputs, { subnetId: registry.one(SUBNET, `main-private-subnet-${az}`).id, routeTableId: table.id });
                const route = registry.one(ROUTE, `main-nat-route-${az}`);
                assert.deepEqual([route.inputs.routeTableId, route.inputs.destinationCidrBlock, route.inputs.natGatewayId], [table.id, "0.0.0.0/0", nat.id]);
            }
        });

        it("routes S3 and DynamoDB through free gateway endpoints on every route table, public and private", async () => {
            const { registry } = await build(() => new Network("main"));
            const tables = registry.ofType(ROUTE_TABLE).map((t) => t.id);
            const eps = registry.ofType(ENDPOINT);
            assert.deepEqual(eps.map((e) => e.inputs.serviceName).sort(), ["com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"]);
            for (const e of eps) {
                assert.equal(e.inputs.vpcEndpointType, "Gateway");
                assert.deepEqual([...e.inputs.routeTableIds].sort(), [...tables].sort());
            }
        });

        it("exposes the private subnets' route tables, one per AZ in AZ order, and not the public one", async () => {
            const { registry, result } = await build(() => new Network("main"));
            assert.deepEqual(await Promise.all(result.privateRouteTableIds.map(unwrap)), [
                registry.one(ROUTE_TABLE, "main-private-route-table-1").id,
                registry.one(ROUTE_TABLE, "main-private-route-table-2").id,
            ]);
            assert.ok(!("privateRouteTableIds" in result.vpcArgs), "vpcArgs keeps the shape ContainerService accepts");
        });

        it("creates no interface endpoints and no flow logs, and says the workload subnets egress through NAT", async () => {
            const { registry, result } = await build(() => new Network("main"));
            assert.equal(registry.ofType(ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Interface").length, 0);
            assert.equal(registry.ofType("aws:ec2/securityGroup:SecurityGroup").length, 0);
            assert.equal(registry.ofType("aws:ec2/flowLog:FlowLog").length, 0);
            assert.equal(result.vpcArgs.egress, "nat");
        });

        it("gives consumers the VPC id, one subnet id Output per AZ and the CIDR as vpcArgs", async () => {
            const { registry, result } = await build(() => new Network("main"));
            const args = result.vpcArgs;
            assert.equal(await unwrap(args.vpcId), registry.one("aws:ec2/vpc:Vpc").id);
            assert.deepEqual(await Promise.all(args.privateSubnetIds.map(unwrap)), [
                registry.one(SUBNET, "main-private-subnet-1").id,
                registry.one(SUBNET, "main-private-subnet-2").id,
            ]);
            assert.equal(args.publicSubnetIds.length, 2);
            assert.equal(args.cidrBlock, "10.0.0.0/16");
            assert.match(await unwrap(result.vpcId), /^vpc-[0-9a-f]{17}$/);
            assert.deepEqual(await unwrap(result.privateSubnetIds), await Promise.all(args.privateSubnetIds.map(unwrap)));
        });
    });

    it("routes each AZ's private subnets through the NAT gateway in its own AZ with one-per-az", async () => {
        const { registry } = await build(() => new Network("main", { availabilityZones: 3, natGateways: "one-per-az" }));
        assert.equal(registry.ofType(NAT).length, 3);
        assert.equal(registry.ofType(EIP).length, 3);
        for (const az of [1, 2, 3]) {
            const nat = registry.one(NAT, `main-nat-gateway-${az}`);
            assert.equal(nat.inputs.subnetId, registry.one(SUBNET, `main-public-subnet-${az}`).id);
            assert.equal(nat.inputs.tags.Name, `main-nat-us-east-1${"abc"[az - 1]}`);
            const route = registry.one(ROUTE, `main-nat-route-${az}`);
            assert.equal(route.inputs.routeTableId, registry.one(ROUTE_TABLE, `main-private-route-table-${az}`).id);
            assert.equal(route.inputs.natGatewayId, nat.id);
        }
    });

    it("builds one AZ (one public and one private subnet in the region's first zone) and warns that it is for throw-away environments", async () => {
        const { registry, warnings, result } = await build(() => new Network("main", { availabilityZones: 1 }));
        assert.equal(registry.ofType(SUBNET).length, 2);
        assert.equal(registry.one(SUBNET, "main-private-subnet-1").inputs.availabilityZone, "us-east-1a");
        assert.equal(registry.ofType(NAT).length, 1);
        assert.equal((result as Network).vpcArgs.privateSubnetIds.length, 1);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /^\[aws-platform:network:single-az\] Network "main": one availability zone, for throw-away environments only/);
    });

    it("does not warn with two or more AZs", async () => {
        const { warnings } = await build(() => new Network("main", { availabilityZones: 2 }));
        assert.deepEqual(warnings, []);
    });

    describe('with natGateways: "none"', () => {
        it("creates no NAT gateway, no Elastic IP and no default route from the private subnets", async () => {
            const { registry } = await build(() => new Network("main", { natGateways: "none" }));
            assert.equal(registry.ofType(NAT).length, 0);
            assert.equal(registry.ofType(EIP).length, 0);
            assert.deepEqual(
                registry.ofType(ROUTE).map((r) => r.name),
                ["main-internet-route"],
            );
            // The private subnets still have their own route tables, for the gateway endpoints.
            assert.equal(registry.ofType(ASSOCIATION).filter((a) => a.name.startsWith("main-private")).length, 2);
        });

        it("creates the interface endpoints ECS tasks need, with private DNS, in the private subnets", async () => {
            const { registry } = await build(() => new Network("main", { natGateways: "none" }));
            const interfaces = registry.ofType(ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Interface");
            assert.deepEqual(
                interfaces.map((e) => e.inputs.serviceName),
                ["ecr.api", "ecr.dkr", "logs", "sts", "ssmmessages", "secretsmanager"].map((s) => `com.amazonaws.us-east-1.${s}`),
            );
            const privateIds = registry
                .ofType(SUBNET)
                .filter((s) => s.name.includes("private"))
                .map((s) => s.id);
            const sg = registry.one("aws:ec2/securityGroup:SecurityGroup", "main-endpoint-security-group");
            for (const e of interfaces) {
                assert.equal(e.inputs.privateDnsEnabled, true);
                assert.deepEqual(e.inputs.subnetIds, privateIds);
                assert.deepEqual(e.inputs.securityGroupIds, [sg.id]);
            }
            assert.ok(registry.named("main-ecr-api-endpoint"));
        });

        it("admits only HTTPS from the VPC's CIDR to the interface endpoints", async () => {
            const { registry } = await build(() => new Network("main", { natGateways: "none", cidrBlock: "10.9.0.0/16" }));
            const sg = registry.one("aws:ec2/securityGroup:SecurityGroup", "main-endpoint-security-group");
            assert.equal(sg.inputs.ingress, undefined);
            assert.equal(sg.inputs.egress, undefined);
            const rules = registry.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
            assert.deepEqual(
                rules.map((r) => [r.name, r.inputs.securityGroupId, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]),
                [["main-endpoint-https-from-vpc", sg.id, "tcp", 443, 443, "10.9.0.0/16"]],
            );
        });

        it('tells consumers the subnets egress through "endpoints", listing them', async () => {
            const { result } = await build(() => new Network("main", { natGateways: "none" }));
            assert.equal(result.vpcArgs.egress, "endpoints");
            assert.deepEqual(result.vpcArgs.interfaceEndpoints, ["ecr.api", "ecr.dkr", "logs", "sts", "ssmmessages", "secretsmanager"]);
        });

        it('says "none" when the endpoints a task needs to start are missing (no S3 gateway, or no ECR)', async () => {
            for (const args of [{ interfaceEndpoints: [] }, { gatewayEndpoints: ["dynamodb"] }, { interfaceEndpoints: ["logs", "sts"] }] as NetworkArgs[]) {
                const { result } = await build(() => new Network("main", { natGateways: "none", ...args }));
                assert.equal(result.vpcArgs.egress, "none", JSON.stringify(args));
            }
        });
    });

    describe('with natGateways: "instance"', () => {
        const INSTANCE = { natGateways: "instance" } as const;
        const ENI = "aws:ec2/networkInterface:NetworkInterface";
        const ASG = "aws:autoscaling/group:Group";
        const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

        it("creates no NAT gateway: one fixed network interface, source/destination check off, in the first public subnet, with an Elastic IP", async () => {
            const { registry } = await build(() => new Network("main", INSTANCE));
            assert.equal(registry.ofType(NAT).length, 0);
            const eni = registry.one(ENI, "main-nat-instance-network-interface");
            assert.equal(eni.inputs.subnetId, registry.one(SUBNET, "main-public-subnet-1").id);
            assert.strictEqual(eni.inputs.sourceDestCheck, false);
            assert.deepEqual(eni.inputs.securityGroups, [registry.one("aws:ec2/securityGroup:SecurityGroup", "main-nat-instance-security-group").id]);
            const eips = registry.ofType(EIP);
            assert.deepEqual(
                eips.map((e) => [e.name, e.inputs.domain, e.inputs.networkInterface]),
                [["main-nat-instance-eip", "vpc", eni.id]],
            );
        });

        it("routes every private route table's default route to the fixed interface, not to an instance", async () => {
            const { registry } = await build(() => new Network("main", { ...INSTANCE, availabilityZones: 3 }));
            const eni = registry.one(ENI);
            for (const az of [1, 2, 3]) {
                const route = registry.one(ROUTE, `main-nat-route-${az}`);
                assert.deepEqual(
                    [route.inputs.routeTableId, route.inputs.destinationCidrBlock, route.inputs.networkInterfaceId, route.inputs.natGatewayId],
                    [registry.one(ROUTE_TABLE, `main-private-route-table-${az}`).id, "0.0.0.0/0", eni.id, undefined],
                );
            }
            assert.equal(registry.ofType(ROUTE).length, 4);
        });

        it("admits all traffic from the VPC's CIDR only, and lets everything out", async () => {
            const { registry } = await build(() => new Network("main", { ...INSTANCE, cidrBlock: "10.9.0.0/16" }));
            const sg = registry.one("aws:ec2/securityGroup:SecurityGroup", "main-nat-instance-security-group");
            assert.equal(sg.inputs.ingress, undefined);
            assert.equal(sg.inputs.egress, undefined);
            registry.hasInputs("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "main-nat-instance-from-vpc", {
                securityGroupId: sg.id,
                ipProtocol: "-1",
                cidrIpv4: "10.9.0.0/16",
            });
            registry.hasInputs("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "main-nat-instance-to-anywhere", {
                securityGroupId: sg.id,
                ipProtocol: "-1",
                cidrIpv4: "0.0.0.0/0",
            });
            assert.equal(registry.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").length, 1);
        });

        it("launches a t4g.nano on the latest arm64 AL2023 through the SSM parameter, booting on the fixed interface, IMDSv2 only, encrypted gp3 root", async () => {
            const { registry } = await build(() => new Network("main", INSTANCE));
            const lt = registry.one(TEMPLATE, "main-nat-instance-launch-template");
            assert.equal(lt.inputs.instanceType, "t4g.nano");
            assert.equal(lt.inputs.imageId, "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64");
            assert.deepEqual(lt.inputs.networkInterfaces, [{ deviceIndex: 0, networkInterfaceId: registry.one(ENI).id, deleteOnTermination: "false" }]);
            assert.equal(lt.inputs.vpcSecurityGroupIds, undefined, "EC2 refuses group ids next to a network interface");
            assert.equal(lt.inputs.metadataOptions.httpTokens, "required");
            assert.equal(lt.inputs.metadataOptions.httpPutResponseHopLimit, 1);
            assert.deepEqual(lt.inputs.blockDeviceMappings, [
                { deviceName: "/dev/xvda", ebs: { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true", volumeSize: 8 } },
            ]);
            assert.equal(lt.inputs.keyName, undefined, "no SSH key: Session Manager");
            assert.deepEqual(
                lt.inputs.tagSpecifications.map((s: { resourceType: string }) => s.resourceType),
                ["instance", "volume"],
            );
        });

        it("picks the x86_64 AL2023 parameter for an x86_64 instance type", async () => {
            const { registry } = await build(() => new Network("main", { ...INSTANCE, natInstance: { instanceType: "t3.micro" } }));
            const lt = registry.one(TEMPLATE);
            assert.equal(lt.inputs.instanceType, "t3.micro");
            assert.equal(lt.inputs.imageId, "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
        });

        it("turns on IP forwarding and masquerades the VPC's traffic in its user data, both persisted across reboots", async () => {
            const { registry } = await build(() => new Network("main", { ...INSTANCE, cidrBlock: "10.10.0.0/16" }));
            const script = Buffer.from(registry.one(TEMPLATE).inputs.userData, "base64").toString();
            assert.match(script, /^#!\/bin\/bash\nset -euo pipefail\n/);
            assert.match(script, /cat > \/etc\/sysctl\.d\/90-nat-instance\.conf <<'EOF'\nnet\.ipv4\.ip_forward = 1\nEOF\n/);
            assert.match(script, /\niptables -t nat -A POSTROUTING -s 10\.10\.0\.0\/16 ! -d 10\.10\.0\.0\/16 -j MASQUERADE\n/);
            // iptables-services' default FORWARD chain rejects; the saved rules are what it restores at boot.
            assert.ok(script.indexOf("iptables -F FORWARD") < script.indexOf("iptables-save > /etc/sysconfig/iptables"));
            assert.match(script, /\nsystemctl enable --now iptables\n/);
            assert.doesNotMatch(script, /eth0|ens5/, "no interface name: AL2023 on Nitro names it ens5");
        });

        it("keeps one instance in the interface's subnet with an Auto Scaling group of one, replacing it on failed EC2 status checks", async () => {
            const { registry } = await build(() => new Network("main", INSTANCE));
            const asg = registry.one(ASG, "main-nat-instance-group");
            const lt = registry.one(TEMPLATE);
            assert.deepEqual([asg.inputs.minSize, asg.inputs.maxSize, asg.inputs.desiredCapacity], [1, 1, 1]);
            assert.deepEqual(asg.inputs.vpcZoneIdentifiers, [registry.one(SUBNET, "main-public-subnet-1").id]);
            assert.equal(asg.inputs.healthCheckType, "EC2");
            assert.equal(asg.inputs.launchTemplate.id, lt.id);
            assert.deepEqual(asg.inputs.instanceRefresh, { strategy: "Rolling", preferences: { minHealthyPercentage: 0 } });
            assert.ok(asg.dependsOn?.includes(registry.one(EIP).urn), "the instance boots with its public address");
        });

        it("gives the instance a profile whose role has only AmazonSSMManagedInstanceCore (Session Manager)", async () => {
            const { registry } = await build(() => new Network("main", INSTANCE));
            const role = registry.one("aws:iam/role:Role", "main-nat-instance-role");
            assert.deepEqual(json(role.inputs.assumeRolePolicy).Statement[0].Principal, { Service: "ec2.amazonaws.com" });
            assert.deepEqual(
                registry.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.policyArn),
                ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
            );
            assert.equal(registry.ofType("aws:iam/rolePolicy:RolePolicy").length, 0);
            const profile = registry.one("aws:iam/instanceProfile:InstanceProfile");
            assert.equal(profile.inputs.role, role.outputs.name);
            assert.equal(registry.one(TEMPLATE).inputs.iamInstanceProfile.arn, profile.outputs.arn);
        });

        it('hands out private subnet ids once the group has its instance, and says the subnets egress through "nat"', async () => {
            class Consumer extends pulumi.CustomResource {
                constructor(name: string, props: pulumi.Inputs) {
                    super("test:index:Consumer", name, props);
                }
            }
            const { registry, result } = await build(() => {
                const net = new Network("main", INSTANCE);
                new Consumer("task", { subnets: net.vpcArgs.privateSubnetIds });
                return net;
            });
            const deps = registry.named("task")!.dependencies;
            for (const name of ["main-nat-route-1", "main-nat-instance-group"]) assert.ok(deps.includes(registry.named(name)!.urn), name);
            assert.equal(result.vpcArgs.egress, "nat");
        });

        it("applies each NAT instance transform key to its child", async () => {
            const keys = [
                ["natInstanceSecurityGroup", "main-nat-instance-security-group"],
                ["natInstanceIngress", "main-nat-instance-from-vpc"],
                ["natInstanceEgress", "main-nat-instance-to-anywhere"],
                ["natInstanceNetworkInterface", "main-nat-instance-network-interface"],
                ["natInstanceEip", "main-nat-instance-eip"],
                ["natInstanceRole", "main-nat-instance-role"],
                ["natInstanceProfile", "main-nat-instance-instance-profile"],
                ["natInstanceLaunchTemplate", "main-nat-instance-launch-template"],
            ] as const;
            const transform: NetworkTransforms = {};
            for (const [key] of keys) (transform as any)[key] = (a: any) => ({ ...a, tags: { ...a.tags, role: key } });
            let groups = 0;
            transform.natInstanceGroup = () => {
                groups++;
            };
            const { registry } = await build(() => new Network("main", { ...INSTANCE, transform }));
            for (const [key, name] of keys) assert.equal(registry.named(name)!.inputs.tags.role, key, name);
            assert.equal(groups, 1);
        });

        it("exposes every NAT instance child in resources", async () => {
            await assertExposesEveryChild(INSTANCE);
        });
    });

    it("creates the Kinesis Data Firehose endpoint a FireLens router needs without NAT (com.amazonaws.<region>.kinesis-firehose)", async () => {
        const { registry, result } = await build(
            () => new Network("main", { natGateways: "none", interfaceEndpoints: ["ecr.api", "ecr.dkr", "logs", "kinesis-firehose"] }),
        );
        assert.equal(registry.one(ENDPOINT, "main-kinesis-firehose-endpoint").inputs.serviceName, "com.amazonaws.us-east-1.kinesis-firehose");
        assert.ok(result.vpcArgs.interfaceEndpoints.includes("kinesis-firehose"));
    });

    it("creates interface endpoints asked for next to NAT gateways, once each", async () => {
        const { registry, result } = await build(() => new Network("main", { interfaceEndpoints: ["kms", "kms", "ecr.api"] }));
        assert.deepEqual(
            registry
                .ofType(ENDPOINT)
                .filter((e) => e.inputs.vpcEndpointType === "Interface")
                .map((e) => e.name),
            ["main-kms-endpoint", "main-ecr-api-endpoint"],
        );
        assert.equal(result.vpcArgs.egress, "nat");
    });

    it("offers only interface endpoint services that are not gateway services", () => {
        assert.ok(!INTERFACE_ENDPOINTS.some((e) => e === ("s3" as string) || e === ("dynamodb" as string)));
    });

    describe("flow logs", () => {
        it("writes to a log group with retention, from the whole VPC", async () => {
            const { registry } = await build(() => new Network("main", { flowLogs: { retentionInDays: 365 } }));
            const group = registry.one("aws:cloudwatch/logGroup:LogGroup", "main-flow-logs");
            assert.equal(group.inputs.retentionInDays, 365);
            const flow = registry.one("aws:ec2/flowLog:FlowLog", "main-flow-log");
            assert.equal(flow.inputs.vpcId, registry.one("aws:ec2/vpc:Vpc").id);
            assert.equal(flow.inputs.trafficType, "ALL");
            assert.equal(flow.inputs.logDestinationType, "cloud-watch-logs");
            assert.equal(flow.inputs.logDestination, group.outputs.arn);
            assert.equal(flow.inputs.iamRoleArn, registry.one("aws:iam/role:Role", "main-flow-logs-role").outputs.arn);
        });

        it("trusts vpc-flow-logs.amazonaws.com only for this account's flow logs, as AWS documents", async () => {
            const { registry } = await build(() => new Network("main", { flowLogs: true }));
            const trust = json(registry.one("aws:iam/role:Role", "main-flow-logs-role").inputs.assumeRolePolicy);
            assert.deepEqual(trust.Statement, [
                {
                    Effect: "Allow",
                    Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": "123456789012" },
                        ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*" },
                    },
                },
            ]);
        });

        it("grants AWS's documented minimum permissions, all but DescribeLogGroups on its own log group", async () => {
            const { registry } = await build(() => new Network("main", { flowLogs: true }));
            const group = registry.one("aws:cloudwatch/logGroup:LogGroup", "main-flow-logs").outputs.arn;
            assert.deepEqual(registry.statementsOf("main-flow-logs-role"), [
                {
                    Sid: "WriteFlowLogs",
                    Effect: "Allow",
                    Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resource: [group, `${group}:*`],
                },
                { Sid: "FindLogGroups", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: "*" },
            ]);
        });
    });

    it("applies each transform key to the children of its role only", async () => {
        const tagged: Array<keyof NetworkTransforms> = [
            "vpc",
            "defaultSecurityGroup",
            "internetGateway",
            "publicSubnet",
            "privateSubnet",
            "publicRouteTable",
            "privateRouteTable",
            "natEip",
            "natGateway",
            "gatewayEndpoint",
            "interfaceEndpoint",
            "endpointSecurityGroup",
            "endpointIngress",
            "flowLogGroup",
            "flowLogRole",
            "flowLog",
        ];
        const counted = ["internetRoute", "natRoute", "publicRouteTableAssociation", "privateRouteTableAssociation"] as const;
        const calls: Record<string, number> = {};
        const transform: NetworkTransforms = {};
        for (const key of tagged) (transform as any)[key] = (a: any) => ({ ...a, tags: { ...a.tags, role: key } });
        for (const key of counted)
            (transform as any)[key] = () => {
                calls[key] = (calls[key] ?? 0) + 1;
            };
        const { registry } = await build(() => new Network("main", { natGateways: "one-per-az", interfaceEndpoints: ["logs"], flowLogs: true, transform }));
        const roleOf: Record<string, string> = {
            "main-vpc": "vpc",
            "main-default-security-group": "defaultSecurityGroup",
            "main-internet-gateway": "internetGateway",
            "main-public-route-table": "publicRouteTable",
            "main-endpoint-security-group": "endpointSecurityGroup",
            "main-endpoint-https-from-vpc": "endpointIngress",
            "main-s3-endpoint": "gatewayEndpoint",
            "main-dynamodb-endpoint": "gatewayEndpoint",
            "main-logs-endpoint": "interfaceEndpoint",
            "main-flow-logs": "flowLogGroup",
            "main-flow-logs-role": "flowLogRole",
            "main-flow-log": "flowLog",
        };
        for (const az of [1, 2]) {
            roleOf[`main-public-subnet-${az}`] = "publicSubnet";
            roleOf[`main-private-subnet-${az}`] = "privateSubnet";
            roleOf[`main-private-route-table-${az}`] = "privateRouteTable";
            roleOf[`main-nat-eip-${az}`] = "natEip";
            roleOf[`main-nat-gateway-${az}`] = "natGateway";
        }
        const seen = registry
            .all()
            .filter((r) => r.inputs.tags?.role !== undefined)
            .map((r) => [r.name, r.inputs.tags.role]);
        assert.deepEqual(Object.fromEntries(seen), roleOf);
        assert.deepEqual(calls, { internetRoute: 1, natRoute: 2, publicRouteTableAssociation: 2, privateRouteTableAssociation: 2 });
    });

    describe("readiness", () => {
        /** Anything placed in subnets (an ALB, a service). */
        class Consumer extends pulumi.CustomResource {
            constructor(name: string, props: pulumi.Inputs) {
                super("test:index:Consumer", name, props);
            }
        }

        it("hands out public subnet ids only once the internet route and the subnet's association exist", async () => {
            const { registry } = await build(() => {
                const net = new Network("main");
                new Consumer("alb", { subnets: net.vpcArgs.publicSubnetIds });
            });
            const deps = registry.named("alb")!.dependencies;
            for (const name of ["main-internet-route", "main-public-route-table-association-1", "main-public-route-table-association-2"]) {
                assert.ok(deps.includes(registry.named(name)!.urn), name);
            }
        });

        it("hands out private subnet ids only once the NAT route, the association and the endpoints exist", async () => {
            const { registry } = await build(() => {
                const net = new Network("main", { interfaceEndpoints: ["logs"] });
                new Consumer("task", { subnets: net.vpcArgs.privateSubnetIds });
            });
            const deps = registry.named("task")!.dependencies;
            for (const name of [
                "main-nat-route-1",
                "main-private-route-table-association-1",
                "main-s3-endpoint",
                "main-dynamodb-endpoint",
                "main-logs-endpoint",
            ]) {
                assert.ok(deps.includes(registry.named(name)!.urn), name);
            }
        });

        const offeredIn = (zones: string[]) => ({
            fixtures: { invokes: { "aws:ec2/getVpcEndpointService:getVpcEndpointService": () => ({ availabilityZones: zones }) } },
        });

        it("puts an interface endpoint only in the subnets of zones that offer its service", async () => {
            const { registry } = await build(() => new Network("main", { interfaceEndpoints: ["lambda"] }), offeredIn(["us-east-1b", "us-east-1c"]));
            const [, second] = registry.ofType("aws:ec2/subnet:Subnet").filter((s) => s.name.startsWith("main-private-subnet"));
            assert.equal(second.inputs.availabilityZone, "us-east-1b");
            assert.deepEqual(registry.one("aws:ec2/vpcEndpoint:VpcEndpoint", "main-lambda-endpoint").inputs.subnetIds, [second.id]);
        });

        it("fails, naming the service and the zones, when no zone of the network offers it", async () => {
            await assert.rejects(
                build(() => new Network("main", { interfaceEndpoints: ["lambda"] }), offeredIn(["us-east-1f"])),
                /interface endpoint service lambda is offered in none of the network's zones \(us-east-1a, us-east-1b; it is in us-east-1f\)/,
            );
        });

        it("places subnets in Availability Zones only, never in an opted-in Local Zone", async () => {
            const { registry } = await build(() => new Network("main"));
            const [azs] = registry.invokes("aws:index/getAvailabilityZones:getAvailabilityZones");
            assert.deepEqual(azs.inputs.filters, [{ name: "opt-in-status", values: ["opt-in-not-required"] }]);
            assert.equal(azs.inputs.state, undefined);
        });
    });

    it("exposes every child it creates in resources", async () => {
        await assertExposesEveryChild({ natGateways: "one-per-az", interfaceEndpoints: ["logs"], flowLogs: true });
    });

    it("tags every taggable child with the component and a Name", async () => {
        const { registry } = await build(() => new Network("main", { natGateways: "none", tags: { team: "platform" } }));
        const ec2Taggable = registry.all().filter((r) => /^aws:ec2\//.test(r.type) && ![ROUTE, ASSOCIATION].includes(r.type));
        assert.ok(ec2Taggable.length > 10);
        for (const r of ec2Taggable) {
            assert.equal(r.inputs.tags?.team, "platform", r.name);
            assert.equal(r.inputs.tags?.["aws-platform:component"], "Network/main", r.name);
            assert.match(r.inputs.tags?.Name ?? "", /^main/, r.name);
        }
    });
});
