/**
 * Physical names that always fit: `fitName` (components/shared/naming.ts) against the provider's
 * rules (components/shared/limits/names.ts), today's stack names, and ContainerServices rebuilt with
 * the names peers' examples use.
 */
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as fc from "fast-check";
import { ContainerService, Network } from "../../components";
import { Issues } from "../../components/shared/errors";
import type { ContainerServiceArgs } from "../../components/container-service/args";
import { NAME_RULES } from "../../components/shared/limits/names";
import { fitName, nameProblems, providerAutoName } from "../../components/shared/naming";
import { RecordedResource, build } from "../../components/testing";
import { physicalName } from "../../components/testing/fixtures";

const TG = "aws:lb/targetGroup:TargetGroup";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const REPO = "aws:ecr/repository:Repository";
const CAPACITY = "aws:ecs/capacityProvider:CapacityProvider";
const FAMILY = "aws:ecs/taskDefinition:TaskDefinition";

/** Whether pulumi-aws accepts `logical` as an auto-named resource's logical name (or `value` as given). */
function accepted(type: string, name: string, explicit = false): boolean {
    try {
        const value = explicit || NAME_RULES[type].autoNameMax === undefined ? name : providerAutoName(type, name, "abcdef0");
        return nameProblems(type, value).length === 0;
    } catch {
        return false;
    }
}

describe("fitName", () => {
    it("returns every limited name of today's dev and prod stacks unchanged, so an upgrade replaces nothing", () => {
        const dir = path.join(__dirname, "..", "stacks");
        const lines = ["dev", "prod"].flatMap((s) =>
            fs
                .readFileSync(path.join(dir, `${s}.inventory.txt`), "utf8")
                .split("\n")
                .filter(Boolean),
        );
        const limited = lines.map((l) => l.split("::")).filter(([type]) => NAME_RULES[type] && NAME_RULES[type].autoNameMax !== undefined);
        assert.ok(limited.length > 40, `only ${limited.length} limited names in the goldens`);
        for (const [type, name] of limited) assert.equal(fitName(name, type), name, type);
    });

    // The exact results are the contract: a change here renames (and replaces) deployed resources.
    const cases: Array<{ title: string; type: string; name: string; explicit?: boolean; fitted: string }> = [
        { title: "keeps a target group name that fits with its suffix", type: TG, name: "shop-web-tg", fitted: "shop-web-tg" },
        {
            title: "cuts a long target group name to whole words from its start and end plus a hash of the whole name",
            type: TG,
            name: "payments-platform-notification-service-tg",
            fitted: "payments-tg-1b64d8",
        },
        { title: "replaces an underscore a load balancer does not allow", type: LB, name: "orders_api-public-alb", fitted: "orders-public-alb-20ab9f" },
        { title: "keeps a load balancer name of 24 characters", type: LB, name: "payments-platform-pub-lb", fitted: "payments-platform-pub-lb" },
        {
            title: "lower-cases an ECR repository name",
            type: REPO,
            name: "QueueProcessingService-images-repo",
            fitted: "queueprocessingservice-images-repo-b141c3",
        },
        {
            title: "escapes a capacity provider name that starts with ecs",
            type: CAPACITY,
            name: "ecs-demo-ec2-capacity",
            fitted: "cp-ecs-demo-ec2-capacity-77206f",
        },
        {
            title: "escapes a capacity provider name that starts with AWS in any case",
            type: CAPACITY,
            name: "AWS-integ-ec2-capacity",
            fitted: "cp-AWS-integ-ec2-capacity-51be14",
        },
        { title: "escapes a load balancer name that starts with internal-", type: LB, name: "internal-api-alb", fitted: "lb-api-alb-49b6c6" },
        { title: "escapes a KMS alias that would land under alias/aws/", type: "aws:kms/alias:Alias", name: "aws/alarms", fitted: "key-aws/alarms-df6d90" },
        {
            title: "fits an explicit task definition family",
            type: FAMILY,
            name: "shop.web-task-1234567",
            explicit: true,
            fitted: "shop-web-task-1234567-037f07",
        },
    ];
    for (const c of cases) {
        it(c.title, () => {
            const fitted = fitName(c.name, c.type, { explicit: c.explicit });
            assert.equal(fitted, c.fitted);
            assert.ok(accepted(c.type, fitted, c.explicit), `${fitted} is refused`);
        });
    }

    it("gives two long names that differ only in the middle different results", () => {
        const a = fitName("payments-platform-notification-service-tg", TG);
        const b = fitName("payments-platform-notifications-service-tg", TG);
        assert.notEqual(a, b);
    });

    it("gives names that differ only by case different ECR names", () => {
        assert.notEqual(fitName("Shop-web-repo", REPO), fitName("shop-Web-repo", REPO));
    });

    it("accepts a resource class as well as a type token", async () => {
        const { TargetGroup } = await import("@pulumi/aws/lb");
        assert.equal(fitName("payments-platform-notification-service-tg", TargetGroup), fitName("payments-platform-notification-service-tg", TG));
    });

    it("makes any name fit every rule, and leaves a name that fits unchanged (no name is refused)", () => {
        const chars = fc.constantFrom(..."abcXYZ019-_./ :@+=,#!".split(""));
        fc.assert(
            fc.property(
                fc.constantFrom(...Object.keys(NAME_RULES)),
                fc.constantFrom("", "aws", "ECS-", "fargate", "internal-", "sg-", "aws/", "alias/aws/"),
                fc.array(chars, { minLength: 1, maxLength: 300 }),
                (type, start, cs) => {
                    const name = start + cs.join("");
                    const explicit = NAME_RULES[type].autoNameMax === undefined;
                    const fitted = fitName(name, type);
                    assert.ok(accepted(type, fitted, explicit), `${type}: ${JSON.stringify(name)} -> ${JSON.stringify(fitted)}`);
                    if (accepted(type, name, explicit)) assert.equal(fitted, name);
                    assert.equal(fitName(name, type), fitted, "stable");
                },
            ),
            { numRuns: 2000, seed: 12 },
        );
    });
});

/** A ContainerService with every named part: ALB service, queue worker, scheduled and event task, EC2 capacity, ECR, EFS, scaling. */
function everything(service: string, keys: { lb?: string; worker?: string; task?: string; repo?: string } = {}): ContainerServiceArgs {
    const image = "public.ecr.aws/nginx/nginx:1.27";
    const lb = keys.lb ?? "public";
    const repo = keys.repo ?? "images";
    return {
        vpc: {
            vpcId: "vpc-0a1b2c3d4e5f60718",
            privateSubnetIds: ["subnet-01", "subnet-02"],
            publicSubnetIds: ["subnet-03", "subnet-04"],
            cidrBlock: "10.0.0.0/16",
        },
        alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
        loadBalancers: { [lb]: { type: "application" } },
        ec2Capacity: { instanceTypes: ["m7i.large"] },
        repositories: { [repo]: {} },
        fileSystems: { shared: {} },
        services: {
            [service]: {
                containers: { web: { image: { build: { repository: repo, context: "./app" } }, portMappings: [{ containerPort: 80 }] } },
                loadBalancer: { name: lb, containerPort: 80 },
                volumes: { data: { fileSystem: "shared", containerPath: "/data" } },
                scaling: {
                    minCount: 1,
                    maxCount: 4,
                    cpuTargetPercent: 60,
                    requestsPerTarget: 500,
                    steps: {
                        latency: {
                            metric: { namespace: "App", metricName: "Latency", dimensions: { Service: service } },
                            threshold: 300,
                            steps: [{ lower: 0, change: 1 }],
                        },
                    },
                    schedules: { night: { schedule: "cron(0 20 * * ? *)", minCount: 1, maxCount: 2 } },
                },
            },
            [keys.worker ?? "worker"]: {
                containers: { worker: { image } },
                capacity: "ec2",
                networkMode: "bridge",
                queue: {},
                desiredCount: 0,
                scaling: { minCount: 0, maxCount: 4, backlogPerTask: 10 },
            },
        },
        scheduledTasks: {
            [keys.task ?? "report"]: {
                containers: { job: { image } },
                schedule: "cron(0 3 * * ? *)",
                eventPattern: { source: ["aws.s3"], "detail-type": ["Object Created"] },
            },
        },
    };
}

/** Names of peers' examples, rebuilt with our API. */
const PEERS: Array<{ title: string; component: string; args: ContainerServiceArgs }> = [
    // terraform-aws-modules/terraform-aws-ecs examples/complete: local.name = "ex-complete", service "ecsdemo-frontend".
    { title: "terraform-aws-modules' ex-complete with service ecsdemo-frontend", component: "ex-complete", args: everything("ecsdemo-frontend") },
    // AWS CDK aws-ecs-patterns integration tests: stacks "aws-ecs-integ-…", constructs "QueueProcessingService", "ScheduledFargateTask".
    {
        title: "CDK's aws-ecs-integ-scheduled-fargate-task stack with its ScheduledFargateTask",
        component: "aws-ecs-integ-scheduled-fargate-task",
        args: everything("web", { task: "scheduled-fargate-task" }),
    },
    {
        title: "CDK's QueueProcessingService construct (mixed case)",
        component: "QueueProcessingService",
        args: everything("queue-processing-service", { worker: "queue-processing-worker" }),
    },
    { title: "SST's MyService", component: "MyService", args: everything("web") },
    { title: "notification-service in a component named payments-platform", component: "payments-platform", args: everything("notification-service") },
    { title: "a component named orders_api", component: "orders_api", args: everything("api") },
    {
        title: "a 60-character service key",
        component: "shop",
        args: everything("customer-notification-preferences-synchronisation-worker-svc", {
            lb: "customer-facing-public-application-load-balancer",
            worker: "customer-notification-preferences-synchronisation-queue-worker",
            repo: "customer-notification-preferences-synchronisation-images",
        }),
    },
];

/** Builds a program, failing on any registration the mock provider refused (an unhandled rejection). */
async function buildAll(program: () => unknown) {
    const failures: unknown[] = [];
    const record = (e: unknown) => failures.push(e);
    process.on("unhandledRejection", record);
    try {
        const result = await build(program);
        await new Promise((r) => setTimeout(r, 10));
        return { ...result, failures };
    } finally {
        process.off("unhandledRejection", record);
    }
}

const physical = (r: RecordedResource) => physicalName({ type: r.type, name: r.name, urn: r.urn, inputs: r.inputs, custom: true });

describe("record keys", () => {
    it("accepts keys up to a DNS label's 63 characters, now that long names are fitted", () => {
        const issues = new Issues();
        assert.equal(issues.key("services.x", `a${"b".repeat(62)}`), true);
        assert.equal(issues.key("services.y", `a${"b".repeat(63)}`), false);
        assert.match(issues.list[0].allowed ?? "", /at most 63 characters/);
    });
});

/** Every registered child whose physical name has a limit: its name, recomputed by the mock provider, within the rule. */
function assertNamesFit(registry: { all(): RecordedResource[] }, atLeast: number) {
    const limited = registry.all().filter((r) => r.custom && NAME_RULES[r.type]);
    assert.ok(limited.length >= atLeast, `only ${limited.length} limited children`);
    for (const r of limited) {
        const rule = NAME_RULES[r.type];
        const name = physical(r);
        assert.equal(r.outputs[rule.property], name, `${r.type} ${r.name}`);
        assert.ok(name.length <= rule.max && rule.pattern.test(name.replace(/\.fifo$/, "")), `${r.type}: ${name}`);
        assert.deepEqual(nameProblems(r.type, name, r.inputs), [], `${r.type}: ${name}`);
    }
}

describe("Network physical names", () => {
    it("names its flow-log group and role within their limits for a 70-character network name", async () => {
        const { registry, failures } = await buildAll(() => new Network(`main-${"x".repeat(65)}`, { flowLogs: true }));
        assert.deepEqual(failures, []);
        assertNamesFit(registry, 2);
    });
});

describe("ContainerService physical names with peers' names", () => {
    for (const peer of PEERS) {
        it(`names every child within the provider's limits and character sets: ${peer.title}`, async () => {
            const { registry, failures } = await buildAll(() => new ContainerService(peer.component, peer.args));
            assert.deepEqual(
                failures.map((e) => String((e as Error)?.message ?? e)),
                [],
            );
            assertNamesFit(registry, 25);
        });
    }

    it("changes only the logical names that do not fit: payments-platform keeps its roles and task, fits its target group", async () => {
        const { registry } = await buildAll(() => new ContainerService("payments-platform", everything("notification-service")));
        assert.ok(registry.named("payments-platform-notification-service-task-role"));
        assert.ok(registry.named("payments-platform-notification-service-task"));
        assert.equal(registry.ofType(TG)[0].name, "payments-tg-1b64d8");
    });
});
