import * as pulumi from "@pulumi/pulumi";
import * as autoscaling from "@pulumi/aws/autoscaling";
import * as ec2 from "@pulumi/aws/ec2";
import * as ecs from "@pulumi/aws/ecs";
import * as ssm from "@pulumi/aws/ssm";
import { assumeRolePolicy, createInstanceProfile, createRole } from "../shared/iam";
import { asgTags, launchTags } from "../shared/launch-tags";
import { createLaunchTemplate } from "../shared/launch-template";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import type { ClusterResources, Ctx } from "./context";
import { awsManagedPolicyArn } from "../shared/iam";

/** Public SSM parameters of the ECS-optimized Amazon Linux 2023 AMI. */
export const ECS_AMI_PARAMETER = {
    x86_64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
    arm64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
} as const;

/** The ECS agent's settings for instances of this cluster (user data). */
export function ecsUserData(clusterName: string): string {
    return [
        "#!/bin/bash",
        `echo ECS_CLUSTER=${clusterName} >> /etc/ecs/ecs.config`,
        // Drain tasks when a Spot interruption notice arrives (two minutes' warning).
        "echo ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config",
        // awsvpc tasks must not borrow the instance role through IMDS.
        "echo ECS_AWSVPC_BLOCK_IMDS=true >> /etc/ecs/ecs.config",
        "echo ECS_ENABLE_TASK_IAM_ROLE=true >> /etc/ecs/ecs.config",
        "",
    ].join("\n");
}

/**
 * The cluster with Container Insights, its capacity providers, and the EC2 group when asked; with a
 * Service Connect namespace, that namespace as the cluster's default (services created by hand with
 * Service Connect on and no namespace join it).
 */
export function createCluster(ctx: Ctx, serviceConnectNamespaceArn?: pulumi.Input<string>): ClusterResources {
    const t = ctx.cfg.transform;
    const cluster = create(
        ecs.Cluster,
        fitName(childName(ctx.name, "cluster"), ecs.Cluster),
        {
            settings: [{ name: "containerInsights", value: ctx.cfg.containerInsights }],
            ...(serviceConnectNamespaceArn !== undefined ? { serviceConnectDefaults: { namespace: serviceConnectNamespaceArn } } : {}),
            tags: ctx.tags,
        },
        ctx.opts,
        t.cluster,
    );

    const ec2Part = ctx.cfg.ec2Capacity ? createEc2Capacity(ctx, cluster) : undefined;
    const providers: pulumi.Input<string>[] = ["FARGATE", "FARGATE_SPOT"];
    if (ec2Part) providers.push(ec2Part.capacityProvider.name);
    const capacityProviders = new ecs.ClusterCapacityProviders(
        childName(ctx.name, "capacity-providers"),
        {
            clusterName: cluster.name,
            capacityProviders: providers,
            defaultCapacityProviderStrategies: [{ capacityProvider: "FARGATE", weight: 1, base: 0 }],
        },
        ctx.opts,
    );
    return {
        cluster,
        capacityProviders,
        ec2CapacityProviderName: ec2Part?.capacityProvider.name,
        instanceSecurityGroup: ec2Part?.securityGroup,
        awsvpcTrunking: ec2Part?.trunking,
    };
}

/**
 * An Auto Scaling group of ECS-optimized instances as a capacity provider: on-demand base plus Spot,
 * managed scaling (ECS sizes the group from the tasks' reservations) and managed termination
 * protection (no instance with tasks is scaled in).
 */
function createEc2Capacity(ctx: Ctx, cluster: ecs.Cluster) {
    const c = ctx.cfg.ec2Capacity!;
    const t = ctx.cfg.transform;
    const securityGroup = create(
        ec2.SecurityGroup,
        fitName(childName(ctx.name, "instances-sg"), ec2.SecurityGroup),
        {
            vpcId: ctx.cfg.vpc.vpcId,
            description: `ECS container instances of ${ctx.name}`,
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "All outbound" }],
            tags: { ...ctx.tags, Name: childName(ctx.name, "instances-sg") },
        },
        ctx.opts,
        t.securityGroup,
    );
    const role = createRole(
        childName(ctx.name, "instance-role"),
        {
            description: `ECS container instances of ${ctx.name}`,
            // AWS's trust policy for the container instance role, as documented: no condition. AWS
            // documents no confused-deputy key for EC2 assuming an instance role, and a condition on a
            // key the request does not carry denies the role to every instance
            // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/instance_IAM_role.html).
            assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
            managedPolicies: {
                // AWS's policy for the ECS agent (register, poll, pull, logs) and SSM for shell access without SSH.
                ecs: awsManagedPolicyArn(ctx.partition, "service-role/AmazonEC2ContainerServiceforEC2Role"),
                ssm: awsManagedPolicyArn(ctx.partition, "AmazonSSMManagedInstanceCore"),
            },
            tags: ctx.tags,
        },
        ctx.opts,
    );
    // Instances launched before the policies are attached could not register with the cluster.
    const profile = createInstanceProfile(ctx.name, role, ctx.tags, ctx.opts);
    const ami = ssm.getParameterOutput({ name: ECS_AMI_PARAMETER[c.architecture] }, { parent: ctx.opts.parent });
    // Instances, volumes and ENIs get only the group's propagated tags and the template's tag
    // specifications; the group adds AmazonECSManaged and the instances a Name.
    const instanceTags = launchTags({ component: "ContainerService", instance: ctx.name, target: "the EC2 group and its instances", added: 2 }, ctx.tags, {
        parent: ctx.opts.parent,
    });
    const launchTemplate = createLaunchTemplate(
        ctx.name,
        {
            // The ECS-optimized AL2023 AMI: one root volume, /dev/xvda.
            family: "al2023",
            diskSizeGiB: c.rootVolumeGiB,
            instanceTags,
            instanceName: childName(ctx.name, "instance"),
            tags: ctx.tags,
            imageId: ami.value,
            iamInstanceProfileArn: profile.arn,
            securityGroupIds: [securityGroup.id],
            userData: cluster.name.apply((n) => Buffer.from(ecsUserData(n)).toString("base64")),
            monitoring: true,
        },
        ctx.opts,
        t.launchTemplate,
    );
    // Account-wide (per region) default: the opt-in is explicit, in Ec2CapacityArgs.awsvpcTrunking.
    // Kept on delete: the provider's delete sets the account's default back to "disabled"
    // (terraform-provider-aws account_setting_default.go), so destroying dev, renaming this component
    // or dropping the option would turn trunking off for every other cluster in the account and region.
    const trunking = c.awsvpcTrunking
        ? new ecs.AccountSettingDefault(
              childName(ctx.name, "awsvpc-trunking"),
              { name: "awsvpcTrunking", value: "enabled" },
              { ...ctx.opts, retainOnDelete: true },
          )
        : undefined;
    const group = create(
        autoscaling.Group,
        fitName(childName(ctx.name, "asg"), autoscaling.Group),
        {
            vpcZoneIdentifiers: ctx.cfg.vpc.privateSubnetIds,
            minSize: c.minSize,
            maxSize: c.maxSize,
            // Managed termination protection requires instances protected from scale-in.
            protectFromScaleIn: true,
            capacityRebalance: true,
            mixedInstancesPolicy: {
                instancesDistribution: {
                    onDemandBaseCapacity: c.onDemandBaseCapacity,
                    onDemandPercentageAboveBaseCapacity: c.onDemandPercentageAboveBaseCapacity,
                    spotAllocationStrategy: c.spotAllocationStrategy,
                },
                launchTemplate: {
                    launchTemplateSpecification: { launchTemplateId: launchTemplate.id, version: "$Latest" },
                    overrides: c.instanceTypes.map((instanceType) => ({ instanceType })),
                },
            },
            // ECS requires AmazonECSManaged on groups used by a capacity provider with managed scaling.
            tags: asgTags(instanceTags, { AmazonECSManaged: "true" }),
        },
        {
            ...ctx.opts,
            // Instances register with the account's ENI trunking setting as it is when they launch.
            ...(trunking ? { dependsOn: [trunking] } : {}),
            // ECS managed scaling owns the desired capacity.
            ignoreChanges: ["desiredCapacity"],
        },
        t.autoScalingGroup,
    );
    const capacityProvider = new ecs.CapacityProvider(
        fitName(childName(ctx.name, "ec2-capacity"), ecs.CapacityProvider),
        {
            autoScalingGroupProvider: {
                autoScalingGroupArn: group.arn,
                managedTerminationProtection: "ENABLED",
                managedDraining: "ENABLED",
                managedScaling: {
                    status: "ENABLED",
                    targetCapacity: c.targetCapacityPercent,
                    minimumScalingStepSize: 1,
                    maximumScalingStepSize: 10,
                    instanceWarmupPeriod: 180,
                },
            },
            tags: ctx.tags,
        },
        ctx.opts,
    );
    return { securityGroup, role, profile, launchTemplate, group, capacityProvider, trunking };
}
