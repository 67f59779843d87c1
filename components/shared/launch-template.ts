/**
 * The launch template ContainerService's EC2 capacity and the EKS node groups share: IMDSv2 with one
 * hop, encrypted gp3 volumes, and tags on what the group launches.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import { launchTagSpecifications } from "./launch-tags";
import { childName, fitName } from "./naming";
import type { Tags } from "./tags";
import { Transform, create } from "./transform";

export type AmiFamily = "al2023" | "bottlerocket";

/**
 * Block devices of an instance, gp3 and encrypted. AL2023 (EKS or ECS-optimized) has one volume
 * (`/dev/xvda`). Bottlerocket boots from a small OS volume (`/dev/xvda`, its snapshot's size) and keeps
 * images, containers and logs on a data volume (`/dev/xvdb`): `diskSizeGiB` sizes that one (the two
 * devices Karpenter maps for Bottlerocket: https://karpenter.sh/docs/concepts/nodeclasses/#specblockdevicemappings).
 */
export function blockDevices(family: AmiFamily, diskSizeGiB: number): ec2.LaunchTemplateArgs["blockDeviceMappings"] {
    const ebs = { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" };
    if (family === "al2023") return [{ deviceName: "/dev/xvda", ebs: { ...ebs, volumeSize: diskSizeGiB } }];
    return [
        { deviceName: "/dev/xvda", ebs },
        { deviceName: "/dev/xvdb", ebs: { ...ebs, volumeSize: diskSizeGiB } },
    ];
}

/** What differs between the templates of the components. */
export interface LaunchTemplateSpec {
    family: AmiFamily;
    diskSizeGiB: number;
    /** Tags of the instances, volumes and ENIs: default + component tags (see `launchTags`). */
    instanceTags: pulumi.Output<Tags>;
    /** The instances' `Name` tag. */
    instanceName: pulumi.Input<string>;
    /** The template's own tags. */
    tags: Tags;
    description?: string;
    /** Absent for an EKS managed node group, which sets the AMI, profile and security groups itself. */
    imageId?: pulumi.Input<string>;
    iamInstanceProfileArn?: pulumi.Input<string>;
    securityGroupIds?: pulumi.Input<string>[];
    userData?: pulumi.Input<string>;
    /** Detailed (1-minute) CloudWatch monitoring of the instances. Absent: EC2's default, 5-minute metrics. */
    monitoring?: boolean;
}

/** The launch template, `<name>-launch-template`. */
export function createLaunchTemplate(
    name: string,
    spec: LaunchTemplateSpec,
    opts: pulumi.CustomResourceOptions,
    transform?: Transform<ec2.LaunchTemplateArgs>,
): ec2.LaunchTemplate {
    return create(
        ec2.LaunchTemplate,
        fitName(childName(name, "launch-template"), ec2.LaunchTemplate),
        {
            description: spec.description,
            imageId: spec.imageId,
            iamInstanceProfile: spec.iamInstanceProfileArn ? { arn: spec.iamInstanceProfileArn } : undefined,
            vpcSecurityGroupIds: spec.securityGroupIds,
            userData: spec.userData,
            metadataOptions: IMDS_V2_ONLY,
            blockDeviceMappings: blockDevices(spec.family, spec.diskSizeGiB),
            monitoring: spec.monitoring === undefined ? undefined : { enabled: spec.monitoring },
            tagSpecifications: launchTagSpecifications(spec.instanceTags, spec.instanceName),
            tags: spec.tags,
        },
        opts,
        transform,
    );
}

// issue 20 act
/**
 * Instance metadata for every template of the library: IMDSv2 only, one hop, so containers and pods
 * (one network hop further) cannot reach the instance role's credentials; instance tags stay out of
 * the metadata (EC2's default).
 */
export const IMDS_V2_ONLY = { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" };
