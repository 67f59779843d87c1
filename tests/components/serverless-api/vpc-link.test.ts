import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import { ServerlessApi, ServerlessApiArgs, VpcLinkTargetArgs } from "../../../components/serverless-api";
import { validate } from "../../../components/serverless-api/validate";
import { ArgsError } from "../../../components/shared/errors";
import { Registry, build, buildFails, physicalName } from "../../../components/testing";
import { CERT, baseArgs } from "../container-service/fixtures";
import { ISSUER, MINIMAL } from "./fixtures";

const VPC_LINK = "aws:apigatewayv2/vpcLink:VpcLink";
const INTEGRATION = "aws:apigatewayv2/integration:Integration";
const ROUTE = "aws:apigatewayv2/route:Route";
const STAGE = "aws:apigatewayv2/stage:Stage";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

const LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/legacy/0123456789abcdef/fedcba9876543210";
const ALB_SG = "sg-0123456789abcdef0";
const SUBNETS = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"];
const TARGET: VpcLinkTargetArgs = { listenerArn: LISTENER, protocol: "HTTP", port: 80, securityGroupId: ALB_SG };

/** MINIMAL plus `ANY /legacy/{proxy+}` forwarded to an internal ALB's HTTP listener. */
function proxied(route: Partial<NonNullable<ServerlessApiArgs["proxyRoutes"]>[string]> = {}, target: Partial<VpcLinkTargetArgs> = {}): ServerlessApiArgs {
    return {
        ...MINIMAL,
        proxyRoutes: { "ANY /legacy/{proxy+}": { target: "legacy", ...route } },
        vpcLink: { vpcId: "vpc-0123456789abcdef0", subnetIds: SUBNETS, targets: { legacy: { ...TARGET, ...target } } },
    };
}

describe("ServerlessApi VPC link to a private ALB", () => {
    describe("with an HTTP listener, the prefix stripped, an authorizer and a route throttle", () => {
        let registry: Registry;
        before(async () => {
            ({ registry } = await build(
                () =>
                    new ServerlessApi("shop", {
                        ...proxied({ stripPrefix: true, authorizer: "users", throttle: { burstLimit: 10, rateLimit: 5 } }),
                        authorizers: { users: { type: "jwt", issuer: ISSUER, audience: ["client-1"] } },
                    }),
            ));
        });

        it("creates a VPC link in the given private subnets with the security group it creates", () => {
            const sg = registry.one(SG, "shop-vpc-link-sg");
            registry.hasInputs(VPC_LINK, "shop-vpc-link", { subnetIds: SUBNETS, securityGroupIds: [sg.id] });
            assert.equal(sg.inputs.vpcId, "vpc-0123456789abcdef0");
            // No inline rules: the provider drops AWS's default allow-all egress.
            assert.equal(sg.inputs.egress, undefined);
            assert.equal(sg.inputs.ingress, undefined);
        });

        it("lets the VPC link's group send only to the ALB's group, on the listener port", () => {
            const sg = registry.one(SG, "shop-vpc-link-sg");
            registry.hasInputs(EGRESS, "shop-vpc-link-to-legacy", {
                securityGroupId: sg.id,
                referencedSecurityGroupId: ALB_SG,
                ipProtocol: "tcp",
                fromPort: 80,
                toPort: 80,
            });
            assert.equal(registry.ofType(EGRESS).length, 1);
        });

        it("admits the VPC link's group into the ALB's group on the listener port", () => {
            registry.hasInputs(INGRESS, "shop-vpc-link-into-legacy", {
                securityGroupId: ALB_SG,
                referencedSecurityGroupId: registry.one(SG, "shop-vpc-link-sg").id,
                ipProtocol: "tcp",
                fromPort: 80,
                toPort: 80,
            });
        });

        it("forwards the route to the listener as an HTTP_PROXY private integration, any method, payload 1.0, path stripped of /legacy", () => {
            registry.hasInputs(INTEGRATION, "shop-proxy-integration-any-legacy-proxy", {
                integrationType: "HTTP_PROXY",
                connectionType: "VPC_LINK",
                connectionId: registry.one(VPC_LINK).id,
                integrationUri: LISTENER,
                integrationMethod: "ANY",
                payloadFormatVersion: "1.0",
                tlsConfig: undefined,
                // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own ${...} selection syntax, not a template
                requestParameters: { "overwrite:path": "/${request.path.proxy}" },
            });
        });

        it("routes the key to the proxy integration, with its authorizer and its own throttle", () => {
            const integration = registry.one(INTEGRATION, "shop-proxy-integration-any-legacy-proxy");
            registry.hasInputs(ROUTE, "shop-route-any-legacy-proxy", {
                routeKey: "ANY /legacy/{proxy+}",
                target: `integrations/${integration.id}`,
                authorizationType: "JWT",
            });
            registry.hasInputs(STAGE, "shop-stage", {
                routeSettings: [{ routeKey: "ANY /legacy/{proxy+}", throttlingBurstLimit: 10, throttlingRateLimit: 5 }],
            });
        });
    });

    it("passes the path unchanged by default (the ALB sees /legacy/...)", async () => {
        const { registry } = await build(() => new ServerlessApi("shop", proxied()));
        registry.hasInputs(INTEGRATION, "shop-proxy-integration-any-legacy-proxy", { requestParameters: undefined });
    });

    it("speaks TLS to an HTTPS listener and verifies the server name in its certificate", async () => {
        const { registry } = await build(
            () => new ServerlessApi("shop", proxied({}, { protocol: "HTTPS", port: 443, serverName: "legacy.internal.example.com" })),
        );
        registry.hasInputs(INTEGRATION, "shop-proxy-integration-any-legacy-proxy", { tlsConfig: { serverNameToVerify: "legacy.internal.example.com" } });
        registry.hasInputs(EGRESS, "shop-vpc-link-to-legacy", { fromPort: 443, toPort: 443 });
    });

    it("uses given security groups as they are: no group or egress created, the ALB admits each of them", async () => {
        const args = proxied();
        args.vpcLink = { subnetIds: SUBNETS, securityGroupIds: ["sg-0aaaaaaaaaaaaaaaa", "sg-0bbbbbbbbbbbbbbbb"], targets: args.vpcLink!.targets };
        const { registry } = await build(() => new ServerlessApi("shop", args));
        assert.equal(registry.ofType(SG).length, 0);
        assert.equal(registry.ofType(EGRESS).length, 0);
        registry.hasInputs(VPC_LINK, undefined, { securityGroupIds: ["sg-0aaaaaaaaaaaaaaaa", "sg-0bbbbbbbbbbbbbbbb"] });
        registry.hasInputs(INGRESS, "shop-vpc-link-into-legacy-0", { referencedSecurityGroupId: "sg-0aaaaaaaaaaaaaaaa" });
        registry.hasInputs(INGRESS, "shop-vpc-link-into-legacy-1", { referencedSecurityGroupId: "sg-0bbbbbbbbbbbbbbbb" });
    });

    it("writes one rule per ALB group and port, so two listeners behind one group do not repeat it (EC2 refuses a duplicate rule)", async () => {
        const args = proxied();
        // The second asks for no ingress rule: the group still gets the one the first asks for.
        const other = { ...TARGET, listenerArn: LISTENER.replace("/legacy/", "/orders/"), ingressRule: false };
        args.proxyRoutes = { ...args.proxyRoutes, "ANY /orders/{proxy+}": { target: "orders" } };
        args.vpcLink = { ...args.vpcLink!, targets: { legacy: TARGET, orders: other } };
        const { registry } = await build(() => new ServerlessApi("shop", args));
        assert.deepEqual(
            registry.ofType(EGRESS).map((r) => r.name),
            ["shop-vpc-link-to-legacy"],
        );
        assert.deepEqual(
            registry.ofType(INGRESS).map((r) => r.name),
            ["shop-vpc-link-into-legacy"],
        );
        assert.equal(registry.ofType(INTEGRATION).filter((r) => r.inputs.connectionType === "VPC_LINK").length, 2);
    });

    it("adds no rule to the ALB's group when told not to", async () => {
        const { registry } = await build(() => new ServerlessApi("shop", proxied({}, { ingressRule: false })));
        assert.equal(registry.ofType(INGRESS).length, 0);
        assert.equal(registry.ofType(EGRESS).length, 1);
    });

    it("warns that an internet-facing ALB answers callers who bypass the API", async () => {
        const { warnings } = await build(() => new ServerlessApi("shop", proxied({}, { internal: false })));
        assert.ok(
            warnings.some((w) => /^\[aws-platform:serverless:public-alb\] ServerlessApi "shop": vpcLink target "legacy" is an internet-facing ALB/.test(w)),
            warnings.join("\n"),
        );
    });

    it("fits the VPC link's name to CreateVpcLink's 128 characters under the longest component name", async () => {
        // The longest name whose function child (`<name>-items`) is still a valid component name.
        const name = `shop-${"x".repeat(117)}`;
        const { registry } = await build(() => new ServerlessApi(name, proxied()));
        const link = registry.one(VPC_LINK);
        // What pulumi-aws would send: `<logical name>-<7 hex>`, which the provider's validator holds to 1-128.
        const physical = physicalName({ type: VPC_LINK, name: link.name, urn: link.urn, inputs: link.inputs, custom: true });
        assert.ok(physical.length <= 128, `${physical.length} characters: ${physical}`);
    });

    it("needs no function for an API of proxy routes only", () => {
        const args = proxied();
        assert.deepEqual(validate({ proxyRoutes: args.proxyRoutes, vpcLink: args.vpcLink, functions: {}, routes: {} }), []);
    });

    it("forwards to a ContainerService's internal ALB through its albTargets, leaving the ALB's inline rules alone", async () => {
        const { registry } = await build(() => {
            const platform = new ContainerService("saas", {
                ...baseArgs(),
                loadBalancers: { public: { type: "application" }, private: { type: "application", internal: true, certificateArn: CERT } },
                services: { ...baseArgs().services, legacy: { ...baseArgs().services!.web, loadBalancer: { name: "private", containerPort: 80 } } },
            });
            const api = new ServerlessApi("shop", {
                ...MINIMAL,
                proxyRoutes: { "ANY /legacy/{proxy+}": { target: "legacy" } },
                vpcLink: {
                    vpcId: "vpc-0123456789abcdef0",
                    subnetIds: SUBNETS,
                    targets: { legacy: { ...platform.albTargets.private, serverName: "legacy.internal.example.com" } },
                },
            });
            return { platform, api };
        });
        const listener = registry.one("aws:lb/listener:Listener", "saas-private-listener-443");
        const albSg = registry.one(SG, "saas-private-lb-sg");
        registry.hasInputs(INTEGRATION, "shop-proxy-integration-any-legacy-proxy", {
            integrationUri: listener.outputs.arn,
            tlsConfig: { serverNameToVerify: "legacy.internal.example.com" },
        });
        assert.match(listener.outputs.arn, /:listener\/app\//);
        registry.hasInputs(EGRESS, "shop-vpc-link-to-legacy", { referencedSecurityGroupId: albSg.id, fromPort: 443 });
        // The internal ALB admits the VPC's CIDR (where the VPC link's interfaces are) with its inline rules.
        assert.deepEqual(albSg.inputs.ingress[0].cidrBlocks, ["10.0.0.0/16"]);
        assert.equal(registry.ofType(INGRESS).filter((r) => r.name.startsWith("shop-")).length, 0);
    });
});

describe("ServerlessApi VPC link validation", () => {
    const cases: Array<{ title: string; args: ServerlessApiArgs; path: string; message: RegExp }> = [
        {
            title: "refuses a load balancer's ARN where the listener's is needed",
            args: proxied({}, { listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/legacy/0123456789abcdef" }),
            path: "vpcLink.targets.legacy.listenerArn",
            message: /not the load balancer's ARN/,
        },
        {
            title: "refuses a Network Load Balancer's listener",
            args: proxied({}, { listenerArn: LISTENER.replace("listener/app/", "listener/net/") }),
            path: "vpcLink.targets.legacy.listenerArn",
            message: /Application Load Balancer listener ARN/,
        },
        { title: "refuses port 0", args: proxied({}, { port: 0 }), path: "vpcLink.targets.legacy.port", message: /from 1 to 65535/ },
        {
            title: "refuses an HTTPS listener without a server name to verify",
            args: proxied({}, { protocol: "HTTPS", port: 443 }),
            path: "vpcLink.targets.legacy.serverName",
            message: /is required/,
        },
        {
            title: "refuses a server name with an HTTP listener",
            args: proxied({}, { serverName: "legacy.example.com" }),
            path: "vpcLink.targets.legacy.serverName",
            message: /only for an HTTPS listener/,
        },
        {
            title: "refuses a server name that is not a host name",
            args: proxied({}, { protocol: "HTTPS", port: 443, serverName: "https://legacy.example.com" }),
            path: "vpcLink.targets.legacy.serverName",
            message: /host name/,
        },
        {
            title: "refuses a malformed ALB security group id",
            args: proxied({}, { securityGroupId: "alb-sg" }),
            path: "vpcLink.targets.legacy.securityGroupId",
            message: /security group id/,
        },
        {
            title: "refuses stripPrefix on a route without a greedy variable",
            args: { ...proxied(), proxyRoutes: { "GET /legacy": { target: "legacy", stripPrefix: true } } },
            path: "proxyRoutes.GET /legacy.stripPrefix",
            message: /greedy/,
        },
        {
            title: "refuses a proxy route naming an unknown target",
            args: proxied({ target: "old" }),
            path: "proxyRoutes.ANY /legacy/{proxy+}.target",
            message: /is not a key of vpcLink.targets; allowed: legacy/,
        },
        {
            title: "refuses a proxy route without a vpcLink",
            args: { ...MINIMAL, proxyRoutes: { "ANY /legacy/{proxy+}": { target: "legacy" } } },
            path: "proxyRoutes.ANY /legacy/{proxy+}.target",
            message: /needs vpcLink/,
        },
        {
            title: "refuses a malformed proxy route key",
            args: { ...proxied(), proxyRoutes: { "ANY legacy/*": { target: "legacy" } } },
            path: "proxyRoutes.ANY legacy/*",
            message: /is not METHOD \/path/,
        },
        {
            title: "refuses a route key in both routes and proxyRoutes",
            args: { ...proxied(), routes: { "ANY /legacy/{proxy+}": { function: "items" } } },
            path: "proxyRoutes.ANY /legacy/{proxy+}",
            message: /names the same child/,
        },
        {
            title: "refuses custom scopes on a cognito proxy route",
            args: { ...proxied({ authorizer: "users", scopes: ["legacy/read"] }), authorizers: { users: { type: "cognito" } } },
            path: "proxyRoutes.ANY /legacy/{proxy+}.scopes[0]",
            message: /never in the tokens/,
        },
        {
            title: "refuses a VPC link with neither vpcId nor security groups",
            args: { ...proxied(), vpcLink: { subnetIds: SUBNETS, targets: { legacy: TARGET } } },
            path: "vpcLink.vpcId",
            message: /is required/,
        },
        {
            title: "refuses a malformed subnet id",
            args: { ...proxied(), vpcLink: { vpcId: "vpc-0123456789abcdef0", subnetIds: ["private-a"], targets: { legacy: TARGET } } },
            path: "vpcLink.subnetIds[0]",
            message: /subnet id/,
        },
        {
            title: "refuses a VPC link with no subnet",
            args: { ...proxied(), vpcLink: { vpcId: "vpc-0123456789abcdef0", subnetIds: [], targets: { legacy: TARGET } } },
            path: "vpcLink.subnetIds",
            message: /is empty/,
        },
        {
            title: "refuses a target no proxy route uses",
            args: { ...proxied(), vpcLink: { vpcId: "vpc-0123456789abcdef0", subnetIds: SUBNETS, targets: { legacy: TARGET, spare: TARGET } } },
            path: "vpcLink.targets.spare",
            message: /used by no proxy route/,
        },
        {
            title: "refuses a VPC link with no proxy route",
            args: { ...MINIMAL, vpcLink: proxied().vpcLink },
            path: "vpcLink",
            message: /used by no proxy route/,
        },
        {
            title: "refuses a listener protocol other than HTTP and HTTPS",
            args: proxied({}, { protocol: "TCP" as never }),
            path: "vpcLink.targets.legacy.protocol",
            message: /"HTTP", "HTTPS"/,
        },
    ];

    for (const c of cases) {
        it(`${c.title}, registering nothing`, async () => {
            const { error, registry } = await buildFails(() => new ServerlessApi("shop", c.args));
            assert.ok(error instanceof ArgsError, String(error));
            assert.ok(
                error.issues.find((i) => i.path === c.path),
                `no issue at ${c.path}: ${error.message}`,
            );
            assert.match(error.message, c.message);
            assert.equal(registry.size, 0);
        });
    }

    it("accepts listener ARNs, ports and ids API Gateway takes", () => {
        assert.deepEqual(validate(proxied({ stripPrefix: true })), []);
        assert.deepEqual(validate(proxied({}, { protocol: "HTTPS", port: 8443, serverName: "legacy.internal.example.com" })), []);
        assert.deepEqual(validate({ ...proxied({ authorizer: "users" }), authorizers: { users: { type: "jwt", issuer: ISSUER, audience: ["a"] } } }), []);
    });
});
