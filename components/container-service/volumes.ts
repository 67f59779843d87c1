/**
 * Task volumes other than EFS: bind mounts (Fargate ephemeral storage or an EC2 host path) and the
 * EBS volume ECS creates per task of a service (`configuredAtLaunch`), with the infrastructure role
 * ECS manages it with.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ecs } from "@pulumi/aws/types/input";
import { RoleResources, Statement, assumeRolePolicy, awsManagedPolicyArn, createRole } from "../shared/iam";
import { childName } from "../shared/naming";
import { type Ctx, roleChildren } from "./context";
import type { ResolvedEbsVolume, ResolvedTask } from "./defaults";

/** `mountPoints` entries of container `key` for its bind mounts and the task's EBS volume. */
export function extraMountPoints(
    task: Pick<ResolvedTask, "bindMounts" | "ebsVolume">,
    key: string,
): Array<{ sourceVolume: string; containerPath: string; readOnly: boolean }> {
    const points = Object.entries(task.bindMounts)
        .filter(([, b]) => b.containers.includes(key))
        .map(([name, b]) => ({ sourceVolume: name, containerPath: b.containerPath, readOnly: b.readOnly }));
    const ebs = task.ebsVolume;
    if (ebs?.containers.includes(key)) points.push({ sourceVolume: ebs.name, containerPath: ebs.containerPath, readOnly: ebs.readOnly });
    return points;
}

/**
 * Task definition `volumes` for bind mounts (a `hostPath` only on EC2; none is the task's own
 * storage) and the EBS volume, whose configuration comes with the service
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html, specify-ebs-config.html).
 */
export function extraVolumes(task: Pick<ResolvedTask, "bindMounts" | "ebsVolume">): ecs.TaskDefinitionVolume[] {
    const volumes: ecs.TaskDefinitionVolume[] = Object.entries(task.bindMounts).map(([name, b]) => ({
        name,
        ...(b.hostPath !== undefined ? { hostPath: b.hostPath } : {}),
    }));
    if (task.ebsVolume) volumes.push({ name: task.ebsVolume.name, configureAtLaunch: true });
    return volumes;
}

/**
 * `<base>-ebs-role`: the ECS infrastructure role that creates, attaches and deletes the tasks' EBS
 * volumes, with AWS's managed policy for it and AWS's trust policy (no conditions documented:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html). With a
 * customer managed key, the role may use it only through EC2 (EBS), as EBS encryption needs
 * (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption-requirements.html).
 */
export function createEbsRole(ctx: Ctx, base: string, ebs: ResolvedEbsVolume): RoleResources {
    const kms: Statement[] =
        ebs.kmsKeyArn === undefined
            ? []
            : [
                  {
                      Sid: "EncryptVolumes",
                      Effect: "Allow",
                      Action: ["kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:DescribeKey", "kms:Decrypt"],
                      Resource: ebs.kmsKeyArn,
                      Condition: { StringLike: { "kms:ViaService": "ec2.*.amazonaws.com" } },
                  },
                  {
                      // EBS attaches an encrypted volume through a grant on the key, for AWS resources only.
                      Sid: "GrantForVolumes",
                      Effect: "Allow",
                      Action: "kms:CreateGrant",
                      Resource: ebs.kmsKeyArn,
                      Condition: { StringLike: { "kms:ViaService": "ec2.*.amazonaws.com" }, Bool: { "kms:GrantIsForAWSResource": "true" } },
                  },
              ];
    return createRole(
        childName(base, "ebs-role"),
        {
            description: `ECS creates and attaches the EBS volumes of ${base}'s tasks with this role`,
            assumeRolePolicy: assumeRolePolicy("ecs.amazonaws.com", { sid: "AllowAccessToECSForInfrastructureManagement" }),
            managedPolicies: { volumes: awsManagedPolicyArn(ctx.partition, "service-role/AmazonECSInfrastructureRolePolicyForVolumes") },
            ...(kms.length > 0 ? { policies: { kms } } : {}),
            tags: ctx.tags,
        },
        ctx.opts,
        ctx.cfg.transform.ebsRole,
        roleChildren(ctx),
    );
}

/**
 * The service's `volumeConfiguration`: one gp3 volume per task, always encrypted, tagged like the
 * service (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceManagedEBSVolumeConfiguration.html).
 */
export function ebsVolumeConfiguration(ebs: ResolvedEbsVolume, roleArn: pulumi.Input<string>): ecs.ServiceVolumeConfiguration {
    return {
        name: ebs.name,
        managedEbsVolume: {
            roleArn,
            // Always encrypted, whatever the account's EBS default: the component offers no unencrypted volume.
            encrypted: true,
            ...(ebs.kmsKeyArn !== undefined ? { kmsKeyId: ebs.kmsKeyArn } : {}),
            volumeType: "gp3",
            sizeInGb: ebs.sizeGiB,
            ...(ebs.iops !== undefined ? { iops: ebs.iops } : {}),
            ...(ebs.throughputMiBps !== undefined ? { throughput: ebs.throughputMiBps } : {}),
            fileSystemType: ebs.fileSystemType,
            tagSpecifications: [{ resourceType: "volume", propagateTags: "SERVICE" }],
        },
    };
}
