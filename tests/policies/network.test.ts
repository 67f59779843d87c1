/**
 * The ELB and EC2/VPC rules (components/policies/rules/network.ts): each with a violating and a compliant resource,
 * and not applicable to other types; the ContainerService's and Network's defaults pass them.
 */
import * as assert from "node:assert";
import { Network } from "../../components/network";
import { type PolicyInput, type Rule, checkPolicies, policyResource } from "../../components/policies";
import { NETWORK_RULES } from "../../components/policies/rules/network";
import { build } from "../../components/testing";
import { CERT, buildShop } from "../components/container-service/fixtures";
import { ruleNamed, violationsOf } from "../harness/policy-rules";

const rule = (name: string): Rule => ruleNamed(NETWORK_RULES, name);

/** The violations of one rule over the resources, in a stack: `[resource name, message]`. */
async function findings(name: string, resources: PolicyInput[], stack = "dev"): Promise<[string, string][]> {
    return (await violationsOf([rule(name)], resources, stack)).map((v) => [v.name, v.message.split("\n")[1] ?? ""]);
}

const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const other = policyResource("aws:sqs/queue:Queue", "q", { protocol: "HTTP", defaultActions: [{ type: "forward" }], mapPublicIpOnLaunch: true });
const redirect = [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }];
const forward = [{ type: "forward", targetGroupArn: "arn:tg" }];

describe("policies: ELB and EC2/VPC rules", () => {
    it("elb-1-http-redirect reports an HTTP listener that forwards, and passes redirects and HTTPS listeners", async () => {
        const found = await findings("elb-1-http-redirect", [
            policyResource(LISTENER, "forwards", { protocol: "HTTP", port: 80, defaultActions: forward }),
            policyResource(LISTENER, "implicit-http", { port: 80, defaultActions: forward }),
            policyResource(LISTENER, "redirects", { protocol: "HTTP", port: 80, defaultActions: redirect }),
            policyResource("aws:alb/listener:Listener", "alias-redirects", { protocol: "HTTP", port: 80, defaultActions: redirect }),
            policyResource(LISTENER, "https", { protocol: "HTTPS", port: 443, defaultActions: forward }),
            policyResource(LISTENER, "tcp", { protocol: "TCP", port: 9000, defaultActions: forward }),
            other,
        ]);
        assert.deepStrictEqual(found.map(([n]) => n).sort(), ["forwards", "implicit-http"]);
        assert.match(found[0][1], /protocol is HTTP and defaultActions are \["forward"\]; .*redirect\.protocol "HTTPS"/);
    });

    it("elb-1-http-redirect reports a redirect to plain HTTP", async () => {
        const toHttp = [{ type: "redirect", redirect: { protocol: "HTTP", port: "8080", statusCode: "HTTP_301" } }];
        assert.deepStrictEqual(
            (await findings("elb-1-http-redirect", [policyResource(LISTENER, "loop", { protocol: "HTTP", defaultActions: toHttp })])).length,
            1,
        );
    });

    it("elb-17-tls-policy reports TLS 1.0/1.1 policies and the unset default, and passes TLS 1.2+ policies", async () => {
        const https = (name: string, sslPolicy?: string, protocol = "HTTPS") =>
            policyResource(LISTENER, name, { protocol, port: 443, sslPolicy, defaultActions: forward });
        const found = await findings("elb-17-tls-policy", [
            https("legacy", "ELBSecurityPolicy-2016-08"),
            https("tls13-1-0", "ELBSecurityPolicy-TLS13-1-0-2021-06"),
            https("unset"),
            https("nlb-tls11", "ELBSecurityPolicy-TLS13-1-1-2021-06", "TLS"),
            https("tls13-1-2", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
            https("tls13-1-3", "ELBSecurityPolicy-TLS13-1-3-2021-06"),
            https("fs-1-2", "ELBSecurityPolicy-FS-1-2-Res-2020-10"),
            https("tls-1-2", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "TLS"),
            policyResource(LISTENER, "http", { protocol: "HTTP", defaultActions: redirect }),
            other,
        ]);
        assert.deepStrictEqual(found.map(([n]) => n).sort(), ["legacy", "nlb-tls11", "tls13-1-0", "unset"]);
        assert.match(found.find(([n]) => n === "unset")![1], /sslPolicy is "ELBSecurityPolicy-2016-08 \(default\)"; use "ELBSecurityPolicy-TLS13-1-2-2021-06"/);
    });

    it("elb-4-drop-invalid-headers reports an ALB that keeps invalid headers, and ignores NLBs", async () => {
        const found = await findings("elb-4-drop-invalid-headers", [
            policyResource(LB, "keeps", {}),
            policyResource(LB, "drops", { loadBalancerType: "application", dropInvalidHeaderFields: true }),
            policyResource(LB, "nlb", { loadBalancerType: "network" }),
            other,
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["keeps"],
        );
        assert.match(found[0][1], /dropInvalidHeaderFields is false; set it to true/);
    });

    it("elb-12-desync-mitigation reports monitor mode and passes the defensive default", async () => {
        const found = await findings("elb-12-desync-mitigation", [
            policyResource(LB, "monitor", { desyncMitigationMode: "monitor" }),
            policyResource(LB, "default", {}),
            policyResource(LB, "strictest", { desyncMitigationMode: "strictest" }),
            other,
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["monitor"],
        );
    });

    it("elb-5-access-logs reports a production ALB without enabled access logs", async () => {
        const found = await findings(
            "elb-5-access-logs",
            [
                policyResource(LB, "none", {}),
                policyResource(LB, "disabled", { accessLogs: { bucket: "logs", enabled: false } }),
                policyResource(LB, "bucket-only", { accessLogs: { bucket: "logs" } }),
                policyResource(LB, "logs", { accessLogs: { bucket: "logs", enabled: true } }),
                other,
            ],
            "prod",
        );
        assert.deepStrictEqual(found.map(([n]) => n).sort(), ["bucket-only", "disabled", "none"]);
        assert.match(found[0][1], /accessLogs is .*; set accessLogs \{ bucket, enabled: true \}/);
    });

    it("elb-5-access-logs does not apply outside production stacks", async () => {
        assert.deepStrictEqual(await findings("elb-5-access-logs", [policyResource(LB, "none", {})], "dev"), []);
    });

    it("elb-6-deletion-protection reports a production load balancer without it, and not a dev one", async () => {
        const lbs = [policyResource(LB, "off", { loadBalancerType: "network" }), policyResource(LB, "on", { enableDeletionProtection: true }), other];
        const found = await findings("elb-6-deletion-protection", lbs, "prod");
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["off"],
        );
        assert.match(found[0][1], /enableDeletionProtection is false; set it to true in production/);
        assert.deepStrictEqual(await findings("elb-6-deletion-protection", lbs, "dev"), []);
    });

    describe("ec2-18-open-ingress", () => {
        const group = (name: string, ingress: any[]) => policyResource(SG, name, { vpcId: "vpc-1", ingress });
        const world = (port: number, protocol = "tcp") => ({ protocol, fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] });
        const publicLb = (name: string, sg: PolicyInput, internal = false) => policyResource(LB, name, { internal, securityGroups: [sg.id] });

        it("passes 80 and 443 from the world on an internet-facing load balancer's group", async () => {
            const sg = group("lb-sg", [world(80), world(443), { ...world(443), cidrBlocks: [], ipv6CidrBlocks: ["::/0"] }]);
            assert.deepStrictEqual(await findings("ec2-18-open-ingress", [sg, publicLb("alb", sg)]), []);
        });

        it("reports 80 from the world on a group no internet-facing load balancer uses", async () => {
            const sg = group("task-sg", [world(80)]);
            const internalSg = group("internal-lb-sg", [world(443)]);
            const found = await findings("ec2-18-open-ingress", [sg, internalSg, publicLb("internal-alb", internalSg, true)]);
            assert.deepStrictEqual(found.map(([n]) => n).sort(), ["internal-lb-sg", "task-sg"]);
            assert.match(found[0][1], /ingress\[0\] tcp 443-443 from 0\.0\.0\.0\/0: the world may reach 80\/443 only on an internet-facing load balancer/);
        });

        it("reports other ports, port ranges and all protocols from the world even on a public load balancer's group", async () => {
            const sg = group("lb-sg", [
                world(22),
                { protocol: "tcp", fromPort: 80, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
            ]);
            const found = await findings("ec2-18-open-ingress", [sg, publicLb("alb", sg)]);
            assert.strictEqual(found.length, 3);
            assert.match(found[0][1], /ingress\[0\] tcp 22-22 from 0\.0\.0\.0\/0: no port other than 80\/443/);
        });

        it("reads every spelling of the world (a /0 prefix): 0:0:0:0:0:0:0:0/0 and ::0/0 on port 22 are reported", async () => {
            const sg = group("sg", [
                { protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlocks: ["0:0:0:0:0:0:0:0/0"] },
                { protocol: "tcp", fromPort: 3389, toPort: 3389, ipv6CidrBlocks: ["::0/0"] },
            ]);
            const found = await findings("ec2-18-open-ingress", [sg, other]);
            assert.strictEqual(found.length, 2);
            assert.match(found[0][1], /ingress\[0\] tcp 22-22 from 0:0:0:0:0:0:0:0\/0: no port other than 80\/443/);
        });

        it("passes ingress from private CIDRs, prefix lists and ICMP", async () => {
            const sg = group("sg", [
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"] },
                { protocol: "tcp", fromPort: 80, toPort: 80, prefixListIds: ["pl-1"] },
                world(-1, "icmp"),
            ]);
            assert.deepStrictEqual(await findings("ec2-18-open-ingress", [sg, other]), []);
        });

        it("reads standalone VPC ingress rules and legacy security group rules, joined to their group", async () => {
            const lbSg = group("lb-sg", []);
            const found = await findings("ec2-18-open-ingress", [
                lbSg,
                publicLb("alb", lbSg),
                policyResource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "lb-https", {
                    securityGroupId: lbSg.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4: "0.0.0.0/0",
                }),
                policyResource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ssh-v6", {
                    securityGroupId: lbSg.id,
                    ipProtocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    cidrIpv6: "::/0",
                }),
                policyResource("aws:ec2/securityGroupRule:SecurityGroupRule", "legacy-all", {
                    type: "ingress",
                    securityGroupId: "sg-elsewhere",
                    protocol: "-1",
                    fromPort: 0,
                    toPort: 0,
                    cidrBlocks: ["0.0.0.0/0"],
                }),
                policyResource("aws:ec2/securityGroupRule:SecurityGroupRule", "legacy-egress", {
                    type: "egress",
                    securityGroupId: lbSg.id,
                    protocol: "-1",
                    fromPort: 0,
                    toPort: 0,
                    cidrBlocks: ["0.0.0.0/0"],
                }),
            ]);
            assert.deepStrictEqual(found.map(([n]) => n).sort(), ["legacy-all", "ssh-v6"]);
            assert.match(found.find(([n]) => n === "ssh-v6")![1], /tcp 22-22 from ::\/0/);
        });
    });

    it("ec2-2-default-sg-closed reports a default security group with rules", async () => {
        const DEFAULT = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
        const found = await findings("ec2-2-default-sg-closed", [
            policyResource(DEFAULT, "open", { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] }),
            policyResource(DEFAULT, "closed", { vpcId: "vpc-1" }),
            other,
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["open"],
        );
        assert.match(found[0][1], /ingress has 1 and egress 0 rules/);
    });

    it("ec2-6-flow-logs reports a production VPC without a flow log, and applies to production only", async () => {
        const logged = policyResource("aws:ec2/vpc:Vpc", "logged", { cidrBlock: "10.0.0.0/16" });
        const bare = policyResource("aws:ec2/vpc:Vpc", "bare", { cidrBlock: "10.1.0.0/16" });
        const flowLog = policyResource("aws:ec2/flowLog:FlowLog", "logged-flow-log", { vpcId: logged.id, trafficType: "ALL" });
        const found = await findings("ec2-6-flow-logs", [logged, bare, flowLog, other], "prod");
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["bare"],
        );
        assert.match(found[0][1], /VPC has no aws\.ec2\.FlowLog/);
        assert.deepStrictEqual(await findings("ec2-6-flow-logs", [bare], "dev"), []);
    });

    it("ec2-15-no-auto-public-ip takes a subnet without its own association as public when its VPC's main route table reaches an internet gateway", async () => {
        const igw = policyResource("aws:ec2/internetGateway:InternetGateway", "igw", { vpcId: "vpc-1" });
        const main = policyResource("aws:ec2/routeTable:RouteTable", "main-rt", { vpcId: "vpc-1", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }] });
        const vpc2 = policyResource("aws:ec2/vpc:Vpc", "vpc2", { cidrBlock: "10.2.0.0/16" }, { id: "vpc-2", outputs: { defaultRouteTableId: "rtb-main2" } });
        const adopted = policyResource(
            "aws:ec2/defaultRouteTable:DefaultRouteTable",
            "default-rt",
            { defaultRouteTableId: "rtb-main2", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-2" }] },
            { outputs: { defaultRouteTableId: "rtb-main2", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-2" }] } },
        );
        const found = await findings("ec2-15-no-auto-public-ip", [
            igw,
            main,
            policyResource("aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation", "main", { vpcId: "vpc-1", routeTableId: main.id }),
            policyResource("aws:ec2/subnet:Subnet", "via-main", { vpcId: "vpc-1", mapPublicIpOnLaunch: true }),
            vpc2,
            adopted,
            policyResource("aws:ec2/subnet:Subnet", "via-default", { vpcId: "vpc-2", mapPublicIpOnLaunch: true }),
            policyResource("aws:ec2/subnet:Subnet", "no-main", { vpcId: "vpc-3", mapPublicIpOnLaunch: true }),
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["no-main"],
        );
    });

    it("ec2-15-no-auto-public-ip reports a subnet that maps public IPs without a route to an internet gateway", async () => {
        const igw = policyResource("aws:ec2/internetGateway:InternetGateway", "igw", { vpcId: "vpc-1" });
        const publicTable = policyResource("aws:ec2/routeTable:RouteTable", "public-rt", { vpcId: "vpc-1" });
        const inlineTable = policyResource("aws:ec2/routeTable:RouteTable", "inline-rt", {
            vpcId: "vpc-1",
            routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
        });
        const privateTable = policyResource("aws:ec2/routeTable:RouteTable", "private-rt", { vpcId: "vpc-1" });
        const subnet = (name: string, map: boolean) => policyResource("aws:ec2/subnet:Subnet", name, { vpcId: "vpc-1", mapPublicIpOnLaunch: map });
        const pub = subnet("public", true);
        const inline = subnet("inline", true);
        const priv = subnet("private-mapping", true);
        const plain = subnet("private", false);
        const assoc = (name: string, s: PolicyInput, t: PolicyInput) =>
            policyResource("aws:ec2/routeTableAssociation:RouteTableAssociation", name, { subnetId: s.id, routeTableId: t.id });
        const found = await findings("ec2-15-no-auto-public-ip", [
            igw,
            publicTable,
            inlineTable,
            privateTable,
            policyResource("aws:ec2/route:Route", "public-default", { routeTableId: publicTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }),
            policyResource("aws:ec2/route:Route", "private-default", {
                routeTableId: privateTable.id,
                destinationCidrBlock: "0.0.0.0/0",
                natGatewayId: "nat-1",
            }),
            pub,
            inline,
            priv,
            plain,
            assoc("a1", pub, publicTable),
            assoc("a2", inline, inlineTable),
            assoc("a3", priv, privateTable),
            assoc("a4", plain, privateTable),
        ]);
        assert.deepStrictEqual(
            found.map(([n]) => n),
            ["private-mapping"],
        );
        assert.match(found[0][1], /mapPublicIpOnLaunch is true on a subnet with no route to an internet gateway; set it to false/);
    });

    it("ec2-8-imdsv2 reports an instance that does not require session tokens", async () => {
        const INSTANCE = "aws:ec2/instance:Instance";
        const found = await findings("ec2-8-imdsv2", [
            policyResource(INSTANCE, "optional", { metadataOptions: { httpTokens: "optional" } }),
            policyResource(INSTANCE, "unset", {}),
            policyResource(INSTANCE, "required", { metadataOptions: { httpTokens: "required" } }),
            other,
        ]);
        assert.deepStrictEqual(found.map(([n]) => n).sort(), ["optional", "unset"]);
    });

    it("ec2-8-imdsv2 and ec2-3-encrypted-volumes leave an instance's unset metadata and root volume to its launch template's rules", async () => {
        const INSTANCE = "aws:ec2/instance:Instance";
        const templated = policyResource(INSTANCE, "templated", { launchTemplate: { id: "lt-1", version: "$Latest" } });
        const overridden = policyResource(INSTANCE, "overridden", {
            launchTemplate: { id: "lt-1" },
            metadataOptions: { httpTokens: "optional" },
            rootBlockDevice: { encrypted: false },
        });
        assert.deepStrictEqual(
            (await findings("ec2-8-imdsv2", [templated, overridden])).map(([n]) => n),
            ["overridden"],
        );
        assert.deepStrictEqual(
            (await findings("ec2-3-encrypted-volumes", [templated, overridden])).map(([n]) => n),
            ["overridden"],
        );
    });

    it("ec2-3-encrypted-volumes reports unencrypted volumes and instance block devices", async () => {
        const found = await findings("ec2-3-encrypted-volumes", [
            policyResource("aws:ebs/volume:Volume", "plain-volume", { size: 10 }),
            policyResource("aws:ebs/volume:Volume", "encrypted-volume", { size: 10, encrypted: true }),
            policyResource("aws:ec2/instance:Instance", "plain-data", {
                rootBlockDevice: { encrypted: true },
                ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }],
            }),
            policyResource("aws:ec2/instance:Instance", "encrypted", {
                rootBlockDevice: { encrypted: true },
                ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }],
            }),
            other,
        ]);
        assert.deepStrictEqual(found.map(([n]) => n).sort(), ["plain-data", "plain-volume"]);
        assert.match(found.find(([n]) => n === "plain-data")![1], /ebsBlockDevices\[0\] \(\/dev\/sdf\)\.encrypted is false/);
    });

    it("the ContainerService's load balancers with a certificate pass every ELB and EC2 rule in production", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers!.public = { type: "application", certificateArn: CERT, deletionProtection: true, accessLogs: { bucket: "shop-alb-logs" } };
        });
        const r = await checkPolicies(registry.all(), { rules: NETWORK_RULES, productionStacks: ["test"] });
        assert.deepStrictEqual(r.violations, []);
        // The world reaches the internet-facing ALB on 80 and 443, which the open-ingress rule read and admitted.
        const sg = registry.ofType(SG).find((g) => g.name === "shop-public-lb-sg")!;
        assert.deepStrictEqual(
            sg.inputs.ingress.map((i: any) => [i.fromPort, i.cidrBlocks]),
            [
                [80, ["0.0.0.0/0"]],
                [443, ["0.0.0.0/0"]],
            ],
        );
    });

    it("the ContainerService's ALB without a certificate serves HTTP, which elb-1-http-redirect reports", async () => {
        const { registry } = await buildShop(() => {});
        const r = await checkPolicies(registry.all(), { rules: [rule("elb-1-http-redirect")] });
        assert.deepStrictEqual(
            r.violations.map((v) => v.name),
            ["shop-public-listener-80"],
        );
    });

    it("an internal ALB admitting the world on 80 is reported by ec2-18-open-ingress", async () => {
        const { registry } = await buildShop((a) => {
            a.loadBalancers!.public = { type: "application", internal: true, ingressCidrs: ["0.0.0.0/0"] };
        });
        const r = await checkPolicies(registry.all(), { rules: [rule("ec2-18-open-ingress")] });
        assert.deepStrictEqual(
            r.violations.map((v) => v.name),
            ["shop-public-lb-sg"],
        );
    });

    it("the Network with flow logs passes every EC2 rule in production, and its defaults in dev", async () => {
        const prod = await build(() => new Network("main", { flowLogs: true }), { stack: "prod" });
        assert.deepStrictEqual((await checkPolicies(prod.registry.all(), { rules: NETWORK_RULES })).violations, []);
        const dev = await build(() => new Network("main", {}), { stack: "dev" });
        assert.deepStrictEqual((await checkPolicies(dev.registry.all(), { rules: NETWORK_RULES })).violations, []);
    });
});
