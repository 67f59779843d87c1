import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import type { ContainerServiceArgs } from "../../../components/container-service/args";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { CERT, DB_SECRET, IMAGE, T, VPC, allowsStarOnStar, baseArgs, containerDefinitions, web, webService, withArgs } from "./fixtures";

type Built = { registry: Registry; result: ContainerService };
const shop = (args: ContainerServiceArgs): Promise<Built> => build(() => new ContainerService("shop", args));

describe("ContainerService: a Fargate service behind an ALB", () => {
    describe("with the minimal args", () => {
        let b: Built;
        before(async () => {
            b = await shop(baseArgs());
        });

        it("parents every child to the component", () => {
            const root = b.registry.one(T.component, "shop");
            const stray = b.registry
                .all()
                .filter((r) => r !== root && r.parent !== root.urn)
                .map((r) => r.name);
            assert.deepEqual(stray, []);
        });

        it("turns Container Insights on for the cluster", () => {
            assert.deepEqual(b.registry.one(T.cluster, "shop-cluster").inputs.settings, [{ name: "containerInsights", value: "enabled" }]);
        });

        it("offers FARGATE and FARGATE_SPOT on the cluster, FARGATE by default", () => {
            const cp = b.registry.one(T.capacityProviders, "shop-capacity-providers");
            assert.deepEqual(cp.inputs.capacityProviders, ["FARGATE", "FARGATE_SPOT"]);
            assert.deepEqual(cp.inputs.defaultCapacityProviderStrategies, [{ capacityProvider: "FARGATE", weight: 1, base: 0 }]);
        });

        it("runs the service on the FARGATE capacity provider, on the latest platform", () => {
            const svc = b.registry.one(T.service, "shop-web");
            assert.deepEqual(svc.inputs.capacityProviderStrategies, [{ capacityProvider: "FARGATE", weight: 1, base: 0 }]);
            assert.equal(svc.inputs.platformVersion, "LATEST");
            assert.equal(svc.inputs.launchType, undefined);
            assert.equal(svc.inputs.cluster, b.registry.one(T.cluster).outputs.arn);
            assert.equal(svc.inputs.taskDefinition, b.registry.one(T.taskDefinition, "shop-web-task").outputs.arn);
        });

        it("places tasks in the private subnets with their own security group and no public IP", () => {
            const svc = b.registry.one(T.service, "shop-web");
            const sg = b.registry.one(T.sg, "shop-web-sg");
            assert.deepEqual(svc.inputs.networkConfiguration, { subnets: VPC.privateSubnetIds, securityGroups: [sg.id], assignPublicIp: false });
            assert.equal(sg.inputs.vpcId, VPC.vpcId);
        });

        it("registers the web container's port 80 in an ip target group checked on '/'", () => {
            const tg = b.registry.one(T.tg, "shop-web-tg");
            assert.equal(tg.inputs.targetType, "ip");
            assert.equal(tg.inputs.port, 80);
            assert.equal(tg.inputs.protocol, "HTTP");
            assert.equal(tg.inputs.vpcId, VPC.vpcId);
            assert.equal(tg.inputs.deregistrationDelay, 30);
            assert.equal(tg.inputs.healthCheck.path, "/");
            assert.equal(tg.inputs.healthCheck.matcher, "200-399");
            const svc = b.registry.one(T.service, "shop-web");
            assert.deepEqual(svc.inputs.loadBalancers, [{ targetGroupArn: tg.outputs.arn, containerName: "web", containerPort: 80 }]);
            assert.equal(svc.inputs.healthCheckGracePeriodSeconds, 60);
        });

        it("admits only the ALB's security group to the tasks, on port 80", () => {
            const taskSg = b.registry.one(T.sg, "shop-web-sg");
            const lbSg = b.registry.one(T.sg, "shop-public-lb-sg");
            assert.ok(!taskSg.inputs.ingress || taskSg.inputs.ingress.length === 0, "no inline ingress on the task SG");
            const rules = b.registry.ofType(T.ingress).filter((r) => r.inputs.securityGroupId === taskSg.id);
            assert.deepEqual(
                rules.map((r) => r.name),
                ["shop-web-from-lb"],
            );
            const rule = rules[0].inputs;
            assert.equal(rule.referencedSecurityGroupId, lbSg.id);
            assert.equal(rule.ipProtocol, "tcp");
            assert.equal(rule.fromPort, 80);
            assert.equal(rule.toPort, 80);
            assert.equal(rule.cidrIpv4, undefined);
            assert.equal(rule.cidrIpv6, undefined);
        });

        it("opens the ALB to the internet on port 80 and lets it reach only the VPC", () => {
            const lbSg = b.registry.one(T.sg, "shop-public-lb-sg");
            assert.deepEqual(
                lbSg.inputs.ingress.map((i: any) => [i.protocol, i.fromPort, i.toPort, i.cidrBlocks]),
                [["tcp", 80, 80, ["0.0.0.0/0"]]],
            );
            assert.deepEqual(
                lbSg.inputs.egress.map((e: any) => e.cidrBlocks),
                [[VPC.cidrBlock]],
            );
        });

        it("makes the ALB internet-facing in the public subnets, dropping invalid headers", () => {
            const alb = b.registry.one(T.lb, "shop-public-alb");
            assert.equal(alb.inputs.loadBalancerType, "application");
            assert.equal(alb.inputs.internal, false);
            assert.deepEqual(alb.inputs.subnets, VPC.publicSubnetIds);
            assert.equal(alb.inputs.dropInvalidHeaderFields, true);
            assert.deepEqual(alb.inputs.securityGroups, [b.registry.one(T.sg, "shop-public-lb-sg").id]);
        });

        it("without a certificate, serves plain HTTP on 80 forwarding to the target group", async () => {
            const listeners = b.registry.ofType(T.listener);
            assert.deepEqual(
                listeners.map((l) => l.name),
                ["shop-public-listener-80"],
            );
            const l = listeners[0].inputs;
            assert.equal(l.protocol, "HTTP");
            assert.equal(l.port, 80);
            assert.deepEqual(l.defaultActions, [{ type: "forward", targetGroupArn: b.registry.one(T.tg).outputs.arn }]);
            assert.match(await unwrap(b.result.urls.public), /^http:\/\/shop-public-alb-/);
        });

        it("creates the service after its listener and the cluster's capacity providers", () => {
            const deps = b.registry.one(T.service, "shop-web").dependencies;
            assert.ok(deps.includes(b.registry.one(T.listener, "shop-public-listener-80").urn), "listener");
            assert.ok(deps.includes(b.registry.one(T.capacityProviders).urn), "capacity providers");
        });

        it("deploys with a circuit breaker that rolls back, keeping 100% up and allowing 200%", () => {
            const svc = b.registry.one(T.service, "shop-web").inputs;
            assert.deepEqual(svc.deploymentCircuitBreaker, { enable: true, rollback: true });
            assert.equal(svc.deploymentMinimumHealthyPercent, 100);
            assert.equal(svc.deploymentMaximumPercent, 200);
            assert.equal(svc.enableExecuteCommand, false);
            assert.equal(svc.desiredCount, 1);
        });

        it("sizes the task at 256 CPU / 512 MiB for Fargate, x86_64 Linux", () => {
            const td = b.registry.one(T.taskDefinition, "shop-web-task").inputs;
            assert.equal(td.cpu, "256");
            assert.equal(td.memory, "512");
            assert.equal(td.networkMode, "awsvpc");
            assert.deepEqual(td.requiresCompatibilities, ["FARGATE"]);
            assert.deepEqual(td.runtimePlatform, { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" });
            assert.match(td.family, /^shop-web-[0-9a-f]{7}$/, "a family unique to this stack");
        });

        it("mounts the root file system read-only and maps port 80 to itself", () => {
            const def = containerDefinitions(b.registry.one(T.taskDefinition, "shop-web-task")).web;
            assert.equal(def.image, IMAGE);
            assert.equal(def.readonlyRootFilesystem, true);
            assert.equal(def.essential, true);
            assert.deepEqual(def.portMappings, [{ containerPort: 80, hostPort: 80, protocol: "tcp" }]);
        });

        it("keeps the logs 30 days", () => {
            assert.equal(b.registry.one(T.logGroup, "shop-web-logs").inputs.retentionInDays, 30);
        });

        it("gives the execution and task roles apart, both trusted only by ECS tasks of this account", () => {
            const exec = b.registry.one(T.role, "shop-web-execution-role");
            const task = b.registry.one(T.role, "shop-web-task-role");
            const td = b.registry.one(T.taskDefinition, "shop-web-task").inputs;
            assert.equal(td.executionRoleArn, exec.outputs.arn);
            assert.equal(td.taskRoleArn, task.outputs.arn);
            assert.notEqual(exec.outputs.arn, task.outputs.arn);
            for (const role of [exec, task]) {
                const [stmt] = json(role.inputs.assumeRolePolicy).Statement;
                assert.deepEqual(stmt.Principal, { Service: "ecs-tasks.amazonaws.com" });
                assert.equal(stmt.Condition.StringEquals["aws:SourceAccount"], "123456789012");
            }
            assert.deepEqual(b.registry.policiesOf(task), [], "the app asked for no permissions");
        });

        it("alarms on CPU, memory, 5xx and unhealthy hosts", () => {
            assert.deepEqual(
                b.registry
                    .ofType(T.alarm)
                    .map((a) => a.name)
                    .sort(),
                ["shop-web-cpu-high", "shop-web-http-5xx", "shop-web-memory-high", "shop-web-unhealthy-hosts"],
            );
        });

        it("outputs the cluster name and a URL for the service", async () => {
            assert.equal(await unwrap(b.result.clusterName), b.registry.one(T.cluster).outputs.name);
            assert.equal(await unwrap(b.result.serviceUrls.web), await unwrap(b.result.urls.public));
        });
    });

    describe("containers with environment and secrets", () => {
        let b: Built;
        before(async () => {
            b = await shop(
                withArgs((a) => {
                    Object.assign(web(a).containers.web, {
                        environment: { ZED: "z", APP_ENV: "prod", MIDDLE: "m" },
                        secrets: { DB_PASSWORD: `${DB_SECRET}:password::`, DB_USER: `${DB_SECRET}:username::` },
                    });
                }),
            );
        });

        it("logs to the service's log group in us-east-1 with the container name as stream prefix", () => {
            const def = containerDefinitions(b.registry.one(T.taskDefinition, "shop-web-task")).web;
            assert.equal(def.logConfiguration.logDriver, "awslogs");
            assert.equal(def.logConfiguration.options["awslogs-group"], b.registry.one(T.logGroup, "shop-web-logs").outputs.name);
            assert.equal(def.logConfiguration.options["awslogs-region"], "us-east-1");
            assert.equal(def.logConfiguration.options["awslogs-stream-prefix"], "web");
        });

        it("passes the environment sorted by name", () => {
            const def = containerDefinitions(b.registry.one(T.taskDefinition, "shop-web-task")).web;
            assert.deepEqual(def.environment, [
                { name: "APP_ENV", value: "prod" },
                { name: "MIDDLE", value: "m" },
                { name: "ZED", value: "z" },
            ]);
        });

        it("passes secrets by reference (valueFrom), never as values", () => {
            const def = containerDefinitions(b.registry.one(T.taskDefinition, "shop-web-task")).web;
            assert.deepEqual(def.secrets, [
                { name: "DB_PASSWORD", valueFrom: `${DB_SECRET}:password::` },
                { name: "DB_USER", valueFrom: `${DB_SECRET}:username::` },
            ]);
        });

        it("lets the execution role read exactly the named secret, without its json-key suffix", () => {
            const stmts = b.registry.statementsOf("shop-web-execution-role");
            const read = stmts.filter((s) => [s.Action].flat().some((a: string) => a.startsWith("secretsmanager:") || a.startsWith("ssm:")));
            assert.equal(read.length, 1);
            assert.deepEqual(read[0].Resource, [DB_SECRET]);
        });

        it("lets the execution role write only to its own log group", () => {
            const stmts = b.registry.statementsOf("shop-web-execution-role");
            const logs = stmts.filter((s) => [s.Action].flat().some((a: string) => a.startsWith("logs:")));
            assert.equal(logs.length, 1);
            assert.deepEqual([logs[0].Action].flat().sort(), ["logs:CreateLogStream", "logs:PutLogEvents"]);
            assert.equal(logs[0].Resource, `${b.registry.one(T.logGroup, "shop-web-logs").outputs.arn}:log-stream:*`);
        });

        it("gives the execution role no ECR permissions for a public image", () => {
            const stmts = b.registry.statementsOf("shop-web-execution-role");
            assert.deepEqual(
                stmts.filter((s) => [s.Action].flat().some((a: string) => a.startsWith("ecr:"))),
                [],
            );
        });

        it("gives the task role none of the secrets", () => {
            const stmts = b.registry.statementsOf("shop-web-task-role");
            assert.ok(!JSON.stringify(stmts).includes("secretsmanager"));
        });
    });

    it("lets the execution role pull only from the repository of a private ECR image", async () => {
        const image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.0";
        const { registry } = await shop(
            withArgs((a) => {
                web(a).containers.web.image = image;
            }),
        );
        const stmts = registry.statementsOf("shop-web-execution-role");
        const pull = stmts.find((s) => s.Sid === "PullOwnImages");
        assert.deepEqual(pull.Resource, ["arn:aws:ecr:us-east-1:123456789012:repository/shop/web"]);
        assert.deepEqual(stmts.find((s) => s.Sid === "EcrAuth").Action, "ecr:GetAuthorizationToken");
    });

    describe("with a certificate", () => {
        let b: Built;
        before(async () => {
            b = await shop(
                withArgs((a) => {
                    a.loadBalancers!.public.certificateArn = CERT;
                }),
            );
        });

        it("serves HTTPS on 443 with the TLS 1.3 policy, forwarding to the target group", () => {
            const l = b.registry.one(T.listener, "shop-public-listener-443").inputs;
            assert.equal(l.port, 443);
            assert.equal(l.protocol, "HTTPS");
            assert.equal(l.certificateArn, CERT);
            assert.equal(l.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06");
            assert.deepEqual(l.defaultActions, [{ type: "forward", targetGroupArn: b.registry.one(T.tg, "shop-web-tg").outputs.arn }]);
        });

        it("redirects port 80 to HTTPS with a 301", () => {
            const l = b.registry.one(T.listener, "shop-public-listener-80").inputs;
            assert.equal(l.protocol, "HTTP");
            assert.deepEqual(l.defaultActions, [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
        });

        it("opens 80 and 443 on the ALB's security group", () => {
            const lbSg = b.registry.one(T.sg, "shop-public-lb-sg");
            assert.deepEqual(
                lbSg.inputs.ingress.map((i: any) => [i.fromPort, i.cidrBlocks]),
                [
                    [80, ["0.0.0.0/0"]],
                    [443, ["0.0.0.0/0"]],
                ],
            );
        });

        it("makes the service wait for the HTTPS listener", () => {
            assert.ok(b.registry.one(T.service, "shop-web").dependencies.includes(b.registry.one(T.listener, "shop-public-listener-443").urn));
        });

        it("outputs an https URL", async () => {
            assert.match(await unwrap(b.result.urls.public), /^https:\/\/shop-public-alb-/);
        });
    });

    describe("with path rules for two more services (web, app1, app2)", () => {
        let b: Built;
        before(async () => {
            b = await shop(
                withArgs((a) => {
                    a.loadBalancers!.public.certificateArn = CERT;
                    a.services!.app1 = webService(8080);
                    a.services!.app1.loadBalancer!.rule = { priority: 10, pathPatterns: ["/app1", "/app1/*"] };
                    a.services!.app2 = webService(8080);
                    a.services!.app2.loadBalancer!.rule = { priority: 20, pathPatterns: ["/app2", "/app2/*"], hosts: ["app2.example.com"] };
                }),
            );
        });

        it("creates a target group per service and one rule per routed service", () => {
            assert.deepEqual(
                b.registry
                    .ofType(T.tg)
                    .map((t) => t.name)
                    .sort(),
                ["shop-app1-tg", "shop-app2-tg", "shop-web-tg"],
            );
            assert.deepEqual(
                b.registry
                    .ofType(T.rule)
                    .map((r) => r.name)
                    .sort(),
                ["shop-app1-rule", "shop-app2-rule"],
            );
        });

        it("forwards each rule's paths (and hosts) to its own target group on the HTTPS listener", () => {
            const https = b.registry.one(T.listener, "shop-public-listener-443");
            for (const [key, prio] of [
                ["app1", 10],
                ["app2", 20],
            ] as const) {
                const rule = b.registry.one(T.rule, `shop-${key}-rule`).inputs;
                assert.equal(rule.priority, prio);
                assert.equal(rule.listenerArn, https.outputs.arn);
                assert.deepEqual(rule.conditions[0], { pathPattern: { values: [`/${key}`, `/${key}/*`] } });
                assert.deepEqual(rule.actions, [{ type: "forward", targetGroupArn: b.registry.one(T.tg, `shop-${key}-tg`).outputs.arn }]);
            }
            assert.deepEqual(b.registry.one(T.rule, "shop-app2-rule").inputs.conditions[1], { hostHeader: { values: ["app2.example.com"] } });
        });

        it("keeps web, the service without a rule, as the listener's default action", () => {
            const l = b.registry.one(T.listener, "shop-public-listener-443").inputs;
            assert.deepEqual(l.defaultActions, [{ type: "forward", targetGroupArn: b.registry.one(T.tg, "shop-web-tg").outputs.arn }]);
        });

        it("makes each routed service wait for its own rule", () => {
            for (const key of ["app1", "app2"]) {
                assert.ok(b.registry.one(T.service, `shop-${key}`).dependencies.includes(b.registry.one(T.rule, `shop-${key}-rule`).urn), key);
            }
        });

        it("admits the ALB to each service's tasks on that service's port", () => {
            const lbSg = b.registry.one(T.sg, "shop-public-lb-sg").id;
            for (const key of ["app1", "app2"]) {
                const rule = b.registry.one(T.ingress, `shop-${key}-from-lb`).inputs;
                assert.equal(rule.securityGroupId, b.registry.one(T.sg, `shop-${key}-sg`).id);
                assert.equal(rule.referencedSecurityGroupId, lbSg);
                assert.deepEqual([rule.fromPort, rule.toPort], [8080, 8080]);
            }
        });

        it("outputs each service's URL with its first path", async () => {
            const base = await unwrap(b.result.urls.public);
            assert.equal(await unwrap(b.result.serviceUrls.app1), `${base}/app1`);
            assert.equal(await unwrap(b.result.serviceUrls.web), base);
        });

        it("shares one ALB and one cluster among the three services", () => {
            assert.equal(b.registry.ofType(T.lb).length, 1);
            assert.equal(b.registry.ofType(T.cluster).length, 1);
            assert.equal(b.registry.ofType(T.service).length, 3);
        });
    });

    describe("variants, side by side", () => {
        let b: Built;
        before(async () => {
            b = await shop(
                withArgs((a) => {
                    a.loadBalancers!.inner = { type: "application", internal: true };
                    a.services!.api = webService(80, "inner", { alarms: false });
                    a.services!.deploy = webService(80, null, {
                        alarms: false,
                        deployment: { minimumHealthyPercent: 50, maximumPercent: 150, rollback: false },
                    });
                    a.services!.spot = webService(80, null, {
                        alarms: false,
                        capacity: "fargate-spot",
                        spot: { onDemandBase: 2, onDemandWeight: 1, spotWeight: 3 },
                    });
                    a.services!.allspot = webService(80, null, { alarms: false, capacity: "fargate-spot" });
                    a.services!.shell = webService(80, null, { alarms: false, enableExecuteCommand: true });
                    a.services!.shell.containers.web.readonlyRootFilesystem = false;
                }),
            );
        });

        it("passes the deployment bounds and rollback setting through", () => {
            const svc = b.registry.one(T.service, "shop-deploy").inputs;
            assert.deepEqual(svc.deploymentCircuitBreaker, { enable: true, rollback: false });
            assert.equal(svc.deploymentMinimumHealthyPercent, 50);
            assert.equal(svc.deploymentMaximumPercent, 150);
        });

        it("puts the base on FARGATE and the weights above it on FARGATE_SPOT with fargate-spot", () => {
            assert.deepEqual(b.registry.one(T.service, "shop-spot").inputs.capacityProviderStrategies, [
                { capacityProvider: "FARGATE", weight: 1, base: 2 },
                { capacityProvider: "FARGATE_SPOT", weight: 3, base: 0 },
            ]);
            assert.deepEqual(b.registry.one(T.taskDefinition, "shop-spot-task").inputs.requiresCompatibilities, ["FARGATE"]);
        });

        it("defaults fargate-spot to all Spot with no on-demand base", () => {
            assert.deepEqual(b.registry.one(T.service, "shop-allspot").inputs.capacityProviderStrategies, [
                { capacityProvider: "FARGATE", weight: 0, base: 0 },
                { capacityProvider: "FARGATE_SPOT", weight: 1, base: 0 },
            ]);
        });

        it("gives a service without a load balancer no target group, no LB ingress and no grace period", () => {
            const svc = b.registry.one(T.service, "shop-deploy").inputs;
            assert.equal(svc.loadBalancers, undefined);
            assert.equal(svc.healthCheckGracePeriodSeconds, undefined);
            assert.equal(b.registry.named("shop-deploy-tg"), undefined);
            assert.equal(b.registry.named("shop-deploy-from-lb"), undefined);
        });

        it("creates no alarms for a service with alarms: false", () => {
            assert.deepEqual(
                b.registry
                    .ofType(T.alarm)
                    .filter((x) => !x.name.startsWith("shop-web-"))
                    .map((x) => x.name),
                [],
            );
        });

        it("puts an internal ALB in the private subnets and admits only the VPC CIDR", () => {
            const alb = b.registry.one(T.lb, "shop-inner-alb").inputs;
            assert.equal(alb.internal, true);
            assert.deepEqual(alb.subnets, VPC.privateSubnetIds);
            const lbSg = b.registry.one(T.sg, "shop-inner-lb-sg");
            assert.deepEqual(
                lbSg.inputs.ingress.map((i: any) => i.cidrBlocks),
                [[VPC.cidrBlock]],
            );
            assert.equal(b.registry.one(T.ingress, "shop-api-from-lb").inputs.referencedSecurityGroupId, lbSg.id);
        });

        it("turns on ECS Exec with an init process and only the SSM channel actions", () => {
            assert.equal(b.registry.one(T.service, "shop-shell").inputs.enableExecuteCommand, true);
            assert.deepEqual(containerDefinitions(b.registry.one(T.taskDefinition, "shop-shell-task")).web.linuxParameters, { initProcessEnabled: true });
            const exec = b.registry.statementsOf("shop-shell-task-role").find((s) => s.Sid === "EcsExec");
            assert.ok([exec.Action].flat().every((a: string) => a.startsWith("ssmmessages:")));
            assert.equal(containerDefinitions(b.registry.one(T.taskDefinition, "shop-web-task")).web.linuxParameters, undefined);
        });
    });

    it("lets no role of a full configuration allow every action on every resource", async () => {
        const { registry } = await shop(
            withArgs((a) => {
                a.loadBalancers!.public.certificateArn = CERT;
                a.ec2Capacity = { instanceTypes: ["m7i.large"] };
                a.fileSystems = { shared: {} };
                a.repositories = { images: {} };
                web(a).containers.web.secrets = { DB_PASSWORD: DB_SECRET };
                web(a).containers.web.image = { build: { repository: "images", context: "./app" } };
                web(a).volumes = { data: { fileSystem: "shared", containerPath: "/data" } };
                web(a).enableExecuteCommand = true;
                web(a).containers.web.readonlyRootFilesystem = false;
                a.services!.worker = webService(80, null, {
                    queue: {},
                    capacity: "ec2",
                    networkMode: "bridge",
                    desiredCount: 0,
                    scaling: { minCount: 0, maxCount: 4, backlogPerTask: 10 },
                });
                a.scheduledTasks = { report: { containers: { job: { image: IMAGE } }, schedule: "cron(0 3 * * ? *)" } };
                a.expressServices = { site: { image: IMAGE } };
            }),
        );
        const roles = registry.ofType(T.role);
        assert.ok(roles.length >= 8, roles.map((r) => r.name).join(", "));
        for (const role of roles) {
            for (const s of registry.statementsOf(role)) assert.ok(!allowsStarOnStar(s), `${role.name}: ${JSON.stringify(s)}`);
            for (const arn of registry.managedPoliciesOf(role)) assert.doesNotMatch(arn, /AdministratorAccess|PowerUserAccess/, role.name);
        }
    });
});
