import * as assert from "node:assert";
import { build, unwrap } from "../../components/testing";
import * as serviceConnect from "./service-connect";

describe("scenarios", () => {
    it("service-connect: web, orders and inventory call each other by name in a namespace shared with billing", async () => {
        const { registry, result } = await build(() => serviceConnect.program());
        // The program's namespace only: neither component creates its own.
        assert.deepEqual(
            registry.ofType("aws:servicediscovery/httpNamespace:HttpNamespace").map((r) => r.name),
            ["apps"],
        );
        const namespaceArn = await unwrap(result.namespace.arn);
        const services = registry.ofType("aws:ecs/service:Service");
        assert.deepEqual(services.map((s) => s.name).sort(), ["billing-invoicer", "shop-inventory", "shop-orders", "shop-web"]);
        for (const s of services) assert.equal(s.inputs.serviceConnectConfiguration.namespace, namespaceArn, s.name);
        assert.deepEqual(result.endpoints, { orders: { http: "orders:8080" }, inventory: { http: "stock:80", admin: "inventory-admin:9000" } });
        // Each server admits exactly its callers, on its container ports.
        const rules = registry
            .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((r) => r.name.includes("-from-") && !r.name.endsWith("-from-lb"))
            .map((r) => `${r.name}:${r.inputs.fromPort}`)
            .sort();
        assert.deepEqual(rules, [
            "shop-inventory-admin-from-web:9000",
            "shop-inventory-http-from-web:3000",
            "shop-orders-http-from-billing:8080",
            "shop-orders-http-from-inventory:8080",
            "shop-orders-http-from-web:8080",
        ]);
        const orders = registry.one("aws:ecs/service:Service", "shop-orders").inputs.serviceConnectConfiguration;
        assert.equal(orders.accessLogConfiguration.format, "JSON");
    });
});
