/** Each scenario in tests/scenarios/ is a complete program (like terraform-aws-modules' examples/), run under mocks. */
import * as assert from "node:assert";
import { build, kubernetesSchemaReport, unwrap } from "../components/testing";
import * as readmeShop from "./scenarios/readme-shop";
import * as expressSite from "./scenarios/express-site";
import * as ec2SpotBridge from "./scenarios/ec2-spot-bridge";
import * as redisStatefulSet from "./scenarios/redis-statefulset";
import * as ordersTable from "./scenarios/orders-table";

describe("scenarios", () => {
    it("readme-shop: HTTPS web on Spot, an API rule, a worker and a nightly task", async () => {
        const { registry, result } = await build(readmeShop.program);
        assert.match(await unwrap(result.url), /^https:\/\//);
        assert.equal(registry.ofType("aws:lb/listenerRule:ListenerRule").length, 1);
        assert.ok(registry.named("shop-worker-queue"));
        assert.ok(registry.named("shop-nightly-schedule"));
        const pull = registry.statementsOf("shop-api-execution-role").find((s: any) => s.Sid === "PullOwnImages");
        assert.deepEqual(pull.Resource, ["arn:aws:ecr:us-east-1:123456789012:repository/api"]);
    });

    it("express-site: one Express Mode service with an https URL", async () => {
        const { registry, result } = await build(expressSite.program);
        assert.equal(registry.ofType("aws:ecs/expressGatewayService:ExpressGatewayService").length, 1);
        assert.match(await unwrap(result.url), /^https:\/\/.+\.on\.aws$/);
    });

    it("ec2-spot-bridge: arm64 Spot instances, bridge tasks behind an internal ALB, EFS, no NAT", async () => {
        const { registry, result } = await build(ec2SpotBridge.program);
        assert.match(await unwrap(result.url), /^http:\/\/internal-/);
        assert.equal(registry.ofType("aws:ec2/natGateway:NatGateway").length, 0);
        assert.equal(registry.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs.vpcEndpointType === "Interface").length, 9);
        assert.equal(registry.ofType("aws:efs/mountTarget:MountTarget").length, 3);
        assert.equal(registry.one("aws:lb/targetGroup:TargetGroup").inputs.targetType, "instance");
        assert.equal(registry.one("aws:ec2/launchTemplate:LaunchTemplate").inputs.imageId, "ami-0a8b4cd432b1c3063");
    });

    it("redis-statefulset: a primary and two replicas that reach it at pod 0's stable DNS name, every object valid for the API", async () => {
        const { registry, result } = await build(redisStatefulSet.program);
        assert.equal(result.primary, "redis-0.redis-headless.data.svc.cluster.local");
        const sts = registry.one("kubernetes:apps/v1:StatefulSet");
        const [shell, flag, script] = sts.inputs.spec.template.spec.containers[0].command;
        assert.deepEqual([shell, flag], ["sh", "-c"]);
        assert.match(script, /if \[ "\$ordinal" = "0" \]; then exec redis-server --appendonly yes; fi/);
        assert.ok(script.endsWith(`exec redis-server --appendonly yes --replicaof ${result.primary} 6379`), script);
        assert.equal(sts.inputs.spec.serviceName, "redis-headless");
        assert.equal(sts.inputs.spec.volumeClaimTemplates[0].spec.storageClassName, "gp3");
        assert.equal(result.webUrl, "http://web.default.svc.cluster.local");
        const report = kubernetesSchemaReport(registry);
        assert.deepEqual(report.issues, []);
        assert.deepEqual(report.skipped, []);
        assert.equal(report.checked, registry.all().filter((r) => r.type.startsWith("kubernetes:")).length);
        assert.equal(report.checked, 8);
    });

    it("orders-table: a protected global table with auto scaling on the table and its index, and a role granted items only", async () => {
        const { registry, result } = await build(ordersTable.program);
        const table = registry.one("aws:dynamodb/table:Table");
        assert.deepEqual([table.protect, table.retainOnDelete, table.inputs.streamViewType], [true, true, "NEW_AND_OLD_IMAGES"]);
        assert.deepEqual(
            registry.ofType("aws:appautoscaling/target:Target").map((t) => t.inputs.resourceId),
            [
                `table/${await unwrap(result.tableName)}`,
                `table/${await unwrap(result.tableName)}`,
                `table/${await unwrap(result.tableName)}/index/byStatus`,
                `table/${await unwrap(result.tableName)}/index/byStatus`,
            ],
        );
        const resources = registry.statementsOf("orders-api").flatMap((s: any) => [s.Resource].flat());
        assert.deepEqual([...new Set(resources)].sort(), [table.outputs.arn, `${table.outputs.arn}/index/*`]);
        assert.match(await unwrap(result.streamArn), /\/stream\//);
        // DynamoDB refuses the replica of a provisioned table until write auto scaling exists.
        const replica = registry.one("aws:dynamodb/tableReplica:TableReplica");
        for (const policy of registry.ofType("aws:appautoscaling/policy:Policy")) assert.ok(replica.dependsOn.includes(policy.urn), policy.name);
    });
});
