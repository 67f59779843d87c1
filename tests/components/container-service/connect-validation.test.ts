/**
 * Service Connect arguments AWS would refuse (or that would do nothing): refused before any resource,
 * every issue at once.
 */
import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import type { ContainerServiceArgs } from "../../../components/container-service/args";
import { validate } from "../../../components/container-service/validate";
import { buildFails } from "../../../components/testing";
import { GIVEN_NS, connectArgs, namedPortService } from "./connect-fixtures";
import { baseArgs } from "./fixtures";

const paths = (args: ContainerServiceArgs) => validate(args).map((i) => i.path);

const cases: Array<{ title: string; args: ContainerServiceArgs; path: string; message: RegExp }> = [
    {
        title: "a port name that names no port mapping",
        args: connectArgs((a) => (a.services!.app.serviceConnect!.services = { grpc: {} })),
        path: "services.app.serviceConnect.services.grpc",
        message: /names no port mapping of the service's containers/,
    },
    {
        title: "a discovery name with upper-case letters",
        args: connectArgs((a) => (a.services!.app.serviceConnect!.services = { http: { discoveryName: "Orders" } })),
        path: "services.app.serviceConnect.services.http.discoveryName",
        message: /lower-case/,
    },
    {
        title: "a default discovery name (<key>-<port>) longer than 64 characters",
        args: connectArgs((a) => {
            const long = "p".repeat(62);
            a.services!.app.containers.main.portMappings = [
                { containerPort: 8080, name: long },
                { containerPort: 9090, name: "admin" },
            ];
            a.services!.app.serviceConnect!.services = { [long]: {}, admin: {} };
        }),
        path: `services.app.serviceConnect.services.${"p".repeat(62)}.discoveryName`,
        message: /give discoveryName/,
    },
    {
        title: "an alias DNS name starting with a hyphen",
        args: connectArgs((a) => (a.services!.app.serviceConnect!.services = { http: { alias: { dnsName: "-orders" } } })),
        path: "services.app.serviceConnect.services.http.alias.dnsName",
        message: /not starting with '-'/,
    },
    {
        title: "an alias DNS name longer than 127 characters",
        args: connectArgs((a) => (a.services!.app.serviceConnect!.services = { http: { alias: { dnsName: `${"a".repeat(124)}.com` } } })),
        path: "services.app.serviceConnect.services.http.alias.dnsName",
        message: /up to 127/,
    },
    {
        title: "an alias port of 0",
        args: connectArgs((a) => (a.services!.app.serviceConnect!.services = { http: { alias: { port: 0 } } })),
        path: "services.app.serviceConnect.services.http.alias.port",
        message: /out of range/,
    },
    {
        title: "two services with the same discovery name",
        args: connectArgs((a) => {
            a.services!.orders = namedPortService(8081, "http", { serviceConnect: { services: { http: { discoveryName: "app" } } } });
        }),
        path: "services.orders.serviceConnect.services.http.discoveryName",
        message: /is also the discovery name of services\.app/,
    },
    {
        title: "two services with the same alias name and port",
        args: connectArgs((a) => {
            a.services!.orders = namedPortService(8080, "http", { serviceConnect: { services: { http: { alias: { dnsName: "app" } } } } });
        }),
        path: "services.orders.serviceConnect.services.http.alias",
        message: /is also the alias of services\.app/,
    },
    {
        title: "an allowFrom key that names no service",
        args: connectArgs((a) => (a.services!.app.serviceConnect!.allowFrom = ["webb"])),
        path: "services.app.serviceConnect.allowFrom[0]",
        message: /names no service/,
    },
    {
        title: "an allowFrom service without Service Connect",
        args: connectArgs((a) => {
            delete a.services!.web.serviceConnect;
        }),
        path: "services.app.serviceConnect.allowFrom[0]",
        message: /does not use Service Connect/,
    },
    {
        title: "the same client listed twice",
        args: connectArgs((a) => (a.services!.app.serviceConnect!.allowFrom = ["web", "web"])),
        path: "services.app.serviceConnect.allowFrom[1]",
        message: /listed twice/,
    },
    {
        title: "allowFrom on a client-only service",
        args: connectArgs((a) => (a.services!.web.serviceConnect = { allowFrom: ["app"] })),
        path: "services.web.serviceConnect.allowFrom",
        message: /serves no port/,
    },
    {
        title: "an outside security group that is not a security group id",
        args: connectArgs((a) => (a.services!.app.serviceConnect!.allowFromSecurityGroups = { billing: "billing-sg" })),
        path: "services.app.serviceConnect.allowFromSecurityGroups.billing",
        message: /security group id/,
    },
    {
        title: "an outside security group named like a service in allowFrom",
        args: connectArgs((a) => (a.services!.app.serviceConnect!.allowFromSecurityGroups = { web: "sg-0123456789abcdef0" })),
        path: "services.app.serviceConnect.allowFromSecurityGroups.web",
        message: /is also in allowFrom/,
    },
    {
        title: "outside security groups on a client-only service",
        args: connectArgs((a) => (a.services!.web.serviceConnect = { allowFromSecurityGroups: { billing: "sg-0123456789abcdef0" } })),
        path: "services.web.serviceConnect.allowFromSecurityGroups",
        message: /serves no port/,
    },
    {
        title: "Service Connect on bridge-mode tasks",
        args: connectArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"] };
            Object.assign(a.services!.app, { capacity: "ec2", networkMode: "bridge" });
        }),
        path: "services.app.serviceConnect",
        message: /not in awsvpc network mode/,
    },
    {
        title: "a namespace ARN that is not a Cloud Map namespace",
        args: connectArgs((a) => (a.serviceConnect = { namespaceArn: "arn:aws:route53:::hostedzone/Z123" })),
        path: "serviceConnect.namespaceArn",
        message: /Cloud Map namespace ARN/,
    },
    {
        title: "a namespace given while no service uses Service Connect",
        args: (() => {
            const a = baseArgs();
            a.serviceConnect = { namespaceArn: GIVEN_NS };
            return a;
        })(),
        path: "serviceConnect.namespaceArn",
        message: /no service uses Service Connect/,
    },
];

describe("ContainerService Service Connect validation", () => {
    it("accepts the fixture (the cases below differ from it by one thing)", () => {
        assert.deepEqual(validate(connectArgs()), []);
    });

    for (const c of cases) {
        it(`refuses ${c.title}`, () => {
            const issues = validate(c.args).filter((i) => i.path === c.path);
            assert.equal(issues.length, 1, `${c.path} in ${paths(c.args).join(", ")}`);
            assert.match(`${issues[0].message}; allowed: ${issues[0].allowed}`, c.message);
        });
    }

    it("refuses a misspelled Service Connect key and suggests the right one", () => {
        const a = connectArgs((x) => ((x.services!.app.serviceConnect as any).allowFrm = ["web"]));
        const issue = validate(a).find((i) => i.path === "services.app.serviceConnect.allowFrm");
        assert.ok(issue, paths(a).join(", "));
        assert.match(issue.message, /did you mean allowFrom/);
    });

    it("reports every Service Connect issue at once and registers nothing", async () => {
        const { error, registry } = await buildFails(
            () =>
                new ContainerService(
                    "shop",
                    connectArgs((a) => {
                        a.services!.app.serviceConnect = { services: { grpc: { discoveryName: "Orders" } }, allowFrom: ["webb"] };
                    }),
                ),
        );
        assert.equal(error.name, "ArgsError");
        assert.equal(registry.size, 0);
        for (const p of [
            "services.app.serviceConnect.services.grpc",
            "services.app.serviceConnect.services.grpc.discoveryName",
            "services.app.serviceConnect.allowFrom[0]",
        ])
            assert.ok(error.message.includes(p), `${p} in ${error.message}`);
    });

    it("refuses an admission rule whose name another service's load balancer rule takes", () => {
        // app admits a service "lb" on port "http": shop-app-http-from-lb, also the ALB rule of service "app-http".
        const a = connectArgs((x) => {
            x.services!.lb = namedPortService(7000, "x", { serviceConnect: {} });
            x.services!.app.serviceConnect!.allowFrom = ["lb"];
            x.services!["app-http"] = {
                ...namedPortService(80, "y"),
                loadBalancer: { name: "public", containerPort: 80, rule: { priority: 5, pathPatterns: ["/h/*"] } },
            };
        });
        const collisions = validate(a).filter((i) => /same name/.test(i.message));
        assert.equal(collisions.length, 1, JSON.stringify(validate(a)));
        assert.match(collisions[0].message, /app-http-from-lb/);
    });
});
