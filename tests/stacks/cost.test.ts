/**
 * The repository's own stacks priced by the cost model (the plan's estimate, tools/plan/cost.ts): nothing left
 * unpriced, load above idle, and a few lines hand-checked against the prices they should carry.
 */
import * as assert from "node:assert";
import type { CostEstimate } from "../../components/cost";
import type { PlanCost } from "../../tools/plan/cost";
import { stackPlan } from "../harness/stack-plans";

const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual} ≠ ${expected}`);

/** The lines of one price key over the resources of one type. */
function lines(e: CostEstimate, type: string, price: string) {
    return e.resources.filter((r) => r.type === type).flatMap((r) => r.lines.filter((l) => l.price === price));
}
const monthly = (ls: { monthly: number }[]) => ls.reduce((s, l) => s + l.monthly, 0);

describe("stacks: cost estimate", () => {
    const costs: Record<string, PlanCost> = {};
    before(async function () {
        // Planning both stacks takes seconds each on a busy machine (shared with the other stack tests when they ran first).
        this.timeout(180000);
        for (const stack of ["dev", "prod"]) costs[stack] = (await stackPlan(stack)).result.cost;
    });

    for (const stack of ["dev", "prod"]) {
        it(`prices every resource of ${stack}: nothing unpriced, at idle or at load`, () => {
            assert.deepStrictEqual(costs[stack].idle.unpriced, []);
            assert.deepStrictEqual(costs[stack].load.unpriced, []);
        });
        it(`charges nothing for usage at idle in ${stack}, and what is paid unused the same at idle and at load`, () => {
            const { idle, load } = costs[stack];
            const usageAtIdle = idle.resources.flatMap((r) => r.lines.filter((l) => l.usage && l.monthly !== 0).map((l) => `${r.name}: ${l.item}`));
            assert.deepStrictEqual(usageAtIdle, []);
            const fixed = (e: CostEstimate) => new Map(e.resources.map((r) => [r.urn, monthly(r.lines.filter((l) => !l.usage))]));
            const atLoad = fixed(load);
            for (const [urn, amount] of fixed(idle)) near(atLoad.get(urn) ?? 0, amount, `paid unused, ${urn}`);
        });
        it(`costs ${stack} more at its load profile than idle`, () => {
            assert.ok(costs[stack].idle.total > 0, "idle total");
            assert.ok(costs[stack].idle.total < costs[stack].load.total, `${costs[stack].idle.total} ≥ ${costs[stack].load.total}`);
        });
    }

    it("prices prod's 3 NAT gateways at 3 × 0.045 × 730 a month", () => {
        near(monthly(lines(costs.prod.idle, "aws:ec2/natGateway:NatGateway", "nat.hour")), 3 * 0.045 * 730, "NAT gateway hours");
    });

    it("prices dev's NAT instance (natGateways: instance): t4g.nano hours, its 8 GiB root volume and its Elastic IP; no NAT gateway", () => {
        const idle = costs.dev.idle;
        assert.deepStrictEqual(lines(idle, "aws:ec2/natGateway:NatGateway", "nat.hour"), []);
        const asg = idle.resources.filter((r) => r.type === "aws:autoscaling/group:Group" && r.component === "main");
        assert.strictEqual(asg.length, 1, "one NAT instance group in the network");
        near(monthly(asg[0].lines.filter((l) => l.price === "instance.t4g.nano")), 1 * 730 * 0.0042, "t4g.nano hours");
        near(monthly(asg[0].lines.filter((l) => l.price === "ebs.gp3.gbMonth")), 8 * 0.08, "root volume");
        const eips = idle.resources.filter((r) => r.type === "aws:ec2/eip:Eip" && r.component === "main");
        near(monthly(eips.flatMap((r) => r.lines)), 1 * 0.005 * 730, "Elastic IP");
        assert.ok(!idle.resources.some((r) => r.type === "aws:ec2/networkInterface:NetworkInterface"), "its network interface costs nothing");
    });

    it("prices prod's redis StatefulSet volumes: 3 replicas × 20 GiB gp3 × 0.08", () => {
        near(monthly(lines(costs.prod.idle, "kubernetes:apps/v1:StatefulSet", "ebs.gp3.gbMonth")), 3 * 20 * 0.08, "claims");
    });

    it("prices prod's S3 requests over its buckets (500,000 PUT, 2M GET) and its KMS requests over its keys (2M), all of them", () => {
        const load = costs.prod.load;
        const s3 = (price: string) => load.resources.flatMap((r) => r.lines.filter((l) => l.price === price));
        near(monthly(s3("s3.standard.put.1k")), (500_000 / 1000) * 0.005, "PUT");
        near(monthly(s3("s3.standard.get.1k")), (2_000_000 / 1000) * 0.0004, "GET");
        near(monthly(lines(load, "aws:kms/key:Key", "kms.requests.10k")), (2_000_000 / 10_000) * 0.03, "KMS requests");
        assert.ok(
            load.freeTier.some((c) => c.item === "KMS requests"),
            "the 20,000 free KMS requests are a credit of their own",
        );
    });

    it("prices prod's EKS observability add-on (containerInsights: true) per observation of its nodes, add-ons and workloads, and dev has none", () => {
        const addons = (e: CostEstimate) => e.resources.filter((r) => r.type === "aws:eks/addon:Addon");
        const observability = addons(costs.prod.idle).filter((a) => a.monthly > 0);
        assert.deepStrictEqual(
            observability.map((a) => a.name),
            ["platform-amazon-cloudwatch-observability"],
        );
        const [line] = observability[0].lines;
        assert.strictEqual(line.price, "cloudwatch.containerInsights.eksObservations");
        // prod: a 3-node managed group and a 2-node Spot group, eight add-ons, the hello Deployment and the StatefulSet (3 each).
        assert.match(line.note ?? "", /1 cluster, 5 EC2 nodes, .* 55 pods and 110 containers/);
        near(observability[0].monthly, line.quantity * 0.21, "the add-on's month");
        assert.deepStrictEqual(addons(costs.dev.idle), []);
    });

    it("shows the alarms created at stack level as one row, and each alarm in the resources", () => {
        const idle = costs.prod.idle;
        const type = "aws:cloudwatch/metricAlarm:MetricAlarm";
        const top = idle.resources.filter((r) => r.type === type && r.component === r.name);
        assert.ok(top.length > 1, `${top.length} stack-level alarms`);
        const rows = idle.components.filter((c) => c.type === type);
        assert.deepStrictEqual(
            rows.map((c) => [c.name, c.count]),
            [[`MetricAlarm ×${top.length} (stack level)`, top.length]],
        );
        near(rows[0].monthly, monthly(top), "the row's total");
        assert.match(costs.prod.text, new RegExp(`^ {2}MetricAlarm ×${top.length} \\(stack level\\) +\\d`, "m"));
    });
});
