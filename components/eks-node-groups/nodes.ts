/**
 * What managed and self-managed node groups share: the node IAM role and the launch template
 * (shared/launch-template.ts: IMDSv2 with one hop, encrypted gp3 volumes, tags on what the group launches).
 */
import * as pulumi from "@pulumi/pulumi";
import type * as ec2 from "@pulumi/aws/ec2";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import type * as iam from "@pulumi/aws/iam";
import { RoleResources, assumeRolePolicy, createRole } from "../shared/iam";
import { LaunchTagsOwner, launchTags } from "../shared/launch-tags";
import { LaunchTemplateSpec, createLaunchTemplate as createSharedLaunchTemplate } from "../shared/launch-template";
import { childName } from "../shared/naming";
import { componentTags } from "../shared/tags";
import type { Transform } from "../shared/transform";
import { awsManagedPolicyArn } from "../shared/iam";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getRegionOutput } from "@pulumi/aws/getRegion";

/** What every builder of a node component needs. */
export interface NodeCtx {
    /** The component instance's name: children are `${name}-<role>`. */
    name: string;
    /** `{ parent }` for every child. */
    opts: pulumi.CustomResourceOptions;
    /** The component's tags (user tags plus `aws-platform:component`). */
    tags: Record<string, string>;
    partition: pulumi.Output<string>;
}

/** The context of a node component `component` (its class) named `name`, children parented to it. */
export function nodeContext(component: pulumi.ComponentResource, type: string, name: string, tags: Record<string, string>): NodeCtx {
    return { name, opts: { parent: component }, tags: componentTags(type, name, tags), partition: getPartitionOutput({}, { parent: component }).partition };
}

/** A NodeCtx that also knows the region and account, for ARNs of the component's own resources. */
export interface RegionalNodeCtx extends NodeCtx {
    region: pulumi.Output<string>;
    accountId: pulumi.Output<string>;
}

/** `nodeContext` plus the region and account lookups (only components that build such ARNs pay for them). */
export function regionalNodeContext(component: pulumi.ComponentResource, type: string, name: string, tags: Record<string, string>): RegionalNodeCtx {
    return {
        ...nodeContext(component, type, name, tags),
        region: getRegionOutput({}, { parent: component }).region,
        accountId: getCallerIdentityOutput({}, { parent: component }).accountId,
    };
}

/**
 * Warns when Spot capacity draws on one instance type: few capacity pools make interruptions and
 * failed launches likelier (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-best-practices.html).
 */
export function warnSpotDiversity(component: pulumi.ComponentResource, label: string, instanceTypes: string[]): void {
    if (instanceTypes.length !== 1) return;
    pulumi.log.warn(
        `[aws-platform:eks:spot-diversity] ${label}: Spot with one instance type (${instanceTypes[0]}) draws from few capacity pools, so interruptions and failed launches are likelier; list several types of the same size (e.g. m7i.large, m6i.large, m5.large)`,
        component,
    );
}

/**
 * The node role's managed policies, by key (the key names the attachment `<name>-node-role-<key>`).
 * AWS's list for nodes (https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html):
 * `AmazonEKSWorkerNodePolicy` (describe EC2 for the kubelet, and `eks-auth:AssumeRoleForPodIdentity`
 * for the Pod Identity agent) and `AmazonEC2ContainerRegistryPullOnly` (pull images, the add-ons'
 * included; AWS's narrower successor of `AmazonEC2ContainerRegistryReadOnly`); plus
 * `AmazonSSMManagedInstanceCore` for shell access through Session Manager instead of SSH, and
 * `AmazonEKS_CNI_Policy` only when asked (see `attachCniPolicy`).
 */
export function nodePolicies(partition: pulumi.Input<string>, attachCniPolicy: boolean): Record<string, pulumi.Output<string>> {
    return {
        worker: awsManagedPolicyArn(partition, "AmazonEKSWorkerNodePolicy"),
        ecr: awsManagedPolicyArn(partition, "AmazonEC2ContainerRegistryPullOnly"),
        ssm: awsManagedPolicyArn(partition, "AmazonSSMManagedInstanceCore"),
        ...(attachCniPolicy ? { cni: awsManagedPolicyArn(partition, "AmazonEKS_CNI_Policy") } : {}),
    };
}

/** The node IAM role, `<name>-node-role`, trusted by EC2. */
export function createNodeRole(ctx: NodeCtx, attachCniPolicy: boolean, transform?: Transform<iam.RoleArgs>): RoleResources {
    return createRole(
        childName(ctx.name, "node-role"),
        {
            description: `EKS nodes of ${ctx.name}`,
            // AWS's node role trust policy, as documented: no condition. EC2 carries no confused-deputy
            // key when an instance assumes its role, and a condition on a key the request lacks would
            // deny the role to every node.
            assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
            managedPolicies: nodePolicies(ctx.partition, attachCniPolicy),
            tags: ctx.tags,
        },
        ctx.opts,
        transform,
    );
}

/** What differs between the managed and the self-managed template. */
export type NodeLaunchTemplateSpec = Omit<LaunchTemplateSpec, "instanceName" | "tags" | "description" | "monitoring">;

/** The launch template, `<name>-launch-template`; its instances are named `<name>-node`. */
export function createLaunchTemplate(ctx: NodeCtx, spec: NodeLaunchTemplateSpec, transform?: Transform<ec2.LaunchTemplateArgs>): ec2.LaunchTemplate {
    return createSharedLaunchTemplate(
        ctx.name,
        { ...spec, description: `EKS nodes of ${ctx.name}`, instanceName: childName(ctx.name, "node"), tags: ctx.tags },
        ctx.opts,
        transform,
    );
}

/** Default + component tags for what the group launches, checked against AWS's 50. */
export function nodeTags(ctx: NodeCtx, owner: Omit<LaunchTagsOwner, "instance">): pulumi.Output<Record<string, string>> {
    return launchTags({ ...owner, instance: ctx.name }, ctx.tags, { parent: ctx.opts.parent });
}
