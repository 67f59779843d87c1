import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import type { ContainerServiceArgs } from "../../../components/container-service/args";
import { CHILD_NAMES, predictChildren } from "../../../components/container-service/children";
import { normalize } from "../../../components/container-service/defaults";
import { validate } from "../../../components/container-service/validate";
import { build, buildFails } from "../../../components/testing";
import { everything, readmeShop } from "../../property/examples";
import { IMAGE, baseArgs, web, withArgs } from "./fixtures";

/** The constructor's verdict: the ArgsError's message, after checking nothing was registered. */
async function refused(args: unknown, name = "shop"): Promise<string> {
    const { error, registry } = await buildFails(() => new ContainerService(name, args as ContainerServiceArgs));
    assert.equal(error.name, "ArgsError", error.stack);
    assert.equal(registry.size, 0);
    return error.message;
}

describe("ContainerService shape", () => {
    describe("inputs that used to be accepted silently", () => {
        it("refuses a typo'd key (memoryMib) and suggests memoryMiB", async () => {
            const message = await refused(
                withArgs((a) => {
                    (web(a) as any).memoryMib = 4096;
                }),
            );
            assert.match(message, /services\.web\.memoryMib=4096 is not a known argument; did you mean memoryMiB\?/);
        });

        it('refuses the string "false" for a boolean option', async () => {
            const message = await refused(
                withArgs((a) => {
                    (web(a) as any).enableExecuteCommand = "false";
                }),
            );
            assert.match(message, /services\.web\.enableExecuteCommand="false" is a string; allowed: true or false/);
        });

        it("refuses a load balancer reference named toString instead of dropping the load balancer", async () => {
            const message = await refused(
                withArgs((a) => {
                    web(a).loadBalancer!.name = "toString";
                }),
            );
            assert.match(message, /services\.web\.loadBalancer\.name="toString" names no load balancer/);
        });

        it("refuses file system, repository and container references that are prototype names", () => {
            const a = withArgs((x) => {
                x.repositories = { app: {} };
                x.fileSystems = { data: {} };
                web(x).volumes = { files: { fileSystem: "constructor", containerPath: "/data", containers: ["hasOwnProperty"] } };
                web(x).containers.side = { image: { build: { repository: "valueOf", context: "." } } };
                web(x).loadBalancer!.container = "toString";
            });
            const paths = validate(a).map((i) => i.path);
            for (const p of [
                "services.web.volumes.files.fileSystem",
                "services.web.volumes.files.containers",
                "services.web.containers.side.image.build.repository",
                "services.web.loadBalancer.container",
            ])
                assert.ok(paths.includes(p), `${p} in ${paths.join(", ")}`);
        });

        it("refuses a record key that is a prototype name", async () => {
            const message = await refused(
                withArgs((a) => {
                    (a.services as any).constructor = a.services!.web;
                }),
            );
            assert.match(message, /services\.constructor="constructor" is a name every JavaScript object inherits/);
        });

        it("refuses Allow with NotAction or NotResource in task role statements", () => {
            const a = withArgs((x) => {
                web(x).taskRole = {
                    statements: [
                        { Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::b/*" },
                        { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" },
                        { Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" },
                    ],
                };
            });
            const issues = validate(a).map((i) => `${i.path} ${i.message}`);
            assert.ok(
                issues.some((i) => /statements\[0\]\.NotAction with Allow grants every action but these/.test(i)),
                issues.join("\n"),
            );
            assert.ok(
                issues.some((i) => /statements\[1\]\.NotResource with Allow grants every resource but these/.test(i)),
                issues.join("\n"),
            );
            assert.ok(!issues.some((i) => i.includes("statements[2]")), "a Deny with NotAction narrows and is accepted");
        });

        it("refuses a statement with both Action and NotAction, or no Resource at all", () => {
            const a = withArgs((x) => {
                web(x).taskRole = { statements: [{ Effect: "Allow", Action: "s3:GetObject", NotAction: "s3:PutObject" } as any] };
            });
            const messages = validate(a).map((i) => i.message);
            assert.ok(messages.includes("needs exactly one of Action and NotAction"), messages.join("\n"));
            assert.ok(messages.includes("needs exactly one of Resource and NotResource"), messages.join("\n"));
        });

        it("refuses a principal in the task role's identity policy", () => {
            const a = withArgs((x) => {
                web(x).taskRole = { statements: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] };
            });
            assert.ok(validate(a).some((i) => i.path === "services.web.taskRole.statements[0].Principal"));
        });
    });

    describe("child names", () => {
        it("refuses a service public-lb beside a load balancer public: both would create <name>-public-lb-sg", async () => {
            const message = await refused(
                withArgs((a) => {
                    a.services!["public-lb"] = a.services!.web;
                    delete a.services!.web;
                }),
            );
            assert.match(message, /services\.public-lb="public-lb" gives a child the same name as loadBalancers\.public does: "<name>-public-lb-sg"/);
        });

        it("refuses a service named instances beside the EC2 capacity (both create <name>-instances-sg)", async () => {
            const message = await refused(
                withArgs((a) => {
                    a.ec2Capacity = { instanceTypes: ["m7i.large"] };
                    a.fileSystems = { data: {} };
                    a.services!.instances = {
                        containers: { i: { image: IMAGE } },
                        volumes: { v: { fileSystem: "data", containerPath: "/d" } },
                    };
                }),
            );
            assert.match(message, /services\.instances=.* gives a child the same name as ec2Capacity does: "<name>-instances-sg"/);
        });

        it("accepts a service named instances without EC2 capacity", () => {
            const a = withArgs((x) => {
                x.services!.instances = { containers: { i: { image: IMAGE } } };
            });
            assert.deepEqual(validate(a), []);
        });

        it("accepts keys whose children share a name only across different resource types", () => {
            const a = withArgs((x) => {
                x.repositories = { web: {} };
                x.services!["web-repo"] = { containers: { c: { image: IMAGE } } };
            });
            assert.deepEqual(
                validate(a).filter((i) => /same name/.test(i.message)),
                [],
            );
        });

        it("predicts every child a component with one of everything registers", async () => {
            const args = everything();
            const { registry } = await build(() => new ContainerService("shop", args));
            const predicted = new Set(predictChildren(args).map((c) => `${c.type}::shop-${c.name}`));
            const missing = registry
                .all()
                .filter((r) => r.type !== "aws-platform:ecs:ContainerService")
                .map((r) => `${r.type}::${r.name}`)
                .filter((id) => !predicted.has(id));
            assert.deepEqual(missing, [], "add these children to CHILD_NAMES in components/container-service/children.ts");
            // The example exercises every collection of the table.
            for (const part of Object.keys(CHILD_NAMES)) assert.ok(Object.keys((args as any)[part]).length > 0, part);
        });
    });

    describe("every issue at once", () => {
        it("reports the EFS subnet rule together with the other value issues", () => {
            const a = withArgs((x) => {
                x.fileSystems = { data: {} };
                x.vpc.privateSubnetIds = [];
                web(x).cpu = 3;
            });
            const paths = validate(a).map((i) => i.path);
            assert.ok(paths.includes("vpc.privateSubnetIds"), paths.join(", "));
            assert.ok(paths.includes("services.web.cpu"), paths.join(", "));
        });

        it("reports a load balancer's other issues even when its type is unknown", () => {
            const a = withArgs((x) => {
                x.loadBalancers!.public = { type: "gateway" as any, idleTimeoutSeconds: 0, sslPolicy: "ELBSecurityPolicy-2016-08" };
            });
            const paths = validate(a).map((i) => i.path);
            for (const p of ["loadBalancers.public.type", "loadBalancers.public.idleTimeoutSeconds", "loadBalancers.public.sslPolicy"])
                assert.ok(paths.includes(p), `${p} in ${paths.join(", ")}`);
        });

        it("reports the shape issues of every service at once", async () => {
            const message = await refused(
                withArgs((a) => {
                    a.services!.api = { ...web(a), cpu: "512" as any };
                    (web(a) as any).desiredCont = 2;
                }),
            );
            assert.match(message, /2 invalid arguments/);
            assert.match(message, /services\.api\.cpu="512"/);
            assert.match(message, /services\.web\.desiredCont=2 .*did you mean desiredCount\?/);
        });

        it("names an invalid component name with the argument issues", async () => {
            const message = await refused(
                withArgs((a) => {
                    (web(a) as any).memoryMib = 1;
                }),
                "a b",
            );
            assert.match(message, /^ContainerService "a b": 2 invalid arguments/);
            assert.match(message, /name="a b" is not a valid component name/);
        });

        it("accepts orders_api and mixed case as component names", async () => {
            for (const name of ["orders_api", "OrdersApi"]) {
                const { registry } = await build(() => new ContainerService(name, baseArgs()));
                assert.ok(registry.size > 0);
            }
        });
    });
});

/**
 * `normalize`'s output written back as args (every default explicit): `validate` must give the same
 * verdict, which holds only if validate reads defaults from normalize rather than restating them.
 * `spot` is dropped where capacity is not fargate-spot: normalize fills it for every task, while the
 * rule refusing it is about what the user wrote.
 */
function explicit(args: ContainerServiceArgs): ContainerServiceArgs {
    const r = normalize("shop", args);
    const { name: _n, containerInsights, existingCluster, defaultStrategy, ...rest } = r;
    // A task's resolved strategy (its own or the cluster's default) stands for its capacity and Spot settings.
    const task = <T extends { name: string; capacity: string; spot: unknown; capacityProviderStrategy?: unknown }>({ name: _t, ...t }: T) =>
        (t.capacityProviderStrategy
            ? { ...t, capacity: undefined, spot: undefined }
            : t.capacity === "fargate-spot"
              ? t
              : { ...t, spot: undefined, capacityProviderStrategy: undefined }) as any;
    // Likewise a joined listener (`listenerArn`): what shapes a created load balancer, and the services' listener ports.
    const joined = (name: string) => r.loadBalancers[name]?.listenerArn !== undefined;
    const place = <L extends { name: string; listenerPort: number }>(l: L | undefined) => (l && joined(l.name) ? { ...l, listenerPort: undefined } : l);
    const CREATED_ONLY = ["internal", "sslPolicy", "ingressCidrs", "ingressPrefixListIds", "testIngressCidrs", "idleTimeoutSeconds", "deletionProtection"];
    return {
        ...rest,
        cluster: { containerInsights, defaultStrategy, existing: existingCluster },
        loadBalancers: Object.fromEntries(
            Object.entries(r.loadBalancers).map(([k, l]) => [
                k,
                l.listenerArn === undefined ? l : Object.fromEntries(Object.entries(l).filter(([f]) => !CREATED_ONLY.includes(f))),
            ]),
        ),
        services: Object.fromEntries(
            Object.entries(r.services).map(([k, s]) => [
                k,
                {
                    ...task(s),
                    loadBalancer: place(s.loadBalancer),
                    additionalLoadBalancers: s.additionalLoadBalancers.map(place),
                    alarms: args.services?.[k].alarms === false ? false : s.alarms,
                },
            ]),
        ),
        scheduledTasks: Object.fromEntries(Object.entries(r.scheduledTasks).map(([k, t]) => [k, task(t)])),
        tasks: Object.fromEntries(Object.entries(r.tasks).map(([k, t]) => [k, task(t)])),
    } as ContainerServiceArgs;
}

describe("validate and normalize agree", () => {
    const cases: Array<{ title: string; args: ContainerServiceArgs }> = [
        { title: "the minimal args", args: baseArgs() },
        { title: "the README's shop", args: readmeShop() },
        { title: "one of everything", args: everything() },
        {
            title: "a Fargate size AWS does not offer",
            args: withArgs((a) => {
                web(a).memoryMiB = 4096;
            }),
        },
        {
            title: "a CPU size AWS does not offer",
            args: withArgs((a) => {
                web(a).cpu = 384;
            }),
        },
        {
            title: "desired count outside the scaling bounds",
            args: withArgs((a) => void Object.assign(web(a), { desiredCount: 9, scaling: { minCount: 1, maxCount: 4 } })),
        },
        {
            title: "an Express service with minCount above the default maxCount",
            args: withArgs((a) => {
                a.expressServices = { site: { image: IMAGE, scaling: { minCount: 5 } } };
            }),
        },
        {
            title: "an EC2 group with minSize above the default maxSize",
            args: withArgs((a) => {
                a.ec2Capacity = { instanceTypes: ["m7i.large"], minSize: 5 };
            }),
        },
        {
            title: "a target health check timeout not below the default interval",
            args: withArgs((a) => {
                web(a).loadBalancer!.healthCheck = { timeoutSeconds: 30 };
            }),
        },
        {
            title: "Spot weights that add up to zero",
            args: withArgs((a) => void Object.assign(web(a), { capacity: "fargate-spot", spot: { spotWeight: 0 } })),
        },
        {
            title: "containers reserving more memory than the default task size",
            args: withArgs((a) => {
                web(a).containers.web.memoryMiB = 1024;
            }),
        },
    ];
    const verdict = (args: ContainerServiceArgs) =>
        validate(args)
            .map((i) => `${i.path}: ${i.message}`)
            .sort();
    for (const c of cases) {
        it(`gives the same verdict on normalize's output: ${c.title}`, () => {
            const given = verdict(c.args);
            assert.deepEqual(verdict(explicit(c.args)), given);
        });
    }
    it("the invalid cases are invalid (the comparison is not between two empty lists)", () => {
        assert.ok(cases.slice(3).every((c) => verdict(c.args).length > 0));
    });
});
