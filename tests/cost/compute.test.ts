import * as assert from "node:assert";
import {
    COMPUTE_FREE_TYPES,
    COMPUTE_PRICERS,
    fargatePodSize,
    instanceShape,
    k8sCpu,
    k8sMemoryGiB,
    placeTasks,
    taskSize,
} from "../../components/cost/pricers/compute";
import { NETWORK_FREE_TYPES, NETWORK_PRICERS } from "../../components/cost/pricers/network";
import { OPS_PRICERS } from "../../components/cost/pricers/ops";
import { COMPUTE_PRICES } from "../../components/cost/prices/compute";
import { NETWORK_PRICES } from "../../components/cost/prices/network";
import type { CostLine, LoadProfile, PlanResource } from "../../components/cost/types";
import { IDLE_LOAD, estimateCost, fromRecords } from "../../components/cost";
import { build } from "../../components/testing";
import { stackPlan } from "../harness/stack-plans";
import { planResource, testContext, ZERO_LOAD } from "./context";

const SERVICE = "aws:ecs/service:Service";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const ASG = "aws:autoscaling/group:Group";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const EKS = "eks:index:Cluster";
const EKS_CLUSTER = "aws:eks/cluster:Cluster";
const PROFILE = "aws:eks/fargateProfile:FargateProfile";
const PRICES = { ...NETWORK_PRICES, ...COMPUTE_PRICES };

function price(resource: PlanResource, resources: PlanResource[], load: Partial<LoadProfile> = {}, asOf?: string): CostLine[] {
    return COMPUTE_PRICERS[resource.type](resource, testContext(resources, load, PRICES, { asOf }));
}
const sum = (lines: CostLine[]) => lines.reduce((s, l) => s + l.monthly, 0);
const of = (lines: CostLine[], key: string) => lines.filter((l) => l.price === key);
function near(actual: number, expected: number) {
    assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);
}

/** A Fargate service of `desiredCount` tasks of 0.25 vCPU / 0.5 GB, its task definition linked through `taskDefinition`. */
function fargateService(options: { arch?: string; strategy?: any[]; desiredCount?: any; ephemeralGiB?: number; publicIp?: boolean } = {}) {
    const task = planResource(TASK, "web-task", {
        family: "web",
        cpu: "256",
        memory: "512",
        requiresCompatibilities: ["FARGATE"],
        runtimePlatform: { cpuArchitecture: options.arch ?? "X86_64", operatingSystemFamily: "LINUX" },
        ...(options.ephemeralGiB !== undefined ? { ephemeralStorage: { sizeInGib: options.ephemeralGiB } } : {}),
    });
    const service = planResource(
        SERVICE,
        "web",
        {
            desiredCount: options.desiredCount ?? 2,
            taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1",
            ...(options.strategy ? { capacityProviderStrategies: options.strategy } : { launchType: "FARGATE" }),
            networkConfiguration: { assignPublicIp: options.publicIp ?? false },
        },
        { deps: { taskDefinition: [task] } },
    );
    return { task, service, resources: [task, service] };
}

describe("cost: compute pricers", () => {
    describe("ECS services on Fargate", () => {
        it("prices 2 tasks of 0.25 vCPU / 0.5 GB on x86 Fargate for a month", () => {
            const { service, resources } = fargateService();
            const lines = price(service, resources);
            near(of(lines, "fargate.vcpuHour.x86_64")[0].monthly, 2 * 0.25 * 730 * 0.04048);
            near(of(lines, "fargate.gbHour.x86_64")[0].monthly, 2 * 0.5 * 730 * 0.004445);
            near(sum(lines), 2 * 0.25 * 730 * 0.04048 + 2 * 0.5 * 730 * 0.004445);
        });
        it("prices the same service on arm64 at the Graviton rates", () => {
            const { service, resources } = fargateService({ arch: "ARM64" });
            near(sum(price(service, resources)), 2 * 0.25 * 730 * 0.03238 + 2 * 0.5 * 730 * 0.00356);
        });
        it("puts half the tasks on Fargate Spot with equal weights, at the assumed 70% discount", () => {
            const strategy = [
                { capacityProvider: "FARGATE", base: 0, weight: 1 },
                { capacityProvider: "FARGATE_SPOT", base: 0, weight: 1 },
            ];
            const { service, resources } = fargateService({ strategy });
            const lines = price(service, resources);
            const onDemand = 1 * 0.25 * 730 * 0.04048 + 1 * 0.5 * 730 * 0.004445;
            near(sum(lines), onDemand + onDemand * (1 - 0.7));
            near(of(lines, "fargate.spot.vcpuHour.x86_64")[0].quantity, 1 * 0.25 * 730);
        });
        it("places the base on its provider first, then shares the rest by weight", () => {
            const placed = placeTasks(3, [
                { capacityProvider: "FARGATE", base: 2, weight: 0 },
                { capacityProvider: "FARGATE_SPOT", base: 0, weight: 1 },
            ]);
            assert.deepStrictEqual(Object.fromEntries(placed), { FARGATE: 2, FARGATE_SPOT: 1 });
            assert.deepStrictEqual(
                Object.fromEntries(
                    placeTasks(1, [
                        { capacityProvider: "FARGATE", base: 2, weight: 0 },
                        { capacityProvider: "FARGATE_SPOT", base: 0, weight: 1 },
                    ]),
                ),
                {
                    FARGATE: 1,
                    FARGATE_SPOT: 0,
                },
            );
        });
        it('reads a task size given as "1 vCPU" / "2 GB" as 1024 units / 2048 MiB', () => {
            assert.deepStrictEqual(
                [taskSize("1 vCPU", "vcpu"), taskSize("2 GB", "gb"), taskSize("512", "gb"), taskSize("2 GB", "vcpu")],
                [1024, 2048, 512, undefined],
            );
        });
        it("charges ephemeral storage above the free 20 GB: 2 tasks × 30 GB × 730 h × 0.000111", () => {
            const { service, resources } = fargateService({ ephemeralGiB: 50 });
            near(of(price(service, resources), "fargate.ephemeralGbHour")[0].monthly, 2 * (50 - 20) * 730 * 0.000111);
        });
        it("charges the public IPv4 address of each task when assignPublicIp is on", () => {
            const { service, resources } = fargateService({ publicIp: true });
            near(of(price(service, resources), "ipv4.hour")[0].monthly, 2 * 730 * 0.005);
        });
        it("finds the task definition by the family in its ARN when the plan gives no dependency", () => {
            const { task } = fargateService();
            const service = planResource(SERVICE, "web", {
                desiredCount: 2,
                launchType: "FARGATE",
                taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1",
            });
            near(sum(price(service, [task, service])), 2 * 0.25 * 730 * 0.04048 + 2 * 0.5 * 730 * 0.004445);
        });
        it("leaves tasks on an EC2 capacity provider to the Auto Scaling group and says so", () => {
            const strategy = [{ capacityProvider: "web-on-demand-cp", base: 1, weight: 1 }];
            const { service, resources } = fargateService({ strategy });
            const lines = price(service, resources);
            assert.strictEqual(sum(lines), 0);
            assert.match(lines[0].note ?? "", /2 task\(s\) on web-on-demand-cp: priced as the capacity provider's instances/);
        });
        it("prices no task and says so when desiredCount is unknown in preview", () => {
            const { service, resources } = fargateService({ desiredCount: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
            const lines = price(service, resources);
            assert.strictEqual(sum(lines), 0);
            assert.match(lines[0].note ?? "", /desiredCount unknown in preview/);
        });
    });

    describe("EC2 capacity", () => {
        function asg(distribution: Record<string, number> | undefined, extra: Record<string, any> = {}) {
            const lt = planResource(LT, "lt", {
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 30, volumeType: "gp3" } }],
                instanceType: "t3.small",
            });
            const group = planResource(
                ASG,
                "asg",
                {
                    minSize: 0,
                    maxSize: 4,
                    desiredCapacity: 2,
                    ...(distribution
                        ? {
                              mixedInstancesPolicy: {
                                  instancesDistribution: distribution,
                                  launchTemplate: { overrides: [{ instanceType: "m7i.large" }, { instanceType: "m6i.large" }] },
                              },
                          }
                        : { launchTemplate: { id: "lt-1" } }),
                    ...extra,
                },
                { deps: distribution ? { mixedInstancesPolicy: [lt] } : { launchTemplate: [lt] } },
            );
            return { group, resources: [lt, group] };
        }
        it("prices an ASG of 2 m7i.large with 1 on-demand base and Spot above at the assumed 60% Spot discount", () => {
            const { group, resources } = asg({ onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 0 });
            const lines = price(group, resources);
            near(lines[0].monthly, 1 * 730 * 0.1008);
            near(lines[1].monthly, 1 * 730 * 0.1008 * (1 - 0.6));
            near(of(lines, "ebs.gp3.gbMonth")[0].monthly, 2 * 30 * 0.08);
            near(sum(lines), 1 * 730 * 0.1008 + 1 * 730 * 0.1008 * (1 - 0.6) + 2 * 30 * 0.08);
            assert.match(lines[1].note ?? "", /ASSUMED 60%/);
        });
        it("prices an ASG without a mixed-instances policy on-demand at its launch template's type", () => {
            const { group, resources } = asg(undefined);
            const lines = price(group, resources);
            assert.strictEqual(lines[0].item, "EC2 on-demand instance hours (t3.small)");
            near(sum(lines), 2 * 730 * 0.0208 + 2 * 30 * 0.08);
        });
        it("prices minSize instances when an ASG has no desiredCapacity", () => {
            const { group, resources } = asg(undefined, { desiredCapacity: undefined, minSize: 1 });
            near(price(group, resources)[0].quantity, 1 * 730);
        });
        it("sizes an ECS capacity provider's ASG as managed scaling would: 3 tasks of 1 vCPU need 2 m7i.large; at targetCapacity 50% that is 4", () => {
            const lt = planResource(LT, "lt", {});
            const group = planResource(
                ASG,
                "ec2-asg",
                { minSize: 0, maxSize: 10, mixedInstancesPolicy: { launchTemplate: { overrides: [{ instanceType: "m7i.large" }] } } },
                { deps: { mixedInstancesPolicy: [lt] } },
            );
            const cp = planResource(
                "aws:ecs/capacityProvider:CapacityProvider",
                "ec2-cp",
                { autoScalingGroupProvider: { managedScaling: { status: "ENABLED", targetCapacity: 50 } } },
                { deps: { autoScalingGroupProvider: [group] } },
            );
            const task = planResource(TASK, "app-task", { family: "app", cpu: "1024", memory: "2048", requiresCompatibilities: ["EC2"] });
            const service = planResource(
                SERVICE,
                "app",
                { desiredCount: 3, capacityProviderStrategies: [{ capacityProvider: "ec2-cp-1a2b3c4", base: 0, weight: 1 }] },
                { deps: { taskDefinition: [task] } },
            );
            const lines = price(group, [lt, group, cp, task, service]);
            // 3 × 1 vCPU over 2 vCPU per m7i.large → ceil(1.5) = 2 instances; 2 / 0.5 = 4
            near(lines[0].quantity, 4 * 730);
            near(lines[0].monthly, 4 * 730 * 0.1008);
            assert.match(lines[0].note ?? "", /need 2 m7i.large; at targetCapacity 50% that is 4 instance/);
        });
        it("reads vCPUs and memory of an instance type from its name", () => {
            assert.deepStrictEqual(instanceShape("m7i.large"), { vcpu: 2, memoryGiB: 8 });
            assert.deepStrictEqual(instanceShape("c7g.2xlarge"), { vcpu: 8, memoryGiB: 16 });
            assert.deepStrictEqual(instanceShape("r5.xlarge"), { vcpu: 4, memoryGiB: 32 });
            assert.deepStrictEqual(instanceShape("t3.small"), { vcpu: 2, memoryGiB: 2 });
            assert.strictEqual(instanceShape("g5.xlarge"), undefined);
        });
        it("prices a managed node group: 3 × m7i.large on-demand with the default 20 GiB disk", () => {
            const ng = planResource(NODE_GROUP, "ng", {
                capacityType: "ON_DEMAND",
                instanceTypes: ["m7i.large", "m6i.large"],
                scalingConfig: { desiredSize: 3, minSize: 3, maxSize: 9 },
            });
            const lines = price(ng, [ng]);
            near(sum(lines), 3 * 730 * 0.1008 + 3 * 20 * 0.08);
            assert.match(lines[0].note ?? "", /first of 2 instance types/);
        });
        it("prices a SPOT managed node group entirely at the Spot share, with its launch template's volume", () => {
            const lt = planResource(LT, "ng-lt", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 50, volumeType: "gp3" } }] });
            const ng = planResource(
                NODE_GROUP,
                "ng",
                { capacityType: "SPOT", instanceTypes: ["m7g.large"], launchTemplate: { id: "lt-1", version: "1" }, scalingConfig: { desiredSize: 2 } },
                { deps: { launchTemplate: [lt] } },
            );
            near(sum(price(ng, [lt, ng])), 2 * 730 * 0.0816 * (1 - 0.6) + 2 * 50 * 0.08);
        });
        it("prices an instance type the table lacks at $0 and names it in the note", () => {
            const ng = planResource(NODE_GROUP, "ng", { instanceTypes: ["x9z.huge"], scalingConfig: { desiredSize: 1 } });
            const lines = price(ng, [ng]);
            assert.strictEqual(lines[0].monthly, 0);
            assert.match(lines[0].note ?? "", /no hourly price for x9z.huge/);
        });
    });

    describe("EKS", () => {
        it("prices the control plane on a version in standard support at 0.10 × 730 = $73", () => {
            const cluster = planResource(EKS, "cluster", { version: "1.35", skipDefaultNodeGroup: true }, { custom: false });
            const lines = price(cluster, [cluster]);
            near(sum(lines), 0.1 * 730);
            near(sum(lines), 73);
        });
        it("prices extended support at 0.60 × 730 when the version is past standard support on the table's date", () => {
            const cluster = planResource(EKS, "cluster", { version: "1.30", skipDefaultNodeGroup: true }, { custom: false });
            const lines = price(cluster, [cluster], {}, "2026-01-01");
            assert.strictEqual(lines[0].price, "eks.cluster.extendedHour");
            near(sum(lines), 0.6 * 730);
        });
        it("prices eks:index:Cluster's default node group when not skipped: 2 t3.medium on-demand with public IPv4, as @pulumi/eks creates it", () => {
            const cluster = planResource(EKS, "cluster", { version: "1.35" }, { custom: false });
            const lines = price(cluster, [cluster]);
            near(of(lines, "instance.t3.medium")[0].monthly, 2 * 730 * 0.0416);
            near(of(lines, "ipv4.hour")[0].monthly, 2 * 730 * 0.005);
            // On AL2023 (the default OS) the root volume is the AMI's: not priced, and the note says so.
            assert.match(of(lines, "instance.t3.medium")[0].note ?? "", /root volume from the AMI/);
            near(sum(lines), 0.1 * 730 + 2 * 730 * 0.0416 + 2 * 730 * 0.005);
        });
        it("prices the default node group from nodeGroupOptions: 3 Spot m7g.large, 50 GiB gp3 roots, no public IPv4", () => {
            const nodeGroupOptions = {
                instanceType: "m7g.large",
                desiredCapacity: 3,
                spotPrice: "0.05",
                nodeRootVolumeSize: 50,
                nodeRootVolumeType: "gp3",
                nodeAssociatePublicIpAddress: false,
            };
            const cluster = planResource(EKS, "cluster", { version: "1.35", nodeGroupOptions }, { custom: false });
            const lines = price(cluster, [cluster]);
            near(sum(lines), 0.1 * 730 + 3 * 730 * 0.0816 * (1 - 0.6) + 3 * 50 * 0.08);
            assert.deepStrictEqual(of(lines, "ipv4.hour"), []);
        });
        it("prices an AL2 default node group's 20 GiB gp2 root volumes", () => {
            const cluster = planResource(EKS, "cluster", { version: "1.35", nodeGroupOptions: { operatingSystem: "AL2" } }, { custom: false });
            near(sum(of(price(cluster, [cluster]), "ebs.gp2.gbMonth")), 2 * 20 * 0.1);
        });
        it("prices no default node group with skipDefaultNodeGroup, fargate or Auto Mode, or when the plan shows its Auto Scaling group", () => {
            const plane = [["eks.cluster.hour"]];
            for (const inputs of [{ skipDefaultNodeGroup: true }, { fargate: true }, { autoMode: { enabled: true } }]) {
                const cluster = planResource(EKS, "cluster", { version: "1.35", ...inputs }, { custom: false });
                assert.deepStrictEqual(
                    price(cluster, [cluster]).map((l) => [l.price]),
                    plane,
                    JSON.stringify(inputs),
                );
            }
            const cluster = planResource(EKS, "cluster", { version: "1.35" }, { custom: false });
            const asg = planResource(ASG, "cluster-nodes", { desiredCapacity: 2 }, { parent: cluster });
            assert.deepStrictEqual(
                price(cluster, [cluster, asg]).map((l) => [l.price]),
                plane,
            );
        });
        it("prices the default node group of a @pulumi/eks Cluster built under the mock engine from the args it records", async function () {
            this.timeout(20000);
            const eks = await import("@pulumi/eks");
            const { registry } = await build(
                () =>
                    new eks.Cluster("k8s", {
                        vpcId: "vpc-0123456789abcdef0",
                        privateSubnetIds: ["subnet-a", "subnet-b"],
                        version: "1.35",
                        instanceType: "t3.large",
                        desiredCapacity: 3,
                        nodeAssociatePublicIpAddress: false,
                    }),
            );
            const estimate = estimateCost(fromRecords(registry.all()), { load: IDLE_LOAD });
            const cluster = estimate.resources.find((r) => r.type === EKS)!;
            near(sum(cluster.lines), 0.1 * 730 + 3 * 730 * 0.0832);
        });
        it("does not price an aws:eks/cluster:Cluster twice when it sits under the eks:index:Cluster component", () => {
            const component = planResource(EKS, "cluster", { version: "1.35" }, { custom: false });
            const inner = planResource(EKS_CLUSTER, "cluster-eksCluster", { version: "1.35" }, { parent: component });
            const alone = planResource(EKS_CLUSTER, "other", { version: "1.35" });
            assert.deepStrictEqual(price(inner, [component, inner, alone]), []);
            near(sum(price(alone, [component, inner, alone])), 0.1 * 730);
        });
        it("prices a Fargate profile's pods: 2 replicas requesting 250m / 512Mi run as 0.25 vCPU / 1 GB (512 MiB + 256 MiB rounded up)", () => {
            const profile = planResource(PROFILE, "profile", { selectors: [{ namespace: "batch" }] });
            const containers = [{ name: "job", resources: { requests: { cpu: "250m", memory: "512Mi" } } }];
            const inProfile = planResource("kubernetes:apps/v1:Deployment", "jobs", {
                metadata: { namespace: "batch" },
                spec: { replicas: 2, template: { spec: { containers } } },
            });
            const elsewhere = planResource("kubernetes:apps/v1:Deployment", "web", {
                metadata: { namespace: "apps" },
                spec: { replicas: 5, template: { spec: { containers } } },
            });
            near(sum(price(profile, [profile, inProfile, elsewhere])), 2 * 0.25 * 730 * 0.04048 + 2 * 1 * 730 * 0.004445);
        });
        it("prices a Fargate profile no workload of the plan runs in at $0 with a note", () => {
            const profile = planResource(PROFILE, "profile", { selectors: [{ namespace: "batch" }] });
            const lines = price(profile, [profile]);
            assert.strictEqual(sum(lines), 0);
            assert.match(lines[0].note ?? "", /no Deployment or StatefulSet/);
        });
        it("rounds pod requests up to Fargate's vCPU/memory combinations", () => {
            assert.deepStrictEqual(fargatePodSize(0.1, 0.125), { vcpu: 0.25, gb: 0.5 });
            assert.deepStrictEqual(fargatePodSize(0.25, 1.9), { vcpu: 0.5, gb: 3 });
            assert.deepStrictEqual(fargatePodSize(1.5, 2), { vcpu: 2, gb: 4 });
            assert.strictEqual(k8sCpu("100m"), 0.1);
            assert.strictEqual(k8sMemoryGiB("512Mi"), 0.5);
            assert.strictEqual(k8sMemoryGiB("1G"), 1e9 / 2 ** 30);
        });
    });

    describe("StatefulSet volumes", () => {
        const SET = "kubernetes:apps/v1:StatefulSet";
        const SC = "kubernetes:storage.k8s.io/v1:StorageClass";
        function statefulSet(storageClassName: string | undefined, replicas = 3, storage = "20Gi") {
            return planResource(SET, "redis", {
                spec: {
                    replicas,
                    volumeClaimTemplates: [
                        { metadata: { name: "data" }, spec: { resources: { requests: { storage } }, ...(storageClassName ? { storageClassName } : {}) } },
                    ],
                },
            });
        }
        const storageClass = (name: string, provisioner: string, parameters: Record<string, string> = {}, isDefault = false) =>
            planResource(SC, `sc-${name}`, {
                metadata: { name, ...(isDefault ? { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } } : {}) },
                provisioner,
                parameters,
            });
        it("prices each replica's claim as an EBS volume of its StorageClass's type, paid unused: 3 × 20 GiB gp3 = 60 × 0.08", () => {
            const set = statefulSet("gp3");
            const lines = price(set, [storageClass("gp3", "ebs.csi.aws.com", { type: "gp3" }), set]);
            assert.deepStrictEqual(
                lines.map((l) => [l.price, l.quantity, l.usage]),
                [["ebs.gp3.gbMonth", 60, false]],
            );
            near(sum(lines), 3 * 20 * 0.08);
        });
        it("prices a claim on an io1 StorageClass at io1's storage price: 2 × 100 GiB × 0.125", () => {
            const set = statefulSet("fast", 2, "100Gi");
            near(sum(price(set, [storageClass("fast", "ebs.csi.aws.com", { type: "io1" }), set])), 2 * 100 * 0.125);
        });
        it("takes the cluster's default StorageClass for a claim without a class, and gp3 when no class is in the plan", () => {
            const set = statefulSet(undefined, 1, "10Gi");
            near(sum(price(set, [storageClass("old", "kubernetes.io/aws-ebs", {}, true), set])), 10 * 0.1);
            near(sum(price(set, [set])), 10 * 0.08);
        });
        it("leaves EFS-backed claims to the file system's price (load.storage.efsGB): 0 on the StatefulSet", () => {
            const set = statefulSet("efs");
            assert.strictEqual(sum(price(set, [storageClass("efs", "efs.csi.aws.com"), set])), 0);
        });
        it("rounds a claim up to whole GiB, as EBS volumes are: 1.5Gi is 2 GiB", () => {
            const set = statefulSet("gp3", 1, "1536Mi");
            assert.strictEqual(price(set, [set])[0].quantity, 2);
        });
    });

    describe("NAT instance", () => {
        it("prices a NAT instance's ASG (launchTemplate: { id }, the instance type on the launch template) as t4g.nano hours and its root volume", () => {
            const lt = planResource(LT, "nat-lt", {
                instanceType: "t4g.nano",
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8, volumeType: "gp3" } }],
                networkInterfaces: [{ deviceIndex: 0, networkInterfaceId: "eni-1" }],
            });
            const group = planResource(
                ASG,
                "nat-group",
                { desiredCapacity: 1, minSize: 1, maxSize: 1, launchTemplate: { id: "lt-1", version: "1" } },
                { deps: { launchTemplate: [lt] } },
            );
            const lines = price(group, [lt, group]);
            near(of(lines, "instance.t4g.nano")[0].monthly, 1 * 730 * 0.0042);
            near(of(lines, "ebs.gp3.gbMonth")[0].monthly, 8 * 0.08);
            assert.strictEqual(of(lines, "ipv4.hour").length, 0, "the address is the Elastic IP's, priced on the Eip");
        });
        it("knows the NAT instance's network interface to be free (its address is priced on the Elastic IP)", () => {
            assert.ok(NETWORK_FREE_TYPES.includes("aws:ec2/networkInterface:NetworkInterface"));
        });
    });

    describe("storage", () => {
        it("splits load.storage.efsGB over the plan's file systems: 100 GB over 2 → 50 × 0.30", () => {
            const a = planResource("aws:efs/fileSystem:FileSystem", "a");
            const b = planResource("aws:efs/fileSystem:FileSystem", "b");
            const lines = price(a, [a, b], { storage: { ...ZERO_LOAD.storage, efsGB: 100 } });
            near(sum(lines), 50 * 0.3);
            assert.strictEqual(lines[0].usage, true);
            assert.strictEqual(sum(price(a, [a, b])), 0);
        });
        it("prices ECR storage from load.storage.ecrGB: 10 GB × 0.10", () => {
            const repo = planResource("aws:ecr/repository:Repository", "repo");
            near(sum(price(repo, [repo], { storage: { ...ZERO_LOAD.storage, ecrGB: 10 } })), 10 * 0.1);
        });
    });

    describe("the prod plan", () => {
        /** Types of this part's area: VPC, EC2, load balancing, ECS, EKS, EFS, ECR. Flow logs are priced as CloudWatch Logs (ops). */
        const AREA =
            /^(aws:ec2\/|aws:vpc\/|aws:lb\/|aws:alb\/|aws:ecs\/|aws:autoscaling\/|aws:appautoscaling\/|aws:eks\/|eks:index:|aws:efs\/|aws:ecr\/|aws:servicediscovery\/|aws:iam\/instanceProfile:)/;
        const PRICERS = { ...NETWORK_PRICERS, ...COMPUTE_PRICERS };
        // The ops group prices ECS clusters (Container Insights) and EFS backup policies (AWS Backup storage).
        const FREE = new Set([...NETWORK_FREE_TYPES, ...COMPUTE_FREE_TYPES, "aws:ec2/flowLog:FlowLog", ...Object.keys(OPS_PRICERS)]);
        let resources: PlanResource[] = [];
        before(async () => {
            const { result } = await stackPlan("prod");
            resources = result.plan.steps.map((step) => {
                const s = step.newState as any;
                return {
                    urn: s.urn,
                    type: s.type,
                    name: s.urn.split("::").pop(),
                    parent: s.parent,
                    custom: s.custom,
                    inputs: s.inputs ?? {},
                    propertyDependencies: s.propertyDependencies,
                };
            });
        });
        it("prices or knows as free every resource type of this area in the prod plan", () => {
            const types = [...new Set(resources.map((r) => r.type))].filter((t) => AREA.test(t));
            assert.ok(types.length > 20, `only ${types.length} types of this area in the plan`);
            assert.deepStrictEqual(
                types.filter((t) => !Object.hasOwn(PRICERS, t) && !FREE.has(t)),
                [],
            );
        });
        it("prices every resource of the prod plan this part has a pricer for with finite, non-negative lines, at idle and under load", () => {
            const load: Partial<LoadProfile> = {
                loadBalancers: { requestsPerMonth: 10_000_000, processedGB: 200 },
                nat: { processedGB: 300 },
                storage: { ...ZERO_LOAD.storage, efsGB: 50, ecrGB: 5 },
            };
            for (const profile of [{}, load]) {
                const ctx = testContext(resources, profile, PRICES);
                for (const r of resources.filter((x) => Object.hasOwn(PRICERS, x.type))) {
                    for (const l of PRICERS[r.type](r, ctx)) {
                        assert.ok(Number.isFinite(l.monthly) && l.monthly >= 0, `${r.type} ${r.name}: ${l.item} = ${l.monthly}`);
                        assert.ok(Object.hasOwn(PRICES, l.price) || l.price.startsWith("instance."), `${r.name}: unknown price key ${l.price}`);
                    }
                }
            }
        });
        it("prices prod's three NAT gateways with their Elastic IPs and its EKS control plane at their hourly list prices when idle", () => {
            const ctx = testContext(resources, {}, PRICES);
            const total = (type: string) => resources.filter((r) => r.type === type).reduce((s, r) => s + sum(PRICERS[type](r, ctx)), 0);
            near(total("aws:ec2/natGateway:NatGateway"), 3 * 0.045 * 730);
            near(total("aws:ec2/eip:Eip"), 3 * 0.005 * 730);
            near(total("eks:index:Cluster"), 0.1 * 730);
        });
    });
});
