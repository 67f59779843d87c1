import * as assert from "node:assert";
import { NETWORK_PRICERS } from "../../components/cost/pricers/network";
import { NETWORK_PRICES } from "../../components/cost/prices/network";
import { type CostLine, type LoadProfile, type PlanResource, SECONDS_PER_MONTH, UNKNOWN } from "../../components/cost/types";
import { planResource, testContext } from "./context";

const NAT = "aws:ec2/natGateway:NatGateway";
const EIP = "aws:ec2/eip:Eip";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const RULE = "aws:lb/listenerRule:ListenerRule";

/** Prices `resource` with the network pricers over a plan of `resources`. */
function price(resource: PlanResource, resources: PlanResource[], load: Partial<LoadProfile> = {}): CostLine[] {
    return NETWORK_PRICERS[resource.type](resource, testContext(resources, load, NETWORK_PRICES));
}
const sum = (lines: CostLine[]) => lines.reduce((s, l) => s + l.monthly, 0);
const of = (lines: CostLine[], key: string) => lines.filter((l) => l.price === key);
function near(actual: number, expected: number) {
    assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);
}

describe("cost: network pricers", () => {
    describe("NAT gateways", () => {
        it("prices one NAT gateway for a month with 100 GB processed at $32.85 + $4.50", () => {
            const nat = planResource(NAT, "nat", { connectivityType: "public" });
            const lines = price(nat, [nat], { nat: { processedGB: 100 } });
            near(of(lines, "nat.hour")[0].monthly, 0.045 * 730);
            near(of(lines, "nat.gb")[0].monthly, 100 * 0.045);
            near(sum(lines), 0.045 * 730 + 100 * 0.045);
        });
        it("charges only the hours at idle: data processed is a usage line of 0 GB", () => {
            const nat = planResource(NAT, "nat");
            const lines = price(nat, [nat]);
            assert.deepStrictEqual(
                lines.map((l) => [l.price, l.quantity, l.usage]),
                [
                    ["nat.hour", 730, false],
                    ["nat.gb", 0, true],
                ],
            );
        });
        it("splits the profile's NAT data evenly over the plan's NAT gateways", () => {
            const a = planResource(NAT, "a");
            const b = planResource(NAT, "b");
            near(of(price(a, [a, b], { nat: { processedGB: 100 } }), "nat.gb")[0].quantity, 100 / 2);
        });
    });

    it("prices an Elastic IP as a public IPv4 address for the month: 0.005 × 730", () => {
        const eip = planResource(EIP, "eip", { domain: "vpc" });
        near(sum(price(eip, [eip])), 0.005 * 730);
    });

    describe("VPC endpoints", () => {
        it("prices gateway endpoints (the provider's default type) at nothing", () => {
            const s3 = planResource(ENDPOINT, "s3", { vpcEndpointType: "Gateway", serviceName: "com.amazonaws.us-east-1.s3" });
            const untyped = planResource(ENDPOINT, "dynamodb", { serviceName: "com.amazonaws.us-east-1.dynamodb" });
            assert.deepStrictEqual(price(s3, [s3, untyped]), []);
            assert.deepStrictEqual(price(untyped, [s3, untyped]), []);
        });
        it("prices an interface endpoint per subnet (AZ): 3 × 0.01 × 730", () => {
            const ecr = planResource(ENDPOINT, "ecr", { vpcEndpointType: "Interface", subnetIds: ["subnet-a", "subnet-b", "subnet-c"] });
            near(sum(price(ecr, [ecr])), 3 * 0.01 * 730);
        });
        it("prices a Gateway Load Balancer endpoint for one AZ: 0.01 × 730, its traffic 0 GB", () => {
            const gwlbe = planResource(ENDPOINT, "inspect", { vpcEndpointType: "GatewayLoadBalancer", subnetIds: ["subnet-a"] });
            const lines = price(gwlbe, [gwlbe]);
            near(sum(lines), 1 * 0.01 * 730);
            assert.deepStrictEqual(
                lines.map((l) => [l.price, l.usage]),
                [
                    ["vpce.gwlb.hour", false],
                    ["vpce.gwlb.gb", true],
                ],
            );
        });
        it("prices no AZ and says so when an interface endpoint's subnets are unknown in preview", () => {
            const ecr = planResource(ENDPOINT, "ecr", { vpcEndpointType: "Interface", subnetIds: UNKNOWN });
            const hours = of(price(ecr, [ecr]), "vpce.interface.hour")[0];
            assert.strictEqual(hours.quantity, 0);
            assert.match(hours.note ?? "", /unknown in preview/);
        });
    });

    describe("load balancers", () => {
        const subnets = ["subnet-a", "subnet-b", "subnet-c"];
        it("prices an idle internet-facing ALB at its hours and one public IPv4 per subnet: 0.0225 × 730 + 3 × 0.005 × 730", () => {
            const alb = planResource(LB, "alb", { loadBalancerType: "application", internal: false, subnets });
            const lines = price(alb, [alb]);
            near(sum(lines), 0.0225 * 730 + 3 * 0.005 * 730);
            assert.strictEqual(of(lines, "elb.alb.lcuHour")[0].quantity, 0);
            assert.match(of(lines, "ipv4.hour")[0].note ?? "", /ASSUMED one address per subnet/);
        });
        it("gives an internal ALB no public IPv4 line", () => {
            const alb = planResource(LB, "alb", { internal: true, subnets });
            assert.deepStrictEqual(of(price(alb, [alb]), "ipv4.hour"), []);
        });
        it("does not count subnet mappings with an Elastic IP again (the Eip is priced)", () => {
            const nlb = planResource(LB, "nlb", {
                loadBalancerType: "network",
                subnetMappings: [{ subnetId: "a", allocationId: "eipalloc-1" }, { subnetId: "b" }],
            });
            near(of(price(nlb, [nlb]), "ipv4.hour")[0].quantity, 1 * 730);
        });
        it("charges LCUs by the largest dimension: 50 requests/s (2 LCU) over 1 GB/h (1 LCU) → 2 × 730 × 0.008", () => {
            const alb = planResource(LB, "alb", { internal: true, subnets });
            const lines = price(alb, [alb], { loadBalancers: { requestsPerMonth: 50 * SECONDS_PER_MONTH, processedGB: 730 } });
            near(of(lines, "elb.alb.lcuHour")[0].monthly, 2 * 730 * 0.008);
            assert.strictEqual(of(lines, "elb.alb.lcuHour")[0].usage, true);
        });
        it("charges processed bytes when they dominate: 7,300 GB a month = 10 GB/h → 10 × 730 × 0.008", () => {
            const alb = planResource(LB, "alb", { internal: true, subnets });
            const lines = price(alb, [alb], { loadBalancers: { requestsPerMonth: 1_000_000, processedGB: 7300 } });
            near(of(lines, "elb.alb.lcuHour")[0].monthly, 10 * 730 * 0.008);
        });
        it("splits the load evenly over the plan's load balancers", () => {
            const a = planResource(LB, "a", { internal: true });
            const b = planResource(LB, "b", { internal: true });
            const lines = price(a, [a, b], { loadBalancers: { requestsPerMonth: 0, processedGB: 2 * 730 } });
            near(of(lines, "elb.alb.lcuHour")[0].quantity, 1 * 730);
        });
        it("prices an NLB at NLB rates with 800 new connections/s per NLCU: 1,600 requests/s → 2 × 730 × 0.006", () => {
            const nlb = planResource(LB, "nlb", { loadBalancerType: "network", internal: true });
            const lines = price(nlb, [nlb], { loadBalancers: { requestsPerMonth: 1600 * SECONDS_PER_MONTH, processedGB: 0 } });
            near(sum(lines), 0.0225 * 730 + 2 * 730 * 0.006);
            assert.deepStrictEqual(
                lines.map((l) => l.price),
                ["elb.nlb.hour", "elb.nlb.lcuHour"],
            );
        });
        it("prices a Gateway Load Balancer at its hours and GLCUs, with no public IPv4: 0.0125 × 730 + 3 GB/h × 730 × 0.004", () => {
            const gwlb = planResource(LB, "inspect", { loadBalancerType: "gateway", subnets });
            const lines = price(gwlb, [gwlb], { loadBalancers: { requestsPerMonth: 100 * SECONDS_PER_MONTH, processedGB: 3 * 730 } });
            // new flows: 100 / 600 ≈ 0.17 GLCU; processed bytes: 3 GB/h = 3 GLCU
            near(sum(lines), 0.0125 * 730 + 3 * 730 * 0.004);
            assert.deepStrictEqual(
                lines.map((l) => l.price),
                ["elb.gwlb.hour", "elb.gwlb.glcuHour"],
            );
        });
        it("charges a Gateway Load Balancer's new flows when they dominate: 1,200 requests/s → 2 GLCU", () => {
            const gwlb = planResource(LB, "inspect", { loadBalancerType: "gateway" });
            const lines = price(gwlb, [gwlb], { loadBalancers: { requestsPerMonth: 1200 * SECONDS_PER_MONTH, processedGB: 0 } });
            near(of(lines, "elb.gwlb.glcuHour")[0].quantity, (1200 / 600) * 730);
        });
        it("splits load.loadBalancers over the Gateway Load Balancers and the legacy aws:alb tokens too", () => {
            const gwlb = planResource(LB, "inspect", { loadBalancerType: "gateway" });
            const legacy = planResource("aws:alb/loadBalancer:LoadBalancer", "old", { internal: true });
            const lines = price(legacy, [gwlb, legacy], { loadBalancers: { requestsPerMonth: 0, processedGB: 2 * 730 } });
            near(of(lines, "elb.alb.lcuHour")[0].quantity, 1 * 730);
        });
        it("charges rule evaluations beyond the 10 free per request when they dominate: 100 requests/s × 60 rules → 5 LCU", () => {
            const alb = planResource(LB, "alb", { internal: true });
            const listener = planResource(LISTENER, "listener", {}, { deps: { loadBalancerArn: [alb] } });
            const rules = Array.from({ length: 60 }, (_, i) => planResource(RULE, `rule-${i}`, { priority: i + 1 }, { deps: { listenerArn: [listener] } }));
            const lines = price(alb, [alb, listener, ...rules], { loadBalancers: { requestsPerMonth: 100 * SECONDS_PER_MONTH, processedGB: 0 } });
            // new connections: 100 / 25 = 4 LCU; rule evaluations: 100 × (60 − 10) / 1,000 = 5 LCU
            near(of(lines, "elb.alb.lcuHour")[0].quantity, ((100 * (60 - 10)) / 1000) * 730);
        });
    });
});
