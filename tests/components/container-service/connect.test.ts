/**
 * Service Connect: the Cloud Map namespace (the component's own or a given one), each service's
 * `serviceConnectConfiguration` (ports, aliases, proxy and access logs), the cluster's default
 * namespace, the admission rules between services, and what the component reports.
 */
import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import type { ContainerServiceArgs } from "../../../components/container-service/args";
import { normalize } from "../../../components/container-service/defaults";
import { build, unwrap } from "../../../components/testing";
import { GIVEN_NS, connectArgs, namedPortService } from "./connect-fixtures";
import { T, baseArgs } from "./fixtures";

const NS = "aws:servicediscovery/httpNamespace:HttpNamespace";

const shop = (args: ContainerServiceArgs) => build(() => new ContainerService("shop", args));

describe("ContainerService Service Connect", () => {
    describe("normalize", () => {
        const cases: Array<{ title: string; args: ContainerServiceArgs; key: string; resolved: unknown }> = [
            {
                title: "a client: no ports, no clients, no access logs",
                args: connectArgs(),
                key: "web",
                resolved: { services: {}, allowFrom: [], allowFromSecurityGroups: {}, accessLogs: false },
            },
            {
                title: "one port: the service's key on the container port",
                args: connectArgs(),
                key: "app",
                resolved: {
                    services: { http: { discoveryName: "app", alias: { dnsName: "app", port: 8080 } } },
                    allowFrom: ["web"],
                    allowFromSecurityGroups: {},
                    accessLogs: false,
                },
            },
            {
                title: "a given discovery name: the alias follows it",
                args: connectArgs((a) => (a.services!.app.serviceConnect!.services = { http: { discoveryName: "orders" } })),
                key: "app",
                resolved: {
                    services: { http: { discoveryName: "orders", alias: { dnsName: "orders", port: 8080 } } },
                    allowFrom: ["web"],
                    allowFromSecurityGroups: {},
                    accessLogs: false,
                },
            },
        ];
        for (const c of cases)
            it(`resolves ${c.title}`, () => {
                assert.deepEqual(normalize("shop", c.args).services[c.key].serviceConnect, c.resolved);
            });
    });

    describe("namespace", () => {
        it("creates one Cloud Map HTTP namespace for the component when a service uses Service Connect", async () => {
            const { registry } = await shop(connectArgs());
            const ns = registry.one(NS);
            assert.equal(ns.name, "shop-namespace");
            assert.match(ns.inputs.description, /shop/);
        });

        it("creates no namespace, and sets no Service Connect anywhere, when no service uses it", async () => {
            const { registry } = await shop(baseArgs());
            assert.equal(registry.ofType(NS).length, 0);
            assert.equal(registry.one(T.cluster).inputs.serviceConnectDefaults, undefined);
            assert.equal(registry.one(T.service).inputs.serviceConnectConfiguration, undefined);
        });

        it("joins a given namespace instead of creating one", async () => {
            const { registry } = await shop(connectArgs((a) => (a.serviceConnect = { namespaceArn: GIVEN_NS })));
            assert.equal(registry.ofType(NS).length, 0);
            for (const s of registry.ofType(T.service)) assert.equal(s.inputs.serviceConnectConfiguration.namespace, GIVEN_NS);
            assert.deepEqual(registry.one(T.cluster).inputs.serviceConnectDefaults, { namespace: GIVEN_NS });
        });

        it("makes the namespace the cluster's default Service Connect namespace", async () => {
            const { registry } = await shop(connectArgs());
            const ns = registry.one(NS);
            assert.equal(registry.one(T.cluster).inputs.serviceConnectDefaults.namespace, ns.outputs.arn);
        });

        it("applies the namespace transform to the namespace", async () => {
            const { registry } = await shop(connectArgs((a) => (a.transform = { namespace: { description: "shared by the shop" } })));
            assert.equal(registry.one(NS).inputs.description, "shared by the shop");
        });
    });

    describe("services", () => {
        it("serves a port under the service's key on its container port by default", async () => {
            const { registry } = await shop(connectArgs());
            const sc = registry.one(T.service, "shop-app").inputs.serviceConnectConfiguration;
            assert.equal(sc.enabled, true);
            assert.equal(sc.namespace, registry.one(NS).outputs.arn);
            assert.deepEqual(sc.services, [{ portName: "http", discoveryName: "app", clientAlias: [{ dnsName: "app", port: 8080 }] }]);
        });

        it("makes a service without ports a client only (no services in its configuration)", async () => {
            const { registry } = await shop(connectArgs());
            const sc = registry.one(T.service, "shop-web").inputs.serviceConnectConfiguration;
            assert.equal(sc.enabled, true);
            assert.deepEqual(sc.services ?? [], []);
        });

        it("uses the given discovery name and alias", async () => {
            const { registry } = await shop(
                connectArgs((a) => {
                    a.services!.app.serviceConnect!.services = { http: { discoveryName: "orders-api", alias: { dnsName: "orders.internal", port: 80 } } };
                }),
            );
            const sc = registry.one(T.service, "shop-app").inputs.serviceConnectConfiguration;
            assert.deepEqual(sc.services, [{ portName: "http", discoveryName: "orders-api", clientAlias: [{ dnsName: "orders.internal", port: 80 }] }]);
        });

        it("names each port's discovery name <key>-<port> when a service serves several", async () => {
            const { registry } = await shop(
                connectArgs((a) => {
                    a.services!.app.containers.main.portMappings!.push({ containerPort: 9090, name: "admin" });
                    a.services!.app.serviceConnect!.services = { http: {}, admin: {} };
                }),
            );
            const sc = registry.one(T.service, "shop-app").inputs.serviceConnectConfiguration;
            assert.deepEqual(
                sc.services.map((s: any) => [s.portName, s.discoveryName, s.clientAlias[0].dnsName, s.clientAlias[0].port]),
                [
                    ["http", "app-http", "app-http", 8080],
                    ["admin", "app-admin", "app-admin", 9090],
                ],
            );
        });

        it("sends the proxy's logs to the service's own log group, without access logs by default", async () => {
            const { registry } = await shop(connectArgs());
            const sc = registry.one(T.service, "shop-app").inputs.serviceConnectConfiguration;
            const logGroup = registry.one(T.logGroup, "shop-app-logs");
            assert.equal(sc.logConfiguration.logDriver, "awslogs");
            assert.equal(sc.logConfiguration.options["awslogs-group"], logGroup.outputs.name);
            assert.equal(sc.logConfiguration.options["awslogs-stream-prefix"], "service-connect");
            assert.ok(sc.logConfiguration.options["awslogs-region"]);
            assert.equal(sc.accessLogConfiguration, undefined);
        });

        it("turns on JSON access logs without query strings when accessLogs is true", async () => {
            const { registry } = await shop(connectArgs((a) => (a.services!.app.serviceConnect!.accessLogs = true)));
            const sc = registry.one(T.service, "shop-app").inputs.serviceConnectConfiguration;
            assert.deepEqual(sc.accessLogConfiguration, { format: "JSON", includeQueryParameters: "DISABLED" });
        });

        it("lets the execution role write the proxy's log streams (the service's log group)", async () => {
            const { registry } = await shop(connectArgs());
            const logGroup = registry.one(T.logGroup, "shop-app-logs");
            const write = registry.statementsOf("shop-app-execution-role").find((s) => s.Sid === "WriteOwnLogGroup");
            assert.equal(write.Resource, `${logGroup.outputs.arn}:log-stream:*`);
        });
    });

    describe("admission between services", () => {
        it("admits each allowFrom client's tasks on the server's container port, and nothing else", async () => {
            const { registry } = await shop(connectArgs());
            const rules = registry.ofType(T.ingress).filter((r) => r.name.includes("-from-") && !r.name.endsWith("-from-lb"));
            assert.deepEqual(
                rules.map((r) => r.name),
                ["shop-app-http-from-web"],
            );
            const r = rules[0].inputs;
            assert.equal(r.securityGroupId, registry.one(T.sg, "shop-app-sg").id);
            assert.equal(r.referencedSecurityGroupId, registry.one(T.sg, "shop-web-sg").id);
            assert.deepEqual([r.ipProtocol, r.fromPort, r.toPort], ["tcp", 8080, 8080]);
        });

        it("opens the container port, not the alias port, when they differ", async () => {
            const { registry } = await shop(connectArgs((a) => (a.services!.app.serviceConnect!.services = { http: { alias: { port: 80 } } })));
            const r = registry.one(T.ingress, "shop-app-http-from-web").inputs;
            assert.deepEqual([r.fromPort, r.toPort], [8080, 8080]);
        });

        it("admits a client declared after its server (rules come after every service)", async () => {
            const { registry } = await shop(
                connectArgs((a) => {
                    a.services!.worker = namedPortService(7000, "jobs", { serviceConnect: {} });
                    a.services!.app.serviceConnect!.allowFrom = ["web", "worker"];
                }),
            );
            const r = registry.one(T.ingress, "shop-app-http-from-worker").inputs;
            assert.equal(r.referencedSecurityGroupId, registry.one(T.sg, "shop-worker-sg").id);
        });

        it("admits a security group from outside the component, named by its key", async () => {
            const { registry } = await shop(
                connectArgs((a) => (a.services!.app.serviceConnect!.allowFromSecurityGroups = { billing: "sg-0123456789abcdef0" })),
            );
            const r = registry.one(T.ingress, "shop-app-http-from-billing").inputs;
            assert.equal(r.securityGroupId, registry.one(T.sg, "shop-app-sg").id);
            assert.equal(r.referencedSecurityGroupId, "sg-0123456789abcdef0");
            assert.deepEqual([r.fromPort, r.toPort], [8080, 8080]);
        });

        it("applies the serviceConnectIngress transform with the rule's name", async () => {
            const seen: string[] = [];
            const { registry } = await shop(
                connectArgs((a) => {
                    a.transform = {
                        serviceConnectIngress: (args, _opts, name) => {
                            seen.push(name);
                            return { ...args, description: "reviewed" };
                        },
                    };
                }),
            );
            assert.deepEqual(seen, ["shop-app-http-from-web"]);
            assert.equal(registry.one(T.ingress, "shop-app-http-from-web").inputs.description, "reviewed");
        });

        it("exposes the namespace and each service's admission rules in resources", async () => {
            const { result } = await shop(connectArgs());
            assert.ok(result.resources.serviceConnect?.namespace);
            assert.deepEqual(Object.keys(result.resources.services.app.serviceConnectIngress), ["http-from-web"]);
            assert.deepEqual(result.resources.services.web.serviceConnectIngress, {});
        });
    });

    describe("warnings", () => {
        it("warns when a service serves ports and admits no client", async () => {
            const { warnings } = await shop(connectArgs((a) => (a.services!.app.serviceConnect!.allowFrom = [])));
            const closed = warnings.filter((w) => w.includes("[aws-platform:ecs:service-connect-closed]"));
            assert.equal(closed.length, 1, warnings.join("\n"));
            assert.match(closed[0], /service "app" serves Service Connect ports \(http\) and admits no client/);
        });

        it("does not warn for a server that admits only security groups from outside", async () => {
            const { warnings } = await shop(
                connectArgs((a) =>
                    Object.assign(a.services!.app.serviceConnect!, { allowFrom: [], allowFromSecurityGroups: { billing: "sg-0123456789abcdef0" } }),
                ),
            );
            assert.deepEqual(
                warnings.filter((w) => w.includes("service-connect-closed")),
                [],
            );
        });

        it("does not warn for a server with clients or for a client-only service", async () => {
            const { warnings } = await shop(connectArgs());
            assert.deepEqual(
                warnings.filter((w) => w.includes("service-connect-closed")),
                [],
            );
        });
    });

    describe("outputs", () => {
        it("reports where clients reach each served port", async () => {
            const { result } = await shop(
                connectArgs((a) => (a.services!.app.serviceConnect!.services = { http: { alias: { dnsName: "orders.internal", port: 80 } } })),
            );
            assert.deepEqual(result.serviceConnectEndpoints, { app: { http: "orders.internal:80" } });
        });

        it("reports the given namespace's ARN in resources", async () => {
            const { result } = await shop(connectArgs((a) => (a.serviceConnect = { namespaceArn: GIVEN_NS })));
            assert.equal(await unwrap(result.resources.serviceConnect!.arn), GIVEN_NS);
            assert.equal(result.resources.serviceConnect!.namespace, undefined);
        });
    });
});
