/**
 * Defects that deployed and then broke on a real account (issue 12, class 2): each test failed on the
 * code before its fix.
 */
import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ContainerService } from "../../../components/container-service";
import type { ContainerServiceArgs } from "../../../components/container-service/args";
import { secretResourceArn } from "../../../components/container-service/task";
import { Registry, build, json, unwrap } from "../../../components/testing";
import { CERT, DB_SECRET, IMAGE, T, TOPIC, web, webService, withArgs, assertRefusedAt, issuesOf } from "./fixtures";

type Built = { registry: Registry; result: ContainerService; warnings: string[] };
const shop = (args: ContainerServiceArgs, config?: Record<string, unknown>): Promise<Built> =>
    build(() => new ContainerService("shop", args), config ? { config } : {});

const KEY = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const SETTING = "aws:ecs/accountSettingDefault:AccountSettingDefault";
const MOUNT_TARGET = "aws:efs/mountTarget:MountTarget";

/** Bridge-free EC2 capacity: a Fargate web service plus an awsvpc service on the EC2 group. */
const ec2Args = (extra: Partial<NonNullable<ContainerServiceArgs["ec2Capacity"]>> = {}) =>
    withArgs((a) => {
        a.ec2Capacity = { instanceTypes: ["m5.large"], ...extra };
        a.services!.api = webService(8080, null, { capacity: "ec2" });
    });

const efsArgs = () =>
    withArgs((a) => {
        a.fileSystems = { shared: {} };
        web(a).volumes = { data: { fileSystem: "shared", containerPath: "/data" } };
        a.scheduledTasks = {
            report: {
                containers: { report: { image: IMAGE } },
                schedule: "cron(0 3 * * ? *)",
                volumes: { data: { fileSystem: "shared", containerPath: "/data" } },
            },
        };
    });

describe("ContainerService deploy defects (issue 12)", () => {
    describe("EFS: tasks start only once the file system is reachable", () => {
        let b: Built;
        before(async () => {
            b = await shop(efsArgs());
        });

        it("makes a service with an EFS volume wait for every mount target and its NFS ingress rule", () => {
            const deps = b.registry.one(T.service, "shop-web").dependencies;
            const needed = [...b.registry.ofType(MOUNT_TARGET), b.registry.one(T.ingress, "shop-web-shared-efs-ingress")].map((r) => r.urn);
            assert.equal(needed.length, 3);
            for (const urn of needed) assert.ok(deps.includes(urn), `shop-web does not wait for ${urn}`);
        });

        it("makes a scheduled task's schedule wait for every mount target and its NFS ingress rule", () => {
            const deps = b.registry.one("aws:scheduler/schedule:Schedule", "shop-report-schedule").dependencies;
            const needed = [...b.registry.ofType(MOUNT_TARGET), b.registry.one(T.ingress, "shop-report-shared-efs-ingress")].map((r) => r.urn);
            for (const urn of needed) assert.ok(deps.includes(urn), `the schedule does not wait for ${urn}`);
        });

        it("makes an event rule's target wait for the mount targets too", async () => {
            const { registry } = await shop(
                withArgs((a) => {
                    a.fileSystems = { shared: {} };
                    a.scheduledTasks = {
                        ingest: {
                            containers: { ingest: { image: IMAGE } },
                            eventPattern: { source: ["aws.s3"] },
                            volumes: { data: { fileSystem: "shared", containerPath: "/data" } },
                        },
                    };
                }),
            );
            const deps = registry.one("aws:cloudwatch/eventTarget:EventTarget").dependencies;
            for (const mt of registry.ofType(MOUNT_TARGET)) assert.ok(deps.includes(mt.urn));
        });

        it("puts mount targets in one subnet per AZ when the VPC gives its subnets by AZ, named by AZ", async () => {
            const { registry } = await shop(
                withArgs((a) => {
                    a.fileSystems = { shared: {} };
                    a.vpc.privateSubnetIdsByAz = { "us-east-1a": "subnet-a", "us-east-1b": "subnet-b" };
                    a.vpc.privateSubnetIds = ["subnet-a", "subnet-a2", "subnet-b"];
                }),
            );
            const targets = registry.ofType(MOUNT_TARGET).map((m) => [m.name, m.inputs.subnetId]);
            assert.deepEqual(targets, [
                ["shop-shared-efs-mount-target-us-east-1a", "subnet-a"],
                ["shop-shared-efs-mount-target-us-east-1b", "subnet-b"],
            ]);
        });
    });

    describe("trust policies as AWS documents them", () => {
        it("lets EC2 assume the container instance role with no condition (AWS's ecsInstanceRole trust policy)", async () => {
            const { registry } = await shop(ec2Args());
            const trust = json(registry.one(T.role, "shop-instance-role").inputs.assumeRolePolicy);
            assert.deepEqual(trust.Statement, [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
        });

        it("lets ECS assume the Express infrastructure role with no condition (AWS's infrastructure role trust policy)", async () => {
            const { registry } = await shop(
                withArgs((a) => {
                    a.expressServices = { site: { image: IMAGE } };
                }),
            );
            const trust = json(registry.one(T.role, "shop-site-infrastructure-role").inputs.assumeRolePolicy);
            assert.deepEqual(trust.Statement, [
                {
                    Sid: "AllowAccessToECSForInfrastructureManagement",
                    Effect: "Allow",
                    Principal: { Service: "ecs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                },
            ]);
        });
    });

    describe("EC2 capacity tags (provider default tags skip Auto Scaling groups)", () => {
        let b: Built;
        before(async () => {
            b = await shop(
                withArgs((a) => {
                    a.ec2Capacity = { instanceTypes: ["m5.large"] };
                    a.tags = { team: "payments" };
                    Object.assign(web(a), { capacity: "ec2", networkMode: "bridge" });
                }),
                { "aws:defaultTags": { tags: { project: "aws-platform", environment: "prod" } } },
            );
        });

        it("propagates the provider's default tags and the component's tags from the group to its instances", () => {
            const tags = b.registry.one(T.asg).inputs.tags as Array<{ key: string; value: string; propagateAtLaunch: boolean }>;
            const byKey = Object.fromEntries(tags.map((t) => [t.key, t]));
            for (const [key, value] of [
                ["project", "aws-platform"],
                ["environment", "prod"],
                ["team", "payments"],
                ["aws-platform:component", "ContainerService/shop"],
                ["AmazonECSManaged", "true"],
            ]) {
                assert.deepEqual(byKey[key], { key, value, propagateAtLaunch: true }, key);
            }
        });

        it("fails, naming the limit, when default and component tags together exceed AWS's 50 on the group", async () => {
            const many = Object.fromEntries(Array.from({ length: 30 }, (_v, i) => [`default-${i}`, "x"]));
            const mine = Object.fromEntries(Array.from({ length: 20 }, (_v, i) => [`team-${i}`, "y"]));
            await assert.rejects(
                shop(
                    withArgs((a) => {
                        a.ec2Capacity = { instanceTypes: ["m5.large"] };
                        a.tags = mine;
                        Object.assign(web(a), { capacity: "ec2", networkMode: "bridge" });
                    }),
                    { "aws:defaultTags": { tags: many } },
                ),
                /ContainerService "shop": tags=51 with the provider's default tags, gives the EC2 group and its instances 53 tags; allowed: at most 50/,
            );
        });

        it("tags instances, volumes and network interfaces at launch with the default and component tags", () => {
            const specs = b.registry.one(T.launchTemplate).inputs.tagSpecifications as Array<{ resourceType: string; tags: Record<string, string> }>;
            assert.deepEqual(specs.map((s) => s.resourceType).sort(), ["instance", "network-interface", "volume"]);
            for (const s of specs) {
                assert.equal(s.tags.project, "aws-platform", s.resourceType);
                assert.equal(s.tags.environment, "prod", s.resourceType);
                assert.equal(s.tags.team, "payments", s.resourceType);
                assert.equal(s.tags["aws-platform:component"], "ContainerService/shop", s.resourceType);
            }
            assert.equal(specs.find((s) => s.resourceType === "instance")!.tags.Name, "shop-instance");
        });
    });

    it("alarms on any message in a scheduled task's dead-letter queue, to the alarm topic", async () => {
        const { registry } = await shop(
            withArgs((a) => {
                a.alarmTopicArn = TOPIC;
                a.scheduledTasks = { report: { containers: { report: { image: IMAGE } }, schedule: "cron(0 3 * * ? *)" } };
            }),
        );
        const alarm = registry.one(T.alarm, "shop-report-dlq-messages").inputs;
        const dlq = registry.one(T.queue, "shop-report-dlq");
        assert.equal(alarm.namespace, "AWS/SQS");
        assert.equal(alarm.metricName, "ApproximateNumberOfMessagesVisible");
        assert.deepEqual(alarm.dimensions, { QueueName: dlq.outputs.name });
        assert.equal(alarm.threshold, 1);
        assert.equal(alarm.comparisonOperator, "GreaterThanOrEqualToThreshold");
        assert.deepEqual(alarm.alarmActions, [TOPIC]);
        // An idle queue's metrics stop after ~6 hours: the alarm must stay in ALARM, not turn OK.
        assert.equal(alarm.treatMissingData, "ignore");
    });

    describe("secrets", () => {
        it("grants a secret given without its 6-character suffix as <arn>-?????? (IAM matches the full ARN only)", () => {
            const partial = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db";
            assert.equal(secretResourceArn(partial), `${partial}-??????`);
            assert.equal(secretResourceArn(`${partial}:password::`), `${partial}-??????`);
            assert.equal(secretResourceArn(`${partial}:password:AWSCURRENT:`), `${partial}-??????`);
        });

        it("keeps a complete secret ARN, with or without a JSON key, and leaves SSM parameters alone", () => {
            assert.equal(secretResourceArn(DB_SECRET), DB_SECRET);
            assert.equal(secretResourceArn(`${DB_SECRET}:password:AWSCURRENT:`), DB_SECRET);
            const param = "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db";
            assert.equal(secretResourceArn(param), param);
        });

        it("lets the execution role decrypt secretsKmsKeyArns only through Secrets Manager and SSM", async () => {
            const { registry } = await shop(
                withArgs((a) => {
                    web(a).containers.web.secrets = { DB_PASSWORD: DB_SECRET };
                    web(a).secretsKmsKeyArns = [KEY];
                }),
            );
            const st = registry.statementsOf("shop-web-execution-role").find((s) => s.Sid === "DecryptSecrets");
            assert.deepEqual(st, {
                Sid: "DecryptSecrets",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: [KEY],
                Condition: { StringEquals: { "kms:ViaService": ["secretsmanager.us-east-1.amazonaws.com", "ssm.us-east-1.amazonaws.com"] } },
            });
        });

        it("lets an Express service's execution role decrypt its secretsKmsKeyArns too", async () => {
            const { registry } = await shop(
                withArgs((a) => {
                    a.expressServices = { site: { image: IMAGE, secrets: { DB_PASSWORD: DB_SECRET }, secretsKmsKeyArns: [KEY] } };
                }),
            );
            const st = registry.statementsOf("shop-site-execution-role").find((x) => x.Sid === "DecryptSecrets");
            assert.deepEqual(st?.Resource, [KEY]);
        });

        it("grants no kms:Decrypt without secretsKmsKeyArns", async () => {
            const { registry } = await shop(
                withArgs((a) => {
                    web(a).containers.web.secrets = { DB_PASSWORD: DB_SECRET };
                }),
            );
            const actions = registry.statementsOf("shop-web-execution-role").flatMap((s) => [s.Action].flat());
            assert.ok(!actions.includes("kms:Decrypt"));
        });
    });

    describe("images given as Outputs (review of issue 12)", () => {
        const statementsFor = async (image: pulumi.Input<string>) => {
            const { registry } = await shop(
                withArgs((a) => {
                    web(a).containers.web.image = image;
                }),
            );
            return registry.statementsOf("shop-web-execution-role");
        };

        it("grants pulls from the repository of a private ECR image known only as an Output", async () => {
            const statements = await statementsFor(pulumi.output("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.2.3"));
            const pull = statements.find((st) => st.Sid === "PullOwnImages");
            assert.deepEqual(pull?.Resource, ["arn:aws:ecr:us-east-1:123456789012:repository/shop/web"]);
            assert.deepEqual(statements.find((st) => st.Sid === "EcrAuth")?.Resource, ["*"]);
        });

        it("grants no ECR pull for a public image given as an Output, and leaves no empty statement", async () => {
            const statements = await statementsFor(pulumi.output(IMAGE));
            assert.deepEqual(
                statements.map((st) => st.Sid),
                ["WriteOwnLogGroup"],
            );
        });
    });

    describe("ENI trunking", () => {
        it("warns, with a stable code, that awsvpc tasks on EC2 without ENI trunking fit few per instance", async () => {
            const { warnings } = await shop(ec2Args());
            const w = warnings.filter((x) => x.startsWith("[aws-platform:ecs:eni-trunking]"));
            assert.equal(w.length, 1);
            assert.match(w[0], /ContainerService "shop": service "api" runs awsvpc tasks on EC2 without ENI trunking/);
            assert.match(w[0], /awsvpcTrunking: true/);
        });

        it("turns the awsvpcTrunking account setting on when asked, before the group launches instances, and does not warn", async () => {
            const { registry, warnings } = await shop(ec2Args({ awsvpcTrunking: true }));
            const setting = registry.one(SETTING);
            assert.deepEqual([setting.inputs.name, setting.inputs.value], ["awsvpcTrunking", "enabled"]);
            assert.ok(registry.one(T.asg).dependencies.includes(setting.urn));
            // Deleting it would set the account's default back to disabled for every cluster.
            assert.equal(setting.retainOnDelete, true);
            assert.deepEqual(
                warnings.filter((x) => x.includes("eni-trunking")),
                [],
            );
        });

        it("does not warn for bridge-mode tasks on EC2, and creates no account setting by default", async () => {
            const { registry, warnings } = await shop(
                withArgs((a) => {
                    a.ec2Capacity = { instanceTypes: ["m5.large"] };
                    Object.assign(web(a), { capacity: "ec2", networkMode: "bridge" });
                }),
            );
            assert.deepEqual(
                warnings.filter((x) => x.includes("eni-trunking")),
                [],
            );
            assert.equal(registry.ofType(SETTING).length, 0);
        });
    });

    describe("NLB URLs keep their listener port", () => {
        let b: Built;
        before(async () => {
            b = await shop(
                withArgs((a) => {
                    a.loadBalancers!.edge = { type: "network" };
                    a.loadBalancers!.secure = { type: "network", certificateArn: CERT };
                    a.services!.tcp = webService(9000, "edge");
                    a.services!.tcp.loadBalancer!.listenerPort = 9000;
                    a.services!.tls = webService(8443, "secure");
                }),
            );
        });

        it("includes a TCP listener's port in the NLB and service URLs", async () => {
            const dns = b.registry.one(T.lb, "shop-edge-nlb").outputs.dnsName;
            assert.equal(await unwrap(b.result.urls.edge), `tcp://${dns}:9000`);
            assert.equal(await unwrap(b.result.serviceUrls.tcp), `tcp://${dns}:9000`);
        });

        it("leaves out 443 for TLS, the scheme's default", async () => {
            const dns = b.registry.one(T.lb, "shop-secure-nlb").outputs.dnsName;
            assert.equal(await unwrap(b.result.urls.secure), `tls://${dns}`);
            assert.equal(await unwrap(b.result.serviceUrls.tls), `tls://${dns}`);
        });
    });
});

interface Case {
    title: string;
    args: ContainerServiceArgs;
    path: string;
    message: RegExp;
}

const cases: Case[] = [
    {
        title: "refuses Express Mode with fewer than two subnets (its load balancer needs two AZs)",
        args: withArgs((a) => {
            a.vpc.privateSubnetIds = ["subnet-a"];
            a.loadBalancers = {};
            a.services = {};
            a.expressServices = { site: { image: IMAGE } };
        }),
        path: "vpc.privateSubnetIds",
        message: /Express Mode.*two/,
    },
    {
        title: "refuses ECS Exec on a container with a read-only root file system (the SSM agent writes to it)",
        args: withArgs((a) => {
            web(a).enableExecuteCommand = true;
        }),
        path: "services.web.enableExecuteCommand",
        message: /read-only root file system.*readonlyRootFilesystem: false/,
    },
    {
        title: "refuses backlogPerTask with Container Insights disabled (the running task count comes from Insights)",
        args: withArgs((a) => {
            a.cluster = { containerInsights: "disabled" };
            a.services!.worker = webService(80, null, { queue: {}, scaling: { minCount: 1, maxCount: 4, backlogPerTask: 10 } });
        }),
        path: "services.worker.scaling.backlogPerTask",
        message: /Container Insights/,
    },
    {
        title: "refuses listenerPort 80 on an ALB with a certificate, where port 80 only redirects to HTTPS",
        args: withArgs((a) => {
            a.loadBalancers!.public.certificateArn = CERT;
            web(a).loadBalancer!.listenerPort = 80;
        }),
        path: "services.web.loadBalancer.listenerPort",
        message: /redirects HTTP to HTTPS/,
    },
    {
        title: "refuses the same private subnet twice when file systems need one mount target per AZ",
        args: withArgs((a) => {
            a.fileSystems = { shared: {} };
            a.vpc.privateSubnetIds = ["subnet-a", "subnet-a"];
        }),
        path: "vpc.privateSubnetIds",
        message: /subnet-a.*twice/,
    },
    {
        title: "refuses privateSubnetIdsByAz keys that are not availability zones",
        args: withArgs((a) => {
            a.vpc.privateSubnetIdsByAz = { first: "subnet-a" };
        }),
        path: "vpc.privateSubnetIdsByAz.first",
        message: /availability zone/,
    },
    {
        title: "refuses a secretsKmsKeyArns entry that is not a KMS key ARN",
        args: withArgs((a) => {
            web(a).containers.web.secrets = { DB_PASSWORD: DB_SECRET };
            web(a).secretsKmsKeyArns = ["alias/aws/secretsmanager"];
        }),
        path: "services.web.secretsKmsKeyArns[0]",
        message: /KMS key ARN/,
    },
    {
        title: "refuses a secretsKmsKeyArns entry whose key id is neither a UUID nor mrk-<32 hex>, as EksCluster does",
        args: withArgs((a) => {
            web(a).containers.web.secrets = { DB_PASSWORD: DB_SECRET };
            web(a).secretsKmsKeyArns = ["arn:aws:kms:us-east-1:123456789012:key/abc"];
        }),
        path: "services.web.secretsKmsKeyArns[0]",
        message: /KMS key ARN/,
    },
];

describe("ContainerService deploy defects: refused before any resource", () => {
    for (const c of cases) {
        it(c.title, () => assertRefusedAt(c.args, c.path, c.message));
    }

    it("accepts ECS Exec when every container's root file system is writable", () => {
        const args = withArgs((a) => {
            web(a).enableExecuteCommand = true;
            web(a).containers.web.readonlyRootFilesystem = false;
        });
        assert.deepEqual(issuesOf(args), []);
    });
});
