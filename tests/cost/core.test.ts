/**
 * The estimator (components/cost/estimate.ts) on the tests' own prices and pricers (fixtures.ts), so every number
 * here is hand-computed: dispatch by type, grouping by top-level component, idle against load, what is unpriced,
 * the free tier credits and a missing price.
 */
import * as assert from "node:assert";
import {
    type CostLine,
    FREE_TYPES,
    FREE_WHEN,
    HOURS_PER_MONTH,
    IDLE_LOAD,
    type LoadProfile,
    PRICERS,
    type PricerTable,
    estimateCost,
    fromPreview,
    fromRecords,
    indexPlan,
    priceTable,
    renderCost,
    resolveLoad,
} from "../../components/cost";
import * as ec2 from "@pulumi/aws/ec2";
import * as pulumi from "@pulumi/pulumi";
import { build } from "../../components/testing";
import { STACK, TEST_PRICERS, resource, testPrices } from "./fixtures";

const close = (actual: number, expected: number, what = "") => assert.ok(Math.abs(actual - expected) < 1e-6, `${what} ${actual} != ${expected}`);
const estimate = (resources: Parameters<typeof estimateCost>[0], load: LoadProfile = IDLE_LOAD, pricers: PricerTable = TEST_PRICERS) =>
    estimateCost(resources, { load, prices: testPrices(), pricers, freeTypes: FREE_TYPES });

const network = resource("aws-platform:network:Network", "net", {}, STACK);
const nat = resource("aws:ec2/natGateway:NatGateway", "net-nat-0", {}, network);
const vpc = resource("aws:ec2/vpc:Vpc", "net-vpc", {}, network);
const api = resource("aws-platform:serverless:ServerlessApi", "api", {}, STACK);
const httpApi = resource("aws:apigatewayv2/api:Api", "api", { protocolType: "HTTP" }, api);
const fnComponent = resource("aws-platform:serverless:LambdaFunction", "api-items", {}, api);
const fn = resource("aws:lambda/function:Function", "api-items-function", { memorySize: 128, architectures: ["x86_64"] }, fnComponent);
const PLAN = [STACK, network, vpc, nat, api, httpApi, fnComponent, fn];

describe("cost estimator", () => {
    it("prices a resource with the pricer of its type: one NAT gateway for a month is 0.045 × 730", () => {
        const e = estimate([STACK, network, nat]);
        assert.deepStrictEqual(
            e.resources.map((r) => [r.name, r.type]),
            [["net-nat-0", "aws:ec2/natGateway:NatGateway"]],
        );
        close(e.resources[0].monthly, 0.045 * 730);
        close(e.total, 32.85);
    });

    it("sums each resource into its top-level component, nested components included, in plan order", () => {
        const load = resolveLoad({ httpApi: { requestsPerMonth: 5_000_000 }, functions: { "api-items-function": { invocationsPerMonth: 5_000_000 } } });
        const e = estimate(PLAN, load);
        assert.deepStrictEqual(
            e.components.map((c) => [c.name, c.type]),
            [
                ["net", "aws-platform:network:Network"],
                ["api", "aws-platform:serverless:ServerlessApi"],
            ],
        );
        close(e.components[0].monthly, 0.045 * 730);
        // 5M HTTP API requests at $1.00 per million; the function's 5M requests at $0.20 per million, 0 ms.
        close(e.components[1].monthly, 5 * 1.0 + 5 * 0.2);
        assert.equal(e.resources.find((r) => r.name === "api-items-function")?.component, "api");
    });

    it("groups several custom resources of one type at stack level into one row at the first's place, keeping each in resources", () => {
        const topNat = (n: string) => resource("aws:ec2/natGateway:NatGateway", n, {}, STACK);
        const e = estimate([STACK, topNat("a"), network, nat, topNat("b"), topNat("c"), resource("aws:lb/loadBalancer:LoadBalancer", "lb", {}, STACK)]);
        assert.deepStrictEqual(
            e.components.map((c) => [c.name, c.type, c.count]),
            [
                ["NatGateway ×3 (stack level)", "aws:ec2/natGateway:NatGateway", 3],
                ["net", "aws-platform:network:Network", undefined],
                ["lb", "aws:lb/loadBalancer:LoadBalancer", undefined],
            ],
        );
        close(e.components[0].monthly, 3 * 0.045 * 730);
        assert.deepStrictEqual(
            e.resources.filter((r) => r.component !== "net" && r.type === "aws:ec2/natGateway:NatGateway").map((r) => r.name),
            ["a", "b", "c"],
        );
        const table = renderCost(e, e, { loadSource: "test" });
        assert.match(table, /^ {2}NatGateway ×3 \(stack level\) +98\.55 +98\.55$/m);
        assert.match(table, /^ {2}net \(Network\) +32\.85 +32\.85$/m);
    });

    it("at IDLE_LOAD keeps only what is paid unused; at load adds the usage lines", () => {
        const load = resolveLoad({ nat: { processedGB: 100 } });
        const idle = estimate(PLAN);
        const busy = estimate(PLAN, load);
        close(idle.total, 0.045 * 730);
        close(busy.total, 0.045 * 730 + 100 * 0.045);
        const usage = (lines: CostLine[]) => lines.filter((l) => l.usage).map((l) => l.monthly);
        assert.deepStrictEqual(usage(idle.resources.flatMap((r) => r.lines)), [0, 0, 0, 0]);
        assert.equal(busy.load, load);
    });

    it("lists custom resources of types it can neither price nor knows to be free, with their count", () => {
        const queue = (n: string) => resource("aws:sqs/queue:Queue", n, {}, STACK);
        const e = estimate([...PLAN, queue("a"), queue("b"), resource("aws:iam/role:Role", "role", {}, STACK)]);
        assert.deepStrictEqual(e.unpriced, [{ type: "aws:sqs/queue:Queue", count: 2 }]);
    });

    it("never lists components, providers or free types as unpriced", () => {
        const provider = resource("pulumi:providers:aws", "default_7_0_0", {}, STACK);
        const e = estimate([STACK, network, vpc, provider, resource("aws-platform:cicd:BuildProject", "build", {}, STACK)]);
        assert.deepStrictEqual(e.unpriced, []);
        assert.equal(e.total, 0);
    });

    it("has no type both free and priced: a pricer's type is in no group's free list (the free list would hide a pricer's removal)", () => {
        const priced = Object.keys(PRICERS);
        assert.ok(priced.length > 40, `only ${priced.length} priced types`);
        assert.deepStrictEqual(
            [...FREE_TYPES, ...Object.keys(FREE_WHEN)].filter((t) => priced.includes(t)),
            [],
        );
    });

    it("prices a Kubernetes Service as free unless it is of type LoadBalancer (AWS then creates a load balancer)", () => {
        const svc = (n: string, type: string) => resource("kubernetes:core/v1:Service", n, { spec: { type } }, STACK);
        const e = estimate([STACK, svc("web", "ClusterIP"), svc("public", "LoadBalancer")]);
        assert.deepStrictEqual(e.unpriced, [{ type: "kubernetes:core/v1:Service", count: 1 }]);
    });

    it("credits Lambda's free tier separately: 10M requests at 128 MB and 100 ms", () => {
        const load = resolveLoad({ functions: { "api-items-function": { invocationsPerMonth: 10_000_000, averageDurationMs: 100 } } });
        const e = estimate([STACK, api, fnComponent, fn], load);
        const gbSeconds = 10_000_000 * 0.1 * (128 / 1024); // 125,000 GB-s
        close(e.total, 10 * 0.2 + gbSeconds * 0.0000166667, "list price");
        // 1M requests free ($0.20); 125,000 GB-s inside the 400,000 free.
        assert.deepStrictEqual(
            e.freeTier.map((c) => c.item),
            ["Lambda requests", "Lambda GB-seconds (x86_64)"],
        );
        close(e.freeTier[0].monthly, 1 * 0.2);
        close(e.freeTier[1].monthly, gbSeconds * 0.0000166667);
        close(e.totalAfterFreeTier, 9 * 0.2);
        assert.match(e.freeTier[1].note, /400,000 GB-seconds/);
    });

    it("counts Lambda's 400,000 free GB-seconds once for arm64 and x86 together, the dearer x86 seconds first", () => {
        const arm = resource("aws:lambda/function:Function", "arm", { memorySize: 1024, architectures: ["arm64"] }, STACK);
        const x86 = resource("aws:lambda/function:Function", "x86", { memorySize: 1024, architectures: ["x86_64"] }, STACK);
        // 300,000 GB-s each: 1M invocations of 300 ms at 1 GB.
        const each = { invocationsPerMonth: 1_000_000, averageDurationMs: 300 };
        const e = estimate([STACK, arm, x86], resolveLoad({ functions: { arm: each, x86: each } }));
        const seconds = e.freeTier.find((c) => c.item.includes("GB-seconds"));
        close(seconds?.monthly ?? Number.NaN, 300_000 * 0.0000166667 + 100_000 * 0.0000133334);
        // 2M requests, 1M free.
        close(e.freeTier.find((c) => c.item === "Lambda requests")?.monthly ?? Number.NaN, 0.2);
    });

    it("gives no free tier credit at idle", () => {
        const e = estimate(PLAN);
        assert.deepStrictEqual(e.freeTier, []);
        assert.equal(e.totalAfterFreeTier, e.total);
    });

    it("throws when a pricer asks for a price the table lacks, naming the key", () => {
        const pricers: PricerTable = {
            "aws:ec2/natGateway:NatGateway": (_r, ctx) => [
                { ...ctx.prices.get("nat.typo"), item: "", price: "", quantity: 0, unitPrice: 0, monthly: 0, usage: false },
            ],
        };
        assert.throws(() => estimate([STACK, nat], IDLE_LOAD, pricers), /has no price "nat\.typo"/);
        assert.throws(() => priceTable().get("no.such.price"), /the price table \(us-east-1, as of \d{4}-\d{2}-\d{2}\) has no price "no\.such\.price"/);
    });

    it("throws on a pricer's line that is not a finite amount, naming type, resource and field", () => {
        const pricers: PricerTable = {
            "aws:ec2/natGateway:NatGateway": () => [
                { item: "hours", price: "nat.hour", quantity: Number.NaN, unit: "hour", unitPrice: 0.045, monthly: 0, usage: false },
            ],
        };
        assert.throws(
            () => estimate([STACK, nat], IDLE_LOAD, pricers),
            /pricer of aws:ec2\/natGateway:NatGateway gave "net-nat-0" a line "hours" with quantity=NaN/,
        );
    });

    it("throws on a line whose unit is not its price's where a free tier counts the quantity", () => {
        const pricers: PricerTable = {
            "aws:lambda/function:Function": () => [
                { item: "requests", price: "lambda.requests", quantity: 5e6, unit: "request", unitPrice: 2e-7, monthly: 1, usage: true },
            ],
        };
        assert.throws(() => estimate([STACK, fn], IDLE_LOAD, pricers), /unit "request"; allowed: the unit of price "lambda\.requests", "1M requests"/);
    });

    it("throws on a line whose unit is not its price's even without a free tier: NAT data in MB against a price per GB", () => {
        const pricers: PricerTable = {
            "aws:ec2/natGateway:NatGateway": () => [{ item: "data", price: "nat.gb", quantity: 1024, unit: "MB", unitPrice: 0.045, monthly: 0, usage: true }],
        };
        assert.throws(() => estimate([STACK, nat], IDLE_LOAD, pricers), /unit "MB"; allowed: the unit of price "nat\.gb", "GB"$/);
    });

    it("reads a pulumi preview --json document: each step's new state, named by its URN", () => {
        const resources = fromPreview({
            steps: [
                {
                    newState: {
                        urn: nat.urn,
                        type: nat.type,
                        custom: true,
                        parent: network.urn,
                        inputs: { subnetId: "s" },
                        propertyDependencies: { subnetId: ["x"] },
                    },
                },
                {},
            ],
        });
        assert.deepStrictEqual(resources, [
            {
                urn: nat.urn,
                type: nat.type,
                name: "net-nat-0",
                custom: true,
                parent: network.urn,
                inputs: { subnetId: "s" },
                propertyDependencies: { subnetId: ["x"] },
            },
        ]);
    });

    it("reads the mock engine's records (aws-platform/testing): a NAT gateway built by a program is priced with its component", async () => {
        const { registry } = await build(() => {
            class Net extends pulumi.ComponentResource {
                constructor(name: string) {
                    super("aws-platform:test:Net", name);
                    new ec2.NatGateway(`${name}-nat`, { subnetId: "subnet-1", connectivityType: "private" }, { parent: this });
                }
            }
            new Net("net");
        });
        const resources = fromRecords(registry.all());
        const e = estimate(resources);
        assert.deepStrictEqual(
            e.components.map((c) => [c.name, c.monthly]),
            [["net", 0.045 * 730]],
        );
        assert.deepStrictEqual(resources.find((r) => r.name === "net-nat")?.inputs, { subnetId: "subnet-1", connectivityType: "private" });
    });

    it("joins resources through propertyDependencies, of one type when asked, and names each URN's top-level component", () => {
        const task = resource("aws:ecs/taskDefinition:TaskDefinition", "web-task", {}, STACK);
        const svc = { ...resource("aws:ecs/service:Service", "web", {}, STACK), propertyDependencies: { taskDefinition: [task.urn, vpc.urn] } };
        const plan = indexPlan([...PLAN, task, svc]);
        assert.deepStrictEqual(
            plan.referenced(svc, "taskDefinition", task.type).map((r) => r.name),
            ["web-task"],
        );
        assert.deepStrictEqual(plan.referenced(svc, "cluster"), []);
        assert.equal(plan.componentOf(fn.urn), "api");
        assert.deepStrictEqual(
            plan.descendants(api.urn).map((r) => r.name),
            ["api", "api-items", "api-items-function"],
        );
        assert.equal(HOURS_PER_MONTH, 730);
    });
});
