import * as assert from "node:assert";
import { ArgsError, Issues } from "../../components/shared/errors";
import { mapValues, withDefaults } from "../../components/shared/defaults";
import { FARGATE_TASK_SIZES, describeFargateMemory } from "../../components/shared/limits/fargate";
import { applyTransform } from "../../components/shared/transform";
import { checkCidrList, checkScheduleExpression, checkVpcCidr } from "../../components/shared/validators";
import { normalize } from "../../components/container-service/defaults";

const issuesOf = (f: (i: Issues) => unknown) => {
    const i = new Issues();
    f(i);
    return i.list;
};

describe("shared", () => {
    describe("withDefaults", () => {
        it("keeps a default when the field is given as undefined", () => {
            assert.deepEqual(withDefaults({ retries: 2, timeout: 5 }, { retries: undefined }), { retries: 2, timeout: 5 });
        });
        it("keeps 0, false and empty strings as given (never ||)", () => {
            assert.deepEqual(withDefaults({ a: 1, b: true, c: "x" }, { a: 0, b: false, c: "" }), { a: 0, b: false, c: "" });
        });
    });

    describe("mapValues", () => {
        it("maps each value with its key, keeping the keys and their order", () => {
            assert.deepEqual(Object.entries(mapValues({ b: 1, a: 2 }, (v, k) => `${k}${v}`)), [
                ["b", "b1"],
                ["a", "a2"],
            ]);
        });
        it("gives an empty record for an absent one", () => {
            assert.deepEqual(
                mapValues(undefined, (v) => v),
                {},
            );
        });
    });

    describe("schedule expressions", () => {
        const cases: Array<[string, boolean]> = [
            ["rate(1 minute)", true],
            ["rate(5 minutes)", true],
            ["rate(1 minutes)", false],
            ["rate(2 hour)", false],
            ["rate(0 days)", false],
            ["cron(0 3 * * ? *)", true],
            ["cron(0/15 * ? * MON-FRI *)", true],
            ["cron(0 3 * * *)", false],
            ["cron(0 3 * * * *)", false],
            ["at(2026-12-01T09:30:00)", true],
            ["at(2026-12-01)", false],
            ["every day", false],
        ];
        for (const [expr, ok] of cases) {
            it(`${ok ? "accepts" : "rejects"} ${expr}`, () => assert.equal(issuesOf((i) => checkScheduleExpression(i, "s", expr)).length === 0, ok));
        }
    });

    describe("CIDRs", () => {
        it("accepts a private /16 VPC range and rejects a public one", () => {
            assert.equal(issuesOf((i) => checkVpcCidr(i, "c", "172.16.0.0/16")).length, 0);
            assert.match(issuesOf((i) => checkVpcCidr(i, "c", "100.64.0.0/16"))[0].message, /not a private range/);
        });
        it("checks every entry of a CIDR list and names its index", () => {
            const list = issuesOf((i) => checkCidrList(i, "ingress", ["10.0.0.0/8", "10.0.0.0/33", "nope"]));
            assert.deepEqual(
                list.map((x) => x.path),
                ["ingress[1]", "ingress[2]"],
            );
        });
    });

    describe("errors", () => {
        it("names component, instance, field, value and what is allowed", () => {
            const e = new ArgsError("ContainerService", "web", [
                { path: "services.web.memoryMiB", value: 4096, message: "is not valid with cpu=256 on Fargate", allowed: "512, 1024, 2048" },
            ]);
            assert.equal(e.message, 'ContainerService "web": services.web.memoryMiB=4096 is not valid with cpu=256 on Fargate; allowed: 512, 1024, 2048');
        });
    });

    describe("Fargate sizes", () => {
        it("follows AWS's table (e.g. 4 vCPU takes 8–30 GB in 1 GB steps)", () => {
            assert.equal(FARGATE_TASK_SIZES[4096][0], 8192);
            assert.equal(FARGATE_TASK_SIZES[4096].at(-1), 30720);
            assert.equal(describeFargateMemory(16384), "32768 to 122880 in steps of 8192");
        });
    });

    describe("transform", () => {
        it("merges an object shallowly over the component's args", () => {
            const [args] = applyTransform<{ name: string; tags: Record<string, string> }>({ tags: { a: "1" } }, { name: "x", tags: { b: "2" } }, {});
            assert.deepEqual(args, { name: "x", tags: { a: "1" } });
        });
        it("lets a function append to the component's arrays", () => {
            const [args] = applyTransform<{ list: string[] }>(
                (a) => {
                    a.list.push("mine");
                },
                { list: ["theirs"] },
                {},
            );
            assert.deepEqual(args.list, ["theirs", "mine"]);
        });
        it("gives a function the child's name and its own copy of the options, so a change reaches no other child", () => {
            const shared = { protect: false };
            const seen: string[] = [];
            const [, opts] = applyTransform<{ list: string[] }>(
                (_a, o, name) => {
                    seen.push(name);
                    o.protect = true;
                },
                { list: [] },
                shared,
                "web-task-role",
            );
            assert.deepEqual(seen, ["web-task-role"]);
            assert.equal(opts.protect, true);
            assert.equal(shared.protect, false);
        });
    });

    describe("ContainerService normalize", () => {
        const vpc = { vpcId: "vpc-1", privateSubnetIds: ["a", "b"], publicSubnetIds: ["c", "d"] };
        const cases: Array<{ title: string; args: any; pick: (r: ReturnType<typeof normalize>) => unknown; resolved: unknown }> = [
            {
                title: "fills a service's task defaults",
                args: { vpc, services: { w: { containers: { c: { image: "i" } } } } },
                pick: (r) => [r.services.w.cpu, r.services.w.memoryMiB, r.services.w.capacity, r.services.w.networkMode, r.services.w.desiredCount],
                resolved: [256, 512, "fargate", "awsvpc", 1],
            },
            {
                title: "makes containers read-only and essential by default",
                args: { vpc, services: { w: { containers: { c: { image: "i" } } } } },
                pick: (r) => [r.services.w.containers.c.readonlyRootFilesystem, r.services.w.containers.c.essential],
                resolved: [true, true],
            },
            {
                title: "starts a scaled service at its scaling minimum",
                args: { vpc, services: { w: { scaling: { minCount: 3, maxCount: 6 }, containers: { c: { image: "i" } } } } },
                pick: (r) => r.services.w.desiredCount,
                resolved: 3,
            },
            {
                title: "keeps an explicit desiredCount of 0",
                args: { vpc, services: { w: { desiredCount: 0, containers: { c: { image: "i" } } } } },
                pick: (r) => r.services.w.desiredCount,
                resolved: 0,
            },
            {
                title: "admits only the VPC CIDR to an internal load balancer",
                args: { vpc: { ...vpc, cidrBlock: "10.9.0.0/16" }, loadBalancers: { i: { type: "application", internal: true } } },
                pick: (r) => r.loadBalancers.i.ingressCidrs,
                resolved: ["10.9.0.0/16"],
            },
            {
                title: "roots a volume's access point at /<service>/<volume> for every container",
                args: {
                    vpc,
                    fileSystems: { f: {} },
                    services: { w: { containers: { a: { image: "i" }, b: { image: "i" } }, volumes: { data: { fileSystem: "f", containerPath: "/d" } } } },
                },
                pick: (r) => [r.services.w.volumes.data.rootDirectory, r.services.w.volumes.data.containers],
                resolved: ["/w/data", ["a", "b"]],
            },
            {
                title: "turns alarms off with alarms: false",
                args: { vpc, services: { w: { alarms: false, containers: { c: { image: "i" } } } } },
                pick: (r) => r.services.w.alarms,
                resolved: undefined,
            },
            {
                title: "defaults an NLB with a certificate to a 443 listener",
                args: {
                    vpc,
                    loadBalancers: { n: { type: "network", certificateArn: "arn" } },
                    services: {
                        w: { containers: { c: { image: "i", portMappings: [{ containerPort: 80 }] } }, loadBalancer: { name: "n", containerPort: 80 } },
                    },
                },
                pick: (r) => r.services.w.loadBalancer!.listenerPort,
                resolved: 443,
            },
        ];
        for (const c of cases) it(c.title, () => assert.deepEqual(c.pick(normalize("x", c.args)), c.resolved));
    });
});

describe("createRole", () => {
    it("makes inline and managed policies separate resources, and an ARN that waits for them", async () => {
        const { build } = await import("../../components/testing");
        const iam = await import("../../components/shared/iam");
        const sqs = await import("@pulumi/aws/sqs");
        const { registry } = await build(() => {
            const r = iam.createRole(
                "svc-role",
                {
                    description: "test",
                    assumeRolePolicy: iam.assumeRolePolicy("ecs-tasks.amazonaws.com"),
                    policies: { app: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:q" }], empty: [] },
                    managedPolicies: { ssm: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" },
                },
                {},
            );
            // Something that assumes the role takes `r.arn`.
            return new sqs.Queue("consumer", { tags: { role: r.arn } });
        });
        assert.deepEqual(
            registry.policiesOf("svc-role").map((p) => p.name),
            ["app"],
            "an empty policy is skipped",
        );
        assert.deepEqual(registry.managedPoliciesOf("svc-role"), ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]);
        const deps = registry.one("aws:sqs/queue:Queue", "consumer").dependencies;
        for (const name of ["svc-role", "svc-role-app", "svc-role-ssm"]) assert.ok(deps.includes(registry.named(name)!.urn), `consumer waits for ${name}`);
    });
});
