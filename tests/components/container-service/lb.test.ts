/**
 * Load balancers (issue 16, "lb"): ALB listeners on any port, listener URLs with their port, a custom
 * domain (ACM certificate validated by DNS, alias record), joining an existing ALB listener, and one
 * service in several target groups.
 */
import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import type { ContainerServiceArgs } from "../../../components/container-service/args";
import { Registry, build, buildFails, unwrap } from "../../../components/testing";
import { CERT, T, webService, withArgs } from "./fixtures";

type Built = { registry: Registry; result: ContainerService; warnings: string[] };
const shop = (args: ContainerServiceArgs): Promise<Built> => build(() => new ContainerService("shop", args));

const CERTIFICATE = "aws:acm/certificate:Certificate";
const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
const RECORD = "aws:route53/record:Record";
const ZONE = "Z0123456789ABCDEFGHIJ";
const LISTENER_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/0123456789abcdef/fedcba9876543210";
const SHARED_SG = "sg-0123456789abcdef0";

describe("ContainerService load balancers", () => {
    describe("an ALB with a certificate and services on 443 and 8443", () => {
        let b: Built;
        before(async () => {
            b = await shop(
                withArgs((a) => {
                    a.loadBalancers!.public.certificateArn = CERT;
                    a.services!.api = webService(8080, "public");
                    a.services!.api.loadBalancer!.listenerPort = 8443;
                    a.services!.admin = webService(9090, "public");
                    a.services!.admin.loadBalancer!.listenerPort = 8443;
                    a.services!.admin.loadBalancer!.rule = { priority: 10, pathPatterns: ["/admin/*"] };
                    // The same priority on the main listener: priorities count per listener.
                    a.services!.docs = webService(8081, "public");
                    a.services!.docs.loadBalancer!.rule = { priority: 10, pathPatterns: ["/docs/*"] };
                }),
            );
        });

        it("gives port 8443 an HTTPS listener of its own with the certificate and TLS policy", () => {
            const l = b.registry.one(T.listener, "shop-public-listener-8443");
            assert.equal(l.inputs.port, 8443);
            assert.equal(l.inputs.protocol, "HTTPS");
            assert.equal(l.inputs.certificateArn, CERT);
            assert.equal(l.inputs.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06");
            assert.equal(l.inputs.loadBalancerArn, b.registry.one(T.lb, "shop-public-alb").outputs.arn);
        });

        it("makes the service on 8443 without a rule that listener's default action", () => {
            const l = b.registry.one(T.listener, "shop-public-listener-8443");
            assert.deepEqual(l.inputs.defaultActions, [{ type: "forward", targetGroupArn: b.registry.one(T.tg, "shop-api-tg").outputs.arn }]);
        });

        it("keeps web the default action of the main 443 listener and 80 a redirect", () => {
            const main = b.registry.one(T.listener, "shop-public-listener-443");
            assert.deepEqual(main.inputs.defaultActions, [{ type: "forward", targetGroupArn: b.registry.one(T.tg, "shop-web-tg").outputs.arn }]);
            assert.equal(b.registry.one(T.listener, "shop-public-listener-80").inputs.defaultActions[0].type, "redirect");
            assert.equal(b.registry.ofType(T.listener).length, 3);
        });

        it("puts each rule on its service's listener", () => {
            const rule = (name: string) => b.registry.one(T.rule, name).inputs.listenerArn;
            assert.equal(rule("shop-admin-rule"), b.registry.one(T.listener, "shop-public-listener-8443").outputs.arn);
            assert.equal(rule("shop-docs-rule"), b.registry.one(T.listener, "shop-public-listener-443").outputs.arn);
        });

        it("admits the ingress CIDRs on 80, 443 and 8443", () => {
            const sg = b.registry.one(T.sg, "shop-public-lb-sg");
            assert.deepEqual(
                sg.inputs.ingress.map((r: any) => r.fromPort),
                [80, 443, 8443],
            );
        });

        it("gives each serving listener a URL with its port, and the 8443 service its URL", async () => {
            const dns = b.registry.one(T.lb, "shop-public-alb").outputs.dnsName;
            assert.deepEqual(await unwrap(b.result.listenerUrls.public), { "443": `https://${dns}`, "8443": `https://${dns}:8443` });
            assert.equal(await unwrap(b.result.serviceUrls.api), `https://${dns}:8443`);
            assert.equal(await unwrap(b.result.serviceUrls.admin), `https://${dns}:8443/admin/`);
            assert.equal(await unwrap(b.result.urls.public), `https://${dns}`);
        });
    });

    it("gives an ALB without a certificate an HTTP listener on the service's port", async () => {
        const { registry, result } = await shop(
            withArgs((a) => {
                a.services!.api = webService(8080, "public");
                a.services!.api.loadBalancer!.listenerPort = 8080;
            }),
        );
        const l = registry.one(T.listener, "shop-public-listener-8080");
        assert.equal(l.inputs.protocol, "HTTP");
        assert.equal(l.inputs.certificateArn, undefined);
        const dns = registry.one(T.lb, "shop-public-alb").outputs.dnsName;
        assert.equal(await unwrap(result.serviceUrls.api), `http://${dns}:8080`);
    });

    it("gives an NLB with two listeners a URL per port, and no port in its own URL", async () => {
        const { registry, result } = await shop(
            withArgs((a) => {
                a.loadBalancers!.tcp = { type: "network", internal: true };
                a.services!.db = webService(5432, "tcp");
                a.services!.db.loadBalancer!.listenerPort = 5432;
                a.services!.cache = webService(6379, "tcp");
                a.services!.cache.loadBalancer!.listenerPort = 6379;
            }),
        );
        const dns = registry.one(T.lb, "shop-tcp-nlb").outputs.dnsName;
        assert.deepEqual(await unwrap(result.listenerUrls.tcp), { "5432": `tcp://${dns}:5432`, "6379": `tcp://${dns}:6379` });
        assert.equal(await unwrap(result.urls.tcp), `tcp://${dns}`);
        assert.equal(await unwrap(result.serviceUrls.cache), `tcp://${dns}:6379`);
    });

    describe("a custom domain without a certificate", () => {
        let b: Built;
        before(async () => {
            b = await shop(
                withArgs((a) => {
                    a.loadBalancers!.public.domain = { name: "shop.example.com", hostedZoneId: ZONE };
                }),
            );
        });

        it("requests an ACM certificate for the name, validated by DNS", () => {
            const cert = b.registry.one(CERTIFICATE, "shop-public-domain-certificate");
            assert.equal(cert.inputs.domainName, "shop.example.com");
            assert.equal(cert.inputs.validationMethod, "DNS");
        });

        it("writes ACM's validation CNAME in the zone and waits for the certificate on it", () => {
            const cert = b.registry.one(CERTIFICATE, "shop-public-domain-certificate");
            const option = cert.outputs.domainValidationOptions[0];
            const record = b.registry.one(RECORD, "shop-public-domain-validation");
            assert.equal(record.inputs.zoneId, ZONE);
            assert.equal(record.inputs.name, option.resourceRecordName);
            assert.equal(record.inputs.type, "CNAME");
            assert.deepEqual(record.inputs.records, [option.resourceRecordValue]);
            const validation = b.registry.one(VALIDATION, "shop-public-domain-certificate-validation");
            assert.equal(validation.inputs.certificateArn, cert.outputs.arn);
            assert.deepEqual(validation.inputs.validationRecordFqdns, [record.outputs.fqdn]);
        });

        it("serves HTTPS on 443 with the validated certificate and redirects 80", () => {
            const main = b.registry.one(T.listener, "shop-public-listener-443");
            assert.equal(main.inputs.protocol, "HTTPS");
            assert.equal(main.inputs.certificateArn, b.registry.one(VALIDATION).outputs.certificateArn);
            assert.equal(b.registry.one(T.listener, "shop-public-listener-80").inputs.defaultActions[0].type, "redirect");
        });

        it("aliases the name (A only) to dualstack.<the ALB's DNS name> in the ALB's canonical zone", () => {
            const alb = b.registry.one(T.lb, "shop-public-alb");
            const a = b.registry.one(RECORD, "shop-public-domain-a");
            assert.equal(a.inputs.zoneId, ZONE);
            assert.equal(a.inputs.name, "shop.example.com");
            assert.equal(a.inputs.type, "A");
            assert.deepEqual(a.inputs.aliases, [{ name: `dualstack.${alb.outputs.dnsName}`, zoneId: alb.outputs.zoneId, evaluateTargetHealth: false }]);
            assert.equal(b.registry.ofType(RECORD).filter((r) => r.inputs.type === "AAAA").length, 0);
        });

        it("uses the domain name in the URLs", async () => {
            assert.equal(await unwrap(b.result.urls.public), "https://shop.example.com");
            assert.equal(await unwrap(b.result.serviceUrls.web), "https://shop.example.com");
        });
    });

    it("uses a given certificate for the domain and requests none", async () => {
        const { registry } = await shop(
            withArgs((a) => {
                a.loadBalancers!.public.certificateArn = CERT;
                a.loadBalancers!.public.domain = { name: "shop.example.com", hostedZoneId: ZONE };
            }),
        );
        assert.equal(registry.ofType(CERTIFICATE).length, 0);
        assert.equal(registry.one(T.listener, "shop-public-listener-443").inputs.certificateArn, CERT);
        assert.equal(registry.one(RECORD, "shop-public-domain-a").inputs.name, "shop.example.com");
    });

    it("reaches the validation and alias records with transform.dnsRecord, by name", async () => {
        const seen: string[] = [];
        const { registry } = await shop(
            withArgs((a) => {
                a.loadBalancers!.public.domain = { name: "shop.example.com", hostedZoneId: ZONE };
                a.transform = {
                    dnsRecord: (args, _opts, name) => {
                        seen.push(name);
                        return { ...args, ttl: name.endsWith("-validation") ? 300 : args.ttl };
                    },
                };
            }),
        );
        assert.deepEqual(seen.sort(), ["shop-public-domain-a", "shop-public-domain-validation"]);
        assert.equal(registry.one(RECORD, "shop-public-domain-validation").inputs.ttl, 300);
    });

    it("reaches every listener rule with transform.listenerRule and the certificate with transform.certificate", async () => {
        const rules: string[] = [];
        const { registry } = await shop(
            withArgs((a) => {
                a.loadBalancers!.public.domain = { name: "shop.example.com", hostedZoneId: ZONE };
                a.loadBalancers!.other = { type: "application", internal: true };
                a.services!.web.loadBalancer!.rule = { priority: 1, pathPatterns: ["/*"] };
                a.services!.web.additionalLoadBalancers = [{ name: "other", containerPort: 80, rule: { priority: 2, hosts: ["web.internal"] } }];
                a.transform = {
                    listenerRule: (_args, _opts, name) => void rules.push(name),
                    certificate: { keyAlgorithm: "EC_prime256v1" },
                };
            }),
        );
        assert.deepEqual(rules.sort(), ["shop-web-other-rule", "shop-web-rule"]);
        assert.equal(registry.one(CERTIFICATE).inputs.keyAlgorithm, "EC_prime256v1");
        assert.equal(registry.one(CERTIFICATE).inputs.domainName, "shop.example.com");
    });

    describe("two joined listeners of one ALB (one security group)", () => {
        const SECOND_LISTENER = LISTENER_ARN.replace(/\/[0-9a-f]+$/, "/0000000000000001");
        const twoListeners = (a: ContainerServiceArgs) => {
            a.loadBalancers = {
                https: { type: "application", listenerArn: LISTENER_ARN, securityGroupId: SHARED_SG },
                admin: { type: "application", listenerArn: SECOND_LISTENER, securityGroupId: SHARED_SG },
            };
        };

        it("admits the shared group to a service on both listeners once per port (EC2 refuses a duplicate rule)", async () => {
            const { registry } = await shop(
                withArgs((a) => {
                    twoListeners(a);
                    a.services!.web.loadBalancer = { name: "https", containerPort: 80, rule: { priority: 10, hosts: ["shop.example.com"] } };
                    a.services!.web.additionalLoadBalancers = [{ name: "admin", containerPort: 80, rule: { priority: 10, hosts: ["shop.example.com"] } }];
                }),
            );
            const rules = registry.ofType(T.ingress).filter((r) => r.inputs.referencedSecurityGroupId === SHARED_SG);
            assert.deepEqual(
                rules.map((r) => [r.name, r.inputs.fromPort, r.inputs.toPort]),
                [["shop-web-from-lb", 80, 80]],
            );
            assert.equal(registry.ofType(T.tg).length, 2);
        });

        it("admits the shared group to the instances once for bridge services on both listeners", async () => {
            const { registry } = await shop(
                withArgs((a) => {
                    twoListeners(a);
                    a.ec2Capacity = { instanceTypes: ["m7i.large"], minSize: 1, maxSize: 2 };
                    Object.assign(a.services!.web, { capacity: "ec2", networkMode: "bridge", alarms: false });
                    a.services!.web.loadBalancer = { name: "https", containerPort: 80, rule: { priority: 10, hosts: ["shop.example.com"] } };
                    a.services!.api = webService(8080, "admin", { capacity: "ec2", networkMode: "bridge", alarms: false });
                    a.services!.api.loadBalancer!.rule = { priority: 11, hosts: ["api.example.com"] };
                }),
            );
            assert.deepEqual(
                registry.ofType(T.ingress).map((r) => [r.name, r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort]),
                [["shop-https-instances-from-lb", SHARED_SG, 32768, 65535]],
            );
        });

        it("still admits the group on each distinct container port", async () => {
            const { registry } = await shop(
                withArgs((a) => {
                    twoListeners(a);
                    a.services!.web.containers.web.portMappings!.push({ containerPort: 9000 });
                    a.services!.web.loadBalancer = { name: "https", containerPort: 80, rule: { priority: 10, hosts: ["shop.example.com"] } };
                    a.services!.web.additionalLoadBalancers = [{ name: "admin", containerPort: 9000, rule: { priority: 10, hosts: ["shop.example.com"] } }];
                }),
            );
            assert.deepEqual(
                registry
                    .ofType(T.ingress)
                    .map((r) => [r.name, r.inputs.fromPort])
                    .sort(),
                [
                    ["shop-web-admin-from-lb", 9000],
                    ["shop-web-from-lb", 80],
                ],
            );
        });
    });

    describe("a joined listener in another Region or account", () => {
        const joinedWeb = (arn: string) =>
            withArgs((a) => {
                a.loadBalancers = { shared: { type: "application", listenerArn: arn, securityGroupId: SHARED_SG } };
                a.services!.web.loadBalancer = { name: "shared", containerPort: 80, rule: { priority: 120, hosts: ["shop.example.com"] } };
            });

        it("fails the preview when the listener is in another Region than the provider's", async () => {
            const { error } = await buildFails(() => new ContainerService("shop", joinedWeb(LISTENER_ARN)), { config: { "aws:region": "eu-west-1" } });
            assert.equal(error.name, "ArgsError");
            assert.match(
                error.message,
                /loadBalancers\.shared\.listenerArn=.*is in us-east-1, account 123456789012, and the component deploys to eu-west-1, account 123456789012/,
            );
        });

        it("fails the preview when the listener is in another account", async () => {
            const { error } = await buildFails(() => new ContainerService("shop", joinedWeb(LISTENER_ARN.replace("123456789012", "210987654321"))));
            assert.equal(error.name, "ArgsError");
            assert.match(
                error.message,
                /loadBalancers\.shared\.listenerArn=.*account 210987654321, and the component deploys to us-east-1, account 123456789012/,
            );
        });
    });

    describe("services joining an existing ALB listener", () => {
        let b: Built;
        before(async () => {
            b = await shop(
                withArgs((a) => {
                    a.loadBalancers = { shared: { type: "application", listenerArn: LISTENER_ARN, securityGroupId: SHARED_SG } };
                    a.services!.web.loadBalancer = { name: "shared", containerPort: 80, rule: { priority: 120, hosts: ["shop.example.com"] } };
                }),
            );
        });

        it("creates no load balancer, security group or listener", () => {
            assert.equal(b.registry.ofType(T.lb).length, 0);
            assert.equal(b.registry.ofType(T.listener).length, 0);
            assert.deepEqual(
                b.registry.ofType(T.sg).map((r) => r.name),
                ["shop-web-sg"],
            );
        });

        it("adds the service's rule to the given listener, forwarding to its target group", () => {
            const rule = b.registry.one(T.rule, "shop-web-rule");
            assert.equal(rule.inputs.listenerArn, LISTENER_ARN);
            assert.equal(rule.inputs.priority, 120);
            assert.deepEqual(rule.inputs.actions, [{ type: "forward", targetGroupArn: b.registry.one(T.tg, "shop-web-tg").outputs.arn }]);
            assert.deepEqual(b.registry.one(T.service, "shop-web").inputs.loadBalancers, [
                { targetGroupArn: b.registry.one(T.tg, "shop-web-tg").outputs.arn, containerName: "web", containerPort: 80 },
            ]);
        });

        it("admits the given load balancer security group to the tasks on the container port", () => {
            const ingress = b.registry.one(T.ingress, "shop-web-from-lb");
            assert.equal(ingress.inputs.referencedSecurityGroupId, SHARED_SG);
            assert.equal(ingress.inputs.fromPort, 80);
        });

        it("alarms on the load balancer named by the listener ARN", () => {
            const alarm = b.registry.one(T.alarm, "shop-web-http-5xx");
            assert.equal(alarm.inputs.dimensions.LoadBalancer, "app/shared/0123456789abcdef");
        });

        it("gives no URL for the joined listener, and exposes it in resources.joinedListeners", async () => {
            assert.deepEqual(Object.keys(b.result.urls), []);
            assert.deepEqual(Object.keys(b.result.serviceUrls), []);
            assert.equal(await unwrap(b.result.resources.joinedListeners.shared.listenerArn), LISTENER_ARN);
            assert.deepEqual(Object.keys(b.result.albTargets), []);
        });
    });

    describe("one service on an ALB and an NLB", () => {
        let b: Built;
        before(async () => {
            b = await shop(
                withArgs((a) => {
                    a.loadBalancers!.tcp = { type: "network" };
                    a.services!.web.containers.web.portMappings!.push({ containerPort: 9000 });
                    a.services!.web.additionalLoadBalancers = [{ name: "tcp", containerPort: 9000, listenerPort: 9000 }];
                }),
            );
        });

        it("registers the tasks in both target groups, the primary first", () => {
            const svc = b.registry.one(T.service, "shop-web");
            assert.deepEqual(svc.inputs.loadBalancers, [
                { targetGroupArn: b.registry.one(T.tg, "shop-web-tg").outputs.arn, containerName: "web", containerPort: 80 },
                { targetGroupArn: b.registry.one(T.tg, "shop-web-tcp-tg").outputs.arn, containerName: "web", containerPort: 9000 },
            ]);
        });

        it("gives the NLB a TCP target group and a listener on 9000 forwarding to it", () => {
            const tg = b.registry.one(T.tg, "shop-web-tcp-tg");
            assert.equal(tg.inputs.protocol, "TCP");
            assert.equal(tg.inputs.port, 9000);
            const l = b.registry.one(T.listener, "shop-tcp-listener-9000");
            assert.equal(l.inputs.protocol, "TCP");
            assert.deepEqual(l.inputs.defaultActions, [{ type: "forward", targetGroupArn: tg.outputs.arn }]);
        });

        it("waits for both listeners before creating the service", () => {
            const svc = b.registry.one(T.service, "shop-web");
            for (const name of ["shop-public-listener-80", "shop-tcp-listener-9000"])
                assert.ok(svc.dependencies.includes(b.registry.one(T.listener, name).urn), name);
        });

        it("admits each load balancer's group to the tasks on its own container port", () => {
            const nlb = b.registry.one(T.ingress, "shop-web-tcp-from-lb");
            assert.equal(nlb.inputs.referencedSecurityGroupId, b.registry.one(T.sg, "shop-tcp-lb-sg").id);
            assert.equal(nlb.inputs.fromPort, 9000);
            assert.equal(b.registry.one(T.ingress, "shop-web-from-lb").inputs.fromPort, 80);
        });

        it("keeps the primary as the service's target and URL, with the other in target.additional", async () => {
            const target = b.result.resources.services.web.target!;
            assert.equal(target.lbKey, "public");
            assert.deepEqual(
                target.additional!.map((t) => t.lbKey),
                ["tcp"],
            );
            const dns = b.registry.one(T.lb, "shop-public-alb").outputs.dnsName;
            assert.equal(await unwrap(b.result.serviceUrls.web), `http://${dns}`);
        });
    });

    it("does not warn http-only for an ALB with a domain (HTTPS) or a joined listener (not ours)", async () => {
        for (const mutate of [
            (a: ContainerServiceArgs) => {
                a.loadBalancers!.public.domain = { name: "shop.example.com", hostedZoneId: ZONE };
            },
            (a: ContainerServiceArgs) => {
                a.loadBalancers!.public = { type: "application", listenerArn: LISTENER_ARN, securityGroupId: SHARED_SG };
                a.services!.web.loadBalancer!.rule = { priority: 7, pathPatterns: ["/*"] };
            },
        ]) {
            const { warnings } = await shop(withArgs(mutate));
            assert.deepEqual(warnings, []);
        }
    });

    describe("the load balancer group's inbound rules quota (60 by default)", () => {
        /** An ALB with a certificate (ports 80 and 443) and services on 8443 and 9443: four ports, `n` CIDRs. */
        const fourPorts = (n: number) =>
            withArgs((a) => {
                a.loadBalancers!.public.certificateArn = CERT;
                a.loadBalancers!.public.ingressCidrs = Array.from({ length: n }, (_, i) => `203.0.${i}.0/24`);
                for (const [key, port] of [
                    ["api", 8443],
                    ["admin", 9443],
                ] as const) {
                    a.services![key] = webService(8080, "public");
                    a.services![key].loadBalancer!.listenerPort = port;
                }
            });

        it("warns when ports × CIDRs exceed 60 (20 CIDRs on 4 ports: 80 rules)", async () => {
            const { warnings, registry } = await shop(fourPorts(20));
            assert.equal(registry.one(T.sg, "shop-public-lb-sg").inputs.ingress.length, 4);
            assert.deepEqual(
                warnings.filter((w) => w.includes("lb-rules-quota")),
                [
                    '[aws-platform:ecs:lb-rules-quota] ContainerService "shop": load balancer "public"\'s security group needs 80 inbound rules (4 listener ports × 20 ingressCidrs), above the default quota of 60 per group, so EC2 refuses them unless the "Inbound or outbound rules per security group" quota was raised; use fewer CIDRs or ports, or raise the quota',
                ],
            );
        });

        it("does not warn at exactly 60 rules (15 CIDRs on 4 ports)", async () => {
            const { warnings } = await shop(fourPorts(15));
            assert.deepEqual(warnings, []);
        });
    });

    describe("host rules and the domain's certificate", () => {
        const hosts = (...names: string[]) =>
            withArgs((a) => {
                a.loadBalancers!.public.domain = { name: "shop.example.com", hostedZoneId: ZONE };
                a.services!.api = webService(8080, "public");
                a.services!.api.loadBalancer!.rule = { priority: 10, hosts: names, pathPatterns: ["/v1/*"] };
            });

        it("warns when a service routes a host the requested certificate does not cover", async () => {
            const { warnings } = await shop(hosts("*.shop.example.com", "api.shop.example.com"));
            assert.deepEqual(
                warnings.map((w) => /host "([^"]+)"/.exec(w)?.[1]),
                ["*.shop.example.com", "api.shop.example.com"],
            );
            assert.match(warnings[0], /^\[aws-platform:ecs:host-not-in-certificate\] ContainerService "shop": service "api" routes host/);
        });

        it("does not warn for the domain's own name, or with certificateArn", async () => {
            assert.deepEqual((await shop(hosts("shop.example.com"))).warnings, []);
            const withCert = hosts("api.shop.example.com");
            withCert.loadBalancers!.public.certificateArn = CERT;
            assert.deepEqual((await shop(withCert)).warnings, []);
        });

        it("gives a host-routed service a URL on its first non-wildcard host", async () => {
            const { result } = await shop(hosts("*.shop.example.com", "api.shop.example.com"));
            assert.equal(await unwrap(result.serviceUrls.api), "https://api.shop.example.com/v1/");
            assert.equal(await unwrap(result.serviceUrls.web), "https://shop.example.com");
        });
    });

    describe("a domain on an NLB", () => {
        const nlb = (domain: boolean) =>
            withArgs((a) => {
                a.loadBalancers = {
                    game: { type: "network", ...(domain ? { domain: { name: "play.example.com", hostedZoneId: ZONE } } : {}) },
                };
                a.services!.web.loadBalancer = { name: "game", containerPort: 80, listenerPort: 7777 };
            });

        it("warns that every listener of an NLB with a domain is TLS", async () => {
            const { warnings, registry } = await shop(nlb(true));
            assert.equal(registry.one(T.listener).inputs.protocol, "TLS");
            assert.equal(warnings.length, 1);
            assert.match(
                warnings[0],
                /^\[aws-platform:ecs:nlb-domain-tls\] ContainerService "shop": NLB "game" has a domain, so every one of its listeners is TLS/,
            );
        });

        it("does not warn for a raw-TCP NLB without a domain", async () => {
            const { warnings, registry } = await shop(nlb(false));
            assert.equal(registry.one(T.listener).inputs.protocol, "TCP");
            assert.deepEqual(warnings, []);
        });
    });

    it("refuses a bad value of each new option at once, registering nothing", async () => {
        const { error, registry } = await buildFails(
            () =>
                new ContainerService(
                    "shop",
                    withArgs((a) => {
                        a.loadBalancers!.public.domain = { name: "Shop.Example.com", hostedZoneId: "zone" };
                        apiOnPort70000(a);
                        a.services!.web.additionalLoadBalancers = [{ name: "public", containerPort: 80 }];
                    }),
                ),
        );
        assert.equal(error.name, "ArgsError");
        assert.equal(registry.size, 0);
        for (const path of [
            "loadBalancers.public.domain.name",
            "loadBalancers.public.domain.hostedZoneId",
            "services.api.loadBalancer.listenerPort",
            "services.web.additionalLoadBalancers[0].name",
        ])
            assert.ok(error.message.includes(path), `${path} in ${error.message}`);
    });
});

/** A service "api" on port 70000 of the ALB: out of the 1–65535 range. */
function apiOnPort70000(a: ContainerServiceArgs): void {
    a.services!.api = webService(8080, "public");
    a.services!.api.loadBalancer!.listenerPort = 70000;
}
