import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import type { ContainerServiceArgs } from "../../../components/container-service/args";
import { DEFAULTS } from "../../../components/container-service/defaults";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { IMAGE, T, containerDefinitions, web, withArgs, buildShop } from "./fixtures";

type Built = { registry: Registry; result: ContainerService };

const KEY = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const FIREHOSE = { Name: "kinesis_firehose", region: "eu-west-1", delivery_stream: "app-logs" };
const SCHEDULE = "aws:scheduler/schedule:Schedule";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";

const statementsOf = (b: Built, role: string) => b.registry.statementsOf(role);

describe("ContainerService tasks: FireLens, bind mounts, EBS volumes, standalone tasks, taskCount", () => {
    describe("FireLens log routing", () => {
        let b: Built;
        before(async () => {
            b = await buildShop((a) => {
                const svc = web(a);
                svc.containers.web.logging = { driver: "awsfirelens", options: FIREHOSE };
                svc.containers.side = { image: IMAGE, essential: false };
                svc.logRouter = { configFilePath: "/fluent-bit/configs/parse-json.conf" };
            });
        });
        const def = (name: string) => containerDefinitions(b.registry.one(T.taskDefinition, "shop-web-task"))[name];

        it("adds an essential log_router container with the pinned AWS for Fluent Bit image and the FireLens configuration", () => {
            const router = def("log_router");
            assert.equal(router.image, DEFAULTS.LogRouterArgs.image);
            assert.match(router.image, /^public\.ecr\.aws\/aws-observability\/aws-for-fluent-bit:\d+\.\d+\.\d+$/);
            assert.equal(router.essential, true);
            assert.equal(router.memoryReservation, 50);
            assert.deepEqual(router.firelensConfiguration, {
                type: "fluentbit",
                options: { "enable-ecs-log-metadata": "true", "config-file-type": "file", "config-file-value": "/fluent-bit/configs/parse-json.conf" },
            });
        });

        it("sends the router's own logs to the task's log group with awslogs", async () => {
            const router = def("log_router");
            assert.equal(router.logConfiguration.logDriver, "awslogs");
            assert.equal(router.logConfiguration.options["awslogs-group"], b.registry.one(T.logGroup, "shop-web-logs").outputs.name);
            assert.equal(router.logConfiguration.options["awslogs-stream-prefix"], "log_router");
        });

        it("gives the routed container the awsfirelens driver with its output options, and keeps awslogs for the others", () => {
            assert.deepEqual(def("web").logConfiguration, { logDriver: "awsfirelens", options: FIREHOSE });
            assert.equal(def("side").logConfiguration.logDriver, "awslogs");
        });

        it("makes the routed container wait for the router to start, and only that one", () => {
            assert.deepEqual(def("web").dependsOn, [{ containerName: "log_router", condition: "START" }]);
            assert.equal(def("side").dependsOn, undefined);
        });

        it("lets the task role put records on the Firehose stream named in the options, in the options' region", () => {
            const s = statementsOf(b, "shop-web-task-role").find((x) => String(x.Sid).startsWith("FireLens"));
            assert.ok(s, "a FireLens statement");
            assert.deepEqual(s.Action, ["firehose:PutRecordBatch"]);
            assert.deepEqual(s.Resource, ["arn:aws:firehose:eu-west-1:123456789012:deliverystream/app-logs"]);
        });

        it("leaves the router's root file system writable (Fluent Bit writes at start) and the app's read-only", () => {
            assert.equal(def("log_router").readonlyRootFilesystem, false);
            assert.equal(def("web").readonlyRootFilesystem, true);
        });
    });

    it("scopes the cloudwatch_logs output's grant to its log group and streams, in the task's region", async () => {
        const b = await buildShop((a) => {
            web(a).containers.web.logging = { driver: "awsfirelens", options: { Name: "cloudwatch_logs", log_group_name: "audit" } };
            web(a).logRouter = {};
        });
        const s = b.registry.statementsOf("shop-web-task-role").find((x) => String(x.Sid).startsWith("FireLens"));
        assert.deepEqual(s.Resource, [
            "arn:aws:logs:us-east-1:123456789012:log-group:audit",
            "arn:aws:logs:us-east-1:123456789012:log-group:audit:log-stream:*",
        ]);
        assert.ok(!s.Action.includes("logs:CreateLogGroup"), "no group creation unless asked");
    });

    it("lets the execution role pull a router image kept in private ECR, and adds no pull grant for the default ECR Public image", async () => {
        const routerImage = "906394416424.dkr.ecr.us-east-1.amazonaws.com/aws-for-fluent-bit:3.4.14";
        const withRouter = (image?: string) =>
            buildShop((a) => {
                web(a).containers.web.logging = { driver: "awsfirelens", options: FIREHOSE };
                web(a).logRouter = image ? { image } : {};
            });
        const pulls = (b: Built) =>
            b.registry
                .statementsOf("shop-web-execution-role")
                .filter((s) => s.Sid === "PullOwnImages")
                .flatMap((s) => s.Resource);
        assert.deepEqual(pulls(await withRouter(routerImage)), ["arn:aws:ecr:us-east-1:906394416424:repository/aws-for-fluent-bit"]);
        assert.deepEqual(pulls(await withRouter()), []);
    });

    it("adds logs:CreateLogGroup to the cloudwatch_logs grant when the output creates its group (auto_create_group)", async () => {
        const b = await buildShop((a) => {
            web(a).containers.web.logging = {
                driver: "awsfirelens",
                options: { Name: "cloudwatch_logs", log_group_name: "audit", auto_create_group: "true" },
            };
            web(a).logRouter = {};
        });
        const s = b.registry.statementsOf("shop-web-task-role").find((x) => String(x.Sid).startsWith("FireLens"));
        assert.ok(s.Action.includes("logs:CreateLogGroup"), JSON.stringify(s.Action));
    });

    const firelens = (options: Record<string, string>, secretOptions?: Record<string, string>) =>
        buildShop((a) => {
            web(a).containers.web.logging = { driver: "awsfirelens", options, ...(secretOptions ? { secretOptions } : {}) };
            web(a).logRouter = {};
        });
    const fireLensGrant = (b: Built) => b.registry.statementsOf("shop-web-task-role").find((x) => String(x.Sid).startsWith("FireLens"));

    describe("FireLens secretOptions", () => {
        const API_KEY = "arn:aws:secretsmanager:us-east-1:123456789012:secret:datadog-AbCdEf";
        const HEADER = "arn:aws:ssm:us-east-1:123456789012:parameter/logs/header";
        let b: Built;
        before(async () => {
            b = await firelens({ Name: "datadog", Host: "http-intake.logs.datadoghq.com" }, { apikey: API_KEY, Header: HEADER });
        });

        it("puts the output's secret options in logConfiguration.secretOptions, not in its options", () => {
            const lc = containerDefinitions(b.registry.one(T.taskDefinition, "shop-web-task")).web.logConfiguration;
            assert.deepEqual(lc.secretOptions, [
                { name: "Header", valueFrom: HEADER },
                { name: "apikey", valueFrom: API_KEY },
            ]);
            assert.deepEqual(lc.options, { Name: "datadog", Host: "http-intake.logs.datadoghq.com" });
        });

        it("lets the execution role read exactly the secret options' secret and parameter", () => {
            const read = b.registry.statementsOf("shop-web-execution-role").find((s) => s.Sid === "ReadNamedSecrets");
            assert.ok(read, "a ReadNamedSecrets statement");
            assert.deepEqual(read.Resource, [API_KEY, HEADER].sort());
        });
    });

    // AWS's FireLens examples use the Go plugins' names (firelens-taskdef.html).
    for (const [options, action, resource] of [
        [
            { Name: "firehose", region: "us-east-1", delivery_stream: "s" },
            "firehose:PutRecordBatch",
            "arn:aws:firehose:us-east-1:123456789012:deliverystream/s",
        ],
        [{ Name: "kinesis", region: "us-east-1", stream: "k" }, "kinesis:PutRecords", "arn:aws:kinesis:us-east-1:123456789012:stream/k"],
        [{ Name: "cloudwatch", region: "us-east-1", log_group_name: "g" }, "logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:g"],
    ] as const)
        it(`grants the ${options.Name} output (the Go plugin's name) what its C twin gets`, async () => {
            const s = fireLensGrant(await firelens(options));
            assert.ok(s, "a FireLens statement");
            assert.ok(s.Action.includes(action), JSON.stringify(s.Action));
            assert.equal(s.Resource[0], resource);
        });

    for (const value of ["on", "True", "YES"])
        it(`reads auto_create_group "${value}" as on (Fluent Bit booleans), adding logs:CreateLogGroup`, async () => {
            const s = fireLensGrant(await firelens({ Name: "cloudwatch_logs", log_group_name: "audit", auto_create_group: value }));
            assert.ok(s.Action.includes("logs:CreateLogGroup"), JSON.stringify(s.Action));
        });

    describe("bind mounts", () => {
        it("declares a host-less volume on Fargate (the task's ephemeral storage) and mounts it where asked", async () => {
            const b = await buildShop((a) => {
                web(a).bindMounts = { tmp: { containerPath: "/tmp" } };
                web(a).ephemeralStorageGiB = 50;
            });
            const td = b.registry.one(T.taskDefinition, "shop-web-task");
            assert.deepEqual(td.inputs.volumes, [{ name: "tmp" }]);
            assert.deepEqual(td.inputs.ephemeralStorage, { sizeInGib: 50 });
            assert.deepEqual(containerDefinitions(td).web.mountPoints, [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }]);
        });

        it("sets no ephemeral storage unless asked (Fargate's 20 GiB)", async () => {
            const b = await buildShop((a) => {
                web(a).bindMounts = { tmp: { containerPath: "/tmp" } };
            });
            assert.equal(b.registry.one(T.taskDefinition, "shop-web-task").inputs.ephemeralStorage, undefined);
        });

        it("uses the instance's host path on EC2 and mounts it only into the containers named", async () => {
            const b = await buildShop((a) => {
                a.ec2Capacity = { instanceTypes: ["m7i.large"], awsvpcTrunking: true };
                Object.assign(web(a), { capacity: "ec2" });
                web(a).containers.side = { image: IMAGE, essential: false };
                web(a).bindMounts = {
                    hostlogs: { containerPath: "/host/var/log", hostPath: "/var/log", containers: ["side"], readOnly: true },
                };
            });
            const td = b.registry.one(T.taskDefinition, "shop-web-task");
            assert.deepEqual(td.inputs.volumes, [{ name: "hostlogs", hostPath: "/var/log" }]);
            const defs = containerDefinitions(td);
            assert.deepEqual(defs.side.mountPoints, [{ sourceVolume: "hostlogs", containerPath: "/host/var/log", readOnly: true }]);
            assert.deepEqual(defs.web.mountPoints, []);
        });
    });

    describe("EBS volume per task", () => {
        let b: Built;
        before(async () => {
            b = await buildShop((a) => {
                web(a).ebsVolume = { containerPath: "/var/lib/data", sizeGiB: 100, iops: 6000, throughputMiBps: 500, kmsKeyArn: KEY };
            });
        });

        it("declares the volume configured at launch in the task definition and mounts it", () => {
            const td = b.registry.one(T.taskDefinition, "shop-web-task");
            assert.deepEqual(td.inputs.volumes, [{ name: "ebs", configureAtLaunch: true }]);
            assert.deepEqual(containerDefinitions(td).web.mountPoints, [{ sourceVolume: "ebs", containerPath: "/var/lib/data", readOnly: false }]);
        });

        it("gives the service an encrypted gp3 volume with the size, IOPS, throughput, key and role", () => {
            const vc = b.registry.one(T.service, "shop-web").inputs.volumeConfiguration;
            assert.equal(vc.name, "ebs");
            const v = vc.managedEbsVolume;
            assert.equal(v.encrypted, true);
            assert.equal(v.volumeType, "gp3");
            assert.equal(v.sizeInGb, 100);
            assert.equal(v.iops, 6000);
            assert.equal(v.throughput, 500);
            assert.equal(v.kmsKeyId, KEY);
            assert.equal(v.fileSystemType, "xfs");
            assert.equal(v.roleArn, b.registry.one(T.role, "shop-web-ebs-role").outputs.arn);
            assert.deepEqual(v.tagSpecifications, [{ resourceType: "volume", propagateTags: "SERVICE" }]);
        });

        it("creates the infrastructure role trusted by ecs.amazonaws.com with AWS's managed policy for volumes", () => {
            const role = b.registry.one(T.role, "shop-web-ebs-role");
            const trust = json(role.inputs.assumeRolePolicy).Statement;
            assert.deepEqual(
                trust.map((s: any) => [s.Principal.Service, s.Action]),
                [["ecs.amazonaws.com", "sts:AssumeRole"]],
            );
            assert.deepEqual(b.registry.managedPoliciesOf(role), ["arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForVolumes"]);
        });

        it("lets the role use the customer managed key only through EC2, and create grants only for AWS resources", () => {
            const statements = b.registry.statementsOf("shop-web-ebs-role");
            for (const s of statements) {
                assert.equal(s.Resource, KEY);
                assert.deepEqual(s.Condition.StringLike, { "kms:ViaService": "ec2.*.amazonaws.com" });
            }
            const grant = statements.find((s) => s.Action === "kms:CreateGrant");
            assert.deepEqual(grant.Condition.Bool, { "kms:GrantIsForAWSResource": "true" });
        });

        it("encrypts with the account's default key and adds no KMS policy when no key is given", async () => {
            const plain = await buildShop((a) => {
                web(a).ebsVolume = { containerPath: "/data" };
            });
            const v = plain.registry.one(T.service, "shop-web").inputs.volumeConfiguration.managedEbsVolume;
            assert.equal(v.encrypted, true);
            assert.equal(v.kmsKeyId, undefined);
            assert.equal(v.sizeInGb, 20);
            assert.equal(v.iops, undefined);
            assert.deepEqual(plain.registry.policiesOf("shop-web-ebs-role"), []);
        });

        it("creates no EBS role and no volume configuration for a service without ebsVolume", async () => {
            const plain = await buildShop(() => {});
            assert.equal(plain.registry.one(T.service, "shop-web").inputs.volumeConfiguration, undefined);
            assert.equal(plain.registry.named("shop-web-ebs-role"), undefined);
        });
    });

    describe("standalone tasks", () => {
        const args = (): ContainerServiceArgs =>
            withArgs((a) => {
                a.tasks = { migrate: { containers: { migrate: { image: IMAGE, command: ["migrate"] } } } };
            });
        let b: Built;
        before(async () => {
            b = await build(() => new ContainerService("shop", args()));
        });

        it("creates the task definition, its roles, log group and security group, and nothing that runs it", () => {
            for (const [type, name] of [
                [T.taskDefinition, "shop-migrate-task"],
                [T.role, "shop-migrate-execution-role"],
                [T.role, "shop-migrate-task-role"],
                [T.logGroup, "shop-migrate-logs"],
                [T.sg, "shop-migrate-sg"],
            ])
                assert.ok(b.registry.one(type, name));
            assert.equal(b.registry.ofType(T.service).length, 1, "only the web service");
            assert.equal(b.registry.ofType(SCHEDULE).length, 0);
            assert.equal(b.registry.ofType(EVENT_TARGET).length, 0);
            assert.ok(b.result.resources.tasks.migrate.taskDefinition);
        });

        it("outputs the RunTask parameters: cluster, family, Fargate strategy, private subnets and the task's security group", async () => {
            const run = b.result.runTasks.migrate;
            assert.equal(await unwrap(run.clusterArn), b.registry.one(T.cluster).outputs.arn);
            assert.equal(await unwrap(run.family), b.registry.one(T.taskDefinition, "shop-migrate-task").outputs.family);
            assert.deepEqual(run.capacityProviderStrategies, [{ capacityProvider: "FARGATE", weight: 1, base: 0 }]);
            assert.equal(run.platformVersion, "LATEST");
            assert.deepEqual(await unwrap(run.networkConfiguration!.subnets), ["subnet-a", "subnet-b"]);
            assert.deepEqual(await unwrap(run.networkConfiguration!.securityGroups[0]), b.registry.one(T.sg, "shop-migrate-sg").id);
            assert.equal(run.networkConfiguration!.assignPublicIp, false);
        });

        it("outputs a complete aws ecs run-task command", async () => {
            const command = await unwrap(b.result.runTasks.migrate.command);
            const family = b.registry.one(T.taskDefinition, "shop-migrate-task").outputs.family;
            const sg = b.registry.one(T.sg, "shop-migrate-sg").id;
            assert.match(command, /^aws ecs run-task --cluster arn:aws:ecs:\S+ /);
            assert.ok(command.includes(`--task-definition ${family} `), command);
            assert.ok(command.includes("--capacity-provider-strategy capacityProvider=FARGATE,weight=1,base=0"), command);
            assert.ok(command.includes(`awsvpcConfiguration={subnets=[subnet-a,subnet-b],securityGroups=[${sg}],assignPublicIp=DISABLED}`), command);
            assert.ok(command.includes("--propagate-tags TASK_DEFINITION"), command);
        });

        it("outputs the RunTask request in RunTask's own shape (taskDefinition, capacityProviderStrategy, awsvpcConfiguration)", async () => {
            const input = await unwrap(b.result.runTasks.migrate.input);
            assert.deepEqual(input, {
                cluster: b.registry.one(T.cluster).outputs.arn,
                taskDefinition: b.registry.one(T.taskDefinition, "shop-migrate-task").outputs.family,
                capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1, base: 0 }],
                platformVersion: "LATEST",
                networkConfiguration: {
                    awsvpcConfiguration: {
                        subnets: ["subnet-a", "subnet-b"],
                        securityGroups: [b.registry.one(T.sg, "shop-migrate-sg").id],
                        assignPublicIp: "DISABLED",
                    },
                },
                enableECSManagedTags: true,
                propagateTags: "TASK_DEFINITION",
            });
        });

        it("outputs what a caller needs to run it: RunTask on the family, PassRole of its two roles to ECS tasks, TagResource", async () => {
            const statements = (await unwrap(b.result.runTasks.migrate.statements)) as any[];
            const sid = (s: string) => statements.find((x) => x.Sid === s);
            assert.equal(sid("RunOwnTaskFamily").Action, "ecs:RunTask");
            assert.deepEqual(sid("PassOwnTaskRoles").Condition, { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
            assert.deepEqual(sid("PassOwnTaskRoles").Resource, [
                b.registry.one(T.role, "shop-migrate-execution-role").outputs.arn,
                b.registry.one(T.role, "shop-migrate-task-role").outputs.arn,
            ]);
            assert.equal(sid("TagStartedTasks").Action, "ecs:TagResource");
        });

        it("refuses a standalone task whose key gives the same child names as a service's", () => {
            const a = args();
            a.tasks = { web: { containers: { job: { image: IMAGE } } } };
            return assert.rejects(() => build(() => new ContainerService("shop", a)), /tasks\.web.* gives a child the same name as services\.web/);
        });
    });

    describe("taskCount per scheduled run", () => {
        it("starts taskCount tasks per run from the schedule and from the event rule", async () => {
            const b = await buildShop((a) => {
                a.scheduledTasks = {
                    fanout: { containers: { job: { image: IMAGE } }, schedule: "rate(1 hour)", eventPattern: { source: ["aws.s3"] }, taskCount: 4 },
                };
            });
            assert.equal(b.registry.one(SCHEDULE).inputs.target.ecsParameters.taskCount, 4);
            assert.equal(b.registry.one(EVENT_TARGET).inputs.ecsTarget.taskCount, 4);
        });

        it("starts one task per run by default", async () => {
            const b = await buildShop((a) => {
                a.scheduledTasks = { job: { containers: { job: { image: IMAGE } }, schedule: "rate(1 hour)" } };
            });
            assert.equal(b.registry.one(SCHEDULE).inputs.target.ecsParameters.taskCount, 1);
        });
    });
});
