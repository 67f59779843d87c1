import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import type { ContainerServiceArgs } from "../../../components/container-service/args";
import { validate } from "../../../components/container-service/validate";
import { buildFails } from "../../../components/testing";
import { IMAGE, web, withArgs, render } from "./fixtures";

interface Case {
    title: string;
    args: ContainerServiceArgs;
    /** Path of the issue the case is about. */
    path: string;
    /** Matched against "<message>; allowed: <allowed>". */
    message: RegExp;
}

const FIREHOSE = { Name: "kinesis_firehose", delivery_stream: "app-logs" };
const routed = (mutate: (a: ContainerServiceArgs) => void = () => {}) =>
    withArgs((a) => {
        web(a).containers.web.logging = { driver: "awsfirelens", options: { ...FIREHOSE } };
        web(a).logRouter = {};
        mutate(a);
    });
const ec2 = (a: ContainerServiceArgs) => {
    a.ec2Capacity = { instanceTypes: ["m7i.large"], awsvpcTrunking: true };
    Object.assign(web(a), { capacity: "ec2" });
};

const cases: Case[] = [
    {
        title: "rejects an ARM64 task on Fargate Spot (Fargate Spot runs X86_64 tasks only)",
        args: withArgs((a) => {
            Object.assign(web(a), { capacity: "fargate-spot", cpuArchitecture: "ARM64" });
        }),
        path: "services.web.cpuArchitecture",
        message: /cannot run on Fargate Spot, which runs X86_64 Linux tasks only; allowed: capacity "fargate" for ARM64/,
    },
    {
        title: "rejects awsfirelens without a log router",
        args: routed((a) => void delete web(a).logRouter),
        path: "services.web.containers.web.logging.driver",
        message: /needs the task's logRouter/,
    },
    {
        title: "rejects a log router that routes no container",
        args: withArgs((a) => {
            web(a).logRouter = {};
        }),
        path: "services.web.logRouter",
        message: /routes no container's logs/,
    },
    {
        title: "rejects awsfirelens without options",
        args: routed((a) => {
            web(a).containers.web.logging = { driver: "awsfirelens" } as any;
        }),
        path: "services.web.containers.web.logging.options",
        message: /is missing/,
    },
    {
        title: "rejects options with the awslogs driver",
        args: withArgs((a) => {
            web(a).containers.web.logging = { driver: "awslogs", options: FIREHOSE } as any;
        }),
        path: "services.web.containers.web.logging.options",
        message: /only used with driver "awsfirelens"/,
    },
    {
        title: "rejects an unknown log driver",
        args: withArgs((a) => {
            web(a).containers.web.logging = { driver: "splunk" } as any;
        }),
        path: "services.web.containers.web.logging.driver",
        message: /awslogs/,
    },
    {
        title: "rejects FireLens options without an output Name (and no configuration file)",
        args: routed((a) => {
            web(a).containers.web.logging = { driver: "awsfirelens", options: { region: "us-east-1" } };
        }),
        path: "services.web.containers.web.logging.options.Name",
        message: /Fluent Bit needs an output/,
    },
    {
        title: "rejects a kinesis_firehose output without its delivery stream",
        args: routed((a) => {
            web(a).containers.web.logging = { driver: "awsfirelens", options: { Name: "kinesis_firehose" } };
        }),
        path: "services.web.containers.web.logging.options.delivery_stream",
        message: /has no destination/,
    },
    {
        title: "rejects a container named log_router beside the router",
        args: routed((a) => {
            web(a).containers.log_router = { image: IMAGE, essential: false };
        }),
        path: "services.web.containers.log_router",
        message: /FireLens router container/,
    },
    {
        title: "rejects waiting for the router to be HEALTHY (it has no health check)",
        args: routed((a) => {
            web(a).containers.web.dependsOn = { log_router: "HEALTHY" };
        }),
        path: "services.web.containers.web.dependsOn.log_router",
        message: /can only be waited for to start/,
    },
    {
        title: "rejects a router image with a moving tag",
        args: routed((a) => {
            web(a).logRouter = { image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable" };
        }),
        path: "services.web.logRouter.image",
        message: /moving tag/,
    },
    {
        title: "rejects a router image without a tag",
        args: routed((a) => {
            web(a).logRouter = { image: "public.ecr.aws/aws-observability/aws-for-fluent-bit" };
        }),
        path: "services.web.logRouter.image",
        message: /no tag or digest/,
    },
    {
        title: "rejects a relative router configuration file",
        args: routed((a) => {
            web(a).logRouter = { configFilePath: "extra.conf" };
        }),
        path: "services.web.logRouter.configFilePath",
        message: /absolute path/,
    },
    {
        title: "counts the router's memory reservation in the task's memory",
        args: routed((a) => {
            web(a).containers.web.memoryMiB = 480;
        }),
        path: "services.web.containers",
        message: /reserve more memory than the task has \(512 MiB\)/,
    },
    {
        title: "rejects a host path on Fargate",
        args: withArgs((a) => {
            web(a).bindMounts = { sock: { containerPath: "/var/run/docker.sock", hostPath: "/var/run/docker.sock" } };
        }),
        path: "services.web.bindMounts.sock.hostPath",
        message: /not available on fargate/,
    },
    {
        title: "rejects a relative bind mount path",
        args: withArgs((a) => {
            web(a).bindMounts = { tmp: { containerPath: "tmp" } };
        }),
        path: "services.web.bindMounts.tmp.containerPath",
        message: /absolute path/,
    },
    {
        title: "rejects a bind mount for a container the task does not have",
        args: withArgs((a) => {
            web(a).bindMounts = { tmp: { containerPath: "/tmp", containers: ["api"] } };
        }),
        path: "services.web.bindMounts.tmp.containers",
        message: /names no container/,
    },
    {
        title: "rejects a bind mount named like an EFS volume of the task",
        args: withArgs((a) => {
            a.fileSystems = { data: {} };
            web(a).volumes = { files: { fileSystem: "data", containerPath: "/data" } };
            web(a).bindMounts = { files: { containerPath: "/tmp" } };
        }),
        path: "services.web.bindMounts.files",
        message: /also the name of an EFS volume/,
    },
    {
        title: "rejects ephemeral storage above Fargate's 200 GiB",
        args: withArgs((a) => {
            web(a).ephemeralStorageGiB = 300;
        }),
        path: "services.web.ephemeralStorageGiB",
        message: /200/,
    },
    {
        title: "rejects ephemeral storage at Fargate's included 20 GiB (the minimum is 21)",
        args: withArgs((a) => {
            web(a).ephemeralStorageGiB = 20;
        }),
        path: "services.web.ephemeralStorageGiB",
        message: /21/,
    },
    {
        title: "rejects ephemeral storage on a Fargate platform before 1.4.0",
        args: withArgs((a) => {
            web(a).platformVersion = "1.3.0";
            web(a).ephemeralStorageGiB = 50;
        }),
        path: "services.web.platformVersion",
        message: /does not support ephemeralStorageGiB/,
    },
    ...(
        [
            ["the Docker socket, even read-only", "/var/run/docker.sock", true, /control of the instance/],
            ["the instance's root", "/", true, /control of the instance/],
            ["the ECS agent's data", "/var/lib/ecs/data", true, /control of the instance/],
            ["/proc read-write", "/proc", false, /readOnly: true/],
            ["/etc read-write, however written", "//etc/", undefined, /readOnly: true/],
        ] as const
    ).map(
        ([what, hostPath, readOnly, message]): Case => ({
            title: `rejects a host path to ${what}`,
            args: withArgs((a) => {
                ec2(a);
                web(a).bindMounts = { host: { containerPath: "/host", hostPath, ...(readOnly !== undefined ? { readOnly } : {}) } };
            }),
            path: "services.web.bindMounts.host.hostPath",
            message,
        }),
    ),
    {
        title: "rejects FireLens secretOptions that are not Secrets Manager or SSM ARNs",
        args: routed((a) => {
            web(a).containers.web.logging = { driver: "awsfirelens", options: { ...FIREHOSE }, secretOptions: { apikey: "plain-key" } };
        }),
        path: "services.web.containers.web.logging.secretOptions.apikey",
        message: /Secrets Manager secret ARN/,
    },
    {
        title: "rejects a FireLens option given both plainly and as a secret",
        args: routed((a) => {
            web(a).containers.web.logging = {
                driver: "awsfirelens",
                options: { ...FIREHOSE, apikey: "x" },
                secretOptions: { apikey: "arn:aws:ssm:us-east-1:123456789012:parameter/k" },
            };
        }),
        path: "services.web.containers.web.logging.secretOptions.apikey",
        message: /also a plain option/,
    },
    {
        title: "rejects ephemeral storage on EC2",
        args: withArgs((a) => {
            ec2(a);
            web(a).ephemeralStorageGiB = 30;
        }),
        path: "services.web.ephemeralStorageGiB",
        message: /Fargate setting/,
    },
    {
        title: "rejects an EBS volume above gp3's 16384 GiB",
        args: withArgs((a) => {
            web(a).ebsVolume = { containerPath: "/data", sizeGiB: 20000 };
        }),
        path: "services.web.ebsVolume.sizeGiB",
        message: /16384/,
    },
    {
        title: "rejects gp3 IOPS below the 3000 baseline",
        args: withArgs((a) => {
            web(a).ebsVolume = { containerPath: "/data", iops: 1000 };
        }),
        path: "services.web.ebsVolume.iops",
        message: /3000/,
    },
    {
        title: "rejects more than 500 IOPS per GiB",
        args: withArgs((a) => {
            web(a).ebsVolume = { containerPath: "/data", sizeGiB: 10, iops: 6000 };
        }),
        path: "services.web.ebsVolume.iops",
        message: /500 IOPS per GiB.*at most 5000/,
    },
    {
        title: "rejects throughput above a quarter of the baseline IOPS",
        args: withArgs((a) => {
            web(a).ebsVolume = { containerPath: "/data", throughputMiBps: 1000 };
        }),
        path: "services.web.ebsVolume.throughputMiBps",
        message: /0\.25 MiB\/s per IOPS \(3000 IOPS\); allowed: at most 750/,
    },
    {
        title: "rejects throughput above 1000 MiB/s",
        args: withArgs((a) => {
            web(a).ebsVolume = { containerPath: "/data", iops: 16000, sizeGiB: 100, throughputMiBps: 2000 };
        }),
        path: "services.web.ebsVolume.throughputMiBps",
        message: /1000/,
    },
    {
        title: "rejects an unknown file system type",
        args: withArgs((a) => {
            web(a).ebsVolume = { containerPath: "/data", fileSystemType: "btrfs" as any };
        }),
        path: "services.web.ebsVolume.fileSystemType",
        message: /xfs/,
    },
    {
        title: "rejects a KMS alias instead of a key ARN",
        args: withArgs((a) => {
            web(a).ebsVolume = { containerPath: "/data", kmsKeyArn: "alias/aws/ebs" };
        }),
        path: "services.web.ebsVolume.kmsKeyArn",
        message: /key/,
    },
    {
        title: "rejects an EBS volume named like a bind mount",
        args: withArgs((a) => {
            web(a).bindMounts = { data: { containerPath: "/tmp" } };
            web(a).ebsVolume = { containerPath: "/data", name: "data" };
        }),
        path: "services.web.ebsVolume.name",
        message: /another volume of the task/,
    },
    {
        title: "rejects an EBS volume on a Fargate platform before 1.4.0",
        args: withArgs((a) => {
            web(a).platformVersion = "1.3.0";
            web(a).ebsVolume = { containerPath: "/data" };
        }),
        path: "services.web.platformVersion",
        message: /does not support EBS volumes/,
    },
    {
        title: "rejects ebsVolume on a scheduled task (Scheduler cannot configure it at launch)",
        args: withArgs((a) => {
            a.scheduledTasks = { job: { containers: { job: { image: IMAGE } }, schedule: "rate(1 hour)", ebsVolume: { containerPath: "/d" } } as any };
        }),
        path: "scheduledTasks.job.ebsVolume",
        message: /not a known argument/,
    },
    {
        title: "rejects a taskCount above 10",
        args: withArgs((a) => {
            a.scheduledTasks = { job: { containers: { job: { image: IMAGE } }, schedule: "rate(1 hour)", taskCount: 11 } };
        }),
        path: "scheduledTasks.job.taskCount",
        message: /10/,
    },
    {
        title: "rejects a taskCount of 0",
        args: withArgs((a) => {
            a.scheduledTasks = { job: { containers: { job: { image: IMAGE } }, schedule: "rate(1 hour)", taskCount: 0 } };
        }),
        path: "scheduledTasks.job.taskCount",
        message: /1/,
    },
    {
        title: "applies the task rules to standalone tasks",
        args: withArgs((a) => {
            a.tasks = { migrate: { containers: { migrate: { image: IMAGE } }, cpu: 384 } };
        }),
        path: "tasks.migrate.cpu",
        message: /Fargate CPU size/,
    },
    {
        title: "rejects a standalone task with no container",
        args: withArgs((a) => {
            a.tasks = { migrate: { containers: {} } };
        }),
        path: "tasks.migrate.containers",
        message: /is empty/,
    },
    {
        title: "checks standalone tasks' images against endpoint-only egress",
        args: withArgs((a) => {
            a.vpc.egress = "endpoints";
            a.vpc.interfaceEndpoints = ["ecr.api", "ecr.dkr", "logs"];
            web(a).containers.web.image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1";
            a.tasks = { migrate: { containers: { migrate: { image: IMAGE } } } };
        }),
        path: "tasks.migrate.containers.migrate.image",
        message: /cannot be pulled through VPC endpoints/,
    },
    {
        title: "refuses the default FireLens router image (ECR Public) behind endpoint-only egress",
        args: routed((a) => {
            a.vpc.egress = "endpoints";
            a.vpc.interfaceEndpoints = ["ecr.api", "ecr.dkr", "logs"];
            web(a).containers.web.image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1";
        }),
        path: "services.web.logRouter.image",
        message: /cannot be pulled through VPC endpoints/,
    },
];

describe("ContainerService tasks validation", () => {
    for (const c of cases) {
        it(c.title, () => {
            const issues = validate(c.args);
            const found = issues.filter((i) => i.path === c.path);
            assert.ok(found.length > 0, `no issue at ${c.path}; got:\n${issues.map((i) => `${i.path}: ${render(i)}`).join("\n")}`);
            assert.ok(
                found.some((i) => c.message.test(render(i))),
                `${c.path}: ${found.map(render).join(" | ")} does not match ${c.message}`,
            );
        });
    }

    it("accepts an ARM64 task on regular Fargate, and refuses one whose strategy includes FARGATE_SPOT before creating anything", async () => {
        const arm = (capacity: object) => withArgs((a) => void Object.assign(web(a), { cpuArchitecture: "ARM64", ...capacity }));
        assert.deepEqual(
            validate(arm({ capacity: "fargate" })).filter((i) => i.path.endsWith("cpuArchitecture")),
            [],
        );
        const strategy = arm({
            capacityProviderStrategy: [
                { provider: "FARGATE", base: 1, weight: 1 },
                { provider: "FARGATE_SPOT", base: 0, weight: 1 },
            ],
        });
        const { error, registry } = await buildFails(() => new ContainerService("shop", strategy));
        assert.match(error.message, /services\.web\.cpuArchitecture="ARM64" cannot run on Fargate Spot/);
        assert.equal(registry.size, 0);
    });

    it("accepts FireLens, bind mounts, an EBS volume, a standalone task and a taskCount together", () => {
        const a = routed((x) => {
            web(x).bindMounts = { tmp: { containerPath: "/tmp" } };
            web(x).ephemeralStorageGiB = 40;
            web(x).ebsVolume = { containerPath: "/data", sizeGiB: 100, iops: 6000, throughputMiBps: 500 };
            x.scheduledTasks = { job: { containers: { job: { image: IMAGE } }, schedule: "rate(1 hour)", taskCount: 10 } };
            x.tasks = { migrate: { containers: { migrate: { image: IMAGE } } } };
        });
        assert.deepEqual(validate(a), []);
    });

    it("accepts a container waiting for the router to START, as FireLens does by default", () => {
        const a = routed((x) => {
            web(x).containers.side = { image: IMAGE, essential: false, dependsOn: { log_router: "START" } };
        });
        assert.deepEqual(validate(a), []);
    });

    it("accepts a host path on EC2, and a system tree mounted read-only", () => {
        const a = withArgs((x) => {
            ec2(x);
            web(x).bindMounts = {
                cache: { containerPath: "/cache", hostPath: "/var/cache/app" },
                proc: { containerPath: "/host/proc", hostPath: "/proc", readOnly: true },
            };
        });
        assert.deepEqual(validate(a), []);
    });

    it("accepts FireLens secretOptions from Secrets Manager and SSM", () => {
        const a = routed((x) => {
            web(x).containers.web.logging = {
                driver: "awsfirelens",
                options: { ...FIREHOSE },
                secretOptions: {
                    apikey: "arn:aws:secretsmanager:us-east-1:123456789012:secret:k-AbCdEf",
                    Header: "arn:aws:ssm:us-east-1:123456789012:parameter/h",
                },
            };
        });
        assert.deepEqual(validate(a), []);
    });

    it("refuses a Docker socket host path and a platform too old for ephemeral storage before registering anything", async () => {
        const { error, registry } = await buildFails(
            () =>
                new ContainerService(
                    "shop",
                    withArgs((a) => {
                        web(a).platformVersion = "1.3.0";
                        web(a).ephemeralStorageGiB = 50;
                        a.scheduledTasks = {
                            job: {
                                containers: { job: { image: IMAGE } },
                                schedule: "rate(1 hour)",
                                capacity: "ec2",
                                bindMounts: { sock: { containerPath: "/var/run/docker.sock", hostPath: "/var/run/docker.sock", readOnly: true } },
                            },
                        };
                        a.ec2Capacity = { instanceTypes: ["m7i.large"], awsvpcTrunking: true };
                    }),
                ),
        );
        assert.equal(error.name, "ArgsError");
        assert.equal(registry.size, 0);
        assert.match(error.message, /services\.web\.platformVersion/);
        assert.match(error.message, /scheduledTasks\.job\.bindMounts\.sock\.hostPath/);
    });

    it("refuses bad values of every new option at once, before registering anything", async () => {
        const { error, registry } = await buildFails(
            () =>
                new ContainerService(
                    "shop",
                    routed((a) => {
                        web(a).logRouter = { image: "fluent-bit:latest" };
                        web(a).bindMounts = { tmp: { containerPath: "tmp" } };
                        web(a).ebsVolume = { containerPath: "/data", sizeGiB: 0 };
                        a.scheduledTasks = { job: { containers: { job: { image: IMAGE } }, schedule: "rate(1 hour)", taskCount: 20 } };
                        a.tasks = { migrate: { containers: { migrate: { image: IMAGE } }, memoryMiB: 3 } };
                    }),
                ),
        );
        assert.equal(error.name, "ArgsError");
        assert.equal(registry.size, 0);
        for (const path of [
            "services.web.logRouter.image",
            "services.web.bindMounts.tmp.containerPath",
            "services.web.ebsVolume.sizeGiB",
            "scheduledTasks.job.taskCount",
            "tasks.migrate.memoryMiB",
        ])
            assert.ok(error.message.includes(path), `${path} in ${error.message}`);
    });
});
