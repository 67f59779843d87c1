/**
 * Validation of the load balancer options of issue 16 ("lb"): each bad value is refused by the
 * constructor with an ArgsError naming the field, and nothing is registered.
 */
import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import type { ContainerServiceArgs } from "../../../components/container-service/args";
import { validate } from "../../../components/container-service/validate";
import { buildFails } from "../../../components/testing";
import { CERT, webService, withArgs } from "./fixtures";

const LISTENER_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/0123456789abcdef/fedcba9876543210";
const SG = "sg-0123456789abcdef0";
const ZONE = "Z0123456789ABCDEFGHIJ";

/** The base args with the ALB "public" replaced by a joined listener "public". */
const joined = (mutate: (a: ContainerServiceArgs) => void = () => {}) =>
    withArgs((a) => {
        a.loadBalancers!.public = { type: "application", listenerArn: LISTENER_ARN, securityGroupId: SG };
        a.services!.web.loadBalancer!.rule = { priority: 10, pathPatterns: ["/*"] };
        mutate(a);
    });

/** The base args plus an NLB "tcp" and the web container listening on 9000 too. */
const withNlb = (mutate: (a: ContainerServiceArgs) => void) =>
    withArgs((a) => {
        a.loadBalancers!.tcp = { type: "network" };
        a.services!.web.containers.web.portMappings!.push({ containerPort: 9000 });
        mutate(a);
    });

const cases: Array<{ title: string; args: ContainerServiceArgs; path: string; message: RegExp }> = [
    // ---- listener ports ----
    {
        title: "refuses an ALB listener port above 65535",
        args: withArgs((a) => {
            a.services!.web.loadBalancer!.listenerPort = 65536;
        }),
        path: "services.web.loadBalancer.listenerPort",
        message: /from 1 to 65535/,
    },
    {
        title: "refuses two default services on one extra ALB listener",
        args: withArgs((a) => {
            for (const k of ["api", "admin"]) {
                a.services![k] = webService(8080, "public");
                a.services![k].loadBalancer!.listenerPort = 8080;
            }
        }),
        path: "loadBalancers.public",
        message: /several services without a rule on listener 8080/,
    },
    {
        title: "refuses the same rule priority twice on one listener",
        args: withArgs((a) => {
            for (const k of ["api", "admin"]) {
                a.services![k] = webService(8080, "public");
                a.services![k].loadBalancer!.listenerPort = 8080;
                a.services![k].loadBalancer!.rule = { priority: 5, pathPatterns: [`/${k}/*`] };
            }
        }),
        path: "services.admin.loadBalancer.rule.priority",
        message: /is also used by service "api" on listener 8080/,
    },
    {
        title: "refuses an extra ALB port when the ALB admits prefix lists (one port only)",
        args: withArgs((a) => {
            a.loadBalancers!.public.ingressPrefixListIds = ["pl-3b927c52"];
            a.services!.web.loadBalancer!.listenerPort = 8080;
        }),
        path: "services.web.loadBalancer.listenerPort",
        message: /admits its prefix lists on port 80 only/,
    },
    // ---- domain ----
    {
        title: "refuses a domain name with upper-case letters",
        args: withArgs((a) => {
            a.loadBalancers!.public.domain = { name: "Shop.example.com", hostedZoneId: ZONE };
        }),
        path: "loadBalancers.public.domain.name",
        message: /upper-case/,
    },
    {
        title: "refuses a hosted zone id that is not one",
        args: withArgs((a) => {
            a.loadBalancers!.public.domain = { name: "shop.example.com", hostedZoneId: "example.com" };
        }),
        path: "loadBalancers.public.domain.hostedZoneId",
        message: /Route 53 hosted zone id/,
    },
    {
        title: "refuses a domain name over ACM's 64 characters when the component requests the certificate",
        args: withArgs((a) => {
            a.loadBalancers!.public.domain = { name: `${"a".repeat(55)}.example.com`, hostedZoneId: ZONE };
        }),
        path: "loadBalancers.public.domain.name",
        message: /is 67 characters long, and ACM refuses a certificate whose domain name exceeds 64; allowed: certificateArn/,
    },
    {
        title: "refuses one domain name on two load balancers (one alias record each)",
        args: withArgs((a) => {
            a.loadBalancers!.public.domain = { name: "shop.example.com", hostedZoneId: ZONE };
            a.loadBalancers!.two = { type: "application", domain: { name: "shop.example.com", hostedZoneId: ZONE } };
            a.services!.api = webService(8080, "two");
        }),
        path: "loadBalancers.two.domain.name",
        message: /is also load balancer "public"'s domain/,
    },
    {
        title: "refuses an internal ALB when vpc.privateSubnetIds holds one subnet (a single-AZ Network)",
        args: withArgs((a) => {
            a.vpc.privateSubnetIds = ["subnet-a"];
            a.loadBalancers!.public.internal = true;
        }),
        path: "loadBalancers.public.internal",
        message: /vpc\.privateSubnetIds holds one subnet: an ALB needs subnets in two or more AZs/,
    },
    // ---- joined listeners ----
    {
        title: "refuses a listener ARN that is not an ALB listener's",
        args: joined((a) => {
            a.loadBalancers!.public.listenerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shared/0123456789abcdef";
        }),
        path: "loadBalancers.public.listenerArn",
        message: /Application Load Balancer listener ARN/,
    },
    {
        title: "refuses listenerArn on a network load balancer",
        args: joined((a) => {
            a.loadBalancers!.public.type = "network";
            delete a.services!.web.loadBalancer!.rule;
        }),
        path: "loadBalancers.public.listenerArn",
        message: /one default action and no rules/,
    },
    {
        title: "refuses listenerArn without the load balancer's security group",
        args: joined((a) => {
            delete a.loadBalancers!.public.securityGroupId;
        }),
        path: "loadBalancers.public.securityGroupId",
        message: /security group id/,
    },
    {
        title: "refuses securityGroupId without listenerArn",
        args: withArgs((a) => {
            a.loadBalancers!.public.securityGroupId = SG;
        }),
        path: "loadBalancers.public.securityGroupId",
        message: /only used with listenerArn/,
    },
    {
        title: "refuses a certificate on a joined listener, which the component cannot attach",
        args: joined((a) => {
            a.loadBalancers!.public.certificateArn = CERT;
        }),
        path: "loadBalancers.public.certificateArn",
        message: /no effect with listenerArn/,
    },
    {
        title: "refuses a service without a rule on a joined listener (its default action is not ours)",
        args: joined((a) => {
            delete a.services!.web.loadBalancer!.rule;
        }),
        path: "services.web.loadBalancer.rule",
        message: /default action is not the component's/,
    },
    {
        title: "refuses listenerPort on a joined listener",
        args: joined((a) => {
            a.services!.web.loadBalancer!.listenerPort = 8080;
        }),
        path: "services.web.loadBalancer.listenerPort",
        message: /joins an existing listener/,
    },
    // ---- additional load balancers ----
    {
        title: "refuses additional load balancers without a primary loadBalancer",
        args: withNlb((a) => {
            delete a.services!.web.loadBalancer;
            a.services!.web.additionalLoadBalancers = [{ name: "tcp", containerPort: 9000, listenerPort: 9000 }];
            a.services!.other = webService(80, "public");
        }),
        path: "services.web.additionalLoadBalancers",
        message: /needs loadBalancer/,
    },
    {
        title: "refuses a sixth target group (ECS allows five per service)",
        args: withArgs((a) => {
            a.services!.web.additionalLoadBalancers = [];
            for (const k of ["n1", "n2", "n3", "n4", "n5"]) {
                a.loadBalancers![k] = { type: "network" };
                a.services!.web.additionalLoadBalancers.push({ name: k, containerPort: 80 });
            }
        }),
        path: "services.web.additionalLoadBalancers",
        message: /6 target groups .* ECS allows 5/,
    },
    {
        title: "refuses the primary load balancer again among the additional ones",
        args: withArgs((a) => {
            a.services!.web.additionalLoadBalancers = [{ name: "public", containerPort: 80, listenerPort: 8080 }];
        }),
        path: "services.web.additionalLoadBalancers[0].name",
        message: /already one of the service's load balancers/,
    },
    {
        title: "refuses an additional load balancer that does not exist",
        args: withArgs((a) => {
            a.services!.web.additionalLoadBalancers = [{ name: "nope", containerPort: 80 }];
        }),
        path: "services.web.additionalLoadBalancers[0].name",
        message: /names no load balancer/,
    },
    {
        title: "refuses an additional target on a container port the container does not map",
        args: withNlb((a) => {
            a.services!.web.additionalLoadBalancers = [{ name: "tcp", containerPort: 9001, listenerPort: 9000 }];
        }),
        path: "services.web.additionalLoadBalancers[0].containerPort",
        message: /not in the port mappings/,
    },
    {
        title: "refuses an additional NLB port another service already listens on",
        args: withNlb((a) => {
            a.services!.db = webService(9000, "tcp");
            a.services!.db.loadBalancer!.listenerPort = 9000;
            a.services!.web.additionalLoadBalancers = [{ name: "tcp", containerPort: 9000, listenerPort: 9000 }];
        }),
        // web comes first (services in key order), so db's port is the one reported.
        path: "services.db.loadBalancer.listenerPort",
        message: /is also used by service "web" on NLB "tcp"/,
    },
    {
        title: "refuses a service web on NLB tcp beside a service web-tcp (both would create <name>-web-tcp-tg)",
        args: withNlb((a) => {
            a.services!.web.additionalLoadBalancers = [{ name: "tcp", containerPort: 9000, listenerPort: 9000 }];
            a.services!["web-tcp"] = webService(8080, "public", {
                loadBalancer: { name: "public", containerPort: 8080, rule: { priority: 3, pathPatterns: ["/x"] } },
            });
        }),
        path: "services.web-tcp",
        message: /same name as services\.web does: "<name>-web-tcp-tg"/,
    },
];

describe("ContainerService load balancer validation", () => {
    for (const c of cases)
        it(c.title, async () => {
            const issues = validate(c.args);
            const hit = issues.find((i) => i.path === c.path && c.message.test(`${i.message}; allowed: ${i.allowed ?? ""}`));
            assert.ok(hit, `${c.path} ${c.message} not in:\n${issues.map((i) => `${i.path}: ${i.message}; allowed: ${i.allowed}`).join("\n")}`);
            const { error, registry } = await buildFails(() => new ContainerService("shop", c.args));
            assert.equal(error.name, "ArgsError");
            assert.equal(registry.size, 0);
        });

    it("accepts one priority on two different listeners of one ALB", () => {
        const args = withArgs((a) => {
            a.services!.api = webService(8080, "public", {
                loadBalancer: { name: "public", containerPort: 8080, rule: { priority: 5, pathPatterns: ["/api/*"] } },
            });
            a.services!.admin = webService(9090, "public", {
                loadBalancer: { name: "public", containerPort: 9090, listenerPort: 8443, rule: { priority: 5, pathPatterns: ["/admin/*"] } },
            });
        });
        assert.deepEqual(validate(args), []);
    });

    it("accepts a domain name over 64 characters with certificateArn (the name may be a subject alternative name)", () => {
        const args = withArgs((a) => {
            a.loadBalancers!.public.domain = { name: `${"a".repeat(55)}.example.com`, hostedZoneId: ZONE };
            a.loadBalancers!.public.certificateArn = CERT;
        });
        assert.deepEqual(validate(args), []);
    });

    it("accepts an internal NLB on one private subnet (an NLB takes one AZ)", () => {
        const args = withArgs((a) => {
            a.vpc.privateSubnetIds = ["subnet-a"];
            a.loadBalancers!.public = { type: "network", internal: true };
        });
        assert.deepEqual(validate(args), []);
    });

    it("accepts a load balancer used only as an additional one", () => {
        const args = withNlb((a) => {
            a.services!.web.additionalLoadBalancers = [{ name: "tcp", containerPort: 9000, listenerPort: 9000 }];
        });
        assert.deepEqual(validate(args), []);
    });
});
