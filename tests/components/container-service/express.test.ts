import * as assert from "node:assert";
import type { ContainerServiceArgs, ExpressServiceArgs } from "../../../components/container-service/args";
import { createExpressService } from "../../../components/container-service/express";
import { build, json, unwrap } from "../../../components/testing";
import { TestParent, VPC, testCtx } from "./ctx";

const SERVICE = "aws:ecs/expressGatewayService:ExpressGatewayService";
const ROLE = "aws:iam/role:Role";
const CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/web-cluster";
const DB_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";

const express = (svc: Partial<ExpressServiceArgs> = {}, extra: Partial<ContainerServiceArgs> = {}) =>
    build(() => {
        const ctx = testCtx("web", { vpc: VPC, expressServices: { site: { image: "public.ecr.aws/nginx/nginx:1.27", ...svc } }, ...extra });
        return createExpressService(ctx, "site", ctx.cfg.expressServices.site, CLUSTER);
    });

describe("ContainerService express services (ECS Express Mode)", () => {
    it("runs the image on the cluster with the default size as strings, health check path and port", async () => {
        const { registry } = await express();
        const svc = registry.one(SERVICE, "web-site");
        assert.equal(svc.inputs.cluster, CLUSTER);
        assert.equal(svc.inputs.cpu, "1024");
        assert.equal(svc.inputs.memory, "2048");
        assert.equal(svc.inputs.healthCheckPath, "/");
        assert.equal(svc.inputs.primaryContainer.image, "public.ecr.aws/nginx/nginx:1.27");
        assert.equal(svc.inputs.primaryContainer.containerPort, 8080);
        assert.equal(svc.inputs.tags["aws-platform:component"], "ContainerService/web");
        assert.equal(svc.parent, registry.one(TestParent.type).urn);
    });

    it("wires the execution, task and infrastructure roles by ARN", async () => {
        const { registry } = await express();
        const svc = registry.one(SERVICE);
        assert.equal(svc.inputs.executionRoleArn, registry.one(ROLE, "web-site-execution-role").outputs.arn);
        assert.equal(svc.inputs.taskRoleArn, registry.one(ROLE, "web-site-task-role").outputs.arn);
        assert.equal(svc.inputs.infrastructureRoleArn, registry.one(ROLE, "web-site-infrastructure-role").outputs.arn);
    });

    it("places the tasks in the private subnets with their own security group", async () => {
        const { registry } = await express();
        const sg = registry.one("aws:ec2/securityGroup:SecurityGroup", "web-site-sg");
        assert.deepEqual(registry.one(SERVICE).inputs.networkConfigurations, [{ subnets: VPC.privateSubnetIds, securityGroups: [sg.id] }]);
    });

    it("gives the tasks' security group all egress and no ingress", async () => {
        const { registry } = await express();
        const sg = registry.one("aws:ec2/securityGroup:SecurityGroup", "web-site-sg");
        assert.equal(sg.inputs.vpcId, VPC.vpcId);
        assert.deepEqual(
            sg.inputs.egress.map((e: any) => [e.protocol, e.cidrBlocks]),
            [["-1", ["0.0.0.0/0"]]],
        );
        assert.deepEqual(sg.inputs.ingress ?? [], []);
    });

    it("scales on the configured metric between the minimum and maximum task counts", async () => {
        const { registry } = await express({ scaling: { minCount: 2, maxCount: 10, metric: "REQUEST_COUNT_PER_TARGET", target: 500 } });
        assert.deepEqual(registry.one(SERVICE).inputs.scalingTargets, [
            { autoScalingMetric: "REQUEST_COUNT_PER_TARGET", autoScalingTargetValue: 500, minTaskCount: 2, maxTaskCount: 10 },
        ]);
    });

    it("scales on average CPU at 60% between 1 and 4 tasks by default", async () => {
        const { registry } = await express();
        assert.deepEqual(registry.one(SERVICE).inputs.scalingTargets, [
            { autoScalingMetric: "AVERAGE_CPU", autoScalingTargetValue: 60, minTaskCount: 1, maxTaskCount: 4 },
        ]);
    });

    it("sends container logs to its own log group with the configured retention, prefixed by the service key", async () => {
        const { registry } = await express({}, { logRetentionDays: 90 });
        const group = registry.one("aws:cloudwatch/logGroup:LogGroup", "web-site-logs");
        assert.equal(group.inputs.retentionInDays, 90);
        assert.deepEqual(registry.one(SERVICE).inputs.primaryContainer.awsLogsConfigurations, [{ logGroup: group.outputs.name, logStreamPrefix: "site" }]);
    });

    it("passes environment variables sorted by name and secrets by reference", async () => {
        const { registry } = await express({ environment: { ZONE: "b", APP_ENV: "prod" }, secrets: { DB_PASSWORD: `${DB_SECRET}:password::` } });
        const container = registry.one(SERVICE).inputs.primaryContainer;
        assert.deepEqual(container.environments, [
            { name: "APP_ENV", value: "prod" },
            { name: "ZONE", value: "b" },
        ]);
        assert.deepEqual(container.secrets, [{ name: "DB_PASSWORD", valueFrom: `${DB_SECRET}:password::` }]);
    });

    it("lets the infrastructure role be assumed only by ECS, with AWS's Express Mode managed policy", async () => {
        const { registry } = await express();
        const role = registry.one(ROLE, "web-site-infrastructure-role");
        const trust = json(role.inputs.assumeRolePolicy);
        assert.deepEqual(
            trust.Statement.map((s: any) => [s.Effect, s.Principal, s.Action]),
            [["Allow", { Service: "ecs.amazonaws.com" }, "sts:AssumeRole"]],
        );
        assert.deepEqual(registry.managedPoliciesOf(role), ["arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices"]);
        assert.deepEqual(registry.policiesOf(role), []);
    });

    it("lets only ECS tasks of this account assume the execution and task roles", async () => {
        const { registry } = await express();
        for (const name of ["web-site-execution-role", "web-site-task-role"]) {
            const [s] = json(registry.one(ROLE, name).inputs.assumeRolePolicy).Statement;
            assert.deepEqual(s.Principal, { Service: "ecs-tasks.amazonaws.com" }, name);
            assert.equal(s.Condition.StringEquals["aws:SourceAccount"], "123456789012", name);
        }
    });

    it("lets the execution role read exactly the named secret and write only its log group", async () => {
        const { registry } = await express({ secrets: { DB_PASSWORD: `${DB_SECRET}:password::` } });
        const group = registry.one("aws:cloudwatch/logGroup:LogGroup");
        const role = registry.one(ROLE, "web-site-execution-role");
        assert.equal(registry.policiesOf(role).length, 1);
        const statements = json(registry.policiesOf(role)[0].policy).Statement;
        assert.deepEqual(
            statements.map((s: any) => s.Sid),
            ["WriteOwnLogGroup", "ReadNamedSecrets"],
        );
        assert.equal(statements[0].Resource, `${group.outputs.arn}:log-stream:*`);
        assert.deepEqual(statements[1].Resource, [DB_SECRET]);
        const secretActions = statements.flatMap((s: any) => [s.Action].flat()).filter((a: string) => /^(secretsmanager|ssm):/.test(a));
        assert.deepEqual(secretActions, ["secretsmanager:GetSecretValue", "ssm:GetParameters"]);
    });

    it("lets the execution role pull from the repository of a private ECR image, and no other", async () => {
        const { registry } = await express({ image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/site:1.0" });
        const statements = registry.statementsOf("web-site-execution-role");
        const pull = statements.find((s: any) => s.Sid === "PullOwnImages");
        assert.deepEqual(pull.Resource, ["arn:aws:ecr:us-east-1:123456789012:repository/site"]);
    });

    it("gives the task role the app's statements and managed policies", async () => {
        const statement = { Effect: "Allow" as const, Action: "s3:GetObject", Resource: "arn:aws:s3:::assets/*" };
        const managed = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        const { registry } = await express({ taskRole: { statements: [statement], managedPolicyArns: [managed] } });
        const role = registry.one(ROLE, "web-site-task-role");
        assert.deepEqual(registry.statementsOf(role), [statement]);
        assert.deepEqual(registry.managedPoliciesOf(role), [managed]);
    });

    it("gives the task role no inline policy when the app needs none", async () => {
        const { registry } = await express();
        assert.deepEqual(registry.policiesOf("web-site-task-role"), []);
    });

    it("outputs the service's HTTPS URL from its first ingress path", async () => {
        const { result } = await express();
        const endpoint = (await unwrap(result.service.ingressPaths))[0].endpoint;
        assert.equal(await unwrap(result.url), `https://${endpoint}`);
        assert.match(await unwrap(result.url), /^https:\/\/web-site-[0-9a-f]+\.ecs\.us-east-1\.on\.aws$/);
    });

    it("outputs the public endpoint's URL when Express Mode lists a private path first", async () => {
        const paths = [
            { accessType: "PRIVATE", endpoint: "site-private.ecs.us-east-1.on.aws" },
            { accessType: "PUBLIC", endpoint: "site-public.ecs.us-east-1.on.aws" },
        ];
        const { result } = await build(
            () => {
                const ctx = testCtx("web", { vpc: VPC, expressServices: { site: { image: "public.ecr.aws/nginx/nginx:1.27" } } });
                return createExpressService(ctx, "site", ctx.cfg.expressServices.site, CLUSTER);
            },
            { fixtures: { resources: { [SERVICE]: () => ({ state: { ingressPaths: paths } }) } } },
        );
        assert.equal(await unwrap(result.url), "https://site-public.ecs.us-east-1.on.aws");
    });

    it("applies transform.expressService to the service's args", async () => {
        const { registry } = await express({}, { transform: { expressService: (a) => ({ ...a, healthCheckPath: "/ready" }) } });
        assert.equal(registry.one(SERVICE).inputs.healthCheckPath, "/ready");
    });
});
