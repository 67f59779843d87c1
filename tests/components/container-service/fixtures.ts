/**
 * Valid ContainerService args for the component-level tests: one Fargate service "web" (container
 * "web", nginx on port 80) behind an internet-facing ALB "public". Each call returns a fresh copy, so
 * a test may mutate it.
 */
import * as assert from "node:assert";
import { ContainerService } from "../../../components/container-service";
import { checkMountableSubnets } from "../../../components/container-service/storage";
import { validate } from "../../../components/container-service/validate";
import { ArgsError, Issue } from "../../../components/shared/errors";
import { Built, RecordedResource, build, buildFails, json } from "../../../components/testing";
import type { ContainerServiceArgs, ServiceArgs } from "../../../components/container-service/args";

export const IMAGE = "public.ecr.aws/nginx/nginx:1.27";
export const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
export const DB_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
export const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";

export const VPC = {
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-a", "subnet-b"],
    publicSubnetIds: ["subnet-c", "subnet-d"],
    cidrBlock: "10.0.0.0/16",
};

/** A Fargate service with one container listening on `port`, behind `lb` when given. */
export function webService(port = 80, lb: string | null = "public", extra: Partial<ServiceArgs> = {}): ServiceArgs {
    return {
        containers: { web: { image: IMAGE, portMappings: [{ containerPort: port }] } },
        ...(lb ? { loadBalancer: { name: lb, containerPort: port } } : {}),
        ...extra,
    };
}

/** The minimal valid args (a fresh object each call). */
export function baseArgs(): ContainerServiceArgs {
    return {
        vpc: { ...VPC, privateSubnetIds: [...VPC.privateSubnetIds], publicSubnetIds: [...VPC.publicSubnetIds] },
        loadBalancers: { public: { type: "application" } },
        services: { web: webService() },
    };
}

/** The base args changed by `mutate` (which may also return a replacement). */
export function withArgs(mutate: (a: ContainerServiceArgs) => ContainerServiceArgs | void): ContainerServiceArgs {
    const a = baseArgs();
    return mutate(a) ?? a;
}

/** Builds a component "shop" from the base args changed by `mutate`, under the mocks. */
export function buildShop(mutate: (a: ContainerServiceArgs) => ContainerServiceArgs | void): Promise<Built<ContainerService>> {
    return build(() => new ContainerService("shop", withArgs(mutate)));
}

/** The base service "web", for mutation in place (`web(a).cpu = 512`). */
export function web(a: ContainerServiceArgs): ServiceArgs {
    return a.services!.web;
}

/** Resource types the component's tests look up. */
export const T = {
    component: "aws-platform:ecs:ContainerService",
    cluster: "aws:ecs/cluster:Cluster",
    capacityProviders: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
    capacityProvider: "aws:ecs/capacityProvider:CapacityProvider",
    service: "aws:ecs/service:Service",
    taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
    expressService: "aws:ecs/expressGatewayService:ExpressGatewayService",
    role: "aws:iam/role:Role",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    asg: "aws:autoscaling/group:Group",
    queue: "aws:sqs/queue:Queue",
    queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
    scalingTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
    scheduledAction: "aws:appautoscaling/scheduledAction:ScheduledAction",
    fileSystem: "aws:efs/fileSystem:FileSystem",
    accessPoint: "aws:efs/accessPoint:AccessPoint",
    repository: "aws:ecr/repository:Repository",
} as const;

/** The container definitions of a task definition (parsed), by container name. */
export function containerDefinitions(task: RecordedResource): Record<string, any> {
    return Object.fromEntries(json<any[]>(task.inputs.containerDefinitions).map((d) => [d.name, d]));
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** True when an IAM statement allows every action on every resource. */
export function allowsStarOnStar(s: { Effect?: string; Action?: unknown; Resource?: unknown }): boolean {
    return s.Effect === "Allow" && asList(s.Action).includes("*") && asList(s.Resource).includes("*");
}

/** What the constructor checks before it creates anything: `validate`, then the EFS subnet rule. */
export function issuesOf(args: ContainerServiceArgs): Issue[] {
    const issues = validate(args);
    return issues.length ? issues : checkMountableSubnets(args);
}

/** An issue as the ArgsError prints it, without the path. */
export const render = (i: Issue) => `${i.message}; allowed: ${i.allowed ?? ""}`;

/**
 * `args` are refused with an issue at `path` whose text matches `message`, and the constructor throws
 * that ArgsError before registering anything.
 */
export async function assertRefusedAt(args: ContainerServiceArgs, path: string, message: RegExp): Promise<void> {
    const issues = issuesOf(args);
    const hit = issues.find((i) => i.path === path);
    assert.ok(hit, `no issue at ${path}; got ${JSON.stringify(issues)}`);
    assert.match(render(hit), message);
    const { error, registry } = await buildFails(() => new ContainerService("shop", args));
    assert.ok(error instanceof ArgsError, String(error));
    assert.ok(error.message.includes(path), error.message);
    assert.equal(registry.size, 0);
}
