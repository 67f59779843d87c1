import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ContainerService } from "../../../components/container-service";
import type { ContainerArgs, ContainerServiceArgs } from "../../../components/container-service/args";
import { DEFAULTS } from "../../../components/container-service/defaults";
import { ArgsError } from "../../../components/shared/errors";
import { buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { CERT, DB_SECRET, IMAGE, baseArgs, web, webService, withArgs, assertRefusedAt, issuesOf } from "./fixtures";

interface Case {
    title: string;
    args: ContainerServiceArgs;
    /** Path of the issue the case is about (other, consequent issues may be reported too). */
    path: string;
    /** Matched against "<message>; allowed: <allowed>". */
    message: RegExp;
}

const schedTask = (schedule?: string, extra: object = {}) => ({
    containers: { job: { image: IMAGE } },
    ...(schedule !== undefined ? { schedule } : {}),
    ...extra,
});

/** The base service with a second container "side" (not essential) next to "web". */
const withSide = (mutate: (web: ContainerArgs, side: ContainerArgs) => void) =>
    withArgs((a) => {
        const side: ContainerArgs = { image: IMAGE, essential: false };
        web(a).containers.side = side;
        mutate(web(a).containers.web, side);
    });

const cases: Case[] = [
    {
        title: "rejects a dependency on a container the task does not have",
        args: withSide((w) => {
            w.dependsOn = { db: "START" };
        }),
        path: "services.web.containers.web.dependsOn.db",
        message: /names no container of the task; allowed: side/,
    },
    {
        title: "rejects a container depending on itself",
        args: withSide((w) => {
            w.dependsOn = { web: "START" };
        }),
        path: "services.web.containers.web.dependsOn.web",
        message: /names the container itself/,
    },
    {
        title: "rejects an unknown dependency condition",
        args: withSide((w) => {
            w.dependsOn = { side: "READY" as never };
        }),
        path: "services.web.containers.web.dependsOn.side",
        message: /"START", "COMPLETE", "SUCCESS", "HEALTHY"/,
    },
    {
        title: "rejects a dependency cycle between containers",
        args: withSide((w, side) => {
            w.dependsOn = { side: "START" };
            side.dependsOn = { web: "START" };
        }),
        path: "services.web.containers.web.dependsOn",
        message: /forms a dependency cycle/,
    },
    {
        title: "rejects HEALTHY on a container without a health check",
        args: withSide((w) => {
            w.dependsOn = { side: "HEALTHY" };
        }),
        path: "services.web.containers.web.dependsOn.side",
        message: /needs a health check on container "side"/,
    },
    {
        title: "rejects SUCCESS on an essential container",
        args: withSide((w, side) => {
            side.essential = true;
            w.dependsOn = { side: "SUCCESS" };
        }),
        path: "services.web.containers.web.dependsOn.side",
        message: /waits for essential container "side" to exit; allowed: essential: false/,
    },
    {
        title: "rejects more than 50 ignored exit codes in a restart policy",
        args: withSide((w) => {
            w.restartPolicy = { enabled: true, ignoredExitCodes: Array.from({ length: 51 }, (_, i) => i) };
        }),
        path: "services.web.containers.web.restartPolicy.ignoredExitCodes",
        message: /at most 50/,
    },
    {
        title: "rejects a restart attempt period under 60 seconds",
        args: withSide((w) => {
            w.restartPolicy = { enabled: true, restartAttemptPeriodSeconds: 30 };
        }),
        path: "services.web.containers.web.restartPolicy.restartAttemptPeriodSeconds",
        message: /60/,
    },
    {
        title: "rejects a restart policy without enabled",
        args: withSide((w) => {
            w.restartPolicy = { restartAttemptPeriodSeconds: 300 } as never;
        }),
        path: "services.web.containers.web.restartPolicy.enabled",
        message: /./,
    },
    {
        title: "rejects a memory reservation not below the container's hard limit",
        args: withSide((w) => {
            w.memoryMiB = 256;
            w.memoryReservationMiB = 256;
        }),
        path: "services.web.containers.web.memoryReservationMiB",
        message: /is not below the container's memoryMiB \(256\); allowed: less than 256/,
    },
    {
        title: "rejects memory reservations adding up to more than the task's memory",
        args: withSide((w, side) => {
            w.memoryReservationMiB = 300;
            side.memoryReservationMiB = 300;
        }),
        path: "services.web.containers",
        message: /reserve more memory than the task has \(512 MiB\)/,
    },
    {
        title: "rejects a memory reservation under 6 MiB",
        args: withSide((w) => {
            w.memoryReservationMiB = 4;
        }),
        path: "services.web.containers.web.memoryReservationMiB",
        message: /6/,
    },
    {
        title: "rejects an unknown Linux capability",
        args: withSide((w) => {
            w.linuxCapabilities = { drop: ["CAP_NET_RAW"] };
        }),
        path: "services.web.containers.web.linuxCapabilities.drop[0]",
        message: /NET_RAW/,
    },
    {
        title: "rejects adding a capability other than SYS_PTRACE on Fargate",
        args: withSide((w) => {
            w.linuxCapabilities = { add: ["SYS_PTRACE", "NET_ADMIN"] };
        }),
        path: "services.web.containers.web.linuxCapabilities.add[1]",
        message: /cannot be added on Fargate; allowed: "SYS_PTRACE" only/,
    },
    {
        title: "rejects volumesFrom a container the task does not have",
        args: withSide((w) => {
            w.volumesFrom = [{ sourceContainer: "data" }];
        }),
        path: "services.web.containers.web.volumesFrom[0].sourceContainer",
        message: /names no container of the task/,
    },
    {
        title: "rejects volumesFrom the container itself",
        args: withSide((w) => {
            w.volumesFrom = [{ sourceContainer: "web" }];
        }),
        path: "services.web.containers.web.volumesFrom[0].sourceContainer",
        message: /names the container itself/,
    },
    {
        title: "rejects a port mapping name with upper-case letters",
        args: withSide((w) => {
            w.portMappings = [{ containerPort: 80, name: "Http" }];
        }),
        path: "services.web.containers.web.portMappings[0].name",
        message: /lower-case/,
    },
    {
        title: "rejects a port mapping name used twice in the task",
        args: withSide((w, side) => {
            w.portMappings = [{ containerPort: 80, name: "http" }];
            side.portMappings = [{ containerPort: 9000, name: "http" }];
        }),
        path: "services.web.containers.side.portMappings[0].name",
        message: /is already the name of services\.web\.containers\.web\.portMappings\[0\]/,
    },
    {
        title: "rejects a malformed VPC id",
        args: withArgs((a) => {
            a.vpc.vpcId = "vpc_123";
        }),
        path: "vpc.vpcId",
        message: /is malformed; allowed: a VPC id/,
    },
    {
        title: "rejects an empty list of private subnets",
        args: withArgs((a) => {
            a.vpc.privateSubnetIds = [];
        }),
        path: "vpc.privateSubnetIds",
        message: /is empty/,
    },
    {
        title: "rejects a public VPC CIDR",
        args: withArgs((a) => {
            a.vpc.cidrBlock = "8.8.0.0/16";
        }),
        path: "vpc.cidrBlock",
        message: /not a private range/,
    },
    {
        title: "rejects a tag key in the reserved aws: namespace",
        args: withArgs((a) => {
            a.tags = { "aws:owner": "me" };
        }),
        path: "tags.aws:owner",
        message: /not a valid tag key/,
    },
    {
        title: "rejects a tag value over 256 characters",
        args: withArgs((a) => {
            a.tags = { team: "x".repeat(257) };
        }),
        path: "tags.team",
        message: /not a valid tag value/,
    },
    {
        title: "rejects an alarm topic that is not an SNS ARN",
        args: withArgs((a) => {
            a.alarmTopicArn = "arn:aws:sqs:us-east-1:123456789012:alarms";
        }),
        path: "alarmTopicArn",
        message: /an SNS topic ARN/,
    },
    {
        title: "rejects an unknown time zone on a scheduled task",
        args: withArgs((a) => {
            a.scheduledTasks = { job: schedTask("cron(0 3 * * ? *)", { timezone: "Mars/Olympus" }) };
        }),
        path: "scheduledTasks.job.timezone",
        message: /not an IANA time zone/,
    },
    {
        title: "rejects an unknown time zone on scheduled scaling",
        args: withArgs((a) => {
            web(a).scaling = {
                minCount: 1,
                maxCount: 2,
                schedules: { night: { schedule: "cron(0 20 * * ? *)", minCount: 0, maxCount: 1, timezone: "CET+1" } },
            };
        }),
        path: "services.web.scaling.schedules.night.timezone",
        message: /IANA/,
    },
    {
        title: "rejects an access-log bucket name S3 would refuse",
        args: withArgs((a) => {
            a.loadBalancers!.public.accessLogs = { bucket: "My_Bucket" };
        }),
        path: "loadBalancers.public.accessLogs.bucket",
        message: /an S3 bucket name/,
    },
    {
        title: "rejects a public load balancer with an empty publicSubnetIds",
        args: withArgs((a) => {
            a.vpc.publicSubnetIds = [];
        }),
        path: "loadBalancers.public.internal",
        message: /fewer than two subnets; allowed: internal: true, or vpc\.publicSubnetIds in two or more AZs/,
    },
    {
        title: "reports an EFS-incompatible platform version once for a task with two volumes",
        args: withArgs((a) => {
            a.fileSystems = { data: {} };
            a.services!.web.platformVersion = "1.3.0";
            a.services!.web.volumes = { one: { fileSystem: "data", containerPath: "/one" }, two: { fileSystem: "data", containerPath: "/two" } };
        }),
        path: "services.web.platformVersion",
        message: /does not support EFS volumes/,
    },
    {
        title: "rejects an Express Mode CPU above 4 vCPU",
        args: withArgs((a) => {
            a.expressServices = { site: { image: IMAGE, cpu: 16384, memoryMiB: 32768 } };
        }),
        path: "expressServices.site.cpu",
        message: /allowed: 256, 512, 1024, 2048, 4096/,
    },
    // ---- top level ----
    {
        title: "rejects a log retention CloudWatch does not offer (10 days)",
        args: withArgs((a) => {
            a.logRetentionDays = 10;
        }),
        path: "logRetentionDays",
        message: /is not supported; allowed: .*\b14\b/,
    },
    {
        title: "rejects an unknown Container Insights mode",
        args: withArgs((a) => {
            a.cluster = { containerInsights: "on" as any };
        }),
        path: "cluster.containerInsights",
        message: /"enabled", "enhanced", "disabled"/,
    },
    {
        title: "rejects args without a vpc",
        args: withArgs((a) => {
            delete (a as any).vpc;
        }),
        path: "vpc",
        message: /is required; allowed: \{ vpcId/,
    },
    {
        title: "rejects an upper-case service key",
        args: withArgs((a) => {
            a.services = { Web: webService() };
        }),
        path: "services.Web",
        message: /is malformed; allowed: lower-case letters/,
    },
    {
        title: "rejects an upper-case load balancer key",
        args: withArgs((a) => {
            a.loadBalancers = { Public: { type: "application" } };
            web(a).loadBalancer!.name = "Public";
        }),
        path: "loadBalancers.Public",
        message: /lower-case letters/,
    },
    {
        title: "rejects an upper-case repository key",
        args: withArgs((a) => {
            a.repositories = { Images: {} };
        }),
        path: "repositories.Images",
        message: /lower-case letters/,
    },
    {
        title: "rejects an upper-case file system key",
        args: withArgs((a) => {
            a.fileSystems = { Data: {} };
        }),
        path: "fileSystems.Data",
        message: /lower-case letters/,
    },
    {
        title: "rejects a scheduled task named like a service",
        args: withArgs((a) => {
            a.scheduledTasks = { web: schedTask("rate(1 hour)") };
        }),
        path: "scheduledTasks.web",
        message: /same name as services\.web/,
    },
    {
        title: "rejects an express service named like a service",
        args: withArgs((a) => {
            a.expressServices = { web: { image: IMAGE } };
        }),
        path: "expressServices.web",
        message: /same name as services\.web/,
    },

    // ---- Fargate sizes ----
    {
        title: "rejects a Fargate CPU/memory pair AWS does not offer, listing the valid memory",
        args: withArgs((a) => {
            web(a).cpu = 256;
            web(a).memoryMiB = 4096;
        }),
        path: "services.web.memoryMiB",
        message: /not valid with cpu=256 on Fargate; allowed: 512, 1024, 2048$/,
    },
    {
        title: "describes a long memory range by its bounds and step",
        args: withArgs((a) => {
            web(a).cpu = 1024;
            web(a).memoryMiB = 1024;
        }),
        path: "services.web.memoryMiB",
        message: /allowed: 2048 to 8192 in steps of 1024/,
    },
    {
        title: "rejects a CPU size Fargate does not offer",
        args: withArgs((a) => {
            web(a).cpu = 300;
        }),
        path: "services.web.cpu",
        message: /not a Fargate CPU size; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384/,
    },
    {
        title: "rejects EC2 task CPU below 128 units",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"] };
            web(a).capacity = "ec2";
            web(a).cpu = 64;
        }),
        path: "services.web.cpu",
        message: /from 128 to 196608 CPU units/,
    },
    {
        title: "rejects EC2 task memory above the largest instance",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"] };
            web(a).capacity = "ec2";
            web(a).memoryMiB = 1_000_000;
        }),
        path: "services.web.memoryMiB",
        message: /from 128 to 786432 MiB/,
    },
    {
        title: "rejects a malformed Fargate platform version",
        args: withArgs((a) => {
            web(a).platformVersion = "latest";
        }),
        path: "services.web.platformVersion",
        message: /not a Fargate platform version/,
    },
    {
        title: "rejects containers reserving more CPU than the task",
        args: withArgs((a) => {
            web(a).containers.web.cpu = 512;
        }),
        path: "services.web.containers",
        message: /reserve more CPU than the task has \(256\)/,
    },
    {
        title: "rejects containers reserving more memory than the task",
        args: withArgs((a) => {
            web(a).containers.web.memoryMiB = 1024;
        }),
        path: "services.web.containers",
        message: /reserve more memory than the task has \(512 MiB\)/,
    },

    // ---- containers ----
    {
        title: "rejects container port 0",
        args: withArgs((a) => {
            web(a).containers.web.portMappings = [{ containerPort: 0 }];
        }),
        path: "services.web.containers.web.portMappings[0].containerPort",
        message: /out of range; allowed: an integer from 1 to 65535/,
    },
    {
        title: "rejects container port 70000",
        args: withArgs((a) => {
            web(a).containers.web.portMappings = [{ containerPort: 70000 }];
        }),
        path: "services.web.containers.web.portMappings[0].containerPort",
        message: /from 1 to 65535/,
    },
    {
        title: "rejects a port protocol other than tcp and udp",
        args: withArgs((a) => {
            web(a).containers.web.portMappings = [{ containerPort: 80, protocol: "http" as any }];
        }),
        path: "services.web.containers.web.portMappings[0].protocol",
        message: /"tcp", "udp"/,
    },
    {
        title: "rejects a service without containers",
        args: withArgs((a) => {
            web(a).containers = {};
            delete web(a).loadBalancer;
            delete a.loadBalancers;
        }),
        path: "services.web.containers",
        message: /is empty; allowed: at least one container/,
    },
    {
        title: "rejects a container without an image",
        args: withArgs((a) => {
            web(a).containers.web.image = "";
        }),
        path: "services.web.containers.web.image",
        message: /is required; allowed: an image URI/,
    },
    {
        title: "rejects an image URI with white space",
        args: withArgs((a) => {
            web(a).containers.web.image = "nginx latest";
        }),
        path: "services.web.containers.web.image",
        message: /contains white space/,
    },
    {
        title: "rejects an invalid container name",
        args: withArgs((a) => {
            web(a).containers = { "my web": { image: IMAGE } };
            delete web(a).loadBalancer;
            delete a.loadBalancers;
        }),
        path: "services.web.containers.my web",
        message: /not a valid container name/,
    },
    {
        title: "rejects container memory below 6 MiB",
        args: withArgs((a) => {
            web(a).containers.web.memoryMiB = 4;
        }),
        path: "services.web.containers.web.memoryMiB",
        message: /from 6 to 786432 MiB/,
    },
    {
        title: "rejects negative container CPU",
        args: withArgs((a) => {
            web(a).containers.web.cpu = -1;
        }),
        path: "services.web.containers.web.cpu",
        message: /from 0 to 196608/,
    },
    {
        title: "rejects a container health check interval of 1 second",
        args: withArgs((a) => {
            web(a).containers.web.healthCheck = { command: ["CMD-SHELL", "true"], intervalSeconds: 1 };
        }),
        path: "services.web.containers.web.healthCheck.intervalSeconds",
        message: /from 5 to 300 seconds/,
    },
    {
        title: "rejects 11 container health check retries",
        args: withArgs((a) => {
            web(a).containers.web.healthCheck = { command: ["CMD-SHELL", "true"], retries: 11 };
        }),
        path: "services.web.containers.web.healthCheck.retries",
        message: /from 1 to 10/,
    },
    {
        title: "rejects a container health check timeout above 60 seconds",
        args: withArgs((a) => {
            web(a).containers.web.healthCheck = { command: ["CMD-SHELL", "true"], timeoutSeconds: 61 };
        }),
        path: "services.web.containers.web.healthCheck.timeoutSeconds",
        message: /from 2 to 60 seconds/,
    },
    {
        title: "rejects a container health check start period above 300 seconds",
        args: withArgs((a) => {
            web(a).containers.web.healthCheck = { command: ["CMD-SHELL", "true"], startPeriodSeconds: 301 };
        }),
        path: "services.web.containers.web.healthCheck.startPeriodSeconds",
        message: /from 0 to 300 seconds/,
    },
    {
        title: "rejects a health check command without CMD or CMD-SHELL",
        args: withArgs((a) => {
            web(a).containers.web.healthCheck = { command: ["curl -f http://localhost/"] };
        }),
        path: "services.web.containers.web.healthCheck.command",
        message: /not an ECS health check command; allowed: \["CMD-SHELL"/,
    },
    {
        title: "rejects a secret-looking plain environment variable, pointing to secrets",
        args: withArgs((a) => {
            web(a).containers.web.environment = { DB_PASSWORD: "hunter2" };
        }),
        path: "services.web.containers.web.environment.DB_PASSWORD",
        message: /looks like a secret in plain text; allowed: secrets: \{ DB_PASSWORD:/,
    },
    {
        title: "does not echo the value of a secret-looking variable",
        args: withArgs((a) => {
            web(a).containers.web.environment = { API_KEY: "hunter2" };
        }),
        path: "services.web.containers.web.environment.API_KEY",
        message: /^(?!.*hunter2)/,
    },
    {
        title: "rejects an invalid environment variable name",
        args: withArgs((a) => {
            web(a).containers.web.environment = { "1ST": "x" };
        }),
        path: "services.web.containers.web.environment.1ST",
        message: /not a valid variable name/,
    },
    {
        title: "rejects a malformed secret ARN",
        args: withArgs((a) => {
            web(a).containers.web.secrets = { DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:1234:secret:db" };
        }),
        path: "services.web.containers.web.secrets.DB_PASSWORD",
        message: /is malformed; allowed: a Secrets Manager secret ARN or an SSM parameter ARN/,
    },
    {
        title: "rejects a variable that is both plain and secret",
        args: withArgs((a) => {
            web(a).containers.web.environment = { DB_HOST: "db" };
            web(a).containers.web.secrets = { DB_HOST: DB_SECRET };
        }),
        path: "services.web.containers.web.secrets.DB_HOST",
        message: /also a plain environment variable/,
    },
    {
        title: "rejects building an image into an unknown repository",
        args: withArgs((a) => {
            web(a).containers.web.image = { build: { repository: "nope", context: "./app" } };
        }),
        path: "services.web.containers.web.image.build.repository",
        message: /names no repository; allowed: a key of repositories \(none defined\)/,
    },
    {
        title: "rejects an image build without a context",
        args: withArgs((a) => {
            a.repositories = { images: {} };
            web(a).containers.web.image = { build: { repository: "images", context: "" } };
        }),
        path: "services.web.containers.web.image.build.context",
        message: /is required/,
    },
    {
        title: "rejects an image build platform other than linux/amd64 and linux/arm64",
        args: withArgs((a) => {
            a.repositories = { images: {} };
            web(a).containers.web.image = { build: { repository: "images", context: "./app", platform: "windows/amd64" as any } };
        }),
        path: "services.web.containers.web.image.build.platform",
        message: /"linux\/amd64", "linux\/arm64"/,
    },

    // ---- task-level ----
    {
        title: "rejects an unknown capacity",
        args: withArgs((a) => {
            web(a).capacity = "lambda" as any;
        }),
        path: "services.web.capacity",
        message: /"fargate", "fargate-spot", "ec2"/,
    },
    {
        title: "rejects an unknown network mode",
        args: withArgs((a) => {
            web(a).networkMode = "host" as any;
        }),
        path: "services.web.networkMode",
        message: /"awsvpc", "bridge"/,
    },
    {
        title: "rejects an unknown CPU architecture",
        args: withArgs((a) => {
            web(a).cpuArchitecture = "arm" as any;
        }),
        path: "services.web.cpuArchitecture",
        message: /"X86_64", "ARM64"/,
    },
    {
        title: "rejects bridge network mode on Fargate",
        args: withArgs((a) => {
            web(a).networkMode = "bridge";
        }),
        path: "services.web.networkMode",
        message: /not available on fargate; allowed: "awsvpc" on Fargate; "bridge" only with capacity "ec2"/,
    },
    {
        title: "rejects capacity ec2 without ec2Capacity",
        args: withArgs((a) => {
            web(a).capacity = "ec2";
        }),
        path: "services.web.capacity",
        message: /needs the component's ec2Capacity/,
    },
    {
        title: "rejects spot settings without capacity fargate-spot",
        args: withArgs((a) => {
            web(a).spot = { onDemandBase: 1 };
        }),
        path: "services.web.spot",
        message: /only used with capacity "fargate-spot" \(capacity is "fargate"\)/,
    },
    {
        title: "rejects spot settings with no weight at all",
        args: withArgs((a) => {
            web(a).capacity = "fargate-spot";
            web(a).spot = { onDemandWeight: 0, spotWeight: 0 };
        }),
        path: "services.web.spot",
        message: /has no weight/,
    },
    {
        title: "rejects a negative on-demand base",
        args: withArgs((a) => {
            web(a).capacity = "fargate-spot";
            web(a).spot = { onDemandBase: -1 };
        }),
        path: "services.web.spot.onDemandBase",
        message: /from 0 to 100000/,
    },
    {
        title: "rejects a spot weight above 1000",
        args: withArgs((a) => {
            web(a).capacity = "fargate-spot";
            web(a).spot = { spotWeight: 1001 };
        }),
        path: "services.web.spot.spotWeight",
        message: /from 0 to 1000/,
    },
    {
        title: "rejects an on-demand weight above 1000",
        args: withArgs((a) => {
            web(a).capacity = "fargate-spot";
            web(a).spot = { onDemandWeight: 1001 };
        }),
        path: "services.web.spot.onDemandWeight",
        message: /from 0 to 1000/,
    },
    {
        title: "rejects a volume on an unknown file system",
        args: withArgs((a) => {
            web(a).volumes = { data: { fileSystem: "nope", containerPath: "/data" } };
        }),
        path: "services.web.volumes.data.fileSystem",
        message: /names no file system; allowed: a key of fileSystems \(none defined\)/,
    },
    {
        title: "rejects an EFS volume on Fargate platform 1.3.0",
        args: withArgs((a) => {
            a.fileSystems = { shared: {} };
            web(a).volumes = { data: { fileSystem: "shared", containerPath: "/data" } };
            web(a).platformVersion = "1.3.0";
        }),
        path: "services.web.platformVersion",
        message: /does not support EFS volumes; allowed: "LATEST" or "1.4.0" and later/,
    },
    {
        title: "rejects a relative volume container path",
        args: withArgs((a) => {
            a.fileSystems = { shared: {} };
            web(a).volumes = { data: { fileSystem: "shared", containerPath: "data" } };
        }),
        path: "services.web.volumes.data.containerPath",
        message: /an absolute path/,
    },
    {
        title: "rejects a relative access point root directory",
        args: withArgs((a) => {
            a.fileSystems = { shared: {} };
            web(a).volumes = { data: { fileSystem: "shared", containerPath: "/data", rootDirectory: "data" } };
        }),
        path: "services.web.volumes.data.rootDirectory",
        message: /an absolute path/,
    },
    {
        title: "rejects a volume mounted into an unknown container",
        args: withArgs((a) => {
            a.fileSystems = { shared: {} };
            web(a).volumes = { data: { fileSystem: "shared", containerPath: "/data", containers: ["sidecar"] } };
        }),
        path: "services.web.volumes.data.containers",
        message: /names no container; allowed: web/,
    },
    {
        title: "rejects a negative volume uid",
        args: withArgs((a) => {
            a.fileSystems = { shared: {} };
            web(a).volumes = { data: { fileSystem: "shared", containerPath: "/data", uid: -1 } };
        }),
        path: "services.web.volumes.data.uid",
        message: /out of range/,
    },
    {
        title: "rejects a fractional volume gid",
        args: withArgs((a) => {
            a.fileSystems = { shared: {} };
            web(a).volumes = { data: { fileSystem: "shared", containerPath: "/data", gid: 1.5 } };
        }),
        path: "services.web.volumes.data.gid",
        message: /is not an integer/,
    },
    {
        title: "rejects an upper-case volume key",
        args: withArgs((a) => {
            a.fileSystems = { shared: {} };
            web(a).volumes = { Data: { fileSystem: "shared", containerPath: "/data" } };
        }),
        path: "services.web.volumes.Data",
        message: /lower-case letters/,
    },
    {
        title: "rejects a task role statement allowing * on *",
        args: withArgs((a) => {
            web(a).taskRole = { statements: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
        }),
        path: "services.web.taskRole.statements[0]",
        message: /allows every action on every resource/,
    },
    {
        title: "rejects * on * hidden in action and resource lists",
        args: withArgs((a) => {
            web(a).taskRole = { statements: [{ Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: ["arn:aws:s3:::b/*", "*"] }] };
        }),
        path: "services.web.taskRole.statements[0]",
        message: /every action on every resource/,
    },
    {
        title: "rejects the AdministratorAccess managed policy on the task role",
        args: withArgs((a) => {
            web(a).taskRole = { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] };
        }),
        path: "services.web.taskRole.managedPolicyArns[0]",
        message: /grants administrator rights/,
    },
    {
        title: "rejects the PowerUserAccess managed policy on the task role",
        args: withArgs((a) => {
            web(a).taskRole = { managedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"] };
        }),
        path: "services.web.taskRole.managedPolicyArns[0]",
        message: /administrator rights/,
    },

    // ---- service ----
    {
        title: "rejects a negative desired count",
        args: withArgs((a) => {
            web(a).desiredCount = -1;
        }),
        path: "services.web.desiredCount",
        message: /from 0 to 5000/,
    },
    {
        title: "rejects a negative health check grace period",
        args: withArgs((a) => {
            web(a).healthCheckGracePeriodSeconds = -1;
        }),
        path: "services.web.healthCheckGracePeriodSeconds",
        message: /out of range/,
    },
    {
        title: "rejects a minimum healthy percent above 100",
        args: withArgs((a) => {
            web(a).deployment = { minimumHealthyPercent: 150 };
        }),
        path: "services.web.deployment.minimumHealthyPercent",
        message: /from 0 to 100 percent/,
    },
    {
        title: "rejects a maximum percent below 100",
        args: withArgs((a) => {
            web(a).deployment = { maximumPercent: 50 };
        }),
        path: "services.web.deployment.maximumPercent",
        message: /from 100 to 200 percent/,
    },
    {
        title: "rejects a CPU alarm threshold above 100 percent",
        args: withArgs((a) => {
            web(a).alarms = { cpuPercent: 120 };
        }),
        path: "services.web.alarms.cpuPercent",
        message: /from 1 to 100/,
    },
    {
        title: "rejects a memory alarm threshold of 0",
        args: withArgs((a) => {
            web(a).alarms = { memoryPercent: 0 };
        }),
        path: "services.web.alarms.memoryPercent",
        message: /from 1 to 100/,
    },
    {
        title: "rejects a 5xx alarm threshold of 0",
        args: withArgs((a) => {
            web(a).alarms = { http5xxPerMinute: 0 };
        }),
        path: "services.web.alarms.http5xxPerMinute",
        message: /from 1 to 1000000/,
    },

    // ---- load balancer reference ----
    {
        title: "rejects a service naming an unknown load balancer, listing the known ones",
        args: withArgs((a) => {
            web(a).loadBalancer!.name = "private";
        }),
        path: "services.web.loadBalancer.name",
        message: /names no load balancer; allowed: "public"/,
    },
    {
        title: "rejects a load-balanced container that does not exist",
        args: withArgs((a) => {
            web(a).loadBalancer!.container = "api";
        }),
        path: "services.web.loadBalancer.container",
        message: /names no container of the service; allowed: web/,
    },
    {
        title: "rejects a load-balanced port missing from the container's port mappings",
        args: withArgs((a) => {
            web(a).loadBalancer!.containerPort = 8080;
        }),
        path: "services.web.loadBalancer.containerPort",
        message: /not in the port mappings of container "web"; allowed: 80/,
    },
    {
        title: "rejects a rule priority of 0",
        args: withArgs((a) => {
            web(a).loadBalancer!.rule = { priority: 0, pathPatterns: ["/web/*"] };
        }),
        path: "services.web.loadBalancer.rule.priority",
        message: /from 1 to 50000/,
    },
    {
        title: "rejects a rule matching nothing",
        args: withArgs((a) => {
            web(a).loadBalancer!.rule = { priority: 10 };
        }),
        path: "services.web.loadBalancer.rule",
        message: /matches nothing; allowed: pathPatterns and\/or hosts/,
    },
    {
        title: "rejects a rule with more than five condition values",
        args: withArgs((a) => {
            web(a).loadBalancer!.rule = { priority: 10, pathPatterns: ["/a", "/b", "/c"], hosts: ["a.example.com", "b.example.com", "c.example.com"] };
        }),
        path: "services.web.loadBalancer.rule",
        message: /has 6 condition values; allowed: at most 5/,
    },
    {
        title: "rejects a path pattern not starting with '/'",
        args: withArgs((a) => {
            web(a).loadBalancer!.rule = { priority: 10, pathPatterns: ["app1/*"] };
        }),
        path: "services.web.loadBalancer.rule.pathPatterns[0]",
        message: /is malformed/,
    },
    {
        title: "rejects an NLB listener port of 0",
        args: withArgs((a) => {
            a.loadBalancers!.public.type = "network";
            web(a).loadBalancer!.listenerPort = 0;
        }),
        path: "services.web.loadBalancer.listenerPort",
        message: /from 1 to 65535/,
    },
    {
        title: "rejects a deregistration delay above an hour",
        args: withArgs((a) => {
            web(a).loadBalancer!.deregistrationDelaySeconds = 3601;
        }),
        path: "services.web.loadBalancer.deregistrationDelaySeconds",
        message: /from 0 to 3600 seconds/,
    },
    {
        title: "rejects a target health check interval of 400 seconds",
        args: withArgs((a) => {
            web(a).loadBalancer!.healthCheck = { intervalSeconds: 400 };
        }),
        path: "services.web.loadBalancer.healthCheck.intervalSeconds",
        message: /from 5 to 300 seconds/,
    },
    {
        title: "rejects a target health check timeout of 1 second",
        args: withArgs((a) => {
            web(a).loadBalancer!.healthCheck = { timeoutSeconds: 1 };
        }),
        path: "services.web.loadBalancer.healthCheck.timeoutSeconds",
        message: /from 2 to 120 seconds/,
    },
    {
        title: "rejects a target health check timeout not shorter than the interval",
        args: withArgs((a) => {
            web(a).loadBalancer!.healthCheck = { intervalSeconds: 10, timeoutSeconds: 10 };
        }),
        path: "services.web.loadBalancer.healthCheck.timeoutSeconds",
        message: /not shorter than intervalSeconds/,
    },
    {
        title: "rejects a healthy threshold of 1",
        args: withArgs((a) => {
            web(a).loadBalancer!.healthCheck = { healthyThreshold: 1 };
        }),
        path: "services.web.loadBalancer.healthCheck.healthyThreshold",
        message: /from 2 to 10/,
    },
    {
        title: "rejects an unhealthy threshold of 11",
        args: withArgs((a) => {
            web(a).loadBalancer!.healthCheck = { unhealthyThreshold: 11 };
        }),
        path: "services.web.loadBalancer.healthCheck.unhealthyThreshold",
        message: /from 2 to 10/,
    },
    {
        title: "rejects a target health check path without '/'",
        args: withArgs((a) => {
            web(a).loadBalancer!.healthCheck = { path: "health" };
        }),
        path: "services.web.loadBalancer.healthCheck.path",
        message: /a path starting with '\/'/,
    },
    {
        title: "rejects a malformed health check matcher",
        args: withArgs((a) => {
            web(a).loadBalancer!.healthCheck = { matcher: "2xx" };
        }),
        path: "services.web.loadBalancer.healthCheck.matcher",
        message: /HTTP codes/,
    },

    // ---- listener sharing ----
    {
        title: "rejects two services as the default action of one ALB",
        args: withArgs((a) => {
            a.services!.api = webService();
        }),
        path: "loadBalancers.public",
        message: /several services without a rule/,
    },
    {
        title: "rejects duplicate rule priorities on one ALB",
        args: withArgs((a) => {
            a.services!.app1 = webService(80, "public", {});
            a.services!.app1.loadBalancer!.rule = { priority: 10, pathPatterns: ["/app1/*"] };
            a.services!.app2 = webService(80, "public", {});
            a.services!.app2.loadBalancer!.rule = { priority: 10, pathPatterns: ["/app2/*"] };
        }),
        path: "services.app2.loadBalancer.rule.priority",
        message: /is also used by service "app1"/,
    },
    {
        title: "rejects a listener rule on an NLB",
        args: withArgs((a) => {
            a.loadBalancers!.public.type = "network";
            web(a).loadBalancer!.rule = { priority: 10, pathPatterns: ["/web/*"] };
        }),
        path: "services.web.loadBalancer.rule",
        message: /is for ALBs; an NLB routes by listener port; allowed: listenerPort/,
    },
    {
        title: "rejects two services on the same NLB listener port",
        args: withArgs((a) => {
            a.loadBalancers!.public.type = "network";
            a.services!.api = webService();
        }),
        path: "services.api.loadBalancer.listenerPort",
        message: /is also used by service "web" on NLB "public"/,
    },

    // ---- load balancers ----
    {
        title: "rejects an unknown load balancer type",
        args: withArgs((a) => {
            a.loadBalancers!.public.type = "gateway" as any;
        }),
        path: "loadBalancers.public.type",
        message: /"application", "network"/,
    },
    {
        title: "rejects a public load balancer without publicSubnetIds",
        args: withArgs((a) => {
            delete a.vpc.publicSubnetIds;
        }),
        path: "loadBalancers.public.internal",
        message: /internet-facing but vpc.publicSubnetIds holds fewer than two subnets/,
    },
    {
        title: "rejects an SSL policy allowing TLS below 1.2",
        args: withArgs((a) => {
            a.loadBalancers!.public.sslPolicy = "ELBSecurityPolicy-2016-08";
        }),
        path: "loadBalancers.public.sslPolicy",
        message: /allows TLS below 1.2/,
    },
    {
        title: "rejects an idle timeout above 4000 seconds",
        args: withArgs((a) => {
            a.loadBalancers!.public.idleTimeoutSeconds = 4001;
        }),
        path: "loadBalancers.public.idleTimeoutSeconds",
        message: /from 1 to 4000 seconds/,
    },
    {
        title: "rejects an empty ingress CIDR list",
        args: withArgs((a) => {
            a.loadBalancers!.public.ingressCidrs = [];
        }),
        path: "loadBalancers.public.ingressCidrs",
        message: /is empty/,
    },
    {
        title: "rejects a malformed ingress CIDR",
        args: withArgs((a) => {
            a.loadBalancers!.public.ingressCidrs = ["0.0.0.0"];
        }),
        path: "loadBalancers.public.ingressCidrs[0]",
        message: /not an IPv4 CIDR/,
    },
    {
        title: "rejects a malformed prefix list id",
        args: withArgs((a) => {
            a.loadBalancers!.public.ingressPrefixListIds = ["com.amazonaws.global.cloudfront.origin-facing"];
        }),
        path: "loadBalancers.public.ingressPrefixListIds[0]",
        message: /a managed prefix list id/,
    },
    {
        title: "rejects prefix lists given with ingressCidrs (one source of ingress)",
        args: withArgs((a) => {
            a.loadBalancers!.public.ingressPrefixListIds = ["pl-3b927c52"];
            a.loadBalancers!.public.ingressCidrs = ["0.0.0.0/0"];
        }),
        path: "loadBalancers.public.ingressPrefixListIds",
        message: /is given with ingressCidrs; allowed: one of ingressCidrs or ingressPrefixListIds/,
    },
    {
        title: "rejects prefix lists on a network load balancer",
        args: withArgs((a) => {
            a.loadBalancers!.public = { type: "network", ingressPrefixListIds: ["pl-3b927c52"] };
            a.services!.web.loadBalancer!.listenerPort = 80;
        }),
        path: "loadBalancers.public.ingressPrefixListIds",
        message: /is set on a network load balancer; allowed: application load balancers only/,
    },
    {
        title: "rejects a plain certificate ARN that is not ACM's",
        args: withArgs((a) => {
            a.loadBalancers!.public.certificateArn = "arn:aws:iam::123456789012:server-certificate/web";
        }),
        path: "loadBalancers.public.certificateArn",
        message: /an ACM certificate ARN/,
    },
    {
        title: "rejects a load balancer used by no service",
        args: withArgs((a) => {
            a.loadBalancers!.internal = { type: "application", internal: true };
        }),
        path: "loadBalancers.internal",
        message: /is used by no service/,
    },

    // ---- scaling ----
    {
        title: "rejects scaling whose minimum is above the desired count",
        args: withArgs((a) => {
            web(a).desiredCount = 1;
            web(a).scaling = { minCount: 2, maxCount: 4 };
        }),
        path: "services.web.scaling",
        message: /does not satisfy minCount <= desiredCount <= maxCount/,
    },
    {
        title: "rejects a desired count above the scaling maximum",
        args: withArgs((a) => {
            web(a).desiredCount = 5;
            web(a).scaling = { minCount: 1, maxCount: 4 };
        }),
        path: "services.web.scaling",
        message: /minCount <= desiredCount <= maxCount/,
    },
    {
        title: "rejects a scaling maximum of 0",
        args: withArgs((a) => {
            web(a).desiredCount = 0;
            web(a).scaling = { minCount: 0, maxCount: 0 };
        }),
        path: "services.web.scaling.maxCount",
        message: /from 1 to 5000/,
    },
    {
        title: "rejects a negative scaling minimum",
        args: withArgs((a) => {
            web(a).scaling = { minCount: -1, maxCount: 2 };
        }),
        path: "services.web.scaling.minCount",
        message: /from 0 to 5000/,
    },
    {
        title: "rejects a CPU target above 100 percent",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 2, cpuTargetPercent: 150 };
        }),
        path: "services.web.scaling.cpuTargetPercent",
        message: /from 1 to 100/,
    },
    {
        title: "rejects a memory target of 0",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 2, memoryTargetPercent: 0 };
        }),
        path: "services.web.scaling.memoryTargetPercent",
        message: /from 1 to 100/,
    },
    {
        title: "rejects requestsPerTarget without an ALB",
        args: withArgs((a) => {
            a.services!.worker = webService(80, null, { scaling: { minCount: 1, maxCount: 2, requestsPerTarget: 100 } });
        }),
        path: "services.worker.scaling.requestsPerTarget",
        message: /needs the service behind an application load balancer/,
    },
    {
        title: "rejects requestsPerTarget on an NLB",
        args: withArgs((a) => {
            a.loadBalancers!.public.type = "network";
            web(a).scaling = { minCount: 1, maxCount: 2, requestsPerTarget: 100 };
        }),
        path: "services.web.scaling.requestsPerTarget",
        message: /application load balancer/,
    },
    {
        title: "rejects a requests target of 0",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 2, requestsPerTarget: 0 };
        }),
        path: "services.web.scaling.requestsPerTarget",
        message: /from 1 to 1000000/,
    },
    {
        title: "rejects backlogPerTask without a queue",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 2, backlogPerTask: 10 };
        }),
        path: "services.web.scaling.backlogPerTask",
        message: /needs a queue; allowed: queue: \{\} on the service/,
    },
    {
        title: "rejects a backlog target of 0",
        args: withArgs((a) => {
            web(a).queue = {};
            web(a).scaling = { minCount: 1, maxCount: 2, backlogPerTask: 0 };
        }),
        path: "services.web.scaling.backlogPerTask",
        message: /from 1 to 1000000/,
    },
    {
        title: "rejects a scale-in cooldown above an hour",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 2, scaleInCooldownSeconds: 3601 };
        }),
        path: "services.web.scaling.scaleInCooldownSeconds",
        message: /from 0 to 3600/,
    },
    {
        title: "rejects a negative scale-out cooldown",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 2, scaleOutCooldownSeconds: -1 };
        }),
        path: "services.web.scaling.scaleOutCooldownSeconds",
        message: /from 0 to 3600/,
    },
    {
        title: "rejects a 5-field cron in scheduled scaling",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 2, schedules: { night: { schedule: "cron(0 20 * * *)", minCount: 0, maxCount: 1 } } };
        }),
        path: "services.web.scaling.schedules.night.schedule",
        message: /has 5 cron fields, not 6/,
    },
    {
        title: "rejects scheduled scaling with minCount above maxCount",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 2, schedules: { night: { schedule: "cron(0 20 * * ? *)", minCount: 3, maxCount: 1 } } };
        }),
        path: "services.web.scaling.schedules.night",
        message: /0 <= minCount <= maxCount/,
    },
    {
        title: "rejects an upper-case scheduled scaling key",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 2, schedules: { Night: { schedule: "cron(0 20 * * ? *)", minCount: 0, maxCount: 1 } } };
        }),
        path: "services.web.scaling.schedules.Night",
        message: /lower-case letters/,
    },
    {
        title: "rejects a step policy without a metric name",
        args: withArgs((a) => {
            web(a).scaling = {
                minCount: 1,
                maxCount: 2,
                steps: { lag: { metric: { namespace: "App", metricName: "" }, threshold: 10, steps: [{ lower: 0, change: 1 }] } },
            };
        }),
        path: "services.web.scaling.steps.lag.metric",
        message: /needs namespace and metricName/,
    },
    ...(
        [
            [
                "overlapping steps",
                [
                    { lower: 0, upper: 50, change: 1 },
                    { lower: 40, change: 2 },
                ],
                undefined,
                /overlaps at 40/,
            ],
            [
                "steps with a gap",
                [
                    { lower: 0, upper: 50, change: 1 },
                    { lower: 60, change: 2 },
                ],
                undefined,
                /has a gap from 50 to 60/,
            ],
            [
                "two steps without an upper bound",
                [
                    { lower: 0, change: 1 },
                    { lower: 50, change: 2 },
                ],
                undefined,
                /without an upper bound that is not the last/,
            ],
            [
                "two steps without a lower bound",
                [
                    { upper: -50, change: -2 },
                    { upper: 0, change: -1 },
                ],
                "LessThanThreshold",
                /more than one step without a lower bound/,
            ],
            [
                "a step whose lower bound is not below its upper bound",
                [{ lower: 50, upper: 50, change: 1 }],
                undefined,
                /lower bound 50 is not below its upper bound 50/,
            ],
            ["scale-out steps below the threshold", [{ lower: -10, change: 1 }], undefined, /outside the breaching side.*bounds >= 0/],
            ["scale-in steps above the threshold", [{ lower: 0, change: -1 }], "LessThanOrEqualToThreshold", /outside the breaching side.*bounds <= 0/],
        ] as const
    ).map(([what, steps, comparison, message]) => ({
        title: `rejects ${what} in a step scaling policy`,
        args: withArgs((a) => {
            web(a).scaling = {
                minCount: 1,
                maxCount: 4,
                steps: { lag: { metric: { namespace: "App", metricName: "Lag" }, threshold: 10, comparison, steps: steps.map((x) => ({ ...x })) } },
            };
        }),
        path: "services.web.scaling.steps.lag.steps",
        message,
    })),
    ...(
        [
            ["comparison", { comparison: "GreaterThanUpperThreshold" }, /LessThanThreshold/],
            ["evaluationPeriods", { evaluationPeriods: 0 }, /1 to 100/],
            ["adjustmentType", { adjustmentType: "SetCapacity" }, /ExactCapacity/],
            ["metricAggregation", { metricAggregation: "Sum" }, /"Average", "Minimum", "Maximum"/],
            ["cooldownSeconds", { cooldownSeconds: -1 }, /0 to 86400/],
        ] as const
    ).map(([field, extra, message]) => ({
        title: `rejects a step scaling ${field} AWS does not accept`,
        args: withArgs((a) => {
            web(a).scaling = {
                minCount: 1,
                maxCount: 4,
                steps: { lag: { metric: { namespace: "App", metricName: "Lag" }, threshold: 10, steps: [{ lower: 0, change: 1 }], ...(extra as object) } },
            };
        }),
        path: `services.web.scaling.steps.lag.${field}`,
        message,
    })),
    ...(
        [
            ["metric", { metric: "requests" }, /"cpu", "memory"/],
            ["targetPercent", { targetPercent: 0 }, /1 to 100/],
            ["mode", { mode: "Forecast" }, /"ForecastOnly", "ForecastAndScale"/],
            ["schedulingBufferSeconds", { schedulingBufferSeconds: 3601 }, /0 to 3600/],
            ["maxCapacityBehavior", { maxCapacityBehavior: "Ignore" }, /"HonorMaxCapacity", "IncreaseMaxCapacity"/],
            ["maxCapacityBufferPercent", { maxCapacityBehavior: "IncreaseMaxCapacity", maxCapacityBufferPercent: 101 }, /0 to 100/],
        ] as const
    ).map(([field, extra, message]) => ({
        title: `rejects a predictive scaling ${field} AWS does not accept`,
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 4, predictive: { metric: "cpu", targetPercent: 50, ...(extra as object) } as never };
        }),
        path: `services.web.scaling.predictive.${field}`,
        message,
    })),
    {
        title: "rejects IncreaseMaxCapacity without a maxCapacityBufferPercent",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 4, predictive: { metric: "cpu", targetPercent: 50, maxCapacityBehavior: "IncreaseMaxCapacity" } };
        }),
        path: "services.web.scaling.predictive.maxCapacityBufferPercent",
        message: /is required with maxCapacityBehavior "IncreaseMaxCapacity"/,
    },
    {
        title: "rejects a maxCapacityBufferPercent without IncreaseMaxCapacity",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 4, predictive: { metric: "memory", targetPercent: 50, maxCapacityBufferPercent: 10 } };
        }),
        path: "services.web.scaling.predictive.maxCapacityBufferPercent",
        message: /only applies with maxCapacityBehavior "IncreaseMaxCapacity"/,
    },
    {
        title: "rejects a predictive scaling block without its metric (shape)",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 4, predictive: { targetPercent: 50 } as never };
        }),
        path: "services.web.scaling.predictive.metric",
        message: /./,
    },
    {
        title: "rejects a step policy without steps",
        args: withArgs((a) => {
            web(a).scaling = { minCount: 1, maxCount: 2, steps: { lag: { metric: { namespace: "App", metricName: "Lag" }, threshold: 10, steps: [] } } };
        }),
        path: "services.web.scaling.steps.lag.steps",
        message: /is empty/,
    },
    {
        title: "rejects an unknown step metric statistic",
        args: withArgs((a) => {
            web(a).scaling = {
                minCount: 1,
                maxCount: 2,
                steps: { lag: { metric: { namespace: "App", metricName: "Lag", statistic: "p99" as any }, threshold: 10, steps: [{ lower: 0, change: 1 }] } },
            };
        }),
        path: "services.web.scaling.steps.lag.metric.statistic",
        message: /"Average", "Sum"/,
    },
    {
        title: "rejects a step metric period CloudWatch does not offer",
        args: withArgs((a) => {
            web(a).scaling = {
                minCount: 1,
                maxCount: 2,
                steps: { lag: { metric: { namespace: "App", metricName: "Lag", periodSeconds: 45 }, threshold: 10, steps: [{ lower: 0, change: 1 }] } },
            };
        }),
        path: "services.web.scaling.steps.lag.metric.periodSeconds",
        message: /is not supported; allowed: 10, 30, 60/,
    },
    {
        title: "rejects an upper-case step policy key",
        args: withArgs((a) => {
            web(a).scaling = {
                minCount: 1,
                maxCount: 2,
                steps: { Lag: { metric: { namespace: "App", metricName: "Lag" }, threshold: 10, steps: [{ lower: 0, change: 1 }] } },
            };
        }),
        path: "services.web.scaling.steps.Lag",
        message: /lower-case letters/,
    },

    // ---- queue ----
    {
        title: "rejects a queue visibility timeout above 12 hours",
        args: withArgs((a) => {
            web(a).queue = { visibilityTimeoutSeconds: 43201 };
        }),
        path: "services.web.queue.visibilityTimeoutSeconds",
        message: /from 0 to 43200 seconds/,
    },
    {
        title: "rejects a max receive count of 0",
        args: withArgs((a) => {
            web(a).queue = { maxReceiveCount: 0 };
        }),
        path: "services.web.queue.maxReceiveCount",
        message: /from 1 to 1000/,
    },
    {
        title: "rejects a message retention below a minute",
        args: withArgs((a) => {
            web(a).queue = { messageRetentionSeconds: 30 };
        }),
        path: "services.web.queue.messageRetentionSeconds",
        message: /from 60 to 1209600 seconds/,
    },

    // ---- EC2 capacity ----
    {
        title: "rejects ec2Capacity without instance types",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: [] };
        }),
        path: "ec2Capacity.instanceTypes",
        message: /is empty/,
    },
    {
        title: "rejects a malformed instance type",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["M7I-LARGE"] };
        }),
        path: "ec2Capacity.instanceTypes[0]",
        message: /an EC2 instance type/,
    },
    {
        title: "rejects Graviton instance types with architecture x86_64",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7g.large", "c7g.large"] };
        }),
        path: "ec2Capacity.instanceTypes[0]",
        message: /is a Graviton \(arm64\) type/,
    },
    {
        title: "rejects the first-generation Graviton a1 instance types with architecture x86_64",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large", "a1.large"] };
        }),
        path: "ec2Capacity.instanceTypes[1]",
        message: /is a Graviton \(arm64\) type/,
    },
    {
        title: "rejects an instance type listed twice",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large", "m7i.large"] };
        }),
        path: "ec2Capacity.instanceTypes[1]",
        message: /is listed twice/,
    },
    {
        title: "rejects a malformed instance type even when the architecture is unknown",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["M7I-LARGE"], architecture: "ppc" as any };
        }),
        path: "ec2Capacity.instanceTypes[0]",
        message: /an EC2 instance type/,
    },
    {
        title: "rejects x86_64 instance types in an arm64 group",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7g.large", "m7i.large"], architecture: "arm64" };
        }),
        path: "ec2Capacity.instanceTypes[1]",
        message: /is an x86_64 type, which cannot boot the arm64 AMI/,
    },
    {
        title: "rejects an unknown architecture",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"], architecture: "ppc" as any };
        }),
        path: "ec2Capacity.architecture",
        message: /"x86_64", "arm64"/,
    },
    {
        title: "rejects a root volume smaller than the AMI's 30 GiB",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"], rootVolumeGiB: 20 };
        }),
        path: "ec2Capacity.rootVolumeGiB",
        message: /from 30 to 16384 GiB/,
    },
    {
        title: "rejects a minimum size above the maximum",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"], minSize: 5, maxSize: 2 };
        }),
        path: "ec2Capacity.minSize",
        message: /is above maxSize \(2\)/,
    },
    {
        title: "rejects a minimum size above the default maximum of 4",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"], minSize: 5 };
        }),
        path: "ec2Capacity.minSize",
        message: /is above maxSize \(4\)/,
    },
    {
        title: "rejects a maximum size of 0",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"], maxSize: 0 };
        }),
        path: "ec2Capacity.maxSize",
        message: /from 1 to 1000/,
    },
    {
        title: "rejects a negative on-demand base capacity",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"], onDemandBaseCapacity: -1 };
        }),
        path: "ec2Capacity.onDemandBaseCapacity",
        message: /from 0 to 1000/,
    },
    {
        title: "rejects an on-demand percentage above 100",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"], onDemandPercentageAboveBaseCapacity: 101 };
        }),
        path: "ec2Capacity.onDemandPercentageAboveBaseCapacity",
        message: /from 0 to 100 percent/,
    },
    {
        title: "rejects an unknown Spot allocation strategy",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"], spotAllocationStrategy: "cheapest" as any };
        }),
        path: "ec2Capacity.spotAllocationStrategy",
        message: /"price-capacity-optimized"/,
    },
    {
        title: "rejects a managed scaling target of 0 percent",
        args: withArgs((a) => {
            a.ec2Capacity = { instanceTypes: ["m7i.large"], targetCapacityPercent: 0 };
        }),
        path: "ec2Capacity.targetCapacityPercent",
        message: /from 1 to 100 percent/,
    },

    // ---- scheduled tasks ----
    {
        title: "rejects a 5-field cron schedule",
        args: withArgs((a) => {
            a.scheduledTasks = { report: schedTask("cron(0 3 * * *)") };
        }),
        path: "scheduledTasks.report.schedule",
        message: /has 5 cron fields, not 6/,
    },
    {
        title: 'rejects a plural unit with a rate of 1 ("rate(1 minutes)")',
        args: withArgs((a) => {
            a.scheduledTasks = { report: schedTask("rate(1 minutes)") };
        }),
        path: "scheduledTasks.report.schedule",
        message: /wrong unit form/,
    },
    {
        title: "rejects a rate of 0",
        args: withArgs((a) => {
            a.scheduledTasks = { report: schedTask("rate(0 minutes)") };
        }),
        path: "scheduledTasks.report.schedule",
        message: /has a rate below 1/,
    },
    {
        title: "rejects a cron with '?' in both day fields",
        args: withArgs((a) => {
            a.scheduledTasks = { report: schedTask("cron(0 3 ? * ? *)") };
        }),
        path: "scheduledTasks.report.schedule",
        message: /'\?' in exactly one of day-of-month and day-of-week/,
    },
    {
        title: 'rejects prose as a schedule ("every day")',
        args: withArgs((a) => {
            a.scheduledTasks = { report: schedTask("every day") };
        }),
        path: "scheduledTasks.report.schedule",
        message: /is not a schedule expression; allowed: "rate\(5 minutes\)"/,
    },
    {
        title: "rejects a scheduled task with neither schedule nor eventPattern",
        args: withArgs((a) => {
            a.scheduledTasks = { report: schedTask() };
        }),
        path: "scheduledTasks.report",
        message: /has neither a schedule nor an event pattern/,
    },
    {
        title: "rejects an empty event pattern",
        args: withArgs((a) => {
            a.scheduledTasks = { report: schedTask(undefined, { eventPattern: {} }) };
        }),
        path: "scheduledTasks.report.eventPattern",
        message: /is empty/,
    },
    {
        title: "rejects more than 185 retries",
        args: withArgs((a) => {
            a.scheduledTasks = { report: schedTask("rate(1 day)", { retries: 186 }) };
        }),
        path: "scheduledTasks.report.retries",
        message: /from 0 to 185/,
    },
    {
        title: "applies the task rules to scheduled tasks too",
        args: withArgs((a) => {
            a.scheduledTasks = { report: schedTask("rate(1 day)", { cpu: 256, memoryMiB: 4096 }) };
        }),
        path: "scheduledTasks.report.memoryMiB",
        message: /512, 1024, 2048/,
    },

    // ---- repositories and file systems ----
    {
        title: "rejects a repository kmsKeyArn with AES256 encryption",
        args: withArgs((a) => {
            a.repositories = { images: { encryption: "AES256", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" } };
        }),
        path: "repositories.images.kmsKeyArn",
        message: /only used with encryption "KMS"/,
    },
    {
        title: "rejects an unknown repository encryption",
        args: withArgs((a) => {
            a.repositories = { images: { encryption: "DES" as any } };
        }),
        path: "repositories.images.encryption",
        message: /"AES256", "KMS"/,
    },
    {
        title: "rejects keeping 0 images",
        args: withArgs((a) => {
            a.repositories = { images: { keepImages: 0 } };
        }),
        path: "repositories.images.keepImages",
        message: /from 1 to 10000/,
    },
    {
        title: "rejects an untagged expiry of 0 days",
        args: withArgs((a) => {
            a.repositories = { images: { untaggedExpiryDays: 0 } };
        }),
        path: "repositories.images.untaggedExpiryDays",
        message: /from 1 to 3650 days/,
    },
    {
        title: "rejects an unknown EFS throughput mode",
        args: withArgs((a) => {
            a.fileSystems = { shared: { throughputMode: "provisioned" as any } };
        }),
        path: "fileSystems.shared.throughputMode",
        message: /"elastic", "bursting"/,
    },
    {
        title: "rejects an unknown EFS transition",
        args: withArgs((a) => {
            a.fileSystems = { shared: { transitionToIA: "AFTER_2_DAYS" as any } };
        }),
        path: "fileSystems.shared.transitionToIA",
        message: /"AFTER_7_DAYS"/,
    },
    {
        title: "rejects fileSystems with privateSubnetIds given as an Output (mount targets need a known count)",
        args: withArgs((a) => {
            a.fileSystems = { shared: {} };
            a.vpc.privateSubnetIds = pulumi.output(["subnet-a", "subnet-b"]);
        }),
        path: "vpc.privateSubnetIds",
        message: /is not an array, and fileSystems \(shared\) need one mount target per subnet/,
    },
    {
        title: "rejects fileSystems with no private subnets",
        args: withArgs((a) => {
            a.fileSystems = { shared: {} };
            a.vpc.privateSubnetIds = [];
        }),
        path: "vpc.privateSubnetIds",
        message: /is empty/,
    },

    // ---- express services ----
    {
        title: "rejects an express service CPU/memory pair Fargate does not offer",
        args: withArgs((a) => {
            a.expressServices = { site: { image: IMAGE, cpu: 1024, memoryMiB: 512 } };
        }),
        path: "expressServices.site.memoryMiB",
        message: /not valid with cpu=1024 on Fargate; allowed: 2048 to 8192/,
    },
    {
        title: "rejects an express service without an image",
        args: withArgs((a) => {
            a.expressServices = { site: { image: "" } };
        }),
        path: "expressServices.site.image",
        message: /is required/,
    },
    {
        title: "rejects an express container port of 0",
        args: withArgs((a) => {
            a.expressServices = { site: { image: IMAGE, containerPort: 0 } };
        }),
        path: "expressServices.site.containerPort",
        message: /from 1 to 65535/,
    },
    {
        title: "rejects express scaling with minCount above maxCount",
        args: withArgs((a) => {
            a.expressServices = { site: { image: IMAGE, scaling: { minCount: 5 } } };
        }),
        path: "expressServices.site.scaling",
        message: /has minCount above maxCount/,
    },
    {
        title: "rejects an express scaling maximum above 1000",
        args: withArgs((a) => {
            a.expressServices = { site: { image: IMAGE, scaling: { maxCount: 1001 } } };
        }),
        path: "expressServices.site.scaling.maxCount",
        message: /from 1 to 1000/,
    },
    {
        title: "rejects an express scaling minimum of 0",
        args: withArgs((a) => {
            a.expressServices = { site: { image: IMAGE, scaling: { minCount: 0 } } };
        }),
        path: "expressServices.site.scaling.minCount",
        message: /from 1 to 1000/,
    },
    {
        title: "rejects an unknown express scaling metric",
        args: withArgs((a) => {
            a.expressServices = { site: { image: IMAGE, scaling: { metric: "LATENCY" as any } } };
        }),
        path: "expressServices.site.scaling.metric",
        message: /"AVERAGE_CPU"/,
    },
    {
        title: "rejects an express scaling target of 0",
        args: withArgs((a) => {
            a.expressServices = { site: { image: IMAGE, scaling: { target: 0 } } };
        }),
        path: "expressServices.site.scaling.target",
        message: /from 1 to 100000/,
    },
    {
        title: "rejects a secret-looking express environment variable",
        args: withArgs((a) => {
            a.expressServices = { site: { image: IMAGE, environment: { STRIPE_TOKEN: "x" } } };
        }),
        path: "expressServices.site.environment.STRIPE_TOKEN",
        message: /looks like a secret/,
    },
    {
        title: "rejects AdministratorAccess on an express task role",
        args: withArgs((a) => {
            a.expressServices = { site: { image: IMAGE, taskRole: { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] } } };
        }),
        path: "expressServices.site.taskRole.managedPolicyArns[0]",
        message: /administrator rights/,
    },
    {
        title: "rejects an express health check path without '/'",
        args: withArgs((a) => {
            a.expressServices = { site: { image: IMAGE, healthCheckPath: "health" } };
        }),
        path: "expressServices.site.healthCheckPath",
        message: /a path starting with '\//,
    },
];

describe("ContainerService validation", () => {
    it("accepts the minimal args", () => assert.deepEqual(issuesOf(baseArgs()), []));

    // AWS's TransitionToIA values (https://docs.aws.amazon.com/efs/latest/ug/API_LifecyclePolicy.html), plus NONE.
    for (const transition of [
        "AFTER_1_DAY",
        "AFTER_7_DAYS",
        "AFTER_14_DAYS",
        "AFTER_30_DAYS",
        "AFTER_60_DAYS",
        "AFTER_90_DAYS",
        "AFTER_180_DAYS",
        "AFTER_270_DAYS",
        "AFTER_365_DAYS",
        "NONE",
    ] as const)
        it(`accepts the EFS transition ${transition}, as AWS and EksCluster do`, () => {
            const args = withArgs((a) => {
                a.fileSystems = { shared: { transitionToIA: transition } };
            });
            assert.deepEqual(
                issuesOf(args).filter((i) => i.path === "fileSystems.shared.transitionToIA"),
                [],
            );
        });

    it("accepts a full, valid configuration (no false positives)", () => {
        const args = withArgs((a) => {
            a.loadBalancers!.public.certificateArn = CERT;
            // a1 is the first Graviton generation: arm64 although no 'g' follows its generation.
            a.ec2Capacity = { instanceTypes: ["m7g.large", "m6g.large", "a1.large"], architecture: "arm64" };
            a.fileSystems = { shared: {} };
            a.repositories = { images: { encryption: "KMS", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" } };
            web(a).containers.web.secrets = { DB_PASSWORD: DB_SECRET, API_KEY: `${DB_SECRET}:apiKey::` };
            web(a).volumes = { data: { fileSystem: "shared", containerPath: "/data" } };
            web(a).scaling = {
                minCount: 1,
                maxCount: 4,
                cpuTargetPercent: 60,
                requestsPerTarget: 500,
                schedules: { night: { schedule: "cron(0 20 * * ? *)", minCount: 1, maxCount: 1 } },
                predictive: { metric: "cpu", targetPercent: 50, maxCapacityBehavior: "IncreaseMaxCapacity", maxCapacityBufferPercent: 10 },
                steps: {
                    busy: {
                        metric: { namespace: "App", metricName: "Lag" },
                        threshold: 10,
                        steps: [
                            { lower: 0, upper: 20, change: 1 },
                            { lower: 20, change: 50 },
                        ],
                        adjustmentType: "PercentChangeInCapacity",
                    },
                    idle: {
                        metric: { namespace: "App", metricName: "Lag" },
                        threshold: 1,
                        comparison: "LessThanThreshold",
                        evaluationPeriods: 5,
                        steps: [{ upper: 0, change: -1 }],
                    },
                },
            };
            a.services!.app1 = webService(80, "public");
            a.services!.app1.loadBalancer!.rule = { priority: 10, pathPatterns: ["/app1", "/app1/*"] };
            a.services!.worker = webService(80, null, {
                queue: {},
                capacity: "ec2",
                networkMode: "bridge",
                scaling: { minCount: 0, maxCount: 5, backlogPerTask: 10 },
            });
            a.scheduledTasks = { report: schedTask("cron(0 3 * * ? *)"), ingest: schedTask(undefined, { eventPattern: { source: ["aws.s3"] } }) };
            a.expressServices = { site: { image: IMAGE } };
        });
        assert.deepEqual(issuesOf(args), []);
    });

    for (const c of cases) {
        it(c.title, () => assertRefusedAt(c.args, c.path, c.message));
    }

    it("fails before creating anything, naming component, field, value and what is allowed, listing every issue", async () => {
        const bad = withArgs((a) => {
            web(a).cpu = 256;
            web(a).memoryMiB = 4096;
            web(a).containers.web.portMappings = [{ containerPort: 80 }, { containerPort: 70000 }];
            a.logRetentionDays = 10;
        });
        const { error, registry } = await buildFails(() => new ContainerService("shop", bad));
        assert.ok(error instanceof ArgsError, `expected an ArgsError, got ${error}`);
        assert.match(error.message, /^ContainerService "shop": 3 invalid arguments:\n/);
        assert.match(error.message, /services\.web\.memoryMiB=4096 is not valid with cpu=256 on Fargate; allowed: 512, 1024, 2048/);
        assert.match(
            error.message,
            /services\.web\.containers\.web\.portMappings\[1\]\.containerPort=70000 is out of range; allowed: an integer from 1 to 65535/,
        );
        assert.match(error.message, /logRetentionDays=10 is not supported; allowed: /);
        assert.deepEqual((error as ArgsError).issues.map((i) => i.path).sort(), [
            "logRetentionDays",
            "services.web.containers.web.portMappings[1].containerPort",
            "services.web.memoryMiB",
        ]);
        assert.equal(registry.size, 0);
    });

    it("reports a single issue on one line", async () => {
        const { error, registry } = await buildFails(
            () =>
                new ContainerService(
                    "shop",
                    withArgs((a) => {
                        a.logRetentionDays = 10;
                    }),
                ),
        );
        assert.match(error.message, /^ContainerService "shop": logRetentionDays=10 is not supported; allowed: /);
        assert.equal(registry.size, 0);
    });

    it("refuses fileSystems on Output subnets in the constructor, before registering anything", async () => {
        const bad = withArgs((a) => {
            a.fileSystems = { shared: {} };
            a.vpc.privateSubnetIds = pulumi.output(["subnet-a", "subnet-b"]);
        });
        const { error, registry } = await buildFails(() => new ContainerService("shop", bad));
        assert.match(error.message, /^ContainerService "shop": vpc\.privateSubnetIds="\(an Output\)" is not an array/);
        assert.equal(registry.size, 0);
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/container-service/args.ts", DEFAULTS));
});
