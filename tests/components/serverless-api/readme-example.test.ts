import * as assert from "node:assert";
import { ContainerService, Network, ServerlessApi } from "../../../components";
import { build, unwrap } from "../../../components/testing";
import { DOMAIN_FIXTURES } from "./fixtures";

/** The example of /work/readme-drafts/http-extras.md, as written there (the entry path made relative to the tests). */
describe("ServerlessApi README example (VPC link and custom domain)", () => {
    it("builds: the proxy route reaches the internal ALB's listener, the API answers at its domain", async () => {
        const { registry, result } = await build(
            () => {
                const network = new Network("main");
                const platform = new ContainerService("saas", {
                    vpc: network.vpcArgs,
                    loadBalancers: { legacy: { type: "application", internal: true } },
                    services: {
                        legacy: {
                            containers: {
                                web: { image: "public.ecr.aws/nginx/nginx:1.27", portMappings: [{ containerPort: 80 }], readonlyRootFilesystem: false },
                            },
                            loadBalancer: { name: "legacy", containerPort: 80 },
                        },
                    },
                });
                const api = new ServerlessApi("shop", {
                    functions: { items: { entry: "functions/items/index.ts" } },
                    routes: { "GET /items": { function: "items" } },
                    proxyRoutes: { "ANY /legacy/{proxy+}": { target: "legacy", stripPrefix: true } },
                    vpcLink: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds, targets: { legacy: platform.albTargets.legacy } },
                    domain: { domainName: "api.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" },
                    disableExecuteApiEndpoint: true,
                });
                return { url: api.url };
            },
            { fixtures: DOMAIN_FIXTURES },
        );
        assert.equal(await unwrap(result.url), "https://api.example.com/");
        const listener = registry.one("aws:lb/listener:Listener", "saas-legacy-listener-80");
        registry.hasInputs("aws:apigatewayv2/integration:Integration", "shop-proxy-integration-any-legacy-proxy", { integrationUri: listener.outputs.arn });
        const subnets = registry.ofType("aws:ec2/subnet:Subnet").filter((s) => /private/.test(s.name));
        assert.ok(subnets.length >= 2);
        assert.deepEqual(registry.one("aws:apigatewayv2/vpcLink:VpcLink").inputs.subnetIds.sort(), subnets.map((s) => s.id).sort());
    });
});
