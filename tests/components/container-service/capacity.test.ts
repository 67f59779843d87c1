import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ContainerService } from "../../../components/container-service";
import type { ContainerServiceArgs, ServiceDeploymentArgs } from "../../../components/container-service/args";
import { normalize } from "../../../components/container-service/defaults";
import { validate } from "../../../components/container-service/validate";
import { Registry, build, buildFails, unwrap } from "../../../components/testing";
import { IMAGE, T, web, webService, withArgs, buildShop } from "./fixtures";

type Built = { registry: Registry; result: ContainerService };

const CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/shared";
const schedule = "aws:scheduler/schedule:Schedule";

/** The notes' two groups: on-demand (target 60 %) and Spot (earlier scale-out), base 1 on on-demand by default. */
function twoGroups(a: ContainerServiceArgs): void {
    a.ec2CapacityProviders = {
        "on-demand": {
            instanceTypes: ["m7i.large"],
            minSize: 1,
            maxSize: 4,
            onDemandBaseCapacity: 1,
            onDemandPercentageAboveBaseCapacity: 100,
            managedScaling: { targetCapacityPercent: 60 },
        },
        spot: {
            instanceTypes: ["m7i.large", "m6i.large", "m5.large"],
            maxSize: 10,
            onDemandBaseCapacity: 0,
            managedScaling: { targetCapacityPercent: 40, minimumStepSize: 2, maximumStepSize: 5, instanceWarmupSeconds: 120 },
        },
    };
    a.cluster = {
        defaultStrategy: [
            { provider: "on-demand", base: 1, weight: 1 },
            { provider: "spot", weight: 3 },
        ],
    };
    web(a).alarms = false;
    a.services!.api = webService(8080, null, { alarms: false, capacityProviderStrategy: [{ provider: "spot" }] });
    a.scheduledTasks = {
        nightly: { containers: { job: { image: IMAGE } }, schedule: "cron(0 3 * * ? *)", capacityProviderStrategy: [{ provider: "on-demand" }] },
    };
}

describe("ContainerService: several EC2 capacity providers", () => {
    let b: Built;
    const providerName = (key: string) => b.registry.one(T.capacityProvider, `shop-${key}-capacity-provider`).outputs.name;
    before(async () => {
        b = await buildShop(twoGroups);
    });

    it("creates a launch template, an Auto Scaling group and a capacity provider per key", () => {
        for (const key of ["on-demand", "spot"]) {
            b.registry.one(T.launchTemplate, `shop-${key}-launch-template`);
            b.registry.one(T.asg, `shop-${key}-asg`);
            b.registry.one(T.capacityProvider, `shop-${key}-capacity-provider`);
        }
        assert.equal(b.registry.ofType(T.asg).length, 2);
    });

    it("shares one instance role, profile and security group between the groups", () => {
        const sg = b.registry.one(T.sg, "shop-instances-sg").id;
        const profile = b.registry.one("aws:iam/instanceProfile:InstanceProfile", "shop-instance-profile").outputs.arn;
        for (const key of ["on-demand", "spot"]) {
            const lt = b.registry.one(T.launchTemplate, `shop-${key}-launch-template`).inputs;
            assert.deepEqual(lt.vpcSecurityGroupIds, [sg]);
            assert.equal(lt.iamInstanceProfile.arn, profile);
        }
        assert.equal(b.registry.ofType("aws:iam/instanceProfile:InstanceProfile").length, 1);
    });

    it("lists each group's instance types without weights when none are given", () => {
        const overrides = b.registry.one(T.asg, "shop-spot-asg").inputs.mixedInstancesPolicy.launchTemplate.overrides;
        assert.deepEqual(overrides, [{ instanceType: "m7i.large" }, { instanceType: "m6i.large" }, { instanceType: "m5.large" }]);
    });

    it("splits on-demand and Spot per group", () => {
        const dist = (key: string) => b.registry.one(T.asg, `shop-${key}-asg`).inputs.mixedInstancesPolicy.instancesDistribution;
        assert.equal(dist("on-demand").onDemandBaseCapacity, 1);
        assert.equal(dist("on-demand").onDemandPercentageAboveBaseCapacity, 100);
        assert.equal(dist("spot").onDemandBaseCapacity, 0);
        assert.equal(dist("spot").onDemandPercentageAboveBaseCapacity, 0);
    });

    it("gives each provider its own managed scaling target, step sizes and warm-up", () => {
        const scaling = (key: string) => b.registry.one(T.capacityProvider, `shop-${key}-capacity-provider`).inputs.autoScalingGroupProvider.managedScaling;
        assert.deepEqual(scaling("on-demand"), {
            status: "ENABLED",
            targetCapacity: 60,
            minimumScalingStepSize: 1,
            maximumScalingStepSize: 10,
            instanceWarmupPeriod: 180,
        });
        assert.deepEqual(scaling("spot"), {
            status: "ENABLED",
            targetCapacity: 40,
            minimumScalingStepSize: 2,
            maximumScalingStepSize: 5,
            instanceWarmupPeriod: 120,
        });
    });

    it("protects instances with tasks from scale-in under managed scaling", () => {
        const cp = b.registry.one(T.capacityProvider, "shop-spot-capacity-provider").inputs.autoScalingGroupProvider;
        assert.equal(cp.managedTerminationProtection, "ENABLED");
        assert.equal(cp.autoScalingGroupArn, b.registry.one(T.asg, "shop-spot-asg").outputs.arn);
        assert.equal(b.registry.one(T.asg, "shop-spot-asg").inputs.protectFromScaleIn, true);
    });

    it("associates every provider with the cluster, with the default strategy's base on on-demand", () => {
        const ccp = b.registry.one(T.capacityProviders, "shop-capacity-providers").inputs;
        assert.deepEqual(ccp.capacityProviders, ["FARGATE", "FARGATE_SPOT", providerName("on-demand"), providerName("spot")]);
        assert.deepEqual(ccp.defaultCapacityProviderStrategies, [
            { capacityProvider: providerName("on-demand"), weight: 1, base: 1 },
            { capacityProvider: providerName("spot"), weight: 3, base: 0 },
        ]);
    });

    it("runs a service that names no capacity on the cluster's default strategy, as EC2 tasks", () => {
        const svc = b.registry.one(T.service, "shop-web").inputs;
        assert.deepEqual(svc.capacityProviderStrategies, [
            { capacityProvider: providerName("on-demand"), weight: 1, base: 1 },
            { capacityProvider: providerName("spot"), weight: 3, base: 0 },
        ]);
        assert.equal(svc.platformVersion, undefined);
        assert.deepEqual(b.registry.one(T.taskDefinition, "shop-web-task").inputs.requiresCompatibilities, ["EC2"]);
    });

    it("runs a service on its own strategy instead of the default", () => {
        assert.deepEqual(b.registry.one(T.service, "shop-api").inputs.capacityProviderStrategies, [
            { capacityProvider: providerName("spot"), weight: 1, base: 0 },
        ]);
    });

    it("runs a scheduled task on its own strategy", () => {
        const target = b.registry.one(schedule, "shop-nightly-schedule").inputs.target;
        assert.deepEqual(target.ecsParameters.capacityProviderStrategies, [{ capacityProvider: providerName("on-demand"), weight: 1, base: 0 }]);
    });

    it("exposes each provider's children in resources.cluster", () => {
        const p = b.result.resources.cluster.ec2CapacityProviders;
        assert.deepEqual(Object.keys(p), ["on-demand", "spot"]);
        assert.ok(p.spot.autoScalingGroup && p.spot.launchTemplate && p.spot.capacityProvider);
    });
});

describe("ContainerService: ec2Capacity beside keyed providers", () => {
    let b: Built;
    before(async () => {
        b = await buildShop((a) => {
            twoGroups(a);
            a.ec2Capacity = { instanceTypes: ["m7i.large"], targetCapacityPercent: 80 };
            a.services!.api.capacityProviderStrategy = [{ provider: "ec2", base: 2 }, { provider: "spot" }];
        });
    });

    it("exposes ec2Capacity's group and the shared instance role and profile in resources.cluster", () => {
        const c = b.result.resources.cluster;
        assert.ok(c.ec2Capacity?.autoScalingGroup && c.instanceRole && c.instanceProfile);
    });

    it("keeps ec2Capacity's child names and its managed scaling", () => {
        b.registry.one(T.launchTemplate, "shop-launch-template");
        b.registry.one(T.asg, "shop-asg");
        const cp = b.registry.one(T.capacityProvider, "shop-ec2-capacity").inputs.autoScalingGroupProvider.managedScaling;
        assert.deepEqual(cp, { status: "ENABLED", targetCapacity: 80, minimumScalingStepSize: 1, maximumScalingStepSize: 10, instanceWarmupPeriod: 180 });
    });

    it('maps the strategy provider "ec2" to ec2Capacity\'s provider', () => {
        const name = (n: string) => b.registry.one(T.capacityProvider, n).outputs.name;
        assert.deepEqual(b.registry.one(T.service, "shop-api").inputs.capacityProviderStrategies, [
            { capacityProvider: name("shop-ec2-capacity"), weight: 1, base: 2 },
            { capacityProvider: name("shop-spot-capacity-provider"), weight: 1, base: 0 },
        ]);
    });

    it("creates the instances' security group and role once for all three groups", () => {
        assert.equal(b.registry.ofType(T.sg).filter((s) => s.name === "shop-instances-sg").length, 1);
        assert.equal(b.registry.ofType("aws:iam/instanceProfile:InstanceProfile").length, 1);
        assert.equal(b.registry.ofType(T.asg).length, 3);
    });
});

describe("ContainerService: a weighted group scaled by you", () => {
    let b: Built;
    const names: string[] = [];
    before(async () => {
        b = await buildShop((a) => {
            a.ec2CapacityProviders = {
                big: {
                    instanceTypes: ["m7i.large", "m7i.xlarge"],
                    instanceWeights: { "m7i.large": 1, "m7i.xlarge": 2 },
                    minSize: 2,
                    maxSize: 20,
                    managedScaling: false,
                },
            };
            Object.assign(web(a), { capacityProviderStrategy: [{ provider: "big" }], alarms: false });
            a.transform = {
                capacityProvider: (args, _opts, name) => {
                    names.push(name);
                    return { ...args, tags: { ...(args.tags as object), reached: "yes" } };
                },
            };
        });
    });

    it("gives every instance type its weight as weightedCapacity", () => {
        const overrides = b.registry.one(T.asg, "shop-big-asg").inputs.mixedInstancesPolicy.launchTemplate.overrides;
        assert.deepEqual(overrides, [
            { instanceType: "m7i.large", weightedCapacity: "1" },
            { instanceType: "m7i.xlarge", weightedCapacity: "2" },
        ]);
    });

    it("turns managed scaling and managed termination protection off, and leaves instances unprotected from scale-in", () => {
        const cp = b.registry.one(T.capacityProvider, "shop-big-capacity-provider").inputs.autoScalingGroupProvider;
        assert.deepEqual(cp.managedScaling, { status: "DISABLED" });
        assert.equal(cp.managedTerminationProtection, "DISABLED");
        assert.equal(b.registry.one(T.asg, "shop-big-asg").inputs.protectFromScaleIn, false);
    });

    it("passes each capacity provider's name to the function form of transform.capacityProvider", () => {
        assert.deepEqual(names, ["shop-big-capacity-provider"]);
        assert.equal(b.registry.one(T.capacityProvider, "shop-big-capacity-provider").inputs.tags.reached, "yes");
    });
});

describe("ContainerService: an existing cluster", () => {
    let b: Built;
    before(async () => {
        b = await buildShop((a) => {
            a.cluster = { existing: CLUSTER_ARN };
            web(a).scaling = { minCount: 1, maxCount: 3, cpuTargetPercent: 60 };
            a.scheduledTasks = { nightly: { containers: { job: { image: IMAGE } }, schedule: "cron(0 3 * * ? *)" } };
            a.tasks = { migrate: { containers: { job: { image: IMAGE } } } };
        });
    });

    it("creates no cluster and no capacity providers", () => {
        assert.equal(b.registry.ofType(T.cluster).length, 0);
        assert.equal(b.registry.ofType(T.capacityProviders).length, 0);
        assert.equal(b.registry.ofType(T.capacityProvider).length, 0);
        assert.equal(b.result.resources.cluster.cluster, undefined);
    });

    it("puts the services and the scheduled tasks on the existing cluster's ARN", async () => {
        assert.equal(b.registry.one(T.service, "shop-web").inputs.cluster, CLUSTER_ARN);
        assert.equal(b.registry.one(schedule, "shop-nightly-schedule").inputs.target.arn, CLUSTER_ARN);
        assert.equal(await unwrap(b.result.clusterArn), CLUSTER_ARN);
    });

    it("lets the invoke role run tasks on the existing cluster only", () => {
        const run = b.registry.statementsOf("shop-nightly-invoke-role").find((s) => [s.Action].flat().includes("ecs:RunTask"));
        assert.deepEqual(run.Condition, { ArnEquals: { "ecs:cluster": CLUSTER_ARN } });
    });

    it("takes the cluster name from the ARN for outputs, scaling and alarms", async () => {
        assert.equal(await unwrap(b.result.clusterName), "shared");
        assert.match(b.registry.one(T.scalingTarget, "shop-web-scaling").inputs.resourceId, /^service\/shared\//);
    });

    it("runs services, scheduled tasks and standalone tasks that name no capacity with launch type FARGATE and no strategy (the cluster may have no provider)", async () => {
        const service = b.registry.one(T.service, "shop-web");
        const ecsParameters = b.registry.one(schedule, "shop-nightly-schedule").inputs.target.ecsParameters;
        const run = b.result.runTasks.migrate;
        for (const placed of [service.inputs, ecsParameters, run]) {
            assert.equal(placed.launchType, "FARGATE");
            assert.equal(placed.capacityProviderStrategies, undefined);
        }
        assert.match(await unwrap(run.command), /--launch-type FARGATE/);
        assert.doesNotMatch(await unwrap(run.command), /--capacity-provider-strategy/);
    });

    it("keeps the strategy of Fargate Spot and explicit strategies on an existing cluster", async () => {
        const { registry } = await buildShop((a) => {
            a.cluster = { existing: CLUSTER_ARN };
            web(a).capacity = "fargate-spot";
            a.services!.api = webService(8080, null, { alarms: false, capacityProviderStrategy: [{ provider: "FARGATE" }] });
        });
        for (const key of ["web", "api"]) {
            const svc = registry.one(T.service, `shop-${key}`).inputs;
            assert.equal(svc.launchType, undefined, key);
            assert.ok(
                svc.capacityProviderStrategies.some((i: any) => i.capacityProvider === "FARGATE"),
                key,
            );
        }
    });
});

describe("ContainerService capacity: normalize", () => {
    it("gives a task with neither capacity nor strategy the cluster's default strategy, bases and weights filled in", () => {
        const r = normalize(
            "shop",
            withArgs((a) => {
                twoGroups(a);
            }),
        );
        assert.deepEqual(r.services.web.capacityProviderStrategy, [
            { provider: "on-demand", base: 1, weight: 1 },
            { provider: "spot", base: 0, weight: 3 },
        ]);
        assert.equal(r.services.web.capacity, "ec2");
    });

    it("keeps capacity (and no strategy) for a task that gives capacity", () => {
        const r = normalize(
            "shop",
            withArgs((a) => {
                twoGroups(a);
                web(a).capacity = "fargate-spot";
            }),
        );
        assert.equal(r.services.web.capacityProviderStrategy, undefined);
        assert.equal(r.services.web.capacity, "fargate-spot");
    });

    it("reads a Fargate-only strategy with FARGATE_SPOT as fargate-spot capacity", () => {
        const r = normalize(
            "shop",
            withArgs((a) => {
                web(a).capacityProviderStrategy = [
                    { provider: "FARGATE", base: 1 },
                    { provider: "FARGATE_SPOT", weight: 4 },
                ];
            }),
        );
        assert.equal(r.services.web.capacity, "fargate-spot");
    });
});

describe("ContainerService capacity: what every EC2 group needs", () => {
    const SETTING = "aws:ecs/accountSettingDefault:AccountSettingDefault";
    const onSpot = (trunking?: boolean) =>
        withArgs((a) => {
            a.ec2CapacityProviders = { spot: { instanceTypes: ["m7i.large"], ...(trunking === undefined ? {} : { awsvpcTrunking: trunking }) } };
            a.services!.api = webService(8080, null, { capacityProviderStrategy: [{ provider: "spot" }], alarms: false });
        });

    it("warns about ENI trunking for awsvpc tasks placed on a keyed provider by their strategy", async () => {
        const { warnings } = await build(() => new ContainerService("shop", onSpot()));
        assert.deepEqual(
            warnings.filter((w) => w.startsWith("[aws-platform:ecs:eni-trunking]")).map((w) => /service "(\w+)"/.exec(w)?.[1]),
            ["api"],
        );
    });

    it("turns ENI trunking on once for a provider that asks, before its group launches, and does not warn", async () => {
        const { registry, warnings } = await build(() => new ContainerService("shop", onSpot(true)));
        const setting = registry.one(SETTING, "shop-awsvpc-trunking");
        assert.ok(registry.one(T.asg, "shop-spot-asg").dependencies.includes(setting.urn));
        assert.deepEqual(
            warnings.filter((w) => w.includes("eni-trunking")),
            [],
        );
    });

    it("asks for the ECS agent's endpoints for each provider's instances when the subnets have no NAT", () => {
        const args = withArgs((a) => {
            a.vpc = { ...a.vpc, egress: "endpoints", interfaceEndpoints: ["ecr.api", "ecr.dkr", "logs"] };
            web(a).containers.web.image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1";
            a.ec2CapacityProviders = { spot: { instanceTypes: ["m7i.large"] } };
        });
        const [issue] = validate(args).filter((i) => i.path === "vpc.interfaceEndpoints");
        assert.match(issue.message, /lacks "ecs" for ec2CapacityProviders\.spot \(the ECS agent\), "ecs-agent" .*"ecs-telemetry"/);
    });
});

/** Bad capacity args: each is refused with one ArgsError naming the field, and nothing is registered. */
describe("ContainerService capacity: validation", () => {
    const refused = async (args: ContainerServiceArgs): Promise<string> => {
        const { error, registry } = await buildFails(() => new ContainerService("shop", args));
        assert.equal(error.name, "ArgsError", error.stack);
        assert.equal(registry.size, 0);
        return error.message;
    };
    const cases: Array<{ title: string; mutate: (a: ContainerServiceArgs) => void; expect: RegExp }> = [
        {
            title: "refuses a strategy that mixes Fargate and Auto Scaling group providers",
            mutate: (a) => {
                twoGroups(a);
                web(a).capacityProviderStrategy = [{ provider: "FARGATE" }, { provider: "spot" }];
            },
            expect: /services\.web\.capacityProviderStrategy=\["FARGATE","spot"\] mixes Fargate \(FARGATE\) and Auto Scaling group providers \(spot\)/,
        },
        {
            title: "refuses a base on more than one provider",
            mutate: (a) => {
                twoGroups(a);
                a.cluster!.defaultStrategy = [
                    { provider: "on-demand", base: 1 },
                    { provider: "spot", base: 2 },
                ];
            },
            expect: /cluster\.defaultStrategy=\["on-demand","spot"\] gives a base to more than one provider/,
        },
        {
            title: "refuses a strategy whose weights are all 0",
            mutate: (a) => {
                web(a).capacityProviderStrategy = [{ provider: "FARGATE", base: 2, weight: 0 }];
            },
            expect: /services\.web\.capacityProviderStrategy=\[0\] has no weight above 0/,
        },
        {
            title: "refuses a provider that is no key of ec2CapacityProviders",
            mutate: (a) => {
                twoGroups(a);
                web(a).capacityProviderStrategy = [{ provider: "spto" }];
            },
            expect: /services\.web\.capacityProviderStrategy\[0\]\.provider="spto" names no capacity provider of the component; allowed: "FARGATE", "FARGATE_SPOT", "on-demand", "spot"/,
        },
        {
            title: 'refuses provider "ec2" without ec2Capacity',
            mutate: (a) => {
                web(a).capacityProviderStrategy = [{ provider: "ec2" }];
            },
            expect: /services\.web\.capacityProviderStrategy\[0\]\.provider="ec2" needs the component's ec2Capacity/,
        },
        {
            title: "refuses a provider named twice",
            mutate: (a) => {
                web(a).capacityProviderStrategy = [{ provider: "FARGATE" }, { provider: "FARGATE" }];
            },
            expect: /capacityProviderStrategy\[1\]\.provider="FARGATE" appears twice/,
        },
        {
            title: "refuses an empty strategy",
            mutate: (a) => {
                web(a).capacityProviderStrategy = [];
            },
            expect: /services\.web\.capacityProviderStrategy=\[\] is empty/,
        },
        {
            title: "refuses a base and a weight beyond AWS's ranges",
            mutate: (a) => {
                web(a).capacityProviderStrategy = [{ provider: "FARGATE", base: 100001, weight: 1001 }];
            },
            expect: /capacityProviderStrategy\[0\]\.base=100001 is out of range; allowed: an integer from 0 to 100000.*capacityProviderStrategy\[0\]\.weight=1001 is out of range; allowed: an integer from 0 to 1000/s,
        },
        {
            title: "refuses more than 20 providers in a strategy",
            mutate: (a) => {
                a.ec2CapacityProviders = Object.fromEntries(Array.from({ length: 21 }, (_v, i) => [`g${i}`, { instanceTypes: ["m7i.large"] }]));
                web(a).capacityProviderStrategy = Object.keys(a.ec2CapacityProviders).map((provider) => ({ provider }));
            },
            expect: /services\.web\.capacityProviderStrategy=21 names more capacity providers than a strategy holds; allowed: at most 20/,
        },
        {
            title: "refuses capacity and capacityProviderStrategy together",
            mutate: (a) => {
                Object.assign(web(a), { capacity: "fargate", capacityProviderStrategy: [{ provider: "FARGATE" }] });
            },
            expect: /services\.web\.capacity="fargate" is given with capacityProviderStrategy/,
        },
        {
            title: "refuses spot settings when the default strategy decides Fargate Spot",
            mutate: (a) => {
                a.cluster = { defaultStrategy: [{ provider: "FARGATE", base: 1 }, { provider: "FARGATE_SPOT" }] };
                web(a).spot = { onDemandBase: 2 };
            },
            expect: /services\.web\.spot=.* is only used with capacity "fargate-spot" \(this task runs on cluster\.defaultStrategy\)/,
        },
        {
            title: 'refuses the key "ec2" for a provider',
            mutate: (a) => {
                a.ec2CapacityProviders = { ec2: { instanceTypes: ["m7i.large"] } };
            },
            expect: /ec2CapacityProviders\.ec2="ec2" is the name strategies use for ec2Capacity/,
        },
        {
            title: "refuses weights on some instance types only",
            mutate: (a) => {
                a.ec2CapacityProviders = { big: { instanceTypes: ["m7i.large", "m7i.xlarge"], instanceWeights: { "m7i.large": 1 }, managedScaling: false } };
            },
            expect: /ec2CapacityProviders\.big\.instanceWeights=\["m7i\.xlarge"\] leaves instance types without a weight/,
        },
        {
            title: "refuses a weight beyond 999 and a weight for an instance type not listed",
            mutate: (a) => {
                a.ec2CapacityProviders = {
                    big: { instanceTypes: ["m7i.large"], instanceWeights: { "m7i.large": 1000, "c7i.large": 1 }, managedScaling: false },
                };
            },
            expect: /instanceWeights\.m7i\.large=1000 is out of range; allowed: an integer from 1 to 999.*instanceWeights\.c7i\.large="c7i\.large" is not one of instanceTypes/s,
        },
        {
            title: "refuses weights other than 1 under ECS managed scaling",
            mutate: (a) => {
                a.ec2CapacityProviders = { big: { instanceTypes: ["m7i.large", "m7i.xlarge"], instanceWeights: { "m7i.large": 1, "m7i.xlarge": 2 } } };
            },
            expect: /ec2CapacityProviders\.big\.instanceWeights=\["m7i\.xlarge"\] weighs instance types other than 1, and ECS managed scaling counts instances/,
        },
        {
            title: "refuses managed scaling values beyond AWS's ranges and a minimum step above the maximum",
            mutate: (a) => {
                a.ec2CapacityProviders = {
                    g: {
                        instanceTypes: ["m7i.large"],
                        managedScaling: { targetCapacityPercent: 0, minimumStepSize: 6, maximumStepSize: 5, instanceWarmupSeconds: 10001 },
                    },
                };
            },
            expect: /targetCapacityPercent=0 is out of range; allowed: an integer from 1 to 100 percent.*instanceWarmupSeconds=10001 is out of range.*minimumStepSize=6 is above maximumStepSize \(5\)/s,
        },
        {
            title: "refuses a provider's group rules as ec2Capacity's (minSize above maxSize, unknown architecture)",
            mutate: (a) => {
                a.ec2CapacityProviders = { g: { instanceTypes: ["m7i.large"], minSize: 5, maxSize: 2, architecture: "sparc" as any } };
            },
            expect: /ec2CapacityProviders\.g\.architecture="sparc" is not supported.*ec2CapacityProviders\.g\.minSize=5 is above maxSize \(2\)/s,
        },
        {
            title: "refuses capacity providers, a default strategy and Container Insights with an existing cluster",
            mutate: (a) => {
                twoGroups(a);
                a.cluster = { ...a.cluster, existing: CLUSTER_ARN, containerInsights: "enhanced" };
                a.ec2Capacity = { instanceTypes: ["m7i.large"] };
            },
            expect: /ec2Capacity="\(set\)" cannot be used with cluster\.existing.*ec2CapacityProviders=\["on-demand","spot"\] cannot be used with cluster\.existing.*cluster\.defaultStrategy="\(set\)" cannot be used with cluster\.existing.*cluster\.containerInsights="enhanced" cannot be used with cluster\.existing/s,
        },
        {
            title: "refuses a scheduled task's strategy of more than the 6 providers EventBridge and Scheduler take",
            mutate: (a) => {
                const keys = ["a", "b", "c", "d", "e", "f", "g"];
                a.ec2CapacityProviders = Object.fromEntries(keys.map((k) => [k, { instanceTypes: ["m7i.large"] }]));
                a.scheduledTasks = {
                    job: {
                        containers: { job: { image: IMAGE } },
                        schedule: "cron(0 3 * * ? *)",
                        networkMode: "bridge",
                        capacityProviderStrategy: keys.map((provider) => ({ provider })),
                    },
                };
            },
            expect: /scheduledTasks\.job\.capacityProviderStrategy=7 names more capacity providers than EventBridge and Scheduler take; allowed: at most 6/,
        },
        {
            title: "refuses a default strategy of more than 6 providers that a scheduled task inherits",
            mutate: (a) => {
                const keys = ["a", "b", "c", "d", "e", "f", "g"];
                a.ec2CapacityProviders = Object.fromEntries(keys.map((k) => [k, { instanceTypes: ["m7i.large"] }]));
                a.cluster = { defaultStrategy: keys.map((provider) => ({ provider })) };
                web(a).capacity = "fargate";
                a.scheduledTasks = { job: { containers: { job: { image: IMAGE } }, schedule: "cron(0 3 * * ? *)", networkMode: "bridge" } };
            },
            expect: /cluster\.defaultStrategy=7 names more capacity providers than EventBridge and Scheduler take, and scheduled tasks job run on it/,
        },
        {
            title: "refuses a strategy across groups of different architectures",
            mutate: (a) => {
                a.ec2CapacityProviders = {
                    graviton: { instanceTypes: ["m7g.large"], architecture: "arm64" },
                    intel: { instanceTypes: ["m7i.large"] },
                };
                web(a).capacityProviderStrategy = [{ provider: "graviton" }, { provider: "intel" }];
            },
            expect: /services\.web\.capacityProviderStrategy=\["graviton","intel"\] mixes x86_64 and arm64 groups \(graviton: arm64, intel: x86_64\); a task's image runs on one/,
        },
        {
            title: "refuses an existing cluster given by name instead of ARN",
            mutate: (a) => {
                a.cluster = { existing: "shared" };
            },
            expect: /cluster\.existing="shared" is malformed; allowed: a cluster ARN/,
        },
    ];
    for (const c of cases)
        it(c.title, async () => {
            assert.match(await refused(withArgs(c.mutate)), c.expect);
        });

    it("accepts the notes' two groups with the default strategy and per-task strategies", async () => {
        await buildShop(twoGroups);
    });
});

describe("ContainerService capacity: updates and other components", () => {
    it("forces a new deployment on every service, so a changed strategy updates in place (the provider refuses it otherwise)", async () => {
        const { registry } = await buildShop(twoGroups);
        const services = registry.ofType(T.service);
        assert.equal(services.length, 2);
        for (const s of services) assert.equal(s.inputs.forceNewDeployment, true, s.name);
    });

    it("forces new deployments under ECS blue-green, linear and canary, and not under CODE_DEPLOY (ECS refuses it there)", async () => {
        const deployments: Array<[ServiceDeploymentArgs, boolean]> = [
            [{ strategy: "blue-green" }, true],
            [{ strategy: "linear", linear: { stepPercent: 25, stepBakeMinutes: 5 } }, true],
            [{ strategy: "canary", canary: { percent: 10, bakeMinutes: 5 } }, true],
            [{ controller: "code-deploy" }, false],
        ];
        for (const [deployment, forced] of deployments) {
            const { registry } = await buildShop((a) => {
                web(a).deployment = deployment;
            });
            assert.equal(registry.one(T.service, "shop-web").inputs.forceNewDeployment, forced ? true : undefined, JSON.stringify(deployment));
        }
    });

    it("makes clusterArn and clusterName wait for the capacity providers, so a component on the existing cluster creates its services after them", async () => {
        const { registry } = await build(() => {
            const saas = new ContainerService("saas", withArgs(twoGroups));
            return new ContainerService(
                "reports",
                withArgs((a) => {
                    a.cluster = { existing: saas.clusterArn };
                    a.loadBalancers = {};
                    a.services = { api: webService(8080, null, { alarms: false, scaling: { minCount: 1, maxCount: 2, cpuTargetPercent: 60 } }) };
                }),
            );
        });
        const assoc = registry.one(T.capacityProviders, "saas-capacity-providers").urn;
        assert.ok(registry.one(T.service, "reports-api").dependencies.includes(assoc));
        // The scaling target's resource id is built from clusterName.
        assert.ok(registry.one(T.scalingTarget, "reports-api-scaling").dependencies.includes(assoc));
    });

    it("fails the preview when cluster.existing resolves to a name rather than an ARN", async () => {
        const { error } = await buildFails(
            () =>
                new ContainerService(
                    "shop",
                    withArgs((a) => {
                        a.cluster = { existing: pulumi.output("shared") };
                    }),
                ),
        );
        assert.equal(error.name, "ArgsError");
        assert.match(error.message, /cluster\.existing="shared" must be an ECS cluster ARN in us-east-1\/123456789012/);
    });

    it("fails the preview when cluster.existing is an ARN of another Region or account", async () => {
        for (const arn of ["arn:aws:ecs:eu-west-1:123456789012:cluster/shared", "arn:aws:ecs:us-east-1:210987654321:cluster/shared"]) {
            const { error } = await buildFails(
                () =>
                    new ContainerService(
                        "shop",
                        withArgs((a) => {
                            a.cluster = { existing: pulumi.output(arn) };
                        }),
                    ),
            );
            assert.match(error.message, /cluster\.existing=".*" must be an ECS cluster ARN in us-east-1\/123456789012/, arn);
        }
    });

    it("names ec2CapacityProviders.<key>.awsvpcTrunking in the ENI-trunking warning when there is no ec2Capacity", async () => {
        const { warnings } = await buildShop((a) => {
            a.ec2CapacityProviders = { spot: { instanceTypes: ["m7i.large"] } };
            a.services!.api = webService(8080, null, { capacityProviderStrategy: [{ provider: "spot" }], alarms: false });
        });
        const [w] = warnings.filter((x) => x.startsWith("[aws-platform:ecs:eni-trunking]"));
        assert.match(w, /set ec2CapacityProviders\.spot\.awsvpcTrunking: true/);
        assert.doesNotMatch(w, /ec2Capacity\.awsvpcTrunking/);
    });
});
