/**
 * EC2 capacity: Auto Scaling groups of ECS-optimized instances as capacity providers (`ec2Capacity` and
 * each of `ec2CapacityProviders`), sharing one instance role, profile and security group so that bridge
 * tasks, load balancer and EFS rules see one instances group whichever group a task lands on.
 */
import * as pulumi from "@pulumi/pulumi";
import * as autoscaling from "@pulumi/aws/autoscaling";
import * as ec2 from "@pulumi/aws/ec2";
import * as ecs from "@pulumi/aws/ecs";
import type * as iam from "@pulumi/aws/iam";
import * as ssm from "@pulumi/aws/ssm";
import type { ManagedScalingArgs } from "./args";
import { RoleResources, assumeRolePolicy, awsManagedPolicyArn, createInstanceProfile, createRole } from "../shared/iam";
import { asgTags, launchTags } from "../shared/launch-tags";
import { createLaunchTemplate } from "../shared/launch-template";
import { childName, fitName } from "../shared/naming";
import { create } from "../shared/transform";
import { type AsgCapacityResources, type Ctx, roleChildren } from "./context";
import { DEFAULTS, ResolvedEc2CapacityProvider } from "./defaults";

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

/** What every group of the component shares. */
export interface InstancesResources {
    securityGroup: ec2.SecurityGroup;
    role: RoleResources;
    profile: iam.InstanceProfile;
    /** The `awsvpcTrunking` account setting, when `ec2Capacity` or a provider asks for it. */
    trunking?: ecs.AccountSettingDefault;
}

/** The EC2 side of the cluster: the shared instance parts, `ec2Capacity`'s group and each provider's. */
export interface Ec2CapacityResources {
    instances?: InstancesResources;
    ec2?: AsgCapacityResources;
    providers: Record<string, AsgCapacityResources>;
}

/** What one group needs: `Ec2CapacityArgs` or `Ec2CapacityProviderArgs`, resolved. */
type GroupSpec = Omit<ResolvedEc2CapacityProvider, "managedScaling"> & { managedScaling: Required<ManagedScalingArgs> | false };

/** The shared instance parts and every group, for a cluster named `clusterName`. */
export function createEc2Capacity(ctx: Ctx, clusterName: pulumi.Output<string>): Ec2CapacityResources {
    const c = ctx.cfg.ec2Capacity;
    const keyed = Object.entries(ctx.cfg.ec2CapacityProviders);
    if (!c && keyed.length === 0) return { providers: {} };
    const instances = createInstances(ctx, c?.awsvpcTrunking === true || keyed.some(([, p]) => p.awsvpcTrunking));
    const ec2Group = c
        ? createAsgCapacity(
              ctx,
              { prefix: ctx.name, asg: childName(ctx.name, "asg"), capacityProvider: childName(ctx.name, "ec2-capacity") },
              {
                  ...c,
                  instanceWeights: {},
                  managedScaling: { ...DEFAULTS.ManagedScalingArgs, targetCapacityPercent: c.targetCapacityPercent },
              },
              instances,
              clusterName,
          )
        : undefined;
    const providers = Object.fromEntries(
        keyed.map(([key, p]) => {
            const prefix = childName(ctx.name, key);
            const names = { prefix, asg: childName(prefix, "asg"), capacityProvider: childName(prefix, "capacity-provider") };
            return [key, createAsgCapacity(ctx, names, p, instances, clusterName)];
        }),
    );
    return { instances, ec2: ec2Group, providers };
}

/** The instances' security group, role and profile, and the trunking account setting when asked. */
function createInstances(ctx: Ctx, trunking: boolean): InstancesResources {
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
        ctx.cfg.transform.instanceSecurityGroup,
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
        ctx.cfg.transform.instanceRole,
        roleChildren(ctx),
    );
    // Instances launched before the policies are attached could not register with the cluster.
    const profile = createInstanceProfile(ctx.name, role, ctx.tags, ctx.opts, ctx.cfg.transform.instanceProfile);
    // Account-wide (per region) default: the opt-in is explicit, in Ec2CapacityArgs.awsvpcTrunking.
    // Kept on delete: the provider's delete sets the account's default back to "disabled"
    // (terraform-provider-aws account_setting_default.go), so destroying dev, renaming this component
    // or dropping the option would turn trunking off for every other cluster in the account and region.
    const setting = trunking
        ? create(
              ecs.AccountSettingDefault,
              childName(ctx.name, "awsvpc-trunking"),
              { name: "awsvpcTrunking", value: "enabled" },
              { ...ctx.opts, retainOnDelete: true },
              ctx.cfg.transform.accountSetting,
          )
        : undefined;
    return { securityGroup, role, profile, trunking: setting };
}

/**
 * One Auto Scaling group of ECS-optimized instances as a capacity provider: on-demand base plus Spot,
 * and (unless `managedScaling: false`) managed scaling (ECS sizes the group from the tasks'
 * reservations) with managed termination protection (no instance with tasks is scaled in).
 */
function createAsgCapacity(
    ctx: Ctx,
    names: { prefix: string; asg: string; capacityProvider: string },
    c: GroupSpec,
    instances: InstancesResources,
    clusterName: pulumi.Output<string>,
): AsgCapacityResources {
    const t = ctx.cfg.transform;
    const ami = ssm.getParameterOutput({ name: ECS_AMI_PARAMETER[c.architecture] }, { parent: ctx.opts.parent });
    // Instances, volumes and ENIs get only the group's propagated tags and the template's tag
    // specifications; the group adds AmazonECSManaged and the instances a Name.
    const instanceTags = launchTags({ component: "ContainerService", instance: ctx.name, target: "the EC2 group and its instances", added: 2 }, ctx.tags, {
        parent: ctx.opts.parent,
    });
    const launchTemplate = createLaunchTemplate(
        names.prefix,
        {
            // The ECS-optimized AL2023 AMI: one root volume, /dev/xvda.
            family: "al2023",
            diskSizeGiB: c.rootVolumeGiB,
            instanceTags,
            instanceName: childName(names.prefix, "instance"),
            tags: ctx.tags,
            imageId: ami.value,
            iamInstanceProfileArn: instances.profile.arn,
            securityGroupIds: [instances.securityGroup.id],
            userData: clusterName.apply((n) => Buffer.from(ecsUserData(n)).toString("base64")),
            monitoring: true,
        },
        ctx.opts,
        t.launchTemplate,
    );
    const managed = c.managedScaling !== false;
    // ASG weights (1–999) count toward the group's sizes; every instance type has one or none does
    // (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LaunchTemplateOverrides.html).
    const weighted = Object.keys(c.instanceWeights).length > 0;
    const autoScalingGroup = create(
        autoscaling.Group,
        fitName(names.asg, autoscaling.Group),
        {
            vpcZoneIdentifiers: ctx.cfg.vpc.privateSubnetIds,
            minSize: c.minSize,
            maxSize: c.maxSize,
            // Managed termination protection requires instances protected from scale-in; without
            // managed scaling, protection would keep your own policies from scaling in.
            protectFromScaleIn: managed,
            capacityRebalance: true,
            mixedInstancesPolicy: {
                instancesDistribution: {
                    onDemandBaseCapacity: c.onDemandBaseCapacity,
                    onDemandPercentageAboveBaseCapacity: c.onDemandPercentageAboveBaseCapacity,
                    spotAllocationStrategy: c.spotAllocationStrategy,
                },
                launchTemplate: {
                    launchTemplateSpecification: { launchTemplateId: launchTemplate.id, version: "$Latest" },
                    overrides: c.instanceTypes.map((instanceType) =>
                        weighted ? { instanceType, weightedCapacity: String(c.instanceWeights[instanceType]) } : { instanceType },
                    ),
                },
            },
            // ECS requires AmazonECSManaged on groups used by a capacity provider with managed scaling.
            tags: asgTags(instanceTags, { AmazonECSManaged: "true" }),
        },
        {
            ...ctx.opts,
            // Instances register with the account's ENI trunking setting as it is when they launch.
            ...(instances.trunking ? { dependsOn: [instances.trunking] } : {}),
            // ECS managed scaling (or your own policies) owns the desired capacity.
            ignoreChanges: ["desiredCapacity"],
        },
        t.autoScalingGroup,
    );
    const scaling = c.managedScaling;
    const capacityProvider = create(
        ecs.CapacityProvider,
        fitName(names.capacityProvider, ecs.CapacityProvider),
        {
            autoScalingGroupProvider: {
                autoScalingGroupArn: autoScalingGroup.arn,
                // Managed termination protection only works with managed scaling
                // (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AutoScalingGroupProvider.html).
                managedTerminationProtection: managed ? "ENABLED" : "DISABLED",
                managedDraining: "ENABLED",
                managedScaling:
                    scaling === false
                        ? { status: "DISABLED" }
                        : {
                              status: "ENABLED",
                              targetCapacity: scaling.targetCapacityPercent,
                              minimumScalingStepSize: scaling.minimumStepSize,
                              maximumScalingStepSize: scaling.maximumStepSize,
                              instanceWarmupPeriod: scaling.instanceWarmupSeconds,
                          },
            },
            tags: ctx.tags,
        },
        ctx.opts,
        t.capacityProvider,
    );
    return { launchTemplate, autoScalingGroup, capacityProvider };
}
