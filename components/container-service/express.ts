import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as ecs from "@pulumi/aws/ecs";
import * as iam from "@pulumi/aws/iam";
import { assumeRolePolicy, awsManagedPolicyArn, createRole } from "../shared/iam";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import { type Ctx, type RolePolicyResources, roleChildren, rolePolicyResources } from "./context";
import type { ResolvedExpress } from "./defaults";
import { createTaskIdentity, namedPairs, pullRepositoryOf } from "./task";

/** An ECS Express Mode service and the roles, log group and security group it is given. */
/** `rolePolicies` and `rolePolicyAttachments`: those of the execution, task and infrastructure roles. */
export interface ExpressResources extends RolePolicyResources {
    service: ecs.ExpressGatewayService;
    logGroup: cloudwatch.LogGroup;
    executionRole: iam.Role;
    taskRole: iam.Role;
    /** The role ECS uses to create and manage the service's load balancer, target groups and scaling. */
    infrastructureRole: iam.Role;
    /** The tasks' security group: egress only. */
    securityGroup: ec2.SecurityGroup;
    /** `https://` and the service's first ingress endpoint. */
    url: pulumi.Output<string>;
}

/**
 * Creates one of `expressServices`: ECS Express Mode (the App Runner replacement) provisions the
 * HTTPS load balancer, certificate, target group and auto scaling itself; the component supplies the
 * roles, the log group and the tasks' network (private subnets, an egress-only security group).
 */
export function createExpressService(ctx: Ctx, key: string, svc: ResolvedExpress, clusterName: pulumi.Input<string>): ExpressResources {
    const base = childName(ctx.name, key);
    const t = ctx.cfg.transform;
    const pullArn = pullRepositoryOf(svc.image);
    const { logGroup, execution, task } = createTaskIdentity(ctx, base, {
        secretRefs: Object.values(svc.secrets),
        secretsKmsKeyArns: svc.secretsKmsKeyArns,
        pullRepositoryArns: pullArn ? [pullArn] : [],
        statements: svc.taskRole.statements,
        managedPolicyArns: svc.taskRole.managedPolicyArns,
    });

    // Express Mode creates load balancers, listeners, certificates and scaling policies in the
    // account: AWS's managed policy for it is the documented, maintained grant. The trust policy is
    // AWS's own, without conditions: AWS documents none for this role
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html).
    const infrastructure = createRole(
        childName(base, "infrastructure-role"),
        {
            description: `ECS manages ${base}'s load balancer, certificate and auto scaling with this role`,
            assumeRolePolicy: assumeRolePolicy("ecs.amazonaws.com", { sid: "AllowAccessToECSForInfrastructureManagement" }),
            managedPolicies: {
                express: awsManagedPolicyArn(ctx.partition, "service-role/AmazonECSInfrastructureRoleforExpressGatewayServices"),
            },
            tags: ctx.tags,
        },
        ctx.opts,
        t.infrastructureRole,
        roleChildren(ctx),
    );

    const securityGroup = create(
        ec2.SecurityGroup,
        fitName(childName(base, "sg"), ec2.SecurityGroup),
        {
            vpcId: ctx.cfg.vpc.vpcId,
            description: `Tasks of ${base} (Express Mode)`,
            // Tasks reach AWS APIs, registries and their dependencies through the NAT gateway.
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "All outbound" }],
            tags: { ...ctx.tags, Name: childName(base, "sg") },
        },
        ctx.opts,
        t.securityGroup,
    );

    // The roles' ARNs resolve once their policies are attached, so the service depends on those too:
    // it never starts with a role that cannot yet pull, log or manage its load balancer.
    const service = create(
        ecs.ExpressGatewayService,
        base,
        {
            cluster: clusterName,
            cpu: String(svc.cpu),
            memory: String(svc.memoryMiB),
            executionRoleArn: execution.arn,
            infrastructureRoleArn: infrastructure.arn,
            taskRoleArn: task.arn,
            healthCheckPath: svc.healthCheckPath,
            networkConfigurations: [{ subnets: ctx.cfg.vpc.privateSubnetIds, securityGroups: [securityGroup.id] }],
            primaryContainer: {
                image: svc.image,
                containerPort: svc.containerPort,
                environments: namedPairs(svc.environment, "value"),
                secrets: namedPairs(svc.secrets, "valueFrom"),
                awsLogsConfigurations: [{ logGroup: logGroup.name, logStreamPrefix: key }],
            },
            scalingTargets: [
                {
                    autoScalingMetric: svc.scaling.metric,
                    autoScalingTargetValue: svc.scaling.target,
                    minTaskCount: svc.scaling.minCount,
                    maxTaskCount: svc.scaling.maxCount,
                },
            ],
            tags: ctx.tags,
        },
        ctx.opts,
        t.expressService,
    );

    // The public endpoint when Express Mode made one; in private subnets its only path may be PRIVATE
    // (reachable from the VPC), which is still the service's URL.
    const url = service.ingressPaths.apply((paths) => {
        const endpoint = (paths?.find((p) => p.accessType === "PUBLIC") ?? paths?.[0])?.endpoint;
        return endpoint ? `https://${endpoint}` : "";
    });
    return {
        service,
        logGroup,
        executionRole: execution.role,
        taskRole: task.role,
        infrastructureRole: infrastructure.role,
        securityGroup,
        url,
        ...rolePolicyResources({ "execution-role": execution, "task-role": task, "infrastructure-role": infrastructure }),
    };
}
